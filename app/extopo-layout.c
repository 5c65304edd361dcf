/* extopo-layout.c: the plan placed by Graphviz `dot`, and the layout's entry points.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The only file that includes Graphviz headers. It builds a graph from the
 * plan (extopo-layout-plan.c), runs `dot`, and copies the positions back
 * into the plan, so that nothing else reads Graphviz's structures. Plans
 * too big for `dot` are placed by extopo-layout-grid.c instead.
 */

#define G_LOG_DOMAIN "extopo-layout"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include <gvc.h>

#include "extopo-findings.h"
#include "extopo-layout-private.h"

/* `dot` runs network simplex for nslimit times the number of nodes
 * iterations, each costing time in proportion to the graph: above this many
 * groups, no more iterations than this many groups get. */
#define NSLIMIT_BLOCKS   2000


G_DEFINE_QUARK (extopo-layout-error-quark, extopo_layout_error)

/* cgraph and gvc keep global state and are not thread-safe, not even for reads. */
static GMutex graphviz_lock;
static GVC_t *graphviz_context;


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

/* The Graphviz objects of a plan, by index. */
typedef struct
{
  Agraph_t  *graph;
  Agraph_t **clusters;
  Agnode_t **blocks;
  Agedge_t **links;
  Agnode_t **stubs;
  Agedge_t **stub_edges;
} Dot;

static void
dot_clear (Dot *dot)
{
  g_clear_pointer (&dot->graph, agclose);
  g_clear_pointer (&dot->clusters, g_free);
  g_clear_pointer (&dot->blocks, g_free);
  g_clear_pointer (&dot->links, g_free);
  g_clear_pointer (&dot->stubs, g_free);
  g_clear_pointer (&dot->stub_edges, g_free);
}

/* Object IDs for cgraph in the order objects are made. cgraph's default
 * gives a named object (every cluster, node and link here) the address of
 * its interned name as ID, and keeps subgraphs in ID order: `dot` then met
 * the clusters in an order that depended on the heap, and the same
 * organization came out with other curves after other allocations (the
 * administrative view after the routing one, in the window or a test).
 * Named objects get even IDs, anonymous ones odd IDs, as cgraph expects. */
typedef struct
{
  GHashTable *by_name;   /* name -> ID */
  GHashTable *by_id;     /* ID -> name, owned */
  IDTYPE      next_named;
  IDTYPE      next_anonymous;
} DotIds;

static void *
dot_ids_open (Agraph_t *graph,
              Agdisc_t *disc)
{
  DotIds *ids = g_new0 (DotIds, 1);

  ids->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  ids->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  ids->next_named = 2;
  ids->next_anonymous = 1;

  return ids;
}

static long
dot_ids_map (void   *state,
             int     objtype,
             char   *name,
             IDTYPE *id,
             int     create)
{
  DotIds *ids = state;
  gpointer known;

  if (name == NULL)
    {
      *id = ids->next_anonymous;
      ids->next_anonymous += 2;
      return TRUE;
    }
  if (g_hash_table_lookup_extended (ids->by_name, name, NULL, &known))
    {
      *id = *(IDTYPE *) known;
      return TRUE;
    }
  if (!create)
    {
      *id = 0;     /* no object has it */
      return TRUE;
    }
  {
    gint64 *key = g_new (gint64, 1);
    char *copy = g_strdup (name);

    *key = (gint64) ids->next_named;
    ids->next_named += 2;
    g_hash_table_insert (ids->by_id, key, copy);
    g_hash_table_insert (ids->by_name, copy, key);
    *id = (IDTYPE) *key;
  }

  return TRUE;
}

static long
dot_ids_alloc (void   *state,
               int     objtype,
               IDTYPE  request)
{
  /* An ID chosen by the caller: only ever an unused named one. */
  DotIds *ids = state;
  gint64 key = (gint64) request;

  return request % 2 == 0 && !g_hash_table_contains (ids->by_id, &key);
}

static void
dot_ids_free (void   *state,
              int     objtype,
              IDTYPE  id)
{
  /* Names stay until the graph closes: another object may share one. */
}

static char *
dot_ids_print (void   *state,
               int     objtype,
               IDTYPE  id)
{
  DotIds *ids = state;
  gint64 key = (gint64) id;

  return id % 2 == 0 ? g_hash_table_lookup (ids->by_id, &key) : NULL;
}

static void
dot_ids_close (void *state)
{
  DotIds *ids = state;

  g_hash_table_unref (ids->by_name);
  g_hash_table_unref (ids->by_id);
  g_free (ids);
}

static void
dot_ids_register (void *state,
                  int   objtype,
                  void *object)
{
}

static Agiddisc_t dot_id_discipline = {
  dot_ids_open, dot_ids_map, dot_ids_alloc, dot_ids_free, dot_ids_print, dot_ids_close,
  dot_ids_register,
};

static Agdisc_t dot_discipline = { &AgMemDisc, &dot_id_discipline, &AgIoDisc };

/* Builds the graph. Called with graphviz_lock held. */
static void
dot_build (Dot  *dot,
           Plan *plan)
{
  Agraph_t *graph = agopen ((char *) "extopo", Agdirected, &dot_discipline);
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

  dot->graph = graph;
  dot->clusters = g_new0 (Agraph_t *, plan->clusters->len + 1);
  dot->blocks = g_new0 (Agnode_t *, plan->blocks->len + 1);
  dot->links = g_new0 (Agedge_t *, plan->links->len + 1);
  dot->stubs = g_new0 (Agnode_t *, plan->stubs->len + 1);
  dot->stub_edges = g_new0 (Agedge_t *, plan->stubs->len + 1);

  for (guint c = 0; c < plan->clusters->len; c++)
    {
      Cluster *cluster = &g_array_index (plan->clusters, Cluster, c);
      g_autofree char *name = g_strdup_printf ("cluster_%u", c);
      g_autofree char *label = NULL;

      dot->clusters[c] = agsubg (graph, name, TRUE);
      /* The label only reserves room for the title (and the interop tag),
       * drawn by the renderer in its own font. */
      label = g_strdup_printf ("%s%s", cluster->admin_group->name,
                               cluster->admin_group->interop ? " [Exchange 2007]" : "");
      agset (dot->clusters[c], (char *) "label", label);
      set_attr (dot->clusters[c], "labeljust", "l");
      set_attr (dot->clusters[c], "fontsize", "15");
      set_attr (dot->clusters[c], "margin", "12");
    }

  for (guint b = 0; b < plan->blocks->len; b++)
    {
      Block *block = &g_array_index (plan->blocks, Block, b);
      Agraph_t *parent = block->cluster >= 0 ? dot->clusters[block->cluster] : graph;
      g_autofree char *name = g_strdup_printf ("b%u", b);
      g_autofree char *width = format_inches (block->width);
      g_autofree char *height = format_inches (block->height);

      dot->blocks[b] = agnode (parent, name, TRUE);
      agxset (dot->blocks[b], width_sym, width);
      agxset (dot->blocks[b], height_sym, height);
    }

  for (guint l = 0; l < plan->links->len; l++)
    {
      Link *link = &g_array_index (plan->links, Link, l);
      Agnode_t *tail = dot->blocks[link->tail], *head = dot->blocks[link->head];
      g_autofree char *name = g_strdup_printf ("e%u", l);
      Agedge_t *edge;

      if (link->straight)
        continue;
      if (link->upwards)
        edge = dot->links[l] = agedge (graph, head, tail, name, TRUE);
      else
        edge = dot->links[l] = agedge (graph, tail, head, name, TRUE);
      if (link->connection->two_way)
        set_attr (edge, "dir", "both");
      else if (link->upwards)
        set_attr (edge, "dir", "back");
      if (link->flat)
        set_attr (edge, "constraint", "false");
      if (link->beside)
        set_attr (edge, "minlen", "0");
      else if (link->minlen > 1)
        {
          g_autofree char *minlen = g_strdup_printf ("%u", link->minlen);

          set_attr (edge, "minlen", minlen);
        }
    }

  /* Big graphs: every extra node costs `dot` a share of a second; the tags
   * are placed by hand below their groups, in the gap between ranks. */
  for (guint i = 0; !big && i < plan->stubs->len; i++)
    {
      Stub *stub = &g_array_index (plan->stubs, Stub, i);
      Block *tail = &g_array_index (plan->blocks, Block, stub->tail);
      Agraph_t *parent = tail->cluster >= 0 ? dot->clusters[tail->cluster] : graph;
      g_autofree char *name = g_strdup_printf ("s%u", i);
      g_autofree char *width = format_inches (stub->width);
      g_autofree char *height = format_inches (STUB_HEIGHT);

      /* In the tail's cluster: a rank constraint across clusters can upset dot. */
      dot->stubs[i] = agnode (parent, name, TRUE);
      agxset (dot->stubs[i], width_sym, width);
      agxset (dot->stubs[i], height_sym, height);
      dot->stub_edges[i] = agedge (graph, dot->blocks[stub->tail], dot->stubs[i], NULL, TRUE);
    }
}

/* Lays out groups nobody connects to in rows of their own, chained by
 * invisible edges, so they do not all end up in one very wide rank. */
static void
dot_chain_isolated (Dot  *dot,
                    Plan *plan)
{
  g_autofree gboolean *linked = g_new0 (gboolean, plan->blocks->len);
  g_autoptr(GArray) isolated = g_array_new (FALSE, FALSE, sizeof (guint));
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
      g_array_append_val (isolated, b);

  if (isolated->len < 4)
    return;

  chain = (guint) ceil (sqrt (isolated->len / 2.0));
  for (guint i = 0; i + 1 < isolated->len; i++)
    {
      guint a = g_array_index (isolated, guint, i);
      guint b = g_array_index (isolated, guint, i + 1);
      Agedge_t *edge;

      /* Only within one cluster: an edge across clusters would drag them. */
      if ((i + 1) % chain == 0 ||
          g_array_index (plan->blocks, Block, a).cluster !=
          g_array_index (plan->blocks, Block, b).cluster)
        continue;
      edge = agedge (dot->graph, dot->blocks[a], dot->blocks[b], NULL, TRUE);
      set_attr (edge, "style", "invis");
      set_attr (edge, "dir", "none");
    }
}

/* The path `dot` gave an edge, with the pieces to its arrowheads, in cairo
 * orientation (Graphviz's y grows upwards); NULL when it gave none. */
static GArray *
dot_read_path (Agedge_t *edge,
               double    top)
{
  splines *spl = edge != NULL ? ED_spl (edge) : NULL;
  bezier *bz;
  GArray *points;

  if (spl == NULL || spl->size == 0 || spl->list[0].size < 4)
    return NULL;

  bz = &spl->list[0];
  points = g_array_new (FALSE, FALSE, sizeof (double));
  if (bz->sflag)
    extopo_path_append_point (points, bz->sp.x, top - bz->sp.y);
  for (int i = 0; i < bz->size; i++)
    {
      if (i == 0 && bz->sflag)
        extopo_path_append_line (points, bz->list[0].x, top - bz->list[0].y);
      else
        extopo_path_append_point (points, bz->list[i].x, top - bz->list[i].y);
    }
  if (bz->eflag)
    extopo_path_append_line (points, bz->ep.x, top - bz->ep.y);

  return points;
}

static void
dot_collect_clusters (Agraph_t   *graph,
                      GHashTable *laid_out)
{
  /* GD_clust is 1-based. */
  for (int i = 1; i <= GD_n_cluster (graph); i++)
    {
      Agraph_t *sub = GD_clust (graph)[i];

      g_hash_table_add (laid_out, sub);
      dot_collect_clusters (sub, laid_out);
    }
}

/* Reads what `dot` placed into the plan. Called with graphviz_lock held. */
static void
dot_read_positions (Dot  *dot,
                    Plan *plan)
{
  double top = GD_bb (dot->graph).UR.y;
  g_autoptr(GHashTable) laid_out = g_hash_table_new (NULL, NULL);

  dot_collect_clusters (dot->graph, laid_out);
  for (guint c = 0; c < plan->clusters->len; c++)
    {
      Cluster *cluster = &g_array_index (plan->clusters, Cluster, c);
      boxf bb;

      if (!g_hash_table_contains (laid_out, dot->clusters[c]))
        continue;
      bb = GD_bb (dot->clusters[c]);
      cluster->placed = TRUE;
      cluster->box.x = bb.LL.x;
      cluster->box.y = top - bb.UR.y;
      cluster->box.width = bb.UR.x - bb.LL.x;
      cluster->box.height = bb.UR.y - bb.LL.y;
    }

  for (guint b = 0; b < plan->blocks->len; b++)
    {
      Block *block = &g_array_index (plan->blocks, Block, b);
      pointf centre = ND_coord (dot->blocks[b]);

      block->cx = centre.x;
      block->cy = top - centre.y;
    }

  for (guint l = 0; l < plan->links->len; l++)
    g_array_index (plan->links, Link, l).path = dot_read_path (dot->links[l], top);

  for (guint i = 0; i < plan->stubs->len; i++)
    {
      Stub *stub = &g_array_index (plan->stubs, Stub, i);
      pointf centre;

      if (dot->stubs[i] == NULL)
        continue;
      centre = ND_coord (dot->stubs[i]);
      stub->placed = TRUE;
      stub->cx = centre.x;
      stub->cy = top - centre.y;
      stub->path = dot_read_path (dot->stub_edges[i], top);
    }
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

/* Places the plan with `dot`. */
static gboolean
dot_place (Plan          *plan,
           GCancellable  *cancellable,
           GError       **error)
{
  Dot dot = { NULL };
  GVC_t *gvc;
  gboolean placed = FALSE;
  int status;

  g_mutex_lock (&graphviz_lock);

  if (check_cancelled (cancellable, error))
    {
      g_mutex_unlock (&graphviz_lock);
      return FALSE;
    }

  gvc = get_graphviz_context ();
  dot_build (&dot, plan);
  dot_chain_isolated (&dot, plan);
  status = gvLayout (gvc, dot.graph, "dot");

  if (status != 0)
    {
      /* Should our rank constraints ever upset `dot` (it can refuse some
       * across clusters), lay out again and let it rank on its own. */
      g_warning ("dot refused the chosen ranks for “%s”; laying out without them",
                 extopo_model_get_source_name (plan->model));
      dot_clear (&dot);
      extopo_plan_drop_ranks (plan);
      dot_build (&dot, plan);
      status = gvLayout (gvc, dot.graph, "dot");
    }

  if (status != 0)
    g_set_error (error, EXTOPO_LAYOUT_ERROR, EXTOPO_LAYOUT_ERROR_FAILED,
                 _("Graphviz could not lay out “%s”"),
                 extopo_model_get_source_name (plan->model));
  else if (!check_cancelled (cancellable, error))
    {
      dot_read_positions (&dot, plan);
      placed = TRUE;
    }

  if (status == 0)
    gvFreeLayout (gvc, dot.graph);
  dot_clear (&dot);

  g_mutex_unlock (&graphviz_lock);

  return placed;
}

ExtopoGeometry *
extopo_layout_compute (ExtopoModel                *model,
                       const ExtopoLayoutOptions  *options,
                       GCancellable               *cancellable,
                       GError                    **error)
{
  g_autoptr(Plan) plan = NULL;
  ExtopoGeometry *geometry;

  g_return_val_if_fail (EXTOPO_IS_MODEL (model), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (check_cancelled (cancellable, error))
    return NULL;

  plan = extopo_plan_new (model, options);
  extopo_plan_build (plan);

  if (plan->blocks->len == 0)
    {
      /* Nothing to lay out: an empty drawing, not an error. */
      geometry = extopo_geometry_new (model, plan->view);

      extopo_geometry_finish (geometry);
      return geometry;
    }

  if (extopo_plan_is_big (plan))
    extopo_plan_place_grid (plan);
  else if (!dot_place (plan, cancellable, error))
    return NULL;
  else
    extopo_plan_repack (plan);

  if (check_cancelled (cancellable, error))
    return NULL;

  geometry = extopo_plan_read_geometry (plan);
  g_debug ("laid out %u groups for %.2f : 1: %.0f x %.0f pt (%.2f : 1)", plan->blocks->len,
           plan->aspect, geometry->bounds.width, geometry->bounds.height,
           geometry->bounds.width / MAX (geometry->bounds.height, 1.0));

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
  g_clear_pointer (&data->options.ghosts, g_ptr_array_unref);
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
  data->options.aspect = options != NULL ? options->aspect : 0;
  /* Copied on the caller's thread, which owns the set. */
  data->options.collapsed = extopo_plan_copy_string_set (options != NULL ? options->collapsed : NULL);
  /* Read-only once made: shared with the worker. */
  if (options != NULL && options->ghosts != NULL)
    data->options.ghosts = g_ptr_array_ref (options->ghosts);

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
