/* extopo-layout-geometry.c: a placed plan read into plain geometry.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-layout"

#include "config.h"

#include <math.h>

#include "extopo-layout-private.h"

static ExtopoStatus
worst_status (GPtrArray *servers)
{
  ExtopoStatus worst = EXTOPO_STATUS_OK;

  for (guint i = 0; servers != NULL && i < servers->len; i++)
    worst = MAX (worst, ((ExtopoServer *) g_ptr_array_index (servers, i))->status);

  return worst;
}

static void
block_add_frame (Plan           *plan,
                 Block          *block,
                 ExtopoGeometry *geometry,
                 int             parent)
{
  ExtopoGeoFrame frame = { 0 };

  /* On whole points: a vector export then writes short integers, not six decimals. */
  frame.box.x = round (block->cx - block->width / 2);
  frame.box.y = round (block->cy - block->height / 2);
  frame.box.width = block->width;
  frame.box.height = block->height;
  frame.parent = parent;
  frame.depth = parent >= 0 ? 1 : 0;
  frame.kind = block->kind;
  frame.object = block->object;
  frame.collapsed = block->collapsed;
  frame.label_box = frame.box;
  frame.label_box.height = MIN (GROUP_HEADER, block->height);

  if (block->kind == EXTOPO_OBJECT_ROUTING_GROUP)
    {
      ExtopoRoutingGroup *group = block->object;

      frame.label = group->name;
      frame.interop = group->interop;
      frame.n_servers = group->servers != NULL ? group->servers->len : 0;
      frame.worst_status = worst_status (group->servers);
    }
  else if (block->kind == EXTOPO_OBJECT_ADMIN_GROUP)
    {
      ExtopoAdminGroup *admin_group = block->object;

      frame.label = admin_group->name;
      frame.interop = admin_group->interop;
      frame.n_servers = admin_group->servers != NULL ? admin_group->servers->len : 0;
      frame.worst_status = worst_status (admin_group->servers);
    }
  else
    {
      return;
    }

  block->frame = extopo_geometry_add_frame (geometry, &frame);
}

static void
block_add_servers (Block          *block,
                   ExtopoGeometry *geometry,
                   int             frame)
{
  double left = round (block->cx - block->width / 2) + GROUP_PADDING;
  double top = round (block->cy - block->height / 2) + GROUP_HEADER;

  for (guint i = 0; i < block->servers->len; i++)
    {
      ExtopoGeoNode node = { { 0 } };
      guint col = i % block->cols, row = i / block->cols;

      node.server = g_ptr_array_index (block->servers, i);
      node.box.x = left + col * (SERVER_WIDTH + SERVER_GAP);
      node.box.y = top + row * (SERVER_HEIGHT + SERVER_GAP);
      node.box.width = SERVER_WIDTH;
      node.box.height = SERVER_HEIGHT;
      node.frame = frame;
      node.ghost = i >= block->servers->len - block->n_ghosts;
      extopo_geometry_add_node (geometry, &node);
    }
}

void
extopo_path_append_point (GArray *points,
                          double  x,
                          double  y)
{
  double xy[2] = { x, y };

  g_array_append_vals (points, xy, 2);
}

/* A straight piece as a cubic, so the path stays 1 + 3k points. */
void
extopo_path_append_line (GArray *points,
                         double  x,
                         double  y)
{
  double *last = &g_array_index (points, double, points->len - 2);
  double x0 = last[0], y0 = last[1];

  extopo_path_append_point (points, x0 + (x - x0) / 3, y0 + (y - y0) / 3);
  extopo_path_append_point (points, x0 + 2 * (x - x0) / 3, y0 + 2 * (y - y0) / 3);
  extopo_path_append_point (points, x, y);
}

/* Where the line from the centre (cx, cy) of a w x h box towards (x, y)
 * leaves the box. */
static void
clip_to_border (double  cx,
                double  cy,
                double  w,
                double  h,
                double  x,
                double  y,
                double *bx,
                double *by)
{
  double dx = x - cx, dy = y - cy;
  double t = 1.0;

  if (fabs (dx) > 1e-9)
    t = MIN (t, (w / 2) / fabs (dx));
  if (fabs (dy) > 1e-9)
    t = MIN (t, (h / 2) / fabs (dy));

  *bx = cx + t * dx;
  *by = cy + t * dy;
}

/* Whether a routed path wanders far outside the groups: `dot` sometimes
 * sends an unconstrained edge around the whole drawing. */
static gboolean
path_escapes (GArray           *points,
              const ExtopoRect *content)
{
  const double *p = (const double *) (gpointer) points->data;

  for (guint i = 0; i < points->len / 2; i++)
    if (p[2 * i] < content->x - ESCAPE_MARGIN ||
        p[2 * i] > content->x + content->width + ESCAPE_MARGIN ||
        p[2 * i + 1] < content->y - ESCAPE_MARGIN ||
        p[2 * i + 1] > content->y + content->height + ESCAPE_MARGIN)
      return TRUE;

  return FALSE;
}

/* How far (x, y) lies from a w x h box centred on (cx, cy); 0 inside. Box
 * sizes differ too much for distances to centres to tell the ends apart. */
static double
box_distance (double x,
              double y,
              double cx,
              double cy,
              double w,
              double h)
{
  return hypot (MAX (fabs (x - cx) - w / 2, 0), MAX (fabs (y - cy) - h / 2, 0));
}


/* The path the placement gave an edge (already from the tail box's border to
 * the head's), or a straight line when it gave none or a stray one. */
static void
edge_path (GArray           *routed,
           double            tx,
           double            ty,
           double            tail_width,
           double            tail_height,
           double            hx,
           double            hy,
           double            head_width,
           double            head_height,
           const ExtopoRect *content,
           GArray           *points)
{
  double *p;
  guint n;

  if (routed != NULL && routed->len >= 8 && !path_escapes (routed, content))
    g_array_append_vals (points, routed->data, routed->len);

  if (points->len == 0)
    {
      /* Left out of `dot` (or not routed by it): a straight line from
       * border to border. */
      double x1, y1, x2, y2;

      clip_to_border (tx, ty, tail_width, tail_height, hx, hy, &x1, &y1);
      clip_to_border (hx, hy, head_width, head_height, tx, ty, &x2, &y2);
      extopo_path_append_point (points, x1, y1);
      extopo_path_append_line (points, x2, y2);
    }

  /* The path must run from the tail to the head, whatever `dot` did. */
  p = (double *) (gpointer) points->data;
  n = points->len / 2;
  if (box_distance (p[0], p[1], hx, hy, head_width, head_height) <
      box_distance (p[0], p[1], tx, ty, tail_width, tail_height))
    for (guint i = 0; i < n / 2; i++)
      {
        double x = p[2 * i], y = p[2 * i + 1];

        p[2 * i] = p[2 * (n - 1 - i)];
        p[2 * i + 1] = p[2 * (n - 1 - i) + 1];
        p[2 * (n - 1 - i)] = x;
        p[2 * (n - 1 - i) + 1] = y;
      }
}

static void
link_add_edge (Plan             *plan,
               Link             *link,
               ExtopoGeometry   *geometry,
               const ExtopoRect *content)
{
  Block *tail = &g_array_index (plan->blocks, Block, link->tail);
  Block *head = &g_array_index (plan->blocks, Block, link->head);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *label = extopo_plan_connection_label (link->connection);
  ExtopoGeoEdge edge = { 0 };

  edge_path (link->path, tail->cx, tail->cy, tail->width, tail->height,
             head->cx, head->cy, head->width, head->height, content, points);

  edge.connection = link->connection;
  edge.points = (double *) (gpointer) points->data;
  edge.n_points = points->len / 2;
  edge.arrow_at_end = TRUE;
  edge.arrow_at_start = link->connection->two_way;
  edge.label = label;
  edge.tail_frame = tail->frame;
  edge.head_frame = head->frame;
  extopo_geo_edge_get_midpoint (&edge, &edge.label_x, &edge.label_y);
  extopo_geometry_add_edge (geometry, &edge);
}

static void
stub_add_edge (Plan             *plan,
               Stub             *stub,
               ExtopoGeometry   *geometry,
               const ExtopoRect *content)
{
  Block *tail = &g_array_index (plan->blocks, Block, stub->tail);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  ExtopoGeoEdge edge = { 0 };
  double tag_x, tag_y;

  if (stub->placed)
    {
      tag_x = stub->cx;
      tag_y = stub->cy;
      edge_path (stub->path, tail->cx, tail->cy, tail->width, tail->height,
                 stub->cx, stub->cy, stub->width, STUB_HEIGHT, content, points);
    }
  else
    {
      double bottom = tail->cy + tail->height / 2;

      tag_x = tail->cx;
      tag_y = bottom + STUB_DROP;
      extopo_path_append_point (points, tail->cx, bottom);
      extopo_path_append_line (points, tail->cx, bottom + STUB_DROP - STUB_HEIGHT / 2);
    }

  /* The label is the tag the arrow points at. */
  edge.connection = stub->connection;
  edge.points = (double *) (gpointer) points->data;
  edge.n_points = points->len / 2;
  edge.arrow_at_end = TRUE;
  edge.label = stub->label;
  edge.label_x = tag_x;
  edge.label_y = tag_y;
  edge.tail_frame = tail->frame;
  edge.head_frame = -1;
  extopo_geometry_add_edge (geometry, &edge);
}

ExtopoGeometry *
extopo_plan_read_geometry (Plan *plan)
{
  ExtopoGeometry *geometry = extopo_geometry_new (plan->model, plan->view);
  ExtopoRect content = { 0, 0, 0, 0 };

  extopo_geometry_set_ghosts (geometry, plan->ghosts);

  /* Outer frames first: administrative groups, then what they hold. */
  for (guint c = 0; c < plan->clusters->len; c++)
    {
      Cluster *cluster = &g_array_index (plan->clusters, Cluster, c);
      ExtopoAdminGroup *admin_group = cluster->admin_group;
      ExtopoGeoFrame frame = { { 0 } };

      if (!cluster->placed)
        continue;
      frame.box = cluster->box;
      frame.label_box = frame.box;
      frame.label_box.height = MIN (GROUP_HEADER, frame.box.height);
      frame.kind = EXTOPO_OBJECT_ADMIN_GROUP;
      frame.object = admin_group;
      frame.label = admin_group->name;
      frame.interop = admin_group->interop;
      frame.parent = -1;
      frame.n_servers = admin_group->servers != NULL ? admin_group->servers->len : 0;
      frame.worst_status = worst_status (admin_group->servers);
      cluster->frame = extopo_geometry_add_frame (geometry, &frame);
    }

  for (guint b = 0; b < plan->blocks->len; b++)
    {
      Block *block = &g_array_index (plan->blocks, Block, b);
      int parent = block->cluster >= 0
                   ? g_array_index (plan->clusters, Cluster, block->cluster).frame
                   : -1;

      block_add_frame (plan, block, geometry, parent);
      block_add_servers (block, geometry, block->frame >= 0 ? block->frame : parent);
    }

  for (guint i = 0; i < geometry->frames->len; i++)
    {
      ExtopoRect *r = &g_array_index (geometry->frames, ExtopoGeoFrame, i).box;

      if (i == 0)
        content = *r;
      else
        extopo_rect_union (&content, r, &content);
    }
  for (guint i = 0; i < geometry->nodes->len; i++)
    {
      ExtopoRect *r = &g_array_index (geometry->nodes, ExtopoGeoNode, i).box;

      if (i == 0 && geometry->frames->len == 0)
        content = *r;
      else
        extopo_rect_union (&content, r, &content);
    }
  for (guint l = 0; l < plan->links->len; l++)
    link_add_edge (plan, &g_array_index (plan->links, Link, l), geometry, &content);
  for (guint i = 0; i < plan->stubs->len; i++)
    stub_add_edge (plan, &g_array_index (plan->stubs, Stub, i), geometry, &content);

  extopo_geometry_finish (geometry);

  return geometry;
}
