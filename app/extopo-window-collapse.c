/* extopo-window-collapse.c: which groups the window draws collapsed: one group from the
 * diagram (double click, Space, the context menu), all of them, and undoing and redoing
 * those changes and the switches between the routing and administrative views; and
 * opening the card of the diagram's selection (Enter).
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-window"

#include "config.h"

#include <glib/gi18n.h>

#include "extopo-layout.h"
#include "extopo-window-private.h"

/* Changes kept for undoing: enough for an afternoon of exploring. */
#define UNDO_DEPTH 100

static void
update_undo_actions (ExtopoWindow *self)
{
  GAction *undo = g_action_map_lookup_action (G_ACTION_MAP (self), "undo");
  GAction *redo = g_action_map_lookup_action (G_ACTION_MAP (self), "redo");

  g_simple_action_set_enabled (G_SIMPLE_ACTION (undo), self->undo_stack->len > 0);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (redo), self->redo_stack->len > 0);
}

/* What a step of undo brings back: the view and the groups collapsed. */
typedef struct
{
  ExtopoView  view;
  GHashTable *collapsed;
} UndoStep;

static void
undo_step_free (UndoStep *step)
{
  g_clear_pointer (&step->collapsed, g_hash_table_unref);
  g_free (step);
}

/* The window as it is now, onto @stack. */
static void
push_current (ExtopoWindow *self,
              GPtrArray    *stack)
{
  UndoStep *step = g_new0 (UndoStep, 1);

  step->view = self->view;
  step->collapsed = extopo_layout_collapsed_copy (self->collapsed);
  if (stack->len >= UNDO_DEPTH)
    g_ptr_array_remove_index (stack, 0);
  g_ptr_array_add (stack, step);
}

void
extopo_window_note_undoable (ExtopoWindow *self)
{
  push_current (self, self->undo_stack);
  g_ptr_array_set_size (self->redo_stack, 0);
  update_undo_actions (self);
}

void
extopo_window_set_collapsed (ExtopoWindow *self,
                             GHashTable   *collapsed,
                             gboolean      undoable)
{
  g_return_if_fail (EXTOPO_IS_WINDOW (self));

  if (self->model == NULL)
    {
      g_hash_table_unref (collapsed);
      return;
    }
  if (undoable)
    extopo_window_note_undoable (self);
  extopo_window_relayout_collapsed (self, collapsed, TRUE);
}

void
extopo_window_collapse_reset (ExtopoWindow *self)
{
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  update_undo_actions (self);
}

/* Every group drawn as a frame in the current view. */
static void
collapse_all_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  ExtopoWindow *self = user_data;
  ExtopoGeometry *geometry = extopo_graph_view_get_geometry (self->graph_view);
  GHashTable *collapsed;

  if (geometry == NULL)
    return;
  collapsed = extopo_layout_collapsed_copy (self->collapsed);
  for (guint i = 0; i < geometry->frames->len; i++)
    {
      const ExtopoGeoFrame *frame = &g_array_index (geometry->frames, ExtopoGeoFrame, i);
      const char *ndn = extopo_window_group_get_ndn (frame->kind, frame->object);

      /* The outermost groups: collapsing one hides those inside it. */
      if (ndn != NULL && frame->parent < 0)
        g_hash_table_add (collapsed, g_strdup (ndn));
    }
  extopo_window_set_collapsed (self, collapsed, TRUE);
}

static void
expand_all_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  ExtopoWindow *self = user_data;

  extopo_window_set_collapsed (self, extopo_layout_collapsed_copy (NULL), TRUE);
}

/* Undo and redo: the last step of @from comes back, the window as it is
 * goes onto @to. */
static void
step_back (ExtopoWindow *self,
           GPtrArray    *from,
           GPtrArray    *to)
{
  UndoStep *step;
  gboolean other_view;

  if (from->len == 0 || self->model == NULL)
    return;
  push_current (self, to);
  step = g_ptr_array_steal_index (from, from->len - 1);
  other_view = step->view != self->view;
  if (other_view)
    extopo_window_show_view (self, step->view);
  /* Back in the other view: fitted, as a switch shows it. */
  extopo_window_relayout_collapsed (self, g_steal_pointer (&step->collapsed), !other_view);
  undo_step_free (step);
  update_undo_actions (self);
}

static void
undo_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  ExtopoWindow *self = user_data;

  step_back (self, self->undo_stack, self->redo_stack);
}

static void
redo_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  ExtopoWindow *self = user_data;

  step_back (self, self->redo_stack, self->undo_stack);
}

/* Enter on the diagram: the selection's card, in sight, with the focus. */
static void
selection_activated_cb (ExtopoWindow *self)
{
  g_action_group_change_action_state (G_ACTION_GROUP (self), "sidebar",
                                      g_variant_new_boolean (TRUE));
  gtk_stack_set_visible_child_name (self->sidebar_stack, "details");
  gtk_widget_child_focus (GTK_WIDGET (self->server_card), GTK_DIR_TAB_FORWARD);
}

static const GActionEntry collapse_entries[] = {
  { "collapse-all", collapse_all_action },
  { "expand-all", expand_all_action },
  { "undo", undo_action },
  { "redo", redo_action },
};

void
extopo_window_collapse_init (ExtopoWindow *self)
{
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_step_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) undo_step_free);
  g_action_map_add_action_entries (G_ACTION_MAP (self), collapse_entries,
                                   G_N_ELEMENTS (collapse_entries), self);
  update_undo_actions (self);
  g_signal_connect_object (self->graph_view, "selection-activated",
                           G_CALLBACK (selection_activated_cb), self, G_CONNECT_SWAPPED);
}

void
extopo_window_collapse_finalize (ExtopoWindow *self)
{
  g_clear_pointer (&self->undo_stack, g_ptr_array_unref);
  g_clear_pointer (&self->redo_stack, g_ptr_array_unref);
}
