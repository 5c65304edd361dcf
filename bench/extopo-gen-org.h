/* extopo-gen-org.h: synthetic Exchange organizations for the benchmarks.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  guint   n_servers;        /* every server, Exchange 2007 ones included */
  guint   n_routing_groups; /* every routing group, DWBGZMFD01QNBJR included */
  guint32 seed;
} ExtopoGenParams;

typedef struct _ExtopoGenOrg ExtopoGenOrg;

/* Lays out one native-mode organization: about one legacy administrative
 * group per ten routing groups, the two Exchange 2007 groups, servers spread
 * unevenly over the routing groups, and about 1.5 connections per routing
 * group (a hub-and-spoke tree over a backbone plus cross links, mostly
 * two-way pairs). The same parameters always give the same organization. */
ExtopoGenOrg *extopo_gen_org_new          (const ExtopoGenParams *params);
void          extopo_gen_org_free         (ExtopoGenOrg          *org);
/* Changes @n_changed of the legacy servers, spread over the organization,
 * for two snapshots to compare: call it with @newer FALSE on one
 * organization and TRUE on another made with the same parameters. Between
 * the two, servers are added, removed, upgraded or downgraded, renamed (the
 * same objectGUID) and moved to another routing group; every other object
 * keeps its DN and objectGUID. */
void          extopo_gen_org_change_servers (ExtopoGenOrg        *org,
                                             guint                n_changed,
                                             gboolean             newer);
/* Directory entries extopo_gen_org_write_ldif() writes. */
guint         extopo_gen_org_get_n_entries (ExtopoGenOrg         *org);
/* Drawn connections (a two-way pair counts once). */
guint         extopo_gen_org_get_n_connections (ExtopoGenOrg     *org);
/* The organization as ldifde writes it: changetype add, folded lines. */
gboolean      extopo_gen_org_write_ldif   (ExtopoGenOrg          *org,
                                           FILE                  *out);
/* The plain clustered DOT someone would write by hand: one cluster per
 * routing group holding its servers, one edge per connection between the
 * groups' first servers. */
gboolean      extopo_gen_org_write_dot    (ExtopoGenOrg          *org,
                                           FILE                  *out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExtopoGenOrg, extopo_gen_org_free)

G_END_DECLS
