# Helpers for asking /usr/bin/netstat (the oracle) about interfaces this
# kernel cannot create: an LD_PRELOAD shim (tests/oracle/interfaces_ioctl_shim.c)
# answers the interface ioctls from a spec file, and a case's proc/ is bound
# over /proc in a private mount + network namespace. Our netstat can be run
# the same way, so both read identical answers. Source this file.

IFACE_ORACLE_NETSTAT=${IFACE_ORACLE_NETSTAT:-/usr/bin/netstat}

# iface_oracle_available: 0 if the shim oracle can run here, else prints why.
iface_oracle_available() {
  if [ "$(id -u)" != 0 ]; then echo "needs root (mount and network namespaces)"; return 1; fi
  if ! command -v unshare >/dev/null 2>&1; then echo "needs unshare (util-linux)"; return 1; fi
  if [ ! -x "$IFACE_ORACLE_NETSTAT" ]; then echo "needs $IFACE_ORACLE_NETSTAT (apt-get install net-tools)"; return 1; fi
  if ! command -v cc >/dev/null 2>&1; then echo "needs a C compiler (cc) for the ioctl shim"; return 1; fi
  if ! unshare -m -n true 2>/dev/null; then echo "unshare -m -n is not permitted here"; return 1; fi
  return 0
}

# iface_shim_build SRC_DIR OUT.so: compiles the ioctl shim.
iface_shim_build() {
  cc -shared -fPIC -O1 -Wall -Wno-format-truncation -o "$2" \
    "$1/tests/oracle/interfaces_ioctl_shim.c" -ldl
}

# iface_run CASE_DIR SHIM SPEC PREFIX BINARY ARGS...: runs BINARY (argv[0]
# "netstat") with CASE_DIR/proc over /proc and the shim answering from SPEC;
# writes PREFIX.out, PREFIX.err and PREFIX.rc.
iface_run() {
  local dir=$1 shim=$2 spec=$3 prefix=$4 bin=$5
  shift 5
  dir=$(cd "$dir" && pwd) || return 1
  unshare -m -n --propagation private bash -c '
    dir=$1 shim=$2 spec=$3 prefix=$4 bin=$5
    shift 5
    mount --bind "$dir/proc" /proc || exit 99
    cd /
    env -i LC_ALL=C PATH=/usr/sbin:/usr/bin:/sbin:/bin NETSTAT_IOCTL_IFACES=1 IFSHIM_SPEC="$spec" LD_PRELOAD="$shim" \
      /bin/bash -c '"'"'exec -a netstat "$@"'"'"' bash "$bin" "$@" >"$prefix.out" 2>"$prefix.err"
    echo $? >"$prefix.rc"
  ' iface "$dir" "$shim" "$spec" "$prefix" "$bin" "$@"
}

# iface_for_each_case SRC_DIR CALLBACK: calls CALLBACK CASE_DIR SLUG ARGS for
# every line of testdata/interfaces/*/cases.tsv.
iface_for_each_case() {
  local src=$1 cb=$2 dir slug args
  for dir in "$src"/testdata/interfaces/*/; do
    [ -f "$dir/cases.tsv" ] || continue
    while IFS=$'\t' read -r slug args || [ -n "$slug" ]; do
      case $slug in ''|'#'*) continue ;; esac
      "$cb" "${dir%/}" "$slug" "$args"
    done < "$dir/cases.tsv"
  done
}
