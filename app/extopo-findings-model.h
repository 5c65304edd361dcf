/* extopo-findings-model.h: a model's findings as rows of a GtkTreeModel,
 * filtered and optionally grouped by finding ID.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "extopo-findings.h"

G_BEGIN_DECLS

#define EXTOPO_TYPE_FINDINGS_MODEL (extopo_findings_model_get_type ())
G_DECLARE_FINAL_TYPE (ExtopoFindingsModel, extopo_findings_model, EXTOPO, FINDINGS_MODEL, GObject)

typedef enum
{
  EXTOPO_FINDINGS_COLUMN_SEVERITY, /* int: the ExtopoSeverity; a group's worst */
  EXTOPO_FINDINGS_COLUMN_ID,       /* string: the finding ID, a group's too */
  EXTOPO_FINDINGS_COLUMN_SUBJECT,  /* string: the name of the object it is about; "× N" on a group */
  EXTOPO_FINDINGS_COLUMN_MESSAGE,  /* string */
  EXTOPO_FINDINGS_COLUMN_FINDING,  /* pointer: the ExtopoFinding, NULL on a group row */
  EXTOPO_FINDINGS_COLUMN_COUNT,    /* uint: the findings a group row holds, 1 on a finding */
  EXTOPO_FINDINGS_N_COLUMNS,
} ExtopoFindingsColumn;

/* Any severity, for extopo_findings_model_new(). */
#define EXTOPO_FINDINGS_ANY_SEVERITY (-1)

/* The findings of @model (may be NULL) with @severity (an ExtopoSeverity or
 * EXTOPO_FINDINGS_ANY_SEVERITY) and @id (NULL for any), most severe first and
 * in the model's order within a severity. With @group_by_id the top-level
 * rows are one per ID, worst first, holding that ID's findings as children.
 * The rows never change: another filter is another model. The model computes
 * cell values when asked, so 20,000 findings cost one pointer each. */
ExtopoFindingsModel *extopo_findings_model_new            (ExtopoModel         *model,
                                                           int                  severity,
                                                           const char          *id,
                                                           gboolean             group_by_id);
/* The findings that passed the filter. */
guint                extopo_findings_model_get_n_findings (ExtopoFindingsModel *self);
/* The path of the row that shows @finding, or NULL when it is filtered out. */
GtkTreePath         *extopo_findings_model_get_path_for_finding (ExtopoFindingsModel *self,
                                                                 ExtopoFinding       *finding);

G_END_DECLS
