#!/usr/bin/env bash
# A real sosreport, made by Debian's sos (package sosreport) inside a private
# network and mount namespace holding a socket zoo (tcp listener and an
# established pair, udp, tcp6, a unix listener) and interfaces (veth pair, an
# alias label, a bridge, a macvlan, a 15-character name, a down interface)
# and a route. Then, on the report's .tar.xz and on the unpacked folder:
#  (a) numeric socket, route, group and statistics modes equal
#      /usr/bin/netstat run on the same tree (its proc/ bind-mounted over
#      /proc in a private mount namespace);
#  (b) -tanp, -uanp, -xap (owners from the report's saved netstat -W -neopa)
#      equal /usr/bin/netstat run live in the namespace right after the
#      report, the zoo unchanged;
#  (c) -i, -ie, -ia, -iea (interfaces rebuilt from the report's iproute2
#      text and sysfs) equal /usr/bin/netstat run live right after the
#      report, counters masked (they move between sos's copy of
#      /proc/net/dev and the live run: IPv6 router solicitations, MLD);
#  (d) --json carries the report's host name and time;
#  (e) a named namespace (`ip netns add`, a tmpfs over /run/netns so that
#      sos sees only ours) holding sockets: --netns=nu-live of the socket
#      modes (rebuilt from the netstat text sos saved in it) equals
#      `ip netns exec nu-live /usr/bin/netstat` run right after the report
#      (and -gn, -rn, -rne from its saved netstat -agn and ip route text),
#      and --netns=all prints self, then nu-live.
# sos is installed with apt-get when missing. Root only; exits 77 (skip) with
# a message when root, unshare, python3, sos or the oracle are missing.
set -uo pipefail
src=${NETSTAT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${NETSTAT_BIN:-$src/build/netstat}
oracle=${ORACLE_NETSTAT:-/usr/bin/netstat}

skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (network namespaces, sos)"
command -v unshare >/dev/null || skip "needs unshare"
command -v ip >/dev/null || skip "needs iproute2 (ip)"
command -v python3 >/dev/null || skip "needs python3"
[ -x "$oracle" ] || skip "needs $oracle (apt-get install net-tools)"
[ -x "$bin" ] || skip "netstat binary $bin not built"
unshare -n -m true 2>/dev/null || skip "unshare -n -m is not permitted here"
if ! command -v sos >/dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q sosreport >/dev/null 2>&1 ||
    skip "sos is not installed and apt-get install sosreport failed"
fi
command -v sos >/dev/null || skip "needs sos (apt-get install sosreport)"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat > "$work/inner.sh" <<'EOF2'
set -u
work=$1 oracle=$2
# A fresh sysfs shows this namespace's interfaces only (sos copies it, and
# runs ethtool per interface: fewer interfaces, faster report).
mount -t sysfs sysfs /sys
ip link set lo up
ip link add veth0 type veth peer name veth1
ip addr add 10.1.0.1/24 brd 10.1.0.255 dev veth0
ip addr add 10.1.0.9/24 dev veth0 label veth0:1
ip link set veth0 up && ip link set veth1 up
ip link add br0 type bridge && ip link set br0 up
ip link add link veth1 name mv0 type macvlan && ip link set mv0 up
ip link add averyverylongnm type veth peer name vdown0
ip route add 192.0.2.0/24 via 10.1.0.2 dev veth0
mkdir -p /run/netns && mount -t tmpfs tmpfs /run/netns
ip netns add nu-live && ip netns exec nu-live ip link set lo up
ip -n nu-live route add unreachable 198.51.100.0/24 metric 7
ip -n nu-live route add blackhole 203.0.113.0/24
ip netns exec nu-live python3 - "$work/ready-ns" <<'PY' &
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 7070)); s.listen()
c = socket.create_connection(("127.0.0.1", 7070)); a = s.accept()
u = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u.bind(("::", 5300))
x = socket.socket(socket.AF_UNIX); x.bind("\0netstat-ns-zoo"); x.listen()
open(sys.argv[1], "w").write("1")
time.sleep(600)
PY
nszoo=$!
python3 - "$work/ready" <<'PY' &
import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 8080)); s.listen()
c = socket.create_connection(("127.0.0.1", 8080)); a = s.accept()
s6 = socket.socket(socket.AF_INET6); s6.bind(("::1", 8443)); s6.listen()
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("0.0.0.0", 5353))
x = socket.socket(socket.AF_UNIX); x.bind("\0netstat-zoo"); x.listen()
open(sys.argv[1], "w").write("1")
time.sleep(600)
PY
zoo=$!
for _ in $(seq 100); do [ -e "$work/ready" ] && [ -e "$work/ready-ns" ] && break; sleep 0.1; done
mkdir -p "$work/out"
sos report --batch -o networking,process --tmp-dir "$work/out" --label zoo -z xz \
  --threads 2 > "$work/sos.log" 2>&1 || { cat "$work/sos.log"; kill $zoo $nszoo; exit 1; }
for m in -tanp -uanp -xap -i -ie -ia -iea; do "$oracle" $m > "$work/live$m.out" 2>&1; done
for m in -tan -tanp -tanep -uanp -xap -anp -tlnp -gn -rn -rne; do
  ip netns exec nu-live "$oracle" $m > "$work/ns$m.out" 2>&1
done
kill $zoo $nszoo
EOF2

unshare -n -m bash "$work/inner.sh" "$work" "$oracle" || { echo "FAIL: making the report"; exit 1; }
report=$(ls "$work"/out/sosreport-*.tar.xz 2>/dev/null | head -1)
[ -n "$report" ] || { echo "FAIL: sos made no .tar.xz"; cat "$work/sos.log"; exit 1; }
mkdir "$work/x" && tar -xJf "$report" -C "$work/x" 2>/dev/null
folder=$(ls -d "$work"/x/sosreport-* | head -1)

fails=0
check() {  # name expected-file actual-file
  if cmp -s "$2" "$3"; then
    echo "ok    $1"
  else
    echo "FAIL  $1"; diff -u "$2" "$3" | head -20; fails=$((fails + 1))
  fi
}

# Counters of -i (columns 3-10) and -ie (RX/TX lines) as '#', blanks
# collapsed (a counter with one more digit moves its column).
mask_counters() {
  sed -E '/^ +(RX|TX) /{s/[0-9]+(\.[0-9]+)?/#/g;s/\(# [KMGTPE]?i?B\)/(#)/g}' |
    awk 'NR > 2 && NF >= 11 && $2 ~ /^[0-9]+$/ { for (i = 3; i <= 10; i++) $i = "#" } { $1 = $1; print }'
}

numeric=(-tan -uan -xa -wan -tane -rn -6rn -gn -s)
# The oracle on the report's own files: proc/ over /proc, etc/ files too.
unshare -m bash -c '
  folder=$1 oracle=$2 out=$3; shift 3
  mount --bind "$folder/proc" /proc
  for f in services protocols hosts networks; do
    [ -f "$folder/etc/$f" ] && mount --bind "$folder/etc/$f" /etc/$f
  done
  for m in "$@"; do "$oracle" $m > "$out/oracle$m.out" 2>&1; echo $? >> "$out/oracle$m.out"; done
' _ "$folder" "$oracle" "$work" "${numeric[@]}"

for root in "$report" "$folder"; do
  kind=$([ -d "$root" ] && echo folder || echo tar.xz)
  for m in "${numeric[@]}"; do
    { "$bin" --root="$root" $m 2>&1; echo $?; } > "$work/ours.out"
    check "$kind $m" "$work/oracle$m.out" "$work/ours.out"
  done
  for m in -tanp -uanp -xap; do
    "$bin" --root="$root" $m > "$work/ours.out" 2>&1
    check "$kind $m (owners)" "$work/live$m.out" "$work/ours.out"
  done
  for m in -i -ie -ia -iea; do
    "$bin" --root="$root" $m > "$work/ours.out" 2>&1
    mask_counters < "$work/live$m.out" > "$work/live.masked"
    mask_counters < "$work/ours.out" > "$work/ours.masked"
    check "$kind $m (counters masked)" "$work/live.masked" "$work/ours.masked"
  done
  for m in -tan -tanp -tanep -uanp -xap -anp -tlnp -gn -rn -rne; do
    "$bin" --root="$root" --netns=nu-live $m > "$work/ours.out" 2>&1
    check "$kind --netns=nu-live $m" "$work/ns$m.out" "$work/ours.out"
  done
  if "$bin" --root="$root" --netns=all -tln | grep '^== netns' | tr '\n' ' ' |
      grep -qx '== netns self == == netns nu-live == '; then
    echo "ok    $kind --netns=all: self, nu-live"
  else
    echo "FAIL  $kind --netns=all headers"; "$bin" --root="$root" --netns=all -tln | head; fails=$((fails + 1))
  fi
  json=$("$bin" --root="$root" -tan --json)
  host=$(cat "$folder/etc/hostname")
  start=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["start_time"].replace(" ", "T"))' \
          "$folder/sos_reports/manifest.json")
  if grep -q "\"host\":\"$host\"" <<<"$json" && grep -q "\"captured_at\":\"$start\"" <<<"$json"; then
    echo "ok    $kind --json host $host, captured_at $start"
  else
    echo "FAIL  $kind --json metadata (want host $host, captured_at $start)"
    head -c 400 <<<"$json"; echo; fails=$((fails + 1))
  fi
done
[ "$fails" = 0 ] || { echo "sosreport: $fails failed"; exit 1; }
echo "sosreport: all passed"
