#!/bin/bash
# check-format.sh: checks that the C sources are laid out as
# build-aux/uncrustify.cfg describes (GNU/GTK, STYLE.md), with the parameters
# of definitions lined up by build-aux/lineup-parameters.py. Prints a diff and
# exits 1 when a file is not; exits 0 when every file is.
#
#   build-aux/check-format.sh [FILE.c...]      check these (default: the tree)
#   build-aux/check-format.sh --fix [FILE.c...]   rewrite them in place
#
# Headers are not checked: their prototypes are aligned in columns across
# declarations, which no formatter describes.
#
# Copyright 2026 The ExTopo developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -uo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 1
config=build-aux/uncrustify.cfg

fix=0
if [ "${1:-}" = "--fix" ]; then
  fix=1
  shift
fi

if ! command -v uncrustify >/dev/null || ! command -v python3 >/dev/null; then
  echo "check-format: uncrustify or python3 is not installed (build-aux/install-deps.sh installs it)" >&2
  exit 2
fi

if [ $# -gt 0 ]; then
  files=("$@")
else
  mapfile -t files < <(git ls-files -- 'app/*.c' 'tests/*.c' 'bench/*.c' 2>/dev/null \
                       || find app tests bench -name '*.c' | sort)
fi

status=0
changed=0
for file in "${files[@]}"; do
  formatted=$(uncrustify -q -c "$config" -f "$file" | build-aux/lineup-parameters.py) || {
    echo "check-format: uncrustify failed on $file" >&2
    status=1
    continue
  }
  if [ "$fix" -eq 1 ]; then
    printf '%s\n' "$formatted" | cmp -s - "$file" || printf '%s\n' "$formatted" >"$file"
    continue
  fi
  if ! diff_output=$(diff -u --label "$file" --label "$file (formatted)" "$file" \
                       <(printf '%s\n' "$formatted")); then
    printf '%s\n' "$diff_output"
    changed=$((changed + $(grep -c '^[-+][^-+]' <<<"$diff_output")))
    status=1
  fi
done

if [ "$fix" -eq 0 ]; then
  if [ "$status" -eq 0 ]; then
    echo "check-format: ${#files[@]} files formatted as $config describes"
  else
    echo "check-format: formatting would change $changed lines (build-aux/check-format.sh --fix)" >&2
  fi
fi
exit "$status"
