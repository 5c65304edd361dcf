/* extopo-renderer-page.c: the page around the diagram: title block, legend, page layout,
 * and a page or a tile of it.
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

/* The legend depends on nothing but the language: its scene is built once
 * per process and only read after (on screen, and by exports running in
 * worker threads). */
static const ExtopoScene *
legend_scene (void)
{
  static gsize legend = 0;

  if (g_once_init_enter (&legend))
    g_once_init_leave (&legend, (gsize) extopo_scene_build_legend ());

  return (const ExtopoScene *) legend;
}

void
extopo_renderer_get_legend_size (double *width,
                                 double *height)
{
  if (width != NULL)
    *width = LEGEND_WIDTH;
  if (height != NULL)
    *height = legend_scene ()->height;
}

/* The legend, as every output shows it: from its scene. */
void
extopo_renderer_draw_legend (cairo_t *cr,
                             double   x,
                             double   y)
{
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  cairo_translate (cr, x, y);
  extopo_painter_draw_scene (cr, legend_scene ());
  cairo_restore (cr);
}

/* The part of the diagram a page shows. */
static void
page_region (ExtopoGeometry            *geometry,
             const ExtopoRenderOptions *options,
             ExtopoRect                *region)
{
  const ExtopoRect *bounds = &geometry->bounds;

  *region = *bounds;
  if (options != NULL && options->visible != NULL)
    {
      const ExtopoRect *v = options->visible;
      double x1 = MAX (v->x, bounds->x), y1 = MAX (v->y, bounds->y);
      double x2 = MIN (v->x + v->width, bounds->x + bounds->width);
      double y2 = MIN (v->y + v->height, bounds->y + bounds->height);

      region->x = x1;
      region->y = y1;
      region->width = MAX (0, x2 - x1);
      region->height = MAX (0, y2 - y1);
    }
}

void
extopo_renderer_get_page_layout (ExtopoGeometry            *geometry,
                                 const ExtopoRenderOptions *options,
                                 ExtopoPageLayout          *layout)
{
  ExtopoRect region;
  gboolean legend = options == NULL || options->show_legend;
  gboolean title = options == NULL || options->show_title;
  double legend_width = 0, legend_height = 0, w, h, top = PAGE_MARGIN;

  g_return_if_fail (geometry != NULL);
  g_return_if_fail (layout != NULL);

  if (options != NULL && options->page_layout != NULL)
    {
      *layout = *options->page_layout;
      return;
    }

  page_region (geometry, options, &region);
  if (legend)
    extopo_renderer_get_legend_size (&legend_width, &legend_height);

  w = 2 * PAGE_MARGIN + region.width + (legend ? PAGE_GAP + legend_width : 0);
  if (title)
    w = MAX (w, PAGE_MIN_WIDTH);
  w = ceil (w);
  h = 2 * PAGE_MARGIN + MAX (region.height, legend_height);
  if (title)
    {
      g_autoptr(ExtopoScene) block = extopo_scene_build_title (geometry, options, w);

      h += block->height + PAGE_GAP;
      top += block->height + PAGE_GAP;
    }

  layout->width = w;
  layout->height = ceil (h);
  layout->top = top;
  layout->legend_height = legend_height;
}

void
extopo_renderer_get_page_size (ExtopoGeometry            *geometry,
                               const ExtopoRenderOptions *options,
                               double                    *width,
                               double                    *height)
{
  ExtopoPageLayout layout;

  g_return_if_fail (geometry != NULL);

  extopo_renderer_get_page_layout (geometry, options, &layout);
  if (width != NULL)
    *width = layout.width;
  if (height != NULL)
    *height = layout.height;
}

void
extopo_renderer_draw_page (cairo_t                   *cr,
                           ExtopoGeometry            *geometry,
                           const ExtopoRenderOptions *options)
{
  ExtopoRenderOptions defaults;
  g_autoptr(ExtopoScene) built = NULL;
  const ExtopoScene *scene;
  ExtopoRect tile;
  Painter painter;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (geometry != NULL);

  if (options == NULL)
    {
      extopo_render_options_init (&defaults);
      options = &defaults;
    }
  scene = options->scene;
  if (scene == NULL)
    scene = built = extopo_scene_build (geometry, options);

  extopo_painter_init (&painter, cr, options);
  cairo_save (cr);
  /* A tile draws only what falls on it: each page of a printed diagram
   * would otherwise hold all of it, clipped. */
  if (options->page_clip != NULL)
    {
      tile = *options->page_clip;
      painter.visible = &tile;
      cairo_rectangle (cr, tile.x, tile.y, tile.width, tile.height);
      cairo_clip (cr);
    }
  extopo_painter_draw_scene_area (&painter, scene, &scene->diagram);
  cairo_restore (cr);
  extopo_painter_clear (&painter);
}
