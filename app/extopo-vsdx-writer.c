/* extopo-vsdx-writer.c: the diagram as a Visio drawing (.vsdx).
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-vsdx-writer"

#include "config.h"

#include <math.h>
#include <string.h>
#include <zip.h>

#include <glib/gi18n.h>

#include "extopo-export.h"
#include "extopo-svg-writer.h"
#include "extopo-style.h"
#include "extopo-vsdx-writer.h"

#define VSDX_DEFLATE_LEVEL 3

#define POINTS_PER_INCH 72.0
#define VISIO_NS "http://schemas.microsoft.com/office/visio/2012/main"
#define REL_NS   "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define PKG_NS   "http://schemas.openxmlformats.org/package/2006/relationships"
#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

static void
append_inches (GString *out,
               double   points)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.4f",
                                         points / POINTS_PER_INCH));
}

static void
cell (GString    *out,
      const char *name,
      double      points)
{
  g_string_append_printf (out, "<Cell N=\"%s\" V=\"", name);
  append_inches (out, points);
  g_string_append (out, "\"/>");
}

static void
colour_cell (GString    *out,
             const char *name,
             guint32     rgba)
{
  g_string_append_printf (out, "<Cell N=\"%s\" V=\"#%06x\"/>", name, rgba >> 8);
}

/* The object's texts, one line each, as they read on the card. */
static char *
object_text (ExtopoScene *scene,
             int          object,
             guint        from)
{
  GString *text = g_string_new (NULL);
  double line_y = -1;

  for (guint i = from; i < scene->items->len; i++)
    {
      const ExtopoSceneItem *item = &g_array_index (scene->items, ExtopoSceneItem, i);

      if (item->object != object)
        break;
      if (item->kind != EXTOPO_SCENE_TEXT || !extopo_scene_item_is_full (item))
        continue;
      if (text->len > 0)
        g_string_append_c (text, item->y > line_y + 1 ? '\n' : ' ');
      g_string_append (text, item->text);
      line_y = item->y;
    }

  return g_string_free (text, FALSE);
}

static void
property_section (GString                 *out,
                  const ExtopoSceneObject *object)
{
  g_string_append (out, "<Section N=\"Property\">");
  for (guint i = 0; object->data[i] != NULL && object->data[i + 1] != NULL; i += 2)
    {
      g_autofree char *row = g_strdup (object->data[i]);

      /* Row names are identifiers: letters only. */
      g_strcanon (row, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", '_');
      g_string_append_printf (out, "<Row N=\"%s\"><Cell N=\"Label\" V=\"", row);
      extopo_markup_append_escaped (out, object->data[i]);
      g_string_append (out, "\" U=\"STR\"/><Cell N=\"Type\" V=\"0\"/><Cell N=\"Value\" V=\"");
      extopo_markup_append_escaped (out, object->data[i + 1]);
      g_string_append (out, "\" U=\"STR\"/></Row>");
    }
  g_string_append (out, "</Section>");
}

static void
rectangle_geometry (GString *out)
{
  g_string_append (out, "<Section N=\"Geometry\" IX=\"0\"><Cell N=\"NoFill\" V=\"0\"/>"
                   "<Cell N=\"NoLine\" V=\"0\"/>"
                   "<Row T=\"RelMoveTo\" IX=\"1\"><Cell N=\"X\" V=\"0\"/><Cell N=\"Y\" V=\"0\"/></Row>"
                   "<Row T=\"RelLineTo\" IX=\"2\"><Cell N=\"X\" V=\"1\"/><Cell N=\"Y\" V=\"0\"/></Row>"
                   "<Row T=\"RelLineTo\" IX=\"3\"><Cell N=\"X\" V=\"1\"/><Cell N=\"Y\" V=\"1\"/></Row>"
                   "<Row T=\"RelLineTo\" IX=\"4\"><Cell N=\"X\" V=\"0\"/><Cell N=\"Y\" V=\"1\"/></Row>"
                   "<Row T=\"RelLineTo\" IX=\"5\"><Cell N=\"X\" V=\"0\"/><Cell N=\"Y\" V=\"0\"/></Row>"
                   "</Section>");
}

/* A shape per group and server, in drawing order (groups behind), then a
 * glued connector per connection. */
static char *
page_contents (ExtopoScene *scene)
{
  GString *out = g_string_new (XML_HEAD "<PageContents xmlns=\"" VISIO_NS "\" xmlns:r=\""
                               REL_NS "\" xml:space=\"preserve\"><Shapes>");
  g_autofree int *shape_ids = g_new0 (int, scene->objects->len + 1);
  /* Each object's first rectangle and first path, as item index + 1 (0: none). */
  g_autofree guint *first_rect = g_new0 (guint, scene->objects->len + 1);
  g_autofree guint *first_path = g_new0 (guint, scene->objects->len + 1);
  GString *connects = g_string_new (NULL);
  int next_id = 1;

  for (guint i = 0; i < scene->items->len; i++)
    {
      const ExtopoSceneItem *item = &g_array_index (scene->items, ExtopoSceneItem, i);
      guint *first = item->kind == EXTOPO_SCENE_RECT ? first_rect
                     : item->kind == EXTOPO_SCENE_PATH ? first_path : NULL;

      if (item->object >= 0 && first != NULL && first[item->object] == 0 &&
          extopo_scene_item_is_full (item))
        first[item->object] = i + 1;
    }

  for (guint o = 0; o < scene->objects->len; o++)
    {
      const ExtopoSceneObject *object = &g_array_index (scene->objects, ExtopoSceneObject, o);
      const ExtopoSceneItem *box;
      g_autofree char *text = NULL;
      double cx, cy;

      if (object->kind == EXTOPO_OBJECT_CONNECTOR)
        continue;
      if (first_rect[o] == 0)
        continue;
      box = &g_array_index (scene->items, ExtopoSceneItem, first_rect[o] - 1);
      /* A group shows its name; its tags are in its data. */
      text = object->kind == EXTOPO_OBJECT_SERVER ? object_text (scene, (int) o, first_rect[o] - 1)
                                                  : g_strdup (object->name);
      shape_ids[o] = next_id++;
      cx = box->x + box->width / 2;
      cy = scene->height - (box->y + box->height / 2);

      g_string_append_printf (out, "<Shape ID=\"%d\" Type=\"Shape\" NameU=\"", shape_ids[o]);
      extopo_markup_append_escaped (out, object->id);
      g_string_append (out, "\" Name=\"");
      extopo_markup_append_escaped (out, object->name != NULL ? object->name : object->id);
      g_string_append (out, "\">");
      cell (out, "PinX", cx);
      cell (out, "PinY", cy);
      cell (out, "Width", box->width);
      cell (out, "Height", box->height);
      cell (out, "LocPinX", box->width / 2);
      cell (out, "LocPinY", box->height / 2);
      colour_cell (out, "FillForegnd", box->fill);
      g_string_append (out, "<Cell N=\"FillPattern\" V=\"1\"/>");
      colour_cell (out, "LineColor", box->stroke);
      cell (out, "LineWeight", MAX (box->line_width, 0.5));
      cell (out, "Rounding", box->radius);
      /* Groups hold their title at the top, servers their lines from the top. */
      g_string_append (out, "<Cell N=\"VerticalAlign\" V=\"0\"/>");
      cell (out, "LeftMargin", 4);
      cell (out, "RightMargin", 2);
      cell (out, "TopMargin", 2);
      cell (out, "BottomMargin", 2);
      g_string_append (out, "<Section N=\"Character\"><Row IX=\"0\">");
      /* Sizes as drawn (see extopo-style.h): a server's lines at the size of
       * its smaller ones, a group's name at its title's. */
      cell (out, "Size", (object->kind == EXTOPO_OBJECT_SERVER ? SMALL_SIZE : FRAME_TITLE_SIZE) *
            TEXT_RESOLUTION / 72.0);
      g_string_append (out, "</Row></Section>");
      g_string_append (out, "<Section N=\"Paragraph\"><Row IX=\"0\">"
                       "<Cell N=\"HorzAlign\" V=\"0\"/></Row></Section>");
      property_section (out, object);
      rectangle_geometry (out);
      g_string_append (out, "<Text>");
      extopo_markup_append_escaped (out, text);
      g_string_append (out, "</Text></Shape>");
    }

  for (guint o = 0; o < scene->objects->len; o++)
    {
      const ExtopoSceneObject *object = &g_array_index (scene->objects, ExtopoSceneObject, o);
      const ExtopoSceneItem *path = NULL;
      const double *p;
      double x1, y1, x2, y2;
      int id;

      if (object->kind != EXTOPO_OBJECT_CONNECTOR)
        continue;
      if (first_path[o] > 0)
        path = &g_array_index (scene->items, ExtopoSceneItem, first_path[o] - 1);
      if (path == NULL || path->path_length < 6)
        continue;

      /* The curve's ends: after the first MOVE, and the last point. */
      p = &g_array_index (scene->path, double, path->path_start);
      x1 = p[1];
      y1 = scene->height - p[2];
      x2 = p[path->path_length - 2];
      y2 = scene->height - p[path->path_length - 1];
      id = next_id++;

      g_string_append_printf (out, "<Shape ID=\"%d\" Type=\"Shape\" NameU=\"", id);
      extopo_markup_append_escaped (out, object->id);
      g_string_append (out, "\" Name=\"");
      extopo_markup_append_escaped (out, object->name != NULL ? object->name : object->id);
      g_string_append (out, "\"><Cell N=\"ObjType\" V=\"2\"/>");
      cell (out, "BeginX", x1);
      cell (out, "BeginY", y1);
      cell (out, "EndX", x2);
      cell (out, "EndY", y2);
      cell (out, "PinX", (x1 + x2) / 2);
      cell (out, "PinY", (y1 + y2) / 2);
      cell (out, "Width", MAX (hypot (x2 - x1, y2 - y1), 1));
      cell (out, "Height", 0);
      cell (out, "LocPinX", MAX (hypot (x2 - x1, y2 - y1), 1) / 2);
      cell (out, "LocPinY", 0);
      {
        char angle[G_ASCII_DTOSTR_BUF_SIZE];

        g_string_append_printf (out, "<Cell N=\"Angle\" V=\"%s\"/>",
                                g_ascii_formatd (angle, sizeof angle, "%.5f",
                                                 atan2 (y2 - y1, x2 - x1)));
      }
      g_string_append (out, "<Section N=\"Character\"><Row IX=\"0\">");
      cell (out, "Size", SMALL_SIZE * TEXT_RESOLUTION / 72.0);
      g_string_append (out, "</Row></Section>");
      g_string_append (out, "<Cell N=\"EndArrow\" V=\"4\"/>");
      if (strstr (object->classes, "two-way") != NULL)
        g_string_append (out, "<Cell N=\"BeginArrow\" V=\"4\"/>");
      colour_cell (out, "LineColor", path->stroke);
      cell (out, "LineWeight", path->line_width);
      property_section (out, object);
      g_string_append (out, "<Section N=\"Geometry\" IX=\"0\"><Cell N=\"NoFill\" V=\"1\"/>"
                       "<Row T=\"MoveTo\" IX=\"1\"><Cell N=\"X\" V=\"0\"/><Cell N=\"Y\" V=\"0\"/>"
                       "</Row><Row T=\"LineTo\" IX=\"2\"><Cell N=\"X\" V=\"");
      append_inches (out, MAX (hypot (x2 - x1, y2 - y1), 1));
      g_string_append (out, "\"/><Cell N=\"Y\" V=\"0\"/></Row></Section><Text>");
      extopo_markup_append_escaped (out, object->tooltip);
      g_string_append (out, "</Text></Shape>");

      /* Glued to the groups at its ends, when it has them. */
      for (int end = 0; end <= 1; end++)
        {
          int t = object->ends[end];

          if (t < 0 || shape_ids[t] == 0)
            continue;
          g_string_append_printf (connects, "<Connect FromSheet=\"%d\" FromCell=\"%s\" "
                                  "FromPart=\"%d\" ToSheet=\"%d\" ToCell=\"PinX\" "
                                  "ToPart=\"3\"/>", id, end == 0 ? "BeginX" : "EndX",
                                  end == 0 ? 9 : 12, shape_ids[t]);
        }
    }

  g_string_append (out, "</Shapes>");
  if (connects->len > 0)
    g_string_append_printf (out, "<Connects>%s</Connects>", connects->str);
  g_string_append (out, "</PageContents>\n");
  g_string_free (connects, TRUE);

  return g_string_free (out, FALSE);
}

static gboolean
add_part (zip_t       *zip,
          const char  *name,
          char        *contents,   /* taken */
          GError     **error)
{
  zip_source_t *source = zip_source_buffer (zip, contents, strlen (contents), 1);
  zip_int64_t index = -1;

  if (source != NULL)
    index = zip_file_add (zip, name, source, ZIP_FL_ENC_UTF_8);
  /* A fast deflate level: the 20,000-server package is written in 3.0 s
   * instead of 3.6 s, at 3.5 MB instead of 2.2 MB. */
  if (index >= 0)
    zip_set_file_compression (zip, (zip_uint64_t) index, ZIP_CM_DEFLATE, VSDX_DEFLATE_LEVEL);
  if (index < 0)
    {
      if (source != NULL)
        zip_source_free (source);
      g_set_error (error, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_WRITE,
                   _("Could not build the Visio package (%s): %s"), name, zip_strerror (zip));
      return FALSE;
    }

  return TRUE;
}

static char *
content_types (guint n_scenes)
{
  GString *out = g_string_new (XML_HEAD "<Types xmlns=\"http://schemas.openxmlformats.org/"
                               "package/2006/content-types\">"
                               "<Default Extension=\"rels\" ContentType=\"application/"
                               "vnd.openxmlformats-package.relationships+xml\"/>"
                               "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                               "<Override PartName=\"/visio/document.xml\" ContentType=\""
                               "application/vnd.ms-visio.drawing.main+xml\"/>"
                               "<Override PartName=\"/visio/pages/pages.xml\" ContentType=\""
                               "application/vnd.ms-visio.pages+xml\"/>"
                               "<Override PartName=\"/docProps/core.xml\" ContentType=\""
                               "application/vnd.openxmlformats-package.core-properties+xml\"/>"
                               "<Override PartName=\"/docProps/app.xml\" ContentType=\""
                               "application/vnd.openxmlformats-officedocument."
                               "extended-properties+xml\"/>");

  for (guint i = 0; i < n_scenes; i++)
    g_string_append_printf (out, "<Override PartName=\"/visio/pages/page%u.xml\" ContentType=\""
                            "application/vnd.ms-visio.page+xml\"/>", i + 1);
  g_string_append (out, "</Types>\n");

  return g_string_free (out, FALSE);
}

static char *
pages_part (ExtopoScene * const *scenes,
            const char  * const *names,
            guint                n_scenes)
{
  GString *out = g_string_new (XML_HEAD "<Pages xmlns=\"" VISIO_NS "\" xmlns:r=\"" REL_NS
                               "\" xml:space=\"preserve\">");

  for (guint i = 0; i < n_scenes; i++)
    {
      g_string_append_printf (out, "<Page ID=\"%u\" NameU=\"", i);
      extopo_markup_append_escaped (out, names[i]);
      g_string_append (out, "\" Name=\"");
      extopo_markup_append_escaped (out, names[i]);
      g_string_append (out, "\"><PageSheet>");
      cell (out, "PageWidth", scenes[i]->width);
      cell (out, "PageHeight", scenes[i]->height);
      g_string_append (out, "<Cell N=\"PageScale\" V=\"1\" U=\"IN\"/>"
                       "<Cell N=\"DrawingScale\" V=\"1\" U=\"IN\"/>");
      g_string_append_printf (out, "</PageSheet><Rel r:id=\"rId%u\"/></Page>", i + 1);
    }
  g_string_append (out, "</Pages>\n");

  return g_string_free (out, FALSE);
}

static char *
pages_rels (guint n_scenes)
{
  GString *out = g_string_new (XML_HEAD "<Relationships xmlns=\"" PKG_NS "\">");

  for (guint i = 0; i < n_scenes; i++)
    g_string_append_printf (out, "<Relationship Id=\"rId%u\" Type=\"http://schemas.microsoft.com/"
                            "visio/2010/relationships/page\" Target=\"page%u.xml\"/>",
                            i + 1, i + 1);
  g_string_append (out, "</Relationships>\n");

  return g_string_free (out, FALSE);
}

static char *
core_properties (const char *title)
{
  GString *out = g_string_new (XML_HEAD "<cp:coreProperties xmlns:cp=\"http://schemas."
                               "openxmlformats.org/package/2006/metadata/core-properties\" "
                               "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>");

  extopo_markup_append_escaped (out, title);
  g_string_append (out, "</dc:title><dc:creator>" PACKAGE_NAME "</dc:creator>"
                   "</cp:coreProperties>\n");

  return g_string_free (out, FALSE);
}

GBytes *
extopo_vsdx_write (ExtopoScene * const  *scenes,
                   const char  * const  *names,
                   guint                 n_scenes,
                   GError              **error)
{
  zip_source_t *buffer;
  zip_t *zip;
  zip_error_t zip_error;
  zip_stat_t stat;
  gboolean ok = TRUE;
  guchar *data;

  g_return_val_if_fail (n_scenes > 0, NULL);

  zip_error_init (&zip_error);
  buffer = zip_source_buffer_create (NULL, 0, 0, &zip_error);
  zip = buffer != NULL ? zip_open_from_source (buffer, ZIP_TRUNCATE, &zip_error) : NULL;
  if (zip == NULL)
    {
      g_set_error (error, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_WRITE,
                   _("Could not build the Visio package: %s"), zip_error_strerror (&zip_error));
      zip_error_fini (&zip_error);
      if (buffer != NULL)
        zip_source_free (buffer);
      return NULL;
    }
  /* The package's bytes stay in the buffer after the archive is closed. */
  zip_source_keep (buffer);

  ok = ok && add_part (zip, "[Content_Types].xml", content_types (n_scenes), error);
  ok = ok && add_part (zip, "_rels/.rels", g_strdup (
                         XML_HEAD "<Relationships xmlns=\"" PKG_NS "\">"
                         "<Relationship Id=\"rId1\" Type=\"http://schemas.microsoft.com/visio/"
                         "2010/relationships/document\" Target=\"visio/document.xml\"/>"
                         "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/"
                         "package/2006/relationships/metadata/core-properties\" "
                         "Target=\"docProps/core.xml\"/>"
                         "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/"
                         "officeDocument/2006/relationships/extended-properties\" "
                         "Target=\"docProps/app.xml\"/></Relationships>\n"), error);
  ok = ok && add_part (zip, "docProps/core.xml", core_properties (scenes[0]->title), error);
  ok = ok && add_part (zip, "docProps/app.xml", g_strdup (
                         XML_HEAD "<Properties xmlns=\"http://schemas.openxmlformats.org/"
                         "officeDocument/2006/extended-properties\"><Application>"
                         PACKAGE_NAME " " PACKAGE_VERSION "</Application></Properties>\n"), error);
  ok = ok && add_part (zip, "visio/document.xml", g_strdup (
                         XML_HEAD "<VisioDocument xmlns=\"" VISIO_NS "\" xmlns:r=\"" REL_NS
                         "\" xml:space=\"preserve\"/>\n"), error);
  ok = ok && add_part (zip, "visio/_rels/document.xml.rels", g_strdup (
                         XML_HEAD "<Relationships xmlns=\"" PKG_NS "\">"
                         "<Relationship Id=\"rId1\" Type=\"http://schemas.microsoft.com/visio/"
                         "2010/relationships/pages\" Target=\"pages/pages.xml\"/>"
                         "</Relationships>\n"), error);
  ok = ok && add_part (zip, "visio/pages/pages.xml", pages_part (scenes, names, n_scenes), error);
  ok = ok && add_part (zip, "visio/pages/_rels/pages.xml.rels", pages_rels (n_scenes), error);
  for (guint i = 0; ok && i < n_scenes; i++)
    {
      g_autofree char *name = g_strdup_printf ("visio/pages/page%u.xml", i + 1);

      ok = add_part (zip, name, page_contents (scenes[i]), error);
    }

  if (!ok)
    {
      zip_discard (zip);
      zip_source_free (buffer);
      return NULL;
    }
  if (zip_close (zip) < 0)
    {
      g_set_error (error, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_WRITE,
                   _("Could not build the Visio package: %s"), zip_strerror (zip));
      zip_discard (zip);
      zip_source_free (buffer);
      return NULL;
    }

  zip_source_stat (buffer, &stat);
  data = g_malloc (stat.size);
  if (zip_source_open (buffer) < 0 ||
      zip_source_read (buffer, data, stat.size) != (zip_int64_t) stat.size)
    {
      g_set_error (error, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_WRITE,
                   "%s", _("Could not build the Visio package"));
      g_free (data);
      zip_source_free (buffer);
      return NULL;
    }
  zip_source_close (buffer);
  zip_source_free (buffer);

  return g_bytes_new_take (data, stat.size);
}
