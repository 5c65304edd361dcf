/* extopo-svg-writer.c: a scene as SVG with real text.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-svg-writer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "extopo-svg-writer.h"

/* Handed to the stream once the buffer holds this much. */
#define FLUSH_SIZE (1 << 20)

typedef struct
{
  GString  *out;
  FILE     *stream;
  gboolean  failed;
} Writer;

static void
flush (Writer *w)
{
  if (w->stream == NULL || w->out->len == 0)
    return;
  if (!w->failed && fwrite (w->out->str, 1, w->out->len, w->stream) != w->out->len)
    w->failed = TRUE;
  g_string_truncate (w->out, 0);
}

/* Character data and attribute values: the five XML specials escaped, and
 * what XML 1.0 forbids (controls other than tab, newline and return)
 * replaced by U+FFFD, so that any name still gives well-formed XML. */
void
extopo_markup_append_escaped (GString    *out,
                              const char *text)
{
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '&':
          g_string_append (out, "&amp;");
          break;
        case '<':
          g_string_append (out, "&lt;");
          break;
        case '>':
          g_string_append (out, "&gt;");
          break;
        case '"':
          g_string_append (out, "&quot;");
          break;
        case '\'':
          g_string_append (out, "&apos;");
          break;
        case '\t':
        case '\n':
        case '\r':
          g_string_append_printf (out, "&#%u;", c);
          break;
        default:
          if (c < 0x20 || c == 0x7f)
            g_string_append (out, "\xef\xbf\xbd");
          else
            g_string_append_c (out, c);
          break;
        }
    }
}

static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* Two decimals are a hundredth of a point; whole numbers without them. */
  g_ascii_formatd (buffer, sizeof buffer, "%.2f", value);
  if (g_str_has_suffix (buffer, ".00"))
    buffer[strlen (buffer) - 3] = '\0';
  g_string_append (out, buffer);
}

static void
append_attr_number (GString    *out,
                    const char *name,
                    double      value)
{
  g_string_append_printf (out, " %s=\"", name);
  append_number (out, value);
  g_string_append_c (out, '"');
}

static void
append_paint (GString    *out,
              const char *name,
              guint32     rgba)
{
  if ((rgba & 0xff) == 0)
    {
      g_string_append_printf (out, " %s=\"none\"", name);
      return;
    }
  g_string_append_printf (out, " %s=\"#%06x\"", name, rgba >> 8);
  if ((rgba & 0xff) != 0xff)
    g_string_append_printf (out, " %s-opacity=\"%.2f\"", name, (rgba & 0xff) / 255.0);
}

static void
append_stroke (GString               *out,
               const ExtopoSceneItem *item)
{
  /* No stroke is SVG's default, and no group of the file sets one: a
   * tenth of the items of a big diagram need not say so. */
  if ((item->stroke & 0xff) == 0)
    return;
  append_paint (out, "stroke", item->stroke);
  append_attr_number (out, "stroke-width", item->line_width);
  if (item->dashed)
    g_string_append (out, " stroke-dasharray=\"6 3\"");
  if (item->round_caps)
    g_string_append (out, " stroke-linecap=\"round\" stroke-linejoin=\"round\"");
}

static void
append_path_data (GString               *out,
                  const ExtopoScene     *scene,
                  const ExtopoSceneItem *item)
{
  const double *p = &g_array_index (scene->path, double, item->path_start);
  const double *end = p + item->path_length;

  while (p < end)
    {
      int op = (int) *p++;
      int n = op == (int) EXTOPO_SCENE_CURVE ? 6 : op == (int) EXTOPO_SCENE_CLOSE ? 0 : 2;

      g_string_append_c (out, "MLCZ"[CLAMP (op, 0, 3)]);
      for (int i = 0; i < n && p < end; i++)
        {
          if (i > 0)
            g_string_append_c (out, ' ');
          append_number (out, *p++);
        }
    }
}

static void
write_item (Writer                *w,
            const ExtopoScene     *scene,
            const ExtopoSceneItem *item)
{
  GString *out = w->out;

  switch (item->kind)
    {
    case EXTOPO_SCENE_RECT:
      g_string_append (out, "<rect");
      append_attr_number (out, "x", item->x);
      append_attr_number (out, "y", item->y);
      append_attr_number (out, "width", item->width);
      append_attr_number (out, "height", item->height);
      if (item->radius > 0)
        append_attr_number (out, "rx", item->radius);
      append_paint (out, "fill", item->fill);
      append_stroke (out, item);
      g_string_append (out, "/>\n");
      break;

    case EXTOPO_SCENE_CIRCLE:
      g_string_append (out, "<circle");
      append_attr_number (out, "cx", item->x);
      append_attr_number (out, "cy", item->y);
      append_attr_number (out, "r", item->radius);
      append_paint (out, "fill", item->fill);
      append_stroke (out, item);
      g_string_append (out, "/>\n");
      break;

    case EXTOPO_SCENE_PATH:
      g_string_append (out, "<path d=\"");
      append_path_data (out, scene, item);
      g_string_append_c (out, '"');
      append_paint (out, "fill", item->fill);
      append_stroke (out, item);
      g_string_append (out, "/>\n");
      break;

    case EXTOPO_SCENE_TEXT:
    default:
      g_string_append (out, "<text");
      append_attr_number (out, "x", item->x);
      append_attr_number (out, "y", item->y + item->ascent);
      append_attr_number (out, "font-size", item->font_size);
      if (item->bold)
        g_string_append (out, " font-weight=\"bold\"");
      append_paint (out, "fill", item->fill);
      g_string_append_c (out, '>');
      extopo_markup_append_escaped (out, item->text);
      g_string_append (out, "</text>\n");
      break;
    }
}

/* An object's group: its id, classes, data and tooltip. Its @overlay
 * part (drawn over every object) only names the object it belongs to:
 * thousands of groups each have one, and the file stays small. */
static void
open_group (Writer                  *w,
            const ExtopoSceneObject *object,
            gboolean                 overlay)
{
  GString *out = w->out;

  if (overlay)
    {
      g_string_append (out, "<g data-of=\"");
      extopo_markup_append_escaped (out, object->id);
      g_string_append (out, "\">\n");
      return;
    }
  g_string_append (out, "<g id=\"");
  extopo_markup_append_escaped (out, object->id);
  g_string_append (out, "\" class=\"");
  extopo_markup_append_escaped (out, object->classes);
  g_string_append_c (out, '"');
  for (guint i = 0; object->data != NULL && object->data[i] != NULL &&
       object->data[i + 1] != NULL; i += 2)
    {
      g_string_append_printf (out, " data-%s=\"", object->data[i]);
      extopo_markup_append_escaped (out, object->data[i + 1]);
      g_string_append_c (out, '"');
    }
  if (object->name != NULL)
    {
      g_string_append (out, " data-name=\"");
      extopo_markup_append_escaped (out, object->name);
      g_string_append_c (out, '"');
    }
  g_string_append (out, ">\n<title>");
  extopo_markup_append_escaped (out, object->tooltip != NULL ? object->tooltip : object->name);
  g_string_append (out, "</title>\n");
}

/* Writes @item in its object's group (or its @overlay part), closing the
 * group open (*@open) when it is another object's. */
static void
write_grouped (Writer                *w,
               ExtopoScene           *scene,
               const ExtopoSceneItem *item,
               int                   *open,
               gboolean               overlay)
{
  if (item->object != *open)
    {
      if (*open >= 0)
        g_string_append (w->out, "</g>\n");
      *open = item->object;
      if (*open >= 0)
        open_group (w, &g_array_index (scene->objects, ExtopoSceneObject, *open), overlay);
    }
  write_item (w, scene, item);
  if (w->out->len >= FLUSH_SIZE)
    flush (w);
}

static gboolean
write_scene (Writer      *w,
             ExtopoScene *scene,
             gboolean     document)
{
  g_autoptr(GArray) overlay = g_array_new (FALSE, FALSE, sizeof (guint));
  int open = -1;

  if (document)
    g_string_append (w->out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
  g_string_append (w->out, "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"");
  append_attr_number (w->out, "width", ceil (scene->width));
  g_string_truncate (w->out, w->out->len - 1);
  g_string_append (w->out, "pt\"");
  append_attr_number (w->out, "height", ceil (scene->height));
  g_string_truncate (w->out, w->out->len - 1);
  g_string_append (w->out, "pt\" viewBox=\"0 0 ");
  append_number (w->out, ceil (scene->width));
  g_string_append_c (w->out, ' ');
  append_number (w->out, ceil (scene->height));
  g_string_append (w->out, "\" font-family=\"" EXTOPO_SCENE_FONT_FAMILY "\" "
                   "xml:space=\"preserve\">\n<title>");
  extopo_markup_append_escaped (w->out, scene->title);
  g_string_append (w->out, "</title>\n");

  for (guint i = 0; i < scene->items->len; i++)
    {
      const ExtopoSceneItem *item = &g_array_index (scene->items, ExtopoSceneItem, i);

      /* The full drawing: a vector file zooms without levels of detail. */
      if (!extopo_scene_item_is_full (item))
        continue;
      /* Over every object, as the screen draws them (a group's title row
       * over the connectors that cross the group): written at the end. */
      if (item->flags & EXTOPO_SCENE_OVERLAY)
        {
          g_array_append_val (overlay, i);
          continue;
        }
      write_grouped (w, scene, item, &open, FALSE);
    }
  if (open >= 0)
    g_string_append (w->out, "</g>\n");
  open = -1;
  for (guint k = 0; k < overlay->len; k++)
    {
      const ExtopoSceneItem *item = &g_array_index (scene->items, ExtopoSceneItem,
                                                    g_array_index (overlay, guint, k));

      write_grouped (w, scene, item, &open, TRUE);
    }
  if (open >= 0)
    g_string_append (w->out, "</g>\n");
  g_string_append (w->out, "</svg>\n");
  flush (w);

  return !w->failed;
}

gboolean
extopo_svg_write (ExtopoScene *scene,
                  FILE        *stream)
{
  Writer w = { g_string_sized_new (FLUSH_SIZE + 4096), stream, FALSE };
  gboolean ok;

  g_return_val_if_fail (scene != NULL, FALSE);
  g_return_val_if_fail (stream != NULL, FALSE);

  ok = write_scene (&w, scene, TRUE);
  g_string_free (w.out, TRUE);

  return ok;
}

gboolean
extopo_svg_write_element (ExtopoScene *scene,
                          FILE        *stream)
{
  Writer w = { g_string_sized_new (FLUSH_SIZE + 4096), stream, FALSE };
  gboolean ok;

  g_return_val_if_fail (scene != NULL, FALSE);
  g_return_val_if_fail (stream != NULL, FALSE);

  ok = write_scene (&w, scene, FALSE);
  g_string_free (w.out, TRUE);

  return ok;
}

char *
extopo_svg_write_to_string (ExtopoScene *scene)
{
  Writer w = { g_string_sized_new (4096), NULL, FALSE };

  g_return_val_if_fail (scene != NULL, NULL);

  write_scene (&w, scene, TRUE);

  return g_string_free (w.out, FALSE);
}
