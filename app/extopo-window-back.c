/* extopo-window-back.c: Back and Forward through the objects selected (Alt+Left,
 * Alt+Right), wherever the selection came from: the diagram, a search, a finding, the
 * card's links or the inventory.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-window"

#include "config.h"

#include "extopo-window-private.h"

/* Selections kept for going back. */
#define BACK_DEPTH 50

typedef struct
{
  ExtopoObjectKind kind;
  gpointer         object;
} Visit;

static void
update_back_actions (ExtopoWindow *self)
{
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (
                                                  G_ACTION_MAP (self), "go-back")),
                               self->back_stack->len > 0);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (
                                                  G_ACTION_MAP (self), "go-forward")),
                               self->forward_stack->len > 0);
}

void
extopo_window_back_note_selection (ExtopoWindow     *self,
                                   ExtopoObjectKind  kind,
                                   gpointer          object)
{
  Visit current = { self->visited_kind, self->visited };

  if (object == self->visited || self->going_back)
    return;
  if (current.object != NULL)
    {
      if (self->back_stack->len >= BACK_DEPTH)
        g_array_remove_index (self->back_stack, 0);
      g_array_append_val (self->back_stack, current);
      g_array_set_size (self->forward_stack, 0);
    }
  self->visited_kind = kind;
  self->visited = object;
  update_back_actions (self);
}

void
extopo_window_back_reset (ExtopoWindow *self)
{
  g_array_set_size (self->back_stack, 0);
  g_array_set_size (self->forward_stack, 0);
  self->visited_kind = EXTOPO_OBJECT_NONE;
  self->visited = NULL;
  update_back_actions (self);
}

/* The last visit of @from comes back; the current one goes onto @to. */
static void
step (ExtopoWindow *self,
      GArray       *from,
      GArray       *to)
{
  Visit visit, current = { self->visited_kind, self->visited };

  if (from->len == 0)
    return;
  visit = g_array_index (from, Visit, from->len - 1);
  g_array_set_size (from, from->len - 1);
  if (current.object != NULL)
    g_array_append_val (to, current);
  self->visited_kind = visit.kind;
  self->visited = visit.object;
  self->going_back = TRUE;
  extopo_window_select (self, visit.kind, visit.object);
  self->going_back = FALSE;
  update_back_actions (self);
}

static void
go_back_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  ExtopoWindow *self = user_data;

  step (self, self->back_stack, self->forward_stack);
}

static void
go_forward_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  ExtopoWindow *self = user_data;

  step (self, self->forward_stack, self->back_stack);
}

static const GActionEntry back_entries[] = {
  { "go-back", go_back_action },
  { "go-forward", go_forward_action },
};

void
extopo_window_back_init (ExtopoWindow *self)
{
  self->back_stack = g_array_new (FALSE, FALSE, sizeof (Visit));
  self->forward_stack = g_array_new (FALSE, FALSE, sizeof (Visit));
  g_action_map_add_action_entries (G_ACTION_MAP (self), back_entries,
                                   G_N_ELEMENTS (back_entries), self);
  update_back_actions (self);
}

void
extopo_window_back_finalize (ExtopoWindow *self)
{
  g_clear_pointer (&self->back_stack, g_array_unref);
  g_clear_pointer (&self->forward_stack, g_array_unref);
}
