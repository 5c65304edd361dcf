#!/bin/bash
# test-manpage.sh: the manual page documents every long option of
# `extopo --help-all`, and groff formats it without a warning.
#
# Usage: test-manpage.sh EXTOPO MANPAGE
# TAP output, one test per option.
#
# Copyright 2026 The ExTopo developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -uo pipefail

extopo=$1
manpage=$2
source "$(dirname "${BASH_SOURCE[0]}")/tap.sh"

help=$(LC_ALL=C.UTF-8 "$extopo" --help-all)
ok $? "extopo --help-all exits 0"

options=$(grep -oE '^ +(-[a-zA-Z], )?--[a-z][a-z0-9-]*' <<<"$help" | grep -oE -- '--[a-z0-9-]+' | sort -u)
count=$(wc -w <<<"$options")
[ "$count" -ge 10 ]
ok $? "--help-all lists options ($count)"

for option in $options; do
  # In roff a dash is written \- ; an option in the page reads \-\-name.
  roff=$(sed -e 's/-/\\\\-/g' <<<"$option")
  grep -qE -- "${roff}([^a-z0-9\\\\]|\\\\f|\$)" "$manpage"
  ok $? "the manual page documents $option"
done

# groff -ww: every warning; -z: format without output.
warnings=$(LC_ALL=C.UTF-8 groff -man -ww -z -Tutf8 "$manpage" 2>&1)
[ -z "$warnings" ]
ok $? "groff formats the page without warnings${warnings:+: $warnings}"

rendered=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$manpage" 2>/dev/null)
grep -q 'EXIT STATUS' <<<"$rendered" && grep -q 'EXAMPLES' <<<"$rendered" \
  && grep -q 'ENVIRONMENT' <<<"$rendered" && grep -q 'FILES' <<<"$rendered"
ok $? "man renders the page with its exit status, environment, files and examples"

grep -q '@VERSION@' "$manpage"
[ $? -ne 0 ]
ok $? "the version is filled in"

finish
