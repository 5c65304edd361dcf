#!/bin/bash
# test-metainfo.sh: the AppStream metadata validates with appstreamcli, its
# screenshots exist in the tree under the URLs it names, and its newest
# release is the project's version, as is the Debian changelog's.
#
# Usage: test-metainfo.sh SOURCE_ROOT METAINFO PROJECT_VERSION
# TAP output.
#
# Copyright 2026 The ExTopo developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

srcdir=$1
metainfo=$2
project_version=$3
source "$(dirname "${BASH_SOURCE[0]}")/tap.sh"

if command -v appstreamcli >/dev/null; then
  output=$(appstreamcli validate --no-net "$metainfo" 2>&1)
  ok $? "appstreamcli validate --no-net: ${output//$'\n'/ }"
else
  ok 0 "# SKIP appstreamcli is not installed"
fi

# Each screenshot URL is the homepage's raw file on main: the file must exist.
homepage=$(grep -oP '<url type="homepage">https://github.com/\K[^<]+' "$metainfo")
[ -n "$homepage" ]
ok $? "the metadata names a GitHub homepage ($homepage)"
screenshots=$(grep -oP '<image>\K[^<]+' "$metainfo")
[ -n "$screenshots" ]
ok $? "the metadata has screenshots"
for url in $screenshots; do
  path=${url#https://raw.githubusercontent.com/$homepage/main/}
  [ "$path" != "$url" ] && [ -f "$srcdir/$path" ]
  ok $? "screenshot $url is $path in the tree"
done
captions=$(grep -c '<caption>' "$metainfo")
[ "$captions" -eq "$(wc -w <<<"$screenshots")" ]
ok $? "every screenshot has a caption"

newest=$(grep -oP '<release version="\K[^"]+' "$metainfo" | head -n 1)
[ "$newest" = "$project_version" ]
ok $? "the newest release ($newest) is the project version ($project_version)"

first_commit_date=$(git -C "$srcdir" log --reverse --format=%ad --date=short 2>/dev/null | head -n 1)
oldest=$(grep -oP '<release version="0.1.0" date="\K[^"]+' "$metainfo")
if [ -n "$first_commit_date" ]; then
  [ "$oldest" = "$first_commit_date" ]
  ok $? "0.1.0 is dated with the first commit ($oldest, $first_commit_date)"
fi

if [ -f "$srcdir/debian/changelog" ]; then
  debian=$(sed -n '1s/^[^ ]* (\([^)-]*\)-[^)]*).*/\1/p' "$srcdir/debian/changelog")
  [ "$debian" = "$project_version" ]
  ok $? "debian/changelog's upstream version ($debian) is the project version"
fi

finish
