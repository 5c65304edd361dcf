/* extopo-graph-view-keys.c: the graph view from the keyboard and its context menu: arrow
 * keys move the selection to the nearest object that way, Alt+Up and Alt+Down to the
 * enclosing group and into it, Enter opens the selection's card, Space collapses or
 * expands its group, and the menu (right button, Menu key, Shift+F10) offers what can be
 * done with the object under it.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-graph-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "extopo-graph-view-private.h"

/* Moving sideways costs this much more than moving ahead, so that Right
 * goes to the next card in the row rather than a nearer one below it. */
#define SIDEWAYS_COST 3.0

typedef struct
{
  ExtopoObjectKind kind;
  gpointer         object;
  ExtopoRect       box;
} Target;

static gboolean
is_group (ExtopoObjectKind kind)
{
  return kind == EXTOPO_OBJECT_ADMIN_GROUP || kind == EXTOPO_OBJECT_ROUTING_GROUP;
}

/* Every object of the class of @kind (servers and collapsed groups, which
 * stand where their servers would; groups; connectors), to move among. */
static GArray *
targets_like (ExtopoGraphView  *self,
              ExtopoObjectKind  kind,
              gboolean          collapsed_group)
{
  ExtopoGeometry *geometry = self->geometry;
  GArray *targets = g_array_new (FALSE, FALSE, sizeof (Target));
  gboolean servers = kind == EXTOPO_OBJECT_SERVER || kind == EXTOPO_OBJECT_NONE ||
                     collapsed_group;

  if (kind == EXTOPO_OBJECT_CONNECTOR)
    {
      for (guint i = 0; i < geometry->edges->len; i++)
        {
          const ExtopoGeoEdge *edge = &g_array_index (geometry->edges, ExtopoGeoEdge, i);
          Target t = { EXTOPO_OBJECT_CONNECTOR, NULL, { edge->label_x, edge->label_y, 0, 0 } };

          if (edge->connection == NULL || edge->connection->forward == NULL)
            continue;
          t.object = edge->connection->forward;
          g_array_append_val (targets, t);
        }
      return targets;
    }

  if (servers)
    for (guint i = 0; i < geometry->nodes->len; i++)
      {
        const ExtopoGeoNode *node = &g_array_index (geometry->nodes, ExtopoGeoNode, i);
        Target t = { EXTOPO_OBJECT_SERVER, node->server, node->box };

        if (node->server != NULL)
          g_array_append_val (targets, t);
      }
  for (guint i = 0; i < geometry->frames->len; i++)
    {
      const ExtopoGeoFrame *frame = &g_array_index (geometry->frames, ExtopoGeoFrame, i);
      Target t = { frame->kind, frame->object, frame->box };

      if (frame->object != NULL && (servers ? frame->collapsed : !frame->collapsed))
        g_array_append_val (targets, t);
    }

  return targets;
}

static gboolean
frame_is_collapsed (ExtopoGraphView  *self,
                    ExtopoObjectKind  kind,
                    gpointer          object)
{
  for (guint i = 0; i < self->geometry->frames->len; i++)
    {
      const ExtopoGeoFrame *frame = &g_array_index (self->geometry->frames, ExtopoGeoFrame, i);

      if (frame->kind == kind && frame->object == object)
        return frame->collapsed;
    }

  return FALSE;
}

/* Selects @object, keeps it in sight and lets the hover (and with it the
 * lit connections) follow. */
static void
select_from_keyboard (ExtopoGraphView  *self,
                      ExtopoObjectKind  kind,
                      gpointer          object)
{
  ExtopoRect box, visible;

  extopo_graph_view_select_and_notify (self, kind, object);
  extopo_graph_view_set_hover (self, kind, object);
  if (!extopo_geometry_find_object (self->geometry, kind, object, &box))
    return;
  extopo_graph_view_get_visible_rect (self, &visible);
  if (box.x < visible.x || box.y < visible.y || box.x + box.width > visible.x + visible.width ||
      box.y + box.height > visible.y + visible.height)
    extopo_graph_view_center_on (self, kind, object);
}

/* The object nearest the centre of the view, of servers and collapsed groups. */
static void
select_nearest_centre (ExtopoGraphView *self)
{
  g_autoptr(GArray) targets = targets_like (self, EXTOPO_OBJECT_NONE, FALSE);
  ExtopoRect visible;
  double cx, cy, best = G_MAXDOUBLE;
  const Target *found = NULL;

  extopo_graph_view_get_visible_rect (self, &visible);
  cx = visible.x + visible.width / 2;
  cy = visible.y + visible.height / 2;
  for (guint i = 0; i < targets->len; i++)
    {
      const Target *t = &g_array_index (targets, Target, i);
      double d = hypot (t->box.x + t->box.width / 2 - cx, t->box.y + t->box.height / 2 - cy);

      if (d < best)
        {
          best = d;
          found = t;
        }
    }
  if (found != NULL)
    select_from_keyboard (self, found->kind, found->object);
}

void
extopo_graph_view_move_selection (ExtopoGraphView *self,
                                  double           dx,
                                  double           dy)
{
  g_autoptr(GArray) targets = NULL;
  ExtopoRect from;
  double fx, fy, best = G_MAXDOUBLE;
  const Target *found = NULL;

  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  if (self->geometry == NULL)
    return;
  if (self->selected == NULL ||
      !extopo_geometry_find_object (self->geometry, self->selected_kind, self->selected, &from))
    {
      select_nearest_centre (self);
      return;
    }

  targets = targets_like (self, self->selected_kind,
                          is_group (self->selected_kind) &&
                          frame_is_collapsed (self, self->selected_kind, self->selected));
  fx = from.x + from.width / 2;
  fy = from.y + from.height / 2;
  for (guint i = 0; i < targets->len; i++)
    {
      const Target *t = &g_array_index (targets, Target, i);
      double vx = t->box.x + t->box.width / 2 - fx, vy = t->box.y + t->box.height / 2 - fy;
      double ahead = vx * dx + vy * dy;
      double sideways = fabs (vx * dy - vy * dx);
      double cost = ahead + SIDEWAYS_COST * sideways;

      if (t->object == self->selected || ahead <= 0.5 || sideways > 2 * ahead + from.height)
        continue;
      if (cost < best)
        {
          best = cost;
          found = t;
        }
    }
  if (found != NULL)
    select_from_keyboard (self, found->kind, found->object);
  else
    gtk_widget_error_bell (GTK_WIDGET (self));
}

/* The frame of a group, or -1. */
static int
find_frame (ExtopoGraphView  *self,
            ExtopoObjectKind  kind,
            gpointer          object)
{
  for (guint i = 0; i < self->geometry->frames->len; i++)
    {
      const ExtopoGeoFrame *frame = &g_array_index (self->geometry->frames, ExtopoGeoFrame, i);

      if (frame->kind == kind && frame->object == object)
        return (int) i;
    }

  return -1;
}

/* The innermost group drawn around the selection, or -1. */
static int
enclosing_frame (ExtopoGraphView *self)
{
  if (self->selected_kind == EXTOPO_OBJECT_SERVER)
    {
      for (guint i = 0; i < self->geometry->nodes->len; i++)
        {
          const ExtopoGeoNode *node = &g_array_index (self->geometry->nodes, ExtopoGeoNode, i);

          if (node->server == self->selected)
            return node->frame;
        }
      return -1;
    }
  if (is_group (self->selected_kind))
    {
      int f = find_frame (self, self->selected_kind, self->selected);

      return f >= 0 ? g_array_index (self->geometry->frames, ExtopoGeoFrame, f).parent : -1;
    }

  return -1;
}

void
extopo_graph_view_select_parent (ExtopoGraphView *self)
{
  int f;

  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  if (self->geometry == NULL || (f = enclosing_frame (self)) < 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  select_from_keyboard (self, g_array_index (self->geometry->frames, ExtopoGeoFrame, f).kind,
                        g_array_index (self->geometry->frames, ExtopoGeoFrame, f).object);
}

void
extopo_graph_view_select_child (ExtopoGraphView *self)
{
  ExtopoGeometry *geometry = self->geometry;
  int f;

  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  if (geometry == NULL || !is_group (self->selected_kind) ||
      (f = find_frame (self, self->selected_kind, self->selected)) < 0)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  /* The first group inside, else the first server. */
  for (guint i = 0; i < geometry->frames->len; i++)
    {
      const ExtopoGeoFrame *frame = &g_array_index (geometry->frames, ExtopoGeoFrame, i);

      if (frame->parent == f && frame->object != NULL)
        {
          select_from_keyboard (self, frame->kind, frame->object);
          return;
        }
    }
  for (guint i = 0; i < geometry->nodes->len; i++)
    {
      const ExtopoGeoNode *node = &g_array_index (geometry->nodes, ExtopoGeoNode, i);

      if (node->frame == f && node->server != NULL)
        {
          select_from_keyboard (self, EXTOPO_OBJECT_SERVER, node->server);
          return;
        }
    }
  gtk_widget_error_bell (GTK_WIDGET (self));
}

/* The group that Space or the menu collapses for @kind, @object: the group
 * itself, or the innermost group around a server. */
static gboolean
group_of (ExtopoGraphView  *self,
          ExtopoObjectKind  kind,
          gpointer          object,
          ExtopoObjectKind *group_kind,
          gpointer         *group)
{
  if (self->geometry == NULL || object == NULL)
    return FALSE;
  if (is_group (kind))
    {
      *group_kind = kind;
      *group = object;
      return TRUE;
    }
  if (kind == EXTOPO_OBJECT_SERVER)
    for (guint i = 0; i < self->geometry->nodes->len; i++)
      {
        const ExtopoGeoNode *node = &g_array_index (self->geometry->nodes, ExtopoGeoNode, i);

        if (node->server == object && node->frame >= 0)
          {
            const ExtopoGeoFrame *frame = &g_array_index (self->geometry->frames, ExtopoGeoFrame,
                                                          node->frame);

            *group_kind = frame->kind;
            *group = frame->object;
            return frame->object != NULL;
          }
      }

  return FALSE;
}

void
extopo_graph_view_toggle_selected_group (ExtopoGraphView *self)
{
  ExtopoObjectKind kind;
  gpointer group;

  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  if (!group_of (self, self->selected_kind, self->selected, &kind, &group))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  /* The group stays selected across the new layout. */
  extopo_graph_view_select_and_notify (self, kind, group);
  extopo_graph_view_emit_group_activated (self, kind, group);
}

/* The context menu */

static void
copy_text (ExtopoGraphView *self,
           const char      *text)
{
  if (text == NULL)
    return;
  gtk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self), GDK_SELECTION_CLIPBOARD),
                          text, -1);
}

static void
copy_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  ExtopoGraphView *self = user_data;
  const char *what = g_action_get_name (G_ACTION (action));

  if (self->menu_object == NULL)
    return;
  if (g_str_equal (what, "copy-name"))
    copy_text (self, extopo_model_object_get_name (self->menu_kind, self->menu_object));
  else if (g_str_equal (what, "copy-dn"))
    copy_text (self, extopo_model_object_get_dn (self->menu_kind, self->menu_object));
  else if (g_str_equal (what, "copy-fqdn") && self->menu_kind == EXTOPO_OBJECT_SERVER)
    copy_text (self, ((ExtopoServer *) self->menu_object)->fqdn);
}

static void
zoom_to_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  ExtopoGraphView *self = user_data;
  ExtopoRect box;

  if (self->menu_object == NULL || self->geometry == NULL ||
      !extopo_geometry_find_object (self->geometry, self->menu_kind, self->menu_object, &box))
    return;
  extopo_graph_view_user_moved (self);
  extopo_graph_view_fit_rect (self, &box, MAX_FIT_ZOOM);
}

static void
zoom_fit_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  extopo_graph_view_zoom_fit (user_data);
}

static void
toggle_group_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  ExtopoGraphView *self = user_data;
  ExtopoObjectKind kind;
  gpointer group;

  if (group_of (self, self->menu_kind, self->menu_object, &kind, &group))
    {
      extopo_graph_view_select_and_notify (self, kind, group);
      extopo_graph_view_emit_group_activated (self, kind, group);
    }
}

static const GActionEntry menu_entries[] = {
  { "copy-name", copy_action },
  { "copy-fqdn", copy_action },
  { "copy-dn", copy_action },
  { "zoom-to", zoom_to_action },
  { "zoom-fit", zoom_fit_action },
  { "toggle-group", toggle_group_action },
};

void
extopo_graph_view_init_menu (ExtopoGraphView *self)
{
  self->menu_actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->menu_actions), menu_entries,
                                   G_N_ELEMENTS (menu_entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "view", G_ACTION_GROUP (self->menu_actions));
}

static void
set_enabled (ExtopoGraphView *self,
             const char      *name,
             gboolean         enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->menu_actions), name);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

/* The menu for @object (NULL: the background). */
static GMenuModel *
build_menu (ExtopoGraphView  *self,
            ExtopoObjectKind  kind,
            gpointer          object)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) groups = g_menu_new ();
  g_autoptr(GMenu) view = g_menu_new ();
  g_autoptr(GMenu) copy = g_menu_new ();
  ExtopoObjectKind group_kind;
  gpointer group;

  if (object != NULL && group_of (self, kind, object, &group_kind, &group))
    {
      gboolean collapsed = frame_is_collapsed (self, group_kind, group);

      if (is_group (kind))
        g_menu_append (groups, collapsed ? _("_Expand Group") : _("_Collapse Group"),
                       "view.toggle-group");
      else
        g_menu_append (groups, _("_Collapse Its Group"), "view.toggle-group");
    }
  g_menu_append (groups, _("Collapse _All Groups"), "win.collapse-all");
  g_menu_append (groups, _("E_xpand All Groups"), "win.expand-all");

  if (object != NULL)
    g_menu_append (view, _("_Zoom To"), "view.zoom-to");
  g_menu_append (view, _("Zoom to _Fit"), "view.zoom-fit");
  if (kind == EXTOPO_OBJECT_SERVER)
    g_menu_append (view, _("Show in _Inventory"), "win.show-in-inventory");

  if (object != NULL)
    {
      g_menu_append (copy, _("Copy _Name"), "view.copy-name");
      if (kind == EXTOPO_OBJECT_SERVER)
        g_menu_append (copy, _("Copy F_QDN"), "view.copy-fqdn");
      g_menu_append (copy, _("Copy _DN"), "view.copy-dn");
    }

  g_menu_append_section (menu, NULL, G_MENU_MODEL (groups));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (view));
  if (object != NULL)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (copy));

  set_enabled (self, "copy-fqdn", kind == EXTOPO_OBJECT_SERVER &&
               ((ExtopoServer *) object)->fqdn != NULL);
  set_enabled (self, "copy-dn", object != NULL &&
               extopo_model_object_get_dn (kind, object) != NULL);

  return G_MENU_MODEL (menu);
}

static gboolean
destroy_menu_cb (gpointer data)
{
  gtk_widget_destroy (data);

  return G_SOURCE_REMOVE;
}

static void
menu_deactivate_cb (GtkMenuShell *menu,
                    gpointer      user_data)
{
  /* Destroyed once its action has run: "deactivate" comes first. Held
   * until then, in case the view goes (and takes the menu) before. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_menu_cb, g_object_ref (menu),
                   g_object_unref);
}

/* Opens the menu for @object at the pointer of @event, or (no event) at
 * the object's box, or the view's centre. */
void
extopo_graph_view_popup_menu_for (ExtopoGraphView  *self,
                                  ExtopoObjectKind  kind,
                                  gpointer          object,
                                  const GdkEvent   *event)
{
  g_autoptr(GMenuModel) model = NULL;
  GtkWidget *menu;

  self->menu_kind = object != NULL ? kind : EXTOPO_OBJECT_NONE;
  self->menu_object = object;
  model = build_menu (self, self->menu_kind, object);
  menu = gtk_menu_new_from_model (model);
  gtk_style_context_add_class (gtk_widget_get_style_context (menu), GTK_STYLE_CLASS_CONTEXT_MENU);
  gtk_menu_attach_to_widget (GTK_MENU (menu), GTK_WIDGET (self), NULL);
  g_signal_connect (menu, "deactivate", G_CALLBACK (menu_deactivate_cb), NULL);

  if (event != NULL)
    gtk_menu_popup_at_pointer (GTK_MENU (menu), event);
  else
    {
      GdkRectangle rect = { extopo_graph_view_get_width (self) / 2,
                            extopo_graph_view_get_height (self) / 2, 1, 1 };
      ExtopoRect box;

      if (object != NULL && self->geometry != NULL &&
          extopo_geometry_find_object (self->geometry, kind, object, &box))
        {
          double x, y;

          extopo_graph_view_diagram_to_widget (self, box.x + box.width / 2,
                                               box.y + box.height / 2, &x, &y);
          rect.x = (int) CLAMP (x, 0, extopo_graph_view_get_width (self) - 1);
          rect.y = (int) CLAMP (y, 0, extopo_graph_view_get_height (self) - 1);
        }
      gtk_menu_popup_at_rect (GTK_MENU (menu), gtk_widget_get_window (GTK_WIDGET (self)), &rect,
                              GDK_GRAVITY_SOUTH_EAST, GDK_GRAVITY_NORTH_WEST, NULL);
    }
}

gboolean
extopo_graph_view_popup_menu (GtkWidget *widget)
{
  ExtopoGraphView *self = EXTOPO_GRAPH_VIEW (widget);

  extopo_graph_view_popup_menu_for (self, self->selected_kind, self->selected, NULL);

  return TRUE;
}
