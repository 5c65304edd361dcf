/* extopo-slapd.c: a private slapd (and optionally a Kerberos KDC) for the LDAP
 * tests and benchmark, loaded from a sample or a generated organization.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef G_LOG_DOMAIN
#define G_LOG_DOMAIN "extopo-slapd"
#endif

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <netdb.h>
#include <sys/prctl.h>
#include <sys/types.h>

#include <glib/gstdio.h>

#include "extopo-dn.h"
#include "extopo-entry.h"
#include "extopo-ldif-reader.h"
#include "extopo-ldif-writer.h"
#include "extopo-slapd.h"

#define SLAPD           "/usr/sbin/slapd"
#define SLAPADD         "/usr/sbin/slapadd"
#define SCHEMA_DIR      "/etc/ldap/schema"
#define START_TIMEOUT   (10 * G_TIME_SPAN_SECOND)
#define POLL_STEP_USEC  (2 * G_TIME_SPAN_MILLISECOND)

static char *
schema_path (void)
{
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");

#ifdef EXTOPO_SOURCE_ROOT
  if (srcdir == NULL)
    srcdir = EXTOPO_SOURCE_ROOT "/tests";
#endif
  g_assert_nonnull (srcdir);

  return g_build_filename (srcdir, "ldap", "exchange.schema", NULL);
}

guint16
extopo_slapd_free_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_TCP, NULL);
  g_assert_nonnull (socket);
  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  g_assert_nonnull (bound);

  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* A server outlives nothing: when a failed assertion aborts the test, the
 * kernel kills what it started. */
static void
die_with_parent_cb (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Runs a helper program to completion; its output goes into the error. */
static gboolean
run_program (const char * const  *argv,
             const char * const  *env,
             GError             **error)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *output = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_MERGE
                                        | G_SUBPROCESS_FLAGS_STDIN_PIPE);
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);

  process = g_subprocess_launcher_spawnv (launcher, argv, error);
  if (process == NULL)
    return FALSE;

  if (!g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, error))
    return FALSE;

  if (!g_subprocess_get_successful (process))
    {
      g_autofree char *command = g_strjoinv (" ", (char **) argv);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s failed: %s", command, output);
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_text (const char  *dir,
            const char  *name,
            const char  *text,
            GError     **error)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  return g_file_set_contents (path, text, -1, error);
}

static gboolean
make_certificates (ExtopoSlapd  *self,
                   GError      **error)
{
  g_autofree char *ca_key = g_build_filename (self->dir, "ca.key", NULL);
  g_autofree char *wrong_key = g_build_filename (self->dir, "wrong-ca.key", NULL);
  g_autofree char *server_key = g_build_filename (self->dir, "server.key", NULL);
  g_autofree char *server_csr = g_build_filename (self->dir, "server.csr", NULL);
  g_autofree char *server_crt = g_build_filename (self->dir, "server.crt", NULL);
  g_autofree char *extensions = g_build_filename (self->dir, "server.ext", NULL);
  const char *ca_argv[] = {
    "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
    "-nodes", "-days", "2", "-subj", "/CN=ExTopo Test CA", "-keyout", ca_key,
    "-out", self->ca_file, NULL
  };
  const char *wrong_argv[] = {
    "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
    "-nodes", "-days", "2", "-subj", "/CN=ExTopo Test CA", "-keyout", wrong_key,
    "-out", self->wrong_ca_file, NULL
  };
  const char *csr_argv[] = {
    "openssl", "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
    "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", server_key, "-out", server_csr, NULL
  };
  const char *sign_argv[] = {
    "openssl", "x509", "-req", "-in", server_csr, "-CA", self->ca_file, "-CAkey", ca_key,
    "-CAcreateserial", "-days", "2", "-extfile", extensions, "-out", server_crt, NULL
  };

  /* The same subject as the real CA, so only the key tells them apart. */
  return write_text (self->dir, "server.ext",
                     "basicConstraints = CA:FALSE\n"
                     "extendedKeyUsage = serverAuth\n"
                     "subjectAltName = IP:127.0.0.1, DNS:localhost\n", error)
         && run_program (ca_argv, NULL, error)
         && run_program (wrong_argv, NULL, error)
         && run_program (csr_argv, NULL, error)
         && run_program (sign_argv, NULL, error);
}

/* ------------------------------------------------------------------ */
/* Kerberos                                                            */

/* For a loopback connection libldap names the service after this host's
 * own canonical name (ldap_host_connected_to), not "localhost". */
static char *
canonical_loopback_name (void)
{
  struct addrinfo hints = { .ai_flags = AI_CANONNAME };
  struct addrinfo *info = NULL;
  char *name;

  if (getaddrinfo (g_get_host_name (), NULL, &hints, &info) != 0 || info == NULL)
    return g_strdup (g_get_host_name ());

  name = g_strdup (info->ai_canonname != NULL ? info->ai_canonname : g_get_host_name ());
  freeaddrinfo (info);

  return name;
}

static gboolean
start_kdc (ExtopoSlapd  *self,
           GError      **error)
{
  g_autofree char *kdc_profile = g_build_filename (self->dir, "kdc.conf", NULL);
  g_autofree char *db_dir = g_build_filename (self->dir, "krb5kdc", NULL);
  g_autofree char *service_keytab = g_build_filename (self->dir, "slapd.keytab", NULL);
  g_autofree char *user_keytab = g_build_filename (self->dir, "user.keytab", NULL);
  g_autofree char *kdc_conf = NULL;
  g_autofree char *krb5_conf = NULL;
  g_autofree char *add_service = NULL;
  g_autofree char *export_service = NULL;
  g_autofree char *add_user = NULL;
  g_autofree char *export_user = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  guint16 port = extopo_slapd_free_port ();

  self->sasl_host = canonical_loopback_name ();
  self->krb5_config = g_build_filename (self->dir, "krb5.conf", NULL);
  self->ccache = g_strdup_printf ("FILE:%s/ccache", self->dir);

  const char *env[] = {
    "KRB5_CONFIG", self->krb5_config,
    "KRB5_KDC_PROFILE", kdc_profile,
    "KRB5CCNAME", self->ccache,
    NULL
  };

  g_mkdir (db_dir, 0700);
  kdc_conf = g_strdup_printf ("[kdcdefaults]\n"
                              " kdc_ports = %u\n"
                              " kdc_tcp_ports = %u\n"
                              "[realms]\n"
                              " " EXTOPO_SLAPD_REALM " = {\n"
                              "  database_name = %s/principal\n"
                              "  key_stash_file = %s/stash\n"
                              "  acl_file = %s/kadm5.acl\n"
                              "  kdc_ports = %u\n"
                              "  kdc_tcp_ports = %u\n"
                              " }\n"
                              "[logging]\n"
                              " kdc = FILE:%s/kdc.log\n",
                              port, port, db_dir, db_dir, db_dir, port, port, self->dir);
  krb5_conf = g_strdup_printf ("[libdefaults]\n"
                               " default_realm = " EXTOPO_SLAPD_REALM "\n"
                               " dns_lookup_kdc = false\n"
                               " dns_lookup_realm = false\n"
                               " dns_canonicalize_hostname = false\n"
                               " rdns = false\n"
                               "[realms]\n"
                               " " EXTOPO_SLAPD_REALM " = {\n"
                               "  kdc = 127.0.0.1:%u\n"
                               " }\n"
                               "[domain_realm]\n"
                               " localhost = " EXTOPO_SLAPD_REALM "\n"
                               " %s = " EXTOPO_SLAPD_REALM "\n",
                               port, self->sasl_host);
  if (!write_text (self->dir, "kdc.conf", kdc_conf, error)
      || !write_text (self->dir, "krb5.conf", krb5_conf, error)
      || !write_text (db_dir, "kadm5.acl", "", error))
    return FALSE;

  add_service = g_strdup_printf ("addprinc -randkey ldap/%s", self->sasl_host);
  export_service = g_strdup_printf ("ktadd -k %s ldap/%s", service_keytab, self->sasl_host);
  add_user = g_strdup ("addprinc -randkey " EXTOPO_SLAPD_USER);
  export_user = g_strdup_printf ("ktadd -k %s " EXTOPO_SLAPD_USER, user_keytab);

  {
    const char *create_argv[] = {
      "/usr/sbin/kdb5_util", "create", "-s", "-r", EXTOPO_SLAPD_REALM,
      "-P", "extopo-master-key", NULL
    };
    const char *queries[] = { add_service, export_service, add_user, export_user };

    if (!run_program (create_argv, env, error))
      return FALSE;

    for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
      {
        const char *kadmin_argv[] = {
          "/usr/sbin/kadmin.local", "-r", EXTOPO_SLAPD_REALM, "-q", queries[i], NULL
        };

        if (!run_program (kadmin_argv, env, error))
          return FALSE;
      }
  }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  for (guint i = 0; env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent_cb, NULL, NULL);
  self->kdc = g_subprocess_launcher_spawn (launcher, error, "/usr/sbin/krb5kdc", "-n",
                                           "-r", EXTOPO_SLAPD_REALM, NULL);
  if (self->kdc == NULL)
    return FALSE;

  /* kinit retries over the KDC's start-up; the ticket proves the KDC answers. */
  for (gint64 deadline = g_get_monotonic_time () + START_TIMEOUT;;)
    {
      const char *kinit_argv[] = {
        "kinit", "-k", "-t", user_keytab, EXTOPO_SLAPD_USER "@" EXTOPO_SLAPD_REALM, NULL
      };
      g_autoptr(GError) kinit_error = NULL;

      if (run_program (kinit_argv, env, &kinit_error))
        break;

      if (g_get_monotonic_time () > deadline
          || g_subprocess_get_identifier (self->kdc) == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&kinit_error));
          return FALSE;
        }
      g_usleep (5 * POLL_STEP_USEC);
    }

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Data                                                                */

static ExtopoEntry *
container_entry (const char *dn)
{
  g_autofree char *value = extopo_dn_get_rdn_value (dn, NULL);
  ExtopoEntry *entry = extopo_entry_new (dn, 0);

  if (g_ascii_strncasecmp (dn, "dc=", 3) == 0)
    {
      extopo_entry_add_value (entry, "objectClass", "domain", strlen ("domain"));
      extopo_entry_add_value (entry, "dc", value, strlen (value));
    }
  else
    {
      extopo_entry_add_value (entry, "objectClass", "container", strlen ("container"));
      extopo_entry_add_value (entry, "cn", value, strlen (value));
    }

  return entry;
}

static void
add_text (ExtopoEntry *entry,
          const char  *attribute,
          const char  *value)
{
  extopo_entry_add_value (entry, attribute, value, strlen (value));
}

/* The suffix is the DN's trailing run of DC= components. */
static char *
suffix_of (const char *dn)
{
  guint depth = extopo_dn_get_depth (dn);

  for (guint level = 0; level < depth; level++)
    {
      g_autofree char *ancestor = extopo_dn_get_ancestor (dn, level, NULL);

      if (ancestor != NULL && g_str_has_prefix (ancestor, "dc="))
        return g_steal_pointer (&ancestor);
    }

  return NULL;
}

/* slapadd needs every entry's parent first: an export holds only the
 * Exchange subtree, so the containers above (and any missing ones) are made up. */
static GPtrArray *
complete_tree (GPtrArray  *entries,
               const char *suffix)
{
  g_autoptr(GHashTable) present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *tree = g_ptr_array_new_with_free_func ((GDestroyNotify) extopo_entry_unref);
  guint suffix_depth = extopo_dn_get_depth (suffix);

  for (guint i = 0; i < entries->len; i++)
    {
      char *ndn = extopo_dn_normalize (extopo_entry_get_dn (g_ptr_array_index (entries, i)),
                                       NULL);
      if (ndn != NULL)
        g_hash_table_add (present, ndn);
    }

  for (guint i = 0; i < entries->len; i++)
    {
      ExtopoEntry *entry = g_ptr_array_index (entries, i);
      const char *dn = extopo_entry_get_dn (entry);
      guint depth = extopo_dn_get_depth (dn);
      if (depth <= suffix_depth)
        {
          g_ptr_array_add (tree, extopo_entry_ref (entry));
          continue;
        }

      /* Ancestors from the suffix down. */
      for (guint level = depth - suffix_depth; level >= 1; level--)
        {
          char *ancestor = extopo_dn_get_ancestor (dn, level, NULL);

          if (ancestor == NULL || g_hash_table_contains (present, ancestor))
            {
              g_free (ancestor);
              continue;
            }
          g_hash_table_add (present, ancestor);
          g_ptr_array_add (tree, container_entry (ancestor));
        }

      g_ptr_array_add (tree, extopo_entry_ref (entry));
    }

  return tree;
}

static ExtopoEntry *
new_entry (const char  *dn,
           const char  *first_class,
           ...)
{
  ExtopoEntry *entry = extopo_entry_new (dn, 0);
  g_autofree char *cn = extopo_dn_get_rdn_value (dn, NULL);
  va_list args;

  add_text (entry, "objectClass", "top");
  va_start (args, first_class);
  for (const char *class = first_class; class != NULL; class = va_arg (args, const char *))
    add_text (entry, "objectClass", class);
  va_end (args);
  add_text (entry, "cn", cn);

  return entry;
}

GPtrArray *
extopo_slapd_generate_org (const char *suffix,
                           guint       n_servers)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) extopo_entry_unref);
  g_autofree char *exchange = g_strdup_printf ("CN=Microsoft Exchange,CN=Services,"
                                               "CN=Configuration,%s", suffix);
  g_autofree char *org = g_strdup_printf ("CN=Generated,%s", exchange);
  g_autofree char *admin = g_strdup_printf ("CN=First Administrative Group,"
                                            "CN=Administrative Groups,%s", org);
  ExtopoEntry *entry;
  guint n_groups = MAX (1, (n_servers + 49) / 50);

  g_ptr_array_add (entries, new_entry (exchange, "container", "msExchConfigurationContainer",
                                       NULL));
  entry = new_entry (org, "container", "msExchOrganizationContainer", NULL);
  add_text (entry, "msExchMixedMode", "FALSE");
  g_ptr_array_add (entries, entry);
  entry = new_entry (admin, "msExchAdminGroup", NULL);
  add_text (entry, "msExchAdminGroupMode", "0");
  add_text (entry, "msExchDefaultAdminGroup", "TRUE");
  g_ptr_array_add (entries, entry);

  for (guint g = 0; g < n_groups; g++)
    {
      g_autofree char *group = g_strdup_printf ("CN=RG%04u,CN=Routing Groups,%s", g, admin);
      g_autofree char *master = g_strdup_printf ("CN=SRV%05u,CN=Servers,%s", g * 50, admin);

      entry = new_entry (group, "msExchRoutingGroup", NULL);
      add_text (entry, "msExchRoutingMasterDN", master);
      g_ptr_array_add (entries, entry);

      if (g + 1 < n_groups)
        {
          g_autofree char *connector = g_strdup_printf ("CN=RG%04u to RG%04u,"
                                                        "CN=Connections,%s",
                                                        g, g + 1, group);
          g_autofree char *target = g_strdup_printf ("CN=RG%04u,CN=Routing Groups,%s",
                                                     g + 1, admin);

          entry = new_entry (connector, "msExchRoutingGroupConnector", NULL);
          add_text (entry, "msExchDestinationRGDN", target);
          add_text (entry, "cost", "10");
          g_ptr_array_add (entries, entry);
        }
    }

  for (guint s = 0; s < n_servers; s++)
    {
      g_autofree char *server = g_strdup_printf ("CN=SRV%05u,CN=Servers,%s", s, admin);
      g_autofree char *home = g_strdup_printf ("CN=RG%04u,CN=Routing Groups,%s", s / 50, admin);
      g_autofree char *address = g_strdup_printf ("ncacn_ip_tcp:srv%05u.contoso.com", s);
      g_autofree char *legacy = g_strdup_printf ("/o=Generated/ou=First Administrative Group/"
                                                 "cn=Configuration/cn=Servers/cn=SRV%05u", s);

      entry = new_entry (server, "server", "msExchExchangeServer", NULL);
      add_text (entry, "serialNumber", "Version 6.5 (Build 7638.2: Service Pack 2)");
      add_text (entry, "versionNumber", "7638");
      add_text (entry, "serverRole", "0");
      add_text (entry, "msExchHomeRoutingGroup", home);
      add_text (entry, "networkAddress", address);
      add_text (entry, "legacyExchangeDN", legacy);
      g_ptr_array_add (entries, entry);
    }

  return entries;
}

static gboolean
load_database (ExtopoSlapd              *self,
               const ExtopoSlapdConfig  *config,
               const char               *conf_path,
               GError                  **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) tree = NULL;
  g_autofree char *ldif = NULL;
  g_autofree char *ldif_path = g_build_filename (self->dir, "data.ldif", NULL);
  g_autofree char *users = NULL;
  ExtopoEntry *reader;
  const char *slapadd_argv[] = { SLAPADD, "-q", "-f", conf_path, "-l", ldif_path, NULL };

  if (config->sample_path != NULL)
    entries = extopo_ldif_read_file (config->sample_path, NULL, error);
  else
    entries = extopo_slapd_generate_org (self->suffix, config->n_servers);
  if (entries == NULL)
    return FALSE;

  users = g_strdup_printf ("CN=Users,%s", self->suffix);
  reader = new_entry (self->bind_dn, "person", "organizationalPerson", "inetOrgPerson", NULL);
  add_text (reader, "sn", "Reader");
  add_text (reader, "userPassword", EXTOPO_SLAPD_PASSWORD);
  g_ptr_array_add (entries, reader);

  tree = complete_tree (entries, self->suffix);
  self->n_entries = tree->len;

  /* The project's own writer turns the (ldifde-style) sample into plain LDIF. */
  ldif = extopo_ldif_write_to_string (tree, NULL, error);
  if (ldif == NULL)
    return FALSE;
  /* slapadd takes a lone "version: 1" record for an entry without a DN. */
  if (!g_file_set_contents (ldif_path,
                            g_str_has_prefix (ldif, "version: 1\n")
                              ? ldif + strlen ("version: 1\n") : ldif,
                            -1, error))
    return FALSE;

  return run_program (slapadd_argv, NULL, error);
}

static gboolean
write_config (ExtopoSlapd              *self,
              const ExtopoSlapdConfig  *config,
              const char               *conf_path,
              GError                  **error)
{
  g_autofree char *schema = schema_path ();
  g_autofree char *rootdse = NULL;
  g_autoptr(GString) conf = g_string_new (NULL);

  rootdse = g_strdup_printf ("dn:\nconfigurationNamingContext: CN=Configuration,%s\n",
                             self->suffix);
  if (!write_text (self->dir, "rootdse.ldif", rootdse, error))
    return FALSE;

  g_string_append_printf (conf,
                          "include " SCHEMA_DIR "/core.schema\n"
                          "include " SCHEMA_DIR "/cosine.schema\n"
                          "include " SCHEMA_DIR "/inetorgperson.schema\n"
                          "include %s\n"
                          "modulepath /usr/lib/ldap\n"
                          "moduleload back_mdb\n"
                          "pidfile %s/slapd.pid\n"
                          "argsfile %s/slapd.args\n"
                          "rootDSE %s/rootdse.ldif\n"
                          /* Like Active Directory's MaxPageSize, but paged searches finish. */
                          "sizelimit size.soft=1000 size.hard=1000 size.prtotal=unlimited\n",
                          schema, self->dir, self->dir, self->dir);

  if (config->tls)
    g_string_append_printf (conf,
                            "TLSCACertificateFile %s\n"
                            "TLSCertificateFile %s/server.crt\n"
                            "TLSCertificateKeyFile %s/server.key\n",
                            self->ca_file, self->dir, self->dir);

  if (config->kerberos)
    g_string_append_printf (conf,
                            "sasl-host %s\n"
                            "sasl-realm " EXTOPO_SLAPD_REALM "\n"
                            "authz-regexp \"^uid=([^,]+)(,cn=[^,]+)?,cn=gssapi,cn=auth$\" "
                            "\"CN=$1,CN=Users,%s\"\n",
                            self->sasl_host, self->suffix);

  g_string_append_printf (conf,
                          "database mdb\n"
                          "suffix \"%s\"\n"
                          "directory %s/db\n"
                          "maxsize 1073741824\n"
                          "access to attrs=userPassword by anonymous auth by * none\n"
                          "access to * by * read\n",
                          self->suffix, self->dir);

  return g_file_set_contents (conf_path, conf->str, -1, error);
}

static gboolean
wait_until_listening (ExtopoSlapd  *self,
                      guint16       port,
                      GError      **error)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  gint64 deadline = g_get_monotonic_time () + START_TIMEOUT;

  for (;;)
    {
      g_autoptr(GSocketConnection) connection = NULL;

      connection = g_socket_client_connect_to_host (client, "127.0.0.1", port, NULL, NULL);
      if (connection != NULL)
        return TRUE;

      if (g_subprocess_get_identifier (self->slapd) == NULL)
        {
          g_autofree char *log = NULL;

          g_file_get_contents (self->log_path, &log, NULL, NULL);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       "slapd exited at start-up: %s", log != NULL ? log : "");
          return FALSE;
        }

      if (g_get_monotonic_time () > deadline)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       "slapd did not listen on port %u", port);
          return FALSE;
        }

      g_usleep (POLL_STEP_USEC);
    }
}

ExtopoSlapd *
extopo_slapd_start (const ExtopoSlapdConfig  *config,
                    GError                  **error)
{
  g_autoptr(ExtopoSlapd) self = g_new0 (ExtopoSlapd, 1);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autofree char *conf_path = NULL;
  g_autofree char *db_dir = NULL;
  g_autofree char *listen = NULL;
  guint16 port;
  guint16 tls_port = 0;

  if (!g_file_test (SLAPD, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   SLAPD " is missing: install slapd (build-aux/install-deps.sh)");
      return NULL;
    }

  self->dir = g_dir_make_tmp ("extopo-slapd-XXXXXX", error);
  if (self->dir == NULL)
    return NULL;

  if (config->sample_path != NULL)
    {
      g_autoptr(GPtrArray) probe = extopo_ldif_read_file (config->sample_path, NULL, error);

      if (probe == NULL)
        return NULL;
      for (guint i = 0; i < probe->len && self->suffix == NULL; i++)
        self->suffix = suffix_of (extopo_entry_get_dn (g_ptr_array_index (probe, i)));
    }
  if (self->suffix == NULL)
    self->suffix = g_strdup ("dc=contoso,dc=com");

  self->bind_dn = g_strdup_printf ("CN=" EXTOPO_SLAPD_USER ",CN=Users,%s", self->suffix);
  self->log_path = g_build_filename (self->dir, "slapd.log", NULL);
  self->ca_file = g_build_filename (self->dir, "ca.crt", NULL);
  self->wrong_ca_file = g_build_filename (self->dir, "wrong-ca.crt", NULL);
  conf_path = g_build_filename (self->dir, "slapd.conf", NULL);
  db_dir = g_build_filename (self->dir, "db", NULL);
  g_mkdir (db_dir, 0700);

  if (config->tls && !make_certificates (self, error))
    return NULL;

  if (config->kerberos && !start_kdc (self, error))
    return NULL;

  if (!write_config (self, config, conf_path, error)
      || !load_database (self, config, conf_path, error))
    return NULL;

  port = extopo_slapd_free_port ();
  self->uri = g_strdup_printf ("ldap://127.0.0.1:%u", port);
  self->localhost_uri = g_strdup_printf ("ldap://localhost:%u", port);
  if (config->tls)
    {
      tls_port = extopo_slapd_free_port ();
      self->ldaps_uri = g_strdup_printf ("ldaps://127.0.0.1:%u", tls_port);
      listen = g_strdup_printf ("%s/ %s/", self->uri, self->ldaps_uri);
    }
  else
    {
      listen = g_strdup_printf ("%s/", self->uri);
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE);
  /* -d stats: every operation is logged, which the read-only test reads back. */
  g_subprocess_launcher_set_stderr_file_path (launcher, self->log_path);
  if (config->kerberos)
    {
      g_autofree char *keytab = g_strdup_printf ("FILE:%s/slapd.keytab", self->dir);

      g_subprocess_launcher_setenv (launcher, "KRB5_KTNAME", keytab, TRUE);
      g_subprocess_launcher_setenv (launcher, "KRB5_CONFIG", self->krb5_config, TRUE);
    }
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent_cb, NULL, NULL);
  self->slapd = g_subprocess_launcher_spawn (launcher, error, SLAPD, "-f", conf_path,
                                             "-h", listen, "-d", "stats", NULL);
  if (self->slapd == NULL)
    return NULL;

  if (!wait_until_listening (self, port, error)
      || (tls_port != 0 && !wait_until_listening (self, tls_port, error)))
    return NULL;

  return g_steal_pointer (&self);
}

void
extopo_slapd_signal (ExtopoSlapd *self,
                     int          signum)
{
  g_assert_nonnull (self->slapd);

  if (signum == SIGSTOP)
    self->stopped = TRUE;
  else if (signum == SIGCONT || signum == SIGKILL)
    self->stopped = FALSE;

  g_subprocess_send_signal (self->slapd, signum);
}

static void
stop_process (GSubprocess *process)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_TIME_SPAN_SECOND;

  g_subprocess_send_signal (process, SIGTERM);
  while (g_subprocess_get_identifier (process) != NULL)
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_subprocess_force_exit (process);
          break;
        }
      g_usleep (POLL_STEP_USEC);
    }
  g_subprocess_wait (process, NULL, NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
extopo_slapd_free (ExtopoSlapd *self)
{
  if (self == NULL)
    return;

  if (self->slapd != NULL)
    {
      if (self->stopped)
        g_subprocess_send_signal (self->slapd, SIGCONT);
      stop_process (self->slapd);
      g_clear_object (&self->slapd);
    }
  if (self->kdc != NULL)
    {
      stop_process (self->kdc);
      g_clear_object (&self->kdc);
    }

  if (self->dir != NULL && g_getenv ("EXTOPO_KEEP_SLAPD") == NULL)
    remove_tree (self->dir);

  g_free (self->dir);
  g_free (self->suffix);
  g_free (self->uri);
  g_free (self->ldaps_uri);
  g_free (self->localhost_uri);
  g_free (self->bind_dn);
  g_free (self->ca_file);
  g_free (self->wrong_ca_file);
  g_free (self->log_path);
  g_free (self->krb5_config);
  g_free (self->ccache);
  g_free (self->sasl_host);
  g_free (self);
}
