/* extopo-ldap-source.h: directory entries fetched live from a domain controller.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "extopo-entry.h"

G_BEGIN_DECLS

#define EXTOPO_LDAP_ERROR (extopo_ldap_error_quark ())

typedef enum
{
  EXTOPO_LDAP_ERROR_INVALID_ARGUMENT,  /* bad URI, unreadable password file ... */
  EXTOPO_LDAP_ERROR_CONNECT,           /* cannot connect */
  EXTOPO_LDAP_ERROR_TLS,               /* certificate rejected, StartTLS refused */
  EXTOPO_LDAP_ERROR_AUTH,              /* bad credentials, SASL failure */
  EXTOPO_LDAP_ERROR_NO_ORGANIZATION,   /* no Exchange organization under the base */
  EXTOPO_LDAP_ERROR_SERVER_DOWN,       /* the server went away mid-operation */
  EXTOPO_LDAP_ERROR_TIMEOUT,
  EXTOPO_LDAP_ERROR_SIZE_LIMIT,
  EXTOPO_LDAP_ERROR_CANCELLED,
  EXTOPO_LDAP_ERROR_FAILED,
  EXTOPO_LDAP_ERROR_CLEARTEXT_PASSWORD, /* a password would go out unencrypted */
  EXTOPO_LDAP_ERROR_PROTOCOL,          /* the server sent something that is not LDAP */
} ExtopoLdapError;

GQuark extopo_ldap_error_quark (void);

typedef enum
{
  EXTOPO_LDAP_BIND_ANONYMOUS,
  EXTOPO_LDAP_BIND_SIMPLE,
  EXTOPO_LDAP_BIND_SASL,
} ExtopoLdapBindMethod;

typedef struct
{
  char               **uris;              /* "ldap://dc1.example.com", tried in order */
  gboolean             starttls;          /* for ldap:// URIs */
  gboolean             verify_certificates; /* TRUE unless the user turns it off */
  char                *ca_file;           /* NULL: the system store */
  ExtopoLdapBindMethod bind_method;
  char                *bind_dn;           /* a DN or user@domain */
  char                *password;          /* wiped on free; never logged */
  char                *sasl_mech;         /* "GSSAPI" */
  char                *base_dn;           /* NULL: configurationNamingContext from the RootDSE */
  guint                page_size;         /* paged results control, default 500 */
  guint                size_limit;        /* 0: no limit */
  guint                network_timeout;   /* seconds, default 10 */
  guint                operation_timeout; /* seconds, default 60 */
  gboolean             allow_cleartext_password; /* simple bind over plain ldap:// */
} ExtopoLdapParams;

ExtopoLdapParams *extopo_ldap_params_new   (void);
ExtopoLdapParams *extopo_ldap_params_copy  (const ExtopoLdapParams *params);
void              extopo_ldap_params_free  (ExtopoLdapParams       *params);
/* Wipes and forgets the password, e.g. before keeping @params for later. */
void              extopo_ldap_params_clear_password (ExtopoLdapParams *params);
/* "ldap://dc1.example.com (simple bind as admin@example.com)": no password. */
char             *extopo_ldap_params_describe (const ExtopoLdapParams *params);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExtopoLdapParams, extopo_ldap_params_free)

/* Called with the number of entries received so far, once a page: by
 * extopo_ldap_fetch() in its own thread, for extopo_ldap_fetch_async() on
 * the thread-default main context of its caller. */
typedef void (*ExtopoLdapProgressFunc) (guint    n_entries,
                                        gpointer user_data);

/* Synchronous fetch, for worker threads and the command line. Returns a
 * GPtrArray of ExtopoEntry like extopo_ldif_read_file(). Only binds and
 * searches: nothing is ever written. Error messages name the server and
 * the step ("ldap://dc1: bind: Invalid credentials"). */
GPtrArray *extopo_ldap_fetch        (const ExtopoLdapParams  *params,
                                     GCancellable            *cancellable,
                                     ExtopoLdapProgressFunc   progress,
                                     gpointer                 progress_data,
                                     GError                 **error);
void       extopo_ldap_fetch_async  (const ExtopoLdapParams  *params,
                                     GCancellable            *cancellable,
                                     ExtopoLdapProgressFunc   progress,
                                     gpointer                 progress_data,
                                     GDestroyNotify           progress_data_free,
                                     GAsyncReadyCallback      callback,
                                     gpointer                 user_data);
GPtrArray *extopo_ldap_fetch_finish (GAsyncResult            *result,
                                     GError                 **error);

/* What a fetch asks the server for: the filter on the object classes the
 * model reads, and the attributes it reads (NULL-terminated). */
const char         *extopo_ldap_get_filter     (void);
const char * const *extopo_ldap_get_attributes (void);

/* Reads a password from the terminal without echoing it; NULL when stdin
 * is not a terminal. Wipe and free the result with extopo_ldap_password_free(),
 * which also makes the process dumpable again. */
char      *extopo_ldap_prompt_password (const char *prompt);

/* While a password is in memory the process is not dumpable (no core file,
 * no ptrace by the same user): hold marks it, release restores it when the
 * last holder lets go. */
void       extopo_ldap_secrets_hold    (void);
void       extopo_ldap_secrets_release (void);
/* Wipes, frees and releases a password from extopo_ldap_prompt_password(). */
void       extopo_ldap_password_free   (char       *password);

/* TRUE when @params would send a password unencrypted: a simple bind over
 * ldap:// without StartTLS. */
gboolean   extopo_ldap_params_sends_cleartext_password (const ExtopoLdapParams *params);

G_END_DECLS
