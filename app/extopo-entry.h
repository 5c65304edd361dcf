/* extopo-entry.h: one directory entry, a DN and a multimap of attribute values.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "extopo-types.h"

G_BEGIN_DECLS

#define EXTOPO_TYPE_ENTRY (extopo_entry_get_type ())

/* Entries come from either source (LDIF reader, LDAP source) and are the
 * only thing the model reads. Attribute names are matched case-insensitively
 * and without options ("userCertificate;binary" is "usercertificate"). Values
 * are kept as bytes; every stored value is also NUL-terminated so text
 * attributes can be read as strings. */
GType         extopo_entry_get_type        (void) G_GNUC_CONST;
ExtopoEntry  *extopo_entry_new             (const char   *dn,
                                            guint         line);
ExtopoEntry  *extopo_entry_ref             (ExtopoEntry  *self);
void          extopo_entry_unref           (ExtopoEntry  *self);
const char   *extopo_entry_get_dn          (ExtopoEntry  *self);
/* The line in the source where the entry starts, 0 when not from a file. */
guint         extopo_entry_get_line        (ExtopoEntry  *self);
void          extopo_entry_add_value       (ExtopoEntry  *self,
                                            const char   *attribute,
                                            const char   *value,
                                            gsize         length);
gboolean      extopo_entry_has_attribute   (ExtopoEntry  *self,
                                            const char   *attribute);
guint         extopo_entry_get_n_values    (ExtopoEntry  *self,
                                            const char   *attribute);
/* The first value as a string, or NULL when absent. */
const char   *extopo_entry_get_string      (ExtopoEntry  *self,
                                            const char   *attribute);
/* Every value as a string, or NULL when absent. Owned by the entry. */
const char  **extopo_entry_get_strings     (ExtopoEntry  *self,
                                            const char   *attribute,
                                            guint        *n_values);
/* The n-th value's bytes; NULL when out of range. */
GBytes       *extopo_entry_get_value       (ExtopoEntry  *self,
                                            const char   *attribute,
                                            guint         index);
/* Attribute names as first spelled in the source, in insertion order. */
const char  **extopo_entry_get_attributes  (ExtopoEntry  *self,
                                            guint        *n_attributes);
/* Case-insensitive test of objectClass values. */
gboolean      extopo_entry_has_object_class (ExtopoEntry *self,
                                             const char  *object_class);
/* Parses the first value as an integer; FALSE when absent or not a number. */
gboolean      extopo_entry_get_int64       (ExtopoEntry  *self,
                                            const char   *attribute,
                                            gint64       *value);
/* TRUE/FALSE (LDAP booleans); FALSE when absent or unparsable. */
gboolean      extopo_entry_get_boolean     (ExtopoEntry  *self,
                                            const char   *attribute,
                                            gboolean     *value);

/* RFC 4512 (section 2.5): a descriptor or numeric OID, then ";option"s;
 * Active Directory's range option ("member;range=0-1499") is allowed. */
gboolean      extopo_attribute_description_is_valid (const char *description,
                                                     gssize      length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExtopoEntry, extopo_entry_unref)

/* Which entries and attributes a reader keeps. NULL lists keep everything;
 * names compare ASCII case-insensitively, attribute options ignored. */
typedef struct
{
  /* an entry is kept when one of its objectClass values is listed */
  const char * const *object_classes;
  /* the attributes kept of a kept entry */
  const char * const *attributes;
} ExtopoEntryFilter;

gboolean      extopo_entry_filter_wants_attribute    (const ExtopoEntryFilter *filter,
                                                      const char              *attribute);
gboolean      extopo_entry_filter_wants_object_class (const ExtopoEntryFilter *filter,
                                                      const char              *object_class);

G_END_DECLS
