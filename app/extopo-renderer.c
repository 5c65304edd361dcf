/* extopo-renderer.c: the cairo renderer's entry points for the diagram, and the painter that
 * its files share.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-renderer"

#include "config.h"

#include "extopo-renderer-private.h"

void
extopo_render_options_init (ExtopoRenderOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (ExtopoRenderOptions) { 0 };
  options->scale = 1.0;
  options->show_legend = TRUE;
  options->show_title = TRUE;
}

gboolean
extopo_painter_is_match (const ExtopoRenderOptions *options,
                         gconstpointer              object)
{
  return options->matches != NULL && object != NULL &&
         g_hash_table_contains (options->matches, object);
}

void
extopo_painter_init (Painter                   *painter,
                     cairo_t                   *cr,
                     const ExtopoRenderOptions *options)
{
  *painter = (Painter) { 0 };
  painter->cr = cr;
  painter->layout = extopo_painter_create_layout (cr);
  painter->options = options;
  painter->scale = options->scale > 0 ? options->scale : 1.0;
}

void
extopo_painter_clear (Painter *painter)
{
  g_clear_object (&painter->layout);
  g_clear_pointer (&painter->scratch, cairo_destroy);
  g_clear_pointer (&painter->text_batches, g_ptr_array_unref);
  g_clear_pointer (&painter->ascii_fonts, g_hash_table_unref);
  g_clear_pointer (&painter->near, g_array_unref);
}

void
extopo_renderer_draw_scene (cairo_t                   *cr,
                            const ExtopoScene         *scene,
                            const ExtopoRenderOptions *options)
{
  ExtopoRenderOptions defaults;
  Painter painter;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (scene != NULL);

  if (options == NULL)
    {
      extopo_render_options_init (&defaults);
      options = &defaults;
    }
  extopo_painter_init (&painter, cr, options);
  painter.visible = options->visible;
  extopo_painter_draw_scene_area (&painter, scene, NULL);
  extopo_painter_clear (&painter);
}

void
extopo_renderer_draw_graph (cairo_t                   *cr,
                            ExtopoGeometry            *geometry,
                            const ExtopoRenderOptions *options)
{
  g_autoptr(ExtopoScene) scene = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (geometry != NULL);

  scene = extopo_scene_build_diagram (geometry);
  extopo_renderer_draw_scene (cr, scene, options);
}
