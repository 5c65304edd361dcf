/* extopo-frame-bench.c: how long the graph view takes to draw a frame.
 *
 *   extopo-frame-bench [--servers=20000] [--routing-groups=2000] [--frames=60] [FILE.ldif]
 *
 * Lays out a large organization (read from FILE, or generated), puts the
 * real widget in a 1280x800 offscreen window and times
 * extopo_graph_view_render() into an image surface, at full view and at
 * 100 %: while zooming by API (a new bitmap every frame: rendered in the
 * frame when that is quick, else in a worker while the frame stretches the
 * old one), while panning (a copy of the cached bitmap) and while zooming
 * with Ctrl+wheel (the old bitmap stretched until the wheel rests). The
 * overview lies over the view's corner, as in the window with Ctrl+M: it
 * redraws with every frame, and its time is printed apart and added to the
 * view's (pass --no-overview to leave it out).
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-frame-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <gtk/gtk.h>

#include "extopo-gen-org.h"
#include "extopo-graph-view.h"
#include "extopo-layout.h"
#include "extopo-ldif-reader.h"
#include "extopo-loader.h"
#include "extopo-overview.h"

#define WIDTH  1280
#define HEIGHT 800

typedef enum
{
  MOVE_ZOOM,   /* alternate between two close zoom levels: no cache hit */
  MOVE_PAN,    /* pan a few pixels at the same zoom */
  MOVE_WHEEL,  /* Ctrl+wheel notches in and out, as a person zooms */
} Move;

static void
send_ctrl_wheel (GtkWidget          *widget,
                 GdkScrollDirection  direction)
{
  GdkSeat *seat = gdk_display_get_default_seat (gtk_widget_get_display (widget));
  GdkEvent *event = gdk_event_new (GDK_SCROLL);

  event->scroll.window = g_object_ref (gtk_widget_get_window (widget));
  event->scroll.send_event = TRUE;
  event->scroll.direction = direction;
  event->scroll.state = GDK_CONTROL_MASK;
  event->scroll.x = WIDTH / 2.0 + 100;
  event->scroll.y = HEIGHT / 2.0 - 50;
  gdk_event_set_device (event, gdk_seat_get_pointer (seat));
  gtk_widget_event (widget, event);
  gdk_event_free (event);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static ExtopoModel *
load_model (const char  *path,
            guint        n_servers,
            guint        n_routing_groups,
            GError     **error)
{
  g_autoptr(ExtopoGenOrg) org = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *data = NULL;
  ExtopoGenParams params = { n_servers, n_routing_groups, 1 };
  size_t length = 0;
  FILE *out;

  if (path != NULL)
    return extopo_loader_load_file (path, NULL, error);

  org = extopo_gen_org_new (&params);
  out = open_memstream (&data, &length);
  if (out == NULL || !extopo_gen_org_write_ldif (org, out) || fclose (out) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "cannot generate the organization");
      return NULL;
    }

  entries = extopo_ldif_read_data (data, length, "generated.ldif", NULL, error);
  if (entries == NULL)
    return NULL;

  return extopo_loader_load_entries (entries, "generated.ldif", error);
}

static void
wait_for_allocation (GtkWidget *widget)
{
  for (guint i = 0; i < 100000; i++)
    {
      if (gtk_widget_get_allocated_width (widget) == WIDTH
          && gtk_widget_get_allocated_height (widget) == HEIGHT)
        return;
      g_main_context_iteration (NULL, FALSE);
    }

  g_error ("the offscreen window never got its size");
}

static void
print_times (const char *label,
             double     *times,
             guint       n)
{
  double first = times[0];

  qsort (times, n, sizeof (double), compare_doubles);
  printf ("  %-26s first %8.2f ms  median %8.2f ms  worst %8.2f ms\n",
          label, first, times[n / 2], times[n - 1]);
}

/* Draws @n_frames frames, moving the view before each, and prints the
 * first, median and worst frame times; then how long after each frame a
 * sharp bitmap was ready, when the widget rendered it in the background. */
static void
run (ExtopoGraphView *view,
     ExtopoOverview  *overview,
     const char      *label,
     Move             move,
     guint            n_frames)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  g_autofree double *times = g_new0 (double, n_frames);
  g_autofree double *map_times = g_new0 (double, n_frames);
  g_autofree double *totals = g_new0 (double, n_frames);
  g_autofree double *sharp = g_new0 (double, n_frames);
  double zoom = extopo_graph_view_get_zoom (view);
  guint n_sharp = 0;

  printf ("%s, zoom %.3f\n", label, zoom);

  for (guint i = 0; i < n_frames; i++)
    {
      cairo_t *cr = cairo_create (surface);
      gint64 start;

      if (move == MOVE_ZOOM)
        extopo_graph_view_set_zoom_at (view, i % 2 == 0 ? zoom : zoom * 1.001, -1, -1);
      else if (move == MOVE_WHEEL && i > 0)
        send_ctrl_wheel (GTK_WIDGET (view), (i / 4) % 2 == 0 ? GDK_SCROLL_UP : GDK_SCROLL_DOWN);
      else if (i > 0)
        extopo_graph_view_scroll_by (view, i % 2 == 0 ? 7 : -5, i % 3 == 0 ? 3 : -2);

      start = g_get_monotonic_time ();
      extopo_graph_view_render (view, cr, WIDTH, HEIGHT);
      cairo_surface_flush (surface);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      if (overview != NULL)
        {
          gint64 map_start = g_get_monotonic_time ();

          /* Over the view's bottom left corner, as the overlay puts it. */
          cairo_save (cr);
          cairo_translate (cr, 12, HEIGHT - 12 -
                           gtk_widget_get_allocated_height (GTK_WIDGET (overview)));
          extopo_overview_render (overview, cr);
          cairo_restore (cr);
          cairo_surface_flush (surface);
          map_times[i] = (g_get_monotonic_time () - map_start) / 1000.0;
        }
      totals[i] = times[i] + map_times[i];
      cairo_destroy (cr);

      /* A wheel keeps turning: its frames never wait for the worker. */
      if (move != MOVE_WHEEL && extopo_graph_view_is_rendering (view))
        {
          while (extopo_graph_view_is_rendering (view))
            g_main_context_iteration (NULL, TRUE);
          sharp[n_sharp++] = (g_get_monotonic_time () - start) / 1000.0;
        }
    }

  print_times ("frame (main thread)", times, n_frames);
  if (overview != NULL)
    {
      print_times ("overview", map_times, n_frames);
      print_times ("frame with the overview", totals, n_frames);
    }
  if (n_sharp > 0)
    print_times ("sharp after (worker)", sharp, n_sharp);

  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  gint servers = 20000;
  gint routing_groups = 2000;
  gint frames = 60;
  gboolean no_overview = FALSE;
  const GOptionEntry entries[] = {
    { "servers", 0, 0, G_OPTION_ARG_INT, &servers, "Servers to generate (default 20000)", "N" },
    { "routing-groups", 0, 0, G_OPTION_ARG_INT, &routing_groups,
      "Routing groups to generate (default 2000)", "M" },
    { "frames", 0, 0, G_OPTION_ARG_INT, &frames, "Frames per measurement (default 60)", "N" },
    { "no-overview", 0, 0, G_OPTION_ARG_NONE, &no_overview, "Leave the overview out", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("[FILE.ldif] - time the graph view's frames");
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoModel) model = NULL;
  g_autoptr(ExtopoGeometry) geometry = NULL;
  ExtopoLayoutOptions options = { EXTOPO_VIEW_ROUTING, NULL };
  const char *path = NULL;
  GtkWidget *window;
  GtkWidget *overlay;
  GtkWidget *view;
  ExtopoOverview *overview = NULL;
  gint64 start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "extopo-frame-bench: %s\n", error->message);
      return 2;
    }
  if (servers < 1 || routing_groups < 1 || frames < 1)
    {
      fprintf (stderr, "extopo-frame-bench: counts must be positive\n");
      return 2;
    }
  if (argc > 1)
    path = argv[1];

  gtk_init (&argc, &argv);

  start = g_get_monotonic_time ();
  model = load_model (path, servers, routing_groups, &error);
  if (model == NULL)
    {
      fprintf (stderr, "extopo-frame-bench: %s\n", error->message);
      return 1;
    }
  printf ("loaded %u servers, %u routing groups, %u connections in %.2f s\n",
          extopo_model_get_servers (model)->len,
          extopo_model_get_routing_groups (model)->len,
          extopo_model_get_connections (model)->len,
          (g_get_monotonic_time () - start) / 1e6);

  start = g_get_monotonic_time ();
  geometry = extopo_layout_compute (model, &options, NULL, &error);
  if (geometry == NULL)
    {
      fprintf (stderr, "extopo-frame-bench: %s\n", error->message);
      return 1;
    }
  printf ("laid out %u nodes, %u frames, %u edges (%.0f x %.0f pt) in %.2f s\n",
          geometry->nodes->len, geometry->frames->len, geometry->edges->len,
          geometry->bounds.width, geometry->bounds.height,
          (g_get_monotonic_time () - start) / 1e6);

  window = gtk_offscreen_window_new ();
  view = extopo_graph_view_new ();
  gtk_widget_set_size_request (view, WIDTH, HEIGHT);
  overlay = gtk_overlay_new ();
  gtk_container_add (GTK_CONTAINER (overlay), view);
  if (!no_overview)
    {
      overview = EXTOPO_OVERVIEW (extopo_overview_new (EXTOPO_GRAPH_VIEW (view)));
      gtk_widget_set_halign (GTK_WIDGET (overview), GTK_ALIGN_START);
      gtk_widget_set_valign (GTK_WIDGET (overview), GTK_ALIGN_END);
      gtk_overlay_add_overlay (GTK_OVERLAY (overlay), GTK_WIDGET (overview));
    }
  gtk_container_add (GTK_CONTAINER (window), overlay);
  gtk_widget_show_all (window);
  wait_for_allocation (view);

  /* The view builds the diagram's scene, which every frame draws. */
  start = g_get_monotonic_time ();
  extopo_graph_view_set_geometry (EXTOPO_GRAPH_VIEW (view), geometry, FALSE);
  printf ("scene built in %.2f s\n", (g_get_monotonic_time () - start) / 1e6);
  printf ("%u frames of %dx%d each, %s\n", (guint) frames, WIDTH, HEIGHT,
          overview != NULL ? "the overview shown" : "no overview");
  run (EXTOPO_GRAPH_VIEW (view), overview, "full view, first frame after layout", MOVE_PAN, 1);

  extopo_graph_view_zoom_fit (EXTOPO_GRAPH_VIEW (view));
  run (EXTOPO_GRAPH_VIEW (view), overview, "full view, zooming by steps", MOVE_ZOOM, frames);
  extopo_graph_view_zoom_fit (EXTOPO_GRAPH_VIEW (view));
  run (EXTOPO_GRAPH_VIEW (view), overview, "full view, panning", MOVE_PAN, frames);
  extopo_graph_view_zoom_fit (EXTOPO_GRAPH_VIEW (view));
  run (EXTOPO_GRAPH_VIEW (view), overview, "full view, Ctrl+wheel", MOVE_WHEEL, frames);

  extopo_graph_view_zoom_fit (EXTOPO_GRAPH_VIEW (view));
  extopo_graph_view_zoom_reset (EXTOPO_GRAPH_VIEW (view));
  run (EXTOPO_GRAPH_VIEW (view), overview, "100 %, zooming by steps", MOVE_ZOOM, frames);
  extopo_graph_view_zoom_reset (EXTOPO_GRAPH_VIEW (view));
  run (EXTOPO_GRAPH_VIEW (view), overview, "100 %, panning", MOVE_PAN, frames);
  extopo_graph_view_zoom_reset (EXTOPO_GRAPH_VIEW (view));
  run (EXTOPO_GRAPH_VIEW (view), overview, "100 %, Ctrl+wheel", MOVE_WHEEL, frames);

  gtk_widget_destroy (window);

  return 0;
}
