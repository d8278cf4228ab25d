# bash completion for netstat-replay (installed as
# /usr/share/bash-completion/completions/netstat-replay, loaded on first use).
# Also completes `netstat` when that name runs this program (the PATH link
# /usr/lib/netstat-replay/bin/netstat): `complete -F _netstat_replay netstat`.
# Needs no bash-completion helpers. tests/oracle/install_layout.sh checks
# that every command and every option of each command's --help is offered.

_netstat_replay_commands="capture verify diff redact export info help version"

# net-tools 2.10's options (netstat -h), then ours.
_netstat_replay_compat="-r --route -i --interfaces -g --groups -s --statistics
  -M --masquerade -v --verbose -W --wide -n --numeric --numeric-hosts
  --numeric-ports --numeric-users -N --symbolic -e --extend -p --programs
  -o --timers -c --continuous -l --listening -a --all -F --fib -C --cache
  -Z --context -t --tcp -u --udp -U --udplite -S --sctp -w --raw -x --unix
  -A --protocol -4 -6 --inet --inet6 --ax25 --x25 --ipx --netrom --rose
  --appletalk --ddp --bluetooth --ip --tcpip -V --version -h --help"
_netstat_replay_own="--root= --netns= --frame= --json --json-lines --safe-strings --raw-strings --proc --netlink
  --archive-max-entry-size= --archive-max-total-size= --archive-max-entries="
_netstat_replay_families="inet inet6 unix ipx ax25 netrom rose x25 ddp
  appletalk ip ip6 tcpip econet ash bluetooth"

_netstat_replay_capture="-o --output --full-cmdline -f --force --root --count
  --interval --all-netns --netns -h --help"
_netstat_replay_verify="--safe-strings -h --help"
_netstat_replay_diff="--netns -t --tcp -u --udp -U --udplite -w --raw -S --sctp
  -x --unix -4 -6 -A --protocol -a --all -l --listening -r --route
  -i --interfaces -g --groups -s --statistics -n --numeric --numeric-hosts
  --numeric-ports --numeric-users -N --symbolic -W --wide -e --extend
  -p --programs -o --timers -C --cache -F --fib --json --json-lines
  --safe-strings --raw-strings --color --colour -h --help"
_netstat_replay_export="-o --output --from -j --jobs -n --numeric -q --quiet
  -h --help"
_netstat_replay_redact="-o --output --key-file --map --keep-oui --rename-interfaces --keep-range
  --keep-prefix --no-default-ranges --full-cmdline -f --force --safe-strings
  -h --help"
_netstat_replay_info="--json -h --help"
_netstat_replay_help="-h --help"
_netstat_replay_version="-h --help"
# Options every command takes (src/options.cc: taken out before dispatch).
_netstat_replay_caps="--archive-max-entry-size= --archive-max-total-size=
  --archive-max-entries="

# Snapshots: directories and files that look like archives (the format is
# detected from the content, so other files are offered when nothing else
# matches).
_netstat_replay_snapshots() {
  local cur=$1 f
  local -a all=() keep=()
  mapfile -t all < <(compgen -f -- "$cur")
  for f in "${all[@]}"; do
    if [[ -d $f ]]; then
      keep+=("$f")
    else
      case $f in
        *.tar | *.tar.* | *.tgz | *.txz | *.tbz2 | *.tzst | *.zst) keep+=("$f") ;;
      esac
    fi
  done
  [[ ${#keep[@]} -eq 0 ]] && keep=("${all[@]}")
  COMPREPLY=("${keep[@]}")
  # Quoting, and a / instead of a space after a directory.
  compopt -o filenames 2>/dev/null
  return 0
}

_netstat_replay_words() {  # WORDS CUR: COMPREPLY = WORDS matching CUR
  local w
  COMPREPLY=()
  for w in $1; do
    [[ $w == "$2"* ]] && COMPREPLY+=("$w")
  done
  # Options ending in = take their value in the same word.
  if [[ ${#COMPREPLY[@]} -eq 1 && ${COMPREPLY[0]} == *= ]]; then
    compopt -o nospace 2>/dev/null
  fi
}

_netstat_replay() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  local prev=${COMP_WORDS[COMP_CWORD - 1]}
  local cmd="" i
  # bash splits --root=x into --root = x: rejoin what the cursor is in.
  if [[ $cur == = ]]; then
    prev=${COMP_WORDS[COMP_CWORD - 1]}=; cur=""
  elif [[ $prev == = ]]; then
    prev=${COMP_WORDS[COMP_CWORD - 2]}=
  fi
  [[ $COMP_CWORD -ge 2 ]] && cmd=${COMP_WORDS[1]}
  case " $_netstat_replay_commands " in
    *" $cmd "*) ;;
    *) cmd="" ;;
  esac

  # Option values.
  case $prev in
    --root= | --root)
      _netstat_replay_snapshots "$cur"; return 0 ;;
    -A | --protocol)
      _netstat_replay_words "$_netstat_replay_families" "${cur##*,}"
      local head=""
      [[ $cur == *,* ]] && head=${cur%,*},
      COMPREPLY=("${COMPREPLY[@]/#/$head}")
      return 0 ;;
    --archive-max-* | --netns | --netns= | --frame | --frame= | --count | --interval)
      COMPREPLY=(); return 0 ;;
  esac
  case $cmd in
    capture)
      case $prev in
        -o | --output | --output=)
          mapfile -t COMPREPLY < <(compgen -f -- "$cur")
          compopt -o filenames 2>/dev/null; return 0 ;;
      esac ;;
    export)
      case $prev in
        -o | --output | --output=)
          mapfile -t COMPREPLY < <(compgen -d -- "$cur")
          [[ -z $cur ]] && COMPREPLY+=(-)
          compopt -o filenames 2>/dev/null; return 0 ;;
        --from | --from=)
          mapfile -t COMPREPLY < <(compgen -f -- "$cur")
          [[ -z $cur ]] && COMPREPLY+=(-)
          compopt -o filenames 2>/dev/null; return 0 ;;
        -j | --jobs | --jobs=) COMPREPLY=(); return 0 ;;
      esac ;;
    redact)
      case $prev in
        -o | --output | --output= | --key-file | --key-file= | --map | --map=)
          mapfile -t COMPREPLY < <(compgen -f -- "$cur")
          compopt -o filenames 2>/dev/null; return 0 ;;
        --keep-range | --keep-prefix) COMPREPLY=(); return 0 ;;
      esac ;;
    diff)
      case $prev in
        --color | --colour | --color= | --colour=) _netstat_replay_words "auto always never" "$cur"; return 0 ;;
      esac ;;
  esac

  if [[ -z $cmd ]]; then
    if [[ $COMP_CWORD -eq 1 && $cur != -* ]]; then
      _netstat_replay_words "$_netstat_replay_commands" "$cur"
    else
      _netstat_replay_words "$_netstat_replay_compat $_netstat_replay_own" "$cur"
    fi
    return 0
  fi
  if [[ $cur == -* ]]; then
    local var=_netstat_replay_$cmd
    _netstat_replay_words "${!var} $_netstat_replay_caps" "$cur"
    return 0
  fi
  case $cmd in
    help)
      [[ $COMP_CWORD -eq 2 ]] && _netstat_replay_words "$_netstat_replay_commands" "$cur" ;;
    verify | diff | export | redact | info)
      _netstat_replay_snapshots "$cur" ;;
    *)
      COMPREPLY=() ;;
  esac
  return 0
}

complete -F _netstat_replay netstat-replay
