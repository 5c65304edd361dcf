/* test-ldap.c: the live directory source against a private slapd.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-test-ldap"

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "extopo-dn.h"
#include "extopo-ldap-source.h"
#include "extopo-ldif-reader.h"
#include "extopo-ldif-writer.h"
#include "extopo-loader.h"
#include "extopo-report.h"

/* The slapd harness (tests/ldap/extopo-slapd.c) is shared with the LDAP benchmark. */
#include "extopo-slapd.h"
#include "extopo-fake-ldap.h"

#define PAGING_SERVERS 1500
#define LARGE_SERVERS  3000

typedef struct
{
  ExtopoSlapd      *slapd;
  ExtopoLdapParams *params;
  char             *sample_path;
} Fixture;

typedef struct
{
  const char *sample;     /* a file in EXTOPO_SAMPLES_DIR, or NULL */
  guint       n_servers;
  gboolean    tls;
  gboolean    kerberos;
} FixtureConfig;

static const FixtureConfig coexistence = { "coexistence.ldif", 0, FALSE, FALSE };
static const FixtureConfig mixed_mode = { "mixed-mode.ldif", 0, FALSE, FALSE };
static const FixtureConfig paging_org = { NULL, PAGING_SERVERS, FALSE, FALSE };
static const FixtureConfig large_org = { NULL, LARGE_SERVERS, FALSE, FALSE };
static const FixtureConfig tls_org = { "coexistence.ldif", 0, TRUE, FALSE };
static const FixtureConfig kerberos_org = { "coexistence.ldif", 0, FALSE, TRUE };

static char *
sample_path (const char *name)
{
  const char *dir = g_getenv ("EXTOPO_SAMPLES_DIR");

  return g_build_filename (dir != NULL ? dir : SOURCE_SAMPLESDIR, name, NULL);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  const FixtureConfig *config = user_data;
  ExtopoSlapdConfig slapd_config = { NULL, config->n_servers, config->tls, config->kerberos };
  g_autoptr(GError) error = NULL;

  if (config->sample != NULL)
    fixture->sample_path = sample_path (config->sample);
  slapd_config.sample_path = fixture->sample_path;

  /* A missing slapd fails the test: it is a build dependency, not an option. */
  fixture->slapd = extopo_slapd_start (&slapd_config, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fixture->slapd);

  fixture->params = extopo_ldap_params_new ();
  g_strfreev (fixture->params->uris);
  fixture->params->uris = g_strsplit (fixture->slapd->uri, " ", -1);
  fixture->params->network_timeout = 5;
  fixture->params->operation_timeout = 10;
  fixture->params->page_size = 500;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_clear_pointer (&fixture->slapd, extopo_slapd_free);
  g_clear_pointer (&fixture->params, extopo_ldap_params_free);
  g_clear_pointer (&fixture->sample_path, g_free);
}

static void
set_uri (ExtopoLdapParams *params,
         const char       *uri)
{
  g_strfreev (params->uris);
  params->uris = g_strsplit (uri, " ", -1);
}

static guint
count_class (GPtrArray  *entries,
             const char *object_class)
{
  guint n = 0;

  for (guint i = 0; i < entries->len; i++)
    n += extopo_entry_has_object_class (g_ptr_array_index (entries, i), object_class);

  return n;
}

static gboolean
looks_like_dn (const char *text)
{
  return g_ascii_strncasecmp (text, "cn=", 3) == 0 && strchr (text, ',') != NULL;
}

/* The report without what depends on the source: its name, and the
 * spelling of DNs (slapd hands entry DNs back in its own spelling). */
static void
canonicalize_node (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      json_object_remove_member (object, "source");
      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *member = json_object_get_member (object, l->data);

          if (member != NULL)
            canonicalize_node (member);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        canonicalize_node (json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_VALUE (node)
           && json_node_get_value_type (node) == G_TYPE_STRING
           && looks_like_dn (json_node_get_string (node)))
    {
      g_autofree char *ndn = extopo_dn_normalize (json_node_get_string (node), NULL);

      if (ndn != NULL)
        json_node_set_string (node, ndn);
    }
}

static char *
canonical_report (ExtopoModel *model)
{
  g_autoptr(JsonNode) root = extopo_report_build_json (model);

  canonicalize_node (root);

  return json_to_string (root, TRUE);
}

static char *
report_of_entries (GPtrArray  *entries,
                   const char *source_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoModel) model = extopo_loader_load_entries (entries, source_name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);

  return canonical_report (model);
}

static char *
report_of_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = extopo_ldif_read_file (path, NULL, &error);

  g_assert_no_error (error);

  return report_of_entries (entries, path);
}

static GPtrArray *
fetch_ok (ExtopoLdapParams *params)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries = extopo_ldap_fetch (params, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (entries);
  g_assert_cmpuint (count_class (entries, "msExchOrganizationContainer"), ==, 1);

  return entries;
}

static GError *
fetch_error (ExtopoLdapParams *params,
             int               code)
{
  GError *error = NULL;
  g_autoptr(GPtrArray) entries = extopo_ldap_fetch (params, NULL, NULL, NULL, &error);

  g_assert_null (entries);
  g_assert_error (error, EXTOPO_LDAP_ERROR, code);
  g_test_message ("%s", error->message);

  return error;
}

/* On a difference, the two reports are kept side by side for diff(1). */
static void
assert_same_report (Fixture    *fixture,
                    const char *live,
                    const char *expected)
{
  if (g_strcmp0 (live, expected) != 0)
    {
      g_autofree char *dir = g_dir_make_tmp ("extopo-report-XXXXXX", NULL);
      g_autofree char *a = g_build_filename (dir, "live.json", NULL);
      g_autofree char *b = g_build_filename (dir, "expected.json", NULL);

      g_file_set_contents (a, live, -1, NULL);
      g_file_set_contents (b, expected, -1, NULL);
      g_test_message ("the reports differ: diff -u %s %s", b, a);
    }
  g_assert_true (g_strcmp0 (live, expected) == 0);
}

static void
test_fetch_equals_ldif (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GPtrArray) entries = fetch_ok (fixture->params);
  g_autofree char *live = report_of_entries (entries, fixture->slapd->uri);
  g_autofree char *file = report_of_file (fixture->sample_path);

  assert_same_report (fixture, live, file);
}

static void
progress_count_cb (guint    n_entries,
                   gpointer user_data)
{
  GArray *counts = user_data;

  g_array_append_val (counts, n_entries);
}

static void
test_paging (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) entries = NULL;

  /* More than the server's 1,000-entry limit: only paging gets them all. */
  entries = extopo_ldap_fetch (fixture->params, NULL, progress_count_cb, counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_class (entries, "msExchExchangeServer"), ==, PAGING_SERVERS);
  g_assert_cmpuint (count_class (entries, "msExchRoutingGroup"), ==, PAGING_SERVERS / 50);

  /* One progress report a page, growing. */
  g_assert_cmpuint (counts->len, >=, entries->len / fixture->params->page_size);
  for (guint i = 1; i < counts->len; i++)
    g_assert_cmpuint (g_array_index (counts, guint, i), >, g_array_index (counts, guint, i - 1));
  g_assert_cmpuint (g_array_index (counts, guint, counts->len - 1), ==, entries->len);
}

static void
test_size_limit (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->params->size_limit = 700;
  error = fetch_error (fixture->params, EXTOPO_LDAP_ERROR_SIZE_LIMIT);
  g_assert_nonnull (strstr (error->message, "700"));
  g_assert_nonnull (strstr (error->message, fixture->slapd->uri));

  /* A limit above the data's size lets it through. */
  fixture->params->size_limit = PAGING_SERVERS * 2;
  g_ptr_array_unref (fetch_ok (fixture->params));
}

static void
test_simple_bind_ok (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *closed = g_strdup_printf ("ldap://127.0.0.1:%u", extopo_slapd_free_port ());

  fixture->params->bind_method = EXTOPO_LDAP_BIND_SIMPLE;
  fixture->params->bind_dn = g_strdup (fixture->slapd->bind_dn);
  fixture->params->password = g_strdup (EXTOPO_SLAPD_PASSWORD);
  g_assert_true (extopo_ldap_params_sends_cleartext_password (fixture->params));

  /* A password over plain ldap:// is refused before connecting: even a
   * closed port gives the refusal, not a connection error. */
  set_uri (fixture->params, closed);
  error = fetch_error (fixture->params, EXTOPO_LDAP_ERROR_CLEARTEXT_PASSWORD);
  g_assert_nonnull (strstr (error->message, "StartTLS"));
  g_assert_nonnull (strstr (error->message, "ldaps://"));
  g_assert_nonnull (strstr (error->message, "--allow-cleartext-password"));
  g_assert_null (strstr (error->message, EXTOPO_SLAPD_PASSWORD));

  set_uri (fixture->params, fixture->slapd->uri);
  fixture->params->allow_cleartext_password = TRUE;
  entries = fetch_ok (fixture->params);
  g_assert_cmpuint (count_class (entries, "msExchExchangeServer"), ==, 19);
}

static void
test_simple_bind_wrong_password (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->params->bind_method = EXTOPO_LDAP_BIND_SIMPLE;
  fixture->params->bind_dn = g_strdup (fixture->slapd->bind_dn);
  fixture->params->password = g_strdup ("not-the-password");
  fixture->params->allow_cleartext_password = TRUE;
  error = fetch_error (fixture->params, EXTOPO_LDAP_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, fixture->slapd->uri));
  g_assert_nonnull (strstr (error->message, "bind"));
  g_assert_null (strstr (error->message, "not-the-password"));

  /* An empty password is refused before it reaches the server. */
  g_clear_error (&error);
  g_free (fixture->params->password);
  fixture->params->password = g_strdup ("");
  error = fetch_error (fixture->params, EXTOPO_LDAP_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "password"));
}

static void
test_anonymous (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GPtrArray) entries = fetch_ok (fixture->params);

  g_assert_cmpuint (count_class (entries, "msExchExchangeServer"), ==, 19);
  /* Only the classes and attributes the model reads came over the wire. */
  g_assert_cmpuint (count_class (entries, "msExchServersContainer"), ==, 0);
  for (guint i = 0; i < entries->len; i++)
    {
      ExtopoEntry *entry = g_ptr_array_index (entries, i);

      g_assert_false (extopo_entry_has_attribute (entry, "uSNChanged"));
      g_assert_false (extopo_entry_has_attribute (entry, "whenCreated"));
    }
}

static void
test_no_organization (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) empty = NULL;
  g_autoptr(GError) missing = NULL;
  g_autofree char *users = g_strdup_printf ("CN=Users,%s", fixture->slapd->suffix);

  /* A base that exists but holds no organization ... */
  fixture->params->base_dn = g_strdup (users);
  empty = fetch_error (fixture->params, EXTOPO_LDAP_ERROR_NO_ORGANIZATION);
  g_assert_nonnull (strstr (empty->message, users));
  g_assert_nonnull (strstr (empty->message, fixture->slapd->uri));

  /* ... and one that does not exist at all. */
  g_free (fixture->params->base_dn);
  fixture->params->base_dn = g_strdup_printf ("CN=Nowhere,%s", fixture->slapd->suffix);
  missing = fetch_error (fixture->params, EXTOPO_LDAP_ERROR_NO_ORGANIZATION);
  g_assert_nonnull (strstr (missing->message, "CN=Nowhere"));
}

static void
test_cannot_connect (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *closed = g_strdup_printf ("ldap://127.0.0.1:%u", extopo_slapd_free_port ());
  g_autofree char *both = g_strdup_printf ("%s %s", closed, fixture->slapd->uri);
  g_autofree char *other_closed = NULL;
  g_autofree char *none = NULL;
  gint64 start = g_get_monotonic_time ();

  fixture->params->network_timeout = 2;
  set_uri (fixture->params, closed);
  error = fetch_error (fixture->params, EXTOPO_LDAP_ERROR_CONNECT);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_TIME_SPAN_SECOND);
  g_assert_nonnull (strstr (error->message, closed));
  g_assert_nonnull (strstr (error->message, "connect"));

  /* Several servers: the first that answers wins ... */
  set_uri (fixture->params, both);
  g_ptr_array_unref (fetch_ok (fixture->params));

  /* ... and when none does, the error lists each one. */
  g_clear_error (&error);
  other_closed = g_strdup_printf ("ldap://127.0.0.1:%u", extopo_slapd_free_port ());
  none = g_strdup_printf ("%s %s", closed, other_closed);
  set_uri (fixture->params, none);
  error = fetch_error (fixture->params, EXTOPO_LDAP_ERROR_CONNECT);
  g_assert_nonnull (strstr (error->message, closed));
  g_assert_nonnull (strstr (error->message, other_closed));
}

static void
test_starttls (Fixture       *fixture,
               gconstpointer  user_data)
{
  fixture->params->starttls = TRUE;
  fixture->params->ca_file = g_strdup (fixture->slapd->ca_file);
  fixture->params->bind_method = EXTOPO_LDAP_BIND_SIMPLE;
  fixture->params->bind_dn = g_strdup (fixture->slapd->bind_dn);
  fixture->params->password = g_strdup (EXTOPO_SLAPD_PASSWORD);
  g_ptr_array_unref (fetch_ok (fixture->params));
}

static void
test_ldaps (Fixture       *fixture,
            gconstpointer  user_data)
{
  set_uri (fixture->params, fixture->slapd->ldaps_uri);
  fixture->params->ca_file = g_strdup (fixture->slapd->ca_file);
  g_ptr_array_unref (fetch_ok (fixture->params));
}

static void
test_wrong_ca (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) ldaps_error = NULL;
  g_autoptr(GError) starttls_error = NULL;

  fixture->params->ca_file = g_strdup (fixture->slapd->wrong_ca_file);

  set_uri (fixture->params, fixture->slapd->ldaps_uri);
  ldaps_error = fetch_error (fixture->params, EXTOPO_LDAP_ERROR_TLS);
  g_assert_nonnull (strstr (ldaps_error->message, fixture->slapd->ldaps_uri));

  set_uri (fixture->params, fixture->slapd->uri);
  fixture->params->starttls = TRUE;
  starttls_error = fetch_error (fixture->params, EXTOPO_LDAP_ERROR_TLS);
  g_assert_nonnull (strstr (starttls_error->message, "StartTLS"));

  /* Only an explicit "do not verify" lets the unknown certificate pass. */
  fixture->params->verify_certificates = FALSE;
  g_ptr_array_unref (fetch_ok (fixture->params));
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &contents, &length, &error));
  g_assert_true (g_file_set_contents (to, contents, (gssize) length, &error));
  g_assert_no_error (error);
}

static void
test_sasl_gssapi (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *log = NULL;

  /* The client side of Kerberos reads the files main() pointed it at. */
  copy_file (fixture->slapd->krb5_config, g_getenv ("KRB5_CONFIG"));
  copy_file (fixture->slapd->ccache + strlen ("FILE:"), g_getenv ("KRB5CCNAME") + strlen ("FILE:"));

  set_uri (fixture->params, fixture->slapd->localhost_uri);
  fixture->params->bind_method = EXTOPO_LDAP_BIND_SASL;
  fixture->params->sasl_mech = g_strdup ("GSSAPI");
  entries = fetch_ok (fixture->params);
  g_assert_cmpuint (count_class (entries, "msExchExchangeServer"), ==, 19);

  /* slapd saw a GSSAPI bind mapped to the reader's entry. */
  g_assert_true (g_file_get_contents (fixture->slapd->log_path, &log, NULL, NULL));
  g_assert_nonnull (strstr (log, "mech=GSSAPI"));
  g_assert_nonnull (strstr (log, "cn=" EXTOPO_SLAPD_USER ",cn=users"));
}

/* Runs in the fetching thread after each page. */
typedef struct
{
  ExtopoSlapd  *slapd;
  int           signum;
  gint64        signalled_at;
  GMutex        lock;
  GCond         cond;
} SignalAfterPage;

static void
signal_after_page_cb (guint    n_entries,
                      gpointer user_data)
{
  SignalAfterPage *data = user_data;

  g_mutex_lock (&data->lock);
  if (data->signalled_at == 0)
    {
      extopo_slapd_signal (data->slapd, data->signum);
      data->signalled_at = g_get_monotonic_time ();
      g_cond_broadcast (&data->cond);
    }
  g_mutex_unlock (&data->lock);
}

static void
test_server_killed (Fixture       *fixture,
                    gconstpointer  user_data)
{
  SignalAfterPage data = { fixture->slapd, SIGKILL, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  entries = extopo_ldap_fetch (fixture->params, NULL, signal_after_page_cb, &data, &error);
  g_assert_null (entries);
  g_assert_cmpint (data.signalled_at, >, 0);
  g_assert_error (error, EXTOPO_LDAP_ERROR, EXTOPO_LDAP_ERROR_SERVER_DOWN);
  g_assert_nonnull (strstr (error->message, fixture->slapd->uri));
}

static void
test_server_stopped (Fixture       *fixture,
                     gconstpointer  user_data)
{
  SignalAfterPage data = { fixture->slapd, SIGSTOP, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 elapsed;

  fixture->params->operation_timeout = 2;
  entries = extopo_ldap_fetch (fixture->params, NULL, signal_after_page_cb, &data, &error);
  elapsed = g_get_monotonic_time () - data.signalled_at;
  g_assert_null (entries);
  g_assert_cmpint (data.signalled_at, >, 0);
  g_assert_error (error, EXTOPO_LDAP_ERROR, EXTOPO_LDAP_ERROR_TIMEOUT);
  g_assert_cmpint (elapsed, >=, 2 * G_TIME_SPAN_SECOND);
  g_assert_cmpint (elapsed, <, 3 * G_TIME_SPAN_SECOND);
  /* The fixture's teardown continues slapd before stopping it. */
}

typedef struct
{
  ExtopoLdapParams *params;
  GCancellable     *cancellable;
  SignalAfterPage  *signal;
  GError           *error;
  GPtrArray        *entries;
} FetchThread;

static gpointer
fetch_thread (gpointer user_data)
{
  FetchThread *fetch = user_data;

  fetch->entries = extopo_ldap_fetch (fetch->params, fetch->cancellable,
                                      signal_after_page_cb, fetch->signal, &fetch->error);
  return NULL;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  SignalAfterPage data = { fixture->slapd, SIGSTOP, 0 };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  FetchThread fetch = { fixture->params, cancellable, &data, NULL, NULL };
  GThread *thread;
  gint64 cancelled_at;

  /* The server stops answering mid-fetch, so only cancelling can end it
   * before the (long) operation timeout. */
  fixture->params->operation_timeout = 30;
  thread = g_thread_new ("fetch", fetch_thread, &fetch);

  g_mutex_lock (&data.lock);
  while (data.signalled_at == 0)
    g_cond_wait (&data.cond, &data.lock);
  g_mutex_unlock (&data.lock);

  g_cancellable_cancel (cancellable);
  cancelled_at = g_get_monotonic_time ();
  g_thread_join (thread);

  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, G_TIME_SPAN_SECOND);
  g_assert_null (fetch.entries);
  g_assert_error (fetch.error, EXTOPO_LDAP_ERROR, EXTOPO_LDAP_ERROR_CANCELLED);
  g_clear_error (&fetch.error);
}

typedef struct
{
  GThread   *main_thread;
  GArray    *counts;
  GPtrArray *entries;
  GError    *error;
  gboolean   done;
  gboolean   progress_freed;
} AsyncFetch;

static void
async_progress_cb (guint    n_entries,
                   gpointer user_data)
{
  AsyncFetch *fetch = user_data;

  g_assert_true (g_thread_self () == fetch->main_thread);
  g_array_append_val (fetch->counts, n_entries);
}

static void
async_progress_free (gpointer user_data)
{
  AsyncFetch *fetch = user_data;

  fetch->progress_freed = TRUE;
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncFetch *fetch = user_data;

  g_assert_true (g_thread_self () == fetch->main_thread);
  fetch->entries = extopo_ldap_fetch_finish (result, &fetch->error);
  fetch->done = TRUE;
}

/* Keeps the bounded main-loop spin below looking at its deadline. */
static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
test_async (Fixture       *fixture,
            gconstpointer  user_data)
{
  AsyncFetch fetch = { g_thread_self (), g_array_new (FALSE, FALSE, sizeof (guint)) };
  gint64 deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  guint wake = g_timeout_add (100, wake_cb, NULL);

  extopo_ldap_fetch_async (fixture->params, NULL, async_progress_cb, &fetch,
                           async_progress_free, async_done_cb, &fetch);
  while (!(fetch.done && fetch.progress_freed) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);

  g_assert_true (fetch.done);
  g_assert_no_error (fetch.error);
  g_assert_cmpuint (count_class (fetch.entries, "msExchExchangeServer"), ==, PAGING_SERVERS);
  g_assert_cmpuint (fetch.counts->len, >=, 2);
  g_assert_cmpuint (g_array_index (fetch.counts, guint, fetch.counts->len - 1), ==,
                    fetch.entries->len);
  g_assert_true (fetch.progress_freed);

  g_ptr_array_unref (fetch.entries);
  g_array_unref (fetch.counts);
}

static void
test_snapshot (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = fetch_ok (fixture->params);
  g_autofree char *path = g_build_filename (fixture->slapd->dir, "snapshot.ldif", NULL);
  g_autofree char *live = report_of_entries (entries, fixture->slapd->uri);
  g_autofree char *reopened = NULL;

  g_autoptr(GDateTime) fetched = g_date_time_new_now_utc ();
  ExtopoSnapshotHeader header = { fixture->slapd->uri, fetched };
  g_autofree char *text = NULL;
  g_autoptr(GDateTime) read_back = NULL;

  g_assert_true (extopo_ldif_write_file (entries, &header, path, &error));
  g_assert_no_error (error);
  reopened = report_of_file (path);

  /* The header names the server and when it was read, to the second. */
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "# ExTopo snapshot\n# source: ldap://127.0.0.1:"));
  read_back = extopo_ldif_read_snapshot_time (text, strlen (text));
  g_assert_nonnull (read_back);
  g_assert_cmpint (g_date_time_to_unix (read_back), ==, g_date_time_to_unix (fetched));
  assert_same_report (fixture, live, reopened);
}

/* The verbs slapd's stats log gives each operation. */
static const char * const write_verbs[] = { "ADD", "MOD", "DEL", "MODRDN", "CMP", NULL };

static void
test_read_only (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *log = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GRegex) op = g_regex_new ("conn=\\d+ op=\\d+ ([A-Z]+)( oid=(\\S+))?", 0, 0, NULL);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  /* Every way in: anonymous, simple, StartTLS, LDAPS. */
  g_ptr_array_unref (fetch_ok (fixture->params));
  fixture->params->bind_method = EXTOPO_LDAP_BIND_SIMPLE;
  fixture->params->bind_dn = g_strdup (fixture->slapd->bind_dn);
  fixture->params->password = g_strdup (EXTOPO_SLAPD_PASSWORD);
  fixture->params->ca_file = g_strdup (fixture->slapd->ca_file);
  fixture->params->starttls = TRUE;
  g_ptr_array_unref (fetch_ok (fixture->params));
  set_uri (fixture->params, fixture->slapd->ldaps_uri);
  g_ptr_array_unref (fetch_ok (fixture->params));

  g_assert_true (g_file_get_contents (fixture->slapd->log_path, &log, NULL, NULL));
  lines = g_strsplit (log, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *verb = NULL;

      if (!g_regex_match (op, lines[i], 0, &match))
        continue;

      verb = g_match_info_fetch (match, 1);
      g_assert_false (g_strv_contains (write_verbs, verb));

      if (g_str_equal (verb, "EXT"))
        {
          g_autofree char *oid = g_match_info_fetch (match, 3);

          g_assert_cmpstr (oid, ==, "1.3.6.1.4.1.1466.20037"); /* StartTLS */
        }
      else if (!g_str_equal (verb, "RESULT") && !g_str_equal (verb, "SEARCH"))
        {
          g_assert_true (g_str_equal (verb, "BIND") || g_str_equal (verb, "SRCH")
                         || g_str_equal (verb, "UNBIND") || g_str_equal (verb, "ABANDON")
                         || g_str_equal (verb, "STARTTLS"));
        }
      g_hash_table_add (seen, (gpointer) g_intern_string (verb));
    }

  /* The log did record the session. */
  g_assert_true (g_hash_table_contains (seen, "BIND"));
  g_assert_true (g_hash_table_contains (seen, "SRCH"));
  g_assert_true (g_hash_table_contains (seen, "UNBIND"));
  g_assert_true (g_hash_table_contains (seen, "EXT"));
}

/* A fetch against the fake server must end within its timeout plus this. */
#define HOSTILE_SLACK_USEC (2 * G_TIME_SPAN_SECOND)
#define HOSTILE_TIMEOUT    2

static ExtopoLdapParams *
hostile_params (const char *uri)
{
  ExtopoLdapParams *params = extopo_ldap_params_new ();

  set_uri (params, uri);
  params->base_dn = g_strdup (EXTOPO_FAKE_LDAP_BASE);
  params->network_timeout = HOSTILE_TIMEOUT;
  params->operation_timeout = HOSTILE_TIMEOUT;
  params->verify_certificates = FALSE;

  return params;
}

/* Fetches from a hostile server: the error must come with @code, name the
 * server and @step, say @what, and come within the timeout. */
static void
assert_hostile_error (ExtopoLdapParams *params,
                      int               code,
                      const char       *step,
                      const char       *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 start = g_get_monotonic_time ();

  entries = extopo_ldap_fetch (params, NULL, NULL, NULL, &error);
  g_test_message ("%s", error != NULL ? error->message : "(no error)");
  g_assert_cmpint (g_get_monotonic_time () - start, <,
                   HOSTILE_TIMEOUT * G_TIME_SPAN_SECOND + HOSTILE_SLACK_USEC);
  g_assert_null (entries);
  g_assert_error (error, EXTOPO_LDAP_ERROR, code);
  g_assert_nonnull (strstr (error->message, params->uris[0]));
  g_assert_nonnull (strstr (error->message, step));
  g_assert_nonnull (strstr (error->message, what));
}

typedef struct
{
  ExtopoFakeLdapMode mode;
  gboolean           ldaps;
  gboolean           starttls;
  int                code;
  const char        *step;
  const char        *what;
} HostileCase;

static const HostileCase ldaps_stall = {
  EXTOPO_FAKE_LDAP_STALL, TRUE, FALSE,
  EXTOPO_LDAP_ERROR_TIMEOUT, "TLS handshake", "no answer"
};
static const HostileCase starttls_stall = {
  EXTOPO_FAKE_LDAP_STALL_AFTER_STARTTLS, FALSE, TRUE,
  EXTOPO_LDAP_ERROR_TIMEOUT, "StartTLS", "no answer"
};
static const HostileCase starttls_refused = {
  EXTOPO_FAKE_LDAP_REFUSE_STARTTLS, FALSE, TRUE,
  EXTOPO_LDAP_ERROR_TLS, "StartTLS", "the server refused StartTLS"
};
static const HostileCase garbage = {
  EXTOPO_FAKE_LDAP_GARBAGE, FALSE, FALSE,
  EXTOPO_LDAP_ERROR_SERVER_DOWN, "bind", "not LDAP"
};
static const HostileCase close_mid_search = {
  EXTOPO_FAKE_LDAP_CLOSE_MID_SEARCH, FALSE, FALSE,
  EXTOPO_LDAP_ERROR_SERVER_DOWN, "searching", "the connection was lost"
};
static const HostileCase referral = {
  EXTOPO_FAKE_LDAP_REFERRAL, FALSE, FALSE,
  EXTOPO_LDAP_ERROR_FAILED, "searching", "referred the search to ldap://elsewhere.fake.test/"
};
/* Escaped in the message: the newline itself never gets through. */
static const HostileCase bad_attribute = {
  EXTOPO_FAKE_LDAP_BAD_ATTRIBUTE, FALSE, FALSE,
  EXTOPO_LDAP_ERROR_PROTOCOL, "searching",
  "invalid attribute name “description\\ndn: CN=Injected”"
};

static void
test_hostile (gconstpointer user_data)
{
  const HostileCase *hostile = user_data;
  g_autoptr(ExtopoFakeLdap) fake = extopo_fake_ldap_start (hostile->mode);
  g_autoptr(ExtopoLdapParams) params =
    hostile_params (extopo_fake_ldap_get_uri (fake, hostile->ldaps));

  params->starttls = hostile->starttls;
  assert_hostile_error (params, hostile->code, hostile->step, hostile->what);
}

typedef struct
{
  ExtopoLdapParams *params;
  GCancellable     *cancellable;
  GError           *error;
  GPtrArray        *entries;
} HostileFetch;

static gpointer
hostile_fetch_thread (gpointer user_data)
{
  HostileFetch *fetch = user_data;

  fetch->entries = extopo_ldap_fetch (fetch->params, fetch->cancellable, NULL, NULL,
                                      &fetch->error);
  return NULL;
}

/* With long timeouts, only cancelling ends the step the server stalls in;
 * it must be answered within a second. */
static void
assert_cancel_answered (ExtopoFakeLdap   *fake,
                        ExtopoLdapParams *params,
                        guint             n_requests)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  HostileFetch fetch = { params, cancellable, NULL, NULL };
  GThread *thread;
  gint64 cancelled_at;

  params->network_timeout = 60;
  params->operation_timeout = 60;
  thread = g_thread_new ("hostile-fetch", hostile_fetch_thread, &fetch);
  g_assert_true (extopo_fake_ldap_wait_requests (fake, n_requests));

  g_cancellable_cancel (cancellable);
  cancelled_at = g_get_monotonic_time ();
  g_thread_join (thread);

  g_assert_cmpint (g_get_monotonic_time () - cancelled_at, <, G_TIME_SPAN_SECOND);
  g_assert_null (fetch.entries);
  g_assert_error (fetch.error, EXTOPO_LDAP_ERROR, EXTOPO_LDAP_ERROR_CANCELLED);
  g_clear_error (&fetch.error);
}

static void
test_hostile_cancel_tls (void)
{
  g_autoptr(ExtopoFakeLdap) fake = extopo_fake_ldap_start (EXTOPO_FAKE_LDAP_STALL);
  g_autoptr(ExtopoLdapParams) params = hostile_params (extopo_fake_ldap_get_uri (fake, TRUE));

  assert_cancel_answered (fake, params, 1);
}

static void
test_hostile_cancel_starttls (void)
{
  g_autoptr(ExtopoFakeLdap) fake =
    extopo_fake_ldap_start (EXTOPO_FAKE_LDAP_STALL_AFTER_STARTTLS);
  g_autoptr(ExtopoLdapParams) params = hostile_params (extopo_fake_ldap_get_uri (fake, FALSE));

  params->starttls = TRUE;
  assert_cancel_answered (fake, params, 1);
}

static void
test_hostile_cancel_bind (void)
{
  g_autoptr(ExtopoFakeLdap) fake = extopo_fake_ldap_start (EXTOPO_FAKE_LDAP_STALL_BIND);
  g_autoptr(ExtopoLdapParams) params = hostile_params (extopo_fake_ldap_get_uri (fake, FALSE));

  params->bind_method = EXTOPO_LDAP_BIND_SIMPLE;
  params->bind_dn = g_strdup ("reader@fake.test");
  params->password = g_strdup ("secret");
  params->allow_cleartext_password = TRUE;
  assert_cancel_answered (fake, params, 1);
}

static void
test_range_retrieval (void)
{
  g_autoptr(ExtopoFakeLdap) fake = extopo_fake_ldap_start (EXTOPO_FAKE_LDAP_RANGED);
  g_autoptr(ExtopoLdapParams) params = hostile_params (extopo_fake_ldap_get_uri (fake, FALSE));
  g_autoptr(GPtrArray) entries = fetch_ok (params);
  g_autoptr(GPtrArray) requested = extopo_fake_ldap_get_requested (fake);
  const char **members;
  const char **names;
  guint n_members = 0;
  ExtopoEntry *org;

  g_assert_cmpuint (entries->len, ==, 1);
  org = g_ptr_array_index (entries, 0);
  members = extopo_entry_get_strings (org, "member", &n_members);
  g_assert_nonnull (members);
  g_assert_cmpuint (n_members, ==, EXTOPO_FAKE_LDAP_N_MEMBERS);
  for (guint i = 0; i < EXTOPO_FAKE_LDAP_N_MEMBERS; i++)
    {
      g_autofree char *expected = g_strdup_printf ("CN=User %u,CN=Users,DC=fake,DC=test", i);

      g_assert_cmpstr (members[i], ==, expected);
    }
  /* Nothing is left under a ranged name. */
  names = extopo_entry_get_attributes (org, NULL);
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_null (strstr (names[i], "range"));

  /* Tombstones are never asked for: no Show Deleted control, while the
   * paged results control shows controls are seen at all. */
  g_assert_false (extopo_fake_ldap_saw_control (fake, "1.2.840.113556.1.4.417"));
  g_assert_true (extopo_fake_ldap_saw_control (fake, "1.2.840.113556.1.4.319"));

  /* The search, then one base search per remaining chunk. */
  g_assert_cmpuint (requested->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (requested, 1), ==, "member;range=3-*");
  g_assert_cmpstr (g_ptr_array_index (requested, 2), ==, "member;range=6-*");
}

/* Runs the extopo program; returns its exit status, with its output in @out and @err. */
static int
run_cli (char       **out,
         char       **err,
         const char  *first_arg,
         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_environ_unsetenv (g_get_environ (), "DISPLAY");
  int wait_status = 0;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("EXTOPO_BINARY"));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                out, err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  g_test_message ("exit %d, stderr: %s", WEXITSTATUS (wait_status), *err);

  return WEXITSTATUS (wait_status);
}

/* #8 as reported: ldaps:// to a server that never answers, with --timeout
 * and --no-verify, from the command line. */
static void
test_cli_ldaps_stall (void)
{
  g_autoptr(ExtopoFakeLdap) fake = extopo_fake_ldap_start (EXTOPO_FAKE_LDAP_STALL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *timeout = g_strdup_printf ("--timeout=%d", HOSTILE_TIMEOUT);
  gint64 start = g_get_monotonic_time ();
  int status;

  status = run_cli (&out, &err, "--findings", "--no-verify", timeout,
                    "--base=" EXTOPO_FAKE_LDAP_BASE, extopo_fake_ldap_get_uri (fake, TRUE), NULL);
  g_assert_cmpint (g_get_monotonic_time () - start, <,
                   HOSTILE_TIMEOUT * G_TIME_SPAN_SECOND + HOSTILE_SLACK_USEC);
  g_assert_cmpint (status, !=, 0);
  g_assert_nonnull (strstr (err, "warning: --no-verify"));
  g_assert_nonnull (strstr (err, "TLS handshake: no answer within"));
}

static void
test_cli_cleartext_password (void)
{
  g_autoptr(ExtopoFakeLdap) fake = extopo_fake_ldap_start (EXTOPO_FAKE_LDAP_RANGED);
  g_autofree char *dir = g_dir_make_tmp ("extopo-cleartext-XXXXXX", NULL);
  g_autofree char *password_file = g_build_filename (dir, "password", NULL);
  g_autofree char *password_option = g_strconcat ("--password-file=", password_file, NULL);
  g_autofree char *out = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *allowed_out = NULL;
  g_autofree char *allowed = NULL;
  g_autofree char *help = NULL;
  g_autofree char *help_err = NULL;
  const char *uri = extopo_fake_ldap_get_uri (fake, FALSE);

  g_assert_true (g_file_set_contents (password_file, "Reader-Secret-1\n", -1, NULL));

  g_assert_cmpint (run_cli (&out, &refused, "--findings", "--bind-dn=reader@fake.test",
                            password_option, "--base=" EXTOPO_FAKE_LDAP_BASE, uri, NULL), !=, 0);
  g_assert_nonnull (strstr (refused, "unencrypted"));
  g_assert_nonnull (strstr (refused, "--allow-cleartext-password"));
  g_assert_null (strstr (refused, "Reader-Secret-1"));
  /* Refused before anything was sent: the server heard nothing. */
  g_assert_cmpuint (extopo_fake_ldap_get_n_requests (fake), ==, 0);

  g_assert_cmpint (run_cli (&allowed_out, &allowed, "--findings", "--allow-cleartext-password",
                            "--bind-dn=reader@fake.test", password_option,
                            "--base=" EXTOPO_FAKE_LDAP_BASE, uri, NULL), ==, 0);
  g_assert_cmpuint (extopo_fake_ldap_get_n_requests (fake), >, 0);

  g_assert_cmpint (run_cli (&help, &help_err, "--help-all", NULL), ==, 0);
  g_assert_nonnull (strstr (help, "--allow-cleartext-password"));

  g_unlink (password_file);
  g_rmdir (dir);
}

static void
dumpable_progress_cb (guint    n_entries,
                      gpointer user_data)
{
  int *dumpable = user_data;

  *dumpable = prctl (PR_GET_DUMPABLE, 0, 0, 0, 0);
}

/* While a fetch holds a password no core dump or ptrace may read it. */
static void
test_not_dumpable (void)
{
  g_autoptr(ExtopoFakeLdap) fake = extopo_fake_ldap_start (EXTOPO_FAKE_LDAP_RANGED);
  g_autoptr(ExtopoLdapParams) params = hostile_params (extopo_fake_ldap_get_uri (fake, FALSE));
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  int during = -1;

  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 1);
  params->bind_method = EXTOPO_LDAP_BIND_SIMPLE;
  params->bind_dn = g_strdup ("reader@fake.test");
  params->password = g_strdup ("secret");
  params->allow_cleartext_password = TRUE;
  entries = extopo_ldap_fetch (params, NULL, dumpable_progress_cb, &during, &error);
  g_assert_no_error (error);
  g_assert_cmpint (during, ==, 0);
  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 1);
}

static void
test_tombstone (void)
{
  g_autofree char *sample = sample_path ("coexistence.ldif");
  g_autofree char *dir = g_dir_make_tmp ("extopo-tombstone-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "with-tombstone.ldif", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *ldif = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoSlapd) slapd = NULL;
  g_autoptr(ExtopoLdapParams) params = extopo_ldap_params_new ();
  g_autoptr(GPtrArray) entries = NULL;
  const char *servers = "CN=Servers,CN=Headquarters,CN=Administrative Groups,CN=Contoso,"
                        "CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com";
  ExtopoSlapdConfig config = { NULL, 0, FALSE, FALSE };

  g_assert_true (g_file_get_contents (sample, &contents, NULL, &error));
  /* A deleted Exchange 5.5 server, as a tombstone AD keeps for a while. */
  ldif = g_strdup_printf ("%s\n"
                          "dn: CN=OLD-EX55,%s\n"
                          "changetype: add\n"
                          "objectClass: top\n"
                          "objectClass: server\n"
                          "objectClass: msExchExchangeServer\n"
                          "cn: OLD-EX55\n"
                          "serialNumber: Version 5.5 (Build 2653.23: Service Pack 4)\n"
                          "isDeleted: TRUE\n",
                          contents, servers);
  g_assert_true (g_file_set_contents (path, ldif, -1, &error));

  config.sample_path = path;
  slapd = extopo_slapd_start (&config, &error);
  g_assert_no_error (error);

  set_uri (params, slapd->uri);
  entries = fetch_ok (params);
  g_assert_cmpuint (count_class (entries, "msExchExchangeServer"), ==, 19);
  for (guint i = 0; i < entries->len; i++)
    g_assert_null (strstr (extopo_entry_get_dn (g_ptr_array_index (entries, i)), "OLD-EX55"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_params (void)
{
  g_autoptr(ExtopoLdapParams) params = extopo_ldap_params_new ();
  g_autoptr(ExtopoLdapParams) copy = NULL;
  g_autofree char *description = NULL;

  g_assert_true (params->verify_certificates);
  g_assert_cmpuint (params->page_size, >, 0);

  set_uri (params, "ldap://dc1.example.com ldap://dc2.example.com");
  params->bind_method = EXTOPO_LDAP_BIND_SIMPLE;
  params->bind_dn = g_strdup ("admin@example.com");
  params->password = g_strdup ("hunter2");
  copy = extopo_ldap_params_copy (params);
  g_assert_cmpstr (copy->password, ==, "hunter2");
  g_assert_true (copy->password != params->password);

  description = extopo_ldap_params_describe (copy);
  g_assert_nonnull (strstr (description, "ldap://dc2.example.com"));
  g_assert_nonnull (strstr (description, "admin@example.com"));
  g_assert_null (strstr (description, "hunter2"));
}

static void
add (const char          *path,
     const FixtureConfig *config,
     void               (*test)(Fixture *, gconstpointer))
{
  g_test_add (path, Fixture, config, fixture_setup, test, fixture_teardown);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *kerberos_dir = NULL;
  g_autofree char *krb5_config = NULL;
  g_autofree char *ccache = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  /* The Kerberos library reads its environment once, and setenv() is unsafe
   * once threads run: point it at files the GSSAPI test fills in later. */
  kerberos_dir = g_dir_make_tmp ("extopo-krb5-XXXXXX", NULL);
  g_assert_nonnull (kerberos_dir);
  krb5_config = g_build_filename (kerberos_dir, "krb5.conf", NULL);
  ccache = g_strdup_printf ("FILE:%s/ccache", kerberos_dir);
  g_setenv ("KRB5_CONFIG", krb5_config, TRUE);
  g_setenv ("KRB5CCNAME", ccache, TRUE);

  g_test_add_func ("/ldap/params", test_params);
  add ("/ldap/fetch-equals-ldif", &coexistence, test_fetch_equals_ldif);
  add ("/ldap/fetch-equals-ldif-mixed-mode", &mixed_mode, test_fetch_equals_ldif);
  add ("/ldap/paging", &paging_org, test_paging);
  add ("/ldap/size-limit", &paging_org, test_size_limit);
  add ("/ldap/simple-bind-ok", &coexistence, test_simple_bind_ok);
  add ("/ldap/simple-bind-wrong-password", &coexistence, test_simple_bind_wrong_password);
  add ("/ldap/anonymous", &coexistence, test_anonymous);
  add ("/ldap/no-organization", &coexistence, test_no_organization);
  add ("/ldap/cannot-connect", &coexistence, test_cannot_connect);
  add ("/ldap/starttls", &tls_org, test_starttls);
  add ("/ldap/ldaps", &tls_org, test_ldaps);
  add ("/ldap/wrong-ca", &tls_org, test_wrong_ca);
  add ("/ldap/cancel", &large_org, test_cancel);
  add ("/ldap/server-killed", &large_org, test_server_killed);
  add ("/ldap/server-stopped", &large_org, test_server_stopped);
  add ("/ldap/async", &paging_org, test_async);
  add ("/ldap/snapshot", &coexistence, test_snapshot);
  add ("/ldap/read-only", &tls_org, test_read_only);
  add ("/ldap/sasl-gssapi", &kerberos_org, test_sasl_gssapi);
  g_test_add_func ("/ldap/tombstone", test_tombstone);
  g_test_add_func ("/ldap/not-dumpable", test_not_dumpable);
  g_test_add_func ("/ldap/cli/ldaps-stall", test_cli_ldaps_stall);
  g_test_add_func ("/ldap/cli/cleartext-password", test_cli_cleartext_password);
  g_test_add_func ("/ldap/range-retrieval", test_range_retrieval);
  g_test_add_data_func ("/ldap/hostile/ldaps-stall", &ldaps_stall, test_hostile);
  g_test_add_data_func ("/ldap/hostile/starttls-stall", &starttls_stall, test_hostile);
  g_test_add_data_func ("/ldap/hostile/starttls-refused", &starttls_refused, test_hostile);
  g_test_add_data_func ("/ldap/hostile/garbage", &garbage, test_hostile);
  g_test_add_data_func ("/ldap/hostile/close-mid-search", &close_mid_search, test_hostile);
  g_test_add_data_func ("/ldap/hostile/referral", &referral, test_hostile);
  g_test_add_data_func ("/ldap/hostile/bad-attribute", &bad_attribute, test_hostile);
  g_test_add_func ("/ldap/hostile/cancel-tls", test_hostile_cancel_tls);
  g_test_add_func ("/ldap/hostile/cancel-starttls", test_hostile_cancel_starttls);
  g_test_add_func ("/ldap/hostile/cancel-bind", test_hostile_cancel_bind);

  status = g_test_run ();

  g_unlink (krb5_config);
  g_unlink (ccache + strlen ("FILE:"));
  g_rmdir (kerberos_dir);

  return status;
}
