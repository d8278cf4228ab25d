# Helpers for asking /usr/bin/netstat (net-tools 2.10, the oracle) about a
# fixture tree: the tree's proc/ is bound over /proc and its etc files over
# /etc in a private mount namespace, with an empty network namespace so that
# nothing resolves through DNS. Source this file; needs root and unshare.

ORACLE_NETSTAT=${ORACLE_NETSTAT:-/usr/bin/netstat}
ORACLE_ETC_FILES="services protocols hosts networks passwd group nsswitch.conf host.conf"

# oracle_available: 0 if the oracle can run here, else prints why and returns 1.
oracle_available() {
  if [ "$(id -u)" != 0 ]; then echo "oracle needs root (mount namespaces)"; return 1; fi
  if ! command -v unshare >/dev/null 2>&1; then echo "oracle needs unshare (util-linux)"; return 1; fi
  if [ ! -x "$ORACLE_NETSTAT" ]; then echo "oracle needs $ORACLE_NETSTAT (apt-get install net-tools)"; return 1; fi
  if ! unshare -m -n true 2>/dev/null; then echo "oracle: unshare -m -n is not permitted here"; return 1; fi
  return 0
}

# oracle_run_cases TREE OUTDIR CASES: runs the oracle on TREE once per line
# "SLUG<TAB>ARGS" of the file CASES (ARGS split at blanks), writing
# OUTDIR/SLUG.out, .err and .rc (exit status and newline). All cases share
# one private mount + network namespace: setting one up costs far more than
# a netstat run, so a tree's cases are asked together. ORACLE_LOCALE_ENV
# ("NAME=VALUE ...", default "LC_ALL=C") is the oracle's locale environment.
oracle_run_cases() {
  local tree=$1 outdir=$2 cases=$3
  tree=$(cd "$tree" && pwd) || return 1
  outdir=$(cd "$outdir" && pwd) || return 1
  cases=$(cd "$(dirname "$cases")" && pwd)/$(basename "$cases")
  local nss
  nss=$(mktemp)
  printf 'passwd: files\ngroup: files\nhosts: files\nnetworks: files\nservices: files\nprotocols: files\n' > "$nss"
  # The inner script binds TREE's files (or an empty file where TREE has none,
  # so the host's own /etc never leaks into a golden) and runs netstat with
  # argv[0] "netstat", as a user typing it would.
  unshare -m -n --propagation private bash -c '
    tree=$1 nss=$2 outdir=$3 cases=$4 netstat=$5 files=$6 locale_env=$7
    # git keeps no empty directories: a tree without proc/ means an empty one.
    if [ -d "$tree/proc" ]; then mount --bind "$tree/proc" /proc || exit 99
    else mount -t tmpfs -o size=1m none /proc || exit 99; fi
    for f in $files; do
      [ -e "/etc/$f" ] || continue
      if [ -e "$tree/etc/$f" ]; then
        mount --bind "$tree/etc/$f" "/etc/$f"
      elif [ "$f" = nsswitch.conf ]; then
        mount --bind "$nss" /etc/nsswitch.conf
      else
        mount --bind /dev/null "/etc/$f"
      fi
    done
    [ -e /etc/resolv.conf ] && mount --bind /dev/null /etc/resolv.conf
    cd /
    set -f
    while IFS=$'"'"'\t'"'"' read -r slug args || [ -n "$slug" ]; do
      [ -n "$slug" ] || continue
      # shellcheck disable=SC2086  # args are blank-separated by design
      env -i $locale_env PATH=/usr/sbin:/usr/bin:/sbin:/bin /bin/bash -c '"'"'exec -a netstat "$@"'"'"' bash "$netstat" $args \
        >"$outdir/$slug.out" 2>"$outdir/$slug.err" </dev/null
      echo $? >"$outdir/$slug.rc"
    done <"$cases"
  ' oracle "$tree" "$nss" "$outdir" "$cases" "$ORACLE_NETSTAT" "$ORACLE_ETC_FILES" \
    "${ORACLE_LOCALE_ENV:-LC_ALL=C}"
  local status=$?
  rm -f "$nss"
  return $status
}

# oracle_run TREE PREFIX ARGS...: runs the oracle on TREE with ARGS and writes
# PREFIX.out, PREFIX.err and PREFIX.rc (exit status and newline).
oracle_run() {
  local tree=$1 prefix=$2
  shift 2
  local dir status ext
  dir=$(mktemp -d)
  printf 'case\t%s\n' "$*" >"$dir/cases"
  mkdir "$dir/out"
  oracle_run_cases "$tree" "$dir/out" "$dir/cases"
  status=$?
  for ext in out err rc; do
    [ -e "$dir/out/case.$ext" ] && mv "$dir/out/case.$ext" "$prefix.$ext"
  done
  rm -rf "$dir"
  return $status
}

# for_each_case SOURCE_DIR SHARED_DIR CALLBACK: calls CALLBACK CASE TREE SLUG ARGS
# for every line of testdata/hosts/*/cases.tsv and testdata/shared-cases/*.tsv.
for_each_case() {
  local src=$1 shared=$2 cb=$3 dir name tsv tree slug args
  for dir in "$src"/testdata/hosts/*/; do
    [ -f "$dir/cases.tsv" ] || continue
    name=$(basename "$dir")
    while IFS=$'\t' read -r slug args || [ -n "$slug" ]; do
      case $slug in ''|'#'*) continue ;; esac
      "$cb" "$name" "$dir" "$slug" "$args"
    done < "$dir/cases.tsv"
  done
  for tsv in "$src"/testdata/shared-cases/*.tsv; do
    [ -f "$tsv" ] || continue
    name=$(basename "$tsv" .tsv)
    tree=$shared/fixtures/$name
    [ -d "$tree" ] || continue
    while IFS=$'\t' read -r slug args || [ -n "$slug" ]; do
      case $slug in ''|'#'*) continue ;; esac
      "$cb" "shared--$name" "$tree" "$slug" "$args"
    done < "$tsv"
  done
}
