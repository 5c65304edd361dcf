/* extopo-dn.c: distinguished names, parsed and compared by libldap.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-dn"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <ldap.h>

#include "extopo-dn.h"

/* Strings that libldap allocated must go back to libldap. */
typedef char *ExtopoLdapString;

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (LDAPDN, ldap_dnfree, NULL)
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (ExtopoLdapString, ldap_memfree, NULL)

G_DEFINE_QUARK (extopo-dn-error-quark, extopo_dn_error)

/* What ldap_str2dn() accepts but ldap_dn2str() cannot write back, so that
 * a DN would parse and yet have no normalized form:
 * - "CN=#" followed by a space, an empty BER value, written as "cn=#" which
 *   does not read back (and "CN=# 1" and "CN=# 2" would share it); a #hex
 *   value is never empty (RFC 4514);
 * - an escape that unescapes to a broken UTF-8 sequence ("CN=a\d3"). */
static gboolean
extopo_dn_values_writable (LDAPDN dn)
{
  for (guint i = 0; dn != NULL && dn[i] != NULL; i++)
    for (guint j = 0; dn[i][j] != NULL; j++)
      {
        LDAPAVA *ava = dn[i][j];

        if ((ava->la_flags & LDAP_AVA_BINARY) != 0)
          {
            if (ava->la_value.bv_len == 0)
              return FALSE;
          }
        else if (!g_utf8_validate_len (ava->la_value.bv_val, ava->la_value.bv_len, NULL))
          {
            return FALSE;
          }
      }

  return TRUE;
}

/* LDAP_DN_FORMAT_LDAP takes LDAPv3 and the looser LDAPv2 spellings that
 * older exports use (spaces after commas, quoted values). */
static gboolean
extopo_dn_parse (const char  *dn,
                 LDAPDN      *parsed,
                 GError     **error)
{
  int rc;

  *parsed = NULL;

  if (!g_utf8_validate (dn, -1, NULL))
    {
      g_set_error (error, EXTOPO_DN_ERROR, EXTOPO_DN_ERROR_INVALID,
                   _("A distinguished name is not valid UTF-8"));
      return FALSE;
    }

  /* The empty DN (the root) parses to NULL. */
  rc = ldap_str2dn (dn, parsed, LDAP_DN_FORMAT_LDAP);
  if (rc == LDAP_SUCCESS && !extopo_dn_values_writable (*parsed))
    {
      g_clear_pointer (parsed, ldap_dnfree);
      rc = LDAP_DECODING_ERROR;
    }
  if (rc != LDAP_SUCCESS)
    {
      *parsed = NULL;
      g_set_error (error, EXTOPO_DN_ERROR, EXTOPO_DN_ERROR_INVALID,
                   _("“%s” is not a valid distinguished name: %s"),
                   dn, ldap_err2string (rc));
      return FALSE;
    }

  return TRUE;
}

static guint
extopo_dn_count (LDAPDN dn)
{
  guint depth = 0;

  if (dn != NULL)
    while (dn[depth] != NULL)
      depth++;

  return depth;
}

/* @dn may be the tail of a parsed DN: it is a NULL-terminated RDN array.
 * PRETTY keeps non-ASCII letters as UTF-8 rather than hex escapes, so that
 * case folding reaches them ("Zürich" and "ZÜRICH" fold alike). */
static char *
extopo_dn_to_normalized (LDAPDN       dn,
                         const char  *original,
                         GError     **error)
{
  g_auto(ExtopoLdapString) text = NULL;
  int rc;

  if (dn == NULL || dn[0] == NULL)
    return g_strdup ("");

  rc = ldap_dn2str (dn, &text, LDAP_DN_FORMAT_LDAPV3 | LDAP_DN_PRETTY);
  if (rc != LDAP_SUCCESS || text == NULL)
    {
      g_set_error (error, EXTOPO_DN_ERROR, EXTOPO_DN_ERROR_INVALID,
                   _("“%s” is not a valid distinguished name: %s"),
                   original, ldap_err2string (rc));
      return NULL;
    }

  /* Nearly every DN is ASCII, where folding is lowering: g_utf8_casefold()
   * was a third of the cost of normalizing. */
  for (const char *p = text; *p != '\0'; p++)
    {
      if ((guchar) *p >= 0x80)
        {
          if (!g_utf8_validate (text, -1, NULL))
            {
              g_set_error (error, EXTOPO_DN_ERROR, EXTOPO_DN_ERROR_INVALID,
                           _("“%s” does not name an entry in UTF-8"), original);
              return NULL;
            }

          return g_utf8_casefold (text, -1);
        }
    }

  return g_ascii_strdown (text, -1);
}

char *
extopo_dn_normalize (const char  *dn,
                     GError     **error)
{
  return extopo_dn_get_ancestor (dn, 0, error);
}

/* Exactly when extopo_dn_normalize() succeeds: a check that skipped the
 * values (LDAP_DN_SKIP) let through DNs that have no key. */
gboolean
extopo_dn_is_valid (const char *dn)
{
  g_auto(LDAPDN) parsed = NULL;

  g_return_val_if_fail (dn != NULL, FALSE);

  return extopo_dn_parse (dn, &parsed, NULL);
}

gboolean
extopo_dn_equal (const char *a,
                 const char *b)
{
  g_autofree char *normalized_a = NULL;
  g_autofree char *normalized_b = NULL;

  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  normalized_a = extopo_dn_normalize (a, NULL);
  normalized_b = extopo_dn_normalize (b, NULL);

  return normalized_a != NULL &&
         normalized_b != NULL &&
         g_str_equal (normalized_a, normalized_b);
}

guint
extopo_dn_get_depth (const char *dn)
{
  g_auto(LDAPDN) parsed = NULL;

  g_return_val_if_fail (dn != NULL, 0);

  if (!extopo_dn_parse (dn, &parsed, NULL))
    return 0;

  return extopo_dn_count (parsed);
}

char *
extopo_dn_get_ancestor (const char  *dn,
                        guint        levels,
                        GError     **error)
{
  g_auto(LDAPDN) parsed = NULL;

  g_return_val_if_fail (dn != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!extopo_dn_parse (dn, &parsed, error))
    return NULL;

  if (levels > extopo_dn_count (parsed))
    {
      g_set_error (error, EXTOPO_DN_ERROR, EXTOPO_DN_ERROR_TOO_SHORT,
                   _("“%s” has fewer than %u levels"), dn, levels);
      return NULL;
    }

  if (parsed == NULL)
    return g_strdup ("");

  return extopo_dn_to_normalized (parsed + levels, dn, error);
}

char *
extopo_dn_get_rdn_value (const char  *dn,
                         GError     **error)
{
  return extopo_dn_get_rdn_value_at (dn, 0, error);
}

char *
extopo_dn_get_rdn_value_at (const char  *dn,
                            guint        level,
                            GError     **error)
{
  g_auto(LDAPDN) parsed = NULL;
  LDAPAVA *ava;

  g_return_val_if_fail (dn != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!extopo_dn_parse (dn, &parsed, error))
    return NULL;

  if (level >= extopo_dn_count (parsed))
    {
      g_set_error (error, EXTOPO_DN_ERROR, EXTOPO_DN_ERROR_TOO_SHORT,
                   _("“%s” has fewer than %u levels"), dn, level + 1);
      return NULL;
    }

  /* A multi-valued RDN ("cn=a+sn=b") names the entry by its first value. */
  ava = parsed[level][0];
  if ((ava->la_flags & LDAP_AVA_BINARY) != 0 ||
      !g_utf8_validate_len (ava->la_value.bv_val, ava->la_value.bv_len, NULL))
    {
      g_set_error (error, EXTOPO_DN_ERROR, EXTOPO_DN_ERROR_INVALID,
                   _("The name in “%s” is not text"), dn);
      return NULL;
    }

  return g_strndup (ava->la_value.bv_val, ava->la_value.bv_len);
}

gboolean
extopo_dn_is_descendant (const char *dn,
                         const char *ancestor)
{
  g_auto(LDAPDN) parsed = NULL;
  g_auto(LDAPDN) parsed_ancestor = NULL;
  g_autofree char *normalized_ancestor = NULL;
  g_autofree char *tail = NULL;
  guint depth;
  guint ancestor_depth;

  g_return_val_if_fail (dn != NULL, FALSE);
  g_return_val_if_fail (ancestor != NULL, FALSE);

  if (!extopo_dn_parse (dn, &parsed, NULL) ||
      !extopo_dn_parse (ancestor, &parsed_ancestor, NULL))
    return FALSE;

  depth = extopo_dn_count (parsed);
  ancestor_depth = extopo_dn_count (parsed_ancestor);
  if (ancestor_depth > depth)
    return FALSE;
  if (ancestor_depth == 0)
    return TRUE;

  normalized_ancestor = extopo_dn_to_normalized (parsed_ancestor, ancestor, NULL);
  tail = extopo_dn_to_normalized (parsed + (depth - ancestor_depth), dn, NULL);

  return normalized_ancestor != NULL &&
         tail != NULL &&
         g_str_equal (tail, normalized_ancestor);
}

char *
extopo_dn_map_values (const char         *dn,
                      ExtopoDnValueFunc   func,
                      gpointer            user_data,
                      GError            **error)
{
  g_auto(LDAPDN) parsed = NULL;
  g_auto(ExtopoLdapString) text = NULL;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  int rc;

  g_return_val_if_fail (dn != NULL, NULL);
  g_return_val_if_fail (func != NULL, NULL);

  if (!extopo_dn_parse (dn, &parsed, error))
    return NULL;
  if (parsed == NULL)
    return g_strdup ("");

  /* The AVAs point into libldap's memory; the new values live in @values
   * until ldap_dn2str() has copied them. */
  for (guint i = 0; parsed[i] != NULL; i++)
    for (guint j = 0; parsed[i][j] != NULL; j++)
      {
        LDAPAVA *ava = parsed[i][j];
        g_autofree char *type = NULL;
        g_autofree char *value = NULL;
        char *mapped;

        if ((ava->la_flags & LDAP_AVA_BINARY) != 0)
          continue;
        type = g_strndup (ava->la_attr.bv_val, ava->la_attr.bv_len);
        value = g_strndup (ava->la_value.bv_val, ava->la_value.bv_len);
        mapped = func (type, value, user_data);
        if (mapped == NULL)
          continue;
        g_ptr_array_add (values, mapped);
        /* A value libldap unescaped into memory of its own is freed with
         * the DN unless the flag says otherwise: free it now, and keep
         * libldap's hands off ours. */
        if ((ava->la_flags & LDAP_AVA_FREE_VALUE) != 0)
          ber_memfree (ava->la_value.bv_val);
        ava->la_flags &= ~LDAP_AVA_FREE_VALUE;
        ava->la_value.bv_val = mapped;
        ava->la_value.bv_len = strlen (mapped);
      }

  rc = ldap_dn2str (parsed, &text, LDAP_DN_FORMAT_LDAPV3 | LDAP_DN_PRETTY);
  if (rc != LDAP_SUCCESS || text == NULL)
    {
      g_set_error (error, EXTOPO_DN_ERROR, EXTOPO_DN_ERROR_INVALID,
                   _("“%s” is not a valid distinguished name: %s"), dn, ldap_err2string (rc));
      return NULL;
    }

  return g_strdup (text);
}
