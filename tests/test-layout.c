/* test-layout.c: the model laid out by dot and read back as geometry.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-layout"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "extopo-dot-writer.h"
#include "extopo-layout.h"
#include "extopo-ldif-reader.h"
#include "extopo-loader.h"

#include "test-util.h"

#define ORG_DN "CN=Test,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=example,DC=com"
#define AGS_DN "CN=Administrative Groups," ORG_DN
#define INTEROP_AG "Exchange Administrative Group (FYDIBOHF23SPDLT)"
#define INTEROP_RG "Exchange Routing Group (DWBGZMFD01QNBJR)"

/* A small organization written as LDIF, as the loader reads it. */
typedef struct
{
  GString *ldif;
} Org;

static void
org_entry (Org        *org,
           const char *dn,
           const char *object_class,
           const char *more)
{
  g_string_append_printf (org->ldif, "dn: %s\nobjectClass: top\nobjectClass: %s\n%s\n",
                          dn, object_class, more != NULL ? more : "");
}

static Org *
org_new (void)
{
  Org *org = g_new0 (Org, 1);

  org->ldif = g_string_new ("version: 1\n\n");
  org_entry (org, ORG_DN, "msExchOrganizationContainer", "msExchMixedMode: FALSE\n");
  org_entry (org, AGS_DN, "msExchAdminGroupContainer", NULL);

  return org;
}

static void
org_free (Org *org)
{
  g_string_free (org->ldif, TRUE);
  g_free (org);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Org, org_free)

static char *
ag_dn (const char *ag)
{
  return g_strdup_printf ("CN=%s," AGS_DN, ag);
}

static char *
rg_dn (const char *ag,
       const char *rg)
{
  return g_strdup_printf ("CN=%s,CN=Routing Groups,CN=%s," AGS_DN, rg, ag);
}

static void
org_add_admin_group (Org        *org,
                     const char *ag)
{
  g_autofree char *dn = ag_dn (ag);
  g_autofree char *servers = g_strdup_printf ("CN=Servers,%s", dn);
  g_autofree char *groups = g_strdup_printf ("CN=Routing Groups,%s", dn);

  org_entry (org, dn, "msExchAdminGroup", NULL);
  org_entry (org, servers, "msExchServersContainer", NULL);
  org_entry (org, groups, "msExchRoutingGroupContainer", NULL);
}

static void
org_add_routing_group (Org        *org,
                       const char *ag,
                       const char *rg)
{
  g_autofree char *dn = rg_dn (ag, rg);
  g_autofree char *connections = g_strdup_printf ("CN=Connections,%s", dn);

  org_entry (org, dn, "msExchRoutingGroup", NULL);
  org_entry (org, connections, "msExchConnectors", NULL);
}

/* @count servers named PREFIX-1.. in @ag, homed in @rg. */
static void
org_add_servers (Org        *org,
                 const char *ag,
                 const char *rg,
                 const char *prefix,
                 guint       count)
{
  g_autofree char *home = rg_dn (ag, rg);
  gboolean e2007 = g_str_equal (ag, INTEROP_AG);

  for (guint i = 1; i <= count; i++)
    {
      g_autofree char *dn = g_strdup_printf ("CN=%s-%u,CN=Servers,CN=%s," AGS_DN, prefix, i, ag);
      g_autofree char *more = NULL;

      more = g_strdup_printf ("serialNumber: %s\nmsExchHomeRoutingGroup: %s\n%s",
                              e2007 ? "Version 8.1 (Build 30240.6)"
                                    : "Version 6.5 (Build 7638.2: Service Pack 2)",
                              home, e2007 ? "msExchCurrentServerRoles: 54\n" : "");
      g_string_append_printf (org->ldif,
                              "dn: %s\nobjectClass: top\nobjectClass: server\n"
                              "objectClass: msExchExchangeServer\n%s\n", dn, more);
    }
}

static void
org_add_connector (Org        *org,
                   const char *ag,
                   const char *from,
                   const char *to_ag,
                   const char *to,
                   guint       cost)
{
  g_autofree char *source = rg_dn (ag, from);
  g_autofree char *target = rg_dn (to_ag, to);
  g_autofree char *dn = g_strdup_printf ("CN=%s to %s,CN=Connections,%s", from, to, source);
  g_autofree char *more = g_strdup_printf ("msExchDestinationRGDN: %s\ncost: %u\n", target, cost);

  org_entry (org, dn, "msExchRoutingGroupConnector", more);
}

static ExtopoModel *
org_load (Org *org)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  ExtopoModel *model;

  entries = extopo_ldif_read_data (org->ldif->str, org->ldif->len, "test.ldif", NULL, &error);
  g_assert_no_error (error);
  model = extopo_loader_load_entries (entries, "test.ldif", &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);

  return model;
}

/*   Headquarters: Seattle (3 servers) <-> Dallas (5), Dallas -> Boston (one-way)
 *   Branch:       Boston (10 servers), Lonely (no servers, no connectors)
 *   FYDIBOHF23SPDLT: DWBGZMFD01QNBJR (4 servers) <-> Seattle */
static ExtopoModel *
build_org (void)
{
  g_autoptr(Org) org = org_new ();

  org_add_admin_group (org, "Headquarters");
  org_add_admin_group (org, "Branch");
  org_add_admin_group (org, INTEROP_AG);
  org_add_routing_group (org, "Headquarters", "Seattle");
  org_add_routing_group (org, "Headquarters", "Dallas");
  org_add_routing_group (org, "Branch", "Boston");
  org_add_routing_group (org, "Branch", "Lonely");
  org_add_routing_group (org, INTEROP_AG, INTEROP_RG);
  org_add_servers (org, "Headquarters", "Seattle", "SEA", 3);
  org_add_servers (org, "Headquarters", "Dallas", "DAL", 5);
  org_add_servers (org, "Branch", "Boston", "BOS", 10);
  org_add_servers (org, INTEROP_AG, INTEROP_RG, "EX2007", 4);
  org_add_connector (org, "Headquarters", "Seattle", "Headquarters", "Dallas", 10);
  org_add_connector (org, "Headquarters", "Dallas", "Headquarters", "Seattle", 10);
  org_add_connector (org, "Headquarters", "Dallas", "Branch", "Boston", 5);
  org_add_connector (org, "Headquarters", "Seattle", INTEROP_AG, INTEROP_RG, 1);
  org_add_connector (org, INTEROP_AG, INTEROP_RG, "Headquarters", "Seattle", 1);

  return org_load (org);
}

static ExtopoGeometry *
layout (ExtopoModel *model,
        ExtopoView   view,
        GHashTable  *collapsed)
{
  ExtopoLayoutOptions options = { view, collapsed };
  g_autoptr(GError) error = NULL;
  ExtopoGeometry *geometry;

  geometry = extopo_layout_compute (model, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (geometry);

  return geometry;
}

static gboolean
rect_inside (const ExtopoRect *inner,
             const ExtopoRect *outer)
{
  return inner->x >= outer->x - 0.01 && inner->y >= outer->y - 0.01 &&
         inner->x + inner->width <= outer->x + outer->width + 0.01 &&
         inner->y + inner->height <= outer->y + outer->height + 0.01;
}

static gboolean
rects_overlap (const ExtopoRect *a,
               const ExtopoRect *b)
{
  return a->x < b->x + b->width && b->x < a->x + a->width &&
         a->y < b->y + b->height && b->y < a->y + a->height;
}

static int
find_frame (ExtopoGeometry *geometry,
            gpointer        object)
{
  for (guint i = 0; i < geometry->frames->len; i++)
    if (g_array_index (geometry->frames, ExtopoGeoFrame, i).object == object)
      return i;

  return -1;
}

static ExtopoRoutingGroup *
lookup_group (ExtopoModel *model,
              const char  *ag,
              const char  *rg)
{
  g_autofree char *dn = rg_dn (ag, rg);
  ExtopoRoutingGroup *group = extopo_model_lookup_routing_group (model, dn);

  g_assert_nonnull (group);

  return group;
}

static void
test_routing_clusters (void)
{
  g_autoptr(ExtopoModel) model = build_org ();
  g_autoptr(ExtopoGeometry) geometry = layout (model, EXTOPO_VIEW_ROUTING, NULL);
  GPtrArray *groups = extopo_model_get_routing_groups (model);
  guint interop_frames = 0;

  g_assert_cmpint (geometry->view, ==, EXTOPO_VIEW_ROUTING);
  g_assert_true (geometry->model == model);
  g_assert_cmpuint (geometry->nodes->len, ==, extopo_model_get_servers (model)->len);
  g_assert_cmpuint (geometry->nodes->len, ==, 22);

  /* Every routing group is a frame, the one without connectors too. */
  g_assert_cmpuint (geometry->frames->len, ==, groups->len);
  for (guint i = 0; i < groups->len; i++)
    g_assert_cmpint (find_frame (geometry, g_ptr_array_index (groups, i)), >=, 0);

  for (guint i = 0; i < geometry->frames->len; i++)
    {
      ExtopoGeoFrame *frame = &g_array_index (geometry->frames, ExtopoGeoFrame, i);

      g_assert_cmpint (frame->kind, ==, EXTOPO_OBJECT_ROUTING_GROUP);
      g_assert_false (frame->collapsed);
      g_assert_true (rect_inside (&frame->label_box, &frame->box));
      g_assert_true (rect_inside (&frame->box, &geometry->bounds));
      interop_frames += frame->interop;
      for (guint j = i + 1; j < geometry->frames->len; j++)
        g_assert_false (rects_overlap (&frame->box,
                                       &g_array_index (geometry->frames, ExtopoGeoFrame, j).box));
    }
  g_assert_cmpuint (interop_frames, ==, 1);

  /* Every server sits inside its own routing group's frame, below its title. */
  for (guint i = 0; i < geometry->nodes->len; i++)
    {
      ExtopoGeoNode *node = &g_array_index (geometry->nodes, ExtopoGeoNode, i);
      ExtopoGeoFrame *frame;

      g_assert_cmpint (node->frame, >=, 0);
      frame = &g_array_index (geometry->frames, ExtopoGeoFrame, node->frame);
      g_assert_true (frame->object == node->server->routing_group);
      g_assert_true (rect_inside (&node->box, &frame->box));
      g_assert_false (rects_overlap (&node->box, &frame->label_box));
      for (guint j = i + 1; j < geometry->nodes->len; j++)
        g_assert_false (rects_overlap (&node->box,
                                       &g_array_index (geometry->nodes, ExtopoGeoNode, j).box));
    }

  /* Three connections: two two-way pairs and a one-way connector. */
  g_assert_cmpuint (geometry->edges->len, ==, 3);
  for (guint i = 0; i < geometry->edges->len; i++)
    {
      ExtopoGeoEdge *edge = &g_array_index (geometry->edges, ExtopoGeoEdge, i);

      g_assert_cmpuint ((edge->n_points - 1) % 3, ==, 0);
      g_assert_nonnull (edge->label);
      g_assert_true (g_str_has_prefix (edge->label, "cost "));
      g_assert_cmpint (edge->tail_frame, >=, 0);
      g_assert_cmpint (edge->head_frame, >=, 0);
    }
}

static void
test_admin_view (void)
{
  g_autoptr(ExtopoModel) model = build_org ();
  g_autoptr(ExtopoGeometry) geometry = layout (model, EXTOPO_VIEW_ADMIN, NULL);
  GPtrArray *admin_groups = extopo_model_get_admin_groups (model);
  guint n_admin = 0, n_routing = 0;

  g_assert_cmpint (geometry->view, ==, EXTOPO_VIEW_ADMIN);
  g_assert_cmpuint (geometry->nodes->len, ==, 22);

  for (guint i = 0; i < geometry->frames->len; i++)
    {
      ExtopoGeoFrame *frame = &g_array_index (geometry->frames, ExtopoGeoFrame, i);

      if (frame->kind == EXTOPO_OBJECT_ADMIN_GROUP)
        {
          n_admin++;
          g_assert_cmpint (frame->parent, ==, -1);
          g_assert_cmpuint (frame->depth, ==, 0);
          g_assert_cmpint (frame->interop, ==,
                           g_str_equal (frame->label, INTEROP_AG));
          for (guint j = 0; j < geometry->frames->len; j++)
            {
              ExtopoGeoFrame *other = &g_array_index (geometry->frames, ExtopoGeoFrame, j);

              if (j != i && other->kind == EXTOPO_OBJECT_ADMIN_GROUP)
                g_assert_false (rects_overlap (&frame->box, &other->box));
            }
        }
      else
        {
          ExtopoRoutingGroup *group = frame->object;
          ExtopoGeoFrame *parent;

          n_routing++;
          /* Routing group frames come after, inside their admin group's. */
          g_assert_cmpint (frame->parent, >=, 0);
          g_assert_cmpint (frame->parent, <, (int) i);
          g_assert_cmpuint (frame->depth, ==, 1);
          parent = &g_array_index (geometry->frames, ExtopoGeoFrame, frame->parent);
          g_assert_cmpint (parent->kind, ==, EXTOPO_OBJECT_ADMIN_GROUP);
          g_assert_true (parent->object == group->admin_group);
          g_assert_true (rect_inside (&frame->box, &parent->box));
          g_assert_false (rects_overlap (&frame->box, &parent->label_box));
        }
    }
  g_assert_cmpuint (n_admin, ==, admin_groups->len);
  g_assert_cmpuint (n_routing, ==, extopo_model_get_routing_groups (model)->len);

  for (guint i = 0; i < geometry->nodes->len; i++)
    {
      ExtopoGeoNode *node = &g_array_index (geometry->nodes, ExtopoGeoNode, i);
      int admin_frame = find_frame (geometry, node->server->admin_group);

      g_assert_cmpint (admin_frame, >=, 0);
      g_assert_true (rect_inside (&node->box, &g_array_index (geometry->frames, ExtopoGeoFrame,
                                                              admin_frame).box));
    }
}

static void
test_large_group_grid (void)
{
  g_autoptr(Org) org = org_new ();
  g_autoptr(ExtopoModel) model = NULL;
  g_autoptr(ExtopoGeometry) geometry = NULL;
  ExtopoGeoFrame *frame;
  double aspect;

  org_add_admin_group (org, "Big");
  org_add_routing_group (org, "Big", "Everything");
  org_add_servers (org, "Big", "Everything", "SRV", 500);
  model = org_load (org);
  geometry = layout (model, EXTOPO_VIEW_ROUTING, NULL);

  g_assert_cmpuint (geometry->frames->len, ==, 1);
  g_assert_cmpuint (geometry->nodes->len, ==, 500);
  frame = &g_array_index (geometry->frames, ExtopoGeoFrame, 0);
  g_assert_cmpuint (frame->n_servers, ==, 500);

  /* A grid, not one 500-wide row. */
  aspect = frame->box.width / frame->box.height;
  g_test_message ("500 servers: %.0f x %.0f pt", frame->box.width, frame->box.height);
  g_assert_cmpfloat (aspect, >=, 0.25);
  g_assert_cmpfloat (aspect, <=, 4.0);
  for (guint i = 0; i < geometry->nodes->len; i++)
    g_assert_true (rect_inside (&g_array_index (geometry->nodes, ExtopoGeoNode, i).box,
                                &frame->box));
}

/* RG1 <-> RG2 <-> ... <-> RG200, five servers each: one rank per group
 * would draw a thin line 200 groups tall; the chain must fold. */
static void
test_long_chain (void)
{
  g_autoptr(Org) org = org_new ();
  g_autoptr(ExtopoModel) model = NULL;
  g_autoptr(ExtopoGeometry) geometry = NULL;
  const guint n = 200;
  double aspect;

  org_add_admin_group (org, "Chain");
  for (guint i = 1; i <= n; i++)
    {
      g_autofree char *rg = g_strdup_printf ("RG%u", i);

      org_add_routing_group (org, "Chain", rg);
      org_add_servers (org, "Chain", rg, rg, 5);
    }
  for (guint i = 1; i < n; i++)
    {
      g_autofree char *a = g_strdup_printf ("RG%u", i);
      g_autofree char *b = g_strdup_printf ("RG%u", i + 1);

      org_add_connector (org, "Chain", a, "Chain", b, 1);
      org_add_connector (org, "Chain", b, "Chain", a, 1);
    }
  model = org_load (org);
  geometry = layout (model, EXTOPO_VIEW_ROUTING, NULL);

  g_assert_cmpuint (geometry->nodes->len, ==, 5 * n);
  g_assert_cmpuint (geometry->edges->len, ==, n - 1);
  aspect = geometry->bounds.width / geometry->bounds.height;
  g_test_message ("chain of %u groups: %.0f x %.0f pt", n,
                  geometry->bounds.width, geometry->bounds.height);
  g_assert_cmpfloat (aspect, >=, 0.25);
  g_assert_cmpfloat (aspect, <=, 4.0);

  for (guint i = 0; i < geometry->frames->len; i++)
    for (guint j = i + 1; j < geometry->frames->len; j++)
      {
        ExtopoGeoFrame *a = &g_array_index (geometry->frames, ExtopoGeoFrame, i);
        ExtopoGeoFrame *b = &g_array_index (geometry->frames, ExtopoGeoFrame, j);

        if (a->depth == b->depth)
          g_assert_false (rects_overlap (&a->box, &b->box));
      }
}

static gboolean
point_on_border (const ExtopoRect *box,
                 double            x,
                 double            y)
{
  gboolean inside = x >= box->x - 1 && x <= box->x + box->width + 1 &&
                    y >= box->y - 1 && y <= box->y + box->height + 1;
  gboolean on_edge = fabs (x - box->x) < 1 || fabs (x - box->x - box->width) < 1 ||
                     fabs (y - box->y) < 1 || fabs (y - box->y - box->height) < 1;

  return inside && on_edge;
}

/* What any placement must give: every server once, inside its frame, no
 * two boxes (or frames of one depth) overlapping, groups inside their
 * administrative group, edges from border to border. */
static void
assert_placement_sound (ExtopoGeometry *geometry,
                        guint           n_servers)
{
  g_autoptr(GHashTable) placed = g_hash_table_new (NULL, NULL);

  g_assert_cmpuint (geometry->nodes->len, ==, n_servers);
  for (guint i = 0; i < geometry->nodes->len; i++)
    {
      ExtopoGeoNode *node = &g_array_index (geometry->nodes, ExtopoGeoNode, i);

      g_assert_true (g_hash_table_add (placed, node->server));
      g_assert_cmpint (node->frame, >=, 0);
      g_assert_true (rect_inside (&node->box,
                                  &g_array_index (geometry->frames, ExtopoGeoFrame,
                                                  node->frame).box));
    }

  for (guint i = 0; i < geometry->nodes->len; i++)
    {
      ExtopoRect *a = &g_array_index (geometry->nodes, ExtopoGeoNode, i).box;

      for (guint j = i + 1; j < geometry->nodes->len; j++)
        {
          ExtopoRect *b = &g_array_index (geometry->nodes, ExtopoGeoNode, j).box;

          if (rects_overlap (a, b))
            g_error ("servers %u and %u overlap", i, j);
        }
    }

  for (guint i = 0; i < geometry->frames->len; i++)
    {
      ExtopoGeoFrame *a = &g_array_index (geometry->frames, ExtopoGeoFrame, i);

      if (a->parent >= 0)
        g_assert_true (rect_inside (&a->box, &g_array_index (geometry->frames, ExtopoGeoFrame,
                                                             a->parent).box));
      for (guint j = i + 1; j < geometry->frames->len; j++)
        {
          ExtopoGeoFrame *b = &g_array_index (geometry->frames, ExtopoGeoFrame, j);

          if (a->depth == b->depth && rects_overlap (&a->box, &b->box))
            g_error ("frames “%s” and “%s” overlap", a->label, b->label);
        }
    }

  for (guint i = 0; i < geometry->edges->len; i++)
    {
      ExtopoGeoEdge *edge = &g_array_index (geometry->edges, ExtopoGeoEdge, i);
      guint last = edge->n_points - 1;

      g_assert_cmpint (edge->tail_frame, >=, 0);
      g_assert_true (point_on_border (&g_array_index (geometry->frames, ExtopoGeoFrame,
                                                      edge->tail_frame).box,
                                      edge->points[0], edge->points[1]));
      if (edge->head_frame >= 0)
        g_assert_true (point_on_border (&g_array_index (geometry->frames, ExtopoGeoFrame,
                                                        edge->head_frame).box,
                                        edge->points[2 * last], edge->points[2 * last + 1]));
    }
}

static ExtopoGeometry *
layout_for_aspect (ExtopoModel *model,
                   ExtopoView   view,
                   double       aspect)
{
  ExtopoLayoutOptions options = { .view = view, .aspect = aspect };
  g_autoptr(GError) error = NULL;
  ExtopoGeometry *geometry = extopo_layout_compute (model, &options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (geometry);

  return geometry;
}

/* Beyond a thousand groups the layout places the plan itself, in time
 * proportional to it: the drawing must be as sound as `dot`'s, and shaped
 * for a screen or a page in both views. */
/* Many small families: a hub, 200 regional groups, ten branches each.
 * Ranked family by family, the k-th branch of every region shared one
 * rank, ten rows of 200 groups: a strip 14 times wider than high. */
static void
test_big_grid_families (void)
{
  g_autoptr(Org) org = org_new ();
  g_autoptr(ExtopoModel) model = NULL;
  g_autoptr(ExtopoGeometry) geometry = NULL;
  const guint n_regions = 200, per_region = 10;
  double aspect;

  org_add_admin_group (org, "AG");
  org_add_routing_group (org, "AG", "Hub");
  org_add_servers (org, "AG", "Hub", "HUB", 1);
  for (guint r = 0; r < n_regions; r++)
    {
      g_autofree char *region = g_strdup_printf ("Region%03u", r);

      org_add_routing_group (org, "AG", region);
      org_add_servers (org, "AG", region, region, 1);
      org_add_connector (org, "AG", "Hub", "AG", region, 1);
      for (guint b = 0; b < per_region; b++)
        {
          g_autofree char *branch = g_strdup_printf ("Branch%03u-%u", r, b);

          org_add_routing_group (org, "AG", branch);
          org_add_servers (org, "AG", branch, branch, 1);
          org_add_connector (org, "AG", region, "AG", branch, 1);
        }
    }
  model = org_load (org);
  geometry = layout (model, EXTOPO_VIEW_ROUTING, NULL);
  aspect = geometry->bounds.width / geometry->bounds.height;

  g_test_message ("%.0f x %.0f pt", geometry->bounds.width, geometry->bounds.height);
  assert_placement_sound (geometry, 1 + n_regions * (1 + per_region));
  g_assert_cmpfloat (aspect, >=, 0.5);
  g_assert_cmpfloat (aspect, <=, 2.0);

  /* A tall window and a wide one: the drawing takes their shape. */
  for (guint i = 0; i < 2; i++)
    {
      const double aims[] = { 0.7, 2.5 };
      g_autoptr(ExtopoGeometry) shaped = layout_for_aspect (model, EXTOPO_VIEW_ROUTING, aims[i]);
      double shape = shaped->bounds.width / shaped->bounds.height;

      g_test_message ("for %.1f : 1, %.0f x %.0f pt (%.2f : 1)", aims[i],
                      shaped->bounds.width, shaped->bounds.height, shape);
      assert_placement_sound (shaped, 1 + n_regions * (1 + per_region));
      g_assert_cmpfloat (fabs (log (shape / aims[i])), <, log (1.3));
    }
}

static void
test_big_grid (void)
{
  g_autoptr(Org) org = org_new ();
  g_autoptr(ExtopoModel) model = NULL;
  const guint n_ags = 24, per_ag = 50, servers = 2;
  guint n_links = 0;

  for (guint a = 0; a < n_ags; a++)
    {
      g_autofree char *ag = g_strdup_printf ("AG%02u", a);

      org_add_admin_group (org, ag);
      for (guint r = 0; r < per_ag; r++)
        {
          g_autofree char *rg = g_strdup_printf ("RG%02u-%02u", a, r);

          org_add_routing_group (org, ag, rg);
          org_add_servers (org, ag, rg, rg, servers);
        }
    }
  /* A spanning tree of each group's routing groups, a few cross links and
   * links between administrative groups; some groups left alone. */
  for (guint a = 0; a < n_ags; a++)
    {
      g_autofree char *ag = g_strdup_printf ("AG%02u", a);
      g_autofree char *next_ag = g_strdup_printf ("AG%02u", (a + 1) % n_ags);

      for (guint r = 1; r < per_ag - 5; r++)
        {
          g_autofree char *rg = g_strdup_printf ("RG%02u-%02u", a, r);
          g_autofree char *parent = g_strdup_printf ("RG%02u-%02u", a, (r - 1) / 3);

          org_add_connector (org, ag, parent, ag, rg, 1);
          n_links++;
          if (r % 7 == 0)
            {
              g_autofree char *other = g_strdup_printf ("RG%02u-%02u", a, (r * 5) % (per_ag - 5));

              if (!g_str_equal (other, rg))
                {
                  org_add_connector (org, ag, rg, ag, other, 10);
                  n_links++;
                }
            }
        }
      {
        g_autofree char *from = g_strdup_printf ("RG%02u-01", a);
        g_autofree char *to = g_strdup_printf ("RG%02u-02", (a + 1) % n_ags);

        org_add_connector (org, ag, from, next_ag, to, 100);
        n_links++;
      }
    }
  model = org_load (org);

  for (ExtopoView view = EXTOPO_VIEW_ROUTING; view <= EXTOPO_VIEW_ADMIN; view++)
    {
      g_autoptr(ExtopoGeometry) geometry = layout (model, view, NULL);
      double aspect = geometry->bounds.width / geometry->bounds.height;

      g_test_message ("%s view: %.0f x %.0f pt, %u edges",
                      view == EXTOPO_VIEW_ADMIN ? "admin" : "routing",
                      geometry->bounds.width, geometry->bounds.height, geometry->edges->len);
      assert_placement_sound (geometry, n_ags * per_ag * servers);
      g_assert_cmpuint (geometry->edges->len, ==, n_links);
      g_assert_cmpuint (geometry->frames->len, ==,
                        n_ags * per_ag + (view == EXTOPO_VIEW_ADMIN ? n_ags : 0));
      g_assert_cmpfloat (aspect, >=, 0.5);
      g_assert_cmpfloat (aspect, <=, 2.0);
    }
}

static void
test_collapsed (void)
{
  g_autoptr(ExtopoModel) model = build_org ();
  g_autoptr(GHashTable) collapsed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(ExtopoGeometry) geometry = NULL;
  g_autoptr(ExtopoGeometry) admin = NULL;
  ExtopoRoutingGroup *dallas = lookup_group (model, "Headquarters", "Dallas");
  ExtopoRoutingGroup *boston = lookup_group (model, "Branch", "Boston");
  ExtopoGeoFrame *frame;
  ExtopoRect box;
  int index;

  g_hash_table_add (collapsed, dallas->ndn);
  geometry = layout (model, EXTOPO_VIEW_ROUTING, collapsed);

  index = find_frame (geometry, dallas);
  g_assert_cmpint (index, >=, 0);
  frame = &g_array_index (geometry->frames, ExtopoGeoFrame, index);
  g_assert_true (frame->collapsed);
  g_assert_cmpuint (frame->n_servers, ==, 5);
  g_assert_false (g_array_index (geometry->frames, ExtopoGeoFrame,
                                 find_frame (geometry, boston)).collapsed);

  /* Its servers are not drawn, but can still be found: where the group is. */
  g_assert_cmpuint (geometry->nodes->len, ==, 22 - 5);
  for (guint i = 0; i < geometry->nodes->len; i++)
    g_assert_true (g_array_index (geometry->nodes, ExtopoGeoNode, i).server->routing_group !=
                   dallas);
  g_assert_true (extopo_geometry_find_object (geometry, EXTOPO_OBJECT_SERVER,
                                              g_ptr_array_index (dallas->servers, 0), &box));
  g_assert_cmpfloat (box.x, ==, frame->box.x);

  /* Its connections still end at it. */
  for (guint i = 0; i < geometry->edges->len; i++)
    {
      ExtopoGeoEdge *edge = &g_array_index (geometry->edges, ExtopoGeoEdge, i);
      ExtopoConnector *forward = edge->connection->forward;

      if (forward->source == dallas)
        g_assert_cmpint (edge->tail_frame, ==, index);
      if (forward->target == dallas)
        g_assert_cmpint (edge->head_frame, ==, index);
    }

  /* A collapsed administrative group swallows its routing groups. */
  g_hash_table_remove_all (collapsed);
  g_hash_table_add (collapsed, boston->admin_group->ndn);
  admin = layout (model, EXTOPO_VIEW_ADMIN, collapsed);
  index = find_frame (admin, boston->admin_group);
  g_assert_cmpint (index, >=, 0);
  frame = &g_array_index (admin->frames, ExtopoGeoFrame, index);
  g_assert_true (frame->collapsed);
  g_assert_cmpuint (frame->n_servers, ==, 10);
  g_assert_cmpint (find_frame (admin, boston), ==, -1);
  g_assert_cmpuint (admin->nodes->len, ==, 12);
}

static void
test_two_way_edge (void)
{
  g_autoptr(ExtopoModel) model = build_org ();
  g_autoptr(ExtopoGeometry) geometry = layout (model, EXTOPO_VIEW_ROUTING, NULL);
  guint two_way = 0, one_way = 0;

  for (guint i = 0; i < geometry->edges->len; i++)
    {
      ExtopoGeoEdge *edge = &g_array_index (geometry->edges, ExtopoGeoEdge, i);
      ExtopoGeoFrame *tail = &g_array_index (geometry->frames, ExtopoGeoFrame, edge->tail_frame);
      ExtopoGeoFrame *head = &g_array_index (geometry->frames, ExtopoGeoFrame, edge->head_frame);
      ExtopoRect near_tail = { tail->box.x - 15, tail->box.y - 15,
                               tail->box.width + 30, tail->box.height + 30 };
      ExtopoRect near_head = { head->box.x - 15, head->box.y - 15,
                               head->box.width + 30, head->box.height + 30 };
      guint last = edge->n_points - 1;

      g_assert_true (tail->object == edge->connection->forward->source);
      g_assert_true (head->object == edge->connection->forward->target);
      /* The path runs from the source group's border to the target's. */
      g_assert_true (extopo_rect_contains_point (&near_tail, edge->points[0], edge->points[1]));
      g_assert_true (extopo_rect_contains_point (&near_head, edge->points[2 * last],
                                                 edge->points[2 * last + 1]));
      g_assert_true (edge->arrow_at_end);

      if (edge->connection->two_way)
        {
          two_way++;
          g_assert_true (edge->arrow_at_start);
          g_assert_nonnull (edge->connection->reverse);
        }
      else
        {
          one_way++;
          g_assert_false (edge->arrow_at_start);
          g_assert_cmpstr (edge->label, ==, "cost 5");
        }
    }
  g_assert_cmpuint (two_way, ==, 2);
  g_assert_cmpuint (one_way, ==, 1);
}

static void
test_dot_export (void)
{
  g_autoptr(ExtopoModel) model = build_org ();
  g_autoptr(ExtopoGeometry) geometry = layout (model, EXTOPO_VIEW_ADMIN, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dot = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *errors = NULL;
  const char *argv[] = { "dot", "-Tsvg", NULL, NULL };
  int status;

  dot = extopo_dot_write (geometry, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (dot, "digraph"));
  g_assert_nonnull (strstr (dot, "subgraph cluster_"));
  g_assert_nonnull (strstr (dot, "SEA-1"));
  g_assert_nonnull (strstr (dot,
                            "roles=\"Mailbox,Client Access,Unified Messaging,Hub Transport\""));
  g_assert_nonnull (strstr (dot, "status="));
  g_assert_nonnull (strstr (dot, "version=\"Exchange Server 2003 SP2\""));
  g_assert_nonnull (strstr (dot, "managed_with="));
  g_assert_nonnull (strstr (dot, "cost=10"));
  g_assert_nonnull (strstr (dot, "dir=both"));

  /* Graphviz itself reads it back. */
  dir = g_dir_make_tmp ("extopo-layout-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "diagram.dot", NULL);
  g_file_set_contents (path, dot, -1, &error);
  g_assert_no_error (error);
  argv[2] = path;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &svg, &errors, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_test_message ("dot: %s", errors);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_nonnull (strstr (svg, "<svg"));
  /* dot writes the hyphen as a character reference. */
  g_assert_nonnull (strstr (svg, "SEA&#45;1"));

  g_remove (path);
  g_rmdir (dir);
}

/* A sample from data/samples, loaded as the app does. */
static ExtopoModel *
load_sample (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("EXTOPO_SAMPLES_DIR"), name, NULL);
  ExtopoModel *model = extopo_loader_load_file (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);

  return model;
}

static void
test_address_space_edges (void)
{
  g_autoptr(ExtopoModel) model = load_sample ("coexistence.ldif");
  g_autoptr(ExtopoGeometry) geometry = NULL;
  guint smtp = 0, x400 = 0;

  geometry = layout (model, EXTOPO_VIEW_ROUTING, NULL);

  /* The SMTP connector, the Send connector and the X.400 link lead to
   * address spaces, not routing groups: an arrow from the group to a tag. */
  for (guint i = 0; i < geometry->edges->len; i++)
    {
      ExtopoGeoEdge *edge = &g_array_index (geometry->edges, ExtopoGeoEdge, i);
      ExtopoGeoFrame *tail;
      ExtopoRect near_tail;
      guint last = edge->n_points - 1;

      if (edge->head_frame != -1)
        continue;
      g_assert_null (edge->connection->forward->target);
      g_assert_cmpint (edge->tail_frame, >=, 0);
      tail = &g_array_index (geometry->frames, ExtopoGeoFrame, edge->tail_frame);
      g_assert_true (tail->object == edge->connection->forward->source);
      near_tail = (ExtopoRect) { tail->box.x - 2, tail->box.y - 2,
                                 tail->box.width + 4, tail->box.height + 4 };
      g_assert_true (extopo_rect_contains_point (&near_tail, edge->points[0], edge->points[1]));
      g_assert_false (extopo_rect_contains_point (&near_tail, edge->points[2 * last],
                                                  edge->points[2 * last + 1]));
      g_assert_true (edge->arrow_at_end);
      g_assert_false (edge->arrow_at_start);
      smtp += g_str_has_prefix (edge->label, "SMTP:* ");
      x400 += g_str_has_prefix (edge->label, "X400:");
    }
  g_assert_cmpuint (smtp, ==, 2);
  g_assert_cmpuint (x400, ==, 1);
}

/* The mixed-mode sample's administrative view: its only connectors join
 * routing groups of different administrative groups, so no link lies inside
 * one frame and the rank planner has no tree to shape. It used to divide
 * 0 by 0 and cast the NaN to unsigned (undefined behaviour that clang's
 * UBSan reports; found by tests/fuzz/fuzz-ldif-export). */
static void
test_admin_view_cross_links (void)
{
  g_autoptr(ExtopoModel) model = load_sample ("mixed-mode.ldif");
  g_autoptr(ExtopoGeometry) geometry = NULL;
  GPtrArray *servers = extopo_model_get_servers (model);

  geometry = layout (model, EXTOPO_VIEW_ADMIN, NULL);

  g_assert_cmpuint (geometry->nodes->len, ==, servers->len);
  for (guint i = 0; i < geometry->edges->len; i++)
    {
      ExtopoGeoEdge *edge = &g_array_index (geometry->edges, ExtopoGeoEdge, i);

      g_assert_cmpuint (edge->n_points, >=, 2);
      for (guint p = 0; p < 2 * edge->n_points; p++)
        g_assert_true (isfinite (edge->points[p]));
    }
}

/* How large a drawing shows when fitted into a window of @aspect. */
static double
fit_in (ExtopoGeometry *geometry,
        double          aspect)
{
  return MIN (aspect / geometry->bounds.width, 1.0 / geometry->bounds.height);
}

/* The sample's four administrative groups: `dot` draws them side by side,
 * four times wider than high. For a square window they go in rows, and the
 * drawing shows larger; for a wide one they stay in a row. */
static void
test_aspect (void)
{
  g_autoptr(ExtopoModel) model = load_sample ("coexistence.ldif");
  g_autoptr(ExtopoGeometry) square = layout_for_aspect (model, EXTOPO_VIEW_ADMIN, 1.0);
  g_autoptr(ExtopoGeometry) wide = layout_for_aspect (model, EXTOPO_VIEW_ADMIN, 4.0);
  g_autoptr(ExtopoGeometry) tall = layout_for_aspect (model, EXTOPO_VIEW_ADMIN, 0.5);
  guint n_servers = extopo_model_get_servers (model)->len;
  double square_aspect = square->bounds.width / square->bounds.height;
  double wide_aspect = wide->bounds.width / wide->bounds.height;
  double tall_aspect = tall->bounds.width / tall->bounds.height;

  g_test_message ("admin view for 1:1 %.0f x %.0f, for 4:1 %.0f x %.0f, for 1:2 %.0f x %.0f",
                  square->bounds.width, square->bounds.height,
                  wide->bounds.width, wide->bounds.height,
                  tall->bounds.width, tall->bounds.height);
  assert_placement_sound (square, n_servers);
  assert_placement_sound (wide, n_servers);
  assert_placement_sound (tall, n_servers);
  g_assert_cmpuint (square->edges->len, ==, wide->edges->len);

  g_assert_cmpfloat (square_aspect, >=, 0.5);
  g_assert_cmpfloat (square_aspect, <=, 2.0);
  g_assert_cmpfloat (wide_aspect, >=, 1.5 * square_aspect);
  g_assert_cmpfloat (tall_aspect, <=, square_aspect);
  /* Each arrangement is the better one for its own window. */
  g_assert_cmpfloat (fit_in (square, 1.0), >=, 1.3 * fit_in (wide, 1.0));
  g_assert_cmpfloat (fit_in (wide, 4.0), >=, fit_in (square, 4.0));
}

typedef struct
{
  ExtopoModel *model;
  ExtopoView   view;
} ThreadJob;

static gpointer
layout_thread (gpointer data)
{
  ThreadJob *job = data;
  ExtopoLayoutOptions options = { job->view, NULL };
  guint nodes = 0;

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(ExtopoGeometry) geometry = extopo_layout_compute (job->model, &options, NULL,
                                                                  NULL);

      if (geometry == NULL)
        return GUINT_TO_POINTER (0);
      nodes = geometry->nodes->len;
    }

  return GUINT_TO_POINTER (nodes);
}

static void
test_threads (void)
{
  g_autoptr(ExtopoModel) model = build_org ();
  ThreadJob routing = { model, EXTOPO_VIEW_ROUTING };
  ThreadJob admin = { model, EXTOPO_VIEW_ADMIN };
  GThread *a = g_thread_new ("layout-a", layout_thread, &routing);
  GThread *b = g_thread_new ("layout-b", layout_thread, &admin);

  g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (a)), ==, 22);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_thread_join (b)), ==, 22);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  ExtopoGeometry **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = extopo_layout_compute_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autoptr(ExtopoModel) model = build_org ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  ExtopoLayoutOptions options = { EXTOPO_VIEW_ROUTING, NULL };
  ExtopoGeometry *geometry = NULL;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  extopo_layout_compute_async (model, &options, NULL, async_done_cb, &geometry);
  while (geometry == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (geometry);
  g_assert_cmpuint (geometry->nodes->len, ==, 22);
  extopo_geometry_unref (geometry);

  /* Cancelled before it starts: an error, no geometry. */
  g_cancellable_cancel (cancellable);
  geometry = extopo_layout_compute (model, &options, cancellable, &error);
  g_assert_error (error, EXTOPO_LAYOUT_ERROR, EXTOPO_LAYOUT_ERROR_CANCELLED);
  g_assert_null (geometry);
}

/* A layout depends on the organization alone, not on what the process did
 * before: the same view laid out again after another view and a heap
 * stirred by allocations has every box and curve where it was. (cgraph's
 * default IDs are the addresses of names, and `dot` met the clusters in
 * their order: the coexistence sample's administrative view came out with
 * other curves.) */
static void
test_independent_of_heap (void)
{
  g_autoptr(ExtopoGeometry) first = test_util_lay_out_sample ("coexistence.ldif",
                                                              EXTOPO_VIEW_ADMIN);
  g_autoptr(ExtopoGeometry) again = NULL;
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (g_free);

  for (guint k = 0; k < 20000; k++)
    {
      gpointer block = g_malloc ((k * 7919) % 3000 + 1);

      if (k % 3 == 0)
        g_ptr_array_add (kept, block);
      else
        g_free (block);
    }
  {
    g_autoptr(ExtopoGeometry) other = test_util_lay_out_sample ("coexistence.ldif",
                                                                EXTOPO_VIEW_ROUTING);
  }
  again = test_util_lay_out_sample ("coexistence.ldif", EXTOPO_VIEW_ADMIN);

  g_assert_cmpuint (again->nodes->len, ==, first->nodes->len);
  g_assert_cmpuint (again->edges->len, ==, first->edges->len);
  for (guint i = 0; i < first->nodes->len; i++)
    {
      const ExtopoGeoNode *a = &g_array_index (first->nodes, ExtopoGeoNode, i);
      const ExtopoGeoNode *b = &g_array_index (again->nodes, ExtopoGeoNode, i);

      g_assert_cmpfloat (a->box.x, ==, b->box.x);
      g_assert_cmpfloat (a->box.y, ==, b->box.y);
    }
  for (guint i = 0; i < first->edges->len; i++)
    {
      const ExtopoGeoEdge *a = &g_array_index (first->edges, ExtopoGeoEdge, i);
      const ExtopoGeoEdge *b = &g_array_index (again->edges, ExtopoGeoEdge, i);

      g_assert_cmpuint (a->n_points, ==, b->n_points);
      for (guint k = 0; k < 2 * a->n_points; k++)
        if (a->points[k] != b->points[k])
          g_error ("connector %u, coordinate %u: %g, then %g", i, k, a->points[k], b->points[k]);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layout/routing-clusters", test_routing_clusters);
  g_test_add_func ("/layout/admin-view", test_admin_view);
  g_test_add_func ("/layout/admin-view-cross-links", test_admin_view_cross_links);
  g_test_add_func ("/layout/aspect", test_aspect);
  g_test_add_func ("/layout/large-group-grid", test_large_group_grid);
  g_test_add_func ("/layout/long-chain", test_long_chain);
  g_test_add_func ("/layout/big-grid", test_big_grid);
  g_test_add_func ("/layout/big-grid/families", test_big_grid_families);
  g_test_add_func ("/layout/collapsed", test_collapsed);
  g_test_add_func ("/layout/two-way-edge", test_two_way_edge);
  g_test_add_func ("/layout/dot-export", test_dot_export);
  g_test_add_func ("/layout/address-space-edges", test_address_space_edges);
  g_test_add_func ("/layout/threads", test_threads);
  g_test_add_func ("/layout/async", test_async);
  g_test_add_func ("/layout/independent-of-heap", test_independent_of_heap);

  return g_test_run ();
}
