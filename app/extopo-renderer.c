/* extopo-renderer.c: the one cairo drawing routine for the screen and every export.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-renderer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "extopo-findings.h"
#include "extopo-renderer.h"
#include "extopo-scene.h"

/* Text smaller than this many device pixels is not drawn. */
#define MIN_TEXT_PIXELS   4.0
/* Below this scale, server boxes lose their badges and icons. */
#define DETAIL_SCALE      0.45
#define NAME_SIZE         9.0
#define SMALL_SIZE        7.0
#define FRAME_TITLE_SIZE 10.0
#define ADMIN_TITLE_SIZE 12.0
#define ARROW_LENGTH      9.0
#define ARROW_HALF_WIDTH  4.0
/* Zoomed far out: edges simplified to a point every few pixels, and no
 * antialiasing once server boxes are this few pixels high. */
#define PLAIN_EDGE_STEP    3.0
#define PLAIN_EDGE_BATCH  24
/* Pills that say where a connector leaving a printed tile goes. */
#define REFERENCE_HEIGHT  13.0
#define REFERENCE_TRIES   24
#define EXIT_STEPS_PER_SEGMENT 8
#define EXIT_BISECTIONS   16
#define EDGE_HAZE          0.35
#define SERVER_BOX_HEIGHT 54.0
#define ALIASED_BOX_PIXELS 4.0
#define PAGE_MARGIN      24.0
/* How far a stroke, shadow or halo reaches outside an object's box. */
#define CULL_MARGIN       6.0
#define PAGE_GAP         24.0
#define TITLE_HEIGHT     64.0
#define TITLE_MAX_REASONS 6
#define PAGE_MIN_WIDTH  460.0
#define LEGEND_WIDTH    300.0
#define LEGEND_PADDING   12.0

typedef struct
{
  double r, g, b;
} Rgb;

typedef struct
{
  cairo_t                   *cr;
  PangoLayout               *layout;
  ExtopoGeometry            *geometry;
  const ExtopoRenderOptions *options;
  const ExtopoRect          *visible;   /* diagram area drawn, or NULL */
  double                     page_dx;   /* diagram to page, on a printed tile */
  double                     page_dy;
  double                     scale;
  gboolean                   detailed;
  cairo_t                   *scratch;     /* owned, when only measuring */
  GHashTable                *pills;       /* text -> PangoLayout, the few badge texts */
  GPtrArray                 *text_batches; /* GlyphBatch*, while text is gathered */
  GArray                    *capsules;    /* Capsule, while pills and dots are gathered */
  GHashTable                *ascii_fonts; /* font key -> AsciiFont*, for gathered text */
} Painter;

/* Plain ASCII text in one font, laid out from a table of its characters'
 * glyphs and advances, each shaped once: server names and FQDNs, thousands
 * of them, without a layout each. (No kerning: at these sizes it moves a
 * glyph by a fraction of a point.) */
typedef enum
{
  ASCII_UNKNOWN,
  ASCII_OK,
  ASCII_UNUSABLE,
} AsciiState;

typedef struct
{
  cairo_scaled_font_t *font;
  double               baseline;
  double               height;
  guint                glyphs[129];      /* 128: the ellipsis */
  double               advances[129];
  guint8               states[129];
} AsciiFont;

static void
ascii_font_free (gpointer data)
{
  AsciiFont *af = data;

  if (af->font != NULL)
    cairo_scaled_font_destroy (af->font);
  g_free (af);
}

/* A pill or a dot waiting to be stroked with all others of its colour and
 * thickness. */
typedef struct
{
  double     x, y, length, thickness;
  const Rgb *colour;
} Capsule;

/* Glyphs of one font and colour gathered from many layouts, shown with one
 * cairo_show_glyphs(): one element instead of one per text in a vector
 * export, and fewer calls on screen. */
typedef struct
{
  cairo_scaled_font_t *font;
  double               r, g, b, a;
  GArray              *glyphs;    /* cairo_glyph_t */
} GlyphBatch;

static void
glyph_batch_free (gpointer data)
{
  GlyphBatch *batch = data;

  cairo_scaled_font_destroy (batch->font);
  g_array_unref (batch->glyphs);
  g_free (batch);
}

static GlyphBatch *
glyph_batch_get (GPtrArray           *batches,
                 cairo_scaled_font_t *font,
                 double               r,
                 double               g,
                 double               b,
                 double               a)
{
  GlyphBatch *batch;

  for (guint i = 0; i < batches->len; i++)
    {
      batch = g_ptr_array_index (batches, i);
      if (batch->font == font && batch->r == r && batch->g == g && batch->b == b &&
          batch->a == a)
        return batch;
    }
  batch = g_new0 (GlyphBatch, 1);
  batch->font = cairo_scaled_font_reference (font);
  batch->r = r;
  batch->g = g;
  batch->b = b;
  batch->a = a;
  batch->glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  g_ptr_array_add (batches, batch);

  return batch;
}

/* Adds @layout's glyphs, with its top-left corner at (x, y), to the batches
 * of the current source colour; FALSE when it cannot be gathered (a
 * pattern source, a missing glyph), to be shown at once instead. */
static gboolean
gather_layout (Painter     *painter,
               PangoLayout *layout,
               double       x,
               double       y)
{
  g_autoptr(GArray) pending = NULL;
  PangoLayoutIter *iter;
  const char *text;
  double r, g, b, a;
  gboolean ok = TRUE;
  struct
  {
    cairo_scaled_font_t *font;
    guint                start;
    guint                end;
  } runs[8];
  guint n_runs = 0;

  if (cairo_pattern_get_rgba (cairo_get_source (painter->cr), &r, &g, &b, &a) !=
      CAIRO_STATUS_SUCCESS)
    return FALSE;

  pending = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  text = pango_layout_get_text (layout);
  iter = pango_layout_get_iter (layout);
  do
    {
      PangoLayoutRun *run = pango_layout_iter_get_run_readonly (iter);
      PangoRectangle logical;
      double baseline, gx;
      cairo_scaled_font_t *font;

      if (run == NULL)
        continue;
      font = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (run->item->analysis.font));
      if (font == NULL || n_runs == G_N_ELEMENTS (runs))
        {
          ok = FALSE;
          break;
        }
      pango_layout_iter_get_run_extents (iter, NULL, &logical);
      baseline = y + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      gx = x + (double) logical.x / PANGO_SCALE;
      runs[n_runs].font = font;
      runs[n_runs].start = pending->len;
      for (int i = 0; i < run->glyphs->num_glyphs; i++)
        {
          const PangoGlyphInfo *info = &run->glyphs->glyphs[i];

          if ((info->glyph & PANGO_GLYPH_UNKNOWN_FLAG) != 0)
            {
              ok = FALSE;
              break;
            }
          /* A space draws nothing: leave its glyph out of the output. */
          if (info->glyph != PANGO_GLYPH_EMPTY &&
              text[run->item->offset + run->glyphs->log_clusters[i]] != ' ')
            {
              cairo_glyph_t glyph = {
                info->glyph,
                gx + (double) info->geometry.x_offset / PANGO_SCALE,
                baseline + (double) info->geometry.y_offset / PANGO_SCALE,
              };

              g_array_append_val (pending, glyph);
            }
          gx += (double) info->geometry.width / PANGO_SCALE;
        }
      runs[n_runs].end = pending->len;
      n_runs++;
    }
  while (ok && pango_layout_iter_next_run (iter));
  pango_layout_iter_free (iter);

  if (!ok)
    return FALSE;
  for (guint i = 0; i < n_runs; i++)
    if (runs[i].end > runs[i].start)
      g_array_append_vals (glyph_batch_get (painter->text_batches, runs[i].font, r, g, b, a)->glyphs,
                           &g_array_index (pending, cairo_glyph_t, runs[i].start),
                           runs[i].end - runs[i].start);

  return TRUE;
}

/* Shows a laid-out text now, or gathers it while text is batched. */
static void
show_layout (Painter     *painter,
             PangoLayout *layout,
             double       x,
             double       y)
{
  if (painter->text_batches != NULL && gather_layout (painter, layout, x, y))
    return;

  cairo_move_to (painter->cr, x, y);
  pango_cairo_show_layout (painter->cr, layout);
}

/* Shows every gathered glyph, a call per font and colour. */
static void
flush_text (Painter *painter)
{
  cairo_t *cr = painter->cr;

  if (painter->text_batches == NULL)
    return;

  cairo_save (cr);
  for (guint i = 0; i < painter->text_batches->len; i++)
    {
      GlyphBatch *batch = g_ptr_array_index (painter->text_batches, i);

      if (batch->glyphs->len == 0)
        continue;
      cairo_set_scaled_font (cr, batch->font);
      cairo_set_source_rgba (cr, batch->r, batch->g, batch->b, batch->a);
      cairo_show_glyphs (cr, (cairo_glyph_t *) (gpointer) batch->glyphs->data,
                         (int) batch->glyphs->len);
    }
  cairo_restore (cr);
  g_ptr_array_set_size (painter->text_batches, 0);
}

/* The worst findings a group frame carries itself. */
typedef struct
{
  ExtopoSeverity severity;
  guint          count;
} GroupMark;

static const Rgb status_accent[] = {
  [EXTOPO_STATUS_OK]          = { 0.42, 0.58, 0.48 },
  [EXTOPO_STATUS_WARNING]     = { 0.88, 0.60, 0.10 },
  [EXTOPO_STATUS_ERROR]       = { 0.80, 0.20, 0.18 },
  [EXTOPO_STATUS_UNSUPPORTED] = { 0.45, 0.13, 0.42 },
};

static const Rgb status_fill[] = {
  [EXTOPO_STATUS_OK]          = { 0.90, 0.94, 0.91 },
  [EXTOPO_STATUS_WARNING]     = { 0.99, 0.93, 0.80 },
  [EXTOPO_STATUS_ERROR]       = { 0.98, 0.86, 0.85 },
  [EXTOPO_STATUS_UNSUPPORTED] = { 0.90, 0.84, 0.91 },
};

static const Rgb ink = { 0.15, 0.17, 0.20 };
static const Rgb muted_ink = { 0.40, 0.43, 0.48 };
static const Rgb edge_ink = { 0.33, 0.37, 0.44 };
static const Rgb selection_ink = { 0.16, 0.45, 0.85 };
static const Rgb match_ink = { 1.00, 0.80, 0.10 };
static const Rgb routing_fill = { 0.955, 0.962, 0.972 };
static const Rgb routing_border = { 0.58, 0.63, 0.70 };
static const Rgb admin_fill = { 0.988, 0.980, 0.962 };
static const Rgb admin_border = { 0.55, 0.48, 0.38 };
static const Rgb interop_fill = { 0.89, 0.93, 0.99 };
static const Rgb interop_border = { 0.20, 0.40, 0.75 };
static const Rgb badge_fill = { 0.86, 0.88, 0.92 };
static const Rgb role_fill = { 0.82, 0.88, 0.97 };

static const ExtopoRoles all_roles[] = {
  EXTOPO_ROLE_MAILBOX,
  EXTOPO_ROLE_CLIENT_ACCESS,
  EXTOPO_ROLE_UNIFIED_MESSAGING,
  EXTOPO_ROLE_HUB_TRANSPORT,
  EXTOPO_ROLE_EDGE_TRANSPORT,
};

static ExtopoStatus
clamp_status (ExtopoStatus status)
{
  return status <= EXTOPO_STATUS_UNSUPPORTED ? status : EXTOPO_STATUS_ERROR;
}

void
extopo_renderer_status_color (ExtopoStatus  status,
                              double       *r,
                              double       *g,
                              double       *b)
{
  const Rgb *c = &status_accent[clamp_status (status)];

  if (r != NULL)
    *r = c->r;
  if (g != NULL)
    *g = c->g;
  if (b != NULL)
    *b = c->b;
}

void
extopo_renderer_status_fill_color (ExtopoStatus  status,
                                   double       *rgb)
{
  const Rgb *c = &status_fill[clamp_status (status)];

  rgb[0] = c->r;
  rgb[1] = c->g;
  rgb[2] = c->b;
}

void
extopo_renderer_frame_colors (ExtopoObjectKind  kind,
                              gboolean          interop,
                              double           *fill,
                              double           *border)
{
  const Rgb *f = interop ? &interop_fill
                 : kind == EXTOPO_OBJECT_ADMIN_GROUP ? &admin_fill : &routing_fill;
  const Rgb *b = interop ? &interop_border
                 : kind == EXTOPO_OBJECT_ADMIN_GROUP ? &admin_border : &routing_border;

  fill[0] = f->r;
  fill[1] = f->g;
  fill[2] = f->b;
  border[0] = b->r;
  border[1] = b->g;
  border[2] = b->b;
}

void
extopo_render_options_init (ExtopoRenderOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (ExtopoRenderOptions) { 0 };
  options->scale = 1.0;
  options->show_legend = TRUE;
  options->show_title = TRUE;
}

static void
set_rgb (cairo_t   *cr,
         const Rgb *c)
{
  cairo_set_source_rgb (cr, c->r, c->g, c->b);
}

static guint
font_key (double   size,
          gboolean bold)
{
  return (guint) (size * 10) * 2 + (bold ? 1 : 0);
}

static PangoFontDescription *
get_font (double   size,
          gboolean bold)
{
  /* Font descriptions are made once per size and weight, never per node. */
  static GMutex lock;
  static GHashTable *fonts;
  PangoFontDescription *font;
  guint key = font_key (size, bold);

  g_mutex_lock (&lock);
  if (fonts == NULL)
    fonts = g_hash_table_new (NULL, NULL);
  font = g_hash_table_lookup (fonts, GUINT_TO_POINTER (key));
  if (font == NULL)
    {
      font = pango_font_description_from_string ("Sans");
      pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
      pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
      g_hash_table_insert (fonts, GUINT_TO_POINTER (key), font);
    }
  g_mutex_unlock (&lock);

  return font;
}

static PangoLayout *
create_layout (cairo_t *cr)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  cairo_font_options_t *font_options = cairo_font_options_create ();

  /* Metrics independent of the device, so boxes look the same on screen and paper. */
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), font_options);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (font_options);

  return layout;
}

static gboolean
text_visible (Painter *painter,
              double   size)
{
  return size * painter->scale >= MIN_TEXT_PIXELS;
}

/* Shapes character @index (128: the ellipsis) of @af alone, once. */
static gboolean
ascii_font_char (Painter   *painter,
                 AsciiFont *af,
                 double     size,
                 gboolean   bold,
                 guint      index)
{
  PangoLayout *layout = painter->layout;
  PangoLayoutIter *iter;
  PangoLayoutRun *run;
  char text[2] = { (char) index, 0 };
  int w, h;

  if (af->states[index] != ASCII_UNKNOWN)
    return af->states[index] == ASCII_OK;

  af->states[index] = ASCII_UNUSABLE;
  pango_layout_set_font_description (layout, get_font (size, bold));
  pango_layout_set_width (layout, -1);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
  pango_layout_set_text (layout, index == 128 ? "…" : text, -1);
  pango_layout_get_size (layout, &w, &h);
  if (pango_layout_get_line_count (layout) != 1)
    return FALSE;
  iter = pango_layout_get_iter (layout);
  run = pango_layout_iter_get_run_readonly (iter);
  if (run != NULL && run->glyphs->num_glyphs == 1 &&
      (run->glyphs->glyphs[0].glyph & PANGO_GLYPH_UNKNOWN_FLAG) == 0 &&
      run->glyphs->glyphs[0].glyph != PANGO_GLYPH_EMPTY &&
      run->glyphs->glyphs[0].geometry.x_offset == 0 &&
      run->glyphs->glyphs[0].geometry.y_offset == 0)
    {
      cairo_scaled_font_t *font =
        pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (run->item->analysis.font));

      if (af->font == NULL && font != NULL)
        {
          af->font = cairo_scaled_font_reference (font);
          af->baseline = round ((double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE);
          af->height = (double) h / PANGO_SCALE;
        }
      if (font != NULL && font == af->font && (double) h / PANGO_SCALE == af->height)
        {
          af->glyphs[index] = run->glyphs->glyphs[0].glyph;
          af->advances[index] = (double) run->glyphs->glyphs[0].geometry.width / PANGO_SCALE;
          af->states[index] = ASCII_OK;
        }
    }
  pango_layout_iter_free (iter);

  return af->states[index] == ASCII_OK;
}

/* One line of printable ASCII at most @width wide (0: unbounded), ellipsized,
 * gathered with its top-left corner at (x, y) when @paint; FALSE when the
 * text needs a real layout. */
static gboolean
show_ascii_text (Painter    *painter,
                 const char *text,
                 double      size,
                 gboolean    bold,
                 double      x,
                 double      y,
                 double      width,
                 gboolean    paint,
                 double     *text_width,
                 double     *text_height)
{
  cairo_glyph_t glyphs[256];
  AsciiFont *af;
  double total = 0, r, g, b, a;
  guint n = 0, len = (guint) strlen (text);
  guint key = font_key (size, bold);

  if (len == 0 || len > 250 ||
      cairo_pattern_get_rgba (cairo_get_source (painter->cr), &r, &g, &b, &a) !=
      CAIRO_STATUS_SUCCESS)
    return FALSE;
  for (guint i = 0; i < len; i++)
    if ((guchar) text[i] < 0x20 || (guchar) text[i] > 0x7e)
      return FALSE;

  if (painter->ascii_fonts == NULL)
    painter->ascii_fonts = g_hash_table_new_full (NULL, NULL, NULL, ascii_font_free);
  af = g_hash_table_lookup (painter->ascii_fonts, GUINT_TO_POINTER (key));
  if (af == NULL)
    {
      af = g_new0 (AsciiFont, 1);
      g_hash_table_insert (painter->ascii_fonts, GUINT_TO_POINTER (key), af);
    }

  for (guint i = 0; i < len; i++)
    {
      guint c = (guchar) text[i];

      if (!ascii_font_char (painter, af, size, bold, c))
        return FALSE;
      glyphs[n++] = (cairo_glyph_t) { af->glyphs[c], x + total, y + af->baseline };
      total += af->advances[c];
    }

  if (width > 0 && total > width)
    {
      if (!ascii_font_char (painter, af, size, bold, 128))
        return FALSE;
      /* As Pango ends an ellipsized line: what fits, then "…". */
      while (n > 0 && glyphs[n - 1].x - x + af->advances[128] > width)
        n--;
      total = n > 0 ? glyphs[n - 1].x - x : 0;
      total += n > 0 ? af->advances[(guchar) text[n - 1]] : 0;
      while (n > 0 && total + af->advances[128] > width)
        {
          n--;
          total -= af->advances[(guchar) text[n]];
        }
      glyphs[n++] = (cairo_glyph_t) { af->glyphs[128], x + total, y + af->baseline };
      total += af->advances[128];
    }

  if (paint)
    {
      GArray *batch = glyph_batch_get (painter->text_batches, af->font, r, g, b, a)->glyphs;

      /* A space draws nothing: leave its glyph out of the output. */
      for (guint i = 0; i < n; i++)
        if (i == n - 1 || i >= len || text[i] != ' ')
          g_array_append_val (batch, glyphs[i]);
    }
  *text_width = total;
  *text_height = af->height;

  return TRUE;
}

/* Sets up the shared layout for @text at most @width wide (0: unbounded),
 * one ellipsized line or a wrapped paragraph, paints it with its top-left
 * corner at (x, y) when @paint, and gives its size. */
static void
show_text (Painter    *painter,
           const char *text,
           double      size,
           gboolean    bold,
           gboolean    paragraph,
           double      x,
           double      y,
           double      width,
           gboolean    paint,
           double     *text_width,
           double     *text_height)
{
  PangoLayout *layout = painter->layout;
  int w, h;

  if (painter->text_batches != NULL && !paragraph && text != NULL &&
      show_ascii_text (painter, text, size, bold, x, y, width, paint, text_width, text_height))
    return;

  pango_layout_set_font_description (layout, get_font (size, bold));
  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (layout, width > 0 && !paragraph ? PANGO_ELLIPSIZE_END
                                                              : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_layout_get_size (layout, &w, &h);

  if (paint)
    show_layout (painter, layout, x, y);

  *text_width = (double) w / PANGO_SCALE;
  *text_height = (double) h / PANGO_SCALE;
}

/* One line; returns its width. */
static double
draw_text (Painter    *painter,
           const char *text,
           double      size,
           gboolean    bold,
           double      x,
           double      y,
           double      width,
           gboolean    paint)
{
  double w, h;

  show_text (painter, text, size, bold, FALSE, x, y, width, paint, &w, &h);

  return w;
}

/* A wrapped paragraph; returns its height. */
static double
draw_paragraph (Painter    *painter,
                const char *text,
                double      size,
                double      x,
                double      y,
                double      width,
                gboolean    paint)
{
  double w, h;

  show_text (painter, text, size, FALSE, TRUE, x, y, width, paint, &w, &h);

  return h;
}

static void
rounded_rect (cairo_t *cr,
              double   x,
              double   y,
              double   w,
              double   h,
              double   r)
{
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A round-capped line @thickness wide: a pill, or a dot when @length is 0.
 * One short stroke instead of a filled outline of four arcs, which in a
 * vector export is a quarter of the numbers for the same picture. */
static void
stroke_capsule (cairo_t *cr,
                double   x,
                double   y,
                double   length,
                double   thickness)
{
  cairo_move_to (cr, x, y);
  /* Not quite zero: some SVG viewers drop zero-length lines, caps and all. */
  cairo_line_to (cr, x + MAX (length, 0.01), y);
  cairo_set_line_width (cr, thickness);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke (cr);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

/* Strokes a capsule now, or gathers it while capsules are batched. */
static void
queue_capsule (Painter   *painter,
               const Rgb *colour,
               double     x,
               double     y,
               double     length,
               double     thickness)
{
  if (painter->capsules != NULL)
    {
      Capsule capsule = { x, y, length, thickness, colour };

      g_array_append_val (painter->capsules, capsule);
      return;
    }

  set_rgb (painter->cr, colour);
  stroke_capsule (painter->cr, x, y, length, thickness);
}

/* Strokes the gathered capsules, one path per colour and thickness. */
static void
flush_capsules (Painter *painter)
{
  cairo_t *cr = painter->cr;
  GArray *capsules = painter->capsules;
  guint done = 0;

  if (capsules == NULL)
    return;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  while (done < capsules->len)
    {
      Capsule key = g_array_index (capsules, Capsule, done);
      guint kept = done;

      /* Those like the first go into the path; the others move up. */
      for (guint i = done; i < capsules->len; i++)
        {
          Capsule c = g_array_index (capsules, Capsule, i);

          if (c.colour == key.colour && c.thickness == key.thickness)
            {
              cairo_move_to (cr, c.x, c.y);
              cairo_line_to (cr, c.x + MAX (c.length, 0.01), c.y);
            }
          else
            g_array_index (capsules, Capsule, kept++) = c;
        }
      g_array_set_size (capsules, kept);
      set_rgb (cr, key.colour);
      cairo_set_line_width (cr, key.thickness);
      cairo_stroke (cr);
    }
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

/* Pills hold a handful of distinct texts (versions, roles) thousands of
 * times: each is shaped once. */
static PangoLayout *
pill_layout (Painter    *painter,
             const char *text)
{
  PangoLayout *layout;

  if (painter->pills == NULL)
    painter->pills = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  layout = g_hash_table_lookup (painter->pills, text);
  if (layout == NULL)
    {
      layout = pango_layout_new (pango_layout_get_context (painter->layout));
      pango_layout_set_font_description (layout, get_font (SMALL_SIZE, TRUE));
      pango_layout_set_text (layout, text, -1);
      g_hash_table_insert (painter->pills, g_strdup (text), layout);
    }

  return layout;
}

/* A small pill with text; returns its width. */
static double
draw_pill (Painter    *painter,
           const char *text,
           double      x,
           double      y,
           const Rgb  *fill,
           const Rgb  *text_color,
           gboolean    paint)
{
  PangoLayout *layout = pill_layout (painter, text != NULL ? text : "");
  double h = 12, w;
  int text_width;

  pango_layout_get_size (layout, &text_width, NULL);
  w = (double) text_width / PANGO_SCALE + 8;
  if (!paint)
    return w;

  queue_capsule (painter, fill, x + h / 2, y + h / 2, w - h, h);
  set_rgb (painter->cr, text_color);
  show_layout (painter, layout, x + 4, y + 0.5);

  return w;
}

/* Appends the white mark of a status icon (check, bar of the !, x or ⊘)
 * centred on (cx, cy) at @s times its 14-unit design, to be stroked
 * 1.6 * @s wide with round caps; the dot of the ! is separate. */
static void
path_status_mark (cairo_t      *cr,
                  ExtopoStatus  status,
                  double        cx,
                  double        cy,
                  double        s)
{
  switch (status)
    {
    case EXTOPO_STATUS_OK:
      cairo_move_to (cr, cx - 3.2 * s, cy + 0.2 * s);
      cairo_line_to (cr, cx - 1.0 * s, cy + 2.6 * s);
      cairo_line_to (cr, cx + 3.4 * s, cy - 2.6 * s);
      break;
    case EXTOPO_STATUS_WARNING:
      cairo_move_to (cr, cx, cy - 3.8 * s);
      cairo_line_to (cr, cx, cy + 0.8 * s);
      break;
    case EXTOPO_STATUS_ERROR:
      cairo_move_to (cr, cx - 2.7 * s, cy - 2.7 * s);
      cairo_line_to (cr, cx + 2.7 * s, cy + 2.7 * s);
      cairo_move_to (cr, cx + 2.7 * s, cy - 2.7 * s);
      cairo_line_to (cr, cx - 2.7 * s, cy + 2.7 * s);
      break;
    case EXTOPO_STATUS_UNSUPPORTED:
    default:
      cairo_new_sub_path (cr);
      cairo_arc (cr, cx, cy, 3.6 * s, 0, 2 * G_PI);
      cairo_move_to (cr, cx - 2.5 * s, cy + 2.5 * s);
      cairo_line_to (cr, cx + 2.5 * s, cy - 2.5 * s);
      break;
    }
}

static void
set_mark_style (cairo_t *cr,
                double   s)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 1.6 * s);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
}

/* A filled circle with a white check, !, x or ⊘, drawn in cairo. */
static void
draw_status_icon (cairo_t      *cr,
                  ExtopoStatus  status,
                  double        cx,
                  double        cy,
                  double        radius)
{
  double s = radius / 7.0;

  status = clamp_status (status);
  set_rgb (cr, &status_accent[status]);
  stroke_capsule (cr, cx, cy, 0, 2 * radius);

  path_status_mark (cr, status, cx, cy, s);
  set_mark_style (cr, s);
  cairo_stroke (cr);
  if (status == EXTOPO_STATUS_WARNING)
    {
      cairo_arc (cr, cx, cy + 3.2 * s, 0.95 * s, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
}

static gboolean
is_match (const ExtopoRenderOptions *options,
          gpointer                   object)
{
  return options->matches != NULL && object != NULL &&
         g_hash_table_contains (options->matches, object);
}

static void
outline_box (cairo_t          *cr,
             const ExtopoRect *box,
             double            outset,
             double            radius,
             const Rgb        *color,
             double            alpha,
             double            width)
{
  rounded_rect (cr, box->x - outset, box->y - outset,
                box->width + 2 * outset, box->height + 2 * outset, radius + outset);
  cairo_set_source_rgba (cr, color->r, color->g, color->b, alpha);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

static void
draw_highlight (Painter          *painter,
                ExtopoObjectKind  kind,
                gpointer          object,
                const ExtopoRect *box,
                double            radius)
{
  const ExtopoRenderOptions *options = painter->options;
  double px = 1.0 / MAX (painter->scale, 1e-3);

  if (is_match (options, object))
    outline_box (painter->cr, box, 2.5, radius, &match_ink, 0.9, MAX (4.0, 3 * px));
  if (options->hovered == object && options->hovered_kind == kind)
    outline_box (painter->cr, box, 1.5, radius, &selection_ink, 0.45, MAX (2.0, 2 * px));
  if (options->selected == object && options->selected_kind == kind)
    outline_box (painter->cr, box, 1.5, radius, &selection_ink, 1.0, MAX (2.5, 3 * px));
}

/* A server's badges, name and FQDN; pills and text are gathered. */
static void
draw_server_content (Painter             *painter,
                     const ExtopoGeoNode *node)
{
  cairo_t *cr = painter->cr;
  const ExtopoRect *box = &node->box;
  ExtopoServer *server = node->server;
  double x, y;

  draw_highlight (painter, EXTOPO_OBJECT_SERVER, server, box, 4);

  if (painter->detailed)
    queue_capsule (painter, &status_accent[clamp_status (server->status)],
                   box->x + box->width - 11, box->y + 11, 0, 13);

  if (!text_visible (painter, NAME_SIZE))
    return;

  set_rgb (cr, &ink);
  draw_text (painter, server->name, NAME_SIZE, TRUE, box->x + 8, box->y + 4,
             box->width - (painter->detailed ? 28 : 12), TRUE);

  if (!painter->detailed)
    return;

  x = box->x + 8;
  y = box->y + 21;
  {
    g_autofree char *badge = NULL;

    /* A provisioned server has no version yet: say what it is. */
    if (server->provisioned && !server->version.known)
      badge = g_strdup (C_("badge", "provisioned"));
    else
      badge = extopo_version_get_badge (&server->version);
    x += draw_pill (painter, badge, x, y, &badge_fill, &ink, TRUE) + 3;
  }
  if (server->server_role == 1)
    x += draw_pill (painter, C_("badge", "FE"), x, y, &badge_fill, &muted_ink, TRUE) + 3;
  if (server->roles_known && extopo_server_is_exchange_2007 (server))
    {
      g_auto(GStrv) badges = extopo_roles_to_badges (server->roles, server->version.product);

      for (guint i = 0; badges[i] != NULL; i++)
        if (x < box->x + box->width - 20)
          x += draw_pill (painter, badges[i], x, y, &role_fill, &ink, TRUE) + 2;
    }

  if (server->fqdn != NULL || server->site_name != NULL)
    {
      set_rgb (cr, &muted_ink);
      draw_text (painter, server->fqdn != NULL ? server->fqdn : server->site_name, SMALL_SIZE,
                 FALSE, box->x + 8, box->y + 37, box->width - 14, TRUE);
    }
}

/* Server boxes with their details. Servers never overlap, so each layer
 * (boxes, stripes, dots and pills, marks, text) is drawn for all of them at
 * once, a path per colour: the same picture from a few dozen operations,
 * where a vector export would otherwise hold ten elements per server. */
static void
draw_servers (Painter *painter,
              GArray  *indices)
{
  cairo_t *cr = painter->cr;
  GArray *nodes = painter->geometry->nodes;
  double mark_scale = 6.5 / 7.0;

#define EACH_NODE(node) \
  for (guint k_ = 0; k_ < indices->len; k_++) \
  for (const ExtopoGeoNode *node = &g_array_index (nodes, ExtopoGeoNode, \
                                                   g_array_index (indices, guint, k_)); \
       node != NULL; node = NULL)

  for (int status = EXTOPO_STATUS_OK; status <= EXTOPO_STATUS_UNSUPPORTED; status++)
    {
      gboolean any = FALSE;

      EACH_NODE (node)
      if (clamp_status (node->server->status) == (ExtopoStatus) status)
        {
          rounded_rect (cr, node->box.x, node->box.y, node->box.width, node->box.height, 4);
          any = TRUE;
        }
      if (!any)
        continue;
      set_rgb (cr, &status_fill[status]);
      cairo_fill_preserve (cr);
      set_rgb (cr, &status_accent[status]);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);

      /* The status stripe on the left edge. */
      EACH_NODE (node)
      if (clamp_status (node->server->status) == (ExtopoStatus) status)
        cairo_rectangle (cr, node->box.x + 0.5, node->box.y + 3, 3.5, node->box.height - 6);
      cairo_fill (cr);
    }

  painter->capsules = g_array_new (FALSE, FALSE, sizeof (Capsule));
  painter->text_batches = g_ptr_array_new_with_free_func (glyph_batch_free);
  EACH_NODE (node)
  draw_server_content (painter, node);
  flush_capsules (painter);

  if (painter->detailed)
    {
      gboolean warnings = FALSE;

      EACH_NODE (node)
      {
        ExtopoStatus status = clamp_status (node->server->status);

        path_status_mark (cr, status, node->box.x + node->box.width - 11, node->box.y + 11,
                          mark_scale);
        warnings |= status == EXTOPO_STATUS_WARNING;
      }
      set_mark_style (cr, mark_scale);
      cairo_stroke (cr);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      if (warnings)
        {
          EACH_NODE (node)
          if (clamp_status (node->server->status) == EXTOPO_STATUS_WARNING)
            {
              double cx = node->box.x + node->box.width - 11;
              double cy = node->box.y + 11 + 3.2 * mark_scale;

              cairo_new_sub_path (cr);
              cairo_arc (cr, cx, cy, 0.95 * mark_scale, 0, 2 * G_PI);
            }
          cairo_fill (cr);
        }
    }
#undef EACH_NODE

  flush_text (painter);
  g_clear_pointer (&painter->text_batches, g_ptr_array_unref);
  g_clear_pointer (&painter->capsules, g_array_unref);
  g_clear_pointer (&painter->ascii_fonts, g_hash_table_unref);
}

static void
draw_servers_plain (Painter *painter,
                    GArray  *indices)
{
  cairo_t *cr = painter->cr;
  GArray *nodes = painter->geometry->nodes;
  double pixel = 1.0 / MAX (painter->scale, 1e-3);

  /* Zoomed far out: plain rectangles, one fill per status colour. Boxes in
   * a row of a group's grid that touch on screen become one rectangle. */
  for (int status = EXTOPO_STATUS_OK; status <= EXTOPO_STATUS_UNSUPPORTED; status++)
    {
      gboolean any = FALSE;
      ExtopoRect run = { 0 };
      gboolean in_run = FALSE;

      for (guint k = 0; k < indices->len; k++)
        {
          const ExtopoGeoNode *node = &g_array_index (nodes, ExtopoGeoNode,
                                                      g_array_index (indices, guint, k));
          const ExtopoRect *box = &node->box;

          if (clamp_status (node->server->status) != (ExtopoStatus) status)
            continue;
          if (in_run && box->y == run.y && box->height == run.height &&
              box->x >= run.x + run.width && box->x - (run.x + run.width) < pixel)
            {
              run.width = box->x + box->width - run.x;
              continue;
            }
          if (in_run)
            cairo_rectangle (cr, run.x, run.y, run.width, run.height);
          run = *box;
          in_run = any = TRUE;
        }
      if (in_run)
        cairo_rectangle (cr, run.x, run.y, run.width, run.height);
      if (any)
        {
          set_rgb (cr, &status_accent[status]);
          cairo_fill (cr);
        }
    }

  for (guint k = 0; k < indices->len; k++)
    {
      const ExtopoGeoNode *node = &g_array_index (nodes, ExtopoGeoNode,
                                                  g_array_index (indices, guint, k));

      draw_highlight (painter, EXTOPO_OBJECT_SERVER, node->server, &node->box, 0);
    }
}

/* The worst warning or error among a group's own findings, and how many
 * there are of it; FALSE when the group has none. The model links each
 * finding to its group, so this reads a short list. */
static gboolean
group_mark (Painter              *painter,
            const ExtopoGeoFrame *frame,
            GroupMark            *mark)
{
  GPtrArray *findings = NULL;

  /* Hand-made geometry carries no model, and its objects are not groups. */
  if (painter->geometry == NULL || painter->geometry->model == NULL || frame->object == NULL)
    return FALSE;

  if (frame->kind == EXTOPO_OBJECT_ADMIN_GROUP)
    findings = ((ExtopoAdminGroup *) frame->object)->findings;
  else if (frame->kind == EXTOPO_OBJECT_ROUTING_GROUP)
    findings = ((ExtopoRoutingGroup *) frame->object)->findings;

  mark->severity = EXTOPO_SEVERITY_WARNING;
  mark->count = 0;
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const ExtopoFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity < EXTOPO_SEVERITY_WARNING)
        continue;
      if (finding->severity > mark->severity)
        {
          mark->severity = finding->severity;
          mark->count = 0;
        }
      if (finding->severity == mark->severity)
        mark->count++;
    }

  return mark->count > 0;
}

static ExtopoStatus
severity_status (ExtopoSeverity severity)
{
  return severity >= EXTOPO_SEVERITY_ERROR ? EXTOPO_STATUS_ERROR
         : severity == EXTOPO_SEVERITY_WARNING ? EXTOPO_STATUS_WARNING
         : EXTOPO_STATUS_OK;
}

/* "1 error" with the status icon, in a pill of the status's colours; returns
 * its width. */
static double
draw_finding_tag (Painter         *painter,
                  const GroupMark *mark,
                  double           x,
                  double           y,
                  gboolean         paint)
{
  ExtopoStatus status = severity_status (mark->severity);
  g_autofree char *text = mark->severity >= EXTOPO_SEVERITY_ERROR
    ? g_strdup_printf (ngettext ("%u error", "%u errors", mark->count), mark->count)
    : g_strdup_printf (ngettext ("%u warning", "%u warnings", mark->count), mark->count);
  double w = draw_text (painter, text, SMALL_SIZE, TRUE, 0, 0, 0, FALSE) + 20;

  if (!paint)
    return w;

  rounded_rect (painter->cr, x, y, w, 13, 6.5);
  set_rgb (painter->cr, &status_fill[status]);
  cairo_fill_preserve (painter->cr);
  set_rgb (painter->cr, &status_accent[status]);
  cairo_set_line_width (painter->cr, 1.0);
  cairo_stroke (painter->cr);
  draw_status_icon (painter->cr, status, x + 7, y + 6.5, 5);
  set_rgb (painter->cr, &status_accent[status]);
  draw_text (painter, text, SMALL_SIZE, TRUE, x + 14, y + 1, 0, TRUE);

  return w;
}

/* The title's size: smaller (down to 80 %) rather than cut, since group names
 * are the point of the drawing. */
static double
fit_title_size (Painter    *painter,
                const char *label,
                double      size,
                double      room)
{
  double w = draw_text (painter, label, size, TRUE, 0, 0, 0, FALSE);
  double fitted;

  if (w <= room || w <= 0)
    return size;

  /* Text does not scale quite linearly: step down until it fits. */
  fitted = MAX (size * 0.8, floor (size * room / w * 10) / 10);
  while (fitted > size * 0.8 &&
         draw_text (painter, label, fitted, TRUE, 0, 0, 0, FALSE) > room)
    fitted -= 0.1;

  return fitted;
}

/* A group's box in its kind's style, shared by the frames and the legend.
 * Leaves the border colour as the source. */
static void
paint_group_box (cairo_t  *cr,
                 double    x,
                 double    y,
                 double    width,
                 double    height,
                 double    radius,
                 gboolean  admin,
                 gboolean  interop)
{
  static const double dashes[] = { 6.0, 3.0 };

  rounded_rect (cr, x, y, width, height, radius);
  set_rgb (cr, interop ? &interop_fill : admin ? &admin_fill : &routing_fill);
  cairo_fill_preserve (cr);
  set_rgb (cr, interop ? &interop_border : admin ? &admin_border : &routing_border);
  cairo_set_line_width (cr, admin ? 2.0 : 1.2);
  if (interop)
    cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
draw_frame (Painter              *painter,
            const ExtopoGeoFrame *frame)
{
  cairo_t *cr = painter->cr;
  const ExtopoRect *box = &frame->box;
  gboolean admin = frame->kind == EXTOPO_OBJECT_ADMIN_GROUP;
  const Rgb *title_ink = frame->interop ? &interop_border : &ink;
  GroupMark group_findings;
  const GroupMark *mark = group_mark (painter, frame, &group_findings) ? &group_findings : NULL;
  double radius = admin ? 10 : 6;
  double title_size = admin ? ADMIN_TITLE_SIZE : FRAME_TITLE_SIZE;
  double tx = box->x + 10, ty = box->y + 5;
  double tags_width = 0, mark_width = 0, interop_width = 0, room, tag_y;
  gboolean show_interop = frame->interop && painter->detailed && !frame->collapsed;

  if (box->width <= 0 || box->height <= 0)
    return;

  paint_group_box (cr, box->x, box->y, box->width, box->height, radius, admin, frame->interop);

  if (frame->collapsed)
    {
      ExtopoStatus worst = clamp_status (frame->worst_status);

      if (mark != NULL && severity_status (mark->severity) > worst &&
          worst != EXTOPO_STATUS_UNSUPPORTED)
        worst = severity_status (mark->severity);
      /* A second border says "there is more inside". */
      rounded_rect (cr, box->x + 3, box->y + 3, box->width - 6, box->height - 6, radius - 2);
      cairo_set_line_width (cr, 0.8);
      cairo_stroke (cr);
      cairo_rectangle (cr, box->x + 3, box->y + box->height - 8, box->width - 6, 4);
      set_rgb (cr, &status_accent[worst]);
      cairo_fill (cr);
    }

  draw_highlight (painter, frame->kind, frame->object, box, radius);

  if (!text_visible (painter, title_size))
    {
      /* Still say that the group has a problem, as an icon. */
      if (mark != NULL && painter->scale * 12 >= 2)
        draw_status_icon (cr, severity_status (mark->severity), box->x + box->width - 12,
                          box->y + 12, MIN (8, box->height / 2));
      return;
    }

  if (frame->collapsed)
    {
      g_autofree char *count = g_strdup_printf (ngettext ("%u server", "%u servers",
                                                          frame->n_servers),
                                                frame->n_servers);

      draw_status_icon (cr, frame->worst_status, box->x + box->width - 16, box->y + 16, 6.5);
      set_rgb (cr, title_ink);
      room = box->width - 40;
      draw_text (painter, frame->label,
                 fit_title_size (painter, frame->label, title_size, room), TRUE,
                 tx, ty + 4, room, TRUE);
      set_rgb (cr, &muted_ink);
      draw_text (painter, count, SMALL_SIZE + 1, FALSE, tx, ty + 24, box->width - 60, TRUE);
      if (mark != NULL)
        draw_finding_tag (painter, mark, box->x + box->width - 10 -
                          draw_finding_tag (painter, mark, 0, 0, FALSE), ty + 24, TRUE);
      return;
    }

  /* The tags sit at the right of the title row; when the title needs the
   * whole row, they move onto the frame's top border. */
  if (mark != NULL)
    mark_width = draw_finding_tag (painter, mark, 0, 0, FALSE) + 4;
  if (show_interop)
    interop_width = draw_pill (painter, _("Exchange 2007"), 0, 0, &interop_border,
                               &interop_border, FALSE) + 4;
  tags_width = mark_width + interop_width;
  room = box->width - 20 - tags_width;
  tag_y = ty + 1;
  if (tags_width > 0 &&
      draw_text (painter, frame->label, title_size, TRUE, 0, 0, 0, FALSE) > room)
    {
      room = box->width - 20;
      tag_y = box->y - 6.5;
    }
  title_size = fit_title_size (painter, frame->label, title_size, room);

  {
    static const Rgb white = { 1, 1, 1 };
    double x = box->x + box->width - 8 - tags_width;

    if (mark != NULL)
      draw_finding_tag (painter, mark, x, tag_y, TRUE);
    if (show_interop)
      draw_pill (painter, _("Exchange 2007"), x + mark_width, tag_y + 0.5, &interop_border,
                 &white, TRUE);
  }
  set_rgb (cr, title_ink);
  draw_text (painter, frame->label, title_size, TRUE, tx,
             ty + (title_size < FRAME_TITLE_SIZE ? 1 : 0), room, TRUE);
}

static void
draw_arrowhead (cairo_t *cr,
                double   tip_x,
                double   tip_y,
                double   from_x,
                double   from_y)
{
  double dx = tip_x - from_x, dy = tip_y - from_y;
  double len = hypot (dx, dy);

  if (len < 1e-6)
    return;
  dx /= len;
  dy /= len;
  cairo_move_to (cr, tip_x, tip_y);
  cairo_line_to (cr, tip_x - ARROW_LENGTH * dx + ARROW_HALF_WIDTH * dy,
                 tip_y - ARROW_LENGTH * dy - ARROW_HALF_WIDTH * dx);
  cairo_line_to (cr, tip_x - ARROW_LENGTH * dx - ARROW_HALF_WIDTH * dy,
                 tip_y - ARROW_LENGTH * dy + ARROW_HALF_WIDTH * dx);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* The nearest control point distinct from an end, for the arrow's direction. */
static void
path_direction_point (const ExtopoGeoEdge *edge,
                      gboolean             at_end,
                      double              *x,
                      double              *y)
{
  guint n = edge->n_points;
  guint tip = at_end ? n - 1 : 0;

  for (guint k = 1; k < n; k++)
    {
      guint i = at_end ? n - 1 - k : k;

      if (hypot (edge->points[2 * i] - edge->points[2 * tip],
                 edge->points[2 * i + 1] - edge->points[2 * tip + 1]) > 0.5)
        {
          *x = edge->points[2 * i];
          *y = edge->points[2 * i + 1];
          return;
        }
    }
  *x = edge->points[2 * tip] - 1;
  *y = edge->points[2 * tip + 1];
}

static gboolean
edge_is (const ExtopoGeoEdge *edge,
         ExtopoObjectKind     kind,
         gpointer             object)
{
  ExtopoConnection *connection = edge->connection;

  if (object == NULL || kind != EXTOPO_OBJECT_CONNECTOR || connection == NULL)
    return FALSE;

  return object == (gpointer) connection ||
         object == (gpointer) connection->forward ||
         object == (gpointer) connection->reverse;
}

static gboolean
edge_matches (const ExtopoRenderOptions *options,
              const ExtopoGeoEdge       *edge)
{
  ExtopoConnection *connection = edge->connection;

  return connection != NULL &&
         (is_match (options, connection) || is_match (options, connection->forward) ||
          is_match (options, connection->reverse));
}

void
extopo_renderer_path_edge (cairo_t             *cr,
                           const ExtopoGeoEdge *edge)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (edge != NULL && edge->n_points > 0);

  cairo_move_to (cr, edge->points[0], edge->points[1]);
  for (guint i = 1; i + 2 < edge->n_points; i += 3)
    cairo_curve_to (cr,
                    edge->points[2 * i], edge->points[2 * i + 1],
                    edge->points[2 * i + 2], edge->points[2 * i + 3],
                    edge->points[2 * i + 4], edge->points[2 * i + 5]);
}

/* Near enough to the area drawn that a label or arrowhead there may show. */
static gboolean
in_view (Painter *painter,
         double   x,
         double   y)
{
  const ExtopoRect *v = painter->visible;
  double margin = 60;

  return v == NULL ||
         (x >= v->x - margin && x <= v->x + v->width + margin &&
          y >= v->y - margin && y <= v->y + v->height + margin);
}

/* The point a fraction @t of the way along an edge's segments. */
static void
edge_point_at (const ExtopoGeoEdge *edge,
               double               t,
               double              *x,
               double              *y)
{
  guint segments = (edge->n_points - 1) / 3;
  double u, v, pos = CLAMP (t, 0, 1) * segments;
  guint k = MIN ((guint) pos, segments - 1);
  const double *p = edge->points + 6 * k;

  u = pos - k;
  v = 1 - u;
  *x = v * v * v * p[0] + 3 * v * v * u * p[2] + 3 * v * u * u * p[4] + u * u * u * p[6];
  *y = v * v * v * p[1] + 3 * v * v * u * p[3] + 3 * v * u * u * p[5] + u * u * u * p[7];
}

/* TRUE when a label box at (x, y) would cover a group's title row. */
static gboolean
label_covers_title (Painter          *painter,
                    const ExtopoRect *label,
                    GArray           *frames)
{
  g_array_set_size (frames, 0);
  extopo_geometry_query_frames (painter->geometry, label, frames);
  for (guint i = 0; i < frames->len; i++)
    {
      const ExtopoGeoFrame *frame = &g_array_index (painter->geometry->frames, ExtopoGeoFrame,
                                                    g_array_index (frames, guint, i));

      if (extopo_rect_intersects (label, &frame->label_box))
        return TRUE;
    }

  return FALSE;
}

/* Keeps a connector's label off the groups' titles: when its place covers
 * one, the label slides along the edge to the nearest free spot. */
static void
place_edge_label (Painter             *painter,
                  const ExtopoGeoEdge *edge,
                  double               w,
                  double               h,
                  double              *x,
                  double              *y)
{
  g_autoptr(GArray) frames = NULL;
  ExtopoRect label = { *x - w / 2, *y - h / 2, w, h };

  if (edge->n_points < 4 || painter->geometry->frames->len == 0)
    return;
  frames = g_array_new (FALSE, FALSE, sizeof (guint));
  if (!label_covers_title (painter, &label, frames))
    return;

  for (guint step = 1; step <= 8; step++)
    for (int side = -1; side <= 1; side += 2)
      {
        double t = 0.5 + side * step * 0.05;

        edge_point_at (edge, t, &label.x, &label.y);
        label.x -= w / 2;
        label.y -= h / 2;
        if (!label_covers_title (painter, &label, frames))
          {
            *x = label.x + w / 2;
            *y = label.y + h / 2;
            return;
          }
      }
}

static void
draw_edge (Painter             *painter,
           const ExtopoGeoEdge *edge)
{
  cairo_t *cr = painter->cr;
  const ExtopoRenderOptions *options = painter->options;
  gboolean selected = edge_is (edge, options->selected_kind, options->selected);
  gboolean hovered = edge_is (edge, options->hovered_kind, options->hovered);
  double px = 1.0 / MAX (painter->scale, 1e-3);
  double fx, fy;

  if (edge->n_points < 2)
    return;

  if (edge_matches (options, edge))
    {
      extopo_renderer_path_edge (cr, edge);
      cairo_set_source_rgba (cr, match_ink.r, match_ink.g, match_ink.b, 0.9);
      cairo_set_line_width (cr, MAX (6.0, 4 * px));
      cairo_stroke (cr);
    }

  extopo_renderer_path_edge (cr, edge);
  if (selected || hovered)
    {
      cairo_set_source_rgba (cr, selection_ink.r, selection_ink.g, selection_ink.b,
                             selected ? 1.0 : 0.6);
      cairo_set_line_width (cr, MAX (2.5, 2 * px));
    }
  else
    {
      set_rgb (cr, &edge_ink);
      cairo_set_line_width (cr, MAX (1.3, px));
    }
  cairo_stroke (cr);

  if (edge->arrow_at_end && in_view (painter, edge->points[2 * (edge->n_points - 1)],
                                     edge->points[2 * (edge->n_points - 1) + 1]))
    {
      path_direction_point (edge, TRUE, &fx, &fy);
      draw_arrowhead (cr, edge->points[2 * (edge->n_points - 1)],
                      edge->points[2 * (edge->n_points - 1) + 1], fx, fy);
    }
  if (edge->arrow_at_start && in_view (painter, edge->points[0], edge->points[1]))
    {
      path_direction_point (edge, FALSE, &fx, &fy);
      draw_arrowhead (cr, edge->points[0], edge->points[1], fx, fy);
    }

  if (edge->label == NULL || !in_view (painter, edge->label_x, edge->label_y))
    return;

  /* Pills go with the server names: an arrow never ends in nothing where
   * names are read. Further out, a dot marks where the tag is. */
  if (!text_visible (painter, NAME_SIZE))
    {
      cairo_new_path (cr);
      cairo_arc (cr, edge->label_x, edge->label_y, 3 * px, 0, 2 * G_PI);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      set_rgb (cr, selected ? &selection_ink : &edge_ink);
      cairo_set_line_width (cr, px);
      cairo_stroke (cr);
    }
  else
    {
      double w = draw_text (painter, edge->label, SMALL_SIZE, FALSE, 0, 0, 0, FALSE) + 10;
      double h = 13, lx = edge->label_x, ly = edge->label_y;

      place_edge_label (painter, edge, w, h, &lx, &ly);
      rounded_rect (cr, lx - w / 2, ly - h / 2, w, h, h / 2);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_fill_preserve (cr);
      if (selected)
        set_rgb (cr, &selection_ink);
      else
        set_rgb (cr, &edge_ink);
      cairo_set_line_width (cr, 0.8);
      cairo_stroke (cr);
      set_rgb (cr, &ink);
      draw_text (painter, edge->label, SMALL_SIZE, FALSE, lx - w / 2 + 5, ly - h / 2 + 1, 0, TRUE);
    }
}

/* One pixel-wide line from (x0, y0) to (x1, y1), device pixels, clipped to
 * [cx1, cx2) x [cy1, cy2), straight into the image (Bresenham). */
static void
image_line (guint32 *pixels,
            int      stride,
            int      cx1,
            int      cy1,
            int      cx2,
            int      cy2,
            int      x0,
            int      y0,
            int      x1,
            int      y1,
            guint32  colour)
{
  int dx = ABS (x1 - x0), dy = -ABS (y1 - y0);
  int sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1;
  int err = dx + dy;

  for (;;)
    {
      int e2 = 2 * err;

      if (x0 >= cx1 && x0 < cx2 && y0 >= cy1 && y0 < cy2)
        pixels[(gsize) y0 * stride + x0] = colour;
      if (x0 == x1 && y0 == y1)
        break;
      /* Both steps decided on the same error term. */
      if (e2 >= dy)
        {
          err += dy;
          x0 += sx;
        }
      if (e2 <= dx)
        {
          err += dx;
          y0 += sy;
        }
    }
}

/* Zoomed far out on an image surface: thousands of long lines cost cairo's
 * scan converter most of a frame (25 ms for 3,000), so they are written
 * into the pixels directly. Only for a plain scale-and-translate onto an
 * image with a rectangular clip; FALSE leaves the drawing to cairo. */
static gboolean
draw_edge_lines_direct (Painter *painter,
                        GArray  *indices,
                        double   r,
                        double   g,
                        double   b)
{
  cairo_t *cr = painter->cr;
  cairo_surface_t *target = cairo_get_group_target (cr);
  cairo_rectangle_list_t *clips;
  cairo_matrix_t m;
  cairo_format_t format;
  double ox, oy, x1, y1, x2, y2;
  guint32 *pixels;
  guint32 colour;
  int stride, cx1, cy1, cx2, cy2;

  if (cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE)
    return FALSE;
  format = cairo_image_surface_get_format (target);
  if (format != CAIRO_FORMAT_ARGB32 && format != CAIRO_FORMAT_RGB24)
    return FALSE;
  cairo_get_matrix (cr, &m);
  if (m.xy != 0 || m.yx != 0 || m.xx <= 0 || m.yy <= 0)
    return FALSE;

  /* The clip, as one rectangle in device space, within the image. */
  clips = cairo_copy_clip_rectangle_list (cr);
  if (clips->status != CAIRO_STATUS_SUCCESS || clips->num_rectangles > 1)
    {
      cairo_rectangle_list_destroy (clips);
      return FALSE;
    }
  cairo_surface_get_device_offset (target, &ox, &oy);
  cx1 = 0;
  cy1 = 0;
  cx2 = cairo_image_surface_get_width (target);
  cy2 = cairo_image_surface_get_height (target);
  if (clips->num_rectangles == 1)
    {
      cairo_rectangle_t *c = &clips->rectangles[0];

      x1 = c->x;
      y1 = c->y;
      x2 = c->x + c->width;
      y2 = c->y + c->height;
      cairo_user_to_device (cr, &x1, &y1);
      cairo_user_to_device (cr, &x2, &y2);
      cx1 = MAX (cx1, (int) ceil (x1 + ox));
      cy1 = MAX (cy1, (int) ceil (y1 + oy));
      cx2 = MIN (cx2, (int) floor (x2 + ox));
      cy2 = MIN (cy2, (int) floor (y2 + oy));
    }
  cairo_rectangle_list_destroy (clips);

  cairo_surface_flush (target);
  pixels = (guint32 *) (gpointer) cairo_image_surface_get_data (target);
  stride = cairo_image_surface_get_stride (target) / 4;
  colour = 0xff000000u | ((guint32) (r * 255) << 16) | ((guint32) (g * 255) << 8) |
           (guint32) (b * 255);

  for (guint k = 0; k < indices->len && cx1 < cx2 && cy1 < cy2; k++)
    {
      const ExtopoGeoEdge *edge = &g_array_index (painter->geometry->edges, ExtopoGeoEdge,
                                                  g_array_index (indices, guint, k));
      guint last = edge->n_points - 1;

      if (edge->n_points < 2)
        continue;
      x1 = edge->points[0];
      y1 = edge->points[1];
      x2 = edge->points[2 * last];
      y2 = edge->points[2 * last + 1];
      cairo_user_to_device (cr, &x1, &y1);
      cairo_user_to_device (cr, &x2, &y2);
      /* Keep the integers sane for lines far outside the image. */
      if (MAX (fabs (x1), fabs (x2)) + MAX (fabs (y1), fabs (y2)) > 1e6)
        continue;
      image_line (pixels, stride, cx1, cy1, cx2, cy2,
                  (int) floor (x1 + ox), (int) floor (y1 + oy),
                  (int) floor (x2 + ox), (int) floor (y2 + oy), colour);
    }

  cairo_surface_mark_dirty (target);

  return TRUE;
}

/* Neither end nor label of @edge is in view. */
static gboolean
edge_passes_through (Painter             *painter,
                     const ExtopoGeoEdge *edge)
{
  guint last = edge->n_points - 1;

  return edge->n_points >= 2 &&
         !in_view (painter, edge->points[0], edge->points[1]) &&
         !in_view (painter, edge->points[2 * last], edge->points[2 * last + 1]) &&
         (edge->label == NULL || !in_view (painter, edge->label_x, edge->label_y));
}

/* Strictly on the drawn area (in_view() allows a margin). */
static gboolean
on_tile (Painter *painter,
         double   x,
         double   y)
{
  const ExtopoRect *v = painter->visible;

  return x >= v->x && x <= v->x + v->width && y >= v->y && y <= v->y + v->height;
}

/* The last point on the tile of @edge followed from its end on it. */
static void
edge_exit (Painter             *painter,
           const ExtopoGeoEdge *edge,
           gboolean             from_start,
           double              *x,
           double              *y)
{
  guint steps = EXIT_STEPS_PER_SEGMENT * ((edge->n_points - 1) / 3);
  double px, py;

  edge_point_at (edge, from_start ? 0 : 1, x, y);
  for (guint k = 1; k <= steps; k++)
    {
      double t = (double) k / steps;

      edge_point_at (edge, from_start ? t : 1 - t, &px, &py);
      if (!on_tile (painter, px, py))
        {
          /* Segments differ in length: home in on the crossing. */
          double on = (double) (k - 1) / steps, off = t;

          for (guint i = 0; i < EXIT_BISECTIONS; i++)
            {
              double mid = (on + off) / 2;

              edge_point_at (edge, from_start ? mid : 1 - mid, &px, &py);
              if (on_tile (painter, px, py))
                {
                  on = mid;
                  *x = px;
                  *y = py;
                }
              else
                off = mid;
            }
          return;
        }
      *x = px;
      *y = py;
    }
}

/* A connector that leaves a printed tile: where it goes, in a pill at the
 * tile's edge ("→ RG-0123 (C12)"), so that a sheet reads without the lines
 * that only pass over it. @placed holds the pills drawn so far. */
static void
draw_edge_reference (Painter             *painter,
                     const ExtopoGeoEdge *edge,
                     GArray              *placed)
{
  const ExtopoRenderOptions *options = painter->options;
  const ExtopoRect *v = painter->visible;
  guint last = edge->n_points - 1;
  gboolean start_on = on_tile (painter, edge->points[0], edge->points[1]);
  gboolean end_on = on_tile (painter, edge->points[2 * last], edge->points[2 * last + 1]);
  int far_frame = start_on ? edge->head_frame : edge->tail_frame;
  double far_x = start_on ? edge->points[2 * last] : edge->points[0];
  double far_y = start_on ? edge->points[2 * last + 1] : edge->points[1];
  const char *far_name = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *text = NULL;
  double ex, ey, w, h = REFERENCE_HEIGHT, cx, cy;
  gboolean vertical_side;
  int inward;
  ExtopoRect box;

  if (start_on == end_on)
    return;
  if (far_frame >= 0)
    far_name = g_array_index (painter->geometry->frames, ExtopoGeoFrame, far_frame).label;
  if (far_name == NULL)
    far_name = edge->label;
  if (options->sheet_name != NULL)
    sheet = options->sheet_name (far_x + painter->page_dx, far_y + painter->page_dy,
                                 options->sheet_name_data);
  if (far_name != NULL && sheet != NULL)
    /* Translators: where a connector leaving a printed sheet goes: the
     * group at its other end and the sheet that shows it. */
    text = g_strdup_printf (_("→ %s (%s)"), far_name, sheet);
  else
    text = g_strdup_printf ("→ %s", far_name != NULL ? far_name : sheet != NULL ? sheet : "");

  edge_exit (painter, edge, start_on, &ex, &ey);
  w = draw_text (painter, text, SMALL_SIZE, FALSE, 0, 0, 0, FALSE) + 10;
  w = MIN (w, v->width - 4);
  cx = CLAMP (ex, v->x + w / 2 + 2, v->x + v->width - w / 2 - 2);
  cy = CLAMP (ey, v->y + h / 2 + 2, v->y + v->height - h / 2 - 2);
  /* Pills that would cover each other step along a left or right side
   * (down, up, further down...) and inwards from the top or bottom. */
  vertical_side = MIN (ex - v->x, v->x + v->width - ex) < MIN (ey - v->y, v->y + v->height - ey);
  inward = ey - v->y < v->y + v->height - ey ? 1 : -1;
  for (guint tries = 0; tries <= REFERENCE_TRIES; tries++)
    {
      double step = (h + 1) * ((tries + 1) / 2) * (tries % 2 == 1 ? 1 : -1);
      gboolean clear = TRUE;

      if (vertical_side)
        box.y = CLAMP (cy + step, v->y + h / 2 + 2, v->y + v->height - h / 2 - 2) - h / 2;
      else
        box.y = cy + inward * (h + 1) * tries - h / 2;
      box = (ExtopoRect) { cx - w / 2, box.y, w, h };
      for (guint i = 0; i < placed->len && clear; i++)
        clear = !extopo_rect_intersects (&g_array_index (placed, ExtopoRect, i), &box);
      if (clear)
        break;
    }
  g_array_append_val (placed, box);

  rounded_rect (painter->cr, box.x, box.y, w, h, h / 2);
  cairo_set_source_rgb (painter->cr, 1, 1, 1);
  cairo_fill_preserve (painter->cr);
  set_rgb (painter->cr, &edge_ink);
  cairo_set_line_width (painter->cr, 0.8);
  cairo_stroke (painter->cr);
  set_rgb (painter->cr, &ink);
  draw_text (painter, text, SMALL_SIZE, FALSE, box.x + 5, box.y + 1, w - 10, TRUE);
}

static void
draw_edges_plain (Painter *painter,
                  GArray  *indices)
{
  cairo_t *cr = painter->cr;
  double pixel = 1.0 / MAX (painter->scale, 1e-3);
  gboolean tiny = painter->scale * SERVER_BOX_HEIGHT < ALIASED_BOX_PIXELS;
  /* Thousands of hairlines would hide the groups: keep them light (and
   * opaque: translucent strokes cost a composite each). */
  double r = 1 - EDGE_HAZE * (1 - edge_ink.r);
  double g = 1 - EDGE_HAZE * (1 - edge_ink.g);
  double b = 1 - EDGE_HAZE * (1 - edge_ink.b);

  if (tiny && draw_edge_lines_direct (painter, indices, r, g, b))
    return;

  cairo_set_source_rgb (cr, r, g, b);
  cairo_set_line_width (cr, pixel);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);

  /* Zoomed far out: straight pieces between the segments' ends, a point
   * only where the path has moved a few pixels; with boxes a few pixels
   * high, one line end to end. */
  for (guint k = 0; k < indices->len; k++)
    {
      const ExtopoGeoEdge *edge = &g_array_index (painter->geometry->edges, ExtopoGeoEdge,
                                                  g_array_index (indices, guint, k));
      guint last = edge->n_points - 1;
      double last_x, last_y;

      if (edge->n_points < 2)
        continue;
      last_x = edge->points[0];
      last_y = edge->points[1];
      cairo_move_to (cr, last_x, last_y);
      for (guint i = tiny ? last : 3; i <= last; i += 3)
        {
          double x = edge->points[2 * i], y = edge->points[2 * i + 1];

          if (i < last &&
              fabs (x - last_x) < PLAIN_EDGE_STEP * pixel &&
              fabs (y - last_y) < PLAIN_EDGE_STEP * pixel)
            continue;
          cairo_line_to (cr, x, y);
          last_x = x;
          last_y = y;
        }
      /* Long lines in one huge path make the scan converter crawl, and a
       * stroke per line costs more per call: batches are fastest. */
      if ((k + 1) % PLAIN_EDGE_BATCH == 0)
        cairo_stroke (cr);
    }
  cairo_stroke (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
}

static void
painter_init (Painter                   *painter,
              cairo_t                   *cr,
              ExtopoGeometry            *geometry,
              const ExtopoRenderOptions *options)
{
  painter->cr = cr;
  painter->layout = create_layout (cr);
  painter->geometry = geometry;
  painter->options = options;
  painter->visible = NULL;
  painter->page_dx = 0;
  painter->page_dy = 0;
  painter->scale = options != NULL && options->scale > 0 ? options->scale : 1.0;
  painter->detailed = painter->scale >= DETAIL_SCALE;
  painter->scratch = NULL;
  painter->pills = NULL;
  painter->text_batches = NULL;
  painter->capsules = NULL;
  painter->ascii_fonts = NULL;
}

static void
painter_clear (Painter *painter)
{
  g_clear_object (&painter->layout);
  g_clear_pointer (&painter->scratch, cairo_destroy);
  g_clear_pointer (&painter->pills, g_hash_table_unref);
  g_clear_pointer (&painter->text_batches, g_ptr_array_unref);
  g_clear_pointer (&painter->capsules, g_array_unref);
  g_clear_pointer (&painter->ascii_fonts, g_hash_table_unref);
}

/* @page_dx, @page_dy: from the diagram to the page, on a printed tile. */
static void
draw_graph (cairo_t                   *cr,
            ExtopoGeometry            *geometry,
            const ExtopoRenderOptions *options,
            double                     page_dx,
            double                     page_dy)
{
  ExtopoRenderOptions defaults;
  Painter painter;
  const ExtopoRect *visible;
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) leaving = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (ExtopoRect));

  if (options == NULL)
    {
      extopo_render_options_init (&defaults);
      options = &defaults;
    }
  visible = options->visible != NULL ? options->visible : &geometry->bounds;

  painter_init (&painter, cr, geometry, options);
  painter.visible = visible;
  painter.page_dx = page_dx;
  painter.page_dy = page_dy;
  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  /* Boxes a few pixels high: antialiasing thousands of them and of long
   * edges costs most of a frame and shows nothing. */
  if (painter.scale * SERVER_BOX_HEIGHT < ALIASED_BOX_PIXELS)
    cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);

  extopo_geometry_query_frames (geometry, visible, indices);
  for (guint k = 0; k < indices->len; k++)
    draw_frame (&painter, &g_array_index (geometry->frames, ExtopoGeoFrame,
                                          g_array_index (indices, guint, k)));

  g_array_set_size (indices, 0);
  extopo_geometry_query_edges (geometry, visible, indices);
  if (painter.scale * ARROW_LENGTH < 2.0)
    draw_edges_plain (&painter, indices);
  else
    {
      /* On a printed tile, a connector that only passes over it is left
       * out, and one that leaves it says where it goes. */
      for (guint k = 0; k < indices->len; k++)
        {
          guint i = g_array_index (indices, guint, k);
          const ExtopoGeoEdge *edge = &g_array_index (geometry->edges, ExtopoGeoEdge, i);

          if (options->page_clip == NULL || options->sheet_name == NULL)
            draw_edge (&painter, edge);
          else if (!edge_passes_through (&painter, edge))
            {
              draw_edge (&painter, edge);
              g_array_append_val (leaving, i);
            }
        }
    }

  g_array_set_size (indices, 0);
  extopo_geometry_query_nodes (geometry, visible, indices);
  if (!text_visible (&painter, NAME_SIZE))
    draw_servers_plain (&painter, indices);
  else
    draw_servers (&painter, indices);

  /* Over the cards, which may hide where a connector leaves. */
  for (guint k = 0; k < leaving->len; k++)
    draw_edge_reference (&painter, &g_array_index (geometry->edges, ExtopoGeoEdge,
                                                   g_array_index (leaving, guint, k)),
                         placed);

  cairo_restore (cr);
  painter_clear (&painter);
}

void
extopo_renderer_draw_graph (cairo_t                   *cr,
                            ExtopoGeometry            *geometry,
                            const ExtopoRenderOptions *options)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (geometry != NULL);

  draw_graph (cr, geometry, options, 0, 0);
}

/* The legend is drawn and measured by the same code: @paint FALSE only measures. */
static double
legend_draw (Painter  *painter,
             double    x0,
             double    y0,
             gboolean  paint)
{
  static const struct
  {
    ExtopoStatus status;
    const char  *label;
  } statuses[] = {
    { EXTOPO_STATUS_OK, N_("No problem found") },
    { EXTOPO_STATUS_WARNING, N_("Warning: check before deploying Exchange 2007 "
                                "(also a version that cannot be read)") },
    { EXTOPO_STATUS_ERROR, N_("Error: blocks Exchange 2007 coexistence") },
    { EXTOPO_STATUS_UNSUPPORTED, N_("Unsupported version (Exchange 5.5)") },
  };
  cairo_t *cr = painter->cr;
  double x = x0 + LEGEND_PADDING, y = y0 + LEGEND_PADDING;
  double inner = LEGEND_WIDTH - 2 * LEGEND_PADDING;
  double text_x = x + 34;
  double badge_x, sym_x;

#define HEADING(text) G_STMT_START { \
    set_rgb (cr, &ink); \
    draw_text (painter, (text), FRAME_TITLE_SIZE, TRUE, x, y, inner, paint); \
    y += 18; \
} G_STMT_END

  /* The badge and symbol columns are as wide as their widest item. */
    badge_x = draw_pill (painter, "2003 SP2", 0, 0, &badge_fill, &ink, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (all_roles); i++)
    badge_x = MAX (badge_x, draw_pill (painter, extopo_role_get_badge (all_roles[i]), 0, 0,
                                       &badge_fill, &ink, FALSE));
  badge_x = x + badge_x + 8;
  sym_x = x + MAX (40, draw_pill (painter, _("cost 1"), 0, 0, &badge_fill, &ink, FALSE)) + 8;

/* A description right of its symbol, wrapped; the row's height, at least @step. */
#define LEGEND_ROW(text, tx, ty, step) \
  MAX ((step), draw_paragraph (painter, (text), SMALL_SIZE + 1, (tx), (ty), \
                               inner - ((tx) - x), paint) + 4)

  HEADING (_("Legend"));

  HEADING (_("Server status"));
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      if (paint)
        {
          rounded_rect (cr, x, y, 26, 14, 3);
          set_rgb (cr, &status_fill[statuses[i].status]);
          cairo_fill_preserve (cr);
          set_rgb (cr, &status_accent[statuses[i].status]);
          cairo_set_line_width (cr, 1);
          cairo_stroke (cr);
          draw_status_icon (cr, statuses[i].status, x + 19, y + 7, 5);
          set_rgb (cr, &ink);
        }
      y += MAX (18, draw_paragraph (painter, _(statuses[i].label), SMALL_SIZE + 1, text_x, y,
                                    inner - 34, paint) + 4);
    }
  y += 6;

  HEADING (_("Badges"));
  draw_pill (painter, "2003 SP2", x, y, &badge_fill, &ink, paint);
  set_rgb (cr, &ink);
  y += LEGEND_ROW (_("Exchange version and service pack"), badge_x, y, 17);
  draw_pill (painter, C_("badge", "FE"), x, y, &badge_fill, &muted_ink, paint);
  set_rgb (cr, &ink);
  y += LEGEND_ROW (_("Exchange 2003 front-end server"), badge_x, y, 17);
  set_rgb (cr, &muted_ink);
  draw_text (painter, _("Exchange 2007 server roles:"), SMALL_SIZE + 1, FALSE, x, y, inner,
             paint);
  y += 15;
  for (guint i = 0; i < G_N_ELEMENTS (all_roles); i++)
    {
      const char *text = extopo_role_get_display_name (all_roles[i]);

      draw_pill (painter, extopo_role_get_badge (all_roles[i]), x, y, &role_fill, &ink, paint);
      set_rgb (cr, &ink);
      y += LEGEND_ROW (text, badge_x, y, 17);
    }
  y += 6;

  HEADING (_("Groups"));
  if (paint)
    paint_group_box (cr, x, y, 40, 16, 6, TRUE, FALSE);
  set_rgb (cr, &ink);
  y += LEGEND_ROW (_("Administrative group"), sym_x, y + 2, 22);
  if (paint)
    paint_group_box (cr, x, y, 40, 16, 5, FALSE, FALSE);
  set_rgb (cr, &ink);
  y += LEGEND_ROW (_("Routing group"), sym_x, y + 2, 22);
  if (paint)
    paint_group_box (cr, x, y, 40, 16, 5, FALSE, TRUE);
  set_rgb (cr, &ink);
  y += LEGEND_ROW (_("Exchange 2007 group"), sym_x, y + 2, 22);
  {
    GroupMark mark = { EXTOPO_SEVERITY_ERROR, 1 };
    double tag = draw_finding_tag (painter, &mark, x, y, paint);

    set_rgb (cr, &ink);
    y += MAX (20, draw_paragraph (painter, _("Findings on the group itself (worst kind, "
                                             "how many)"), SMALL_SIZE + 1, x + tag + 8, y,
                                  inner - tag - 8, paint) + 4);
  }
  set_rgb (cr, &ink);
  y += draw_paragraph (painter,
                       _("Exchange 2007 setup creates “Exchange Administrative Group "
                         "(FYDIBOHF23SPDLT)” and “Exchange Routing Group (DWBGZMFD01QNBJR)” "
                         "to hold every Exchange 2007 server. The codes are “EXCHANGE12ROCKS” "
                         "with each letter shifted by +1 and by −1. Do not edit these groups "
                         "with Exchange System Manager: manage Exchange 2007 servers with the "
                         "Exchange Management Console or Shell."),
                       SMALL_SIZE + 1, x, y, inner, paint) + 10;

  HEADING (_("Connectors"));
  if (paint)
    {
      set_rgb (cr, &edge_ink);
      cairo_set_line_width (cr, 1.3);
      cairo_move_to (cr, x, y + 7);
      cairo_line_to (cr, x + 40, y + 7);
      cairo_stroke (cr);
      draw_arrowhead (cr, x + 40, y + 7, x, y + 7);
      set_rgb (cr, &ink);
    }
  y += LEGEND_ROW (_("One-way connector"), sym_x, y + 1, 20);
  if (paint)
    {
      set_rgb (cr, &edge_ink);
      cairo_move_to (cr, x, y + 7);
      cairo_line_to (cr, x + 40, y + 7);
      cairo_stroke (cr);
      draw_arrowhead (cr, x + 40, y + 7, x, y + 7);
      draw_arrowhead (cr, x, y + 7, x + 40, y + 7);
      set_rgb (cr, &ink);
    }
  y += LEGEND_ROW (_("Two-way (a reciprocal pair)"), sym_x, y + 1, 20);
  {
    static const Rgb white = { 1, 1, 1 };

    draw_pill (painter, _("cost 1"), x, y, &white, &ink, paint);
    if (paint)
      {
        rounded_rect (cr, x, y, draw_pill (painter, _("cost 1"), 0, 0, &white, &ink, FALSE),
                      12, 6);
        set_rgb (cr, &edge_ink);
        cairo_set_line_width (cr, 0.8);
        cairo_stroke (cr);
        set_rgb (cr, &ink);
      }
    y += LEGEND_ROW (_("Connector cost (lower is preferred)"), sym_x, y, 18);
  }
#undef HEADING
#undef LEGEND_ROW

  return y + LEGEND_PADDING - y0;
}

/* A painter on a scratch surface, for measuring. */
static void
measuring_painter_init (Painter                   *painter,
                        ExtopoGeometry            *geometry,
                        const ExtopoRenderOptions *options)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  painter_init (painter, cr, geometry, options);
  painter->scratch = cr;
}

void
extopo_renderer_get_legend_size (double *width,
                                 double *height)
{
  if (width != NULL)
    *width = LEGEND_WIDTH;
  if (height != NULL)
    {
      Painter painter;

      measuring_painter_init (&painter, NULL, NULL);
      *height = legend_draw (&painter, 0, 0, FALSE);
      painter_clear (&painter);
    }
}

void
extopo_renderer_draw_legend (cairo_t *cr,
                             double   x,
                             double   y)
{
  Painter painter;
  double height;

  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  painter_init (&painter, cr, NULL, NULL);
  height = legend_draw (&painter, x, y, FALSE);
  rounded_rect (cr, x, y, LEGEND_WIDTH, height, 8);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_fill_preserve (cr);
  set_rgb (cr, &routing_border);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  legend_draw (&painter, x, y, TRUE);
  painter_clear (&painter);
  cairo_restore (cr);
}

/* The part of the diagram a page shows. */
static void
page_region (ExtopoGeometry            *geometry,
             const ExtopoRenderOptions *options,
             ExtopoRect                *region)
{
  const ExtopoRect *bounds = &geometry->bounds;

  *region = *bounds;
  if (options != NULL && options->visible != NULL)
    {
      const ExtopoRect *v = options->visible;
      double x1 = MAX (v->x, bounds->x), y1 = MAX (v->y, bounds->y);
      double x2 = MIN (v->x + v->width, bounds->x + bounds->width);
      double y2 = MIN (v->y + v->height, bounds->y + bounds->height);

      region->x = x1;
      region->y = y1;
      region->width = MAX (0, x2 - x1);
      region->height = MAX (0, y2 - y1);
    }
}

/* The title block, drawn and measured by the same code: title, source, date
 * and counts, then the organization's readiness for Exchange 2007 with its
 * reasons. Returns its height. */
static double
title_block (Painter  *painter,
             double    width,
             gboolean  paint)
{
  cairo_t *cr = painter->cr;
  const ExtopoRenderOptions *options = painter->options;
  ExtopoModel *model = painter->geometry->model;
  const char *title = options != NULL && options->title != NULL
                        ? options->title : _("Exchange organization topology");
  const char *subtitle = options != NULL ? options->subtitle : NULL;
  g_autofree char *line = extopo_scene_date_line (model);
  double x = PAGE_MARGIN, y = PAGE_MARGIN, inner = width - 2 * PAGE_MARGIN;
  double height = TITLE_HEIGHT;

  if (subtitle == NULL && model != NULL && options != NULL && options->show_source)
    subtitle = extopo_model_get_source_name (model);

  if (paint)
    {
      set_rgb (cr, &ink);
      draw_text (painter, title, 18, TRUE, x, y, inner, TRUE);
      if (subtitle != NULL)
        {
          set_rgb (cr, &muted_ink);
          draw_text (painter, subtitle, 11, FALSE, x, y + 26, inner, TRUE);
        }
      set_rgb (cr, &muted_ink);
      draw_text (painter, line, 9, FALSE, x, y + 44, inner, TRUE);
    }

  if (model != NULL)
    {
      ExtopoReadiness readiness = { 0 };
      ExtopoStatus status;

      extopo_readiness_compute (model, &readiness);
      status = extopo_readiness_get_status (&readiness);
      if (paint)
        {
          draw_status_icon (cr, status, x + 7, y + height + 7, 7);
          set_rgb (cr, &status_accent[status]);
        }
      draw_text (painter, readiness.summary, 10, TRUE, x + 20, y + height, inner - 20, paint);
      height += 20;
      if (readiness.reasons != NULL)
        {
          g_auto(GStrv) reasons = g_strsplit (readiness.reasons, "\n", -1);
          guint n = g_strv_length (reasons);

          if (paint)
            set_rgb (cr, &ink);
          for (guint i = 0; i < MIN (n, TITLE_MAX_REASONS); i++)
            {
              /* TRANSLATORS: one readiness reason as a bullet point */
              g_autofree char *bullet = g_strdup_printf (_("• %s"), reasons[i]);

              height += draw_paragraph (painter, bullet, SMALL_SIZE + 1, x + 20, y + height,
                                        inner - 20, paint) + 2;
            }
          if (n > TITLE_MAX_REASONS)
            {
              g_autofree char *more = g_strdup_printf (ngettext ("… and %u more reason: see "
                                                                 "the findings report.",
                                                                 "… and %u more reasons: see "
                                                                 "the findings report.",
                                                                 n - TITLE_MAX_REASONS),
                                                       n - TITLE_MAX_REASONS);

              height += draw_paragraph (painter, more, SMALL_SIZE + 1, x + 20, y + height,
                                        inner - 20, paint) + 2;
            }
          height += 2;
        }
      extopo_readiness_clear (&readiness);
    }

  if (paint)
    {
      cairo_move_to (cr, x, y + height + PAGE_GAP / 2);
      cairo_line_to (cr, width - PAGE_MARGIN, y + height + PAGE_GAP / 2);
      set_rgb (cr, &routing_border);
      cairo_set_line_width (cr, 0.8);
      cairo_stroke (cr);
    }

  return height;
}

void
extopo_renderer_get_page_layout (ExtopoGeometry            *geometry,
                                 const ExtopoRenderOptions *options,
                                 ExtopoPageLayout          *layout)
{
  ExtopoRect region;
  gboolean legend = options == NULL || options->show_legend;
  gboolean title = options == NULL || options->show_title;
  double legend_width = 0, legend_height = 0, w, h, top = PAGE_MARGIN;

  g_return_if_fail (geometry != NULL);
  g_return_if_fail (layout != NULL);

  if (options != NULL && options->page_layout != NULL)
    {
      *layout = *options->page_layout;
      return;
    }

  page_region (geometry, options, &region);
  if (legend)
    extopo_renderer_get_legend_size (&legend_width, &legend_height);

  w = 2 * PAGE_MARGIN + region.width + (legend ? PAGE_GAP + legend_width : 0);
  if (title)
    w = MAX (w, PAGE_MIN_WIDTH);
  w = ceil (w);
  h = 2 * PAGE_MARGIN + MAX (region.height, legend_height);
  if (title)
    {
      Painter painter;
      double block;

      measuring_painter_init (&painter, geometry, options);
      block = title_block (&painter, w, FALSE) + PAGE_GAP;
      painter_clear (&painter);
      h += block;
      top += block;
    }

  layout->width = w;
  layout->height = ceil (h);
  layout->top = top;
  layout->legend_height = legend_height;
}

void
extopo_renderer_get_page_size (ExtopoGeometry            *geometry,
                               const ExtopoRenderOptions *options,
                               double                    *width,
                               double                    *height)
{
  ExtopoPageLayout layout;

  g_return_if_fail (geometry != NULL);

  extopo_renderer_get_page_layout (geometry, options, &layout);
  if (width != NULL)
    *width = layout.width;
  if (height != NULL)
    *height = layout.height;
}

void
extopo_renderer_draw_page (cairo_t                   *cr,
                           ExtopoGeometry            *geometry,
                           const ExtopoRenderOptions *options)
{
  ExtopoRenderOptions defaults;
  ExtopoRenderOptions graph_options;
  ExtopoPageLayout layout;
  ExtopoRect region;
  ExtopoRect clipped;
  ExtopoRect part;
  double width, height, top, dx, dy;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (geometry != NULL);

  if (options == NULL)
    {
      extopo_render_options_init (&defaults);
      options = &defaults;
    }

  extopo_renderer_get_page_layout (geometry, options, &layout);
  width = layout.width;
  height = layout.height;
  page_region (geometry, options, &region);

  cairo_save (cr);
  if (options->page_clip != NULL)
    {
      cairo_rectangle (cr, options->page_clip->x, options->page_clip->y,
                       options->page_clip->width, options->page_clip->height);
      cairo_clip (cr);
    }
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);

  /* A tile below the title block or beside the legend skips them. */
  top = layout.top;
  part = (ExtopoRect) { 0, 0, width, top };
  if (options->show_title &&
      (options->page_clip == NULL || extopo_rect_intersects (options->page_clip, &part)))
    {
      Painter painter;

      painter_init (&painter, cr, geometry, options);
      title_block (&painter, width, TRUE);
      painter_clear (&painter);
    }

  /* Whole-point offsets: the geometry's boxes sit on whole points, and a
   * vector export then writes short integers instead of six decimals. */
  dx = round (PAGE_MARGIN - region.x);
  dy = round (top - region.y);
  graph_options = *options;
  graph_options.visible = &region;
  /* A tile draws only what falls on it: each page of a printed diagram
   * would otherwise hold all of it, clipped. */
  if (options->page_clip != NULL)
    {
      /* Widened by what strokes and shadows reach beyond a box, so that
       * an object just off the clip still paints its edge into it. */
      ExtopoRect tile = {
        options->page_clip->x - dx - CULL_MARGIN, options->page_clip->y - dy - CULL_MARGIN,
        options->page_clip->width + 2 * CULL_MARGIN, options->page_clip->height + 2 * CULL_MARGIN
      };
      double x1 = MAX (tile.x, region.x), y1 = MAX (tile.y, region.y);
      double x2 = MIN (tile.x + tile.width, region.x + region.width);
      double y2 = MIN (tile.y + tile.height, region.y + region.height);

      clipped.x = x1;
      clipped.y = y1;
      clipped.width = MAX (0, x2 - x1);
      clipped.height = MAX (0, y2 - y1);
      graph_options.visible = &clipped;
    }
  cairo_save (cr);
  cairo_rectangle (cr, region.x + dx, region.y + dy, region.width, region.height);
  cairo_clip (cr);
  cairo_translate (cr, dx, dy);
  draw_graph (cr, geometry, &graph_options, dx, dy);
  cairo_restore (cr);

  part = (ExtopoRect) { PAGE_MARGIN + region.width + PAGE_GAP, top, LEGEND_WIDTH,
                        layout.legend_height };
  if (options->show_legend &&
      (options->page_clip == NULL || extopo_rect_intersects (options->page_clip, &part)))
    extopo_renderer_draw_legend (cr, part.x, part.y);

  cairo_restore (cr);
}
