# common.sh: shared by run.sh and test.sh; sourced, not run.
#
# Copyright 2026 The ExTopo developers
# SPDX-License-Identifier: GPL-3.0-or-later

EXTOPO_SRCDIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
EXTOPO_BUILD_DIR=${EXTOPO_BUILD_DIR:-_build}
EXTOPO_ASAN_BUILD_DIR=${EXTOPO_ASAN_BUILD_DIR:-_build-asan}
EXTOPO_FUZZ_BUILD_DIR=${EXTOPO_FUZZ_BUILD_DIR:-_build-fuzz}
EXTOPO_PEDANTIC_BUILD_DIR=${EXTOPO_PEDANTIC_BUILD_DIR:-_build-pedantic}
# At most as many compile jobs as cores; override with EXTOPO_JOBS.
EXTOPO_JOBS=${EXTOPO_JOBS:-$(nproc 2>/dev/null || echo 2)}

cd "$EXTOPO_SRCDIR"

# configure_build DIR [MESON OPTIONS...]: sets DIR up, or reconfigures it when
# it exists (a stale or broken directory is wiped and set up again).
configure_build ()
{
  local dir=$1
  shift
  if [ -f "$dir/meson-private/coredata.dat" ]; then
    meson setup --reconfigure "$dir" "$@" >/dev/null \
      || meson setup --wipe "$dir" "$@"
  else
    meson setup "$dir" "$@"
  fi
}

# uninstalled_env DIR: exports what the program built in DIR needs to run
# from there as it runs installed: the settings schema and the translations
# compiled in the build tree.
uninstalled_env ()
{
  local dir
  dir=$(cd "$1" && pwd)
  export GSETTINGS_SCHEMA_DIR="$dir/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
  export EXTOPO_LOCALEDIR="$dir/po"
}

# build DIR [TARGETS...]
build ()
{
  local dir=$1
  shift
  ninja -C "$dir" -j "$EXTOPO_JOBS" "$@"
}

# with_display COMMAND...: runs COMMAND under Xvfb and a D-Bus session when
# there is no display to use.
with_display ()
{
  if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
    xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" dbus-run-session -- "$@"
  elif [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
    dbus-run-session -- "$@"
  else
    "$@"
  fi
}
