/* extopo-schema.c: the directory object classes and attributes the model reads.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-schema"

#include "config.h"

#include "extopo-schema.h"

/* Every class in extopo-model.c's class_table. */
static const char *const object_classes[] = {
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
  "msExchSiteReplicationService",
  "msExchConnectionAgreement",
  NULL
};

/* Every attribute extopo-model.c reads from an entry. */
static const char *const attributes[] = {
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
  NULL
};

static const ExtopoEntryFilter entry_filter = { object_classes, attributes };

const char * const *
extopo_schema_get_object_classes (void)
{
  return object_classes;
}

const char * const *
extopo_schema_get_attributes (void)
{
  return attributes;
}

const ExtopoEntryFilter *
extopo_schema_get_entry_filter (void)
{
  return &entry_filter;
}
