/* test-ui-util.h: helpers the suites that drive the window share.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "extopo-application.h"
#include "extopo-window.h"

G_BEGIN_DECLS

/* Bounded main-loop spins, under the names the window suite always used. */
typedef gboolean (*Condition) (gpointer data);

/* Spins the main loop until @done says so or ten seconds pass; FALSE on timeout. */
gboolean        spin_until                 (Condition        done,
                                            gpointer         data);
/* Spins the main loop (frames included) for @ms milliseconds. */
void            spin_ms                    (guint            ms);
/* Conditions: the window (an ExtopoWindow) is not loading or laying out;
 * it shows a laid-out model; no event is pending (@data unused). */
gboolean        window_idle                (gpointer         data);
gboolean        window_idle_with_model     (gpointer         data);
gboolean        pending_events_done        (gpointer         data);
/* A file of data/samples. */
char           *sample_path                (const char      *name);

/* gtk_test_init() with settings in memory, and the real application class
 * (it sets up the accelerators and the CSS), registered. */
GtkApplication *test_ui_init               (int             *argc,
                                            char          ***argv);
/* A new shown 1200 x 800 window of @application with the sample @name
 * open and laid out; a floating reference is sunk, the caller owns one. */
ExtopoWindow   *test_ui_open_window        (GtkApplication  *application,
                                            const char      *name);
/* Opens @path in @window and waits until the window shows its model; FALSE
 * when it does not within the spin's time. */
gboolean        test_ui_open_file_and_wait (ExtopoWindow    *window,
                                            const char      *path);
/* Removes the files in @dir, then @dir. */
void            test_ui_remove_dir         (const char      *dir);

G_END_DECLS
