/* extopo-inventory-model.c: the servers of a model as a filtered, sorted
 * list, for the inventory's tree view.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-inventory-model"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "extopo-inventory-model.h"
#include "extopo-report.h"
#include "extopo-server-card.h"

struct _ExtopoInventoryModel
{
  GObject      parent_instance;

  /* owned */
  ExtopoModel *model;
  GArray      *rows;            /* guint server index, one per row shown, in order */
  int         *row_of;          /* per server: its row, or -1 */
  char       **sort_keys[EXTOPO_INVENTORY_N_TEXT_COLUMNS]; /* per server, built when first sorted */

  int          sort_column;     /* a text column, or GTK_TREE_SORTABLE_UNSORTED_SORT_COLUMN_ID */
  GtkSortType  sort_order;
  int          stamp;
};

static void extopo_inventory_model_tree_model_init (GtkTreeModelIface *iface);
static void extopo_inventory_model_sortable_init (GtkTreeSortableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ExtopoInventoryModel, extopo_inventory_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_TREE_MODEL,
                                                      extopo_inventory_model_tree_model_init)
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_TREE_SORTABLE,
                                                      extopo_inventory_model_sortable_init))

static const char * const column_titles[] = {
  [EXTOPO_INVENTORY_COLUMN_NAME] = N_("Name"),
  [EXTOPO_INVENTORY_COLUMN_FQDN] = N_("FQDN"),
  [EXTOPO_INVENTORY_COLUMN_PRODUCT] = N_("Product"),
  [EXTOPO_INVENTORY_COLUMN_VERSION] = N_("Version"),
  /* Translators: a column heading, service pack (or cumulative update). */
  [EXTOPO_INVENTORY_COLUMN_SERVICE_PACK] = N_("SP"),
  [EXTOPO_INVENTORY_COLUMN_ROLES] = N_("Roles"),
  [EXTOPO_INVENTORY_COLUMN_ADMIN_GROUP] = N_("Administrative group"),
  [EXTOPO_INVENTORY_COLUMN_ROUTING_GROUP] = N_("Routing group"),
  [EXTOPO_INVENTORY_COLUMN_SITE] = N_("Site"),
  [EXTOPO_INVENTORY_COLUMN_STATUS] = N_("Status"),
  [EXTOPO_INVENTORY_COLUMN_FINDINGS] = N_("Findings"),
};

const char *
extopo_inventory_column_get_title (ExtopoInventoryColumn column)
{
  g_return_val_if_fail (column < EXTOPO_INVENTORY_N_TEXT_COLUMNS, NULL);

  return _(column_titles[column]);
}

static ExtopoServer *
server_at (ExtopoInventoryModel *self,
           guint                 index)
{
  return g_ptr_array_index (extopo_model_get_servers (self->model), index);
}

static guint
n_servers (ExtopoInventoryModel *self)
{
  return extopo_model_get_servers (self->model)->len;
}

static void
update_row_map (ExtopoInventoryModel *self)
{
  for (guint i = 0; i < n_servers (self); i++)
    self->row_of[i] = -1;
  for (guint row = 0; row < self->rows->len; row++)
    self->row_of[g_array_index (self->rows, guint, row)] = (int) row;
}

/* Cells */

static const char *
group_name (const char *name)
{
  return name != NULL ? name : "";
}

char *
extopo_inventory_model_get_text (ExtopoInventoryModel  *self,
                                 const ExtopoServer    *server,
                                 ExtopoInventoryColumn  column)
{
  g_return_val_if_fail (EXTOPO_IS_INVENTORY_MODEL (self), NULL);
  g_return_val_if_fail (server != NULL, NULL);

  switch (column)
    {
    case EXTOPO_INVENTORY_COLUMN_NAME:
      return g_strdup (server->name);
    case EXTOPO_INVENTORY_COLUMN_FQDN:
      return g_strdup (server->fqdn);
    case EXTOPO_INVENTORY_COLUMN_PRODUCT:
      if (!server->version.known)
        return g_strdup (server->provisioned ? _("Provisioned") : _("Unknown"));
      return g_strdup (extopo_product_get_name (server->version.product));
    case EXTOPO_INVENTORY_COLUMN_VERSION:
      return extopo_version_to_string (&server->version);
    case EXTOPO_INVENTORY_COLUMN_SERVICE_PACK:
      return extopo_version_get_level_text (&server->version);
    case EXTOPO_INVENTORY_COLUMN_ROLES:
      return extopo_roles_to_display_text (server->roles, server->version.product);
    case EXTOPO_INVENTORY_COLUMN_ADMIN_GROUP:
      return g_strdup (server->admin_group != NULL ? group_name (server->admin_group->name) : NULL);
    case EXTOPO_INVENTORY_COLUMN_ROUTING_GROUP:
      return g_strdup (server->routing_group != NULL
                       ? group_name (server->routing_group->name) : NULL);
    case EXTOPO_INVENTORY_COLUMN_SITE:
      return g_strdup (server->site_name);
    case EXTOPO_INVENTORY_COLUMN_STATUS:
      return g_strdup (extopo_status_get_label (server->status));
    case EXTOPO_INVENTORY_COLUMN_FINDINGS:
      return g_strdup_printf ("%u", server->findings != NULL ? server->findings->len : 0);
    case EXTOPO_INVENTORY_N_TEXT_COLUMNS:
    case EXTOPO_INVENTORY_COLUMN_SERVER:
    case EXTOPO_INVENTORY_N_COLUMNS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Sorting */

static char **
build_sort_keys (ExtopoInventoryModel  *self,
                 ExtopoInventoryColumn  column)
{
  char **keys = g_new0 (char *, n_servers (self) + 1);

  for (guint i = 0; i < n_servers (self); i++)
    {
      g_autofree char *text = extopo_inventory_model_get_text (self, server_at (self, i), column);

      /* Names with numbers sort as people count: EX2 before EX10. */
      keys[i] = g_utf8_collate_key_for_filename (text != NULL ? text : "", -1);
    }

  return keys;
}

static char **
sort_keys (ExtopoInventoryModel  *self,
           ExtopoInventoryColumn  column)
{
  if (self->sort_keys[column] == NULL)
    self->sort_keys[column] = build_sort_keys (self, column);

  return self->sort_keys[column];
}

static int
compare_int (int a,
             int b)
{
  return (a > b) - (a < b);
}

/* Service packs up to 2010, cumulative updates from 2013. */
static int
server_level (const ExtopoServer *server)
{
  if (!server->version.known)
    return -2;
  if (extopo_product_has_cumulative_updates (server->version.product))
    return server->version.cumulative_update;

  return server->version.service_pack;
}

static int
compare_versions (const ExtopoServer *a,
                  const ExtopoServer *b)
{
  if (a->version.known != b->version.known)
    return a->version.known ? 1 : -1;

  return a->version.known ? extopo_version_compare (&a->version, &b->version) : 0;
}

static guint
n_findings (const ExtopoServer *server)
{
  return server->findings != NULL ? server->findings->len : 0;
}

/* What a column means, where that is not its text; text columns compare
 * their collation keys. */
static int
compare_servers (ExtopoInventoryModel  *self,
                 guint                  a,
                 guint                  b,
                 ExtopoInventoryColumn  column)
{
  const ExtopoServer *sa = server_at (self, a);
  const ExtopoServer *sb = server_at (self, b);
  char **keys;

  switch (column)
    {
    case EXTOPO_INVENTORY_COLUMN_PRODUCT:
      return compare_int (sa->version.product, sb->version.product);
    case EXTOPO_INVENTORY_COLUMN_VERSION:
      return compare_versions (sa, sb);
    case EXTOPO_INVENTORY_COLUMN_SERVICE_PACK:
      return compare_int (server_level (sa), server_level (sb));
    case EXTOPO_INVENTORY_COLUMN_STATUS:
      return compare_int (sa->status, sb->status);
    case EXTOPO_INVENTORY_COLUMN_FINDINGS:
      return compare_int (n_findings (sa), n_findings (sb));
    case EXTOPO_INVENTORY_COLUMN_NAME:
    case EXTOPO_INVENTORY_COLUMN_FQDN:
    case EXTOPO_INVENTORY_COLUMN_ROLES:
    case EXTOPO_INVENTORY_COLUMN_ADMIN_GROUP:
    case EXTOPO_INVENTORY_COLUMN_ROUTING_GROUP:
    case EXTOPO_INVENTORY_COLUMN_SITE:
      keys = sort_keys (self, column);
      return strcmp (keys[a], keys[b]);
    default:
      return 0;
    }
}

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  ExtopoInventoryModel *self = user_data;
  guint ia = *(const guint *) a;
  guint ib = *(const guint *) b;
  int result = compare_servers (self, ia, ib, self->sort_column);

  /* Ties by name, then in the model's order, in either direction. */
  if (result == 0 && self->sort_column != EXTOPO_INVENTORY_COLUMN_NAME)
    result = compare_servers (self, ia, ib, EXTOPO_INVENTORY_COLUMN_NAME);
  if (result == 0)
    result = compare_int (ia, ib);

  return self->sort_order == GTK_SORT_DESCENDING ? -result : result;
}

static int
compare_indices (gconstpointer a,
                 gconstpointer b)
{
  return compare_int (*(const guint *) a, *(const guint *) b);
}

static void
sort_rows (ExtopoInventoryModel *self)
{
  if (self->sort_column < 0 || self->sort_column >= EXTOPO_INVENTORY_N_TEXT_COLUMNS)
    {
      /* Unsorted: the model's order, which is the order of the indices. */
      g_array_sort (self->rows, compare_indices);
      return;
    }

  g_array_sort_with_data (self->rows, compare_rows, self);
}

/* Re-sorts the rows shown and tells the views where each went. */
static void
resort (ExtopoInventoryModel *self)
{
  g_autofree int *new_order = NULL;
  g_autoptr(GtkTreePath) path = NULL;
  guint n = self->rows->len;

  if (n == 0)
    return;

  /* new_order[new position] = old position. */
  sort_rows (self);
  new_order = g_new (int, n);
  for (guint row = 0; row < n; row++)
    new_order[row] = self->row_of[g_array_index (self->rows, guint, row)];
  update_row_map (self);

  path = gtk_tree_path_new ();
  gtk_tree_model_rows_reordered (GTK_TREE_MODEL (self), path, NULL, new_order);
}

/* GtkTreeSortable */

static gboolean
extopo_inventory_model_get_sort_column_id (GtkTreeSortable *sortable,
                                           int             *sort_column_id,
                                           GtkSortType     *order)
{
  ExtopoInventoryModel *self = EXTOPO_INVENTORY_MODEL (sortable);

  if (sort_column_id != NULL)
    *sort_column_id = self->sort_column;
  if (order != NULL)
    *order = self->sort_order;

  return self->sort_column >= 0;
}

static void
extopo_inventory_model_set_sort_column_id (GtkTreeSortable *sortable,
                                           int              sort_column_id,
                                           GtkSortType      order)
{
  ExtopoInventoryModel *self = EXTOPO_INVENTORY_MODEL (sortable);

  if (sort_column_id >= EXTOPO_INVENTORY_N_TEXT_COLUMNS ||
      sort_column_id == GTK_TREE_SORTABLE_DEFAULT_SORT_COLUMN_ID)
    sort_column_id = GTK_TREE_SORTABLE_UNSORTED_SORT_COLUMN_ID;
  if (sort_column_id == self->sort_column && order == self->sort_order)
    return;

  self->sort_column = sort_column_id;
  self->sort_order = order;
  gtk_tree_sortable_sort_column_changed (sortable);
  resort (self);
}

static gboolean
extopo_inventory_model_has_default_sort_func (GtkTreeSortable *sortable)
{
  return FALSE;
}

static void
extopo_inventory_model_sortable_init (GtkTreeSortableIface *iface)
{
  /* The columns sort themselves: no sort functions to set. */
  iface->get_sort_column_id = extopo_inventory_model_get_sort_column_id;
  iface->set_sort_column_id = extopo_inventory_model_set_sort_column_id;
  iface->has_default_sort_func = extopo_inventory_model_has_default_sort_func;
}

/* GtkTreeModel */

static GtkTreeModelFlags
extopo_inventory_model_get_flags (GtkTreeModel *model)
{
  return GTK_TREE_MODEL_LIST_ONLY;
}

static int
extopo_inventory_model_get_n_columns (GtkTreeModel *model)
{
  return EXTOPO_INVENTORY_N_COLUMNS;
}

static GType
extopo_inventory_model_get_column_type (GtkTreeModel *model,
                                        int           column)
{
  g_return_val_if_fail (column >= 0 && column < EXTOPO_INVENTORY_N_COLUMNS, G_TYPE_INVALID);

  return column == EXTOPO_INVENTORY_COLUMN_SERVER ? G_TYPE_POINTER : G_TYPE_STRING;
}

static gboolean
set_iter (ExtopoInventoryModel *self,
          GtkTreeIter          *iter,
          int                   row)
{
  if (row < 0 || (guint) row >= self->rows->len)
    {
      iter->stamp = 0;
      return FALSE;
    }

  iter->stamp = self->stamp;
  iter->user_data = GINT_TO_POINTER (row);
  iter->user_data2 = NULL;
  iter->user_data3 = NULL;

  return TRUE;
}

static int
iter_row (ExtopoInventoryModel *self,
          GtkTreeIter          *iter)
{
  g_return_val_if_fail (iter->stamp == self->stamp, -1);

  return GPOINTER_TO_INT (iter->user_data);
}

static gboolean
extopo_inventory_model_get_iter (GtkTreeModel *model,
                                 GtkTreeIter  *iter,
                                 GtkTreePath  *path)
{
  ExtopoInventoryModel *self = EXTOPO_INVENTORY_MODEL (model);

  if (gtk_tree_path_get_depth (path) != 1)
    return set_iter (self, iter, -1);

  return set_iter (self, iter, gtk_tree_path_get_indices (path)[0]);
}

static GtkTreePath *
extopo_inventory_model_get_path (GtkTreeModel *model,
                                 GtkTreeIter  *iter)
{
  ExtopoInventoryModel *self = EXTOPO_INVENTORY_MODEL (model);
  int row = iter_row (self, iter);

  g_return_val_if_fail (row >= 0, NULL);

  return gtk_tree_path_new_from_indices (row, -1);
}

static void
extopo_inventory_model_get_value (GtkTreeModel *model,
                                  GtkTreeIter  *iter,
                                  int           column,
                                  GValue       *value)
{
  ExtopoInventoryModel *self = EXTOPO_INVENTORY_MODEL (model);
  int row = iter_row (self, iter);
  ExtopoServer *server;

  g_value_init (value, extopo_inventory_model_get_column_type (model, column));
  if (row < 0 || (guint) row >= self->rows->len)
    return;

  server = server_at (self, g_array_index (self->rows, guint, row));
  if (column == EXTOPO_INVENTORY_COLUMN_SERVER)
    g_value_set_pointer (value, server);
  else if (column == EXTOPO_INVENTORY_COLUMN_STATUS_ICON)
    g_value_set_static_string (value, extopo_status_get_icon_name (server->status));
  else if (column >= 0 && column < EXTOPO_INVENTORY_N_TEXT_COLUMNS)
    g_value_take_string (value, extopo_inventory_model_get_text (self, server, column));
}

static gboolean
extopo_inventory_model_iter_next (GtkTreeModel *model,
                                  GtkTreeIter  *iter)
{
  ExtopoInventoryModel *self = EXTOPO_INVENTORY_MODEL (model);

  return set_iter (self, iter, iter_row (self, iter) + 1);
}

static gboolean
extopo_inventory_model_iter_previous (GtkTreeModel *model,
                                      GtkTreeIter  *iter)
{
  ExtopoInventoryModel *self = EXTOPO_INVENTORY_MODEL (model);

  return set_iter (self, iter, iter_row (self, iter) - 1);
}

static gboolean
extopo_inventory_model_iter_nth_child (GtkTreeModel *model,
                                       GtkTreeIter  *iter,
                                       GtkTreeIter  *parent,
                                       int           n)
{
  ExtopoInventoryModel *self = EXTOPO_INVENTORY_MODEL (model);

  /* A list: rows have no children. */
  if (parent != NULL)
    return set_iter (self, iter, -1);

  return set_iter (self, iter, n);
}

static gboolean
extopo_inventory_model_iter_children (GtkTreeModel *model,
                                      GtkTreeIter  *iter,
                                      GtkTreeIter  *parent)
{
  return extopo_inventory_model_iter_nth_child (model, iter, parent, 0);
}

static gboolean
extopo_inventory_model_iter_has_child (GtkTreeModel *model,
                                       GtkTreeIter  *iter)
{
  return FALSE;
}

static int
extopo_inventory_model_iter_n_children (GtkTreeModel *model,
                                        GtkTreeIter  *iter)
{
  ExtopoInventoryModel *self = EXTOPO_INVENTORY_MODEL (model);

  return iter == NULL ? (int) self->rows->len : 0;
}

static gboolean
extopo_inventory_model_iter_parent (GtkTreeModel *model,
                                    GtkTreeIter  *iter,
                                    GtkTreeIter  *child)
{
  return set_iter (EXTOPO_INVENTORY_MODEL (model), iter, -1);
}

static void
extopo_inventory_model_tree_model_init (GtkTreeModelIface *iface)
{
  iface->get_flags = extopo_inventory_model_get_flags;
  iface->get_n_columns = extopo_inventory_model_get_n_columns;
  iface->get_column_type = extopo_inventory_model_get_column_type;
  iface->get_iter = extopo_inventory_model_get_iter;
  iface->get_path = extopo_inventory_model_get_path;
  iface->get_value = extopo_inventory_model_get_value;
  iface->iter_next = extopo_inventory_model_iter_next;
  iface->iter_previous = extopo_inventory_model_iter_previous;
  iface->iter_children = extopo_inventory_model_iter_children;
  iface->iter_has_child = extopo_inventory_model_iter_has_child;
  iface->iter_n_children = extopo_inventory_model_iter_n_children;
  iface->iter_nth_child = extopo_inventory_model_iter_nth_child;
  iface->iter_parent = extopo_inventory_model_iter_parent;
}

/* GObject */

static void
extopo_inventory_model_finalize (GObject *object)
{
  ExtopoInventoryModel *self = EXTOPO_INVENTORY_MODEL (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->sort_keys); i++)
    g_clear_pointer (&self->sort_keys[i], g_strfreev);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->row_of, g_free);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (extopo_inventory_model_parent_class)->finalize (object);
}

static void
extopo_inventory_model_class_init (ExtopoInventoryModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = extopo_inventory_model_finalize;
}

static void
extopo_inventory_model_init (ExtopoInventoryModel *self)
{
  self->rows = g_array_new (FALSE, FALSE, sizeof (guint));
  self->sort_column = GTK_TREE_SORTABLE_UNSORTED_SORT_COLUMN_ID;
  self->sort_order = GTK_SORT_ASCENDING;
  self->stamp = g_random_int_range (1, G_MAXINT);
}

ExtopoInventoryModel *
extopo_inventory_model_new (ExtopoModel *model)
{
  ExtopoInventoryModel *self;

  g_return_val_if_fail (EXTOPO_IS_MODEL (model), NULL);

  self = g_object_new (EXTOPO_TYPE_INVENTORY_MODEL, NULL);
  self->model = g_object_ref (model);
  self->row_of = g_new (int, n_servers (self) + 1);
  extopo_inventory_model_set_search (self, NULL);

  return self;
}

ExtopoModel *
extopo_inventory_model_get_model (ExtopoInventoryModel *self)
{
  g_return_val_if_fail (EXTOPO_IS_INVENTORY_MODEL (self), NULL);

  return self->model;
}

void
extopo_inventory_model_set_search (ExtopoInventoryModel *self,
                                   ExtopoSearch         *search)
{
  ExtopoSearchIndex *index = NULL;

  g_return_if_fail (EXTOPO_IS_INVENTORY_MODEL (self));

  /* The index is only needed, and only built, for a query. */
  if (search != NULL && extopo_search_get_n_terms (search) == 0)
    search = NULL;
  if (search != NULL)
    index = extopo_search_index_get_for_model (self->model);

  g_array_set_size (self->rows, 0);
  for (guint i = 0; i < n_servers (self); i++)
    if (search == NULL || extopo_search_match_server (search, index, server_at (self, i)))
      g_array_append_val (self->rows, i);

  if (self->sort_column >= 0)
    sort_rows (self);
  update_row_map (self);

  /* Iters of the old rows are no longer valid. */
  self->stamp = self->stamp == G_MAXINT ? 1 : self->stamp + 1;
}

guint
extopo_inventory_model_get_n_rows (ExtopoInventoryModel *self)
{
  g_return_val_if_fail (EXTOPO_IS_INVENTORY_MODEL (self), 0);

  return self->rows->len;
}

ExtopoServer *
extopo_inventory_model_get_server (ExtopoInventoryModel *self,
                                   guint                 row)
{
  g_return_val_if_fail (EXTOPO_IS_INVENTORY_MODEL (self), NULL);

  if (row >= self->rows->len)
    return NULL;

  return server_at (self, g_array_index (self->rows, guint, row));
}

int
extopo_inventory_model_get_row (ExtopoInventoryModel *self,
                                const ExtopoServer   *server)
{
  g_return_val_if_fail (EXTOPO_IS_INVENTORY_MODEL (self), -1);

  if (server == NULL || server->index >= n_servers (self) ||
      server_at (self, server->index) != server)
    return -1;

  return self->row_of[server->index];
}

char *
extopo_inventory_model_to_csv (ExtopoInventoryModel *self)
{
  GString *csv;

  g_return_val_if_fail (EXTOPO_IS_INVENTORY_MODEL (self), NULL);

  csv = g_string_new (NULL);
  for (guint column = 0; column < EXTOPO_INVENTORY_N_TEXT_COLUMNS; column++)
    extopo_report_csv_append_field (csv, extopo_inventory_column_get_title (column), column == 0);
  g_string_append (csv, "\r\n");

  for (guint row = 0; row < self->rows->len; row++)
    {
      ExtopoServer *server = extopo_inventory_model_get_server (self, row);

      for (guint column = 0; column < EXTOPO_INVENTORY_N_TEXT_COLUMNS; column++)
        {
          g_autofree char *text = extopo_inventory_model_get_text (self, server, column);

          extopo_report_csv_append_field (csv, text, column == 0);
        }
      g_string_append (csv, "\r\n");
    }

  return g_string_free (csv, FALSE);
}
