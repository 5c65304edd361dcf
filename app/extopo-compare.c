/* extopo-compare.c: what changed between two snapshots of an organization.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-compare"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "extopo-compare.h"
#include "extopo-dn.h"
#include "extopo-layout.h"

static const char * const fields[] = {
  "name", "administrative_group", "routing_group", "product", "version", "service_pack",
  "cumulative_update", "roles", "status", "cost", "source_bridgeheads", "target_bridgeheads",
  "two_way", "mode", NULL,
};

const char *const *
extopo_compare_get_fields (void)
{
  return fields;
}

/* ------------------------------------------------------------------ */
/* Records                                                             */

static void
field_change_free (gpointer data)
{
  ExtopoFieldChange *change = data;

  g_free (change->old_value);
  g_free (change->new_value);
  g_free (change->old_text);
  g_free (change->new_text);
  g_free (change);
}

static void
object_change_free (gpointer data)
{
  ExtopoObjectChange *change = data;

  g_free (change->name);
  g_free (change->dn);
  g_free (change->guid);
  g_free (change->detail);
  g_free (change->routing_group_dn);
  g_free (change->admin_group_dn);
  g_free (change->new_routing_group_dn);
  g_free (change->new_admin_group_dn);
  g_ptr_array_unref (change->fields);
  g_free (change);
}

static void
finding_change_free (gpointer data)
{
  ExtopoFindingChange *change = data;

  g_free (change->subject_name);
  g_free (change->subject_dn);
  g_free (change->message);
  g_free (change);
}

static void
snapshot_side_clear (ExtopoSnapshotSide *side)
{
  g_clear_pointer (&side->source, g_free);
  g_clear_pointer (&side->date, g_date_time_unref);
}

void
extopo_change_set_free (ExtopoChangeSet *set)
{
  if (set == NULL || !g_atomic_int_dec_and_test (&set->ref_count))
    return;

  snapshot_side_clear (&set->from);
  snapshot_side_clear (&set->to);
  g_ptr_array_unref (set->organizations);
  g_ptr_array_unref (set->admin_groups);
  g_ptr_array_unref (set->routing_groups);
  g_ptr_array_unref (set->servers);
  g_ptr_array_unref (set->connectors);
  g_ptr_array_unref (set->findings);
  g_free (set);
}

ExtopoChangeSet *
extopo_change_set_ref (ExtopoChangeSet *set)
{
  g_return_val_if_fail (set != NULL, NULL);

  g_atomic_int_inc (&set->ref_count);

  return set;
}

gboolean
extopo_change_set_is_empty (const ExtopoChangeSet *set)
{
  g_return_val_if_fail (set != NULL, TRUE);

  return set->from.readiness == set->to.readiness &&
         set->organizations->len == 0 && set->admin_groups->len == 0 &&
         set->routing_groups->len == 0 && set->servers->len == 0 &&
         set->connectors->len == 0 && set->findings->len == 0;
}

guint
extopo_change_set_count (GPtrArray        *changes,
                         ExtopoChangeKind  kind)
{
  guint n = 0;

  g_return_val_if_fail (changes != NULL, 0);

  for (guint i = 0; i < changes->len; i++)
    if (((ExtopoObjectChange *) g_ptr_array_index (changes, i))->kind == kind)
      n++;

  return n;
}

const ExtopoFieldChange *
extopo_object_change_get_field (const ExtopoObjectChange *change,
                                const char               *field)
{
  g_return_val_if_fail (change != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  for (guint i = 0; i < change->fields->len; i++)
    {
      const ExtopoFieldChange *field_change = g_ptr_array_index (change->fields, i);

      if (strcmp (field_change->field, field) == 0)
        return field_change;
    }

  return NULL;
}

/* Takes @old_value and @new_value; the texts default to the values. */
static void
add_field (ExtopoObjectChange *change,
           const char         *field,
           char               *old_value,
           char               *new_value,
           char               *old_text,
           char               *new_text)
{
  ExtopoFieldChange *field_change = g_new0 (ExtopoFieldChange, 1);

  field_change->field = field;
  field_change->old_value = old_value;
  field_change->new_value = new_value;
  field_change->old_text = old_text != NULL ? old_text : g_strdup (old_value);
  field_change->new_text = new_text != NULL ? new_text : g_strdup (new_value);
  g_ptr_array_add (change->fields, field_change);
}

static void
add_string_field (ExtopoObjectChange *change,
                  const char         *field,
                  const char         *old_value,
                  const char         *new_value)
{
  if (g_strcmp0 (old_value, new_value) != 0)
    add_field (change, field, g_strdup (old_value), g_strdup (new_value), NULL, NULL);
}

/* ------------------------------------------------------------------ */
/* Matching                                                            */

typedef struct
{
  ExtopoModel *old_model;
  ExtopoModel *new_model;
  /* newer object -> its older self, every kind, and the other way */
  GHashTable  *old_for_new;
  GHashTable  *new_for_old;
  /* older objects with a newer self */
  GHashTable  *matched;
} Comparer;

typedef void (*CompareFieldsFunc) (Comparer           *comparer,
                                   ExtopoObjectChange *change,
                                   gpointer            old_object,
                                   gpointer            new_object);
typedef char *(*DescribeFunc) (gpointer object);

static const char *
object_get_guid (ExtopoObjectKind kind,
                 gpointer         object)
{
  switch (kind)
    {
    case EXTOPO_OBJECT_ORGANIZATION:
      return ((ExtopoOrganization *) object)->guid;
    case EXTOPO_OBJECT_ADMIN_GROUP:
      return ((ExtopoAdminGroup *) object)->guid;
    case EXTOPO_OBJECT_ROUTING_GROUP:
      return ((ExtopoRoutingGroup *) object)->guid;
    case EXTOPO_OBJECT_SERVER:
      return ((ExtopoServer *) object)->guid;
    case EXTOPO_OBJECT_CONNECTOR:
      return ((ExtopoConnector *) object)->guid;
    case EXTOPO_OBJECT_SITE:
    case EXTOPO_OBJECT_NONE:
    default:
      return NULL;
    }
}

static const char *
object_get_ndn (ExtopoObjectKind kind,
                gpointer         object)
{
  switch (kind)
    {
    case EXTOPO_OBJECT_ORGANIZATION:
      return ((ExtopoOrganization *) object)->ndn;
    case EXTOPO_OBJECT_ADMIN_GROUP:
      return ((ExtopoAdminGroup *) object)->ndn;
    case EXTOPO_OBJECT_ROUTING_GROUP:
      return ((ExtopoRoutingGroup *) object)->ndn;
    case EXTOPO_OBJECT_SERVER:
      return ((ExtopoServer *) object)->ndn;
    case EXTOPO_OBJECT_CONNECTOR:
      return ((ExtopoConnector *) object)->ndn;
    case EXTOPO_OBJECT_SITE:
      return ((ExtopoSite *) object)->ndn;
    case EXTOPO_OBJECT_NONE:
    default:
      return NULL;
    }
}

/* The older self of @new_object, or NULL. */
static gpointer
comparer_old_for (Comparer *comparer,
                  gpointer  new_object)
{
  return new_object != NULL ? g_hash_table_lookup (comparer->old_for_new, new_object) : NULL;
}

static ExtopoObjectChange *
object_change_new (ExtopoChangeKind kind,
                   ExtopoObjectKind object_kind,
                   gpointer         object)
{
  ExtopoObjectChange *change = g_new0 (ExtopoObjectChange, 1);

  change->kind = kind;
  change->object_kind = object_kind;
  change->name = g_strdup (extopo_model_object_get_name (object_kind, object));
  change->dn = g_strdup (extopo_model_object_get_dn (object_kind, object));
  change->guid = g_strdup (object_get_guid (object_kind, object));
  change->fields = g_ptr_array_new_with_free_func (field_change_free);

  return change;
}

/* Finds each newer object's older self: by objectGUID when both carry
 * one, else by normalized DN. Two objects at one DN with different GUIDs
 * are two objects: one removed, one made anew. */
static void
match_objects (Comparer         *comparer,
               ExtopoObjectKind  kind,
               GPtrArray        *old_objects,
               GPtrArray        *new_objects)
{
  g_autoptr(GHashTable) by_guid = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_ndn = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < old_objects->len; i++)
    {
      gpointer object = g_ptr_array_index (old_objects, i);
      const char *guid = object_get_guid (kind, object);

      if (guid != NULL && !g_hash_table_contains (by_guid, guid))
        g_hash_table_insert (by_guid, (gpointer) guid, object);
      if (!g_hash_table_contains (by_ndn, object_get_ndn (kind, object)))
        g_hash_table_insert (by_ndn, (gpointer) object_get_ndn (kind, object), object);
    }

  for (guint i = 0; i < new_objects->len; i++)
    {
      gpointer object = g_ptr_array_index (new_objects, i);
      const char *guid = object_get_guid (kind, object);
      gpointer old = NULL;

      if (guid != NULL)
        old = g_hash_table_lookup (by_guid, guid);
      if (old == NULL)
        {
          old = g_hash_table_lookup (by_ndn, object_get_ndn (kind, object));
          if (old != NULL && guid != NULL && object_get_guid (kind, old) != NULL)
            old = NULL;
        }
      if (old == NULL || g_hash_table_contains (comparer->matched, old))
        continue;

      g_hash_table_add (comparer->matched, old);
      g_hash_table_insert (comparer->old_for_new, object, old);
      g_hash_table_insert (comparer->new_for_old, old, object);
    }
}

/* Matches the objects of one kind, then lists what was added and changed
 * (in the newer order) and what was removed (in the older order). */
static GPtrArray *
compare_kind (Comparer          *comparer,
              ExtopoObjectKind   kind,
              GPtrArray         *old_objects,
              GPtrArray         *new_objects,
              CompareFieldsFunc  compare_fields,
              DescribeFunc       describe)
{
  GPtrArray *changes = g_ptr_array_new_with_free_func (object_change_free);

  match_objects (comparer, kind, old_objects, new_objects);

  for (guint i = 0; i < new_objects->len; i++)
    {
      gpointer object = g_ptr_array_index (new_objects, i);
      gpointer old = comparer_old_for (comparer, object);
      ExtopoObjectChange *change;

      if (old == NULL)
        {
          change = object_change_new (EXTOPO_CHANGE_ADDED, kind, object);
          change->detail = describe != NULL ? describe (object) : NULL;
          g_ptr_array_add (changes, change);
          continue;
        }

      change = object_change_new (EXTOPO_CHANGE_CHANGED, kind, object);
      add_string_field (change, "name", extopo_model_object_get_name (kind, old),
                        extopo_model_object_get_name (kind, object));
      if (compare_fields != NULL)
        compare_fields (comparer, change, old, object);
      if (change->fields->len > 0)
        g_ptr_array_add (changes, change);
      else
        object_change_free (change);
    }

  for (guint i = 0; i < old_objects->len; i++)
    {
      gpointer old = g_ptr_array_index (old_objects, i);
      ExtopoObjectChange *change;

      if (g_hash_table_contains (comparer->matched, old))
        continue;
      change = object_change_new (EXTOPO_CHANGE_REMOVED, kind, old);
      change->detail = describe != NULL ? describe (old) : NULL;
      /* Where a retired server was, for marking its groups, and where
       * those groups are now (renamed, perhaps), for drawing it there. */
      if (kind == EXTOPO_OBJECT_SERVER)
        {
          ExtopoServer *server = old;
          ExtopoRoutingGroup *routing_group = g_hash_table_lookup (comparer->new_for_old,
                                                                   server->routing_group);
          ExtopoAdminGroup *admin_group = g_hash_table_lookup (comparer->new_for_old,
                                                               server->admin_group);

          change->routing_group_dn = server->routing_group != NULL
                                     ? g_strdup (server->routing_group->dn) : NULL;
          change->admin_group_dn = server->admin_group != NULL
                                   ? g_strdup (server->admin_group->dn) : NULL;
          change->new_routing_group_dn = routing_group != NULL
                                         ? g_strdup (routing_group->dn) : NULL;
          change->new_admin_group_dn = admin_group != NULL ? g_strdup (admin_group->dn) : NULL;
        }
      g_ptr_array_add (changes, change);
    }

  return changes;
}

/* ------------------------------------------------------------------ */
/* Fields by kind of object                                            */

static const char *
org_mode_get_display_name (ExtopoOrgMode mode)
{
  switch (mode)
    {
    case EXTOPO_ORG_MODE_NATIVE:
      return _("native mode");
    case EXTOPO_ORG_MODE_MIXED:
      return _("mixed mode");
    case EXTOPO_ORG_MODE_UNSET:
    default:
      return _("mode not set (mixed)");
    }
}

static void
compare_organizations (Comparer           *comparer,
                       ExtopoObjectChange *change,
                       gpointer            old_object,
                       gpointer            new_object)
{
  ExtopoOrganization *old = old_object;
  ExtopoOrganization *org = new_object;

  if (old->mode != org->mode)
    add_field (change, "mode", g_strdup (extopo_org_mode_to_string (old->mode)),
               g_strdup (extopo_org_mode_to_string (org->mode)),
               g_strdup (org_mode_get_display_name (old->mode)),
               g_strdup (org_mode_get_display_name (org->mode)));
}

/* A change of container: @old_group is the older object's, @new_group the
 * newer's; the object moved unless @new_group's older self is @old_group. */
static void
compare_container (Comparer           *comparer,
                   ExtopoObjectChange *change,
                   const char         *field,
                   ExtopoObjectKind    kind,
                   gpointer            old_group,
                   gpointer            new_group)
{
  if (comparer_old_for (comparer, new_group) == old_group &&
      (old_group != NULL || new_group == NULL))
    return;

  add_field (change, field,
             g_strdup (old_group != NULL ? extopo_model_object_get_name (kind, old_group) : NULL),
             g_strdup (new_group != NULL ? extopo_model_object_get_name (kind, new_group) : NULL),
             NULL, NULL);
}

static gboolean
version_equal (const ExtopoVersion *a,
               const ExtopoVersion *b)
{
  return a->known == b->known && a->product == b->product && a->major == b->major &&
         a->minor == b->minor && a->build == b->build && a->revision == b->revision &&
         a->service_pack == b->service_pack && a->cumulative_update == b->cumulative_update;
}

/* "Exchange Server 2003 SP2 (6.5.7638.2)"; translated. */
static char *
version_text (const ExtopoVersion *version)
{
  g_autofree char *name = NULL;
  g_autofree char *number = NULL;

  if (!version->known)
    return g_strdup (_("an unknown version"));
  name = extopo_version_get_display_name (version);
  number = extopo_version_to_string (version);
  if (number == NULL)
    return g_steal_pointer (&name);

  return g_strdup_printf ("%s (%s)", name, number);
}

static char *
level_value (int level)
{
  return level >= 0 ? g_strdup_printf ("%d", level) : NULL;
}

static void
add_level_field (ExtopoObjectChange *change,
                 const char         *field,
                 int                 old_level,
                 int                 new_level)
{
  if (old_level != new_level)
    add_field (change, field, level_value (old_level), level_value (new_level), NULL, NULL);
}

static void
compare_versions (ExtopoObjectChange *change,
                  ExtopoServer       *old,
                  ExtopoServer       *server)
{
  const ExtopoVersion *a = &old->version;
  const ExtopoVersion *b = &server->version;
  g_autofree char *old_number = NULL;
  g_autofree char *new_number = NULL;

  if (version_equal (a, b))
    return;

  if (a->product != b->product)
    add_field (change, "product", g_strdup (extopo_product_get_untranslated_name (a->product)),
               g_strdup (extopo_product_get_untranslated_name (b->product)),
               g_strdup (extopo_product_get_name (a->product)),
               g_strdup (extopo_product_get_name (b->product)));

  old_number = a->known ? extopo_version_to_string (a) : NULL;
  new_number = b->known ? extopo_version_to_string (b) : NULL;
  if (g_strcmp0 (old_number, new_number) != 0 || a->product != b->product)
    {
      int order = a->known && b->known ? extopo_version_compare (a, b) : 0;

      if (!a->known || !b->known)
        change->version_change = EXTOPO_VERSION_OTHER;
      else if (order < 0)
        change->version_change = EXTOPO_VERSION_UPGRADED;
      else if (order > 0)
        change->version_change = EXTOPO_VERSION_DOWNGRADED;
      else
        change->version_change = EXTOPO_VERSION_OTHER;
      add_field (change, "version", g_steal_pointer (&old_number), g_steal_pointer (&new_number),
                 version_text (a), version_text (b));
    }

  add_level_field (change, "service_pack", a->known ? a->service_pack : -1,
                   b->known ? b->service_pack : -1);
  add_level_field (change, "cumulative_update", a->known ? a->cumulative_update : -1,
                   b->known ? b->cumulative_update : -1);
}

static char *
roles_value (const ExtopoServer *server)
{
  g_auto(GStrv) roles = NULL;

  if (!server->roles_known)
    return NULL;
  roles = extopo_roles_to_strv (server->roles);

  return g_strjoinv (";", roles);
}

static char *
roles_text (const ExtopoServer *server)
{
  char *text;

  if (!server->roles_known)
    return g_strdup (_("no roles recorded"));
  text = extopo_roles_to_display_text (server->roles, EXTOPO_PRODUCT_UNKNOWN);
  if (*text != '\0')
    return text;
  g_free (text);

  return g_strdup (_("no roles"));
}

static const char *
status_get_display_name (ExtopoStatus status)
{
  switch (status)
    {
    case EXTOPO_STATUS_OK:
      return _("OK");
    case EXTOPO_STATUS_WARNING:
      return _("warning");
    case EXTOPO_STATUS_ERROR:
      return _("error");
    case EXTOPO_STATUS_UNSUPPORTED:
    default:
      return _("unsupported");
    }
}

static void
compare_servers (Comparer           *comparer,
                 ExtopoObjectChange *change,
                 gpointer            old_object,
                 gpointer            new_object)
{
  ExtopoServer *old = old_object;
  ExtopoServer *server = new_object;

  compare_container (comparer, change, "administrative_group", EXTOPO_OBJECT_ADMIN_GROUP,
                     old->admin_group, server->admin_group);
  compare_container (comparer, change, "routing_group", EXTOPO_OBJECT_ROUTING_GROUP,
                     old->routing_group, server->routing_group);
  compare_versions (change, old, server);

  if (old->roles_known != server->roles_known || old->roles != server->roles ||
      old->provisioned != server->provisioned)
    add_field (change, "roles", roles_value (old), roles_value (server),
               roles_text (old), roles_text (server));

  if (old->status != server->status)
    add_field (change, "status", g_strdup (extopo_status_to_string (old->status)),
               g_strdup (extopo_status_to_string (server->status)),
               g_strdup (status_get_display_name (old->status)),
               g_strdup (status_get_display_name (server->status)));
}

static char *
describe_server (gpointer object)
{
  ExtopoServer *server = object;

  return version_text (&server->version);
}

/* Bridgehead names joined with @separator, in the model's order. */
static char *
bridgeheads_join (GPtrArray  *servers,
                  const char *separator)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < servers->len; i++)
    {
      ExtopoServer *server = g_ptr_array_index (servers, i);

      if (i > 0)
        g_string_append (text, separator);
      g_string_append (text, server->name);
    }

  return g_string_free (text, FALSE);
}

static gboolean
bridgeheads_equal (Comparer  *comparer,
                   GPtrArray *old_servers,
                   GPtrArray *new_servers)
{
  if (old_servers->len != new_servers->len)
    return FALSE;

  /* A connector has a handful of bridgeheads: a scan costs less than a set. */
  for (guint i = 0; i < new_servers->len; i++)
    {
      gpointer old = comparer_old_for (comparer, g_ptr_array_index (new_servers, i));

      if (old == NULL || !g_ptr_array_find (old_servers, old, NULL))
        return FALSE;
    }

  return TRUE;
}

static void
compare_bridgeheads (Comparer           *comparer,
                     ExtopoObjectChange *change,
                     const char         *field,
                     GPtrArray          *old_servers,
                     GPtrArray          *new_servers)
{
  if (bridgeheads_equal (comparer, old_servers, new_servers))
    return;

  add_field (change, field, bridgeheads_join (old_servers, ";"),
             bridgeheads_join (new_servers, ";"),
             old_servers->len > 0 ? bridgeheads_join (old_servers, ", ") : g_strdup (_("none")),
             new_servers->len > 0 ? bridgeheads_join (new_servers, ", ") : g_strdup (_("none")));
}

static const char *
two_way_get_display_name (gboolean two_way)
{
  return two_way ? _("two-way") : _("one-way");
}

static void
compare_connectors (Comparer           *comparer,
                    ExtopoObjectChange *change,
                    gpointer            old_object,
                    gpointer            new_object)
{
  ExtopoConnector *old = old_object;
  ExtopoConnector *connector = new_object;
  gboolean old_two_way = old->reciprocal != NULL;
  gboolean two_way = connector->reciprocal != NULL;

  if (old->cost != connector->cost)
    add_field (change, "cost", g_strdup_printf ("%u", old->cost),
               g_strdup_printf ("%u", connector->cost), NULL, NULL);
  compare_bridgeheads (comparer, change, "source_bridgeheads", old->source_bridgeheads,
                       connector->source_bridgeheads);
  compare_bridgeheads (comparer, change, "target_bridgeheads", old->target_bridgeheads,
                       connector->target_bridgeheads);
  if (old_two_way != two_way)
    add_field (change, "two_way", g_strdup (old_two_way ? "true" : "false"),
               g_strdup (two_way ? "true" : "false"),
               g_strdup (two_way_get_display_name (old_two_way)),
               g_strdup (two_way_get_display_name (two_way)));
}

static char *
describe_connector (gpointer object)
{
  ExtopoConnector *connector = object;

  return g_strdup (extopo_connector_type_get_display_name (connector->type));
}

/* ------------------------------------------------------------------ */
/* Findings                                                            */

/* A finding's rule and subject: the subject as its older self when it has
 * one, so that both snapshots' findings about one object meet. */
typedef struct
{
  const char   *id;
  gconstpointer subject;
  const char   *ndn;      /* for a subject that is a site or no object */
} FindingKey;

static guint
finding_key_hash (gconstpointer data)
{
  const FindingKey *key = data;

  return g_str_hash (key->id) * 31u + g_direct_hash (key->subject) * 17u +
         (key->ndn != NULL ? g_str_hash (key->ndn) : 0);
}

static gboolean
finding_key_equal (gconstpointer a,
                   gconstpointer b)
{
  const FindingKey *x = a;
  const FindingKey *y = b;

  return x->subject == y->subject && strcmp (x->id, y->id) == 0 &&
         g_strcmp0 (x->ndn, y->ndn) == 0;
}

/* @strings keeps the normalized DNs the keys point to. */
static void
finding_key_init (FindingKey    *key,
                  Comparer      *comparer,
                  ExtopoFinding *finding,
                  gboolean       newer,
                  GPtrArray     *strings)
{
  key->id = finding->id;
  key->subject = NULL;
  key->ndn = NULL;

  if (finding->subject != NULL && finding->subject_kind == EXTOPO_OBJECT_SITE)
    {
      key->ndn = object_get_ndn (EXTOPO_OBJECT_SITE, finding->subject);
    }
  else if (finding->subject != NULL)
    {
      gpointer old = newer ? comparer_old_for (comparer, finding->subject) : NULL;

      key->subject = old != NULL ? old : finding->subject;
    }
  else if (finding->subject_dn != NULL)
    {
      char *ndn = extopo_dn_normalize (finding->subject_dn, NULL);

      if (ndn == NULL)
        ndn = g_strdup (finding->subject_dn);
      g_ptr_array_add (strings, ndn);
      key->ndn = ndn;
    }
}

static ExtopoFindingChange *
finding_change_new (ExtopoFindingChangeKind  kind,
                    ExtopoFinding           *finding)
{
  ExtopoFindingChange *change = g_new0 (ExtopoFindingChange, 1);
  const char *name = NULL;

  change->kind = kind;
  change->id = finding->id;
  change->severity = finding->severity;
  change->subject_kind = finding->subject_kind;
  if (finding->subject != NULL)
    name = extopo_model_object_get_name (finding->subject_kind, finding->subject);
  change->subject_name = g_strdup (name != NULL ? name : finding->subject_dn);
  change->subject_dn = g_strdup (finding->subject_dn);
  change->message = g_strdup (finding->message);

  return change;
}

static GPtrArray *
compare_findings (Comparer *comparer)
{
  GPtrArray *old_findings = extopo_model_get_findings (comparer->old_model);
  GPtrArray *new_findings = extopo_model_get_findings (comparer->new_model);
  GPtrArray *changes = g_ptr_array_new_with_free_func (finding_change_free);
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autofree FindingKey *keys = g_new0 (FindingKey, old_findings->len + 1);
  /* FindingKey -> GPtrArray of the older findings with that key, not yet met */
  g_autoptr(GHashTable) open = g_hash_table_new_full (finding_key_hash, finding_key_equal, NULL,
                                                      (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) met = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) added = g_ptr_array_new ();

  for (guint i = 0; i < old_findings->len; i++)
    {
      ExtopoFinding *finding = g_ptr_array_index (old_findings, i);
      GPtrArray *list;

      finding_key_init (&keys[i], comparer, finding, FALSE, strings);
      list = g_hash_table_lookup (open, &keys[i]);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (open, &keys[i], list);
        }
      g_ptr_array_add (list, finding);
    }

  for (guint i = 0; i < new_findings->len; i++)
    {
      ExtopoFinding *finding = g_ptr_array_index (new_findings, i);
      FindingKey key;
      GPtrArray *list;

      finding_key_init (&key, comparer, finding, TRUE, strings);
      list = g_hash_table_lookup (open, &key);
      if (list != NULL && list->len > 0)
        {
          g_hash_table_add (met, g_ptr_array_index (list, list->len - 1));
          g_ptr_array_set_size (list, list->len - 1);
        }
      else
        g_ptr_array_add (added, finding);
    }

  for (guint i = 0; i < old_findings->len; i++)
    {
      ExtopoFinding *finding = g_ptr_array_index (old_findings, i);

      if (!g_hash_table_contains (met, finding))
        g_ptr_array_add (changes, finding_change_new (EXTOPO_FINDING_RESOLVED, finding));
    }
  for (guint i = 0; i < added->len; i++)
    g_ptr_array_add (changes, finding_change_new (EXTOPO_FINDING_NEW,
                                                  g_ptr_array_index (added, i)));

  return changes;
}

/* ------------------------------------------------------------------ */
/* The change set                                                      */

static void
snapshot_side_init (ExtopoSnapshotSide *side,
                    ExtopoModel        *model)
{
  ExtopoReadiness readiness = { 0, };
  GDateTime *date = extopo_model_get_snapshot_date (model);

  extopo_readiness_compute (model, &readiness);
  side->source = g_strdup (extopo_model_get_source_name (model));
  side->date = date != NULL ? g_date_time_ref (date) : NULL;
  side->readiness = readiness.state;
  side->n_errors = readiness.n_errors;
  side->n_warnings = readiness.n_warnings;
  side->n_servers = extopo_model_get_servers (model)->len;
  extopo_readiness_clear (&readiness);
}

ExtopoChangeSet *
extopo_compare_models (ExtopoModel *old_model,
                       ExtopoModel *new_model)
{
  ExtopoChangeSet *set;
  Comparer comparer;

  g_return_val_if_fail (EXTOPO_IS_MODEL (old_model), NULL);
  g_return_val_if_fail (EXTOPO_IS_MODEL (new_model), NULL);

  /* Readiness evaluates the findings when that has not happened. */
  set = g_new0 (ExtopoChangeSet, 1);
  set->ref_count = 1;
  snapshot_side_init (&set->from, old_model);
  snapshot_side_init (&set->to, new_model);

  comparer.old_model = old_model;
  comparer.new_model = new_model;
  comparer.old_for_new = g_hash_table_new (NULL, NULL);
  comparer.new_for_old = g_hash_table_new (NULL, NULL);
  comparer.matched = g_hash_table_new (NULL, NULL);

  /* Containers first: a server moved unless its group's older self is
   * the group it was in; bridgeheads need the servers matched. */
  set->organizations = compare_kind (&comparer, EXTOPO_OBJECT_ORGANIZATION,
                                     extopo_model_get_organizations (old_model),
                                     extopo_model_get_organizations (new_model),
                                     compare_organizations, NULL);
  set->admin_groups = compare_kind (&comparer, EXTOPO_OBJECT_ADMIN_GROUP,
                                    extopo_model_get_admin_groups (old_model),
                                    extopo_model_get_admin_groups (new_model), NULL, NULL);
  set->routing_groups = compare_kind (&comparer, EXTOPO_OBJECT_ROUTING_GROUP,
                                      extopo_model_get_routing_groups (old_model),
                                      extopo_model_get_routing_groups (new_model), NULL, NULL);
  set->servers = compare_kind (&comparer, EXTOPO_OBJECT_SERVER,
                               extopo_model_get_servers (old_model),
                               extopo_model_get_servers (new_model),
                               compare_servers, describe_server);
  set->connectors = compare_kind (&comparer, EXTOPO_OBJECT_CONNECTOR,
                                  extopo_model_get_connectors (old_model),
                                  extopo_model_get_connectors (new_model),
                                  compare_connectors, describe_connector);
  set->findings = compare_findings (&comparer);

  g_hash_table_unref (comparer.old_for_new);
  g_hash_table_unref (comparer.new_for_old);
  g_hash_table_unref (comparer.matched);

  return set;
}

GHashTable *
extopo_change_set_by_dn (const ExtopoChangeSet *set)
{
  GPtrArray *lists[4];
  GHashTable *by_dn;

  g_return_val_if_fail (set != NULL, NULL);

  lists[0] = set->servers;
  lists[1] = set->routing_groups;
  lists[2] = set->admin_groups;
  lists[3] = set->connectors;
  by_dn = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        ExtopoObjectChange *change = g_ptr_array_index (lists[l], i);

        if (change->kind != EXTOPO_CHANGE_REMOVED && change->dn != NULL)
          g_hash_table_insert (by_dn, change->dn, change);
      }

  return by_dn;
}

GPtrArray *
extopo_change_set_get_ghosts (const ExtopoChangeSet *set,
                              ExtopoModel           *old_model)
{
  GPtrArray *ghosts;

  g_return_val_if_fail (set != NULL, NULL);
  g_return_val_if_fail (EXTOPO_IS_MODEL (old_model), NULL);

  ghosts = g_ptr_array_new_with_free_func ((GDestroyNotify) extopo_layout_ghost_free);
  for (guint i = 0; i < set->servers->len; i++)
    {
      const ExtopoObjectChange *change = g_ptr_array_index (set->servers, i);
      ExtopoServer *server;

      if (change->kind != EXTOPO_CHANGE_REMOVED ||
          (change->new_routing_group_dn == NULL && change->new_admin_group_dn == NULL))
        continue;
      server = extopo_model_lookup_server (old_model, change->dn);
      if (server == NULL)
        continue;
      g_ptr_array_add (ghosts, extopo_layout_ghost_new (old_model, server,
                                                        change->new_routing_group_dn,
                                                        change->new_admin_group_dn));
    }

  return ghosts;
}
