/* extopo-inventory.h: the table of servers beside the diagram.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "extopo-inventory-model.h"

G_BEGIN_DECLS

#define EXTOPO_TYPE_INVENTORY (extopo_inventory_get_type ())
G_DECLARE_FINAL_TYPE (ExtopoInventory, extopo_inventory, EXTOPO, INVENTORY, GtkBox)

/* Signals:
 *   "server-selected" (gpointer server): a person selected a row (NULL when
 *   the selection went away); never emitted for extopo_inventory_select_server(). */

GtkWidget            *extopo_inventory_new                 (void);
/* Shows @model's servers (NULL for none), keeping the filter and the sort.
 * While the table is hidden its rows wait until it is shown or until one of
 * the calls below needs them. */
void                  extopo_inventory_set_model           (ExtopoInventory *self,
                                                            ExtopoModel     *model);
/* The rows shown; NULL without a model. */
ExtopoInventoryModel *extopo_inventory_get_rows            (ExtopoInventory *self);
GtkTreeView          *extopo_inventory_get_tree_view       (ExtopoInventory *self);
/* Puts @text in the filter entry and filters at once. */
void                  extopo_inventory_set_filter_text     (ExtopoInventory *self,
                                                            const char      *text);
/* "12 of 20 servers", or why the filter does not parse. */
const char           *extopo_inventory_get_status_text     (ExtopoInventory *self);
/* Selects @server's row and scrolls to it; clears the selection when @server
 * is NULL or filtered out. */
void                  extopo_inventory_select_server       (ExtopoInventory *self,
                                                            ExtopoServer    *server);
ExtopoServer         *extopo_inventory_get_selected_server (ExtopoInventory *self);
/* Writes the rows shown, in their order, as CSV. */
gboolean              extopo_inventory_export_csv          (ExtopoInventory *self,
                                                            const char      *path,
                                                            GError         **error);

G_END_DECLS
