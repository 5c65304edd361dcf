/* extopo-history-chart.c: a history of snapshots drawn as a chart.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-history"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n.h>

#include "extopo-history-chart.h"
#include "extopo-renderer-private.h"
#include "extopo-svg-writer.h"

/* Sizes, in points. */
#define CHART_MARGIN        24.0
#define CHART_TITLE_SIZE    14.0
#define CHART_TEXT_SIZE      9.0
#define CHART_SMALL_SIZE     8.0
#define CHART_GAP            6.0
#define CHART_PLOT_GAP      20.0    /* between the plots and the legend */
#define CHART_BAND_HEIGHT   12.0    /* the readiness band */
#define CHART_BAND_GAP       8.0
#define CHART_FINDINGS_SHARE 0.28   /* of the plots' height, for the findings panel */
#define CHART_SWATCH        10.0
#define CHART_LEGEND_ROW    15.0
#define CHART_LINE_WIDTH     2.0
#define CHART_DOT_RADIUS     3.0
#define CHART_MARKER_RADIUS  4.0
#define CHART_GRID_WIDTH     0.6
#define CHART_MAIN_TICKS     5
#define CHART_FINDINGS_TICKS 3

#define CHART_GRID_INK      0.86, 0.88, 0.91
#define CHART_AXIS_INK      0.60, 0.64, 0.70
#define CHART_BACKGROUND    1.00, 1.00, 1.00

/* Each release a hue; its levels run from light (oldest) to full. */
static const struct
{
  ExtopoProduct product;
  double        rgb[3];
} release_inks[] = {
  { EXTOPO_PRODUCT_EXCHANGE_55,   { 0.55, 0.36, 0.58 } },
  { EXTOPO_PRODUCT_EXCHANGE_2000, { 0.60, 0.46, 0.30 } },
  { EXTOPO_PRODUCT_EXCHANGE_2003, { 0.26, 0.47, 0.74 } },
  { EXTOPO_PRODUCT_EXCHANGE_2007, { 0.24, 0.60, 0.40 } },
  { EXTOPO_PRODUCT_EXCHANGE_2010, { 0.45, 0.40, 0.72 } },
  { EXTOPO_PRODUCT_EXCHANGE_2013, { 0.20, 0.58, 0.62 } },
  { EXTOPO_PRODUCT_EXCHANGE_2016, { 0.72, 0.42, 0.55 } },
  { EXTOPO_PRODUCT_EXCHANGE_2019, { 0.38, 0.45, 0.52 } },
  { EXTOPO_PRODUCT_EXCHANGE_SE,   { 0.30, 0.35, 0.45 } },
};
#define UNKNOWN_RELEASE_INK 0.72, 0.72, 0.74

typedef enum
{
  SHAPE_AREA,      /* a filled polygon */
  SHAPE_LINE,      /* an open polyline */
  SHAPE_DOT,       /* a filled circle with a white rim */
  SHAPE_TEXT,
} ShapeKind;

typedef enum
{
  ANCHOR_START,
  ANCHOR_MIDDLE,
  ANCHOR_END,
} Anchor;

typedef struct
{
  ShapeKind   kind;
  double      rgb[3];
  double      width;      /* of a line */
  gboolean    dashed;
  GArray     *points;     /* double x, y pairs: areas and lines */
  double      x, y;       /* a dot's centre; a text's top-left corner (unrotated) */
  double      radius;
  char       *text;
  double      size;
  gboolean    bold;
  gboolean    vertical;   /* read bottom to top, turned about (x, y) */
  double      text_width;
  double      baseline;   /* from the top */
  const char *css_class;  /* for the SVG, or NULL */
} Shape;

struct _ExtopoHistoryChart
{
  double     width;
  double     height;
  char      *title;
  GPtrArray *shapes;      /* Shape*, in painting order */
};

/* While laying out: a layout to measure text with. */
typedef struct
{
  ExtopoHistoryChart  *chart;
  const ExtopoHistory *history;
  cairo_surface_t     *surface;
  cairo_t             *cr;
  PangoLayout         *layout;
  double               t0, t1;    /* the first and last date, seconds */
  double               left, right;
} Builder;

static void
shape_free (gpointer data)
{
  Shape *shape = data;

  g_clear_pointer (&shape->points, g_array_unref);
  g_free (shape->text);
  g_free (shape);
}

void
extopo_history_chart_free (ExtopoHistoryChart *chart)
{
  if (chart == NULL)
    return;

  g_free (chart->title);
  g_ptr_array_unref (chart->shapes);
  g_free (chart);
}

static Shape *
add_shape (Builder      *builder,
           ShapeKind     kind,
           const double  rgb[3])
{
  Shape *shape = g_new0 (Shape, 1);

  shape->kind = kind;
  memcpy (shape->rgb, rgb, sizeof shape->rgb);
  if (kind == SHAPE_AREA || kind == SHAPE_LINE)
    shape->points = g_array_new (FALSE, FALSE, sizeof (double));
  g_ptr_array_add (builder->chart->shapes, shape);

  return shape;
}

static void
shape_add_point (Shape  *shape,
                 double  x,
                 double  y)
{
  g_array_append_val (shape->points, x);
  g_array_append_val (shape->points, y);
}

static void
add_rect (Builder      *builder,
          const double  rgb[3],
          double        x,
          double        y,
          double        width,
          double        height)
{
  Shape *shape = add_shape (builder, SHAPE_AREA, rgb);

  shape_add_point (shape, x, y);
  shape_add_point (shape, x + width, y);
  shape_add_point (shape, x + width, y + height);
  shape_add_point (shape, x, y + height);
}

static Shape *
add_line (Builder      *builder,
          const double  rgb[3],
          double        width,
          double        x0,
          double        y0,
          double        x1,
          double        y1)
{
  Shape *shape = add_shape (builder, SHAPE_LINE, rgb);

  shape->width = width;
  shape_add_point (shape, x0, y0);
  shape_add_point (shape, x1, y1);

  return shape;
}

static void
add_dot (Builder      *builder,
         const double  rgb[3],
         double        x,
         double        y,
         double        radius)
{
  Shape *shape = add_shape (builder, SHAPE_DOT, rgb);

  shape->x = x;
  shape->y = y;
  shape->radius = radius;
}

/* @text in Sans at @size points, bold or not, into @layout. */
static void
set_text (PangoLayout *layout,
          const char  *text,
          double       size,
          gboolean     bold)
{
  PangoFontDescription *font = pango_font_description_from_string ("Sans");

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
}

static void
measure (Builder    *builder,
         const char *text,
         double      size,
         gboolean    bold,
         double     *width,
         double     *height,
         double     *baseline)
{
  int w, h;

  set_text (builder->layout, text, size, bold);
  pango_layout_get_size (builder->layout, &w, &h);
  *width = (double) w / PANGO_SCALE;
  if (height != NULL)
    *height = (double) h / PANGO_SCALE;
  if (baseline != NULL)
    *baseline = (double) pango_layout_get_baseline (builder->layout) / PANGO_SCALE;
}

static double
text_height (Builder *builder,
             double   size)
{
  double width, height;

  measure (builder, "Ag", size, FALSE, &width, &height, NULL);

  return height;
}

/* Text placed by @anchor at @x, its top at @y; vertical text turns about
 * (x, y) and reads upwards, @anchor along its own direction. */
static Shape *
add_text (Builder      *builder,
          const double  rgb[3],
          const char   *text,
          double        size,
          gboolean      bold,
          double        x,
          double        y,
          Anchor        anchor)
{
  Shape *shape = add_shape (builder, SHAPE_TEXT, rgb);

  shape->text = g_strdup (text);
  shape->size = size;
  shape->bold = bold;
  measure (builder, text, size, bold, &shape->text_width, NULL, &shape->baseline);
  shape->x = anchor == ANCHOR_START ? x
             : anchor == ANCHOR_MIDDLE ? x - shape->text_width / 2 : x - shape->text_width;
  shape->y = y;

  return shape;
}

static Shape *
add_vertical_text (Builder      *builder,
                   const double  rgb[3],
                   const char   *text,
                   double        size,
                   double        x,
                   double        y_middle)
{
  Shape *shape = add_text (builder, rgb, text, size, FALSE, 0, x, ANCHOR_START);

  /* Turned a quarter counter-clockwise about its corner (x, y): its
   * width runs upwards from y, centred on @y_middle. */
  shape->vertical = TRUE;
  shape->x = x;
  shape->y = y_middle + shape->text_width / 2;

  return shape;
}

static void
release_ink (const ExtopoHistory       *history,
             const ExtopoHistorySeries *series,
             double                     rgb[3])
{
  const double unknown[3] = { UNKNOWN_RELEASE_INK };
  guint rank = 0, levels = 0;
  double light;

  memcpy (rgb, unknown, sizeof unknown);
  for (guint i = 0; i < G_N_ELEMENTS (release_inks); i++)
    if (release_inks[i].product == series->product)
      memcpy (rgb, release_inks[i].rgb, sizeof release_inks[i].rgb);
  if (series->product == EXTOPO_PRODUCT_UNKNOWN)
    return;

  /* The newest level of a release in full colour, older ones lighter. */
  for (guint i = 0; i < history->series->len; i++)
    {
      const ExtopoHistorySeries *other = g_ptr_array_index (history->series, i);

      if (other->product != series->product)
        continue;
      if (other == series)
        rank = levels;
      levels++;
    }
  light = levels > 1 ? 0.55 * (double) (levels - 1 - rank) / (levels - 1) : 0;
  for (guint c = 0; c < 3; c++)
    rgb[c] += (1 - rgb[c]) * light;
}

/* A step of 1, 2 or 5 times a power of ten that gives about @ticks steps
 * up to @most, never below 1 (the values are counts). */
static guint
nice_step (guint most,
           guint ticks)
{
  double raw = MAX (1.0, (double) most / ticks);
  double magnitude = pow (10, floor (log10 (raw)));
  double step = magnitude;

  if (raw > 5 * magnitude)
    step = 10 * magnitude;
  else if (raw > 2 * magnitude)
    step = 5 * magnitude;
  else if (raw > magnitude)
    step = 2 * magnitude;

  return MAX (1u, (guint) step);
}

static double
point_x (Builder *builder,
         guint    index)
{
  const ExtopoHistory *history = builder->history;
  guint n = history->points->len;
  GDateTime *date = g_array_index (history->points, ExtopoHistoryPoint, index).date;

  /* All on one date: spread evenly, one alone in the middle. */
  if (builder->t1 <= builder->t0)
    return n == 1 ? (builder->left + builder->right) / 2
           : builder->left + (builder->right - builder->left) * index / (n - 1);

  return builder->left + (builder->right - builder->left) *
         ((double) g_date_time_to_unix (date) - builder->t0) / (builder->t1 - builder->t0);
}

/* A panel's y axis: grid lines and tick labels for 0..top in steps. */
static void
add_y_axis (Builder *builder,
            double   top_y,
            double   bottom_y,
            guint    top,
            guint    step)
{
  const double grid[3] = { CHART_GRID_INK };
  const double muted[3] = { STYLE_MUTED_INK };
  double small_height = text_height (builder, CHART_SMALL_SIZE);

  for (guint value = 0; value <= top; value += step)
    {
      double y = bottom_y - (bottom_y - top_y) * value / top;
      g_autofree char *label = g_strdup_printf ("%u", value);

      add_line (builder, grid, CHART_GRID_WIDTH, builder->left, y, builder->right, y);
      add_text (builder, muted, label, CHART_SMALL_SIZE, FALSE, builder->left - CHART_GAP,
                y - small_height / 2, ANCHOR_END);
    }
}

static guint
axis_top (guint most,
          guint step)
{
  return MAX (step, (most + step - 1) / step * step);
}

static void
add_stacked_areas (Builder *builder,
                   double   top_y,
                   double   bottom_y)
{
  const ExtopoHistory *history = builder->history;
  const double white[3] = { CHART_BACKGROUND };
  guint n = history->points->len;
  guint step = nice_step (extopo_history_get_max_servers (history), CHART_MAIN_TICKS);
  guint top = axis_top (extopo_history_get_max_servers (history), step);
  g_autofree double *below = g_new0 (double, n);

  add_y_axis (builder, top_y, bottom_y, top, step);
  for (guint s = 0; s < history->series->len; s++)
    {
      const ExtopoHistorySeries *series = g_ptr_array_index (history->series, s);
      double rgb[3];
      Shape *area, *edge;

      release_ink (history, series, rgb);
      area = add_shape (builder, SHAPE_AREA, rgb);
      area->css_class = "series";
      edge = add_shape (builder, SHAPE_LINE, white);
      edge->width = 0.8;
      for (guint i = 0; i < n; i++)
        {
          const ExtopoHistoryPoint *point = &g_array_index (history->points,
                                                            ExtopoHistoryPoint, i);
          double value = below[i] + point->counts[s];
          double y = bottom_y - (bottom_y - top_y) * value / top;

          /* One snapshot alone: a block across the plot. */
          if (n == 1)
            {
              shape_add_point (area, builder->left, y);
              shape_add_point (edge, builder->left, y);
              shape_add_point (area, builder->right, y);
              shape_add_point (edge, builder->right, y);
            }
          else
            {
              shape_add_point (area, point_x (builder, i), y);
              shape_add_point (edge, point_x (builder, i), y);
            }
        }
      for (guint i = n; i-- > 0;)
        {
          double y = bottom_y - (bottom_y - top_y) * below[i] / top;

          if (n == 1)
            {
              shape_add_point (area, builder->right, y);
              shape_add_point (area, builder->left, y);
            }
          else
            {
              shape_add_point (area, point_x (builder, i), y);
            }
          below[i] += g_array_index (history->points, ExtopoHistoryPoint, i).counts[s];
        }
    }
}

static void
readiness_ink (ExtopoReadinessState state,
               double               rgb[3])
{
  const double inks[][3] = {
    [EXTOPO_READINESS_NOT_READY] = { STYLE_ERROR_ACCENT },
    [EXTOPO_READINESS_READY_WITH_FINDINGS] = { STYLE_WARNING_ACCENT },
    [EXTOPO_READINESS_READY] = { STYLE_OK_ACCENT },
  };

  memcpy (rgb, inks[MIN ((guint) state, (guint) EXTOPO_READINESS_READY)], 3 * sizeof (double));
}

/* Each snapshot's readiness holds until the next one. */
static void
add_readiness_band (Builder *builder,
                    double   y)
{
  const ExtopoHistory *history = builder->history;
  guint n = history->points->len;

  for (guint i = 0; i < n; i++)
    {
      ExtopoReadinessState state = g_array_index (history->points, ExtopoHistoryPoint, i)
                                   .readiness;
      double rgb[3];
      double x0 = n == 1 ? builder->left : point_x (builder, i);
      double x1 = n == 1 ? builder->right : i + 1 < n ? point_x (builder, i + 1) : x0;

      readiness_ink (state, rgb);
      if (x1 > x0)
        add_rect (builder, rgb, x0, y, x1 - x0, CHART_BAND_HEIGHT);
    }
  for (guint i = 0; i < n; i++)
    {
      double rgb[3];

      readiness_ink (g_array_index (history->points, ExtopoHistoryPoint, i).readiness, rgb);
      add_dot (builder, rgb, point_x (builder, i), y + CHART_BAND_HEIGHT / 2,
               CHART_MARKER_RADIUS);
    }
}

static void
add_findings_lines (Builder *builder,
                    double   top_y,
                    double   bottom_y)
{
  const ExtopoHistory *history = builder->history;
  const double inks[2][3] = { { STYLE_WARNING_ACCENT }, { STYLE_ERROR_ACCENT } };
  guint most = extopo_history_get_max_findings (history);
  guint step = nice_step (most, CHART_FINDINGS_TICKS);
  guint top = axis_top (most, step);
  guint n = history->points->len;

  add_y_axis (builder, top_y, bottom_y, top, step);
  /* Warnings first, so that errors are drawn over them. */
  for (guint which = 0; which < 2; which++)
    {
      Shape *line = add_shape (builder, SHAPE_LINE, inks[which]);

      line->width = CHART_LINE_WIDTH;
      line->dashed = which == 0;
      line->css_class = which == 0 ? "warnings" : "errors";
      for (guint i = 0; i < n; i++)
        {
          const ExtopoHistoryPoint *point = &g_array_index (history->points,
                                                            ExtopoHistoryPoint, i);
          guint value = which == 0 ? point->n_warnings : point->n_errors;

          shape_add_point (line, point_x (builder, i),
                           bottom_y - (bottom_y - top_y) * value / top);
        }
      for (guint i = 0; i < n; i++)
        add_dot (builder, inks[which], point_x (builder, i),
                 g_array_index (line->points, double, 2 * i + 1), CHART_DOT_RADIUS);
    }
}

/* A date under each snapshot, left out where it would touch the one
 * before, the last one always (it says how far the history goes). */
static void
add_x_axis (Builder *builder,
            double   top_y,
            double   axis_y)
{
  const ExtopoHistory *history = builder->history;
  const double grid[3] = { CHART_GRID_INK };
  const double axis[3] = { CHART_AXIS_INK };
  const double muted[3] = { STYLE_MUTED_INK };
  guint n = history->points->len;
  g_autofree double *starts = g_new0 (double, n);
  g_autofree double *ends = g_new0 (double, n);
  g_autofree gboolean *shown = g_new0 (gboolean, n);
  double last_end = -G_MAXDOUBLE;

  add_line (builder, axis, 1.0, builder->left, axis_y, builder->right, axis_y);
  for (guint i = 0; i < n; i++)
    {
      GDateTime *date = g_array_index (history->points, ExtopoHistoryPoint, i).date;
      g_autoptr(GDateTime) utc = g_date_time_to_utc (date);
      g_autofree char *label = g_date_time_format (utc, "%Y-%m-%d");
      double x = point_x (builder, i);
      double width;

      add_line (builder, grid, CHART_GRID_WIDTH, x, top_y, x, axis_y);
      add_line (builder, axis, 1.0, x, axis_y, x, axis_y + 4);
      measure (builder, label, CHART_SMALL_SIZE, FALSE, &width, NULL, NULL);
      starts[i] = CLAMP (x - width / 2, builder->left - CHART_MARGIN / 2,
                         builder->right + CHART_PLOT_GAP / 2 - width);
      ends[i] = starts[i] + width;
    }
  for (guint i = 0; i < n; i++)
    if (starts[i] > last_end + CHART_GAP &&
        (i + 1 == n || ends[i] + CHART_GAP < starts[n - 1]))
      {
        shown[i] = TRUE;
        last_end = ends[i];
      }
  shown[n - 1] = TRUE;
  for (guint i = 0; i < n; i++)
    if (shown[i])
      {
        GDateTime *date = g_array_index (history->points, ExtopoHistoryPoint, i).date;
        g_autoptr(GDateTime) utc = g_date_time_to_utc (date);
        g_autofree char *label = g_date_time_format (utc, "%Y-%m-%d");

        add_text (builder, muted, label, CHART_SMALL_SIZE, FALSE, starts[i], axis_y + 6,
                  ANCHOR_START);
      }
}

static double
add_legend_heading (Builder    *builder,
                    const char *text,
                    double      x,
                    double      y)
{
  const double text_ink[3] = { STYLE_INK };

  add_text (builder, text_ink, text, CHART_TEXT_SIZE, TRUE, x, y, ANCHOR_START)->css_class = "legend";

  return y + CHART_LEGEND_ROW + 2;
}

static double
add_legend_row (Builder      *builder,
                const double  rgb[3],
                const char   *text,
                gboolean      as_line,
                gboolean      dashed,
                double        x,
                double        y)
{
  const double text_ink[3] = { STYLE_INK };
  double middle = y + CHART_SWATCH / 2;

  if (as_line)
    add_line (builder, rgb, CHART_LINE_WIDTH, x, middle, x + CHART_SWATCH + 4,
              middle)->dashed = dashed;
  else
    add_rect (builder, rgb, x, y, CHART_SWATCH, CHART_SWATCH);
  add_text (builder, text_ink, text, CHART_SMALL_SIZE, FALSE, x + CHART_SWATCH + 8,
            middle - text_height (builder, CHART_SMALL_SIZE) / 2,
            ANCHOR_START)->css_class = "legend";

  return y + CHART_LEGEND_ROW;
}

static double
legend_width (Builder *builder)
{
  const ExtopoHistory *history = builder->history;
  const char *fixed[] = {
    _("Servers by version"), _("Open findings"), _("Readiness"), _("Ready with findings"),
  };
  double widest = 0, width;

  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    {
      measure (builder, fixed[i], CHART_TEXT_SIZE, TRUE, &width, NULL, NULL);
      widest = MAX (widest, width);
    }
  for (guint s = 0; s < history->series->len; s++)
    {
      measure (builder, ((ExtopoHistorySeries *) g_ptr_array_index (history->series, s))->label,
               CHART_SMALL_SIZE, FALSE, &width, NULL, NULL);
      widest = MAX (widest, width + CHART_SWATCH + 8);
    }

  return ceil (widest);
}

/* Newest release on top, as the stack has it. */
static void
add_legend (Builder *builder,
            double   x,
            double   y,
            double   bottom)
{
  const ExtopoHistory *history = builder->history;
  const double warning[3] = { STYLE_WARNING_ACCENT };
  const double error[3] = { STYLE_ERROR_ACCENT };
  const ExtopoReadinessState states[] = {
    EXTOPO_READINESS_NOT_READY, EXTOPO_READINESS_READY_WITH_FINDINGS, EXTOPO_READINESS_READY,
  };
  const char *state_names[] = { _("Not ready"), _("Ready with findings"), _("Ready") };
  /* The rest of the legend needs this much below the series. */
  double rest = 2 * (CHART_LEGEND_ROW + 2) + 5 * CHART_LEGEND_ROW + 2 * CHART_LEGEND_ROW;
  guint n = history->series->len;

  y = add_legend_heading (builder, _("Servers by version"), x, y);
  for (guint s = n; s-- > 0;)
    {
      const ExtopoHistorySeries *series = g_ptr_array_index (history->series, s);
      double rgb[3];

      if (y + CHART_LEGEND_ROW + rest > bottom && s > 0)
        {
          const double muted[3] = { STYLE_MUTED_INK };
          /* Translators: the chart's legend has no room for @n more versions. */
          g_autofree char *more = g_strdup_printf (ngettext ("and %u more", "and %u more",
                                                             s + 1), s + 1);

          add_text (builder, muted, more, CHART_SMALL_SIZE, FALSE, x, y, ANCHOR_START);
          y += CHART_LEGEND_ROW;
          break;
        }
      release_ink (history, series, rgb);
      y = add_legend_row (builder, rgb, series->label, FALSE, FALSE, x, y);
    }

  y += CHART_LEGEND_ROW;
  y = add_legend_heading (builder, _("Open findings"), x, y);
  y = add_legend_row (builder, error, _("Errors"), TRUE, FALSE, x, y);
  y = add_legend_row (builder, warning, _("Warnings"), TRUE, TRUE, x, y);

  y += CHART_LEGEND_ROW;
  y = add_legend_heading (builder, _("Readiness"), x, y);
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      double rgb[3];

      readiness_ink (states[i], rgb);
      y = add_legend_row (builder, rgb, state_names[i], FALSE, FALSE, x, y);
    }
}

static void
lay_out (Builder *builder)
{
  ExtopoHistoryChart *chart = builder->chart;
  const ExtopoHistory *history = builder->history;
  const double text_ink[3] = { STYLE_INK };
  const double muted[3] = { STYLE_MUTED_INK };
  const double background[3] = { CHART_BACKGROUND };
  guint n = history->points->len;
  g_autoptr(GDateTime) first = g_date_time_to_utc (g_array_index (history->points,
                                                                  ExtopoHistoryPoint, 0).date);
  g_autoptr(GDateTime) last = g_date_time_to_utc (g_array_index (history->points,
                                                                 ExtopoHistoryPoint, n - 1)
                                                  .date);
  g_autofree char *first_text = g_date_time_format (first, "%Y-%m-%d");
  g_autofree char *last_text = g_date_time_format (last, "%Y-%m-%d");
  g_autofree char *subtitle = NULL;
  g_autofree char *tick_text = NULL;
  double title_height = text_height (builder, CHART_TITLE_SIZE);
  double text_h = text_height (builder, CHART_TEXT_SIZE);
  double small_h = text_height (builder, CHART_SMALL_SIZE);
  double top, bottom, plots, main_bottom, band_y, findings_top, tick_width, legend_x;

  builder->t0 = (double) g_date_time_to_unix (first);
  builder->t1 = (double) g_date_time_to_unix (last);

  add_rect (builder, background, 0, 0, chart->width, chart->height);
  add_text (builder, text_ink, chart->title, CHART_TITLE_SIZE, TRUE, CHART_MARGIN, CHART_MARGIN,
            ANCHOR_START)->css_class = "title";
  if (history->folder != NULL)
    subtitle = g_strdup_printf (
      /* Translators: under the chart's title: the folder, how many snapshots, the first
       * and the last date. */
      ngettext ("%s: %u snapshot, %s to %s", "%s: %u snapshots, %s to %s", n),
      history->folder, n, first_text, last_text);
  else
    subtitle = g_strdup_printf (
      /* Translators: under the chart's title: how many snapshots, the first and the
       * last date (the folder left out of a report that names no source). */
      ngettext ("%u snapshot, %s to %s", "%u snapshots, %s to %s", n),
      n, first_text, last_text);
  add_text (builder, muted, subtitle, CHART_SMALL_SIZE, FALSE, CHART_MARGIN,
            CHART_MARGIN + title_height + 2, ANCHOR_START);

  top = CHART_MARGIN + title_height + small_h + 2 * CHART_MARGIN / 2 + CHART_GAP;
  bottom = chart->height - CHART_MARGIN - text_h - CHART_GAP - small_h - CHART_GAP;
  legend_x = chart->width - CHART_MARGIN - legend_width (builder);
  tick_text = g_strdup_printf ("%u", 10 * MAX (extopo_history_get_max_servers (history),
                                               extopo_history_get_max_findings (history)));
  measure (builder, tick_text, CHART_SMALL_SIZE, FALSE, &tick_width, NULL, NULL);
  builder->left = CHART_MARGIN + text_h + CHART_GAP + tick_width + CHART_GAP;
  builder->right = MAX (builder->left + 1, legend_x - CHART_PLOT_GAP);

  plots = MAX (1.0, bottom - top - CHART_BAND_HEIGHT - 3 * CHART_BAND_GAP);
  main_bottom = top + plots * (1 - CHART_FINDINGS_SHARE);
  band_y = main_bottom + CHART_BAND_GAP;
  findings_top = band_y + CHART_BAND_HEIGHT + 2 * CHART_BAND_GAP;

  add_x_axis (builder, top, bottom);
  add_stacked_areas (builder, top, main_bottom);
  add_readiness_band (builder, band_y);
  add_findings_lines (builder, findings_top, bottom);

  add_vertical_text (builder, text_ink, _("Servers"), CHART_TEXT_SIZE, CHART_MARGIN,
                     (top + main_bottom) / 2);
  add_vertical_text (builder, text_ink, _("Findings"), CHART_TEXT_SIZE, CHART_MARGIN,
                     (findings_top + bottom) / 2);
  add_text (builder, text_ink, _("Snapshot date"), CHART_TEXT_SIZE, FALSE,
            (builder->left + builder->right) / 2, chart->height - CHART_MARGIN - text_h,
            ANCHOR_MIDDLE);

  add_legend (builder, legend_x, top, chart->height - CHART_MARGIN);
}

ExtopoHistoryChart *
extopo_history_chart_new (const ExtopoHistory *history,
                          const char          *title,
                          double               width,
                          double               height)
{
  ExtopoHistoryChart *chart;
  Builder builder = { 0, };

  g_return_val_if_fail (history != NULL, NULL);
  g_return_val_if_fail (history->points->len > 0, NULL);

  chart = g_new0 (ExtopoHistoryChart, 1);
  chart->width = isfinite (width) && width > 1 ? width : EXTOPO_HISTORY_CHART_WIDTH;
  chart->height = isfinite (height) && height > 1 ? height : EXTOPO_HISTORY_CHART_HEIGHT;
  chart->title = g_strdup (title != NULL ? title : _("Exchange 2007 migration progress"));
  chart->shapes = g_ptr_array_new_with_free_func (shape_free);

  builder.chart = chart;
  builder.history = history;
  builder.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  builder.cr = cairo_create (builder.surface);
  builder.layout = extopo_painter_create_layout (builder.cr);
  lay_out (&builder);
  g_object_unref (builder.layout);
  cairo_destroy (builder.cr);
  cairo_surface_destroy (builder.surface);

  return chart;
}

/* ------------------------------------------------------------------ */
/* Cairo                                                               */

static void
trace_points (cairo_t *cr,
              GArray  *points)
{
  for (guint i = 0; i + 1 < points->len; i += 2)
    cairo_line_to (cr, g_array_index (points, double, i), g_array_index (points, double, i + 1));
}

static void
paint_text (cairo_t     *cr,
            PangoLayout *layout,
            const Shape *shape)
{
  set_text (layout, shape->text, shape->size, shape->bold);
  cairo_save (cr);
  cairo_translate (cr, shape->x, shape->y);
  if (shape->vertical)
    cairo_rotate (cr, -G_PI / 2);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

void
extopo_history_chart_draw (const ExtopoHistoryChart *chart,
                           cairo_t                  *cr)
{
  g_autoptr(PangoLayout) layout = NULL;

  g_return_if_fail (chart != NULL);
  g_return_if_fail (cr != NULL);

  layout = extopo_painter_create_layout (cr);
  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < chart->shapes->len; i++)
    {
      const Shape *shape = g_ptr_array_index (chart->shapes, i);
      const double dash[] = { 5, 3 };

      cairo_set_source_rgb (cr, shape->rgb[0], shape->rgb[1], shape->rgb[2]);
      switch (shape->kind)
        {
        case SHAPE_AREA:
          cairo_new_path (cr);
          trace_points (cr, shape->points);
          cairo_close_path (cr);
          cairo_fill (cr);
          break;

        case SHAPE_LINE:
          cairo_new_path (cr);
          trace_points (cr, shape->points);
          cairo_set_line_width (cr, shape->width);
          cairo_set_dash (cr, dash, shape->dashed ? 2 : 0, 0);
          cairo_stroke (cr);
          cairo_set_dash (cr, NULL, 0, 0);
          break;

        case SHAPE_DOT:
          cairo_new_path (cr);
          cairo_arc (cr, shape->x, shape->y, shape->radius, 0, 2 * G_PI);
          cairo_fill_preserve (cr);
          cairo_set_source_rgb (cr, CHART_BACKGROUND);
          cairo_set_line_width (cr, 1.2);
          cairo_stroke (cr);
          break;

        case SHAPE_TEXT:
        default:
          paint_text (cr, layout, shape);
          break;
        }
    }
  cairo_restore (cr);
}

/* ------------------------------------------------------------------ */
/* SVG                                                                 */

static void
svg_colour (GString      *out,
            const char   *attribute,
            const double  rgb[3])
{
  g_string_append_printf (out, " %s=\"#%02x%02x%02x\"", attribute,
                          (guint) lround (CLAMP (rgb[0], 0, 1) * 255),
                          (guint) lround (CLAMP (rgb[1], 0, 1) * 255),
                          (guint) lround (CLAMP (rgb[2], 0, 1) * 255));
}

static void
svg_points (GString *out,
            GArray  *points)
{
  g_string_append (out, " points=\"");
  for (guint i = 0; i + 1 < points->len; i += 2)
    g_string_append_printf (out, "%s%.2f,%.2f", i > 0 ? " " : "",
                            g_array_index (points, double, i),
                            g_array_index (points, double, i + 1));
  g_string_append_c (out, '"');
}

static void
svg_class (GString     *out,
           const Shape *shape)
{
  if (shape->css_class != NULL)
    g_string_append_printf (out, " class=\"%s\"", shape->css_class);
}

static void
svg_shape (GString     *out,
           const Shape *shape)
{
  double font_size = shape->size * TEXT_RESOLUTION / 72.0;

  switch (shape->kind)
    {
    case SHAPE_AREA:
      g_string_append (out, "<polygon");
      svg_class (out, shape);
      svg_colour (out, "fill", shape->rgb);
      svg_points (out, shape->points);
      g_string_append (out, "/>\n");
      break;

    case SHAPE_LINE:
      g_string_append (out, "<polyline fill=\"none\" stroke-linejoin=\"round\"");
      svg_class (out, shape);
      svg_colour (out, "stroke", shape->rgb);
      g_string_append_printf (out, " stroke-width=\"%.2f\"%s", shape->width,
                              shape->dashed ? " stroke-dasharray=\"5 3\"" : "");
      svg_points (out, shape->points);
      g_string_append (out, "/>\n");
      break;

    case SHAPE_DOT:
      g_string_append_printf (out, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"%.2f\" stroke=\"#fff\" "
                              "stroke-width=\"1.2\"", shape->x, shape->y, shape->radius);
      svg_colour (out, "fill", shape->rgb);
      g_string_append (out, "/>\n");
      break;

    case SHAPE_TEXT:
    default:
      g_string_append (out, "<text");
      svg_class (out, shape);
      svg_colour (out, "fill", shape->rgb);
      if (shape->vertical)
        g_string_append_printf (out, " transform=\"translate(%.2f %.2f) rotate(-90)\" x=\"0\" "
                                "y=\"%.2f\"", shape->x, shape->y, shape->baseline);
      else
        g_string_append_printf (out, " x=\"%.2f\" y=\"%.2f\"", shape->x,
                                shape->y + shape->baseline);
      g_string_append_printf (out, " font-size=\"%.2f\"%s>", font_size,
                              shape->bold ? " font-weight=\"bold\"" : "");
      extopo_markup_append_escaped (out, shape->text);
      g_string_append (out, "</text>\n");
      break;
    }
}

gboolean
extopo_history_chart_write_svg (const ExtopoHistoryChart *chart,
                                FILE                     *stream)
{
  g_autoptr(GString) out = g_string_sized_new (1 << 14);

  g_return_val_if_fail (chart != NULL, FALSE);
  g_return_val_if_fail (stream != NULL, FALSE);

  g_string_append_printf (out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0fpt\" "
                          "height=\"%.0fpt\" viewBox=\"0 0 %.0f %.0f\" "
                          "font-family=\"Sans, 'DejaVu Sans', sans-serif\">\n<title>",
                          chart->width, chart->height, chart->width, chart->height);
  extopo_markup_append_escaped (out, chart->title);
  g_string_append (out, "</title>\n");
  for (guint i = 0; i < chart->shapes->len; i++)
    svg_shape (out, g_ptr_array_index (chart->shapes, i));
  g_string_append (out, "</svg>\n");

  return fwrite (out->str, 1, out->len, stream) == out->len;
}

/* ------------------------------------------------------------------ */
/* Files                                                               */

typedef struct
{
  ExtopoHistoryChart *chart;
  ExtopoExportFormat  format;
  FILE               *stream;
} ChartJob;

static cairo_status_t
write_to_stream_cb (void                *closure,
                    const unsigned char *data,
                    unsigned int         length)
{
  ChartJob *job = closure;

  return fwrite (data, 1, length, job->stream) == length ? CAIRO_STATUS_SUCCESS
                                                          : CAIRO_STATUS_WRITE_ERROR;
}

static gboolean
write_chart_cb (FILE     *stream,
                gpointer  user_data)
{
  ChartJob *job = user_data;
  ExtopoHistoryChart *chart = job->chart;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  job->stream = stream;
  if (job->format == EXTOPO_EXPORT_SVG)
    return fputs ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", stream) >= 0 &&
           extopo_history_chart_write_svg (chart, stream);

  if (job->format == EXTOPO_EXPORT_PDF)
    {
      surface = cairo_pdf_surface_create_for_stream (write_to_stream_cb, job, chart->width,
                                                     chart->height);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, chart->title);
      cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME);
    }
  else
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                            (int) ceil (chart->width *
                                                        EXTOPO_HISTORY_CHART_PNG_SCALE),
                                            (int) ceil (chart->height *
                                                        EXTOPO_HISTORY_CHART_PNG_SCALE));
    }
  cr = cairo_create (surface);
  if (job->format == EXTOPO_EXPORT_PNG)
    cairo_scale (cr, EXTOPO_HISTORY_CHART_PNG_SCALE, EXTOPO_HISTORY_CHART_PNG_SCALE);
  extopo_history_chart_draw (chart, cr);
  cairo_show_page (cr);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && job->format == EXTOPO_EXPORT_PNG)
    status = cairo_surface_write_to_png_stream (surface, write_to_stream_cb, job);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  return status == CAIRO_STATUS_SUCCESS;
}

gboolean
extopo_history_chart_export (const ExtopoHistory  *history,
                             ExtopoExportFormat    format,
                             const char           *path,
                             const char           *title,
                             GError              **error)
{
  g_autoptr(ExtopoHistoryChart) chart = NULL;
  ChartJob job = { NULL, format, NULL };

  g_return_val_if_fail (history != NULL, FALSE);
  g_return_val_if_fail (format == EXTOPO_EXPORT_SVG || format == EXTOPO_EXPORT_PDF ||
                        format == EXTOPO_EXPORT_PNG, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  chart = extopo_history_chart_new (history, title, EXTOPO_HISTORY_CHART_WIDTH,
                                    EXTOPO_HISTORY_CHART_HEIGHT);
  job.chart = chart;

  return extopo_export_save_stream (path, write_chart_cb, &job, error);
}
