#!/bin/bash
# check-potfiles.sh: fails when a source with translatable strings is missing
# from po/POTFILES, or when POTFILES names a file that does not exist.
#
# Usage: build-aux/check-potfiles.sh [SOURCE_ROOT]
#
# Copyright 2026 The ExTopo developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -uo pipefail

cd "${1:-$(dirname "${BASH_SOURCE[0]}")/..}" || exit 1

potfiles=po/POTFILES
listed=$(sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$potfiles" | sort -u)

status=0

# Sources that call _( or N_( or ngettext, and templates with translatable properties.
candidates=$(
  {
    grep -l -E '(^|[^A-Za-z0-9_])(N?_|C_|NC_|g_dngettext|ngettext)[[:space:]]*\(' app/*.c 2>/dev/null
    find resources -name '*.ui' -print0 2>/dev/null | xargs -0 -r grep -l 'translatable="yes"'
    ls data/*.desktop.in data/*.metainfo.xml.in data/*.gschema.xml 2>/dev/null
  } | sort -u
)

for file in $candidates; do
  if ! grep -qxF "$file" <<<"$listed"; then
    echo "$potfiles: $file has translatable strings but is not listed" >&2
    status=1
  fi
done

for file in $listed; do
  if [ ! -e "$file" ]; then
    echo "$potfiles: lists $file, which does not exist" >&2
    status=1
  fi
done

if [ "$status" -eq 0 ]; then
  echo "$potfiles lists every file with translatable strings ($(wc -w <<<"$listed") files)"
fi
exit "$status"
