/* extopo-history-chart.h: a history of snapshots drawn as a chart.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include <cairo.h>

#include "extopo-export.h"
#include "extopo-history.h"

G_BEGIN_DECLS

/* The size of an exported chart, in points (a PNG has two pixels a point). */
#define EXTOPO_HISTORY_CHART_WIDTH   960.0
#define EXTOPO_HISTORY_CHART_HEIGHT  560.0
#define EXTOPO_HISTORY_CHART_PNG_SCALE 2.0

/* The chart laid out once at a size, as shapes with their own colours and
 * text, then painted on any cairo context or written as SVG with real
 * text: servers by release and level as stacked areas over the snapshot
 * dates (proportional to time), open errors and warnings as lines in a
 * panel below, the readiness of each snapshot as a coloured band between
 * them, a title, axis labels and a legend. */
typedef struct _ExtopoHistoryChart ExtopoHistoryChart;

/* @title NULL: "Exchange 2007 migration progress". */
ExtopoHistoryChart *extopo_history_chart_new       (const ExtopoHistory       *history,
                                                    const char                *title,
                                                    double                     width,
                                                    double                     height);
void                extopo_history_chart_free      (ExtopoHistoryChart        *chart);
void                extopo_history_chart_draw      (const ExtopoHistoryChart  *chart,
                                                    cairo_t                   *cr);
/* One <svg> element (no XML declaration), for a file or inline in HTML;
 * FALSE when a write failed. */
gboolean            extopo_history_chart_write_svg (const ExtopoHistoryChart  *chart,
                                                    FILE                      *stream);
/* Writes the chart at the default size as .svg, .pdf or .png. */
gboolean            extopo_history_chart_export    (const ExtopoHistory       *history,
                                                    ExtopoExportFormat         format,
                                                    const char                *path,
                                                    const char                *title,
                                                    GError                   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExtopoHistoryChart, extopo_history_chart_free)

G_END_DECLS
