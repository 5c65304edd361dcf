/* extopo-ldap-source.c: directory entries fetched live from a domain controller.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-ldap"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <termios.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <ldap.h>
#include <openldap.h>
#include <sasl/sasl.h>

#include "extopo-ldap-source.h"
#include "extopo-schema.h"

/* How often a blocked wait looks at the cancellable: cancelling must be
 * answered well within a second. */
#define POLL_INTERVAL_USEC (200 * G_TIME_SPAN_MILLISECOND)

#define DEFAULT_PAGE_SIZE         500
#define DEFAULT_NETWORK_TIMEOUT   10
#define DEFAULT_OPERATION_TIMEOUT 60

G_DEFINE_QUARK (extopo-ldap-error-quark, extopo_ldap_error)

/* "(&(|(objectClass=a)(objectClass=b)...)(!(isDeleted=TRUE)))" from the
 * schema's one list. Tombstones are only visible with the Show Deleted
 * control, which is never sent; the filter keeps them out even from a
 * server that returns them anyway. */
const char *
extopo_ldap_get_filter (void)
{
  static char *filter = NULL;

  if (g_once_init_enter (&filter))
    {
      const char * const *classes = extopo_schema_get_object_classes ();
      GString *built = g_string_new ("(&(|");

      for (gsize i = 0; classes[i] != NULL; i++)
        g_string_append_printf (built, "(objectClass=%s)", classes[i]);
      g_string_append (built, ")(!(isDeleted=TRUE)))");

      g_once_init_leave (&filter, g_string_free (built, FALSE));
    }

  return filter;
}

const char *const *
extopo_ldap_get_attributes (void)
{
  return extopo_schema_get_attributes ();
}

static void
wipe_string (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
}

static GMutex secrets_lock;
static guint secrets_holders;
static int secrets_saved_dumpable = -1;

void
extopo_ldap_secrets_hold (void)
{
  g_mutex_lock (&secrets_lock);
  if (secrets_holders++ == 0)
    {
      secrets_saved_dumpable = prctl (PR_GET_DUMPABLE, 0, 0, 0, 0);
      prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
    }
  g_mutex_unlock (&secrets_lock);
}

void
extopo_ldap_secrets_release (void)
{
  g_mutex_lock (&secrets_lock);
  if (secrets_holders > 0 && --secrets_holders == 0 && secrets_saved_dumpable >= 0)
    prctl (PR_SET_DUMPABLE, secrets_saved_dumpable, 0, 0, 0);
  g_mutex_unlock (&secrets_lock);
}

void
extopo_ldap_password_free (char *password)
{
  if (password == NULL)
    return;

  wipe_string (password);
  g_free (password);
  extopo_ldap_secrets_release ();
}

gboolean
extopo_ldap_params_sends_cleartext_password (const ExtopoLdapParams *params)
{
  g_return_val_if_fail (params != NULL, FALSE);

  if (params->bind_method != EXTOPO_LDAP_BIND_SIMPLE || params->starttls)
    return FALSE;
  if (params->password == NULL || *params->password == '\0')
    return FALSE;

  for (guint i = 0; params->uris != NULL && params->uris[i] != NULL; i++)
    {
      if (g_ascii_strncasecmp (params->uris[i], "ldaps://", strlen ("ldaps://")) != 0)
        return TRUE;
    }

  return FALSE;
}

ExtopoLdapParams *
extopo_ldap_params_new (void)
{
  ExtopoLdapParams *params = g_new0 (ExtopoLdapParams, 1);

  params->uris = g_new0 (char *, 1);
  params->verify_certificates = TRUE;
  params->bind_method = EXTOPO_LDAP_BIND_ANONYMOUS;
  params->page_size = DEFAULT_PAGE_SIZE;
  params->network_timeout = DEFAULT_NETWORK_TIMEOUT;
  params->operation_timeout = DEFAULT_OPERATION_TIMEOUT;

  return params;
}

ExtopoLdapParams *
extopo_ldap_params_copy (const ExtopoLdapParams *params)
{
  ExtopoLdapParams *copy;

  g_return_val_if_fail (params != NULL, NULL);

  copy = g_memdup2 (params, sizeof *params);
  copy->uris = g_strdupv (params->uris);
  copy->ca_file = g_strdup (params->ca_file);
  copy->bind_dn = g_strdup (params->bind_dn);
  copy->password = g_strdup (params->password);
  copy->sasl_mech = g_strdup (params->sasl_mech);
  copy->base_dn = g_strdup (params->base_dn);

  return copy;
}

void
extopo_ldap_params_free (ExtopoLdapParams *params)
{
  if (params == NULL)
    return;

  wipe_string (params->password);
  g_free (params->password);
  g_strfreev (params->uris);
  g_free (params->ca_file);
  g_free (params->bind_dn);
  g_free (params->sasl_mech);
  g_free (params->base_dn);
  g_free (params);
}

void
extopo_ldap_params_clear_password (ExtopoLdapParams *params)
{
  g_return_if_fail (params != NULL);

  wipe_string (params->password);
  g_clear_pointer (&params->password, g_free);
}

char *
extopo_ldap_params_describe (const ExtopoLdapParams *params)
{
  g_autofree char *uris = NULL;
  g_autofree char *how = NULL;

  g_return_val_if_fail (params != NULL, NULL);

  uris = params->uris != NULL ? g_strjoinv (", ", params->uris) : g_strdup ("");

  switch (params->bind_method)
    {
    case EXTOPO_LDAP_BIND_SIMPLE:
      how = g_strdup_printf (_("simple bind as %s"),
                             params->bind_dn != NULL ? params->bind_dn : "");
      break;
    case EXTOPO_LDAP_BIND_SASL:
      how = g_strdup_printf (_("SASL %s bind"),
                             params->sasl_mech != NULL ? params->sasl_mech : "GSSAPI");
      break;
    case EXTOPO_LDAP_BIND_ANONYMOUS:
    default:
      how = g_strdup (_("anonymous"));
      break;
    }

  if (params->starttls)
    return g_strdup_printf (_("%s (StartTLS, %s)"), uris, how);

  return g_strdup_printf ("%s (%s)", uris, how);
}

static int
read_terminal_byte (void)
{
  unsigned char byte;
  ssize_t n;

  do
    n = read (STDIN_FILENO, &byte, 1);
  while (n < 0 && errno == EINTR);

  return n == 1 ? byte : EOF;
}

char *
extopo_ldap_prompt_password (const char *prompt)
{
  struct termios saved;
  struct termios quiet;
  gboolean restore = FALSE;
  char *line;
  gsize size;
  gsize len = 0;
  int c;

  g_return_val_if_fail (prompt != NULL, NULL);

  if (!isatty (STDIN_FILENO))
    return NULL;

  fputs (prompt, stderr);
  fflush (stderr);

  if (tcgetattr (STDIN_FILENO, &saved) == 0)
    {
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      quiet.c_lflag |= ECHONL;
      restore = tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }

  /* Grown by hand so that no old buffer is left unwiped by realloc(). */
  extopo_ldap_secrets_hold ();
  size = 128;
  line = g_malloc (size);
  /* read(2), not stdio: stdio's buffer would keep a copy. */
  while ((c = read_terminal_byte ()) != EOF && c != '\n')
    {
      if (len + 1 >= size)
        {
          char *larger = g_malloc (size * 2);

          memcpy (larger, line, len);
          explicit_bzero (line, size);
          g_free (line);
          line = larger;
          size *= 2;
        }
      line[len++] = (char) c;
    }
  line[len] = '\0';

  if (restore)
    tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
  else
    fputc ('\n', stderr);

  if (c == EOF && len == 0)
    {
      extopo_ldap_password_free (line);
      return NULL;
    }

  return line;
}

typedef enum
{
  WATCH_QUIET,
  WATCH_CANCELLED,
  WATCH_EXPIRED,
} WatchOutcome;

/* libldap blocks inside the TLS handshake, StartTLS and SASL binds where
 * neither a deadline nor a cancellable reaches it: a thread of the session's
 * own shuts the socket down when the step's time is up or the fetch is
 * cancelled, and the blocked call returns. */
typedef struct
{
  GMutex        lock;
  GCond         cond;
  GThread      *thread;
  GCancellable *cancellable;
  int           fd;
  gint64        deadline;  /* 0: not armed */
  gboolean      quit;
  WatchOutcome  outcome;
} Watchdog;

/* A range retrieval still to finish: @base's values from @next on. */
typedef struct
{
  ExtopoEntry *entry;
  char        *base;
  guint        next;
} PendingRange;

/* One connection attempt and everything it needs to report errors. */
typedef struct
{
  const ExtopoLdapParams *params;
  const char             *uri;
  LDAP                   *ld;
  GCancellable           *cancellable;
  ExtopoLdapProgressFunc  progress;
  gpointer                progress_data;
  Watchdog               *watchdog;
  GQueue                  pending_ranges;
  ExtopoEntry            *range_target;  /* a follow-up's entry, or NULL */
  guint64                 range_next;    /* the value it asked for first */
} Session;

static void
pending_range_free (PendingRange *pending)
{
  extopo_entry_unref (pending->entry);
  g_free (pending->base);
  g_free (pending);
}

static char *
describe_ldap_error (LDAP *ld,
                     int   rc)
{
  char *diagnostic = NULL;
  char *detail;

  if (ld != NULL)
    ldap_get_option (ld, LDAP_OPT_DIAGNOSTIC_MESSAGE, &diagnostic);

  if (diagnostic != NULL && *diagnostic != '\0')
    detail = g_strdup_printf ("%s (%s)", ldap_err2string (rc), diagnostic);
  else
    detail = g_strdup (ldap_err2string (rc));

  ldap_memfree (diagnostic);

  return detail;
}

static void
set_session_error (Session     *session,
                   GError     **error,
                   int          code,
                   const char  *step,
                   const char  *detail)
{
  /* Translators: "SERVER: STEP: what went wrong",
   * e.g. "ldap://dc1:389: bind: Invalid credentials" */
  g_set_error (error, EXTOPO_LDAP_ERROR, code, _("%s: %s: %s"),
               session->uri, step, detail);
}

static void
set_ldap_error (Session     *session,
                GError     **error,
                int          code,
                const char  *step,
                int          rc)
{
  g_autofree char *detail = describe_ldap_error (session->ld, rc);

  set_session_error (session, error, code, step, detail);
}

/* The TLS library's own reason is often just "(unknown error code)" for a
 * certificate it did not trust, so say what to check. */
static void
set_tls_error (Session     *session,
               GError     **error,
               const char  *step,
               int          rc)
{
  g_autofree char *reason = describe_ldap_error (session->ld, rc);
  g_autofree char *detail = NULL;

  if (!session->params->verify_certificates)
    detail = g_strdup_printf (_("the TLS handshake failed: %s"), reason);
  else if (session->params->ca_file != NULL && *session->params->ca_file != '\0')
    detail = g_strdup_printf (_("the TLS handshake failed: %s; check that the server's "
                                "certificate is issued by the CA in “%s” and names this host"),
                              reason, session->params->ca_file);
  else
    detail = g_strdup_printf (_("the TLS handshake failed: %s; check that the server's "
                                "certificate is issued by a CA the system trusts and names "
                                "this host"), reason);

  set_session_error (session, error, EXTOPO_LDAP_ERROR_TLS, step, detail);
}

static int
error_code_for_result (int rc,
                       int fallback)
{
  switch (rc)
    {
    case LDAP_SERVER_DOWN:
      return EXTOPO_LDAP_ERROR_SERVER_DOWN;
    case LDAP_TIMEOUT:
    case LDAP_TIMELIMIT_EXCEEDED:
      return EXTOPO_LDAP_ERROR_TIMEOUT;
    case LDAP_INVALID_CREDENTIALS:
    case LDAP_INAPPROPRIATE_AUTH:
    case LDAP_STRONG_AUTH_REQUIRED:
    case LDAP_AUTH_METHOD_NOT_SUPPORTED:
    case LDAP_AUTH_UNKNOWN:
      return EXTOPO_LDAP_ERROR_AUTH;
    case LDAP_SIZELIMIT_EXCEEDED:
      return EXTOPO_LDAP_ERROR_SIZE_LIMIT;
    case LDAP_NO_SUCH_OBJECT:
      return EXTOPO_LDAP_ERROR_NO_ORGANIZATION;
    default:
      return fallback;
    }
}

/* Zero means "the default", never "give up at once". */
static guint
network_timeout_of (const ExtopoLdapParams *params)
{
  return params->network_timeout > 0 ? params->network_timeout : DEFAULT_NETWORK_TIMEOUT;
}

static guint
operation_timeout_of (const ExtopoLdapParams *params)
{
  return params->operation_timeout > 0 ? params->operation_timeout : DEFAULT_OPERATION_TIMEOUT;
}

static gboolean
check_cancelled (Session  *session,
                 int       msgid,
                 GError  **error)
{
  if (!g_cancellable_is_cancelled (session->cancellable))
    return FALSE;

  if (msgid >= 0)
    ldap_abandon_ext (session->ld, msgid, NULL, NULL);

  g_set_error (error, EXTOPO_LDAP_ERROR, EXTOPO_LDAP_ERROR_CANCELLED,
               _("%s: cancelled"), session->uri);
  return TRUE;
}

static gpointer
watchdog_worker (gpointer user_data)
{
  Watchdog *dog = user_data;

  g_mutex_lock (&dog->lock);
  while (!dog->quit)
    {
      gint64 now = g_get_monotonic_time ();

      if (dog->deadline > 0 && dog->outcome == WATCH_QUIET)
        {
          if (g_cancellable_is_cancelled (dog->cancellable))
            dog->outcome = WATCH_CANCELLED;
          else if (now >= dog->deadline)
            dog->outcome = WATCH_EXPIRED;

          if (dog->outcome != WATCH_QUIET)
            shutdown (dog->fd, SHUT_RDWR);
        }

      g_cond_wait_until (&dog->cond, &dog->lock, now + POLL_INTERVAL_USEC);
    }
  g_mutex_unlock (&dog->lock);

  return NULL;
}

static void
watchdog_start (Session *session,
                int      fd)
{
  Watchdog *dog = g_new0 (Watchdog, 1);

  g_mutex_init (&dog->lock);
  g_cond_init (&dog->cond);
  dog->fd = fd;
  dog->cancellable = session->cancellable != NULL ? g_object_ref (session->cancellable) : NULL;
  dog->thread = g_thread_new ("extopo-ldap-watchdog", watchdog_worker, dog);
  session->watchdog = dog;
}

static void
watchdog_stop (Session *session)
{
  Watchdog *dog = g_steal_pointer (&session->watchdog);

  if (dog == NULL)
    return;

  g_mutex_lock (&dog->lock);
  dog->quit = TRUE;
  g_cond_signal (&dog->cond);
  g_mutex_unlock (&dog->lock);
  g_thread_join (dog->thread);

  g_clear_object (&dog->cancellable);
  g_mutex_clear (&dog->lock);
  g_cond_clear (&dog->cond);
  g_free (dog);
}

/* Arms the watchdog for one blocking step of @seconds. */
static void
watch_begin (Session *session,
             guint    seconds)
{
  Watchdog *dog = session->watchdog;

  g_mutex_lock (&dog->lock);
  dog->deadline = g_get_monotonic_time () + (gint64) seconds * G_TIME_SPAN_SECOND;
  dog->outcome = WATCH_QUIET;
  g_cond_signal (&dog->cond);
  g_mutex_unlock (&dog->lock);
}

/* Disarms it; when it fired, sets @error (cancelled, or no answer within
 * @seconds) and returns TRUE: whatever the blocked call reported is moot. */
static gboolean
watch_end (Session     *session,
           guint        seconds,
           const char  *step,
           GError     **error)
{
  Watchdog *dog = session->watchdog;
  WatchOutcome outcome;

  g_mutex_lock (&dog->lock);
  dog->deadline = 0;
  outcome = dog->outcome;
  g_mutex_unlock (&dog->lock);

  if (outcome == WATCH_CANCELLED)
    {
      g_set_error (error, EXTOPO_LDAP_ERROR, EXTOPO_LDAP_ERROR_CANCELLED,
                   _("%s: cancelled"), session->uri);
      return TRUE;
    }

  if (outcome == WATCH_EXPIRED)
    {
      g_autofree char *detail =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "no answer within %u second",
                                      "no answer within %u seconds",
                                      seconds),
                         seconds);

      set_session_error (session, error, EXTOPO_LDAP_ERROR_TIMEOUT, step, detail);
      return TRUE;
    }

  return FALSE;
}

/* libldap says "Can't contact LDAP server" both for a closed connection and
 * for bytes it could not decode: say what it means once connected. */
static void
set_lost_error (Session     *session,
                GError     **error,
                const char  *step,
                int          rc)
{
  if (rc == LDAP_SERVER_DOWN)
    set_session_error (session, error, EXTOPO_LDAP_ERROR_SERVER_DOWN, step,
                       _("the connection was lost: the server closed it or answered with "
                         "something that is not LDAP (protocol error)"));
  else
    set_session_error (session, error, EXTOPO_LDAP_ERROR_PROTOCOL, step,
                       _("protocol error: the server answered with something that is "
                         "not LDAP"));
}

/* Waits for the next message of @msgid. The operation timeout counts from
 * the last message received, so a slow but steady search never times out
 * while a server that stopped answering does. Returns the message type, or
 * -1 with @error set (the operation abandoned). */
static int
wait_for_message (Session      *session,
                  int           msgid,
                  const char   *step,
                  LDAPMessage **message,
                  GError      **error)
{
  guint timeout = operation_timeout_of (session->params);
  gint64 deadline;

  deadline = g_get_monotonic_time () + (gint64) timeout * G_TIME_SPAN_SECOND;

  for (;;)
    {
      struct timeval tv = { 0, POLL_INTERVAL_USEC };
      int rc;

      *message = NULL;
      rc = ldap_result (session->ld, msgid, LDAP_MSG_ONE, &tv, message);

      if (rc > 0)
        return rc;

      if (rc < 0)
        {
          int result = LDAP_OTHER;

          ldap_get_option (session->ld, LDAP_OPT_RESULT_CODE, &result);
          if (result == LDAP_SERVER_DOWN || result == LDAP_DECODING_ERROR)
            set_lost_error (session, error, step, result);
          else
            set_ldap_error (session, error,
                            error_code_for_result (result, EXTOPO_LDAP_ERROR_FAILED),
                            step, result);
          return -1;
        }

      if (check_cancelled (session, msgid, error))
        return -1;

      if (g_get_monotonic_time () >= deadline)
        {
          g_autofree char *detail = NULL;

          ldap_abandon_ext (session->ld, msgid, NULL, NULL);
          detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "no answer within %u second",
                                                 "no answer within %u seconds",
                                                 timeout),
                                    timeout);
          set_session_error (session, error, EXTOPO_LDAP_ERROR_TIMEOUT, step, detail);
          return -1;
        }
    }
}

static gboolean
set_int_option (Session  *session,
                int       option,
                int       value,
                GError  **error)
{
  int rc = ldap_set_option (session->ld, option, &value);

  if (rc != LDAP_OPT_SUCCESS)
    {
      set_ldap_error (session, error, EXTOPO_LDAP_ERROR_INVALID_ARGUMENT, _("connect"), rc);
      return FALSE;
    }

  return TRUE;
}

static gboolean
configure_handle (Session  *session,
                  GError  **error)
{
  const ExtopoLdapParams *params = session->params;
  struct timeval network_timeout = { (time_t) network_timeout_of (params), 0 };
  struct timeval operation_timeout = { (time_t) operation_timeout_of (params), 0 };
  int rc;

  if (!set_int_option (session, LDAP_OPT_PROTOCOL_VERSION, LDAP_VERSION3, error))
    return FALSE;

  rc = ldap_set_option (session->ld, LDAP_OPT_REFERRALS, LDAP_OPT_OFF);
  if (rc == LDAP_OPT_SUCCESS)
    rc = ldap_set_option (session->ld, LDAP_OPT_NETWORK_TIMEOUT, &network_timeout);
  if (rc == LDAP_OPT_SUCCESS)
    rc = ldap_set_option (session->ld, LDAP_OPT_TIMEOUT, &operation_timeout);
  if (rc != LDAP_OPT_SUCCESS)
    {
      set_ldap_error (session, error, EXTOPO_LDAP_ERROR_INVALID_ARGUMENT, _("connect"), rc);
      return FALSE;
    }

  /* Certificates are checked unless the user explicitly said not to. */
  if (!set_int_option (session, LDAP_OPT_X_TLS_REQUIRE_CERT,
                       params->verify_certificates ? LDAP_OPT_X_TLS_DEMAND
                                                   : LDAP_OPT_X_TLS_NEVER,
                       error))
    return FALSE;

  if (params->ca_file != NULL && *params->ca_file != '\0')
    {
      if (!g_file_test (params->ca_file, G_FILE_TEST_IS_REGULAR))
        {
          g_autofree char *detail =
            g_strdup_printf (_("cannot read the CA file “%s”"), params->ca_file);

          set_session_error (session, error, EXTOPO_LDAP_ERROR_INVALID_ARGUMENT,
                             _("connect"), detail);
          return FALSE;
        }

      rc = ldap_set_option (session->ld, LDAP_OPT_X_TLS_CACERTFILE, params->ca_file);
      if (rc != LDAP_OPT_SUCCESS)
        {
          set_ldap_error (session, error, EXTOPO_LDAP_ERROR_TLS, _("connect"), rc);
          return FALSE;
        }
    }

  /* The TLS options above only take effect in a context of this handle's own. */
  return set_int_option (session, LDAP_OPT_X_TLS_NEWCTX, 0, error);
}

static gboolean
is_ldaps (const char *uri)
{
  return g_ascii_strncasecmp (uri, "ldaps://", strlen ("ldaps://")) == 0;
}

/* Connects the socket with the network timeout and the cancellable in
 * force (libldap's own connect honours neither for a TLS handshake), and
 * returns a blocking descriptor for libldap, or -1 with @error set. */
static int
connect_socket (Session  *session,
                GError  **error)
{
  LDAPURLDesc *url = NULL;
  g_autoptr(GSocketClient) client = NULL;
  g_autoptr(GSocketConnectable) address = NULL;
  g_autoptr(GSocketConnection) connection = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *host;
  guint16 port;
  int fd;
  int flags;

  if (ldap_url_parse (session->uri, &url) != LDAP_URL_SUCCESS)
    {
      set_session_error (session, error, EXTOPO_LDAP_ERROR_INVALID_ARGUMENT, _("connect"),
                         _("not a valid LDAP address"));
      return -1;
    }

  host = url->lud_host != NULL && *url->lud_host != '\0' ? url->lud_host : "localhost";
  port = url->lud_port > 0 ? (guint16) url->lud_port : (is_ldaps (session->uri) ? 636 : 389);
  address = g_network_address_new (host, port);
  ldap_free_urldesc (url);

  client = g_socket_client_new ();
  g_socket_client_set_enable_proxy (client, FALSE);
  g_socket_client_set_timeout (client, network_timeout_of (session->params));
  connection = g_socket_client_connect (client, address, session->cancellable, &local_error);
  if (connection == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_set_error (error, EXTOPO_LDAP_ERROR, EXTOPO_LDAP_ERROR_CANCELLED,
                     _("%s: cancelled"), session->uri);
      else
        set_session_error (session, error, EXTOPO_LDAP_ERROR_CONNECT, _("connect"),
                           local_error->message);
      return -1;
    }

  fd = fcntl (g_socket_get_fd (g_socket_connection_get_socket (connection)), F_DUPFD_CLOEXEC, 0);
  if (fd >= 0)
    {
      flags = fcntl (fd, F_GETFL);
      if (flags < 0 || fcntl (fd, F_SETFL, flags & ~O_NONBLOCK) < 0)
        {
          close (fd);
          fd = -1;
        }
    }
  if (fd < 0)
    {
      int saved_errno = errno;

      set_session_error (session, error, EXTOPO_LDAP_ERROR_CONNECT, _("connect"),
                         g_strerror (saved_errno));
      return -1;
    }

  return fd;
}

/* Server result codes are positive; libldap's own are negative. */
static gboolean
is_server_refusal (int rc)
{
  return rc > 0;
}

static gboolean
open_connection (Session  *session,
                 GError  **error)
{
  guint network_timeout = network_timeout_of (session->params);
  gboolean fired;
  int fd;
  int rc;

  if (!is_ldaps (session->uri)
      && g_ascii_strncasecmp (session->uri, "ldap://", strlen ("ldap://")) != 0)
    {
      set_session_error (session, error, EXTOPO_LDAP_ERROR_INVALID_ARGUMENT, _("connect"),
                         _("not an ldap:// or ldaps:// address"));
      return FALSE;
    }

  fd = connect_socket (session, error);
  if (fd < 0)
    return FALSE;

  rc = ldap_init_fd (fd, LDAP_PROTO_TCP, session->uri, &session->ld);
  if (rc != LDAP_SUCCESS)
    {
      close (fd);
      session->ld = NULL;
      set_ldap_error (session, error, EXTOPO_LDAP_ERROR_INVALID_ARGUMENT, _("connect"), rc);
      return FALSE;
    }

  /* From here on libldap owns the descriptor; the watchdog only shuts it down. */
  watchdog_start (session, fd);

  if (!configure_handle (session, error))
    return FALSE;

  if (is_ldaps (session->uri))
    {
      watch_begin (session, network_timeout);
      rc = ldap_install_tls (session->ld);
      fired = watch_end (session, network_timeout, _("TLS handshake"), error);
      if (fired)
        return FALSE;
      if (rc != LDAP_SUCCESS)
        {
          set_tls_error (session, error, _("connect"), rc);
          return FALSE;
        }
    }
  else if (session->params->starttls)
    {
      watch_begin (session, network_timeout);
      rc = ldap_start_tls_s (session->ld, NULL, NULL);
      fired = watch_end (session, network_timeout, _("StartTLS"), error);
      if (fired)
        return FALSE;
      if (rc == LDAP_SUCCESS)
        return TRUE;

      if (is_server_refusal (rc))
        {
          g_autofree char *reason = describe_ldap_error (session->ld, rc);
          g_autofree char *detail =
            g_strdup_printf (_("the server refused StartTLS: %s"), reason);

          set_session_error (session, error, EXTOPO_LDAP_ERROR_TLS, _("StartTLS"), detail);
        }
      else if (rc == LDAP_SERVER_DOWN || rc == LDAP_DECODING_ERROR)
        set_lost_error (session, error, _("StartTLS"), rc);
      else if (rc == LDAP_TIMEOUT)
        set_ldap_error (session, error, EXTOPO_LDAP_ERROR_TIMEOUT, _("StartTLS"), rc);
      else
        /* A refused certificate comes back as a connect error. */
        set_tls_error (session, error, _("StartTLS"), rc);
      return FALSE;
    }

  return TRUE;
}

static int
sasl_interact_cb (LDAP     *ld,
                  unsigned  flags,
                  gpointer  defaults,
                  gpointer  in)
{
  const ExtopoLdapParams *params = defaults;
  sasl_interact_t *interact;

  for (interact = in; interact->id != SASL_CB_LIST_END; interact++)
    {
      const char *value = NULL;

      switch (interact->id)
        {
        case SASL_CB_AUTHNAME:
          value = params->bind_dn;
          break;
        case SASL_CB_PASS:
          value = params->password;
          break;
        case SASL_CB_USER:
          /* No proxy authorization: act as the authenticated identity. */
          value = "";
          break;
        default:
          break;
        }

      if (value == NULL)
        value = interact->defresult != NULL ? interact->defresult : "";

      interact->result = value;
      interact->len = strlen (value);
    }

  return LDAP_SUCCESS;
}

static gboolean
bind_simple (Session  *session,
             GError  **error)
{
  const ExtopoLdapParams *params = session->params;
  struct berval credentials = { 0, NULL };
  LDAPMessage *message = NULL;
  int msgid = -1;
  int result = LDAP_OTHER;
  int rc;

  if (params->bind_method == EXTOPO_LDAP_BIND_SIMPLE)
    {
      if (params->bind_dn == NULL || *params->bind_dn == '\0')
        {
          set_session_error (session, error, EXTOPO_LDAP_ERROR_INVALID_ARGUMENT, _("bind"),
                             _("a simple bind needs a user name"));
          return FALSE;
        }
      /* A DN with an empty password is an "unauthenticated bind", which some
       * servers grant as anonymous: never let it pass for a sign-in. */
      if (params->password == NULL || *params->password == '\0')
        {
          set_session_error (session, error, EXTOPO_LDAP_ERROR_AUTH, _("bind"),
                             _("a simple bind needs a password"));
          return FALSE;
        }
      credentials.bv_val = params->password;
      credentials.bv_len = params->password != NULL ? strlen (params->password) : 0;
    }

  rc = ldap_sasl_bind (session->ld,
                       params->bind_method == EXTOPO_LDAP_BIND_SIMPLE ? params->bind_dn : "",
                       LDAP_SASL_SIMPLE, &credentials, NULL, NULL, &msgid);
  if (rc != LDAP_SUCCESS)
    {
      set_ldap_error (session, error, error_code_for_result (rc, EXTOPO_LDAP_ERROR_AUTH),
                      _("bind"), rc);
      return FALSE;
    }

  if (wait_for_message (session, msgid, _("bind"), &message, error) < 0)
    return FALSE;

  rc = ldap_parse_result (session->ld, message, &result, NULL, NULL, NULL, NULL, 1);
  if (rc != LDAP_SUCCESS)
    result = rc;

  if (result != LDAP_SUCCESS)
    {
      set_ldap_error (session, error, error_code_for_result (result, EXTOPO_LDAP_ERROR_AUTH),
                      _("bind"), result);
      return FALSE;
    }

  return TRUE;
}

static gboolean
bind_sasl (Session  *session,
           GError  **error)
{
  const ExtopoLdapParams *params = session->params;
  const char *mech = params->sasl_mech != NULL ? params->sasl_mech : "GSSAPI";
  guint timeout = operation_timeout_of (params);
  int rc;

  watch_begin (session, timeout);
  rc = ldap_sasl_interactive_bind_s (session->ld, NULL, mech, NULL, NULL,
                                     LDAP_SASL_QUIET, sasl_interact_cb,
                                     (gpointer) params);
  if (watch_end (session, timeout, _("bind"), error))
    return FALSE;
  if (rc != LDAP_SUCCESS)
    {
      set_ldap_error (session, error, error_code_for_result (rc, EXTOPO_LDAP_ERROR_AUTH),
                      _("bind"), rc);
      return FALSE;
    }

  return TRUE;
}

/* "member;range=1500-2999" -> "member", 1500, 2999; "member;range=3000-*"
 * -> "member", 3000, -1. FALSE for a description without a range option or
 * with a malformed one. (AD's range retrieval: large multi-valued
 * attributes come in chunks the client asks for one after the other.) */
static gboolean
parse_range (const char  *description,
             char       **base,
             guint64     *low,
             gint64      *high)
{
  const char *option = NULL;
  const char *p;
  char *end = NULL;

  for (p = strchr (description, ';'); p != NULL; p = strchr (p + 1, ';'))
    {
      if (g_ascii_strncasecmp (p + 1, "range=", strlen ("range=")) == 0)
        {
          option = p + 1 + strlen ("range=");
          break;
        }
    }
  if (option == NULL || !g_ascii_isdigit (*option))
    return FALSE;

  *low = g_ascii_strtoull (option, &end, 10);
  if (end == NULL || *end != '-')
    return FALSE;
  p = end + 1;
  if (*p == '*')
    {
      *high = -1;
      end = (char *) p + 1;
    }
  else
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      *high = (gint64) g_ascii_strtoull (p, &end, 10);
      if ((guint64) *high < *low)
        return FALSE;
    }
  if (*end != '\0' && *end != ';')
    return FALSE;

  *base = g_strndup (description, strcspn (description, ";"));
  return TRUE;
}

/* Adds the values of one attribute of an entry; a ranged attribute goes
 * under its base name, and if more is to come a follow-up is queued. */
static gboolean
add_attribute (Session        *session,
               ExtopoEntry    *entry,
               struct berval  *attribute,
               struct berval  *values,
               const char     *step,
               GError        **error)
{
  g_autofree char *name = NULL;
  g_autofree char *base = NULL;
  guint64 low = 0;
  gint64 high = 0;
  const char *target;

  /* Anything else, a newline above all, would end up in snapshots and reports. */
  if (!extopo_attribute_description_is_valid (attribute->bv_val, attribute->bv_len))
    {
      g_autofree char *raw = g_strndup (attribute->bv_val, MIN (attribute->bv_len, 64));
      g_autofree char *shown = g_strescape (raw, NULL);
      g_autofree char *detail =
        g_strdup_printf (_("protocol error: the server sent an invalid attribute name “%s” "
                           "in %s"), shown, extopo_entry_get_dn (entry));

      set_session_error (session, error, EXTOPO_LDAP_ERROR_PROTOCOL, step, detail);
      return FALSE;
    }

  name = g_strndup (attribute->bv_val, attribute->bv_len);
  target = name;
  if (parse_range (name, &base, &low, &high))
    {
      /* A server that does not move on would keep us asking forever. */
      if (session->range_target != NULL && low != session->range_next)
        {
          /* The number apart: a translatable string cannot hold G_GUINT64_FORMAT. */
          g_autofree char *next = g_strdup_printf ("%" G_GUINT64_FORMAT, session->range_next);
          g_autofree char *detail =
            /* Translators: the first value asked for (a number), the attribute,
             * the entry's DN, then the range the server named instead. */
            g_strdup_printf (_("protocol error: asked for values from %s of %s in %s, the "
                               "server sent “%s”"),
                             next, base, extopo_entry_get_dn (entry), name);

          set_session_error (session, error, EXTOPO_LDAP_ERROR_PROTOCOL, step, detail);
          return FALSE;
        }

      target = base;
      if (high >= 0)
        {
          PendingRange *pending = g_new0 (PendingRange, 1);

          pending->entry = extopo_entry_ref (entry);
          pending->base = g_strdup (base);
          pending->next = (guint) high + 1;
          g_queue_push_tail (&session->pending_ranges, pending);
        }
    }

  for (guint i = 0; values != NULL && values[i].bv_val != NULL; i++)
    extopo_entry_add_value (entry, target, values[i].bv_val, values[i].bv_len);

  return TRUE;
}

/* Runs one search to its end, page by page, handing every entry to @entries. */
static gboolean
run_search (Session     *session,
            const char  *base,
            int          scope,
            const char  *filter,
            char       **attributes,
            guint        page_size,
            const char  *step,
            GPtrArray   *entries,
            GError     **error)
{
  const ExtopoLdapParams *params = session->params;
  struct berval cookie = { 0, NULL };
  gboolean ok = FALSE;
  gboolean more = TRUE;

  while (more)
    {
      LDAPControl *page_control = NULL;
      LDAPControl *server_controls[2] = { NULL, NULL };
      int msgid = -1;
      int rc;
      gboolean done = FALSE;

      more = FALSE;

      if (check_cancelled (session, -1, error))
        goto out;

      if (page_size > 0)
        {
          rc = ldap_create_page_control (session->ld, (ber_int_t) page_size,
                                         cookie.bv_val != NULL ? &cookie : NULL,
                                         0, &page_control);
          if (rc != LDAP_SUCCESS)
            {
              set_ldap_error (session, error, EXTOPO_LDAP_ERROR_FAILED, step, rc);
              goto out;
            }
          server_controls[0] = page_control;
        }

      rc = ldap_search_ext (session->ld, base, scope, filter, attributes, 0,
                            page_control != NULL ? server_controls : NULL, NULL,
                            NULL, LDAP_NO_LIMIT, &msgid);
      g_clear_pointer (&page_control, ldap_control_free);
      if (rc != LDAP_SUCCESS)
        {
          set_ldap_error (session, error,
                          error_code_for_result (rc, EXTOPO_LDAP_ERROR_FAILED), step, rc);
          goto out;
        }

      while (!done)
        {
          LDAPMessage *message = NULL;
          int type = wait_for_message (session, msgid, step, &message, error);

          if (type < 0)
            goto out;

          if (type == LDAP_RES_SEARCH_ENTRY)
            {
              BerElement *ber = NULL;
              struct berval dn = { 0, NULL };
              struct berval attribute;
              struct berval *values = NULL;
              ExtopoEntry *entry;
              g_autofree char *dn_text = NULL;

              if (params->size_limit > 0 && entries->len >= params->size_limit)
                {
                  g_autofree char *detail = NULL;

                  ldap_msgfree (message);
                  ldap_abandon_ext (session->ld, msgid, NULL, NULL);
                  detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "more than the limit of %u entry",
                                                         "more than the limit of %u entries",
                                                         params->size_limit),
                                            params->size_limit);
                  set_session_error (session, error, EXTOPO_LDAP_ERROR_SIZE_LIMIT,
                                     step, detail);
                  goto out;
                }

              rc = ldap_get_dn_ber (session->ld, message, &ber, &dn);
              if (rc != LDAP_SUCCESS)
                {
                  ldap_msgfree (message);
                  ldap_abandon_ext (session->ld, msgid, NULL, NULL);
                  set_ldap_error (session, error, EXTOPO_LDAP_ERROR_FAILED, step, rc);
                  goto out;
                }

              /* A range follow-up adds to the entry that asked for it. */
              if (session->range_target != NULL)
                {
                  entry = session->range_target;
                }
              else
                {
                  dn_text = g_strndup (dn.bv_val, dn.bv_len);
                  entry = extopo_entry_new (dn_text, 0);
                  g_ptr_array_add (entries, entry);
                }

              /* The values stay inside the message: no copy until the entry's own. */
              for (rc = ldap_get_attribute_ber (session->ld, message, ber, &attribute, &values);
                   rc == LDAP_SUCCESS && attribute.bv_val != NULL;
                   rc = ldap_get_attribute_ber (session->ld, message, ber, &attribute, &values))
                {
                  gboolean added = add_attribute (session, entry, &attribute, values,
                                                  step, error);

                  ber_memfree (values);
                  values = NULL;
                  if (!added)
                    {
                      ber_free (ber, 0);
                      ldap_msgfree (message);
                      ldap_abandon_ext (session->ld, msgid, NULL, NULL);
                      goto out;
                    }
                }

              ber_free (ber, 0);
              ldap_msgfree (message);
            }
          else if (type == LDAP_RES_SEARCH_RESULT)
            {
              LDAPControl **controls = NULL;
              LDAPControl *response;
              char *matched = NULL;
              char **raw_referrals = NULL;
              g_auto(GStrv) referrals = NULL;
              int result = LDAP_OTHER;

              done = TRUE;

              rc = ldap_parse_result (session->ld, message, &result, &matched, NULL,
                                      &raw_referrals, &controls, 1);
              referrals = g_strdupv (raw_referrals);
              ldap_memvfree ((void **) raw_referrals);
              ldap_memfree (matched);
              if (rc != LDAP_SUCCESS)
                result = rc;

              if (result != LDAP_SUCCESS)
                {
                  ldap_controls_free (controls);

                  if (result == LDAP_NO_SUCH_OBJECT && scope != LDAP_SCOPE_BASE)
                    {
                      g_autofree char *detail =
                        g_strdup_printf (_("no Exchange organization under %s on %s"),
                                         base, session->uri);

                      set_session_error (session, error, EXTOPO_LDAP_ERROR_NO_ORGANIZATION,
                                         step, detail);
                    }
                  else if (result == LDAP_REFERRAL)
                    {
                      g_autofree char *where = referrals != NULL
                                               ? g_strjoinv (", ", referrals)
                                               : g_strdup ("?");
                      g_autofree char *detail =
                        g_strdup_printf (_("the server referred the search to %s; referrals "
                                           "are not followed: connect to that server"),
                                         where);

                      set_session_error (session, error, EXTOPO_LDAP_ERROR_FAILED,
                                         step, detail);
                    }
                  else if (result == LDAP_SIZELIMIT_EXCEEDED)
                    {
                      g_autofree char *detail =
                        g_strdup_printf (_("the server's size limit was reached after %u entries"),
                                         entries->len);

                      set_session_error (session, error, EXTOPO_LDAP_ERROR_SIZE_LIMIT,
                                         step, detail);
                    }
                  else
                    {
                      set_ldap_error (session, error,
                                      error_code_for_result (result, EXTOPO_LDAP_ERROR_FAILED),
                                      step, result);
                    }
                  goto out;
                }

              g_clear_pointer (&cookie.bv_val, ber_memfree);
              cookie.bv_len = 0;

              response = ldap_control_find (LDAP_CONTROL_PAGEDRESULTS, controls, NULL);
              if (page_size > 0 && response != NULL)
                {
                  ber_int_t estimate = 0;

                  rc = ldap_parse_pageresponse_control (session->ld, response,
                                                        &estimate, &cookie);
                  if (rc == LDAP_SUCCESS && cookie.bv_val != NULL && cookie.bv_len > 0)
                    more = TRUE;
                }
              ldap_controls_free (controls);

              /* Only the organization's search counts as progress. */
              if (session->progress != NULL && page_size > 0)
                session->progress (entries->len, session->progress_data);
            }
          else
            {
              /* Referrals (LDAP_RES_SEARCH_REFERENCE) are not followed. */
              ldap_msgfree (message);
            }
        }
    }

  ok = TRUE;

out:
  ber_memfree (cookie.bv_val);
  return ok;
}

/* Asks for the rest of every attribute that came back ranged, one chunk
 * at a time, until the chunk whose range ends in '*'. */
static gboolean
fetch_ranges (Session  *session,
              GError  **error)
{
  PendingRange *pending;

  while ((pending = g_queue_pop_head (&session->pending_ranges)) != NULL)
    {
      g_autofree char *attribute = g_strdup_printf ("%s;range=%u-*", pending->base, pending->next);
      char *attributes[] = { attribute, NULL };
      const char *dn = extopo_entry_get_dn (pending->entry);
      /* Translators: a step of a fetch, e.g. "reading member;range=1500-* of CN=..." */
      g_autofree char *step = g_strdup_printf (_("reading %s of %s"), attribute, dn);
      g_autoptr(GPtrArray) none =
        g_ptr_array_new_with_free_func ((GDestroyNotify) extopo_entry_unref);
      gboolean ok;

      session->range_target = pending->entry;
      session->range_next = pending->next;
      ok = run_search (session, dn, LDAP_SCOPE_BASE, "(objectClass=*)", attributes, 0,
                       step, none, error);
      session->range_target = NULL;
      pending_range_free (pending);

      if (!ok)
        return FALSE;
    }

  return TRUE;
}

static char *
read_configuration_context (Session  *session,
                            GError  **error)
{
  char *attributes[] = { (char *) "configurationNamingContext", NULL };
  g_autoptr(GPtrArray) root = g_ptr_array_new_with_free_func ((GDestroyNotify) extopo_entry_unref);
  const char *config;

  if (!run_search (session, "", LDAP_SCOPE_BASE, "(objectClass=*)", attributes, 0,
                   _("reading the RootDSE"), root, error))
    return NULL;

  config = root->len > 0
           ? extopo_entry_get_string (g_ptr_array_index (root, 0), "configurationNamingContext")
           : NULL;
  if (config == NULL || *config == '\0')
    {
      set_session_error (session, error, EXTOPO_LDAP_ERROR_NO_ORGANIZATION,
                         _("reading the RootDSE"),
                         _("the server does not name a configuration naming context; "
                           "give the base DN"));
      return NULL;
    }

  return g_strdup (config);
}

static char *
choose_base (Session  *session,
             GError  **error)
{
  const char *base_dn = session->params->base_dn;
  g_autofree char *config = NULL;

  /* A given base is searched as is: the Exchange container itself, the
   * configuration naming context or anything in between holds the org. */
  if (base_dn != NULL && *base_dn != '\0')
    return g_strdup (base_dn);

  config = read_configuration_context (session, error);
  if (config == NULL)
    return NULL;

  return g_strdup_printf ("CN=Microsoft Exchange,CN=Services,%s", config);
}

static gboolean
has_organization (GPtrArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      if (extopo_entry_has_object_class (g_ptr_array_index (entries, i),
                                         "msExchOrganizationContainer"))
        return TRUE;
    }

  return FALSE;
}

static GPtrArray *
fetch_from (Session  *session,
            GError  **error)
{
  const ExtopoLdapParams *params = session->params;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *base = NULL;
  g_autofree char *step = NULL;
  gboolean bound;

  /* Refused before a byte is sent, not after the password went out. */
  if (params->bind_method == EXTOPO_LDAP_BIND_SIMPLE && !params->allow_cleartext_password
      && !params->starttls && !is_ldaps (session->uri)
      && params->password != NULL && *params->password != '\0')
    {
      set_session_error (session, error, EXTOPO_LDAP_ERROR_CLEARTEXT_PASSWORD, _("bind"),
                         _("refusing to send the password unencrypted over ldap://; use "
                           "StartTLS or an ldaps:// address, or allow it explicitly "
                           "(--allow-cleartext-password)"));
      return NULL;
    }

  if (!open_connection (session, error))
    return NULL;

  if (check_cancelled (session, -1, error))
    return NULL;

  if (params->bind_method == EXTOPO_LDAP_BIND_SASL)
    bound = bind_sasl (session, error);
  else
    bound = bind_simple (session, error);
  if (!bound)
    return NULL;

  base = choose_base (session, error);
  if (base == NULL)
    return NULL;

  /* Translators: the step of a fetch, e.g. "searching CN=Microsoft Exchange,..." */
  step = g_strdup_printf (_("searching %s"), base);
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) extopo_entry_unref);
  if (!run_search (session, base, LDAP_SCOPE_SUBTREE, extopo_ldap_get_filter (),
                   (char **) extopo_ldap_get_attributes (),
                   params->page_size > 0 ? params->page_size : DEFAULT_PAGE_SIZE,
                   step, entries, error))
    return NULL;

  if (!fetch_ranges (session, error))
    return NULL;

  if (!has_organization (entries))
    {
      g_autofree char *detail =
        g_strdup_printf (_("no Exchange organization under %s on %s"), base, session->uri);

      set_session_error (session, error, EXTOPO_LDAP_ERROR_NO_ORGANIZATION, step, detail);
      return NULL;
    }

  return g_steal_pointer (&entries);
}

static void
close_session (Session *session)
{
  watchdog_stop (session);
  g_queue_clear_full (&session->pending_ranges, (GDestroyNotify) pending_range_free);

  if (session->ld != NULL)
    {
      ldap_unbind_ext_s (session->ld, NULL, NULL);
      session->ld = NULL;
    }
}

/* A server that goes away while libldap writes to it must be an error,
 * not a signal that ends the program. */
static void
ignore_sigpipe (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      struct sigaction current;

      if (sigaction (SIGPIPE, NULL, &current) == 0 && current.sa_handler == SIG_DFL)
        signal (SIGPIPE, SIG_IGN);
      g_once_init_leave (&done, 1);
    }
}

static GPtrArray *
fetch_from_first (const ExtopoLdapParams  *params,
                  GCancellable            *cancellable,
                  ExtopoLdapProgressFunc   progress,
                  gpointer                 progress_data,
                  GError                 **error)
{
  g_autoptr(GString) failures = g_string_new (NULL);
  int last_code = EXTOPO_LDAP_ERROR_INVALID_ARGUMENT;
  guint n_tried = 0;

  for (guint i = 0; params->uris[i] != NULL; i++)
    {
      Session session = { params, params->uris[i], NULL, cancellable, progress, progress_data,
                          NULL, G_QUEUE_INIT, NULL, 0 };
      g_autoptr(GError) local_error = NULL;
      GPtrArray *entries;

      entries = fetch_from (&session, &local_error);
      close_session (&session);

      if (entries != NULL)
        return entries;

      if (g_error_matches (local_error, EXTOPO_LDAP_ERROR, EXTOPO_LDAP_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      n_tried++;
      last_code = local_error->code;
      if (failures->len > 0)
        g_string_append (failures, "; ");
      g_string_append (failures, local_error->message);
    }

  if (n_tried == 1)
    g_set_error_literal (error, EXTOPO_LDAP_ERROR, last_code, failures->str);
  else
    g_set_error (error, EXTOPO_LDAP_ERROR, last_code,
                 _("No directory server could be used: %s"), failures->str);

  return NULL;
}

GPtrArray *
extopo_ldap_fetch (const ExtopoLdapParams  *params,
                   GCancellable            *cancellable,
                   ExtopoLdapProgressFunc   progress,
                   gpointer                 progress_data,
                   GError                 **error)
{
  GPtrArray *entries;

  g_return_val_if_fail (params != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (params->uris == NULL || params->uris[0] == NULL)
    {
      g_set_error (error, EXTOPO_LDAP_ERROR, EXTOPO_LDAP_ERROR_INVALID_ARGUMENT,
                   _("No directory server given"));
      return NULL;
    }

  ignore_sigpipe ();

  /* No core dump or same-user ptrace may read the password meanwhile. */
  if (params->password != NULL)
    extopo_ldap_secrets_hold ();

  entries = fetch_from_first (params, cancellable, progress, progress_data, error);

  if (params->password != NULL)
    extopo_ldap_secrets_release ();

  return entries;
}

/* The caller's progress function, kept alive until the last report ran. */
typedef struct
{
  GMainContext           *context;
  ExtopoLdapProgressFunc  func;
  gpointer                data;
  GDestroyNotify          data_free;
  guint                   last_reported;
} ProgressTarget;

typedef struct
{
  ProgressTarget *target;
  guint           n_entries;
} ProgressReport;

static void
progress_target_clear (ProgressTarget *target)
{
  if (target->data_free != NULL)
    target->data_free (target->data);
  g_main_context_unref (target->context);
}

static void
progress_target_unref (ProgressTarget *target)
{
  g_atomic_rc_box_release_full (target, (GDestroyNotify) progress_target_clear);
}

static gboolean
progress_report_cb (gpointer user_data)
{
  ProgressReport *report = user_data;

  report->target->func (report->n_entries, report->target->data);

  return G_SOURCE_REMOVE;
}

static void
progress_report_free (gpointer user_data)
{
  ProgressReport *report = user_data;

  progress_target_unref (report->target);
  g_free (report);
}

/* Runs in the worker: hand the count over to the caller's context. */
static void
progress_forward (guint    n_entries,
                  gpointer user_data)
{
  ProgressTarget *target = user_data;
  ProgressReport *report;
  GSource *source;

  if (n_entries == target->last_reported)
    return;
  target->last_reported = n_entries;

  report = g_new0 (ProgressReport, 1);
  report->target = g_atomic_rc_box_acquire (target);
  report->n_entries = n_entries;

  /* Not g_main_context_invoke(): it would run the callback right here in
   * the worker whenever the caller's context happens to be idle and unowned. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_report_cb, report, progress_report_free);
  g_source_set_static_name (source, "[extopo] LDAP fetch progress");
  g_source_attach (source, target->context);
  g_source_unref (source);
}

typedef struct
{
  ExtopoLdapParams *params;
  ProgressTarget   *target;
} FetchData;

static gboolean
release_target_cb (gpointer user_data)
{
  return G_SOURCE_REMOVE;
}

/* The task may be finalized in the worker; the caller's progress data is
 * still released on the caller's context, after any report in flight. */
static void
fetch_data_free (FetchData *data)
{
  extopo_ldap_params_free (data->params);
  if (data->target != NULL)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, release_target_cb, data->target,
                             (GDestroyNotify) progress_target_unref);
      g_source_set_static_name (source, "[extopo] LDAP fetch done");
      g_source_attach (source, data->target->context);
      g_source_unref (source);
    }
  g_free (data);
}

static void
fetch_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  FetchData *data = task_data;
  GError *error = NULL;
  GPtrArray *entries;

  entries = extopo_ldap_fetch (data->params, cancellable,
                               data->target != NULL ? progress_forward : NULL,
                               data->target, &error);
  if (entries == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, entries, (GDestroyNotify) g_ptr_array_unref);
}

void
extopo_ldap_fetch_async (const ExtopoLdapParams *params,
                         GCancellable           *cancellable,
                         ExtopoLdapProgressFunc  progress,
                         gpointer                progress_data,
                         GDestroyNotify          progress_data_free,
                         GAsyncReadyCallback     callback,
                         gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  FetchData *data;

  g_return_if_fail (params != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (FetchData, 1);
  data->params = extopo_ldap_params_copy (params);
  if (progress != NULL)
    {
      data->target = g_atomic_rc_box_new0 (ProgressTarget);
      data->target->context = g_main_context_ref_thread_default ();
      data->target->func = progress;
      data->target->data = progress_data;
      data->target->data_free = progress_data_free;
    }
  else if (progress_data_free != NULL)
    {
      progress_data_free (progress_data);
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, EXTOPO_TASK_TAG (extopo_ldap_fetch_async));
  g_task_set_name (task, "[extopo] LDAP fetch");
  g_task_set_task_data (task, data, (GDestroyNotify) fetch_data_free);
  g_task_run_in_thread (task, fetch_worker);
}

GPtrArray *
extopo_ldap_fetch_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        EXTOPO_TASK_TAG (extopo_ldap_fetch_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
