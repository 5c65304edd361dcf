/* test-viewers.c: exports opened in the programs people open them with:
 * the HTML report in headless Chromium, the Visio drawing in LibreOffice.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-viewers"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "extopo-export.h"
#include "extopo-history.h"
#include "extopo-html-report.h"
#include "extopo-layout.h"
#include "extopo-loader.h"

#include "test-util.h"

/* The DOM of @uri after Chromium (headless, a profile in @dir) ran its
 * scripts for a while. */
static char *
chromium_dump_dom (const char *uri,
                   const char *dir)
{
  g_autofree char *profile = g_build_filename (dir, "profile", NULL);
  g_autofree char *profile_option = g_strconcat ("--user-data-dir=", profile, NULL);
  g_autofree char *browser = g_find_program_in_path ("chromium");
  g_autofree char *errors = NULL;
  g_autoptr(GError) error = NULL;
  char *dom = NULL;
  int status;

  g_assert_nonnull (browser);
  {
    const char *argv[] = {
      browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
      profile_option, "--virtual-time-budget=3000", "--dump-dom", uri, NULL
    };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &dom, &errors,
                  &status, &error);
  }
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("chromium failed: %s", errors);

  return dom;
}

/* The report in a real browser: a search for a server, given in the
 * address, finds it and marks it in the diagram. */
static void
test_viewers_html (void)
{
  g_autoptr(ExtopoGeometry) geometry = test_util_lay_out_sample ("coexistence.ldif", EXTOPO_VIEW_ROUTING);
  g_autofree char *html = test_util_html_report (geometry);
  g_autofree char *dir = g_dir_make_tmp ("extopo-html-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.html", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *dom = NULL;

  g_assert_true (g_file_set_contents (path, html, -1, NULL));
  uri = g_strconcat ("file://", path, "#search=sea-ex0", NULL);
  dom = chromium_dump_dom (uri, dir);

  /* Three servers match "sea-ex0", accents and case aside. */
  g_assert_nonnull (strstr (dom, "<span id=\"matches\" class=\"meta\">3 found</span>"));
  g_assert_nonnull (strstr (dom, "class=\"server status-warning match\""));

  g_unlink (path);
  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

    g_assert_cmpint (system (command), ==, 0);
  }
}

/* The history's page in a real browser: the chart's texts and a table
 * row per snapshot come out of Chromium's parse of it. */
static void
test_viewers_history (void)
{
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "history", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoHistory) history = extopo_history_load (folder, NULL, &error);
  g_autofree char *dir = g_dir_make_tmp ("extopo-history-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "history.html", NULL);
  g_autofree char *uri = g_strconcat ("file://", path, NULL);
  g_autofree char *dom = NULL;
  const char *p;
  guint rows = 0, texts = 0;
  FILE *stream;

  g_assert_no_error (error);
  stream = fopen (path, "w");
  g_assert_nonnull (stream);
  g_assert_true (extopo_history_write_html (history, NULL, stream));
  g_assert_cmpint (fclose (stream), ==, 0);
  dom = chromium_dump_dom (uri, dir);

  for (p = dom; (p = strstr (p, "<tr")) != NULL; p++)
    rows++;
  for (p = dom; (p = strstr (p, "<text")) != NULL; p++)
    texts++;
  /* A heading row and one per snapshot; the chart's title, axes, legend. */
  g_assert_cmpuint (rows, ==, history->points->len + 1);
  g_assert_cmpuint (history->points->len, ==, 5);
  g_assert_cmpuint (texts, >, 10);
  g_assert_nonnull (strstr (dom, "Exchange 2007 migration progress"));

  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

    g_assert_cmpint (system (command), ==, 0);
  }
}

/* The report with the progress over time in a real browser: after its
 * script ran, the section holds the chart's texts and a row per snapshot,
 * and the diagram's search still works. */
static void
test_viewers_report_history (void)
{
  g_autoptr(ExtopoGeometry) geometry = test_util_lay_out_sample ("coexistence.ldif",
                                                                 EXTOPO_VIEW_ROUTING);
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "history", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoHistory) history = extopo_history_load (folder, NULL, &error);
  g_autofree char *dir = g_dir_make_tmp ("extopo-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.html", NULL);
  g_autofree char *uri = g_strconcat ("file://", path, "#search=sea-ex0", NULL);
  g_autofree char *dom = NULL;
  g_autofree char *section = NULL;
  ExtopoRenderOptions options;
  const char *start, *end, *p;
  guint rows = 0, texts = 0;

  g_assert_no_error (error);
  extopo_render_options_init (&options);
  options.history = history;
  g_assert_true (extopo_export_write (geometry, EXTOPO_EXPORT_HTML, path, &options, 1.0,
                                      &error));
  g_assert_no_error (error);
  dom = chromium_dump_dom (uri, dir);

  start = strstr (dom, "<section id=\"history\">");
  g_assert_nonnull (start);
  end = strstr (start, "</section>");
  g_assert_nonnull (end);
  section = g_strndup (start, end - start);
  g_assert_nonnull (strstr (section, "Progress over time"));
  g_assert_nonnull (strstr (section, "<svg"));
  for (p = section; (p = strstr (p, "<tr")) != NULL; p++)
    rows++;
  for (p = section; (p = strstr (p, "<text")) != NULL; p++)
    texts++;
  g_assert_cmpuint (rows, ==, history->points->len + 1);
  g_assert_cmpuint (texts, >, 10);
  g_assert_nonnull (strstr (section, "Exchange 2007 migration progress"));
  /* The page's script ran to the end: the search in the address found. */
  g_assert_nonnull (strstr (dom, "<span id=\"matches\" class=\"meta\">3 found</span>"));

  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

    g_assert_cmpint (system (command), ==, 0);
  }
}

/* The Visio drawing of the sample opened by LibreOffice Draw (headless,
 * converted to PDF): every server's name is in the converted text. */
static void
test_viewers_vsdx (void)
{
  g_autoptr(ExtopoGeometry) geometry = test_util_lay_out_sample ("coexistence.ldif",
                                                                 EXTOPO_VIEW_ROUTING);
  g_autofree char *dir = g_dir_make_tmp ("extopo-vsdx-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plan.vsdx", NULL);
  g_autofree char *pdf = g_build_filename (dir, "plan.pdf", NULL);
  g_autofree char *profile = g_strdup_printf ("-env:UserInstallation=file://%s/profile", dir);
  g_autofree char *text = NULL;
  g_autofree char *info = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *servers = extopo_model_get_servers (geometry->model);
  const char *convert[] = {
    "soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", dir, path, NULL
  };
  const char *pdfinfo[] = { "pdfinfo", pdf, NULL };

  g_assert_true (extopo_export_write (geometry, EXTOPO_EXPORT_VSDX, path, NULL, 1.0, &error));
  g_assert_no_error (error);
  g_free (test_util_run (convert));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  /* A page per view. */
  info = test_util_run (pdfinfo);
  g_assert_nonnull (strstr (info, "Pages:           2\n"));
  text = test_util_pdf_text (pdf);
  for (guint i = 0; i < servers->len; i++)
    {
      ExtopoServer *server = g_ptr_array_index (servers, i);

      if (strstr (text, server->name) == NULL)
        g_error ("LibreOffice shows no “%s”", server->name);
    }
  g_assert_nonnull (strstr (text, "Exchange Routing Group (DWBGZMFD01QNBJR)"));

  {
    g_autofree char *command = g_strdup_printf ("rm -rf '%s'", dir);

    g_assert_cmpint (system (command), ==, 0);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/viewers/html-chromium", test_viewers_html);
  g_test_add_func ("/viewers/history-chromium", test_viewers_history);
  g_test_add_func ("/viewers/report-history-chromium", test_viewers_report_history);
  g_test_add_func ("/viewers/vsdx-libreoffice", test_viewers_vsdx);

  return g_test_run ();
}
