#!/usr/bin/env bash
# `netstat export` benchmark (issue 16): BUNDLES bundles of SOCKETS TCP
# sockets each (tests/fleet/make_fleet.py trees, captured with `netstat
# capture --root=TREE`), then, ROUNDS times, interleaved:
#   sequential   for B: netstat --root=B -a --json-lines > /dev/null
#   export       netstat export -o DIR B...            (every core, a fresh DIR)
#   export -o -  netstat export -o - B... > /dev/null
# Prints medians, the ratio export / sequential (target <= 0.6 on 2 cores),
# peak RSS of export over a tenth of the bundles and over all of them (target:
# independent of the number of bundles), the export's size per table, and the
# time of a DuckDB query over the result ("hosts listening on a port",
# target < 1 s) when npm's @duckdb/node-api is installed (the fleet test's
# build/npm-cache). Not a test; no root needed.
#
#   bench/export_bench.sh            BUNDLES=1000 SOCKETS=1000 ROUNDS=3
# Environment: NETSTAT_BIN (build/netstat), WORK (a scratch folder, default
# a new /tmp/export-bench.XXXXXX, removed at the end unless KEEP=1),
# NETSTAT_NPM_CACHE (build/npm-cache).
set -uo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bin=${NETSTAT_BIN:-$root/build/netstat}
bundles=${BUNDLES:-1000}
sockets=${SOCKETS:-1000}
rounds=${ROUNDS:-3}
npm_cache=${NETSTAT_NPM_CACHE:-$(dirname "$bin")/npm-cache}
[ -x "$bin" ] || { echo "export_bench: $bin missing"; exit 1; }
if [ -n "${WORK:-}" ]; then work=$WORK; mkdir -p "$work"; else work=$(mktemp -d /tmp/export-bench.XXXXXX); fi
[ "${KEEP:-0}" = 1 ] || trap 'rm -rf "$work"' EXIT

# A private copy: a rebuild during the run must not swap the binary.
cp "$bin" "$work/netstat.bench" && bin=$work/netstat.bench
echo "export_bench: $bundles bundles x $sockets sockets, $(nproc) cores, $rounds rounds, in $work"
if [ ! -f "$work/bundles/.done-$bundles-$sockets" ]; then
  t0=$(date +%s.%N)
  rm -rf "$work/trees" "$work/bundles"
  mkdir -p "$work/bundles"
  python3 "$root/tests/fleet/make_fleet.py" "$work/trees" "$bundles" "$sockets" 50 > "$work/trees.txt"
  n=0
  while read -r tree; do
    "$bin" capture --root="$tree" -o "$work/bundles/b$(printf %05d $n).tar.zst" >/dev/null 2>&1 || exit 1
    n=$((n + 1))
  done < "$work/trees.txt"
  rm -rf "$work/trees"
  touch "$work/bundles/.done-$bundles-$sockets"
  t1=$(date +%s.%N)
  printf 'made %d bundles in %.1f s, %s\n' "$bundles" "$(echo "$t1 - $t0" | bc)" \
    "$(du -sh "$work/bundles" | cut -f1)"
fi
ls "$work"/bundles/*.tar.zst > "$work/list.txt"
head -n $((bundles / 10)) "$work/list.txt" > "$work/list-tenth.txt"

now() { date +%s.%N; }
[ -x /usr/bin/time ] || { echo "export_bench: /usr/bin/time missing (package time)"; exit 1; }
declare -A wall cpu
# measure NAME CMD...: wall and CPU (user + sys, children included) of one run.
measure() {
  local name=$1
  shift
  /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" > /dev/null
  read -r e u s < "$work/time"
  wall[$name]+="$e "
  cpu[$name]+="$(echo "$u + $s" | bc) "
}
sequential() {
  while read -r b; do "$bin" --root="$b" -a --json-lines > /dev/null; done < "$work/list.txt"
}
export -f sequential
export bin work
for r in $(seq 1 "$rounds"); do
  measure seq bash -c sequential
  rm -rf "$work/out"
  measure export "$bin" export -q -o "$work/out" --from "$work/list.txt"
  measure stream "$bin" export -q -o - --from "$work/list.txt"
  measure rerun "$bin" export -q -o "$work/out" --from "$work/list.txt"
done
median() { tr ' ' '\n' | grep . | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
row() {  # LABEL NAME
  local w c sw sc
  w=$(echo "${wall[$2]}" | median); c=$(echo "${cpu[$2]}" | median)
  sw=$(echo "${wall[seq]}" | median); sc=$(echo "${cpu[seq]}" | median)
  printf '%-46s wall %7.2f s (%.2fx)  cpu %7.2f s (%.2fx)\n' "$1" "$w" \
    "$(echo "$w / $sw" | bc -l)" "$c" "$(echo "$c / $sc" | bc -l)"
}
echo "load average after the rounds: $(cut -d' ' -f1-3 /proc/loadavg)"
row "sequential --root=B -a --json-lines (x$bundles)" seq
row "export -o DIR (all tables)" export
row "export -o - > /dev/null" stream
row "re-run over the same folder (nothing new)" rerun

if [ -x /usr/bin/time ]; then
  for list in list-tenth list; do
    rm -rf "$work/out-rss"
    /usr/bin/time -f '%M' -o "$work/rss" "$bin" export -q -o "$work/out-rss" --from "$work/$list.txt"
    printf '%-52s %8d KiB\n' "peak RSS, export of $(wc -l < "$work/$list.txt") bundles" "$(cat "$work/rss")"
  done
fi
echo "export size per table (rows, bytes):"
for tbl in sockets/listening=true sockets/listening=false groups routes interfaces counters views bundles; do
  printf "  %-23s %9d rows %12d bytes\n" "$tbl" "$(cat "$work"/out/$tbl/*.jsonl | wc -l)" \
    "$(cat "$work"/out/$tbl/*.jsonl | wc -c)"
done
printf '  input bundles %27d bytes\n' "$(cat "$work"/bundles/*.tar.zst | wc -c)"

if [ -f "$npm_cache/node_modules/@duckdb/node-api/package.json" ]; then
  cp "$root/tests/fleet/duckdb_query.mjs" "$npm_cache/"
  # The documented query (docs/fleet.md): docs/schema/duckdb.sql's macro,
  # which declares the columns, and "listening" (the partition) in WHERE.
  where="protocol = 'tcp' AND state = 'LISTEN' AND local_address = '0.0.0.0' AND local_port = 6379"
  auto="read_json('$work/out/sockets/*/*.jsonl', format = 'newline_delimited', union_by_name = true)"
  python3 - "$root/docs/schema/duckdb.sql" "$work" "$where" "$auto" > "$work/q.json" <<'PY'
import json, sys
macros, work, where, auto = open(sys.argv[1]).read(), sys.argv[2], sys.argv[3], sys.argv[4]
s = "netstat_sockets('%s/out')" % work
print(json.dumps([
    macros,
    "SELECT DISTINCT host FROM %s WHERE listening AND %s ORDER BY host" % (s, where),
    "SELECT DISTINCT host FROM %s WHERE %s ORDER BY host" % (s, where),
    "SELECT DISTINCT host FROM %s WHERE listening AND %s ORDER BY host" % (auto, where),
    "SELECT DISTINCT host FROM %s WHERE %s ORDER BY host" % (auto, where),
    "CREATE TABLE s AS SELECT * FROM %s" % s,
    "SELECT DISTINCT host FROM s WHERE %s ORDER BY host" % where,
    "COPY s TO '%s/sockets.parquet' (FORMAT parquet)" % work,
    "SELECT DISTINCT host FROM '%s/sockets.parquet' WHERE %s ORDER BY host" % (work, where)]))
PY
  a=$(now)
  node "$npm_cache/duckdb_query.mjs" "$work/q.json" > "$work/q.out"
  b=$(now)
  python3 - "$work/q.out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print("duckdb: hosts listening on 0.0.0.0:6379: %d hosts" % len(r[1]["rows"]))
for i, what in [(1, "documented: netstat_sockets(), WHERE listening AND ..."),
                (2, "netstat_sockets(), without 'listening' (every file)"),
                (3, "read_json(union_by_name), WHERE listening AND ..."),
                (4, "read_json(union_by_name), without 'listening'"),
                (5, "load into a table (CREATE TABLE AS)"),
                (6, "the query over the table"),
                (7, "COPY the table to Parquet"),
                (8, "the query over the Parquet file")]:
    assert r[i]["rows"] == r[1]["rows"] or i in (5, 7), (i, r[i]["rows"])
    print("  %-56s %8.0f ms" % (what + ":", r[i]["ms"]))
PY
  printf '  %-56s %8.0f ms\n' "node process, all of these:" "$(echo "($b - $a) * 1000" | bc)"
else
  echo "duckdb: skipped ($npm_cache has no @duckdb/node-api: run ctest -R fleet first)"
fi
