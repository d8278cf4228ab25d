#!/usr/bin/env bash
# netstat loads libarchive only when it reads or writes an archive
# (replay/libarchive_api.h). With the library unloadable (a private mount
# namespace binds /dev/null over it), everything that needs no archive must
# still work, and everything that does must fail cleanly: the library and
# the loader's reason on stderr, exit status 1 (2 for --root and diff, as
# for any bundle that cannot be opened), no signal, no
# file left behind by capture. A control run outside the namespace shows the
# same bundle replaying. Also checks that the binary does not link it
# (DT_NEEDED), which is the point of loading it late.
# Root only (unshare -m, mount); exits 77 with a message otherwise.
set -uo pipefail
src=${NETSTAT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${NETSTAT_BIN:-$src/build/netstat}

skip() { echo "SKIP: archive_library: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (unshare -m, mount)"
for tool in unshare mount ldconfig objdump; do
  command -v "$tool" >/dev/null 2>&1 || skip "needs $tool"
done
unshare -m true 2>/dev/null || skip "unshare -m is not permitted here"
[ -x "$bin" ] || { echo "FAIL: $bin is missing"; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
export LC_ALL=C

tmp=$(mktemp -d /tmp/archive-library.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok   $*"; }

# The SONAME netstat asks for is a string in the binary.
soname=$(grep -a -o -m1 'libarchive\.so\.[0-9]*' "$bin" | head -1)
[ -n "$soname" ] || { echo "FAIL: no libarchive SONAME in $bin"; exit 1; }
lib=$(ldconfig -p | awk -v s="$soname" '$1 == s { print $NF; exit }')
[ -n "$lib" ] || skip "$soname is not in the loader cache"
lib=$(readlink -f "$lib")

if objdump -p "$bin" | grep -q "NEEDED.*libarchive"; then
  fail "$bin links libarchive (DT_NEEDED): every start-up pays for it"
else
  ok "$bin does not link libarchive"
fi

# A bundle and a directory tree, made while the library is there.
"$bin" capture -o "$tmp/snap.tar.zst" >/dev/null 2>"$tmp/capture.err" ||
  { cat "$tmp/capture.err"; echo "FAIL: capture with libarchive present"; exit 1; }
mkdir -p "$tmp/tree/proc/net"
printf 'Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n' \
  > "$tmp/tree/proc/net/route"
"$bin" --root="$tmp/snap.tar.zst" -tan >"$tmp/control.out" 2>&1
rc=$?
[ "$rc" = 0 ] && grep -q '^Proto Recv-Q' "$tmp/control.out" &&
  ok "control: the bundle replays with libarchive present" ||
  fail "control: --root=bundle -tan exit $rc: $(head -3 "$tmp/control.out")"

# Inside: /dev/null over the library. Each command's stdout, stderr and
# status go to files named after it.
cat >"$tmp/inner.sh" <<'EOF'
set -u
lib=$1 bin=$2 tmp=$3
mount --bind /dev/null "$lib" || exit 99
cd "$tmp"
run() { local name=$1; shift; "$@" >"$name.out" 2>"$name.err"; echo $? >"$name.rc"; }
run version "$bin" -V
run live "$bin" -tan
run tree "$bin" --root="$tmp/tree" -rn
run replay "$bin" --root="$tmp/snap.tar.zst" -tan
run capture "$bin" capture -o "$tmp/new.tar.zst"
run stream "$bin" capture -o -
run verify "$bin" verify "$tmp/snap.tar.zst"
run diff "$bin" diff "$tmp/snap.tar.zst" "$tmp/snap.tar.zst"
EOF
unshare -m bash "$tmp/inner.sh" "$lib" "$bin" "$tmp"
[ $? = 99 ] && { echo "FAIL: cannot bind /dev/null over $lib"; exit 1; }

expect_ok() {  # NAME WHAT PATTERN(stdout)
  local rc; rc=$(cat "$tmp/$1.rc")
  if [ "$rc" = 0 ] && grep -q -- "$3" "$tmp/$1.out"; then
    ok "without libarchive: $2"
  else
    fail "without libarchive: $2: exit $rc, stdout $(head -c 200 "$tmp/$1.out"), stderr $(head -c 300 "$tmp/$1.err")"
  fi
}
expect_fail() {  # NAME WHAT STATUS PREFIX
  local rc; rc=$(cat "$tmp/$1.rc")
  local want="^$4: .*cannot load libarchive (.*$soname: "
  if [ "$rc" = "$3" ] && [ "$(wc -l <"$tmp/$1.err")" = 1 ] &&
     grep -q -- "$want" "$tmp/$1.err"; then
    ok "without libarchive: $2 fails: $(cat "$tmp/$1.err")"
  else
    fail "without libarchive: $2: exit $rc (want $3), stderr: $(head -c 300 "$tmp/$1.err")"
  fi
}
expect_ok version "-V" "net-tools 2.10"
expect_ok live "live -tan" "^Proto Recv-Q"
expect_ok tree "--root=DIR -rn" "^Kernel IP routing table"
expect_fail replay "--root=BUNDLE -tan" 2 "netstat: $tmp/snap.tar.zst"
expect_fail capture "capture -o FILE" 1 "netstat capture"
expect_fail stream "capture -o -" 1 "netstat capture"
expect_fail verify "verify" 1 "netstat verify: $tmp/snap.tar.zst"
expect_fail diff "diff" 2 "netstat diff: $tmp/snap.tar.zst"
if [ -e "$tmp/new.tar.zst" ] || ls "$tmp" | grep -q '^\.\?new\.tar\.zst'; then
  fail "capture left $(ls -a "$tmp" | grep new)"
else
  ok "capture left no file behind"
fi
[ -s "$tmp/stream.out" ] && fail "capture -o - wrote $(wc -c <"$tmp/stream.out") bytes"

[ "$failures" = 0 ] || { echo "archive_library: $failures failure(s)"; exit 1; }
echo "archive_library: all checks passed"
