#!/usr/bin/env bash
# `cmake --install` of the build directory into a temporary prefix, used as
# a new user would: the program under its installed name, the PATH-prefix
# `netstat` link (must behave as /usr/bin/netstat where compatible), every
# manual rendered by man(1) with --warnings (no warning, one page per command
# of `netstat help`), and the completion scripts: bash driven through its
# completion function (every command, every option of each command's
# --help, snapshot files for --root), zsh parsed, checked for the same
# names and driven through compsys (compinit, TAB on a pseudo-terminal).
# Skips (77) only when cmake or man are missing.
set -uo pipefail
src=${NETSTAT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${NETSTAT_BIN:-$src/build/netstat}

skip() { echo "SKIP: install_layout: $*"; exit 77; }
command -v cmake >/dev/null 2>&1 || skip "needs cmake"
command -v man >/dev/null 2>&1 || skip "needs man (apt-get install man-db)"
[ -x "$bin" ] || { echo "FAIL: $bin is missing"; exit 1; }
build=$(cd "$(dirname "$bin")" && pwd)
[ -f "$build/cmake_install.cmake" ] || { echo "FAIL: $build is not a CMake build directory"; exit 1; }
export LC_ALL=C

tmp=$(mktemp -d /tmp/install-layout.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
ok() { echo "ok   $*"; }

p=$tmp/prefix
if ! cmake --install "$build" --prefix "$p" >"$tmp/install.log" 2>&1; then
  cat "$tmp/install.log"; echo "FAIL: cmake --install"; exit 1
fi
prog=$p/bin/netstat-replay

# The program and the drop-in link.
[ -x "$prog" ] && ok "bin/netstat-replay installed" || fail "no executable $prog"
[ -e "$p/bin/netstat" ] && fail "bin/netstat installed: it would collide with net-tools' /usr/bin/netstat"
link=$p/lib/netstat-replay/bin/netstat
if [ -L "$link" ] && [ "$(readlink "$link")" = ../../../bin/netstat-replay ] &&
   [ "$(readlink -f "$link")" = "$(readlink -f "$prog")" ]; then
  ok "lib/netstat-replay/bin/netstat -> ../../../bin/netstat-replay"
else
  fail "drop-in link: $(ls -l "$link" 2>&1)"
fi
"$prog" version >"$tmp/version.out" 2>&1 &&
  grep -q '^netstat-replay [0-9.]* (net-tools 2.10 compatible)$' "$tmp/version.out" &&
  ok "netstat-replay version: $(head -1 "$tmp/version.out")" ||
  fail "netstat-replay version: $(cat "$tmp/version.out")"
if [ -x /usr/bin/netstat ]; then
  # By PATH, as documented: the same -V, and the same usage error (glibc
  # names the program by argv[0], which is "netstat" through the link).
  for args in "-V" "--bogus"; do
    # shellcheck disable=SC2086
    PATH=$p/lib/netstat-replay/bin:$PATH netstat $args >"$tmp/got" 2>&1; g=$?
    # shellcheck disable=SC2086
    (exec -a netstat /usr/bin/netstat $args) >"$tmp/want" 2>&1; w=$?
    if [ "$g" = "$w" ] && cmp -s "$tmp/want" "$tmp/got"; then
      ok "PATH=.../lib/netstat-replay/bin netstat $args is /usr/bin/netstat's"
    else
      fail "PATH-prefix netstat $args: exit $g (want $w)"; diff "$tmp/want" "$tmp/got" | head -5
    fi
  done
fi

# The commands, from `netstat help` (the table in src/cli/commands.cc).
mapfile -t commands < <("$prog" help | sed -n '/^Commands:/,/^$/s/^  \([a-z]*\) .*/\1/p')
[ "${#commands[@]}" -ge 5 ] && ok "commands: ${commands[*]}" ||
  fail "cannot read the commands from netstat-replay help"

# Manuals: one per command (help and version are in netstat-replay(1)),
# each rendered without a warning and naming the installed version.
version=$(sed -n 's/^netstat-replay \([0-9.]*\) .*/\1/p' "$tmp/version.out")
pages=(netstat-replay)
for c in "${commands[@]}"; do
  case $c in help | version) ;; *) pages+=("netstat-$c") ;; esac
done
for page in "${pages[@]}"; do
  f=$p/share/man/man1/$page.1.gz
  if [ ! -f "$f" ]; then fail "no manual $page(1) ($f)"; continue; fi
  MANWIDTH=80 man --warnings -l "$f" >"$tmp/page.txt" 2>"$tmp/page.err"
  rc=$?
  if [ "$rc" = 0 ] && [ ! -s "$tmp/page.err" ] && grep -q "^NAME" "$tmp/page.txt" &&
     grep -q "netstat-replay $version" "$tmp/page.txt"; then
    ok "man $page: $(wc -l <"$tmp/page.txt") lines, no warnings"
  else
    fail "man $page: exit $rc, warnings: $(head -5 "$tmp/page.err")"
  fi
  # By name through the prefix's man path, as `man netstat-capture` would.
  MANPATH=$p/share/man man -w "$page" >/dev/null 2>&1 || fail "man -w $page: not found under $p/share/man"
done
for c in "${commands[@]}"; do
  grep -q "^\.B $c\$\|^\.BR $c " "$src/man/netstat-replay.1" ||
    fail "netstat-replay(1) does not list the command $c"
done

# bash: drive the completion function as readline would.
bc=$p/share/bash-completion/completions/netstat-replay
[ -f "$bc" ] || fail "no bash completion at $bc"
complete_words() {  # WORD...: the words; the last one is the one completed
  bash -c '
    source "$1"; shift
    COMP_WORDS=("$@"); COMP_CWORD=$(( $# - 1 )); COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
    _netstat_replay netstat-replay "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
    printf "%s\n" "${COMPREPLY[@]}"
  ' bash "$bc" "$@" 2>"$tmp/bash.err"
}
has_all() {  # WHAT FILE WORD...: every WORD is a line of FILE
  local what=$1 file=$2 missing=() w; shift 2
  for w in "$@"; do grep -qxF -- "$w" "$file" || missing+=("$w"); done
  [ "${#missing[@]}" = 0 ] && ok "$what" || fail "$what: missing ${missing[*]} (offered: $(tr '\n' ' ' <"$file" | head -c 300))"
}
# Option names in CLI11's --help ("  -o,--output TEXT ...").
help_options() {
  "$prog" "$1" --help | sed -n 's/^  \(-[^ ]*\).*/\1/p' | tr ',' '\n' | sed 's/[= ].*//'
}
complete_words netstat-replay "" >"$tmp/c"
has_all "bash: netstat-replay <TAB> offers every command" "$tmp/c" "${commands[@]}"
complete_words netstat-replay cap >"$tmp/c"
has_all "bash: netstat-replay cap<TAB> -> capture" "$tmp/c" capture
for c in "${commands[@]}"; do
  complete_words netstat-replay "$c" - >"$tmp/c"
  mapfile -t want < <(help_options "$c")
  has_all "bash: netstat-replay $c -<TAB> offers its ${#want[@]} options" "$tmp/c" "${want[@]}"
done
complete_words netstat-replay help "" >"$tmp/c"
has_all "bash: netstat-replay help <TAB> offers every command" "$tmp/c" "${commands[@]}"
complete_words netstat-replay -t --js >"$tmp/c"
has_all "bash: --js<TAB> -> --json, --json-lines" "$tmp/c" --json --json-lines
complete_words netstat-replay -A in >"$tmp/c"
has_all "bash: -A in<TAB> -> inet, inet6" "$tmp/c" inet inet6
complete_words netstat-replay -A inet,un >"$tmp/c"
has_all "bash: -A inet,un<TAB> -> inet,unix" "$tmp/c" inet,unix
# Snapshots: archives and directories, not other files.
mkdir -p "$tmp/snaps/tree.d"
: >"$tmp/snaps/a.tar.zst"; : >"$tmp/snaps/b.tar.gz"; : >"$tmp/snaps/notes.txt"
for words in "--root = $tmp/snaps/" "verify $tmp/snaps/" "diff $tmp/snaps/a.tar.zst $tmp/snaps/"; do
  # shellcheck disable=SC2086
  complete_words netstat-replay $words >"$tmp/c"
  has_all "bash: netstat-replay $words<TAB> offers bundles and directories" "$tmp/c" \
    "$tmp/snaps/a.tar.zst" "$tmp/snaps/b.tar.gz" "$tmp/snaps/tree.d"
  grep -q notes.txt "$tmp/c" && fail "bash: netstat-replay $words<TAB> offers notes.txt"
done
[ -s "$tmp/bash.err" ] && fail "bash completion wrote to stderr: $(head -3 "$tmp/bash.err")"

# zsh: installed where Debian's zsh looks, parses, names every command and
# every option of each command's --help, and offers them when driven through
# compsys (commands, each command's options, values, snapshot files).
zc=$p/share/zsh/vendor-completions/_netstat-replay
if [ ! -f "$zc" ]; then
  fail "no zsh completion at $zc"
elif ! command -v zsh >/dev/null 2>&1; then
  echo "SKIP (part): zsh is not installed (scripts/setup.sh installs it)"
else
  head -1 "$zc" | grep -qx '#compdef netstat-replay' || fail "zsh: first line is not #compdef netstat-replay"
  zsh -n "$zc" 2>"$tmp/zsh.err" && ok "zsh: $zc parses" || fail "zsh -n: $(cat "$tmp/zsh.err")"
  missing=()
  for c in "${commands[@]}"; do
    grep -q "'$c:\|\"$c:" "$zc" || missing+=("command $c")
    for o in $(help_options "$c"); do
      grep -q -- "$o[[+=,'}]" "$zc" || grep -q -- "{$o," "$zc" || grep -q -- ",$o[=+]*}" "$zc" || missing+=("$c $o")
    done
  done
  [ "${#missing[@]}" = 0 ] && ok "zsh: every command and option named" || fail "zsh: missing ${missing[*]}"
  # Driven through compsys (compinit, TAB on a pseudo-terminal:
  # zsh_complete.zsh) from the installed folder, as a user's zsh loads it.
  zcomplete() {  # LINE: the candidates for LINE<TAB>, one per line
    zsh -f "$src/tests/oracle/zsh_complete.zsh" "$(dirname "$zc")" "$tmp/snaps" "$1" >"$tmp/z" 2>&1
  }
  if ! zcomplete 'netstat-replay '; then
    if [ $? = 3 ]; then echo "SKIP (part): zsh has no zsh/zpty module"; else fail "zsh compsys: $(head -3 "$tmp/z")"; fi
  else
    has_all "zsh compsys: netstat-replay <TAB> offers every command" "$tmp/z" "${commands[@]}"
    zcomplete 'netstat-replay cap'
    has_all "zsh compsys: netstat-replay cap<TAB> -> capture" "$tmp/z" capture
    zcomplete 'netstat-replay help '
    has_all "zsh compsys: netstat-replay help <TAB> offers every command" "$tmp/z" "${commands[@]}"
    for c in "${commands[@]}"; do
      zcomplete "netstat-replay $c -"
      mapfile -t want < <(help_options "$c")
      has_all "zsh compsys: netstat-replay $c -<TAB> offers its ${#want[@]} options" "$tmp/z" "${want[@]}"
    done
    zcomplete 'netstat-replay -t --js'
    has_all "zsh compsys: --js<TAB> -> --json, --json-lines" "$tmp/z" --json --json-lines
    zcomplete 'netstat-replay -A in'
    has_all "zsh compsys: -A in<TAB> -> inet, inet6" "$tmp/z" inet inet6
    zcomplete 'netstat-replay diff --color='
    has_all "zsh compsys: diff --color=<TAB> -> auto, always, never" "$tmp/z" auto always never
    # Snapshots in the working folder: archives and directories only.
    for line in 'netstat-replay --root=' 'netstat-replay verify ' 'netstat-replay diff a.tar.zst ' \
                'netstat-replay capture --root='; do
      zcomplete "$line"
      has_all "zsh compsys: $line<TAB> offers bundles and directories" "$tmp/z" a.tar.zst b.tar.gz tree.d
      grep -q notes.txt "$tmp/z" && fail "zsh compsys: $line<TAB> offers notes.txt"
      grep -qx 'NMATCHES:3' "$tmp/z" || fail "zsh compsys: $line<TAB>: $(grep NMATCHES "$tmp/z"), want 3"
    done
  fi
fi

[ "$failures" = 0 ] || { echo "install_layout: $failures failure(s)"; exit 1; }
echo "install_layout: all checks passed"
