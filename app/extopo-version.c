/* extopo-version.c: Exchange versions from serialNumber and versionNumber.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-version"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "extopo-version.h"

/* Exchange 2007 and later write the build number plus this in serialNumber. */
#define EXTOPO_SERIAL_BUILD_OFFSET 30000

/* The packed versionNumber of Exchange 2007 and later:
 * 0x70008000 | major<<22 | minor<<16 | build (major 15 fits its 6 bits). */
#define EXTOPO_PACKED_MARK      0x70008000u
#define EXTOPO_PACKED_MARK_MASK 0xF0008000u

/* Exchange Server SE keeps version 15.2; its builds start above the last
 * Exchange 2019 cumulative update (CU15, 1748), at the SE RTM build. */
#define EXTOPO_SE_FIRST_BUILD 2562

typedef struct
{
  ExtopoProduct product;
  guint         build;
  int           level;          /* service pack, or cumulative update from 2013 on */
} ExtopoBuildInfo;

/* Release builds, ascending within each product. Exchange 5.5 builds other
 * than SP4's come from Microsoft's build list, not from the reference.
 *
 * The Exchange 2013, 2016, 2019 and SE rows are the RTM and cumulative update
 * builds of Microsoft's "Exchange Server build numbers and release dates"
 * (learn.microsoft.com/exchange/new-features/build-numbers-and-release-dates),
 * checked against Microsoft's machine-readable copy of that table,
 * ExchangeBuildNumbers.csv in github.com/microsoft/Get-ExchangeBuildNumber
 * (its 2026 revision). Setup of a cumulative update writes the update's build
 * into serialNumber; security updates and hotfixes do not, so only these
 * builds are expected there and the lookup is exact. Exchange 2013 CU4 is the
 * release Microsoft named Exchange Server 2013 SP1; the 2016 preview shares
 * build 225 with 2016 RTM. */
static const ExtopoBuildInfo build_table[] = {
  { EXTOPO_PRODUCT_EXCHANGE_55,   1960, 0 },
  { EXTOPO_PRODUCT_EXCHANGE_55,   2232, 1 },
  { EXTOPO_PRODUCT_EXCHANGE_55,   2448, 2 },
  { EXTOPO_PRODUCT_EXCHANGE_55,   2650, 3 },
  { EXTOPO_PRODUCT_EXCHANGE_55,   2653, 4 },
  { EXTOPO_PRODUCT_EXCHANGE_2000, 4417, 0 },
  { EXTOPO_PRODUCT_EXCHANGE_2000, 4712, 1 },
  { EXTOPO_PRODUCT_EXCHANGE_2000, 5762, 2 },
  { EXTOPO_PRODUCT_EXCHANGE_2000, 6249, 3 },
  { EXTOPO_PRODUCT_EXCHANGE_2003, 6944, 0 },
  { EXTOPO_PRODUCT_EXCHANGE_2003, 7226, 1 },
  { EXTOPO_PRODUCT_EXCHANGE_2003, 7638, 2 },
  { EXTOPO_PRODUCT_EXCHANGE_2013,  516, 0 },
  { EXTOPO_PRODUCT_EXCHANGE_2013,  620, 1 },
  { EXTOPO_PRODUCT_EXCHANGE_2013,  712, 2 },
  { EXTOPO_PRODUCT_EXCHANGE_2013,  775, 3 },
  { EXTOPO_PRODUCT_EXCHANGE_2013,  847, 4 },
  { EXTOPO_PRODUCT_EXCHANGE_2013,  913, 5 },
  { EXTOPO_PRODUCT_EXCHANGE_2013,  995, 6 },
  { EXTOPO_PRODUCT_EXCHANGE_2013, 1044, 7 },
  { EXTOPO_PRODUCT_EXCHANGE_2013, 1076, 8 },
  { EXTOPO_PRODUCT_EXCHANGE_2013, 1104, 9 },
  { EXTOPO_PRODUCT_EXCHANGE_2013, 1130, 10 },
  { EXTOPO_PRODUCT_EXCHANGE_2013, 1156, 11 },
  { EXTOPO_PRODUCT_EXCHANGE_2013, 1178, 12 },
  { EXTOPO_PRODUCT_EXCHANGE_2013, 1210, 13 },
  { EXTOPO_PRODUCT_EXCHANGE_2013, 1236, 14 },
  { EXTOPO_PRODUCT_EXCHANGE_2013, 1263, 15 },
  { EXTOPO_PRODUCT_EXCHANGE_2013, 1293, 16 },
  { EXTOPO_PRODUCT_EXCHANGE_2013, 1320, 17 },
  { EXTOPO_PRODUCT_EXCHANGE_2013, 1347, 18 },
  { EXTOPO_PRODUCT_EXCHANGE_2013, 1365, 19 },
  { EXTOPO_PRODUCT_EXCHANGE_2013, 1367, 20 },
  { EXTOPO_PRODUCT_EXCHANGE_2013, 1395, 21 },
  { EXTOPO_PRODUCT_EXCHANGE_2013, 1473, 22 },
  { EXTOPO_PRODUCT_EXCHANGE_2013, 1497, 23 },
  { EXTOPO_PRODUCT_EXCHANGE_2016,  225, 0 },
  { EXTOPO_PRODUCT_EXCHANGE_2016,  396, 1 },
  { EXTOPO_PRODUCT_EXCHANGE_2016,  466, 2 },
  { EXTOPO_PRODUCT_EXCHANGE_2016,  544, 3 },
  { EXTOPO_PRODUCT_EXCHANGE_2016,  669, 4 },
  { EXTOPO_PRODUCT_EXCHANGE_2016,  845, 5 },
  { EXTOPO_PRODUCT_EXCHANGE_2016, 1034, 6 },
  { EXTOPO_PRODUCT_EXCHANGE_2016, 1261, 7 },
  { EXTOPO_PRODUCT_EXCHANGE_2016, 1415, 8 },
  { EXTOPO_PRODUCT_EXCHANGE_2016, 1466, 9 },
  { EXTOPO_PRODUCT_EXCHANGE_2016, 1531, 10 },
  { EXTOPO_PRODUCT_EXCHANGE_2016, 1591, 11 },
  { EXTOPO_PRODUCT_EXCHANGE_2016, 1713, 12 },
  { EXTOPO_PRODUCT_EXCHANGE_2016, 1779, 13 },
  { EXTOPO_PRODUCT_EXCHANGE_2016, 1847, 14 },
  { EXTOPO_PRODUCT_EXCHANGE_2016, 1913, 15 },
  { EXTOPO_PRODUCT_EXCHANGE_2016, 1979, 16 },
  { EXTOPO_PRODUCT_EXCHANGE_2016, 2044, 17 },
  { EXTOPO_PRODUCT_EXCHANGE_2016, 2106, 18 },
  { EXTOPO_PRODUCT_EXCHANGE_2016, 2176, 19 },
  { EXTOPO_PRODUCT_EXCHANGE_2016, 2242, 20 },
  { EXTOPO_PRODUCT_EXCHANGE_2016, 2308, 21 },
  { EXTOPO_PRODUCT_EXCHANGE_2016, 2375, 22 },
  { EXTOPO_PRODUCT_EXCHANGE_2016, 2507, 23 },
  { EXTOPO_PRODUCT_EXCHANGE_2019,  221, 0 },
  { EXTOPO_PRODUCT_EXCHANGE_2019,  330, 1 },
  { EXTOPO_PRODUCT_EXCHANGE_2019,  397, 2 },
  { EXTOPO_PRODUCT_EXCHANGE_2019,  464, 3 },
  { EXTOPO_PRODUCT_EXCHANGE_2019,  529, 4 },
  { EXTOPO_PRODUCT_EXCHANGE_2019,  595, 5 },
  { EXTOPO_PRODUCT_EXCHANGE_2019,  659, 6 },
  { EXTOPO_PRODUCT_EXCHANGE_2019,  721, 7 },
  { EXTOPO_PRODUCT_EXCHANGE_2019,  792, 8 },
  { EXTOPO_PRODUCT_EXCHANGE_2019,  858, 9 },
  { EXTOPO_PRODUCT_EXCHANGE_2019,  922, 10 },
  { EXTOPO_PRODUCT_EXCHANGE_2019,  986, 11 },
  { EXTOPO_PRODUCT_EXCHANGE_2019, 1118, 12 },
  { EXTOPO_PRODUCT_EXCHANGE_2019, 1258, 13 },
  { EXTOPO_PRODUCT_EXCHANGE_2019, 1544, 14 },
  { EXTOPO_PRODUCT_EXCHANGE_2019, 1748, 15 },
  { EXTOPO_PRODUCT_EXCHANGE_SE,   EXTOPO_SE_FIRST_BUILD, 0 },
};

static void
extopo_version_init_unknown (ExtopoVersion *version)
{
  memset (version, 0, sizeof *version);
  version->product = EXTOPO_PRODUCT_UNKNOWN;
  version->service_pack = -1;
  version->cumulative_update = -1;
  version->known = FALSE;
}

/* The service pack a build of @product carries: the last release at or
 * below it (post-SP rollups keep the SP's level); -1 below RTM. */
static int
service_pack_from_build (ExtopoProduct product,
                         guint         build)
{
  int service_pack = -1;

  for (gsize i = 0; i < G_N_ELEMENTS (build_table); i++)
    if (build_table[i].product == product && build_table[i].build <= build)
      service_pack = build_table[i].level;

  return service_pack;
}

/* The cumulative update whose own build @build is; -1 for any other build. */
static int
cumulative_update_from_build (ExtopoProduct product,
                              guint         build)
{
  for (gsize i = 0; i < G_N_ELEMENTS (build_table); i++)
    if (build_table[i].product == product && build_table[i].build == build)
      return build_table[i].level;

  return -1;
}

/* Which product a plain (Exchange 2000/2003 style) build belongs to. */
static ExtopoProduct
product_from_plain_build (guint build)
{
  if (build >= 6944 && build < 10000)
    return EXTOPO_PRODUCT_EXCHANGE_2003;
  if (build >= 4417 && build < 6944)
    return EXTOPO_PRODUCT_EXCHANGE_2000;
  if (build >= 1960 && build < 3000)
    return EXTOPO_PRODUCT_EXCHANGE_55;
  return EXTOPO_PRODUCT_UNKNOWN;
}

/* Major and minor of the products whose versionNumber is a plain build. */
static void
product_get_major_minor (ExtopoProduct  product,
                         guint         *major,
                         guint         *minor)
{
  switch (product)
    {
    case EXTOPO_PRODUCT_EXCHANGE_55:
      *major = 5, *minor = 5;
      break;
    case EXTOPO_PRODUCT_EXCHANGE_2000:
      *major = 6, *minor = 0;
      break;
    case EXTOPO_PRODUCT_EXCHANGE_2003:
      *major = 6, *minor = 5;
      break;
    case EXTOPO_PRODUCT_EXCHANGE_2007:
      *major = 8, *minor = 0;
      break;
    case EXTOPO_PRODUCT_EXCHANGE_2010:
    case EXTOPO_PRODUCT_EXCHANGE_2013:
    case EXTOPO_PRODUCT_EXCHANGE_2016:
    case EXTOPO_PRODUCT_EXCHANGE_2019:
    case EXTOPO_PRODUCT_EXCHANGE_SE:
    case EXTOPO_PRODUCT_LATER:
    case EXTOPO_PRODUCT_UNKNOWN:
    default:
      *major = 0, *minor = 0;
      break;
    }
}

/* Exchange 2007 (8.0 to 8.3) and 2010 (14.0 to 14.3) number their service
 * packs by the minor version; a minor that was never released says nothing. */
static int
service_pack_from_minor (guint major,
                         guint minor)
{
  if ((major == 8 || major == 14) && minor <= 3)
    return (int) minor;
  return -1;
}

ExtopoProduct
extopo_product_from_major_minor (guint major,
                                 guint minor)
{
  if (major == 5 && minor == 5)
    return EXTOPO_PRODUCT_EXCHANGE_55;
  if (major == 6 && minor == 0)
    return EXTOPO_PRODUCT_EXCHANGE_2000;
  if (major == 6 && minor == 5)
    return EXTOPO_PRODUCT_EXCHANGE_2003;
  if (major == 8)
    return EXTOPO_PRODUCT_EXCHANGE_2007;
  if (major == 14)
    return EXTOPO_PRODUCT_EXCHANGE_2010;
  if (major == 15 && minor == 0)
    return EXTOPO_PRODUCT_EXCHANGE_2013;
  if (major == 15 && minor == 1)
    return EXTOPO_PRODUCT_EXCHANGE_2016;
  if (major == 15 && minor == 2)
    return EXTOPO_PRODUCT_EXCHANGE_2019;
  if (major >= 15)
    return EXTOPO_PRODUCT_LATER;
  /* 9 to 13 were never released. */
  return EXTOPO_PRODUCT_UNKNOWN;
}

gboolean
extopo_product_is_2007_or_later (ExtopoProduct product)
{
  /* The enum is in release order. */
  return product >= EXTOPO_PRODUCT_EXCHANGE_2007;
}

/* Fills the product refinement, service pack and cumulative update that
 * follow from major, minor and (when @has_build) the build. A service pack
 * already read from the text is kept. */
static void
version_derive_level (ExtopoVersion *version,
                      gboolean       has_build)
{
  switch (version->product)
    {
    case EXTOPO_PRODUCT_EXCHANGE_2007:
    case EXTOPO_PRODUCT_EXCHANGE_2010:
      if (version->service_pack < 0)
        version->service_pack = service_pack_from_minor (version->major, version->minor);
      break;
    case EXTOPO_PRODUCT_EXCHANGE_2019:
    case EXTOPO_PRODUCT_EXCHANGE_SE:
      if (has_build)
        version->product = version->build >= EXTOPO_SE_FIRST_BUILD ?
                           EXTOPO_PRODUCT_EXCHANGE_SE : EXTOPO_PRODUCT_EXCHANGE_2019;
      G_GNUC_FALLTHROUGH;
    case EXTOPO_PRODUCT_EXCHANGE_2013:
    case EXTOPO_PRODUCT_EXCHANGE_2016:
      version->cumulative_update = has_build ?
                                   cumulative_update_from_build (version->product,
                                                                 version->build) : -1;
      break;
    case EXTOPO_PRODUCT_EXCHANGE_55:
    case EXTOPO_PRODUCT_EXCHANGE_2000:
    case EXTOPO_PRODUCT_EXCHANGE_2003:
      if (version->service_pack < 0 && has_build)
        version->service_pack = service_pack_from_build (version->product, version->build);
      break;
    case EXTOPO_PRODUCT_LATER:
    case EXTOPO_PRODUCT_UNKNOWN:
    default:
      break;
    }
}

/* Small scanner over a case-folded copy of the serial number. */
static void
skip_spaces (const char **p)
{
  while (g_ascii_isspace (**p))
    (*p)++;
}

static gboolean
read_number (const char **p,
             guint       *value)
{
  guint64 number = 0;
  const char *start = *p;

  while (g_ascii_isdigit (**p))
    {
      number = number * 10 + (guint64) (**p - '0');
      if (number > G_MAXUINT)
        return FALSE;
      (*p)++;
    }

  *value = (guint) number;
  return *p != start;
}

/* Reads "N.M" (the ".M" optional when @need_minor is FALSE), with spaces
 * tolerated around the dot. */
static gboolean
read_dotted (const char **p,
             guint       *first,
             guint       *second,
             gboolean     need_minor,
             gboolean    *has_second)
{
  const char *q = *p;

  *second = 0;
  *has_second = FALSE;

  if (!read_number (&q, first))
    return FALSE;

  {
    const char *r = q;

    skip_spaces (&r);
    if (*r == '.')
      {
        r++;
        skip_spaces (&r);
        if (read_number (&r, second))
          {
            *has_second = TRUE;
            q = r;
          }
      }
  }

  if (need_minor && !*has_second)
    return FALSE;

  *p = q;
  return TRUE;
}

/* Finds @word and leaves @p after it. */
static gboolean
find_word (const char **p,
           const char  *word)
{
  const char *found = strstr (*p, word);

  if (found == NULL)
    return FALSE;

  *p = found + strlen (word);
  return TRUE;
}

/* "Service Pack", "service   pack", or "SP", leaving @p before the number. */
static gboolean
find_service_pack (const char **p)
{
  const char *q = *p;

  while (find_word (&q, "service"))
    {
      skip_spaces (&q);
      if (g_str_has_prefix (q, "pack"))
        {
          *p = q + strlen ("pack");
          return TRUE;
        }
    }

  q = *p;
  while (find_word (&q, "sp"))
    {
      const char *r = q;

      skip_spaces (&r);
      if (g_ascii_isdigit (*r))
        {
          *p = q;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
parse_serial_internal (const char    *serial,
                       ExtopoVersion *version,
                       gboolean      *has_build)
{
  g_autofree char *folded = NULL;
  const char *p;
  const char *after_version;
  guint major;
  guint minor;
  gboolean has_minor;

  extopo_version_init_unknown (version);
  *has_build = FALSE;

  if (serial == NULL)
    return FALSE;

  folded = g_ascii_strdown (serial, -1);
  p = folded;

  if (!find_word (&p, "version"))
    return FALSE;
  skip_spaces (&p);
  if (!read_dotted (&p, &major, &minor, TRUE, &has_minor))
    return FALSE;

  version->major = major;
  version->minor = minor;
  version->product = extopo_product_from_major_minor (major, minor);
  version->known = TRUE;
  after_version = p;

  if (find_word (&p, "build"))
    {
      guint build;
      guint revision;
      gboolean has_revision;

      skip_spaces (&p);
      if (read_dotted (&p, &build, &revision, FALSE, &has_revision))
        {
          if (major >= 8 && build >= EXTOPO_SERIAL_BUILD_OFFSET)
            build -= EXTOPO_SERIAL_BUILD_OFFSET;
          version->build = build;
          version->revision = revision;
          *has_build = TRUE;
        }
    }

  p = after_version;
  if (find_service_pack (&p))
    {
      guint service_pack;

      skip_spaces (&p);
      if (read_number (&p, &service_pack) && service_pack < 100)
        version->service_pack = (int) service_pack;
    }

  version_derive_level (version, *has_build);
  return TRUE;
}

gboolean
extopo_version_parse_serial (const char    *serial,
                             ExtopoVersion *version)
{
  gboolean has_build;

  g_return_val_if_fail (version != NULL, FALSE);

  return parse_serial_internal (serial, version, &has_build);
}

gboolean
extopo_version_parse_number (guint32        number,
                             ExtopoVersion *version)
{
  g_return_val_if_fail (version != NULL, FALSE);

  extopo_version_init_unknown (version);

  if ((number & EXTOPO_PACKED_MARK_MASK) == EXTOPO_PACKED_MARK)
    {
      guint major = (number >> 22) & 63;
      guint minor = (number >> 16) & 63;

      if (major < 8)
        return FALSE;

      version->major = major;
      version->minor = minor;
      version->build = number & 0x7FFF;
      version->product = extopo_product_from_major_minor (major, minor);
      version->known = TRUE;
      version_derive_level (version, TRUE);
      return TRUE;
    }

  version->product = product_from_plain_build (number);
  if (version->product == EXTOPO_PRODUCT_UNKNOWN)
    return FALSE;

  product_get_major_minor (version->product, &version->major, &version->minor);
  version->build = number;
  version->known = TRUE;
  version_derive_level (version, TRUE);
  return TRUE;
}

/* versionNumber is a signed 32-bit integer in AD's schema; accept either spelling. */
static gboolean
parse_number_text (const char *text,
                   guint32    *number)
{
  g_autofree char *stripped = NULL;
  gint64 value;

  if (text == NULL)
    return FALSE;

  stripped = g_strstrip (g_strdup (text));
  if (!g_ascii_string_to_signed (stripped, 10, G_MININT32, G_MAXUINT32, &value, NULL))
    return FALSE;

  *number = (guint32) value;
  return TRUE;
}

void
extopo_version_resolve (const char    *serial,
                        const char    *version_number,
                        ExtopoVersion *version)
{
  ExtopoVersion from_serial;
  ExtopoVersion from_number;
  gboolean has_build = FALSE;
  gboolean serial_ok;
  gboolean number_ok = FALSE;
  guint32 number;

  g_return_if_fail (version != NULL);

  serial_ok = parse_serial_internal (serial, &from_serial, &has_build);
  if (parse_number_text (version_number, &number))
    number_ok = extopo_version_parse_number (number, &from_number);

  if (!serial_ok)
    {
      if (number_ok)
        *version = from_number;
      else
        extopo_version_init_unknown (version);
      return;
    }

  *version = from_serial;

  /* Only fill gaps from a versionNumber that agrees on the release. */
  if (!number_ok ||
      from_number.major != from_serial.major ||
      from_number.minor != from_serial.minor)
    return;

  if (!has_build)
    {
      version->build = from_number.build;
      version_derive_level (version, TRUE);
    }
  if (version->service_pack < 0)
    version->service_pack = from_number.service_pack;
}

typedef struct
{
  ExtopoProduct     product;
  const char       *name;
  const char       *short_name;   /* badge text; NULL: the badge shows major.minor */
  gboolean          has_cumulative_updates;
  ExtopoManagement  management;
} ExtopoProductInfo;

static const ExtopoProductInfo product_table[] = {
  { EXTOPO_PRODUCT_UNKNOWN,       N_("Unknown Exchange version"), NULL,   FALSE,
    EXTOPO_MANAGEMENT_UNKNOWN },
  { EXTOPO_PRODUCT_EXCHANGE_55,   N_("Exchange Server 5.5"),      "5.5",  FALSE,
    EXTOPO_MANAGEMENT_EXCHANGE_ADMINISTRATOR },
  { EXTOPO_PRODUCT_EXCHANGE_2000, N_("Exchange 2000 Server"),     "2000", FALSE,
    EXTOPO_MANAGEMENT_SYSTEM_MANAGER },
  { EXTOPO_PRODUCT_EXCHANGE_2003, N_("Exchange Server 2003"),     "2003", FALSE,
    EXTOPO_MANAGEMENT_SYSTEM_MANAGER },
  { EXTOPO_PRODUCT_EXCHANGE_2007, N_("Exchange Server 2007"),     "2007", FALSE,
    EXTOPO_MANAGEMENT_MANAGEMENT_CONSOLE },
  { EXTOPO_PRODUCT_EXCHANGE_2010, N_("Exchange Server 2010"),     "2010", FALSE,
    EXTOPO_MANAGEMENT_MANAGEMENT_CONSOLE },
  { EXTOPO_PRODUCT_EXCHANGE_2013, N_("Exchange Server 2013"),     "2013", TRUE,
    EXTOPO_MANAGEMENT_ADMIN_CENTER },
  { EXTOPO_PRODUCT_EXCHANGE_2016, N_("Exchange Server 2016"),     "2016", TRUE,
    EXTOPO_MANAGEMENT_ADMIN_CENTER },
  { EXTOPO_PRODUCT_EXCHANGE_2019, N_("Exchange Server 2019"),     "2019", TRUE,
    EXTOPO_MANAGEMENT_ADMIN_CENTER },
  { EXTOPO_PRODUCT_EXCHANGE_SE,   N_("Exchange Server SE"),       "SE",   TRUE,
    EXTOPO_MANAGEMENT_ADMIN_CENTER },
  /* Nothing is known about a later release, not even its tools. */
  { EXTOPO_PRODUCT_LATER,         N_("Exchange Server, a release after SE"), NULL, FALSE,
    EXTOPO_MANAGEMENT_UNKNOWN },
};

static const ExtopoProductInfo *
product_lookup (ExtopoProduct product)
{
  for (gsize i = 0; i < G_N_ELEMENTS (product_table); i++)
    if (product_table[i].product == product)
      return &product_table[i];
  return &product_table[0];
}

const char *
extopo_product_get_name (ExtopoProduct product)
{
  return _(product_lookup (product)->name);
}

const char *
extopo_product_get_untranslated_name (ExtopoProduct product)
{
  if (product == EXTOPO_PRODUCT_UNKNOWN)
    return NULL;
  return product_lookup (product)->name;
}

gboolean
extopo_product_has_cumulative_updates (ExtopoProduct product)
{
  return product_lookup (product)->has_cumulative_updates;
}

/* The level inside the product: "RTM", "SP2", "CU23", "SP1 (CU4)" (or "CU4"
 * when @brief), "build 2600" for a build the table does not know; NULL when
 * nothing is known. */
static char *
version_get_level (const ExtopoVersion *version,
                   gboolean             brief)
{
  const ExtopoProductInfo *info = product_lookup (version->product);

  if (!version->known || info->short_name == NULL)
    return NULL;

  if (!info->has_cumulative_updates)
    {
      if (version->service_pack == 0)
        /* Translators: release to manufacturing, the first release. */
        return g_strdup (_("RTM"));
      if (version->service_pack > 0)
        /* Translators: a service pack, e.g. "SP2". */
        return g_strdup_printf (_("SP%d"), version->service_pack);
      return NULL;
    }

  if (version->cumulative_update == 0)
    return g_strdup (_("RTM"));
  /* Microsoft released Exchange 2013 CU4 as Exchange Server 2013 SP1. */
  if (version->cumulative_update == 4 && version->product == EXTOPO_PRODUCT_EXCHANGE_2013 &&
      !brief)
    /* Translators: Exchange 2013's service pack 1, which is its cumulative update 4. */
    return g_strdup (_("SP1 (CU4)"));
  if (version->cumulative_update > 0)
    /* Translators: a cumulative update, e.g. "CU23". */
    return g_strdup_printf (_("CU%d"), version->cumulative_update);
  if (version->build > 0)
    /* Translators: a build number that matches no known cumulative update. */
    return g_strdup_printf (_("build %u"), version->build);
  return NULL;
}

char *
extopo_version_get_level_text (const ExtopoVersion *version)
{
  g_return_val_if_fail (version != NULL, NULL);

  return version_get_level (version, FALSE);
}

/* "Exchange Server 2003 SP2"; an RTM release says "RTM" so that a missing
 * service pack is never mistaken for an unknown one, and an unknown level
 * gives the bare product name. */
char *
extopo_version_get_display_name (const ExtopoVersion *version)
{
  g_autofree char *level = NULL;

  g_return_val_if_fail (version != NULL, NULL);

  if (!version->known)
    return g_strdup (_("Unknown Exchange version"));

  if (version->product == EXTOPO_PRODUCT_UNKNOWN)
    /* Translators: an Exchange release we do not know by name, e.g. "Exchange 9.0". */
    return g_strdup_printf (_("Exchange %u.%u"), version->major, version->minor);

  if (version->product == EXTOPO_PRODUCT_LATER)
    /* Translators: "Exchange Server, a release after SE (15.3)": the product and its version. */
    return g_strdup_printf (_("%s (%u.%u)"), extopo_product_get_name (version->product),
                            version->major, version->minor);

  level = version_get_level (version, FALSE);
  if (level == NULL)
    return g_strdup (extopo_product_get_name (version->product));

  /* Translators: a product name and its level, e.g. "Exchange Server 2016 CU23". */
  return g_strdup_printf (_("%s %s"), extopo_product_get_name (version->product), level);
}

/* "6.5.7638.2"; the revision is left out when there is none ("8.0.685"). */
char *
extopo_version_to_string (const ExtopoVersion *version)
{
  g_return_val_if_fail (version != NULL, NULL);

  if (!version->known)
    return NULL;

  if (version->revision != 0)
    return g_strdup_printf ("%u.%u.%u.%u", version->major, version->minor,
                            version->build, version->revision);

  return g_strdup_printf ("%u.%u.%u", version->major, version->minor, version->build);
}

char *
extopo_version_get_badge (const ExtopoVersion *version)
{
  const char *short_name;
  g_autofree char *level = NULL;

  g_return_val_if_fail (version != NULL, NULL);

  if (!version->known)
    return g_strdup ("?");

  short_name = product_lookup (version->product)->short_name;
  if (short_name == NULL)
    return g_strdup_printf ("%u.%u", version->major, version->minor);

  level = version_get_level (version, TRUE);
  if (level == NULL)
    return g_strdup (short_name);

  return g_strdup_printf ("%s %s", short_name, level);
}

static int
compare_uint (guint a,
              guint b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

int
extopo_version_compare (const ExtopoVersion *a,
                        const ExtopoVersion *b)
{
  int result;

  g_return_val_if_fail (a != NULL, 0);
  g_return_val_if_fail (b != NULL, 0);

  if ((result = compare_uint (a->major, b->major)) != 0)
    return result;
  if ((result = compare_uint (a->minor, b->minor)) != 0)
    return result;
  if ((result = compare_uint (a->build, b->build)) != 0)
    return result;
  return compare_uint (a->revision, b->revision);
}

gboolean
extopo_version_attributes_disagree (const char    *serial,
                                    const char    *version_number,
                                    ExtopoVersion *from_serial,
                                    ExtopoVersion *from_number)
{
  ExtopoVersion by_serial;
  ExtopoVersion by_number;
  gboolean has_build;
  gboolean serial_ok;
  gboolean number_ok = FALSE;
  guint32 number;

  serial_ok = parse_serial_internal (serial, &by_serial, &has_build);
  extopo_version_init_unknown (&by_number);
  if (parse_number_text (version_number, &number))
    number_ok = extopo_version_parse_number (number, &by_number);

  if (from_serial != NULL)
    *from_serial = by_serial;
  if (from_number != NULL)
    *from_number = by_number;

  if (!serial_ok || !number_ok)
    return FALSE;

  if (by_serial.major != by_number.major || by_serial.minor != by_number.minor)
    return TRUE;

  /* versionNumber has no revision; a serial without a build has nothing more to compare. */
  return has_build && by_serial.build != by_number.build;
}

ExtopoManagement
extopo_product_get_management (ExtopoProduct product)
{
  return product_lookup (product)->management;
}

typedef struct
{
  ExtopoManagement  management;
  const char       *name;
} ExtopoManagementInfo;

static const ExtopoManagementInfo management_table[] = {
  { EXTOPO_MANAGEMENT_UNKNOWN,                N_("Unknown") },
  { EXTOPO_MANAGEMENT_EXCHANGE_ADMINISTRATOR, N_("Exchange Administrator") },
  { EXTOPO_MANAGEMENT_SYSTEM_MANAGER,         N_("Exchange System Manager") },
  { EXTOPO_MANAGEMENT_MANAGEMENT_CONSOLE,     N_("Exchange Management Console / Shell") },
  { EXTOPO_MANAGEMENT_ADMIN_CENTER,
    N_("Exchange Admin Center / Exchange Management Shell") },
};

static const ExtopoManagementInfo *
management_lookup (ExtopoManagement management)
{
  for (gsize i = 0; i < G_N_ELEMENTS (management_table); i++)
    if (management_table[i].management == management)
      return &management_table[i];
  return &management_table[0];
}

const char *
extopo_management_get_name (ExtopoManagement management)
{
  return _(management_lookup (management)->name);
}

const char *
extopo_management_get_untranslated_name (ExtopoManagement management)
{
  if (management == EXTOPO_MANAGEMENT_UNKNOWN)
    return NULL;
  return management_lookup (management)->name;
}

typedef struct
{
  ExtopoRoles    role;
  const char    *name;
  const char    *badge;
  ExtopoProduct  first;   /* the releases whose servers have the role */
  ExtopoProduct  last;
} ExtopoRoleInfo;

/* In display order. Two bits mean Client Access: bit 4 from Exchange 2007,
 * bit 1 ("Cafe") from Exchange 2013, where a Mailbox server also sets bit 4
 * for its back-end client access services. Exchange 2019 has no Unified
 * Messaging. The name is both the report's English name and the msgid. */
static const ExtopoRoleInfo role_table[] = {
  { EXTOPO_ROLE_MAILBOX,             N_("Mailbox"),             "MB",
    EXTOPO_PRODUCT_EXCHANGE_2007, EXTOPO_PRODUCT_LATER },
  { EXTOPO_ROLE_CLIENT_ACCESS,       N_("Client Access"),       "CA",
    EXTOPO_PRODUCT_EXCHANGE_2007, EXTOPO_PRODUCT_LATER },
  { EXTOPO_ROLE_CAFE,                N_("Client Access"),       "CA",
    EXTOPO_PRODUCT_EXCHANGE_2013, EXTOPO_PRODUCT_LATER },
  { EXTOPO_ROLE_UNIFIED_MESSAGING,   N_("Unified Messaging"),   "UM",
    EXTOPO_PRODUCT_EXCHANGE_2007, EXTOPO_PRODUCT_EXCHANGE_2016 },
  { EXTOPO_ROLE_HUB_TRANSPORT,       N_("Hub Transport"),       "HT",
    EXTOPO_PRODUCT_EXCHANGE_2007, EXTOPO_PRODUCT_LATER },
  { EXTOPO_ROLE_EDGE_TRANSPORT,      N_("Edge Transport"),      "ET",
    EXTOPO_PRODUCT_EXCHANGE_2007, EXTOPO_PRODUCT_LATER },
  { EXTOPO_ROLE_FRONT_END_TRANSPORT, N_("Front End Transport"), "FE",
    EXTOPO_PRODUCT_EXCHANGE_2013, EXTOPO_PRODUCT_LATER },
};

static const ExtopoRoleInfo *
role_lookup (ExtopoRoles role)
{
  for (gsize i = 0; i < G_N_ELEMENTS (role_table); i++)
    if (role_table[i].role == role)
      return &role_table[i];
  return NULL;
}

const char *
extopo_role_get_name (ExtopoRoles role)
{
  const ExtopoRoleInfo *info = role_lookup (role);

  return info != NULL ? info->name : NULL;
}

const char *
extopo_role_get_display_name (ExtopoRoles role)
{
  const ExtopoRoleInfo *info = role_lookup (role);

  return info != NULL ? _(info->name) : NULL;
}

const char *
extopo_role_get_badge (ExtopoRoles role)
{
  const ExtopoRoleInfo *info = role_lookup (role);

  return info != NULL ? info->badge : NULL;
}

gboolean
extopo_roles_is_provisioned (guint roles)
{
  return (roles & EXTOPO_ROLE_PROVISIONED) != 0;
}

typedef enum
{
  ROLE_TEXT_NAME,
  ROLE_TEXT_DISPLAY_NAME,
  ROLE_TEXT_BADGE,
} RoleText;

/* The roles set in @roles that @product has (every role when the product is
 * unknown), each role once. */
static char **
roles_collect (guint         roles,
               ExtopoProduct product,
               RoleText      which)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *seen[G_N_ELEMENTS (role_table)];
  gsize n_seen = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (role_table); i++)
    {
      const ExtopoRoleInfo *info = &role_table[i];
      gboolean repeated = FALSE;

      if ((roles & info->role) == 0)
        continue;
      if (product != EXTOPO_PRODUCT_UNKNOWN && (product < info->first || product > info->last))
        continue;

      for (gsize j = 0; j < n_seen; j++)
        repeated = repeated || g_str_equal (seen[j], info->name);
      if (repeated)
        continue;
      seen[n_seen++] = info->name;

      switch (which)
        {
        case ROLE_TEXT_DISPLAY_NAME:
          g_strv_builder_add (builder, _(info->name));
          break;
        case ROLE_TEXT_BADGE:
          g_strv_builder_add (builder, info->badge);
          break;
        case ROLE_TEXT_NAME:
        default:
          g_strv_builder_add (builder, info->name);
          break;
        }
    }

  return g_strv_builder_end (builder);
}

char **
extopo_roles_to_strv (guint roles)
{
  return roles_collect (roles, EXTOPO_PRODUCT_UNKNOWN, ROLE_TEXT_NAME);
}

char **
extopo_roles_to_strv_for_product (guint         roles,
                                  ExtopoProduct product)
{
  return roles_collect (roles, product, ROLE_TEXT_NAME);
}

char **
extopo_roles_to_badges (guint         roles,
                        ExtopoProduct product)
{
  return roles_collect (roles, product, ROLE_TEXT_BADGE);
}

char *
extopo_roles_to_display_text (guint         roles,
                              ExtopoProduct product)
{
  g_auto(GStrv) names = roles_collect (roles, product, ROLE_TEXT_DISPLAY_NAME);

  return g_strjoinv (", ", names);
}

typedef struct
{
  ExtopoProduct  newer;
  ExtopoProduct  older;
  gboolean       allowed;
  int            minimum;      /* service pack, or cumulative update from 2013 on */
  gboolean       rollup;       /* an update rollup after that service pack too */
  const char    *level_text;
} ExtopoCoexistRule;

/* Which older release a newer one's organization may still hold, from
 * Microsoft's supportability matrices as the reference gives them: 2010 not
 * with 2000 (needs 2003 SP2, 2007 SP2); 2013 not with 2003 (needs 2007 SP3
 * with a rollup, 2010 SP3); 2016 not with 2007 (needs 2010 SP3 with a
 * rollup, 2013 CU10); 2019 not with 2010 (needs 2013 CU21, 2016 CU11). A
 * release that cannot coexist with one cannot with any older one either, so
 * those rows are spelled out. The Exchange 2007 rows are the reference's
 * deployment rules (the 2000 rollup from secondary sources). Update rollups
 * of 2000, 2007 and 2010 never show in the directory. */
static const ExtopoCoexistRule coexist_rules[] = {
  { EXTOPO_PRODUCT_EXCHANGE_2007, EXTOPO_PRODUCT_EXCHANGE_55,   FALSE, -1, FALSE, NULL },
  { EXTOPO_PRODUCT_EXCHANGE_2007, EXTOPO_PRODUCT_EXCHANGE_2000, TRUE,   3, TRUE,
    N_("Exchange 2000 Server SP3 with the post-SP3 update rollup") },
  { EXTOPO_PRODUCT_EXCHANGE_2007, EXTOPO_PRODUCT_EXCHANGE_2003, TRUE,   2, FALSE,
    N_("Exchange Server 2003 SP2") },

  { EXTOPO_PRODUCT_EXCHANGE_2010, EXTOPO_PRODUCT_EXCHANGE_55,   FALSE, -1, FALSE, NULL },
  { EXTOPO_PRODUCT_EXCHANGE_2010, EXTOPO_PRODUCT_EXCHANGE_2000, FALSE, -1, FALSE, NULL },
  { EXTOPO_PRODUCT_EXCHANGE_2010, EXTOPO_PRODUCT_EXCHANGE_2003, TRUE,   2, FALSE,
    N_("Exchange Server 2003 SP2") },
  { EXTOPO_PRODUCT_EXCHANGE_2010, EXTOPO_PRODUCT_EXCHANGE_2007, TRUE,   2, FALSE,
    N_("Exchange Server 2007 SP2") },

  { EXTOPO_PRODUCT_EXCHANGE_2013, EXTOPO_PRODUCT_EXCHANGE_55,   FALSE, -1, FALSE, NULL },
  { EXTOPO_PRODUCT_EXCHANGE_2013, EXTOPO_PRODUCT_EXCHANGE_2000, FALSE, -1, FALSE, NULL },
  { EXTOPO_PRODUCT_EXCHANGE_2013, EXTOPO_PRODUCT_EXCHANGE_2003, FALSE, -1, FALSE, NULL },
  { EXTOPO_PRODUCT_EXCHANGE_2013, EXTOPO_PRODUCT_EXCHANGE_2007, TRUE,   3, TRUE,
    N_("Exchange Server 2007 SP3 with an update rollup") },
  { EXTOPO_PRODUCT_EXCHANGE_2013, EXTOPO_PRODUCT_EXCHANGE_2010, TRUE,   3, FALSE,
    N_("Exchange Server 2010 SP3") },

  { EXTOPO_PRODUCT_EXCHANGE_2016, EXTOPO_PRODUCT_EXCHANGE_55,   FALSE, -1, FALSE, NULL },
  { EXTOPO_PRODUCT_EXCHANGE_2016, EXTOPO_PRODUCT_EXCHANGE_2000, FALSE, -1, FALSE, NULL },
  { EXTOPO_PRODUCT_EXCHANGE_2016, EXTOPO_PRODUCT_EXCHANGE_2003, FALSE, -1, FALSE, NULL },
  { EXTOPO_PRODUCT_EXCHANGE_2016, EXTOPO_PRODUCT_EXCHANGE_2007, FALSE, -1, FALSE, NULL },
  { EXTOPO_PRODUCT_EXCHANGE_2016, EXTOPO_PRODUCT_EXCHANGE_2010, TRUE,   3, TRUE,
    N_("Exchange Server 2010 SP3 with an update rollup") },
  { EXTOPO_PRODUCT_EXCHANGE_2016, EXTOPO_PRODUCT_EXCHANGE_2013, TRUE,  10, FALSE,
    N_("Exchange Server 2013 CU10") },

  { EXTOPO_PRODUCT_EXCHANGE_2019, EXTOPO_PRODUCT_EXCHANGE_55,   FALSE, -1, FALSE, NULL },
  { EXTOPO_PRODUCT_EXCHANGE_2019, EXTOPO_PRODUCT_EXCHANGE_2000, FALSE, -1, FALSE, NULL },
  { EXTOPO_PRODUCT_EXCHANGE_2019, EXTOPO_PRODUCT_EXCHANGE_2003, FALSE, -1, FALSE, NULL },
  { EXTOPO_PRODUCT_EXCHANGE_2019, EXTOPO_PRODUCT_EXCHANGE_2007, FALSE, -1, FALSE, NULL },
  { EXTOPO_PRODUCT_EXCHANGE_2019, EXTOPO_PRODUCT_EXCHANGE_2010, FALSE, -1, FALSE, NULL },
  { EXTOPO_PRODUCT_EXCHANGE_2019, EXTOPO_PRODUCT_EXCHANGE_2013, TRUE,  21, FALSE,
    N_("Exchange Server 2013 CU21") },
  { EXTOPO_PRODUCT_EXCHANGE_2019, EXTOPO_PRODUCT_EXCHANGE_2016, TRUE,  11, FALSE,
    N_("Exchange Server 2016 CU11") },
};

void
extopo_version_check_coexistence (const ExtopoVersion *a,
                                  const ExtopoVersion *b,
                                  ExtopoCoexistence   *result)
{
  const ExtopoVersion *older;
  const ExtopoVersion *newer;
  int level;

  g_return_if_fail (a != NULL);
  g_return_if_fail (b != NULL);
  g_return_if_fail (result != NULL);

  memset (result, 0, sizeof *result);
  result->verdict = EXTOPO_COEXIST_NO_RULE;
  result->minimum = -1;

  if (!a->known || !b->known)
    return;

  newer = a->product >= b->product ? a : b;
  older = newer == a ? b : a;
  result->newer = newer->product;
  result->older = older->product;

  if (newer->product == older->product && newer->product != EXTOPO_PRODUCT_UNKNOWN &&
      newer->product != EXTOPO_PRODUCT_LATER)
    {
      result->verdict = EXTOPO_COEXIST_YES;
      return;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (coexist_rules); i++)
    {
      const ExtopoCoexistRule *rule = &coexist_rules[i];

      if (rule->newer != newer->product || rule->older != older->product)
        continue;

      if (!rule->allowed)
        {
          result->verdict = EXTOPO_COEXIST_NO;
          return;
        }

      result->minimum = rule->minimum;
      result->rollup_unseen = rule->rollup;
      result->level_text = _(rule->level_text);

      level = extopo_product_has_cumulative_updates (older->product) ?
              older->cumulative_update : older->service_pack;
      if (level < 0)
        result->verdict = EXTOPO_COEXIST_LEVEL_UNKNOWN;
      else if (level < rule->minimum)
        result->verdict = EXTOPO_COEXIST_BELOW_MINIMUM;
      else
        result->verdict = EXTOPO_COEXIST_YES;
      return;
    }
}
