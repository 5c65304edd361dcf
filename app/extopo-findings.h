/* extopo-findings.h: the coexistence rules, table-driven.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "extopo-model.h"

G_BEGIN_DECLS

struct _ExtopoFinding
{
  const char      *id;            /* stable, e.g. "ORG_MIXED_MODE"; static string */
  ExtopoSeverity   severity;
  ExtopoObjectKind subject_kind;
  gpointer         subject;       /* borrowed model object */
  char            *subject_dn;
  char            *message;       /* translated, names the object */
  char            *remedy;        /* translated */
  gboolean         secondary_source; /* the rule rests on a secondary source */
};

/* Every rule ID, NULL-terminated, in table order. */
const char * const *extopo_findings_get_ids    (void);
/* Runs every rule over @model, stores the findings in it (most severe first),
 * links each to its subject's `findings` and sets every server's status. */
void                extopo_findings_evaluate   (ExtopoModel          *model);
void                extopo_finding_free        (ExtopoFinding        *finding);
/* Number of findings of @model with this @id. */
guint               extopo_findings_count_id   (ExtopoModel          *model,
                                                const char           *id);

/* The organization-wide answer to "can Exchange 2007 be deployed?". */
typedef struct
{
  gboolean ready;
  char    *summary;  /* translated one-liner */
  char    *reasons;  /* translated, one reason per line, with the fix; NULL when ready */
} ExtopoReadiness;

void                extopo_readiness_compute   (ExtopoModel          *model,
                                                ExtopoReadiness      *readiness);
void                extopo_readiness_clear     (ExtopoReadiness      *readiness);

G_END_DECLS
