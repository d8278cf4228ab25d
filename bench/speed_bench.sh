#!/usr/bin/env bash
# Issue 18 ("never slower than net-tools"): every mode it names, side by side
# in one run: the floor (cat of the mode's /proc files; for -xap also a walk
# of every /proc/*/fd link), net-tools 2.10, iproute2 where it has the mode,
# and ours, interleaved round after round so all see the same load.
#
# Two private namespaces (unshare -n -m), one after the other:
#   small  lo + one veth pair, 10 routes: start-up (-V), -s, -rn, -i (3
#          interfaces); SMALL_ROUNDS rounds, as a small call is ~1 ms
#   big    IFACES interfaces (veth pairs, up, IPv4 only so counters stay put),
#          ROUTES IPv4 routes, UNIX UNIX sockets (socketpairs held by two
#          processes), /etc/hosts and /etc/networks bound over with names for
#          the gateway and 256 of the routed networks, nsswitch.conf files
#          only: -rn, -r (names), -i, -gn, -xa, -xap
# Before timing, each mode's stdout is compared with net-tools' (the check
# prints "same" or "DIFFERS"). Prints median wall and best CPU (user+sys) per
# command and the issue's ratios, and for the small calls the share of
# rounds in which ours finished before net-tools (the two run back to back
# in each round, so a load change hits both). Not a test (root only; the
# figures go to docs/performance.md by hand).
#
#   bench/speed_bench.sh
#   PHASES=small SMALL_ROUNDS=500 bench/speed_bench.sh   # start-up only
# Environment: NETSTAT_BIN (build/netstat), ROUNDS (15), SMALL_ROUNDS (200),
# PHASES ("small big"), ROUTES (10000), IFACES (4000), UNIX (20000),
# BEFORE_BIN (an older netstat to time too, e.g. a build of an earlier
# commit: its column is "before").
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
bin=${NETSTAT_BIN:-$src/build/netstat}
[ "$(id -u)" = 0 ] || { echo "speed_bench: needs root (namespaces)" >&2; exit 1; }
[ -x "$bin" ] || { echo "speed_bench: $bin not built" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
before=${BEFORE_BIN:-}
[ -z "$before" ] || before=$(cd "$(dirname "$before")" && pwd)/$(basename "$before")
routes=${ROUTES:-10000} ifaces=${IFACES:-4000} unix=${UNIX:-20000} rounds=${ROUNDS:-15}
small_rounds=${SMALL_ROUNDS:-200} phases=${PHASES:-small big}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" "$routes" "$ifaces" <<'EOF'
import sys
work, routes, ifaces = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
with open(work + '/small', 'w') as f:
    for i in range(10):
        f.write('route add 172.16.%d.0/24 via 10.1.0.2 dev d0\n' % i)
with open(work + '/links', 'w') as f:
    for i in range(2, ifaces, 2):
        f.write('link add d%d type veth peer name d%d\n' % (i, i + 1))
with open(work + '/addrs', 'w') as f:
    for i in range(2, ifaces):
        f.write('addr add 10.%d.%d.1/24 dev d%d\n' % (2 + i // 256, i % 256, i))
        f.write('link set d%d up\n' % i)
with open(work + '/routes', 'w') as f:
    for i in range(routes):
        f.write('route add 172.%d.%d.0/24 via 10.1.0.2 dev d0 metric %d\n'
                % (16 + i // 256 % 16, i % 256, i % 7))
with open(work + '/networks', 'w') as f:
    for i in range(256):
        f.write('net-%d 172.16.%d.0\n' % (i, i))
with open(work + '/hosts', 'w') as f:
    f.write('127.0.0.1 localhost\n10.1.0.2 gateway.example.org\n')
with open(work + '/nsswitch.conf', 'w') as f:
    f.write('hosts: files\nnetworks: files\npasswd: files\n')
EOF

cat > "$work/inner.sh" <<'EOF'
set -eu
work=$1 bin=$2 rounds=$3 phase=$4 unix=$5 before=${6:-}
mount --bind "$work/hosts" /etc/hosts
mount --bind "$work/networks" /etc/networks
mount --bind "$work/nsswitch.conf" /etc/nsswitch.conf
sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
ip link set lo up
ip link add d0 type veth peer name d1
ip addr add 10.1.0.1/16 dev d0
ip link set d0 up; ip link set d1 up
if [ "$phase" = small ]; then
  ip -batch "$work/small"
else
  ip -batch "$work/links"; ip -batch "$work/addrs"; ip -batch "$work/routes"
  for n in 1 2; do
    python3 -c 'import socket, sys, time
keep = [s for _ in range(int(sys.argv[1]) // 4) for s in socket.socketpair()]
open(sys.argv[2], "w").close(); time.sleep(3600)' "$unix" "$work/ready$n" &
    holders="${holders:-} $!"
  done
  trap 'kill $holders 2>/dev/null' EXIT
  while [ ! -e "$work/ready1" ] || [ ! -e "$work/ready2" ]; do sleep 0.2; done
fi
sleep 1
python3 - "$bin" "$rounds" "$phase" "$before" <<'PY'
import random, resource, statistics, subprocess, sys, time
bin, rounds, phase, before = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
nt = '/usr/bin/netstat'
def cat(*f): return ['cat'] + ['/proc/net/' + x for x in f]
fdscan = ['sh', '-c', 'find /proc/[0-9]*/fd -type l -printf "%l\\n" 2>/dev/null; cat /proc/net/unix']
# (mode, floor, ours args, net-tools args, iproute2 command)
if phase == 'small':
    modes = [('-V', ['cat', '/dev/null'], ['-V'], ['-V'], None),
             ('-s', cat('snmp', 'netstat'), ['-s'], ['-s'], ['nstat', '-asz']),
             ('-rn', cat('route'), ['-rn'], ['-rn'], ['ip', '-4', 'route', 'show', 'table', 'main']),
             ('-i', cat('dev'), ['-i'], ['-i'], ['ip', '-s', 'link'])]
else:
    modes = [('-rn', cat('route'), ['-rn'], ['-rn'], ['ip', '-4', 'route', 'show', 'table', 'main']),
             ('-r', cat('route'), ['-r'], ['-r'], None),
             ('-i', cat('dev'), ['-i'], ['-i'], ['ip', '-s', 'link']),
             ('-gn', cat('igmp', 'igmp6'), ['-gn'], ['-gn'], ['ip', 'maddr']),
             ('-xa', cat('unix'), ['-xa'], ['-xa'], ['ss', '-xa']),
             ('-xap', fdscan, ['-xap'], ['-xap'], ['ss', '-xap'])]
for m, floor, ours, ntargs, ip in modes:
    if m == '-V': continue  # the version texts differ by design
    a = subprocess.run([bin] + ours, capture_output=True).stdout
    b = subprocess.run([nt] + ntargs, capture_output=True).stdout
    print('%-5s output %s (%d lines)' % (m, 'same as net-tools' if a == b else 'DIFFERS from net-tools', b.count(b'\n')))
cmds = []
for m, floor, ours, ntargs, ip in modes:
    cmds += [('floor ' + m, floor), ('ours ' + m, [bin] + ours), ('net-tools ' + m, [nt] + ntargs)]
    if before: cmds.append(('before ' + m, [before] + ours))
    if ip: cmds.append(('iproute2 ' + m, ip))
cpu, wall = {}, {}
order = random.Random(18)  # each round in its own order: no command always runs first
for _ in range(rounds):
    this_round = cmds[:]
    order.shuffle(this_round)
    for name, cmd in this_round:
        b = resource.getrusage(resource.RUSAGE_CHILDREN); t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        w = time.perf_counter() - t; a = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.setdefault(name, []).append(((a.ru_utime - b.ru_utime) + (a.ru_stime - b.ru_stime)) * 1000)
        wall.setdefault(name, []).append(w * 1000)
med = lambda n: statistics.median(wall[n])
print('median wall, ms')
print('%-6s %9s %10s %9s %9s %9s %8s %10s' % ('mode', 'floor', 'net-tools', 'iproute2', 'before', 'ours', 'ours/nt', 'ours/floor'))
for m, floor, ours, ntargs, ip in modes:
    o, n, f = med('ours ' + m), med('net-tools ' + m), med('floor ' + m)
    i = '%9.2f' % med('iproute2 ' + m) if ip else '%9s' % '-'
    b = '%9.2f' % med('before ' + m) if before else '%9s' % '-'
    print('%-6s %9.2f %10.2f %s %s %9.2f %7.2fx %9.2fx' % (m, f, n, i, b, o, o / n, o / f))
print('best CPU ms (user+sys):', ', '.join('%s %.1f' % (n, min(cpu[n])) for n, _ in cmds))
if phase == 'small':
    # Paired by round: ours and net-tools ran one after the other.
    print('ours faster than net-tools in: ' + ', '.join(
        '%s %.0f%% of %d rounds' % (m, 100.0 * sum(o < n for o, n in zip(wall['ours ' + m], wall['net-tools ' + m])) / rounds, rounds)
        for m, *_ in modes))
    print('median CPU ms (user+sys): ' + ', '.join(
        '%s ours %.2f / net-tools %.2f' % (m, statistics.median(cpu['ours ' + m]), statistics.median(cpu['net-tools ' + m]))
        for m, *_ in modes))
PY
EOF
echo "speed_bench: $(date -u +%FT%TZ) $(git -C "$src" rev-parse --short HEAD 2>/dev/null), $rounds rounds; load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
case " $phases " in *" small "*)
  echo "== small: 10 routes, 3 interfaces, $small_rounds rounds"
  unshare -n -m --propagation private bash "$work/inner.sh" "$work" "$bin" "$small_rounds" small "$unix" "$before"
esac
case " $phases " in *" big "*)
  echo "== big: $ifaces interfaces, $routes routes, $unix UNIX sockets"
  unshare -n -m --propagation private bash "$work/inner.sh" "$work" "$bin" "$rounds" big "$unix" "$before"
esac
echo "  load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
