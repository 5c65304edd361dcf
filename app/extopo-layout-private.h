/* extopo-layout-private.h: the layout's plan, shared by its files.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plan (blocks, clusters, links, ranks) is plain C; extopo-layout.c
 * places it with Graphviz `dot`, extopo-layout-grid.c places big ones on
 * its own; both leave positions in the plan, which extopo-layout-geometry.c
 * reads into an ExtopoGeometry. No Graphviz type appears here.
 */

#pragma once

#include "extopo-layout.h"

G_BEGIN_DECLS

/* Server boxes and the grid inside a routing group, in points. */
#define SERVER_WIDTH     150.0
#define SERVER_HEIGHT     54.0
#define SERVER_GAP         8.0
#define GROUP_PADDING     10.0
#define GROUP_HEADER      26.0
#define GROUP_MIN_WIDTH  180.0
#define EMPTY_GROUP_HEIGHT 30.0
#define COLLAPSED_WIDTH  180.0
#define COLLAPSED_HEIGHT  64.0
/* A rough width per title character, so a frame is never narrower than its name. */
#define TITLE_CHAR_WIDTH   7.0
/* Width : height a group's grid aims at. */
#define GROUP_ASPECT       1.5
/* How far outside the groups a routed edge may stray before it is drawn straight. */
#define ESCAPE_MARGIN    150.0
/* The room `dot` keeps for an address-space tag. */
#define STUB_CHAR_WIDTH    4.3
#define STUB_HEIGHT       20.0
/* Where a hand-placed tag sits below its group: in the gap between ranks. */
#define STUB_DROP         30.0
/* Above this many edges, straight polyline routing instead of splines. */
#define SPLINE_EDGE_LIMIT 400
/* Above this many, straight lines. */
#define LINE_EDGE_LIMIT  1500
/* Above this many blocks (or LINE_EDGE_LIMIT links), placed without `dot`. */
#define GRID_BLOCK_LIMIT 1000
/* Gaps between groups, as `dot` gets them (nodesep 0.35 in, ranksep 0.8 in). */
#define NODE_SEP          25.2
#define RANK_SEP          57.6
/* An administrative group's frame around its groups, and its title above them. */
#define CLUSTER_MARGIN    12.0
#define CLUSTER_LABEL     24.0

/* One placed box: a routing group with its servers, a collapsed group, or
 * the servers that belong to no routing group. */
typedef struct
{
  ExtopoObjectKind  kind;       /* ROUTING_GROUP, ADMIN_GROUP (collapsed), NONE (loose servers) */
  gpointer          object;
  gboolean          collapsed;
  int               cluster;    /* index into clusters, -1 at the top */
  GPtrArray        *servers;    /* ExtopoServer*, borrowed, in grid order */
  guint             n_ghosts;   /* the last of them: an older snapshot's (ExtopoLayoutGhost) */
  guint             cols;
  double            width;
  double            height;
  double            cx;         /* placed centre, cairo orientation (y down) */
  double            cy;
  int               frame;      /* index of its frame in the geometry, -1 if none */
} Block;

typedef struct
{
  ExtopoAdminGroup *admin_group;
  gboolean          placed;
  ExtopoRect        box;        /* placed frame */
  int               frame;
} Cluster;

typedef struct
{
  ExtopoConnection *connection;
  guint             tail;
  guint             head;
  gboolean          straight;   /* left out of `dot`, drawn as a straight line */
  gboolean          flat;       /* given to `dot` without a ranking constraint */
  gboolean          upwards;    /* the tail is ranked below the head: `dot` gets it reversed */
  guint             minlen;     /* ranks between the two ends, 0: `dot` decides */
  gboolean          beside;     /* a tree edge folded into one rank: `minlen` 0 */
  GArray           *path;       /* routed Bézier points (double x, y), NULL: straight */
} Link;

/* A connector to address spaces rather than a routing group (an SMTP or
 * Send connector to the Internet, an X.400 link): an edge from its group
 * to a small tag placed nearby. */
typedef struct
{
  ExtopoConnection *connection;
  guint             tail;
  char             *label;
  double            width;
  gboolean          placed;     /* by `dot`; otherwise below its group */
  double            cx;
  double            cy;
  GArray           *path;
} Stub;

typedef struct
{
  ExtopoModel *model;
  ExtopoView   view;
  GHashTable  *collapsed;       /* normalized DNs, owned copy */
  GPtrArray   *ghosts;          /* ExtopoLayoutGhost*, a reference, or NULL */
  GArray      *blocks;          /* Block */
  GArray      *clusters;        /* Cluster */
  GArray      *links;           /* Link */
  GHashTable  *block_of_group;  /* ExtopoRoutingGroup* -> block index + 1 */
  GArray      *stubs;           /* Stub */
  /* Ranks chosen by plan_rank_links(), NULL without links. */
  guint       *rank;            /* per block; G_MAXUINT: not in the tree */
  guint       *tree_order;      /* per block, its place in the breadth-first walk */
  guint        fold;            /* ranks drawn as one row */
  double       aspect;          /* width : height the drawing aims at */
  double       rank_scale;      /* ranks' correction after a placement missed the aspect */
} Plan;

/* A box to arrange: its size in, its place out. */
typedef struct
{
  double width;                 /* 0: left out */
  double height;
  double x;
  double y;
} ExtopoPackBox;

GHashTable     *extopo_plan_copy_string_set (GHashTable *set);
Plan           *extopo_plan_new             (ExtopoModel               *model,
                                             const ExtopoLayoutOptions *options);
void            extopo_plan_free            (Plan                      *plan);
/* Blocks (and clusters) of the view, then the links between them, then ranks. */
void            extopo_plan_build           (Plan                      *plan);
/* Ranks again, with @scale times as many ranks per group per rank (a
 * drawing @scale times too wide the first time). */
void            extopo_plan_rerank          (Plan                      *plan,
                                             double                     scale);
/* Forgets the chosen ranks, for a second try by `dot`. */
void            extopo_plan_drop_ranks      (Plan                      *plan);
/* Whether the plan is too big for `dot` to place in time proportional to it. */
gboolean        extopo_plan_is_big          (Plan                      *plan);
/* Places every block, cluster and stub without Graphviz: ranks from the plan,
 * rows in breadth-first order, clusters packed in rows. */
void            extopo_plan_place_grid      (Plan                      *plan);
/* Moves what `dot` placed, in regions it cannot bend (a frame with what it
 * holds, groups tied by connectors), into rows nearer the plan's aspect,
 * when that shows the drawing clearly larger. Whether it moved them. */
gboolean        extopo_plan_repack          (Plan                      *plan);
/* Shelf packing in order: rows no wider than @row_width (at least one box
 * each), @gap between boxes. Sets each box's place and the whole's size. */
void            extopo_pack_rows_at         (ExtopoPackBox             *boxes,
                                             guint                      n_boxes,
                                             double                     gap,
                                             double                     row_width,
                                             double                    *width,
                                             double                    *height);
/* The same, with the row width that brings the whole nearest @aspect. */
void            extopo_pack_rows            (ExtopoPackBox             *boxes,
                                             guint                      n_boxes,
                                             double                     gap,
                                             double                     aspect,
                                             double                    *width,
                                             double                    *height);
/* The placed plan as geometry. */
ExtopoGeometry *extopo_plan_read_geometry   (Plan                      *plan);
/* Bézier paths as GArrays of doubles (x, y): a point, and a straight piece
 * written as a cubic so that a path stays 1 + 3k points. */
void            extopo_path_append_point    (GArray                    *points,
                                             double                     x,
                                             double                     y);
void            extopo_path_append_line     (GArray                    *points,
                                             double                     x,
                                             double                     y);
/* "cost 1", "cost 10 · two-way" ...: an edge's label. */
char           *extopo_plan_connection_label (ExtopoConnection         *connection);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Plan, extopo_plan_free)

G_END_DECLS
