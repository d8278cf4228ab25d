#!/usr/bin/env bash
# Command lines that read no socket table, compared byte for byte with
# /usr/bin/netstat (net-tools 2.10): -V/--version in every spelling getopt
# accepts (and the ones it rejects), -h/--help, bad options. stdout, stderr
# and the exit status must all be equal. Both programs run with argv[0]
# "netstat" (glibc's messages name it). Needs only the oracle binary, not
# root; skips (77) with a message without it.
set -uo pipefail
src=${NETSTAT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${NETSTAT_BIN:-$src/build/netstat}
oracle=${ORACLE_NETSTAT:-/usr/bin/netstat}

skip() { echo "SKIP: cli_compat: $*"; exit 77; }
[ -x "$oracle" ] || skip "needs $oracle (apt-get install net-tools)"
[ -x "$bin" ] || { echo "FAIL: $bin is missing"; exit 1; }
"$oracle" -V 2>/dev/null | grep -q '^net-tools 2\.10$' ||
  skip "$oracle is not net-tools 2.10"
export LC_ALL=C

tmp=$(mktemp -d /tmp/cli-compat.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# run PROGRAM PREFIX ARGS...: stdout, stderr, status into PREFIX.{out,err,rc}
run() {
  local prog=$1 prefix=$2; shift 2
  (exec -a netstat "$prog" "$@") >"$prefix.out" 2>"$prefix.err" </dev/null
  echo $? >"$prefix.rc"
}

# same ARGS...: ours and the oracle's stdout, stderr and status are equal.
same() {
  local n=$((${n:-0} + 1))
  run "$oracle" "$tmp/want" "$@"
  run "$bin" "$tmp/got" "$@"
  local what ok=1
  for what in out err rc; do
    if ! cmp -s "$tmp/want.$what" "$tmp/got.$what"; then
      ok=0
      fail "netstat $*: $what differs from $oracle"
      diff -u --label "2.10 $what" --label "ours $what" \
        "$tmp/want.$what" "$tmp/got.$what" | head -20
    fi
  done
  [ "$ok" = 1 ] && echo "ok   netstat $* (exit $(cat "$tmp/want.rc"))"
}

# -V and --version: 2.10's text, exit 0, nothing on stderr; getopt's
# abbreviations, bundling and errors as 2.10.
same -V
same --version
same --vers
same --versio
same -nV
same -Vn
same -V -t
same -tV
same -V extra words
same -VV
same --version=x
same --v
same -V --version
same -Vq

# -h/--help and option errors: 2.10's usage (stdout for -h, stderr for an
# error, the address family list always on stderr) and exit status.
same -h
same --help
same --he
same -q
same --bogus
same -A
same -A bogus

[ "$failures" = 0 ] || { echo "cli_compat: $failures failure(s)"; exit 1; }
echo "cli_compat: all checks passed"
