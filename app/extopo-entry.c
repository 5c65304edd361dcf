/* extopo-entry.c: one directory entry, a DN and a multimap of attribute values.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-entry"

#include "config.h"

#include <string.h>

#include "extopo-entry.h"

typedef struct
{
  /* As first spelled, without options. Also the hash table's key. */
  char      *name;
  /* GBytes, each with a NUL after its last byte. */
  GPtrArray *values;
  /* NULL-terminated; borrowed pointers into @values' data. */
  GPtrArray *strings;
} ExtopoAttribute;

struct _ExtopoEntry
{
  gatomicrefcount  ref_count;

  /* owned */
  char            *dn;
  guint            line;
  /* name (case-insensitive, options ignored) -> ExtopoAttribute */
  GHashTable      *attributes;
  /* NULL-terminated; borrowed names in insertion order. */
  GPtrArray       *names;
};

G_DEFINE_BOXED_TYPE (ExtopoEntry, extopo_entry, extopo_entry_ref, extopo_entry_unref)

static void
extopo_attribute_free (gpointer data)
{
  ExtopoAttribute *attribute = data;

  g_ptr_array_unref (attribute->strings);
  g_ptr_array_unref (attribute->values);
  g_free (attribute->name);
  g_free (attribute);
}

/* Hashing and comparing stop at ';' so lookups ignore attribute options and
 * need no folded copy of the name. Attribute descriptions are ASCII. */
static guint
attribute_name_hash (gconstpointer key)
{
  const char *p;
  guint hash = 5381;

  for (p = key; *p != '\0' && *p != ';'; p++)
    hash = (hash << 5) + hash + (guchar) g_ascii_tolower (*p);

  return hash;
}

static gboolean
attribute_name_equal (gconstpointer a,
                      gconstpointer b)
{
  const char *p = a;
  const char *q = b;

  for (;;)
    {
      gboolean p_end = *p == '\0' || *p == ';';
      gboolean q_end = *q == '\0' || *q == ';';

      if (p_end || q_end)
        return p_end && q_end;
      if (g_ascii_tolower (*p) != g_ascii_tolower (*q))
        return FALSE;
      p++;
      q++;
    }
}

static ExtopoAttribute *
extopo_entry_lookup (ExtopoEntry *self,
                     const char  *attribute)
{
  return g_hash_table_lookup (self->attributes, attribute);
}

ExtopoEntry *
extopo_entry_new (const char *dn,
                  guint       line)
{
  ExtopoEntry *self;

  g_return_val_if_fail (dn != NULL, NULL);

  self = g_new0 (ExtopoEntry, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->dn = g_strdup (dn);
  self->line = line;
  self->attributes = g_hash_table_new_full (attribute_name_hash,
                                            attribute_name_equal,
                                            NULL,
                                            extopo_attribute_free);
  self->names = g_ptr_array_new_null_terminated (8, NULL, TRUE);

  return self;
}

ExtopoEntry *
extopo_entry_ref (ExtopoEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
extopo_entry_unref (ExtopoEntry *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_ptr_array_unref (self->names);
  g_hash_table_unref (self->attributes);
  g_free (self->dn);
  g_free (self);
}

const char *
extopo_entry_get_dn (ExtopoEntry *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->dn;
}

guint
extopo_entry_get_line (ExtopoEntry *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->line;
}

void
extopo_entry_add_value (ExtopoEntry *self,
                        const char  *attribute,
                        const char  *value,
                        gsize        length)
{
  ExtopoAttribute *found;
  char *copy;
  GBytes *bytes;

  g_return_if_fail (self != NULL);
  g_return_if_fail (attribute != NULL && *attribute != '\0' && *attribute != ';');
  g_return_if_fail (value != NULL || length == 0);

  found = extopo_entry_lookup (self, attribute);
  if (found == NULL)
    {
      found = g_new0 (ExtopoAttribute, 1);
      found->name = g_strndup (attribute, strcspn (attribute, ";"));
      found->values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      found->strings = g_ptr_array_new_null_terminated (1, NULL, TRUE);
      g_hash_table_insert (self->attributes, found->name, found);
      g_ptr_array_add (self->names, found->name);
    }

  /* The extra NUL lets text values be read in place as C strings. */
  copy = g_malloc (length + 1);
  if (length > 0)
    memcpy (copy, value, length);
  copy[length] = '\0';
  bytes = g_bytes_new_take (copy, length);

  g_ptr_array_add (found->values, bytes);
  g_ptr_array_add (found->strings, copy);
}

gboolean
extopo_entry_has_attribute (ExtopoEntry *self,
                            const char  *attribute)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (attribute != NULL, FALSE);

  return extopo_entry_lookup (self, attribute) != NULL;
}

guint
extopo_entry_get_n_values (ExtopoEntry *self,
                           const char  *attribute)
{
  ExtopoAttribute *found;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (attribute != NULL, 0);

  found = extopo_entry_lookup (self, attribute);

  return found != NULL ? found->values->len : 0;
}

const char *
extopo_entry_get_string (ExtopoEntry *self,
                         const char  *attribute)
{
  ExtopoAttribute *found;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (attribute != NULL, NULL);

  found = extopo_entry_lookup (self, attribute);
  if (found == NULL || found->strings->len == 0)
    return NULL;

  return g_ptr_array_index (found->strings, 0);
}

const char **
extopo_entry_get_strings (ExtopoEntry *self,
                          const char  *attribute,
                          guint       *n_values)
{
  ExtopoAttribute *found;

  if (n_values != NULL)
    *n_values = 0;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (attribute != NULL, NULL);

  found = extopo_entry_lookup (self, attribute);
  if (found == NULL)
    return NULL;

  if (n_values != NULL)
    *n_values = found->strings->len;

  return (const char **) found->strings->pdata;
}

GBytes *
extopo_entry_get_value (ExtopoEntry *self,
                        const char  *attribute,
                        guint        index)
{
  ExtopoAttribute *found;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (attribute != NULL, NULL);

  found = extopo_entry_lookup (self, attribute);
  if (found == NULL || index >= found->values->len)
    return NULL;

  return g_ptr_array_index (found->values, index);
}

const char **
extopo_entry_get_attributes (ExtopoEntry *self,
                             guint       *n_attributes)
{
  if (n_attributes != NULL)
    *n_attributes = 0;

  g_return_val_if_fail (self != NULL, NULL);

  if (n_attributes != NULL)
    *n_attributes = self->names->len;

  return (const char **) self->names->pdata;
}

gboolean
extopo_entry_has_object_class (ExtopoEntry *self,
                               const char  *object_class)
{
  ExtopoAttribute *found;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (object_class != NULL, FALSE);

  found = extopo_entry_lookup (self, "objectClass");
  if (found == NULL)
    return FALSE;

  for (guint i = 0; i < found->strings->len; i++)
    {
      if (g_ascii_strcasecmp (g_ptr_array_index (found->strings, i), object_class) == 0)
        return TRUE;
    }

  return FALSE;
}

gboolean
extopo_entry_get_int64 (ExtopoEntry *self,
                        const char  *attribute,
                        gint64      *value)
{
  const char *text;
  gint64 number;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (attribute != NULL, FALSE);

  text = extopo_entry_get_string (self, attribute);
  if (text == NULL)
    return FALSE;

  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &number, NULL))
    return FALSE;

  if (value != NULL)
    *value = number;

  return TRUE;
}

gboolean
extopo_entry_get_boolean (ExtopoEntry *self,
                          const char  *attribute,
                          gboolean    *value)
{
  const char *text;
  gboolean result;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (attribute != NULL, FALSE);

  text = extopo_entry_get_string (self, attribute);
  if (text == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (text, "TRUE") == 0)
    result = TRUE;
  else if (g_ascii_strcasecmp (text, "FALSE") == 0)
    result = FALSE;
  else
    return FALSE;

  if (value != NULL)
    *value = result;

  return TRUE;
}
