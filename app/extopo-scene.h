/* extopo-scene.h: what a diagram page shows, as a plain display list.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "extopo-renderer.h"

G_BEGIN_DECLS

/* The scene is built once after layout, in page points (the page that
 * extopo_renderer_draw_page() draws: title block, diagram, legend) or, for
 * the screen, in diagram coordinates (extopo_scene_build_diagram()), and
 * every text, badge, colour, wording and level of detail in it is decided
 * then. Backends only read it: the SVG, HTML and Visio writers, and the
 * cairo renderer (the screen, PNG, PDF and printing).
 *
 * Items are drawn in order. An item that stands for a model object names
 * it by index into the scene's objects, and an object's items follow each
 * other; page furniture has object -1.
 *
 * Level of detail: an item is shown at the scales (device pixels per unit)
 * from min_scale up to, but not including, max_scale (0: no limit). The
 * full drawing, what a vector export holds, is every item whose max_scale
 * is 0; items with a max_scale stand in for detail too small to read when
 * zoomed far out (a server as a coloured cell, a group's worst finding as
 * an icon). */

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
  /* Level of detail */
  float               min_scale;
  float               max_scale;    /* 0: no limit */
  /* Objects of a run that never overlap (servers) may be drawn a layer at
   * a time, all of one style at once: an item covers only items of its
   * own object in lower layers. */
  guint8              layer;
  guint8              flags;        /* ExtopoSceneItemFlags */
} ExtopoSceneItem;

typedef enum
{
  /* Sized in device pixels, whatever the scale: a circle's radius and
   * line width, its centre width, height pixels from (x, y); a text's
   * font_size, width and ascent, its top-left corner FAR_TITLE_PADDING
   * pixels in from (x, y), on a backing of the stroke colour, and shown
   * only where its object's box has room for it on screen and no other
   * such text is there already. */
  EXTOPO_SCENE_PIXEL_SIZED = 1 << 0,
  /* stroked at least one device pixel wide */
  EXTOPO_SCENE_HAIRLINE    = 1 << 1,
  /* the line of a connector (its first path), drawn plainer far out */
  EXTOPO_SCENE_CONNECTOR   = 1 << 2,
  /* drawn over every object: a group's title row (over the connectors
   * that cross the group), its title and mark zoomed far out */
  EXTOPO_SCENE_OVERLAY     = 1 << 3,
} ExtopoSceneItemFlags;

/* Whether @item shows at @scale. */
static inline gboolean
extopo_scene_item_shows_at (const ExtopoSceneItem *item,
                            double                 scale)
{
  return scale >= item->min_scale && (item->max_scale <= 0 || scale < item->max_scale);
}

/* Whether @item belongs to the full drawing (not a zoomed-out stand-in). */
static inline gboolean
extopo_scene_item_is_full (const ExtopoSceneItem *item)
{
  return item->max_scale <= 0;
}

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
  guint             first_item;     /* its items: first_item .. first_item + n_items - 1 */
  guint             n_items;
} ExtopoSceneObject;

typedef struct _ExtopoScene ExtopoScene;

struct _ExtopoScene
{
  /*< public, read-only >*/
  double  width;                   /* of the page */
  double  height;
  ExtopoRect diagram;              /* where the diagram is on the page */
  char   *title;
  GArray *objects;                 /* ExtopoSceneObject */
  GArray *items;                   /* ExtopoSceneItem */
  GArray *path;                    /* double: ops and points */
  /*< private >*/
  GStringChunk *strings;
  GPtrArray    *data;              /* the objects' data arrays */
  gint          ref_count;
  /* Where objects are, for extopo_scene_query(): the geometry the scene
   * was built from, its offset into the scene, and the scene object of
   * each of its frames, edges and nodes (-1 when not in the scene). */
  ExtopoGeometry *geometry;
  double          dx;
  double          dy;
  int            *frame_objects;
  int            *edge_objects;
  int            *node_objects;
  GHashTable     *by_model;        /* model object -> scene object + 1 */
  GArray         *extra_objects;   /* guint: objects of no geometry (a comparison's ghosts) */
  GArray         *furniture;       /* guint: items of no object, in order */
  double          pixel_text_width; /* the widest text sized in pixels, in pixels */
};

#define EXTOPO_SCENE_FONT_FAMILY "Sans"

/* Builds the scene of @geometry's page as @options describe it (title,
 * legend, visible part, source); @options may be NULL for the defaults. */
ExtopoScene *extopo_scene_build (ExtopoGeometry            *geometry,
                                 const ExtopoRenderOptions *options);
/* The diagram alone, in the geometry's own coordinates, for the screen:
 * no page, title block or legend. */
ExtopoScene *extopo_scene_build_diagram (ExtopoGeometry    *geometry);
/* The same with a comparison's marks on it (see ExtopoRenderOptions's
 * changes); @changes may be NULL. The removed servers are in it where
 * the geometry has them as ghost nodes (ExtopoLayoutOptions's ghosts). */
ExtopoScene *extopo_scene_build_compared (ExtopoGeometry                *geometry,
                                          const struct _ExtopoChangeSet *changes);
/* Scenes are shared with the threads that draw them, read-only. */
ExtopoScene *extopo_scene_ref   (ExtopoScene               *scene);
void         extopo_scene_unref (ExtopoScene               *scene);
/* Same as extopo_scene_unref(). */
void         extopo_scene_free  (ExtopoScene               *scene);

/* Appends to @objects (guint) the objects whose drawing may reach into
 * @area, in scene units, in drawing order. Only for a scene built from a
 * geometry; an object's bounds plus what its strokes reach is counted. */
void         extopo_scene_query       (const ExtopoScene *scene,
                                       const ExtopoRect  *area,
                                       GArray            *objects);
/* The same for the groups (frames) alone, whose bounds meet @area, in no
 * particular order; for a scene of no geometry, its group objects. */
void         extopo_scene_query_groups (const ExtopoScene *scene,
                                        const ExtopoRect  *area,
                                        GArray            *objects);
/* The scene object that stands for @object (a server, a group, a
 * connection), or -1. */
int          extopo_scene_find_object (const ExtopoScene *scene,
                                       gconstpointer      object);

/* The page furniture alone, for measuring a page and for the window's
 * legend: the title block of a page @width wide, in page points as
 * extopo_scene_build() places it (its height is the block's, without the
 * gap below it; @options may be NULL for the defaults); and the legend at
 * (0, 0), LEGEND_WIDTH wide. */
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
