#!/bin/bash
# install-deps.sh: installs the Debian 12 packages ExTopo needs to build, run and test.
#
# Only what is missing is installed; `apt-get update` runs only then.
# slapd is preseeded so that no system directory server is configured or started:
# the tests run their own private slapd.
#
# Copyright 2026 The ExTopo developers
# SPDX-License-Identifier: GPL-3.0-or-later

set -euo pipefail

# The one list of packages. Keep it sorted by purpose, one line per area.
PACKAGES=(
  # build
  meson ninja-build pkg-config gcc libglib2.0-dev-bin gettext
  # libraries
  libgtk-3-dev libgraphviz-dev graphviz libldap-dev libjson-glib-dev libsecret-1-dev libsasl2-dev
  libzip-dev
  libpng-dev
  # runtime look
  fonts-cantarell fonts-dejavu-core adwaita-icon-theme hicolor-icon-theme
  # data validation, the manual page and bash completion tests
  appstream-util appstream desktop-file-utils groff-base man-db bash-completion
  # the Debian package, its lint and the formatter check
  dpkg-dev debhelper fakeroot lintian uncrustify
  # directory and Kerberos tests
  slapd ldap-utils krb5-kdc krb5-admin-server krb5-user libsasl2-modules-gssapi-mit openssl
  gnome-keyring
  # exports opened as people open them: the HTML report in a browser, Visio in LibreOffice
  chromium libreoffice-draw
  # display tests and screenshots
  xvfb xauth xdotool dbus-x11 imagemagick librsvg2-bin poppler-utils
  # sanitizer builds; clang and its runtime for the libFuzzer targets
  clang libclang-rt-14-dev
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  if [ "$status" != "installed" ]; then
    missing+=("$pkg")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "install-deps: installing ${missing[*]}" >&2

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  SUDO=(sudo)
fi

export DEBIAN_FRONTEND=noninteractive

# Without this, installing slapd configures a database and starts a system server.
echo "slapd slapd/no_configuration boolean true" | "${SUDO[@]}" debconf-set-selections

# policy-rc.d refuses service starts while the packages are unpacked, so no
# system slapd (or KDC) is started behind our back. It is removed afterwards.
policy=/usr/sbin/policy-rc.d
added_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$policy" >/dev/null
  "${SUDO[@]}" chmod 755 "$policy"
  added_policy=1
fi
cleanup () {
  if [ "$added_policy" -eq 1 ]; then
    "${SUDO[@]}" rm -f "$policy"
  fi
}
trap cleanup EXIT

"${SUDO[@]}" apt-get update -q
"${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
