/* main.c: starts the command line or the viewer.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "extopo-application.h"
#include "extopo-cli.h"
#include "extopo-loader.h"

/* One file to open: read it while GTK, the session bus and the window start. */
static void
preload_single_file (int    argc,
                     char **argv)
{
  const char *file = NULL;
  int n_files = 0;

  for (int i = 1; i < argc; i++)
    if (argv[i][0] != '-' && n_files++ == 0)
      file = argv[i];
  if (n_files == 1 && strstr (file, "://") == NULL && g_file_test (file, G_FILE_TEST_IS_REGULAR))
    extopo_loader_preload_file (file);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(ExtopoApplication) app = NULL;
  /* Run from the build tree (build-aux/run.sh, `meson devenv`), the
   * catalogues are the ones built there, not the installed ones. */
  const char *localedir = g_getenv ("EXTOPO_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && *localedir != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (extopo_cli_is_headless (argc, argv))
    return extopo_cli_run (argc, argv);

  preload_single_file (argc, argv);
  app = extopo_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
