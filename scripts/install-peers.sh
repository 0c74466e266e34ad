#!/usr/bin/env bash
# install-peers.sh: the Debian packages benchmarks and conformance tests compare adqlkit with:
# pyvo 1.2.1 and astropy 5.2.1 (for /usr/bin/python3), STILTS (taplint) and the vollt ADQL
# library (/usr/share/java/adql.jar). Idempotent; run as root; does nothing when all are there.
set -euo pipefail
PEERS=(python3-pyvo python3-astropy stilts adql-java)
[ "$(id -u)" = 0 ] || { echo "install-peers.sh: must be run as root" >&2; exit 1; }
missing=()
for p in "${PEERS[@]}"; do
	[ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)" = installed ] || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
	echo "[install-peers] already installed: ${PEERS[*]}"
	exit 0
fi
export DEBIAN_FRONTEND=noninteractive
echo "[install-peers] apt-get install ${missing[*]}"
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
