/* test-server-card.c: the details card built from its template: where a new
 * selection starts, how DNs wrap, and what a copy button says.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-server-card"

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "extopo-loader.h"
#include "extopo-resources.h"
#include "extopo-server-card.h"

#define CARD_WIDTH  360
#define CARD_HEIGHT 300
/* "Copied" shows for 1.5 s. */
#define COPIED_WAIT_MS 2500

typedef struct
{
  GtkWidget        *window;
  GtkScrolledWindow *scrolled;
  ExtopoServerCard *card;
  ExtopoModel      *model;
} Fixture;

static gboolean
laid_out (gpointer data)
{
  Fixture *fixture = data;
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (fixture->scrolled);

  return !gtk_events_pending () &&
         gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment);
}

static ExtopoServer *
find_server (ExtopoModel *model,
             const char  *name)
{
  GPtrArray *servers = extopo_model_get_servers (model);

  for (guint i = 0; i < servers->len; i++)
    if (g_str_equal (((ExtopoServer *) g_ptr_array_index (servers, i))->name, name))
      return g_ptr_array_index (servers, i);

  g_assert_not_reached ();
}

/* Runs the main loop until the card is laid out, a few thousand iterations at most. */
static void
wait_for_layout (Fixture *fixture)
{
  for (guint i = 0; i < 5000 && !laid_out (fixture); i++)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (laid_out (fixture));
}

static gboolean
quit_cb (gpointer data)
{
  g_main_loop_quit (data);

  return G_SOURCE_REMOVE;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("EXTOPO_SAMPLES_DIR"), "coexistence.ldif",
                                            NULL);

  fixture->model = extopo_loader_load_file (path, NULL, &error);
  g_assert_no_error (error);

  /* As in the window's sidebar: the card in a window that scrolls it. */
  fixture->window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  fixture->scrolled = GTK_SCROLLED_WINDOW (gtk_scrolled_window_new (NULL, NULL));
  gtk_scrolled_window_set_policy (fixture->scrolled, GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  fixture->card = EXTOPO_SERVER_CARD (extopo_server_card_new ());
  gtk_container_add (GTK_CONTAINER (fixture->scrolled), GTK_WIDGET (fixture->card));
  gtk_container_add (GTK_CONTAINER (fixture->window), GTK_WIDGET (fixture->scrolled));
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), CARD_WIDTH, CARD_HEIGHT);
  gtk_widget_show_all (fixture->window);

  extopo_server_card_set_model (fixture->card, fixture->model);
  extopo_server_card_set_object (fixture->card, EXTOPO_OBJECT_SERVER,
                                 find_server (fixture->model, "EX2007-ALL1"));
  wait_for_layout (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_widget_destroy (fixture->window);
  g_clear_object (&fixture->model);
}

typedef struct
{
  GType       type;
  const char *text;   /* a label's text, or a button's tooltip */
  GtkWidget  *found;
} Search;

static void
search_cb (GtkWidget *widget,
           gpointer   data)
{
  Search *search = data;

  if (search->found != NULL)
    return;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, search->type))
    {
      g_autofree char *tooltip = gtk_widget_get_tooltip_text (widget);
      const char *text = GTK_IS_LABEL (widget) ? gtk_label_get_text (GTK_LABEL (widget)) : tooltip;

      if (g_strcmp0 (text, search->text) == 0)
        {
          search->found = widget;
          return;
        }
    }
  if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), search_cb, search);
}

static GtkWidget *
find_widget (Fixture    *fixture,
             GType       type,
             const char *text)
{
  Search search = { type, text, NULL };

  search_cb (GTK_WIDGET (fixture->card), &search);
  g_assert_nonnull (search.found);

  return search.found;
}

/* A new selection's card starts at its top; the same object keeps its place. */
static void
test_scrolls_to_top (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (fixture->scrolled);
  ExtopoServer *server = find_server (fixture->model, "EX2007-ALL1");
  double bottom = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);

  g_assert_cmpfloat (bottom, >, 0.0);
  gtk_adjustment_set_value (adjustment, bottom);

  extopo_server_card_set_object (fixture->card, EXTOPO_OBJECT_SERVER, server);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, bottom);

  extopo_server_card_set_object (fixture->card, EXTOPO_OBJECT_SERVER,
                                 find_server (fixture->model, "DAL-EX01"));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, gtk_adjustment_get_lower (adjustment));

  gtk_adjustment_set_value (adjustment, 40.0);
  extopo_server_card_set_object (fixture->card, EXTOPO_OBJECT_ROUTING_GROUP,
                                 server->routing_group);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, gtk_adjustment_get_lower (adjustment));
}

/* A DN wraps after its commas and spaces, never inside a word, never with
 * a hyphen; the server's roles wrap too, none cut off. */
static void
test_dn_wraps_at_commas (Fixture       *fixture,
                         gconstpointer  data)
{
  ExtopoServer *server = find_server (fixture->model, "EX2007-ALL1");
  GtkWidget *label = find_widget (fixture, GTK_TYPE_LABEL, server->dn);
  GtkWidget *roles = find_widget (fixture, GTK_TYPE_LABEL,
                                  extopo_server_card_get_value (fixture->card, "Roles"));
  PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (label));
  g_autoptr(GString) shown = g_string_new (NULL);
  int n_lines = pango_layout_get_line_count (layout);

  g_assert_cmpint (n_lines, >, 2);
  for (int i = 0; i < n_lines; i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (layout, i);
      const char *end = server->dn + line->start_index + line->length;

      g_string_append_len (shown, server->dn + line->start_index, line->length);
      if (i + 1 < n_lines)
        g_assert_nonnull (strchr (", ", end[-1]));
    }
  /* What shows is the DN itself: no character was added to wrap it. */
  g_assert_cmpstr (shown->str, ==, server->dn);

  g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (roles)), ==, PANGO_ELLIPSIZE_NONE);
  g_assert_true (gtk_label_get_line_wrap (GTK_LABEL (roles)));
  for (const char *role = "Mailbox\0Client Access\0Unified Messaging\0Hub Transport\0";
       *role != '\0'; role += strlen (role) + 1)
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (roles)), role));
}

/* A copy button puts the value on the clipboard and says "Copied" for a moment. */
static void
test_copied_feedback (Fixture       *fixture,
                      gconstpointer  data)
{
  ExtopoServer *server = find_server (fixture->model, "EX2007-ALL1");
  GtkWidget *button = find_widget (fixture, GTK_TYPE_BUTTON, "Copy DN");
  GtkClipboard *clipboard = gtk_widget_get_clipboard (button, GDK_SELECTION_CLIPBOARD);
  g_autofree char *text = NULL;

  g_assert_false (extopo_server_card_get_showing_copied (fixture->card));
  gtk_button_clicked (GTK_BUTTON (button));
  g_assert_true (extopo_server_card_get_showing_copied (fixture->card));
  text = gtk_clipboard_wait_for_text (clipboard);
  g_assert_cmpstr (text, ==, server->dn);

  {
    g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

    g_timeout_add (COPIED_WAIT_MS, quit_cb, loop);
    g_main_loop_run (loop);
    g_assert_false (extopo_server_card_get_showing_copied (fixture->card));
  }

  /* A new selection takes it away at once. */
  gtk_button_clicked (GTK_BUTTON (find_widget (fixture, GTK_TYPE_BUTTON, "Copy FQDN")));
  g_assert_true (extopo_server_card_get_showing_copied (fixture->card));
  extopo_server_card_set_object (fixture->card, EXTOPO_OBJECT_NONE, NULL);
  g_assert_false (extopo_server_card_get_showing_copied (fixture->card));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  /* Referencing the bundle links it, and its constructor registers it. */
  g_assert (extopo_get_resource () != NULL);

  g_test_add ("/server-card/scrolls-to-top", Fixture, NULL,
              fixture_set_up, test_scrolls_to_top, fixture_tear_down);
  g_test_add ("/server-card/dn-wraps-at-commas", Fixture, NULL,
              fixture_set_up, test_dn_wraps_at_commas, fixture_tear_down);
  g_test_add ("/server-card/copied-feedback", Fixture, NULL,
              fixture_set_up, test_copied_feedback, fixture_tear_down);

  return g_test_run ();
}
