#!/usr/bin/env bash
# dachs-load.sh: loads the HATS benchmark's two catalogues (bench/hats/dachs/q.rd, ROWS rows each)
# into the project's running DaCHS as hatsbench.sky and hatsbench.near, for bench/hats/run.ts's
# comparison with PostgreSQL + pgSphere. Run as root after scripts/dachs-up.sh. Skips the import
# when the tables already hold ROWS rows. Remove them with: bash bench/hats/dachs-load.sh drop
#
# Usage: HATS_DACHS_ROWS=10000000 bash bench/hats/dachs-load.sh     (~10 min for 2 x 10^7 rows, ~3 GB)
set -euo pipefail
ROWS=${HATS_DACHS_ROWS:-10000000}
[[ "$ROWS" =~ ^[0-9]+$ ]] || { echo "HATS_DACHS_ROWS must be a positive integer, got '$ROWS'" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "run as root (it writes /var/gavo/inputs and runs dachs imp)" >&2; exit 1; }
DIR=/var/gavo/inputs/hatsbench
dachs_cmd() { (cd / && runuser -u dachsroot -- dachs "$@"); }
count() { runuser -u postgres -- psql -X -q -A -t -d gavo -c "SELECT count(*) FROM hatsbench.$1" 2>/dev/null || echo 0; }

if [ "${1:-}" = drop ]; then
	dachs_cmd drop hatsbench/q || true
	rm -rf "$DIR"
	echo "dropped hatsbench.sky and hatsbench.near"
	exit 0
fi
install -d -m 0755 -o dachsroot -g gavo "$DIR"
sed "s/@ROWS@/$ROWS/g" "$(dirname "$0")/dachs/q.rd" >"$DIR/q.rd"
chown dachsroot:gavo "$DIR/q.rd"
if [ "$(count sky)" = "$ROWS" ] && [ "$(count near)" = "$ROWS" ]; then
	echo "hatsbench.sky and hatsbench.near already hold $ROWS rows each"
	exit 0
fi
start=$(date +%s)
dachs_cmd imp hatsbench/q
echo "imported hatsbench.sky ($(count sky) rows) and hatsbench.near ($(count near) rows) in $(($(date +%s) - start)) s"
