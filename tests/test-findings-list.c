/* test-findings-list.c: the findings list built from its template: filters,
 * grouping by ID, the fix of the selected finding and activation, checked
 * against the model's findings.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-findings-list"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "extopo-findings-list.h"
#include "extopo-findings-model.h"
#include "extopo-loader.h"
#include "extopo-resources.h"

#include "test-ui-util.h"
#include "test-util.h"

typedef struct
{
  GtkWidget          *window;
  ExtopoFindingsList *list;
  ExtopoModel        *model;
} Fixture;

static ExtopoModel *
load (const char *path)
{
  g_autoptr(GError) error = NULL;
  ExtopoModel *model = extopo_loader_load_file (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);

  return model;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("EXTOPO_SAMPLES_DIR"), data, NULL);

  fixture->model = load (path);
  fixture->window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  fixture->list = EXTOPO_FINDINGS_LIST (extopo_findings_list_new ());
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 700);
  gtk_container_add (GTK_CONTAINER (fixture->window), GTK_WIDGET (fixture->list));
  gtk_widget_show_all (fixture->window);

  extopo_findings_list_set_model (fixture->list, fixture->model);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_widget_destroy (fixture->window);
  g_clear_object (&fixture->model);
}

static GtkTreeModel *
rows (Fixture *fixture)
{
  return gtk_tree_view_get_model (extopo_findings_list_get_tree_view (fixture->list));
}

static guint
count_severity (ExtopoModel *model,
                int          severity)
{
  GPtrArray *findings = extopo_model_get_findings (model);
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    if ((int) ((ExtopoFinding *) g_ptr_array_index (findings, i))->severity == severity)
      n++;

  return n;
}

/* Every finding shown, one row each, most severe first. */
static void
test_all_rows (Fixture       *fixture,
               gconstpointer  data)
{
  GPtrArray *findings = extopo_model_get_findings (fixture->model);
  guint n = extopo_findings_list_get_n_rows (fixture->list);

  g_assert_cmpuint (findings->len, >, 3);
  g_assert_cmpuint (n, ==, findings->len);
  for (guint i = 0; i < n; i++)
    {
      ExtopoFinding *finding = extopo_findings_list_get_finding (fixture->list, i);

      g_assert_true (g_ptr_array_find (findings, finding, NULL));
      if (i > 0)
        g_assert_cmpint (extopo_findings_list_get_finding (fixture->list, i - 1)->severity, >=,
                         finding->severity);
    }
  g_assert_null (extopo_findings_list_get_finding (fixture->list, n));
  /* A virtualised list: one line a row, laid out only where it shows. */
  g_assert_true (gtk_tree_view_get_fixed_height_mode (extopo_findings_list_get_tree_view (fixture->list)));
}

static void
test_filter_severity (Fixture       *fixture,
                      gconstpointer  data)
{
  guint total = 0;

  for (int severity = EXTOPO_SEVERITY_INFO; severity <= EXTOPO_SEVERITY_ERROR; severity++)
    {
      guint expected = count_severity (fixture->model, severity);

      extopo_findings_list_set_filter (fixture->list, severity, NULL);
      g_assert_cmpuint (extopo_findings_list_get_n_rows (fixture->list), ==, expected);
      for (guint i = 0; i < expected; i++)
        g_assert_cmpint (extopo_findings_list_get_finding (fixture->list, i)->severity, ==,
                         severity);
      total += expected;
    }

  extopo_findings_list_set_filter (fixture->list, -1, NULL);
  g_assert_cmpuint (extopo_findings_list_get_n_rows (fixture->list), ==, total);
}

static void
test_filter_id (Fixture       *fixture,
                gconstpointer  data)
{
  const char * const *ids = extopo_findings_get_ids ();
  guint shown = 0;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      guint expected = extopo_findings_count_id (fixture->model, ids[i]);

      if (expected == 0)
        continue;

      extopo_findings_list_set_filter (fixture->list, -1, ids[i]);
      g_assert_cmpuint (extopo_findings_list_get_n_rows (fixture->list), ==, expected);
      for (guint r = 0; r < expected; r++)
        g_assert_cmpstr (extopo_findings_list_get_finding (fixture->list, r)->id, ==, ids[i]);

      /* Both filters at once. */
      for (int severity = EXTOPO_SEVERITY_INFO; severity <= EXTOPO_SEVERITY_ERROR; severity++)
        {
          extopo_findings_list_set_filter (fixture->list, severity, ids[i]);
          for (guint r = 0; r < extopo_findings_list_get_n_rows (fixture->list); r++)
            {
              ExtopoFinding *finding = extopo_findings_list_get_finding (fixture->list, r);

              g_assert_cmpstr (finding->id, ==, ids[i]);
              g_assert_cmpint (finding->severity, ==, severity);
            }
        }
      shown += expected;
    }

  g_assert_cmpuint (shown, ==, extopo_model_get_findings (fixture->model)->len);
}

/* One row per ID, "ID × N", with its N findings inside; groups worst first;
 * @n_expected findings in all. */
static void
check_groups (Fixture *fixture,
              guint    n_expected)
{
  GtkTreeModel *model = rows (fixture);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_findings = 0;
  int previous = EXTOPO_SEVERITY_ERROR;
  GtkTreeIter group;
  gboolean valid;

  for (valid = gtk_tree_model_get_iter_first (model, &group); valid;
       valid = gtk_tree_model_iter_next (model, &group))
    {
      g_autofree char *id = NULL;
      g_autofree char *label = NULL;
      g_autofree char *expected_label = NULL;
      ExtopoFinding *finding = NULL;
      GtkTreeIter child;
      guint count = 0;
      int severity = 0;
      int worst = EXTOPO_SEVERITY_INFO;
      guint n_children = 0;

      gtk_tree_model_get (model, &group,
                          EXTOPO_FINDINGS_COLUMN_ID, &id,
                          EXTOPO_FINDINGS_COLUMN_SUBJECT, &label,
                          EXTOPO_FINDINGS_COLUMN_FINDING, &finding,
                          EXTOPO_FINDINGS_COLUMN_COUNT, &count,
                          EXTOPO_FINDINGS_COLUMN_SEVERITY, &severity,
                          -1);
      g_assert_null (finding);
      g_assert_false (g_hash_table_contains (seen, id));
      g_hash_table_add (seen, g_strdup (id));
      g_assert_cmpuint (count, ==, extopo_findings_count_id (fixture->model, id));
      g_assert_cmpint (gtk_tree_model_iter_n_children (model, &group), ==, count);
      expected_label = g_strdup_printf ("× %u", count);
      g_assert_cmpstr (label, ==, expected_label);
      g_assert_cmpint (severity, <=, previous);
      previous = severity;

      for (gboolean more = gtk_tree_model_iter_children (model, &child, &group); more;
           more = gtk_tree_model_iter_next (model, &child))
        {
          GtkTreeIter parent;

          gtk_tree_model_get (model, &child, EXTOPO_FINDINGS_COLUMN_FINDING, &finding, -1);
          g_assert_nonnull (finding);
          g_assert_cmpstr (finding->id, ==, id);
          g_assert_false (gtk_tree_model_iter_has_child (model, &child));
          g_assert_true (gtk_tree_model_iter_parent (model, &parent, &child));
          g_assert_true (parent.user_data == group.user_data);
          worst = MAX (worst, (int) finding->severity);
          n_children++;
        }
      g_assert_cmpuint (n_children, ==, count);
      g_assert_cmpint (severity, ==, worst);
      n_findings += count;
    }

  g_assert_cmpuint (n_findings, ==, n_expected);
}

static void
test_group_by_id (Fixture       *fixture,
                  gconstpointer  data)
{
  const char * const *ids = extopo_findings_get_ids ();
  guint n_ids = 0;

  for (guint i = 0; ids[i] != NULL; i++)
    if (extopo_findings_count_id (fixture->model, ids[i]) > 0)
      n_ids++;

  extopo_findings_list_set_group_by_id (fixture->list, TRUE);
  g_assert_cmpuint (extopo_findings_list_get_n_rows (fixture->list), ==, n_ids);
  for (guint i = 0; i < n_ids; i++)
    g_assert_null (extopo_findings_list_get_finding (fixture->list, i));
  check_groups (fixture, extopo_model_get_findings (fixture->model)->len);

  /* Activating a group's row opens it, and again closes it. */
  {
    GtkTreeView *view = extopo_findings_list_get_tree_view (fixture->list);
    g_autoptr(GtkTreePath) path = gtk_tree_path_new_first ();

    g_assert_false (gtk_tree_view_row_expanded (view, path));
    g_assert_true (extopo_findings_list_activate_row (fixture->list, 0));
    g_assert_true (gtk_tree_view_row_expanded (view, path));
    g_assert_true (extopo_findings_list_activate_row (fixture->list, 0));
    g_assert_false (gtk_tree_view_row_expanded (view, path));
  }

  extopo_findings_list_set_group_by_id (fixture->list, FALSE);
  g_assert_cmpuint (extopo_findings_list_get_n_rows (fixture->list), ==,
                    extopo_model_get_findings (fixture->model)->len);
}

/* Thousands of findings grouped, with the counts the model has. */
static void
test_group_generated (void)
{
  g_autofree char *dir = g_dir_make_tmp ("extopo-findings-list-XXXXXX", NULL);
  g_autofree char *path = NULL;
  Fixture fixture = { 0 };

  g_assert_nonnull (dir);
  path = test_util_generate_org (dir, 2000, 200);
  fixture.model = load (path);
  g_unlink (path);
  g_rmdir (dir);

  fixture.window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  fixture.list = EXTOPO_FINDINGS_LIST (extopo_findings_list_new ());
  gtk_container_add (GTK_CONTAINER (fixture.window), GTK_WIDGET (fixture.list));
  gtk_widget_show_all (fixture.window);
  extopo_findings_list_set_model (fixture.list, fixture.model);
  g_assert_cmpuint (extopo_model_get_findings (fixture.model)->len, >, 100);

  extopo_findings_list_set_group_by_id (fixture.list, TRUE);
  check_groups (&fixture, extopo_model_get_findings (fixture.model)->len);

  /* An ID filter with grouping: one group, shown open. */
  {
    g_autofree char *id = NULL;
    g_autoptr(GtkTreePath) first = gtk_tree_path_new_first ();
    GtkTreeIter iter;

    g_assert_true (gtk_tree_model_get_iter_first (rows (&fixture), &iter));
    gtk_tree_model_get (rows (&fixture), &iter, EXTOPO_FINDINGS_COLUMN_ID, &id, -1);
    extopo_findings_list_set_filter (fixture.list, -1, id);
    g_assert_cmpuint (extopo_findings_list_get_n_rows (fixture.list), ==, 1);
    g_assert_cmpint (gtk_tree_model_iter_n_children (rows (&fixture), NULL), ==, 1);
    g_assert_true (gtk_tree_view_row_expanded (extopo_findings_list_get_tree_view (fixture.list),
                                               first));
    check_groups (&fixture, extopo_findings_count_id (fixture.model, id));
  }

  fixture_tear_down (&fixture, NULL);
}

static void
finding_activated_cb (ExtopoFindingsList *list,
                      ExtopoFinding      *finding,
                      gpointer            user_data)
{
  *(ExtopoFinding **) user_data = finding;
}

static void
test_activate (Fixture       *fixture,
               gconstpointer  data)
{
  guint n = extopo_findings_list_get_n_rows (fixture->list);
  ExtopoFinding *activated = NULL;

  g_signal_connect (fixture->list, "finding-activated", G_CALLBACK (finding_activated_cb),
                    &activated);

  for (guint i = 0; i < n; i++)
    {
      activated = NULL;
      g_assert_true (extopo_findings_list_activate_row (fixture->list, i));
      g_assert_nonnull (activated);
      g_assert_true (activated == extopo_findings_list_get_finding (fixture->list, i));
      /* Activating selects too, and shows the fix. */
      g_assert_cmpstr (extopo_findings_list_get_fix_text (fixture->list), ==, activated->remedy);
    }
  g_assert_false (extopo_findings_list_activate_row (fixture->list, n));
}

/* The selected finding's fix is shown; a group's row has none. */
static void
test_fix_text (Fixture       *fixture,
               gconstpointer  data)
{
  GtkTreeView *view = extopo_findings_list_get_tree_view (fixture->list);
  GtkTreeSelection *selection = gtk_tree_view_get_selection (view);
  g_autoptr(GtkTreePath) first = gtk_tree_path_new_first ();
  g_autoptr(GtkTreePath) child = NULL;
  ExtopoFinding *finding = extopo_findings_list_get_finding (fixture->list, 2);

  g_assert_nonnull (finding);

  g_assert_null (extopo_findings_list_get_fix_text (fixture->list));

  gtk_tree_selection_select_path (selection, first);
  g_assert_cmpstr (extopo_findings_list_get_fix_text (fixture->list), ==,
                   extopo_findings_list_get_finding (fixture->list, 0)->remedy);

  /* The selection stays on its finding when the rows are grouped. */
  child = gtk_tree_path_new_from_indices (2, -1);
  gtk_tree_selection_select_path (selection, child);
  g_assert_cmpstr (extopo_findings_list_get_fix_text (fixture->list), ==, finding->remedy);
  extopo_findings_list_set_group_by_id (fixture->list, TRUE);
  g_assert_cmpstr (extopo_findings_list_get_fix_text (fixture->list), ==, finding->remedy);

  gtk_tree_selection_select_path (selection, first);
  g_assert_null (extopo_findings_list_get_fix_text (fixture->list));

  /* A filter that hides the selected finding leaves nothing selected. */
  extopo_findings_list_set_group_by_id (fixture->list, FALSE);
  gtk_tree_selection_select_path (selection, first);
  finding = extopo_findings_list_get_finding (fixture->list, 0);
  g_assert_nonnull (extopo_findings_list_get_fix_text (fixture->list));
  extopo_findings_list_set_filter (fixture->list,
                                   finding->severity == EXTOPO_SEVERITY_INFO
                                   ? EXTOPO_SEVERITY_WARNING : EXTOPO_SEVERITY_INFO, NULL);
  g_assert_null (extopo_findings_list_get_fix_text (fixture->list));
  g_assert_false (gtk_tree_selection_get_selected (selection, NULL, NULL));
}

/* A few frames: a divider put in one allocation moves in the next. */
#define FRAMES_MS 200

/* The height of the pane under the list that shows the selected finding. */
static int
detail_height (Fixture *fixture)
{
  GtkWidget *paned = gtk_widget_get_ancestor (
    GTK_WIDGET (extopo_findings_list_get_tree_view (fixture->list)), GTK_TYPE_PANED);

  g_assert_nonnull (paned);

  return gtk_widget_get_allocated_height (gtk_paned_get_child2 (GTK_PANED (paned)));
}

/* The list and the selected finding's text share the height through a
 * divider: the text first gets 210 pixels, or a third of a short pane
 * (in a short window it took the same fixed height and left the list a
 * few rows); the divider, once moved, stays. */
static void
test_detail_room (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkWidget *paned = gtk_widget_get_ancestor (
    GTK_WIDGET (extopo_findings_list_get_tree_view (fixture->list)), GTK_TYPE_PANED);
  int tall, low;

  spin_ms (FRAMES_MS);
  tall = detail_height (fixture);
  g_assert_cmpint (tall, >=, 200);
  g_assert_cmpint (tall, <=, 215);

  gtk_window_resize (GTK_WINDOW (fixture->window), 360, 330);
  g_object_set (paned, "position-set", FALSE, NULL);
  gtk_widget_queue_resize (fixture->window);
  for (int i = 0; i < 10 && gtk_widget_get_allocated_height (fixture->window) > 340; i++)
    spin_ms (FRAMES_MS);
  spin_ms (FRAMES_MS);
  low = detail_height (fixture);
  g_test_message ("detail pane %d px of a 700 px window, %d px of 330", tall, low);
  g_assert_cmpint (low, <, tall);
  g_assert_cmpint (low, <=, gtk_widget_get_allocated_height (paned) / 3 + 2);
  g_assert_cmpint (low, >=, 60);

  /* Moved by hand, it stays. */
  gtk_paned_set_position (GTK_PANED (paned), gtk_widget_get_allocated_height (paned) - 100);
  gtk_widget_queue_resize (fixture->window);
  spin_ms (FRAMES_MS);
  g_assert_cmpint (detail_height (fixture), >=, 90);
  g_assert_cmpint (detail_height (fixture), <=, 100);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  /* Referencing the bundle links it, and its constructor registers it. */
  g_assert (extopo_get_resource () != NULL);

#define ADD_LIST_TEST(path, sample, func) \
  g_test_add (path, Fixture, sample, fixture_set_up, func, fixture_tear_down)

  ADD_LIST_TEST ("/findings-list/all-rows", "real-directory.ldif", test_all_rows);
  ADD_LIST_TEST ("/findings-list/filter-severity", "real-directory.ldif", test_filter_severity);
  ADD_LIST_TEST ("/findings-list/filter-id", "real-directory.ldif", test_filter_id);
  ADD_LIST_TEST ("/findings-list/group-by-id", "coexistence.ldif", test_group_by_id);
  ADD_LIST_TEST ("/findings-list/group-by-id/real-directory", "real-directory.ldif",
                 test_group_by_id);
  ADD_LIST_TEST ("/findings-list/activate", "coexistence.ldif", test_activate);
  ADD_LIST_TEST ("/findings-list/fix-text", "coexistence.ldif", test_fix_text);
  ADD_LIST_TEST ("/findings-list/detail-room", "coexistence.ldif", test_detail_room);
  g_test_add_func ("/findings-list/group-by-id/generated", test_group_generated);

  return g_test_run ();
}
