/* extopo-scene.h: what a diagram page shows, as a plain display list.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "extopo-renderer.h"

G_BEGIN_DECLS

/* The scene is built once after layout, in page points (the page that
 * extopo_renderer_draw_page() draws: title block, diagram, legend), and
 * every text, badge, colour and wording in it is decided then. Backends
 * only read it: the SVG, HTML and Visio writers, and the cairo renderer for
 * the title block and the legend (the diagram itself it still draws).
 *
 * Items are drawn in order. An item that stands for a model object names
 * it by index into the scene's objects; page furniture has object -1. */

typedef enum
{
  EXTOPO_SCENE_RECT,    /* x, y, width, height, radius */
  EXTOPO_SCENE_CIRCLE,  /* centre x, y, radius */
  EXTOPO_SCENE_PATH,    /* path_start, path_length ops in the path array */
  EXTOPO_SCENE_TEXT,    /* text with its top-left at x, y; baseline at y + ascent */
} ExtopoSceneItemKind;

/* Path ops in the scene's path array: the op, then its points. */
#define EXTOPO_SCENE_MOVE  0.0  /* x y */
#define EXTOPO_SCENE_LINE  1.0  /* x y */
#define EXTOPO_SCENE_CURVE 2.0  /* x1 y1 x2 y2 x y */
#define EXTOPO_SCENE_CLOSE 3.0

typedef struct
{
  ExtopoSceneItemKind kind;
  int                 object;       /* index into objects, -1 for furniture */
  double              x;
  double              y;
  double              width;
  double              height;
  double              radius;
  guint32             fill;         /* 0xRRGGBBAA; alpha 0: none */
  guint32             stroke;
  float               line_width;
  gboolean            dashed;
  gboolean            round_caps;
  /* Text */
  const char         *text;         /* in the scene's strings */
  float               font_size;
  float               ascent;       /* from the top of the text to its baseline */
  gboolean            bold;
  /* Path */
  guint               path_start;
  guint               path_length;  /* doubles */
} ExtopoSceneItem;

typedef struct
{
  ExtopoObjectKind  kind;
  gpointer          object;         /* the model object */
  const char       *id;             /* "server-12", "routing-group-3", "connector-5" */
  const char       *classes;        /* "server status-error" */
  const char       *name;
  const char       *tooltip;        /* one line per fact */
  const char *const *data;          /* key, value, key, value, ..., NULL */
  ExtopoRect        bounds;
  int               ends[2];        /* a connector's objects at its path's start and end, -1 if
                                     * not in the scene; -1 for other objects */
} ExtopoSceneObject;

typedef struct _ExtopoScene ExtopoScene;

struct _ExtopoScene
{
  /*< public, read-only >*/
  double  width;                   /* of the page */
  double  height;
  char   *title;
  GArray *objects;                 /* ExtopoSceneObject */
  GArray *items;                   /* ExtopoSceneItem */
  GArray *path;                    /* double: ops and points */
  /*< private >*/
  GStringChunk *strings;
  GPtrArray    *data;              /* the objects' data arrays */
};

#define EXTOPO_SCENE_FONT_FAMILY "Sans"

/* Builds the scene of @geometry's page as @options describe it (title,
 * legend, visible part, source); @options may be NULL for the defaults. */
ExtopoScene *extopo_scene_build (ExtopoGeometry            *geometry,
                                 const ExtopoRenderOptions *options);
void         extopo_scene_free  (ExtopoScene               *scene);

/* The page furniture alone, for the cairo renderer, which draws the
 * diagram itself: the title block of a page @width wide, in page points
 * as extopo_scene_build() places it (its height is the block's, without
 * the gap below it; @options may be NULL for the defaults); and the
 * legend at (0, 0), LEGEND_WIDTH wide. */
ExtopoScene *extopo_scene_build_title  (ExtopoGeometry            *geometry,
                                        const ExtopoRenderOptions *options,
                                        double                     width);
ExtopoScene *extopo_scene_build_legend (void);

/* How many of @badges (NULL-terminated), drawn from @x with @gap between
 * them, fit before @limit, keeping room for a "+N" pill counting those
 * left: the rule every output follows so that no badge is cut silently.
 * @measure gives a pill's width. */
typedef double (*ExtopoBadgeWidthFunc) (const char *text,
                                        gpointer    data);
guint        extopo_badges_fit         (const char *const         *badges,
                                        double                     x,
                                        double                     gap,
                                        double                     limit,
                                        ExtopoBadgeWidthFunc       measure,
                                        gpointer                   data);

/* "Drawn 2026-12-04 10:00 · 19 servers · 6 routing groups · ...", the
 * title block's line for every backend. */
char        *extopo_scene_date_line (ExtopoModel *model);

/* Builders, used by extopo_scene_build() and the tests. */
ExtopoScene *extopo_scene_new        (double             width,
                                      double             height);
int          extopo_scene_add_object (ExtopoScene       *scene,
                                      ExtopoObjectKind   kind,
                                      gpointer           object,
                                      const char        *id,
                                      const char        *classes,
                                      const char        *name,
                                      const char        *tooltip,
                                      const char *const *data,
                                      const ExtopoRect  *bounds);
/* Copies @item (and its text into the scene's strings). */
void         extopo_scene_add_item   (ExtopoScene       *scene,
                                      const ExtopoSceneItem *item);
const char  *extopo_scene_intern     (ExtopoScene       *scene,
                                      const char        *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExtopoScene, extopo_scene_free)

G_END_DECLS
