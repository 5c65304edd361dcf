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

/* The legend is drawn and measured by the same code: @paint FALSE only measures. */
static double
legend_draw (Painter  *painter,
             double    x0,
             double    y0,
             gboolean  paint)
{
  static const struct
  {
    ExtopoStatus status;
    const char  *label;
  } statuses[] = {
    { EXTOPO_STATUS_OK, N_("No problem found") },
    { EXTOPO_STATUS_WARNING, N_("Warning: check before deploying Exchange 2007 "
                                "(also a version that cannot be read)") },
    { EXTOPO_STATUS_ERROR, N_("Error: blocks Exchange 2007 coexistence") },
    { EXTOPO_STATUS_UNSUPPORTED, N_("Unsupported version (Exchange 5.5)") },
  };
  cairo_t *cr = painter->cr;
  double x = x0 + LEGEND_PADDING, y = y0 + LEGEND_PADDING;
  double inner = LEGEND_WIDTH - 2 * LEGEND_PADDING;
  double text_x = x + 34;
  double badge_x, sym_x;

#define HEADING(text) G_STMT_START { \
    extopo_painter_set_rgb (cr, &ink); \
    extopo_painter_draw_text (painter, (text), FRAME_TITLE_SIZE, TRUE, x, y, inner, paint); \
    y += 18; \
} G_STMT_END

  /* The badge and symbol columns are as wide as their widest item. */
    badge_x = extopo_painter_draw_pill (painter, "2003 SP2", 0, 0, &badge_fill, &ink, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (all_roles); i++)
    badge_x = MAX (badge_x, extopo_painter_draw_pill (painter,
                                                      extopo_role_get_badge (all_roles[i]), 0, 0,
                                                      &badge_fill, &ink, FALSE));
  badge_x = x + badge_x + 8;
  sym_x = x + MAX (40, extopo_painter_draw_pill (painter, _("cost 1"), 0, 0, &badge_fill, &ink,
                                                 FALSE)) + 8;

/* A description right of its symbol, wrapped; the row's height, at least @step. */
#define LEGEND_ROW(text, tx, ty, step) \
  MAX ((step), extopo_painter_draw_paragraph (painter, (text), SMALL_SIZE + 1, (tx), (ty), \
                                              inner - ((tx) - x), paint) + 4)

  HEADING (_("Legend"));

  HEADING (_("Server status"));
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      if (paint)
        {
          extopo_painter_rounded_rect (cr, x, y, 26, 14, 3);
          extopo_painter_set_rgb (cr, &status_fill[statuses[i].status]);
          cairo_fill_preserve (cr);
          extopo_painter_set_rgb (cr, &status_accent[statuses[i].status]);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
          extopo_painter_draw_status_icon (cr, statuses[i].status, x + 19, y + 7, 5);
          extopo_painter_set_rgb (cr, &ink);
        }
      y += MAX (18, extopo_painter_draw_paragraph (painter, _(statuses[i].label), SMALL_SIZE + 1,
                                                   text_x, y,
                                                   inner - 34, paint) + 4);
    }
  y += 6;

  HEADING (_("Badges"));
  extopo_painter_draw_pill (painter, "2003 SP2", x, y, &badge_fill, &ink, paint);
  extopo_painter_set_rgb (cr, &ink);
  y += LEGEND_ROW (_("Exchange version and service pack"), badge_x, y, 17);
  extopo_painter_draw_pill (painter, C_("badge", "FE"), x, y, &badge_fill, &muted_ink, paint);
  extopo_painter_set_rgb (cr, &ink);
  y += LEGEND_ROW (_("Exchange 2003 front-end server"), badge_x, y, 17);
  extopo_painter_set_rgb (cr, &muted_ink);
  extopo_painter_draw_text (painter, _("Exchange 2007 server roles:"), SMALL_SIZE + 1, FALSE, x, y,
                            inner,
                            paint);
  y += 15;
  for (guint i = 0; i < G_N_ELEMENTS (all_roles); i++)
    {
      const char *text = extopo_role_get_display_name (all_roles[i]);

      extopo_painter_draw_pill (painter, extopo_role_get_badge (all_roles[i]), x, y, &role_fill,
                                &ink, paint);
      extopo_painter_set_rgb (cr, &ink);
      y += LEGEND_ROW (text, badge_x, y, 17);
    }
  y += 6;

  HEADING (_("Groups"));
  if (paint)
    extopo_painter_paint_group_box (cr, x, y, 40, 16, 6, TRUE, FALSE);
  extopo_painter_set_rgb (cr, &ink);
  y += LEGEND_ROW (_("Administrative group"), sym_x, y + 2, 22);
  if (paint)
    extopo_painter_paint_group_box (cr, x, y, 40, 16, 5, FALSE, FALSE);
  extopo_painter_set_rgb (cr, &ink);
  y += LEGEND_ROW (_("Routing group"), sym_x, y + 2, 22);
  if (paint)
    extopo_painter_paint_group_box (cr, x, y, 40, 16, 5, FALSE, TRUE);
  extopo_painter_set_rgb (cr, &ink);
  y += LEGEND_ROW (_("Exchange 2007 group"), sym_x, y + 2, 22);
  {
    GroupMark mark = { EXTOPO_SEVERITY_ERROR, 1 };
    double tag = extopo_painter_draw_finding_tag (painter, &mark, x, y, paint);

    extopo_painter_set_rgb (cr, &ink);
    y += MAX (20, extopo_painter_draw_paragraph (painter,
                                                 _("Findings on the group itself (worst kind, "
                                                   "how many)"), SMALL_SIZE + 1, x + tag + 8, y,
                                                 inner - tag - 8, paint) + 4);
  }
  extopo_painter_set_rgb (cr, &ink);
  y += extopo_painter_draw_paragraph (painter,
                                      _("Exchange 2007 setup creates “Exchange Administrative Group "
                                        "(FYDIBOHF23SPDLT)” and “Exchange Routing Group (DWBGZMFD01QNBJR)” "
                                        "to hold every Exchange 2007 server. The codes are “EXCHANGE12ROCKS” "
                                        "with each letter shifted by +1 and by −1. Do not edit these groups "
                                        "with Exchange System Manager: manage Exchange 2007 servers with the "
                                        "Exchange Management Console or Shell."),
                                      SMALL_SIZE + 1, x, y, inner, paint) + 10;

  HEADING (_("Connectors"));
  if (paint)
    {
      extopo_painter_set_rgb (cr, &edge_ink);
      cairo_set_line_width (cr, 1.3);
      cairo_move_to (cr, x, y + 7);
      cairo_line_to (cr, x + 40, y + 7);
      cairo_stroke (cr);
      extopo_painter_draw_arrowhead (cr, x + 40, y + 7, x, y + 7);
      extopo_painter_set_rgb (cr, &ink);
    }
  y += LEGEND_ROW (_("One-way connector"), sym_x, y + 1, 20);
  if (paint)
    {
      extopo_painter_set_rgb (cr, &edge_ink);
      cairo_move_to (cr, x, y + 7);
      cairo_line_to (cr, x + 40, y + 7);
      cairo_stroke (cr);
      extopo_painter_draw_arrowhead (cr, x + 40, y + 7, x, y + 7);
      extopo_painter_draw_arrowhead (cr, x, y + 7, x + 40, y + 7);
      extopo_painter_set_rgb (cr, &ink);
    }
  y += LEGEND_ROW (_("Two-way (a reciprocal pair)"), sym_x, y + 1, 20);
  {
    static const Rgb white = { 1, 1, 1 };

    extopo_painter_draw_pill (painter, _("cost 1"), x, y, &white, &ink, paint);
    if (paint)
      {
        extopo_painter_rounded_rect (cr, x, y, extopo_painter_draw_pill (painter, _("cost 1"), 0,
                                                                         0, &white, &ink, FALSE),
                                     12, 6);
        extopo_painter_set_rgb (cr, &edge_ink);
        cairo_set_line_width (cr, 0.8);
        cairo_stroke (cr);
        extopo_painter_set_rgb (cr, &ink);
      }
    y += LEGEND_ROW (_("Connector cost (lower is preferred)"), sym_x, y, 18);
  }
#undef HEADING
#undef LEGEND_ROW

  return y + LEGEND_PADDING - y0;
}

/* A painter on a scratch surface, for measuring. */
static void
measuring_painter_init (Painter                   *painter,
                        ExtopoGeometry            *geometry,
                        const ExtopoRenderOptions *options)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  extopo_painter_init (painter, cr, geometry, options);
  painter->scratch = cr;
}

void
extopo_renderer_get_legend_size (double *width,
                                 double *height)
{
  if (width != NULL)
    *width = LEGEND_WIDTH;
  if (height != NULL)
    {
      Painter painter;

      measuring_painter_init (&painter, NULL, NULL);
      *height = legend_draw (&painter, 0, 0, FALSE);
      extopo_painter_clear (&painter);
    }
}

void
extopo_renderer_draw_legend (cairo_t *cr,
                             double   x,
                             double   y)
{
  Painter painter;
  double height;

  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  extopo_painter_init (&painter, cr, NULL, NULL);
  height = legend_draw (&painter, x, y, FALSE);
  extopo_painter_rounded_rect (cr, x, y, LEGEND_WIDTH, height, 8);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_fill_preserve (cr);
  extopo_painter_set_rgb (cr, &routing_border);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  legend_draw (&painter, x, y, TRUE);
  extopo_painter_clear (&painter);
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

/* The title block, drawn and measured by the same code: title, source, date
 * and counts, then the organization's readiness for Exchange 2007 with its
 * reasons. Returns its height. */
static double
title_block (Painter  *painter,
             double    width,
             gboolean  paint)
{
  cairo_t *cr = painter->cr;
  const ExtopoRenderOptions *options = painter->options;
  ExtopoModel *model = painter->geometry->model;
  const char *title = options != NULL && options->title != NULL
                        ? options->title : _("Exchange organization topology");
  const char *subtitle = options != NULL ? options->subtitle : NULL;
  g_autofree char *line = extopo_scene_date_line (model);
  double x = PAGE_MARGIN, y = PAGE_MARGIN, inner = width - 2 * PAGE_MARGIN;
  double height = TITLE_HEIGHT;

  if (subtitle == NULL && model != NULL && options != NULL && options->show_source)
    subtitle = extopo_model_get_source_name (model);

  if (paint)
    {
      extopo_painter_set_rgb (cr, &ink);
      extopo_painter_draw_text (painter, title, 18, TRUE, x, y, inner, TRUE);
      if (subtitle != NULL)
        {
          extopo_painter_set_rgb (cr, &muted_ink);
          extopo_painter_draw_text (painter, subtitle, 11, FALSE, x, y + 26, inner, TRUE);
        }
      extopo_painter_set_rgb (cr, &muted_ink);
      extopo_painter_draw_text (painter, line, 9, FALSE, x, y + 44, inner, TRUE);
    }

  if (model != NULL)
    {
      ExtopoReadiness readiness = { 0 };
      ExtopoStatus status;

      extopo_readiness_compute (model, &readiness);
      status = extopo_readiness_get_status (&readiness);
      if (paint)
        {
          extopo_painter_draw_status_icon (cr, status, x + 7, y + height + 7, 7);
          extopo_painter_set_rgb (cr, &status_accent[status]);
        }
      extopo_painter_draw_text (painter, readiness.summary, 10, TRUE, x + 20, y + height,
                                inner - 20, paint);
      height += 20;
      if (readiness.reasons != NULL)
        {
          g_auto(GStrv) reasons = g_strsplit (readiness.reasons, "\n", -1);
          guint n = g_strv_length (reasons);

          if (paint)
            extopo_painter_set_rgb (cr, &ink);
          for (guint i = 0; i < MIN (n, TITLE_MAX_REASONS); i++)
            {
              /* TRANSLATORS: one readiness reason as a bullet point */
              g_autofree char *bullet = g_strdup_printf (_("• %s"), reasons[i]);

              height += extopo_painter_draw_paragraph (painter, bullet, SMALL_SIZE + 1, x + 20,
                                                       y + height,
                                                       inner - 20, paint) + 2;
            }
          if (n > TITLE_MAX_REASONS)
            {
              g_autofree char *more = g_strdup_printf (ngettext ("… and %u more reason: see "
                                                                 "the findings report.",
                                                                 "… and %u more reasons: see "
                                                                 "the findings report.",
                                                                 n - TITLE_MAX_REASONS),
                                                       n - TITLE_MAX_REASONS);

              height += extopo_painter_draw_paragraph (painter, more, SMALL_SIZE + 1, x + 20,
                                                       y + height,
                                                       inner - 20, paint) + 2;
            }
          height += 2;
        }
      extopo_readiness_clear (&readiness);
    }

  if (paint)
    {
      cairo_move_to (cr, x, y + height + PAGE_GAP / 2);
      cairo_line_to (cr, width - PAGE_MARGIN, y + height + PAGE_GAP / 2);
      extopo_painter_set_rgb (cr, &routing_border);
      cairo_set_line_width (cr, 0.8);
      cairo_stroke (cr);
    }

  return height;
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
      Painter painter;
      double block;

      measuring_painter_init (&painter, geometry, options);
      block = title_block (&painter, w, FALSE) + PAGE_GAP;
      extopo_painter_clear (&painter);
      h += block;
      top += block;
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
  ExtopoRenderOptions graph_options;
  ExtopoPageLayout layout;
  ExtopoRect region;
  ExtopoRect clipped;
  ExtopoRect part;
  double width, height, top, dx, dy;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (geometry != NULL);

  if (options == NULL)
    {
      extopo_render_options_init (&defaults);
      options = &defaults;
    }

  extopo_renderer_get_page_layout (geometry, options, &layout);
  width = layout.width;
  height = layout.height;
  page_region (geometry, options, &region);

  cairo_save (cr);
  if (options->page_clip != NULL)
    {
      cairo_rectangle (cr, options->page_clip->x, options->page_clip->y,
                       options->page_clip->width, options->page_clip->height);
      cairo_clip (cr);
    }
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);

  /* A tile below the title block or beside the legend skips them. */
  top = layout.top;
  part = (ExtopoRect) { 0, 0, width, top };
  if (options->show_title &&
      (options->page_clip == NULL || extopo_rect_intersects (options->page_clip, &part)))
    {
      Painter painter;

      extopo_painter_init (&painter, cr, geometry, options);
      title_block (&painter, width, TRUE);
      extopo_painter_clear (&painter);
    }

  /* Whole-point offsets: the geometry's boxes sit on whole points, and a
   * vector export then writes short integers instead of six decimals. */
  dx = round (PAGE_MARGIN - region.x);
  dy = round (top - region.y);
  graph_options = *options;
  graph_options.visible = &region;
  /* A tile draws only what falls on it: each page of a printed diagram
   * would otherwise hold all of it, clipped. */
  if (options->page_clip != NULL)
    {
      /* Widened by what strokes and shadows reach beyond a box, so that
       * an object just off the clip still paints its edge into it. */
      ExtopoRect tile = {
        options->page_clip->x - dx - CULL_MARGIN, options->page_clip->y - dy - CULL_MARGIN,
        options->page_clip->width + 2 * CULL_MARGIN, options->page_clip->height + 2 * CULL_MARGIN
      };
      double x1 = MAX (tile.x, region.x), y1 = MAX (tile.y, region.y);
      double x2 = MIN (tile.x + tile.width, region.x + region.width);
      double y2 = MIN (tile.y + tile.height, region.y + region.height);

      clipped.x = x1;
      clipped.y = y1;
      clipped.width = MAX (0, x2 - x1);
      clipped.height = MAX (0, y2 - y1);
      graph_options.visible = &clipped;
    }
  cairo_save (cr);
  cairo_rectangle (cr, region.x + dx, region.y + dy, region.width, region.height);
  cairo_clip (cr);
  cairo_translate (cr, dx, dy);
  extopo_painter_draw_graph (cr, geometry, &graph_options, dx, dy);
  cairo_restore (cr);

  part = (ExtopoRect) { PAGE_MARGIN + region.width + PAGE_GAP, top, LEGEND_WIDTH,
                        layout.legend_height };
  if (options->show_legend &&
      (options->page_clip == NULL || extopo_rect_intersects (options->page_clip, &part)))
    extopo_renderer_draw_legend (cr, part.x, part.y);

  cairo_restore (cr);
}
