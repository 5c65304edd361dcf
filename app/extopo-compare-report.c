/* extopo-compare-report.c: a change set as text, JSON and CSV.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-compare"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "extopo-compare.h"
#include "extopo-json-writer.h"
#include "extopo-report.h"

static const char *
change_kind_to_string (ExtopoChangeKind kind)
{
  switch (kind)
    {
    case EXTOPO_CHANGE_ADDED:
      return "added";
    case EXTOPO_CHANGE_REMOVED:
      return "removed";
    case EXTOPO_CHANGE_CHANGED:
    default:
      return "changed";
    }
}

static const char *
version_change_to_string (ExtopoVersionChange change)
{
  switch (change)
    {
    case EXTOPO_VERSION_UPGRADED:
      return "upgraded";
    case EXTOPO_VERSION_DOWNGRADED:
      return "downgraded";
    case EXTOPO_VERSION_OTHER:
      return "changed";
    case EXTOPO_VERSION_SAME:
    default:
      return NULL;
    }
}

static const char *
finding_change_kind_to_string (ExtopoFindingChangeKind kind)
{
  return kind == EXTOPO_FINDING_RESOLVED ? "resolved" : "new";
}

/* "2026-12-04T06:20:00Z", or NULL. */
static char *
date_to_iso (GDateTime *date)
{
  g_autoptr(GDateTime) utc = NULL;

  if (date == NULL)
    return NULL;
  utc = g_date_time_to_utc (date);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/* ------------------------------------------------------------------ */
/* Text                                                                */

/* "old.ldif (2026-11-20 08:30 UTC)" */
static char *
side_text (const ExtopoSnapshotSide *side)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autofree char *when = NULL;

  if (side->date == NULL)
    /* Translators: a snapshot whose date is unknown; %s is its file or server. */
    return g_strdup_printf (_("%s (date unknown)"), side->source);

  utc = g_date_time_to_utc (side->date);
  when = g_date_time_format (utc, "%Y-%m-%d %H:%M UTC");

  /* Translators: a snapshot: its file or server, then its date. */
  return g_strdup_printf (_("%s (%s)"), side->source, when);
}

static const char *
value_or_none (const char *text)
{
  return text != NULL ? text : _("none");
}

/* One line for @field of a changed object; NULL when another line of the
 * same object says it already (product and levels go with the version). */
static char *
field_sentence (const ExtopoObjectChange *change,
                const ExtopoFieldChange  *field)
{
  const char *old_text = value_or_none (field->old_text);
  const char *new_text = value_or_none (field->new_text);
  const char *name = field->field;

  if (strcmp (name, "name") == 0)
    /* Translators: %s is the object's former name. */
    return g_strdup_printf (_("renamed from “%s”"), old_text);
  if (strcmp (name, "administrative_group") == 0)
    return g_strdup_printf (_("moved from administrative group “%s” to “%s”"), old_text,
                            new_text);
  if (strcmp (name, "routing_group") == 0)
    return g_strdup_printf (_("moved from routing group “%s” to “%s”"), old_text, new_text);
  if (strcmp (name, "version") == 0)
    {
      if (change->version_change == EXTOPO_VERSION_UPGRADED)
        /* Translators: both are versions, "Exchange Server 2003 SP2 (6.5.7638.2)". */
        return g_strdup_printf (_("upgraded from %s to %s"), old_text, new_text);
      if (change->version_change == EXTOPO_VERSION_DOWNGRADED)
        return g_strdup_printf (_("downgraded from %s to %s"), old_text, new_text);
      return g_strdup_printf (_("version changed from %s to %s"), old_text, new_text);
    }
  if ((strcmp (name, "product") == 0 || strcmp (name, "service_pack") == 0 ||
       strcmp (name, "cumulative_update") == 0) &&
      extopo_object_change_get_field (change, "version") != NULL)
    return NULL;
  if (strcmp (name, "roles") == 0)
    return g_strdup_printf (_("roles changed from %s to %s"), old_text, new_text);
  if (strcmp (name, "status") == 0)
    return g_strdup_printf (_("status changed from %s to %s"), old_text, new_text);
  if (strcmp (name, "cost") == 0)
    return g_strdup_printf (_("cost changed from %s to %s"), old_text, new_text);
  if (strcmp (name, "source_bridgeheads") == 0)
    return g_strdup_printf (_("local bridgeheads changed from %s to %s"), old_text, new_text);
  if (strcmp (name, "target_bridgeheads") == 0)
    return g_strdup_printf (_("remote bridgeheads changed from %s to %s"), old_text, new_text);
  if (strcmp (name, "two_way") == 0)
    /* Translators: %s is "two-way" or "one-way". */
    return g_strdup_printf (_("now %s"), new_text);
  if (strcmp (name, "mode") == 0)
    return g_strdup_printf (_("changed from %s to %s"), old_text, new_text);

  /* Translators: a field of an object (its data name), then its two values. */
  return g_strdup_printf (_("%s changed from %s to %s"), name, old_text, new_text);
}

static void
append_object_change (GString                  *text,
                      const ExtopoObjectChange *change)
{
  switch (change->kind)
    {
    case EXTOPO_CHANGE_ADDED:
      if (change->detail != NULL)
        /* Translators: an object that is new; %s its name, then what it is. */
        g_string_append_printf (text, _("  added: %s — %s"), change->name, change->detail);
      else
        g_string_append_printf (text, _("  added: %s"), change->name);
      g_string_append_c (text, '\n');
      return;

    case EXTOPO_CHANGE_REMOVED:
      if (change->detail != NULL)
        g_string_append_printf (text, _("  removed: %s — %s"), change->name, change->detail);
      else
        g_string_append_printf (text, _("  removed: %s"), change->name);
      g_string_append_c (text, '\n');
      return;

    case EXTOPO_CHANGE_CHANGED:
    default:
      g_string_append_printf (text, _("  changed: %s"), change->name);
      g_string_append_c (text, '\n');
      for (guint i = 0; i < change->fields->len; i++)
        {
          g_autofree char *sentence = field_sentence (change,
                                                      g_ptr_array_index (change->fields, i));

          if (sentence != NULL)
            g_string_append_printf (text, "      %s\n", sentence);
        }
      return;
    }
}

static void
append_section (GString    *text,
                const char *heading,
                GPtrArray  *changes)
{
  static const ExtopoChangeKind order[] = {
    EXTOPO_CHANGE_ADDED, EXTOPO_CHANGE_REMOVED, EXTOPO_CHANGE_CHANGED,
  };

  if (changes->len == 0)
    return;

  g_string_append_c (text, '\n');
  /* Translators: a heading such as "Servers", then how many of each change. */
  g_string_append_printf (text, _("%s (added: %u, removed: %u, changed: %u)"), heading,
                          extopo_change_set_count (changes, EXTOPO_CHANGE_ADDED),
                          extopo_change_set_count (changes, EXTOPO_CHANGE_REMOVED),
                          extopo_change_set_count (changes, EXTOPO_CHANGE_CHANGED));
  g_string_append_c (text, '\n');

  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    for (guint i = 0; i < changes->len; i++)
      {
        const ExtopoObjectChange *change = g_ptr_array_index (changes, i);

        if (change->kind == order[k])
          append_object_change (text, change);
      }
}

static guint
count_findings (GPtrArray               *findings,
                ExtopoFindingChangeKind  kind)
{
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    if (((ExtopoFindingChange *) g_ptr_array_index (findings, i))->kind == kind)
      n++;

  return n;
}

static void
append_findings (GString   *text,
                 GPtrArray *findings)
{
  if (findings->len == 0)
    return;

  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Findings (resolved: %u, new: %u)"),
                          count_findings (findings, EXTOPO_FINDING_RESOLVED),
                          count_findings (findings, EXTOPO_FINDING_NEW));
  g_string_append_c (text, '\n');

  for (guint i = 0; i < findings->len; i++)
    {
      const ExtopoFindingChange *change = g_ptr_array_index (findings, i);
      const char *subject = change->subject_name != NULL ? change->subject_name : "";

      if (change->kind == EXTOPO_FINDING_RESOLVED)
        /* Translators: a finding that is gone; its ID, then the object it was about. */
        g_string_append_printf (text, _("  resolved: [%s] %s"), change->id, subject);
      else
        g_string_append_printf (text, _("  new: [%s] %s"), change->id, subject);
      g_string_append_c (text, '\n');
      if (change->message != NULL)
        g_string_append_printf (text, "      %s\n", change->message);
    }
}

/* "Since 2026-11-20: 4 servers upgraded, 1 retired, 3 findings resolved,
 * 1 new", for the window's bar and the title block of a diagram. */
char *
extopo_change_set_summary (const ExtopoChangeSet *set)
{
  GString *text;
  GPtrArray *parts = g_ptr_array_new_with_free_func (g_free);
  guint upgraded = 0, downgraded = 0, changed = 0, resolved = 0, fresh = 0;
  guint added = extopo_change_set_count (set->servers, EXTOPO_CHANGE_ADDED);
  guint removed = extopo_change_set_count (set->servers, EXTOPO_CHANGE_REMOVED);

  g_return_val_if_fail (set != NULL, NULL);

  for (guint i = 0; i < set->servers->len; i++)
    {
      const ExtopoObjectChange *change = g_ptr_array_index (set->servers, i);

      if (change->kind != EXTOPO_CHANGE_CHANGED)
        continue;
      if (change->version_change == EXTOPO_VERSION_UPGRADED)
        upgraded++;
      else if (change->version_change == EXTOPO_VERSION_DOWNGRADED)
        downgraded++;
      else
        changed++;
    }
  for (guint i = 0; i < set->findings->len; i++)
    {
      const ExtopoFindingChange *change = g_ptr_array_index (set->findings, i);

      if (change->kind == EXTOPO_FINDING_RESOLVED)
        resolved++;
      else
        fresh++;
    }

  if (added > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u server added", "%u servers added",
                                                       added), added));
  if (upgraded > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u server upgraded",
                                                       "%u servers upgraded", upgraded),
                                             upgraded));
  if (downgraded > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u server downgraded",
                                                       "%u servers downgraded", downgraded),
                                             downgraded));
  if (changed > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u server changed",
                                                       "%u servers changed", changed),
                                             changed));
  if (removed > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u retired", "%u retired", removed),
                                             removed));
  if (resolved > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u finding resolved",
                                                       "%u findings resolved", resolved),
                                             resolved));
  if (fresh > 0)
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u new", "%u new", fresh), fresh));
  if (parts->len == 0)
    g_ptr_array_add (parts, g_strdup (_("no changes")));

  text = g_string_new (NULL);
  if (set->from.date != NULL)
    {
      g_autofree char *date = g_date_time_format (set->from.date, "%Y-%m-%d");

      /* Translators: the start of a comparison's summary, "Since 2026-11-20: ". */
      g_string_append_printf (text, _("Since %s: "), date);
    }
  else
    /* Translators: the start of a comparison's summary when the older
     * snapshot has no date: the changes since it. */
    g_string_append_printf (text, _("Since %s: "), set->from.source);
  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        g_string_append (text, ", ");
      g_string_append (text, g_ptr_array_index (parts, i));
    }
  g_ptr_array_unref (parts);

  return g_string_free (text, FALSE);
}

char *
extopo_change_set_to_text (const ExtopoChangeSet *set)
{
  GString *text;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (set != NULL, NULL);

  text = g_string_new (NULL);
  from = side_text (&set->from);
  to = side_text (&set->to);
  /* Translators: both are snapshots, "old.ldif (2026-11-20 08:30 UTC)". */
  g_string_append_printf (text, _("Changes from %s to %s"), from, to);
  g_string_append_c (text, '\n');

  g_string_append_c (text, '\n');
  if (set->from.readiness != set->to.readiness)
    /* Translators: the Exchange 2007 readiness before and after. */
    g_string_append_printf (text, _("Readiness: %s → %s"),
                            extopo_readiness_state_get_display_name (set->from.readiness),
                            extopo_readiness_state_get_display_name (set->to.readiness));
  else
    g_string_append_printf (text, _("Readiness: %s (unchanged)"),
                            extopo_readiness_state_get_display_name (set->to.readiness));
  g_string_append_c (text, '\n');
  /* Translators: open errors and warnings before and after. */
  g_string_append_printf (text, _("Errors: %u → %u, warnings: %u → %u"),
                          set->from.n_errors, set->to.n_errors,
                          set->from.n_warnings, set->to.n_warnings);
  g_string_append_c (text, '\n');

  if (extopo_change_set_is_empty (set))
    {
      g_string_append_printf (text, "\n%s\n", _("No changes."));
      return g_string_free (text, FALSE);
    }

  append_section (text, _("Servers"), set->servers);
  append_section (text, _("Connectors"), set->connectors);
  append_findings (text, set->findings);
  append_section (text, _("Routing groups"), set->routing_groups);
  append_section (text, _("Administrative groups"), set->admin_groups);
  append_section (text, _("Organizations"), set->organizations);

  return g_string_free (text, FALSE);
}

/* ------------------------------------------------------------------ */
/* JSON                                                                */

static void
json_string_member (ExtopoJsonWriter *writer,
                    const char       *name,
                    const char       *value)
{
  extopo_json_writer_member (writer, name);
  extopo_json_writer_string (writer, value);
}

static void
json_side (ExtopoJsonWriter         *writer,
           const char               *name,
           const ExtopoSnapshotSide *side)
{
  g_autofree char *date = date_to_iso (side->date);

  extopo_json_writer_member (writer, name);
  extopo_json_writer_begin_object (writer);
  json_string_member (writer, "source", side->source);
  json_string_member (writer, "date", date);
  extopo_json_writer_member (writer, "servers");
  extopo_json_writer_int (writer, side->n_servers);
  extopo_json_writer_end_object (writer);
}

/* "name": [from, to] */
static void
json_pair (ExtopoJsonWriter *writer,
           const char       *name,
           const char       *from,
           const char       *to)
{
  extopo_json_writer_member (writer, name);
  extopo_json_writer_begin_array (writer);
  extopo_json_writer_string (writer, from);
  extopo_json_writer_string (writer, to);
  extopo_json_writer_end_array (writer);
}

static void
json_count_pair (ExtopoJsonWriter *writer,
                 const char       *name,
                 guint             from,
                 guint             to)
{
  extopo_json_writer_member (writer, name);
  extopo_json_writer_begin_array (writer);
  extopo_json_writer_int (writer, from);
  extopo_json_writer_int (writer, to);
  extopo_json_writer_end_array (writer);
}

static void
json_readiness (ExtopoJsonWriter      *writer,
                const ExtopoChangeSet *set)
{
  extopo_json_writer_member (writer, "readiness");
  extopo_json_writer_begin_object (writer);
  json_string_member (writer, "from", extopo_readiness_state_to_string (set->from.readiness));
  json_string_member (writer, "to", extopo_readiness_state_to_string (set->to.readiness));
  extopo_json_writer_member (writer, "changed");
  extopo_json_writer_bool (writer, set->from.readiness != set->to.readiness);
  json_count_pair (writer, "errors", set->from.n_errors, set->to.n_errors);
  json_count_pair (writer, "warnings", set->from.n_warnings, set->to.n_warnings);
  extopo_json_writer_end_object (writer);
}

static void
json_object_change (ExtopoJsonWriter         *writer,
                    const ExtopoObjectChange *change)
{
  extopo_json_writer_begin_object (writer);
  json_string_member (writer, "name", change->name);
  json_string_member (writer, "dn", change->dn);
  json_string_member (writer, "guid", change->guid);
  if (change->kind != EXTOPO_CHANGE_CHANGED)
    {
      json_string_member (writer, "detail", change->detail);
      extopo_json_writer_end_object (writer);
      return;
    }

  if (change->version_change != EXTOPO_VERSION_SAME)
    json_string_member (writer, "version_change",
                        version_change_to_string (change->version_change));
  extopo_json_writer_member (writer, "fields");
  extopo_json_writer_begin_object (writer);
  for (guint i = 0; i < change->fields->len; i++)
    {
      const ExtopoFieldChange *field = g_ptr_array_index (change->fields, i);

      json_pair (writer, field->field, field->old_value, field->new_value);
    }
  extopo_json_writer_end_object (writer);
  extopo_json_writer_end_object (writer);
}

/* "NAME": {"added": [...], "removed": [...], "changed": [...]} */
static void
json_changes (ExtopoJsonWriter *writer,
              const char       *name,
              GPtrArray        *changes)
{
  static const ExtopoChangeKind order[] = {
    EXTOPO_CHANGE_ADDED, EXTOPO_CHANGE_REMOVED, EXTOPO_CHANGE_CHANGED,
  };

  extopo_json_writer_member (writer, name);
  extopo_json_writer_begin_object (writer);
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      extopo_json_writer_member (writer, change_kind_to_string (order[k]));
      extopo_json_writer_begin_array (writer);
      for (guint i = 0; i < changes->len; i++)
        {
          const ExtopoObjectChange *change = g_ptr_array_index (changes, i);

          if (change->kind == order[k])
            json_object_change (writer, change);
        }
      extopo_json_writer_end_array (writer);
    }
  extopo_json_writer_end_object (writer);
}

static void
json_findings (ExtopoJsonWriter *writer,
               GPtrArray        *findings)
{
  static const ExtopoFindingChangeKind order[] = { EXTOPO_FINDING_RESOLVED, EXTOPO_FINDING_NEW };

  extopo_json_writer_member (writer, "findings");
  extopo_json_writer_begin_object (writer);
  for (guint k = 0; k < G_N_ELEMENTS (order); k++)
    {
      extopo_json_writer_member (writer, finding_change_kind_to_string (order[k]));
      extopo_json_writer_begin_array (writer);
      for (guint i = 0; i < findings->len; i++)
        {
          const ExtopoFindingChange *change = g_ptr_array_index (findings, i);

          if (change->kind != order[k])
            continue;
          extopo_json_writer_begin_object (writer);
          json_string_member (writer, "id", change->id);
          json_string_member (writer, "severity", extopo_severity_to_string (change->severity));
          json_string_member (writer, "subject_kind",
                              extopo_report_object_kind_to_string (change->subject_kind));
          json_string_member (writer, "subject", change->subject_name);
          json_string_member (writer, "subject_dn", change->subject_dn);
          json_string_member (writer, "message", change->message);
          extopo_json_writer_end_object (writer);
        }
      extopo_json_writer_end_array (writer);
    }
  extopo_json_writer_end_object (writer);
}

gboolean
extopo_change_set_write_json (const ExtopoChangeSet *set,
                              FILE                  *stream)
{
  ExtopoJsonWriter *writer;
  gboolean ok;

  g_return_val_if_fail (set != NULL, FALSE);
  g_return_val_if_fail (stream != NULL, FALSE);

  writer = extopo_json_writer_new (stream);
  extopo_json_writer_begin_object (writer);
  json_side (writer, "from", &set->from);
  json_side (writer, "to", &set->to);
  json_readiness (writer, set);
  json_changes (writer, "servers", set->servers);
  json_changes (writer, "connectors", set->connectors);
  json_findings (writer, set->findings);
  json_changes (writer, "routing_groups", set->routing_groups);
  json_changes (writer, "administrative_groups", set->admin_groups);
  json_changes (writer, "organizations", set->organizations);
  extopo_json_writer_end_object (writer);
  extopo_json_writer_finish (writer, &ok);

  return ok;
}

/* ------------------------------------------------------------------ */
/* CSV                                                                 */

static void
csv_row (GString    *csv,
         const char *kind,
         const char *object,
         const char *name,
         const char *field,
         const char *old_value,
         const char *new_value)
{
  extopo_report_csv_append_field (csv, kind, TRUE);
  extopo_report_csv_append_field (csv, object, FALSE);
  extopo_report_csv_append_field (csv, name, FALSE);
  extopo_report_csv_append_field (csv, field, FALSE);
  extopo_report_csv_append_field (csv, old_value, FALSE);
  extopo_report_csv_append_field (csv, new_value, FALSE);
  g_string_append (csv, "\r\n");
}

/* An addition carries its DN as the new value, a removal as the old one;
 * a change, one row per field. */
static void
csv_changes (GString   *csv,
             GPtrArray *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      const ExtopoObjectChange *change = g_ptr_array_index (changes, i);
      const char *kind = change_kind_to_string (change->kind);
      const char *object = extopo_report_object_kind_to_string (change->object_kind);

      if (change->kind == EXTOPO_CHANGE_ADDED)
        csv_row (csv, kind, object, change->name, NULL, NULL, change->dn);
      else if (change->kind == EXTOPO_CHANGE_REMOVED)
        csv_row (csv, kind, object, change->name, NULL, change->dn, NULL);
      for (guint j = 0; j < change->fields->len; j++)
        {
          const ExtopoFieldChange *field = g_ptr_array_index (change->fields, j);

          csv_row (csv, kind, object, change->name, field->field, field->old_value,
                   field->new_value);
        }
    }
}

gboolean
extopo_change_set_write_csv (const ExtopoChangeSet *set,
                             FILE                  *stream)
{
  g_autoptr(GString) csv = g_string_new (NULL);

  g_return_val_if_fail (set != NULL, FALSE);
  g_return_val_if_fail (stream != NULL, FALSE);

  csv_row (csv, "kind", "object", "name", "field", "old", "new");
  if (set->from.readiness != set->to.readiness)
    csv_row (csv, "changed", "readiness", NULL, "state",
             extopo_readiness_state_to_string (set->from.readiness),
             extopo_readiness_state_to_string (set->to.readiness));
  csv_changes (csv, set->servers);
  csv_changes (csv, set->connectors);
  for (guint i = 0; i < set->findings->len; i++)
    {
      const ExtopoFindingChange *change = g_ptr_array_index (set->findings, i);
      gboolean resolved = change->kind == EXTOPO_FINDING_RESOLVED;

      csv_row (csv, finding_change_kind_to_string (change->kind), "finding",
               change->subject_name, change->id, resolved ? change->message : NULL,
               resolved ? NULL : change->message);
    }
  csv_changes (csv, set->routing_groups);
  csv_changes (csv, set->admin_groups);
  csv_changes (csv, set->organizations);

  return fwrite (csv->str, 1, csv->len, stream) == csv->len;
}
