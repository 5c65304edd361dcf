/* fuzz-dn.c: the DN parser and normaliser on any bytes.
 *
 * The input is one DN, or two separated by a newline (for the comparisons).
 * Besides not crashing, normalising must be idempotent, and what normalises
 * must parse for the other calls too.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fuzz-dn"

#include "config.h"

#include <string.h>

#include "extopo-dn.h"

#include "fuzz-common.h"

static void
check_one (const char *dn)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ndn = NULL;
  g_autofree char *again = NULL;
  g_autofree char *rdn = NULL;
  gboolean valid = extopo_dn_is_valid (dn);
  guint depth = extopo_dn_get_depth (dn);

  /* extopo_dn_is_valid() is the readers' check: a DN is valid exactly
   * when it has a normal form, the key of every look-up. */
  ndn = extopo_dn_normalize (dn, &error);
  fuzz_check (valid == (ndn != NULL));
  if (ndn == NULL)
    {
      fuzz_check (error != NULL);
      fuzz_check (depth == 0);
      return;
    }

  /* The normal form is a fixed point and names the same entry. */
  again = extopo_dn_normalize (ndn, NULL);
  fuzz_check (again != NULL);
  fuzz_check (strcmp (again, ndn) == 0);
  fuzz_check (extopo_dn_equal (dn, ndn));
  fuzz_check (extopo_dn_get_depth (ndn) == depth);
  fuzz_check (extopo_dn_is_descendant (dn, dn));

  for (guint level = 0; level <= depth + 1; level++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *ancestor = extopo_dn_get_ancestor (dn, level, &local_error);
      g_autofree char *value = NULL;

      if (level > depth)
        {
          fuzz_check (ancestor == NULL);
          fuzz_check (g_error_matches (local_error, EXTOPO_DN_ERROR,
                                       EXTOPO_DN_ERROR_TOO_SHORT));
          break;
        }
      fuzz_check (ancestor != NULL);
      fuzz_check (extopo_dn_get_depth (ancestor) == depth - level);
      fuzz_check (extopo_dn_is_descendant (dn, ancestor));

      value = extopo_dn_get_rdn_value_at (dn, level, NULL);
      if (level < depth)
        fuzz_check (value == NULL || g_utf8_validate (value, -1, NULL));
    }

  rdn = extopo_dn_get_rdn_value (dn, NULL);
  (void) rdn;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_strndup (data, size);
  char *second = strchr (text, '\n');

  if (second != NULL)
    *second++ = '\0';

  check_one (text);
  if (second != NULL)
    {
      gboolean equal = extopo_dn_equal (text, second);

      check_one (second);
      fuzz_check (equal == extopo_dn_equal (second, text));
      if (equal)
        fuzz_check (extopo_dn_is_descendant (text, second) &&
                    extopo_dn_is_descendant (second, text));
    }

  return 0;
}
