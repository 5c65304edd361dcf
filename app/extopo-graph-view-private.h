/* extopo-graph-view-private.h: what the graph view's files share: the widget's
 * instance, its measures, and the routines one file lends another.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "extopo-findings.h"
#include "extopo-graph-view.h"
#include "extopo-renderer.h"
#include "extopo-scene.h"
#include "extopo-style.h"

G_BEGIN_DECLS

#define MIN_ZOOM          0.01
#define MAX_ZOOM          8.0
#define MAX_FIT_ZOOM      2.0    /* a small diagram is not blown up to fill a big window */
#define ZOOM_STEP         1.25   /* zoom in/out, keys and actions */
#define WHEEL_STEP        1.1    /* one notch of Ctrl+wheel */
#define FIT_MARGIN        24.0   /* pixels around the diagram after a fit */
#define PAN_STEP          48.0   /* pixels per arrow key or wheel notch */
#define HIT_TOLERANCE     4.0    /* pixels */
#define LEGEND_MARGIN     12.0   /* pixels between the legend and the corner */
#define LEGEND_MAX_WIDTH  0.3    /* of the widget, before the legend shrinks */
#define LEGEND_MAX_HEIGHT 0.8
#define LEGEND_MIN_SCALE  0.6
#define LEGEND_COLLAPSE_WIDTH 960 /* narrower widgets start with the legend folded */
#define LEGEND_CHIP_HEIGHT 26.0
#define CONTENT_MARGIN    8.0    /* points and pixels drawn past the bounds */
#define CACHE_MARGIN      384.0  /* device pixels rendered past each side of the window */
#define ASYNC_RENDER_US   12000  /* renders slower than this run in a worker */
#define SETTLE_MS         150    /* a zoom gesture has ended after this long without change */
#define BACKGROUND_RGB    0.965, 0.969, 0.973
#define FLING_MIN_SPEED   300.0  /* pixels per second at the release: slower ones stop */
#define FLING_MAX_SPEED   8000.0
#define FLING_STOP_SPEED  20.0   /* the glide ends below this */
#define FLING_DECAY_S     0.325  /* the speed falls by e in this long */

/* The legend folds into a small chip, by itself in a narrow widget or when
 * clicked. */
typedef enum
{
  LEGEND_FOLD_AUTO,
  LEGEND_FOLD_OPEN,
  LEGEND_FOLD_FOLDED,
} LegendFold;

/* A bitmap of the diagram at one zoom level, larger than the window, so that
 * panning and hovering redraw from memory instead of through the renderer. */
typedef struct
{
  cairo_surface_t  *surface;
  double            zoom;
  double            device_scale;
  int               width;         /* of the surface, in device pixels */
  int               height;
  double            x0;            /* device pixel of the surface's corner, */
  double            y0;            /* counted from the diagram origin */
  ExtopoRect        area;          /* diagram area the surface holds */
  ExtopoObjectKind  selected_kind;
  gpointer          selected;
  GHashTable       *matches;       /* borrowed, compared by pointer */
  gboolean          outdated;      /* the matches changed in place */
} ExtopoViewCache;

typedef struct _RenderJob RenderJob;

struct _ExtopoGraphView
{
  GtkDrawingArea    parent_instance;

  /* owned */
  ExtopoGeometry   *geometry;
  ExtopoScene      *scene;         /* what the geometry shows: the bitmaps draw it */
  const struct _ExtopoChangeSet *changes; /* borrowed: a comparison marked on it, or NULL */
  GHashTable       *matches;
  GtkGesture       *drag_gesture;
  GtkGesture       *click_gesture;
  GtkGesture       *zoom_gesture;
  GtkGesture       *menu_gesture;
  GtkGesture       *swipe_gesture;   /* grouped with the drag: its speed at the release */
  GSimpleActionGroup *menu_actions;  /* "view": what the context menu does */
  ExtopoObjectKind  menu_kind;       /* the object the menu was opened for */
  gpointer          menu_object;
  ExtopoViewCache   cache;
  cairo_surface_t  *legend;
  double            legend_scale;
  GdkRectangle      legend_area;   /* where the legend (or its chip) was last painted */
  LegendFold        legend_fold;
  guint             settle_id;
  RenderJob        *job;           /* the one running, owned by its task */
  guint             generation;    /* bumped when the geometry or the matches change */
  gint64            last_render_us;
  gint64            render_budget_us;

  /* borrowed from the model of @geometry */
  gpointer          selected;
  gpointer          hovered;

  /* the view: the diagram point at the widget's centre, and pixels per point */
  double            center_x;
  double            center_y;
  double            zoom;

  ExtopoObjectKind  selected_kind;
  ExtopoObjectKind  hovered_kind;

  /* where the primary button went down, for telling a click from a drag */
  double            press_x;
  double            press_y;
  /* panning by drag */
  double            drag_center_x;
  double            drag_center_y;
  /* pinch: the diagram point under the gesture's centre when it began */
  double            pinch_x;
  double            pinch_y;
  double            pinch_zoom;
  /* the glide after a fast drag: pixels per second, and its frame clock time */
  guint             fling_id;
  gint64            fling_time;
  double            fling_vx;
  double            fling_vy;

  guint             show_legend : 1;
  guint             fit_pending : 1;   /* fit once the widget has a size */
  guint             auto_fit : 1;      /* refit on resize until the person moves the view */
  guint             dragging : 1;
  guint             drag_moved : 1;
  guint             fling_step : 1;    /* the glide moves the view, not something else */
};

/* The view (extopo-graph-view.c) */
GtkWidgetClass *extopo_graph_view_parent_widget_class  (void);
int             extopo_graph_view_get_width            (ExtopoGraphView  *self);
int             extopo_graph_view_get_height           (ExtopoGraphView  *self);
double          extopo_graph_view_min_zoom             (ExtopoGraphView  *self);
void            extopo_graph_view_set_view             (ExtopoGraphView  *self,
                                                        double            zoom,
                                                        double            center_x,
                                                        double            center_y);
/* The person moved the view: stop following the window size. */
void            extopo_graph_view_user_moved           (ExtopoGraphView  *self);
double          extopo_graph_view_legend_scale         (int               width,
                                                        int               height);
gboolean        extopo_graph_view_legend_folded        (ExtopoGraphView  *self,
                                                        int               width);
void            extopo_graph_view_fit_rect             (ExtopoGraphView  *self,
                                                        const ExtopoRect *rect,
                                                        double            max_zoom);
void            extopo_graph_view_visible_rect_for     (ExtopoGraphView  *self,
                                                        int               width,
                                                        int               height,
                                                        ExtopoRect       *rect);
void            extopo_graph_view_select_and_notify    (ExtopoGraphView  *self,
                                                        ExtopoObjectKind  kind,
                                                        gpointer          object);
/* Emits "selection-activated" (open its card). */
void            extopo_graph_view_emit_selection_activated (ExtopoGraphView *self);
/* Emits "group-activated" (collapse or expand it). */
void            extopo_graph_view_emit_group_activated (ExtopoGraphView  *self,
                                                        ExtopoObjectKind  kind,
                                                        gpointer          group);

/* Drawing (extopo-graph-view-render.c) */
void            extopo_view_cache_clear                (ExtopoViewCache  *cache);
void            extopo_graph_view_restart_settle       (ExtopoGraphView  *self);
gboolean        extopo_graph_view_in_legend            (ExtopoGraphView  *self,
                                                        double            x,
                                                        double            y);
void            extopo_graph_view_toggle_legend        (ExtopoGraphView  *self);
gboolean        extopo_graph_view_draw                 (GtkWidget        *widget,
                                                        cairo_t          *cr);

/* Input (extopo-graph-view-input.c) */
void            extopo_graph_view_class_init_input     (GtkWidgetClass   *widget_class);
void            extopo_graph_view_init_input           (ExtopoGraphView  *self);
void            extopo_graph_view_set_hover            (ExtopoGraphView  *self,
                                                        ExtopoObjectKind  kind,
                                                        gpointer          object);
/* Ends the glide after a fast drag, if one runs. */
void            extopo_graph_view_stop_fling           (ExtopoGraphView  *self);

/* Accessibility (extopo-graph-view-a11y.c) */
void            extopo_graph_view_a11y_class_init      (GtkWidgetClass   *widget_class);
void            extopo_graph_view_a11y_selection_changed (ExtopoGraphView *self);
void            extopo_graph_view_a11y_geometry_changed (ExtopoGraphView *self);

/* Keyboard and context menu (extopo-graph-view-keys.c) */
/* Moves the selection to the nearest object like it towards (dx, dy); with
 * nothing selected, selects the server nearest the view's centre. */
void            extopo_graph_view_move_selection       (ExtopoGraphView  *self,
                                                        double            dx,
                                                        double            dy);
void            extopo_graph_view_select_parent        (ExtopoGraphView  *self);
void            extopo_graph_view_select_child         (ExtopoGraphView  *self);
/* Collapses or expands the selected group, or a selected server's group. */
void            extopo_graph_view_toggle_selected_group (ExtopoGraphView *self);
void            extopo_graph_view_init_menu            (ExtopoGraphView  *self);
void            extopo_graph_view_popup_menu_for       (ExtopoGraphView  *self,
                                                        ExtopoObjectKind  kind,
                                                        gpointer          object,
                                                        const GdkEvent   *event);
gboolean        extopo_graph_view_popup_menu           (GtkWidget        *widget);

G_END_DECLS
