/* extopo-findings.c: the coexistence rules, table-driven.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-findings"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "extopo-dn.h"

#include "extopo-findings-private.h"

const char *const *
extopo_findings_get_ids (void)
{
  static const char **ids = NULL;

  if (g_once_init_enter (&ids))
    {
      gsize n_rules;
      const Rule *rules = extopo_findings_get_rules (&n_rules);
      const char **built = g_new0 (const char *, n_rules + 1);

      for (gsize i = 0; i < n_rules; i++)
        built[i] = rules[i].id;
      g_once_init_leave (&ids, built);
    }

  return ids;
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

/* ------------------------------------------------------------------ */
/* Routing edges and reachability                                      */

/* A routing group connector whose target bridgeheads were named and none of
 * them exists carries nothing (for one out of DWBGZMFD01QNBJR: Exchange 2007
 * has no legacy server to hand mail to). Connectors that name no target
 * bridgehead let any server of the target group receive. */
static gboolean
routing_group_connector_carries (ExtopoConnector *connector)
{
  return connector->n_target_bridgehead_dns == 0 || connector->target_bridgeheads->len > 0;
}

void
extopo_findings_foreach_routing_edge (ExtopoModel     *model,
                                      RoutingEdgeFunc  func,
                                      gpointer         user_data)
{
  GPtrArray *connectors = extopo_model_get_connectors (model);

  for (guint i = 0; i < connectors->len; i++)
    {
      ExtopoConnector *connector = g_ptr_array_index (connectors, i);

      if (connector->source == NULL)
        continue;

      if (connector->type == EXTOPO_CONNECTOR_ROUTING_GROUP)
        {
          if (connector->target != NULL && connector->target != connector->source &&
              routing_group_connector_carries (connector))
            func (connector, connector->source, connector->target, user_data);
          continue;
        }

      /* Exchange 2007 reaches legacy groups only over routing group
       * connectors: its Send connectors' connected groups do not count. */
      if ((connector->type == EXTOPO_CONNECTOR_SMTP || connector->type == EXTOPO_CONNECTOR_X400) &&
          !connector->source->interop)
        for (guint g = 0; g < connector->connected_routing_groups->len; g++)
          func (connector, connector->source,
                g_ptr_array_index (connector->connected_routing_groups, g), user_data);
    }
}

typedef struct
{
  GPtrArray *forward;    /* by routing group index: GPtrArray of ExtopoRoutingGroup* */
  GPtrArray *backward;
} Adjacency;

static void
adjacency_add_cb (ExtopoConnector    *connector,
                  ExtopoRoutingGroup *from,
                  ExtopoRoutingGroup *to,
                  gpointer            user_data)
{
  Adjacency *adjacency = user_data;

  g_ptr_array_add (g_ptr_array_index (adjacency->forward, from->index), to);
  g_ptr_array_add (g_ptr_array_index (adjacency->backward, to->index), from);
}

/* Breadth-first from every DWBGZMFD01QNBJR group over @edges. */
static void
reach_mark (RuleContext *ctx,
            GPtrArray   *edges,
            guint8       bit)
{
  GPtrArray *groups = extopo_model_get_routing_groups (ctx->model);
  g_autoptr(GQueue) queue = g_queue_new ();

  for (guint i = 0; i < groups->len; i++)
    {
      ExtopoRoutingGroup *group = g_ptr_array_index (groups, i);

      if (group->interop)
        {
          ctx->reach[group->index] |= bit;
          g_queue_push_tail (queue, group);
        }
    }

  while (!g_queue_is_empty (queue))
    {
      ExtopoRoutingGroup *group = g_queue_pop_head (queue);
      GPtrArray *next = g_ptr_array_index (edges, group->index);

      for (guint i = 0; i < next->len; i++)
        {
          ExtopoRoutingGroup *other = g_ptr_array_index (next, i);

          if ((ctx->reach[other->index] & bit) == 0)
            {
              ctx->reach[other->index] |= bit;
              g_queue_push_tail (queue, other);
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
  Adjacency adjacency;

  ctx->model = model;
  ctx->org_has_2007 = g_new0 (gboolean, orgs->len + 1);
  ctx->org_has_hub = g_new0 (gboolean, orgs->len + 1);
  ctx->org_legacy_groups = g_new0 (guint, orgs->len + 1);
  ctx->reach = g_new0 (guint8, groups->len + 1);
  ctx->product_servers = g_new0 (ExtopoServer *, (orgs->len + 1) * N_PRODUCTS);

  for (guint i = 0; i < groups->len; i++)
    {
      ExtopoRoutingGroup *group = g_ptr_array_index (groups, i);
      ExtopoOrganization *org = extopo_model_object_get_organization (EXTOPO_OBJECT_ROUTING_GROUP,
                                                                      group);

      if (org == NULL)
        continue;
      if (group->interop)
        ctx->org_has_2007[org->index] = TRUE;
      else
        for (guint s = 0; s < group->servers->len; s++)
          if (extopo_server_is_legacy (g_ptr_array_index (group->servers, s)))
            {
              ctx->org_legacy_groups[org->index]++;
              break;
            }
    }

  for (guint i = 0; i < servers->len; i++)
    {
      ExtopoServer *server = g_ptr_array_index (servers, i);
      ExtopoOrganization *org = extopo_model_object_get_organization (EXTOPO_OBJECT_SERVER,
                                                                      server);

      if (org == NULL)
        continue;
      if (server->version.known && server->version.product < N_PRODUCTS &&
          ctx->product_servers[org->index * N_PRODUCTS + server->version.product] == NULL)
        ctx->product_servers[org->index * N_PRODUCTS + server->version.product] = server;
      if (!extopo_server_is_exchange_2007 (server))
        continue;
      ctx->org_has_2007[org->index] = TRUE;
      if (extopo_server_is_hub (server))
        ctx->org_has_hub[org->index] = TRUE;
    }

  adjacency.forward = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  adjacency.backward = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < groups->len; i++)
    {
      g_ptr_array_add (adjacency.forward, g_ptr_array_new ());
      g_ptr_array_add (adjacency.backward, g_ptr_array_new ());
    }
  extopo_findings_foreach_routing_edge (model, adjacency_add_cb, &adjacency);

  /* Reaching the interop group follows edges backwards from it. */
  reach_mark (ctx, adjacency.backward, REACH_TO_2007);
  reach_mark (ctx, adjacency.forward, REACH_FROM_2007);

  g_ptr_array_unref (adjacency.forward);
  g_ptr_array_unref (adjacency.backward);
}

static void
rule_context_clear (RuleContext *ctx)
{
  g_clear_pointer (&ctx->org_has_2007, g_free);
  g_clear_pointer (&ctx->org_has_hub, g_free);
  g_clear_pointer (&ctx->org_legacy_groups, g_free);
  g_clear_pointer (&ctx->reach, g_free);
  g_clear_pointer (&ctx->product_servers, g_free);
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
    case EXTOPO_OBJECT_SITE:
      return extopo_model_get_sites (model);
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
      RuleHit hit = { rule->severity, NULL, NULL, NULL, NULL };
      ExtopoFinding *finding;
      const char *name;

      if (!rule->check (ctx, subject, &hit))
        {
          g_free (hit.arg);
          g_free (hit.remedy_arg);
          g_free (hit.message);
          g_free (hit.remedy);
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

      if (hit.message != NULL)
        finding->message = g_steal_pointer (&hit.message);
      else
        finding->message = format_rule_text (_(rule->message), name,
                                             hit.arg != NULL ? hit.arg : "");
      if (hit.remedy != NULL)
        finding->remedy = g_steal_pointer (&hit.remedy);
      else
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
  ExtopoStatus status = extopo_findings_get_status (server->findings);

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
  const Rule *rules;
  gsize n_rules;
  RuleContext ctx;

  g_return_if_fail (EXTOPO_IS_MODEL (model));

  for (guint s = 0; s <= EXTOPO_SEVERITY_ERROR; s++)
    by_severity[s] = g_ptr_array_new ();

  rules = extopo_findings_get_rules (&n_rules);
  rule_context_init (&ctx, model);
  for (gsize i = 0; i < n_rules; i++)
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

/* The organization a finding counts against: its subject's, or for a
 * subject outside every organization (a dangling link of an object the
 * model could not place), the organization whose DN holds the subject's,
 * or the only one. */
static ExtopoOrganization *
finding_get_organization (ExtopoModel   *model,
                          ExtopoFinding *finding)
{
  GPtrArray *orgs = extopo_model_get_organizations (model);
  ExtopoOrganization *org;
  g_autofree char *ndn = NULL;

  org = extopo_model_object_get_organization (finding->subject_kind, finding->subject);
  if (org != NULL)
    return org;
  if (orgs->len == 1)
    return g_ptr_array_index (orgs, 0);

  ndn = finding->subject_dn != NULL ? extopo_dn_normalize (finding->subject_dn, NULL) : NULL;
  for (guint i = 0; ndn != NULL && i < orgs->len; i++)
    {
      ExtopoOrganization *candidate = g_ptr_array_index (orgs, i);

      if (extopo_dn_is_descendant (ndn, candidate->ndn))
        return candidate;
    }

  return NULL;
}

/* At most this many findings are spelled out as reasons; the Findings list
 * holds them all. */
#define READINESS_REASONS_MAX 12

static void
append_reason (GString       *reasons,
               ExtopoFinding *finding)
{
  if (reasons->len > 0)
    g_string_append_c (reasons, '\n');
  /* Translators: a readiness reason: the problem, then how to fix it. */
  g_string_append_printf (reasons, _("%s Fix: %s"), finding->message, finding->remedy);
}

static void
readiness_describe (ExtopoReadiness *readiness,
                    GPtrArray       *blocking,
                    GPtrArray       *errors,
                    GPtrArray       *warnings)
{
  g_autoptr(GString) reasons = g_string_new (NULL);
  GPtrArray *listed;
  const char *name = readiness->organization != NULL ? readiness->organization->name : NULL;

  switch (readiness->state)
    {
    case EXTOPO_READINESS_NOT_READY:
      readiness->summary = g_strdup_printf (ngettext ("Not ready for Exchange Server 2007: "
                                                      "%u prerequisite is not met.",
                                                      "Not ready for Exchange Server 2007: "
                                                      "%u prerequisites are not met.",
                                                      blocking->len),
                                            blocking->len);
      listed = blocking;
      break;
    case EXTOPO_READINESS_READY_WITH_FINDINGS:
      readiness->summary = g_strdup_printf (ngettext ("Prerequisites for Exchange Server 2007 are "
                                                      "met, but %u error is still open.",
                                                      "Prerequisites for Exchange Server 2007 are "
                                                      "met, but %u errors are still open.",
                                                      errors->len),
                                            errors->len);
      listed = errors;
      break;
    case EXTOPO_READINESS_READY:
    default:
      if (warnings->len == 0)
        readiness->summary = g_strdup (_("Ready for Exchange Server 2007."));
      else
        readiness->summary = g_strdup_printf (ngettext ("Ready for Exchange Server 2007, with "
                                                        "%u warning to review.",
                                                        "Ready for Exchange Server 2007, with "
                                                        "%u warnings to review.",
                                                        warnings->len),
                                              warnings->len);
      listed = warnings;
      break;
    }

  /* With several organizations, say which one the verdict is about. */
  if (name != NULL && readiness->n_organizations > 1)
    {
      char *named = g_strdup_printf (_("Organization “%s”: %s"), name, readiness->summary);

      g_free (readiness->summary);
      readiness->summary = named;
    }

  for (guint i = 0; i < listed->len && i < READINESS_REASONS_MAX; i++)
    append_reason (reasons, g_ptr_array_index (listed, i));
  if (listed->len > READINESS_REASONS_MAX)
    {
      guint more = listed->len - READINESS_REASONS_MAX;

      g_string_append_c (reasons, '\n');
      g_string_append_printf (reasons, ngettext ("And %u more in the Findings list.",
                                                 "And %u more in the Findings list.", more),
                              more);
    }

  readiness->reasons = reasons->len > 0 ? g_string_free (g_steal_pointer (&reasons), FALSE) :
                       NULL;
}

void
extopo_readiness_compute_for_organization (ExtopoModel        *model,
                                           ExtopoOrganization *organization,
                                           ExtopoReadiness    *readiness)
{
  g_autoptr(GPtrArray) blocking = g_ptr_array_new ();
  g_autoptr(GPtrArray) errors = g_ptr_array_new ();
  g_autoptr(GPtrArray) warnings = g_ptr_array_new ();
  GPtrArray *findings;

  g_return_if_fail (EXTOPO_IS_MODEL (model));
  g_return_if_fail (readiness != NULL);

  if (!extopo_model_get_findings_evaluated (model))
    extopo_findings_evaluate (model);

  memset (readiness, 0, sizeof *readiness);
  readiness->organization = organization;
  readiness->n_organizations = extopo_model_get_organizations (model)->len;

  findings = extopo_model_get_findings (model);
  for (guint i = 0; i < findings->len; i++)
    {
      ExtopoFinding *finding = g_ptr_array_index (findings, i);
      const Rule *rule;

      if (organization != NULL && finding_get_organization (model, finding) != organization)
        continue;

      rule = extopo_findings_lookup_rule (finding->id);
      if (rule != NULL && rule->blocks_readiness)
        g_ptr_array_add (blocking, finding);
      if (finding->severity == EXTOPO_SEVERITY_ERROR)
        g_ptr_array_add (errors, finding);
      else if (finding->severity == EXTOPO_SEVERITY_WARNING)
        g_ptr_array_add (warnings, finding);
    }

  readiness->prerequisites_met = blocking->len == 0;
  readiness->n_errors = errors->len;
  readiness->n_warnings = warnings->len;
  if (!readiness->prerequisites_met)
    readiness->state = EXTOPO_READINESS_NOT_READY;
  else if (errors->len > 0)
    readiness->state = EXTOPO_READINESS_READY_WITH_FINDINGS;
  else
    readiness->state = EXTOPO_READINESS_READY;

  readiness_describe (readiness, blocking, errors, warnings);
}

/* Worse first: a lower state, then more errors, then more warnings. */
static gboolean
readiness_is_worse (const ExtopoReadiness *a,
                    const ExtopoReadiness *b)
{
  if (a->state != b->state)
    return a->state < b->state;
  if (a->n_errors != b->n_errors)
    return a->n_errors > b->n_errors;
  return a->n_warnings > b->n_warnings;
}

void
extopo_readiness_compute (ExtopoModel     *model,
                          ExtopoReadiness *readiness)
{
  GPtrArray *orgs;

  g_return_if_fail (EXTOPO_IS_MODEL (model));
  g_return_if_fail (readiness != NULL);

  orgs = extopo_model_get_organizations (model);
  if (orgs->len <= 1)
    {
      extopo_readiness_compute_for_organization (model, orgs->len == 1 ?
                                                 g_ptr_array_index (orgs, 0) : NULL,
                                                 readiness);
      return;
    }

  /* The verdict of the worst organization stands for the whole source. */
  extopo_readiness_compute_for_organization (model, g_ptr_array_index (orgs, 0), readiness);
  for (guint i = 1; i < orgs->len; i++)
    {
      ExtopoReadiness other;

      extopo_readiness_compute_for_organization (model, g_ptr_array_index (orgs, i), &other);
      if (readiness_is_worse (&other, readiness))
        {
          extopo_readiness_clear (readiness);
          *readiness = other;
        }
      else
        extopo_readiness_clear (&other);
    }
}

void
extopo_readiness_clear (ExtopoReadiness *readiness)
{
  g_return_if_fail (readiness != NULL);

  g_clear_pointer (&readiness->summary, g_free);
  g_clear_pointer (&readiness->reasons, g_free);
  readiness->state = EXTOPO_READINESS_NOT_READY;
  readiness->prerequisites_met = FALSE;
}

const char *
extopo_readiness_state_to_string (ExtopoReadinessState state)
{
  switch (state)
    {
    case EXTOPO_READINESS_READY:
      return "ready";
    case EXTOPO_READINESS_READY_WITH_FINDINGS:
      return "ready-with-findings";
    case EXTOPO_READINESS_NOT_READY:
    default:
      return "not-ready";
    }
}

const char *
extopo_readiness_state_get_display_name (ExtopoReadinessState state)
{
  switch (state)
    {
    case EXTOPO_READINESS_READY:
      return _("ready");
    case EXTOPO_READINESS_READY_WITH_FINDINGS:
      return _("ready with findings");
    case EXTOPO_READINESS_NOT_READY:
    default:
      return _("not ready");
    }
}

ExtopoStatus
extopo_readiness_get_status (const ExtopoReadiness *readiness)
{
  g_return_val_if_fail (readiness != NULL, EXTOPO_STATUS_ERROR);

  switch (readiness->state)
    {
    case EXTOPO_READINESS_READY:
      return EXTOPO_STATUS_OK;
    case EXTOPO_READINESS_READY_WITH_FINDINGS:
      return EXTOPO_STATUS_WARNING;
    case EXTOPO_READINESS_NOT_READY:
    default:
      return EXTOPO_STATUS_ERROR;
    }
}

ExtopoStatus
extopo_findings_get_status (GPtrArray *findings)
{
  ExtopoStatus status = EXTOPO_STATUS_OK;

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      ExtopoFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity == EXTOPO_SEVERITY_ERROR)
        status = MAX (status, EXTOPO_STATUS_ERROR);
      else if (finding->severity == EXTOPO_SEVERITY_WARNING)
        status = MAX (status, EXTOPO_STATUS_WARNING);
    }

  return status;
}
