/* extopo-layout-pack.c: laid-out parts arranged in rows to suit a window or a page.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `dot` draws administrative groups side by side and unconnected routing
 * groups beside the rest: four administrative groups make a strip three
 * or four times wider than high, too small to read in a window of about
 * square shape. After `dot`, the drawing is cut into regions it cannot
 * bend (an administrative group's frame with what it holds, or routing
 * groups tied by connectors), which are then moved, whole, into rows
 * whose width gives about the aspect of the window (or the page). A
 * connector between two regions loses its routed path and is drawn
 * straight, under the server cards.
 */

#define G_LOG_DOMAIN "extopo-layout"

#include "config.h"

#include <math.h>

#include "extopo-layout-private.h"

/* Trial packings when choosing the row width. */
#define PACK_TRIALS  24
/* A rearrangement must show the drawing this much larger, else `dot`'s stays. */
#define PACK_GAIN    1.15

/* Binary search over the row width for the aspect nearest @aspect: rows
 * hold boxes of different heights, so the square root of the area is only
 * where to start. Each trial is linear. */
static double
choose_row_width (ExtopoPackBox *boxes,
                  guint          n_boxes,
                  double         gap,
                  double         aspect)
{
  double low = 0, high = 0, area = 0, best, best_error = G_MAXDOUBLE;

  for (guint i = 0; i < n_boxes; i++)
    if (boxes[i].width > 0)
      {
        low = MAX (low, boxes[i].width);
        high += boxes[i].width + gap;
        area += (boxes[i].width + gap) * (boxes[i].height + gap);
      }
  best = MAX (low, sqrt (area * aspect));

  for (guint i = 0; i < PACK_TRIALS && low <= high; i++)
    {
      double middle = (low + high) / 2, width, height, error;

      extopo_pack_rows_at (boxes, n_boxes, gap, middle, &width, &height);
      error = fabs (log ((width / MAX (height, 1.0)) / aspect));
      if (error < best_error)
        {
          best_error = error;
          best = middle;
        }
      /* Too wide a result: narrower rows. */
      if (width / MAX (height, 1.0) > aspect)
        high = middle - 1;
      else
        low = middle + 1;
    }

  return best;
}

void
extopo_pack_rows_at (ExtopoPackBox *boxes,
                     guint          n_boxes,
                     double         gap,
                     double         row_width,
                     double        *width,
                     double        *height)
{
  double x = 0, y = 0, row_height = 0;

  *width = 0;
  for (guint i = 0; i < n_boxes; i++)
    {
      ExtopoPackBox *box = &boxes[i];

      if (box->width <= 0)
        continue;
      if (x > 0 && x + box->width > row_width)
        {
          x = 0;
          y += row_height + gap;
          row_height = 0;
        }
      box->x = x;
      box->y = y;
      x += box->width + gap;
      *width = MAX (*width, x - gap);
      row_height = MAX (row_height, box->height);
    }
  *height = y + row_height;
}

void
extopo_pack_rows (ExtopoPackBox *boxes,
                  guint          n_boxes,
                  double         gap,
                  double         aspect,
                  double        *width,
                  double        *height)
{
  double row_width = choose_row_width (boxes, n_boxes, gap, aspect);

  extopo_pack_rows_at (boxes, n_boxes, gap, row_width, width, height);
}

/* Union-find over blocks, with path halving. */
static guint
find_root (guint *parent,
           guint  i)
{
  while (parent[i] != i)
    {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
  return i;
}

static void
unite (guint *parent,
       guint  a,
       guint  b)
{
  a = find_root (parent, a);
  b = find_root (parent, b);
  if (a != b)
    parent[MAX (a, b)] = MIN (a, b);
}

static void
grow (ExtopoRect *box,
      gboolean   *empty,
      double      x,
      double      y,
      double      width,
      double      height)
{
  ExtopoRect r = { x, y, width, height };

  if (*empty)
    *box = r;
  else
    extopo_rect_union (box, &r, box);
  *empty = FALSE;
}

static void
grow_path (ExtopoRect *box,
           gboolean   *empty,
           GArray     *path)
{
  for (guint i = 0; path != NULL && i + 1 < path->len; i += 2)
    grow (box, empty, g_array_index (path, double, i), g_array_index (path, double, i + 1), 0, 0);
}

static void
move_path (GArray *path,
           double  dx,
           double  dy)
{
  for (guint i = 0; path != NULL && i + 1 < path->len; i += 2)
    {
      g_array_index (path, double, i) += dx;
      g_array_index (path, double, i + 1) += dy;
    }
}

typedef struct
{
  ExtopoRect box;
  gboolean   empty;
  guint      first_block;  /* for the order: `dot`'s left to right */
} Region;

/* How large a drawing of @width x @height shows in a window of @aspect:
 * the fit's scale, up to a constant factor. */
static double
fit_scale (double width,
           double height,
           double aspect)
{
  return MIN (aspect / MAX (width, 1.0), 1.0 / MAX (height, 1.0));
}

static int
compare_regions (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const Region *regions = user_data;
  const Region *x = &regions[*(const guint *) a], *y = &regions[*(const guint *) b];

  /* `dot`'s order, left to right. */
  if (x->box.x != y->box.x)
    return x->box.x < y->box.x ? -1 : 1;
  if (x->box.y != y->box.y)
    return x->box.y < y->box.y ? -1 : 1;

  return x->first_block < y->first_block ? -1 : x->first_block > y->first_block;
}

gboolean
extopo_plan_repack (Plan *plan)
{
  guint n_blocks = plan->blocks->len;
  g_autofree guint *parent = g_new (guint, n_blocks);
  g_autofree int *cluster_first = g_new (int, plan->clusters->len + 1);
  g_autofree guint *region_of_root = g_new (guint, n_blocks);
  g_autofree guint *region_of = g_new (guint, n_blocks);
  g_autoptr(GArray) regions = g_array_new (FALSE, TRUE, sizeof (Region));
  g_autofree guint *order = NULL;
  g_autofree ExtopoPackBox *boxes = NULL;
  ExtopoRect all = { 0 };
  gboolean all_empty = TRUE;
  double width, height;
  guint n_regions;

  for (guint b = 0; b < n_blocks; b++)
    parent[b] = b;
  for (guint c = 0; c < plan->clusters->len; c++)
    cluster_first[c] = -1;

  /* A frame's groups stay together; so do groups at the top level that a
   * routed connector ties. A connector from a frame to elsewhere does not
   * tie: that is what lets frames move. */
  for (guint b = 0; b < n_blocks; b++)
    {
      int c = g_array_index (plan->blocks, Block, b).cluster;

      if (c < 0)
        continue;
      if (cluster_first[c] < 0)
        cluster_first[c] = b;
      else
        unite (parent, cluster_first[c], b);
    }
  for (guint l = 0; l < plan->links->len; l++)
    {
      Link *link = &g_array_index (plan->links, Link, l);

      if (link->path != NULL &&
          g_array_index (plan->blocks, Block, link->tail).cluster < 0 &&
          g_array_index (plan->blocks, Block, link->head).cluster < 0)
        unite (parent, link->tail, link->head);
    }

  for (guint b = 0; b < n_blocks; b++)
    {
      guint root = find_root (parent, b);

      if (root == b)
        {
          Region region = { { 0 }, TRUE, b };

          region_of_root[b] = regions->len;
          g_array_append_val (regions, region);
        }
      region_of[b] = region_of_root[root];
    }
  n_regions = regions->len;
  if (n_regions < 2)
    return FALSE;

  /* Each region's extent: its frame, its groups, its tags and the paths inside it. */
  for (guint c = 0; c < plan->clusters->len; c++)
    {
      Cluster *cluster = &g_array_index (plan->clusters, Cluster, c);
      Region *region;

      if (!cluster->placed || cluster_first[c] < 0)
        continue;
      region = &g_array_index (regions, Region, region_of[cluster_first[c]]);
      grow (&region->box, &region->empty, cluster->box.x, cluster->box.y,
            cluster->box.width, cluster->box.height);
    }
  for (guint b = 0; b < n_blocks; b++)
    {
      Block *block = &g_array_index (plan->blocks, Block, b);
      Region *region = &g_array_index (regions, Region, region_of[b]);

      grow (&region->box, &region->empty, block->cx - block->width / 2,
            block->cy - block->height / 2, block->width, block->height);
    }
  for (guint l = 0; l < plan->links->len; l++)
    {
      Link *link = &g_array_index (plan->links, Link, l);

      if (region_of[link->tail] == region_of[link->head])
        {
          Region *region = &g_array_index (regions, Region, region_of[link->tail]);

          grow_path (&region->box, &region->empty, link->path);
        }
    }
  for (guint i = 0; i < plan->stubs->len; i++)
    {
      Stub *stub = &g_array_index (plan->stubs, Stub, i);
      Block *tail = &g_array_index (plan->blocks, Block, stub->tail);
      Region *region = &g_array_index (regions, Region, region_of[stub->tail]);

      if (stub->placed)
        {
          grow (&region->box, &region->empty, stub->cx - stub->width / 2,
                stub->cy - STUB_HEIGHT / 2, stub->width, STUB_HEIGHT);
          grow_path (&region->box, &region->empty, stub->path);
        }
      else
        /* Placed later below its group, in the gap under it. */
        grow (&region->box, &region->empty, tail->cx - stub->width / 2,
              tail->cy + tail->height / 2, stub->width, STUB_DROP + STUB_HEIGHT / 2);
    }

  for (guint r = 0; r < n_regions; r++)
    {
      Region *region = &g_array_index (regions, Region, r);

      grow (&all, &all_empty, region->box.x, region->box.y, region->box.width, region->box.height);
    }

  order = g_new (guint, n_regions);
  for (guint r = 0; r < n_regions; r++)
    order[r] = r;
  g_qsort_with_data (order, n_regions, sizeof (guint), compare_regions, regions->data);

  boxes = g_new0 (ExtopoPackBox, n_regions);
  for (guint i = 0; i < n_regions; i++)
    {
      Region *region = &g_array_index (regions, Region, order[i]);

      boxes[i].width = region->box.width;
      boxes[i].height = region->box.height;
    }
  extopo_pack_rows (boxes, n_regions, 2 * NODE_SEP, plan->aspect, &width, &height);

  g_debug ("repack: %u regions, %.0f x %.0f -> %.0f x %.0f for aspect %.2f",
           n_regions, all.width, all.height, width, height, plan->aspect);
  if (fit_scale (width, height, plan->aspect) <
      PACK_GAIN * fit_scale (all.width, all.height, plan->aspect))
    return FALSE;

  /* Move each region whole, by its box's shift. */
  for (guint i = 0; i < n_regions; i++)
    {
      Region *region = &g_array_index (regions, Region, order[i]);

      region->box.x = boxes[i].x - region->box.x + all.x;
      region->box.y = boxes[i].y - region->box.y + all.y;
    }
  /* From here on a region's box.x/y hold its shift. */
  for (guint c = 0; c < plan->clusters->len; c++)
    {
      Cluster *cluster = &g_array_index (plan->clusters, Cluster, c);
      Region *region;

      if (cluster_first[c] < 0)
        continue;
      region = &g_array_index (regions, Region, region_of[cluster_first[c]]);
      cluster->box.x += region->box.x;
      cluster->box.y += region->box.y;
    }
  for (guint b = 0; b < n_blocks; b++)
    {
      Block *block = &g_array_index (plan->blocks, Block, b);
      Region *region = &g_array_index (regions, Region, region_of[b]);

      block->cx += region->box.x;
      block->cy += region->box.y;
    }
  for (guint l = 0; l < plan->links->len; l++)
    {
      Link *link = &g_array_index (plan->links, Link, l);

      if (region_of[link->tail] == region_of[link->head])
        {
          Region *region = &g_array_index (regions, Region, region_of[link->tail]);

          move_path (link->path, region->box.x, region->box.y);
        }
      else
        /* Between regions now far from where `dot` routed it: straight. */
        g_clear_pointer (&link->path, g_array_unref);
    }
  for (guint i = 0; i < plan->stubs->len; i++)
    {
      Stub *stub = &g_array_index (plan->stubs, Stub, i);
      Region *region = &g_array_index (regions, Region, region_of[stub->tail]);

      if (!stub->placed)
        continue;
      stub->cx += region->box.x;
      stub->cy += region->box.y;
      move_path (stub->path, region->box.x, region->box.y);
    }

  return TRUE;
}
