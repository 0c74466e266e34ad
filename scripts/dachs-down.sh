#!/usr/bin/env bash
# dachs-down.sh: stop the DaCHS server started by scripts/dachs-up.sh. Run as root.
#   --with-postgres   also stop the PostgreSQL cluster
#   --purge           also drop the project's tables (zcat/q, zcat/big, rr/q), unpublish
#                     them, and remove the RDs, data and userconfig.rd that dachs-up.sh
#                     wrote (packages, /etc/gavo.rc and the gavo database are kept)
set -euo pipefail
PGVER=${DACHS_PGVER:-15}
GAVO_ROOT=/var/gavo
WITH_PG=0 PURGE=0
for a in "$@"; do
	case $a in
	--with-postgres) WITH_PG=1 ;;
	--purge) PURGE=1 ;;
	*) echo "usage: $0 [--with-postgres] [--purge]" >&2; exit 2 ;;
	esac
done
[ "$(id -u)" = 0 ] || { echo "dachs-down.sh: must be run as root" >&2; exit 1; }
log() { echo "[dachs-down] $*"; }

alive() { # true if $1 is a live, non-zombie process
	local state
	state=$(awk '/^State:/{print $2}' "/proc/$1/status" 2>/dev/null || true)
	[ -n "$state" ] && [ "$state" != Z ]
}
pid=$(cat "$GAVO_ROOT/state/web.pid" 2>/dev/null || true)
if [ -n "$pid" ] && alive "$pid"; then
	log "stopping DaCHS server (pid $pid)"
	(cd / && dachs serve stop) >/dev/null 2>&1 || true
	for _ in $(seq 1 50); do alive "$pid" || break; sleep 0.1; done
	if alive "$pid"; then log "server pid $pid still alive; sending SIGKILL"; kill -KILL "$pid"; fi
else
	log "no DaCHS server running (per $GAVO_ROOT/state/web.pid)"
fi
rm -f "$GAVO_ROOT/state/web.pid"

if [ $PURGE = 1 ]; then
	if pg_ctlcluster "$PGVER" main status >/dev/null 2>&1; then
		for rd in rr/q zcat/big zcat/q; do
			if [ -f "$GAVO_ROOT/inputs/$rd.rd" ]; then
				log "dropping $rd"
				# (DaCHS warns that it cannot drop schema zcat while the other zcat RD has tables: harmless)
				(cd / && runuser -u dachsroot -- dachs drop "$rd") 2>&1 | grep -v -e '^\*\* WARNING: Cannot drop RD' -e '^DETAIL:' \
					-e 'depends on schema' -e '^HINT:' -e '^\.$' || true
			fi
		done
	fi
	rm -rf "$GAVO_ROOT/inputs/zcat" "$GAVO_ROOT/inputs/rr" "$GAVO_ROOT/etc/userconfig.rd" "$GAVO_ROOT/state/adqlkit"
	log "removed $GAVO_ROOT/inputs/{zcat,rr}, $GAVO_ROOT/etc/userconfig.rd and the import stamps"
fi

if [ $WITH_PG = 1 ] && pg_ctlcluster "$PGVER" main status >/dev/null 2>&1; then
	log "stopping PostgreSQL cluster $PGVER/main"
	pg_ctlcluster "$PGVER" main stop
fi
