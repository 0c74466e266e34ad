#!/usr/bin/env bash
# The full test suite, from a fresh clone: installs the npm dependencies when missing, builds,
# brings up the project's local DaCHS TAP service (when run as root and no service is given),
# then runs every test. Integration tests use $ADQLKIT_TAP_URL.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -d node_modules/.bin ] || npm ci --no-audit --no-fund
npm run --silent build
npm run --silent lint || { echo "lint failed: fix the errors above (npm run format rewrites the layout)" >&2; exit 1; }

if [ "$(id -u)" = 0 ]; then
  bash scripts/install-test-tools.sh || echo "note: neovim/stilts/chromium could not be installed; the tests that drive them skip and say so"
fi

if [ -z "${ADQLKIT_TAP_URL:-}" ]; then
  if [ "$(id -u)" = 0 ] && [ "${ADQLKIT_NO_DACHS:-0}" != 1 ]; then
    bash scripts/dachs-up.sh
    export ADQLKIT_TAP_URL="http://127.0.0.1:${DACHS_PORT:-8080}/tap"
  else
    echo "note: not root (or ADQLKIT_NO_DACHS=1): the local DaCHS service is not started;" \
         "integration tests will skip and say why. Set ADQLKIT_TAP_URL to use a running service."
  fi
fi

exec npx vitest run --reporter=default --reporter=./test/support/summary-reporter.ts "$@"
