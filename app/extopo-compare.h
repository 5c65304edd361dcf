/* extopo-compare.h: what changed between two snapshots of an organization.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include "extopo-findings.h"
#include "extopo-model.h"

G_BEGIN_DECLS

typedef enum
{
  EXTOPO_CHANGE_ADDED,      /* only in the newer snapshot */
  EXTOPO_CHANGE_REMOVED,    /* only in the older one */
  EXTOPO_CHANGE_CHANGED,    /* in both, with at least one field changed */
} ExtopoChangeKind;

/* Which way a server's version went. */
typedef enum
{
  EXTOPO_VERSION_SAME,
  EXTOPO_VERSION_UPGRADED,
  EXTOPO_VERSION_DOWNGRADED,
  EXTOPO_VERSION_OTHER,     /* changed, but one side is unknown */
} ExtopoVersionChange;

/* One field of an object that changed. `field` is a stable key (see
 * extopo_compare_get_fields()); the values are data, in English whatever
 * the locale, NULL when the field is absent; the texts are the same values
 * for a reader, translated. */
typedef struct
{
  const char *field;        /* static string */
  char       *old_value;
  char       *new_value;
  char       *old_text;
  char       *new_text;
} ExtopoFieldChange;

/* An object added, removed or changed. Objects are matched by objectGUID
 * when both snapshots carry one, else by normalized DN: a renamed object is
 * a change of its "name" field, not a removal and an addition. */
typedef struct
{
  ExtopoChangeKind     kind;
  ExtopoObjectKind     object_kind;
  char                *name;      /* the newer name; the older for a removal */
  char                *dn;        /* the same for the DN */
  char                *guid;      /* objectGUID, or NULL */
  /* What the object is, for additions and removals: a server's product and
   * level ("Exchange Server 2003 SP2"), a connector's type; translated, or NULL. */
  char                *detail;
  GPtrArray           *fields;    /* ExtopoFieldChange*, empty unless changed */
  /* A removed server's groups in the older snapshot (DNs), or NULL; and
   * the DNs of those groups in the newer one (renamed, perhaps), NULL
   * when the group is gone too. */
  char                *routing_group_dn;
  char                *admin_group_dn;
  char                *new_routing_group_dn;
  char                *new_admin_group_dn;
  ExtopoVersionChange  version_change;  /* servers */
} ExtopoObjectChange;

typedef enum
{
  EXTOPO_FINDING_RESOLVED,  /* in the older snapshot only */
  EXTOPO_FINDING_NEW,       /* in the newer one only */
} ExtopoFindingChangeKind;

/* Findings are matched by rule ID and subject (the subject matched as
 * above, so that a renamed server keeps its findings). */
typedef struct
{
  ExtopoFindingChangeKind  kind;
  const char              *id;          /* static string */
  ExtopoSeverity           severity;
  ExtopoObjectKind         subject_kind;
  char                    *subject_name;
  char                    *subject_dn;
  char                    *message;     /* as the snapshot's findings word it */
} ExtopoFindingChange;

/* One side of a comparison. */
typedef struct
{
  char                 *source;       /* the model's source name */
  GDateTime            *date;         /* its snapshot date, or NULL */
  ExtopoReadinessState  readiness;
  guint                 n_errors;
  guint                 n_warnings;
  guint                 n_servers;
} ExtopoSnapshotSide;

typedef struct _ExtopoChangeSet
{
  ExtopoSnapshotSide  from;
  ExtopoSnapshotSide  to;
  /* ExtopoObjectChange*, each list in the newer model's order with the
   * removals (in the older one's order) after the rest. */
  GPtrArray          *organizations;
  GPtrArray          *admin_groups;
  GPtrArray          *routing_groups;
  GPtrArray          *servers;
  GPtrArray          *connectors;
  /* ExtopoFindingChange*: the resolved ones in the older model's order,
   * then the new ones in the newer model's. */
  GPtrArray          *findings;
  /*< private >*/
  gint                ref_count;
} ExtopoChangeSet;

/* Compares two loaded models (their findings evaluated or not). Runs in
 * time linear in the number of objects and findings. */
ExtopoChangeSet *extopo_compare_models        (ExtopoModel           *old_model,
                                               ExtopoModel           *new_model);
/* A reference more, for a worker that reads the set while its owner may
 * let it go; extopo_change_set_free() drops one (the last frees it). */
ExtopoChangeSet *extopo_change_set_ref        (ExtopoChangeSet       *set);
void             extopo_change_set_free       (ExtopoChangeSet       *set);
/* TRUE when nothing changed, readiness included. */
gboolean         extopo_change_set_is_empty   (const ExtopoChangeSet *set);
/* Changes of @kind in @changes (ExtopoObjectChange*). */
guint            extopo_change_set_count      (GPtrArray             *changes,
                                               ExtopoChangeKind       kind);
/* The change of @field in @change, or NULL. */
const ExtopoFieldChange *extopo_object_change_get_field (const ExtopoObjectChange *change,
                                                         const char               *field);

/* The added and changed servers, groups and connectors by DN (the newer
 * snapshot's, as the model spells it): DN -> ExtopoObjectChange*, borrowed
 * from @set. For marking the objects of the newer model. */
GHashTable      *extopo_change_set_by_dn      (const ExtopoChangeSet *set);

/* The removed servers whose routing or administrative group is still in
 * the newer snapshot, as ExtopoLayoutGhost* (extopo-layout.h) for the
 * layout to draw them where they were; @old_model is the older snapshot
 * @set was made from, and each ghost keeps a reference to it. */
GPtrArray       *extopo_change_set_get_ghosts (const ExtopoChangeSet *set,
                                               ExtopoModel           *old_model);

/* Every field key a change may carry, NULL-terminated: "name",
 * "administrative_group", "routing_group", "product", "version",
 * "service_pack", "cumulative_update", "roles", "status", "cost",
 * "source_bridgeheads", "target_bridgeheads", "two_way", "mode". */
const char * const *extopo_compare_get_fields (void);

/* extopo-compare-report.c */

/* "Since 2026-11-20: 4 servers upgraded, 1 retired, 3 findings resolved,
 * 1 new", translated. */
char            *extopo_change_set_summary    (const ExtopoChangeSet *set);
/* The change set for a reader, grouped: readiness, servers, connectors,
 * findings, routing and administrative groups, organization; translated. */
char            *extopo_change_set_to_text    (const ExtopoChangeSet *set);
/* {"from", "to", "readiness", "servers", "connectors", "findings",
 * "routing_groups", "administrative_groups", "organizations"}; FALSE when a
 * write failed (errno tells why). */
gboolean         extopo_change_set_write_json (const ExtopoChangeSet *set,
                                               FILE                  *stream);
/* One row per change: kind, object, name, field, old, new; RFC 4180 with
 * the formula guard of the model's CSV report. */
gboolean         extopo_change_set_write_csv  (const ExtopoChangeSet *set,
                                               FILE                  *stream);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExtopoChangeSet, extopo_change_set_free)

G_END_DECLS
