/* fuzz-snapshot.c: the snapshot writer's round trip. Whatever the reader
 * accepts, the LDIF writer must write so that it reads back as the same
 * entries (DN, attribute names, every value byte for byte, in order) and
 * builds the same model (compared through its JSON report).
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fuzz-snapshot"

#include "config.h"

#include <string.h>

#include "extopo-findings.h"
#include "extopo-ldif-reader.h"
#include "extopo-ldif-writer.h"
#include "extopo-model.h"
#include "extopo-report.h"

#include "fuzz-common.h"

/* Names what differs, for whoever reads the crash report. */
static void
mismatch (ExtopoEntry *a,
          const char  *attribute,
          const char  *what)
{
  g_printerr ("round trip changed %s of \"%s\" (attribute %s)\n",
              what, extopo_entry_get_dn (a), attribute != NULL ? attribute : "-");
  abort ();
}

static void
check_same_entry (ExtopoEntry *a,
                  ExtopoEntry *b)
{
  const char **names_a, **names_b;
  guint n_a, n_b;

  if (strcmp (extopo_entry_get_dn (a), extopo_entry_get_dn (b)) != 0)
    mismatch (a, NULL, "the DN");

  names_a = extopo_entry_get_attributes (a, &n_a);
  names_b = extopo_entry_get_attributes (b, &n_b);
  for (guint i = 0; i < MAX (n_a, n_b); i++)
    {
      guint n_values;

      if (i >= n_a || i >= n_b || strcmp (names_a[i], names_b[i]) != 0)
        mismatch (a, i < n_a ? names_a[i] : names_b[i], "the attribute names");

      n_values = extopo_entry_get_n_values (a, names_a[i]);
      if (n_values != extopo_entry_get_n_values (b, names_b[i]))
        mismatch (a, names_a[i], "the number of values");
      for (guint v = 0; v < n_values; v++)
        {
          GBytes *value_a = extopo_entry_get_value (a, names_a[i], v);
          GBytes *value_b = extopo_entry_get_value (b, names_b[i], v);

          if (value_a == NULL || value_b == NULL || !g_bytes_equal (value_a, value_b))
            mismatch (a, names_a[i], "a value");
        }
    }
}

static gboolean
has_invalid_attribute (GPtrArray *entries)
{
  for (guint i = 0; i < entries->len; i++)
    {
      guint n;
      const char **names = extopo_entry_get_attributes (g_ptr_array_index (entries, i), &n);

      for (guint j = 0; j < n; j++)
        if (!extopo_attribute_description_is_valid (names[j], -1))
          return TRUE;
    }

  return FALSE;
}

static char *
model_report (GPtrArray *entries)
{
  g_autoptr(ExtopoModel) model = extopo_model_new_from_entries (entries, "fuzz.ldif", NULL);

  if (model == NULL)
    return NULL;

  extopo_findings_evaluate (model);
  return extopo_report_to_json (model);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autofree char *snapshot = NULL;
  g_autofree char *report = NULL;
  g_autofree char *report_again = NULL;
  g_autoptr(GDateTime) fetched = NULL;
  g_autoptr(GDateTime) read_back = NULL;
  ExtopoSnapshotHeader header = { "ldap://fuzz.test", NULL };

  entries = extopo_ldif_read_data ((const char *) data, size, "fuzz.ldif", NULL, NULL);
  if (entries == NULL)
    return 0;

  /* The writer refuses an attribute description that RFC 4512 does not
   * allow, and only that. */
  header.fetched = fetched = g_date_time_new_utc (2026, 12, 3, 12, 0, 0);
  snapshot = extopo_ldif_write_to_string (entries, &header, &error);
  if (snapshot == NULL)
    {
      fuzz_check (g_error_matches (error, EXTOPO_LDIF_ERROR, EXTOPO_LDIF_ERROR_INVALID_ATTRIBUTE));
      fuzz_check (has_invalid_attribute (entries));
      return 0;
    }
  fuzz_check (!has_invalid_attribute (entries));
  read_back = extopo_ldif_read_snapshot_time (snapshot, strlen (snapshot));
  fuzz_check (read_back != NULL && g_date_time_equal (read_back, fetched));

  again = extopo_ldif_read_data (snapshot, strlen (snapshot), "snapshot.ldif", NULL, &error);
  if (again == NULL)
    {
      g_printerr ("the snapshot does not read back: %s\n", error->message);
      abort ();
    }

  fuzz_check (entries->len == again->len);
  for (guint i = 0; i < entries->len; i++)
    check_same_entry (g_ptr_array_index (entries, i), g_ptr_array_index (again, i));

  report = model_report (entries);
  report_again = model_report (again);
  fuzz_check ((report == NULL) == (report_again == NULL));
  fuzz_check (report == NULL || strcmp (report, report_again) == 0);

  return 0;
}
