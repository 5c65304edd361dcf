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

/* The rules and what each rests on are in extopo-findings-rules.c; the
 * README's findings table lists them. Server status: the worst of its
 * findings (info counts as ok); Exchange 5.5 is always unsupported. */

/* Every rule ID, NULL-terminated, in table order. */
const char * const *extopo_findings_get_ids    (void);
/* Runs every rule over @model, stores the findings in it (most severe first),
 * links each to its subject's `findings` and sets every server's status. */
void                extopo_findings_evaluate   (ExtopoModel          *model);
void                extopo_finding_free        (ExtopoFinding        *finding);
/* Number of findings of @model with this @id. */
guint               extopo_findings_count_id   (ExtopoModel          *model,
                                                const char           *id);

/* The worst status among @findings (ExtopoFinding*): info counts as ok.
 * Groups and sites take their status from their own findings this way. */
ExtopoStatus        extopo_findings_get_status (GPtrArray            *findings);

/* The one answer to "can Exchange 2007 be deployed?", used by the headline,
 * the window's bar, every exported title block, the command line and the
 * reports. */
typedef enum
{
  /* A prerequisite fails: mixed or unset mode, an Exchange 5.5 server, an
   * SRS, an ADC connection agreement, or versions that cannot coexist. */
  EXTOPO_READINESS_NOT_READY,
  /* Prerequisites met, errors elsewhere: never shown with a green check. */
  EXTOPO_READINESS_READY_WITH_FINDINGS,
  /* Prerequisites met and no error; warnings may remain. */
  EXTOPO_READINESS_READY,
} ExtopoReadinessState;

typedef struct
{
  ExtopoReadinessState state;
  gboolean             prerequisites_met;
  guint                n_errors;
  guint                n_warnings;
  ExtopoOrganization  *organization;    /* borrowed: the one described, or NULL */
  guint                n_organizations; /* in the model */
  char                *summary;         /* translated one-liner */
  char                *reasons;         /* translated, one per line with the fix, or NULL */
} ExtopoReadiness;

/* For the worst organization of @model (each is also available on its
 * own). Evaluates the findings first when that has not happened. */
void                extopo_readiness_compute   (ExtopoModel          *model,
                                                ExtopoReadiness      *readiness);
void                extopo_readiness_compute_for_organization (ExtopoModel        *model,
                                                               ExtopoOrganization *organization,
                                                               ExtopoReadiness    *readiness);
void                extopo_readiness_clear     (ExtopoReadiness      *readiness);
/* "not-ready", "ready-with-findings", "ready" */
const char         *extopo_readiness_state_to_string (ExtopoReadinessState state);
/* "not ready", "ready with findings", "ready"; translated. */
const char         *extopo_readiness_state_get_display_name (ExtopoReadinessState state);
/* ok for ready, warning for ready with findings, error for not ready. */
ExtopoStatus        extopo_readiness_get_status (const ExtopoReadiness *readiness);

G_END_DECLS
