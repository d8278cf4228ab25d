#!/usr/bin/env bash
# Makes testdata/sos/sos4-ifaces (a real sosreport, trimmed to what the
# interface modes read) and its goldens testdata/sos/golden/sos4-ifaces/
# from /usr/bin/netstat run live in the same namespace, never from our
# binary. Root only (unshare -n -m, sos from apt: package sosreport).
#
# The namespace holds: lo; a veth pair with a primary address, a secondary
# address without broadcast and an alias label (veth0:1); a point-to-point
# address (peer); a bridge; a macvlan; a veth end with NOARP, changed MTU
# and txqueuelen, promiscuous and allmulti (its peer down); a 15-character name; a down
# interface; a tun device (no hardware address, NO-CARRIER); a vxlan. IPv6 router
# solicitations and DAD are off so that the counters stand still: the
# report's proc/net/dev is checked equal to the one read after net-tools ran.
#   scripts/make-sos-iface-fixture.sh
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
oracle=${ORACLE_NETSTAT:-/usr/bin/netstat}
[ "$(id -u)" = 0 ] || { echo "needs root" >&2; exit 1; }
command -v sos >/dev/null || { echo "needs sos (apt-get install sosreport)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cat > "$work/inner.sh" <<'EOF2'
set -eu
work=$1 oracle=$2
mount -t sysfs sysfs /sys
for k in default all; do
  sysctl -qw net.ipv6.conf.$k.router_solicitations=0 net.ipv6.conf.$k.dad_transmits=0
done
ip link set lo up
ip link add veth0 type veth peer name veth1
ip addr add 10.1.0.1/24 brd 10.1.0.255 dev veth0
ip addr add 10.1.0.9/24 dev veth0 label veth0:1
ip addr add 10.1.0.10/24 dev veth0
ip link set veth0 up && ip link set veth1 up
ip addr add 10.3.0.1 peer 10.3.0.2/32 dev veth1
ip link add br0 type bridge && ip link set br0 up
ip addr add 172.16.5.1/16 brd + dev br0
ip link add link veth1 name mv0 type macvlan && ip link set mv0 up
ip link add dm0 type veth peer name dm1
ip link set dm0 mtu 9000 txqueuelen 500 arp off promisc on allmulticast on up
ip addr add 192.168.77.7/28 brd + dev dm0
ip link add averyverylongnm type veth peer name vdown0
ip link set averyverylongnm up
ip tuntap add dev tun0 mode tun && ip link set tun0 up
ip link add vx0 type vxlan id 5 dstport 4789 && ip link set vx0 up
ip addr add 10.9.9.1/30 dev tun0
sleep 3
cat /proc/net/dev > "$work/dev.before"
mkdir -p "$work/out"
sos report --batch -o networking,process --tmp-dir "$work/out" --label ifaces -z xz \
  --threads 2 > "$work/sos.log" 2>&1 || { cat "$work/sos.log"; exit 1; }
mkdir -p "$work/golden"
for m in -i -ie -ia -iea -ian; do
  rc=0
  "$oracle" $m > "$work/golden/${m#-}.out" 2> "$work/golden/${m#-}.err" || rc=$?
  echo $rc > "$work/golden/${m#-}.rc"
done
cat /proc/net/dev > "$work/dev.after"
EOF2

unshare -n -m bash "$work/inner.sh" "$work" "$oracle"
report=$(ls "$work"/out/sosreport-*.tar.xz | head -1)
mkdir "$work/x" && tar -xJf "$report" -C "$work/x"
folder=$(ls -d "$work"/x/sosreport-* | head -1)
pid=$(readlink "$folder/proc/self")
cmp "$folder/proc/$pid/net/dev" "$work/dev.after" ||
  { echo "counters moved while sos ran; run again" >&2; exit 1; }

out=$src/testdata/sos/sos4-ifaces
rm -rf "$out" && mkdir -p "$out"
cd "$folder"
keep=(version.txt sos_reports/manifest.json etc/hostname netstat proc/self proc/net
      "proc/$pid/net/dev" "proc/$pid/net/if_inet6"
      sos_commands/networking/ip_-d_address sos_commands/networking/ip_-o_addr
      sos_commands/networking/ip_-s_-d_link sos_commands/networking/netstat_-W_-neopa)
for d in sys/class/net/*; do keep+=("$d"); done
tar -cf - "${keep[@]}" sys/devices/virtual/net | tar -xf - -C "$out"
head -3 sos_logs/sos.log > "$work/sos.log3" && mkdir -p "$out/sos_logs" && cp "$work/sos.log3" "$out/sos_logs/sos.log"
python3 - "$out/sos_reports/manifest.json" <<'PY'
import json, sys
p = sys.argv[1]; m = json.load(open(p))
json.dump({k: m[k] for k in ("version", "start_time", "end_time", "compression") if k in m},
          open(p, "w"), indent=4)
PY
rm -rf "$src/testdata/sos/golden/sos4-ifaces"
cp -r "$work/golden" "$src/testdata/sos/golden/sos4-ifaces"
echo "made $out and its goldens from $oracle"
