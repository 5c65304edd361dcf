/* extopo-window.h: the main window around the diagram.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "extopo-graph-view.h"
#include "extopo-ldap-source.h"
#include "extopo-model.h"

G_BEGIN_DECLS

#define EXTOPO_TYPE_WINDOW (extopo_window_get_type ())
G_DECLARE_FINAL_TYPE (ExtopoWindow, extopo_window, EXTOPO, WINDOW, GtkApplicationWindow)

ExtopoWindow    *extopo_window_new                (GtkApplication         *application);
/* Reads and lays out @path in workers; the previous diagram stays shown
 * until the new one is ready, and also when loading fails. */
void             extopo_window_open_file          (ExtopoWindow           *self,
                                                   const char             *path);
/* Fetches from a directory server in a worker. */
void             extopo_window_open_ldap          (ExtopoWindow           *self,
                                                   const ExtopoLdapParams *params);
/* Shows the connect dialog, prefilled with @params when not NULL. */
void             extopo_window_show_connect_dialog (ExtopoWindow          *self,
                                                    const ExtopoLdapParams *params);
void             extopo_window_show_open_dialog   (ExtopoWindow           *self);

/* For tests. */
ExtopoModel     *extopo_window_get_model          (ExtopoWindow           *self);
ExtopoGraphView *extopo_window_get_graph_view     (ExtopoWindow           *self);
GtkWidget       *extopo_window_get_server_card    (ExtopoWindow           *self);
GtkWidget       *extopo_window_get_findings_list  (ExtopoWindow           *self);
GtkWidget       *extopo_window_get_search_entry   (ExtopoWindow           *self);
GtkWidget       *extopo_window_get_inventory      (ExtopoWindow           *self);
/* The visible text of the error bar, NULL when hidden. */
const char      *extopo_window_get_error_text     (ExtopoWindow           *self);
/* Prints the diagram to a PDF file through the print path, without a dialog. */
gboolean         extopo_window_print_to_file      (ExtopoWindow           *self,
                                                   const char             *path,
                                                   GError                **error);
/* What the bar says after an export ("Exported “a.svg” to Documents"), or NULL. */
const char      *extopo_window_get_export_text    (ExtopoWindow           *self);
/* The readiness bar's summary, NULL when hidden. */
const char      *extopo_window_get_readiness_text (ExtopoWindow           *self);
/* The readiness bar's message type: GTK_MESSAGE_ERROR for not ready,
 * GTK_MESSAGE_WARNING for ready with open findings, GTK_MESSAGE_INFO or
 * GTK_MESSAGE_OTHER (warnings left) for ready. */
GtkMessageType extopo_window_get_readiness_type (ExtopoWindow *self);
/* "3 of 12", "No matches", or "" */
const char      *extopo_window_get_match_text     (ExtopoWindow           *self);
/* TRUE while a load or layout runs. */
gboolean         extopo_window_is_busy            (ExtopoWindow           *self);
/* The comparison mode: the source shown compared with the older snapshot
 * at @path (read in the background), its changes marked on the diagram and
 * summed up in a bar; leaving it goes back to the plain view. The bar's
 * text ("Since 2026-11-20: ..."), or NULL outside the mode. */
void             extopo_window_compare_with       (ExtopoWindow           *self,
                                                   const char             *path);
void             extopo_window_compare_leave      (ExtopoWindow           *self);
const char      *extopo_window_get_comparison_text (ExtopoWindow          *self);
/* The findings pane's "Resolved since the older snapshot (3)", or NULL. */
const char      *extopo_window_get_comparison_findings_text (ExtopoWindow *self);
/* The bar's line of retired servers ("Retired: ..."), or NULL when none. */
const char      *extopo_window_get_comparison_retired_text (ExtopoWindow *self);
/* Selects @object (a server, group or connector of the model shown) in the
 * diagram, the card and the inventory, as a click or a search would. */
void             extopo_window_select             (ExtopoWindow           *self,
                                                   ExtopoObjectKind        kind,
                                                   gpointer                object);
/* Charts the snapshots in @folder in the History view (read in the
 * background); the view's window once shown, or NULL. */
void             extopo_window_show_history       (ExtopoWindow           *self,
                                                   const char             *folder);
GtkWidget       *extopo_window_get_history_window (ExtopoWindow           *self);
/* The overview over the diagram, and the zoom button's text ("42 %"). */
GtkWidget       *extopo_window_get_overview       (ExtopoWindow           *self);
const char      *extopo_window_get_zoom_text      (ExtopoWindow           *self);
/* The file shown, or NULL (a directory, or nothing). */
const char      *extopo_window_get_source_path    (ExtopoWindow           *self);
/* Opens the source shown last (a file, or a directory's connection dialog
 * filled in but for the password); FALSE when there is none. */
gboolean         extopo_window_open_last_source   (ExtopoWindow           *self);

G_END_DECLS
