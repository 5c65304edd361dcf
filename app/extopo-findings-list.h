/* extopo-findings-list.h: every finding of the model, grouped by severity.
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
 *   "finding-activated" (gpointer finding): a row was activated; the
 *   finding is borrowed from the model. */

GtkWidget *extopo_findings_list_new          (void);
/* Shows the findings of @model (may be NULL); keeps a reference. */
void       extopo_findings_list_set_model    (ExtopoFindingsList *self,
                                              ExtopoModel        *model);
/* The finding rows shown; long severities show a page and a "more" row. */
guint      extopo_findings_list_get_n_rows   (ExtopoFindingsList *self);
/* The finding shown on the @index-th row, or NULL. */
ExtopoFinding *extopo_findings_list_get_finding (ExtopoFindingsList *self,
                                                 guint               index);
/* Activates the @index-th finding row as a click would, for tests. */
gboolean   extopo_findings_list_activate_row (ExtopoFindingsList *self,
                                              guint               index);
/* The symbolic icon for a severity, shared with the server card. */
const char *extopo_severity_get_icon_name    (ExtopoSeverity      severity);

G_END_DECLS
