/* extopo-renderer-private.h: what the renderer's files share: the painter,
 * its sizes and colours, and the drawing routines one file lends another.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pangocairo.h>

#include "extopo-findings.h"
#include "extopo-renderer.h"
#include "extopo-scene.h"

G_BEGIN_DECLS

/* Text smaller than this many device pixels is not drawn. */
#define MIN_TEXT_PIXELS   4.0
/* Below this scale, server boxes lose their badges and icons. */
#define DETAIL_SCALE      0.45
#define NAME_SIZE         9.0
#define SMALL_SIZE        7.0
#define FRAME_TITLE_SIZE 10.0
#define ADMIN_TITLE_SIZE 12.0
#define ARROW_LENGTH      9.0
#define ARROW_HALF_WIDTH  4.0
/* Zoomed far out: edges simplified to a point every few pixels, and no
 * antialiasing once server boxes are this few pixels high. */
#define PLAIN_EDGE_STEP    3.0
#define PLAIN_EDGE_BATCH  24
/* Pills that say where a connector leaving a printed tile goes. */
#define REFERENCE_HEIGHT  13.0
#define REFERENCE_TRIES   24
#define EXIT_STEPS_PER_SEGMENT 8
#define EXIT_BISECTIONS   16
#define EDGE_HAZE          0.35
#define SERVER_BOX_HEIGHT 54.0
#define ALIASED_BOX_PIXELS 4.0
#define PAGE_MARGIN      24.0
/* How far a stroke, shadow or halo reaches outside an object's box. */
#define CULL_MARGIN       6.0
#define PAGE_GAP         24.0
#define TITLE_HEIGHT     64.0
#define TITLE_MAX_REASONS 6
#define PAGE_MIN_WIDTH  460.0
#define LEGEND_WIDTH    300.0
#define LEGEND_PADDING   12.0

typedef struct
{
  double r, g, b;
} Rgb;

typedef struct
{
  cairo_t                   *cr;
  PangoLayout               *layout;
  ExtopoGeometry            *geometry;
  const ExtopoRenderOptions *options;
  const ExtopoRect          *visible;   /* diagram area drawn, or NULL */
  double                     page_dx;   /* diagram to page, on a printed tile */
  double                     page_dy;
  double                     scale;
  gboolean                   detailed;
  cairo_t                   *scratch;     /* owned, when only measuring */
  GHashTable                *pills;       /* text -> PangoLayout, the few badge texts */
  GPtrArray                 *text_batches; /* GlyphBatch*, while text is gathered */
  GArray                    *capsules;    /* Capsule, while pills and dots are gathered */
  GHashTable                *ascii_fonts; /* font key -> AsciiFont*, for gathered text */
} Painter;

static const Rgb status_accent[] = {
  [EXTOPO_STATUS_OK]          = { 0.42, 0.58, 0.48 },
  [EXTOPO_STATUS_WARNING]     = { 0.88, 0.60, 0.10 },
  [EXTOPO_STATUS_ERROR]       = { 0.80, 0.20, 0.18 },
  [EXTOPO_STATUS_UNSUPPORTED] = { 0.45, 0.13, 0.42 },
};

static const Rgb status_fill[] = {
  [EXTOPO_STATUS_OK]          = { 0.90, 0.94, 0.91 },
  [EXTOPO_STATUS_WARNING]     = { 0.99, 0.93, 0.80 },
  [EXTOPO_STATUS_ERROR]       = { 0.98, 0.86, 0.85 },
  [EXTOPO_STATUS_UNSUPPORTED] = { 0.90, 0.84, 0.91 },
};

static const Rgb ink = { 0.15, 0.17, 0.20 };

static const Rgb muted_ink = { 0.40, 0.43, 0.48 };

static const Rgb edge_ink = { 0.33, 0.37, 0.44 };

static const Rgb selection_ink = { 0.16, 0.45, 0.85 };

static const Rgb match_ink = { 1.00, 0.80, 0.10 };

static const Rgb routing_fill = { 0.955, 0.962, 0.972 };

static const Rgb routing_border = { 0.58, 0.63, 0.70 };

static const Rgb admin_fill = { 0.988, 0.980, 0.962 };

static const Rgb admin_border = { 0.55, 0.48, 0.38 };

static const Rgb interop_fill = { 0.89, 0.93, 0.99 };

static const Rgb interop_border = { 0.20, 0.40, 0.75 };

static const Rgb badge_fill = { 0.86, 0.88, 0.92 };

static const Rgb role_fill = { 0.82, 0.88, 0.97 };

/* A pill or a dot waiting to be stroked with all others of its colour and
 * thickness. */
typedef struct
{
  double     x, y, length, thickness;
  const Rgb *colour;
} Capsule;

/* The worst findings a group frame carries itself. */
typedef struct
{
  ExtopoSeverity severity;
  guint          count;
} GroupMark;

static const ExtopoRoles all_roles[] = {
  EXTOPO_ROLE_MAILBOX,
  EXTOPO_ROLE_CLIENT_ACCESS,
  EXTOPO_ROLE_UNIFIED_MESSAGING,
  EXTOPO_ROLE_HUB_TRANSPORT,
  EXTOPO_ROLE_EDGE_TRANSPORT,
};

/* Primitives (extopo-renderer-primitives.c) */
ExtopoStatus extopo_painter_clamp_status     (ExtopoStatus      status);
void         extopo_painter_set_rgb          (cairo_t          *cr,
                                              const Rgb        *c);
void         extopo_painter_rounded_rect     (cairo_t          *cr,
                                              double            x,
                                              double            y,
                                              double            w,
                                              double            h,
                                              double            r);
void         extopo_painter_queue_capsule    (Painter          *painter,
                                              const Rgb        *colour,
                                              double            x,
                                              double            y,
                                              double            length,
                                              double            thickness);
void         extopo_painter_flush_capsules   (Painter          *painter);
double       extopo_painter_draw_pill        (Painter          *painter,
                                              const char       *text,
                                              double            x,
                                              double            y,
                                              const Rgb        *fill,
                                              const Rgb        *text_color,
                                              gboolean          paint);
void         extopo_painter_path_status_mark (cairo_t          *cr,
                                              ExtopoStatus      status,
                                              double            cx,
                                              double            cy,
                                              double            s);
void         extopo_painter_set_mark_style   (cairo_t          *cr,
                                              double            s);
void         extopo_painter_draw_status_icon (cairo_t          *cr,
                                              ExtopoStatus      status,
                                              double            cx,
                                              double            cy,
                                              double            radius);
void         extopo_painter_outline_box      (cairo_t          *cr,
                                              const ExtopoRect *box,
                                              double            outset,
                                              double            radius,
                                              const Rgb        *color,
                                              double            alpha,
                                              double            width);
void         extopo_painter_draw_arrowhead   (cairo_t          *cr,
                                              double            tip_x,
                                              double            tip_y,
                                              double            from_x,
                                              double            from_y);
void         extopo_painter_image_line       (guint32          *pixels,
                                              int               stride,
                                              int               cx1,
                                              int               cy1,
                                              int               cx2,
                                              int               cy2,
                                              int               x0,
                                              int               y0,
                                              int               x1,
                                              int               y1,
                                              guint32           colour);

/* Text (extopo-renderer-text.c) */
void                   extopo_painter_glyph_batch_free (gpointer     data);
void                   extopo_painter_show_layout      (Painter     *painter,
                                                        PangoLayout *layout,
                                                        double       x,
                                                        double       y);
void                   extopo_painter_flush_text       (Painter     *painter);
PangoFontDescription * extopo_painter_get_font         (double       size,
                                                        gboolean     bold);
PangoLayout *          extopo_painter_create_layout    (cairo_t     *cr);
gboolean               extopo_painter_text_visible     (Painter     *painter,
                                                        double       size);
double                 extopo_painter_draw_text        (Painter     *painter,
                                                        const char  *text,
                                                        double       size,
                                                        gboolean     bold,
                                                        double       x,
                                                        double       y,
                                                        double       width,
                                                        gboolean     paint);
double                 extopo_painter_draw_paragraph   (Painter     *painter,
                                                        const char  *text,
                                                        double       size,
                                                        double       x,
                                                        double       y,
                                                        double       width,
                                                        gboolean     paint);

/* Connectors (extopo-renderer-edges.c) */
void     extopo_painter_draw_edge           (Painter             *painter,
                                             const ExtopoGeoEdge *edge);
gboolean extopo_painter_edge_passes_through (Painter             *painter,
                                             const ExtopoGeoEdge *edge);
void     extopo_painter_draw_edge_reference (Painter             *painter,
                                             const ExtopoGeoEdge *edge,
                                             GArray              *placed);
void     extopo_painter_draw_edges_plain    (Painter             *painter,
                                             GArray              *indices);

/* Groups, servers and the graph (extopo-renderer.c) */
gboolean extopo_painter_is_match         (const ExtopoRenderOptions *options,
                                          gpointer                   object);
double   extopo_painter_draw_finding_tag (Painter                   *painter,
                                          const GroupMark           *mark,
                                          double                     x,
                                          double                     y,
                                          gboolean                   paint);
void     extopo_painter_paint_group_box  (cairo_t                   *cr,
                                          double                     x,
                                          double                     y,
                                          double                     width,
                                          double                     height,
                                          double                     radius,
                                          gboolean                   admin,
                                          gboolean                   interop);
void     extopo_painter_init             (Painter                   *painter,
                                          cairo_t                   *cr,
                                          ExtopoGeometry            *geometry,
                                          const ExtopoRenderOptions *options);
void     extopo_painter_clear            (Painter                   *painter);
void     extopo_painter_draw_graph       (cairo_t                   *cr,
                                          ExtopoGeometry            *geometry,
                                          const ExtopoRenderOptions *options,
                                          double                     page_dx,
                                          double                     page_dy);

G_END_DECLS
