/* extopo-layout-plan.c: what the layout places: blocks, clusters, links and ranks.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Plain C, no Graphviz: Graphviz sees one fixed-size node per routing group
 * (and clusters for administrative groups); the server boxes are placed in
 * a grid inside each node, which keeps `dot` fast and a group of 500
 * servers roughly square instead of one long row.
 */

#define G_LOG_DOMAIN "extopo-layout"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "extopo-findings.h"
#include "extopo-layout-private.h"
#include "extopo-layout.h"

static void
stub_clear (gpointer data)
{
  Stub *stub = data;

  g_clear_pointer (&stub->label, g_free);
  g_clear_pointer (&stub->path, g_array_unref);
}

static void
link_clear (gpointer data)
{
  Link *link = data;

  g_clear_pointer (&link->path, g_array_unref);
}

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_clear_pointer (&block->servers, g_ptr_array_unref);
}

void
extopo_plan_free (Plan *plan)
{
  g_clear_object (&plan->model);
  g_clear_pointer (&plan->collapsed, g_hash_table_unref);
  g_clear_pointer (&plan->ghosts, g_ptr_array_unref);
  g_clear_pointer (&plan->blocks, g_array_unref);
  g_clear_pointer (&plan->clusters, g_array_unref);
  g_clear_pointer (&plan->links, g_array_unref);
  g_clear_pointer (&plan->stubs, g_array_unref);
  g_clear_pointer (&plan->block_of_group, g_hash_table_unref);
  g_clear_pointer (&plan->rank, g_free);
  g_clear_pointer (&plan->tree_order, g_free);
  g_free (plan);
}

/* A private copy of a set of strings: the caller may change its own while a worker runs. */
GHashTable *
extopo_plan_copy_string_set (GHashTable *set)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  if (set == NULL)
    return copy;

  g_hash_table_iter_init (&iter, set);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (copy, g_strdup (key));

  return copy;
}

Plan *
extopo_plan_new (ExtopoModel               *model,
                 const ExtopoLayoutOptions *options)
{
  Plan *plan = g_new0 (Plan, 1);

  plan->model = g_object_ref (model);
  plan->view = options != NULL ? options->view : EXTOPO_VIEW_ROUTING;
  plan->rank_scale = 1.0;
  plan->aspect = options != NULL && options->aspect > 0 ? CLAMP (options->aspect, 0.25, 4.0)
                                                        : EXTOPO_LAYOUT_DEFAULT_ASPECT;
  plan->collapsed = extopo_plan_copy_string_set (options != NULL ? options->collapsed : NULL);
  if (options != NULL && options->ghosts != NULL && options->ghosts->len > 0)
    plan->ghosts = g_ptr_array_ref (options->ghosts);
  plan->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (plan->blocks, block_clear);
  plan->clusters = g_array_new (FALSE, TRUE, sizeof (Cluster));
  plan->links = g_array_new (FALSE, TRUE, sizeof (Link));
  g_array_set_clear_func (plan->links, link_clear);
  plan->stubs = g_array_new (FALSE, TRUE, sizeof (Stub));
  g_array_set_clear_func (plan->stubs, stub_clear);
  plan->block_of_group = g_hash_table_new (NULL, NULL);

  return plan;
}

static gboolean
plan_is_collapsed (Plan       *plan,
                   const char *ndn)
{
  return ndn != NULL && g_hash_table_contains (plan->collapsed, ndn);
}

static int
compare_servers_by_name (gconstpointer a,
                         gconstpointer b)
{
  const ExtopoServer *x = *(ExtopoServer * const *) a;
  const ExtopoServer *y = *(ExtopoServer * const *) b;

  return g_strcmp0 (x->name, y->name);
}

/* Sizes a block: a grid of server boxes about GROUP_ASPECT times wider than high. */
static void
block_measure (Block      *block,
               const char *title,
               gboolean    tagged)
{
  /* Room for the title, the status icon and, on an Exchange 2007 group, its tag. */
  double title_width = (title != NULL ? g_utf8_strlen (title, -1) : 0) * TITLE_CHAR_WIDTH +
                       2 * GROUP_PADDING + (tagged ? 110.0 : 40.0);
  guint n = block->servers->len;
  guint rows;

  if (block->collapsed)
    {
      block->width = MAX (COLLAPSED_WIDTH, title_width);
      block->height = COLLAPSED_HEIGHT;
      return;
    }

  if (n == 0)
    {
      block->cols = 0;
      block->width = MAX (GROUP_MIN_WIDTH, title_width);
      block->height = GROUP_HEADER + EMPTY_GROUP_HEIGHT;
      return;
    }

  block->cols = (guint) ceil (sqrt (n * GROUP_ASPECT * (SERVER_HEIGHT + SERVER_GAP) /
                                    (SERVER_WIDTH + SERVER_GAP)));
  block->cols = CLAMP (block->cols, 1, n);
  rows = (n + block->cols - 1) / block->cols;
  block->width = 2 * GROUP_PADDING + block->cols * SERVER_WIDTH + (block->cols - 1) * SERVER_GAP;
  block->width = MAX (block->width, MAX (GROUP_MIN_WIDTH, title_width));
  block->height = GROUP_HEADER + GROUP_PADDING + rows * SERVER_HEIGHT +
                  (rows - 1) * SERVER_GAP;
}

static void
block_measure_titled (Block *block)
{
  block_measure (block,
                 block->object != NULL ? extopo_model_object_get_name (block->kind, block->object)
                                       : NULL,
                 block->kind == EXTOPO_OBJECT_ROUTING_GROUP &&
                 ((ExtopoRoutingGroup *) block->object)->interop);
}

static guint
plan_add_block (Plan             *plan,
                ExtopoObjectKind  kind,
                gpointer          object,
                gboolean          collapsed,
                int               cluster,
                GPtrArray        *servers)
{
  Block block = { 0 };

  block.kind = kind;
  block.object = object;
  block.collapsed = collapsed;
  block.cluster = cluster;
  block.servers = servers;
  block.frame = -1;
  g_ptr_array_sort (block.servers, compare_servers_by_name);
  block_measure_titled (&block);
  g_array_append_val (plan->blocks, block);

  return plan->blocks->len - 1;
}

static GPtrArray *
copy_servers (GPtrArray *servers)
{
  GPtrArray *copy = g_ptr_array_new ();

  for (guint i = 0; servers != NULL && i < servers->len; i++)
    g_ptr_array_add (copy, g_ptr_array_index (servers, i));

  return copy;
}

static void
plan_routing_view (Plan *plan)
{
  GPtrArray *groups = extopo_model_get_routing_groups (plan->model);
  GPtrArray *servers = extopo_model_get_servers (plan->model);
  g_autoptr(GPtrArray) loose = g_ptr_array_new ();

  for (guint i = 0; i < groups->len; i++)
    {
      ExtopoRoutingGroup *group = g_ptr_array_index (groups, i);
      gboolean collapsed = plan_is_collapsed (plan, group->ndn);
      guint b = plan_add_block (plan, EXTOPO_OBJECT_ROUTING_GROUP, group, collapsed, -1,
                                collapsed ? g_ptr_array_new () : copy_servers (group->servers));

      g_hash_table_insert (plan->block_of_group, group, GUINT_TO_POINTER (b + 1));
    }

  for (guint i = 0; i < servers->len; i++)
    {
      ExtopoServer *server = g_ptr_array_index (servers, i);

      if (server->routing_group == NULL ||
          !g_hash_table_contains (plan->block_of_group, server->routing_group))
        g_ptr_array_add (loose, server);
    }
  if (loose->len > 0)
    plan_add_block (plan, EXTOPO_OBJECT_NONE, NULL, FALSE, -1, g_steal_pointer (&loose));
}

static void
plan_admin_view (Plan *plan)
{
  GPtrArray *admin_groups = extopo_model_get_admin_groups (plan->model);
  GPtrArray *servers = extopo_model_get_servers (plan->model);
  g_autoptr(GPtrArray) orphans = g_ptr_array_new ();

  for (guint i = 0; i < admin_groups->len; i++)
    {
      ExtopoAdminGroup *admin_group = g_ptr_array_index (admin_groups, i);
      g_autoptr(GPtrArray) loose = g_ptr_array_new ();
      Cluster cluster = { .admin_group = admin_group, .frame = -1 };
      int c;

      if (plan_is_collapsed (plan, admin_group->ndn))
        {
          guint b = plan_add_block (plan, EXTOPO_OBJECT_ADMIN_GROUP, admin_group, TRUE, -1,
                                    g_ptr_array_new ());

          for (guint j = 0; admin_group->routing_groups != NULL &&
               j < admin_group->routing_groups->len; j++)
            g_hash_table_insert (plan->block_of_group,
                                 g_ptr_array_index (admin_group->routing_groups, j),
                                 GUINT_TO_POINTER (b + 1));
          continue;
        }

      g_array_append_val (plan->clusters, cluster);
      c = plan->clusters->len - 1;

      for (guint j = 0; admin_group->routing_groups != NULL &&
           j < admin_group->routing_groups->len; j++)
        {
          ExtopoRoutingGroup *group = g_ptr_array_index (admin_group->routing_groups, j);
          gboolean collapsed = plan_is_collapsed (plan, group->ndn);
          GPtrArray *members = g_ptr_array_new ();
          guint b;

          /* In the administrative view a server sits in its own group; a
           * routing group shows only the members administered here. */
          for (guint k = 0; !collapsed && group->servers != NULL && k < group->servers->len; k++)
            {
              ExtopoServer *server = g_ptr_array_index (group->servers, k);

              if (server->admin_group == admin_group)
                g_ptr_array_add (members, server);
            }
          b = plan_add_block (plan, EXTOPO_OBJECT_ROUTING_GROUP, group, collapsed, c, members);
          g_hash_table_insert (plan->block_of_group, group, GUINT_TO_POINTER (b + 1));
        }

      for (guint k = 0; admin_group->servers != NULL && k < admin_group->servers->len; k++)
        {
          ExtopoServer *server = g_ptr_array_index (admin_group->servers, k);

          if (server->routing_group == NULL || server->routing_group->admin_group != admin_group)
            g_ptr_array_add (loose, server);
        }
      if (loose->len > 0)
        plan_add_block (plan, EXTOPO_OBJECT_NONE, admin_group, FALSE, c,
                        g_steal_pointer (&loose));
    }

  for (guint i = 0; i < servers->len; i++)
    {
      ExtopoServer *server = g_ptr_array_index (servers, i);

      if (server->admin_group == NULL)
        g_ptr_array_add (orphans, server);
    }
  if (orphans->len > 0)
    plan_add_block (plan, EXTOPO_OBJECT_NONE, NULL, FALSE, -1, g_steal_pointer (&orphans));
}

ExtopoLayoutGhost *
extopo_layout_ghost_new (ExtopoModel  *model,
                         ExtopoServer *server,
                         const char   *routing_group_dn,
                         const char   *admin_group_dn)
{
  ExtopoLayoutGhost *ghost;

  g_return_val_if_fail (EXTOPO_IS_MODEL (model), NULL);
  g_return_val_if_fail (server != NULL, NULL);

  ghost = g_new0 (ExtopoLayoutGhost, 1);
  ghost->model = g_object_ref (model);
  ghost->server = server;
  ghost->routing_group_dn = g_strdup (routing_group_dn);
  ghost->admin_group_dn = g_strdup (admin_group_dn);

  return ghost;
}

void
extopo_layout_ghost_free (ExtopoLayoutGhost *ghost)
{
  if (ghost == NULL)
    return;
  g_clear_object (&ghost->model);
  g_free (ghost->routing_group_dn);
  g_free (ghost->admin_group_dn);
  g_free (ghost);
}

/* The block a ghost goes in: in the routing view its routing group's; in
 * the administrative view its routing group's when that group is
 * administered in its administrative group, else that group's block of
 * loose servers, made when there is none. NULL when the group is gone or
 * drawn collapsed. */
static Block *
plan_ghost_block (Plan              *plan,
                  ExtopoLayoutGhost *ghost)
{
  ExtopoRoutingGroup *group = NULL;
  ExtopoAdminGroup *admin_group = NULL;
  ExtopoObjectKind kind = EXTOPO_OBJECT_NONE;
  gpointer object;
  guint b;
  int c = -1;

  if (ghost->routing_group_dn != NULL)
    group = extopo_model_lookup_routing_group (plan->model, ghost->routing_group_dn);
  if (plan->view == EXTOPO_VIEW_ADMIN && ghost->admin_group_dn != NULL)
    {
      object = extopo_model_lookup (plan->model, ghost->admin_group_dn, &kind);
      admin_group = kind == EXTOPO_OBJECT_ADMIN_GROUP ? object : NULL;
      if (admin_group == NULL)
        return NULL;
      if (group != NULL && group->admin_group != admin_group)
        group = NULL;
    }
  else if (plan->view == EXTOPO_VIEW_ADMIN)
    {
      return NULL;
    }

  b = group != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (plan->block_of_group, group)) : 0;
  if (b > 0)
    {
      Block *block = &g_array_index (plan->blocks, Block, b - 1);

      /* In the administrative view a collapsed administrative group's block
       * stands for its routing groups. */
      if (block->kind == EXTOPO_OBJECT_ROUTING_GROUP)
        return block->collapsed ? NULL : block;
    }
  if (admin_group == NULL)
    return NULL;

  for (guint i = 0; i < plan->clusters->len; i++)
    if (g_array_index (plan->clusters, Cluster, i).admin_group == admin_group)
      c = (int) i;
  if (c < 0)
    return NULL;
  for (guint i = 0; i < plan->blocks->len; i++)
    {
      Block *block = &g_array_index (plan->blocks, Block, i);

      if (block->kind == EXTOPO_OBJECT_NONE && block->object == admin_group)
        return block;
    }
  plan_add_block (plan, EXTOPO_OBJECT_NONE, admin_group, FALSE, c, g_ptr_array_new ());

  return &g_array_index (plan->blocks, Block, plan->blocks->len - 1);
}

static int
compare_ghosts_by_name (gconstpointer a,
                        gconstpointer b)
{
  const ExtopoLayoutGhost *x = *(ExtopoLayoutGhost * const *) a;
  const ExtopoLayoutGhost *y = *(ExtopoLayoutGhost * const *) b;

  return g_strcmp0 (x->server->name, y->server->name);
}

/* Each ghost after the servers of its group's block, by name, and the
 * blocks that got some measured again, so their grids have a cell for each. */
static void
plan_add_ghosts (Plan *plan)
{
  g_autoptr(GPtrArray) sorted = NULL;

  if (plan->ghosts == NULL)
    return;

  /* A copy inherits the free function: this one only borrows. */
  sorted = g_ptr_array_copy (plan->ghosts, NULL, NULL);
  g_ptr_array_set_free_func (sorted, NULL);
  g_ptr_array_sort (sorted, compare_ghosts_by_name);
  for (guint i = 0; i < sorted->len; i++)
    {
      ExtopoLayoutGhost *ghost = g_ptr_array_index (sorted, i);
      Block *block = plan_ghost_block (plan, ghost);

      if (block == NULL)
        continue;
      g_ptr_array_add (block->servers, ghost->server);
      block->n_ghosts++;
    }
  for (guint b = 0; b < plan->blocks->len; b++)
    {
      Block *block = &g_array_index (plan->blocks, Block, b);

      if (block->n_ghosts > 0)
        block_measure_titled (block);
    }
}

char *
extopo_plan_connection_label (ExtopoConnection *connection)
{
  ExtopoConnector *forward = connection->forward;
  ExtopoConnector *reverse = connection->reverse;
  g_autofree char *cost = NULL;

  if (reverse != NULL && reverse->cost != forward->cost)
    cost = g_strdup_printf (_("cost %u / %u"), forward->cost, reverse->cost);
  else
    cost = g_strdup_printf (_("cost %u"), forward->cost);

  switch (forward->type)
    {
    case EXTOPO_CONNECTOR_SMTP:
      /* TRANSLATORS: an SMTP connector's edge label, %s is "cost 1" */
      return g_strdup_printf (_("SMTP, %s"), cost);
    case EXTOPO_CONNECTOR_SEND:
      /* TRANSLATORS: an Exchange 2007 Send connector's edge label */
      return g_strdup_printf (_("Send, %s"), cost);
    case EXTOPO_CONNECTOR_X400:
      /* TRANSLATORS: an X.400 connector's edge label */
      return g_strdup_printf (_("X.400, %s"), cost);
    case EXTOPO_CONNECTOR_NOTES:
    case EXTOPO_CONNECTOR_GROUPWISE:
    case EXTOPO_CONNECTOR_CCMAIL:
    case EXTOPO_CONNECTOR_MSMAIL:
    case EXTOPO_CONNECTOR_CALENDAR:
    case EXTOPO_CONNECTOR_GATEWAY:
      /* A foreign gateway: its kind says more than a cost. */
      return g_strdup (extopo_connector_type_get_display_name (forward->type));
    case EXTOPO_CONNECTOR_ROUTING_GROUP:
    default:
      return g_steal_pointer (&cost);
    }
}

/* "SMTP:* · SMTP, cost 10": the address space (routingList "SMTP:*;10"
 * without its own cost), then what kind of connector reaches it. */
static char *
stub_label (ExtopoConnection *connection)
{
  ExtopoConnector *forward = connection->forward;
  g_autofree char *kind = extopo_plan_connection_label (connection);
  g_autofree char *space = NULL;
  char *cost;

  if (forward->address_spaces == NULL || forward->address_spaces[0] == NULL)
    return g_steal_pointer (&kind);

  space = g_strdup (forward->address_spaces[0]);
  cost = strrchr (space, ';');
  if (cost != NULL)
    *cost = '\0';

  /* TRANSLATORS: an address space edge's label: "SMTP:* · SMTP, cost 1" */
  return g_strdup_printf (_("%s · %s"), space, kind);
}

static void
plan_links (Plan *plan)
{
  GPtrArray *connections = extopo_model_get_connections (plan->model);

  for (guint i = 0; i < connections->len; i++)
    {
      ExtopoConnection *connection = g_ptr_array_index (connections, i);
      ExtopoConnector *forward = connection->forward;
      Link link = { .connection = connection };
      guint tail, head;

      if (forward == NULL || forward->source == NULL)
        continue;
      tail = GPOINTER_TO_UINT (g_hash_table_lookup (plan->block_of_group, forward->source));
      if (forward->target == NULL && forward->target_dn == NULL && tail > 0)
        {
          Stub stub = { .connection = connection, .tail = tail - 1,
                        .label = stub_label (connection) };

          /* Wide enough for its label, so `dot` keeps labels apart. */
          stub.width = g_utf8_strlen (stub.label, -1) * STUB_CHAR_WIDTH + 16;
          g_array_append_val (plan->stubs, stub);
          continue;
        }
      /* A dangling target has no second end to draw (it is a finding). */
      if (forward->target == NULL)
        continue;
      head = GPOINTER_TO_UINT (g_hash_table_lookup (plan->block_of_group, forward->target));
      if (tail == 0 || head == 0 || tail == head)
        continue;
      link.tail = tail - 1;
      link.head = head - 1;
      g_array_append_val (plan->links, link);
    }
}

static int
compare_by_degree (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const guint *degree = user_data;
  guint x = degree[*(const guint *) a], y = degree[*(const guint *) b];

  if (x != y)
    return x > y ? -1 : 1;

  return *(const guint *) a < *(const guint *) b ? -1 : 1;
}

/* Ranks, chosen here rather than by `dot`. Every edge spanning several
 * ranks costs `dot` a chain of virtual nodes, and random cross links between
 * branches made it spend 15 s on 20,000 of them; a hub with many neighbours
 * put them all in one rank, a drawing metres wide. So: a breadth-first
 * spanning forest from the best connected groups; each group's children
 * stacked below it in a roughly square block of ranks (as Graphviz's
 * `unflatten` does for leaves); tree edges get those ranks as `minlen`.
 * Other links go to `dot` unconstrained, except, in big graphs, those
 * spanning more than one rank or joining two administrative groups: they
 * are drawn straight from frame to frame. */
/* Ranks are chosen inside a cluster only: `dot` ranks each cluster on its
 * own, and a rank constraint across clusters can make that fail. */
static gboolean
plan_link_is_rankable (Plan *plan,
                       Link *link)
{
  return g_array_index (plan->blocks, Block, link->tail).cluster ==
         g_array_index (plan->blocks, Block, link->head).cluster;
}

static void
plan_rank_links (Plan *plan)
{
  guint n = plan->blocks->len;
  gboolean big = plan->links->len > SPLINE_EDGE_LIMIT;
  g_autofree guint *degree = g_new0 (guint, n);
  g_autofree guint *level = g_new (guint, n);
  g_autofree guint *rank = g_new0 (guint, n);
  g_autofree guint *first = g_new0 (guint, n + 1);
  g_autofree guint *adjacent = g_new (guint, 2 * MAX (plan->links->len, 1));
  g_autofree guint *fill = NULL;
  g_autofree guint *order = g_new (guint, n);
  g_autofree guint *queue = g_new (guint, n);
  g_autofree int *parent_link = g_new (int, n);
  g_autofree guint *level_size = g_new0 (guint, n + 1);
  g_autofree guint *level_base = g_new0 (guint, n + 1);
  g_autofree guint *level_seen = g_new0 (guint, n + 1);
  guint n_queued = 0, n_linked = 0, per_rank, n_ranks, max_rank = 0, max_level = 0, fold = 1;
  double mean_width = 0, mean_height = 0, rank_aspect;

  if (plan->links->len == 0)
    return;

  /* Adjacency in compressed rows: link indices per block. */
  for (guint l = 0; l < plan->links->len; l++)
    {
      Link *link = &g_array_index (plan->links, Link, l);

      if (!plan_link_is_rankable (plan, link))
        continue;
      degree[link->tail]++;
      degree[link->head]++;
    }
  for (guint b = 0; b < n; b++)
    first[b + 1] = first[b] + degree[b];
  fill = g_memdup2 (first, n * sizeof (guint));
  for (guint l = 0; l < plan->links->len; l++)
    {
      Link *link = &g_array_index (plan->links, Link, l);

      if (!plan_link_is_rankable (plan, link))
        continue;
      adjacent[fill[link->tail]++] = l;
      adjacent[fill[link->head]++] = l;
    }

  /* Roots: the best connected groups first, so hubs sit at the top. */
  for (guint b = 0; b < n; b++)
    order[b] = b;
  g_qsort_with_data (order, n, sizeof (guint), compare_by_degree, degree);

  memset (level, 0xff, n * sizeof (guint));
  for (guint b = 0; b < n; b++)
    parent_link[b] = -1;
  for (guint r = 0; r < n && degree[order[r]] > 0; r++)
    {
      guint head = n_queued;

      if (level[order[r]] != G_MAXUINT)
        continue;
      level[order[r]] = 0;
      queue[n_queued++] = order[r];
      while (head < n_queued)
        {
          guint b = queue[head++];

          for (guint k = first[b]; k < first[b + 1]; k++)
            {
              Link *link = &g_array_index (plan->links, Link, adjacent[k]);
              guint other = link->tail == b ? link->head : link->tail;

              if (level[other] != G_MAXUINT)
                continue;
              level[other] = level[b] + 1;
              parent_link[other] = adjacent[k];
              queue[n_queued++] = other;
            }
        }
    }

  /* A level of the tree takes as many ranks as it needs to hold about
   * per_rank groups in each, so the drawing comes out roughly square: a
   * hub's 400 spokes become 20 rows of 20 rather than one row of 400. */
  for (guint q = 0; q < n_queued; q++)
    {
      level_size[level[queue[q]]]++;
      n_linked++;
    }
  /* With no link inside a frame (the administrative view of groups joined
   * only across frames) there is no tree, and 0 / 0 would be NaN. */
  /* Ranks for a drawing of the plan's aspect: per_rank groups of the mean
   * size side by side, n_ranks of them high, per_rank * n_ranks = n_linked. */
  for (guint b = 0; b < n; b++)
    {
      mean_width += g_array_index (plan->blocks, Block, b).width / n;
      mean_height += g_array_index (plan->blocks, Block, b).height / n;
    }
  rank_aspect = plan->rank_scale * (mean_width + NODE_SEP) /
                (plan->aspect * (mean_height + RANK_SEP));
  per_rank = 4;
  if (n_linked > 0)
    per_rank = MAX (per_rank, (guint) ceil (n_linked / ceil (sqrt (n_linked * rank_aspect))));
  /* Level by level, each level in ranks of at most per_rank groups, in
   * breadth-first order so that siblings stay together. (Placing each
   * family in a block of its own rows, the k-th children of every parent
   * shared a rank: 2,000 regional hubs of ten groups each made ten ranks of
   * 2,000 groups, and the 200,000-server organization a strip five times
   * wider than high.) */
  for (guint q = 0; q < n_queued; q++)
    max_level = MAX (max_level, level[queue[q]]);
  for (guint l = 0, base = 0; l <= max_level; l++)
    {
      level_base[l] = base;
      base += MAX (1, (level_size[l] + per_rank - 1) / per_rank);
    }
  for (guint q = 0; q < n_queued; q++)
    {
      guint b = queue[q];

      rank[b] = level_base[level[b]] + level_seen[level[b]]++ / per_rank;
      max_rank = MAX (max_rank, rank[b]);
    }

  /* A long chain of groups (one child each) would still be one group wide
   * and hundreds of ranks tall: fold its ranks, fold of them into one, the
   * way back in every other rank, so the rows wind like a serpentine. */
  n_ranks = (guint) ceil (sqrt (n_linked * rank_aspect));
  if (n_ranks > 0 && max_rank + 1 > 2 * n_ranks)
    fold = (max_rank + n_ranks) / n_ranks;

  /* Kept for placement by hand (extopo-layout-grid.c). */
  plan->fold = fold;
  plan->rank = g_new (guint, n);
  plan->tree_order = g_new (guint, n);
  for (guint b = 0; b < n; b++)
    plan->rank[b] = plan->tree_order[b] = G_MAXUINT;
  for (guint q = 0; q < n_queued; q++)
    {
      plan->rank[queue[q]] = rank[queue[q]];
      plan->tree_order[queue[q]] = q;
    }

  for (guint l = 0; l < plan->links->len; l++)
    {
      Link *link = &g_array_index (plan->links, Link, l);
      guint a = rank[link->tail] / fold, b = rank[link->head] / fold;

      if (parent_link[link->tail] == (int) l || parent_link[link->head] == (int) l)
        {
          guint ta = rank[link->tail], tb = rank[link->head];

          /* Beside each other, `dot` puts the tail left of the head: the
           * tree's order runs left to right in even ranks, back in odd. */
          link->upwards = a == b ? (ta > tb) != (a % 2 == 1) : a > b;
          link->minlen = MAX (a, b) - MIN (a, b);
          link->beside = a == b;
        }
      else if (big && (MAX (a, b) - MIN (a, b) > 1 || !plan_link_is_rankable (plan, link)))
        link->straight = TRUE;
      else
        link->flat = TRUE;
    }
}

void
extopo_plan_drop_ranks (Plan *plan)
{
  for (guint l = 0; l < plan->links->len; l++)
    {
      Link *link = &g_array_index (plan->links, Link, l);

      link->minlen = 0;
      link->upwards = FALSE;
      link->beside = FALSE;
      link->flat = !link->straight && !plan_link_is_rankable (plan, link);
    }
}

void
extopo_plan_rerank (Plan   *plan,
                    double  scale)
{
  plan->rank_scale *= scale;
  g_clear_pointer (&plan->rank, g_free);
  g_clear_pointer (&plan->tree_order, g_free);
  plan->fold = 1;
  extopo_plan_drop_ranks (plan);
  plan_rank_links (plan);
}

void
extopo_plan_build (Plan *plan)
{
  if (plan->view == EXTOPO_VIEW_ADMIN)
    plan_admin_view (plan);
  else
    plan_routing_view (plan);
  plan_add_ghosts (plan);
  plan_links (plan);
  plan_rank_links (plan);
}

/* `dot` orders ranks by repeated sweeps and places them by network simplex,
 * both growing faster than the graph: 2,000 routing groups took it 0.5 s,
 * 20,000 took 25 s. At these sizes edges are straight lines anyway and the
 * ranks are ours: the grid placement does the rest in linear time. */
gboolean
extopo_plan_is_big (Plan *plan)
{
  return plan->blocks->len > GRID_BLOCK_LIMIT || plan->links->len > LINE_EDGE_LIMIT;
}

GHashTable *
extopo_layout_collapsed_copy (GHashTable *collapsed)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  if (collapsed != NULL)
    {
      g_hash_table_iter_init (&iter, collapsed);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (copy, g_strdup (key));
    }

  return copy;
}
