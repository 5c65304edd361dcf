/* extopo-geometry.h: a laid-out diagram as plain data, owning no Graphviz memory.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "extopo-model.h"

G_BEGIN_DECLS

/* All coordinates are in points, cairo orientation (y grows downwards),
 * with the diagram's top-left corner at bounds.x, bounds.y. */
typedef struct
{
  double x;
  double y;
  double width;
  double height;
} ExtopoRect;

gboolean extopo_rect_intersects     (const ExtopoRect *a,
                                     const ExtopoRect *b);
gboolean extopo_rect_contains_point (const ExtopoRect *rect,
                                     double            x,
                                     double            y);
void     extopo_rect_union          (const ExtopoRect *a,
                                     const ExtopoRect *b,
                                     ExtopoRect       *result);

/* A group frame: an administrative group or a routing group; drawn behind
 * its servers. When collapsed it stands alone as one node. */
typedef struct
{
  ExtopoRect        box;
  ExtopoRect        label_box;     /* where the group's title is written */
  ExtopoObjectKind  kind;          /* ADMIN_GROUP or ROUTING_GROUP */
  gpointer          object;
  char             *label;
  gboolean          interop;       /* one of the two Exchange 2007 groups */
  gboolean          collapsed;
  guint             depth;         /* 0 = outermost */
  int               parent;        /* index of the enclosing frame, -1 if none */
  guint             n_servers;     /* servers inside, for collapsed nodes */
  ExtopoStatus      worst_status;  /* of the servers inside */
} ExtopoGeoFrame;

/* A server box. */
typedef struct
{
  ExtopoRect    box;
  ExtopoServer *server;
  int           frame;             /* index of the innermost enclosing frame, -1 if none */
  gboolean      ghost;             /* a server of an older snapshot (see ghosts), where it was */
} ExtopoGeoNode;

/* A connection edge: a cubic Bézier path, points[0..1] the start, then
 * three (x, y) pairs per segment. */
typedef struct
{
  ExtopoConnection *connection;
  double           *points;        /* 2 * n_points doubles */
  guint             n_points;      /* 1 + 3 * segments */
  gboolean          arrow_at_end;  /* towards the forward connector's target */
  gboolean          arrow_at_start;/* two-way */
  double            label_x;
  double            label_y;
  char             *label;         /* "cost 1", "SMTP:*" ... */
  ExtopoRect        extent;        /* bounding box of the path, for culling */
  int               tail_frame;    /* frames joined (routing group or collapsed), -1 if none */
  int               head_frame;
} ExtopoGeoEdge;

typedef struct
{
  ExtopoObjectKind kind;           /* NONE when nothing was hit */
  gpointer         object;
  int              index;          /* into nodes, frames or edges */
} ExtopoHit;

struct _ExtopoGeometry
{
  /*< public, read-only >*/
  ExtopoModel *model;
  ExtopoView   view;
  ExtopoRect   bounds;
  GArray      *frames;             /* ExtopoGeoFrame, outer frames first */
  GArray      *nodes;              /* ExtopoGeoNode */
  GArray      *edges;              /* ExtopoGeoEdge */
  /* The layout's ghosts (ExtopoLayoutGhost*, extopo-layout.h), kept for
   * the ghost nodes' servers, which are theirs; or NULL. */
  GPtrArray   *ghosts;
  /*< private >*/
  gpointer     priv;
};

#define EXTOPO_TYPE_GEOMETRY (extopo_geometry_get_type ())

GType           extopo_geometry_get_type     (void) G_GNUC_CONST;
/* @model may be NULL for a hand-made geometry (tests); objects are then
 * whatever pointers the builder gives. */
ExtopoGeometry *extopo_geometry_new          (ExtopoModel          *model,
                                              ExtopoView            view);
ExtopoGeometry *extopo_geometry_ref          (ExtopoGeometry       *self);
void            extopo_geometry_unref        (ExtopoGeometry       *self);
/* Builders, used by the layout. Strings and points are copied. */
guint           extopo_geometry_add_frame    (ExtopoGeometry       *self,
                                              const ExtopoGeoFrame *frame);
guint           extopo_geometry_add_node     (ExtopoGeometry       *self,
                                              const ExtopoGeoNode  *node);
guint           extopo_geometry_add_edge     (ExtopoGeometry       *self,
                                              const ExtopoGeoEdge  *edge);
/* Whether @server is drawn as a ghost: a server of an older snapshot. */
gboolean        extopo_geometry_is_ghost     (ExtopoGeometry       *self,
                                              gconstpointer         server);
/* Keeps a reference to @ghosts (may be NULL). */
void            extopo_geometry_set_ghosts   (ExtopoGeometry       *self,
                                              GPtrArray            *ghosts);
/* Computes bounds and the spatial index; call once after the last add. */
void            extopo_geometry_finish       (ExtopoGeometry       *self);
/* Servers first, then edges (within @tolerance points), then the innermost frame. */
gboolean        extopo_geometry_hit_test     (ExtopoGeometry       *self,
                                              double                x,
                                              double                y,
                                              double                tolerance,
                                              ExtopoHit            *hit);
/* Indices (guint) of the nodes whose boxes meet @rect, in drawing order. */
void            extopo_geometry_query_nodes  (ExtopoGeometry       *self,
                                              const ExtopoRect     *rect,
                                              GArray               *indices);
/* Where an object is drawn (server box, frame, edge extent). */
gboolean        extopo_geometry_find_object  (ExtopoGeometry       *self,
                                              ExtopoObjectKind      kind,
                                              gpointer              object,
                                              ExtopoRect           *box);

/* Indices (guint) of the frames and edges whose boxes meet @rect, in drawing order. */
void            extopo_geometry_query_frames (ExtopoGeometry       *self,
                                              const ExtopoRect     *rect,
                                              GArray               *indices);
void            extopo_geometry_query_edges  (ExtopoGeometry       *self,
                                              const ExtopoRect     *rect,
                                              GArray               *indices);
/* The point a fraction @t of the way along the segments of a cubic Bézier
 * path (@points: 2 * @n_points doubles, the start then three points per
 * segment); by segments, not by length. */
void            extopo_bezier_path_point_at  (const double         *points,
                                              guint                 n_points,
                                              double                t,
                                              double               *x,
                                              double               *y);
/* Where a cubic Bézier path passes half-way, for labels. */
void            extopo_geo_edge_get_midpoint (const ExtopoGeoEdge  *edge,
                                              double               *x,
                                              double               *y);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExtopoGeometry, extopo_geometry_unref)

G_END_DECLS
