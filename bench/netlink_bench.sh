#!/usr/bin/env bash
# Issue 17's benchmark: live socket listings through sock_diag netlink
# against the kernel's text files, in one run.
#
# One private network namespace (unshare -n) holds CONNECTIONS loopback TCP
# connections (tests/tools/conn_flood: 2 sockets each, held still by as
# few processes as RLIMIT_NOFILE allows) and UNIX UNIX sockets (socketpairs
# held by two processes). Every command then runs interleaved, ROUNDS times,
# in three groups whose members run back to back in each round:
#   -tan   cat /proc/net/tcp /proc/net/tcp6 (the /proc read) | ours (default
#          source: sock_diag) | ours --proc | ss -tan | net-tools -tan
#   -xa    cat /proc/net/unix | ours | ss -xa | net-tools -xa
#   -tanp  conn_flood --scan-fds (readlink of every /proc/*/fd/*: the fd walk
#          alone) | ours | ss -tanp | net-tools -tanp (first SLOW_ROUNDS only)
# Wall time (perf_counter around fork..wait) and CPU time (user+sys of the
# child, getrusage) per run. Ratios are paired: ours / floor within the same
# round, then the median over the rounds; medians of each command are printed
# too. CPU time is the figure to trust on a loaded machine: the load average
# is printed at the start and at the end.
# Before timing, ours is compared with /usr/bin/netstat for -tan, -xa and
# -tanp (same/DIFFERS). Not a test: root only; the figures go to
# docs/performance.md by hand.
#
#   sudo bench/netlink_bench.sh
# Environment: NETSTAT_BIN (build/netstat), CONN_FLOOD
# (build/tests/tools/conn_flood), CONNECTIONS (100000), UNIX (20000),
# ROUNDS (7), SLOW_ROUNDS (1: net-tools -tanp is quadratic in sockets, minutes
# at 200k), BEFORE_BIN (an older netstat timed as
# "before" next to ours, e.g. a build of an earlier commit).
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
bin=${NETSTAT_BIN:-$src/build/netstat}
flood=${CONN_FLOOD:-$(dirname "$bin")/tests/tools/conn_flood}
[ "$(id -u)" = 0 ] || { echo "netlink_bench: needs root (unshare -n)" >&2; exit 1; }
[ -x "$bin" ] || { echo "netlink_bench: $bin not built" >&2; exit 1; }
[ -x "$flood" ] || { echo "netlink_bench: $flood missing (cmake --build build --target conn_flood)" >&2; exit 1; }
abs() { echo "$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"; }
bin=$(abs "$bin") flood=$(abs "$flood")
before=${BEFORE_BIN:-}
[ -z "$before" ] || before=$(abs "$before")
connections=${CONNECTIONS:-100000} unix=${UNIX:-20000}
rounds=${ROUNDS:-7} slow_rounds=${SLOW_ROUNDS:-1}
work=$(mktemp -d /tmp/netlink-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT

cat > "$work/inner.sh" <<'EOF'
set -eu
work=$1 bin=$2 flood=$3 connections=$4 unix=$5 rounds=$6 slow_rounds=$7 before=${8:-}
ip link set lo up
holders=""
trap 'kill $holders 2>/dev/null; wait 2>/dev/null' EXIT
"$flood" "$connections" 4 >"$work/flood.out" 2>"$work/flood.err" &
flood_pid=$!
holders="$flood_pid"
for n in 1 2; do
  python3 -c 'import socket, sys, time
keep = [s for _ in range(int(sys.argv[1]) // 4) for s in socket.socketpair()]
open(sys.argv[2], "w").close(); time.sleep(3600)' "$unix" "$work/ready$n" &
  holders="$holders $!"
done
until grep -qx ready "$work/flood.out" 2>/dev/null; do
  if ! kill -0 "$flood_pid" 2>/dev/null && ! grep -qx ready "$work/flood.out"; then
    echo "netlink_bench: conn_flood failed:" >&2; cat "$work/flood.err" >&2; exit 1
  fi
  sleep 0.2
done
while [ ! -e "$work/ready1" ] || [ ! -e "$work/ready2" ]; do sleep 0.2; done
sed 's/^/  /' "$work/flood.err"
sleep 1
python3 - "$bin" "$flood" "$rounds" "$slow_rounds" "$before" <<'PY'
import os, resource, statistics, subprocess, sys, time
bin, flood, rounds, slow_rounds, before = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
nt = '/usr/bin/netstat'
def lines(path):
    with open(path, 'rb') as f:
        return sum(1 for _ in f) - 1
print('  %d TCP sockets (/proc/net/tcp + tcp6), %d UNIX sockets (/proc/net/unix), %d processes on the machine'
      % (lines('/proc/net/tcp') + lines('/proc/net/tcp6'), lines('/proc/net/unix'),
         sum(1 for d in os.listdir('/proc') if d.isdigit())))
for flags in (['-tan'], ['-xa'], ['-tanp']):
    a = subprocess.run([bin] + flags, capture_output=True).stdout
    b = subprocess.run([nt] + flags, capture_output=True).stdout
    print('  ours %-6s %s (%d lines)' % (' '.join(flags), 'same as net-tools' if a == b else 'DIFFERS from net-tools', b.count(b'\n')))
# (group, name, command, slow)
groups = [
    ('-tan', [('floor', ['cat', '/proc/net/tcp', '/proc/net/tcp6'], False),
              ('ours', [bin, '-tan'], False),
              ('ours --proc', [bin, '--proc', '-tan'], False),
              ('before', [before, '-tan'] if before else None, False),
              ('ss', ['ss', '-tan'], False),
              ('net-tools', [nt, '-tan'], False)]),
    ('-xa', [('floor', ['cat', '/proc/net/unix'], False),
             ('ours', [bin, '-xa'], False),
             ('before', [before, '-xa'] if before else None, False),
             ('ss', ['ss', '-xa'], False),
             ('net-tools', [nt, '-xa'], False)]),
    ('-tanp', [('floor', [flood, '--scan-fds'], False),
               ('ours', [bin, '-tanp'], False),
               ('before', [before, '-tanp'] if before else None, False),
               ('ss', ['ss', '-tanp'], True),
               ('net-tools', [nt, '-tanp'], True)]),
]
wall, cpu = {}, {}
for r in range(rounds):
    print('  round %d/%d' % (r + 1, rounds), file=sys.stderr)
    for g, cmds in groups:
        for name, cmd, slow in cmds:
            if cmd is None or (slow and r >= slow_rounds):
                continue
            b = resource.getrusage(resource.RUSAGE_CHILDREN); t = time.perf_counter()
            subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            w = time.perf_counter() - t; a = resource.getrusage(resource.RUSAGE_CHILDREN)
            wall.setdefault((g, name), []).append(w * 1000)
            cpu.setdefault((g, name), []).append(((a.ru_utime - b.ru_utime) + (a.ru_stime - b.ru_stime)) * 1000)
def paired(d, g, name):
    x, f = d.get((g, name)), d[(g, 'floor')]
    if not x: return '-'
    return '%.2fx' % statistics.median(a / b for a, b in zip(x, f))
print('  median ms over %d rounds (slow ones: %d); x = paired ratio to the floor, median over rounds' % (rounds, slow_rounds))
print('  %-6s %-12s %10s %8s %10s %8s %5s' % ('group', 'command', 'wall', 'wall x', 'CPU', 'CPU x', 'runs'))
for g, cmds in groups:
    for name, cmd, slow in cmds:
        if cmd is None: continue
        k = (g, name)
        print('  %-6s %-12s %10.1f %8s %10.1f %8s %5d' % (g, name, statistics.median(wall[k]), paired(wall, g, name),
              statistics.median(cpu[k]), paired(cpu, g, name), len(wall[k])))
PY
EOF
echo "netlink_bench: $(date -u +%FT%TZ) $(git -C "$src" rev-parse --short HEAD 2>/dev/null), kernel $(uname -r), $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  $connections connections, $unix UNIX sockets, $rounds rounds"
unshare -n bash "$work/inner.sh" "$work" "$bin" "$flood" "$connections" "$unix" "$rounds" "$slow_rounds" "$before"
echo "  load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
