#!/usr/bin/env bash
# Socket-listing benchmark (issue 3 "Performance"): builds an `unshare -n`
# namespace full of loopback TCP connections (tests/tools/conn_flood), then
# runs our netstat, /usr/bin/netstat and ss interleaved, round after round,
# for -tan and -tanp, next to the floors they cannot beat: reading
# /proc/net/tcp{,6} (cat) and walking every /proc/*/fd link (conn_flood
# --scan-fds). Prints medians, peak RSS and the target ratios. Not a test.
#
#   bench/sockets_bench.sh [big|procs|all]     (default: all)
#     big    100k connections = 200k TCP sockets, in as few processes as
#            RLIMIT_NOFILE allows
#     procs  10k processes holding 30k sockets (one listener and one
#            connection each)
# Environment: NETSTAT_BIN (build/netstat), CONN_FLOOD
# (build/tests/tools/conn_flood), CONNECTIONS (100000), PROCS (10000),
# ROUNDS (5), SLOW_ROUNDS (3: rounds that also run the slow net-tools/ss -tanp),
# KEEP_BUNDLE=FILE to keep the capture of the big namespace.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${NETSTAT_BIN:-$root/build/netstat}
flood=${CONN_FLOOD:-$(dirname "$bin")/tests/tools/conn_flood}
oracle=/usr/bin/netstat
rounds=${ROUNDS:-5}
slow_rounds=${SLOW_ROUNDS:-3}
variant=${1:-all}

[ "$(id -u)" = 0 ] || { echo "sockets_bench: needs root (unshare -n)"; exit 1; }
[ -x "$flood" ] || { echo "sockets_bench: $flood missing: ninja -C build conn_flood"; exit 1; }
[ -x "$bin" ] || { echo "sockets_bench: $bin missing"; exit 1; }
have_time=0
[ -x /usr/bin/time ] && have_time=1
have_ss=0
command -v ss >/dev/null 2>&1 && have_ss=1

tmp=$(mktemp -d /tmp/sockets-bench.XXXXXX)
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

# start_ns CONNECTIONS PROCESSES
start_ns() {
  local t0 t1
  t0=$(date +%s%N)
  unshare -n -- bash -c 'ip link set lo up && exec "$0" "$1" "$2"' "$flood" "$1" "$2" \
    >"$tmp/flood.out" 2>"$tmp/flood.err" &
  ns_pid=$!
  while ! grep -qx ready "$tmp/flood.out" 2>/dev/null; do
    if ! kill -0 "$ns_pid" 2>/dev/null; then
      echo "sockets_bench: conn_flood failed:"; cat "$tmp/flood.err"; exit 1
    fi
    sleep 0.2
  done
  t1=$(date +%s%N)
  setup_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
  grep -v '^$' "$tmp/flood.err" | sed 's/^/  /'
}

in_ns() { nsenter -t "$ns_pid" -n -- "$@"; }
# The same as a command prefix for /usr/bin/time (which cannot run functions).
ns() { ns_cmd=(nsenter -t "$ns_pid" -n --); }

declare -A times rss cpus
order=()
# measure NAME CMD...: one timed run (wall clock; peak RSS through
# /usr/bin/time when installed); stdout and stderr are discarded.
measure() {
  local name=$1 t0 t1
  shift
  [[ " ${order[*]} " == *" $name "* ]] || order+=("$name")
  t0=$(date +%s%N)
  if [ "$have_time" = 1 ]; then
    /usr/bin/time -f '%M %U %S' -o "$tmp/rss" "$@" >/dev/null 2>&1
  else
    "$@" >/dev/null 2>&1
  fi
  t1=$(date +%s%N)
  times[$name]+="$(( (t1 - t0) / 1000 )) "
  if [ "$have_time" = 1 ]; then
    local m u sy
    read -r m u sy < <(tail -1 "$tmp/rss")
    rss[$name]+="$m "
    # user+sys CPU in microseconds: robust when other work shares the cores.
    cpus[$name]+="$(awk -v u="$u" -v s="$sy" 'BEGIN { printf "%d", (u + s) * 1e6 }') "
  fi
}

median() {  # median of the numbers given, or empty
  printf '%s\n' "$@" | grep -v '^$' | sort -n | awk '{ v[NR] = $1 } END {
    if (NR == 0) exit; if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
med_s() {  # median seconds of NAME
  # shellcheck disable=SC2086
  local m; m=$(median ${times[$1]:-})
  [ -n "$m" ] && awk -v m="$m" 'BEGIN { printf "%.3f", m / 1e6 }'
}
med_cpu() {  # median CPU seconds (user+sys) of NAME
  # shellcheck disable=SC2086
  local m; m=$(median ${cpus[$1]:-})
  [ -n "$m" ] && awk -v m="$m" 'BEGIN { printf "%.2f", m / 1e6 }'
}
max_rss_mib() {
  # shellcheck disable=SC2086
  local m; m=$(printf '%s\n' ${rss[$1]:-} | sort -n | tail -1)
  [ -n "$m" ] && awk -v m="$m" 'BEGIN { printf "%.1f", m / 1024 }'
}
ratio() {  # ratio A B of two decimal numbers, or "n/a"
  awk -v a="${1:-}" -v b="${2:-}" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'
}

# ours_ready: our -tan works in the namespace (the socket mode is implemented).
ours_ready() {
  in_ns "$bin" -tan >"$tmp/ours.out" 2>"$tmp/ours.err" || return 1
  [ -s "$tmp/ours.out" ] && ! grep -qi "not implemented" "$tmp/ours.err"
}

run_variant() {
  local label=$1 connections=$2 processes=$3
  times=(); rss=(); cpus=(); order=()
  echo
  echo "== $label: starting namespace ($connections connections, $processes processes requested)"
  start_ns "$connections" "$processes"
  local sockets bytes nprocs
  sockets=$(in_ns sh -c 'cat /proc/net/tcp /proc/net/tcp6 | grep -vc "^ *sl"')
  bytes=$(in_ns sh -c 'cat /proc/net/tcp /proc/net/tcp6 | wc -c')
  nprocs=$(ls -d /proc/[0-9]* | wc -l)
  echo "   $sockets TCP sockets, $bytes bytes of /proc/net/tcp{,6}, $nprocs processes on the machine; set-up ${setup_s}s"

  local ours=1 bundle=""
  if ! ours_ready; then
    ours=0
    echo "   ours: NOT READY ($(head -1 "$tmp/ours.err")); measuring the others only"
  else
    in_ns "$oracle" -tan >"$tmp/oracle.out" 2>/dev/null
    if cmp -s "$tmp/ours.out" "$tmp/oracle.out"; then
      echo "   ours -tan output is byte-identical to netstat -tan"
    else
      echo "   WARNING: ours -tan differs from netstat -tan ($(diff "$tmp/oracle.out" "$tmp/ours.out" | grep -c '^[<>]') lines)"
    fi
    local t0 t1
    t0=$(date +%s%N)
    if in_ns "$bin" capture --force -o "$tmp/bundle.tar.zst" >/dev/null 2>"$tmp/capture.err"; then
      t1=$(date +%s%N)
      bundle=$tmp/bundle.tar.zst
      capture_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
      echo "   capture: ${capture_s}s, bundle $(stat -c %s "$bundle") bytes"
      [ -n "${KEEP_BUNDLE:-}" ] && cp "$bundle" "$KEEP_BUNDLE"
    else
      echo "   capture: not available ($(head -1 "$tmp/capture.err"))"
    fi
  fi

  local r
  ns
  for r in $(seq "$rounds"); do
    printf '   round %s/%s\n' "$r" "$rounds" >&2
    measure "cat /proc/net/tcp{,6}" "${ns_cmd[@]}" cat /proc/net/tcp /proc/net/tcp6
    measure "fd scan (readlink all)" "${ns_cmd[@]}" "$flood" --scan-fds
    [ "$ours" = 1 ] && measure "ours -tan" "${ns_cmd[@]}" "$bin" -tan
    measure "netstat -tan" "${ns_cmd[@]}" "$oracle" -tan
    [ "$have_ss" = 1 ] && measure "ss -tan" "${ns_cmd[@]}" ss -tan
    [ "$ours" = 1 ] && measure "ours -tanp" "${ns_cmd[@]}" "$bin" -tanp
    if [ "$r" -le "$slow_rounds" ]; then
      measure "netstat -tanp" "${ns_cmd[@]}" "$oracle" -tanp
      [ "$have_ss" = 1 ] && measure "ss -tanp" "${ns_cmd[@]}" ss -tanp
    fi
    [ -n "$bundle" ] && measure "ours --root=BUNDLE -tan" "$bin" --root="$bundle" -tan
  done
  stop_ns

  echo "   load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  printf '   %-28s %10s %10s %14s %6s\n' "command" "median s" "CPU s" "peak RSS MiB" "runs"
  local name
  for name in "${order[@]}"; do
    # shellcheck disable=SC2086
    printf '   %-28s %10s %10s %14s %6s\n' "$name" "$(med_s "$name")" "$(med_cpu "$name")" "$(max_rss_mib "$name")" \
      "$(printf '%s\n' ${times[$name]} | wc -l)"
  done
  local cat_s fd_s
  cat_s=$(med_s "cat /proc/net/tcp{,6}")
  fd_s=$(med_s "fd scan (readlink all)")
  local floor_p
  floor_p=$(awk -v a="$cat_s" -v b="$fd_s" 'BEGIN { printf "%.3f", a + b }')
  echo "   ratios:"
  if [ "$ours" = 1 ]; then
    echo "     ours -tan / cat                    $(ratio "$(med_s "ours -tan")" "$cat_s")   (target <= 1.3)"
  fi
  [ "$have_ss" = 1 ] && echo "     ss -tan / cat                      $(ratio "$(med_s "ss -tan")" "$cat_s")"
  echo "     netstat -tan / cat                 $(ratio "$(med_s "netstat -tan")" "$cat_s")"
  if [ "$ours" = 1 ]; then
    echo "     ours -tanp / (cat + fd scan)       $(ratio "$(med_s "ours -tanp")" "$floor_p")   (target <= 1.3)"
    echo "     netstat -tanp / ours -tanp         $(ratio "$(med_s "netstat -tanp")" "$(med_s "ours -tanp")")"
    [ "$have_ss" = 1 ] && echo "     ss -tanp / ours -tanp              $(ratio "$(med_s "ss -tanp")" "$(med_s "ours -tanp")")"
    if [ "$have_time" = 1 ]; then
      echo "   CPU (user+sys) ratios:"
      echo "     ours -tan / cat                    $(ratio "$(med_cpu "ours -tan")" "$(med_cpu "cat /proc/net/tcp{,6}")")"
      echo "     ours -tanp / (cat + fd scan)       $(ratio "$(med_cpu "ours -tanp")" "$(awk -v a="$(med_cpu "cat /proc/net/tcp{,6}")" -v b="$(med_cpu "fd scan (readlink all)")" 'BEGIN { printf "%.3f", a + b }')")"
      echo "     netstat -tan / ours -tan           $(ratio "$(med_cpu "netstat -tan")" "$(med_cpu "ours -tan")")"
      [ "$have_ss" = 1 ] && echo "     ss -tan / ours -tan                $(ratio "$(med_cpu "ss -tan")" "$(med_cpu "ours -tan")")"
      echo "     netstat -tanp / ours -tanp         $(ratio "$(med_cpu "netstat -tanp")" "$(med_cpu "ours -tanp")")"
      [ "$have_ss" = 1 ] && echo "     ss -tanp / ours -tanp              $(ratio "$(med_cpu "ss -tanp")" "$(med_cpu "ours -tanp")")"
    fi
    [ -n "$bundle" ] && echo "     ours --root=BUNDLE -tan / ours -tan $(ratio "$(med_s "ours --root=BUNDLE -tan")" "$(med_s "ours -tan")")   (target < 1)"
    if [ "$have_time" = 1 ]; then
      local limit
      limit=$(awk -v b="$bytes" 'BEGIN { printf "%.1f", (1.5 * b + 16 * 1048576) / 1048576 }')
      echo "     ours -tan peak RSS                 $(max_rss_mib "ours -tan") MiB   (target <= 1.5 x bytes read + 16 MiB = $limit MiB)"
      echo "     ours -tanp peak RSS                $(max_rss_mib "ours -tanp") MiB"
    fi
  fi
}

echo "sockets_bench: $(nproc) cores, kernel $(uname -r), $rounds rounds (slow -tanp of netstat/ss: $slow_rounds)"
echo "  ours: $bin"
case $variant in
  big) run_variant "many sockets" "${CONNECTIONS:-100000}" 4 ;;
  procs) run_variant "many processes" "${PROCS:-10000}" "${PROCS:-10000}" ;;
  all)
    run_variant "many sockets" "${CONNECTIONS:-100000}" 4
    run_variant "many processes" "${PROCS:-10000}" "${PROCS:-10000}"
    ;;
  *) echo "usage: $0 [big|procs|all]"; exit 2 ;;
esac
