/* test-history.c: progress over a folder of snapshots, its chart and its command line.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-history"

#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <utime.h>

#include <cairo.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "extopo-history.h"
#include "extopo-history-chart.h"

#include "test-util.h"

/* tests/history holds five snapshots whose names are not in date order;
 * c-may.ldif has no header and is dated by its modification time. */
static const char * const snapshot_files[] = {
  "a-march.ldif", "b-january.ldif", "c-may.ldif", "d-april.ldif", "e-february.ldif",
};
#define MAY_MTIME "2026-05-11T12:00:00Z"

static const char * const expected_keys[] = {
  "Exchange 2000 SP3", "Exchange 2003 SP1", "Exchange 2003 SP2", "Exchange 2007 SP1",
  "Exchange 2007 SP2",
};

/* In date order: file, date, counts per expected key, servers, errors,
 * warnings, readiness. */
static const struct
{
  const char          *file;
  const char          *date;
  guint                counts[5];
  guint                servers;
  guint                errors;
  guint                warnings;
  ExtopoReadinessState readiness;
} expected[] = {
  { "b-january.ldif", "2026-01-05T09:00:00Z", { 1, 2, 0, 0, 0 }, 3, 1, 2,
    EXTOPO_READINESS_NOT_READY },
  { "e-february.ldif", "2026-02-02T09:00:00Z", { 1, 1, 1, 1, 0 }, 4, 1, 1,
    EXTOPO_READINESS_READY_WITH_FINDINGS },
  { "a-march.ldif", "2026-03-09T09:00:00Z", { 1, 0, 2, 1, 0 }, 4, 0, 0,
    EXTOPO_READINESS_READY },
  { "d-april.ldif", "2026-04-13T09:00:00Z", { 0, 0, 2, 2, 0 }, 4, 0, 0,
    EXTOPO_READINESS_READY },
  { "c-may.ldif", MAY_MTIME, { 0, 0, 2, 0, 2 }, 4, 0, 0, EXTOPO_READINESS_READY },
};

static char *scratch_dir;

/* A fresh folder in the scratch directory holding the five snapshots, the
 * headerless one's modification time set. */
static char *
make_history_dir (const char *name)
{
  g_autoptr(GDateTime) may = g_date_time_new_from_iso8601 (MAY_MTIME, NULL);
  char *dir = g_build_filename (scratch_dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (snapshot_files); i++)
    {
      g_autofree char *from = g_test_build_filename (G_TEST_DIST, "history", snapshot_files[i],
                                                     NULL);
      g_autofree char *to = g_build_filename (dir, snapshot_files[i], NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (from, &contents, &length, NULL));
      g_assert_true (g_file_set_contents (to, contents, length, NULL));
    }

  {
    g_autofree char *path = g_build_filename (dir, "c-may.ldif", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autoptr(GError) error = NULL;

    g_file_set_attribute_uint64 (file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                 (guint64) g_date_time_to_unix (may), G_FILE_QUERY_INFO_NONE,
                                 NULL, &error);
    g_assert_no_error (error);
  }

  return dir;
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static char *
iso_date (GDateTime *date)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (date);

  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

static void
assert_expected_series (ExtopoHistory *history)
{
  g_assert_cmpuint (history->series->len, ==, G_N_ELEMENTS (expected_keys));
  for (guint s = 0; s < G_N_ELEMENTS (expected_keys); s++)
    g_assert_cmpstr (((ExtopoHistorySeries *) g_ptr_array_index (history->series, s))->key, ==,
                     expected_keys[s]);

  g_assert_cmpuint (history->points->len, ==, G_N_ELEMENTS (expected));
  for (guint p = 0; p < G_N_ELEMENTS (expected); p++)
    {
      const ExtopoHistoryPoint *point = &g_array_index (history->points, ExtopoHistoryPoint, p);
      g_autofree char *date = iso_date (point->date);

      g_test_message ("snapshot %u: %s", p, point->file);
      g_assert_cmpstr (point->file, ==, expected[p].file);
      g_assert_cmpstr (date, ==, expected[p].date);
      for (guint s = 0; s < G_N_ELEMENTS (expected_keys); s++)
        {
          g_assert_cmpuint (point->counts[s], ==, expected[p].counts[s]);
          g_assert_cmpuint (extopo_history_point_get_count (history, point, expected_keys[s]),
                            ==, expected[p].counts[s]);
        }
      g_assert_cmpuint (point->n_servers, ==, expected[p].servers);
      g_assert_cmpuint (point->n_errors, ==, expected[p].errors);
      g_assert_cmpuint (point->n_warnings, ==, expected[p].warnings);
      g_assert_cmpint (point->readiness, ==, expected[p].readiness);
    }
}

static void
test_history_series (void)
{
  g_autofree char *dir = make_history_dir ("series");
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoHistory) history = extopo_history_load (dir, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (history);
  assert_expected_series (history);
  g_assert_cmpuint (history->skipped->len, ==, 0);
  g_assert_cmpuint (extopo_history_get_max_servers (history), ==, 4);
  g_assert_cmpuint (extopo_history_get_max_findings (history), ==, 2);
  g_assert_cmpuint (extopo_history_point_get_count (history,
                                                    &g_array_index (history->points,
                                                                    ExtopoHistoryPoint, 0),
                                                    "Exchange 2010 SP3"), ==, 0);
}

/* The headerless file moves with its modification time. */
static void
test_history_mtime (void)
{
  g_autofree char *dir = make_history_dir ("mtime");
  g_autofree char *path = g_build_filename (dir, "c-may.ldif", NULL);
  g_autoptr(GDateTime) december = g_date_time_new_utc (2025, 12, 1, 8, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoHistory) history = NULL;
  struct utimbuf times;
  const ExtopoHistoryPoint *first;
  g_autofree char *date = NULL;

  times.actime = times.modtime = g_date_time_to_unix (december);
  g_assert_cmpint (g_utime (path, &times), ==, 0);
  history = extopo_history_load (dir, NULL, &error);
  g_assert_no_error (error);
  first = &g_array_index (history->points, ExtopoHistoryPoint, 0);
  date = iso_date (first->date);
  g_assert_cmpstr (first->file, ==, "c-may.ldif");
  g_assert_cmpstr (date, ==, "2025-12-01T08:00:00Z");
  g_assert_cmpstr (g_array_index (history->points, ExtopoHistoryPoint, 1).file, ==,
                   "b-january.ldif");
}

/* A bad file is left out with a message naming it and its line; the
 * others still count. */
static void
test_history_bad_file (void)
{
  g_autofree char *dir = make_history_dir ("bad-file");
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoHistory) history = NULL;
  const char *message;

  write_file (dir, "z-broken.ldif", "# fetched: 2026-06-01T00:00:00Z\n\ndn: CN=x,DC=example\n"
              "objectClass: top\nthis line is not LDIF\n");
  write_file (dir, "notes.txt", "not a snapshot\n");
  history = extopo_history_load (dir, NULL, &error);
  g_assert_no_error (error);
  assert_expected_series (history);
  g_assert_cmpuint (history->skipped->len, ==, 1);
  message = g_ptr_array_index (history->skipped, 0);
  g_test_message ("%s", message);
  g_assert_nonnull (strstr (message, "z-broken.ldif:5:"));
}

static void
test_history_errors (void)
{
  g_autofree char *empty = g_build_filename (scratch_dir, "empty", NULL);
  g_autofree char *broken = g_build_filename (scratch_dir, "all-broken", NULL);
  g_autofree char *missing = g_build_filename (scratch_dir, "missing", NULL);
  g_autoptr(GError) error = NULL;
  ExtopoHistory *history;

  g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
  history = extopo_history_load (empty, NULL, &error);
  g_assert_null (history);
  g_assert_error (error, EXTOPO_HISTORY_ERROR, EXTOPO_HISTORY_ERROR_NO_SNAPSHOTS);
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir_with_parents (broken, 0700), ==, 0);
  write_file (broken, "one.ldif", "dn: CN=x,DC=example\nobjectClass: top\n");
  history = extopo_history_load (broken, NULL, &error);
  g_assert_null (history);
  g_assert_error (error, EXTOPO_HISTORY_ERROR, EXTOPO_HISTORY_ERROR_NONE_USABLE);
  g_assert_nonnull (strstr (error->message, "one.ldif"));
  g_clear_error (&error);

  history = extopo_history_load (missing, NULL, &error);
  g_assert_null (history);
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
}

/* Any size, even one too small for its text, and a single snapshot. */
static void
test_history_chart_sizes (void)
{
  g_autofree char *dir = g_build_filename (scratch_dir, "single", NULL);
  g_autofree char *from = g_test_build_filename (G_TEST_DIST, "history", "b-january.ldif",
                                                 NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoHistory) history = NULL;
  const double sizes[][2] = { { 960, 560 }, { 300, 200 }, { 40, 30 }, { 4000, 3000 } };

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_get_contents (from, &contents, NULL, NULL));
  write_file (dir, "only.ldif", contents);
  history = extopo_history_load (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->points->len, ==, 1);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(ExtopoHistoryChart) chart = extopo_history_chart_new (history, NULL, sizes[i][0],
                                                                      sizes[i][1]);
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 100);
      cairo_t *cr = cairo_create (surface);

      extopo_history_chart_draw (chart, cr);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

/* ------------------------------------------------------------------ */
/* The command line                                                    */

/* Runs $EXTOPO_BINARY with @args (NULL-terminated); returns its exit
 * status and fills @out and @err. */
static int
run_extopo (char       **out,
            char       **err,
            const char  *first_arg,
            ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  va_list args;

  g_strv_builder_add (builder, g_getenv ("EXTOPO_BINARY"));
  va_start (args, first_arg);
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_strv_builder_add (builder, arg);
  va_end (args);
  argv = g_strv_builder_end (builder);

  g_assert_true (g_spawn_sync (NULL, argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err,
                               &wait_status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  g_test_message ("exit %d\n%s\n%s", WEXITSTATUS (wait_status), *out, *err);

  return WEXITSTATUS (wait_status);
}

/* `extopo --history=DIR --export=NAME` in the scratch folder; returns the
 * file's path. */
static char *
export_history (const char *dir,
                const char *name)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *history_arg = g_strconcat ("--history=", dir, NULL);
  char *path = g_build_filename (scratch_dir, name, NULL);
  g_autofree char *export_arg = g_strconcat ("--export=", path, NULL);

  g_remove (path);
  g_assert_cmpint (run_extopo (&out, &err, history_arg, export_arg, NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  return path;
}

static void
test_history_cli_text (void)
{
  g_autofree char *dir = make_history_dir ("cli-text");
  g_autofree char *arg = g_strconcat ("--history=", dir, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  const char *rows[][4] = {
    { "2026-01-05 09:00", "b-january.ldif", "1         2         0         0         0        3"
      "       1         2", "not ready" },
    { "2026-02-02 09:00", "e-february.ldif", "4       1         1", "ready with findings" },
    { "2026-03-09 09:00", "a-march.ldif", "4       0         0", "ready" },
    { "2026-04-13 09:00", "d-april.ldif", "0         0         2         2         0", "ready" },
    { "2026-05-11 12:00", "c-may.ldif", "0         0         2         0         2", "ready" },
  };

  g_assert_cmpint (run_extopo (&out, &err, arg, NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "Progress in "));
  g_assert_nonnull (strstr (lines[0], "5 snapshots, 2026-01-05 to 2026-05-11"));
  g_assert_true (g_str_has_prefix (lines[2], "Date "));
  g_assert_nonnull (strstr (lines[2], "2000 SP3  2003 SP1  2003 SP2  2007 SP1  2007 SP2  "
                            "Servers  Errors  Warnings  Readiness"));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const char *line = lines[3 + i];

      g_assert_true (g_str_has_prefix (line, rows[i][0]));
      g_assert_nonnull (strstr (line, rows[i][1]));
      g_assert_nonnull (strstr (line, rows[i][2]));
      g_assert_true (g_str_has_suffix (line, rows[i][3]));
    }
  g_assert_nonnull (strstr (out, "2003 SP2: Exchange Server 2003 SP2\n"));
}

static void
test_history_cli_csv (void)
{
  g_autofree char *dir = make_history_dir ("cli-csv");
  g_autofree char *path = export_history (dir, "history.csv");
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "file,date,Exchange 2000 SP3,Exchange 2003 SP1,"
                   "Exchange 2003 SP2,Exchange 2007 SP1,Exchange 2007 SP2,servers,errors,"
                   "warnings,readiness");
  g_assert_cmpstr (lines[1], ==, "b-january.ldif,2026-01-05T09:00:00Z,1,2,0,0,0,3,1,2,not-ready");
  g_assert_cmpstr (lines[2], ==, "e-february.ldif,2026-02-02T09:00:00Z,1,1,1,1,0,4,1,1,"
                   "ready-with-findings");
  g_assert_cmpstr (lines[3], ==, "a-march.ldif,2026-03-09T09:00:00Z,1,0,2,1,0,4,0,0,ready");
  g_assert_cmpstr (lines[4], ==, "d-april.ldif,2026-04-13T09:00:00Z,0,0,2,2,0,4,0,0,ready");
  g_assert_cmpstr (lines[5], ==, "c-may.ldif,2026-05-11T12:00:00Z,0,0,2,0,2,4,0,0,ready");
  g_assert_cmpstr (lines[6], ==, "");
  g_assert_null (lines[7]);
}

static void
test_history_cli_json (void)
{
  g_autofree char *dir = make_history_dir ("cli-json");
  g_autofree char *path = export_history (dir, "history.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *series, *snapshots;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  series = json_object_get_array_member (root, "series");
  g_assert_cmpuint (json_array_get_length (series), ==, G_N_ELEMENTS (expected_keys));
  for (guint s = 0; s < G_N_ELEMENTS (expected_keys); s++)
    g_assert_cmpstr (json_array_get_string_element (series, s), ==, expected_keys[s]);

  snapshots = json_object_get_array_member (root, "snapshots");
  g_assert_cmpuint (json_array_get_length (snapshots), ==, G_N_ELEMENTS (expected));
  for (guint p = 0; p < G_N_ELEMENTS (expected); p++)
    {
      JsonObject *point = json_array_get_object_element (snapshots, p);
      JsonObject *counts = json_object_get_object_member (point, "counts");
      const char *readiness[] = { "not-ready", "ready-with-findings", "ready" };

      g_assert_cmpstr (json_object_get_string_member (point, "file"), ==, expected[p].file);
      g_assert_cmpstr (json_object_get_string_member (point, "date"), ==, expected[p].date);
      for (guint s = 0; s < G_N_ELEMENTS (expected_keys); s++)
        g_assert_cmpint (json_object_get_int_member (counts, expected_keys[s]), ==,
                         expected[p].counts[s]);
      g_assert_cmpint (json_object_get_int_member (point, "servers"), ==, expected[p].servers);
      g_assert_cmpint (json_object_get_int_member (point, "errors"), ==, expected[p].errors);
      g_assert_cmpint (json_object_get_int_member (point, "warnings"), ==,
                       expected[p].warnings);
      g_assert_cmpstr (json_object_get_string_member (point, "readiness"), ==,
                       readiness[expected[p].readiness]);
    }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "skipped")), ==,
                    0);
}

/* The texts of the SVG's <text class="legend"> elements. */
typedef struct
{
  gboolean   in_legend;
  GString   *current;
  GPtrArray *texts;
} SvgTexts;

static void
svg_start_cb (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              user_data,
              GError              **error)
{
  SvgTexts *texts = user_data;

  if (strcmp (element, "text") != 0)
    return;
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], "class") == 0 && strcmp (values[i], "legend") == 0)
      texts->in_legend = TRUE;
  g_string_truncate (texts->current, 0);
}

static void
svg_end_cb (GMarkupParseContext  *context,
            const char           *element,
            gpointer              user_data,
            GError              **error)
{
  SvgTexts *texts = user_data;

  if (strcmp (element, "text") == 0 && texts->in_legend)
    g_ptr_array_add (texts->texts, g_strdup (texts->current->str));
  texts->in_legend = FALSE;
}

static void
svg_text_cb (GMarkupParseContext  *context,
             const char           *text,
             gsize                 length,
             gpointer              user_data,
             GError              **error)
{
  SvgTexts *texts = user_data;

  if (texts->in_legend)
    g_string_append_len (texts->current, text, length);
}

static void
test_history_cli_svg (void)
{
  g_autofree char *dir = make_history_dir ("cli-svg");
  g_autofree char *path = export_history (dir, "history.svg");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  const GMarkupParser parser = { svg_start_cb, svg_end_cb, svg_text_cb, NULL, NULL };
  SvgTexts texts = { FALSE, g_string_new (NULL), g_ptr_array_new_with_free_func (g_free) };
  GMarkupParseContext *context;
  const char *wanted[] = {
    "Servers by version", "Exchange Server 2007 SP2", "Exchange Server 2007 SP1",
    "Exchange Server 2003 SP2", "Exchange Server 2003 SP1", "Exchange 2000 Server SP3",
    "Open findings", "Errors", "Warnings", "Readiness", "Not ready", "Ready with findings",
    "Ready",
  };

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  context = g_markup_parse_context_new (&parser, G_MARKUP_DEFAULT_FLAGS, &texts, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, -1, &error));
  g_assert_true (g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  g_markup_parse_context_free (context);

  /* In order: the newest release on top, as the stack has it. */
  g_assert_cmpuint (texts.texts->len, ==, G_N_ELEMENTS (wanted));
  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    g_assert_cmpstr (g_ptr_array_index (texts.texts, i), ==, wanted[i]);
  g_assert_nonnull (strstr (contents, "<title>Exchange 2007 migration progress</title>"));
  g_string_free (texts.current, TRUE);
  g_ptr_array_unref (texts.texts);
}

static void
test_history_cli_png (void)
{
  g_autofree char *dir = make_history_dir ("cli-png");
  g_autofree char *path = export_history (dir, "history.png");
  g_autofree char *contents = NULL;
  gsize length;
  cairo_surface_t *surface;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);
  surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==,
                   (int) (EXTOPO_HISTORY_CHART_WIDTH * EXTOPO_HISTORY_CHART_PNG_SCALE));
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==,
                   (int) (EXTOPO_HISTORY_CHART_HEIGHT * EXTOPO_HISTORY_CHART_PNG_SCALE));
  cairo_surface_destroy (surface);
}

static void
test_history_cli_pdf (void)
{
  g_autofree char *dir = make_history_dir ("cli-pdf");
  g_autofree char *path = export_history (dir, "history.pdf");
  g_autofree char *text = test_util_pdf_text (path);

  g_assert_nonnull (strstr (text, "Exchange 2007 migration progress"));
  g_assert_nonnull (strstr (text, "Snapshot date"));
  g_assert_nonnull (strstr (text, "2026-05-11"));
}

static void
test_history_cli_html (void)
{
  g_autofree char *dir = make_history_dir ("cli-html");
  g_autofree char *path = export_history (dir, "history.html");
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<!DOCTYPE html>"));
  g_assert_nonnull (strstr (contents, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
  g_assert_nonnull (strstr (contents, "<td class=\"text\">c-may.ldif</td>"));
  g_assert_nonnull (strstr (contents, "<td class=\"not-ready\">not ready</td>"));
  g_assert_null (strstr (contents, "<script"));
}

/* The HTML report of a SOURCE with --history includes the progress: a
 * section with the chart as inline SVG (real text) and a row per snapshot,
 * each of the five dates in it. Names from the folder and its files reach
 * it only as text. */
static void
test_history_cli_report (void)
{
  g_autofree char *dir = make_history_dir ("cli-report<script>alert(1)");
  g_autofree char *sample = g_build_filename (g_getenv ("EXTOPO_SAMPLES_DIR"),
                                              "coexistence.ldif", NULL);
  g_autofree char *path = g_build_filename (scratch_dir, "report.html", NULL);
  g_autofree char *history_arg = g_strconcat ("--history=", dir, NULL);
  g_autofree char *export_arg = g_strconcat ("--export=", path, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *section = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *start, *end, *p;
  guint rows = 0, texts = 0;

  /* A snapshot whose file name would be markup. */
  {
    g_autofree char *from = g_build_filename (dir, "a-march.ldif", NULL);
    g_autofree char *to = g_build_filename (dir, "a-<script>alert(2)<b>.ldif", NULL);

    g_assert_cmpint (g_rename (from, to), ==, 0);
  }

  /* Asked to name the source: the folder is named too. */
  g_assert_cmpint (run_extopo (&out, &err, sample, history_arg, export_arg, "--show-source",
                               NULL), ==, 0);
  g_assert_cmpstr (out, ==, "");
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  start = strstr (contents, "<section id=\"history\">");
  g_assert_nonnull (start);
  end = strstr (start, "</section>");
  g_assert_nonnull (end);
  section = g_strndup (start, end - start);
  g_assert_nonnull (strstr (section, "<h2>Progress over time</h2>"));
  g_assert_nonnull (strstr (section, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
  g_assert_nonnull (strstr (section, "Exchange 2007 migration progress</text>"));
  for (p = section; (p = strstr (p, "<text")) != NULL; p++)
    texts++;
  g_assert_cmpuint (texts, >, 10);
  for (p = section; (p = strstr (p, "<tr>")) != NULL; p++)
    rows++;
  g_assert_cmpuint (rows, ==, G_N_ELEMENTS (expected) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *day = g_strndup (expected[i].date, 10);
      g_autofree char *cell = g_strdup_printf ("<td class=\"text\">%s ", day);

      g_assert_nonnull (strstr (section, cell));
    }
  /* After the diagram, before the findings; the report's own parts stay. */
  g_assert_true (start > strstr (contents, "id=\"view\""));
  g_assert_nonnull (strstr (end, "id=\"inventory\""));
  /* Escaped: the report's script is its only one. */
  g_assert_nonnull (strstr (section, "a-&lt;script&gt;alert(2)&lt;b&gt;.ldif"));
  g_assert_nonnull (strstr (section, "cli-report&lt;script&gt;alert(1)"));
  g_assert_null (strstr (contents, "<script>alert"));
  g_assert_null (strstr (contents, "<b>.ldif"));
  p = strstr (contents, "<script");
  g_assert_nonnull (p);
  g_assert_null (strstr (p + 1, "<script"));
  g_assert_cmpint (g_unlink (path), ==, 0);

  /* By default a report names no source, and so not the folder either. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&contents, g_free);
  g_assert_cmpint (run_extopo (&out, &err, sample, history_arg, export_arg, NULL), ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<h2>Progress over time</h2>"));
  g_assert_nonnull (strstr (contents, "5 snapshots, "));
  g_assert_null (strstr (contents, "cli-report"));
  g_assert_cmpint (g_unlink (path), ==, 0);

  /* Without --history, no such section. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&contents, g_free);
  g_assert_cmpint (run_extopo (&out, &err, sample, export_arg, NULL), ==, 0);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, "<section id=\"history\">"));
  g_assert_cmpint (g_unlink (path), ==, 0);
}

static void
test_history_cli_errors (void)
{
  g_autofree char *dir = make_history_dir ("cli-errors");
  g_autofree char *empty = g_build_filename (scratch_dir, "cli-empty", NULL);
  g_autofree char *arg = g_strconcat ("--history=", dir, NULL);
  g_autofree char *empty_arg = g_strconcat ("--history=", empty, NULL);
  g_autofree char *dot_arg = g_strconcat ("--export=", scratch_dir, "/x.dot", NULL);
  g_autofree char *json_arg = g_strconcat ("--export=", scratch_dir, "/bad.json", NULL);
  char *out = NULL, *err = NULL;

  /* A SOURCE goes with --history only for an HTML report. */
  g_assert_cmpint (run_extopo (&out, &err, arg, "some.ldif", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "takes a SOURCE only for an HTML report"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_extopo (&out, &err, arg, "some.ldif", json_arg, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--export=REPORT.html"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    g_autofree char *html_arg = g_strconcat ("--export=", scratch_dir, "/r.html", NULL);

    g_assert_cmpint (run_extopo (&out, &err, arg, "some.ldif", html_arg, "--anonymize", NULL),
                     ==, 2);
    g_assert_nonnull (strstr (err, "cannot be combined with"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  g_assert_cmpint (run_extopo (&out, &err, arg, dot_arg, NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (run_extopo (&out, &err, arg, "--findings", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (g_mkdir_with_parents (empty, 0700), ==, 0);
  g_assert_cmpint (run_extopo (&out, &err, empty_arg, NULL), ==, 1);
  g_assert_true (g_str_has_prefix (err, "extopo: "));
  g_assert_nonnull (strstr (err, "no .ldif file"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* A bad file: a warning naming it, the export still written. */
  write_file (dir, "z-broken.ldif", "dn: CN=x,DC=example\nobjectClass top\n");
  g_assert_cmpint (run_extopo (&out, &err, arg, json_arg, NULL), ==, 0);
  g_assert_nonnull (strstr (err, "warning: left out "));
  g_assert_nonnull (strstr (err, "z-broken.ldif:2:"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  scratch_dir = g_dir_make_tmp ("test-history-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/history/series", test_history_series);
  g_test_add_func ("/history/mtime", test_history_mtime);
  g_test_add_func ("/history/bad-file", test_history_bad_file);
  g_test_add_func ("/history/errors", test_history_errors);
  g_test_add_func ("/history/chart-sizes", test_history_chart_sizes);
  g_test_add_func ("/history/cli/text", test_history_cli_text);
  g_test_add_func ("/history/cli/csv", test_history_cli_csv);
  g_test_add_func ("/history/cli/json", test_history_cli_json);
  g_test_add_func ("/history/cli/svg", test_history_cli_svg);
  g_test_add_func ("/history/cli/png", test_history_cli_png);
  g_test_add_func ("/history/cli/pdf", test_history_cli_pdf);
  g_test_add_func ("/history/cli/html", test_history_cli_html);
  g_test_add_func ("/history/cli/report", test_history_cli_report);
  g_test_add_func ("/history/cli/errors", test_history_cli_errors);

  status = g_test_run ();

  {
    const char *argv_rm[] = { "rm", "-rf", scratch_dir, NULL };

    g_spawn_sync (NULL, (char **) argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                  NULL, NULL);
  }
  g_free (scratch_dir);

  return status;
}
