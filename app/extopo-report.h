/* extopo-report.h: the model and its findings as JSON, CSV and text.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include <json-glib/json-glib.h>

#include "extopo-model.h"

G_BEGIN_DECLS

typedef enum
{
  EXTOPO_REPORT_DEFAULT     = 0,
  /* "source" names the file or server read; otherwise it is null. */
  EXTOPO_REPORT_SHOW_SOURCE = 1 << 0,
} ExtopoReportFlags;

/* Top-level keys: organizations, administrative_groups, routing_groups,
 * servers, connectors, sites, dangling_references, findings. */
JsonNode *extopo_report_build_json    (ExtopoModel  *model);
/* With the source shown, as the tests and scripts in-process read it. */
char     *extopo_report_to_json       (ExtopoModel  *model);
/* The same text written to @stream in pieces, never held whole; FALSE
 * when a write failed (errno tells why). */
gboolean  extopo_report_write_json    (ExtopoModel       *model,
                                       ExtopoReportFlags  flags,
                                       FILE              *stream);
/* One row per server, RFC 4180 quoting, a header row first. */
char     *extopo_report_to_csv        (ExtopoModel  *model);
gboolean  extopo_report_write_csv     (ExtopoModel  *model,
                                       FILE         *stream);
/* One CSV field, after a comma unless @first: RFC 4180 quoting, and a
 * leading single quote on a value a spreadsheet would run as a formula
 * (=, +, -, @, tab, carriage return). NULL is an empty field. */
void      extopo_report_csv_append_field (GString    *csv,
                                          const char *value,
                                          gboolean    first);
/* Human-readable findings, most severe first, as `extopo --findings` prints. */
char     *extopo_report_findings_text (ExtopoModel  *model);

G_END_DECLS
