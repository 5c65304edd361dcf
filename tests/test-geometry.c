/* test-geometry.c: hit tests and spatial queries on hand-made geometry.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-geometry"

#include "config.h"

#include "extopo-geometry.h"

/* Stand-ins for model objects: the geometry only compares their addresses. */
static int server_tokens[2];
static ExtopoServer *fake_servers[2] = { (ExtopoServer *) &server_tokens[0],
                                         (ExtopoServer *) &server_tokens[1] };
static gpointer fake_admin_group = &fake_admin_group;
static gpointer fake_routing_group = &fake_routing_group;
static gpointer fake_connection = &fake_connection;

/*   admin frame (0,0)-(600,400) holding a routing frame (20,30)-(220,180)
 *   with two servers; an edge from (300,100) to (450,300), a straight line. */
static ExtopoGeometry *
build_small (void)
{
  ExtopoGeometry *geometry = extopo_geometry_new (NULL, EXTOPO_VIEW_ADMIN);
  ExtopoGeoFrame admin = { { 0, 0, 600, 400 }, { 0, 0, 600, 24 }, EXTOPO_OBJECT_ADMIN_GROUP,
                           fake_admin_group, (char *) "Admin", FALSE, FALSE, 0, -1, 2,
                           EXTOPO_STATUS_OK };
  ExtopoGeoFrame routing = { { 20, 30, 200, 150 }, { 20, 30, 200, 24 },
                             EXTOPO_OBJECT_ROUTING_GROUP, fake_routing_group,
                             (char *) "Routing", FALSE, FALSE, 1, 0, 2, EXTOPO_STATUS_OK };
  ExtopoGeoNode node = { { 30, 60, 60, 30 }, NULL, 1 };
  double points[] = { 300, 100, 350, 166.67, 400, 233.33, 450, 300 };
  ExtopoGeoEdge edge = { 0 };

  g_assert_cmpuint (extopo_geometry_add_frame (geometry, &admin), ==, 0);
  g_assert_cmpuint (extopo_geometry_add_frame (geometry, &routing), ==, 1);
  node.server = fake_servers[0];
  g_assert_cmpuint (extopo_geometry_add_node (geometry, &node), ==, 0);
  node.server = fake_servers[1];
  node.box.x = 100;
  g_assert_cmpuint (extopo_geometry_add_node (geometry, &node), ==, 1);

  edge.connection = fake_connection;
  edge.points = points;
  edge.n_points = 4;
  edge.arrow_at_end = TRUE;
  edge.label = (char *) "cost 1";
  edge.label_x = 375;
  edge.label_y = 200;
  edge.tail_frame = edge.head_frame = -1;
  g_assert_cmpuint (extopo_geometry_add_edge (geometry, &edge), ==, 0);

  extopo_geometry_finish (geometry);

  return geometry;
}

static void
test_hit_test (void)
{
  g_autoptr(ExtopoGeometry) geometry = build_small ();
  ExtopoHit hit;
  ExtopoRect box;

  /* Strings and points were copied. */
  g_assert_cmpstr (g_array_index (geometry->frames, ExtopoGeoFrame, 1).label, ==, "Routing");
  g_assert_cmpfloat (g_array_index (geometry->edges, ExtopoGeoEdge, 0).points[6], ==, 450);
  g_assert_true (geometry->bounds.x <= 0 && geometry->bounds.y <= 0);
  g_assert_true (geometry->bounds.x + geometry->bounds.width >= 600);

  /* Servers first, even though frames lie beneath them. */
  g_assert_true (extopo_geometry_hit_test (geometry, 45, 70, 4, &hit));
  g_assert_cmpint (hit.kind, ==, EXTOPO_OBJECT_SERVER);
  g_assert_true (hit.object == fake_servers[0]);
  g_assert_cmpint (hit.index, ==, 0);
  g_assert_true (extopo_geometry_hit_test (geometry, 159, 89, 4, &hit));
  g_assert_true (hit.object == fake_servers[1]);

  /* On the edge, and just beside it within the tolerance. */
  g_assert_true (extopo_geometry_hit_test (geometry, 375, 200, 4, &hit));
  g_assert_cmpint (hit.kind, ==, EXTOPO_OBJECT_CONNECTOR);
  g_assert_true (hit.object == fake_connection);
  g_assert_true (extopo_geometry_hit_test (geometry, 378, 198, 4, &hit));
  g_assert_cmpint (hit.kind, ==, EXTOPO_OBJECT_CONNECTOR);

  /* Beyond the tolerance the point falls through to the admin frame. */
  g_assert_true (extopo_geometry_hit_test (geometry, 395, 190, 4, &hit));
  g_assert_cmpint (hit.kind, ==, EXTOPO_OBJECT_ADMIN_GROUP);
  g_assert_true (hit.object == fake_admin_group);

  /* Inside both frames: the innermost wins. */
  g_assert_true (extopo_geometry_hit_test (geometry, 200, 160, 4, &hit));
  g_assert_cmpint (hit.kind, ==, EXTOPO_OBJECT_ROUTING_GROUP);
  g_assert_true (hit.object == fake_routing_group);
  g_assert_cmpint (hit.index, ==, 1);

  /* Misses: outside everything, and far outside the grid. */
  g_assert_false (extopo_geometry_hit_test (geometry, 700, 700, 4, &hit));
  g_assert_cmpint (hit.kind, ==, EXTOPO_OBJECT_NONE);
  g_assert_null (hit.object);
  g_assert_false (extopo_geometry_hit_test (geometry, -1e6, 1e6, 4, &hit));

  /* Where objects are drawn. */
  g_assert_true (extopo_geometry_find_object (geometry, EXTOPO_OBJECT_SERVER,
                                              fake_servers[1], &box));
  g_assert_cmpfloat (box.x, ==, 100);
  g_assert_true (extopo_geometry_find_object (geometry, EXTOPO_OBJECT_ROUTING_GROUP,
                                              fake_routing_group, &box));
  g_assert_cmpfloat (box.width, ==, 200);
  g_assert_true (extopo_geometry_find_object (geometry, EXTOPO_OBJECT_CONNECTOR,
                                              fake_connection, &box));
  g_assert_true (extopo_rect_contains_point (&box, 450, 300));
  g_assert_false (extopo_geometry_find_object (geometry, EXTOPO_OBJECT_SERVER,
                                               &box, &box));
}

static void
test_rects (void)
{
  ExtopoRect a = { 0, 0, 10, 10 }, b = { 5, 5, 10, 10 }, c = { 20, 0, 1, 1 }, u;

  g_assert_true (extopo_rect_intersects (&a, &b));
  g_assert_false (extopo_rect_intersects (&a, &c));
  g_assert_true (extopo_rect_contains_point (&a, 10, 0));
  g_assert_false (extopo_rect_contains_point (&a, 10.5, 0));
  extopo_rect_union (&a, &c, &u);
  g_assert_cmpfloat (u.width, ==, 21);
  g_assert_cmpfloat (u.height, ==, 10);
}

static ExtopoGeometry *
build_grid (guint side)
{
  ExtopoGeometry *geometry = extopo_geometry_new (NULL, EXTOPO_VIEW_ROUTING);

  for (guint row = 0; row < side; row++)
    for (guint col = 0; col < side; col++)
      {
        ExtopoGeoNode node = { { col * 160.0, row * 60.0, 150, 54 }, NULL, -1 };

        node.server = GUINT_TO_POINTER (row * side + col + 1);
        extopo_geometry_add_node (geometry, &node);
      }
  extopo_geometry_finish (geometry);

  return geometry;
}

/* Checks a query of @rect against a scan of every node (or frame). */
static void
check_query (ExtopoGeometry   *geometry,
             const ExtopoRect *rect,
             gboolean          frames)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) expected = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n = frames ? geometry->frames->len : geometry->nodes->len;

  if (frames)
    extopo_geometry_query_frames (geometry, rect, found);
  else
    extopo_geometry_query_nodes (geometry, rect, found);
  for (guint i = 0; i < n; i++)
    {
      const ExtopoRect *box = frames ? &g_array_index (geometry->frames, ExtopoGeoFrame, i).box
                                     : &g_array_index (geometry->nodes, ExtopoGeoNode, i).box;

      if (extopo_rect_intersects (box, rect))
        g_array_append_val (expected, i);
    }

  /* The same items, each once, in drawing order. */
  g_assert_cmpuint (found->len, ==, expected->len);
  for (guint k = 0; k < found->len; k++)
    g_assert_cmpuint (g_array_index (found, guint, k), ==, g_array_index (expected, guint, k));
}

static void
test_query_nodes (void)
{
  g_autoptr(ExtopoGeometry) geometry = build_grid (100);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  ExtopoRect window = { 1000, 1200, 800, 500 };
  ExtopoRect sliver = { 155, -100, 3, 10000 };
  ExtopoRect outside = { -5000, -5000, 100, 100 };
  GRand *rand = g_rand_new_with_seed (42);
  ExtopoHit hit;

  g_assert_cmpuint (geometry->nodes->len, ==, 10000);

  check_query (geometry, &window, FALSE);
  check_query (geometry, &geometry->bounds, FALSE);
  /* Between two columns: no box. */
  check_query (geometry, &sliver, FALSE);
  extopo_geometry_query_nodes (geometry, &sliver, found);
  g_assert_cmpuint (found->len, ==, 0);
  extopo_geometry_query_nodes (geometry, &outside, found);
  g_assert_cmpuint (found->len, ==, 0);

  /* A window in view holds a few dozen nodes, not all 10,000. */
  extopo_geometry_query_nodes (geometry, &window, found);
  g_assert_cmpuint (found->len, >, 20);
  g_assert_cmpuint (found->len, <, 100);

  for (guint i = 0; i < 50; i++)
    {
      ExtopoRect r = { g_rand_double_range (rand, -500, 16500),
                       g_rand_double_range (rand, -500, 6500),
                       g_rand_double_range (rand, 0, 3000),
                       g_rand_double_range (rand, 0, 2000) };
      double x = g_rand_double_range (rand, 0, 16000), y = g_rand_double_range (rand, 0, 6000);
      guint col = (guint) (x / 160), row = (guint) (y / 60);
      gboolean inside = x - col * 160.0 <= 150 && y - row * 60.0 <= 54;

      check_query (geometry, &r, FALSE);

      g_assert_cmpint (extopo_geometry_hit_test (geometry, x, y, 2, &hit), ==, inside);
      if (inside)
        g_assert_cmpuint (GPOINTER_TO_UINT (hit.object), ==, row * 100 + col + 1);
    }

  g_rand_free (rand);
}

/* @side × @side routing frames in four administrative frames, and one
 * server in each routing frame. */
static ExtopoGeometry *
build_frames (guint side)
{
  ExtopoGeometry *geometry = extopo_geometry_new (NULL, EXTOPO_VIEW_ADMIN);
  double half = side / 2 * 300.0;

  for (guint q = 0; q < 4; q++)
    {
      ExtopoGeoFrame admin = { { (q % 2) * half - 10, (q / 2) * half - 10, half, half },
                               { (q % 2) * half - 10, (q / 2) * half - 10, half, 24 },
                               EXTOPO_OBJECT_ADMIN_GROUP, fake_admin_group, (char *) "Admin",
                               FALSE, FALSE, 0, -1, 0, EXTOPO_STATUS_OK };

      extopo_geometry_add_frame (geometry, &admin);
    }
  for (guint row = 0; row < side; row++)
    for (guint col = 0; col < side; col++)
      {
        ExtopoGeoFrame routing = { { col * 300.0, row * 300.0, 240, 200 },
                                   { col * 300.0, row * 300.0, 240, 24 },
                                   EXTOPO_OBJECT_ROUTING_GROUP, fake_routing_group,
                                   (char *) "Routing", FALSE, FALSE, 1,
                                   (row >= side / 2) * 2 + (col >= side / 2), 1,
                                   EXTOPO_STATUS_OK };
        ExtopoGeoNode node = { { col * 300.0 + 10, row * 300.0 + 40, 150, 54 }, NULL, 0 };

        node.frame = extopo_geometry_add_frame (geometry, &routing);
        node.server = GUINT_TO_POINTER (row * side + col + 1);
        extopo_geometry_add_node (geometry, &node);
      }
  extopo_geometry_finish (geometry);

  return geometry;
}

/* Frames come from the grid when the rectangle is small (an edge label's
 * place, asked once per edge): the same frames as a scan finds, nested
 * ones included, each once and in drawing order. */
static void
test_query_frames (void)
{
  g_autoptr(ExtopoGeometry) geometry = build_frames (60);
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  ExtopoRect label = { 220, 190, 100, 120 };
  ExtopoRect gap = { 245, 205, 50, 90 };
  ExtopoRect outside = { -5000, -5000, 100, 100 };
  ExtopoRect border = { 240, 0, 60, 10 };
  GRand *rand = g_rand_new_with_seed (7);

  g_assert_cmpuint (geometry->frames->len, ==, 4 + 3600);

  check_query (geometry, &geometry->bounds, TRUE);
  check_query (geometry, &label, TRUE);
  check_query (geometry, &gap, TRUE);
  check_query (geometry, &outside, TRUE);
  /* Touching a frame's right side counts as meeting it. */
  check_query (geometry, &border, TRUE);

  /* The label's place meets four routing frames and their admin frame. */
  extopo_geometry_query_frames (geometry, &label, found);
  g_assert_cmpuint (found->len, ==, 5);
  g_assert_cmpuint (g_array_index (found, guint, 0), ==, 0);
  g_array_set_size (found, 0);
  /* Between groups: only the admin frame. */
  extopo_geometry_query_frames (geometry, &gap, found);
  g_assert_cmpuint (found->len, ==, 1);

  for (guint i = 0; i < 200; i++)
    {
      ExtopoRect r = { g_rand_double_range (rand, -500, 18500),
                       g_rand_double_range (rand, -500, 18500),
                       g_rand_double_range (rand, 0, i % 10 == 0 ? 9000 : 400),
                       g_rand_double_range (rand, 0, i % 10 == 0 ? 9000 : 100) };

      check_query (geometry, &r, TRUE);
    }

  g_rand_free (rand);
}

static void
test_refcount (void)
{
  ExtopoGeometry *geometry = build_small ();
  GType type = EXTOPO_TYPE_GEOMETRY;
  ExtopoGeometry *copy;

  g_assert_true (G_TYPE_IS_BOXED (type));
  copy = g_boxed_copy (type, geometry);
  g_assert_true (copy == geometry);
  extopo_geometry_unref (geometry);
  /* Still alive through the second reference. */
  g_assert_cmpuint (copy->nodes->len, ==, 2);
  g_boxed_free (type, copy);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/geometry/rects", test_rects);
  g_test_add_func ("/geometry/hit-test", test_hit_test);
  g_test_add_func ("/geometry/query-nodes", test_query_nodes);
  g_test_add_func ("/geometry/query-frames", test_query_frames);
  g_test_add_func ("/geometry/refcount", test_refcount);

  return g_test_run ();
}
