/* extopo-report.c: the model and its findings as JSON, CSV and text.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "extopo-findings.h"
#include "extopo-report.h"

/* The JSON and CSV reports are data for scripts: product and tool names stay
 * English whatever the locale, so these mirror the names of extopo-version.c
 * without going through gettext. */
static const char *
product_name_c (ExtopoProduct product)
{
  switch (product)
    {
    case EXTOPO_PRODUCT_EXCHANGE_55:
      return "Exchange Server 5.5";
    case EXTOPO_PRODUCT_EXCHANGE_2000:
      return "Exchange 2000 Server";
    case EXTOPO_PRODUCT_EXCHANGE_2003:
      return "Exchange Server 2003";
    case EXTOPO_PRODUCT_EXCHANGE_2007:
      return "Exchange Server 2007";
    case EXTOPO_PRODUCT_EXCHANGE_2010:
      return "Exchange Server 2010";
    case EXTOPO_PRODUCT_EXCHANGE_2013:
      return "Exchange Server 2013";
    case EXTOPO_PRODUCT_EXCHANGE_2016:
      return "Exchange Server 2016";
    case EXTOPO_PRODUCT_EXCHANGE_2019:
      return "Exchange Server 2019";
    case EXTOPO_PRODUCT_EXCHANGE_SE:
      return "Exchange Server SE";
    case EXTOPO_PRODUCT_LATER:
      return "Exchange Server, a release after SE";
    case EXTOPO_PRODUCT_UNKNOWN:
    default:
      return NULL;
    }
}

static const char *
management_name_c (ExtopoManagement management)
{
  switch (management)
    {
    case EXTOPO_MANAGEMENT_EXCHANGE_ADMINISTRATOR:
      return "Exchange Administrator";
    case EXTOPO_MANAGEMENT_SYSTEM_MANAGER:
      return "Exchange System Manager";
    case EXTOPO_MANAGEMENT_MANAGEMENT_CONSOLE:
      return "Exchange Management Console / Shell";
    case EXTOPO_MANAGEMENT_ADMIN_CENTER:
      return "Exchange Admin Center / Exchange Management Shell";
    case EXTOPO_MANAGEMENT_UNKNOWN:
    default:
      return NULL;
    }
}

static const char *
object_kind_to_string (ExtopoObjectKind kind)
{
  switch (kind)
    {
    case EXTOPO_OBJECT_ORGANIZATION:
      return "organization";
    case EXTOPO_OBJECT_ADMIN_GROUP:
      return "administrative_group";
    case EXTOPO_OBJECT_ROUTING_GROUP:
      return "routing_group";
    case EXTOPO_OBJECT_SERVER:
      return "server";
    case EXTOPO_OBJECT_CONNECTOR:
      return "connector";
    case EXTOPO_OBJECT_SITE:
      return "site";
    case EXTOPO_OBJECT_NONE:
    default:
      return NULL;
    }
}

/* JSON helpers: a NULL string becomes null, never an empty string. */
static void
add_string (JsonBuilder *builder,
            const char  *key,
            const char  *value)
{
  json_builder_set_member_name (builder, key);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_bool (JsonBuilder *builder,
          const char  *key,
          gboolean     value)
{
  json_builder_set_member_name (builder, key);
  json_builder_add_boolean_value (builder, value);
}

static void
add_int_or_null (JsonBuilder *builder,
                 const char  *key,
                 gint64       value,
                 gboolean     known)
{
  json_builder_set_member_name (builder, key);
  if (known)
    json_builder_add_int_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_strv (JsonBuilder        *builder,
          const char         *key,
          const char * const *values)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
}

static void
add_string_array (JsonBuilder *builder,
                  const char  *key,
                  GPtrArray   *values)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  for (guint i = 0; values != NULL && i < values->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (values, i));
  json_builder_end_array (builder);
}

static void
add_name_list (JsonBuilder      *builder,
               const char       *key,
               GPtrArray        *objects,
               ExtopoObjectKind  kind)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  for (guint i = 0; objects != NULL && i < objects->len; i++)
    json_builder_add_string_value (builder,
                                   extopo_model_object_get_name (kind,
                                                                 g_ptr_array_index (objects, i)));
  json_builder_end_array (builder);
}

static void
add_finding_ids (JsonBuilder *builder,
                 GPtrArray   *findings)
{
  json_builder_set_member_name (builder, "findings");
  json_builder_begin_array (builder);
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      ExtopoFinding *finding = g_ptr_array_index (findings, i);

      json_builder_add_string_value (builder, finding->id);
    }
  json_builder_end_array (builder);
}

static const char *
admin_group_name (ExtopoAdminGroup *group)
{
  return group != NULL ? group->name : NULL;
}

static const char *
routing_group_name (ExtopoRoutingGroup *group)
{
  return group != NULL ? group->name : NULL;
}

/* "readiness": {"state", "prerequisites_met", "errors", "warnings"} for one
 * organization, or for the worst one when @org is NULL. */
static void
add_readiness (JsonBuilder        *builder,
               ExtopoModel        *model,
               ExtopoOrganization *org)
{
  ExtopoReadiness readiness = { 0, };

  if (org != NULL)
    extopo_readiness_compute_for_organization (model, org, &readiness);
  else
    extopo_readiness_compute (model, &readiness);

  json_builder_set_member_name (builder, "readiness");
  json_builder_begin_object (builder);
  add_string (builder, "state", extopo_readiness_state_to_string (readiness.state));
  add_bool (builder, "prerequisites_met", readiness.prerequisites_met);
  json_builder_set_member_name (builder, "errors");
  json_builder_add_int_value (builder, readiness.n_errors);
  json_builder_set_member_name (builder, "warnings");
  json_builder_add_int_value (builder, readiness.n_warnings);
  if (org == NULL)
    add_string (builder, "organization",
                readiness.organization != NULL ? readiness.organization->name : NULL);
  json_builder_end_object (builder);

  extopo_readiness_clear (&readiness);
}

static void
build_organization (JsonBuilder        *builder,
                    ExtopoModel        *model,
                    ExtopoOrganization *org)
{
  json_builder_begin_object (builder);
  add_string (builder, "name", org->name);
  add_string (builder, "dn", org->dn);
  add_string (builder, "mode", extopo_org_mode_to_string (org->mode));
  add_name_list (builder, "administrative_groups", org->admin_groups,
                 EXTOPO_OBJECT_ADMIN_GROUP);
  /* The model's arrays are not NULL-terminated: walk them by length. */
  add_string_array (builder, "site_replication_services", org->srs_dns);
  add_string_array (builder, "connection_agreements", org->adc_dns);
  add_readiness (builder, model, org);
  add_finding_ids (builder, org->findings);
  json_builder_end_object (builder);
}

static void
build_admin_group (JsonBuilder      *builder,
                   ExtopoModel      *model,
                   ExtopoAdminGroup *group)
{
  json_builder_begin_object (builder);
  add_string (builder, "name", group->name);
  add_string (builder, "dn", group->dn);
  add_string (builder, "organization",
              group->organization != NULL ? group->organization->name : NULL);
  add_bool (builder, "interop", group->interop);
  add_int_or_null (builder, "mode", group->mode, group->mode >= 0);
  add_bool (builder, "default", group->is_default);
  add_name_list (builder, "routing_groups", group->routing_groups, EXTOPO_OBJECT_ROUTING_GROUP);
  add_name_list (builder, "servers", group->servers, EXTOPO_OBJECT_SERVER);
  add_finding_ids (builder, group->findings);
  json_builder_end_object (builder);
}

static void
build_routing_group (JsonBuilder        *builder,
                     ExtopoModel        *model,
                     ExtopoRoutingGroup *group)
{
  json_builder_begin_object (builder);
  add_string (builder, "name", group->name);
  add_string (builder, "dn", group->dn);
  add_string (builder, "administrative_group", admin_group_name (group->admin_group));
  add_bool (builder, "interop", group->interop);
  add_string (builder, "master", group->master != NULL ? group->master->name : NULL);
  add_string (builder, "guid", group->guid);
  add_name_list (builder, "servers", group->servers, EXTOPO_OBJECT_SERVER);
  add_name_list (builder, "connectors", group->connectors, EXTOPO_OBJECT_CONNECTOR);
  add_finding_ids (builder, group->findings);
  json_builder_end_object (builder);
}

static void
build_server (JsonBuilder  *builder,
              ExtopoModel  *model,
              ExtopoServer *server)
{
  g_autofree char *version = extopo_version_to_string (&server->version);
  g_auto(GStrv) roles = extopo_roles_to_strv (server->roles);

  json_builder_begin_object (builder);
  add_string (builder, "name", server->name);
  add_string (builder, "dn", server->dn);
  add_string (builder, "fqdn", server->fqdn);
  add_string (builder, "administrative_group", admin_group_name (server->admin_group));
  add_string (builder, "routing_group", routing_group_name (server->routing_group));
  add_bool (builder, "routing_group_by_fallback", server->routing_group_by_fallback);
  add_bool (builder, "routing_group_by_backlink", server->routing_group_by_backlink);
  add_string (builder, "product", product_name_c (server->version.product));
  add_string (builder, "version", version);
  add_int_or_null (builder, "service_pack", server->version.service_pack,
                   server->version.known && server->version.service_pack >= 0);
  add_string (builder, "serial_number", server->serial_number);
  add_string (builder, "version_number", server->version_number);
  add_strv (builder, "roles", (const char * const *) roles);
  add_string (builder, "managed_with", management_name_c (server->management));
  json_builder_set_member_name (builder, "front_end");
  if (server->server_role >= 0)
    json_builder_add_boolean_value (builder, server->server_role == 1);
  else
    json_builder_add_null_value (builder);
  add_string (builder, "site", server->site_name);
  add_string (builder, "site_dn", server->site_dn);
  add_string (builder, "cluster", extopo_cluster_type_to_string (server->cluster));
  add_bool (builder, "edge_subscribed", server->edge_subscribed);
  add_bool (builder, "provisioned", server->provisioned);
  add_string (builder, "legacy_exchange_dn", server->legacy_dn);
  add_bool (builder, "site_replication_service", server->has_srs);
  add_string (builder, "status", extopo_status_to_string (server->status));
  add_finding_ids (builder, server->findings);
  json_builder_end_object (builder);
}

static void
build_connector (JsonBuilder     *builder,
                 ExtopoModel     *model,
                 ExtopoConnector *connector)
{
  json_builder_begin_object (builder);
  add_string (builder, "name", connector->name);
  add_string (builder, "dn", connector->dn);
  add_string (builder, "type", extopo_connector_type_to_string (connector->type));
  add_string (builder, "object_class", connector->object_class);
  add_string (builder, "source_routing_group", routing_group_name (connector->source));
  add_string (builder, "target_routing_group", routing_group_name (connector->target));
  add_string (builder, "target_dn", connector->target_dn);
  json_builder_set_member_name (builder, "cost");
  json_builder_add_int_value (builder, connector->cost);
  add_bool (builder, "two_way", connector->reciprocal != NULL);
  add_string (builder, "reciprocal",
              connector->reciprocal != NULL ? connector->reciprocal->dn : NULL);
  add_name_list (builder, "bridgeheads", connector->source_bridgeheads, EXTOPO_OBJECT_SERVER);
  add_name_list (builder, "target_bridgeheads", connector->target_bridgeheads,
                 EXTOPO_OBJECT_SERVER);
  add_strv (builder, "address_spaces", (const char * const *) connector->address_spaces);
  add_name_list (builder, "connected_routing_groups", connector->connected_routing_groups,
                 EXTOPO_OBJECT_ROUTING_GROUP);
  add_strv (builder, "smart_hosts", (const char * const *) connector->smart_hosts);
  add_string (builder, "host_server",
              connector->host_server != NULL ? connector->host_server->name : NULL);
  add_string (builder, "home_mta", connector->home_mta_dn);
  add_finding_ids (builder, connector->findings);
  json_builder_end_object (builder);
}

static void
build_site (JsonBuilder *builder,
            ExtopoModel *model,
            ExtopoSite  *site)
{
  json_builder_begin_object (builder);
  add_string (builder, "name", site->name);
  add_string (builder, "dn", site->dn);
  add_string (builder, "organization",
              site->organization != NULL ? site->organization->name : NULL);
  add_name_list (builder, "servers", site->servers, EXTOPO_OBJECT_SERVER);
  add_finding_ids (builder, site->findings);
  json_builder_end_object (builder);
}

static void
build_dangling_ref (JsonBuilder       *builder,
                    ExtopoModel       *model,
                    ExtopoDanglingRef *ref)
{
  json_builder_begin_object (builder);
  add_string (builder, "subject_dn", ref->subject_dn);
  add_string (builder, "subject_kind", object_kind_to_string (ref->subject_kind));
  add_string (builder, "attribute", ref->attribute);
  add_string (builder, "target_dn", ref->target_dn);
  json_builder_end_object (builder);
}

static void
build_finding (JsonBuilder   *builder,
               ExtopoModel   *model,
               ExtopoFinding *finding)
{
  json_builder_begin_object (builder);
  add_string (builder, "id", finding->id);
  add_string (builder, "severity", extopo_severity_to_string (finding->severity));
  add_string (builder, "subject_kind", object_kind_to_string (finding->subject_kind));
  add_string (builder, "subject",
              finding->subject != NULL
              ? extopo_model_object_get_name (finding->subject_kind, finding->subject)
              : NULL);
  add_string (builder, "subject_dn", finding->subject_dn);
  add_string (builder, "message", finding->message);
  add_string (builder, "remedy", finding->remedy);
  add_bool (builder, "secondary_source", finding->secondary_source);
  json_builder_end_object (builder);
}

/* Groups need the model to collect the findings about them; the others
 * ignore it. */
typedef void (*BuildFunc) (JsonBuilder *builder,
                           ExtopoModel *model,
                           gpointer     object);

static void
add_object_array (JsonBuilder *builder,
                  ExtopoModel *model,
                  const char  *key,
                  GPtrArray   *objects,
                  BuildFunc    build)
{
  json_builder_set_member_name (builder, key);
  json_builder_begin_array (builder);
  for (guint i = 0; objects != NULL && i < objects->len; i++)
    build (builder, model, g_ptr_array_index (objects, i));
  json_builder_end_array (builder);
}

typedef GPtrArray *(*GetObjectsFunc) (ExtopoModel *model);

/* The report's arrays, in the order they are written. */
static const struct
{
  const char     *key;
  GetObjectsFunc  get_objects;
  BuildFunc       build;
} report_sections[] = {
  { "organizations", extopo_model_get_organizations, (BuildFunc) build_organization },
  { "administrative_groups", extopo_model_get_admin_groups, (BuildFunc) build_admin_group },
  { "routing_groups", extopo_model_get_routing_groups, (BuildFunc) build_routing_group },
  { "servers", extopo_model_get_servers, (BuildFunc) build_server },
  { "connectors", extopo_model_get_connectors, (BuildFunc) build_connector },
  { "sites", extopo_model_get_sites, (BuildFunc) build_site },
  { "dangling_references", extopo_model_get_dangling_refs, (BuildFunc) build_dangling_ref },
  { "findings", extopo_model_get_findings, (BuildFunc) build_finding },
};

JsonNode *
extopo_report_build_json (ExtopoModel *model)
{
  g_autoptr(JsonBuilder) builder = NULL;
  ExtopoReadiness readiness = { 0, };

  g_return_val_if_fail (EXTOPO_IS_MODEL (model), NULL);

  builder = json_builder_new ();
  json_builder_begin_object (builder);
  add_string (builder, "generator", PACKAGE_NAME " " PACKAGE_VERSION);
  add_string (builder, "source", extopo_model_get_source_name (model));

  json_builder_set_member_name (builder, "source_summary");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "entries");
  json_builder_add_int_value (builder, extopo_model_get_n_entries (model));
  json_builder_set_member_name (builder, "deleted_entries_skipped");
  json_builder_add_int_value (builder, extopo_model_get_n_deleted_skipped (model));
  json_builder_end_object (builder);

  /* True only for "ready": prerequisites met and no error left. */
  extopo_readiness_compute (model, &readiness);
  add_bool (builder, "ready_for_exchange_2007", readiness.state == EXTOPO_READINESS_READY);
  extopo_readiness_clear (&readiness);
  add_readiness (builder, model, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (report_sections); i++)
    add_object_array (builder, model, report_sections[i].key,
                      report_sections[i].get_objects (model), report_sections[i].build);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
extopo_report_to_json (ExtopoModel *model)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (EXTOPO_IS_MODEL (model), NULL);

  root = extopo_report_build_json (model);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);

  /* A text file ends with a newline. */
  return g_strconcat (text, "\n", NULL);
}

/* RFC 4180: quote a field holding a comma, a quote or a line break, and
 * double the quotes inside. A spreadsheet runs a cell that starts like a
 * formula: as OWASP's "CSV Injection" advises, such a cell gets a leading
 * single quote and is quoted. */
static void
csv_append_field (GString    *csv,
                  const char *value,
                  gboolean    first)
{
  gboolean formula;

  if (!first)
    g_string_append_c (csv, ',');
  if (value == NULL)
    return;

  formula = value[0] != '\0' && strchr ("=+-@\t\r", value[0]) != NULL;
  if (!formula && strpbrk (value, ",\"\r\n") == NULL)
    {
      g_string_append (csv, value);
      return;
    }

  g_string_append_c (csv, '"');
  if (formula)
    g_string_append_c (csv, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (csv, '"');
      g_string_append_c (csv, *p);
    }
  g_string_append_c (csv, '"');
}

static const char * const csv_columns[] = {
  "name", "fqdn", "administrative_group", "routing_group", "product", "version",
  "service_pack", "roles", "managed_with", "site", "cluster", "edge_subscribed",
  "provisioned", "status", "findings", "dn",
};

char *
extopo_report_to_csv (ExtopoModel *model)
{
  GString *csv;
  GPtrArray *servers;

  g_return_val_if_fail (EXTOPO_IS_MODEL (model), NULL);

  csv = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (csv_columns); i++)
    csv_append_field (csv, csv_columns[i], i == 0);
  g_string_append (csv, "\r\n");

  servers = extopo_model_get_servers (model);
  for (guint i = 0; i < servers->len; i++)
    {
      ExtopoServer *server = g_ptr_array_index (servers, i);
      g_autofree char *version = extopo_version_to_string (&server->version);
      g_autofree char *service_pack = NULL;
      g_auto(GStrv) roles = extopo_roles_to_strv (server->roles);
      g_autofree char *roles_text = g_strjoinv (";", roles);
      g_autoptr(GString) ids = g_string_new (NULL);

      if (server->version.known && server->version.service_pack >= 0)
        service_pack = g_strdup_printf ("%d", server->version.service_pack);
      for (guint j = 0; server->findings != NULL && j < server->findings->len; j++)
        {
          ExtopoFinding *finding = g_ptr_array_index (server->findings, j);

          if (j > 0)
            g_string_append_c (ids, ';');
          g_string_append (ids, finding->id);
        }

      csv_append_field (csv, server->name, TRUE);
      csv_append_field (csv, server->fqdn, FALSE);
      csv_append_field (csv, admin_group_name (server->admin_group), FALSE);
      csv_append_field (csv, routing_group_name (server->routing_group), FALSE);
      csv_append_field (csv, product_name_c (server->version.product), FALSE);
      csv_append_field (csv, version, FALSE);
      csv_append_field (csv, service_pack, FALSE);
      csv_append_field (csv, roles_text, FALSE);
      csv_append_field (csv, management_name_c (server->management), FALSE);
      csv_append_field (csv, server->site_name, FALSE);
      csv_append_field (csv, extopo_cluster_type_to_string (server->cluster), FALSE);
      csv_append_field (csv, server->edge_subscribed ? "true" : "false", FALSE);
      csv_append_field (csv, server->provisioned ? "true" : "false", FALSE);
      csv_append_field (csv, extopo_status_to_string (server->status), FALSE);
      csv_append_field (csv, ids->str, FALSE);
      csv_append_field (csv, server->dn, FALSE);
      g_string_append (csv, "\r\n");
    }

  return g_string_free (csv, FALSE);
}

static const char *
severity_heading (ExtopoSeverity severity)
{
  switch (severity)
    {
    case EXTOPO_SEVERITY_ERROR:
      return _("Errors");
    case EXTOPO_SEVERITY_WARNING:
      return _("Warnings");
    case EXTOPO_SEVERITY_INFO:
    default:
      return _("Information");
    }
}

char *
extopo_report_findings_text (ExtopoModel *model)
{
  static const ExtopoSeverity order[] = {
    EXTOPO_SEVERITY_ERROR, EXTOPO_SEVERITY_WARNING, EXTOPO_SEVERITY_INFO,
  };
  GString *text;
  GPtrArray *findings;
  ExtopoReadiness readiness = { 0, };

  g_return_val_if_fail (EXTOPO_IS_MODEL (model), NULL);

  text = g_string_new (NULL);
  findings = extopo_model_get_findings (model);

  /* Translators: %s is the file or server the organization was read from. */
  g_string_append_printf (text, _("Source: %s"), extopo_model_get_source_name (model));
  g_string_append_c (text, '\n');
  if (extopo_model_get_n_deleted_skipped (model) > 0)
    {
      guint n = extopo_model_get_n_deleted_skipped (model);

      g_string_append_printf (text, ngettext ("%u deleted object (tombstone) in the source was "
                                              "left out.",
                                              "%u deleted objects (tombstones) in the source were "
                                              "left out.", n), n);
      g_string_append_c (text, '\n');
    }
  extopo_readiness_compute (model, &readiness);
  if (readiness.summary != NULL)
    g_string_append_printf (text, "%s\n", readiness.summary);
  extopo_readiness_clear (&readiness);

  if (findings == NULL || findings->len == 0)
    {
      g_string_append_printf (text, "\n%s\n", _("No findings."));
      return g_string_free (text, FALSE);
    }

  for (guint s = 0; s < G_N_ELEMENTS (order); s++)
    {
      guint n = 0;

      for (guint i = 0; i < findings->len; i++)
        {
          ExtopoFinding *finding = g_ptr_array_index (findings, i);
          const char *object = NULL;

          if (finding->severity != order[s])
            continue;

          if (n++ == 0)
            g_string_append_printf (text, "\n%s\n", severity_heading (order[s]));

          if (finding->subject != NULL)
            object = extopo_model_object_get_name (finding->subject_kind, finding->subject);
          if (object == NULL)
            object = finding->subject_dn;

          g_string_append_printf (text, "  [%s] %s\n", finding->id,
                                  object != NULL ? object : "");
          if (finding->subject_dn != NULL && g_strcmp0 (object, finding->subject_dn) != 0)
            g_string_append_printf (text, "      %s\n", finding->subject_dn);
          g_string_append_printf (text, "      %s\n", finding->message);
          if (finding->remedy != NULL)
            /* Translators: the fix for a finding follows. */
            g_string_append_printf (text, "      %s %s\n", _("Fix:"), finding->remedy);
          if (finding->secondary_source)
            g_string_append_printf (text, "      %s\n",
                                    _("(This rule rests on a secondary source.)"));
        }
    }

  return g_string_free (text, FALSE);
}
