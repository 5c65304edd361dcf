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
#include "extopo-style.h"

G_BEGIN_DECLS

/* Text smaller than this many device pixels is not drawn. */
#define MIN_TEXT_PIXELS   4.0
/* Below this scale, server boxes lose their badges and icons. */
#define DETAIL_SCALE      0.45
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
/* How far a stroke, shadow or halo reaches outside an object's box. */
#define CULL_MARGIN       6.0

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
  [EXTOPO_STATUS_OK]          = { STYLE_OK_ACCENT },
  [EXTOPO_STATUS_WARNING]     = { STYLE_WARNING_ACCENT },
  [EXTOPO_STATUS_ERROR]       = { STYLE_ERROR_ACCENT },
  [EXTOPO_STATUS_UNSUPPORTED] = { STYLE_UNSUPPORTED_ACCENT },
};

static const Rgb status_fill[] = {
  [EXTOPO_STATUS_OK]          = { STYLE_OK_FILL },
  [EXTOPO_STATUS_WARNING]     = { STYLE_WARNING_FILL },
  [EXTOPO_STATUS_ERROR]       = { STYLE_ERROR_FILL },
  [EXTOPO_STATUS_UNSUPPORTED] = { STYLE_UNSUPPORTED_FILL },
};

static const Rgb ink = { STYLE_INK };

static const Rgb muted_ink = { STYLE_MUTED_INK };

static const Rgb edge_ink = { STYLE_EDGE_INK };

static const Rgb selection_ink = { STYLE_SELECTION_INK };

static const Rgb match_ink = { STYLE_MATCH_INK };

static const Rgb routing_fill = { STYLE_ROUTING_FILL };

static const Rgb routing_border = { STYLE_ROUTING_BORDER };

static const Rgb admin_fill = { STYLE_ADMIN_FILL };

static const Rgb admin_border = { STYLE_ADMIN_BORDER };

static const Rgb interop_fill = { STYLE_INTEROP_FILL };

static const Rgb interop_border = { STYLE_INTEROP_BORDER };

static const Rgb badge_fill = { STYLE_BADGE_FILL };

static const Rgb role_fill = { STYLE_ROLE_FILL };

/* A pill or a dot waiting to be stroked with all others of its colour and
 * thickness. */
typedef struct
{
  double     x, y, length, thickness;
  const Rgb *colour;
} Capsule;

/* Primitives (extopo-renderer-primitives.c) */
ExtopoStatus extopo_painter_clamp_status     (ExtopoStatus      status);
void         extopo_painter_set_rgb          (cairo_t          *cr,
                                              const Rgb        *c);
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
void     extopo_painter_draw_graph       (cairo_t                   *cr,
                                          ExtopoGeometry            *geometry,
                                          const ExtopoRenderOptions *options,
                                          double                     page_dx,
                                          double                     page_dy);

/* The cairo backend of a scene (extopo-renderer-scene.c) */
void extopo_painter_draw_scene (cairo_t           *cr,
                                const ExtopoScene *scene);

G_END_DECLS
