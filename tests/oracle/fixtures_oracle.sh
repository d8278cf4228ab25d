#!/usr/bin/env bash
# Asks the oracle again, at test time, for every fixture case and compares it
# with our binary reading the same tree through --root, so committed goldens
# can never drift from /usr/bin/netstat. The oracle answers all of a tree's
# cases in one namespace (oracle_run_cases). Root only; skips (77) otherwise.
set -uo pipefail
src=${NETSTAT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
shared=${NETSTAT_SHARED_DIR:-$src/../shared}
bin=${NETSTAT_BIN:-$src/build/netstat}
. "$src/scripts/lib/oracle.sh"
if ! why=$(oracle_available); then echo "SKIP: $why"; exit 77; fi
[ -d "$shared/fixtures" ] || echo "note: $shared/fixtures missing; shared fixture cases skipped"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/cases"

# Pass 1: each tree's cases, in order, as "SLUG<TAB>ARGS" lines.
trees=()
collect() {
  local name=$1 tree=$2 slug=$3 args=$4
  if [ ! -e "$tmp/cases/$name.tsv" ]; then
    trees+=("$name")
    printf '%s\n' "$tree" >"$tmp/cases/$name.tree"
  fi
  printf '%s\t%s\n' "$slug" "$args" >>"$tmp/cases/$name.tsv"
}
for_each_case "$src" "$shared" collect

# Pass 2: per tree, the oracle's answers, then ours, compared case by case.
pass=0 fail=0
set -f  # case arguments are split at blanks, never globbed
for name in "${trees[@]}"; do
  tree=$(cat "$tmp/cases/$name.tree")
  rm -rf "$tmp/o" && mkdir "$tmp/o"
  if ! oracle_run_cases "$tree" "$tmp/o" "$tmp/cases/$name.tsv"; then
    echo "FAIL $name: the oracle could not be run on $tree"
    fail=$((fail + 1))
    continue
  fi
  while IFS=$'\t' read -r slug args || [ -n "$slug" ]; do
    # shellcheck disable=SC2086  # args are blank-separated by design
    ( cd "$src" && LC_ALL=C exec -a netstat "$bin" --root="$tree" $args ) \
      >"$tmp/n.out" 2>"$tmp/n.err" </dev/null
    echo $? >"$tmp/n.rc"
    o=$tmp/o/$slug bad=""
    cmp -s "$o.out" "$tmp/n.out" || bad="$bad stdout"
    cmp -s "$o.err" "$tmp/n.err" || bad="$bad stderr"
    cmp -s "$o.rc" "$tmp/n.rc" || bad="$bad status"
    if [ -z "$bad" ]; then
      pass=$((pass + 1))
    else
      fail=$((fail + 1))
      echo "FAIL $name/$slug (netstat $args):$bad"
      diff "$o.out" "$tmp/n.out" | head -10
      diff "$o.err" "$tmp/n.err" | head -5
      echo "  status: oracle $(cat "$o.rc" 2>/dev/null) ours $(cat "$tmp/n.rc")"
    fi
  done <"$tmp/cases/$name.tsv"
done
echo "$pass passed, $fail failed"
[ "$pass" -gt 0 ] && [ "$fail" -eq 0 ]
