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
#include "extopo-json-writer.h"
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
add_string (ExtopoJsonWriter *writer,
            const char       *key,
            const char       *value)
{
  extopo_json_writer_member (writer, key);
  if (value != NULL)
    extopo_json_writer_string (writer, value);
  else
    extopo_json_writer_null (writer);
}

static void
add_bool (ExtopoJsonWriter *writer,
          const char       *key,
          gboolean          value)
{
  extopo_json_writer_member (writer, key);
  extopo_json_writer_bool (writer, value);
}

static void
add_int_or_null (ExtopoJsonWriter *writer,
                 const char       *key,
                 gint64            value,
                 gboolean          known)
{
  extopo_json_writer_member (writer, key);
  if (known)
    extopo_json_writer_int (writer, value);
  else
    extopo_json_writer_null (writer);
}

static void
add_strv (ExtopoJsonWriter   *writer,
          const char         *key,
          const char * const *values)
{
  extopo_json_writer_member (writer, key);
  extopo_json_writer_begin_array (writer);
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    extopo_json_writer_string (writer, values[i]);
  extopo_json_writer_end_array (writer);
}

static void
add_string_array (ExtopoJsonWriter *writer,
                  const char       *key,
                  GPtrArray        *values)
{
  extopo_json_writer_member (writer, key);
  extopo_json_writer_begin_array (writer);
  for (guint i = 0; values != NULL && i < values->len; i++)
    extopo_json_writer_string (writer, g_ptr_array_index (values, i));
  extopo_json_writer_end_array (writer);
}

static void
add_name_list (ExtopoJsonWriter *writer,
               const char       *key,
               GPtrArray        *objects,
               ExtopoObjectKind  kind)
{
  extopo_json_writer_member (writer, key);
  extopo_json_writer_begin_array (writer);
  for (guint i = 0; objects != NULL && i < objects->len; i++)
    extopo_json_writer_string (writer,
                               extopo_model_object_get_name (kind,
                                                             g_ptr_array_index (objects, i)));
  extopo_json_writer_end_array (writer);
}

static void
add_finding_ids (ExtopoJsonWriter *writer,
                 GPtrArray        *findings)
{
  extopo_json_writer_member (writer, "findings");
  extopo_json_writer_begin_array (writer);
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      ExtopoFinding *finding = g_ptr_array_index (findings, i);

      extopo_json_writer_string (writer, finding->id);
    }
  extopo_json_writer_end_array (writer);
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
add_readiness (ExtopoJsonWriter   *writer,
               ExtopoModel        *model,
               ExtopoOrganization *org)
{
  ExtopoReadiness readiness = { 0, };

  if (org != NULL)
    extopo_readiness_compute_for_organization (model, org, &readiness);
  else
    extopo_readiness_compute (model, &readiness);

  extopo_json_writer_member (writer, "readiness");
  extopo_json_writer_begin_object (writer);
  add_string (writer, "state", extopo_readiness_state_to_string (readiness.state));
  add_bool (writer, "prerequisites_met", readiness.prerequisites_met);
  extopo_json_writer_member (writer, "errors");
  extopo_json_writer_int (writer, readiness.n_errors);
  extopo_json_writer_member (writer, "warnings");
  extopo_json_writer_int (writer, readiness.n_warnings);
  if (org == NULL)
    add_string (writer, "organization",
                readiness.organization != NULL ? readiness.organization->name : NULL);
  extopo_json_writer_end_object (writer);

  extopo_readiness_clear (&readiness);
}

static void
build_organization (ExtopoJsonWriter   *writer,
                    ExtopoModel        *model,
                    ExtopoOrganization *org)
{
  extopo_json_writer_begin_object (writer);
  add_string (writer, "name", org->name);
  add_string (writer, "dn", org->dn);
  add_string (writer, "mode", extopo_org_mode_to_string (org->mode));
  add_name_list (writer, "administrative_groups", org->admin_groups,
                 EXTOPO_OBJECT_ADMIN_GROUP);
  /* The model's arrays are not NULL-terminated: walk them by length. */
  add_string_array (writer, "site_replication_services", org->srs_dns);
  add_string_array (writer, "connection_agreements", org->adc_dns);
  add_readiness (writer, model, org);
  add_finding_ids (writer, org->findings);
  extopo_json_writer_end_object (writer);
}

static void
build_admin_group (ExtopoJsonWriter *writer,
                   ExtopoModel      *model,
                   ExtopoAdminGroup *group)
{
  extopo_json_writer_begin_object (writer);
  add_string (writer, "name", group->name);
  add_string (writer, "dn", group->dn);
  add_string (writer, "organization",
              group->organization != NULL ? group->organization->name : NULL);
  add_bool (writer, "interop", group->interop);
  add_int_or_null (writer, "mode", group->mode, group->mode >= 0);
  add_bool (writer, "default", group->is_default);
  add_name_list (writer, "routing_groups", group->routing_groups, EXTOPO_OBJECT_ROUTING_GROUP);
  add_name_list (writer, "servers", group->servers, EXTOPO_OBJECT_SERVER);
  add_finding_ids (writer, group->findings);
  extopo_json_writer_end_object (writer);
}

static void
build_routing_group (ExtopoJsonWriter   *writer,
                     ExtopoModel        *model,
                     ExtopoRoutingGroup *group)
{
  extopo_json_writer_begin_object (writer);
  add_string (writer, "name", group->name);
  add_string (writer, "dn", group->dn);
  add_string (writer, "administrative_group", admin_group_name (group->admin_group));
  add_bool (writer, "interop", group->interop);
  add_string (writer, "master", group->master != NULL ? group->master->name : NULL);
  add_string (writer, "guid", group->guid);
  add_name_list (writer, "servers", group->servers, EXTOPO_OBJECT_SERVER);
  add_name_list (writer, "connectors", group->connectors, EXTOPO_OBJECT_CONNECTOR);
  add_finding_ids (writer, group->findings);
  extopo_json_writer_end_object (writer);
}

static void
build_server (ExtopoJsonWriter *writer,
              ExtopoModel      *model,
              ExtopoServer     *server)
{
  g_autofree char *version = extopo_version_to_string (&server->version);
  g_auto(GStrv) roles = extopo_roles_to_strv (server->roles);

  extopo_json_writer_begin_object (writer);
  add_string (writer, "name", server->name);
  add_string (writer, "dn", server->dn);
  add_string (writer, "fqdn", server->fqdn);
  add_string (writer, "administrative_group", admin_group_name (server->admin_group));
  add_string (writer, "routing_group", routing_group_name (server->routing_group));
  add_bool (writer, "routing_group_by_fallback", server->routing_group_by_fallback);
  add_bool (writer, "routing_group_by_backlink", server->routing_group_by_backlink);
  add_string (writer, "product", product_name_c (server->version.product));
  add_string (writer, "version", version);
  add_int_or_null (writer, "service_pack", server->version.service_pack,
                   server->version.known && server->version.service_pack >= 0);
  add_string (writer, "serial_number", server->serial_number);
  add_string (writer, "version_number", server->version_number);
  add_strv (writer, "roles", (const char * const *) roles);
  add_string (writer, "managed_with", management_name_c (server->management));
  extopo_json_writer_member (writer, "front_end");
  if (server->server_role >= 0)
    extopo_json_writer_bool (writer, server->server_role == 1);
  else
    extopo_json_writer_null (writer);
  add_string (writer, "site", server->site_name);
  add_string (writer, "site_dn", server->site_dn);
  add_string (writer, "cluster", extopo_cluster_type_to_string (server->cluster));
  add_bool (writer, "edge_subscribed", server->edge_subscribed);
  add_bool (writer, "provisioned", server->provisioned);
  add_string (writer, "legacy_exchange_dn", server->legacy_dn);
  add_bool (writer, "site_replication_service", server->has_srs);
  add_string (writer, "status", extopo_status_to_string (server->status));
  add_finding_ids (writer, server->findings);
  extopo_json_writer_end_object (writer);
}

static void
build_connector (ExtopoJsonWriter *writer,
                 ExtopoModel      *model,
                 ExtopoConnector  *connector)
{
  extopo_json_writer_begin_object (writer);
  add_string (writer, "name", connector->name);
  add_string (writer, "dn", connector->dn);
  add_string (writer, "type", extopo_connector_type_to_string (connector->type));
  add_string (writer, "object_class", connector->object_class);
  add_string (writer, "source_routing_group", routing_group_name (connector->source));
  add_string (writer, "target_routing_group", routing_group_name (connector->target));
  add_string (writer, "target_dn", connector->target_dn);
  extopo_json_writer_member (writer, "cost");
  extopo_json_writer_int (writer, connector->cost);
  add_bool (writer, "two_way", connector->reciprocal != NULL);
  add_string (writer, "reciprocal",
              connector->reciprocal != NULL ? connector->reciprocal->dn : NULL);
  add_name_list (writer, "bridgeheads", connector->source_bridgeheads, EXTOPO_OBJECT_SERVER);
  add_name_list (writer, "target_bridgeheads", connector->target_bridgeheads,
                 EXTOPO_OBJECT_SERVER);
  add_strv (writer, "address_spaces", (const char * const *) connector->address_spaces);
  add_name_list (writer, "connected_routing_groups", connector->connected_routing_groups,
                 EXTOPO_OBJECT_ROUTING_GROUP);
  add_strv (writer, "smart_hosts", (const char * const *) connector->smart_hosts);
  add_string (writer, "host_server",
              connector->host_server != NULL ? connector->host_server->name : NULL);
  add_string (writer, "home_mta", connector->home_mta_dn);
  add_finding_ids (writer, connector->findings);
  extopo_json_writer_end_object (writer);
}

static void
build_site (ExtopoJsonWriter *writer,
            ExtopoModel      *model,
            ExtopoSite       *site)
{
  extopo_json_writer_begin_object (writer);
  add_string (writer, "name", site->name);
  add_string (writer, "dn", site->dn);
  add_string (writer, "organization",
              site->organization != NULL ? site->organization->name : NULL);
  add_name_list (writer, "servers", site->servers, EXTOPO_OBJECT_SERVER);
  add_finding_ids (writer, site->findings);
  extopo_json_writer_end_object (writer);
}

static void
build_dangling_ref (ExtopoJsonWriter  *writer,
                    ExtopoModel       *model,
                    ExtopoDanglingRef *ref)
{
  extopo_json_writer_begin_object (writer);
  add_string (writer, "subject_dn", ref->subject_dn);
  add_string (writer, "subject_kind", object_kind_to_string (ref->subject_kind));
  add_string (writer, "attribute", ref->attribute);
  add_string (writer, "target_dn", ref->target_dn);
  extopo_json_writer_end_object (writer);
}

static void
build_finding (ExtopoJsonWriter *writer,
               ExtopoModel      *model,
               ExtopoFinding    *finding)
{
  extopo_json_writer_begin_object (writer);
  add_string (writer, "id", finding->id);
  add_string (writer, "severity", extopo_severity_to_string (finding->severity));
  add_string (writer, "subject_kind", object_kind_to_string (finding->subject_kind));
  add_string (writer, "subject",
              finding->subject != NULL
              ? extopo_model_object_get_name (finding->subject_kind, finding->subject)
              : NULL);
  add_string (writer, "subject_dn", finding->subject_dn);
  add_string (writer, "message", finding->message);
  add_string (writer, "remedy", finding->remedy);
  add_bool (writer, "secondary_source", finding->secondary_source);
  extopo_json_writer_end_object (writer);
}

/* Groups need the model to collect the findings about them; the others
 * ignore it. */
typedef void (*BuildFunc) (ExtopoJsonWriter *writer,
                           ExtopoModel *model,
                           gpointer     object);

static void
add_object_array (ExtopoJsonWriter *writer,
                  ExtopoModel      *model,
                  const char       *key,
                  GPtrArray        *objects,
                  BuildFunc         build)
{
  extopo_json_writer_member (writer, key);
  extopo_json_writer_begin_array (writer);
  for (guint i = 0; objects != NULL && i < objects->len; i++)
    build (writer, model, g_ptr_array_index (objects, i));
  extopo_json_writer_end_array (writer);
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

static void
write_report (ExtopoJsonWriter  *writer,
              ExtopoModel       *model,
              ExtopoReportFlags  flags)
{
  ExtopoReadiness readiness = { 0, };

  extopo_json_writer_begin_object (writer);
  add_string (writer, "generator", PACKAGE_NAME " " PACKAGE_VERSION);
  add_string (writer, "source", (flags & EXTOPO_REPORT_SHOW_SOURCE) != 0
                                ? extopo_model_get_source_name (model) : NULL);

  extopo_json_writer_member (writer, "source_summary");
  extopo_json_writer_begin_object (writer);
  extopo_json_writer_member (writer, "entries");
  extopo_json_writer_int (writer, extopo_model_get_n_entries (model));
  extopo_json_writer_member (writer, "deleted_entries_skipped");
  extopo_json_writer_int (writer, extopo_model_get_n_deleted_skipped (model));
  extopo_json_writer_end_object (writer);

  /* True only for "ready": prerequisites met and no error left. */
  extopo_readiness_compute (model, &readiness);
  add_bool (writer, "ready_for_exchange_2007", readiness.state == EXTOPO_READINESS_READY);
  extopo_readiness_clear (&readiness);
  add_readiness (writer, model, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (report_sections); i++)
    add_object_array (writer, model, report_sections[i].key,
                      report_sections[i].get_objects (model), report_sections[i].build);
  extopo_json_writer_end_object (writer);
}

JsonNode *
extopo_report_build_json (ExtopoModel *model)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (EXTOPO_IS_MODEL (model), NULL);

  text = extopo_report_to_json (model);
  if (!json_parser_load_from_data (parser, text, -1, &error))
    g_error ("The report is not JSON: %s", error->message);

  return json_node_ref (json_parser_get_root (parser));
}

char *
extopo_report_to_json (ExtopoModel *model)
{
  ExtopoJsonWriter *writer;

  g_return_val_if_fail (EXTOPO_IS_MODEL (model), NULL);

  writer = extopo_json_writer_new (NULL);
  write_report (writer, model, EXTOPO_REPORT_SHOW_SOURCE);

  return extopo_json_writer_finish (writer, NULL);
}

gboolean
extopo_report_write_json (ExtopoModel       *model,
                          ExtopoReportFlags  flags,
                          FILE              *stream)
{
  ExtopoJsonWriter *writer;
  gboolean ok;

  g_return_val_if_fail (EXTOPO_IS_MODEL (model), FALSE);
  g_return_val_if_fail (stream != NULL, FALSE);

  writer = extopo_json_writer_new (stream);
  write_report (writer, model, flags);
  extopo_json_writer_finish (writer, &ok);

  return ok;
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

void
extopo_report_csv_append_field (GString    *csv,
                                const char *value,
                                gboolean    first)
{
  g_return_if_fail (csv != NULL);

  csv_append_field (csv, value, first);
}

static const char * const csv_columns[] = {
  "name", "fqdn", "administrative_group", "routing_group", "product", "version",
  "service_pack", "roles", "managed_with", "site", "cluster", "edge_subscribed",
  "provisioned", "status", "findings", "dn",
};

/* Hands what @csv holds to @stream, if any, once it is big enough or
 * @last; FALSE when a write failed. */
static gboolean
csv_flush (GString  *csv,
           FILE     *stream,
           gboolean  last)
{
  gboolean ok = TRUE;

  if (stream == NULL || (!last && csv->len < (1 << 20)))
    return TRUE;
  if (csv->len > 0)
    ok = fwrite (csv->str, 1, csv->len, stream) == csv->len;
  g_string_truncate (csv, 0);

  return ok;
}

static gboolean
write_csv (ExtopoModel *model,
           GString     *csv,
           FILE        *stream)
{
  GPtrArray *servers;
  gboolean ok = TRUE;

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
      ok = csv_flush (csv, stream, FALSE) && ok;
    }

  return csv_flush (csv, stream, TRUE) && ok;
}

char *
extopo_report_to_csv (ExtopoModel *model)
{
  GString *csv;

  g_return_val_if_fail (EXTOPO_IS_MODEL (model), NULL);

  csv = g_string_new (NULL);
  write_csv (model, csv, NULL);

  return g_string_free (csv, FALSE);
}

gboolean
extopo_report_write_csv (ExtopoModel *model,
                         FILE        *stream)
{
  g_autoptr(GString) csv = NULL;

  g_return_val_if_fail (EXTOPO_IS_MODEL (model), FALSE);
  g_return_val_if_fail (stream != NULL, FALSE);

  csv = g_string_sized_new ((1 << 20) + 4096);

  return write_csv (model, csv, stream);
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
