#!/usr/bin/env bash
# fresh-machine-test.sh: prove that scripts/dachs-up.sh works on a FRESH Debian 12 with nothing
# installed, without disturbing this host's PostgreSQL or DaCHS. It debootstraps a minimal
# bookworm into a chroot and runs, in private network/mount/PID namespaces (so the chroot's
# PostgreSQL and DaCHS use their own 127.0.0.1:5432 and :8080): dachs-up.sh on the bare system,
# again (warm), sample queries, dachs-down.sh + dachs-up.sh, install-peers.sh, dachs-down.sh.
# The only way out of the namespace is a socat bridge that lets apt reach deb.debian.org:80.
#
# Needs root, debootstrap and socat on the host (apt-get install debootstrap socat).
#   CHROOT=/srv/adqlkit-fresh-bookworm   where to build it (removed afterwards unless KEEP=1)
#   PEERS=1                              also run install-peers.sh (about 2 minutes more)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
CHROOT=${CHROOT:-/srv/adqlkit-fresh-bookworm}
KEEP=${KEEP:-0}
PEERS=${PEERS:-1}
MIRROR=http://deb.debian.org/debian
SOCK=$CHROOT.apt.sock
[ "$(id -u)" = 0 ] || { echo "fresh-machine-test: must be run as root" >&2; exit 1; }
for tool in debootstrap socat unshare; do
	command -v "$tool" >/dev/null || { echo "fresh-machine-test: needs $tool (apt-get install debootstrap socat)" >&2; exit 1; }
done
log() { echo "[fresh-machine-test] $*"; }

BRIDGE_PID=
cleanup() {
	[ -n "$BRIDGE_PID" ] && kill "$BRIDGE_PID" 2>/dev/null || true
	rm -f "$SOCK"
	if [ "$KEEP" != 1 ]; then rm -rf "$CHROOT"; else log "kept $CHROOT"; fi
}
trap cleanup EXIT

if [ ! -x "$CHROOT/bin/bash" ]; then
	log "debootstrap --variant=minbase bookworm $CHROOT"
	debootstrap --variant=minbase bookworm "$CHROOT" "$MIRROR" >"$CHROOT.debootstrap.log" 2>&1 ||
		{ tail -20 "$CHROOT.debootstrap.log" >&2; exit 1; }
fi
# a real machine has localhost in /etc/hosts; deb.debian.org goes to the bridge below
printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n127.0.0.2\tdeb.debian.org\n' >"$CHROOT/etc/hosts"
rm -rf "$CHROOT/root/adqlkit"
mkdir -p "$CHROOT/root/adqlkit"
cp -r "$REPO/scripts" "$CHROOT/root/adqlkit/"

cat >"$CHROOT/root/run-tests.sh" <<EOF
#!/bin/bash
set -u
export PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8
cd /root/adqlkit
fail=0
step() { local name=\$1; shift; echo "=== \$name"; local t0=\$SECONDS; "\$@"; local rc=\$?; echo "=== \$name: rc=\$rc, \$((SECONDS - t0)) s"; [ \$rc = 0 ] || fail=1; }
check() { # check NAME EXPECTED QUERY
	local got
	got=\$(curl -s http://127.0.0.1:8080/tap/sync -d LANG=ADQL -d RESPONSEFORMAT=csv --data-urlencode "QUERY=\$3" | tr -d '\r' | tail -n +2 | paste -sd' ')
	if [ "\$got" = "\$2" ]; then echo "ok: \$1"; else echo "FAILED: \$1: got '\$got', expected '\$2'"; fail=1; fi
}
step "dachs-up.sh on a fresh system" bash scripts/dachs-up.sh
step "dachs-up.sh again (warm)" bash scripts/dachs-up.sh
check "zcat.big rows" 1000000 'SELECT COUNT(*) FROM zcat.big'
check "delimited columns" '16.224,0.404741' 'SELECT TOP 1 "MagAB", "Dec" FROM zcat.photometry ORDER BY phot_id'
check "RegTAP services" 'ivo://adqlkit.test/tap ivo://adqlkit.test/zcat/q/cone' "SELECT ivoid FROM rr.resource NATURAL JOIN rr.capability WHERE standard_id IN ('ivo://ivoa.net/std/tap', 'ivo://ivoa.net/std/conesearch') ORDER BY ivoid"
n=\$(curl -s http://127.0.0.1:8080/tap/examples | grep -c 'property="query"')
[ "\$n" = 7 ] && echo "ok: 7 examples" || { echo "FAILED: \$n examples"; fail=1; }
curl -s 'http://127.0.0.1:8080/zcat/q/cone/scs.xml?RA=150&DEC=2&SR=1' | grep -q 'QUERY_STATUS" value="OK"' && echo "ok: cone search" || { echo "FAILED: cone search"; fail=1; }
step "dachs-down.sh" bash scripts/dachs-down.sh
step "dachs-up.sh after a stop" bash scripts/dachs-up.sh
[ "$PEERS" = 1 ] && step "install-peers.sh" bash scripts/install-peers.sh
step "dachs-down.sh --with-postgres" bash scripts/dachs-down.sh --with-postgres
exit \$fail
EOF
chmod +x "$CHROOT/root/run-tests.sh"

rm -f "$SOCK"
socat "UNIX-LISTEN:$SOCK,fork,reuseaddr" "TCP:deb.debian.org:80" &
BRIDGE_PID=$!
log "running in private namespaces (log: $CHROOT.log)"
set +e
unshare --net --mount --pid --fork bash -c "
	ip link set lo up
	socat TCP-LISTEN:80,bind=127.0.0.2,fork,reuseaddr 'UNIX-CONNECT:$SOCK' &
	mount -t proc proc '$CHROOT/proc'
	mount -t sysfs sysfs '$CHROOT/sys'
	mount -t tmpfs tmpfs '$CHROOT/dev/shm'
	mount -t devpts devpts '$CHROOT/dev/pts'
	chroot '$CHROOT' /bin/bash /root/run-tests.sh
" 2>&1 | tee "$CHROOT.log" | grep -E '^(===|ok:|FAILED:|\[dachs-(up|down))'
rc=${PIPESTATUS[0]}
set -e
[ "$rc" = 0 ] || { log "failed; the end of $CHROOT.log:"; tail -n 40 "$CHROOT.log"; }
log "finished with rc=$rc"
exit "$rc"
