/* main.c: starts the command line or the viewer.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "extopo-application.h"
#include "extopo-cli.h"

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

  app = extopo_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
