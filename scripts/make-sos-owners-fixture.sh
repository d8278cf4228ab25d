#!/usr/bin/env bash
# Makes testdata/sos/sos4-ss (a real sosreport, trimmed) and its goldens
# testdata/sos/golden/sos4-ss/ from /usr/bin/netstat run live in the same
# namespace right after the report, never from our binary. The report is
# made with the networking, process and filesys plugins, lsof on and
# --allow-system-changes (so sos runs `ss -peaonmi`); its saved
# `netstat -W -neopa` is then left out of the fixture, as on a host without
# net-tools, so that -p owners come from ss and lsof. Root only.
#   scripts/make-sos-owners-fixture.sh
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
ip link set lo up
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
python3 -c 'import socket,time; s=socket.socket(); s.bind(("127.0.0.1", 9090)); s.listen(); time.sleep(600)' &
other=$!
for _ in $(seq 100); do [ -e "$work/ready" ] && break; sleep 0.1; done
sleep 0.5
mkdir -p "$work/out"
sos report --batch -o networking,process,filesys -k filesys.lsof=on --allow-system-changes \
  --tmp-dir "$work/out" --label ss -z xz --threads 2 > "$work/sos.log" 2>&1 ||
  { cat "$work/sos.log"; kill $zoo $other; exit 1; }
mkdir -p "$work/golden"
for m in -tanp -uanp -xap -tlnp; do
  rc=0
  "$oracle" $m > "$work/golden/${m#-}.out" 2> "$work/golden/${m#-}.err" || rc=$?
  echo $rc > "$work/golden/${m#-}.rc"
done
echo "$zoo $other" > "$work/pids"
kill $zoo $other
EOF2

unshare -n -m bash "$work/inner.sh" "$work" "$oracle"
report=$(ls "$work"/out/sosreport-*.tar.xz | head -1)
mkdir "$work/x" && tar -xJf "$report" -C "$work/x"
folder=$(ls -d "$work"/x/sosreport-* | head -1)
pid=$(readlink "$folder/proc/self")
ls "$folder/sos_commands/networking/ss_-peaonmi" >/dev/null
ls "$folder"/sos_commands/filesys/lsof* >/dev/null

out=$src/testdata/sos/sos4-ss
rm -rf "$out" && mkdir -p "$out"
cd "$folder"
keep=(version.txt sos_reports/manifest.json etc/hostname proc/self proc/net
      "proc/$pid/net/tcp" "proc/$pid/net/tcp6" "proc/$pid/net/udp" "proc/$pid/net/udp6"
      "proc/$pid/net/raw" "proc/$pid/net/raw6" "proc/$pid/net/unix"
      sos_commands/networking/ss_-peaonmi)
for f in sos_commands/filesys/lsof*; do keep+=("$f"); done
tar -cf - "${keep[@]}" | tar -xf - -C "$out"
# Only the lsof socket rows of the zoo's processes: lsof saw every process
# of the machine the fixture was made on (no PID namespace).
read -r zoo other < "$work/pids"
for f in "$out"/sos_commands/filesys/lsof*; do
  awk -v a="$zoo" -v b="$other" 'NR == 1 || (($2 == a || $2 == b) && / (IPv4|IPv6|unix|sock) /)' \
    "$f" | sed 's/^ *COMMAND/COMMAND/' > "$f.tmp" && mv "$f.tmp" "$f"
done
mkdir -p "$out/sos_logs" && head -3 sos_logs/sos.log > "$out/sos_logs/sos.log"
python3 - "$out/sos_reports/manifest.json" <<'PY'
import json, sys
p = sys.argv[1]; m = json.load(open(p))
json.dump({k: m[k] for k in ("version", "start_time", "end_time", "compression") if k in m},
          open(p, "w"), indent=4)
PY
rm -rf "$src/testdata/sos/golden/sos4-ss"
cp -r "$work/golden" "$src/testdata/sos/golden/sos4-ss"
echo "made $out and its goldens from $oracle"
