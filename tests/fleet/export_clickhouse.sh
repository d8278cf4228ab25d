#!/usr/bin/env bash
# `netstat export` read by ClickHouse (npm chdb, embedded): installs the npm package
# chdb into the build tree (once; NETSTAT_NPM_CACHE to choose
# where), then runs tests/fleet/export_clickhouse.py. Skips (77) with a message
# when node or npm is missing or the npm registry cannot be reached.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${NETSTAT_BIN:-$here/../../build/netstat}
cache=${NETSTAT_NPM_CACHE:-$(dirname "$bin")/npm-cache}
version=3.4.0

command -v node >/dev/null 2>&1 || { echo "SKIP: node not installed (needed for chdb)"; exit 77; }
command -v npm >/dev/null 2>&1 || { echo "SKIP: npm not installed (needed for chdb)"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 not installed"; exit 77; }
mkdir -p "$cache"
(
  flock 9
  if [ ! -f "$cache/node_modules/chdb/package.json" ]; then
    if ! timeout 60 npm ping --cache "$cache/.npm" >/dev/null 2>&1; then
      echo "SKIP: the npm registry is not reachable (npm ping failed)"
      exit 77
    fi
    echo "installing chdb@$version into $cache"
    timeout 600 npm install --prefix "$cache" --cache "$cache/.npm" --no-audit --no-fund \
      --loglevel=error "chdb@$version" || { echo "SKIP: chdb@$version could not be installed here (see above)"; exit 77; }
  fi
) 9>"$cache/.lock"
status=$?
[ "$status" = 0 ] || exit "$status"
NODE_PATH="$cache/node_modules" exec python3 "$here/export_clickhouse.py" "$bin" "$cache"
