#!/usr/bin/env bash
# Asks the oracle again, at test time, for every fixture case and compares it
# with our binary reading the same tree through --root, so committed goldens
# can never drift from /usr/bin/netstat. Root only; skips (77) otherwise.
set -uo pipefail
src=${NETSTAT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
shared=${NETSTAT_SHARED_DIR:-$src/../shared}
bin=${NETSTAT_BIN:-$src/build/netstat}
. "$src/scripts/lib/oracle.sh"
if ! why=$(oracle_available); then echo "SKIP: $why"; exit 77; fi
[ -d "$shared/fixtures" ] || echo "note: $shared/fixtures missing; shared fixture cases skipped"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check_one() {
  local name=$1 tree=$2 slug=$3 args=$4
  # shellcheck disable=SC2086
  oracle_run "$tree" "$tmp/o" $args
  # shellcheck disable=SC2086
  ( cd "$src" && LC_ALL=C exec -a netstat "$bin" --root="$tree" $args ) >"$tmp/n.out" 2>"$tmp/n.err"
  echo $? >"$tmp/n.rc"
  local bad=""
  cmp -s "$tmp/o.out" "$tmp/n.out" || bad="$bad stdout"
  cmp -s "$tmp/o.err" "$tmp/n.err" || bad="$bad stderr"
  cmp -s "$tmp/o.rc" "$tmp/n.rc" || bad="$bad status"
  if [ -z "$bad" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "FAIL $name/$slug (netstat $args):$bad"
    diff "$tmp/o.out" "$tmp/n.out" | head -10
    diff "$tmp/o.err" "$tmp/n.err" | head -5
    echo "  status: oracle $(cat "$tmp/o.rc") ours $(cat "$tmp/n.rc")"
  fi
}
for_each_case "$src" "$shared" check_one
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
