/* extopo-fake-ldap.h: a small hostile LDAP server on 127.0.0.1 for the tests:
 * it stalls, sends garbage, hangs up, refers elsewhere or answers the way
 * Active Directory does where slapd never would (ranged attributes).
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The base the fake server's organization lives under. */
#define EXTOPO_FAKE_LDAP_BASE "CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=fake,DC=test"
#define EXTOPO_FAKE_LDAP_ORG  "CN=Fake," EXTOPO_FAKE_LDAP_BASE

typedef enum
{
  EXTOPO_FAKE_LDAP_STALL,             /* accept, never answer (not even a ClientHello) */
  EXTOPO_FAKE_LDAP_STALL_AFTER_STARTTLS, /* grant StartTLS, then never answer */
  EXTOPO_FAKE_LDAP_REFUSE_STARTTLS,   /* answer StartTLS with "unavailable" */
  EXTOPO_FAKE_LDAP_STALL_BIND,        /* read the bind, never answer it */
  EXTOPO_FAKE_LDAP_GARBAGE,           /* answer the first request with non-LDAP bytes */
  EXTOPO_FAKE_LDAP_CLOSE_MID_SEARCH,  /* one entry, then hang up */
  EXTOPO_FAKE_LDAP_REFERRAL,          /* refer the search to another server */
  EXTOPO_FAKE_LDAP_BAD_ATTRIBUTE,     /* an attribute name with a newline in it */
  EXTOPO_FAKE_LDAP_RANGED,            /* member in three chunks, as AD sends it */
} ExtopoFakeLdapMode;

/* How many values of "member" the ranged organization has, and per chunk. */
#define EXTOPO_FAKE_LDAP_N_MEMBERS 7
#define EXTOPO_FAKE_LDAP_CHUNK     3

typedef struct _ExtopoFakeLdap ExtopoFakeLdap;

ExtopoFakeLdap *extopo_fake_ldap_start         (ExtopoFakeLdapMode  mode);
void            extopo_fake_ldap_free          (ExtopoFakeLdap     *self);
/* "ldap://127.0.0.1:PORT" or "ldaps://..." (the same listener). */
const char     *extopo_fake_ldap_get_uri       (ExtopoFakeLdap     *self,
                                                gboolean            ldaps);
/* Blocks until the server has read @n requests (a connection counts as one
 * in the stall mode), or 10 s have passed: FALSE then. */
gboolean        extopo_fake_ldap_wait_requests (ExtopoFakeLdap     *self,
                                                guint               n);
guint           extopo_fake_ldap_get_n_requests (ExtopoFakeLdap    *self);
/* Whether any request carried this control OID (e.g. AD's Show Deleted). */
gboolean        extopo_fake_ldap_saw_control    (ExtopoFakeLdap    *self,
                                                 const char        *oid);
/* The attribute lists the server was asked for, one string a request. */
GPtrArray      *extopo_fake_ldap_get_requested (ExtopoFakeLdap     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExtopoFakeLdap, extopo_fake_ldap_free)

G_END_DECLS
