/* extopo-findings-list.h: every finding of the model in one virtualised list,
 * filtered by severity and ID, optionally grouped by ID, with the fix of the
 * selected one.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "extopo-findings.h"

G_BEGIN_DECLS

#define EXTOPO_TYPE_FINDINGS_LIST (extopo_findings_list_get_type ())
G_DECLARE_FINAL_TYPE (ExtopoFindingsList, extopo_findings_list, EXTOPO, FINDINGS_LIST, GtkBox)

/* Signals:
 *   "finding-activated" (gpointer finding): a finding's row was activated;
 *   the finding is borrowed from the model. */

GtkWidget *extopo_findings_list_new          (void);
/* Shows the findings of @model (may be NULL); keeps a reference. The
 * filters go back to showing everything. */
void       extopo_findings_list_set_model    (ExtopoFindingsList *self,
                                              ExtopoModel        *model);
/* Shows only the findings of @severity (an ExtopoSeverity, or -1 for any)
 * and @id (NULL for any), as picking them in the list's menus does. */
void       extopo_findings_list_set_filter   (ExtopoFindingsList *self,
                                              int                 severity,
                                              const char         *id);
/* One row per finding ID holding its findings, as the Group button does. */
void       extopo_findings_list_set_group_by_id (ExtopoFindingsList *self,
                                                 gboolean            group_by_id);
/* The top-level rows shown: findings, or IDs when grouped. */
guint      extopo_findings_list_get_n_rows   (ExtopoFindingsList *self);
/* The finding shown on the @index-th top-level row, or NULL (a group's row). */
ExtopoFinding *extopo_findings_list_get_finding (ExtopoFindingsList *self,
                                                 guint               index);
/* Activates the @index-th top-level row as a click would, for tests. */
gboolean   extopo_findings_list_activate_row (ExtopoFindingsList *self,
                                              guint               index);
/* The tree view, whose model holds the rows (see extopo-findings-model.h). */
GtkTreeView *extopo_findings_list_get_tree_view (ExtopoFindingsList *self);
/* The fix shown for the selected finding, or NULL when no finding with a fix is selected. */
const char *extopo_findings_list_get_fix_text (ExtopoFindingsList *self);
/* The symbolic icon for a severity, shared with the server card. */
const char *extopo_severity_get_icon_name    (ExtopoSeverity      severity);

G_END_DECLS
