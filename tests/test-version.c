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
  /* Exchange 2010: the service pack is the minor version; build + 30000 as in 2007. */
  { "Version 14.0 (Build 30639.21)", EXTOPO_PRODUCT_EXCHANGE_2010, 14, 0, 639, 21, 0,
    "Exchange Server 2010 RTM", "2010 RTM" },
  { "Version 14.1 (Build 30218.15)", EXTOPO_PRODUCT_EXCHANGE_2010, 14, 1, 218, 15, 1,
    "Exchange Server 2010 SP1", "2010 SP1" },
  { "Version 14.2 (Build 30247.5)", EXTOPO_PRODUCT_EXCHANGE_2010, 14, 2, 247, 5, 2,
    "Exchange Server 2010 SP2", "2010 SP2" },
  { "Version 14.3 (Build 30123.4)", EXTOPO_PRODUCT_EXCHANGE_2010, 14, 3, 123, 4, 3,
    "Exchange Server 2010 SP3", "2010 SP3" },
  /* A rollup's build keeps the service pack of its minor version. */
  { "Version 14.3 (Build 30513.0)", EXTOPO_PRODUCT_EXCHANGE_2010, 14, 3, 513, 0, 3,
    "Exchange Server 2010 SP3", "2010 SP3" },
  /* A minor version Exchange 2010 never had names no service pack. */
  { "Version 14.4 (Build 30100.1)", EXTOPO_PRODUCT_EXCHANGE_2010, 14, 4, 100, 1, -1,
    "Exchange Server 2010", "2010" },
  { "Version 8.4 (Build 30100.1)", EXTOPO_PRODUCT_EXCHANGE_2007, 8, 4, 100, 1, -1,
    "Exchange Server 2007", "2007" },
  /* Releases after the ones this program knows. */
  { "Version 15.3 (Build 30100.1)", EXTOPO_PRODUCT_LATER, 15, 3, 100, 1, -1,
    "Exchange Server, a release after SE (15.3)", "15.3" },
  { "Version 16.0 (Build 30100.1)", EXTOPO_PRODUCT_LATER, 16, 0, 100, 1, -1,
    "Exchange Server, a release after SE (16.0)", "16.0" },
  /* Never released: not a later release. */
  { "Version 9.0 (Build 30100.1)", EXTOPO_PRODUCT_UNKNOWN, 9, 0, 100, 1, -1, "Exchange 9.0",
    "9.0" },
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
  /* 0x70008000 | 14<<22 | minor<<16 | build. */
  { 0x73808000u | 639, EXTOPO_PRODUCT_EXCHANGE_2010, 14, 0, 639, 0, "14.0.639" },
  { 0x73818000u | 218, EXTOPO_PRODUCT_EXCHANGE_2010, 14, 1, 218, 1, "14.1.218" },
  { 0x73828000u | 247, EXTOPO_PRODUCT_EXCHANGE_2010, 14, 2, 247, 2, "14.2.247" },
  { 0x73838000u | 123, EXTOPO_PRODUCT_EXCHANGE_2010, 14, 3, 123, 3, "14.3.123" },
  /* 2013 on: no service pack, the level is a cumulative update. */
  { 0x73C08000u | 1497, EXTOPO_PRODUCT_EXCHANGE_2013, 15, 0, 1497, -1, "15.0.1497" },
  { 0x73C18000u | 2507, EXTOPO_PRODUCT_EXCHANGE_2016, 15, 1, 2507, -1, "15.1.2507" },
  { 0x73C28000u | 1748, EXTOPO_PRODUCT_EXCHANGE_2019, 15, 2, 1748, -1, "15.2.1748" },
  { 0x73C28000u | 2562, EXTOPO_PRODUCT_EXCHANGE_SE, 15, 2, 2562, -1, "15.2.2562" },
  { 0x73C38000u | 100, EXTOPO_PRODUCT_LATER, 15, 3, 100, -1, "15.3.100" },
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
  g_assert_cmpint (extopo_product_from_major_minor (14, 0), ==, EXTOPO_PRODUCT_EXCHANGE_2010);
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

/* Every RTM and cumulative update build of Microsoft's "Exchange Server build
 * numbers and release dates" table, as serialNumber writes it (build + 30000). */
typedef struct
{
  const char   *serial;
  ExtopoProduct product;
  guint         minor;
  guint         build;
  guint         revision;
  int           cumulative_update;
  const char   *display;
  const char   *badge;
} CumulativeUpdateCase;

static const CumulativeUpdateCase cumulative_update_cases[] = {
  { "Version 15.0 (Build 30516.32)", EXTOPO_PRODUCT_EXCHANGE_2013, 0, 516, 32, 0,
    "Exchange Server 2013 RTM", "2013 RTM" },
  { "Version 15.0 (Build 30620.29)", EXTOPO_PRODUCT_EXCHANGE_2013, 0, 620, 29, 1,
    "Exchange Server 2013 CU1", "2013 CU1" },
  { "Version 15.0 (Build 30712.24)", EXTOPO_PRODUCT_EXCHANGE_2013, 0, 712, 24, 2,
    "Exchange Server 2013 CU2", "2013 CU2" },
  { "Version 15.0 (Build 30775.38)", EXTOPO_PRODUCT_EXCHANGE_2013, 0, 775, 38, 3,
    "Exchange Server 2013 CU3", "2013 CU3" },
  { "Version 15.0 (Build 30847.32)", EXTOPO_PRODUCT_EXCHANGE_2013, 0, 847, 32, 4,
    "Exchange Server 2013 SP1 (CU4)", "2013 CU4" },
  { "Version 15.0 (Build 30913.22)", EXTOPO_PRODUCT_EXCHANGE_2013, 0, 913, 22, 5,
    "Exchange Server 2013 CU5", "2013 CU5" },
  { "Version 15.0 (Build 30995.29)", EXTOPO_PRODUCT_EXCHANGE_2013, 0, 995, 29, 6,
    "Exchange Server 2013 CU6", "2013 CU6" },
  { "Version 15.0 (Build 31044.25)", EXTOPO_PRODUCT_EXCHANGE_2013, 0, 1044, 25, 7,
    "Exchange Server 2013 CU7", "2013 CU7" },
  { "Version 15.0 (Build 31076.9)", EXTOPO_PRODUCT_EXCHANGE_2013, 0, 1076, 9, 8,
    "Exchange Server 2013 CU8", "2013 CU8" },
  { "Version 15.0 (Build 31104.5)", EXTOPO_PRODUCT_EXCHANGE_2013, 0, 1104, 5, 9,
    "Exchange Server 2013 CU9", "2013 CU9" },
  { "Version 15.0 (Build 31130.7)", EXTOPO_PRODUCT_EXCHANGE_2013, 0, 1130, 7, 10,
    "Exchange Server 2013 CU10", "2013 CU10" },
  { "Version 15.0 (Build 31156.6)", EXTOPO_PRODUCT_EXCHANGE_2013, 0, 1156, 6, 11,
    "Exchange Server 2013 CU11", "2013 CU11" },
  { "Version 15.0 (Build 31178.4)", EXTOPO_PRODUCT_EXCHANGE_2013, 0, 1178, 4, 12,
    "Exchange Server 2013 CU12", "2013 CU12" },
  { "Version 15.0 (Build 31210.3)", EXTOPO_PRODUCT_EXCHANGE_2013, 0, 1210, 3, 13,
    "Exchange Server 2013 CU13", "2013 CU13" },
  { "Version 15.0 (Build 31236.3)", EXTOPO_PRODUCT_EXCHANGE_2013, 0, 1236, 3, 14,
    "Exchange Server 2013 CU14", "2013 CU14" },
  { "Version 15.0 (Build 31263.5)", EXTOPO_PRODUCT_EXCHANGE_2013, 0, 1263, 5, 15,
    "Exchange Server 2013 CU15", "2013 CU15" },
  { "Version 15.0 (Build 31293.2)", EXTOPO_PRODUCT_EXCHANGE_2013, 0, 1293, 2, 16,
    "Exchange Server 2013 CU16", "2013 CU16" },
  { "Version 15.0 (Build 31320.4)", EXTOPO_PRODUCT_EXCHANGE_2013, 0, 1320, 4, 17,
    "Exchange Server 2013 CU17", "2013 CU17" },
  { "Version 15.0 (Build 31347.2)", EXTOPO_PRODUCT_EXCHANGE_2013, 0, 1347, 2, 18,
    "Exchange Server 2013 CU18", "2013 CU18" },
  { "Version 15.0 (Build 31365.1)", EXTOPO_PRODUCT_EXCHANGE_2013, 0, 1365, 1, 19,
    "Exchange Server 2013 CU19", "2013 CU19" },
  { "Version 15.0 (Build 31367.3)", EXTOPO_PRODUCT_EXCHANGE_2013, 0, 1367, 3, 20,
    "Exchange Server 2013 CU20", "2013 CU20" },
  { "Version 15.0 (Build 31395.4)", EXTOPO_PRODUCT_EXCHANGE_2013, 0, 1395, 4, 21,
    "Exchange Server 2013 CU21", "2013 CU21" },
  { "Version 15.0 (Build 31473.3)", EXTOPO_PRODUCT_EXCHANGE_2013, 0, 1473, 3, 22,
    "Exchange Server 2013 CU22", "2013 CU22" },
  { "Version 15.0 (Build 31497.2)", EXTOPO_PRODUCT_EXCHANGE_2013, 0, 1497, 2, 23,
    "Exchange Server 2013 CU23", "2013 CU23" },
  { "Version 15.1 (Build 30225.42)", EXTOPO_PRODUCT_EXCHANGE_2016, 1, 225, 42, 0,
    "Exchange Server 2016 RTM", "2016 RTM" },
  { "Version 15.1 (Build 30396.30)", EXTOPO_PRODUCT_EXCHANGE_2016, 1, 396, 30, 1,
    "Exchange Server 2016 CU1", "2016 CU1" },
  { "Version 15.1 (Build 30466.34)", EXTOPO_PRODUCT_EXCHANGE_2016, 1, 466, 34, 2,
    "Exchange Server 2016 CU2", "2016 CU2" },
  { "Version 15.1 (Build 30544.27)", EXTOPO_PRODUCT_EXCHANGE_2016, 1, 544, 27, 3,
    "Exchange Server 2016 CU3", "2016 CU3" },
  { "Version 15.1 (Build 30669.32)", EXTOPO_PRODUCT_EXCHANGE_2016, 1, 669, 32, 4,
    "Exchange Server 2016 CU4", "2016 CU4" },
  { "Version 15.1 (Build 30845.34)", EXTOPO_PRODUCT_EXCHANGE_2016, 1, 845, 34, 5,
    "Exchange Server 2016 CU5", "2016 CU5" },
  { "Version 15.1 (Build 31034.26)", EXTOPO_PRODUCT_EXCHANGE_2016, 1, 1034, 26, 6,
    "Exchange Server 2016 CU6", "2016 CU6" },
  { "Version 15.1 (Build 31261.35)", EXTOPO_PRODUCT_EXCHANGE_2016, 1, 1261, 35, 7,
    "Exchange Server 2016 CU7", "2016 CU7" },
  { "Version 15.1 (Build 31415.2)", EXTOPO_PRODUCT_EXCHANGE_2016, 1, 1415, 2, 8,
    "Exchange Server 2016 CU8", "2016 CU8" },
  { "Version 15.1 (Build 31466.3)", EXTOPO_PRODUCT_EXCHANGE_2016, 1, 1466, 3, 9,
    "Exchange Server 2016 CU9", "2016 CU9" },
  { "Version 15.1 (Build 31531.3)", EXTOPO_PRODUCT_EXCHANGE_2016, 1, 1531, 3, 10,
    "Exchange Server 2016 CU10", "2016 CU10" },
  { "Version 15.1 (Build 31591.10)", EXTOPO_PRODUCT_EXCHANGE_2016, 1, 1591, 10, 11,
    "Exchange Server 2016 CU11", "2016 CU11" },
  { "Version 15.1 (Build 31713.5)", EXTOPO_PRODUCT_EXCHANGE_2016, 1, 1713, 5, 12,
    "Exchange Server 2016 CU12", "2016 CU12" },
  { "Version 15.1 (Build 31779.2)", EXTOPO_PRODUCT_EXCHANGE_2016, 1, 1779, 2, 13,
    "Exchange Server 2016 CU13", "2016 CU13" },
  { "Version 15.1 (Build 31847.3)", EXTOPO_PRODUCT_EXCHANGE_2016, 1, 1847, 3, 14,
    "Exchange Server 2016 CU14", "2016 CU14" },
  { "Version 15.1 (Build 31913.5)", EXTOPO_PRODUCT_EXCHANGE_2016, 1, 1913, 5, 15,
    "Exchange Server 2016 CU15", "2016 CU15" },
  { "Version 15.1 (Build 31979.3)", EXTOPO_PRODUCT_EXCHANGE_2016, 1, 1979, 3, 16,
    "Exchange Server 2016 CU16", "2016 CU16" },
  { "Version 15.1 (Build 32044.4)", EXTOPO_PRODUCT_EXCHANGE_2016, 1, 2044, 4, 17,
    "Exchange Server 2016 CU17", "2016 CU17" },
  { "Version 15.1 (Build 32106.2)", EXTOPO_PRODUCT_EXCHANGE_2016, 1, 2106, 2, 18,
    "Exchange Server 2016 CU18", "2016 CU18" },
  { "Version 15.1 (Build 32176.2)", EXTOPO_PRODUCT_EXCHANGE_2016, 1, 2176, 2, 19,
    "Exchange Server 2016 CU19", "2016 CU19" },
  { "Version 15.1 (Build 32242.4)", EXTOPO_PRODUCT_EXCHANGE_2016, 1, 2242, 4, 20,
    "Exchange Server 2016 CU20", "2016 CU20" },
  { "Version 15.1 (Build 32308.8)", EXTOPO_PRODUCT_EXCHANGE_2016, 1, 2308, 8, 21,
    "Exchange Server 2016 CU21", "2016 CU21" },
  { "Version 15.1 (Build 32375.7)", EXTOPO_PRODUCT_EXCHANGE_2016, 1, 2375, 7, 22,
    "Exchange Server 2016 CU22", "2016 CU22" },
  { "Version 15.1 (Build 32507.6)", EXTOPO_PRODUCT_EXCHANGE_2016, 1, 2507, 6, 23,
    "Exchange Server 2016 CU23", "2016 CU23" },
  { "Version 15.2 (Build 30221.12)", EXTOPO_PRODUCT_EXCHANGE_2019, 2, 221, 12, 0,
    "Exchange Server 2019 RTM", "2019 RTM" },
  { "Version 15.2 (Build 30330.5)", EXTOPO_PRODUCT_EXCHANGE_2019, 2, 330, 5, 1,
    "Exchange Server 2019 CU1", "2019 CU1" },
  { "Version 15.2 (Build 30397.3)", EXTOPO_PRODUCT_EXCHANGE_2019, 2, 397, 3, 2,
    "Exchange Server 2019 CU2", "2019 CU2" },
  { "Version 15.2 (Build 30464.5)", EXTOPO_PRODUCT_EXCHANGE_2019, 2, 464, 5, 3,
    "Exchange Server 2019 CU3", "2019 CU3" },
  { "Version 15.2 (Build 30529.5)", EXTOPO_PRODUCT_EXCHANGE_2019, 2, 529, 5, 4,
    "Exchange Server 2019 CU4", "2019 CU4" },
  { "Version 15.2 (Build 30595.3)", EXTOPO_PRODUCT_EXCHANGE_2019, 2, 595, 3, 5,
    "Exchange Server 2019 CU5", "2019 CU5" },
  { "Version 15.2 (Build 30659.4)", EXTOPO_PRODUCT_EXCHANGE_2019, 2, 659, 4, 6,
    "Exchange Server 2019 CU6", "2019 CU6" },
  { "Version 15.2 (Build 30721.2)", EXTOPO_PRODUCT_EXCHANGE_2019, 2, 721, 2, 7,
    "Exchange Server 2019 CU7", "2019 CU7" },
  { "Version 15.2 (Build 30792.3)", EXTOPO_PRODUCT_EXCHANGE_2019, 2, 792, 3, 8,
    "Exchange Server 2019 CU8", "2019 CU8" },
  { "Version 15.2 (Build 30858.5)", EXTOPO_PRODUCT_EXCHANGE_2019, 2, 858, 5, 9,
    "Exchange Server 2019 CU9", "2019 CU9" },
  { "Version 15.2 (Build 30922.7)", EXTOPO_PRODUCT_EXCHANGE_2019, 2, 922, 7, 10,
    "Exchange Server 2019 CU10", "2019 CU10" },
  { "Version 15.2 (Build 30986.5)", EXTOPO_PRODUCT_EXCHANGE_2019, 2, 986, 5, 11,
    "Exchange Server 2019 CU11", "2019 CU11" },
  { "Version 15.2 (Build 31118.7)", EXTOPO_PRODUCT_EXCHANGE_2019, 2, 1118, 7, 12,
    "Exchange Server 2019 CU12", "2019 CU12" },
  { "Version 15.2 (Build 31258.12)", EXTOPO_PRODUCT_EXCHANGE_2019, 2, 1258, 12, 13,
    "Exchange Server 2019 CU13", "2019 CU13" },
  { "Version 15.2 (Build 31544.4)", EXTOPO_PRODUCT_EXCHANGE_2019, 2, 1544, 4, 14,
    "Exchange Server 2019 CU14", "2019 CU14" },
  { "Version 15.2 (Build 31748.10)", EXTOPO_PRODUCT_EXCHANGE_2019, 2, 1748, 10, 15,
    "Exchange Server 2019 CU15", "2019 CU15" },
  { "Version 15.2 (Build 32562.17)", EXTOPO_PRODUCT_EXCHANGE_SE, 2, 2562, 17, 0,
    "Exchange Server SE RTM", "SE RTM" },
};

static void
test_version_cumulative_updates (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (cumulative_update_cases); i++)
    {
      const CumulativeUpdateCase *c = &cumulative_update_cases[i];
      ExtopoVersion version;
      ExtopoVersion by_number;
      g_autofree char *display = NULL;
      g_autofree char *badge = NULL;
      guint32 packed = 0x70008000u | (15u << 22) | (c->minor << 16) | c->build;

      g_test_message ("serial %s", c->serial);
      g_assert_true (extopo_version_parse_serial (c->serial, &version));
      g_assert_cmpint (version.product, ==, c->product);
      g_assert_cmpuint (version.major, ==, 15);
      g_assert_cmpuint (version.minor, ==, c->minor);
      g_assert_cmpuint (version.build, ==, c->build);
      g_assert_cmpuint (version.revision, ==, c->revision);
      g_assert_cmpint (version.cumulative_update, ==, c->cumulative_update);
      g_assert_cmpint (version.service_pack, ==, -1);
      display = extopo_version_get_display_name (&version);
      g_assert_cmpstr (display, ==, c->display);
      badge = extopo_version_get_badge (&version);
      g_assert_cmpstr (badge, ==, c->badge);

      /* versionNumber packs the same release the same way as Exchange 2007. */
      g_assert_true (extopo_version_parse_number (packed, &by_number));
      g_assert_cmpint (by_number.product, ==, c->product);
      g_assert_cmpint (by_number.cumulative_update, ==, c->cumulative_update);
      g_assert_cmpint (extopo_version_compare (&by_number, &version), <=, 0);
    }
}

/* A build the table does not hold is named by its number, never guessed. */
static void
test_version_unknown_build (void)
{
  static const struct
  {
    const char   *serial;
    ExtopoProduct product;
    const char   *display;
    const char   *badge;
    const char   *level;
  } cases[] = {
    /* Between CU23 and nothing: no known CU. */
    { "Version 15.1 (Build 32600.1)", EXTOPO_PRODUCT_EXCHANGE_2016,
      "Exchange Server 2016 build 2600", "2016 build 2600", "build 2600" },
    /* A security update's build would be the CU's; a build between two CUs is none. */
    { "Version 15.0 (Build 31500.1)", EXTOPO_PRODUCT_EXCHANGE_2013,
      "Exchange Server 2013 build 1500", "2013 build 1500", "build 1500" },
    /* The Exchange 2019 preview. */
    { "Version 15.2 (Build 30196.0)", EXTOPO_PRODUCT_EXCHANGE_2019,
      "Exchange Server 2019 build 196", "2019 build 196", "build 196" },
    /* After 2019's last CU but below SE. */
    { "Version 15.2 (Build 31800.1)", EXTOPO_PRODUCT_EXCHANGE_2019,
      "Exchange Server 2019 build 1800", "2019 build 1800", "build 1800" },
    /* Above SE RTM: SE, level unknown. */
    { "Version 15.2 (Build 32600.3)", EXTOPO_PRODUCT_EXCHANGE_SE,
      "Exchange Server SE build 2600", "SE build 2600", "build 2600" },
    /* No build at all: the bare product. */
    { "Version 15.1", EXTOPO_PRODUCT_EXCHANGE_2016, "Exchange Server 2016", "2016", NULL },
    { "Version 15.2", EXTOPO_PRODUCT_EXCHANGE_2019, "Exchange Server 2019", "2019", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ExtopoVersion version;
      g_autofree char *display = NULL;
      g_autofree char *badge = NULL;
      g_autofree char *level = NULL;

      g_test_message ("serial %s", cases[i].serial);
      g_assert_true (extopo_version_parse_serial (cases[i].serial, &version));
      g_assert_cmpint (version.product, ==, cases[i].product);
      g_assert_cmpint (version.cumulative_update, ==, -1);
      display = extopo_version_get_display_name (&version);
      g_assert_cmpstr (display, ==, cases[i].display);
      badge = extopo_version_get_badge (&version);
      g_assert_cmpstr (badge, ==, cases[i].badge);
      level = extopo_version_get_level_text (&version);
      g_assert_cmpstr (level, ==, cases[i].level);
    }
}

static void
test_version_level_text (void)
{
  static const struct
  {
    const char *serial;
    const char *level;
  } cases[] = {
    { "Version 6.5 (Build 7638.2: Service Pack 2)", "SP2" },
    { "Version 6.0 (Build 4417.5)", "RTM" },
    { "Version 8.0 (Build 30685.24)", "RTM" },
    { "Version 14.3 (Build 30123.4)", "SP3" },
    { "Version 15.0 (Build 30847.32)", "SP1 (CU4)" },
    { "Version 15.1 (Build 32507.6)", "CU23" },
    { "Version 15.2 (Build 30221.12)", "RTM" },
    { "Version 15.3 (Build 30100.1)", NULL },
    { "Version 9.0 (Build 30100.1)", NULL },
    { "Version 14.4 (Build 30100.1)", NULL },
  };
  ExtopoVersion version;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *level = NULL;

      g_test_message ("serial %s", cases[i].serial);
      g_assert_true (extopo_version_parse_serial (cases[i].serial, &version));
      level = extopo_version_get_level_text (&version);
      g_assert_cmpstr (level, ==, cases[i].level);
    }

  extopo_version_resolve (NULL, NULL, &version);
  g_assert_null (extopo_version_get_level_text (&version));
}

/* Exchange 2016 CU23's versionNumber, worked by hand: the 6-bit major holds 15. */
static void
test_version_packed_15 (void)
{
  ExtopoVersion version;
  guint32 packed = 0x70008000u | (15u << 22) | (1u << 16) | 2507u;

  g_assert_cmpuint (packed, ==, 1942063563u);
  g_assert_true (extopo_version_parse_number (packed, &version));
  g_assert_cmpuint (version.major, ==, 15);
  g_assert_cmpuint (version.minor, ==, 1);
  g_assert_cmpuint (version.build, ==, 2507);
  g_assert_cmpint (version.cumulative_update, ==, 23);

  /* As AD writes it, a signed 32-bit integer, in text. */
  extopo_version_resolve (NULL, "1942063563", &version);
  g_assert_cmpint (version.product, ==, EXTOPO_PRODUCT_EXCHANGE_2016);
  g_assert_cmpint (version.cumulative_update, ==, 23);
}

static void
test_version_resolve_later (void)
{
  ExtopoVersion version;
  g_autofree char *display = NULL;

  /* versionNumber gives the build a serial without one lacks, and with it the CU. */
  extopo_version_resolve ("Version 15.1", "1942063563", &version);
  g_assert_cmpint (version.product, ==, EXTOPO_PRODUCT_EXCHANGE_2016);
  g_assert_cmpuint (version.build, ==, 2507);
  g_assert_cmpint (version.cumulative_update, ==, 23);

  /* ... and tells SE from 2019. */
  extopo_version_resolve ("Version 15.2", "1942129154", &version);
  g_assert_cmpint (version.product, ==, EXTOPO_PRODUCT_EXCHANGE_SE);
  g_assert_cmpint (version.cumulative_update, ==, 0);
  display = extopo_version_get_display_name (&version);
  g_assert_cmpstr (display, ==, "Exchange Server SE RTM");

  /* A versionNumber of another release does not fill anything. */
  extopo_version_resolve ("Version 15.1", "1912701168", &version);
  g_assert_cmpint (version.product, ==, EXTOPO_PRODUCT_EXCHANGE_2016);
  g_assert_cmpuint (version.build, ==, 0);
  g_assert_cmpint (version.cumulative_update, ==, -1);

  /* Exchange 2010's service pack from versionNumber alone. */
  extopo_version_resolve (NULL, "1937997947", &version);
  g_assert_cmpint (version.product, ==, EXTOPO_PRODUCT_EXCHANGE_2010);
  g_assert_cmpint (version.service_pack, ==, 3);
}

static void
test_version_product_names (void)
{
  static const struct
  {
    ExtopoProduct    product;
    const char      *name;
    ExtopoManagement management;
    gboolean         is_2007_or_later;
    gboolean         has_cumulative_updates;
  } cases[] = {
    { EXTOPO_PRODUCT_UNKNOWN, "Unknown Exchange version", EXTOPO_MANAGEMENT_UNKNOWN,
      FALSE, FALSE },
    { EXTOPO_PRODUCT_EXCHANGE_55, "Exchange Server 5.5",
      EXTOPO_MANAGEMENT_EXCHANGE_ADMINISTRATOR, FALSE, FALSE },
    { EXTOPO_PRODUCT_EXCHANGE_2000, "Exchange 2000 Server", EXTOPO_MANAGEMENT_SYSTEM_MANAGER,
      FALSE, FALSE },
    { EXTOPO_PRODUCT_EXCHANGE_2003, "Exchange Server 2003", EXTOPO_MANAGEMENT_SYSTEM_MANAGER,
      FALSE, FALSE },
    { EXTOPO_PRODUCT_EXCHANGE_2007, "Exchange Server 2007",
      EXTOPO_MANAGEMENT_MANAGEMENT_CONSOLE, TRUE, FALSE },
    { EXTOPO_PRODUCT_EXCHANGE_2010, "Exchange Server 2010",
      EXTOPO_MANAGEMENT_MANAGEMENT_CONSOLE, TRUE, FALSE },
    { EXTOPO_PRODUCT_EXCHANGE_2013, "Exchange Server 2013", EXTOPO_MANAGEMENT_ADMIN_CENTER,
      TRUE, TRUE },
    { EXTOPO_PRODUCT_EXCHANGE_2016, "Exchange Server 2016", EXTOPO_MANAGEMENT_ADMIN_CENTER,
      TRUE, TRUE },
    { EXTOPO_PRODUCT_EXCHANGE_2019, "Exchange Server 2019", EXTOPO_MANAGEMENT_ADMIN_CENTER,
      TRUE, TRUE },
    { EXTOPO_PRODUCT_EXCHANGE_SE, "Exchange Server SE", EXTOPO_MANAGEMENT_ADMIN_CENTER,
      TRUE, TRUE },
    { EXTOPO_PRODUCT_LATER, "Exchange Server, a release after SE", EXTOPO_MANAGEMENT_UNKNOWN,
      TRUE, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("product %d", cases[i].product);
      g_assert_cmpstr (extopo_product_get_name (cases[i].product), ==, cases[i].name);
      if (cases[i].product == EXTOPO_PRODUCT_UNKNOWN)
        g_assert_null (extopo_product_get_untranslated_name (cases[i].product));
      else
        g_assert_cmpstr (extopo_product_get_untranslated_name (cases[i].product), ==,
                         cases[i].name);
      g_assert_cmpint (extopo_product_get_management (cases[i].product), ==,
                       cases[i].management);
      g_assert_cmpint (extopo_product_is_2007_or_later (cases[i].product), ==,
                       cases[i].is_2007_or_later);
      g_assert_cmpint (extopo_product_has_cumulative_updates (cases[i].product), ==,
                       cases[i].has_cumulative_updates);
    }

  g_assert_cmpint (extopo_product_from_major_minor (14, 3), ==, EXTOPO_PRODUCT_EXCHANGE_2010);
  g_assert_cmpint (extopo_product_from_major_minor (15, 0), ==, EXTOPO_PRODUCT_EXCHANGE_2013);
  g_assert_cmpint (extopo_product_from_major_minor (15, 1), ==, EXTOPO_PRODUCT_EXCHANGE_2016);
  g_assert_cmpint (extopo_product_from_major_minor (15, 2), ==, EXTOPO_PRODUCT_EXCHANGE_2019);
  g_assert_cmpint (extopo_product_from_major_minor (15, 3), ==, EXTOPO_PRODUCT_LATER);
  g_assert_cmpint (extopo_product_from_major_minor (16, 0), ==, EXTOPO_PRODUCT_LATER);
  g_assert_cmpint (extopo_product_from_major_minor (9, 0), ==, EXTOPO_PRODUCT_UNKNOWN);
  g_assert_cmpint (extopo_product_from_major_minor (13, 0), ==, EXTOPO_PRODUCT_UNKNOWN);

  g_assert_cmpstr (extopo_management_get_name (EXTOPO_MANAGEMENT_ADMIN_CENTER), ==,
                   "Exchange Admin Center / Exchange Management Shell");
  g_assert_cmpstr (extopo_management_get_name (EXTOPO_MANAGEMENT_UNKNOWN), ==, "Unknown");
  g_assert_cmpstr (extopo_management_get_untranslated_name (EXTOPO_MANAGEMENT_ADMIN_CENTER),
                   ==, "Exchange Admin Center / Exchange Management Shell");
  g_assert_cmpstr (extopo_management_get_untranslated_name (EXTOPO_MANAGEMENT_SYSTEM_MANAGER),
                   ==, "Exchange System Manager");
  g_assert_null (extopo_management_get_untranslated_name (EXTOPO_MANAGEMENT_UNKNOWN));
}

static void
assert_strv (char       **strv,
             const char  *joined)
{
  g_autofree char *text = g_strjoinv ("|", strv);

  g_assert_cmpstr (text, ==, joined);
}

static void
test_version_role_bits (void)
{
  static const struct
  {
    ExtopoRoles role;
    guint       value;
    const char *name;
    const char *badge;
  } cases[] = {
    { EXTOPO_ROLE_CAFE,                1,     "Client Access",       "CA" },
    { EXTOPO_ROLE_MAILBOX,             2,     "Mailbox",             "MB" },
    { EXTOPO_ROLE_CLIENT_ACCESS,       4,     "Client Access",       "CA" },
    { EXTOPO_ROLE_UNIFIED_MESSAGING,   16,    "Unified Messaging",   "UM" },
    { EXTOPO_ROLE_HUB_TRANSPORT,       32,    "Hub Transport",       "HT" },
    { EXTOPO_ROLE_EDGE_TRANSPORT,      64,    "Edge Transport",      "ET" },
    { EXTOPO_ROLE_FRONT_END_TRANSPORT, 16384, "Front End Transport", "FE" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) names = extopo_roles_to_strv (cases[i].value);

      g_test_message ("role bit %u", cases[i].value);
      g_assert_cmpuint (cases[i].role, ==, cases[i].value);
      g_assert_cmpstr (extopo_role_get_name (cases[i].role), ==, cases[i].name);
      g_assert_cmpstr (extopo_role_get_display_name (cases[i].role), ==, cases[i].name);
      g_assert_cmpstr (extopo_role_get_badge (cases[i].role), ==, cases[i].badge);
      g_assert_cmpuint (g_strv_length (names), ==, 1);
      g_assert_cmpstr (names[0], ==, cases[i].name);
      g_assert_true ((EXTOPO_ROLE_KNOWN & cases[i].value) != 0);
      g_assert_false (extopo_roles_is_provisioned (cases[i].value));
    }

  /* Provisioned is a flag: no name, no badge, never listed. */
  g_assert_cmpuint (EXTOPO_ROLE_PROVISIONED, ==, 4096);
  g_assert_null (extopo_role_get_name (EXTOPO_ROLE_PROVISIONED));
  g_assert_null (extopo_role_get_badge (EXTOPO_ROLE_PROVISIONED));
  g_assert_true (extopo_roles_is_provisioned (4096));
  g_assert_true (extopo_roles_is_provisioned (4096 | 2));
  g_assert_false (extopo_roles_is_provisioned (0));
  g_assert_false (extopo_roles_is_provisioned (16439));
  {
    g_auto(GStrv) names = extopo_roles_to_strv (4096);
    g_autofree char *text = extopo_roles_to_display_text (4096, EXTOPO_PRODUCT_UNKNOWN);

    g_assert_cmpuint (g_strv_length (names), ==, 0);
    g_assert_cmpstr (text, ==, "");
  }
  g_assert_true ((EXTOPO_ROLE_KNOWN & EXTOPO_ROLE_PROVISIONED) != 0);
  g_assert_true ((EXTOPO_ROLE_ALL & EXTOPO_ROLE_PROVISIONED) == 0);
}

static void
test_version_roles_by_product (void)
{
  static const struct
  {
    guint         roles;
    ExtopoProduct product;
    const char   *names;
    const char   *badges;
    const char   *text;
  } cases[] = {
    /* Exchange 2007/2010: Mailbox + Client Access + UM + Hub. */
    { 54, EXTOPO_PRODUCT_EXCHANGE_2007,
      "Mailbox|Client Access|Unified Messaging|Hub Transport", "MB|CA|UM|HT",
      "Mailbox, Client Access, Unified Messaging, Hub Transport" },
    { 54, EXTOPO_PRODUCT_EXCHANGE_2010,
      "Mailbox|Client Access|Unified Messaging|Hub Transport", "MB|CA|UM|HT",
      "Mailbox, Client Access, Unified Messaging, Hub Transport" },
    /* Bit 1 and Front End Transport do not exist before 2013. */
    { 1 | 16384 | 2, EXTOPO_PRODUCT_EXCHANGE_2010, "Mailbox", "MB", "Mailbox" },
    /* 2013 multi-role (16439): Client Access once, though bits 1 and 4 both say it. */
    { 16439, EXTOPO_PRODUCT_EXCHANGE_2013,
      "Mailbox|Client Access|Unified Messaging|Hub Transport|Front End Transport",
      "MB|CA|UM|HT|FE",
      "Mailbox, Client Access, Unified Messaging, Hub Transport, Front End Transport" },
    { 1 | 16384, EXTOPO_PRODUCT_EXCHANGE_2013, "Client Access|Front End Transport", "CA|FE",
      "Client Access, Front End Transport" },
    { 16439, EXTOPO_PRODUCT_EXCHANGE_2016,
      "Mailbox|Client Access|Unified Messaging|Hub Transport|Front End Transport",
      "MB|CA|UM|HT|FE",
      "Mailbox, Client Access, Unified Messaging, Hub Transport, Front End Transport" },
    /* Exchange 2019 and SE have no Unified Messaging. */
    { 16439, EXTOPO_PRODUCT_EXCHANGE_2019,
      "Mailbox|Client Access|Hub Transport|Front End Transport", "MB|CA|HT|FE",
      "Mailbox, Client Access, Hub Transport, Front End Transport" },
    { 16439, EXTOPO_PRODUCT_EXCHANGE_SE,
      "Mailbox|Client Access|Hub Transport|Front End Transport", "MB|CA|HT|FE",
      "Mailbox, Client Access, Hub Transport, Front End Transport" },
    { 64, EXTOPO_PRODUCT_EXCHANGE_2019, "Edge Transport", "ET", "Edge Transport" },
    /* No roles before 2007. */
    { 54, EXTOPO_PRODUCT_EXCHANGE_2003, "", "", "" },
    /* An unknown product keeps every role, still each once. */
    { 16439 | 64 | 4096, EXTOPO_PRODUCT_UNKNOWN,
      "Mailbox|Client Access|Unified Messaging|Hub Transport|Edge Transport|Front End Transport",
      "MB|CA|UM|HT|ET|FE",
      "Mailbox, Client Access, Unified Messaging, Hub Transport, Edge Transport, "
      "Front End Transport" },
    /* Unknown bits are ignored. */
    { 8 | 128 | 2, EXTOPO_PRODUCT_EXCHANGE_2016, "Mailbox", "MB", "Mailbox" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(GStrv) names = extopo_roles_to_strv_for_product (cases[i].roles, cases[i].product);
      g_auto(GStrv) badges = extopo_roles_to_badges (cases[i].roles, cases[i].product);
      g_autofree char *text = extopo_roles_to_display_text (cases[i].roles, cases[i].product);

      g_test_message ("roles %u, product %d", cases[i].roles, cases[i].product);
      assert_strv (names, cases[i].names);
      assert_strv (badges, cases[i].badges);
      g_assert_cmpstr (text, ==, cases[i].text);
    }

  {
    g_auto(GStrv) any = extopo_roles_to_strv (1 | 4);

    assert_strv (any, "Client Access");
  }
}

static void
test_version_mismatch (void)
{
  static const struct
  {
    const char *serial;
    const char *number;
    gboolean    disagree;
  } cases[] = {
    /* Agreeing pairs. */
    { "Version 6.5 (Build 7638.2: Service Pack 2)", "7638", FALSE },
    { "Version 6.0 (Build 6249.4: Service Pack 3)", "6249", FALSE },
    { "Version 8.1 (Build 30240.6)", "1912701168", FALSE },
    { "Version 14.3 (Build 30123.4)", "1937997947", FALSE },
    { "Version 15.1 (Build 32507.6)", "1942063563", FALSE },
    /* A serial without a build agrees with any build of its release. */
    { "Version 6.5", "7226", FALSE },
    { "Version 15.1", "1942063563", FALSE },
    /* Another build of the same release. */
    { "Version 6.5 (Build 7638.2: Service Pack 2)", "7226", TRUE },
    { "Version 15.1 (Build 32507.6)", "1942063436", TRUE },
    { "Version 14.3 (Build 30123.4)", "1937997946", TRUE },
    /* Another minor. */
    { "Version 6.0 (Build 6249.4)", "7638", TRUE },
    { "Version 15.2 (Build 31748.10)", "1942063563", TRUE },
    { "Version 14.2 (Build 30123.4)", "1937997947", TRUE },
    /* Another major. */
    { "Version 8.3 (Build 30083.6)", "1937997947", TRUE },
    { "Version 15.0 (Build 31497.2)", "7638", TRUE },
    /* Nothing to compare: absent or unparseable. */
    { NULL, "7638", FALSE },
    { "Version 6.5 (Build 7638.2)", NULL, FALSE },
    { "garbage", "7226", FALSE },
    { "Version 6.5 (Build 7638.2)", "not a number", FALSE },
    { "Version 6.5 (Build 7638.2)", "12345", FALSE },
    { NULL, NULL, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("serial “%s”, versionNumber “%s”",
                      cases[i].serial != NULL ? cases[i].serial : "(null)",
                      cases[i].number != NULL ? cases[i].number : "(null)");
      g_assert_cmpint (extopo_version_attributes_disagree (cases[i].serial, cases[i].number,
                                                           NULL, NULL), ==,
                       cases[i].disagree);
    }

  /* Both readings come back for the finding's text. */
  {
    ExtopoVersion from_serial;
    ExtopoVersion from_number;

    g_assert_true (extopo_version_attributes_disagree ("Version 15.1 (Build 32507.6)",
                                                       "1937997947",
                                                       &from_serial, &from_number));
    g_assert_cmpint (from_serial.product, ==, EXTOPO_PRODUCT_EXCHANGE_2016);
    g_assert_cmpint (from_serial.cumulative_update, ==, 23);
    g_assert_cmpint (from_number.product, ==, EXTOPO_PRODUCT_EXCHANGE_2010);
    g_assert_cmpint (from_number.service_pack, ==, 3);

    g_assert_false (extopo_version_attributes_disagree (NULL, "7638",
                                                        &from_serial, &from_number));
    g_assert_false (from_serial.known);
    g_assert_true (from_number.known);
  }
}

/* Builds a version the way the directory states it, so the test goes
 * through the parser. */
static void
version_from_serial (const char    *serial,
                     ExtopoVersion *version)
{
  g_assert_true (extopo_version_parse_serial (serial, version));
}

static void
test_version_coexistence (void)
{
  static const struct
  {
    const char          *newer;
    const char          *older;
    ExtopoCoexistVerdict verdict;
    int                  minimum;
    gboolean             rollup_unseen;
    const char          *level_text;
  } cases[] = {
    /* Exchange 2007. */
    { "Version 8.3 (Build 30083.6)", "Version 5.5 (Build 2653.23: Service Pack 4)",
      EXTOPO_COEXIST_NO, -1, FALSE, NULL },
    { "Version 8.3 (Build 30083.6)", "Version 6.0 (Build 6249.4: Service Pack 3)",
      EXTOPO_COEXIST_YES, 3, TRUE, "Exchange 2000 Server SP3 with the post-SP3 update rollup" },
    { "Version 8.3 (Build 30083.6)", "Version 6.0 (Build 5762.4: Service Pack 2)",
      EXTOPO_COEXIST_BELOW_MINIMUM, 3, TRUE,
      "Exchange 2000 Server SP3 with the post-SP3 update rollup" },
    { "Version 8.3 (Build 30083.6)", "Version 6.5 (Build 7638.2: Service Pack 2)",
      EXTOPO_COEXIST_YES, 2, FALSE, "Exchange Server 2003 SP2" },
    { "Version 8.3 (Build 30083.6)", "Version 6.5 (Build 7226.6: Service Pack 1)",
      EXTOPO_COEXIST_BELOW_MINIMUM, 2, FALSE, "Exchange Server 2003 SP2" },
    /* Exchange 2010: not with 2000 (nor 5.5); 2003 SP2, 2007 SP2. */
    { "Version 14.3 (Build 30123.4)", "Version 5.5 (Build 2653.23: Service Pack 4)",
      EXTOPO_COEXIST_NO, -1, FALSE, NULL },
    { "Version 14.3 (Build 30123.4)", "Version 6.0 (Build 6249.4: Service Pack 3)",
      EXTOPO_COEXIST_NO, -1, FALSE, NULL },
    { "Version 14.0 (Build 30639.21)", "Version 6.5 (Build 7638.2: Service Pack 2)",
      EXTOPO_COEXIST_YES, 2, FALSE, "Exchange Server 2003 SP2" },
    { "Version 14.0 (Build 30639.21)", "Version 6.5 (Build 7226.6: Service Pack 1)",
      EXTOPO_COEXIST_BELOW_MINIMUM, 2, FALSE, "Exchange Server 2003 SP2" },
    { "Version 14.3 (Build 30123.4)", "Version 8.2 (Build 30176.2)",
      EXTOPO_COEXIST_YES, 2, FALSE, "Exchange Server 2007 SP2" },
    { "Version 14.3 (Build 30123.4)", "Version 8.3 (Build 30083.6)",
      EXTOPO_COEXIST_YES, 2, FALSE, "Exchange Server 2007 SP2" },
    { "Version 14.3 (Build 30123.4)", "Version 8.1 (Build 30240.6)",
      EXTOPO_COEXIST_BELOW_MINIMUM, 2, FALSE, "Exchange Server 2007 SP2" },
    /* Exchange 2013: not with 2003 (nor older); 2007 SP3 + a rollup, 2010 SP3. */
    { "Version 15.0 (Build 31497.2)", "Version 5.5 (Build 2653.23: Service Pack 4)",
      EXTOPO_COEXIST_NO, -1, FALSE, NULL },
    { "Version 15.0 (Build 31497.2)", "Version 6.0 (Build 6249.4: Service Pack 3)",
      EXTOPO_COEXIST_NO, -1, FALSE, NULL },
    { "Version 15.0 (Build 31497.2)", "Version 6.5 (Build 7638.2: Service Pack 2)",
      EXTOPO_COEXIST_NO, -1, FALSE, NULL },
    { "Version 15.0 (Build 30516.32)", "Version 8.3 (Build 30083.6)",
      EXTOPO_COEXIST_YES, 3, TRUE, "Exchange Server 2007 SP3 with an update rollup" },
    { "Version 15.0 (Build 30516.32)", "Version 8.2 (Build 30176.2)",
      EXTOPO_COEXIST_BELOW_MINIMUM, 3, TRUE, "Exchange Server 2007 SP3 with an update rollup" },
    { "Version 15.0 (Build 30516.32)", "Version 14.3 (Build 30123.4)",
      EXTOPO_COEXIST_YES, 3, FALSE, "Exchange Server 2010 SP3" },
    { "Version 15.0 (Build 30516.32)", "Version 14.2 (Build 30247.5)",
      EXTOPO_COEXIST_BELOW_MINIMUM, 3, FALSE, "Exchange Server 2010 SP3" },
    /* Exchange 2016: not with 2007 (nor older); 2010 SP3 + a rollup, 2013 CU10. */
    { "Version 15.1 (Build 32507.6)", "Version 5.5 (Build 2653.23: Service Pack 4)",
      EXTOPO_COEXIST_NO, -1, FALSE, NULL },
    { "Version 15.1 (Build 32507.6)", "Version 6.0 (Build 6249.4: Service Pack 3)",
      EXTOPO_COEXIST_NO, -1, FALSE, NULL },
    { "Version 15.1 (Build 32507.6)", "Version 6.5 (Build 7638.2: Service Pack 2)",
      EXTOPO_COEXIST_NO, -1, FALSE, NULL },
    { "Version 15.1 (Build 32507.6)", "Version 8.3 (Build 30083.6)",
      EXTOPO_COEXIST_NO, -1, FALSE, NULL },
    { "Version 15.1 (Build 30225.42)", "Version 14.3 (Build 30123.4)",
      EXTOPO_COEXIST_YES, 3, TRUE, "Exchange Server 2010 SP3 with an update rollup" },
    { "Version 15.1 (Build 30225.42)", "Version 14.2 (Build 30247.5)",
      EXTOPO_COEXIST_BELOW_MINIMUM, 3, TRUE, "Exchange Server 2010 SP3 with an update rollup" },
    { "Version 15.1 (Build 30225.42)", "Version 15.0 (Build 31130.7)",
      EXTOPO_COEXIST_YES, 10, FALSE, "Exchange Server 2013 CU10" },
    { "Version 15.1 (Build 30225.42)", "Version 15.0 (Build 31497.2)",
      EXTOPO_COEXIST_YES, 10, FALSE, "Exchange Server 2013 CU10" },
    { "Version 15.1 (Build 30225.42)", "Version 15.0 (Build 31104.5)",
      EXTOPO_COEXIST_BELOW_MINIMUM, 10, FALSE, "Exchange Server 2013 CU10" },
    { "Version 15.1 (Build 30225.42)", "Version 15.0 (Build 31500.1)",
      EXTOPO_COEXIST_LEVEL_UNKNOWN, 10, FALSE, "Exchange Server 2013 CU10" },
    /* Exchange 2019: not with 2010 (nor older); 2013 CU21, 2016 CU11. */
    { "Version 15.2 (Build 30221.12)", "Version 5.5 (Build 2653.23: Service Pack 4)",
      EXTOPO_COEXIST_NO, -1, FALSE, NULL },
    { "Version 15.2 (Build 30221.12)", "Version 6.0 (Build 6249.4: Service Pack 3)",
      EXTOPO_COEXIST_NO, -1, FALSE, NULL },
    { "Version 15.2 (Build 30221.12)", "Version 6.5 (Build 7638.2: Service Pack 2)",
      EXTOPO_COEXIST_NO, -1, FALSE, NULL },
    { "Version 15.2 (Build 30221.12)", "Version 8.3 (Build 30083.6)",
      EXTOPO_COEXIST_NO, -1, FALSE, NULL },
    { "Version 15.2 (Build 30221.12)", "Version 14.3 (Build 30123.4)",
      EXTOPO_COEXIST_NO, -1, FALSE, NULL },
    { "Version 15.2 (Build 31748.10)", "Version 15.0 (Build 31395.4)",
      EXTOPO_COEXIST_YES, 21, FALSE, "Exchange Server 2013 CU21" },
    { "Version 15.2 (Build 31748.10)", "Version 15.0 (Build 31367.3)",
      EXTOPO_COEXIST_BELOW_MINIMUM, 21, FALSE, "Exchange Server 2013 CU21" },
    { "Version 15.2 (Build 31748.10)", "Version 15.1 (Build 31591.10)",
      EXTOPO_COEXIST_YES, 11, FALSE, "Exchange Server 2016 CU11" },
    { "Version 15.2 (Build 31748.10)", "Version 15.1 (Build 31531.3)",
      EXTOPO_COEXIST_BELOW_MINIMUM, 11, FALSE, "Exchange Server 2016 CU11" },
    { "Version 15.2 (Build 31748.10)", "Version 15.1",
      EXTOPO_COEXIST_LEVEL_UNKNOWN, 11, FALSE, "Exchange Server 2016 CU11" },
    /* One product with itself. */
    { "Version 15.1 (Build 32507.6)", "Version 15.1 (Build 30225.42)",
      EXTOPO_COEXIST_YES, -1, FALSE, NULL },
    { "Version 6.5 (Build 7638.2)", "Version 5.5 (Build 2653.23: Service Pack 4)",
      EXTOPO_COEXIST_NO_RULE, -1, FALSE, NULL },
    /* No rule for releases after 2019, nor for unnamed ones. */
    { "Version 15.2 (Build 32562.17)", "Version 15.1 (Build 32507.6)",
      EXTOPO_COEXIST_NO_RULE, -1, FALSE, NULL },
    { "Version 16.0 (Build 30100.1)", "Version 15.2 (Build 31748.10)",
      EXTOPO_COEXIST_NO_RULE, -1, FALSE, NULL },
    { "Version 16.0 (Build 30100.1)", "Version 16.0 (Build 30100.1)",
      EXTOPO_COEXIST_NO_RULE, -1, FALSE, NULL },
    { "Version 9.0 (Build 30100.1)", "Version 15.1 (Build 32507.6)",
      EXTOPO_COEXIST_NO_RULE, -1, FALSE, NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ExtopoVersion newer;
      ExtopoVersion older;

      version_from_serial (cases[i].newer, &newer);
      version_from_serial (cases[i].older, &older);

      /* Both ways round give the same answer. */
      for (guint way = 0; way < 2; way++)
        {
          ExtopoCoexistence result;

          g_test_message ("“%s” with “%s”, %s", cases[i].newer, cases[i].older,
                          way == 0 ? "newer first" : "older first");
          if (way == 0)
            extopo_version_check_coexistence (&newer, &older, &result);
          else
            extopo_version_check_coexistence (&older, &newer, &result);

          g_assert_cmpint (result.verdict, ==, cases[i].verdict);
          g_assert_cmpint (result.newer, ==, MAX (newer.product, older.product));
          g_assert_cmpint (result.older, ==, MIN (newer.product, older.product));
          g_assert_cmpint (result.minimum, ==, cases[i].minimum);
          g_assert_cmpint (result.rollup_unseen, ==, cases[i].rollup_unseen);
          g_assert_cmpstr (result.level_text, ==, cases[i].level_text);
        }
    }

  /* An unknown version has no rule. */
  {
    ExtopoVersion known;
    ExtopoVersion unknown;
    ExtopoCoexistence result;

    version_from_serial ("Version 15.2 (Build 31748.10)", &known);
    extopo_version_resolve (NULL, NULL, &unknown);
    extopo_version_check_coexistence (&known, &unknown, &result);
    g_assert_cmpint (result.verdict, ==, EXTOPO_COEXIST_NO_RULE);
    g_assert_null (result.level_text);
  }
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
  g_test_add_func ("/version/cumulative-updates", test_version_cumulative_updates);
  g_test_add_func ("/version/unknown-build", test_version_unknown_build);
  g_test_add_func ("/version/level-text", test_version_level_text);
  g_test_add_func ("/version/packed-15", test_version_packed_15);
  g_test_add_func ("/version/resolve-later", test_version_resolve_later);
  g_test_add_func ("/version/product-names", test_version_product_names);
  g_test_add_func ("/version/role-bits", test_version_role_bits);
  g_test_add_func ("/version/roles-by-product", test_version_roles_by_product);
  g_test_add_func ("/version/mismatch", test_version_mismatch);
  g_test_add_func ("/version/coexistence", test_version_coexistence);

  return g_test_run ();
}
