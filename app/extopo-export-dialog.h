/* extopo-export-dialog.h: writes the diagram to SVG, PDF, PNG, DOT, JSON or CSV.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "extopo-compare.h"
#include "extopo-export.h"

G_BEGIN_DECLS

#define EXTOPO_TYPE_EXPORT_DIALOG (extopo_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ExtopoExportDialog, extopo_export_dialog, EXTOPO, EXPORT_DIALOG, GtkDialog)

/* @visible is the diagram area on screen, for the "what is on screen" scope. */
GtkWidget *extopo_export_dialog_new             (GtkWindow            *parent,
                                                 ExtopoGeometry       *geometry,
                                                 const ExtopoRect     *visible,
                                                 const char           *title,
                                                 gboolean              show_legend);
void       extopo_export_dialog_set_format      (ExtopoExportDialog   *self,
                                                 ExtopoExportFormat    format);
void       extopo_export_dialog_set_visible_only (ExtopoExportDialog  *self,
                                                  gboolean             visible_only);
void       extopo_export_dialog_set_path        (ExtopoExportDialog   *self,
                                                 const char           *path);
const char *extopo_export_dialog_get_path       (ExtopoExportDialog   *self);
ExtopoExportFormat extopo_export_dialog_get_format (ExtopoExportDialog *self);
gboolean   extopo_export_dialog_get_visible_only (ExtopoExportDialog  *self);
/* The sheets of a PDF export. */
ExtopoPaper extopo_export_dialog_get_paper      (ExtopoExportDialog   *self);
void       extopo_export_dialog_set_paper       (ExtopoExportDialog   *self,
                                                 ExtopoPaper           paper);
const char *extopo_export_dialog_get_diagram_title (ExtopoExportDialog *self);
void       extopo_export_dialog_set_diagram_title (ExtopoExportDialog *self,
                                                   const char         *title);
/* The LDIF file shown (NULL for a live source) and the groups drawn
 * collapsed: an anonymized export reads the file again and lays it out
 * the same way. */
void       extopo_export_dialog_set_source      (ExtopoExportDialog   *self,
                                                 const char           *path,
                                                 GHashTable           *collapsed);
/* A folder of snapshots (the History view's): an HTML report includes
 * their progress over time; NULL for none. */
void       extopo_export_dialog_set_history_folder (ExtopoExportDialog *self,
                                                    const char         *folder);
/* The comparison the window shows (NULL for none): drawings mark what
 * changed, as `extopo --compare` draws them. */
void       extopo_export_dialog_set_changes     (ExtopoExportDialog   *self,
                                                 ExtopoChangeSet      *changes);
void       extopo_export_dialog_set_anonymize   (ExtopoExportDialog   *self,
                                                 gboolean              anonymize);
/* The dialog emits "exported" (with the path written) when the Export
 * button's write succeeded, just before it closes. */
/* Writes with the dialog's settings in a worker; the Export button uses it. */
void       extopo_export_dialog_write_async     (ExtopoExportDialog   *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean   extopo_export_dialog_write_finish    (ExtopoExportDialog   *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
