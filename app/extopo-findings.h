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

/* Decisions the rules make (see the table in extopo-findings.c):
 * - SERVER_SP_BELOW_MINIMUM: a warning for Exchange 2003 below SP2 and
 *   Exchange 2000 below SP3; an info note for Exchange 2000 SP3, whose
 *   post-SP3 rollup the directory cannot show. secondary_source is set.
 * - RG_NO_PATH_TO_2007: a legacy routing group holding servers, in an
 *   organization with an Exchange 2007 routing group or server, that cannot
 *   reach the DWBGZMFD01QNBJR group AND be reached from it over routing group
 *   connectors (followed in their direction; a two-way pair counts both ways).
 * - CONNECTOR_DANGLING_REFERENCE: every dangling reference of the model,
 *   whatever object holds it; an error on connectors, a warning elsewhere.
 *   A routing group connector whose target is missing is also one-way.
 * - LINK_STATE_SUPPRESSION_ADVISED: a warning on the DWBGZMFD01QNBJR group
 *   when more than one routing group connector from another group targets it.
 * - Server status: the worst of its findings (info counts as ok); Exchange
 *   5.5 is always unsupported; an unknown version is a warning.
 * - Readiness: native mode (msExchMixedMode explicitly FALSE) in every
 *   organization, no Exchange 5.5 server, no SRS and no ADC agreement. */

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
