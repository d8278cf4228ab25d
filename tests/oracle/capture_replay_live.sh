#!/usr/bin/env bash
# Capture -> replay against the live oracle (issue 2 "Done when"): in a fresh
# `unshare -n` namespace with lo up, a small python3 helper opens TCP
# listeners (v4 and v6), established connections, a UDP socket and a UNIX
# socket. Inside the namespace we run /usr/bin/netstat ARGS, then
# `netstat capture -o BUNDLE`, then /usr/bin/netstat ARGS again; outside,
# `netstat --root=BUNDLE ARGS` must print exactly (stdout, stderr, exit
# status) what the oracle printed before or after the capture.
# It does the same for a capture taken as user nobody, whose bundle must
# replay the oracle's non-root "-p" notes.
# Root only; exits 77 (skip) with a message otherwise.
set -uo pipefail
src=${NETSTAT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${NETSTAT_BIN:-$src/build/netstat}
oracle=${ORACLE_NETSTAT:-/usr/bin/netstat}

skip() { echo "SKIP: capture_replay_live: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (unshare -n)"
for tool in unshare nsenter ip python3 setpriv; do
  command -v "$tool" >/dev/null 2>&1 || skip "needs $tool"
done
[ -x "$oracle" ] || skip "needs the oracle $oracle (apt-get install net-tools)"
unshare -n true 2>/dev/null || skip "unshare -n is not permitted here"
[ -x "$bin" ] || { echo "FAIL: $bin is missing"; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
export LC_ALL=C
# A python3 user nobody may run (not one under root's home).
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)

tmp=$(mktemp -d /tmp/capture-live.XXXXXX)
chmod 755 "$tmp"
mkdir "$tmp/out" && chmod 1777 "$tmp/out"  # where user nobody writes its bundle
helper_pid=""
nobody_pid=""
cleanup() {
  [ -n "$nobody_pid" ] && kill -TERM "$nobody_pid" 2>/dev/null && wait "$nobody_pid" 2>/dev/null
  [ -n "$helper_pid" ] && kill -TERM "$helper_pid" 2>/dev/null && wait "$helper_pid" 2>/dev/null
  if [ -n "${KEEP_TMP:-}" ]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

cat >"$tmp/sockets.py" <<'EOF'
import socket, sys, time
keep = []
def listen(family, addr, port):
    s = socket.socket(family, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, port)); s.listen(16); keep.append(s); return s
l1 = listen(socket.AF_INET, "127.0.0.1", 2222)
l2 = listen(socket.AF_INET, "0.0.0.0", 8080)
l3 = listen(socket.AF_INET6, "::1", 9090)
for lst, fam, addr, port, n in ((l1, socket.AF_INET, "127.0.0.1", 2222, 3),
                                (l2, socket.AF_INET, "127.0.0.1", 8080, 2),
                                (l3, socket.AF_INET6, "::1", 9090, 2)):
    for _ in range(n):
        c = socket.socket(fam, socket.SOCK_STREAM); c.connect((addr, port))
        a, _ = lst.accept(); keep += [c, a]
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 5353)); keep.append(u)
x = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM); x.bind(sys.argv[1]); x.listen(1); keep.append(x)
print("ready", flush=True)
while True:
    time.sleep(3600)
EOF

unshare -n -- bash -c 'ip link set lo up && exec "$0" "$1" "$2"' \
  "$py" "$tmp/sockets.py" "$tmp/unix.sock" >"$tmp/helper.out" 2>"$tmp/helper.err" &
helper_pid=$!
for _ in $(seq 1 100); do
  grep -qx ready "$tmp/helper.out" 2>/dev/null && break
  kill -0 "$helper_pid" 2>/dev/null || { echo "FAIL: socket helper died:"; cat "$tmp/helper.err"; exit 1; }
  sleep 0.1
done
grep -qx ready "$tmp/helper.out" || { echo "FAIL: socket helper not ready"; exit 1; }

in_ns() { nsenter -t "$helper_pid" -n -- "$@"; }

# A socket owned by user nobody, so a capture as nobody identifies some
# processes and not others ("(Not all processes could be identified...").
# (nsenter, not the in_ns function, so that $! is the process itself.)
nsenter -t "$helper_pid" -n -- setpriv --reuid=65534 --regid=65534 --clear-groups -- "$py" -c '
import socket, time
s = socket.socket(); s.bind(("127.0.0.1", 7070)); s.listen(1)
print("ready", flush=True)
time.sleep(3600)' >"$tmp/nobody.out" 2>&1 &
nobody_pid=$!
for _ in $(seq 1 100); do
  grep -qx ready "$tmp/nobody.out" 2>/dev/null && break
  sleep 0.1
done
grep -qx ready "$tmp/nobody.out" || { echo "FAIL: nobody's socket helper:"; cat "$tmp/nobody.out"; exit 1; }

# The modes compared: every one whose output the namespace keeps steady.
combos=("-tan" "-tanp" "-tanpe" "-tn" "-ta" "-an" "-uan" "-xa" "-xap" "-lnp" "-rn" "-s" "-i" "-ie" "-gn")

failures=0
checked=0
# run_oracle TAG ARGS...: stdout, stderr and status of the oracle in the ns.
run_oracle() {
  local tag=$1 who=$2
  shift 2
  if [ "$who" = nobody ]; then
    in_ns setpriv --reuid=65534 --regid=65534 --clear-groups -- "$oracle" "$@" \
      >"$tmp/$tag.out" 2>"$tmp/$tag.err"
  else
    in_ns "$oracle" "$@" >"$tmp/$tag.out" 2>"$tmp/$tag.err"
  fi
  echo $? >"$tmp/$tag.rc"
}

# check WHO: oracle before, capture, oracle after, replay of every combo.
check() {
  local who=$1 bundle=$tmp/out/bundle-$1.tar.zst i
  for i in "${!combos[@]}"; do run_oracle "before-$who-$i" "$who" ${combos[$i]}; done
  if [ "$who" = nobody ]; then
    (cd "$tmp/out" && in_ns setpriv --reuid=65534 --regid=65534 --clear-groups -- \
      "$bin" capture -o "$bundle" >/dev/null 2>"$tmp/capture.err")
  else
    in_ns "$bin" capture -o "$bundle" >/dev/null 2>"$tmp/capture.err"
  fi
  if [ $? != 0 ] || [ ! -s "$bundle" ]; then
    echo "FAIL: capture as $who:"; cat "$tmp/capture.err"; failures=$((failures + 1)); return
  fi
  for i in "${!combos[@]}"; do run_oracle "after-$who-$i" "$who" ${combos[$i]}; done
  "$bin" verify "$bundle" >/dev/null || { echo "FAIL: verify of the $who bundle"; failures=$((failures + 1)); }
  for i in "${!combos[@]}"; do
    local args=${combos[$i]} t=$tmp/replay-$who-$i matched=""
    "$bin" --root="$bundle" $args >"$t.out" 2>"$t.err"
    echo $? >"$t.rc"
    checked=$((checked + 1))
    for when in before after; do
      local o=$tmp/$when-$who-$i
      if cmp -s "$o.out" "$t.out" && cmp -s "$o.err" "$t.err" && cmp -s "$o.rc" "$t.rc"; then
        matched=$when
        break
      fi
    done
    if [ -n "$matched" ]; then
      echo "ok   [$who] netstat --root=BUNDLE $args  (= live oracle $matched the capture)"
    else
      echo "FAIL [$who] netstat --root=BUNDLE $args"
      diff -u "$tmp/before-$who-$i.out" "$t.out" | head -20
      diff -u "$tmp/before-$who-$i.err" "$t.err" | head -10
      echo "  exit: oracle $(cat "$tmp/before-$who-$i.rc"), replay $(cat "$t.rc")"
      failures=$((failures + 1))
    fi
  done
}

check root
check nobody
# The non-root bundle must hold the denied fd folders that make the note.
if ! grep -q "Not all processes could be identified" "$tmp"/replay-nobody-*.err 2>/dev/null; then
  echo "FAIL: the nobody replays never printed the non-root -p note"
  failures=$((failures + 1))
fi

echo "capture_replay_live: $checked replays compared, $failures failures"
[ "$failures" = 0 ]
