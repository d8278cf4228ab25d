#!/usr/bin/env bash
# Live checks for the routing and statistics modes, in a private network and
# mount namespace with a dummy device carrying 10,000 IPv4 routes (plus a few
# IPv6, reject and unreachable routes):
#  (a) our netstat and /usr/bin/netstat must print the same bytes for
#      -r, -rn, -re, -ree, -rC, -6r, -6rn, -s, -s -6 (a fresh namespace has no
#      traffic, so its counters stay put between the two runs);
#  (b) the namespace is the same as bench/modes_bench.sh measures (-rn); speed
#      is a benchmark figure (docs/performance.md), never a test assertion.
# Name lookups are pinned to files the script writes (hosts, networks,
# files-only nsswitch.conf, empty resolv.conf). Root only; exits 77 (skip)
# with a message when root, unshare, ip or the oracle are missing.
set -uo pipefail
src=${NETSTAT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${NETSTAT_BIN:-$src/build/netstat}
oracle=${ORACLE_NETSTAT:-/usr/bin/netstat}

skip() { echo "SKIP: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (network namespaces)"
command -v unshare >/dev/null || skip "needs unshare"
command -v ip >/dev/null || skip "needs iproute2 (ip)"
command -v python3 >/dev/null || skip "needs python3"
[ -x "$oracle" ] || skip "needs $oracle (apt-get install net-tools)"
[ -x "$bin" ] || skip "netstat binary $bin not built"
unshare -n -m true 2>/dev/null || skip "unshare -n -m is not permitted here"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work/batch" <<'EOF'
import sys
with open(sys.argv[1], 'w') as f:
    for i in range(10000):
        f.write('route add 172.%d.%d.0/24 via 10.0.0.2 dev d0 metric %d\n'
                % (16 + i // 256 % 16, i % 256, i % 7))
    f.write('route add unreachable 192.0.2.0/24\n')
    f.write('route add prohibit 198.51.100.0/24 metric 4294967295\n')
    f.write('route add 10.9.9.9/32 via 10.0.0.2 dev d0\n')
    f.write('route add 169.254.0.0/16 dev d0 metric 1000\n')
    f.write('route add 2001:db8:1::/64 via fd00::2 dev d0 metric 1024\n')
    f.write('route add unreachable 2001:db8:dead::/48\n')
EOF
printf '127.0.0.1 localhost\n10.0.0.2 gw.example.org\n10.9.9.9 averyveryverylonghostname.example.org\nfd00::2 gw6.example.org\n' > "$work/hosts"
printf 'link-local 169.254.0.0\nnet172 172.16.5.0\n' > "$work/networks"
printf 'hosts: files\nnetworks: files\npasswd: files\ngroup: files\nservices: files\nprotocols: files\n' > "$work/nsswitch.conf"
: > "$work/empty"

cat > "$work/inner.sh" <<'EOF'
set -u
work=$1 bin=$2 oracle=$3
mount --bind "$work/hosts" /etc/hosts
mount --bind "$work/networks" /etc/networks
mount --bind "$work/nsswitch.conf" /etc/nsswitch.conf
[ -e /etc/resolv.conf ] && mount --bind "$work/empty" /etc/resolv.conf
ip link set lo up
ip link add d0 type dummy 2>/dev/null || ip link add d0 type veth peer name d1 || exit 2
ip addr add 10.0.0.1/8 dev d0
ip -6 addr add fd00::1/64 dev d0 nodad
ip link set d0 up
ip -batch "$work/batch" || exit 2
fails=0
for args in "-r" "-rn" "-re" "-ree" "-rC" "-rnFC" "-6r" "-6rn" "-s" "-s -6" "-s -t"; do
  LC_ALL=C $oracle $args > "$work/o.out" 2> "$work/o.err"; orc=$?
  LC_ALL=C $bin $args > "$work/m.out" 2> "$work/m.err"; mrc=$?
  if cmp -s "$work/o.out" "$work/m.out" && cmp -s "$work/o.err" "$work/m.err" && [ $orc = $mrc ]; then
    echo "ok   netstat $args ($(wc -l < "$work/o.out") lines)"
  else
    echo "FAIL netstat $args (status $orc vs $mrc)"
    diff "$work/o.out" "$work/m.out" | head -5
    diff "$work/o.err" "$work/m.err" | head -5
    fails=$((fails + 1))
  fi
done
exit $fails
EOF
unshare -n -m --propagation private bash "$work/inner.sh" "$work" "$bin" "$oracle"
status=$?
[ $status = 0 ] && echo "route_live: all checks passed" || echo "route_live: $status check(s) failed"
exit $status
