/* extopo-anonymize.c: an organization with pseudonyms for its names.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-anonymize"

#include "config.h"

#include <string.h>

#include "extopo-anonymize.h"
#include "extopo-dn.h"
#include "extopo-model-private.h"

/* Names that are Exchange's or Active Directory's, not the customer's. */
static const char * const kept_names[] = {
  EXTOPO_INTEROP_ADMIN_GROUP_NAME, EXTOPO_INTEROP_ROUTING_GROUP_NAME,
  "First Administrative Group", "First Routing Group", "Microsoft Exchange", "Services",
  "Configuration", "Administrative Groups", "Routing Groups", "Servers", "Connections",
  "Sites", "Microsoft Exchange System Objects", "Active Directory Connections",
  "Default-First-Site-Name", "Protocols", "SMTP", "X400", "InformationStore",
  "Microsoft MTA", "Exchange Routing Group", "Exchange Administrative Group",
  "Exchange Server", "Site Replication Service", "Schema", "Default", "Legacy",
};

typedef struct
{
  ExtopoModel *model;
  /* Case-folded real name -> pseudonym, per kind of name. */
  GHashTable  *names;
  GHashTable  *hosts;
  GHashTable  *domains;
  GHashTable  *words;   /* any other value: X.400 parts, unknown RDNs */
  guint        n_organizations;
  guint        n_admin_groups;
  guint        n_routing_groups;
  guint        n_servers;
  guint        n_connectors;
  guint        n_sites;
  guint        n_guids;
} Anonymizer;

static gboolean
is_kept (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (kept_names); i++)
    if (g_ascii_strcasecmp (name, kept_names[i]) == 0)
      return TRUE;

  return FALSE;
}

static char *
fold (const char *text)
{
  return g_utf8_casefold (text, -1);
}

/* The pseudonym of @real in @table, made of @format's prefix, the next
 * number (at least three digits after "SERVER-") and its suffix, the
 * first time it is seen. @format holds one "%u". */
static const char *
pseudonym (GHashTable *table,
           const char *real,
           const char *format,
           guint      *counter)
{
  g_autofree char *key = fold (real);
  const char *known = g_hash_table_lookup (table, key);
  const char *mark = strstr (format, "%u");
  int digits = g_str_has_prefix (format, "SERVER-") ? 3 : 1;
  char *made;

  if (known != NULL)
    return known;

  g_assert (mark != NULL);
  made = g_strdup_printf ("%.*s%0*u%s", (int) (mark - format), format, digits, ++*counter,
                          mark + 2);
  g_hash_table_insert (table, g_steal_pointer (&key), made);

  return made;
}

/* A name of an object: kept when it is Exchange's, else its pseudonym
 * (the same for the same real name, whatever the object). */
static const char *
object_name (Anonymizer *a,
             const char *real,
             const char *format,
             guint      *counter)
{
  if (real == NULL || is_kept (real))
    return real;

  return pseudonym (a->names, real, format, counter);
}

static char *
store (Anonymizer *a,
       const char *text)
{
  return extopo_model_store (a->model, text);
}

/* "contoso.com" -> "domain-1.example". */
static const char *
domain_name (Anonymizer *a,
             const char *real)
{
  guint n = g_hash_table_size (a->domains);

  return pseudonym (a->domains, real, "domain-%u.example", &n);
}

/* A DNS name: a server's host name becomes its pseudonym in lower case,
 * other hosts "host-N", the domain "domain-N.example". "*" stays. */
static char *
dns_name (Anonymizer *a,
          const char *real)
{
  g_autofree char *host = NULL;
  const char *dot;
  const char *mapped_host;

  if (real == NULL)
    return NULL;
  if (g_str_equal (real, "*") || *real == '\0')
    return g_strdup (real);
  if (g_str_has_prefix (real, "*."))
    return g_strdup_printf ("*.%s", domain_name (a, real + 2));

  dot = strchr (real, '.');
  host = dot != NULL ? g_strndup (real, dot - real) : g_strdup (real);
  mapped_host = g_hash_table_lookup (a->hosts, host);
  if (mapped_host == NULL)
    {
      g_autofree char *folded = fold (host);
      const char *server = g_hash_table_lookup (a->names, folded);
      guint n = g_hash_table_size (a->hosts);
      char *made = server != NULL && g_str_has_prefix (server, "SERVER-")
                   ? g_ascii_strdown (server, -1)
                   : g_strdup_printf ("host-%u", n + 1);

      g_hash_table_insert (a->hosts, g_strdup (host), made);
      mapped_host = made;
    }

  return dot != NULL ? g_strdup_printf ("%s.%s", mapped_host, domain_name (a, dot + 1))
                     : g_strdup (mapped_host);
}

static char *
map_rdn_value (const char *type,
               const char *value,
               gpointer    user_data)
{
  Anonymizer *a = user_data;
  g_autofree char *folded = NULL;
  const char *known;
  guint n;

  if (is_kept (value))
    return NULL;
  if (g_ascii_strcasecmp (type, "dc") == 0)
    {
      n = g_hash_table_size (a->domains);
      return g_strdup (pseudonym (a->domains, value, "domain-%u", &n));
    }

  folded = fold (value);
  known = g_hash_table_lookup (a->names, folded);
  if (known != NULL)
    return g_strdup (known);
  n = g_hash_table_size (a->words);

  return g_strdup (pseudonym (a->words, value, "Name %u", &n));
}

static char *
dn (Anonymizer *a,
    const char *real)
{
  g_autofree char *mapped = NULL;

  if (real == NULL)
    return NULL;
  mapped = extopo_dn_map_values (real, map_rdn_value, a, NULL);

  /* A value that was never a DN says nothing once replaced whole. */
  if (mapped == NULL)
    {
      guint n = g_hash_table_size (a->words);

      return store (a, pseudonym (a->words, real, "Name %u", &n));
    }

  return store (a, mapped);
}

/* "/o=Contoso/ou=First Administrative Group/cn=Configuration/cn=Servers/cn=EX1" */
static char *
legacy_dn (Anonymizer *a,
           const char *real)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (real == NULL)
    return NULL;

  parts = g_strsplit (real, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *equals = strchr (parts[i], '=');
      g_autofree char *mapped = NULL;

      if (i > 0)
        g_string_append_c (out, '/');
      if (equals == NULL)
        {
          g_string_append (out, parts[i]);
          continue;
        }
      *equals = '\0';
      mapped = map_rdn_value (parts[i], equals + 1, a);
      g_string_append_printf (out, "%s=%s", parts[i], mapped != NULL ? mapped : equals + 1);
    }

  return store (a, out->str);
}

/* "SMTP:*.contoso.com;10", "X400:c=US;a= ;p=Contoso;o=Mainframe;;1",
 * "NOTES:*;1": the type and cost stay, the space is rewritten. */
static char *
address_space (Anonymizer *a,
               const char *real)
{
  const char *colon = strchr (real, ':');
  g_autofree char *type = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) parts = NULL;

  if (colon == NULL)
    return g_strdup ("*");
  type = g_strndup (real, colon - real);
  g_string_append_printf (out, "%s:", type);

  if (g_ascii_strcasecmp (type, "SMTP") == 0)
    {
      const char *cost = strrchr (colon + 1, ';');
      g_autofree char *space = g_strndup (colon + 1, cost != NULL ? cost - colon - 1
                                                                  : (gssize) strlen (colon + 1));
      g_autofree char *mapped = dns_name (a, space);

      g_string_append (out, mapped);
      if (cost != NULL)
        g_string_append (out, cost);
      return g_string_free (g_steal_pointer (&out), FALSE);
    }

  /* X.400 and the others: key=value parts and plain words separated by ';'.
   * Country, empty ADMD and cost stay; every other word is replaced. */
  parts = g_strsplit (colon + 1, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *equals = strchr (parts[i], '=');
      const char *value = equals != NULL ? equals + 1 : parts[i];
      guint n = g_hash_table_size (a->words);

      if (i > 0)
        g_string_append_c (out, ';');
      if (equals != NULL)
        g_string_append_len (out, parts[i], equals + 1 - parts[i]);
      if (*value == '\0' || g_str_equal (value, "*") || g_str_equal (value, " ") ||
          (equals != NULL && g_ascii_strncasecmp (parts[i], "c=", 2) == 0) ||
          strspn (value, "0123456789") == strlen (value))
        g_string_append (out, value);
      else
        g_string_append (out, pseudonym (a->words, value, "org-%u", &n));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* "[10.1.2.3]" -> "[192.0.2.N]" (the documentation network), host names
 * as DNS names. */
static char *
smart_host (Anonymizer *a,
            const char *real)
{
  guint n;

  if (real[0] == '[' || strspn (real, "0123456789.") == strlen (real))
    {
      n = g_hash_table_size (a->words);
      return g_strdup_printf ("[%s]", pseudonym (a->words, real, "192.0.2.%u", &n));
    }

  return dns_name (a, real);
}

static void
rewrite_strv (char  **values,
              char *(*rewrite)(Anonymizer *a, const char *real),
              Anonymizer *a)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      char *mapped = rewrite (a, values[i]);

      g_free (values[i]);
      values[i] = mapped;
    }
}

static void
rewrite_dn_array (GPtrArray  *values,
                  Anonymizer *a)
{
  for (guint i = 0; values != NULL && i < values->len; i++)
    {
      char *mapped = g_strdup (dn (a, g_ptr_array_index (values, i)));

      g_free (g_ptr_array_index (values, i));
      g_ptr_array_index (values, i) = mapped;
    }
}

/* Objects first, in the model's order: their pseudonyms then serve every
 * DN and host name that mentions them. */
static void
name_objects (Anonymizer *a)
{
  GPtrArray *objects;

  objects = extopo_model_get_organizations (a->model);
  for (guint i = 0; i < objects->len; i++)
    {
      ExtopoOrganization *org = g_ptr_array_index (objects, i);

      org->name = store (a, object_name (a, org->name, "Organization %u", &a->n_organizations));
    }
  objects = extopo_model_get_admin_groups (a->model);
  for (guint i = 0; i < objects->len; i++)
    {
      ExtopoAdminGroup *group = g_ptr_array_index (objects, i);

      group->name = store (a, object_name (a, group->name, "Admin Group %u", &a->n_admin_groups));
    }
  objects = extopo_model_get_routing_groups (a->model);
  for (guint i = 0; i < objects->len; i++)
    {
      ExtopoRoutingGroup *group = g_ptr_array_index (objects, i);

      group->name = store (a, object_name (a, group->name, "Routing Group %u",
                                           &a->n_routing_groups));
    }
  objects = extopo_model_get_servers (a->model);
  for (guint i = 0; i < objects->len; i++)
    {
      ExtopoServer *server = g_ptr_array_index (objects, i);

      server->name = store (a, object_name (a, server->name, "SERVER-%u", &a->n_servers));
    }
  objects = extopo_model_get_connectors (a->model);
  for (guint i = 0; i < objects->len; i++)
    {
      ExtopoConnector *connector = g_ptr_array_index (objects, i);

      connector->name = store (a, object_name (a, connector->name, "Connector %u",
                                               &a->n_connectors));
    }
  objects = extopo_model_get_sites (a->model);
  for (guint i = 0; i < objects->len; i++)
    {
      ExtopoSite *site = g_ptr_array_index (objects, i);

      site->name = store (a, object_name (a, site->name, "Site %u", &a->n_sites));
    }
}

/* A GUID identifies an object across snapshots: a real one must not
 * leave with the pseudonyms. */
static char *
fake_guid (Anonymizer *a,
           const char *real)
{
  g_autofree char *guid = NULL;

  if (real == NULL)
    return NULL;
  guid = g_strdup_printf ("{00000000-0000-4000-8000-%012u}", ++a->n_guids);

  return store (a, guid);
}

static void
rewrite_references (Anonymizer *a)
{
  GPtrArray *objects;

  objects = extopo_model_get_organizations (a->model);
  for (guint i = 0; i < objects->len; i++)
    {
      ExtopoOrganization *org = g_ptr_array_index (objects, i);

      org->dn = dn (a, org->dn);
      org->guid = fake_guid (a, org->guid);
      rewrite_dn_array (org->srs_dns, a);
      rewrite_dn_array (org->adc_dns, a);
    }
  objects = extopo_model_get_admin_groups (a->model);
  for (guint i = 0; i < objects->len; i++)
    {
      ExtopoAdminGroup *group = g_ptr_array_index (objects, i);

      group->dn = dn (a, group->dn);
      group->guid = fake_guid (a, group->guid);
    }
  objects = extopo_model_get_routing_groups (a->model);
  for (guint i = 0; i < objects->len; i++)
    {
      ExtopoRoutingGroup *group = g_ptr_array_index (objects, i);

      group->dn = dn (a, group->dn);
      group->master_dn = dn (a, group->master_dn);
      group->guid = fake_guid (a, group->guid);
    }
  objects = extopo_model_get_servers (a->model);
  for (guint i = 0; i < objects->len; i++)
    {
      ExtopoServer *server = g_ptr_array_index (objects, i);
      g_autofree char *fqdn = dns_name (a, server->fqdn);

      server->dn = dn (a, server->dn);
      server->guid = fake_guid (a, server->guid);
      server->fqdn = store (a, fqdn);
      server->home_routing_group_dn = dn (a, server->home_routing_group_dn);
      server->site_dn = dn (a, server->site_dn);
      if (server->site_name != NULL)
        server->site_name = store (a, object_name (a, server->site_name, "Site %u",
                                                   &a->n_sites));
      server->legacy_dn = legacy_dn (a, server->legacy_dn);
    }
  objects = extopo_model_get_connectors (a->model);
  for (guint i = 0; i < objects->len; i++)
    {
      ExtopoConnector *connector = g_ptr_array_index (objects, i);

      connector->dn = dn (a, connector->dn);
      connector->guid = fake_guid (a, connector->guid);
      connector->target_dn = dn (a, connector->target_dn);
      connector->home_mta_dn = dn (a, connector->home_mta_dn);
      rewrite_strv (connector->address_spaces, address_space, a);
      rewrite_strv (connector->smart_hosts, smart_host, a);
    }
  objects = extopo_model_get_sites (a->model);
  for (guint i = 0; i < objects->len; i++)
    {
      ExtopoSite *site = g_ptr_array_index (objects, i);

      site->dn = dn (a, site->dn);
    }
  objects = extopo_model_get_dangling_refs (a->model);
  for (guint i = 0; i < objects->len; i++)
    {
      ExtopoDanglingRef *ref = g_ptr_array_index (objects, i);
      char *subject = g_strdup (dn (a, ref->subject_dn));
      char *target = ref->target_dn != NULL ? g_strdup (dn (a, ref->target_dn)) : NULL;

      g_free (ref->subject_dn);
      g_free (ref->target_dn);
      ref->subject_dn = subject;
      ref->target_dn = target;
    }
}

void
extopo_model_anonymize (ExtopoModel *model)
{
  Anonymizer a = { 0 };

  g_return_if_fail (EXTOPO_IS_MODEL (model));

  a.model = model;
  a.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  a.hosts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  a.domains = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  a.words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  name_objects (&a);
  rewrite_references (&a);
  extopo_model_set_source_name (model, EXTOPO_ANONYMIZED_SOURCE);

  g_hash_table_unref (a.names);
  g_hash_table_unref (a.hosts);
  g_hash_table_unref (a.domains);
  g_hash_table_unref (a.words);
}
