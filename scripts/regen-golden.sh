#!/usr/bin/env bash
# Regenerates compat goldens (testdata/golden/<case>/<slug>.{out,err,rc}) by
# asking /usr/bin/netstat (the oracle), never our own binary.
#   scripts/regen-golden.sh            all cases
#   scripts/regen-golden.sh CASE...    only these cases (dir names, or shared--NAME)
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
shared=${NETSTAT_SHARED_DIR:-$src/../shared}
. "$src/scripts/lib/oracle.sh"
oracle_available || exit 1

want=" $* "
count=0
regen_one() {
  local name=$1 tree=$2 slug=$3 args=$4
  if [ "$want" != "  " ] && [[ "$want" != *" $name "* ]]; then return; fi
  mkdir -p "$src/testdata/golden/$name"
  # shellcheck disable=SC2086  # args are space separated by design
  oracle_run "$tree" "$src/testdata/golden/$name/$slug" $args
  count=$((count + 1))
}
for_each_case "$src" "$shared" regen_one
echo "regenerated $count golden case(s) from $ORACLE_NETSTAT"
