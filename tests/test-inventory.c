/* test-inventory.c: the table of servers, alone and in the real window.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-inventory"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "extopo-application.h"
#include "extopo-inventory.h"
#include "extopo-loader.h"
#include "extopo-window.h"

#include "test-ui-util.h"
#include "test-util.h"

static GtkApplication *application;

typedef struct
{
  ExtopoWindow    *window;
  ExtopoInventory *inventory;
  GSettings       *settings;
  char            *tmpdir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->tmpdir = g_dir_make_tmp ("extopo-inventory-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (fixture->settings, "inventory-visible");

  fixture->window = test_ui_open_window (application, "coexistence.ldif");
  fixture->inventory = EXTOPO_INVENTORY (extopo_window_get_inventory (fixture->window));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_widget_destroy (GTK_WIDGET (fixture->window));
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->settings);
  test_ui_remove_dir (fixture->tmpdir);
  g_free (fixture->tmpdir);
}

static ExtopoInventoryModel *
rows (Fixture *fixture)
{
  return extopo_inventory_get_rows (fixture->inventory);
}

static guint
n_rows (Fixture *fixture)
{
  return extopo_inventory_model_get_n_rows (rows (fixture));
}

typedef struct
{
  Fixture *fixture;
  guint    n_rows;
} RowCount;

static gboolean
has_row_count (gpointer data)
{
  RowCount *count = data;

  return n_rows (count->fixture) == count->n_rows;
}

/* Types into the filter entry as a person does: the search entry filters
 * after its own short delay. */
static void
type_filter (Fixture    *fixture,
             const char *text,
             guint       expected_rows)
{
  GObject *entry = gtk_widget_get_template_child (GTK_WIDGET (fixture->inventory),
                                                  EXTOPO_TYPE_INVENTORY, "filter_entry");
  RowCount count = { fixture, expected_rows };

  gtk_entry_set_text (GTK_ENTRY (entry), text);
  g_assert_true (spin_until (has_row_count, &count));
}

static gboolean
is_2007 (const ExtopoServer *server)
{
  return server->version.product == EXTOPO_PRODUCT_EXCHANGE_2007;
}

static gboolean
is_2007_with_problems (const ExtopoServer *server)
{
  return is_2007 (server) && server->status >= EXTOPO_STATUS_WARNING;
}

static gboolean
is_2003_with_problems (const ExtopoServer *server)
{
  return server->version.product == EXTOPO_PRODUCT_EXCHANGE_2003 &&
         server->status >= EXTOPO_STATUS_WARNING;
}

static gboolean
inventory_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

/* Hidden, the table holds no rows (20,000 of them on the tree view held up
 * the window's first paint): it fills when shown, with the server selected
 * meanwhile; a source opened while it is hidden lets the last one's rows go
 * at once, and asking for the rows builds them. */
static void
test_inventory_hidden_waits (Fixture       *fixture,
                             gconstpointer  data)
{
  GtkTreeView *tree_view = GTK_TREE_VIEW (
    gtk_widget_get_template_child (GTK_WIDGET (fixture->inventory), EXTOPO_TYPE_INVENTORY,
                                   "tree_view"));
  ExtopoModel *model = extopo_window_get_model (fixture->window);
  GPtrArray *servers = extopo_model_get_servers (model);
  ExtopoServer *server = g_ptr_array_index (servers, servers->len / 2);
  g_autofree char *path = sample_path ("mixed-mode.ldif");
  GtkTreeSelection *selection = gtk_tree_view_get_selection (tree_view);
  GtkTreeModel *shown;
  GtkTreeIter iter;
  ExtopoServer *selected = NULL;

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->inventory)));
  g_assert_null (gtk_tree_view_get_model (tree_view));

  extopo_window_select (fixture->window, EXTOPO_OBJECT_SERVER, server);
  g_assert_null (gtk_tree_view_get_model (tree_view));
  g_assert_true (extopo_inventory_get_selected_server (fixture->inventory) == server);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "inventory", NULL);
  g_assert_true (spin_until (inventory_mapped, fixture->inventory));
  shown = gtk_tree_view_get_model (tree_view);
  g_assert_nonnull (shown);
  g_assert_cmpint (gtk_tree_model_iter_n_children (shown, NULL), ==, servers->len);
  g_assert_true (gtk_tree_selection_get_selected (selection, NULL, &iter));
  gtk_tree_model_get (shown, &iter, EXTOPO_INVENTORY_COLUMN_SERVER, &selected, -1);
  g_assert_true (selected == server);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "inventory", NULL);
  g_assert_true (test_ui_open_file_and_wait (fixture->window, path));
  g_assert_null (gtk_tree_view_get_model (tree_view));
  g_assert_cmpuint (n_rows (fixture), ==,
                    extopo_model_get_servers (extopo_window_get_model (fixture->window))->len);
  g_assert_nonnull (gtk_tree_view_get_model (tree_view));
}

/* Ctrl+I's action shows and hides the table, and the choice is remembered. */
static void
test_inventory_toggle (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GVariant) state = NULL;

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->inventory)));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "inventory", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture->inventory)));
  g_assert_true (g_settings_get_boolean (fixture->settings, "inventory-visible"));
  state = g_action_group_get_action_state (G_ACTION_GROUP (fixture->window), "inventory");
  g_assert_true (g_variant_get_boolean (state));

  /* Every server is a row, before any filter. */
  g_assert_cmpuint (n_rows (fixture), ==,
                    extopo_model_get_servers (extopo_window_get_model (fixture->window))->len);
  g_assert_cmpstr (extopo_inventory_get_status_text (fixture->inventory), ==,
                   "19 of 19 servers");

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "inventory", NULL);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (fixture->inventory)));
  g_assert_false (g_settings_get_boolean (fixture->settings, "inventory-visible"));
}

static GtkTreeViewColumn *
find_column (GtkTreeView *view,
             const char  *title)
{
  for (guint i = 0; i < gtk_tree_view_get_n_columns (view); i++)
    {
      GtkTreeViewColumn *column = gtk_tree_view_get_column (view, i);

      if (g_str_equal (gtk_tree_view_column_get_title (column), title))
        return column;
    }

  return NULL;
}

/* The cell texts of a column, row by row. */
static GPtrArray *
column_texts (Fixture               *fixture,
              ExtopoInventoryColumn  column)
{
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);

  for (guint row = 0; row < n_rows (fixture); row++)
    g_ptr_array_add (texts,
                     extopo_inventory_model_get_text (
                       rows (fixture), extopo_inventory_model_get_server (rows (fixture), row),
                       column));

  return texts;
}

/* Clicking a heading sorts by it; a second click turns the order round. */
static void
check_sort (Fixture *fixture)
{
  GtkTreeView *view = extopo_inventory_get_tree_view (fixture->inventory);
  GtkTreeViewColumn *name = find_column (view, "Name");
  GtkTreeViewColumn *findings = find_column (view, "Findings");
  g_autoptr(GPtrArray) names = NULL;
  int sort_column = -1;
  GtkSortType order;

  g_assert_nonnull (name);
  gtk_tree_view_column_clicked (name);
  gtk_tree_view_column_clicked (name);
  g_assert_true (gtk_tree_sortable_get_sort_column_id (GTK_TREE_SORTABLE (rows (fixture)),
                                                       &sort_column, &order));
  g_assert_cmpint (sort_column, ==, EXTOPO_INVENTORY_COLUMN_NAME);
  g_assert_cmpint (order, ==, GTK_SORT_DESCENDING);
  names = column_texts (fixture, EXTOPO_INVENTORY_COLUMN_NAME);
  g_assert_cmpuint (names->len, >, 1);
  for (guint i = 1; i < names->len; i++)
    g_assert_cmpint (g_utf8_collate (g_ptr_array_index (names, i - 1),
                                     g_ptr_array_index (names, i)), >, 0);

  /* Numbers sort as numbers. */
  gtk_tree_view_column_clicked (findings);
  for (guint row = 1; row < n_rows (fixture); row++)
    {
      ExtopoServer *a = extopo_inventory_model_get_server (rows (fixture), row - 1);
      ExtopoServer *b = extopo_inventory_model_get_server (rows (fixture), row);

      g_assert_cmpuint (a->findings->len, <=, b->findings->len);
    }
  gtk_tree_view_column_clicked (name);
}

static void
check_row_selects_in_diagram (Fixture *fixture)
{
  ExtopoGraphView *view = extopo_window_get_graph_view (fixture->window);
  GtkTreeView *tree_view = extopo_inventory_get_tree_view (fixture->inventory);
  ExtopoServer *server = extopo_inventory_model_get_server (rows (fixture), n_rows (fixture) - 1);
  g_autoptr(GtkTreePath) path = gtk_tree_path_new_from_indices (n_rows (fixture) - 1, -1);
  ExtopoObjectKind kind = EXTOPO_OBJECT_NONE;
  ExtopoRect visible;
  ExtopoRect box;

  /* From the fit view: the row's server is shown where its name reads. */
  extopo_graph_view_zoom_fit (view);
  extopo_graph_view_zoom_out (view);
  g_assert_cmpfloat (extopo_graph_view_get_zoom (view), <, 1.0);

  gtk_tree_selection_select_path (gtk_tree_view_get_selection (tree_view), path);
  g_assert_true (extopo_graph_view_get_selection (view, &kind) == server);
  g_assert_cmpint (kind, ==, EXTOPO_OBJECT_SERVER);
  g_assert_cmpfloat (extopo_graph_view_get_zoom (view), >=, 1.0);
  g_assert_true (extopo_geometry_find_object (extopo_graph_view_get_geometry (view),
                                              EXTOPO_OBJECT_SERVER, server, &box));
  extopo_graph_view_get_visible_rect (view, &visible);
  g_assert_true (extopo_rect_contains_point (&visible, box.x + box.width / 2,
                                             box.y + box.height / 2));
}

static void
check_diagram_selects_row (Fixture *fixture)
{
  ExtopoGraphView *view = extopo_window_get_graph_view (fixture->window);
  GPtrArray *servers = extopo_model_get_servers (extopo_window_get_model (fixture->window));
  ExtopoServer *shown = extopo_inventory_model_get_server (rows (fixture), 0);
  ExtopoServer *hidden = NULL;

  extopo_graph_view_set_selection (view, EXTOPO_OBJECT_SERVER, shown);
  g_signal_emit_by_name (view, "selection-changed");
  g_assert_true (extopo_inventory_get_selected_server (fixture->inventory) == shown);

  /* A server the filter hides leaves no row selected. */
  for (guint i = 0; i < servers->len && hidden == NULL; i++)
    if (extopo_inventory_model_get_row (rows (fixture), g_ptr_array_index (servers, i)) < 0)
      hidden = g_ptr_array_index (servers, i);
  g_assert_nonnull (hidden);
  extopo_graph_view_set_selection (view, EXTOPO_OBJECT_SERVER, hidden);
  g_signal_emit_by_name (view, "selection-changed");
  g_assert_null (extopo_inventory_get_selected_server (fixture->inventory));
}

static void
check_export (Fixture *fixture)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "rows.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (extopo_inventory_export_csv (fixture->inventory, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &csv, NULL, &error));

  /* A heading, then the rows shown, in their order. */
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, n_rows (fixture) + 2);
  g_assert_true (g_str_has_prefix (lines[0], "Name,FQDN,Product,Version,SP,Roles,"));
  g_assert_cmpstr (lines[n_rows (fixture) + 1], ==, "");
  for (guint row = 0; row < n_rows (fixture); row++)
    {
      ExtopoServer *server = extopo_inventory_model_get_server (rows (fixture), row);
      g_autofree char *start = g_strdup_printf ("%s,%s,", server->name, server->fqdn);

      g_assert_true (g_str_has_prefix (lines[row + 1], start));
      g_assert_nonnull (strstr (lines[row + 1], "Exchange Server 2007"));
    }
}

static gboolean
says_unknown_field (gpointer data)
{
  return strstr (extopo_inventory_get_status_text (data), "Unknown field") != NULL;
}

/* The whole round: open, filter as typed, sort, select both ways, quick
 * filters, export. */
static void
test_inventory_in_window (Fixture       *fixture,
                          gconstpointer  data)
{
  ExtopoModel *model = extopo_window_get_model (fixture->window);
  GtkComboBox *status = GTK_COMBO_BOX (gtk_widget_get_template_child (
                                         GTK_WIDGET (fixture->inventory), EXTOPO_TYPE_INVENTORY,
                                         "status_combo"));
  GtkLabel *filters = GTK_LABEL (gtk_widget_get_template_child (
                                   GTK_WIDGET (fixture->inventory), EXTOPO_TYPE_INVENTORY,
                                   "filters_label"));
  guint n_2007 = test_util_count_servers (model, is_2007);
  guint n;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "inventory", NULL);
  g_assert_true (spin_until (pending_events_done, NULL));

  type_filter (fixture, "version:2007", n_2007);
  g_assert_cmpuint (n_2007, >, 1);
  g_assert_cmpuint (n_2007, <, extopo_model_get_servers (model)->len);
  for (guint row = 0; row < n_rows (fixture); row++)
    g_assert_true (is_2007 (extopo_inventory_model_get_server (rows (fixture), row)));

  check_sort (fixture);
  check_row_selects_in_diagram (fixture);
  check_diagram_selects_row (fixture);
  check_export (fixture);

  /* A quick filter adds its term to the query. */
  gtk_combo_box_set_active_id (status, "status:>=warning");
  g_assert_cmpuint (n_rows (fixture), ==, test_util_count_servers (model, is_2007_with_problems));
  g_assert_cmpstr (gtk_label_get_text (filters), ==, "Filters (1)");
  type_filter (fixture, "version:2003", test_util_count_servers (model, is_2003_with_problems));
  g_assert_cmpuint (n_rows (fixture), >, 0);
  /* A quote left open in the entry does not swallow the quick filter. */
  type_filter (fixture, "\"sea-ex0", 1);
  g_assert_cmpstr (extopo_inventory_model_get_server (rows (fixture), 0)->name, ==, "SEA-EX03");

  /* A query that does not parse says why and keeps the rows. */
  n = n_rows (fixture);
  type_filter (fixture, "colour:red", n);
  g_assert_true (spin_until (says_unknown_field, fixture->inventory));
  g_assert_cmpuint (n_rows (fixture), ==, n);
}

/* A new source keeps the filter and the sort and reads the new servers. */
static void
test_inventory_reload (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = sample_path ("real-directory.ldif");
  int sort_column = -1;
  GtkSortType order;

  extopo_inventory_set_filter_text (fixture->inventory, "role:hub");
  gtk_tree_sortable_set_sort_column_id (GTK_TREE_SORTABLE (rows (fixture)),
                                        EXTOPO_INVENTORY_COLUMN_VERSION, GTK_SORT_DESCENDING);

  g_assert_true (test_ui_open_file_and_wait (fixture->window, path));

  g_assert_true (extopo_inventory_model_get_model (rows (fixture)) ==
                 extopo_window_get_model (fixture->window));
  g_assert_true (gtk_tree_sortable_get_sort_column_id (GTK_TREE_SORTABLE (rows (fixture)),
                                                       &sort_column, &order));
  g_assert_cmpint (sort_column, ==, EXTOPO_INVENTORY_COLUMN_VERSION);
  g_assert_cmpint (order, ==, GTK_SORT_DESCENDING);
  /* NW-EX2010, then the Exchange 2007 hubs. */
  g_assert_cmpuint (n_rows (fixture), ==, 3);
  g_assert_cmpstr (extopo_inventory_model_get_server (rows (fixture), 0)->name, ==, "NW-EX2010");
}

/* Cells that a spreadsheet would run are quoted and disarmed. */
static void
test_inventory_csv_guarded (void)
{
  g_autoptr(GtkWidget) inventory = g_object_ref_sink (extopo_inventory_new ());
  g_autofree char *dir = g_dir_make_tmp ("extopo-inventory-XXXXXX", NULL);
  g_autofree char *ldif = g_build_filename (dir, "evil.ldif", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "evil.csv", NULL);
  g_autoptr(ExtopoModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;

  g_assert_true (g_file_set_contents (
                   ldif,
                   "version: 1\n\n"
                   "dn: CN=Evil,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=x\n"
                   "objectClass: msExchOrganizationContainer\nmsExchMixedMode: FALSE\n\n"
                   "dn: CN=Admins\\, \\\"HQ\\\",CN=Administrative Groups,"
                   "CN=Evil,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=x\n"
                   "objectClass: msExchAdminGroup\n\n"
                   "dn: CN=\\3DHYPERLINK(1),CN=Servers,CN=Admins\\, \\\"HQ\\\",CN=Administrative Groups,"
                   "CN=Evil,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=x\n"
                   "objectClass: top\nobjectClass: server\nobjectClass: msExchExchangeServer\n"
                   "serialNumber: Version 6.5 (Build 7638.2: Service Pack 2)\n"
                   "networkAddress: ncacn_ip_tcp:@evil.x\n\n",
                   -1, &error));
  g_assert_no_error (error);
  model = extopo_loader_load_file (ldif, NULL, &error);
  g_assert_no_error (error);

  extopo_inventory_set_model (EXTOPO_INVENTORY (inventory), model);
  g_assert_true (extopo_inventory_export_csv (EXTOPO_INVENTORY (inventory), csv_path, &error));
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
  g_assert_nonnull (strstr (csv, "\r\n\"'=HYPERLINK(1)\",\"'@evil.x\",Exchange Server 2003,"));
  g_assert_nonnull (strstr (csv, ",\"Admins, \"\"HQ\"\"\","));

  test_ui_remove_dir (dir);
}

static gboolean
is_older_than_2007_with_problems (const ExtopoServer *server)
{
  return server->version.known && server->version.product != EXTOPO_PRODUCT_UNKNOWN &&
         server->version.product < EXTOPO_PRODUCT_EXCHANGE_2007 &&
         server->status >= EXTOPO_STATUS_WARNING;
}

/* 20,000 servers: filtered and sorted through index arrays, shown by a
 * fixed-height tree view. */
static void
test_inventory_large (void)
{
  g_autofree char *dir = g_dir_make_tmp ("extopo-inventory-XXXXXX", NULL);
  g_autofree char *ldif = test_util_generate_org (dir, 20000, 2000);
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoModel) model = extopo_loader_load_file (ldif, NULL, &error);
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  GtkWidget *inventory = extopo_inventory_new ();
  ExtopoInventoryModel *list;
  ExtopoServer *previous = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (extopo_model_get_servers (model)->len, ==, 20000);
  gtk_container_add (GTK_CONTAINER (window), inventory);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 600);
  gtk_widget_show_all (window);

  extopo_inventory_set_model (EXTOPO_INVENTORY (inventory), model);
  list = extopo_inventory_get_rows (EXTOPO_INVENTORY (inventory));
  g_assert_cmpuint (extopo_inventory_model_get_n_rows (list), ==, 20000);

  extopo_inventory_set_filter_text (EXTOPO_INVENTORY (inventory), "version:<2007 status:>=warn");
  g_assert_cmpuint (extopo_inventory_model_get_n_rows (list), ==,
                    test_util_count_servers (model, is_older_than_2007_with_problems));
  g_assert_cmpuint (extopo_inventory_model_get_n_rows (list), >, 0);

  extopo_inventory_set_filter_text (EXTOPO_INVENTORY (inventory), "");
  gtk_tree_sortable_set_sort_column_id (GTK_TREE_SORTABLE (list),
                                        EXTOPO_INVENTORY_COLUMN_VERSION, GTK_SORT_ASCENDING);
  for (guint row = 0; row < extopo_inventory_model_get_n_rows (list); row++)
    {
      ExtopoServer *server = extopo_inventory_model_get_server (list, row);

      if (previous != NULL && previous->version.known)
        g_assert_cmpint (extopo_version_compare (&previous->version, &server->version), <=, 0);
      g_assert_cmpint (extopo_inventory_model_get_row (list, server), ==, (int) row);
      previous = server;
    }

  /* The last row is reachable. */
  extopo_inventory_select_server (EXTOPO_INVENTORY (inventory), previous);
  g_assert_true (extopo_inventory_get_selected_server (EXTOPO_INVENTORY (inventory)) == previous);

  gtk_widget_destroy (window);
  test_ui_remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  application = test_ui_init (&argc, &argv);

  g_test_add ("/inventory/hidden-waits", Fixture, NULL, fixture_set_up,
              test_inventory_hidden_waits, fixture_tear_down);
  g_test_add ("/inventory/toggle", Fixture, NULL, fixture_set_up, test_inventory_toggle,
              fixture_tear_down);
  g_test_add ("/inventory/in-window", Fixture, NULL, fixture_set_up, test_inventory_in_window,
              fixture_tear_down);
  g_test_add ("/inventory/reload", Fixture, NULL, fixture_set_up, test_inventory_reload,
              fixture_tear_down);
  g_test_add_func ("/inventory/csv-guarded", test_inventory_csv_guarded);
  g_test_add_func ("/inventory/large", test_inventory_large);

  status = g_test_run ();

  g_object_unref (application);

  return status;
}
