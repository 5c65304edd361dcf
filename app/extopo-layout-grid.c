/* extopo-layout-grid.c: big plans placed without Graphviz, in linear time.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The plan already holds what `dot` would spend most of its time on: the
 * ranks. Each region (an administrative group's frame, or the top level)
 * is drawn as rows: a row per folded rank, its groups in the breadth-first
 * order of the spanning forest, so a group's children sit together under
 * it; then the groups outside the forest in rows of the same width. The
 * regions are packed in rows aiming at a landscape page. Edges are left
 * straight, as `dot` drew them at these sizes.
 */

#define G_LOG_DOMAIN "extopo-layout"

#include "config.h"

#include <math.h>

#include "extopo-layout-private.h"

/* Rounds of ranking again when the placement misses the aspect by more than the tolerance. */
#define GRID_SHAPE_ROUNDS    2
#define GRID_SHAPE_TOLERANCE 1.15
/* Between administrative groups' frames. */
#define REGION_GAP      (2 * NODE_SEP)

typedef struct
{
  Plan       *plan;
  GArray     *members;  /* guint block indices */
  double      width;    /* of its content, before any frame */
  double      height;
  ExtopoRect  box;      /* placed, frame included */
  double      inset_x;  /* from the box to the content */
  double      inset_y;
} Region;

typedef struct
{
  const Plan *plan;
  guint       fold;
} RowOrder;

/* Row by row; inside a row by rank and breadth-first order, and, when a
 * row holds several ranks of a chain, back and forth like a serpentine. */
static int
compare_in_rows (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const RowOrder *order = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;
  guint rx = order->plan->rank[x], ry = order->plan->rank[y];
  guint row_x = rx / order->fold, row_y = ry / order->fold;
  gboolean back = order->fold > 1 && row_x % 2 == 1;
  int result;

  if (row_x != row_y)
    return row_x < row_y ? -1 : 1;
  if (rx != ry)
    result = rx < ry ? -1 : 1;
  else
    result = order->plan->tree_order[x] < order->plan->tree_order[y] ? -1 : 1;

  return back ? -result : result;
}

static void
block_set_top_left (Block  *block,
                    double  x,
                    double  y)
{
  block->cx = x + block->width / 2;
  block->cy = y + block->height / 2;
}

/* Lays a run of blocks out left to right from @y; returns the row's width
 * and sets its height. Positions are relative to the region. */
static double
place_row (Plan        *plan,
           const guint *indices,
           guint        n,
           double       y,
           double      *height)
{
  double x = 0;

  *height = 0;
  for (guint i = 0; i < n; i++)
    {
      Block *block = &g_array_index (plan->blocks, Block, indices[i]);

      if (i > 0)
        x += NODE_SEP;
      block_set_top_left (block, x, y);
      x += block->width;
      *height = MAX (*height, block->height);
    }

  return x;
}

/* Shifts a row so that it is centred on @centre. */
static void
centre_row (Plan        *plan,
            const guint *indices,
            guint        n,
            double       width,
            double       centre)
{
  double dx = centre - width / 2;

  for (guint i = 0; i < n; i++)
    g_array_index (plan->blocks, Block, indices[i]).cx += dx;
}

static void
region_place (Region *region)
{
  Plan *plan = region->plan;
  g_autoptr(GArray) tree = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) rest = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) row_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) row_widths = g_array_new (FALSE, FALSE, sizeof (double));
  RowOrder order = { plan, MAX (plan->fold, 1) };
  double y = 0, width = 0, area = 0, target, row_height;
  guint start;

  for (guint i = 0; i < region->members->len; i++)
    {
      guint b = g_array_index (region->members, guint, i);

      if (plan->rank != NULL && plan->rank[b] != G_MAXUINT)
        g_array_append_val (tree, b);
      else
        g_array_append_val (rest, b);
    }

  /* The forest: one row per folded rank. */
  g_array_sort_with_data (tree, compare_in_rows, &order);
  start = 0;
  for (guint i = 1; i <= tree->len; i++)
    {
      guint *indices = (guint *) (gpointer) tree->data;
      double row_width;

      if (i < tree->len &&
          plan->rank[indices[i]] / order.fold == plan->rank[indices[start]] / order.fold)
        continue;
      row_width = place_row (plan, indices + start, i - start, y, &row_height);
      g_array_append_val (row_starts, start);
      g_array_append_val (row_widths, row_width);
      width = MAX (width, row_width);
      y += row_height + RANK_SEP;
      start = i;
    }
  for (guint r = 0; r < row_starts->len; r++)
    {
      guint first = g_array_index (row_starts, guint, r);
      guint last = r + 1 < row_starts->len ? g_array_index (row_starts, guint, r + 1) : tree->len;

      centre_row (plan, (guint *) (gpointer) tree->data + first, last - first,
                  g_array_index (row_widths, double, r), width / 2);
    }

  /* The rest, in rows as wide as the forest, or a square of their own. */
  for (guint i = 0; i < rest->len; i++)
    {
      Block *block = &g_array_index (plan->blocks, Block, g_array_index (rest, guint, i));

      area += (block->width + NODE_SEP) * (block->height + RANK_SEP);
    }
  target = MAX (width, sqrt (area * plan->aspect));
  start = 0;
  while (start < rest->len)
    {
      guint *indices = (guint *) (gpointer) rest->data;
      double row_width = 0;
      guint end = start;

      /* At least one block per row, however wide. */
      do
        {
          Block *block = &g_array_index (plan->blocks, Block, indices[end]);

          row_width += (end > start ? NODE_SEP : 0) + block->width;
          end++;
        }
      while (end < rest->len &&
             row_width + NODE_SEP +
             g_array_index (plan->blocks, Block, indices[end]).width <= target);

      row_width = place_row (plan, indices + start, end - start, y, &row_height);
      width = MAX (width, row_width);
      y += row_height + RANK_SEP;
      start = end;
    }

  region->width = width;
  region->height = MAX (0, y - RANK_SEP);
}

/* Moves a placed region's blocks from region coordinates to the page. */
static void
region_move (Region *region)
{
  double dx = region->box.x + region->inset_x, dy = region->box.y + region->inset_y;

  for (guint i = 0; i < region->members->len; i++)
    {
      Block *block = &g_array_index (region->plan->blocks, Block,
                                     g_array_index (region->members, guint, i));

      block->cx += dx;
      block->cy += dy;
    }
}

static double
cluster_title_width (Cluster *cluster)
{
  ExtopoAdminGroup *admin_group = cluster->admin_group;

  return g_utf8_strlen (admin_group->name, -1) * TITLE_CHAR_WIDTH + 2 * GROUP_PADDING +
         (admin_group->interop ? 110.0 : 40.0);
}

/* One placement; returns the drawing's width : height. */
static double
place_grid_once (Plan *plan)
{
  guint n_regions = plan->clusters->len + 1;
  g_autofree Region *regions = g_new0 (Region, n_regions);
  g_autofree ExtopoPackBox *boxes = NULL;
  double width, height;

  for (guint r = 0; r < n_regions; r++)
    {
      regions[r].plan = plan;
      regions[r].members = g_array_new (FALSE, FALSE, sizeof (guint));
    }
  /* Region 0 is the top level, region c + 1 the cluster c. */
  for (guint b = 0; b < plan->blocks->len; b++)
    {
      int cluster = g_array_index (plan->blocks, Block, b).cluster;

      g_array_append_val (regions[cluster + 1].members, b);
    }

  for (guint r = 0; r < n_regions; r++)
    {
      Region *region = &regions[r];

      if (region->members->len == 0)
        continue;
      region_place (region);
      region->box.width = region->width;
      region->box.height = region->height;
      if (r > 0)
        {
          Cluster *cluster = &g_array_index (plan->clusters, Cluster, r - 1);
          double title = cluster_title_width (cluster);

          region->inset_x = CLUSTER_MARGIN;
          region->inset_y = CLUSTER_MARGIN + CLUSTER_LABEL;
          region->box.width = MAX (region->width + 2 * CLUSTER_MARGIN, title);
          region->box.height = region->height + 2 * CLUSTER_MARGIN + CLUSTER_LABEL;
          /* A frame wider than its groups for its title: centre them. */
          region->inset_x = (region->box.width - region->width) / 2;
        }
    }

  /* Regions in rows, in the model's order; the row width chosen so that
   * the whole is about as wide for its height as the window or page. */
  boxes = g_new0 (ExtopoPackBox, n_regions);
  for (guint r = 0; r < n_regions; r++)
    if (regions[r].members->len > 0)
      {
        boxes[r].width = regions[r].box.width;
        boxes[r].height = regions[r].box.height;
      }
  extopo_pack_rows (boxes, n_regions, REGION_GAP, plan->aspect, &width, &height);
  for (guint r = 0; r < n_regions; r++)
    {
      regions[r].box.x = boxes[r].x;
      regions[r].box.y = boxes[r].y;
    }
  for (guint r = 1; r < n_regions; r++)
    {
      Region *region = &regions[r];
      Cluster *cluster = &g_array_index (plan->clusters, Cluster, r - 1);

      if (region->members->len == 0)
        continue;
      cluster->placed = TRUE;
      cluster->box = region->box;
    }
  for (guint r = 0; r < n_regions; r++)
    if (regions[r].members->len > 0)
      region_move (&regions[r]);

  for (guint r = 0; r < n_regions; r++)
    g_array_unref (regions[r].members);

  return width / MAX (height, 1.0);
}

void
extopo_plan_place_grid (Plan *plan)
{
  double aspect = place_grid_once (plan);

  /* The ranks were chosen from the groups' mean size; rows left part full
   * at the end of each level and groups outside the tree make the drawing
   * come out otherwise (20,000 servers: 0.83 : 1 for 1.4 : 1). Ranked
   * again with the error, the placement lands near the aim. Each round is
   * linear. */
  for (guint round = 0; round < GRID_SHAPE_ROUNDS; round++)
    {
      double error = aspect / plan->aspect;

      if (fabs (log (error)) < log (GRID_SHAPE_TOLERANCE))
        break;
      extopo_plan_rerank (plan, error);
      aspect = place_grid_once (plan);
    }
}
