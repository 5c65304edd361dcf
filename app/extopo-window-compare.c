/* extopo-window-compare.c: the window's comparison mode: "Compare With…" an older snapshot
 * (a file, a recent source), the diagram marking what was added and changed, a bar saying
 * what changed since ("Since 2026-11-20: 4 servers upgraded, 1 retired, 3 findings resolved,
 * 1 new") with the servers retired, and leaving the mode for the plain view.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-window"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "extopo-findings.h"
#include "extopo-layout.h"
#include "extopo-loader.h"
#include "extopo-window-private.h"

/* Snapshots offered in each part of the Compare With menu. */
#define MAX_COMPARE_SOURCES 10
/* Retired servers the bar names before "and N more" (the diagram shows
 * each where it was). */
#define MAX_RETIRED_NAMED 6
/* The height, in pixels, the findings pane's sections take at most before
 * they scroll. */
#define COMPARE_FINDINGS_MAX_HEIGHT 160

enum
{
  RESPONSE_LEAVE = 1,
};

/* The findings pane's sections in a comparison: the findings resolved
 * since the older snapshot and those new in this one, by ID and subject. */
static void
update_findings_sections (ExtopoWindow *self)
{
  g_autoptr(GString) resolved = g_string_new (NULL);
  g_autoptr(GString) fresh = g_string_new (NULL);
  guint n_resolved = 0, n_new = 0;

  if (self->changes == NULL)
    {
      gtk_widget_hide (self->compare_findings);
      return;
    }
  for (guint i = 0; i < self->changes->findings->len; i++)
    {
      const ExtopoFindingChange *change = g_ptr_array_index (self->changes->findings, i);
      GString *list = change->kind == EXTOPO_FINDING_RESOLVED ? resolved : fresh;

      if (change->kind == EXTOPO_FINDING_RESOLVED)
        n_resolved++;
      else
        n_new++;
      g_string_append_printf (list, "%s%s · %s", list->len > 0 ? "\n" : "", change->id,
                              change->subject_name != NULL ? change->subject_name : "");
    }
  {
    /* Translators: a heading of the findings pane in a comparison. */
    g_autofree char *title = g_strdup_printf (_("Resolved since the older snapshot (%u)"),
                                              n_resolved);

    gtk_label_set_text (self->resolved_title, title);
    gtk_label_set_text (self->resolved_list, resolved->len > 0 ? resolved->str : _("None"));
  }
  {
    /* Translators: a heading of the findings pane in a comparison. */
    g_autofree char *title = g_strdup_printf (_("New in this snapshot (%u)"), n_new);

    gtk_label_set_text (self->new_title, title);
    gtk_label_set_text (self->new_list, fresh->len > 0 ? fresh->str : _("None"));
  }
  gtk_widget_show (self->compare_findings);
}

static GtkLabel *
section_label (GtkWidget *box,
               gboolean   heading)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), !heading);
  if (heading)
    gtk_style_context_add_class (gtk_widget_get_style_context (label), "heading");
  gtk_container_add (GTK_CONTAINER (box), label);
  gtk_widget_show (label);

  return GTK_LABEL (label);
}

/* The bar: the summary, and the retired servers by name. */
static void
update_bar (ExtopoWindow *self)
{
  g_autofree char *summary = NULL;
  g_autoptr(GString) retired = g_string_new (NULL);
  guint n_retired = 0;

  /* Reading the older snapshot (a second or two for a big one). */
  if (self->compare_cancellable != NULL && self->compare_name != NULL)
    {
      /* Translators: shown while an older snapshot is read to compare the
       * source shown with it; %s is its file name. */
      g_autofree char *text = g_strdup_printf (_("Comparing with %s…"), self->compare_name);

      gtk_label_set_text (self->compare_label, text);
      gtk_widget_hide (GTK_WIDGET (self->compare_details));
      gtk_button_set_label (GTK_BUTTON (self->compare_button), _("_Cancel"));
      gtk_widget_show (GTK_WIDGET (self->compare_spinner));
      gtk_spinner_start (self->compare_spinner);
      gtk_info_bar_set_revealed (self->compare_bar, TRUE);
      return;
    }
  gtk_spinner_stop (self->compare_spinner);
  gtk_widget_hide (GTK_WIDGET (self->compare_spinner));
  gtk_button_set_label (GTK_BUTTON (self->compare_button), _("_Leave Comparison"));
  if (self->changes == NULL)
    {
      gtk_info_bar_set_revealed (self->compare_bar, FALSE);
      return;
    }
  summary = extopo_change_set_summary (self->changes);
  for (guint i = 0; i < self->changes->servers->len; i++)
    {
      const ExtopoObjectChange *change = g_ptr_array_index (self->changes->servers, i);

      if (change->kind != EXTOPO_CHANGE_REMOVED)
        continue;
      if (++n_retired > MAX_RETIRED_NAMED)
        continue;
      if (retired->len > 0)
        g_string_append (retired, ", ");
      g_string_append (retired, change->name);
    }
  gtk_label_set_text (self->compare_label, summary);
  if (n_retired > MAX_RETIRED_NAMED)
    {
      guint more = n_retired - MAX_RETIRED_NAMED;
      /* Translators: the first servers gone since the older snapshot, by
       * name, then how many more there are. */
      g_autofree char *text = g_strdup_printf (ngettext ("Retired: %s and %u more",
                                                         "Retired: %s and %u more", more),
                                               retired->str, more);

      gtk_label_set_text (self->compare_details, text);
    }
  else if (n_retired > 0)
    {
      /* Translators: the servers gone since the older snapshot, by name. */
      g_autofree char *text = g_strdup_printf (_("Retired: %s"), retired->str);

      gtk_label_set_text (self->compare_details, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->compare_details), n_retired > 0);
  gtk_info_bar_set_revealed (self->compare_bar, TRUE);
}

/* Everything that shows the comparison (or its end). */
static void
update_views (ExtopoWindow *self)
{
  extopo_graph_view_set_changes (self->graph_view, self->changes);
  extopo_server_card_set_changes (self->server_card, self->changes);
  update_bar (self);
  update_findings_sections (self);
}

/* Lays the diagram out again when its ghosts are not those of the
 * comparison shown (entering it, or leaving it); not when the diagram is
 * of another model (a new source is coming in). */
static void
relayout_for_ghosts (ExtopoWindow *self)
{
  ExtopoGeometry *geometry = extopo_graph_view_get_geometry (self->graph_view);

  if (geometry == NULL || geometry->model != self->model || geometry->ghosts == self->ghosts)
    return;
  extopo_window_relayout_collapsed (self, extopo_layout_collapsed_copy (self->collapsed), TRUE);
}

/* Drops the ghosts of the comparison: the older model goes with the last
 * diagram that draws them, so nothing else may keep one of its servers. */
static void
forget_ghosts (ExtopoWindow *self)
{
  ExtopoGeometry *geometry = extopo_graph_view_get_geometry (self->graph_view);
  ExtopoObjectKind kind = EXTOPO_OBJECT_NONE;
  gpointer selected = extopo_graph_view_get_selection (self->graph_view, &kind);

  if (self->ghosts == NULL)
    return;
  if (geometry != NULL && kind == EXTOPO_OBJECT_SERVER &&
      extopo_geometry_is_ghost (geometry, selected))
    {
      extopo_graph_view_set_selection (self->graph_view, EXTOPO_OBJECT_NONE, NULL);
      extopo_server_card_set_object (self->server_card, EXTOPO_OBJECT_NONE, NULL);
    }
  extopo_window_back_reset (self);
  g_clear_pointer (&self->ghosts, g_ptr_array_unref);
}

void
extopo_window_compare_leave (ExtopoWindow *self)
{
  g_return_if_fail (EXTOPO_IS_WINDOW (self));

  g_cancellable_cancel (self->compare_cancellable);
  g_clear_object (&self->compare_cancellable);
  extopo_graph_view_set_changes (self->graph_view, NULL);
  extopo_server_card_set_changes (self->server_card, NULL);
  g_clear_pointer (&self->changes, extopo_change_set_free);
  forget_ghosts (self);
  relayout_for_ghosts (self);
  update_views (self);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (
                                                  G_ACTION_MAP (self), "leave-comparison")),
                               FALSE);
}

/* A comparison computed in a worker: the change set and the ghosts of
 * the servers removed, both from the older model and the one shown. */
typedef struct
{
  ExtopoModel     *old_model;
  ExtopoModel     *new_model;
  ExtopoChangeSet *changes;
  GPtrArray       *ghosts;
} Comparison;

static void
comparison_free (Comparison *comparison)
{
  g_clear_object (&comparison->old_model);
  g_clear_object (&comparison->new_model);
  g_clear_pointer (&comparison->changes, extopo_change_set_free);
  g_clear_pointer (&comparison->ghosts, g_ptr_array_unref);
  g_free (comparison);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Comparison, comparison_free)

/* Both models' findings were evaluated as they were read (the worker
 * reads them, and nothing on the main thread writes either model). */
static void
compare_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Comparison *comparison = task_data;

  comparison->changes = extopo_compare_models (comparison->old_model, comparison->new_model);
  /* The removed servers where they were: the diagram is laid out again
   * with a cell for each (the ghosts keep the older model). */
  comparison->ghosts = extopo_change_set_get_ghosts (comparison->changes,
                                                     comparison->old_model);
  g_task_return_boolean (task, TRUE);
}

static void
compared_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ExtopoWindow *self = EXTOPO_WINDOW (source);
  Comparison *comparison = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    return;
  g_clear_object (&self->compare_cancellable);
  /* Another source came meanwhile (it cancels, but the task may have
   * ended first). */
  if (comparison->new_model != self->model)
    {
      update_bar (self);
      return;
    }

  extopo_graph_view_set_changes (self->graph_view, NULL);
  extopo_server_card_set_changes (self->server_card, NULL);
  g_clear_pointer (&self->changes, extopo_change_set_free);
  forget_ghosts (self);
  self->changes = g_steal_pointer (&comparison->changes);
  self->ghosts = g_steal_pointer (&comparison->ghosts);
  update_views (self);
  relayout_for_ghosts (self);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (
                                                  G_ACTION_MAP (self), "leave-comparison")),
                               TRUE);
}

static void
old_loaded_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ExtopoWindow) self = user_data;
  g_autoptr(ExtopoModel) old_model = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Comparison) comparison = NULL;
  g_autoptr(GTask) task = NULL;

  old_model = extopo_loader_load_file_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (old_model == NULL || self->model == NULL)
    {
      g_clear_object (&self->compare_cancellable);
      update_bar (self);
      if (old_model == NULL)
        extopo_window_show_error (self, error->message);
      return;
    }

  if (!extopo_model_get_findings_evaluated (self->model))
    extopo_findings_evaluate (self->model);
  comparison = g_new0 (Comparison, 1);
  comparison->old_model = g_steal_pointer (&old_model);
  comparison->new_model = g_object_ref (self->model);
  task = g_task_new (self, self->compare_cancellable, compared_cb, NULL);
  g_task_set_source_tag (task, EXTOPO_TASK_TAG (old_loaded_cb));
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_task_data (task, g_steal_pointer (&comparison), (GDestroyNotify) comparison_free);
  g_task_run_in_thread (task, compare_worker);
}

void
extopo_window_compare_with (ExtopoWindow *self,
                            const char   *path)
{
  g_return_if_fail (EXTOPO_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  if (self->model == NULL)
    return;
  g_cancellable_cancel (self->compare_cancellable);
  g_clear_object (&self->compare_cancellable);
  self->compare_cancellable = g_cancellable_new ();
  g_free (self->compare_name);
  self->compare_name = g_path_get_basename (path);
  update_bar (self);
  extopo_loader_load_file_async (path, self->compare_cancellable, old_loaded_cb,
                                 g_object_ref (self));
}

static void
compare_with_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  extopo_window_compare_with (user_data, g_variant_get_string (parameter, NULL));
}

/* Asks for the older snapshot, in the folder of the source shown. */
static void
compare_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("LDIF exports and snapshots"));
  gtk_file_filter_add_pattern (filter, "*.ldif");
  gtk_file_filter_add_pattern (filter, "*.LDIF");
  extopo_window_choose_path (user_data, _("Compare With an Older Snapshot"),
                             GTK_FILE_CHOOSER_ACTION_OPEN, _("_Compare"), filter,
                             extopo_window_compare_with);
}

static void
leave_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  extopo_window_compare_leave (user_data);
}

static void
bar_response_cb (GtkInfoBar   *bar,
                 int           response,
                 ExtopoWindow *self)
{
  if (response == RESPONSE_LEAVE || response == GTK_RESPONSE_CLOSE)
    extopo_window_compare_leave (self);
}

static gboolean
offer_source (ExtopoWindow *self,
              GMenu        *menu,
              GHashTable   *offered,
              const char   *path)
{
  g_autoptr(GMenuItem) item = NULL;
  g_autofree char *label = NULL;

  if (g_menu_model_get_n_items (G_MENU_MODEL (menu)) >= MAX_COMPARE_SOURCES ||
      g_hash_table_contains (offered, path) ||
      g_strcmp0 (path, self->source_path) == 0 ||
      !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;

  g_hash_table_add (offered, g_strdup (path));
  label = g_path_get_basename (path);
  item = g_menu_item_new (label, NULL);
  g_menu_item_set_action_and_target (item, "win.compare-with", "s", path);
  g_menu_append_item (menu, item);

  return TRUE;
}

static int
compare_names_descending (gconstpointer a,
                          gconstpointer b)
{
  return -g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The snapshots of the History view's folder, newest name first (dated
 * names sort by date). */
static void
offer_history_folder (ExtopoWindow *self,
                      GMenu        *menu,
                      GHashTable   *offered)
{
  const char *folder = extopo_window_history_get_folder (self);
  g_autoptr(GDir) dir = folder != NULL ? g_dir_open (folder, 0, NULL) : NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".ldif") || g_str_has_suffix (name, ".LDIF"))
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names_descending);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (folder, g_ptr_array_index (names, i), NULL);

      offer_source (self, menu, offered, path);
    }
}

void
extopo_window_compare_menu_cb (ExtopoWindow *self)
{
  g_autoptr(GMenu) recent = g_menu_new ();
  g_autoptr(GMenu) history = g_menu_new ();
  g_autoptr(GHashTable) offered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) sources = NULL;

  if (!gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->menu_button)))
    return;

  /* The files opened lately, then the History view's folder: a file, a
   * recent source or a saved snapshot, with Other Snapshot… below. */
  g_menu_remove_all (self->compare_sources);
  if (self->settings != NULL)
    sources = g_settings_get_strv (self->settings, "recent-sources");
  for (guint i = 0; sources != NULL && sources[i] != NULL; i++)
    if (strstr (sources[i], "://") == NULL)
      offer_source (self, recent, offered, sources[i]);
  offer_history_folder (self, history, offered);

  if (g_menu_model_get_n_items (G_MENU_MODEL (recent)) > 0)
    g_menu_append_section (self->compare_sources, _("Recent Files"), G_MENU_MODEL (recent));
  if (g_menu_model_get_n_items (G_MENU_MODEL (history)) > 0)
    g_menu_append_section (self->compare_sources, _("In the History Folder"),
                           G_MENU_MODEL (history));
}

static const GActionEntry compare_entries[] = {
  { "compare", compare_action },
  { "compare-with", compare_with_action, "s" },
  { "leave-comparison", leave_action },
};

void
extopo_window_compare_init (ExtopoWindow *self)
{
  GtkWidget *box, *content;

  g_action_map_add_action_entries (G_ACTION_MAP (self), compare_entries,
                                   G_N_ELEMENTS (compare_entries), self);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (
                                                  G_ACTION_MAP (self), "leave-comparison")),
                               FALSE);

  /* The bar, below the export bar. */
  self->compare_bar = GTK_INFO_BAR (gtk_info_bar_new ());
  gtk_info_bar_set_message_type (self->compare_bar, GTK_MESSAGE_OTHER);
  gtk_info_bar_set_show_close_button (self->compare_bar, TRUE);
  self->compare_button = gtk_info_bar_add_button (self->compare_bar, _("_Leave Comparison"),
                                                  RESPONSE_LEAVE);
  gtk_info_bar_set_revealed (self->compare_bar, FALSE);
  content = gtk_info_bar_get_content_area (self->compare_bar);
  self->compare_spinner = GTK_SPINNER (gtk_spinner_new ());
  gtk_widget_set_no_show_all (GTK_WIDGET (self->compare_spinner), TRUE);
  gtk_container_add (GTK_CONTAINER (content), GTK_WIDGET (self->compare_spinner));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  self->compare_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->compare_label, 0);
  gtk_label_set_line_wrap (self->compare_label, TRUE);
  gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (self->compare_label)),
                               "heading");
  self->compare_details = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->compare_details, 0);
  gtk_label_set_line_wrap (self->compare_details, TRUE);
  gtk_label_set_selectable (self->compare_details, TRUE);
  gtk_container_add (GTK_CONTAINER (box), GTK_WIDGET (self->compare_label));
  gtk_container_add (GTK_CONTAINER (box), GTK_WIDGET (self->compare_details));
  gtk_container_add (GTK_CONTAINER (content), box);
  gtk_widget_show_all (GTK_WIDGET (self->compare_bar));
  gtk_info_bar_set_revealed (self->compare_bar, FALSE);
  g_signal_connect (self->compare_bar, "response", G_CALLBACK (bar_response_cb), self);

  /* The findings pane's sections, at its top, in a comparison. Thousands
   * of findings may have changed: the sections scroll within a part of the
   * pane, rather than asking the window for their whole height. */
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  self->resolved_title = section_label (box, TRUE);
  self->resolved_list = section_label (box, FALSE);
  self->new_title = section_label (box, TRUE);
  self->new_list = section_label (box, FALSE);
  gtk_widget_show (box);
  self->compare_findings = gtk_scrolled_window_new (NULL, NULL);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->compare_findings), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->compare_findings),
                                                    TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->compare_findings),
                                              COMPARE_FINDINGS_MAX_HEIGHT);
  gtk_container_add (GTK_CONTAINER (self->compare_findings), box);
  gtk_box_pack_start (GTK_BOX (self->findings_list), self->compare_findings, FALSE, FALSE, 0);
  gtk_box_reorder_child (GTK_BOX (self->findings_list), self->compare_findings, 0);
  gtk_widget_set_no_show_all (self->compare_findings, TRUE);
  gtk_widget_hide (self->compare_findings);
  {
    GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self->export_bar));
    int position = 0;

    gtk_container_child_get (GTK_CONTAINER (parent), GTK_WIDGET (self->export_bar), "position",
                             &position, NULL);
    gtk_box_pack_start (GTK_BOX (parent), GTK_WIDGET (self->compare_bar), FALSE, FALSE, 0);
    gtk_box_reorder_child (GTK_BOX (parent), GTK_WIDGET (self->compare_bar), position + 1);
  }
}

void
extopo_window_compare_finalize (ExtopoWindow *self)
{
  g_cancellable_cancel (self->compare_cancellable);
  g_clear_object (&self->compare_cancellable);
  g_clear_pointer (&self->compare_name, g_free);
  g_clear_pointer (&self->changes, extopo_change_set_free);
  g_clear_pointer (&self->ghosts, g_ptr_array_unref);
}

const char *
extopo_window_get_comparison_findings_text (ExtopoWindow *self)
{
  g_return_val_if_fail (EXTOPO_IS_WINDOW (self), NULL);

  return self->changes != NULL ? gtk_label_get_text (self->resolved_title) : NULL;
}

const char *
extopo_window_get_comparison_text (ExtopoWindow *self)
{
  g_return_val_if_fail (EXTOPO_IS_WINDOW (self), NULL);

  return self->changes != NULL ? gtk_label_get_text (self->compare_label) : NULL;
}

const char *
extopo_window_get_comparison_retired_text (ExtopoWindow *self)
{
  g_return_val_if_fail (EXTOPO_IS_WINDOW (self), NULL);

  return self->changes != NULL && gtk_widget_get_visible (GTK_WIDGET (self->compare_details))
         ? gtk_label_get_text (self->compare_details) : NULL;
}
