/* extopo-ldif-writer.c: entries back to LDIF (snapshots of a live fetch).
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-ldif-writer"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <lber.h>
#include <ldif.h>

#include "extopo-export.h"
#include "extopo-ldif-reader.h"
#include "extopo-ldif-writer.h"

/* ldif_put() decides per value whether it must be base64 (binary, leading
 * space or colon, non-ASCII) and folds long lines. */
static void
extopo_ldif_append_line (GString    *out,
                         const char *name,
                         const char *value,
                         gsize       length)
{
  char *line;

  line = ldif_put (LDIF_PUT_VALUE, name, value, length);
  g_string_append (out, line);
  ber_memfree (line);
}

/* Checked before anything is written: an attribute description is
 * written as is, so a newline in one would start a record of its own. */
static gboolean
check_attributes (GPtrArray  *entries,
                  GError    **error)
{
  for (guint i = 0; i < entries->len; i++)
    {
      ExtopoEntry *entry = g_ptr_array_index (entries, i);
      guint n_attributes;
      const char **attributes = extopo_entry_get_attributes (entry, &n_attributes);

      for (guint j = 0; j < n_attributes; j++)
        {
          g_autofree char *name = NULL;
          g_autofree char *dn = NULL;

          if (extopo_attribute_description_is_valid (attributes[j], -1))
            continue;

          name = g_strescape (attributes[j], NULL);
          dn = g_strescape (extopo_entry_get_dn (entry), NULL);
          g_set_error (error, EXTOPO_LDIF_ERROR, EXTOPO_LDIF_ERROR_INVALID_ATTRIBUTE,
                       _("Cannot write the snapshot: the entry “%s” has an attribute named "
                         "“%s”, which LDAP does not allow"), dn, name);
          return FALSE;
        }
    }

  return TRUE;
}

#define HEADER_TITLE   "# ExTopo snapshot"
#define HEADER_SOURCE  "# source: "
#define HEADER_FETCHED "# fetched: "

static void
append_header (GString                    *out,
               const ExtopoSnapshotHeader *header)
{
  if (header == NULL)
    return;
  g_string_append (out, HEADER_TITLE "\n");

  /* One comment line each, whatever the source's name holds. */
  if (header->source != NULL)
    {
      g_autofree char *source = g_strescape (header->source, NULL);

      g_string_append_printf (out, HEADER_SOURCE "%s\n", source);
    }
  if (header->fetched != NULL)
    {
      g_autoptr(GDateTime) utc = g_date_time_to_utc (header->fetched);
      g_autofree char *when = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

      g_string_append_printf (out, HEADER_FETCHED "%s\n", when);
    }
}

char *
extopo_ldif_write_to_string (GPtrArray                   *entries,
                             const ExtopoSnapshotHeader  *header,
                             GError                     **error)
{
  GString *out;

  g_return_val_if_fail (entries != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_attributes (entries, error))
    return NULL;

  out = g_string_new (NULL);
  append_header (out, header);
  g_string_append (out, "version: 1\n");

  for (guint i = 0; i < entries->len; i++)
    {
      ExtopoEntry *entry = g_ptr_array_index (entries, i);
      const char *dn = extopo_entry_get_dn (entry);
      const char **attributes;
      guint n_attributes;

      g_string_append_c (out, '\n');
      extopo_ldif_append_line (out, "dn", dn, strlen (dn));

      attributes = extopo_entry_get_attributes (entry, &n_attributes);
      for (guint j = 0; j < n_attributes; j++)
        {
          guint n_values = extopo_entry_get_n_values (entry, attributes[j]);

          for (guint k = 0; k < n_values; k++)
            {
              GBytes *value = extopo_entry_get_value (entry, attributes[j], k);
              gsize length;
              const char *data = g_bytes_get_data (value, &length);

              extopo_ldif_append_line (out, attributes[j], data, length);
            }
        }
    }

  return g_string_free (out, FALSE);
}

gboolean
extopo_ldif_write_file (GPtrArray                   *entries,
                        const ExtopoSnapshotHeader  *header,
                        const char                  *path,
                        GError                     **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (entries != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = extopo_ldif_write_to_string (entries, header, error);
  if (text == NULL)
    return FALSE;

  return extopo_export_save_contents (path, text, strlen (text), error);
}

/* Only the comment lines at the top are the header: a comment further
 * down belongs to whoever edited the file. */
GDateTime *
extopo_ldif_read_snapshot_time (const char *data,
                                gsize       length)
{
  const char *end = data + length;
  const char *line = data;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  while (line < end && *line == '#')
    {
      const char *eol = memchr (line, '\n', end - line);
      gsize prefix = strlen (HEADER_FETCHED);

      if (eol == NULL)
        eol = end;
      if ((gsize) (eol - line) > prefix && (gsize) (eol - line) < prefix + 64 &&
          strncmp (line, HEADER_FETCHED, prefix) == 0)
        {
          g_autofree char *when = g_strndup (line + prefix, eol - line - prefix);

          g_strchomp (when);
          return g_date_time_new_from_iso8601 (when, NULL);
        }
      line = eol + 1;
    }

  return NULL;
}
