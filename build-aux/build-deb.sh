#!/bin/bash
# build-deb.sh: builds the extopo Debian package with dpkg-buildpackage and
# checks it with lintian.
#
#   build-aux/build-deb.sh [--dist] [OUTDIR]
#
# The source is copied to a scratch directory and built there, so the tree
# stays clean; the .deb, .buildinfo and .changes land in OUTDIR (default:
# _build-deb) and the scratch directory is removed. With --dist the source is
# the tarball `meson dist` makes of the committed tree (HEAD), which proves the
# release tarball builds and passes the tests dh_auto_test runs.
#
# DEB_BUILD_OPTIONS is passed through (default: parallel=<cores>); add nocheck
# to skip the unit and data suites during the build. Exits non-zero when the
# build fails or lintian reports an error; lintian's output is printed.
#
# Copyright 2026 The ExTopo developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

srcdir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

from_dist=0
if [ "${1:-}" = "--dist" ]; then
  from_dist=1
  shift
fi
outdir=${1:-$srcdir/_build-deb}
mkdir -p "$outdir"
outdir=$(cd "$outdir" && pwd)

export DEB_BUILD_OPTIONS=${DEB_BUILD_OPTIONS:-parallel=$(nproc 2>/dev/null || echo 2)}

scratch=$(mktemp -d "${TMPDIR:-/tmp}/extopo-deb.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

version=$(dpkg-parsechangelog -l "$srcdir/debian/changelog" -S Version)
upstream=${version%-*}
tree=$scratch/extopo-$upstream

if [ "$from_dist" -eq 1 ]; then
  # meson dist wants a configured build directory; a scratch one will do.
  echo "build-deb: meson dist of $(git -C "$srcdir" rev-parse --short HEAD)" >&2
  meson setup "$scratch/dist-build" "$srcdir" >/dev/null
  meson dist -C "$scratch/dist-build" --no-tests --formats xztar >&2
  tarball=$(ls "$scratch"/dist-build/meson-dist/extopo-*.tar.xz)
  mkdir "$tree"
  tar -xf "$tarball" -C "$tree" --strip-components=1
  # The orig tarball a 3.0 (quilt) source package would be made from.
  cp "$tarball" "$outdir/extopo_$upstream.orig.tar.xz"
elif git -C "$srcdir" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  # Tracked files and new ones not ignored, as they are in the work tree.
  mkdir "$tree"
  (cd "$srcdir" && git ls-files -z --cached --others --exclude-standard \
     | xargs -0 -r sh -c 'for f; do [ -e "$f" ] && printf "%s\0" "$f"; done' sh \
     | tar --null -T - -cf -) | tar -xf - -C "$tree"
else
  mkdir "$tree"
  tar -C "$srcdir" --exclude='./_build*' --exclude='./obj-*' --exclude=./debian/extopo \
    --exclude=./debian/.debhelper -cf - . | tar -xf - -C "$tree"
fi

echo "build-deb: dpkg-buildpackage in $tree (DEB_BUILD_OPTIONS=$DEB_BUILD_OPTIONS)" >&2
(cd "$tree" && dpkg-buildpackage -us -uc -b) >"$scratch/build.log" 2>&1 || {
  tail -n 60 "$scratch/build.log" >&2
  echo "build-deb: dpkg-buildpackage failed" >&2
  exit 1
}
grep -E '^(Ok|Fail|Skipped|Expected Fail|Unexpected Pass|Timeout):' "$scratch/build.log" >&2 || true

changes=$(ls "$scratch"/extopo_*.changes)
for file in "$scratch"/*.deb "$scratch"/*.buildinfo "$changes"; do
  mv "$file" "$outdir/"
done
changes=$outdir/$(basename "$changes")

status=0
if command -v lintian >/dev/null; then
  echo "build-deb: lintian $(basename "$changes")" >&2
  lintian --fail-on error --info --display-info "$changes" || status=$?
else
  echo "build-deb: lintian is not installed; the package is not checked" >&2
fi

ls "$outdir"/extopo_"$version"_*.deb
exit "$status"
