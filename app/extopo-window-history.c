/* extopo-window-history.c: the History view: a folder of snapshots read in the background
 * and charted (servers by release and service pack, open errors and warnings, readiness),
 * in a window of its own that the chart fills at any size, with the files left out named.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-window"

#include "config.h"

#include <glib/gi18n.h>

#include "extopo-history-chart.h"
#include "extopo-history.h"
#include "extopo-window-private.h"

/* The history shown and its chart, laid out again only when the area's
 * size changes, not at every frame. */
typedef struct
{
  ExtopoHistory      *history;
  ExtopoHistoryChart *chart;
  int                 width;
  int                 height;
} ChartView;

static void
chart_view_free (gpointer  data,
                 GClosure *closure)
{
  ChartView *view = data;

  g_clear_pointer (&view->chart, extopo_history_chart_free);
  extopo_history_free (view->history);
  g_free (view);
}

static gboolean
chart_draw_cb (GtkWidget *area,
               cairo_t   *cr,
               gpointer   user_data)
{
  ChartView *view = user_data;
  int width = gtk_widget_get_allocated_width (area);
  int height = gtk_widget_get_allocated_height (area);

  if (view->chart == NULL || view->width != width || view->height != height)
    {
      g_clear_pointer (&view->chart, extopo_history_chart_free);
      view->chart = extopo_history_chart_new (view->history, NULL, width, height);
      view->width = width;
      view->height = height;
    }
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  extopo_history_chart_draw (view->chart, cr);

  return GDK_EVENT_STOP;
}

/* A window of its own for @history (owned). */
static GtkWidget *
history_window_new (ExtopoWindow  *self,
                    ExtopoHistory *history,
                    const char    *folder)
{
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  GtkWidget *header = gtk_header_bar_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *area = gtk_drawing_area_new ();
  ChartView *view = g_new0 (ChartView, 1);
  g_autofree char *name = g_path_get_basename (folder);

  gtk_header_bar_set_show_close_button (GTK_HEADER_BAR (header), TRUE);
  gtk_header_bar_set_title (GTK_HEADER_BAR (header), _("History"));
  gtk_header_bar_set_subtitle (GTK_HEADER_BAR (header), name);
  gtk_window_set_titlebar (GTK_WINDOW (window), header);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_default_size (GTK_WINDOW (window), 960, 600);
  gtk_widget_set_hexpand (area, TRUE);
  gtk_widget_set_vexpand (area, TRUE);
  atk_object_set_name (gtk_widget_get_accessible (area), _("Migration progress chart"));
  view->history = history;
  g_signal_connect_data (area, "draw", G_CALLBACK (chart_draw_cb), view, chart_view_free, 0);
  gtk_container_add (GTK_CONTAINER (box), area);

  /* The files that could not be read, by name and reason. */
  if (history->skipped != NULL && history->skipped->len > 0)
    {
      GtkWidget *bar = gtk_info_bar_new ();
      g_autoptr(GString) text = g_string_new (_("Left out:"));
      GtkWidget *label;

      for (guint i = 0; i < history->skipped->len; i++)
        g_string_append_printf (text, "\n%s", (const char *) g_ptr_array_index (history->skipped,
                                                                                i));
      label = gtk_label_new (text->str);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_info_bar_set_message_type (GTK_INFO_BAR (bar), GTK_MESSAGE_WARNING);
      gtk_container_add (GTK_CONTAINER (gtk_info_bar_get_content_area (GTK_INFO_BAR (bar))),
                         label);
      gtk_container_add (GTK_CONTAINER (box), bar);
    }
  gtk_container_add (GTK_CONTAINER (window), box);
  /* For the HTML report, which includes the progress while this is open. */
  g_object_set_data_full (G_OBJECT (window), "extopo-history-folder", g_strdup (history->folder),
                          g_free);
  gtk_widget_show_all (box);
  gtk_widget_show (header);

  return window;
}

static void
history_load_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;
  ExtopoHistory *history = extopo_history_load (task_data, cancellable, &error);

  if (history == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, history, (GDestroyNotify) extopo_history_free);
}

static void
history_loaded_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ExtopoWindow *self = EXTOPO_WINDOW (source);
  g_autoptr(GError) error = NULL;
  ExtopoHistory *history = g_task_propagate_pointer (G_TASK (result), &error);
  const char *folder = g_task_get_task_data (G_TASK (result));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (history == NULL)
    {
      extopo_window_show_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->history_window, gtk_widget_destroy);
  self->history_window = history_window_new (self, history, folder);
  g_object_add_weak_pointer (G_OBJECT (self->history_window), (gpointer *) &self->history_window);
  gtk_window_present (GTK_WINDOW (self->history_window));
}

void
extopo_window_show_history (ExtopoWindow *self,
                            const char   *folder)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EXTOPO_IS_WINDOW (self));
  g_return_if_fail (folder != NULL);

  task = g_task_new (self, NULL, history_loaded_cb, NULL);
  g_task_set_source_tag (task, EXTOPO_TASK_TAG (extopo_window_show_history));
  g_task_set_task_data (task, g_strdup (folder), g_free);
  g_task_run_in_thread (task, history_load_thread);
}

static void
history_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  extopo_window_choose_path (user_data, _("Chart the Snapshots in a Folder"),
                             GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Chart"), NULL,
                             extopo_window_show_history);
}

static void
history_of_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  extopo_window_show_history (user_data, g_variant_get_string (parameter, NULL));
}

static const GActionEntry history_entries[] = {
  { "history", history_action },
  { "history-of", history_of_action, "s" },
};

void
extopo_window_history_init (ExtopoWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), history_entries,
                                   G_N_ELEMENTS (history_entries), self);
}

GtkWidget *
extopo_window_get_history_window (ExtopoWindow *self)
{
  g_return_val_if_fail (EXTOPO_IS_WINDOW (self), NULL);

  return self->history_window;
}

const char *
extopo_window_history_get_folder (ExtopoWindow *self)
{
  g_return_val_if_fail (EXTOPO_IS_WINDOW (self), NULL);

  return self->history_window != NULL
         ? g_object_get_data (G_OBJECT (self->history_window), "extopo-history-folder") : NULL;
}
