#!/usr/bin/env bash
# Regenerates the interface goldens testdata/interfaces/<case>/golden/<slug>.{out,err,rc}
# by asking /usr/bin/netstat (the oracle), never our own binary: the case's
# proc/ is bound over /proc and an LD_PRELOAD shim answers the interface
# ioctls from the case's interfaces.json (converted to the shim's ioctl.spec).
#   scripts/regen-iface-golden.sh            all cases
#   scripts/regen-iface-golden.sh CASE...    only these cases
set -euo pipefail
src=$(cd "$(dirname "$0")/.." && pwd)
. "$src/scripts/lib/iface_oracle.sh"
if ! why=$(iface_oracle_available); then echo "cannot regenerate: $why" >&2; exit 1; fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
iface_shim_build "$src" "$tmp/shim.so"

want=" $* "
count=0
regen_one() {
  local dir=$1 slug=$2 args=$3 name
  name=$(basename "$dir")
  if [ "$want" != "  " ] && [[ "$want" != *" $name "* ]]; then return; fi
  python3 "$src/scripts/lib/iface_spec_from_json.py" "$dir/interfaces.json" > "$dir/ioctl.spec"
  mkdir -p "$dir/golden"
  # shellcheck disable=SC2086  # args are space separated by design
  iface_run "$dir" "$tmp/shim.so" "$dir/ioctl.spec" "$dir/golden/$slug" "$IFACE_ORACLE_NETSTAT" $args
  count=$((count + 1))
}
iface_for_each_case "$src" regen_one
echo "regenerated $count interface golden case(s) from $IFACE_ORACLE_NETSTAT"
