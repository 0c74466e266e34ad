#!/usr/bin/env bash
# install-test-tools.sh: Debian packages some tests drive for real: Neovim (the language server in a
# real editor), STILTS (taplint against the local TAP service) and Chromium (the browser build, driven
# headless by playwright-core: Playwright's own browser download is not used), python3-healpy (the
# HEALPix reference test/hats compares against). Idempotent; root; fast when present.
set -euo pipefail
TOOLS=(neovim stilts chromium python3-healpy)
[ "$(id -u)" = 0 ] || { echo "install-test-tools.sh: must be run as root" >&2; exit 1; }
missing=()
for p in "${TOOLS[@]}"; do
  [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)" = installed ] || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
export DEBIAN_FRONTEND=noninteractive
echo "[install-test-tools] apt-get install ${missing[*]}"
apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null 2>&1 || {
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}"
}
