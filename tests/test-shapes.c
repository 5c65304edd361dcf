/* test-shapes.c: the shapes real directories hold, each read from a small
 * LDIF file through the real loader, each seen firing and not firing.
 *
 * The files are in tests/shapes/; each says in its header what it holds
 * and what an Exchange expert expects of it.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-shapes"

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "extopo-findings.h"
#include "extopo-loader.h"
#include "extopo-report.h"
#include "model/model-fixture.h"

#define INTEROP_RG "Exchange Routing Group (DWBGZMFD01QNBJR)"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */

static ExtopoModel *
load_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  ExtopoModel *model;

  model = extopo_loader_load_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  g_assert_true (extopo_model_get_findings_evaluated (model));

  return model;
}

/* Loads tests/shapes/@name. */
static ExtopoModel *
load (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "shapes", name, NULL);

  return load_path (path);
}

/* The @kind object named @name in @objects; fails the test when absent. */
static gpointer
get_object (GPtrArray        *objects,
            ExtopoObjectKind  kind,
            const char       *name)
{
  gpointer found = fx_find (objects, kind, name);

  if (found == NULL)
    g_error ("no object named %s", name);
  return found;
}

#define server(model, name) \
  ((ExtopoServer *) get_object (extopo_model_get_servers (model), EXTOPO_OBJECT_SERVER, name))
#define routing_group(model, name) \
  ((ExtopoRoutingGroup *) get_object (extopo_model_get_routing_groups (model), \
                                      EXTOPO_OBJECT_ROUTING_GROUP, name))
#define connector(model, name) \
  ((ExtopoConnector *) get_object (extopo_model_get_connectors (model), \
                                   EXTOPO_OBJECT_CONNECTOR, name))
#define organization(model, name) \
  ((ExtopoOrganization *) get_object (extopo_model_get_organizations (model), \
                                      EXTOPO_OBJECT_ORGANIZATION, name))


/* @id fires on the @kind object named @name, with @severity, and its
 * message names the subject. Returns the finding. */
static ExtopoFinding *
assert_fires (ExtopoModel      *model,
              const char       *id,
              ExtopoObjectKind  kind,
              const char       *name,
              ExtopoSeverity    severity)
{
  ExtopoFinding *finding = fx_find_finding (model, id, name);

  if (finding == NULL)
    g_error ("%s did not fire on %s", id, name);
  g_assert_cmpint (finding->subject_kind, ==, kind);
  g_assert_cmpint (finding->severity, ==, severity);
  g_assert_nonnull (finding->subject_dn);
  g_assert_nonnull (finding->remedy);
  g_assert_nonnull (finding->message);
  if (strstr (finding->message, name) == NULL)
    g_error ("%s on %s does not name it: %s", id, name, finding->message);
  /* The subject keeps the finding too. */
  g_assert_true (g_ptr_array_find (extopo_model_get_findings (model), finding, NULL));

  return finding;
}

static void
assert_silent_on (ExtopoModel *model,
                  const char  *id,
                  const char  *name)
{
  ExtopoFinding *finding = fx_find_finding (model, id, name);

  if (finding != NULL)
    g_error ("%s fired on %s: %s", id, name != NULL ? name : "(any)", finding->message);
}

static void
assert_readiness (ExtopoModel          *model,
                  ExtopoReadinessState  state,
                  gboolean              prerequisites_met,
                  guint                 n_errors,
                  guint                 n_warnings)
{
  ExtopoReadiness readiness = { 0, };

  extopo_readiness_compute (model, &readiness);
  g_assert_cmpstr (extopo_readiness_state_to_string (readiness.state), ==,
                   extopo_readiness_state_to_string (state));
  g_assert_cmpint (readiness.prerequisites_met, ==, prerequisites_met);
  g_assert_cmpuint (readiness.n_errors, ==, n_errors);
  g_assert_cmpuint (readiness.n_warnings, ==, n_warnings);
  extopo_readiness_clear (&readiness);
}

/* Every link resolves: no dangling reference, no finding about one. */
static void
assert_no_dangling (ExtopoModel *model)
{
  g_assert_cmpuint (extopo_model_get_dangling_refs (model)->len, ==, 0);
  g_assert_cmpuint (extopo_findings_count_id (model, "CONNECTOR_DANGLING_REFERENCE"), ==, 0);
}

static JsonObject *
report_json (ExtopoModel  *model,
             JsonNode    **root)
{
  g_autofree char *text = extopo_report_to_json (model);
  g_autoptr(GError) error = NULL;

  *root = json_from_string (text, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (*root));

  return json_node_get_object (*root);
}

/* The object named @name in the report's array @key. */
static JsonObject *
json_find (JsonObject *report,
           const char *key,
           const char *name)
{
  JsonArray *array = json_object_get_array_member (report, key);

  g_assert_nonnull (array);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (object, "name"), name) == 0)
        return object;
    }

  g_error ("no %s named %s in the report", key, name);
  return NULL;
}

/* ------------------------------------------------------------------ */
/* 1. Deleted objects                                                  */

static void
test_shapes_deleted (void)
{
  g_autoptr(ExtopoModel) model = load ("deleted.ldif");

  assert_readiness (model, EXTOPO_READINESS_READY, TRUE, 0, 0);
  g_assert_cmpuint (extopo_findings_count_id (model, "SERVER_EXCHANGE_55"), ==, 0);
  g_assert_cmpuint (extopo_findings_count_id (model, "ORG_SRS_PRESENT"), ==, 0);
  g_assert_cmpuint (extopo_model_get_n_deleted_skipped (model), ==, 2);
  g_assert_null (fx_server (model, "OLD55"));
  g_assert_cmpuint (extopo_model_get_servers (model)->len, ==, 2);
  assert_no_dangling (model);
}

static void
check_one_tombstone (const char *name)
{
  g_autoptr(ExtopoModel) model = load (name);

  g_test_message ("%s", name);
  assert_readiness (model, EXTOPO_READINESS_READY, TRUE, 0, 0);
  g_assert_cmpuint (extopo_findings_count_id (model, "SERVER_EXCHANGE_55"), ==, 0);
  g_assert_cmpuint (extopo_model_get_n_deleted_skipped (model), ==, 1);
  g_assert_cmpuint (extopo_model_get_servers (model)->len, ==, 2);
}

static void
test_shapes_deleted_flag_only (void)
{
  check_one_tombstone ("deleted-flag.ldif");
}

static void
test_shapes_deleted_name_only (void)
{
  check_one_tombstone ("deleted-name.ldif");
}

/* A tool that decoded the \0A escape leaves a real line feed in the DN. */
static void
test_shapes_deleted_name_newline (void)
{
  check_one_tombstone ("deleted-newline.ldif");
}

static void
test_shapes_deleted_container_only (void)
{
  check_one_tombstone ("deleted-container.ldif");
}

static void
test_shapes_deleted_alive (void)
{
  g_autoptr(ExtopoModel) model = load ("live-55.ldif");
  ExtopoReadiness readiness = { 0, };

  assert_fires (model, "SERVER_EXCHANGE_55", EXTOPO_OBJECT_SERVER, "OLD55",
                EXTOPO_SEVERITY_ERROR);
  g_assert_cmpuint (extopo_model_get_n_deleted_skipped (model), ==, 0);
  g_assert_cmpint (server (model, "OLD55")->status, ==, EXTOPO_STATUS_UNSUPPORTED);

  extopo_readiness_compute (model, &readiness);
  g_assert_cmpint (readiness.state, ==, EXTOPO_READINESS_NOT_READY);
  g_assert_false (readiness.prerequisites_met);
  g_assert_nonnull (strstr (readiness.reasons, "OLD55"));
  extopo_readiness_clear (&readiness);
}

/* ------------------------------------------------------------------ */
/* 2. Right after setup /PrepareAD                                     */

static void
check_awaiting_first_hub (const char *name)
{
  g_autoptr(ExtopoModel) model = load (name);
  ExtopoFinding *finding;

  g_test_message ("%s", name);
  g_assert_cmpuint (extopo_findings_count_id (model, "RG_NO_PATH_TO_2007"), ==, 0);
  g_assert_cmpuint (extopo_findings_count_id (model, "ORG_AWAITING_FIRST_HUB"), ==, 1);
  finding = assert_fires (model, "ORG_AWAITING_FIRST_HUB", EXTOPO_OBJECT_ORGANIZATION,
                          "Contoso", EXTOPO_SEVERITY_INFO);
  g_assert_true (finding->subject == g_ptr_array_index (extopo_model_get_organizations (model),
                                                        0));
  /* A note, not a problem: the organization is ready to receive the Hub. */
  assert_readiness (model, EXTOPO_READINESS_READY, TRUE, 0, 0);
}

static void
test_shapes_prepared (void)
{
  check_awaiting_first_hub ("prepared.ldif");
}

static void
test_shapes_prepared_mailbox_only (void)
{
  check_awaiting_first_hub ("prepared-mailbox.ldif");
}

static void
test_shapes_prepared_hub (void)
{
  g_autoptr(ExtopoModel) model = load ("prepared-hub.ldif");

  g_assert_cmpuint (extopo_findings_count_id (model, "ORG_AWAITING_FIRST_HUB"), ==, 0);
  g_assert_cmpuint (extopo_findings_count_id (model, "RG_NO_PATH_TO_2007"), ==, 2);
  assert_fires (model, "RG_NO_PATH_TO_2007", EXTOPO_OBJECT_ROUTING_GROUP, "Seattle",
                EXTOPO_SEVERITY_ERROR);
  assert_fires (model, "RG_NO_PATH_TO_2007", EXTOPO_OBJECT_ROUTING_GROUP, "Paris",
                EXTOPO_SEVERITY_ERROR);
  assert_readiness (model, EXTOPO_READINESS_READY_WITH_FINDINGS, TRUE, 2, 0);

  /* A Hub with roles 36 and its connector pair: neither note nor error. */
  {
    g_autoptr(ExtopoModel) ready = load ("deleted.ldif");

    g_assert_cmpuint (server (ready, "HUB1")->roles, ==, 36);
    g_assert_cmpuint (extopo_findings_count_id (ready, "ORG_AWAITING_FIRST_HUB"), ==, 0);
    g_assert_cmpuint (extopo_findings_count_id (ready, "RG_NO_PATH_TO_2007"), ==, 0);
  }
}

/* ------------------------------------------------------------------ */
/* 3. Edge subscriptions                                               */

static void
test_shapes_edge (void)
{
  g_autoptr(ExtopoModel) model = load ("edge.ldif");
  const char *subscribed[] = { "EDGE-CRED", "EDGE-PORT", "EDGE-FLAGS", "EDGE-SIGNED" };
  ExtopoFinding *finding;

  for (guint i = 0; i < G_N_ELEMENTS (subscribed); i++)
    {
      g_test_message ("%s", subscribed[i]);
      g_assert_true (server (model, subscribed[i])->edge_subscribed);
      assert_silent_on (model, "SERVER_2007_EDGE_ROLE", subscribed[i]);
      g_assert_cmpint (server (model, subscribed[i])->status, ==, EXTOPO_STATUS_OK);
    }

  g_assert_false (server (model, "EDGE-BARE")->edge_subscribed);
  assert_fires (model, "SERVER_2007_EDGE_ROLE", EXTOPO_OBJECT_SERVER, "EDGE-BARE",
                EXTOPO_SEVERITY_WARNING);
  /* Transport flags without bit 0x10000 are no subscription. */
  g_assert_false (server (model, "EDGE-OTHER")->edge_subscribed);
  assert_fires (model, "SERVER_2007_EDGE_ROLE", EXTOPO_OBJECT_SERVER, "EDGE-OTHER",
                EXTOPO_SEVERITY_WARNING);

  /* Edge beside Hub is an error, subscription marks or not. */
  g_assert_true (server (model, "EDGE-HUB")->edge_subscribed);
  finding = assert_fires (model, "SERVER_2007_EDGE_ROLE", EXTOPO_OBJECT_SERVER, "EDGE-HUB",
                          EXTOPO_SEVERITY_ERROR);
  g_assert_nonnull (strstr (finding->message, "Hub Transport"));
  g_assert_cmpint (server (model, "EDGE-HUB")->status, ==, EXTOPO_STATUS_ERROR);

  g_assert_cmpuint (extopo_findings_count_id (model, "SERVER_2007_EDGE_ROLE"), ==, 3);
  assert_readiness (model, EXTOPO_READINESS_READY_WITH_FINDINGS, TRUE, 1, 2);
}

/* ------------------------------------------------------------------ */
/* 4. Connected routing groups                                         */

/* The JSON report lists @name's connected routing group: @target alone. */
static void
check_json_connected (JsonObject *report,
                      const char *name,
                      const char *type,
                      const char *target)
{
  JsonObject *object = json_find (report, "connectors", name);
  JsonArray *connected = json_object_get_array_member (object, "connected_routing_groups");

  g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, type);
  g_assert_nonnull (connected);
  g_assert_cmpuint (json_array_get_length (connected), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (connected, 0), ==, target);
}

static void
check_connected_both_ways (const char *name,
                           const char *object_class,
                           const char *type)
{
  g_autoptr(ExtopoModel) model = load (name);
  g_autoptr(JsonNode) root = NULL;
  ExtopoConnector *to_paris = connector (model, "Seattle to Paris");
  ExtopoConnector *to_seattle = connector (model, "Paris to Seattle");
  JsonObject *report;

  g_test_message ("%s", name);
  g_assert_cmpstr (to_paris->object_class, ==, object_class);
  g_assert_cmpuint (to_paris->connected_routing_groups->len, ==, 1);
  g_assert_true (g_ptr_array_index (to_paris->connected_routing_groups, 0) ==
                 routing_group (model, "Paris"));
  g_assert_cmpuint (to_paris->n_connected_unresolved, ==, 0);
  g_assert_cmpuint (to_seattle->connected_routing_groups->len, ==, 1);
  g_assert_true (g_ptr_array_index (to_seattle->connected_routing_groups, 0) ==
                 routing_group (model, "Seattle"));
  /* objectGUID in Microsoft's text form. */
  g_assert_cmpstr (routing_group (model, "Paris")->guid, ==,
                   "{7c5f4225-b699-f0d3-0d2a-4764819ebbd8}");

  g_assert_cmpuint (extopo_findings_count_id (model, "RG_NO_PATH_TO_2007"), ==, 0);
  assert_readiness (model, EXTOPO_READINESS_READY, TRUE, 0, 0);

  report = report_json (model, &root);
  check_json_connected (report, "Seattle to Paris", type, "Paris");
  check_json_connected (report, "Paris to Seattle", type, "Seattle");
}

static void
test_shapes_connected_smtp (void)
{
  check_connected_both_ways ("connected-smtp.ldif", "msExchRoutingSMTPConnector", "smtp");
}

static void
test_shapes_connected_x400 (void)
{
  check_connected_both_ways ("connected-x400.ldif", "rFC1006X400Link", "x400");
}

static void
test_shapes_connected_unknown (void)
{
  g_autoptr(ExtopoModel) model = load ("connected-unknown.ldif");
  ExtopoFinding *finding;

  g_assert_cmpuint (connector (model, "Seattle to Paris")->connected_routing_groups->len, ==, 0);
  g_assert_cmpuint (connector (model, "Seattle to Paris")->n_connected_unresolved, ==, 1);
  finding = assert_fires (model, "RG_NO_PATH_TO_2007", EXTOPO_OBJECT_ROUTING_GROUP, "Paris",
                          EXTOPO_SEVERITY_ERROR);
  g_assert_nonnull (strstr (finding->message, "no connector path"));
  assert_silent_on (model, "RG_NO_PATH_TO_2007", "Seattle");
}

static void
test_shapes_connected_one_way (void)
{
  g_autoptr(ExtopoModel) model = load ("connected-one-way.ldif");
  ExtopoFinding *finding;

  finding = assert_fires (model, "RG_NO_PATH_TO_2007", EXTOPO_OBJECT_ROUTING_GROUP, "Paris",
                          EXTOPO_SEVERITY_ERROR);
  g_assert_nonnull (strstr (finding->message, "cannot reach"));
  /* Exchange 2007 reaches Paris through Seattle; Paris cannot answer. */
  g_assert_nonnull (strstr (finding->message, "mail from it cannot reach Exchange Server 2007"));
  assert_silent_on (model, "RG_NO_PATH_TO_2007", "Seattle");
}

static void
test_shapes_connected_garbage (void)
{
  g_autoptr(ExtopoModel) model = load ("connected-garbage.ldif");
  ExtopoConnector *to_paris = connector (model, "Seattle to Paris");
  ExtopoConnector *to_seattle = connector (model, "Paris to Seattle");

  g_assert_cmpuint (to_paris->connected_routing_groups->len, ==, 0);
  g_assert_cmpuint (to_paris->n_connected_unresolved, ==, 4);
  g_assert_cmpuint (to_seattle->connected_routing_groups->len, ==, 0);
  g_assert_cmpuint (to_seattle->n_connected_unresolved, ==, 2);
  assert_fires (model, "RG_NO_PATH_TO_2007", EXTOPO_OBJECT_ROUTING_GROUP, "Paris",
                EXTOPO_SEVERITY_ERROR);
  assert_silent_on (model, "RG_NO_PATH_TO_2007", "Seattle");
}

/* ------------------------------------------------------------------ */
/* 5. Bridgeheads that do not exist                                    */

static void
test_shapes_bridgehead_gone (void)
{
  g_autoptr(ExtopoModel) model = load ("bridgehead-gone.ldif");
  ExtopoConnector *out = connector (model, "2007 to Seattle");
  ExtopoFinding *finding;

  g_assert_cmpuint (out->n_target_bridgehead_dns, ==, 2);
  g_assert_cmpuint (out->target_bridgeheads->len, ==, 0);
  finding = assert_fires (model, "RG_NO_PATH_TO_2007", EXTOPO_OBJECT_ROUTING_GROUP, "Seattle",
                          EXTOPO_SEVERITY_ERROR);
  g_assert_nonnull (strstr (finding->message, "mail from Exchange Server 2007 cannot reach it"));
  finding = assert_fires (model, "CONNECTOR_DANGLING_REFERENCE", EXTOPO_OBJECT_CONNECTOR,
                          "2007 to Seattle", EXTOPO_SEVERITY_ERROR);
  g_assert_nonnull (strstr (finding->message, "msExchTargetBridgeheadServersDN"));
  g_assert_nonnull (strstr (finding->message, "CN=GONE"));
  g_assert_cmpuint (extopo_findings_count_id (model, "CONNECTOR_DANGLING_REFERENCE"), ==, 2);
}

static void
test_shapes_bridgehead_exists (void)
{
  g_autoptr(ExtopoModel) model = load ("bridgehead-ok.ldif");
  ExtopoConnector *out = connector (model, "2007 to Seattle");

  g_assert_cmpuint (out->target_bridgeheads->len, ==, 1);
  g_assert_true (g_ptr_array_index (out->target_bridgeheads, 0) == server (model, "EX03"));
  g_assert_cmpuint (extopo_findings_count_id (model, "RG_NO_PATH_TO_2007"), ==, 0);
  assert_no_dangling (model);
  g_assert_cmpuint (extopo_findings_count_id (model, "CONNECTOR_BRIDGEHEAD_NOT_HUB"), ==, 0);
  assert_readiness (model, EXTOPO_READINESS_READY, TRUE, 0, 0);
}

/* ------------------------------------------------------------------ */
/* 6. Link state suppression                                           */

static void
test_shapes_link_state (void)
{
  g_autoptr(ExtopoModel) model = load ("linkstate.ldif");
  ExtopoFinding *finding;

  finding = assert_fires (model, "LINK_STATE_SUPPRESSION_ADVISED", EXTOPO_OBJECT_ROUTING_GROUP,
                          INTEROP_RG, EXTOPO_SEVERITY_WARNING);
  g_assert_true (finding->subject == routing_group (model, INTEROP_RG));
  g_assert_nonnull (strstr (finding->message, " 3 "));
  g_assert_nonnull (strstr (finding->remedy, "SuppressStateChanges"));
  g_assert_cmpuint (extopo_findings_count_id (model, "LINK_STATE_SUPPRESSION_ADVISED"), ==, 1);
}

static void
test_shapes_link_state_silent (void)
{
  const char *names[] = {
    "linkstate-one-group.ldif", "linkstate-one-pair.ldif", "linkstate-no-hub.ldif",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(ExtopoModel) model = load (names[i]);

      g_test_message ("%s", names[i]);
      g_assert_cmpuint (extopo_findings_count_id (model, "LINK_STATE_SUPPRESSION_ADVISED"), ==,
                        0);
    }

  /* The one-group file does hold two connections: the count of legacy
   * groups is what keeps the rule silent there. */
  {
    g_autoptr(ExtopoModel) model = load ("linkstate-one-group.ldif");

    g_assert_cmpuint (extopo_model_get_connections (model)->len, ==, 2);
    assert_readiness (model, EXTOPO_READINESS_READY, TRUE, 0, 0);
  }
}

/* ------------------------------------------------------------------ */
/* 7. Exchange 2013 transport children                                 */

static void
test_shapes_transport_children (void)
{
  g_autoptr(ExtopoModel) model = load ("ex2013-transport.ldif");
  ExtopoServer *ex2013;

  g_assert_cmpuint (extopo_model_get_servers (model)->len, ==, 1);
  ex2013 = server (model, "EX2013");
  g_assert_cmpint (ex2013->version.product, ==, EXTOPO_PRODUCT_EXCHANGE_2013);
  g_assert_cmpuint (ex2013->version.major, ==, 15);
  g_assert_null (fx_server (model, "FrontEnd"));
  g_assert_null (fx_server (model, "Mailbox"));
  assert_no_dangling (model);
  g_assert_cmpuint (extopo_findings_count_id (model, "SERVER_VERSION_UNKNOWN"), ==, 0);
}

/* ------------------------------------------------------------------ */
/* 8. Foreign gateways                                                 */

static void
test_shapes_gateways (void)
{
  g_autoptr(ExtopoModel) model = load ("gateways.ldif");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report = report_json (model, &root);
  const struct
  {
    const char *name;
    const char *type;
    gboolean    unsupported_on_2003;
  } gateways[] = {
    { "Notes Connector (EX03)", "notes", FALSE },
    { "GroupWise Connector (EX03)", "groupwise", FALSE },
    { "ccMail Connector (EX03)", "ccmail", TRUE },
    { "MSMail Connector (EX03)", "msmail", TRUE },
    { "Calendar Connector (EX03)", "calendar", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (gateways); i++)
    {
      ExtopoConnector *gateway = connector (model, gateways[i].name);
      ExtopoFinding *finding;
      JsonObject *object;

      g_test_message ("%s", gateways[i].name);
      g_assert_true (extopo_connector_type_is_foreign (gateway->type));
      g_assert_true (gateway->host_server == server (model, "EX03"));
      finding = assert_fires (model, "CONNECTOR_FOREIGN_GATEWAY", EXTOPO_OBJECT_CONNECTOR,
                              gateways[i].name, EXTOPO_SEVERITY_WARNING);
      /* The server that must stay, by name (the connector names hold
       * "EX03" too: look for it quoted). */
      g_assert_nonnull (strstr (finding->message, "“EX03”"));
      g_assert_cmpint (strstr (finding->message, "Exchange Server 2003 either") != NULL, ==,
                       gateways[i].unsupported_on_2003);

      object = json_find (report, "connectors", gateways[i].name);
      g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, gateways[i].type);
      g_assert_cmpstr (json_object_get_string_member (object, "host_server"), ==, "EX03");
    }

  g_assert_cmpuint (extopo_findings_count_id (model, "CONNECTOR_FOREIGN_GATEWAY"), ==, 5);
  assert_no_dangling (model);
  assert_readiness (model, EXTOPO_READINESS_READY, TRUE, 0, 5);
}

static void
test_shapes_gateways_none (void)
{
  g_autoptr(ExtopoModel) model = load ("gateways-none.ldif");

  g_assert_cmpint (connector (model, "Internet Mail")->type, ==, EXTOPO_CONNECTOR_SMTP);
  g_assert_cmpint (connector (model, "X400 to Mainframe")->type, ==, EXTOPO_CONNECTOR_X400);
  g_assert_cmpstr (connector (model, "Internet Mail")->smart_hosts[0], ==, "[192.0.2.25]");
  g_assert_cmpuint (extopo_findings_count_id (model, "CONNECTOR_FOREIGN_GATEWAY"), ==, 0);
  assert_readiness (model, EXTOPO_READINESS_READY, TRUE, 0, 0);
}

/* ------------------------------------------------------------------ */
/* 9. AD sites                                                         */

static void
test_shapes_sites (void)
{
  g_autoptr(ExtopoModel) model = load ("sites.ldif");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report;
  ExtopoFinding *finding;
  JsonObject *site;

  g_assert_cmpuint (extopo_model_get_sites (model)->len, ==, 4);
  g_assert_cmpstr (server (model, "MB1")->site_name, ==, "Branch");

  /* A Mailbox server alone in its site; HQ's Hub does not help it. */
  finding = assert_fires (model, "SITE_MAILBOX_WITHOUT_HUB", EXTOPO_OBJECT_SITE, "Branch",
                          EXTOPO_SEVERITY_ERROR);
  g_assert_nonnull (strstr (finding->message, "MB1"));
  assert_fires (model, "SITE_MAILBOX_WITHOUT_CAS", EXTOPO_OBJECT_SITE, "Branch",
                EXTOPO_SEVERITY_WARNING);

  /* Every role in one server. */
  assert_silent_on (model, "SITE_MAILBOX_WITHOUT_HUB", "HQ");
  assert_silent_on (model, "SITE_MAILBOX_WITHOUT_CAS", "HQ");

  /* A 2007 Mailbox server needs a 2007 Hub; a 2010 one does not serve it.
   * Its own Client Access role serves it. */
  finding = assert_fires (model, "SITE_MAILBOX_WITHOUT_HUB", EXTOPO_OBJECT_SITE, "Mixed",
                          EXTOPO_SEVERITY_ERROR);
  g_assert_nonnull (strstr (finding->message, "MB07"));
  assert_silent_on (model, "SITE_MAILBOX_WITHOUT_CAS", "Mixed");

  g_assert_cmpuint (extopo_findings_count_id (model, "SITE_MAILBOX_WITHOUT_HUB"), ==, 2);

  report = report_json (model, &root);
  site = json_find (report, "sites", "Branch");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (site, "servers")), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (site, "servers"),
                                                  0), ==, "MB1");
  for (const char * const *name = (const char * const[]) { "HQ", "Lab13", "Mixed", NULL };
       *name != NULL; name++)
    json_find (report, "sites", *name);
}

/* Exchange 2013 and later: Client Access is bit 1 (CAS13's 16385 = Client
 * Access + Front End Transport); the Mailbox server MB13's roles 54 carry
 * the old bit 4 only, so CAS13 is what serves site Lab13. */
static void
test_shapes_sites_2013_client_access (void)
{
  g_autoptr(ExtopoModel) model = load ("sites.ldif");

  assert_silent_on (model, "SITE_MAILBOX_WITHOUT_HUB", "Lab13");
  /* BUG: build_server() in app/extopo-model.c keeps only
   * msExchCurrentServerRoles & EXTOPO_ROLE_ALL (2|4|16|32|64), so bit 1
   * (Exchange 2013+ Client Access) is dropped and CAS13's roles read as 0;
   * server_is_client_access() in app/extopo-findings-rules.c then never
   * sees a 2013 Client Access server and SITE_MAILBOX_WITHOUT_CAS fires on
   * Lab13. */
  g_assert_cmpuint (server (model, "CAS13")->roles & 1, ==, 1);
  assert_silent_on (model, "SITE_MAILBOX_WITHOUT_CAS", "Lab13");
  g_assert_cmpuint (extopo_findings_count_id (model, "SITE_MAILBOX_WITHOUT_CAS"), ==, 1);
}

/* ------------------------------------------------------------------ */
/* 10. Bridgeheads of the wrong kind                                   */

static void
test_shapes_bridgehead_roles (void)
{
  g_autoptr(ExtopoModel) model = load ("bridgehead-roles.ldif");
  ExtopoFinding *finding;

  /* A Mailbox-only server as the Exchange 2007 end's bridgehead. */
  finding = assert_fires (model, "CONNECTOR_BRIDGEHEAD_NOT_HUB", EXTOPO_OBJECT_CONNECTOR,
                          "2007 to Seattle", EXTOPO_SEVERITY_ERROR);
  g_assert_nonnull (strstr (finding->message, "MBX1"));
  /* An Exchange 2007 server on the legacy end. */
  finding = assert_fires (model, "CONNECTOR_BRIDGEHEAD_NOT_HUB", EXTOPO_OBJECT_CONNECTOR,
                          "Paris to 2007", EXTOPO_SEVERITY_ERROR);
  g_assert_nonnull (strstr (finding->message, "HUB2"));
  /* An Exchange 5.5 server on the legacy end. */
  finding = assert_fires (model, "CONNECTOR_BRIDGEHEAD_NOT_HUB", EXTOPO_OBJECT_CONNECTOR,
                          "Tokyo to 2007", EXTOPO_SEVERITY_ERROR);
  g_assert_nonnull (strstr (finding->message, "EX55"));

  /* Right kinds on both ends, and legacy-to-legacy connectors. */
  for (const char * const *name = (const char * const[]) {
    "Seattle to 2007", "2007 to Paris", "2007 to Tokyo", "Berlin to 2007", "2007 to Berlin",
    "Tokyo to Berlin", "Berlin to Tokyo", NULL
  };
       *name != NULL; name++)
    assert_silent_on (model, "CONNECTOR_BRIDGEHEAD_NOT_HUB", *name);
  g_assert_cmpuint (extopo_findings_count_id (model, "CONNECTOR_BRIDGEHEAD_NOT_HUB"), ==, 3);
}

/* ------------------------------------------------------------------ */
/* 11. Two organizations                                               */

static void
test_shapes_two_organizations (void)
{
  g_autoptr(ExtopoModel) model = load ("two-orgs.ldif");
  ExtopoOrganization *contoso;
  ExtopoOrganization *fabrikam;
  ExtopoReadiness readiness = { 0, };
  ExtopoFinding *finding;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report;
  JsonObject *top;

  g_assert_cmpuint (extopo_model_get_organizations (model)->len, ==, 2);
  contoso = organization (model, "Contoso");
  fabrikam = organization (model, "Fabrikam");
  /* Groups of the same name stay apart. */
  g_assert_true (server (model, "CON-EX03")->routing_group->admin_group->organization == contoso);
  g_assert_true (server (model, "FAB-EX03")->routing_group->admin_group->organization == fabrikam);

  g_assert_cmpuint (extopo_findings_count_id (model, "ORG_MULTIPLE_ORGANIZATIONS"), ==, 2);
  finding = assert_fires (model, "ORG_MULTIPLE_ORGANIZATIONS", EXTOPO_OBJECT_ORGANIZATION,
                          "Contoso", EXTOPO_SEVERITY_WARNING);
  g_assert_nonnull (strstr (finding->message, "Fabrikam"));
  finding = assert_fires (model, "ORG_MULTIPLE_ORGANIZATIONS", EXTOPO_OBJECT_ORGANIZATION,
                          "Fabrikam", EXTOPO_SEVERITY_WARNING);
  g_assert_nonnull (strstr (finding->message, "Contoso"));

  /* The worst organization speaks for the file. */
  extopo_readiness_compute (model, &readiness);
  g_assert_cmpint (readiness.state, ==, EXTOPO_READINESS_NOT_READY);
  g_assert_true (readiness.organization == fabrikam);
  g_assert_cmpuint (readiness.n_organizations, ==, 2);
  g_assert_nonnull (strstr (readiness.summary, "Fabrikam"));
  extopo_readiness_clear (&readiness);

  extopo_readiness_compute_for_organization (model, contoso, &readiness);
  g_assert_cmpint (readiness.state, ==, EXTOPO_READINESS_READY);
  g_assert_true (readiness.prerequisites_met);
  g_assert_cmpuint (readiness.n_errors, ==, 0);
  g_assert_cmpuint (readiness.n_warnings, ==, 1);
  extopo_readiness_clear (&readiness);

  extopo_readiness_compute_for_organization (model, fabrikam, &readiness);
  g_assert_cmpint (readiness.state, ==, EXTOPO_READINESS_NOT_READY);
  g_assert_false (readiness.prerequisites_met);
  g_assert_cmpuint (readiness.n_errors, ==, 1);
  g_assert_cmpuint (readiness.n_warnings, ==, 1);
  extopo_readiness_clear (&readiness);

  report = report_json (model, &root);
  top = json_object_get_object_member (report, "readiness");
  g_assert_cmpstr (json_object_get_string_member (top, "state"), ==, "not-ready");
  g_assert_cmpstr (json_object_get_string_member (top, "organization"), ==, "Fabrikam");
  g_assert_false (json_object_get_boolean_member (report, "ready_for_exchange_2007"));
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_find (report, "organizations", "Contoso"),
                                                    "readiness"), "state"), ==, "ready");
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (json_find (report, "organizations",
                                                               "Fabrikam"), "readiness"),
                     "state"), ==, "not-ready");
}

static void
test_shapes_one_organization (void)
{
  g_autoptr(ExtopoModel) model = load ("deleted.ldif");

  g_assert_cmpuint (extopo_model_get_organizations (model)->len, ==, 1);
  g_assert_cmpuint (extopo_findings_count_id (model, "ORG_MULTIPLE_ORGANIZATIONS"), ==, 0);
}

/* ------------------------------------------------------------------ */
/* 12. Membership by backlink                                          */

static void
test_shapes_backlink (void)
{
  g_autoptr(ExtopoModel) model = load ("backlink.ldif");
  ExtopoServer *by_backlink = server (model, "EX-BL");
  ExtopoServer *both = server (model, "EX-BOTH");
  ExtopoServer *none = server (model, "EX-NONE");

  g_assert_null (by_backlink->home_routing_group_dn);
  g_assert_true (by_backlink->routing_group == routing_group (model, "Seattle"));
  g_assert_true (by_backlink->routing_group_by_backlink);
  g_assert_false (by_backlink->routing_group_by_fallback);
  g_assert_true (g_ptr_array_find (routing_group (model, "Seattle")->servers, by_backlink, NULL));

  /* The forward link wins over a backlink that disagrees. */
  g_assert_true (both->routing_group == routing_group (model, "Paris"));
  g_assert_false (both->routing_group_by_backlink);
  g_assert_false (g_ptr_array_find (routing_group (model, "Seattle")->servers, both, NULL));

  /* Neither link: no group, and nothing invented. */
  g_assert_null (none->routing_group);
  g_assert_false (none->routing_group_by_backlink);

  assert_no_dangling (model);
}

/* ------------------------------------------------------------------ */
/* 13. Provisioned servers                                             */

static void
test_shapes_provisioned (void)
{
  g_autoptr(ExtopoModel) model = load ("provisioned.ldif");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report = report_json (model, &root);

  g_assert_true (server (model, "PROV1")->provisioned);
  g_assert_true (server (model, "PROVHUB")->provisioned);
  g_assert_false (extopo_server_is_hub (server (model, "PROVHUB")));
  g_assert_false (server (model, "UNKNOWN")->provisioned);
  g_assert_false (server (model, "HUB1")->provisioned);

  assert_silent_on (model, "SERVER_VERSION_UNKNOWN", "PROV1");
  assert_silent_on (model, "SERVER_VERSION_UNKNOWN", "PROVHUB");
  assert_fires (model, "SERVER_VERSION_UNKNOWN", EXTOPO_OBJECT_SERVER, "UNKNOWN",
                EXTOPO_SEVERITY_WARNING);
  g_assert_cmpuint (extopo_findings_count_id (model, "SERVER_VERSION_UNKNOWN"), ==, 1);

  g_assert_true (json_object_get_boolean_member (json_find (report, "servers", "PROV1"),
                                                 "provisioned"));
  g_assert_false (json_object_get_boolean_member (json_find (report, "servers", "HUB1"),
                                                  "provisioned"));
}

/* ------------------------------------------------------------------ */
/* 14. Clusters                                                        */

static void
test_shapes_clusters (void)
{
  g_autoptr(ExtopoModel) model = load ("clusters.ldif");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report = report_json (model, &root);

  g_assert_cmpint (server (model, "CCR1")->cluster, ==, EXTOPO_CLUSTER_CCR);
  g_assert_cmpint (server (model, "SCC1")->cluster, ==, EXTOPO_CLUSTER_SCC);
  g_assert_cmpint (server (model, "MB0")->cluster, ==, EXTOPO_CLUSTER_NONE);
  g_assert_cmpint (server (model, "MB1")->cluster, ==, EXTOPO_CLUSTER_NONE);

  g_assert_cmpstr (json_object_get_string_member (json_find (report, "servers", "CCR1"),
                                                  "cluster"), ==, "CCR");
  g_assert_cmpstr (json_object_get_string_member (json_find (report, "servers", "SCC1"),
                                                  "cluster"), ==, "SCC");
  for (const char * const *name = (const char * const[]) { "MB0", "MB1", NULL };
       *name != NULL; name++)
    {
      JsonObject *object = json_find (report, "servers", *name);

      g_assert_true (json_object_has_member (object, "cluster"));
      g_assert_true (json_object_get_null_member (object, "cluster"));
    }
}

/* ------------------------------------------------------------------ */
/* 15. Readiness on the bundled samples and in the report              */

/* The report's verdict agrees with extopo_readiness_compute(). */
static void
check_report_readiness (ExtopoModel *model)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report = report_json (model, &root);
  JsonObject *readiness_json = json_object_get_object_member (report, "readiness");
  ExtopoReadiness readiness = { 0, };

  extopo_readiness_compute (model, &readiness);
  g_assert_nonnull (readiness_json);
  g_assert_cmpstr (json_object_get_string_member (readiness_json, "state"), ==,
                   extopo_readiness_state_to_string (readiness.state));
  g_assert_cmpint (json_object_get_boolean_member (readiness_json, "prerequisites_met"), ==,
                   readiness.prerequisites_met);
  g_assert_cmpint (json_object_get_int_member (readiness_json, "errors"), ==, readiness.n_errors);
  g_assert_cmpint (json_object_get_int_member (readiness_json, "warnings"), ==,
                   readiness.n_warnings);
  g_assert_cmpint (json_object_get_boolean_member (report, "ready_for_exchange_2007"), ==,
                   readiness.state == EXTOPO_READINESS_READY);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (report,
                                                                              "source_summary"),
                                               "deleted_entries_skipped"), ==,
                   extopo_model_get_n_deleted_skipped (model));
  extopo_readiness_clear (&readiness);
}

/* The report says @state, ready for Exchange 2007 only when @ready, and
 * agrees with extopo_readiness_compute(). */
static void
assert_report_verdict (ExtopoModel *model,
                       const char  *state,
                       gboolean     ready)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report = report_json (model, &root);

  g_assert_cmpint (json_object_get_boolean_member (report, "ready_for_exchange_2007"), ==, ready);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (report,
                                                                                 "readiness"),
                                                  "state"), ==, state);
  check_report_readiness (model);
}

static char *
sample_path (const char *name)
{
  const char *dir = g_getenv ("EXTOPO_SAMPLES_DIR");

  return g_build_filename (dir != NULL ? dir : SOURCE_SAMPLESDIR, name, NULL);
}

static void
test_shapes_samples (void)
{
  g_autofree char *dir_path = sample_path ("");
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;
  guint n_samples = 0;

  dir = g_dir_open (dir_path, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autoptr(ExtopoModel) model = NULL;

      if (!g_str_has_suffix (name, ".ldif"))
        continue;
      g_test_message ("%s", name);
      path = g_build_filename (dir_path, name, NULL);
      model = load_path (path);
      check_report_readiness (model);
      n_samples++;
    }
  g_assert_cmpuint (n_samples, >=, 2);
}

static void
test_shapes_sample_coexistence (void)
{
  g_autofree char *path = sample_path ("coexistence.ldif");
  g_autoptr(ExtopoModel) model = load_path (path);
  ExtopoReadiness readiness = { 0, };

  extopo_readiness_compute (model, &readiness);
  g_assert_cmpint (readiness.state, ==, EXTOPO_READINESS_READY_WITH_FINDINGS);
  g_assert_true (readiness.prerequisites_met);
  g_assert_cmpuint (readiness.n_errors, >, 0);
  /* Errors are open: never the plain "ready" headline nor a green status. */
  g_assert_null (strstr (readiness.summary, "Ready for Exchange Server 2007."));
  g_assert_cmpint (extopo_readiness_get_status (&readiness), ==, EXTOPO_STATUS_WARNING);
  g_assert_cmpint (extopo_readiness_get_status (&readiness), !=, EXTOPO_STATUS_OK);
  extopo_readiness_clear (&readiness);

  assert_report_verdict (model, "ready-with-findings", FALSE);
}

static void
test_shapes_sample_mixed_mode (void)
{
  g_autofree char *path = sample_path ("mixed-mode.ldif");
  g_autoptr(ExtopoModel) model = load_path (path);
  ExtopoReadiness readiness = { 0, };

  extopo_readiness_compute (model, &readiness);
  g_assert_cmpint (readiness.state, ==, EXTOPO_READINESS_NOT_READY);
  g_assert_false (readiness.prerequisites_met);
  g_assert_cmpint (extopo_readiness_get_status (&readiness), ==, EXTOPO_STATUS_ERROR);
  extopo_readiness_clear (&readiness);

  assert_report_verdict (model, "not-ready", FALSE);
}

static void
test_shapes_report_ready (void)
{
  g_autoptr(ExtopoModel) model = load ("deleted.ldif");
  g_autoptr(JsonNode) root = NULL;
  JsonObject *report = report_json (model, &root);
  ExtopoReadiness readiness = { 0, };

  assert_report_verdict (model, "ready", TRUE);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (report,
                                                                              "source_summary"),
                                               "deleted_entries_skipped"), ==, 2);

  extopo_readiness_compute (model, &readiness);
  g_assert_cmpint (extopo_readiness_get_status (&readiness), ==, EXTOPO_STATUS_OK);
  extopo_readiness_clear (&readiness);

  /* Every fixture's report agrees with its readiness. */
  for (const char * const *name = (const char * const[]) {
    "live-55.ldif", "prepared-hub.ldif", "edge.ldif", "gateways.ldif", "two-orgs.ldif",
    "deleted-name.ldif", NULL
  };
       *name != NULL; name++)
    {
      g_autoptr(ExtopoModel) other = load (*name);

      g_test_message ("%s", *name);
      check_report_readiness (other);
    }
}

/* ------------------------------------------------------------------ */
/* 16. The command line                                                */

static void
test_shapes_cli_findings (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "shapes", "deleted.ldif", NULL);
  g_autoptr(ExtopoModel) model = load_path (path);
  const char *argv[] = { g_getenv ("EXTOPO_BINARY"), "--findings", path, NULL };
  g_auto(GStrv) envp = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  ExtopoReadiness readiness = { 0, };
  int wait_status = 0;
  gboolean found = FALSE;

  g_assert_nonnull (argv[0]);
  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");
  g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                &out, &err, &wait_status, &error);
  g_assert_no_error (error);
  g_test_message ("stdout: %s\nstderr: %s", out, err);
  g_assert_true (WIFEXITED (wait_status));
  g_assert_cmpint (WEXITSTATUS (wait_status), ==, 0);

  extopo_readiness_compute (model, &readiness);
  g_assert_cmpint (readiness.state, ==, EXTOPO_READINESS_READY);

  /* Source, the tombstones left out, then the verdict. */
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >=, 3);
  g_assert_true (g_str_has_prefix (lines[0], "Source: "));
  g_assert_nonnull (strstr (lines[1], "2 deleted objects"));
  for (guint i = 0; i < 3; i++)
    found |= g_strcmp0 (lines[i], readiness.summary) == 0;
  g_assert_true (found);
  g_assert_cmpstr (lines[2], ==, "Ready for Exchange Server 2007.");
  extopo_readiness_clear (&readiness);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/shapes/deleted", test_shapes_deleted);
  g_test_add_func ("/shapes/deleted/flag-only", test_shapes_deleted_flag_only);
  g_test_add_func ("/shapes/deleted/name-only", test_shapes_deleted_name_only);
  g_test_add_func ("/shapes/deleted/name-newline", test_shapes_deleted_name_newline);
  g_test_add_func ("/shapes/deleted/container-only", test_shapes_deleted_container_only);
  g_test_add_func ("/shapes/deleted/alive", test_shapes_deleted_alive);
  g_test_add_func ("/shapes/first-hub/prepared", test_shapes_prepared);
  g_test_add_func ("/shapes/first-hub/mailbox-only", test_shapes_prepared_mailbox_only);
  g_test_add_func ("/shapes/first-hub/hub", test_shapes_prepared_hub);
  g_test_add_func ("/shapes/edge", test_shapes_edge);
  g_test_add_func ("/shapes/connected/smtp", test_shapes_connected_smtp);
  g_test_add_func ("/shapes/connected/x400", test_shapes_connected_x400);
  g_test_add_func ("/shapes/connected/unknown-guid", test_shapes_connected_unknown);
  g_test_add_func ("/shapes/connected/one-way", test_shapes_connected_one_way);
  g_test_add_func ("/shapes/connected/garbage", test_shapes_connected_garbage);
  g_test_add_func ("/shapes/bridgehead/gone", test_shapes_bridgehead_gone);
  g_test_add_func ("/shapes/bridgehead/exists", test_shapes_bridgehead_exists);
  g_test_add_func ("/shapes/link-state", test_shapes_link_state);
  g_test_add_func ("/shapes/link-state/silent", test_shapes_link_state_silent);
  g_test_add_func ("/shapes/transport-children", test_shapes_transport_children);
  g_test_add_func ("/shapes/gateways", test_shapes_gateways);
  g_test_add_func ("/shapes/gateways/none", test_shapes_gateways_none);
  g_test_add_func ("/shapes/sites", test_shapes_sites);
  g_test_add_func ("/shapes/sites/2013-client-access", test_shapes_sites_2013_client_access);
  g_test_add_func ("/shapes/bridgehead/roles", test_shapes_bridgehead_roles);
  g_test_add_func ("/shapes/organizations/two", test_shapes_two_organizations);
  g_test_add_func ("/shapes/organizations/one", test_shapes_one_organization);
  g_test_add_func ("/shapes/backlink", test_shapes_backlink);
  g_test_add_func ("/shapes/provisioned", test_shapes_provisioned);
  g_test_add_func ("/shapes/clusters", test_shapes_clusters);
  g_test_add_func ("/shapes/readiness/samples", test_shapes_samples);
  g_test_add_func ("/shapes/readiness/coexistence", test_shapes_sample_coexistence);
  g_test_add_func ("/shapes/readiness/mixed-mode", test_shapes_sample_mixed_mode);
  g_test_add_func ("/shapes/readiness/report", test_shapes_report_ready);
  g_test_add_func ("/shapes/cli/findings", test_shapes_cli_findings);

  return g_test_run ();
}
