/* extopo-window-sources.c: the window's sources: reading a file or a
 * directory over LDAP in the background, laying the model out, and
 * swapping the result in; the busy state, the recent sources, the open
 * and connect dialogs, files dropped on the window, and refresh.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-window"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "extopo-connect-dialog.h"
#include "extopo-layout.h"
#include "extopo-loader.h"
#include "extopo-window-private.h"

#define MAX_RECENT_SOURCES 10

/* One load or layout in flight; the window swaps its result in only when
 * it is still the current one, so older results are dropped. */
typedef struct
{
  ExtopoWindow     *window;
  ExtopoModel      *model;
  GHashTable       *collapsed;
  char             *path;
  ExtopoLdapParams *params;
  ExtopoView        view;
  gboolean          keep_view;
  gboolean          keep_collapsed;
} Request;

static void start_layout (ExtopoWindow *self,
                          Request      *request);

static Request *
request_new (ExtopoWindow           *self,
             const char             *path,
             const ExtopoLdapParams *params)
{
  Request *request = g_new0 (Request, 1);

  request->window = g_object_ref (self);
  request->path = g_strdup (path);
  request->params = params != NULL ? extopo_ldap_params_copy (params) : NULL;
  request->view = self->view;

  return request;
}

static void
request_free (Request *request)
{
  g_clear_object (&request->window);
  g_clear_object (&request->model);
  g_clear_pointer (&request->collapsed, g_hash_table_unref);
  g_free (request->path);
  g_clear_pointer (&request->params, extopo_ldap_params_free);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

/* Busy state */

void
extopo_window_update_busy (ExtopoWindow *self,
                           const char   *text)
{
  gboolean busy = extopo_window_is_busy (self);

  if (text != NULL)
    gtk_label_set_text (self->busy_label, text);
  gtk_widget_set_visible (self->busy_box, busy);
  gtk_widget_set_visible (self->empty_box,
                          !busy && extopo_graph_view_get_geometry (self->graph_view) == NULL);
  if (busy)
    gtk_spinner_start (self->busy_spinner);
  else
    gtk_spinner_stop (self->busy_spinner);
}

void
extopo_window_cancel_work (ExtopoWindow *self)
{
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  if (self->layout_cancellable != NULL)
    g_cancellable_cancel (self->layout_cancellable);
  if (self->index_cancellable != NULL)
    g_cancellable_cancel (self->index_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->layout_cancellable);
  g_clear_object (&self->index_cancellable);
}

static char *
describe_source (const char             *path,
                 const ExtopoLdapParams *params)
{
  if (path != NULL)
    return g_path_get_basename (path);
  if (params != NULL && params->uris != NULL && params->uris[0] != NULL)
    return g_strdup (params->uris[0]);

  return g_strdup (_("the directory"));
}

/* Recent sources */

static void
rebuild_recent_menu (ExtopoWindow *self)
{
  g_auto(GStrv) sources = NULL;
  g_autoptr(GMenu) files = g_menu_new ();
  g_autoptr(GMenu) directories = g_menu_new ();
  g_autoptr(GMenu) actions = g_menu_new ();

  g_menu_remove_all (self->recent_menu);

  if (self->settings != NULL)
    sources = g_settings_get_strv (self->settings, "recent-sources");

  for (guint i = 0; sources != NULL && sources[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *label = NULL;
      gboolean is_uri = g_str_has_prefix (sources[i], "ldap://") ||
                        g_str_has_prefix (sources[i], "ldaps://");

      label = is_uri ? g_strdup (sources[i]) : g_path_get_basename (sources[i]);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", sources[i]);
      g_menu_append_item (is_uri ? directories : files, item);
    }

  if (g_menu_model_get_n_items (G_MENU_MODEL (files)) == 0 &&
      g_menu_model_get_n_items (G_MENU_MODEL (directories)) == 0)
    g_menu_append (files, _("No recent files"), "win.no-recent");

  g_menu_append_section (self->recent_menu, _("Recent Files"), G_MENU_MODEL (files));
  if (g_menu_model_get_n_items (G_MENU_MODEL (directories)) > 0)
    g_menu_append_section (self->recent_menu, _("Recent Directories"),
                           G_MENU_MODEL (directories));
  g_menu_append (actions, _("_Open…"), "app.open");
  g_menu_append (actions, _("_Connect to Directory…"), "app.connect");
  g_menu_append_section (self->recent_menu, NULL, G_MENU_MODEL (actions));
}

static void
add_recent_source (ExtopoWindow *self,
                   const char   *source)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) sources = NULL;
  guint n = 1;

  if (self->settings == NULL || source == NULL)
    return;

  old = g_settings_get_strv (self->settings, "recent-sources");
  g_strv_builder_add (builder, source);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT_SOURCES; i++)
    {
      if (g_str_equal (old[i], source))
        continue;
      g_strv_builder_add (builder, old[i]);
      n++;
    }

  sources = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-sources", (const char * const *) sources);
}

/* Swaps a laid-out result in on the main thread. */
static void
apply_layout (ExtopoWindow   *self,
              Request        *request,
              ExtopoGeometry *geometry)
{
  gboolean new_model = request->model != self->model;

  /* Another source: remember where the last one was looked at. */
  if (new_model && !request->keep_collapsed && self->model != NULL)
    extopo_window_state_save (self);
  g_clear_pointer (&self->collapsed, g_hash_table_unref);
  self->collapsed = g_steal_pointer (&request->collapsed);
  self->view = geometry->view;

  if (new_model)
    {
      g_set_object (&self->model, request->model);
      g_clear_pointer (&self->source_path, g_free);
      g_clear_pointer (&self->source_params, extopo_ldap_params_free);
      self->source_path = g_strdup (request->path);
      self->source_params = request->params != NULL
                            ? extopo_ldap_params_copy (request->params) : NULL;
      /* The password stays out of the reload parameters: a reload reads a
       * remembered one back from the Secret Service, or asks again. */
      if (self->source_params != NULL)
        extopo_ldap_params_clear_password (self->source_params);

      /* Another source: nothing to undo (a refresh keeps its groups). */
      if (!request->keep_collapsed)
        extopo_window_collapse_reset (self);
      /* A comparison was with the model that goes, and so were the
       * objects selected before. */
      extopo_window_compare_leave (self);
      extopo_window_back_reset (self);
      extopo_window_show_model (self);

      if (self->source_path != NULL)
        add_recent_source (self, self->source_path);
      else if (self->source_params != NULL && self->source_params->uris != NULL)
        add_recent_source (self, self->source_params->uris[0]);
    }

  extopo_graph_view_set_geometry (self->graph_view, geometry, request->keep_view && !new_model);
  if (new_model && !request->keep_collapsed)
    extopo_window_state_restore_view (self);
  extopo_window_search_update (self);
  extopo_window_update_actions (self);
  /* The window may have changed shape while the layout ran. */
  extopo_window_view_check_aspect (self);
}

static void
layout_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  ExtopoWindow *self = request->window;
  g_autoptr(ExtopoGeometry) geometry = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  g_autofree char *message = NULL;

  geometry = extopo_layout_compute_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, EXTOPO_LAYOUT_ERROR, EXTOPO_LAYOUT_ERROR_CANCELLED))
    return;

  g_clear_object (&self->layout_cancellable);

  if (geometry == NULL)
    {
      source = describe_source (request->path, request->params);
      /* Translators: the source's name, then the reason. */
      message = g_strdup_printf (_("Could not draw %s: %s"), source, error->message);
      extopo_window_show_error (self, message);
    }
  else
    apply_layout (self, request, geometry);

  extopo_window_update_busy (self, NULL);
}

/* @n with the locale's thousands separator ("20,000", "20.000"): ISO C's
 * printf has no grouping flag. */
static char *
format_count (guint n)
{
  const char *separator = localeconv ()->thousands_sep;
  g_autofree char *digits = g_strdup_printf ("%u", n);
  GString *text = g_string_new (NULL);
  gsize length = strlen (digits);

  for (gsize i = 0; i < length; i++)
    {
      if (i > 0 && (length - i) % 3 == 0 && separator != NULL)
        g_string_append (text, separator);
      g_string_append_c (text, digits[i]);
    }

  return g_string_free (text, FALSE);
}

static void
start_layout (ExtopoWindow *self,
              Request      *request)
{
  /* A comparison's removed servers go where they were, in its model only. */
  ExtopoLayoutOptions options = { request->view, request->collapsed,
                                  request->model == self->model ? self->ghosts : NULL, 0 };
  guint n_servers = extopo_model_get_servers (request->model)->len;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;

  if (self->layout_cancellable != NULL)
    g_cancellable_cancel (self->layout_cancellable);
  g_clear_object (&self->layout_cancellable);
  self->layout_cancellable = g_cancellable_new ();

  count = format_count (n_servers);
  /* Translators: shown while the diagram is computed; %s is a number with separators. */
  text = g_strdup_printf (ngettext ("Laying out %s server…", "Laying out %s servers…",
                                    n_servers),
                          count);
  extopo_window_update_busy (self, text);

  /* The drawing's shape from the view's: a square window gets rows of
   * administrative groups, a wide one a long row. */
  options.aspect = extopo_graph_view_get_fit_aspect (self->graph_view);
  self->layout_aspect = options.aspect > 0 ? options.aspect : EXTOPO_LAYOUT_DEFAULT_ASPECT;
  g_clear_handle_id (&self->aspect_timeout, g_source_remove);

  extopo_layout_compute_async (request->model, &options, self->layout_cancellable,
                               layout_done_cb, request);
}

static void
start_layout_for_model (ExtopoWindow *self,
                        Request      *request,
                        ExtopoModel  *model)
{
  request->model = g_object_ref (model);
  request->view = self->view;
  if (model != self->model)
    extopo_window_search_prepare_index (self, model);
  /* Another source: the groups collapsed when it was last shown. */
  if (request->collapsed == NULL && !request->keep_collapsed && model != self->model)
    request->collapsed = extopo_window_state_get_collapsed (self, request->path != NULL
                                                            ? request->path
                                                            : request->params != NULL &&
                                                            request->params->uris != NULL
                                                            ? request->params->uris[0] : NULL,
                                                            self->view);
  if (request->collapsed == NULL)
    request->collapsed = request->keep_collapsed ? extopo_layout_collapsed_copy (self->collapsed)
                                                 : extopo_layout_collapsed_copy (NULL);
  start_layout (self, request);
}

static void
show_load_error (ExtopoWindow *self,
                 Request      *request,
                 const GError *error)
{
  g_autofree char *source = NULL;
  g_autofree char *message = NULL;

  /* The LDAP source's messages already name the server and the step. */
  if (request->params != NULL)
    {
      /* Translators: the reason, e.g. "ldap://dc1: bind: Invalid credentials". */
      message = g_strdup_printf (_("Could not read the directory: %s"), error->message);
    }
  else
    {
      source = describe_source (request->path, request->params);
      /* Translators: the file, then the reason ("sample.ldif:12: ..."). */
      message = g_strdup_printf (_("Could not open %s: %s"), source, error->message);
    }

  extopo_window_show_error (self, message);
}

/* A source was read (a file, or a directory's entries): lays @model out,
 * or says why it could not be read. Takes @owned_request. */
static void
model_read (Request      *owned_request,
            ExtopoModel  *model,
            const GError *error)
{
  g_autoptr(Request) request = owned_request;
  ExtopoWindow *self = request->window;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);

  if (model == NULL)
    {
      show_load_error (self, request, error);
      extopo_window_update_busy (self, NULL);
      return;
    }

  start_layout_for_model (self, g_steal_pointer (&request), model);
}

static void
load_file_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoModel) model = extopo_loader_load_file_finish (result, &error);

  model_read (user_data, model, error);
}

static void
open_file_full (ExtopoWindow *self,
                const char   *path,
                gboolean      keep_collapsed)
{
  Request *request;
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *text = NULL;

  extopo_window_cancel_work (self);
  self->load_cancellable = g_cancellable_new ();

  request = request_new (self, path, NULL);
  request->keep_collapsed = keep_collapsed;
  request->keep_view = keep_collapsed;

  /* Translators: shown while a file is read; %s is its name. */
  text = g_strdup_printf (_("Reading %s…"), name);
  extopo_window_update_busy (self, text);

  extopo_loader_load_file_async (path, self->load_cancellable, load_file_done_cb, request);
}

void
extopo_window_open_file (ExtopoWindow *self,
                         const char   *path)
{
  g_return_if_fail (EXTOPO_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  open_file_full (self, path, FALSE);
}

/* Directory sources */

static void
load_entries_worker (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  Request *request = g_object_get_data (G_OBJECT (task), "extopo-request");
  GPtrArray *entries = task_data;
  g_autofree char *source = describe_source (NULL, request->params);
  GError *error = NULL;
  ExtopoModel *model;

  model = extopo_loader_load_entries (entries, source, &error);
  if (model == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, model, g_object_unref);
}

static void
load_entries_done_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoModel) model = g_task_propagate_pointer (G_TASK (result), &error);

  model_read (user_data, model, error);
}

static void
fetch_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Request *request = user_data;
  ExtopoWindow *self = request->window;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;
  g_autofree char *source = NULL;
  g_autofree char *text = NULL;

  entries = extopo_ldap_fetch_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, EXTOPO_LDAP_ERROR, EXTOPO_LDAP_ERROR_CANCELLED))
    {
      request_free (request);
      return;
    }

  if (entries == NULL)
    {
      g_clear_object (&self->load_cancellable);
      show_load_error (self, request, error);
      extopo_window_update_busy (self, NULL);
      request_free (request);
      return;
    }

  source = describe_source (NULL, request->params);
  text = g_strdup_printf (_("Reading %s…"), source);
  extopo_window_update_busy (self, text);

  task = g_task_new (NULL, self->load_cancellable, load_entries_done_cb, request);
  g_task_set_source_tag (task, EXTOPO_TASK_TAG (fetch_done_cb));
  g_object_set_data (G_OBJECT (task), "extopo-request", request);
  g_task_set_task_data (task, g_steal_pointer (&entries), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, load_entries_worker);
}

static void
fetch_progress_cb (guint    n_entries,
                   gpointer user_data)
{
  ExtopoWindow *self = user_data;
  g_autofree char *count = NULL;
  g_autofree char *text = NULL;

  if (self->load_cancellable == NULL)
    return;

  /* Translators: progress of a directory download. */
  count = format_count (n_entries);
  text = g_strdup_printf (ngettext ("Received %s entry…", "Received %s entries…", n_entries),
                          count);
  extopo_window_update_busy (self, text);
}

static void
open_ldap_full (ExtopoWindow           *self,
                const ExtopoLdapParams *params,
                gboolean                keep_collapsed)
{
  Request *request;
  g_autofree char *source = NULL;
  g_autofree char *text = NULL;

  extopo_window_cancel_work (self);
  self->load_cancellable = g_cancellable_new ();

  request = request_new (self, NULL, params);
  request->keep_collapsed = keep_collapsed;
  request->keep_view = keep_collapsed;

  source = describe_source (NULL, params);
  /* Translators: shown while connecting; %s is the server. */
  text = g_strdup_printf (_("Connecting to %s…"), source);
  extopo_window_update_busy (self, text);

  extopo_ldap_fetch_async (params, self->load_cancellable,
                           fetch_progress_cb, g_object_ref (self), g_object_unref,
                           fetch_done_cb, request);
}

void
extopo_window_open_ldap (ExtopoWindow           *self,
                         const ExtopoLdapParams *params)
{
  g_return_if_fail (EXTOPO_IS_WINDOW (self));
  g_return_if_fail (params != NULL);

  open_ldap_full (self, params, FALSE);
}

static void
connect_dialog_response_cb (GtkDialog    *dialog,
                            int           response,
                            ExtopoWindow *self)
{
  if (response == GTK_RESPONSE_OK)
    {
      g_autoptr(ExtopoLdapParams) params = NULL;

      params = extopo_connect_dialog_get_params (EXTOPO_CONNECT_DIALOG (dialog));
      if (params != NULL)
        extopo_window_open_ldap (self, params);
    }

  gtk_widget_destroy (GTK_WIDGET (dialog));
}

void
extopo_window_show_connect_dialog (ExtopoWindow           *self,
                                   const ExtopoLdapParams *params)
{
  GtkWidget *dialog;

  g_return_if_fail (EXTOPO_IS_WINDOW (self));

  dialog = extopo_connect_dialog_new (GTK_WINDOW (self));
  if (params != NULL)
    extopo_connect_dialog_set_params (EXTOPO_CONNECT_DIALOG (dialog), params);
  g_signal_connect_object (dialog, "response", G_CALLBACK (connect_dialog_response_cb), self, 0);
  gtk_widget_show (dialog);
}

/* Opening files */

static void
open_dialog_response_cb (GtkNativeDialog *chooser,
                         int              response,
                         ExtopoWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autofree char *path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));

      if (path != NULL)
        extopo_window_open_file (self, path);
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

void
extopo_window_show_open_dialog (ExtopoWindow *self)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  g_return_if_fail (EXTOPO_IS_WINDOW (self));

  chooser = gtk_file_chooser_native_new (_("Open LDIF Export"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("LDIF files"));
  gtk_file_filter_add_pattern (filter, "*.ldif");
  gtk_file_filter_add_pattern (filter, "*.LDIF");
  gtk_file_filter_add_pattern (filter, "*.ldf");
  gtk_file_filter_add_pattern (filter, "*.LDF");
  gtk_file_filter_add_mime_type (filter, "text/x-ldif");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  if (self->source_path != NULL)
    {
      g_autofree char *folder = g_path_get_dirname (self->source_path);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder);
    }

  g_signal_connect (chooser, "response", G_CALLBACK (open_dialog_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
drag_data_received_cb (GtkWidget        *widget,
                       GdkDragContext   *context,
                       int               x,
                       int               y,
                       GtkSelectionData *data,
                       guint             info,
                       guint             time,
                       ExtopoWindow     *self)
{
  g_auto(GStrv) uris = gtk_selection_data_get_uris (data);
  gboolean opened = FALSE;

  if (uris != NULL && uris[0] != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (uris[0]);
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        {
          extopo_window_open_file (self, path);
          opened = TRUE;
        }
    }

  gtk_drag_finish (context, opened, FALSE, time);
}

/* Laying the model shown out again */

void
extopo_window_relayout_collapsed (ExtopoWindow *self,
                                  GHashTable   *collapsed,
                                  gboolean      keep_view)
{
  Request *request;

  if (self->model == NULL)
    {
      g_hash_table_unref (collapsed);
      return;
    }
  request = request_new (self, self->source_path, self->source_params);
  request->keep_view = keep_view;
  request->collapsed = collapsed;
  start_layout_for_model (self, request, self->model);
}

void
extopo_window_relayout_view (ExtopoWindow *self,
                             ExtopoView    view,
                             gboolean      keep_view)
{
  Request *request;

  if (self->model == NULL)
    return;

  self->view = view;
  request = request_new (self, self->source_path, self->source_params);
  request->keep_view = keep_view;
  request->keep_collapsed = TRUE;
  start_layout_for_model (self, request, self->model);
}

void
extopo_window_relayout (ExtopoWindow *self,
                        gboolean      keep_view)
{
  extopo_window_relayout_view (self, self->view, keep_view);
}

/* Refresh, and the recent sources' menu */

static void
reload_password_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ExtopoWindow) self = user_data;
  g_autoptr(ExtopoLdapParams) params = NULL;
  g_autoptr(GError) error = NULL;
  char *password = extopo_connect_dialog_lookup_password_finish (result, &error);

  if (self->source_params == NULL)
    {
      if (password != NULL)
        explicit_bzero (password, strlen (password));
      g_free (password);
      return;
    }

  params = extopo_ldap_params_copy (self->source_params);
  params->password = password;
  if (password != NULL)
    open_ldap_full (self, params, TRUE);
  else
    extopo_window_show_connect_dialog (self, params);
}

static void
refresh_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  ExtopoWindow *self = user_data;

  if (self->source_params != NULL && self->source_params->bind_method == EXTOPO_LDAP_BIND_SIMPLE
      && self->source_params->bind_dn != NULL)
    extopo_connect_dialog_lookup_password (self->source_params, NULL, reload_password_cb,
                                           g_object_ref (self));
  else if (self->source_params != NULL)
    open_ldap_full (self, self->source_params, TRUE);
  else if (self->source_path != NULL)
    open_file_full (self, self->source_path, TRUE);
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  ExtopoWindow *self = user_data;
  const char *source = g_variant_get_string (parameter, NULL);

  if (g_str_has_prefix (source, "ldap://") || g_str_has_prefix (source, "ldaps://"))
    {
      g_autoptr(ExtopoLdapParams) params = extopo_ldap_params_new ();
      const char *uris[] = { source, NULL };

      g_strfreev (params->uris);
      params->uris = g_strdupv ((char **) uris);
      /* Active Directory refuses simple binds over plain LDAP. */
      params->starttls = g_str_has_prefix (source, "ldap://");
      extopo_window_show_connect_dialog (self, params);
    }
  else
    extopo_window_open_file (self, source);
}

static const GActionEntry sources_entries[] = {
  { "refresh", refresh_action },
  { "open-recent", open_recent_action, "s" },
};

void
extopo_window_sources_init (ExtopoWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), sources_entries,
                                   G_N_ELEMENTS (sources_entries), self);

  self->recent_menu = g_menu_new ();
  gtk_menu_button_set_menu_model (self->recent_button, G_MENU_MODEL (self->recent_menu));
  rebuild_recent_menu (self);
  if (self->settings != NULL)
    g_signal_connect_object (self->settings, "changed::recent-sources",
                             G_CALLBACK (rebuild_recent_menu), self, G_CONNECT_SWAPPED);

  gtk_drag_dest_set (GTK_WIDGET (self), GTK_DEST_DEFAULT_ALL, NULL, 0, GDK_ACTION_COPY);
  gtk_drag_dest_add_uri_targets (GTK_WIDGET (self));
  g_signal_connect (self, "drag-data-received", G_CALLBACK (drag_data_received_cb), self);
}
