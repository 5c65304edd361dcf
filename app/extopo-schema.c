/* extopo-schema.c: the directory object classes and attributes the model reads.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-schema"

#include "config.h"

#include "extopo-schema.h"

/* Every class in extopo-model.c's class_table. */
static const char * const object_classes[] = {
  "msExchOrganizationContainer",
  "msExchAdminGroup",
  "msExchRoutingGroup",
  "msExchExchangeServer",
  "msExchRoutingGroupConnector",
  "msExchRoutingSMTPConnector",
  "rFC1006X400Link",
  "x25X400Link",
  "tP4X400Link",
  "rASX400Link",
  /* Foreign mail gateways: each is a mailGateway, listed by name as well
   * so that an export that carries only the structural class is kept. */
  "mailGateway",
  "msExchNotesConnector",
  "msExchGroupWiseConnector",
  "msExchccMailConnector",
  "mSMailConnector",
  "msExchCalendarConnector",
  "msExchSiteReplicationService",
  "msExchConnectionAgreement",
  NULL
};

/* Every attribute extopo-model.c reads from an entry. */
static const char * const attributes[] = {
  "objectClass",
  "cn",
  "msExchMixedMode",
  "msExchAdminGroupMode",
  "msExchDefaultAdminGroup",
  "msExchHomeRoutingGroup",
  "msExchRoutingMasterDN",
  "msExchDestinationRGDN",
  "msExchSourceBridgeheadServersDN",
  "msExchTargetBridgeheadServersDN",
  "cost",
  "routingList",
  "serialNumber",
  "versionNumber",
  "msExchCurrentServerRoles",
  "networkAddress",
  "msExchServerSite",
  "msExchVersion",
  "serverRole",
  "legacyExchangeDN",
  /* Tombstones that an export made with the Show Deleted control holds. */
  "isDeleted",
  "objectGUID",
  /* Connected routing groups of SMTP and X.400 connectors. */
  "connectedDomains",
  "msExchSmtpSmartHost",
  /* The legacy server that hosts a foreign gateway (its MTA's DN). */
  "homeMTA",
  /* Membership by the computed backlink, when the forward link is missing. */
  "msExchRoutingGroupMembersBL",
  "msExchClusterStorageType",
  /* Markers New-EdgeSubscription writes on a subscribed Edge server. */
  "msExchEdgeSyncCredential",
  "msExchEdgeSyncAdamSSLPort",
  "msExchTransportFlags",
  NULL
};

static const ExtopoEntryFilter entry_filter = { object_classes, attributes };

const char *const *
extopo_schema_get_object_classes (void)
{
  return object_classes;
}

const char *const *
extopo_schema_get_attributes (void)
{
  return attributes;
}

const ExtopoEntryFilter *
extopo_schema_get_entry_filter (void)
{
  return &entry_filter;
}
