/* extopo-model.h: the Exchange organization, built from directory entries.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "extopo-types.h"
#include "extopo-version.h"

G_BEGIN_DECLS

/* Every model object is a plain struct owned by its ExtopoModel; pointers
 * between them are borrowed and live as long as the model. `dn` is the
 * spelling found in the source, `ndn` its normalized form (extopo_dn_normalize). */

struct _ExtopoOrganization
{
  char          *dn;
  char          *ndn;
  char          *name;
  ExtopoOrgMode  mode;
  char          *guid;                /* objectGUID as "{xxxxxxxx-...}", lower case, or NULL */
  GPtrArray     *admin_groups;        /* ExtopoAdminGroup*, borrowed */
  GPtrArray     *srs_dns;             /* char*, msExchSiteReplicationService objects */
  /* char*, msExchConnectionAgreement objects. They live beside the
   * organizations (CN=Active Directory Connections,CN=Microsoft Exchange,...),
   * so each is counted against every organization of its CN=Microsoft
   * Exchange container, or every organization when none matches. */
  GPtrArray     *adc_dns;
  GPtrArray     *findings;            /* ExtopoFinding*, borrowed, set by findings */
  guint          index;
};

/* An Active Directory site that Exchange 2007 and later servers name in
 * msExchServerSite. An export of CN=Microsoft Exchange holds no site
 * objects, so a site is known by that DN alone. */
struct _ExtopoSite
{
  char               *dn;
  char               *ndn;
  char               *name;            /* the first RDN's value */
  ExtopoOrganization *organization;    /* that of its first server */
  GPtrArray          *servers;         /* ExtopoServer*, by server order */
  GPtrArray          *findings;        /* ExtopoFinding*, borrowed, set by findings */
  guint               index;
};

struct _ExtopoAdminGroup
{
  char               *dn;
  char               *ndn;
  char               *name;
  ExtopoOrganization *organization;
  gboolean            interop;        /* Exchange Administrative Group (FYDIBOHF23SPDLT) */
  int                 mode;           /* msExchAdminGroupMode, -1 when absent */
  gboolean            is_default;     /* msExchDefaultAdminGroup */
  char               *guid;           /* objectGUID as "{xxxxxxxx-...}", lower case, or NULL */
  GPtrArray          *routing_groups; /* ExtopoRoutingGroup*, defined under this group */
  GPtrArray          *servers;        /* ExtopoServer*, under CN=Servers of this group */
  GPtrArray          *findings;       /* ExtopoFinding*, borrowed, set by findings */
  guint               index;
};

struct _ExtopoRoutingGroup
{
  char             *dn;
  char             *ndn;
  char             *name;
  ExtopoAdminGroup *admin_group;
  gboolean          interop;          /* Exchange Routing Group (DWBGZMFD01QNBJR) */
  char             *master_dn;        /* msExchRoutingMasterDN as found, or NULL */
  ExtopoServer     *master;           /* NULL when absent or dangling */
  GPtrArray        *servers;          /* ExtopoServer* homed here */
  GPtrArray        *connectors;       /* ExtopoConnector* whose source is this group */
  char             *guid;             /* objectGUID as "{xxxxxxxx-...}", lower case, or NULL */
  /* msExchRoutingGroupMembersBL values as found (AD's computed backlink),
   * borrowed from the model; read only when a server lacks its forward link. */
  GPtrArray        *member_dns;
  GPtrArray        *findings;         /* ExtopoFinding*, borrowed, set by findings */
  guint             index;
};

struct _ExtopoServer
{
  char               *dn;
  char               *ndn;
  char               *name;
  char               *fqdn;             /* from networkAddress ncacn_ip_tcp:, or NULL */
  char               *guid;             /* objectGUID as "{xxxxxxxx-...}", lower case, or NULL */
  ExtopoAdminGroup   *admin_group;
  ExtopoRoutingGroup *routing_group;    /* NULL when unknown or dangling */
  char               *home_routing_group_dn; /* msExchHomeRoutingGroup as found, or NULL */
  gboolean            routing_group_by_fallback; /* Exchange 2007 without msExchHomeRoutingGroup */
  gboolean            routing_group_by_backlink; /* from a group's msExchRoutingGroupMembersBL */
  char               *serial_number;
  char               *version_number;   /* raw versionNumber text, or NULL */
  ExtopoVersion       version;
  guint               roles;            /* ExtopoRoles bits */
  gboolean            roles_known;      /* msExchCurrentServerRoles present */
  int                 server_role;      /* serverRole: 1 front-end, 0 back-end, -1 absent */
  char               *site_dn;          /* msExchServerSite */
  char               *site_name;        /* its first RDN value */
  ExtopoSite         *site;             /* NULL without msExchServerSite */
  char               *legacy_dn;        /* legacyExchangeDN */
  gboolean            has_msexch_version; /* msExchVersion present: created by Exchange 2007 */
  gboolean            has_srs;          /* an SRS object sits under this server */
  ExtopoClusterType   cluster;          /* msExchClusterStorageType */
  gboolean            provisioned;      /* msExchCurrentServerRoles has 4096: a placeholder */
  /* An Edge Transport server that New-EdgeSubscription wrote into the
   * organization: it carries EdgeSync credentials, the EdgeSync ADAM SSL
   * port or msExchTransportFlags bit 0x10000. */
  gboolean            edge_subscribed;
  ExtopoManagement    management;
  ExtopoStatus        status;           /* set by extopo_findings_evaluate() */
  GPtrArray          *findings;         /* ExtopoFinding*, borrowed, set by findings */
  guint               index;
};

struct _ExtopoConnector
{
  char               *dn;
  char               *ndn;
  char               *name;
  ExtopoConnectorType type;
  char               *object_class;     /* the structural class, e.g. "rFC1006X400Link" */
  char               *guid;             /* objectGUID as "{xxxxxxxx-...}", lower case, or NULL */
  ExtopoRoutingGroup *source;           /* the group whose CN=Connections holds it */
  char               *target_dn;        /* msExchDestinationRGDN as found, or NULL */
  ExtopoRoutingGroup *target;           /* NULL when none or dangling */
  guint               cost;             /* 1..100, default 1 */
  GPtrArray          *source_bridgeheads; /* ExtopoServer* */
  GPtrArray          *target_bridgeheads; /* ExtopoServer* */
  guint               n_source_bridgehead_dns; /* values found, resolved or not */
  guint               n_target_bridgehead_dns;
  char              **address_spaces;   /* routingList values, NULL-terminated, may be empty */
  /* Routing groups named by connectedDomains (an SMTP or X.400 connector's
   * connected routing groups): ExtopoRoutingGroup*, borrowed. */
  GPtrArray          *connected_routing_groups;
  guint               n_connected_unresolved; /* connectedDomains values that match no group */
  char              **smart_hosts;      /* msExchSmtpSmartHost values, NULL-terminated */
  char               *home_mta_dn;      /* homeMTA as found (foreign gateways), or NULL */
  ExtopoServer       *host_server;      /* the server whose MTA homeMTA names, or NULL */
  ExtopoConnector    *reciprocal;       /* the other half of a two-way pair, or NULL */
  ExtopoConnection   *connection;       /* the drawn edge this connector belongs to */
  GPtrArray          *findings;         /* ExtopoFinding*, borrowed */
  guint               index;
};

/* One drawn edge: a routing group connector with its reciprocal (two-way),
 * or a single connector (one-way, SMTP, Send, X.400). */
struct _ExtopoConnection
{
  ExtopoConnector *forward;
  ExtopoConnector *reverse;   /* NULL when one-way */
  gboolean         two_way;
  guint            index;
};

/* A forward link that names an object missing from the directory data.
 * A missing container (an admin group's organization, a server's or routing
 * group's admin group, a connector's routing group) is reported with
 * attribute "distinguishedName" and the container's normalized DN. */
struct _ExtopoDanglingRef
{
  char            *subject_dn;  /* the object holding the link */
  ExtopoObjectKind subject_kind;
  gpointer         subject;     /* borrowed model object, or NULL */
  char            *attribute;   /* e.g. "msExchDestinationRGDN" */
  char            *target_dn;   /* the value that points at nothing */
};

#define EXTOPO_MODEL_ERROR (extopo_model_error_quark ())

typedef enum
{
  EXTOPO_MODEL_ERROR_NO_ORGANIZATION,  /* no msExchOrganizationContainer in the data */
  EXTOPO_MODEL_ERROR_INVALID_DN,       /* an entry DN that does not parse */
} ExtopoModelError;

GQuark extopo_model_error_quark (void);

#define EXTOPO_TYPE_MODEL (extopo_model_get_type ())
G_DECLARE_FINAL_TYPE (ExtopoModel, extopo_model, EXTOPO, MODEL, GObject)

/* Builds the model from a GPtrArray of ExtopoEntry. Entries it does not
 * understand are ignored; odd or missing values never fail the build, only
 * data with no organization at all (or unparsable DNs) does. The findings are
 * not evaluated: call extopo_findings_evaluate(). Every list comes in a
 * stable order: admin groups by organization then name, routing groups by
 * admin group then name, servers by routing group then name (servers without
 * one last), connectors by source routing group then name. Safe to call from
 * a worker thread; large inputs use a few helper threads of their own. */
ExtopoModel *extopo_model_new_from_entries   (GPtrArray    *entries,
                                              const char   *source_name,
                                              GError      **error);
const char  *extopo_model_get_source_name    (ExtopoModel  *self);
/* When the data was read: the fetch time a snapshot's header names, else the
 * file's modification time, or the time of a live fetch; NULL when unknown. */
GDateTime   *extopo_model_get_snapshot_date  (ExtopoModel  *self);
void         extopo_model_set_snapshot_date  (ExtopoModel  *self,
                                              GDateTime    *date);
GPtrArray   *extopo_model_get_organizations  (ExtopoModel  *self);
GPtrArray   *extopo_model_get_admin_groups   (ExtopoModel  *self);
GPtrArray   *extopo_model_get_routing_groups (ExtopoModel  *self);
GPtrArray   *extopo_model_get_servers        (ExtopoModel  *self);
GPtrArray   *extopo_model_get_connectors     (ExtopoModel  *self);
GPtrArray   *extopo_model_get_connections    (ExtopoModel  *self);
GPtrArray   *extopo_model_get_sites          (ExtopoModel  *self);
GPtrArray   *extopo_model_get_dangling_refs  (ExtopoModel  *self);
/* How many of the entries given describe Exchange objects (by their
 * objectClass: what a live fetch asks for), and how many of them were deleted
 * objects (isDeleted, a \0ADEL: name, or a place under CN=Deleted Objects)
 * that it left out. */
guint        extopo_model_get_n_entries      (ExtopoModel  *self);
guint        extopo_model_get_n_deleted_skipped (ExtopoModel *self);
/* TRUE once extopo_findings_evaluate() ran on the model. */
gboolean     extopo_model_get_findings_evaluated (ExtopoModel *self);
/* Set by extopo_findings_evaluate(); empty before. */
GPtrArray   *extopo_model_get_findings       (ExtopoModel  *self);
/* Takes a reference to @findings (ExtopoFinding*, freed by the array),
 * replaces any earlier set and links each finding to its subject's
 * `findings` (organization, group, server or connector). */
void         extopo_model_set_findings       (ExtopoModel  *self,
                                              GPtrArray    *findings);
/* Lookups by any spelling of a DN; NULL when absent. */
gpointer     extopo_model_lookup             (ExtopoModel      *self,
                                              const char       *dn,
                                              ExtopoObjectKind *kind);
ExtopoServer *extopo_model_lookup_server     (ExtopoModel  *self,
                                              const char   *dn);
ExtopoRoutingGroup *extopo_model_lookup_routing_group (ExtopoModel *self,
                                                       const char  *dn);
/* Name and DN of any model object, for the UI and reports. */
const char  *extopo_model_object_get_name    (ExtopoObjectKind kind,
                                              gpointer         object);
const char  *extopo_model_object_get_dn      (ExtopoObjectKind kind,
                                              gpointer         object);

/* TRUE for an Exchange 2007 (or later) server: by its version, or when the
 * version cannot be read, by msExchVersion or msExchCurrentServerRoles, which
 * only Exchange 2007 writes. */
gboolean     extopo_server_is_exchange_2007 (const ExtopoServer *server);
/* TRUE for an Exchange 2000 or 2003 server. */
gboolean     extopo_server_is_legacy        (const ExtopoServer *server);
/* TRUE when the server has the Hub Transport role (Exchange 2007 and later). */
gboolean     extopo_server_is_hub           (const ExtopoServer *server);
/* The organization an object belongs to, or NULL. */
ExtopoOrganization *extopo_model_object_get_organization (ExtopoObjectKind kind,
                                                          gpointer         object);

const char  *extopo_org_mode_to_string       (ExtopoOrgMode    mode); /* "native", "mixed", "unset" */
/* "routing-group", "smtp", "send", "x400", "notes", "groupwise", "ccmail",
 * "msmail", "calendar", "gateway" */
const char  *extopo_connector_type_to_string (ExtopoConnectorType type);
/* "Routing group connector", "Lotus Notes connector", ...; translated. */
const char  *extopo_connector_type_get_display_name (ExtopoConnectorType type);
/* TRUE for a foreign mail gateway (Notes, GroupWise, cc:Mail, MS Mail, Calendar). */
gboolean     extopo_connector_type_is_foreign (ExtopoConnectorType type);
/* "CCR", "SCC", or NULL for none. */
const char  *extopo_cluster_type_to_string   (ExtopoClusterType cluster);
const char  *extopo_status_to_string         (ExtopoStatus     status); /* "ok", "warning", "error", "unsupported" */
const char  *extopo_status_get_label         (ExtopoStatus     status); /* "OK", "Warning", ...; translated */
const char  *extopo_severity_to_string       (ExtopoSeverity   severity); /* "error", "warning", "info" */

G_END_DECLS
