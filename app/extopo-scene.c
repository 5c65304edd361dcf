/* extopo-scene.c: the scene container, and the scene of a diagram's page.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-scene"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "extopo-compare.h"
#include "extopo-findings.h"
#include "extopo-scene.h"
#include "extopo-style.h"
#include "extopo-version.h"

/* The page's measures, as the cairo renderer draws them. */
/* A text's size in the scene: in units of the page, as it is drawn. */
#define UNITS_PER_TEXT_POINT (TEXT_RESOLUTION / 72.0)

/* 0xRRGGBBAA from red, green, blue in 0..1 (or a STYLE_ colour). */
#define RGB(...) RGB_ (__VA_ARGS__)
#define RGB_(r, g, b) ((guint32) ((guint32) ((r) * 255 + 0.5) << 24 | \
                                  (guint32) ((g) * 255 + 0.5) << 16 | \
                                  (guint32) ((b) * 255 + 0.5) << 8 | 0xff))

static const guint32 status_accent[] = {
  RGB (STYLE_OK_ACCENT), RGB (STYLE_WARNING_ACCENT), RGB (STYLE_ERROR_ACCENT),
  RGB (STYLE_UNSUPPORTED_ACCENT),
};
static const guint32 status_fill[] = {
  RGB (STYLE_OK_FILL), RGB (STYLE_WARNING_FILL), RGB (STYLE_ERROR_FILL),
  RGB (STYLE_UNSUPPORTED_FILL),
};
static const char * const status_class[] = {
  "status-ok", "status-warning", "status-error", "status-unsupported",
};
#define INK            RGB (STYLE_INK)
#define MUTED_INK      RGB (STYLE_MUTED_INK)
#define EDGE_INK       RGB (STYLE_EDGE_INK)
#define ROUTING_FILL   RGB (STYLE_ROUTING_FILL)
#define ROUTING_BORDER RGB (STYLE_ROUTING_BORDER)
#define ADMIN_FILL     RGB (STYLE_ADMIN_FILL)
#define ADMIN_BORDER   RGB (STYLE_ADMIN_BORDER)
#define INTEROP_FILL   RGB (STYLE_INTEROP_FILL)
#define INTEROP_BORDER RGB (STYLE_INTEROP_BORDER)
#define BADGE_FILL     RGB (STYLE_BADGE_FILL)
#define ROLE_FILL      RGB (STYLE_ROLE_FILL)
#define WHITE          RGB (1, 1, 1)
#define ADDED_INK      RGB (STYLE_ADDED_INK)
#define CHANGED_INK    RGB (STYLE_CHANGED_INK)
#define REMOVED_INK    RGB (STYLE_REMOVED_INK)
#define GHOST_FILL     RGB (STYLE_GHOST_FILL)
#define NONE           0u

/* Container */

ExtopoScene *
extopo_scene_new (double width,
                  double height)
{
  ExtopoScene *scene = g_new0 (ExtopoScene, 1);

  scene->width = width;
  scene->height = height;
  scene->objects = g_array_new (FALSE, TRUE, sizeof (ExtopoSceneObject));
  scene->items = g_array_new (FALSE, TRUE, sizeof (ExtopoSceneItem));
  scene->path = g_array_new (FALSE, FALSE, sizeof (double));
  scene->strings = g_string_chunk_new (64 * 1024);
  scene->data = g_ptr_array_new_with_free_func (g_free);
  scene->ref_count = 1;
  scene->extra_objects = g_array_new (FALSE, FALSE, sizeof (guint));
  scene->furniture = g_array_new (FALSE, FALSE, sizeof (guint));

  return scene;
}

/* Room for the scene of @geometry at once: grown by doubling, the arrays
 * of 20,000 servers (215,000 items) were copied and cleared a dozen times
 * over, a fifth of the build. Counts measured on synthetic organizations:
 * about 11 items per server, 12 per group, 8 per connector, 85 path
 * numbers per connector. */
static void
scene_reserve (ExtopoScene    *scene,
               ExtopoGeometry *geometry)
{
  guint n_objects = geometry->nodes->len + geometry->frames->len + geometry->edges->len;
  guint n_items = 11 * geometry->nodes->len + 12 * geometry->frames->len +
                  8 * geometry->edges->len;

  g_return_if_fail (scene->objects->len == 0 && scene->items->len == 0 && scene->path->len == 0);

  g_array_unref (scene->objects);
  scene->objects = g_array_sized_new (FALSE, TRUE, sizeof (ExtopoSceneObject), n_objects);
  g_array_unref (scene->items);
  scene->items = g_array_sized_new (FALSE, TRUE, sizeof (ExtopoSceneItem), n_items);
  g_array_unref (scene->path);
  scene->path = g_array_sized_new (FALSE, FALSE, sizeof (double), 90 * geometry->edges->len);
}

ExtopoScene *
extopo_scene_ref (ExtopoScene *scene)
{
  g_return_val_if_fail (scene != NULL, NULL);

  g_atomic_int_inc (&scene->ref_count);

  return scene;
}

void
extopo_scene_unref (ExtopoScene *scene)
{
  if (scene == NULL || !g_atomic_int_dec_and_test (&scene->ref_count))
    return;

  g_array_unref (scene->objects);
  g_array_unref (scene->items);
  g_array_unref (scene->path);
  g_string_chunk_free (scene->strings);
  g_ptr_array_unref (scene->data);
  g_free (scene->title);
  g_clear_pointer (&scene->geometry, extopo_geometry_unref);
  g_free (scene->frame_objects);
  g_free (scene->edge_objects);
  g_free (scene->node_objects);
  g_clear_pointer (&scene->by_model, g_hash_table_unref);
  g_array_unref (scene->extra_objects);
  g_array_unref (scene->furniture);
  g_free (scene);
}

void
extopo_scene_free (ExtopoScene *scene)
{
  extopo_scene_unref (scene);
}

const char *
extopo_scene_intern (ExtopoScene *scene,
                     const char  *text)
{
  return text != NULL ? g_string_chunk_insert_const (scene->strings, text) : NULL;
}

int
extopo_scene_add_object (ExtopoScene        *scene,
                         ExtopoObjectKind    kind,
                         gpointer            object,
                         const char         *id,
                         const char         *classes,
                         const char         *name,
                         const char         *tooltip,
                         const char * const *data,
                         const ExtopoRect   *bounds)
{
  ExtopoSceneObject o = { kind, object };
  guint n = 0;

  o.ends[0] = o.ends[1] = -1;
  const char **copy;

  o.id = extopo_scene_intern (scene, id);
  o.classes = extopo_scene_intern (scene, classes);
  o.name = extopo_scene_intern (scene, name);
  o.tooltip = extopo_scene_intern (scene, tooltip);
  while (data != NULL && data[n] != NULL)
    n++;
  copy = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    copy[i] = extopo_scene_intern (scene, data[i]);
  g_ptr_array_add (scene->data, copy);
  o.data = copy;
  if (bounds != NULL)
    o.bounds = *bounds;
  g_array_append_val (scene->objects, o);

  return (int) scene->objects->len - 1;
}

void
extopo_scene_add_item (ExtopoScene           *scene,
                       const ExtopoSceneItem *item)
{
  ExtopoSceneItem copy = *item;

  copy.text = extopo_scene_intern (scene, item->text);
  g_array_append_val (scene->items, copy);
  if (item->kind == EXTOPO_SCENE_TEXT && (item->flags & EXTOPO_SCENE_PIXEL_SIZED))
    scene->pixel_text_width = MAX (scene->pixel_text_width, item->width);
  if (item->object < 0)
    {
      guint index = scene->items->len - 1;

      g_array_append_val (scene->furniture, index);
    }
  if (item->object >= 0 && (guint) item->object < scene->objects->len)
    {
      ExtopoSceneObject *o = &g_array_index (scene->objects, ExtopoSceneObject, item->object);

      if (o->n_items == 0)
        o->first_item = scene->items->len - 1;
      /* An object's items follow each other. */
      g_warn_if_fail (o->first_item + o->n_items == scene->items->len - 1);
      o->n_items++;
    }
}

/* Where objects are */

/* How far a stroke, a highlight or a tag on a frame's border reaches
 * outside an object's bounds. */
#define QUERY_MARGIN 12.0

static void
map_objects (const ExtopoScene *scene,
             const int         *map,
             GArray            *indices,
             GArray            *objects)
{
  for (guint k = 0; k < indices->len; k++)
    {
      int o = map[g_array_index (indices, guint, k)];

      if (o >= 0)
        {
          guint u = (guint) o;

          g_array_append_val (objects, u);
        }
    }
}

/* A scene of no geometry: every object looked at, its bounds grown by @margin. */
static void
query_all (const ExtopoScene *scene,
           const ExtopoRect  *area,
           double             margin,
           gboolean           groups_only,
           GArray            *objects)
{
  for (guint i = 0; i < scene->objects->len; i++)
    {
      const ExtopoSceneObject *o = &g_array_index (scene->objects, ExtopoSceneObject, i);
      ExtopoRect grown = { o->bounds.x - margin, o->bounds.y - margin,
                           o->bounds.width + 2 * margin, o->bounds.height + 2 * margin };

      if (groups_only && o->kind != EXTOPO_OBJECT_ADMIN_GROUP &&
          o->kind != EXTOPO_OBJECT_ROUTING_GROUP)
        continue;
      if (extopo_rect_intersects (&grown, area))
        g_array_append_val (objects, i);
    }
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* The objects whose drawing may reach into @area, or the groups alone. */
static void
query_objects (const ExtopoScene *scene,
               const ExtopoRect  *area,
               gboolean           groups_only,
               GArray            *objects)
{
  g_autoptr(GArray) indices = NULL;
  ExtopoRect r;
  guint from = objects->len;

  if (scene->geometry == NULL)
    {
      query_all (scene, area, QUERY_MARGIN, groups_only, objects);
      return;
    }

  r = (ExtopoRect) { area->x - scene->dx - QUERY_MARGIN, area->y - scene->dy - QUERY_MARGIN,
                     area->width + 2 * QUERY_MARGIN, area->height + 2 * QUERY_MARGIN };
  indices = g_array_new (FALSE, FALSE, sizeof (guint));
  extopo_geometry_query_frames (scene->geometry, &r, indices);
  map_objects (scene, scene->frame_objects, indices, objects);
  if (groups_only)
    return;
  g_array_set_size (indices, 0);
  extopo_geometry_query_edges (scene->geometry, &r, indices);
  map_objects (scene, scene->edge_objects, indices, objects);
  g_array_set_size (indices, 0);
  extopo_geometry_query_nodes (scene->geometry, &r, indices);
  map_objects (scene, scene->node_objects, indices, objects);
  for (guint k = 0; k < scene->extra_objects->len; k++)
    {
      guint o = g_array_index (scene->extra_objects, guint, k);
      const ExtopoSceneObject *object = &g_array_index (scene->objects, ExtopoSceneObject, o);

      if (extopo_rect_intersects (&object->bounds, area))
        g_array_append_val (objects, o);
    }
  /* Frames, edges and servers were added to the scene in that order, but
   * each query gives its own order. */
  if (objects->len > from)
    qsort (&g_array_index (objects, guint, from), objects->len - from, sizeof (guint),
           compare_guint);
}

void
extopo_scene_query (const ExtopoScene *scene,
                    const ExtopoRect  *area,
                    GArray            *objects)
{
  g_return_if_fail (scene != NULL && area != NULL && objects != NULL);

  query_objects (scene, area, FALSE, objects);
}

void
extopo_scene_query_groups (const ExtopoScene *scene,
                           const ExtopoRect  *area,
                           GArray            *objects)
{
  g_return_if_fail (scene != NULL && area != NULL && objects != NULL);

  query_objects (scene, area, TRUE, objects);
}

int
extopo_scene_find_object (const ExtopoScene *scene,
                          gconstpointer      object)
{
  g_return_val_if_fail (scene != NULL, -1);

  if (scene->by_model == NULL || object == NULL)
    return -1;

  return GPOINTER_TO_INT (g_hash_table_lookup (scene->by_model, object)) - 1;
}

/* Building */

typedef struct
{
  ExtopoScene               *scene;
  ExtopoGeometry            *geometry;
  const ExtopoRenderOptions *options;
  PangoContext              *context;
  PangoLayout               *layout;
  GHashTable                *widths;  /* "size|bold|text" -> width, many texts repeat */
  GPtrArray                 *ascii;   /* AsciiAdvances, a few sizes and weights */
  int                        object;  /* the object items belong to, or -1 */
  double                     dx;      /* diagram to page */
  double                     dy;
  GArray                    *scratch; /* guint, for geometry queries */
  GHashTable                *changes; /* DN -> ExtopoObjectChange, in a comparison */
  GHashTable                *retired; /* group DN -> GPtrArray of retired servers' names */
  GHashTable                *ghosts;  /* DNs of the retired servers drawn where they were */
  /* Given to the items added next: where they show, their layer. */
  float                      min_scale;
  float                      max_scale;
  guint8                     layer;
  guint8                     flags;   /* ExtopoSceneItemFlags added to theirs */
  /* For the screen: no ids, tooltips or data, which only exports write
   * (the view's tooltips and accessible names come from the model). */
  gboolean                   screen;
} Builder;

/* Items added next show at @min_scale up to @max_scale (0: no limit), in
 * @layer. */
static void
set_detail (Builder *b,
            double   min_scale,
            double   max_scale,
            guint8   layer)
{
  b->min_scale = (float) min_scale;
  b->max_scale = (float) max_scale;
  b->layer = layer;
}

static void
builder_add (Builder         *b,
             ExtopoSceneItem *item)
{
  item->min_scale = b->min_scale;
  item->max_scale = b->max_scale;
  item->layer = b->layer;
  item->flags |= b->flags;
  extopo_scene_add_item (b->scene, item);
}

static void
set_font (Builder  *b,
          double    size,
          gboolean  bold)
{
  PangoFontDescription *font = pango_font_description_from_string (EXTOPO_SCENE_FONT_FAMILY);

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (b->layout, font);
  pango_font_description_free (font);
}

/* The advance of each printable ASCII character and of the ellipsis in one
 * font, measured once: names and FQDNs, tens of thousands of them, are
 * measured and shortened by adding these up (no kerning, as the cairo
 * renderer draws them) instead of a Pango layout per try. */
typedef struct
{
  double advances[128];
  double ellipsis;
  double ascent;                      /* of the font: from the top to the baseline */
  double size;
  gboolean bold;
} AsciiAdvances;

static double
pango_width (Builder    *b,
             const char *text,
             double      size,
             gboolean    bold)
{
  int width;

  set_font (b, size, bold);
  pango_layout_set_width (b->layout, -1);
  pango_layout_set_text (b->layout, text, -1);
  pango_layout_get_size (b->layout, &width, NULL);

  return (double) width / PANGO_SCALE;
}

static const AsciiAdvances *
ascii_advances (Builder  *b,
                double    size,
                gboolean  bold)
{
  AsciiAdvances *advances;

  /* A handful of fonts: the last used first. */
  for (guint i = b->ascii->len; i-- > 0;)
    {
      advances = g_ptr_array_index (b->ascii, i);
      if (advances->size == size && advances->bold == bold)
        return advances;
    }

  advances = g_new0 (AsciiAdvances, 1);
  advances->size = size;
  advances->bold = bold;
  for (int c = 0x20; c < 0x7f; c++)
    {
      char text[2] = { (char) c, 0 };

      advances->advances[c] = pango_width (b, text, size, bold);
    }
  advances->ellipsis = pango_width (b, "…", size, bold);
  set_font (b, size, bold);
  pango_layout_set_text (b->layout, "X", -1);
  advances->ascent = (double) pango_layout_get_baseline (b->layout) / PANGO_SCALE;
  g_ptr_array_add (b->ascii, advances);

  return advances;
}

static gboolean
is_printable_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (*p < 0x20 || *p >= 0x7f)
      return FALSE;

  return TRUE;
}

/* Printable ASCII, perhaps ended by the ellipsis that add_line() puts on
 * a name cut short: measured from the font's table. */
static gboolean
ascii_width (Builder    *b,
             const char *text,
             double      size,
             gboolean    bold,
             double     *width)
{
  const AsciiAdvances *advances = NULL;
  const char *p;
  double w = 0;

  for (p = text; *p != '\0'; p++)
    if (*p < 0x20 || *p >= 0x7f)
      break;
  if (*p != '\0' && strcmp (p, "…") != 0)
    return FALSE;

  advances = ascii_advances (b, size, bold);
  for (const char *q = text; q < p; q++)
    w += advances->advances[(guchar) *q];
  if (*p != '\0')
    w += advances->ellipsis;
  *width = w;

  return TRUE;
}

static double
text_width (Builder    *b,
            const char *text,
            double      size,
            gboolean    bold)
{
  g_autofree char *key = NULL;
  gpointer cached;
  double *value;
  double width;

  if (ascii_width (b, text, size, bold, &width))
    return width;

  key = g_strdup_printf ("%g|%d|%s", size, bold, text);
  if (g_hash_table_lookup_extended (b->widths, key, NULL, &cached))
    return *(double *) cached;

  value = g_new (double, 1);
  *value = pango_width (b, text, size, bold);
  g_hash_table_insert (b->widths, g_steal_pointer (&key), value);

  return *value;
}

static double
text_ascent (Builder  *b,
             double    size,
             gboolean  bold)
{
  return ascii_advances (b, size, bold)->ascent;
}

static void
add_text (Builder    *b,
          const char *text,
          double      size,
          gboolean    bold,
          guint32     colour,
          double      x,
          double      y)
{
  ExtopoSceneItem item = { EXTOPO_SCENE_TEXT, b->object, x, y };

  if (text == NULL || *text == '\0')
    return;
  item.text = text;
  item.font_size = size * UNITS_PER_TEXT_POINT;
  item.bold = bold;
  item.fill = colour;
  item.ascent = text_ascent (b, size, bold);
  item.width = text_width (b, text, size, bold);
  builder_add (b, &item);
}

/* One line, cut with "…" when wider than @width (as the screen cuts it). */
static void
add_line (Builder    *b,
          const char *text,
          double      size,
          gboolean    bold,
          guint32     colour,
          double      x,
          double      y,
          double      width)
{
  g_autofree char *cut = NULL;
  const char *end;
  glong length;

  if (text == NULL)
    return;
  if (width <= 0 || text_width (b, text, size, bold) <= width)
    {
      add_text (b, text, size, bold, colour, x, y);
      return;
    }

  if (is_printable_ascii (text))
    {
      /* The longest start that fits with the ellipsis, in one pass. */
      const AsciiAdvances *advances = ascii_advances (b, size, bold);
      double used = advances->ellipsis;
      gsize n = 0;

      while (text[n] != '\0' && used + advances->advances[(guchar) text[n]] <= width)
        used += advances->advances[(guchar) text[n++]];
      cut = g_strdup_printf ("%.*s…", (int) n, text);
      add_text (b, cut, size, bold, colour, x, y);
      return;
    }

  length = g_utf8_strlen (text, -1);
  while (length > 0)
    {
      end = g_utf8_offset_to_pointer (text, --length);
      g_free (cut);
      cut = g_strdup_printf ("%.*s…", (int) (end - text), text);
      if (text_width (b, cut, size, bold) <= width)
        break;
    }
  add_text (b, cut, size, bold, colour, x, y);
}

/* Text wrapped to @width, a text item per line; returns its height. */
static double
add_paragraph (Builder    *b,
               const char *text,
               double      size,
               gboolean    bold,
               guint32     colour,
               double      x,
               double      y,
               double      width,
               gboolean    paint)
{
  PangoLayoutIter *iter;
  int height;

  if (text == NULL || *text == '\0')
    return 0;

  set_font (b, size, bold);
  pango_layout_set_width (b->layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (b->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (b->layout, text, -1);
  pango_layout_get_size (b->layout, NULL, &height);
  if (!paint)
    return (double) height / PANGO_SCALE;

  iter = pango_layout_get_iter (b->layout);
  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle extents;
      g_autofree char *piece = g_strndup (text + line->start_index, line->length);
      ExtopoSceneItem item = { EXTOPO_SCENE_TEXT, b->object };

      pango_layout_iter_get_line_extents (iter, NULL, &extents);
      g_strchomp (piece);
      if (*piece == '\0')
        continue;
      item.x = x;
      item.y = y + (double) extents.y / PANGO_SCALE;
      item.text = piece;
      item.font_size = size * UNITS_PER_TEXT_POINT;
      item.bold = bold;
      item.fill = colour;
      item.ascent = (double) (pango_layout_iter_get_baseline (iter) - extents.y) / PANGO_SCALE;
      item.width = (double) extents.width / PANGO_SCALE;
      builder_add (b, &item);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  pango_layout_set_width (b->layout, -1);

  return (double) height / PANGO_SCALE;
}

static void
add_rect (Builder  *b,
          double    x,
          double    y,
          double    w,
          double    h,
          double    radius,
          guint32   fill,
          guint32   stroke,
          double    line_width,
          gboolean  dashed)
{
  ExtopoSceneItem item = { EXTOPO_SCENE_RECT, b->object, x, y, w, h, radius, fill, stroke };

  item.line_width = line_width;
  item.dashed = dashed;
  builder_add (b, &item);
}

static void
add_circle (Builder *b,
            double   cx,
            double   cy,
            double   r,
            guint32  fill)
{
  ExtopoSceneItem item = { EXTOPO_SCENE_CIRCLE, b->object, cx, cy, 0, 0, r, fill };

  builder_add (b, &item);
}

static void
path_op (Builder *b,
         double   op,
         int      n,
         ...)
{
  va_list args;

  g_array_append_val (b->scene->path, op);
  va_start (args, n);
  for (int i = 0; i < n; i++)
    {
      double v = va_arg (args, double);

      g_array_append_val (b->scene->path, v);
    }
  va_end (args);
}

static void
add_path (Builder  *b,
          guint     start,
          guint32   fill,
          guint32   stroke,
          double    line_width,
          gboolean  round_caps)
{
  ExtopoSceneItem item = { EXTOPO_SCENE_PATH, b->object };

  item.path_start = start;
  item.path_length = b->scene->path->len - start;
  item.fill = fill;
  item.stroke = stroke;
  item.line_width = line_width;
  item.round_caps = round_caps;
  builder_add (b, &item);
}

/* A pill of text; returns its width. */
static double
add_pill (Builder    *b,
          const char *text,
          double      x,
          double      y,
          guint32     fill,
          guint32     ink,
          gboolean    paint)
{
  double w = text_width (b, text, SMALL_SIZE, TRUE) + 2 * PILL_PADDING;

  if (paint)
    {
      add_rect (b, x, y, w, PILL_HEIGHT, PILL_HEIGHT / 2, fill, NONE, 0, FALSE);
      /* The text over its pill. */
      b->layer++;
      add_text (b, text, SMALL_SIZE, TRUE, ink, x + PILL_PADDING, y + 0.5);
      b->layer--;
    }

  return w;
}

/* A filled circle with the status's white mark (check, !, x, ⊘). */
static void
add_status_icon (Builder      *b,
                 ExtopoStatus  status,
                 double        cx,
                 double        cy,
                 double        radius)
{
  double s = radius / 7.0;
  guint start = b->scene->path->len;

  status = MIN (status, EXTOPO_STATUS_UNSUPPORTED);
  add_circle (b, cx, cy, radius, status_accent[status]);
  /* The mark over its disc. */
  b->layer++;
  switch (status)
    {
    case EXTOPO_STATUS_OK:
      path_op (b, EXTOPO_SCENE_MOVE, 2, cx - 3.2 * s, cy + 0.2 * s);
      path_op (b, EXTOPO_SCENE_LINE, 2, cx - 1.0 * s, cy + 2.6 * s);
      path_op (b, EXTOPO_SCENE_LINE, 2, cx + 3.4 * s, cy - 2.6 * s);
      break;
    case EXTOPO_STATUS_WARNING:
      path_op (b, EXTOPO_SCENE_MOVE, 2, cx, cy - 3.8 * s);
      path_op (b, EXTOPO_SCENE_LINE, 2, cx, cy + 0.8 * s);
      break;
    case EXTOPO_STATUS_ERROR:
      path_op (b, EXTOPO_SCENE_MOVE, 2, cx - 2.7 * s, cy - 2.7 * s);
      path_op (b, EXTOPO_SCENE_LINE, 2, cx + 2.7 * s, cy + 2.7 * s);
      path_op (b, EXTOPO_SCENE_MOVE, 2, cx + 2.7 * s, cy - 2.7 * s);
      path_op (b, EXTOPO_SCENE_LINE, 2, cx - 2.7 * s, cy + 2.7 * s);
      break;
    case EXTOPO_STATUS_UNSUPPORTED:
    default:
      path_op (b, EXTOPO_SCENE_MOVE, 2, cx - 2.5 * s, cy + 2.5 * s);
      path_op (b, EXTOPO_SCENE_LINE, 2, cx + 2.5 * s, cy - 2.5 * s);
      break;
    }
  add_path (b, start, NONE, WHITE, 1.6 * s, TRUE);
  if (status == EXTOPO_STATUS_WARNING)
    add_circle (b, cx, cy + 3.2 * s, 0.95 * s, WHITE);
  b->layer--;
}

/* "1 error" / "3 warnings", decided here for every backend. */
static char *
finding_tag_text (ExtopoSeverity severity,
                  guint          count)
{
  return severity >= EXTOPO_SEVERITY_ERROR
         ? g_strdup_printf (ngettext ("%u error", "%u errors", count), count)
         : g_strdup_printf (ngettext ("%u warning", "%u warnings", count), count);
}

static double
add_finding_tag (Builder        *b,
                 ExtopoSeverity  severity,
                 guint           count,
                 double          x,
                 double          y,
                 gboolean        paint)
{
  ExtopoStatus status = severity >= EXTOPO_SEVERITY_ERROR ? EXTOPO_STATUS_ERROR
                                                          : EXTOPO_STATUS_WARNING;
  g_autofree char *text = finding_tag_text (severity, count);
  double w = text_width (b, text, SMALL_SIZE, TRUE) + 20;

  if (paint)
    {
      add_rect (b, x, y, w, TAG_HEIGHT, TAG_HEIGHT / 2, status_fill[status],
                status_accent[status], 1.0, FALSE);
      add_status_icon (b, status, x + 7, y + TAG_HEIGHT / 2, 5);
      add_text (b, text, SMALL_SIZE, TRUE, status_accent[status], x + 14, y + 1);
    }

  return w;
}

/* The worst warning or error among a group's own findings, and how many. */
static gboolean
group_mark (GPtrArray      *findings,
            ExtopoSeverity *severity,
            guint          *count)
{
  *severity = EXTOPO_SEVERITY_WARNING;
  *count = 0;
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const ExtopoFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity < EXTOPO_SEVERITY_WARNING)
        continue;
      if (finding->severity > *severity)
        {
          *severity = finding->severity;
          *count = 0;
        }
      if (finding->severity == *severity)
        (*count)++;
    }

  return *count > 0;
}

static char *
finding_ids (GPtrArray *findings)
{
  GString *ids = g_string_new (NULL);

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const ExtopoFinding *finding = g_ptr_array_index (findings, i);

      if (ids->len > 0)
        g_string_append (ids, ", ");
      g_string_append (ids, finding->id);
    }

  return g_string_free (ids, FALSE);
}

/* Comparisons */

static const ExtopoObjectChange *
change_of (Builder    *b,
           const char *dn)
{
  return b->changes != NULL && dn != NULL ? g_hash_table_lookup (b->changes, dn) : NULL;
}

/* " change-added" or " change-changed" for an object's classes. */
static const char *
change_class (const ExtopoObjectChange *change)
{
  return change == NULL ? "" : change->kind == EXTOPO_CHANGE_ADDED ? " change-added"
                                                                   : " change-changed";
}

/* The tag over a marked object: what happened to it. */
static const char *
change_tag (const ExtopoObjectChange *change)
{
  if (change->kind == EXTOPO_CHANGE_ADDED)
    return C_("change", "new");
  if (change->version_change == EXTOPO_VERSION_UPGRADED)
    return C_("change", "upgraded");
  if (change->version_change == EXTOPO_VERSION_DOWNGRADED)
    return C_("change", "downgraded");
  if (extopo_object_change_get_field (change, "name") != NULL)
    return C_("change", "renamed");
  if (extopo_object_change_get_field (change, "routing_group") != NULL ||
      extopo_object_change_get_field (change, "administrative_group") != NULL)
    return C_("change", "moved");

  return C_("change", "changed");
}

/* "version: 6.5.7226.0 → 6.5.7638.2", a line per field, for a tooltip. */
static char *
change_lines (const ExtopoObjectChange *change)
{
  GString *lines = g_string_new (NULL);

  if (change == NULL)
    return g_string_free (lines, FALSE);
  if (change->kind == EXTOPO_CHANGE_ADDED)
    g_string_append_printf (lines, "\n%s", _("Added since the older snapshot"));
  for (guint i = 0; i < change->fields->len; i++)
    {
      const ExtopoFieldChange *field = g_ptr_array_index (change->fields, i);

      /* Translators: a changed field in a tooltip: "version: 6.5 → 8.1". */
      g_string_append_printf (lines, _("\n%s: %s → %s"), field->field,
                              field->old_text != NULL ? field->old_text : "—",
                              field->new_text != NULL ? field->new_text : "—");
    }

  return g_string_free (lines, FALSE);
}

/* An outline around a marked box and its tag at the top right. */
static void
add_change_mark (Builder                  *b,
                 const ExtopoObjectChange *change,
                 const ExtopoRect         *box,
                 double                    radius)
{
  guint32 ink;
  double w;

  if (change == NULL)
    return;
  ink = change->kind == EXTOPO_CHANGE_ADDED ? ADDED_INK : CHANGED_INK;
  set_detail (b, 0, 0, 3);
  add_rect (b, box->x - CHANGE_MARK_OUTSET, box->y - CHANGE_MARK_OUTSET,
            box->width + 2 * CHANGE_MARK_OUTSET, box->height + 2 * CHANGE_MARK_OUTSET,
            radius + CHANGE_MARK_OUTSET, NONE, ink, CHANGE_MARK_WIDTH, FALSE);
  g_array_index (b->scene->items, ExtopoSceneItem, b->scene->items->len - 1).flags =
    EXTOPO_SCENE_HAIRLINE;
  set_detail (b, TEXT_SHOWN_FROM (SMALL_SIZE), 0, 3);
  w = add_pill (b, change_tag (change), 0, 0, NONE, NONE, FALSE);
  add_pill (b, change_tag (change), box->x + box->width - w - 4,
            box->y - CHANGE_MARK_OUTSET - PILL_HEIGHT / 2, ink, WHITE, TRUE);
  set_detail (b, 0, 0, 0);
}

static const char *
frame_dn_of (const ExtopoGeoFrame *frame)
{
  if (frame->object == NULL)
    return NULL;

  return frame->kind == EXTOPO_OBJECT_ADMIN_GROUP ? ((ExtopoAdminGroup *) frame->object)->dn
                                                  : ((ExtopoRoutingGroup *) frame->object)->dn;
}

/* The servers retired from a group since the older snapshot, where they
 * were: a dashed tag at the group's bottom edge ("−2 retired: A, B"). */
static void
add_retired_tag (Builder          *b,
                 const char       *dn,
                 const ExtopoRect *box)
{
  GPtrArray *names = b->retired != NULL && dn != NULL ? g_hash_table_lookup (b->retired, dn)
                                                      : NULL;
  g_autoptr(GString) text = NULL;
  double w;

  if (names == NULL)
    return;
  text = g_string_new (NULL);
  /* Translators: on a group in a comparison: its servers retired since. */
  g_string_printf (text, ngettext ("−%u retired: ", "−%u retired: ", names->len), names->len);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (text, "%s%s", i > 0 ? ", " : "",
                            (const char *) g_ptr_array_index (names, i));
  set_detail (b, TEXT_SHOWN_FROM (SMALL_SIZE), 0, 3);
  w = MIN (text_width (b, text->str, SMALL_SIZE, TRUE) + 2 * PILL_PADDING, box->width - 16);
  add_rect (b, box->x + 8, box->y + box->height - PILL_HEIGHT / 2, w, PILL_HEIGHT,
            PILL_HEIGHT / 2, WHITE, REMOVED_INK, 1.2, TRUE);
  add_line (b, text->str, SMALL_SIZE, TRUE, MUTED_INK, box->x + 8 + PILL_PADDING,
            box->y + box->height - PILL_HEIGHT / 2 + 0.5, w - 2 * PILL_PADDING);
  set_detail (b, 0, 0, 0);
}

static ExtopoRect
to_page (Builder          *b,
         const ExtopoRect *box)
{
  ExtopoRect r = { box->x + b->dx, box->y + b->dy, box->width, box->height };

  return r;
}

static ExtopoStatus
severity_status (ExtopoSeverity severity)
{
  return severity >= EXTOPO_SEVERITY_ERROR ? EXTOPO_STATUS_ERROR
         : severity == EXTOPO_SEVERITY_WARNING ? EXTOPO_STATUS_WARNING
         : EXTOPO_STATUS_OK;
}

/* A group's title: smaller (down to 80 %) rather than cut, since group
 * names are the point of the drawing. */
static double
fit_title_size (Builder    *b,
                const char *label,
                double      size,
                double      room)
{
  double w = text_width (b, label, size, TRUE);
  double fitted;

  if (w <= room || w <= 0)
    return size;

  /* Text does not scale quite linearly: step down until it fits. */
  fitted = MAX (size * 0.8, floor (size * room / w * 10) / 10);
  while (fitted > size * 0.8 && text_width (b, label, fitted, TRUE) > room)
    fitted -= 0.1;

  return fitted;
}

static void
build_frame (Builder              *b,
             guint                 index,
             const ExtopoGeoFrame *frame)
{
  gboolean admin = frame->kind == EXTOPO_OBJECT_ADMIN_GROUP;
  ExtopoRect box = to_page (b, &frame->box);
  GPtrArray *findings = NULL;
  ExtopoSeverity severity = EXTOPO_SEVERITY_WARNING;
  guint count = 0;
  gboolean marked;
  double radius = admin ? ADMIN_RADIUS : ROUTING_RADIUS;
  double title_size = admin ? ADMIN_TITLE_SIZE : FRAME_TITLE_SIZE;
  double title_from = TEXT_SHOWN_FROM (title_size);
  double tx = box.x + FRAME_TITLE_X, ty = box.y + FRAME_TITLE_Y;
  double tags = 0, mark_width = 0, room, tag_y, x;
  const char *label = frame->label != NULL ? frame->label : "";
  guint32 border = frame->interop ? INTEROP_BORDER : admin ? ADMIN_BORDER : ROUTING_BORDER;
  guint32 title_ink = frame->interop ? INTEROP_BORDER : INK;
  guint32 fill = frame->interop ? INTEROP_FILL : admin ? ADMIN_FILL : ROUTING_FILL;
  g_autofree char *id = NULL;
  g_autofree char *classes = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *ids = NULL;
  g_autofree char *servers = g_strdup_printf ("%u", frame->n_servers);
  const char *kind = admin ? "administrative-group" : "routing-group";
  const ExtopoObjectChange *change;

  if (box.width <= 0 || box.height <= 0)
    return;

  if (b->geometry->model != NULL && frame->object != NULL)
    findings = admin ? ((ExtopoAdminGroup *) frame->object)->findings
                     : ((ExtopoRoutingGroup *) frame->object)->findings;
  marked = group_mark (findings, &severity, &count);
  ids = finding_ids (findings);

  change = change_of (b, frame_dn_of (frame));
  id = g_strdup_printf ("%s-%u", kind, index);
  classes = g_strdup_printf ("%s%s%s%s%s", kind, frame->interop ? " exchange-2007" : "",
                             frame->collapsed ? " collapsed" : "",
                             !marked ? "" : severity >= EXTOPO_SEVERITY_ERROR ? " status-error"
                                                                          : " status-warning",
                             change_class (change));
  /* Translators: a group's tooltip in an SVG export: kind, name, servers. */
  tooltip = g_strdup_printf (ngettext ("%s “%s”, %u server", "%s “%s”, %u servers",
                                       frame->n_servers),
                             admin ? _("Administrative group") : _("Routing group"),
                             label, frame->n_servers);
  {
    const char *data[] = { "kind", kind, "servers", servers, "findings", ids, NULL };

    b->object = extopo_scene_add_object (b->scene, frame->kind, frame->object, id, classes,
                                         frame->label, tooltip, data, &box);
    b->scene->frame_objects[index] = b->object;
  }

  set_detail (b, 0, 0, 0);
  add_rect (b, box.x, box.y, box.width, box.height, radius, fill,
            border, admin ? ADMIN_BORDER_WIDTH : ROUTING_BORDER_WIDTH, frame->interop);

  if (frame->collapsed)
    {
      ExtopoStatus worst = MIN (frame->worst_status, EXTOPO_STATUS_UNSUPPORTED);

      if (marked && severity_status (severity) > worst && worst != EXTOPO_STATUS_UNSUPPORTED)
        worst = severity_status (severity);
      /* A second border says "there is more inside", a bar how it is. */
      add_rect (b, box.x + COLLAPSED_INSET, box.y + COLLAPSED_INSET,
                box.width - 2 * COLLAPSED_INSET, box.height - 2 * COLLAPSED_INSET,
                radius - 2, NONE, border, 0.8, FALSE);
      add_rect (b, box.x + COLLAPSED_INSET,
                box.y + box.height - COLLAPSED_INSET - COLLAPSED_BAR - 1,
                box.width - 2 * COLLAPSED_INSET, COLLAPSED_BAR, 0, status_accent[worst], NONE, 0,
                FALSE);
    }

  /* Too far out to read the title: still say that the group has a
   * problem, as an icon; further out, as a dot of a few pixels. */
  if (marked)
    {
      ExtopoSceneItem dot = { EXTOPO_SCENE_CIRCLE, b->object, box.x + box.width, box.y,
                              -(FAR_DOT_PIXELS + 3), FAR_DOT_PIXELS + 3, FAR_DOT_PIXELS,
                              status_accent[severity_status (severity)], WHITE };

      set_detail (b, GROUP_ICON_SCALE, title_from, 0);
      add_status_icon (b, severity_status (severity), box.x + box.width - FRAME_ICON_INSET,
                       box.y + FRAME_ICON_INSET, MIN (FRAME_ICON_RADIUS, box.height / 2));
      set_detail (b, 0, GROUP_ICON_SCALE, 0);
      dot.line_width = 1;
      dot.flags = EXTOPO_SCENE_PIXEL_SIZED | EXTOPO_SCENE_OVERLAY;
      builder_add (b, &dot);
    }
  /* The title too: at a size that can be read, where the group is big
   * enough on screen to hold it. */
  if (frame->label != NULL && *frame->label != '\0')
    {
      ExtopoSceneItem far = { EXTOPO_SCENE_TEXT, b->object, box.x, box.y };
      double points = FAR_TITLE_PIXELS * 72.0 / TEXT_RESOLUTION;

      set_detail (b, 0, title_from, 0);
      far.text = frame->label;
      far.font_size = FAR_TITLE_PIXELS;
      far.bold = TRUE;
      far.fill = title_ink;
      far.stroke = FAR_TITLE_BACKING;
      far.ascent = text_ascent (b, points, TRUE);
      far.width = text_width (b, frame->label, points, TRUE);
      far.flags = EXTOPO_SCENE_PIXEL_SIZED | EXTOPO_SCENE_OVERLAY;
      builder_add (b, &far);
    }

  set_detail (b, title_from, 0, 0);
  if (frame->collapsed)
    {
      g_autofree char *text = g_strdup_printf (ngettext ("%u server", "%u servers",
                                                         frame->n_servers), frame->n_servers);

      add_status_icon (b, frame->worst_status, box.x + box.width - COLLAPSED_ICON_INSET,
                       box.y + COLLAPSED_ICON_INSET, CARD_ICON_RADIUS);
      room = box.width - 40;
      add_line (b, frame->label, fit_title_size (b, label, title_size, room), TRUE, title_ink,
                tx, ty + 4, room);
      add_line (b, text, SMALL_SIZE + 1, FALSE, MUTED_INK, tx, ty + COLLAPSED_COUNT_Y,
                box.width - 60);
      if (marked)
        add_finding_tag (b, severity, count, box.x + box.width - FRAME_TITLE_X -
                         add_finding_tag (b, severity, count, 0, 0, FALSE),
                         ty + COLLAPSED_COUNT_Y, TRUE);
      add_change_mark (b, change, &box, radius);
      add_retired_tag (b, frame_dn_of (frame), &box);
      b->object = -1;
      set_detail (b, 0, 0, 0);
      return;
    }

  /* The tags sit at the right of the title row; when the title needs the
   * whole row, they move onto the frame's top border. */
  if (marked)
    mark_width = add_finding_tag (b, severity, count, 0, 0, FALSE) + FRAME_TAG_GAP;
  tags = mark_width;
  if (frame->interop)
    tags += add_pill (b, _("Exchange 2007"), 0, 0, NONE, NONE, FALSE) + FRAME_TAG_GAP;
  room = box.width - 2 * FRAME_TITLE_X - tags;
  tag_y = ty + 1;
  if (tags > 0 && text_width (b, label, title_size, TRUE) > room)
    {
      room = box.width - 2 * FRAME_TITLE_X;
      tag_y = box.y - FRAME_TAG_LIFT;
    }
  title_size = fit_title_size (b, label, title_size, room);
  x = box.x + box.width - FRAME_TAG_RIGHT - tags;
  /* The title row over the connectors that cross the group, as the cards
   * are: the title on a patch of the group's fill, the tags opaque. */
  b->flags = EXTOPO_SCENE_OVERLAY;
  if (*label != '\0')
    add_rect (b, tx - FRAME_TITLE_BACKING_PAD, ty - 1,
              MIN (text_width (b, label, title_size, TRUE), room) + 2 * FRAME_TITLE_BACKING_PAD,
              title_size * 1.35 + 2, 2, fill, NONE, 0, FALSE);
  if (marked)
    add_finding_tag (b, severity, count, x, tag_y, TRUE);
  if (frame->interop)
    {
      set_detail (b, MAX (title_from, DETAIL_SCALE), 0, 0);
      add_pill (b, _("Exchange 2007"), x + mark_width, tag_y + 0.5, INTEROP_BORDER, WHITE, TRUE);
      set_detail (b, title_from, 0, 0);
    }
  add_line (b, frame->label, title_size, TRUE, title_ink, tx,
            ty + (title_size < FRAME_TITLE_SIZE ? 1 : 0), room);
  b->flags = 0;
  add_change_mark (b, change, &box, radius);
  add_retired_tag (b, frame_dn_of (frame), &box);
  b->object = -1;
  set_detail (b, 0, 0, 0);
}

static double
measure_pill (const char *text,
              gpointer    data)
{
  return add_pill (data, text, 0, 0, NONE, NONE, FALSE);
}

/* A retired server where it was (a ghost node of a comparison): a pale
 * card with a dashed outline, its name and what it was in muted ink, and a
 * "retired" tag where a changed card has its tag. */
static void
build_ghost_server (Builder             *b,
                    guint                index,
                    const ExtopoGeoNode *node)
{
  ExtopoServer *server = node->server;
  ExtopoRect box = to_page (b, &node->box);
  g_autofree char *version = extopo_version_get_display_name (&server->version);
  g_autofree char *roles = extopo_roles_to_display_text (server->roles,
                                                         server->version.product);
  g_autofree char *id = g_strdup_printf ("server-%u", index);
  g_autofree char *tooltip = NULL;
  g_autofree char *badge = extopo_version_get_badge (&server->version);
  double name_from = TEXT_SHOWN_FROM (NAME_SIZE);
  double detail_from = MAX (name_from, DETAIL_SCALE);
  double w;

  /* Translators: a retired server's tooltip, drawn where it was: name,
   * version, roles. */
  tooltip = g_strdup_printf (_("%s\n%s\nRoles: %s\nRemoved since the older snapshot"),
                             server->name, version != NULL ? version : _("Unknown version"),
                             *roles != '\0' ? roles : _("none known"));
  {
    const char *data[] = {
      "change", "removed",
      "product", extopo_product_get_name (server->version.product),
      "version", version != NULL ? version : "", "roles", roles,
      "fqdn", server->fqdn != NULL ? server->fqdn : "", NULL
    };

    b->object = extopo_scene_add_object (b->scene, EXTOPO_OBJECT_SERVER, server, id,
                                         "server change-removed", server->name, tooltip, data,
                                         &box);
    b->scene->node_objects[index] = b->object;
  }

  set_detail (b, 0, name_from, 0);
  add_rect (b, box.x, box.y, box.width, box.height, 0, GHOST_FILL, REMOVED_INK, GHOST_LINE_WIDTH,
            TRUE);
  g_array_index (b->scene->items, ExtopoSceneItem, b->scene->items->len - 1).flags =
    EXTOPO_SCENE_HAIRLINE;
  set_detail (b, name_from, 0, 0);
  add_rect (b, box.x, box.y, box.width, box.height, CARD_RADIUS, GHOST_FILL, REMOVED_INK,
            GHOST_LINE_WIDTH, TRUE);
  set_detail (b, name_from, 0, 2);
  add_line (b, server->name, NAME_SIZE, TRUE, MUTED_INK, box.x + CARD_PADDING,
            box.y + CARD_NAME_Y, box.width - CARD_NAME_ROOM);
  /* What it was, as its badge, faded. */
  set_detail (b, detail_from, 0, 1);
  add_pill (b, badge, box.x + CARD_PADDING, box.y + CARD_BADGES_Y, WHITE, MUTED_INK, TRUE);
  set_detail (b, detail_from, 0, 2);
  if (server->fqdn != NULL)
    add_line (b, server->fqdn, SMALL_SIZE, FALSE, MUTED_INK, box.x + CARD_PADDING,
              box.y + CARD_FQDN_Y, box.width - CARD_FQDN_ROOM);
  set_detail (b, TEXT_SHOWN_FROM (SMALL_SIZE), 0, 3);
  w = add_pill (b, C_("change", "retired"), 0, 0, NONE, NONE, FALSE);
  add_pill (b, C_("change", "retired"), box.x + box.width - w - 4, box.y - PILL_HEIGHT / 2,
            REMOVED_INK, WHITE, TRUE);
  b->object = -1;
  set_detail (b, 0, 0, 0);
}

/* A server card. Zoomed out until names cannot be read it is a cell of its
 * status's colour; closer, a card with its name; closer still, with its
 * badges, status icon and FQDN. Items are layered (card, then stripe,
 * pills and icon disc, then text and marks) so that the cards of a group
 * can be drawn a layer at a time. */
static void
build_server (Builder             *b,
              guint                index,
              const ExtopoGeoNode *node)
{
  ExtopoServer *server = node->server;
  ExtopoRect box = to_page (b, &node->box);
  ExtopoStatus status = MIN (server->status, EXTOPO_STATUS_UNSUPPORTED);
  g_autofree char *badge = NULL;
  g_autofree char *classes = NULL;
  const char *status_name = extopo_status_to_string (server->status);
  double name_from = TEXT_SHOWN_FROM (NAME_SIZE);
  double detail_from = MAX (name_from, DETAIL_SCALE);
  double x = box.x + CARD_PADDING;
  double badges_y = box.y + CARD_BADGES_Y;

  const ExtopoObjectChange *change = change_of (b, server->dn);

  classes = g_strdup_printf ("server %s%s", status_class[status], change_class (change));
  if (b->screen)
    {
      /* A fifth of building 20,000 servers' scene went to these. */
      b->object = extopo_scene_add_object (b->scene, EXTOPO_OBJECT_SERVER, server, NULL, classes,
                                           server->name, NULL, NULL, &box);
    }
  else
    {
      g_autofree char *version = extopo_version_get_display_name (&server->version);
      g_autofree char *roles = extopo_roles_to_display_text (server->roles,
                                                             server->version.product);
      g_autofree char *ids = finding_ids (server->findings);
      g_autofree char *id = g_strdup_printf ("server-%u", index);
      g_autofree char *changed = change_lines (change);
      g_autofree char *tooltip = NULL;
      const char *data[] = {
        "product", extopo_product_get_name (server->version.product),
        "version", version != NULL ? version : "",
        "roles", roles, "status", status_name, "findings", ids,
        "fqdn", server->fqdn != NULL ? server->fqdn : "", NULL
      };

      /* Translators: a server's tooltip in an SVG export, one fact a line. */
      tooltip = g_strdup_printf (_("%s\n%s\nRoles: %s\nStatus: %s%s%s"), server->name,
                                 version != NULL ? version : _("Unknown version"),
                                 *roles != '\0' ? roles : _("none known"), status_name,
                                 *ids != '\0' ? "\n" : "", ids);
      if (*changed != '\0')
        {
          char *with = g_strconcat (tooltip, changed, NULL);

          g_free (tooltip);
          tooltip = with;
        }
      b->object = extopo_scene_add_object (b->scene, EXTOPO_OBJECT_SERVER, server, id, classes,
                                           server->name, tooltip, data, &box);
    }
  b->scene->node_objects[index] = b->object;

  set_detail (b, 0, name_from, 0);
  add_rect (b, box.x, box.y, box.width, box.height, 0, status_accent[status], NONE, 0, FALSE);
  set_detail (b, name_from, 0, 0);
  add_rect (b, box.x, box.y, box.width, box.height, CARD_RADIUS, status_fill[status],
            status_accent[status], 1.0, FALSE);
  set_detail (b, name_from, 0, 1);
  add_rect (b, box.x + CARD_STRIPE_X, box.y + CARD_STRIPE_INSET, CARD_STRIPE_WIDTH,
            box.height - 2 * CARD_STRIPE_INSET, 0, status_accent[status], NONE, 0, FALSE);
  set_detail (b, detail_from, 0, 1);
  add_status_icon (b, status, box.x + box.width - CARD_ICON_INSET, box.y + CARD_ICON_INSET,
                   CARD_ICON_RADIUS);
  set_detail (b, name_from, 0, 2);
  add_line (b, server->name, NAME_SIZE, TRUE, INK, box.x + CARD_PADDING, box.y + CARD_NAME_Y,
            box.width - CARD_NAME_ROOM);

  set_detail (b, detail_from, 0, 1);
  if (server->provisioned && !server->version.known)
    badge = g_strdup (C_("badge", "provisioned"));
  else
    badge = extopo_version_get_badge (&server->version);
  x += add_pill (b, badge, x, badges_y, BADGE_FILL, INK, TRUE) + BADGE_GAP;
  if (server->server_role == 1)
    x += add_pill (b, C_("badge", "FE"), x, badges_y, BADGE_FILL, MUTED_INK, TRUE) + BADGE_GAP;
  if (server->roles_known && extopo_server_is_exchange_2007 (server))
    {
      g_auto(GStrv) badges = extopo_roles_to_badges (server->roles, server->version.product);
      guint n = g_strv_length (badges);
      guint shown = extopo_badges_fit ((const char * const *) badges, x, ROLE_BADGE_GAP,
                                       box.x + box.width - 6, measure_pill, b);

      for (guint i = 0; i < shown; i++)
        x += add_pill (b, badges[i], x, badges_y, ROLE_FILL, INK, TRUE) + ROLE_BADGE_GAP;
      /* No badge cut silently: those that do not fit are counted. */
      if (shown < n)
        {
          g_autofree char *more = g_strdup_printf ("+%u", n - shown);

          add_pill (b, more, x, badges_y, BADGE_FILL, INK, TRUE);
        }
    }
  set_detail (b, detail_from, 0, 2);
  if (server->fqdn != NULL || server->site_name != NULL)
    add_line (b, server->fqdn != NULL ? server->fqdn : server->site_name, SMALL_SIZE, FALSE,
              MUTED_INK, box.x + CARD_PADDING, box.y + CARD_FQDN_Y, box.width - CARD_FQDN_ROOM);
  add_change_mark (b, change, &box, CARD_RADIUS);
  b->object = -1;
  set_detail (b, 0, 0, 0);
}

/* The nearest point of @edge distinct from an end, for an arrowhead's
 * direction: the last control point may sit on the tip. */
static void
direction_point (const ExtopoGeoEdge *edge,
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

static void
add_arrowhead (Builder *b,
               double   tip_x,
               double   tip_y,
               double   from_x,
               double   from_y)
{
  guint start = b->scene->path->len;
  double c[4];

  if (!extopo_style_arrowhead (tip_x, tip_y, from_x, from_y, c))
    return;
  path_op (b, EXTOPO_SCENE_MOVE, 2, tip_x, tip_y);
  path_op (b, EXTOPO_SCENE_LINE, 2, c[0], c[1]);
  path_op (b, EXTOPO_SCENE_LINE, 2, c[2], c[3]);
  path_op (b, EXTOPO_SCENE_CLOSE, 0);
  add_path (b, start, EDGE_INK, NONE, 0, FALSE);
}

static void
add_edge_arrowhead (Builder             *b,
                    const ExtopoGeoEdge *edge,
                    gboolean             at_end)
{
  guint tip = at_end ? edge->n_points - 1 : 0;
  double from_x, from_y;

  direction_point (edge, at_end, &from_x, &from_y);
  add_arrowhead (b, edge->points[2 * tip] + b->dx, edge->points[2 * tip + 1] + b->dy,
                 from_x + b->dx, from_y + b->dy);
}

/* TRUE when a label box would cover a group's title row. */
static gboolean
label_covers_title (Builder          *b,
                    const ExtopoRect *label)
{
  g_array_set_size (b->scratch, 0);
  extopo_geometry_query_frames (b->geometry, label, b->scratch);
  for (guint i = 0; i < b->scratch->len; i++)
    {
      const ExtopoGeoFrame *frame = &g_array_index (b->geometry->frames, ExtopoGeoFrame,
                                                    g_array_index (b->scratch, guint, i));

      if (extopo_rect_intersects (label, &frame->label_box))
        return TRUE;
    }

  return FALSE;
}

/* Keeps a connector's label off the groups' titles: when its place covers
 * one, the label slides along the edge to the nearest free spot. In the
 * geometry's coordinates. */
static void
place_edge_label (Builder             *b,
                  const ExtopoGeoEdge *edge,
                  double               w,
                  double               h,
                  double              *x,
                  double              *y)
{
  ExtopoRect label = { *x - w / 2, *y - h / 2, w, h };

  if (edge->n_points < 4 || b->geometry->frames->len == 0 || !label_covers_title (b, &label))
    return;

  for (guint step = 1; step <= 8; step++)
    for (int side = -1; side <= 1; side += 2)
      {
        extopo_bezier_path_point_at (edge->points, edge->n_points, 0.5 + side * step * 0.05,
                                     &label.x, &label.y);
        label.x -= w / 2;
        label.y -= h / 2;
        if (!label_covers_title (b, &label))
          {
            *x = label.x + w / 2;
            *y = label.y + h / 2;
            return;
          }
      }
}

static void
build_edge (Builder             *b,
            guint                index,
            const ExtopoGeoEdge *edge)
{
  ExtopoConnector *connector = edge->connection != NULL ? edge->connection->forward : NULL;
  ExtopoRect extent = to_page (b, &edge->extent);
  guint start = b->scene->path->len;
  double *p = edge->points;
  g_autofree char *id = g_strdup_printf ("connector-%u", index);
  g_autofree char *classes = NULL;
  g_autofree char *ids = finding_ids (connector != NULL ? connector->findings : NULL);
  g_autofree char *cost = connector != NULL ? g_strdup_printf ("%u", connector->cost) : NULL;
  const char *type = connector != NULL ? extopo_connector_type_to_string (connector->type) : "";
  const ExtopoObjectChange *change;

  if (edge->n_points < 2)
    return;

  change = change_of (b, connector != NULL ? connector->dn : NULL);
  classes = g_strdup_printf ("connector %s%s%s", type,
                             edge->arrow_at_start && edge->arrow_at_end ? " two-way" : "",
                             change_class (change));
  {
    const char *data[] = {
      "type", type, "cost", cost != NULL ? cost : "",
      "label", edge->label != NULL ? edge->label : "", "findings", ids, NULL
    };

    b->object = extopo_scene_add_object (b->scene, EXTOPO_OBJECT_CONNECTOR, edge->connection, id,
                                         classes, connector != NULL ? connector->name : NULL,
                                         edge->label, data, &extent);
    b->scene->edge_objects[index] = b->object;
  }
  {
    ExtopoSceneObject *o = &g_array_index (b->scene->objects, ExtopoSceneObject, b->object);

    /* Frames come before edges, so those in the scene are known. */
    o->ends[0] = edge->tail_frame >= 0 ? b->scene->frame_objects[edge->tail_frame] : -1;
    o->ends[1] = edge->head_frame >= 0 ? b->scene->frame_objects[edge->head_frame] : -1;
  }

  set_detail (b, 0, 0, 0);
  path_op (b, EXTOPO_SCENE_MOVE, 2, p[0] + b->dx, p[1] + b->dy);
  for (guint k = 1; k + 2 < edge->n_points; k += 3)
    path_op (b, EXTOPO_SCENE_CURVE, 6, p[2 * k] + b->dx, p[2 * k + 1] + b->dy,
             p[2 * k + 2] + b->dx, p[2 * k + 3] + b->dy, p[2 * k + 4] + b->dx,
             p[2 * k + 5] + b->dy);
  add_path (b, start, NONE, EDGE_INK, EDGE_WIDTH, FALSE);
  g_array_index (b->scene->items, ExtopoSceneItem, b->scene->items->len - 1).flags =
    EXTOPO_SCENE_CONNECTOR | EXTOPO_SCENE_HAIRLINE;
  /* Added or changed: the line again, wider, in the change's colour. */
  if (change != NULL)
    {
      ExtopoSceneItem mark = g_array_index (b->scene->items, ExtopoSceneItem,
                                            b->scene->items->len - 1);

      mark.stroke = change->kind == EXTOPO_CHANGE_ADDED ? ADDED_INK : CHANGED_INK;
      mark.line_width = CHANGE_MARK_WIDTH;
      mark.round_caps = TRUE;
      mark.flags = EXTOPO_SCENE_HAIRLINE;
      builder_add (b, &mark);
    }

  set_detail (b, PLAIN_EDGE_SCALE, 0, 0);
  if (edge->arrow_at_end)
    add_edge_arrowhead (b, edge, TRUE);
  if (edge->arrow_at_start)
    add_edge_arrowhead (b, edge, FALSE);

  if (edge->label != NULL)
    {
      double name_from = TEXT_SHOWN_FROM (NAME_SIZE);
      double w = text_width (b, edge->label, SMALL_SIZE, FALSE) + 2 * EDGE_LABEL_PADDING;
      double h = EDGE_LABEL_HEIGHT;
      double lx = edge->label_x, ly = edge->label_y;
      ExtopoSceneItem dot = { EXTOPO_SCENE_CIRCLE, b->object, lx + b->dx, ly + b->dy, 0, 0, 3,
                              WHITE, EDGE_INK };

      /* Labels go with the server names: an arrow never ends in nothing
       * where names are read. Further out, a dot marks where it is, as
       * long as connectors have their arrowheads. */
      set_detail (b, PLAIN_EDGE_SCALE, name_from, 0);
      dot.line_width = 1;
      dot.flags = EXTOPO_SCENE_PIXEL_SIZED;
      builder_add (b, &dot);

      set_detail (b, name_from, 0, 0);
      place_edge_label (b, edge, w, h, &lx, &ly);
      lx += b->dx;
      ly += b->dy;
      add_rect (b, lx - w / 2, ly - h / 2, w, h, h / 2, WHITE, EDGE_INK, 0.8, FALSE);
      add_text (b, edge->label, SMALL_SIZE, FALSE, INK, lx - w / 2 + EDGE_LABEL_PADDING,
                ly - h / 2 + 1);
    }
  b->object = -1;
  set_detail (b, 0, 0, 0);
}

/* When a drawing is made: now, or SOURCE_DATE_EPOCH (seconds since 1970,
 * in UTC) when set, as reproducible builds have it, so that two exports of
 * one organization are the same file. */
static GDateTime *
drawn_at (void)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  guint64 seconds;

  if (epoch != NULL && g_ascii_string_to_unsigned (epoch, 10, 0, G_MAXINT64, &seconds, NULL))
    return g_date_time_new_from_unix_utc ((gint64) seconds);

  return g_date_time_new_now_local ();
}

char *
extopo_scene_date_line (ExtopoModel *model)
{
  g_autoptr(GDateTime) now = drawn_at ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d %H:%M");
  guint servers, routing, admin, connectors;
  g_autofree char *s = NULL;
  g_autofree char *r = NULL;
  g_autofree char *a = NULL;
  g_autofree char *c = NULL;
  g_autofree char *counts = NULL;

  if (model == NULL)
    /* TRANSLATORS: the date line of the title block */
    return g_strdup_printf (_("Drawn %s"), date);

  servers = extopo_model_get_servers (model)->len;
  routing = extopo_model_get_routing_groups (model)->len;
  admin = extopo_model_get_admin_groups (model)->len;
  connectors = extopo_model_get_connectors (model)->len;
  s = g_strdup_printf (ngettext ("%u server", "%u servers", servers), servers);
  r = g_strdup_printf (ngettext ("%u routing group", "%u routing groups", routing), routing);
  a = g_strdup_printf (ngettext ("%u administrative group", "%u administrative groups", admin),
                       admin);
  c = g_strdup_printf (ngettext ("%u connector", "%u connectors", connectors), connectors);
  /* TRANSLATORS: the counts line of the title block */
  counts = g_strdup_printf (_("%s · %s · %s · %s"), s, r, a, c);

  /* TRANSLATORS: the date line of the title block: date, then counts */
  return g_strdup_printf (_("Drawn %s · %s"), date, counts);
}

/* Whether @change is a server retired with no card where it was (its
 * group is gone too, or drawn collapsed): the title block shows those. */
static gboolean
is_ghost_of_title (Builder                  *b,
                   const ExtopoObjectChange *change)
{
  return change->kind == EXTOPO_CHANGE_REMOVED &&
         (b->ghosts == NULL || !g_hash_table_contains (b->ghosts, change->dn));
}

/* A comparison in the title block: what changed, a key to the marks, and
 * the servers removed since the older snapshot that have no card where
 * they were, as ghosts. Returns its
 * height. */
static double
build_changes (Builder               *b,
               const ExtopoChangeSet *set,
               double                 x,
               double                 y,
               double                 inner,
               gboolean               paint)
{
  g_autofree char *summary = extopo_change_set_summary (set);
  const struct
  {
    const char *label;
    guint32     ink;
    gboolean    dashed;
  } keys[] = {
    { C_("change", "Added"), ADDED_INK, FALSE },
    { C_("change", "Changed"), CHANGED_INK, FALSE },
    { C_("change", "Removed"), REMOVED_INK, TRUE },
  };
  double height = 4, kx = x + 20, gx = x + 20, gy;
  guint n_removed = 0, index = 0;

  height += add_paragraph (b, summary, 10, TRUE, CHANGED_INK, x + 20, y + height, inner - 20,
                           paint) + 6;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      if (paint)
        {
          add_rect (b, kx, y + height + 1, 18, 11, 3, NONE, keys[i].ink, CHANGE_MARK_WIDTH,
                    keys[i].dashed);
          add_text (b, keys[i].label, SMALL_SIZE + 1, FALSE, INK, kx + 24, y + height);
        }
      kx += 24 + text_width (b, keys[i].label, SMALL_SIZE + 1, FALSE) + 18;
    }
  height += 18;

  for (guint i = 0; i < set->servers->len; i++)
    n_removed += is_ghost_of_title (b, g_ptr_array_index (set->servers, i));
  if (n_removed == 0)
    return height;

  gy = y + height;
  for (guint i = 0; i < set->servers->len; i++)
    {
      const ExtopoObjectChange *change = g_ptr_array_index (set->servers, i);
      ExtopoRect box;

      if (!is_ghost_of_title (b, change))
        continue;
      if (gx + GHOST_WIDTH > x + inner && gx > x + 20)
        {
          gx = x + 20;
          gy += GHOST_HEIGHT + GHOST_GAP;
        }
      box = (ExtopoRect) { gx, gy, GHOST_WIDTH, GHOST_HEIGHT };
      if (paint)
        {
          g_autofree char *id = g_strdup_printf ("removed-server-%u", index);
          g_autofree char *tooltip = NULL;
          const char *data[] = { "change", "removed", "product",
                                 change->detail != NULL ? change->detail : "", NULL };
          guint object;

          /* Translators: a removed server's tooltip: name, what it was. */
          tooltip = g_strdup_printf (_("%s\n%s\nRemoved since the older snapshot"),
                                     change->name, change->detail != NULL ? change->detail : "");
          b->object = extopo_scene_add_object (b->scene, EXTOPO_OBJECT_SERVER, NULL, id,
                                               "server change-removed", change->name, tooltip,
                                               data, &box);
          object = (guint) b->object;
          g_array_append_val (b->scene->extra_objects, object);
          add_rect (b, box.x, box.y, box.width, box.height, CARD_RADIUS, RGB (0.97, 0.97, 0.97),
                    REMOVED_INK, 1.2, TRUE);
          add_line (b, change->name, NAME_SIZE, TRUE, MUTED_INK, box.x + CARD_PADDING,
                    box.y + 3, box.width - 2 * CARD_PADDING);
          add_line (b, change->detail, SMALL_SIZE, FALSE, MUTED_INK, box.x + CARD_PADDING,
                    box.y + 17, box.width - 2 * CARD_PADDING);
          b->object = -1;
        }
      gx += GHOST_WIDTH + GHOST_GAP;
      index++;
    }

  return gy + GHOST_HEIGHT + GHOST_GAP - y;
}

/* The title block: title, source, date and counts, then the readiness
 * with its reasons. Returns its height. */
static double
build_title (Builder  *b,
             double    width,
             gboolean  paint)
{
  const ExtopoRenderOptions *options = b->options;
  ExtopoModel *model = b->geometry->model;
  const char *title = options->title != NULL ? options->title
                                             : _("Exchange organization topology");
  const char *subtitle = options->subtitle;
  g_autofree char *line = extopo_scene_date_line (model);
  double x = PAGE_MARGIN, y = PAGE_MARGIN, inner = width - 2 * PAGE_MARGIN;
  double height = TITLE_HEIGHT;

  if (subtitle == NULL && model != NULL && options->show_source)
    subtitle = extopo_model_get_source_name (model);

  if (paint)
    {
      add_line (b, title, 18, TRUE, INK, x, y, inner);
      add_line (b, subtitle, 11, FALSE, MUTED_INK, x, y + 26, inner);
      add_line (b, line, 9, FALSE, MUTED_INK, x, y + 44, inner);
    }

  if (model != NULL)
    {
      ExtopoReadiness readiness = { 0 };
      ExtopoStatus status;

      extopo_readiness_compute (model, &readiness);
      status = MIN (extopo_readiness_get_status (&readiness), EXTOPO_STATUS_UNSUPPORTED);
      if (paint)
        add_status_icon (b, status, x + 7, y + height + 7, 7);
      height += MAX (20, add_paragraph (b, readiness.summary, 10, TRUE, status_accent[status],
                                        x + 20, y + height, inner - 20, paint) + 6);
      if (readiness.reasons != NULL)
        {
          g_auto(GStrv) reasons = g_strsplit (readiness.reasons, "\n", -1);
          guint n = g_strv_length (reasons);

          for (guint i = 0; i < MIN (n, TITLE_MAX_REASONS); i++)
            {
              g_autofree char *bullet = g_strdup_printf (_("• %s"), reasons[i]);

              height += add_paragraph (b, bullet, SMALL_SIZE + 1, FALSE, INK, x + 20,
                                       y + height, inner - 20, paint) + 2;
            }
          if (n > TITLE_MAX_REASONS)
            {
              g_autofree char *more =
                g_strdup_printf (ngettext ("… and %u more reason: see the findings report.",
                                           "… and %u more reasons: see the findings report.",
                                           n - TITLE_MAX_REASONS), n - TITLE_MAX_REASONS);

              height += add_paragraph (b, more, SMALL_SIZE + 1, FALSE, INK, x + 20, y + height,
                                       inner - 20, paint) + 2;
            }
          height += 2;
        }
      extopo_readiness_clear (&readiness);
    }

  if (options->changes != NULL)
    height += build_changes (b, options->changes, x, y + height, inner, paint);

  if (paint)
    {
      guint start = b->scene->path->len;

      path_op (b, EXTOPO_SCENE_MOVE, 2, x, y + height + PAGE_GAP / 2);
      path_op (b, EXTOPO_SCENE_LINE, 2, width - PAGE_MARGIN, y + height + PAGE_GAP / 2);
      add_path (b, start, NONE, ROUTING_BORDER, 0.8, FALSE);
    }

  return height;
}

/* The legend, measured (@paint FALSE) or built; returns its height. */
static double
build_legend (Builder  *b,
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
  static const ExtopoRoles roles[] = {
    EXTOPO_ROLE_MAILBOX, EXTOPO_ROLE_CLIENT_ACCESS, EXTOPO_ROLE_UNIFIED_MESSAGING,
    EXTOPO_ROLE_HUB_TRANSPORT, EXTOPO_ROLE_EDGE_TRANSPORT,
  };
  static const struct
  {
    const char *label;
    gboolean    admin;
    gboolean    interop;
  } groups[] = {
    { N_("Administrative group"), TRUE, FALSE },
    { N_("Routing group"), FALSE, FALSE },
    { N_("Exchange 2007 group"), FALSE, TRUE },
  };
  double x = x0 + LEGEND_PADDING, y = y0 + LEGEND_PADDING;
  double inner = LEGEND_WIDTH - 2 * LEGEND_PADDING;
  double badge_x, sym_x;
  double tag;

  /* The badge and symbol columns are as wide as their widest item. */
  badge_x = add_pill (b, "2003 SP2", 0, 0, BADGE_FILL, INK, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    badge_x = MAX (badge_x, add_pill (b, extopo_role_get_badge (roles[i]), 0, 0, ROLE_FILL, INK,
                                      FALSE));
  badge_x = x + badge_x + 8;
  sym_x = x + MAX (40, add_pill (b, _("cost 1"), 0, 0, WHITE, INK, FALSE)) + 8;

  if (paint)
    add_rect (b, x0, y0, LEGEND_WIDTH, build_legend (b, x0, y0, FALSE), 6, WHITE,
              ROUTING_BORDER, 0.8, FALSE);

#define HEADING(text) G_STMT_START { \
    if (paint) \
    add_line (b, (text), FRAME_TITLE_SIZE, TRUE, INK, x, y, inner); \
    y += 18; \
} G_STMT_END
#define ROW(text, tx, ty, step) \
  MAX ((step), add_paragraph (b, (text), SMALL_SIZE + 1, FALSE, INK, (tx), (ty), \
                              inner - ((tx) - x), paint) + 4)

  HEADING (_("Legend"));
  HEADING (_("Server status"));
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      if (paint)
        {
          add_rect (b, x, y, 26, 14, 3, status_fill[statuses[i].status],
                    status_accent[statuses[i].status], 1, FALSE);
          add_status_icon (b, statuses[i].status, x + 19, y + 7, 5);
        }
      y += ROW (_(statuses[i].label), x + 34, y, 18);
    }
  y += 6;

  HEADING (_("Badges"));
  add_pill (b, "2003 SP2", x, y, BADGE_FILL, INK, paint);
  y += ROW (_("Exchange version and service pack"), badge_x, y, 17);
  add_pill (b, C_("badge", "FE"), x, y, BADGE_FILL, MUTED_INK, paint);
  y += ROW (_("Exchange 2003 front-end server"), badge_x, y, 17);
  if (paint)
    add_line (b, _("Exchange 2007 server roles:"), SMALL_SIZE + 1, FALSE, MUTED_INK, x, y, inner);
  y += 15;
  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      add_pill (b, extopo_role_get_badge (roles[i]), x, y, ROLE_FILL, INK, paint);
      y += ROW (extopo_role_get_display_name (roles[i]), badge_x, y, 17);
    }
  y += 6;

  HEADING (_("Groups"));
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    {
      if (paint)
        add_rect (b, x, y, 40, 16, groups[i].admin ? 6 : 5,
                  groups[i].interop ? INTEROP_FILL : groups[i].admin ? ADMIN_FILL : ROUTING_FILL,
                  groups[i].interop ? INTEROP_BORDER
                  : groups[i].admin ? ADMIN_BORDER : ROUTING_BORDER,
                  groups[i].admin ? 2.0 : 1.2, groups[i].interop);
      y += ROW (_(groups[i].label), sym_x, y + 2, 22);
    }
  tag = add_finding_tag (b, EXTOPO_SEVERITY_ERROR, 1, x, y, paint);
  y += MAX (20, add_paragraph (b, _("Findings on the group itself (worst kind, how many)"),
                               SMALL_SIZE + 1, FALSE, INK, x + tag + 8, y, inner - tag - 8,
                               paint) + 4);
  y += add_paragraph (b, _("Exchange 2007 setup creates “Exchange Administrative Group "
                           "(FYDIBOHF23SPDLT)” and “Exchange Routing Group (DWBGZMFD01QNBJR)” "
                           "to hold every Exchange 2007 server. The codes are “EXCHANGE12ROCKS” "
                           "with each letter shifted by +1 and by −1. Do not edit these groups "
                           "with Exchange System Manager: manage Exchange 2007 servers with the "
                           "Exchange Management Console or Shell."),
                      SMALL_SIZE + 1, FALSE, INK, x, y, inner, paint) + 10;

  HEADING (_("Connectors"));
  for (int two_way = 0; two_way <= 1; two_way++)
    {
      if (paint)
        {
          guint start = b->scene->path->len;

          path_op (b, EXTOPO_SCENE_MOVE, 2, x, y + 7);
          path_op (b, EXTOPO_SCENE_LINE, 2, x + 40, y + 7);
          add_path (b, start, NONE, EDGE_INK, 1.3, FALSE);
          add_arrowhead (b, x + 40, y + 7, x, y + 7);
          if (two_way)
            add_arrowhead (b, x, y + 7, x + 40, y + 7);
        }
      y += ROW (two_way ? _("Two-way (a reciprocal pair)") : _("One-way connector"), sym_x,
                y + 1, 20);
    }
  if (paint)
    {
      double w = text_width (b, _("cost 1"), SMALL_SIZE, FALSE) + 10;

      add_rect (b, x, y, w, 12, 6, WHITE, EDGE_INK, 0.8, FALSE);
      add_text (b, _("cost 1"), SMALL_SIZE, FALSE, INK, x + 5, y + 0.5);
    }
  y += ROW (_("Connector cost (lower is preferred)"), sym_x, y, 18);
#undef HEADING
#undef ROW

  return y + LEGEND_PADDING - y0;
}

/* @geometry may be NULL for the legend alone. Starts on a scratch scene
 * for measuring; the real one is made once the size is known. */
static void
builder_init (Builder                   *b,
              ExtopoGeometry            *geometry,
              const ExtopoRenderOptions *options)
{
  b->geometry = geometry;
  b->options = options;
  b->object = -1;
  b->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  /* Measured as the cairo renderer lays text out: a unit of the page is
   * a point, and a text's size is TEXT_RESOLUTION / 72 units per point. */
  pango_cairo_context_set_resolution (b->context, TEXT_RESOLUTION);
  b->layout = pango_layout_new (b->context);
  b->widths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  b->ascii = g_ptr_array_new_with_free_func (g_free);
  b->scene = extopo_scene_new (0, 0);
  if (options != NULL && options->changes != NULL)
    {
      const ExtopoChangeSet *set = options->changes;

      b->changes = extopo_change_set_by_dn (set);
      /* Retired servers drawn as cards where they were (the layout's ghosts),
       * then the others by the groups they were in. */
      b->ghosts = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; geometry != NULL && i < geometry->nodes->len; i++)
        {
          const ExtopoGeoNode *node = &g_array_index (geometry->nodes, ExtopoGeoNode, i);

          if (node->ghost && node->server != NULL)
            g_hash_table_add (b->ghosts, node->server->dn);
        }
      b->retired = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) g_ptr_array_unref);
      for (guint i = 0; i < set->servers->len; i++)
        {
          ExtopoObjectChange *change = g_ptr_array_index (set->servers, i);
          const char *groups[] = { change->new_routing_group_dn, change->new_admin_group_dn };

          if (change->kind != EXTOPO_CHANGE_REMOVED)
            continue;
          if (g_hash_table_contains (b->ghosts, change->dn))
            continue;
          for (guint g = 0; g < G_N_ELEMENTS (groups); g++)
            {
              GPtrArray *names;

              if (groups[g] == NULL)
                continue;
              names = g_hash_table_lookup (b->retired, groups[g]);
              if (names == NULL)
                {
                  names = g_ptr_array_new ();
                  g_hash_table_insert (b->retired, (gpointer) groups[g], names);
                }
              g_ptr_array_add (names, change->name);
            }
        }
    }
}

static void
builder_clear (Builder *b)
{
  g_clear_pointer (&b->changes, g_hash_table_unref);
  g_clear_pointer (&b->retired, g_hash_table_unref);
  g_clear_pointer (&b->ghosts, g_hash_table_unref);
  g_hash_table_unref (b->widths);
  g_ptr_array_unref (b->ascii);
  g_object_unref (b->layout);
  g_object_unref (b->context);
}

/* Frames under edges under servers, as on screen; records where the
 * geometry's objects went for extopo_scene_query(). */
static void
build_body (Builder          *b,
            const ExtopoRect *region)
{
  ExtopoGeometry *geometry = b->geometry;
  ExtopoScene *scene = b->scene;
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));

  scene->geometry = extopo_geometry_ref (geometry);
  scene->dx = b->dx;
  scene->dy = b->dy;
  scene->frame_objects = g_new (int, MAX (geometry->frames->len, 1));
  scene->edge_objects = g_new (int, MAX (geometry->edges->len, 1));
  scene->node_objects = g_new (int, MAX (geometry->nodes->len, 1));
  memset (scene->frame_objects, 0xff, sizeof (int) * MAX (geometry->frames->len, 1));
  memset (scene->edge_objects, 0xff, sizeof (int) * MAX (geometry->edges->len, 1));
  memset (scene->node_objects, 0xff, sizeof (int) * MAX (geometry->nodes->len, 1));
  b->scratch = g_array_new (FALSE, FALSE, sizeof (guint));

  extopo_geometry_query_frames (geometry, region, indices);
  for (guint k = 0; k < indices->len; k++)
    {
      guint i = g_array_index (indices, guint, k);

      build_frame (b, i, &g_array_index (geometry->frames, ExtopoGeoFrame, i));
    }
  g_array_set_size (indices, 0);
  extopo_geometry_query_edges (geometry, region, indices);
  for (guint k = 0; k < indices->len; k++)
    {
      guint i = g_array_index (indices, guint, k);

      build_edge (b, i, &g_array_index (geometry->edges, ExtopoGeoEdge, i));
    }
  g_array_set_size (indices, 0);
  extopo_geometry_query_nodes (geometry, region, indices);
  for (guint k = 0; k < indices->len; k++)
    {
      guint i = g_array_index (indices, guint, k);
      const ExtopoGeoNode *node = &g_array_index (geometry->nodes, ExtopoGeoNode, i);

      if (node->server != NULL && node->ghost)
        build_ghost_server (b, i, node);
      else if (node->server != NULL)
        build_server (b, i, node);
    }
  g_clear_pointer (&b->scratch, g_array_unref);

  /* What the screen highlights, found by the model object (a connector
   * by its connection and by either of its halves). */
  scene->by_model = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < scene->objects->len; i++)
    {
      const ExtopoSceneObject *o = &g_array_index (scene->objects, ExtopoSceneObject, i);

      if (o->object == NULL)
        continue;
      g_hash_table_insert (scene->by_model, o->object, GINT_TO_POINTER (i + 1));
      if (o->kind == EXTOPO_OBJECT_CONNECTOR)
        {
          ExtopoConnection *connection = o->object;

          if (connection->forward != NULL)
            g_hash_table_insert (scene->by_model, connection->forward, GINT_TO_POINTER (i + 1));
          if (connection->reverse != NULL)
            g_hash_table_insert (scene->by_model, connection->reverse, GINT_TO_POINTER (i + 1));
        }
    }
}

ExtopoScene *
extopo_scene_build (ExtopoGeometry            *geometry,
                    const ExtopoRenderOptions *options)
{
  ExtopoRenderOptions defaults;
  Builder b = { 0 };
  ExtopoRect region;
  double width, height, top, legend_height = 0, title_height = 0;

  g_return_val_if_fail (geometry != NULL, NULL);

  if (options == NULL)
    {
      extopo_render_options_init (&defaults);
      options = &defaults;
    }

  builder_init (&b, geometry, options);

  region = geometry->bounds;
  if (options->visible != NULL)
    {
      const ExtopoRect *v = options->visible;
      double x1 = MAX (v->x, region.x), y1 = MAX (v->y, region.y);
      double x2 = MIN (v->x + v->width, region.x + region.width);
      double y2 = MIN (v->y + v->height, region.y + region.height);

      region = (ExtopoRect) { x1, y1, MAX (0, x2 - x1), MAX (0, y2 - y1) };
    }

  if (options->show_legend)
    legend_height = build_legend (&b, 0, 0, FALSE);
  width = 2 * PAGE_MARGIN + region.width + (options->show_legend ? PAGE_GAP + LEGEND_WIDTH : 0);
  if (options->show_title)
    width = MAX (width, PAGE_MIN_WIDTH);
  width = ceil (width);
  if (options->show_title)
    title_height = build_title (&b, width, FALSE) + PAGE_GAP;
  height = ceil (2 * PAGE_MARGIN + MAX (region.height, legend_height) + title_height);

  extopo_scene_free (b.scene);
  b.scene = extopo_scene_new (width, height);
  b.scene->title = g_strdup (options->title != NULL ? options->title
                                                    : _("Exchange organization topology"));

  add_rect (&b, 0, 0, width, height, 0, WHITE, NONE, 0, FALSE);
  top = PAGE_MARGIN;
  if (options->show_title)
    top += build_title (&b, width, TRUE) + PAGE_GAP;
  b.dx = round (PAGE_MARGIN - region.x);
  b.dy = round (top - region.y);
  b.scene->diagram = (ExtopoRect) { region.x + b.dx, region.y + b.dy, region.width,
                                    region.height };

  build_body (&b, &region);

  if (options->show_legend)
    build_legend (&b, PAGE_MARGIN + region.width + PAGE_GAP, top, TRUE);

  builder_clear (&b);

  return b.scene;
}

ExtopoScene *
extopo_scene_build_diagram (ExtopoGeometry *geometry)
{
  return extopo_scene_build_compared (geometry, NULL);
}

ExtopoScene *
extopo_scene_build_compared (ExtopoGeometry                *geometry,
                             const struct _ExtopoChangeSet *changes)
{
  ExtopoRenderOptions options;
  Builder b = { 0 };
  const ExtopoRect *bounds;

  g_return_val_if_fail (geometry != NULL, NULL);

  extopo_render_options_init (&options);
  options.show_title = FALSE;
  options.show_legend = FALSE;
  options.changes = changes;
  builder_init (&b, geometry, &options);
  b.screen = TRUE;
  bounds = &geometry->bounds;
  extopo_scene_free (b.scene);
  b.scene = extopo_scene_new (bounds->x + bounds->width, bounds->y + bounds->height);
  scene_reserve (b.scene, geometry);
  b.scene->title = g_strdup (_("Exchange organization topology"));
  b.scene->diagram = *bounds;
  build_body (&b, bounds);
  builder_clear (&b);

  return b.scene;
}

ExtopoScene *
extopo_scene_build_title (ExtopoGeometry            *geometry,
                          const ExtopoRenderOptions *options,
                          double                     width)
{
  ExtopoRenderOptions defaults;
  Builder b = { 0 };
  double height;

  g_return_val_if_fail (geometry != NULL, NULL);

  if (options == NULL)
    {
      extopo_render_options_init (&defaults);
      options = &defaults;
    }
  builder_init (&b, geometry, options);
  height = build_title (&b, width, FALSE);
  extopo_scene_free (b.scene);
  b.scene = extopo_scene_new (width, height);
  build_title (&b, width, TRUE);
  builder_clear (&b);

  return b.scene;
}

ExtopoScene *
extopo_scene_build_legend (void)
{
  ExtopoRenderOptions options;
  Builder b = { 0 };
  double height;

  extopo_render_options_init (&options);
  builder_init (&b, NULL, &options);
  height = build_legend (&b, 0, 0, FALSE);
  extopo_scene_free (b.scene);
  b.scene = extopo_scene_new (LEGEND_WIDTH, height);
  build_legend (&b, 0, 0, TRUE);
  builder_clear (&b);

  return b.scene;
}

guint
extopo_badges_fit (const char * const   *badges,
                   double                x,
                   double                gap,
                   double                limit,
                   ExtopoBadgeWidthFunc  measure,
                   gpointer              data)
{
  guint n = badges != NULL ? g_strv_length ((char **) badges) : 0;

  for (guint i = 0; i < n; i++)
    {
      double w = measure (badges[i], data);
      double rest = 0;

      if (i + 1 < n)
        {
          g_autofree char *count = g_strdup_printf ("+%u", n - i - 1);

          rest = gap + measure (count, data);
        }
      if (x + w + rest > limit)
        return i;
      x += w + gap;
    }

  return n;
}
