/* test-ui-util.c: helpers the suites that drive the window share.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "test-ui-util.h"

#define SPIN_SECONDS 10

GtkApplication *
test_ui_init (int    *argc,
              char ***argv)
{
  g_autoptr(GError) error = NULL;
  GtkApplication *application;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (argc, argv, NULL);

  application = GTK_APPLICATION (g_object_new (EXTOPO_TYPE_APPLICATION,
                                               "application-id", APPLICATION_ID,
                                               "flags", G_APPLICATION_NON_UNIQUE,
                                               "resource-base-path", "/io/github/extopo/ExTopo",
                                               NULL));
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  return application;
}

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;

  return G_SOURCE_REMOVE;
}

gboolean
spin_until (Condition done,
            gpointer  data)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (SPIN_SECONDS, timed_out_cb, &timed_out);

  while (!done (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);

  return !timed_out;
}

void
spin_ms (guint ms)
{
  gboolean timed_out = FALSE;

  g_timeout_add (ms, timed_out_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
window_idle (gpointer data)
{
  return !extopo_window_is_busy (data);
}

gboolean
window_idle_with_model (gpointer data)
{
  return window_idle (data) && extopo_window_get_model (data) != NULL &&
         extopo_graph_view_get_geometry (extopo_window_get_graph_view (data)) != NULL;
}

gboolean
pending_events_done (gpointer data)
{
  return !gtk_events_pending ();
}

char *
sample_path (const char *name)
{
  const char *dir = g_getenv ("EXTOPO_SAMPLES_DIR");

  return g_build_filename (dir != NULL ? dir : SOURCE_SAMPLESDIR, name, NULL);
}

typedef struct
{
  ExtopoWindow *window;
  ExtopoModel  *before;
} Reload;

static gboolean
model_replaced (gpointer data)
{
  Reload *reload = data;

  return window_idle_with_model (reload->window) &&
         extopo_window_get_model (reload->window) != reload->before;
}

gboolean
test_ui_open_file_and_wait (ExtopoWindow *window,
                            const char   *path)
{
  Reload reload = { window, extopo_window_get_model (window) };

  extopo_window_open_file (window, path);

  return spin_until (model_replaced, &reload);
}

ExtopoWindow *
test_ui_open_window (GtkApplication *application,
                     const char     *name)
{
  g_autofree char *path = sample_path (name);
  ExtopoWindow *window = g_object_ref_sink (extopo_window_new (application));

  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_widget_show (GTK_WIDGET (window));

  extopo_window_open_file (window, path);
  g_assert_true (extopo_window_is_busy (window));
  g_assert_true (spin_until (window_idle_with_model, window));
  g_assert_true (spin_until (pending_events_done, NULL));
  g_assert_null (extopo_window_get_error_text (window));

  return window;
}

void
test_ui_remove_dir (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}
