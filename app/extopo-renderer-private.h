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
  const ExtopoRenderOptions *options;
  const ExtopoRect          *visible;   /* the area drawn, in the scene's units, or NULL */
  double                     scale;     /* device pixels per unit */
  cairo_t                   *scratch;     /* owned, when only measuring */
  GPtrArray                 *text_batches; /* GlyphBatch*, while text is gathered */
  GHashTable                *ascii_fonts; /* font key -> AsciiFont*, for gathered text */
  GArray                    *near;        /* guint: scene objects, reused while drawing */
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

static const Rgb edge_ink = { STYLE_EDGE_INK };

static const Rgb selection_ink = { STYLE_SELECTION_INK };

static const Rgb match_ink = { STYLE_MATCH_INK };

static const Rgb routing_fill = { STYLE_ROUTING_FILL };

static const Rgb routing_border = { STYLE_ROUTING_BORDER };

static const Rgb admin_fill = { STYLE_ADMIN_FILL };

static const Rgb admin_border = { STYLE_ADMIN_BORDER };

static const Rgb interop_fill = { STYLE_INTEROP_FILL };

static const Rgb interop_border = { STYLE_INTEROP_BORDER };

/* Primitives (extopo-renderer-primitives.c) */
void         extopo_painter_set_rgb          (cairo_t          *cr,
                                              const Rgb        *c);
void         extopo_painter_outline_box      (cairo_t          *cr,
                                              const ExtopoRect *box,
                                              double            outset,
                                              double            radius,
                                              const Rgb        *color,
                                              double            alpha,
                                              double            width);
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
void                   extopo_painter_flush_text       (Painter     *painter);
PangoLayout *          extopo_painter_create_layout    (cairo_t     *cr);
/* One line with its top-left corner at (x, y), cut with "…" to @width
 * (0: uncut), painted when @paint in the current source colour (gathered
 * into batches while painter->text_batches is set); returns its width. */
double                 extopo_painter_draw_text        (Painter     *painter,
                                                        const char  *text,
                                                        double       size,
                                                        gboolean     bold,
                                                        double       x,
                                                        double       y,
                                                        double       width,
                                                        gboolean     paint);

/* Connectors (extopo-renderer-edges.c) */
/* Zoomed far out: plain light lines; @lines holds their points (as an
 * edge of the geometry does), @starts where each begins in it. */
void     extopo_painter_draw_lines_plain (Painter           *painter,
                                          GArray            *lines,
                                          GArray            *starts);
/* On a printed tile (painter->visible): for a connector with one end on
 * it, a pill at the tile's edge where it leaves saying where it goes:
 * @names are the groups at its start and end (or NULL; @label stands in).
 * @placed holds the pills drawn so far. */
void     extopo_painter_draw_reference   (Painter           *painter,
                                          const double      *points,
                                          guint              n_points,
                                          const char *const  names[2],
                                          const char        *label,
                                          GArray            *placed);

/* The painter (extopo-renderer.c) */
void     extopo_painter_init     (Painter                   *painter,
                                  cairo_t                   *cr,
                                  const ExtopoRenderOptions *options);
void     extopo_painter_clear    (Painter                   *painter);
gboolean extopo_painter_is_match (const ExtopoRenderOptions *options,
                                  gconstpointer              object);

/* The cairo backend of a scene (extopo-renderer-scene.c) */
/* Draws what of @scene shows at painter->scale and in painter->visible
 * (NULL: all), the objects clipped to @diagram_clip (NULL: not clipped),
 * with the highlights painter->options asks for. */
void extopo_painter_draw_scene_area (Painter           *painter,
                                     const ExtopoScene *scene,
                                     const ExtopoRect  *diagram_clip);
/* A scene of page furniture (title block, legend), at 1:1. */
void extopo_painter_draw_scene      (cairo_t           *cr,
                                     const ExtopoScene *scene);

G_END_DECLS
