/* extopo-graph-view.h: the zoomable, pannable diagram widget.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "extopo-compare.h"
#include "extopo-geometry.h"

G_BEGIN_DECLS

#define EXTOPO_TYPE_GRAPH_VIEW (extopo_graph_view_get_type ())
G_DECLARE_FINAL_TYPE (ExtopoGraphView, extopo_graph_view, EXTOPO, GRAPH_VIEW, GtkDrawingArea)

/* Signals:
 *   "selection-changed" (void): the selection changed by a click, a key or Escape.
 *   "group-activated" (guint kind, gpointer object): a group was double-clicked,
 *     or Space or the context menu asked to collapse or expand it.
 *   "selection-activated" (void): Enter on the selection: show its card.
 *   "view-changed" (void): the zoom or the centre moved.
 * Properties: "zoom" (double), "show-legend" (gboolean), "geometry". */

GtkWidget      *extopo_graph_view_new              (void);
/* Swaps in a new layout; keeps zoom and centre when @keep_view and the
 * previous geometry showed the same model, else fits to the window. */
void            extopo_graph_view_set_geometry     (ExtopoGraphView   *self,
                                                    ExtopoGeometry    *geometry,
                                                    gboolean           keep_view);
ExtopoGeometry *extopo_graph_view_get_geometry     (ExtopoGraphView   *self);
/* Marks a comparison (extopo-compare.h) on the diagram, whose model must
 * be its newer side; NULL goes back to the plain diagram. Borrowed: keep
 * it until replaced. */
void            extopo_graph_view_set_changes      (ExtopoGraphView   *self,
                                                    const ExtopoChangeSet *changes);
/* The scene the view draws, built from its geometry; NULL without one. */
struct _ExtopoScene *extopo_graph_view_get_scene   (ExtopoGraphView   *self);
/* The diagram point in the middle of the view. */
void            extopo_graph_view_get_center       (ExtopoGraphView   *self,
                                                    double            *x,
                                                    double            *y);
void            extopo_graph_view_set_center       (ExtopoGraphView   *self,
                                                    double             x,
                                                    double             y);
double          extopo_graph_view_get_zoom         (ExtopoGraphView   *self);
/* Zooms around the widget point (@x, @y); negative coordinates mean the centre. */
void            extopo_graph_view_set_zoom_at      (ExtopoGraphView   *self,
                                                    double             zoom,
                                                    double             x,
                                                    double             y);
void            extopo_graph_view_zoom_in          (ExtopoGraphView   *self);
void            extopo_graph_view_zoom_out         (ExtopoGraphView   *self);
void            extopo_graph_view_zoom_fit         (ExtopoGraphView   *self);
/* Width : height of the area a fit fills (beside the legend), or 0 before
 * the view has a size: what a layout for this view should aim at. */
double          extopo_graph_view_get_fit_aspect   (ExtopoGraphView   *self);
/* Whether the view fits the diagram to itself, until the person zooms or pans. */
gboolean        extopo_graph_view_get_auto_fit     (ExtopoGraphView   *self);
void            extopo_graph_view_zoom_reset       (ExtopoGraphView   *self);
void            extopo_graph_view_zoom_to_selection (ExtopoGraphView  *self);
/* Pans by widget pixels. */
void            extopo_graph_view_scroll_by        (ExtopoGraphView   *self,
                                                    double             dx,
                                                    double             dy);
void            extopo_graph_view_set_selection    (ExtopoGraphView   *self,
                                                    ExtopoObjectKind   kind,
                                                    gpointer           object);
gpointer        extopo_graph_view_get_selection    (ExtopoGraphView   *self,
                                                    ExtopoObjectKind  *kind);
/* What Escape does: clears the selection, emitting "selection-changed" if
 * there was one. */
void            extopo_graph_view_clear_selection  (ExtopoGraphView   *self);
/* Pans so the object is in the centre, keeping the zoom. */
void            extopo_graph_view_center_on        (ExtopoGraphView   *self,
                                                    ExtopoObjectKind   kind,
                                                    gpointer           object);
/* Pointer set of model objects to mark as search matches, or NULL. */
void            extopo_graph_view_set_matches      (ExtopoGraphView   *self,
                                                    GHashTable        *matches);
void            extopo_graph_view_set_show_legend  (ExtopoGraphView   *self,
                                                    gboolean           show_legend);
gboolean        extopo_graph_view_get_show_legend  (ExtopoGraphView   *self);
/* Maps a widget point through zoom and pan to a diagram object. */
gboolean        extopo_graph_view_hit_test         (ExtopoGraphView   *self,
                                                    double             x,
                                                    double             y,
                                                    ExtopoHit         *hit);
/* The tooltip's Pango markup for the object at a widget point, or NULL. */
char           *extopo_graph_view_get_tooltip_markup (ExtopoGraphView *self,
                                                      double           x,
                                                      double           y);
void            extopo_graph_view_widget_to_diagram (ExtopoGraphView  *self,
                                                     double            x,
                                                     double            y,
                                                     double           *dx,
                                                     double           *dy);
void            extopo_graph_view_diagram_to_widget (ExtopoGraphView  *self,
                                                     double            dx,
                                                     double            dy,
                                                     double           *x,
                                                     double           *y);
/* The diagram area in view, for "export what is on screen". */
void            extopo_graph_view_get_visible_rect (ExtopoGraphView   *self,
                                                    ExtopoRect        *rect);
/* TRUE while the view glides on after a fast drag (kinetic scrolling); a
 * press, a key, the wheel or any other move of the view stops it. */
gboolean        extopo_graph_view_is_flinging      (ExtopoGraphView   *self);
/* TRUE while a bitmap for a view too big to draw within a frame is being
 * rendered in the background; frames meanwhile show the previous one. */
gboolean        extopo_graph_view_is_rendering     (ExtopoGraphView   *self);
/* Renders of the view that took longer than this (12 ms by default) go to
 * the worker from then on; 0 sends every one after the first. */
void            extopo_graph_view_set_render_budget (ExtopoGraphView  *self,
                                                     gint64            microseconds);
/* The draw handler's own code on any cairo context of @width x @height
 * pixels, for the frame-time benchmark. */
void            extopo_graph_view_render           (ExtopoGraphView   *self,
                                                    cairo_t           *cr,
                                                    int                width,
                                                    int                height);

G_END_DECLS
