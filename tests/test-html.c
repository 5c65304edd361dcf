/* test-html.c: the HTML report in a real browser (headless Chromium).
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-html"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "extopo-html-report.h"
#include "extopo-layout.h"
#include "extopo-loader.h"

#include "test-util.h"

/* The report in a real browser: a search for a server, given in the
 * address, finds it and marks it in the diagram. */
static void
test_html_browser (void)
{
  g_autoptr(ExtopoGeometry) geometry = test_util_lay_out_sample ("coexistence.ldif", EXTOPO_VIEW_ROUTING);
  g_autofree char *html = test_util_html_report (geometry);
  g_autofree char *dir = g_dir_make_tmp ("extopo-html-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.html", NULL);
  g_autofree char *uri = NULL;
  g_autofree char *profile = g_build_filename (dir, "profile", NULL);
  g_autofree char *profile_option = g_strconcat ("--user-data-dir=", profile, NULL);
  g_autofree char *dom = NULL;
  g_autofree char *errors = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *browser = g_find_program_in_path ("chromium");
  int status;

  g_assert_nonnull (browser);
  g_assert_true (g_file_set_contents (path, html, -1, NULL));
  uri = g_strconcat ("file://", path, "#search=sea-ex0", NULL);
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

  /* Three servers match "sea-ex0", accents and case aside. */
  g_assert_nonnull (strstr (dom, "<span id=\"matches\" class=\"meta\">3 found</span>"));
  g_assert_nonnull (strstr (dom, "class=\"server status-warning match\""));

  g_unlink (path);
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

  g_test_add_func ("/html/browser", test_html_browser);

  return g_test_run ();
}
