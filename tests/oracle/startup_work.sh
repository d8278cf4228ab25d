#!/usr/bin/env bash
# What build/netstat does before main() on every run, checked on the binary
# (docs/performance.md, "start-up"; issue 18): none of it may creep back.
#  - Nettle's CPU probe (fat_init: CPUID, ~10 us per instruction under a
#    hypervisor) is not a constructor: the build links a copy of libnettle.a
#    without .init_array (cmake/Dependencies.cmake), so the probe runs on the
#    first hash. Checked where Nettle is linked in (fat_init in the symbols).
#  - CLI11's validator objects exist once (inline variables, src/cli/cli11.h),
#    not once per file that includes CLI11.
#  - No file includes <iostream> (its per-file std::ios_base::Init).
#  - The libraries loaded at start-up: no libarchive, libxml2, libcrypto,
#    libnettle, libzstd or libm (each costs every run its loading); not
#    checked in sanitizer builds, which link the shared libraries.
# Needs nm, readelf and objdump (binutils); skips (77) without them.
set -uo pipefail
src=${NETSTAT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${NETSTAT_BIN:-$src/build/netstat}

skip() { echo "SKIP: startup_work: $*"; exit 77; }
for tool in nm readelf objdump; do
  command -v "$tool" >/dev/null 2>&1 || skip "needs $tool (binutils)"
done
[ -x "$bin" ] || { echo "FAIL: $bin is missing"; exit 1; }

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok   $*"; }

syms=$(nm "$bin" 2>/dev/null) || skip "$bin has no symbol table (stripped)"

# The functions .init_array points at (addresses in the section's bytes; a
# RELR or RELA relocation adds the load address at run time).
init_functions() {
  local line off size
  line=$(readelf -SW "$bin" | sed -n 's/^ *\[ *[0-9]*\] \.init_array *//p')
  [ -n "$line" ] || return 0
  off=$((16#$(awk '{print $3}' <<<"$line")))
  size=$((16#$(awk '{print $4}' <<<"$line")))
  od -An -v -t x8 -j "$off" -N "$size" "$bin" | tr -s ' ' '\n' | sed '/^$/d' |
    while read -r addr; do
      awk -v a="$addr" '{ v = $1; sub(/^0+/, "", v); w = a; sub(/^0+/, "", w)
                          if (v == w && ($2 == "t" || $2 == "T")) { print $3; exit } }' \
        <<<"$syms"
    done
}
inits=$(init_functions)
[ -n "$inits" ] || fail "no constructor found in .init_array (the check itself is broken)"
if grep -q ' t fat_init$' <<<"$syms"; then
  if grep -qx 'fat_init' <<<"$inits"; then
    fail "Nettle's fat_init (CPUID) runs before main(): libnettle.a linked with its constructor"
  else
    ok "Nettle's CPU probe is not a constructor"
  fi
else
  echo "note Nettle not linked in ($bin uses the shared library): fat_init check not applicable"
fi

copies=$(nm -C "$bin" | grep -Ec '^[0-9a-f]+ [A-Za-z] CLI::ExistingFile$')
if [ "$copies" -le 1 ]; then
  ok "CLI11's validators: $copies copy"
else
  fail "CLI11's validators are built $copies times before main(): include src/cli/cli11.h, not <CLI/CLI.hpp>"
fi

# <iostream>'s initialiser is std::ios_base::Init::Init() called from a
# file's static constructor; the subcommand dispatch calls it in main().
init_callers=$(objdump -d --no-show-raw-insn "$bin" 2>/dev/null |
  awk '/^[0-9a-f]+ <.*>:$/ { f = $2 } /call.*<_ZNSt8ios_base4InitC1Ev/ { print f }' | sort -u)
if grep -q '_GLOBAL__sub_I' <<<"$init_callers"; then
  fail "std::ios_base::Init constructed before main() by: $(grep '_GLOBAL__sub_I' <<<"$init_callers" | tr '\n' ' ')"
else
  ok "no <iostream> initialiser before main()"
fi

needed=$(objdump -p "$bin" | awk '$1 == "NEEDED" { print $2 }')
bad=$(grep -E '^lib(archive|xml2|crypto|nettle|zstd|m)\.so' <<<"$needed")
if grep -qE '^lib(asan|ubsan)\.so' <<<"$needed"; then
  # Sanitizer builds link the shared libraries (NETSTAT_STATIC_CXX_RUNTIME
  # and the static zstd/Nettle are off there): not the start-up we ship.
  echo "note sanitizer build: start-up libraries not checked ($(tr '\n' ' ' <<<"$needed"))"
elif [ -n "$bad" ]; then
  fail "loaded at every start-up: $(tr '\n' ' ' <<<"$bad")"
else
  ok "start-up libraries: $(tr '\n' ' ' <<<"$needed")"
fi

[ "$failures" = 0 ] || { echo "startup_work: $failures failure(s)"; exit 1; }
echo "startup_work: all checks passed"
