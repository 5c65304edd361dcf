/* test-graph-view.c: the diagram widget's transform, hit test, selection and view keeping.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-graph-view"

#include "config.h"

#include <math.h>
#include <string.h>
#include <gtk/gtk.h>

#include "extopo-graph-view.h"
#include "extopo-overview.h"
#include "extopo-layout.h"
#include "extopo-loader.h"
#include "extopo-model.h"
#include "extopo-renderer.h"
#include "test-ui-util.h"

#define VIEW_WIDTH  640
#define VIEW_HEIGHT 480

/* Laid out once: Graphviz is the slow part. */
static ExtopoModel *sample_model;
static ExtopoGeometry *sample_geometry;

typedef struct
{
  GtkWidget       *window;
  ExtopoGraphView *view;
} Fixture;

static void
load_sample (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ExtopoLayoutOptions options = { EXTOPO_VIEW_ROUTING, NULL };

  path = g_build_filename (g_getenv ("EXTOPO_SAMPLES_DIR"), "coexistence.ldif", NULL);
  sample_model = extopo_loader_load_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sample_model);

  sample_geometry = extopo_layout_compute (sample_model, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sample_geometry);
  g_assert_cmpuint (sample_geometry->nodes->len, >, 3);
}

/* Spins the main loop until the window has its size, never more than a few
 * thousand iterations. */
static void
wait_for_allocation (GtkWidget *widget)
{
  for (guint i = 0; i < 5000; i++)
    {
      if (gtk_widget_get_allocated_width (widget) == VIEW_WIDTH
          && gtk_widget_get_allocated_height (widget) == VIEW_HEIGHT
          && gtk_widget_get_realized (widget))
        return;
      g_main_context_iteration (NULL, FALSE);
    }

  g_assert_cmpint (gtk_widget_get_allocated_width (widget), ==, VIEW_WIDTH);
  g_assert_cmpint (gtk_widget_get_allocated_height (widget), ==, VIEW_HEIGHT);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = gtk_offscreen_window_new ();
  fixture->view = EXTOPO_GRAPH_VIEW (extopo_graph_view_new ());
  gtk_widget_set_size_request (GTK_WIDGET (fixture->view), VIEW_WIDTH, VIEW_HEIGHT);
  gtk_container_add (GTK_CONTAINER (fixture->window), GTK_WIDGET (fixture->view));
  gtk_widget_show_all (fixture->window);
  wait_for_allocation (GTK_WIDGET (fixture->view));

  extopo_graph_view_set_geometry (fixture->view, sample_geometry, FALSE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_widget_destroy (fixture->window);
}

/* The widget point of a diagram point, from the public zoom and visible
 * rectangle alone (not from the widget's own inverse). */
static void
to_widget (ExtopoGraphView *view,
           double           dx,
           double           dy,
           double          *x,
           double          *y)
{
  ExtopoRect visible;
  double zoom = extopo_graph_view_get_zoom (view);

  extopo_graph_view_get_visible_rect (view, &visible);
  *x = (dx - visible.x) * zoom;
  *y = (dy - visible.y) * zoom;
}

static double
distance_to_edge (const ExtopoGeoEdge *edge,
                  double               x,
                  double               y)
{
  double best = G_MAXDOUBLE;

  for (guint i = 0; i + 3 < edge->n_points; i += 3)
    {
      const double *p = edge->points + 2 * i;

      for (guint k = 0; k <= 32; k++)
        {
          double t = k / 32.0;
          double u = 1 - t;
          double bx = u * u * u * p[0] + 3 * u * u * t * p[2] + 3 * u * t * t * p[4] + t * t * t * p[6];
          double by = u * u * u * p[1] + 3 * u * u * t * p[3] + 3 * u * t * t * p[5] + t * t * t * p[7];

          best = MIN (best, hypot (bx - x, by - y));
        }
    }

  return best;
}

/* TRUE when (x, y) is clear of every server box and edge path by @margin
 * points and inside no frame deeper than @frame. */
static gboolean
point_is_bare_frame (ExtopoGeometry *geometry,
                     guint           frame_index,
                     double          x,
                     double          y,
                     double          margin)
{
  const ExtopoGeoFrame *frame = &g_array_index (geometry->frames, ExtopoGeoFrame, frame_index);

  if (!extopo_rect_contains_point (&frame->box, x, y))
    return FALSE;

  for (guint i = 0; i < geometry->nodes->len; i++)
    {
      const ExtopoGeoNode *node = &g_array_index (geometry->nodes, ExtopoGeoNode, i);
      ExtopoRect grown = node->box;

      grown.x -= margin;
      grown.y -= margin;
      grown.width += 2 * margin;
      grown.height += 2 * margin;
      if (extopo_rect_contains_point (&grown, x, y))
        return FALSE;
    }

  for (guint i = 0; i < geometry->edges->len; i++)
    {
      const ExtopoGeoEdge *edge = &g_array_index (geometry->edges, ExtopoGeoEdge, i);

      if (distance_to_edge (edge, x, y) < margin
          || hypot (edge->label_x - x, edge->label_y - y) < 4 * margin)
        return FALSE;
    }

  for (guint i = 0; i < geometry->frames->len; i++)
    {
      const ExtopoGeoFrame *other = &g_array_index (geometry->frames, ExtopoGeoFrame, i);

      if (i != frame_index && other->depth > frame->depth
          && extopo_rect_contains_point (&other->box, x, y))
        return FALSE;
    }

  return TRUE;
}

/* A routing group frame and a point of it that holds nothing else. */
static gboolean
find_bare_frame_point (ExtopoGeometry *geometry,
                       guint          *frame_index,
                       double         *x,
                       double         *y)
{
  for (guint i = 0; i < geometry->frames->len; i++)
    {
      const ExtopoGeoFrame *frame = &g_array_index (geometry->frames, ExtopoGeoFrame, i);

      if (frame->kind != EXTOPO_OBJECT_ROUTING_GROUP)
        continue;

      for (guint gy = 1; gy < 16; gy++)
        for (guint gx = 1; gx < 16; gx++)
          {
            double px = frame->box.x + frame->box.width * gx / 16.0;
            double py = frame->box.y + frame->box.height * gy / 16.0;

            if (point_is_bare_frame (geometry, i, px, py, 12.0))
              {
                *frame_index = i;
                *x = px;
                *y = py;
                return TRUE;
              }
          }
    }

  return FALSE;
}

/* Checks a server, a connector, a group and empty space at the current view. */
static void
check_hits (ExtopoGraphView *view)
{
  ExtopoGeometry *geometry = extopo_graph_view_get_geometry (view);
  const ExtopoGeoNode *node;
  const ExtopoGeoEdge *edge = NULL;
  const ExtopoGeoFrame *frame;
  ExtopoHit hit;
  double dx;
  double dy;
  double x;
  double y;
  guint frame_index = 0;

  /* Every server, at its box's centre. */
  for (guint i = 0; i < geometry->nodes->len; i++)
    {
      node = &g_array_index (geometry->nodes, ExtopoGeoNode, i);
      to_widget (view, node->box.x + node->box.width / 2, node->box.y + node->box.height / 2,
                 &x, &y);
      g_assert_true (extopo_graph_view_hit_test (view, x, y, &hit));
      g_assert_cmpint (hit.kind, ==, EXTOPO_OBJECT_SERVER);
      g_assert_true (hit.object == node->server);
      g_assert_cmpint (hit.index, ==, (int) i);
    }

  /* A connector, half-way along its path, away from any server box. */
  for (guint i = 0; i < geometry->edges->len && edge == NULL; i++)
    {
      const ExtopoGeoEdge *candidate = &g_array_index (geometry->edges, ExtopoGeoEdge, i);
      gboolean clear = TRUE;

      extopo_geo_edge_get_midpoint (candidate, &dx, &dy);
      for (guint k = 0; k < geometry->nodes->len && clear; k++)
        {
          node = &g_array_index (geometry->nodes, ExtopoGeoNode, k);
          clear = !extopo_rect_contains_point (&node->box, dx, dy);
        }
      if (clear)
        edge = candidate;
    }
  g_assert_nonnull (edge);
  to_widget (view, dx, dy, &x, &y);
  g_assert_true (extopo_graph_view_hit_test (view, x, y, &hit));
  g_assert_cmpint (hit.kind, ==, EXTOPO_OBJECT_CONNECTOR);
  g_assert_true (&g_array_index (geometry->edges, ExtopoGeoEdge, hit.index) == edge);

  /* Its label point, where the cost is written. */
  to_widget (view, edge->label_x, edge->label_y, &x, &y);
  g_assert_true (extopo_graph_view_hit_test (view, x, y, &hit));
  g_assert_cmpint (hit.kind, ==, EXTOPO_OBJECT_CONNECTOR);

  /* Bare space inside a routing group. */
  g_assert_true (find_bare_frame_point (geometry, &frame_index, &dx, &dy));
  frame = &g_array_index (geometry->frames, ExtopoGeoFrame, frame_index);
  to_widget (view, dx, dy, &x, &y);
  g_assert_true (extopo_graph_view_hit_test (view, x, y, &hit));
  g_assert_cmpint (hit.kind, ==, EXTOPO_OBJECT_ROUTING_GROUP);
  g_assert_true (hit.object == frame->object);

  /* Outside the diagram. */
  to_widget (view, geometry->bounds.x - 20, geometry->bounds.y - 20, &x, &y);
  g_assert_false (extopo_graph_view_hit_test (view, x, y, &hit));
  g_assert_cmpint (hit.kind, ==, EXTOPO_OBJECT_NONE);
  g_assert_null (hit.object);
}

/* The view's frame on a surface of @scale device pixels per widget pixel. */
static cairo_surface_t *
render_view_scaled (ExtopoGraphView *view,
                    int              scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         VIEW_WIDTH * scale,
                                                         VIEW_HEIGHT * scale);
  cairo_t *cr;

  cairo_surface_set_device_scale (surface, scale, scale);
  cr = cairo_create (surface);

  extopo_graph_view_render (view, cr, VIEW_WIDTH, VIEW_HEIGHT);

  /* Should the render have gone to a worker on a slow machine, wait for it
   * (a bounded spin) and draw again. */
  for (guint i = 0; i < 1000 && extopo_graph_view_is_rendering (view); i++)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (extopo_graph_view_is_rendering (view));
  extopo_graph_view_render (view, cr, VIEW_WIDTH, VIEW_HEIGHT);

  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

static cairo_surface_t *
render_view (ExtopoGraphView *view)
{
  return render_view_scaled (view, 1);
}

static guint
channel_difference (guint32 a,
                    guint32 b)
{
  guint most = 0;

  for (guint shift = 0; shift < 32; shift += 8)
    most = MAX (most, (guint) ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)));

  return most;
}

/* The pixels agree with the hit test: the widget's frame matches the
 * renderer drawn straight through the public zoom and visible rectangle
 * (within a pixel, as the widget puts its bitmap on whole pixels). */
static void
check_pixels_scaled (ExtopoGraphView *view,
                     int              scale)
{
  const int width = VIEW_WIDTH * scale;
  const int height = VIEW_HEIGHT * scale;
  ExtopoGeometry *geometry = extopo_graph_view_get_geometry (view);
  g_autoptr(GtkWidget) empty = g_object_ref_sink (extopo_graph_view_new ());
  double zoom;
  ExtopoRenderOptions options;
  ExtopoRect visible;
  cairo_surface_t *drawn;
  cairo_surface_t *bare;
  cairo_surface_t *expected;
  cairo_t *cr;
  guint32 *a;
  guint32 *b;
  guint32 *e;
  guint stride;
  guint differing = 0;
  guint painted = 0;

  /* Hiding the legend refits a fitted view: read the view without it. */
  extopo_graph_view_set_show_legend (view, FALSE);
  extopo_graph_view_set_show_legend (EXTOPO_GRAPH_VIEW (empty), FALSE);
  zoom = extopo_graph_view_get_zoom (view);
  extopo_graph_view_get_visible_rect (view, &visible);
  drawn = render_view_scaled (view, scale);
  bare = render_view_scaled (EXTOPO_GRAPH_VIEW (empty), scale);
  expected = render_view_scaled (EXTOPO_GRAPH_VIEW (empty), scale);
  extopo_graph_view_set_show_legend (view, TRUE);

  cr = cairo_create (expected);
  cairo_scale (cr, zoom, zoom);
  cairo_translate (cr, -visible.x, -visible.y);
  extopo_render_options_init (&options);
  options.scale = zoom;
  options.visible = &visible;
  extopo_renderer_draw_graph (cr, geometry, &options);
  cairo_destroy (cr);
  cairo_surface_flush (expected);

  a = (guint32 *) cairo_image_surface_get_data (drawn);
  b = (guint32 *) cairo_image_surface_get_data (bare);
  e = (guint32 *) cairo_image_surface_get_data (expected);
  stride = cairo_image_surface_get_stride (drawn) / 4;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint i = (guint) y * stride + (guint) x;

        gboolean near = FALSE;

        painted += e[i] != b[i];

        /* Half a pixel of placement is allowed: look at the neighbours too. */
        for (int dy = -1; dy <= 1 && !near; dy++)
          for (int dx = -1; dx <= 1 && !near; dx++)
            {
              int nx = CLAMP (x + dx, 0, width - 1);
              int ny = CLAMP (y + dy, 0, height - 1);

              near = channel_difference (a[i], e[ny * stride + nx]) <= 64;
            }
        differing += !near;
      }

  g_test_message ("%u pixels painted, %u differ", painted, differing);
  g_assert_cmpuint (painted, >, (guint) (width * height / 20));
  g_assert_cmpuint (differing, <, painted / 50);

  cairo_surface_destroy (drawn);
  cairo_surface_destroy (bare);
  cairo_surface_destroy (expected);
}

static void
check_pixels (ExtopoGraphView *view)
{
  check_pixels_scaled (view, 1);
}

static void
test_hit_test (Fixture       *fixture,
               gconstpointer  data)
{
  ExtopoGraphView *view = fixture->view;

  /* Fitted on the first geometry. */
  check_hits (view);
  check_pixels (view);

  /* Around the middle of the fitted drawing, where there is something to draw. */
  extopo_graph_view_set_zoom_at (view, 1.0, VIEW_WIDTH / 2.0, VIEW_HEIGHT / 2.0);
  g_assert_cmpfloat_with_epsilon (extopo_graph_view_get_zoom (view), 1.0, 1e-9);
  check_hits (view);
  check_pixels (view);

  extopo_graph_view_set_zoom_at (view, 2.5, VIEW_WIDTH / 2.0, VIEW_HEIGHT / 2.0);
  g_assert_cmpfloat_with_epsilon (extopo_graph_view_get_zoom (view), 2.5, 1e-9);
  check_hits (view);

  extopo_graph_view_scroll_by (view, 37, -21);
  check_hits (view);
  check_pixels (view);

  /* On a screen of two device pixels per pixel. */
  check_pixels_scaled (view, 2);
}

static void
test_tooltip (Fixture       *fixture,
              gconstpointer  data)
{
  ExtopoGeometry *geometry = extopo_graph_view_get_geometry (fixture->view);
  gboolean found = FALSE;

  for (guint i = 0; i < geometry->nodes->len; i++)
    {
      const ExtopoGeoNode *node = &g_array_index (geometry->nodes, ExtopoGeoNode, i);
      g_autofree char *markup = NULL;
      double x;
      double y;

      if (g_strcmp0 (node->server->name, "SEA-EX01") != 0)
        continue;

      to_widget (fixture->view, node->box.x + 2, node->box.y + 2, &x, &y);
      markup = extopo_graph_view_get_tooltip_markup (fixture->view, x, y);
      g_assert_nonnull (markup);
      g_assert_true (pango_parse_markup (markup, -1, 0, NULL, NULL, NULL, NULL));
      g_assert_nonnull (strstr (markup, "<b>SEA-EX01</b>"));
      g_assert_nonnull (strstr (markup, "Exchange Server 2003 SP2 (6.5.7638.2)"));
      found = TRUE;
    }

  g_assert_true (found);
  g_assert_null (extopo_graph_view_get_tooltip_markup (fixture->view, -500, -500));
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_zoom_around_pointer (Fixture       *fixture,
                          gconstpointer  data)
{
  ExtopoGraphView *view = fixture->view;
  const double points[][2] = { { 200, 150 }, { 500, 400 }, { 320, 240 } };
  guint notified = 0;

  g_signal_connect (view, "notify::zoom", G_CALLBACK (count_notify_cb), &notified);

  for (guint i = 0; i < G_N_ELEMENTS (points); i++)
    {
      double px = points[i][0];
      double py = points[i][1];
      double before_x;
      double before_y;
      double after_x;
      double after_y;
      double zoom = extopo_graph_view_get_zoom (view);

      extopo_graph_view_widget_to_diagram (view, px, py, &before_x, &before_y);
      notified = 0;
      extopo_graph_view_set_zoom_at (view, zoom * 1.7, px, py);
      g_assert_cmpuint (notified, ==, 1);
      g_assert_cmpfloat_with_epsilon (extopo_graph_view_get_zoom (view), zoom * 1.7, 1e-9);

      extopo_graph_view_widget_to_diagram (view, px, py, &after_x, &after_y);
      g_assert_cmpfloat_with_epsilon (after_x, before_x, 1e-6);
      g_assert_cmpfloat_with_epsilon (after_y, before_y, 1e-6);

      /* The same zoom again is no change: no notification. */
      extopo_graph_view_set_zoom_at (view, zoom * 1.7, px, py);
      g_assert_cmpuint (notified, ==, 1);
    }

  /* Clamped at both ends. */
  extopo_graph_view_set_zoom_at (view, 1000.0, -1, -1);
  g_assert_cmpfloat (extopo_graph_view_get_zoom (view), <=, 8.0);
  extopo_graph_view_set_zoom_at (view, 1e-9, -1, -1);
  g_assert_cmpfloat (extopo_graph_view_get_zoom (view), >, 0.0);

  /* The keyboard steps go in opposite directions. */
  extopo_graph_view_zoom_reset (view);
  g_assert_cmpfloat_with_epsilon (extopo_graph_view_get_zoom (view), 1.0, 1e-9);
  extopo_graph_view_zoom_in (view);
  g_assert_cmpfloat (extopo_graph_view_get_zoom (view), >, 1.0);
  extopo_graph_view_zoom_out (view);
  extopo_graph_view_zoom_out (view);
  g_assert_cmpfloat (extopo_graph_view_get_zoom (view), <, 1.0);
}

static void
assert_bounds_visible (ExtopoGraphView *view)
{
  ExtopoGeometry *geometry = extopo_graph_view_get_geometry (view);
  ExtopoRect visible;

  extopo_graph_view_get_visible_rect (view, &visible);
  g_assert_cmpfloat (visible.x, <=, geometry->bounds.x);
  g_assert_cmpfloat (visible.y, <=, geometry->bounds.y);
  g_assert_cmpfloat (visible.x + visible.width, >=, geometry->bounds.x + geometry->bounds.width);
  g_assert_cmpfloat (visible.y + visible.height, >=, geometry->bounds.y + geometry->bounds.height);
}

/* Two servers 300,000 points apart, in a geometry of no model. */
static ExtopoGeometry *
make_wide_geometry (void)
{
  static ExtopoServer servers[2] = { { .name = (char *) "WEST" }, { .name = (char *) "EAST" } };
  ExtopoGeometry *geometry = extopo_geometry_new (NULL, EXTOPO_VIEW_ROUTING);

  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    {
      ExtopoGeoNode node = { { i * 300000.0, 0, 160, 60 }, &servers[i], -1 };

      extopo_geometry_add_node (geometry, &node);
    }
  extopo_geometry_finish (geometry);

  return geometry;
}

static void
test_fit (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(ExtopoGeometry) wide = make_wide_geometry ();
  ExtopoGraphView *view = fixture->view;
  ExtopoGeometry *geometry = extopo_graph_view_get_geometry (view);
  ExtopoRect visible;
  double fit_zoom;

  /* Fitted on the first geometry, then again on demand after moving away. */
  assert_bounds_visible (view);
  fit_zoom = extopo_graph_view_get_zoom (view);

  extopo_graph_view_set_zoom_at (view, 4.0, 10, 10);
  extopo_graph_view_scroll_by (view, 500, 300);
  extopo_graph_view_get_visible_rect (view, &visible);
  g_assert_false (visible.width >= geometry->bounds.width && visible.height >= geometry->bounds.height);

  extopo_graph_view_zoom_fit (view);
  assert_bounds_visible (view);
  g_assert_cmpfloat_with_epsilon (extopo_graph_view_get_zoom (view), fit_zoom, 1e-9);

  /* Panning far away stops with the diagram still in view. */
  extopo_graph_view_scroll_by (view, 1e6, 1e6);
  extopo_graph_view_get_visible_rect (view, &visible);
  g_assert_true (extopo_rect_intersects (&visible, &geometry->bounds));

  /* A diagram so wide that it fits only below the usual lowest zoom, beside
   * the legend. */
  extopo_graph_view_set_show_legend (view, TRUE);
  extopo_graph_view_set_geometry (view, wide, FALSE);
  assert_bounds_visible (view);
  g_assert_cmpfloat (extopo_graph_view_get_zoom (view), <, 0.01);
  extopo_graph_view_set_zoom_at (view, 1.0, -1, -1);
  extopo_graph_view_zoom_fit (view);
  assert_bounds_visible (view);
}

/* In a narrow view the legend folds into a chip that takes no room from the
 * fit, so a small organization at fit is large enough for server names
 * (9-point names drawn at 4 pixels or more). */
static void
test_legend_folds (Fixture       *fixture,
                   gconstpointer  data)
{
  ExtopoGraphView *view = fixture->view;
  ExtopoLayoutOptions layout_options = { EXTOPO_VIEW_ROUTING, NULL };
  g_autofree char *path = g_build_filename (g_getenv ("EXTOPO_SAMPLES_DIR"), "mixed-mode.ldif",
                                            NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoModel) model = extopo_loader_load_file (path, NULL, &error);
  g_autoptr(ExtopoGeometry) geometry = NULL;
  double with_legend, without_legend;

  /* The small sample (the coexistence one has grown to 19 servers in six
   * routing groups). */
  g_assert_no_error (error);
  geometry = extopo_layout_compute (model, &layout_options, NULL, &error);
  g_assert_no_error (error);
  extopo_graph_view_set_geometry (view, geometry, FALSE);

  extopo_graph_view_set_show_legend (view, TRUE);
  extopo_graph_view_zoom_fit (view);
  with_legend = extopo_graph_view_get_zoom (view);
  assert_bounds_visible (view);
  extopo_graph_view_set_show_legend (view, FALSE);
  without_legend = extopo_graph_view_get_zoom (view);
  extopo_graph_view_set_show_legend (view, TRUE);

  g_assert_cmpfloat_with_epsilon (with_legend, without_legend, 1e-9);
  g_assert_cmpfloat (with_legend * 9.0, >=, 4.0);
}

#define WIDE_WIDTH  1600
#define WIDE_HEIGHT 900

/* Server names are set in 9 points: at 6 pixels or more they can be read. */
#define NAME_POINTS   9.0
#define READABLE_PX   6.0

static void click (GtkWidget *widget,
                   double     x,
                   double     y);

/* Paints the view once at its size, so that the legend (or its chip)
 * knows where it is, as after a frame on screen; then lets the time of a
 * double click pass, so that the next click is a click of its own. */
static void
paint_wide (ExtopoGraphView *view)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (view));
  int double_click_ms = 400;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDE_WIDTH,
                                                         WIDE_HEIGHT);
  cairo_t *cr = cairo_create (surface);

  extopo_graph_view_render (view, cr, WIDE_WIDTH, WIDE_HEIGHT);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);

  g_object_get (settings, "gtk-double-click-time", &double_click_ms, NULL);
  spin_ms (double_click_ms + 50);
}

/* In a wide view the legend starts open beside a fitted diagram. Folded
 * with a click, it gives the diagram the room back; opened again with a
 * click on its chip, it lies over the corner and the diagram keeps its
 * size: refitted beside the legend (what 7c7d374 fixed), it would shrink
 * by the legend's width, and the test checks that the two differ. */
static void
test_legend_open_keeps_zoom (void)
{
  GtkWidget *window = gtk_offscreen_window_new ();
  ExtopoGraphView *view = EXTOPO_GRAPH_VIEW (extopo_graph_view_new ());
  GtkWidget *widget = GTK_WIDGET (view);
  /* A corner point inside the open legend and inside its chip. */
  double x = WIDE_WIDTH - 24;
  double y = WIDE_HEIGHT - 20;
  double beside_legend;
  double folded;
  double opened;

  gtk_widget_set_size_request (widget, WIDE_WIDTH, WIDE_HEIGHT);
  gtk_container_add (GTK_CONTAINER (window), widget);
  gtk_widget_show_all (window);
  for (guint i = 0; i < 5000 && gtk_widget_get_allocated_width (widget) != WIDE_WIDTH; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (gtk_widget_get_allocated_width (widget), ==, WIDE_WIDTH);
  g_assert_cmpint (gtk_widget_get_allocated_height (widget), ==, WIDE_HEIGHT);

  extopo_graph_view_set_geometry (view, sample_geometry, FALSE);
  g_assert_true (extopo_graph_view_get_show_legend (view));
  beside_legend = extopo_graph_view_get_zoom (view);
  paint_wide (view);

  /* Folded: the fit takes the whole width. */
  click (widget, x, y);
  folded = extopo_graph_view_get_zoom (view);
  g_assert_cmpfloat (folded, >, beside_legend * 1.1);
  paint_wide (view);

  /* Opened again with a real click on the chip: the same size. */
  click (widget, x, y);
  opened = extopo_graph_view_get_zoom (view);
  g_test_message ("zoom beside the legend %.3f, folded %.3f, opened %.3f", beside_legend,
                  folded, opened);
  g_assert_cmpfloat_with_epsilon (opened, folded, 1e-9);
  g_assert_cmpfloat (opened * NAME_POINTS, >=, READABLE_PX);
  /* The old refit's zoom would have failed the equality above. */
  g_assert_cmpfloat (beside_legend, <, opened / 1.1);

  gtk_widget_destroy (window);
}

static void
count_cb (ExtopoGraphView *view,
          guint           *count)
{
  (*count)++;
}

/* An event for @widget's window from the default seat's pointer or keyboard. */
static GdkEvent *
new_event (GtkWidget    *widget,
           GdkEventType  type)
{
  GdkSeat *seat = gdk_display_get_default_seat (gtk_widget_get_display (widget));
  GdkEvent *event = gdk_event_new (type);

  event->any.window = g_object_ref (gtk_widget_get_window (widget));
  event->any.send_event = TRUE;
  gdk_event_set_device (event, type == GDK_KEY_PRESS ? gdk_seat_get_keyboard (seat)
                                                     : gdk_seat_get_pointer (seat));

  return event;
}

/* @n presses and releases in quick succession, far enough in time from
 * the last ones that they never join them into a double click. */
static void
click_n (GtkWidget *widget,
         double     x,
         double     y,
         guint      n)
{
  static guint32 time = 1000;
  const GdkEventType types[] = { GDK_BUTTON_PRESS, GDK_BUTTON_RELEASE };

  time += 5000;
  for (guint k = 0; k < n; k++)
    for (guint i = 0; i < G_N_ELEMENTS (types); i++)
      {
        GdkEvent *event = new_event (widget, types[i]);

        event->button.time = time + 100 * k + 20 * i;
        event->button.x = x;
        event->button.y = y;
        event->button.button = GDK_BUTTON_PRIMARY;
        event->button.state = types[i] == GDK_BUTTON_RELEASE ? GDK_BUTTON1_MASK : 0;
        gtk_main_do_event (event);
        gdk_event_free (event);
      }
}

static void
click (GtkWidget *widget,
       double     x,
       double     y)
{
  click_n (widget, x, y, 1);
}

static void
send_key (GtkWidget *widget,
          guint      keyval)
{
  GdkEvent *event = new_event (widget, GDK_KEY_PRESS);

  event->key.keyval = keyval;
  g_assert_true (gtk_widget_event (widget, event));
  gdk_event_free (event);
}

/* Centres the first server, clicks it and checks that it got selected. */
static const ExtopoGeoNode *
click_first_node (ExtopoGraphView *view,
                  guint           *changed)
{
  ExtopoGeometry *geometry = extopo_graph_view_get_geometry (view);
  const ExtopoGeoNode *node = &g_array_index (geometry->nodes, ExtopoGeoNode, 0);
  ExtopoObjectKind kind = EXTOPO_OBJECT_NONE;
  guint before = *changed;
  double x;
  double y;

  extopo_graph_view_center_on (view, EXTOPO_OBJECT_SERVER, node->server);
  to_widget (view, node->box.x + node->box.width / 2, node->box.y + node->box.height / 2, &x, &y);
  click (GTK_WIDGET (view), x, y);
  g_assert_cmpuint (*changed, ==, before + 1);
  g_assert_true (extopo_graph_view_get_selection (view, &kind) == node->server);
  g_assert_cmpint (kind, ==, EXTOPO_OBJECT_SERVER);

  /* Clicking the same server again changes nothing. */
  click (GTK_WIDGET (view), x, y);
  g_assert_cmpuint (*changed, ==, before + 1);

  return node;
}


/* A press, ten pointer moves @step_ms apart with the button held, and a
 * release @release_ms after the press, as the display sends them. */
static void
drag_timed (GtkWidget *widget,
            guint      button,
            double     x,
            double     y,
            double     dx,
            double     dy,
            guint      step_ms,
            guint      release_ms)
{
  static guint32 time = 500000;
  GdkModifierType held = button == GDK_BUTTON_MIDDLE ? GDK_BUTTON2_MASK : GDK_BUTTON1_MASK;
  GdkEvent *event = new_event (widget, GDK_BUTTON_PRESS);

  time += 5000;
  event->button.time = time;
  event->button.x = x;
  event->button.y = y;
  event->button.button = button;
  gtk_main_do_event (event);
  gdk_event_free (event);

  for (guint step = 1; step <= 10; step++)
    {
      event = new_event (widget, GDK_MOTION_NOTIFY);
      event->motion.time = time + step_ms * step;
      event->motion.x = x + dx * step / 10;
      event->motion.y = y + dy * step / 10;
      event->motion.state = held;
      gtk_main_do_event (event);
      gdk_event_free (event);
    }

  event = new_event (widget, GDK_BUTTON_RELEASE);
  event->button.time = time + release_ms;
  event->button.x = x + dx;
  event->button.y = y + dy;
  event->button.button = button;
  event->button.state = held;
  gtk_main_do_event (event);
  gdk_event_free (event);
  time += release_ms;
}

/* A drag at an easy pace that rests a moment before the release. */
static void
drag (GtkWidget *widget,
      guint      button,
      double     x,
      double     y,
      double     dx,
      double     dy)
{
  drag_timed (widget, button, x, y, dx, dy, 20, 300);
}

/* Dragging the background with the left button, or anywhere with the
 * middle one, moves the diagram with the pointer; a left drag that starts
 * on a server does not, and no drag selects what it ends on. */
static void
test_drag_pans (Fixture       *fixture,
                gconstpointer  data)
{
  ExtopoGraphView *view = fixture->view;
  GtkWidget *widget = GTK_WIDGET (view);
  ExtopoGeometry *geometry = extopo_graph_view_get_geometry (view);
  const ExtopoGeoNode *node = &g_array_index (geometry->nodes, ExtopoGeoNode, 0);
  ExtopoRect before, after;
  double zoom, x, y;
  guint changed = 0;

  g_signal_connect (view, "selection-changed", G_CALLBACK (count_cb), &changed);
  extopo_graph_view_center_on (view, EXTOPO_OBJECT_SERVER, node->server);
  extopo_graph_view_set_zoom_at (view, 1.0, -1, -1);
  zoom = extopo_graph_view_get_zoom (view);

  /* Left button, from outside every box. */
  to_widget (view, node->box.x - 30, node->box.y + node->box.height / 2, &x, &y);
  {
    ExtopoHit hit;

    extopo_graph_view_hit_test (view, x, y, &hit);
    g_assert_cmpint (hit.kind, !=, EXTOPO_OBJECT_SERVER);
    g_assert_cmpint (hit.kind, !=, EXTOPO_OBJECT_CONNECTOR);
  }
  extopo_graph_view_get_visible_rect (view, &before);
  drag (widget, GDK_BUTTON_PRIMARY, x, y, 60, 40);
  extopo_graph_view_get_visible_rect (view, &after);
  g_assert_cmpfloat_with_epsilon (after.x, before.x - 60 / zoom, 1e-6);
  g_assert_cmpfloat_with_epsilon (after.y, before.y - 40 / zoom, 1e-6);

  /* Middle button, from a server. */
  to_widget (view, node->box.x + node->box.width / 2, node->box.y + node->box.height / 2, &x, &y);
  before = after;
  drag (widget, GDK_BUTTON_MIDDLE, x, y, -50, 0);
  extopo_graph_view_get_visible_rect (view, &after);
  g_assert_cmpfloat_with_epsilon (after.x, before.x + 50 / zoom, 1e-6);

  /* Left button from a server: no pan. */
  to_widget (view, node->box.x + node->box.width / 2, node->box.y + node->box.height / 2, &x, &y);
  before = after;
  drag (widget, GDK_BUTTON_PRIMARY, x, y, 40, 0);
  extopo_graph_view_get_visible_rect (view, &after);
  g_assert_cmpfloat_with_epsilon (after.x, before.x, 1e-6);

  /* The two pans selected nothing. */
  g_assert_cmpuint (changed, ==, 0);
}


static gboolean
timed_out_cb (gpointer data)
{
  *(gboolean *) data = TRUE;

  return G_SOURCE_REMOVE;
}

/* Spins until the view's left edge passes @left_of, or it stops gliding,
 * at most ten seconds; TRUE when it passed. */
static gboolean
wait_glides_past (ExtopoGraphView *view,
                  double           left_of)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (10, timed_out_cb, &timed_out);
  ExtopoRect visible;

  do
    {
      g_main_context_iteration (NULL, TRUE);
      extopo_graph_view_get_visible_rect (view, &visible);
    }
  while (visible.x >= left_of && extopo_graph_view_is_flinging (view) && !timed_out);
  if (!timed_out)
    g_source_remove (id);

  return visible.x < left_of;
}

static gboolean
fling_ended (gpointer view)
{
  return !extopo_graph_view_is_flinging (view);
}

/* A fast drag of the background (150 pixels in 50 ms, released on the
 * move) leaves the view gliding on the same way after the release, slower
 * and slower until it stops; a slow one, or one that rests before the
 * release, does not; a press catches a gliding view; with animations
 * turned off, nothing glides. */
static void
test_drag_flings (Fixture       *fixture,
                  gconstpointer  data)
{
  ExtopoGraphView *view = fixture->view;
  GtkWidget *widget = GTK_WIDGET (view);
  GtkSettings *settings = gtk_widget_get_settings (widget);
  ExtopoRect start, released, gliding, stopped, later;
  double x = 40;
  double y = 40;
  ExtopoHit hit;

  extopo_graph_view_set_zoom_at (view, 1.0, -1, -1);
  g_object_set (settings, "gtk-enable-animations", TRUE, NULL);
  extopo_graph_view_hit_test (view, x, y, &hit);
  g_assert_cmpint (hit.kind, !=, EXTOPO_OBJECT_SERVER);
  g_assert_cmpint (hit.kind, !=, EXTOPO_OBJECT_CONNECTOR);

  /* Fast: the view goes on moving left (the content right) after the
   * release, and comes to rest. */
  extopo_graph_view_get_visible_rect (view, &start);
  drag_timed (widget, GDK_BUTTON_PRIMARY, x, y, 150, 0, 5, 55);
  extopo_graph_view_get_visible_rect (view, &released);
  g_assert_cmpfloat_with_epsilon (released.x, start.x - 150, 1e-6);
  g_assert_true (extopo_graph_view_is_flinging (view));
  g_assert_true (wait_glides_past (view, released.x - 20));
  extopo_graph_view_get_visible_rect (view, &gliding);
  g_assert_cmpfloat_with_epsilon (gliding.y, released.y, 1e-6);
  g_assert_true (spin_until (fling_ended, view));
  extopo_graph_view_get_visible_rect (view, &stopped);
  g_assert_cmpfloat (stopped.x, <, gliding.x);
  /* About speed times the decay time (2,700 px/s x 0.325 s), not without end. */
  g_assert_cmpfloat (released.x - stopped.x, <, 2000);
  spin_ms (100);
  extopo_graph_view_get_visible_rect (view, &later);
  g_assert_cmpfloat (later.x, ==, stopped.x);

  /* Slow (60 pixels in 1 s), and a fast one that rests 200 ms before the
   * release: the view stops with the pointer. */
  drag_timed (widget, GDK_BUTTON_PRIMARY, x, y, 60, 0, 100, 1000);
  g_assert_false (extopo_graph_view_is_flinging (view));
  drag_timed (widget, GDK_BUTTON_MIDDLE, x, y, 0, 150, 5, 250);
  g_assert_false (extopo_graph_view_is_flinging (view));
  extopo_graph_view_get_visible_rect (view, &stopped);
  spin_ms (100);
  extopo_graph_view_get_visible_rect (view, &later);
  g_assert_cmpfloat (later.x, ==, stopped.x);
  g_assert_cmpfloat (later.y, ==, stopped.y);

  /* A press catches it. */
  drag_timed (widget, GDK_BUTTON_MIDDLE, x, y, 0, 150, 5, 55);
  g_assert_true (extopo_graph_view_is_flinging (view));
  spin_ms (50);
  click (widget, x, y);
  g_assert_false (extopo_graph_view_is_flinging (view));
  extopo_graph_view_get_visible_rect (view, &stopped);
  spin_ms (100);
  extopo_graph_view_get_visible_rect (view, &later);
  g_assert_cmpfloat (later.y, ==, stopped.y);

  /* So do a key and the wheel's zoom. */
  drag_timed (widget, GDK_BUTTON_MIDDLE, x, y, 150, 0, 5, 55);
  g_assert_true (extopo_graph_view_is_flinging (view));
  send_key (widget, GDK_KEY_Escape);
  g_assert_false (extopo_graph_view_is_flinging (view));
  drag_timed (widget, GDK_BUTTON_MIDDLE, x, y, 150, 0, 5, 55);
  g_assert_true (extopo_graph_view_is_flinging (view));
  extopo_graph_view_zoom_in (view);
  g_assert_false (extopo_graph_view_is_flinging (view));

  /* No animations, no glide. */
  g_object_set (settings, "gtk-enable-animations", FALSE, NULL);
  drag_timed (widget, GDK_BUTTON_MIDDLE, x, y, 150, 0, 5, 55);
  g_assert_false (extopo_graph_view_is_flinging (view));
  g_object_set (settings, "gtk-enable-animations", TRUE, NULL);
}

static void
send_key_mods (GtkWidget       *widget,
               guint            keyval,
               GdkModifierType  state)
{
  GdkEvent *event = new_event (widget, GDK_KEY_PRESS);

  event->key.keyval = keyval;
  event->key.state = state;
  gtk_widget_event (widget, event);
  gdk_event_free (event);
}

static void
box_centre (ExtopoGraphView *view,
            gpointer         object,
            double          *x,
            double          *y)
{
  ExtopoObjectKind kind;
  ExtopoRect box;

  extopo_graph_view_get_selection (view, &kind);
  g_assert_true (extopo_geometry_find_object (extopo_graph_view_get_geometry (view), kind,
                                              object, &box));
  *x = box.x + box.width / 2;
  *y = box.y + box.height / 2;
}

static void
record_group_cb (ExtopoGraphView *view,
                 guint            kind,
                 gpointer         group,
                 gpointer        *out)
{
  *out = group;
}

static ExtopoServer *
first_server_of (ExtopoRoutingGroup *group)
{
  GPtrArray *servers = extopo_model_get_servers (sample_model);

  for (guint i = 0; i < servers->len; i++)
    if (((ExtopoServer *) g_ptr_array_index (servers, i))->routing_group == group)
      return g_ptr_array_index (servers, i);

  return NULL;
}

static guint32
view_pixel (GtkWidget *widget,
            double     x,
            double     y)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, VIEW_WIDTH,
                                                         VIEW_HEIGHT);
  cairo_t *cr = cairo_create (surface);
  guint32 pixel;

  gtk_widget_draw (widget, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  pixel = *(guint32 *) (gpointer) (cairo_image_surface_get_data (surface) +
                                   (int) y * cairo_image_surface_get_stride (surface) +
                                   4 * (int) x) & 0xffffff;
  cairo_surface_destroy (surface);

  return pixel;
}

/* Hovering a server lights its group's connections; where one passes a
 * card of another group, the card stays on top, as it does for the
 * connector itself. A hand-made drawing: Seattle and Dallas joined by a
 * straight line that crosses Denver's card between them. */
static void
test_hover_under_cards (Fixture       *fixture,
                        gconstpointer  data)
{
  ExtopoGraphView *view = fixture->view;
  GtkWidget *widget = GTK_WIDGET (view);
  g_autoptr(ExtopoGeometry) geometry = extopo_geometry_new (sample_model, EXTOPO_VIEW_ROUTING);
  GPtrArray *groups = extopo_model_get_routing_groups (sample_model);
  GPtrArray *connections = extopo_model_get_connections (sample_model);
  ExtopoRoutingGroup *ends[3] = { NULL, NULL, NULL };
  const char *names[3] = { "Seattle", "Denver", "Dallas" };
  ExtopoConnection *connection = NULL;
  double points[] = { 200, 57, 333, 57, 466, 57, 600, 57 };
  ExtopoGeoEdge edge = { 0 };
  GdkEvent *event;
  double x, y, gap_x, gap_y;
  guint32 card_before, gap_before;

  for (guint i = 0; i < groups->len; i++)
    for (guint k = 0; k < 3; k++)
      if (g_str_equal (((ExtopoRoutingGroup *) g_ptr_array_index (groups, i))->name, names[k]))
        ends[k] = g_ptr_array_index (groups, i);
  for (guint i = 0; i < connections->len && connection == NULL; i++)
    {
      ExtopoConnection *c = g_ptr_array_index (connections, i);
      ExtopoConnector *half = c->forward != NULL ? c->forward : c->reverse;

      if (half != NULL &&
          ((half->source == ends[0] && half->target == ends[2]) ||
           (half->source == ends[2] && half->target == ends[0])))
        connection = c;
    }
  g_assert_nonnull (connection);

  for (guint k = 0; k < 3; k++)
    {
      ExtopoGeoFrame frame = { { 0 } };
      ExtopoGeoNode node = { { 0 } };

      g_assert_nonnull (ends[k]);
      frame.box = (ExtopoRect) { 300.0 * k, 0, 200, 100 };
      frame.label_box = (ExtopoRect) { 300.0 * k, 0, 200, 26 };
      frame.kind = EXTOPO_OBJECT_ROUTING_GROUP;
      frame.object = ends[k];
      frame.label = (char *) names[k];
      frame.parent = -1;
      frame.n_servers = 1;
      node.box = (ExtopoRect) { 300.0 * k + 25, 30, 150, 54 };
      node.server = first_server_of (ends[k]);
      g_assert_nonnull (node.server);
      node.frame = extopo_geometry_add_frame (geometry, &frame);
      extopo_geometry_add_node (geometry, &node);
    }
  edge.connection = connection;
  edge.points = points;
  edge.n_points = 4;
  edge.tail_frame = 0;
  edge.head_frame = 2;
  extopo_geometry_add_edge (geometry, &edge);
  extopo_geometry_finish (geometry);

  extopo_graph_view_set_geometry (view, geometry, FALSE);
  extopo_graph_view_set_zoom_at (view, 0.75, -1, -1);
  /* On the line: inside Denver's card, and in the gap before Denver's frame. */
  to_widget (view, 400, 57, &x, &y);
  to_widget (view, 250, 57, &gap_x, &gap_y);
  g_assert_cmpfloat (x, >, 0);
  g_assert_cmpfloat (x, <, VIEW_WIDTH);
  card_before = view_pixel (widget, x, y);
  gap_before = view_pixel (widget, gap_x, gap_y);

  /* The pointer over Seattle's server. */
  event = new_event (widget, GDK_MOTION_NOTIFY);
  to_widget (view, 100, 57, &event->motion.x, &event->motion.y);
  gtk_main_do_event (event);
  gdk_event_free (event);

  /* Lit in the gap, so hovered; not over the card. */
  g_assert_cmphex (view_pixel (widget, gap_x, gap_y), !=, gap_before);
  g_assert_cmphex (view_pixel (widget, x, y), ==, card_before);
}

/* The diagram from the keyboard: arrows walk the servers in the direction
 * pressed, Alt+Up goes out to the group and Alt+Down back in, Space asks
 * for the group to collapse, Enter for the card, Ctrl+arrows pan. */
static void
test_keyboard (Fixture       *fixture,
               gconstpointer  data)
{
  ExtopoGraphView *view = fixture->view;
  GtkWidget *widget = GTK_WIDGET (view);
  ExtopoObjectKind kind = EXTOPO_OBJECT_NONE;
  gpointer first, second, group = NULL, activated_group = NULL;
  double x1, y1, x2, y2;
  guint activated = 0;
  ExtopoRect before, after;

  g_signal_connect (view, "selection-activated", G_CALLBACK (count_cb), &activated);
  g_signal_connect (view, "group-activated", G_CALLBACK (record_group_cb), &activated_group);
  extopo_graph_view_zoom_fit (view);
  gtk_widget_grab_focus (widget);

  /* Nothing selected: an arrow picks a server near the centre. */
  send_key_mods (widget, GDK_KEY_Right, 0);
  first = extopo_graph_view_get_selection (view, &kind);
  g_assert_nonnull (first);
  g_assert_cmpint (kind, ==, EXTOPO_OBJECT_SERVER);

  /* Right, then Left: each to a server that way. */
  box_centre (view, first, &x1, &y1);
  send_key_mods (widget, GDK_KEY_Right, 0);
  second = extopo_graph_view_get_selection (view, &kind);
  if (second == first)
    {
      send_key_mods (widget, GDK_KEY_Left, 0);
      second = extopo_graph_view_get_selection (view, &kind);
      g_assert_true (second != first);
      box_centre (view, second, &x2, &y2);
      g_assert_cmpfloat (x2, <, x1);
    }
  else
    {
      box_centre (view, second, &x2, &y2);
      g_assert_cmpfloat (x2, >, x1);
      send_key_mods (widget, GDK_KEY_Left, 0);
      box_centre (view, extopo_graph_view_get_selection (view, &kind), &x1, &y1);
      g_assert_cmpfloat (x1, <, x2);
    }
  g_assert_cmpint (kind, ==, EXTOPO_OBJECT_SERVER);

  /* Out to the group and back in. */
  first = extopo_graph_view_get_selection (view, &kind);
  send_key_mods (widget, GDK_KEY_Up, GDK_MOD1_MASK);
  group = extopo_graph_view_get_selection (view, &kind);
  g_assert_true (kind == EXTOPO_OBJECT_ROUTING_GROUP || kind == EXTOPO_OBJECT_ADMIN_GROUP);
  send_key_mods (widget, GDK_KEY_Down, GDK_MOD1_MASK);
  g_assert_nonnull (extopo_graph_view_get_selection (view, &kind));
  g_assert_cmpint (kind, ==, EXTOPO_OBJECT_SERVER);

  /* Space on a server asks for its group; Enter for the card. */
  send_key_mods (widget, GDK_KEY_space, 0);
  g_assert_true (activated_group == group);
  send_key_mods (widget, GDK_KEY_Return, 0);
  g_assert_cmpuint (activated, ==, 1);

  /* Ctrl+Right pans and keeps the selection. */
  second = extopo_graph_view_get_selection (view, NULL);
  extopo_graph_view_set_zoom_at (view, 1.0, -1, -1);
  extopo_graph_view_get_visible_rect (view, &before);
  send_key_mods (widget, GDK_KEY_Right, GDK_CONTROL_MASK);
  extopo_graph_view_get_visible_rect (view, &after);
  g_assert_cmpfloat (after.x, >, before.x);
  g_assert_true (extopo_graph_view_get_selection (view, NULL) == second);
}

/* The context menu: a right click selects what it is on and offers its
 * actions; Copy Name puts the name on the clipboard. */
static void
test_context_menu (void)
{
  /* A menu pops up from a window on the display, not an offscreen one. */
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  ExtopoGraphView *view = EXTOPO_GRAPH_VIEW (extopo_graph_view_new ());
  GtkWidget *widget = GTK_WIDGET (view);
  ExtopoGeometry *geometry = sample_geometry;
  const ExtopoGeoNode *node = &g_array_index (geometry->nodes, ExtopoGeoNode, 0);
  GActionGroup *actions = gtk_widget_get_action_group (widget, "view");
  GList *menus;
  GdkEvent *event;
  g_autofree char *text = NULL;
  double x, y;

  gtk_widget_set_size_request (widget, VIEW_WIDTH, VIEW_HEIGHT);
  gtk_container_add (GTK_CONTAINER (window), widget);
  gtk_widget_show_all (window);
  wait_for_allocation (widget);
  extopo_graph_view_set_geometry (view, geometry, FALSE);
  extopo_graph_view_center_on (view, EXTOPO_OBJECT_SERVER, node->server);
  extopo_graph_view_set_zoom_at (view, 1.0, -1, -1);
  to_widget (view, node->box.x + node->box.width / 2, node->box.y + node->box.height / 2, &x, &y);

  event = new_event (widget, GDK_BUTTON_PRESS);
  event->button.time = 900000;
  event->button.x = x;
  event->button.y = y;
  event->button.button = GDK_BUTTON_SECONDARY;
  gtk_main_do_event (event);
  gdk_event_free (event);

  g_assert_true (extopo_graph_view_get_selection (view, NULL) == node->server);
  menus = gtk_menu_get_for_attach_widget (widget);
  g_assert_nonnull (menus);
  g_assert_true (gtk_widget_get_visible (menus->data));
  gtk_menu_shell_deactivate (GTK_MENU_SHELL (menus->data));

  g_assert_nonnull (actions);
  g_assert_true (g_action_group_get_action_enabled (actions, "copy-fqdn") ==
                 (node->server->fqdn != NULL));
  g_action_group_activate_action (actions, "copy-name", NULL);
  text = gtk_clipboard_wait_for_text (gtk_widget_get_clipboard (widget, GDK_SELECTION_CLIPBOARD));
  g_assert_cmpstr (text, ==, node->server->name);
  gtk_widget_destroy (window);
}


/* A screen reader walks the diagram: the outermost groups and the
 * connectors at the top, each group's servers inside it, every object
 * with its name, role, description, place and selection state. */
static void
test_accessible (Fixture       *fixture,
                 gconstpointer  data)
{
  ExtopoGraphView *view = fixture->view;
  ExtopoGeometry *geometry = extopo_graph_view_get_geometry (view);
  AtkObject *root = gtk_widget_get_accessible (GTK_WIDGET (view));
  guint top_frames = 0, servers_seen = 0, connectors = 0;
  const ExtopoGeoNode *node = &g_array_index (geometry->nodes, ExtopoGeoNode, 0);
  gboolean selected_seen = FALSE;

  for (guint i = 0; i < geometry->frames->len; i++)
    top_frames += g_array_index (geometry->frames, ExtopoGeoFrame, i).parent < 0 ? 1 : 0;
  g_assert_cmpint (atk_object_get_n_accessible_children (root), ==,
                   top_frames + geometry->edges->len);

  extopo_graph_view_zoom_fit (view);
  extopo_graph_view_set_selection (view, EXTOPO_OBJECT_SERVER, node->server);
  for (int i = 0; i < atk_object_get_n_accessible_children (root); i++)
    {
      g_autoptr(AtkObject) child = atk_object_ref_accessible_child (root, i);
      AtkRole role = atk_object_get_role (child);

      g_assert_nonnull (atk_object_get_name (child));
      g_assert_cmpint (atk_object_get_index_in_parent (child), ==, i);
      g_assert_true (atk_object_get_parent (child) == root);
      if (role == ATK_ROLE_LINK)
        {
          connectors++;
          g_assert_nonnull (strstr (atk_object_get_description (child), "Connector from"));
          continue;
        }
      g_assert_cmpint (role, ==, ATK_ROLE_GROUPING);
      {
        g_autoptr(AtkStateSet) states = atk_object_ref_state_set (child);

        g_assert_true (atk_state_set_contains_state (states, ATK_STATE_EXPANDED));
        g_assert_true (atk_state_set_contains_state (states, ATK_STATE_SHOWING));
      }
      for (int k = 0; k < atk_object_get_n_accessible_children (child); k++)
        {
          g_autoptr(AtkObject) server = atk_object_ref_accessible_child (child, k);
          g_autoptr(AtkStateSet) states = atk_object_ref_state_set (server);
          int x, y, w, h;

          if (atk_object_get_role (server) != ATK_ROLE_LIST_ITEM)
            continue;
          servers_seen++;
          g_assert_true (atk_object_get_parent (server) == child);
          g_assert_nonnull (strstr (atk_object_get_description (server), "status"));
          atk_component_get_extents (ATK_COMPONENT (server), &x, &y, &w, &h, ATK_XY_WINDOW);
          g_assert_cmpint (w, >, 0);
          g_assert_cmpint (h, >, 0);
          if (g_str_equal (atk_object_get_name (server), node->server->name))
            {
              g_assert_true (atk_state_set_contains_state (states, ATK_STATE_SELECTED));
              selected_seen = TRUE;
            }
          else
            g_assert_false (atk_state_set_contains_state (states, ATK_STATE_SELECTED));
        }
    }
  g_assert_cmpuint (connectors, ==, geometry->edges->len);
  g_assert_cmpuint (servers_seen, ==, geometry->nodes->len);
  g_assert_true (selected_seen);

  /* Focusing an object from the screen reader selects it. */
  {
    g_autoptr(AtkObject) child = atk_object_ref_accessible_child (root, 0);

    g_assert_true (atk_component_grab_focus (ATK_COMPONENT (child)));
    g_assert_true (extopo_graph_view_get_selection (view, NULL) ==
                   g_array_index (geometry->frames, ExtopoGeoFrame, 0).object);
  }
}


/* The overview draws the whole diagram with the view's rectangle on it,
 * follows the view, and a click on it moves the view there. */
static void
test_overview (Fixture       *fixture,
               gconstpointer  data)
{
  ExtopoGraphView *view = fixture->view;
  ExtopoGeometry *geometry = extopo_graph_view_get_geometry (view);
  GtkWidget *window = gtk_offscreen_window_new ();
  GtkWidget *overview = extopo_overview_new (view);
  const ExtopoGeoNode *node = &g_array_index (geometry->nodes, ExtopoGeoNode, 0);
  cairo_surface_t *surface;
  cairo_t *cr;
  double x, y, cx, cy;
  guint32 pixel;
  const guint32 *pixels;
  int stride;

  gtk_container_add (GTK_CONTAINER (window), overview);
  gtk_widget_show_all (window);
  for (guint i = 0; i < 5000 && !gtk_widget_get_realized (overview); i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (gtk_widget_get_allocated_width (overview), >, 100);
  extopo_graph_view_set_zoom_at (view, 1.0, -1, -1);
  extopo_graph_view_center_on (view, EXTOPO_OBJECT_SERVER, node->server);

  /* The view's rectangle, in the selection's blue, around the server. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                        gtk_widget_get_allocated_width (overview),
                                        gtk_widget_get_allocated_height (overview));
  cr = cairo_create (surface);
  extopo_overview_render (EXTOPO_OVERVIEW (overview), cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  {
    ExtopoRect visible;
    double x1, y1;

    extopo_graph_view_get_visible_rect (view, &visible);
    extopo_overview_diagram_to_widget (EXTOPO_OVERVIEW (overview), visible.x, visible.y, &x, &y);
    extopo_overview_diagram_to_widget (EXTOPO_OVERVIEW (overview), visible.x + visible.width,
                                       visible.y + visible.height, &x1, &y1);
    x = CLAMP (x, 0, cairo_image_surface_get_width (surface) - 1);
    y = CLAMP ((y + y1) / 2, 0, cairo_image_surface_get_height (surface) - 1);
  }
  pixels = (const guint32 *) (gpointer) cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface) / 4;
  pixel = pixels[(int) y * stride + (int) round (x)];
  /* Blue dominates where the rectangle's left side is. */
  g_assert_cmpuint (pixel & 0xff, >, (pixel >> 16) & 0xff);
  cairo_surface_destroy (surface);

  /* A click on the map centres the view on that diagram point. */
  extopo_overview_diagram_to_widget (EXTOPO_OVERVIEW (overview), geometry->bounds.x +
                                     geometry->bounds.width / 2, geometry->bounds.y +
                                     geometry->bounds.height / 2, &x, &y);
  click (overview, x, y);
  extopo_graph_view_get_center (view, &cx, &cy);
  g_assert_cmpfloat (fabs (cx - (geometry->bounds.x + geometry->bounds.width / 2)), <, 3);
  g_assert_cmpfloat (fabs (cy - (geometry->bounds.y + geometry->bounds.height / 2)), <, 3);

  gtk_widget_destroy (window);
}


static void
test_selection_signal (Fixture       *fixture,
                       gconstpointer  data)
{
  ExtopoGraphView *view = fixture->view;
  ExtopoGeometry *geometry = extopo_graph_view_get_geometry (view);
  const ExtopoGeoNode *node;
  ExtopoObjectKind kind = EXTOPO_OBJECT_NONE;
  guint changed = 0;
  double x;
  double y;

  g_signal_connect (view, "selection-changed", G_CALLBACK (count_cb), &changed);
  node = click_first_node (view, &changed);

  /* Clicking outside the diagram clears. */
  extopo_graph_view_zoom_fit (view);
  to_widget (view, geometry->bounds.x - 10, geometry->bounds.y - 10, &x, &y);
  click (GTK_WIDGET (view), x, y);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_null (extopo_graph_view_get_selection (view, &kind));
  g_assert_cmpint (kind, ==, EXTOPO_OBJECT_NONE);

  /* Setting it from code does not echo the signal. */
  extopo_graph_view_set_selection (view, EXTOPO_OBJECT_SERVER, node->server);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_true (extopo_graph_view_get_selection (view, NULL) == node->server);
}

static void
test_escape_clears (Fixture       *fixture,
                    gconstpointer  data)
{
  ExtopoGraphView *view = fixture->view;
  const ExtopoGeoNode *node;
  ExtopoObjectKind kind;
  guint changed = 0;
  double zoom;

  g_signal_connect (view, "selection-changed", G_CALLBACK (count_cb), &changed);
  node = click_first_node (view, &changed);

  send_key (GTK_WIDGET (view), GDK_KEY_Escape);
  g_assert_cmpuint (changed, ==, 2);
  g_assert_null (extopo_graph_view_get_selection (view, &kind));
  g_assert_cmpint (kind, ==, EXTOPO_OBJECT_NONE);

  /* Nothing left to clear: no signal. */
  send_key (GTK_WIDGET (view), GDK_KEY_Escape);
  g_assert_cmpuint (changed, ==, 2);

  /* The action path does the same. */
  extopo_graph_view_set_selection (view, EXTOPO_OBJECT_SERVER, node->server);
  extopo_graph_view_clear_selection (view);
  g_assert_cmpuint (changed, ==, 3);
  g_assert_null (extopo_graph_view_get_selection (view, NULL));

  /* The widget's own keys zoom. */
  zoom = extopo_graph_view_get_zoom (view);
  send_key (GTK_WIDGET (view), GDK_KEY_plus);
  g_assert_cmpfloat (extopo_graph_view_get_zoom (view), >, zoom);
}

static void
group_activated_cb (ExtopoGraphView *view,
                    guint            kind,
                    gpointer         object,
                    gpointer        *activated)
{
  g_assert_cmpuint (kind, ==, EXTOPO_OBJECT_ROUTING_GROUP);
  *activated = object;
}

static void
test_group_activated (Fixture       *fixture,
                      gconstpointer  data)
{
  ExtopoGraphView *view = fixture->view;
  const ExtopoGeoFrame *frame;
  gpointer activated = NULL;
  guint frame_index = 0;
  double dx;
  double dy;
  double x;
  double y;

  g_signal_connect (view, "group-activated", G_CALLBACK (group_activated_cb), &activated);
  g_assert_true (find_bare_frame_point (sample_geometry, &frame_index, &dx, &dy));
  frame = &g_array_index (sample_geometry->frames, ExtopoGeoFrame, frame_index);
  to_widget (view, dx, dy, &x, &y);

  /* A single click selects the group; it does not activate it. */
  click (GTK_WIDGET (view), x, y);
  g_assert_null (activated);
  g_assert_true (extopo_graph_view_get_selection (view, NULL) == frame->object);

  click_n (GTK_WIDGET (view), x, y, 2);
  g_assert_true (activated == frame->object);
}

static void
test_keep_view_on_relayout (Fixture       *fixture,
                            gconstpointer  data)
{
  ExtopoGraphView *view = fixture->view;
  g_autoptr(ExtopoGeometry) collapsed = NULL;
  g_autoptr(ExtopoGeometry) expanded = NULL;
  g_autoptr(ExtopoGeometry) relaid = NULL;
  g_autoptr(GHashTable) groups = NULL;
  g_autoptr(GError) error = NULL;
  ExtopoLayoutOptions options = { EXTOPO_VIEW_ROUTING, NULL };
  ExtopoRoutingGroup *group = NULL;
  ExtopoRect before;
  ExtopoRect after;
  GPtrArray *routing_groups;
  const ExtopoGeoNode *node;
  double zoom;

  routing_groups = extopo_model_get_routing_groups (sample_model);
  for (guint i = 0; i < routing_groups->len && group == NULL; i++)
    {
      ExtopoRoutingGroup *candidate = g_ptr_array_index (routing_groups, i);

      if (candidate->servers->len > 1)
        group = candidate;
    }
  g_assert_nonnull (group);

  groups = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_add (groups, group->ndn);
  options.collapsed = groups;
  collapsed = extopo_layout_compute (sample_model, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (collapsed->nodes->len, <, sample_geometry->nodes->len);

  /* Fitted, the view stays fitted: laid out again bigger (the group
   * expanded again, or a comparison's ghosts added), the diagram is still
   * all in view. */
  extopo_graph_view_set_geometry (view, collapsed, TRUE);
  extopo_graph_view_zoom_fit (view);
  assert_bounds_visible (view);
  options.collapsed = NULL;
  expanded = extopo_layout_compute (sample_model, &options, NULL, &error);
  g_assert_no_error (error);
  extopo_graph_view_set_geometry (view, expanded, TRUE);
  assert_bounds_visible (view);
  g_assert_true (extopo_graph_view_get_auto_fit (view));

  /* Somewhere zoomed in, with a server selected. */
  node = &g_array_index (sample_geometry->nodes, ExtopoGeoNode, 0);
  extopo_graph_view_center_on (view, EXTOPO_OBJECT_SERVER, node->server);
  extopo_graph_view_set_zoom_at (view, 1.5, -1, -1);
  extopo_graph_view_set_selection (view, EXTOPO_OBJECT_SERVER, node->server);
  zoom = extopo_graph_view_get_zoom (view);
  extopo_graph_view_get_visible_rect (view, &before);

  extopo_graph_view_set_geometry (view, collapsed, TRUE);
  g_assert_true (extopo_graph_view_get_geometry (view) == collapsed);
  g_assert_cmpfloat_with_epsilon (extopo_graph_view_get_zoom (view), zoom, 1e-9);
  extopo_graph_view_get_visible_rect (view, &after);
  g_assert_cmpfloat_with_epsilon (after.width, before.width, 1e-6);
  if (extopo_rect_contains_point (&collapsed->bounds,
                                  before.x + before.width / 2, before.y + before.height / 2))
    {
      g_assert_cmpfloat_with_epsilon (after.x, before.x, 1e-6);
      g_assert_cmpfloat_with_epsilon (after.y, before.y, 1e-6);
    }
  g_assert_true (extopo_graph_view_get_selection (view, NULL) == node->server);

  /* Without keep_view the new layout is fitted. */
  options.collapsed = NULL;
  relaid = extopo_layout_compute (sample_model, &options, NULL, &error);
  g_assert_no_error (error);
  extopo_graph_view_set_zoom_at (view, 5.0, -1, -1);
  extopo_graph_view_set_geometry (view, relaid, FALSE);
  assert_bounds_visible (view);
  g_assert_cmpfloat (extopo_graph_view_get_zoom (view), <, 5.0);
}

static gboolean
surfaces_equal (cairo_surface_t *a,
                cairo_surface_t *b)
{
  gsize size = (gsize) cairo_image_surface_get_stride (a) * cairo_image_surface_get_height (a);

  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b), size) == 0;
}

/* Search matches are marked, and a table changed in place is redrawn when
 * it is set again. */
static void
test_matches (Fixture       *fixture,
              gconstpointer  data)
{
  ExtopoGraphView *view = fixture->view;
  const ExtopoGeoNode *node = &g_array_index (sample_geometry->nodes, ExtopoGeoNode, 0);
  g_autoptr(GHashTable) matches = g_hash_table_new (NULL, NULL);
  cairo_surface_t *plain;
  cairo_surface_t *marked;
  cairo_surface_t *cleared;

  extopo_graph_view_center_on (view, EXTOPO_OBJECT_SERVER, node->server);
  plain = render_view (view);

  g_hash_table_add (matches, node->server);
  extopo_graph_view_set_matches (view, matches);
  marked = render_view (view);
  g_assert_false (surfaces_equal (plain, marked));

  g_hash_table_remove_all (matches);
  extopo_graph_view_set_matches (view, matches);
  cleared = render_view (view);
  g_assert_true (surfaces_equal (plain, cleared));

  cairo_surface_destroy (plain);
  cairo_surface_destroy (marked);
  cairo_surface_destroy (cleared);
}

/* With no time budget every render after the first goes to the worker:
 * frames meanwhile show the old bitmap, then the sharp one lands. */
static void
test_background_render (Fixture       *fixture,
                        gconstpointer  data)
{
  ExtopoGraphView *view = fixture->view;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32,
                                                         VIEW_WIDTH, VIEW_HEIGHT);
  g_autoptr(ExtopoGeometry) relaid = NULL;
  g_autoptr(GError) error = NULL;
  ExtopoLayoutOptions options = { EXTOPO_VIEW_ROUTING, NULL };
  cairo_t *cr = cairo_create (surface);

  extopo_graph_view_set_render_budget (view, 0);
  extopo_graph_view_render (view, cr, VIEW_WIDTH, VIEW_HEIGHT);
  g_assert_false (extopo_graph_view_is_rendering (view));

  extopo_graph_view_set_zoom_at (view, 1.3, VIEW_WIDTH / 2.0, VIEW_HEIGHT / 2.0);
  extopo_graph_view_render (view, cr, VIEW_WIDTH, VIEW_HEIGHT);
  g_assert_true (extopo_graph_view_is_rendering (view));

  /* The result lands between frames and matches a direct render. */
  check_pixels (view);
  check_hits (view);

  /* A new geometry while the worker runs: its old bitmap is dropped. */
  extopo_graph_view_set_zoom_at (view, 2.0, VIEW_WIDTH / 2.0, VIEW_HEIGHT / 2.0);
  extopo_graph_view_render (view, cr, VIEW_WIDTH, VIEW_HEIGHT);
  g_assert_true (extopo_graph_view_is_rendering (view));
  relaid = extopo_layout_compute (sample_model, &options, NULL, &error);
  g_assert_no_error (error);
  extopo_graph_view_set_geometry (view, relaid, TRUE);
  check_pixels (view);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  gtk_test_init (&argc, &argv, NULL);
  load_sample ();

  g_test_add ("/view/hit-test", Fixture, NULL, fixture_set_up, test_hit_test, fixture_tear_down);
  g_test_add ("/view/tooltip", Fixture, NULL, fixture_set_up, test_tooltip, fixture_tear_down);
  g_test_add ("/view/zoom-around-pointer", Fixture, NULL,
              fixture_set_up, test_zoom_around_pointer, fixture_tear_down);
  g_test_add ("/view/fit", Fixture, NULL, fixture_set_up, test_fit, fixture_tear_down);
  g_test_add ("/view/drag-pans", Fixture, NULL, fixture_set_up, test_drag_pans, fixture_tear_down);
  g_test_add ("/view/hover-under-cards", Fixture, NULL, fixture_set_up, test_hover_under_cards,
              fixture_tear_down);
  g_test_add ("/view/drag-flings", Fixture, NULL, fixture_set_up, test_drag_flings,
              fixture_tear_down);
  g_test_add_func ("/view/legend-open-keeps-zoom", test_legend_open_keeps_zoom);
  g_test_add ("/view/keyboard", Fixture, NULL, fixture_set_up, test_keyboard, fixture_tear_down);
  g_test_add_func ("/view/context-menu", test_context_menu);
  g_test_add ("/view/overview", Fixture, NULL, fixture_set_up, test_overview, fixture_tear_down);
  g_test_add ("/view/accessible", Fixture, NULL, fixture_set_up, test_accessible,
              fixture_tear_down);
  g_test_add ("/view/legend-folds", Fixture, NULL, fixture_set_up, test_legend_folds,
              fixture_tear_down);
  g_test_add ("/view/selection-signal", Fixture, NULL,
              fixture_set_up, test_selection_signal, fixture_tear_down);
  g_test_add ("/view/escape-clears", Fixture, NULL,
              fixture_set_up, test_escape_clears, fixture_tear_down);
  g_test_add ("/view/group-activated", Fixture, NULL,
              fixture_set_up, test_group_activated, fixture_tear_down);
  g_test_add ("/view/background-render", Fixture, NULL,
              fixture_set_up, test_background_render, fixture_tear_down);
  g_test_add ("/view/matches", Fixture, NULL, fixture_set_up, test_matches, fixture_tear_down);
  g_test_add ("/view/keep-view-on-relayout", Fixture, NULL,
              fixture_set_up, test_keep_view_on_relayout, fixture_tear_down);

  ret = g_test_run ();

  g_clear_pointer (&sample_geometry, extopo_geometry_unref);
  g_clear_object (&sample_model);

  return ret;
}
