#!/usr/bin/env bash
# Time-series benchmark (issue 13): an `unshare -n` namespace holding
# CONNECTIONS loopback TCP connections (2 sockets each, tests/tools/conn_flood)
# and otherwise quiet; then
#   one      `netstat capture -o one.tar.zst` (one frame)
#   series   `netstat capture --count FRAMES --interval 0.05` (content-
#            addressed: unchanged members are symlinks to their first copy)
#   long     the alternative: the same frames stored in full (the series
#            unpacked with every link dereferenced, re-tarred) and compressed
#            with zstd -1 --long=27 (long-range matching), and with plain -1
# and prints the sizes, the ratios to one frame (target: series <= 3x), and
# the median replay time of `--root=one -tan` against `--root=series
# --frame=-1 -tan` (target: <= 1.2x) and of --root=long.
# A quiet host is one where nothing else changes between frames: by default
# the benchmark runs in a private pid namespace (PIDNS=1), so the machine's
# other processes (builds, other tests) do not come and go in the process
# tables of the frames; PIDNS=0 measures on the machine as it is.
# Not a test: needs root; prints figures for docs/performance.md.
#
#   bench/series_bench.sh [CONNECTIONS] [FRAMES]   (default 5000 = 10k sockets, 60)
# Environment: NETSTAT_BIN (build/netstat), CONN_FLOOD, ROUNDS (7), PIDNS (1).
set -uo pipefail
if [ "${PIDNS:-1}" = 1 ] && [ -z "${SERIES_BENCH_INNER:-}" ]; then
  exec env SERIES_BENCH_INNER=1 unshare -p -m --fork --mount-proc --propagation private -- \
    bash "$0" "$@"
fi
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${NETSTAT_BIN:-$root/build/netstat}
flood=${CONN_FLOOD:-$(dirname "$bin")/tests/tools/conn_flood}
rounds=${ROUNDS:-7}
conns=${1:-5000}
frames=${2:-60}

[ "$(id -u)" = 0 ] || { echo "series_bench: needs root (unshare -n)"; exit 1; }
[ -x "$flood" ] || { echo "series_bench: $flood missing: ninja -C build conn_flood"; exit 1; }
command -v zstd >/dev/null || { echo "series_bench: needs zstd"; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

tmp=$(mktemp -d /tmp/series-bench.XXXXXX)
ns_pid=""
stop_ns() {
  if [ -n "$ns_pid" ]; then
    kill -TERM "$ns_pid" 2>/dev/null
    wait "$ns_pid" 2>/dev/null
    ns_pid=""
  fi
}
trap 'stop_ns; [ -n "${KEEP_DIR:-}" ] && cp "$tmp"/*.tar.zst "$KEEP_DIR"/; rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

unshare -n -- bash -c 'ip link set lo up && exec "$0" "$1" 4' "$flood" "$conns" \
  >"$tmp/flood.out" 2>"$tmp/flood.err" &
ns_pid=$!
while ! grep -qx ready "$tmp/flood.out" 2>/dev/null; do
  if ! kill -0 "$ns_pid" 2>/dev/null; then
    echo "series_bench: conn_flood failed:"; cat "$tmp/flood.err"; exit 1
  fi
  sleep 0.2
done
in_ns() { nsenter -t "$ns_pid" -n -- "$@"; }

in_ns "$bin" capture -o "$tmp/one.tar.zst" >/dev/null || exit 1
start=$(date +%s.%N)
in_ns "$bin" capture --count "$frames" --interval 0.05 -o "$tmp/series.tar.zst" >/dev/null || exit 1
end=$(date +%s.%N)
"$bin" verify "$tmp/series.tar.zst" >/dev/null || { echo "series_bench: verify failed"; exit 1; }

# The alternative: every frame stored in full, zstd long-range matching.
mkdir "$tmp/x" && (cd "$tmp/x" && zstd -dcq "$tmp/series.tar.zst" | tar -xf - 2>/dev/null)
(cd "$tmp/x" && tar --hard-dereference -h -cf "$tmp/full.tar" manifest.json $(ls | grep -v manifest.json))
zstd -q -1 --long=27 -T2 "$tmp/full.tar" -o "$tmp/long.tar.zst"
zstd -q -1 -T2 "$tmp/full.tar" -o "$tmp/plain.tar.zst"

size() { stat -c %s "$1"; }
one=$(size "$tmp/one.tar.zst")
printf 'sockets: %d (%d connections), frames: %d, series capture wall %.2f s, %s\n' \
  $((conns * 2)) "$conns" "$frames" "$(echo "$end - $start" | bc)" \
  "$([ -n "${SERIES_BENCH_INNER:-}" ] && echo "private pid namespace" || echo "the machine's processes")"
printf '%-34s %10s %8s\n' bundle bytes "x one"
for f in one series long plain; do
  s=$(size "$tmp/$f.tar.zst")
  printf '%-34s %10d %8.2f\n' "$f" "$s" "$(echo "$s / $one" | bc -l)"
done
printf '%-34s %10d\n' "full tar (uncompressed)" "$(size "$tmp/full.tar")"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timed() {  # median wall ms of ROUNDS runs
  for _ in $(seq "$rounds"); do
    s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N)
    echo $(( (e - s) / 1000 ))
  done | median
}
t_one=$(timed "$bin" --root="$tmp/one.tar.zst" -tan)
t_last=$(timed "$bin" --root="$tmp/series.tar.zst" --frame=-1 -tan)
t_long=$(timed "$bin" --root="$tmp/long.tar.zst" -tan)
printf 'replay -tan median (us): one %d, series --frame=-1 %d (%.2fx), long-range full copies %d (%.2fx)\n' \
  "$t_one" "$t_last" "$(echo "$t_last / $t_one" | bc -l)" "$t_long" "$(echo "$t_long / $t_one" | bc -l)"
