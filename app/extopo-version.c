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

/* The packed Exchange 2007 versionNumber: 0x70008000 | major<<22 | minor<<16 | build. */
#define EXTOPO_PACKED_MARK      0x70008000u
#define EXTOPO_PACKED_MARK_MASK 0xF0008000u

typedef struct
{
  ExtopoProduct product;
  guint         build;
  int           service_pack;
} ExtopoBuildInfo;

/* Release builds, ascending within each product. Exchange 5.5 builds other
 * than SP4's come from Microsoft's build list, not from the reference. */
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
};

static void
extopo_version_init_unknown (ExtopoVersion *version)
{
  memset (version, 0, sizeof *version);
  version->product = EXTOPO_PRODUCT_UNKNOWN;
  version->service_pack = -1;
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
      service_pack = build_table[i].service_pack;

  return service_pack;
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
    case EXTOPO_PRODUCT_LATER:
    case EXTOPO_PRODUCT_UNKNOWN:
    default:
      *major = 0, *minor = 0;
      break;
    }
}

/* Exchange 2007 and 2010 number their service packs by the minor version. */
static int
service_pack_from_minor (guint major,
                         guint minor)
{
  if (major == 8 || major == 14)
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
  if (major > 8)
    return EXTOPO_PRODUCT_LATER;
  return EXTOPO_PRODUCT_UNKNOWN;
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

  if (version->service_pack < 0)
    {
      int from_minor = service_pack_from_minor (major, minor);

      if (from_minor >= 0)
        version->service_pack = from_minor;
      else if (*has_build)
        version->service_pack = service_pack_from_build (version->product, version->build);
    }

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
      version->service_pack = service_pack_from_minor (major, minor);
      version->known = TRUE;
      return TRUE;
    }

  version->product = product_from_plain_build (number);
  if (version->product == EXTOPO_PRODUCT_UNKNOWN)
    return FALSE;

  product_get_major_minor (version->product, &version->major, &version->minor);
  version->build = number;
  version->service_pack = service_pack_from_build (version->product, number);
  version->known = TRUE;
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
      if (version->service_pack < 0)
        version->service_pack = from_number.service_pack;
    }
  else if (version->service_pack < 0)
    version->service_pack = from_number.service_pack;
}

const char *
extopo_product_get_name (ExtopoProduct product)
{
  switch (product)
    {
    case EXTOPO_PRODUCT_EXCHANGE_55:
      return _("Exchange Server 5.5");
    case EXTOPO_PRODUCT_EXCHANGE_2000:
      return _("Exchange 2000 Server");
    case EXTOPO_PRODUCT_EXCHANGE_2003:
      return _("Exchange Server 2003");
    case EXTOPO_PRODUCT_EXCHANGE_2007:
      return _("Exchange Server 2007");
    case EXTOPO_PRODUCT_LATER:
      return _("Exchange Server after 2007");
    case EXTOPO_PRODUCT_UNKNOWN:
    default:
      return _("Unknown Exchange version");
    }
}

/* "Exchange Server 2003 SP2"; an RTM release says "RTM" so that a missing
 * service pack is never mistaken for an unknown one, and an unknown service
 * pack gives the bare product name. */
char *
extopo_version_get_display_name (const ExtopoVersion *version)
{
  g_return_val_if_fail (version != NULL, NULL);

  if (!version->known)
    return g_strdup (_("Unknown Exchange version"));

  if (version->product == EXTOPO_PRODUCT_UNKNOWN || version->product == EXTOPO_PRODUCT_LATER)
    /* Translators: an Exchange release we do not know by name, e.g. "Exchange 14.1". */
    return g_strdup_printf (_("Exchange %u.%u"), version->major, version->minor);

  if (version->service_pack == 0)
    /* Translators: a product name, e.g. "Exchange Server 2003 RTM". */
    return g_strdup_printf (_("%s RTM"), extopo_product_get_name (version->product));

  if (version->service_pack > 0)
    /* Translators: a product name and its service pack, e.g. "Exchange Server 2003 SP2". */
    return g_strdup_printf (_("%s SP%d"), extopo_product_get_name (version->product),
                            version->service_pack);

  return g_strdup (extopo_product_get_name (version->product));
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

static const char *
product_get_short_name (ExtopoProduct product)
{
  switch (product)
    {
    case EXTOPO_PRODUCT_EXCHANGE_55:
      return "5.5";
    case EXTOPO_PRODUCT_EXCHANGE_2000:
      return "2000";
    case EXTOPO_PRODUCT_EXCHANGE_2003:
      return "2003";
    case EXTOPO_PRODUCT_EXCHANGE_2007:
      return "2007";
    case EXTOPO_PRODUCT_LATER:
    case EXTOPO_PRODUCT_UNKNOWN:
    default:
      return NULL;
    }
}

char *
extopo_version_get_badge (const ExtopoVersion *version)
{
  const char *short_name;

  g_return_val_if_fail (version != NULL, NULL);

  if (!version->known)
    return g_strdup ("?");

  short_name = product_get_short_name (version->product);
  if (short_name == NULL)
    return g_strdup_printf ("%u.%u", version->major, version->minor);

  if (version->service_pack == 0)
    return g_strdup_printf ("%s RTM", short_name);
  if (version->service_pack > 0)
    return g_strdup_printf ("%s SP%d", short_name, version->service_pack);

  return g_strdup (short_name);
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

ExtopoManagement
extopo_product_get_management (ExtopoProduct product)
{
  switch (product)
    {
    case EXTOPO_PRODUCT_EXCHANGE_55:
      return EXTOPO_MANAGEMENT_EXCHANGE_ADMINISTRATOR;
    case EXTOPO_PRODUCT_EXCHANGE_2000:
    case EXTOPO_PRODUCT_EXCHANGE_2003:
      return EXTOPO_MANAGEMENT_SYSTEM_MANAGER;
    case EXTOPO_PRODUCT_EXCHANGE_2007:
    case EXTOPO_PRODUCT_LATER:
      return EXTOPO_MANAGEMENT_MANAGEMENT_CONSOLE;
    case EXTOPO_PRODUCT_UNKNOWN:
    default:
      return EXTOPO_MANAGEMENT_UNKNOWN;
    }
}

const char *
extopo_management_get_name (ExtopoManagement management)
{
  switch (management)
    {
    case EXTOPO_MANAGEMENT_EXCHANGE_ADMINISTRATOR:
      return _("Exchange Administrator");
    case EXTOPO_MANAGEMENT_SYSTEM_MANAGER:
      return _("Exchange System Manager");
    case EXTOPO_MANAGEMENT_MANAGEMENT_CONSOLE:
      return _("Exchange Management Console / Shell");
    case EXTOPO_MANAGEMENT_UNKNOWN:
    default:
      return _("Unknown");
    }
}

typedef struct
{
  ExtopoRoles  role;
  const char  *name;
  const char  *display_name;
  const char  *badge;
} ExtopoRoleInfo;

/* In bit order. */
static const ExtopoRoleInfo role_table[] = {
  { EXTOPO_ROLE_MAILBOX,           "Mailbox",           N_("Mailbox"),           "MB" },
  { EXTOPO_ROLE_CLIENT_ACCESS,     "Client Access",     N_("Client Access"),     "CA" },
  { EXTOPO_ROLE_UNIFIED_MESSAGING, "Unified Messaging", N_("Unified Messaging"), "UM" },
  { EXTOPO_ROLE_HUB_TRANSPORT,     "Hub Transport",     N_("Hub Transport"),     "HT" },
  { EXTOPO_ROLE_EDGE_TRANSPORT,    "Edge Transport",    N_("Edge Transport"),    "ET" },
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

  return info != NULL ? _(info->display_name) : NULL;
}

const char *
extopo_role_get_badge (ExtopoRoles role)
{
  const ExtopoRoleInfo *info = role_lookup (role);

  return info != NULL ? info->badge : NULL;
}

char **
extopo_roles_to_strv (guint roles)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (role_table); i++)
    if ((roles & role_table[i].role) != 0)
      g_strv_builder_add (builder, role_table[i].name);

  return g_strv_builder_end (builder);
}
