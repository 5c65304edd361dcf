/* extopo-graph-view-input.c: the graph view's input: hover and tooltips,
 * pointer gestures (click, drag to pan and its glide, pinch), the wheel and
 * the keyboard.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-graph-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "extopo-graph-view-private.h"

/* Hover and tooltips */

void
extopo_graph_view_set_hover (ExtopoGraphView  *self,
                             ExtopoObjectKind  kind,
                             gpointer          object)
{
  GdkWindow *window;

  if (self->hovered_kind == kind && self->hovered == object)
    return;

  self->hovered_kind = kind;
  self->hovered = object;
  gtk_widget_queue_draw (GTK_WIDGET (self));

  window = gtk_widget_get_window (GTK_WIDGET (self));
  if (window != NULL && !self->dragging)
    {
      g_autoptr(GdkCursor) cursor = NULL;

      if (kind == EXTOPO_OBJECT_SERVER || kind == EXTOPO_OBJECT_CONNECTOR)
        cursor = gdk_cursor_new_from_name (gdk_window_get_display (window), "pointer");
      gdk_window_set_cursor (window, cursor);
    }
}

/* The object a hit names, with connectors reported as their connection's
 * forward half whatever the geometry hands back. */
static void
extopo_graph_view_hit_object (ExtopoGraphView  *self,
                              const ExtopoHit  *hit,
                              ExtopoObjectKind *kind,
                              gpointer         *object)
{
  *kind = hit->kind;
  *object = hit->object;

  if (hit->kind == EXTOPO_OBJECT_CONNECTOR
      && hit->index >= 0 && (guint) hit->index < self->geometry->edges->len)
    {
      const ExtopoGeoEdge *edge;

      edge = &g_array_index (self->geometry->edges, ExtopoGeoEdge, hit->index);
      *object = edge->connection->forward;
    }
}

static gboolean
extopo_graph_view_motion_notify_event (GtkWidget      *widget,
                                       GdkEventMotion *event)
{
  ExtopoGraphView *self = EXTOPO_GRAPH_VIEW (widget);
  ExtopoObjectKind kind;
  gpointer object;
  ExtopoHit hit;

  if (!self->dragging)
    {
      extopo_graph_view_hit_test (self, event->x, event->y, &hit);
      extopo_graph_view_hit_object (self, &hit, &kind, &object);
      extopo_graph_view_set_hover (self, kind, object);
    }

  /* GtkWidget's own handler runs the gestures of the bubble phase: without
   * it, the drag gesture would never see the pointer move. */
  if (extopo_graph_view_parent_widget_class ()->motion_notify_event != NULL)
    return extopo_graph_view_parent_widget_class ()->motion_notify_event (widget, event);

  return GDK_EVENT_PROPAGATE;
}

static gboolean
extopo_graph_view_leave_notify_event (GtkWidget        *widget,
                                      GdkEventCrossing *event)
{
  if (event->mode == GDK_CROSSING_NORMAL)
    extopo_graph_view_set_hover (EXTOPO_GRAPH_VIEW (widget), EXTOPO_OBJECT_NONE, NULL);

  return GDK_EVENT_PROPAGATE;
}

static const char *
extopo_status_get_display_name (ExtopoStatus status)
{
  static const char * const names[] = {
    [EXTOPO_STATUS_OK] = N_("OK"),
    [EXTOPO_STATUS_WARNING] = N_("Warning"),
    [EXTOPO_STATUS_ERROR] = N_("Error"),
    [EXTOPO_STATUS_UNSUPPORTED] = N_("Unsupported"),
  };

  if ((guint) status < G_N_ELEMENTS (names))
    return _(names[status]);

  return _("Unknown");
}

/* Model names are data: every piece goes through markup escaping. */
G_GNUC_PRINTF (2, 3)
static void
extopo_markup_append (GString    *markup,
                      const char *format,
                      ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_markup_vprintf_escaped (format, args);
  va_end (args);

  g_string_append (markup, text);
}

static char *
extopo_server_get_roles_text (ExtopoServer *server)
{
  return extopo_roles_to_display_text (server->roles, server->version.product);
}

static void
extopo_tooltip_append_server (GString      *markup,
                              ExtopoServer *server)
{
  g_autofree char *product = NULL;
  g_autofree char *number = NULL;
  guint n_findings = server->findings != NULL ? server->findings->len : 0;

  extopo_markup_append (markup, "<b>%s</b>", server->name);

  if (server->version.known)
    {
      product = extopo_version_get_display_name (&server->version);
      number = extopo_version_to_string (&server->version);
    }

  if (product != NULL && number != NULL)
    extopo_markup_append (markup, "\n%s (%s)", product, number);
  else if (product != NULL)
    extopo_markup_append (markup, "\n%s", product);
  else
    extopo_markup_append (markup, "\n%s", _("Unknown version"));

  if (server->roles_known && server->roles != 0)
    {
      g_autofree char *roles = extopo_server_get_roles_text (server);

      extopo_markup_append (markup, "\n%s %s", _("Roles:"), roles);
    }

  extopo_markup_append (markup, "\n%s %s", _("Status:"),
                        extopo_status_get_display_name (server->status));

  if (n_findings > 0)
    {
      g_string_append (markup, " — ");
      extopo_markup_append (markup,
                            g_dngettext (GETTEXT_PACKAGE, "%u finding", "%u findings", n_findings),
                            n_findings);
    }
}

static void
extopo_tooltip_append_connector (GString         *markup,
                                 ExtopoConnector *connector)
{
  ExtopoConnection *connection = connector->connection;
  const char *source = connector->source != NULL ? connector->source->name : "?";
  const char *target = connector->target != NULL ? connector->target->name : NULL;

  /* SMTP and Send connectors lead to address spaces, not to a group. */
  if (target == NULL && connector->address_spaces != NULL && connector->address_spaces[0] != NULL)
    target = connector->address_spaces[0];
  if (target == NULL)
    target = "?";

  extopo_markup_append (markup, "<b>%s</b>\n%s", connector->name,
                        extopo_connector_type_get_display_name (connector->type));
  extopo_markup_append (markup, "\n%s %s %s", source,
                        connection != NULL && connection->two_way ? "↔" : "→", target);
  g_string_append (markup, "\n");
  extopo_markup_append (markup, _("Cost %u"), connector->cost);
}

static void
extopo_tooltip_append_group (GString    *markup,
                             const char *name,
                             const char *kind_name,
                             GPtrArray  *servers)
{
  guint n = servers != NULL ? servers->len : 0;

  extopo_markup_append (markup, "<b>%s</b>\n%s — ", name, kind_name);
  extopo_markup_append (markup, g_dngettext (GETTEXT_PACKAGE, "%u server", "%u servers", n), n);
}

/* Pango markup for the object's tooltip, NULL for objects without one. */
static char *
extopo_graph_view_tooltip_markup (ExtopoGraphView  *self,
                                  ExtopoObjectKind  kind,
                                  gpointer          object)
{
  g_autoptr(GString) markup = g_string_new (NULL);

  switch (kind)
    {
    case EXTOPO_OBJECT_SERVER:
      extopo_tooltip_append_server (markup, object);
      /* A server of the older snapshot, drawn where it was: its last values. */
      if (self->geometry != NULL && extopo_geometry_is_ghost (self->geometry, object))
        extopo_markup_append (markup, "\n<i>%s</i>", _("Retired: removed since the older snapshot"));
      break;

    case EXTOPO_OBJECT_CONNECTOR:
      extopo_tooltip_append_connector (markup, object);
      break;

    case EXTOPO_OBJECT_ROUTING_GROUP:
      extopo_tooltip_append_group (markup, ((ExtopoRoutingGroup *) object)->name,
                                   _("Routing group"), ((ExtopoRoutingGroup *) object)->servers);
      break;

    case EXTOPO_OBJECT_ADMIN_GROUP:
      extopo_tooltip_append_group (markup, ((ExtopoAdminGroup *) object)->name,
                                   _("Administrative group"),
                                   ((ExtopoAdminGroup *) object)->servers);
      break;

    case EXTOPO_OBJECT_NONE:
    case EXTOPO_OBJECT_ORGANIZATION:
    default:
      return NULL;
    }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

char *
extopo_graph_view_get_tooltip_markup (ExtopoGraphView *self,
                                      double           x,
                                      double           y)
{
  ExtopoObjectKind kind;
  gpointer object;
  ExtopoHit hit;

  g_return_val_if_fail (EXTOPO_IS_GRAPH_VIEW (self), NULL);

  if (!extopo_graph_view_hit_test (self, x, y, &hit))
    return NULL;

  extopo_graph_view_hit_object (self, &hit, &kind, &object);

  return extopo_graph_view_tooltip_markup (self, kind, object);
}

static gboolean
extopo_graph_view_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_mode,
                                 GtkTooltip *tooltip)
{
  ExtopoGraphView *self = EXTOPO_GRAPH_VIEW (widget);
  g_autofree char *markup = NULL;
  ExtopoHit hit;
  ExtopoRect box;

  if (keyboard_mode)
    markup = extopo_graph_view_tooltip_markup (self, self->selected_kind, self->selected);
  else
    markup = extopo_graph_view_get_tooltip_markup (self, x, y);

  if (markup == NULL)
    return FALSE;

  gtk_tooltip_set_markup (tooltip, markup);

  /* The tooltip moves on when the pointer leaves this server or group. */
  if (!keyboard_mode
      && extopo_graph_view_hit_test (self, x, y, &hit)
      && hit.kind != EXTOPO_OBJECT_CONNECTOR
      && extopo_geometry_find_object (self->geometry, hit.kind, hit.object, &box))
    {
      double x0, y0, x1, y1;
      GdkRectangle area;

      extopo_graph_view_diagram_to_widget (self, box.x, box.y, &x0, &y0);
      extopo_graph_view_diagram_to_widget (self, box.x + box.width, box.y + box.height, &x1, &y1);
      area.x = (int) floor (x0);
      area.y = (int) floor (y0);
      area.width = MAX (1, (int) ceil (x1 - x0));
      area.height = MAX (1, (int) ceil (y1 - y0));
      gtk_tooltip_set_tip_area (tooltip, &area);
    }

  return TRUE;
}

/* Kinetic scrolling: GTK 3 offers it only inside a GtkScrolledWindow. A
 * fast drag leaves the view gliding on at the speed of its release, slowing
 * down exponentially. */

void
extopo_graph_view_stop_fling (ExtopoGraphView *self)
{
  if (self->fling_id == 0)
    return;

  gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fling_id);
  self->fling_id = 0;
}

gboolean
extopo_graph_view_is_flinging (ExtopoGraphView *self)
{
  g_return_val_if_fail (EXTOPO_IS_GRAPH_VIEW (self), FALSE);

  return self->fling_id != 0;
}

static gboolean
fling_tick_cb (GtkWidget     *widget,
               GdkFrameClock *clock,
               gpointer       user_data)
{
  ExtopoGraphView *self = EXTOPO_GRAPH_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);
  double old_x = self->center_x;
  double old_y = self->center_y;
  double dt;
  double decay;
  double dx;
  double dy;

  if (self->fling_time == 0)
    {
      self->fling_time = now;
      return G_SOURCE_CONTINUE;
    }

  /* A stalled frame clock does not throw the view far away. */
  dt = CLAMP ((now - self->fling_time) / (double) G_USEC_PER_SEC, 0.0, 0.1);
  self->fling_time = now;

  /* The distance the decaying speed covers in dt. */
  decay = exp (-dt / FLING_DECAY_S);
  dx = self->fling_vx * FLING_DECAY_S * (1.0 - decay);
  dy = self->fling_vy * FLING_DECAY_S * (1.0 - decay);
  self->fling_vx *= decay;
  self->fling_vy *= decay;

  self->fling_step = TRUE;
  extopo_graph_view_set_view (self, self->zoom,
                              self->center_x - dx / self->zoom,
                              self->center_y - dy / self->zoom);
  self->fling_step = FALSE;

  /* At the diagram's edge the glide stops that way. */
  if (dx != 0.0 && self->center_x == old_x)
    self->fling_vx = 0.0;
  if (dy != 0.0 && self->center_y == old_y)
    self->fling_vy = 0.0;

  if (hypot (self->fling_vx, self->fling_vy) < FLING_STOP_SPEED)
    {
      self->fling_id = 0;
      return G_SOURCE_REMOVE;
    }

  return G_SOURCE_CONTINUE;
}

/* The drag's release, with the pointer's speed over its last moments. */
static void
swipe_cb (GtkGestureSwipe *gesture,
          double           velocity_x,
          double           velocity_y,
          ExtopoGraphView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean animations = TRUE;
  double speed = hypot (velocity_x, velocity_y);

  /* Only a drag that panned glides on; not a click, nor a release after
   * the pointer came to rest, nor when animations are turned off. */
  g_object_get (gtk_widget_get_settings (widget), "gtk-enable-animations", &animations, NULL);
  if (!self->drag_moved || !animations || speed < FLING_MIN_SPEED)
    return;

  if (speed > FLING_MAX_SPEED)
    {
      velocity_x *= FLING_MAX_SPEED / speed;
      velocity_y *= FLING_MAX_SPEED / speed;
    }

  extopo_graph_view_stop_fling (self);
  self->fling_vx = velocity_x;
  self->fling_vy = velocity_y;
  self->fling_time = 0;
  self->fling_id = gtk_widget_add_tick_callback (widget, fling_tick_cb, NULL, NULL);
}

/* Input */

static void
drag_begin_cb (GtkGestureDrag  *gesture,
               double           start_x,
               double           start_y,
               ExtopoGraphView *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  ExtopoHit hit;

  /* Any press catches a gliding view. */
  extopo_graph_view_stop_fling (self);
  self->drag_moved = FALSE;

  /* The primary button pans only from empty space (groups count as empty);
   * on a server or connector it is a click. */
  if (button == GDK_BUTTON_PRIMARY)
    {
      extopo_graph_view_hit_test (self, start_x, start_y, &hit);
      if (hit.kind == EXTOPO_OBJECT_SERVER || hit.kind == EXTOPO_OBJECT_CONNECTOR ||
          extopo_graph_view_in_legend (self, start_x, start_y))
        {
          gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
          return;
        }
    }
  else if (button != GDK_BUTTON_MIDDLE)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  self->dragging = TRUE;
  self->drag_center_x = self->center_x;
  self->drag_center_y = self->center_y;
}

static void
drag_update_cb (GtkGestureDrag  *gesture,
                double           offset_x,
                double           offset_y,
                ExtopoGraphView *self)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
  int threshold = 8;

  if (!self->dragging)
    return;

  g_object_get (settings, "gtk-dnd-drag-threshold", &threshold, NULL);

  if (!self->drag_moved && hypot (offset_x, offset_y) < threshold)
    return;

  if (!self->drag_moved)
    {
      GdkWindow *window = gtk_widget_get_window (GTK_WIDGET (self));

      self->drag_moved = TRUE;
      extopo_graph_view_user_moved (self);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      if (window != NULL)
        {
          g_autoptr(GdkCursor) cursor = NULL;

          cursor = gdk_cursor_new_from_name (gdk_window_get_display (window), "grabbing");
          gdk_window_set_cursor (window, cursor);
        }
    }

  extopo_graph_view_set_view (self, self->zoom,
                              self->drag_center_x - offset_x / self->zoom,
                              self->drag_center_y - offset_y / self->zoom);
}

static void
drag_end_cb (GtkGestureDrag  *gesture,
             double           offset_x,
             double           offset_y,
             ExtopoGraphView *self)
{
  GdkWindow *window = gtk_widget_get_window (GTK_WIDGET (self));

  if (self->dragging && window != NULL)
    gdk_window_set_cursor (window, NULL);

  self->dragging = FALSE;
}

static void
click_pressed_cb (GtkGestureMultiPress *gesture,
                  int                   n_press,
                  double                x,
                  double                y,
                  ExtopoGraphView      *self)
{
  ExtopoHit hit;

  extopo_graph_view_stop_fling (self);
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));

  if (n_press == 1)
    {
      self->drag_moved = FALSE;
      self->press_x = x;
      self->press_y = y;
    }

  if (n_press == 2
      && extopo_graph_view_hit_test (self, x, y, &hit)
      && (hit.kind == EXTOPO_OBJECT_ROUTING_GROUP || hit.kind == EXTOPO_OBJECT_ADMIN_GROUP))
    extopo_graph_view_emit_group_activated (self, hit.kind, hit.object);
}

static void
click_released_cb (GtkGestureMultiPress *gesture,
                   int                   n_press,
                   double                x,
                   double                y,
                   ExtopoGraphView      *self)
{
  ExtopoObjectKind kind;
  gpointer object;
  ExtopoHit hit;
  int threshold = 8;

  if (n_press != 1 || self->drag_moved)
    return;
  /* A press that moved away (a drag that did not pan) is no click. */
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-dnd-drag-threshold", &threshold,
                NULL);
  if (hypot (x - self->press_x, y - self->press_y) >= threshold)
    return;

  if (extopo_graph_view_in_legend (self, x, y))
    {
      extopo_graph_view_toggle_legend (self);
      return;
    }

  extopo_graph_view_hit_test (self, x, y, &hit);
  extopo_graph_view_hit_object (self, &hit, &kind, &object);
  extopo_graph_view_select_and_notify (self, kind, object);
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               ExtopoGraphView  *self)
{
  double x;
  double y;

  if (!gtk_gesture_get_bounding_box_center (gesture, &x, &y))
    {
      x = extopo_graph_view_get_width (self) / 2.0;
      y = extopo_graph_view_get_height (self) / 2.0;
    }

  extopo_graph_view_stop_fling (self);
  extopo_graph_view_widget_to_diagram (self, x, y, &self->pinch_x, &self->pinch_y);
  self->pinch_zoom = self->zoom;
  extopo_graph_view_user_moved (self);
}

/* Keeps the point that was under the fingers under their current centre,
 * so a pinch zooms and pans at once. */
static void
zoom_scale_changed_cb (GtkGestureZoom  *gesture,
                       double           scale,
                       ExtopoGraphView *self)
{
  double x;
  double y;
  double zoom;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;

  zoom = CLAMP (self->pinch_zoom * scale, extopo_graph_view_min_zoom (self), MAX_ZOOM);
  extopo_graph_view_restart_settle (self);
  extopo_graph_view_set_view (self, zoom,
                              self->pinch_x - (x - extopo_graph_view_get_width (self) / 2.0) / zoom,
                              self->pinch_y - (y - extopo_graph_view_get_height (self) / 2.0) / zoom);
}

static gboolean
extopo_graph_view_scroll_event (GtkWidget      *widget,
                                GdkEventScroll *event)
{
  ExtopoGraphView *self = EXTOPO_GRAPH_VIEW (widget);
  GdkModifierType mods = event->state & gtk_accelerator_get_default_mod_mask ();
  double dx = 0.0;
  double dy = 0.0;

  extopo_graph_view_stop_fling (self);
  switch (event->direction)
    {
    case GDK_SCROLL_UP:
      dy = -1.0;
      break;
    case GDK_SCROLL_DOWN:
      dy = 1.0;
      break;
    case GDK_SCROLL_LEFT:
      dx = -1.0;
      break;
    case GDK_SCROLL_RIGHT:
      dx = 1.0;
      break;
    case GDK_SCROLL_SMOOTH:
      gdk_event_get_scroll_deltas ((GdkEvent *) event, &dx, &dy);
      break;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  if (mods == GDK_CONTROL_MASK)
    {
      if (dy != 0.0)
        {
          extopo_graph_view_set_zoom_at (self, self->zoom * pow (WHEEL_STEP, -dy),
                                         event->x, event->y);
          extopo_graph_view_restart_settle (self);
        }
      return GDK_EVENT_STOP;
    }

  /* Shift turns a wheel's vertical notches into horizontal ones. */
  if (mods == GDK_SHIFT_MASK && event->direction != GDK_SCROLL_SMOOTH)
    {
      double t = dx;

      dx = dy;
      dy = t;
    }

  extopo_graph_view_scroll_by (self, dx * PAN_STEP, dy * PAN_STEP);

  return GDK_EVENT_STOP;
}

/* Arrows move the selection (Ctrl+arrows pan), Alt+Up and Alt+Down go out
 * to the enclosing group and into a group, Enter opens the selection's
 * card, Space collapses or expands its group. */
static gboolean
extopo_graph_view_key_press_event (GtkWidget   *widget,
                                   GdkEventKey *event)
{
  ExtopoGraphView *self = EXTOPO_GRAPH_VIEW (widget);
  GdkModifierType mods = event->state & gtk_accelerator_get_default_mod_mask ();
  double dx = 0, dy = 0;

  extopo_graph_view_stop_fling (self);
  switch (event->keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      dx = -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      dx = 1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      dy = -1;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      dy = 1;
      break;
    default:
      break;
    }
  if (dx != 0 || dy != 0)
    {
      if (mods == GDK_CONTROL_MASK)
        extopo_graph_view_scroll_by (self, dx * PAN_STEP, dy * PAN_STEP);
      else if (mods == GDK_MOD1_MASK && dy < 0)
        extopo_graph_view_select_parent (self);
      else if (mods == GDK_MOD1_MASK && dy > 0)
        extopo_graph_view_select_child (self);
      else if (mods == 0)
        extopo_graph_view_move_selection (self, dx, dy);
      else
        return extopo_graph_view_parent_widget_class ()->key_press_event (widget, event);
      return GDK_EVENT_STOP;
    }

  if (mods == 0 || mods == GDK_SHIFT_MASK)
    {
      switch (event->keyval)
        {
        case GDK_KEY_Escape:
          extopo_graph_view_clear_selection (self);
          return GDK_EVENT_STOP;
        case GDK_KEY_plus:
        case GDK_KEY_equal:
        case GDK_KEY_KP_Add:
          extopo_graph_view_zoom_in (self);
          return GDK_EVENT_STOP;
        case GDK_KEY_minus:
        case GDK_KEY_KP_Subtract:
          extopo_graph_view_zoom_out (self);
          return GDK_EVENT_STOP;
        case GDK_KEY_Return:
        case GDK_KEY_KP_Enter:
        case GDK_KEY_ISO_Enter:
          if (self->selected == NULL)
            return GDK_EVENT_PROPAGATE;
          extopo_graph_view_emit_selection_activated (self);
          return GDK_EVENT_STOP;
        case GDK_KEY_space:
        case GDK_KEY_KP_Space:
          extopo_graph_view_toggle_selected_group (self);
          return GDK_EVENT_STOP;
        default:
          break;
        }
    }

  return extopo_graph_view_parent_widget_class ()->key_press_event (widget, event);
}

static void
extopo_graph_view_size_allocate (GtkWidget     *widget,
                                 GtkAllocation *allocation)
{
  ExtopoGraphView *self = EXTOPO_GRAPH_VIEW (widget);

  extopo_graph_view_parent_widget_class ()->size_allocate (widget, allocation);

  if (self->geometry != NULL && (self->fit_pending || self->auto_fit))
    {
      self->fit_pending = FALSE;
      extopo_graph_view_fit_rect (self, &self->geometry->bounds, MAX_FIT_ZOOM);
    }
}


/* The right button: the menu of what is under it, which it selects. */
static void
menu_pressed_cb (GtkGestureMultiPress *gesture,
                 int                   n_press,
                 double                x,
                 double                y,
                 ExtopoGraphView      *self)
{
  const GdkEvent *event;
  ExtopoObjectKind kind;
  gpointer object;
  ExtopoHit hit;

  extopo_graph_view_stop_fling (self);
  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));
  event = gtk_gesture_get_last_event (GTK_GESTURE (gesture),
                                      gtk_gesture_single_get_current_sequence (
                                        GTK_GESTURE_SINGLE (gesture)));
  extopo_graph_view_hit_test (self, x, y, &hit);
  extopo_graph_view_hit_object (self, &hit, &kind, &object);
  if (object != NULL)
    extopo_graph_view_select_and_notify (self, kind, object);
  extopo_graph_view_popup_menu_for (self, kind, object, event);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
}

void
extopo_graph_view_class_init_input (GtkWidgetClass *widget_class)
{
  widget_class->size_allocate = extopo_graph_view_size_allocate;
  widget_class->scroll_event = extopo_graph_view_scroll_event;
  widget_class->key_press_event = extopo_graph_view_key_press_event;
  widget_class->motion_notify_event = extopo_graph_view_motion_notify_event;
  widget_class->leave_notify_event = extopo_graph_view_leave_notify_event;
  widget_class->query_tooltip = extopo_graph_view_query_tooltip;
  widget_class->popup_menu = extopo_graph_view_popup_menu;
}

void
extopo_graph_view_init_input (ExtopoGraphView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  self->drag_gesture = gtk_gesture_drag_new (widget);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->drag_gesture), 0);
  g_signal_connect (self->drag_gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (self->drag_gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (self->drag_gesture, "drag-end", G_CALLBACK (drag_end_cb), self);

  /* In the drag's group: it follows the drag's claims and denials. */
  self->swipe_gesture = gtk_gesture_swipe_new (widget);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->swipe_gesture), 0);
  gtk_gesture_group (self->swipe_gesture, self->drag_gesture);
  g_signal_connect (self->swipe_gesture, "swipe", G_CALLBACK (swipe_cb), self);

  self->click_gesture = gtk_gesture_multi_press_new (widget);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->click_gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (self->click_gesture, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect (self->click_gesture, "released", G_CALLBACK (click_released_cb), self);

  self->menu_gesture = gtk_gesture_multi_press_new (widget);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->menu_gesture), GDK_BUTTON_SECONDARY);
  g_signal_connect (self->menu_gesture, "pressed", G_CALLBACK (menu_pressed_cb), self);
  extopo_graph_view_init_menu (self);

  self->zoom_gesture = gtk_gesture_zoom_new (widget);
  g_signal_connect (self->zoom_gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (self->zoom_gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
}
