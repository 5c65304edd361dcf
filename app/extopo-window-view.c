/* extopo-window-view.c: what the window lays over its diagram: the overview, a map of the
 * whole diagram (Ctrl+M, remembered), and the zoom level with a menu (fit, 100 %,
 * selection) and the zoom actions; showing a server of the diagram in the inventory; and a layout
 * again when the window takes another shape.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-window"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "extopo-overview.h"
#include "extopo-window-private.h"

#define OVERLAY_MARGIN 12
/* How far the view's shape may go from the layout's before it is laid out again. */
#define ASPECT_TOLERANCE 1.4
/* Waits this long after the last change of size, not to lay out at every step of a drag. */
#define ASPECT_DELAY_MS  300

/* The overview at the bottom left, never more than a third of the view
 * wide or high: over a small view (the inventory shown, a small window)
 * the full-size map hid half the diagram. */
static gboolean
overlay_child_position_cb (GtkOverlay   *overlay,
                           GtkWidget    *widget,
                           GdkRectangle *allocation,
                           ExtopoWindow *self)
{
  int view_width = gtk_widget_get_allocated_width (GTK_WIDGET (overlay));
  int view_height = gtk_widget_get_allocated_height (GTK_WIDGET (overlay));
  int natural_width, natural_height;
  double scale;

  if (widget != self->overview)
    return FALSE;

  gtk_widget_get_preferred_width (widget, NULL, &natural_width);
  gtk_widget_get_preferred_height (widget, NULL, &natural_height);
  scale = MIN (1.0, MIN (view_width / 3.0 / natural_width, view_height / 3.0 / natural_height));
  allocation->width = MAX (1, (int) (natural_width * scale));
  allocation->height = MAX (1, (int) (natural_height * scale));
  allocation->x = OVERLAY_MARGIN;
  allocation->y = MAX (0, view_height - allocation->height - OVERLAY_MARGIN);

  return TRUE;
}

static gboolean
aspect_differs (ExtopoWindow *self,
                double        aspect)
{
  return aspect > 0 && self->layout_aspect > 0 &&
         fabs (log (aspect / self->layout_aspect)) > log (ASPECT_TOLERANCE);
}

/* Only a fitted diagram is laid out again: one the person zoomed into stays
 * where they put it. */
static gboolean
wants_relayout (ExtopoWindow *self)
{
  /* Not while another source is read: its own layout follows. */
  return self->model != NULL && self->layout_cancellable == NULL &&
         self->load_cancellable == NULL &&
         extopo_graph_view_get_auto_fit (self->graph_view) &&
         aspect_differs (self, extopo_graph_view_get_fit_aspect (self->graph_view));
}

static gboolean
aspect_timeout_cb (gpointer user_data)
{
  ExtopoWindow *self = user_data;

  self->aspect_timeout = 0;
  if (wants_relayout (self))
    {
      g_debug ("laying out again for a view of aspect %.2f (was %.2f)",
               extopo_graph_view_get_fit_aspect (self->graph_view), self->layout_aspect);
      extopo_window_relayout (self, FALSE);
    }

  return G_SOURCE_REMOVE;
}

void
extopo_window_view_check_aspect (ExtopoWindow *self)
{
  g_clear_handle_id (&self->aspect_timeout, g_source_remove);
  if (wants_relayout (self))
    self->aspect_timeout = g_timeout_add (ASPECT_DELAY_MS, aspect_timeout_cb, self);
}

void
extopo_window_view_finalize (ExtopoWindow *self)
{
  g_clear_handle_id (&self->aspect_timeout, g_source_remove);
}

static void
zoom_changed_cb (ExtopoWindow *self)
{
  double zoom = extopo_graph_view_get_zoom (self->graph_view);
  g_autofree char *label = NULL;

  /* Translators: the zoom level on the zoom button, "42 %". */
  label = g_strdup_printf (_("%.0f %%"), round (zoom * 100));
  gtk_button_set_label (GTK_BUTTON (self->zoom_button), label);
}

static void
change_overview_state (GSimpleAction *action,
                       GVariant      *state,
                       gpointer       user_data)
{
  ExtopoWindow *self = user_data;
  gboolean visible = g_variant_get_boolean (state);

  g_simple_action_set_state (action, state);
  gtk_widget_set_visible (self->overview, visible);
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "overview-visible", visible);
}

/* The context menu's "Show in Inventory": the inventory opens on it. */
static void
show_in_inventory_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  ExtopoWindow *self = user_data;
  ExtopoObjectKind kind = EXTOPO_OBJECT_NONE;
  gpointer object = extopo_graph_view_get_selection (self->graph_view, &kind);

  if (kind != EXTOPO_OBJECT_SERVER || object == NULL)
    return;
  g_action_group_change_action_state (G_ACTION_GROUP (self), "inventory",
                                      g_variant_new_boolean (TRUE));
  extopo_inventory_select_server (self->inventory, object);
}

/* The zoom steps, kept by the graph view. */
#define DEFINE_ZOOM_ACTION(name)                                  \
  static void                                                     \
  name##_action (GSimpleAction *action,                           \
                 GVariant      *parameter,                        \
                 gpointer       user_data)                        \
  {                                                               \
    extopo_graph_view_##name (EXTOPO_WINDOW (user_data)->graph_view); \
  }

DEFINE_ZOOM_ACTION (zoom_in)
DEFINE_ZOOM_ACTION (zoom_out)
DEFINE_ZOOM_ACTION (zoom_fit)
DEFINE_ZOOM_ACTION (zoom_reset)
DEFINE_ZOOM_ACTION (zoom_to_selection)

static const GActionEntry view_entries[] = {
  { "overview", extopo_window_toggle_action, NULL, "false", change_overview_state },
  { "show-in-inventory", show_in_inventory_action },
  { "zoom-in", zoom_in_action },
  { "zoom-out", zoom_out_action },
  { "zoom-fit", zoom_fit_action },
  { "zoom-reset", zoom_reset_action },
  { "zoom-selection", zoom_to_selection_action },
};

void
extopo_window_view_init (ExtopoWindow *self)
{
  GtkWidget *overlay = gtk_widget_get_parent (GTK_WIDGET (self->graph_view));
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) steps = g_menu_new ();
  gboolean overview = FALSE;

  g_action_map_add_action_entries (G_ACTION_MAP (self), view_entries,
                                   G_N_ELEMENTS (view_entries), self);

  /* The map, at the bottom left, over the diagram. */
  self->overview = extopo_overview_new (self->graph_view);
  gtk_widget_set_halign (self->overview, GTK_ALIGN_START);
  gtk_widget_set_valign (self->overview, GTK_ALIGN_END);
  gtk_widget_set_margin_start (self->overview, OVERLAY_MARGIN);
  gtk_widget_set_margin_bottom (self->overview, OVERLAY_MARGIN);
  gtk_widget_set_no_show_all (self->overview, TRUE);
  if (GTK_IS_OVERLAY (overlay))
    {
      gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->overview);
      g_signal_connect_object (overlay, "get-child-position",
                               G_CALLBACK (overlay_child_position_cb), self, 0);
    }
  if (self->settings != NULL)
    overview = g_settings_get_boolean (self->settings, "overview-visible");
  g_action_group_change_action_state (G_ACTION_GROUP (self), "overview",
                                      g_variant_new_boolean (overview));

  /* The zoom level, at the top right, with a menu of levels. */
  g_menu_append (steps, _("Zoom _In"), "win.zoom-in");
  g_menu_append (steps, _("Zoom _Out"), "win.zoom-out");
  g_menu_append (menu, _("Zoom to _Fit"), "win.zoom-fit");
  g_menu_append (menu, _("_100 %"), "win.zoom-reset");
  g_menu_append (menu, _("Zoom to _Selection"), "win.zoom-selection");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (steps));
  g_menu_append (menu, _("Show _Overview"), "win.overview");
  self->zoom_button = gtk_menu_button_new ();
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (self->zoom_button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (self->zoom_button, _("Zoom level"));
  gtk_widget_set_halign (self->zoom_button, GTK_ALIGN_END);
  gtk_widget_set_valign (self->zoom_button, GTK_ALIGN_START);
  gtk_widget_set_margin_end (self->zoom_button, OVERLAY_MARGIN);
  gtk_widget_set_margin_top (self->zoom_button, OVERLAY_MARGIN);
  gtk_style_context_add_class (gtk_widget_get_style_context (self->zoom_button), "osd");
  gtk_widget_show (self->zoom_button);
  if (GTK_IS_OVERLAY (overlay))
    gtk_overlay_add_overlay (GTK_OVERLAY (overlay), self->zoom_button);
  g_signal_connect_object (self->graph_view, "notify::zoom", G_CALLBACK (zoom_changed_cb), self,
                           G_CONNECT_SWAPPED);
  zoom_changed_cb (self);

  /* Another shape (the window resized, the sidebar or the legend shown):
   * perhaps another arrangement of the groups. */
  g_signal_connect_object (self->graph_view, "size-allocate",
                           G_CALLBACK (extopo_window_view_check_aspect), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->graph_view, "notify::show-legend",
                           G_CALLBACK (extopo_window_view_check_aspect), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

GtkWidget *
extopo_window_get_overview (ExtopoWindow *self)
{
  g_return_val_if_fail (EXTOPO_IS_WINDOW (self), NULL);

  return self->overview;
}

const char *
extopo_window_get_zoom_text (ExtopoWindow *self)
{
  g_return_val_if_fail (EXTOPO_IS_WINDOW (self), NULL);

  return gtk_button_get_label (GTK_BUTTON (self->zoom_button));
}
