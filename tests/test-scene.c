/* test-scene.c: the scene of a page, item by item, and its SVG.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-scene"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <zip.h>

#include "extopo-findings.h"
#include "extopo-html-report.h"
#include "extopo-layout.h"
#include "extopo-loader.h"
#include "extopo-scene.h"
#include "extopo-style.h"
#include "extopo-svg-writer.h"
#include "extopo-vsdx-writer.h"

#include "test-util.h"

static const ExtopoSceneObject *
find_object (ExtopoScene *scene,
             const char  *name,
             int         *index)
{
  for (guint i = 0; i < scene->objects->len; i++)
    {
      const ExtopoSceneObject *object = &g_array_index (scene->objects, ExtopoSceneObject, i);

      if (g_strcmp0 (object->name, name) == 0)
        {
          *index = (int) i;
          return object;
        }
    }
  g_error ("no object “%s” in the scene", name);
}

/* The texts of an object's items in the full drawing, in order, joined by "|". */
static char *
texts_of (ExtopoScene *scene,
          int          object)
{
  GString *texts = g_string_new (NULL);

  for (guint i = 0; i < scene->items->len; i++)
    {
      const ExtopoSceneItem *item = &g_array_index (scene->items, ExtopoSceneItem, i);

      if (item->object == object && item->kind == EXTOPO_SCENE_TEXT &&
          extopo_scene_item_is_full (item))
        g_string_append_printf (texts, "%s|", item->text);
    }

  return g_string_free (texts, FALSE);
}

static const char *
data_of (const ExtopoSceneObject *object,
         const char              *key)
{
  for (guint i = 0; object->data[i] != NULL; i += 2)
    if (g_str_equal (object->data[i], key))
      return object->data[i + 1];

  return NULL;
}

/* The sample's scene says what the drawing shows, decided at build time. */
static void
test_scene_coexistence (void)
{
  g_autoptr(ExtopoGeometry) geometry = test_util_lay_out_sample ("coexistence.ldif", EXTOPO_VIEW_ROUTING);
  g_autoptr(ExtopoScene) scene = NULL;
  ExtopoRenderOptions options;
  ExtopoReadiness readiness = { 0 };
  const ExtopoSceneObject *object;
  g_autofree char *texts = NULL;
  g_autofree char *furniture = NULL;
  guint n_servers = 0, n_connectors = 0, n_names = 0;
  int index;

  extopo_render_options_init (&options);
  options.title = "Contoso, week 3";
  scene = extopo_scene_build (geometry, &options);
  g_assert_cmpfloat (scene->width, >, geometry->bounds.width);

  /* A server with a warning: its classes, badge, name and tooltip. */
  object = find_object (scene, "SEA-EX03", &index);
  g_assert_cmpint (object->kind, ==, EXTOPO_OBJECT_SERVER);
  g_assert_cmpstr (object->classes, ==, "server status-warning");
  texts = texts_of (scene, index);
  g_assert_cmpstr (texts, ==, "SEA-EX03|2003 SP1|sea-ex03.contoso.com|");
  g_assert_nonnull (strstr (object->tooltip, "Exchange Server 2003 SP1"));
  g_assert_nonnull (strstr (object->tooltip, "Status: warning"));
  g_assert_cmpstr (data_of (object, "status"), ==, "warning");
  g_clear_pointer (&texts, g_free);
  /* Its name is as large as the cairo renderer draws it (pango at
   * TEXT_RESOLUTION), so that an SVG looks like the PNG and the screen. */
  for (guint i = 0; i < scene->items->len; i++)
    {
      const ExtopoSceneItem *item = &g_array_index (scene->items, ExtopoSceneItem, i);

      if (item->object == index && item->kind == EXTOPO_SCENE_TEXT &&
          g_str_equal (item->text, "SEA-EX03"))
        {
          n_names++;
          g_assert_cmpfloat_with_epsilon (item->font_size, NAME_SIZE * TEXT_RESOLUTION / 72, 1e-4);
          g_assert_cmpfloat (item->ascent, >, 0.7 * item->font_size);
        }
    }
  g_assert_cmpuint (n_names, ==, 1);

  /* An Exchange 2007 server's role badges: four do not fit its card, so
   * the last two are counted rather than cut; all are in its data. */
  object = find_object (scene, "EX2007-ALL1", &index);
  texts = texts_of (scene, index);
  g_assert_cmpstr (texts, ==, "EX2007-ALL1|2007 SP1|MB|CA|+2|ex2007-all1.contoso.com|");
  g_assert_cmpstr (data_of (object, "roles"), ==,
                   "Mailbox, Client Access, Unified Messaging, Hub Transport");
  g_clear_pointer (&texts, g_free);

  /* A routing group with an error of its own: the tag and its class. */
  object = find_object (scene, "Boston", &index);
  g_assert_cmpint (object->kind, ==, EXTOPO_OBJECT_ROUTING_GROUP);
  g_assert_nonnull (strstr (object->classes, "status-error"));
  texts = texts_of (scene, index);
  g_assert_cmpstr (texts, ==, "1 error|Boston|");
  g_assert_cmpstr (data_of (object, "findings"), ==, "RG_NO_PATH_TO_2007");
  g_clear_pointer (&texts, g_free);

  /* The Exchange 2007 group is marked as such. */
  object = find_object (scene, "Exchange Routing Group (DWBGZMFD01QNBJR)", &index);
  g_assert_nonnull (strstr (object->classes, "exchange-2007"));
  texts = texts_of (scene, index);
  g_assert_nonnull (strstr (texts, "Exchange 2007|"));

  /* The title block: the title and the readiness line. */
  furniture = texts_of (scene, -1);
  extopo_readiness_compute (geometry->model, &readiness);
  g_assert_true (g_str_has_prefix (furniture, "Contoso, week 3|Drawn "));
  g_assert_nonnull (strstr (furniture, readiness.summary));
  g_assert_nonnull (strstr (furniture, "|Legend|Server status|"));
  extopo_readiness_clear (&readiness);

  /* Every server and every connection is an object with a tooltip. */
  for (guint i = 0; i < scene->objects->len; i++)
    {
      object = &g_array_index (scene->objects, ExtopoSceneObject, i);
      g_assert_nonnull (object->tooltip);
      n_servers += object->kind == EXTOPO_OBJECT_SERVER;
      n_connectors += object->kind == EXTOPO_OBJECT_CONNECTOR;
    }
  g_assert_cmpuint (n_servers, ==, geometry->nodes->len);
  g_assert_cmpuint (n_connectors, ==, geometry->edges->len);
}

typedef struct
{
  GPtrArray *texts;
  guint      n_titles;
  guint      n_server_groups;
  gboolean   in_server;
  gboolean   in_title;
} SvgContents;

static void
svg_start_cb (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              user_data,
              GError              **error)
{
  SvgContents *contents = user_data;

  if (g_str_equal (element, "g"))
    for (guint i = 0; names[i] != NULL; i++)
      if (g_str_equal (names[i], "class") && g_str_has_prefix (values[i], "server "))
        {
          contents->n_server_groups++;
          contents->in_server = TRUE;
        }
  if (g_str_equal (element, "title") && contents->in_server)
    contents->n_titles++;
}

static void
svg_end_cb (GMarkupParseContext  *context,
            const char           *element,
            gpointer              user_data,
            GError              **error)
{
  SvgContents *contents = user_data;

  if (g_str_equal (element, "g"))
    contents->in_server = FALSE;
}

static void
svg_text_cb (GMarkupParseContext  *context,
             const char           *text,
             gsize                 length,
             gpointer              user_data,
             GError              **error)
{
  SvgContents *contents = user_data;

  if (g_strcmp0 (g_markup_parse_context_get_element (context), "text") == 0)
    g_ptr_array_add (contents->texts, g_strndup (text, length));
}

static void
parse_svg (const char  *svg,
           SvgContents *contents)
{
  static const GMarkupParser parser = { svg_start_cb, svg_end_cb, svg_text_cb, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;

  contents->texts = g_ptr_array_new_with_free_func (g_free);
  context = g_markup_parse_context_new (&parser, 0, contents, NULL);
  g_markup_parse_context_parse (context, strstr (svg, "<svg"), -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}

static gboolean
has_text (GPtrArray  *texts,
          const char *text)
{
  return g_ptr_array_find_with_equal_func (texts, text, g_str_equal, NULL);
}

/* The SVG of each sample, read by an XML parser: every server's name as
 * text, a <title> per server. */
static void
test_scene_svg_samples (void)
{
  const char *samples[] = { "coexistence.ldif", "mixed-mode.ldif", "real-directory.ldif" };

  for (gsize s = 0; s < G_N_ELEMENTS (samples); s++)
    {
      g_autoptr(ExtopoGeometry) geometry = test_util_lay_out_sample (samples[s], EXTOPO_VIEW_ROUTING);
      g_autoptr(ExtopoScene) scene = extopo_scene_build (geometry, NULL);
      g_autofree char *svg = extopo_svg_write_to_string (scene);
      SvgContents contents = { 0 };

      parse_svg (svg, &contents);
      /* No stroke is the default: saying so cost a megabyte at 20,000 servers. */
      g_assert_null (strstr (svg, "stroke=\"none\""));
      g_assert_nonnull (strstr (svg, "stroke=\"#"));
      g_assert_cmpuint (contents.n_server_groups, ==, geometry->nodes->len);
      g_assert_cmpuint (contents.n_titles, ==, geometry->nodes->len);
      for (guint i = 0; i < geometry->nodes->len; i++)
        {
          ExtopoServer *server = g_array_index (geometry->nodes, ExtopoGeoNode, i).server;

          if (!has_text (contents.texts, server->name))
            g_error ("%s: no text “%s”", samples[s], server->name);
        }
      g_assert_true (has_text (contents.texts, "Legend"));
      g_ptr_array_unref (contents.texts);
    }
}

/* In the SVG too a group's title row is drawn over the connectors that
 * cross the group: written after every connector, in a part of its own
 * that names its group, one per titled group. */
static void
test_scene_svg_titles_over (void)
{
  g_autoptr(ExtopoGeometry) geometry = test_util_lay_out_sample ("coexistence.ldif",
                                                                 EXTOPO_VIEW_ROUTING);
  g_autoptr(ExtopoScene) scene = extopo_scene_build (geometry, NULL);
  g_autofree char *svg = extopo_svg_write_to_string (scene);
  const char *last_connector = g_strrstr (svg, "class=\"connector");
  const char *first_overlay = strstr (svg, "<g data-of=\"routing-group-");
  const char *title = strstr (svg, ">Exchange Routing Group (DWBGZMFD01QNBJR)</text>");
  guint n = 0;

  g_assert_nonnull (last_connector);
  g_assert_nonnull (first_overlay);
  g_assert_nonnull (title);
  g_assert_true (first_overlay > last_connector);
  g_assert_true (title > first_overlay);
  for (const char *p = first_overlay; (p = strstr (p, "<g data-of=\"")) != NULL; p++)
    n++;
  g_assert_cmpuint (n, ==, geometry->frames->len);
}

/* Names with markup, quotes and control characters: the SVG stays
 * well-formed and shows the names, the forbidden characters replaced. */
static void
test_scene_svg_hostile (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "cli", "hostile-names.ldif",
                                                 NULL);
  g_autoptr(ExtopoGeometry) geometry = test_util_lay_out (path, EXTOPO_VIEW_ADMIN);
  g_autoptr(ExtopoScene) scene = extopo_scene_build (geometry, NULL);
  g_autofree char *svg = extopo_svg_write_to_string (scene);
  SvgContents contents = { 0 };

  parse_svg (svg, &contents);
  g_assert_true (has_text (contents.texts, "-x\\ny &amp; <b>"));
  g_assert_true (has_text (contents.texts, "+AG, \"quoted\" @x"));
  /* Too long for its card, so cut there, and whole in the group's data. */
  g_assert_nonnull (strstr (svg, "data-name=\"@ESC\xef\xbf\xbd[31mRED\xc2\x9b DEL\xef\xbf\xbd\""));
  g_assert_null (strchr (svg, '\x1b'));
  g_ptr_array_unref (contents.texts);
}

/* The report holds the verdict, every server in the inventory and the
 * diagram, every finding, and nothing that would load from elsewhere. */
static void
test_scene_html (void)
{
  g_autoptr(ExtopoGeometry) geometry = test_util_lay_out_sample ("coexistence.ldif", EXTOPO_VIEW_ROUTING);
  g_autofree char *html = test_util_html_report (geometry);
  GPtrArray *servers = extopo_model_get_servers (geometry->model);
  GPtrArray *findings = extopo_model_get_findings (geometry->model);
  ExtopoReadiness readiness = { 0 };
  g_autofree char *heading = g_strdup_printf ("Findings (%u)", findings->len);

  g_assert_true (g_str_has_prefix (html, "<!DOCTYPE html>\n"));
  g_assert_true (g_str_has_suffix (html, "</html>\n"));
  g_assert_nonnull (strstr (html, "Content-Security-Policy\" content=\"default-src 'none';"));
  g_assert_null (strstr (html, " src="));
  g_assert_null (strstr (html, " href="));
  g_assert_null (strstr (html, "url("));
  g_assert_null (strstr (html, "https:"));
  extopo_readiness_compute (geometry->model, &readiness);
  g_assert_nonnull (strstr (html, readiness.summary));
  extopo_readiness_clear (&readiness);
  g_assert_nonnull (strstr (html, heading));
  for (guint i = 0; i < servers->len; i++)
    {
      ExtopoServer *server = g_ptr_array_index (servers, i);
      g_autofree char *row = g_strdup_printf ("<tr><td>%s</td><td>%s</td>", server->name,
                                              server->fqdn);
      g_autofree char *group = g_strdup_printf ("data-name=\"%s\"", server->name);

      g_assert_nonnull (strstr (html, row));
      g_assert_nonnull (strstr (html, group));
    }
}

/* Names reach the page only as text: no markup, no script. */
static void
test_scene_html_hostile (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "cli", "hostile-names.ldif",
                                                 NULL);
  g_autoptr(ExtopoGeometry) geometry = test_util_lay_out (path, EXTOPO_VIEW_ROUTING);
  g_autofree char *html = test_util_html_report (geometry);

  g_assert_nonnull (strstr (html, "<td>-x\\ny &amp;amp; &lt;b&gt;</td>"));
  g_assert_null (strstr (html, "<b>"));
  g_assert_null (strchr (html, '\x1b'));
}


/* A part of a zip package, as text. */
static char *
package_part (GBytes     *package,
              const char *name)
{
  zip_error_t error;
  zip_source_t *source;
  zip_t *zip;
  zip_file_t *file;
  zip_stat_t stat;
  char *text;

  zip_error_init (&error);
  source = zip_source_buffer_create (g_bytes_get_data (package, NULL), g_bytes_get_size (package),
                                     0, &error);
  g_assert_nonnull (source);
  zip = zip_open_from_source (source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
  g_assert_nonnull (zip);
  if (zip_stat (zip, name, 0, &stat) < 0)
    g_error ("no part %s in the package", name);
  text = g_malloc0 (stat.size + 1);
  file = zip_fopen (zip, name, 0);
  g_assert_nonnull (file);
  g_assert_cmpint (zip_fread (file, text, stat.size), ==, (zip_int64_t) stat.size);
  zip_fclose (file);
  zip_close (zip);
  zip_error_fini (&error);

  return text;
}

static void
xml_parses (const char *text)
{
  static const GMarkupParser parser = { NULL };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_autoptr(GError) error = NULL;
  const char *start = strstr (text, "?>");

  g_markup_parse_context_parse (context, start != NULL ? start + 2 : text, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}

/* The Visio package: its parts, a page per view, a shape per server and
 * group with its name and shape data, connectors glued to their groups. */
static void
test_scene_vsdx (void)
{
  g_autoptr(ExtopoGeometry) routing = test_util_lay_out_sample ("coexistence.ldif",
                                                                EXTOPO_VIEW_ROUTING);
  g_autoptr(ExtopoGeometry) admin = test_util_lay_out_sample ("coexistence.ldif",
                                                              EXTOPO_VIEW_ADMIN);
  g_autoptr(ExtopoScene) first = extopo_scene_build (routing, NULL);
  g_autoptr(ExtopoScene) second = extopo_scene_build (admin, NULL);
  ExtopoScene *scenes[] = { first, second };
  const char *names[] = { "Routing groups", "Administrative <groups>" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) package = extopo_vsdx_write ((ExtopoScene * const *) scenes, names, 2, &error);
  const char *parts[] = {
    "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "docProps/app.xml",
    "visio/document.xml", "visio/_rels/document.xml.rels", "visio/pages/pages.xml",
    "visio/pages/_rels/pages.xml.rels", "visio/pages/page1.xml", "visio/pages/page2.xml",
  };
  g_autofree char *page = NULL;
  g_autofree char *pages = NULL;
  GPtrArray *servers = extopo_model_get_servers (routing->model);
  guint n_connectors = 0;

  g_assert_no_error (error);
  g_assert_nonnull (package);
  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autofree char *text = package_part (package, parts[i]);

      xml_parses (text);
    }

  pages = package_part (package, "visio/pages/pages.xml");
  g_assert_nonnull (strstr (pages, "Name=\"Administrative &lt;groups&gt;\""));
  page = package_part (package, "visio/pages/page1.xml");
  for (guint i = 0; i < servers->len; i++)
    {
      ExtopoServer *server = g_ptr_array_index (servers, i);
      g_autofree char *shape = g_strdup_printf ("Name=\"%s\"", server->name);

      g_assert_nonnull (strstr (page, shape));
    }
  for (guint i = 0; i < first->objects->len; i++)
    n_connectors += g_array_index (first->objects, ExtopoSceneObject, i).kind ==
                    EXTOPO_OBJECT_CONNECTOR;
  g_assert_cmpuint (n_connectors, >, 0);
  g_assert_nonnull (strstr (page, "<Row N=\"product\"><Cell N=\"Label\" V=\"product\""));
  g_assert_nonnull (strstr (page, "V=\"Exchange Server 2003\" U=\"STR\""));
  g_assert_nonnull (strstr (page, "<Cell N=\"ObjType\" V=\"2\"/>"));
  /* Two glued ends for a connector between two groups: the path starts at
   * the forward connector's group and ends at its target's. */
  {
    guint n_ends = 0, n_connects = 0, n_expected = 0;

    for (guint i = 0; i < first->objects->len; i++)
      {
        const ExtopoSceneObject *o = &g_array_index (first->objects, ExtopoSceneObject, i);
        ExtopoConnection *connection = o->object;

        if (o->kind != EXTOPO_OBJECT_CONNECTOR)
          {
            g_assert_cmpint (o->ends[0], ==, -1);
            continue;
          }
        g_assert_nonnull (connection);
        g_assert_cmpint (o->ends[0], >=, 0);
        g_assert_true (g_array_index (first->objects, ExtopoSceneObject, o->ends[0]).object ==
                       connection->forward->source);
        if (connection->forward->target != NULL)
          {
            g_assert_cmpint (o->ends[1], >=, 0);
            g_assert_true (g_array_index (first->objects, ExtopoSceneObject, o->ends[1]).object ==
                           connection->forward->target);
          }
        n_ends += (o->ends[0] >= 0) + (o->ends[1] >= 0);
        n_expected += 1 + (connection->forward->target != NULL);
      }
    for (const char *p = page; (p = strstr (p, "<Connect ")) != NULL; p++)
      n_connects++;
    g_assert_cmpuint (n_connects, ==, n_ends);
    g_assert_cmpuint (n_ends, ==, n_expected);
    g_assert_cmpuint (n_ends, >, n_connectors);
  }
  g_assert_nonnull (strstr (page, "FromCell=\"BeginX\""));
  g_assert_nonnull (strstr (page, "FromCell=\"EndX\""));
}

/* A text's width as Pango lays it out at the size the scene gives it. */
static double
pango_text_width (PangoLayout           *layout,
                  const ExtopoSceneItem *item)
{
  PangoFontDescription *font = pango_font_description_from_string (EXTOPO_SCENE_FONT_FAMILY);
  int width;

  pango_font_description_set_absolute_size (font, item->font_size * PANGO_SCALE);
  pango_font_description_set_weight (font, item->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, item->text, -1);
  pango_layout_get_size (layout, &width, NULL);
  pango_font_description_free (font);

  return (double) width / PANGO_SCALE;
}

/* Names and FQDNs too long for a card are shortened with an ellipsis, and
 * every text of a card fits in it as Pango draws it. */
static void
test_scene_texts_fit (void)
{
  g_autofree char *dir = g_dir_make_tmp ("extopo-scene-XXXXXX", NULL);
  g_autofree char *ldif = test_util_generate_org (dir, 300, 30);
  g_autoptr(ExtopoGeometry) geometry = NULL;
  g_autoptr(ExtopoScene) scene = NULL;
  PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  PangoLayout *layout = NULL;
  guint shortened = 0, checked = 0;

  geometry = test_util_lay_out (ldif, EXTOPO_VIEW_ROUTING);
  scene = extopo_scene_build (geometry, NULL);
  layout = pango_layout_new (context);
  for (guint i = 0; i < scene->items->len; i++)
    {
      const ExtopoSceneItem *item = &g_array_index (scene->items, ExtopoSceneItem, i);
      const ExtopoSceneObject *object;
      double right;

      if (item->kind != EXTOPO_SCENE_TEXT || item->object < 0)
        continue;
      object = &g_array_index (scene->objects, ExtopoSceneObject, item->object);
      if (object->kind != EXTOPO_OBJECT_SERVER)
        continue;
      right = item->x + pango_text_width (layout, item);
      if (right > object->bounds.x + object->bounds.width + 1)
        g_error ("“%s” ends at %.1f, past its card's edge at %.1f", item->text, right,
                 object->bounds.x + object->bounds.width);
      shortened += g_str_has_suffix (item->text, "…");
      checked++;
    }
  g_assert_cmpuint (checked, >, 900);
  g_assert_cmpuint (shortened, >=, 300);
  g_object_unref (layout);
  g_object_unref (context);

  g_unlink (ldif);
  g_rmdir (dir);
}


/* What of a server shows at each scale: a cell of its status's colour far
 * out, a card with its name closer, the badges and FQDN closer still; the
 * full drawing (what vector exports hold) has no far-out stand-ins. */
static void
test_scene_levels_of_detail (void)
{
  g_autoptr(ExtopoGeometry) geometry = test_util_lay_out_sample ("coexistence.ldif",
                                                                 EXTOPO_VIEW_ROUTING);
  g_autoptr(ExtopoScene) scene = extopo_scene_build_diagram (geometry);
  const double scales[] = { 0.1, 0.44, 0.449, 1.0 };
  /* texts, rectangles at each scale */
  const char *expected_texts[] = { "", "", "SEA-EX03|", "SEA-EX03|2003 SP1|sea-ex03.contoso.com|" };
  const ExtopoSceneObject *object;
  int index;

  object = find_object (scene, "SEA-EX03", &index);
  g_assert_cmpuint (object->n_items, >, 0);
  for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
    {
      g_autoptr(GString) texts = g_string_new (NULL);
      guint rects = 0, cells = 0;

      for (guint i = object->first_item; i < object->first_item + object->n_items; i++)
        {
          const ExtopoSceneItem *item = &g_array_index (scene->items, ExtopoSceneItem, i);

          g_assert_cmpint (item->object, ==, index);
          if (!extopo_scene_item_shows_at (item, scales[s]))
            continue;
          if (item->kind == EXTOPO_SCENE_TEXT)
            g_string_append_printf (texts, "%s|", item->text);
          if (item->kind == EXTOPO_SCENE_RECT && item->radius == 0 &&
              item->width == object->bounds.width)
            cells++;
          else if (item->kind == EXTOPO_SCENE_RECT)
            rects++;
        }
      g_assert_cmpstr (texts->str, ==, expected_texts[s]);
      /* Far out the card is one cell; closer, a card (and its stripe). */
      g_assert_cmpuint (cells, ==, scales[s] < TEXT_SHOWN_FROM (NAME_SIZE) ? 1 : 0);
      if (scales[s] >= TEXT_SHOWN_FROM (NAME_SIZE))
        g_assert_cmpuint (rects, >=, 2);
    }

  /* Exports draw the full drawing: no cells, every text. */
  for (guint i = 0; i < scene->items->len; i++)
    {
      const ExtopoSceneItem *item = &g_array_index (scene->items, ExtopoSceneItem, i);

      if (item->object >= 0 && extopo_scene_item_is_full (item) &&
          g_array_index (scene->objects, ExtopoSceneObject, item->object).kind ==
          EXTOPO_OBJECT_SERVER && item->kind == EXTOPO_SCENE_RECT)
        g_assert_cmpfloat (item->radius + (item->width < 10 ? 1 : 0) +
                           (item->height <= PILL_HEIGHT ? 1 : 0), >, 0);
    }
}

/* The objects near an area, in drawing order, as the screen asks for the
 * part of a large diagram it shows. */
static void
test_scene_query (void)
{
  g_autoptr(ExtopoGeometry) geometry = test_util_lay_out_sample ("coexistence.ldif",
                                                                 EXTOPO_VIEW_ROUTING);
  g_autoptr(ExtopoScene) page = NULL;
  ExtopoScene *scenes[2];
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));

  page = extopo_scene_build (geometry, NULL);
  scenes[0] = extopo_scene_build_diagram (geometry);
  scenes[1] = page;
  for (guint s = 0; s < G_N_ELEMENTS (scenes); s++)
    {
      ExtopoScene *scene = scenes[s];
      const ExtopoSceneObject *server, *frame;
      int server_index, frame_index;
      gboolean has_server = FALSE, has_frame = FALSE;
      ExtopoRect area;

      server = find_object (scene, "DEN-EX01", &server_index);
      frame = find_object (scene, "Denver", &frame_index);
      g_assert_cmpint (extopo_scene_find_object (scene, server->object), ==, server_index);
      g_assert_cmpint (extopo_scene_find_object (scene, frame->object), ==, frame_index);
      area = (ExtopoRect) { server->bounds.x + 10, server->bounds.y + 10, 4, 4 };
      g_array_set_size (found, 0);
      extopo_scene_query (scene, &area, found);
      for (guint k = 0; k < found->len; k++)
        {
          guint o = g_array_index (found, guint, k);

          if (k > 0)
            g_assert_cmpuint (g_array_index (found, guint, k - 1), <, o);
          has_server |= (int) o == server_index;
          has_frame |= (int) o == frame_index;
        }
      /* Every object whose box meets the area is there. */
      for (guint o = 0; o < scene->objects->len; o++)
        {
          const ExtopoSceneObject *object = &g_array_index (scene->objects, ExtopoSceneObject, o);
          gboolean listed = FALSE;

          if (object->kind == EXTOPO_OBJECT_CONNECTOR ||
              !extopo_rect_intersects (&object->bounds, &area))
            continue;
          for (guint k = 0; k < found->len && !listed; k++)
            listed = g_array_index (found, guint, k) == o;
          g_assert_true (listed);
        }
      g_assert_true (has_server);
      g_assert_true (has_frame);
      /* Far from everything: nothing. */
      area = (ExtopoRect) { scene->width + 1000, scene->height + 1000, 10, 10 };
      g_array_set_size (found, 0);
      extopo_scene_query (scene, &area, found);
      g_assert_cmpuint (found->len, ==, 0);
    }
  extopo_scene_unref (scenes[0]);
}

/* The pills of connectors' labels in @scene, as rectangles. */
static GArray *
label_pills (ExtopoScene *scene)
{
  GArray *pills = g_array_new (FALSE, FALSE, sizeof (ExtopoRect));

  for (guint i = 0; i < scene->items->len; i++)
    {
      const ExtopoSceneItem *item = &g_array_index (scene->items, ExtopoSceneItem, i);
      ExtopoRect pill = { item->x, item->y, item->width, item->height };

      if (item->object >= 0 && item->kind == EXTOPO_SCENE_RECT &&
          g_array_index (scene->objects, ExtopoSceneObject, item->object).kind ==
          EXTOPO_OBJECT_CONNECTOR)
        g_array_append_val (pills, pill);
    }

  return pills;
}

/* A connector's label never covers a group's title: the scene slides it
 * along its line, for every output alike. */
static void
test_scene_labels_off_titles (void)
{
  const char *samples[] = { "coexistence.ldif", "mixed-mode.ldif", "real-directory.ldif" };
  guint labels = 0;

  for (guint s = 0; s < G_N_ELEMENTS (samples); s++)
    for (int view = EXTOPO_VIEW_ROUTING; view <= EXTOPO_VIEW_ADMIN; view++)
      {
        g_autoptr(ExtopoGeometry) geometry = test_util_lay_out_sample (samples[s], view);
        g_autoptr(ExtopoScene) scene = extopo_scene_build_diagram (geometry);
        g_autoptr(GArray) pills = label_pills (scene);

        labels += pills->len;
        for (guint i = 0; i < pills->len; i++)
          for (guint f = 0; f < geometry->frames->len; f++)
            {
              const ExtopoGeoFrame *frame = &g_array_index (geometry->frames, ExtopoGeoFrame, f);

              if (extopo_rect_intersects (&g_array_index (pills, ExtopoRect, i), &frame->label_box))
                g_error ("%s: a connector's label covers the title of %s", samples[s],
                         frame->label);
            }
      }
  g_assert_cmpuint (labels, >, 5);

  /* A label whose place is on a title slides off it along its line. */
  {
    g_autoptr(ExtopoGeometry) geometry = extopo_geometry_new (NULL, EXTOPO_VIEW_ROUTING);
    g_autoptr(ExtopoScene) scene = NULL;
    double points[] = { 0, 100, 100, 100, 200, 100, 300, 100 };
    ExtopoGeoFrame frame = { { 100, 90, 100, 200 }, { 110, 92, 80, 16 } };
    ExtopoGeoEdge edge = { 0 };
    g_autoptr(GArray) pills = NULL;

    frame.kind = EXTOPO_OBJECT_ROUTING_GROUP;
    frame.label = (char *) "Title";
    frame.parent = -1;
    extopo_geometry_add_frame (geometry, &frame);
    edge.points = points;
    edge.n_points = 4;
    edge.tail_frame = edge.head_frame = -1;
    edge.label = (char *) "cost 1";
    edge.label_x = 150;
    edge.label_y = 100;
    extopo_geometry_add_edge (geometry, &edge);
    extopo_geometry_finish (geometry);
    scene = extopo_scene_build_diagram (geometry);
    pills = label_pills (scene);
    for (guint i = 0; i < pills->len; i++)
      {
        const ExtopoRect *pill = &g_array_index (pills, ExtopoRect, i);

        g_assert_false (extopo_rect_intersects (pill, &frame.label_box));
        /* Still on its line. */
        g_assert_cmpfloat (pill->y, <, 100);
        g_assert_cmpfloat (pill->y + pill->height, >, 100);
      }
    g_assert_cmpuint (pills->len, ==, 1);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/scene/coexistence", test_scene_coexistence);
  g_test_add_func ("/scene/svg/samples", test_scene_svg_samples);
  g_test_add_func ("/scene/svg/hostile", test_scene_svg_hostile);
  g_test_add_func ("/scene/svg/titles-over", test_scene_svg_titles_over);
  g_test_add_func ("/scene/texts-fit", test_scene_texts_fit);
  g_test_add_func ("/scene/html", test_scene_html);
  g_test_add_func ("/scene/html/hostile", test_scene_html_hostile);
  g_test_add_func ("/scene/vsdx", test_scene_vsdx);
  g_test_add_func ("/scene/levels-of-detail", test_scene_levels_of_detail);
  g_test_add_func ("/scene/query", test_scene_query);
  g_test_add_func ("/scene/labels-off-titles", test_scene_labels_off_titles);

  return g_test_run ();
}
