/* test-dn.c: distinguished names parsed, compared and taken apart.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-dn"

#include "config.h"

#include <string.h>

#include <glib.h>

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

  return g_test_run ();
}
