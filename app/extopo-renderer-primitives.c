/* extopo-renderer-primitives.c: drawing primitives: colours, rounded boxes, capsules, pills,
 * status marks, arrowheads and raw pixel lines.
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

ExtopoStatus
extopo_painter_clamp_status (ExtopoStatus status)
{
  return status <= EXTOPO_STATUS_UNSUPPORTED ? status : EXTOPO_STATUS_ERROR;
}

void
extopo_renderer_status_color (ExtopoStatus  status,
                              double       *r,
                              double       *g,
                              double       *b)
{
  const Rgb *c = &status_accent[extopo_painter_clamp_status (status)];

  if (r != NULL)
    *r = c->r;
  if (g != NULL)
    *g = c->g;
  if (b != NULL)
    *b = c->b;
}

void
extopo_renderer_status_fill_color (ExtopoStatus  status,
                                   double       *rgb)
{
  const Rgb *c = &status_fill[extopo_painter_clamp_status (status)];

  rgb[0] = c->r;
  rgb[1] = c->g;
  rgb[2] = c->b;
}

void
extopo_renderer_frame_colors (ExtopoObjectKind  kind,
                              gboolean          interop,
                              double           *fill,
                              double           *border)
{
  const Rgb *f = interop ? &interop_fill
                 : kind == EXTOPO_OBJECT_ADMIN_GROUP ? &admin_fill : &routing_fill;
  const Rgb *b = interop ? &interop_border
                 : kind == EXTOPO_OBJECT_ADMIN_GROUP ? &admin_border : &routing_border;

  fill[0] = f->r;
  fill[1] = f->g;
  fill[2] = f->b;
  border[0] = b->r;
  border[1] = b->g;
  border[2] = b->b;
}

void
extopo_painter_set_rgb (cairo_t   *cr,
                        const Rgb *c)
{
  cairo_set_source_rgb (cr, c->r, c->g, c->b);
}

void
extopo_renderer_rounded_rect (cairo_t *cr,
                              double   x,
                              double   y,
                              double   w,
                              double   h,
                              double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A round-capped line @thickness wide: a pill, or a dot when @length is 0.
 * One short stroke instead of a filled outline of four arcs, which in a
 * vector export is a quarter of the numbers for the same picture. */
static void
stroke_capsule (cairo_t *cr,
                double   x,
                double   y,
                double   length,
                double   thickness)
{
  cairo_move_to (cr, x, y);
  /* Not quite zero: some SVG viewers drop zero-length lines, caps and all. */
  cairo_line_to (cr, x + MAX (length, 0.01), y);
  cairo_set_line_width (cr, thickness);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

/* Strokes a capsule now, or gathers it while capsules are batched. */
void
extopo_painter_queue_capsule (Painter   *painter,
                              const Rgb *colour,
                              double     x,
                              double     y,
                              double     length,
                              double     thickness)
{
  if (painter->capsules != NULL)
    {
      Capsule capsule = { x, y, length, thickness, colour };

      g_array_append_val (painter->capsules, capsule);
      return;
    }

  extopo_painter_set_rgb (painter->cr, colour);
  stroke_capsule (painter->cr, x, y, length, thickness);
}

/* Strokes the gathered capsules, one path per colour and thickness. */
void
extopo_painter_flush_capsules (Painter *painter)
{
  cairo_t *cr = painter->cr;
  GArray *capsules = painter->capsules;
  guint done = 0;

  if (capsules == NULL)
    return;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  while (done < capsules->len)
    {
      Capsule key = g_array_index (capsules, Capsule, done);
      guint kept = done;

      /* Those like the first go into the path; the others move up. */
      for (guint i = done; i < capsules->len; i++)
        {
          Capsule c = g_array_index (capsules, Capsule, i);

          if (c.colour == key.colour && c.thickness == key.thickness)
            {
              cairo_move_to (cr, c.x, c.y);
              cairo_line_to (cr, c.x + MAX (c.length, 0.01), c.y);
            }
          else
            g_array_index (capsules, Capsule, kept++) = c;
        }
      g_array_set_size (capsules, kept);
      extopo_painter_set_rgb (cr, key.colour);
      cairo_set_line_width (cr, key.thickness);
      cairo_stroke (cr);
    }
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

/* Pills hold a handful of distinct texts (versions, roles) thousands of
 * times: each is shaped once. */
static PangoLayout *
pill_layout (Painter    *painter,
             const char *text)
{
  PangoLayout *layout;

  if (painter->pills == NULL)
    painter->pills = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  layout = g_hash_table_lookup (painter->pills, text);
  if (layout == NULL)
    {
      layout = pango_layout_new (pango_layout_get_context (painter->layout));
      pango_layout_set_font_description (layout, extopo_painter_get_font (SMALL_SIZE, TRUE));
      pango_layout_set_text (layout, text, -1);
      g_hash_table_insert (painter->pills, g_strdup (text), layout);
    }

  return layout;
}

/* A small pill with text; returns its width. */
double
extopo_painter_draw_pill (Painter    *painter,
                          const char *text,
                          double      x,
                          double      y,
                          const Rgb  *fill,
                          const Rgb  *text_color,
                          gboolean    paint)
{
  PangoLayout *layout = pill_layout (painter, text != NULL ? text : "");
  double h = PILL_HEIGHT, w;
  int text_width;

  pango_layout_get_size (layout, &text_width, NULL);
  w = (double) text_width / PANGO_SCALE + 2 * PILL_PADDING;
  if (!paint)
    return w;

  extopo_painter_queue_capsule (painter, fill, x + h / 2, y + h / 2, w - h, h);
  extopo_painter_set_rgb (painter->cr, text_color);
  extopo_painter_show_layout (painter, layout, x + PILL_PADDING, y + 0.5);

  return w;
}

/* Appends the white mark of a status icon (check, bar of the !, x or ⊘)
 * centred on (cx, cy) at @s times its 14-unit design, to be stroked
 * 1.6 * @s wide with round caps; the dot of the ! is separate. */
void
extopo_painter_path_status_mark (cairo_t      *cr,
                                 ExtopoStatus  status,
                                 double        cx,
                                 double        cy,
                                 double        s)
{
  switch (status)
    {
    case EXTOPO_STATUS_OK:
      cairo_move_to (cr, cx - 3.2 * s, cy + 0.2 * s);
      cairo_line_to (cr, cx - 1.0 * s, cy + 2.6 * s);
      cairo_line_to (cr, cx + 3.4 * s, cy - 2.6 * s);
      break;
    case EXTOPO_STATUS_WARNING:
      cairo_move_to (cr, cx, cy - 3.8 * s);
      cairo_line_to (cr, cx, cy + 0.8 * s);
      break;
    case EXTOPO_STATUS_ERROR:
      cairo_move_to (cr, cx - 2.7 * s, cy - 2.7 * s);
      cairo_line_to (cr, cx + 2.7 * s, cy + 2.7 * s);
      cairo_move_to (cr, cx + 2.7 * s, cy - 2.7 * s);
      cairo_line_to (cr, cx - 2.7 * s, cy + 2.7 * s);
      break;
    case EXTOPO_STATUS_UNSUPPORTED:
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, cx, cy, 3.6 * s, 0, 2 * G_PI);
      cairo_move_to (cr, cx - 2.5 * s, cy + 2.5 * s);
      cairo_line_to (cr, cx + 2.5 * s, cy - 2.5 * s);
      break;
    }
}

void
extopo_painter_set_mark_style (cairo_t *cr,
                               double   s)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 1.6 * s);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
}

/* A filled circle with a white check, !, x or ⊘, drawn in cairo. */
void
extopo_painter_draw_status_icon (cairo_t      *cr,
                                 ExtopoStatus  status,
                                 double        cx,
                                 double        cy,
                                 double        radius)
{
  double s = radius / 7.0;

  status = extopo_painter_clamp_status (status);
  extopo_painter_set_rgb (cr, &status_accent[status]);
  stroke_capsule (cr, cx, cy, 0, 2 * radius);

  extopo_painter_path_status_mark (cr, status, cx, cy, s);
  extopo_painter_set_mark_style (cr, s);
  cairo_stroke (cr);
  if (status == EXTOPO_STATUS_WARNING)
    {
      cairo_arc (cr, cx, cy + 3.2 * s, 0.95 * s, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

void
extopo_painter_outline_box (cairo_t          *cr,
                            const ExtopoRect *box,
                            double            outset,
                            double            radius,
                            const Rgb        *color,
                            double            alpha,
                            double            width)
{
  extopo_renderer_rounded_rect (cr, box->x - outset, box->y - outset,
                                box->width + 2 * outset, box->height + 2 * outset, radius + outset);
  cairo_set_source_rgba (cr, color->r, color->g, color->b, alpha);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

void
extopo_painter_draw_arrowhead (cairo_t *cr,
                               double   tip_x,
                               double   tip_y,
                               double   from_x,
                               double   from_y)
{
  double c[4];

  if (!extopo_style_arrowhead (tip_x, tip_y, from_x, from_y, c))
    return;
  cairo_move_to (cr, tip_x, tip_y);
  cairo_line_to (cr, c[0], c[1]);
  cairo_line_to (cr, c[2], c[3]);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* One pixel-wide line from (x0, y0) to (x1, y1), device pixels, clipped to
 * [cx1, cx2) x [cy1, cy2), straight into the image (Bresenham). */
void
extopo_painter_image_line (guint32 *pixels,
                           int      stride,
                           int      cx1,
                           int      cy1,
                           int      cx2,
                           int      cy2,
                           int      x0,
                           int      y0,
                           int      x1,
                           int      y1,
                           guint32  colour)
{
  int dx = ABS (x1 - x0), dy = -ABS (y1 - y0);
  int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
  int err = dx + dy;

  for (;;)
    {
      int e2 = 2 * err;

      if (x0 >= cx1 && x0 < cx2 && y0 >= cy1 && y0 < cy2)
        pixels[(gsize) y0 * stride + x0] = colour;
      if (x0 == x1 && y0 == y1)
        break;
      /* Both steps decided on the same error term. */
      if (e2 >= dy)
        {
          err += dy;
          x0 += sx;
        }
      if (e2 <= dx)
        {
          err += dx;
          y0 += sy;
        }
    }
}
