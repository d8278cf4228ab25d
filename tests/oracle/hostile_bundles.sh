#!/usr/bin/env bash
# The hostile-bundle corpus: builds it with scripts/make-hostile-bundles.py
# into a temporary directory, then runs every row of
# testdata/hostile/expected.tsv through $NETSTAT_BIN and checks
#   - the exit status, the number of stderr lines and the message;
#   - what stdout must and must not show (an escape from the bundle would
#     show the analyst's own sockets or passwd);
#   - no signal and no hang (timeout);
#   - bounded memory: the peak RSS of every run (/usr/bin/time -f %M) stays
#     under NETSTAT_HOSTILE_MEM_KB. No `ulimit -v` in a sanitizer build
#     (ASan reserves terabytes of address space up front): the build is
#     detected from NETSTAT_SANITIZED=1 or from __asan_init in the binary,
#     and ASan's own hard_rss_limit_mb is the hard stop there; a plain build
#     keeps ulimit -v as the hard stop;
#   - no sanitizer report on stderr;
#   - nothing written: the working directory, $HOME and $TMPDIR stay as
#     they were, and (as root) a private /tmp stays empty;
#   - no raw control bytes on stderr.
# Needs python3 and zstd (skips, exit 77, without them). Set
# NETSTAT_HOSTILE_KEEP=1 to keep the corpus and outputs for a look.
set -uo pipefail

src=${NETSTAT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${NETSTAT_BIN:-$src/build/netstat}
table=$src/testdata/hostile/expected.tsv
# Peak RSS allowed per run: the 1 GiB total cap + slack (plain build); a
# sanitizer build adds shadow memory and redzones, so it gets more.
mem_kb_plain=2097152
mem_kb_sanitized=3145728
per_run=${NETSTAT_HOSTILE_TIMEOUT:-60}

skip() { echo "SKIP: $*"; exit 77; }
command -v python3 >/dev/null || skip "python3 is needed to build the corpus"
command -v zstd >/dev/null || skip "zstd is needed to build the corpus"
[ -x "$bin" ] || skip "no netstat binary at $bin"

sanitized=0
if [ "${NETSTAT_SANITIZED:-0}" = 1 ] || [ "$(grep -c __asan_init "$bin")" != 0 ]; then
  sanitized=1
fi
if [ "$sanitized" = 1 ]; then
  mem_kb=${NETSTAT_HOSTILE_MEM_KB:-$mem_kb_sanitized}
  # env -i below drops the caller's sanitizer options: pass them on, plus
  # ASan's RSS stop (it kills the run, which then fails as a signal/report).
  san_env=("ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=$((mem_kb / 1024))"
           "UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}")
  limit_as=(true)
  echo "sanitizer build: peak RSS checked (limit ${mem_kb} KiB), no ulimit -v"
else
  mem_kb=${NETSTAT_HOSTILE_MEM_KB:-$mem_kb_plain}
  san_env=()
  limit_as=(ulimit -v "$mem_kb")
fi
timer=()
if [ -x /usr/bin/time ]; then
  timer=(/usr/bin/time -f %M -o)
else
  echo "note: no /usr/bin/time: peak RSS is not measured (hard stop only)"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/netstat-hostile.XXXXXX")
listener_pid=
cleanup() {
  [ -n "$listener_pid" ] && kill "$listener_pid" 2>/dev/null
  if [ "${NETSTAT_HOSTILE_KEEP:-0}" = 1 ]; then
    echo "kept: $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

corpus=$work/corpus
echo "building the corpus in $corpus"
start=$(date +%s)
if ! python3 "$src/scripts/make-hostile-bundles.py" "$corpus" --netstat "$bin"; then
  echo "FAIL: the generator failed"
  exit 1
fi
echo "corpus built in $(( $(date +%s) - start ))s"

# A socket only the analyst's machine has: seeing its port in an output
# means netstat read the host's /proc instead of the bundle's.
python3 -c '
import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen()
print(s.getsockname()[1], flush=True); time.sleep(3600)' > "$work/port" &
listener_pid=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
[ -n "$port" ] || { echo "FAIL: no listener"; exit 1; }

private_tmp=0
if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
  private_tmp=1
else
  echo "note: not root: /tmp is not checked (cwd, HOME and TMPDIR are)"
fi

mkdir -p "$work/home" "$work/tmp" "$work/out"
regex_quote() { printf '%s' "$1" | sed 's/[][\.*^$/+?(){}|]/\\&/g'; }

# sandbox_run ID ARGV...: runs netstat ARGV in the corpus directory, sandboxed
# (clean environment, memory limit, timeout, a private empty /tmp as root),
# stdout/stderr to $work/out/ID.{out,err}; sets rc, rss, ms and problems
# (what every run must satisfy: no signal, no control bytes on stderr, the
# memory limit, no sanitizer report, nothing written anywhere).
sandbox_run() {
  local id=$1
  shift
  local argv=("$@")
  o=$work/out/$id.out
  e=$work/out/$id.err
  local t=$work/out/$id.tmp m=$work/out/$id.rss
  local before
  before=$(cd "$corpus" && ls -A | sort | md5sum)
  rm -f "$m"
  local run=(env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C HOME="$work/home"
       TMPDIR="$work/tmp" "${san_env[@]}" "${envs[@]}"
       timeout -s KILL "$per_run" "$bin" "${argv[@]}")
  # time(1) outermost: its -o file must not land in the private /tmp, and
  # it reports the largest RSS of everything it waited for (netstat).
  local measure=()
  [ "${#timer[@]}" -gt 0 ] && measure=("${timer[@]}" "$m")
  local t0
  t0=$(date +%s%N)
  if [ "$private_tmp" = 1 ]; then
    # The empty tmpfs hides everything under /tmp, the binary too when the
    # checkout lives there: it runs through fd 4, opened before the mount.
    local run_fd=("${run[@]}")
    run_fd[${#run[@]} - ${#argv[@]} - 1]=/proc/self/fd/4
    (cd "$corpus" && "${limit_as[@]}" && exec 4< "$bin" &&
     exec "${measure[@]}" unshare -m --propagation private sh -c \
       'mount -t tmpfs tmpfs /tmp && "$@"; rc=$?; ls -A /tmp >&3; exit $rc' \
       sh "${run_fd[@]}") > "$o" 2> "$e" 3> "$t"
  else
    (cd "$corpus" && "${limit_as[@]}" && exec "${measure[@]}" "${run[@]}") > "$o" 2> "$e" 3> "$t"
  fi
  rc=$?
  rss=-
  [ -s "$m" ] && rss=$(tail -n 1 "$m")
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))

  problems=()
  # 129..192 is how a shell reports a signal (timeout -s KILL: 137);
  # netstat itself exits 0, 1, 2, 3 or 255.
  if [ "$rc" -gt 128 ] && [ "$rc" -le 192 ] && [ "$rc" != "${expect_status:-}" ]; then
    problems+=("killed by signal $((rc - 128)) (timeout ${per_run}s or crash)")
  fi
  if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$e" ||
     [ "$(tr -d '\000' < "$e" | wc -c)" != "$(wc -c < "$e")" ]; then
    problems+=("raw control bytes on stderr")
  fi
  if [ "$rss" != - ] && [ "$rss" -gt "$mem_kb" ] 2>/dev/null; then
    problems+=("peak RSS ${rss} KiB over the ${mem_kb} KiB limit")
  fi
  if grep -Eq 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: [A-Za-z]+Sanitizer' "$e"; then
    problems+=("sanitizer report on stderr")
  fi
  local after written
  after=$(cd "$corpus" && ls -A | sort | md5sum)
  [ "$before" != "$after" ] && problems+=("the working directory changed")
  written=$(find "$work/home" "$work/tmp" -mindepth 1 | tr '\n' ' ')
  [ -n "$written" ] && problems+=("wrote into HOME or TMPDIR: $written")
  [ -s "$t" ] && problems+=("wrote into /tmp: $(tr '\n' ' ' < "$t")")
}

# report ID ARGV...: prints the verdict of the last sandbox_run.
report() {
  local id=$1
  shift
  if [ "${#problems[@]}" = 0 ]; then
    pass=$((pass + 1))
    printf 'ok    %-26s rc=%-3s %6sms %8s KiB\n' "$id" "$rc" "$ms" "$rss"
  else
    fail=$((fail + 1))
    failures+=("$id")
    printf 'FAIL  %-26s rc=%-3s %6sms  netstat %s\n' "$id" "$rc" "$ms" "$*"
    local p
    for p in "${problems[@]}"; do printf '        %s\n' "$p"; done
    printf '        stderr: %s\n' "$(head -c 300 "$e" | cat -v | head -3)"
    printf '        stdout: %s\n' "$(head -c 300 "$o" | cat -v | head -3)"
    rm -rf "${work:?}/home/"* "${work:?}/tmp/"*
  fi
}

pass=0
fail=0
failures=()
while IFS=$'\t' read -r id case args env status lines err_re out_re forbid; do
  case $id in ''|'#'*) continue ;; esac
  b=$case
  qb=$(regex_quote "$b")
  read -r -a argv <<< "${args//@B@/$b}"
  envs=()
  [ "$env" != - ] && IFS=, read -r -a envs <<< "$env"
  expect_status=$status
  sandbox_run "$id" "${argv[@]}"
  [ "$rc" != "$status" ] && ! { [ "$rc" -gt 128 ] && [ "$rc" -le 192 ]; } &&
    problems+=("exit status $rc, expected $status")
  n=$(wc -l < "$e")
  [ "$lines" != '*' ] && [ "$n" != "$lines" ] && problems+=("$n stderr lines, expected $lines")
  if [ "$err_re" != - ] && ! grep -Eq -- "${err_re//@B@/$qb}" "$e"; then
    problems+=("no stderr line matches: ${err_re//@B@/$qb}")
  fi
  if [ "$out_re" = '^$' ]; then
    [ -s "$o" ] && problems+=("stdout not empty")
  elif [ "$out_re" != - ] && ! grep -Eq -- "${out_re//@B@/$qb}" "$o"; then
    problems+=("stdout does not match: ${out_re//@B@/$qb}")
  fi
  if [ "$forbid" != - ] && grep -Eq -- "${forbid//@PORT@/$port}" "$o"; then
    problems+=("stdout matches what it must not: ${forbid//@PORT@/$port}")
  fi
  report "$id" "${argv[@]}"
done < "$table"

# `netstat redact` over every case of the corpus (the whole directory, not
# only the table's rows): it ends by itself within the limits like any run,
# writes nothing but its output (`-o -`: stdout, so even the private /tmp
# and the corpus stay untouched), and either succeeds with a bundle that
# verifies, or exits 1 with one clear "netstat redact: CASE: ..." line and
# no output at all.
envs=()
expect_status=
redacted=0
for c in $(cd "$corpus" && ls -A); do
  id=redact-$c
  sandbox_run "$id" redact "$c" -o -
  if [ "$rc" = 0 ]; then
    redacted=$((redacted + 1))
    if ! "$bin" verify "$o" > /dev/null 2> "$work/out/$id.verify"; then
      problems+=("the redacted bundle does not verify: $(head -c 200 "$work/out/$id.verify")")
    fi
    grep -v '^netstat redact: ' "$e" | grep -q . && problems+=("stderr lines not from netstat redact")
  elif [ "$rc" = 1 ]; then
    [ -s "$o" ] && problems+=("failed, yet wrote $(wc -c < "$o") bytes of output")
    [ "$(wc -l < "$e")" = 1 ] || problems+=("$(wc -l < "$e") stderr lines, expected 1")
    grep -Eq "^netstat redact: $(regex_quote "$c"): .{8,}" "$e" ||
      problems+=("no 'netstat redact: $c: reason' message")
  elif ! { [ "$rc" -gt 128 ] && [ "$rc" -le 192 ]; }; then
    problems+=("exit status $rc, expected 0 or 1")
  fi
  report "$id" redact "$c" -o -
done
echo "redact: $redacted of the corpus's cases redacted (the rest refused)"

echo "hostile bundles: $pass passed, $fail failed"
[ "$fail" = 0 ] || { echo "failed: ${failures[*]}"; exit 1; }
