/* extopo-window.c: the main window around the diagram.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-window"

#include "config.h"

#include <glib/gi18n.h>

#include "extopo-connect-dialog.h"
#include "extopo-dn.h"
#include "extopo-export-dialog.h"
#include "extopo-findings-list.h"
#include "extopo-findings.h"
#include "extopo-layout.h"
#include "extopo-loader.h"
#include "extopo-server-card.h"
#include "extopo-window.h"

#define MAX_RECENT_SOURCES 10

struct _ExtopoWindow
{
  GtkApplicationWindow parent_instance;

  /* template children */
  GtkHeaderBar        *header_bar;
  GtkMenuButton       *recent_button;
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkLabel            *match_label;
  GtkInfoBar          *readiness_bar;
  GtkImage            *readiness_icon;
  GtkLabel            *readiness_label;
  GtkExpander         *readiness_expander;
  GtkLabel            *readiness_details;
  GtkInfoBar          *error_bar;
  GtkLabel            *error_label;
  GtkPaned            *paned;
  ExtopoGraphView     *graph_view;
  GtkWidget           *busy_box;
  GtkSpinner          *busy_spinner;
  GtkLabel            *busy_label;
  GtkWidget           *sidebar;
  GtkStack            *sidebar_stack;
  ExtopoServerCard    *server_card;
  ExtopoFindingsList  *findings_list;

  /* owned */
  GSettings           *settings;        /* NULL when the schema is not installed */
  ExtopoModel         *model;
  GHashTable          *collapsed;       /* normalized group DNs drawn collapsed */
  char                *source_path;     /* the file shown, or NULL */
  ExtopoLdapParams    *source_params;   /* the directory shown, or NULL */
  GCancellable        *load_cancellable;
  GCancellable        *layout_cancellable;
  GArray              *matches;         /* Match, in reading order */
  GHashTable          *match_set;       /* model object pointers */
  GMenu               *recent_menu;

  ExtopoView           view;
  int                  match_index;
  gboolean             match_shown;
  int                  width;
  int                  height;
  gboolean             maximized;
};

G_DEFINE_TYPE (ExtopoWindow, extopo_window, GTK_TYPE_APPLICATION_WINDOW)

typedef struct
{
  ExtopoObjectKind kind;
  gpointer         object;
  ExtopoRect       box;
} Match;

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

static GHashTable *
collapsed_copy (GHashTable *collapsed)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;

  if (collapsed != NULL)
    {
      g_hash_table_iter_init (&iter, collapsed);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (copy, g_strdup (key));
    }

  return copy;
}

/* Busy state */

static void
update_busy (ExtopoWindow *self,
             const char   *text)
{
  gboolean busy = extopo_window_is_busy (self);

  if (text != NULL)
    gtk_label_set_text (self->busy_label, text);
  gtk_widget_set_visible (self->busy_box, busy);
  if (busy)
    gtk_spinner_start (self->busy_spinner);
  else
    gtk_spinner_stop (self->busy_spinner);
}

static void
cancel_work (ExtopoWindow *self)
{
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  if (self->layout_cancellable != NULL)
    g_cancellable_cancel (self->layout_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->layout_cancellable);
}

static void
cancel_button_clicked_cb (ExtopoWindow *self)
{
  cancel_work (self);
  update_busy (self, NULL);
}

/* Error bar */

static void
show_error (ExtopoWindow *self,
            const char   *text)
{
  gtk_label_set_text (self->error_label, text);
  gtk_widget_show (GTK_WIDGET (self->error_bar));
  gtk_info_bar_set_revealed (self->error_bar, TRUE);
}

static void
hide_error (ExtopoWindow *self)
{
  gtk_info_bar_set_revealed (self->error_bar, FALSE);
  gtk_label_set_text (self->error_label, "");
}

static void
error_bar_response_cb (GtkInfoBar   *info_bar,
                       int           response,
                       ExtopoWindow *self)
{
  hide_error (self);
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

/* Search */

static void
update_match_label (ExtopoWindow *self)
{
  const char *text = gtk_entry_get_text (GTK_ENTRY (self->search_entry));
  g_autofree char *label = NULL;

  if (text == NULL || *text == '\0')
    label = g_strdup ("");
  else if (self->matches->len == 0)
    label = g_strdup (_("No matches"));
  else
    /* Translators: the current search match and how many there are, "3 of 12". */
    label = g_strdup_printf (_("%d of %u"), self->match_index + 1, self->matches->len);

  gtk_label_set_text (self->match_label, label);
}

static char *
fold (const char *text)
{
  g_autofree char *normalized = NULL;

  if (text == NULL)
    return NULL;
  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
  if (normalized == NULL)
    return NULL;

  return g_utf8_casefold (normalized, -1);
}

static gboolean
text_matches (const char *text,
              const char *needle)
{
  g_autofree char *folded = fold (text);

  return folded != NULL && strstr (folded, needle) != NULL;
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

static void
add_matches (ExtopoWindow     *self,
             ExtopoGeometry   *geometry,
             ExtopoObjectKind  kind,
             GPtrArray        *objects,
             const char       *needle)
{
  for (guint i = 0; i < objects->len; i++)
    {
      gpointer object = g_ptr_array_index (objects, i);

      if (text_matches (extopo_model_object_get_name (kind, object), needle) ||
          (kind == EXTOPO_OBJECT_SERVER && text_matches (((ExtopoServer *) object)->fqdn, needle)))
        add_match (self, geometry, kind, object);
    }
}

static void
update_matches (ExtopoWindow *self)
{
  ExtopoGeometry *geometry = extopo_graph_view_get_geometry (self->graph_view);
  const char *text = gtk_entry_get_text (GTK_ENTRY (self->search_entry));
  g_autofree char *needle = fold (text);

  g_array_set_size (self->matches, 0);
  g_hash_table_remove_all (self->match_set);
  self->match_index = 0;
  self->match_shown = FALSE;

  if (needle != NULL && *needle != '\0' && self->model != NULL && geometry != NULL &&
      geometry->model == self->model)
    {
      add_matches (self, geometry, EXTOPO_OBJECT_ADMIN_GROUP,
                   extopo_model_get_admin_groups (self->model), needle);
      add_matches (self, geometry, EXTOPO_OBJECT_ROUTING_GROUP,
                   extopo_model_get_routing_groups (self->model), needle);
      add_matches (self, geometry, EXTOPO_OBJECT_SERVER,
                   extopo_model_get_servers (self->model), needle);
      add_matches (self, geometry, EXTOPO_OBJECT_CONNECTOR,
                   extopo_model_get_connectors (self->model), needle);
      g_array_sort (self->matches, compare_matches);
    }

  extopo_graph_view_set_matches (self->graph_view,
                                 g_hash_table_size (self->match_set) > 0 ? self->match_set : NULL);
  update_match_label (self);
}

/* Selection */

static void
select_object (ExtopoWindow     *self,
               ExtopoObjectKind  kind,
               gpointer          object,
               gboolean          center)
{
  ExtopoGeometry *geometry = extopo_graph_view_get_geometry (self->graph_view);
  ExtopoRect box;

  if (object == NULL)
    kind = EXTOPO_OBJECT_NONE;

  extopo_graph_view_set_selection (self->graph_view, kind, object);
  if (center && object != NULL && geometry != NULL &&
      extopo_geometry_find_object (geometry, kind, object, &box))
    extopo_graph_view_center_on (self->graph_view, kind, object);
  extopo_server_card_set_object (self->server_card, kind, object);
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
  select_object (self, match->kind, match->object, TRUE);
  gtk_stack_set_visible_child_name (self->sidebar_stack, "details");
  update_match_label (self);
}

static void
search_changed_cb (ExtopoWindow *self)
{
  update_matches (self);
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
      update_matches (self);
      gtk_widget_grab_focus (GTK_WIDGET (self->graph_view));
    }
}

/* Model and diagram */

static const char *
view_get_nick (ExtopoView view)
{
  return view == EXTOPO_VIEW_ADMIN ? "admin" : "routing";
}

static void
update_title (ExtopoWindow *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *title = NULL;
  const char *source;
  guint n_servers;

  if (self->model == NULL)
    {
      gtk_header_bar_set_subtitle (self->header_bar, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("ExTopo"));
      return;
    }

  source = extopo_model_get_source_name (self->model);
  n_servers = extopo_model_get_servers (self->model)->len;
  /* Translators: the header bar subtitle, the source's name then the count. */
  subtitle = g_strdup_printf (ngettext ("%s — %u server", "%s — %u servers", n_servers),
                              source, n_servers);
  gtk_header_bar_set_subtitle (self->header_bar, subtitle);
  /* Translators: the window title for the window list, "coexistence.ldif — ExTopo". */
  title = g_strdup_printf (_("%s — ExTopo"), source);
  gtk_window_set_title (GTK_WINDOW (self), title);
}

static void
update_readiness (ExtopoWindow *self)
{
  ExtopoReadiness readiness = { 0 };
  GPtrArray *findings;
  guint n_errors = 0;
  guint n_warnings = 0;
  g_autofree char *details = NULL;

  if (self->model == NULL)
    {
      gtk_info_bar_set_revealed (self->readiness_bar, FALSE);
      return;
    }

  findings = extopo_model_get_findings (self->model);
  for (guint i = 0; i < findings->len; i++)
    {
      ExtopoFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity == EXTOPO_SEVERITY_ERROR)
        n_errors++;
      else if (finding->severity == EXTOPO_SEVERITY_WARNING)
        n_warnings++;
    }

  extopo_readiness_compute (self->model, &readiness);

  if (readiness.ready)
    {
      if (n_warnings > 0)
        details = g_strdup_printf (ngettext ("Nothing blocks the deployment. %u warning is listed under Findings.",
                                             "Nothing blocks the deployment. %u warnings are listed under Findings.",
                                             n_warnings),
                                   n_warnings);
      gtk_info_bar_set_message_type (self->readiness_bar,
                                     n_warnings > 0 ? GTK_MESSAGE_OTHER : GTK_MESSAGE_INFO);
      gtk_image_set_from_icon_name (self->readiness_icon, "emblem-ok-symbolic",
                                    GTK_ICON_SIZE_LARGE_TOOLBAR);
    }
  else
    {
      details = g_strdup (readiness.reasons);
      gtk_info_bar_set_message_type (self->readiness_bar,
                                     n_errors > 0 ? GTK_MESSAGE_ERROR : GTK_MESSAGE_WARNING);
      gtk_image_set_from_icon_name (self->readiness_icon,
                                    n_errors > 0 ? "dialog-error-symbolic"
                                                 : "dialog-warning-symbolic",
                                    GTK_ICON_SIZE_LARGE_TOOLBAR);
    }

  gtk_label_set_text (self->readiness_label, readiness.summary);
  gtk_label_set_text (self->readiness_details, details != NULL ? details : "");
  gtk_widget_set_visible (GTK_WIDGET (self->readiness_expander),
                          details != NULL && *details != '\0');
  gtk_expander_set_label (self->readiness_expander,
                          readiness.ready ? _("Details") : _("Why, and what to do"));
  gtk_info_bar_set_revealed (self->readiness_bar, TRUE);

  extopo_readiness_clear (&readiness);
}

static void
update_findings_title (ExtopoWindow *self)
{
  guint n = extopo_findings_list_get_n_rows (self->findings_list);
  g_autofree char *title = NULL;

  /* Translators: the sidebar tab with the number of findings. */
  title = n > 0 ? g_strdup_printf (_("Findings (%u)"), n) : g_strdup (_("Findings"));
  gtk_container_child_set (GTK_CONTAINER (self->sidebar_stack),
                           GTK_WIDGET (self->findings_list),
                           "title", title,
                           NULL);
}

/* Swaps a laid-out result in on the main thread. */
static void
apply_layout (ExtopoWindow   *self,
              Request        *request,
              ExtopoGeometry *geometry)
{
  gboolean new_model = request->model != self->model;

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

      extopo_server_card_set_object (self->server_card, EXTOPO_OBJECT_NONE, NULL);
      extopo_findings_list_set_model (self->findings_list, self->model);
      update_findings_title (self);
      update_readiness (self);
      update_title (self);
      hide_error (self);

      if (self->source_path != NULL)
        add_recent_source (self, self->source_path);
      else if (self->source_params != NULL && self->source_params->uris != NULL)
        add_recent_source (self, self->source_params->uris[0]);
    }

  extopo_graph_view_set_geometry (self->graph_view, geometry, request->keep_view && !new_model);
  update_matches (self);
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
      show_error (self, message);
    }
  else
    apply_layout (self, request, geometry);

  update_busy (self, NULL);
}

static void
start_layout (ExtopoWindow *self,
              Request      *request)
{
  ExtopoLayoutOptions options = { request->view, request->collapsed };
  guint n_servers = extopo_model_get_servers (request->model)->len;
  g_autofree char *text = NULL;

  if (self->layout_cancellable != NULL)
    g_cancellable_cancel (self->layout_cancellable);
  g_clear_object (&self->layout_cancellable);
  self->layout_cancellable = g_cancellable_new ();

  /* Translators: shown while the diagram is computed; %'u is a number with separators. */
  text = g_strdup_printf (ngettext ("Laying out %'u server…", "Laying out %'u servers…",
                                    n_servers),
                          n_servers);
  update_busy (self, text);

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
  if (request->collapsed == NULL)
    request->collapsed = request->keep_collapsed ? collapsed_copy (self->collapsed)
                                                 : collapsed_copy (NULL);
  start_layout (self, request);
}

static void
show_load_error (ExtopoWindow *self,
                 Request      *request,
                 const GError *error)
{
  g_autofree char *source = describe_source (request->path, request->params);
  /* Translators: the file or server, then the reason ("sample.ldif:12: ..."). */
  g_autofree char *message = g_strdup_printf (_("Could not open %s: %s"), source,
                                              error->message);

  show_error (self, message);
}

static void
load_file_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(Request) request = user_data;
  ExtopoWindow *self = request->window;
  g_autoptr(ExtopoModel) model = NULL;
  g_autoptr(GError) error = NULL;

  model = extopo_loader_load_file_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);

  if (model == NULL)
    {
      show_load_error (self, request, error);
      update_busy (self, NULL);
      return;
    }

  start_layout_for_model (self, g_steal_pointer (&request), model);
}

static void
open_file_full (ExtopoWindow *self,
                const char   *path,
                gboolean      keep_collapsed)
{
  Request *request;
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *text = NULL;

  cancel_work (self);
  self->load_cancellable = g_cancellable_new ();

  request = request_new (self, path, NULL);
  request->keep_collapsed = keep_collapsed;
  request->keep_view = keep_collapsed;

  /* Translators: shown while a file is read; %s is its name. */
  text = g_strdup_printf (_("Reading %s…"), name);
  update_busy (self, text);

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
  g_autoptr(Request) request = user_data;
  ExtopoWindow *self = request->window;
  g_autoptr(ExtopoModel) model = NULL;
  g_autoptr(GError) error = NULL;

  model = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->load_cancellable);

  if (model == NULL)
    {
      show_load_error (self, request, error);
      update_busy (self, NULL);
      return;
    }

  start_layout_for_model (self, g_steal_pointer (&request), model);
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
      update_busy (self, NULL);
      request_free (request);
      return;
    }

  source = describe_source (NULL, request->params);
  text = g_strdup_printf (_("Reading %s…"), source);
  update_busy (self, text);

  task = g_task_new (NULL, self->load_cancellable, load_entries_done_cb, request);
  g_task_set_source_tag (task, fetch_done_cb);
  g_object_set_data (G_OBJECT (task), "extopo-request", request);
  g_task_set_task_data (task, g_steal_pointer (&entries), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, load_entries_worker);
}

static void
fetch_progress_cb (guint    n_entries,
                   gpointer user_data)
{
  ExtopoWindow *self = user_data;
  g_autofree char *text = NULL;

  if (self->load_cancellable == NULL)
    return;

  /* Translators: progress of a directory download. */
  text = g_strdup_printf (ngettext ("Received %'u entry…", "Received %'u entries…", n_entries),
                          n_entries);
  update_busy (self, text);
}

static void
open_ldap_full (ExtopoWindow           *self,
                const ExtopoLdapParams *params,
                gboolean                keep_collapsed)
{
  Request *request;
  g_autofree char *source = NULL;
  g_autofree char *text = NULL;

  cancel_work (self);
  self->load_cancellable = g_cancellable_new ();

  request = request_new (self, NULL, params);
  request->keep_collapsed = keep_collapsed;
  request->keep_view = keep_collapsed;

  source = describe_source (NULL, params);
  /* Translators: shown while connecting; %s is the server. */
  text = g_strdup_printf (_("Connecting to %s…"), source);
  update_busy (self, text);

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

/* Signals from the children */

static void
selection_changed_cb (ExtopoWindow *self)
{
  ExtopoObjectKind kind = EXTOPO_OBJECT_NONE;
  gpointer object = extopo_graph_view_get_selection (self->graph_view, &kind);

  extopo_server_card_set_object (self->server_card, kind, object);
  if (object != NULL)
    gtk_stack_set_visible_child_name (self->sidebar_stack, "details");
}

static const char *
group_get_ndn (ExtopoObjectKind kind,
               gpointer         object)
{
  if (kind == EXTOPO_OBJECT_ROUTING_GROUP)
    return ((ExtopoRoutingGroup *) object)->ndn;
  if (kind == EXTOPO_OBJECT_ADMIN_GROUP)
    return ((ExtopoAdminGroup *) object)->ndn;

  return NULL;
}

static void
group_activated_cb (ExtopoWindow *self,
                    guint         kind,
                    gpointer      object)
{
  const char *ndn = group_get_ndn (kind, object);
  Request *request;

  if (ndn == NULL || self->model == NULL)
    return;

  request = request_new (self, self->source_path, self->source_params);
  request->keep_view = TRUE;
  request->collapsed = collapsed_copy (self->collapsed);
  if (!g_hash_table_remove (request->collapsed, ndn))
    g_hash_table_add (request->collapsed, g_strdup (ndn));

  start_layout_for_model (self, request, self->model);
}

static void
object_activated_cb (ExtopoWindow *self,
                     guint         kind,
                     gpointer      object)
{
  select_object (self, kind, object, TRUE);
}

static void
finding_activated_cb (ExtopoWindow  *self,
                      ExtopoFinding *finding)
{
  ExtopoObjectKind kind = finding->subject_kind;

  if (kind == EXTOPO_OBJECT_ORGANIZATION)
    {
      extopo_graph_view_set_selection (self->graph_view, EXTOPO_OBJECT_NONE, NULL);
      extopo_server_card_set_object (self->server_card, kind, finding->subject);
      return;
    }

  select_object (self, kind, finding->subject, TRUE);
}

/* Actions */

static void
relayout_current (ExtopoWindow *self,
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

static void
change_view_state (GSimpleAction *action,
                   GVariant      *state,
                   gpointer       user_data)
{
  ExtopoWindow *self = user_data;
  const char *nick = g_variant_get_string (state, NULL);
  ExtopoView view;

  if (g_str_equal (nick, "admin"))
    view = EXTOPO_VIEW_ADMIN;
  else if (g_str_equal (nick, "routing"))
    view = EXTOPO_VIEW_ROUTING;
  else
    return;

  g_simple_action_set_state (action, state);
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "view", nick);

  if (view != self->view)
    {
      self->view = view;
      relayout_current (self, view, FALSE);
    }
}

static void
change_show_legend_state (GSimpleAction *action,
                          GVariant      *state,
                          gpointer       user_data)
{
  ExtopoWindow *self = user_data;
  gboolean show = g_variant_get_boolean (state);

  g_simple_action_set_state (action, state);
  extopo_graph_view_set_show_legend (self->graph_view, show);
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "show-legend", show);
}

static void
change_sidebar_state (GSimpleAction *action,
                      GVariant      *state,
                      gpointer       user_data)
{
  ExtopoWindow *self = user_data;
  gboolean visible = g_variant_get_boolean (state);

  g_simple_action_set_state (action, state);
  gtk_widget_set_visible (self->sidebar, visible);
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "sidebar-visible", visible);
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
toggle_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  g_autoptr(GVariant) state = g_action_get_state (G_ACTION (action));

  g_action_change_state (G_ACTION (action),
                         g_variant_new_boolean (!g_variant_get_boolean (state)));
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

static void
escape_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  ExtopoWindow *self = user_data;

  if (gtk_search_bar_get_search_mode (self->search_bar))
    gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  else
    select_object (self, EXTOPO_OBJECT_NONE, NULL, FALSE);
}

static void
refresh_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  ExtopoWindow *self = user_data;

  if (self->source_params != NULL)
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
      extopo_window_show_connect_dialog (self, params);
    }
  else
    extopo_window_open_file (self, source);
}

static char *
default_export_title (ExtopoWindow *self)
{
  GPtrArray *organizations = extopo_model_get_organizations (self->model);
  const char *name = organizations->len > 0
                     ? ((ExtopoOrganization *) g_ptr_array_index (organizations, 0))->name
                     : extopo_model_get_source_name (self->model);

  /* Translators: the default title of an exported diagram: the organization, then the view. */
  return g_strdup_printf (self->view == EXTOPO_VIEW_ADMIN ? _("%s — administrative groups")
                                                          : _("%s — routing groups"),
                          name);
}

static char *
default_export_path (ExtopoWindow *self)
{
  const char *folder = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  const char *source = extopo_model_get_source_name (self->model);
  g_autofree char *base = g_path_get_basename (source != NULL ? source : "extopo");
  char *dot = strrchr (base, '.');
  g_autofree char *name = NULL;

  if (dot != NULL && dot != base)
    *dot = '\0';
  g_strdelimit (base, ":/\\ ", '-');
  name = g_strdup_printf ("%s-%s.svg", base, view_get_nick (self->view));

  return g_build_filename (folder != NULL ? folder : g_get_home_dir (), name, NULL);
}

static void
export_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  ExtopoWindow *self = user_data;
  ExtopoGeometry *geometry = extopo_graph_view_get_geometry (self->graph_view);
  g_autofree char *title = NULL;
  g_autofree char *path = NULL;
  GtkWidget *dialog;
  ExtopoRect visible;

  if (geometry == NULL || self->model == NULL)
    return;

  extopo_graph_view_get_visible_rect (self->graph_view, &visible);
  title = default_export_title (self);
  path = default_export_path (self);
  dialog = extopo_export_dialog_new (GTK_WINDOW (self), geometry, &visible, title,
                                     extopo_graph_view_get_show_legend (self->graph_view));
  extopo_export_dialog_set_path (EXTOPO_EXPORT_DIALOG (dialog), path);
  gtk_widget_show (dialog);
}

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

static const GActionEntry win_entries[] = {
  { "view", NULL, "s", "'routing'", change_view_state },
  { "show-legend", toggle_action, NULL, "true", change_show_legend_state },
  { "sidebar", toggle_action, NULL, "true", change_sidebar_state },
  { "search", toggle_action, NULL, "false", change_search_state },
  { "find-next", find_next_action },
  { "find-previous", find_previous_action },
  { "escape", escape_action },
  { "refresh", refresh_action },
  { "export", export_action },
  { "open-recent", open_recent_action, "s" },
  { "zoom-in", zoom_in_action },
  { "zoom-out", zoom_out_action },
  { "zoom-fit", zoom_fit_action },
  { "zoom-reset", zoom_reset_action },
  { "zoom-selection", zoom_to_selection_action },
};

/* GtkWidget */

static gboolean
extopo_window_key_press_event (GtkWidget   *widget,
                               GdkEventKey *event)
{
  ExtopoWindow *self = EXTOPO_WINDOW (widget);
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (widget));

  /* Text fields get keys before the single-key accelerators (plus, minus, Escape). */
  if (GTK_IS_EDITABLE (focus) && gtk_window_propagate_key_event (GTK_WINDOW (widget), event))
    return GDK_EVENT_STOP;

  if (GTK_WIDGET_CLASS (extopo_window_parent_class)->key_press_event (widget, event))
    return GDK_EVENT_STOP;

  /* Typing anywhere starts a search. */
  return gtk_search_bar_handle_event (self->search_bar, (GdkEvent *) event);
}

static void
extopo_window_size_allocate (GtkWidget     *widget,
                             GtkAllocation *allocation)
{
  ExtopoWindow *self = EXTOPO_WINDOW (widget);

  GTK_WIDGET_CLASS (extopo_window_parent_class)->size_allocate (widget, allocation);

  if (!self->maximized)
    gtk_window_get_size (GTK_WINDOW (widget), &self->width, &self->height);
}

static gboolean
extopo_window_window_state_event (GtkWidget           *widget,
                                  GdkEventWindowState *event)
{
  ExtopoWindow *self = EXTOPO_WINDOW (widget);

  self->maximized = (event->new_window_state & GDK_WINDOW_STATE_MAXIMIZED) != 0;

  return GTK_WIDGET_CLASS (extopo_window_parent_class)->window_state_event (widget, event);
}

static void
extopo_window_destroy (GtkWidget *widget)
{
  ExtopoWindow *self = EXTOPO_WINDOW (widget);

  if (self->settings != NULL && self->width > 0 && self->height > 0)
    {
      g_settings_set_int (self->settings, "window-width", self->width);
      g_settings_set_int (self->settings, "window-height", self->height);
      g_settings_set_boolean (self->settings, "window-maximized", self->maximized);
    }

  cancel_work (self);

  GTK_WIDGET_CLASS (extopo_window_parent_class)->destroy (widget);
}

/* GObject */

static void
extopo_window_dispose (GObject *object)
{
  ExtopoWindow *self = EXTOPO_WINDOW (object);

  cancel_work (self);
  g_clear_object (&self->settings);
  g_clear_object (&self->model);
  g_clear_object (&self->recent_menu);
  g_clear_pointer (&self->collapsed, g_hash_table_unref);
  g_clear_pointer (&self->source_params, extopo_ldap_params_free);
  g_clear_pointer (&self->source_path, g_free);

  G_OBJECT_CLASS (extopo_window_parent_class)->dispose (object);
}

static void
extopo_window_finalize (GObject *object)
{
  ExtopoWindow *self = EXTOPO_WINDOW (object);

  g_clear_pointer (&self->matches, g_array_unref);
  g_clear_pointer (&self->match_set, g_hash_table_unref);

  G_OBJECT_CLASS (extopo_window_parent_class)->finalize (object);
}

static void
extopo_window_class_init (ExtopoWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = extopo_window_dispose;
  object_class->finalize = extopo_window_finalize;
  widget_class->key_press_event = extopo_window_key_press_event;
  widget_class->size_allocate = extopo_window_size_allocate;
  widget_class->window_state_event = extopo_window_window_state_event;
  widget_class->destroy = extopo_window_destroy;

  g_type_ensure (EXTOPO_TYPE_GRAPH_VIEW);
  g_type_ensure (EXTOPO_TYPE_SERVER_CARD);
  g_type_ensure (EXTOPO_TYPE_FINDINGS_LIST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/extopo/ExTopo/extopo-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ExtopoWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, ExtopoWindow, recent_button);
  gtk_widget_class_bind_template_child (widget_class, ExtopoWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, ExtopoWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ExtopoWindow, match_label);
  gtk_widget_class_bind_template_child (widget_class, ExtopoWindow, readiness_bar);
  gtk_widget_class_bind_template_child (widget_class, ExtopoWindow, readiness_icon);
  gtk_widget_class_bind_template_child (widget_class, ExtopoWindow, readiness_label);
  gtk_widget_class_bind_template_child (widget_class, ExtopoWindow, readiness_expander);
  gtk_widget_class_bind_template_child (widget_class, ExtopoWindow, readiness_details);
  gtk_widget_class_bind_template_child (widget_class, ExtopoWindow, error_bar);
  gtk_widget_class_bind_template_child (widget_class, ExtopoWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, ExtopoWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, ExtopoWindow, graph_view);
  gtk_widget_class_bind_template_child (widget_class, ExtopoWindow, busy_box);
  gtk_widget_class_bind_template_child (widget_class, ExtopoWindow, busy_spinner);
  gtk_widget_class_bind_template_child (widget_class, ExtopoWindow, busy_label);
  gtk_widget_class_bind_template_child (widget_class, ExtopoWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, ExtopoWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, ExtopoWindow, server_card);
  gtk_widget_class_bind_template_child (widget_class, ExtopoWindow, findings_list);
  gtk_widget_class_bind_template_callback (widget_class, cancel_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, error_bar_response_cb);
}

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_message ("The GSettings schema %s is not installed: nothing will be remembered",
                 APPLICATION_ID);
      return NULL;
    }

  return g_settings_new (APPLICATION_ID);
}

static void
restore_settings (ExtopoWindow *self)
{
  g_autofree char *view = NULL;
  int width;
  int height;

  if (self->settings == NULL)
    return;

  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  if (width > 0 && height > 0)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      gtk_paned_set_position (self->paned, MAX (width - 360, 200));
    }
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  view = g_settings_get_string (self->settings, "view");
  self->view = g_str_equal (view, "admin") ? EXTOPO_VIEW_ADMIN : EXTOPO_VIEW_ROUTING;
  g_action_group_change_action_state (G_ACTION_GROUP (self), "view",
                                      g_variant_new_string (view_get_nick (self->view)));
  g_action_group_change_action_state (G_ACTION_GROUP (self), "show-legend",
                                      g_variant_new_boolean (g_settings_get_boolean (self->settings,
                                                                                     "show-legend")));
  g_action_group_change_action_state (G_ACTION_GROUP (self), "sidebar",
                                      g_variant_new_boolean (g_settings_get_boolean (self->settings,
                                                                                     "sidebar-visible")));

  g_signal_connect_object (self->settings, "changed::recent-sources",
                           G_CALLBACK (rebuild_recent_menu), self, G_CONNECT_SWAPPED);
}

static void
extopo_window_init (ExtopoWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->view = EXTOPO_VIEW_ROUTING;
  self->collapsed = collapsed_copy (NULL);
  self->matches = g_array_new (FALSE, TRUE, sizeof (Match));
  self->match_set = g_hash_table_new (NULL, NULL);
  self->recent_menu = g_menu_new ();
  self->settings = settings_new_if_installed ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_entries,
                                   G_N_ELEMENTS (win_entries), self);
  restore_settings (self);

  gtk_menu_button_set_menu_model (self->recent_button, G_MENU_MODEL (self->recent_menu));
  rebuild_recent_menu (self);

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

  g_signal_connect_object (self->graph_view, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->graph_view, "group-activated",
                           G_CALLBACK (group_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->server_card, "object-activated",
                           G_CALLBACK (object_activated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->findings_list, "finding-activated",
                           G_CALLBACK (finding_activated_cb), self, G_CONNECT_SWAPPED);

  gtk_drag_dest_set (GTK_WIDGET (self), GTK_DEST_DEFAULT_ALL, NULL, 0, GDK_ACTION_COPY);
  gtk_drag_dest_add_uri_targets (GTK_WIDGET (self));
  g_signal_connect (self, "drag-data-received", G_CALLBACK (drag_data_received_cb), self);

  gtk_widget_grab_focus (GTK_WIDGET (self->graph_view));
}

ExtopoWindow *
extopo_window_new (GtkApplication *application)
{
  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  return g_object_new (EXTOPO_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

ExtopoModel *
extopo_window_get_model (ExtopoWindow *self)
{
  g_return_val_if_fail (EXTOPO_IS_WINDOW (self), NULL);

  return self->model;
}

ExtopoGraphView *
extopo_window_get_graph_view (ExtopoWindow *self)
{
  g_return_val_if_fail (EXTOPO_IS_WINDOW (self), NULL);

  return self->graph_view;
}

GtkWidget *
extopo_window_get_server_card (ExtopoWindow *self)
{
  g_return_val_if_fail (EXTOPO_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->server_card);
}

GtkWidget *
extopo_window_get_findings_list (ExtopoWindow *self)
{
  g_return_val_if_fail (EXTOPO_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->findings_list);
}

GtkWidget *
extopo_window_get_search_entry (ExtopoWindow *self)
{
  g_return_val_if_fail (EXTOPO_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->search_entry);
}

const char *
extopo_window_get_error_text (ExtopoWindow *self)
{
  g_return_val_if_fail (EXTOPO_IS_WINDOW (self), NULL);

  if (!gtk_info_bar_get_revealed (self->error_bar))
    return NULL;

  return gtk_label_get_text (self->error_label);
}

const char *
extopo_window_get_readiness_text (ExtopoWindow *self)
{
  g_return_val_if_fail (EXTOPO_IS_WINDOW (self), NULL);

  if (!gtk_info_bar_get_revealed (self->readiness_bar))
    return NULL;

  return gtk_label_get_text (self->readiness_label);
}

const char *
extopo_window_get_match_text (ExtopoWindow *self)
{
  g_return_val_if_fail (EXTOPO_IS_WINDOW (self), NULL);

  return gtk_label_get_text (self->match_label);
}

gboolean
extopo_window_is_busy (ExtopoWindow *self)
{
  g_return_val_if_fail (EXTOPO_IS_WINDOW (self), FALSE);

  return self->load_cancellable != NULL || self->layout_cancellable != NULL;
}
