#!/usr/bin/env bash
# Live differential harness for the socket modes (issue 3, tests (a) and (b)).
# Builds a socket zoo (tests/tools/socket_zoo) in a private network + mount
# namespace, then:
#  (a) for every flag combination below runs /usr/bin/netstat and our
#      netstat back to back inside the namespace and compares stdout, stderr
#      and exit status byte for byte, ours once with each socket table
#      source (sock_diag where available, and the /proc files);
#  (b) captures the zoo with `netstat capture`, and compares
#      `netstat --root=BUNDLE ARGS` (run outside the namespaces) with the live
#      oracle output taken right before and right after the capture.
# Root only; exits 77 (skip) with a message when root, unshare, nsenter or
# the oracle are missing.
#
# Determinism:
#  * Name resolution is pinned rather than avoided, so non-numeric output is
#    compared too: the namespace binds its own /etc/hosts, /etc/networks,
#    /etc/host.conf and a files-only /etc/nsswitch.conf (and /dev/null over
#    resolv.conf), so both tools resolve from the same known files and never
#    ask DNS. services/protocols/passwd/group stay the machine's own files
#    (both tools read the same ones; the bundle records them for (b)).
#  * The zoo's sockets are steady once it prints "ready" (stalled windows,
#    half-closed pairs); TIME_WAIT lives 60 s, so each part gets a fresh zoo.
#  * -o timers move between two runs: only the numbers inside the timer's
#    parentheses are masked, and only for combinations that include -o.
#  * A live pair that differs is retried twice (a socket may change between
#    the two runs); a pass on a retry is reported as such.
set -uo pipefail
src=${NETSTAT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${NETSTAT_BIN:-$src/build/netstat}
zoo_bin=${SOCKET_ZOO:-$(dirname "$bin")/tests/tools/socket_zoo}
oracle=${ORACLE_NETSTAT:-/usr/bin/netstat}

skip() { echo "SKIP: live socket harness: $*"; exit 77; }
[ "$(id -u)" = 0 ] || skip "needs root (network and mount namespaces)"
for tool in unshare nsenter ip; do
  command -v "$tool" >/dev/null 2>&1 || skip "needs $tool (util-linux / iproute2)"
done
[ -x "$oracle" ] || skip "needs the oracle $oracle (apt-get install net-tools)"
unshare -n -m true 2>/dev/null || skip "unshare -n -m is not permitted here"
[ -x "$bin" ] || { echo "FAIL: $bin is missing"; exit 1; }
[ -x "$zoo_bin" ] || { echo "FAIL: $zoo_bin is missing (target socket_zoo)"; exit 1; }
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")

# Flag combinations (at least 40); one per line, arguments space separated.
combos=(
  "" "-a" "-n" "-an" "-anp" "-ap" "-l" "-lp" "-lntp" "-nlp" "-e" "-ee" "-o" "-p"
  "-t" "-tn" "-ta" "-tan" "-tanp" "-tanpe" "-tanpeo" "-tanpeoW" "-tanW" "-taW"
  "-tao" "-taep" "-tnle" "-tlpn -W" "-tulpn" "-tulnpe" "-tuwanpeo"
  "-u" "-ua" "-uan" "-uanp" "-uaW" "-uao" "-U" "-Ua" "-Uanp" "-uUwan"
  "-w" "-wa" "-wan" "-wanp" "-wae" "-wao"
  "-x" "-xa" "-xap" "-xapn" "-xl" "-xlp" "-xe" "-xo" "-x -6" "-xW"
  "-A inet6" "-A inet6 -a" "-A inet,inet6 -an" "-A inet -a" "-A unix -a" "-6" "-4" "-6 -tan"
  "-4 -uan" "-6 -lp" "--inet6 -an" "--tcp --all --numeric" "--udp --listening --programs"
  "-anW" "--numeric-hosts -ta" "--numeric-ports -ta" "--numeric-users -tae"
  "--numeric-hosts --numeric-ports -tua" "-anpeeoW" "--wide --extend --timers -ta"
  "-Sa" "-tZ" "-v -ta" "--ipx" "-A ax25" "-taS" "-tn foo bar"
)

tmp=$(mktemp -d /tmp/netstat-live.XXXXXX)
zoo_pid=""
stop_zoo() {
  if [ -n "$zoo_pid" ]; then
    kill -TERM "$zoo_pid" 2>/dev/null
    wait "$zoo_pid" 2>/dev/null
    zoo_pid=""
  fi
}
# LIVE_SOCKETS_KEEP=1 keeps the work directory (zoo paths, outputs, bundle).
if [ "${LIVE_SOCKETS_KEEP:-0}" = 1 ]; then
  trap 'stop_zoo; echo "kept $tmp"' EXIT
else
  trap 'stop_zoo; rm -rf "$tmp"' EXIT
fi
trap 'exit 130' INT TERM

# The pinned name-service files.
mkdir -p "$tmp/etc"
cat >"$tmp/etc/hosts" <<'EOF'
127.0.0.1	localhost
127.0.0.2	a-rather-long-host-name-for-the-address-column.zoo.example	zoo-long
127.1.2.3	zoo-short
::1	localhost ip6-localhost ip6-loopback
2001:db8:1234:5678:9abc:def0:1234:5678	long6.zoo.example
EOF
printf 'default\t0.0.0.0\nloopback\t127.0.0.0\nlink-local\t169.254.0.0\n' >"$tmp/etc/networks"
printf 'multi on\n' >"$tmp/etc/host.conf"
printf '%s: files\n' passwd group shadow gshadow hosts networks protocols services ethers rpc \
  >"$tmp/etc/nsswitch.conf"

# start_zoo NAME: a fresh namespace with lo up, the long IPv6 test addresses,
# the pinned /etc files, and the zoo in it; waits for "ready".
start_zoo() {
  local dir=$tmp/$1
  mkdir -p "$dir"
  unshare -n -m --propagation private -- bash -c '
    etc=$1 dir=$2 zoo=$3
    for f in hosts networks host.conf nsswitch.conf; do
      [ -e "/etc/$f" ] || continue
      mount --bind "$etc/$f" "/etc/$f" || exit 1
    done
    [ -e /etc/resolv.conf ] && { mount --bind /dev/null /etc/resolv.conf || exit 1; }
    ip link set lo up || exit 1
    ip -6 addr add 2001:db8:1234:5678:9abc:def0:1234:5678/128 dev lo nodad || exit 1
    ip -6 addr add 2001:db8:aaaa:bbbb:cccc:dddd:eeee:ffff/128 dev lo nodad || exit 1
    exec "$zoo" "$dir"
  ' zoo-namespace "$tmp/etc" "$dir" "$zoo_bin" >"$dir.out" 2>"$dir.err" &
  zoo_pid=$!
  local i
  for i in $(seq 300); do
    grep -qx ready "$dir.out" 2>/dev/null && return 0
    if ! kill -0 "$zoo_pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "FAIL: the socket zoo did not start:"
  cat "$dir.err"
  zoo_pid=""
  exit 1
}

# Environment for both tools: C locale, argv[0] "netstat" as typed by a user,
# sanitizer settings passed through for the ASan build.
clean_env=(env -i LC_ALL=C PATH=/usr/sbin:/usr/bin:/sbin:/bin)
[ -n "${ASAN_OPTIONS:-}" ] && clean_env+=("ASAN_OPTIONS=$ASAN_OPTIONS")
[ -n "${UBSAN_OPTIONS:-}" ] && clean_env+=("UBSAN_OPTIONS=$UBSAN_OPTIONS")

# in_zoo PREFIX PROGRAM ARGS...: runs PROGRAM as "netstat" inside the zoo's
# namespaces; writes PREFIX.out, PREFIX.err, PREFIX.rc.
in_zoo() {
  local prefix=$1
  shift
  ( cd / && nsenter -t "$zoo_pid" -n -m -- "${clean_env[@]}" \
      ${NETSTAT_SOCKET_SOURCE:+NETSTAT_SOCKET_SOURCE=$NETSTAT_SOCKET_SOURCE} \
      bash -c 'exec -a netstat "$0" "$@"' "$@" ) >"$prefix.out" 2>"$prefix.err"
  echo $? >"$prefix.rc"
}

# outside PREFIX PROGRAM ARGS...: the same, in the harness's own namespaces.
outside() {
  local prefix=$1
  shift
  ( cd / && "${clean_env[@]}" bash -c 'exec -a netstat "$0" "$@"' "$@" ) \
    >"$prefix.out" 2>"$prefix.err"
  echo $? >"$prefix.rc"
}

has_timers() { [[ " $1" =~ \ -[A-Za-z0-9]*o || " $1" == *" --timers"* ]]; }

# mask PREFIX ARGS: masks the timer numbers in PREFIX.out when ARGS has -o.
mask() {
  if has_timers "$2"; then
    sed -E -i 's#\(([0-9]+\.[0-9]+)/(-?[0-9]+)/(-?[0-9]+)\)#(T/R/P)#g' "$1.out"
  fi
}

# same A B: the two result triples are byte-identical.
same() { cmp -s "$1.out" "$2.out" && cmp -s "$1.err" "$2.err" && cmp -s "$1.rc" "$2.rc"; }

# Diffs are shown for the first $max_diffs failures of each part; later
# failures are listed by name only (the first ones are usually enough).
max_diffs=${LIVE_SOCKETS_MAX_DIFFS:-12}
shown=0
show_diff() {
  local want=$1 got=$2
  shown=$((shown + 1))
  if [ "$shown" -gt "$max_diffs" ]; then
    [ "$shown" = $((max_diffs + 1)) ] && echo "  (further diffs not shown; LIVE_SOCKETS_MAX_DIFFS=N shows more)"
    return
  fi
  diff -u --label oracle --label ours "$want.out" "$got.out" | head -40
  diff -u --label oracle.stderr --label ours.stderr "$want.err" "$got.err" | head -10
  cmp -s "$want.rc" "$got.rc" || echo "  exit status: oracle $(cat "$want.rc"), ours $(cat "$got.rc")"
}

pass=0 fail=0

# ---- (a) live: oracle and ours back to back inside the namespace ----------
start_zoo live
# The zoo must really hold what it promises, or the comparisons prove little.
in_zoo "$tmp/census" "$oracle" -anpW
missing=""
for want in LISTEN ESTABLISHED SYN_SENT SYN_RECV FIN_WAIT1 FIN_WAIT2 CLOSE_WAIT LAST_ACK \
  CLOSING TIME_WAIT "^tcp6 .*2001:db8:1234:5678:9abc:def0:1234:5678" "^tcp6 .* 127\.0\.0\.1:" \
  "^udp " "^udp6 " "^raw " "^raw6 " "STREAM .*LISTENING" "DGRAM" "SEQPACKET" "@zoo-abstract" \
  "/live/path$" "/a-very-long-p" "/odd name with" "/zoo abs path" "/\./relative/di"; do
  grep -q -- "$want" "$tmp/census.out" || missing="$missing [$want]"
done
if [ -n "$missing" ]; then
  echo "FAIL live: the zoo lacks:$missing"
  fail=$((fail + 1))
else
  echo "zoo census: $(grep -c '^tcp' "$tmp/census.out") tcp, $(grep -c '^udp' "$tmp/census.out") udp, $(grep -c '^raw' "$tmp/census.out") raw, $(grep -c '^unix' "$tmp/census.out") unix rows"
fi
live_pass=0 live_fail=0 retried=0
# Both socket table sources (replay/socket_rows.h): "auto" reads tcp, udp
# and raw through sock_diag where the kernel answers them, "proc" the files.
# "netlink" (sock_diag or an error) must answer tcp and udp here, or the
# auto runs may have compared the files twice.
for table in -tan -uan; do
  in_zoo "$tmp/nl" "$bin" --netlink $table
  if [ "$(cat "$tmp/nl.rc")" != 0 ]; then
    if grep -q "sock_diag cannot dump" "$tmp/nl.err"; then
      echo "note: sock_diag is not available here ($(head -1 "$tmp/nl.err")); auto compares /proc twice"
    else
      echo "FAIL live: netstat --netlink $table exited $(cat "$tmp/nl.rc"): $(head -3 "$tmp/nl.err")"
      fail=$((fail + 1))
    fi
  fi
done
for args in "${combos[@]}"; do
  for source in auto proc; do
    ok=0
    for attempt in 1 2 3; do
      # shellcheck disable=SC2086  # combinations are space separated by design
      in_zoo "$tmp/o" "$oracle" $args
      # shellcheck disable=SC2086
      NETSTAT_SOCKET_SOURCE=$source in_zoo "$tmp/n" "$bin" $args
      mask "$tmp/o" "$args"
      mask "$tmp/n" "$args"
      if same "$tmp/o" "$tmp/n"; then
        ok=1
        [ "$attempt" -gt 1 ] && { retried=$((retried + 1)); echo "note: 'netstat $args' ($source) matched on attempt $attempt"; }
        break
      fi
    done
    if [ "$ok" = 1 ]; then
      live_pass=$((live_pass + 1))
    else
      live_fail=$((live_fail + 1))
      echo "FAIL live: netstat $args (NETSTAT_SOCKET_SOURCE=$source)"
      show_diff "$tmp/o" "$tmp/n"
    fi
  done
done
stop_zoo
echo "live: $live_pass passed, $live_fail failed ($retried matched only on a retry)"
pass=$((pass + live_pass))
fail=$((fail + live_fail))

# ---- (b) replay: capture the zoo, compare the bundle with the live oracle --
start_zoo replay
shown=0
bundle=$tmp/zoo.tar.zst
n=0
for args in "${combos[@]}"; do
  # shellcheck disable=SC2086
  in_zoo "$tmp/before.$n" "$oracle" $args
  n=$((n + 1))
done
in_zoo "$tmp/capture" "$bin" capture -o "$bundle"
n=0
for args in "${combos[@]}"; do
  # shellcheck disable=SC2086
  in_zoo "$tmp/after.$n" "$oracle" $args
  n=$((n + 1))
done
stop_zoo
if [ "$(cat "$tmp/capture.rc")" != 0 ] && grep -qi "not implemented" "$tmp/capture.err"; then
  echo "SKIP (b): 'netstat capture' is not implemented yet: $(head -1 "$tmp/capture.err")"
elif [ "$(cat "$tmp/capture.rc")" != 0 ] || [ ! -s "$bundle" ]; then
  echo "FAIL replay: 'netstat capture -o BUNDLE' in the zoo exited $(cat "$tmp/capture.rc"):"
  head -20 "$tmp/capture.err"
  fail=$((fail + 1))
else
  replay_pass=0 replay_fail=0
  n=0
  for args in "${combos[@]}"; do
    # shellcheck disable=SC2086
    outside "$tmp/r" "$bin" --root="$bundle" $args
    mask "$tmp/r" "$args"
    mask "$tmp/before.$n" "$args"
    mask "$tmp/after.$n" "$args"
    if same "$tmp/before.$n" "$tmp/r" || same "$tmp/after.$n" "$tmp/r"; then
      replay_pass=$((replay_pass + 1))
    else
      replay_fail=$((replay_fail + 1))
      echo "FAIL replay: netstat --root=BUNDLE $args (vs the live oracle before the capture)"
      show_diff "$tmp/before.$n" "$tmp/r"
    fi
    n=$((n + 1))
  done
  echo "replay: $replay_pass passed, $replay_fail failed"
  pass=$((pass + replay_pass))
  fail=$((fail + replay_fail))
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
