/* test-pages.c: diagrams cut into sheets for PDF export and printing.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-pages"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "extopo-export.h"
#include "extopo-layout.h"
#include "extopo-loader.h"
#include "extopo-pages.h"

#include "test-util.h"

/* The server name size of the renderer: on paper it must not shrink under this. */
#define NAME_SIZE        9.0
#define MIN_PRINTED_SIZE 5.0

static void
test_pages_paper_names (void)
{
  ExtopoPaper paper = EXTOPO_PAPER_NONE;
  double width, height;

  g_assert_true (extopo_paper_from_string ("a4", &paper));
  g_assert_cmpint (paper, ==, EXTOPO_PAPER_A4);
  g_assert_true (extopo_paper_from_string ("LETTER", &paper));
  g_assert_cmpint (paper, ==, EXTOPO_PAPER_LETTER);
  g_assert_true (extopo_paper_from_string ("Tabloid", &paper));
  g_assert_false (extopo_paper_from_string ("B5", &paper));
  g_assert_false (extopo_paper_from_string ("", &paper));
  g_assert_cmpstr (extopo_paper_to_string (EXTOPO_PAPER_A2), ==, "A2");

  extopo_paper_get_size (EXTOPO_PAPER_A4, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 595.3, 0.1);
  g_assert_cmpfloat_with_epsilon (height, 841.9, 0.1);
  extopo_paper_get_size (EXTOPO_PAPER_TABLOID, &width, &height);
  g_assert_cmpfloat (width, ==, 792);
  g_assert_cmpfloat (height, ==, 1224);
}

/* Tiles cover the canvas with overlap, fit their sheets, and keep names legible. */
static void
check_tiles (const ExtopoPagePlan *plan)
{
  guint n_pages = extopo_page_plan_get_n_pages (plan);
  double covered_right = 0, covered_bottom = 0;
  ExtopoRect tile;
  char *label = NULL;

  g_assert_cmpuint (n_pages, ==, plan->columns * plan->rows + 1);
  g_assert_false (extopo_page_plan_get_tile (plan, 0, &tile, NULL));
  g_assert_false (extopo_page_plan_get_tile (plan, n_pages, &tile, NULL));
  g_assert_cmpfloat (plan->scale * NAME_SIZE, >=, MIN_PRINTED_SIZE);
  g_assert_cmpfloat (plan->tile_width * plan->scale, <, plan->sheet_width);
  g_assert_cmpfloat (plan->tile_height * plan->scale, <, plan->sheet_height);

  for (guint page = 1; page < n_pages; page++)
    {
      g_assert_true (extopo_page_plan_get_tile (plan, page, &tile, &label));
      /* Row by row: A1, B1, ..., then A2. */
      if (page == 1)
        g_assert_cmpstr (label, ==, "A1");
      if (page == 2 && plan->columns > 1)
        g_assert_cmpstr (label, ==, "B1");
      if (page == plan->columns + 1 && plan->rows > 1)
        g_assert_cmpstr (label, ==, "A2");
      g_clear_pointer (&label, g_free);

      /* Each tile starts before the last one ended: nothing falls between. */
      if (page > 1 && (page - 1) % plan->columns != 0)
        g_assert_cmpfloat (tile.x, <, covered_right);
      covered_right = tile.x + tile.width;
      covered_bottom = MAX (covered_bottom, tile.y + tile.height);
      if ((page - 1) % plan->columns == plan->columns - 1)
        g_assert_cmpfloat (covered_right, >=, plan->canvas_width);
    }
  g_assert_cmpfloat (covered_bottom, >=, plan->canvas_height);
}

static void
test_pages_plan (void)
{
  ExtopoPagePlan plan;
  double width, height;

  /* A small page is one sheet of its own size, as it always was. */
  extopo_page_plan_compute (&plan, 1928, 843, EXTOPO_PAPER_NONE);
  g_assert_cmpuint (extopo_page_plan_get_n_pages (&plan), ==, 1);
  g_assert_cmpfloat (plan.scale, ==, 1.0);
  g_assert_cmpfloat (plan.sheet_width, ==, 1928);
  g_assert_cmpfloat (plan.sheet_height, ==, 843);

  /* Too wide for a PDF page, but legible when scaled: one page of 14,400 pt. */
  extopo_page_plan_compute (&plan, 20000, 5000, EXTOPO_PAPER_NONE);
  g_assert_cmpuint (extopo_page_plan_get_n_pages (&plan), ==, 1);
  g_assert_cmpfloat (plan.sheet_width, <=, EXTOPO_PAGES_MAX_SIDE);
  g_assert_cmpfloat (plan.sheet_height, <=, EXTOPO_PAGES_MAX_SIDE);
  g_assert_cmpfloat_with_epsilon (plan.scale, 0.72, 1e-9);

  /* Names would be specks: tiles on A3 with an overview. */
  extopo_page_plan_compute (&plan, 141585, 10298, EXTOPO_PAPER_NONE);
  g_assert_cmpint (plan.paper, ==, EXTOPO_PAPER_A3);
  check_tiles (&plan);
  /* The long strip goes on landscape sheets, the overview too. */
  g_assert_cmpfloat (plan.sheet_width, >, plan.sheet_height);
  extopo_page_plan_get_sheet_size (&plan, 0, &width, &height);
  g_assert_cmpfloat (width, >, height);

  /* A small page on A4: one sheet, never enlarged, turned as the page is. */
  extopo_page_plan_compute (&plan, 300, 400, EXTOPO_PAPER_A4);
  g_assert_cmpuint (extopo_page_plan_get_n_pages (&plan), ==, 1);
  g_assert_cmpfloat (plan.scale, ==, 1.0);
  g_assert_cmpfloat_with_epsilon (plan.sheet_width, 595.3, 0.1);
  extopo_page_plan_compute (&plan, 400, 300, EXTOPO_PAPER_A4);
  g_assert_cmpfloat_with_epsilon (plan.sheet_width, 841.9, 0.1);

  /* A wide page that fits A4 landscape at a legible scale. */
  extopo_page_plan_compute (&plan, 1200, 500, EXTOPO_PAPER_A4);
  g_assert_cmpuint (extopo_page_plan_get_n_pages (&plan), ==, 1);
  g_assert_cmpfloat (plan.sheet_width, >, plan.sheet_height);
  g_assert_cmpfloat (plan.scale * 1200, <=, plan.sheet_width);

  /* Tall and narrow: the tiles take the orientation that needs fewer
   * sheets (26 landscape against 30 portrait), the overview the one that
   * shows the whole biggest. */
  extopo_page_plan_compute (&plan, 1500, 9000, EXTOPO_PAPER_LETTER);
  check_tiles (&plan);
  g_assert_cmpuint (extopo_page_plan_get_n_pages (&plan), ==, 27);
  g_assert_cmpfloat (plan.sheet_width, >, plan.sheet_height);
  extopo_page_plan_get_sheet_size (&plan, 0, &width, &height);
  g_assert_cmpfloat (width, <, height);
}

static char *
pdf_info (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };

  return test_util_run (argv);
}

static void
export_pdf (ExtopoGeometry *geometry,
            ExtopoPaper     paper,
            const char     *path)
{
  g_autoptr(GError) error = NULL;
  ExtopoRenderOptions options;

  extopo_render_options_init (&options);
  options.title = "Plan";
  options.paper = paper;
  g_assert_true (extopo_export_write (geometry, EXTOPO_EXPORT_PDF, path, &options, 1.0,
                                      &error));
  g_assert_no_error (error);
}

/* The sample on A4: an overview, then tiles that between them show every
 * server, each page naming itself and its neighbours. */
static void
test_pages_pdf_a4 (void)
{
  g_autoptr(ExtopoGeometry) geometry = test_util_lay_out_sample ("coexistence.ldif",
                                                                 EXTOPO_VIEW_ROUTING);
  g_autofree char *dir = g_dir_make_tmp ("extopo-pages-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plan.pdf", NULL);
  g_autofree char *info = NULL;
  g_autofree char *text = NULL;
  GPtrArray *servers = extopo_model_get_servers (geometry->model);

  export_pdf (geometry, EXTOPO_PAPER_A4, path);
  info = pdf_info (path);
  g_assert_nonnull (strstr (info, "Pages:           4\n"));
  text = test_util_pdf_text (path);
  g_assert_nonnull (strstr (text, "Overview: 3 pages follow, A1 to C1"));
  g_assert_nonnull (strstr (text, "B1 · page 3 of 4"));
  for (guint i = 0; i < servers->len; i++)
    {
      ExtopoServer *server = g_ptr_array_index (servers, i);

      if (strstr (text, server->name) == NULL)
        g_error ("%s is on no page", server->name);
    }

  g_unlink (path);
  g_rmdir (dir);
}

/* Checks every "→ group (tile)" reference of @geometry's PDF on @paper,
 * whose text is @text: it names another tile of the document. The pages
 * are named from the page plan, as the export cuts them (pdftotext may run
 * a heading into the diagram's text beside it). Returns how many, and in
 * @n_shown how many of those tiles show the group's name. */
static guint
check_references (ExtopoGeometry *geometry,
                  ExtopoPaper     paper,
                  const char     *text,
                  guint          *n_shown)
{
  g_auto(GStrv) pages = g_strsplit (text, "\f", -1);
  g_autoptr(GHashTable) tiles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRegex) reference = g_regex_new ("→ (.+?) \\(([A-Z]+[0-9]+)\\)", 0, 0, NULL);
  g_autofree char **labels = NULL;
  ExtopoRenderOptions options;
  ExtopoPagePlan plan;
  double width, height;
  guint n_pages, n = 0;

  extopo_render_options_init (&options);
  options.title = "Plan";
  options.paper = paper;
  extopo_renderer_get_page_size (geometry, &options, &width, &height);
  extopo_page_plan_compute (&plan, width, height, paper);
  n_pages = extopo_page_plan_get_n_pages (&plan);
  g_assert_cmpuint (g_strv_length (pages), >=, n_pages);
  labels = g_new0 (char *, n_pages);
  for (guint p = 1; p < n_pages; p++)
    {
      ExtopoRect tile;

      g_assert_true (extopo_page_plan_get_tile (&plan, p, &tile, &labels[p]));
      g_assert_nonnull (strstr (pages[p], labels[p]));
      g_hash_table_insert (tiles, g_strdup (labels[p]), pages[p]);
    }
  g_assert_cmpuint (g_hash_table_size (tiles), >, 1);

  *n_shown = 0;
  for (guint p = 1; p < n_pages; p++)
    {
      g_autoptr(GMatchInfo) match = NULL;

      g_regex_match (reference, pages[p], 0, &match);
      for (; g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *group = g_match_info_fetch (match, 1);
          g_autofree char *tile = g_match_info_fetch (match, 2);
          const char *far = g_hash_table_lookup (tiles, tile);

          if (far == NULL)
            g_error ("%s: a reference to %s, which is no tile", labels[p], tile);
          g_assert_cmpstr (tile, !=, labels[p]);
          /* A big group's title may be on another sheet than the end. */
          *n_shown += strstr (far, group) != NULL;
          n++;
        }
    }
  for (guint p = 1; p < n_pages; p++)
    g_free (labels[p]);

  return n;
}

/* On tiles, a connector that leaves a sheet says where it goes, and those
 * that only pass over a sheet are not drawn on it. */
static void
test_pages_pdf_references (void)
{
  g_autofree char *dir = g_dir_make_tmp ("extopo-pages-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "plan.pdf", NULL);
  g_autofree char *ldif = test_util_generate_org (dir, 1000, 100);
  g_autofree char *text = NULL;
  g_autofree char *org_text = NULL;
  guint n, n_shown;

  {
    g_autoptr(ExtopoGeometry) geometry = test_util_lay_out_sample ("coexistence.ldif",
                                                                   EXTOPO_VIEW_ROUTING);

    export_pdf (geometry, EXTOPO_PAPER_A4, path);
    text = test_util_pdf_text (path);
    /* The sample's two-way connector between Zürich and Seattle crosses
     * from A1 to B1. */
    g_assert_nonnull (strstr (text, "→ Seattle (B1)"));
    g_assert_nonnull (strstr (text, "→ Zürich (A1)"));
    n = check_references (geometry, EXTOPO_PAPER_A4, text, &n_shown);
    g_assert_cmpuint (n, >=, 2);
    g_assert_cmpuint (n_shown, ==, n);
  }
  {
    g_autoptr(ExtopoGeometry) geometry = test_util_lay_out (ldif, EXTOPO_VIEW_ROUTING);

    export_pdf (geometry, EXTOPO_PAPER_A4, path);
    org_text = test_util_pdf_text (path);
    n = check_references (geometry, EXTOPO_PAPER_A4, org_text, &n_shown);
    g_assert_cmpuint (n, >, 100);
    g_assert_cmpuint (3 * n_shown, >=, 2 * n);
  }

  g_unlink (path);
  g_unlink (ldif);
  g_rmdir (dir);
}

/* Without a paper size, a diagram wider than a PDF page may be is scaled
 * onto one page of 14,400 pt (a generated organization of 1,000 servers). */
static void
test_pages_pdf_limit (void)
{
  g_autofree char *dir = g_dir_make_tmp ("extopo-pages-XXXXXX", NULL);
  g_autofree char *ldif = test_util_generate_org (dir, 1000, 100);
  g_autofree char *path = g_build_filename (dir, "org.pdf", NULL);
  g_autofree char *info = NULL;
  g_autoptr(ExtopoGeometry) geometry = NULL;
  double width, height;

  geometry = test_util_lay_out (ldif, EXTOPO_VIEW_ROUTING);

  /* The page would be wider than the limit... */
  extopo_renderer_get_page_size (geometry, NULL, &width, &height);
  g_assert_cmpfloat (width, >, EXTOPO_PAGES_MAX_SIDE);

  /* ...and the PDF's page is not. */
  export_pdf (geometry, EXTOPO_PAPER_NONE, path);
  info = pdf_info (path);
  g_assert_nonnull (strstr (info, "Pages:           1\n"));
  g_assert_nonnull (strstr (info, "Page size:       14400 x "));

  g_unlink (path);
  g_unlink (ldif);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pages/paper-names", test_pages_paper_names);
  g_test_add_func ("/pages/plan", test_pages_plan);
  g_test_add_func ("/pages/pdf-a4", test_pages_pdf_a4);
  g_test_add_func ("/pages/pdf-limit", test_pages_pdf_limit);
  g_test_add_func ("/pages/pdf-references", test_pages_pdf_references);

  return g_test_run ();
}
