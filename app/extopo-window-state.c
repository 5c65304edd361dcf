/* extopo-window-state.c: what the window remembers of each source it showed (the zoom, the
 * point in the middle of the view and the groups drawn collapsed, in each view) and which
 * source to open again at the next start.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-window"

#include "config.h"

#include "extopo-layout.h"
#include "extopo-window-private.h"

/* Sources remembered, the most recent first. */
#define MAX_SOURCE_STATES 30
#define STATE_FORMAT "(ssddd^as)"
#define STATES_TYPE  "a(ssdddas)"

/* The name a source is remembered by: its path, or its first URI. */
static const char *
source_key (ExtopoWindow *self)
{
  if (self->source_path != NULL)
    return self->source_path;
  if (self->source_params != NULL && self->source_params->uris != NULL)
    return self->source_params->uris[0];

  return NULL;
}

void
extopo_window_state_save (ExtopoWindow *self)
{
  const char *key = source_key (self);
  const char *view = extopo_window_view_get_nick (self->view);
  g_autoptr(GVariant) old = NULL;
  g_autofree char **collapsed = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  double cx, cy;
  const char *source, *state_view;
  GVariant *entry;
  guint n = 1;

  if (self->settings == NULL || key == NULL ||
      extopo_graph_view_get_geometry (self->graph_view) == NULL)
    return;

  extopo_graph_view_get_center (self->graph_view, &cx, &cy);
  collapsed = (char **) g_hash_table_get_keys_as_array (self->collapsed, NULL);
  g_variant_builder_init (&builder, G_VARIANT_TYPE (STATES_TYPE));
  g_variant_builder_add (&builder, STATE_FORMAT, key, view,
                         extopo_graph_view_get_zoom (self->graph_view), cx, cy,
                         (const char * const *) collapsed);

  old = g_settings_get_value (self->settings, "source-states");
  g_variant_iter_init (&iter, old);
  while ((entry = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_variant_get_child (entry, 0, "&s", &source);
      g_variant_get_child (entry, 1, "&s", &state_view);
      /* One entry per source and view. */
      if ((!g_str_equal (source, key) || !g_str_equal (state_view, view)) &&
          n < MAX_SOURCE_STATES)
        {
          g_variant_builder_add_value (&builder, entry);
          n++;
        }
      g_variant_unref (entry);
    }
  g_settings_set_value (self->settings, "source-states", g_variant_builder_end (&builder));
}

/* The entry of @key in @view, or NULL. */
static GVariant *
find_state (ExtopoWindow *self,
            const char   *key,
            ExtopoView    view)
{
  g_autoptr(GVariant) states = NULL;
  GVariantIter iter;
  GVariant *entry;
  const char *nick = extopo_window_view_get_nick (view);

  if (self->settings == NULL || key == NULL)
    return NULL;
  states = g_settings_get_value (self->settings, "source-states");
  g_variant_iter_init (&iter, states);
  while ((entry = g_variant_iter_next_value (&iter)) != NULL)
    {
      const char *source, *state_view;

      g_variant_get_child (entry, 0, "&s", &source);
      g_variant_get_child (entry, 1, "&s", &state_view);
      if (g_str_equal (source, key) && g_str_equal (state_view, nick))
        return entry;
      g_variant_unref (entry);
    }

  return NULL;
}

GHashTable *
extopo_window_state_get_collapsed (ExtopoWindow *self,
                                   const char   *key,
                                   ExtopoView    view)
{
  g_autoptr(GVariant) entry = find_state (self, key, view);
  g_autofree const char **collapsed = NULL;
  GHashTable *set;

  if (entry == NULL)
    return NULL;
  g_variant_get_child (entry, 5, "^a&s", &collapsed);
  set = extopo_layout_collapsed_copy (NULL);
  for (guint i = 0; collapsed != NULL && collapsed[i] != NULL; i++)
    g_hash_table_add (set, g_strdup (collapsed[i]));

  return set;
}

gboolean
extopo_window_state_restore_view (ExtopoWindow *self)
{
  g_autoptr(GVariant) entry = find_state (self, source_key (self), self->view);
  double zoom, cx, cy;

  if (entry == NULL)
    return FALSE;
  g_variant_get_child (entry, 2, "d", &zoom);
  g_variant_get_child (entry, 3, "d", &cx);
  g_variant_get_child (entry, 4, "d", &cy);
  if (!(zoom > 0))
    return FALSE;
  extopo_graph_view_set_zoom_at (self->graph_view, zoom, -1, -1);
  extopo_graph_view_set_center (self->graph_view, cx, cy);

  return TRUE;
}

char *
extopo_window_state_get_last_source (GSettings *settings)
{
  g_auto(GStrv) sources = NULL;

  if (settings == NULL)
    return NULL;
  sources = g_settings_get_strv (settings, "recent-sources");
  if (sources[0] == NULL)
    return NULL;
  /* A file that has gone is not opened again. */
  if (!g_str_has_prefix (sources[0], "ldap://") && !g_str_has_prefix (sources[0], "ldaps://") &&
      !g_file_test (sources[0], G_FILE_TEST_IS_REGULAR))
    return NULL;

  return g_strdup (sources[0]);
}

gboolean
extopo_window_open_last_source (ExtopoWindow *self)
{
  g_autofree char *source = NULL;

  g_return_val_if_fail (EXTOPO_IS_WINDOW (self), FALSE);

  source = extopo_window_state_get_last_source (self->settings);
  if (source == NULL)
    return FALSE;
  /* A directory: its connection, to be completed with the password. */
  g_action_group_activate_action (G_ACTION_GROUP (self), "open-recent",
                                  g_variant_new_string (source));

  return TRUE;
}

const char *
extopo_window_get_source_path (ExtopoWindow *self)
{
  g_return_val_if_fail (EXTOPO_IS_WINDOW (self), NULL);

  return self->source_path;
}
