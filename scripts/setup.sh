#!/usr/bin/env bash
# Shared set-up for the README quick start (scripts/run.sh, scripts/test.sh)
# and CI: makes sure the Debian 12 packages the build and the tests need are
# installed (as root it installs the missing ones with apt-get; as another
# user it prints the exact apt-get line and stops), then configures and
# builds the project with CMake + Ninja.
#
# Environment (all optional):
#   NETSTAT_BUILD_DIR           build directory, relative to the repository (default: build)
#   NETSTAT_WARNINGS_AS_ERRORS  ON/OFF, passed to CMake (CI sets ON = -Werror)
#   NETSTAT_CMAKE_ARGS          extra CMake arguments (CI's sanitizer build uses it)
#   NETSTAT_SKIP_PACKAGES=1     do not check packages (for machines without dpkg)
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${NETSTAT_BUILD_DIR:-build}
case $build in /*) ;; *) build=$root/$build ;; esac

# Build: compiler, CMake, Ninja and the libraries CMake finds.
# Tests: net-tools (/usr/bin/netstat is the oracle), iproute2 (ip, ss),
# util-linux (unshare, nsenter), python3, time (/usr/bin/time -v in bench/),
# zstd and xz-utils (bundle formats in tests and by hand), locales (localedef
# sources for the generated locales of tests/oracle/gettext_live.sh), man-db
# and zsh (manuals and completion, tests/oracle/install_layout.sh),
# dpkg-dev (dpkg-shlibdeps for cpack -G DEB, tests/oracle/deb_package.sh).
# The static archives of libarchive's compressors (liblzma, liblz4, libbz2,
# zlib -dev) link build/netstat-static; file(1) checks it
# (tests/oracle/static_binary.sh).
packages=(
  cmake ninja-build g++ pkg-config
  libarchive-dev libzstd-dev libcli11-dev libfmt-dev libgtest-dev
  nlohmann-json3-dev nettle-dev
  liblzma-dev liblz4-dev libbz2-dev zlib1g-dev file
  net-tools iproute2 util-linux python3 time zstd xz-utils locales
  man-db zsh dpkg-dev
)

log() { printf 'setup: %s\n' "$*" >&2; }

missing_packages() {
  local p status
  for p in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
    case $status in ii*) ;; *) printf '%s\n' "$p" ;; esac
  done
}

if [ "${NETSTAT_SKIP_PACKAGES:-0}" != 1 ]; then
  if ! command -v dpkg-query >/dev/null 2>&1; then
    log "dpkg-query not found: not a Debian system? Install the equivalents of:"
    log "  ${packages[*]}"
    log "then run again with NETSTAT_SKIP_PACKAGES=1."
    exit 1
  fi
  mapfile -t missing < <(missing_packages)
  if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" != 0 ]; then
      log "missing Debian packages: ${missing[*]}"
      log "install them as root and run this again:"
      printf 'sudo apt-get install -y %s\n' "${missing[*]}" >&2
      exit 1
    fi
    log "installing missing packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2
    apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
    mapfile -t still < <(missing_packages)
    if [ "${#still[@]}" -gt 0 ]; then
      log "still missing after apt-get install: ${still[*]}"
      exit 1
    fi
  fi
fi

cmake_args=(-S "$root" -B "$build" -G Ninja)
if [ -n "${NETSTAT_WARNINGS_AS_ERRORS:-}" ]; then
  cmake_args+=("-DNETSTAT_WARNINGS_AS_ERRORS=$NETSTAT_WARNINGS_AS_ERRORS")
fi
if [ -n "${NETSTAT_CMAKE_ARGS:-}" ]; then
  # shellcheck disable=SC2206  # word splitting of the extra arguments is intended
  cmake_args+=($NETSTAT_CMAKE_ARGS)
fi
if [ ! -f "$build/build.ninja" ] || [ -n "${NETSTAT_WARNINGS_AS_ERRORS:-}${NETSTAT_CMAKE_ARGS:-}" ]; then
  log "configuring $build"
  cmake "${cmake_args[@]}" >&2
fi
log "building $build"
cmake --build "$build" >&2
