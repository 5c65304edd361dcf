/* extopo-inventory.c: the table of servers beside the diagram, filtered with
 * the search language and quick filters, sorted by any column.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-inventory"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "extopo-inventory.h"

struct _ExtopoInventory
{
  GtkBox                parent_instance;

  /* template children */
  GtkSearchEntry       *filter_entry;
  GtkComboBoxText      *version_combo;
  GtkComboBoxText      *role_combo;
  GtkComboBoxText      *status_combo;
  GtkSearchEntry       *group_entry;
  GtkLabel             *filters_label;
  GtkButton            *clear_filters_button;
  GtkLabel             *count_label;
  GtkTreeView          *tree_view;

  /* owned */
  ExtopoInventoryModel *rows;
  GtkListStore         *group_names;  /* the completion of the group entry */

  /* The selection is being changed by code, or the view is being rebuilt:
   * no "server-selected". */
  gboolean              quiet;
};

G_DEFINE_FINAL_TYPE (ExtopoInventory, extopo_inventory, GTK_TYPE_BOX)

enum
{
  SERVER_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Fixed widths: the view is in fixed-height mode, which measures nothing
 * per row. Columns can still be resized by hand. */
static const struct
{
  ExtopoInventoryColumn column;
  int                   width;
  gboolean              numeric;
} column_table[] = {
  { EXTOPO_INVENTORY_COLUMN_NAME, 150, FALSE },
  { EXTOPO_INVENTORY_COLUMN_FQDN, 210, FALSE },
  { EXTOPO_INVENTORY_COLUMN_PRODUCT, 170, FALSE },
  { EXTOPO_INVENTORY_COLUMN_VERSION, 100, FALSE },
  { EXTOPO_INVENTORY_COLUMN_SERVICE_PACK, 60, FALSE },
  { EXTOPO_INVENTORY_COLUMN_ROLES, 220, FALSE },
  { EXTOPO_INVENTORY_COLUMN_ADMIN_GROUP, 200, FALSE },
  { EXTOPO_INVENTORY_COLUMN_ROUTING_GROUP, 200, FALSE },
  { EXTOPO_INVENTORY_COLUMN_SITE, 120, FALSE },
  { EXTOPO_INVENTORY_COLUMN_STATUS, 120, FALSE },
  { EXTOPO_INVENTORY_COLUMN_FINDINGS, 80, TRUE },
};

/* Releases a quick filter offers, in release order, with their query term. */
static const struct
{
  ExtopoProduct  product;
  const char    *name;
  const char    *term;
} release_table[] = {
  { EXTOPO_PRODUCT_EXCHANGE_55, "5.5", "version:5.5" },
  { EXTOPO_PRODUCT_EXCHANGE_2000, "2000", "version:2000" },
  { EXTOPO_PRODUCT_EXCHANGE_2003, "2003", "version:2003" },
  { EXTOPO_PRODUCT_EXCHANGE_2007, "2007", "version:2007" },
  { EXTOPO_PRODUCT_EXCHANGE_2010, "2010", "version:2010" },
  { EXTOPO_PRODUCT_EXCHANGE_2013, "2013", "version:2013" },
  { EXTOPO_PRODUCT_EXCHANGE_2016, "2016", "version:2016" },
  { EXTOPO_PRODUCT_EXCHANGE_2019, "2019", "version:2019" },
  { EXTOPO_PRODUCT_EXCHANGE_SE, "SE", "version:se" },
};

static void apply_filter (ExtopoInventory *self);
static void filter_changed_cb (ExtopoInventory *self);

/* Filtering */

/* The group entry's text as a term: the whole name when it is a group's,
 * else a part of one. Quotes cannot be inside a term. */
static gboolean
append_group_term (ExtopoInventory *self,
                   GString         *query)
{
  g_autofree char *text = g_strdup (gtk_entry_get_text (GTK_ENTRY (self->group_entry)));
  g_autofree char *folded = NULL;
  gboolean whole = FALSE;
  GtkTreeIter iter;

  g_strdelimit (text, "\"", ' ');
  g_strstrip (text);
  if (*text == '\0')
    return FALSE;

  folded = extopo_search_fold (text);
  for (gboolean more = gtk_tree_model_get_iter_first (GTK_TREE_MODEL (self->group_names), &iter);
       more && !whole;
       more = gtk_tree_model_iter_next (GTK_TREE_MODEL (self->group_names), &iter))
    {
      g_autofree char *name = NULL;
      g_autofree char *folded_name = NULL;

      gtk_tree_model_get (GTK_TREE_MODEL (self->group_names), &iter, 0, &name, -1);
      folded_name = extopo_search_fold (name);
      whole = g_str_equal (folded, folded_name);
    }

  g_string_append_printf (query, " group:%s\"%s\"", whole ? "=" : "", text);

  return TRUE;
}

static gboolean
append_combo_term (GtkComboBoxText *combo,
                   GString         *query)
{
  const char *term = gtk_combo_box_get_active_id (GTK_COMBO_BOX (combo));

  if (term == NULL || *term == '\0')
    return FALSE;

  g_string_append_printf (query, " %s", term);

  return TRUE;
}

/* The filter entry's query and every quick filter's term, all of which
 * must match; the button that opens the quick filters counts those set. */
static char *
compose_query (ExtopoInventory *self)
{
  GString *query = g_string_new (gtk_entry_get_text (GTK_ENTRY (self->filter_entry)));
  g_autofree char *label = NULL;
  guint n = 0;

  n += append_combo_term (self->version_combo, query);
  n += append_combo_term (self->role_combo, query);
  n += append_combo_term (self->status_combo, query);
  n += append_group_term (self, query);

  /* Translators: the button of the quick filters, with how many are set. */
  label = n > 0 ? g_strdup_printf (_("Filters (%u)"), n) : g_strdup (_("Filters"));
  gtk_label_set_text (self->filters_label, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_filters_button), n > 0);

  return g_string_free (query, FALSE);
}

static void
clear_filters_cb (ExtopoInventory *self)
{
  g_signal_handlers_block_by_func (self->version_combo, filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->role_combo, filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->status_combo, filter_changed_cb, self);
  g_signal_handlers_block_by_func (self->group_entry, filter_changed_cb, self);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->version_combo), "");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->role_combo), "");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->status_combo), "");
  gtk_entry_set_text (GTK_ENTRY (self->group_entry), "");
  g_signal_handlers_unblock_by_func (self->version_combo, filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->role_combo, filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->status_combo, filter_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->group_entry, filter_changed_cb, self);
  apply_filter (self);
}

static void
set_status (ExtopoInventory *self,
            const char      *error)
{
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self->filter_entry));
  g_autofree char *text = NULL;

  if (error != NULL)
    text = g_strdup (error);
  else if (self->rows != NULL)
    {
      guint shown = extopo_inventory_model_get_n_rows (self->rows);
      guint total = extopo_model_get_servers (extopo_inventory_model_get_model (self->rows))->len;

      /* Translators: the rows the inventory shows, then all servers. */
      text = g_strdup_printf (ngettext ("%u of %u server", "%u of %u servers", total),
                              shown, total);
    }

  gtk_label_set_text (self->count_label, text != NULL ? text : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->count_label), error);
  if (error != NULL)
    gtk_style_context_add_class (style, GTK_STYLE_CLASS_ERROR);
  else
    gtk_style_context_remove_class (style, GTK_STYLE_CLASS_ERROR);
}

static void
scroll_to_row (ExtopoInventory *self,
               int              row)
{
  g_autoptr(GtkTreePath) path = gtk_tree_path_new_from_indices (row, -1);

  if (gtk_widget_get_realized (GTK_WIDGET (self->tree_view)))
    gtk_tree_view_scroll_to_cell (self->tree_view, path, NULL, FALSE, 0, 0);
}

/* Selects @server's row without telling anyone. */
static void
select_row_of (ExtopoInventory *self,
               ExtopoServer    *server)
{
  GtkTreeSelection *selection = gtk_tree_view_get_selection (self->tree_view);
  int row = self->rows != NULL ? extopo_inventory_model_get_row (self->rows, server) : -1;
  gboolean quiet = self->quiet;

  self->quiet = TRUE;
  if (row < 0)
    gtk_tree_selection_unselect_all (selection);
  else
    {
      g_autoptr(GtkTreePath) path = gtk_tree_path_new_from_indices (row, -1);

      gtk_tree_selection_select_path (selection, path);
      /* Keyboard moves start from the row too. */
      gtk_tree_view_set_cursor (self->tree_view, path, NULL, FALSE);
      scroll_to_row (self, row);
    }
  self->quiet = quiet;
}

static void
apply_filter (ExtopoInventory *self)
{
  g_autofree char *query = compose_query (self);
  g_autoptr(ExtopoSearch) search = NULL;
  g_autoptr(GError) error = NULL;
  ExtopoServer *selected;

  search = extopo_search_new (query, &error);
  if (search == NULL)
    {
      /* The rows stay as they were until the query parses. */
      set_status (self, error->message);
      return;
    }
  if (self->rows == NULL)
    {
      set_status (self, NULL);
      return;
    }

  /* Off the view while rows come and go: one rebuild instead of a signal
   * per row. */
  selected = extopo_inventory_get_selected_server (self);
  self->quiet = TRUE;
  gtk_tree_view_set_model (self->tree_view, NULL);
  extopo_inventory_model_set_search (self->rows, search);
  gtk_tree_view_set_model (self->tree_view, GTK_TREE_MODEL (self->rows));
  select_row_of (self, selected);
  self->quiet = FALSE;

  set_status (self, NULL);
}

static void
filter_changed_cb (ExtopoInventory *self)
{
  apply_filter (self);
}

/* Selection */

static void
selection_changed_cb (GtkTreeSelection *selection,
                      ExtopoInventory  *self)
{
  if (self->quiet)
    return;

  g_signal_emit (self, signals[SERVER_SELECTED], 0, extopo_inventory_get_selected_server (self));
}

/* Enter or a double-click shows the server again, after the diagram moved. */
static void
row_activated_cb (GtkTreeView       *tree_view,
                  GtkTreePath       *path,
                  GtkTreeViewColumn *column,
                  ExtopoInventory   *self)
{
  g_signal_emit (self, signals[SERVER_SELECTED], 0, extopo_inventory_get_selected_server (self));
}

/* Columns */

static void
add_column (ExtopoInventory *self,
            guint            i)
{
  ExtopoInventoryColumn id = column_table[i].column;
  GtkTreeViewColumn *column = gtk_tree_view_column_new ();
  GtkCellRenderer *text = gtk_cell_renderer_text_new ();

  gtk_tree_view_column_set_title (column, extopo_inventory_column_get_title (id));
  gtk_tree_view_column_set_sizing (column, GTK_TREE_VIEW_COLUMN_FIXED);
  gtk_tree_view_column_set_fixed_width (column, column_table[i].width);
  gtk_tree_view_column_set_resizable (column, TRUE);
  gtk_tree_view_column_set_sort_column_id (column, id);

  if (id == EXTOPO_INVENTORY_COLUMN_STATUS)
    {
      GtkCellRenderer *icon = gtk_cell_renderer_pixbuf_new ();

      gtk_tree_view_column_pack_start (column, icon, FALSE);
      gtk_tree_view_column_add_attribute (column, icon, "icon-name",
                                          EXTOPO_INVENTORY_COLUMN_STATUS_ICON);
    }

  g_object_set (text, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
  if (column_table[i].numeric)
    {
      g_object_set (text, "xalign", 1.0, NULL);
      gtk_tree_view_column_set_alignment (column, 1.0);
    }
  gtk_tree_view_column_pack_start (column, text, TRUE);
  gtk_tree_view_column_add_attribute (column, text, "text", id);

  gtk_tree_view_append_column (self->tree_view, column);
}

/* Quick filters that depend on the model */

static void
fill_version_combo (ExtopoInventory *self,
                    ExtopoModel     *model)
{
  gboolean present[G_N_ELEMENTS (release_table)] = { FALSE };
  GPtrArray *servers = model != NULL ? extopo_model_get_servers (model) : NULL;
  g_autofree char *active = g_strdup (gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->version_combo)));

  for (guint i = 0; servers != NULL && i < servers->len; i++)
    {
      ExtopoServer *server = g_ptr_array_index (servers, i);

      for (guint r = 0; r < G_N_ELEMENTS (release_table); r++)
        if (server->version.known && server->version.product == release_table[r].product)
          present[r] = TRUE;
    }

  g_signal_handlers_block_by_func (self->version_combo, filter_changed_cb, self);
  gtk_combo_box_text_remove_all (self->version_combo);
  gtk_combo_box_text_append (self->version_combo, "", _("All versions"));
  for (guint r = 0; r < G_N_ELEMENTS (release_table); r++)
    if (present[r])
      {
        /* Translators: a release in the inventory's quick filter, "Exchange 2003". */
        g_autofree char *label = g_strdup_printf (_("Exchange %s"), release_table[r].name);

        gtk_combo_box_text_append (self->version_combo, release_table[r].term, label);
      }
  if (active == NULL || !gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->version_combo), active))
    gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->version_combo), "");
  g_signal_handlers_unblock_by_func (self->version_combo, filter_changed_cb, self);
}

static void
fill_group_names (ExtopoInventory *self,
                  ExtopoModel     *model)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *lists[2] = { NULL, NULL };

  gtk_list_store_clear (self->group_names);
  if (model == NULL)
    return;

  lists[0] = extopo_model_get_admin_groups (model);
  lists[1] = extopo_model_get_routing_groups (model);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        const char *name = l == 0 ? ((ExtopoAdminGroup *) g_ptr_array_index (lists[l], i))->name
                                  : ((ExtopoRoutingGroup *) g_ptr_array_index (lists[l], i))->name;

        if (name != NULL && g_hash_table_add (seen, (gpointer) name))
          gtk_list_store_insert_with_values (self->group_names, NULL, -1, 0, name, -1);
      }
}

/* GObject */

static void
extopo_inventory_dispose (GObject *object)
{
  ExtopoInventory *self = EXTOPO_INVENTORY (object);

  g_clear_object (&self->rows);
  g_clear_object (&self->group_names);

  G_OBJECT_CLASS (extopo_inventory_parent_class)->dispose (object);
}

static void
extopo_inventory_class_init (ExtopoInventoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = extopo_inventory_dispose;

  signals[SERVER_SELECTED] = g_signal_new ("server-selected",
                                           G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST,
                                           0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/extopo/ExTopo/extopo-inventory.ui");
  gtk_widget_class_bind_template_child (widget_class, ExtopoInventory, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, ExtopoInventory, version_combo);
  gtk_widget_class_bind_template_child (widget_class, ExtopoInventory, role_combo);
  gtk_widget_class_bind_template_child (widget_class, ExtopoInventory, status_combo);
  gtk_widget_class_bind_template_child (widget_class, ExtopoInventory, group_entry);
  gtk_widget_class_bind_template_child (widget_class, ExtopoInventory, filters_label);
  gtk_widget_class_bind_template_child (widget_class, ExtopoInventory, clear_filters_button);
  gtk_widget_class_bind_template_child (widget_class, ExtopoInventory, count_label);
  gtk_widget_class_bind_template_child (widget_class, ExtopoInventory, tree_view);
}

static void
extopo_inventory_init (ExtopoInventory *self)
{
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (column_table); i++)
    add_column (self, i);
  gtk_tree_view_set_fixed_height_mode (self->tree_view, TRUE);

  self->group_names = gtk_list_store_new (1, G_TYPE_STRING);
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (self->group_names));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 1);
  gtk_entry_set_completion (GTK_ENTRY (self->group_entry), completion);
  fill_version_combo (self, NULL);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->role_combo), "");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->status_combo), "");

  g_signal_connect_object (self->filter_entry, "search-changed",
                           G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->group_entry, "search-changed",
                           G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->version_combo, "changed",
                           G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->role_combo, "changed",
                           G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->status_combo, "changed",
                           G_CALLBACK (filter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->clear_filters_button, "clicked",
                           G_CALLBACK (clear_filters_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_tree_view_get_selection (self->tree_view), "changed",
                           G_CALLBACK (selection_changed_cb), self, 0);
  g_signal_connect_object (self->tree_view, "row-activated",
                           G_CALLBACK (row_activated_cb), self, 0);
}

GtkWidget *
extopo_inventory_new (void)
{
  return g_object_new (EXTOPO_TYPE_INVENTORY, NULL);
}

void
extopo_inventory_set_model (ExtopoInventory *self,
                            ExtopoModel     *model)
{
  int sort_column = GTK_TREE_SORTABLE_UNSORTED_SORT_COLUMN_ID;
  GtkSortType order = GTK_SORT_ASCENDING;

  g_return_if_fail (EXTOPO_IS_INVENTORY (self));
  g_return_if_fail (model == NULL || EXTOPO_IS_MODEL (model));

  if (self->rows != NULL && extopo_inventory_model_get_model (self->rows) == model)
    return;

  self->quiet = TRUE;
  gtk_tree_view_set_model (self->tree_view, NULL);
  if (self->rows != NULL)
    gtk_tree_sortable_get_sort_column_id (GTK_TREE_SORTABLE (self->rows), &sort_column, &order);
  g_clear_object (&self->rows);
  if (model != NULL)
    {
      self->rows = extopo_inventory_model_new (model);
      gtk_tree_sortable_set_sort_column_id (GTK_TREE_SORTABLE (self->rows), sort_column, order);
    }
  fill_version_combo (self, model);
  fill_group_names (self, model);
  self->quiet = FALSE;

  apply_filter (self);
}

ExtopoInventoryModel *
extopo_inventory_get_rows (ExtopoInventory *self)
{
  g_return_val_if_fail (EXTOPO_IS_INVENTORY (self), NULL);

  return self->rows;
}

GtkTreeView *
extopo_inventory_get_tree_view (ExtopoInventory *self)
{
  g_return_val_if_fail (EXTOPO_IS_INVENTORY (self), NULL);

  return self->tree_view;
}

void
extopo_inventory_set_filter_text (ExtopoInventory *self,
                                  const char      *text)
{
  g_return_if_fail (EXTOPO_IS_INVENTORY (self));

  g_signal_handlers_block_by_func (self->filter_entry, filter_changed_cb, self);
  gtk_entry_set_text (GTK_ENTRY (self->filter_entry), text != NULL ? text : "");
  g_signal_handlers_unblock_by_func (self->filter_entry, filter_changed_cb, self);
  apply_filter (self);
}

const char *
extopo_inventory_get_status_text (ExtopoInventory *self)
{
  g_return_val_if_fail (EXTOPO_IS_INVENTORY (self), NULL);

  return gtk_label_get_text (self->count_label);
}

void
extopo_inventory_select_server (ExtopoInventory *self,
                                ExtopoServer    *server)
{
  g_return_if_fail (EXTOPO_IS_INVENTORY (self));

  if (server != NULL && server == extopo_inventory_get_selected_server (self))
    return;

  select_row_of (self, server);
}

ExtopoServer *
extopo_inventory_get_selected_server (ExtopoInventory *self)
{
  GtkTreeSelection *selection;
  ExtopoServer *server = NULL;
  GtkTreeModel *model;
  GtkTreeIter iter;

  g_return_val_if_fail (EXTOPO_IS_INVENTORY (self), NULL);

  selection = gtk_tree_view_get_selection (self->tree_view);
  if (gtk_tree_selection_get_selected (selection, &model, &iter))
    gtk_tree_model_get (model, &iter, EXTOPO_INVENTORY_COLUMN_SERVER, &server, -1);

  return server;
}

gboolean
extopo_inventory_export_csv (ExtopoInventory  *self,
                             const char       *path,
                             GError          **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (EXTOPO_IS_INVENTORY (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (self->rows == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, _("No organization is open"));
      return FALSE;
    }

  csv = extopo_inventory_model_to_csv (self->rows);

  return g_file_set_contents (path, csv, -1, error);
}
