/* extopo-schema.h: the directory object classes and attributes the model reads.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "extopo-entry.h"

G_BEGIN_DECLS

/* The one list both sources ask for: the LDAP source searches for these,
 * the loader has the LDIF reader keep only these. extopo-model.c reads
 * nothing else. NULL-terminated, static. */
const char * const      *extopo_schema_get_object_classes (void);
const char * const      *extopo_schema_get_attributes     (void);
/* Both lists as a filter for extopo_ldif_read_file_filtered(). */
const ExtopoEntryFilter *extopo_schema_get_entry_filter   (void);

G_END_DECLS
