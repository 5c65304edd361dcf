#!/bin/bash
# test-completion.sh: the bash completion loads, completes every option of
# `extopo --help-all`, the --view values, and files by their extension.
#
# Usage: test-completion.sh EXTOPO COMPLETION-FILE
# TAP output. The completion is driven the way bash drives it: COMP_WORDS split
# at COMP_WORDBREAKS, COMP_CWORD, COMP_LINE and COMP_POINT, then the function
# `complete -p extopo` names.
#
# Copyright 2026 The ExTopo developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

extopo=$1
completion=$2
source "$(dirname "${BASH_SOURCE[0]}")/tap.sh"

main_script=""
for dir in "$(pkg-config --variable=completionsdir bash-completion 2>/dev/null)/.." \
           /usr/share/bash-completion; do
  if [ -f "$dir/bash_completion" ]; then
    main_script=$dir/bash_completion
    break
  fi
done
[ -n "$main_script" ]
ok $? "bash-completion is installed"
[ -n "$main_script" ] || finish

# bash-completion behaves as in an interactive shell only with these set.
set -o emacs 2>/dev/null
shopt -s extglob progcomp
source "$main_script"
source "$completion"

spec=$(complete -p extopo 2>/dev/null)
[[ $spec == "complete -F "*" extopo" ]]
ok $? "complete -p extopo shows a completion function ($spec)"
function=$(awk '{ print $3 }' <<<"$spec")

# Outside a real completion compopt fails; remember what it was asked instead.
compopt_args=""
compopt () { compopt_args+="$* "; }

# complete LINE: runs the completion for LINE (the cursor at its end) and
# leaves the candidates in COMPREPLY.
complete_line ()
{
  local line=$1 word="" c i
  COMP_WORDS=()
  for ((i = 0; i < ${#line}; i++)); do
    c=${line:i:1}
    if [[ $c == " " ]]; then
      [ -n "$word" ] && COMP_WORDS+=("$word")
      word=""
    elif [[ $COMP_WORDBREAKS == *"$c"* ]]; then
      # A run of break characters is a word of its own.
      if [ -n "$word" ] && [[ $COMP_WORDBREAKS != *"${word: -1}"* ]]; then
        COMP_WORDS+=("$word")
        word=""
      fi
      word+=$c
    else
      if [ -n "$word" ] && [[ $COMP_WORDBREAKS == *"${word: -1}"* ]]; then
        COMP_WORDS+=("$word")
        word=""
      fi
      word+=$c
    fi
  done
  COMP_WORDS+=("$word")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMP_LINE=$line
  COMP_POINT=${#line}
  COMPREPLY=()
  compopt_args=""
  "$function" extopo "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
}

# expect LINE CANDIDATE...: the completion of LINE is exactly these candidates.
expect ()
{
  local line=$1
  shift
  complete_line "$line"
  local got want
  got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')
  want=$(printf '%s\n' "$@" | sort | tr '\n' ' ')
  [ "$got" = "$want" ]
  ok $? "'$line' completes to '$want' (got '$got')"
}

help=$(LC_ALL=C.UTF-8 "$extopo" --help-all)
options=$(grep -oE '^ +(-[a-zA-Z], )?--[a-z][a-z0-9-]*=?' <<<"$help" | grep -oE -- '--[a-z0-9-]+=?' | sort -u)
[ "$(wc -w <<<"$options")" -ge 10 ]
ok $? "--help-all lists options"

# Every option completes from its full name; one that takes a value completes
# with its "=" and without a space after it.
for option in $options; do
  complete_line "extopo ${option%=}"
  found=1
  for candidate in "${COMPREPLY[@]}"; do
    [ "$candidate" = "$option" ] && found=0
  done
  ok $found "extopo ${option%=}<TAB> offers $option"
done

complete_line "extopo --"
[ "${#COMPREPLY[@]}" -ge "$(wc -w <<<"$options")" ]
ok $? "'extopo --' offers every option (${#COMPREPLY[@]})"

complete_line "extopo --exp"
[[ ${COMPREPLY[*]} == "--export=" && $compopt_args == *"-o nospace"* ]]
ok $? "--export= is completed without a trailing space"

expect "extopo --view=" routing admin
expect "extopo --view=r" routing
expect "extopo --view a" admin
expect "extopo --sasl-mech=G" GSSAPI

# Files by extension, in a scratch directory.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd "$scratch" || exit 1
mkdir dir
touch org.ldif org.LDIF notes.txt out.svg out.pdf out.png out.dot out.json out.csv out.jpg \
      ca.pem key.txt

expect "extopo " org.ldif org.LDIF dir
expect "extopo --view=admin o" org.ldif org.LDIF
expect "extopo --export=" out.svg out.pdf out.png out.dot out.json out.csv dir
expect "extopo --export out." out.svg out.pdf out.png out.dot out.json out.csv
expect "extopo ldap://dc1 --snapshot=" org.ldif org.LDIF dir
expect "extopo ldap://dc1 --ca-file=" ca.pem dir
expect "extopo ldap://dc1 --password-file=k" key.txt
expect "extopo --title=" 
expect "extopo --page-size " 

# A domain controller's URI; bash splits the word at ':' and the completion
# answers for the part after it.
expect "extopo lda" ldap:// ldaps://
expect "extopo ldaps:" //

finish
