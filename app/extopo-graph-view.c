/* extopo-graph-view.c: the zoomable, pannable diagram widget: its view (zoom, centre,
 * fitting), selection and public API.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-graph-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "extopo-graph-view-private.h"


enum
{
  PROP_0,
  PROP_ZOOM,
  PROP_SHOW_LEGEND,
  PROP_GEOMETRY,
  N_PROPS
};

enum
{
  SIGNAL_SELECTION_CHANGED,
  SIGNAL_GROUP_ACTIVATED,
  SIGNAL_SELECTION_ACTIVATED,
  SIGNAL_VIEW_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ExtopoGraphView, extopo_graph_view, GTK_TYPE_DRAWING_AREA)

int
extopo_graph_view_get_width (ExtopoGraphView *self)
{
  return MAX (1, gtk_widget_get_allocated_width (GTK_WIDGET (self)));
}

int
extopo_graph_view_get_height (ExtopoGraphView *self)
{
  return MAX (1, gtk_widget_get_allocated_height (GTK_WIDGET (self)));
}

/* The zoom that shows the whole diagram in a @width x @height area. */
static double
extopo_graph_view_fit_zoom (ExtopoGraphView  *self,
                            const ExtopoRect *rect,
                            double            width,
                            double            height)
{
  double zx;
  double zy;

  zx = MAX (1.0, width - 2 * FIT_MARGIN) / MAX (1.0, rect->width);
  zy = MAX (1.0, height - 2 * FIT_MARGIN) / MAX (1.0, rect->height);

  return MIN (zx, zy);
}

/* Huge organizations need to zoom out further than MIN_ZOOM to fit. */
double
extopo_graph_view_min_zoom (ExtopoGraphView *self)
{
  double fit;

  if (self->geometry == NULL)
    return MIN_ZOOM;

  fit = extopo_graph_view_fit_zoom (self, &self->geometry->bounds,
                                    extopo_graph_view_get_width (self),
                                    extopo_graph_view_get_height (self));

  /* Half: a fit beside the legend has at least half the width. */
  return MIN (MIN_ZOOM, fit / 2);
}

/* Keeps the diagram reachable: the centre never leaves its bounds. */
static void
extopo_graph_view_clamp_center (ExtopoGraphView *self)
{
  const ExtopoRect *bounds;

  if (self->geometry == NULL)
    return;

  bounds = &self->geometry->bounds;
  self->center_x = CLAMP (self->center_x, bounds->x, bounds->x + bounds->width);
  self->center_y = CLAMP (self->center_y, bounds->y, bounds->y + bounds->height);
}

void
extopo_graph_view_set_view (ExtopoGraphView *self,
                            double           zoom,
                            double           center_x,
                            double           center_y)
{
  gboolean zoom_changed;
  double old_x = self->center_x, old_y = self->center_y;

  /* The view moved by other means than the glide: it ends. */
  if (!self->fling_step)
    extopo_graph_view_stop_fling (self);

  zoom = CLAMP (zoom, extopo_graph_view_min_zoom (self), MAX_ZOOM);
  zoom_changed = zoom != self->zoom;

  self->zoom = zoom;
  self->center_x = center_x;
  self->center_y = center_y;
  extopo_graph_view_clamp_center (self);

  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (zoom_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  if (zoom_changed || self->center_x != old_x || self->center_y != old_y)
    g_signal_emit (self, signals[SIGNAL_VIEW_CHANGED], 0);
}

/* The person moved the view: stop following the window size. */
void
extopo_graph_view_user_moved (ExtopoGraphView *self)
{
  self->auto_fit = FALSE;
  self->fit_pending = FALSE;
}

/* The legend shrinks in a small window, down to a size that stays legible. */
double
extopo_graph_view_legend_scale (int width,
                                int height)
{
  double lw;
  double lh;
  double scale;

  extopo_renderer_get_legend_size (&lw, &lh);
  scale = MIN (1.0, MIN (LEGEND_MAX_WIDTH * width / lw, LEGEND_MAX_HEIGHT * height / lh));

  return MAX (scale, LEGEND_MIN_SCALE);
}

gboolean
extopo_graph_view_legend_folded (ExtopoGraphView *self,
                                 int              width)
{
  if (self->legend_fold == LEGEND_FOLD_AUTO)
    return width < LEGEND_COLLAPSE_WIDTH;

  return self->legend_fold == LEGEND_FOLD_FOLDED;
}

/* How much of the widget's width the legend takes, margins included; a
 * folded legend sits in the corner and takes none. */
static double
extopo_graph_view_legend_reserve (ExtopoGraphView *self,
                                  int              width,
                                  int              height)
{
  double lw;
  double lh;

  if (!self->show_legend || extopo_graph_view_legend_folded (self, width))
    return 0.0;

  extopo_renderer_get_legend_size (&lw, &lh);

  return lw * extopo_graph_view_legend_scale (width, height) + 2 * LEGEND_MARGIN;
}

/* Fits @rect into the part of the widget the legend leaves free, when
 * that part is wide enough to be worth it. */
void
extopo_graph_view_fit_rect (ExtopoGraphView  *self,
                            const ExtopoRect *rect,
                            double            max_zoom)
{
  int width = extopo_graph_view_get_width (self);
  int height = extopo_graph_view_get_height (self);
  double reserve = extopo_graph_view_legend_reserve (self, width, height);
  double zoom;

  if (width - reserve < width / 2.0)
    reserve = 0.0;

  zoom = MIN (extopo_graph_view_fit_zoom (self, rect, width - reserve, height), max_zoom);
  extopo_graph_view_set_view (self,
                              zoom,
                              rect->x + rect->width / 2 + reserve / 2 / zoom,
                              rect->y + rect->height / 2);
}

double
extopo_graph_view_get_fit_aspect (ExtopoGraphView *self)
{
  int width, height;
  double reserve;

  g_return_val_if_fail (EXTOPO_IS_GRAPH_VIEW (self), 0.0);

  width = gtk_widget_get_allocated_width (GTK_WIDGET (self));
  height = gtk_widget_get_allocated_height (GTK_WIDGET (self));
  if (width <= 1 || height <= 1)
    return 0.0;

  /* The area a fit fills: beside the legend, within the margins. */
  reserve = extopo_graph_view_legend_reserve (self, width, height);
  if (width - reserve < width / 2.0)
    reserve = 0.0;

  return MAX (width - reserve - 2 * FIT_MARGIN, 1.0) / MAX (height - 2 * FIT_MARGIN, 1.0);
}

gboolean
extopo_graph_view_get_auto_fit (ExtopoGraphView *self)
{
  g_return_val_if_fail (EXTOPO_IS_GRAPH_VIEW (self), FALSE);

  return self->geometry != NULL && (self->auto_fit || self->fit_pending);
}

void
extopo_graph_view_widget_to_diagram (ExtopoGraphView *self,
                                     double           x,
                                     double           y,
                                     double          *dx,
                                     double          *dy)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  if (dx != NULL)
    *dx = self->center_x + (x - extopo_graph_view_get_width (self) / 2.0) / self->zoom;
  if (dy != NULL)
    *dy = self->center_y + (y - extopo_graph_view_get_height (self) / 2.0) / self->zoom;
}

void
extopo_graph_view_diagram_to_widget (ExtopoGraphView *self,
                                     double           dx,
                                     double           dy,
                                     double          *x,
                                     double          *y)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  if (x != NULL)
    *x = (dx - self->center_x) * self->zoom + extopo_graph_view_get_width (self) / 2.0;
  if (y != NULL)
    *y = (dy - self->center_y) * self->zoom + extopo_graph_view_get_height (self) / 2.0;
}

void
extopo_graph_view_visible_rect_for (ExtopoGraphView *self,
                                    int              width,
                                    int              height,
                                    ExtopoRect      *rect)
{
  rect->width = width / self->zoom;
  rect->height = height / self->zoom;
  rect->x = self->center_x - rect->width / 2;
  rect->y = self->center_y - rect->height / 2;
}

void
extopo_graph_view_get_visible_rect (ExtopoGraphView *self,
                                    ExtopoRect      *rect)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));
  g_return_if_fail (rect != NULL);

  extopo_graph_view_visible_rect_for (self,
                                      extopo_graph_view_get_width (self),
                                      extopo_graph_view_get_height (self),
                                      rect);
}

gboolean
extopo_graph_view_hit_test (ExtopoGraphView *self,
                            double           x,
                            double           y,
                            ExtopoHit       *hit)
{
  ExtopoHit local = { EXTOPO_OBJECT_NONE, NULL, -1 };
  double dx;
  double dy;

  g_return_val_if_fail (EXTOPO_IS_GRAPH_VIEW (self), FALSE);

  if (hit == NULL)
    hit = &local;

  hit->kind = EXTOPO_OBJECT_NONE;
  hit->object = NULL;
  hit->index = -1;

  if (self->geometry == NULL)
    return FALSE;

  extopo_graph_view_widget_to_diagram (self, x, y, &dx, &dy);

  return extopo_geometry_hit_test (self->geometry, dx, dy, HIT_TOLERANCE / self->zoom, hit);
}

GtkWidgetClass *
extopo_graph_view_parent_widget_class (void)
{
  return GTK_WIDGET_CLASS (extopo_graph_view_parent_class);
}

void
extopo_graph_view_emit_group_activated (ExtopoGraphView  *self,
                                        ExtopoObjectKind  kind,
                                        gpointer          group)
{
  g_signal_emit (self, signals[SIGNAL_GROUP_ACTIVATED], 0, (guint) kind, group);
}

void
extopo_graph_view_emit_selection_activated (ExtopoGraphView *self)
{
  g_signal_emit (self, signals[SIGNAL_SELECTION_ACTIVATED], 0);
}

/* Selection */

void
extopo_graph_view_select_and_notify (ExtopoGraphView  *self,
                                     ExtopoObjectKind  kind,
                                     gpointer          object)
{
  if (object == NULL)
    kind = EXTOPO_OBJECT_NONE;

  if (self->selected_kind == kind && self->selected == object)
    return;

  extopo_graph_view_set_selection (self, kind, object);
  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
}

void
extopo_graph_view_set_selection (ExtopoGraphView  *self,
                                 ExtopoObjectKind  kind,
                                 gpointer          object)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  if (object == NULL)
    kind = EXTOPO_OBJECT_NONE;

  if (self->selected_kind == kind && self->selected == object)
    return;

  self->selected_kind = kind;
  self->selected = object;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  extopo_graph_view_a11y_selection_changed (self);
}

gpointer
extopo_graph_view_get_selection (ExtopoGraphView  *self,
                                 ExtopoObjectKind *kind)
{
  g_return_val_if_fail (EXTOPO_IS_GRAPH_VIEW (self), NULL);

  if (kind != NULL)
    *kind = self->selected_kind;

  return self->selected;
}

void
extopo_graph_view_clear_selection (ExtopoGraphView *self)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  extopo_graph_view_select_and_notify (self, EXTOPO_OBJECT_NONE, NULL);
}

/* The view */

GtkWidget *
extopo_graph_view_new (void)
{
  return g_object_new (EXTOPO_TYPE_GRAPH_VIEW, NULL);
}

void
extopo_graph_view_set_geometry (ExtopoGraphView *self,
                                ExtopoGeometry  *geometry,
                                gboolean         keep_view)
{
  gboolean same_model;

  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  if (self->geometry == geometry)
    return;

  extopo_graph_view_stop_fling (self);
  same_model = self->geometry != NULL && geometry != NULL
               && self->geometry->model == geometry->model;

  if (geometry != NULL)
    extopo_geometry_ref (geometry);
  g_clear_pointer (&self->geometry, extopo_geometry_unref);
  self->geometry = geometry;
  g_clear_pointer (&self->scene, extopo_scene_unref);
  if (geometry != NULL)
    self->scene = extopo_scene_build_compared (geometry, self->changes);

  extopo_view_cache_clear (&self->cache);
  self->generation++;
  self->last_render_us = 0;
  self->hovered_kind = EXTOPO_OBJECT_NONE;
  self->hovered = NULL;

  if (!same_model)
    {
      self->selected_kind = EXTOPO_OBJECT_NONE;
      self->selected = NULL;
      g_clear_pointer (&self->matches, g_hash_table_unref);
    }

  /* Collapsing a group: stay where the person was looking; but a whole
   * diagram fitted stays whole (laid out again, with a comparison's ghosts
   * say, it may have grown past the view). */
  if (geometry != NULL && keep_view && same_model && !self->auto_fit)
    extopo_graph_view_set_view (self, self->zoom, self->center_x, self->center_y);
  else if (geometry != NULL)
    {
      self->auto_fit = TRUE;
      if (gtk_widget_get_allocated_width (GTK_WIDGET (self)) > 1)
        extopo_graph_view_fit_rect (self, &geometry->bounds, MAX_FIT_ZOOM);
      else
        self->fit_pending = TRUE;
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
  extopo_graph_view_a11y_geometry_changed (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GEOMETRY]);
}

void
extopo_graph_view_set_changes (ExtopoGraphView               *self,
                               const struct _ExtopoChangeSet *changes)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  if (self->changes == changes)
    return;
  self->changes = changes;
  if (self->geometry == NULL)
    return;
  g_clear_pointer (&self->scene, extopo_scene_unref);
  self->scene = extopo_scene_build_compared (self->geometry, changes);
  extopo_view_cache_clear (&self->cache);
  self->generation++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GEOMETRY]);
}

ExtopoScene *
extopo_graph_view_get_scene (ExtopoGraphView *self)
{
  g_return_val_if_fail (EXTOPO_IS_GRAPH_VIEW (self), NULL);

  return self->scene;
}

void
extopo_graph_view_get_center (ExtopoGraphView *self,
                              double          *x,
                              double          *y)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  *x = self->center_x;
  *y = self->center_y;
}

void
extopo_graph_view_set_center (ExtopoGraphView *self,
                              double           x,
                              double           y)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  extopo_graph_view_user_moved (self);
  extopo_graph_view_set_view (self, self->zoom, x, y);
}

ExtopoGeometry *
extopo_graph_view_get_geometry (ExtopoGraphView *self)
{
  g_return_val_if_fail (EXTOPO_IS_GRAPH_VIEW (self), NULL);

  return self->geometry;
}

double
extopo_graph_view_get_zoom (ExtopoGraphView *self)
{
  g_return_val_if_fail (EXTOPO_IS_GRAPH_VIEW (self), 1.0);

  return self->zoom;
}

void
extopo_graph_view_set_zoom_at (ExtopoGraphView *self,
                               double           zoom,
                               double           x,
                               double           y)
{
  double dx;
  double dy;

  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  if (x < 0 || y < 0)
    {
      x = extopo_graph_view_get_width (self) / 2.0;
      y = extopo_graph_view_get_height (self) / 2.0;
    }

  extopo_graph_view_user_moved (self);
  /* Asked for by code or a key: the next frame is rendered sharp. */
  g_clear_handle_id (&self->settle_id, g_source_remove);

  /* The diagram point under (x, y) stays there. */
  extopo_graph_view_widget_to_diagram (self, x, y, &dx, &dy);
  zoom = CLAMP (zoom, extopo_graph_view_min_zoom (self), MAX_ZOOM);
  extopo_graph_view_set_view (self, zoom,
                              dx - (x - extopo_graph_view_get_width (self) / 2.0) / zoom,
                              dy - (y - extopo_graph_view_get_height (self) / 2.0) / zoom);
}

void
extopo_graph_view_zoom_in (ExtopoGraphView *self)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  extopo_graph_view_set_zoom_at (self, self->zoom * ZOOM_STEP, -1, -1);
}

void
extopo_graph_view_zoom_out (ExtopoGraphView *self)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  extopo_graph_view_set_zoom_at (self, self->zoom / ZOOM_STEP, -1, -1);
}

void
extopo_graph_view_zoom_fit (ExtopoGraphView *self)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  if (self->geometry == NULL)
    return;

  self->auto_fit = TRUE;
  extopo_graph_view_fit_rect (self, &self->geometry->bounds, MAX_FIT_ZOOM);
}

void
extopo_graph_view_zoom_reset (ExtopoGraphView *self)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  extopo_graph_view_set_zoom_at (self, 1.0, -1, -1);
}

void
extopo_graph_view_zoom_to_selection (ExtopoGraphView *self)
{
  ExtopoRect box;

  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  if (self->geometry == NULL || self->selected == NULL
      || !extopo_geometry_find_object (self->geometry, self->selected_kind, self->selected, &box))
    return;

  extopo_graph_view_user_moved (self);
  extopo_graph_view_fit_rect (self, &box, MAX_FIT_ZOOM);
}

void
extopo_graph_view_scroll_by (ExtopoGraphView *self,
                             double           dx,
                             double           dy)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  extopo_graph_view_user_moved (self);
  extopo_graph_view_set_view (self, self->zoom,
                              self->center_x + dx / self->zoom,
                              self->center_y + dy / self->zoom);
}

void
extopo_graph_view_center_on (ExtopoGraphView  *self,
                             ExtopoObjectKind  kind,
                             gpointer          object)
{
  ExtopoRect box;

  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  if (self->geometry == NULL
      || !extopo_geometry_find_object (self->geometry, kind, object, &box))
    return;

  extopo_graph_view_user_moved (self);
  extopo_graph_view_set_view (self, self->zoom, box.x + box.width / 2, box.y + box.height / 2);
}

void
extopo_graph_view_set_matches (ExtopoGraphView *self,
                               GHashTable      *matches)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  if (self->matches != matches)
    {
      if (matches != NULL)
        g_hash_table_ref (matches);
      g_clear_pointer (&self->matches, g_hash_table_unref);
      self->matches = matches;
    }

  /* A table changed in place is redrawn by setting it again: the bitmap is
   * out of date either way, though still worth showing until the next. */
  self->cache.outdated = TRUE;
  self->generation++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
extopo_graph_view_set_show_legend (ExtopoGraphView *self,
                                   gboolean         show_legend)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  show_legend = !!show_legend;
  if (self->show_legend == show_legend)
    return;

  self->show_legend = show_legend;
  if (self->auto_fit && self->geometry != NULL)
    extopo_graph_view_fit_rect (self, &self->geometry->bounds, MAX_FIT_ZOOM);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LEGEND]);
}

gboolean
extopo_graph_view_get_show_legend (ExtopoGraphView *self)
{
  g_return_val_if_fail (EXTOPO_IS_GRAPH_VIEW (self), FALSE);

  return self->show_legend;
}

/* GObject */

static void
extopo_graph_view_dispose (GObject *object)
{
  ExtopoGraphView *self = EXTOPO_GRAPH_VIEW (object);

  g_clear_object (&self->drag_gesture);
  g_clear_object (&self->click_gesture);
  g_clear_object (&self->zoom_gesture);
  g_clear_object (&self->menu_gesture);
  g_clear_object (&self->swipe_gesture);
  g_clear_object (&self->menu_actions);
  extopo_graph_view_stop_fling (self);
  g_clear_handle_id (&self->settle_id, g_source_remove);

  G_OBJECT_CLASS (extopo_graph_view_parent_class)->dispose (object);
}

static void
extopo_graph_view_finalize (GObject *object)
{
  ExtopoGraphView *self = EXTOPO_GRAPH_VIEW (object);

  extopo_view_cache_clear (&self->cache);
  g_clear_pointer (&self->legend, cairo_surface_destroy);
  g_clear_pointer (&self->geometry, extopo_geometry_unref);
  g_clear_pointer (&self->scene, extopo_scene_unref);
  g_clear_pointer (&self->matches, g_hash_table_unref);

  G_OBJECT_CLASS (extopo_graph_view_parent_class)->finalize (object);
}

static void
extopo_graph_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ExtopoGraphView *self = EXTOPO_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_SHOW_LEGEND:
      g_value_set_boolean (value, self->show_legend);
      break;
    case PROP_GEOMETRY:
      g_value_set_boxed (value, self->geometry);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
extopo_graph_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ExtopoGraphView *self = EXTOPO_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      extopo_graph_view_set_zoom_at (self, g_value_get_double (value), -1, -1);
      break;
    case PROP_SHOW_LEGEND:
      extopo_graph_view_set_show_legend (self, g_value_get_boolean (value));
      break;
    case PROP_GEOMETRY:
      extopo_graph_view_set_geometry (self, g_value_get_boxed (value), FALSE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
extopo_graph_view_class_init (ExtopoGraphViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = extopo_graph_view_dispose;
  object_class->finalize = extopo_graph_view_finalize;
  object_class->get_property = extopo_graph_view_get_property;
  object_class->set_property = extopo_graph_view_set_property;

  widget_class->draw = extopo_graph_view_draw;
  extopo_graph_view_class_init_input (widget_class);

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         0.0, MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_LEGEND] =
    g_param_spec_boolean ("show-legend", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GEOMETRY] =
    g_param_spec_boxed ("geometry", NULL, NULL,
                        EXTOPO_TYPE_GEOMETRY,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_SELECTION_CHANGED] =
    g_signal_new ("selection-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[SIGNAL_GROUP_ACTIVATED] =
    g_signal_new ("group-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_POINTER);
  /* The zoom or the centre moved. */
  signals[SIGNAL_VIEW_CHANGED] =
    g_signal_new ("view-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /* Enter on the selection: show its card. */
  signals[SIGNAL_SELECTION_ACTIVATED] =
    g_signal_new ("selection-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_css_name (widget_class, "extopo-graph-view");
  gtk_widget_class_set_accessible_role (widget_class, ATK_ROLE_CANVAS);
  extopo_graph_view_a11y_class_init (widget_class);
}

static void
extopo_graph_view_init (ExtopoGraphView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  AtkObject *accessible;

  self->zoom = 1.0;
  self->show_legend = TRUE;
  self->render_budget_us = ASYNC_RENDER_US;

  gtk_widget_set_can_focus (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_add_events (widget,
                         GDK_POINTER_MOTION_MASK
                         | GDK_LEAVE_NOTIFY_MASK
                         | GDK_BUTTON_PRESS_MASK
                         | GDK_BUTTON_RELEASE_MASK
                         | GDK_SCROLL_MASK
                         | GDK_SMOOTH_SCROLL_MASK
                         | GDK_KEY_PRESS_MASK
                         | GDK_TOUCHPAD_GESTURE_MASK);

  accessible = gtk_widget_get_accessible (widget);
  atk_object_set_name (accessible, _("Topology diagram"));
  atk_object_set_description (accessible,
                              _("The Exchange organization's servers, groups and connectors"));

  extopo_graph_view_init_input (self);
}
