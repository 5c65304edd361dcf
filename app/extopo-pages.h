/* extopo-pages.h: a diagram's page cut into sheets, for PDF and printing.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "extopo-renderer.h"

G_BEGIN_DECLS

/* Acrobat and most viewers refuse a PDF page longer than this on a side. */
#define EXTOPO_PAGES_MAX_SIDE 14400.0

/* "A4", "a3", "Letter"...; FALSE for anything else. */
gboolean    extopo_paper_from_string (const char  *name,
                                      ExtopoPaper *paper);
const char *extopo_paper_to_string   (ExtopoPaper  paper);
/* Portrait size in points. */
void        extopo_paper_get_size    (ExtopoPaper  paper,
                                      double      *width,
                                      double      *height);

/* How the page that extopo_renderer_draw_page() draws (the canvas: title
 * block, diagram, legend) goes onto sheets:
 * - one sheet showing the canvas at @scale (a sheet the size of the canvas
 *   for EXTOPO_PAPER_NONE, at most EXTOPO_PAGES_MAX_SIDE a side);
 * - or, when fitting would make names too small to read, an overview sheet
 *   of the whole canvas with the grid of tiles on it, then one sheet per
 *   tile (columns A, B, ..., rows 1, 2, ...) at @scale, with the names of
 *   the neighbouring tiles at its edges. */
typedef struct
{
  ExtopoPaper paper;            /* of the sheets; A3 when NONE had to tile */
  double      sheet_width;      /* points, orientation chosen */
  double      sheet_height;
  double      canvas_width;
  double      canvas_height;
  double      scale;            /* sheet points per canvas point */
  guint       columns;          /* 1 x 1: a single sheet, no overview */
  guint       rows;
  double      tile_width;       /* canvas points a tile covers */
  double      tile_height;
} ExtopoPagePlan;

/* Names at NAME_SIZE times this are the smallest that print legibly. */
#define EXTOPO_PAGES_MIN_SCALE 0.6

void     extopo_page_plan_compute   (ExtopoPagePlan            *plan,
                                     double                     canvas_width,
                                     double                     canvas_height,
                                     ExtopoPaper                paper);
/* For a printer's sheet, as the page setup turns it (never turned here). */
void     extopo_page_plan_compute_for_sheet (ExtopoPagePlan *plan,
                                             double          canvas_width,
                                             double          canvas_height,
                                             double          sheet_width,
                                             double          sheet_height);
/* Sheets to draw, the overview first when there are tiles. */
guint    extopo_page_plan_get_n_pages (const ExtopoPagePlan    *plan);
/* The size of sheet @page: the plan's, turned for an overview that shows
 * bigger so. */
void     extopo_page_plan_get_sheet_size (const ExtopoPagePlan *plan,
                                          guint                 page,
                                          double               *width,
                                          double               *height);
/* The canvas rectangle a tile covers; FALSE for the overview or a single sheet. */
gboolean extopo_page_plan_get_tile  (const ExtopoPagePlan      *plan,
                                     guint                      page,
                                     ExtopoRect                *tile,
                                     char                     **label);
/* Draws sheet @page (0-based) at @cr's origin, @width x @height points
 * (a print context's size may differ a little from the plan's sheet). */
void     extopo_page_plan_draw_page (const ExtopoPagePlan      *plan,
                                     guint                      page,
                                     cairo_t                   *cr,
                                     double                     width,
                                     double                     height,
                                     ExtopoGeometry            *geometry,
                                     const ExtopoRenderOptions *options);

G_END_DECLS
