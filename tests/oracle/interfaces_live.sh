#!/usr/bin/env bash
# Live differential test of `netstat -i` against /usr/bin/netstat, byte for
# byte (stdout, stderr, exit status). Root only; skips (77) otherwise.
#  1. Real interfaces: an `unshare -n` namespace with a bridge (down, and up
#     without carrier), vxlan, ifb, tun and tap devices (no carrier), a veth
#     pair with carrier, ipip/gre/sit/ip6tnl tunnels, a dummy, IPv4
#     labels (tap0:1, tap0:lbl, lo:2), IPv6 addresses of every scope, a
#     15-byte name, custom MTU/txqueuelen, PROMISC/ALLMULTI/NOARP/DYNAMIC,
#     traffic on lo; both tools run back to back on the quiet namespace for
#     many flag combinations, -c included (title once, header every pass);
#     then `netstat capture` of that namespace replayed with --root must
#     print what the oracle prints live. Every case runs twice: with the
#     rtnetlink answers and with the ioctls alone (NETSTAT_IOCTL_IFACES=1).
#  2. No /proc/net/dev, and a /proc/net/dev name the kernel does not know.
#  3. Every testdata/interfaces case: its proc/ bound over /proc and an
#     LD_PRELOAD shim answering the ioctls from its interfaces.json, for the
#     oracle and for our live code alike; the oracle's answer must also equal
#     the committed golden (so goldens cannot drift).
set -uo pipefail
src=${NETSTAT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${NETSTAT_BIN:-/work/main/build/netstat}
. "$src/scripts/lib/iface_oracle.sh"
oracle=$IFACE_ORACLE_NETSTAT

[ "$(id -u)" = 0 ] || { echo "SKIP: needs root (network and mount namespaces)"; exit 77; }
command -v unshare >/dev/null 2>&1 || { echo "SKIP: needs unshare (util-linux)"; exit 77; }
[ -x "$oracle" ] || { echo "SKIP: needs $oracle (apt-get install net-tools)"; exit 77; }
command -v ip >/dev/null 2>&1 || { echo "SKIP: needs ip (iproute2)"; exit 77; }
unshare -m -n true 2>/dev/null || { echo "SKIP: unshare -m -n is not permitted here"; exit 77; }
[ -x "$bin" ] || { echo "FAIL: $bin is not built (set NETSTAT_BIN)"; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# --- 1 + 2: real interfaces in a fresh network namespace --------------------
cat >"$tmp/live.sh" <<'EOF'
set -u
bin=$1 oracle=$2 tmp=$3
pass=0 fail=0 notes=""
note() { notes="$notes $*"; }
try() { "$@" >/dev/null 2>&1 || note "(could not: $*)"; }

# Less chatter: no IPv6 link-local addresses or router solicitations.
try sysctl -qw net.ipv6.conf.default.addr_gen_mode=1
try sysctl -qw net.ipv6.conf.all.router_solicitations=0
try sysctl -qw net.ipv6.conf.default.router_solicitations=0
try ip link set lo up
try ip addr add 127.0.0.2/8 dev lo label lo:2
try ip link add br0 type bridge
try ip link add br1 type bridge
try ip link set br1 up
try ip link add vx0 type vxlan id 42 dstport 4789
try ip link set vx0 addrgenmode none
try ip link set vx0 mtu 1400 up
try ip addr add 172.16.0.1/16 dev vx0
try ip link add ifb0 type ifb
try ip link set ifb0 up
try ip tuntap add tun0 mode tun
try ip addr add 192.168.5.5 peer 192.168.5.6 dev tun0
try ip link set tun0 up
try ip tuntap add tap0 mode tap
try ip link set tap0 txqueuelen 4242 promisc on allmulticast on
try ip addr add 10.0.0.1/24 brd + dev tap0
try ip addr add 10.0.0.2/24 dev tap0 label tap0:1
try ip addr add 10.1.0.3/8 dev tap0 label tap0:lbl
try ip -6 addr add 2001:db8::1/64 dev tap0 nodad
try ip -6 addr add fec0::5/64 dev tap0 nodad
try ip -6 addr add ::ffff:10.9.8.7/128 dev tap0 nodad
try ip link set tap0 up
try ip link set tap0 master br1
try ip tuntap add averylongname12 mode tap
try ip link set averylongname12 mtu 9000 up
try ip tuntap add t10 mode tap
try ip tuntap add t2 mode tap
try ip link set t2 arp off multicast off dynamic on
try ip link set t2 up
try ip tuntap add t1 mode tun
try ip tuntap add qlen0 mode tap
try ip link set qlen0 txqueuelen 0 up
# Hardware addresses of other lengths and flags above 16 bits, for the link
# dump's answers (replay/live_netlink_interfaces.cc): a veth pair up with
# carrier (IFF_LOWER_UP), 4-byte (ipip, gre, sit) and 16-byte (ip6tnl:
# SIOCGIFHWADDR keeps 14) tunnel addresses, a dummy.
try ip link add vp0 type veth peer name vp1
try ip link set vp0 up
try ip link set vp1 up
try ip link add ipip1 type ipip local 10.7.0.1 remote 10.7.0.2
try ip link add gre1 type gre local 10.7.0.1 remote 10.7.0.3
try ip link set gre1 up
try ip link add sit1 type sit local 10.7.0.1 remote 10.7.0.4
try ip link add ip6tnl1 type ip6tnl local 2001:db8::7 remote 2001:db8::8
try ip link add dum0 type dummy
try ip link set dum0 up
# Traffic on lo (UDP to the discard port: datagrams plus ICMP errors).
for i in 1 2 3 4 5 6 7 8 9 10; do echo "ping $i" 2>/dev/null >/dev/udp/127.0.0.1/9; done
# Wait until the counters stand still (new links chatter for a few seconds).
prev="" settled=0
for i in $(seq 30); do
  cur=$(cat /proc/net/dev)
  if [ "$cur" = "$prev" ]; then settled=$((settled + 1)); else settled=0; fi
  [ "$settled" -ge 3 ] && break
  prev=$cur
  sleep 1
done

run_both() {  # run_both PREFIX ARGS...: oracle then ours, back to back
  local p=$1
  shift
  bash -c 'exec -a netstat "$@"' x "$oracle" "$@" >"$p.o.out" 2>"$p.o.err"; echo $? >"$p.o.rc"
  bash -c 'exec -a netstat "$@"' x "$bin" "$@" >"$p.n.out" 2>"$p.n.err"; echo $? >"$p.n.rc"
}
same() {
  cmp -s "$1.o.out" "$1.n.out" && cmp -s "$1.o.err" "$1.n.err" && cmp -s "$1.o.rc" "$1.n.rc"
}
check() {  # check NAME ARGS...: up to 3 tries, counters may move under us
  local name=$1 p="$tmp/$1" attempt
  shift
  for attempt in 1 2 3; do
    run_both "$p" "$@"
    if same "$p"; then pass=$((pass + 1)); return; fi
    sleep 0.3
  done
  fail=$((fail + 1))
  echo "FAIL live $name (netstat $*)"
  diff "$p.o.out" "$p.n.out" | head -10
  diff "$p.o.err" "$p.n.err" | head -5
  echo "  status: oracle $(cat "$p.o.rc") ours $(cat "$p.n.rc")"
}
# check_c NAME SINGLE ARGS...: -c output must be the title once, then the
# single pass (without its title) at least twice, for both tools.
check_c() {
  local name=$1 single="$tmp/$2" p="$tmp/$1" who ok=1 k
  shift 2
  timeout 2.6 "$oracle" "$@" >"$p.o.out" 2>"$p.o.err"
  timeout 2.6 "$bin" "$@" >"$p.n.out" 2>"$p.n.err"
  head -n 1 "$single.o.out" >"$p.title"
  tail -n +2 "$single.o.out" >"$p.body"
  for who in o n; do
    local matched=0
    for k in 2 3 4; do
      { cat "$p.title"; for _ in $(seq "$k"); do cat "$p.body"; done; } >"$p.want"
      if cmp -s "$p.want" "$p.$who.out"; then matched=1; break; fi
    done
    [ "$matched" = 1 ] && [ ! -s "$p.$who.err" ] || ok=0
  done
  if [ "$ok" = 1 ]; then pass=$((pass + 1)); else
    fail=$((fail + 1))
    echo "FAIL live $name (netstat $*): not title + 2..4 passes of netstat ${*%c}"
    diff "$p.o.out" "$p.n.out" | head -10
  fi
}

cases=(
  "i -i" "ia -ia" "ie -ie" "iea -iea" "ian -ian" "ien -ien" "iee -iee"
  "ieea -ieea" "iv -iv" "interfaces --interfaces" "interfaces_all --interfaces --all"
  "interfaces_extend --interfaces --extend --all" "i_e_a -i -e -a" "ai -ai"
  "eai -eai" "iaW -iaW" "iap -iap" "ia4 -ia -4" "ie6 -ie -6" "iat -iat"
  "iword -ia eth0 extra" "inumeric --interfaces --numeric --all"
)
# Ours answers the SIOCGIF* questions from one rtnetlink dump where it can
# (replay/live_netlink_interfaces.cc); every case also runs with the ioctls
# alone (NETSTAT_IOCTL_IFACES=1), so both paths are held to the oracle.
for c in "${cases[@]}"; do
  # shellcheck disable=SC2086  # "name args..." split on purpose
  check $c
  # shellcheck disable=SC2086
  NETSTAT_IOCTL_IFACES=1 check ${c/ /-ioctls }
done
check_c ic ia -ia -c
check_c iec iea -iea -c

# 1b: the same namespace captured into a bundle and replayed with --root
# must print what the oracle prints live (recaptured if counters moved).
replay_check() {  # replay_check NAME ARGS...
  local name=$1 p="$tmp/replay-$1" attempt
  shift
  for attempt in 1 2 3; do
    if ! "$bin" capture --force -o "$tmp/live.tar.zst" >/dev/null 2>"$tmp/capture.err"; then
      cp "$tmp/capture.err" "$p.n.err"
      break
    fi
    bash -c 'exec -a netstat "$@"' x "$oracle" "$@" >"$p.o.out" 2>"$p.o.err"; echo $? >"$p.o.rc"
    bash -c 'exec -a netstat "$@"' x "$bin" --root="$tmp/live.tar.zst" "$@" >"$p.n.out" 2>"$p.n.err"
    echo $? >"$p.n.rc"
    if same "$p"; then pass=$((pass + 1)); return; fi
  done
  fail=$((fail + 1))
  echo "FAIL replay $name (netstat --root=BUNDLE $*)"
  diff "$p.o.out" "$p.n.out" | head -10
  diff "$p.o.err" "$p.n.err" | head -5
}
for c in "i -i" "ia -ia" "iea -iea" "ieea -ieea" "ian -ian"; do
  # shellcheck disable=SC2086
  replay_check $c
done

# 2: no /proc/net/dev (labels only), and a name the kernel does not know.
mkdir -p "$tmp/nodev/net" "$tmp/ghost/net"
printf 'h1\nh2 compressed\n    lo: 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16\n zghost0: 1\n  tap0: 5\n' >"$tmp/ghost/net/dev"
# (A sanitizer build cannot run with a fake /proc: its runtime reads
# /proc/self/maps, environ and task. The normal build runs these.)
trees="nodev ghost"
# (Not `ldd | grep -q`: under pipefail, grep's early exit can fail the pipe.)
sanitized=0
case $(ldd "$bin" 2>/dev/null) in *libasan.so*) sanitized=1 ;; esac
if [ "$sanitized" = 1 ]; then
  trees=""; note "(fake-/proc cases skipped for a sanitizer build)"
fi
for tree in $trees; do
  for args in -ia -iea; do
    unshare -m bash -c 'mount --bind "$1/$2" /proc && exec bash -c "$3"' x "$tmp" "$tree" \
      "$(declare -f run_both); oracle=$oracle bin=$bin run_both $tmp/$tree$args $args"
    if same "$tmp/$tree$args"; then pass=$((pass + 1)); else
      fail=$((fail + 1))
      echo "FAIL live $tree (netstat $args)"
      diff "$tmp/$tree$args.o.out" "$tmp/$tree$args.n.out" | head -5
      diff "$tmp/$tree$args.o.err" "$tmp/$tree$args.n.err" | head -5
    fi
  done
done
[ -n "$notes" ] && echo "note:$notes"
echo "$pass $fail" >"$tmp/live.result"
EOF
unshare -n bash "$tmp/live.sh" "$bin" "$oracle" "$tmp"
read -r live_pass live_fail <"$tmp/live.result" 2>/dev/null || { live_pass=0; live_fail=1; echo "FAIL: live namespace run did not finish"; }
echo "live namespace: $live_pass passed, $live_fail failed"

# --- 3: recorded cases through the ioctl shim --------------------------------
shim_pass=0 shim_fail=0
sanitized=0
case $(ldd "$bin" 2>/dev/null) in *libasan.so*) sanitized=1 ;; esac
if [ "$sanitized" = 1 ]; then
  # The shim runs with a case's proc/ over /proc; a sanitizer runtime needs
  # the real one (/proc/self/maps, environ, task) and cannot run there. The
  # normal build runs these cases; the live namespace above runs under ASan.
  echo "note: shim cases skipped for a sanitizer build (it needs the real /proc)"
elif ! command -v cc >/dev/null 2>&1; then
  echo "note: no C compiler, shim cases skipped"
elif ! iface_shim_build "$src" "$tmp/shim.so"; then
  echo "FAIL: could not build the ioctl shim"; shim_fail=1
else
  shim_one() {
    local dir=$1 slug=$2 args=$3 name p bad=""
    name=$(basename "$dir")
    p="$tmp/shim-$name-$slug"
    # shellcheck disable=SC2086  # args are space separated by design
    iface_run "$dir" "$tmp/shim.so" "$dir/ioctl.spec" "$p.o" "$oracle" $args
    # shellcheck disable=SC2086
    iface_run "$dir" "$tmp/shim.so" "$dir/ioctl.spec" "$p.n" "$bin" $args
    for s in out err rc; do
      cmp -s "$p.o.$s" "$p.n.$s" || bad="$bad ours-$s"
      cmp -s "$p.o.$s" "$dir/golden/$slug.$s" || bad="$bad golden-$s"
    done
    if [ -z "$bad" ]; then shim_pass=$((shim_pass + 1)); else
      shim_fail=$((shim_fail + 1))
      echo "FAIL shim $name/$slug (netstat $args):$bad"
      diff "$p.o.out" "$p.n.out" | head -10
      diff "$p.o.err" "$p.n.err" | head -5
    fi
  }
  iface_for_each_case "$src" shim_one
  echo "shim cases: $shim_pass passed, $shim_fail failed"
fi

total_fail=$((live_fail + shim_fail))
echo "interfaces_live: $((live_pass + shim_pass)) passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
