/* extopo-geometry.c: a laid-out diagram as plain data, with a grid index for hit tests.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-geometry"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "extopo-geometry.h"

/* Each cubic segment is flattened into this many straight pieces for hit tests. */
#define FLATTEN_STEPS 12
/* Room kept around the drawing so strokes and arrowheads are not clipped. */
#define BOUNDS_MARGIN 12.0
/* The label pill and arrowheads reach this far beyond an edge's control points. */
#define EDGE_LABEL_HALF_WIDTH  40.0
#define EDGE_LABEL_HALF_HEIGHT 10.0
#define EDGE_ARROW_REACH       10.0
#define GRID_MAX_SIDE          2048

/* One uniform grid of buckets, in compressed rows: the items of cell c are
 * items[start[c]] .. items[start[c + 1] - 1]. */
typedef struct
{
  guint *start;
  guint *items;
} Buckets;

typedef struct
{
  gatomicrefcount ref_count;
  gboolean    finished;
  double      cell;
  double      origin_x;
  double      origin_y;
  guint       cols;
  guint       rows;
  Buckets     node_buckets;
  Buckets     edge_buckets;
  Buckets     frame_buckets;
  GPtrArray  *polylines;     /* GArray of double (x, y) per edge, flattened */
  GHashTable *node_by_object;
  GHashTable *frame_by_object;
  GHashTable *edge_by_object;
} GeometryPrivate;

/* Written out rather than G_DEFINE_BOXED_TYPE, whose type check passes the
 * functions through a union, which ISO C (-Wpedantic) forbids. */
GType
extopo_geometry_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_boxed_type_register_static (g_intern_static_string ("ExtopoGeometry"),
                                                 (GBoxedCopyFunc) extopo_geometry_ref,
                                                 (GBoxedFreeFunc) extopo_geometry_unref);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

gboolean
extopo_rect_intersects (const ExtopoRect *a,
                        const ExtopoRect *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return a->x <= b->x + b->width && b->x <= a->x + a->width &&
         a->y <= b->y + b->height && b->y <= a->y + a->height;
}

gboolean
extopo_rect_contains_point (const ExtopoRect *rect,
                            double            x,
                            double            y)
{
  g_return_val_if_fail (rect != NULL, FALSE);

  return x >= rect->x && x <= rect->x + rect->width &&
         y >= rect->y && y <= rect->y + rect->height;
}

void
extopo_rect_union (const ExtopoRect *a,
                   const ExtopoRect *b,
                   ExtopoRect       *result)
{
  double x1, y1, x2, y2;

  g_return_if_fail (a != NULL);
  g_return_if_fail (b != NULL);
  g_return_if_fail (result != NULL);

  x1 = MIN (a->x, b->x);
  y1 = MIN (a->y, b->y);
  x2 = MAX (a->x + a->width, b->x + b->width);
  y2 = MAX (a->y + a->height, b->y + b->height);
  result->x = x1;
  result->y = y1;
  result->width = x2 - x1;
  result->height = y2 - y1;
}

static void
frame_clear (gpointer data)
{
  ExtopoGeoFrame *frame = data;

  g_clear_pointer (&frame->label, g_free);
}

static void
edge_clear (gpointer data)
{
  ExtopoGeoEdge *edge = data;

  g_clear_pointer (&edge->points, g_free);
  g_clear_pointer (&edge->label, g_free);
}

ExtopoGeometry *
extopo_geometry_new (ExtopoModel *model,
                     ExtopoView   view)
{
  ExtopoGeometry *self;
  GeometryPrivate *priv;

  g_return_val_if_fail (model == NULL || EXTOPO_IS_MODEL (model), NULL);

  self = g_new0 (ExtopoGeometry, 1);
  self->model = model != NULL ? g_object_ref (model) : NULL;
  self->view = view;
  self->frames = g_array_new (FALSE, TRUE, sizeof (ExtopoGeoFrame));
  g_array_set_clear_func (self->frames, frame_clear);
  self->nodes = g_array_new (FALSE, TRUE, sizeof (ExtopoGeoNode));
  self->edges = g_array_new (FALSE, TRUE, sizeof (ExtopoGeoEdge));
  g_array_set_clear_func (self->edges, edge_clear);

  priv = g_new0 (GeometryPrivate, 1);
  g_atomic_ref_count_init (&priv->ref_count);
  priv->polylines = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  priv->node_by_object = g_hash_table_new (NULL, NULL);
  priv->frame_by_object = g_hash_table_new (NULL, NULL);
  priv->edge_by_object = g_hash_table_new (NULL, NULL);
  self->priv = priv;

  return self;
}

ExtopoGeometry *
extopo_geometry_ref (ExtopoGeometry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&((GeometryPrivate *) self->priv)->ref_count);

  return self;
}

static void
buckets_clear (Buckets *buckets)
{
  g_clear_pointer (&buckets->start, g_free);
  g_clear_pointer (&buckets->items, g_free);
}

void
extopo_geometry_unref (ExtopoGeometry *self)
{
  GeometryPrivate *priv;

  g_return_if_fail (self != NULL);

  priv = self->priv;
  if (!g_atomic_ref_count_dec (&priv->ref_count))
    return;

  buckets_clear (&priv->node_buckets);
  buckets_clear (&priv->edge_buckets);
  buckets_clear (&priv->frame_buckets);
  g_clear_pointer (&priv->polylines, g_ptr_array_unref);
  g_clear_pointer (&priv->node_by_object, g_hash_table_unref);
  g_clear_pointer (&priv->frame_by_object, g_hash_table_unref);
  g_clear_pointer (&priv->edge_by_object, g_hash_table_unref);
  g_free (priv);

  g_clear_pointer (&self->frames, g_array_unref);
  g_clear_pointer (&self->nodes, g_array_unref);
  g_clear_pointer (&self->edges, g_array_unref);
  g_clear_pointer (&self->ghosts, g_ptr_array_unref);
  g_clear_object (&self->model);
  g_free (self);
}

gboolean
extopo_geometry_is_ghost (ExtopoGeometry *self,
                          gconstpointer   server)
{
  GeometryPrivate *priv;
  guint index;

  g_return_val_if_fail (self != NULL, FALSE);

  priv = self->priv;
  if (self->ghosts == NULL || server == NULL)
    return FALSE;
  index = GPOINTER_TO_UINT (g_hash_table_lookup (priv->node_by_object, server));

  return index > 0 && g_array_index (self->nodes, ExtopoGeoNode, index - 1).ghost;
}

void
extopo_geometry_set_ghosts (ExtopoGeometry *self,
                            GPtrArray      *ghosts)
{
  g_return_if_fail (self != NULL);

  if (ghosts != NULL)
    g_ptr_array_ref (ghosts);
  g_clear_pointer (&self->ghosts, g_ptr_array_unref);
  self->ghosts = ghosts;
}

guint
extopo_geometry_add_frame (ExtopoGeometry       *self,
                           const ExtopoGeoFrame *frame)
{
  ExtopoGeoFrame copy;
  GeometryPrivate *priv;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (frame != NULL, 0);

  priv = self->priv;
  g_return_val_if_fail (!priv->finished, 0);

  copy = *frame;
  copy.label = g_strdup (frame->label);
  g_array_append_val (self->frames, copy);

  if (frame->object != NULL)
    g_hash_table_insert (priv->frame_by_object, frame->object,
                         GUINT_TO_POINTER (self->frames->len));

  return self->frames->len - 1;
}

guint
extopo_geometry_add_node (ExtopoGeometry      *self,
                          const ExtopoGeoNode *node)
{
  GeometryPrivate *priv;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (node != NULL, 0);

  priv = self->priv;
  g_return_val_if_fail (!priv->finished, 0);

  g_array_append_val (self->nodes, *node);
  if (node->server != NULL)
    g_hash_table_insert (priv->node_by_object, node->server,
                         GUINT_TO_POINTER (self->nodes->len));

  return self->nodes->len - 1;
}

static void
rect_from_points (const double *points,
                  guint         n_points,
                  ExtopoRect   *rect)
{
  double x1 = points[0], y1 = points[1], x2 = points[0], y2 = points[1];

  for (guint i = 1; i < n_points; i++)
    {
      x1 = MIN (x1, points[2 * i]);
      y1 = MIN (y1, points[2 * i + 1]);
      x2 = MAX (x2, points[2 * i]);
      y2 = MAX (y2, points[2 * i + 1]);
    }

  rect->x = x1;
  rect->y = y1;
  rect->width = x2 - x1;
  rect->height = y2 - y1;
}

static void
bezier_point (const double *p,
              double        t,
              double       *x,
              double       *y)
{
  double u = 1.0 - t;
  double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;

  *x = a * p[0] + b * p[2] + c * p[4] + d * p[6];
  *y = a * p[1] + b * p[3] + c * p[5] + d * p[7];
}

static GArray *
flatten_path (const double *points,
              guint         n_points)
{
  GArray *line = g_array_new (FALSE, FALSE, sizeof (double));

  g_array_append_vals (line, points, 2);
  for (guint s = 0; 3 * s + 3 < n_points; s++)
    for (guint k = 1; k <= FLATTEN_STEPS; k++)
      {
        double xy[2];

        bezier_point (points + 6 * s, (double) k / FLATTEN_STEPS, &xy[0], &xy[1]);
        g_array_append_vals (line, xy, 2);
      }

  return line;
}

void
extopo_bezier_path_point_at (const double *points,
                             guint         n_points,
                             double        t,
                             double       *x,
                             double       *y)
{
  guint segments;
  double u, v, pos;
  guint k;
  const double *p;

  g_return_if_fail (points != NULL && n_points > 0);

  segments = (n_points - 1) / 3;
  if (segments == 0)
    {
      *x = points[0];
      *y = points[1];
      return;
    }
  pos = CLAMP (t, 0, 1) * segments;
  k = MIN ((guint) pos, segments - 1);
  p = points + 6 * k;
  u = pos - k;
  v = 1 - u;
  *x = v * v * v * p[0] + 3 * v * v * u * p[2] + 3 * v * u * u * p[4] + u * u * u * p[6];
  *y = v * v * v * p[1] + 3 * v * v * u * p[3] + 3 * v * u * u * p[5] + u * u * u * p[7];
}

void
extopo_geo_edge_get_midpoint (const ExtopoGeoEdge *edge,
                              double              *x,
                              double              *y)
{
  g_autoptr(GArray) line = NULL;
  const double *p;
  double total = 0, walked = 0;
  guint n;

  g_return_if_fail (edge != NULL);
  g_return_if_fail (edge->n_points > 0);

  /* Half-way along the path's length, not at a middle control point: an
   * arrowhead's short straight piece would pull that to one end. */
  line = flatten_path (edge->points, edge->n_points);
  p = (const double *) (gpointer) line->data;
  n = line->len / 2;
  for (guint i = 0; i + 1 < n; i++)
    total += hypot (p[2 * i + 2] - p[2 * i], p[2 * i + 3] - p[2 * i + 1]);

  *x = p[0];
  *y = p[1];
  for (guint i = 0; i + 1 < n; i++)
    {
      double piece = hypot (p[2 * i + 2] - p[2 * i], p[2 * i + 3] - p[2 * i + 1]);

      if (piece > 0 && walked + piece >= total / 2)
        {
          double t = (total / 2 - walked) / piece;

          *x = p[2 * i] + t * (p[2 * i + 2] - p[2 * i]);
          *y = p[2 * i + 1] + t * (p[2 * i + 3] - p[2 * i + 1]);
          return;
        }
      walked += piece;
    }
}

guint
extopo_geometry_add_edge (ExtopoGeometry      *self,
                          const ExtopoGeoEdge *edge)
{
  ExtopoGeoEdge copy;
  ExtopoRect label_box;
  GeometryPrivate *priv;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (edge != NULL, 0);
  g_return_val_if_fail (edge->n_points >= 1 && edge->points != NULL, 0);

  priv = self->priv;
  g_return_val_if_fail (!priv->finished, 0);

  copy = *edge;
  copy.points = g_memdup2 (edge->points, 2 * edge->n_points * sizeof (double));
  copy.label = g_strdup (edge->label);

  rect_from_points (copy.points, copy.n_points, &copy.extent);
  copy.extent.x -= EDGE_ARROW_REACH;
  copy.extent.y -= EDGE_ARROW_REACH;
  copy.extent.width += 2 * EDGE_ARROW_REACH;
  copy.extent.height += 2 * EDGE_ARROW_REACH;
  if (copy.label != NULL)
    {
      label_box.x = copy.label_x - EDGE_LABEL_HALF_WIDTH;
      label_box.y = copy.label_y - EDGE_LABEL_HALF_HEIGHT;
      label_box.width = 2 * EDGE_LABEL_HALF_WIDTH;
      label_box.height = 2 * EDGE_LABEL_HALF_HEIGHT;
      extopo_rect_union (&copy.extent, &label_box, &copy.extent);
    }

  g_array_append_val (self->edges, copy);
  g_ptr_array_add (priv->polylines, flatten_path (copy.points, copy.n_points));

  if (edge->connection != NULL)
    {
      gpointer index = GUINT_TO_POINTER (self->edges->len);

      g_hash_table_insert (priv->edge_by_object, edge->connection, index);
      if (self->model != NULL)
        {
          if (edge->connection->forward != NULL)
            g_hash_table_insert (priv->edge_by_object, edge->connection->forward, index);
          if (edge->connection->reverse != NULL)
            g_hash_table_insert (priv->edge_by_object, edge->connection->reverse, index);
        }
    }

  return self->edges->len - 1;
}

/* Grid cells covered by a rectangle, clamped to the grid. */
static void
grid_range (GeometryPrivate  *priv,
            const ExtopoRect *rect,
            guint            *c1,
            guint            *r1,
            guint            *c2,
            guint            *r2)
{
  double fx1 = floor ((rect->x - priv->origin_x) / priv->cell);
  double fy1 = floor ((rect->y - priv->origin_y) / priv->cell);
  double fx2 = floor ((rect->x + rect->width - priv->origin_x) / priv->cell);
  double fy2 = floor ((rect->y + rect->height - priv->origin_y) / priv->cell);

  *c1 = (guint) CLAMP (fx1, 0, priv->cols - 1);
  *r1 = (guint) CLAMP (fy1, 0, priv->rows - 1);
  *c2 = (guint) CLAMP (fx2, 0, priv->cols - 1);
  *r2 = (guint) CLAMP (fy2, 0, priv->rows - 1);
}

typedef void (*CellFunc) (guint cell, guint item, gpointer data);

static void
for_each_rect_cell (GeometryPrivate  *priv,
                    const ExtopoRect *rect,
                    guint             item,
                    CellFunc          func,
                    gpointer          data)
{
  guint c1, r1, c2, r2;

  grid_range (priv, rect, &c1, &r1, &c2, &r2);
  for (guint r = r1; r <= r2; r++)
    for (guint c = c1; c <= c2; c++)
      func (r * priv->cols + c, item, data);
}

typedef struct
{
  guint *counts;    /* per cell */
  guint *fill;      /* per cell, NULL when counting */
  guint *items;
  guint *last;      /* per cell: the last item added, to add an edge once */
} BucketBuild;

static void
bucket_add_cb (guint    cell,
               guint    item,
               gpointer data)
{
  BucketBuild *build = data;

  if (build->last[cell] == item)
    return;
  build->last[cell] = item;

  if (build->fill == NULL)
    build->counts[cell]++;
  else
    build->items[build->fill[cell]++] = item;
}

typedef void (*ItemCellsFunc) (ExtopoGeometry *self, guint item, BucketBuild *build);

static void
node_cells (ExtopoGeometry *self,
            guint           item,
            BucketBuild    *build)
{
  for_each_rect_cell (self->priv, &g_array_index (self->nodes, ExtopoGeoNode, item).box,
                      item, bucket_add_cb, build);
}

static void
frame_cells (ExtopoGeometry *self,
             guint           item,
             BucketBuild    *build)
{
  for_each_rect_cell (self->priv, &g_array_index (self->frames, ExtopoGeoFrame, item).box,
                      item, bucket_add_cb, build);
}

static void
edge_cells (ExtopoGeometry *self,
            guint           item,
            BucketBuild    *build)
{
  GeometryPrivate *priv = self->priv;
  GArray *line = g_ptr_array_index (priv->polylines, item);
  const double *p = (const double *) (gpointer) line->data;
  guint n = line->len / 2;

  /* Bucket each straight piece by its own box: a long diagonal edge then
   * fills only the cells it passes through, not its whole extent. */
  for (guint i = 0; i + 1 < MAX (n, 2); i++)
    {
      ExtopoRect piece;
      guint j = MIN (i + 1, n - 1);

      piece.x = MIN (p[2 * i], p[2 * j]);
      piece.y = MIN (p[2 * i + 1], p[2 * j + 1]);
      piece.width = fabs (p[2 * j] - p[2 * i]);
      piece.height = fabs (p[2 * j + 1] - p[2 * i + 1]);
      for_each_rect_cell (priv, &piece, item, bucket_add_cb, build);
    }
}

static void
buckets_build (ExtopoGeometry *self,
               Buckets        *buckets,
               guint           n_items,
               ItemCellsFunc   cells)
{
  GeometryPrivate *priv = self->priv;
  guint n_cells = priv->cols * priv->rows;
  g_autofree guint *counts = g_new0 (guint, n_cells);
  g_autofree guint *fill = g_new (guint, n_cells);
  g_autofree guint *last = g_new (guint, n_cells);
  BucketBuild build = { counts, NULL, NULL, last };
  guint total = 0;

  memset (last, 0xff, n_cells * sizeof (guint));
  for (guint i = 0; i < n_items; i++)
    cells (self, i, &build);

  buckets->start = g_new (guint, n_cells + 1);
  for (guint c = 0; c < n_cells; c++)
    {
      buckets->start[c] = total;
      fill[c] = total;
      total += counts[c];
    }
  buckets->start[n_cells] = total;
  buckets->items = g_new (guint, MAX (total, 1));

  memset (last, 0xff, n_cells * sizeof (guint));
  build.fill = fill;
  build.items = buckets->items;
  for (guint i = 0; i < n_items; i++)
    cells (self, i, &build);
}

void
extopo_geometry_finish (ExtopoGeometry *self)
{
  GeometryPrivate *priv;
  ExtopoRect bounds = { 0, 0, 0, 0 };
  gboolean have_bounds = FALSE;
  double target_cells, cell;

  g_return_if_fail (self != NULL);

  priv = self->priv;
  g_return_if_fail (!priv->finished);

#define GROW(r) G_STMT_START { \
    if (have_bounds) extopo_rect_union (&bounds, (r), &bounds); \
    else { bounds = *(r); have_bounds = TRUE; } \
} G_STMT_END

  for (guint i = 0; i < self->frames->len; i++)
    GROW (&g_array_index (self->frames, ExtopoGeoFrame, i).box);
  for (guint i = 0; i < self->nodes->len; i++)
    GROW (&g_array_index (self->nodes, ExtopoGeoNode, i).box);
  for (guint i = 0; i < self->edges->len; i++)
    GROW (&g_array_index (self->edges, ExtopoGeoEdge, i).extent);
#undef GROW

  bounds.x -= BOUNDS_MARGIN;
  bounds.y -= BOUNDS_MARGIN;
  bounds.width += 2 * BOUNDS_MARGIN;
  bounds.height += 2 * BOUNDS_MARGIN;
  self->bounds = bounds;

  /* About one cell per server box, so a cell holds a handful of items. */
  target_cells = MAX (1.0, (double) MAX (self->nodes->len, self->frames->len + self->edges->len));
  cell = sqrt (bounds.width * bounds.height / target_cells);
  cell = MAX (cell, 8.0);
  cell = MAX (cell, MAX (bounds.width, bounds.height) / GRID_MAX_SIDE);
  priv->cell = cell;
  priv->origin_x = bounds.x;
  priv->origin_y = bounds.y;
  priv->cols = CLAMP ((guint) ceil (bounds.width / cell), 1, GRID_MAX_SIDE);
  priv->rows = CLAMP ((guint) ceil (bounds.height / cell), 1, GRID_MAX_SIDE);

  buckets_build (self, &priv->node_buckets, self->nodes->len, node_cells);
  buckets_build (self, &priv->frame_buckets, self->frames->len, frame_cells);
  buckets_build (self, &priv->edge_buckets, self->edges->len, edge_cells);

  priv->finished = TRUE;
}

static double
distance_to_polyline (GArray *line,
                      double  x,
                      double  y)
{
  const double *p = (const double *) (gpointer) line->data;
  guint n = line->len / 2;
  double best = G_MAXDOUBLE;

  if (n == 1)
    return hypot (x - p[0], y - p[1]);

  for (guint i = 0; i + 1 < n; i++)
    {
      double ax = p[2 * i], ay = p[2 * i + 1];
      double dx = p[2 * i + 2] - ax, dy = p[2 * i + 3] - ay;
      double len2 = dx * dx + dy * dy;
      double t = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / len2 : 0;

      t = CLAMP (t, 0.0, 1.0);
      best = MIN (best, hypot (x - (ax + t * dx), y - (ay + t * dy)));
    }

  return best;
}

static gboolean
point_in_grid (GeometryPrivate *priv,
               double           x,
               double           y,
               guint           *cell)
{
  double fc = floor ((x - priv->origin_x) / priv->cell);
  double fr = floor ((y - priv->origin_y) / priv->cell);

  if (fc < 0 || fr < 0 || fc >= priv->cols || fr >= priv->rows)
    return FALSE;

  *cell = (guint) fr * priv->cols + (guint) fc;

  return TRUE;
}

gboolean
extopo_geometry_hit_test (ExtopoGeometry *self,
                          double          x,
                          double          y,
                          double          tolerance,
                          ExtopoHit      *hit)
{
  GeometryPrivate *priv;
  ExtopoRect around;
  guint cell, c1, r1, c2, r2;
  int best = -1;
  double best_distance;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (hit != NULL, FALSE);

  priv = self->priv;
  g_return_val_if_fail (priv->finished, FALSE);

  hit->kind = EXTOPO_OBJECT_NONE;
  hit->object = NULL;
  hit->index = -1;

  /* Servers: the topmost box under the point. */
  if (point_in_grid (priv, x, y, &cell))
    for (guint k = priv->node_buckets.start[cell]; k < priv->node_buckets.start[cell + 1]; k++)
      {
        guint i = priv->node_buckets.items[k];
        const ExtopoGeoNode *node = &g_array_index (self->nodes, ExtopoGeoNode, i);

        if (extopo_rect_contains_point (&node->box, x, y) && (int) i > best)
          best = i;
      }
  if (best >= 0)
    {
      hit->kind = EXTOPO_OBJECT_SERVER;
      hit->object = g_array_index (self->nodes, ExtopoGeoNode, best).server;
      hit->index = best;
      return TRUE;
    }

  /* Edges: the nearest path within the tolerance. */
  tolerance = MAX (tolerance, 0.0);
  best_distance = tolerance;
  around.x = x - tolerance;
  around.y = y - tolerance;
  around.width = around.height = 2 * tolerance;
  grid_range (priv, &around, &c1, &r1, &c2, &r2);
  for (guint r = r1; r <= r2; r++)
    for (guint c = c1; c <= c2; c++)
      {
        cell = r * priv->cols + c;
        for (guint k = priv->edge_buckets.start[cell]; k < priv->edge_buckets.start[cell + 1]; k++)
          {
            guint i = priv->edge_buckets.items[k];
            double d;

            if ((int) i == best)
              continue;
            d = distance_to_polyline (g_ptr_array_index (priv->polylines, i), x, y);
            if (d <= best_distance)
              {
                best_distance = d;
                best = i;
              }
          }
      }
  if (best >= 0)
    {
      const ExtopoGeoEdge *edge = &g_array_index (self->edges, ExtopoGeoEdge, best);

      hit->kind = EXTOPO_OBJECT_CONNECTOR;
      /* The forward connector stands for the edge, as in the findings. */
      if (edge->connection != NULL && self->model != NULL && edge->connection->forward != NULL)
        hit->object = edge->connection->forward;
      else
        hit->object = edge->connection;
      hit->index = best;
      return TRUE;
    }

  /* Frames: the innermost one holding the point. */
  if (point_in_grid (priv, x, y, &cell))
    for (guint k = priv->frame_buckets.start[cell]; k < priv->frame_buckets.start[cell + 1]; k++)
      {
        guint i = priv->frame_buckets.items[k];
        const ExtopoGeoFrame *frame = &g_array_index (self->frames, ExtopoGeoFrame, i);

        if (!extopo_rect_contains_point (&frame->box, x, y))
          continue;
        if (best < 0 ||
            frame->depth > g_array_index (self->frames, ExtopoGeoFrame, best).depth ||
            (frame->depth == g_array_index (self->frames, ExtopoGeoFrame, best).depth &&
             (int) i > best))
          best = i;
      }
  if (best >= 0)
    {
      const ExtopoGeoFrame *frame = &g_array_index (self->frames, ExtopoGeoFrame, best);

      hit->kind = frame->kind;
      hit->object = frame->object;
      hit->index = best;
      return TRUE;
    }

  return FALSE;
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Appends every item of the cells @rect covers: duplicates and all. */
static void
buckets_collect (GeometryPrivate  *priv,
                 const Buckets    *buckets,
                 const ExtopoRect *rect,
                 GArray           *indices)
{
  guint c1, r1, c2, r2;

  grid_range (priv, rect, &c1, &r1, &c2, &r2);
  for (guint r = r1; r <= r2; r++)
    for (guint c = c1; c <= c2; c++)
      {
        guint cell = r * priv->cols + c;

        g_array_append_vals (indices, buckets->items + buckets->start[cell],
                             buckets->start[cell + 1] - buckets->start[cell]);
      }
}

/* Sorts indices[from..] into drawing order and drops repeats. */
static void
sort_unique (GArray *indices,
             guint   from)
{
  guint kept;

  if (indices->len <= from + 1)
    return;

  qsort (&g_array_index (indices, guint, from), indices->len - from, sizeof (guint),
         compare_guint);
  kept = from + 1;
  for (guint k = from + 1; k < indices->len; k++)
    if (g_array_index (indices, guint, k) != g_array_index (indices, guint, kept - 1))
      g_array_index (indices, guint, kept++) = g_array_index (indices, guint, k);
  g_array_set_size (indices, kept);
}

/* TRUE when @rect takes in the whole drawing. */
static gboolean
covers_bounds (ExtopoGeometry   *self,
               const ExtopoRect *rect)
{
  return rect->x <= self->bounds.x && rect->y <= self->bounds.y &&
         rect->x + rect->width >= self->bounds.x + self->bounds.width &&
         rect->y + rect->height >= self->bounds.y + self->bounds.height;
}

typedef const ExtopoRect *(*ItemBoxFunc) (ExtopoGeometry *self, guint item);

static const ExtopoRect *
node_box (ExtopoGeometry *self,
          guint           item)
{
  return &g_array_index (self->nodes, ExtopoGeoNode, item).box;
}

static const ExtopoRect *
frame_box (ExtopoGeometry *self,
           guint           item)
{
  return &g_array_index (self->frames, ExtopoGeoFrame, item).box;
}

/* Appends the items of @buckets whose boxes really meet @rect, not just
 * its cells, in drawing order. */
static void
query_buckets (ExtopoGeometry   *self,
               const Buckets    *buckets,
               ItemBoxFunc       box,
               const ExtopoRect *rect,
               GArray           *indices)
{
  guint first_len = indices->len, kept;

  buckets_collect (self->priv, buckets, rect, indices);
  sort_unique (indices, first_len);

  kept = first_len;
  for (guint k = first_len; k < indices->len; k++)
    {
      guint i = g_array_index (indices, guint, k);

      if (extopo_rect_intersects (box (self, i), rect))
        g_array_index (indices, guint, kept++) = i;
    }
  g_array_set_size (indices, kept);
}

void
extopo_geometry_query_nodes (ExtopoGeometry   *self,
                             const ExtopoRect *rect,
                             GArray           *indices)
{
  GeometryPrivate *priv;

  g_return_if_fail (self != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (indices != NULL);

  priv = self->priv;
  g_return_if_fail (priv->finished);

  if (!extopo_rect_intersects (rect, &self->bounds))
    return;

  /* The whole drawing in view: no need to look at the grid. */
  if (covers_bounds (self, rect))
    {
      for (guint i = 0; i < self->nodes->len; i++)
        g_array_append_val (indices, i);
      return;
    }

  query_buckets (self, &priv->node_buckets, node_box, rect, indices);
}

void
extopo_geometry_query_frames (ExtopoGeometry   *self,
                              const ExtopoRect *rect,
                              GArray           *indices)
{
  GeometryPrivate *priv;

  g_return_if_fail (self != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (indices != NULL);

  priv = self->priv;

  /* A view of the whole drawing, or no grid yet: a scan. Otherwise the
   * grid: one frame per routing group makes 20,000 of them in a big
   * organization, and the label of each of its edges asks here. */
  if (!priv->finished || covers_bounds (self, rect))
    {
      for (guint i = 0; i < self->frames->len; i++)
        if (extopo_rect_intersects (frame_box (self, i), rect))
          g_array_append_val (indices, i);
      return;
    }

  if (extopo_rect_intersects (rect, &self->bounds))
    query_buckets (self, &priv->frame_buckets, frame_box, rect, indices);
}

void
extopo_geometry_query_edges (ExtopoGeometry   *self,
                             const ExtopoRect *rect,
                             GArray           *indices)
{
  GeometryPrivate *priv;
  guint first_len;

  g_return_if_fail (self != NULL);
  g_return_if_fail (rect != NULL);
  g_return_if_fail (indices != NULL);

  priv = self->priv;
  g_return_if_fail (priv->finished);

  /* A wide view: a scan of the extents is cheaper than the cells. */
  if (rect->width * rect->height > 0.25 * self->bounds.width * self->bounds.height)
    {
      for (guint i = 0; i < self->edges->len; i++)
        if (extopo_rect_intersects (&g_array_index (self->edges, ExtopoGeoEdge, i).extent, rect))
          g_array_append_val (indices, i);
      return;
    }

  /* Through the grid: a long edge's extent meets most windows, but its
   * path passes through few of them. */
  first_len = indices->len;
  buckets_collect (priv, &priv->edge_buckets, rect, indices);
  sort_unique (indices, first_len);
}

gboolean
extopo_geometry_find_object (ExtopoGeometry   *self,
                             ExtopoObjectKind  kind,
                             gpointer          object,
                             ExtopoRect       *box)
{
  GeometryPrivate *priv;
  guint index;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (box != NULL, FALSE);

  if (object == NULL)
    return FALSE;

  priv = self->priv;

  switch (kind)
    {
    case EXTOPO_OBJECT_SERVER:
      index = GPOINTER_TO_UINT (g_hash_table_lookup (priv->node_by_object, object));
      if (index > 0)
        {
          *box = g_array_index (self->nodes, ExtopoGeoNode, index - 1).box;
          return TRUE;
        }
      /* A server inside a collapsed group is where its group is drawn. */
      if (self->model != NULL)
        {
          ExtopoServer *server = object;

          if (server->routing_group != NULL &&
              extopo_geometry_find_object (self, EXTOPO_OBJECT_ROUTING_GROUP,
                                           server->routing_group, box))
            return TRUE;
          if (server->admin_group != NULL)
            return extopo_geometry_find_object (self, EXTOPO_OBJECT_ADMIN_GROUP,
                                                server->admin_group, box);
        }
      return FALSE;

    case EXTOPO_OBJECT_ADMIN_GROUP:
    case EXTOPO_OBJECT_ROUTING_GROUP:
      index = GPOINTER_TO_UINT (g_hash_table_lookup (priv->frame_by_object, object));
      if (index > 0)
        {
          *box = g_array_index (self->frames, ExtopoGeoFrame, index - 1).box;
          return TRUE;
        }
      if (kind == EXTOPO_OBJECT_ROUTING_GROUP && self->model != NULL &&
          ((ExtopoRoutingGroup *) object)->admin_group != NULL)
        return extopo_geometry_find_object (self, EXTOPO_OBJECT_ADMIN_GROUP,
                                            ((ExtopoRoutingGroup *) object)->admin_group, box);
      return FALSE;

    case EXTOPO_OBJECT_CONNECTOR:
      index = GPOINTER_TO_UINT (g_hash_table_lookup (priv->edge_by_object, object));
      if (index > 0)
        {
          *box = g_array_index (self->edges, ExtopoGeoEdge, index - 1).extent;
          return TRUE;
        }
      return FALSE;

    case EXTOPO_OBJECT_NONE:
    case EXTOPO_OBJECT_ORGANIZATION:
    default:
      if (self->bounds.width > 0)
        {
          *box = self->bounds;
          return kind == EXTOPO_OBJECT_ORGANIZATION;
        }
      return FALSE;
    }
}
