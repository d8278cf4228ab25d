#!/usr/bin/env bash
# Live time series (issue 13): in a private network namespace, `netstat
# capture --count 3 --interval 1.5` runs while a listener on 127.0.0.1:7013
# is opened after frame 0 was taken and before the last. Then:
#   --frame=0 has no 7013 listener, --frame=-1 has it, and each equals what
#     /usr/bin/netstat printed in the namespace between the frames (nothing
#     changes between the oracle's run and the frame it is compared with);
#   `diff B@0 B@-1 -tln` names the listener (exit 1);
#   `-tlnc` prints every frame (three tables) and stops;
#   `diff -s --json B@0 B@1` has elapsed_s within 5% of 1.5 s (rates use
#     the frames' millisecond times, so they are within 5% as well);
#   `verify` accepts the bundle (format 2).
# Root only; exits 77 (skip) with a message when root, unshare, ip or
# python3 are missing.
set -uo pipefail
src=${NETSTAT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${NETSTAT_BIN:-$src/build/netstat}

skip() { echo "SKIP: frames_live: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (network namespaces)"
command -v unshare >/dev/null || skip "needs unshare"
command -v ip >/dev/null || skip "needs iproute2 (ip)"
command -v python3 >/dev/null || skip "needs python3"
[ -x "$bin" ] || skip "netstat binary $bin not built"
unshare -n true 2>/dev/null || skip "unshare -n is not permitted here"

work=$(mktemp -d /tmp/frames-live.XXXXXX)
trap 'rm -rf "$work"' EXIT
export NETSTAT_BIN="$bin" WORK="$work"

cat > "$work/listen.py" <<'EOF'
import socket, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(('127.0.0.1', 7013)); s.listen(4)
time.sleep(6)
EOF
cat > "$work/elapsed.py" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
e = d["elapsed_s"]
if e is None or abs(e - 1.5) > 0.075:
    print(f"FAIL: elapsed_s {e}, want 1.5 +- 5%"); sys.exit(1)
print(f"ok: elapsed_s {e} (frames 1.5 s apart)")
EOF
cat > "$work/inner.sh" <<'EOF'
set -uo pipefail
fail=0
ip link set lo up
b=$WORK/s.tar.zst
# Frames start at t = 0, 1.5 and 3.0 s (each takes a few ms). The oracle
# runs at 0.4 s (after frame 0, before the listener) and at 3.4 s (after
# frame 2); the listener opens at about 0.5 s and stays until 6.5 s.
"$NETSTAT_BIN" capture --count 3 --interval 1.5 -o "$b" >/dev/null 2>"$WORK/cap.err" &
cap=$!
sleep 0.4
/usr/bin/netstat -tln > "$WORK/oracle0"
python3 "$WORK/listen.py" &
zoo=$!
sleep 3.0
/usr/bin/netstat -tln > "$WORK/oracle2"
wait $cap || { echo "FAIL: capture: $(cat "$WORK/cap.err")"; exit 1; }
kill $zoo 2>/dev/null; wait $zoo 2>/dev/null

check() {  # name, expected file, actual file
  if cmp -s "$2" "$3"; then echo "ok: $1"; else echo "FAIL: $1"; diff "$2" "$3" | head -20; fail=1; fi
}
"$NETSTAT_BIN" --root="$b" --frame=0 -tln > "$WORK/f0"
"$NETSTAT_BIN" --root="$b" --frame=-1 -tln > "$WORK/f2"
check "frame 0 = the oracle after frame 0" "$WORK/oracle0" "$WORK/f0"
check "frame -1 = the oracle after frame 2" "$WORK/oracle2" "$WORK/f2"
grep -q '127.0.0.1:7013' "$WORK/f0" && { echo "FAIL: 7013 already in frame 0"; fail=1; }
grep -q '127.0.0.1:7013' "$WORK/f2" || { echo "FAIL: 7013 missing from frame -1"; fail=1; }

"$NETSTAT_BIN" diff -tln "$b@0" "$b@-1" > "$WORK/d"; rc=$?
if [ $rc = 1 ] && grep -q '127.0.0.1:7013' "$WORK/d"; then
  echo "ok: diff B@0 B@-1 names the listener"
else
  echo "FAIL: diff B@0 B@-1 (exit $rc)"; cat "$WORK/d"; fail=1
fi

n=$("$NETSTAT_BIN" --root="$b" -tlnc | grep -c '^Active Internet connections')
[ "$n" = 3 ] && echo "ok: -c prints 3 frames" || { echo "FAIL: -c printed $n frames"; fail=1; }

if "$NETSTAT_BIN" verify "$b" | grep -q 'OK (format 2,'; then echo "ok: verify"; else echo "FAIL: verify"; fail=1; fi

"$NETSTAT_BIN" diff -s --json "$b@0" "$b@1" > "$WORK/s.json"
python3 "$WORK/elapsed.py" "$WORK/s.json" || fail=1
exit $fail
EOF
unshare -n -- bash "$work/inner.sh"
