/* extopo-dn.h: distinguished names, parsed and compared by libldap.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define EXTOPO_DN_ERROR (extopo_dn_error_quark ())

typedef enum
{
  EXTOPO_DN_ERROR_INVALID,
  EXTOPO_DN_ERROR_TOO_SHORT,
} ExtopoDnError;

GQuark    extopo_dn_error_quark    (void);

/* The canonical, case-folded LDAPv3 spelling of @dn: two DNs name the same
 * entry exactly when their normalized forms are equal strings. Use it as
 * the key of every DN lookup table. */
char     *extopo_dn_normalize      (const char  *dn,
                                    GError     **error);
/* TRUE when @dn parses (the empty DN, the root, does). Cheaper than normalizing. */
gboolean  extopo_dn_is_valid       (const char  *dn);
/* TRUE when both parse and name the same entry. */
gboolean  extopo_dn_equal          (const char  *a,
                                    const char  *b);
/* Number of RDNs; 0 on parse failure. */
guint     extopo_dn_get_depth      (const char  *dn);
/* @dn with its first @levels RDNs removed, in normalized form. */
char     *extopo_dn_get_ancestor   (const char  *dn,
                                    guint        levels,
                                    GError     **error);
/* The unescaped value of the first RDN ("CN=Sales\, East,..." gives "Sales, East"). */
char     *extopo_dn_get_rdn_value  (const char  *dn,
                                    GError     **error);
/* The unescaped value of the RDN @level steps up (0 = first). */
char     *extopo_dn_get_rdn_value_at (const char  *dn,
                                      guint        level,
                                      GError     **error);
/* TRUE when @dn lies at or below @ancestor. */
gboolean  extopo_dn_is_descendant  (const char  *dn,
                                    const char  *ancestor);

/* Returns the new value for an attribute value of an RDN ("cn", "Servers"),
 * or NULL to keep it. */
typedef char *(*ExtopoDnValueFunc) (const char *type,
                                    const char *value,
                                    gpointer    user_data);

/* @dn with each text value replaced as @func says, written in LDAPv3 form
 * (escaped as needed), or NULL when @dn does not parse. #hex values stay. */
char     *extopo_dn_map_values     (const char         *dn,
                                    ExtopoDnValueFunc   func,
                                    gpointer            user_data,
                                    GError            **error);

G_END_DECLS
