/* extopo-export.c: a diagram or report written to a file, format by extension.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "extopo-export.h"
#include "extopo-layout.h"
#include "extopo-report.h"

/* Cairo's image surfaces stop at 32767 pixels a side; keep memory sane too. */
#define PNG_MAX_SIDE  32767.0
#define PNG_MAX_BYTES (400.0 * 1024 * 1024)
/* Lowering a PNG's scale below this would show nothing readable. */
#define PNG_MIN_SCALE 0.05

G_DEFINE_QUARK (extopo-export-error-quark, extopo_export_error)

static const struct
{
  ExtopoExportFormat format;
  const char        *extension;
} formats[] = {
  { EXTOPO_EXPORT_SVG, "svg" },
  { EXTOPO_EXPORT_PDF, "pdf" },
  { EXTOPO_EXPORT_PNG, "png" },
  { EXTOPO_EXPORT_DOT, "dot" },
  { EXTOPO_EXPORT_DOT, "gv" },
  { EXTOPO_EXPORT_JSON, "json" },
  { EXTOPO_EXPORT_CSV, "csv" },
};

ExtopoExportFormat
extopo_export_format_from_path (const char *path)
{
  const char *dot;

  g_return_val_if_fail (path != NULL, EXTOPO_EXPORT_UNKNOWN);

  dot = strrchr (path, '.');
  if (dot == NULL || strchr (dot, G_DIR_SEPARATOR) != NULL)
    return EXTOPO_EXPORT_UNKNOWN;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (dot + 1, formats[i].extension) == 0)
      return formats[i].format;

  return EXTOPO_EXPORT_UNKNOWN;
}

const char *
extopo_export_format_get_extension (ExtopoExportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].extension;

  return NULL;
}

static cairo_status_t
write_to_bytes_cb (void                *closure,
                   const unsigned char *data,
                   unsigned int         length)
{
  g_byte_array_append (closure, data, length);

  return CAIRO_STATUS_SUCCESS;
}

static gboolean
save_contents (const char  *path,
               const char  *data,
               gsize        length,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents (path, data, length, &local_error))
    {
      g_set_error (error, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* A file written straight from cairo: into a temporary file beside @path,
 * renamed over it once complete, so a failed export leaves no half file and
 * a large SVG is never held in memory. */
typedef struct
{
  char *path;
  char *tmp_path;
  FILE *stream;
  int   saved_errno;   /* of the first failed write, 0 if none */
} FileSink;

static gboolean
file_sink_open (FileSink    *sink,
                const char  *path,
                GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmpl = g_strdup_printf (".%s.XXXXXX", base);
  int fd;

  *sink = (FileSink) { g_strdup (path), g_build_filename (dir, tmpl, NULL), NULL, 0 };
  fd = g_mkstemp_full (sink->tmp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (fd >= 0)
    sink->stream = fdopen (fd, "wb");
  if (sink->stream == NULL)
    {
      int saved_errno = errno;

      if (fd >= 0)
        {
          close (fd);
          g_unlink (sink->tmp_path);
        }
      g_set_error (error, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path, g_strerror (saved_errno));
      g_clear_pointer (&sink->path, g_free);
      g_clear_pointer (&sink->tmp_path, g_free);
      return FALSE;
    }
  setvbuf (sink->stream, NULL, _IOFBF, 1 << 20);

  return TRUE;
}

static cairo_status_t
write_to_sink_cb (void                *closure,
                  const unsigned char *data,
                  unsigned int         length)
{
  FileSink *sink = closure;

  if (sink->saved_errno != 0)
    return CAIRO_STATUS_WRITE_ERROR;
  if (fwrite (data, 1, length, sink->stream) != length)
    {
      sink->saved_errno = errno != 0 ? errno : EIO;
      return CAIRO_STATUS_WRITE_ERROR;
    }

  return CAIRO_STATUS_SUCCESS;
}

/* Renames the file into place when @keep and everything was written,
 * removes it otherwise. */
static gboolean
file_sink_close (FileSink  *sink,
                 gboolean   keep,
                 GError   **error)
{
  gboolean replacing = g_file_test (sink->path, G_FILE_TEST_EXISTS);

  if (fflush (sink->stream) != 0 && sink->saved_errno == 0)
    sink->saved_errno = errno;
  /* As g_file_set_contents() does: durable before it replaces a file. */
  if (keep && sink->saved_errno == 0 && replacing && fsync (fileno (sink->stream)) != 0)
    sink->saved_errno = errno;
  if (fclose (sink->stream) != 0 && sink->saved_errno == 0)
    sink->saved_errno = errno;
  if (keep && sink->saved_errno == 0 && g_rename (sink->tmp_path, sink->path) != 0)
    sink->saved_errno = errno;

  if (!keep || sink->saved_errno != 0)
    g_unlink (sink->tmp_path);
  if (keep && sink->saved_errno != 0)
    g_set_error (error, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_WRITE,
                 _("Could not write “%s”: %s"), sink->path, g_strerror (sink->saved_errno));
  keep = keep && sink->saved_errno == 0;
  g_clear_pointer (&sink->path, g_free);
  g_clear_pointer (&sink->tmp_path, g_free);

  return keep;
}

static gboolean
check_cairo (cairo_status_t   status,
             const char      *path,
             GError         **error)
{
  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;

  g_set_error (error, EXTOPO_EXPORT_ERROR,
               status == CAIRO_STATUS_NO_MEMORY || status == CAIRO_STATUS_INVALID_SIZE
               ? EXTOPO_EXPORT_ERROR_TOO_LARGE : EXTOPO_EXPORT_ERROR_WRITE,
               _("Could not draw “%s”: %s"), path, cairo_status_to_string (status));

  return FALSE;
}

static gboolean
write_vector (ExtopoGeometry             *geometry,
              ExtopoExportFormat          format,
              const char                 *path,
              const ExtopoRenderOptions  *options,
              GError                    **error)
{
  FileSink sink;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double width, height;

  extopo_renderer_get_page_size (geometry, options, &width, &height);
  if (!file_sink_open (&sink, path, error))
    return FALSE;

  if (format == EXTOPO_EXPORT_SVG)
    {
      surface = cairo_svg_surface_create_for_stream (write_to_sink_cb, &sink, width, height);
      cairo_svg_surface_set_document_unit (surface, CAIRO_SVG_UNIT_PT);
    }
  else
    {
      surface = cairo_pdf_surface_create_for_stream (write_to_sink_cb, &sink, width, height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                      options->title != NULL
                                      ? options->title
                                      : _("Exchange organization topology"));
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME);
    }

  cr = cairo_create (surface);
  extopo_renderer_draw_page (cr, geometry, options);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  /* A failed write says why; cairo's status only says that it failed. */
  if (status == CAIRO_STATUS_WRITE_ERROR && sink.saved_errno != 0)
    return file_sink_close (&sink, TRUE, error);
  if (!check_cairo (status, path, error))
    {
      file_sink_close (&sink, FALSE, NULL);
      return FALSE;
    }

  return file_sink_close (&sink, TRUE, error);
}

/* The scale a PNG can really be drawn at: @scale lowered until the image
 * fits the limits; 0 when even PNG_MIN_SCALE does not. */
static double
png_fit_scale (double width,
               double height,
               double scale)
{
  double side, area, wanted;

  if (!isfinite (scale) || scale <= 0)
    scale = 1.0;
  wanted = scale;

  side = MAX (width, height) * scale;
  if (side > PNG_MAX_SIDE)
    scale *= PNG_MAX_SIDE / side;

  area = ceil (width * scale) * ceil (height * scale) * 4;
  if (area > PNG_MAX_BYTES)
    scale *= sqrt (PNG_MAX_BYTES / area) * 0.999;

  /* Lowered that far, nothing would be readable: refuse rather than write a smudge. */
  return scale < wanted && scale < PNG_MIN_SCALE ? 0 : scale;
}

gboolean
extopo_export_get_png_size (ExtopoGeometry            *geometry,
                            const ExtopoRenderOptions *options,
                            double                     png_scale,
                            int                       *width,
                            int                       *height,
                            double                    *scale)
{
  double page_width, page_height, fitted;

  g_return_val_if_fail (geometry != NULL, FALSE);

  extopo_renderer_get_page_size (geometry, options, &page_width, &page_height);
  fitted = png_fit_scale (page_width, page_height, png_scale);
  if (width != NULL)
    *width = fitted > 0 ? (int) ceil (page_width * fitted) : 0;
  if (height != NULL)
    *height = fitted > 0 ? (int) ceil (page_height * fitted) : 0;
  if (scale != NULL)
    *scale = fitted;

  return fitted > 0;
}

static gboolean
write_png (ExtopoGeometry             *geometry,
           const char                 *path,
           const ExtopoRenderOptions  *options,
           double                      png_scale,
           GError                    **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  ExtopoRenderOptions scaled = *options;
  cairo_surface_t *surface;
  cairo_t *cr;
  cairo_status_t status;
  double scale;
  int pixels_wide, pixels_high;

  if (!extopo_export_get_png_size (geometry, options, png_scale,
                                   &pixels_wide, &pixels_high, &scale))
    {
      double width, height;

      extopo_renderer_get_page_size (geometry, options, &width, &height);
      g_set_error (error, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_TOO_LARGE,
                   _("Could not write “%s”: the diagram is too large for a PNG image "
                     "(%.0f × %.0f points); export SVG or PDF, or export only the visible area"),
                   path, width, height);
      return FALSE;
    }
  if (isfinite (png_scale) && png_scale > 0 && scale < png_scale)
    g_debug ("%s: PNG scale lowered from %.3g to %.3g to fit", path, png_scale, scale);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, pixels_wide, pixels_high);
  if (!check_cairo (cairo_surface_status (surface), path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }

  cr = cairo_create (surface);
  cairo_scale (cr, scale, scale);
  scaled.scale = scale;
  extopo_renderer_draw_page (cr, geometry, &scaled);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_write_to_png_stream (surface, write_to_bytes_cb, bytes);
  cairo_surface_destroy (surface);

  if (!check_cairo (status, path, error))
    return FALSE;

  return save_contents (path, (const char *) bytes->data, bytes->len, error);
}

static gboolean
write_text (const char  *path,
            char        *text,
            GError     **error)
{
  g_autofree char *owned = text;

  if (owned == NULL)
    {
      g_set_error (error, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: nothing to write"), path);
      return FALSE;
    }

  return save_contents (path, owned, strlen (owned), error);
}

gboolean
extopo_export_write (ExtopoGeometry             *geometry,
                     ExtopoExportFormat          format,
                     const char                 *path,
                     const ExtopoRenderOptions  *options,
                     double                      png_scale,
                     GError                    **error)
{
  ExtopoRenderOptions defaults;
  g_autoptr(GError) dot_error = NULL;
  char *text;

  g_return_val_if_fail (geometry != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    {
      extopo_render_options_init (&defaults);
      options = &defaults;
    }

  switch (format)
    {
    case EXTOPO_EXPORT_SVG:
    case EXTOPO_EXPORT_PDF:
      return write_vector (geometry, format, path, options, error);

    case EXTOPO_EXPORT_PNG:
      return write_png (geometry, path, options, png_scale, error);

    case EXTOPO_EXPORT_DOT:
      text = extopo_layout_to_dot (geometry, &dot_error);
      if (text == NULL)
        {
          g_set_error (error, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_WRITE,
                       _("Could not write “%s”: %s"), path, dot_error->message);
          return FALSE;
        }
      return write_text (path, text, error);

    case EXTOPO_EXPORT_JSON:
    case EXTOPO_EXPORT_CSV:
      if (geometry->model == NULL)
        {
          g_set_error (error, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_WRITE,
                       _("Could not write “%s”: the diagram has no organization to report"),
                       path);
          return FALSE;
        }
      text = format == EXTOPO_EXPORT_JSON ? extopo_report_to_json (geometry->model)
                                          : extopo_report_to_csv (geometry->model);
      return write_text (path, text, error);

    case EXTOPO_EXPORT_UNKNOWN:
    default:
      g_set_error (error, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_UNKNOWN_FORMAT,
                   _("Could not write “%s”: unknown file type (use .svg, .pdf, .png, .dot, "
                     ".json or .csv)"), path);
      return FALSE;
    }
}
