/* extopo-window-bench.c: the window's figures on a large organization, as a
 * person meets them.
 *
 *   extopo-gen --servers=20000 --routing-groups=2000 > org.ldif
 *   extopo-window-bench [--width=1280] [--height=800] [--keys=N] org.ldif
 *
 * Opens the file in the real window (templates, actions, inventory, findings
 * list) and prints, in milliseconds from the start of the process: the first
 * complete paint of the diagram, and when the findings list holds every row.
 * Then, half a second later, how long Ctrl+I takes to show the inventory
 * with every row (a hidden inventory builds its rows when shown), and keystrokes in the search
 * bar sent through the display (each a new query, the first one first):
 * from the key to the window's matches (GtkSearchEntry waits 150 ms after a
 * key before it says the text changed: that wait is printed apart), and
 * how long the window's own handler took. Last, the aspect ratio of the
 * fitted diagram. Run it under the settings of the build tree
 * (GSETTINGS_SCHEMA_DIR=_build/data GSETTINGS_BACKEND=memory). It prints
 * figures; it is not a test.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-window-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <unistd.h>
#include <gtk/gtk.h>

#include "extopo-application.h"
#include "extopo-findings-list.h"
#include "extopo-inventory.h"
#include "extopo-search.h"
#include "extopo-loader.h"
#include "extopo-window.h"

/* GtkSearchEntry's pause before "search-changed", in GTK 3. */
#define SEARCH_ENTRY_DELAY_MS 150

typedef struct
{
  ExtopoWindow *window;
  gint64        start;           /* the process's start, on the monotonic clock */
  gint64        first_paint;
  double        cpu_at_paint;    /* seconds of CPU, every thread, until then */
  gboolean      drawn;           /* the view drew the diagram in this frame */
  gint64        lists_ready;
  gint64        inventory_drawn;  /* a frame drew the inventory, shown */
  gint64        index_ready;
  gint64        search_begin;    /* "search-changed" emitted */
  gint64        search_end;      /* the window's handler returned */
} Bench;

static double
ms (gint64 from,
    gint64 to)
{
  return (to - from) / 1000.0;
}

/* How long ago the kernel started this process: /proc/self/stat's start
 * time against the boot clock, to 10 ms. Zero when unknown. */
static gint64
process_age_us (void)
{
  g_autofree char *stat = NULL;
  struct timespec now;
  const char *p;
  unsigned long long start_ticks = 0;
  long ticks = sysconf (_SC_CLK_TCK);

  if (!g_file_get_contents ("/proc/self/stat", &stat, NULL, NULL) || ticks <= 0 ||
      clock_gettime (CLOCK_BOOTTIME, &now) != 0)
    return 0;

  /* Field 22, counted after the command's closing parenthesis (field 2). */
  p = strrchr (stat, ')');
  for (guint field = 2; p != NULL && field < 22; field++)
    p = strchr (p + 1, ' ');
  if (p == NULL || sscanf (p + 1, "%llu", &start_ticks) != 1)
    return 0;

  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000 -
         (gint64) (start_ticks * G_USEC_PER_SEC / (unsigned long long) ticks);
}

/* User and system time of every thread of the process so far. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return 0.0;

  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static gboolean
lists_full (Bench *bench)
{
  ExtopoModel *model = extopo_window_get_model (bench->window);
  ExtopoFindingsList *findings = EXTOPO_FINDINGS_LIST (
    extopo_window_get_findings_list (bench->window));

  return model != NULL &&
         extopo_findings_list_get_n_rows (findings) == extopo_model_get_findings (model)->len;
}

/* Polled at every turn of the main loop until both lists are full, and the
 * search index built. */
static gboolean
poll_cb (gpointer data)
{
  Bench *bench = data;
  ExtopoModel *model = extopo_window_get_model (bench->window);

  if (bench->lists_ready == 0 && lists_full (bench))
    bench->lists_ready = g_get_monotonic_time ();
  if (bench->index_ready == 0 && model != NULL && extopo_search_index_peek_for_model (model))
    bench->index_ready = g_get_monotonic_time ();

  return bench->lists_ready == 0 || bench->index_ready == 0 ? G_SOURCE_CONTINUE
                                                            : G_SOURCE_REMOVE;
}

/* The view's own handler stops the emission: this one runs before it. */
static gboolean
view_draw_cb (GtkWidget *widget,
              cairo_t   *cr,
              gpointer   data)
{
  Bench *bench = data;

  bench->drawn = extopo_graph_view_get_geometry (EXTOPO_GRAPH_VIEW (widget)) != NULL;

  return GDK_EVENT_PROPAGATE;
}

/* Complete: the frame drew the diagram, and no sharper bitmap is still on
 * its way from a worker. */
static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  Bench *bench = data;
  ExtopoGraphView *view = extopo_window_get_graph_view (bench->window);

  if (bench->inventory_drawn == 0 && bench->first_paint != 0 &&
      gtk_widget_get_mapped (extopo_window_get_inventory (bench->window)))
    bench->inventory_drawn = g_get_monotonic_time ();
  if (bench->first_paint == 0 && bench->drawn && !extopo_graph_view_is_rendering (view))
    {
      bench->first_paint = g_get_monotonic_time ();
      bench->cpu_at_paint = cpu_seconds ();
      poll_cb (bench);
    }
  bench->drawn = FALSE;
}

static gboolean
search_changed_hook (GSignalInvocationHint *hint,
                     guint                  n_values,
                     const GValue          *values,
                     gpointer               data)
{
  Bench *bench = data;

  bench->search_begin = g_get_monotonic_time ();

  return TRUE;
}

static void
search_changed_after_cb (GtkSearchEntry *entry,
                         Bench          *bench)
{
  bench->search_end = g_get_monotonic_time ();
}

static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;

  return G_SOURCE_REMOVE;
}

/* Spins until @done is set, at most @seconds. */
static gboolean
spin_until_set (gint64 *done,
                guint   seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, timed_out_cb, &timed_out);

  while (*done == 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (id);

  return !timed_out;
}

static void
spin_for (guint milliseconds)
{
  gboolean timed_out = FALSE;

  g_timeout_add (milliseconds, timed_out_cb, &timed_out);
  while (!timed_out)
    g_main_context_iteration (NULL, TRUE);
}

/* The first three figures of /proc/loadavg: the machine is shared. */
static const char *
load_average (void)
{
  static char text[64];
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return "?";
  fields = g_strsplit (contents, " ", 4);
  if (g_strv_length (fields) < 3)
    return "?";
  g_snprintf (text, sizeof text, "%s %s %s", fields[0], fields[1], fields[2]);

  return text;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Ctrl+I's action, until a frame drew the inventory; then hidden again. */
static void
time_inventory (Bench *bench)
{
  ExtopoInventory *inventory = EXTOPO_INVENTORY (extopo_window_get_inventory (bench->window));
  ExtopoModel *model = extopo_window_get_model (bench->window);
  gint64 start = g_get_monotonic_time ();
  ExtopoInventoryModel *rows;

  g_action_group_activate_action (G_ACTION_GROUP (bench->window), "inventory", NULL);
  if (!spin_until_set (&bench->inventory_drawn, 10))
    {
      printf ("  the inventory was never drawn\n");
      return;
    }
  rows = extopo_inventory_get_rows (inventory);
  printf ("  Ctrl+I to the inventory drawn               %8.1f ms, %d of %u rows\n",
          ms (start, bench->inventory_drawn),
          rows != NULL ? gtk_tree_model_iter_n_children (GTK_TREE_MODEL (rows), NULL) : 0,
          extopo_model_get_servers (model)->len);
  g_action_group_activate_action (G_ACTION_GROUP (bench->window), "inventory", NULL);
  spin_for (100);
}

/* A key press and release as the display delivers them to the window,
 * which hands them to its focus widget. */
static void
send_key (GtkWidget *widget,
          guint      keyval)
{
  GdkKeymapKey *keys = NULL;
  gint n_keys = 0;

  gdk_keymap_get_entries_for_keyval (gdk_keymap_get_for_display (gtk_widget_get_display (widget)),
                                     keyval, &keys, &n_keys);
  for (guint i = 0; i < 2; i++)
    {
      GdkEvent *event = gdk_event_new (i == 0 ? GDK_KEY_PRESS : GDK_KEY_RELEASE);

      event->key.window = g_object_ref (gtk_widget_get_window (gtk_widget_get_toplevel (widget)));
      event->key.send_event = TRUE;
      event->key.time = GDK_CURRENT_TIME;
      event->key.keyval = keyval;
      event->key.hardware_keycode = n_keys > 0 ? keys[0].keycode : 0;
      gdk_event_set_device (event, gdk_seat_get_keyboard (
                              gdk_display_get_default_seat (gtk_widget_get_display (widget))));
      gtk_main_do_event (event);
      gdk_event_free (event);
    }
  g_free (keys);
}

/* Types one letter after another into the search bar, clearing it between
 * them so that each key is a new query over every server. */
static void
time_keystrokes (Bench *bench,
                 guint  n_keys)
{
  static const guint keys[] = { GDK_KEY_e, GDK_KEY_x, GDK_KEY_s, GDK_KEY_a, GDK_KEY_b };
  GtkWidget *entry = extopo_window_get_search_entry (bench->window);
  g_autofree double *totals = g_new0 (double, n_keys);
  g_autofree double *handlers = g_new0 (double, n_keys);

  g_action_group_activate_action (G_ACTION_GROUP (bench->window), "search", NULL);
  spin_for (100);
  gtk_widget_grab_focus (entry);

  for (guint k = 0; k < n_keys; k++)
    {
      gint64 pressed;

      if (k > 0)
        {
          gtk_entry_set_text (GTK_ENTRY (entry), "");
          spin_for (SEARCH_ENTRY_DELAY_MS + 100);
        }
      bench->search_begin = bench->search_end = 0;
      pressed = g_get_monotonic_time ();
      send_key (entry, keys[k % G_N_ELEMENTS (keys)]);
      if (!spin_until_set (&bench->search_end, 5))
        {
          printf ("  the search never answered (entry: \"%s\", focus %d)\n",
                  gtk_entry_get_text (GTK_ENTRY (entry)), gtk_widget_has_focus (entry));
          return;
        }
      totals[k] = ms (pressed, bench->search_end) - SEARCH_ENTRY_DELAY_MS;
      handlers[k] = ms (bench->search_begin, bench->search_end);
      if (k == 0)
        printf ("  first keystroke: %.1f ms after the key (besides GtkSearchEntry's %d ms),"
                " %.1f ms of it the window's handler; \"%s\"\n",
                totals[k], SEARCH_ENTRY_DELAY_MS, handlers[k],
                extopo_window_get_match_text (bench->window));
    }

  if (n_keys > 1)
    {
      qsort (totals + 1, n_keys - 1, sizeof (double), compare_doubles);
      qsort (handlers + 1, n_keys - 1, sizeof (double), compare_doubles);
      printf ("  later keystrokes (%u): median %.1f ms after the key, %.1f ms the handler\n",
              n_keys - 1, totals[1 + (n_keys - 1) / 2], handlers[1 + (n_keys - 1) / 2]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE.ldif");
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkApplication) application = NULL;
  Bench bench = { NULL, };
  int width = 1280;
  int height = 800;
  int n_keys = 7;
  GOptionEntry entries[] = {
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width (1280)", "W" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height (800)", "H" },
    { "keys", 0, 0, G_OPTION_ARG_INT, &n_keys, "Keystrokes to time (7)", "N" },
    { NULL },
  };
  ExtopoGraphView *view;
  ExtopoGeometry *geometry;
  ExtopoRect visible;
  gint64 age = process_age_us ();

  bench.start = g_get_monotonic_time () - age;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_group (context, gtk_get_option_group (TRUE));
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || n_keys < 1)
    {
      fprintf (stderr, "usage: extopo-window-bench [--width=W] [--height=H] [--keys=N] "
               "FILE.ldif\n");
      return 2;
    }

  /* As main() does: the file read while GTK and the window start. */
  extopo_loader_preload_file (argv[1]);
  application = GTK_APPLICATION (g_object_new (EXTOPO_TYPE_APPLICATION,
                                               "application-id", APPLICATION_ID,
                                               "flags", G_APPLICATION_NON_UNIQUE,
                                               "resource-base-path", "/io/github/extopo/ExTopo",
                                               NULL));
  if (!g_application_register (G_APPLICATION (application), NULL, &error))
    {
      fprintf (stderr, "extopo-window-bench: %s\n", error->message);
      return 1;
    }

  bench.window = g_object_ref_sink (extopo_window_new (application));
  view = extopo_window_get_graph_view (bench.window);
  g_signal_connect (view, "draw", G_CALLBACK (view_draw_cb), &bench);
  g_signal_add_emission_hook (g_signal_lookup ("search-changed", GTK_TYPE_SEARCH_ENTRY), 0,
                              search_changed_hook, &bench, NULL);
  g_signal_connect_after (extopo_window_get_search_entry (bench.window), "search-changed",
                          G_CALLBACK (search_changed_after_cb), &bench);

  /* In the order of the application's "open": the file's worker starts
   * before the window is shown. */
  gtk_window_set_default_size (GTK_WINDOW (bench.window), width, height);
  extopo_window_open_file (bench.window, argv[1]);
  gtk_widget_realize (GTK_WIDGET (bench.window));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (bench.window)), "after-paint",
                    G_CALLBACK (after_paint_cb), &bench);
  gtk_window_present (GTK_WINDOW (bench.window));
  g_timeout_add (1, poll_cb, &bench);

  if (!spin_until_set (&bench.first_paint, 60))
    {
      fprintf (stderr, "extopo-window-bench: no diagram after a minute: %s\n",
               extopo_window_get_error_text (bench.window));
      return 1;
    }
  spin_until_set (&bench.lists_ready, 10);

  printf ("%s: %u servers, window %d x %d, %ld CPUs, load average %s\n", argv[1],
          extopo_model_get_servers (extopo_window_get_model (bench.window))->len, width, height,
          sysconf (_SC_NPROCESSORS_ONLN), load_average ());
  printf ("  process start to main                       %8.1f ms\n", ms (0, age));
  printf ("  process start to the first complete paint   %8.1f ms (%.0f ms of CPU, all threads)\n",
          ms (bench.start, bench.first_paint), bench.cpu_at_paint * 1000);
  printf ("  findings list full                          %+8.1f ms after the paint%s\n",
          ms (bench.first_paint, bench.lists_ready),
          bench.lists_ready <= bench.first_paint ? " (before it)" : "");

  spin_for (500);
  if (bench.index_ready != 0)
    printf ("  search index ready                          %+8.1f ms after the paint\n",
            ms (bench.first_paint, bench.index_ready));
  else
    printf ("  search index ready                          not before the first keystroke\n");

  time_inventory (&bench);

  geometry = extopo_graph_view_get_geometry (view);
  extopo_graph_view_get_visible_rect (view, &visible);
  printf ("  fitted diagram %.0f x %.0f pt, aspect %.2f:1 (view %d x %d, zoom %.4f)\n",
          geometry->bounds.width, geometry->bounds.height,
          geometry->bounds.width / MAX (1.0, geometry->bounds.height),
          gtk_widget_get_allocated_width (GTK_WIDGET (view)),
          gtk_widget_get_allocated_height (GTK_WIDGET (view)),
          extopo_graph_view_get_zoom (view));

  time_keystrokes (&bench, (guint) n_keys);

  gtk_widget_destroy (GTK_WIDGET (bench.window));
  g_object_unref (bench.window);

  return 0;
}
