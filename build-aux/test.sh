#!/bin/bash
# test.sh: installs what is missing, builds ExTopo and runs every test suite,
# then runs the unit suite again in an AddressSanitizer + UBSan build, and,
# with clang, the unit suite once more and a short run of each libFuzzer
# target (tests/fuzz) in a third build under the same sanitizers.
#
# Exits non-zero when a build or any test failed. Results are in
# _build/meson-logs/testlog.json, _build-asan/meson-logs/testlog.json and
# _build-fuzz/meson-logs/testlog.json.
#
# Copyright 2026 The ExTopo developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -uo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

"$EXTOPO_SRCDIR/build-aux/install-deps.sh" || exit 1

status=0

# Stale results must not be mistaken for this run's.
rm -f "$EXTOPO_BUILD_DIR/meson-logs/testlog.json" \
      "$EXTOPO_ASAN_BUILD_DIR/meson-logs/testlog.json" \
      "$EXTOPO_FUZZ_BUILD_DIR/meson-logs/testlog.json"

echo "== build ($EXTOPO_BUILD_DIR)"
if configure_build "$EXTOPO_BUILD_DIR" && build "$EXTOPO_BUILD_DIR"; then
  echo "== meson test: every suite"
  with_display meson test -C "$EXTOPO_BUILD_DIR" --no-rebuild --print-errorlogs \
    --num-processes "$EXTOPO_JOBS" || status=1
else
  echo "test.sh: the build in $EXTOPO_BUILD_DIR failed" >&2
  exit 1
fi

# For the sanitizer builds below. Leaks in the libraries below ours
# (fontconfig, pango's caches) are not ours.
export LSAN_OPTIONS="suppressions=$EXTOPO_SRCDIR/build-aux/lsan.supp:print_suppressions=0"
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1"
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1"
# Every allocation through malloc, so the sanitizer sees each one.
export G_SLICE=always-malloc

# The tree stays formatted (build-aux/uncrustify.cfg and the parameter line-up).
echo "== format check"
if ! build-aux/check-format.sh; then
  echo "test.sh: the tree is not formatted; run build-aux/check-format.sh --fix" >&2
  status=1
fi

# The program itself builds without a warning at warning_level=3 (-Wpedantic).
echo "== build ($EXTOPO_PEDANTIC_BUILD_DIR, warning_level=3 and -Werror for app/)"
if ! { configure_build "$EXTOPO_PEDANTIC_BUILD_DIR" -Dwarning_level=3 -Dwerror=true \
       && build "$EXTOPO_PEDANTIC_BUILD_DIR" app/extopo; }; then
  echo "test.sh: app/ does not build cleanly at warning_level=3" >&2
  status=1
fi

echo "== build ($EXTOPO_ASAN_BUILD_DIR, address and undefined sanitizers)"
if configure_build "$EXTOPO_ASAN_BUILD_DIR" \
     -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug \
   && build "$EXTOPO_ASAN_BUILD_DIR"; then
  echo "== meson test: unit suite under the sanitizers"
  meson test -C "$EXTOPO_ASAN_BUILD_DIR" --no-rebuild --print-errorlogs \
    --num-processes "$EXTOPO_JOBS" --timeout-multiplier 4 --suite unit || status=1
else
  echo "test.sh: the build in $EXTOPO_ASAN_BUILD_DIR failed" >&2
  status=1
fi

# clang's UBSan checks more than gcc's (a NaN cast to an integer, arithmetic
# on a null pointer), so the unit suite runs here again; and libFuzzer comes
# with clang: each target fuzzes for the time tests/fuzz/meson.build gives it.
if command -v clang >/dev/null 2>&1; then
  echo "== build ($EXTOPO_FUZZ_BUILD_DIR, clang, libFuzzer, address and undefined sanitizers)"
  if CC=clang configure_build "$EXTOPO_FUZZ_BUILD_DIR" \
       -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debug \
     && build "$EXTOPO_FUZZ_BUILD_DIR"; then
    echo "== meson test: unit suite and fuzz smoke runs under clang's sanitizers"
    # Two at a time: the fuzz runs are CPU bound.
    meson test -C "$EXTOPO_FUZZ_BUILD_DIR" --no-rebuild --print-errorlogs \
      --num-processes 2 --timeout-multiplier 4 --suite unit --suite fuzz || status=1
  else
    echo "test.sh: the build in $EXTOPO_FUZZ_BUILD_DIR failed" >&2
    status=1
  fi
else
  echo "test.sh: clang is missing: no fuzz build" >&2
  status=1
fi

if [ "$status" -ne 0 ]; then
  echo "test.sh: FAILED" >&2
else
  echo "test.sh: all tests passed"
fi
exit "$status"
