/* extopo-png-writer.c: a page as a PNG image, drawn a strip at a time.
 *
 * cairo writes a PNG only from a whole image surface: 400 MB for the
 * largest picture ExTopo draws. Here the page is drawn into a surface a few
 * hundred rows high, clipped to those rows, and each strip's rows go to
 * libpng before the next is drawn.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-png"

#include "config.h"

#include <errno.h>
#include <setjmp.h>

#include <glib/gi18n.h>
#include <png.h>

#include "extopo-export.h"
#include "extopo-png-writer.h"
#include "extopo-scene.h"

typedef struct
{
  char message[256];
  int  saved_errno;  /* of a failed write, for the caller's message */
} PngFailure;

static void
png_failed (png_structp     png,
            png_const_charp message)
{
  PngFailure *failure = png_get_error_ptr (png);

  failure->saved_errno = errno;
  g_strlcpy (failure->message, message, sizeof failure->message);
  png_longjmp (png, 1);
}

static void
png_warned (png_structp     png,
            png_const_charp message)
{
  g_debug ("libpng: %s", message);
}

/* The part of the drawing that cannot longjmp over automatic cleanups:
 * everything it allocates is freed by the caller. */
typedef struct
{
  cairo_surface_t *strip;
  png_bytep       *rows;
} Work;

static gboolean
draw_strip (Work                      *work,
            ExtopoGeometry            *geometry,
            const ExtopoRenderOptions *options,
            double                     scale,
            int                        width,
            int                        top,
            int                        rows)
{
  ExtopoRenderOptions strip_options = *options;
  ExtopoRect clip = { 0, top / scale, width / scale, rows / scale };
  cairo_t *cr = cairo_create (work->strip);
  cairo_status_t status;

  /* Rows the last strip does not reach stay white, unwritten. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, 0, -top);
  cairo_scale (cr, scale, scale);
  strip_options.scale = scale;
  strip_options.page_clip = &clip;
  extopo_renderer_draw_page (cr, geometry, &strip_options);
  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_flush (work->strip);

  return status == CAIRO_STATUS_SUCCESS;
}

gboolean
extopo_png_write (FILE                       *stream,
                  ExtopoGeometry             *geometry,
                  const ExtopoRenderOptions  *options,
                  double                      scale,
                  int                         width,
                  int                         height,
                  int                         strip_rows,
                  GError                    **error)
{
  ExtopoRenderOptions measured;
  ExtopoPageLayout layout;
  ExtopoScene * volatile built = NULL;
  PngFailure failure = { "" };
  Work work = { NULL, NULL };
  png_structp png = NULL;
  png_infop info = NULL;
  volatile gboolean ok = FALSE;
  volatile gboolean drawn = TRUE;
  const int per_strip = MIN (strip_rows > 0 ? strip_rows : EXTOPO_PNG_STRIP_ROWS, height);
  unsigned char *data;
  int stride;

  g_return_val_if_fail (stream != NULL, FALSE);
  g_return_val_if_fail (geometry != NULL && options != NULL, FALSE);
  g_return_val_if_fail (width > 0 && height > 0 && scale > 0, FALSE);


  /* The title block and legend are measured, and the scene built, once,
   * not per strip. */
  measured = *options;
  extopo_renderer_get_page_layout (geometry, options, &layout);
  measured.page_layout = &layout;
  if (measured.scene == NULL)
    measured.scene = built = extopo_scene_build (geometry, options);

  work.strip = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, per_strip);
  if (cairo_surface_status (work.strip) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_WRITE,
                   _("Could not draw the image: %s"),
                   cairo_status_to_string (cairo_surface_status (work.strip)));
      cairo_surface_destroy (work.strip);
      extopo_scene_unref (built);
      return FALSE;
    }
  data = cairo_image_surface_get_data (work.strip);
  stride = cairo_image_surface_get_stride (work.strip);
  work.rows = g_new (png_bytep, per_strip);
  for (int r = 0; r < per_strip; r++)
    work.rows[r] = data + (gsize) r * stride;

  png = png_create_write_struct (PNG_LIBPNG_VER_STRING, &failure, png_failed, png_warned);
  if (png != NULL)
    info = png_create_info_struct (png);
  if (png == NULL || info == NULL)
    g_strlcpy (failure.message, _("out of memory"), sizeof failure.message);
  else if (setjmp (png_jmpbuf (png)) == 0)
    {
      png_init_io (png, stream);
      png_set_IHDR (png, info, (png_uint_32) width, (png_uint_32) height, 8, PNG_COLOR_TYPE_RGB,
                    PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
      png_write_info (png, info);
      /* cairo's RGB24 is a native-endian 32-bit xRGB word per pixel. */
#if G_BYTE_ORDER == G_LITTLE_ENDIAN
      png_set_bgr (png);
      png_set_filler (png, 0, PNG_FILLER_AFTER);
#else
      png_set_filler (png, 0, PNG_FILLER_BEFORE);
#endif
      for (int top = 0; top < height && drawn; top += per_strip)
        {
          int rows = MIN (per_strip, height - top);

          drawn = draw_strip (&work, geometry, &measured, scale, width, top, rows);
          if (drawn)
            png_write_rows (png, work.rows, (png_uint_32) rows);
        }
      if (drawn)
        {
          png_write_end (png, info);
          ok = TRUE;
        }
    }
  png_destroy_write_struct (png != NULL ? &png : NULL, info != NULL ? &info : NULL);
  g_free (work.rows);
  cairo_surface_destroy (work.strip);
  extopo_scene_unref (built);

  if (ferror (stream))
    {
      /* The file's error, not libpng's "Write Error": left in errno. */
      errno = failure.saved_errno != 0 ? failure.saved_errno : EIO;
      return FALSE;
    }
  if (!drawn)
    g_set_error (error, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_WRITE,
                 _("Could not draw the image"));
  else if (!ok)
    g_set_error (error, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_WRITE,
                 _("Could not write the PNG image: %s"), failure.message);

  return ok;
}
