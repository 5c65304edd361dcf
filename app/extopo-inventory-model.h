/* extopo-inventory-model.h: the servers of a model as a filtered, sorted list.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "extopo-model.h"
#include "extopo-search.h"

G_BEGIN_DECLS

/* The columns shown and exported, then the two the view reads beside them. */
typedef enum
{
  EXTOPO_INVENTORY_COLUMN_NAME,
  EXTOPO_INVENTORY_COLUMN_FQDN,
  EXTOPO_INVENTORY_COLUMN_PRODUCT,
  EXTOPO_INVENTORY_COLUMN_VERSION,
  EXTOPO_INVENTORY_COLUMN_SERVICE_PACK,
  EXTOPO_INVENTORY_COLUMN_ROLES,
  EXTOPO_INVENTORY_COLUMN_ADMIN_GROUP,
  EXTOPO_INVENTORY_COLUMN_ROUTING_GROUP,
  EXTOPO_INVENTORY_COLUMN_SITE,
  EXTOPO_INVENTORY_COLUMN_STATUS,
  EXTOPO_INVENTORY_COLUMN_FINDINGS,
  EXTOPO_INVENTORY_N_TEXT_COLUMNS,
  EXTOPO_INVENTORY_COLUMN_STATUS_ICON = EXTOPO_INVENTORY_N_TEXT_COLUMNS, /* icon name */
  EXTOPO_INVENTORY_COLUMN_SERVER,     /* ExtopoServer*, borrowed */
  EXTOPO_INVENTORY_N_COLUMNS,
} ExtopoInventoryColumn;

#define EXTOPO_TYPE_INVENTORY_MODEL (extopo_inventory_model_get_type ())
G_DECLARE_FINAL_TYPE (ExtopoInventoryModel, extopo_inventory_model, EXTOPO, INVENTORY_MODEL,
                      GObject)

/* A GtkTreeModel and GtkTreeSortable whose rows are @model's servers, in
 * the model's order until a column is sorted. An iter is a row number:
 * nothing is built per row, so 20,000 servers cost two arrays of indices.
 * Every text column is a string; sorting by a column compares what it
 * means (versions by number, status by severity), then the name. */
ExtopoInventoryModel *extopo_inventory_model_new        (ExtopoModel          *model);
ExtopoModel          *extopo_inventory_model_get_model  (ExtopoInventoryModel *self);
/* Keeps the servers @search matches (all for NULL), in the current order.
 * Rows come and go without row signals, which would cost a signal per row:
 * take the model off its views (gtk_tree_view_set_model (view, NULL))
 * around the call. */
void                  extopo_inventory_model_set_search (ExtopoInventoryModel *self,
                                                         ExtopoSearch         *search);
guint                 extopo_inventory_model_get_n_rows (ExtopoInventoryModel *self);
ExtopoServer         *extopo_inventory_model_get_server (ExtopoInventoryModel *self,
                                                         guint                 row);
/* The row showing @server, or -1 when it is filtered out or not the model's. */
int                   extopo_inventory_model_get_row    (ExtopoInventoryModel *self,
                                                         const ExtopoServer   *server);
/* What a cell of a text column shows; translated. */
char                 *extopo_inventory_model_get_text   (ExtopoInventoryModel *self,
                                                         const ExtopoServer   *server,
                                                         ExtopoInventoryColumn column);
/* The heading of a text column; translated. */
const char           *extopo_inventory_column_get_title (ExtopoInventoryColumn column);
/* The rows shown, in their order, as CSV: one heading line, then one line
 * a row; quoted as RFC 4180 says, formula-like cells guarded. */
char                 *extopo_inventory_model_to_csv     (ExtopoInventoryModel *self);

G_END_DECLS
