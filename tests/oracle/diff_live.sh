#!/usr/bin/env bash
# Live check of `netstat diff` (issue 5): in a private network namespace a
# small python3 socket zoo opens listeners and loopback connections; we
# `netstat capture` it (A), then the zoo changes exactly four things:
#   + a new listener on 127.0.0.1:7003
#   - a connection closed on both ends (SO_LINGER 0: no TIME_WAIT left)
#   ~ a connection whose client shuts down its write side: the server end
#     goes ESTABLISHED -> CLOSE_WAIT (and the client end -> FIN_WAIT2)
#   ~ the listener on 0.0.0.0:7002 closed and reopened: a new inode, "replaced"
# and we capture again (B). `netstat diff A B -tan` (also -p, --json and
# --json-lines) must name exactly those rows and exit 1; `diff A A` exits 0;
# live vs bundle inside the namespace: `diff / B -ltn` sees no change and
# `diff A / -ltn` names the new and the replaced listener.
# No timing assertions (polling deadlines only guard against hangs).
# Root only; exits 77 (skip) with a message when root, unshare, ip or
# python3 are missing.
set -uo pipefail
src=${NETSTAT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${NETSTAT_BIN:-$src/build/netstat}

skip() { echo "SKIP: diff_live: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (network namespaces)"
command -v unshare >/dev/null || skip "needs unshare"
command -v ip >/dev/null || skip "needs iproute2 (ip)"
command -v python3 >/dev/null || skip "needs python3"
[ -x "$bin" ] || skip "netstat binary $bin not built"
unshare -n true 2>/dev/null || skip "unshare -n is not permitted here"

work=$(mktemp -d /tmp/diff-live.XXXXXX)
trap 'rm -rf "$work"' EXIT

cat > "$work/zoo.py" <<'EOF'
# Phase A: listeners 7001 (kept) and 7002 (to be replaced); three loopback
# connections to 7001: keep, close, half-close. SIGUSR1: phase B.
import os, signal, socket, struct, sys, time
work = sys.argv[1]
def listen(port, host='127.0.0.1'):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((host, port)); s.listen(8); return s
def connect(lst, cport):
    c = socket.socket()
    c.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    c.bind(('127.0.0.1', cport)); c.connect(lst.getsockname())
    a, _ = lst.accept(); return c, a
keep_l = listen(7001)
repl_l = listen(7002, '0.0.0.0')
keep = connect(keep_l, 40001)
gone = connect(keep_l, 40002)
half = connect(keep_l, 40003)
def mark(name):
    with open(os.path.join(work, name), 'w') as f: f.write('ok\n')
phase_b = []
def change(signum, frame):
    new_l = listen(7003)
    for s in gone:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack('ii', 1, 0))
        s.close()
    half[0].shutdown(socket.SHUT_WR)       # server end -> CLOSE_WAIT
    global repl_l
    repl_l.close()
    repl_l = listen(7002, '0.0.0.0')       # same port, new inode
    phase_b.extend([new_l, repl_l])
    mark('changed')
signal.signal(signal.SIGUSR1, change)
mark('ready')
while True:
    signal.pause()
EOF

cat > "$work/inner.sh" <<'EOF'
set -u
work=$1 bin=$2
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
waitfor() {  # FILE: poll (deadline only against hangs, not a timing check)
  local i
  for ((i = 0; i < 300; i++)); do [ -e "$1" ] && return 0; sleep 0.1; done
  echo "FAIL: zoo did not write $1"; return 1
}
ip link set lo up || exit 2
python3 "$work/zoo.py" "$work" &
zoo=$!
waitfor "$work/ready" || { kill "$zoo"; exit 1; }
"$bin" capture -o "$work/a.tar.zst" >/dev/null 2>"$work/capa.err" ||
  { fail "capture A: $(cat "$work/capa.err")"; }
kill -USR1 "$zoo"
waitfor "$work/changed" || { kill "$zoo"; exit 1; }
# A closed SO_LINGER-0 socket may take a moment to leave the table; the
# half-closed pair needs the FIN handled. Wait until the kernel shows it.
for ((i = 0; i < 100; i++)); do
  grep -q ' 08 ' /proc/net/tcp && break; sleep 0.05
done
"$bin" capture -o "$work/b.tar.zst" >/dev/null 2>"$work/capb.err" ||
  { fail "capture B: $(cat "$work/capb.err")"; }

A=$work/a.tar.zst B=$work/b.tar.zst
expect_rc() {  # WANT LABEL CMD...
  local want=$1 label=$2; shift 2
  "$@" >"$work/out" 2>"$work/err"; local rc=$?
  [ "$rc" = "$want" ] || { fail "$label: exit $rc, want $want"; cat "$work/out" "$work/err"; }
}

# Text: exactly these marker lines, in the diff's order.
expect_rc 1 "diff -tan" "$bin" diff "$A" "$B" -tan
grep '^[-+~] ' "$work/out" | sed 's/  */ /g; s/ $//' > "$work/got"
cat > "$work/want" <<'X'
~ tcp 0 0 0.0.0.0:7002 0.0.0.0:* LISTEN (replaced: inode INODE -> INODE)
- tcp 0 0 127.0.0.1:7001 127.0.0.1:40002 ESTABLISHED
~ tcp 1 0 127.0.0.1:7001 127.0.0.1:40003 CLOSE_WAIT (state ESTABLISHED -> CLOSE_WAIT)
+ tcp 0 0 127.0.0.1:7003 0.0.0.0:* LISTEN
- tcp 0 0 127.0.0.1:40002 127.0.0.1:7001 ESTABLISHED
~ tcp 0 0 127.0.0.1:40003 127.0.0.1:7001 FIN_WAIT2 (state ESTABLISHED -> FIN_WAIT2)
X
sed -E 's/inode [0-9]+ -> [0-9]+/inode INODE -> INODE/' "$work/got" > "$work/got.norm"
diff -u "$work/want" "$work/got.norm" >/dev/null ||
  { fail "diff -tan rows:"; diff -u "$work/want" "$work/got.norm"; }
tail -1 "$work/out" | grep -qx 'sockets: 1 added, 2 removed, 1 replaced, 2 changed' ||
  fail "diff -tan summary: $(tail -1 "$work/out")"
# The replaced listener's inodes really differ.
grep -E 'replaced: inode ([0-9]+) -> ([0-9]+)' "$work/got" |
  sed -E 's/.*inode ([0-9]+) -> ([0-9]+).*/\1 \2/' | { read -r x y; [ -n "$x" ] && [ "$x" != "$y" ]; } ||
  fail "replaced listener: inodes not shown or equal"

# -p: the same rows, with the zoo's PID/Program on them.
expect_rc 1 "diff -tanp" "$bin" diff "$A" "$B" -tanp
n=$(grep -c '^[-+~] ' "$work/out")
[ "$n" = 6 ] || fail "diff -tanp: $n change rows, want 6"
m=$(grep '^[-+~] ' "$work/out" | grep -c " $zoo/python3")
[ "$m" = 6 ] || { fail "diff -tanp: $m rows name $zoo/python3, want 6"; cat "$work/out"; }

# JSON: the same changes as data.
expect_rc 1 "diff -tan --json" "$bin" diff "$A" "$B" -tan --json
python3 - "$work/out" <<'PY' || fail "diff --json content"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "netstat-diff-json" and d["mode"] == "sockets", d["format"]
got = set()
for c in d["changes"]:
    r = c["after"] or c["before"]
    got.add((c["change"], tuple(c["fields"]), r["local_port"], r["remote_port"],
             (c["before"] or {}).get("state"), (c["after"] or {}).get("state")))
    if c["change"] == "replaced":
        assert c["before"]["inode"] != c["after"]["inode"], c
want = {
    ("replaced", (), 7002, 0, "LISTEN", "LISTEN"),
    ("added", (), 7003, 0, None, "LISTEN"),
    ("removed", (), 7001, 40002, "ESTABLISHED", None),
    ("removed", (), 40002, 7001, "ESTABLISHED", None),
    ("changed", ("state",), 7001, 40003, "ESTABLISHED", "CLOSE_WAIT"),
    ("changed", ("state",), 40003, 7001, "ESTABLISHED", "FIN_WAIT2"),
}
assert got == want, (sorted(got ^ want))
assert len(d["changes"]) == 6, len(d["changes"])
s = d["summary"]
assert (s["added"], s["removed"], s["replaced"], s["changed"]) == (1, 2, 1, 2), s
PY
expect_rc 1 "diff -tan --json-lines" "$bin" diff "$A" "$B" -tan --json-lines
python3 -c 'import json,sys; rows=[json.loads(l) for l in open(sys.argv[1])]; assert len(rows)==6, len(rows)' \
  "$work/out" || fail "diff --json-lines: not 6 JSON lines"

# No change: a snapshot against itself.
expect_rc 0 "diff A A -tan" "$bin" diff "$A" "$A" -tan
grep -q '^[-+~] ' "$work/out" && fail "diff A A -tan printed changes"
expect_rc 0 "diff A A -tanp --json" "$bin" diff "$A" "$A" -tanp --json
expect_rc 0 "diff B B -an" "$bin" diff "$B" "$B" -an

# No flags: everything a support engineer looks at first (issue 15): the new
# listener (a listing without -a hides it), the closing connections, then
# routes, interfaces and a counters line, under a title naming A and B.
expect_rc 1 "diff A B (no flags)" "$bin" diff "$A" "$B"
grep -Eq '^\+ tcp .*(127.0.0.1|localhost):7003 .*LISTEN' "$work/out" || fail "diff A B: new listener not named"
grep -Eq '^~ tcp .*(127.0.0.1|localhost):40003 .*FIN_WAIT2 .*\(state ESTABLISHED -> FIN_WAIT2\)' "$work/out" ||
  fail "diff A B: state change not named"
sed -n 1p "$work/out" | grep -q "^--- A: $A ($(hostname), 20[0-9-]*T[0-9:.]*Z)\$" ||
  fail "diff A B: title line A: $(sed -n 1p "$work/out")"
sed -n 2p "$work/out" | grep -q "^+++ B: $B ($(hostname), 20[0-9-]*T[0-9:.]*Z, [0-9.]* s after A)\$" ||
  fail "diff A B: title line B: $(sed -n 2p "$work/out")"
for section in sockets routes interfaces counters; do
  grep -q "^$section: " "$work/out" || fail "diff A B: no $section line"
done
expect_rc 0 "diff A A (no flags)" "$bin" diff "$A" "$A"
[ "$(grep -c ': no differences$' "$work/out")" = 4 ] || fail "diff A A: not 4 sections without differences"

# Live against a bundle: the zoo is still up, so B and the live table agree
# (-l: the listeners only, which nothing in the namespace touches any more).
expect_rc 0 "diff / B -ltn" "$bin" diff / "$B" -ltn
expect_rc 1 "diff A / -ltn" "$bin" diff "$A" / -ltn
grep -q "^~ tcp .*0.0.0.0:7002 .*replaced: inode" "$work/out" || fail "diff A / -ltn: replaced listener not named"
grep -q '^+ tcp .*127.0.0.1:7003 ' "$work/out" || { fail "diff A / -ltn: new listener not named"; cat "$work/out" "$work/err"; }

kill "$zoo" 2>/dev/null; wait "$zoo" 2>/dev/null
exit $((fails > 0))
EOF

unshare -n bash "$work/inner.sh" "$work" "$bin"
rc=$?
[ "$rc" = 0 ] && echo "diff_live: ok" || echo "diff_live: FAILED (rc $rc)"
exit "$rc"
