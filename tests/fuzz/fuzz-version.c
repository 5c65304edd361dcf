/* fuzz-version.c: the Exchange version decoder on any bytes.
 *
 * The first four bytes are a versionNumber integer; the rest is a
 * serialNumber string, and also the versionNumber attribute's text when it
 * contains a newline (serial, newline, number text).
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fuzz-version"

#include "config.h"

#include <string.h>

#include "extopo-version.h"

#include "fuzz-common.h"

/* Every reader of a version must cope with what the parsers produce. */
static void
check_version (const ExtopoVersion *version,
               gboolean             parsed)
{
  g_autofree char *display = extopo_version_get_display_name (version);
  g_autofree char *text = extopo_version_to_string (version);
  g_autofree char *badge = extopo_version_get_badge (version);

  fuzz_check (display != NULL && g_utf8_validate (display, -1, NULL));
  fuzz_check (badge != NULL && g_utf8_validate (badge, -1, NULL));
  fuzz_check ((text != NULL) == version->known);
  fuzz_check (!parsed || version->known);
  fuzz_check (version->service_pack >= -1);
  fuzz_check (extopo_version_compare (version, version) == 0);
  fuzz_check (extopo_product_get_name (version->product) != NULL);
  fuzz_check (extopo_management_get_name (extopo_product_get_management (version->product))
              != NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *serial = NULL;
  ExtopoVersion from_number, from_serial, resolved;
  guint32 number = 0;
  char *number_text;
  gboolean ok;

  if (size >= sizeof number)
    {
      memcpy (&number, data, sizeof number);
      ok = extopo_version_parse_number (number, &from_number);
      check_version (&from_number, ok);
      data += sizeof number;
      size -= sizeof number;
    }

  serial = fuzz_strndup (data, size);
  ok = extopo_version_parse_serial (serial, &from_serial);
  check_version (&from_serial, ok);

  number_text = strchr (serial, '\n');
  if (number_text != NULL)
    *number_text++ = '\0';
  extopo_version_resolve (serial, number_text, &resolved);
  check_version (&resolved, FALSE);
  extopo_version_resolve (NULL, number_text, &resolved);
  check_version (&resolved, FALSE);

  /* Only the one comparison orders both ways. */
  fuzz_check (extopo_version_compare (&from_serial, &resolved) ==
              -extopo_version_compare (&resolved, &from_serial));

  return 0;
}
