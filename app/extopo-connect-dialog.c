/* extopo-connect-dialog.c: asks where and how to connect to a domain controller.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-connect-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <libsecret/secret.h>

#include "extopo-connect-dialog.h"

#define MAX_RECENT_CONNECTIONS 10

struct _ExtopoConnectDialog
{
  GtkDialog     parent_instance;

  /* template children */
  GtkComboBoxText *uri_combo;
  GtkEntry        *uri_entry;
  GtkComboBoxText *security_combo;
  GtkToggleButton *verify_check;
  GtkWidget       *verify_warning;
  GtkFileChooser  *ca_chooser;
  GtkComboBoxText *bind_combo;
  GtkEntry        *user_entry;
  GtkEntry        *password_entry;
  GtkToggleButton *remember_check;
  GtkEntry        *base_entry;
  GtkWidget       *connect_button;
  GtkWidget       *reason_box;
  GtkLabel        *reason_label;

  /* owned */
  GSettings       *settings;
  GPtrArray       *recent;           /* ExtopoLdapParams*, as listed in uri_combo */
  GCancellable    *cancellable;      /* keyring look-ups */
  gboolean         updating;         /* guards the URI <-> security sync */
  gboolean         found_stored;     /* the keyring had a password for these */
  gboolean         cleartext_confirmed; /* the user let the password go out unencrypted */
};

G_DEFINE_FINAL_TYPE (ExtopoConnectDialog, extopo_connect_dialog, GTK_TYPE_DIALOG)

/* Passwords live in the Secret Service, never in GSettings. */
static const SecretSchema *
password_schema (void)
{
  static const SecretSchema schema = {
    "io.github.extopo.ExTopo.Password", SECRET_SCHEMA_NONE,
    {
      { "uri", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

static const char *
bind_method_to_id (ExtopoLdapBindMethod method)
{
  switch (method)
    {
    case EXTOPO_LDAP_BIND_SIMPLE:
      return "simple";
    case EXTOPO_LDAP_BIND_SASL:
      return "gssapi";
    case EXTOPO_LDAP_BIND_ANONYMOUS:
    default:
      return "anonymous";
    }
}

static ExtopoLdapBindMethod
bind_method_from_id (const char *id)
{
  if (g_strcmp0 (id, "simple") == 0)
    return EXTOPO_LDAP_BIND_SIMPLE;
  if (g_strcmp0 (id, "gssapi") == 0)
    return EXTOPO_LDAP_BIND_SASL;
  return EXTOPO_LDAP_BIND_ANONYMOUS;
}

/* A recent connection as one GSettings string: a GVariant dictionary of
 * everything but the password and "do not verify certificates". Turning
 * verification off is a choice made each time, with the warning in view;
 * a recent connection picked from the list always verifies. */
static char *
serialize_connection (const ExtopoLdapParams *params)
{
  g_auto(GVariantDict) dict = G_VARIANT_DICT_INIT (NULL);
  g_autoptr(GVariant) variant = NULL;

  g_variant_dict_insert_value (&dict, "uris",
                               g_variant_new_strv ((const char * const *) params->uris, -1));
  g_variant_dict_insert (&dict, "starttls", "b", params->starttls);
  g_variant_dict_insert (&dict, "bind", "s", bind_method_to_id (params->bind_method));
  if (params->ca_file != NULL)
    g_variant_dict_insert (&dict, "ca-file", "s", params->ca_file);
  if (params->bind_dn != NULL)
    g_variant_dict_insert (&dict, "user", "s", params->bind_dn);
  if (params->base_dn != NULL)
    g_variant_dict_insert (&dict, "base", "s", params->base_dn);

  variant = g_variant_ref_sink (g_variant_dict_end (&dict));

  return g_variant_print (variant, FALSE);
}

static ExtopoLdapParams *
parse_connection (const char *text)
{
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(ExtopoLdapParams) params = NULL;
  g_autoptr(GVariantDict) dict = NULL;
  const char *string;

  variant = g_variant_parse (G_VARIANT_TYPE_VARDICT, text, NULL, NULL, NULL);
  if (variant == NULL)
    return NULL;

  dict = g_variant_dict_new (variant);
  params = extopo_ldap_params_new ();
  g_strfreev (params->uris);
  params->uris = NULL;
  if (!g_variant_dict_lookup (dict, "uris", "^as", &params->uris) || params->uris[0] == NULL)
    return NULL;

  g_variant_dict_lookup (dict, "starttls", "b", &params->starttls);
  if (g_variant_dict_lookup (dict, "bind", "&s", &string))
    params->bind_method = bind_method_from_id (string);
  g_variant_dict_lookup (dict, "ca-file", "s", &params->ca_file);
  g_variant_dict_lookup (dict, "user", "s", &params->bind_dn);
  g_variant_dict_lookup (dict, "base", "s", &params->base_dn);

  return g_steal_pointer (&params);
}

static char *
uris_text (const ExtopoLdapParams *params)
{
  return params->uris != NULL ? g_strjoinv (" ", params->uris) : g_strdup ("");
}

static gboolean
uri_is_ldaps (const char *text)
{
  while (g_ascii_isspace (*text))
    text++;

  return g_ascii_strncasecmp (text, "ldaps://", strlen ("ldaps://")) == 0;
}

static gboolean
has_scheme (const char *address)
{
  return strstr (address, "://") != NULL;
}

static gboolean
is_ldap_uri (const char *address)
{
  return g_ascii_strncasecmp (address, "ldap://", strlen ("ldap://")) == 0
         || g_ascii_strncasecmp (address, "ldaps://", strlen ("ldaps://")) == 0;
}

/* A domain controller's name (or IP address, with a port): what goes
 * between ldap:// and the path. */
static gboolean
is_host_name (const char *address)
{
  for (const char *c = address; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && strchr (".-_:[]", *c) == NULL)
      return FALSE;

  return TRUE;
}

/* Why the space-separated @text names no server to connect to, or NULL
 * when every address is a name or an ldap:// or ldaps:// URI. */
static const char *
uris_problem (const char *text)
{
  g_auto(GStrv) uris = g_strsplit_set (text, " \t", -1);
  guint n = 0;

  for (guint i = 0; uris[i] != NULL; i++)
    {
      if (*uris[i] == '\0')
        continue;
      if (has_scheme (uris[i]) ? !is_ldap_uri (uris[i]) : !is_host_name (uris[i]))
        return _("Enter server names, or addresses that begin with ldap:// or ldaps://");
      n++;
    }

  return n > 0 ? NULL : _("Enter a server name");
}

/* Why Connect cannot be pressed yet, or NULL when it can. */
static const char *
connect_problem (ExtopoConnectDialog *self)
{
  const char *bind = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->bind_combo));
  const char *problem = uris_problem (gtk_entry_get_text (self->uri_entry));

  if (problem != NULL)
    return problem;
  if (g_strcmp0 (bind, "simple") != 0)
    return NULL;
  if (*gtk_entry_get_text (self->user_entry) == '\0')
    return _("Enter the bind DN or user@domain, or choose Kerberos");
  /* The LDAP source refuses an "unauthenticated bind" (a user without a password). */
  if (*gtk_entry_get_text (self->password_entry) == '\0')
    return _("Enter the password, or choose Kerberos");

  return NULL;
}

static void
update_sensitivity_cb (ExtopoConnectDialog *self)
{
  const char *bind = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->bind_combo));
  gboolean simple = g_strcmp0 (bind, "simple") == 0;
  const char *problem = connect_problem (self);

  gtk_widget_set_visible (self->verify_warning, !gtk_toggle_button_get_active (self->verify_check));
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_entry), simple);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_entry), simple);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remember_check), simple);

  /* A greyed-out Connect says why. */
  gtk_label_set_text (self->reason_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (self->reason_box, problem != NULL);
  gtk_dialog_set_response_sensitive (GTK_DIALOG (self), GTK_RESPONSE_OK, problem == NULL);
}

/* The security choice and the URI's scheme say the same thing: keep them in step. */
static void
security_changed_cb (ExtopoConnectDialog *self)
{
  const char *id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->security_combo));
  const char *text = gtk_entry_get_text (self->uri_entry);
  g_autoptr(GRegex) scheme = NULL;
  g_autofree char *rewritten = NULL;

  if (self->updating || id == NULL)
    return;

  scheme = g_regex_new ("\\bldaps?://", G_REGEX_CASELESS, 0, NULL);
  rewritten = g_regex_replace_literal (scheme, text, -1, 0,
                                       g_str_equal (id, "ldaps") ? "ldaps://" : "ldap://",
                                       0, NULL);
  if (rewritten != NULL && g_strcmp0 (rewritten, text) != 0)
    {
      self->updating = TRUE;
      gtk_entry_set_text (self->uri_entry, rewritten);
      self->updating = FALSE;
    }

  update_sensitivity_cb (self);
}

static void
sync_security_from_uri (ExtopoConnectDialog *self)
{
  const char *id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->security_combo));
  gboolean ldaps = uri_is_ldaps (gtk_entry_get_text (self->uri_entry));

  if (self->updating)
    return;

  self->updating = TRUE;
  if (ldaps)
    gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->security_combo), "ldaps");
  else if (g_strcmp0 (id, "ldaps") == 0)
    gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->security_combo), "starttls");
  self->updating = FALSE;
}

static void
password_lookup_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  ExtopoConnectDialog *self;
  char *password;

  password = secret_password_lookup_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = EXTOPO_CONNECT_DIALOG (user_data);
  if (error != NULL)
    g_debug ("no keyring: %s", error->message);

  /* Never overwrite what the user typed. */
  self->found_stored = password != NULL;
  if (password != NULL && *gtk_entry_get_text (self->password_entry) == '\0')
    {
      gtk_entry_set_text (self->password_entry, password);
      gtk_toggle_button_set_active (self->remember_check, TRUE);
    }

  secret_password_free (password);
}

void
extopo_connect_dialog_lookup_password (const ExtopoLdapParams *params,
                                       GCancellable           *cancellable,
                                       GAsyncReadyCallback     callback,
                                       gpointer                user_data)
{
  g_autofree char *uri = NULL;

  g_return_if_fail (params != NULL && params->bind_dn != NULL);

  uri = uris_text (params);
  secret_password_lookup (password_schema (), cancellable, callback, user_data,
                          "uri", uri, "user", params->bind_dn, NULL);
}

char *
extopo_connect_dialog_lookup_password_finish (GAsyncResult  *result,
                                              GError       **error)
{
  char *secret = secret_password_lookup_finish (result, error);
  char *copy = g_strdup (secret);

  secret_password_free (secret);

  return copy;
}

static void
lookup_password (ExtopoConnectDialog *self)
{
  g_autofree char *uri = g_strstrip (g_strdup (gtk_entry_get_text (self->uri_entry)));
  const char *user = gtk_entry_get_text (self->user_entry);

  self->found_stored = FALSE;
  if (*uri == '\0' || *user == '\0')
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  secret_password_lookup (password_schema (), self->cancellable, password_lookup_cb, self,
                          "uri", uri, "user", user, NULL);
}

static gboolean
user_focus_out_cb (ExtopoConnectDialog *self)
{
  lookup_password (self);

  return GDK_EVENT_PROPAGATE;
}

static void
uri_combo_changed_cb (ExtopoConnectDialog *self)
{
  int active = gtk_combo_box_get_active (GTK_COMBO_BOX (self->uri_combo));

  if (self->updating)
    return;

  /* A recent connection picked from the list fills in everything else. */
  if (active >= 0 && (guint) active < self->recent->len)
    {
      extopo_connect_dialog_set_params (self, g_ptr_array_index (self->recent, active));
      return;
    }

  sync_security_from_uri (self);
  update_sensitivity_cb (self);
}

static void
load_recent_connections (ExtopoConnectDialog *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-connections");

  for (guint i = 0; recent[i] != NULL; i++)
    {
      ExtopoLdapParams *params = parse_connection (recent[i]);
      g_autofree char *label = NULL;

      if (params == NULL)
        continue;

      label = uris_text (params);
      g_ptr_array_add (self->recent, params);
      gtk_combo_box_text_append_text (self->uri_combo, label);
    }
}

static void
save_recent_connection (ExtopoConnectDialog    *self,
                        const ExtopoLdapParams *params)
{
  g_auto(GStrv) old = g_settings_get_strv (self->settings, "recent-connections");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  g_autofree char *entry = serialize_connection (params);
  g_autofree char *uris = uris_text (params);
  guint n = 1;

  g_strv_builder_add (builder, entry);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT_CONNECTIONS; i++)
    {
      g_autoptr(ExtopoLdapParams) other = parse_connection (old[i]);
      g_autofree char *other_uris = other != NULL ? uris_text (other) : NULL;

      /* One entry per server list and user. */
      if (other == NULL
          || (g_strcmp0 (other_uris, uris) == 0 && g_strcmp0 (other->bind_dn, params->bind_dn) == 0))
        continue;

      g_strv_builder_add (builder, old[i]);
      n++;
    }

  recent = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-connections", (const char * const *) recent);
}

static void
password_store_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_warning ("Could not store the password in the keyring: %s", error->message);
}

static void
password_clear_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  secret_password_clear_finish (result, &error);
  if (error != NULL)
    g_debug ("no keyring: %s", error->message);
}

/* A simple bind over plain ldap:// sends the password as it is typed:
 * ask before it goes out. */
static gboolean
confirm_cleartext (ExtopoConnectDialog *self)
{
  GtkWidget *question;
  int answer;

  question = gtk_message_dialog_new (GTK_WINDOW (self),
                                     GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                     GTK_MESSAGE_WARNING, GTK_BUTTONS_NONE,
                                     _("Send the password unencrypted?"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (question), "%s",
                                            _("Without StartTLS or ldaps://, anyone on the "
                                              "network between this computer and the server "
                                              "can read the password. Choose StartTLS or "
                                              "LDAPS under Security if the server offers it."));
  gtk_dialog_add_buttons (GTK_DIALOG (question),
                          _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("Send _Unencrypted"), GTK_RESPONSE_ACCEPT,
                          NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (question), GTK_RESPONSE_CANCEL);
  answer = gtk_dialog_run (GTK_DIALOG (question));
  gtk_widget_destroy (question);

  self->cleartext_confirmed = answer == GTK_RESPONSE_ACCEPT;
  return self->cleartext_confirmed;
}

/* Remember what was used (and forget a password the user no longer wants kept). */
static void
dialog_response_cb (ExtopoConnectDialog *self,
                    int                  response)
{
  g_autoptr(ExtopoLdapParams) params = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *label = NULL;

  if (response != GTK_RESPONSE_OK)
    return;

  params = extopo_connect_dialog_get_params (self);
  if (extopo_ldap_params_sends_cleartext_password (params) && !confirm_cleartext (self))
    {
      /* Back to the dialog: nobody else hears of this response. */
      g_signal_stop_emission_by_name (self, "response");
      return;
    }
  save_recent_connection (self, params);

  if (params->bind_method != EXTOPO_LDAP_BIND_SIMPLE || params->bind_dn == NULL)
    return;

  uri = uris_text (params);
  if (gtk_toggle_button_get_active (self->remember_check)
      && params->password != NULL && *params->password != '\0')
    {
      /* Translators: the keyring's label for a stored password, "ExTopo: user on server" */
      label = g_strdup_printf (_("ExTopo: %s on %s"), params->bind_dn, uri);
      secret_password_store (password_schema (), SECRET_COLLECTION_DEFAULT, label,
                             params->password, NULL, password_store_cb, NULL,
                             "uri", uri, "user", params->bind_dn, NULL);
    }
  else if (self->found_stored)
    {
      secret_password_clear (password_schema (), NULL, password_clear_cb, NULL,
                             "uri", uri, "user", params->bind_dn, NULL);
    }
}

static void
extopo_connect_dialog_dispose (GObject *object)
{
  ExtopoConnectDialog *self = EXTOPO_CONNECT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->recent, g_ptr_array_unref);

  G_OBJECT_CLASS (extopo_connect_dialog_parent_class)->dispose (object);
}

static void
extopo_connect_dialog_class_init (ExtopoConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = extopo_connect_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/extopo/ExTopo/extopo-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ExtopoConnectDialog, uri_combo);
  gtk_widget_class_bind_template_child (widget_class, ExtopoConnectDialog, uri_entry);
  gtk_widget_class_bind_template_child (widget_class, ExtopoConnectDialog, security_combo);
  gtk_widget_class_bind_template_child (widget_class, ExtopoConnectDialog, verify_check);
  gtk_widget_class_bind_template_child (widget_class, ExtopoConnectDialog, verify_warning);
  gtk_widget_class_bind_template_child (widget_class, ExtopoConnectDialog, ca_chooser);
  gtk_widget_class_bind_template_child (widget_class, ExtopoConnectDialog, bind_combo);
  gtk_widget_class_bind_template_child (widget_class, ExtopoConnectDialog, user_entry);
  gtk_widget_class_bind_template_child (widget_class, ExtopoConnectDialog, password_entry);
  gtk_widget_class_bind_template_child (widget_class, ExtopoConnectDialog, remember_check);
  gtk_widget_class_bind_template_child (widget_class, ExtopoConnectDialog, base_entry);
  gtk_widget_class_bind_template_child (widget_class, ExtopoConnectDialog, connect_button);
  gtk_widget_class_bind_template_child (widget_class, ExtopoConnectDialog, reason_box);
  gtk_widget_class_bind_template_child (widget_class, ExtopoConnectDialog, reason_label);
  gtk_widget_class_bind_template_callback (widget_class, uri_combo_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, security_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_sensitivity_cb);
  gtk_widget_class_bind_template_callback (widget_class, user_focus_out_cb);
}

static void
extopo_connect_dialog_init (ExtopoConnectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APPLICATION_ID);
  self->recent = g_ptr_array_new_with_free_func ((GDestroyNotify) extopo_ldap_params_free);

  /* Connected here, so it runs before the owner's handler destroys the dialog. */
  g_signal_connect (self, "response", G_CALLBACK (dialog_response_cb), NULL);

  load_recent_connections (self);
  if (self->recent->len > 0)
    extopo_connect_dialog_set_params (self, g_ptr_array_index (self->recent, 0));

  update_sensitivity_cb (self);
}

GtkWidget *
extopo_connect_dialog_new (GtkWindow *parent)
{
  gboolean use_header_bar = FALSE;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  g_object_get (gtk_settings_get_default (), "gtk-dialogs-use-header", &use_header_bar, NULL);

  return g_object_new (EXTOPO_TYPE_CONNECT_DIALOG,
                       "transient-for", parent,
                       "use-header-bar", use_header_bar,
                       NULL);
}

void
extopo_connect_dialog_set_params (ExtopoConnectDialog    *self,
                                  const ExtopoLdapParams *params)
{
  g_autofree char *uris = NULL;
  const char *security;

  g_return_if_fail (EXTOPO_IS_CONNECT_DIALOG (self));
  g_return_if_fail (params != NULL);

  uris = uris_text (params);
  if (uri_is_ldaps (uris))
    security = "ldaps";
  else
    security = params->starttls ? "starttls" : "none";

  self->updating = TRUE;
  gtk_entry_set_text (self->uri_entry, uris);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->security_combo), security);
  self->updating = FALSE;

  gtk_toggle_button_set_active (self->verify_check, params->verify_certificates);
  if (params->ca_file != NULL && *params->ca_file != '\0')
    gtk_file_chooser_set_filename (self->ca_chooser, params->ca_file);
  else
    gtk_file_chooser_unselect_all (self->ca_chooser);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->bind_combo),
                               bind_method_to_id (params->bind_method));
  gtk_entry_set_text (self->user_entry, params->bind_dn != NULL ? params->bind_dn : "");
  gtk_entry_set_text (self->password_entry, params->password != NULL ? params->password : "");
  gtk_entry_set_text (self->base_entry, params->base_dn != NULL ? params->base_dn : "");

  if (params->password == NULL && params->bind_method == EXTOPO_LDAP_BIND_SIMPLE)
    lookup_password (self);

  update_sensitivity_cb (self);
}

static char *
entry_text_or_null (GtkEntry *entry)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_entry_get_text (entry)));

  return *text != '\0' ? g_steal_pointer (&text) : NULL;
}

const char *
extopo_connect_dialog_get_connect_problem (ExtopoConnectDialog *self)
{
  g_return_val_if_fail (EXTOPO_IS_CONNECT_DIALOG (self), NULL);

  return gtk_widget_get_visible (self->reason_box) ? gtk_label_get_text (self->reason_label)
                                                   : NULL;
}

ExtopoLdapParams *
extopo_connect_dialog_get_params (ExtopoConnectDialog *self)
{
  ExtopoLdapParams *params;
  const char *security;
  const char *password;
  g_auto(GStrv) uris = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint timeout;

  g_return_val_if_fail (EXTOPO_IS_CONNECT_DIALOG (self), NULL);

  params = extopo_ldap_params_new ();

  security = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->security_combo));
  uris = g_strsplit_set (gtk_entry_get_text (self->uri_entry), " \t", -1);
  for (guint i = 0; uris[i] != NULL; i++)
    {
      g_autofree char *uri = NULL;

      if (*uris[i] == '\0')
        continue;
      /* A bare name is reached the way Security says. */
      uri = has_scheme (uris[i]) ? g_strdup (uris[i])
            : g_strconcat (g_strcmp0 (security, "ldaps") == 0 ? "ldaps://" : "ldap://",
                           uris[i], NULL);
      g_strv_builder_add (builder, uri);
    }
  g_strfreev (params->uris);
  params->uris = g_strv_builder_end (builder);

  params->starttls = g_strcmp0 (security, "starttls") == 0;
  params->verify_certificates = gtk_toggle_button_get_active (self->verify_check);
  params->ca_file = gtk_file_chooser_get_filename (self->ca_chooser);
  params->bind_method =
    bind_method_from_id (gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->bind_combo)));

  if (params->bind_method == EXTOPO_LDAP_BIND_SIMPLE)
    {
      params->bind_dn = entry_text_or_null (self->user_entry);
      password = gtk_entry_get_text (self->password_entry);
      params->password = g_strdup (password);
    }
  else if (params->bind_method == EXTOPO_LDAP_BIND_SASL)
    {
      params->sasl_mech = g_strdup ("GSSAPI");
    }
  params->base_dn = entry_text_or_null (self->base_entry);

  params->page_size = g_settings_get_uint (self->settings, "ldap-page-size");
  params->size_limit = g_settings_get_uint (self->settings, "ldap-size-limit");
  timeout = g_settings_get_uint (self->settings, "ldap-timeout");
  params->operation_timeout = timeout;
  params->network_timeout = MIN (timeout, params->network_timeout);
  params->allow_cleartext_password = self->cleartext_confirmed;

  return params;
}
