/* extopo-application.c: the GtkApplication.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-application"

#include "config.h"

#include <glib/gi18n.h>

#include "extopo-application.h"
#include "extopo-ldap-source.h"
#include "extopo-loader.h"
#include "extopo-window.h"

struct _ExtopoApplication
{
  GtkApplication parent_instance;
};

G_DEFINE_TYPE (ExtopoApplication, extopo_application, GTK_TYPE_APPLICATION)

/* The one accelerator table; gtk/help-overlay.ui lists every entry. */
static const struct
{
  const char *action;
  const char *accels[6];
} accelerators[] = {
  { "app.open", { "<Primary>o", NULL } },
  { "app.connect", { "<Primary>l", NULL } },
  { "app.quit", { "<Primary>q", NULL } },
  { "win.show-help-overlay", { "<Primary>question", "<Primary>F1", NULL } },
  { "win.refresh", { "F5", "<Primary>r", NULL } },
  { "win.export", { "<Primary>e", NULL } },
  { "win.search", { "<Primary>f", NULL } },
  { "win.find-next", { "<Primary>g", NULL } },
  { "win.find-previous", { "<Primary><Shift>g", NULL } },
  { "win.escape", { "Escape", NULL } },
  { "win.view::routing", { "<Alt>1", NULL } },
  { "win.view::admin", { "<Alt>2", NULL } },
  { "win.show-legend", { "<Primary><Shift>l", NULL } },
  { "win.sidebar", { "F9", NULL } },
  { "win.zoom-in", { "<Primary>plus", "<Primary>equal", "<Primary>KP_Add", "plus", "KP_Add", NULL } },
  { "win.zoom-out", { "<Primary>minus", "<Primary>KP_Subtract", "minus", "KP_Subtract", NULL } },
  { "win.zoom-fit", { "<Primary>0", "<Primary>KP_0", NULL } },
  { "win.zoom-reset", { "<Primary>1", "<Primary>KP_1", NULL } },
  { "win.zoom-selection", { "<Primary>2", "<Primary>KP_2", NULL } },
};

static ExtopoWindow *
get_window (ExtopoApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (EXTOPO_IS_WINDOW (window))
    return EXTOPO_WINDOW (window);

  window = GTK_WINDOW (extopo_window_new (GTK_APPLICATION (self)));
  gtk_window_present (window);

  return EXTOPO_WINDOW (window);
}

static void
open_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  extopo_window_show_open_dialog (get_window (user_data));
}

static void
connect_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  extopo_window_show_connect_dialog (get_window (user_data), NULL);
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  g_action_group_activate_action (G_ACTION_GROUP (get_window (user_data)),
                                  "show-help-overlay", NULL);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  static const char *authors[] = { "The ExTopo developers", NULL };

  gtk_show_about_dialog (GTK_WINDOW (get_window (user_data)),
                         "program-name", _("ExTopo"),
                         "logo-icon-name", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Draws a Microsoft Exchange organization’s routing and "
                                       "administrative topology from Active Directory and "
                                       "checks whether Exchange Server 2007 can be deployed."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "copyright", "© 2026 The ExTopo developers",
                         "authors", authors,
                         /* Translators: put your names here, one per line. */
                         "translator-credits", _("translator-credits"),
                         "website", "https://github.com/extopo/extopo",
                         NULL);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (user_data));

  /* Destroying saves each window's size. */
  while (windows != NULL)
    {
      GtkWidget *window = windows->data;

      windows = windows->next;
      gtk_widget_destroy (window);
    }

  g_application_quit (G_APPLICATION (user_data));
}

static const GActionEntry app_entries[] = {
  { "open", open_action },
  { "connect", connect_action },
  { "shortcuts", shortcuts_action },
  { "about", about_action },
  { "quit", quit_action },
};

static void
extopo_application_startup (GApplication *application)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  G_APPLICATION_CLASS (extopo_application_parent_class)->startup (application);

  g_set_application_name (_("ExTopo"));
  gtk_window_set_default_icon_name (APPLICATION_ID);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_entries,
                                   G_N_ELEMENTS (app_entries), application);
  for (guint i = 0; i < G_N_ELEMENTS (accelerators); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (application),
                                           accelerators[i].action,
                                           accelerators[i].accels);

  gtk_css_provider_load_from_resource (provider, "/io/github/extopo/ExTopo/style.css");
  gtk_style_context_add_provider_for_screen (gdk_screen_get_default (),
                                             GTK_STYLE_PROVIDER (provider),
                                             GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
extopo_application_activate (GApplication *application)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_autofree char *sample = NULL;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }

  window = GTK_WINDOW (extopo_window_new (GTK_APPLICATION (application)));
  sample = extopo_loader_get_default_sample ();
  if (sample != NULL)
    extopo_window_open_file (EXTOPO_WINDOW (window), sample);
  gtk_window_present (window);
}

static gboolean
is_ldap_uri (GFile *file)
{
  g_autofree char *scheme = g_file_get_uri_scheme (file);

  return scheme != NULL && (g_ascii_strcasecmp (scheme, "ldap") == 0 ||
                            g_ascii_strcasecmp (scheme, "ldaps") == 0);
}

static void
extopo_application_open (GApplication  *application,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  for (int i = 0; i < n_files; i++)
    {
      ExtopoWindow *window = extopo_window_new (GTK_APPLICATION (application));

      if (is_ldap_uri (files[i]))
        {
          g_autoptr(ExtopoLdapParams) params = extopo_ldap_params_new ();
          g_autofree char *uri = g_file_get_uri (files[i]);
          const char *uris[] = { uri, NULL };

          /* The connect dialog asks for what a URI cannot say: TLS and credentials. */
          g_strfreev (params->uris);
          params->uris = g_strdupv ((char **) uris);
          gtk_window_present (GTK_WINDOW (window));
          extopo_window_show_connect_dialog (window, params);
        }
      else
        {
          g_autofree char *path = g_file_get_path (files[i]);

          if (path != NULL)
            extopo_window_open_file (window, path);
          gtk_window_present (GTK_WINDOW (window));
        }
    }
}

static void
extopo_application_class_init (ExtopoApplicationClass *klass)
{
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  application_class->startup = extopo_application_startup;
  application_class->activate = extopo_application_activate;
  application_class->open = extopo_application_open;
}

static void
extopo_application_init (ExtopoApplication *self)
{
}

ExtopoApplication *
extopo_application_new (void)
{
  return g_object_new (EXTOPO_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       "resource-base-path", "/io/github/extopo/ExTopo",
                       NULL);
}
