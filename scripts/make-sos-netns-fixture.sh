#!/usr/bin/env bash
# Makes testdata/sos/sos4-netns (a real sosreport of a container host,
# trimmed) and its goldens testdata/sos/golden/sos4-netns/ from
# /usr/bin/netstat run inside each named namespace (`ip netns exec NAME`)
# right after the report, the sockets unchanged; never from our binary.
# sos 4.0 runs in a private network and mount namespace (a tmpfs over
# /run/netns, so `ip netns` lists only ours) holding two named namespaces:
#   nu-a: a socket zoo (tcp listener with an established pair, 100 bytes
#         unread; tcp6 listener, its pair and a v4-mapped one; udp bound and
#         connected, udp6; raw and raw6; unix stream listener (abstract and
#         path), a connected pair, a dgram socket, a socketpair) held by
#         python3, and a perl listener run as uid 65534;
#   nu-b: a python3 tcp listener on 0.0.0.0:80 and a udp socket;
# joined by a veth pair, nu-a with an alias address, a multicast group and
# routes of each kind -r shows (gateway, host, unreachable, blackhole,
# advmss/window metrics).
# Root only.   scripts/make-sos-netns-fixture.sh
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
oracle=${ORACLE_NETSTAT:-/usr/bin/netstat}
[ "$(id -u)" = 0 ] || { echo "needs root" >&2; exit 1; }
command -v sos >/dev/null || { echo "needs sos (apt-get install sosreport)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The modes whose goldens are kept, per namespace.
modes_a="-tan -tanp -tane -tanep -taneop -tln -tlnp -tan4 -tan6 -tanW -uan -uanp -uane -ulnp
         -wan -wanp -wanep -xa -xap -xl -xlp -an -anp -ln -lnp -neopa -4anp -6anp
         -gn -rn -rne -rnee"
modes_b="-tanp -uanp -xap -anp -neopa -gn -rn"

cat > "$work/inner.sh" <<'EOF2'
set -eu
work=$1 oracle=$2 modes_a=$3 modes_b=$4
mount -t sysfs sysfs /sys
mkdir -p /run/netns && mount -t tmpfs tmpfs /run/netns
mkdir -p /mnt && mount -t tmpfs tmpfs /mnt
ip link set lo up
ip netns add nu-a
ip netns add nu-b
ip netns exec nu-a ip link set lo up
ip netns exec nu-b ip link set lo up
# A link between them, an alias address, and routes of every kind -r shows.
ip link add va0 netns nu-a type veth peer name vb0 netns nu-b
ip -n nu-a addr add 10.9.0.1/24 brd 10.9.0.255 dev va0
ip -n nu-a addr add 10.9.0.9/24 dev va0 label va0:1
ip -n nu-b addr add 10.9.0.2/24 dev vb0
ip -n nu-a link set va0 up && ip -n nu-b link set vb0 up
ip -n nu-a route add default via 10.9.0.2 dev va0 metric 50
ip -n nu-a route add 198.51.100.7 via 10.9.0.2 dev va0
ip -n nu-a route add unreachable 203.0.113.0/24
ip -n nu-a route add blackhole 192.0.2.0/25
ip -n nu-a route add 192.0.2.128/25 dev va0 advmss 1400 window 65535
ip -n nu-b route add default via 10.9.0.1
# The host view: one listener.
python3 -c 'import socket,time; s=socket.socket(); s.bind(("127.0.0.1", 9999)); s.listen(); time.sleep(900)' &
host=$!
ip netns exec nu-a python3 - "$work/ready-a" <<'PY' &
import socket, struct, sys, time
S = socket
s = S.socket(); s.setsockopt(S.SOL_SOCKET, S.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 7777)); s.listen(5)
c = S.create_connection(("127.0.0.1", 7777)); a, _ = s.accept()
c.sendall(b"x" * 100)
s6 = S.socket(S.AF_INET6); s6.bind(("::", 7443)); s6.listen(5)
c6 = S.create_connection(("::1", 7443)); a6, _ = s6.accept()
m = S.socket(S.AF_INET6); m.connect(("::ffff:127.0.0.1", 7777)); am, _ = s.accept()
u = S.socket(S.AF_INET, S.SOCK_DGRAM); u.bind(("0.0.0.0", 5353))
uc = S.socket(S.AF_INET, S.SOCK_DGRAM); uc.connect(("127.0.0.1", 5353))
u6 = S.socket(S.AF_INET6, S.SOCK_DGRAM); u6.bind(("::1", 5354))
r = S.socket(S.AF_INET, S.SOCK_RAW, S.IPPROTO_ICMP)
r6 = S.socket(S.AF_INET6, S.SOCK_RAW, S.IPPROTO_ICMPV6)
x = S.socket(S.AF_UNIX); x.bind("\0zoo-a"); x.listen(5)
xc = S.socket(S.AF_UNIX); xc.connect("\0zoo-a"); xa, _ = x.accept()
xp = S.socket(S.AF_UNIX); xp.bind("/mnt/zoo-a.sock"); xp.listen(5)
xd = S.socket(S.AF_UNIX, S.SOCK_DGRAM); xd.bind("\0zoo-dgram")
sp = S.socketpair()
g = S.socket(S.AF_INET, S.SOCK_DGRAM)
g.setsockopt(S.IPPROTO_IP, S.IP_ADD_MEMBERSHIP, S.inet_aton("239.1.2.3") + S.inet_aton("10.9.0.1"))
g6 = S.socket(S.AF_INET6, S.SOCK_DGRAM)
g6.setsockopt(S.IPPROTO_IPV6, S.IPV6_JOIN_GROUP,
              S.inet_pton(S.AF_INET6, "ff15::1234") + struct.pack("@I", S.if_nametoindex("va0")))
open(sys.argv[1], "w").write("1")
time.sleep(900)
PY
za=$!
ip netns exec nu-a setpriv --reuid=65534 --regid=65534 --clear-groups \
  perl -MIO::Socket::INET -e '$s = IO::Socket::INET->new(LocalAddr => "0.0.0.0:7778", Listen => 5, ReuseAddr => 1) or die; open(F, ">", $ARGV[0]); close F; sleep 900' "$work/ready-p" &
zp=$!
ip netns exec nu-b python3 - "$work/ready-b" <<'PY' &
import socket, sys, time
s = socket.socket(); s.bind(("0.0.0.0", 80)); s.listen(5)
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("0.0.0.0", 68))
open(sys.argv[1], "w").write("1")
time.sleep(900)
PY
zb=$!
for _ in $(seq 100); do
  [ -e "$work/ready-a" ] && [ -e "$work/ready-p" ] && [ -e "$work/ready-b" ] && break
  sleep 0.1
done
sleep 0.5
mkdir -p "$work/out"
sos report --batch -o networking,process --tmp-dir "$work/out" --label netns -z xz \
  --threads 2 > "$work/sos.log" 2>&1 || { cat "$work/sos.log"; kill $host $za $zp $zb; exit 1; }
golden() {  # namespace modes...
  ns=$1; shift
  mkdir -p "$work/golden/$ns"
  for m in "$@"; do
    rc=0
    ip netns exec "$ns" "$oracle" $m > "$work/golden/$ns/${m#-}.out" \
      2> "$work/golden/$ns/${m#-}.err" || rc=$?
    echo $rc > "$work/golden/$ns/${m#-}.rc"
  done
}
golden nu-a $modes_a
golden nu-b $modes_b
# The report's text must still be what netstat prints now (nothing moved).
for ns in nu-a nu-b; do
  ip netns exec $ns "$oracle" -W -neopa > "$work/now-$ns"
done
kill $host $za $zp $zb
EOF2

unshare -n -m bash "$work/inner.sh" "$work" "$oracle" "$modes_a" "$modes_b"
report=$(ls "$work"/out/sosreport-*.tar.xz | head -1)
mkdir "$work/x" && tar -xJf "$report" -C "$work/x"
folder=$(ls -d "$work"/x/sosreport-* | head -1)
pid=$(readlink "$folder/proc/self")
net=sos_commands/networking
for ns in nu-a nu-b; do
  cmp "$work/now-$ns" "$folder/$net/ip_netns_exec_${ns}_netstat_-W_-neopa" ||
    { echo "the sockets of $ns moved between the report and the goldens" >&2; exit 1; }
done

out=$src/testdata/sos/sos4-netns
rm -rf "$out" && mkdir -p "$out"
cd "$folder"
keep=(version.txt sos_reports/manifest.json etc/hostname proc/self proc/net
      "proc/$pid/net/tcp" "proc/$pid/net/tcp6" "proc/$pid/net/udp" "proc/$pid/net/udp6"
      "proc/$pid/net/raw" "proc/$pid/net/raw6" "proc/$pid/net/unix"
      $net/netstat_-W_-neopa $net/ip_netns)
for f in $net/ip_netns_exec_*_netstat_* $net/ip_netns_exec_*_ip_*; do keep+=("$f"); done
tar -cf - "${keep[@]}" | tar -xf - -C "$out"
mkdir -p "$out/sos_logs" && head -3 sos_logs/sos.log > "$out/sos_logs/sos.log"
python3 - "$out/sos_reports/manifest.json" <<'PY'
import json, sys
p = sys.argv[1]; m = json.load(open(p))
json.dump({k: m[k] for k in ("version", "start_time", "end_time", "compression") if k in m},
          open(p, "w"), indent=4)
PY
rm -rf "$src/testdata/sos/golden/sos4-netns"
cp -r "$work/golden" "$src/testdata/sos/golden/sos4-netns"
echo "made $out and its goldens from $oracle"
