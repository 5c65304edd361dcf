/* test-dn.c: distinguished names parsed, compared and taken apart.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-dn"

#include "config.h"

#include <string.h>

#include <glib.h>
#include <ldap.h>

#include "extopo-dn.h"

#define SERVER_DN \
  "CN=EX1,CN=Servers,CN=First Administrative Group,CN=Administrative Groups," \
  "CN=Contoso,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com"
#define SERVER_DN_LOOSE \
  "cn=ex1, cn=servers, cn=first administrative group, cn=administrative groups, " \
  "cn=contoso, cn=microsoft exchange, cn=services, cn=configuration, dc=Contoso, dc=COM"

static void
test_dn_normalize_case_and_spaces (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  a = extopo_dn_normalize (SERVER_DN, &error);
  g_assert_no_error (error);
  b = extopo_dn_normalize (SERVER_DN_LOOSE, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, ==,
                   "cn=ex1,cn=servers,cn=first administrative group,cn=administrative groups,"
                   "cn=contoso,cn=microsoft exchange,cn=services,cn=configuration,"
                   "dc=contoso,dc=com");
  g_assert_true (extopo_dn_equal (SERVER_DN, SERVER_DN_LOOSE));
  g_assert_false (extopo_dn_equal (SERVER_DN, "CN=EX2,CN=Servers,DC=contoso,DC=com"));
}

static void
test_dn_normalize_escapes (void)
{
  g_autofree char *backslash = NULL;
  g_autofree char *hex = NULL;
  g_autofree char *quoted = NULL;

  backslash = extopo_dn_normalize ("CN=Sales\\, East,DC=contoso,DC=com", NULL);
  hex = extopo_dn_normalize ("cn=sales\\2C east,dc=contoso,dc=com", NULL);
  quoted = extopo_dn_normalize ("CN=\"Sales, East\",DC=contoso,DC=com", NULL);

  g_assert_nonnull (backslash);
  g_assert_cmpstr (backslash, ==, hex);
  g_assert_cmpstr (backslash, ==, quoted);
  /* The comma stays escaped: the canonical form still parses to one RDN. */
  g_assert_cmpuint (extopo_dn_get_depth (backslash), ==, 3);
}

static void
test_dn_utf8 (void)
{
  g_autofree char *raw = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *value = NULL;
  g_autoptr(GError) error = NULL;

  raw = extopo_dn_normalize ("CN=Zürich,CN=Routing Groups,DC=contoso,DC=com", &error);
  g_assert_no_error (error);
  escaped = extopo_dn_normalize ("cn=Z\\C3\\9CRICH,cn=routing groups,dc=contoso,dc=com", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (raw, ==, escaped);
  g_assert_true (g_str_has_prefix (raw, "cn=zürich,"));

  value = extopo_dn_get_rdn_value ("CN=Z\\C3\\BCrich,DC=contoso,DC=com", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "Zürich");
}

static void
test_dn_rdn_value (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *comma = NULL;
  g_autofree char *hex = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *missing = NULL;

  comma = extopo_dn_get_rdn_value ("CN=Sales\\, East,CN=Routing Groups,DC=contoso", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (comma, ==, "Sales, East");

  hex = extopo_dn_get_rdn_value ("CN=Sales\\2C East,DC=contoso", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hex, ==, "Sales, East");

  upper = extopo_dn_get_rdn_value_at (SERVER_DN, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (upper, ==, "First Administrative Group");

  missing = extopo_dn_get_rdn_value_at ("CN=a,DC=b", 2, &error);
  g_assert_error (error, EXTOPO_DN_ERROR, EXTOPO_DN_ERROR_TOO_SHORT);
  g_assert_null (missing);
}

static void
test_dn_depth (void)
{
  g_assert_cmpuint (extopo_dn_get_depth (SERVER_DN), ==, 10);
  g_assert_cmpuint (extopo_dn_get_depth ("DC=com"), ==, 1);
  g_assert_cmpuint (extopo_dn_get_depth (""), ==, 0);
  g_assert_cmpuint (extopo_dn_get_depth ("not a dn"), ==, 0);
}

static void
test_dn_ancestor (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *parent = NULL;
  g_autofree char *org = NULL;
  g_autofree char *root = NULL;
  g_autofree char *beyond = NULL;

  parent = extopo_dn_get_ancestor (SERVER_DN, 1, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (parent, "cn=servers,cn=first administrative group,"));

  org = extopo_dn_get_ancestor (SERVER_DN, 4, &error);
  g_assert_no_error (error);
  g_assert_true (extopo_dn_equal (org,
                                  "CN=Contoso,CN=Microsoft Exchange,CN=Services,"
                                  "CN=Configuration,DC=contoso,DC=com"));

  root = extopo_dn_get_ancestor ("CN=a,DC=b", 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (root, ==, "");

  beyond = extopo_dn_get_ancestor ("CN=a,DC=b", 3, &error);
  g_assert_error (error, EXTOPO_DN_ERROR, EXTOPO_DN_ERROR_TOO_SHORT);
  g_assert_null (beyond);
}

static void
test_dn_is_descendant (void)
{
  const char *org = "cn=contoso, cn=microsoft exchange, cn=services, cn=configuration, "
                    "dc=contoso, dc=com";

  g_assert_true (extopo_dn_is_descendant (SERVER_DN, org));
  g_assert_true (extopo_dn_is_descendant (SERVER_DN, SERVER_DN_LOOSE));
  g_assert_false (extopo_dn_is_descendant (org, SERVER_DN));
  g_assert_false (extopo_dn_is_descendant (SERVER_DN, "CN=Other,CN=Microsoft Exchange,"
                                           "CN=Services,CN=Configuration,DC=contoso,DC=com"));
  /* A name that merely ends in the same text is not below it. */
  g_assert_false (extopo_dn_is_descendant ("CN=a,DC=xcontoso,DC=com", "DC=contoso,DC=com"));
  g_assert_true (extopo_dn_is_descendant (SERVER_DN, ""));
  g_assert_false (extopo_dn_is_descendant ("not a dn", "DC=com"));
}

/* A normalized DN normalizes to itself: it is the key of every lookup, and
 * a lookup normalizes whatever spelling it is given. "C=#" then a space
 * (an empty #hex value) came out as "c=#", which does not parse (found by
 * tests/fuzz/fuzz-dn). */
static void
test_dn_normalize_fixed_point (void)
{
  const char *dns[] = {
    "CN=EX1,CN=Servers,DC=contoso,DC=com",
    "cn=#04024869,dc=com",
    "CN=Sales\\, East + OU=x,DC=com",
    "CN=Z\\C3\\BCrich,DC=com",
    "CN= spaced ,DC=com",
  };
  const char *empty_hex[] = {
    "Co=,C=#\t",
    "CN=#  ,DC=com",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (dns); i++)
    {
      g_autofree char *normalized = extopo_dn_normalize (dns[i], NULL);
      g_autofree char *again = NULL;

      g_assert_nonnull (normalized);
      again = extopo_dn_normalize (normalized, NULL);
      g_assert_cmpstr (again, ==, normalized);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (empty_hex); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = extopo_dn_normalize (empty_hex[i], &error);

      g_assert_error (error, EXTOPO_DN_ERROR, EXTOPO_DN_ERROR_INVALID);
      g_assert_null (normalized);
      g_assert_cmpuint (extopo_dn_get_depth (empty_hex[i]), ==, 0);
    }
}

static void
test_dn_invalid (void)
{
  const char *invalid[] = {
    "not a dn",
    "CN=a,,DC=b",
    "CN=trailing\\",
    "=value,DC=b",
    "CN=a,DC=b\\ZZ",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = NULL;
      g_autofree char *value = NULL;

      normalized = extopo_dn_normalize (invalid[i], &error);
      g_assert_error (error, EXTOPO_DN_ERROR, EXTOPO_DN_ERROR_INVALID);
      g_assert_null (normalized);
      g_assert_nonnull (strstr (error->message, invalid[i]));
      g_clear_error (&error);

      value = extopo_dn_get_rdn_value (invalid[i], &error);
      g_assert_error (error, EXTOPO_DN_ERROR, EXTOPO_DN_ERROR_INVALID);
      g_assert_null (value);

      g_assert_false (extopo_dn_equal (invalid[i], invalid[i]));
    }
}

/* The oracle for the property tests: libldap's own parse of both DNs,
 * compared AVA by AVA (attribute types without regard to ASCII case,
 * text values case-folded, #hex values byte for byte). */
static gboolean
libldap_equal (const char *a,
               const char *b)
{
  LDAPDN parsed_a = NULL;
  LDAPDN parsed_b = NULL;
  gboolean equal = TRUE;

  if (ldap_str2dn (a, &parsed_a, LDAP_DN_FORMAT_LDAP) != LDAP_SUCCESS ||
      ldap_str2dn (b, &parsed_b, LDAP_DN_FORMAT_LDAP) != LDAP_SUCCESS)
    {
      ldap_dnfree (parsed_a);
      return FALSE;
    }

  for (guint i = 0; equal; i++)
    {
      LDAPRDN rdn_a = parsed_a != NULL ? parsed_a[i] : NULL;
      LDAPRDN rdn_b = parsed_b != NULL ? parsed_b[i] : NULL;

      if (rdn_a == NULL || rdn_b == NULL)
        {
          equal = rdn_a == rdn_b;
          break;
        }

      for (guint j = 0; equal; j++)
        {
          LDAPAVA *ava_a = rdn_a[j];
          LDAPAVA *ava_b = rdn_b[j];
          g_autofree char *value_a = NULL;
          g_autofree char *value_b = NULL;
          gboolean binary;

          if (ava_a == NULL || ava_b == NULL)
            {
              equal = ava_a == ava_b;
              break;
            }

          binary = (ava_a->la_flags & LDAP_AVA_BINARY) != 0;
          if (binary != ((ava_b->la_flags & LDAP_AVA_BINARY) != 0) ||
              ava_a->la_attr.bv_len != ava_b->la_attr.bv_len ||
              g_ascii_strncasecmp (ava_a->la_attr.bv_val, ava_b->la_attr.bv_val,
                                   ava_a->la_attr.bv_len) != 0)
            {
              equal = FALSE;
              break;
            }

          if (binary)
            {
              equal = ava_a->la_value.bv_len == ava_b->la_value.bv_len &&
                      memcmp (ava_a->la_value.bv_val, ava_b->la_value.bv_val,
                              ava_a->la_value.bv_len) == 0;
              continue;
            }

          /* Values libldap cannot write as text name no entry. */
          if (!g_utf8_validate_len (ava_a->la_value.bv_val, ava_a->la_value.bv_len, NULL) ||
              !g_utf8_validate_len (ava_b->la_value.bv_val, ava_b->la_value.bv_len, NULL))
            {
              equal = FALSE;
              break;
            }

          /* Valid UTF-8 holds no NUL: the folded values are whole strings. */
          value_a = g_utf8_casefold (ava_a->la_value.bv_len > 0 ? ava_a->la_value.bv_val : "",
                                     ava_a->la_value.bv_len);
          value_b = g_utf8_casefold (ava_b->la_value.bv_len > 0 ? ava_b->la_value.bv_val : "",
                                     ava_b->la_value.bv_len);
          equal = strcmp (value_a, value_b) == 0;
        }
    }

  ldap_dnfree (parsed_a);
  ldap_dnfree (parsed_b);
  return equal;
}

/* Pieces that random DNs are made of: the characters that matter to the
 * grammar, escapes of every kind, case pairs and non-ASCII letters. */
static const char * const dn_pieces[] = {
  "CN", "cn", "OU", "dc", "=", "=", ",", ",", ";", "+", " ", "a", "A", "b", "1",
  "#", "# ", "#04", "#0401", "#zz", "\\", "\\,", "\\2C", "\\2c", "\\23", "\\20", "\\d3",
  "\\c3\\bc", "\\00", "\\\\", "\"", "\"a,b\"", "ü", "Ü", "ß", "ss", "\xc3", "<", ">",
};

static char *
random_dn_text (GRand *rand)
{
  GString *dn = g_string_new (NULL);
  int n = g_rand_int_range (rand, 1, 12);

  /* Half of them start well formed, so that the parser gets past the first RDN. */
  if (g_rand_boolean (rand))
    g_string_append (dn, "CN=");

  for (int i = 0; i < n; i++)
    g_string_append (dn, dn_pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (dn_pieces))]);

  return g_string_free (dn, FALSE);
}

/* A value from a small alphabet, so that random pairs are often equal. */
static const char * const value_pieces[] = { "a", "A", "b", "ü", "Ü", " ", ",", "#", "+", "1" };

/* Writes @value as the value of an RDN, escaping each character that must
 * be, and some that need not be, in one of the spellings RFC 4514 allows. */
static void
append_spelled_value (GString    *out,
                      const char *value,
                      GRand      *rand)
{
  gsize len = strlen (value);

  for (gsize i = 0; i < len; i++)
    {
      guchar c = value[i];
      gboolean must = strchr (",+\"\\<>;=", c) != NULL ||
                      (c == '#' && i == 0) ||
                      (c == ' ' && (i == 0 || i == len - 1));
      int how = g_rand_int_range (rand, 0, 4);

      /* "\c" only for the characters RFC 4514 lets one escape that way. */
      if (strchr (" \"#+,;<=>\\", c) != NULL && (must || how == 1) && how != 0)
        g_string_append_printf (out, "\\%c", c);
      else if (c >= 0x80 || must || how == 0)
        g_string_append_printf (out, g_rand_boolean (rand) ? "\\%02X" : "\\%02x", c);
      else
        g_string_append_c (out, c);
    }
}

static char *
random_spelling (const char * const *types,
                 const char * const *values,
                 guint               n,
                 GRand              *rand)
{
  GString *dn = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *type = g_rand_boolean (rand) ? g_ascii_strup (types[i], -1)
                                                    : g_ascii_strdown (types[i], -1);

      if (i > 0)
        g_string_append (dn, g_rand_boolean (rand) ? "," : ", ");
      g_string_append_printf (dn, "%s=", type);
      append_spelled_value (dn, values[i], rand);
    }

  return g_string_free (dn, FALSE);
}

/* The key and the validity check agree with each other and with libldap:
 * a DN is valid exactly when it has a key, and two DNs share a key exactly
 * when libldap parses them to equal names. */
static void
test_dn_key_property (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261203);
  guint equal_pairs = 0;
  guint valid = 0;

  for (guint round = 0; round < 20000; round++)
    {
      g_autofree char *a = random_dn_text (rand);
      g_autofree char *b = random_dn_text (rand);
      g_autofree char *key_a = extopo_dn_normalize (a, NULL);
      g_autofree char *key_b = extopo_dn_normalize (b, NULL);

      if (extopo_dn_is_valid (a) != (key_a != NULL))
        g_error ("“%s”: valid %d, key %s", a, extopo_dn_is_valid (a), key_a);
      valid += key_a != NULL;

      if (key_a != NULL && key_b != NULL &&
          g_str_equal (key_a, key_b) != libldap_equal (a, b))
        g_error ("“%s” and “%s”: keys %s and %s, libldap says %s", a, b, key_a, key_b,
                 libldap_equal (a, b) ? "equal" : "different");

      /* A key is a DN that keys to itself. */
      if (key_a != NULL)
        {
          g_autofree char *again = extopo_dn_normalize (key_a, NULL);

          g_assert_cmpstr (again, ==, key_a);
          g_assert_true (libldap_equal (a, key_a));
        }
    }

  for (guint round = 0; round < 20000; round++)
    {
      const char *types_a[3];
      const char *types_b[3];
      char *values_a[3];
      char *values_b[3];
      guint n = g_rand_int_range (rand, 1, 4);
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      g_autofree char *key_a = NULL;
      g_autofree char *key_b = NULL;

      for (guint i = 0; i < n; i++)
        {
          GString *value_a = g_string_new (NULL);
          GString *value_b = g_string_new (NULL);
          guint len = g_rand_int_range (rand, 1, 3);

          types_a[i] = g_rand_int_range (rand, 0, 4) == 0 ? "ou" : "cn";
          types_b[i] = g_rand_int_range (rand, 0, 4) == 0 ? "ou" : "cn";
          for (guint j = 0; j < len; j++)
            {
              g_string_append (value_a, value_pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (value_pieces))]);
              g_string_append (value_b, value_pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (value_pieces))]);
            }
          values_a[i] = g_string_free (value_a, FALSE);
          values_b[i] = g_string_free (value_b, FALSE);
        }

      a = random_spelling (types_a, (const char * const *) values_a, n, rand);
      /* Half the time the same name spelled another way. */
      if (g_rand_boolean (rand))
        b = random_spelling (types_a, (const char * const *) values_a, n, rand);
      else
        b = random_spelling (types_b, (const char * const *) values_b, n, rand);

      key_a = extopo_dn_normalize (a, NULL);
      key_b = extopo_dn_normalize (b, NULL);
      if (key_a == NULL || key_b == NULL)
        g_error ("“%s” or “%s” has no key", a, b);
      if (g_str_equal (key_a, key_b) != libldap_equal (a, b))
        g_error ("“%s” and “%s”: keys %s and %s, libldap says %s", a, b, key_a, key_b,
                 libldap_equal (a, b) ? "equal" : "different");
      equal_pairs += g_str_equal (key_a, key_b);

      for (guint i = 0; i < n; i++)
        {
          g_free (values_a[i]);
          g_free (values_b[i]);
        }
    }

  /* The generators reach both sides of each property. */
  g_assert_cmpuint (valid, >, 1000);
  g_assert_cmpuint (valid, <, 19000);
  g_assert_cmpuint (equal_pairs, >, 5000);
  g_assert_cmpuint (equal_pairs, <, 19000);
}

/* The issue's reproducers: two #-values libldap reads as empty, and an
 * escape that unescapes to a broken UTF-8 sequence. */
static void
test_dn_key_reproducers (void)
{
  const char *refused[] = {
    "CN=# 1,CN=Servers,DC=contoso,DC=com",
    "CN=# 2,CN=Servers,DC=contoso,DC=com",
    "CN=a\\d3,DC=contoso,DC=com",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *key = extopo_dn_normalize (refused[i], NULL);

      g_assert_null (key);
      g_assert_false (extopo_dn_is_valid (refused[i]));
    }

  g_assert_false (extopo_dn_equal (refused[0], refused[1]));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dn/normalize/case-and-spaces", test_dn_normalize_case_and_spaces);
  g_test_add_func ("/dn/normalize/escapes", test_dn_normalize_escapes);
  g_test_add_func ("/dn/utf8", test_dn_utf8);
  g_test_add_func ("/dn/rdn-value", test_dn_rdn_value);
  g_test_add_func ("/dn/depth", test_dn_depth);
  g_test_add_func ("/dn/ancestor", test_dn_ancestor);
  g_test_add_func ("/dn/is-descendant", test_dn_is_descendant);
  g_test_add_func ("/dn/invalid", test_dn_invalid);
  g_test_add_func ("/dn/normalize/fixed-point", test_dn_normalize_fixed_point);
  g_test_add_func ("/dn/key/property", test_dn_key_property);
  g_test_add_func ("/dn/key/reproducers", test_dn_key_reproducers);

  return g_test_run ();
}
