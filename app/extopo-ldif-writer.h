/* extopo-ldif-writer.h: entries back to LDIF (snapshots of a live fetch).
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "extopo-entry.h"

G_BEGIN_DECLS

/* What a snapshot says about itself, in comment lines before its first
 * record; both may be NULL. */
typedef struct
{
  const char *source;    /* where the entries were read, "ldap://dc1.contoso.com" */
  GDateTime  *fetched;   /* when they were read */
} ExtopoSnapshotHeader;

/* Uses libldap's LDIF writer, so the file reads back with extopo_ldif_read_file().
 * Every attribute description is checked first (RFC 4512): one that is not
 * valid fails the whole write with EXTOPO_LDIF_ERROR_INVALID_ATTRIBUTE,
 * naming the entry and the attribute, before anything is written. */
char      *extopo_ldif_write_to_string     (GPtrArray                  *entries,
                                            const ExtopoSnapshotHeader *header,
                                            GError                    **error);
/* Replaces @path the way exports do: its mode, links and owner kept, no
 * temporary file left behind. */
gboolean   extopo_ldif_write_file          (GPtrArray                  *entries,
                                            const ExtopoSnapshotHeader *header,
                                            const char                 *path,
                                            GError                    **error);
/* The fetch time in the header of a snapshot's text, or NULL when it has none. */
GDateTime *extopo_ldif_read_snapshot_time  (const char                 *data,
                                            gsize                       length);

G_END_DECLS
