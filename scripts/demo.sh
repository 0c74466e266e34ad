#!/usr/bin/env bash
# `npm run demo [-- TAP_URL]`: adqlkit's main job end to end (examples/demo.ts): read a service's
# metadata, catch a mistake before sending, fix it, build a query in TypeScript, run it sync and async,
# report a truncated result, and the same from the `adql` command line.
# With a URL (or $ADQLKIT_TAP_URL) it runs against that service. Without one it runs against the
# embedded engine on the bundled sample catalogue, then, as root, against the project's local DaCHS
# (installed and started by scripts/dachs-up.sh; ADQLKIT_DEMO_NO_DACHS=1 skips it).
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules/.bin ] || npm ci --no-audit --no-fund

url="${1:-${ADQLKIT_TAP_URL:-}}"
if [ -n "$url" ]; then
  exec npx tsx examples/demo.ts "$url"
fi

echo "######## 1. adqlkit's embedded TAP engine (DuckDB) on the bundled sample catalogue"
npx tsx examples/demo.ts

echo
echo "######## 2. the project's local GAVO DaCHS service (PostgreSQL + pgSphere)"
if [ "$(id -u)" != 0 ]; then
  echo "skipped: starting the local DaCHS needs root (sudo npm run demo), or pass a TAP service URL: npm run demo -- URL"
elif [ "${ADQLKIT_DEMO_NO_DACHS:-0}" = 1 ]; then
  echo "skipped: ADQLKIT_DEMO_NO_DACHS=1"
else
  bash scripts/dachs-up.sh
  npx tsx examples/demo.ts "http://127.0.0.1:${DACHS_PORT:-8080}/tap"
fi
