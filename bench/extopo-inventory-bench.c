/* extopo-inventory-bench.c: how long the search and the inventory take on a
 * large organization.
 *
 *   extopo-gen --servers=20000 --routing-groups=2000 > org.ldif
 *   extopo-inventory-bench [--runs=N] org.ldif
 *
 * Prints, in milliseconds: building the search index; a query over every
 * server (what a keystroke in the search bar costs); building the table's
 * model and filtering and sorting it; attaching it to the fixed-height
 * tree view and drawing a frame of the real widget; the CSV of every row.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-inventory-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gtk/gtk.h>

#include "extopo-inventory.h"
#include "extopo-loader.h"
#include "extopo-search.h"

static const char * const queries[] = {
  "version:2007",
  "ex",
  "version:2003 sp:<2 status:>=warning",
  "group:seattle",
  "munchen",
};

static const ExtopoInventoryColumn sort_columns[] = {
  EXTOPO_INVENTORY_COLUMN_NAME,
  EXTOPO_INVENTORY_COLUMN_ROUTING_GROUP,
  EXTOPO_INVENTORY_COLUMN_VERSION,
  EXTOPO_INVENTORY_COLUMN_STATUS,
  EXTOPO_INVENTORY_COLUMN_FINDINGS,
};

static double
since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* First run, then the median of the rest. */
static void
print_runs (const char *label,
            double     *times,
            guint       n)
{
  double first = times[0];

  qsort (times, n, sizeof (double), compare_doubles);
  printf ("  %-44s first %8.2f ms  median %8.2f ms\n", label, first, times[n / 2]);
}

static void
time_queries (ExtopoModel *model,
              guint        runs)
{
  ExtopoSearchIndex *index;
  GPtrArray *servers = extopo_model_get_servers (model);
  g_autofree double *times = g_new (double, runs);
  gint64 start = g_get_monotonic_time ();

  index = extopo_search_index_get_for_model (model);
  printf ("  %-44s %8.2f ms\n", "search index, built once per model", since (start));

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autofree char *label = NULL;
      guint n = 0;

      for (guint r = 0; r < runs; r++)
        {
          g_autoptr(ExtopoSearch) search = NULL;

          start = g_get_monotonic_time ();
          search = extopo_search_new (queries[q], NULL);
          n = 0;
          for (guint i = 0; i < servers->len; i++)
            n += extopo_search_match_server (search, index, g_ptr_array_index (servers, i));
          times[r] = since (start);
        }
      label = g_strdup_printf ("query %s (%u)", queries[q], n);
      print_runs (label, times, runs);
    }
}

static void
time_rows (ExtopoModel *model,
           guint        runs)
{
  g_autoptr(ExtopoInventoryModel) rows = NULL;
  g_autofree double *times = g_new (double, runs);
  g_autofree char *csv = NULL;
  gint64 start = g_get_monotonic_time ();

  rows = extopo_inventory_model_new (model);
  printf ("  %-44s %8.2f ms\n", "table model, every row", since (start));

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(ExtopoSearch) search = extopo_search_new (queries[q], NULL);
      g_autofree char *label = g_strdup_printf ("filter %s", queries[q]);

      for (guint r = 0; r < runs; r++)
        {
          start = g_get_monotonic_time ();
          extopo_inventory_model_set_search (rows, search);
          times[r] = since (start);
        }
      print_runs (label, times, runs);
    }
  extopo_inventory_model_set_search (rows, NULL);

  for (guint c = 0; c < G_N_ELEMENTS (sort_columns); c++)
    {
      g_autofree char *label = g_strdup_printf ("sort all rows by %s",
                                                extopo_inventory_column_get_title (sort_columns[c]));

      for (guint r = 0; r < runs; r++)
        {
          start = g_get_monotonic_time ();
          gtk_tree_sortable_set_sort_column_id (GTK_TREE_SORTABLE (rows), sort_columns[c],
                                                r % 2 == 0 ? GTK_SORT_ASCENDING
                                                           : GTK_SORT_DESCENDING);
          times[r] = since (start);
        }
      print_runs (label, times, runs);
    }

  start = g_get_monotonic_time ();
  csv = extopo_inventory_model_to_csv (rows);
  printf ("  %-44s %8.2f ms, %zu kB\n", "CSV of every row", since (start), strlen (csv) / 1024);
}

static void
spin (void)
{
  while (gtk_events_pending ())
    gtk_main_iteration ();
}

/* The real widget in a window: set the model, filter through the entry's
 * path, draw frames. */
static void
time_widget (ExtopoModel *model,
             guint        runs)
{
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  GtkWidget *inventory = extopo_inventory_new ();
  g_autofree double *times = g_new (double, runs);
  cairo_surface_t *surface;
  gint64 start;

  gtk_container_add (GTK_CONTAINER (window), inventory);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 400);
  gtk_widget_show_all (window);
  spin ();

  /* Each figure includes the main loop's layout and paint that follow. */
  start = g_get_monotonic_time ();
  extopo_inventory_set_model (EXTOPO_INVENTORY (inventory), model);
  spin ();
  printf ("  %-44s %8.2f ms\n", "widget: set the model, shown", since (start));

  for (guint r = 0; r < runs; r++)
    {
      start = g_get_monotonic_time ();
      extopo_inventory_set_filter_text (EXTOPO_INVENTORY (inventory),
                                        r % 2 == 0 ? "version:2003 sp:<2" : "");
      spin ();
      times[r] = since (start);
    }
  print_runs ("widget: filter, shown (all / some rows)", times, runs);

  for (guint r = 0; r < runs; r++)
    {
      start = g_get_monotonic_time ();
      gtk_tree_sortable_set_sort_column_id (GTK_TREE_SORTABLE (
                                              extopo_inventory_get_rows (
                                                EXTOPO_INVENTORY (inventory))),
                                            EXTOPO_INVENTORY_COLUMN_FQDN,
                                            r % 2 == 0 ? GTK_SORT_ASCENDING
                                                       : GTK_SORT_DESCENDING);
      spin ();
      times[r] = since (start);
    }
  print_runs ("widget: sort by FQDN, shown", times, runs);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1280, 400);
  for (guint r = 0; r < runs; r++)
    {
      cairo_t *cr = cairo_create (surface);

      start = g_get_monotonic_time ();
      gtk_widget_draw (inventory, cr);
      times[r] = since (start);
      cairo_destroy (cr);
    }
  print_runs ("widget: draw a frame of every row's table", times, runs);
  cairo_surface_destroy (surface);

  gtk_widget_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE.ldif");
  g_autoptr(ExtopoModel) model = NULL;
  g_autoptr(GError) error = NULL;
  int runs = 11;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs per figure (11)", "N" },
    { NULL },
  };
  gint64 start;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_group (context, gtk_get_option_group (TRUE));
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || runs < 1)
    {
      fprintf (stderr, "usage: extopo-inventory-bench [--runs=N] FILE.ldif\n");
      return 2;
    }

  start = g_get_monotonic_time ();
  model = extopo_loader_load_file (argv[1], NULL, &error);
  if (model == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("%s: %u servers, loaded in %.0f ms\n", argv[1],
          extopo_model_get_servers (model)->len, since (start));

  time_queries (model, runs);
  time_rows (model, runs);
  time_widget (model, runs);

  return 0;
}
