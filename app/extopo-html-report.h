/* extopo-html-report.h: one self-contained HTML file for people without ExTopo.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include "extopo-scene.h"

G_BEGIN_DECLS

/* The diagram (the scene's SVG, with pan, zoom and search), the readiness
 * verdict, the progress over time when @history is not NULL (its chart
 * and series), the findings table and a sortable, filterable server
 * inventory, in one file that loads nothing from anywhere (its Content Security
 * Policy forbids it). FALSE when a write to @stream failed. */
gboolean extopo_html_report_write (ExtopoScene                 *scene,
                                   ExtopoModel                 *model,
                                   const struct _ExtopoHistory *history,
                                   FILE                        *stream);

G_END_DECLS
