/* extopo-findings-rules.c: the coexistence rules, one check and one table row each.
 *
 * Every rule rests on the project's Exchange reference ("How Exchange
 * 2000/2003/2007 keep their topology in Active Directory"); a rule that
 * rests on a secondary or inferred source says so in its message.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-findings"

#include "config.h"

#include <glib/gi18n.h>

#include "extopo-findings-private.h"

/* ------------------------------------------------------------------ */
/* Organizations                                                       */

static gboolean
check_org_mixed_mode (RuleContext *ctx,
                      gpointer     subject,
                      RuleHit     *hit)
{
  return ((ExtopoOrganization *) subject)->mode == EXTOPO_ORG_MODE_MIXED;
}

static gboolean
check_org_mode_unset (RuleContext *ctx,
                      gpointer     subject,
                      RuleHit     *hit)
{
  return ((ExtopoOrganization *) subject)->mode == EXTOPO_ORG_MODE_UNSET;
}

static gboolean
check_dns_present (GPtrArray *dns,
                   RuleHit   *hit)
{
  if (dns->len == 0)
    return FALSE;

  hit->arg = g_strdup_printf ("%u", dns->len);
  return TRUE;
}

static gboolean
check_org_srs_present (RuleContext *ctx,
                       gpointer     subject,
                       RuleHit     *hit)
{
  return check_dns_present (((ExtopoOrganization *) subject)->srs_dns, hit);
}

static gboolean
check_org_adc_present (RuleContext *ctx,
                       gpointer     subject,
                       RuleHit     *hit)
{
  return check_dns_present (((ExtopoOrganization *) subject)->adc_dns, hit);
}

/* One forest holds one organization: two mean concatenated exports or a
 * search base above CN=Microsoft Exchange of two forests. Each organization
 * gets the finding, naming the others, so that its own readiness shows it. */
static gboolean
check_org_multiple (RuleContext *ctx,
                    gpointer     subject,
                    RuleHit     *hit)
{
  GPtrArray *orgs = extopo_model_get_organizations (ctx->model);
  g_autoptr(GString) others = NULL;

  if (orgs->len < 2)
    return FALSE;

  others = g_string_new (NULL);
  for (guint i = 0; i < orgs->len; i++)
    {
      ExtopoOrganization *org = g_ptr_array_index (orgs, i);

      if (org == subject)
        continue;
      if (others->len > 0)
        g_string_append (others, ", ");
      g_string_append_printf (others, "“%s”", org->name);
    }

  hit->arg = g_string_free (g_steal_pointer (&others), FALSE);
  return TRUE;
}

/* Right after setup /PrepareAD the two Exchange 2007 groups exist and no
 * connector yet: the first Hub Transport's setup creates the connector pair.
 * Until then "no path to Exchange 2007" is expected, and this note takes the
 * place of the path errors. */
static gboolean
check_org_awaiting_first_hub (RuleContext *ctx,
                              gpointer     subject,
                              RuleHit     *hit)
{
  ExtopoOrganization *org = subject;

  return ctx->org_has_2007[org->index] && !ctx->org_has_hub[org->index];
}

/* ------------------------------------------------------------------ */
/* Servers                                                             */

static gboolean
check_server_exchange_55 (RuleContext *ctx,
                          gpointer     subject,
                          RuleHit     *hit)
{
  return ((ExtopoServer *) subject)->version.product == EXTOPO_PRODUCT_EXCHANGE_55;
}

/* Exchange 2003 below SP2 and Exchange 2000 below SP3 are warnings; 2000
 * SP3 is a note, because the post-SP3 update rollup it also needs does not
 * show in the directory. An unknown service pack says nothing. */
static gboolean
check_server_sp_below_minimum (RuleContext *ctx,
                               gpointer     subject,
                               RuleHit     *hit)
{
  ExtopoServer *server = subject;
  int sp = server->version.service_pack;

  if (sp < 0)
    return FALSE;

  if (server->version.product == EXTOPO_PRODUCT_EXCHANGE_2003)
    {
      if (sp >= 2)
        return FALSE;
    }
  else if (server->version.product == EXTOPO_PRODUCT_EXCHANGE_2000)
    {
      if (sp > 3)
        return FALSE;
      if (sp == 3)
        hit->severity = EXTOPO_SEVERITY_INFO;
    }
  else
    return FALSE;

  hit->arg = extopo_version_get_display_name (&server->version);
  return TRUE;
}

/* Both attributes parse but name different versions: edited by hand, or an
 * upgrade that did not finish. */
static gboolean
check_server_version_mismatch (RuleContext *ctx,
                               gpointer     subject,
                               RuleHit     *hit)
{
  ExtopoServer *server = subject;
  ExtopoVersion from_serial;
  ExtopoVersion from_number;
  g_autofree char *serial_text = NULL;
  g_autofree char *number_text = NULL;

  if (!extopo_version_attributes_disagree (server->serial_number, server->version_number,
                                           &from_serial, &from_number))
    return FALSE;

  serial_text = extopo_version_to_string (&from_serial);
  number_text = extopo_version_to_string (&from_number);
  /* TRANSLATORS: what the two version attributes say, e.g. "8.3.83.6" and "8.1.240" */
  hit->arg = g_strdup_printf (_("serialNumber says %s, versionNumber says %s"),
                              serial_text != NULL ? serial_text : "?",
                              number_text != NULL ? number_text : "?");
  return TRUE;
}

/* Microsoft's supportability matrices, per pair of versions in the same
 * organization (extopo_version_check_coexistence): the older server of a
 * pair that cannot coexist, or one below the level a newer release present
 * needs. Exchange 2007's own minimums are SERVER_EXCHANGE_55 and
 * SERVER_SP_BELOW_MINIMUM; levels the directory cannot show are not
 * guessed. */
static gboolean
check_server_version_pair (RuleContext *ctx,
                           gpointer     subject,
                           RuleHit     *hit)
{
  ExtopoServer *server = subject;
  ExtopoOrganization *org = extopo_model_object_get_organization (EXTOPO_OBJECT_SERVER, server);
  g_autoptr(GString) reasons = NULL;

  if (org == NULL || !server->version.known || server->version.product == EXTOPO_PRODUCT_UNKNOWN)
    return FALSE;

  reasons = g_string_new (NULL);
  for (guint p = EXTOPO_PRODUCT_EXCHANGE_2010; p < N_PRODUCTS; p++)
    {
      ExtopoServer *newer = ctx->product_servers[org->index * N_PRODUCTS + p];
      ExtopoCoexistence verdict;
      g_autofree char *mine = NULL;

      if (newer == NULL || newer == server || p <= server->version.product)
        continue;

      extopo_version_check_coexistence (&server->version, &newer->version, &verdict);
      if (verdict.older != server->version.product)
        continue;

      mine = extopo_version_get_display_name (&server->version);
      if (reasons->len > 0)
        g_string_append (reasons, "; ");
      if (verdict.verdict == EXTOPO_COEXIST_NO)
        /* TRANSLATORS: "Exchange 2000 Server SP3 cannot coexist with Exchange Server 2010 (NW-EX2010)" */
        g_string_append_printf (reasons, _("%s cannot coexist with %s (%s)"), mine,
                                extopo_product_get_name (verdict.newer), newer->name);
      else if (verdict.verdict == EXTOPO_COEXIST_BELOW_MINIMUM)
        /* TRANSLATORS: "Exchange Server 2007 SP1 is below Exchange Server 2007 SP2, which
         * Exchange Server 2010 (NW-EX2010) needs" */
        g_string_append_printf (reasons, _("%s is below %s, which %s (%s) needs"), mine,
                                verdict.level_text != NULL ? verdict.level_text : "?",
                                extopo_product_get_name (verdict.newer), newer->name);
    }

  if (reasons->len == 0)
    return FALSE;

  hit->arg = g_string_free (g_steal_pointer (&reasons), FALSE);
  return TRUE;
}

/* A provisioned server has no version yet by design: it is a placeholder,
 * not an unreadable version. */
static gboolean
check_server_version_unknown (RuleContext *ctx,
                              gpointer     subject,
                              RuleHit     *hit)
{
  ExtopoServer *server = subject;

  if (server->provisioned)
    return FALSE;
  if (server->version.known && server->version.product != EXTOPO_PRODUCT_UNKNOWN)
    return FALSE;

  hit->arg = g_strdup (server->serial_number != NULL ? server->serial_number :
                       server->version_number != NULL ? server->version_number : "");
  return TRUE;
}

/* The name of the server's admin group, or else its routing group, whose
 * interop flag equals @interop; NULL when neither. */
static const char *
server_find_group (ExtopoServer *server,
                   gboolean      interop)
{
  if (server->admin_group != NULL && server->admin_group->interop == interop)
    return server->admin_group->name;
  if (server->routing_group != NULL && server->routing_group->interop == interop)
    return server->routing_group->name;
  return NULL;
}

static gboolean
check_server_2007_outside_interop_groups (RuleContext *ctx,
                                          gpointer     subject,
                                          RuleHit     *hit)
{
  ExtopoServer *server = subject;

  if (!extopo_server_is_exchange_2007 (server))
    return FALSE;

  hit->arg = g_strdup (server_find_group (server, FALSE));
  return hit->arg != NULL;
}

static gboolean
check_server_legacy_in_interop_groups (RuleContext *ctx,
                                       gpointer     subject,
                                       RuleHit     *hit)
{
  ExtopoServer *server = subject;

  if (!extopo_server_is_legacy (server) &&
      server->version.product != EXTOPO_PRODUCT_EXCHANGE_55)
    return FALSE;

  hit->arg = g_strdup (server_find_group (server, TRUE));
  return hit->arg != NULL;
}

/* The role names of @roles but Edge Transport, comma separated. */
static char *
roles_but_edge (guint roles)
{
  g_auto(GStrv) names = extopo_roles_to_strv (roles & ~(guint) EXTOPO_ROLE_EDGE_TRANSPORT);

  return g_strjoinv (", ", names);
}

/* New-EdgeSubscription writes a subscribed Edge into the organization: a
 * valid server, no finding. An Edge bit beside other role bits is impossible
 * for a healthy server (an error); an Edge without any subscription mark is
 * a stale or hand-made object (a warning). */
static gboolean
check_server_2007_edge_role (RuleContext *ctx,
                             gpointer     subject,
                             RuleHit     *hit)
{
  ExtopoServer *server = subject;

  if (!server->roles_known ||
      (server->roles & EXTOPO_ROLE_EDGE_TRANSPORT) == 0 ||
      !extopo_server_is_exchange_2007 (server))
    return FALSE;

  if ((server->roles & ~(guint) EXTOPO_ROLE_EDGE_TRANSPORT) != 0)
    {
      g_autofree char *others = roles_but_edge (server->roles);

      hit->severity = EXTOPO_SEVERITY_ERROR;
      hit->message = g_strdup_printf (_("Server “%s” has the Edge Transport role together with "
                                        "%s; the Edge Transport role cannot share a server "
                                        "with any other role."),
                                      server->name, others);
      hit->remedy = g_strdup_printf (_("Remove Exchange from “%s”. Install Edge Transport alone "
                                       "on a stand-alone computer in the perimeter network and "
                                       "subscribe it with New-EdgeSubscription; put the other "
                                       "roles on servers inside the organization."),
                                     server->name);
      return TRUE;
    }

  return !server->edge_subscribed;
}

/* ------------------------------------------------------------------ */
/* Sites                                                               */

/* Sites are checked per major version: a Mailbox server needs a Hub
 * Transport and a Client Access server of its own version in its site.
 * Exchange 2013 and later count as one (15). */
static guint
server_major (ExtopoServer *server)
{
  if (!server->version.known || server->version.product == EXTOPO_PRODUCT_UNKNOWN)
    return 0;
  if (!extopo_server_is_exchange_2007 (server))
    return 0;
  return server->version.major;
}

/* Exchange 2013 and later mark Client Access with bit 1 (their Mailbox
 * servers also carry the older bit 4 for the back-end services). */
static gboolean
server_is_client_access (ExtopoServer *server,
                         guint         major)
{
  guint bit = major >= 15 ? 1 : EXTOPO_ROLE_CLIENT_ACCESS;

  return (server->roles & bit) != 0;
}

typedef enum
{
  SITE_NEEDS_HUB,
  SITE_NEEDS_CAS,
} SiteNeed;

/* "Exchange Server 2007: EX1, EX2" for each major version whose Mailbox
 * servers in @site lack @need; NULL when none do. */
static char *
site_mailboxes_lacking (ExtopoSite *site,
                        SiteNeed    need)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GArray) majors = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < site->servers->len; i++)
    {
      ExtopoServer *server = g_ptr_array_index (site->servers, i);
      guint major = server_major (server);
      gboolean seen = FALSE;

      if (major == 0)
        continue;
      for (guint m = 0; m < majors->len; m++)
        seen |= g_array_index (majors, guint, m) == major;
      if (!seen)
        g_array_append_val (majors, major);
    }

  for (guint m = 0; m < majors->len; m++)
    {
      guint major = g_array_index (majors, guint, m);
      g_autoptr(GString) mailboxes = g_string_new (NULL);
      gboolean satisfied = FALSE;
      const char *product = NULL;

      for (guint i = 0; i < site->servers->len; i++)
        {
          ExtopoServer *server = g_ptr_array_index (site->servers, i);

          if (server_major (server) != major || !server->roles_known || server->provisioned ||
              (server->roles & EXTOPO_ROLE_EDGE_TRANSPORT) != 0)
            continue;

          if (need == SITE_NEEDS_HUB && (server->roles & EXTOPO_ROLE_HUB_TRANSPORT) != 0)
            satisfied = TRUE;
          if (need == SITE_NEEDS_CAS && server_is_client_access (server, major))
            satisfied = TRUE;

          if ((server->roles & EXTOPO_ROLE_MAILBOX) != 0)
            {
              if (mailboxes->len > 0)
                g_string_append (mailboxes, ", ");
              g_string_append (mailboxes, server->name);
              if (product == NULL)
                product = extopo_product_get_name (server->version.product);
            }
        }

      if (satisfied || mailboxes->len == 0)
        continue;

      if (text->len > 0)
        g_string_append (text, "; ");
      /* Exchange 2013 and later count as one version here. */
      if (major >= 15)
        product = _("Exchange Server 2013 or later");
      /* TRANSLATORS: a product and its Mailbox servers: "Exchange Server 2007: EX1, EX2" */
      g_string_append_printf (text, _("%s: %s"), product, mailboxes->str);
    }

  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static gboolean
check_site_mailbox_without_hub (RuleContext *ctx,
                                gpointer     subject,
                                RuleHit     *hit)
{
  hit->arg = site_mailboxes_lacking (subject, SITE_NEEDS_HUB);
  return hit->arg != NULL;
}

static gboolean
check_site_mailbox_without_cas (RuleContext *ctx,
                                gpointer     subject,
                                RuleHit     *hit)
{
  hit->arg = site_mailboxes_lacking (subject, SITE_NEEDS_CAS);
  return hit->arg != NULL;
}

/* ------------------------------------------------------------------ */
/* Routing groups                                                      */

/* Fires for a legacy routing group with servers when its organization has
 * a Hub Transport server and mail cannot travel both ways between the group
 * and the DWBGZMFD01QNBJR group: one direction is not enough, since Exchange
 * 2007 users must be able to answer. Routing group connectors and the
 * connected routing groups of SMTP and X.400 connectors count. */
static gboolean
check_rg_no_path_to_2007 (RuleContext *ctx,
                          gpointer     subject,
                          RuleHit     *hit)
{
  ExtopoRoutingGroup *group = subject;
  ExtopoOrganization *org;
  guint8 reach;

  if (group->interop || group->servers->len == 0 || group->admin_group == NULL)
    return FALSE;

  org = group->admin_group->organization;
  if (org == NULL || !ctx->org_has_2007[org->index] || !ctx->org_has_hub[org->index])
    return FALSE;

  reach = ctx->reach[group->index];
  if ((reach & (REACH_TO_2007 | REACH_FROM_2007)) == (REACH_TO_2007 | REACH_FROM_2007))
    return FALSE;

  if (reach & REACH_FROM_2007)
    hit->arg = g_strdup (_("mail from it cannot reach Exchange Server 2007"));
  else if (reach & REACH_TO_2007)
    hit->arg = g_strdup (_("mail from Exchange Server 2007 cannot reach it"));
  else
    hit->arg = g_strdup (_("no connector path leads to or from Exchange Server 2007"));

  return TRUE;
}

typedef struct
{
  ExtopoRoutingGroup *interop;
  GHashTable         *connections;   /* ExtopoConnection*, a set */
} LinkStateCount;

static void
count_interop_connection_cb (ExtopoConnector    *connector,
                             ExtopoRoutingGroup *from,
                             ExtopoRoutingGroup *to,
                             gpointer            user_data)
{
  LinkStateCount *count = user_data;
  ExtopoRoutingGroup *other;

  if (connector->type != EXTOPO_CONNECTOR_ROUTING_GROUP)
    return;
  if (from == count->interop)
    other = to;
  else if (to == count->interop)
    other = from;
  else
    return;
  if (other->interop)
    return;

  /* A two-way pair is one connection. */
  if (connector->connection != NULL)
    g_hash_table_add (count->connections, connector->connection);
}

/* Microsoft, "How to Suppress Link State Updates": advised when an Exchange
 * 2007 Hub Transport exists, more than one Exchange 2000/2003 routing group
 * exists, and more than one routing group connector joins legacy routing
 * groups and Exchange 2007 (a two-way pair counted once). */
static gboolean
check_link_state_suppression (RuleContext *ctx,
                              gpointer     subject,
                              RuleHit     *hit)
{
  ExtopoRoutingGroup *group = subject;
  ExtopoOrganization *org;
  g_autoptr(GHashTable) connections = NULL;
  LinkStateCount count;

  if (!group->interop || group->admin_group == NULL)
    return FALSE;
  org = group->admin_group->organization;
  if (org == NULL || !ctx->org_has_hub[org->index] || ctx->org_legacy_groups[org->index] < 2)
    return FALSE;

  connections = g_hash_table_new (NULL, NULL);
  count.interop = group;
  count.connections = connections;
  extopo_findings_foreach_routing_edge (ctx->model, count_interop_connection_cb, &count);
  if (g_hash_table_size (connections) < 2)
    return FALSE;

  hit->arg = g_strdup_printf ("%u", g_hash_table_size (connections));
  hit->remedy_arg = g_strdup (group->name);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Connectors                                                          */

/* A connector whose target is missing is one-way too (and dangling). */
static gboolean
check_connector_one_way (RuleContext *ctx,
                         gpointer     subject,
                         RuleHit     *hit)
{
  ExtopoConnector *connector = subject;
  const char *target_name;

  if (connector->type != EXTOPO_CONNECTOR_ROUTING_GROUP ||
      connector->source == NULL ||
      connector->target_dn == NULL ||
      connector->target == connector->source ||
      connector->reciprocal != NULL)
    return FALSE;

  target_name = connector->target != NULL ? connector->target->name : connector->target_dn;
  hit->arg = g_strdup (target_name);
  hit->remedy_arg = g_strdup (target_name);
  return TRUE;
}

/* Appends to @problems each bridgehead of one end that does not fit it: on
 * the Exchange 2007 end (DWBGZMFD01QNBJR) a server without the Hub Transport
 * role, on a legacy end a server that is not Exchange 2000/2003. Servers
 * whose version or roles cannot be read are left alone. */
static void
check_bridgehead_end (ExtopoRoutingGroup *end,
                      GPtrArray          *bridgeheads,
                      GString            *problems)
{
  if (end == NULL)
    return;

  for (guint i = 0; i < bridgeheads->len; i++)
    {
      ExtopoServer *server = g_ptr_array_index (bridgeheads, i);
      g_autofree char *why = NULL;

      if (end->interop)
        {
          if (extopo_server_is_exchange_2007 (server))
            {
              if (server->roles_known && !extopo_server_is_hub (server))
                why = g_strdup (_("no Hub Transport role"));
            }
          else if (server->version.known && server->version.product != EXTOPO_PRODUCT_UNKNOWN)
            why = extopo_version_get_display_name (&server->version);
        }
      else if (server->version.known && server->version.product != EXTOPO_PRODUCT_UNKNOWN &&
               !extopo_server_is_legacy (server))
        why = extopo_version_get_display_name (&server->version);

      if (why == NULL)
        continue;
      if (problems->len > 0)
        g_string_append (problems, ", ");
      /* TRANSLATORS: a bridgehead and what is wrong with it: "EX07 (no Hub Transport role)" */
      g_string_append_printf (problems, _("%s (%s)"), server->name, why);
    }
}

/* Set-RoutingGroupConnector: the Exchange 2007 side's bridgeheads must be
 * Hub Transport servers, the legacy side's Exchange 2000/2003 servers. */
static gboolean
check_connector_bridgehead_not_hub (RuleContext *ctx,
                                    gpointer     subject,
                                    RuleHit     *hit)
{
  ExtopoConnector *connector = subject;
  g_autoptr(GString) problems = NULL;

  /* Only connectors that join Exchange 2007 to legacy routing: between two
   * legacy groups a mixed-mode organization may use Exchange 5.5 servers. */
  if (connector->type != EXTOPO_CONNECTOR_ROUTING_GROUP ||
      !((connector->source != NULL && connector->source->interop) ||
        (connector->target != NULL && connector->target->interop)))
    return FALSE;

  problems = g_string_new (NULL);
  check_bridgehead_end (connector->source, connector->source_bridgeheads, problems);
  check_bridgehead_end (connector->target, connector->target_bridgeheads, problems);
  if (problems->len == 0)
    return FALSE;

  hit->arg = g_string_free (g_steal_pointer (&problems), FALSE);
  return TRUE;
}

/* Foreign gateways cannot move to Exchange 2007: the legacy server in
 * their homeMTA must stay until they are retired. */
static gboolean
check_connector_foreign_gateway (RuleContext *ctx,
                                 gpointer     subject,
                                 RuleHit     *hit)
{
  ExtopoConnector *connector = subject;
  const char *kind;
  g_autofree char *host = NULL;
  g_autofree char *text = NULL;

  if (!extopo_connector_type_is_foreign (connector->type))
    return FALSE;

  kind = extopo_connector_type_get_display_name (connector->type);
  if (connector->host_server != NULL)
    host = g_strdup (connector->host_server->name);
  else if (connector->home_mta_dn != NULL)
    host = g_strdup (connector->home_mta_dn);

  if (host != NULL)
    text = g_strdup_printf (_("%s “%s” runs on legacy server “%s”. Exchange Server 2007 has no "
                              "such connector: “%s” must stay until the connector is retired."),
                            kind, connector->name, host, host);
  else
    text = g_strdup_printf (_("%s “%s” names no host server (homeMTA is missing). Exchange "
                              "Server 2007 has no such connector: the legacy server that runs "
                              "it must stay until the connector is retired."),
                            kind, connector->name);

  if (connector->type == EXTOPO_CONNECTOR_CCMAIL || connector->type == EXTOPO_CONNECTOR_MSMAIL)
    hit->message = g_strdup_printf ("%s %s", text,
                                    _("This connector is not supported on Exchange Server 2003 "
                                      "either: only an Exchange 2000 server can run it."));
  else
    hit->message = g_steal_pointer (&text);

  return TRUE;
}

/* Every dangling reference: a connector's are errors (mail or the drawing
 * loses an end), the others warnings. */
static gboolean
check_dangling_reference (RuleContext *ctx,
                          gpointer     subject,
                          RuleHit     *hit)
{
  ExtopoDanglingRef *ref = subject;

  hit->severity = ref->subject_kind == EXTOPO_OBJECT_CONNECTOR ?
                  EXTOPO_SEVERITY_ERROR : EXTOPO_SEVERITY_WARNING;
  hit->arg = g_strdup_printf ("%s: %s", ref->attribute, ref->target_dn);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The table                                                           */

/* Shared by both mode rules. */
#define NATIVE_MODE_STEPS \
  N_("Remove every Exchange Server 5.5 server, Site Replication Service and Active Directory " \
     "Connector connection agreement first. Then, in Exchange System Manager, right-click " \
     "organization “%s”, choose Properties, and on the General tab click Change Operations " \
     "Mode, then Change Mode. The switch cannot be undone.")

static const Rule rules[] = {
  {
    "ORG_MIXED_MODE", EXTOPO_SEVERITY_ERROR, EXTOPO_OBJECT_ORGANIZATION,
    check_org_mixed_mode,
    N_("Organization “%s” runs in mixed mode; Exchange Server 2007 needs native mode."),
    NATIVE_MODE_STEPS,
    FALSE, TRUE,
  },
  {
    "ORG_MODE_UNSET", EXTOPO_SEVERITY_ERROR, EXTOPO_OBJECT_ORGANIZATION,
    check_org_mode_unset,
    N_("Organization “%s” has no msExchMixedMode value; Exchange treats it as mixed mode, "
       "and Exchange Server 2007 needs native mode."),
    NATIVE_MODE_STEPS,
    FALSE, TRUE,
  },
  {
    "ORG_SRS_PRESENT", EXTOPO_SEVERITY_ERROR, EXTOPO_OBJECT_ORGANIZATION,
    check_org_srs_present,
    N_("Organization “%s” still holds Site Replication Service objects (%s); they keep it "
       "in mixed mode."),
    N_("Once no Exchange Server 5.5 server remains, delete every Site Replication Service in "
       "Exchange System Manager (Tools → Site Replication Services), then switch organization "
       "“%s” to native mode."),
    FALSE, TRUE,
  },
  {
    "ORG_ADC_PRESENT", EXTOPO_SEVERITY_ERROR, EXTOPO_OBJECT_ORGANIZATION,
    check_org_adc_present,
    N_("Organization “%s” still has Active Directory Connector connection agreements (%s); "
       "they keep it in mixed mode."),
    N_("Once no Exchange Server 5.5 directory needs synchronizing, delete every connection "
       "agreement in Active Directory Connector Services and uninstall the Active Directory "
       "Connector, then switch organization “%s” to native mode."),
    FALSE, TRUE,
  },
  {
    "ORG_MULTIPLE_ORGANIZATIONS", EXTOPO_SEVERITY_WARNING, EXTOPO_OBJECT_ORGANIZATION,
    check_org_multiple,
    N_("The directory data holds organization “%s” and also %s. A forest holds one Exchange "
       "organization: the data joins exports of several forests, or was read from too wide a "
       "search base."),
    N_("Export each forest's CN=Microsoft Exchange,CN=Services,CN=Configuration container on "
       "its own and open the export of the forest that holds organization “%s”; each "
       "organization's readiness is shown separately until then."),
    FALSE, FALSE,
  },
  {
    "ORG_AWAITING_FIRST_HUB", EXTOPO_SEVERITY_INFO, EXTOPO_OBJECT_ORGANIZATION,
    check_org_awaiting_first_hub,
    N_("Organization “%s” is prepared for Exchange Server 2007 (setup /PrepareAD made its "
       "administrative and routing groups), but no server has the Hub Transport role yet, so "
       "no routing group connector joins it to the legacy routing groups. That is expected at "
       "this stage."),
    N_("Install the first Exchange Server 2007 Hub Transport server (setup "
       "/LegacyRoutingServer:<an Exchange 2003 bridgehead>) in organization “%s”: its setup "
       "creates the routing group connector pair to the legacy routing groups."),
    FALSE, FALSE,
  },
  {
    "SERVER_EXCHANGE_55", EXTOPO_SEVERITY_ERROR, EXTOPO_OBJECT_SERVER,
    check_server_exchange_55,
    N_("Server “%s” runs Exchange Server 5.5, which cannot coexist with Exchange Server 2007."),
    N_("Move the mailboxes, public folders and connectors of “%s” to an Exchange 2000 or "
       "Exchange 2003 server, then remove Exchange Server 5.5 from it with Exchange "
       "Administrator and Setup."),
    FALSE, TRUE,
  },
  {
    "SERVER_VERSION_PAIR_UNSUPPORTED", EXTOPO_SEVERITY_ERROR, EXTOPO_OBJECT_SERVER,
    check_server_version_pair,
    N_("Server “%s” runs a version the organization's newer Exchange servers cannot coexist "
       "with: %s (Microsoft's supportability matrices)."),
    N_("Upgrade “%s” to the level the newer version needs, or move its mailboxes, public "
       "folders and connectors to a supported server and remove it; until then the newer "
       "version is not supported in this organization."),
    FALSE, TRUE,
  },
  {
    "SERVER_SP_BELOW_MINIMUM", EXTOPO_SEVERITY_WARNING, EXTOPO_OBJECT_SERVER,
    check_server_sp_below_minimum,
    N_("Server “%s” runs %s; coexistence with Exchange Server 2007 needs Exchange Server 2003 "
       "SP2, or Exchange 2000 Server SP3 with the post-SP3 update rollup (a minimum taken "
       "from secondary sources)."),
    N_("Install Exchange Server 2003 SP2 (or Exchange 2000 Server SP3 and its post-SP3 update "
       "rollup) on “%s”, or confirm that the rollup is installed."),
    TRUE, FALSE,
  },
  {
    "SERVER_VERSION_UNKNOWN", EXTOPO_SEVERITY_WARNING, EXTOPO_OBJECT_SERVER,
    check_server_version_unknown,
    N_("The Exchange version of server “%s” cannot be read (“%s”)."),
    N_("Check the serialNumber and versionNumber attributes of “%s”, or look the version up "
       "on the server itself."),
    FALSE, FALSE,
  },
  {
    "SERVER_VERSION_MISMATCH", EXTOPO_SEVERITY_WARNING, EXTOPO_OBJECT_SERVER,
    check_server_version_mismatch,
    N_("The version attributes of server “%s” disagree (%s): the object was edited by hand or "
       "an upgrade did not finish, so its version shown here may be wrong."),
    N_("Check the version on “%s” itself (Get-ExchangeServer, or the Exchange System Manager "
       "properties) and run setup again if an upgrade stopped half-way."),
    FALSE, FALSE,
  },
  {
    "SERVER_2007_OUTSIDE_INTEROP_GROUPS", EXTOPO_SEVERITY_ERROR, EXTOPO_OBJECT_SERVER,
    check_server_2007_outside_interop_groups,
    N_("Server “%s” runs Exchange Server 2007 or later but lies in “%s”, outside the "
       "Exchange 2007 administrative and routing groups."),
    N_("Exchange Server 2007 and later servers belong in Exchange Administrative Group "
       "(FYDIBOHF23SPDLT) and Exchange Routing Group (DWBGZMFD01QNBJR). Remove Exchange from "
       "“%s” and install it again so that Setup places it there; manage it with its own "
       "version's tools (the Exchange Management Console / Shell for Exchange 2007), never "
       "with Exchange System Manager."),
    FALSE, FALSE,
  },
  {
    "SERVER_LEGACY_IN_INTEROP_GROUPS", EXTOPO_SEVERITY_ERROR, EXTOPO_OBJECT_SERVER,
    check_server_legacy_in_interop_groups,
    N_("Legacy server “%s” lies in “%s”, a group that belongs to Exchange Server 2007."),
    N_("Move “%s” to a legacy routing group with Exchange System Manager; a server cannot "
       "change administrative group, so one in the Exchange 2007 administrative group must "
       "be removed and installed again in a legacy one. Do not modify the Exchange 2007 "
       "groups with Exchange System Manager."),
    FALSE, FALSE,
  },
  {
    "SERVER_2007_EDGE_ROLE", EXTOPO_SEVERITY_WARNING, EXTOPO_OBJECT_SERVER,
    check_server_2007_edge_role,
    N_("Edge Transport server “%s” is in the organization's directory without the marks an "
       "Edge subscription writes (EdgeSync credentials, the EdgeSync ADAM SSL port, or "
       "transport flag 0x10000): it is a stale or hand-made object, or its subscription "
       "was removed."),
    N_("If “%s” should relay Internet mail, subscribe it again: New-EdgeSubscription on the "
       "Edge server, then New-EdgeSubscription -FileName on a Hub Transport server. Otherwise "
       "remove the server object with the Exchange Management Shell."),
    FALSE, FALSE,
  },
  {
    "SITE_MAILBOX_WITHOUT_HUB", EXTOPO_SEVERITY_ERROR, EXTOPO_OBJECT_SITE,
    check_site_mailbox_without_hub,
    N_("Active Directory site “%s” has Mailbox servers without a Hub Transport server of "
       "their version in the site (%s): mail to and from their mailboxes cannot be "
       "delivered, since Exchange 2007 and later route by site."),
    N_("Install the Hub Transport role on a server of the same Exchange version in site "
       "“%s”, or on one of its Mailbox servers."),
    FALSE, FALSE,
  },
  {
    "SITE_MAILBOX_WITHOUT_CAS", EXTOPO_SEVERITY_WARNING, EXTOPO_OBJECT_SITE,
    check_site_mailbox_without_cas,
    N_("Active Directory site “%s” has Mailbox servers without a Client Access server of "
       "their version in the site (%s): Outlook Web Access, ActiveSync and the Availability "
       "service cannot reach those mailboxes from within the site."),
    N_("Install the Client Access role on a server of the same Exchange version in site "
       "“%s”."),
    FALSE, FALSE,
  },
  {
    "RG_NO_PATH_TO_2007", EXTOPO_SEVERITY_ERROR, EXTOPO_OBJECT_ROUTING_GROUP,
    check_rg_no_path_to_2007,
    N_("Routing group “%s” has no two-way path to Exchange Routing Group "
       "(DWBGZMFD01QNBJR): %s."),
    N_("Create a two-way routing group connector between “%s” (or a routing group it reaches "
       "both ways) and Exchange Routing Group (DWBGZMFD01QNBJR) with the Exchange Management "
       "Shell (New-RoutingGroupConnector -BiDirectional $true)."),
    FALSE, FALSE,
  },
  {
    "CONNECTOR_ONE_WAY", EXTOPO_SEVERITY_WARNING, EXTOPO_OBJECT_CONNECTOR,
    check_connector_one_way,
    N_("Routing group connector “%s” carries mail one way only, to “%s”: no connector "
       "comes back."),
    N_("Create the reciprocal routing group connector in routing group “%s” (Exchange System "
       "Manager offers it when the connector is created), or remove the connector if one-way "
       "routing is intended."),
    FALSE, FALSE,
  },
  {
    "CONNECTOR_BRIDGEHEAD_NOT_HUB", EXTOPO_SEVERITY_ERROR, EXTOPO_OBJECT_CONNECTOR,
    check_connector_bridgehead_not_hub,
    N_("Routing group connector “%s” has bridgeheads that cannot serve their end: %s. The "
       "Exchange 2007 end needs Hub Transport servers, the legacy end Exchange 2000 or "
       "Exchange 2003 servers."),
    N_("Set the bridgeheads of “%s” with Set-RoutingGroupConnector -SourceTransportServers "
       "(Hub Transport servers) and -TargetTransportServers (Exchange 2000/2003 servers)."),
    FALSE, FALSE,
  },
  {
    "CONNECTOR_FOREIGN_GATEWAY", EXTOPO_SEVERITY_WARNING, EXTOPO_OBJECT_CONNECTOR,
    check_connector_foreign_gateway,
    N_("Connector “%s” is a foreign mail gateway that Exchange Server 2007 cannot take over."),
    N_("Plan the retirement of “%s” (move its users and directory synchronization to SMTP or "
       "a current gateway) before the legacy server that hosts it is removed."),
    FALSE, FALSE,
  },
  {
    "CONNECTOR_DANGLING_REFERENCE", EXTOPO_SEVERITY_ERROR, RULE_SUBJECT_DANGLING_REF,
    check_dangling_reference,
    N_("“%s” links to an object missing from the directory data (%s)."),
    N_("Check whether the object “%s” links to was deleted or left out of the export; fix or "
       "remove the link with the tools of the object's Exchange version."),
    FALSE, FALSE,
  },
  {
    "LINK_STATE_SUPPRESSION_ADVISED", EXTOPO_SEVERITY_WARNING, EXTOPO_OBJECT_ROUTING_GROUP,
    check_link_state_suppression,
    N_("Routing group “%s” is joined to the legacy routing groups by %s routing group "
       "connections, and more than one legacy routing group exists: link state updates from "
       "Exchange 2000/2003 servers can cause routing loops and lost mail."),
    N_("Suppress link state updates on every Exchange 2000 and Exchange 2003 server: set the "
       "DWORD SuppressStateChanges to 1 under "
       "HKEY_LOCAL_MACHINE\\System\\CurrentControlSet\\Services\\RESvc\\Parameters and restart "
       "the SMTP, Microsoft Exchange Routing Engine and Microsoft Exchange MTA Stacks services. "
       "Exchange Server 2007 (“%s”) does not use link state."),
    FALSE, FALSE,
  },
};

const Rule *
extopo_findings_get_rules (gsize *n_rules)
{
  *n_rules = G_N_ELEMENTS (rules);
  return rules;
}

const Rule *
extopo_findings_lookup_rule (const char *id)
{
  for (gsize i = 0; i < G_N_ELEMENTS (rules); i++)
    if (g_strcmp0 (rules[i].id, id) == 0)
      return &rules[i];

  return NULL;
}
