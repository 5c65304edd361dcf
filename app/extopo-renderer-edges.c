/* extopo-renderer-edges.c: connectors drawn by the cairo backend beyond what the scene says:
 * the plain lines of a zoomed-out view, and the references of a printed tile.
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

/* A line of @lines: its points from @starts[k] (in doubles) to the next
 * start or the end. */
#define LINE_POINTS(lines, starts, k) \
  (&g_array_index ((lines), double, g_array_index ((starts), guint, (k))))
#define LINE_LENGTH(lines, starts, k) \
  (((k) + 1 < (starts)->len ? g_array_index ((starts), guint, (k) + 1) : (lines)->len) - \
   g_array_index ((starts), guint, (k)))

/* Zoomed far out on an image surface: thousands of long lines cost cairo's
 * scan converter most of a frame (25 ms for 3,000), so they are written
 * into the pixels directly, end to end. Only for a plain scale-and-translate
 * onto an image with a rectangular clip; FALSE leaves the drawing to cairo. */
static gboolean
draw_lines_direct (Painter *painter,
                   GArray  *lines,
                   GArray  *starts,
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

  for (guint k = 0; k < starts->len && cx1 < cx2 && cy1 < cy2; k++)
    {
      const double *p = LINE_POINTS (lines, starts, k);
      guint n = LINE_LENGTH (lines, starts, k) / 2;

      if (n < 2)
        continue;
      x1 = p[0];
      y1 = p[1];
      x2 = p[2 * (n - 1)];
      y2 = p[2 * (n - 1) + 1];
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

void
extopo_painter_draw_lines_plain (Painter *painter,
                                 GArray  *lines,
                                 GArray  *starts)
{
  cairo_t *cr = painter->cr;
  double px = 1.0 / MAX (painter->scale, 1e-3);
  gboolean tiny = painter->scale * SERVER_BOX_HEIGHT < ALIASED_BOX_PIXELS;
  /* Thousands of hairlines would hide the groups: keep them light (and
   * opaque: translucent strokes cost a composite each). */
  double r = 1 - EDGE_HAZE * (1 - edge_ink.r);
  double g = 1 - EDGE_HAZE * (1 - edge_ink.g);
  double b = 1 - EDGE_HAZE * (1 - edge_ink.b);

  if (tiny && draw_lines_direct (painter, lines, starts, r, g, b))
    return;

  cairo_set_source_rgb (cr, r, g, b);
  cairo_set_line_width (cr, px);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);

  /* Straight pieces between the segments' ends, a point only where the
   * path has moved a few pixels; with boxes a few pixels high, one line
   * end to end. */
  for (guint k = 0; k < starts->len; k++)
    {
      const double *p = LINE_POINTS (lines, starts, k);
      guint last = LINE_LENGTH (lines, starts, k) / 2 - 1;
      double last_x = p[0], last_y = p[1];

      cairo_move_to (cr, last_x, last_y);
      for (guint i = tiny ? last : 3; i <= last; i += 3)
        {
          double x = p[2 * i], y = p[2 * i + 1];

          if (i < last && fabs (x - last_x) < PLAIN_EDGE_STEP * px &&
              fabs (y - last_y) < PLAIN_EDGE_STEP * px)
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

/* Strictly on the drawn area. */
static gboolean
on_tile (Painter *painter,
         double   x,
         double   y)
{
  const ExtopoRect *v = painter->visible;

  return x >= v->x && x <= v->x + v->width && y >= v->y && y <= v->y + v->height;
}

/* The last point on the tile of a line followed from its end on it. */
static void
line_exit (Painter      *painter,
           const double *points,
           guint         n_points,
           gboolean      from_start,
           double       *x,
           double       *y)
{
  guint steps = EXIT_STEPS_PER_SEGMENT * MAX ((n_points - 1) / 3, 1);
  double px, py;

  extopo_bezier_path_point_at (points, n_points, from_start ? 0 : 1, x, y);
  for (guint k = 1; k <= steps; k++)
    {
      double t = (double) k / steps;

      extopo_bezier_path_point_at (points, n_points, from_start ? t : 1 - t, &px, &py);
      if (!on_tile (painter, px, py))
        {
          /* Segments differ in length: home in on the crossing. */
          double on = (double) (k - 1) / steps, off = t;

          for (guint i = 0; i < EXIT_BISECTIONS; i++)
            {
              double mid = (on + off) / 2;

              extopo_bezier_path_point_at (points, n_points, from_start ? mid : 1 - mid, &px,
                                           &py);
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

void
extopo_painter_draw_reference (Painter           *painter,
                               const double      *points,
                               guint              n_points,
                               const char * const  names[2],
                               const char        *label,
                               GArray            *placed)
{
  const ExtopoRenderOptions *options = painter->options;
  const ExtopoRect *v = painter->visible;
  guint last;
  gboolean start_on, end_on;
  const char *far_name;
  double far_x, far_y;
  g_autofree char *sheet = NULL;
  g_autofree char *text = NULL;
  double ex, ey, w, h = REFERENCE_HEIGHT, cx, cy;
  gboolean vertical_side;
  int inward;
  ExtopoRect box;

  if (n_points < 2 || v == NULL)
    return;
  last = n_points - 1;
  start_on = on_tile (painter, points[0], points[1]);
  end_on = on_tile (painter, points[2 * last], points[2 * last + 1]);
  if (start_on == end_on)
    return;
  far_name = names[start_on ? 1 : 0];
  far_x = start_on ? points[2 * last] : points[0];
  far_y = start_on ? points[2 * last + 1] : points[1];
  if (far_name == NULL)
    far_name = label;
  if (options->sheet_name != NULL)
    sheet = options->sheet_name (far_x, far_y, options->sheet_name_data);
  if (far_name != NULL && sheet != NULL)
    /* Translators: where a connector leaving a printed sheet goes: the
     * group at its other end and the sheet that shows it. */
    text = g_strdup_printf (_("→ %s (%s)"), far_name, sheet);
  else
    text = g_strdup_printf ("→ %s", far_name != NULL ? far_name : sheet != NULL ? sheet : "");

  line_exit (painter, points, n_points, start_on, &ex, &ey);
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
