#!/usr/bin/env bash
# diff and JSON benchmark (issue 5 "Performance"): builds two synthetic trees
# of SOCKETS TCP sockets each (B = A with ~2% of the sockets closed, ~2% new,
# ~2% changed state, ~1% replaced listeners) plus PROCS processes owning
# them, captures each into a bundle with `netstat capture`, then times,
# interleaved over ROUNDS rounds (medians):
#   load    netstat --root=X -M --json   (open + decode a bundle, no rows)
#   list    netstat --root=X -tan        (open + decode + the text listing)
#   diff    netstat diff A B -tan        (both bundles, match, print changes)
#   json    netstat --root=A -tan --json / --json-lines
# and prints the ratios the issue asks for: diff / (list A + list B) <= 2 and
# json / list <= 1.5 (also diff / (load A + load B)), each as CPU time
# (user+sys from /usr/bin/time, robust on a loaded machine) and wall time,
# with the date and the load average. Not a test.
# Environment: NETSTAT_BIN (build/netstat), SOCKETS (200000), PROCS (2000),
# ROUNDS (5), KEEP=DIR to keep the trees and bundles.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${NETSTAT_BIN:-$root/build/netstat}
sockets=${SOCKETS:-200000}
procs=${PROCS:-2000}
rounds=${ROUNDS:-5}
[ -x "$bin" ] || { echo "diff_json_bench: $bin missing"; exit 1; }
[ -x /usr/bin/time ] || { echo "diff_json_bench: needs /usr/bin/time (apt-get install time)"; exit 1; }
tmp=${KEEP:-$(mktemp -d /tmp/diff-json-bench.XXXXXX)}
mkdir -p "$tmp"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT

make_tree() {  # DIR SIDE(a|b)
  local dir=$1 side=$2
  mkdir -p "$dir/proc/net" "$dir/etc"
  cp -r "$root/testdata/diff/changes/a/etc/." "$dir/etc/"
  awk -v n="$sockets" -v side="$side" -v procs="$procs" -v dir="$dir" 'BEGIN {
    hdr = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode"
    print hdr > (dir "/proc/net/tcp")
    out = 0
    for (i = 0; i < n; i++) {
      inode = 100000 + i; st = 1; lport = 1024 + (i % 60000); rport = 443
      laddr = sprintf("%02X00000A", (i / 60000) % 256 + 1)
      raddr = sprintf("%08X", 167772160 + i)
      if (i % 50 == 0) { st = 10; raddr = "00000000"; rport = 0 }   # listeners
      if (side == "b") {
        if (i % 50 == 1) continue                                   # closed
        if (i % 50 == 2) st = 8                                     # state change
        if (i % 100 == 0) inode = 900000 + i                        # replaced
      }
      printf "%6d: %s:%04X %s:%04X %02X 00000000:00000000 00:00000000 00000000  1000        0 %d 1 0000000000000000 20 4 30 10 -1\n", out++, laddr, lport, raddr, rport, st, inode >> (dir "/proc/net/tcp")
    }
    if (side == "b") for (i = 0; i < n / 50; i++)                   # new
      printf "%6d: 0100007F:%04X 0200007F:%04X 01 00000000:00000000 00:00000000 00000000  1000        0 %d 1 0000000000000000 20 4 30 10 -1\n", out++, 2000 + i % 60000, 3000 + i % 60000, 5000000 + i >> (dir "/proc/net/tcp")
    print hdr > (dir "/proc/net/tcp6")
  }'
  : > "$dir/proc/net/udp"; : > "$dir/proc/net/raw"
  printf 'Num       RefCount Protocol Flags    Type St Inode Path\n' > "$dir/proc/net/unix"
  local p fd i per=$((sockets / procs))
  for ((p = 0; p < procs; p++)); do
    mkdir -p "$dir/proc/$((1000 + p))/fd"
    printf 'worker-%d\0' "$p" > "$dir/proc/$((1000 + p))/cmdline"
    for ((fd = 0; fd < per && fd < 5; fd++)); do
      ln -s "socket:[$((100000 + p * per + fd))]" "$dir/proc/$((1000 + p))/fd/$((3 + fd))"
    done
  done
}

echo "diff_json_bench: building two trees of $sockets sockets in $tmp"
[ -f "$tmp/a.tar.zst" ] || { make_tree "$tmp/a" a && "$bin" capture --root "$tmp/a" -o "$tmp/a.tar.zst" >/dev/null; }
[ -f "$tmp/b.tar.zst" ] || { make_tree "$tmp/b" b && "$bin" capture --root "$tmp/b" -o "$tmp/b.tar.zst" >/dev/null; }
ls -l "$tmp/a.tar.zst" "$tmp/b.tar.zst" | awk '{print "  " $5 " bytes  " $NF}'

# One run: "wall cpu" seconds, cpu = user + sys from /usr/bin/time (robust
# under load, unlike wall time).
run1() {
  local f; f=$(mktemp)
  /usr/bin/time -f '%e %U %S' -o "$f" "$@" >/dev/null 2>&1
  tail -n 1 "$f" | awk '{printf "%s %.2f\n", $1, $2 + $3}'; rm -f "$f"  # last line: time adds "Command exited with non-zero status" first
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A wall cpu
names="load_a load_b list_a list_b diff diffp json jsonl listp jsonp"
declare -A cmd=(
  [load_a]="--root=$tmp/a.tar.zst -M --json"
  [load_b]="--root=$tmp/b.tar.zst -M --json"
  [list_a]="--root=$tmp/a.tar.zst -tan"
  [list_b]="--root=$tmp/b.tar.zst -tan"
  [diff]="diff $tmp/a.tar.zst $tmp/b.tar.zst -tan"
  [diffp]="diff $tmp/a.tar.zst $tmp/b.tar.zst -tanp"
  [json]="--root=$tmp/a.tar.zst -tan --json"
  [jsonl]="--root=$tmp/a.tar.zst -tan --json-lines"
  [listp]="--root=$tmp/a.tar.zst -tanp"
  [jsonp]="--root=$tmp/a.tar.zst -tanp --json"
)
for k in $names; do wall[$k]=""; cpu[$k]=""; done
echo "diff_json_bench: $(date -u +%Y-%m-%dT%H:%M:%SZ), $(nproc) cores, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for ((r = 0; r < rounds; r++)); do
  for k in $names; do
    # shellcheck disable=SC2086
    read -r w c < <(run1 "$bin" ${cmd[$k]})
    wall[$k]+="$w "; cpu[$k]+="$c "
  done
done
declare -A mw mc
for k in $names; do
  mw[$k]=$(echo "${wall[$k]}" | tr ' ' '\n' | grep . | median)
  mc[$k]=$(echo "${cpu[$k]}" | tr ' ' '\n' | grep . | median)
done
printf '%-28s %8s %8s\n' "median of $rounds (s)" "cpu" "wall"
for k in $names; do printf '  %-26s %8.2f %8.2f   netstat %s\n' "$k" "${mc[$k]}" "${mw[$k]}" "${cmd[$k]//$tmp\//}"; done
ratio() { echo "scale=2; $1 / $2" | bc -l; }
both() {  # NUM_KEY DEN_EXPR_KEYS... : "cpu x.xx  wall y.yy"
  local n=$1; shift
  local dc="0" dw="0" k
  for k in "$@"; do dc="$dc + ${mc[$k]}"; dw="$dw + ${mw[$k]}"; done
  echo "cpu $(ratio "${mc[$n]}" "$(echo "$dc" | bc -l)")  wall $(ratio "${mw[$n]}" "$(echo "$dw" | bc -l)")"
}
echo "ratios:"
echo "  diff -tan / (list A + list B)   $(both diff list_a list_b)   (target <= 2)"
echo "  diff -tan / (load A + load B)   $(both diff load_a load_b)"
echo "  diff -tanp / (list A + list B)  $(both diffp list_a list_b)"
echo "  --json -tan / -tan              $(both json list_a)   (target <= 1.5)"
echo "  --json-lines -tan / -tan        $(both jsonl list_a)"
echo "  --json -tanp / -tanp            $(both jsonp listp)"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
"$bin" diff "$tmp/a.tar.zst" "$tmp/b.tar.zst" -tan | tail -1
