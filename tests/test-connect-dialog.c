/* test-connect-dialog.c: the connect dialog built from its template: what it
 * starts with, and the line that says why Connect is disabled.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-connect-dialog"

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "extopo-connect-dialog.h"
#include "extopo-resources.h"

typedef struct
{
  ExtopoConnectDialog *dialog;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);

  /* No recent connection fills the fields in. */
  g_settings_reset (settings, "recent-connections");
  fixture->dialog = EXTOPO_CONNECT_DIALOG (extopo_connect_dialog_new (NULL));
  gtk_widget_show (GTK_WIDGET (fixture->dialog));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_widget_destroy (GTK_WIDGET (fixture->dialog));
}

static gboolean
connect_enabled (Fixture *fixture)
{
  GtkWidget *button = gtk_dialog_get_widget_for_response (GTK_DIALOG (fixture->dialog),
                                                          GTK_RESPONSE_OK);

  return gtk_widget_get_sensitive (button);
}

/* StartTLS with certificate verification: Active Directory refuses a simple
 * bind over plain LDAP. */
static void
test_defaults (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(ExtopoLdapParams) params = extopo_connect_dialog_get_params (fixture->dialog);

  g_assert_true (params->starttls);
  g_assert_true (params->verify_certificates);
  g_assert_cmpint (params->bind_method, ==, EXTOPO_LDAP_BIND_SIMPLE);
  g_assert_false (extopo_ldap_params_sends_cleartext_password (params));
}

/* Each missing piece disables Connect and is named; a bare server name is
 * reached with the chosen security. */
static void
test_disabled_reason (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(ExtopoLdapParams) params = extopo_ldap_params_new ();
  g_autoptr(ExtopoLdapParams) result = NULL;
  const char *problem;

  g_assert_false (connect_enabled (fixture));
  g_assert_cmpstr (extopo_connect_dialog_get_connect_problem (fixture->dialog), ==,
                   "Enter a server name");

  g_strfreev (params->uris);
  params->uris = g_strsplit ("dc1.contoso.com", " ", -1);
  params->starttls = TRUE;
  params->bind_method = EXTOPO_LDAP_BIND_SIMPLE;
  extopo_connect_dialog_set_params (fixture->dialog, params);
  g_assert_false (connect_enabled (fixture));
  problem = extopo_connect_dialog_get_connect_problem (fixture->dialog);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "bind DN"));
  g_assert_nonnull (strstr (problem, "Kerberos"));

  params->bind_dn = g_strdup ("admin@contoso.com");
  extopo_connect_dialog_set_params (fixture->dialog, params);
  g_assert_false (connect_enabled (fixture));
  g_assert_nonnull (strstr (extopo_connect_dialog_get_connect_problem (fixture->dialog),
                            "password"));

  params->password = g_strdup ("secret");
  extopo_connect_dialog_set_params (fixture->dialog, params);
  g_assert_true (connect_enabled (fixture));
  g_assert_null (extopo_connect_dialog_get_connect_problem (fixture->dialog));

  result = extopo_connect_dialog_get_params (fixture->dialog);
  g_assert_cmpstr (result->uris[0], ==, "ldap://dc1.contoso.com");
  g_assert_null (result->uris[1]);
  g_assert_true (result->starttls);
  g_clear_pointer (&result, extopo_ldap_params_free);

  /* Kerberos needs no user name. */
  g_clear_pointer (&params->bind_dn, g_free);
  g_clear_pointer (&params->password, g_free);
  params->bind_method = EXTOPO_LDAP_BIND_SASL;
  extopo_connect_dialog_set_params (fixture->dialog, params);
  g_assert_true (connect_enabled (fixture));

  /* Something that is neither a name nor an LDAP URI. */
  g_strfreev (params->uris);
  params->uris = g_strsplit ("http://dc1.contoso.com", " ", -1);
  extopo_connect_dialog_set_params (fixture->dialog, params);
  g_assert_false (connect_enabled (fixture));
  g_assert_nonnull (strstr (extopo_connect_dialog_get_connect_problem (fixture->dialog),
                            "ldap://"));

  /* LDAPS reaches a bare name over ldaps://. */
  g_strfreev (params->uris);
  params->uris = g_strsplit ("ldaps://dc1.contoso.com dc2.contoso.com", " ", -1);
  extopo_connect_dialog_set_params (fixture->dialog, params);
  g_assert_true (connect_enabled (fixture));
  result = extopo_connect_dialog_get_params (fixture->dialog);
  g_assert_cmpstr (result->uris[1], ==, "ldaps://dc2.contoso.com");
  g_assert_false (result->starttls);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  /* Referencing the bundle links it, and its constructor registers it. */
  g_assert (extopo_get_resource () != NULL);

  g_test_add ("/connect-dialog/defaults", Fixture, NULL,
              fixture_set_up, test_defaults, fixture_tear_down);
  g_test_add ("/connect-dialog/disabled-reason", Fixture, NULL,
              fixture_set_up, test_disabled_reason, fixture_tear_down);

  return g_test_run ();
}
