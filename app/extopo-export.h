/* extopo-export.h: a diagram or report written to a file, format by extension.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include <gio/gio.h>

#include "extopo-geometry.h"
#include "extopo-renderer.h"

G_BEGIN_DECLS

#define EXTOPO_EXPORT_ERROR (extopo_export_error_quark ())

typedef enum
{
  EXTOPO_EXPORT_ERROR_UNKNOWN_FORMAT,
  EXTOPO_EXPORT_ERROR_WRITE,
  EXTOPO_EXPORT_ERROR_TOO_LARGE,
} ExtopoExportError;

GQuark extopo_export_error_quark (void);

typedef enum
{
  EXTOPO_EXPORT_SVG,
  EXTOPO_EXPORT_PDF,
  EXTOPO_EXPORT_PNG,
  EXTOPO_EXPORT_DOT,
  EXTOPO_EXPORT_JSON,
  EXTOPO_EXPORT_CSV,
  EXTOPO_EXPORT_HTML,
  EXTOPO_EXPORT_VSDX,
  EXTOPO_EXPORT_UNKNOWN,
} ExtopoExportFormat;

ExtopoExportFormat extopo_export_format_from_path (const char *path);
const char        *extopo_export_format_get_extension (ExtopoExportFormat format);

/* "Contoso — routing groups": the organization's name and the view, the
 * title of an export when none is given (not the file's name). */
char    *extopo_export_default_title (ExtopoModel               *model,
                                      ExtopoView                 view);

/* Writes the model's JSON or CSV report to @path in pieces; the JSON
 * names the source only when @show_source. */
gboolean extopo_export_write_report (ExtopoModel                *model,
                                     ExtopoExportFormat          format,
                                     const char                 *path,
                                     gboolean                    show_source,
                                     GError                    **error);

/* Writes @geometry (and its model) to @path. @options gives the title,
 * legend and, through options->visible, the on-screen region; NULL means
 * the whole diagram with legend and title. PNG is rendered at @png_scale. */
gboolean extopo_export_write (ExtopoGeometry             *geometry,
                              ExtopoExportFormat          format,
                              const char                 *path,
                              const ExtopoRenderOptions  *options,
                              double                      png_scale,
                              GError                    **error);

/* The size in pixels of a PNG of @geometry at @png_scale, and the scale
 * really used: lowered to fit 32767 pixels a side and about 400 MB. FALSE
 * (EXTOPO_EXPORT_ERROR_TOO_LARGE) when even a lowered scale would not do. */
gboolean extopo_export_get_png_size (ExtopoGeometry             *geometry,
                                     const ExtopoRenderOptions  *options,
                                     double                      png_scale,
                                     int                        *width,
                                     int                        *height,
                                     double                     *scale);

/* Writes @length bytes of @data to @path as exports do: complete or not at
 * all, keeping the mode, owner, symbolic link or hard links of a file it
 * replaces. Errors name @path, never a temporary file. */
gboolean extopo_export_save_contents (const char  *path,
                                      const char  *data,
                                      gsize        length,
                                      GError     **error);

/* The same for data written in pieces: @write puts everything on @stream
 * and returns FALSE when a write failed. */
typedef gboolean (*ExtopoExportStreamFunc) (FILE     *stream,
                                            gpointer  user_data);
gboolean extopo_export_save_stream (const char              *path,
                                    ExtopoExportStreamFunc   write,
                                    gpointer                 user_data,
                                    GError                 **error);

/* For a program that exports and exits: on SIGINT or SIGTERM, removes the
 * temporary file being written, then dies of the signal. */
void extopo_export_remove_on_signal (void);

G_END_DECLS
