/* extopo-version.h: Exchange versions from serialNumber and versionNumber.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "extopo-types.h"

G_BEGIN_DECLS

typedef struct
{
  ExtopoProduct product;
  guint         major;
  guint         minor;
  guint         build;          /* real build: Exchange 2007 strings carry build + 30000 */
  guint         revision;       /* the part after the build's dot, 0 when absent */
  int           service_pack;   /* 0 = RTM, -1 = unknown */
  gboolean      known;          /* FALSE when nothing could be decoded */
} ExtopoVersion;

/* "Version 6.5 (Build 7638.2: Service Pack 2)"; FALSE when it does not parse. */
gboolean     extopo_version_parse_serial      (const char          *serial,
                                               ExtopoVersion       *version);
/* versionNumber: a plain 2000/2003 build or the packed Exchange 2007 value. */
gboolean     extopo_version_parse_number      (guint32              number,
                                               ExtopoVersion       *version);
/* Combines both attributes (either may be NULL); serialNumber wins where it
 * says more, versionNumber fills what it lacks. */
void         extopo_version_resolve           (const char          *serial,
                                               const char          *version_number,
                                               ExtopoVersion       *version);
/* Product from major/minor. */
ExtopoProduct extopo_product_from_major_minor (guint                major,
                                               guint                minor);
/* "Exchange Server 2003"; translated. */
const char  *extopo_product_get_name          (ExtopoProduct        product);
/* "Exchange Server 2003 SP2", "Exchange Server 2007 RTM" (RTM is always
 * spelled out), the bare product name when the service pack is unknown,
 * "Exchange 14.1" for later releases; translated. */
char        *extopo_version_get_display_name  (const ExtopoVersion *version);
/* "6.5.7638.2", or "8.0.685" when there is no revision; NULL when unknown. */
char        *extopo_version_to_string         (const ExtopoVersion *version);
/* Short badge text: "2003 SP2", "2007 SP1", "5.5 SP4", "?". */
char        *extopo_version_get_badge         (const ExtopoVersion *version);
/* Compares (major, minor, build, revision). */
int          extopo_version_compare           (const ExtopoVersion *a,
                                               const ExtopoVersion *b);

ExtopoManagement extopo_product_get_management (ExtopoProduct       product);
/* "Exchange System Manager", "Exchange Management Console / Shell"; translated. */
const char  *extopo_management_get_name       (ExtopoManagement     management);

/* "Mailbox", "Client Access", "Unified Messaging", "Hub Transport",
 * "Edge Transport" (untranslated, as in the JSON report). */
const char  *extopo_role_get_name             (ExtopoRoles          role);
/* Translated role name for the UI. */
const char  *extopo_role_get_display_name     (ExtopoRoles          role);
/* Two-letter badge: "MB", "CA", "UM", "HT", "ET". */
const char  *extopo_role_get_badge            (ExtopoRoles          role);
/* Every set role's name in bit order, NULL-terminated. Free with g_strfreev(). */
char       **extopo_roles_to_strv             (guint                roles);

G_END_DECLS
