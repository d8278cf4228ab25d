#!/usr/bin/env bash
# Live check of name lookups against /usr/bin/netstat under several
# nsswitch.conf lines: our netstat answers reverse host/network lookups from
# an index of /etc/hosts and /etc/networks where nsswitch.conf puts "files"
# first, and asks libc for the rest (replay/nsswitch_name_service.h). For
# each case, in a private network + mount namespace with /etc/hosts,
# /etc/networks, /etc/nsswitch.conf and /etc/resolv.conf (a nameserver that
# refuses at once) bound over, -r, -re, -6r and -ta must print the same bytes
# as 2.10, with the index and with NETSTAT_LIBC_NAMES=1 (libc only).
# Root only; exits 77 (skip) with a message when root, unshare, ip or the
# oracle are missing.
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
{
  # Networks named in /etc/networks, others not; host routes (flag H) and
  # gateways named in /etc/hosts, others not.
  for i in $(seq 0 39); do
    echo "route add 172.16.$i.0/24 via 10.0.0.$((2 + i % 5)) dev d0 metric $((i % 3))"
  done
  echo "route add 192.0.2.7/32 via 10.0.0.2 dev d0"
  echo "route add 192.0.2.8/32 via 10.0.0.3 dev d0"
  echo "route add 198.51.100.0/24 dev d0"
  echo "route add 2001:db8:1::/64 via fd00::2 dev d0"
  echo "route add 2001:db8:2::/64 via fd00::3 dev d0"
} > "$work/batch"
cat > "$work/hosts" <<'H'
# comment line
127.0.0.1	localhost
10.0.0.1 self.example.org self
10.0.0.2 gw.example.org gw   # trailing comment
10.0.0.2 second-name-for-gw
  192.0.2.7   host7.example.org
::ffff:10.0.0.4 mapped-gw4
fd00::2 gw6.example.org
10.0.0.5
H
printf 'net16 172.16.0.0\nnet17 172.16.17\nnet30 172.16.30.0\ndoc3 198.51.100\n' > "$work/networks"
printf 'nameserver 127.0.0.1\noptions timeout:1 attempts:1\n' > "$work/resolv.conf"

cases=(
  "hosts: files|networks: files"
  "hosts:  files dns|networks: files dns"
  "hosts: files [NOTFOUND=return] dns|networks: files [!SUCCESS=return] dns"
  "hosts: dns files|networks: dns files"
  "hosts: files mdns4_minimal [NOTFOUND=return] dns|networks: files"
  "passwd: files"
  "hosts: dns|networks: dns"
)
i=0
for c in "${cases[@]}"; do
  tr '|' '\n' <<< "$c" > "$work/nsswitch.$i"
  i=$((i + 1))
done

cat > "$work/inner.sh" <<'EOF'
set -u
work=$1 bin=$2 oracle=$3 ncases=$4
mount --bind "$work/hosts" /etc/hosts
mount --bind "$work/networks" /etc/networks
[ -e /etc/resolv.conf ] && mount --bind "$work/resolv.conf" /etc/resolv.conf
ip link set lo up
ip link add d0 type dummy 2>/dev/null || ip link add d0 type veth peer name d1 || exit 2
ip addr add 10.0.0.1/8 dev d0
ip addr add 10.0.0.4/32 dev d0
ip addr add 10.0.0.5/32 dev d0
ip -6 addr add fd00::1/64 dev d0 nodad
ip link set d0 up
ip -batch "$work/batch" || exit 2
python3 -c '
import socket, time
a = socket.socket(); a.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
a.bind(("10.0.0.1", 2222)); a.listen()
c = socket.create_connection(("10.0.0.1", 2222)); s, _ = a.accept()
b = socket.socket(); b.bind(("10.0.0.5", 0)); b.listen()
d = socket.socket(); d.bind(("10.0.0.4", 0)); d.listen()
e = socket.create_connection(d.getsockname()); f, _ = d.accept()
time.sleep(120)' &
sleep 0.5
fails=0
for i in $(seq 0 $((ncases - 1))); do
  mount --bind "$work/nsswitch.$i" /etc/nsswitch.conf
  for env in "" "NETSTAT_LIBC_NAMES=1"; do
    for args in "-r" "-re" "-6r" "-ta"; do
      LC_ALL=C $oracle $args > "$work/o.out" 2> "$work/o.err"; orc=$?
      env LC_ALL=C $env $bin $args > "$work/m.out" 2> "$work/m.err"; mrc=$?
      what="[$(tr '\n' ';' < "$work/nsswitch.$i")] ${env:+$env }netstat $args"
      if cmp -s "$work/o.out" "$work/m.out" && cmp -s "$work/o.err" "$work/m.err" && [ $orc = $mrc ]; then
        echo "ok   $what ($(wc -l < "$work/o.out") lines, $(grep -c '[a-z][a-z]*[0-9]*\.example\.org\|net1[67]\|net30\|doc3\|mapped-gw4' "$work/o.out") with names)"
      else
        echo "FAIL $what (status $orc vs $mrc)"
        diff "$work/o.out" "$work/m.out" | head -8
        diff "$work/o.err" "$work/m.err" | head -5
        fails=$((fails + 1))
      fi
    done
  done
  umount /etc/nsswitch.conf
done
kill %1 2>/dev/null
exit $fails
EOF
unshare -n -m --propagation private bash "$work/inner.sh" "$work" "$bin" "$oracle" "${#cases[@]}"
status=$?
[ $status = 0 ] && echo "route_names_live: all checks passed" || echo "route_names_live: $status check(s) failed"
exit $status
