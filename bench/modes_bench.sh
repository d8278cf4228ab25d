#!/usr/bin/env bash
# Benchmark for the non-socket modes (issue "Routes, interfaces, groups,
# statistics"): -rn, -6rn, -i, -ie, -gn, -s and -s6 in an `unshare -n`
# namespace holding IFACES veth interfaces (each up, with an IPv4 address,
# so /proc/net/igmp and igmp6 list a few groups per interface) and ROUTES
# IPv4 + ROUTES/5 IPv6 routes. Each mode is measured against its floor: `cat`
# of exactly the /proc files it needs (the kernel formatting them). Our
# start-up (`netstat -V`: dynamic loading, no reads) is subtracted to give
# the mode's work; the target is work <= 1.5 x floor. net-tools 2.10 and
# iproute2 are timed on the same state for comparison.
# Commands run interleaved, round after round, so all see the same load.
# Prints best-of-N CPU (user+sys; getrusage) and median wall per command.
# Not a test (root only; figures go to docs/performance.md by hand).
#
#   bench/modes_bench.sh
# Environment: NETSTAT_BIN (build/netstat), ROUNDS (20), ROUTES (10000),
# IFACES (1000).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
bin=${NETSTAT_BIN:-$src/build/netstat}
[ "$(id -u)" = 0 ] || { echo "modes_bench: needs root (network namespace)" >&2; exit 1; }
[ -x "$bin" ] || { echo "modes_bench: $bin not built" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
routes=${ROUTES:-10000} ifaces=${IFACES:-1000} rounds=${ROUNDS:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work" "$routes" "$ifaces" <<'EOF'
import sys
work, routes, ifaces = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
# veth pairs (d0/d1, d2/d3, ...): every kernel here has veth, not all
# load the dummy module.
with open(work + '/links', 'w') as f:
    for i in range(0, ifaces, 2):
        f.write('link add d%d type veth peer name d%d\n' % (i, i + 1))
with open(work + '/addrs', 'w') as f:
    for i in range(ifaces):
        f.write('addr add 10.%d.%d.1/24 dev d%d\n' % (1 + i // 256, i % 256, i))
        f.write('link set d%d up\n' % i)
with open(work + '/routes', 'w') as f:
    for i in range(routes):
        f.write('route add 172.%d.%d.0/24 via 10.1.0.2 dev d0 metric %d\n'
                % (16 + i // 256 % 16, i % 256, i % 7))
with open(work + '/routes6', 'w') as f:
    for i in range(routes // 5):
        f.write('route add 2001:db8:%x::/48 dev d0 metric %d\n' % (i, 1 + i % 5))
EOF

# The floor of -i/-ie beyond files: the same SIOCGIF* ioctls, nothing else.
cc -O2 -o "$work/ioctl_floor" "$src/bench/tools/ioctl_floor.c" ||
  { echo "modes_bench: cannot build bench/tools/ioctl_floor.c" >&2; exit 1; }

cat > "$work/inner.sh" <<'EOF'
set -eu
work=$1 bin=$2 rounds=$3
ip link set lo up
ip -batch "$work/links"
ip -batch "$work/addrs"
ip -batch "$work/routes"
ip -6 -batch "$work/routes6"
sleep 1   # IPv6 link-local addresses and their group joins settle
python3 - "$bin" "$rounds" "$work/ioctl_floor" <<'PY'
import resource, statistics, subprocess, sys, time
bin, rounds, ioctl_floor = sys.argv[1], int(sys.argv[2]), sys.argv[3]
def cat(*files): return ['cat'] + ['/proc/net/' + f for f in files]
# mode: (our args, floor files, net-tools args, iproute2 command or None)
modes = [
    ('-rn',  ['-rn'],  ('route',),             ['/usr/bin/netstat', '-rn'], ['ip', '-4', 'route', 'show', 'table', 'main']),
    ('-6rn', ['-6rn'], ('ipv6_route',),        ['/usr/bin/netstat', '-6rn'], ['ip', '-6', 'route', 'show', 'table', 'all']),
    ('-i',   ['-i'],   ('dev',),               ['/usr/bin/netstat', '-i'], ['ip', '-s', 'link']),
    ('-ie',  ['-ie'],  ('dev', 'if_inet6'),    ['/usr/bin/netstat', '-ie'], ['ip', 'addr']),
    ('-gn',  ['-gn'],  ('igmp', 'igmp6'),      ['/usr/bin/netstat', '-gn'], ['ip', 'maddr']),
    ('-s',   ['-s'],   ('snmp', 'netstat'),    ['/usr/bin/netstat', '-s'], ['nstat', '-asz']),
    ('-s6',  ['-s', '-6'], ('snmp', 'snmp6'),  ['/usr/bin/netstat', '-s', '-6'], None),
]
cmds = [('ours -V (start-up)', [bin, '-V']), ('cat /dev/null', ['cat', '/dev/null']),
        ('ioctl floor', [ioctl_floor])]
for name, args, files, nt, ip in modes:
    cmds.append(('floor ' + name, cat(*files)))
    cmds.append(('ours ' + name, [bin] + args))
    cmds.append(('net-tools ' + name, nt))
    if ip: cmds.append(('iproute2 ' + name, ip))
cpu, wall = {}, {}
for _ in range(rounds):
    for name, cmd in cmds:
        b = resource.getrusage(resource.RUSAGE_CHILDREN); t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        w = time.perf_counter() - t; a = resource.getrusage(resource.RUSAGE_CHILDREN)
        c = (a.ru_utime - b.ru_utime) + (a.ru_stime - b.ru_stime)
        cpu.setdefault(name, []).append(c * 1000); wall.setdefault(name, []).append(w * 1000)
bc = lambda n: min(cpu[n])
mw = lambda n: statistics.median(wall[n])
sizes = {}
for name, args, files, nt, ip in modes:
    sizes[name] = sum(len(open('/proc/net/' + f, 'rb').read()) for f in files)
print('%-22s %11s %14s' % ('command', 'best CPU ms', 'median wall ms'))
for name, _ in cmds:
    print('%-22s %11.2f %14.2f' % (name, bc(name), mw(name)))
print()
start_w = mw('ours -V (start-up)'); cat0_w = mw('cat /dev/null')
start_c = bc('ours -V (start-up)'); cat0_c = bc('cat /dev/null')
print('work = time beyond process start-up (ours - ours -V; floor - cat /dev/null)')
print('%-6s %9s %12s %12s %10s %12s %10s' % ('mode', 'bytes', 'floor wall', 'ours wall', 'ratio', 'net-tools', 'ours CPU'))
for name, args, files, nt, ip in modes:
    fw = mw('floor ' + name) - cat0_w
    ow = mw('ours ' + name) - start_w
    print('%-6s %9d %10.2fms %10.2fms %9.2fx %10.2fms %8.2fms' % (
        name, sizes[name], fw, ow, ow / fw if fw > 0 else float('nan'),
        mw('net-tools ' + name), bc('ours ' + name)))
# -i/-ie against what their columns need: /proc/net/dev (and if_inet6) plus
# the ten ioctls per interface (bench/tools/ioctl_floor.c; its start-up is
# a C program's, like cat's).
iw = mw('ioctl floor') - cat0_w; ic = bc('ioctl floor') - cat0_c
for name in ('-i', '-ie'):
    extra = mw('floor ' + name) - mw('floor -i')  # if_inet6 for -ie
    fw = iw + max(extra, 0.0)
    ow = mw('ours ' + name) - start_w
    print('%-6s vs files + ioctls: floor %.2fms wall (%.2fms CPU), ours %.2fms wall: %.2fx' % (
        name, fw, ic, ow, ow / fw if fw > 0 else float('nan')))
PY
EOF
ncpu=$(nproc)
echo "modes_bench: $(date -u +%FT%TZ) $(git -C "$src" rev-parse --short HEAD 2>/dev/null) $ifaces interfaces, $routes IPv4 + $((routes / 5)) IPv6 routes, $rounds rounds"
echo "  load average at start: $(cut -d' ' -f1-3 /proc/loadavg) ($ncpu cores)"
unshare -n bash "$work/inner.sh" "$work" "$bin" "$rounds"
echo "  load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
