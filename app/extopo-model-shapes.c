/* extopo-model-shapes.c: the shapes real directories hold.
 *
 * Tombstones, the routing group membership backlink, objectGUIDs and the
 * connected routing groups that name them, foreign gateways and their host
 * servers, smart hosts, AD sites, Edge subscriptions, clusters and
 * provisioned servers. See "Real directories" in the project's Exchange
 * reference; every value here is read tolerantly: one that does not parse
 * is left out, never fatal.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-model"

#include "config.h"

#include <string.h>

#include "extopo-dn.h"
#include "extopo-model-private.h"

/* msExchTransportFlags: set on a server that an Edge subscription wrote. */
#define TRANSPORT_FLAG_EDGE_SYNC 0x10000
/* msExchClusterStorageType values. */
#define CLUSTER_STORAGE_CCR 1
#define CLUSTER_STORAGE_SCC 2
/* connectedDomains fields are separated by U+00A7 SECTION SIGN. */
#define CONNECTED_DOMAIN_SEPARATOR "\xc2\xa7"
#define GUID_TEXT_LENGTH 36

/* ------------------------------------------------------------------ */
/* Tombstones                                                          */

/* An RDN "CN=Deleted Objects" anywhere in the DN (compared case-insensitively,
 * on the raw spelling: a tombstone's DN needs no parse to be dropped). */
static gboolean
dn_has_deleted_objects_rdn (const char *dn)
{
  static const char rdn[] = "cn=deleted objects";
  gsize rdn_length = strlen (rdn);

  for (const char *p = dn; *p != '\0'; p++)
    {
      if (p != dn && p[-1] != ',')
        continue;
      while (*p == ' ')
        p++;
      if (g_ascii_strncasecmp (p, rdn, rdn_length) == 0)
        {
          const char *end = p + rdn_length;

          while (*end == ' ')
            end++;
          if (*end == ',' || *end == '\0')
            return TRUE;
        }
    }

  return FALSE;
}

gboolean
extopo_model_entry_is_deleted (ExtopoEntry *entry)
{
  const char *dn = extopo_entry_get_dn (entry);
  gboolean deleted = FALSE;

  if (extopo_entry_get_boolean (entry, "isDeleted", &deleted) && deleted)
    return TRUE;

  /* AD renames a deleted object to "<name>\0ADEL:<guid>": escaped in the
   * DN's text, or a real line feed once an LDIF's base64 DN is decoded. */
  if (dn == NULL)
    return FALSE;
  if (strstr (dn, "\n") != NULL && g_strstr_len (dn, -1, "DEL:") != NULL)
    return TRUE;
  for (const char *p = strchr (dn, '\\'); p != NULL; p = strchr (p + 1, '\\'))
    if (g_ascii_strncasecmp (p, "\\0ADEL:", 7) == 0)
      return TRUE;

  return dn_has_deleted_objects_rdn (dn);
}

/* ------------------------------------------------------------------ */
/* GUIDs                                                               */

static gboolean
guid_text_is_valid (const char *text)
{
  for (guint i = 0; i < GUID_TEXT_LENGTH; i++)
    {
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (text[i] != '-')
            return FALSE;
        }
      else if (!g_ascii_isxdigit (text[i]))
        return FALSE;
    }

  return TRUE;
}

/* Text that is a GUID, with or without braces, as "{...}" in lower case. */
static char *
guid_from_text (const char *text,
                gsize       length)
{
  char *guid;

  if (length == GUID_TEXT_LENGTH + 2 && text[0] == '{' && text[length - 1] == '}')
    {
      text++;
      length -= 2;
    }
  if (length != GUID_TEXT_LENGTH || !guid_text_is_valid (text))
    return NULL;

  guid = g_strdup_printf ("{%.*s}", GUID_TEXT_LENGTH, text);
  for (char *p = guid; *p != '\0'; p++)
    *p = g_ascii_tolower (*p);

  return guid;
}

char *
extopo_guid_from_value (const guint8 *data,
                        gsize         length)
{
  if (data == NULL)
    return NULL;

  /* Microsoft's text form stores the first three fields little-endian. */
  if (length == 16)
    return g_strdup_printf ("{%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                            "%02x%02x%02x%02x%02x%02x}",
                            data[3], data[2], data[1], data[0], data[5], data[4],
                            data[7], data[6], data[8], data[9], data[10], data[11],
                            data[12], data[13], data[14], data[15]);

  return guid_from_text ((const char *) data, length);
}

char *
extopo_model_entry_get_guid (ExtopoModel *self,
                             ExtopoEntry *entry)
{
  GBytes *value = extopo_entry_get_value (entry, "objectGUID", 0);   /* borrowed */
  g_autofree char *guid = NULL;
  gsize length;
  const guint8 *data;

  if (value == NULL)
    return NULL;
  data = g_bytes_get_data (value, &length);
  guid = extopo_guid_from_value (data, length);

  return extopo_model_store (self, guid);
}

/* The same 16 bytes read in plain byte order: some tools print GUIDs that
 * way. Matching both costs nothing and no two real groups collide. */
static char *
guid_from_bytes_in_order (const guint8 *data,
                          gsize         length)
{
  if (data == NULL || length != 16)
    return NULL;

  return g_strdup_printf ("{%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x}",
                          data[0], data[1], data[2], data[3], data[4], data[5],
                          data[6], data[7], data[8], data[9], data[10], data[11],
                          data[12], data[13], data[14], data[15]);
}

/* ------------------------------------------------------------------ */
/* Routing groups                                                      */

void
extopo_model_read_routing_group_shapes (ExtopoModelBuilder *builder,
                                        ExtopoRoutingGroup *group,
                                        ExtopoEntry        *entry)
{
  GBytes *guid = extopo_entry_get_value (entry, "objectGUID", 0);   /* borrowed */
  const char **members;
  guint n_members;

  if (guid != NULL)
    {
      gsize length;
      const guint8 *data = g_bytes_get_data (guid, &length);
      g_autofree char *text = extopo_guid_from_value (data, length);
      char *in_order = guid_from_bytes_in_order (data, length);

      group->guid = extopo_model_store (builder->model, text);
      if (text != NULL)
        g_hash_table_insert (builder->groups_by_guid, g_steal_pointer (&text), group);
      if (in_order != NULL && !g_hash_table_contains (builder->groups_by_guid, in_order))
        g_hash_table_insert (builder->groups_by_guid, in_order, group);
      else
        g_free (in_order);
    }

  /* Borrowed from the entry, which lives as long as the build. */
  members = extopo_entry_get_strings (entry, "msExchRoutingGroupMembersBL", &n_members);
  if (n_members > 0)
    {
      group->member_dns = g_ptr_array_sized_new (n_members);
      for (guint i = 0; i < n_members; i++)
        g_ptr_array_add (group->member_dns, (gpointer) members[i]);
    }
}

void
extopo_model_index_routing_groups (ExtopoModelBuilder *builder)
{
  GPtrArray *groups = extopo_model_get_routing_groups (builder->model);

  for (guint i = 0; i < groups->len; i++)
    {
      ExtopoRoutingGroup *group = g_ptr_array_index (groups, i);

      for (guint m = 0; group->member_dns != NULL && m < group->member_dns->len; m++)
        {
          const char *ndn = extopo_model_builder_normalize (builder,
                                                            g_ptr_array_index (group->member_dns, m));

          /* A server is in one routing group; the first group wins. */
          if (ndn != NULL && !g_hash_table_contains (builder->members, ndn))
            g_hash_table_insert (builder->members, (gpointer) ndn, group);
        }

      /* The values point into entries the model does not keep. */
      g_clear_pointer (&group->member_dns, g_ptr_array_unref);
    }
}

ExtopoRoutingGroup *
extopo_model_builder_member_of (ExtopoModelBuilder *builder,
                                ExtopoServer       *server)
{
  return g_hash_table_lookup (builder->members, server->ndn);
}

/* ------------------------------------------------------------------ */
/* Servers                                                             */

static gboolean
entry_get_flags (ExtopoEntry *entry,
                 const char  *attribute,
                 guint64     *flags)
{
  gint64 value;

  if (!extopo_entry_get_int64 (entry, attribute, &value))
    return FALSE;

  /* Flags written as signed 32-bit values wrap; take the bits as they are. */
  *flags = (guint64) value & G_MAXUINT32;
  return TRUE;
}

void
extopo_model_read_server_shapes (ExtopoModelBuilder *builder,
                                 ExtopoServer       *server,
                                 ExtopoEntry        *entry)
{
  guint64 flags;
  gint64 storage;

  /* A server made by New-ExchangeServer -Provisioned. */
  if (entry_get_flags (entry, "msExchCurrentServerRoles", &flags) &&
      extopo_roles_is_provisioned ((guint) flags))
    server->provisioned = TRUE;

  if (extopo_entry_get_int64 (entry, "msExchClusterStorageType", &storage))
    {
      if (storage == CLUSTER_STORAGE_CCR)
        server->cluster = EXTOPO_CLUSTER_CCR;
      else if (storage == CLUSTER_STORAGE_SCC)
        server->cluster = EXTOPO_CLUSTER_SCC;
    }

  /* Any of New-EdgeSubscription's marks makes the Edge a subscribed one. */
  if (extopo_entry_has_attribute (entry, "msExchEdgeSyncCredential") ||
      extopo_entry_has_attribute (entry, "msExchEdgeSyncAdamSSLPort") ||
      (entry_get_flags (entry, "msExchTransportFlags", &flags) &&
       (flags & TRANSPORT_FLAG_EDGE_SYNC) != 0))
    server->edge_subscribed = TRUE;
}

void
extopo_model_build_sites (ExtopoModelBuilder *builder)
{
  ExtopoModel *model = builder->model;
  GPtrArray *servers = extopo_model_get_servers (model);

  for (guint i = 0; i < servers->len; i++)
    {
      ExtopoServer *server = g_ptr_array_index (servers, i);
      const char *ndn;
      ExtopoSite *site;

      if (server->site_dn == NULL)
        continue;

      ndn = extopo_model_builder_normalize (builder, server->site_dn);
      if (ndn == NULL)
        continue;

      site = g_hash_table_lookup (builder->sites, ndn);
      if (site == NULL)
        {
          g_autofree char *name = extopo_dn_get_rdn_value (server->site_dn, NULL);

          site = g_new0 (ExtopoSite, 1);
          site->dn = server->site_dn;
          site->ndn = g_strdup (ndn);
          site->name = extopo_model_share (model, name != NULL ? name : server->site_dn);
          site->servers = g_ptr_array_new ();
          site->findings = g_ptr_array_new ();
          site->organization = extopo_model_object_get_organization (EXTOPO_OBJECT_SERVER,
                                                                     server);
          extopo_model_add_site (model, site);
          g_hash_table_insert (builder->sites, site->ndn, site);
        }

      if (site->organization == NULL)
        site->organization = extopo_model_object_get_organization (EXTOPO_OBJECT_SERVER,
                                                                   server);
      server->site = site;
      server->site_name = site->name;
      g_ptr_array_add (site->servers, server);
    }
}

/* ------------------------------------------------------------------ */
/* Connectors                                                          */

/* connectedDomains: organization § admin group § {routing group GUID} §
 * cost § address (read from Exchange's own routing code, not seen in an
 * Exchange 2003 export): any field that is a GUID is taken. */
static ExtopoRoutingGroup *
connected_domain_lookup (ExtopoModelBuilder *builder,
                         const char         *value)
{
  g_auto(GStrv) fields = g_strsplit (value, CONNECTED_DOMAIN_SEPARATOR, -1);

  for (guint i = 0; fields[i] != NULL; i++)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (fields[i]));
      g_autofree char *guid = guid_from_text (stripped, strlen (stripped));
      ExtopoRoutingGroup *group;

      if (guid == NULL)
        continue;
      group = g_hash_table_lookup (builder->groups_by_guid, guid);
      if (group != NULL)
        return group;
    }

  return NULL;
}

static char **
entry_dup_strings (ExtopoEntry *entry,
                   const char  *attribute)
{
  const char **values;
  guint n_values;
  char **copy;

  values = extopo_entry_get_strings (entry, attribute, &n_values);
  copy = g_new0 (char *, n_values + 1);
  for (guint i = 0; i < n_values; i++)
    copy[i] = g_strdup (values[i]);

  return copy;
}

void
extopo_model_read_connector_shapes (ExtopoModelBuilder *builder,
                                    ExtopoConnector    *connector,
                                    ExtopoEntry        *entry)
{
  ExtopoModel *model = builder->model;
  const char **domains;
  guint n_domains;
  const char *home_mta;

  domains = extopo_entry_get_strings (entry, "connectedDomains", &n_domains);
  for (guint i = 0; i < n_domains; i++)
    {
      ExtopoRoutingGroup *group = connected_domain_lookup (builder, domains[i]);

      if (group == NULL)
        connector->n_connected_unresolved++;
      else if (group != connector->source &&
               !g_ptr_array_find (connector->connected_routing_groups, group, NULL))
        g_ptr_array_add (connector->connected_routing_groups, group);
    }

  /* An SMTP or X.400 connector without a target of its own reaches its
   * connected routing groups: draw it to the first. */
  if (connector->type != EXTOPO_CONNECTOR_ROUTING_GROUP &&
      connector->target_dn == NULL &&
      connector->connected_routing_groups->len > 0)
    connector->target = g_ptr_array_index (connector->connected_routing_groups, 0);

  connector->smart_hosts = entry_dup_strings (entry, "msExchSmtpSmartHost");

  /* homeMTA names CN=Microsoft MTA,CN=<server>,...: the server hosts the
   * gateway. */
  home_mta = extopo_entry_get_string (entry, "homeMTA");
  if (home_mta != NULL && extopo_connector_type_is_foreign (connector->type))
    {
      const char *ndn = extopo_model_builder_normalize (builder, home_mta);

      connector->home_mta_dn = extopo_model_store (model, home_mta);
      connector->host_server = ndn == NULL ? NULL :
                               extopo_model_lookup_ndn (model, extopo_ndn_skip_rdns (ndn, 1),
                                                        EXTOPO_OBJECT_SERVER);
      if (connector->host_server == NULL)
        connector->host_server = extopo_model_lookup_ndn (model, ndn, EXTOPO_OBJECT_SERVER);
      if (connector->host_server == NULL)
        extopo_model_add_dangling (model, connector->dn, EXTOPO_OBJECT_CONNECTOR, connector,
                                   "homeMTA", home_mta);
    }
}
