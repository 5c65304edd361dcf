/* fuzz-ldif-export.c: LDIF bytes through the whole pipeline, as the app
 * loads a file (extopo-loader.c): reader with the schema's filter, model,
 * findings, then both views laid out and written in every export format.
 *
 * Graphviz is the slow step: models with more objects than a person could
 * read in a smoke run skip the layout (the reports are still written).
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fuzz-ldif-export"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "extopo-export.h"
#include "extopo-findings.h"
#include "extopo-dot-writer.h"
#include "extopo-layout.h"
#include "extopo-ldif-reader.h"
#include "extopo-model.h"
#include "extopo-report.h"
#include "extopo-schema.h"

#include "fuzz-common.h"

/* Objects (groups, servers, connectors) above which the layout is skipped. */
#define LAYOUT_OBJECT_LIMIT 150
/* PNGs small enough to stay fast; the scale code is still exercised. */
#define PNG_SCALE 0.25

static char *export_dir;

static void
remove_export_dir (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (export_dir == NULL)
    return;

  dir = g_dir_open (export_dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (export_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (export_dir);
  g_clear_pointer (&export_dir, g_free);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;

  export_dir = g_dir_make_tmp ("extopo-fuzz-XXXXXX", &error);
  if (export_dir == NULL)
    {
      g_printerr ("fuzz-ldif-export: %s\n", error->message);
      abort ();
    }
  atexit (remove_export_dir);

  return 0;
}

static guint
count_objects (ExtopoModel *model)
{
  return extopo_model_get_admin_groups (model)->len +
         extopo_model_get_routing_groups (model)->len +
         extopo_model_get_servers (model)->len +
         extopo_model_get_connectors (model)->len;
}

static void
export_view (ExtopoModel *model,
             ExtopoView   view)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoGeometry) geometry = NULL;
  g_autofree char *dot = NULL;
  ExtopoLayoutOptions layout_options = { view, NULL };
  ExtopoRenderOptions render_options;
  static const ExtopoExportFormat formats[] = {
    EXTOPO_EXPORT_SVG, EXTOPO_EXPORT_PDF, EXTOPO_EXPORT_PNG,
    EXTOPO_EXPORT_DOT, EXTOPO_EXPORT_JSON, EXTOPO_EXPORT_CSV,
  };

  geometry = extopo_layout_compute (model, &layout_options, NULL, &error);
  /* Any model the builder accepted can be laid out. */
  if (geometry == NULL)
    {
      g_printerr ("layout failed: %s\n", error->message);
      abort ();
    }

  dot = extopo_dot_write (geometry, NULL, NULL);
  fuzz_check (dot == NULL || g_utf8_validate (dot, -1, NULL));

  extopo_render_options_init (&render_options);
  render_options.show_title = TRUE;
  render_options.show_legend = TRUE;
  render_options.title = extopo_model_get_source_name (model);
  render_options.subtitle = "fuzz";

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) export_error = NULL;
      g_autofree char *name = g_strconcat ("export.",
                                           extopo_export_format_get_extension (formats[i]),
                                           NULL);
      g_autofree char *path = g_build_filename (export_dir, name, NULL);

      fuzz_check (extopo_export_format_from_path (path) == formats[i]);
      /* A diagram too large for a PNG is an error, never a crash. */
      if (!extopo_export_write (geometry, formats[i], path, &render_options, PNG_SCALE,
                                &export_error))
        fuzz_check (formats[i] == EXTOPO_EXPORT_PNG &&
                    g_error_matches (export_error, EXTOPO_EXPORT_ERROR,
                                     EXTOPO_EXPORT_ERROR_TOO_LARGE));
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(ExtopoModel) model = NULL;
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;

  entries = extopo_ldif_read_data_filtered ((const char *) data, size, "fuzz.ldif",
                                            extopo_schema_get_entry_filter (), NULL, &error);
  if (entries == NULL)
    {
      /* Errors say where: the name given, and a line. */
      fuzz_check (error != NULL && g_str_has_prefix (error->message, "fuzz.ldif"));
      return 0;
    }

  model = extopo_model_new_from_entries (entries, "fuzz.ldif", &error);
  if (model == NULL)
    {
      fuzz_check (error != NULL);
      return 0;
    }
  g_clear_pointer (&entries, g_ptr_array_unref);
  extopo_findings_evaluate (model);

  json = extopo_report_to_json (model);
  csv = extopo_report_to_csv (model);
  fuzz_check (json != NULL && g_utf8_validate (json, -1, NULL));
  fuzz_check (csv != NULL && g_utf8_validate (csv, -1, NULL));

  if (count_objects (model) > LAYOUT_OBJECT_LIMIT)
    return 0;

  export_view (model, EXTOPO_VIEW_ROUTING);
  export_view (model, EXTOPO_VIEW_ADMIN);

  return 0;
}
