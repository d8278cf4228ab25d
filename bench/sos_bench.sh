#!/usr/bin/env bash
# sosreport replay benchmark (issue 11 "Speed"): a sosreport with N TCP
# sockets (default 50k) and N/5 unix sockets, built from the layout of
# testdata/sos/sos4-zoo (proc/net -> self/net -> PID/net, the saved
# netstat -W -neopa naming every socket's owner), packed as .tar.xz like sos
# does. Interleaved rounds, medians of wall time:
#   tar -xJf REPORT                  (unpacking it, the 1.5x reference)
#   netstat --root=REPORT -tan / -tanp / -xa   (ours, on the .tar.xz)
#   netstat --root=FOLDER -tan       (ours, on the unpacked folder)
#   /usr/bin/netstat -tan            (net-tools on the same folder: its proc/
#                                     bound over /proc in a mount namespace)
# With perf installed, CPU time (task-clock of the command and its children:
# tar's xz included) is measured in the same runs and printed next to wall
# time: on a loaded machine wall time mostly measures waiting for a core,
# and tar -xJf runs as two processes (tar and xz) where we run one.
# Not a test. Root only for the net-tools column (skipped otherwise).
#   bench/sos_bench.sh   (environment: NETSTAT_BIN, SOCKETS=50000, ROUNDS=5,
#                         KEEP_REPORT=FILE keeps the generated .tar.xz)
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${NETSTAT_BIN:-$root/build/netstat}
n=${SOCKETS:-50000}
rounds=${ROUNDS:-5}
oracle=/usr/bin/netstat
[ -x "$bin" ] || { echo "sos_bench: $bin missing"; exit 1; }
tmp=$(mktemp -d /tmp/sos-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

top=sosreport-bench-2026-12-03-abcdefg
cp -a "$root/testdata/sos/sos4-zoo" "$tmp/$top"
python3 - "$tmp/$top" "$n" <<'PY'
import os, sys
d, n = sys.argv[1], int(sys.argv[2])
pid = os.readlink(os.path.join(d, "proc/self"))
net = os.path.join(d, "proc", pid, "net")
tcp = ["  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode"]
own = ["Active Internet connections (servers and established)",
       "Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode      PID/Program name     Timer"]
for i in range(n):
    port, inode, p = 10000 + i % 50000, 1000000 + i, 2000 + i // 50
    a = "%02X00007F" % (1 + i // 50000)
    tcp.append("%4d: %s:%04X 0100007F:1F90 01 00000000:00000000 00:00000000 00000000     0        0 %d 1 0000000000000000 20 4 30 10 -1" % (i, a, port, inode))
    own.append("tcp        0      0 127.0.0.%d:%-5d         127.0.0.1:8080          ESTABLISHED 0          %-10d %d/worker%-8d off (0.00/0/0)" % (1 + i // 50000, port, inode, p, p % 1000))
unix = ["Num       RefCount Protocol Flags    Type St Inode Path"]
own += ["Active UNIX domain sockets (servers and established)",
        "Proto RefCnt Flags       Type       State         I-Node   PID/Program name     Path"]
for i in range(n // 5):
    inode = 3000000 + i
    unix.append("0000000000000000: 00000003 00000000 00000000 0001 03 %d /run/bench/%d.sock" % (inode, i))
    own.append("unix  3      [ ]         STREAM     CONNECTED     %-8d %d/worker%-8d /run/bench/%d.sock" % (inode, 2000 + i // 50, (2000 + i // 50) % 1000, i))
open(os.path.join(net, "tcp"), "w").write("\n".join(tcp) + "\n")
open(os.path.join(net, "unix"), "w").write("\n".join(unix) + "\n")
open(os.path.join(d, "sos_commands/networking/netstat_-W_-neopa"), "w").write("\n".join(own) + "\n")
PY
(cd "$tmp" && tar -cJf "$top.tar.xz" "$top")
report=$tmp/$top.tar.xz
[ -n "${KEEP_REPORT:-}" ] && cp "$report" "$KEEP_REPORT"
folder=$tmp/$top
echo "report: $(du -h "$report" | cut -f1) .tar.xz, $n TCP + $((n / 5)) unix sockets"

now() { date +%s%N; }
declare -A times cpu
have_perf=0
perf stat -x, -e task-clock -o /dev/null true 2>/dev/null && have_perf=1
run() {  # label command...
  local t0 t1
  if [ "$have_perf" = 1 ]; then
    t0=$(now); perf stat -x, -e task-clock -o "$tmp/perf" -- "${@:2}" >/dev/null 2>&1; t1=$(now)
    cpu[$1]+="$(awk -F, '/task-clock/ { printf "%d", $1 }' "$tmp/perf") "
  else
    t0=$(now); "${@:2}" >/dev/null 2>&1; t1=$(now)
  fi
  times[$1]+="$(( (t1 - t0) / 1000000 )) "
}
oracle_ok=0
[ "$(id -u)" = 0 ] && [ -x "$oracle" ] && unshare -m true 2>/dev/null && oracle_ok=1
for r in $(seq "$rounds"); do
  rm -rf "$tmp/x" && mkdir "$tmp/x"
  run "tar -xJf" tar -xJf "$report" -C "$tmp/x"
  run "ours .tar.xz -tan" "$bin" --root="$report" -tan
  run "ours .tar.xz -tanp" "$bin" --root="$report" -tanp
  run "ours .tar.xz -xa" "$bin" --root="$report" -xa
  run "ours folder -tan" "$bin" --root="$folder" -tan
  if [ "$oracle_ok" = 1 ]; then
    ms=$(unshare -m bash -c 'mount --bind "$1/proc" /proc; t0=$(date +%s%N); "$2" -tan >/dev/null 2>&1; t1=$(date +%s%N); echo $(( (t1 - t0) / 1000000 ))' _ "$folder" "$oracle")
    times["net-tools folder -tan"]+="$ms "
  fi
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR + 1) / 2)]}'; }
printf '%-24s %14s %14s\n' "command" "median wall ms" "median CPU ms"
for k in "tar -xJf" "ours .tar.xz -tan" "ours .tar.xz -tanp" "ours .tar.xz -xa" "ours folder -tan" "net-tools folder -tan"; do
  [ -n "${times[$k]:-}" ] || continue
  c=-
  [ -n "${cpu[$k]:-}" ] && c=$(echo "${cpu[$k]}" | median)
  printf '%-24s %14s %14s\n' "$k" "$(echo "${times[$k]}" | median)" "$c"
done
ratio() {  # label numerator-array-name denominator-label what
  local -n arr=$1
  local a b
  a=$(echo "${arr[$2]}" | median); b=$(echo "${arr[$3]}" | median)
  awk -v a="$a" -v b="$b" -v t="$4" 'BEGIN { printf "%s = %.2f\n", t, a / b }'
}
ratio times "ours .tar.xz -tan" "tar -xJf" "wall: ours .tar.xz -tan / tar -xJf (target <= 1.5)"
ratio times "ours .tar.xz -tanp" "ours .tar.xz -tan" "wall: ours .tar.xz -tanp / -tan (target ~1.5)"
if [ "$have_perf" = 1 ]; then
  ratio cpu "ours .tar.xz -tan" "tar -xJf" "CPU:  ours .tar.xz -tan / tar -xJf"
  ratio cpu "ours .tar.xz -tanp" "ours .tar.xz -tan" "CPU:  ours .tar.xz -tanp / -tan"
fi
