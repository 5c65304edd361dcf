/* extopo-model-private.h: what the model's builder files share.
 *
 * extopo-model.c builds the objects and answers lookups;
 * extopo-model-shapes.c reads the shapes real directories hold (tombstones,
 * backlinks, GUIDs, connected routing groups, gateways, sites, Edge
 * subscriptions, clusters).
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "extopo-entry.h"
#include "extopo-model.h"

G_BEGIN_DECLS

/* State used only while building. */
typedef struct
{
  ExtopoModel *model;
  /* raw DN value (borrowed from an entry) -> ndn (owned), or NULL when it
   * does not parse. The build fills it with every link value up front; link
   * values repeat a lot (every server names its home routing group), so each
   * spelling is parsed once. */
  GHashTable  *ndn_cache;
  /* site ndn (borrowed from the site) -> ExtopoSite* */
  GHashTable  *sites;
  /* server ndn (borrowed from the cache) -> ExtopoRoutingGroup*, from the
   * groups' msExchRoutingGroupMembersBL */
  GHashTable  *members;
  /* "{guid}" (owned) -> ExtopoRoutingGroup* */
  GHashTable  *groups_by_guid;
} ExtopoModelBuilder;

/* Strings the model keeps in its chunk; NULL stays NULL. _share stores a
 * value many objects repeat once. */
void         extopo_model_set_source_name  (ExtopoModel        *self,
                                            const char         *source_name);
char        *extopo_model_store            (ExtopoModel        *self,
                                            const char         *text);
char        *extopo_model_share            (ExtopoModel        *self,
                                            const char         *text);
gpointer     extopo_model_lookup_ndn       (ExtopoModel        *self,
                                            const char         *ndn,
                                            ExtopoObjectKind    kind);
void         extopo_model_add_dangling     (ExtopoModel        *self,
                                            const char         *subject_dn,
                                            ExtopoObjectKind    subject_kind,
                                            gpointer            subject,
                                            const char         *attribute,
                                            const char         *target_dn);
void         extopo_model_add_site         (ExtopoModel        *self,
                                            ExtopoSite         *site);
/* The normalized form of a link value; NULL when it does not parse. */
const char  *extopo_model_builder_normalize (ExtopoModelBuilder *builder,
                                             const char         *raw);
/* @ndn without its first @levels RDNs, pointing into @ndn; NULL when it is
 * not that deep. Only for extopo_dn_normalize() output. */
const char  *extopo_ndn_skip_rdns          (const char         *ndn,
                                            guint               levels);

/* extopo-model-shapes.c */

/* TRUE for a tombstone: isDeleted TRUE, a "\0ADEL:" mangled name, or a
 * place under CN=Deleted Objects. */
gboolean     extopo_model_entry_is_deleted (ExtopoEntry        *entry);
/* "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}" in lower case from objectGUID
 * (16 bytes, Microsoft's mixed-endian text form, or a GUID already written
 * as text); NULL when it is neither. */
char        *extopo_guid_from_value        (const guint8       *data,
                                            gsize               length);
/* An entry's objectGUID in that form, stored in the model; NULL when it
 * has none or it does not parse. */
char        *extopo_model_entry_get_guid   (ExtopoModel        *self,
                                            ExtopoEntry        *entry);
void         extopo_model_read_routing_group_shapes (ExtopoModelBuilder *builder,
                                                     ExtopoRoutingGroup *group,
                                                     ExtopoEntry        *entry);
/* Once every routing group exists: the backlink and GUID indexes. */
void         extopo_model_index_routing_groups (ExtopoModelBuilder *builder);
/* The routing group whose msExchRoutingGroupMembersBL names @server. */
ExtopoRoutingGroup *extopo_model_builder_member_of (ExtopoModelBuilder *builder,
                                                    ExtopoServer       *server);
void         extopo_model_read_server_shapes (ExtopoModelBuilder *builder,
                                              ExtopoServer       *server,
                                              ExtopoEntry        *entry);
/* Once every server has its place: one ExtopoSite per msExchServerSite. */
void         extopo_model_build_sites      (ExtopoModelBuilder *builder);
/* Connected routing groups, smart hosts and a gateway's host server: needs
 * the routing groups indexed and the servers built. */
void         extopo_model_read_connector_shapes (ExtopoModelBuilder *builder,
                                                 ExtopoConnector    *connector,
                                                 ExtopoEntry        *entry);

G_END_DECLS
