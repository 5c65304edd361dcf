/* extopo-renderer-scene.c: the cairo backend of a scene: the screen, PNG,
 * PDF and printing draw the display list that the SVG, HTML and Visio
 * writers read. It decides nothing about what the diagram says; it only
 * picks the items that show at the scale and in the area drawn, and draws
 * many of them at once where that gives the same picture.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-renderer"

#include "config.h"

#include <math.h>

#include "extopo-renderer-private.h"

/* As the SVG writer dashes an Exchange 2007 group's frame. */
static const double scene_dash[] = { 6, 3 };

/* Labels and arrowheads are culled by their own extent; this much more
 * is drawn around the area for strokes that reach outside it. */
#define ITEM_MARGIN 4.0

static gboolean
set_colour (cairo_t *cr,
            guint32  rgba)
{
  if ((rgba & 0xff) == 0)
    return FALSE;
  cairo_set_source_rgba (cr, (rgba >> 24) / 255.0, ((rgba >> 16) & 0xff) / 255.0,
                         ((rgba >> 8) & 0xff) / 255.0, (rgba & 0xff) / 255.0);

  return TRUE;
}

static void
append_path (cairo_t               *cr,
             const ExtopoScene     *scene,
             const ExtopoSceneItem *item)
{
  const double *p = &g_array_index (scene->path, double, item->path_start);
  const double *end = p + item->path_length;

  while (p < end)
    {
      int op = (int) *p++;

      if (op == (int) EXTOPO_SCENE_CURVE && p + 6 <= end)
        {
          cairo_curve_to (cr, p[0], p[1], p[2], p[3], p[4], p[5]);
          p += 6;
        }
      else if ((op == (int) EXTOPO_SCENE_MOVE || op == (int) EXTOPO_SCENE_LINE) && p + 2 <= end)
        {
          if (op == (int) EXTOPO_SCENE_MOVE)
            cairo_move_to (cr, p[0], p[1]);
          else
            cairo_line_to (cr, p[0], p[1]);
          p += 2;
        }
      else if (op == (int) EXTOPO_SCENE_CLOSE)
        cairo_close_path (cr);
      else
        break;
    }
}

static double
pixel (Painter *painter)
{
  return 1.0 / MAX (painter->scale, 1e-3);
}

static double
item_radius (Painter               *painter,
             const ExtopoSceneItem *item)
{
  return item->flags & EXTOPO_SCENE_PIXEL_SIZED ? item->radius * pixel (painter) : item->radius;
}

static double
item_line_width (Painter               *painter,
                 const ExtopoSceneItem *item)
{
  double width = item->line_width;

  if (item->flags & EXTOPO_SCENE_PIXEL_SIZED)
    width *= pixel (painter);
  if (item->flags & EXTOPO_SCENE_HAIRLINE)
    width = MAX (width, pixel (painter));

  return width;
}

/* Appends a rectangle or circle item's outline to the path. */
static void
append_shape (Painter               *painter,
              const ExtopoSceneItem *item)
{
  cairo_t *cr = painter->cr;

  if (item->kind == EXTOPO_SCENE_RECT)
    {
      if (item->radius > 0)
        extopo_renderer_rounded_rect (cr, item->x, item->y, item->width, item->height,
                                      item->radius);
      else
        cairo_rectangle (cr, item->x, item->y, item->width, item->height);
    }
  else if (item->kind == EXTOPO_SCENE_CIRCLE)
    {
      double cx = item->x, cy = item->y;

      if (item->flags & EXTOPO_SCENE_PIXEL_SIZED)
        {
          cx += item->width * pixel (painter);
          cy += item->height * pixel (painter);
        }
      cairo_new_sub_path (cr);
      cairo_arc (cr, cx, cy, item_radius (painter, item), 0, 2 * G_PI);
    }
}

static void
set_stroke_style (Painter               *painter,
                  const ExtopoSceneItem *item)
{
  cairo_t *cr = painter->cr;

  cairo_set_line_width (cr, item_line_width (painter, item));
  cairo_set_dash (cr, scene_dash, item->dashed ? G_N_ELEMENTS (scene_dash) : 0, 0);
  cairo_set_line_cap (cr, item->round_caps ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
}

/* Fills and strokes the current path as @item says. */
static void
paint_path (Painter               *painter,
            const ExtopoSceneItem *item)
{
  cairo_t *cr = painter->cr;

  if (set_colour (cr, item->fill))
    cairo_fill_preserve (cr);
  if (item->line_width > 0 && set_colour (cr, item->stroke))
    {
      set_stroke_style (painter, item);
      cairo_stroke_preserve (cr);
      cairo_set_dash (cr, NULL, 0, 0);
    }
  cairo_new_path (cr);
}

static void
draw_text (Painter               *painter,
           const ExtopoSceneItem *item)
{
  if (!set_colour (painter->cr, item->fill))
    return;
  /* The scene's size is in units of the page, as drawn; the painter's in
   * points at TEXT_RESOLUTION. The text is already cut to its room. */
  extopo_painter_draw_text (painter, item->text,
                            round (item->font_size * 72.0 / TEXT_RESOLUTION * 100) / 100,
                            item->bold, item->x, item->y, 0, TRUE);
}

/* Where a text sized in pixels would go, in scene units. */
static ExtopoRect
pixel_text_box (Painter               *painter,
                const ExtopoSceneItem *item)
{
  double px = pixel (painter);

  return (ExtopoRect) { item->x, item->y, (item->width + 2 * FAR_TITLE_PADDING) * px,
                        (item->font_size * 1.25 + 2 * FAR_TITLE_PADDING) * px };
}

/* Where a text sized in pixels goes in its group on screen, cut to the
 * group's width when it is longer (the group's long name, such as Exchange
 * 2007's routing group, then still shows its start); FALSE where the group
 * has no room for it. */
static gboolean
pixel_text_place (Painter               *painter,
                  const ExtopoScene     *scene,
                  const ExtopoSceneItem *item,
                  ExtopoRect            *box)
{
  double px = pixel (painter);
  const ExtopoRect *room;
  double cut;

  *box = pixel_text_box (painter, item);
  if (item->object < 0)
    return TRUE;
  room = &g_array_index (scene->objects, ExtopoSceneObject, item->object).bounds;
  if (box->height > room->height)
    return FALSE;
  if (box->width <= room->width)
    return TRUE;

  cut = room->width - (2 * FAR_DOT_PIXELS + 3) * px;
  if (cut < (FAR_TITLE_MIN_PIXELS + 2 * FAR_TITLE_PADDING) * px)
    return FALSE;
  box->width = cut;

  return TRUE;
}

/* Whether a title sized in pixels that comes before item @index (outer
 * groups first, then in drawing order) and has room in its own group
 * covers @box: then the title at @index gives way. This looks at the
 * titles near @box whatever area is drawn, so a bitmap of one part of the
 * diagram shows the same titles as a bitmap of the next (first come, first
 * placed, a title showed or not with the area drawn). */
static gboolean
pixel_text_yields (Painter           *painter,
                   const ExtopoScene *scene,
                   guint              index,
                   const ExtopoRect  *box)
{
  double px = pixel (painter);
  double reach_x = (scene->pixel_text_width + 2 * FAR_TITLE_PADDING) * px;
  double reach_y = (FAR_TITLE_PIXELS * 1.25 + 2 * FAR_TITLE_PADDING) * px;
  ExtopoRect near = { box->x - reach_x, box->y - reach_y, box->width + reach_x,
                      box->height + reach_y };
  GArray *objects;

  /* Reused: a far-out frame asks this for each of hundreds of titles. */
  if (painter->near == NULL)
    painter->near = g_array_new (FALSE, FALSE, sizeof (guint));
  objects = painter->near;
  g_array_set_size (objects, 0);
  extopo_scene_query_groups (scene, &near, objects);
  for (guint k = 0; k < objects->len; k++)
    {
      const ExtopoSceneObject *o = &g_array_index (scene->objects, ExtopoSceneObject,
                                                   g_array_index (objects, guint, k));

      if (o->kind != EXTOPO_OBJECT_ADMIN_GROUP && o->kind != EXTOPO_OBJECT_ROUTING_GROUP)
        continue;
      for (guint i = o->first_item; i < o->first_item + o->n_items && i < index; i++)
        {
          const ExtopoSceneItem *other = &g_array_index (scene->items, ExtopoSceneItem, i);
          ExtopoRect other_box;

          if (other->kind != EXTOPO_SCENE_TEXT || !(other->flags & EXTOPO_SCENE_PIXEL_SIZED) ||
              !extopo_scene_item_shows_at (other, painter->scale))
            continue;
          if (pixel_text_place (painter, scene, other, &other_box) &&
              extopo_rect_intersects (&other_box, box))
            return TRUE;
        }
    }

  return FALSE;
}

/* A group's title zoomed far out: at a size that can be read, where its
 * group has room on screen and no title before it is. */
static void
draw_pixel_text (Painter               *painter,
                 const ExtopoScene     *scene,
                 const ExtopoSceneItem *item)
{
  cairo_t *cr = painter->cr;
  ExtopoRect box;
  guint index = item - &g_array_index (scene->items, ExtopoSceneItem, 0);
  double px = pixel (painter);
  double width;

  if (!pixel_text_place (painter, scene, item, &box) ||
      pixel_text_yields (painter, scene, index, &box))
    return;

  /* The text's width in pixels, and whether it was cut. */
  width = box.width / px - 2 * FAR_TITLE_PADDING;
  cairo_save (cr);
  cairo_translate (cr, item->x, item->y);
  cairo_scale (cr, px, px);
  if (set_colour (cr, item->stroke))
    {
      extopo_renderer_rounded_rect (cr, 1, 1, width + 2 * FAR_TITLE_PADDING - 2,
                                    item->font_size * 1.25 + 2 * FAR_TITLE_PADDING - 2, 3);
      cairo_fill (cr);
    }
  if (set_colour (cr, item->fill))
    extopo_painter_draw_text (painter, item->text, item->font_size * 72.0 / TEXT_RESOLUTION,
                              item->bold, FAR_TITLE_PADDING, FAR_TITLE_PADDING,
                              width < item->width - 0.5 ? width : 0, TRUE);
  cairo_restore (cr);
}

/* Draws one item now. */
static void
draw_item (Painter               *painter,
           const ExtopoScene     *scene,
           const ExtopoSceneItem *item)
{
  if (item->kind == EXTOPO_SCENE_TEXT && (item->flags & EXTOPO_SCENE_PIXEL_SIZED))
    {
      draw_pixel_text (painter, scene, item);
      return;
    }
  switch (item->kind)
    {
    case EXTOPO_SCENE_RECT:
    case EXTOPO_SCENE_CIRCLE:
      cairo_new_path (painter->cr);
      append_shape (painter, item);
      paint_path (painter, item);
      break;
    case EXTOPO_SCENE_PATH:
      cairo_new_path (painter->cr);
      append_path (painter->cr, scene, item);
      paint_path (painter, item);
      break;
    case EXTOPO_SCENE_TEXT:
      draw_text (painter, item);
      break;
    default:
      break;
    }
}

/* Whether any of @item may fall in the area drawn. Paths are culled with
 * their object. */
static gboolean
item_in_area (Painter               *painter,
              const ExtopoSceneItem *item)
{
  const ExtopoRect *v = painter->visible;
  ExtopoRect extent;
  double r;

  if (v == NULL)
    return TRUE;
  switch (item->kind)
    {
    case EXTOPO_SCENE_RECT:
      extent = (ExtopoRect) { item->x, item->y, item->width, item->height };
      break;
    case EXTOPO_SCENE_CIRCLE:
      r = item_radius (painter, item);
      extent = (ExtopoRect) { item->x - r, item->y - r, 2 * r, 2 * r };
      if (item->flags & EXTOPO_SCENE_PIXEL_SIZED)
        {
          extent.x += item->width * pixel (painter);
          extent.y += item->height * pixel (painter);
        }
      break;
    case EXTOPO_SCENE_TEXT:
      if (item->flags & EXTOPO_SCENE_PIXEL_SIZED)
        extent = pixel_text_box (painter, item);
      else
        extent = (ExtopoRect) { item->x, item->y, item->width, 1.5 * item->font_size }
      ;
      break;
    case EXTOPO_SCENE_PATH:
    default:
      return TRUE;
    }
  extent.x -= ITEM_MARGIN + item->line_width;
  extent.y -= ITEM_MARGIN + item->line_width;
  extent.width += 2 * (ITEM_MARGIN + item->line_width);
  extent.height += 2 * (ITEM_MARGIN + item->line_width);

  return extopo_rect_intersects (&extent, v);
}

static gboolean
item_shows (Painter               *painter,
            const ExtopoSceneItem *item)
{
  return extopo_scene_item_shows_at (item, painter->scale) && item_in_area (painter, item);
}

/* Runs of servers: cards never overlap, so each layer of a run is drawn
 * for all of its cards at once, a path per style: the same picture from a
 * few dozen cairo calls, where a vector export would otherwise hold ten
 * elements per server. */

typedef enum
{
  BUCKET_SHAPES,    /* rectangles and circles, filled and stroked */
  BUCKET_CELLS,     /* plain filled rectangles; neighbours on screen merge */
  BUCKET_CAPSULES,  /* pills and dots: a line with round caps */
  BUCKET_PATHS,
} BucketKind;

typedef struct
{
  BucketKind  kind;
  const ExtopoSceneItem *style;   /* the first item: its colours and widths */
  double      thickness;          /* capsules */
  GPtrArray  *items;
} Bucket;

static gboolean
same_style (const ExtopoSceneItem *a,
            const ExtopoSceneItem *b)
{
  return a->fill == b->fill && a->stroke == b->stroke && a->line_width == b->line_width &&
         a->dashed == b->dashed && a->round_caps == b->round_caps && a->flags == b->flags;
}

static BucketKind
bucket_kind (const ExtopoSceneItem *item,
             double                *thickness)
{
  gboolean fill_only = (item->fill & 0xff) == 0xff && (item->line_width <= 0 ||
                                                       (item->stroke & 0xff) == 0);

  *thickness = 0;
  if (item->kind == EXTOPO_SCENE_PATH)
    return BUCKET_PATHS;
  if (fill_only && item->kind == EXTOPO_SCENE_RECT && item->radius <= 0)
    return BUCKET_CELLS;
  /* An opaque pill is a thick line with round ends; a dot one of no length. */
  if (fill_only && item->kind == EXTOPO_SCENE_RECT && item->width >= item->height &&
      fabs (2 * item->radius - item->height) < 1e-3)
    {
      *thickness = item->height;
      return BUCKET_CAPSULES;
    }
  if (fill_only && item->kind == EXTOPO_SCENE_CIRCLE &&
      (item->flags & EXTOPO_SCENE_PIXEL_SIZED) == 0)
    {
      *thickness = 2 * item->radius;
      return BUCKET_CAPSULES;
    }

  return BUCKET_SHAPES;
}

static void
bucket_add (GPtrArray             *buckets,
            const ExtopoSceneItem *item)
{
  double thickness;
  BucketKind kind = bucket_kind (item, &thickness);
  Bucket *bucket;

  for (guint i = 0; i < buckets->len; i++)
    {
      bucket = g_ptr_array_index (buckets, i);
      if (bucket->kind == kind && bucket->thickness == thickness &&
          same_style (bucket->style, item))
        {
          g_ptr_array_add (bucket->items, (gpointer) item);
          return;
        }
    }
  bucket = g_new0 (Bucket, 1);
  bucket->kind = kind;
  bucket->style = item;
  bucket->thickness = thickness;
  bucket->items = g_ptr_array_new ();
  g_ptr_array_add (bucket->items, (gpointer) item);
  g_ptr_array_add (buckets, bucket);
}

static void
bucket_free (gpointer data)
{
  Bucket *bucket = data;

  g_ptr_array_unref (bucket->items);
  g_free (bucket);
}

/* Cells in a row of a group's grid that touch on screen become one
 * rectangle. */
static void
append_cells (Painter *painter,
              Bucket  *bucket)
{
  double px = pixel (painter);
  ExtopoRect run = { 0 };
  gboolean in_run = FALSE;

  for (guint i = 0; i < bucket->items->len; i++)
    {
      const ExtopoSceneItem *item = g_ptr_array_index (bucket->items, i);

      if (in_run && item->y == run.y && item->height == run.height &&
          item->x >= run.x + run.width && item->x - (run.x + run.width) < px)
        {
          run.width = item->x + item->width - run.x;
          continue;
        }
      if (in_run)
        cairo_rectangle (painter->cr, run.x, run.y, run.width, run.height);
      run = (ExtopoRect) { item->x, item->y, item->width, item->height };
      in_run = TRUE;
    }
  if (in_run)
    cairo_rectangle (painter->cr, run.x, run.y, run.width, run.height);
}

static void
flush_bucket (Painter           *painter,
              const ExtopoScene *scene,
              Bucket            *bucket)
{
  cairo_t *cr = painter->cr;
  const ExtopoSceneItem *style = bucket->style;

  cairo_new_path (cr);
  switch (bucket->kind)
    {
    case BUCKET_CELLS:
      append_cells (painter, bucket);
      paint_path (painter, style);
      break;
    case BUCKET_CAPSULES:
      for (guint i = 0; i < bucket->items->len; i++)
        {
          const ExtopoSceneItem *item = g_ptr_array_index (bucket->items, i);
          double h = bucket->thickness;

          if (item->kind == EXTOPO_SCENE_CIRCLE)
            {
              cairo_move_to (cr, item->x, item->y);
              cairo_line_to (cr, item->x + 0.01, item->y);
            }
          else
            {
              cairo_move_to (cr, item->x + h / 2, item->y + h / 2);
              cairo_line_to (cr, item->x + MAX (item->width - h / 2, h / 2 + 0.01),
                             item->y + h / 2);
            }
        }
      set_colour (cr, style->fill);
      cairo_set_line_width (cr, bucket->thickness);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      cairo_stroke (cr);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      break;
    case BUCKET_PATHS:
      for (guint i = 0; i < bucket->items->len; i++)
        append_path (cr, scene, g_ptr_array_index (bucket->items, i));
      paint_path (painter, style);
      break;
    case BUCKET_SHAPES:
    default:
      for (guint i = 0; i < bucket->items->len; i++)
        append_shape (painter, g_ptr_array_index (bucket->items, i));
      paint_path (painter, style);
      break;
    }
}

#define MAX_LAYERS 4

static void
draw_server_run (Painter           *painter,
                 const ExtopoScene *scene,
                 const guint       *objects,
                 guint              n_objects)
{
  GPtrArray *buckets[MAX_LAYERS];
  GPtrArray *texts[MAX_LAYERS];

  for (guint layer = 0; layer < MAX_LAYERS; layer++)
    {
      buckets[layer] = g_ptr_array_new_with_free_func (bucket_free);
      texts[layer] = g_ptr_array_new ();
    }

  /* One pass sorts what shows into layers and styles... */
  for (guint k = 0; k < n_objects; k++)
    {
      const ExtopoSceneObject *o = &g_array_index (scene->objects, ExtopoSceneObject,
                                                   objects[k]);
      const ExtopoSceneItem *item = &g_array_index (scene->items, ExtopoSceneItem,
                                                    o->first_item);

      for (guint i = 0; i < o->n_items; i++, item++)
        {
          guint layer = MIN (item->layer, MAX_LAYERS - 1);

          if (!item_shows (painter, item))
            continue;
          if (item->kind == EXTOPO_SCENE_TEXT)
            g_ptr_array_add (texts[layer], (gpointer) item);
          else
            bucket_add (buckets[layer], item);
        }
    }

  /* ... then each layer is drawn, a path per style and a call per font. */
  painter->text_batches = g_ptr_array_new_with_free_func (extopo_painter_glyph_batch_free);
  for (guint layer = 0; layer < MAX_LAYERS; layer++)
    {
      for (guint i = 0; i < buckets[layer]->len; i++)
        flush_bucket (painter, scene, g_ptr_array_index (buckets[layer], i));
      for (guint i = 0; i < texts[layer]->len; i++)
        draw_text (painter, g_ptr_array_index (texts[layer], i));
      extopo_painter_flush_text (painter);
      g_ptr_array_unref (buckets[layer]);
      g_ptr_array_unref (texts[layer]);
    }
  g_clear_pointer (&painter->text_batches, g_ptr_array_unref);
  g_clear_pointer (&painter->ascii_fonts, g_hash_table_unref);
}

/* Connectors */

/* The points of a connector's line (a move, then curves), as an edge of
 * the geometry holds them: the start, then three points per segment. */
static void
line_points (const ExtopoScene     *scene,
             const ExtopoSceneItem *item,
             GArray                *points)
{
  const double *p = &g_array_index (scene->path, double, item->path_start);
  const double *end = p + item->path_length;

  g_array_set_size (points, 0);
  while (p < end)
    {
      int op = (int) *p++;
      guint n = op == (int) EXTOPO_SCENE_CURVE ? 6 : op == (int) EXTOPO_SCENE_CLOSE ? 0 : 2;

      if (p + n > end)
        break;
      g_array_append_vals (points, p, n);
      p += n;
    }
}

static const ExtopoSceneItem *
connector_line (const ExtopoScene       *scene,
                const ExtopoSceneObject *o)
{
  for (guint i = o->first_item; i < o->first_item + o->n_items; i++)
    {
      const ExtopoSceneItem *item = &g_array_index (scene->items, ExtopoSceneItem, i);

      if (item->kind == EXTOPO_SCENE_PATH && (item->flags & EXTOPO_SCENE_CONNECTOR))
        return item;
    }

  return NULL;
}

static gboolean
connector_is (const ExtopoSceneObject *o,
              gconstpointer            object)
{
  ExtopoConnection *connection = o->object;

  return object != NULL && connection != NULL &&
         (object == (gconstpointer) connection || object == (gconstpointer) connection->forward ||
          object == (gconstpointer) connection->reverse);
}

static gboolean
object_matches (Painter                 *painter,
                const ExtopoSceneObject *o)
{
  const ExtopoRenderOptions *options = painter->options;

  if (options->matches == NULL || o->object == NULL)
    return FALSE;
  if (o->kind == EXTOPO_OBJECT_CONNECTOR)
    {
      ExtopoConnection *connection = o->object;

      return extopo_painter_is_match (options, connection) ||
             extopo_painter_is_match (options, connection->forward) ||
             extopo_painter_is_match (options, connection->reverse);
    }

  return extopo_painter_is_match (options, o->object);
}

/* Near enough to the area drawn that an end or label there may show. */
static gboolean
near_area (Painter *painter,
           double   x,
           double   y)
{
  const ExtopoRect *v = painter->visible;
  double margin = 60;

  return v == NULL ||
         (x >= v->x - margin && x <= v->x + v->width + margin &&
          y >= v->y - margin && y <= v->y + v->height + margin);
}

/* On a printed tile: a connector whose ends and label are all off it only
 * passes over it, and is left to the overview page. */
static gboolean
passes_over (Painter                 *painter,
             const ExtopoScene       *scene,
             const ExtopoSceneObject *o,
             GArray                  *points)
{
  const ExtopoSceneItem *line = connector_line (scene, o);
  const double *p;
  guint last;

  if (line == NULL)
    return TRUE;
  line_points (scene, line, points);
  if (points->len < 4)
    return TRUE;
  p = (const double *) (gpointer) points->data;
  last = points->len / 2 - 1;
  if (near_area (painter, p[0], p[1]) || near_area (painter, p[2 * last], p[2 * last + 1]))
    return FALSE;
  for (guint i = o->first_item; i < o->first_item + o->n_items; i++)
    {
      const ExtopoSceneItem *item = &g_array_index (scene->items, ExtopoSceneItem, i);

      /* The label's pill. */
      if (item->kind == EXTOPO_SCENE_RECT && extopo_scene_item_is_full (item) &&
          near_area (painter, item->x + item->width / 2, item->y + item->height / 2))
        return FALSE;
    }

  return TRUE;
}

/* Zoomed far out: connectors as light plain lines (see
 * extopo_painter_draw_lines_plain()). */
static void
draw_connector_run_plain (Painter           *painter,
                          const ExtopoScene *scene,
                          const guint       *objects,
                          guint              n_objects)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint k = 0; k < n_objects; k++)
    {
      const ExtopoSceneObject *o = &g_array_index (scene->objects, ExtopoSceneObject, objects[k]);
      const ExtopoSceneItem *line = connector_line (scene, o);
      guint start = lines->len;

      if (line == NULL || !extopo_scene_item_shows_at (line, painter->scale))
        continue;
      line_points (scene, line, points);
      if (points->len < 4)
        continue;
      g_array_append_val (starts, start);
      g_array_append_vals (lines, points->data, points->len);
    }
  extopo_painter_draw_lines_plain (painter, lines, starts);

  /* The rest (a label's dot) as it is. */
  for (guint k = 0; k < n_objects; k++)
    {
      const ExtopoSceneObject *o = &g_array_index (scene->objects, ExtopoSceneObject, objects[k]);

      for (guint i = o->first_item; i < o->first_item + o->n_items; i++)
        {
          const ExtopoSceneItem *item = &g_array_index (scene->items, ExtopoSceneItem, i);

          if ((item->flags & EXTOPO_SCENE_CONNECTOR) == 0 && item_shows (painter, item))
            draw_item (painter, scene, item);
        }
    }
}

static void
stroke_line (Painter                 *painter,
             const ExtopoScene       *scene,
             const ExtopoSceneObject *o,
             double                   r,
             double                   g,
             double                   b,
             double                   alpha,
             double                   width)
{
  const ExtopoSceneItem *line = connector_line (scene, o);

  if (line == NULL)
    return;
  cairo_new_path (painter->cr);
  append_path (painter->cr, scene, line);
  cairo_set_source_rgba (painter->cr, r, g, b, alpha);
  cairo_set_line_width (painter->cr, width);
  cairo_set_line_cap (painter->cr, CAIRO_LINE_CAP_ROUND);
  cairo_stroke (painter->cr);
  cairo_set_line_cap (painter->cr, CAIRO_LINE_CAP_BUTT);
}

static void
draw_connector_run (Painter           *painter,
                    const ExtopoScene *scene,
                    const guint       *objects,
                    guint              n_objects,
                    GArray            *leaving)
{
  const ExtopoRenderOptions *options = painter->options;
  gboolean tile = leaving != NULL && painter->visible != NULL;
  g_autoptr(GArray) points = tile ? g_array_new (FALSE, FALSE, sizeof (double)) : NULL;

  if (painter->scale < PLAIN_EDGE_SCALE && !tile)
    {
      draw_connector_run_plain (painter, scene, objects, n_objects);
      return;
    }

  for (guint k = 0; k < n_objects; k++)
    {
      const ExtopoSceneObject *o = &g_array_index (scene->objects, ExtopoSceneObject, objects[k]);

      /* On a printed tile, a connector that only passes over it is left
       * out, and one that leaves it says where it goes. */
      if (tile)
        {
          if (passes_over (painter, scene, o, points))
            continue;
          g_array_append_val (leaving, objects[k]);
        }
      if (object_matches (painter, o))
        stroke_line (painter, scene, o, match_ink.r, match_ink.g, match_ink.b, 0.9,
                     MAX (6.0, 4 * pixel (painter)));
      for (guint i = o->first_item; i < o->first_item + o->n_items; i++)
        {
          const ExtopoSceneItem *item = &g_array_index (scene->items, ExtopoSceneItem, i);

          if (item_shows (painter, item))
            draw_item (painter, scene, item);
        }
      if (connector_is (o, options->hovered) && options->hovered_kind == EXTOPO_OBJECT_CONNECTOR)
        stroke_line (painter, scene, o, selection_ink.r, selection_ink.g, selection_ink.b, 0.6,
                     MAX (2.5, 2 * pixel (painter)));
      if (connector_is (o, options->selected) &&
          options->selected_kind == EXTOPO_OBJECT_CONNECTOR)
        stroke_line (painter, scene, o, selection_ink.r, selection_ink.g, selection_ink.b, 1.0,
                     MAX (2.5, 2 * pixel (painter)));
    }
}

/* A connector that leaves a printed tile: where it goes, in a pill at the
 * tile's edge ("→ RG-0123 (C12)"), so that a sheet reads without the lines
 * that only pass over it. */
static void
draw_references (Painter           *painter,
                 const ExtopoScene *scene,
                 GArray            *leaving)
{
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (ExtopoRect));
  g_autoptr(GArray) points = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint k = 0; k < leaving->len; k++)
    {
      const ExtopoSceneObject *o = &g_array_index (scene->objects, ExtopoSceneObject,
                                                   g_array_index (leaving, guint, k));
      const ExtopoSceneItem *line = connector_line (scene, o);
      const char *names[2] = { NULL, NULL };

      if (line == NULL)
        continue;
      line_points (scene, line, points);
      for (guint end = 0; end < 2; end++)
        if (o->ends[end] >= 0)
          names[end] = g_array_index (scene->objects, ExtopoSceneObject, o->ends[end]).name;
      extopo_painter_draw_reference (painter, (const double *) (gpointer) points->data,
                                     points->len / 2, names, o->tooltip, placed);
    }
}

/* Highlights */

static double
object_radius (const ExtopoSceneObject *o)
{
  return o->kind == EXTOPO_OBJECT_ADMIN_GROUP ? ADMIN_RADIUS
         : o->kind == EXTOPO_OBJECT_ROUTING_GROUP ? ROUTING_RADIUS : CARD_RADIUS;
}

static void
outline_object (Painter                 *painter,
                const ExtopoSceneObject *o,
                ExtopoObjectKind         kind,
                gconstpointer            object,
                double                   alpha,
                double                   width)
{
  if (o->kind == EXTOPO_OBJECT_CONNECTOR || o->kind != kind || o->object != object)
    return;
  extopo_painter_outline_box (painter->cr, &o->bounds, 1.5, object_radius (o), &selection_ink,
                              alpha, width);
}

/* The search matches, hover and selection over the boxes drawn. */
static void
draw_box_highlights (Painter           *painter,
                     const ExtopoScene *scene,
                     const guint       *objects,
                     guint              n_objects)
{
  const ExtopoRenderOptions *options = painter->options;
  double px = pixel (painter);

  if (options->matches != NULL)
    for (guint k = 0; k < n_objects; k++)
      {
        const ExtopoSceneObject *o = &g_array_index (scene->objects, ExtopoSceneObject,
                                                     objects[k]);

        if (o->kind != EXTOPO_OBJECT_CONNECTOR && object_matches (painter, o))
          extopo_painter_outline_box (painter->cr, &o->bounds, 2.5, object_radius (o), &match_ink,
                                      0.9, MAX (4.0, 3 * px));
      }

  for (guint k = 0; k < n_objects; k++)
    {
      const ExtopoSceneObject *o = &g_array_index (scene->objects, ExtopoSceneObject, objects[k]);

      if (options->hovered != NULL)
        outline_object (painter, o, options->hovered_kind, options->hovered, 0.45,
                        MAX (2.0, 2 * px));
      if (options->selected != NULL)
        outline_object (painter, o, options->selected_kind, options->selected, 1.0,
                        MAX (2.5, 3 * px));
    }
}

/* The items of no object (title block, legend) from furniture[@from] on,
 * as long as they come before item @before. Returns where it stopped. */
static guint
draw_furniture (Painter           *painter,
                const ExtopoScene *scene,
                guint              from,
                guint              before)
{
  guint k = from;

  for (; k < scene->furniture->len; k++)
    {
      guint i = g_array_index (scene->furniture, guint, k);
      const ExtopoSceneItem *item = &g_array_index (scene->items, ExtopoSceneItem, i);

      if (i >= before)
        break;
      if (item_shows (painter, item))
        draw_item (painter, scene, item);
    }

  return k;
}

static gboolean
is_extra (const ExtopoScene *scene,
          guint              object)
{
  for (guint k = 0; k < scene->extra_objects->len; k++)
    if (g_array_index (scene->extra_objects, guint, k) == object)
      return TRUE;

  return FALSE;
}

/* Objects of the title block (a comparison's ghosts): outside the
 * diagram's clip, each item as it is. */
static void
draw_extras (Painter           *painter,
             const ExtopoScene *scene,
             GArray            *objects)
{
  for (guint k = 0; k < objects->len; k++)
    {
      guint index = g_array_index (objects, guint, k);
      const ExtopoSceneObject *o = &g_array_index (scene->objects, ExtopoSceneObject, index);

      if (!is_extra (scene, index))
        continue;
      for (guint i = o->first_item; i < o->first_item + o->n_items; i++)
        {
          const ExtopoSceneItem *item = &g_array_index (scene->items, ExtopoSceneItem, i);

          if (item_shows (painter, item))
            draw_item (painter, scene, item);
        }
    }
}

void
extopo_painter_draw_scene_area (Painter           *painter,
                                const ExtopoScene *scene,
                                const ExtopoRect  *diagram_clip)
{
  const ExtopoRenderOptions *options = painter->options;
  cairo_t *cr = painter->cr;
  g_autoptr(GArray) objects = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) leaving = NULL;
  g_autoptr(GPtrArray) overlay = g_ptr_array_new ();
  guint first = scene->items->len, done;

  if (painter->visible != NULL && scene->geometry != NULL)
    extopo_scene_query (scene, painter->visible, objects);
  else
    for (guint i = 0; i < scene->objects->len; i++)
      g_array_append_val (objects, i);
  /* The body: from the first item of the first object that is not one of
   * the title block's (a comparison's ghosts, drawn with the furniture). */
  for (guint i = 0; i < scene->objects->len; i++)
    {
      const ExtopoSceneObject *o = &g_array_index (scene->objects, ExtopoSceneObject, i);

      if (!is_extra (scene, i))
        {
          first = o->first_item;
          break;
        }
    }
  if (options->page_clip != NULL && options->sheet_name != NULL)
    leaving = g_array_new (FALSE, FALSE, sizeof (guint));

  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  done = draw_furniture (painter, scene, 0, first);
  /* The title block's objects (a comparison's ghosts) with it, outside the
   * diagram's clip; the diagram's after. */
  if (scene->extra_objects->len > 0)
    {
      guint kept = 0;

      draw_extras (painter, scene, objects);
      for (guint k = 0; k < objects->len; k++)
        if (!is_extra (scene, g_array_index (objects, guint, k)))
          g_array_index (objects, guint, kept++) = g_array_index (objects, guint, k);
      g_array_set_size (objects, kept);
    }

  cairo_save (cr);
  if (diagram_clip != NULL)
    {
      cairo_rectangle (cr, diagram_clip->x, diagram_clip->y, diagram_clip->width,
                       diagram_clip->height);
      cairo_clip (cr);
    }
  /* Boxes a few pixels high: antialiasing thousands of them and of long
   * edges costs most of a frame and shows nothing. */
  if (painter->scale * SERVER_BOX_HEIGHT < ALIASED_BOX_PIXELS)
    cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);
  for (guint k = 0; k < objects->len;)
    {
      const guint *run = &g_array_index (objects, guint, k);
      ExtopoObjectKind kind = g_array_index (scene->objects, ExtopoSceneObject, run[0]).kind;
      guint n = 1;

      while (k + n < objects->len &&
             g_array_index (scene->objects, ExtopoSceneObject, run[n]).kind == kind)
        n++;
      if (kind == EXTOPO_OBJECT_SERVER)
        draw_server_run (painter, scene, run, n);
      else if (kind == EXTOPO_OBJECT_CONNECTOR)
        draw_connector_run (painter, scene, run, n, leaving);
      else
        for (guint j = 0; j < n; j++)
          {
            const ExtopoSceneObject *o = &g_array_index (scene->objects, ExtopoSceneObject,
                                                         run[j]);

            for (guint i = o->first_item; i < o->first_item + o->n_items; i++)
              {
                const ExtopoSceneItem *item = &g_array_index (scene->items, ExtopoSceneItem, i);

                if (!item_shows (painter, item))
                  continue;
                if (item->flags & EXTOPO_SCENE_OVERLAY)
                  g_ptr_array_add (overlay, (gpointer) item);
                else
                  draw_item (painter, scene, item);
              }
          }
      k += n;
    }
  /* Far-out titles and marks over everything, outer groups first. */
  for (guint i = 0; i < overlay->len; i++)
    draw_item (painter, scene, g_ptr_array_index (overlay, i));
  cairo_set_antialias (cr, CAIRO_ANTIALIAS_DEFAULT);
  draw_box_highlights (painter, scene, (const guint *) (gpointer) objects->data, objects->len);
  /* Over the cards, which may hide where a connector leaves. */
  if (leaving != NULL)
    draw_references (painter, scene, leaving);
  cairo_restore (cr);

  draw_furniture (painter, scene, done, G_MAXUINT);
  cairo_restore (cr);
}

/* The page furniture alone (a title block, the legend), as it is. */
void
extopo_painter_draw_scene (cairo_t           *cr,
                           const ExtopoScene *scene)
{
  ExtopoRenderOptions options;
  Painter painter;

  extopo_render_options_init (&options);
  extopo_painter_init (&painter, cr, &options);
  extopo_painter_draw_scene_area (&painter, scene, NULL);
  extopo_painter_clear (&painter);
}
