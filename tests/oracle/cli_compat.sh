#!/usr/bin/env bash
# Command lines compared byte for byte with /usr/bin/netstat (net-tools
# 2.10): -V/--version in every spelling getopt accepts (and the ones it
# rejects), -h/--help, bad options; and a mistyped subcommand: 2.10 ignores
# words that are not options, so where it prints its listing for
# `netstat captrue ...` we must too, and only where it rejects the command
# line (asked here, not assumed) do we say "did you mean". stdout, stderr
# and the exit status must all be equal. Both programs run with argv[0]
# "netstat" (glibc's messages name it). The listings run in an empty network
# namespace (root, unshare -n; skipped with a message otherwise); the rest
# needs only the oracle binary. Skips (77) without it.
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

# Listings: a mistyped word with 2.10's own options, in an empty network
# namespace (no sockets, no routes but the kernel's), where the output of
# both is stable.
listings() {
  same captrue
  same captrue -o x.tar.zst
  same verfy snap.tar.zst -t
  same hepl -tn
  same dif a.tar.zst b.tar.zst --tcp -n
  same versoin -xa
}
# Inside the namespace (this script runs itself there, below): only those.
if [ "${CLI_COMPAT_NETNS:-}" = 1 ]; then
  listings
  exit $((failures > 0))
fi

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

# A mistyped command where 2.10 accepts the command line (the word is
# ignored): 2.10's output, no suggestion.
same captrue -o x.tar.zst -V
same verfy -h
same dif a.tar.zst b.tar.zst --vers

# suggests NAME ARGS...: 2.10 rejects ARGS (exit status not 0, asked here);
# we print the suggestion of NAME on stderr, nothing on stdout, exit 2.
suggests() {
  local name=$1; shift
  run "$oracle" "$tmp/want" "$@"
  run "$bin" "$tmp/got" "$@"
  local want_rc got_rc
  want_rc=$(cat "$tmp/want.rc") got_rc=$(cat "$tmp/got.rc")
  if [ "$want_rc" = 0 ]; then
    fail "netstat $*: 2.10 accepts it (exit 0): a suggestion would break it"
  elif [ "$got_rc" = 2 ] && [ ! -s "$tmp/got.out" ] &&
       grep -q "^netstat: '$1' is not a netstat command; did you mean '$name'?\$" "$tmp/got.err"; then
    echo "ok   netstat $*: did you mean '$name' (2.10: exit $want_rc)"
  else
    fail "netstat $*: want the suggestion of '$name', exit 2; got exit $got_rc, stderr: $(head -c 300 "$tmp/got.err")"
  fi
}
suggests capture captrue --output x.tar.zst
suggests verify verfy --quiet snap.tar.zst
suggests diff dif -Q a b
suggests diff dif a.tar.zst b.tar.zst --json
suggests capture captrue -o x.tar.zst --root=/host

if [ "$(id -u)" != 0 ] || ! unshare -n true 2>/dev/null; then
  echo "SKIP (part): listings with a mistyped word need root and unshare -n"
else
  CLI_COMPAT_NETNS=1 unshare -n bash "$0" || failures=$((failures + 1))
fi

[ "$failures" = 0 ] || { echo "cli_compat: $failures failure(s)"; exit 1; }
echo "cli_compat: all checks passed"
