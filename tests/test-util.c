/* test-util.c: helpers the test suites share.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-util.h"

char *
test_util_run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *errors = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &errors,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed: %s", argv[0], errors);

  return out;
}

char *
test_util_pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", path, "-", NULL };

  return test_util_run (argv);
}
