/* extopo-server-card.c: the details of the selected server, group or connector.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-server-card"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "extopo-findings.h"
#include "extopo-findings-list.h"
#include "extopo-server-card.h"

/* A card lists at most this many servers or groups; a whole administrative
 * group can hold thousands. */
#define MAX_LINKS 100
/* How long "Copied" shows after a copy button is pressed. */
#define COPIED_MS 1500
/* A value's words of at most this many characters are never broken: a DN
 * wraps after its commas, an FQDN after its dots, never inside a name. */
#define MAX_UNBROKEN_CHARS 20

struct _ExtopoServerCard
{
  GtkBox            parent_instance;

  /* template children */
  GtkStack         *stack;
  GtkImage         *status_icon;
  GtkLabel         *title_label;
  GtkLabel         *kind_label;
  GtkBox           *findings_box;
  GtkGrid          *grid;
  GtkBox           *extra_box;

  /* owned */
  GtkWidget        *copied_popover;  /* "Copied", by the button pressed */
  guint             copied_timeout;
  GHashTable       *values;        /* row label -> shown value */
  ExtopoModel      *model;         /* for an organization's readiness */
  ExtopoStatus      status;        /* shown by the status icon */
  guint             n_findings;    /* listed on the card */

  /* borrowed */
  ExtopoObjectKind  kind;
  gpointer          object;
  guint             n_rows;
  const ExtopoChangeSet *changes;  /* a comparison shown, or NULL */
};

G_DEFINE_TYPE (ExtopoServerCard, extopo_server_card, GTK_TYPE_BOX)

enum
{
  OBJECT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
hide_copied_cb (gpointer user_data)
{
  ExtopoServerCard *self = user_data;

  self->copied_timeout = 0;
  gtk_popover_popdown (GTK_POPOVER (self->copied_popover));

  return G_SOURCE_REMOVE;
}

static void
hide_copied (ExtopoServerCard *self)
{
  g_clear_handle_id (&self->copied_timeout, g_source_remove);
  gtk_widget_hide (self->copied_popover);
}

/* A copy leaves no trace on screen by itself: say "Copied" by the button. */
static void
copy_button_clicked_cb (GtkButton        *button,
                        ExtopoServerCard *self)
{
  const char *value = g_object_get_data (G_OBJECT (button), "extopo-value");
  GtkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (button),
                                                      GDK_SELECTION_CLIPBOARD);
  GdkRectangle area = { 0, 0, gtk_widget_get_allocated_width (GTK_WIDGET (button)),
                        gtk_widget_get_allocated_height (GTK_WIDGET (button)) };

  gtk_clipboard_set_text (clipboard, value, -1);

  hide_copied (self);
  if (gtk_widget_translate_coordinates (GTK_WIDGET (button), GTK_WIDGET (self), 0, 0,
                                        &area.x, &area.y))
    gtk_popover_set_pointing_to (GTK_POPOVER (self->copied_popover), &area);
  gtk_widget_show (self->copied_popover);
  self->copied_timeout = g_timeout_add (COPIED_MS, hide_copied_cb, self);
}

/* Lets the value wrap only at a separator (comma, space, dot, slash, semicolon,
 * newline), unless a word is too long for that, and never with a hyphen.
 * Each word gets its own "no breaks" range that leaves the separator out:
 * GtkLabel merges adjacent equal ranges into one, which would forbid every
 * break. */
static void
set_break_points (GtkLabel   *label,
                  const char *value)
{
  PangoAttrList *attrs = pango_attr_list_new ();
  PangoAttribute *attr = pango_attr_insert_hyphens_new (FALSE);
  const char *start = value;

  pango_attr_list_insert (attrs, attr);

  while (*start != '\0')
    {
      const char *end = start + strcspn (start, ",;./ \n");

      if (end - start > 1 && g_utf8_strlen (start, end - start) <= MAX_UNBROKEN_CHARS)
        {
          attr = pango_attr_allow_breaks_new (FALSE);
          attr->start_index = start - value;
          attr->end_index = end - value;
          pango_attr_list_insert (attrs, attr);
        }
      start = *end != '\0' ? end + 1 : end;
    }

  gtk_label_set_line_wrap_mode (label, PANGO_WRAP_CHAR);
  gtk_label_set_attributes (label, attrs);
  pango_attr_list_unref (attrs);
}

/* One "label: value [copy]" row of the grid; empty values are skipped so
 * the card only lists what the directory says. */
static void
add_row (ExtopoServerCard *self,
         const char       *label,
         const char       *value)
{
  GtkWidget *name_label;
  GtkWidget *value_label;
  GtkWidget *copy_button;

  if (value == NULL || *value == '\0')
    return;

  name_label = gtk_label_new (label);
  gtk_label_set_xalign (GTK_LABEL (name_label), 1.0);
  gtk_label_set_yalign (GTK_LABEL (name_label), 0.0);
  gtk_label_set_justify (GTK_LABEL (name_label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_line_wrap (GTK_LABEL (name_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (name_label), 12);
  gtk_style_context_add_class (gtk_widget_get_style_context (name_label), "dim-label");

  value_label = gtk_label_new (value);
  gtk_label_set_xalign (GTK_LABEL (value_label), 0.0);
  gtk_label_set_line_wrap (GTK_LABEL (value_label), TRUE);
  set_break_points (GTK_LABEL (value_label), value);
  gtk_label_set_selectable (GTK_LABEL (value_label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (value_label), 30);
  gtk_widget_set_hexpand (value_label, TRUE);

  copy_button = gtk_button_new_from_icon_name ("edit-copy-symbolic", GTK_ICON_SIZE_BUTTON);
  gtk_button_set_relief (GTK_BUTTON (copy_button), GTK_RELIEF_NONE);
  gtk_widget_set_valign (copy_button, GTK_ALIGN_START);
  /* Translators: tooltip of the button next to a value; %s is the row's label. */
  g_autofree char *tooltip = g_strdup_printf (_("Copy %s"), label);
  gtk_widget_set_tooltip_text (copy_button, tooltip);
  g_object_set_data_full (G_OBJECT (copy_button), "extopo-value", g_strdup (value), g_free);
  g_signal_connect (copy_button, "clicked", G_CALLBACK (copy_button_clicked_cb), self);

  gtk_grid_attach (self->grid, name_label, 0, self->n_rows, 1, 1);
  gtk_grid_attach (self->grid, value_label, 1, self->n_rows, 1, 1);
  gtk_grid_attach (self->grid, copy_button, 2, self->n_rows, 1, 1);
  gtk_widget_show_all (name_label);
  gtk_widget_show_all (value_label);
  gtk_widget_show_all (copy_button);
  self->n_rows++;

  g_hash_table_replace (self->values, g_strdup (label), g_strdup (value));
}

static void
add_row_uint (ExtopoServerCard *self,
              const char       *label,
              guint             value)
{
  g_autofree char *text = g_strdup_printf ("%u", value);

  add_row (self, label, text);
}

static GtkWidget *
add_section_to (GtkBox     *container,
                const char *title)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *heading = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (heading), 0.0);
  gtk_style_context_add_class (gtk_widget_get_style_context (heading), "extopo-card-heading");
  gtk_container_add (GTK_CONTAINER (box), heading);
  gtk_container_add (GTK_CONTAINER (container), box);
  gtk_widget_show_all (box);

  return box;
}

static GtkWidget *
add_section (ExtopoServerCard *self,
             const char       *title)
{
  return add_section_to (self->extra_box, title);
}

static void
link_button_clicked_cb (GtkButton        *button,
                        ExtopoServerCard *self)
{
  guint kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "extopo-kind"));
  gpointer object = g_object_get_data (G_OBJECT (button), "extopo-object");

  g_signal_emit (self, signals[OBJECT_ACTIVATED], 0, kind, object);
}

/* A clickable name in a section: selects that object in the diagram. */
static void
add_link (ExtopoServerCard *self,
          GtkWidget        *section,
          ExtopoObjectKind  kind,
          gpointer          object,
          const char       *text)
{
  GtkWidget *button = gtk_button_new_with_label (text);
  GtkWidget *label = gtk_bin_get_child (GTK_BIN (button));

  gtk_button_set_relief (GTK_BUTTON (button), GTK_RELIEF_NONE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_style_context_add_class (gtk_widget_get_style_context (button), "extopo-card-link");
  g_object_set_data (G_OBJECT (button), "extopo-kind", GUINT_TO_POINTER (kind));
  g_object_set_data (G_OBJECT (button), "extopo-object", object);
  g_signal_connect (button, "clicked", G_CALLBACK (link_button_clicked_cb), self);
  gtk_container_add (GTK_CONTAINER (section), button);
  gtk_widget_show_all (button);
}

static void
add_findings (ExtopoServerCard *self,
              GPtrArray        *findings)
{
  GtkWidget *section;

  if (findings == NULL || findings->len == 0)
    return;

  section = add_section_to (self->findings_box, _("Findings"));
  self->n_findings += findings->len;

  for (guint i = 0; i < findings->len; i++)
    {
      ExtopoFinding *finding = g_ptr_array_index (findings, i);
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      const char *icon_name = extopo_severity_get_icon_name (finding->severity);
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name, GTK_ICON_SIZE_BUTTON);
      GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *message = gtk_label_new (finding->message);

      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_style_context_add_class (gtk_widget_get_style_context (icon),
                                   extopo_severity_to_string (finding->severity));
      gtk_label_set_xalign (GTK_LABEL (message), 0.0);
      gtk_label_set_line_wrap (GTK_LABEL (message), TRUE);
      gtk_label_set_selectable (GTK_LABEL (message), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (message), 30);

      gtk_container_add (GTK_CONTAINER (texts), message);
      if (finding->remedy != NULL && *finding->remedy != '\0')
        {
          GtkWidget *remedy = gtk_label_new (finding->remedy);

          gtk_label_set_xalign (GTK_LABEL (remedy), 0.0);
          gtk_label_set_line_wrap (GTK_LABEL (remedy), TRUE);
          gtk_label_set_selectable (GTK_LABEL (remedy), TRUE);
          gtk_label_set_max_width_chars (GTK_LABEL (remedy), 30);
          gtk_style_context_add_class (gtk_widget_get_style_context (remedy), "dim-label");
          gtk_container_add (GTK_CONTAINER (texts), remedy);
        }
      gtk_container_add (GTK_CONTAINER (row), icon);
      gtk_box_pack_start (GTK_BOX (row), texts, TRUE, TRUE, 0);
      gtk_container_add (GTK_CONTAINER (section), row);
      gtk_widget_show_all (row);
    }
}

static void
add_more_label (GtkWidget *section,
                guint      n_shown,
                guint      n_total)
{
  g_autofree char *text = NULL;
  GtkWidget *label;

  if (n_shown >= n_total)
    return;

  /* Translators: after a cut-off list of names on the details card. */
  text = g_strdup_printf (ngettext ("…and %u more", "…and %u more", n_total - n_shown),
                          n_total - n_shown);
  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_style_context_add_class (gtk_widget_get_style_context (label), "dim-label");
  gtk_container_add (GTK_CONTAINER (section), label);
  gtk_widget_show (label);
}

static const char *
status_display_name (ExtopoStatus status)
{
  switch (status)
    {
    case EXTOPO_STATUS_OK:
      return _("Ready for coexistence");
    case EXTOPO_STATUS_WARNING:
      return _("Needs attention");
    case EXTOPO_STATUS_ERROR:
      return _("Blocks Exchange 2007");
    case EXTOPO_STATUS_UNSUPPORTED:
    default:
      return _("Cannot coexist with Exchange 2007");
    }
}

const char *
extopo_status_get_icon_name (ExtopoStatus status)
{
  switch (status)
    {
    case EXTOPO_STATUS_OK:
      return "emblem-ok-symbolic";
    case EXTOPO_STATUS_WARNING:
      return "dialog-warning-symbolic";
    case EXTOPO_STATUS_ERROR:
      return "dialog-error-symbolic";
    case EXTOPO_STATUS_UNSUPPORTED:
    default:
      return "action-unavailable-symbolic";
    }
}

static void
set_status (ExtopoServerCard *self,
            ExtopoStatus      status)
{
  static const char * const classes[] = { "ok", "warning", "error", "unsupported" };
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self->status_icon));

  self->status = status;
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_style_context_remove_class (context, classes[i]);
  gtk_style_context_add_class (context, extopo_status_to_string (status));
  gtk_image_set_from_icon_name (self->status_icon, extopo_status_get_icon_name (status),
                                GTK_ICON_SIZE_LARGE_TOOLBAR);
}

static char *
describe_service_pack (const ExtopoVersion *version)
{
  if (!version->known || version->service_pack < 0)
    return NULL;
  if (version->service_pack == 0)
    /* Translators: release to manufacturing, the first release without a service pack. */
    return g_strdup (_("RTM (none)"));
  /* Translators: a service pack number. */
  return g_strdup_printf (_("Service Pack %d"), version->service_pack);
}

static char *
describe_roles (const ExtopoServer *server)
{
  GString *text = g_string_new (NULL);

  if (server->roles_known)
    {
      g_autofree char *names = extopo_roles_to_display_text (server->roles,
                                                             server->version.product);

      g_string_append (text, *names != '\0' ? names : _("None"));
    }
  else if (server->server_role == 1)
    g_string_append (text, _("Front-end server"));
  else if (server->server_role == 0)
    g_string_append (text, _("Back-end server"));

  return g_string_free (text, FALSE);
}

static void
show_server (ExtopoServerCard *self,
             ExtopoServer     *server)
{
  g_autofree char *version = extopo_version_to_string (&server->version);
  g_autofree char *service_pack = describe_service_pack (&server->version);
  g_autofree char *roles = describe_roles (server);
  g_autofree char *build = NULL;
  g_autofree char *routing_group = NULL;

  gtk_label_set_text (self->kind_label, _("Exchange server"));
  set_status (self, server->status);

  if (server->version.known)
    build = server->version.revision > 0
            ? g_strdup_printf ("%u.%u", server->version.build, server->version.revision)
            : g_strdup_printf ("%u", server->version.build);

  if (server->routing_group != NULL && server->routing_group_by_backlink)
    /* Translators: a routing group name, then where the membership was read. */
    routing_group = g_strdup_printf (_("%s (from the group's member list)"),
                                     server->routing_group->name);
  else if (server->routing_group != NULL && server->routing_group_by_fallback)
    /* Translators: a routing group name, then why the server is in it. */
    routing_group = g_strdup_printf (_("%s (Exchange 2007 default)"), server->routing_group->name);
  else if (server->routing_group != NULL)
    routing_group = g_strdup (server->routing_group->name);
  else if (server->home_routing_group_dn != NULL)
    /* Translators: %s is the distinguished name the server points at. */
    routing_group = g_strdup_printf (_("Missing: %s"), server->home_routing_group_dn);
  else
    routing_group = g_strdup (_("Unknown"));

  /* What needs doing comes before the attributes. */
  add_findings (self, server->findings);

  add_row (self, _("Name"), server->name);
  add_row (self, _("FQDN"), server->fqdn);
  add_row (self, _("Product"), extopo_product_get_name (server->version.product));
  add_row (self, _("Version"), version);
  add_row (self, _("Build"), build);
  add_row (self, _("Service pack"), service_pack);
  add_row (self, _("Roles"), roles);
  add_row (self, _("Administrative group"),
           server->admin_group != NULL ? server->admin_group->name : NULL);
  add_row (self, _("Routing group"), routing_group);
  add_row (self, _("AD site"), server->site_name);
  add_row (self, _("Cluster"), server->cluster == EXTOPO_CLUSTER_CCR
                                 ? _("Cluster continuous replication (CCR)")
                                 : server->cluster == EXTOPO_CLUSTER_SCC
                                 ? _("Single copy cluster (SCC)") : NULL);
  if (server->roles_known && (server->roles & EXTOPO_ROLE_EDGE_TRANSPORT) != 0)
    add_row (self, _("Edge subscription"),
             server->edge_subscribed ? _("Subscribed (EdgeSync)") : _("No subscription found"));
  if (server->provisioned)
    add_row (self, _("Provisioned"),
             _("Yes: a placeholder made with New-ExchangeServer -Provisioned; Exchange is not "
               "installed yet"));
  add_row (self, _("Managed with"), extopo_management_get_name (server->management));
  add_row (self, _("Status"), status_display_name (server->status));
  add_row (self, _("Serial number"), server->serial_number);
  add_row (self, _("Legacy DN"), server->legacy_dn);
  add_row (self, _("DN"), server->dn);

  if (server->routing_group != NULL || server->admin_group != NULL)
    {
      GtkWidget *section = add_section (self, _("Groups"));

      if (server->routing_group != NULL)
        add_link (self, section, EXTOPO_OBJECT_ROUTING_GROUP, server->routing_group,
                  server->routing_group->name);
      if (server->admin_group != NULL)
        add_link (self, section, EXTOPO_OBJECT_ADMIN_GROUP, server->admin_group,
                  server->admin_group->name);
    }
}

static void
add_server_links (ExtopoServerCard *self,
                  GPtrArray        *servers)
{
  GtkWidget *section;
  g_autofree char *title = NULL;

  if (servers == NULL || servers->len == 0)
    return;

  title = g_strdup_printf (ngettext ("%u server", "%u servers", servers->len), servers->len);
  section = add_section (self, title);
  for (guint i = 0; i < servers->len && i < MAX_LINKS; i++)
    {
      ExtopoServer *server = g_ptr_array_index (servers, i);

      add_link (self, section, EXTOPO_OBJECT_SERVER, server, server->name);
    }
  add_more_label (section, MIN (servers->len, MAX_LINKS), servers->len);
}

/* Servers whose status is not ok, for a group's card. */
static guint
count_servers_with_problems (GPtrArray *servers)
{
  guint n = 0;

  for (guint i = 0; i < servers->len; i++)
    if (((ExtopoServer *) g_ptr_array_index (servers, i))->status != EXTOPO_STATUS_OK)
      n++;

  return n;
}

/* A group's status is that of its own findings, as the diagram's tag on
 * the group counts them; its servers' problems are on their own cards. */
static void
show_routing_group (ExtopoServerCard   *self,
                    ExtopoRoutingGroup *group)
{
  gtk_label_set_text (self->kind_label, group->interop
                                        ? _("Exchange 2007 routing group")
                                        : _("Routing group"));
  set_status (self, extopo_findings_get_status (group->findings));
  add_findings (self, group->findings);

  add_row (self, _("Name"), group->name);
  add_row (self, _("Administrative group"),
           group->admin_group != NULL ? group->admin_group->name : NULL);
  add_row (self, _("Routing group master"),
           group->master != NULL ? group->master->name : group->master_dn);
  add_row_uint (self, _("Servers"), group->servers->len);
  add_row_uint (self, _("Servers with findings"), count_servers_with_problems (group->servers));
  add_row_uint (self, _("Connectors"), group->connectors->len);
  add_row (self, _("DN"), group->dn);

  add_server_links (self, group->servers);

  if (group->connectors->len > 0)
    {
      GtkWidget *section = add_section (self, _("Connectors"));

      for (guint i = 0; i < group->connectors->len && i < MAX_LINKS; i++)
        {
          ExtopoConnector *connector = g_ptr_array_index (group->connectors, i);

          add_link (self, section, EXTOPO_OBJECT_CONNECTOR, connector, connector->name);
        }
      add_more_label (section, MIN (group->connectors->len, MAX_LINKS), group->connectors->len);
    }
}

static void
show_admin_group (ExtopoServerCard *self,
                  ExtopoAdminGroup *group)
{
  const char *mode = NULL;

  switch (group->mode)
    {
    case 0:
      mode = _("Exchange 2000 or later servers only");
      break;
    case 1:
      mode = _("Exchange 5.5 servers only");
      break;
    case 2:
      mode = _("Mixed");
      break;
    default:
      break;
    }

  gtk_label_set_text (self->kind_label, group->interop
                                        ? _("Exchange 2007 administrative group")
                                        : _("Administrative group"));
  set_status (self, extopo_findings_get_status (group->findings));
  add_findings (self, group->findings);

  add_row (self, _("Name"), group->name);
  add_row (self, _("Organization"),
           group->organization != NULL ? group->organization->name : NULL);
  add_row (self, _("Mode"), mode);
  add_row (self, _("Default group"), group->is_default ? _("Yes") : _("No"));
  add_row_uint (self, _("Routing groups"), group->routing_groups->len);
  add_row_uint (self, _("Servers"), group->servers->len);
  add_row_uint (self, _("Servers with findings"), count_servers_with_problems (group->servers));
  add_row (self, _("DN"), group->dn);

  if (group->routing_groups->len > 0)
    {
      GtkWidget *section = add_section (self, _("Routing groups"));

      for (guint i = 0; i < group->routing_groups->len && i < MAX_LINKS; i++)
        {
          ExtopoRoutingGroup *routing_group = g_ptr_array_index (group->routing_groups, i);

          add_link (self, section, EXTOPO_OBJECT_ROUTING_GROUP, routing_group,
                    routing_group->name);
        }
      add_more_label (section, MIN (group->routing_groups->len, MAX_LINKS),
                      group->routing_groups->len);
    }

  add_server_links (self, group->servers);
}

/* The names of @objects, ", "-joined; NULL when there are none. */
static char *
join_names (GPtrArray        *objects,
            ExtopoObjectKind  kind)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; objects != NULL && i < objects->len; i++)
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, extopo_model_object_get_name (kind, g_ptr_array_index (objects, i)));
    }

  return text->len > 0 ? g_string_free (text, FALSE) : (g_string_free (text, TRUE), NULL);
}

static void
show_connector (ExtopoServerCard *self,
                ExtopoConnector  *connector)
{
  g_autofree char *source_bridgeheads = join_names (connector->source_bridgeheads, EXTOPO_OBJECT_SERVER);
  g_autofree char *target_bridgeheads = join_names (connector->target_bridgeheads, EXTOPO_OBJECT_SERVER);
  g_autofree char *address_spaces = NULL;
  g_autofree char *target = NULL;
  g_autofree char *connected = join_names (connector->connected_routing_groups,
                                           EXTOPO_OBJECT_ROUTING_GROUP);
  g_autofree char *smart_hosts = NULL;
  gboolean two_way = connector->reciprocal != NULL;
  ExtopoStatus status = extopo_findings_get_status (connector->findings);

  if (connector->smart_hosts != NULL && connector->smart_hosts[0] != NULL)
    smart_hosts = g_strjoinv ("\n", connector->smart_hosts);

  if (connector->address_spaces != NULL)
    address_spaces = g_strjoinv ("\n", connector->address_spaces);

  if (connector->target != NULL)
    target = g_strdup (connector->target->name);
  else if (connector->target_dn != NULL)
    target = g_strdup_printf (_("Missing: %s"), connector->target_dn);

  gtk_label_set_text (self->kind_label, extopo_connector_type_get_display_name (connector->type));
  set_status (self, status);

  add_findings (self, connector->findings);

  add_row (self, _("Name"), connector->name);
  add_row (self, _("Type"), extopo_connector_type_get_display_name (connector->type));
  add_row (self, _("Object class"), connector->object_class);
  add_row (self, _("From"), connector->source != NULL ? connector->source->name : NULL);
  add_row (self, _("To"), target);
  add_row_uint (self, _("Cost"), connector->cost);
  add_row (self, _("Two-way"), two_way ? _("Yes") : _("No"));
  add_row (self, _("Local bridgeheads"), source_bridgeheads);
  add_row (self, _("Remote bridgeheads"), target_bridgeheads);
  add_row (self, _("Address spaces"), address_spaces);
  add_row (self, _("Connected routing groups"), connected);
  add_row (self, _("Smart hosts"), smart_hosts);
  if (extopo_connector_type_is_foreign (connector->type))
    add_row (self, _("Host server"),
             connector->host_server != NULL ? connector->host_server->name
                                            : connector->home_mta_dn);
  add_row (self, _("DN"), connector->dn);

  {
    GtkWidget *section = add_section (self, _("Endpoints"));

    if (connector->source != NULL)
      add_link (self, section, EXTOPO_OBJECT_ROUTING_GROUP, connector->source,
                connector->source->name);
    if (connector->target != NULL)
      add_link (self, section, EXTOPO_OBJECT_ROUTING_GROUP, connector->target,
                connector->target->name);
    if (connector->reciprocal != NULL)
      add_link (self, section, EXTOPO_OBJECT_CONNECTOR, connector->reciprocal,
                connector->reciprocal->name);
    if (connector->host_server != NULL)
      add_link (self, section, EXTOPO_OBJECT_SERVER, connector->host_server,
                connector->host_server->name);
  }
}

static void
show_organization (ExtopoServerCard   *self,
                   ExtopoOrganization *organization)
{
  ExtopoReadiness readiness = { 0, };
  const char *mode;

  switch (organization->mode)
    {
    case EXTOPO_ORG_MODE_NATIVE:
      mode = _("Native mode");
      break;
    case EXTOPO_ORG_MODE_MIXED:
      mode = _("Mixed mode");
      break;
    case EXTOPO_ORG_MODE_UNSET:
    default:
      mode = _("Mixed mode (not set)");
      break;
    }

  if (self->model != NULL)
    extopo_readiness_compute_for_organization (self->model, organization, &readiness);

  gtk_label_set_text (self->kind_label, _("Exchange organization"));
  set_status (self, self->model != NULL ? extopo_readiness_get_status (&readiness)
                                        : extopo_findings_get_status (organization->findings));
  add_findings (self, organization->findings);
  add_row (self, _("Name"), organization->name);
  add_row (self, _("Readiness"), readiness.summary);
  add_row (self, _("Mode"), mode);
  add_row_uint (self, _("Administrative groups"), organization->admin_groups->len);
  add_row (self, _("DN"), organization->dn);

  extopo_readiness_clear (&readiness);
}

static void
show_site (ExtopoServerCard *self,
           ExtopoSite       *site)
{
  gtk_label_set_text (self->kind_label, _("Active Directory site"));
  set_status (self, extopo_findings_get_status (site->findings));
  add_findings (self, site->findings);
  add_row (self, _("Name"), site->name);
  add_row (self, _("Organization"),
           site->organization != NULL ? site->organization->name : NULL);
  add_row_uint (self, _("Servers"), site->servers->len);
  add_row (self, _("DN"), site->dn);
  add_server_links (self, site->servers);
}

static void
clear_details (ExtopoServerCard *self)
{
  GList *children;

  children = g_list_concat (gtk_container_get_children (GTK_CONTAINER (self->grid)),
                            gtk_container_get_children (GTK_CONTAINER (self->extra_box)));
  children = g_list_concat (children,
                            gtk_container_get_children (GTK_CONTAINER (self->findings_box)));
  for (GList *l = children; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
  g_list_free (children);

  g_hash_table_remove_all (self->values);
  self->n_rows = 0;
  hide_copied (self);
}

/* A new object's card starts at its top. */
static void
scroll_to_top (ExtopoServerCard *self)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;

  if (scrolled == NULL)
    return;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

static void
extopo_server_card_dispose (GObject *object)
{
  ExtopoServerCard *self = EXTOPO_SERVER_CARD (object);

  g_clear_handle_id (&self->copied_timeout, g_source_remove);
  g_clear_pointer (&self->copied_popover, gtk_widget_destroy);

  G_OBJECT_CLASS (extopo_server_card_parent_class)->dispose (object);
}

static void
extopo_server_card_finalize (GObject *object)
{
  ExtopoServerCard *self = EXTOPO_SERVER_CARD (object);

  g_clear_pointer (&self->values, g_hash_table_unref);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (extopo_server_card_parent_class)->finalize (object);
}

static void
extopo_server_card_class_init (ExtopoServerCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = extopo_server_card_dispose;
  object_class->finalize = extopo_server_card_finalize;

  signals[OBJECT_ACTIVATED] =
    g_signal_new ("object-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/extopo/ExTopo/extopo-server-card.ui");
  gtk_widget_class_bind_template_child (widget_class, ExtopoServerCard, stack);
  gtk_widget_class_bind_template_child (widget_class, ExtopoServerCard, status_icon);
  gtk_widget_class_bind_template_child (widget_class, ExtopoServerCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, ExtopoServerCard, kind_label);
  gtk_widget_class_bind_template_child (widget_class, ExtopoServerCard, findings_box);
  gtk_widget_class_bind_template_child (widget_class, ExtopoServerCard, grid);
  gtk_widget_class_bind_template_child (widget_class, ExtopoServerCard, extra_box);
  gtk_widget_class_set_css_name (widget_class, "extopo-server-card");
}

static void
extopo_server_card_init (ExtopoServerCard *self)
{
  GtkWidget *label;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gtk_stack_set_visible_child_name (self->stack, "empty");

  self->copied_popover = gtk_popover_new (GTK_WIDGET (self));
  gtk_popover_set_modal (GTK_POPOVER (self->copied_popover), FALSE);
  gtk_popover_set_position (GTK_POPOVER (self->copied_popover), GTK_POS_LEFT);
  /* Translators: shown for a moment by a copy button after it was pressed. */
  label = gtk_label_new (_("Copied"));
  g_object_set (label, "margin", 6, NULL);
  gtk_widget_show (label);
  gtk_container_add (GTK_CONTAINER (self->copied_popover), label);
}

GtkWidget *
extopo_server_card_new (void)
{
  return g_object_new (EXTOPO_TYPE_SERVER_CARD, NULL);
}

void
extopo_server_card_set_model (ExtopoServerCard *self,
                              ExtopoModel      *model)
{
  g_return_if_fail (EXTOPO_IS_SERVER_CARD (self));
  g_return_if_fail (model == NULL || EXTOPO_IS_MODEL (model));

  extopo_server_card_set_object (self, EXTOPO_OBJECT_NONE, NULL);
  g_set_object (&self->model, model);
}

/* In a comparison: what changed about the object since the older
 * snapshot, a row per field with its old and new value. */
static void
show_changes (ExtopoServerCard *self)
{
  const char *dn = self->object != NULL ? extopo_model_object_get_dn (self->kind, self->object)
                                        : NULL;
  g_autoptr(GHashTable) by_dn = NULL;
  const ExtopoObjectChange *change;
  GtkWidget *section;

  if (self->changes == NULL || dn == NULL)
    return;
  /* A retired server, drawn where it was: not in the model shown, its
   * card shows the older snapshot's values. */
  if (self->kind == EXTOPO_OBJECT_SERVER && self->model != NULL &&
      extopo_model_lookup_server (self->model, dn) != self->object)
    {
      /* Translators: a card's row label in a comparison. */
      add_row (self, _("Comparison"),
               _("Retired: removed since the older snapshot, whose values the card shows"));
      return;
    }
  by_dn = extopo_change_set_by_dn (self->changes);
  change = g_hash_table_lookup (by_dn, dn);
  if (change == NULL)
    return;

  section = add_section (self, _("Since the older snapshot"));
  if (change->kind == EXTOPO_CHANGE_ADDED)
    {
      GtkWidget *label = gtk_label_new (_("Added since the older snapshot"));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_container_add (GTK_CONTAINER (section), label);
      gtk_widget_show (label);
    }
  for (guint f = 0; f < change->fields->len; f++)
    {
      const ExtopoFieldChange *field = g_ptr_array_index (change->fields, f);
      /* Translators: a changed value on the card: old → new. */
      g_autofree char *text = g_strdup_printf (_("%s: %s → %s"), field->field,
                                               field->old_text != NULL ? field->old_text : "—",
                                               field->new_text != NULL ? field->new_text : "—");
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_container_add (GTK_CONTAINER (section), label);
      gtk_widget_show (label);
    }
}

void
extopo_server_card_set_object (ExtopoServerCard *self,
                               ExtopoObjectKind  kind,
                               gpointer          object)
{
  g_return_if_fail (EXTOPO_IS_SERVER_CARD (self));

  if (object != self->object)
    scroll_to_top (self);
  clear_details (self);
  self->status = EXTOPO_STATUS_OK;
  self->n_findings = 0;

  if (object == NULL)
    kind = EXTOPO_OBJECT_NONE;
  self->kind = kind;
  self->object = kind == EXTOPO_OBJECT_NONE ? NULL : object;

  if (self->object == NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  gtk_label_set_text (self->title_label, extopo_model_object_get_name (kind, object));

  switch (kind)
    {
    case EXTOPO_OBJECT_SERVER:
      show_server (self, object);
      break;
    case EXTOPO_OBJECT_ROUTING_GROUP:
      show_routing_group (self, object);
      break;
    case EXTOPO_OBJECT_ADMIN_GROUP:
      show_admin_group (self, object);
      break;
    case EXTOPO_OBJECT_CONNECTOR:
      show_connector (self, object);
      break;
    case EXTOPO_OBJECT_ORGANIZATION:
      show_organization (self, object);
      break;
    case EXTOPO_OBJECT_SITE:
      show_site (self, object);
      break;
    case EXTOPO_OBJECT_NONE:
    default:
      g_assert_not_reached ();
    }

  show_changes (self);
  gtk_stack_set_visible_child_name (self->stack, "details");
}

void
extopo_server_card_set_changes (ExtopoServerCard      *self,
                                const ExtopoChangeSet *changes)
{
  g_return_if_fail (EXTOPO_IS_SERVER_CARD (self));

  self->changes = changes;
  extopo_server_card_set_object (self, self->kind, self->object);
}

ExtopoStatus
extopo_server_card_get_status (ExtopoServerCard *self)
{
  g_return_val_if_fail (EXTOPO_IS_SERVER_CARD (self), EXTOPO_STATUS_OK);

  return self->status;
}

guint
extopo_server_card_get_n_findings (ExtopoServerCard *self)
{
  g_return_val_if_fail (EXTOPO_IS_SERVER_CARD (self), 0);

  return self->n_findings;
}

gpointer
extopo_server_card_get_object (ExtopoServerCard *self,
                               ExtopoObjectKind *kind)
{
  g_return_val_if_fail (EXTOPO_IS_SERVER_CARD (self), NULL);

  if (kind != NULL)
    *kind = self->kind;

  return self->object;
}

gboolean
extopo_server_card_get_showing_copied (ExtopoServerCard *self)
{
  g_return_val_if_fail (EXTOPO_IS_SERVER_CARD (self), FALSE);

  return gtk_widget_get_visible (self->copied_popover);
}

const char *
extopo_server_card_get_value (ExtopoServerCard *self,
                              const char       *label)
{
  g_return_val_if_fail (EXTOPO_IS_SERVER_CARD (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  return g_hash_table_lookup (self->values, label);
}
