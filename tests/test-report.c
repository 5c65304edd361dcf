/* test-report.c: the JSON, CSV and text reports of the sample organizations.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-report"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <json-glib/json-glib.h>

#include "extopo-entry.h"
#include "extopo-findings.h"
#include "extopo-json-writer.h"
#include "extopo-loader.h"
#include "extopo-report.h"

#define E2007_ADMIN_GROUP   "Exchange Administrative Group (FYDIBOHF23SPDLT)"
#define E2007_ROUTING_GROUP "Exchange Routing Group (DWBGZMFD01QNBJR)"

static ExtopoModel *
load_sample (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ExtopoModel *model;

  path = g_build_filename (g_getenv ("EXTOPO_SAMPLES_DIR"), name, NULL);
  model = extopo_loader_load_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);

  return model;
}

static ExtopoModel *
load_test_input (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ExtopoModel *model;

  path = g_test_build_filename (G_TEST_DIST, "cli", name, NULL);
  model = extopo_loader_load_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);

  return model;
}

/* The report as a parsed document, so the test reads what a script would. */
static JsonNode *
report_of (ExtopoModel *model)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = extopo_report_to_json (model);

  g_assert_nonnull (text);
  g_assert_true (g_str_has_suffix (text, "}\n"));
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

/* The object of @array whose "name" (and "dn" prefix, when several share
 * a name) match. */
static JsonObject *
find_named (JsonNode   *root,
            const char *array,
            const char *name,
            const char *dn_prefix)
{
  JsonArray *items = json_object_get_array_member (json_node_get_object (root), array);

  g_assert_nonnull (items);
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (json_object_get_string_member (item, "name"), name) != 0)
        continue;
      if (dn_prefix != NULL &&
          !g_str_has_prefix (json_object_get_string_member (item, "dn"), dn_prefix))
        continue;
      return item;
    }

  g_error ("no %s named “%s” in the report", array, name);
  return NULL;
}

/* The string members of a JSON array, joined with '|', "" when empty. */
static char *
join_array (JsonObject *object,
            const char *member)
{
  JsonArray *array = json_object_get_array_member (object, member);
  g_autoptr(GString) joined = g_string_new (NULL);

  g_assert_nonnull (array);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      if (i > 0)
        g_string_append_c (joined, '|');
      g_string_append (joined, json_array_get_string_element (array, i));
    }

  return g_string_free (g_steal_pointer (&joined), FALSE);
}

static gboolean
array_has_string (JsonObject *object,
                  const char *member,
                  const char *value)
{
  JsonArray *array = json_object_get_array_member (object, member);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;

  return FALSE;
}

static void
assert_server (JsonNode   *root,
               const char *name,
               const char *product,
               const char *version,
               int         service_pack,
               const char *roles,
               const char *managed_with,
               const char *admin_group,
               const char *routing_group,
               const char *status)
{
  JsonObject *server = find_named (root, "servers", name, NULL);
  g_autofree char *role_list = join_array (server, "roles");

  g_test_message ("server %s", name);
  g_assert_cmpstr (json_object_get_string_member (server, "product"), ==, product);
  g_assert_cmpstr (json_object_get_string_member (server, "version"), ==, version);
  g_assert_cmpint (json_object_get_int_member (server, "service_pack"), ==, service_pack);
  g_assert_cmpstr (role_list, ==, roles);
  g_assert_cmpstr (json_object_get_string_member (server, "managed_with"), ==, managed_with);
  g_assert_cmpstr (json_object_get_string_member (server, "administrative_group"), ==,
                   admin_group);
  g_assert_cmpstr (json_object_get_string_member (server, "routing_group"), ==, routing_group);
  g_assert_cmpstr (json_object_get_string_member (server, "status"), ==, status);
}

static void
test_report_coexistence_servers (void)
{
  g_autoptr(ExtopoModel) model = load_sample ("coexistence.ldif");
  g_autoptr(JsonNode) root = report_of (model);
  JsonObject *server;
  g_autofree char *findings = NULL;

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                                             json_node_get_object (root), "servers")), ==, 19);

  assert_server (root, "SEA-EX01", "Exchange Server 2003", "6.5.7638.2", 2, "",
                 "Exchange System Manager", "Headquarters", "Seattle", "ok");
  server = find_named (root, "servers", "SEA-EX01", NULL);
  g_assert_cmpstr (json_object_get_string_member (server, "fqdn"), ==, "sea-ex01.contoso.com");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (server, "findings")),
                    ==, 0);
  g_assert_false (json_object_get_boolean_member (server, "front_end"));
  g_assert_true (json_object_get_boolean_member (find_named (root, "servers", "SEA-EX02", NULL),
                                                 "front_end"));

  /* Exchange 2000 SP3 coexists, but only with its post-SP3 rollup. */
  assert_server (root, "DAL-EX01", "Exchange 2000 Server", "6.0.6249.4", 3, "",
                 "Exchange System Manager", "Headquarters", "Dallas", "ok");

  /* Exchange 2003 SP1 is below the SP2 that Exchange 2007 needs; the name is
   * non-ASCII and base64 in the LDIF. */
  assert_server (root, "MÜNCHEN-EX1", "Exchange Server 2003", "6.5.7226.6", 1, "",
                 "Exchange System Manager", "Zürich", "Zürich", "warning");
  server = find_named (root, "servers", "MÜNCHEN-EX1", NULL);
  g_assert_true (array_has_string (server, "findings", "SERVER_SP_BELOW_MINIMUM"));

  /* Native mode lets a routing group hold another admin group's server. */
  assert_server (root, "BOS-EX02", "Exchange Server 2003", "6.5.7638.2", 2, "",
                 "Exchange System Manager", "Headquarters", "Boston", "ok");
  assert_server (root, "BOS-EX01", "Exchange Server 2003", "6.5.7638.2", 2, "",
                 "Exchange System Manager", "Sales, East", "Boston", "ok");

  assert_server (root, "EX2007-ALL1", "Exchange Server 2007", "8.1.240.6", 1,
                 "Mailbox|Client Access|Unified Messaging|Hub Transport",
                 "Exchange Management Console / Shell",
                 E2007_ADMIN_GROUP, E2007_ROUTING_GROUP, "ok");
  server = find_named (root, "servers", "EX2007-ALL1", NULL);
  g_assert_cmpstr (json_object_get_string_member (server, "site"), ==, "Seattle-HQ");
  g_assert_false (json_object_get_boolean_member (server, "routing_group_by_fallback"));
  findings = join_array (server, "findings");
  g_assert_cmpstr (findings, ==, "");

  assert_server (root, "EX2007-HUB1", "Exchange Server 2007", "8.1.240.6", 1,
                 "Client Access|Hub Transport", "Exchange Management Console / Shell",
                 E2007_ADMIN_GROUP, E2007_ROUTING_GROUP, "ok");

  /* No msExchHomeRoutingGroup: the Exchange 2007 group by default. */
  assert_server (root, "EX2007-MBX2", "Exchange Server 2007", "8.1.240.6", 1, "Mailbox",
                 "Exchange Management Console / Shell",
                 E2007_ADMIN_GROUP, E2007_ROUTING_GROUP, "ok");
  server = find_named (root, "servers", "EX2007-MBX2", NULL);
  g_assert_true (json_object_get_boolean_member (server, "routing_group_by_fallback"));

  /* A subscribed Edge is a valid server; the cluster and the new fields. */
  server = find_named (root, "servers", "EX2007-EDGE1", NULL);
  g_assert_false (array_has_string (server, "findings", "SERVER_2007_EDGE_ROLE"));
  g_assert_true (json_object_get_boolean_member (server, "edge_subscribed"));
  g_assert_cmpstr (json_object_get_string_member (server, "status"), ==, "ok");
  server = find_named (root, "servers", "EX2007-MBX1", NULL);
  g_assert_cmpstr (json_object_get_string_member (server, "cluster"), ==, "CCR");
  g_assert_false (json_object_get_boolean_member (server, "provisioned"));
  g_assert_cmpstr (json_object_get_string_member (server, "site"), ==, "Seattle-HQ");
  server = find_named (root, "servers", "SEA-EX01", NULL);
  g_assert_true (json_object_get_null_member (server, "cluster"));
  g_assert_false (json_object_get_boolean_member (server, "edge_subscribed"));
}

static void
test_report_readiness (void)
{
  g_autoptr(ExtopoModel) coexistence = load_sample ("coexistence.ldif");
  g_autoptr(ExtopoModel) mixed = load_sample ("mixed-mode.ldif");
  g_autoptr(JsonNode) root = report_of (coexistence);
  g_autoptr(JsonNode) mixed_root = report_of (mixed);
  JsonObject *object = json_node_get_object (root);
  JsonObject *readiness = json_object_get_object_member (object, "readiness");
  JsonObject *summary = json_object_get_object_member (object, "source_summary");
  JsonObject *org;
  JsonObject *connector;

  /* Prerequisites met, Boston's error open: never "ready". */
  g_assert_cmpstr (json_object_get_string_member (readiness, "state"), ==,
                   "ready-with-findings");
  g_assert_true (json_object_get_boolean_member (readiness, "prerequisites_met"));
  g_assert_cmpint (json_object_get_int_member (readiness, "errors"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (readiness, "warnings"), ==, 5);
  g_assert_false (json_object_get_boolean_member (object, "ready_for_exchange_2007"));
  org = find_named (root, "organizations", "Contoso", NULL);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (org, "readiness"),
                                                  "state"), ==, "ready-with-findings");

  g_assert_cmpint (json_object_get_int_member (summary, "deleted_entries_skipped"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (summary, "entries"), >, 19);
  g_assert_cmpstr (json_object_get_string_member (object, "source"), !=, NULL);

  connector = find_named (root, "connectors", "SMTP to Denver", NULL);
  g_assert_cmpstr (json_object_get_string_member (connector, "type"), ==, "smtp");
  g_assert_true (array_has_string (connector, "connected_routing_groups", "Denver"));
  connector = find_named (root, "connectors", "Internet Mail (SEA)", NULL);
  g_assert_true (array_has_string (connector, "smart_hosts", "[192.0.2.25]"));
  connector = find_named (root, "connectors", "Lotus Notes (Dallas)", NULL);
  g_assert_cmpstr (json_object_get_string_member (connector, "type"), ==, "notes");
  g_assert_cmpstr (json_object_get_string_member (connector, "host_server"), ==, "DAL-EX01");
  g_assert_true (array_has_string (connector, "findings", "CONNECTOR_FOREIGN_GATEWAY"));

  readiness = json_object_get_object_member (json_node_get_object (mixed_root), "readiness");
  g_assert_cmpstr (json_object_get_string_member (readiness, "state"), ==, "not-ready");
  g_assert_false (json_object_get_boolean_member (readiness, "prerequisites_met"));
}

static void
test_report_coexistence_groups (void)
{
  g_autoptr(ExtopoModel) model = load_sample ("coexistence.ldif");
  g_autoptr(JsonNode) root = report_of (model);
  JsonObject *object = json_node_get_object (root);
  JsonObject *org;
  JsonObject *group;

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object,
                                                                         "organizations")),
                    ==, 1);
  org = find_named (root, "organizations", "Contoso", NULL);
  g_assert_cmpstr (json_object_get_string_member (org, "mode"), ==, "native");

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object,
                                                                         "administrative_groups")),
                    ==, 4);
  g_assert_true (json_object_get_boolean_member (
                   find_named (root, "administrative_groups", E2007_ADMIN_GROUP, NULL),
                   "interop"));
  group = find_named (root, "administrative_groups", "Sales, East", NULL);
  g_assert_false (json_object_get_boolean_member (group, "interop"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (group, "dn"),
                                   "CN=Sales\\, East,"));
  group = find_named (root, "administrative_groups", "Headquarters", NULL);
  g_assert_true (json_object_get_boolean_member (group, "default"));

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object,
                                                                         "routing_groups")),
                    ==, 6);
  group = find_named (root, "routing_groups", E2007_ROUTING_GROUP, NULL);
  g_assert_true (json_object_get_boolean_member (group, "interop"));
  g_assert_cmpstr (json_object_get_string_member (group, "administrative_group"), ==,
                   E2007_ADMIN_GROUP);
  group = find_named (root, "routing_groups", "Seattle", NULL);
  g_assert_false (json_object_get_boolean_member (group, "interop"));
  g_assert_cmpstr (json_object_get_string_member (group, "master"), ==, "SEA-EX01");
  group = find_named (root, "routing_groups", "Boston", NULL);
  g_assert_true (array_has_string (group, "servers", "BOS-EX02"));
  g_assert_true (array_has_string (group, "findings", "RG_NO_PATH_TO_2007"));
  group = find_named (root, "routing_groups", "Dallas", NULL);
  g_assert_false (array_has_string (group, "findings", "RG_NO_PATH_TO_2007"));
}

static void
test_report_coexistence_connectors (void)
{
  g_autoptr(ExtopoModel) model = load_sample ("coexistence.ldif");
  g_autoptr(JsonNode) root = report_of (model);
  JsonObject *connector;
  g_autofree char *bridgeheads = NULL;
  g_autofree char *targets = NULL;
  g_autofree char *spaces = NULL;

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                                             json_node_get_object (root), "connectors")), ==, 13);

  /* Both halves of an interop connector are two-way. */
  connector = find_named (root, "connectors", "Interop RGC", "CN=Interop RGC,CN=Connections,CN=Seattle,");
  g_assert_cmpstr (json_object_get_string_member (connector, "type"), ==, "routing-group");
  g_assert_true (json_object_get_boolean_member (connector, "two_way"));
  g_assert_cmpstr (json_object_get_string_member (connector, "source_routing_group"), ==,
                   "Seattle");
  g_assert_cmpstr (json_object_get_string_member (connector, "target_routing_group"), ==,
                   E2007_ROUTING_GROUP);
  connector = find_named (root, "connectors", "Interop RGC",
                          "CN=Interop RGC,CN=Connections,CN=Exchange Routing Group");
  g_assert_true (json_object_get_boolean_member (connector, "two_way"));
  g_assert_cmpstr (json_object_get_string_member (connector, "target_routing_group"), ==,
                   "Seattle");

  connector = find_named (root, "connectors", "Seattle-Dallas", NULL);
  g_assert_true (json_object_get_boolean_member (connector, "two_way"));
  g_assert_cmpint (json_object_get_int_member (connector, "cost"), ==, 10);
  bridgeheads = join_array (connector, "bridgeheads");
  g_assert_cmpstr (bridgeheads, ==, "SEA-EX01");
  targets = join_array (connector, "target_bridgeheads");
  g_assert_cmpstr (targets, ==, "DAL-EX01");

  connector = find_named (root, "connectors", "Dallas to Zürich", NULL);
  g_assert_false (json_object_get_boolean_member (connector, "two_way"));
  g_assert_cmpint (json_object_get_int_member (connector, "cost"), ==, 20);
  g_assert_true (array_has_string (connector, "findings", "CONNECTOR_ONE_WAY"));

  connector = find_named (root, "connectors", "Internet Mail (SEA)", NULL);
  g_assert_cmpstr (json_object_get_string_member (connector, "type"), ==, "smtp");
  g_assert_false (json_object_get_boolean_member (connector, "two_way"));
  g_assert_true (json_object_get_null_member (connector, "target_routing_group"));
  spaces = join_array (connector, "address_spaces");
  g_assert_cmpstr (spaces, ==, "SMTP:*;10");
  g_clear_pointer (&bridgeheads, g_free);
  bridgeheads = join_array (connector, "bridgeheads");
  g_assert_cmpstr (bridgeheads, ==, "SEA-EX02");

  connector = find_named (root, "connectors", "Internet Send Connector", NULL);
  g_assert_cmpstr (json_object_get_string_member (connector, "type"), ==, "send");

  connector = find_named (root, "connectors", "X400 to Mainframe", NULL);
  g_assert_cmpstr (json_object_get_string_member (connector, "type"), ==, "x400");
  g_assert_cmpstr (json_object_get_string_member (connector, "object_class"), ==,
                   "rFC1006X400Link");
}

static GHashTable *
finding_ids_of (ExtopoModel *model)
{
  GHashTable *ids = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *findings = extopo_model_get_findings (model);

  for (guint i = 0; i < findings->len; i++)
    {
      ExtopoFinding *finding = g_ptr_array_index (findings, i);

      g_hash_table_add (ids, (gpointer) finding->id);
    }

  return ids;
}

static void
test_report_coexistence_findings (void)
{
  g_autoptr(ExtopoModel) model = load_sample ("coexistence.ldif");
  g_autoptr(GHashTable) ids = finding_ids_of (model);
  static const char * const expected[] = {
    "SERVER_SP_BELOW_MINIMUM", "RG_NO_PATH_TO_2007", "CONNECTOR_FOREIGN_GATEWAY",
    "CONNECTOR_ONE_WAY", "LINK_STATE_SUPPRESSION_ADVISED",
  };
  static const char * const absent[] = {
    "ORG_MIXED_MODE", "ORG_MODE_UNSET", "ORG_SRS_PRESENT", "ORG_ADC_PRESENT",
    "SERVER_EXCHANGE_55", "SERVER_VERSION_UNKNOWN", "SERVER_2007_OUTSIDE_INTEROP_GROUPS",
    "SERVER_LEGACY_IN_INTEROP_GROUPS", "CONNECTOR_DANGLING_REFERENCE",
    /* The Edge is subscribed. */
    "SERVER_2007_EDGE_ROLE",
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_test_message ("expecting %s", expected[i]);
      g_assert_true (g_hash_table_contains (ids, expected[i]));
    }
  for (guint i = 0; i < G_N_ELEMENTS (absent); i++)
    {
      g_test_message ("not expecting %s", absent[i]);
      g_assert_false (g_hash_table_contains (ids, absent[i]));
    }
}

static void
test_report_mixed_mode (void)
{
  g_autoptr(ExtopoModel) model = load_sample ("mixed-mode.ldif");
  g_autoptr(JsonNode) root = report_of (model);
  g_autoptr(GHashTable) ids = finding_ids_of (model);
  JsonObject *object;
  static const char * const expected[] = {
    "ORG_MIXED_MODE", "ORG_SRS_PRESENT", "ORG_ADC_PRESENT", "SERVER_EXCHANGE_55",
    "SERVER_SP_BELOW_MINIMUM", "SERVER_VERSION_UNKNOWN", "CONNECTOR_DANGLING_REFERENCE",
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_test_message ("expecting %s", expected[i]);
      g_assert_true (g_hash_table_contains (ids, expected[i]));
    }
  /* No Exchange 2007 server yet: nothing to route to. */
  g_assert_false (g_hash_table_contains (ids, "SERVER_2007_EDGE_ROLE"));
  g_assert_false (g_hash_table_contains (ids, "RG_NO_PATH_TO_2007"));
  g_assert_false (g_hash_table_contains (ids, "LINK_STATE_SUPPRESSION_ADVISED"));

  object = find_named (root, "organizations", "Fabrikam", NULL);
  g_assert_cmpstr (json_object_get_string_member (object, "mode"), ==, "mixed");
  g_assert_true (array_has_string (object, "findings", "ORG_MIXED_MODE"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                                             object, "site_replication_services")), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                                             object, "connection_agreements")), ==, 1);
  g_assert_false (json_object_get_boolean_member (json_node_get_object (root),
                                                  "ready_for_exchange_2007"));

  assert_server (root, "LON-EX55", "Exchange Server 5.5", "5.5.2653.23", 4, "",
                 "Exchange Administrator", "LONDON", "LONDON", "unsupported");
  object = find_named (root, "servers", "FAB-EX02", NULL);
  g_assert_cmpstr (json_object_get_string_member (object, "version"), ==, "6.5.6944.4");
  g_assert_cmpint (json_object_get_int_member (object, "service_pack"), ==, 0);
  g_assert_true (array_has_string (object, "findings", "SERVER_SP_BELOW_MINIMUM"));
  object = find_named (root, "servers", "FAB-EX03", NULL);
  g_assert_true (json_object_get_null_member (object, "version"));
  g_assert_true (json_object_get_null_member (object, "service_pack"));
  g_assert_true (array_has_string (object, "findings", "SERVER_VERSION_UNKNOWN"));
  object = find_named (root, "servers", "FAB-EX01", NULL);
  g_assert_true (json_object_get_boolean_member (object, "site_replication_service"));

  object = find_named (root, "connectors", "To PARIS", NULL);
  g_assert_true (json_object_get_null_member (object, "target_routing_group"));
  g_assert_true (g_str_has_prefix (json_object_get_string_member (object, "target_dn"),
                                   "CN=PARIS,"));
  g_assert_true (array_has_string (object, "findings", "CONNECTOR_DANGLING_REFERENCE"));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                                             json_node_get_object (root), "dangling_references")), >=, 1);
  object = find_named (root, "connectors", "First-LONDON", NULL);
  g_assert_true (json_object_get_boolean_member (object, "two_way"));
}

static void
test_report_odd_org (void)
{
  g_autoptr(ExtopoModel) model = load_test_input ("odd-org.ldif");
  g_autoptr(JsonNode) root = report_of (model);
  JsonObject *object;

  object = find_named (root, "organizations", "Example", NULL);
  g_assert_cmpstr (json_object_get_string_member (object, "mode"), ==, "unset");
  g_assert_true (array_has_string (object, "findings", "ORG_MODE_UNSET"));
  object = find_named (root, "servers", "EX7-WRONG", NULL);
  g_assert_true (array_has_string (object, "findings", "SERVER_2007_OUTSIDE_INTEROP_GROUPS"));
  object = find_named (root, "servers", "OLD-EX1", NULL);
  g_assert_true (array_has_string (object, "findings", "SERVER_LEGACY_IN_INTEROP_GROUPS"));
  object = find_named (root, "servers", "EX7-OK", NULL);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "findings")),
                    ==, 0);
}

static void
test_report_every_finding_fires (void)
{
  ExtopoModel *models[4];
  const char * const *ids = extopo_findings_get_ids ();
  g_autoptr(GHashTable) fired = g_hash_table_new (g_str_hash, g_str_equal);

  /* Every rule fires on a bundled sample (or the odd test input). */
  models[0] = load_sample ("coexistence.ldif");
  models[1] = load_sample ("mixed-mode.ldif");
  models[2] = load_sample ("real-directory.ldif");
  models[3] = load_test_input ("odd-org.ldif");

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    {
      GPtrArray *findings = extopo_model_get_findings (models[m]);

      for (guint i = 0; i < findings->len; i++)
        {
          ExtopoFinding *finding = g_ptr_array_index (findings, i);

          g_hash_table_add (fired, (gpointer) finding->id);
        }
    }

  g_assert_nonnull (ids);
  g_assert_cmpuint (g_strv_length ((char **) ids), >=, 22);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_test_message ("finding %s", ids[i]);
      g_assert_true (g_hash_table_contains (fired, ids[i]));
    }

  for (guint m = 0; m < G_N_ELEMENTS (models); m++)
    g_object_unref (models[m]);
}

/* Splits RFC 4180 CSV into rows of fields (quoted fields may hold commas,
 * doubled quotes and line breaks). */
static GPtrArray *
parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p = text;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++; *p != '\0'; p++)
            {
              if (*p == '"' && p[1] == '"')
                g_string_append_c (field, *p++);
              else if (*p == '"')
                break;
              else
                g_string_append_c (field, *p);
            }
          g_assert_cmpint (*p, ==, '"');
          p++;
          g_assert_true (*p == ',' || *p == '\r');
          continue;
        }
      if (*p == ',')
        {
          g_ptr_array_add (row, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          p++;
          continue;
        }
      if (*p == '\r')
        {
          g_assert_cmpint (p[1], ==, '\n');
          g_ptr_array_add (row, g_string_free (field, FALSE));
          field = g_string_new (NULL);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
          p += 2;
          continue;
        }
      g_assert_cmpint (*p, !=, '\n');
      g_string_append_c (field, *p++);
    }

  g_assert_cmpuint (row->len, ==, 0);
  g_assert_cmpuint (field->len, ==, 0);
  g_ptr_array_unref (row);
  g_string_free (field, TRUE);

  return rows;
}

static GPtrArray *
csv_row_of (GPtrArray  *rows,
            const char *name)
{
  for (guint i = 1; i < rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (g_ptr_array_index (row, 0), name) == 0)
        return row;
    }

  g_error ("no CSV row for %s", name);
  return NULL;
}

static void
test_report_csv (void)
{
  g_autoptr(ExtopoModel) model = load_sample ("coexistence.ldif");
  g_autofree char *csv = extopo_report_to_csv (model);
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *header;
  GPtrArray *row;

  g_assert_true (g_str_has_prefix (csv, "name,fqdn,administrative_group,routing_group,"));
  g_assert_true (strstr (csv, ",\"Sales, East\",Boston,") != NULL);

  rows = parse_csv (csv);
  g_assert_cmpuint (rows->len, ==, 1 + extopo_model_get_servers (model)->len);
  header = g_ptr_array_index (rows, 0);
  for (guint i = 1; i < rows->len; i++)
    g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (rows, i))->len, ==, header->len);

  row = csv_row_of (rows, "EX2007-ALL1");
  g_assert_cmpstr (g_ptr_array_index (header, 4), ==, "product");
  g_assert_cmpstr (g_ptr_array_index (row, 4), ==, "Exchange Server 2007");
  g_assert_cmpstr (g_ptr_array_index (row, 5), ==, "8.1.240.6");
  g_assert_cmpstr (g_ptr_array_index (row, 6), ==, "1");
  g_assert_cmpstr (g_ptr_array_index (row, 7), ==,
                   "Mailbox;Client Access;Unified Messaging;Hub Transport");

  row = csv_row_of (rows, "BOS-EX01");
  g_assert_cmpstr (g_ptr_array_index (row, 2), ==, "Sales, East");
  /* The DN keeps its escaped comma inside the quoted field. */
  g_assert_cmpstr (g_ptr_array_index (header, 15), ==, "dn");
  g_assert_true (strstr (g_ptr_array_index (row, 15), "CN=Sales\\, East,") != NULL);

  /* The columns of the real-directory fields. */
  row = csv_row_of (rows, "EX2007-MBX1");
  g_assert_cmpstr (g_ptr_array_index (header, 10), ==, "cluster");
  g_assert_cmpstr (g_ptr_array_index (row, 10), ==, "CCR");
  row = csv_row_of (rows, "EX2007-EDGE1");
  g_assert_cmpstr (g_ptr_array_index (header, 11), ==, "edge_subscribed");
  g_assert_cmpstr (g_ptr_array_index (row, 11), ==, "true");
  g_assert_cmpstr (g_ptr_array_index (header, 12), ==, "provisioned");
  g_assert_cmpstr (g_ptr_array_index (row, 12), ==, "false");
}

static void
add_text (ExtopoEntry *entry,
          const char  *attribute,
          const char  *value)
{
  extopo_entry_add_value (entry, attribute, value, strlen (value));
}

/* A name with quotes and a comma survives the round trip. */
static void
test_report_csv_quoting (void)
{
  static const char *base =
    "CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=example,DC=org";
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) extopo_entry_unref);
  g_autoptr(ExtopoModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *org = g_strdup_printf ("CN=Org,%s", base);
  g_autofree char *ag = g_strdup_printf ("CN=Say \\\"Hi\\\"\\, now,CN=Administrative Groups,%s", org);
  g_autofree char *server = g_strdup_printf ("CN=EX1,CN=Servers,%s", ag);
  g_autofree char *csv = NULL;
  ExtopoEntry *entry;
  GPtrArray *row;

  entry = extopo_entry_new (org, 0);
  add_text (entry, "objectClass", "msExchOrganizationContainer");
  add_text (entry, "msExchMixedMode", "FALSE");
  g_ptr_array_add (entries, entry);
  entry = extopo_entry_new (ag, 0);
  add_text (entry, "objectClass", "msExchAdminGroup");
  g_ptr_array_add (entries, entry);
  entry = extopo_entry_new (server, 0);
  add_text (entry, "objectClass", "msExchExchangeServer");
  add_text (entry, "serialNumber", "Version 6.5 (Build 7638.2: Service Pack 2)");
  g_ptr_array_add (entries, entry);

  model = extopo_loader_load_entries (entries, "memory", &error);
  g_assert_no_error (error);

  csv = extopo_report_to_csv (model);
  g_assert_true (strstr (csv, "\"Say \"\"Hi\"\", now\"") != NULL);
  rows = parse_csv (csv);
  g_assert_cmpuint (rows->len, ==, 2);
  row = csv_row_of (rows, "EX1");
  g_assert_cmpstr (g_ptr_array_index (row, 2), ==, "Say \"Hi\", now");
}

/* The names of tests/cli/hostile-names.ldif. */
#define HOSTILE_AG "+AG, \"quoted\" @x"
#define HOSTILE_RG "&lt;RG&gt; \\N \\G"
static const char * const hostile_servers[] = {
  "=1+2\\\"q\\", "-x\\ny &amp; <b>", "@ESC\x1b[31mRED\xc2\x9b DEL\x7f", "\tTab\rCR",
};

/* A cell a spreadsheet would run as a formula starts with a quote. */
static void
test_report_csv_formula_guard (void)
{
  g_autoptr(ExtopoModel) model = load_test_input ("hostile-names.ldif");
  g_autofree char *csv = extopo_report_to_csv (model);
  g_autoptr(GPtrArray) rows = parse_csv (csv);

  g_assert_cmpuint (rows->len, ==, 1 + G_N_ELEMENTS (hostile_servers));
  for (guint i = 0; i < G_N_ELEMENTS (hostile_servers); i++)
    {
      g_autofree char *guarded = g_strconcat ("'", hostile_servers[i], NULL);
      GPtrArray *row = csv_row_of (rows, guarded);

      g_assert_cmpuint (row->len, ==, ((GPtrArray *) g_ptr_array_index (rows, 0))->len);
      g_assert_cmpstr (g_ptr_array_index (row, 2), ==, "'" HOSTILE_AG);
      g_assert_cmpstr (g_ptr_array_index (row, 3), ==, HOSTILE_RG);
    }
  /* No cell of any row starts like a formula. */
  for (guint i = 1; i < rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i);

      for (guint j = 0; j < row->len; j++)
        {
          const char *cell = g_ptr_array_index (row, j);

          g_assert_true (cell[0] == '\0' || strchr ("=+-@\t\r", cell[0]) == NULL);
        }
    }
}

/* Control characters and quotes in names leave the JSON valid and the
 * names intact, in the objects and in the finding messages. */
static void
test_report_json_hostile_names (void)
{
  g_autoptr(ExtopoModel) model = load_test_input ("hostile-names.ldif");
  g_autoptr(JsonNode) root = report_of (model);
  JsonObject *object = json_node_get_object (root);
  JsonArray *servers = json_object_get_array_member (object, "servers");
  JsonArray *findings = json_object_get_array_member (object, "findings");
  gboolean named = FALSE;

  g_assert_cmpuint (json_array_get_length (servers), ==, G_N_ELEMENTS (hostile_servers));
  for (guint i = 0; i < G_N_ELEMENTS (hostile_servers); i++)
    g_assert_nonnull (find_named (root, "servers", hostile_servers[i], NULL));
  g_assert_nonnull (find_named (root, "administrative_groups", HOSTILE_AG, NULL));
  g_assert_nonnull (find_named (root, "routing_groups", HOSTILE_RG, NULL));
  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      JsonObject *finding = json_array_get_object_element (findings, i);
      const char *message = json_object_get_string_member (finding, "message");

      named = named || strstr (message, hostile_servers[2]) != NULL;
    }
  g_assert_true (named);
}

static void
test_report_findings_text (void)
{
  g_autoptr(ExtopoModel) model = load_sample ("mixed-mode.ldif");
  g_autofree char *text = extopo_report_findings_text (model);
  const char *errors;
  const char *warnings;

  g_assert_nonnull (strstr (text, "[ORG_MIXED_MODE] Fabrikam"));
  g_assert_nonnull (strstr (text, "[SERVER_EXCHANGE_55] LON-EX55"));
  g_assert_nonnull (strstr (text, "Fix: "));
  /* Errors come before warnings. */
  errors = strstr (text, "\nErrors\n");
  warnings = strstr (text, "\nWarnings\n");
  g_assert_nonnull (errors);
  g_assert_nonnull (warnings);
  g_assert_true (errors < warnings);
}

/* The JSON writer on its own: every string comes back as it went in,
 * whatever it holds, and the layout is the pretty one. */
static void
test_report_json_writer (void)
{
  static const char * const strings[] = {
    "", "plain", "quote \" backslash \\ slash /", "line\nbreak\r\ttab",
    "\x01\x1f\x7f control", "line\xe2\x80\xa8separator\xe2\x80\xa9paragraph",
    "Zürich ☃ 𝄞", "</script><!--",
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  ExtopoJsonWriter *writer = extopo_json_writer_new (NULL);
  JsonObject *root;
  JsonArray *array;

  extopo_json_writer_begin_object (writer);
  extopo_json_writer_member (writer, "strings");
  extopo_json_writer_begin_array (writer);
  for (gsize i = 0; i < G_N_ELEMENTS (strings); i++)
    extopo_json_writer_string (writer, strings[i]);
  extopo_json_writer_end_array (writer);
  extopo_json_writer_member (writer, "empty");
  extopo_json_writer_begin_array (writer);
  extopo_json_writer_end_array (writer);
  extopo_json_writer_member (writer, "nested");
  extopo_json_writer_begin_object (writer);
  extopo_json_writer_member (writer, "n");
  extopo_json_writer_int (writer, -9007199254740993);
  extopo_json_writer_member (writer, "yes");
  extopo_json_writer_bool (writer, TRUE);
  extopo_json_writer_member (writer, "none");
  extopo_json_writer_string (writer, NULL);
  extopo_json_writer_end_object (writer);
  extopo_json_writer_end_object (writer);
  text = extopo_json_writer_finish (writer, NULL);

  g_assert_true (g_str_has_prefix (text, "{\n  \"strings\" : [\n    \"\",\n    \"plain\","));
  g_assert_true (g_str_has_suffix (text, "\n  }\n}\n"));
  g_assert_nonnull (strstr (text, "\"empty\" : [],"));
  /* Nothing below a space is left raw, nor the two JavaScript line breaks. */
  for (const char *p = text; *p != '\0'; p++)
    g_assert_true ((guchar) *p >= 0x20 || *p == '\n');
  g_assert_null (strstr (text, "\xe2\x80\xa8"));
  g_assert_nonnull (strstr (text, "\\u2028"));

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  array = json_object_get_array_member (root, "strings");
  g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (strings));
  for (gsize i = 0; i < G_N_ELEMENTS (strings); i++)
    g_assert_cmpstr (json_array_get_string_element (array, i), ==, strings[i]);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "empty")), ==, 0);
  root = json_object_get_object_member (root, "nested");
  g_assert_cmpint (json_object_get_int_member (root, "n"), ==, -9007199254740993);
  g_assert_true (json_object_get_boolean_member (root, "yes"));
  g_assert_true (json_object_get_null_member (root, "none"));
}

/* Written to a stream in pieces, the reports are the same text as in
 * memory; a stream that fails is reported. */
static void
test_report_streams (void)
{
  g_autoptr(ExtopoModel) model = load_sample ("coexistence.ldif");
  g_autofree char *json = extopo_report_to_json (model);
  g_autofree char *csv = extopo_report_to_csv (model);
  char *streamed = NULL;
  size_t length = 0;
  FILE *stream;

  stream = open_memstream (&streamed, &length);
  g_assert_true (extopo_report_write_json (model, EXTOPO_REPORT_SHOW_SOURCE, stream));
  g_assert_cmpint (fclose (stream), ==, 0);
  g_assert_cmpstr (streamed, ==, json);
  free (streamed);

  stream = open_memstream (&streamed, &length);
  g_assert_true (extopo_report_write_csv (model, stream));
  g_assert_cmpint (fclose (stream), ==, 0);
  g_assert_cmpstr (streamed, ==, csv);
  free (streamed);

  stream = fopen ("/dev/full", "w");
  g_assert_nonnull (stream);
  setvbuf (stream, NULL, _IONBF, 0);
  g_assert_false (extopo_report_write_json (model, EXTOPO_REPORT_SHOW_SOURCE, stream));
  g_assert_false (extopo_report_write_csv (model, stream));
  fclose (stream);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/coexistence", test_report_coexistence_servers);
  g_test_add_func ("/report/coexistence/groups", test_report_coexistence_groups);
  g_test_add_func ("/report/coexistence/connectors", test_report_coexistence_connectors);
  g_test_add_func ("/report/coexistence/findings", test_report_coexistence_findings);
  g_test_add_func ("/report/readiness", test_report_readiness);
  g_test_add_func ("/report/mixed-mode", test_report_mixed_mode);
  g_test_add_func ("/report/odd-org", test_report_odd_org);
  g_test_add_func ("/report/every-finding-fires", test_report_every_finding_fires);
  g_test_add_func ("/report/csv", test_report_csv);
  g_test_add_func ("/report/csv/quoting", test_report_csv_quoting);
  g_test_add_func ("/report/csv/formula-guard", test_report_csv_formula_guard);
  g_test_add_func ("/report/json/hostile-names", test_report_json_hostile_names);
  g_test_add_func ("/report/json/writer", test_report_json_writer);
  g_test_add_func ("/report/streams", test_report_streams);
  g_test_add_func ("/report/findings-text", test_report_findings_text);

  return g_test_run ();
}
