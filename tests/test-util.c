/* test-util.c: helpers the test suites share.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>

#include "extopo-html-report.h"
#include "extopo-layout.h"
#include "extopo-loader.h"

#include "test-util.h"

char *
test_util_run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *errors = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &errors,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], errors);

  return out;
}

char *
test_util_pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", path, "-", NULL };

  return test_util_run (argv);
}

char *
test_util_generate_org (const char *dir,
                        guint       servers,
                        guint       routing_groups)
{
  g_autofree char *servers_arg = g_strdup_printf ("--servers=%u", servers);
  g_autofree char *groups_arg = g_strdup_printf ("--routing-groups=%u", routing_groups);
  const char *argv[] = { g_getenv ("EXTOPO_GEN"), servers_arg, groups_arg, NULL };
  g_autofree char *out = NULL;
  char *ldif = g_build_filename (dir, "org.ldif", NULL);

  g_assert_nonnull (argv[0]);
  out = test_util_run (argv);
  g_assert_true (g_file_set_contents (ldif, out, -1, NULL));

  return ldif;
}

ExtopoGeometry *
test_util_lay_out_sample (const char *name,
                          ExtopoView  view)
{
  g_autofree char *path = g_build_filename (g_getenv ("EXTOPO_SAMPLES_DIR"), name, NULL);

  return test_util_lay_out (path, view);
}

ExtopoGeometry *
test_util_lay_out (const char *path,
                   ExtopoView  view)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoModel) model = extopo_loader_load_file (path, NULL, &error);
  ExtopoLayoutOptions options = { view, NULL };
  ExtopoGeometry *geometry;

  g_assert_no_error (error);
  geometry = extopo_layout_compute (model, &options, NULL, &error);
  g_assert_no_error (error);

  return geometry;
}

guint
test_util_count_servers (ExtopoModel *model,
                         gboolean (*predicate)(const ExtopoServer *server))
{
  GPtrArray *servers = extopo_model_get_servers (model);
  guint n = 0;

  for (guint i = 0; i < servers->len; i++)
    if (predicate (g_ptr_array_index (servers, i)))
      n++;

  return n;
}

char *
test_util_html_report (ExtopoGeometry *geometry)
{
  g_autoptr(ExtopoScene) scene = extopo_scene_build (geometry, NULL);
  char *html = NULL;
  size_t length = 0;
  FILE *stream = open_memstream (&html, &length);

  g_assert_true (extopo_html_report_write (scene, geometry->model, NULL, stream));
  g_assert_cmpint (fclose (stream), ==, 0);

  return html;
}
