#!/usr/bin/env bash
# redact benchmark (issue 14 "Speed"): a synthetic tree of SOCKETS TCP
# sockets (distinct remote addresses, a quarter IPv6) and SOCKETS/2 UNIX
# sockets with paths, captured into bundle B; then times, interleaved over
# ROUNDS rounds (medians of CPU time user+sys, and wall time):
#   tan      netstat --root=B -tan  > /dev/null
#   xa       netstat --root=B -xa   > /dev/null
#   write    netstat capture --root=B -o C      (read B, write a bundle)
#   redact   netstat redact B -o R --key-file K
# and prints redact / (tan + xa + write), which the issue wants <= 2.
# Not a test. Environment: NETSTAT_BIN (build/netstat), SOCKETS (100000),
# ROUNDS (3), KEEP=DIR to keep the files.
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${NETSTAT_BIN:-$root/build/netstat}
sockets=${SOCKETS:-100000}
rounds=${ROUNDS:-3}
[ -x "$bin" ] || { echo "redact_bench: $bin missing"; exit 1; }
[ -x /usr/bin/time ] || { echo "redact_bench: needs /usr/bin/time (apt-get install time)"; exit 1; }
tmp=${KEEP:-$(mktemp -d /tmp/redact-bench.XXXXXX)}
mkdir -p "$tmp"
[ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT

tree=$tmp/tree
mkdir -p "$tree/proc/net" "$tree/etc"
awk -v n="$sockets" -v dir="$tree" 'BEGIN {
  hdr = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode"
  hdr6 = "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode"
  print hdr > (dir "/proc/net/tcp"); print hdr6 > (dir "/proc/net/tcp6")
  for (i = 0; i < n; i++) {
    if (i % 4 == 3) {
      printf "%6d: B80D0120%08X0000000001000000:01BB B80D0120%08X00000000%08X:%04X 01 00000000:00000000 00:00000000 00000000  1000        0 %d 1 0000000000000000 20 4 30 10 -1\n", i, i % 256, (i * 7) % 65536, i, 1024 + i % 60000, 100000 + i >> (dir "/proc/net/tcp6")
    } else {
      printf "%6d: 0201A8C0:%04X %08X:01BB 01 00000000:00000000 00:00000000 00000000  1000        0 %d 1 0000000000000000 20 4 30 10 -1\n", i, 1024 + i % 60000, 167772160 + i * 13, 100000 + i >> (dir "/proc/net/tcp")
    }
  }
  u = dir "/proc/net/unix"
  print "Num       RefCount Protocol Flags    Type St Inode Path" > u
  for (i = 0; i < n / 2; i++)
    printf "ffff9b61ac%06x: 00000002 00000000 00010000 0001 01 %d /run/user/%d/app-%d/sock\n", i, 500000 + i, 1000 + i % 50, i >> u
}'
: > "$tree/proc/net/udp"; : > "$tree/proc/net/raw"
printf 'root:x:0:0:root:/root:/bin/bash\n' > "$tree/etc/passwd"
printf '127.0.0.1 localhost\n192.168.1.2 web1.example web1\n' > "$tree/etc/hosts"
"$bin" capture --root "$tree" --force -o "$tmp/B.tar.zst" >/dev/null || { echo "redact_bench: capture failed"; exit 1; }

declare -A cpu wall
measure() {
  local name=$1
  shift
  /usr/bin/time -f "%e %U %S" -o "$tmp/t" "$@" >/dev/null 2>"$tmp/$name.err" ||
    { echo "redact_bench: $name failed: $(cat "$tmp/$name.err")"; exit 1; }
  read -r w u s < <(tail -1 "$tmp/t")
  wall[$name]+="$w "
  cpu[$name]+="$(awk -v u="$u" -v s="$s" 'BEGIN { printf "%.2f", u + s }') "
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

echo "redact_bench: $(date -u +%Y-%m-%dT%H:%MZ) $(git -C "$root" rev-parse --short HEAD 2>/dev/null)"
echo "redact_bench: $sockets TCP sockets (1/4 IPv6), $((sockets / 2)) UNIX sockets, bundle $(stat -c %s "$tmp/B.tar.zst") bytes, $rounds rounds"
echo "  load average at start: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
for ((r = 1; r <= rounds; r++)); do
  measure tan "$bin" --root="$tmp/B.tar.zst" -tan
  measure xa "$bin" --root="$tmp/B.tar.zst" -xa
  measure write "$bin" capture --root "$tmp/B.tar.zst" --force -o "$tmp/C.tar.zst"
  measure redact "$bin" redact "$tmp/B.tar.zst" --force -o "$tmp/R.tar.zst" --key-file "$tmp/key"
done
for n in tan xa write redact; do
  printf '  %-7s cpu %6.2f s   wall %6.2f s\n' "$n" "$(echo "${cpu[$n]}" | median)" "$(echo "${wall[$n]}" | median)"
done
awk -v r="$(echo "${cpu[redact]}" | median)" -v a="$(echo "${cpu[tan]}" | median)" \
    -v b="$(echo "${cpu[xa]}" | median)" -v c="$(echo "${cpu[write]}" | median)" \
    -v rw="$(echo "${wall[redact]}" | median)" -v aw="$(echo "${wall[tan]}" | median)" \
    -v bw="$(echo "${wall[xa]}" | median)" -v cw="$(echo "${wall[write]}" | median)" 'BEGIN {
  printf "  redact / (tan + xa + write): cpu %.2fx, wall %.2fx (target <= 2)\n", r / (a + b + c), rw / (aw + bw + cw)
}'
