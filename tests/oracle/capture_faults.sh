#!/usr/bin/env bash
# Live capture under churn, faults and privacy checks (issue 6):
#  (a) churn: in an `unshare -n` namespace tests/tools/socket_churn opens and
#      closes thousands of sockets a second and forks short-lived socket
#      holders; 20 captures there must each pass `netstat verify` and replay
#      -tanp and -xap with exit 0;
#  (b) non-root: a capture as user nobody completes, records the fd folders
#      it was denied, and its -tanp replay prints exactly what
#      /usr/bin/netstat -tanp printed as nobody (the "(Not all processes
#      could be identified ...)" note included);
#  (p) privacy: a process with secrets in its environment and argv[1..] and
#      an open regular file and pipe: the bundle holds no environ, no
#      argument past argv[0], no non-socket fd target (tar listing and
#      decompressed content);
#  (c) ENOSPC on a full 64 KiB tmpfs, (d) an unwritable output folder,
#  (e) SIGINT and SIGTERM while the bundle is being written: a clear error
#      (or death by the signal), non-zero exit, no bundle and no temporary
#      file left behind.
# Root only (namespaces, mounts); exits 77 with a message otherwise. No
# timing assertions.
set -uo pipefail
src=${NETSTAT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${NETSTAT_BIN:-$src/build/netstat}
oracle=${ORACLE_NETSTAT:-/usr/bin/netstat}

skip() { echo "SKIP: capture_faults: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (unshare -n, mount)"
for tool in unshare nsenter ip python3 setpriv zstd tar mount; do
  command -v "$tool" >/dev/null 2>&1 || skip "needs $tool"
done
[ -x "$oracle" ] || skip "needs the oracle $oracle (apt-get install net-tools)"
unshare -n true 2>/dev/null || skip "unshare -n is not permitted here"
unshare -m true 2>/dev/null || skip "unshare -m is not permitted here"
[ -x "$bin" ] || { echo "FAIL: $bin is missing"; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
churn=${NETSTAT_SOCKET_CHURN:-$(dirname "$bin")/tests/tools/socket_churn}
[ -x "$churn" ] || skip "needs tests/tools/socket_churn (build target socket_churn)"
export LC_ALL=C
py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3)

tmp=$(mktemp -d /tmp/capture-faults.XXXXXX)
chmod 755 "$tmp"
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
  if [ -n "${KEEP_TMP:-}" ]; then echo "kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok   $* [at ${SECONDS}s]"; }

# wait_ready FILE PID: until FILE holds a line "ready".
wait_ready() {
  local i
  for i in $(seq 1 200); do
    grep -qx ready "$1" 2>/dev/null && return 0
    kill -0 "$2" 2>/dev/null || return 1
    sleep 0.05
  done
  return 1
}

# leftovers DIR: files other than the expected ones (temporary bundles).
leftovers() { find "$1" -mindepth 1 -name '*tar.zst*' -print; }

# --- (a) churn -------------------------------------------------------------
mkdir "$tmp/churn"
unshare -n -- bash -c 'ip link set lo up && exec "$0" --workers 2 --seconds 900 --pause-us 4000' "$churn" \
  >"$tmp/churn.out" 2>"$tmp/churn.err" &
churn_pid=$!
pids+=("$churn_pid")
if ! wait_ready "$tmp/churn.out" "$churn_pid"; then
  fail "socket_churn did not start: $(cat "$tmp/churn.err")"
else
  sleep 0.3
  bad=0
  for i in $(seq 1 20); do
    b=$tmp/churn/c$i.tar.zst
    if ! nsenter -t "$churn_pid" -n -- "$bin" capture -o "$b" >/dev/null 2>"$tmp/churn-cap.err"; then
      fail "churn capture $i: $(cat "$tmp/churn-cap.err")"; bad=$((bad + 1)); continue
    fi
    if ! "$bin" verify "$b" >"$tmp/verify.out" 2>&1; then
      fail "churn bundle $i does not verify: $(cat "$tmp/verify.out")"; bad=$((bad + 1))
    fi
    for args in -tanp -xap; do
      "$bin" --root="$b" $args >"$tmp/churn/r$i$args.out" 2>"$tmp/replay.err"
      rc=$?
      if [ $rc != 0 ]; then
        fail "churn bundle $i: --root=BUNDLE $args exit $rc: $(head -3 "$tmp/replay.err")"
        bad=$((bad + 1))
      fi
    done
  done
  # The churn really ran: its sockets were seen by at least one capture.
  seen=0
  for i in $(seq 1 20); do
    n=$(grep -c '^tcp ' "$tmp/churn/r$i-tanp.out" 2>/dev/null)
    [ "${n:-0}" -gt 1 ] && seen=$((seen + 1))
  done
  [ "$seen" -gt 0 ] || { fail "no churn capture saw the helper's TCP sockets"; bad=$((bad + 1)); }
  [ -z "$(find "$tmp/churn" -name '.*tmp*')" ] || { fail "temporary files left in churn/"; bad=$((bad + 1)); }
  [ $bad = 0 ] && ok "(a) 20 captures under socket churn verify and replay -tanp/-xap with exit 0 ($seen saw churn sockets)"
fi
kill -TERM "$churn_pid" 2>/dev/null
wait "$churn_pid" 2>/dev/null

# --- (b) non-root capture and (p) privacy ---------------------------------
cat >"$tmp/secret.py" <<'EOF'
import os, socket, sys, time
f = open(sys.argv[1], "r")                 # a regular file fd
r, w = os.pipe()                           # a pipe fd
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 4444)); s.listen(1)   # a socket, so its cmdline is recorded
print("ready", flush=True)
time.sleep(3600)
EOF
echo "contents of a private file" >"$tmp/private-file-Q7Z.txt"
mkdir "$tmp/out" && chmod 1777 "$tmp/out"
unshare -n -- bash -c 'ip link set lo up && exec env NETSTAT_TEST_SECRET=EnvSecret4711 "$0" "$@"' \
  "$py" "$tmp/secret.py" "$tmp/private-file-Q7Z.txt" --password=ArgSecret0815 \
  >"$tmp/secret.out" 2>"$tmp/secret.err" &
secret_pid=$!
pids+=("$secret_pid")
if ! wait_ready "$tmp/secret.out" "$secret_pid"; then
  fail "secret helper did not start: $(cat "$tmp/secret.err")"
else
  # (p) root capture: everything readable, so the filters alone keep secrets out.
  b=$tmp/out/root.tar.zst
  if ! nsenter -t "$secret_pid" -n -- "$bin" capture -o "$b" >/dev/null 2>"$tmp/cap.err"; then
    fail "privacy capture: $(cat "$tmp/cap.err")"
  else
    tar --zstd -tf "$b" >"$tmp/list" 2>/dev/null || zstd -dcq "$b" | tar -tf - >"$tmp/list"
    zstd -dcq "$b" >"$tmp/root.tar" 2>/dev/null
    pbad=0
    grep -E '(^|/)environ$|/fd/|/fd$|cmdline' "$tmp/list" && { fail "privacy: per-process files in the listing (above)"; pbad=1; }
    for secret in EnvSecret4711 NETSTAT_TEST_SECRET ArgSecret0815 "--password=" private-file-Q7Z secret.py \
                  "contents of a private file" "pipe:\[" "anon_inode"; do
      if grep -aq -- "$secret" "$tmp/root.tar"; then fail "privacy: the bundle holds '$secret'"; pbad=1; fi
    done
    # The helper itself is in the bundle (so the checks above could fail).
    "$bin" --root="$b" -tanp 2>/dev/null | grep '127.0.0.1:4444 .* LISTEN .*/python3' >/dev/null ||
      { fail "privacy: the helper's socket/argv[0] is missing from the replay"; pbad=1; }
    [ $pbad = 0 ] && ok "(p) no environ, no argv[1..], no file/pipe fd targets in the bundle ($(wc -l <"$tmp/list") members)"
  fi
  # (b) capture as nobody; oracle as nobody in the same namespace.
  nb=$tmp/out/nobody.tar.zst
  as_nobody() { nsenter -t "$secret_pid" -n -- setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; }
  as_nobody "$oracle" -tanp >"$tmp/o.out" 2>"$tmp/o.err"; echo $? >"$tmp/o.rc"
  if ! (cd "$tmp/out" && as_nobody "$bin" capture -o "$nb" >/dev/null 2>"$tmp/nb.err"); then
    fail "non-root capture: $(cat "$tmp/nb.err")"
  else
    as_nobody "$oracle" -tanp >"$tmp/o2.out" 2>"$tmp/o2.err"; echo $? >"$tmp/o2.rc"
    "$bin" --root="$nb" -tanp >"$tmp/r.out" 2>"$tmp/r.err"; echo $? >"$tmp/r.rc"
    nbad=0
    "$bin" verify "$nb" >/dev/null 2>&1 || { fail "non-root bundle does not verify"; nbad=1; }
    zstd -dcq "$nb" | tar -xOf - manifest.json >"$tmp/nb.manifest" 2>/dev/null
    grep -q '"euid": 65534' "$tmp/nb.manifest" || { fail "non-root manifest: euid is not 65534"; nbad=1; }
    zstd -dcq "$nb" | tar -xOf - netstat/processes.tsv 2>/dev/null | grep permission_denied >/dev/null ||
      { fail "non-root bundle records no denied fd folder"; nbad=1; }
    same=""
    for w in o o2; do
      cmp -s "$tmp/$w.out" "$tmp/r.out" && cmp -s "$tmp/$w.err" "$tmp/r.err" &&
        cmp -s "$tmp/$w.rc" "$tmp/r.rc" && same=$w
    done
    if [ -z "$same" ]; then
      fail "non-root -tanp replay differs from the oracle as nobody"
      diff -u "$tmp/o.out" "$tmp/r.out" | head -20; diff -u "$tmp/o.err" "$tmp/r.err" | head
      nbad=1
    fi
    # 2.10's non-root -p note: "(Not all processes could be identified, ..."
    # when some were, "(No info could be read for "-p": geteuid()=..." when
    # none were (here: the only process with a socket is root's).
    grep -qE 'Not all processes could be identified|No info could be read for "-p": geteuid\(\)=65534' \
      "$tmp/r.out" "$tmp/r.err" || { fail "non-root replay lacks 2.10's non-root -p note"; nbad=1; }
    [ $nbad = 0 ] && ok "(b) capture as nobody: verified, denied fd folders recorded, -tanp replay = oracle as nobody"
  fi
fi
kill -TERM "$secret_pid" 2>/dev/null
wait "$secret_pid" 2>/dev/null

# --- (c) ENOSPC -------------------------------------------------------------
mkdir "$tmp/small"
unshare -m -n -- bash -c '
  mount --make-rprivate / && mount -t tmpfs -o size=64k tmpfs "$1" || exit 99
  dd if=/dev/zero of="$1/fill" bs=1k count=256 2>/dev/null
  "$2" capture -o "$1/b.tar.zst" >"$1/../enospc.out" 2>"$1/../enospc.err"
  echo $? >"$1/../enospc.rc"
  ls -A "$1" >"$1/../enospc.ls"' _ "$tmp/small" "$bin"
rc=$(cat "$tmp/enospc.rc" 2>/dev/null)
if [ -z "$rc" ]; then
  fail "(c) could not mount the small tmpfs"
elif [ "$rc" = 0 ]; then
  fail "(c) capture onto a full tmpfs exited 0"
elif ! grep -q "^netstat capture: $tmp/small/b.tar.zst: No space left on device\$" "$tmp/enospc.err"; then
  fail "(c) unexpected ENOSPC message: $(cat "$tmp/enospc.err")"
elif [ "$(cat "$tmp/enospc.ls")" != fill ]; then
  fail "(c) files left on the full tmpfs: $(tr '\n' ' ' <"$tmp/enospc.ls")"
else
  ok "(c) ENOSPC: exit $rc, '$(cat "$tmp/enospc.err")', nothing left"
fi

# --- (d) unwritable output folder ------------------------------------------
mkdir "$tmp/ro" && chmod 555 "$tmp/ro"
setpriv --reuid=65534 --regid=65534 --clear-groups -- "$bin" capture -o "$tmp/ro/b.tar.zst" \
  >"$tmp/ro.out" 2>"$tmp/ro.err"
rc=$?
if [ $rc = 0 ]; then
  fail "(d) capture into a read-only folder exited 0"
elif [ "$(cat "$tmp/ro.err")" != "netstat capture: $tmp/ro/b.tar.zst: cannot create a file in $tmp/ro/: Permission denied" ]; then
  fail "(d) unexpected message: $(cat "$tmp/ro.err")"
elif [ -n "$(ls -A "$tmp/ro")" ]; then
  fail "(d) files left: $(ls -A "$tmp/ro")"
else
  ok "(d) unwritable folder: exit $rc, '$(cat "$tmp/ro.err")'"
fi

# --- (e) SIGINT / SIGTERM while the bundle is written ----------------------
# Many sockets make the write phase long enough to signal it: the test waits
# until the temporary file exists, then signals. Nothing is asserted about
# time; a run where the capture finished first is retried.
cat >"$tmp/many.py" <<'EOF'
import socket, time
keep = []
l = socket.socket(); l.bind(("127.0.0.1", 5555)); l.listen(4096)
for i in range(6000):
    c = socket.socket(); c.connect(("127.0.0.1", 5555)); a, _ = l.accept(); keep += [c, a]
for i in range(4000):
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 0)); keep.append(u)
print("ready", flush=True)
time.sleep(3600)
EOF
unshare -n -- bash -c 'ulimit -n 65536; ip link set lo up && exec "$0" "$1"' "$py" "$tmp/many.py" \
  >"$tmp/many.out" 2>"$tmp/many.err" &
many_pid=$!
pids+=("$many_pid")
if ! wait_ready "$tmp/many.out" "$many_pid"; then
  fail "(e) socket helper did not start: $(cat "$tmp/many.err")"
else
  mkdir "$tmp/sig"
  for sig in INT TERM; do
    caught=""
    late=""
    for attempt in 1 2 3 4 5; do
      rm -f "$tmp/sig/"* "$tmp/sig/".??* 2>/dev/null
      # setsid: a background job's SIGINT is not ignored there.
      setsid nsenter -t "$many_pid" -n -- "$bin" capture -o "$tmp/sig/b.tar.zst" \
        >/dev/null 2>"$tmp/sig.err" &
      cap=$!
      while kill -0 "$cap" 2>/dev/null; do
        if compgen -G "$tmp/sig/.b.tar.zst.tmp-*" >/dev/null; then
          kill -"$sig" "$cap" 2>/dev/null
          caught=yes
          break
        fi
      done
      wait "$cap"
      rc=$?
      # Signalled, but after the rename: the bundle is complete; try again.
      if [ -n "$caught" ] && [ "$rc" = 0 ] && [ -e "$tmp/sig/b.tar.zst" ]; then
        late=yes; caught=""; continue
      fi
      [ -n "$caught" ] && break
    done
    if [ -z "$caught" ]; then
      echo "note: (e) SIG$sig: the capture always finished first${late:+ (signalled after the rename)}; not checked"
    elif [ "$rc" = 0 ]; then
      fail "(e) SIG$sig: exit 0 but no bundle"
    elif [ -n "$(ls -A "$tmp/sig")" ]; then
      fail "(e) SIG$sig: files left: $(ls -A "$tmp/sig" | tr '\n' ' ')"
    else
      ok "(e) SIG$sig while writing: exit $rc, nothing left"
    fi
  done
fi
kill -TERM "$many_pid" 2>/dev/null
wait "$many_pid" 2>/dev/null

echo "capture_faults: $failures failures"
[ "$failures" = 0 ]
