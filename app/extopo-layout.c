/* extopo-layout.c: the model laid out by Graphviz `dot`, read back as plain geometry.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The only file that includes Graphviz headers. Graphviz sees one fixed-size
 * node per routing group (and clusters for administrative groups); the server
 * boxes are placed here in a grid inside each node, which keeps `dot` fast
 * and a group of 500 servers roughly square instead of one long row.
 */

#define G_LOG_DOMAIN "extopo-layout"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include <gvc.h>

#include "extopo-findings.h"
#include "extopo-layout.h"

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
/* Ranks : groups per rank that make a roughly square drawing of routing
 * groups (about 5 in wide and 4 in high with their spacing). */
#define RANK_ASPECT        1.3
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
/* `dot` runs network simplex for nslimit times the number of nodes
 * iterations, each costing time in proportion to the graph: above this many
 * groups, no more iterations than this many groups get. */
#define NSLIMIT_BLOCKS   2000


G_DEFINE_QUARK (extopo-layout-error-quark, extopo_layout_error)

/* cgraph and gvc keep global state and are not thread-safe, not even for reads. */
static GMutex graphviz_lock;
static GVC_t *graphviz_context;

/* One Graphviz node: a routing group with its servers, a collapsed group, or
 * the servers that belong to no routing group. */
typedef struct
{
  ExtopoObjectKind  kind;       /* ROUTING_GROUP, ADMIN_GROUP (collapsed), NONE (loose servers) */
  gpointer          object;
  gboolean          collapsed;
  int               cluster;    /* index into clusters, -1 at the top */
  GPtrArray        *servers;    /* ExtopoServer*, borrowed, in grid order */
  guint             cols;
  double            width;
  double            height;
  Agnode_t         *node;
  int               frame;      /* index of its frame in the geometry, -1 if none */
} Block;

typedef struct
{
  ExtopoAdminGroup *admin_group;
  Agraph_t         *graph;
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
  Agedge_t         *edge;
  gboolean          beside;     /* a tree edge folded into one rank: `minlen` 0 */
} Link;

/* A connector to address spaces rather than a routing group (an SMTP or
 * Send connector to the Internet, an X.400 link): an edge from its group
 * to a small tag that `dot` places nearby. */
typedef struct
{
  ExtopoConnection *connection;
  guint             tail;
  char             *label;
  double            width;
  Agnode_t         *node;
  Agedge_t         *edge;
} Stub;

typedef struct
{
  ExtopoModel *model;
  ExtopoView   view;
  GHashTable  *collapsed;       /* normalized DNs, owned copy */
  GArray      *blocks;          /* Block */
  GArray      *clusters;        /* Cluster */
  GArray      *links;           /* Link */
  GHashTable  *block_of_group;  /* ExtopoRoutingGroup* -> block index + 1 */
  GArray      *stubs;           /* Stub */
} Plan;

static void
stub_clear (gpointer data)
{
  Stub *stub = data;

  g_clear_pointer (&stub->label, g_free);
}

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_clear_pointer (&block->servers, g_ptr_array_unref);
}

static void
plan_free (Plan *plan)
{
  g_clear_object (&plan->model);
  g_clear_pointer (&plan->collapsed, g_hash_table_unref);
  g_clear_pointer (&plan->blocks, g_array_unref);
  g_clear_pointer (&plan->clusters, g_array_unref);
  g_clear_pointer (&plan->links, g_array_unref);
  g_clear_pointer (&plan->stubs, g_array_unref);
  g_clear_pointer (&plan->block_of_group, g_hash_table_unref);
  g_free (plan);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Plan, plan_free)

/* A private copy of a set of strings: the caller may change its own while a worker runs. */
static GHashTable *
copy_string_set (GHashTable *set)
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

static Plan *
plan_new (ExtopoModel               *model,
          const ExtopoLayoutOptions *options)
{
  Plan *plan = g_new0 (Plan, 1);

  plan->model = g_object_ref (model);
  plan->view = options != NULL ? options->view : EXTOPO_VIEW_ROUTING;
  plan->collapsed = copy_string_set (options != NULL ? options->collapsed : NULL);
  plan->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (plan->blocks, block_clear);
  plan->clusters = g_array_new (FALSE, TRUE, sizeof (Cluster));
  plan->links = g_array_new (FALSE, TRUE, sizeof (Link));
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
  block_measure (&block, object != NULL ? extopo_model_object_get_name (kind, object) : NULL,
                 kind == EXTOPO_OBJECT_ROUTING_GROUP && ((ExtopoRoutingGroup *) object)->interop);
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
      Cluster cluster = { admin_group, NULL, -1 };
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

static char *
connection_label (ExtopoConnection *connection)
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
  g_autofree char *kind = connection_label (connection);
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
      Link link = { connection, 0, 0, FALSE, FALSE, FALSE, 0, NULL };
      guint tail, head;

      if (forward == NULL || forward->source == NULL)
        continue;
      tail = GPOINTER_TO_UINT (g_hash_table_lookup (plan->block_of_group, forward->source));
      if (forward->target == NULL && forward->target_dn == NULL && tail > 0)
        {
          Stub stub = { connection, tail - 1, stub_label (connection), 0, NULL, NULL };

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
  g_autofree guint *children = g_new0 (guint, n);
  g_autofree guint *seen = g_new0 (guint, n);
  g_autofree guint *level_size = g_new0 (guint, n + 1);
  guint n_queued = 0, n_linked = 0, per_rank, n_ranks, max_rank = 0, fold = 1;

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
   * per_rank groups in each, so the drawing comes out roughly square; a
   * group's children go below it in a block of that many rows: a hub's 400
   * spokes become 20 rows of 20 rather than one row of 400. */
  for (guint q = 0; q < n_queued; q++)
    {
      level_size[level[queue[q]]]++;
      n_linked++;
    }
  /* With no link inside a frame (the administrative view of groups joined
   * only across frames) there is no tree, and 0 / 0 would be NaN. */
  per_rank = 4;
  if (n_linked > 0)
    per_rank = MAX (per_rank, (guint) ceil (n_linked / ceil (sqrt (n_linked * RANK_ASPECT))));
  for (guint q = 0; q < n_queued; q++)
    if (parent_link[queue[q]] >= 0)
      {
        Link *link = &g_array_index (plan->links, Link, parent_link[queue[q]]);

        children[link->tail == queue[q] ? link->head : link->tail]++;
      }
  for (guint q = 0; q < n_queued; q++)
    {
      guint b = queue[q], p, rows, width;
      Link *link;

      if (parent_link[b] < 0)
        continue;
      link = &g_array_index (plan->links, Link, parent_link[b]);
      p = link->tail == b ? link->head : link->tail;
      rows = MAX (1, (level_size[level[b]] + per_rank - 1) / per_rank);
      width = MAX (1, (children[p] + rows - 1) / rows);
      rank[b] = rank[p] + 1 + seen[p]++ / width;
      max_rank = MAX (max_rank, rank[b]);
    }

  /* A long chain of groups (one child each) would still be one group wide
   * and hundreds of ranks tall: fold its ranks, fold of them into one, the
   * way back in every other rank, so the rows wind like a serpentine. */
  n_ranks = (guint) ceil (sqrt (n_linked * RANK_ASPECT));
  if (n_ranks > 0 && max_rank + 1 > 2 * n_ranks)
    fold = (max_rank + n_ranks) / n_ranks;

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

static char *
format_inches (double points)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.4f", points / POINTS_PER_INCH));
}

static void
set_attr (void       *object,
          const char *name,
          const char *value)
{
  agsafeset (object, (char *) name, (char *) value, (char *) "");
}

/* Builds the graph. Called with graphviz_lock held. */
static Agraph_t *
plan_build_graph (Plan *plan)
{
  Agraph_t *graph = agopen ((char *) "extopo", Agdirected, NULL);
  Agsym_t *width_sym, *height_sym;
  gboolean big = plan->links->len > SPLINE_EDGE_LIMIT;

  set_attr (graph, "nodesep", "0.35");
  set_attr (graph, "ranksep", "0.8");
  /* Splines look best; polylines route faster; beyond a few thousand edges
   * straight lines save another quarter of the time (20k servers: 1.0 s
   * instead of 1.3 s) where no one follows a single edge anyway. */
  set_attr (graph, "splines", !big ? "spline"
                              : plan->links->len > LINE_EDGE_LIMIT ? "line" : "polyline");
  /* Speed over the last crossing: fewer network simplex and mincross passes. */
  if (big)
    {
      char nslimit[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (nslimit, sizeof nslimit, "%.6g",
                       0.05 * MIN (1.0, NSLIMIT_BLOCKS / (double) plan->blocks->len));
      set_attr (graph, "nslimit", nslimit);
      set_attr (graph, "nslimit1", "2");
      set_attr (graph, "mclimit", "0.3");
      set_attr (graph, "searchsize", "20");
      set_attr (graph, "remincross", "false");
      /* Graphviz 2.42's classic ranking frees its work edges in time
       * proportional to edges times edges (rank.c, cleanup1): 20,000 groups
       * spent half a minute there. Without clusters both rankers give the
       * same ranks here, since plan_rank_links fixes them with minlen. */
      if (plan->clusters->len == 0)
        set_attr (graph, "newrank", "true");
    }
  agattr (graph, AGNODE, (char *) "shape", (char *) "box");
  agattr (graph, AGNODE, (char *) "fixedsize", (char *) "true");
  agattr (graph, AGNODE, (char *) "label", (char *) "");
  width_sym = agattr (graph, AGNODE, (char *) "width", (char *) "1");
  height_sym = agattr (graph, AGNODE, (char *) "height", (char *) "1");
  agattr (graph, AGEDGE, (char *) "dir", (char *) "forward");
  agattr (graph, AGRAPH, (char *) "label", (char *) "");

  for (guint c = 0; c < plan->clusters->len; c++)
    {
      Cluster *cluster = &g_array_index (plan->clusters, Cluster, c);
      g_autofree char *name = g_strdup_printf ("cluster_%u", c);
      g_autofree char *label = NULL;

      cluster->graph = agsubg (graph, name, TRUE);
      /* The label only reserves room for the title (and the interop tag),
       * drawn by the renderer in its own font. */
      label = g_strdup_printf ("%s%s", cluster->admin_group->name,
                               cluster->admin_group->interop ? " [Exchange 2007]" : "");
      agset (cluster->graph, (char *) "label", label);
      set_attr (cluster->graph, "labeljust", "l");
      set_attr (cluster->graph, "fontsize", "15");
      set_attr (cluster->graph, "margin", "12");
    }

  for (guint b = 0; b < plan->blocks->len; b++)
    {
      Block *block = &g_array_index (plan->blocks, Block, b);
      Agraph_t *parent = block->cluster >= 0
                         ? g_array_index (plan->clusters, Cluster, block->cluster).graph
                         : graph;
      g_autofree char *name = g_strdup_printf ("b%u", b);
      g_autofree char *width = format_inches (block->width);
      g_autofree char *height = format_inches (block->height);

      block->node = agnode (parent, name, TRUE);
      agxset (block->node, width_sym, width);
      agxset (block->node, height_sym, height);
    }

  for (guint l = 0; l < plan->links->len; l++)
    {
      Link *link = &g_array_index (plan->links, Link, l);
      Block *tail = &g_array_index (plan->blocks, Block, link->tail);
      Block *head = &g_array_index (plan->blocks, Block, link->head);
      g_autofree char *name = g_strdup_printf ("e%u", l);

      if (link->straight)
        continue;
      if (link->upwards)
        link->edge = agedge (graph, head->node, tail->node, name, TRUE);
      else
        link->edge = agedge (graph, tail->node, head->node, name, TRUE);
      if (link->connection->two_way)
        set_attr (link->edge, "dir", "both");
      else if (link->upwards)
        set_attr (link->edge, "dir", "back");
      if (link->flat)
        set_attr (link->edge, "constraint", "false");
      if (link->beside)
        set_attr (link->edge, "minlen", "0");
      else if (link->minlen > 1)
        {
          g_autofree char *minlen = g_strdup_printf ("%u", link->minlen);

          set_attr (link->edge, "minlen", minlen);
        }
    }

  /* Big graphs: every extra node costs `dot` a share of a second; the tags
   * are placed by hand below their groups, in the gap between ranks. */
  for (guint i = 0; !big && i < plan->stubs->len; i++)
    {
      Stub *stub = &g_array_index (plan->stubs, Stub, i);
      Block *tail = &g_array_index (plan->blocks, Block, stub->tail);
      Agraph_t *parent = tail->cluster >= 0
                         ? g_array_index (plan->clusters, Cluster, tail->cluster).graph
                         : graph;
      g_autofree char *name = g_strdup_printf ("s%u", i);
      g_autofree char *width = format_inches (stub->width);
      g_autofree char *height = format_inches (STUB_HEIGHT);

      /* In the tail's cluster: a rank constraint across clusters can upset dot. */
      stub->node = agnode (parent, name, TRUE);
      agxset (stub->node, width_sym, width);
      agxset (stub->node, height_sym, height);
      stub->edge = agedge (graph, tail->node, stub->node, NULL, TRUE);
    }

  return graph;
}

/* Lays out groups nobody connects to in rows of their own, chained by
 * invisible edges, so they do not all end up in one very wide rank. */
static void
plan_chain_isolated (Plan     *plan,
                     Agraph_t *graph)
{
  g_autofree gboolean *linked = g_new0 (gboolean, plan->blocks->len);
  g_autoptr(GPtrArray) isolated = g_ptr_array_new ();
  guint chain;

  for (guint l = 0; l < plan->links->len; l++)
    {
      Link *link = &g_array_index (plan->links, Link, l);

      /* Only links that rank count: a group tied by unconstrained ones alone
       * would still sit in the top rank with all the others. */
      if (!link->straight && !link->flat)
        linked[link->tail] = linked[link->head] = TRUE;
    }
  for (guint b = 0; b < plan->blocks->len; b++)
    if (!linked[b])
      g_ptr_array_add (isolated, &g_array_index (plan->blocks, Block, b));

  if (isolated->len < 4)
    return;

  chain = (guint) ceil (sqrt (isolated->len / 2.0));
  for (guint i = 0; i + 1 < isolated->len; i++)
    {
      Block *a = g_ptr_array_index (isolated, i);
      Block *b = g_ptr_array_index (isolated, i + 1);
      Agedge_t *edge;

      /* Only within one cluster: an edge across clusters would drag them. */
      if ((i + 1) % chain == 0 || a->cluster != b->cluster)
        continue;
      edge = agedge (graph, a->node, b->node, NULL, TRUE);
      set_attr (edge, "style", "invis");
      set_attr (edge, "dir", "none");
    }
}

static void
plan_drop_ranks (Plan *plan)
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

/* Administrative groups side by side make a drawing as wide as all of them
 * together: stack them in a grid of columns with invisible edges from the
 * last group of one to the first of the one below. */
static void
plan_stack_clusters (Plan     *plan,
                     Agraph_t *graph)
{
  guint n = plan->clusters->len;
  /* Administrative groups are taller than wide (their groups chained in
   * columns), hence more columns than a square grid would have. */
  guint cols = (guint) ceil (sqrt (n * RANK_ASPECT * 2.5));
  g_autofree int *first = g_new (int, n);
  g_autofree int *last = g_new (int, n);

  if (n < 4)
    return;

  for (guint c = 0; c < n; c++)
    first[c] = last[c] = -1;
  for (guint b = 0; b < plan->blocks->len; b++)
    {
      int c = g_array_index (plan->blocks, Block, b).cluster;

      if (c < 0)
        continue;
      if (first[c] < 0)
        first[c] = b;
      last[c] = b;
    }

  for (guint c = 0; c + cols < n; c++)
    {
      Agedge_t *edge;

      if (last[c] < 0 || first[c + cols] < 0)
        continue;
      edge = agedge (graph, g_array_index (plan->blocks, Block, last[c]).node,
                     g_array_index (plan->blocks, Block, first[c + cols]).node, NULL, TRUE);
      set_attr (edge, "style", "invis");
      set_attr (edge, "dir", "none");
    }
}

typedef struct
{
  double top;   /* graph bb UR.y: cairo y = top - graphviz y */
} Flip;

static void
rect_from_box (const Flip *flip,
               boxf        bb,
               ExtopoRect *rect)
{
  rect->x = bb.LL.x;
  rect->y = flip->top - bb.UR.y;
  rect->width = bb.UR.x - bb.LL.x;
  rect->height = bb.UR.y - bb.LL.y;
}

static void
collect_cluster_boxes (Agraph_t   *graph,
                       GHashTable *boxes)
{
  /* GD_clust is 1-based. */
  for (int i = 1; i <= GD_n_cluster (graph); i++)
    {
      Agraph_t *sub = GD_clust (graph)[i];

      g_hash_table_insert (boxes, sub, &GD_bb (sub));
      collect_cluster_boxes (sub, boxes);
    }
}

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
                 const Flip     *flip,
                 int             parent)
{
  ExtopoGeoFrame frame = { 0 };
  pointf center = ND_coord (block->node);

  /* On whole points: a vector export then writes short integers, not six decimals. */
  frame.box.x = round (center.x - block->width / 2);
  frame.box.y = round (flip->top - center.y - block->height / 2);
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
                   const Flip     *flip,
                   int             frame)
{
  pointf center = ND_coord (block->node);
  double left = round (center.x - block->width / 2) + GROUP_PADDING;
  double top = round (flip->top - center.y - block->height / 2) + GROUP_HEADER;

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
      extopo_geometry_add_node (geometry, &node);
    }
}

static void
append_point (GArray *points,
              double  x,
              double  y)
{
  double xy[2] = { x, y };

  g_array_append_vals (points, xy, 2);
}

/* A straight piece as a cubic, so the path stays 1 + 3k points. */
static void
append_line (GArray *points,
             double  x,
             double  y)
{
  double *last = &g_array_index (points, double, points->len - 2);
  double x0 = last[0], y0 = last[1];

  append_point (points, x0 + (x - x0) / 3, y0 + (y - y0) / 3);
  append_point (points, x0 + 2 * (x - x0) / 3, y0 + 2 * (y - y0) / 3);
  append_point (points, x, y);
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

/* The path `dot` gave an edge, from the tail box's border to the head's,
 * with the pieces to its arrowheads; a straight line when it gave none or
 * a stray one. */
static void
read_edge_path (Agedge_t         *agedge,
                const Flip       *flip,
                Agnode_t         *tail,
                double            tail_width,
                double            tail_height,
                Agnode_t         *head,
                double            head_width,
                double            head_height,
                const ExtopoRect *content,
                GArray           *points)
{
  splines *spl = agedge != NULL ? ED_spl (agedge) : NULL;
  pointf tc = ND_coord (tail), hc = ND_coord (head);
  double *p;
  guint n;

  if (spl != NULL && spl->size > 0 && spl->list[0].size >= 4)
    {
      bezier *bz = &spl->list[0];

      if (bz->sflag)
        append_point (points, bz->sp.x, flip->top - bz->sp.y);
      for (int i = 0; i < bz->size; i++)
        {
          if (i == 0 && bz->sflag)
            append_line (points, bz->list[0].x, flip->top - bz->list[0].y);
          else
            append_point (points, bz->list[i].x, flip->top - bz->list[i].y);
        }
      if (bz->eflag)
        append_line (points, bz->ep.x, flip->top - bz->ep.y);
      if (path_escapes (points, content))
        g_array_set_size (points, 0);
    }

  if (points->len == 0)
    {
      /* Left out of `dot` (or not routed by it): a straight line from
       * border to border. */
      double x1, y1, x2, y2;

      clip_to_border (tc.x, flip->top - tc.y, tail_width, tail_height,
                      hc.x, flip->top - hc.y, &x1, &y1);
      clip_to_border (hc.x, flip->top - hc.y, head_width, head_height,
                      tc.x, flip->top - tc.y, &x2, &y2);
      append_point (points, x1, y1);
      append_line (points, x2, y2);
    }

  /* The path must run from the tail to the head, whatever `dot` did. */
  p = (double *) (gpointer) points->data;
  n = points->len / 2;
  if (box_distance (p[0], p[1], hc.x, flip->top - hc.y, head_width, head_height) <
      box_distance (p[0], p[1], tc.x, flip->top - tc.y, tail_width, tail_height))
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
               const Flip       *flip,
               const ExtopoRect *content)
{
  Block *tail = &g_array_index (plan->blocks, Block, link->tail);
  Block *head = &g_array_index (plan->blocks, Block, link->head);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *label = connection_label (link->connection);
  ExtopoGeoEdge edge = { 0 };

  read_edge_path (link->edge, flip, tail->node, tail->width, tail->height,
                  head->node, head->width, head->height, content, points);

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
               const Flip       *flip,
               const ExtopoRect *content)
{
  Block *tail = &g_array_index (plan->blocks, Block, stub->tail);
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (double));
  ExtopoGeoEdge edge = { 0 };
  pointf tag;

  if (stub->node != NULL)
    {
      tag = ND_coord (stub->node);
      read_edge_path (stub->edge, flip, tail->node, tail->width, tail->height,
                      stub->node, stub->width, STUB_HEIGHT, content, points);
    }
  else
    {
      pointf centre = ND_coord (tail->node);
      double bottom = flip->top - centre.y + tail->height / 2;

      tag.x = centre.x;
      tag.y = flip->top - (bottom + STUB_DROP);
      append_point (points, centre.x, bottom);
      append_line (points, centre.x, bottom + STUB_DROP - STUB_HEIGHT / 2);
    }

  /* The label is the tag the arrow points at. */
  edge.connection = stub->connection;
  edge.points = (double *) (gpointer) points->data;
  edge.n_points = points->len / 2;
  edge.arrow_at_end = TRUE;
  edge.label = stub->label;
  edge.label_x = tag.x;
  edge.label_y = flip->top - tag.y;
  edge.tail_frame = tail->frame;
  edge.head_frame = -1;
  extopo_geometry_add_edge (geometry, &edge);
}

/* Reads the laid-out graph into geometry. Called with graphviz_lock held. */
static ExtopoGeometry *
plan_read_geometry (Plan     *plan,
                    Agraph_t *graph)
{
  ExtopoGeometry *geometry = extopo_geometry_new (plan->model, plan->view);
  g_autoptr(GHashTable) boxes = g_hash_table_new (NULL, NULL);
  Flip flip = { GD_bb (graph).UR.y };
  ExtopoRect content = { 0, 0, 0, 0 };

  collect_cluster_boxes (graph, boxes);

  /* Outer frames first: administrative groups, then what they hold. */
  for (guint c = 0; c < plan->clusters->len; c++)
    {
      Cluster *cluster = &g_array_index (plan->clusters, Cluster, c);
      ExtopoAdminGroup *admin_group = cluster->admin_group;
      boxf *bb = g_hash_table_lookup (boxes, cluster->graph);
      ExtopoGeoFrame frame = { { 0 } };

      if (bb == NULL)
        continue;
      rect_from_box (&flip, *bb, &frame.box);
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

      block_add_frame (plan, block, geometry, &flip, parent);
      block_add_servers (block, geometry, &flip, block->frame >= 0 ? block->frame : parent);
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
    link_add_edge (plan, &g_array_index (plan->links, Link, l), geometry, &flip, &content);
  for (guint i = 0; i < plan->stubs->len; i++)
    stub_add_edge (plan, &g_array_index (plan->stubs, Stub, i), geometry, &flip, &content);

  extopo_geometry_finish (geometry);

  return geometry;
}

static gboolean
check_cancelled (GCancellable  *cancellable,
                 GError       **error)
{
  if (cancellable == NULL || !g_cancellable_is_cancelled (cancellable))
    return FALSE;

  g_set_error_literal (error, EXTOPO_LAYOUT_ERROR, EXTOPO_LAYOUT_ERROR_CANCELLED,
                       _("The layout was cancelled"));

  return TRUE;
}

static GVC_t *
get_graphviz_context (void)
{
  /* Called with graphviz_lock held; the context lives as long as the process. */
  if (graphviz_context == NULL)
    {
      agseterr (AGERR);
      graphviz_context = gvContext ();
    }

  return graphviz_context;
}

ExtopoGeometry *
extopo_layout_compute (ExtopoModel                *model,
                       const ExtopoLayoutOptions  *options,
                       GCancellable               *cancellable,
                       GError                    **error)
{
  g_autoptr(Plan) plan = NULL;
  ExtopoGeometry *geometry = NULL;
  Agraph_t *graph;
  GVC_t *gvc;
  int status;

  g_return_val_if_fail (EXTOPO_IS_MODEL (model), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (check_cancelled (cancellable, error))
    return NULL;

  plan = plan_new (model, options);
  if (plan->view == EXTOPO_VIEW_ADMIN)
    plan_admin_view (plan);
  else
    plan_routing_view (plan);
  plan_links (plan);
  plan_rank_links (plan);

  g_mutex_lock (&graphviz_lock);

  if (check_cancelled (cancellable, error))
    {
      g_mutex_unlock (&graphviz_lock);
      return NULL;
    }

  gvc = get_graphviz_context ();
  graph = plan_build_graph (plan);
  plan_chain_isolated (plan, graph);
  plan_stack_clusters (plan, graph);
  status = plan->blocks->len > 0 ? gvLayout (gvc, graph, "dot") : -1;

  if (status != 0 && plan->blocks->len > 0)
    {
      /* Should our rank constraints ever upset `dot` (it can refuse some
       * across clusters), lay out again and let it rank on its own. */
      g_warning ("dot refused the chosen ranks for “%s”; laying out without them",
                 extopo_model_get_source_name (model));
      agclose (graph);
      plan_drop_ranks (plan);
      graph = plan_build_graph (plan);
      status = gvLayout (gvc, graph, "dot");
    }

  if (plan->blocks->len == 0)
    {
      /* Nothing to lay out: an empty drawing, not an error. */
      geometry = extopo_geometry_new (model, plan->view);
      extopo_geometry_finish (geometry);
    }
  else if (status != 0)
    {
      g_set_error (error, EXTOPO_LAYOUT_ERROR, EXTOPO_LAYOUT_ERROR_FAILED,
                   _("Graphviz could not lay out “%s”"), extopo_model_get_source_name (model));
    }
  else if (!check_cancelled (cancellable, error))
    {
      geometry = plan_read_geometry (plan, graph);
    }

  if (status == 0)
    gvFreeLayout (gvc, graph);
  agclose (graph);

  g_mutex_unlock (&graphviz_lock);

  return geometry;
}

typedef struct
{
  ExtopoLayoutOptions options;
} LayoutTaskData;

static void
layout_task_data_free (LayoutTaskData *data)
{
  g_clear_pointer (&data->options.collapsed, g_hash_table_unref);
  g_free (data);
}

static void
layout_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  LayoutTaskData *data = task_data;
  ExtopoModel *model = source_object;
  GError *error = NULL;
  ExtopoGeometry *geometry;

  geometry = extopo_layout_compute (model, &data->options, cancellable, &error);
  if (geometry == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, geometry, (GDestroyNotify) extopo_geometry_unref);
}

void
extopo_layout_compute_async (ExtopoModel               *model,
                             const ExtopoLayoutOptions *options,
                             GCancellable              *cancellable,
                             GAsyncReadyCallback        callback,
                             gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  LayoutTaskData *data;

  g_return_if_fail (EXTOPO_IS_MODEL (model));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (LayoutTaskData, 1);
  data->options.view = options != NULL ? options->view : EXTOPO_VIEW_ROUTING;
  /* Copied on the caller's thread, which owns the set. */
  data->options.collapsed = copy_string_set (options != NULL ? options->collapsed : NULL);

  task = g_task_new (model, cancellable, callback, user_data);
  g_task_set_source_tag (task, EXTOPO_TASK_TAG (extopo_layout_compute_async));
  g_task_set_task_data (task, data, (GDestroyNotify) layout_task_data_free);
  g_task_run_in_thread (task, layout_worker);
}

ExtopoGeometry *
extopo_layout_compute_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        EXTOPO_TASK_TAG (extopo_layout_compute_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* DOT export: the laid-out geometry, rebuilt as a fresh graph. */

static int
dot_putstr_cb (void       *chan,
               const char *str)
{
  g_string_append ((GString *) chan, str);

  return 0;
}

static int
dot_flush_cb (void *chan)
{
  return 0;
}

static Agiodisc_t dot_string_io = { NULL, dot_putstr_cb, dot_flush_cb };

static char *
format_point (double      x,
              double      y,
              const char *suffix)
{
  char bx[G_ASCII_DTOSTR_BUF_SIZE], by[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup_printf ("%s,%s%s",
                          g_ascii_formatd (bx, sizeof bx, "%.2f", x),
                          g_ascii_formatd (by, sizeof by, "%.2f", y),
                          suffix);
}

/* A name as a DOT text value that Graphviz shows as it is. Labels are
 * escStrings: a backslash starts \n, \N, \G..., so it is doubled; "&amp;"
 * and the like are entities, so "&" becomes "&amp;". agwrite() escapes the
 * quotes but not a backslash before the closing quote, which would then
 * escape it: a final backslash is written as two "&#92;" entities instead. */
static char *
dot_escape_text (const char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 8);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '&')
        g_string_append (out, "&amp;");
      else if (*p == '\\' && p[1] == '\0')
        g_string_append (out, "&#92;&#92;");
      else if (*p == '\\')
        g_string_append (out, "\\\\");
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

static void
dot_set_text (void       *object,
              const char *name,
              const char *text)
{
  g_autofree char *escaped = dot_escape_text (text != NULL ? text : "");

  set_attr (object, name, escaped);
}

static void
dot_annotate_server (Agnode_t     *node,
                     ExtopoServer *server)
{
  g_autofree char *version = extopo_version_get_display_name (&server->version);
  g_auto(GStrv) roles = extopo_roles_to_strv (server->roles);
  g_autofree char *role_list = g_strjoinv (",", roles);
  g_autoptr(GString) findings = g_string_new (NULL);

  for (guint i = 0; server->findings != NULL && i < server->findings->len; i++)
    {
      ExtopoFinding *finding = g_ptr_array_index (server->findings, i);

      if (findings->len > 0)
        g_string_append_c (findings, ',');
      g_string_append (findings, finding->id);
    }

  set_attr (node, "version", version != NULL ? version : "");
  set_attr (node, "roles", role_list);
  set_attr (node, "status", extopo_status_to_string (server->status));
  set_attr (node, "findings", findings->str);
  dot_set_text (node, "fqdn", server->fqdn);
  set_attr (node, "managed_with", extopo_management_get_name (server->management));
  dot_set_text (node, "dn", server->dn);
}

static void
dot_place_node (Agnode_t         *node,
                const ExtopoRect *rect,
                double            top)
{
  g_autofree char *pos = format_point (rect->x + rect->width / 2,
                                       top - (rect->y + rect->height / 2), "!");
  g_autofree char *width = format_inches (rect->width);
  g_autofree char *height = format_inches (rect->height);

  set_attr (node, "pos", pos);
  set_attr (node, "width", width);
  set_attr (node, "height", height);
  set_attr (node, "fixedsize", "true");
}

/* Called with graphviz_lock held. */
static Agraph_t *
geometry_build_dot (ExtopoGeometry *geometry)
{
  static Agdisc_t disc;
  Agraph_t *graph;
  double top = geometry->bounds.y + geometry->bounds.height;
  g_autofree Agraph_t **frame_graphs = g_new0 (Agraph_t *, geometry->frames->len + 1);
  g_autofree Agnode_t **anchors = g_new0 (Agnode_t *, geometry->frames->len + 1);
  gboolean annotate = geometry->model != NULL;

  disc.mem = &AgMemDisc;
  disc.id = &AgIdDisc;
  disc.io = &dot_string_io;
  graph = agopen ((char *) "extopo", Agdirected, &disc);
  set_attr (graph, "compound", "true");
  set_attr (graph, "rankdir", "TB");
  if (annotate)
    set_attr (graph, "label", extopo_model_get_source_name (geometry->model));

  for (guint i = 0; i < geometry->frames->len; i++)
    {
      ExtopoGeoFrame *frame = &g_array_index (geometry->frames, ExtopoGeoFrame, i);
      Agraph_t *parent = frame->parent >= 0 && frame->parent < (int) i
                         ? frame_graphs[frame->parent]
                         : graph;
      g_autofree char *name = NULL;

      if (parent == NULL)
        parent = graph;

      if (frame->collapsed)
        {
          g_autofree char *label = g_strdup_printf (ngettext ("%s\n(%u server)",
                                                              "%s\n(%u servers)",
                                                              frame->n_servers),
                                                    frame->label != NULL ? frame->label : "",
                                                    frame->n_servers);

          name = g_strdup_printf ("frame%u", i);
          anchors[i] = agnode (parent, name, TRUE);
          set_attr (anchors[i], "shape", "box");
          dot_set_text (anchors[i], "label", label);
          set_attr (anchors[i], "collapsed", "true");
          set_attr (anchors[i], "kind", frame->kind == EXTOPO_OBJECT_ADMIN_GROUP
                                        ? "administrative-group" : "routing-group");
          set_attr (anchors[i], "status", extopo_status_to_string (frame->worst_status));
          dot_place_node (anchors[i], &frame->box, top);
          continue;
        }

      name = g_strdup_printf ("cluster_%u", i);
      frame_graphs[i] = agsubg (parent, name, TRUE);
      dot_set_text (frame_graphs[i], "label", frame->label);
      set_attr (frame_graphs[i], "kind", frame->kind == EXTOPO_OBJECT_ADMIN_GROUP
                                         ? "administrative-group" : "routing-group");
      set_attr (frame_graphs[i], "interop", frame->interop ? "true" : "false");
      if (frame->interop)
        set_attr (frame_graphs[i], "style", "dashed");

      if (frame->kind == EXTOPO_OBJECT_ROUTING_GROUP)
        {
          g_autofree char *anchor = g_strdup_printf ("anchor%u", i);
          ExtopoRect spot = { frame->box.x + frame->box.width / 2,
                              frame->box.y + frame->box.height / 2, 1, 1 };

          /* Edges join groups; DOT needs a node to hang them on. */
          anchors[i] = agnode (frame_graphs[i], anchor, TRUE);
          set_attr (anchors[i], "shape", "point");
          set_attr (anchors[i], "style", "invis");
          dot_place_node (anchors[i], &spot, top);
        }
    }

  for (guint i = 0; i < geometry->nodes->len; i++)
    {
      ExtopoGeoNode *geo = &g_array_index (geometry->nodes, ExtopoGeoNode, i);
      Agraph_t *parent = geo->frame >= 0 && frame_graphs[geo->frame] != NULL
                         ? frame_graphs[geo->frame]
                         : graph;
      g_autofree char *name = g_strdup_printf ("server%u", i);
      Agnode_t *node = agnode (parent, name, TRUE);

      set_attr (node, "shape", "box");
      if (annotate && geo->server != NULL)
        {
          dot_set_text (node, "label", geo->server->name);
          dot_annotate_server (node, geo->server);
        }
      dot_place_node (node, &geo->box, top);
    }

  for (guint i = 0; i < geometry->edges->len; i++)
    {
      ExtopoGeoEdge *geo = &g_array_index (geometry->edges, ExtopoGeoEdge, i);
      g_autofree char *name = g_strdup_printf ("edge%u", i);
      g_autoptr(GString) pos = g_string_new (NULL);
      Agedge_t *edge;

      if (geo->tail_frame < 0 || geo->head_frame < 0 ||
          anchors[geo->tail_frame] == NULL || anchors[geo->head_frame] == NULL)
        continue;

      edge = agedge (graph, anchors[geo->tail_frame], anchors[geo->head_frame], name, TRUE);
      set_attr (edge, "dir", geo->arrow_at_start ? "both" : "forward");
      dot_set_text (edge, "label", geo->label);
      if (frame_graphs[geo->tail_frame] != NULL)
        set_attr (edge, "ltail", agnameof (frame_graphs[geo->tail_frame]));
      if (frame_graphs[geo->head_frame] != NULL)
        set_attr (edge, "lhead", agnameof (frame_graphs[geo->head_frame]));
      if (annotate && geo->connection != NULL && geo->connection->forward != NULL)
        {
          g_autofree char *cost = g_strdup_printf ("%u", geo->connection->forward->cost);

          set_attr (edge, "cost", cost);
          set_attr (edge, "type",
                    extopo_connector_type_to_string (geo->connection->forward->type));
        }
      for (guint k = 0; k < geo->n_points; k++)
        {
          g_autofree char *xy = format_point (geo->points[2 * k],
                                              top - geo->points[2 * k + 1], "");

          if (k > 0)
            g_string_append_c (pos, ' ');
          g_string_append (pos, xy);
        }
      set_attr (edge, "pos", pos->str);
    }

  return graph;
}

char *
extopo_layout_to_dot (ExtopoGeometry  *geometry,
                      GError         **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  Agraph_t *graph;
  int status;

  g_return_val_if_fail (geometry != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_mutex_lock (&graphviz_lock);
  get_graphviz_context ();
  graph = geometry_build_dot (geometry);
  status = agwrite (graph, out);
  agclose (graph);
  g_mutex_unlock (&graphviz_lock);

  if (status != 0)
    {
      g_set_error_literal (error, EXTOPO_LAYOUT_ERROR, EXTOPO_LAYOUT_ERROR_FAILED,
                           _("Graphviz could not write the diagram as DOT"));
      return NULL;
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}
