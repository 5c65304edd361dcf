#!/bin/bash
# run.sh: installs what is missing, builds ExTopo in _build and starts it.
#
#   build-aux/run.sh                       opens the bundled sample
#   build-aux/run.sh FILE.ldif             opens FILE.ldif
#   build-aux/run.sh --export=out.svg      exports the sample without a window
#   build-aux/run.sh ARGS...               any extopo arguments (see README.md)
#
# Copyright 2026 The ExTopo developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

"$EXTOPO_SRCDIR/build-aux/install-deps.sh"
configure_build "$EXTOPO_BUILD_DIR"
build "$EXTOPO_BUILD_DIR"

# Without a source among the arguments, open the bundled sample.
have_source=0
for arg in "$@"; do
  case "$arg" in
    -*) ;;
    *) have_source=1 ;;
  esac
done
args=("$@")
if [ "$have_source" -eq 0 ]; then
  args+=("$EXTOPO_SRCDIR/data/samples/coexistence.ldif")
fi

# The uninstalled program finds its settings schema and translations in the build tree.
uninstalled_env "$EXTOPO_BUILD_DIR"
exec "$EXTOPO_BUILD_DIR/app/extopo" "${args[@]}"
