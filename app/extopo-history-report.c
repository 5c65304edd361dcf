/* extopo-history-report.c: a history of snapshots as text, JSON and CSV.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-history"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "extopo-history.h"
#include "extopo-history-chart.h"
#include "extopo-json-writer.h"
#include "extopo-report.h"
#include "extopo-svg-writer.h"

#define POINT(history, i) (&g_array_index ((history)->points, ExtopoHistoryPoint, (i)))

/* A date as @format says, in UTC. */
static char *
format_utc (GDateTime  *date,
            const char *format)
{
  g_autoptr(GDateTime) utc = g_date_time_to_utc (date);

  return g_date_time_format (utc, format);
}

/* ------------------------------------------------------------------ */
/* Text                                                                */

/* A table as rows of cells; columns padded to their widest cell, the
 * first two (date, file) to the left, numbers to the right. */
static void
append_table (GString   *text,
              GPtrArray *rows,
              guint      n_columns)
{
  g_autofree glong *widths = g_new0 (glong, n_columns);

  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);

      for (guint c = 0; c < n_columns; c++)
        widths[c] = MAX (widths[c], g_utf8_strlen (cells[c], -1));
    }
  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);

      for (guint c = 0; c < n_columns; c++)
        {
          glong pad = widths[c] - g_utf8_strlen (cells[c], -1);
          gboolean left = c < 2 || c == n_columns - 1;

          if (c > 0)
            g_string_append (text, "  ");
          if (!left)
            g_string_append_printf (text, "%*s", (int) pad, "");
          g_string_append (text, cells[c]);
          if (left && c < n_columns - 1)
            g_string_append_printf (text, "%*s", (int) pad, "");
        }
      g_string_append_c (text, '\n');
    }
}

char *
extopo_history_to_text (const ExtopoHistory *history)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  guint n_series, n_columns;
  GPtrArray *row;
  GString *text;

  g_return_val_if_fail (history != NULL, NULL);
  g_return_val_if_fail (history->points->len > 0, NULL);

  n_series = history->series->len;
  n_columns = n_series + 6;
  first = format_utc (POINT (history, 0)->date, "%Y-%m-%d");
  last = format_utc (POINT (history, history->points->len - 1)->date, "%Y-%m-%d");
  text = g_string_new (NULL);
  g_string_append_printf (text,
                          /* Translators: the heading of `extopo --history`: a folder,
                           * how many snapshots, the first and the last date. */
                          ngettext ("Progress in %s: %u snapshot, %s to %s",
                                    "Progress in %s: %u snapshots, %s to %s",
                                    history->points->len),
                          history->folder, history->points->len, first, last);
  g_string_append (text, "\n\n");

  row = g_ptr_array_new ();
  g_ptr_array_add (row, g_strdup (_("Date")));
  g_ptr_array_add (row, g_strdup (_("File")));
  for (guint s = 0; s < n_series; s++)
    g_ptr_array_add (row, g_strdup (((ExtopoHistorySeries *)
                                     g_ptr_array_index (history->series, s))->short_label));
  g_ptr_array_add (row, g_strdup (_("Servers")));
  g_ptr_array_add (row, g_strdup (_("Errors")));
  g_ptr_array_add (row, g_strdup (_("Warnings")));
  g_ptr_array_add (row, g_strdup (_("Readiness")));
  g_ptr_array_add (row, NULL);
  g_ptr_array_add (rows, g_ptr_array_free (row, FALSE));

  for (guint p = 0; p < history->points->len; p++)
    {
      const ExtopoHistoryPoint *point = POINT (history, p);

      row = g_ptr_array_new ();
      g_ptr_array_add (row, format_utc (point->date, "%Y-%m-%d %H:%M"));
      g_ptr_array_add (row, g_strdup (point->file));
      for (guint s = 0; s < n_series; s++)
        g_ptr_array_add (row, g_strdup_printf ("%u", point->counts[s]));
      g_ptr_array_add (row, g_strdup_printf ("%u", point->n_servers));
      g_ptr_array_add (row, g_strdup_printf ("%u", point->n_errors));
      g_ptr_array_add (row, g_strdup_printf ("%u", point->n_warnings));
      g_ptr_array_add (row,
                       g_strdup (extopo_readiness_state_get_display_name (point->readiness)));
      g_ptr_array_add (row, NULL);
      g_ptr_array_add (rows, g_ptr_array_free (row, FALSE));
    }
  append_table (text, rows, n_columns);

  if (n_series > 0)
    {
      g_string_append_c (text, '\n');
      for (guint s = 0; s < n_series; s++)
        {
          ExtopoHistorySeries *series = g_ptr_array_index (history->series, s);

          g_string_append_printf (text, "%s: %s\n", series->short_label, series->label);
        }
    }

  if (history->skipped->len > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              /* Translators: followed by one line per file left out. */
                              ngettext ("%u file left out:", "%u files left out:",
                                        history->skipped->len),
                              history->skipped->len);
      g_string_append_c (text, '\n');
      for (guint i = 0; i < history->skipped->len; i++)
        g_string_append_printf (text, "  %s\n", (char *) g_ptr_array_index (history->skipped, i));
    }

  return g_string_free (text, FALSE);
}

/* ------------------------------------------------------------------ */
/* JSON                                                                */

static void
json_uint_member (ExtopoJsonWriter *writer,
                  const char       *name,
                  guint             value)
{
  extopo_json_writer_member (writer, name);
  extopo_json_writer_int (writer, value);
}

gboolean
extopo_history_write_json (const ExtopoHistory *history,
                           FILE                *stream)
{
  ExtopoJsonWriter *writer;
  gboolean ok = FALSE;

  g_return_val_if_fail (history != NULL, FALSE);
  g_return_val_if_fail (stream != NULL, FALSE);

  writer = extopo_json_writer_new (stream);
  extopo_json_writer_begin_object (writer);
  extopo_json_writer_member (writer, "folder");
  extopo_json_writer_string (writer, history->folder);

  extopo_json_writer_member (writer, "series");
  extopo_json_writer_begin_array (writer);
  for (guint s = 0; s < history->series->len; s++)
    extopo_json_writer_string (writer,
                               ((ExtopoHistorySeries *) g_ptr_array_index (history->series, s))
                               ->key);
  extopo_json_writer_end_array (writer);

  extopo_json_writer_member (writer, "snapshots");
  extopo_json_writer_begin_array (writer);
  for (guint p = 0; p < history->points->len; p++)
    {
      const ExtopoHistoryPoint *point = POINT (history, p);
      g_autofree char *date = format_utc (point->date, "%Y-%m-%dT%H:%M:%SZ");

      extopo_json_writer_begin_object (writer);
      extopo_json_writer_member (writer, "file");
      extopo_json_writer_string (writer, point->file);
      extopo_json_writer_member (writer, "date");
      extopo_json_writer_string (writer, date);
      json_uint_member (writer, "servers", point->n_servers);
      extopo_json_writer_member (writer, "counts");
      extopo_json_writer_begin_object (writer);
      for (guint s = 0; s < history->series->len; s++)
        json_uint_member (writer,
                          ((ExtopoHistorySeries *) g_ptr_array_index (history->series, s))->key,
                          point->counts[s]);
      extopo_json_writer_end_object (writer);
      json_uint_member (writer, "errors", point->n_errors);
      json_uint_member (writer, "warnings", point->n_warnings);
      extopo_json_writer_member (writer, "readiness");
      extopo_json_writer_string (writer, extopo_readiness_state_to_string (point->readiness));
      extopo_json_writer_end_object (writer);
    }
  extopo_json_writer_end_array (writer);

  extopo_json_writer_member (writer, "skipped");
  extopo_json_writer_begin_array (writer);
  for (guint i = 0; i < history->skipped->len; i++)
    extopo_json_writer_string (writer, g_ptr_array_index (history->skipped, i));
  extopo_json_writer_end_array (writer);
  extopo_json_writer_end_object (writer);

  extopo_json_writer_finish (writer, &ok);

  return ok;
}

/* ------------------------------------------------------------------ */
/* CSV                                                                 */

gboolean
extopo_history_write_csv (const ExtopoHistory *history,
                          FILE                *stream)
{
  g_autoptr(GString) csv = g_string_new (NULL);

  g_return_val_if_fail (history != NULL, FALSE);
  g_return_val_if_fail (stream != NULL, FALSE);

  extopo_report_csv_append_field (csv, "file", TRUE);
  extopo_report_csv_append_field (csv, "date", FALSE);
  for (guint s = 0; s < history->series->len; s++)
    extopo_report_csv_append_field (csv,
                                    ((ExtopoHistorySeries *)
                                     g_ptr_array_index (history->series, s))->key, FALSE);
  extopo_report_csv_append_field (csv, "servers", FALSE);
  extopo_report_csv_append_field (csv, "errors", FALSE);
  extopo_report_csv_append_field (csv, "warnings", FALSE);
  extopo_report_csv_append_field (csv, "readiness", FALSE);
  g_string_append (csv, "\r\n");

  for (guint p = 0; p < history->points->len; p++)
    {
      const ExtopoHistoryPoint *point = POINT (history, p);
      g_autofree char *date = format_utc (point->date, "%Y-%m-%dT%H:%M:%SZ");

      extopo_report_csv_append_field (csv, point->file, TRUE);
      extopo_report_csv_append_field (csv, date, FALSE);
      for (guint s = 0; s < history->series->len; s++)
        g_string_append_printf (csv, ",%u", point->counts[s]);
      g_string_append_printf (csv, ",%u,%u,%u,", point->n_servers, point->n_errors,
                              point->n_warnings);
      g_string_append (csv, extopo_readiness_state_to_string (point->readiness));
      g_string_append (csv, "\r\n");
    }

  return fwrite (csv->str, 1, csv->len, stream) == csv->len;
}

/* ------------------------------------------------------------------ */
/* HTML                                                                */

static const char history_style[] =
  "body{font-family:Sans,Cantarell,'DejaVu Sans',sans-serif;margin:24px;color:#262b33;"
  "background:#f6f7f9}\n"
  "h1{font-size:22px;margin:8px 0}\n"
  "h2{font-size:17px;margin:24px 0 8px}\n"
  ".meta{color:#666e7a;font-size:13px}\n"
  "figure{margin:0;background:#fff;border:1px solid #c5ccd6;border-radius:6px;"
  "max-width:960px}\n"
  "figure svg{display:block;width:100%;height:auto}\n"
  "table{border-collapse:collapse;background:#fff;font-size:13px}\n"
  "th,td{border:1px solid #d5dae1;padding:4px 8px;text-align:right}\n"
  "th{background:#eceff3}\n"
  "td.text,th.text{text-align:left}\n"
  "td.not-ready{color:#cc332e;font-weight:bold}\n"
  "td.ready-with-findings{color:#b3770f;font-weight:bold}\n"
  "td.ready{color:#3d6b4d;font-weight:bold}\n";

static void
html_cell (GString    *out,
           const char *tag,
           const char *css_class,
           const char *text)
{
  g_string_append_printf (out, "<%s", tag);
  if (css_class != NULL)
    g_string_append_printf (out, " class=\"%s\"", css_class);
  g_string_append_c (out, '>');
  extopo_markup_append_escaped (out, text);
  g_string_append_printf (out, "</%s>", tag);
}

static void
html_table (GString             *out,
            const ExtopoHistory *history)
{
  const char *after[] = { _("Servers"), _("Errors"), _("Warnings"), NULL };

  g_string_append (out, "<table id=\"series\">\n<thead><tr>");
  html_cell (out, "th", "text", _("Date"));
  html_cell (out, "th", "text", _("File"));
  for (guint s = 0; s < history->series->len; s++)
    {
      ExtopoHistorySeries *series = g_ptr_array_index (history->series, s);

      html_cell (out, "th", NULL, series->label);
    }
  for (guint i = 0; after[i] != NULL; i++)
    html_cell (out, "th", NULL, after[i]);
  html_cell (out, "th", "text", _("Readiness"));
  g_string_append (out, "</tr></thead>\n<tbody>\n");

  for (guint p = 0; p < history->points->len; p++)
    {
      const ExtopoHistoryPoint *point = POINT (history, p);
      g_autofree char *date = format_utc (point->date, "%Y-%m-%d %H:%M");

      g_string_append (out, "<tr>");
      html_cell (out, "td", "text", date);
      html_cell (out, "td", "text", point->file);
      for (guint s = 0; s < history->series->len; s++)
        g_string_append_printf (out, "<td>%u</td>", point->counts[s]);
      g_string_append_printf (out, "<td>%u</td><td>%u</td><td>%u</td>", point->n_servers,
                              point->n_errors, point->n_warnings);
      html_cell (out, "td", extopo_readiness_state_to_string (point->readiness),
                 extopo_readiness_state_get_display_name (point->readiness));
      g_string_append (out, "</tr>\n");
    }
  g_string_append (out, "</tbody>\n</table>\n");
}

/* The folder's name (unless left out, NULL), then the chart (titled @title, NULL: the default) in
 * a figure of @figure_class (may be NULL), after what @out holds; @out is
 * left empty. FALSE when a write failed. */
static gboolean
write_folder_and_chart (GString             *out,
                        const ExtopoHistory *history,
                        const char          *title,
                        const char          *figure_class,
                        FILE                *stream)
{
  g_autoptr(ExtopoHistoryChart) chart = extopo_history_chart_new (history, title,
                                                                  EXTOPO_HISTORY_CHART_WIDTH,
                                                                  EXTOPO_HISTORY_CHART_HEIGHT);
  gboolean ok;

  if (history->folder != NULL)
    {
      g_string_append (out, "<p class=\"meta\">");
      extopo_markup_append_escaped (out, history->folder);
      g_string_append (out, "</p>\n");
    }
  g_string_append (out, "<figure");
  if (figure_class != NULL)
    g_string_append_printf (out, " class=\"%s\"", figure_class);
  g_string_append (out, ">\n");
  ok = fwrite (out->str, 1, out->len, stream) == out->len;
  g_string_truncate (out, 0);
  ok = extopo_history_chart_write_svg (chart, stream) && ok;
  g_string_append (out, "</figure>\n");

  return ok;
}

gboolean
extopo_history_write_html_section (const ExtopoHistory *history,
                                   FILE                *stream)
{
  g_autoptr(GString) out = g_string_sized_new (1 << 12);
  gboolean ok;

  g_return_val_if_fail (history != NULL, FALSE);
  g_return_val_if_fail (stream != NULL, FALSE);

  g_string_append (out, "<section id=\"history\">\n<h2>");
  extopo_markup_append_escaped (out, _("Progress over time"));
  g_string_append (out, "</h2>\n");
  ok = write_folder_and_chart (out, history, NULL, "chart", stream);
  html_table (out, history);
  g_string_append (out, "</section>\n");

  return fwrite (out->str, 1, out->len, stream) == out->len && ok;
}

gboolean
extopo_history_write_html (const ExtopoHistory *history,
                           const char          *title,
                           FILE                *stream)
{
  g_autoptr(GString) out = g_string_sized_new (1 << 14);
  const char *shown_title;
  gboolean ok;

  g_return_val_if_fail (history != NULL, FALSE);
  g_return_val_if_fail (stream != NULL, FALSE);

  shown_title = title != NULL ? title : _("Exchange 2007 migration progress");
  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                   "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                   "style-src 'unsafe-inline'\">\n"
                   "<meta name=\"generator\" content=\"" PACKAGE_NAME " " PACKAGE_VERSION "\">\n"
                   "<title>");
  extopo_markup_append_escaped (out, shown_title);
  g_string_append_printf (out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>",
                          history_style);
  extopo_markup_append_escaped (out, shown_title);
  g_string_append (out, "</h1>\n");
  ok = write_folder_and_chart (out, history, title, NULL, stream);
  g_string_append (out, "<h2>");
  extopo_markup_append_escaped (out, _("Snapshots"));
  g_string_append (out, "</h2>\n");
  html_table (out, history);
  if (history->skipped->len > 0)
    {
      g_string_append (out, "<h2>");
      extopo_markup_append_escaped (out, _("Files left out"));
      g_string_append (out, "</h2>\n<ul>\n");
      for (guint i = 0; i < history->skipped->len; i++)
        {
          g_string_append (out, "<li>");
          extopo_markup_append_escaped (out, g_ptr_array_index (history->skipped, i));
          g_string_append (out, "</li>\n");
        }
      g_string_append (out, "</ul>\n");
    }
  g_string_append (out, "</body>\n</html>\n");

  return fwrite (out->str, 1, out->len, stream) == out->len && ok;
}
