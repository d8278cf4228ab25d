#!/usr/bin/env bash
# --all-netns benchmark (issue 13): in a private mount + network namespace
# (a tmpfs on /run, so `ip netns add` stays inside), NS named namespaces
# (default 100), each with lo up and one tests/tools/conn_flood holding
# CONNS loopback connections (default 100: 200 sockets + a listener); then,
# interleaved round after round (ROUNDS, default 5), median wall and CPU
# (user+sys, children included) of
#   floor    bench/tools/netns_floor: reading what the capture records and
#            nothing else: each namespace's /proc/<pid>/net files (those of
#            capture's list that exist) and the fd links of its processes,
#            plus the capturer's own namespace's files and every fd link of
#            the machine (as a capture of one namespace scans)
#   capture  `netstat capture --all-netns -o B` (discovery, one child per
#            namespace with setns + its own sysfs, recording, compression)
# and the ratio capture / floor (target <= 1.3), the bundle size and its
# view count. Not a test: needs root; prints figures for docs/performance.md.
#
#   bench/netns_bench.sh [NS] [CONNS]
# Environment: NETSTAT_BIN (build/netstat), CONN_FLOOD, ROUNDS.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${NETSTAT_BIN:-$root/build/netstat}
flood=${CONN_FLOOD:-$(dirname "$bin")/tests/tools/conn_flood}
export ROUNDS=${ROUNDS:-5} NS=${1:-100} CONNS=${2:-100}

[ "$(id -u)" = 0 ] || { echo "netns_bench: needs root"; exit 1; }
[ -x "$flood" ] || { echo "netns_bench: $flood missing: cmake --build build --target conn_flood"; exit 1; }
[ -x /usr/bin/time ] || { echo "netns_bench: needs /usr/bin/time"; exit 1; }
export BIN=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
export FLOOD=$(cd "$(dirname "$flood")" && pwd)/$(basename "$flood")
export WORK=$(mktemp -d /tmp/netns-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
cc -O2 -o "$WORK/netns_floor" "$root/bench/tools/netns_floor.c" ||
  { echo "netns_bench: cannot build bench/tools/netns_floor.c"; exit 1; }

cat > "$WORK/inner.sh" <<'EOF'
set -uo pipefail
pids=()
cleanup() {
  kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null
  for i in $(seq "$NS"); do ip netns del "bn$i" 2>/dev/null; done
}
trap cleanup EXIT
mount -t tmpfs tmpfs /run
umount -l /sys 2>/dev/null; mount -t sysfs sysfs /sys
ip link set lo up
for i in $(seq "$NS"); do
  ip netns add "bn$i" && ip -n "bn$i" link set lo up || exit 1
  ip netns exec "bn$i" "$FLOOD" "$CONNS" 1 >"$WORK/ready$i" 2>"$WORK/flood$i.err" &
  pids+=($!)
done
for i in $(seq "$NS"); do
  for _ in $(seq 300); do grep -qx ready "$WORK/ready$i" 2>/dev/null && break; sleep 0.1; done
  grep -qx ready "$WORK/ready$i" || { echo "netns_bench: conn_flood $i: $(cat "$WORK/flood$i.err")"; exit 1; }
done
# The floor's groups: the pids of each namespace (by its ns/net inode).
groups=$(python3 - <<'PY'
import os
self = os.readlink('/proc/self/ns/net')
by = {}
for p in os.listdir('/proc'):
    if not p.isdigit(): continue
    try: ns = os.readlink(f'/proc/{p}/ns/net')
    except OSError: continue
    if ns != self: by.setdefault(ns, []).append(int(p))
print(' '.join(','.join(str(p) for p in sorted(v)) for v in by.values()))
PY
)
files=tcp,tcp6,udp,udp6,udplite,udplite6,raw,raw6,unix,sctp,igmp,igmp6,route,ipv6_route,rt_cache,ndisc,dev,if_inet6,snmp,snmp6,netstat,ip_masquerade,nf_conntrack,ipx,ax25,nr,rose,x25,atalk_route
echo "netns_bench: $(date -u +%Y-%m-%dT%H:%MZ) $(git -C "$(dirname "$BIN")/.." rev-parse --short HEAD 2>/dev/null), $NS namespaces x $((CONNS * 2 + 1)) sockets, $(echo $groups | wc -w) namespaces besides ours on the machine, $ROUNDS rounds"
measure() {  # name, command...: appends "wall cpu" to $WORK/name
  local name=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$WORK/t" "$@" >/dev/null 2>"$WORK/err" || { echo "netns_bench: $name failed: $(cat "$WORK/err")"; exit 1; }
  awk '{printf "%s %.3f\n", $1, $2 + $3}' "$WORK/t" >>"$WORK/$name"
}
for r in $(seq "$ROUNDS"); do
  measure floor "$WORK/netns_floor" -f "$files" self $groups
  measure capture "$BIN" capture --all-netns -f -o "$WORK/b.tar.zst"
done
med() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
fw=$(cut -d' ' -f1 "$WORK/floor" | med); fc=$(cut -d' ' -f2 "$WORK/floor" | med)
cw=$(cut -d' ' -f1 "$WORK/capture" | med); cc=$(cut -d' ' -f2 "$WORK/capture" | med)
views=$("$BIN" info --json "$WORK/b.tar.zst" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["namespaces"]))' 2>/dev/null || echo "?")
printf '%-10s %8s %8s\n' "" "wall s" "cpu s"
printf '%-10s %8s %8s\n' floor "$fw" "$fc" capture "$cw" "$cc"
awk -v a="$cw" -v b="$fw" -v c="$cc" -v d="$fc" 'BEGIN {
  printf "capture / floor: %.2f wall, %.2f cpu (target <= 1.3) %s\n", a / b, c / d, (a / b <= 1.3 ? "ok" : "MISSED") }'
echo "bundle: $(stat -c %s "$WORK/b.tar.zst") bytes, $views namespaces"
EOF
unshare -m -n -p --fork --mount-proc --propagation private -- bash "$WORK/inner.sh"
