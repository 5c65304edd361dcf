/* extopo-findings-bench.c: how long the findings list takes to show a large
 * organization's findings.
 *
 *   extopo-gen --servers=20000 --routing-groups=2000 > org.ldif
 *   extopo-findings-bench [--runs=5] org.ldif
 *
 * Puts the real list in a 360x800 offscreen window and times, from the
 * call until the list has drawn its next frame: showing the model's
 * findings, grouping them by ID, one severity, one ID, and everything again.
 * Each step runs --runs times; it prints the best, the mean and the worst
 * time. It prints figures; it is not a test.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-findings-bench"

#include "config.h"

#include <stdio.h>
#include <gtk/gtk.h>

#include "extopo-findings-list.h"
#include "extopo-loader.h"
#include "extopo-resources.h"

#define WIDTH  360
#define HEIGHT 800

typedef enum
{
  STEP_SET_MODEL,
  STEP_GROUP,
  STEP_UNGROUP,
  STEP_SEVERITY,
  STEP_ID,
  STEP_ALL,
  N_STEPS,
} Step;

static const char * const step_names[N_STEPS] = {
  "show the findings",
  "group by ID",
  "ungroup",
  "warnings only",
  "one ID",
  "everything again",
};

static gboolean drawn;

static gboolean
draw_cb (GtkWidget *widget,
         cairo_t   *cr,
         gpointer   user_data)
{
  drawn = TRUE;

  return GDK_EVENT_PROPAGATE;
}

/* The ID with the most findings, for the ID filter. */
static const char *
commonest_id (ExtopoModel *model)
{
  const char * const *ids = extopo_findings_get_ids ();
  const char *best = NULL;
  guint best_count = 0;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      guint count = extopo_findings_count_id (model, ids[i]);

      if (count > best_count)
        {
          best = ids[i];
          best_count = count;
        }
    }

  return best;
}

static void
run_step (ExtopoFindingsList *list,
          ExtopoModel        *model,
          Step                step)
{
  switch (step)
    {
    case STEP_SET_MODEL:
      extopo_findings_list_set_model (list, model);
      break;
    case STEP_GROUP:
      extopo_findings_list_set_group_by_id (list, TRUE);
      break;
    case STEP_UNGROUP:
      extopo_findings_list_set_group_by_id (list, FALSE);
      break;
    case STEP_SEVERITY:
      extopo_findings_list_set_filter (list, EXTOPO_SEVERITY_WARNING, NULL);
      break;
    case STEP_ID:
      extopo_findings_list_set_filter (list, -1, commonest_id (model));
      break;
    case STEP_ALL:
    case N_STEPS:
    default:
      extopo_findings_list_set_filter (list, -1, NULL);
      break;
    }
}

int
main (int    argc,
      char **argv)
{
  gint runs = 5;
  const GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Times to run each step (default 5)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE.ldif - time the findings list");
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoModel) model = NULL;
  GtkWidget *window;
  GtkWidget *list;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || runs < 1)
    {
      fprintf (stderr, "extopo-findings-bench: %s\n",
               error != NULL ? error->message : "give one LDIF file and a positive --runs");
      return 2;
    }

  gtk_init (&argc, &argv);
  /* Referencing the bundle links it, and its constructor registers it. */
  g_assert (extopo_get_resource () != NULL);

  model = extopo_loader_load_file (argv[1], NULL, &error);
  if (model == NULL)
    {
      fprintf (stderr, "extopo-findings-bench: %s\n", error->message);
      return 1;
    }
  printf ("%u servers, %u findings; list %d x %d px, best, mean and worst of %d runs\n",
          extopo_model_get_servers (model)->len, extopo_model_get_findings (model)->len,
          WIDTH, HEIGHT, runs);

  window = gtk_offscreen_window_new ();
  list = extopo_findings_list_new ();
  gtk_container_add (GTK_CONTAINER (window), list);
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_widget_show_all (window);
  g_signal_connect_after (extopo_findings_list_get_tree_view (EXTOPO_FINDINGS_LIST (list)),
                          "draw", G_CALLBACK (draw_cb), NULL);

  for (Step step = 0; step < N_STEPS; step++)
    {
      double best = G_MAXDOUBLE;
      double worst = 0.0;
      double sum = 0.0;

      for (int run = 0; run < runs; run++)
        {
          gint64 start;
          double time;

          if (step == STEP_SET_MODEL)
            extopo_findings_list_set_model (EXTOPO_FINDINGS_LIST (list), NULL);
          while (g_main_context_iteration (NULL, FALSE))
            ;

          drawn = FALSE;
          start = g_get_monotonic_time ();
          run_step (EXTOPO_FINDINGS_LIST (list), model, step);
          while (!drawn)
            g_main_context_iteration (NULL, TRUE);
          time = (g_get_monotonic_time () - start) / 1000.0;
          best = MIN (best, time);
          worst = MAX (worst, time);
          sum += time;

          /* Leave the list as the step left it for the next step. */
          if (step != STEP_SET_MODEL && run + 1 < runs)
            run_step (EXTOPO_FINDINGS_LIST (list), model, step == STEP_GROUP ? STEP_UNGROUP
                                                          : step == STEP_UNGROUP ? STEP_GROUP
                                                          : STEP_ALL);
        }

      printf ("  %-18s %5u rows  best %7.1f ms  mean %7.1f ms  worst %7.1f ms\n",
              step_names[step], extopo_findings_list_get_n_rows (EXTOPO_FINDINGS_LIST (list)),
              best, sum / runs, worst);
    }

  gtk_widget_destroy (window);

  return 0;
}
