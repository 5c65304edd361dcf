/* extopo-window-search.c: the window's search: the query in the search bar (the search
 * language of extopo-search.c) matched against the diagram's groups, servers and
 * connectors, the matches outlined and stepped through in reading order (Enter,
 * Shift+Enter, F3), and the index built ahead while the diagram is laid out.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-window"

#include "config.h"

#include <glib/gi18n.h>

#include "extopo-search.h"
#include "extopo-window-private.h"

typedef struct
{
  ExtopoObjectKind kind;
  gpointer         object;
  ExtopoRect       box;
} Match;

/* The count of matches, or why the query does not parse (@error). */
static void
update_match_label (ExtopoWindow *self,
                    const char   *error)
{
  const char *text = gtk_entry_get_text (GTK_ENTRY (self->search_entry));
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self->search_entry));
  g_autofree char *label = NULL;

  if (error != NULL)
    label = g_strdup (error);
  else if (text == NULL || *text == '\0')
    label = g_strdup ("");
  else if (self->matches->len == 0)
    label = g_strdup (_("No matches"));
  else
    /* Translators: the current search match and how many there are, "3 of 12". */
    label = g_strdup_printf (_("%d of %u"), self->match_index + 1, self->matches->len);

  gtk_label_set_text (self->match_label, label);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->match_label), error);
  if (error != NULL)
    gtk_style_context_add_class (style, GTK_STYLE_CLASS_ERROR);
  else
    gtk_style_context_remove_class (style, GTK_STYLE_CLASS_ERROR);
}

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const Match *ma = a;
  const Match *mb = b;

  if (ma->box.y != mb->box.y)
    return ma->box.y < mb->box.y ? -1 : 1;
  if (ma->box.x != mb->box.x)
    return ma->box.x < mb->box.x ? -1 : 1;

  return 0;
}

static void
add_match (ExtopoWindow     *self,
           ExtopoGeometry   *geometry,
           ExtopoObjectKind  kind,
           gpointer          object)
{
  Match match = { kind, object, { 0, 0, 0, 0 } };

  /* Only what is drawn can be stepped to and centred. */
  if (!extopo_geometry_find_object (geometry, kind, object, &match.box))
    return;

  g_array_append_val (self->matches, match);
  g_hash_table_add (self->match_set, object);
}

/* Groups and connectors have a name alone: they match a query of words. */
static void
add_name_matches (ExtopoWindow     *self,
                  ExtopoGeometry   *geometry,
                  ExtopoSearch     *search,
                  ExtopoObjectKind  kind,
                  GPtrArray        *objects)
{
  if (!extopo_search_is_text_only (search))
    return;

  for (guint i = 0; i < objects->len; i++)
    {
      gpointer object = g_ptr_array_index (objects, i);

      if (extopo_search_match_text (search, extopo_model_object_get_name (kind, object)))
        add_match (self, geometry, kind, object);
    }
}

static void
add_server_matches (ExtopoWindow   *self,
                    ExtopoGeometry *geometry,
                    ExtopoSearch   *search)
{
  ExtopoSearchIndex *index = extopo_search_index_get_for_model (self->model);
  GPtrArray *servers = extopo_model_get_servers (self->model);

  for (guint i = 0; i < servers->len; i++)
    {
      ExtopoServer *server = g_ptr_array_index (servers, i);

      if (extopo_search_match_server (search, index, server))
        add_match (self, geometry, EXTOPO_OBJECT_SERVER, server);
    }
}

void
extopo_window_search_update (ExtopoWindow *self)
{
  ExtopoGeometry *geometry = extopo_graph_view_get_geometry (self->graph_view);
  const char *text = gtk_entry_get_text (GTK_ENTRY (self->search_entry));
  g_autoptr(ExtopoSearch) search = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_array_set_size (self->matches, 0);
  g_hash_table_remove_all (self->match_set);
  self->match_index = 0;
  self->match_shown = FALSE;

  search = extopo_search_new (text, &error);
  if (search != NULL && extopo_search_get_n_terms (search) > 0 && self->model != NULL &&
      geometry != NULL && geometry->model == self->model)
    {
      add_name_matches (self, geometry, search, EXTOPO_OBJECT_ADMIN_GROUP,
                        extopo_model_get_admin_groups (self->model));
      add_name_matches (self, geometry, search, EXTOPO_OBJECT_ROUTING_GROUP,
                        extopo_model_get_routing_groups (self->model));
      add_server_matches (self, geometry, search);
      add_name_matches (self, geometry, search, EXTOPO_OBJECT_CONNECTOR,
                        extopo_model_get_connectors (self->model));
      g_array_sort (self->matches, compare_matches);
    }

  extopo_graph_view_set_matches (self->graph_view,
                                 g_hash_table_size (self->match_set) > 0 ? self->match_set : NULL);
  update_match_label (self, error != NULL ? error->message : NULL);
  g_debug ("Search “%s”: %u matches in %.1f ms", text, self->matches->len,
           (g_get_monotonic_time () - start) / 1000.0);
}

static void
show_match (ExtopoWindow *self,
            int           step)
{
  int n = self->matches->len;
  const Match *match;

  if (n == 0)
    return;

  if (self->match_shown)
    self->match_index = ((self->match_index + step) % n + n) % n;
  else if (step < 0)
    self->match_index = n - 1;
  self->match_shown = TRUE;

  match = &g_array_index (self->matches, Match, self->match_index);
  extopo_window_select_object (self, match->kind, match->object, TRUE);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "details");
  update_match_label (self, NULL);
}

static void
search_changed_cb (ExtopoWindow *self)
{
  extopo_window_search_update (self);
}

static void
search_activate_cb (ExtopoWindow *self)
{
  show_match (self, 1);
}

static void
search_previous_cb (ExtopoWindow *self)
{
  show_match (self, -1);
}

static gboolean
search_key_press_cb (GtkWidget    *entry,
                     GdkEventKey  *event,
                     ExtopoWindow *self)
{
  if ((event->keyval == GDK_KEY_Return || event->keyval == GDK_KEY_KP_Enter ||
       event->keyval == GDK_KEY_ISO_Enter) &&
      (event->state & GDK_SHIFT_MASK) != 0)
    {
      show_match (self, -1);
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
search_mode_changed_cb (ExtopoWindow *self)
{
  gboolean enabled = gtk_search_bar_get_search_mode (self->search_bar);
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "search");

  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (enabled));
  if (!enabled)
    {
      gtk_entry_set_text (GTK_ENTRY (self->search_entry), "");
      extopo_window_search_update (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->graph_view));
    }
}

static void
index_prepared_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ExtopoWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!extopo_search_index_prepare_finish (EXTOPO_MODEL (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("The search index: %s", error->message);
      return;
    }

  g_clear_object (&self->index_cancellable);
}

/* The first keystroke of a search would otherwise build the index (tens of
 * milliseconds at 20,000 servers): a worker builds it while the diagram is
 * laid out, on the other core. Another source replaces it. */
void
extopo_window_search_prepare_index (ExtopoWindow *self,
                                    ExtopoModel  *model)
{
  if (extopo_search_index_peek_for_model (model) != NULL)
    return;

  if (self->index_cancellable != NULL)
    g_cancellable_cancel (self->index_cancellable);
  g_clear_object (&self->index_cancellable);
  self->index_cancellable = g_cancellable_new ();
  extopo_search_index_prepare_async (model, self->index_cancellable, index_prepared_cb,
                                     g_object_ref (self));
}

static void
change_search_state (GSimpleAction *action,
                     GVariant      *state,
                     gpointer       user_data)
{
  ExtopoWindow *self = user_data;
  gboolean enabled = g_variant_get_boolean (state);

  g_simple_action_set_state (action, state);
  gtk_search_bar_set_search_mode (self->search_bar, enabled);
  if (enabled)
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
find_next_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  show_match (user_data, 1);
}

static void
find_previous_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  show_match (user_data, -1);
}

static const GActionEntry search_entries[] = {
  { "search", extopo_window_toggle_action, NULL, "false", change_search_state },
  { "find-next", find_next_action },
  { "find-previous", find_previous_action },
};

void
extopo_window_search_init (ExtopoWindow *self)
{
  self->matches = g_array_new (FALSE, TRUE, sizeof (Match));
  self->match_set = g_hash_table_new (NULL, NULL);
  g_action_map_add_action_entries (G_ACTION_MAP (self), search_entries,
                                   G_N_ELEMENTS (search_entries), self);

  gtk_search_bar_connect_entry (self->search_bar, GTK_ENTRY (self->search_entry));
  g_signal_connect_object (self->search_entry, "search-changed",
                           G_CALLBACK (search_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "activate",
                           G_CALLBACK (search_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "next-match",
                           G_CALLBACK (search_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "previous-match",
                           G_CALLBACK (search_previous_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "key-press-event",
                           G_CALLBACK (search_key_press_cb), self, 0);
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_changed_cb), self, G_CONNECT_SWAPPED);
}

void
extopo_window_search_finalize (ExtopoWindow *self)
{
  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->match_set, g_hash_table_unref);
}
