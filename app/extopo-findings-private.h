/* extopo-findings-private.h: what the rule table and the rule engine share.
 *
 * extopo-findings-rules.c holds the checks and the table (what each rule
 * says and when it fires); extopo-findings.c runs them, orders the findings
 * and derives the readiness state.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "extopo-findings.h"

G_BEGIN_DECLS

/* The rules run over one kind of subject each; this one means "every
 * dangling reference", whatever object holds it. */
#define RULE_SUBJECT_DANGLING_REF EXTOPO_OBJECT_NONE

/* Reachability bits per routing group. */
enum
{
  REACH_TO_2007   = 1 << 0,   /* mail from this group can reach DWBGZMFD01QNBJR */
  REACH_FROM_2007 = 1 << 1,   /* mail from DWBGZMFD01QNBJR can reach this group */
};

/* Facts every rule may read, computed once per evaluation. */
typedef struct
{
  ExtopoModel *model;
  gboolean    *org_has_2007;        /* by organization index: a 2007+ group or server */
  gboolean    *org_has_hub;         /* by organization index: a Hub Transport server */
  guint       *org_legacy_groups;   /* by organization index: routing groups with 2000/2003 servers */
  guint8      *reach;               /* by routing group index */
  /* by organization index * N_PRODUCTS + product: the first server of that
   * product in the organization, or NULL */
  ExtopoServer **product_servers;
} RuleContext;

#define N_PRODUCTS (EXTOPO_PRODUCT_LATER + 1)

/* What a check says about a subject when its rule fires. */
typedef struct
{
  ExtopoSeverity severity;    /* preset to the rule's */
  char          *arg;         /* the message's second %s, owned; "" when NULL */
  char          *remedy_arg;  /* the remedy's %s, owned; the subject's name when NULL */
  char          *message;     /* owned, translated: replaces the table's message */
  char          *remedy;      /* owned, translated: replaces the table's remedy */
} RuleHit;

typedef gboolean (*RuleCheck) (RuleContext *ctx,
                               gpointer     subject,
                               RuleHit     *hit);

typedef struct
{
  const char       *id;
  ExtopoSeverity    severity;
  ExtopoObjectKind  applies_to;
  RuleCheck         check;
  /* Translatable formats: the message takes the subject's name then
   * hit->arg; the remedy takes hit->remedy_arg (or the name). */
  const char       *message;
  const char       *remedy;
  gboolean          secondary_source;
  /* A prerequisite of Exchange 2007: a finding of this rule makes its
   * organization "not ready". */
  gboolean          blocks_readiness;
} Rule;

/* The table, in report order. */
const Rule  *extopo_findings_get_rules (gsize *n_rules);
/* The rule of a finding's ID, or NULL. */
const Rule  *extopo_findings_lookup_rule (const char *id);

/* Connectors that carry mail between two routing groups, for the path and
 * link state rules: a routing group connector, unless it names target
 * bridgeheads none of which exists, or an SMTP or X.400 connector (not
 * Exchange 2007's) to one of its connected routing groups. Calls @func once
 * per (from, to) pair. */
typedef void (*RoutingEdgeFunc) (ExtopoConnector    *connector,
                                 ExtopoRoutingGroup *from,
                                 ExtopoRoutingGroup *to,
                                 gpointer            user_data);
void         extopo_findings_foreach_routing_edge (ExtopoModel     *model,
                                                   RoutingEdgeFunc  func,
                                                   gpointer         user_data);

G_END_DECLS
