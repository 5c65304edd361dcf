/* extopo-types.h: forward declarations and enums shared by every layer.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A function as a GTask source tag: ISO C has no conversion between function
 * and object pointers, but one through an integer is defined. */
#define EXTOPO_TASK_TAG(func) ((gpointer) (guintptr) (func))

typedef struct _ExtopoEntry          ExtopoEntry;
typedef struct _ExtopoOrganization   ExtopoOrganization;
typedef struct _ExtopoAdminGroup     ExtopoAdminGroup;
typedef struct _ExtopoRoutingGroup   ExtopoRoutingGroup;
typedef struct _ExtopoServer         ExtopoServer;
typedef struct _ExtopoSite           ExtopoSite;
typedef struct _ExtopoConnector      ExtopoConnector;
typedef struct _ExtopoConnection     ExtopoConnection;
typedef struct _ExtopoDanglingRef    ExtopoDanglingRef;
typedef struct _ExtopoFinding        ExtopoFinding;
typedef struct _ExtopoGeometry       ExtopoGeometry;

/* The fixed names Exchange 2007 setup gives its two interoperability groups. */
#define EXTOPO_INTEROP_ADMIN_GROUP_NAME   "Exchange Administrative Group (FYDIBOHF23SPDLT)"
#define EXTOPO_INTEROP_ROUTING_GROUP_NAME "Exchange Routing Group (DWBGZMFD01QNBJR)"

typedef enum
{
  EXTOPO_ORG_MODE_UNSET,
  EXTOPO_ORG_MODE_NATIVE,
  EXTOPO_ORG_MODE_MIXED,
} ExtopoOrgMode;

typedef enum
{
  EXTOPO_PRODUCT_UNKNOWN,
  EXTOPO_PRODUCT_EXCHANGE_55,
  EXTOPO_PRODUCT_EXCHANGE_2000,
  EXTOPO_PRODUCT_EXCHANGE_2003,
  EXTOPO_PRODUCT_EXCHANGE_2007,   /* 8.x */
  EXTOPO_PRODUCT_EXCHANGE_2010,   /* 14.x */
  EXTOPO_PRODUCT_EXCHANGE_2013,   /* 15.0 */
  EXTOPO_PRODUCT_EXCHANGE_2016,   /* 15.1 */
  EXTOPO_PRODUCT_EXCHANGE_2019,   /* 15.2 below the first Subscription Edition build */
  EXTOPO_PRODUCT_EXCHANGE_SE,     /* 15.2 from build 2562: Subscription Edition */
  EXTOPO_PRODUCT_LATER,           /* 15.3 and up, 16 and up: a release this program does not know */
} ExtopoProduct;

/* Bit values of msExchCurrentServerRoles. Bit 1 and bit 4 both mean Client
 * Access (2013+ and 2007/2010 respectively); 4096 is not a role but marks a
 * server object made by New-ExchangeServer -Provisioned. */
typedef enum
{
  EXTOPO_ROLE_NONE                = 0,
  EXTOPO_ROLE_CAFE                = 1 << 0,    /* Client Access, Exchange 2013+ */
  EXTOPO_ROLE_MAILBOX             = 1 << 1,
  EXTOPO_ROLE_CLIENT_ACCESS       = 1 << 2,    /* Client Access, Exchange 2007/2010 */
  EXTOPO_ROLE_UNIFIED_MESSAGING   = 1 << 4,
  EXTOPO_ROLE_HUB_TRANSPORT       = 1 << 5,
  EXTOPO_ROLE_EDGE_TRANSPORT      = 1 << 6,
  EXTOPO_ROLE_PROVISIONED         = 1 << 12,   /* a flag, not a role */
  EXTOPO_ROLE_FRONT_END_TRANSPORT = 1 << 14,   /* Exchange 2013+ */
} ExtopoRoles;

/* The Exchange 2007 roles. */
#define EXTOPO_ROLE_ALL (EXTOPO_ROLE_MAILBOX | EXTOPO_ROLE_CLIENT_ACCESS | \
                         EXTOPO_ROLE_UNIFIED_MESSAGING | EXTOPO_ROLE_HUB_TRANSPORT | \
                         EXTOPO_ROLE_EDGE_TRANSPORT)
/* Every bit this program reads, roles of every version and the provisioned flag. */
#define EXTOPO_ROLE_KNOWN (EXTOPO_ROLE_ALL | EXTOPO_ROLE_CAFE | EXTOPO_ROLE_FRONT_END_TRANSPORT | \
                           EXTOPO_ROLE_PROVISIONED)

typedef enum
{
  EXTOPO_MANAGEMENT_UNKNOWN,
  EXTOPO_MANAGEMENT_EXCHANGE_ADMINISTRATOR,   /* Exchange 5.5 */
  EXTOPO_MANAGEMENT_SYSTEM_MANAGER,           /* Exchange 2000/2003 */
  EXTOPO_MANAGEMENT_MANAGEMENT_CONSOLE,       /* Exchange 2007/2010 */
  EXTOPO_MANAGEMENT_ADMIN_CENTER,             /* Exchange 2013+ */
} ExtopoManagement;

typedef enum
{
  EXTOPO_CONNECTOR_ROUTING_GROUP,   /* msExchRoutingGroupConnector */
  EXTOPO_CONNECTOR_SMTP,            /* msExchRoutingSMTPConnector, Exchange 2000/2003 */
  EXTOPO_CONNECTOR_SEND,            /* msExchRoutingSMTPConnector made by Exchange 2007 */
  EXTOPO_CONNECTOR_X400,            /* rFC1006X400Link, x25X400Link, tP4X400Link, rASX400Link */
  /* Foreign mail gateways (mailGateway subclasses): hosted by a legacy
   * server's MTA, they cannot move to Exchange 2007. */
  EXTOPO_CONNECTOR_NOTES,           /* msExchNotesConnector, Lotus Notes */
  EXTOPO_CONNECTOR_GROUPWISE,       /* msExchGroupWiseConnector, Novell GroupWise */
  EXTOPO_CONNECTOR_CCMAIL,          /* msExchccMailConnector, Lotus cc:Mail */
  EXTOPO_CONNECTOR_MSMAIL,          /* mSMailConnector, Microsoft Mail */
  EXTOPO_CONNECTOR_CALENDAR,        /* msExchCalendarConnector */
  EXTOPO_CONNECTOR_GATEWAY,         /* another mailGateway class */
} ExtopoConnectorType;

/* msExchClusterStorageType on an Exchange 2007 Mailbox server. */
typedef enum
{
  EXTOPO_CLUSTER_NONE,
  EXTOPO_CLUSTER_CCR,               /* 1: cluster continuous replication */
  EXTOPO_CLUSTER_SCC,               /* 2: single copy cluster */
} ExtopoClusterType;

typedef enum
{
  EXTOPO_SEVERITY_INFO,
  EXTOPO_SEVERITY_WARNING,
  EXTOPO_SEVERITY_ERROR,
} ExtopoSeverity;

/* A server's overall status, worst first when compared with > . */
typedef enum
{
  EXTOPO_STATUS_OK,
  EXTOPO_STATUS_WARNING,
  EXTOPO_STATUS_ERROR,
  EXTOPO_STATUS_UNSUPPORTED,
} ExtopoStatus;

typedef enum
{
  EXTOPO_OBJECT_NONE,
  EXTOPO_OBJECT_ORGANIZATION,
  EXTOPO_OBJECT_ADMIN_GROUP,
  EXTOPO_OBJECT_ROUTING_GROUP,
  EXTOPO_OBJECT_SERVER,
  EXTOPO_OBJECT_CONNECTOR,
  EXTOPO_OBJECT_SITE,           /* an Active Directory site named by msExchServerSite */
} ExtopoObjectKind;

typedef enum
{
  EXTOPO_VIEW_ROUTING,
  EXTOPO_VIEW_ADMIN,
} ExtopoView;

/* Sheets a diagram is printed or exported on; NONE is one page of any size. */
typedef enum
{
  EXTOPO_PAPER_NONE,
  EXTOPO_PAPER_A4,
  EXTOPO_PAPER_A3,
  EXTOPO_PAPER_A2,
  EXTOPO_PAPER_LETTER,
  EXTOPO_PAPER_TABLOID,
} ExtopoPaper;

G_END_DECLS
