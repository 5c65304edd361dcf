/* test-dot-writer.c: the DOT export read back by Graphviz itself.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-dot-writer"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "extopo-dot-writer.h"
#include "extopo-layout.h"
#include "extopo-loader.h"

#include "test-util.h"

static char *tmp_dir;

/* Runs a Graphviz program on @dot; the test fails if it refuses the file. */
static char *
graphviz (const char *dot,
          const char *program,
          const char *extra,
          const char *format)
{
  g_autofree char *path = g_build_filename (tmp_dir, "diagram.dot", NULL);
  const char *argv[] = { program, format, path, NULL, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *errors = NULL;
  char *out = NULL;
  int status;

  if (extra != NULL)
    {
      argv[1] = extra;
      argv[2] = format;
      argv[3] = path;
    }
  g_assert_true (g_file_set_contents (path, dot, -1, NULL));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &errors,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL) || strstr (errors, "rror") != NULL)
    g_error ("%s refused the DOT: %s", program, errors);
  g_unlink (path);

  return out;
}

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

/* Where -Tplain puts server @index, in points. */
static void
plain_position (const char *plain,
                guint       index,
                double     *x,
                double     *y)
{
  g_autofree char *key = g_strdup_printf ("\nnode s%u ", index);
  const char *line = strstr (plain, key);
  char *end = NULL;

  g_assert_nonnull (line);
  line += strlen (key);
  *x = g_ascii_strtod (line, &end) * 72;
  *y = g_ascii_strtod (end, NULL) * 72;
}

/* Every server, group and connector is in the file, SMTP and X.400
 * connectors to address spaces included, and both Graphviz layouts read it. */
static void
test_dot_writer_samples (void)
{
  const char *samples[] = { "coexistence.ldif", "mixed-mode.ldif", "real-directory.ldif" };

  for (gsize s = 0; s < G_N_ELEMENTS (samples); s++)
    for (ExtopoView view = EXTOPO_VIEW_ROUTING; view <= EXTOPO_VIEW_ADMIN; view++)
      {
        g_autoptr(ExtopoGeometry) geometry = test_util_lay_out_sample (samples[s], view);
        g_autoptr(GError) error = NULL;
        g_autofree char *dot = extopo_dot_write (geometry, NULL, &error);
        g_autofree char *laid_out = NULL;
        g_autofree char *pinned = NULL;
        guint n_outside = 0;
        guint n_clusters = 0;

        g_assert_no_error (error);
        g_test_message ("%s, view %d", samples[s], view);
        for (guint i = 0; i < geometry->nodes->len; i++)
          {
            ExtopoGeoNode *node = &g_array_index (geometry->nodes, ExtopoGeoNode, i);
            g_autofree char *id = g_strdup_printf (" s%u [label=\"", i);

            g_assert_nonnull (strstr (dot, id));
            g_assert_nonnull (strstr (dot, node->server->name));
          }
        for (guint i = 0; i < geometry->frames->len; i++)
          if (!g_array_index (geometry->frames, ExtopoGeoFrame, i).collapsed)
            n_clusters++;
        g_assert_cmpuint (count (dot, "subgraph cluster_f"), ==, n_clusters);
        for (guint i = 0; i < geometry->edges->len; i++)
          {
            ExtopoGeoEdge *edge = &g_array_index (geometry->edges, ExtopoGeoEdge, i);

            n_outside += (edge->tail_frame < 0) + (edge->head_frame < 0);
          }
        g_assert_cmpuint (count (dot, " -> "), ==, geometry->edges->len);
        g_assert_cmpuint (count (dot, "kind=\"address-space\""), ==, n_outside);

        laid_out = graphviz (dot, "dot", NULL, "-Tplain");
        pinned = graphviz (dot, "neato", "-n2", "-Tplain");
        g_assert_true (g_str_has_prefix (laid_out, "graph "));

        /* neato -n2 puts every server where ExTopo drew it (up to where
         * Graphviz puts the drawing's corner: measured from the first). */
        for (guint i = 0; i < geometry->nodes->len; i++)
          {
            ExtopoGeoNode *node = &g_array_index (geometry->nodes, ExtopoGeoNode, i);
            ExtopoGeoNode *first = &g_array_index (geometry->nodes, ExtopoGeoNode, 0);
            double x, y, x0, y0;

            plain_position (pinned, 0, &x0, &y0);
            plain_position (pinned, i, &x, &y);
            g_assert_cmpfloat (fabs ((x - x0) - (node->box.x - first->box.x)), <, 1);
            /* Graphviz's y grows upwards. */
            g_assert_cmpfloat (fabs ((y0 - y) - (node->box.y - first->box.y)), <, 1);
          }
      }
}

/* Hand-made frames with names that break naive DOT: Graphviz reads the
 * file and draws each name as it is. */
static void
test_dot_writer_hostile (void)
{
  const char *names[] = {
    "quote \" and \\\"", "ends in a backslash \\", "brace } and ; semicolon",
    "\\N \\G \\n \\l", "&amp; &#92; <b>", "back\\\nslash before a newline",
  };
  g_autoptr(ExtopoGeometry) geometry = extopo_geometry_new (NULL, EXTOPO_VIEW_ROUTING);
  g_autoptr(GError) error = NULL;
  g_autofree char *dot = NULL;
  g_autofree char *svg = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      ExtopoGeoFrame frame = {
        { 0, i * 100.0, 400, 80 }, { 0, i * 100.0, 400, 24 }, EXTOPO_OBJECT_ROUTING_GROUP,
        NULL, (char *) names[i], FALSE, FALSE, 0, -1, 0, EXTOPO_STATUS_OK
      };

      extopo_geometry_add_frame (geometry, &frame);
    }
  extopo_geometry_finish (geometry);

  dot = extopo_dot_write (geometry, NULL, &error);
  g_assert_no_error (error);
  svg = graphviz (dot, "dot", NULL, "-Tsvg");
  /* Graphviz writes these as references in its SVG. */
  g_assert_nonnull (strstr (svg, "quote &quot; and \\&quot;"));
  g_assert_nonnull (strstr (svg, "ends in a backslash \\<"));
  g_assert_nonnull (strstr (svg, "brace } and ; semicolon"));
  g_assert_nonnull (strstr (svg, "\\N \\G \\n \\l"));
  g_assert_nonnull (strstr (svg, "&amp;amp; &amp;#92; &lt;b&gt;"));
  g_assert_nonnull (strstr (svg, "back\\"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmp_dir = g_dir_make_tmp ("extopo-dot-XXXXXX", NULL);

  g_test_add_func ("/dot-writer/samples", test_dot_writer_samples);
  g_test_add_func ("/dot-writer/hostile", test_dot_writer_hostile);

  status = g_test_run ();
  g_rmdir (tmp_dir);
  g_free (tmp_dir);

  return status;
}
