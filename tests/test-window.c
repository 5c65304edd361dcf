/* test-window.c: the main window built from its templates and driven through actions.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <math.h>

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "extopo-application.h"
#include "extopo-export-dialog.h"
#include "extopo-findings-list.h"
#include "extopo-findings.h"
#include "extopo-inventory.h"
#include "extopo-layout.h"
#include "extopo-server-card.h"
#include "extopo-version.h"
#include "extopo-scene.h"
#include "extopo-search.h"
#include "extopo-window.h"

#include "test-ui-util.h"
#include "test-util.h"

static GtkApplication *application;

typedef struct
{
  ExtopoWindow *window;
  GSettings    *settings;
  char         *tmpdir;
} Fixture;

static ExtopoGeometry *
window_geometry (Fixture *fixture)
{
  return extopo_graph_view_get_geometry (extopo_window_get_graph_view (fixture->window));
}

static ExtopoFindingsList *
window_findings (Fixture *fixture)
{
  return EXTOPO_FINDINGS_LIST (extopo_window_get_findings_list (fixture->window));
}

static ExtopoServerCard *
window_card (Fixture *fixture)
{
  return EXTOPO_SERVER_CARD (extopo_window_get_server_card (fixture->window));
}

static GtkSearchBar *
window_search_bar (Fixture *fixture)
{
  GtkWidget *entry = extopo_window_get_search_entry (fixture->window);

  return GTK_SEARCH_BAR (gtk_widget_get_ancestor (entry, GTK_TYPE_SEARCH_BAR));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->tmpdir = g_dir_make_tmp ("extopo-window-XXXXXX", &error);
  g_assert_no_error (error);

  /* Every test starts from the defaults, whatever the one before remembered. */
  fixture->settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (fixture->settings, "view");
  g_settings_reset (fixture->settings, "show-legend");
  g_settings_reset (fixture->settings, "sidebar-visible");
  g_settings_reset (fixture->settings, "source-states");
  g_settings_reset (fixture->settings, "overview-visible");
  /* A window a test resized saves its size as it closes, and the inventory
   * is remembered: the next one must not open in that shape (the diagram
   * is laid out for it, and again when the shape changes). */
  g_settings_reset (fixture->settings, "window-width");
  g_settings_reset (fixture->settings, "window-height");
  g_settings_reset (fixture->settings, "window-maximized");
  g_settings_reset (fixture->settings, "inventory-visible");

  fixture->window = test_ui_open_window (application, "coexistence.ldif");
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_widget_destroy (GTK_WIDGET (fixture->window));
  g_clear_object (&fixture->window);
  g_clear_object (&fixture->settings);
  test_ui_remove_dir (fixture->tmpdir);
  g_free (fixture->tmpdir);
}

static void
test_window_open_sample (Fixture       *fixture,
                         gconstpointer  data)
{
  ExtopoModel *model = extopo_window_get_model (fixture->window);
  ExtopoGeometry *geometry = window_geometry (fixture);
  GtkWidget *titlebar = gtk_window_get_titlebar (GTK_WINDOW (fixture->window));
  GtkHeaderBar *header_bar = GTK_HEADER_BAR (titlebar);
  g_autofree char *count = NULL;
  ExtopoReadiness readiness = { 0 };

  g_assert_nonnull (model);
  g_assert_cmpuint (extopo_model_get_servers (model)->len, >, 0);
  g_assert_nonnull (geometry);
  g_assert_true (geometry->model == model);
  g_assert_cmpint (geometry->view, ==, EXTOPO_VIEW_ROUTING);
  g_assert_cmpuint (geometry->nodes->len, ==, extopo_model_get_servers (model)->len);

  g_assert_cmpstr (gtk_header_bar_get_title (header_bar), ==, "ExTopo");
  count = g_strdup_printf ("%u servers", extopo_model_get_servers (model)->len);
  g_assert_nonnull (strstr (gtk_header_bar_get_subtitle (header_bar), "coexistence.ldif"));
  g_assert_nonnull (strstr (gtk_header_bar_get_subtitle (header_bar), count));

  extopo_readiness_compute (model, &readiness);
  g_assert_nonnull (readiness.summary);
  g_assert_cmpstr (extopo_window_get_readiness_text (fixture->window), ==, readiness.summary);
  /* Prerequisites met, Boston's error open: a warning bar, never the calm
   * "ready" one. */
  g_assert_cmpint (readiness.state, ==, EXTOPO_READINESS_READY_WITH_FINDINGS);
  g_assert_cmpint (extopo_window_get_readiness_type (fixture->window), ==, GTK_MESSAGE_WARNING);
  extopo_readiness_clear (&readiness);

  g_assert_cmpuint (extopo_findings_list_get_n_rows (window_findings (fixture)), ==,
                    extopo_model_get_findings (model)->len);
}

static gboolean
view_is_admin (gpointer data)
{
  Fixture *fixture = data;
  ExtopoGeometry *geometry = window_geometry (fixture);

  return window_idle (fixture->window) && geometry != NULL && geometry->view == EXTOPO_VIEW_ADMIN;
}

static void
test_window_switch_view (Fixture       *fixture,
                         gconstpointer  data)
{
  ExtopoModel *model = extopo_window_get_model (fixture->window);
  g_autoptr(GVariant) state = NULL;
  g_autofree char *view = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "view",
                                  g_variant_new_string ("admin"));
  state = g_action_group_get_action_state (G_ACTION_GROUP (fixture->window), "view");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "admin");

  g_assert_true (spin_until (view_is_admin, fixture));
  g_assert_true (window_geometry (fixture)->model == model);
  view = g_settings_get_string (fixture->settings, "view");
  g_assert_cmpstr (view, ==, "admin");
  /* Every administrative group is drawn as a frame. */
  g_assert_cmpuint (window_geometry (fixture)->frames->len, >=,
                    extopo_model_get_admin_groups (model)->len);
}

typedef struct
{
  Fixture        *fixture;
  ExtopoGeometry *before;
  gint64          until;
} ShapeWait;

static gboolean
geometry_replaced (gpointer data)
{
  ShapeWait *relayout = data;
  ExtopoGeometry *geometry = window_geometry (relayout->fixture);

  return window_idle (relayout->fixture->window) && geometry != NULL &&
         geometry != relayout->before;
}

static gboolean
time_passed (gpointer data)
{
  ShapeWait *relayout = data;

  return g_get_monotonic_time () >= relayout->until;
}

/* Wakes the main loop at the end of a wait. */
static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_REMOVE;
}

static double
geometry_aspect (ExtopoGeometry *geometry)
{
  return geometry->bounds.width / geometry->bounds.height;
}

/* The administrative view of the sample: `dot` draws its four groups side
 * by side, and fitted to the window they were too small to read. The
 * drawing takes the window's shape, again when the window takes another,
 * unless the person has zoomed. */
static void
test_window_layout_shape (Fixture       *fixture,
                          gconstpointer  data)
{
  ExtopoGraphView *view = extopo_window_get_graph_view (fixture->window);
  ExtopoLayoutOptions wide_options = { .view = EXTOPO_VIEW_ADMIN, .aspect = 4.0 };
  g_autoptr(ExtopoGeometry) wide = NULL;
  g_autoptr(ExtopoGeometry) shaped = NULL;
  ShapeWait relayout = { fixture, NULL, 0 };
  double aspect, wide_zoom;
  int width, height;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "view",
                                  g_variant_new_string ("admin"));
  g_assert_true (spin_until (view_is_admin, fixture));
  g_assert_true (spin_until (pending_events_done, NULL));

  aspect = extopo_graph_view_get_fit_aspect (view);
  g_test_message ("view %.2f, drawing %.0f x %.0f at %.0f %%", aspect,
                  window_geometry (fixture)->bounds.width, window_geometry (fixture)->bounds.height,
                  100 * extopo_graph_view_get_zoom (view));
  g_assert_cmpfloat (aspect, >, 0);
  g_assert_cmpfloat (fabs (log (geometry_aspect (window_geometry (fixture)) / aspect)), <, log (2.0));

  /* Laid out as one row, the drawing would show much smaller. */
  wide = extopo_layout_compute (extopo_window_get_model (fixture->window), &wide_options, NULL,
                                NULL);
  g_assert_nonnull (wide);
  width = gtk_widget_get_allocated_width (GTK_WIDGET (view));
  height = gtk_widget_get_allocated_height (GTK_WIDGET (view));
  wide_zoom = MIN (width / wide->bounds.width, height / wide->bounds.height);
  g_assert_cmpfloat (extopo_graph_view_get_zoom (view), >=, 1.3 * wide_zoom);

  /* A wide, low window: the groups in a row. */
  relayout.before = extopo_geometry_ref (window_geometry (fixture));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "sidebar", NULL);
  gtk_window_resize (GTK_WINDOW (fixture->window), 1800, 450);
  g_assert_true (spin_until (geometry_replaced, &relayout));
  g_assert_true (spin_until (window_idle, fixture->window));
  aspect = extopo_graph_view_get_fit_aspect (view);
  g_test_message ("wide view %.2f, drawing %.0f x %.0f", aspect,
                  window_geometry (fixture)->bounds.width, window_geometry (fixture)->bounds.height);
  g_assert_cmpfloat (geometry_aspect (window_geometry (fixture)), >,
                     1.5 * geometry_aspect (relayout.before));
  g_assert_cmpfloat (fabs (log (geometry_aspect (window_geometry (fixture)) / aspect)), <, log (2.0));
  /* The relayout kept the view: the same groups, still fitted. */
  g_assert_cmpuint (window_geometry (fixture)->nodes->len, ==, relayout.before->nodes->len);
  g_assert_true (extopo_graph_view_get_auto_fit (view));
  g_clear_pointer (&relayout.before, extopo_geometry_unref);

  /* Zoomed in, the person's view stays whatever the window does. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "zoom-in", NULL);
  g_assert_false (extopo_graph_view_get_auto_fit (view));
  shaped = extopo_geometry_ref (window_geometry (fixture));
  gtk_window_resize (GTK_WINDOW (fixture->window), 800, 900);
  relayout.until = g_get_monotonic_time () + G_TIME_SPAN_SECOND;
  g_timeout_add (1100, wake_cb, NULL);
  g_assert_true (spin_until (time_passed, &relayout));
  g_assert_true (window_idle (fixture->window));
  g_assert_true (window_geometry (fixture) == shaped);
}

/* F9 hides and shows the sidebar, and the choice is remembered. */
static void
test_window_sidebar (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *card = extopo_window_get_server_card (fixture->window);
  GtkWidget *sidebar = gtk_widget_get_ancestor (card, GTK_TYPE_STACK);

  g_assert_nonnull (sidebar);
  sidebar = gtk_widget_get_parent (sidebar);
  g_assert_true (gtk_widget_get_visible (sidebar));

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "sidebar", NULL);
  g_assert_false (gtk_widget_get_visible (sidebar));
  g_assert_false (g_settings_get_boolean (fixture->settings, "sidebar-visible"));

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "sidebar", NULL);
  g_assert_true (gtk_widget_get_visible (sidebar));
  g_assert_true (g_settings_get_boolean (fixture->settings, "sidebar-visible"));

  /* The legend switch reaches the view. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "show-legend", NULL);
  g_assert_false (extopo_graph_view_get_show_legend (extopo_window_get_graph_view (fixture->window)));
  g_assert_false (g_settings_get_boolean (fixture->settings, "show-legend"));
}

static gboolean
match_label_set (gpointer data)
{
  const char *text = extopo_window_get_match_text (data);

  return text != NULL && *text != '\0';
}

/* A server whose name appears in no other object's name or FQDN. */
static ExtopoServer *
find_unique_server (ExtopoModel *model)
{
  GPtrArray *servers = extopo_model_get_servers (model);
  ExtopoObjectKind kinds[] = { EXTOPO_OBJECT_ADMIN_GROUP, EXTOPO_OBJECT_ROUTING_GROUP,
                               EXTOPO_OBJECT_SERVER, EXTOPO_OBJECT_CONNECTOR };

  for (guint i = 0; i < servers->len; i++)
    {
      ExtopoServer *server = g_ptr_array_index (servers, i);
      g_autofree char *needle = g_utf8_casefold (server->name, -1);
      guint hits = 0;

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          GPtrArray *objects;

          if (kinds[k] == EXTOPO_OBJECT_ADMIN_GROUP)
            objects = extopo_model_get_admin_groups (model);
          else if (kinds[k] == EXTOPO_OBJECT_ROUTING_GROUP)
            objects = extopo_model_get_routing_groups (model);
          else if (kinds[k] == EXTOPO_OBJECT_SERVER)
            objects = servers;
          else
            objects = extopo_model_get_connectors (model);

          for (guint j = 0; j < objects->len; j++)
            {
              gpointer object = g_ptr_array_index (objects, j);
              const char *object_name = extopo_model_object_get_name (kinds[k], object);
              g_autofree char *name = g_utf8_casefold (object_name, -1);
              g_autofree char *fqdn = NULL;

              if (kinds[k] == EXTOPO_OBJECT_SERVER && ((ExtopoServer *) object)->fqdn != NULL)
                fqdn = g_utf8_casefold (((ExtopoServer *) object)->fqdn, -1);
              if (strstr (name, needle) != NULL || (fqdn != NULL && strstr (fqdn, needle) != NULL))
                hits++;
            }
        }

      if (hits == 1)
        return server;
    }

  return NULL;
}

static void
test_window_search (Fixture       *fixture,
                    gconstpointer  data)
{
  ExtopoModel *model = extopo_window_get_model (fixture->window);
  ExtopoGraphView *view = extopo_window_get_graph_view (fixture->window);
  GtkWidget *entry = extopo_window_get_search_entry (fixture->window);
  ExtopoServer *server = find_unique_server (model);
  g_autofree char *upper = NULL;
  ExtopoObjectKind kind = EXTOPO_OBJECT_NONE;
  ExtopoRect visible;
  ExtopoRect box;

  g_assert_nonnull (server);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "search", NULL);
  g_assert_true (gtk_search_bar_get_search_mode (window_search_bar (fixture)));

  /* Case does not matter. */
  upper = g_utf8_strup (server->name, -1);
  gtk_entry_set_text (GTK_ENTRY (entry), upper);
  g_assert_true (spin_until (match_label_set, fixture->window));
  g_assert_cmpstr (extopo_window_get_match_text (fixture->window), ==, "1 of 1");

  /* Zoom in first so centring has something to do. */
  extopo_graph_view_zoom_reset (view);
  extopo_graph_view_zoom_in (view);
  extopo_graph_view_zoom_in (view);
  g_signal_emit_by_name (entry, "activate");

  g_assert_true (extopo_graph_view_get_selection (view, &kind) == server);
  g_assert_cmpint (kind, ==, EXTOPO_OBJECT_SERVER);
  g_assert_true (extopo_geometry_find_object (window_geometry (fixture), EXTOPO_OBJECT_SERVER,
                                              server, &box));
  extopo_graph_view_get_visible_rect (view, &visible);
  g_assert_true (extopo_rect_contains_point (&visible, box.x + box.width / 2,
                                             box.y + box.height / 2));
  g_assert_cmpstr (extopo_server_card_get_value (window_card (fixture), "Name"), ==, server->name);

  /* No match: the count says so and nothing is highlighted. */
  gtk_entry_set_text (GTK_ENTRY (entry), "no such server anywhere");
  g_assert_true (spin_until (match_label_set, fixture->window));
  while (g_strcmp0 (extopo_window_get_match_text (fixture->window), "No matches") != 0 &&
         spin_until (pending_events_done, NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpstr (extopo_window_get_match_text (fixture->window), ==, "No matches");

  /* Escape closes the search. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "escape", NULL);
  g_assert_false (gtk_search_bar_get_search_mode (window_search_bar (fixture)));
}

typedef struct
{
  ExtopoWindow *window;
  const char   *text;
} MatchText;

static gboolean
match_text_is (gpointer data)
{
  MatchText *match = data;

  return g_str_has_prefix (extopo_window_get_match_text (match->window), match->text);
}

static void
search_for (Fixture    *fixture,
            const char *query,
            const char *expected)
{
  MatchText match = { fixture->window, expected };

  gtk_entry_set_text (GTK_ENTRY (extopo_window_get_search_entry (fixture->window)), query);
  g_assert_true (spin_until (match_text_is, &match));
}

/* Field filters, accents, and a match shown where its name can be read. */
static gboolean
search_index_built (gpointer data)
{
  ExtopoModel *model = extopo_window_get_model (data);

  return model != NULL && extopo_search_index_peek_for_model (model) != NULL;
}

/* The search index is built while the diagram is laid out, before any
 * search, for each new source; the first keystroke finds it ready. */
static void
test_window_search_index_ahead (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autofree char *path = sample_path ("mixed-mode.ldif");
  ExtopoModel *first = extopo_window_get_model (fixture->window);
  ExtopoSearchIndex *index;

  g_assert_true (spin_until (search_index_built, fixture->window));
  index = extopo_search_index_peek_for_model (first);

  g_assert_true (test_ui_open_file_and_wait (fixture->window, path));
  g_assert_true (extopo_window_get_model (fixture->window) != first);
  g_assert_true (spin_until (search_index_built, fixture->window));
  g_assert_true (extopo_search_index_peek_for_model (extopo_window_get_model (fixture->window)) !=
                 index);

  /* The search uses it rather than building another. */
  index = extopo_search_index_peek_for_model (extopo_window_get_model (fixture->window));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "search", NULL);
  search_for (fixture, "version:5.5", "1 of");
  g_assert_true (extopo_search_index_peek_for_model (extopo_window_get_model (fixture->window)) ==
                 index);
}

static void
test_window_search_fields (Fixture       *fixture,
                           gconstpointer  data)
{
  ExtopoGraphView *view = extopo_window_get_graph_view (fixture->window);
  GtkWidget *entry = extopo_window_get_search_entry (fixture->window);
  ExtopoObjectKind kind = EXTOPO_OBJECT_NONE;
  ExtopoServer *server;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "search", NULL);

  search_for (fixture, "munchen", "1 of 1");
  search_for (fixture, "version:2003 sp:<2", "1 of 2");
  search_for (fixture, "version:2007 role:hub", "1 of 3");
  search_for (fixture, "colour:red", "Unknown field");
  g_assert_true (gtk_style_context_has_class (gtk_widget_get_style_context (entry),
                                              GTK_STYLE_CLASS_ERROR));

  search_for (fixture, "munchen", "1 of 1");
  extopo_graph_view_zoom_fit (view);
  extopo_graph_view_zoom_out (view);
  g_assert_cmpfloat (extopo_graph_view_get_zoom (view), <, 1.0);
  g_signal_emit_by_name (entry, "activate");
  server = extopo_graph_view_get_selection (view, &kind);
  g_assert_cmpint (kind, ==, EXTOPO_OBJECT_SERVER);
  g_assert_cmpstr (server->name, ==, "MÜNCHEN-EX1");
  g_assert_cmpfloat (extopo_graph_view_get_zoom (view), >=, 1.0);
}

static void
test_window_select_server_card (Fixture       *fixture,
                                gconstpointer  data)
{
  ExtopoModel *model = extopo_window_get_model (fixture->window);
  ExtopoGraphView *view = extopo_window_get_graph_view (fixture->window);
  ExtopoServerCard *card = window_card (fixture);
  GPtrArray *servers = extopo_model_get_servers (model);
  ExtopoServer *server = NULL;
  g_autofree char *version = NULL;
  ExtopoObjectKind kind;

  /* An Exchange 2007 server: it has an FQDN, a version and roles. */
  for (guint i = 0; i < servers->len && server == NULL; i++)
    {
      ExtopoServer *candidate = g_ptr_array_index (servers, i);

      if (candidate->fqdn != NULL && candidate->version.known && candidate->roles_known &&
          (candidate->roles & EXTOPO_ROLE_MAILBOX) != 0)
        server = candidate;
    }
  g_assert_nonnull (server);

  g_assert_null (extopo_server_card_get_value (card, "FQDN"));

  extopo_graph_view_set_selection (view, EXTOPO_OBJECT_SERVER, server);
  g_signal_emit_by_name (view, "selection-changed");

  g_assert_true (extopo_server_card_get_object (card, &kind) == server);
  g_assert_cmpint (kind, ==, EXTOPO_OBJECT_SERVER);
  g_assert_cmpstr (extopo_server_card_get_value (card, "FQDN"), ==, server->fqdn);
  version = extopo_version_to_string (&server->version);
  g_assert_cmpstr (extopo_server_card_get_value (card, "Version"), ==, version);
  g_assert_nonnull (strstr (extopo_server_card_get_value (card, "Roles"),
                            extopo_role_get_display_name (EXTOPO_ROLE_MAILBOX)));
  g_assert_cmpstr (extopo_server_card_get_value (card, "DN"), ==, server->dn);

  /* A routing group lists its servers; Escape empties the card. */
  extopo_graph_view_set_selection (view, EXTOPO_OBJECT_ROUTING_GROUP, server->routing_group);
  g_signal_emit_by_name (view, "selection-changed");
  g_assert_null (extopo_server_card_get_value (card, "FQDN"));
  g_assert_cmpstr (extopo_server_card_get_value (card, "Name"), ==, server->routing_group->name);

  /* A group's card lists its own findings and takes its status from them,
   * as the diagram's tag on the group does: Boston cannot reach Exchange
   * 2007, Seattle has nothing of its own. */
  for (guint i = 0; i < extopo_model_get_routing_groups (model)->len; i++)
    {
      ExtopoRoutingGroup *group = g_ptr_array_index (extopo_model_get_routing_groups (model), i);

      extopo_graph_view_set_selection (view, EXTOPO_OBJECT_ROUTING_GROUP, group);
      g_signal_emit_by_name (view, "selection-changed");
      g_assert_cmpuint (extopo_server_card_get_n_findings (card), ==, group->findings->len);
      g_assert_cmpint (extopo_server_card_get_status (card), ==,
                       extopo_findings_get_status (group->findings));
      if (g_str_equal (group->name, "Boston"))
        {
          g_assert_cmpuint (group->findings->len, ==, 1);
          g_assert_cmpint (extopo_server_card_get_status (card), ==, EXTOPO_STATUS_ERROR);
        }
      if (g_str_equal (group->name, "Seattle"))
        g_assert_cmpint (extopo_server_card_get_status (card), ==, EXTOPO_STATUS_OK);
    }

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "escape", NULL);
  g_assert_null (extopo_server_card_get_object (card, NULL));
  g_assert_null (extopo_graph_view_get_selection (view, NULL));
}

static const ExtopoGeoFrame *
find_frame (ExtopoGeometry *geometry,
            gpointer        object)
{
  for (guint i = 0; i < geometry->frames->len; i++)
    {
      const ExtopoGeoFrame *frame = &g_array_index (geometry->frames, ExtopoGeoFrame, i);

      if (frame->object == object)
        return frame;
    }

  return NULL;
}

typedef struct
{
  Fixture        *fixture;
  ExtopoGeometry *before;
} Relayout;

static gboolean
relaid_out (gpointer data)
{
  Relayout *relayout = data;

  return window_idle (relayout->fixture->window) &&
         window_geometry (relayout->fixture) != relayout->before;
}

static void
test_window_collapse_group (Fixture       *fixture,
                            gconstpointer  data)
{
  ExtopoModel *model = extopo_window_get_model (fixture->window);
  ExtopoGraphView *view = extopo_window_get_graph_view (fixture->window);
  GPtrArray *groups = extopo_model_get_routing_groups (model);
  ExtopoRoutingGroup *group = NULL;
  Relayout relayout = { fixture, NULL };
  const ExtopoGeoFrame *frame;

  for (guint i = 0; i < groups->len && group == NULL; i++)
    {
      ExtopoRoutingGroup *candidate = g_ptr_array_index (groups, i);

      if (candidate->servers->len > 0)
        group = candidate;
    }
  g_assert_nonnull (group);

  frame = find_frame (window_geometry (fixture), group);
  g_assert_nonnull (frame);
  g_assert_false (frame->collapsed);

  relayout.before = window_geometry (fixture);
  g_signal_emit_by_name (view, "group-activated", (guint) EXTOPO_OBJECT_ROUTING_GROUP, group);
  g_assert_true (extopo_window_is_busy (fixture->window));
  g_assert_true (spin_until (relaid_out, &relayout));

  g_assert_true (extopo_window_get_model (fixture->window) == model);
  frame = find_frame (window_geometry (fixture), group);
  g_assert_nonnull (frame);
  g_assert_true (frame->collapsed);
  g_assert_cmpuint (window_geometry (fixture)->nodes->len, <,
                    extopo_model_get_servers (model)->len);

  /* A refresh reads the file again and keeps the group collapsed. */
  {
    g_autofree char *ndn = g_strdup (group->ndn);
    ExtopoRoutingGroup *reloaded = NULL;
    GPtrArray *reloaded_groups;

    /* The old model, and @group with it, goes away with the refresh. */
    relayout.before = window_geometry (fixture);
    g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "refresh", NULL);
    g_assert_true (spin_until (relaid_out, &relayout));
    g_assert_true (extopo_window_get_model (fixture->window) != model);

    reloaded_groups = extopo_model_get_routing_groups (extopo_window_get_model (fixture->window));
    for (guint i = 0; i < reloaded_groups->len; i++)
      {
        ExtopoRoutingGroup *candidate = g_ptr_array_index (reloaded_groups, i);

        if (g_str_equal (candidate->ndn, ndn))
          reloaded = candidate;
      }
    g_assert_nonnull (reloaded);
    g_assert_true (find_frame (window_geometry (fixture), reloaded)->collapsed);
    group = reloaded;
  }

  /* A second double-click expands it again. */
  relayout.before = window_geometry (fixture);
  g_signal_emit_by_name (view, "group-activated", (guint) EXTOPO_OBJECT_ROUTING_GROUP, group);
  g_assert_true (spin_until (relaid_out, &relayout));
  g_assert_false (find_frame (window_geometry (fixture), group)->collapsed);
}


static guint
count_collapsed (ExtopoGeometry *geometry)
{
  guint n = 0;

  for (guint i = 0; i < geometry->frames->len; i++)
    n += g_array_index (geometry->frames, ExtopoGeoFrame, i).collapsed ? 1 : 0;

  return n;
}

static void
activate_and_wait (Fixture    *fixture,
                   const char *action)
{
  Relayout relayout = { fixture, window_geometry (fixture) };

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), action));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), action, NULL);
  g_assert_true (spin_until (relaid_out, &relayout));
}

static void
send_key_to (GtkWidget *widget,
             guint      keyval)
{
  GdkEvent *event = gdk_event_new (GDK_KEY_PRESS);

  event->key.window = g_object_ref (gtk_widget_get_window (widget));
  event->key.send_event = TRUE;
  event->key.keyval = keyval;
  gdk_event_set_device (event, gdk_seat_get_keyboard (
                          gdk_display_get_default_seat (gtk_widget_get_display (widget))));
  gtk_widget_event (widget, event);
  gdk_event_free (event);
}

/* Collapse all, expand all, undo and redo them; Space on a selected
 * group collapses it, undoably; Enter shows the selection's card. */
static void
test_window_collapse_all_undo (Fixture       *fixture,
                               gconstpointer  data)
{
  ExtopoGraphView *view = extopo_window_get_graph_view (fixture->window);
  GActionGroup *actions = G_ACTION_GROUP (fixture->window);
  guint frames = window_geometry (fixture)->frames->len;
  const ExtopoGeoFrame *frame;
  gpointer group;

  g_assert_cmpuint (frames, >, 2);
  g_assert_cmpuint (count_collapsed (window_geometry (fixture)), ==, 0);
  g_assert_false (g_action_group_get_action_enabled (actions, "undo"));

  activate_and_wait (fixture, "collapse-all");
  g_assert_cmpuint (count_collapsed (window_geometry (fixture)), ==, frames);
  activate_and_wait (fixture, "undo");
  g_assert_cmpuint (count_collapsed (window_geometry (fixture)), ==, 0);
  g_assert_false (g_action_group_get_action_enabled (actions, "undo"));
  activate_and_wait (fixture, "redo");
  g_assert_cmpuint (count_collapsed (window_geometry (fixture)), ==, frames);
  g_assert_false (g_action_group_get_action_enabled (actions, "redo"));
  activate_and_wait (fixture, "expand-all");
  g_assert_cmpuint (count_collapsed (window_geometry (fixture)), ==, 0);

  /* Space on a selected group, from the keyboard. */
  frame = &g_array_index (window_geometry (fixture)->frames, ExtopoGeoFrame, 0);
  group = frame->object;
  extopo_graph_view_set_selection (view, frame->kind, group);
  gtk_widget_grab_focus (GTK_WIDGET (view));
  {
    Relayout relayout = { fixture, window_geometry (fixture) };

    send_key_to (GTK_WIDGET (view), GDK_KEY_space);
    g_assert_true (spin_until (relaid_out, &relayout));
  }
  g_assert_true (find_frame (window_geometry (fixture), group)->collapsed);
  g_assert_cmpuint (count_collapsed (window_geometry (fixture)), ==, 1);
  activate_and_wait (fixture, "undo");
  g_assert_false (find_frame (window_geometry (fixture), group)->collapsed);

  /* Enter: the card of the selection, with the sidebar shown. */
  g_action_group_change_action_state (actions, "sidebar", g_variant_new_boolean (FALSE));
  extopo_graph_view_set_selection (view, frame->kind, group);
  send_key_to (GTK_WIDGET (view), GDK_KEY_Return);
  {
    g_autoptr(GVariant) state = g_action_group_get_action_state (actions, "sidebar");

    g_assert_true (g_variant_get_boolean (state));
  }

  /* A switch of view is a step too: collapse all in the administrative
   * view, then undo back to it expanded, then to the routing view. */
  g_action_group_activate_action (actions, "view", g_variant_new_string ("admin"));
  g_assert_true (spin_until (view_is_admin, fixture));
  activate_and_wait (fixture, "collapse-all");
  g_assert_cmpint (window_geometry (fixture)->view, ==, EXTOPO_VIEW_ADMIN);
  g_assert_cmpuint (count_collapsed (window_geometry (fixture)), >, 0);
  activate_and_wait (fixture, "undo");
  g_assert_cmpint (window_geometry (fixture)->view, ==, EXTOPO_VIEW_ADMIN);
  g_assert_cmpuint (count_collapsed (window_geometry (fixture)), ==, 0);
  activate_and_wait (fixture, "undo");
  g_assert_cmpint (window_geometry (fixture)->view, ==, EXTOPO_VIEW_ROUTING);
  {
    g_autoptr(GVariant) state = g_action_group_get_action_state (actions, "view");

    g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "routing");
  }
  activate_and_wait (fixture, "redo");
  g_assert_cmpint (window_geometry (fixture)->view, ==, EXTOPO_VIEW_ADMIN);
}


/* Each source is shown again as it was left: its collapsed groups, zoom
 * and centre; and the last source is what opens next time. */
static void
test_window_source_state (Fixture       *fixture,
                          gconstpointer  data)
{
  ExtopoGraphView *view = extopo_window_get_graph_view (fixture->window);
  g_autofree char *first = sample_path ("coexistence.ldif");
  g_autofree char *second = sample_path ("mixed-mode.ldif");
  const ExtopoGeoFrame *frame = &g_array_index (window_geometry (fixture)->frames,
                                                ExtopoGeoFrame, 0);
  gpointer group = frame->object;
  g_autofree char *group_name = g_strdup (frame->label);
  double cx, cy, x, y;

  /* Collapse a group, zoom and pan. */
  {
    Relayout relayout = { fixture, window_geometry (fixture) };

    g_signal_emit_by_name (view, "group-activated", (guint) frame->kind, group);
    g_assert_true (spin_until (relaid_out, &relayout));
  }
  extopo_graph_view_set_zoom_at (view, 1.5, -1, -1);
  extopo_graph_view_set_center (view, 300, 200);
  extopo_graph_view_get_center (view, &cx, &cy);

  /* Another source, then the first again. */
  extopo_window_open_file (fixture->window, second);
  g_assert_true (spin_until (window_idle_with_model, fixture->window));
  g_assert_cmpfloat (fabs (extopo_graph_view_get_zoom (view) - 1.5), >, 1e-3);
  extopo_window_open_file (fixture->window, first);
  g_assert_true (spin_until (window_idle_with_model, fixture->window));
  {
    ExtopoGeometry *geometry = window_geometry (fixture);
    gboolean found = FALSE;

    for (guint i = 0; i < geometry->frames->len; i++)
      {
        const ExtopoGeoFrame *f = &g_array_index (geometry->frames, ExtopoGeoFrame, i);

        if (g_strcmp0 (f->label, group_name) == 0)
          {
            g_assert_true (f->collapsed);
            found = TRUE;
          }
        else
          g_assert_false (f->collapsed);
      }
    g_assert_true (found);
  }
  g_assert_cmpfloat_with_epsilon (extopo_graph_view_get_zoom (view), 1.5, 1e-9);
  extopo_graph_view_get_center (view, &x, &y);
  g_assert_cmpfloat_with_epsilon (x, cx, 1e-6);
  g_assert_cmpfloat_with_epsilon (y, cy, 1e-6);

  /* The next window opens the last source shown. */
  {
    g_autoptr(ExtopoWindow) window = extopo_window_new (application);

    g_object_ref_sink (window);
    g_assert_true (extopo_window_open_last_source (window));
    g_assert_true (spin_until (window_idle_with_model, window));
    g_assert_cmpstr (extopo_window_get_source_path (window), ==, first);
    gtk_widget_destroy (GTK_WIDGET (window));
  }
}


/* Over the diagram: the zoom level, which its menu's actions change, and
 * the overview, hidden until asked for (Ctrl+M) and remembered; the
 * context menu's Show in Inventory opens the inventory. */
static gboolean
overview_allocated (gpointer data)
{
  return gtk_widget_get_allocated_width (data) > 1 && !gtk_events_pending ();
}

static void
test_window_overlays (Fixture       *fixture,
                      gconstpointer  data)
{
  GActionGroup *actions = G_ACTION_GROUP (fixture->window);
  ExtopoGraphView *view = extopo_window_get_graph_view (fixture->window);
  GtkWidget *overview = extopo_window_get_overview (fixture->window);
  ExtopoGeometry *geometry = window_geometry (fixture);
  g_autoptr(GVariant) state = NULL;

  g_action_group_activate_action (actions, "zoom-reset", NULL);
  g_assert_cmpstr (extopo_window_get_zoom_text (fixture->window), ==, "100 %");
  extopo_graph_view_set_zoom_at (view, 0.5, -1, -1);
  g_assert_cmpstr (extopo_window_get_zoom_text (fixture->window), ==, "50 %");

  g_assert_false (gtk_widget_get_visible (overview));
  g_action_group_activate_action (actions, "overview", NULL);
  g_assert_true (gtk_widget_get_visible (overview));
  g_assert_true (g_settings_get_boolean (fixture->settings, "overview-visible"));
  /* Never more than a third of the view: over the whole window, and over
   * the low view left when the inventory is shown. */
  for (guint i = 0; i < 2; i++)
    {
      ShapeWait wait = { fixture, NULL, g_get_monotonic_time () + G_TIME_SPAN_SECOND / 2 };

      g_action_group_change_action_state (actions, "inventory", g_variant_new_boolean (i == 1));
      g_timeout_add (600, wake_cb, NULL);
      g_assert_true (spin_until (time_passed, &wait));
      g_assert_true (spin_until (overview_allocated, overview));
      g_test_message ("overview %d x %d over a view of %d x %d",
                      gtk_widget_get_allocated_width (overview),
                      gtk_widget_get_allocated_height (overview),
                      gtk_widget_get_allocated_width (GTK_WIDGET (view)),
                      gtk_widget_get_allocated_height (GTK_WIDGET (view)));
      g_assert_cmpint (gtk_widget_get_allocated_width (overview), <=,
                       gtk_widget_get_allocated_width (GTK_WIDGET (view)) / 3 + 1);
      g_assert_cmpint (gtk_widget_get_allocated_height (overview), <=,
                       gtk_widget_get_allocated_height (GTK_WIDGET (view)) / 3 + 1);
      g_assert_cmpint (gtk_widget_get_allocated_width (overview), >, 20);
    }

  extopo_graph_view_set_selection (view, EXTOPO_OBJECT_SERVER,
                                   g_array_index (geometry->nodes, ExtopoGeoNode, 0).server);
  g_action_group_change_action_state (actions, "inventory", g_variant_new_boolean (FALSE));
  g_action_group_activate_action (actions, "show-in-inventory", NULL);
  state = g_action_group_get_action_state (actions, "inventory");
  g_assert_true (g_variant_get_boolean (state));
}


static gboolean
comparison_shown (gpointer data)
{
  return extopo_window_get_comparison_text (data) != NULL;
}

static gboolean
history_shown (gpointer data)
{
  return extopo_window_get_history_window (data) != NULL;
}

/* The header bar's menu button whose menu has a submenu: the main menu. */
static void
find_main_menu_cb (GtkWidget *widget,
                   gpointer   data)
{
  GtkWidget **found = data;
  GMenuModel *model;

  if (!GTK_IS_MENU_BUTTON (widget))
    return;
  model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget));
  for (int i = 0; model != NULL && i < g_menu_model_get_n_items (model); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      for (int k = 0; section != NULL && k < g_menu_model_get_n_items (section); k++)
        {
          g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (section, k,
                                                                      G_MENU_LINK_SUBMENU);

          if (submenu != NULL)
            *found = widget;
        }
    }
}

/* The paths the Compare With submenu offers, in its order. */
static GPtrArray *
compare_menu_paths (GMenuModel *main_menu)
{
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  for (int i = 0; i < g_menu_model_get_n_items (main_menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (main_menu, i,
                                                                  G_MENU_LINK_SECTION);

      for (int k = 0; section != NULL && k < g_menu_model_get_n_items (section); k++)
        {
          g_autoptr(GMenuModel) submenu = g_menu_model_get_item_link (section, k,
                                                                      G_MENU_LINK_SUBMENU);
          /* Its first section holds sections of files. */
          g_autoptr(GMenuModel) sources = submenu != NULL
                                          ? g_menu_model_get_item_link (submenu, 0,
                                                                        G_MENU_LINK_SECTION)
                                          : NULL;

          for (int p = 0; sources != NULL && p < g_menu_model_get_n_items (sources); p++)
            {
              g_autoptr(GMenuModel) part = g_menu_model_get_item_link (sources, p,
                                                                       G_MENU_LINK_SECTION);

              for (int f = 0; part != NULL && f < g_menu_model_get_n_items (part); f++)
                {
                  g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (
                    part, f, G_MENU_ATTRIBUTE_TARGET, G_VARIANT_TYPE_STRING);

                  g_assert_nonnull (target);
                  g_ptr_array_add (paths, g_variant_dup_string (target, NULL));
                }
            }
        }
    }

  return paths;
}

static gboolean
ptr_array_has_path (GPtrArray  *paths,
                    const char *path)
{
  for (guint i = 0; i < paths->len; i++)
    if (g_str_equal (g_ptr_array_index (paths, i), path))
      return TRUE;

  return FALSE;
}

/* Compare With offers the files opened lately and the History view's
 * snapshots (never the file shown), and one of them starts the comparison. */
static void
test_window_compare_menu (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *newer = g_test_build_filename (G_TEST_DIST, "compare", "upgrade.ldif", NULL);
  g_autofree char *older = g_test_build_filename (G_TEST_DIST, "compare", "before.ldif", NULL);
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "history", NULL);
  g_autofree char *march = g_build_filename (folder, "a-march.ldif", NULL);
  g_autofree char *sample = sample_path ("coexistence.ldif");
  const char *recent[] = { older, sample, NULL };
  GtkWidget *titlebar = gtk_window_get_titlebar (GTK_WINDOW (fixture->window));
  GtkWidget *button = NULL;
  g_autoptr(GPtrArray) paths = NULL;

  g_settings_set_strv (fixture->settings, "recent-sources", recent);
  g_assert_true (test_ui_open_file_and_wait (fixture->window, newer));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "history-of",
                                  g_variant_new_string (folder));
  g_assert_true (spin_until (history_shown, fixture->window));

  gtk_container_foreach (GTK_CONTAINER (titlebar), find_main_menu_cb, &button);
  g_assert_nonnull (button);
  gtk_window_present (GTK_WINDOW (fixture->window));
  gtk_button_clicked (GTK_BUTTON (button));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  paths = compare_menu_paths (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button)));

  /* Recent files first, the file shown left out, then the folder's. */
  g_assert_cmpuint (paths->len, ==, 2 + 5);
  g_assert_cmpstr (g_ptr_array_index (paths, 0), ==, older);
  g_assert_cmpstr (g_ptr_array_index (paths, 1), ==, sample);
  g_assert_false (ptr_array_has_path (paths, newer));
  g_assert_true (ptr_array_has_path (paths, march));
  gtk_button_clicked (GTK_BUTTON (button));

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "compare-with",
                                  g_variant_new_string (g_ptr_array_index (paths, 0)));
  g_assert_true (spin_until (comparison_shown, fixture->window));
  g_assert_nonnull (strstr (extopo_window_get_comparison_text (fixture->window),
                            "1 server upgraded"));
}

static guint
scene_objects_with_class (ExtopoGraphView *view,
                          const char      *class)
{
  ExtopoScene *scene = extopo_graph_view_get_scene (view);
  guint n = 0;

  for (guint i = 0; i < scene->objects->len; i++)
    {
      const ExtopoSceneObject *o = &g_array_index (scene->objects, ExtopoSceneObject, i);

      n += o->classes != NULL && strstr (o->classes, class) != NULL ? 1 : 0;
    }

  return n;
}

/* Comparison mode: the source shown compared with an older snapshot marks
 * the upgraded server on the diagram and says what changed in a bar; the
 * marks stay across a collapse; leaving goes back to the plain view, as
 * does opening another source. */
static void
test_window_comparison (Fixture       *fixture,
                        gconstpointer  data)
{
  ExtopoGraphView *view = extopo_window_get_graph_view (fixture->window);
  g_autofree char *newer = g_test_build_filename (G_TEST_DIST, "compare", "upgrade.ldif", NULL);
  g_autofree char *older = g_test_build_filename (G_TEST_DIST, "compare", "before.ldif", NULL);
  g_autofree char *sample = sample_path ("mixed-mode.ldif");
  GActionGroup *actions = G_ACTION_GROUP (fixture->window);

  extopo_window_open_file (fixture->window, newer);
  g_assert_true (spin_until (window_idle_with_model, fixture->window));
  g_assert_null (extopo_window_get_comparison_text (fixture->window));
  g_assert_false (g_action_group_get_action_enabled (actions, "leave-comparison"));

  g_action_group_activate_action (actions, "compare-with", g_variant_new_string (older));
  g_assert_true (spin_until (comparison_shown, fixture->window));
  g_assert_nonnull (strstr (extopo_window_get_comparison_text (fixture->window),
                            "1 server upgraded"));
  g_assert_cmpuint (scene_objects_with_class (view, "change-changed"), ==, 1);
  g_assert_true (g_action_group_get_action_enabled (actions, "leave-comparison"));
  /* The findings pane counts the resolved one; the card shows the upgrade. */
  g_assert_cmpstr (extopo_window_get_comparison_findings_text (fixture->window), ==,
                   "Resolved since the older snapshot (1)");

  /* A collapse keeps the comparison. */
  activate_and_wait (fixture, "collapse-all");
  g_assert_nonnull (extopo_window_get_comparison_text (fixture->window));
  activate_and_wait (fixture, "undo");
  g_assert_cmpuint (scene_objects_with_class (view, "change-changed"), ==, 1);

  g_action_group_activate_action (actions, "leave-comparison", NULL);
  g_assert_null (extopo_window_get_comparison_text (fixture->window));
  g_assert_null (extopo_window_get_comparison_findings_text (fixture->window));
  g_assert_cmpuint (scene_objects_with_class (view, " change-"), ==, 0);

  /* Back into it, then another source leaves it. */
  g_action_group_activate_action (actions, "compare-with", g_variant_new_string (older));
  g_assert_true (spin_until (comparison_shown, fixture->window));
  extopo_window_open_file (fixture->window, sample);
  g_assert_true (spin_until (window_idle_with_model, fixture->window));
  g_assert_null (extopo_window_get_comparison_text (fixture->window));
  g_assert_cmpuint (scene_objects_with_class (view, " change-"), ==, 0);
}

static gboolean
ghosts_laid_out (gpointer data)
{
  ExtopoWindow *window = data;
  ExtopoGeometry *geometry = extopo_graph_view_get_geometry (extopo_window_get_graph_view (window));

  return !extopo_window_is_busy (window) && geometry != NULL && geometry->ghosts != NULL;
}

/* Writes one of extopo-gen's two snapshots of an organization of 200
 * servers that differ in 80 of them, and returns its path. */
static char *
generate_snapshot (const char *dir,
                   gboolean    newer)
{
  const char *argv[] = { g_getenv ("EXTOPO_GEN"), "--servers=200", "--routing-groups=20",
                         "--changed=80", newer ? "--newer" : NULL, NULL };
  g_autofree char *out = NULL;
  char *path = g_build_filename (dir, newer ? "newer.ldif" : "older.ldif", NULL);

  g_assert_nonnull (argv[0]);
  out = test_util_run (argv);
  g_assert_true (g_file_set_contents (path, out, -1, NULL));

  return path;
}

static void
list_child (GtkWidget *widget,
            gpointer   data)
{
  GList **children = data;

  *children = g_list_append (*children, widget);
}

/* The shown label under @widget (internal children too, not in a hidden
 * info bar) whose text starts with @prefix, or NULL. */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *prefix)
{
  GtkLabel *found = NULL;

  if (GTK_IS_INFO_BAR (widget) && !gtk_info_bar_get_revealed (GTK_INFO_BAR (widget)))
    return NULL;
  if (GTK_IS_LABEL (widget) && gtk_widget_is_visible (widget) &&
      g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return GTK_LABEL (widget);
  if (GTK_IS_CONTAINER (widget))
    {
      g_autoptr(GList) children = NULL;

      gtk_container_forall (GTK_CONTAINER (widget), list_child,
                            &children);
      for (GList *l = children; l != NULL && found == NULL; l = l->next)
        found = find_label (l->data, prefix);
    }

  return found;
}

/* A comparison with many changes keeps the window's size: the bar names
 * the first retired servers and counts the rest, and the findings pane's
 * sections (scores of findings resolved and new) scroll within the pane
 * instead of asking the window for their height (they once made it taller
 * than the screen). */
static void
test_window_comparison_many (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *older = generate_snapshot (fixture->tmpdir, FALSE);
  g_autofree char *newer = generate_snapshot (fixture->tmpdir, TRUE);
  const char *retired;
  g_auto(GStrv) names = NULL;
  int before = 0, after = 0, natural = 0;
  guint n_resolved = 0;

  extopo_window_open_file (fixture->window, newer);
  g_assert_true (spin_until (window_idle_with_model, fixture->window));
  gtk_widget_get_preferred_height (GTK_WIDGET (fixture->window), &before, NULL);

  /* While the older snapshot is read and compared, the bar says so and
   * offers to cancel; cancelled, nothing is compared. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "compare-with",
                                  g_variant_new_string (older));
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->window), "Comparing with older.ldif…"));
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->window), "Cancel"));
  g_assert_null (extopo_window_get_comparison_text (fixture->window));
  extopo_window_compare_leave (fixture->window);
  g_assert_null (find_label (GTK_WIDGET (fixture->window), "Comparing with"));
  spin_ms (300);
  g_assert_null (extopo_window_get_comparison_text (fixture->window));

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "compare-with",
                                  g_variant_new_string (older));
  g_assert_true (spin_until (comparison_shown, fixture->window));
  g_assert_null (find_label (GTK_WIDGET (fixture->window), "Comparing with"));
  g_assert_nonnull (find_label (GTK_WIDGET (fixture->window), "Leave Comparison"));
  g_assert_nonnull (strstr (extopo_window_get_comparison_text (fixture->window),
                            "10 retired"));
  retired = extopo_window_get_comparison_retired_text (fixture->window);
  g_assert_nonnull (retired);
  g_assert_true (g_str_has_prefix (retired, "Retired: "));
  g_assert_true (g_str_has_suffix (retired, " and 4 more"));
  /* Six names, five commas between them. */
  names = g_strsplit (retired, ", ", -1);
  g_assert_cmpuint (g_strv_length (names), ==, 6);
  g_assert_cmpint (sscanf (extopo_window_get_comparison_findings_text (fixture->window),
                           "Resolved since the older snapshot (%u)", &n_resolved), ==, 1);
  g_assert_cmpuint (n_resolved, >=, 20);

  /* Laid out again with the retired servers where they were, the diagram
   * the person saw whole (fitted) is still whole. */
  g_assert_true (spin_until (ghosts_laid_out, fixture->window));
  {
    ExtopoGeometry *geometry = window_geometry (fixture);
    ExtopoRect visible;

    extopo_graph_view_get_visible_rect (extopo_window_get_graph_view (fixture->window), &visible);
    g_assert_cmpfloat (visible.x, <=, geometry->bounds.x + 1);
    g_assert_cmpfloat (visible.y, <=, geometry->bounds.y + 1);
    g_assert_cmpfloat (visible.x + visible.width, >=,
                       geometry->bounds.x + geometry->bounds.width - 1);
    g_assert_cmpfloat (visible.y + visible.height, >=,
                       geometry->bounds.y + geometry->bounds.height - 1);
  }
  gtk_widget_get_preferred_height (GTK_WIDGET (fixture->window), &after, &natural);
  g_test_message ("window's minimum height %d before, %d in the comparison (natural %d)",
                  before, after, natural);
  /* The bar's two lines, no more. */
  g_assert_cmpint (after, <, before + 120);
  g_assert_cmpint (gtk_widget_get_allocated_height (GTK_WIDGET (fixture->window)), <, 1024);
}

static gboolean
ghost_drawn (gpointer data)
{
  ExtopoWindow *window = data;

  return !extopo_window_is_busy (window) &&
         scene_objects_with_class (extopo_window_get_graph_view (window), "change-removed") > 0;
}

static gboolean
ghost_gone (gpointer data)
{
  ExtopoWindow *window = data;
  ExtopoGeometry *geometry = extopo_graph_view_get_geometry (extopo_window_get_graph_view (window));

  return !extopo_window_is_busy (window) && geometry != NULL && geometry->ghosts == NULL;
}

/* The accessible under @parent (depth first) named @name, or NULL. */
static AtkObject *
find_accessible (AtkObject  *parent,
                 const char *name)
{
  for (int i = 0; i < atk_object_get_n_accessible_children (parent); i++)
    {
      g_autoptr(AtkObject) child = atk_object_ref_accessible_child (parent, i);
      AtkObject *found;

      if (g_strcmp0 (atk_object_get_name (child), name) == 0)
        return g_steal_pointer (&child);
      found = find_accessible (child, name);
      if (found != NULL)
        return found;
    }

  return NULL;
}

/* A server removed since the older snapshot is a ghost where it was: a
 * scene object of the older model's server inside its group's frame, named
 * as retired for a screen reader; selecting it shows its older values on
 * the card, and the inventory does not list it. Leaving the comparison
 * lays the diagram out without it. */
static void
test_window_comparison_ghost (Fixture       *fixture,
                              gconstpointer  data)
{
  ExtopoGraphView *view = extopo_window_get_graph_view (fixture->window);
  g_autofree char *newer = g_test_build_filename (G_TEST_DIST, "compare", "added-removed.ldif",
                                                  NULL);
  g_autofree char *older = g_test_build_filename (G_TEST_DIST, "compare", "before.ldif", NULL);
  ExtopoServerCard *card = window_card (fixture);
  ExtopoInventory *inventory = EXTOPO_INVENTORY (extopo_window_get_inventory (fixture->window));
  const ExtopoSceneObject *ghost = NULL, *frame = NULL;
  g_autoptr(AtkObject) accessible = NULL;
  ExtopoScene *scene;
  ExtopoModel *model;

  extopo_window_open_file (fixture->window, newer);
  g_assert_true (spin_until (window_idle_with_model, fixture->window));
  g_assert_cmpuint (scene_objects_with_class (view, "change-removed"), ==, 0);
  model = extopo_graph_view_get_geometry (view)->model;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "compare-with",
                                  g_variant_new_string (older));
  g_assert_true (spin_until (ghost_drawn, fixture->window));
  scene = extopo_graph_view_get_scene (view);
  for (guint i = 0; i < scene->objects->len; i++)
    {
      const ExtopoSceneObject *o = &g_array_index (scene->objects, ExtopoSceneObject, i);

      if (g_strcmp0 (o->classes, "server change-removed") == 0)
        ghost = o;
      if (o->kind == EXTOPO_OBJECT_ROUTING_GROUP && g_strcmp0 (o->name, "Seattle") == 0)
        frame = o;
    }
  g_assert_nonnull (ghost);
  g_assert_nonnull (frame);
  g_assert_cmpstr (ghost->name, ==, "SEA-EX02");
  g_assert_cmpint (ghost->kind, ==, EXTOPO_OBJECT_SERVER);
  g_assert_nonnull (ghost->object);
  /* The older model's server, not one of the model shown. */
  g_assert_false (g_ptr_array_find (extopo_model_get_servers (model), ghost->object, NULL));
  g_assert_true (ghost->bounds.x >= frame->bounds.x && ghost->bounds.y >= frame->bounds.y &&
                 ghost->bounds.x + ghost->bounds.width <= frame->bounds.x + frame->bounds.width &&
                 ghost->bounds.y + ghost->bounds.height <= frame->bounds.y + frame->bounds.height);

  accessible = find_accessible (gtk_widget_get_accessible (GTK_WIDGET (view)),
                                "SEA-EX02, retired");
  g_assert_nonnull (accessible);
  g_assert_nonnull (strstr (atk_object_get_description (accessible),
                            "removed since the older snapshot"));

  extopo_window_select (fixture->window, EXTOPO_OBJECT_SERVER, ghost->object);
  g_assert_cmpstr (extopo_server_card_get_value (card, "Comparison"), ==,
                   "Retired: removed since the older snapshot, whose values the card shows");
  g_assert_null (extopo_inventory_get_selected_server (inventory));
  g_assert_cmpuint (gtk_tree_model_iter_n_children (
                      GTK_TREE_MODEL (extopo_inventory_get_rows (inventory)), NULL), ==,
                    extopo_model_get_servers (model)->len);

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "leave-comparison", NULL);
  g_assert_true (spin_until (ghost_gone, fixture->window));
  g_assert_cmpuint (scene_objects_with_class (view, "change-removed"), ==, 0);
  /* The ghost was selected: nothing keeps a server of the older model. */
  g_assert_null (extopo_server_card_get_object (card, NULL));
  g_assert_null (extopo_server_card_get_value (card, "Comparison"));
}



/* The History view charts a folder of snapshots in a window of its own;
 * a bad file in it is named there. */
static void
test_window_history (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "history", NULL);
  GtkWidget *window, *area;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint inked = 0;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "history-of",
                                  g_variant_new_string (folder));
  g_assert_true (spin_until (history_shown, fixture->window));
  window = extopo_window_get_history_window (fixture->window);
  g_assert_true (gtk_widget_get_visible (window));
  g_assert_true (spin_until (pending_events_done, NULL));

  /* The chart fills its area: draw it and find ink. */
  area = gtk_bin_get_child (GTK_BIN (window));
  area = GTK_WIDGET (gtk_container_get_children (GTK_CONTAINER (area))->data);
  g_assert_true (GTK_IS_DRAWING_AREA (area));
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, gtk_widget_get_allocated_width (area),
                                        gtk_widget_get_allocated_height (area));
  cr = cairo_create (surface);
  gtk_widget_draw (area, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  {
    const guint32 *pixels = (const guint32 *) (gpointer) cairo_image_surface_get_data (surface);
    int n = cairo_image_surface_get_stride (surface) / 4 * cairo_image_surface_get_height (surface);

    for (int i = 0; i < n; i++)
      inked += (pixels[i] & 0xffffff) != 0xffffff ? 1 : 0;
  }
  cairo_surface_destroy (surface);
  g_assert_cmpuint (inked, >, 1000);
}


/* Back and Forward go through the objects selected, and a new selection
 * after going back drops what was ahead. */
static void
test_window_back_forward (Fixture       *fixture,
                          gconstpointer  data)
{
  GActionGroup *actions = G_ACTION_GROUP (fixture->window);
  ExtopoGraphView *view = extopo_window_get_graph_view (fixture->window);
  ExtopoGeometry *geometry = window_geometry (fixture);
  gpointer servers[4];

  g_assert_cmpuint (geometry->nodes->len, >=, 4);
  for (guint i = 0; i < 4; i++)
    servers[i] = g_array_index (geometry->nodes, ExtopoGeoNode, i).server;
  g_assert_false (g_action_group_get_action_enabled (actions, "go-back"));

  for (guint i = 0; i < 3; i++)
    extopo_window_select (fixture->window, EXTOPO_OBJECT_SERVER, servers[i]);
  g_action_group_activate_action (actions, "go-back", NULL);
  g_assert_true (extopo_graph_view_get_selection (view, NULL) == servers[1]);
  g_action_group_activate_action (actions, "go-back", NULL);
  g_assert_true (extopo_graph_view_get_selection (view, NULL) == servers[0]);
  g_assert_false (g_action_group_get_action_enabled (actions, "go-back"));
  g_action_group_activate_action (actions, "go-forward", NULL);
  g_assert_true (extopo_graph_view_get_selection (view, NULL) == servers[1]);
  g_assert_true (g_action_group_get_action_enabled (actions, "go-forward"));

  extopo_window_select (fixture->window, EXTOPO_OBJECT_SERVER, servers[3]);
  g_assert_false (g_action_group_get_action_enabled (actions, "go-forward"));
  g_action_group_activate_action (actions, "go-back", NULL);
  g_assert_true (extopo_graph_view_get_selection (view, NULL) == servers[1]);
}

typedef struct
{
  GAsyncResult *result;
} Waiter;

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  ((Waiter *) user_data)->result = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return ((Waiter *) data)->result != NULL;
}

static gboolean
starts_with_magic (ExtopoExportFormat  format,
                   const char         *contents,
                   gsize               length)
{
  const char *start = contents;

  while (start < contents + length && g_ascii_isspace (*start))
    start++;

  switch (format)
    {
    case EXTOPO_EXPORT_SVG:
      return g_str_has_prefix (start, "<?xml") || g_str_has_prefix (start, "<svg");
    case EXTOPO_EXPORT_PDF:
      return length > 4 && memcmp (contents, "%PDF", 4) == 0;
    case EXTOPO_EXPORT_PNG:
      return length > 8 && memcmp (contents, "\x89PNG\r\n\x1a\n", 8) == 0;
    case EXTOPO_EXPORT_DOT:
      return g_str_has_prefix (start, "digraph") || g_str_has_prefix (start, "strict") ||
             g_str_has_prefix (start, "graph") || g_str_has_prefix (start, "/*") ||
             g_str_has_prefix (start, "//");
    case EXTOPO_EXPORT_JSON:
      return *start == '{' || *start == '[';
    case EXTOPO_EXPORT_CSV:
      return strchr (contents, ',') != NULL && strchr (contents, ',') < strchr (contents, '\n');
    case EXTOPO_EXPORT_HTML:
      return g_str_has_prefix (start, "<!DOCTYPE html>");
    case EXTOPO_EXPORT_VSDX:
      return length > 4 && memcmp (contents, "PK\x03\x04", 4) == 0;
    case EXTOPO_EXPORT_UNKNOWN:
    default:
      return FALSE;
    }
}

static void
test_window_export (Fixture       *fixture,
                    gconstpointer  data)
{
  ExtopoGraphView *view = extopo_window_get_graph_view (fixture->window);
  ExtopoRect visible;
  GtkWidget *dialog;

  extopo_graph_view_zoom_reset (view);
  extopo_graph_view_get_visible_rect (view, &visible);
  g_assert_cmpfloat (visible.width, >, 0);

  dialog = extopo_export_dialog_new (GTK_WINDOW (fixture->window), window_geometry (fixture),
                                     &visible, "Contoso — routing groups", TRUE);

  for (ExtopoExportFormat format = EXTOPO_EXPORT_SVG; format < EXTOPO_EXPORT_UNKNOWN; format++)
    {
      for (int visible_only = 0; visible_only <= 1; visible_only++)
        {
          g_autofree char *name = g_strdup_printf ("diagram-%s.%s",
                                                   visible_only ? "screen" : "whole",
                                                   extopo_export_format_get_extension (format));
          g_autofree char *path = g_build_filename (fixture->tmpdir, name, NULL);
          g_autofree char *contents = NULL;
          g_autoptr(GError) error = NULL;
          Waiter waiter = { NULL };
          gsize length = 0;

          extopo_export_dialog_set_format (EXTOPO_EXPORT_DIALOG (dialog), format);
          extopo_export_dialog_set_visible_only (EXTOPO_EXPORT_DIALOG (dialog), visible_only);
          extopo_export_dialog_set_path (EXTOPO_EXPORT_DIALOG (dialog), path);
          g_assert_cmpstr (extopo_export_dialog_get_path (EXTOPO_EXPORT_DIALOG (dialog)), ==, path);

          extopo_export_dialog_write_async (EXTOPO_EXPORT_DIALOG (dialog), NULL,
                                            store_result_cb, &waiter);
          g_assert_true (spin_until (has_result, &waiter));
          g_assert_true (extopo_export_dialog_write_finish (EXTOPO_EXPORT_DIALOG (dialog),
                                                            waiter.result, &error));
          g_assert_no_error (error);
          g_object_unref (waiter.result);

          g_assert_true (g_file_get_contents (path, &contents, &length, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (length, >, 0);
          if (!starts_with_magic (format, contents, length))
            g_error ("%s does not look like %s: %.40s", name,
                     extopo_export_format_get_extension (format), contents);
        }
    }

  /* A destination that cannot be written is an error, not a crash. */
  {
    g_autoptr(GError) error = NULL;
    Waiter waiter = { NULL };

    extopo_export_dialog_set_format (EXTOPO_EXPORT_DIALOG (dialog), EXTOPO_EXPORT_SVG);
    extopo_export_dialog_set_path (EXTOPO_EXPORT_DIALOG (dialog),
                                   "/nonexistent/folder/diagram.svg");
    extopo_export_dialog_write_async (EXTOPO_EXPORT_DIALOG (dialog), NULL,
                                      store_result_cb, &waiter);
    g_assert_true (spin_until (has_result, &waiter));
    g_assert_false (extopo_export_dialog_write_finish (EXTOPO_EXPORT_DIALOG (dialog),
                                                       waiter.result, &error));
    g_assert_nonnull (error);
    g_object_unref (waiter.result);
  }

  /* The format switch keeps the destination's extension right. */
  extopo_export_dialog_set_format (EXTOPO_EXPORT_DIALOG (dialog), EXTOPO_EXPORT_PDF);
  g_assert_true (g_str_has_suffix (extopo_export_dialog_get_path (EXTOPO_EXPORT_DIALOG (dialog)),
                                   ".pdf"));

  gtk_widget_destroy (dialog);
}

static gboolean
export_dialog_present (gpointer data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (EXTOPO_IS_EXPORT_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      {
        *(ExtopoExportDialog **) data = l->data;
        return TRUE;
      }

  return FALSE;
}

static ExtopoExportDialog *
open_export_dialog (Fixture *fixture)
{
  ExtopoExportDialog *dialog = NULL;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "export", NULL);
  g_assert_true (spin_until (export_dialog_present, &dialog));

  return dialog;
}

static gboolean
export_bar_revealed (gpointer data)
{
  Fixture *fixture = data;

  return extopo_window_get_export_text (fixture->window) != NULL;
}

static gboolean
export_dialog_gone (gpointer data)
{
  ExtopoExportDialog *dialog = NULL;

  return !export_dialog_present (&dialog);
}

static gboolean
file_written (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_IS_REGULAR);
}

/* While the History view is open, the window's HTML report includes the
 * progress over time; once it is closed, not. */
static void
test_window_history_report (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "history", NULL);
  g_autofree char *path = g_build_filename (fixture->tmpdir, "report.html", NULL);
  g_autofree char *contents = NULL;
  ExtopoExportDialog *dialog;

  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "history-of",
                                  g_variant_new_string (folder));
  g_assert_true (spin_until (history_shown, fixture->window));

  for (guint round = 0; round < 2; round++)
    {
      dialog = open_export_dialog (fixture);
      extopo_export_dialog_set_format (dialog, EXTOPO_EXPORT_HTML);
      extopo_export_dialog_set_path (dialog, path);
      gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
      g_assert_true (spin_until (file_written, path));
      /* The dialog goes once it has written. */
      g_assert_true (spin_until (export_dialog_gone, NULL));
      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      if (round == 0)
        {
          const char *section = strstr (contents, "<section id=\"history\">");

          g_assert_nonnull (section);
          g_assert_nonnull (strstr (section, "<h2>Progress over time</h2>"));
          g_assert_nonnull (strstr (section, "<svg"));
          g_assert_nonnull (strstr (section, "b-january.ldif"));
          gtk_widget_destroy (extopo_window_get_history_window (fixture->window));
          g_assert_null (extopo_window_get_history_window (fixture->window));
        }
      else
        {
          g_assert_null (strstr (contents, "<section id=\"history\">"));
        }
      g_clear_pointer (&contents, g_free);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
}

/* Exported from the window in comparison mode, a drawing marks what
 * changed and says since when, as `extopo --compare` draws it; the export
 * goes on well after the window has left the comparison. */
static void
test_window_comparison_export (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *newer = g_test_build_filename (G_TEST_DIST, "compare", "upgrade.ldif", NULL);
  g_autofree char *older = g_test_build_filename (G_TEST_DIST, "compare", "before.ldif", NULL);
  g_autofree char *path = g_build_filename (fixture->tmpdir, "comparison.svg", NULL);
  g_autofree char *contents = NULL;
  ExtopoExportDialog *dialog;

  g_assert_true (test_ui_open_file_and_wait (fixture->window, newer));
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "compare-with",
                                  g_variant_new_string (older));
  g_assert_true (spin_until (comparison_shown, fixture->window));

  dialog = open_export_dialog (fixture);
  extopo_export_dialog_set_format (dialog, EXTOPO_EXPORT_SVG);
  extopo_export_dialog_set_path (dialog, path);
  /* The dialog holds its own reference to the changes. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "leave-comparison", NULL);
  g_assert_null (extopo_window_get_comparison_text (fixture->window));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  g_assert_true (spin_until (file_written, path));
  g_assert_true (spin_until (export_dialog_gone, NULL));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "change-changed"));
  g_assert_nonnull (strstr (contents, "1 server upgraded"));
  g_assert_cmpint (g_unlink (path), ==, 0);
}

/* The dialog opens where the last export went, in its format, scope and,
 * for the same source, its title; the window says where the file went. */
static void
test_window_export_remembers (Fixture       *fixture,
                              gconstpointer  data)
{
  const char *keys[] = { "export-folder", "export-format", "export-visible-only",
                         "export-titles", "export-paper" };
  const char *pdfinfo[] = { "pdfinfo", NULL, NULL };
  g_autofree char *info = NULL;
  g_autofree char *path = g_build_filename (fixture->tmpdir, "plan.pdf", NULL);
  g_autofree char *folder = NULL;
  g_autofree char *format = NULL;
  g_autofree char *expected_path = NULL;
  ExtopoExportDialog *dialog;

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (fixture->settings, keys[i]);

  dialog = open_export_dialog (fixture);
  g_assert_cmpint (extopo_export_dialog_get_format (dialog), ==, EXTOPO_EXPORT_SVG);
  g_assert_false (extopo_export_dialog_get_visible_only (dialog));
  g_assert_true (g_str_has_suffix (extopo_export_dialog_get_path (dialog),
                                   G_DIR_SEPARATOR_S "coexistence-routing.svg"));
  g_assert_cmpstr (extopo_export_dialog_get_diagram_title (dialog), ==,
                   "Contoso — routing groups");

  extopo_export_dialog_set_format (dialog, EXTOPO_EXPORT_PDF);
  extopo_export_dialog_set_visible_only (dialog, TRUE);
  extopo_export_dialog_set_path (dialog, path);
  extopo_export_dialog_set_diagram_title (dialog, "Contoso, week 3");
  g_assert_cmpint (extopo_export_dialog_get_paper (dialog), ==, EXTOPO_PAPER_NONE);
  extopo_export_dialog_set_paper (dialog, EXTOPO_PAPER_A3);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  g_assert_true (spin_until (export_bar_revealed, fixture));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  /* On the paper chosen. */
  pdfinfo[1] = path;
  info = test_util_run (pdfinfo);
  g_assert_nonnull (strstr (info, "(A3)"));

  g_assert_nonnull (strstr (extopo_window_get_export_text (fixture->window), "“plan.pdf”"));

  folder = g_settings_get_string (fixture->settings, "export-folder");
  g_assert_cmpstr (folder, ==, fixture->tmpdir);
  format = g_settings_get_string (fixture->settings, "export-format");
  g_assert_cmpstr (format, ==, "pdf");

  dialog = open_export_dialog (fixture);
  expected_path = g_build_filename (fixture->tmpdir, "coexistence-routing.pdf", NULL);
  g_assert_cmpint (extopo_export_dialog_get_format (dialog), ==, EXTOPO_EXPORT_PDF);
  g_assert_true (extopo_export_dialog_get_visible_only (dialog));
  g_assert_cmpstr (extopo_export_dialog_get_path (dialog), ==, expected_path);
  g_assert_cmpstr (extopo_export_dialog_get_diagram_title (dialog), ==, "Contoso, week 3");
  g_assert_cmpint (extopo_export_dialog_get_paper (dialog), ==, EXTOPO_PAPER_A3);
  gtk_widget_destroy (GTK_WIDGET (dialog));

  /* Escape closes the bar, as it closes the error bar. */
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "escape", NULL);
  g_assert_null (extopo_window_get_export_text (fixture->window));
}

/* The dialog's pseudonym switch: the export holds none of the sample's
 * names, the window keeps showing them. */
static void
test_window_export_anonymized (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "shared.json", NULL);
  g_autofree char *json = NULL;
  ExtopoExportDialog *dialog;

  dialog = open_export_dialog (fixture);
  extopo_export_dialog_set_format (dialog, EXTOPO_EXPORT_JSON);
  extopo_export_dialog_set_path (dialog, path);
  extopo_export_dialog_set_anonymize (dialog, TRUE);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  g_assert_true (spin_until (export_bar_revealed, fixture));

  g_assert_true (g_file_get_contents (path, &json, NULL, NULL));
  g_assert_null (strstr (json, "Contoso"));
  g_assert_null (strstr (json, "SEA-EX01"));
  g_assert_nonnull (strstr (json, "\"SERVER-001\""));
  g_assert_nonnull (strstr (json, "Exchange Routing Group (DWBGZMFD01QNBJR)"));
  /* The window still shows the organization as it is. */
  g_assert_cmpstr (((ExtopoOrganization *) g_ptr_array_index (
                      extopo_model_get_organizations (extopo_window_get_model (fixture->window)),
                      0))->name, ==, "Contoso");
}

/* Printing goes through the same sheets as a PDF export: here printed to
 * a file, every server on some page. */
static void
test_window_print (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "printed.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GPtrArray *servers;

  g_assert_true (extopo_window_print_to_file (fixture->window, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  text = test_util_pdf_text (path);
  g_assert_nonnull (strstr (text, "Contoso — routing groups"));
  servers = extopo_model_get_servers (extopo_window_get_model (fixture->window));
  for (guint i = 0; i < servers->len; i++)
    if (strstr (text, ((ExtopoServer *) g_ptr_array_index (servers, i))->name) == NULL)
      g_error ("%s is on no printed page", ((ExtopoServer *) g_ptr_array_index (servers, i))->name);
}

/* Ctrl+Shift+C puts what is on screen on the clipboard as PNG and SVG. */
static void
test_window_copy_diagram (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkClipboard *clipboard = gtk_clipboard_get (GDK_SELECTION_CLIPBOARD);
  GtkSelectionData *png;
  GtkSelectionData *svg;
  const guchar *bytes;
  int length;

  gtk_clipboard_clear (clipboard);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "copy-diagram", NULL);
  g_assert_true (gtk_clipboard_wait_is_target_available (
                   clipboard, gdk_atom_intern_static_string ("image/png")));

  png = gtk_clipboard_wait_for_contents (clipboard, gdk_atom_intern_static_string ("image/png"));
  g_assert_nonnull (png);
  bytes = gtk_selection_data_get_data_with_length (png, &length);
  g_assert_cmpint (length, >, 1000);
  g_assert_cmpmem (bytes, 8, "\x89PNG\r\n\x1a\n", 8);
  gtk_selection_data_free (png);

  svg = gtk_clipboard_wait_for_contents (clipboard,
                                         gdk_atom_intern_static_string ("image/svg+xml"));
  g_assert_nonnull (svg);
  bytes = gtk_selection_data_get_data_with_length (svg, &length);
  g_assert_cmpint (length, >, 1000);
  g_assert_nonnull (g_strstr_len ((const char *) bytes, length, "<svg"));
  gtk_selection_data_free (svg);
}

static void
test_window_open_malformed (Fixture       *fixture,
                            gconstpointer  data)
{
  ExtopoModel *model = extopo_window_get_model (fixture->window);
  ExtopoGeometry *geometry = window_geometry (fixture);
  g_autofree char *path = g_build_filename (fixture->tmpdir, "broken.ldif", NULL);
  g_autoptr(GError) error = NULL;
  const char *text;

  g_file_set_contents (path,
                       "version: 1\n"
                       "\n"
                       "dn: CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=contoso,DC=com\n"
                       "objectClass: msExchConfigurationContainer\n"
                       "this line is not LDIF\n",
                       -1, &error);
  g_assert_no_error (error);

  extopo_window_open_file (fixture->window, path);
  g_assert_true (spin_until (window_idle, fixture->window));

  text = extopo_window_get_error_text (fixture->window);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, "broken.ldif"));
  g_assert_nonnull (strstr (text, "broken.ldif:5"));

  /* The previous organization stays on screen. */
  g_assert_true (extopo_window_get_model (fixture->window) == model);
  g_assert_true (window_geometry (fixture) == geometry);
}

/* The bar shows the same state as the command line and the exports: an
 * error for not ready, a plain info bar with a check only for ready. */
static void
test_window_readiness_states (Fixture       *fixture,
                              gconstpointer  data)
{
  static const struct
  {
    const char          *path;
    gboolean             sample;
    ExtopoReadinessState state;
    GtkMessageType       type;
  } cases[] = {
    { "mixed-mode.ldif", TRUE, EXTOPO_READINESS_NOT_READY, GTK_MESSAGE_ERROR },
    { "cli/ready-org.ldif", FALSE, EXTOPO_READINESS_READY, GTK_MESSAGE_INFO },
    { "real-directory.ldif", TRUE, EXTOPO_READINESS_NOT_READY, GTK_MESSAGE_ERROR },
    { "coexistence.ldif", TRUE, EXTOPO_READINESS_READY_WITH_FINDINGS, GTK_MESSAGE_WARNING },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *path = cases[c].sample
                              ? g_build_filename (g_getenv ("EXTOPO_SAMPLES_DIR"), cases[c].path,
                                                  NULL)
                              : g_test_build_filename (G_TEST_DIST, cases[c].path, NULL);
      ExtopoReadiness readiness = { 0 };

      g_assert_true (test_ui_open_file_and_wait (fixture->window, path));

      extopo_readiness_compute (extopo_window_get_model (fixture->window), &readiness);
      g_assert_cmpint (readiness.state, ==, cases[c].state);
      g_assert_cmpstr (extopo_window_get_readiness_text (fixture->window), ==, readiness.summary);
      g_assert_cmpint (extopo_window_get_readiness_type (fixture->window), ==, cases[c].type);
      extopo_readiness_clear (&readiness);
    }
}

static void
test_window_findings_activate (Fixture       *fixture,
                               gconstpointer  data)
{
  ExtopoFindingsList *list = window_findings (fixture);
  ExtopoGraphView *view = extopo_window_get_graph_view (fixture->window);
  ExtopoServerCard *card = window_card (fixture);
  ExtopoFinding *finding = NULL;
  guint index = 0;
  ExtopoObjectKind kind;

  g_assert_cmpuint (extopo_findings_list_get_n_rows (list), >, 0);

  for (guint i = 0; i < extopo_findings_list_get_n_rows (list) && finding == NULL; i++)
    {
      ExtopoFinding *candidate = extopo_findings_list_get_finding (list, i);
      ExtopoRect box;

      g_assert_nonnull (candidate);
      if (candidate->subject_kind != EXTOPO_OBJECT_ORGANIZATION &&
          extopo_geometry_find_object (window_geometry (fixture), candidate->subject_kind,
                                       candidate->subject, &box))
        {
          finding = candidate;
          index = i;
        }
    }
  g_assert_nonnull (finding);

  /* Most severe first. */
  for (guint i = 1; i < extopo_findings_list_get_n_rows (list); i++)
    g_assert_cmpint (extopo_findings_list_get_finding (list, i - 1)->severity, >=,
                     extopo_findings_list_get_finding (list, i)->severity);

  g_assert_true (extopo_findings_list_activate_row (list, index));
  g_assert_true (extopo_graph_view_get_selection (view, &kind) == finding->subject);
  g_assert_cmpint (kind, ==, finding->subject_kind);
  g_assert_true (extopo_server_card_get_object (card, NULL) == finding->subject);
}

#define ORG_DN "CN=Fabrikam,CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=fabrikam,DC=com"
#define AG_DN "CN=First Administrative Group,CN=Administrative Groups," ORG_DN
#define RG_DN "CN=First Routing Group,CN=Routing Groups," AG_DN

/* An organization of @n_servers Exchange 2003 SP1 servers: one warning each. */
static char *
write_many_servers (const char *dir,
                    guint       n_servers)
{
  g_autoptr(GString) ldif = g_string_new ("version: 1\n\n");
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "many.ldif", NULL);

  g_string_append (ldif,
                   "dn: " ORG_DN "\nobjectClass: msExchOrganizationContainer\ncn: Fabrikam\n"
                   "msExchMixedMode: FALSE\n\n"
                   "dn: " AG_DN "\nobjectClass: msExchAdminGroup\n"
                   "cn: First Administrative Group\n\n"
                   "dn: " RG_DN "\nobjectClass: msExchRoutingGroup\ncn: First Routing Group\n\n");
  for (guint i = 0; i < n_servers; i++)
    g_string_append_printf (ldif,
                            "dn: CN=FAB-%04u,CN=Servers," AG_DN "\n"
                            "objectClass: top\nobjectClass: server\n"
                            "objectClass: msExchExchangeServer\n"
                            "cn: FAB-%04u\n"
                            "serialNumber: Version 6.5 (Build 7226.6: Service Pack 1)\n"
                            "networkAddress: ncacn_ip_tcp:fab-%04u.fabrikam.com\n"
                            "msExchHomeRoutingGroup: " RG_DN "\n\n",
                            i, i, i);

  g_file_set_contents (path, ldif->str, ldif->len, &error);
  g_assert_no_error (error);

  return path;
}

static gboolean
model_has_servers (gpointer data)
{
  Fixture *fixture = data;
  ExtopoModel *model = extopo_window_get_model (fixture->window);

  return window_idle (fixture->window) && model != NULL &&
         extopo_model_get_servers (model)->len == 250;
}

/* Every finding has its row at once, however many there are; grouped by ID,
 * the servers' warnings are one row. */
static void
test_window_findings_all_rows (Fixture       *fixture,
                               gconstpointer  data)
{
  ExtopoFindingsList *list = window_findings (fixture);
  g_autofree char *path = write_many_servers (fixture->tmpdir, 250);
  ExtopoModel *model;
  GPtrArray *findings;
  ExtopoFinding *first;

  extopo_window_open_file (fixture->window, path);
  g_assert_true (spin_until (model_has_servers, fixture));
  g_assert_null (extopo_window_get_error_text (fixture->window));

  model = extopo_window_get_model (fixture->window);
  findings = extopo_model_get_findings (model);
  g_assert_cmpuint (findings->len, >=, 250);
  g_assert_cmpuint (extopo_findings_list_get_n_rows (list), ==, findings->len);
  for (guint i = 0; i < findings->len; i++)
    g_assert_nonnull (extopo_findings_list_get_finding (list, i));

  first = extopo_findings_list_get_finding (list, 0);
  extopo_findings_list_set_group_by_id (list, TRUE);
  g_assert_cmpuint (extopo_findings_list_get_n_rows (list), <, 10);
  g_assert_null (extopo_findings_list_get_finding (list, 0));
  g_assert_cmpuint (extopo_findings_count_id (model, first->id), >=, 250);
  extopo_findings_list_set_group_by_id (list, FALSE);
}

static gboolean
window_has_width (gpointer data)
{
  int width = 0;

  gtk_window_get_size (data, &width, NULL);

  return width == 1000 && !gtk_events_pending ();
}

/* The size a window had when it closed is the next window's. */
static void
test_window_remember_size (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  ExtopoWindow *window = extopo_window_new (application);
  int width = 0;
  int height = 0;

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), !=, 1000);

  gtk_widget_show (GTK_WIDGET (window));
  gtk_window_resize (GTK_WINDOW (window), 1000, 700);
  g_assert_true (spin_until (window_has_width, window));
  gtk_widget_destroy (GTK_WIDGET (window));

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);

  window = extopo_window_new (application);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);
  gtk_widget_destroy (GTK_WIDGET (window));
}

/* The application icon comes with the program (its resources), so the About
 * dialog and the windows show it run from the build tree too. */
static void
test_window_app_icon (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_default ();
  g_autoptr(GdkPixbuf) logo = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_icon_theme_has_icon (theme, APPLICATION_ID));
  logo = gtk_icon_theme_load_icon (theme, APPLICATION_ID, 128, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (logo), ==, 128);
}

/* Every accelerator of the application's table appears in the shortcuts window. */
static void
test_window_shortcuts_listed (void)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) actions = gtk_application_list_action_descriptions (application);
  guint n_accels = 0;
  GSList *objects;

  builder = gtk_builder_new_from_resource ("/io/github/extopo/ExTopo/gtk/help-overlay.ui");
  objects = gtk_builder_get_objects (builder);
  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) parts = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &accelerator, NULL);
      parts = g_strsplit (accelerator, " ", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          guint key;
          GdkModifierType mods;

          gtk_accelerator_parse (parts[i], &key, &mods);
          g_assert_cmpuint (key, !=, 0);
          g_hash_table_add (listed, gtk_accelerator_name (key, mods));
        }
    }
  g_slist_free (objects);

  g_assert_nonnull (actions);
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (application, actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          guint key;
          GdkModifierType mods;
          g_autofree char *name = NULL;

          gtk_accelerator_parse (accels[j], &key, &mods);
          name = gtk_accelerator_name (key, mods);
          if (!g_hash_table_contains (listed, name))
            g_error ("%s (%s) is not in gtk/help-overlay.ui", accels[j], actions[i]);
          n_accels++;
        }
    }
  g_assert_cmpuint (n_accels, >=, 20);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  application = test_ui_init (&argc, &argv);

#define ADD_WINDOW_TEST(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD_WINDOW_TEST ("/window/open-sample", test_window_open_sample);
  ADD_WINDOW_TEST ("/window/switch-view", test_window_switch_view);
  ADD_WINDOW_TEST ("/window/layout-shape", test_window_layout_shape);
  ADD_WINDOW_TEST ("/window/search", test_window_search);
  ADD_WINDOW_TEST ("/window/search-fields", test_window_search_fields);
  ADD_WINDOW_TEST ("/window/search-index-ahead", test_window_search_index_ahead);
  ADD_WINDOW_TEST ("/window/select-server-card", test_window_select_server_card);
  ADD_WINDOW_TEST ("/window/readiness-states", test_window_readiness_states);
  ADD_WINDOW_TEST ("/window/sidebar", test_window_sidebar);
  ADD_WINDOW_TEST ("/window/collapse-group", test_window_collapse_group);
  ADD_WINDOW_TEST ("/window/collapse-all-undo", test_window_collapse_all_undo);
  ADD_WINDOW_TEST ("/window/source-state", test_window_source_state);
  ADD_WINDOW_TEST ("/window/overlays", test_window_overlays);
  ADD_WINDOW_TEST ("/window/comparison", test_window_comparison);
  ADD_WINDOW_TEST ("/window/compare-menu", test_window_compare_menu);
  ADD_WINDOW_TEST ("/window/comparison/export", test_window_comparison_export);
  ADD_WINDOW_TEST ("/window/comparison/ghost", test_window_comparison_ghost);
  ADD_WINDOW_TEST ("/window/comparison/many", test_window_comparison_many);
  ADD_WINDOW_TEST ("/window/history/report", test_window_history_report);
  ADD_WINDOW_TEST ("/window/history", test_window_history);
  ADD_WINDOW_TEST ("/window/back-forward", test_window_back_forward);
  ADD_WINDOW_TEST ("/window/export", test_window_export);
  ADD_WINDOW_TEST ("/window/export/remembers", test_window_export_remembers);
  ADD_WINDOW_TEST ("/window/export/anonymized", test_window_export_anonymized);
  ADD_WINDOW_TEST ("/window/copy-diagram", test_window_copy_diagram);
  ADD_WINDOW_TEST ("/window/print", test_window_print);
  ADD_WINDOW_TEST ("/window/open-malformed", test_window_open_malformed);
  ADD_WINDOW_TEST ("/window/findings-activate", test_window_findings_activate);
  ADD_WINDOW_TEST ("/window/findings-all-rows", test_window_findings_all_rows);
  g_test_add_func ("/window/remember-size", test_window_remember_size);
  g_test_add_func ("/window/shortcuts-listed", test_window_shortcuts_listed);
  g_test_add_func ("/window/app-icon", test_window_app_icon);

  status = g_test_run ();

  g_object_unref (application);

  return status;
}
