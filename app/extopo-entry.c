/* extopo-entry.c: one directory entry, a DN and a multimap of attribute values.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-entry"

#include "config.h"

#include <string.h>

#include "extopo-entry.h"

/* An entry's strings and tables live in a few large chunks rather than
 * in one allocation each: reading 20,000 entries was dominated by malloc.
 * The arena is refcounted apart from the entry so that the GBytes handed
 * out by get_value() can outlive it. */
typedef struct _ExtopoChunk ExtopoChunk;

struct _ExtopoChunk
{
  ExtopoChunk *next;
  gsize        used;
  gsize        size;
  char         data[];
};

typedef struct
{
  gatomicrefcount  ref_count;
  /* the one being filled first */
  ExtopoChunk     *chunks;
  /* Small entries stay small; big ones take few chunks. */
  gsize            next_chunk_size;
} ExtopoArena;

#define EXTOPO_FIRST_CHUNK_SIZE 512
#define EXTOPO_MAX_CHUNK_SIZE   16384

typedef struct
{
  const char *data;   /* NUL after the last byte */
  gsize       length;
  GBytes     *bytes;  /* made on first request */
} ExtopoValue;

typedef struct
{
  const char   *name;     /* as first spelled, without options */
  guint         hash;
  guint         length;   /* of @name */
  guint         n_values;
  guint         capacity;
  ExtopoValue  *values;
  const char  **strings;  /* NULL-terminated, views of @values */
} ExtopoAttribute;

struct _ExtopoEntry
{
  gatomicrefcount   ref_count;

  /* owned */
  ExtopoArena      *arena;
  const char       *dn;
  guint             line;
  guint             n_attributes;
  guint             capacity;
  /* Set once a value's GBytes was made: most entries never need the walk
   * that drops them. */
  gint              has_bytes;
  /* in insertion order; @names is NULL-terminated */
  ExtopoAttribute **attributes;
  const char      **names;
};

/* Written out rather than G_DEFINE_BOXED_TYPE, whose type check passes the
 * functions through a union, which ISO C (-Wpedantic) forbids. */
GType
extopo_entry_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GType type = g_boxed_type_register_static (g_intern_static_string ("ExtopoEntry"),
                                                 (GBoxedCopyFunc) extopo_entry_ref,
                                                 (GBoxedFreeFunc) extopo_entry_unref);

      g_once_init_leave (&type_id, type);
    }

  return type_id;
}

static ExtopoArena *
extopo_arena_new (void)
{
  ExtopoArena *arena = g_new0 (ExtopoArena, 1);

  g_atomic_ref_count_init (&arena->ref_count);
  arena->next_chunk_size = EXTOPO_FIRST_CHUNK_SIZE;

  return arena;
}

static gpointer
extopo_arena_ref (gpointer data)
{
  ExtopoArena *arena = data;

  g_atomic_ref_count_inc (&arena->ref_count);

  return arena;
}

static void
extopo_arena_unref (gpointer data)
{
  ExtopoArena *arena = data;

  if (!g_atomic_ref_count_dec (&arena->ref_count))
    return;

  while (arena->chunks != NULL)
    {
      ExtopoChunk *next = arena->chunks->next;

      g_free (arena->chunks);
      arena->chunks = next;
    }

  g_free (arena);
}

/* Pointer-aligned, never moved, freed with the arena. */
static gpointer
extopo_arena_alloc (ExtopoArena *arena,
                    gsize        size)
{
  ExtopoChunk *chunk = arena->chunks;
  gpointer memory;

  size = (size + sizeof (gpointer) - 1) & ~(sizeof (gpointer) - 1);

  if (chunk == NULL || chunk->size - chunk->used < size)
    {
      gsize chunk_size = MAX (size, arena->next_chunk_size);

      chunk = g_malloc (sizeof (ExtopoChunk) + chunk_size);
      chunk->used = 0;
      chunk->size = chunk_size;

      /* A big value gets a chunk of its own behind the one being filled. */
      if (size > arena->next_chunk_size && arena->chunks != NULL)
        {
          chunk->next = arena->chunks->next;
          arena->chunks->next = chunk;
        }
      else
        {
          chunk->next = arena->chunks;
          arena->chunks = chunk;
          arena->next_chunk_size = MIN (arena->next_chunk_size * 2, EXTOPO_MAX_CHUNK_SIZE);
        }
    }

  memory = chunk->data + chunk->used;
  chunk->used += size;

  return memory;
}

static const char *
extopo_arena_strndup (ExtopoArena *arena,
                      const char  *text,
                      gsize        length)
{
  char *copy = extopo_arena_alloc (arena, length + 1);

  if (length > 0)
    memcpy (copy, text, length);
  copy[length] = '\0';

  return copy;
}

/* g_ascii_tolower() is a call, not a macro, and this runs for every line
 * of every entry read. */
static inline char
ascii_lower (char c)
{
  return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

/* Hashing and comparing stop at ';' so lookups ignore attribute options and
 * need no folded copy of the name. Attribute descriptions are ASCII, where
 * setting bit 5 folds letters alike and keeps other characters apart enough
 * for a hash. The model looks up tens of names in every entry. */
static inline guint
attribute_name_hash (const char *name,
                     gsize      *length)
{
  guint hash = 5381;
  const char *p;

  for (p = name; *p != '\0' && *p != ';'; p++)
    hash = (hash << 5) + hash + ((guchar) *p | 0x20);

  *length = p - name;

  return hash;
}

/* @a and @b are @length long (up to a ';' or the end). */
static inline gboolean
attribute_name_equal (const char *a,
                      const char *b,
                      gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (a[i] != b[i] && ascii_lower (a[i]) != ascii_lower (b[i]))
        return FALSE;
    }

  return TRUE;
}

/* Entries hold tens of attributes: comparing stored hashes in order beats
 * a hash table, and costs no allocation. */
static ExtopoAttribute *
extopo_entry_lookup (ExtopoEntry *self,
                     const char  *attribute)
{
  gsize length;
  guint hash = attribute_name_hash (attribute, &length);

  for (guint i = 0; i < self->n_attributes; i++)
    {
      ExtopoAttribute *found = self->attributes[i];

      if (found->hash == hash && found->length == length &&
          attribute_name_equal (found->name, attribute, length))
        return found;
    }

  return NULL;
}

/* Grows to @new_size by copying into new arena memory. The old arrays stay
 * valid (if stale) until the entry goes: a caller's earlier get_strings()
 * result never dangles. */
static gpointer
extopo_arena_grow (ExtopoArena   *arena,
                   gconstpointer  old,
                   gsize          old_size,
                   gsize          new_size)
{
  gpointer grown = extopo_arena_alloc (arena, new_size);

  if (old_size > 0)
    memcpy (grown, old, old_size);
  memset ((char *) grown + old_size, 0, new_size - old_size);

  return grown;
}

static ExtopoAttribute *
extopo_entry_add_attribute (ExtopoEntry *self,
                            const char  *attribute)
{
  ExtopoAttribute *added;
  gsize length;

  if (self->n_attributes + 1 >= self->capacity)
    {
      guint capacity = MAX (16, self->capacity * 2);

      self->attributes = extopo_arena_grow (self->arena, self->attributes,
                                            self->capacity * sizeof (ExtopoAttribute *),
                                            capacity * sizeof (ExtopoAttribute *));
      self->names = extopo_arena_grow (self->arena, self->names,
                                       self->capacity * sizeof (const char *),
                                       capacity * sizeof (const char *));
      self->capacity = capacity;
    }

  added = extopo_arena_alloc (self->arena, sizeof (ExtopoAttribute));
  memset (added, 0, sizeof (ExtopoAttribute));
  added->hash = attribute_name_hash (attribute, &length);
  added->name = extopo_arena_strndup (self->arena, attribute, length);
  added->length = length;

  self->attributes[self->n_attributes] = added;
  self->names[self->n_attributes] = added->name;
  self->n_attributes++;
  self->names[self->n_attributes] = NULL;

  return added;
}

ExtopoEntry *
extopo_entry_new (const char *dn,
                  guint       line)
{
  ExtopoEntry *self;

  g_return_val_if_fail (dn != NULL, NULL);

  self = g_new0 (ExtopoEntry, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->arena = extopo_arena_new ();
  self->dn = extopo_arena_strndup (self->arena, dn, strlen (dn));
  self->line = line;
  /* An empty, NULL-terminated name list before the first attribute. */
  self->names = extopo_arena_grow (self->arena, NULL, 0, sizeof (const char *));

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

  for (guint i = 0; g_atomic_int_get (&self->has_bytes) && i < self->n_attributes; i++)
    {
      ExtopoAttribute *attribute = self->attributes[i];

      for (guint j = 0; j < attribute->n_values; j++)
        g_clear_pointer (&attribute->values[j].bytes, g_bytes_unref);
    }

  extopo_arena_unref (self->arena);
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
  ExtopoValue *added;

  g_return_if_fail (self != NULL);
  g_return_if_fail (attribute != NULL && *attribute != '\0' && *attribute != ';');
  g_return_if_fail (value != NULL || length == 0);

  found = extopo_entry_lookup (self, attribute);
  if (found == NULL)
    found = extopo_entry_add_attribute (self, attribute);

  if (found->n_values + 1 >= found->capacity)
    {
      guint capacity = MAX (2, found->capacity * 2);

      found->values = extopo_arena_grow (self->arena, found->values,
                                         found->capacity * sizeof (ExtopoValue),
                                         capacity * sizeof (ExtopoValue));
      found->strings = extopo_arena_grow (self->arena, found->strings,
                                          found->capacity * sizeof (const char *),
                                          capacity * sizeof (const char *));
      found->capacity = capacity;
    }

  /* The extra NUL lets text values be read in place as C strings. */
  added = &found->values[found->n_values];
  added->data = extopo_arena_strndup (self->arena, value, length);
  added->length = length;
  added->bytes = NULL;

  found->strings[found->n_values] = added->data;
  found->n_values++;
  found->strings[found->n_values] = NULL;
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

  return found != NULL ? found->n_values : 0;
}

const char *
extopo_entry_get_string (ExtopoEntry *self,
                         const char  *attribute)
{
  ExtopoAttribute *found;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (attribute != NULL, NULL);

  found = extopo_entry_lookup (self, attribute);
  if (found == NULL)
    return NULL;

  return found->strings[0];
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
    *n_values = found->n_values;

  return found->strings;
}

GBytes *
extopo_entry_get_value (ExtopoEntry *self,
                        const char  *attribute,
                        guint        index)
{
  ExtopoAttribute *found;
  ExtopoValue *value;
  GBytes *bytes;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (attribute != NULL, NULL);

  found = extopo_entry_lookup (self, attribute);
  if (found == NULL || index >= found->n_values)
    return NULL;

  /* Made on demand: most values are only ever read as strings. Entries are
   * read from several threads, hence the compare-and-exchange. */
  value = &found->values[index];
  bytes = g_atomic_pointer_get (&value->bytes);
  if (bytes == NULL)
    {
      GBytes *made = g_bytes_new_with_free_func (value->data, value->length,
                                                 extopo_arena_unref,
                                                 extopo_arena_ref (self->arena));

      if (g_atomic_pointer_compare_and_exchange (&value->bytes, NULL, made))
        {
          g_atomic_int_set (&self->has_bytes, TRUE);
          bytes = made;
        }
      else
        {
          g_bytes_unref (made);
          bytes = g_atomic_pointer_get (&value->bytes);
        }
    }

  return bytes;
}

const char **
extopo_entry_get_attributes (ExtopoEntry *self,
                             guint       *n_attributes)
{
  if (n_attributes != NULL)
    *n_attributes = 0;

  g_return_val_if_fail (self != NULL, NULL);

  if (n_attributes != NULL)
    *n_attributes = self->n_attributes;

  return self->names;
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

  for (guint i = 0; i < found->n_values; i++)
    {
      if (g_ascii_strcasecmp (found->strings[i], object_class) == 0)
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

/* Names in a filter are few and mostly differ in their first letters. */
static gboolean
name_in_list (const char * const *names,
              const char         *name,
              gsize               length)
{
  for (gsize i = 0; names[i] != NULL; i++)
    {
      if (ascii_lower (names[i][0]) == ascii_lower (name[0]) &&
          g_ascii_strncasecmp (names[i], name, length) == 0 &&
          names[i][length] == '\0')
        return TRUE;
    }

  return FALSE;
}

gboolean
extopo_entry_filter_wants_attribute (const ExtopoEntryFilter *filter,
                                     const char              *attribute)
{
  g_return_val_if_fail (attribute != NULL, FALSE);

  if (filter == NULL || filter->attributes == NULL)
    return TRUE;

  return name_in_list (filter->attributes, attribute, strcspn (attribute, ";"));
}

gboolean
extopo_entry_filter_wants_object_class (const ExtopoEntryFilter *filter,
                                        const char              *object_class)
{
  g_return_val_if_fail (object_class != NULL, FALSE);

  if (filter == NULL || filter->object_classes == NULL)
    return TRUE;

  return name_in_list (filter->object_classes, object_class, strlen (object_class));
}

/* keychar = ALPHA / DIGIT / HYPHEN */
static gboolean
is_keychar (char c)
{
  return g_ascii_isalnum (c) || c == '-';
}

/* numericoid = number 1*( DOT number ), number = DIGIT / ( LDIGIT 1*DIGIT ) */
static gboolean
is_numeric_oid (const char *p,
                const char *end)
{
  guint n_numbers = 0;

  while (p < end)
    {
      const char *start = p;

      while (p < end && g_ascii_isdigit (*p))
        p++;
      if (p == start || (*start == '0' && p - start > 1))
        return FALSE;
      n_numbers++;
      if (p < end && (*p != '.' || ++p == end))
        return FALSE;
    }

  return n_numbers >= 2;
}

/* "range=LOW-HIGH" or "range=LOW-*", which RFC 4512's option syntax does
 * not allow but Active Directory sends and ldapsearch writes. */
static gboolean
is_range_option (const char *p,
                 const char *end)
{
  const char *digits;

  if (end - p < 9 || g_ascii_strncasecmp (p, "range=", 6) != 0)
    return FALSE;
  p += 6;

  for (digits = p; p < end && g_ascii_isdigit (*p); p++)
    ;
  if (p == digits || p == end || *p++ != '-')
    return FALSE;
  if (end - p == 1 && *p == '*')
    return TRUE;
  for (digits = p; p < end && g_ascii_isdigit (*p); p++)
    ;

  return p == end && p > digits;
}

gboolean
extopo_attribute_description_is_valid (const char *description,
                                       gssize      length)
{
  const char *end;
  const char *p;

  g_return_val_if_fail (description != NULL || length == 0, FALSE);

  if (length < 0)
    length = strlen (description);
  /* No schema names one longer; a bound on what a message quotes. */
  if (length == 0 || length > 255)
    return FALSE;

  end = description + length;
  p = memchr (description, ';', length);
  if (p == NULL)
    p = end;

  if (g_ascii_isalpha (description[0]))
    {
      for (const char *c = description; c < p; c++)
        if (!is_keychar (*c))
          return FALSE;
    }
  else if (!is_numeric_oid (description, p))
    {
      return FALSE;
    }

  while (p < end)
    {
      const char *option = p + 1;
      const char *next = memchr (option, ';', end - option);
      gboolean keychars = TRUE;

      if (next == NULL)
        next = end;
      for (const char *c = option; c < next; c++)
        keychars = keychars && is_keychar (*c);
      if (next == option || (!keychars && !is_range_option (option, next)))
        return FALSE;
      p = next;
    }

  return TRUE;
}
