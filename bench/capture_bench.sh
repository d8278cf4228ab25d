#!/usr/bin/env bash
# Capture benchmark (issue 2 "Speed"): builds an `unshare -n` namespace with
# N loopback TCP connections (tests/tools/conn_flood), then, interleaved
# round after round, times
#   cat    reading the /proc/net files capture records (the kernel's cost)
#   scan   readlink of every /proc/*/fd/* (conn_flood --scan-fds)
#   capture  `netstat capture -o FILE` in the namespace
#   load   `netstat --root=FILE -M`: decode the bundle and answer one absent
#          file (the cost of opening a bundle for any replay)
#   replay `netstat --root=FILE -tan` (load + render 100k rows)
#   ss     `ss -tanp` live in the namespace (iproute2, netlink)
#   oracle `/usr/bin/netstat -tanp` live in the namespace (net-tools 2.10)
#   live   `netstat -tanp` (ours) live in the namespace
# and prints medians of wall and CPU (user+sys) time, the bundle size, and
# the targets: capture <= 1.3 x (cat + scan), bundle <= 2.5 MB, load <= 0.2 s.
# Not a test: needs root and prints figures for docs/performance.md.
#
#   bench/capture_bench.sh [CONNECTIONS]     (default 50000 = 100k sockets)
# Environment: NETSTAT_BIN (build/netstat), CONN_FLOOD
# (build/tests/tools/conn_flood), ROUNDS (3), KEEP_BUNDLE=FILE.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${NETSTAT_BIN:-$root/build/netstat}
flood=${CONN_FLOOD:-$(dirname "$bin")/tests/tools/conn_flood}
rounds=${ROUNDS:-3}
conns=${1:-50000}

[ "$(id -u)" = 0 ] || { echo "capture_bench: needs root (unshare -n)"; exit 1; }
[ -x "$flood" ] || { echo "capture_bench: $flood missing: ninja -C build conn_flood"; exit 1; }
[ -x "$bin" ] || { echo "capture_bench: $bin missing"; exit 1; }
[ -x /usr/bin/time ] || { echo "capture_bench: needs /usr/bin/time (apt-get install time)"; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

tmp=$(mktemp -d /tmp/capture-bench.XXXXXX)
ns_pid=""
stop_ns() {
  if [ -n "$ns_pid" ]; then
    kill -TERM "$ns_pid" 2>/dev/null
    wait "$ns_pid" 2>/dev/null
    ns_pid=""
  fi
}
trap 'stop_ns; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

unshare -n -- bash -c 'ip link set lo up && exec "$0" "$1" 1' "$flood" "$conns" \
  >"$tmp/flood.out" 2>"$tmp/flood.err" &
ns_pid=$!
while ! grep -qx ready "$tmp/flood.out" 2>/dev/null; do
  if ! kill -0 "$ns_pid" 2>/dev/null; then
    echo "capture_bench: conn_flood failed:"; cat "$tmp/flood.err"; exit 1
  fi
  sleep 0.2
done
grep -v '^$' "$tmp/flood.err" | sed 's/^/  /'

in_ns() { nsenter -t "$ns_pid" -n -- "$@"; }
# The files the recorder reads (capture/recorder.cc), as they exist here.
net_files=$(in_ns bash -c 'cd /proc/net && for f in tcp tcp6 udp udp6 udplite udplite6 raw raw6 unix sctp/* sctp6/* igmp igmp6 route ipv6_route rt_cache ndisc dev if_inet6 snmp snmp6 netstat ip_masquerade nf_conntrack ipx/* ipx_route ax25 ax25_route nr nr_nodes nr_neigh rose rose_nodes rose_neigh rose_routes x25/* x25_routes atalk_route; do [ -f "$f" ] && echo /proc/net/$f; done')
net_bytes=$(in_ns cat $net_files | wc -c)
fd_count=$(in_ns "$flood" --scan-fds)
bundle=$tmp/bundle.tar.zst

declare -A wall cpu
order=(cat scan capture load replay ss oracle live)
# measure NAME CMD...: wall seconds and user+sys seconds of one run.
measure() {
  local name=$1
  shift
  /usr/bin/time -f "%e %U %S" -o "$tmp/t" "$@" >/dev/null 2>&1
  read -r w u s < <(tail -1 "$tmp/t")
  wall[$name]+="$w "
  cpu[$name]+="$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }') "
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "capture_bench: $(date -u +%Y-%m-%dT%H:%MZ) $(git -C "$root" rev-parse --short HEAD 2>/dev/null)"
echo "capture_bench: $conns connections, $fd_count, $net_bytes bytes of /proc/net, $rounds rounds"
echo "  load average at start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
for ((r = 1; r <= rounds; r++)); do
  measure cat nsenter -t "$ns_pid" -n -- cat $net_files
  measure scan nsenter -t "$ns_pid" -n -- "$flood" --scan-fds
  rm -f "$bundle"
  measure capture nsenter -t "$ns_pid" -n -- "$bin" capture --force -o "$bundle"
  measure load "$bin" --root="$bundle" -M
  measure replay "$bin" --root="$bundle" -tan
  measure ss nsenter -t "$ns_pid" -n -- ss -tanp
  measure oracle nsenter -t "$ns_pid" -n -- /usr/bin/netstat -tanp
  measure live nsenter -t "$ns_pid" -n -- "$bin" -tanp
done
size=$(stat -c %s "$bundle")
"$bin" verify "$bundle" >/dev/null || echo "  WARNING: netstat verify failed on the bundle"
[ -n "${KEEP_BUNDLE:-}" ] && cp "$bundle" "$KEEP_BUNDLE"

printf '  %-8s %10s %10s\n' step "wall (s)" "cpu (s)"
for n in "${order[@]}"; do
  w=$(echo "${wall[$n]}" | median)
  c=$(echo "${cpu[$n]}" | median)
  eval "w_$n=$w; c_$n=$c"
  printf '  %-8s %10s %10s\n' "$n" "$w" "$c"
done
echo "  load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '  bundle   %d bytes (%.2f MB)\n' "$size" "$(awk -v s="$size" 'BEGIN { print s / 1e6 }')"
awk -v cw="$w_capture" -v a="$w_cat" -v b="$w_scan" -v cc="$c_capture" -v ca="$c_cat" -v cb="$c_scan" \
    -v size="$size" -v load="$w_load" 'BEGIN {
  rw = cw / (a + b); rc = (ca + cb > 0) ? cc / (ca + cb) : 0
  printf "  capture / (cat + scan): %.2f wall, %.2f cpu  (target <= 1.3)  %s\n", rw, rc, rw <= 1.3 ? "ok" : "MISSED"
  printf "  bundle size: %.2f MB  (target <= 2.5)  %s\n", size / 1e6, size <= 2.5e6 ? "ok" : "MISSED"
  printf "  load: %.2f s  (target <= 0.2)  %s\n", load, load <= 0.2 ? "ok" : "MISSED"
}'
