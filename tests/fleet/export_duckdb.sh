#!/usr/bin/env bash
# `netstat export` loaded into DuckDB (issue 16): installs the npm package
# @duckdb/node-api into the build tree (once; NETSTAT_NPM_CACHE to choose
# where), then runs tests/fleet/export_duckdb.py. Skips (77) with a message
# when node or npm is missing or the npm registry cannot be reached.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${NETSTAT_BIN:-$here/../../build/netstat}
cache=${NETSTAT_NPM_CACHE:-$(dirname "$bin")/npm-cache}
version=1.5.6-r.1

command -v node >/dev/null 2>&1 || { echo "SKIP: node not installed (needed for @duckdb/node-api)"; exit 77; }
command -v npm >/dev/null 2>&1 || { echo "SKIP: npm not installed (needed for @duckdb/node-api)"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not installed"; exit 77; }
mkdir -p "$cache"
(
  flock 9
  if [ ! -f "$cache/node_modules/@duckdb/node-api/package.json" ]; then
    if ! timeout 60 npm ping --cache "$cache/.npm" >/dev/null 2>&1; then
      echo "SKIP: the npm registry is not reachable (npm ping failed)"
      exit 77
    fi
    echo "installing @duckdb/node-api@$version into $cache"
    timeout 600 npm install --prefix "$cache" --cache "$cache/.npm" --no-audit --no-fund \
      --loglevel=error "@duckdb/node-api@$version" || exit 1
  fi
) 9>"$cache/.lock"
status=$?
[ "$status" = 0 ] || exit "$status"
NODE_PATH="$cache/node_modules" exec python3 "$here/export_duckdb.py" "$bin" "$cache"
