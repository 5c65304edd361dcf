/* extopo-cli.h: the display-less command line.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses. */
#define EXTOPO_EXIT_OK         0
#define EXTOPO_EXIT_BAD_INPUT  1
#define EXTOPO_EXIT_USAGE      2

/* TRUE when the arguments ask for work without a window (--export,
 * --findings, --help, --version, --snapshot, --compare). */
gboolean extopo_cli_is_headless (int    argc,
                                 char **argv);
/* Runs the headless command line and returns the exit status. */
int      extopo_cli_run         (int    argc,
                                 char **argv);

G_END_DECLS
