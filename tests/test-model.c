/* test-model.c: the topology model built from directory entries.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "extopo-dn.h"
#include "extopo-findings.h"
#include "extopo-ldif-reader.h"
#include "extopo-loader.h"
#include "extopo-report.h"
#include "model/model-fixture.h"

static void
test_model_admin_group_from_dn (void)
{
  g_autoptr(ExtopoModel) model = fx_model_from_text (
    FX_ORG_ENTRY ("msExchMixedMode: FALSE")
    FX_AG_ENTRY ("Headquarters")
    FX_AG_ENTRY ("Branch")
    FX_RG_ENTRY ("Headquarters", "Seattle")
    FX_SERVER_ENTRY ("Headquarters", "Seattle", "SEA-EX01", FX_SERIAL_2003_SP2)
    FX_SERVER_ENTRY_HOMED ("Branch", "BR-EX01", FX_SERIAL_2003_SP2,
                           FX_RG ("Headquarters", "Seattle")));
  ExtopoAdminGroup *hq = fx_admin_group (model, "Headquarters");
  ExtopoAdminGroup *branch = fx_admin_group (model, "Branch");
  ExtopoServer *sea = fx_server (model, "SEA-EX01");
  ExtopoServer *br = fx_server (model, "BR-EX01");
  ExtopoOrganization *org = g_ptr_array_index (extopo_model_get_organizations (model), 0);

  g_assert_nonnull (hq);
  g_assert_nonnull (branch);
  g_assert_true (hq->organization == org);
  g_assert_true (branch->organization == org);
  g_assert_cmpuint (org->admin_groups->len, ==, 2);
  g_assert_cmpstr (org->name, ==, "First Organization");
  g_assert_cmpint (org->mode, ==, EXTOPO_ORG_MODE_NATIVE);

  /* The admin group comes from the DN, the routing group from the link:
   * native mode lets a routing group hold another admin group's server. */
  g_assert_true (sea->admin_group == hq);
  g_assert_true (br->admin_group == branch);
  g_assert_true (br->routing_group == fx_routing_group (model, "Seattle"));
  g_assert_true (g_ptr_array_find (branch->servers, br, NULL));
  g_assert_false (g_ptr_array_find (hq->servers, br, NULL));
  g_assert_true (fx_routing_group (model, "Seattle")->admin_group == hq);
}

static void
test_model_home_routing_group (void)
{
  g_autoptr(ExtopoModel) model = fx_model_from_text (
    FX_ORG_ENTRY ("")
    FX_AG_ENTRY ("HQ")
    FX_RG_ENTRY ("HQ", "Seattle")
    FX_RG_ENTRY ("HQ", "Dallas")
    FX_SERVER_ENTRY ("HQ", "Seattle", "SEA-EX01", FX_SERIAL_2003_SP2)
    FX_SERVER_ENTRY ("HQ", "Dallas", "DAL-EX01", FX_SERIAL_2000_SP3)
    "dn: " FX_SERVER ("HQ", "NOHOME") "\n"
    "objectClass: msExchExchangeServer\nserialNumber: " FX_SERIAL_2003_SP2 "\n\n");
  ExtopoRoutingGroup *seattle = fx_routing_group (model, "Seattle");
  ExtopoRoutingGroup *dallas = fx_routing_group (model, "Dallas");
  ExtopoServer *nohome = fx_server (model, "NOHOME");
  ExtopoOrganization *org = g_ptr_array_index (extopo_model_get_organizations (model), 0);

  g_assert_cmpint (org->mode, ==, EXTOPO_ORG_MODE_UNSET);
  g_assert_true (fx_server (model, "SEA-EX01")->routing_group == seattle);
  g_assert_true (fx_server (model, "DAL-EX01")->routing_group == dallas);
  g_assert_cmpuint (seattle->servers->len, ==, 1);
  g_assert_cmpuint (dallas->servers->len, ==, 1);
  g_assert_cmpstr (fx_server (model, "SEA-EX01")->home_routing_group_dn, ==,
                   FX_RG ("HQ", "Seattle"));
  g_assert_false (fx_server (model, "SEA-EX01")->routing_group_by_fallback);

  /* A legacy server without the link stays without a routing group, and
   * its name falls back to the RDN. */
  g_assert_nonnull (nohome);
  g_assert_null (nohome->routing_group);
  g_assert_false (nohome->routing_group_by_fallback);
  g_assert_cmpuint (extopo_model_get_dangling_refs (model)->len, ==, 0);
}

static void
test_model_exchange_2007_fallback (void)
{
  g_autoptr(ExtopoModel) model = fx_model_from_text (
    FX_ORG_ENTRY ("msExchMixedMode: FALSE")
    FX_INTEROP_ENTRIES
    "dn: " FX_SERVER (FX_AG_2007, "EX2007-MBX2") "\n"
    "objectClass: msExchExchangeServer\n"
    "serialNumber: " FX_SERIAL_2007_SP1 "\n"
    "msExchCurrentServerRoles: 2\n\n"
    /* Unknown version, but only Exchange 2007 writes msExchVersion. */
    "dn: " FX_SERVER (FX_AG_2007, "EX2007-ODD") "\n"
    "objectClass: msExchExchangeServer\n"
    "msExchVersion: 4535486012416\n\n");
  ExtopoRoutingGroup *interop = fx_routing_group (model, FX_RG_2007);
  ExtopoServer *mbx = fx_server (model, "EX2007-MBX2");
  ExtopoServer *odd = fx_server (model, "EX2007-ODD");
  ExtopoServer *hub = fx_server (model, "EX2007-HUB1");

  g_assert_nonnull (interop);
  g_assert_true (mbx->routing_group == interop);
  g_assert_true (mbx->routing_group_by_fallback);
  g_assert_null (mbx->home_routing_group_dn);
  g_assert_true (odd->routing_group == interop);
  g_assert_true (odd->routing_group_by_fallback);
  g_assert_true (hub->routing_group == interop);
  g_assert_false (hub->routing_group_by_fallback);
  g_assert_cmpuint (interop->servers->len, ==, 3);
  g_assert_cmpuint (mbx->roles, ==, EXTOPO_ROLE_MAILBOX);
  g_assert_true (mbx->roles_known);
  g_assert_cmpint (mbx->management, ==, EXTOPO_MANAGEMENT_MANAGEMENT_CONSOLE);
}

#define FX_TWO_RGS \
  FX_ORG_ENTRY ("msExchMixedMode: FALSE") \
  FX_AG_ENTRY ("HQ") \
  FX_RG_ENTRY ("HQ", "Seattle") \
  FX_RG_ENTRY ("HQ", "Dallas") \
  FX_RG_ENTRY ("HQ", "Zurich")

static void
test_model_connector_pairing (void)
{
  g_autoptr(ExtopoModel) model = fx_model_from_text (
    FX_TWO_RGS
    FX_RGC_ENTRY ("HQ", "Seattle", "SEA-DAL", "HQ", "Dallas")
    FX_RGC_ENTRY ("HQ", "Dallas", "DAL-SEA", "HQ", "Seattle")
    FX_RGC_ENTRY ("HQ", "Dallas", "DAL-ZRH", "HQ", "Zurich"));
  ExtopoConnector *sea_dal = fx_connector (model, "SEA-DAL");
  ExtopoConnector *dal_sea = fx_connector (model, "DAL-SEA");
  ExtopoConnector *dal_zrh = fx_connector (model, "DAL-ZRH");
  GPtrArray *connections = extopo_model_get_connections (model);
  guint n_two_way = 0;

  g_assert_cmpuint (extopo_model_get_connectors (model)->len, ==, 3);
  g_assert_cmpuint (connections->len, ==, 2);

  g_assert_true (sea_dal->source == fx_routing_group (model, "Seattle"));
  g_assert_true (sea_dal->target == fx_routing_group (model, "Dallas"));
  g_assert_cmpint (sea_dal->type, ==, EXTOPO_CONNECTOR_ROUTING_GROUP);
  g_assert_cmpuint (sea_dal->cost, ==, 1);

  g_assert_true (sea_dal->reciprocal == dal_sea);
  g_assert_true (dal_sea->reciprocal == sea_dal);
  g_assert_true (sea_dal->connection == dal_sea->connection);
  g_assert_true (sea_dal->connection->two_way);
  g_assert_nonnull (sea_dal->connection->reverse);

  g_assert_null (dal_zrh->reciprocal);
  g_assert_false (dal_zrh->connection->two_way);
  g_assert_true (dal_zrh->connection->forward == dal_zrh);
  g_assert_null (dal_zrh->connection->reverse);
  g_assert_true (g_ptr_array_find (fx_routing_group (model, "Dallas")->connectors, dal_zrh, NULL));

  for (guint i = 0; i < connections->len; i++)
    {
      ExtopoConnection *connection = g_ptr_array_index (connections, i);

      g_assert_cmpuint (connection->index, ==, i);
      n_two_way += connection->two_way;
    }
  g_assert_cmpuint (n_two_way, ==, 1);
}

static void
test_model_bridgeheads (void)
{
  g_autoptr(ExtopoModel) model = fx_model_from_text (
    FX_TWO_RGS
    FX_SERVER_ENTRY ("HQ", "Seattle", "SEA-EX01", FX_SERIAL_2003_SP2)
    FX_SERVER_ENTRY ("HQ", "Dallas", "DAL-EX01", FX_SERIAL_2003_SP2)
    FX_SERVER_ENTRY ("HQ", "Dallas", "DAL-EX02", FX_SERIAL_2003_SP2)
    "dn: " FX_CONNECTOR ("HQ", "Seattle", "SEA-DAL") "\n"
    "objectClass: msExchRoutingGroupConnector\n"
    "msExchDestinationRGDN: " FX_RG ("HQ", "Dallas") "\n"
    "msExchSourceBridgeheadServersDN: " FX_SMTP_VS ("HQ", "SEA-EX01") "\n"
    "msExchTargetBridgeheadServersDN: " FX_SMTP_VS ("HQ", "DAL-EX01") "\n"
    /* A DN that names the server itself is accepted too. */
    "msExchTargetBridgeheadServersDN: " FX_SERVER ("HQ", "DAL-EX02") "\n"
    "cost: 250\n"
    "\n");
  ExtopoConnector *connector = fx_connector (model, "SEA-DAL");

  g_assert_cmpuint (connector->source_bridgeheads->len, ==, 1);
  g_assert_true (g_ptr_array_index (connector->source_bridgeheads, 0) ==
                 fx_server (model, "SEA-EX01"));
  g_assert_cmpuint (connector->target_bridgeheads->len, ==, 2);
  g_assert_true (g_ptr_array_index (connector->target_bridgeheads, 0) ==
                 fx_server (model, "DAL-EX01"));
  g_assert_true (g_ptr_array_index (connector->target_bridgeheads, 1) ==
                 fx_server (model, "DAL-EX02"));
  /* Clamped to 1..100. */
  g_assert_cmpuint (connector->cost, ==, 100);
  g_assert_cmpuint (extopo_model_get_dangling_refs (model)->len, ==, 0);
}

static gboolean
has_dangling (ExtopoModel *model,
              const char  *attribute,
              const char  *target_dn)
{
  GPtrArray *refs = extopo_model_get_dangling_refs (model);

  for (guint i = 0; i < refs->len; i++)
    {
      ExtopoDanglingRef *ref = g_ptr_array_index (refs, i);

      if (g_strcmp0 (ref->attribute, attribute) == 0 && g_strcmp0 (ref->target_dn, target_dn) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
test_model_dangling_refs (void)
{
  g_autoptr(ExtopoModel) model = fx_model_from_text (
    FX_TWO_RGS
    "dn: " FX_RG ("HQ", "Lonely") "\n"
    "objectClass: msExchRoutingGroup\n"
    "msExchRoutingMasterDN: " FX_SERVER ("HQ", "GONE-MASTER") "\n\n"
    FX_SERVER_ENTRY ("HQ", "Atlantis", "SEA-EX01", FX_SERIAL_2003_SP2)
    "dn: " FX_CONNECTOR ("HQ", "Seattle", "SEA-NOWHERE") "\n"
    "objectClass: msExchRoutingGroupConnector\n"
    "msExchDestinationRGDN: " FX_RG ("HQ", "Nowhere") "\n"
    "msExchSourceBridgeheadServersDN: " FX_SMTP_VS ("HQ", "GONE-BH") "\n"
    "msExchTargetBridgeheadServersDN: not a dn at all\n\n");
  ExtopoConnector *connector = fx_connector (model, "SEA-NOWHERE");
  ExtopoServer *server = fx_server (model, "SEA-EX01");
  GPtrArray *refs = extopo_model_get_dangling_refs (model);

  g_assert_nonnull (connector);
  g_assert_null (connector->target);
  g_assert_cmpstr (connector->target_dn, ==, FX_RG ("HQ", "Nowhere"));
  g_assert_nonnull (connector->connection);
  g_assert_false (connector->connection->two_way);
  g_assert_null (server->routing_group);
  g_assert_null (fx_routing_group (model, "Lonely")->master);

  g_assert_cmpuint (refs->len, ==, 5);
  g_assert_true (has_dangling (model, "msExchDestinationRGDN", FX_RG ("HQ", "Nowhere")));
  g_assert_true (
    has_dangling (model, "msExchSourceBridgeheadServersDN", FX_SMTP_VS ("HQ", "GONE-BH")));
  g_assert_true (has_dangling (model, "msExchTargetBridgeheadServersDN", "not a dn at all"));
  g_assert_true (has_dangling (model, "msExchHomeRoutingGroup", FX_RG ("HQ", "Atlantis")));
  g_assert_true (has_dangling (model, "msExchRoutingMasterDN", FX_SERVER ("HQ", "GONE-MASTER")));

  for (guint i = 0; i < refs->len; i++)
    {
      ExtopoDanglingRef *ref = g_ptr_array_index (refs, i);

      g_assert_nonnull (ref->subject);
      g_assert_cmpstr (extopo_model_object_get_dn (ref->subject_kind, ref->subject), ==,
                       ref->subject_dn);
    }
}

static void
test_model_send_connector (void)
{
  g_autoptr(ExtopoModel) model = fx_model_from_text (
    FX_ORG_ENTRY ("msExchMixedMode: FALSE")
    FX_AG_ENTRY ("HQ")
    FX_RG_ENTRY ("HQ", "Seattle")
    FX_INTEROP_ENTRIES
    "dn: " FX_CONNECTOR (FX_AG_2007, FX_RG_2007, "Internet Send") "\n"
    "objectClass: msExchRoutingSMTPConnector\n"
    "routingList: SMTP:*;1\n\n"
    "dn: " FX_CONNECTOR ("HQ", "Seattle", "Made by 2007") "\n"
    "objectClass: msExchRoutingSMTPConnector\n"
    "msExchVersion: 4535486012416\n\n"
    "dn: " FX_CONNECTOR ("HQ", "Seattle", "Internet Mail") "\n"
    "objectClass: msExchRoutingSMTPConnector\n"
    "routingList: SMTP:*;10\n"
    "routingList: SMTP:example.org;5\n"
    "cost: cheap\n\n");
  ExtopoConnector *send = fx_connector (model, "Internet Send");
  ExtopoConnector *made = fx_connector (model, "Made by 2007");
  ExtopoConnector *smtp = fx_connector (model, "Internet Mail");

  g_assert_cmpint (send->type, ==, EXTOPO_CONNECTOR_SEND);
  g_assert_cmpint (made->type, ==, EXTOPO_CONNECTOR_SEND);
  g_assert_cmpint (smtp->type, ==, EXTOPO_CONNECTOR_SMTP);
  g_assert_cmpstr (extopo_connector_type_to_string (send->type), ==, "send");
  g_assert_cmpstr (extopo_connector_type_to_string (smtp->type), ==, "smtp");
  g_assert_cmpstr (send->address_spaces[0], ==, "SMTP:*;1");
  g_assert_null (send->address_spaces[1]);
  g_assert_cmpuint (g_strv_length (smtp->address_spaces), ==, 2);
  g_assert_cmpuint (g_strv_length (made->address_spaces), ==, 0);
  /* A non-numeric cost takes the default. */
  g_assert_cmpuint (smtp->cost, ==, 1);
  g_assert_null (smtp->target);
  g_assert_false (smtp->connection->two_way);
  g_assert_cmpstr (smtp->object_class, ==, "msExchRoutingSMTPConnector");
}

static void
test_model_x400 (void)
{
  static const char *classes[] = { "rFC1006X400Link", "x25X400Link", "tP4X400Link", "rASX400Link" };
  g_autoptr(ExtopoModel) model = fx_model_from_text (
    FX_TWO_RGS
    "dn: " FX_CONNECTOR ("HQ", "Seattle", "X1") "\nobjectClass: rFC1006X400Link\n\n"
    "dn: " FX_CONNECTOR ("HQ", "Seattle", "X2") "\nobjectClass: x25X400Link\n\n"
    "dn: " FX_CONNECTOR ("HQ", "Seattle", "X3") "\nobjectClass: tp4x400link\n\n"
    "dn: " FX_CONNECTOR ("HQ", "Dallas", "X4") "\nobjectClass: rASX400Link\ncost: 7\n\n");

  g_assert_cmpuint (extopo_model_get_connectors (model)->len, ==, 4);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      g_autofree char *name = g_strdup_printf ("X%u", i + 1);
      ExtopoConnector *connector = fx_connector (model, name);

      g_assert_nonnull (connector);
      g_assert_cmpint (connector->type, ==, EXTOPO_CONNECTOR_X400);
      g_assert_cmpstr (connector->object_class, ==, classes[i]);
      g_assert_nonnull (connector->source);
      g_assert_false (connector->connection->two_way);
    }
  g_assert_cmpuint (fx_connector (model, "X4")->cost, ==, 7);
  g_assert_cmpstr (extopo_connector_type_to_string (EXTOPO_CONNECTOR_X400), ==, "x400");
}

static void
test_model_interop_groups_marked (void)
{
  g_autoptr(ExtopoModel) model = fx_model_from_text (
    FX_ORG_ENTRY ("msExchMixedMode: FALSE")
    FX_AG_ENTRY ("HQ")
    FX_RG_ENTRY ("HQ", "Seattle")
    /* A look-alike name is not the interop group. */
    FX_RG_ENTRY ("HQ", "Exchange Routing Group (DWBGZMFD01QNBJR) copy")
    FX_INTEROP_ENTRIES);

  g_assert_true (fx_admin_group (model, FX_AG_2007)->interop);
  g_assert_true (fx_routing_group (model, FX_RG_2007)->interop);
  g_assert_false (fx_admin_group (model, "HQ")->interop);
  g_assert_false (fx_routing_group (model, "Seattle")->interop);
  g_assert_false (
    fx_routing_group (model, "Exchange Routing Group (DWBGZMFD01QNBJR) copy")->interop);
  g_assert_true (fx_routing_group (model, FX_RG_2007)->admin_group ==
                 fx_admin_group (model, FX_AG_2007));
}

/* slapd and ldifde spell the same DN differently. */
static void
test_model_dn_spellings (void)
{
  g_autoptr(ExtopoModel) model = fx_model_from_text (
    "dn: cn=First Organization,cn=Microsoft Exchange,cn=Services,cn=Configuration,"
    "dc=example,dc=com\n"
    "objectClass: msExchOrganizationContainer\n\n"
    "dn: CN=HQ, CN=Administrative Groups, CN=First Organization,CN=Microsoft Exchange,"
    "CN=Services,CN=Configuration,DC=example,DC=com\n"
    "objectClass: msExchAdminGroup\n\n"
    "dn: cn=seattle,cn=routing groups,cn=hq,cn=administrative groups,cn=first organization,"
    "cn=microsoft exchange,cn=services,cn=configuration,dc=example,dc=com\n"
    "objectClass: msExchRoutingGroup\n"
    "msExchRoutingMasterDN: CN=SEA-EX01,CN=Servers," FX_AG ("HQ") "\n\n"
    FX_SERVER_ENTRY ("HQ", "SEATTLE", "SEA-EX01", FX_SERIAL_2003_SP2)
    /* An escaped comma in a name. */
    "dn: CN=Sales\\, East,CN=Administrative Groups," FX_ORG "\n"
    "objectClass: msExchAdminGroup\n\n"
    "dn: CN=BOS-EX01,CN=Servers,CN=Sales\\2C East,CN=Administrative Groups," FX_ORG "\n"
    "objectClass: msExchExchangeServer\n"
    "msExchHomeRoutingGroup: CN=Seattle,CN=Routing Groups," FX_AG ("HQ") "\n\n");
  ExtopoRoutingGroup *seattle = fx_routing_group (model, "seattle");
  ExtopoServer *sea = fx_server (model, "SEA-EX01");
  ExtopoServer *bos = fx_server (model, "BOS-EX01");
  ExtopoAdminGroup *sales = fx_admin_group (model, "Sales, East");

  g_assert_nonnull (seattle);
  g_assert_nonnull (fx_admin_group (model, "HQ")->organization);
  g_assert_true (seattle->admin_group == fx_admin_group (model, "HQ"));
  g_assert_true (sea->routing_group == seattle);
  g_assert_true (seattle->master == sea);
  g_assert_nonnull (sales);
  g_assert_true (bos->admin_group == sales);
  g_assert_true (bos->routing_group == seattle);
  g_assert_cmpuint (extopo_model_get_dangling_refs (model)->len, ==, 0);

  /* Lookups take any spelling too. */
  g_assert_true (
    extopo_model_lookup_server (model, "cn=sea-ex01,cn=servers,cn=hq,cn=administrative groups,"
                                "cn=first organization,cn=microsoft exchange,cn=services,"
                                "cn=configuration,dc=example,dc=com") == sea);
  g_assert_true (extopo_model_lookup_routing_group (model, FX_RG ("HQ", "SEATTLE")) == seattle);
  g_assert_null (extopo_model_lookup_server (model, FX_RG ("HQ", "SEATTLE")));
  g_assert_null (extopo_model_lookup_server (model, "garbage"));
}

static void
test_model_two_organizations (void)
{
  g_autoptr(ExtopoModel) model = fx_model_from_text (
    FX_ORG_ENTRY ("msExchMixedMode: TRUE")
    FX_AG_ENTRY ("HQ")
    FX_RG_ENTRY ("HQ", "Seattle")
    FX_SERVER_ENTRY ("HQ", "Seattle", "SEA-EX01", FX_SERIAL_2003_SP2)
    "dn: CN=Other Org," FX_EXCHANGE "\n"
    "objectClass: msExchOrganizationContainer\n"
    "msExchMixedMode: FALSE\n\n"
    "dn: CN=HQ,CN=Administrative Groups,CN=Other Org," FX_EXCHANGE "\n"
    "objectClass: msExchAdminGroup\n\n"
    "dn: CN=Active Directory Connections," FX_EXCHANGE "\n"
    "objectClass: container\n\n"
    "dn: CN=CA1,CN=Active Directory Connections," FX_EXCHANGE "\n"
    "objectClass: msExchConnectionAgreement\n\n");
  GPtrArray *orgs = extopo_model_get_organizations (model);
  ExtopoOrganization *first;
  ExtopoOrganization *other;

  g_assert_cmpuint (orgs->len, ==, 2);
  first = g_ptr_array_index (orgs, 0);
  other = g_ptr_array_index (orgs, 1);
  g_assert_cmpstr (first->name, ==, "First Organization");
  g_assert_cmpstr (other->name, ==, "Other Org");
  g_assert_cmpint (first->mode, ==, EXTOPO_ORG_MODE_MIXED);
  g_assert_cmpint (other->mode, ==, EXTOPO_ORG_MODE_NATIVE);
  g_assert_cmpuint (first->admin_groups->len, ==, 1);
  g_assert_cmpuint (other->admin_groups->len, ==, 1);
  g_assert_true (g_ptr_array_index (other->admin_groups, 0) !=
                 g_ptr_array_index (first->admin_groups, 0));
  g_assert_true (((ExtopoAdminGroup *) g_ptr_array_index (other->admin_groups, 0))->organization ==
                 other);
  /* Two admin groups called HQ, one per organization. */
  g_assert_cmpuint (extopo_model_get_admin_groups (model)->len, ==, 2);
  /* The forest's connection agreement counts against both organizations. */
  g_assert_cmpuint (first->adc_dns->len, ==, 1);
  g_assert_cmpuint (other->adc_dns->len, ==, 1);
}

static void
test_model_srs_adc (void)
{
  g_autoptr(ExtopoModel) model = fx_model_from_text (
    FX_ORG_ENTRY ("msExchMixedMode: TRUE")
    FX_AG_ENTRY ("Site55")
    FX_RG_ENTRY ("Site55", "Site55")
    FX_SERVER_ENTRY ("Site55", "Site55", "EX55", FX_SERIAL_55_SP4)
    FX_SERVER_ENTRY ("Site55", "Site55", "EX2003", FX_SERIAL_2003_SP2)
    "dn: CN=Microsoft Site Replication Service," FX_SERVER ("Site55", "EX2003") "\n"
    "objectClass: msExchSiteReplicationService\n\n"
    "dn: CN=CA1,CN=Active Directory Connections," FX_EXCHANGE "\n"
    "objectClass: top\nobjectClass: msExchConnectionAgreement\n\n");
  ExtopoOrganization *org = g_ptr_array_index (extopo_model_get_organizations (model), 0);

  g_assert_cmpuint (org->srs_dns->len, ==, 1);
  g_assert_cmpuint (org->adc_dns->len, ==, 1);
  g_assert_true (fx_server (model, "EX2003")->has_srs);
  g_assert_false (fx_server (model, "EX55")->has_srs);
  g_assert_cmpint (fx_server (model, "EX55")->version.product, ==, EXTOPO_PRODUCT_EXCHANGE_55);
  g_assert_cmpint (fx_server (model, "EX55")->management, ==,
                   EXTOPO_MANAGEMENT_EXCHANGE_ADMINISTRATOR);
}

static void
test_model_server_attributes (void)
{
  g_autoptr(ExtopoModel) model = fx_model_from_text (
    FX_ORG_ENTRY ("msExchMixedMode: FALSE")
    FX_INTEROP_ENTRIES
    FX_AG_ENTRY ("HQ")
    FX_RG_ENTRY ("HQ", "Seattle")
    "dn: " FX_SERVER ("HQ", "SEA-EX02") "\n"
    "objectClass: msExchExchangeServer\n"
    "cn: SEA-EX02\n"
    "serialNumber: " FX_SERIAL_2003_SP2 "\n"
    "versionNumber: 7638\n"
    "serverRole: 1\n"
    "networkAddress: ncacn_vns_spp:SEA-EX02\n"
    "networkAddress: ncacn_ip_tcp:sea-ex02.example.com\n"
    "legacyExchangeDN: /o=First Organization/ou=HQ/cn=Configuration/cn=Servers/cn=SEA-EX02\n"
    "msExchServerSite: CN=Seattle-Site,CN=Sites,CN=Configuration,DC=example,DC=com\n"
    "msExchHomeRoutingGroup: " FX_RG ("HQ", "Seattle") "\n\n"
    /* Garbage never fails the build. */
    "dn: " FX_SERVER ("HQ", "ODD") "\n"
    "objectClass: msExchExchangeServer\n"
    "serialNumber: who knows\n"
    "versionNumber: lots\n"
    "serverRole: front\n"
    "msExchCurrentServerRoles: many\n\n");
  ExtopoServer *sea = fx_server (model, "SEA-EX02");
  ExtopoServer *odd = fx_server (model, "ODD");
  ExtopoServer *hub = fx_server (model, "EX2007-HUB1");

  g_assert_cmpstr (sea->fqdn, ==, "sea-ex02.example.com");
  g_assert_cmpint (sea->server_role, ==, 1);
  g_assert_cmpstr (sea->site_name, ==, "Seattle-Site");
  g_assert_nonnull (sea->legacy_dn);
  g_assert_cmpstr (sea->version_number, ==, "7638");
  g_assert_cmpint (sea->version.product, ==, EXTOPO_PRODUCT_EXCHANGE_2003);
  g_assert_cmpint (sea->version.service_pack, ==, 2);
  g_assert_false (sea->roles_known);
  g_assert_false (sea->has_msexch_version);
  g_assert_cmpint (sea->management, ==, EXTOPO_MANAGEMENT_SYSTEM_MANAGER);

  g_assert_false (odd->version.known);
  g_assert_cmpint (odd->server_role, ==, -1);
  g_assert_false (odd->roles_known);
  g_assert_null (odd->fqdn);
  g_assert_null (odd->routing_group);

  g_assert_cmpuint (hub->roles, ==, EXTOPO_ROLE_CLIENT_ACCESS | EXTOPO_ROLE_HUB_TRANSPORT);
  g_assert_true (hub->has_msexch_version);
  g_assert_cmpuint (hub->version.build, ==, 240);
}

/* Servers come sorted by routing group, then name; indexes follow. */
static void
test_model_sorted (void)
{
  g_autoptr(ExtopoModel) model = fx_model_from_text (
    FX_ORG_ENTRY ("msExchMixedMode: FALSE")
    FX_AG_ENTRY ("HQ")
    FX_RG_ENTRY ("HQ", "Zurich")
    FX_RG_ENTRY ("HQ", "Athens")
    FX_SERVER_ENTRY ("HQ", "Zurich", "b-zrh", FX_SERIAL_2003_SP2)
    FX_SERVER_ENTRY ("HQ", "Athens", "Z-ATH", FX_SERIAL_2003_SP2)
    FX_SERVER_ENTRY ("HQ", "Zurich", "A-ZRH", FX_SERIAL_2003_SP2)
    FX_SERVER_ENTRY ("HQ", "Athens", "a-ath", FX_SERIAL_2003_SP2));
  GPtrArray *servers = extopo_model_get_servers (model);
  GPtrArray *groups = extopo_model_get_routing_groups (model);
  static const char *expected[] = { "a-ath", "Z-ATH", "A-ZRH", "b-zrh" };

  g_assert_cmpstr (((ExtopoRoutingGroup *) g_ptr_array_index (groups, 0))->name, ==, "Athens");
  g_assert_cmpuint (servers->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < servers->len; i++)
    {
      ExtopoServer *server = g_ptr_array_index (servers, i);

      g_assert_cmpstr (server->name, ==, expected[i]);
      g_assert_cmpuint (server->index, ==, i);
    }
}

static void
test_model_no_organization (void)
{
  g_autoptr(GPtrArray) entries = fx_entries_from_text (
    FX_AG_ENTRY ("HQ")
    FX_SERVER_ENTRY ("HQ", "Seattle", "SEA-EX01", FX_SERIAL_2003_SP2));
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoModel) model = NULL;

  model = extopo_model_new_from_entries (entries, "nothing.ldif", &error);
  g_assert_null (model);
  g_assert_error (error, EXTOPO_MODEL_ERROR, EXTOPO_MODEL_ERROR_NO_ORGANIZATION);
  g_assert_nonnull (strstr (error->message, "nothing.ldif"));
  g_clear_error (&error);

  model = extopo_model_new_from_entries (empty, "empty", &error);
  g_assert_null (model);
  g_assert_error (error, EXTOPO_MODEL_ERROR, EXTOPO_MODEL_ERROR_NO_ORGANIZATION);
}

/* Data without a single Exchange object (an empty LDIF file, or one with
 * other objects only) builds nothing: no DN to normalise must not mean
 * pointer arithmetic on the empty list's missing storage (found by
 * tests/fuzz/fuzz-ldif-export; UBSan's pointer-overflow check in a clang
 * build flags it). */
static void
test_model_empty_input (void)
{
  static const char * const inputs[] = {
    "",
    "version: 1\n",
    "dn: CN=Users,DC=example,DC=com\nobjectClass: container\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) entries = NULL;
      g_autoptr(ExtopoModel) model = NULL;

      entries = extopo_ldif_read_data (inputs[i], strlen (inputs[i]), "empty.ldif", NULL,
                                       &error);
      g_assert_no_error (error);
      g_assert_nonnull (entries);

      model = extopo_model_new_from_entries (entries, "empty.ldif", &error);
      g_assert_null (model);
      g_assert_error (error, EXTOPO_MODEL_ERROR, EXTOPO_MODEL_ERROR_NO_ORGANIZATION);
      g_assert_nonnull (strstr (error->message, "empty.ldif"));
    }
}

/* LDIF values are bytes: text the model keeps (names, versions, links as
 * found, address spaces) is UTF-8 whatever the file held, or the reports
 * and exports are not (found by tests/fuzz/fuzz-ldif-export: a byte 0x93 in
 * msExchRoutingMasterDN went into the JSON report as it was). */
static void
test_model_text_not_utf8 (void)
{
  g_autoptr(ExtopoModel) model = fx_model_from_text (
    FX_ORG_ENTRY ("msExchMixedMode: FALSE")
    FX_AG_ENTRY ("HQ")
    "dn: " FX_RG ("HQ", "Seattle") "\n"
    "objectClass: msExchRoutingGroup\n"
    "msExchRoutingMasterDN: CN=SEA-EX01,CN=Server\x93," FX_AG ("HQ") "\n\n"
    "dn: " FX_SERVER ("HQ", "SEA-EX01") "\n"
    "objectClass: msExchExchangeServer\n"
    "cn: SEA\xff-EX01\n"
    "serialNumber: Version 6.5 (Build 7638.2\xc3: Service Pack 2)\n"
    "legacyExchangeDN: /o=First\x80\n"
    "msExchHomeRoutingGroup: " FX_RG ("HQ", "Seattle") "\n\n"
    "dn: " FX_CONNECTOR ("HQ", "Seattle", "Internet") "\n"
    "objectClass: msExchRoutingSMTPConnector\n"
    "routingList: SMTP:*.example\xfe;1\n"
    "msExchSourceBridgeheadServersDN: CN=Gone\xe2\x82," FX_AG ("HQ") "\n\n");
  ExtopoRoutingGroup *seattle = fx_routing_group (model, "Seattle");
  ExtopoServer *server = g_ptr_array_index (extopo_model_get_servers (model), 0);
  ExtopoConnector *connector = g_ptr_array_index (extopo_model_get_connectors (model), 0);
  GPtrArray *dangling = extopo_model_get_dangling_refs (model);
  g_autofree char *json = NULL;

  g_assert_nonnull (seattle);
  g_assert_true (g_utf8_validate (seattle->master_dn, -1, NULL));
  g_assert_nonnull (strstr (seattle->master_dn, "CN=Server\xef\xbf\xbd,"));
  g_assert_cmpstr (server->name, ==, "SEA\xef\xbf\xbd-EX01");
  g_assert_true (g_utf8_validate (server->serial_number, -1, NULL));
  g_assert_cmpstr (server->legacy_dn, ==, "/o=First\xef\xbf\xbd");
  g_assert_cmpstr (connector->address_spaces[0], ==, "SMTP:*.example\xef\xbf\xbd;1");
  g_assert_cmpuint (dangling->len, >=, 2);
  for (guint i = 0; i < dangling->len; i++)
    {
      ExtopoDanglingRef *ref = g_ptr_array_index (dangling, i);

      g_assert_true (g_utf8_validate (ref->target_dn, -1, NULL));
    }

  extopo_findings_evaluate (model);
  json = extopo_report_to_json (model);
  g_assert_true (g_utf8_validate (json, -1, NULL));
}

/* An administrative group with no room for an organization above it: its
 * missing container has no DN at all, and the dangling link says so with
 * NULL (the UTF-8 repair must not trip over it). */
static void
test_model_admin_group_at_top (void)
{
  g_autoptr(ExtopoModel) model = fx_model_from_text (
    FX_ORG_ENTRY ("msExchMixedMode: FALSE")
    "dn: CN=Lonely\nobjectClass: msExchAdminGroup\n\n");
  GPtrArray *dangling = extopo_model_get_dangling_refs (model);
  ExtopoDanglingRef *ref;
  g_autofree char *json = NULL;

  g_assert_cmpuint (dangling->len, ==, 1);
  ref = g_ptr_array_index (dangling, 0);
  g_assert_cmpstr (ref->subject_dn, ==, "CN=Lonely");
  g_assert_cmpstr (ref->attribute, ==, "distinguishedName");
  g_assert_null (ref->target_dn);

  extopo_findings_evaluate (model);
  json = extopo_report_to_json (model);
  g_assert_true (g_utf8_validate (json, -1, NULL));
}

/* An entry DN that does not parse fails the build and names its line, also
 * when the DNs are normalized by several threads. */
static void
test_model_invalid_dn (void)
{
  static const guint sizes[] = { 3, 9000 };

  for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
    {
      g_autoptr(GString) text = g_string_new (FX_ORG_ENTRY ("msExchMixedMode: FALSE"));
      g_autoptr(GPtrArray) entries = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(ExtopoModel) model = NULL;
      g_autofree char *where = NULL;
      guint bad_line = 0;

      for (guint i = 0; i < sizes[k]; i++)
        {
          if (i == sizes[k] - 2)
            {
              /* Lines are counted from 1; this entry's dn: line comes next. */
              bad_line = 1;
              for (const char *p = text->str; *p != '\0'; p++)
                bad_line += *p == '\n';
              g_string_append (text, "dn: CN=broken,,,=\nobjectClass: msExchExchangeServer\n\n");
              continue;
            }
          g_string_append_printf (text, "dn: CN=S%u,CN=Servers," FX_AG ("HQ") "\n"
                                  "objectClass: msExchExchangeServer\n\n", i);
        }

      entries = fx_entries_from_text (text->str);
      model = extopo_model_new_from_entries (entries, "broken.ldif", &error);
      g_assert_null (model);
      g_assert_error (error, EXTOPO_MODEL_ERROR, EXTOPO_MODEL_ERROR_INVALID_DN);
      where = g_strdup_printf ("broken.ldif:%u:", bad_line);
      g_assert_true (g_str_has_prefix (error->message, where));
    }
}

static void
test_model_lookup (void)
{
  g_autoptr(ExtopoModel) model = fx_model_from_text (
    FX_ORG_ENTRY ("msExchMixedMode: FALSE")
    FX_AG_ENTRY ("HQ")
    FX_RG_ENTRY ("HQ", "Seattle")
    FX_RGC_ENTRY ("HQ", "Seattle", "Loop", "HQ", "Seattle"));
  ExtopoObjectKind kind = EXTOPO_OBJECT_NONE;
  gpointer object;

  object = extopo_model_lookup (model, FX_ORG, &kind);
  g_assert_nonnull (object);
  g_assert_cmpint (kind, ==, EXTOPO_OBJECT_ORGANIZATION);
  object = extopo_model_lookup (model, FX_CONNECTOR ("HQ", "Seattle", "Loop"), &kind);
  g_assert_true (object == fx_connector (model, "Loop"));
  g_assert_cmpint (kind, ==, EXTOPO_OBJECT_CONNECTOR);
  g_assert_null (extopo_model_lookup (model, FX_AG ("Nope"), &kind));
  g_assert_cmpint (kind, ==, EXTOPO_OBJECT_NONE);
  g_assert_cmpstr (extopo_model_object_get_name (EXTOPO_OBJECT_CONNECTOR, object), ==, "Loop");

  /* A connector to its own group is never its own reciprocal. */
  g_assert_null (fx_connector (model, "Loop")->reciprocal);
  g_assert_cmpstr (extopo_model_get_source_name (model), ==, "fixture");
  g_assert_cmpstr (extopo_org_mode_to_string (EXTOPO_ORG_MODE_UNSET), ==, "unset");
  g_assert_cmpstr (extopo_status_to_string (EXTOPO_STATUS_UNSUPPORTED), ==, "unsupported");
  g_assert_cmpstr (extopo_severity_to_string (EXTOPO_SEVERITY_INFO), ==, "info");
}

/* Many servers over many groups: every server homed and counted. */
static void
test_model_many_servers (void)
{
  g_autoptr(GString) text = g_string_new (FX_ORG_ENTRY ("msExchMixedMode: FALSE"));
  g_autoptr(ExtopoModel) model = NULL;
  guint n_servers = 2000;
  guint n_groups = 50;
  GPtrArray *groups;

  for (guint g = 0; g < n_groups; g++)
    {
      g_string_append_printf (text, "dn: CN=AG%u,CN=Administrative Groups," FX_ORG "\n"
                              "objectClass: msExchAdminGroup\n\n", g);
      g_string_append_printf (text, "dn: CN=RG%u,CN=Routing Groups,CN=AG%u,"
                              "CN=Administrative Groups," FX_ORG "\n"
                              "objectClass: msExchRoutingGroup\n\n", g, g);
    }
  for (guint s = 0; s < n_servers; s++)
    g_string_append_printf (text, "dn: CN=S%05u,CN=Servers,CN=AG%u,"
                            "CN=Administrative Groups," FX_ORG "\n"
                            "objectClass: msExchExchangeServer\ncn: S%05u\n"
                            "msExchHomeRoutingGroup: CN=RG%u,CN=Routing Groups,CN=AG%u,"
                            "CN=Administrative Groups," FX_ORG "\n\n",
                            s, s % n_groups, s, (s + 1) % n_groups, (s + 1) % n_groups);

  model = fx_model_from_text (text->str);
  groups = extopo_model_get_routing_groups (model);
  g_assert_cmpuint (extopo_model_get_servers (model)->len, ==, n_servers);
  for (guint g = 0; g < groups->len; g++)
    g_assert_cmpuint (((ExtopoRoutingGroup *) g_ptr_array_index (groups, g))->servers->len, ==,
                      n_servers / n_groups);
  g_assert_cmpuint (extopo_model_get_dangling_refs (model)->len, ==, 0);
}

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  ExtopoModel **model = data;
  g_autoptr(GError) error = NULL;

  *model = extopo_loader_load_file_finish (result, &error);
  g_assert_no_error (error);
}

static ExtopoModel *
load_and_wait (const char *path)
{
  ExtopoModel *model = NULL;

  extopo_loader_load_file_async (path, NULL, loaded_cb, &model);
  while (model == NULL)
    g_main_context_iteration (NULL, TRUE);

  return model;
}

/* A file read ahead as the program starts is taken by the first load of
 * it, however its path is spelled; later loads read it again. The source
 * name tells them apart: a load names the model by the path as given, the
 * read-ahead by the canonical one. */
static void
test_loader_preload (void)
{
  const char *dir = g_getenv ("EXTOPO_SAMPLES_DIR");
  g_autofree char *path = g_build_filename (dir, "coexistence.ldif", NULL);
  g_autofree char *spelled = g_build_filename (dir, ".", "coexistence.ldif", NULL);
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  g_autofree char *canonical_name = g_filename_display_name (canonical);
  g_autofree char *spelled_name = g_filename_display_name (spelled);
  g_autoptr(ExtopoModel) first = NULL;
  g_autoptr(ExtopoModel) second = NULL;

  g_assert_cmpstr (canonical_name, !=, spelled_name);
  extopo_loader_preload_file (path);
  first = load_and_wait (spelled);
  g_assert_cmpstr (extopo_model_get_source_name (first), ==, canonical_name);
  g_assert_cmpuint (extopo_model_get_servers (first)->len, ==, 19);
  second = load_and_wait (spelled);
  g_assert_cmpstr (extopo_model_get_source_name (second), ==, spelled_name);
  /* Nothing left to drop. */
  extopo_loader_preload_drop ();
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/model/admin-group-from-dn", test_model_admin_group_from_dn);
  g_test_add_func ("/loader/preload", test_loader_preload);
  g_test_add_func ("/model/home-routing-group", test_model_home_routing_group);
  g_test_add_func ("/model/exchange-2007-fallback", test_model_exchange_2007_fallback);
  g_test_add_func ("/model/connector-pairing", test_model_connector_pairing);
  g_test_add_func ("/model/bridgeheads", test_model_bridgeheads);
  g_test_add_func ("/model/dangling-refs", test_model_dangling_refs);
  g_test_add_func ("/model/send-connector", test_model_send_connector);
  g_test_add_func ("/model/x400", test_model_x400);
  g_test_add_func ("/model/interop-groups-marked", test_model_interop_groups_marked);
  g_test_add_func ("/model/dn-spellings", test_model_dn_spellings);
  g_test_add_func ("/model/two-organizations", test_model_two_organizations);
  g_test_add_func ("/model/srs-adc", test_model_srs_adc);
  g_test_add_func ("/model/server-attributes", test_model_server_attributes);
  g_test_add_func ("/model/sorted", test_model_sorted);
  g_test_add_func ("/model/no-organization", test_model_no_organization);
  g_test_add_func ("/model/empty-input", test_model_empty_input);
  g_test_add_func ("/model/text-not-utf8", test_model_text_not_utf8);
  g_test_add_func ("/model/admin-group-at-top", test_model_admin_group_at_top);
  g_test_add_func ("/model/invalid-dn", test_model_invalid_dn);
  g_test_add_func ("/model/lookup", test_model_lookup);
  g_test_add_func ("/model/many-servers", test_model_many_servers);

  return g_test_run ();
}
