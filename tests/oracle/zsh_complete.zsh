# Drives zsh's completion system (compsys) as a user at a terminal would:
#   zsh -f zsh_complete.zsh FPATH_DIR WORKDIR 'COMMAND LINE'
# starts an interactive `zsh -f` on a pseudo-terminal (zsh/zpty), runs
# compinit with FPATH_DIR first in $fpath, cds to WORKDIR, types the line
# and TAB, and prints every candidate compsys adds (one per line; compadd is
# wrapped to report them) and then "NMATCHES:N" (compstate[nmatches]).
# Exit 3 without zsh/zpty, 4 when the shell does not answer in 5 s.
# Used by install_layout.sh.
zmodload zsh/zpty || exit 3
fdir=$1 wdir=$2 line=$3
zpty z zsh -f -i
zpty -w z "PS1=''; cd ${(q)wdir}"
zpty -w z "fpath=(${(q)fdir} \$fpath); autoload -U compinit; compinit -u -D"
# The marker words are split in what is typed, so the echo of these lines
# never looks like their output.
zpty -w z 'compadd() { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi; local -a __h; builtin compadd -O __h "$@"; local h; for h in $__h; do print -r -- "CA""ND:$h"; done; builtin compadd "$@"; }'
zpty -w z 'bindkey "^I" complete-word'
zpty -w z 'end-mark() { print; print -r -- "NMA""TCHES:$compstate[nmatches]"; print -r -- "<<EN""D>>"; exit }; comppostfuncs=(end-mark)'
zpty -n -w z "$line"$'\t'
out=
integer waits=0 done=0
while (( waits < 100 )); do  # 100 idle waits of 50 ms
  if zpty -rt z chunk; then
    out+=$chunk
    [[ $out == *'<<END>>'* ]] && { done=1; break }
  else
    (( waits++ ))
    sleep 0.05
  fi
done
zpty -d z
(( done )) || { print -r -- "no answer from zsh for: $line"; exit 4 }
for l in ${(f)out//$'\r'/}; do
  [[ $l == *CAND:* ]] && print -r -- ${l#*CAND:}
  [[ $l == NMATCHES:* ]] && print -r -- $l
done
exit 0
