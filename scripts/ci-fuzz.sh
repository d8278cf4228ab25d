#!/usr/bin/env bash
# CI's fuzz stage: configures the clang libFuzzer build (build-fuzz: ASan +
# UBSan, -DNETSTAT_FUZZ=ON, tests off), builds every fuzz_<target> of
# tests/fuzz/fuzz_targets.h and runs each for a bounded time over its
# committed corpus (testdata/fuzz/<target>/), two at a time. Any crash,
# sanitizer report, leak, per-input timeout, out-of-memory or property
# violation fails the stage; the reproducer stays in
# build-fuzz/ci-artifacts/<target>/ (copy it to testdata/fuzz/<target>/ and
# add a named test: see docs/hostile-input.md). Nothing in the source tree is
# written.
#
#   scripts/ci-fuzz.sh [TARGET...]
#
# Environment: NETSTAT_FUZZ_SECONDS (per target, default 8),
# NETSTAT_FUZZ_JOBS (targets run at once, default 2),
# NETSTAT_FUZZ_BUILD_DIR (default build-fuzz).
# Last line: "fuzz: N passed, M failed". Exit status 0 only when M is 0 and
# every target ran.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${NETSTAT_FUZZ_SECONDS:-8}
jobs=${NETSTAT_FUZZ_JOBS:-2}
build=${NETSTAT_FUZZ_BUILD_DIR:-$root/build-fuzz}
case $build in /*) ;; *) build=$root/$build ;; esac

log() { printf 'fuzz: %s\n' "$*" >&2; }
die() { log "$*"; echo "fuzz: 0 passed, 1 failed"; exit 1; }

command -v clang++ >/dev/null || die "clang++ is needed for the fuzz build"
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
if [ ! -f "$build/build.ninja" ]; then
  log "configuring $build"
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja \
    -DNETSTAT_FUZZ=ON -DNETSTAT_ENABLE_ASAN=ON -DNETSTAT_ENABLE_UBSAN=ON \
    -DNETSTAT_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=Debug \
    "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g" "-DCMAKE_C_FLAGS_DEBUG=-O1 -g" \
    "${launcher[@]}" >/dev/null || die "cmake configure failed"
fi
log "building the fuzz targets"
cmake --build "$build" --target fuzz_all -- -j"$jobs" >"$build/ci-build.log" 2>&1 ||
  { tail -40 "$build/ci-build.log" >&2; die "build failed"; }

mapfile -t targets < "$build/tests/fuzz/targets.txt"
[ "$#" -gt 0 ] && targets=("$@")
[ "${#targets[@]}" -gt 0 ] || die "no fuzz targets"

work=$(mktemp -d "${TMPDIR:-/tmp}/netstat-ci-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
artifacts=$build/ci-artifacts
rm -rf "$artifacts"

# One target: scratch copy of its corpus (libFuzzer adds to the corpus it is
# given), bounded run, outer timeout as a guard. Writes $work/<t>.result.
run_one() {
  local t=$1 exe=$build/tests/fuzz/fuzz_$1 rc execs
  local corpus=$work/corpus-$t art=$artifacts/$t
  mkdir -p "$corpus" "$art"
  if [ ! -x "$exe" ]; then
    echo "FAIL $t: no executable $exe" > "$work/$t.result"
    return
  fi
  cp "$root/testdata/fuzz/$t/"* "$corpus/" 2>/dev/null
  (cd "$work" &&
   ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
   UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
   timeout -s KILL $((seconds + 60)) "$exe" -max_total_time="$seconds" \
     -max_len=65536 -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=2048 \
     -print_final_stats=1 -artifact_prefix="$art/" "$corpus") \
    > "$work/$t.log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log" | tail -1)
  if [ "$rc" != 0 ] || [ -n "$(ls -A "$art")" ]; then
    {
      echo "FAIL $t: exit $rc after ${execs:-?} executions; reproducer in $art/"
      grep -E 'ERROR|runtime error|SUMMARY|Test unit written|violation' "$work/$t.log" | head -8 | sed 's/^/    /'
    } > "$work/$t.result"
  else
    rmdir "$art"
    echo "ok   $t: ${execs:-?} executions in ${seconds}s" > "$work/$t.result"
  fi
}

log "running ${#targets[@]} targets, ${seconds}s each, $jobs at a time"
running=0
for t in "${targets[@]}"; do
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n
    running=$((running - 1))
  fi
done
wait

pass=0
fail=0
for t in "${targets[@]}"; do
  if [ -f "$work/$t.result" ]; then
    cat "$work/$t.result"
    case $(head -c 2 "$work/$t.result") in ok) pass=$((pass + 1)) ;; *) fail=$((fail + 1)) ;; esac
  else
    echo "FAIL $t: no result"
    fail=$((fail + 1))
  fi
done
echo "fuzz: $pass passed, $fail failed"
[ "$fail" = 0 ]
