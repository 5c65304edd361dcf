/* extopo-pages.c: a diagram's page cut into sheets, for PDF and printing.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-pages"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "extopo-pages.h"

/* White edge of a sheet that printers cannot reach, in points. */
#define SHEET_MARGIN      24.0
/* The band inside the margin that holds a tile's label and the names of
 * its neighbours. */
#define SHEET_BAND        14.0
#define SHEET_FONT_SIZE    8.0
/* Canvas points each tile repeats of its neighbour, so that nothing cut
 * at an edge is lost. */
#define TILE_OVERLAP      18.0
/* Tiles print at this scale: names at 9 pt come out near 7 pt. */
#define TILE_SCALE         0.75
#define GRID_LINE_WIDTH    0.8

static const struct
{
  ExtopoPaper  paper;
  const char  *name;
  double       width;
  double       height;
} papers[] = {
  { EXTOPO_PAPER_A4, "A4", 595.276, 841.890 },
  { EXTOPO_PAPER_A3, "A3", 841.890, 1190.551 },
  { EXTOPO_PAPER_A2, "A2", 1190.551, 1683.780 },
  { EXTOPO_PAPER_LETTER, "Letter", 612.0, 792.0 },
  { EXTOPO_PAPER_TABLOID, "Tabloid", 792.0, 1224.0 },
};

gboolean
extopo_paper_from_string (const char  *name,
                          ExtopoPaper *paper)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    if (g_ascii_strcasecmp (name, papers[i].name) == 0)
      {
        *paper = papers[i].paper;
        return TRUE;
      }

  return FALSE;
}

const char *
extopo_paper_to_string (ExtopoPaper paper)
{
  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    if (papers[i].paper == paper)
      return papers[i].name;

  return NULL;
}

void
extopo_paper_get_size (ExtopoPaper  paper,
                       double      *width,
                       double      *height)
{
  *width = *height = 0;
  for (guint i = 0; i < G_N_ELEMENTS (papers); i++)
    if (papers[i].paper == paper)
      {
        *width = papers[i].width;
        *height = papers[i].height;
      }
}

/* Tiles of @tile_width x @tile_height canvas points needed along @length. */
static guint
count_tiles (double length,
             double tile)
{
  if (length <= tile)
    return 1;

  return (guint) ceil ((length - TILE_OVERLAP) / (tile - TILE_OVERLAP));
}

/* One sheet if the canvas is legible on it, else tiles; in the better
 * orientation when @may_turn, else as the sheet is given. */
static void
plan_on_sheets (ExtopoPagePlan *plan,
                double          paper_width,
                double          paper_height,
                gboolean        may_turn)
{
  double canvas_width = plan->canvas_width;
  double canvas_height = plan->canvas_height;
  double best_fit = 0;
  guint best_pages = G_MAXUINT;

  /* One sheet, in the orientation that shows the canvas biggest. */
  for (int landscape = 0; landscape <= (may_turn ? 1 : 0); landscape++)
    {
      double w = landscape ? paper_height : paper_width;
      double h = landscape ? paper_width : paper_height;
      double fit = MIN ((w - 2 * SHEET_MARGIN) / canvas_width,
                        (h - 2 * SHEET_MARGIN) / canvas_height);

      if (fit > best_fit)
        {
          best_fit = fit;
          plan->sheet_width = w;
          plan->sheet_height = h;
        }
    }
  if (best_fit >= EXTOPO_PAGES_MIN_SCALE)
    {
      plan->scale = MIN (best_fit, 1.0);
      plan->tile_width = canvas_width;
      plan->tile_height = canvas_height;
      return;
    }

  /* Tiles, in the orientation that needs fewer sheets. */
  plan->scale = TILE_SCALE;
  for (int landscape = 0; landscape <= (may_turn ? 1 : 0); landscape++)
    {
      double w = landscape ? paper_height : paper_width;
      double h = landscape ? paper_width : paper_height;
      double tile_width = (w - 2 * (SHEET_MARGIN + SHEET_BAND)) / TILE_SCALE;
      double tile_height = (h - 2 * (SHEET_MARGIN + SHEET_BAND)) / TILE_SCALE;
      guint columns = count_tiles (canvas_width, tile_width);
      guint rows = count_tiles (canvas_height, tile_height);

      if (columns * rows < best_pages)
        {
          best_pages = columns * rows;
          plan->sheet_width = w;
          plan->sheet_height = h;
          plan->columns = columns;
          plan->rows = rows;
          plan->tile_width = tile_width;
          plan->tile_height = tile_height;
        }
    }
}

void
extopo_page_plan_compute (ExtopoPagePlan *plan,
                          double          canvas_width,
                          double          canvas_height,
                          ExtopoPaper     paper)
{
  double paper_width, paper_height;

  g_return_if_fail (plan != NULL);
  g_return_if_fail (canvas_width > 0 && canvas_height > 0);

  *plan = (ExtopoPagePlan) {
    .paper = paper, .canvas_width = canvas_width, .canvas_height = canvas_height,
    .scale = 1.0, .columns = 1, .rows = 1,
  };

  if (paper == EXTOPO_PAPER_NONE)
    {
      double fit = MIN (1.0, MIN (EXTOPO_PAGES_MAX_SIDE / canvas_width,
                                  EXTOPO_PAGES_MAX_SIDE / canvas_height));

      if (fit >= EXTOPO_PAGES_MIN_SCALE)
        {
          plan->scale = fit;
          plan->sheet_width = MIN (ceil (canvas_width * fit), EXTOPO_PAGES_MAX_SIDE);
          plan->sheet_height = MIN (ceil (canvas_height * fit), EXTOPO_PAGES_MAX_SIDE);
          plan->tile_width = canvas_width;
          plan->tile_height = canvas_height;
          return;
        }
      /* Scaled down to the largest page, names would be specks: tiles. */
      plan->paper = paper = EXTOPO_PAPER_A3;
    }

  extopo_paper_get_size (paper, &paper_width, &paper_height);
  plan_on_sheets (plan, paper_width, paper_height, TRUE);
}

void
extopo_page_plan_compute_for_sheet (ExtopoPagePlan *plan,
                                    double          canvas_width,
                                    double          canvas_height,
                                    double          sheet_width,
                                    double          sheet_height)
{
  g_return_if_fail (plan != NULL);
  g_return_if_fail (canvas_width > 0 && canvas_height > 0);
  g_return_if_fail (sheet_width > 2 * (SHEET_MARGIN + SHEET_BAND) &&
                    sheet_height > 2 * (SHEET_MARGIN + SHEET_BAND));

  *plan = (ExtopoPagePlan) {
    .paper = EXTOPO_PAPER_A4, .canvas_width = canvas_width, .canvas_height = canvas_height,
    .scale = 1.0, .columns = 1, .rows = 1,
  };
  plan_on_sheets (plan, sheet_width, sheet_height, FALSE);
}

void
extopo_page_plan_get_sheet_size (const ExtopoPagePlan *plan,
                                 guint                 page,
                                 double               *width,
                                 double               *height)
{
  double canvas_aspect = plan->canvas_width / plan->canvas_height;
  double sheet_aspect = plan->sheet_width / plan->sheet_height;

  *width = plan->sheet_width;
  *height = plan->sheet_height;
  /* The overview turns the sheet when the whole canvas shows bigger so. */
  if (page == 0 && extopo_page_plan_get_n_pages (plan) > 1 &&
      (canvas_aspect > 1) != (sheet_aspect > 1))
    {
      *width = plan->sheet_height;
      *height = plan->sheet_width;
    }
}

guint
extopo_page_plan_get_n_pages (const ExtopoPagePlan *plan)
{
  guint tiles = plan->columns * plan->rows;

  return tiles > 1 ? tiles + 1 : 1;
}

/* "A", ..., "Z", "AA", ... */
static char *
column_name (guint column)
{
  GString *name = g_string_new (NULL);

  do
    {
      g_string_prepend_c (name, 'A' + column % 26);
      column = column / 26;
    }
  while (column-- > 0);

  return g_string_free (name, FALSE);
}

static char *
tile_label (guint column,
            guint row)
{
  g_autofree char *letters = column_name (column);

  return g_strdup_printf ("%s%u", letters, row + 1);
}

static void
tile_rect (const ExtopoPagePlan *plan,
           guint                 column,
           guint                 row,
           ExtopoRect           *tile)
{
  tile->x = column * (plan->tile_width - TILE_OVERLAP);
  tile->y = row * (plan->tile_height - TILE_OVERLAP);
  tile->width = plan->tile_width;
  tile->height = plan->tile_height;
}

gboolean
extopo_page_plan_get_tile (const ExtopoPagePlan  *plan,
                           guint                  page,
                           ExtopoRect            *tile,
                           char                 **label)
{
  guint index;

  if (extopo_page_plan_get_n_pages (plan) == 1 || page == 0 ||
      page >= extopo_page_plan_get_n_pages (plan))
    return FALSE;

  /* Row by row, as the overview reads. */
  index = page - 1;
  tile_rect (plan, index % plan->columns, index / plan->columns, tile);
  if (label != NULL)
    *label = tile_label (index % plan->columns, index / plan->columns);

  return TRUE;
}

/* Text of the sheet itself (labels, references), not of the diagram;
 * centred on @y, and with @angle (radians) turned about (@x, @y). */
static void
sheet_text_turned (cairo_t    *cr,
                   const char *text,
                   double      x,
                   double      y,
                   double      x_align,
                   gboolean    bold,
                   double      angle)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans");
  int width, height;

  pango_font_description_set_absolute_size (font, SHEET_FONT_SIZE * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, angle);
  cairo_move_to (cr, -x_align * width, -height / 2.0);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  pango_font_description_free (font);
  g_object_unref (layout);
}

static void
sheet_text (cairo_t    *cr,
            const char *text,
            double      x,
            double      y,
            double      x_align,
            gboolean    bold)
{
  sheet_text_turned (cr, text, x, y, x_align, bold, 0);
}

/* The tile that holds a canvas point, by its name: where a connector
 * leaving a sheet goes. Points in an overlap go to the later tile. */
static char *
sheet_name (double   x,
            double   y,
            gpointer data)
{
  const ExtopoPagePlan *plan = data;
  double column = floor (x / (plan->tile_width - TILE_OVERLAP));
  double row = floor (y / (plan->tile_height - TILE_OVERLAP));

  return tile_label ((guint) CLAMP (column, 0, plan->columns - 1),
                     (guint) CLAMP (row, 0, plan->rows - 1));
}

/* @plan: the sheets, when @clip is one of its tiles. */
static void
draw_canvas (cairo_t                   *cr,
             ExtopoGeometry            *geometry,
             const ExtopoRenderOptions *options,
             const ExtopoPagePlan      *plan,
             double                     scale,
             const ExtopoRect          *clip)
{
  ExtopoRenderOptions page_options = *options;

  /* Text too small for the sheet is simplified as it is on screen. */
  page_options.scale = scale;
  page_options.page_clip = clip;
  if (plan != NULL && clip != NULL)
    {
      page_options.sheet_name = sheet_name;
      page_options.sheet_name_data = (gpointer) plan;
    }
  cairo_save (cr);
  cairo_scale (cr, scale, scale);
  extopo_renderer_draw_page (cr, geometry, &page_options);
  cairo_restore (cr);
}

static void
draw_overview (const ExtopoPagePlan      *plan,
               cairo_t                   *cr,
               double                     width,
               double                     height,
               ExtopoGeometry            *geometry,
               const ExtopoRenderOptions *options)
{
  double top = SHEET_MARGIN + SHEET_BAND;
  double area_width = width - 2 * SHEET_MARGIN;
  double area_height = height - top - SHEET_MARGIN;
  double scale = MIN (area_width / plan->canvas_width, area_height / plan->canvas_height);
  double x0 = SHEET_MARGIN + (area_width - plan->canvas_width * scale) / 2;
  g_autofree char *heading = NULL;
  g_autofree char *last = tile_label (plan->columns - 1, plan->rows - 1);

  /* Translators: the heading of the first page of a diagram printed on
   * several: the number of pages after it, then the last page's name. */
  heading = g_strdup_printf (ngettext ("Overview: %u page follows, A1 to %s",
                                       "Overview: %u pages follow, A1 to %s",
                                       plan->columns * plan->rows),
                             plan->columns * plan->rows, last);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  sheet_text (cr, heading, SHEET_MARGIN, SHEET_MARGIN + SHEET_BAND / 2, 0, TRUE);

  cairo_save (cr);
  cairo_translate (cr, x0, top);
  draw_canvas (cr, geometry, options, NULL, scale, NULL);

  /* The grid of tiles, each named at its centre. */
  cairo_set_line_width (cr, GRID_LINE_WIDTH);
  for (guint row = 0; row < plan->rows; row++)
    for (guint column = 0; column < plan->columns; column++)
      {
        g_autofree char *label = tile_label (column, row);
        ExtopoRect tile;

        tile_rect (plan, column, row, &tile);
        tile.width = MIN (tile.width, plan->canvas_width - tile.x);
        tile.height = MIN (tile.height, plan->canvas_height - tile.y);
        cairo_rectangle (cr, tile.x * scale, tile.y * scale, tile.width * scale,
                         tile.height * scale);
        cairo_set_source_rgba (cr, 0.1, 0.3, 0.7, 0.8);
        cairo_stroke (cr);
        cairo_set_source_rgba (cr, 0.1, 0.3, 0.7, 0.9);
        sheet_text (cr, label, (tile.x + tile.width / 2) * scale,
                    (tile.y + tile.height / 2) * scale, 0.5, TRUE);
      }
  cairo_restore (cr);
}

static void
draw_tile (const ExtopoPagePlan      *plan,
           guint                      page,
           cairo_t                   *cr,
           double                     width,
           double                     height,
           ExtopoGeometry            *geometry,
           const ExtopoRenderOptions *options)
{
  guint index = page - 1;
  guint column = index % plan->columns;
  guint row = index / plan->columns;
  double inset = SHEET_MARGIN + SHEET_BAND;
  g_autofree char *label = tile_label (column, row);
  g_autofree char *heading = NULL;
  ExtopoRect tile;

  tile_rect (plan, column, row, &tile);

  cairo_save (cr);
  cairo_rectangle (cr, inset, inset, tile.width * plan->scale, tile.height * plan->scale);
  cairo_clip (cr);
  cairo_translate (cr, inset - tile.x * plan->scale, inset - tile.y * plan->scale);
  draw_canvas (cr, geometry, options, plan, plan->scale, &tile);
  cairo_restore (cr);

  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  /* Translators: a printed tile's heading: its name, its page, the pages. */
  heading = g_strdup_printf (_("%s · page %u of %u"), label, page + 1,
                             extopo_page_plan_get_n_pages (plan));
  sheet_text (cr, heading, SHEET_MARGIN, SHEET_MARGIN + SHEET_BAND / 2, 0, TRUE);

  /* Where the diagram goes on. */
  if (row > 0)
    {
      g_autofree char *up = tile_label (column, row - 1);
      g_autofree char *text = g_strdup_printf ("▲ %s", up);

      sheet_text (cr, text, width / 2, SHEET_MARGIN + SHEET_BAND / 2, 0.5, FALSE);
    }
  if (row + 1 < plan->rows)
    {
      g_autofree char *down = tile_label (column, row + 1);
      g_autofree char *text = g_strdup_printf ("▼ %s", down);

      sheet_text (cr, text, width / 2, height - SHEET_MARGIN - SHEET_BAND / 2, 0.5, FALSE);
    }
  if (column > 0)
    {
      g_autofree char *left = tile_label (column - 1, row);
      g_autofree char *text = g_strdup_printf ("▲ %s", left);

      /* Read from the right: turned a quarter to the left, in the band. */
      sheet_text_turned (cr, text, SHEET_MARGIN + SHEET_BAND / 2, height / 2, 0.5, FALSE,
                         -G_PI / 2);
    }
  if (column + 1 < plan->columns)
    {
      g_autofree char *right = tile_label (column + 1, row);
      g_autofree char *text = g_strdup_printf ("▲ %s", right);

      sheet_text_turned (cr, text, width - SHEET_MARGIN - SHEET_BAND / 2, height / 2, 0.5,
                         FALSE, G_PI / 2);
    }
}

void
extopo_page_plan_draw_page (const ExtopoPagePlan      *plan,
                            guint                      page,
                            cairo_t                   *cr,
                            double                     width,
                            double                     height,
                            ExtopoGeometry            *geometry,
                            const ExtopoRenderOptions *options)
{
  ExtopoRenderOptions defaults;

  g_return_if_fail (plan != NULL);
  g_return_if_fail (page < extopo_page_plan_get_n_pages (plan));

  if (options == NULL)
    {
      extopo_render_options_init (&defaults);
      options = &defaults;
    }

  if (extopo_page_plan_get_n_pages (plan) == 1)
    {
      /* One page of its own size: exactly what the renderer draws. */
      if (plan->paper == EXTOPO_PAPER_NONE)
        {
          double scale = MIN (width / plan->canvas_width, height / plan->canvas_height);

          if (scale >= 1.0)
            extopo_renderer_draw_page (cr, geometry, options);
          else
            draw_canvas (cr, geometry, options, NULL, scale, NULL);
          return;
        }

      cairo_save (cr);
      cairo_translate (cr, (width - plan->canvas_width * plan->scale) / 2,
                       (height - plan->canvas_height * plan->scale) / 2);
      draw_canvas (cr, geometry, options, NULL, plan->scale, NULL);
      cairo_restore (cr);
      return;
    }

  if (page == 0)
    draw_overview (plan, cr, width, height, geometry, options);
  else
    draw_tile (plan, page, cr, width, height, geometry, options);
}
