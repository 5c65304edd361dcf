/* extopo-slapd.h: a private slapd (and optionally a Kerberos KDC) for the LDAP
 * tests and benchmark, loaded from a sample or a generated organization.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define EXTOPO_SLAPD_REALM         "EXTOPO.TEST"
#define EXTOPO_SLAPD_USER          "reader"
#define EXTOPO_SLAPD_PASSWORD      "Reader-Secret-1"

typedef struct
{
  const char *sample_path;  /* an LDIF sample, or NULL for a generated org */
  guint       n_servers;    /* the generated org's size */
  gboolean    tls;          /* certificates, StartTLS and an ldaps:// listener */
  gboolean    kerberos;     /* a KDC, a keytab for slapd and a user ticket */
} ExtopoSlapdConfig;

typedef struct
{
  char        *dir;
  char        *suffix;         /* "DC=contoso,DC=com" */
  char        *uri;            /* ldap://127.0.0.1:PORT */
  char        *ldaps_uri;      /* ldaps://127.0.0.1:PORT, with tls */
  char        *localhost_uri;  /* ldap://localhost:PORT, for GSSAPI */
  char        *bind_dn;        /* the reader's DN (simple bind) */
  char        *ca_file;        /* the CA that signed the server certificate */
  char        *wrong_ca_file;  /* a CA that did not */
  char        *log_path;       /* slapd's stats log */
  char        *krb5_config;    /* KRB5_CONFIG for the client */
  char        *ccache;         /* KRB5CCNAME holding the user's ticket */
  char        *sasl_host;      /* the host name in slapd's service principal */
  GSubprocess *slapd;
  GSubprocess *kdc;
  gboolean     stopped;        /* SIGSTOP sent, SIGCONT due */
  guint        n_entries;      /* loaded with slapadd */
} ExtopoSlapd;

ExtopoSlapd *extopo_slapd_start          (const ExtopoSlapdConfig *config,
                                          GError                 **error);
/* Stops both servers (continuing a stopped slapd first) and removes the directory. */
void         extopo_slapd_free           (ExtopoSlapd             *self);
void         extopo_slapd_signal         (ExtopoSlapd             *self,
                                          int                      signum);
/* A closed loopback port: nothing listens on it. */
guint16      extopo_slapd_free_port      (void);
/* A synthetic organization: one admin group, a routing group per 50 servers
 * joined by routing group connectors, and @n_servers servers. */
GPtrArray   *extopo_slapd_generate_org   (const char              *suffix,
                                          guint                    n_servers);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExtopoSlapd, extopo_slapd_free)

G_END_DECLS
