/* extopo-renderer-edges.c: connectors: their curves, arrowheads and labels, the plain lines
 * of a zoomed-out view, and the references of a printed tile.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-renderer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "extopo-renderer-private.h"

/* The nearest control point distinct from an end, for the arrow's direction. */
static void
path_direction_point (const ExtopoGeoEdge *edge,
                      gboolean             at_end,
                      double              *x,
                      double              *y)
{
  guint n = edge->n_points;
  guint tip = at_end ? n - 1 : 0;

  for (guint k = 1; k < n; k++)
    {
      guint i = at_end ? n - 1 - k : k;

      if (hypot (edge->points[2 * i] - edge->points[2 * tip],
                 edge->points[2 * i + 1] - edge->points[2 * tip + 1]) > 0.5)
        {
          *x = edge->points[2 * i];
          *y = edge->points[2 * i + 1];
          return;
        }
    }
  *x = edge->points[2 * tip] - 1;
  *y = edge->points[2 * tip + 1];
}

static gboolean
edge_is (const ExtopoGeoEdge *edge,
         ExtopoObjectKind     kind,
         gpointer             object)
{
  ExtopoConnection *connection = edge->connection;

  if (object == NULL || kind != EXTOPO_OBJECT_CONNECTOR || connection == NULL)
    return FALSE;

  return object == (gpointer) connection ||
         object == (gpointer) connection->forward ||
         object == (gpointer) connection->reverse;
}

static gboolean
edge_matches (const ExtopoRenderOptions *options,
              const ExtopoGeoEdge       *edge)
{
  ExtopoConnection *connection = edge->connection;

  return connection != NULL &&
         (extopo_painter_is_match (options, connection) ||
          extopo_painter_is_match (options, connection->forward) ||
          extopo_painter_is_match (options, connection->reverse));
}

void
extopo_renderer_path_edge (cairo_t             *cr,
                           const ExtopoGeoEdge *edge)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (edge != NULL && edge->n_points > 0);

  cairo_move_to (cr, edge->points[0], edge->points[1]);
  for (guint i = 1; i + 2 < edge->n_points; i += 3)
    cairo_curve_to (cr,
                    edge->points[2 * i], edge->points[2 * i + 1],
                    edge->points[2 * i + 2], edge->points[2 * i + 3],
                    edge->points[2 * i + 4], edge->points[2 * i + 5]);
}

/* Near enough to the area drawn that a label or arrowhead there may show. */
static gboolean
in_view (Painter *painter,
         double   x,
         double   y)
{
  const ExtopoRect *v = painter->visible;
  double margin = 60;

  return v == NULL ||
         (x >= v->x - margin && x <= v->x + v->width + margin &&
          y >= v->y - margin && y <= v->y + v->height + margin);
}

/* The point a fraction @t of the way along an edge's segments. */
static void
edge_point_at (const ExtopoGeoEdge *edge,
               double               t,
               double              *x,
               double              *y)
{
  guint segments = (edge->n_points - 1) / 3;
  double u, v, pos = CLAMP (t, 0, 1) * segments;
  guint k = MIN ((guint) pos, segments - 1);
  const double *p = edge->points + 6 * k;

  u = pos - k;
  v = 1 - u;
  *x = v * v * v * p[0] + 3 * v * v * u * p[2] + 3 * v * u * u * p[4] + u * u * u * p[6];
  *y = v * v * v * p[1] + 3 * v * v * u * p[3] + 3 * v * u * u * p[5] + u * u * u * p[7];
}

/* TRUE when a label box at (x, y) would cover a group's title row. */
static gboolean
label_covers_title (Painter          *painter,
                    const ExtopoRect *label,
                    GArray           *frames)
{
  g_array_set_size (frames, 0);
  extopo_geometry_query_frames (painter->geometry, label, frames);
  for (guint i = 0; i < frames->len; i++)
    {
      const ExtopoGeoFrame *frame = &g_array_index (painter->geometry->frames, ExtopoGeoFrame,
                                                    g_array_index (frames, guint, i));

      if (extopo_rect_intersects (label, &frame->label_box))
        return TRUE;
    }

  return FALSE;
}

/* Keeps a connector's label off the groups' titles: when its place covers
 * one, the label slides along the edge to the nearest free spot. */
static void
place_edge_label (Painter             *painter,
                  const ExtopoGeoEdge *edge,
                  double               w,
                  double               h,
                  double              *x,
                  double              *y)
{
  g_autoptr(GArray) frames = NULL;
  ExtopoRect label = { *x - w / 2, *y - h / 2, w, h };

  if (edge->n_points < 4 || painter->geometry->frames->len == 0)
    return;
  frames = g_array_new (FALSE, FALSE, sizeof (guint));
  if (!label_covers_title (painter, &label, frames))
    return;

  for (guint step = 1; step <= 8; step++)
    for (int side = -1; side <= 1; side += 2)
      {
        double t = 0.5 + side * step * 0.05;

        edge_point_at (edge, t, &label.x, &label.y);
        label.x -= w / 2;
        label.y -= h / 2;
        if (!label_covers_title (painter, &label, frames))
          {
            *x = label.x + w / 2;
            *y = label.y + h / 2;
            return;
          }
      }
}

void
extopo_painter_draw_edge (Painter             *painter,
                          const ExtopoGeoEdge *edge)
{
  cairo_t *cr = painter->cr;
  const ExtopoRenderOptions *options = painter->options;
  gboolean selected = edge_is (edge, options->selected_kind, options->selected);
  gboolean hovered = edge_is (edge, options->hovered_kind, options->hovered);
  double px = 1.0 / MAX (painter->scale, 1e-3);
  double fx, fy;

  if (edge->n_points < 2)
    return;

  if (edge_matches (options, edge))
    {
      extopo_renderer_path_edge (cr, edge);
      cairo_set_source_rgba (cr, match_ink.r, match_ink.g, match_ink.b, 0.9);
      cairo_set_line_width (cr, MAX (6.0, 4 * px));
      cairo_stroke (cr);
    }

  extopo_renderer_path_edge (cr, edge);
  if (selected || hovered)
    {
      cairo_set_source_rgba (cr, selection_ink.r, selection_ink.g, selection_ink.b,
                             selected ? 1.0 : 0.6);
      cairo_set_line_width (cr, MAX (2.5, 2 * px));
    }
  else
    {
      extopo_painter_set_rgb (cr, &edge_ink);
      cairo_set_line_width (cr, MAX (1.3, px));
    }
  cairo_stroke (cr);

  if (edge->arrow_at_end && in_view (painter, edge->points[2 * (edge->n_points - 1)],
                                     edge->points[2 * (edge->n_points - 1) + 1]))
    {
      path_direction_point (edge, TRUE, &fx, &fy);
      extopo_painter_draw_arrowhead (cr, edge->points[2 * (edge->n_points - 1)],
                                     edge->points[2 * (edge->n_points - 1) + 1], fx, fy);
    }
  if (edge->arrow_at_start && in_view (painter, edge->points[0], edge->points[1]))
    {
      path_direction_point (edge, FALSE, &fx, &fy);
      extopo_painter_draw_arrowhead (cr, edge->points[0], edge->points[1], fx, fy);
    }

  if (edge->label == NULL || !in_view (painter, edge->label_x, edge->label_y))
    return;

  /* Pills go with the server names: an arrow never ends in nothing where
   * names are read. Further out, a dot marks where the tag is. */
  if (!extopo_painter_text_visible (painter, NAME_SIZE))
    {
      cairo_new_path (cr);
      cairo_arc (cr, edge->label_x, edge->label_y, 3 * px, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      extopo_painter_set_rgb (cr, selected ? &selection_ink : &edge_ink);
      cairo_set_line_width (cr, px);
      cairo_stroke (cr);
    }
  else
    {
      double w = extopo_painter_draw_text (painter, edge->label, SMALL_SIZE, FALSE, 0, 0, 0,
                                           FALSE) + 10;
      double h = 13, lx = edge->label_x, ly = edge->label_y;

      place_edge_label (painter, edge, w, h, &lx, &ly);
      extopo_renderer_rounded_rect (cr, lx - w / 2, ly - h / 2, w, h, h / 2);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      if (selected)
        extopo_painter_set_rgb (cr, &selection_ink);
      else
        extopo_painter_set_rgb (cr, &edge_ink);
      cairo_set_line_width (cr, 0.8);
      cairo_stroke (cr);
      extopo_painter_set_rgb (cr, &ink);
      extopo_painter_draw_text (painter, edge->label, SMALL_SIZE, FALSE, lx - w / 2 + 5,
                                ly - h / 2 + 1, 0, TRUE);
    }
}

/* Zoomed far out on an image surface: thousands of long lines cost cairo's
 * scan converter most of a frame (25 ms for 3,000), so they are written
 * into the pixels directly. Only for a plain scale-and-translate onto an
 * image with a rectangular clip; FALSE leaves the drawing to cairo. */
static gboolean
draw_edge_lines_direct (Painter *painter,
                        GArray  *indices,
                        double   r,
                        double   g,
                        double   b)
{
  cairo_t *cr = painter->cr;
  cairo_surface_t *target = cairo_get_group_target (cr);
  cairo_rectangle_list_t *clips;
  cairo_matrix_t m;
  cairo_format_t format;
  double ox, oy, x1, y1, x2, y2;
  guint32 *pixels;
  guint32 colour;
  int stride, cx1, cy1, cx2, cy2;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return FALSE;
  format = cairo_image_surface_get_format (target);
  if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24)
    return FALSE;
  cairo_get_matrix (cr, &m);
  if (m.xy != 0 || m.yx != 0 || m.xx <= 0 || m.yy <= 0)
    return FALSE;

  /* The clip, as one rectangle in device space, within the image. */
  clips = cairo_copy_clip_rectangle_list (cr);
  if (clips->status != CAIRO_STATUS_SUCCESS || clips->num_rectangles > 1)
    {
      cairo_rectangle_list_destroy (clips);
      return FALSE;
    }
  cairo_surface_get_device_offset (target, &ox, &oy);
  cx1 = 0;
  cy1 = 0;
  cx2 = cairo_image_surface_get_width (target);
  cy2 = cairo_image_surface_get_height (target);
  if (clips->num_rectangles == 1)
    {
      cairo_rectangle_t *c = &clips->rectangles[0];

      x1 = c->x;
      y1 = c->y;
      x2 = c->x + c->width;
      y2 = c->y + c->height;
      cairo_user_to_device (cr, &x1, &y1);
      cairo_user_to_device (cr, &x2, &y2);
      cx1 = MAX (cx1, (int) ceil (x1 + ox));
      cy1 = MAX (cy1, (int) ceil (y1 + oy));
      cx2 = MIN (cx2, (int) floor (x2 + ox));
      cy2 = MIN (cy2, (int) floor (y2 + oy));
    }
  cairo_rectangle_list_destroy (clips);

  cairo_surface_flush (target);
  pixels = (guint32 *) (gpointer) cairo_image_surface_get_data (target);
  stride = cairo_image_surface_get_stride (target) / 4;
  colour = 0xff000000u | ((guint32) (r * 255) << 16) | ((guint32) (g * 255) << 8) |
           (guint32) (b * 255);

  for (guint k = 0; k < indices->len && cx1 < cx2 && cy1 < cy2; k++)
    {
      const ExtopoGeoEdge *edge = &g_array_index (painter->geometry->edges, ExtopoGeoEdge,
                                                  g_array_index (indices, guint, k));
      guint last = edge->n_points - 1;

      if (edge->n_points < 2)
        continue;
      x1 = edge->points[0];
      y1 = edge->points[1];
      x2 = edge->points[2 * last];
      y2 = edge->points[2 * last + 1];
      cairo_user_to_device (cr, &x1, &y1);
      cairo_user_to_device (cr, &x2, &y2);
      /* Keep the integers sane for lines far outside the image. */
      if (MAX (fabs (x1), fabs (x2)) + MAX (fabs (y1), fabs (y2)) > 1e6)
        continue;
      extopo_painter_image_line (pixels, stride, cx1, cy1, cx2, cy2,
                                 (int) floor (x1 + ox), (int) floor (y1 + oy),
                                 (int) floor (x2 + ox), (int) floor (y2 + oy), colour);
    }

  cairo_surface_mark_dirty (target);

  return TRUE;
}

/* Neither end nor label of @edge is in view. */
gboolean
extopo_painter_edge_passes_through (Painter             *painter,
                                    const ExtopoGeoEdge *edge)
{
  guint last = edge->n_points - 1;

  return edge->n_points >= 2 &&
         !in_view (painter, edge->points[0], edge->points[1]) &&
         !in_view (painter, edge->points[2 * last], edge->points[2 * last + 1]) &&
         (edge->label == NULL || !in_view (painter, edge->label_x, edge->label_y));
}

/* Strictly on the drawn area (in_view() allows a margin). */
static gboolean
on_tile (Painter *painter,
         double   x,
         double   y)
{
  const ExtopoRect *v = painter->visible;

  return x >= v->x && x <= v->x + v->width && y >= v->y && y <= v->y + v->height;
}

/* The last point on the tile of @edge followed from its end on it. */
static void
edge_exit (Painter             *painter,
           const ExtopoGeoEdge *edge,
           gboolean             from_start,
           double              *x,
           double              *y)
{
  guint steps = EXIT_STEPS_PER_SEGMENT * ((edge->n_points - 1) / 3);
  double px, py;

  edge_point_at (edge, from_start ? 0 : 1, x, y);
  for (guint k = 1; k <= steps; k++)
    {
      double t = (double) k / steps;

      edge_point_at (edge, from_start ? t : 1 - t, &px, &py);
      if (!on_tile (painter, px, py))
        {
          /* Segments differ in length: home in on the crossing. */
          double on = (double) (k - 1) / steps, off = t;

          for (guint i = 0; i < EXIT_BISECTIONS; i++)
            {
              double mid = (on + off) / 2;

              edge_point_at (edge, from_start ? mid : 1 - mid, &px, &py);
              if (on_tile (painter, px, py))
                {
                  on = mid;
                  *x = px;
                  *y = py;
                }
              else
                off = mid;
            }
          return;
        }
      *x = px;
      *y = py;
    }
}

/* A connector that leaves a printed tile: where it goes, in a pill at the
 * tile's edge ("→ RG-0123 (C12)"), so that a sheet reads without the lines
 * that only pass over it. @placed holds the pills drawn so far. */
void
extopo_painter_draw_edge_reference (Painter             *painter,
                                    const ExtopoGeoEdge *edge,
                                    GArray              *placed)
{
  const ExtopoRenderOptions *options = painter->options;
  const ExtopoRect *v = painter->visible;
  guint last = edge->n_points - 1;
  gboolean start_on = on_tile (painter, edge->points[0], edge->points[1]);
  gboolean end_on = on_tile (painter, edge->points[2 * last], edge->points[2 * last + 1]);
  int far_frame = start_on ? edge->head_frame : edge->tail_frame;
  double far_x = start_on ? edge->points[2 * last] : edge->points[0];
  double far_y = start_on ? edge->points[2 * last + 1] : edge->points[1];
  const char *far_name = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *text = NULL;
  double ex, ey, w, h = REFERENCE_HEIGHT, cx, cy;
  gboolean vertical_side;
  int inward;
  ExtopoRect box;

  if (start_on == end_on)
    return;
  if (far_frame >= 0)
    far_name = g_array_index (painter->geometry->frames, ExtopoGeoFrame, far_frame).label;
  if (far_name == NULL)
    far_name = edge->label;
  if (options->sheet_name != NULL)
    sheet = options->sheet_name (far_x + painter->page_dx, far_y + painter->page_dy,
                                 options->sheet_name_data);
  if (far_name != NULL && sheet != NULL)
    /* Translators: where a connector leaving a printed sheet goes: the
     * group at its other end and the sheet that shows it. */
    text = g_strdup_printf (_("→ %s (%s)"), far_name, sheet);
  else
    text = g_strdup_printf ("→ %s", far_name != NULL ? far_name : sheet != NULL ? sheet : "");

  edge_exit (painter, edge, start_on, &ex, &ey);
  w = extopo_painter_draw_text (painter, text, SMALL_SIZE, FALSE, 0, 0, 0, FALSE) + 10;
  w = MIN (w, v->width - 4);
  cx = CLAMP (ex, v->x + w / 2 + 2, v->x + v->width - w / 2 - 2);
  cy = CLAMP (ey, v->y + h / 2 + 2, v->y + v->height - h / 2 - 2);
  /* Pills that would cover each other step along a left or right side
   * (down, up, further down...) and inwards from the top or bottom. */
  vertical_side = MIN (ex - v->x, v->x + v->width - ex) < MIN (ey - v->y, v->y + v->height - ey);
  inward = ey - v->y < v->y + v->height - ey ? 1 : -1;
  for (guint tries = 0; tries <= REFERENCE_TRIES; tries++)
    {
      double step = (h + 1) * ((tries + 1) / 2) * (tries % 2 == 1 ? 1 : -1);
      gboolean clear = TRUE;

      if (vertical_side)
        box.y = CLAMP (cy + step, v->y + h / 2 + 2, v->y + v->height - h / 2 - 2) - h / 2;
      else
        box.y = cy + inward * (h + 1) * tries - h / 2;
      box = (ExtopoRect) { cx - w / 2, box.y, w, h };
      for (guint i = 0; i < placed->len && clear; i++)
        clear = !extopo_rect_intersects (&g_array_index (placed, ExtopoRect, i), &box);
      if (clear)
        break;
    }
  g_array_append_val (placed, box);

  extopo_renderer_rounded_rect (painter->cr, box.x, box.y, w, h, h / 2);
  cairo_set_source_rgb (painter->cr, 1, 1, 1);
  cairo_fill_preserve (painter->cr);
  extopo_painter_set_rgb (painter->cr, &edge_ink);
  cairo_set_line_width (painter->cr, 0.8);
  cairo_stroke (painter->cr);
  extopo_painter_set_rgb (painter->cr, &ink);
  extopo_painter_draw_text (painter, text, SMALL_SIZE, FALSE, box.x + 5, box.y + 1, w - 10, TRUE);
}

void
extopo_painter_draw_edges_plain (Painter *painter,
                                 GArray  *indices)
{
  cairo_t *cr = painter->cr;
  double pixel = 1.0 / MAX (painter->scale, 1e-3);
  gboolean tiny = painter->scale * SERVER_BOX_HEIGHT < ALIASED_BOX_PIXELS;
  /* Thousands of hairlines would hide the groups: keep them light (and
   * opaque: translucent strokes cost a composite each). */
  double r = 1 - EDGE_HAZE * (1 - edge_ink.r);
  double g = 1 - EDGE_HAZE * (1 - edge_ink.g);
  double b = 1 - EDGE_HAZE * (1 - edge_ink.b);

  if (tiny && draw_edge_lines_direct (painter, indices, r, g, b))
    return;

  cairo_set_source_rgb (cr, r, g, b);
  cairo_set_line_width (cr, pixel);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);

  /* Zoomed far out: straight pieces between the segments' ends, a point
   * only where the path has moved a few pixels; with boxes a few pixels
   * high, one line end to end. */
  for (guint k = 0; k < indices->len; k++)
    {
      const ExtopoGeoEdge *edge = &g_array_index (painter->geometry->edges, ExtopoGeoEdge,
                                                  g_array_index (indices, guint, k));
      guint last = edge->n_points - 1;
      double last_x, last_y;

      if (edge->n_points < 2)
        continue;
      last_x = edge->points[0];
      last_y = edge->points[1];
      cairo_move_to (cr, last_x, last_y);
      for (guint i = tiny ? last : 3; i <= last; i += 3)
        {
          double x = edge->points[2 * i], y = edge->points[2 * i + 1];

          if (i < last &&
              fabs (x - last_x) < PLAIN_EDGE_STEP * pixel &&
              fabs (y - last_y) < PLAIN_EDGE_STEP * pixel)
            continue;
          cairo_line_to (cr, x, y);
          last_x = x;
          last_y = y;
        }
      /* Long lines in one huge path make the scan converter crawl, and a
       * stroke per line costs more per call: batches are fastest. */
      if ((k + 1) % PLAIN_EDGE_BATCH == 0)
        cairo_stroke (cr);
    }
  cairo_stroke (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
}
