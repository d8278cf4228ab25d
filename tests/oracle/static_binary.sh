#!/usr/bin/env bash
# build/netstat-static (NETSTAT_STATIC, docs/packaging.md), the one file a
# support engineer hands a customer:
#  (a) self-contained: no program interpreter, no NEEDED library;
#  (b) the same program: every case of testdata/hosts/*/cases.tsv replayed
#      from the tree, byte-identical to build/netstat (stdout, stderr, exit
#      code), translated output under LANGUAGE=ja/de/fr too;
#  (c) capture, verify and replay: a live capture by the static binary
#      verifies and replays alike in both programs, and the other way round;
#  (d) an old kernel: under tests/tools/old_kernel (every system call newer
#      than Linux 3.13 answers ENOSYS: openat2, statx, getrandom, rseq,
#      clone3, ...) the static binary replays trees (openat2's user-space
#      walk), captures, verifies and redacts, with the same output;
#  (e) an empty chroot with only /proc mounted (root): capture, verify and
#      replay there; live -tanp there equals /usr/bin/netstat's in the same
#      network namespace (no /etc: numeric users, as 2.10 without NSS);
#      outside the chroot -tuape --numeric-hosts --numeric-ports equals it
#      too (user names from /etc/passwd, no NSS).
# Skips (77) when the build has no netstat-static (NETSTAT_STATIC=OFF,
# sanitizer builds); (e) skips visibly without root or unshare.
set -uo pipefail
src=${NETSTAT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${NETSTAT_BIN:-$src/build/netstat}
build=$(cd "$(dirname "$bin")" && pwd)
static=${NETSTAT_STATIC_BIN:-$build/netstat-static}
old_kernel=$build/tests/tools/old_kernel
oracle=/usr/bin/netstat

skip() { echo "SKIP: static_binary: $*"; exit 77; }
if [ ! -x "$static" ]; then
  # Expected unless configured off, or forced off by a sanitizer/fuzz build.
  if grep -q '^NETSTAT_STATIC:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null &&
     ! grep -Eq '^NETSTAT_(ENABLE_ASAN|ENABLE_UBSAN|FUZZ):BOOL=ON' "$build/CMakeCache.txt"; then
    echo "FAIL: $static is missing (build target netstat-static)"; exit 1
  fi
  skip "this build has no netstat-static (NETSTAT_STATIC=OFF or a sanitizer build)"
fi
[ -x "$bin" ] || { echo "FAIL: $bin is missing"; exit 1; }
export LC_ALL=C

tmp=$(mktemp -d /tmp/static-binary.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok   $*"; }

# Runs "$@" with stdout, stderr and the exit code into $1.{out,err,rc}.
run() {
  local out=$1; shift
  "$@" >"$out.out" 2>"$out.err"
  echo $? >"$out.rc"
}
# Same bytes and exit code from "$@" run by the dynamic and the static program.
same() {
  local what=$1; shift
  run "$tmp/dyn" "$bin" "$@"
  run "$tmp/sta" "$static" "$@"
  if cmp -s "$tmp/dyn.out" "$tmp/sta.out" && cmp -s "$tmp/dyn.err" "$tmp/sta.err" &&
     cmp -s "$tmp/dyn.rc" "$tmp/sta.rc"; then
    return 0
  fi
  fail "$what: netstat-static differs from netstat ($*)"
  diff "$tmp/dyn.out" "$tmp/sta.out" | head -5
  diff "$tmp/dyn.err" "$tmp/sta.err" | head -5
  return 1
}

# (a) Self-contained.
if readelf -lW "$static" | grep -q 'INTERP'; then
  fail "netstat-static has a program interpreter: $(readelf -lW "$static" | grep -A1 INTERP | tail -1)"
else
  ok "no program interpreter (PT_INTERP)"
fi
needed=$(readelf -dW "$static" | grep '(NEEDED)')
[ -z "$needed" ] && ok "no NEEDED shared library" || fail "NEEDED: $needed"
if command -v file >/dev/null 2>&1; then
  case $(file -b "$static") in
    *static-pie\ linked*|*statically\ linked*) ok "file: $(file -b "$static" | cut -d, -f1-5)" ;;
    *) fail "file says: $(file -b "$static")" ;;
  esac
fi
"$static" version >"$tmp/v" 2>&1 && grep -q '(net-tools 2.10 compatible)' "$tmp/v" &&
  ok "netstat-static version: $(head -1 "$tmp/v")" || fail "version: $(cat "$tmp/v")"

# (b) Every replay case of the test trees, and translations.
cases=0; bad=0
for tsv in "$src"/testdata/hosts/*/cases.tsv; do
  tree=$(dirname "$tsv")
  while IFS=$'\t' read -r name args; do
    [ -n "$name" ] || continue
    cases=$((cases + 1))
    # shellcheck disable=SC2086  # the case's arguments are words
    same "$(basename "$tree")/$name" --root="$tree" $args || bad=$((bad + 1))
  done <"$tsv"
done
[ "$cases" -gt 100 ] || fail "only $cases replay cases found under testdata/hosts"
[ "$bad" = 0 ] && ok "$cases replay cases of testdata/hosts: identical"
lang_bad=0
for lang in ja de fr; do
  for args in -tanp -rn -s -xa -ie -g -h; do
    LANGUAGE=$lang LC_ALL=C.UTF-8 same "LANGUAGE=$lang $args" \
      --root="$src/testdata/hosts/sock-zoo" "$args" || lang_bad=1
  done
done
[ "$lang_bad" = 0 ] && ok "LANGUAGE=ja/de/fr with C.UTF-8: identical (catalogs read by the static glibc)"

# (c) Capture by one, verify and replay by both.
if "$static" capture -o "$tmp/static.tar.zst" >"$tmp/cap.log" 2>&1 &&
   "$bin" capture -o "$tmp/dynamic.tar.zst" >>"$tmp/cap.log" 2>&1; then
  ok "capture by netstat-static and by netstat"
  cap_bad=0
  for b in static dynamic; do
    for prog in "$static" "$bin"; do
      "$prog" verify "$tmp/$b.tar.zst" >"$tmp/verify.log" 2>&1 ||
        { cap_bad=1; fail "$(basename "$prog") verify $b.tar.zst: $(cat "$tmp/verify.log")"; }
    done
    for args in -tanp -tanpe -uanp -xa -rn -ie -s -g --json; do
      same "replay of $b.tar.zst $args" --root="$tmp/$b.tar.zst" "$args" || cap_bad=1
    done
  done
  [ "$cap_bad" = 0 ] && ok "both captures verify and replay identically in both programs"
else
  fail "capture: $(cat "$tmp/cap.log")"
fi

# (d) An old kernel.
if [ ! -x "$old_kernel" ]; then
  fail "$old_kernel is missing (build target old_kernel)"
elif ! "$old_kernel" true 2>/dev/null; then
  echo "SKIP (d): seccomp filters are not permitted here"
else
  # A tree with symlinks to walk: the capture unpacked, proc/net -> self/net.
  mkdir -p "$tmp/tree"
  if tar -C "$tmp/tree" -xf "$tmp/static.tar.zst" 2>"$tmp/tar.log" ||
     zstd -dc "$tmp/static.tar.zst" 2>>"$tmp/tar.log" | tar -C "$tmp/tree" -xf -; then
    old_bad=0
    for args in -tanp -xa -rn -s; do
      run "$tmp/dyn" "$bin" --root="$tmp/tree" "$args"
      run "$tmp/old" "$old_kernel" "$static" --root="$tmp/tree" "$args"
      if ! cmp -s "$tmp/dyn.out" "$tmp/old.out" || ! cmp -s "$tmp/dyn.rc" "$tmp/old.rc"; then
        fail "old kernel: --root=TREE $args differs"; diff "$tmp/dyn.out" "$tmp/old.out" | head -5
        old_bad=1
      fi
    done
    # sock-zoo again, its files reached through symlinks the walk resolves:
    # proc/net -> self/net, self -> 100 (relative), etc -> /data/etc
    # (absolute: inside the tree), data/etc/services -> ../../../../etc-real/services
    # (".." beyond the top stays at the top).
    cp -r "$src/testdata/hosts/sock-zoo" "$tmp/links"
    mkdir -p "$tmp/links/data" "$tmp/links/etc-real"
    mv "$tmp/links/proc/net" "$tmp/links/proc/100/net"
    ln -s self/net "$tmp/links/proc/net"
    mv "$tmp/links/etc" "$tmp/links/data/etc"
    ln -s /data/etc "$tmp/links/etc"
    if [ -f "$tmp/links/data/etc/services" ]; then
      mv "$tmp/links/data/etc/services" "$tmp/links/etc-real/services"
      ln -s ../../../../etc-real/services "$tmp/links/data/etc/services"
    fi
    for case in sock-zoo route-basic stats-full links; do
      tree=$src/testdata/hosts/$case
      [ "$case" = links ] && tree=$tmp/links
      for args in -tanpe -ta -s; do
        run "$tmp/dyn" "$bin" --root="$src/testdata/hosts/${case/links/sock-zoo}" "$args"
        run "$tmp/old" "$old_kernel" "$static" --root="$tree" "$args"
        cmp -s "$tmp/dyn.out" "$tmp/old.out" && cmp -s "$tmp/dyn.err" "$tmp/old.err" ||
          { fail "old kernel: $case $args differs"; diff "$tmp/dyn.out" "$tmp/old.out" | head -5; old_bad=1; }
      done
    done
    [ "$old_bad" = 0 ] && ok "old kernel (no openat2, statx, getrandom...): --root=TREE identical"
  else
    fail "cannot unpack the capture: $(cat "$tmp/tar.log")"
  fi
  if "$old_kernel" "$static" capture -o "$tmp/old.tar.zst" >"$tmp/old.log" 2>&1 &&
     "$old_kernel" "$static" verify "$tmp/old.tar.zst" >>"$tmp/old.log" 2>&1 &&
     "$bin" verify "$tmp/old.tar.zst" >>"$tmp/old.log" 2>&1 &&
     "$old_kernel" "$static" --root="$tmp/old.tar.zst" -tanp >"$tmp/old.out" 2>>"$tmp/old.log" &&
     "$bin" --root="$tmp/old.tar.zst" -tanp >"$tmp/dyn.out" 2>>"$tmp/old.log" &&
     cmp -s "$tmp/old.out" "$tmp/dyn.out"; then
    ok "old kernel: capture, verify and replay"
  else
    fail "old kernel: capture/verify/replay: $(tail -5 "$tmp/old.log")"
  fi
  # A fresh key comes from /dev/urandom where getrandom(2) is missing.
  if "$old_kernel" "$static" redact --key-file "$tmp/key" -o "$tmp/red.tar.zst" \
       "$tmp/old.tar.zst" >"$tmp/red.log" 2>&1 && "$bin" verify "$tmp/red.tar.zst" >/dev/null 2>&1 &&
     [ "$(wc -c <"$tmp/key")" -ge 64 ]; then
    ok "old kernel: redact with a new random key"
  else
    fail "old kernel: redact: $(tail -3 "$tmp/red.log")"
  fi
fi

# (e) An empty chroot with only /proc, in a private network namespace.
if [ "$(id -u)" != 0 ]; then
  echo "SKIP (e): the empty chroot needs root"
elif ! unshare -m -n true 2>/dev/null; then
  echo "SKIP (e): unshare -m -n is not permitted here"
elif ! command -v python3 >/dev/null 2>&1 || [ ! -x "$oracle" ]; then
  echo "SKIP (e): needs python3 and the oracle $oracle"
else
  jail=$tmp/jail
  mkdir -p "$jail/proc" "$jail/out"
  cp "$static" "$jail/netstat"
  cat >"$tmp/jail.sh" <<'EOF'
set -u
jail=$1 oracle=$2
mount -t proc proc "$jail/proc" || exit 3
ip link set lo up
python3 -c '
import socket, sys, time
l = socket.socket(); l.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
l.bind(("127.0.0.1", 3306)); l.listen(4)
c = socket.create_connection(("127.0.0.1", 3306)); a, _ = l.accept()
u = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u.bind(("::1", 5353))
sys.stdout.write("ready\n"); sys.stdout.flush(); time.sleep(60)' >"$jail/out/ready" &
holder=$!
for _ in $(seq 100); do [ -s "$jail/out/ready" ] && break; sleep 0.05; done
chroot "$jail" /netstat -tuanp >"$jail/out/live.static" 2>&1; echo $? >>"$jail/out/live.static"
"$oracle" -tuanp >"$jail/out/live.oracle" 2>&1; echo $? >>"$jail/out/live.oracle"
# Outside the chroot: user names from this machine's /etc/passwd, not NSS.
"$jail/netstat" -tuape --numeric-hosts --numeric-ports >"$jail/out/users.static" 2>&1; echo $? >>"$jail/out/users.static"
"$oracle" -tuape --numeric-hosts --numeric-ports >"$jail/out/users.oracle" 2>&1; echo $? >>"$jail/out/users.oracle"
chroot "$jail" /netstat capture -o /out/jail.tar.zst >"$jail/out/capture.log" 2>&1 &&
  chroot "$jail" /netstat verify /out/jail.tar.zst >"$jail/out/verify.log" 2>&1 &&
  chroot "$jail" /netstat --root=/out/jail.tar.zst -tuanp >"$jail/out/replay.static" 2>&1
echo $? >"$jail/out/steps.rc"
kill "$holder" 2>/dev/null
EOF
  unshare -m -n --propagation private bash "$tmp/jail.sh" "$jail" "$oracle"
  if [ "$(cat "$jail/out/steps.rc" 2>/dev/null)" = 0 ]; then
    ok "empty chroot: capture, verify, replay"
    "$bin" --root="$jail/out/jail.tar.zst" -tuanp >"$tmp/replay.dyn" 2>&1
    cmp -s "$tmp/replay.dyn" "$jail/out/replay.static" &&
      ok "empty chroot: its bundle replays the same in build/netstat" ||
      { fail "the chroot's bundle replays differently"; diff "$tmp/replay.dyn" "$jail/out/replay.static" | head; }
    grep -q ':3306 ' "$jail/out/replay.static" ||
      fail "the chroot's bundle lacks the :3306 sockets: $(cat "$jail/out/replay.static")"
  else
    fail "empty chroot: capture/verify/replay: $(cat "$jail/out/"*.log 2>/dev/null | tail -5)"
  fi
  if cmp -s "$jail/out/live.oracle" "$jail/out/live.static" && grep -q ':3306 ' "$jail/out/live.static"; then
    ok "empty chroot: live -tuanp equals $oracle in the same namespace"
  else
    fail "empty chroot: live -tuanp differs from $oracle"; diff "$jail/out/live.oracle" "$jail/out/live.static" | head
  fi
  if cmp -s "$jail/out/users.oracle" "$jail/out/users.static" && grep -q ' root ' "$jail/out/users.static"; then
    ok "live -tuape --numeric-hosts --numeric-ports (user names from /etc/passwd) equals $oracle in the same namespace"
  else
    fail "live -tuape --numeric-hosts --numeric-ports differs from $oracle"; diff "$jail/out/users.oracle" "$jail/out/users.static" | head
  fi
fi

if [ "$failures" -gt 0 ]; then
  echo "static_binary: $failures failure(s)"
  exit 1
fi
echo "static_binary: all checks passed"
