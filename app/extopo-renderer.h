/* extopo-renderer.h: the one cairo drawing routine for the screen and every export.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>

#include "extopo-geometry.h"

G_BEGIN_DECLS

/* Where a page's parts go, measured once: printing a page in many tiles
 * would otherwise measure the title block (and the readiness, which reads
 * the whole model) once per tile. */
typedef struct
{
  double width;
  double height;
  double top;            /* where the diagram starts, below the title block */
  double legend_height;
} ExtopoPageLayout;

typedef struct
{
  /* Device units per point, used to simplify small text when zoomed out. */
  double            scale;
  /* Diagram-space area to draw; NULL draws everything. */
  const ExtopoRect *visible;
  ExtopoObjectKind  selected_kind;
  gpointer          selected;
  ExtopoObjectKind  hovered_kind;
  gpointer          hovered;
  /* Pointer set of model objects to mark as search matches; may be NULL. */
  GHashTable       *matches;
  /* Page furniture, used by extopo_renderer_draw_page(). */
  gboolean          show_legend;
  gboolean          show_title;
  const char       *title;
  const char       *subtitle;
  /* Whether the page names the source (file path or server) when no
   * subtitle is given; exports leave it out unless asked. */
  gboolean          show_source;
  /* Used by extopo_renderer_draw_page(): the part of the page to draw, in
   * page points (a printed tile); NULL draws the whole page. */
  const ExtopoRect *page_clip;
  /* The sheets of a PDF export; EXTOPO_PAPER_NONE is one page. */
  ExtopoPaper       paper;
  /* From extopo_renderer_get_page_layout() for these options, or NULL. */
  const ExtopoPageLayout *page_layout;
  /* Set on a printed tile (with page_clip): connectors with neither end on
   * it are left out, and one that leaves it is labelled with the group at
   * its other end and the name this gives the sheet holding that end's
   * page point ("C12"). Returns a newly allocated name. NULL elsewhere
   * (a PNG's strips clip without leaving anything out). */
  char                 *(*sheet_name) (double   page_x,
                                       double   page_y,
                                       gpointer data);
  gpointer               sheet_name_data;
  /* Used by extopo_renderer_draw_page(): the scene of the page, built by
   * extopo_scene_build() with these options, shared by the tiles or
   * strips of one export; NULL builds it. */
  const struct _ExtopoScene *scene;
  /* A comparison (extopo-compare.h) whose newer side is the geometry's
   * model: the scene marks what was added and changed, and shows what was
   * removed; NULL draws the plain diagram. */
  const struct _ExtopoChangeSet *changes;
  /* A history of snapshots (extopo-history.h): the HTML report adds its
   * chart and series as "Progress over time"; NULL for none. */
  const struct _ExtopoHistory   *history;
} ExtopoRenderOptions;

void extopo_render_options_init      (ExtopoRenderOptions       *options);

/* Draws a scene (see extopo-scene.h) at options->scale, the part in
 * options->visible (in the scene's units; NULL: all), with the selection,
 * hover and search matches of @options; the caller sets the transform. */
void extopo_renderer_draw_scene      (cairo_t                   *cr,
                                      const struct _ExtopoScene *scene,
                                      const ExtopoRenderOptions *options);
/* Builds the diagram's scene (extopo_scene_build_diagram()) and draws it,
 * in diagram coordinates. To draw often, build the scene once. */
void extopo_renderer_draw_graph      (cairo_t                   *cr,
                                      ExtopoGeometry            *geometry,
                                      const ExtopoRenderOptions *options);
/* The legend box: colours, badges, the two Exchange 2007 groups. */
void extopo_renderer_get_legend_size (double                    *width,
                                      double                    *height);
void extopo_renderer_draw_legend     (cairo_t                   *cr,
                                      double                     x,
                                      double                     y);
/* A whole page: title block, the diagram (or options->visible of it) and the
 * legend, at 1 point per unit from (0, 0). */
void extopo_renderer_get_page_size   (ExtopoGeometry            *geometry,
                                      const ExtopoRenderOptions *options,
                                      double                    *width,
                                      double                    *height);
void extopo_renderer_get_page_layout (ExtopoGeometry            *geometry,
                                      const ExtopoRenderOptions *options,
                                      ExtopoPageLayout          *layout);
void extopo_renderer_draw_page       (cairo_t                   *cr,
                                      ExtopoGeometry            *geometry,
                                      const ExtopoRenderOptions *options);
/* Appends an edge's Bézier path to @cr's current path. */
void extopo_renderer_path_edge       (cairo_t                   *cr,
                                      const ExtopoGeoEdge       *edge);
/* Adds a rectangle with corners rounded by @r to @cr's path. */
void extopo_renderer_rounded_rect    (cairo_t                   *cr,
                                      double                     x,
                                      double                     y,
                                      double                     w,
                                      double                     h,
                                      double                     r);
/* Fill colour of a status, shared with the UI. */
void extopo_renderer_status_color    (ExtopoStatus               status,
                                      double                    *r,
                                      double                    *g,
                                      double                    *b);

/* The background of a server of that status, as r, g, b in 0..1. */
void extopo_renderer_status_fill_color (ExtopoStatus        status,
                                        double             *rgb);
/* A group frame's background and border, as r, g, b in 0..1. */
void extopo_renderer_frame_colors     (ExtopoObjectKind    kind,
                                       gboolean            interop,
                                       double             *fill,
                                       double             *border);

G_END_DECLS
