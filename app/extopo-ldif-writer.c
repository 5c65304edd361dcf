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

char *
extopo_ldif_write_to_string (GPtrArray *entries)
{
  GString *out;

  g_return_val_if_fail (entries != NULL, NULL);

  out = g_string_new ("version: 1\n");

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
extopo_ldif_write_file (GPtrArray   *entries,
                        const char  *path,
                        GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (entries != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = extopo_ldif_write_to_string (entries);

  if (!g_file_set_contents_full (path, text, -1,
                                 G_FILE_SET_CONTENTS_CONSISTENT,
                                 0644, &local_error))
    {
      g_set_error (error, EXTOPO_LDIF_ERROR, EXTOPO_LDIF_ERROR_IO,
                   _("%s: cannot write the file: %s"), path, local_error->message);
      return FALSE;
    }

  return TRUE;
}
