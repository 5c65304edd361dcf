/* extopo-model.c: the Exchange organization, built from directory entries.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-model"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "extopo-dn.h"
#include "extopo-entry.h"
#include "extopo-findings.h"
#include "extopo-model.h"
#include "extopo-model-private.h"

/* What an entry is, by objectClass. */
typedef enum
{
  ENTRY_KIND_OTHER,
  ENTRY_KIND_ORGANIZATION,
  ENTRY_KIND_ADMIN_GROUP,
  ENTRY_KIND_ROUTING_GROUP,
  ENTRY_KIND_SERVER,
  ENTRY_KIND_CONNECTOR,
  ENTRY_KIND_SRS,
  ENTRY_KIND_ADC,
  ENTRY_KIND_SKIP,      /* looks like a server, is not one */
  N_ENTRY_KINDS
} EntryKind;

typedef struct
{
  const char          *object_class;
  EntryKind            kind;
  ExtopoConnectorType  connector_type;
} ClassInfo;

/* When an entry carries several listed classes, the earliest row wins: the
 * specific gateway classes before their mailGateway superclass, and the
 * Exchange 2013 transport children (CN=FrontEnd, CN=Mailbox under a
 * server's CN=Transport Configuration) before the server class. */
static const ClassInfo class_table[] = {
  { "msExchExchangeTransportServer", ENTRY_KIND_SKIP,         0 },
  { "msExchOrganizationContainer",  ENTRY_KIND_ORGANIZATION,  0 },
  { "msExchAdminGroup",             ENTRY_KIND_ADMIN_GROUP,   0 },
  { "msExchRoutingGroup",           ENTRY_KIND_ROUTING_GROUP, 0 },
  { "msExchExchangeServer",         ENTRY_KIND_SERVER,        0 },
  { "msExchRoutingGroupConnector",  ENTRY_KIND_CONNECTOR,     EXTOPO_CONNECTOR_ROUTING_GROUP },
  { "msExchRoutingSMTPConnector",   ENTRY_KIND_CONNECTOR,     EXTOPO_CONNECTOR_SMTP },
  { "rFC1006X400Link",              ENTRY_KIND_CONNECTOR,     EXTOPO_CONNECTOR_X400 },
  { "x25X400Link",                  ENTRY_KIND_CONNECTOR,     EXTOPO_CONNECTOR_X400 },
  { "tP4X400Link",                  ENTRY_KIND_CONNECTOR,     EXTOPO_CONNECTOR_X400 },
  { "rASX400Link",                  ENTRY_KIND_CONNECTOR,     EXTOPO_CONNECTOR_X400 },
  { "msExchNotesConnector",         ENTRY_KIND_CONNECTOR,     EXTOPO_CONNECTOR_NOTES },
  { "msExchGroupWiseConnector",     ENTRY_KIND_CONNECTOR,     EXTOPO_CONNECTOR_GROUPWISE },
  { "msExchccMailConnector",        ENTRY_KIND_CONNECTOR,     EXTOPO_CONNECTOR_CCMAIL },
  { "mSMailConnector",              ENTRY_KIND_CONNECTOR,     EXTOPO_CONNECTOR_MSMAIL },
  { "msExchCalendarConnector",      ENTRY_KIND_CONNECTOR,     EXTOPO_CONNECTOR_CALENDAR },
  { "mailGateway",                  ENTRY_KIND_CONNECTOR,     EXTOPO_CONNECTOR_GATEWAY },
  { "msExchSiteReplicationService", ENTRY_KIND_SRS,           0 },
  { "msExchConnectionAgreement",    ENTRY_KIND_ADC,           0 },
};

/* A classified entry waiting for its pass. */
typedef struct
{
  ExtopoEntry     *entry;       /* borrowed */
  const ClassInfo *info;
  char            *ndn;         /* owned until moved into an object */
} Pending;

typedef struct
{
  ExtopoObjectKind kind;
  gpointer         object;
} ObjectRef;

struct _ExtopoModel
{
  GObject     parent_instance;

  /* owned */
  char       *source_name;
  GDateTime  *snapshot_date;
  GPtrArray  *organizations;
  GPtrArray  *admin_groups;
  GPtrArray  *routing_groups;
  GPtrArray  *servers;
  GPtrArray  *connectors;
  GPtrArray  *connections;
  GPtrArray  *sites;
  GPtrArray  *dangling_refs;
  GPtrArray  *findings;
  /* ndn (borrowed from the object) -> ObjectRef (owned) */
  GHashTable *objects;
  /* The objects' strings but their ndn: thousands of servers' strings
   * would cost a malloc header each, and most of their values repeat
   * (sites, routing groups, versions). */
  GStringChunk *strings;
  guint       n_entries;
  guint       n_deleted_skipped;
  gboolean    findings_evaluated;
};

G_DEFINE_TYPE (ExtopoModel, extopo_model, G_TYPE_OBJECT)

static guint dn_hash (gconstpointer key);

G_DEFINE_QUARK (extopo-model-error-quark, extopo_model_error)


/* ------------------------------------------------------------------ */
/* Freeing                                                             */

static void
organization_free (gpointer data)
{
  ExtopoOrganization *org = data;

  g_free (org->ndn);
  g_ptr_array_unref (org->admin_groups);
  g_ptr_array_unref (org->srs_dns);
  g_ptr_array_unref (org->adc_dns);
  g_ptr_array_unref (org->findings);
  g_free (org);
}

static void
admin_group_free (gpointer data)
{
  ExtopoAdminGroup *group = data;

  g_free (group->ndn);
  g_ptr_array_unref (group->routing_groups);
  g_ptr_array_unref (group->servers);
  g_ptr_array_unref (group->findings);
  g_free (group);
}

static void
routing_group_free (gpointer data)
{
  ExtopoRoutingGroup *group = data;

  g_free (group->ndn);
  g_ptr_array_unref (group->servers);
  g_ptr_array_unref (group->connectors);
  g_ptr_array_unref (group->findings);
  g_clear_pointer (&group->member_dns, g_ptr_array_unref);
  g_free (group);
}

static void
server_free (gpointer data)
{
  ExtopoServer *server = data;

  g_free (server->ndn);
  g_ptr_array_unref (server->findings);
  g_free (server);
}

static void
connector_free (gpointer data)
{
  ExtopoConnector *connector = data;

  g_free (connector->ndn);
  g_ptr_array_unref (connector->source_bridgeheads);
  g_ptr_array_unref (connector->target_bridgeheads);
  g_strfreev (connector->address_spaces);
  g_strfreev (connector->smart_hosts);
  g_ptr_array_unref (connector->connected_routing_groups);
  g_ptr_array_unref (connector->findings);
  g_free (connector);
}

static void
site_free (gpointer data)
{
  ExtopoSite *site = data;

  g_free (site->ndn);
  g_ptr_array_unref (site->servers);
  g_ptr_array_unref (site->findings);
  g_free (site);
}

static void
dangling_ref_free (gpointer data)
{
  ExtopoDanglingRef *ref = data;

  g_free (ref->subject_dn);
  g_free (ref->attribute);
  g_free (ref->target_dn);
  g_free (ref);
}

static void
extopo_model_finalize (GObject *object)
{
  ExtopoModel *self = EXTOPO_MODEL (object);

  /* Findings point into the objects: drop them first. */
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_pointer (&self->objects, g_hash_table_unref);
  g_clear_pointer (&self->connections, g_ptr_array_unref);
  g_clear_pointer (&self->connectors, g_ptr_array_unref);
  g_clear_pointer (&self->sites, g_ptr_array_unref);
  g_clear_pointer (&self->servers, g_ptr_array_unref);
  g_clear_pointer (&self->routing_groups, g_ptr_array_unref);
  g_clear_pointer (&self->admin_groups, g_ptr_array_unref);
  g_clear_pointer (&self->organizations, g_ptr_array_unref);
  g_clear_pointer (&self->dangling_refs, g_ptr_array_unref);
  g_clear_pointer (&self->source_name, g_free);
  g_clear_pointer (&self->snapshot_date, g_date_time_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (extopo_model_parent_class)->finalize (object);
}

static void
extopo_model_class_init (ExtopoModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = extopo_model_finalize;
}

static void
extopo_model_init (ExtopoModel *self)
{
  self->organizations = g_ptr_array_new_with_free_func (organization_free);
  self->admin_groups = g_ptr_array_new_with_free_func (admin_group_free);
  self->routing_groups = g_ptr_array_new_with_free_func (routing_group_free);
  self->servers = g_ptr_array_new_with_free_func (server_free);
  self->connectors = g_ptr_array_new_with_free_func (connector_free);
  self->connections = g_ptr_array_new_with_free_func (g_free);
  self->sites = g_ptr_array_new_with_free_func (site_free);
  self->dangling_refs = g_ptr_array_new_with_free_func (dangling_ref_free);
  self->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) extopo_finding_free);
  self->objects = g_hash_table_new_full (dn_hash, g_str_equal, NULL, g_free);
  self->strings = g_string_chunk_new (64 * 1024);
}

/* Values are bytes (an LDIF line may hold any), while every reader of the
 * model (the screen, the reports, the exports) needs UTF-8: what does not
 * decode becomes U+FFFD. Returns @text itself when it is valid. */
static const char *
model_valid_utf8 (const char  *text,
                  char       **repaired)
{
  if (text == NULL || g_utf8_validate (text, -1, NULL))
    return text;

  *repaired = g_utf8_make_valid (text, -1);
  return *repaired;
}

/* A string the model keeps, in its chunk; NULL stays NULL. */
void
extopo_model_set_source_name (ExtopoModel *self,
                              const char  *source_name)
{
  g_return_if_fail (EXTOPO_IS_MODEL (self));

  g_free (self->source_name);
  self->source_name = g_strdup (source_name);
}

char *
extopo_model_store (ExtopoModel *self,
                    const char  *text)
{
  g_autofree char *repaired = NULL;

  text = model_valid_utf8 (text, &repaired);
  return text != NULL ? g_string_chunk_insert (self->strings, text) : NULL;
}

/* The same for a value many objects share: stored once. */
char *
extopo_model_share (ExtopoModel *self,
                    const char  *text)
{
  g_autofree char *repaired = NULL;

  text = model_valid_utf8 (text, &repaired);
  return text != NULL ? g_string_chunk_insert_const (self->strings, text) : NULL;
}

/* ------------------------------------------------------------------ */
/* DN helpers                                                          */

/* DN keys are long (about 200 bytes) and looked up often; this hashes a
 * word at a time, several times faster than g_str_hash(). */
static guint
dn_hash (gconstpointer key)
{
  const char *p = key;
  gsize length = strlen (p);
  guint64 hash = length;

  for (; length >= sizeof (guint64); length -= sizeof (guint64), p += sizeof (guint64))
    {
      guint64 word;

      memcpy (&word, p, sizeof word);
      hash = ((hash << 5) | (hash >> 59)) ^ word;
      hash *= G_GUINT64_CONSTANT (0x517cc1b727220a95);
    }
  for (; length > 0; length--, p++)
    hash = (((hash << 5) | (hash >> 59)) ^ (guchar) *p) * G_GUINT64_CONSTANT (0x517cc1b727220a95);

  return (guint) (hash ^ (hash >> 32));
}

/* @ndn with its first @levels RDNs removed, pointing into @ndn; NULL when it
 * is not that deep. Only for extopo_dn_normalize() output: that RFC 4514
 * spelling escapes every comma inside a value, so the unescaped commas are
 * exactly the RDN separators. This spares a libldap parse per object, which
 * matters at 20,000 servers. */
const char *
extopo_ndn_skip_rdns (const char *ndn,
                      guint       levels)
{
  const char *p = ndn;

  if (levels == 0)
    return ndn;

  while (*p != '\0')
    {
      if (*p == '\\')
        {
          p++;
          if (*p != '\0')
            p++;
          continue;
        }

      if (*p == ',')
        {
          p++;
          if (--levels == 0)
            return p;
          continue;
        }

      p++;
    }

  return NULL;
}

/* The normalized form of a link value; NULL when it does not parse. */
const char *
extopo_model_builder_normalize (ExtopoModelBuilder *builder,
                                const char         *raw)
{
  gpointer cached;
  char *ndn;

  if (g_hash_table_lookup_extended (builder->ndn_cache, raw, NULL, &cached))
    return cached;

  ndn = extopo_dn_normalize (raw, NULL);
  g_hash_table_insert (builder->ndn_cache, (gpointer) raw, ndn);
  return ndn;
}

gpointer
extopo_model_lookup_ndn (ExtopoModel      *self,
                         const char       *ndn,
                         ExtopoObjectKind  kind)
{
  ObjectRef *ref;

  if (ndn == NULL)
    return NULL;

  ref = g_hash_table_lookup (self->objects, ndn);
  if (ref == NULL || ref->kind != kind)
    return NULL;

  return ref->object;
}

static void
model_register (ExtopoModel      *self,
                const char       *ndn,
                ExtopoObjectKind  kind,
                gpointer          object)
{
  ObjectRef *ref = g_new (ObjectRef, 1);

  ref->kind = kind;
  ref->object = object;
  /* One hash per object: with a duplicate DN the later object becomes the
   * one lookups find, and the earlier stays in its list, so nothing is
   * dropped. */
  g_hash_table_insert (self->objects, (gpointer) ndn, ref);
}

void
extopo_model_add_dangling (ExtopoModel      *self,
                           const char       *subject_dn,
                           ExtopoObjectKind  subject_kind,
                           gpointer          subject,
                           const char       *attribute,
                           const char       *target_dn)
{
  ExtopoDanglingRef *ref = g_new0 (ExtopoDanglingRef, 1);

  ref->subject_dn = g_strdup (subject_dn);
  ref->subject_kind = subject_kind;
  ref->subject = subject;
  ref->attribute = g_strdup (attribute);
  /* Reported as found, so possibly not UTF-8 (see model_valid_utf8());
   * NULL for a container above the top of the DN. */
  ref->target_dn = target_dn != NULL ? g_utf8_make_valid (target_dn, -1) : NULL;
  g_ptr_array_add (self->dangling_refs, ref);
}

/* The object's display name: the first RDN's value, else the raw DN. */
static char *
name_from_dn (const char *dn)
{
  char *name = extopo_dn_get_rdn_value (dn, NULL);

  return name != NULL ? name : g_strdup (dn);
}

/* AD's cn always equals the RDN's value; reading it spares a DN parse. */
static char *
entry_get_name (ExtopoModel *self,
                ExtopoEntry *entry)
{
  const char *cn = extopo_entry_get_string (entry, "cn");
  g_autofree char *name = NULL;

  if (cn != NULL && *cn != '\0')
    return extopo_model_store (self, cn);

  name = name_from_dn (extopo_entry_get_dn (entry));

  return extopo_model_store (self, name);
}

/* ------------------------------------------------------------------ */
/* Classification                                                      */

static const ClassInfo *
classify_entry (ExtopoEntry *entry)
{
  const char **classes;
  guint n_classes;

  /* Comparing the first letters (ASCII case folded by bit 5; strcasecmp
   * decides) keeps "top", "container" and every server's protocol classes
   * cheap. */
  gsize best = G_N_ELEMENTS (class_table);

  classes = extopo_entry_get_strings (entry, "objectClass", &n_classes);
  for (guint i = 0; i < n_classes; i++)
    for (gsize j = 0; j < best; j++)
      if ((classes[i][0] | 0x20) == (class_table[j].object_class[0] | 0x20) &&
          g_ascii_strcasecmp (classes[i], class_table[j].object_class) == 0)
        {
          best = j;
          break;
        }

  return best < G_N_ELEMENTS (class_table) ? &class_table[best] : NULL;
}

static char *
entry_share_string (ExtopoModel *self,
                    ExtopoEntry *entry,
                    const char  *attribute)
{
  return extopo_model_share (self, extopo_entry_get_string (entry, attribute));
}

/* ------------------------------------------------------------------ */
/* Organizations, admin groups, routing groups                         */

static void
build_organization (ExtopoModelBuilder *builder,
                    Pending            *pending)
{
  ExtopoOrganization *org = g_new0 (ExtopoOrganization, 1);
  const char *dn = extopo_entry_get_dn (pending->entry);
  gboolean mixed;

  org->dn = extopo_model_store (builder->model, dn);
  org->ndn = g_steal_pointer (&pending->ndn);
  org->name = entry_get_name (builder->model, pending->entry);
  org->guid = extopo_model_entry_get_guid (builder->model, pending->entry);
  org->admin_groups = g_ptr_array_new ();
  org->findings = g_ptr_array_new ();
  org->srs_dns = g_ptr_array_new_with_free_func (g_free);
  org->adc_dns = g_ptr_array_new_with_free_func (g_free);

  if (!extopo_entry_get_boolean (pending->entry, "msExchMixedMode", &mixed))
    org->mode = EXTOPO_ORG_MODE_UNSET;
  else
    org->mode = mixed ? EXTOPO_ORG_MODE_MIXED : EXTOPO_ORG_MODE_NATIVE;

  org->index = builder->model->organizations->len;
  g_ptr_array_add (builder->model->organizations, org);
  model_register (builder->model, org->ndn, EXTOPO_OBJECT_ORGANIZATION, org);
}

/* The organization an object at @ndn belongs to: the ancestor @levels up, or
 * failing that any organization holding it. */
static ExtopoOrganization *
find_organization (ExtopoModel *self,
                   const char  *ndn,
                   guint        levels)
{
  ExtopoOrganization *org;

  org = extopo_model_lookup_ndn (self, extopo_ndn_skip_rdns (ndn, levels), EXTOPO_OBJECT_ORGANIZATION);
  if (org != NULL)
    return org;

  for (guint i = 0; i < self->organizations->len; i++)
    {
      ExtopoOrganization *candidate = g_ptr_array_index (self->organizations, i);

      if (extopo_dn_is_descendant (ndn, candidate->ndn))
        return candidate;
    }

  return NULL;
}

static void
build_admin_group (ExtopoModelBuilder *builder,
                   Pending            *pending)
{
  ExtopoModel *self = builder->model;
  ExtopoAdminGroup *group = g_new0 (ExtopoAdminGroup, 1);
  const char *dn = extopo_entry_get_dn (pending->entry);
  gint64 mode;

  group->dn = extopo_model_store (self, dn);
  group->ndn = g_steal_pointer (&pending->ndn);
  group->name = entry_get_name (self, pending->entry);
  group->guid = extopo_model_entry_get_guid (self, pending->entry);
  group->interop = g_ascii_strcasecmp (group->name, EXTOPO_INTEROP_ADMIN_GROUP_NAME) == 0;
  group->mode = extopo_entry_get_int64 (pending->entry, "msExchAdminGroupMode", &mode) &&
                mode >= 0 && mode <= G_MAXINT ? (int) mode : -1;
  extopo_entry_get_boolean (pending->entry, "msExchDefaultAdminGroup", &group->is_default);
  group->routing_groups = g_ptr_array_new ();
  group->servers = g_ptr_array_new ();
  group->findings = g_ptr_array_new ();

  /* CN=<group>,CN=Administrative Groups,CN=<org> */
  group->organization = find_organization (self, group->ndn, 2);
  if (group->organization == NULL)
    extopo_model_add_dangling (self, group->dn, EXTOPO_OBJECT_ADMIN_GROUP, group,
                               "distinguishedName", extopo_ndn_skip_rdns (group->ndn, 2));

  g_ptr_array_add (self->admin_groups, group);
  model_register (self, group->ndn, EXTOPO_OBJECT_ADMIN_GROUP, group);
}

static void
build_routing_group (ExtopoModelBuilder *builder,
                     Pending            *pending)
{
  ExtopoModel *self = builder->model;
  ExtopoRoutingGroup *group = g_new0 (ExtopoRoutingGroup, 1);
  const char *dn = extopo_entry_get_dn (pending->entry);
  const char *parent;

  group->dn = extopo_model_store (self, dn);
  group->ndn = g_steal_pointer (&pending->ndn);
  group->name = entry_get_name (self, pending->entry);
  group->interop = g_ascii_strcasecmp (group->name, EXTOPO_INTEROP_ROUTING_GROUP_NAME) == 0;
  group->master_dn = entry_share_string (self, pending->entry, "msExchRoutingMasterDN");
  group->servers = g_ptr_array_new ();
  group->connectors = g_ptr_array_new ();
  group->findings = g_ptr_array_new ();
  extopo_model_read_routing_group_shapes (builder, group, pending->entry);

  /* CN=<group>,CN=Routing Groups,CN=<admin group> */
  parent = extopo_ndn_skip_rdns (group->ndn, 2);
  group->admin_group = extopo_model_lookup_ndn (self, parent, EXTOPO_OBJECT_ADMIN_GROUP);
  if (group->admin_group == NULL)
    extopo_model_add_dangling (self, group->dn, EXTOPO_OBJECT_ROUTING_GROUP, group,
                               "distinguishedName", parent != NULL ? parent : group->dn);

  g_ptr_array_add (self->routing_groups, group);
  model_register (self, group->ndn, EXTOPO_OBJECT_ROUTING_GROUP, group);
}

/* ------------------------------------------------------------------ */
/* Servers                                                             */

static const char *
fqdn_from_network_address (ExtopoEntry *entry)
{
  static const char prefix[] = "ncacn_ip_tcp:";
  const char **values;
  guint n_values;

  values = extopo_entry_get_strings (entry, "networkAddress", &n_values);
  for (guint i = 0; i < n_values; i++)
    if (g_ascii_strncasecmp (values[i], prefix, strlen (prefix)) == 0 &&
        values[i][strlen (prefix)] != '\0')
      return values[i] + strlen (prefix);

  return NULL;
}

gboolean
extopo_server_is_exchange_2007 (const ExtopoServer *server)
{
  g_return_val_if_fail (server != NULL, FALSE);

  /* 2007 and every later release. */
  if (server->version.known && server->version.product != EXTOPO_PRODUCT_UNKNOWN)
    return extopo_product_is_2007_or_later (server->version.product);

  return server->has_msexch_version || server->roles_known;
}

gboolean
extopo_server_is_legacy (const ExtopoServer *server)
{
  g_return_val_if_fail (server != NULL, FALSE);

  return server->version.product == EXTOPO_PRODUCT_EXCHANGE_2000 ||
         server->version.product == EXTOPO_PRODUCT_EXCHANGE_2003;
}

gboolean
extopo_server_is_hub (const ExtopoServer *server)
{
  g_return_val_if_fail (server != NULL, FALSE);

  return server->roles_known &&
         (server->roles & EXTOPO_ROLE_HUB_TRANSPORT) != 0 &&
         !server->provisioned &&
         extopo_server_is_exchange_2007 (server);
}

static ExtopoRoutingGroup *
admin_group_find_interop_routing_group (ExtopoAdminGroup *group)
{
  for (guint i = 0; i < group->routing_groups->len; i++)
    {
      ExtopoRoutingGroup *routing_group = g_ptr_array_index (group->routing_groups, i);

      if (routing_group->interop)
        return routing_group;
    }

  return NULL;
}

static void
build_server (ExtopoModelBuilder *builder,
              Pending            *pending)
{
  ExtopoModel *self = builder->model;
  ExtopoEntry *entry = pending->entry;
  ExtopoServer *server = g_new0 (ExtopoServer, 1);
  const char *dn = extopo_entry_get_dn (entry);
  const char *parent;
  const char *site_dn;
  gint64 number;

  server->dn = extopo_model_store (self, dn);
  server->ndn = g_steal_pointer (&pending->ndn);
  server->name = entry_get_name (self, entry);
  server->fqdn = extopo_model_store (self, fqdn_from_network_address (entry));
  server->guid = extopo_model_entry_get_guid (self, entry);
  server->serial_number = entry_share_string (self, entry, "serialNumber");
  server->version_number = entry_share_string (self, entry, "versionNumber");
  extopo_version_resolve (server->serial_number, server->version_number, &server->version);
  server->management = extopo_product_get_management (server->version.product);

  if (extopo_entry_get_int64 (entry, "msExchCurrentServerRoles", &number))
    {
      /* Every role bit of every version; 4096 (provisioned) is a flag. */
      server->roles = (guint) (number & EXTOPO_ROLE_KNOWN & ~(guint) EXTOPO_ROLE_PROVISIONED);
      server->roles_known = TRUE;
    }
  server->server_role = extopo_entry_get_int64 (entry, "serverRole", &number) &&
                        number >= 0 && number <= G_MAXINT ? (int) number : -1;

  site_dn = extopo_entry_get_string (entry, "msExchServerSite");
  /* The site object and its name come once every server is placed. */
  if (site_dn != NULL)
    server->site_dn = extopo_model_share (self, site_dn);
  server->legacy_dn = extopo_model_store (self, extopo_entry_get_string (entry, "legacyExchangeDN"));
  server->has_msexch_version = extopo_entry_has_attribute (entry, "msExchVersion");
  server->home_routing_group_dn = entry_share_string (self, entry, "msExchHomeRoutingGroup");
  server->status = EXTOPO_STATUS_OK;
  server->findings = g_ptr_array_new ();
  extopo_model_read_server_shapes (builder, server, entry);

  /* CN=<server>,CN=Servers,CN=<admin group> */
  parent = extopo_ndn_skip_rdns (server->ndn, 2);
  server->admin_group = extopo_model_lookup_ndn (self, parent, EXTOPO_OBJECT_ADMIN_GROUP);
  if (server->admin_group == NULL)
    extopo_model_add_dangling (self, server->dn, EXTOPO_OBJECT_SERVER, server,
                               "distinguishedName", parent != NULL ? parent : server->dn);

  g_ptr_array_add (self->servers, server);
  model_register (self, server->ndn, EXTOPO_OBJECT_SERVER, server);
}

/* Runs once every routing group exists. */
static void
link_server_routing_group (ExtopoModelBuilder *builder,
                           ExtopoServer       *server)
{
  ExtopoModel *self = builder->model;

  if (server->home_routing_group_dn != NULL)
    {
      const char *ndn = extopo_model_builder_normalize (builder, server->home_routing_group_dn);

      server->routing_group = extopo_model_lookup_ndn (self, ndn, EXTOPO_OBJECT_ROUTING_GROUP);
      if (server->routing_group == NULL)
        extopo_model_add_dangling (self, server->dn, EXTOPO_OBJECT_SERVER, server,
                                   "msExchHomeRoutingGroup", server->home_routing_group_dn);
      return;
    }

  /* Some exports leave out the forward link but carry the group's computed
   * backlink, which ExBPA reads too. */
  server->routing_group = extopo_model_builder_member_of (builder, server);
  if (server->routing_group != NULL)
    {
      server->routing_group_by_backlink = TRUE;
      return;
    }

  if (server->admin_group != NULL && extopo_server_is_exchange_2007 (server))
    {
      server->routing_group = admin_group_find_interop_routing_group (server->admin_group);
      server->routing_group_by_fallback = server->routing_group != NULL;
    }
}

/* ------------------------------------------------------------------ */
/* Connectors                                                          */

/* A bridgehead value names an SMTP virtual server
 * (CN=1,CN=SMTP,CN=Protocols,CN=<server>,...) or a server itself. */
static ExtopoServer *
resolve_bridgehead (ExtopoModelBuilder *builder,
                    const char         *raw)
{
  const char *ndn = extopo_model_builder_normalize (builder, raw);
  ExtopoServer *server;

  if (ndn == NULL)
    return NULL;

  server = extopo_model_lookup_ndn (builder->model, ndn, EXTOPO_OBJECT_SERVER);
  if (server == NULL)
    server = extopo_model_lookup_ndn (builder->model, extopo_ndn_skip_rdns (ndn, 3), EXTOPO_OBJECT_SERVER);

  return server;
}

/* Returns how many values the attribute holds, resolved or not. */
static guint
link_bridgeheads (ExtopoModelBuilder *builder,
                  ExtopoConnector    *connector,
                  ExtopoEntry        *entry,
                  const char         *attribute,
                  GPtrArray          *servers)
{
  const char **values;
  guint n_values;

  values = extopo_entry_get_strings (entry, attribute, &n_values);
  for (guint i = 0; i < n_values; i++)
    {
      ExtopoServer *server = resolve_bridgehead (builder, values[i]);

      if (server == NULL)
        extopo_model_add_dangling (builder->model, connector->dn, EXTOPO_OBJECT_CONNECTOR, connector,
                                   attribute, values[i]);
      else if (!g_ptr_array_find (servers, server, NULL))
        g_ptr_array_add (servers, server);
    }

  return n_values;
}

static void
build_connector (ExtopoModelBuilder *builder,
                 Pending            *pending)
{
  ExtopoModel *self = builder->model;
  ExtopoEntry *entry = pending->entry;
  ExtopoConnector *connector = g_new0 (ExtopoConnector, 1);
  const char *dn = extopo_entry_get_dn (entry);
  const char *source_ndn;
  const char **spaces;
  guint n_spaces;
  gint64 cost;

  connector->dn = extopo_model_store (self, dn);
  connector->ndn = g_steal_pointer (&pending->ndn);
  connector->name = entry_get_name (self, pending->entry);
  connector->type = pending->info->connector_type;
  connector->object_class = extopo_model_share (self, pending->info->object_class);
  connector->guid = extopo_model_entry_get_guid (self, entry);
  connector->source_bridgeheads = g_ptr_array_new ();
  connector->target_bridgeheads = g_ptr_array_new ();
  connector->connected_routing_groups = g_ptr_array_new ();
  connector->findings = g_ptr_array_new ();

  /* Missing or non-numeric costs take the default; others are clamped. */
  if (!extopo_entry_get_int64 (entry, "cost", &cost))
    cost = 1;
  connector->cost = (guint) CLAMP (cost, 1, 100);

  spaces = extopo_entry_get_strings (entry, "routingList", &n_spaces);
  connector->address_spaces = g_new0 (char *, n_spaces + 1);
  for (guint i = 0; i < n_spaces; i++)
    {
      g_autofree char *repaired = NULL;

      connector->address_spaces[i] = g_strdup (model_valid_utf8 (spaces[i], &repaired));
    }

  /* CN=<connector>,CN=Connections,CN=<routing group> */
  source_ndn = extopo_ndn_skip_rdns (connector->ndn, 2);
  connector->source = extopo_model_lookup_ndn (self, source_ndn, EXTOPO_OBJECT_ROUTING_GROUP);
  if (connector->source == NULL)
    extopo_model_add_dangling (self, connector->dn, EXTOPO_OBJECT_CONNECTOR, connector,
                               "distinguishedName", source_ndn != NULL ? source_ndn : connector->dn);

  if (connector->type == EXTOPO_CONNECTOR_SMTP &&
      ((connector->source != NULL && connector->source->interop) ||
       extopo_entry_has_attribute (entry, "msExchVersion")))
    connector->type = EXTOPO_CONNECTOR_SEND;

  connector->target_dn = entry_share_string (self, entry, "msExchDestinationRGDN");
  if (connector->target_dn != NULL)
    {
      const char *target_ndn = extopo_model_builder_normalize (builder, connector->target_dn);

      connector->target = extopo_model_lookup_ndn (self, target_ndn, EXTOPO_OBJECT_ROUTING_GROUP);
      if (connector->target == NULL)
        extopo_model_add_dangling (self, connector->dn, EXTOPO_OBJECT_CONNECTOR, connector,
                                   "msExchDestinationRGDN", connector->target_dn);
    }

  connector->n_source_bridgehead_dns =
    link_bridgeheads (builder, connector, entry, "msExchSourceBridgeheadServersDN",
                      connector->source_bridgeheads);
  connector->n_target_bridgehead_dns =
    link_bridgeheads (builder, connector, entry, "msExchTargetBridgeheadServersDN",
                      connector->target_bridgeheads);
  extopo_model_read_connector_shapes (builder, connector, entry);

  g_ptr_array_add (self->connectors, connector);
  model_register (self, connector->ndn, EXTOPO_OBJECT_CONNECTOR, connector);
}

static guint
routing_pair_hash (gconstpointer key)
{
  const ExtopoConnector *connector = key;

  return g_direct_hash (connector->source) ^ (g_direct_hash (connector->target) * 31);
}

static gboolean
routing_pair_equal (gconstpointer a,
                    gconstpointer b)
{
  const ExtopoConnector *ca = a;
  const ExtopoConnector *cb = b;

  return ca->source == cb->source && ca->target == cb->target && ca->type == cb->type;
}

/* Routing group connectors pair with their reciprocal; so do SMTP and
 * X.400 connectors whose connected routing groups name each other's group. */
static gboolean
connector_is_pairable (ExtopoConnector *connector)
{
  return (connector->type == EXTOPO_CONNECTOR_ROUTING_GROUP ||
          ((connector->type == EXTOPO_CONNECTOR_SMTP || connector->type == EXTOPO_CONNECTOR_X400) &&
           connector->connected_routing_groups->len > 0)) &&
         connector->source != NULL &&
         connector->target != NULL &&
         connector->source != connector->target;
}

/* Pairs reciprocal routing group connectors into two-way connections and
 * gives every other connector a one-way connection of its own. */
static void
build_connections (ExtopoModel *self)
{
  /* (source, target) -> GPtrArray of unpaired connectors with that pair */
  g_autoptr(GHashTable) by_pair = g_hash_table_new_full (routing_pair_hash, routing_pair_equal,
                                                         NULL,
                                                         (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < self->connectors->len; i++)
    {
      ExtopoConnector *connector = g_ptr_array_index (self->connectors, i);
      GPtrArray *list;

      if (!connector_is_pairable (connector))
        continue;

      list = g_hash_table_lookup (by_pair, connector);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (by_pair, connector, list);
        }
      g_ptr_array_add (list, connector);
    }

  for (guint i = 0; i < self->connectors->len; i++)
    {
      ExtopoConnector *connector = g_ptr_array_index (self->connectors, i);
      ExtopoConnection *connection;

      if (connector->connection != NULL)
        continue;

      connection = g_new0 (ExtopoConnection, 1);
      connection->forward = connector;
      connector->connection = connection;

      if (connector_is_pairable (connector))
        {
          ExtopoConnector key = { .source = connector->target, .target = connector->source,
                                  .type = connector->type };
          GPtrArray *list = g_hash_table_lookup (by_pair, &key);

          for (guint j = 0; list != NULL && j < list->len; j++)
            {
              ExtopoConnector *other = g_ptr_array_index (list, j);

              if (other->connection == NULL)
                {
                  connection->reverse = other;
                  connection->two_way = TRUE;
                  other->connection = connection;
                  connector->reciprocal = other;
                  other->reciprocal = connector;
                  break;
                }
            }
        }

      connection->index = self->connections->len;
      g_ptr_array_add (self->connections, connection);
    }
}

/* ------------------------------------------------------------------ */
/* SRS and ADC                                                         */

static void
attach_srs (ExtopoModelBuilder *builder,
            Pending            *pending)
{
  ExtopoModel *self = builder->model;
  const char *dn = extopo_entry_get_dn (pending->entry);
  ExtopoServer *server;
  ExtopoOrganization *org = NULL;

  /* CN=Microsoft Site Replication Service,CN=<server>,... */
  server = extopo_model_lookup_ndn (self, extopo_ndn_skip_rdns (pending->ndn, 1), EXTOPO_OBJECT_SERVER);
  if (server != NULL)
    {
      server->has_srs = TRUE;
      if (server->admin_group != NULL)
        org = server->admin_group->organization;
    }

  if (org == NULL)
    org = find_organization (self, pending->ndn, 0);
  /* An SRS outside every organization still blocks native mode: it is
   * charged to the first organization rather than lost. */
  if (org == NULL)
    org = g_ptr_array_index (self->organizations, 0);

  g_ptr_array_add (org->srs_dns, g_strdup (dn));
}

/* Connection agreements live in CN=Active Directory Connections beside the
 * organizations, under CN=Microsoft Exchange, so they name no organization:
 * they belong to the forest. Each is attached to every organization in the
 * same CN=Microsoft Exchange container (the forest normally holds one), or
 * to every organization when none matches. */
static void
attach_adc (ExtopoModelBuilder *builder,
            Pending            *pending)
{
  ExtopoModel *self = builder->model;
  const char *dn = extopo_entry_get_dn (pending->entry);
  const char *exchange_ndn = extopo_ndn_skip_rdns (pending->ndn, 2);
  gboolean attached = FALSE;

  for (guint i = 0; exchange_ndn != NULL && i < self->organizations->len; i++)
    {
      ExtopoOrganization *org = g_ptr_array_index (self->organizations, i);
      const char *parent = extopo_ndn_skip_rdns (org->ndn, 1);

      if (parent != NULL && strcmp (parent, exchange_ndn) == 0)
        {
          g_ptr_array_add (org->adc_dns, g_strdup (dn));
          attached = TRUE;
        }
    }

  for (guint i = 0; !attached && i < self->organizations->len; i++)
    {
      ExtopoOrganization *org = g_ptr_array_index (self->organizations, i);

      g_ptr_array_add (org->adc_dns, g_strdup (dn));
    }
}

/* ------------------------------------------------------------------ */
/* Ordering                                                            */

/* Objects sort by their container's index (objects without one last), then
 * by name, then by DN so that the order never depends on the input's. */
static int
compare_placed (guint       container_a,
                guint       container_b,
                const char *name_a,
                const char *name_b,
                const char *ndn_a,
                const char *ndn_b)
{
  int result;

  if (container_a != container_b)
    return container_a < container_b ? -1 : 1;
  if ((result = g_ascii_strcasecmp (name_a, name_b)) != 0)
    return result;
  if ((result = strcmp (name_a, name_b)) != 0)
    return result;
  return strcmp (ndn_a, ndn_b);
}

#define CONTAINER_INDEX(container) ((container) != NULL ? (container)->index : G_MAXUINT)

static int
compare_admin_groups (gconstpointer a,
                      gconstpointer b)
{
  const ExtopoAdminGroup *ga = *(ExtopoAdminGroup * const *) a;
  const ExtopoAdminGroup *gb = *(ExtopoAdminGroup * const *) b;

  return compare_placed (CONTAINER_INDEX (ga->organization), CONTAINER_INDEX (gb->organization),
                         ga->name, gb->name, ga->ndn, gb->ndn);
}

static int
compare_routing_groups (gconstpointer a,
                        gconstpointer b)
{
  const ExtopoRoutingGroup *ga = *(ExtopoRoutingGroup * const *) a;
  const ExtopoRoutingGroup *gb = *(ExtopoRoutingGroup * const *) b;

  return compare_placed (CONTAINER_INDEX (ga->admin_group), CONTAINER_INDEX (gb->admin_group),
                         ga->name, gb->name, ga->ndn, gb->ndn);
}

static int
compare_servers (gconstpointer a,
                 gconstpointer b)
{
  const ExtopoServer *sa = *(ExtopoServer * const *) a;
  const ExtopoServer *sb = *(ExtopoServer * const *) b;

  return compare_placed (CONTAINER_INDEX (sa->routing_group), CONTAINER_INDEX (sb->routing_group),
                         sa->name, sb->name, sa->ndn, sb->ndn);
}

static int
compare_connectors (gconstpointer a,
                    gconstpointer b)
{
  const ExtopoConnector *ca = *(ExtopoConnector * const *) a;
  const ExtopoConnector *cb = *(ExtopoConnector * const *) b;

  return compare_placed (CONTAINER_INDEX (ca->source), CONTAINER_INDEX (cb->source),
                         ca->name, cb->name, ca->ndn, cb->ndn);
}

/* ------------------------------------------------------------------ */
/* Building                                                            */

static void
pending_clear (gpointer data)
{
  Pending *pending = data;

  g_free (pending->ndn);
}

/* Classified entries, one list per kind. */
typedef struct
{
  GArray *lists[N_ENTRY_KINDS];
} PendingSet;

static void
pending_set_init (PendingSet *set)
{
  for (guint k = 0; k < N_ENTRY_KINDS; k++)
    {
      set->lists[k] = g_array_new (FALSE, TRUE, sizeof (Pending));
      g_array_set_clear_func (set->lists[k], pending_clear);
    }
}

static void
pending_set_clear (PendingSet *set)
{
  for (guint k = 0; k < N_ENTRY_KINDS; k++)
    g_clear_pointer (&set->lists[k], g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PendingSet, pending_set_clear)

static void
builder_clear (ExtopoModelBuilder *builder)
{
  g_clear_pointer (&builder->ndn_cache, g_hash_table_unref);
  g_clear_pointer (&builder->sites, g_hash_table_unref);
  g_clear_pointer (&builder->members, g_hash_table_unref);
  g_clear_pointer (&builder->groups_by_guid, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ExtopoModelBuilder, builder_clear)

typedef void (*PendingFunc) (ExtopoModelBuilder *builder,
                             Pending *pending);

static void
each_pending (ExtopoModelBuilder *builder,
              PendingSet         *set,
              EntryKind           kind,
              PendingFunc         func)
{
  GArray *list = set->lists[kind];

  for (guint i = 0; i < list->len; i++)
    func (builder, &g_array_index (list, Pending, i));
}

/* Normalizing DNs (every kept entry's, every distinct link value) is most
 * of the build's work: libldap parses and prints each one. Large inputs
 * spread it over a few threads; extopo_dn_normalize() has no shared state. */
#define NORMALIZE_CHUNK_MIN 4096
#define NORMALIZE_THREADS_MAX 4

typedef struct
{
  const char *raw;   /* borrowed from an entry */
  char       *ndn;   /* NULL when it does not parse */
} NormalizeItem;

typedef struct
{
  NormalizeItem *items;
  guint          n_items;
} NormalizeJob;

static gpointer
normalize_worker (gpointer data)
{
  NormalizeJob *job = data;

  for (guint i = 0; i < job->n_items; i++)
    job->items[i].ndn = extopo_dn_normalize (job->items[i].raw, NULL);

  return NULL;
}

static void
normalize_parallel (NormalizeItem *items,
                    guint          n_items)
{
  NormalizeJob jobs[NORMALIZE_THREADS_MAX] = { { NULL, 0 }, };
  GThread *threads[NORMALIZE_THREADS_MAX] = { NULL, };
  guint n_jobs;
  guint per_job;

  n_jobs = MIN (g_get_num_processors (), NORMALIZE_THREADS_MAX);
  n_jobs = CLAMP (n_items / NORMALIZE_CHUNK_MIN, 1, n_jobs);
  per_job = (n_items + n_jobs - 1) / n_jobs;

  for (guint j = 0; j < n_jobs; j++)
    {
      guint first = MIN (j * per_job, n_items);

      jobs[j].items = items + first;
      jobs[j].n_items = MIN (per_job, n_items - first);
    }

  /* The calling thread takes the first share. */
  for (guint j = 1; j < n_jobs; j++)
    threads[j] = g_thread_try_new ("extopo-normalize", normalize_worker, &jobs[j], NULL);
  normalize_worker (&jobs[0]);
  for (guint j = 1; j < n_jobs; j++)
    {
      if (threads[j] != NULL)
        g_thread_join (threads[j]);
      else
        normalize_worker (&jobs[j]);
    }
}

/* Attributes whose DN values the build looks up, by kind of entry. */
static const char * const server_links[] = {
  "msExchHomeRoutingGroup",
  "msExchServerSite",
  NULL
};
static const char * const routing_group_links[] = {
  "msExchRoutingMasterDN",
  "msExchRoutingGroupMembersBL",
  NULL
};
static const char * const connector_links[] = {
  "msExchDestinationRGDN",
  "msExchSourceBridgeheadServersDN",
  "msExchTargetBridgeheadServersDN",
  "homeMTA",
  NULL
};

static const char *const *
entry_kind_get_links (EntryKind kind)
{
  static const char * const no_links[] = { NULL };

  switch (kind)
    {
    case ENTRY_KIND_SERVER:
      return server_links;
    case ENTRY_KIND_ROUTING_GROUP:
      return routing_group_links;
    case ENTRY_KIND_CONNECTOR:
      return connector_links;
    case ENTRY_KIND_OTHER:
    case ENTRY_KIND_ORGANIZATION:
    case ENTRY_KIND_ADMIN_GROUP:
    case ENTRY_KIND_SRS:
    case ENTRY_KIND_ADC:
    case ENTRY_KIND_SKIP:
    case N_ENTRY_KINDS:
    default:
      return no_links;
    }
}

/* Normalizes every classified entry's DN and every distinct link value,
 * filling @classified's ndn fields and @builder's cache. Fails on the first
 * entry DN that does not parse, naming its line. */
static gboolean
normalize_all (ExtopoModelBuilder  *builder,
               GArray              *classified,
               const char          *source_name,
               GError             **error)
{
  /* Never sized 0: an input with no classified entry still normalizes
   * nothing through a valid array. */
  g_autoptr(GArray) items = g_array_sized_new (FALSE, FALSE, sizeof (NormalizeItem),
                                               classified->len * 2 + 1);
  g_autoptr(GHashTable) seen = g_hash_table_new (dn_hash, g_str_equal);
  guint n_entries = classified->len;

  for (guint i = 0; i < n_entries; i++)
    {
      ExtopoEntry *entry = g_array_index (classified, Pending, i).entry;
      NormalizeItem item = { extopo_entry_get_dn (entry), NULL };

      g_array_append_val (items, item);
    }

  /* Link values after the entries, each distinct spelling once. */
  for (guint i = 0; i < n_entries; i++)
    {
      Pending *pending = &g_array_index (classified, Pending, i);
      const char * const *links = entry_kind_get_links (pending->info->kind);

      for (guint a = 0; links[a] != NULL; a++)
        {
          const char **values;
          guint n_values;

          values = extopo_entry_get_strings (pending->entry, links[a], &n_values);
          for (guint v = 0; v < n_values; v++)
            {
              NormalizeItem item = { values[v], NULL };

              if (g_hash_table_add (seen, (gpointer) values[v]))
                g_array_append_val (items, item);
            }
        }
    }

  /* An empty GArray has no storage: no pointer to hand out, nothing to do. */
  if (items->len > 0)
    normalize_parallel (&g_array_index (items, NormalizeItem, 0), items->len);

  for (guint i = n_entries; i < items->len; i++)
    {
      NormalizeItem *item = &g_array_index (items, NormalizeItem, i);

      g_hash_table_insert (builder->ndn_cache, (gpointer) item->raw, item->ndn);
    }

  for (guint i = 0; i < n_entries; i++)
    g_array_index (classified, Pending, i).ndn = g_array_index (items, NormalizeItem, i).ndn;

  /* Report the earliest bad entry, with libldap's reason. */
  for (guint i = 0; i < n_entries; i++)
    {
      ExtopoEntry *entry = g_array_index (classified, Pending, i).entry;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *ndn = NULL;

      if (g_array_index (classified, Pending, i).ndn != NULL)
        continue;

      ndn = extopo_dn_normalize (extopo_entry_get_dn (entry), &local_error);
      g_assert (ndn == NULL && local_error != NULL);
      if (extopo_entry_get_line (entry) > 0)
        g_set_error (error, EXTOPO_MODEL_ERROR, EXTOPO_MODEL_ERROR_INVALID_DN,
                     "%s:%u: %s", source_name, extopo_entry_get_line (entry),
                     local_error->message);
      else
        g_set_error (error, EXTOPO_MODEL_ERROR, EXTOPO_MODEL_ERROR_INVALID_DN,
                     "%s: %s", source_name, local_error->message);
      return FALSE;
    }

  return TRUE;
}

ExtopoModel *
extopo_model_new_from_entries (GPtrArray   *entries,
                               const char  *source_name,
                               GError     **error)
{
  g_autoptr(ExtopoModel) self = NULL;
  g_auto(PendingSet) pending = { { NULL, } };
  g_auto(ExtopoModelBuilder) builder = { NULL, };
  g_autoptr(GArray) classified = NULL;

  g_return_val_if_fail (entries != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (EXTOPO_TYPE_MODEL, NULL);
  self->source_name = g_strdup (source_name != NULL ? source_name : "");

  pending_set_init (&pending);

  /* Pass 1: classify by objectClass, then normalize the DNs of what we keep. */
  classified = g_array_new (FALSE, TRUE, sizeof (Pending));
  g_array_set_clear_func (classified, pending_clear);
  for (guint i = 0; i < entries->len; i++)
    {
      ExtopoEntry *entry = g_ptr_array_index (entries, i);
      Pending item = { entry, classify_entry (entry), NULL };

      /* Only what describes Exchange objects counts: an LDIF export holds
       * containers and protocol objects a live fetch never asks for. */
      if (item.info != NULL)
        self->n_entries++;

      /* Tombstones keep their versions and classes: a deleted Exchange 5.5
       * server would still block native mode. They are not part of the
       * organization. */
      if (extopo_model_entry_is_deleted (entry))
        {
          self->n_deleted_skipped++;
          continue;
        }

      if (item.info != NULL && item.info->kind != ENTRY_KIND_SKIP)
        g_array_append_val (classified, item);
    }

  builder.model = self;
  builder.ndn_cache = g_hash_table_new_full (dn_hash, g_str_equal, NULL, g_free);
  builder.sites = g_hash_table_new (dn_hash, g_str_equal);
  builder.members = g_hash_table_new (dn_hash, g_str_equal);
  builder.groups_by_guid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!normalize_all (&builder, classified, self->source_name, error))
    return NULL;

  /* The lists take over the normalized DNs. */
  for (guint i = 0; i < classified->len; i++)
    {
      Pending *item = &g_array_index (classified, Pending, i);

      g_array_append_val (pending.lists[item->info->kind], *item);
      item->ndn = NULL;
    }

  if (pending.lists[ENTRY_KIND_ORGANIZATION]->len == 0)
    {
      g_set_error (error, EXTOPO_MODEL_ERROR, EXTOPO_MODEL_ERROR_NO_ORGANIZATION,
                   _("%s: no Exchange organization (an msExchOrganizationContainer object) "
                     "in the directory data"),
                   self->source_name);
      return NULL;
    }

  /* Pass 2: objects top-down, each linking to the containers made before it. */
  each_pending (&builder, &pending, ENTRY_KIND_ORGANIZATION, build_organization);
  each_pending (&builder, &pending, ENTRY_KIND_ADMIN_GROUP, build_admin_group);
  g_ptr_array_sort (self->admin_groups, compare_admin_groups);
  for (guint i = 0; i < self->admin_groups->len; i++)
    {
      ExtopoAdminGroup *group = g_ptr_array_index (self->admin_groups, i);

      group->index = i;
      if (group->organization != NULL)
        g_ptr_array_add (group->organization->admin_groups, group);
    }

  each_pending (&builder, &pending, ENTRY_KIND_ROUTING_GROUP, build_routing_group);
  g_ptr_array_sort (self->routing_groups, compare_routing_groups);
  for (guint i = 0; i < self->routing_groups->len; i++)
    {
      ExtopoRoutingGroup *group = g_ptr_array_index (self->routing_groups, i);

      group->index = i;
      if (group->admin_group != NULL)
        g_ptr_array_add (group->admin_group->routing_groups, group);
    }
  extopo_model_index_routing_groups (&builder);

  each_pending (&builder, &pending, ENTRY_KIND_SERVER, build_server);
  for (guint i = 0; i < self->servers->len; i++)
    link_server_routing_group (&builder, g_ptr_array_index (self->servers, i));
  g_ptr_array_sort (self->servers, compare_servers);
  for (guint i = 0; i < self->servers->len; i++)
    {
      ExtopoServer *server = g_ptr_array_index (self->servers, i);

      server->index = i;
      if (server->admin_group != NULL)
        g_ptr_array_add (server->admin_group->servers, server);
      if (server->routing_group != NULL)
        g_ptr_array_add (server->routing_group->servers, server);
    }
  extopo_model_build_sites (&builder);

  /* Masters need the servers. */
  for (guint i = 0; i < self->routing_groups->len; i++)
    {
      ExtopoRoutingGroup *group = g_ptr_array_index (self->routing_groups, i);

      if (group->master_dn == NULL)
        continue;

      group->master = extopo_model_lookup_ndn (self, extopo_model_builder_normalize (&builder, group->master_dn),
                                               EXTOPO_OBJECT_SERVER);
      if (group->master == NULL)
        extopo_model_add_dangling (self, group->dn, EXTOPO_OBJECT_ROUTING_GROUP, group,
                                   "msExchRoutingMasterDN", group->master_dn);
    }

  each_pending (&builder, &pending, ENTRY_KIND_CONNECTOR, build_connector);
  g_ptr_array_sort (self->connectors, compare_connectors);
  for (guint i = 0; i < self->connectors->len; i++)
    {
      ExtopoConnector *connector = g_ptr_array_index (self->connectors, i);

      connector->index = i;
      if (connector->source != NULL)
        g_ptr_array_add (connector->source->connectors, connector);
    }
  build_connections (self);

  each_pending (&builder, &pending, ENTRY_KIND_SRS, attach_srs);
  each_pending (&builder, &pending, ENTRY_KIND_ADC, attach_adc);

  return g_steal_pointer (&self);
}

/* ------------------------------------------------------------------ */
/* Accessors                                                           */

GDateTime *
extopo_model_get_snapshot_date (ExtopoModel *self)
{
  g_return_val_if_fail (EXTOPO_IS_MODEL (self), NULL);

  return self->snapshot_date;
}

void
extopo_model_set_snapshot_date (ExtopoModel *self,
                                GDateTime   *date)
{
  g_return_if_fail (EXTOPO_IS_MODEL (self));

  if (date != NULL)
    g_date_time_ref (date);
  g_clear_pointer (&self->snapshot_date, g_date_time_unref);
  self->snapshot_date = date;
}

const char *
extopo_model_get_source_name (ExtopoModel *self)
{
  g_return_val_if_fail (EXTOPO_IS_MODEL (self), NULL);

  return self->source_name;
}

GPtrArray *
extopo_model_get_organizations (ExtopoModel *self)
{
  g_return_val_if_fail (EXTOPO_IS_MODEL (self), NULL);

  return self->organizations;
}

GPtrArray *
extopo_model_get_admin_groups (ExtopoModel *self)
{
  g_return_val_if_fail (EXTOPO_IS_MODEL (self), NULL);

  return self->admin_groups;
}

GPtrArray *
extopo_model_get_routing_groups (ExtopoModel *self)
{
  g_return_val_if_fail (EXTOPO_IS_MODEL (self), NULL);

  return self->routing_groups;
}

GPtrArray *
extopo_model_get_servers (ExtopoModel *self)
{
  g_return_val_if_fail (EXTOPO_IS_MODEL (self), NULL);

  return self->servers;
}

GPtrArray *
extopo_model_get_connectors (ExtopoModel *self)
{
  g_return_val_if_fail (EXTOPO_IS_MODEL (self), NULL);

  return self->connectors;
}

GPtrArray *
extopo_model_get_connections (ExtopoModel *self)
{
  g_return_val_if_fail (EXTOPO_IS_MODEL (self), NULL);

  return self->connections;
}

GPtrArray *
extopo_model_get_sites (ExtopoModel *self)
{
  g_return_val_if_fail (EXTOPO_IS_MODEL (self), NULL);

  return self->sites;
}

void
extopo_model_add_site (ExtopoModel *self,
                       ExtopoSite  *site)
{
  site->index = self->sites->len;
  g_ptr_array_add (self->sites, site);
}

guint
extopo_model_get_n_entries (ExtopoModel *self)
{
  g_return_val_if_fail (EXTOPO_IS_MODEL (self), 0);

  return self->n_entries;
}

guint
extopo_model_get_n_deleted_skipped (ExtopoModel *self)
{
  g_return_val_if_fail (EXTOPO_IS_MODEL (self), 0);

  return self->n_deleted_skipped;
}

gboolean
extopo_model_get_findings_evaluated (ExtopoModel *self)
{
  g_return_val_if_fail (EXTOPO_IS_MODEL (self), FALSE);

  return self->findings_evaluated;
}

GPtrArray *
extopo_model_get_dangling_refs (ExtopoModel *self)
{
  g_return_val_if_fail (EXTOPO_IS_MODEL (self), NULL);

  return self->dangling_refs;
}

GPtrArray *
extopo_model_get_findings (ExtopoModel *self)
{
  g_return_val_if_fail (EXTOPO_IS_MODEL (self), NULL);

  return self->findings;
}

static GPtrArray *
object_get_findings (ExtopoObjectKind kind,
                     gpointer         object)
{
  if (object == NULL)
    return NULL;

  switch (kind)
    {
    case EXTOPO_OBJECT_ORGANIZATION:
      return ((ExtopoOrganization *) object)->findings;
    case EXTOPO_OBJECT_ADMIN_GROUP:
      return ((ExtopoAdminGroup *) object)->findings;
    case EXTOPO_OBJECT_ROUTING_GROUP:
      return ((ExtopoRoutingGroup *) object)->findings;
    case EXTOPO_OBJECT_SERVER:
      return ((ExtopoServer *) object)->findings;
    case EXTOPO_OBJECT_CONNECTOR:
      return ((ExtopoConnector *) object)->findings;
    case EXTOPO_OBJECT_SITE:
      return ((ExtopoSite *) object)->findings;
    case EXTOPO_OBJECT_NONE:
    default:
      return NULL;
    }
}

/* Takes a reference to @findings (ExtopoFinding*, owned by the array) and
 * links each to its subject's `findings`, replacing any earlier set. */
void
extopo_model_set_findings (ExtopoModel *self,
                           GPtrArray   *findings)
{
  g_return_if_fail (EXTOPO_IS_MODEL (self));
  g_return_if_fail (findings != NULL);

  /* Unlink the earlier set from every subject that holds part of it. */
  for (guint i = 0; self->findings != NULL && i < self->findings->len; i++)
    {
      ExtopoFinding *finding = g_ptr_array_index (self->findings, i);
      GPtrArray *list = object_get_findings (finding->subject_kind, finding->subject);

      if (list != NULL)
        g_ptr_array_set_size (list, 0);
    }

  g_ptr_array_ref (findings);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  self->findings = findings;
  self->findings_evaluated = TRUE;

  for (guint i = 0; i < findings->len; i++)
    {
      ExtopoFinding *finding = g_ptr_array_index (findings, i);
      GPtrArray *list = object_get_findings (finding->subject_kind, finding->subject);

      if (list != NULL)
        g_ptr_array_add (list, finding);
    }
}

gpointer
extopo_model_lookup (ExtopoModel      *self,
                     const char       *dn,
                     ExtopoObjectKind *kind)
{
  g_autofree char *ndn = NULL;
  ObjectRef *ref = NULL;

  if (kind != NULL)
    *kind = EXTOPO_OBJECT_NONE;

  g_return_val_if_fail (EXTOPO_IS_MODEL (self), NULL);
  g_return_val_if_fail (dn != NULL, NULL);

  ndn = extopo_dn_normalize (dn, NULL);
  if (ndn != NULL)
    ref = g_hash_table_lookup (self->objects, ndn);
  if (ref == NULL)
    return NULL;

  if (kind != NULL)
    *kind = ref->kind;
  return ref->object;
}

static gpointer
model_lookup_kind (ExtopoModel      *self,
                   const char       *dn,
                   ExtopoObjectKind  wanted)
{
  ExtopoObjectKind kind;
  gpointer object = extopo_model_lookup (self, dn, &kind);

  return kind == wanted ? object : NULL;
}

ExtopoServer *
extopo_model_lookup_server (ExtopoModel *self,
                            const char  *dn)
{
  g_return_val_if_fail (EXTOPO_IS_MODEL (self), NULL);
  g_return_val_if_fail (dn != NULL, NULL);

  return model_lookup_kind (self, dn, EXTOPO_OBJECT_SERVER);
}

ExtopoRoutingGroup *
extopo_model_lookup_routing_group (ExtopoModel *self,
                                   const char  *dn)
{
  g_return_val_if_fail (EXTOPO_IS_MODEL (self), NULL);
  g_return_val_if_fail (dn != NULL, NULL);

  return model_lookup_kind (self, dn, EXTOPO_OBJECT_ROUTING_GROUP);
}

const char *
extopo_model_object_get_name (ExtopoObjectKind kind,
                              gpointer         object)
{
  g_return_val_if_fail (object != NULL, NULL);

  switch (kind)
    {
    case EXTOPO_OBJECT_ORGANIZATION:
      return ((ExtopoOrganization *) object)->name;
    case EXTOPO_OBJECT_ADMIN_GROUP:
      return ((ExtopoAdminGroup *) object)->name;
    case EXTOPO_OBJECT_ROUTING_GROUP:
      return ((ExtopoRoutingGroup *) object)->name;
    case EXTOPO_OBJECT_SERVER:
      return ((ExtopoServer *) object)->name;
    case EXTOPO_OBJECT_CONNECTOR:
      return ((ExtopoConnector *) object)->name;
    case EXTOPO_OBJECT_SITE:
      return ((ExtopoSite *) object)->name;
    case EXTOPO_OBJECT_NONE:
    default:
      return NULL;
    }
}

const char *
extopo_model_object_get_dn (ExtopoObjectKind kind,
                            gpointer         object)
{
  g_return_val_if_fail (object != NULL, NULL);

  switch (kind)
    {
    case EXTOPO_OBJECT_ORGANIZATION:
      return ((ExtopoOrganization *) object)->dn;
    case EXTOPO_OBJECT_ADMIN_GROUP:
      return ((ExtopoAdminGroup *) object)->dn;
    case EXTOPO_OBJECT_ROUTING_GROUP:
      return ((ExtopoRoutingGroup *) object)->dn;
    case EXTOPO_OBJECT_SERVER:
      return ((ExtopoServer *) object)->dn;
    case EXTOPO_OBJECT_CONNECTOR:
      return ((ExtopoConnector *) object)->dn;
    case EXTOPO_OBJECT_SITE:
      return ((ExtopoSite *) object)->dn;
    case EXTOPO_OBJECT_NONE:
    default:
      return NULL;
    }
}

const char *
extopo_org_mode_to_string (ExtopoOrgMode mode)
{
  switch (mode)
    {
    case EXTOPO_ORG_MODE_NATIVE:
      return "native";
    case EXTOPO_ORG_MODE_MIXED:
      return "mixed";
    case EXTOPO_ORG_MODE_UNSET:
    default:
      return "unset";
    }
}

const char *
extopo_connector_type_to_string (ExtopoConnectorType type)
{
  switch (type)
    {
    case EXTOPO_CONNECTOR_ROUTING_GROUP:
      return "routing-group";
    case EXTOPO_CONNECTOR_SMTP:
      return "smtp";
    case EXTOPO_CONNECTOR_SEND:
      return "send";
    case EXTOPO_CONNECTOR_X400:
      return "x400";
    case EXTOPO_CONNECTOR_NOTES:
      return "notes";
    case EXTOPO_CONNECTOR_GROUPWISE:
      return "groupwise";
    case EXTOPO_CONNECTOR_CCMAIL:
      return "ccmail";
    case EXTOPO_CONNECTOR_MSMAIL:
      return "msmail";
    case EXTOPO_CONNECTOR_CALENDAR:
      return "calendar";
    case EXTOPO_CONNECTOR_GATEWAY:
      return "gateway";
    default:
      return "unknown";
    }
}

const char *
extopo_connector_type_get_display_name (ExtopoConnectorType type)
{
  switch (type)
    {
    case EXTOPO_CONNECTOR_ROUTING_GROUP:
      return _("Routing group connector");
    case EXTOPO_CONNECTOR_SMTP:
      return _("SMTP connector");
    case EXTOPO_CONNECTOR_SEND:
      return _("Send connector");
    case EXTOPO_CONNECTOR_X400:
      return _("X.400 connector");
    case EXTOPO_CONNECTOR_NOTES:
      return _("Lotus Notes connector");
    case EXTOPO_CONNECTOR_GROUPWISE:
      return _("Novell GroupWise connector");
    case EXTOPO_CONNECTOR_CCMAIL:
      return _("Lotus cc:Mail connector");
    case EXTOPO_CONNECTOR_MSMAIL:
      return _("Microsoft Mail connector");
    case EXTOPO_CONNECTOR_CALENDAR:
      return _("Calendar connector");
    case EXTOPO_CONNECTOR_GATEWAY:
      return _("Mail gateway");
    default:
      return _("Connector");
    }
}

gboolean
extopo_connector_type_is_foreign (ExtopoConnectorType type)
{
  return type >= EXTOPO_CONNECTOR_NOTES && type <= EXTOPO_CONNECTOR_GATEWAY;
}

const char *
extopo_cluster_type_to_string (ExtopoClusterType cluster)
{
  switch (cluster)
    {
    case EXTOPO_CLUSTER_CCR:
      return "CCR";
    case EXTOPO_CLUSTER_SCC:
      return "SCC";
    case EXTOPO_CLUSTER_NONE:
    default:
      return NULL;
    }
}

ExtopoOrganization *
extopo_model_object_get_organization (ExtopoObjectKind kind,
                                      gpointer         object)
{
  ExtopoAdminGroup *admin_group = NULL;

  if (object == NULL)
    return NULL;

  switch (kind)
    {
    case EXTOPO_OBJECT_ORGANIZATION:
      return object;
    case EXTOPO_OBJECT_ADMIN_GROUP:
      admin_group = object;
      break;
    case EXTOPO_OBJECT_ROUTING_GROUP:
      admin_group = ((ExtopoRoutingGroup *) object)->admin_group;
      break;
    case EXTOPO_OBJECT_SERVER:
      admin_group = ((ExtopoServer *) object)->admin_group;
      if (admin_group == NULL && ((ExtopoServer *) object)->routing_group != NULL)
        admin_group = ((ExtopoServer *) object)->routing_group->admin_group;
      break;
    case EXTOPO_OBJECT_CONNECTOR:
      if (((ExtopoConnector *) object)->source != NULL)
        admin_group = ((ExtopoConnector *) object)->source->admin_group;
      break;
    case EXTOPO_OBJECT_SITE:
      return ((ExtopoSite *) object)->organization;
    case EXTOPO_OBJECT_NONE:
    default:
      return NULL;
    }

  return admin_group != NULL ? admin_group->organization : NULL;
}

const char *
extopo_status_to_string (ExtopoStatus status)
{
  switch (status)
    {
    case EXTOPO_STATUS_OK:
      return "ok";
    case EXTOPO_STATUS_WARNING:
      return "warning";
    case EXTOPO_STATUS_ERROR:
      return "error";
    case EXTOPO_STATUS_UNSUPPORTED:
      return "unsupported";
    default:
      return "unknown";
    }
}

const char *
extopo_status_get_label (ExtopoStatus status)
{
  switch (status)
    {
    case EXTOPO_STATUS_OK:
      return _("OK");
    case EXTOPO_STATUS_WARNING:
      return _("Warning");
    case EXTOPO_STATUS_ERROR:
      return _("Error");
    case EXTOPO_STATUS_UNSUPPORTED:
      return _("Unsupported");
    default:
      return _("Unknown");
    }
}

const char *
extopo_severity_to_string (ExtopoSeverity severity)
{
  switch (severity)
    {
    case EXTOPO_SEVERITY_ERROR:
      return "error";
    case EXTOPO_SEVERITY_WARNING:
      return "warning";
    case EXTOPO_SEVERITY_INFO:
      return "info";
    default:
      return "unknown";
    }
}
