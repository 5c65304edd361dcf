/* extopo-ldif-reader.h: directory entries from an LDIF export (ldifde, ldapsearch -LLL).
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "extopo-entry.h"

G_BEGIN_DECLS

#define EXTOPO_LDIF_ERROR (extopo_ldif_error_quark ())

typedef enum
{
  EXTOPO_LDIF_ERROR_IO,          /* cannot open or read the file */
  EXTOPO_LDIF_ERROR_SYNTAX,      /* a line that is not LDIF */
  EXTOPO_LDIF_ERROR_INVALID_DN,  /* a dn: line that does not parse */
  EXTOPO_LDIF_ERROR_MISSING_DN,  /* a record without a dn: line */
  EXTOPO_LDIF_ERROR_UNSUPPORTED, /* a changetype other than add */
  EXTOPO_LDIF_ERROR_TOO_LARGE,   /* more than the most ExTopo reads (2 GiB) */
  EXTOPO_LDIF_ERROR_INVALID_ATTRIBUTE, /* an attribute description RFC 4512 does not allow */
} ExtopoLdifError;

GQuark     extopo_ldif_error_quark     (void);

/* Returns a GPtrArray of ExtopoEntry (free func set) or NULL with @error set.
 * Error messages name the file and the line: "sample.ldif:12: ...". */
GPtrArray *extopo_ldif_read_file       (const char    *path,
                                        GCancellable  *cancellable,
                                        GError       **error);
/* @name is used in error messages in place of a path. */
GPtrArray *extopo_ldif_read_data       (const char    *data,
                                        gsize          length,
                                        const char    *name,
                                        GCancellable  *cancellable,
                                        GError       **error);

/* The same, keeping only the entries and attributes @filter (NULL: all)
 * wants; every line is still checked. The loader reads this way. */
GPtrArray *extopo_ldif_read_file_filtered (const char               *path,
                                           const ExtopoEntryFilter  *filter,
                                           GCancellable             *cancellable,
                                           GError                  **error);
GPtrArray *extopo_ldif_read_data_filtered (const char               *data,
                                           gsize                     length,
                                           const char               *name,
                                           const ExtopoEntryFilter  *filter,
                                           GCancellable             *cancellable,
                                           GError                  **error);

G_END_DECLS
