#!/usr/bin/env bash
# `npm run bench`: every benchmark, with the peers (vollt, DaCHS's parser, pyvo/astropy, STILTS) run in
# the same process tree so ratios are taken on the same machine at the same time.
#   npm run bench                 all of them (about 20 minutes on 2 cores)
#   npm run bench -- adql votable only the named groups (adql browser builder cli columnar engine hats partition plot tap validate votable)
# As root it installs the peers and brings up the local DaCHS service first; otherwise benchmarks that
# need them say so and skip that part. ADQLKIT_TAP_URL points the TAP benchmarks at another service.
set -uo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules/.bin ] || npm ci --no-audit --no-fund
npm run --silent build || exit 2

if [ "$(id -u)" = 0 ]; then
  bash scripts/install-peers.sh || echo "note: peers could not be installed; benchmarks skip them"
  bash scripts/install-test-tools.sh || echo "note: Chromium could not be installed; the browser benchmark fails saying so"
  if [ -z "${ADQLKIT_TAP_URL:-}" ]; then bash scripts/dachs-up.sh || echo "note: DaCHS did not start; service benchmarks skip"; fi
fi
export ADQLKIT_TAP_URL="${ADQLKIT_TAP_URL:-http://127.0.0.1:${DACHS_PORT:-8080}/tap}"

declare -A GROUPS_RUN=(
  [adql]="bench/adql/parse.bench.ts"
  [builder]="bench/builder/runtime.ts bench/builder/typecheck.ts"
  [cli]="bench/cli/lint-cold.bench.ts bench/cli/lsp.bench.ts"
  [validate]="bench/validate/validate.bench.ts"
  [votable]="bench/votable/bench.ts"
  [tap]="bench/tap/sync-query.ts bench/tap/async-job.ts bench/tap/upload-xmatch.ts bench/tap/one-shot.ts"
  [engine]="bench/engine/run.ts"
  [partition]="bench/partition/run.ts"
  [plot]="bench/plot/scatter.ts"
  [columnar]="bench/columnar/run.ts"
  [hats]="bench/hats/run.ts"
  [browser]="bench/browser/run.ts"
)
ORDER=(adql builder validate cli votable tap engine partition columnar hats plot browser)
selected=("$@")
[ ${#selected[@]} -gt 0 ] || selected=("${ORDER[@]}")

# Under load the JIT of the JVM peers starves first and ratios inflate: say so beside every group.
CORES=$(nproc 2>/dev/null || echo 1)
load_report() {
  local one rest
  read -r one rest < /proc/loadavg 2>/dev/null || return 0
  echo "load average $1: $one (1 min) on $CORES cores"
  if awk -v l="$one" -v c="$CORES" 'BEGIN { exit !(l > c) }'; then
    echo "WARNING: load average $one is above the $CORES cores: wall times and ratios are inflated; trust the CPU-time columns"
  fi
}

failed=()
for group in "${selected[@]}"; do
  files=${GROUPS_RUN[$group]:-}
  if [ -z "$files" ]; then echo "bench: unknown group '$group' (groups: ${ORDER[*]})" >&2; exit 2; fi
  echo; echo "################ group $group"; load_report "before $group"
  for file in $files; do
    [ -f "$file" ] || { echo "== $file: not present, skipped"; continue; }
    echo; echo "================ $file ($(date -u +%H:%M:%S))"
    npx tsx "$file" || failed+=("$file")
  done
  load_report "after $group"
done

echo
if [ ${#failed[@]} -gt 0 ]; then echo "bench: failed: ${failed[*]}"; exit 1; fi
echo "bench: all benchmarks ran"
