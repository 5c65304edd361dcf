/* test-renderer.c: the cairo renderer through every export format.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-renderer"

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "extopo-export.h"
#include "extopo-layout.h"
#include "extopo-loader.h"
#include "extopo-png-writer.h"
#include "extopo-scene.h"
#include "test-util.h"

typedef struct
{
  ExtopoModel    *model;
  ExtopoGeometry *geometry;
  char           *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("EXTOPO_SAMPLES_DIR"),
                                            "coexistence.ldif", NULL);
  ExtopoLayoutOptions options = { EXTOPO_VIEW_ADMIN, NULL };

  fixture->model = extopo_loader_load_file (path, NULL, &error);
  g_assert_no_error (error);
  fixture->geometry = extopo_layout_compute (fixture->model, &options, NULL, &error);
  g_assert_no_error (error);
  fixture->dir = g_dir_make_tmp ("extopo-renderer-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_clear_pointer (&fixture->geometry, extopo_geometry_unref);
  g_clear_object (&fixture->model);
}

static char *
export_file (Fixture                   *fixture,
             const char                *name,
             const ExtopoRenderOptions *options,
             double                     scale)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);
  ExtopoExportFormat format = extopo_export_format_from_path (path);

  g_assert_cmpint (format, !=, EXTOPO_EXPORT_UNKNOWN);
  g_assert_true (extopo_export_write (fixture->geometry, format, path, options, scale, &error));
  g_assert_no_error (error);

  return path;
}

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 1000);

  return contents;
}

static void
test_svg (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *path = export_file (fixture, "diagram.svg", NULL, 1);
  g_autofree char *svg = read_file (path);
  double width, height;
  g_autofree char *size = NULL;

  g_assert_nonnull (strstr (svg, "<svg"));
  extopo_renderer_get_page_size (fixture->geometry, NULL, &width, &height);
  /* The page is the diagram plus title and legend, in points. */
  g_assert_cmpfloat (width, >, fixture->geometry->bounds.width);
  g_assert_cmpfloat (height, >, fixture->geometry->bounds.height);
  size = g_strdup_printf ("width=\"%gpt\"", width);
  g_assert_nonnull (strstr (svg, size));
}

static void
test_pdf (Fixture       *fixture,
          gconstpointer  data)
{
  ExtopoRenderOptions options;
  g_autofree char *path = NULL;
  g_autofree char *pdf = NULL;

  extopo_render_options_init (&options);
  options.title = "Contoso before Exchange 2007";
  path = export_file (fixture, "diagram.PDF", &options, 1);
  pdf = read_file (path);
  g_assert_true (g_str_has_prefix (pdf, "%PDF-"));
}

static cairo_surface_t *
load_png (const char *path)
{
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);

  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);

  return surface;
}

static guint
count_colours (cairo_surface_t *surface)
{
  g_autoptr(GHashTable) colours = g_hash_table_new (NULL, NULL);
  int stride = cairo_image_surface_get_stride (surface);
  const guchar *data;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y += 3)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x += 3)
      g_hash_table_add (colours,
                        GUINT_TO_POINTER (*(const guint32 *) (data + y * stride + 4 * x) &
                                          0xffffff));

  return g_hash_table_size (colours);
}

static void
test_png (Fixture       *fixture,
          gconstpointer  data)
{
  g_autofree char *path = export_file (fixture, "diagram.png", NULL, 1.5);
  cairo_surface_t *surface = load_png (path);
  double width, height;

  extopo_renderer_get_page_size (fixture->geometry, NULL, &width, &height);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, (int) ceil (width * 1.5));
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, (int) ceil (height * 1.5));
  /* Not blank: white paper, status colours, frames, text. */
  g_assert_cmpuint (count_colours (surface), >, 20);

  cairo_surface_destroy (surface);
}

static void
test_visible_region (Fixture       *fixture,
                     gconstpointer  data)
{
  ExtopoGeometry *geometry = fixture->geometry;
  const ExtopoGeoNode *node = &g_array_index (geometry->nodes, ExtopoGeoNode, 0);
  ExtopoRect visible = { node->box.x - 20, node->box.y - 20, 300, 200 };
  ExtopoRenderOptions options;
  g_autofree char *path = NULL;
  cairo_surface_t *surface;
  double full_width, full_height, width, height;
  g_autoptr(GArray) in_view = g_array_new (FALSE, FALSE, sizeof (guint));

  extopo_renderer_get_page_size (geometry, NULL, &full_width, &full_height);
  extopo_render_options_init (&options);
  options.visible = &visible;
  options.show_legend = FALSE;
  extopo_renderer_get_page_size (geometry, &options, &width, &height);

  /* Only what is on screen: a 300 x 200 region plus margins and title. */
  g_assert_cmpfloat (width, <, full_width);
  g_assert_cmpfloat (height, <, full_height);
  /* The title block holds the readiness reasons: at most a few lines. */
  g_assert_cmpfloat (height, <=, 200 + 260);

  path = export_file (fixture, "visible.png", &options, 1);
  surface = load_png (path);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, (int) width);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, (int) height);
  g_assert_cmpuint (count_colours (surface), >, 5);
  cairo_surface_destroy (surface);

  /* The renderer draws only the nodes that region meets. */
  extopo_geometry_query_nodes (geometry, &visible, in_view);
  g_assert_cmpuint (in_view->len, >=, 1);
  g_assert_cmpuint (in_view->len, <, geometry->nodes->len);
}

static void
test_too_large (void)
{
  g_autoptr(ExtopoGeometry) geometry = extopo_geometry_new (NULL, EXTOPO_VIEW_ROUTING);
  ExtopoGeoFrame frame = { { 0, 0, 5e6, 4e6 }, { 0, 0, 5e6, 24 }, EXTOPO_OBJECT_ROUTING_GROUP,
                           &frame, (char *) "Huge", FALSE, FALSE, 0, -1, 0, EXTOPO_STATUS_OK };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("extopo-renderer-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.png", NULL);
  g_autofree char *bad = g_build_filename (dir, "diagram.xyz", NULL);

  extopo_geometry_add_frame (geometry, &frame);
  extopo_geometry_finish (geometry);

  g_assert_false (extopo_export_write (geometry, EXTOPO_EXPORT_PNG, path, NULL, 1, &error));
  g_assert_error (error, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_TOO_LARGE);
  /* The message names the file. */
  g_assert_nonnull (strstr (error->message, path));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_cmpint (extopo_export_format_from_path (bad), ==, EXTOPO_EXPORT_UNKNOWN);
  g_assert_false (extopo_export_write (geometry, EXTOPO_EXPORT_UNKNOWN, bad, NULL, 1, &error));
  g_assert_error (error, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_UNKNOWN_FORMAT);
  g_assert_nonnull (strstr (error->message, bad));
  g_rmdir (dir);
}

static void
test_lowered_scale (Fixture       *fixture,
                    gconstpointer  data)
{
  double page_width, page_height, scale;
  int width, height;

  extopo_renderer_get_page_size (fixture->geometry, NULL, &page_width, &page_height);

  /* A sane request is kept. */
  g_assert_true (extopo_export_get_png_size (fixture->geometry, NULL, 2, &width, &height,
                                             &scale));
  g_assert_cmpfloat (scale, ==, 2);
  g_assert_cmpint (width, ==, (int) ceil (page_width * 2));

  /* Far too many pixels: the largest scale allowed instead. */
  g_assert_true (extopo_export_get_png_size (fixture->geometry, NULL, 1000, &width, &height,
                                             &scale));
  g_assert_cmpfloat (scale, <, 1000);
  g_assert_cmpfloat (scale, >, 1);
  g_assert_cmpint (width, <=, 32767);
  g_assert_cmpint (height, <=, 32767);
  g_assert_cmpint ((gint64) width * height * 4, <=, 400 * 1024 * 1024);
  g_assert_cmpint ((gint64) width * height * 4, >, 300 * 1024 * 1024);
}

static void
test_write_error (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "missing", "diagram.svg", NULL);

  g_assert_false (extopo_export_write (fixture->geometry, EXTOPO_EXPORT_SVG, path, NULL, 1,
                                       &error));
  g_assert_error (error, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_other_formats (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *dot_path = export_file (fixture, "diagram.gv", NULL, 1);
  g_autofree char *json_path = export_file (fixture, "report.json", NULL, 1);
  g_autofree char *csv_path = export_file (fixture, "report.csv", NULL, 1);
  g_autofree char *dot = read_file (dot_path);
  g_autofree char *json = read_file (json_path);
  g_autofree char *csv = read_file (csv_path);

  g_assert_true (g_str_has_prefix (dot, "digraph"));
  g_assert_nonnull (strstr (json, "\"servers\""));
  g_assert_nonnull (strstr (csv, "SEA-EX01"));
  g_assert_cmpstr (extopo_export_format_get_extension (EXTOPO_EXPORT_PDF), ==, "pdf");
}

static void
test_draw_states (Fixture       *fixture,
                  gconstpointer  data)
{
  ExtopoGeometry *geometry = fixture->geometry;
  const ExtopoGeoNode *node = &g_array_index (geometry->nodes, ExtopoGeoNode, 0);
  g_autoptr(GHashTable) matches = g_hash_table_new (NULL, NULL);
  cairo_surface_t *plain = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 120);
  cairo_surface_t *selected = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 120);
  ExtopoRenderOptions options;
  cairo_t *cr;

  extopo_render_options_init (&options);

  /* The same corner of the diagram, once plain and once with the first
   * server selected and matched: the pixels must differ. */
  for (guint pass = 0; pass < 2; pass++)
    {
      cr = cairo_create (pass == 0 ? plain : selected);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_translate (cr, -(node->box.x - 20), -(node->box.y - 20));
      if (pass == 1)
        {
          options.selected_kind = EXTOPO_OBJECT_SERVER;
          options.selected = node->server;
          g_hash_table_add (matches, node->server);
          options.matches = matches;
        }
      extopo_renderer_draw_graph (cr, geometry, &options);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
    }

  cairo_surface_flush (plain);
  cairo_surface_flush (selected);
  g_assert_true (memcmp (cairo_image_surface_get_data (plain),
                         cairo_image_surface_get_data (selected),
                         cairo_image_surface_get_stride (plain) * 120) != 0);

  cairo_surface_destroy (plain);
  cairo_surface_destroy (selected);
}

static guint32
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  cairo_surface_flush (surface);

  return *(guint32 *) (gpointer) (cairo_image_surface_get_data (surface) +
                                  y * cairo_image_surface_get_stride (surface) + 4 * x) &
         0xffffff;
}

static void
test_far_out_edges (void)
{
  g_autoptr(ExtopoGeometry) geometry = extopo_geometry_new (NULL, EXTOPO_VIEW_ROUTING);
  double points[] = { 0, 0, 333, 333, 666, 666, 1000, 1000 };
  ExtopoGeoEdge edge = { 0 };
  ExtopoRenderOptions options;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 50, 50);
  cairo_surface_t *recording;
  cairo_t *cr;

  edge.points = points;
  edge.n_points = 4;
  edge.arrow_at_end = TRUE;
  edge.tail_frame = edge.head_frame = -1;
  extopo_geometry_add_edge (geometry, &edge);
  extopo_geometry_finish (geometry);

  /* Far enough out that server boxes would be a pixel high: the edge is
   * written straight into the image, within the clip. */
  extopo_render_options_init (&options);
  options.scale = 0.04;
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_rectangle (cr, 0, 0, 25, 50);
  cairo_clip (cr);
  cairo_translate (cr, 5, 5);
  cairo_scale (cr, 0.04, 0.04);
  extopo_renderer_draw_graph (cr, geometry, &options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);

  g_assert_cmpuint (pixel_at (surface, 5, 5), !=, 0xffffff);
  g_assert_cmpuint (pixel_at (surface, 20, 20), !=, 0xffffff);
  g_assert_cmpuint (pixel_at (surface, 20, 30), ==, 0xffffff);
  /* Beyond the clip the diagonal stays white. */
  g_assert_cmpuint (pixel_at (surface, 30, 30), ==, 0xffffff);
  g_assert_cmpuint (pixel_at (surface, 44, 44), ==, 0xffffff);
  cairo_surface_destroy (surface);

  /* Anything but an image surface goes through cairo as usual. */
  recording = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (recording);
  cairo_scale (cr, 0.04, 0.04);
  extopo_renderer_draw_graph (cr, geometry, &options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  {
    double x, y, w, h;

    cairo_recording_surface_ink_extents (recording, &x, &y, &w, &h);
    g_assert_cmpfloat (w, >, 30);
  }
  cairo_surface_destroy (recording);
}

/* Non-white pixels in the box of half-size @r around (@x, @y). */
static guint
count_ink (cairo_surface_t *surface,
           int              x,
           int              y,
           int              r)
{
  guint n = 0;

  for (int j = y - r; j <= y + r; j++)
    for (int i = x - 4 * r; i <= x + 4 * r; i++)
      if (pixel_at (surface, i, j) != 0xffffff)
        n++;

  return n;
}

static guint
label_ink_at (ExtopoGeometry *geometry,
              double          scale)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 120, 120);
  ExtopoRenderOptions options;
  cairo_t *cr = cairo_create (surface);
  guint n;

  extopo_render_options_init (&options);
  options.scale = scale;
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  extopo_renderer_draw_graph (cr, geometry, &options);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  n = count_ink (surface, (int) (90 * scale), (int) (160 * scale), 4);
  cairo_surface_destroy (surface);

  return n;
}

/* Where server names are drawn, the cost pill (or an address-space tag) at
 * the end of an arrow is drawn too; further out a dot still marks it. */
static void
test_edge_label_with_names (void)
{
  g_autoptr(ExtopoGeometry) geometry = extopo_geometry_new (NULL, EXTOPO_VIEW_ROUTING);
  double points[] = { 0, 20, 60, 20, 120, 20, 180, 20 };
  ExtopoGeoEdge edge = { 0 };

  edge.points = points;
  edge.n_points = 4;
  edge.arrow_at_end = TRUE;
  edge.tail_frame = edge.head_frame = -1;
  edge.label = (char *) "SMTP:* \u00b7 SMTP, cost 10";
  edge.label_x = 90;
  edge.label_y = 160;
  extopo_geometry_add_edge (geometry, &edge);
  extopo_geometry_finish (geometry);

  /* Names (9 pt) are drawn at half scale, 7 pt labels are 3.5 px high. */
  g_assert_cmpuint (label_ink_at (geometry, 0.5), >, 20);
  g_assert_cmpuint (label_ink_at (geometry, 0.3), >, 0);
}

/* The page's title block says whether the organization can take Exchange
 * 2007, with the reasons when it cannot: a mixed-mode organization's block
 * is taller than a ready one's by at least a line per reason. */
static double
title_block_height (const char *sample)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("EXTOPO_SAMPLES_DIR"), sample, NULL);
  g_autoptr(ExtopoModel) model = extopo_loader_load_file (path, NULL, &error);
  ExtopoLayoutOptions layout_options = { EXTOPO_VIEW_ROUTING, NULL };
  g_autoptr(ExtopoGeometry) geometry = NULL;
  ExtopoRenderOptions options;
  double with_title, without_title;

  g_assert_no_error (error);
  geometry = extopo_layout_compute (model, &layout_options, NULL, &error);
  g_assert_no_error (error);
  extopo_render_options_init (&options);
  options.show_legend = FALSE;
  extopo_renderer_get_page_size (geometry, &options, NULL, &with_title);
  options.show_title = FALSE;
  extopo_renderer_get_page_size (geometry, &options, NULL, &without_title);

  return with_title - without_title;
}

static void
test_readiness_in_title (void)
{
  double ready = title_block_height ("coexistence.ldif");
  double mixed = title_block_height ("mixed-mode.ldif");

  g_assert_cmpfloat (ready, >, 64);
  /* Mixed mode, SRS, ADC and an Exchange 5.5 server: four reasons. */
  g_assert_cmpfloat (mixed, >=, ready + 4 * 10);
}

/* A routing group with an error of its own (Boston cannot reach the
 * Exchange 2007 routing group) carries a red tag in its title row. */
static void
test_group_finding_tag (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("EXTOPO_SAMPLES_DIR"),
                                            "coexistence.ldif", NULL);
  g_autoptr(ExtopoModel) model = extopo_loader_load_file (path, NULL, &error);
  ExtopoLayoutOptions layout_options = { EXTOPO_VIEW_ROUTING, NULL };
  g_autoptr(ExtopoGeometry) geometry = NULL;
  const ExtopoGeoFrame *boston = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint red_in_title = 0, red_in_body = 0;
  double r, g, b;

  g_assert_no_error (error);
  geometry = extopo_layout_compute (model, &layout_options, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < geometry->frames->len; i++)
    {
      const ExtopoGeoFrame *frame = &g_array_index (geometry->frames, ExtopoGeoFrame, i);

      if (g_strcmp0 (frame->label, "Boston") == 0)
        boston = frame;
    }
  g_assert_nonnull (boston);

  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (boston->box.width),
                                        (int) ceil (boston->box.height));
  cr = cairo_create (surface);
  cairo_translate (cr, -boston->box.x, -boston->box.y);
  extopo_renderer_draw_graph (cr, geometry, NULL);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  extopo_renderer_status_color (EXTOPO_STATUS_ERROR, &r, &g, &b);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      {
        guint32 pixel = ((guint32 *) (gpointer) (cairo_image_surface_get_data (surface) +
                                                 y * cairo_image_surface_get_stride (surface)))[x];

        if (ABS ((int) ((pixel >> 16) & 0xff) - (int) (r * 255)) <= 2 &&
            ABS ((int) ((pixel >> 8) & 0xff) - (int) (g * 255)) <= 2 &&
            ABS ((int) (pixel & 0xff) - (int) (b * 255)) <= 2)
          {
            if (y < boston->label_box.height)
              red_in_title++;
            else
              red_in_body++;
          }
      }
  cairo_surface_destroy (surface);

  /* The servers in Boston are fine: the red is the group's own tag. */
  g_assert_cmpuint (red_in_title, >, 20);
  g_assert_cmpuint (red_in_body, ==, 0);
}

/* The page drawn on one surface, as the screen and cairo's PNG writer see
 * it, and a PNG drawn in strips of @strip_rows rows: they must be the same
 * picture (antialiased pixels at a seam may differ by a few levels). */
static void
compare_strips (ExtopoGeometry *geometry,
                int             strip_rows)
{
  ExtopoRenderOptions options;
  double page_width, page_height, scale = 1.5;
  int width, height, stride_whole, stride_strips;
  cairo_surface_t *whole;
  cairo_surface_t *strips;
  cairo_t *cr;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int fd = g_file_open_tmp ("extopo-strips-XXXXXX.png", &path, &error);
  FILE *stream;
  guint differing = 0, worst = 0;
  const guint8 *a, *b;

  extopo_render_options_init (&options);
  options.title = "Strips";
  options.subtitle = "fixed";
  extopo_renderer_get_page_size (geometry, &options, &page_width, &page_height);
  width = (int) ceil (page_width * scale);
  height = (int) ceil (page_height * scale);

  whole = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (whole);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  options.scale = scale;
  extopo_renderer_draw_page (cr, geometry, &options);
  cairo_destroy (cr);

  g_assert_no_error (error);
  stream = fdopen (fd, "wb");
  g_assert_nonnull (stream);
  g_assert_true (extopo_png_write (stream, geometry, &options, scale, width, height, strip_rows,
                                   &error));
  g_assert_no_error (error);
  g_assert_cmpint (fclose (stream), ==, 0);
  strips = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (strips), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (strips), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (strips), ==, height);

  a = cairo_image_surface_get_data (whole);
  b = cairo_image_surface_get_data (strips);
  stride_whole = cairo_image_surface_get_stride (whole);
  stride_strips = cairo_image_surface_get_stride (strips);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint diff = 0;

        /* Colour channels only: the fourth byte of RGB24 is unused. */
        for (int c = 0; c < 3; c++)
          {
            int pa = a[y * stride_whole + 4 * x + (G_BYTE_ORDER == G_LITTLE_ENDIAN ? c : c + 1)];
            int pb = b[y * stride_strips + 4 * x + (G_BYTE_ORDER == G_LITTLE_ENDIAN ? c : c + 1)];

            diff = MAX (diff, (guint) ABS (pa - pb));
          }
        differing += diff > 0;
        worst = MAX (worst, diff);
      }
  g_test_message ("%d x %d, strips of %d: %u pixels differ, by at most %u",
                  width, height, strip_rows, differing, worst);
  g_assert_cmpuint (worst, <=, 24);
  g_assert_cmpuint (differing, <=, (guint) (width * height / 10000));

  cairo_surface_destroy (whole);
  cairo_surface_destroy (strips);
  g_unlink (path);
}

/* A PNG export draws in strips; the picture must not change by it. */
static void
test_png_strips (void)
{
  const char *samples[] = { "coexistence.ldif", "mixed-mode.ldif", "real-directory.ldif" };

  for (gsize i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autoptr(ExtopoGeometry) routing = test_util_lay_out_sample (samples[i],
                                                                    EXTOPO_VIEW_ROUTING);
      g_autoptr(ExtopoGeometry) admin = test_util_lay_out_sample (samples[i],
                                                                  EXTOPO_VIEW_ADMIN);

      /* Strips that cut through cards, texts and connectors everywhere. */
      compare_strips (routing, 37);
      compare_strips (admin, 101);
    }
}

/* The diagram of a sample as the screen draws it (the graph alone, at
 * 0.75: no title block, whose clock changes), on white. */
static cairo_surface_t *
draw_reference (ExtopoGeometry *geometry)
{
  const double scale = 0.75;
  ExtopoRenderOptions options;
  cairo_surface_t *surface;
  cairo_t *cr;

  extopo_render_options_init (&options);
  options.scale = scale;
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24,
                                        (int) ceil (geometry->bounds.width * scale),
                                        (int) ceil (geometry->bounds.height * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, -geometry->bounds.x, -geometry->bounds.y);
  extopo_renderer_draw_graph (cr, geometry, &options);
  cairo_destroy (cr);

  return surface;
}

/* The screen must not change by accident: each sample in each view is
 * drawn and compared with its picture in tests/reference. A pixel counts
 * as changed when a channel moves by more than 48 levels (antialiasing
 * of another FreeType build moves edges by less), and more than one in
 * 20,000 changed fails: a badge replaced by another changes about 50, a
 * box moved by one pixel thousands. After a change made on purpose, look
 * at the new pictures and refresh them with EXTOPO_UPDATE_REFERENCES=1. */
static void
test_reference_picture (gconstpointer data)
{
  const char *name = data;   /* "coexistence-admin" */
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "reference", file, NULL);
  g_autofree char *stem = NULL;
  g_autofree char *sample = NULL;
  g_autoptr(ExtopoGeometry) geometry = NULL;
  cairo_surface_t *drawn;
  cairo_surface_t *expected;
  int width, height, stride_a, stride_b;
  const guint8 *a, *b;
  guint changed = 0;
  const char *view;

  view = strrchr (name, '-');
  stem = g_strndup (name, view - name);
  sample = g_strconcat (stem, ".ldif", NULL);
  geometry = test_util_lay_out_sample (sample, g_str_equal (view, "-admin") ? EXTOPO_VIEW_ADMIN
                                                                             : EXTOPO_VIEW_ROUTING);
  drawn = draw_reference (geometry);
  if (g_getenv ("EXTOPO_UPDATE_REFERENCES") != NULL)
    {
      g_assert_cmpint (cairo_surface_write_to_png (drawn, path), ==, CAIRO_STATUS_SUCCESS);
      g_test_message ("wrote %s", path);
    }
  expected = cairo_image_surface_create_from_png (path);
  if (cairo_surface_status (expected) != CAIRO_STATUS_SUCCESS)
    g_error ("cannot read %s", path);
  width = cairo_image_surface_get_width (drawn);
  height = cairo_image_surface_get_height (drawn);
  g_assert_cmpint (cairo_image_surface_get_width (expected), ==, width);
  g_assert_cmpint (cairo_image_surface_get_height (expected), ==, height);
  a = cairo_image_surface_get_data (drawn);
  b = cairo_image_surface_get_data (expected);
  stride_a = cairo_image_surface_get_stride (drawn);
  stride_b = cairo_image_surface_get_stride (expected);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guint8 *pa = a + y * stride_a + 4 * x, *pb = b + y * stride_b + 4 * x;
        gboolean moved = FALSE;

        /* The colour channels of a native-endian xRGB word. */
        for (int c = 0; c < 4; c++)
          if (c != (G_BYTE_ORDER == G_LITTLE_ENDIAN ? 3 : 0))
            moved |= ABS ((int) pa[c] - (int) pb[c]) > 48;
        changed += moved;
      }
  g_test_message ("%s: %d x %d, %u pixels changed", file, width, height, changed);
  if (changed > (guint) (width * height / 20000))
    {
      g_autofree char *drawn_path = g_build_filename (g_get_tmp_dir (), file, NULL);

      cairo_surface_write_to_png (drawn, drawn_path);
      g_error ("%s: %u of %d pixels changed (drawn: %s); if on purpose, look and "
               "refresh the references (EXTOPO_UPDATE_REFERENCES=1)", file, changed,
               width * height, drawn_path);
    }
  cairo_surface_destroy (drawn);
  cairo_surface_destroy (expected);
}


/* The cairo backend draws whatever scene it is given, at the level of
 * detail of the scale, with the highlights asked for: nothing of the
 * picture comes from anywhere else. */
/* @scene drawn at @scale on white, @visible of it (NULL: all), with the
 * server @selected (may be NULL). */
static cairo_surface_t *
draw_at_scale (const ExtopoScene *scene,
               double             scale,
               const ExtopoRect  *visible,
               gpointer           selected,
               int                width,
               int                height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  ExtopoRenderOptions options;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  extopo_render_options_init (&options);
  options.scale = scale;
  options.visible = visible;
  options.selected = selected;
  options.selected_kind = EXTOPO_OBJECT_SERVER;
  extopo_renderer_draw_scene (cr, scene, &options);
  cairo_destroy (cr);

  return surface;
}

static guint32
scene_pixel (const ExtopoScene *scene,
             double             scale,
             gpointer           selected,
             int                x,
             int                y)
{
  cairo_surface_t *surface = draw_at_scale (scene, scale, NULL, selected, 100, 100);
  guint32 pixel;

  cairo_surface_flush (surface);
  pixel = ((guint32 *) (gpointer) cairo_image_surface_get_data (surface))
          [y * cairo_image_surface_get_stride (surface) / 4 + x] & 0xffffff;
  cairo_surface_destroy (surface);

  return pixel;
}

static void
test_draws_scene (void)
{
  g_autoptr(ExtopoScene) scene = extopo_scene_new (100, 100);
  ExtopoRect bounds = { 20, 20, 40, 40 };
  static int server;
  ExtopoSceneItem near = { EXTOPO_SCENE_RECT, 0, 20, 20, 40, 40, 0, 0xff0000ff };
  ExtopoSceneItem far = { EXTOPO_SCENE_RECT, 0, 20, 20, 40, 40, 0, 0x0000ffff };
  ExtopoSceneItem other = { EXTOPO_SCENE_RECT, 1, 70, 70, 20, 20, 0, 0x00ff00ff };

  g_assert_cmpint (extopo_scene_add_object (scene, EXTOPO_OBJECT_SERVER, &server, "s", "server",
                                            "S", NULL, NULL, &bounds), ==, 0);
  near.min_scale = 0.5;
  far.max_scale = 0.5;
  extopo_scene_add_item (scene, &far);
  extopo_scene_add_item (scene, &near);
  g_assert_cmpint (extopo_scene_add_object (scene, EXTOPO_OBJECT_SERVER, NULL, "t", "server",
                                            "T", NULL, NULL, &bounds), ==, 1);
  extopo_scene_add_item (scene, &other);

  g_assert_cmphex (scene_pixel (scene, 1.0, NULL, 40, 40), ==, 0xff0000);
  g_assert_cmphex (scene_pixel (scene, 1.0, NULL, 80, 80), ==, 0x00ff00);
  g_assert_cmphex (scene_pixel (scene, 0.25, NULL, 10, 10), ==, 0x0000ff);
  /* Selected: an outline just outside the box. */
  g_assert_cmphex (scene_pixel (scene, 1.0, NULL, 40, 18), ==, 0xffffff);
  g_assert_cmphex (scene_pixel (scene, 1.0, &server, 40, 18), !=, 0xffffff);
}

static guint
dark_pixels (cairo_surface_t *surface,
             int              x0,
             int              y0,
             int              x1,
             int              y1)
{
  const guint32 *data = (const guint32 *) (gpointer) cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface) / 4;
  guint n = 0;

  cairo_surface_flush (surface);
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      n += (data[y * stride + x] & 0xff) < 0x60 ? 1 : 0;

  return n;
}

/* A group's title as the scene gives it far out: 11 pixels, bold. */
static void
add_far_title (ExtopoScene *scene,
               int          object,
               double       x,
               double       y,
               const char  *text,
               double       width)
{
  ExtopoSceneItem title = { EXTOPO_SCENE_TEXT, object, x, y };

  title.text = text;
  title.font_size = 11;
  title.width = width;
  title.bold = TRUE;
  title.fill = 0x000000ff;
  title.max_scale = 0.5;
  title.flags = EXTOPO_SCENE_PIXEL_SIZED | EXTOPO_SCENE_OVERLAY;
  extopo_scene_add_item (scene, &title);
}

/* A group of @kind with @bounds whose far-out title @text (@width pixels
 * wide) is at its top-left corner; returns the group's scene object. */
static int
add_titled_group (ExtopoScene      *scene,
                  ExtopoObjectKind  kind,
                  gpointer          group,
                  const ExtopoRect *bounds,
                  const char       *text,
                  double            width)
{
  int object = extopo_scene_add_object (scene, kind, group, text, "group", text, NULL, NULL,
                                        bounds);

  add_far_title (scene, object, bounds->x, bounds->y, text, width);

  return object;
}

/* Zoomed far out, a group's title keeps a size that can be read, over
 * everything drawn after it, where the group has room for it on screen. */
static void
test_far_titles (void)
{
  g_autoptr(ExtopoScene) scene = extopo_scene_new (1000, 1000);
  ExtopoRect bounds = { 0, 0, 1000, 400 };
  ExtopoRect cover = { 0, 0, 1000, 1000 };
  ExtopoSceneItem grey = { EXTOPO_SCENE_RECT, 1, 0, 0, 1000, 1000, 0, 0xccccccff };
  static int group, over;

  add_titled_group (scene, EXTOPO_OBJECT_ROUTING_GROUP, &group, &bounds, "Seattle", 40);
  /* Drawn after the group, over it. */
  extopo_scene_add_object (scene, EXTOPO_OBJECT_ROUTING_GROUP, &over, "h", "routing-group", "H",
                           NULL, NULL, &cover);
  extopo_scene_add_item (scene, &grey);

  for (guint k = 0; k < 3; k++)
    {
      /* 0.1: the group is 100 x 40 pixels; 0.03: 30 x 12, no room; 1.0:
       * the full drawing, without the far-out title. */
      const double scales[] = { 0.1, 0.03, 1.0 };
      const gboolean shown[] = { TRUE, FALSE, FALSE };
      cairo_surface_t *surface = draw_at_scale (scene, scales[k], NULL, NULL, 120, 60);

      if (shown[k])
        g_assert_cmpuint (dark_pixels (surface, 0, 0, 60, 20), >, 20);
      else
        g_assert_cmpuint (dark_pixels (surface, 0, 0, 60, 20), ==, 0);
      cairo_surface_destroy (surface);
    }
}

/* Far out, a title longer than its group is cut to the group with an
 * ellipsis (Exchange 2007's routing group has a long name and was left
 * without one at the fit of big organizations), and not drawn where the
 * group leaves room for only a few letters. */
static void
test_far_titles_cut (void)
{
  g_autoptr(ExtopoScene) scene = extopo_scene_new (2000, 2000);
  ExtopoRect wide = { 0, 0, 1000, 400 };
  ExtopoRect narrow = { 0, 1000, 400, 400 };
  static int first, second;

  add_titled_group (scene, EXTOPO_OBJECT_ROUTING_GROUP, &first, &wide,
                    "Exchange Routing Group (DWBGZMFD01QNBJR)", 260);
  add_titled_group (scene, EXTOPO_OBJECT_ROUTING_GROUP, &second, &narrow,
                    "Exchange Routing Group (DWBGZMFD01QNBJR)", 260);

  {
    /* 0.1: the first group is 100 x 40 pixels, the second 40 x 40. */
    cairo_surface_t *surface = draw_at_scale (scene, 0.1, NULL, NULL, 300, 200);

    /* The start of the title, within the first group's width (less the
     * corner's dot), nothing past it; nothing in the second group. */
    g_assert_cmpuint (dark_pixels (surface, 0, 0, 80, 20), >, 30);
    g_assert_cmpuint (dark_pixels (surface, 88, 0, 300, 20), ==, 0);
    g_assert_cmpuint (dark_pixels (surface, 0, 100, 60, 120), ==, 0);
    cairo_surface_destroy (surface);
  }
}

/* A routing group titled "Title" and, when @crossed, a connector that runs
 * through its title row. */
static ExtopoGeometry *
titled_frame (gboolean crossed)
{
  ExtopoGeometry *geometry = extopo_geometry_new (NULL, EXTOPO_VIEW_ROUTING);
  static double points[] = { 0, 99, 100, 99, 200, 99, 300, 99 };
  ExtopoGeoFrame frame = { { 100, 90, 100, 200 }, { 110, 92, 80, 16 } };
  ExtopoGeoEdge edge = { 0 };

  frame.kind = EXTOPO_OBJECT_ROUTING_GROUP;
  frame.label = (char *) "Title";
  frame.parent = -1;
  extopo_geometry_add_frame (geometry, &frame);
  if (crossed)
    {
      edge.points = points;
      edge.n_points = 4;
      edge.tail_frame = edge.head_frame = -1;
      extopo_geometry_add_edge (geometry, &edge);
    }
  extopo_geometry_finish (geometry);

  return geometry;
}

/* A connector crossing a group runs under its title as it runs under the
 * cards: nothing of the line shows on the patch of the group's fill behind
 * the title (lines drawn over titles made long names hard to read), and
 * it shows either side of it. */
static void
test_title_over_connectors (void)
{
  g_autoptr(ExtopoGeometry) plain_geometry = titled_frame (FALSE);
  g_autoptr(ExtopoGeometry) crossed_geometry = titled_frame (TRUE);
  g_autoptr(ExtopoScene) plain = extopo_scene_build_diagram (plain_geometry);
  g_autoptr(ExtopoScene) crossed = extopo_scene_build_diagram (crossed_geometry);
  const double scale = 2.0;
  int width = (int) ceil (crossed->width * scale), height = (int) ceil (crossed->height * scale);
  cairo_surface_t *a, *b;
  const ExtopoSceneItem *backing = NULL;
  const guint32 *pa, *pb;
  int stride;
  guint inside = 0, outside = 0;

  for (guint i = 0; i < crossed->items->len && backing == NULL; i++)
    {
      const ExtopoSceneItem *item = &g_array_index (crossed->items, ExtopoSceneItem, i);

      if (item->kind == EXTOPO_SCENE_RECT && (item->flags & EXTOPO_SCENE_OVERLAY) &&
          item->object >= 0 &&
          g_array_index (crossed->objects, ExtopoSceneObject, item->object).kind ==
          EXTOPO_OBJECT_ROUTING_GROUP)
        backing = item;
    }
  g_assert_nonnull (backing);

  a = draw_at_scale (plain, scale, NULL, NULL, width, height);
  b = draw_at_scale (crossed, scale, NULL, NULL, width, height);
  pa = (const guint32 *) (gpointer) cairo_image_surface_get_data (a);
  pb = (const guint32 *) (gpointer) cairo_image_surface_get_data (b);
  stride = cairo_image_surface_get_stride (a) / 4;
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        double dx = x / scale, dy = y / scale;
        gboolean in = dx > backing->x + 1 && dx < backing->x + backing->width - 1 &&
                      dy > backing->y + 1 && dy < backing->y + backing->height - 1;

        if ((pa[y * stride + x] & 0xffffff) == (pb[y * stride + x] & 0xffffff))
          continue;
        if (in)
          inside++;
        else
          outside++;
      }
  g_test_message ("line pixels: %u on the title's patch, %u elsewhere", inside, outside);
  g_assert_cmpuint (inside, ==, 0);
  g_assert_cmpuint (outside, >, 100);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

/* Far out, an administrative group's title covers the title of its first
 * routing group, which gives way. It must give way the same whether the
 * area drawn holds the outer title or not: the view draws the diagram in
 * bitmaps of parts, and a title that showed in one part and not in the
 * next flickered while panning. */
static void
test_far_titles_stable (void)
{
  g_autoptr(ExtopoScene) scene = extopo_scene_new (4000, 4000);
  ExtopoRect outer_bounds = { 0, 0, 3000, 3000 };
  ExtopoRect inner_bounds = { 100, 100, 1500, 800 };
  /* In scene units at 0.05: the inner title's box is x 100..1420, y 100..495;
   * the outer one's 0..1320, 0..395. The part drawn holds only the inner
   * title's lower right. */
  ExtopoRect part = { 1330, 400, 400, 300 };
  static int outer, inner;

  add_titled_group (scene, EXTOPO_OBJECT_ADMIN_GROUP, &outer, &outer_bounds, "Headquarters", 60);
  add_titled_group (scene, EXTOPO_OBJECT_ROUTING_GROUP, &inner, &inner_bounds, "Seattle", 60);

  for (guint k = 0; k < 2; k++)
    {
      cairo_surface_t *surface = draw_at_scale (scene, 0.05, k == 0 ? NULL : &part, NULL, 200, 200);

      /* The whole: the outer title at the top left. The part: not the
       * outer title, which is outside it, and not the inner one either. */
      if (k == 0)
        g_assert_cmpuint (dark_pixels (surface, 0, 0, 60, 20), >, 20);
      else
        g_assert_cmpuint (dark_pixels (surface, 0, 0, 100, 40), ==, 0);
      cairo_surface_destroy (surface);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* The title block's date from a fixed clock: a drawing made twice (whole
   * and in strips) must not straddle a minute. */
  g_setenv ("SOURCE_DATE_EPOCH", "1764806400", TRUE);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/renderer/svg", test_svg);
  ADD ("/renderer/pdf", test_pdf);
  ADD ("/renderer/png", test_png);
  ADD ("/renderer/visible-region", test_visible_region);
  ADD ("/renderer/lowered-scale", test_lowered_scale);
  ADD ("/renderer/write-error", test_write_error);
  ADD ("/renderer/other-formats", test_other_formats);
  ADD ("/renderer/draw-states", test_draw_states);
  g_test_add_func ("/renderer/too-large", test_too_large);
  g_test_add_func ("/renderer/far-out-edges", test_far_out_edges);
  g_test_add_func ("/renderer/edge-label-with-names", test_edge_label_with_names);
  g_test_add_func ("/renderer/readiness-in-title", test_readiness_in_title);
  g_test_add_func ("/renderer/group-finding-tag", test_group_finding_tag);
  g_test_add_func ("/renderer/png-strips", test_png_strips);
  g_test_add_func ("/renderer/draws-scene", test_draws_scene);
  g_test_add_func ("/renderer/far-titles", test_far_titles);
  g_test_add_func ("/renderer/far-titles-stable", test_far_titles_stable);
  g_test_add_func ("/renderer/far-titles-cut", test_far_titles_cut);
  g_test_add_func ("/renderer/title-over-connectors", test_title_over_connectors);
  {
    static const char * const references[] = {
      "coexistence-routing", "coexistence-admin", "mixed-mode-routing", "mixed-mode-admin",
      "real-directory-routing", "real-directory-admin",
    };

    for (gsize i = 0; i < G_N_ELEMENTS (references); i++)
      {
        g_autofree char *path = g_strconcat ("/renderer/reference/", references[i], NULL);

        g_test_add_data_func (path, references[i], test_reference_picture);
      }
  }

#undef ADD

  return g_test_run ();
}
