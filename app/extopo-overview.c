/* extopo-overview.c: the overview: the whole diagram drawn small from the graph view's
 * scene (once per diagram and size, as the far-out level of detail draws it: cells of
 * status colours, groups' marks), the rectangle the view shows over it, and a click or
 * drag that moves the view.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-overview"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "extopo-overview.h"
#include "extopo-renderer.h"
#include "extopo-scene.h"
#include "extopo-style.h"

#define OVERVIEW_WIDTH   220
#define OVERVIEW_HEIGHT  160
#define OVERVIEW_PADDING   6.0

struct _ExtopoOverview
{
  GtkDrawingArea   parent_instance;

  ExtopoGraphView *view;            /* weak */
  GtkGesture      *drag;
  cairo_surface_t *map;             /* the diagram drawn small */
  ExtopoScene     *map_scene;       /* what it was drawn from, compared by pointer */
  int              map_width;
  int              map_height;
  double           map_scale;
};

G_DEFINE_FINAL_TYPE (ExtopoOverview, extopo_overview, GTK_TYPE_DRAWING_AREA)

/* Widget pixels per diagram unit, and the diagram's corner on the widget. */
static gboolean
map_transform (ExtopoOverview *self,
               int             width,
               int             height,
               double         *scale,
               double         *x0,
               double         *y0)
{
  ExtopoGeometry *geometry = self->view != NULL ? extopo_graph_view_get_geometry (self->view)
                                                : NULL;
  const ExtopoRect *b;

  if (geometry == NULL || geometry->bounds.width <= 0 || geometry->bounds.height <= 0)
    return FALSE;
  b = &geometry->bounds;
  *scale = MIN ((width - 2 * OVERVIEW_PADDING) / b->width,
                (height - 2 * OVERVIEW_PADDING) / b->height);
  *x0 = (width - b->width * *scale) / 2 - b->x * *scale;
  *y0 = (height - b->height * *scale) / 2 - b->y * *scale;

  return *scale > 0;
}

void
extopo_overview_diagram_to_widget (ExtopoOverview *self,
                                   double          dx,
                                   double          dy,
                                   double         *x,
                                   double         *y)
{
  double scale, x0, y0;

  g_return_if_fail (EXTOPO_IS_OVERVIEW (self));

  *x = *y = 0;
  if (!map_transform (self, gtk_widget_get_allocated_width (GTK_WIDGET (self)),
                      gtk_widget_get_allocated_height (GTK_WIDGET (self)), &scale, &x0, &y0))
    return;
  *x = x0 + dx * scale;
  *y = y0 + dy * scale;
}

/* The diagram drawn small, again only when the diagram or the size changed. */
static void
update_map (ExtopoOverview *self,
            int             width,
            int             height,
            double          scale,
            double          x0,
            double          y0)
{
  ExtopoScene *scene = extopo_graph_view_get_scene (self->view);
  ExtopoRenderOptions options;
  cairo_t *cr;

  if (self->map != NULL && self->map_scene == scene && self->map_width == width &&
      self->map_height == height)
    return;
  g_clear_pointer (&self->map, cairo_surface_destroy);
  self->map_scene = scene;
  self->map_width = width;
  self->map_height = height;
  self->map_scale = scale;
  self->map = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  if (scene == NULL)
    return;

  cr = cairo_create (self->map);
  cairo_translate (cr, x0, y0);
  cairo_scale (cr, scale, scale);
  extopo_render_options_init (&options);
  options.scale = scale;
  extopo_renderer_draw_scene (cr, scene, &options);
  cairo_destroy (cr);
}

void
extopo_overview_render (ExtopoOverview *self,
                        cairo_t        *cr)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_allocated_width (widget);
  int height = gtk_widget_get_allocated_height (widget);
  double scale, x0, y0;
  ExtopoRect visible;

  g_return_if_fail (EXTOPO_IS_OVERVIEW (self));

  /* A card of its own over the diagram. */
  extopo_renderer_rounded_rect (cr, 0.5, 0.5, width - 1, height - 1, 6);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.94);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, STYLE_ROUTING_BORDER, 1);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);

  if (!map_transform (self, width, height, &scale, &x0, &y0))
    return;
  update_map (self, width, height, scale, x0, y0);
  cairo_set_source_surface (cr, self->map, 0, 0);
  cairo_paint (cr);

  /* Where the view is, the rest a little dimmed. */
  extopo_graph_view_get_visible_rect (self->view, &visible);
  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_rectangle (cr, x0 + visible.x * scale, y0 + visible.y * scale, visible.width * scale,
                   visible.height * scale);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_source_rgba (cr, 0.2, 0.25, 0.3, 0.12);
  cairo_fill (cr);
  cairo_restore (cr);
  cairo_rectangle (cr, x0 + visible.x * scale, y0 + visible.y * scale,
                   MAX (visible.width * scale, 2), MAX (visible.height * scale, 2));
  cairo_set_source_rgb (cr, STYLE_SELECTION_INK);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
}

static gboolean
extopo_overview_draw (GtkWidget *widget,
                      cairo_t   *cr)
{
  extopo_overview_render (EXTOPO_OVERVIEW (widget), cr);

  return GDK_EVENT_STOP;
}

/* Centres the view on the diagram point under (x, y). */
static void
move_view_to (ExtopoOverview *self,
              double          x,
              double          y)
{
  double scale, x0, y0;

  if (self->view == NULL ||
      !map_transform (self, gtk_widget_get_allocated_width (GTK_WIDGET (self)),
                      gtk_widget_get_allocated_height (GTK_WIDGET (self)), &scale, &x0, &y0))
    return;
  extopo_graph_view_set_center (self->view, (x - x0) / scale, (y - y0) / scale);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               ExtopoOverview *self)
{
  move_view_to (self, x, y);
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                ExtopoOverview *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  move_view_to (self, x + dx, y + dy);
}

static void
view_changed_cb (ExtopoOverview *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
extopo_overview_get_preferred_width (GtkWidget *widget,
                                     int       *minimum,
                                     int       *natural)
{
  /* Over a small view the window allocates less (extopo-window-view.c). */
  *minimum = *natural = OVERVIEW_WIDTH;
}

static void
extopo_overview_get_preferred_height (GtkWidget *widget,
                                      int       *minimum,
                                      int       *natural)
{
  *minimum = *natural = OVERVIEW_HEIGHT;
}

static void
extopo_overview_dispose (GObject *object)
{
  ExtopoOverview *self = EXTOPO_OVERVIEW (object);

  if (self->view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->view, self);
      g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
      self->view = NULL;
    }
  g_clear_object (&self->drag);
  g_clear_pointer (&self->map, cairo_surface_destroy);

  G_OBJECT_CLASS (extopo_overview_parent_class)->dispose (object);
}

static void
extopo_overview_class_init (ExtopoOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = extopo_overview_dispose;
  widget_class->draw = extopo_overview_draw;
  widget_class->get_preferred_width = extopo_overview_get_preferred_width;
  widget_class->get_preferred_height = extopo_overview_get_preferred_height;
  gtk_widget_class_set_css_name (widget_class, "extopo-overview");
  gtk_widget_class_set_accessible_role (widget_class, ATK_ROLE_IMAGE);
}

static void
extopo_overview_init (ExtopoOverview *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_add_events (widget, GDK_BUTTON_PRESS_MASK | GDK_BUTTON_RELEASE_MASK |
                         GDK_BUTTON_MOTION_MASK);
  gtk_widget_set_tooltip_text (widget, _("The whole diagram: click or drag to move the view"));
  atk_object_set_name (gtk_widget_get_accessible (widget), _("Overview of the diagram"));
  self->drag = gtk_gesture_drag_new (widget);
  g_signal_connect (self->drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (self->drag, "drag-update", G_CALLBACK (drag_update_cb), self);
}

GtkWidget *
extopo_overview_new (ExtopoGraphView *view)
{
  ExtopoOverview *self;

  g_return_val_if_fail (EXTOPO_IS_GRAPH_VIEW (view), NULL);

  self = g_object_new (EXTOPO_TYPE_OVERVIEW, NULL);
  self->view = view;
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);
  g_signal_connect_swapped (view, "view-changed", G_CALLBACK (view_changed_cb), self);
  g_signal_connect_swapped (view, "notify::geometry", G_CALLBACK (view_changed_cb), self);
  g_signal_connect_swapped (view, "size-allocate", G_CALLBACK (view_changed_cb), self);

  return GTK_WIDGET (self);
}
