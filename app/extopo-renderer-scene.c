/* extopo-renderer-scene.c: the cairo backend of a scene: draws the display
 * list that the SVG, HTML and Visio writers read, with the renderer's text
 * settings, so that the page furniture (title block, legend) is worded and
 * laid out in one place for every output.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-renderer"

#include "config.h"

#include <math.h>

#include "extopo-renderer-private.h"

/* As the SVG writer dashes an Exchange 2007 group's frame. */
static const double scene_dash[] = { 6, 3 };

static gboolean
set_colour (cairo_t *cr,
            guint32  rgba)
{
  if ((rgba & 0xff) == 0)
    return FALSE;
  cairo_set_source_rgba (cr, (rgba >> 24) / 255.0, ((rgba >> 16) & 0xff) / 255.0,
                         ((rgba >> 8) & 0xff) / 255.0, (rgba & 0xff) / 255.0);

  return TRUE;
}

static void
path_of (cairo_t               *cr,
         const ExtopoScene     *scene,
         const ExtopoSceneItem *item)
{
  const double *p = &g_array_index (scene->path, double, item->path_start);
  const double *end = p + item->path_length;

  cairo_new_path (cr);
  while (p < end)
    {
      int op = (int) *p++;

      if (op == (int) EXTOPO_SCENE_CURVE && p + 6 <= end)
        {
          cairo_curve_to (cr, p[0], p[1], p[2], p[3], p[4], p[5]);
          p += 6;
        }
      else if ((op == (int) EXTOPO_SCENE_MOVE || op == (int) EXTOPO_SCENE_LINE) && p + 2 <= end)
        {
          if (op == (int) EXTOPO_SCENE_MOVE)
            cairo_move_to (cr, p[0], p[1]);
          else
            cairo_line_to (cr, p[0], p[1]);
          p += 2;
        }
      else if (op == (int) EXTOPO_SCENE_CLOSE)
        cairo_close_path (cr);
      else
        break;
    }
}

static void
fill_and_stroke (cairo_t               *cr,
                 const ExtopoSceneItem *item)
{
  if (set_colour (cr, item->fill))
    cairo_fill_preserve (cr);
  if (set_colour (cr, item->stroke) && item->line_width > 0)
    {
      cairo_set_line_width (cr, item->line_width);
      cairo_set_dash (cr, scene_dash, item->dashed ? G_N_ELEMENTS (scene_dash) : 0, 0);
      cairo_set_line_cap (cr, item->round_caps ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
      cairo_set_line_join (cr, item->round_caps ? CAIRO_LINE_JOIN_ROUND : CAIRO_LINE_JOIN_MITER);
      cairo_stroke_preserve (cr);
    }
  cairo_new_path (cr);
}

static void
draw_text_item (cairo_t               *cr,
                PangoLayout           *layout,
                const ExtopoSceneItem *item)
{
  PangoFontDescription *font = pango_font_description_from_string (EXTOPO_SCENE_FONT_FAMILY);

  if (!set_colour (cr, item->fill))
    {
      pango_font_description_free (font);
      return;
    }
  /* The scene's size is already in units of the page, as drawn. */
  pango_font_description_set_absolute_size (font, item->font_size * PANGO_SCALE);
  pango_font_description_set_weight (font, item->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, item->text, -1);
  cairo_move_to (cr, item->x, item->y);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
}

void
extopo_painter_draw_scene (cairo_t           *cr,
                           const ExtopoScene *scene)
{
  PangoLayout *layout = extopo_painter_create_layout (cr);

  cairo_save (cr);
  for (guint i = 0; i < scene->items->len; i++)
    {
      const ExtopoSceneItem *item = &g_array_index (scene->items, ExtopoSceneItem, i);

      switch (item->kind)
        {
        case EXTOPO_SCENE_RECT:
          if (item->radius > 0)
            extopo_renderer_rounded_rect (cr, item->x, item->y, item->width, item->height,
                                          item->radius);
          else
            cairo_rectangle (cr, item->x, item->y, item->width, item->height);
          fill_and_stroke (cr, item);
          break;

        case EXTOPO_SCENE_CIRCLE:
          cairo_new_path (cr);
          cairo_arc (cr, item->x, item->y, item->radius, 0, 2 * G_PI);
          fill_and_stroke (cr, item);
          break;

        case EXTOPO_SCENE_PATH:
          path_of (cr, scene, item);
          fill_and_stroke (cr, item);
          break;

        case EXTOPO_SCENE_TEXT:
        default:
          draw_text_item (cr, layout, item);
          break;
        }
    }
  cairo_restore (cr);
  g_object_unref (layout);
}
