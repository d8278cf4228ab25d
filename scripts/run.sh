#!/usr/bin/env bash
# Quick start (1): installs what is missing, builds, then runs build/netstat
# with the arguments given (default: -tanp). Set-up messages go to stderr, so
# stdout carries only netstat's own output.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$root/scripts/setup.sh"
build=${NETSTAT_BUILD_DIR:-build}
case $build in /*) ;; *) build=$root/$build ;; esac
if [ "$#" -eq 0 ]; then
  set -- -tanp
fi
exec -a netstat "$build/netstat" "$@"
