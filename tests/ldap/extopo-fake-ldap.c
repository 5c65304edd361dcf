/* extopo-fake-ldap.c: a small hostile LDAP server on 127.0.0.1 for the tests.
 *
 * One thread accepts one connection at a time and answers with liblber;
 * what it answers depends on the mode. It only has to be right enough for
 * libldap to take its answers (or, on purpose, not to).
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-fake-ldap"
#define _GNU_SOURCE /* memmem() */

#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <glib-unix.h>
#include <lber.h>
#include <ldap.h>

#include "extopo-fake-ldap.h"

#define WAIT_LIMIT_USEC (10 * G_TIME_SPAN_SECOND)

struct _ExtopoFakeLdap
{
  ExtopoFakeLdapMode mode;
  int                listener;
  int                stop_pipe[2];
  GThread           *thread;
  char              *uri;
  char              *ldaps_uri;

  GMutex             lock;
  GCond              cond;
  guint              n_requests;
  GPtrArray         *requested;
  GPtrArray         *pdus;       /* GBytes of every request, for looking at controls */
};

static void
count_request (ExtopoFakeLdap *self,
               const char     *attributes)
{
  g_mutex_lock (&self->lock);
  self->n_requests++;
  if (attributes != NULL)
    g_ptr_array_add (self->requested, g_strdup (attributes));
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
}

/* Waits until @fd is readable; FALSE when the server is stopping. */
static gboolean
wait_readable (ExtopoFakeLdap *self,
               int             fd)
{
  struct pollfd fds[2] = { { fd, POLLIN, 0 }, { self->stop_pipe[0], POLLIN, 0 } };

  for (;;)
    {
      int rc = poll (fds, 2, -1);

      if (rc < 0 && errno == EINTR)
        continue;
      if (rc < 0 || fds[1].revents != 0)
        return FALSE;
      if (fds[0].revents != 0)
        return TRUE;
    }
}

static gboolean
read_exactly (ExtopoFakeLdap *self,
              int             fd,
              guchar         *buffer,
              gsize           len)
{
  gsize done = 0;

  while (done < len)
    {
      ssize_t n;

      if (!wait_readable (self, fd))
        return FALSE;
      n = read (fd, buffer + done, len - done);
      if (n <= 0)
        return FALSE;
      done += (gsize) n;
    }

  return TRUE;
}

/* One LDAPMessage, tag and length included; NULL at the end. */
static GBytes *
read_message (ExtopoFakeLdap *self,
              int             fd)
{
  guchar head[2];
  guchar length_bytes[4];
  gsize length = 0;
  gsize n_length = 0;
  guchar *pdu;

  if (!read_exactly (self, fd, head, 2))
    return NULL;

  if (head[1] & 0x80)
    {
      n_length = head[1] & 0x7f;
      if (n_length == 0 || n_length > 4 || !read_exactly (self, fd, length_bytes, n_length))
        return NULL;
      for (gsize i = 0; i < n_length; i++)
        length = (length << 8) | length_bytes[i];
    }
  else
    {
      length = head[1];
    }
  if (length > 1024 * 1024)
    return NULL;

  pdu = g_malloc (2 + n_length + length);
  memcpy (pdu, head, 2);
  memcpy (pdu + 2, length_bytes, n_length);
  if (!read_exactly (self, fd, pdu + 2 + n_length, length))
    {
      g_free (pdu);
      return NULL;
    }

  return g_bytes_new_take (pdu, 2 + n_length + length);
}

static void
send_ber (int         fd,
          BerElement *ber)
{
  struct berval bv = { 0, NULL };

  if (ber_flatten2 (ber, &bv, 0) == 0)
    {
      gsize done = 0;

      while (done < bv.bv_len)
        {
          ssize_t n = write (fd, bv.bv_val + done, bv.bv_len - done);

          if (n <= 0)
            break;
          done += (gsize) n;
        }
    }
  ber_free (ber, 1);
}

static void
send_result (int         fd,
             ber_int_t   msgid,
             ber_tag_t   tag,
             ber_int_t   code,
             const char *message)
{
  BerElement *ber = ber_alloc_t (LBER_USE_DER);

  ber_printf (ber, "{it{ess}}", msgid, tag, code, "", message);
  send_ber (fd, ber);
}

/* An entry with attributes given as NULL-separated name, values..., NULL
 * groups, the list ending in a second NULL. */
static void
send_entry (int                 fd,
            ber_int_t           msgid,
            const char         *dn,
            const char * const *attributes)
{
  BerElement *ber = ber_alloc_t (LBER_USE_DER);
  gsize i = 0;

  ber_printf (ber, "{it{s{", msgid, (ber_tag_t) LDAP_RES_SEARCH_ENTRY, dn);
  while (attributes[i] != NULL)
    {
      ber_printf (ber, "{s[", attributes[i++]);
      while (attributes[i] != NULL)
        ber_printf (ber, "s", attributes[i++]);
      ber_printf (ber, "]}");
      i++;
    }
  ber_printf (ber, "}}}");
  send_ber (fd, ber);
}

static void
send_organization (int         fd,
                   ber_int_t   msgid,
                   const char *extra_name,
                   const char *extra_value)
{
  const char *attributes[] = {
    "objectClass", "top", "msExchOrganizationContainer", NULL,
    "cn", "Fake", NULL,
    extra_name, extra_value, NULL,
    NULL
  };

  send_entry (fd, msgid, EXTOPO_FAKE_LDAP_ORG, attributes);
}

static char *
member_value (guint i)
{
  return g_strdup_printf ("CN=User %u,CN=Users,DC=fake,DC=test", i);
}

/* "member;range=FIRST-LAST" with the values from @first on, at most one
 * chunk; the last chunk says '*'. */
static void
send_member_chunk (int       fd,
                   ber_int_t msgid,
                   guint     first)
{
  BerElement *ber = ber_alloc_t (LBER_USE_DER);
  guint last = MIN (first + EXTOPO_FAKE_LDAP_CHUNK, EXTOPO_FAKE_LDAP_N_MEMBERS) - 1;
  g_autofree char *name = NULL;

  if (last + 1 >= EXTOPO_FAKE_LDAP_N_MEMBERS)
    name = g_strdup_printf ("member;range=%u-*", first);
  else
    name = g_strdup_printf ("member;range=%u-%u", first, last);

  /* A follow-up asked for the range only, and gets only that. */
  ber_printf (ber, "{it{s{", msgid, (ber_tag_t) LDAP_RES_SEARCH_ENTRY, EXTOPO_FAKE_LDAP_ORG);
  if (first == 0)
    ber_printf (ber, "{s[ss]}", "objectClass", "top", "msExchOrganizationContainer");
  ber_printf (ber, "{s[", name);
  for (guint i = first; i <= last; i++)
    {
      g_autofree char *value = member_value (i);

      ber_printf (ber, "s", value);
    }
  ber_printf (ber, "]}}}}");
  send_ber (fd, ber);
}

/* The start of a requested "member;range=N-*", or 0. */
static guint
requested_range (char **attributes)
{
  for (guint i = 0; attributes != NULL && attributes[i] != NULL; i++)
    {
      const char *range = strstr (attributes[i], ";range=");

      if (range != NULL)
        return (guint) g_ascii_strtoull (range + strlen (";range="), NULL, 10);
    }

  return 0;
}

static void
answer_search (ExtopoFakeLdap  *self,
               int              fd,
               ber_int_t        msgid,
               char           **attributes)
{
  switch (self->mode)
    {
    case EXTOPO_FAKE_LDAP_CLOSE_MID_SEARCH:
      send_organization (fd, msgid, "description", "the last thing you hear");
      shutdown (fd, SHUT_RDWR);
      return;

    case EXTOPO_FAKE_LDAP_REFERRAL:
    {
      BerElement *ber = ber_alloc_t (LBER_USE_DER);

      ber_printf (ber, "{it{esst{s}}}", msgid, (ber_tag_t) LDAP_RES_SEARCH_RESULT,
                  (ber_int_t) LDAP_REFERRAL, "", "go elsewhere",
                  (ber_tag_t) LDAP_TAG_REFERRAL, "ldap://elsewhere.fake.test/");
      send_ber (fd, ber);
      return;
    }

    case EXTOPO_FAKE_LDAP_BAD_ATTRIBUTE:
      send_organization (fd, msgid, "description\ndn: CN=Injected", "x");
      break;

    case EXTOPO_FAKE_LDAP_RANGED:
      send_member_chunk (fd, msgid, requested_range (attributes));
      break;

    default:
      send_organization (fd, msgid, "description", "an ordinary organization");
      break;
    }

  send_result (fd, msgid, LDAP_RES_SEARCH_RESULT, LDAP_SUCCESS, "");
}

/* FALSE: hang up. */
static gboolean
answer (ExtopoFakeLdap *self,
        int             fd,
        GBytes         *pdu)
{
  struct berval bv;
  BerElement *ber;
  ber_int_t msgid = 0;
  ber_tag_t op;
  ber_len_t len;
  gboolean go_on = TRUE;
  char **attributes = NULL;
  g_autofree char *attribute_text = NULL;

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->pdus, g_bytes_ref (pdu));
  g_mutex_unlock (&self->lock);

  bv.bv_val = (char *) g_bytes_get_data (pdu, NULL);
  bv.bv_len = g_bytes_get_size (pdu);
  ber = ber_init (&bv);
  if (ber == NULL)
    return FALSE;

  if (ber_scanf (ber, "{i", &msgid) == LBER_ERROR)
    {
      ber_free (ber, 1);
      return FALSE;
    }
  op = ber_peek_tag (ber, &len);

  if (op == LDAP_REQ_SEARCH)
    {
      struct berval base = { 0, NULL };
      ber_int_t scope = 0, deref = 0, size_limit = 0, time_limit = 0;
      ber_int_t types_only = 0;

      if (ber_scanf (ber, "{meeiibx{v}", &base, &scope, &deref, &size_limit, &time_limit,
                     &types_only, &attributes) != LBER_ERROR && attributes != NULL)
        attribute_text = g_strjoinv (",", attributes);
    }
  ber_free (ber, 1);

  count_request (self, attribute_text);

  if (op == LDAP_REQ_UNBIND || op == LDAP_REQ_ABANDON)
    go_on = op != LDAP_REQ_UNBIND;
  else if (self->mode == EXTOPO_FAKE_LDAP_GARBAGE)
    {
      static const char garbage[] = "HTTP/1.1 400 Bad Request\r\n\r\n<html>nope</html>\r\n";

      if (write (fd, garbage, sizeof garbage - 1) < 0)
        g_debug ("write: %s", g_strerror (errno));
      go_on = FALSE;
    }
  else if (op == LDAP_REQ_EXTENDED)
    {
      if (self->mode == EXTOPO_FAKE_LDAP_REFUSE_STARTTLS)
        send_result (fd, msgid, LDAP_RES_EXTENDED, LDAP_UNAVAILABLE, "TLS is not configured");
      else
        send_result (fd, msgid, LDAP_RES_EXTENDED, LDAP_SUCCESS, "");
      /* In STALL_AFTER_STARTTLS, the ClientHello that follows is never answered. */
    }
  else if (op == LDAP_REQ_BIND)
    {
      if (self->mode != EXTOPO_FAKE_LDAP_STALL_BIND)
        send_result (fd, msgid, LDAP_RES_BIND, LDAP_SUCCESS, "");
    }
  else if (op == LDAP_REQ_SEARCH)
    {
      answer_search (self, fd, msgid, attributes);
      go_on = self->mode != EXTOPO_FAKE_LDAP_CLOSE_MID_SEARCH;
    }
  else
    {
      go_on = FALSE;
    }

  ber_memvfree ((void **) attributes);
  return go_on;
}

static void
serve_connection (ExtopoFakeLdap *self,
                  int             fd)
{
  if (self->mode == EXTOPO_FAKE_LDAP_STALL)
    {
      /* Read nothing, answer nothing: what a dead TLS endpoint looks like. */
      count_request (self, NULL);
      wait_readable (self, self->stop_pipe[0]);
      return;
    }

  for (;;)
    {
      g_autoptr(GBytes) pdu = read_message (self, fd);

      if (pdu == NULL || !answer (self, fd, pdu))
        break;
    }

  /* After StartTLS was granted the client sends a ClientHello that is not
   * LDAP: read_message() stops at it, and the connection stays silent. */
  if (self->mode == EXTOPO_FAKE_LDAP_STALL_AFTER_STARTTLS
      || self->mode == EXTOPO_FAKE_LDAP_STALL_BIND)
    wait_readable (self, self->stop_pipe[0]);
}

static gpointer
serve_worker (gpointer user_data)
{
  ExtopoFakeLdap *self = user_data;

  while (wait_readable (self, self->listener))
    {
      int fd = accept (self->listener, NULL, NULL);

      if (fd < 0)
        continue;
      serve_connection (self, fd);
      close (fd);
    }

  return NULL;
}

ExtopoFakeLdap *
extopo_fake_ldap_start (ExtopoFakeLdapMode mode)
{
  ExtopoFakeLdap *self = g_new0 (ExtopoFakeLdap, 1);
  struct sockaddr_in address = { 0 };
  socklen_t address_len = sizeof address;
  g_autoptr(GError) error = NULL;

  self->mode = mode;
  self->requested = g_ptr_array_new_with_free_func (g_free);
  self->pdus = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);

  g_unix_open_pipe (self->stop_pipe, FD_CLOEXEC, &error);
  g_assert_no_error (error);

  self->listener = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  g_assert_cmpint (self->listener, >=, 0);
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (bind (self->listener, (struct sockaddr *) &address, sizeof address), ==, 0);
  g_assert_cmpint (listen (self->listener, 4), ==, 0);
  g_assert_cmpint (getsockname (self->listener, (struct sockaddr *) &address, &address_len),
                   ==, 0);

  self->uri = g_strdup_printf ("ldap://127.0.0.1:%u", ntohs (address.sin_port));
  self->ldaps_uri = g_strdup_printf ("ldaps://127.0.0.1:%u", ntohs (address.sin_port));
  self->thread = g_thread_new ("fake-ldap", serve_worker, self);

  return self;
}

void
extopo_fake_ldap_free (ExtopoFakeLdap *self)
{
  if (self == NULL)
    return;

  g_assert_cmpint (write (self->stop_pipe[1], "x", 1), ==, 1);
  g_thread_join (self->thread);
  close (self->listener);
  close (self->stop_pipe[0]);
  close (self->stop_pipe[1]);
  g_ptr_array_unref (self->requested);
  g_ptr_array_unref (self->pdus);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  g_free (self->uri);
  g_free (self->ldaps_uri);
  g_free (self);
}

const char *
extopo_fake_ldap_get_uri (ExtopoFakeLdap *self,
                          gboolean        ldaps)
{
  return ldaps ? self->ldaps_uri : self->uri;
}

gboolean
extopo_fake_ldap_wait_requests (ExtopoFakeLdap *self,
                                guint           n)
{
  gint64 end = g_get_monotonic_time () + WAIT_LIMIT_USEC;
  gboolean reached;

  g_mutex_lock (&self->lock);
  while (self->n_requests < n && g_cond_wait_until (&self->cond, &self->lock, end))
    ;
  reached = self->n_requests >= n;
  g_mutex_unlock (&self->lock);

  return reached;
}

guint
extopo_fake_ldap_get_n_requests (ExtopoFakeLdap *self)
{
  guint n;

  g_mutex_lock (&self->lock);
  n = self->n_requests;
  g_mutex_unlock (&self->lock);

  return n;
}

/* A control's OID travels as the text of an OCTET STRING: finding the
 * text in a request finds the control. */
gboolean
extopo_fake_ldap_saw_control (ExtopoFakeLdap *self,
                              const char     *oid)
{
  gboolean seen = FALSE;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->pdus->len && !seen; i++)
    {
      gsize size;
      const char *data = g_bytes_get_data (g_ptr_array_index (self->pdus, i), &size);

      seen = memmem (data, size, oid, strlen (oid)) != NULL;
    }
  g_mutex_unlock (&self->lock);

  return seen;
}

GPtrArray *
extopo_fake_ldap_get_requested (ExtopoFakeLdap *self)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->requested->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (self->requested, i)));
  g_mutex_unlock (&self->lock);

  return copy;
}
