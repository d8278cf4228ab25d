#!/usr/bin/env bash
# Benchmark: `netstat -rn` over 10,000 IPv4 routes (the namespace that
# tests/oracle/route_live.sh checks for correctness), against the floor
# (`cat /proc/net/route`, the kernel formatting the table) and net-tools.
# Prints best-of-N CPU time (user+sys, robust on a loaded machine) and the
# median wall time. Root only. Figures go to docs/performance.md by hand.
# Environment: NETSTAT_BIN (build/netstat), ROUNDS (30), ROUTES (10000).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
bin=${NETSTAT_BIN:-$src/build/netstat}
[ "$(id -u)" = 0 ] || { echo "route_bench: needs root (network namespace)" >&2; exit 1; }
[ -x "$bin" ] || { echo "route_bench: $bin not built" >&2; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work/batch" "${ROUTES:-10000}" <<'EOF'
import sys
n = int(sys.argv[2])
with open(sys.argv[1], 'w') as f:
    for i in range(n):
        f.write('route add 172.%d.%d.0/24 via 10.0.0.2 dev d0 metric %d\n'
                % (16 + i // 256 % 16, i % 256, i % 7))
EOF
cat > "$work/inner.sh" <<'EOF'
set -eu
work=$1 bin=$2 rounds=$3
ip link set lo up
ip link add d0 type dummy
ip addr add 10.0.0.1/8 dev d0
ip link set d0 up
ip -batch "$work/batch"
python3 - "$bin" "$rounds" <<'PY'
import resource, statistics, subprocess, sys, time
bin, rounds = sys.argv[1], int(sys.argv[2])
cmds = (('cat /proc/net/route', ['cat', '/proc/net/route']),
        ('ours -V (start-up)', [bin, '-V']),
        ('ours -rn', [bin, '-rn']),
        ('net-tools -rn', ['/usr/bin/netstat', '-rn']),
        ('ip -4 route show table main', ['ip', '-4', 'route', 'show', 'table', 'main']))
cpu, wall = {}, {}
for _ in range(rounds):          # interleaved: every command sees the same load
    for name, cmd in cmds:
        b = resource.getrusage(resource.RUSAGE_CHILDREN); t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        w = time.perf_counter() - t; a = resource.getrusage(resource.RUSAGE_CHILDREN)
        c = (a.ru_utime - b.ru_utime) + (a.ru_stime - b.ru_stime)
        cpu.setdefault(name, []).append(c * 1000); wall.setdefault(name, []).append(w * 1000)
print('%-30s %12s %14s' % ('command', 'best CPU ms', 'median wall ms'))
for name, _ in cmds:
    print('%-30s %12.2f %14.2f' % (name, min(cpu[name]), statistics.median(wall[name])))
floor = min(cpu['cat /proc/net/route']); start = min(cpu['ours -V (start-up)'])
work = min(cpu['ours -rn']) - start
print('ours -rn work beyond start-up = %.2f ms = %.2fx cat' % (work, work / floor))
PY
EOF
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)  date: $(date -u +%FT%TZ)"
unshare -n bash "$work/inner.sh" "$work" "$bin" "${ROUNDS:-30}"
