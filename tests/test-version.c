/* test-version.c: serialNumber and versionNumber decoding.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "extopo-version.h"

typedef struct
{
  const char   *serial;
  ExtopoProduct product;
  guint         major;
  guint         minor;
  guint         build;
  guint         revision;
  int           service_pack;
  const char   *display;
  const char   *badge;
} SerialCase;

static const SerialCase serial_cases[] = {
  { "Version 6.5 (Build 7638.2: Service Pack 2)", EXTOPO_PRODUCT_EXCHANGE_2003, 6, 5, 7638, 2, 2,
    "Exchange Server 2003 SP2", "2003 SP2" },
  { "Version 6.5 (Build 7226.6: Service Pack 1)", EXTOPO_PRODUCT_EXCHANGE_2003, 6, 5, 7226, 6, 1,
    "Exchange Server 2003 SP1", "2003 SP1" },
  { "Version 6.5 (Build 6944.4)", EXTOPO_PRODUCT_EXCHANGE_2003, 6, 5, 6944, 4, 0,
    "Exchange Server 2003 RTM", "2003 RTM" },
  { "Version 6.0 (Build 6249.4: Service Pack 3)", EXTOPO_PRODUCT_EXCHANGE_2000, 6, 0, 6249, 4, 3,
    "Exchange 2000 Server SP3", "2000 SP3" },
  { "Version 6.0 (Build 4417.5)", EXTOPO_PRODUCT_EXCHANGE_2000, 6, 0, 4417, 5, 0,
    "Exchange 2000 Server RTM", "2000 RTM" },
  { "Version 6.0 (Build 5762.4: Service Pack 2)", EXTOPO_PRODUCT_EXCHANGE_2000, 6, 0, 5762, 4, 2,
    "Exchange 2000 Server SP2", "2000 SP2" },
  { "Version 5.5 (Build 2653.23: Service Pack 4)", EXTOPO_PRODUCT_EXCHANGE_55, 5, 5, 2653, 23, 4,
    "Exchange Server 5.5 SP4", "5.5 SP4" },
  /* Exchange 2007 writes the build plus 30000. */
  { "Version 8.1 (Build 30240.6)", EXTOPO_PRODUCT_EXCHANGE_2007, 8, 1, 240, 6, 1,
    "Exchange Server 2007 SP1", "2007 SP1" },
  { "Version 8.0 (Build 30685.24)", EXTOPO_PRODUCT_EXCHANGE_2007, 8, 0, 685, 24, 0,
    "Exchange Server 2007 RTM", "2007 RTM" },
  { "Version 8.3 (Build 30083.6)", EXTOPO_PRODUCT_EXCHANGE_2007, 8, 3, 83, 6, 3,
    "Exchange Server 2007 SP3", "2007 SP3" },
  /* Odd spacing and case. */
  { "  version   6.5(build 7638.2:service   pack 2) ", EXTOPO_PRODUCT_EXCHANGE_2003, 6, 5, 7638, 2,
    2, "Exchange Server 2003 SP2", "2003 SP2" },
  { "VERSION 6.0 (BUILD 6249.4: SP3)", EXTOPO_PRODUCT_EXCHANGE_2000, 6, 0, 6249, 4, 3,
    "Exchange 2000 Server SP3", "2000 SP3" },
  /* The service pack from the build when the string does not say. */
  { "Version 6.5 (Build 7638.2)", EXTOPO_PRODUCT_EXCHANGE_2003, 6, 5, 7638, 2, 2,
    "Exchange Server 2003 SP2", "2003 SP2" },
  /* Later releases. */
  { "Version 14.1 (Build 30218.15)", EXTOPO_PRODUCT_LATER, 14, 1, 218, 15, 1, "Exchange 14.1",
    "14.1" },
};

static void
test_version_serial (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (serial_cases); i++)
    {
      const SerialCase *c = &serial_cases[i];
      ExtopoVersion version;
      g_autofree char *display = NULL;
      g_autofree char *badge = NULL;

      g_test_message ("serial %s", c->serial);
      g_assert_true (extopo_version_parse_serial (c->serial, &version));
      g_assert_true (version.known);
      g_assert_cmpint (version.product, ==, c->product);
      g_assert_cmpuint (version.major, ==, c->major);
      g_assert_cmpuint (version.minor, ==, c->minor);
      g_assert_cmpuint (version.build, ==, c->build);
      g_assert_cmpuint (version.revision, ==, c->revision);
      g_assert_cmpint (version.service_pack, ==, c->service_pack);

      display = extopo_version_get_display_name (&version);
      g_assert_cmpstr (display, ==, c->display);
      badge = extopo_version_get_badge (&version);
      g_assert_cmpstr (badge, ==, c->badge);
    }
}

typedef struct
{
  guint32       number;
  ExtopoProduct product;
  guint         major;
  guint         minor;
  guint         build;
  int           service_pack;
  const char   *string;
} NumberCase;

static const NumberCase number_cases[] = {
  { 6944, EXTOPO_PRODUCT_EXCHANGE_2003, 6, 5, 6944, 0, "6.5.6944" },
  { 7226, EXTOPO_PRODUCT_EXCHANGE_2003, 6, 5, 7226, 1, "6.5.7226" },
  { 7638, EXTOPO_PRODUCT_EXCHANGE_2003, 6, 5, 7638, 2, "6.5.7638" },
  { 4417, EXTOPO_PRODUCT_EXCHANGE_2000, 6, 0, 4417, 0, "6.0.4417" },
  { 4712, EXTOPO_PRODUCT_EXCHANGE_2000, 6, 0, 4712, 1, "6.0.4712" },
  { 5762, EXTOPO_PRODUCT_EXCHANGE_2000, 6, 0, 5762, 2, "6.0.5762" },
  { 6249, EXTOPO_PRODUCT_EXCHANGE_2000, 6, 0, 6249, 3, "6.0.6249" },
  /* A post-SP3 rollup keeps SP3. */
  { 6603, EXTOPO_PRODUCT_EXCHANGE_2000, 6, 0, 6603, 3, "6.0.6603" },
  { 1912636077u, EXTOPO_PRODUCT_EXCHANGE_2007, 8, 0, 685, 0, "8.0.685" },
  { 1912701168u, EXTOPO_PRODUCT_EXCHANGE_2007, 8, 1, 240, 1, "8.1.240" },
  { 1912766640u, EXTOPO_PRODUCT_EXCHANGE_2007, 8, 2, 176, 2, "8.2.176" },
  { 1912832083u, EXTOPO_PRODUCT_EXCHANGE_2007, 8, 3, 83, 3, "8.3.83" },
};

static void
test_version_number (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (number_cases); i++)
    {
      const NumberCase *c = &number_cases[i];
      ExtopoVersion version;
      g_autofree char *string = NULL;

      g_test_message ("versionNumber %u", c->number);
      g_assert_true (extopo_version_parse_number (c->number, &version));
      g_assert_true (version.known);
      g_assert_cmpint (version.product, ==, c->product);
      g_assert_cmpuint (version.major, ==, c->major);
      g_assert_cmpuint (version.minor, ==, c->minor);
      g_assert_cmpuint (version.build, ==, c->build);
      g_assert_cmpint (version.service_pack, ==, c->service_pack);
      string = extopo_version_to_string (&version);
      g_assert_cmpstr (string, ==, c->string);
    }
}

/* The packed value is built exactly as the reference says. */
static void
test_version_packed_formula (void)
{
  ExtopoVersion version;
  guint32 packed = 0x70008000u | (8u << 22) | (1u << 16) | 240u;

  g_assert_cmpuint (packed, ==, 1912701168u);
  g_assert_true (extopo_version_parse_number (packed, &version));
  g_assert_cmpuint (version.minor, ==, 1);
}

static void
test_version_offset_rule (void)
{
  ExtopoVersion version;
  g_autofree char *string = NULL;

  g_assert_true (extopo_version_parse_serial ("Version 8.1 (Build 30240.6)", &version));
  string = extopo_version_to_string (&version);
  g_assert_cmpstr (string, ==, "8.1.240.6");

  /* Pre-2007 builds are never shifted. */
  g_assert_true (extopo_version_parse_serial ("Version 6.5 (Build 7638.2)", &version));
  g_assert_cmpuint (version.build, ==, 7638);

  /* An Exchange 2007 build already below the offset is taken as written. */
  g_assert_true (extopo_version_parse_serial ("Version 8.1 (Build 240.6)", &version));
  g_assert_cmpuint (version.build, ==, 240);
}

static void
test_version_garbage (void)
{
  static const char *serials[] = {
    "", "Exchange", "Version", "Version x.y", "Version 6", "Build 7638.2",
    "garbage (Build 30240.6)", "Version 99999999999999999999.1",
  };
  static const guint32 numbers[] = { 0, 1, 12345, 0x70008000u, 0xFFFFFFFFu };
  ExtopoVersion version;
  g_autofree char *display = NULL;
  g_autofree char *badge = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (serials); i++)
    {
      g_test_message ("garbage serial “%s”", serials[i]);
      g_assert_false (extopo_version_parse_serial (serials[i], &version));
      g_assert_false (version.known);
      g_assert_cmpint (version.product, ==, EXTOPO_PRODUCT_UNKNOWN);
      g_assert_cmpint (version.service_pack, ==, -1);
    }
  g_assert_false (extopo_version_parse_serial (NULL, &version));

  for (gsize i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      g_test_message ("garbage versionNumber %u", numbers[i]);
      g_assert_false (extopo_version_parse_number (numbers[i], &version));
      g_assert_false (version.known);
    }

  extopo_version_resolve ("nonsense", "not a number", &version);
  g_assert_false (version.known);
  g_assert_null (extopo_version_to_string (&version));
  display = extopo_version_get_display_name (&version);
  g_assert_cmpstr (display, ==, "Unknown Exchange version");
  badge = extopo_version_get_badge (&version);
  g_assert_cmpstr (badge, ==, "?");

  /* A known but unnamed release: unknown product, still known. */
  g_assert_true (extopo_version_parse_serial ("Version 4.0 (Build 837)", &version));
  g_assert_true (version.known);
  g_assert_cmpint (version.product, ==, EXTOPO_PRODUCT_UNKNOWN);
}

static void
test_version_resolve (void)
{
  ExtopoVersion version;

  /* versionNumber alone. */
  extopo_version_resolve (NULL, "7638", &version);
  g_assert_true (version.known);
  g_assert_cmpint (version.product, ==, EXTOPO_PRODUCT_EXCHANGE_2003);
  g_assert_cmpint (version.service_pack, ==, 2);

  extopo_version_resolve (NULL, "1912701168", &version);
  g_assert_cmpint (version.product, ==, EXTOPO_PRODUCT_EXCHANGE_2007);
  g_assert_cmpint (version.service_pack, ==, 1);

  /* serialNumber wins and keeps its revision. */
  extopo_version_resolve ("Version 6.5 (Build 7638.2: Service Pack 2)", "7226", &version);
  g_assert_cmpuint (version.build, ==, 7638);
  g_assert_cmpuint (version.revision, ==, 2);
  g_assert_cmpint (version.service_pack, ==, 2);

  /* versionNumber fills a build the string lacks. */
  extopo_version_resolve ("Version 6.5", "7226", &version);
  g_assert_cmpuint (version.build, ==, 7226);
  g_assert_cmpint (version.service_pack, ==, 1);

  /* A garbage serial falls back to the number. */
  extopo_version_resolve ("???", "6249", &version);
  g_assert_cmpint (version.product, ==, EXTOPO_PRODUCT_EXCHANGE_2000);
  g_assert_cmpint (version.service_pack, ==, 3);

  /* A garbage number does not spoil the serial. */
  extopo_version_resolve ("Version 5.5 (Build 2653.23: Service Pack 4)", "xyz", &version);
  g_assert_cmpint (version.product, ==, EXTOPO_PRODUCT_EXCHANGE_55);
  g_assert_cmpint (version.service_pack, ==, 4);
}

static void
test_version_products (void)
{
  ExtopoVersion a;
  ExtopoVersion b;

  g_assert_cmpint (extopo_product_from_major_minor (5, 5), ==, EXTOPO_PRODUCT_EXCHANGE_55);
  g_assert_cmpint (extopo_product_from_major_minor (6, 0), ==, EXTOPO_PRODUCT_EXCHANGE_2000);
  g_assert_cmpint (extopo_product_from_major_minor (6, 5), ==, EXTOPO_PRODUCT_EXCHANGE_2003);
  g_assert_cmpint (extopo_product_from_major_minor (8, 3), ==, EXTOPO_PRODUCT_EXCHANGE_2007);
  g_assert_cmpint (extopo_product_from_major_minor (14, 0), ==, EXTOPO_PRODUCT_LATER);
  g_assert_cmpint (extopo_product_from_major_minor (4, 0), ==, EXTOPO_PRODUCT_UNKNOWN);

  g_assert_cmpstr (extopo_product_get_name (EXTOPO_PRODUCT_EXCHANGE_55), ==, "Exchange Server 5.5");
  g_assert_cmpstr (extopo_product_get_name (EXTOPO_PRODUCT_EXCHANGE_2000), ==,
                   "Exchange 2000 Server");
  g_assert_cmpstr (extopo_product_get_name (EXTOPO_PRODUCT_EXCHANGE_2003), ==,
                   "Exchange Server 2003");
  g_assert_cmpstr (extopo_product_get_name (EXTOPO_PRODUCT_EXCHANGE_2007), ==,
                   "Exchange Server 2007");

  g_assert_cmpint (extopo_product_get_management (EXTOPO_PRODUCT_EXCHANGE_55), ==,
                   EXTOPO_MANAGEMENT_EXCHANGE_ADMINISTRATOR);
  g_assert_cmpint (extopo_product_get_management (EXTOPO_PRODUCT_EXCHANGE_2003), ==,
                   EXTOPO_MANAGEMENT_SYSTEM_MANAGER);
  g_assert_cmpint (extopo_product_get_management (EXTOPO_PRODUCT_EXCHANGE_2007), ==,
                   EXTOPO_MANAGEMENT_MANAGEMENT_CONSOLE);
  g_assert_cmpstr (extopo_management_get_name (EXTOPO_MANAGEMENT_SYSTEM_MANAGER), ==,
                   "Exchange System Manager");
  g_assert_cmpstr (extopo_management_get_name (EXTOPO_MANAGEMENT_MANAGEMENT_CONSOLE), ==,
                   "Exchange Management Console / Shell");
  g_assert_cmpstr (extopo_management_get_name (EXTOPO_MANAGEMENT_EXCHANGE_ADMINISTRATOR), ==,
                   "Exchange Administrator");

  g_assert_true (extopo_version_parse_serial ("Version 6.5 (Build 7226.6)", &a));
  g_assert_true (extopo_version_parse_serial ("Version 6.5 (Build 7638.2)", &b));
  g_assert_cmpint (extopo_version_compare (&a, &b), <, 0);
  g_assert_cmpint (extopo_version_compare (&b, &a), >, 0);
  g_assert_cmpint (extopo_version_compare (&a, &a), ==, 0);
}

static void
test_version_roles (void)
{
  g_auto(GStrv) names = extopo_roles_to_strv (54);
  g_auto(GStrv) none = extopo_roles_to_strv (0);

  g_assert_cmpuint (g_strv_length (names), ==, 4);
  g_assert_cmpstr (names[0], ==, "Mailbox");
  g_assert_cmpstr (names[1], ==, "Client Access");
  g_assert_cmpstr (names[2], ==, "Unified Messaging");
  g_assert_cmpstr (names[3], ==, "Hub Transport");
  g_assert_nonnull (none);
  g_assert_null (none[0]);

  g_assert_cmpstr (extopo_role_get_name (EXTOPO_ROLE_EDGE_TRANSPORT), ==, "Edge Transport");
  g_assert_cmpstr (extopo_role_get_badge (EXTOPO_ROLE_HUB_TRANSPORT), ==, "HT");
  g_assert_cmpstr (extopo_role_get_badge (EXTOPO_ROLE_CLIENT_ACCESS), ==, "CA");
  g_assert_cmpstr (extopo_role_get_display_name (EXTOPO_ROLE_MAILBOX), ==, "Mailbox");
  g_assert_null (extopo_role_get_name (1 << 3));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/version/serial", test_version_serial);
  g_test_add_func ("/version/number", test_version_number);
  g_test_add_func ("/version/packed-formula", test_version_packed_formula);
  g_test_add_func ("/version/offset-rule", test_version_offset_rule);
  g_test_add_func ("/version/garbage", test_version_garbage);
  g_test_add_func ("/version/resolve", test_version_resolve);
  g_test_add_func ("/version/products", test_version_products);
  g_test_add_func ("/version/roles", test_version_roles);

  return g_test_run ();
}
