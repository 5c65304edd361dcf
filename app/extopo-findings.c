/* extopo-findings.c: the coexistence rules, table-driven.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-findings"

#include "config.h"

#include <glib/gi18n.h>

#include "extopo-findings.h"

/* The rules run over one kind of subject each; this one means "every
 * dangling reference", whatever object holds it. */
#define RULE_SUBJECT_DANGLING_REF EXTOPO_OBJECT_NONE

/* Reachability bits per routing group, over routing group connectors. */
enum
{
  REACH_TO_2007   = 1 << 0,   /* mail from this group can reach DWBGZMFD01QNBJR */
  REACH_FROM_2007 = 1 << 1,   /* mail from DWBGZMFD01QNBJR can reach this group */
};

typedef struct
{
  ExtopoModel *model;
  gboolean    *org_has_2007;   /* by organization index */
  guint8      *reach;          /* by routing group index */
} RuleContext;

/* What a check says about a subject when its rule fires. */
typedef struct
{
  ExtopoSeverity severity;    /* preset to the rule's */
  char          *arg;         /* the message's second %s, owned; "" when NULL */
  char          *remedy_arg;  /* the remedy's %s, owned; the subject's name when NULL */
} RuleHit;

typedef gboolean (*RuleCheck) (RuleContext *ctx,
                               gpointer     subject,
                               RuleHit     *hit);

typedef struct
{
  const char       *id;
  ExtopoSeverity    severity;
  ExtopoObjectKind  applies_to;
  RuleCheck         check;
  /* Translatable formats: the message takes the subject's name then
   * hit->arg; the remedy takes hit->remedy_arg (or the name). */
  const char       *message;
  const char       *remedy;
  gboolean          secondary_source;
  /* Part of the organization-wide readiness answer. */
  gboolean          blocks_readiness;
} Rule;

/* ------------------------------------------------------------------ */
/* Checks                                                              */

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

  switch (server->version.product)
    {
    case EXTOPO_PRODUCT_EXCHANGE_2003:
      if (sp >= 2)
        return FALSE;
      break;
    case EXTOPO_PRODUCT_EXCHANGE_2000:
      if (sp > 3)
        return FALSE;
      if (sp == 3)
        hit->severity = EXTOPO_SEVERITY_INFO;
      break;
    case EXTOPO_PRODUCT_UNKNOWN:
    case EXTOPO_PRODUCT_EXCHANGE_55:
    case EXTOPO_PRODUCT_EXCHANGE_2007:
    case EXTOPO_PRODUCT_EXCHANGE_2010:
    case EXTOPO_PRODUCT_EXCHANGE_2013:
    case EXTOPO_PRODUCT_EXCHANGE_2016:
    case EXTOPO_PRODUCT_EXCHANGE_2019:
    case EXTOPO_PRODUCT_EXCHANGE_SE:
    case EXTOPO_PRODUCT_LATER:
    default:
      return FALSE;
    }

  hit->arg = extopo_version_get_display_name (&server->version);
  return TRUE;
}

static gboolean
check_server_version_unknown (RuleContext *ctx,
                              gpointer     subject,
                              RuleHit     *hit)
{
  ExtopoServer *server = subject;

  if (server->version.known && server->version.product != EXTOPO_PRODUCT_UNKNOWN)
    return FALSE;

  hit->arg = g_strdup (server->serial_number != NULL ? server->serial_number :
                       server->version_number != NULL ? server->version_number : "");
  return TRUE;
}

static gboolean
server_is_legacy (ExtopoServer *server)
{
  return server->version.product == EXTOPO_PRODUCT_EXCHANGE_55 ||
         server->version.product == EXTOPO_PRODUCT_EXCHANGE_2000 ||
         server->version.product == EXTOPO_PRODUCT_EXCHANGE_2003;
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

  if (!server_is_legacy (server))
    return FALSE;

  hit->arg = g_strdup (server_find_group (server, TRUE));
  return hit->arg != NULL;
}

static gboolean
check_server_2007_edge_role (RuleContext *ctx,
                             gpointer     subject,
                             RuleHit     *hit)
{
  ExtopoServer *server = subject;

  return server->roles_known &&
         (server->roles & EXTOPO_ROLE_EDGE_TRANSPORT) != 0 &&
         extopo_server_is_exchange_2007 (server);
}

/* Fires for a legacy routing group with servers when its organization has
 * Exchange 2007 and mail cannot travel both ways between the group and the
 * DWBGZMFD01QNBJR group over routing group connectors: one direction is not
 * enough, since Exchange 2007 users must be able to answer. */
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
  if (org == NULL || !ctx->org_has_2007[org->index])
    return FALSE;

  reach = ctx->reach[group->index];
  if ((reach & (REACH_TO_2007 | REACH_FROM_2007)) == (REACH_TO_2007 | REACH_FROM_2007))
    return FALSE;

  if (reach & REACH_FROM_2007)
    hit->arg = g_strdup (_("mail from it cannot reach Exchange Server 2007"));
  else if (reach & REACH_TO_2007)
    hit->arg = g_strdup (_("mail from Exchange Server 2007 cannot reach it"));
  else
    hit->arg = g_strdup (_("no routing group connector path leads to or from "
                           "Exchange Server 2007"));

  hit->severity = EXTOPO_SEVERITY_ERROR;
  return TRUE;
}

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

static guint
count_connectors_into (ExtopoModel        *model,
                       ExtopoRoutingGroup *group)
{
  GPtrArray *connectors = extopo_model_get_connectors (model);
  guint count = 0;

  for (guint i = 0; i < connectors->len; i++)
    {
      ExtopoConnector *connector = g_ptr_array_index (connectors, i);

      if (connector->type == EXTOPO_CONNECTOR_ROUTING_GROUP &&
          connector->target == group &&
          connector->source != NULL &&
          connector->source != group)
        count++;
    }

  return count;
}

static gboolean
check_link_state_suppression (RuleContext *ctx,
                              gpointer     subject,
                              RuleHit     *hit)
{
  ExtopoRoutingGroup *group = subject;
  guint count;

  if (!group->interop)
    return FALSE;

  count = count_connectors_into (ctx->model, group);
  if (count <= 1)
    return FALSE;

  hit->arg = g_strdup_printf ("%u", count);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The table                                                           */

/* Shared by both mode rules. */
static const char native_mode_steps[] =
  N_("Remove every Exchange Server 5.5 server, Site Replication Service and Active Directory "
     "Connector connection agreement first. Then, in Exchange System Manager, right-click "
     "organization “%s”, choose Properties, and on the General tab click Change Operations "
     "Mode, then Change Mode. The switch cannot be undone.");

static const Rule rules[] = {
  {
    "ORG_MIXED_MODE", EXTOPO_SEVERITY_ERROR, EXTOPO_OBJECT_ORGANIZATION,
    check_org_mixed_mode,
    N_("Organization “%s” runs in mixed mode; Exchange Server 2007 needs native mode."),
    native_mode_steps,
    FALSE, TRUE,
  },
  {
    "ORG_MODE_UNSET", EXTOPO_SEVERITY_ERROR, EXTOPO_OBJECT_ORGANIZATION,
    check_org_mode_unset,
    N_("Organization “%s” has no msExchMixedMode value; Exchange treats it as mixed mode, "
       "and Exchange Server 2007 needs native mode."),
    native_mode_steps,
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
    "SERVER_EXCHANGE_55", EXTOPO_SEVERITY_ERROR, EXTOPO_OBJECT_SERVER,
    check_server_exchange_55,
    N_("Server “%s” runs Exchange Server 5.5, which cannot coexist with Exchange Server 2007."),
    N_("Move the mailboxes, public folders and connectors of “%s” to an Exchange 2000 or "
       "Exchange 2003 server, then remove Exchange Server 5.5 from it with Exchange "
       "Administrator and Setup."),
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
    "SERVER_2007_OUTSIDE_INTEROP_GROUPS", EXTOPO_SEVERITY_ERROR, EXTOPO_OBJECT_SERVER,
    check_server_2007_outside_interop_groups,
    N_("Exchange Server 2007 server “%s” lies in “%s”, outside the Exchange 2007 "
       "administrative and routing groups."),
    N_("Exchange Server 2007 servers belong in Exchange Administrative Group (FYDIBOHF23SPDLT) "
       "and Exchange Routing Group (DWBGZMFD01QNBJR). Remove Exchange Server 2007 from “%s” "
       "and install it again so that Setup places it there; manage it with the Exchange "
       "Management Console / Shell, never with Exchange System Manager."),
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
    N_("Server “%s” has the Edge Transport role, which lives outside the organization's "
       "Active Directory."),
    N_("Install Edge Transport on a stand-alone computer in the perimeter network, subscribe "
       "it to the organization with EdgeSync, and remove Exchange Server 2007 from “%s” with "
       "the Exchange Management Console / Shell or Setup."),
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
    N_("Routing group “%s” is reached by %s routing group connectors from legacy routing "
       "groups."),
    N_("Suppress link state updates on every Exchange 2000 and Exchange 2003 server: set the "
       "DWORD SuppressStateChanges to 1 under "
       "HKEY_LOCAL_MACHINE\\System\\CurrentControlSet\\Services\\RESvc\\Parameters and restart "
       "the SMTP, Microsoft Exchange Routing Engine and Microsoft Exchange MTA Stacks services. "
       "Exchange Server 2007 (“%s”) does not use link state."),
    FALSE, FALSE,
  },
};

static const char * const rule_ids[] = {
  "ORG_MIXED_MODE",
  "ORG_MODE_UNSET",
  "ORG_SRS_PRESENT",
  "ORG_ADC_PRESENT",
  "SERVER_EXCHANGE_55",
  "SERVER_SP_BELOW_MINIMUM",
  "SERVER_VERSION_UNKNOWN",
  "SERVER_2007_OUTSIDE_INTEROP_GROUPS",
  "SERVER_LEGACY_IN_INTEROP_GROUPS",
  "SERVER_2007_EDGE_ROLE",
  "RG_NO_PATH_TO_2007",
  "CONNECTOR_ONE_WAY",
  "CONNECTOR_DANGLING_REFERENCE",
  "LINK_STATE_SUPPRESSION_ADVISED",
  NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (rules) + 1 == G_N_ELEMENTS (rule_ids));

const char * const *
extopo_findings_get_ids (void)
{
  return rule_ids;
}

/* ------------------------------------------------------------------ */
/* Running the rules                                                   */

/* The formats come from the rule table, translated: they are checked by
 * msgfmt's c-format test rather than by the compiler. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static char *
format_rule_text (const char *format,
                  const char *first,
                  const char *second)
{
  return g_strdup_printf (format, first, second);
}
#pragma GCC diagnostic pop

static void
reach_mark (RuleContext *ctx,
            GPtrArray   *connectors,
            guint8       bit,
            gboolean     backwards)
{
  GPtrArray *groups = extopo_model_get_routing_groups (ctx->model);

  for (guint i = 0; i < groups->len; i++)
    {
      ExtopoRoutingGroup *group = g_ptr_array_index (groups, i);

      if (group->interop)
        ctx->reach[group->index] |= bit;
    }

  /* Few connectors per group: a plain fixpoint over the connector list is
   * enough and needs no adjacency index. */
  for (gboolean changed = TRUE; changed;)
    {
      changed = FALSE;

      for (guint i = 0; i < connectors->len; i++)
        {
          ExtopoConnector *connector = g_ptr_array_index (connectors, i);
          ExtopoRoutingGroup *from;
          ExtopoRoutingGroup *to;

          if (connector->type != EXTOPO_CONNECTOR_ROUTING_GROUP ||
              connector->source == NULL || connector->target == NULL)
            continue;

          from = backwards ? connector->target : connector->source;
          to = backwards ? connector->source : connector->target;
          if ((ctx->reach[from->index] & bit) != 0 && (ctx->reach[to->index] & bit) == 0)
            {
              ctx->reach[to->index] |= bit;
              changed = TRUE;
            }
        }
    }
}

static void
rule_context_init (RuleContext *ctx,
                   ExtopoModel *model)
{
  GPtrArray *orgs = extopo_model_get_organizations (model);
  GPtrArray *groups = extopo_model_get_routing_groups (model);
  GPtrArray *servers = extopo_model_get_servers (model);
  GPtrArray *connectors = extopo_model_get_connectors (model);

  ctx->model = model;
  ctx->org_has_2007 = g_new0 (gboolean, orgs->len + 1);
  ctx->reach = g_new0 (guint8, groups->len + 1);

  for (guint i = 0; i < groups->len; i++)
    {
      ExtopoRoutingGroup *group = g_ptr_array_index (groups, i);

      if (group->interop && group->admin_group != NULL && group->admin_group->organization != NULL)
        ctx->org_has_2007[group->admin_group->organization->index] = TRUE;
    }

  for (guint i = 0; i < servers->len; i++)
    {
      ExtopoServer *server = g_ptr_array_index (servers, i);

      if (extopo_server_is_exchange_2007 (server) &&
          server->admin_group != NULL && server->admin_group->organization != NULL)
        ctx->org_has_2007[server->admin_group->organization->index] = TRUE;
    }

  /* Reaching the interop group follows connectors backwards from it. */
  reach_mark (ctx, connectors, REACH_TO_2007, TRUE);
  reach_mark (ctx, connectors, REACH_FROM_2007, FALSE);
}

static void
rule_context_clear (RuleContext *ctx)
{
  g_clear_pointer (&ctx->org_has_2007, g_free);
  g_clear_pointer (&ctx->reach, g_free);
}

static GPtrArray *
rule_get_subjects (const Rule  *rule,
                   ExtopoModel *model)
{
  switch (rule->applies_to)
    {
    case EXTOPO_OBJECT_ORGANIZATION:
      return extopo_model_get_organizations (model);
    case EXTOPO_OBJECT_ADMIN_GROUP:
      return extopo_model_get_admin_groups (model);
    case EXTOPO_OBJECT_ROUTING_GROUP:
      return extopo_model_get_routing_groups (model);
    case EXTOPO_OBJECT_SERVER:
      return extopo_model_get_servers (model);
    case EXTOPO_OBJECT_CONNECTOR:
      return extopo_model_get_connectors (model);
    case RULE_SUBJECT_DANGLING_REF:
    default:
      return extopo_model_get_dangling_refs (model);
    }
}

typedef void (*RuleHitFunc) (const Rule   *rule,
                             ExtopoFinding *finding,
                             gpointer      user_data);

/* Runs @rule over its subjects and hands each finding to @func, which
 * takes ownership. */
static void
rule_run (const Rule  *rule,
          RuleContext *ctx,
          RuleHitFunc  func,
          gpointer     user_data)
{
  GPtrArray *subjects = rule_get_subjects (rule, ctx->model);

  for (guint i = 0; i < subjects->len; i++)
    {
      gpointer subject = g_ptr_array_index (subjects, i);
      RuleHit hit = { rule->severity, NULL, NULL };
      ExtopoFinding *finding;
      const char *name;

      if (!rule->check (ctx, subject, &hit))
        {
          g_free (hit.arg);
          g_free (hit.remedy_arg);
          continue;
        }

      finding = g_new0 (ExtopoFinding, 1);
      finding->id = rule->id;
      finding->severity = hit.severity;
      finding->secondary_source = rule->secondary_source;

      if (rule->applies_to == RULE_SUBJECT_DANGLING_REF)
        {
          ExtopoDanglingRef *ref = subject;

          finding->subject_kind = ref->subject != NULL ? ref->subject_kind : EXTOPO_OBJECT_NONE;
          finding->subject = ref->subject;
          finding->subject_dn = g_strdup (ref->subject_dn);
        }
      else
        {
          finding->subject_kind = rule->applies_to;
          finding->subject = subject;
          finding->subject_dn = g_strdup (extopo_model_object_get_dn (rule->applies_to, subject));
        }

      name = finding->subject != NULL ?
             extopo_model_object_get_name (finding->subject_kind, finding->subject) : NULL;
      if (name == NULL)
        name = finding->subject_dn;

      finding->message = format_rule_text (_(rule->message), name, hit.arg != NULL ? hit.arg : "");
      finding->remedy = format_rule_text (_(rule->remedy),
                                          hit.remedy_arg != NULL ? hit.remedy_arg : name, "");
      g_free (hit.arg);
      g_free (hit.remedy_arg);

      func (rule, finding, user_data);
    }
}

static void
collect_by_severity_cb (const Rule    *rule,
                        ExtopoFinding *finding,
                        gpointer       user_data)
{
  GPtrArray **by_severity = user_data;

  g_ptr_array_add (by_severity[finding->severity], finding);
}

static void
update_server_status (ExtopoServer *server)
{
  ExtopoStatus status = EXTOPO_STATUS_OK;

  for (guint i = 0; i < server->findings->len; i++)
    {
      ExtopoFinding *finding = g_ptr_array_index (server->findings, i);

      if (finding->severity == EXTOPO_SEVERITY_ERROR)
        status = MAX (status, EXTOPO_STATUS_ERROR);
      else if (finding->severity == EXTOPO_SEVERITY_WARNING)
        status = MAX (status, EXTOPO_STATUS_WARNING);
    }

  /* Exchange 5.5 has no place next to Exchange 2007 at all. An unknown
   * version is only a warning: it may well be fine. */
  if (server->version.product == EXTOPO_PRODUCT_EXCHANGE_55)
    status = EXTOPO_STATUS_UNSUPPORTED;

  server->status = status;
}

void
extopo_findings_evaluate (ExtopoModel *model)
{
  g_autoptr(GPtrArray) findings = NULL;
  GPtrArray *by_severity[EXTOPO_SEVERITY_ERROR + 1];
  GPtrArray *servers;
  RuleContext ctx;

  g_return_if_fail (EXTOPO_IS_MODEL (model));

  for (guint s = 0; s <= EXTOPO_SEVERITY_ERROR; s++)
    by_severity[s] = g_ptr_array_new ();

  rule_context_init (&ctx, model);
  for (gsize i = 0; i < G_N_ELEMENTS (rules); i++)
    rule_run (&rules[i], &ctx, collect_by_severity_cb, by_severity);
  rule_context_clear (&ctx);

  /* Most severe first, table order within a severity. */
  findings = g_ptr_array_new_with_free_func ((GDestroyNotify) extopo_finding_free);
  for (int s = EXTOPO_SEVERITY_ERROR; s >= EXTOPO_SEVERITY_INFO; s--)
    {
      g_ptr_array_extend_and_steal (findings, by_severity[s]);
      by_severity[s] = NULL;
    }

  extopo_model_set_findings (model, findings);

  servers = extopo_model_get_servers (model);
  for (guint i = 0; i < servers->len; i++)
    update_server_status (g_ptr_array_index (servers, i));
}

void
extopo_finding_free (ExtopoFinding *finding)
{
  if (finding == NULL)
    return;

  g_free (finding->subject_dn);
  g_free (finding->message);
  g_free (finding->remedy);
  g_free (finding);
}

guint
extopo_findings_count_id (ExtopoModel *model,
                          const char  *id)
{
  GPtrArray *findings;
  guint count = 0;

  g_return_val_if_fail (EXTOPO_IS_MODEL (model), 0);
  g_return_val_if_fail (id != NULL, 0);

  findings = extopo_model_get_findings (model);
  for (guint i = 0; i < findings->len; i++)
    if (g_strcmp0 (((ExtopoFinding *) g_ptr_array_index (findings, i))->id, id) == 0)
      count++;

  return count;
}

/* ------------------------------------------------------------------ */
/* Readiness                                                           */

typedef struct
{
  GString *reasons;
  guint    count;
} ReadinessState;

static void
readiness_reason_cb (const Rule    *rule,
                     ExtopoFinding *finding,
                     gpointer       user_data)
{
  ReadinessState *state = user_data;

  if (state->reasons->len > 0)
    g_string_append_c (state->reasons, '\n');
  /* Translators: a readiness reason: the problem, then how to fix it. */
  g_string_append_printf (state->reasons, _("%s Fix: %s"), finding->message, finding->remedy);
  state->count++;

  extopo_finding_free (finding);
}

/* Computed from the model itself (the blocking rules run again), so it does
 * not matter whether extopo_findings_evaluate() ran. */
void
extopo_readiness_compute (ExtopoModel     *model,
                          ExtopoReadiness *readiness)
{
  g_autoptr(GString) reasons = g_string_new (NULL);
  ReadinessState state = { reasons, 0 };
  RuleContext ctx;
  GPtrArray *findings;
  guint n_errors;

  g_return_if_fail (EXTOPO_IS_MODEL (model));
  g_return_if_fail (readiness != NULL);

  rule_context_init (&ctx, model);
  for (gsize i = 0; i < G_N_ELEMENTS (rules); i++)
    if (rules[i].blocks_readiness)
      rule_run (&rules[i], &ctx, readiness_reason_cb, &state);
  rule_context_clear (&ctx);

  readiness->ready = state.count == 0;
  if (readiness->ready)
    {
      readiness->summary = g_strdup (_("Ready for Exchange Server 2007: native mode, no Exchange "
                                       "Server 5.5 server, no Site Replication Service and no "
                                       "Active Directory Connector."));
      readiness->reasons = NULL;

      /* The organization may be ready while a routing group still cannot
       * reach Exchange 2007 or a server is misplaced: say so, or the green
       * bar reads as "nothing to do". */
      n_errors = 0;
      findings = extopo_model_get_findings (model);
      for (guint i = 0; findings != NULL && i < findings->len; i++)
        {
          ExtopoFinding *finding = g_ptr_array_index (findings, i);

          if (finding->severity == EXTOPO_SEVERITY_ERROR)
            n_errors++;
        }
      if (n_errors > 0)
        readiness->reasons = g_strdup_printf (ngettext ("The organization meets the "
                                                        "prerequisites, but %u error in the "
                                                        "Findings list still needs attention "
                                                        "before Exchange 2007 servers take "
                                                        "over.",
                                                        "The organization meets the "
                                                        "prerequisites, but %u errors in the "
                                                        "Findings list still need attention "
                                                        "before Exchange 2007 servers take "
                                                        "over.",
                                                        n_errors),
                                              n_errors);
    }
  else
    {
      readiness->summary = g_strdup_printf (ngettext ("Not ready for Exchange Server 2007: "
                                                      "%u problem blocks it.",
                                                      "Not ready for Exchange Server 2007: "
                                                      "%u problems block it.",
                                                      state.count),
                                            state.count);
      readiness->reasons = g_string_free (g_steal_pointer (&reasons), FALSE);
    }
}

void
extopo_readiness_clear (ExtopoReadiness *readiness)
{
  g_return_if_fail (readiness != NULL);

  g_clear_pointer (&readiness->summary, g_free);
  g_clear_pointer (&readiness->reasons, g_free);
  readiness->ready = FALSE;
}
