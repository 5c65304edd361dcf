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
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include "extopo-export.h"
#include "extopo-history.h"
#include "extopo-png-writer.h"
#include "extopo-html-report.h"
#include "extopo-pages.h"
#include "extopo-svg-writer.h"
#include "extopo-vsdx-writer.h"
#include "extopo-dot-writer.h"
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
  { EXTOPO_EXPORT_HTML, "html" },
  { EXTOPO_EXPORT_HTML, "htm" },
  { EXTOPO_EXPORT_VSDX, "vsdx" },
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

/* A file written into a temporary file beside its target, then renamed
 * over it once complete, so a failed export leaves no half file and a large
 * SVG is never held in memory.
 *
 * Overwriting keeps what the user set up: a symbolic link is followed and
 * its target replaced (the temporary file sits beside the target, so the
 * rename stays on one file system); the new file gets the old one's mode,
 * and its owner and group where allowed. A file with several hard links is
 * written in place once the temporary file is complete, so that every link
 * sees the new contents: a failed drawing still leaves it untouched, only an
 * interrupted copy could leave it short. */
typedef struct
{
  char       *path;        /* as the user gave it, for messages */
  char       *target;      /* @path with its symbolic links followed */
  char       *tmp_path;
  FILE       *stream;
  int         saved_errno; /* of the first failed write, 0 if none */
  gboolean    exists;
  struct stat old;
} FileSink;

/* The temporary file being written, for the signal handler: set only while
 * extopo_export_remove_on_signal() is in force, as a plain buffer that an
 * async-signal-safe unlink() can read. */
static gboolean remove_on_signal;
static char signal_tmp_path[4096];
static volatile sig_atomic_t signal_tmp_set;

/* Between creating (removing) the temporary file and telling the handler,
 * a signal would leave it behind: the signals wait until both are done. */
static void
block_signals (sigset_t *old)
{
  sigset_t set;

  sigemptyset (old);
  if (!remove_on_signal)
    return;
  sigemptyset (&set);
  sigaddset (&set, SIGINT);
  sigaddset (&set, SIGTERM);
  pthread_sigmask (SIG_BLOCK, &set, old);
}

static void
unblock_signals (const sigset_t *old)
{
  if (remove_on_signal)
    pthread_sigmask (SIG_SETMASK, old, NULL);
}

static void
track_tmp_path (const char *tmp_path)
{
  if (!remove_on_signal)
    return;
  signal_tmp_set = 0;
  if (tmp_path != NULL && g_strlcpy (signal_tmp_path, tmp_path, sizeof signal_tmp_path)
      < sizeof signal_tmp_path)
    signal_tmp_set = 1;
}

static void
remove_tmp_on_signal (int signum)
{
  int saved_errno = errno;

  if (signal_tmp_set)
    unlink (signal_tmp_path);
  signal (signum, SIG_DFL);
  errno = saved_errno;
  raise (signum);
}

void
extopo_export_remove_on_signal (void)
{
  struct sigaction action = { 0, };

  remove_on_signal = TRUE;
  action.sa_handler = remove_tmp_on_signal;
  sigemptyset (&action.sa_mask);
  sigaction (SIGINT, &action, NULL);
  sigaction (SIGTERM, &action, NULL);
}

static gboolean
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  g_set_error (error, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_WRITE,
               _("Could not write “%s”: %s"), path, g_strerror (saved_errno));

  return FALSE;
}

/* @path with its symbolic links followed, also when the last one dangles. */
static char *
resolve_links (const char *path)
{
  char *target = g_strdup (path);

  for (int i = 0; i < 40; i++)
    {
      g_autofree char *link = g_file_read_link (target, NULL);
      g_autofree char *dir = NULL;

      if (link == NULL)
        break;
      dir = g_path_get_dirname (target);
      g_free (target);
      target = g_path_is_absolute (link) ? g_strdup (link) : g_build_filename (dir, link, NULL);
    }

  return target;
}

static gboolean
file_sink_open (FileSink    *sink,
                const char  *path,
                GError     **error)
{
  g_autofree char *target = resolve_links (path);
  g_autofree char *dir = g_path_get_dirname (target);
  g_autofree char *base = g_path_get_basename (target);
  g_autofree char *tmpl = g_strdup_printf (".%s.XXXXXX", base);
  sigset_t blocked;
  int fd;

  *sink = (FileSink) { g_strdup (path), g_steal_pointer (&target),
                       g_build_filename (dir, tmpl, NULL), NULL, 0, FALSE, { 0, } };
  sink->exists = stat (sink->target, &sink->old) == 0 && S_ISREG (sink->old.st_mode);
  block_signals (&blocked);
  fd = g_mkstemp_full (sink->tmp_path, O_RDWR | O_CLOEXEC,
                       sink->exists ? (int) (sink->old.st_mode & 0777) : 0666);
  if (fd >= 0)
    track_tmp_path (sink->tmp_path);
  unblock_signals (&blocked);
  if (fd >= 0)
    sink->stream = fdopen (fd, "w+b");
  if (sink->stream == NULL)
    {
      int saved_errno = errno;

      if (fd >= 0)
        {
          close (fd);
          block_signals (&blocked);
          g_unlink (sink->tmp_path);
          track_tmp_path (NULL);
          unblock_signals (&blocked);
        }
      set_write_error (error, path, saved_errno);
      g_clear_pointer (&sink->path, g_free);
      g_clear_pointer (&sink->target, g_free);
      g_clear_pointer (&sink->tmp_path, g_free);
      return FALSE;
    }
  setvbuf (sink->stream, NULL, _IOFBF, 1 << 20);
  if (sink->exists)
    {
      /* The umask narrowed the mode given above; the owner, where allowed. */
      if (fchown (fd, sink->old.st_uid, sink->old.st_gid) != 0)
        (void) !fchown (fd, (uid_t) -1, sink->old.st_gid);
      fchmod (fd, sink->old.st_mode & 07777);
    }

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

/* Copies the complete temporary file into the target, for a target with
 * several hard links. */
static int
copy_into_target (FileSink *sink)
{
  char buffer[65536];
  size_t n;
  int fd;
  int saved_errno = 0;

  if (fseek (sink->stream, 0, SEEK_SET) != 0)
    return errno;
  fd = g_open (sink->target, O_WRONLY | O_TRUNC | O_CLOEXEC, 0);
  if (fd < 0)
    return errno;
  while (saved_errno == 0 && (n = fread (buffer, 1, sizeof buffer, sink->stream)) > 0)
    {
      for (size_t done = 0; done < n && saved_errno == 0;)
        {
          ssize_t written = write (fd, buffer + done, n - done);

          if (written < 0 && errno != EINTR)
            saved_errno = errno;
          else if (written > 0)
            done += written;
        }
    }
  if (saved_errno == 0 && ferror (sink->stream))
    saved_errno = EIO;
  if (saved_errno == 0 && fsync (fd) != 0)
    saved_errno = errno;
  if (close (fd) != 0 && saved_errno == 0)
    saved_errno = errno;

  return saved_errno;
}

/* Puts the file into place when @keep and everything was written, removes
 * it otherwise. */
static gboolean
file_sink_close (FileSink  *sink,
                 gboolean   keep,
                 GError   **error)
{
  gboolean in_place = sink->exists && sink->old.st_nlink > 1;
  sigset_t blocked;

  if (fflush (sink->stream) != 0 && sink->saved_errno == 0)
    sink->saved_errno = errno;
  /* As g_file_set_contents() does: durable before it replaces a file. */
  if (keep && sink->saved_errno == 0 && sink->exists && !in_place &&
      fsync (fileno (sink->stream)) != 0)
    sink->saved_errno = errno;
  if (keep && sink->saved_errno == 0 && in_place)
    sink->saved_errno = copy_into_target (sink);
  if (fclose (sink->stream) != 0 && sink->saved_errno == 0)
    sink->saved_errno = errno;

  block_signals (&blocked);
  if (keep && sink->saved_errno == 0 && !in_place &&
      g_rename (sink->tmp_path, sink->target) != 0)
    sink->saved_errno = errno;
  if (!keep || sink->saved_errno != 0 || in_place)
    g_unlink (sink->tmp_path);
  track_tmp_path (NULL);
  unblock_signals (&blocked);
  if (keep && sink->saved_errno != 0)
    set_write_error (error, sink->path, sink->saved_errno);
  keep = keep && sink->saved_errno == 0;
  g_clear_pointer (&sink->path, g_free);
  g_clear_pointer (&sink->target, g_free);
  g_clear_pointer (&sink->tmp_path, g_free);

  return keep;
}

gboolean
extopo_export_save_contents (const char  *path,
                             const char  *data,
                             gsize        length,
                             GError     **error)
{
  FileSink sink;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (!file_sink_open (&sink, path, error))
    return FALSE;
  if (length > 0 && fwrite (data, 1, length, sink.stream) != length)
    sink.saved_errno = errno != 0 ? errno : EIO;

  return file_sink_close (&sink, TRUE, error);
}

gboolean
extopo_export_save_stream (const char              *path,
                           ExtopoExportStreamFunc   write,
                           gpointer                 user_data,
                           GError                 **error)
{
  FileSink sink;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (write != NULL, FALSE);

  if (!file_sink_open (&sink, path, error))
    return FALSE;
  errno = 0;
  if (!write (sink.stream, user_data))
    sink.saved_errno = errno != 0 ? errno : EIO;

  return file_sink_close (&sink, TRUE, error);
}

static gboolean
write_json_cb (FILE     *stream,
               gpointer  user_data)
{
  return extopo_report_write_json (user_data, EXTOPO_REPORT_DEFAULT, stream);
}

static gboolean
write_json_with_source_cb (FILE     *stream,
                           gpointer  user_data)
{
  return extopo_report_write_json (user_data, EXTOPO_REPORT_SHOW_SOURCE, stream);
}

static gboolean
write_csv_cb (FILE     *stream,
              gpointer  user_data)
{
  return extopo_report_write_csv (user_data, stream);
}

char *
extopo_export_default_title (ExtopoModel *model,
                             ExtopoView   view)
{
  GPtrArray *organizations;
  const char *name;

  g_return_val_if_fail (EXTOPO_IS_MODEL (model), NULL);

  organizations = extopo_model_get_organizations (model);
  name = organizations->len > 0
         ? ((ExtopoOrganization *) g_ptr_array_index (organizations, 0))->name
         : NULL;
  if (name == NULL)
    name = _("Exchange organization");

  /* Translators: the default title of an exported diagram: the organization, then the view. */
  return g_strdup_printf (view == EXTOPO_VIEW_ADMIN ? _("%s — administrative groups")
                                                    : _("%s — routing groups"),
                          name);
}

gboolean
extopo_export_write_report (ExtopoModel         *model,
                            ExtopoExportFormat   format,
                            const char          *path,
                            gboolean             show_source,
                            GError             **error)
{
  g_return_val_if_fail (EXTOPO_IS_MODEL (model), FALSE);
  g_return_val_if_fail (format == EXTOPO_EXPORT_JSON || format == EXTOPO_EXPORT_CSV, FALSE);

  return extopo_export_save_stream (path,
                                    format == EXTOPO_EXPORT_CSV ? write_csv_cb
                                    : show_source ? write_json_with_source_cb
                                    : write_json_cb,
                                    model, error);
}

static gboolean
write_svg_cb (FILE     *stream,
              gpointer  user_data)
{
  return extopo_svg_write (user_data, stream);
}

/* SVG is written from the scene, with real text, not by cairo. */
static gboolean
write_svg (ExtopoGeometry             *geometry,
           const char                 *path,
           const ExtopoRenderOptions  *options,
           GError                    **error)
{
  g_autoptr(ExtopoScene) scene = extopo_scene_build (geometry, options);

  return extopo_export_save_stream (path, write_svg_cb, scene, error);
}

typedef struct
{
  ExtopoScene                 *scene;
  ExtopoModel                 *model;
  const struct _ExtopoHistory *history;
} HtmlJob;

static gboolean
write_html_cb (FILE     *stream,
               gpointer  user_data)
{
  HtmlJob *job = user_data;

  return extopo_html_report_write (job->scene, job->model, job->history, stream);
}

static gboolean
write_html (ExtopoGeometry             *geometry,
            const char                 *path,
            const ExtopoRenderOptions  *options,
            GError                    **error)
{
  g_autoptr(ExtopoScene) scene = extopo_scene_build (geometry, options);
  HtmlJob job = { scene, geometry->model, options->history };
  ExtopoHistory unnamed;

  /* The snapshots' folder is a source too: named only when asked. */
  if (options->history != NULL && !options->show_source)
    {
      unnamed = *options->history;
      unnamed.folder = NULL;
      job.history = &unnamed;
    }

  return extopo_export_save_stream (path, write_html_cb, &job, error);
}

/* Both views, each a page: the one asked for first, with its collapsed
 * groups; the other laid out afresh, with the same ghosts. */
static gboolean
write_vsdx (ExtopoGeometry             *geometry,
            const char                 *path,
            const ExtopoRenderOptions  *options,
            GError                    **error)
{
  ExtopoView other_view = geometry->view == EXTOPO_VIEW_ADMIN ? EXTOPO_VIEW_ROUTING
                                                              : EXTOPO_VIEW_ADMIN;
  /* A comparison's ghosts go in the other view too. */
  ExtopoLayoutOptions layout_options = { other_view, NULL, geometry->ghosts };
  g_autoptr(ExtopoGeometry) other = NULL;
  g_autoptr(ExtopoScene) first = NULL;
  g_autoptr(ExtopoScene) second = NULL;
  g_autoptr(GBytes) package = NULL;
  ExtopoRenderOptions plain = *options;
  ExtopoScene *scenes[2];
  const char *names[2];
  gsize length;
  const char *data;

  /* One page per whole view: no title block, no on-screen cut. */
  plain.show_title = FALSE;
  plain.show_legend = FALSE;
  plain.visible = NULL;
  first = extopo_scene_build (geometry, &plain);
  scenes[0] = first;
  names[0] = geometry->view == EXTOPO_VIEW_ADMIN ? _("Administrative groups")
                                                 : _("Routing groups");
  other = extopo_layout_compute (geometry->model, &layout_options, NULL, error);
  if (other == NULL)
    return FALSE;
  second = extopo_scene_build (other, &plain);
  scenes[1] = second;
  names[1] = other_view == EXTOPO_VIEW_ADMIN ? _("Administrative groups") : _("Routing groups");

  package = extopo_vsdx_write ((ExtopoScene * const *) scenes, names, 2, error);
  if (package == NULL)
    return FALSE;
  data = g_bytes_get_data (package, &length);

  return extopo_export_save_contents (path, data, length, error);
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
  ExtopoPagePlan plan;
  ExtopoPageLayout layout;
  ExtopoRenderOptions measured = *options;
  g_autoptr(ExtopoScene) scene = NULL;
  double width, height;

  /* Measured and built once for every page. */
  extopo_renderer_get_page_layout (geometry, options, &layout);
  measured.page_layout = &layout;
  if (measured.scene == NULL)
    measured.scene = scene = extopo_scene_build (geometry, options);
  options = &measured;
  width = layout.width;
  height = layout.height;
  /* A PDF page stays within what viewers open, on the paper asked for. */
  if (format == EXTOPO_EXPORT_PDF)
    {
      extopo_page_plan_compute (&plan, width, height, options->paper);
      extopo_page_plan_get_sheet_size (&plan, 0, &width, &height);
    }
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
  if (format == EXTOPO_EXPORT_SVG)
    extopo_renderer_draw_page (cr, geometry, options);
  else
    for (guint page = 0; page < extopo_page_plan_get_n_pages (&plan); page++)
      {
        extopo_page_plan_get_sheet_size (&plan, page, &width, &height);
        cairo_pdf_surface_set_size (surface, width, height);
        extopo_page_plan_draw_page (&plan, page, cr, width, height, geometry, options);
        cairo_show_page (cr);
      }
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

typedef struct
{
  ExtopoGeometry            *geometry;
  const ExtopoRenderOptions *options;
  double                     scale;
  int                        width;
  int                        height;
  GError                    *error;     /* of drawing or encoding */
} PngJob;

static gboolean
write_png_cb (FILE     *stream,
              gpointer  user_data)
{
  PngJob *job = user_data;

  return extopo_png_write (stream, job->geometry, job->options, job->scale, job->width,
                           job->height, 0, &job->error);
}

static gboolean
write_png (ExtopoGeometry             *geometry,
           const char                 *path,
           const ExtopoRenderOptions  *options,
           double                      png_scale,
           GError                    **error)
{
  PngJob job = { geometry, options };
  g_autoptr(GError) save_error = NULL;

  if (!extopo_export_get_png_size (geometry, options, png_scale,
                                   &job.width, &job.height, &job.scale))
    {
      double width, height;

      extopo_renderer_get_page_size (geometry, options, &width, &height);
      g_set_error (error, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_TOO_LARGE,
                   _("Could not write “%s”: the diagram is too large for a PNG image "
                     "(%.0f × %.0f points); export SVG or PDF, or export only the visible area"),
                   path, width, height);
      return FALSE;
    }
  if (isfinite (png_scale) && png_scale > 0 && job.scale < png_scale)
    g_debug ("%s: PNG scale lowered from %.3g to %.3g to fit", path, png_scale, job.scale);

  /* Drawn in strips straight into the file. */
  if (extopo_export_save_stream (path, write_png_cb, &job, &save_error))
    return TRUE;
  if (job.error != NULL)
    {
      g_set_error (error, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_WRITE,
                   _("Could not write “%s”: %s"), path, job.error->message);
      g_error_free (job.error);
    }
  else
    g_propagate_error (error, g_steal_pointer (&save_error));

  return FALSE;
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

  return extopo_export_save_contents (path, owned, strlen (owned), error);
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
      return write_svg (geometry, path, options, error);

    case EXTOPO_EXPORT_PDF:
      return write_vector (geometry, format, path, options, error);

    case EXTOPO_EXPORT_PNG:
      return write_png (geometry, path, options, png_scale, error);

    case EXTOPO_EXPORT_DOT:
      text = extopo_dot_write (geometry, options, &dot_error);
      if (text == NULL)
        {
          g_set_error (error, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_WRITE,
                       _("Could not write “%s”: %s"), path, dot_error->message);
          return FALSE;
        }
      return write_text (path, text, error);

    case EXTOPO_EXPORT_VSDX:
    case EXTOPO_EXPORT_HTML:
    case EXTOPO_EXPORT_JSON:
    case EXTOPO_EXPORT_CSV:
      if (geometry->model == NULL)
        {
          g_set_error (error, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_WRITE,
                       _("Could not write “%s”: the diagram has no organization to report"),
                       path);
          return FALSE;
        }
      if (format == EXTOPO_EXPORT_HTML)
        return write_html (geometry, path, options, error);
      if (format == EXTOPO_EXPORT_VSDX)
        return write_vsdx (geometry, path, options, error);
      return extopo_export_write_report (geometry->model, format, path, options->show_source,
                                         error);

    case EXTOPO_EXPORT_UNKNOWN:
    default:
      g_set_error (error, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_UNKNOWN_FORMAT,
                   _("Could not write “%s”: unknown file type (use .svg, .pdf, .png, .dot, "
                     ".json, .csv, .html or .vsdx)"), path);
      return FALSE;
    }
}
