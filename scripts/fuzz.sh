#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz/, clang + ASan + UBSan) and runs
# each for a bounded time over its corpus, then prints the executions per
# target. A crash, leak, sanitizer report, timeout or out-of-memory fails the
# run; the reproducer is copied to testdata/fuzz/<target>/regress-<hash> so
# that it becomes part of the corpus every test build runs
# (tests/replay/fuzz_corpus_test.cc); add a named test for it too.
#
#   scripts/fuzz.sh [--seconds N] [--build-dir DIR] [TARGET...]
#
# Seeds, copied into a scratch corpus per run (nothing is written back
# unless a finding is saved): testdata/fuzz/<target>/ (committed: real files
# from a capture in a network namespace, hand-made ones for formats this
# kernel lacks, every finding), plus at run time the matching files of
# ../shared/fixtures and testdata/hosts (not copied into the project).
#
# Environment: NETSTAT_FUZZ_SECONDS (default 20), NETSTAT_FUZZ_BUILD_DIR
# (default build-fuzz), NETSTAT_FUZZ_MAX_LEN (default 65536).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
seconds=${NETSTAT_FUZZ_SECONDS:-20}
build=${NETSTAT_FUZZ_BUILD_DIR:-$root/build-fuzz}
max_len=${NETSTAT_FUZZ_MAX_LEN:-65536}
only=()
while [ $# -gt 0 ]; do
  case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --build-dir) build=$2; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) only+=("$1"); shift ;;
  esac
done
case $build in /*) ;; *) build=$root/$build ;; esac

log() { printf 'fuzz: %s\n' "$*" >&2; }

command -v clang++ >/dev/null || { log "clang++ is needed (apt-get install clang)"; exit 1; }
if [ ! -f "$build/build.ninja" ]; then
  log "configuring $build"
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja \
    -DNETSTAT_FUZZ=ON -DNETSTAT_ENABLE_ASAN=ON -DNETSTAT_ENABLE_UBSAN=ON \
    -DNETSTAT_BUILD_TESTS=OFF -DCMAKE_BUILD_TYPE=Debug \
    "-DCMAKE_CXX_FLAGS_DEBUG=-O1 -g" "-DCMAKE_C_FLAGS_DEBUG=-O1 -g" >&2 || exit 1
fi
log "building fuzz targets in $build"
cmake --build "$build" --target fuzz_all >&2 || exit 1

mapfile -t targets < "$build/tests/fuzz/targets.txt"
[ "${#targets[@]}" -gt 0 ] || { log "no targets"; exit 1; }
if [ "${#only[@]}" -gt 0 ]; then targets=("${only[@]}"); fi

work=$(mktemp -d "${TMPDIR:-/tmp}/netstat-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Run-time seeds: which files of a /proc tree feed which target.
seed_names() {
  case $1 in
    proc_net_inet) echo "tcp tcp6 udp udp6 udplite udplite6 raw raw6" ;;
    proc_net_unix) echo "unix" ;;
    proc_net_sctp) echo "eps assocs snmp" ;;
    proc_net_igmp) echo "igmp igmp6" ;;
    proc_net_route) echo "route" ;;
    proc_net_ipv6_route) echo "ipv6_route" ;;
    proc_net_rt_cache) echo "rt_cache" ;;
    proc_net_snmp) echo "snmp netstat" ;;
    proc_net_snmp6) echo "snmp6" ;;
    proc_net_dev) echo "dev" ;;
    proc_net_if_inet6) echo "if_inet6" ;;
    proc_net_masquerade) echo "ip_masquerade" ;;
    proc_net_legacy) echo "ipx socket ax25 nr x25 rose" ;;
    proc_net_legacy_route) echo "ipx_route ax25_route x25_routes atalk_route" ;;
    etc_files) echo "hosts networks services protocols passwd nsswitch.conf" ;;
  esac
}

gather() {
  local t=$1 dir=$2 n=0 f name
  cp "$root/testdata/fuzz/$t/"* "$dir/" 2>/dev/null
  local names
  names=$(seed_names "$t")
  [ -n "$names" ] || return 0
  for name in $names; do
    while IFS= read -r f; do
      [ -f "$f" ] && [ "$(stat -c %s "$f")" -le "$max_len" ] || continue
      cp "$f" "$dir/run-$n-$name"
      n=$((n + 1))
    done < <(find "$root/../shared/fixtures" "$root/testdata/hosts" \
               -path "*/proc/net/*" -name "$name" -o -path "*/etc/*" -name "$name" \
               2>/dev/null | head -200)
  done
}

status=0
report=()
for t in "${targets[@]}"; do
  exe=$build/tests/fuzz/fuzz_$t
  [ -x "$exe" ] || { log "no target $t"; status=1; continue; }
  corpus=$work/$t
  mkdir -p "$corpus" "$work/art-$t"
  gather "$t" "$corpus"
  seeds=$(ls "$corpus" | wc -l)
  log "$t: $seeds seeds, ${seconds}s"
  (cd "$work" && ASAN_OPTIONS=detect_leaks=1:allocator_may_return_null=1 \
     UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
     "$exe" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 \
       -rss_limit_mb=2048 -malloc_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$work/art-$t/" "$corpus") > "$work/$t.log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log" | tail -1)
  cov=$(grep -oE 'cov: [0-9]+' "$work/$t.log" | tail -1)
  if [ "$rc" != 0 ] || ls "$work/art-$t/"* >/dev/null 2>&1; then
    status=1
    report+=("$(printf '%-22s FAILED (exit %s) after %s executions' "$t" "$rc" "${execs:-?}")")
    grep -E 'ERROR|runtime error|SUMMARY|violat' "$work/$t.log" | head -5 >&2
    for a in "$work/art-$t/"*; do
      [ -f "$a" ] || continue
      keep=$root/testdata/fuzz/$t/regress-$(sha1sum "$a" | cut -c1-12)
      cp "$a" "$keep"
      log "saved reproducer $keep (add a named test for it)"
    done
  else
    report+=("$(printf '%-22s %10s executions in %ss, %s, %s seeds' "$t" "${execs:-?}" "$seconds" "${cov:-cov: ?}" "$seeds")")
  fi
done

printf '\nfuzz summary (%ss per target):\n' "$seconds"
printf '  %s\n' "${report[@]}"
exit "$status"
