/* extopo-history.h: an organization's progress over a folder of snapshots.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include <gio/gio.h>

#include "extopo-findings.h"
#include "extopo-version.h"

G_BEGIN_DECLS

#define EXTOPO_HISTORY_ERROR (extopo_history_error_quark ())

typedef enum
{
  EXTOPO_HISTORY_ERROR_NO_SNAPSHOTS,  /* the folder holds no *.ldif file */
  EXTOPO_HISTORY_ERROR_NONE_USABLE,   /* every *.ldif file failed to load */
} ExtopoHistoryError;

GQuark extopo_history_error_quark (void);

/* One release and level that servers run: the stacked bands of the chart,
 * the columns of the table. */
typedef struct
{
  /* "Exchange 2003 SP2", "Exchange 2007 RTM", "Exchange 2016 CU23",
   * "Exchange 2003" (level unknown), "Exchange 9.0", "Unknown": English and
   * stable, for the CSV and JSON. */
  char          *key;
  char          *label;     /* for a reader, "Exchange Server 2003 SP2"; translated */
  char          *short_label; /* "2003 SP2", for table columns; translated */
  ExtopoProduct  product;   /* EXTOPO_PRODUCT_UNKNOWN for an unknown version */
  guint          major;
  guint          minor;
  int            level;     /* service pack or cumulative update; -1 unknown */
} ExtopoHistorySeries;

/* One snapshot, measured. */
typedef struct
{
  char                 *file;        /* the file's name in the folder, for display */
  GDateTime            *date;        /* its header's fetch time, else its mtime */
  guint                 n_servers;
  guint                *counts;      /* servers per series, series->len of them */
  guint                 n_errors;    /* open findings of the worst organization */
  guint                 n_warnings;
  ExtopoReadinessState  readiness;
} ExtopoHistoryPoint;

typedef struct _ExtopoHistory
{
  char      *folder;
  /* ExtopoHistoryPoint, oldest first; snapshots of the same date in the
   * order of their file names. */
  GArray    *points;
  /* ExtopoHistorySeries*, the oldest release first, each level in order,
   * an unknown level before the known ones, unknown versions last. Only the
   * series some snapshot has. */
  GPtrArray *series;
  /* char*: a message per file left out (it does not read as LDIF or holds
   * no organization), naming the file and, when the reader knows it, the
   * line. A history with some usable snapshots is still a history. */
  GPtrArray *skipped;
} ExtopoHistory;

/* Loads every *.ldif file in @folder (not its subfolders), one at a time,
 * keeping only its measures: a folder of large snapshots costs the memory
 * of one. Files that fail are listed in `skipped`; an error only when no
 * file could be used, or the folder cannot be read. */
ExtopoHistory *extopo_history_load        (const char           *folder,
                                           GCancellable         *cancellable,
                                           GError              **error);
void           extopo_history_free        (ExtopoHistory        *history);
/* The most servers any snapshot has (the chart's scale), and the most
 * errors or warnings one has. */
guint          extopo_history_get_max_servers  (const ExtopoHistory *history);
guint          extopo_history_get_max_findings (const ExtopoHistory *history);
/* The count of @series_key ("Exchange 2003 SP2") in @point; 0 when the
 * history has no such series. */
guint          extopo_history_point_get_count  (const ExtopoHistory      *history,
                                                const ExtopoHistoryPoint *point,
                                                const char               *series_key);

/* extopo-history-report.c */

/* A table for a reader: one row per snapshot with its date, the servers per
 * series, errors, warnings and readiness; skipped files after it. Translated. */
char          *extopo_history_to_text     (const ExtopoHistory  *history);
/* {"folder", "series": [keys], "snapshots": [{"file", "date", "servers",
 * "counts": {key: n}, "errors", "warnings", "readiness"}], "skipped": [...]};
 * FALSE when a write failed (errno tells why). */
gboolean       extopo_history_write_json  (const ExtopoHistory  *history,
                                           FILE                 *stream);
/* One row per snapshot: file, date, each series' key, servers, errors,
 * warnings, readiness; RFC 4180 with the model report's formula guard. */
gboolean       extopo_history_write_csv   (const ExtopoHistory  *history,
                                           FILE                 *stream);
/* The chart as inline SVG (with real text) and a table of the series, in
 * a <section id="history"> headed "Progress over time", for another page
 * (the HTML report) that styles figure and table. */
gboolean       extopo_history_write_html_section (const ExtopoHistory *history,
                                                  FILE                *stream);
/* One self-contained page: @title (NULL: the chart's default), the chart
 * as inline SVG, the table and the files left out; it loads nothing. */
gboolean       extopo_history_write_html  (const ExtopoHistory  *history,
                                           const char           *title,
                                           FILE                 *stream);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExtopoHistory, extopo_history_free)

G_END_DECLS
