/* extopo-overview.h: a small map of the whole diagram with the part the graph view shows.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "extopo-graph-view.h"

G_BEGIN_DECLS

#define EXTOPO_TYPE_OVERVIEW (extopo_overview_get_type ())
G_DECLARE_FINAL_TYPE (ExtopoOverview, extopo_overview, EXTOPO, OVERVIEW, GtkDrawingArea)

/* Follows @view: its diagram, drawn small, and a rectangle where the view
 * is; a click or a drag on the map moves the view there. */
GtkWidget *extopo_overview_new (ExtopoGraphView *view);

/* The map's own drawing, at the widget's size, for the tests. */
void       extopo_overview_render (ExtopoOverview *self,
                                   cairo_t        *cr);

/* The widget point of a diagram point, at the widget's size. */
void       extopo_overview_diagram_to_widget (ExtopoOverview *self,
                                              double          dx,
                                              double          dy,
                                              double         *x,
                                              double         *y);

G_END_DECLS
