#!/usr/bin/env bash
# `capture --all-netns` against the oracle (issue 13). In a private mount
# and network namespace (nothing on the host changes; /run is a private
# tmpfs so `ip netns add` names stay inside):
#   - self: the test's own namespace, lo up, one end of a veth pair;
#   - ns_a (ip netns add): the other end of the pair with an address, an
#     alias address (label va1:1), a route via the peer and a default
#     route; a TCP listener, a connection to it and a UDP socket held by a
#     python3 process inside;
#   - ns_b (ip netns add): empty, lo down;
#   - an anonymous namespace (unshare -n) held by a python3 process with
#     a listener.
# One `netstat capture --all-netns`, then for every view
# `--root=B --netns=SEL` of -tanp, -uanp, -rn, -i, -ie and -s equals
# /usr/bin/netstat run inside that namespace (ip netns exec / nsenter -n)
# right after the capture (nothing changes in between: no traffic).
# Also: `info` names every view, --netns=all prints one header per view,
# the capturer's mounts are untouched (its /sys still lists its own
# interfaces), verify accepts the bundle, and a capture as an unprivileged
# user records its own namespace and lists the others in skipped_netns with
# "Operation not permitted" and a note on stderr.
# Root only; exits 77 (skip) with a message when root, unshare, ip, nsenter
# or python3 are missing.
set -uo pipefail
src=${NETSTAT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${NETSTAT_BIN:-$src/build/netstat}

skip() { echo "SKIP: netns_live: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (network namespaces)"
for t in unshare ip nsenter python3; do
  command -v $t >/dev/null || skip "needs $t"
done
[ -x /usr/bin/netstat ] || skip "needs the oracle /usr/bin/netstat (net-tools)"
[ -x "$bin" ] || skip "netstat binary $bin not built"
unshare -m -n true 2>/dev/null || skip "unshare -m -n is not permitted here"

work=$(mktemp -d /tmp/netns-live.XXXXXX)
chmod 755 "$work"
trap 'rm -rf "$work"' EXIT
export NETSTAT_BIN="$(readlink -f "$bin")" WORK="$work"

cat > "$work/hold.py" <<'EOF'
import socket, sys, time
port = int(sys.argv[1])
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(('0.0.0.0', port)); l.listen(4)
c = socket.create_connection(('127.0.0.1', port)); a, _ = l.accept()
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('0.0.0.0', port))
open(sys.argv[2], 'w').write('ready\n')
time.sleep(3600)  # killed by inner.sh's cleanup
EOF

cat > "$work/inner.sh" <<'EOF'
set -uo pipefail
fail=0
pids=()
cleanup() { kill "${pids[@]}" 2>/dev/null; ip netns del ns_a 2>/dev/null; ip netns del ns_b 2>/dev/null; }
trap cleanup EXIT
mount -t tmpfs tmpfs /run || { echo "FAIL: private /run"; exit 1; }
# A private sysfs for this namespace (as ip netns exec does), so /sys lists
# our interfaces and the check after the capture means something.
umount -l /sys 2>/dev/null; mount -t sysfs sysfs /sys || { echo "FAIL: sysfs"; exit 1; }
ip link set lo up
ip netns add ns_a && ip netns add ns_b || { echo "FAIL: ip netns add"; exit 1; }
ip link add va0 type veth peer name va1 netns ns_a
# No IPv6 on the pair: its autoconfiguration would send packets after the
# capture and change the -i counters before the oracle reads them.
sysctl -qw net.ipv6.conf.va0.disable_ipv6=1
ip netns exec ns_a sysctl -qw net.ipv6.conf.va1.disable_ipv6=1
ip addr add 10.77.1.1/24 dev va0 && ip link set va0 up
ip -n ns_a link set lo up
ip -n ns_a addr add 10.77.1.2/24 dev va1
ip -n ns_a addr add 10.77.1.3/24 dev va1 label va1:1
ip -n ns_a link set va1 up
ip -n ns_a route add 10.78.0.0/16 via 10.77.1.1 dev va1
ip -n ns_a route add default via 10.77.1.1
ip netns exec ns_a python3 "$WORK/hold.py" 7101 "$WORK/ready_a" &
pids+=($!)
unshare -n sh -c 'ip link set lo up && exec python3 "$WORK/hold.py" 7102 "$WORK/ready_c"' &
anon=$!
pids+=($anon)
for i in $(seq 100); do
  [ -f "$WORK/ready_a" ] && [ -f "$WORK/ready_c" ] && break
  sleep 0.1
done
[ -f "$WORK/ready_a" ] && [ -f "$WORK/ready_c" ] || { echo "FAIL: holders not ready"; exit 1; }
# The python3 inside the anonymous namespace (sh exec'd it: same pid).
anon_ns=$(readlink /proc/$anon/ns/net)
[ "$anon_ns" != "$(readlink /proc/self/ns/net)" ] || { echo "FAIL: anon holder not in its own netns"; exit 1; }

b=$WORK/all.tar.zst
"$NETSTAT_BIN" capture --all-netns -o "$b" >/dev/null 2>"$WORK/cap.err" || {
  echo "FAIL: capture --all-netns: $(cat "$WORK/cap.err")"; exit 1; }
[ -s "$WORK/cap.err" ] && echo "note: capture said: $(head -3 "$WORK/cap.err")"

modes=(-tanp -uanp -rn -i -ie -s)
compare() {  # label, selector, command prefix for the oracle...
  local label=$1 sel=$2; shift 2
  for m in "${modes[@]}"; do
    "$@" /usr/bin/netstat $m >"$WORK/want" 2>&1; local rw=$?
    "$NETSTAT_BIN" --root="$b" --netns="$sel" $m >"$WORK/got" 2>&1; local rg=$?
    if cmp -s "$WORK/want" "$WORK/got" && [ $rw = $rg ]; then
      echo "ok: $label $m"
    else
      echo "FAIL: $label $m (exit oracle $rw, ours $rg)"; diff "$WORK/want" "$WORK/got" | head -20; fail=1
    fi
  done
}
compare "ns_a (named, veth, alias, routes)" ns_a ip netns exec ns_a
compare "ns_b (named, empty)" ns_b ip netns exec ns_b
compare "anonymous (pid:$anon)" "pid:$anon" nsenter -t "$anon" -n
compare "self" self env

# The views are named as selectors say.
inode=$(stat -L -c %i /run/netns/ns_a)
"$NETSTAT_BIN" --root="$b" --netns="$inode" -rn >"$WORK/by_inode" 2>&1
ip netns exec ns_a /usr/bin/netstat -rn >"$WORK/want_rn"
cmp -s "$WORK/want_rn" "$WORK/by_inode" && echo "ok: --netns=INODE" || { echo "FAIL: --netns=$inode"; fail=1; }
"$NETSTAT_BIN" info "$b" >"$WORK/info"
for want in ns_a ns_b "$anon python3" "netns:\[$inode\]"; do
  grep -q -- "$want" "$WORK/info" && echo "ok: info names $want" || { echo "FAIL: info lacks $want"; cat "$WORK/info"; fail=1; }
done
# (The test runs in its own pid namespace with its own /proc: the views are
# this test's namespaces only, whatever else runs on the machine.)
"$NETSTAT_BIN" --root="$b" --netns=all -tln | grep '^== netns ' >"$WORK/headers"
anon_inode=${anon_ns#net:[}; anon_inode=${anon_inode%]}
for want in "== netns self ==" "== netns ns_a (netns:[$inode]) ==" "== netns ns_b (netns:[" \
            "== netns netns:[$anon_inode] =="; do
  grep -qF -- "$want" "$WORK/headers" && echo "ok: --netns=all prints $want" ||
    { echo "FAIL: --netns=all lacks '$want'"; cat "$WORK/headers"; fail=1; }
done
"$NETSTAT_BIN" verify "$b" | grep -q 'OK (format 2,' && echo "ok: verify" || { echo "FAIL: verify"; fail=1; }
# The capturer's own mounts: its /sys still lists its interfaces.
[ -e /sys/class/net/va0 ] && [ ! -e /sys/class/net/va1 ] && echo "ok: the capturer's /sys is untouched" ||
  { echo "FAIL: /sys/class/net changed: $(ls /sys/class/net)"; fail=1; }

# Unprivileged: its own namespace, the others listed with the reason.
if command -v setpriv >/dev/null; then
  mkdir -m 1777 "$WORK/nobody"
  u=$WORK/nobody/u.tar.zst
  setpriv --reuid=65534 --regid=65534 --clear-groups "$NETSTAT_BIN" capture --all-netns -o "$u" \
    >/dev/null 2>"$WORK/u.err"; rc=$?
  if [ $rc = 0 ] && grep -q 'not recorded: setns: Operation not permitted' "$WORK/u.err" &&
     grep -q "skipped_netns" "$WORK/u.err"; then
    echo "ok: unprivileged capture notes the namespaces it cannot enter"
  else
    echo "FAIL: unprivileged capture (exit $rc): $(cat "$WORK/u.err")"; fail=1
  fi
  "$NETSTAT_BIN" info --json "$u" >"$WORK/u.json"
  python3 - "$WORK/u.json" <<'PY' || fail=1
import json, sys
d = json.load(open(sys.argv[1]))
names = {n for s in d["skipped_netns"] for n in s["names"]}
ok = {"ns_a", "ns_b"} <= names and all(s["error"] for s in d["skipped_netns"])
print(("ok" if ok else "FAIL") + ": skipped_netns lists ns_a, ns_b with a reason: %s" % sorted(names))
sys.exit(0 if ok else 1)
PY
  "$NETSTAT_BIN" --root="$u" -tan >/dev/null 2>&1 && echo "ok: the unprivileged bundle replays" ||
    { echo "FAIL: unprivileged bundle does not replay"; fail=1; }
else
  echo "note: no setpriv: the unprivileged capture is not checked"
fi
exit $fail
EOF
# A private pid namespace and /proc: --all-netns sees this test's processes
# and namespaces only, not those of tests running beside it (ctest -j2).
unshare -m -n -p --fork --mount-proc --propagation private -- bash "$work/inner.sh"
