#!/bin/bash
# test-deb.sh: builds the Debian package from the `meson dist` tarball, checks
# it with lintian, unpacks it into a scratch root with dpkg -x and runs the
# unpacked program there.
#
# Usage: test-deb.sh BUILD-DEB-SCRIPT
# TAP output. The build runs dh_auto_test (the tarball's unit and data suites)
# unless EXTOPO_DEB_BUILD_OPTIONS says nocheck; it compiles everything once,
# with two jobs.
#
# Copyright 2026 The ExTopo developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

build_deb=$1
source "$(dirname "${BASH_SOURCE[0]}")/tap.sh"

for tool in dpkg-buildpackage dh lintian git; do
  if ! command -v "$tool" >/dev/null; then
    echo "1..0 # SKIP $tool is not installed (build-aux/install-deps.sh installs it)"
    exit 0
  fi
done

scratch=$(mktemp -d "${TMPDIR:-/tmp}/extopo-deb-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

export DEB_BUILD_OPTIONS=${EXTOPO_DEB_BUILD_OPTIONS:-parallel=2}
"$build_deb" --dist "$scratch/out" >"$scratch/build.log" 2>&1
status=$?
sed 's/^/# /' "$scratch/build.log"
ok $status "build-deb.sh --dist builds the package and lintian reports no error"
debs=("$scratch"/out/extopo_*.deb)
[ "$status" -eq 0 ] && [ -f "${debs[0]}" ] || finish

[ "$(dpkg-deb -f "${debs[0]}" Package)" = extopo ]
ok $? "the package is extopo"
! grep -q '^E: ' "$scratch/build.log"
ok $? "lintian prints no E: line"
if [[ " $DEB_BUILD_OPTIONS " != *" nocheck "* ]]; then
  # dh_auto_test ran the tarball's unit and data suites: meson's summary says so.
  passed=$(sed -n 's/^Ok: *\([0-9]*\).*/\1/p' "$scratch/build.log" | tail -n 1)
  [ "${passed:-0}" -gt 0 ] && grep -q '^Fail: *0 *$' "$scratch/build.log"
  ok $? "the tarball's unit and data suites pass in the package build (${passed:-0} tests)"
fi

root=$scratch/root
dpkg -x "${debs[0]}" "$root"
ok $? "dpkg -x unpacks the package"

for file in usr/bin/extopo \
            usr/share/man/man1/extopo.1.gz \
            usr/share/bash-completion/completions/extopo \
            usr/share/applications/io.github.extopo.ExTopo.desktop \
            usr/share/metainfo/io.github.extopo.ExTopo.metainfo.xml \
            usr/share/glib-2.0/schemas/io.github.extopo.ExTopo.gschema.xml \
            usr/share/icons/hicolor/scalable/apps/io.github.extopo.ExTopo.svg \
            usr/share/extopo/samples/coexistence.ldif \
            usr/share/locale/de/LC_MESSAGES/extopo.mo \
            usr/share/doc/extopo/copyright; do
  [ -s "$root/$file" ]
  ok $? "the package installs /$file"
done

# The unpacked program, finding its data in the scratch root.
export XDG_DATA_DIRS=$root/usr/share:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}
EXTOPO_SAMPLES_DIR=$root/usr/share/extopo/samples
export GSETTINGS_BACKEND=memory
unset GSETTINGS_SCHEMA_DIR DISPLAY WAYLAND_DISPLAY
program=$root/usr/bin/extopo
version=$(dpkg-deb -f "${debs[0]}" Version)

output=$("$program" --version)
[ "$output" = "extopo ${version%-*}" ]
ok $? "extopo --version prints 'extopo ${version%-*}' ($output)"

cd "$scratch" || finish
"$program" --export=x.json "$EXTOPO_SAMPLES_DIR/coexistence.ldif"
ok $? "extopo --export=x.json runs without a display on the installed sample"
python3 -c '
import json, sys
model = json.load(open(sys.argv[1]))
assert model["servers"], "no servers"
' x.json 2>&1 | sed 's/^/# /'
ok "${PIPESTATUS[0]}" "x.json is JSON with servers"

"$program" --findings "$EXTOPO_SAMPLES_DIR/mixed-mode.ldif" >findings.txt
[ -s findings.txt ]
ok $? "extopo --findings reads the installed mixed-mode sample"

man -l "$root/usr/share/man/man1/extopo.1.gz" 2>/dev/null | grep -q -- '--export'
ok $? "man shows the installed manual page"

bash -c 'source /usr/share/bash-completion/bash_completion 2>/dev/null
         source "$1" && complete -p extopo' sh "$root/usr/share/bash-completion/completions/extopo" \
  >/dev/null
ok $? "the installed completion loads"

finish
