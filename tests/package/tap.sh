# tap.sh: TAP helpers for the shell tests; sourced, not run.
#
#   ok STATUS DESCRIPTION   prints "ok N" or "not ok N" and remembers a failure
#   finish                  prints the plan and exits, non-zero after a failure
#
# Copyright 2026 The ExTopo developers
# SPDX-License-Identifier: GPL-3.0-or-later

tap_count=0
tap_failed=0

ok ()
{
  tap_count=$((tap_count + 1))
  if [ "$1" -eq 0 ]; then
    echo "ok $tap_count - $2"
  else
    echo "not ok $tap_count - $2"
    tap_failed=1
  fi
}

finish ()
{
  echo "1..$tap_count"
  exit "$tap_failed"
}
