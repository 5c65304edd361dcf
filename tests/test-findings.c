/* test-findings.c: the coexistence rules, server status, readiness and the loader.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>

#include "extopo-findings.h"
#include "extopo-loader.h"
#include "model/model-fixture.h"

#define NATIVE_ORG FX_ORG_ENTRY ("msExchMixedMode: FALSE")

/* A clean native organization with Exchange 2007: Seattle talks both ways
 * with the interop group. Nothing fires on it. */
#define CLEAN_ORG \
  NATIVE_ORG \
  FX_AG_ENTRY ("HQ") \
  FX_RG_ENTRY ("HQ", "Seattle") \
  FX_SERVER_ENTRY ("HQ", "Seattle", "SEA-EX01", FX_SERIAL_2003_SP2) \
  FX_INTEROP_ENTRIES \
  FX_RGC_ENTRY ("HQ", "Seattle", "SEA-2007", FX_AG_2007, FX_RG_2007) \
  FX_RGC_ENTRY (FX_AG_2007, FX_RG_2007, "2007-SEA", "HQ", "Seattle")

static ExtopoModel *
evaluate (const char *text)
{
  ExtopoModel *model = fx_model_from_text (text);

  extopo_findings_evaluate (model);
  return model;
}


static void
assert_fires (ExtopoModel    *model,
              const char     *id,
              const char     *name,
              ExtopoSeverity  severity)
{
  ExtopoFinding *finding = fx_find_finding (model, id, name);

  if (finding == NULL)
    g_error ("%s did not fire on %s", id, name);
  g_assert_cmpint (finding->severity, ==, severity);
  g_assert_nonnull (finding->message);
  g_assert_nonnull (finding->remedy);
  g_assert_nonnull (finding->subject_dn);
  /* The message names its object. */
  g_assert_nonnull (strstr (finding->message, name));
}

static void
test_findings_clean (void)
{
  g_autoptr(ExtopoModel) model = evaluate (CLEAN_ORG);
  ExtopoReadiness readiness = { 0, };

  g_assert_cmpuint (extopo_model_get_findings (model)->len, ==, 0);
  g_assert_cmpint (fx_server (model, "SEA-EX01")->status, ==, EXTOPO_STATUS_OK);
  g_assert_cmpint (fx_server (model, "EX2007-HUB1")->status, ==, EXTOPO_STATUS_OK);

  extopo_readiness_compute (model, &readiness);
  g_assert_cmpint (readiness.state, ==, EXTOPO_READINESS_READY);
  g_assert_true (readiness.prerequisites_met);
  g_assert_cmpuint (readiness.n_errors, ==, 0);
  g_assert_cmpuint (readiness.n_warnings, ==, 0);
  g_assert_cmpstr (readiness.summary, ==, "Ready for Exchange Server 2007.");
  g_assert_null (readiness.reasons);
  g_assert_cmpint (extopo_readiness_get_status (&readiness), ==, EXTOPO_STATUS_OK);
  extopo_readiness_clear (&readiness);
}

static void
test_findings_ids (void)
{
  const char * const *ids = extopo_findings_get_ids ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = 0;

  for (; ids[n] != NULL; n++)
    {
      g_assert_false (g_hash_table_contains (seen, ids[n]));
      g_hash_table_add (seen, (gpointer) ids[n]);
    }

  g_assert_cmpuint (n, ==, 22);
  for (const char * const *id = (const char * const[]) {
    "ORG_MULTIPLE_ORGANIZATIONS", "ORG_AWAITING_FIRST_HUB", "SITE_MAILBOX_WITHOUT_HUB",
    "SITE_MAILBOX_WITHOUT_CAS", "CONNECTOR_BRIDGEHEAD_NOT_HUB", "CONNECTOR_FOREIGN_GATEWAY",
    "SERVER_VERSION_MISMATCH", "SERVER_VERSION_PAIR_UNSUPPORTED", NULL
  };
       *id != NULL; id++)
    g_assert_true (g_hash_table_contains (seen, *id));
  g_assert_true (g_hash_table_contains (seen, "ORG_MIXED_MODE"));
  g_assert_true (g_hash_table_contains (seen, "LINK_STATE_SUPPRESSION_ADVISED"));
  g_assert_true (g_hash_table_contains (seen, "CONNECTOR_DANGLING_REFERENCE"));
}

static void
test_findings_org_mode (void)
{
  g_autoptr(ExtopoModel) mixed = evaluate (FX_ORG_ENTRY ("msExchMixedMode: TRUE"));
  g_autoptr(ExtopoModel) unset = evaluate (FX_ORG_ENTRY (""));
  g_autoptr(ExtopoModel) garbage = evaluate (FX_ORG_ENTRY ("msExchMixedMode: maybe"));
  g_autoptr(ExtopoModel) native = evaluate (NATIVE_ORG);
  ExtopoFinding *finding;

  assert_fires (mixed, "ORG_MIXED_MODE", "First Organization", EXTOPO_SEVERITY_ERROR);
  g_assert_cmpuint (extopo_findings_count_id (mixed, "ORG_MODE_UNSET"), ==, 0);
  finding = fx_find_finding (mixed, "ORG_MIXED_MODE", NULL);
  g_assert_nonnull (strstr (finding->remedy, "Change Operations Mode"));
  g_assert_cmpint (finding->subject_kind, ==, EXTOPO_OBJECT_ORGANIZATION);

  assert_fires (unset, "ORG_MODE_UNSET", "First Organization", EXTOPO_SEVERITY_ERROR);
  g_assert_cmpuint (extopo_findings_count_id (unset, "ORG_MIXED_MODE"), ==, 0);
  assert_fires (garbage, "ORG_MODE_UNSET", "First Organization", EXTOPO_SEVERITY_ERROR);

  g_assert_cmpuint (extopo_findings_count_id (native, "ORG_MIXED_MODE"), ==, 0);
  g_assert_cmpuint (extopo_findings_count_id (native, "ORG_MODE_UNSET"), ==, 0);
}

#define SRS_ENTRY \
  "dn: CN=Microsoft Site Replication Service," FX_SERVER ("HQ", "SEA-EX01") "\n" \
  "objectClass: msExchSiteReplicationService\n\n"
#define ADC_ENTRY \
  "dn: CN=CA1,CN=Active Directory Connections," FX_EXCHANGE "\n" \
  "objectClass: msExchConnectionAgreement\n\n"

static void
test_findings_srs_adc (void)
{
  g_autoptr(ExtopoModel) srs = evaluate (CLEAN_ORG SRS_ENTRY);
  g_autoptr(ExtopoModel) adc = evaluate (CLEAN_ORG ADC_ENTRY);
  g_autoptr(ExtopoModel) clean = evaluate (CLEAN_ORG);

  assert_fires (srs, "ORG_SRS_PRESENT", "First Organization", EXTOPO_SEVERITY_ERROR);
  g_assert_cmpuint (extopo_findings_count_id (srs, "ORG_ADC_PRESENT"), ==, 0);
  assert_fires (adc, "ORG_ADC_PRESENT", "First Organization", EXTOPO_SEVERITY_ERROR);
  g_assert_cmpuint (extopo_findings_count_id (adc, "ORG_SRS_PRESENT"), ==, 0);
  g_assert_cmpuint (extopo_findings_count_id (clean, "ORG_SRS_PRESENT"), ==, 0);
  g_assert_cmpuint (extopo_findings_count_id (clean, "ORG_ADC_PRESENT"), ==, 0);
}

static void
test_findings_exchange_55 (void)
{
  g_autoptr(ExtopoModel) model = evaluate (
    CLEAN_ORG
    FX_SERVER_ENTRY ("HQ", "Seattle", "EX55", FX_SERIAL_55_SP4));

  assert_fires (model, "SERVER_EXCHANGE_55", "EX55", EXTOPO_SEVERITY_ERROR);
  g_assert_null (fx_find_finding (model, "SERVER_EXCHANGE_55", "SEA-EX01"));
  g_assert_cmpuint (extopo_findings_count_id (model, "SERVER_EXCHANGE_55"), ==, 1);
  /* 5.5 has no service pack rule of its own. */
  g_assert_null (fx_find_finding (model, "SERVER_SP_BELOW_MINIMUM", "EX55"));
  g_assert_cmpint (fx_server (model, "EX55")->status, ==, EXTOPO_STATUS_UNSUPPORTED);
}

static void
test_findings_sp_below_minimum (void)
{
  g_autoptr(ExtopoModel) model = evaluate (
    CLEAN_ORG
    FX_SERVER_ENTRY ("HQ", "Seattle", "SP1-2003", FX_SERIAL_2003_SP1)
    FX_SERVER_ENTRY ("HQ", "Seattle", "SP2-2000", FX_SERIAL_2000_SP2)
    FX_SERVER_ENTRY ("HQ", "Seattle", "SP3-2000", FX_SERIAL_2000_SP3)
    FX_SERVER_ENTRY ("HQ", "Seattle", "RTM-2003", "Version 6.5 (Build 6944.4)"));
  ExtopoFinding *finding;

  assert_fires (model, "SERVER_SP_BELOW_MINIMUM", "SP1-2003", EXTOPO_SEVERITY_WARNING);
  assert_fires (model, "SERVER_SP_BELOW_MINIMUM", "SP2-2000", EXTOPO_SEVERITY_WARNING);
  assert_fires (model, "SERVER_SP_BELOW_MINIMUM", "RTM-2003", EXTOPO_SEVERITY_WARNING);
  /* 2000 SP3 only lacks a rollup the directory cannot show: a note. */
  assert_fires (model, "SERVER_SP_BELOW_MINIMUM", "SP3-2000", EXTOPO_SEVERITY_INFO);

  finding = fx_find_finding (model, "SERVER_SP_BELOW_MINIMUM", "SP1-2003");
  g_assert_true (finding->secondary_source);
  g_assert_nonnull (strstr (finding->message, "secondary sources"));
  g_assert_nonnull (strstr (finding->message, "Exchange Server 2003 SP1"));

  g_assert_null (fx_find_finding (model, "SERVER_SP_BELOW_MINIMUM", "SEA-EX01"));
  g_assert_null (fx_find_finding (model, "SERVER_SP_BELOW_MINIMUM", "EX2007-HUB1"));
  g_assert_cmpuint (extopo_findings_count_id (model, "SERVER_SP_BELOW_MINIMUM"), ==, 4);
}

static void
test_findings_version_unknown (void)
{
  g_autoptr(ExtopoModel) model = evaluate (
    CLEAN_ORG
    FX_SERVER_ENTRY ("HQ", "Seattle", "ODD", "who knows"));

  assert_fires (model, "SERVER_VERSION_UNKNOWN", "ODD", EXTOPO_SEVERITY_WARNING);
  g_assert_nonnull (
    strstr (fx_find_finding (model, "SERVER_VERSION_UNKNOWN", "ODD")->message, "who knows"));
  g_assert_cmpuint (extopo_findings_count_id (model, "SERVER_VERSION_UNKNOWN"), ==, 1);
  g_assert_cmpint (fx_server (model, "ODD")->status, ==, EXTOPO_STATUS_WARNING);
}

static void
test_findings_interop_groups (void)
{
  g_autoptr(ExtopoModel) model = evaluate (
    CLEAN_ORG
    /* Exchange 2007 in a legacy admin group. */
    "dn: " FX_SERVER ("HQ", "EX2007-STRAY") "\n"
    "objectClass: msExchExchangeServer\n"
    "serialNumber: " FX_SERIAL_2007_SP1 "\n"
    "msExchCurrentServerRoles: 2\n"
    "msExchHomeRoutingGroup: " FX_RG ("HQ", "Seattle") "\n\n"
    /* Exchange 2003 homed in the interop routing group. */
    FX_SERVER_ENTRY_HOMED ("HQ", "SEA-LOST", FX_SERIAL_2003_SP2, FX_RG (FX_AG_2007, FX_RG_2007))
    /* Exchange 2003 in the interop admin group. */
    FX_SERVER_ENTRY_HOMED (FX_AG_2007, "SEA-WRONG", FX_SERIAL_2003_SP2, FX_RG ("HQ", "Seattle")));
  ExtopoFinding *finding;

  assert_fires (model, "SERVER_2007_OUTSIDE_INTEROP_GROUPS", "EX2007-STRAY", EXTOPO_SEVERITY_ERROR);
  finding = fx_find_finding (model, "SERVER_2007_OUTSIDE_INTEROP_GROUPS", "EX2007-STRAY");
  g_assert_nonnull (strstr (finding->remedy, "Exchange Management Console"));
  g_assert_null (fx_find_finding (model, "SERVER_2007_OUTSIDE_INTEROP_GROUPS", "EX2007-HUB1"));
  g_assert_cmpuint (extopo_findings_count_id (model, "SERVER_2007_OUTSIDE_INTEROP_GROUPS"), ==, 1);

  assert_fires (model, "SERVER_LEGACY_IN_INTEROP_GROUPS", "SEA-LOST", EXTOPO_SEVERITY_ERROR);
  assert_fires (model, "SERVER_LEGACY_IN_INTEROP_GROUPS", "SEA-WRONG", EXTOPO_SEVERITY_ERROR);
  g_assert_null (fx_find_finding (model, "SERVER_LEGACY_IN_INTEROP_GROUPS", "SEA-EX01"));
  g_assert_null (fx_find_finding (model, "SERVER_LEGACY_IN_INTEROP_GROUPS", "EX2007-HUB1"));
  g_assert_cmpint (fx_server (model, "SEA-LOST")->status, ==, EXTOPO_STATUS_ERROR);
}

static void
test_findings_edge_role (void)
{
  g_autoptr(ExtopoModel) model = evaluate (
    CLEAN_ORG
    FX_SERVER_2007_ENTRY ("EX2007-EDGE1", "64")
    FX_SERVER_2007_ENTRY ("EX2007-ALL1", "54"));

  assert_fires (model, "SERVER_2007_EDGE_ROLE", "EX2007-EDGE1", EXTOPO_SEVERITY_WARNING);
  g_assert_null (fx_find_finding (model, "SERVER_2007_EDGE_ROLE", "EX2007-ALL1"));
  g_assert_null (fx_find_finding (model, "SERVER_2007_EDGE_ROLE", "EX2007-HUB1"));
  g_assert_cmpint (fx_server (model, "EX2007-EDGE1")->status, ==, EXTOPO_STATUS_WARNING);
  g_assert_cmpint (fx_server (model, "EX2007-ALL1")->status, ==, EXTOPO_STATUS_OK);
}

static void
test_findings_no_path (void)
{
  /* Dallas reaches the interop group through Seattle both ways; Boston has
   * no connector; Denver only sends; Austin has no servers. */
  g_autoptr(ExtopoModel) model = evaluate (
    CLEAN_ORG
    FX_RG_ENTRY ("HQ", "Dallas")
    FX_RG_ENTRY ("HQ", "Boston")
    FX_RG_ENTRY ("HQ", "Denver")
    FX_RG_ENTRY ("HQ", "Austin")
    FX_SERVER_ENTRY ("HQ", "Dallas", "DAL-EX01", FX_SERIAL_2003_SP2)
    FX_SERVER_ENTRY ("HQ", "Boston", "BOS-EX01", FX_SERIAL_2003_SP2)
    FX_SERVER_ENTRY ("HQ", "Denver", "DEN-EX01", FX_SERIAL_2003_SP2)
    FX_RGC_ENTRY ("HQ", "Dallas", "DAL-SEA", "HQ", "Seattle")
    FX_RGC_ENTRY ("HQ", "Seattle", "SEA-DAL", "HQ", "Dallas")
    FX_RGC_ENTRY ("HQ", "Denver", "DEN-2007", FX_AG_2007, FX_RG_2007));
  ExtopoFinding *finding;

  assert_fires (model, "RG_NO_PATH_TO_2007", "Boston", EXTOPO_SEVERITY_ERROR);
  assert_fires (model, "RG_NO_PATH_TO_2007", "Denver", EXTOPO_SEVERITY_ERROR);
  finding = fx_find_finding (model, "RG_NO_PATH_TO_2007", "Denver");
  g_assert_nonnull (strstr (finding->message, "cannot reach it"));
  g_assert_cmpint (finding->subject_kind, ==, EXTOPO_OBJECT_ROUTING_GROUP);
  g_assert_null (fx_find_finding (model, "RG_NO_PATH_TO_2007", "Dallas"));
  g_assert_null (fx_find_finding (model, "RG_NO_PATH_TO_2007", "Seattle"));
  g_assert_null (fx_find_finding (model, "RG_NO_PATH_TO_2007", "Austin"));
  g_assert_null (fx_find_finding (model, "RG_NO_PATH_TO_2007", FX_RG_2007));
  g_assert_cmpuint (extopo_findings_count_id (model, "RG_NO_PATH_TO_2007"), ==, 2);
}

/* Without Exchange 2007 in the organization there is nothing to reach. */
static void
test_findings_no_path_without_2007 (void)
{
  g_autoptr(ExtopoModel) model = evaluate (
    NATIVE_ORG
    FX_AG_ENTRY ("HQ")
    FX_RG_ENTRY ("HQ", "Boston")
    FX_SERVER_ENTRY ("HQ", "Boston", "BOS-EX01", FX_SERIAL_2003_SP2));

  g_assert_cmpuint (extopo_findings_count_id (model, "RG_NO_PATH_TO_2007"), ==, 0);
  g_assert_cmpuint (extopo_model_get_findings (model)->len, ==, 0);
}

static void
test_findings_one_way (void)
{
  g_autoptr(ExtopoModel) model = evaluate (
    CLEAN_ORG
    FX_RG_ENTRY ("HQ", "Zurich")
    FX_SERVER_ENTRY ("HQ", "Zurich", "ZRH-EX01", FX_SERIAL_2003_SP2)
    FX_RGC_ENTRY ("HQ", "Zurich", "ZRH-2007", FX_AG_2007, FX_RG_2007)
    FX_RGC_ENTRY (FX_AG_2007, FX_RG_2007, "2007-ZRH", "HQ", "Zurich")
    FX_RGC_ENTRY ("HQ", "Seattle", "SEA-ZRH", "HQ", "Zurich"));
  ExtopoConnector *one_way = fx_connector (model, "SEA-ZRH");
  ExtopoFinding *finding;

  assert_fires (model, "CONNECTOR_ONE_WAY", "SEA-ZRH", EXTOPO_SEVERITY_WARNING);
  finding = fx_find_finding (model, "CONNECTOR_ONE_WAY", "SEA-ZRH");
  g_assert_nonnull (strstr (finding->message, "Zurich"));
  g_assert_nonnull (strstr (finding->remedy, "Zurich"));
  g_assert_null (fx_find_finding (model, "CONNECTOR_ONE_WAY", "SEA-2007"));
  g_assert_null (fx_find_finding (model, "CONNECTOR_ONE_WAY", "ZRH-2007"));
  g_assert_cmpuint (extopo_findings_count_id (model, "CONNECTOR_ONE_WAY"), ==, 1);

  /* Linked to the connector. */
  g_assert_cmpuint (one_way->findings->len, ==, 1);
  g_assert_true (g_ptr_array_index (one_way->findings, 0) == finding);
  g_assert_cmpuint (fx_connector (model, "SEA-2007")->findings->len, ==, 0);
}

static void
test_findings_dangling (void)
{
  g_autoptr(ExtopoModel) model = evaluate (
    CLEAN_ORG
    FX_RGC_ENTRY ("HQ", "Seattle", "SEA-GONE", "HQ", "Gone")
    FX_SERVER_ENTRY ("HQ", "Atlantis", "SEA-EX09", FX_SERIAL_2003_SP2));
  g_autoptr(ExtopoModel) clean = evaluate (CLEAN_ORG);
  ExtopoFinding *finding;

  assert_fires (model, "CONNECTOR_DANGLING_REFERENCE", "SEA-GONE", EXTOPO_SEVERITY_ERROR);
  finding = fx_find_finding (model, "CONNECTOR_DANGLING_REFERENCE", "SEA-GONE");
  g_assert_nonnull (strstr (finding->message, "msExchDestinationRGDN"));
  g_assert_cmpint (finding->subject_kind, ==, EXTOPO_OBJECT_CONNECTOR);

  /* Other objects' dangling links come under the same ID, as warnings. */
  assert_fires (model, "CONNECTOR_DANGLING_REFERENCE", "SEA-EX09", EXTOPO_SEVERITY_WARNING);
  finding = fx_find_finding (model, "CONNECTOR_DANGLING_REFERENCE", "SEA-EX09");
  g_assert_nonnull (strstr (finding->message, "msExchHomeRoutingGroup"));
  g_assert_cmpuint (extopo_findings_count_id (model, "CONNECTOR_DANGLING_REFERENCE"), ==,
                    extopo_model_get_dangling_refs (model)->len);

  /* A connector to nowhere is one-way as well. */
  g_assert_nonnull (fx_find_finding (model, "CONNECTOR_ONE_WAY", "SEA-GONE"));
  g_assert_cmpuint (extopo_findings_count_id (clean, "CONNECTOR_DANGLING_REFERENCE"), ==, 0);
}

static void
test_findings_link_state (void)
{
  g_autoptr(ExtopoModel) two = evaluate (
    CLEAN_ORG
    FX_RG_ENTRY ("HQ", "Zurich")
    FX_SERVER_ENTRY ("HQ", "Zurich", "ZRH-EX01", FX_SERIAL_2003_SP2)
    FX_RGC_ENTRY ("HQ", "Zurich", "ZRH-2007", FX_AG_2007, FX_RG_2007)
    FX_RGC_ENTRY (FX_AG_2007, FX_RG_2007, "2007-ZRH", "HQ", "Zurich"));
  g_autoptr(ExtopoModel) one = evaluate (CLEAN_ORG);
  ExtopoFinding *finding;

  assert_fires (two, "LINK_STATE_SUPPRESSION_ADVISED", FX_RG_2007, EXTOPO_SEVERITY_WARNING);
  finding = fx_find_finding (two, "LINK_STATE_SUPPRESSION_ADVISED", NULL);
  g_assert_nonnull (strstr (finding->remedy, "SuppressStateChanges"));
  g_assert_cmpuint (extopo_findings_count_id (two, "LINK_STATE_SUPPRESSION_ADVISED"), ==, 1);
  g_assert_cmpuint (extopo_findings_count_id (one, "LINK_STATE_SUPPRESSION_ADVISED"), ==, 0);
}

static void
test_findings_status_and_order (void)
{
  g_autoptr(ExtopoModel) model = evaluate (
    FX_ORG_ENTRY ("msExchMixedMode: TRUE")
    FX_AG_ENTRY ("HQ")
    FX_RG_ENTRY ("HQ", "Seattle")
    FX_SERVER_ENTRY ("HQ", "Seattle", "OK-SRV", FX_SERIAL_2003_SP2)
    FX_SERVER_ENTRY ("HQ", "Seattle", "INFO-SRV", FX_SERIAL_2000_SP3)
    FX_SERVER_ENTRY ("HQ", "Seattle", "WARN-SRV", FX_SERIAL_2003_SP1)
    FX_SERVER_ENTRY ("HQ", "Seattle", "EX55", FX_SERIAL_55_SP4)
    FX_INTEROP_ENTRIES
    /* Error (in the interop group) and warning (SP1) on one server. */
    FX_SERVER_ENTRY_HOMED ("HQ", "ERR-SRV", FX_SERIAL_2003_SP1, FX_RG (FX_AG_2007, FX_RG_2007)));
  GPtrArray *findings = extopo_model_get_findings (model);
  ExtopoServer *err = fx_server (model, "ERR-SRV");

  g_assert_cmpint (fx_server (model, "OK-SRV")->status, ==, EXTOPO_STATUS_OK);
  g_assert_cmpint (fx_server (model, "INFO-SRV")->status, ==, EXTOPO_STATUS_OK);
  g_assert_cmpuint (fx_server (model, "INFO-SRV")->findings->len, ==, 1);
  g_assert_cmpint (fx_server (model, "WARN-SRV")->status, ==, EXTOPO_STATUS_WARNING);
  g_assert_cmpint (err->status, ==, EXTOPO_STATUS_ERROR);
  g_assert_cmpuint (err->findings->len, ==, 2);
  g_assert_cmpint (fx_server (model, "EX55")->status, ==, EXTOPO_STATUS_UNSUPPORTED);
  g_assert_cmpuint (fx_server (model, "OK-SRV")->findings->len, ==, 0);

  /* Most severe first. */
  g_assert_cmpuint (findings->len, >, 3);
  for (guint i = 1; i < findings->len; i++)
    g_assert_cmpint (((ExtopoFinding *) g_ptr_array_index (findings, i - 1))->severity, >=,
                     ((ExtopoFinding *) g_ptr_array_index (findings, i))->severity);

  /* Evaluating again replaces the findings instead of adding to them. */
  extopo_findings_evaluate (model);
  g_assert_cmpuint (err->findings->len, ==, 2);
  g_assert_cmpuint (extopo_findings_count_id (model, "SERVER_EXCHANGE_55"), ==, 1);
}

static void
test_findings_readiness (void)
{
  g_autoptr(ExtopoModel) model = fx_model_from_text (
    FX_ORG_ENTRY ("msExchMixedMode: TRUE")
    FX_AG_ENTRY ("HQ")
    FX_RG_ENTRY ("HQ", "Seattle")
    FX_SERVER_ENTRY ("HQ", "Seattle", "SEA-EX01", FX_SERIAL_2003_SP2)
    FX_SERVER_ENTRY ("HQ", "Seattle", "EX55", FX_SERIAL_55_SP4)
    SRS_ENTRY
    ADC_ENTRY);
  g_autoptr(ExtopoModel) unset = fx_model_from_text (FX_ORG_ENTRY (""));
  ExtopoReadiness readiness = { 0, };
  g_auto(GStrv) lines = NULL;

  /* Readiness does not need the findings evaluated. */
  extopo_readiness_compute (model, &readiness);
  g_assert_cmpint (readiness.state, ==, EXTOPO_READINESS_NOT_READY);
  g_assert_false (readiness.prerequisites_met);
  g_assert_cmpint (extopo_readiness_get_status (&readiness), ==, EXTOPO_STATUS_ERROR);
  g_assert_nonnull (strstr (readiness.summary, "4"));
  lines = g_strsplit (readiness.reasons, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);
  g_assert_nonnull (strstr (readiness.reasons, "mixed mode"));
  g_assert_nonnull (strstr (readiness.reasons, "EX55"));
  g_assert_nonnull (strstr (readiness.reasons, "Site Replication Service"));
  g_assert_nonnull (strstr (readiness.reasons, "connection agreement"));
  g_assert_nonnull (strstr (readiness.reasons, "Change Mode"));
  extopo_readiness_clear (&readiness);
  g_assert_null (readiness.summary);

  /* An unset mode is not native. */
  extopo_readiness_compute (unset, &readiness);
  g_assert_cmpint (readiness.state, ==, EXTOPO_READINESS_NOT_READY);
  g_assert_nonnull (strstr (readiness.reasons, "msExchMixedMode"));
  extopo_readiness_clear (&readiness);
}

/* A later Exchange server in the interop groups, with its own serialNumber. */
#define LATER_SERVER_ENTRY(server, serial, number, roles) \
  "dn: " FX_SERVER (FX_AG_2007, server) "\n" \
  "objectClass: top\nobjectClass: server\nobjectClass: msExchExchangeServer\n" \
  "cn: " server "\n" \
  "serialNumber: " serial "\n" \
  "versionNumber: " number "\n" \
  "msExchCurrentServerRoles: " roles "\n" \
  "msExchVersion: 4535486012416\n" \
  "msExchHomeRoutingGroup: " FX_RG (FX_AG_2007, FX_RG_2007) "\n\n"

/* 14.3.123: 0x70008000 | 14 << 22 | 3 << 16 | 123 */
#define EX2010_SP3 LATER_SERVER_ENTRY ("EX2010", "Version 14.3 (Build 30123.4)", "1937997947", "54")

static void
test_findings_version_pair (void)
{
  g_autoptr(ExtopoModel) with_2000 = evaluate (
    CLEAN_ORG
    FX_SERVER_ENTRY ("HQ", "Seattle", "SEA-EX2000", FX_SERIAL_2000_SP3)
    EX2010_SP3);
  g_autoptr(ExtopoModel) with_2003_sp1 = evaluate (
    CLEAN_ORG
    FX_SERVER_ENTRY ("HQ", "Seattle", "SEA-SP1", FX_SERIAL_2003_SP1)
    EX2010_SP3);
  g_autoptr(ExtopoModel) fine = evaluate (CLEAN_ORG EX2010_SP3);
  g_autoptr(ExtopoModel) no_2010 = evaluate (
    CLEAN_ORG
    FX_SERVER_ENTRY ("HQ", "Seattle", "SEA-EX2000", FX_SERIAL_2000_SP3));
  ExtopoReadiness readiness = { 0, };
  ExtopoFinding *finding;

  /* Exchange 2010 never coexists with Exchange 2000: a prerequisite. */
  assert_fires (with_2000, "SERVER_VERSION_PAIR_UNSUPPORTED", "SEA-EX2000", EXTOPO_SEVERITY_ERROR);
  finding = fx_find_finding (with_2000, "SERVER_VERSION_PAIR_UNSUPPORTED", "SEA-EX2000");
  g_assert_nonnull (strstr (finding->message, "Exchange Server 2010"));
  g_assert_nonnull (strstr (finding->message, "EX2010"));
  g_assert_null (fx_find_finding (with_2000, "SERVER_VERSION_PAIR_UNSUPPORTED", "EX2010"));
  extopo_readiness_compute (with_2000, &readiness);
  g_assert_cmpint (readiness.state, ==, EXTOPO_READINESS_NOT_READY);
  extopo_readiness_clear (&readiness);

  /* 2010 needs Exchange 2003 SP2. */
  assert_fires (with_2003_sp1, "SERVER_VERSION_PAIR_UNSUPPORTED", "SEA-SP1", EXTOPO_SEVERITY_ERROR);
  finding = fx_find_finding (with_2003_sp1, "SERVER_VERSION_PAIR_UNSUPPORTED", "SEA-SP1");
  g_assert_nonnull (strstr (finding->message, "SP2"));

  /* 2003 SP2 and 2007 SP1 beside 2010 SP3: 2007 needs SP2. */
  g_assert_null (fx_find_finding (fine, "SERVER_VERSION_PAIR_UNSUPPORTED", "SEA-EX01"));
  assert_fires (fine, "SERVER_VERSION_PAIR_UNSUPPORTED", "EX2007-HUB1", EXTOPO_SEVERITY_ERROR);
  g_assert_cmpuint (extopo_findings_count_id (fine, "SERVER_VERSION_PAIR_UNSUPPORTED"), ==, 1);

  /* Without 2010, Exchange 2000 SP3 beside 2007 is only the rollup note. */
  g_assert_cmpuint (extopo_findings_count_id (no_2010, "SERVER_VERSION_PAIR_UNSUPPORTED"), ==, 0);
}

static void
test_findings_version_mismatch (void)
{
  g_autoptr(ExtopoModel) model = evaluate (
    CLEAN_ORG
    LATER_SERVER_ENTRY ("ODD07", "Version 8.3 (Build 30083.6)", "1912701168", "36")
    LATER_SERVER_ENTRY ("EVEN07", "Version 8.1 (Build 30240.6)", "1912701168", "36"));
  ExtopoFinding *finding;

  assert_fires (model, "SERVER_VERSION_MISMATCH", "ODD07", EXTOPO_SEVERITY_WARNING);
  finding = fx_find_finding (model, "SERVER_VERSION_MISMATCH", "ODD07");
  g_assert_nonnull (strstr (finding->message, "8.3.83"));
  g_assert_nonnull (strstr (finding->message, "8.1.240"));
  g_assert_null (fx_find_finding (model, "SERVER_VERSION_MISMATCH", "EVEN07"));
  g_assert_null (fx_find_finding (model, "SERVER_VERSION_MISMATCH", "EX2007-HUB1"));
  /* The fixture's 2003 servers carry no versionNumber: nothing to compare. */
  g_assert_null (fx_find_finding (model, "SERVER_VERSION_MISMATCH", "SEA-EX01"));
}

/* The first rules all fire somewhere in one bad organization. */
static void
test_findings_every_id (void)
{
  g_autoptr(ExtopoModel) model = evaluate (
    FX_ORG_ENTRY ("msExchMixedMode: TRUE")
    "dn: CN=Second," FX_EXCHANGE "\nobjectClass: msExchOrganizationContainer\n\n"
    FX_AG_ENTRY ("HQ")
    FX_RG_ENTRY ("HQ", "Seattle")
    FX_RG_ENTRY ("HQ", "Zurich")
    FX_RG_ENTRY ("HQ", "Boston")
    FX_SERVER_ENTRY ("HQ", "Seattle", "SEA-EX01", FX_SERIAL_2003_SP1)
    FX_SERVER_ENTRY ("HQ", "Zurich", "ZRH-EX01", FX_SERIAL_2003_SP2)
    FX_SERVER_ENTRY ("HQ", "Boston", "BOS-EX01", FX_SERIAL_55_SP4)
    FX_SERVER_ENTRY ("HQ", "Boston", "BOS-ODD", "??")
    FX_SERVER_ENTRY_HOMED ("HQ", "LOST", FX_SERIAL_2003_SP2, FX_RG (FX_AG_2007, FX_RG_2007))
    "dn: " FX_SERVER ("HQ", "STRAY") "\nobjectClass: msExchExchangeServer\n"
    "serialNumber: " FX_SERIAL_2007_SP1 "\n\n"
    FX_INTEROP_ENTRIES
    FX_SERVER_2007_ENTRY ("EDGE", "64")
    FX_RGC_ENTRY ("HQ", "Seattle", "SEA-2007", FX_AG_2007, FX_RG_2007)
    FX_RGC_ENTRY ("HQ", "Zurich", "ZRH-2007", FX_AG_2007, FX_RG_2007)
    FX_RGC_ENTRY ("HQ", "Seattle", "SEA-GONE", "HQ", "Gone")
    SRS_ENTRY
    ADC_ENTRY);
  /* The rules of the first release; the bundled samples fire every rule
   * (/report/every-finding-fires), the shapes suite each new one. */
  static const char * const ids[] = {
    "ORG_MIXED_MODE", "ORG_SRS_PRESENT", "ORG_ADC_PRESENT", "SERVER_EXCHANGE_55",
    "SERVER_SP_BELOW_MINIMUM", "SERVER_VERSION_UNKNOWN", "SERVER_2007_OUTSIDE_INTEROP_GROUPS",
    "SERVER_LEGACY_IN_INTEROP_GROUPS", "SERVER_2007_EDGE_ROLE", "RG_NO_PATH_TO_2007",
    "CONNECTOR_ONE_WAY", "CONNECTOR_DANGLING_REFERENCE", "LINK_STATE_SUPPRESSION_ADVISED",
    "ORG_MULTIPLE_ORGANIZATIONS",
  };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_test_message ("%s", ids[i]);
      g_assert_cmpuint (extopo_findings_count_id (model, ids[i]), >, 0);
    }
}

/* The bundled sample fires what its header promises. */
static void
test_findings_coexistence_sample (void)
{
  g_autofree char *path = extopo_loader_get_default_sample ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoModel) model = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no coexistence sample");
      return;
    }

  model = extopo_loader_load_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);

  g_assert_cmpuint (extopo_model_get_servers (model)->len, ==, 19);
  g_assert_nonnull (fx_find_finding (model, "SERVER_SP_BELOW_MINIMUM", "SEA-EX03"));
  /* A subscribed Edge is a valid server. */
  g_assert_null (fx_find_finding (model, "SERVER_2007_EDGE_ROLE", "EX2007-EDGE1"));
  g_assert_true (fx_server (model, "EX2007-EDGE1")->edge_subscribed);
  g_assert_nonnull (fx_find_finding (model, "CONNECTOR_FOREIGN_GATEWAY", "Lotus Notes (Dallas)"));
  g_assert_null (fx_find_finding (model, "RG_NO_PATH_TO_2007", "Denver"));
  g_assert_nonnull (fx_find_finding (model, "RG_NO_PATH_TO_2007", "Boston"));
  g_assert_cmpuint (extopo_findings_count_id (model, "RG_NO_PATH_TO_2007"), ==, 1);
  g_assert_cmpuint (extopo_findings_count_id (model, "CONNECTOR_ONE_WAY"), ==, 1);
  g_assert_cmpuint (extopo_findings_count_id (model, "LINK_STATE_SUPPRESSION_ADVISED"), ==, 1);
  g_assert_true (fx_server (model, "EX2007-MBX2")->routing_group_by_fallback);

  for (const char * const *id = (const char * const[]) {
    "ORG_MIXED_MODE", "ORG_MODE_UNSET", "ORG_SRS_PRESENT", "ORG_ADC_PRESENT",
    "SERVER_EXCHANGE_55", "SERVER_VERSION_UNKNOWN", "SERVER_2007_OUTSIDE_INTEROP_GROUPS",
    "SERVER_LEGACY_IN_INTEROP_GROUPS", "CONNECTOR_DANGLING_REFERENCE", NULL
  };
       *id != NULL; id++)
    {
      g_test_message ("%s", *id);
      g_assert_cmpuint (extopo_findings_count_id (model, *id), ==, 0);
    }
}

static void
test_findings_mixed_mode_sample (void)
{
  g_autofree char *path = g_build_filename (SOURCE_SAMPLESDIR, "mixed-mode.ldif", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoModel) model = NULL;
  ExtopoReadiness readiness = { 0, };

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no mixed-mode sample");
      return;
    }

  model = extopo_loader_load_file (path, NULL, &error);
  g_assert_no_error (error);

  g_assert_nonnull (fx_find_finding (model, "ORG_MIXED_MODE", NULL));
  g_assert_nonnull (fx_find_finding (model, "ORG_SRS_PRESENT", NULL));
  g_assert_nonnull (fx_find_finding (model, "ORG_ADC_PRESENT", NULL));
  g_assert_nonnull (fx_find_finding (model, "SERVER_EXCHANGE_55", "LON-EX55"));
  g_assert_nonnull (fx_find_finding (model, "SERVER_SP_BELOW_MINIMUM", "FAB-EX02"));
  g_assert_nonnull (fx_find_finding (model, "SERVER_VERSION_UNKNOWN", "FAB-EX03"));
  g_assert_nonnull (fx_find_finding (model, "CONNECTOR_DANGLING_REFERENCE", "To PARIS"));
  g_assert_nonnull (fx_find_finding (model, "CONNECTOR_ONE_WAY", "To PARIS"));
  /* No Exchange 2007 yet: no path is required. */
  g_assert_cmpuint (extopo_findings_count_id (model, "RG_NO_PATH_TO_2007"), ==, 0);
  g_assert_cmpint (fx_server (model, "LON-EX55")->status, ==, EXTOPO_STATUS_UNSUPPORTED);
  g_assert_true (fx_server (model, "FAB-EX01")->has_srs);

  extopo_readiness_compute (model, &readiness);
  g_assert_cmpint (readiness.state, ==, EXTOPO_READINESS_NOT_READY);
  extopo_readiness_clear (&readiness);
}

static void
test_loader_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoModel) model = NULL;

  model = extopo_loader_load_file ("/nonexistent/extopo/missing.ldif", NULL, &error);
  g_assert_null (model);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "missing.ldif"));
}

static void
test_loader_entries (void)
{
  g_autoptr(GPtrArray) entries = fx_entries_from_text (
    CLEAN_ORG FX_SERVER_ENTRY ("HQ", "Seattle", "EX55", FX_SERIAL_55_SP4));
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoModel) model = NULL;
  g_autoptr(ExtopoModel) none = NULL;

  model = extopo_loader_load_entries (entries, "ldap://dc.example.com", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (extopo_model_get_source_name (model), ==, "ldap://dc.example.com");
  /* Findings are evaluated. */
  g_assert_cmpuint (extopo_findings_count_id (model, "SERVER_EXCHANGE_55"), ==, 1);
  g_assert_cmpint (fx_server (model, "EX55")->status, ==, EXTOPO_STATUS_UNSUPPORTED);

  none = extopo_loader_load_entries (empty, "empty", &error);
  g_assert_null (none);
  g_assert_error (error, EXTOPO_MODEL_ERROR, EXTOPO_MODEL_ERROR_NO_ORGANIZATION);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static ExtopoModel *
load_async_and_wait (const char    *path,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  extopo_loader_load_file_async (path, cancellable, load_done_cb, &result);
  while (result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (result);

  return extopo_loader_load_file_finish (result, error);
}

static void
test_loader_async (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "model", "tiny.ldif", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoModel) model = NULL;
  g_autoptr(ExtopoModel) cancelled = NULL;
  g_autoptr(ExtopoModel) missing = NULL;

  model = load_async_and_wait (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  g_assert_cmpuint (extopo_model_get_servers (model)->len, ==, 2);
  g_assert_cmpuint (extopo_findings_count_id (model, "ORG_MIXED_MODE"), ==, 1);
  g_assert_cmpstr (extopo_model_get_source_name (model), ==, path);

  missing = load_async_and_wait ("/nonexistent/extopo/missing.ldif", NULL, &error);
  g_assert_null (missing);
  g_assert_nonnull (error);
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  cancelled = load_async_and_wait (path, cancellable, &error);
  g_assert_null (cancelled);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_loader_default_sample (void)
{
  g_autofree char *tmp = g_dir_make_tmp ("extopo-samples-XXXXXX", NULL);
  g_autofree char *sample = g_build_filename (tmp, "coexistence.ldif", NULL);
  g_autofree char *old = g_strdup (g_getenv ("EXTOPO_SAMPLES_DIR"));
  g_autofree char *found = NULL;
  g_autofree char *fallback = NULL;

  g_assert_true (g_file_set_contents (sample, "version: 1\n", -1, NULL));
  g_setenv ("EXTOPO_SAMPLES_DIR", tmp, TRUE);
  found = extopo_loader_get_default_sample ();
  g_assert_cmpstr (found, ==, sample);

  /* A directory without the sample is passed over. */
  g_remove (sample);
  g_setenv ("EXTOPO_SAMPLES_DIR", tmp, TRUE);
  fallback = extopo_loader_get_default_sample ();
  g_assert_cmpstr (fallback, !=, sample);
  g_assert_true (g_str_has_suffix (fallback, "coexistence.ldif"));
  g_rmdir (tmp);

  if (old != NULL)
    g_setenv ("EXTOPO_SAMPLES_DIR", old, TRUE);
  else
    g_unsetenv ("EXTOPO_SAMPLES_DIR");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/findings/clean", test_findings_clean);
  g_test_add_func ("/findings/ids", test_findings_ids);
  g_test_add_func ("/findings/org-mode", test_findings_org_mode);
  g_test_add_func ("/findings/srs-adc", test_findings_srs_adc);
  g_test_add_func ("/findings/exchange-55", test_findings_exchange_55);
  g_test_add_func ("/findings/sp-below-minimum", test_findings_sp_below_minimum);
  g_test_add_func ("/findings/version-unknown", test_findings_version_unknown);
  g_test_add_func ("/findings/interop-groups", test_findings_interop_groups);
  g_test_add_func ("/findings/edge-role", test_findings_edge_role);
  g_test_add_func ("/findings/no-path", test_findings_no_path);
  g_test_add_func ("/findings/no-path-without-2007", test_findings_no_path_without_2007);
  g_test_add_func ("/findings/one-way", test_findings_one_way);
  g_test_add_func ("/findings/dangling", test_findings_dangling);
  g_test_add_func ("/findings/link-state", test_findings_link_state);
  g_test_add_func ("/findings/status-and-order", test_findings_status_and_order);
  g_test_add_func ("/findings/readiness", test_findings_readiness);
  g_test_add_func ("/findings/version-pair", test_findings_version_pair);
  g_test_add_func ("/findings/version-mismatch", test_findings_version_mismatch);
  g_test_add_func ("/findings/every-id", test_findings_every_id);
  g_test_add_func ("/findings/coexistence-sample", test_findings_coexistence_sample);
  g_test_add_func ("/findings/mixed-mode-sample", test_findings_mixed_mode_sample);
  g_test_add_func ("/loader/missing-file", test_loader_missing_file);
  g_test_add_func ("/loader/entries", test_loader_entries);
  /* Before any worker thread exists: it sets environment variables. */
  g_test_add_func ("/loader/default-sample", test_loader_default_sample);
  g_test_add_func ("/loader/async", test_loader_async);

  return g_test_run ();
}
