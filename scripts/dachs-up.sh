#!/usr/bin/env bash
# dachs-up.sh: install (Debian packages), configure, import and start adqlkit's
# test TAP service, GAVO DaCHS 2.7 on PostgreSQL + pgSphere, bound to loopback.
# Idempotent; run as root; no systemd needed; under 2 s when all is already up.
#
# Serves (see scripts/dachs/README.md):
#   zcat.main (5000 galaxies), zcat.truth_match (FK to main), zcat.photometry
#   (delimited mixed-case columns "MagAB", "MagErr", "Dec"), zcat.big (1e6 rows,
#   RD zcat/big, for chunked runs), rr.* (RegTAP 1.1 of this site's own
#   resources, RD rr/q), TAP examples, a Simple Cone Search (zcat/q/cone).
#
# Environment knobs:
#   DACHS_PORT=8080            port to listen on
#   DACHS_BIND=127.0.0.1       interface to bind
#   DACHS_URLHOST=127.0.0.1    host in [web]serverURL (job URLs, accessURLs)
#   DACHS_BIG_ROWS=1000000     rows in zcat.big (0: do not create zcat.big)
#   DACHS_MAX_TAP_RUNNING=8    [async]maxTAPRunning (more jobs are QUEUED)
#   DACHS_WAIT_S=120           how long to wait for the server to answer
#   DACHS_PGVER=15             PostgreSQL major version (bookworm: 15)
#   DACHS_FORCE_IMPORT=0       1: re-import every RD, restart the server
#
# After success: TAP at http://$DACHS_URLHOST:$DACHS_PORT/tap. Stop: dachs-down.sh.
set -euo pipefail

PORT=${DACHS_PORT:-8080}
BIND=${DACHS_BIND:-127.0.0.1}
URLHOST=${DACHS_URLHOST:-127.0.0.1}
BIG_ROWS=${DACHS_BIG_ROWS:-1000000}
MAX_TAP_RUNNING=${DACHS_MAX_TAP_RUNNING:-8}
WAIT_S=${DACHS_WAIT_S:-120}
PGVER=${DACHS_PGVER:-15}
FORCE_IMPORT=${DACHS_FORCE_IMPORT:-0}
SRC=$(cd "$(dirname "$0")/dachs" && pwd)
GAVO_ROOT=/var/gavo
ZCAT_DIR=$GAVO_ROOT/inputs/zcat
RR_DIR=$GAVO_ROOT/inputs/rr
STAMP_DIR=$GAVO_ROOT/state/adqlkit
BASE_URL="http://$URLHOST:$PORT"
PROBE_URL="http://$BIND:$PORT"
[ "$BIND" = "0.0.0.0" ] && PROBE_URL="http://127.0.0.1:$PORT"
PY=/usr/bin/python3
export DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8

T0=${EPOCHREALTIME/./}
log() {
	local now=${EPOCHREALTIME/./}
	printf '[dachs-up +%d.%03ds] %s\n' $(((now - T0) / 1000000)) $((((now - T0) / 1000) % 1000)) "$*"
}
die() { log "ERROR: $*"; exit 1; }
trap 'log "ERROR: failed (exit $?) at line $LINENO: $BASH_COMMAND"' ERR

[ "$(id -u)" = 0 ] || die "must be run as root (it installs packages and manages the server)"
[[ "$BIG_ROWS" =~ ^[0-9]+$ ]] || die "DACHS_BIG_ROWS must be a non-negative integer, got '$BIG_ROWS'"
# Several test runs may call this at once: one at a time (the others then find all up, quickly).
# Daemons started below get "9>&-" so that they do not inherit, and keep holding, the lock.
mkdir -p /run/lock
exec 9>/run/lock/adqlkit-dachs-up.lock
flock -n 9 || { log "another dachs-up.sh is running; waiting for it"; flock 9; }

# write_if_changed DEST MODE OWNER:GROUP  (content on stdin): 0 if DEST was (re)written.
write_if_changed() {
	local dest=$1 mode=$2 owner=$3 tmp
	tmp=$(mktemp)
	cat >"$tmp"
	if [ -f "$dest" ] && cmp -s "$tmp" "$dest"; then rm -f "$tmp"; return 1; fi
	install -D -m "$mode" -o "${owner%%:*}" -g "${owner##*:}" "$tmp" "$dest"
	rm -f "$tmp"
	return 0
}
pkg_status() { dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null || true; }
APT_UPDATED=0
apt_install() {
	local missing=() p
	# one dpkg-query for all (packages it does not know are missing from its output)
	local installed
	installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "$@" 2>/dev/null | awk '$2=="installed"{print $1}' || true)
	for p in "$@"; do grep -qx -- "$p" <<<"$installed" || missing+=("$p"); done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ $APT_UPDATED = 0 ]; then log "apt-get update"; apt-get update -q; APT_UPDATED=1; fi
	log "apt-get install ${missing[*]}"
	apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confold "${missing[@]}" 9>&-
}
pg_sql() { runuser -u postgres -- psql -X -q -A -t -d "$1" -c "$2"; } # as the postgres superuser
dachs_cmd() { (cd / && runuser -u dachsroot -- dachs "$@"); }
dachs_imp() { # dachs_imp RD: import, fail loudly with DaCHS's output, else log the row counts
	local logf="$STAMP_DIR/imp-${1//\//-}.log"
	if ! dachs_cmd imp "$1" >"$logf" 2>&1; then
		cat "$logf" >&2
		die "dachs imp $1 failed (full output: $logf)"
	fi
	log "imported $1: $(grep -E '^Rows affected' "$logf" | awk '{print $3}' | paste -sd' ') rows"
}

CONFIG_CHANGED=0 # server restart needed

# ---------------------------------------------------------------- /etc/gavo.rc
# Written before DaCHS is installed so that its postinst ("dachs init") sees it.
if write_if_changed /etc/gavo.rc 0644 root:root <<EOF
# written by adqlkit scripts/dachs-up.sh
[general]
logLevel: info

[web]
serverURL: $BASE_URL
bindAddress: $BIND
serverPort: $PORT
sitename: adqlkit test site
adminpasswd: adqlkit-test

[async]
defaultMAXREC: 20000
maxTAPRunning: $MAX_TAP_RUNNING
defaultExecTime: 3600

[ivoa]
authority: adqlkit.test
EOF
then log "wrote /etc/gavo.rc"; CONFIG_CHANGED=1; fi

# ---------------------------------------------------------------- PostgreSQL
apt_install postgresql "postgresql-$PGVER-pgsphere" "postgresql-$PGVER-q3c" curl ca-certificates
if ! pg_isready -q -h /var/run/postgresql; then # (pg_lsclusters and pg_ctlcluster are slow: only when needed)
	if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$PGVER main"; then
		log "creating PostgreSQL cluster $PGVER/main"
		pg_createcluster "$PGVER" main
	fi
	if ! pg_ctlcluster "$PGVER" main status >/dev/null 2>&1; then
		log "starting PostgreSQL cluster $PGVER/main"
		pg_ctlcluster "$PGVER" main start 9>&-
	fi
	for _ in $(seq 1 60); do pg_isready -q -h /var/run/postgresql && break; sleep 0.5; done
	pg_isready -q -h /var/run/postgresql || die "PostgreSQL $PGVER/main does not come up; see /var/log/postgresql/"
fi
log "PostgreSQL $PGVER/main is running"

# db_state: one query for what the steps below check: "TAP_SCHEMA ZCAT_COUNTS BIG_MAX RR_COUNT"
# ("none" for a missing table; all "nodb" without the gavo database). query_to_xml runs
# the count only when the table exists, so a missing table does not fail the whole query.
count_sql() { # count_sql TABLE EXPR
	echo "CASE WHEN to_regclass('$1') IS NULL THEN 'none' ELSE (xpath('/row/n/text()', query_to_xml('SELECT $2 AS n FROM $1', false, true, '')))[1]::text END"
}
db_state() {
	pg_sql gavo "SELECT concat_ws(' ',
		(SELECT count(*) FROM pg_namespace WHERE nspname = 'tap_schema'),
		$(count_sql zcat.main 'count(*)'), $(count_sql zcat.truth_match 'count(*)'),
		$(count_sql zcat.photometry 'count(*)'), $(count_sql zcat.big 'coalesce(max(id), 0)'),
		$(count_sql rr.resource 'count(*)'))" 2>/dev/null || echo "nodb nodb nodb nodb nodb nodb"
}

# ---------------------------------------------------------------- DaCHS
# gavodachs2-server's postinst creates the gavo DB and runs "dachs init"; it fails
# when PostgreSQL is not running, which is why PostgreSQL comes first.
if [ "$(pkg_status gavodachs2-server)" != installed ]; then
	apt_install gavodachs2-server || log "apt-get reported an error; checking the package state"
	if [ "$(pkg_status gavodachs2-server)" != installed ]; then
		log "finishing package configuration (dpkg --configure -a)"
		dpkg --configure -a
	fi
	[ "$(pkg_status gavodachs2-server)" = installed ] || die "gavodachs2-server could not be configured"
fi
# A host with systemd starts dachs.service from the postinst; this script manages the server itself.
if [ -d /run/systemd/system ] && systemctl is-active --quiet dachs 2>/dev/null; then
	log "stopping and disabling systemd's dachs.service"
	systemctl stop dachs; systemctl disable dachs >/dev/null 2>&1 || true
fi
mkdir -p "$GAVO_ROOT" "$STAMP_DIR"
read -r HAS_TAP_SCHEMA N_MAIN N_TRUTH N_PHOT N_BIG N_RR <<<"$(db_state)"
if [ "$HAS_TAP_SCHEMA" != 1 ] || [ ! -f "$GAVO_ROOT/etc/dsn" ]; then
	# Redo what the postinst does, in case it ran while PostgreSQL was down.
	getent group gavo >/dev/null || addgroup --system gavo
	getent passwd gavo >/dev/null || adduser --system --no-create-home --home /nonexistent --ingroup gavo gavo
	getent passwd dachsroot >/dev/null ||
		adduser --system --shell /bin/sh --no-create-home --home /nonexistent --ingroup gavo dachsroot
	if [ "$(pg_sql postgres "SELECT 1 FROM pg_database WHERE datname='gavo'")" != 1 ]; then
		log "creating database gavo"
		runuser -u postgres -- createdb --encoding=UTF-8 --template template0 gavo
	fi
	if [ "$(pg_sql postgres "SELECT 1 FROM pg_roles WHERE rolname='dachsroot'")" != 1 ]; then
		log "creating DB role dachsroot"
		runuser -u postgres -- createuser -s dachsroot
	fi
	chown dachsroot "$GAVO_ROOT"
	log "running dachs init"
	dachs_cmd init && dachs_cmd upgrade
	read -r HAS_TAP_SCHEMA N_MAIN N_TRUTH N_PHOT N_BIG N_RR <<<"$(db_state)"
	[ "$HAS_TAP_SCHEMA" = 1 ] || die "dachs init did not create TAP_SCHEMA in the gavo database"
fi

# ---------------------------------------------------------------- files
# TAP examples: /var/gavo/etc/userconfig.rd overrides //userconfig; its tapexamples
# STREAM is /tap/examples (picked up only at server start).
write_if_changed "$GAVO_ROOT/etc/userconfig.rd" 0644 dachsroot:gavo <"$SRC/userconfig.rd" &&
	{ log "wrote $GAVO_ROOT/etc/userconfig.rd"; CONFIG_CHANGED=1; }
# Site metadata (publisher, contact, authority) used in registry records.
write_if_changed "$GAVO_ROOT/etc/defaultmeta.txt" 0644 dachsroot:gavo <"$SRC/defaultmeta.txt" &&
	{ log "wrote $GAVO_ROOT/etc/defaultmeta.txt"; CONFIG_CHANGED=1; }
install -d -m 0755 -o dachsroot -g gavo "$ZCAT_DIR" "$ZCAT_DIR/data" "$RR_DIR" "$RR_DIR/data"
for f in q.rd gen_zcat.py; do
	write_if_changed "$ZCAT_DIR/$f" 0644 dachsroot:gavo <"$SRC/zcat/$f" && log "wrote $ZCAT_DIR/$f"
done
if [ "$BIG_ROWS" -gt 0 ]; then
	sed "s/@BIG_ROWS@/$BIG_ROWS/g" "$SRC/zcat/big.rd" | write_if_changed "$ZCAT_DIR/big.rd" 0644 dachsroot:gavo &&
		log "wrote $ZCAT_DIR/big.rd ($BIG_ROWS rows)"
fi
for f in q.rd gen_rr.py; do
	write_if_changed "$RR_DIR/$f" 0644 dachsroot:gavo <"$SRC/rr/$f" && log "wrote $RR_DIR/$f"
done

# An import is redone when the stamp of what it depends on changes (or rows are missing).
stamp_of() { cat "$@" | sha256sum | cut -c1-16; }
imported() { [ "$FORCE_IMPORT" != 1 ] && [ "$(cat "$STAMP_DIR/$1" 2>/dev/null)" = "$2" ]; }
IMPORTED=0

# ---------------------------------------------------------------- zcat/q (main, truth_match, photometry)
counts="$N_MAIN $N_TRUTH $N_PHOT"
zstamp=$(stamp_of "$ZCAT_DIR/q.rd" "$ZCAT_DIR/gen_zcat.py")
if imported zcat-q "$zstamp" && [ "$counts" = "5000 4024 3000" ]; then
	log "zcat/q already imported (main, truth_match, photometry: $counts rows)"
else
	log "generating zcat data"
	(cd "$ZCAT_DIR/data" && runuser -u dachsroot -- "$PY" "$ZCAT_DIR/gen_zcat.py" .) >/dev/null
	log "importing zcat/q (tables had: $counts)"
	dachs_imp zcat/q
	echo "$zstamp" >"$STAMP_DIR/zcat-q"
	IMPORTED=1
fi

# ---------------------------------------------------------------- zcat/big (rows generated in PostgreSQL)
if [ "$BIG_ROWS" -gt 0 ]; then
	bstamp=$(stamp_of "$ZCAT_DIR/big.rd")
	n_big=$N_BIG
	if imported zcat-big "$bstamp" && [ "$n_big" = "$BIG_ROWS" ]; then
		log "zcat/big already imported ($n_big rows)"
	else
		log "importing zcat/big ($BIG_ROWS rows; table had: max(id)=$n_big)"
		dachs_imp zcat/big # its rows come from an SQL script: DaCHS reports 0
		n_big=$(pg_sql gavo "SELECT count(*) FROM zcat.big")
		[ "$n_big" = "$BIG_ROWS" ] || die "zcat.big has $n_big rows after import instead of $BIG_ROWS"
		log "zcat.big has $n_big rows"
		echo "$bstamp" >"$STAMP_DIR/zcat-big"
		IMPORTED=1
	fi
elif [ -f "$ZCAT_DIR/big.rd" ]; then
	log "DACHS_BIG_ROWS=0: dropping zcat/big"
	dachs_cmd drop zcat/big || true
	rm -f "$ZCAT_DIR/big.rd" "$STAMP_DIR/zcat-big"
	IMPORTED=1
fi

# ---------------------------------------------------------------- registry records
# "dachs pub" puts the services and tables into DaCHS's resource tables (served by
# OAI-PMH at /oai.xml); //services is the registry and authority, //tap the TAP service.
PUB_RDS=(//services //tap zcat/q)
[ "$BIG_ROWS" -gt 0 ] && PUB_RDS+=(zcat/big)
pstamp=$(stamp_of /etc/gavo.rc "$GAVO_ROOT/etc/defaultmeta.txt" "$ZCAT_DIR"/*.rd <<<"${PUB_RDS[*]}" -)
if imported pub "$pstamp"; then
	log "resources already published (${PUB_RDS[*]})"
else
	log "publishing ${PUB_RDS[*]}"
	dachs_cmd pub "${PUB_RDS[@]}"
	echo "$pstamp" >"$STAMP_DIR/pub"
	IMPORTED=1
fi

# ---------------------------------------------------------------- rr/q (RegTAP of our own records)
rstamp=$(stamp_of "$RR_DIR/q.rd" "$RR_DIR/gen_rr.py" <<<"$pstamp $zstamp ${bstamp:-}" -)
n_rr=$N_RR
if imported rr-q "$rstamp" && [ "$n_rr" != none ] && [ "$n_rr" -gt 0 ]; then
	log "rr/q already imported ($n_rr resources)"
else
	# two passes when the rr tables are new, so that the TAP service's record lists them too
	passes=1; [ "$n_rr" = none ] && passes=2
	for _ in $(seq 1 $passes); do
		log "harvesting our own VOResource records into rr CSVs"
		(cd / && runuser -u dachsroot -- "$PY" "$RR_DIR/gen_rr.py" dachs "$RR_DIR/data")
		dachs_imp rr/q
	done
	echo "$rstamp" >"$STAMP_DIR/rr-q"
	IMPORTED=1
fi

# ---------------------------------------------------------------- server
server_pid() { # PID of a live (non-zombie) server from DaCHS' PID file
	local pid state
	pid=$(cat "$GAVO_ROOT/state/web.pid" 2>/dev/null || true)
	[ -n "$pid" ] || return 0
	state=$(awk '/^State:/{print $2}' "/proc/$pid/status" 2>/dev/null || true)
	[ -n "$state" ] && [ "$state" != Z ] && echo "$pid"
	return 0
}
answers() { curl -sf -o /dev/null --max-time 5 "$PROBE_URL/tap/availability"; }
stop_server() {
	local pid=$1
	(cd / && dachs serve stop) >/dev/null 2>&1 || true
	for _ in $(seq 1 50); do [ -n "$(server_pid)" ] || return 0; sleep 0.1; done
	log "server pid $pid does not stop; sending SIGKILL"
	kill -KILL "$pid" 2>/dev/null || true
	rm -f "$GAVO_ROOT/state/web.pid"
}
start_server() {
	if curl -s -o /dev/null --max-time 2 "$PROBE_URL/"; then
		die "something else already answers on $PROBE_URL (not the DaCHS from $GAVO_ROOT/state/web.pid)"
	fi
	rm -f "$GAVO_ROOT/state/web.pid" # a stale PID file makes "dachs serve start" refuse
	log "starting DaCHS server on $BIND:$PORT"
	if ! (cd / && dachs serve start) >"$STAMP_DIR/serve-start.log" 2>&1 9>&-; then
		cat "$STAMP_DIR/serve-start.log" >&2
		die "dachs serve start failed; see $GAVO_ROOT/logs/"
	fi
	local deadline=$((SECONDS + WAIT_S))
	until answers; do
		[ $SECONDS -lt $deadline ] || die "no answer from $PROBE_URL/tap/availability after ${WAIT_S}s; see $GAVO_ROOT/logs/"
		sleep 0.2
	done
	log "DaCHS answers at $PROBE_URL (pid $(server_pid))"
}

PID=$(server_pid)
if [ -n "$PID" ] && { [ "$CONFIG_CHANGED" = 1 ] || [ "$IMPORTED" = 1 ]; }; then
	log "configuration or data changed; stopping DaCHS server (pid $PID)"
	stop_server "$PID"; PID=
elif [ -n "$PID" ] && ! answers && ! { sleep 2; answers; }; then
	log "DaCHS server pid $PID does not answer; restarting it"
	stop_server "$PID"; PID=
fi
if [ -z "$PID" ]; then start_server; else log "DaCHS server already running (pid $PID)"; fi

# ---------------------------------------------------------------- smoke query
got=$(curl -sf --max-time 30 "$PROBE_URL/tap/sync" -d LANG=ADQL -d RESPONSEFORMAT=csv --data-urlencode \
	'QUERY=SELECT COUNT(*) AS n FROM zcat.main AS m JOIN zcat.truth_match AS t ON t.zcat_id=m.id' |
	tr -d '\r' | tail -n 1)
[ "$got" = 4024 ] || die "smoke query returned '$got' instead of 4024"
log "smoke query OK; TAP service ready at $BASE_URL/tap"
