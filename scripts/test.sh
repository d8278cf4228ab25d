#!/usr/bin/env bash
# Quick start (2): installs what is missing, builds, then runs the whole test
# suite through ctest (in parallel; every test uses its own namespaces and
# temporary files). Extra arguments are passed to ctest (e.g. -R oracle).
# Oracle and live tests need root and skip (with a message) otherwise.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
build=${NETSTAT_BUILD_DIR:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
jobs=${NETSTAT_TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}
exec ctest --test-dir "$build" --output-on-failure -j "$jobs" "$@"
