/* extopo-renderer-text.c: the diagram's text: fonts, layouts, and glyphs gathered into batches
 * so that thousands of names cost a few cairo calls.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-renderer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "extopo-renderer-private.h"

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

/* Glyphs of one font and colour gathered from many layouts, shown with one
 * cairo_show_glyphs(): one element instead of one per text in a vector
 * export, and fewer calls on screen. */
typedef struct
{
  cairo_scaled_font_t *font;
  double               r, g, b, a;
  GArray              *glyphs;    /* cairo_glyph_t */
} GlyphBatch;

void
extopo_painter_glyph_batch_free (gpointer data)
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
      g_array_append_vals (glyph_batch_get (painter->text_batches, runs[i].font, r, g, b,
                                            a)->glyphs,
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
void
extopo_painter_flush_text (Painter *painter)
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

PangoLayout *
extopo_painter_create_layout (cairo_t *cr)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  cairo_font_options_t *font_options = cairo_font_options_create ();

  /* Metrics independent of the device, so boxes look the same on screen and paper. */
  cairo_font_options_set_hint_metrics (font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (font_options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pango_layout_get_context (layout), font_options);
  /* Not left to the font map's default: the scene measures at the same. */
  pango_cairo_context_set_resolution (pango_layout_get_context (layout), TEXT_RESOLUTION);
  pango_layout_context_changed (layout);
  cairo_font_options_destroy (font_options);

  return layout;
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

/* Sets up the shared layout for @text as one line at most @width wide (0:
 * unbounded), ellipsized, paints it with its top-left corner at (x, y)
 * when @paint, and gives its size. */
static void
show_text (Painter    *painter,
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
  PangoLayout *layout = painter->layout;
  int w, h;

  if (painter->text_batches != NULL && text != NULL &&
      show_ascii_text (painter, text, size, bold, x, y, width, paint, text_width, text_height))
    return;

  pango_layout_set_font_description (layout, get_font (size, bold));
  pango_layout_set_width (layout, width > 0 ? (int) (width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (layout, width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  pango_layout_get_size (layout, &w, &h);

  if (paint)
    show_layout (painter, layout, x, y);

  *text_width = (double) w / PANGO_SCALE;
  *text_height = (double) h / PANGO_SCALE;
}

/* One line; returns its width. */
double
extopo_painter_draw_text (Painter    *painter,
                          const char *text,
                          double      size,
                          gboolean    bold,
                          double      x,
                          double      y,
                          double      width,
                          gboolean    paint)
{
  double w, h;

  show_text (painter, text, size, bold, x, y, width, paint, &w, &h);

  return w;
}
