/* extopo-renderer-primitives.c: drawing primitives: colours, rounded boxes, highlight
 * outlines and raw pixel lines.
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

static ExtopoStatus
clamp_status (ExtopoStatus status)
{
  return status <= EXTOPO_STATUS_UNSUPPORTED ? status : EXTOPO_STATUS_ERROR;
}

void
extopo_renderer_status_color (ExtopoStatus  status,
                              double       *r,
                              double       *g,
                              double       *b)
{
  const Rgb *c = &status_accent[clamp_status (status)];

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
  const Rgb *c = &status_fill[clamp_status (status)];

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
