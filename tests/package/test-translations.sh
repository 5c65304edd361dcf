#!/bin/bash
# test-translations.sh: run from the build tree the way build-aux/run.sh runs
# it, the program speaks the language of LANGUAGE, from the catalogues
# compiled in the build tree (nothing installed).
#
# Usage: test-translations.sh EXTOPO BUILD-DIR
# TAP output.
#
# Copyright 2026 The ExTopo developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -u

extopo=$1
build_dir=$2
here=$(dirname "${BASH_SOURCE[0]}")
source "$here/tap.sh"

[ -f "$build_dir/po/de/LC_MESSAGES/extopo.mo" ]
ok $? "the build tree holds the German catalogue"

# The environment build-aux/run.sh sets up (common.sh changes directory).
unset EXTOPO_LOCALEDIR
build_dir=$(cd "$build_dir" && pwd)
extopo=$(cd "$(dirname "$extopo")" && pwd)/$(basename "$extopo")
source "$here/../../build-aux/common.sh"
uninstalled_env "$build_dir"
[ "$EXTOPO_LOCALEDIR" = "$build_dir/po" ]
ok $? "uninstalled_env points EXTOPO_LOCALEDIR at the build tree ($EXTOPO_LOCALEDIR)"

help=$(LANGUAGE=de LC_ALL=C.UTF-8 "$extopo" --help)
ok $? "LANGUAGE=de extopo --help exits 0"
grep -qF "Die Programmversion anzeigen" <<<"$help"
ok $? "LANGUAGE=de extopo --help is in German"

help=$(LANGUAGE=en LC_ALL=C.UTF-8 "$extopo" --help)
grep -qF "Show the program version" <<<"$help"
ok $? "LANGUAGE=en extopo --help stays in English"

findings=$(LANGUAGE=de LC_ALL=C.UTF-8 "$extopo" --findings "$EXTOPO_SRCDIR/data/samples/coexistence.ldif")
grep -qF "Fehler" <<<"$findings"
ok $? "LANGUAGE=de extopo --findings prints German findings"

finish
