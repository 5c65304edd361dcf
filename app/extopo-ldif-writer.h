/* extopo-ldif-writer.h: entries back to LDIF (snapshots of a live fetch).
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "extopo-entry.h"

G_BEGIN_DECLS

/* Uses libldap's LDIF writer, so the file reads back with extopo_ldif_read_file(). */
char     *extopo_ldif_write_to_string (GPtrArray    *entries);
gboolean  extopo_ldif_write_file      (GPtrArray    *entries,
                                       const char   *path,
                                       GError      **error);

G_END_DECLS
