/* extopo-version.h: Exchange versions from serialNumber and versionNumber.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "extopo-types.h"

G_BEGIN_DECLS

typedef struct
{
  ExtopoProduct product;
  guint         major;
  guint         minor;
  guint         build;          /* real build: strings from Exchange 2007 on carry build + 30000 */
  guint         revision;       /* the part after the build's dot, 0 when absent */
  int           service_pack;   /* up to Exchange 2010: 0 = RTM, -1 = unknown */
  int           cumulative_update; /* Exchange 2013 on: 0 = RTM, -1 = unknown (a build
                                    * that is no known CU's, or no build); 2013 CU4 is SP1 */
  gboolean      known;          /* FALSE when nothing could be decoded */
} ExtopoVersion;

/* "Version 6.5 (Build 7638.2: Service Pack 2)"; FALSE when it does not parse. */
gboolean     extopo_version_parse_serial      (const char          *serial,
                                               ExtopoVersion       *version);
/* versionNumber: a plain 2000/2003 build or the packed value of Exchange 2007
 * and later (0x70008000 | major<<22 | minor<<16 | build). */
gboolean     extopo_version_parse_number      (guint32              number,
                                               ExtopoVersion       *version);
/* Combines both attributes (either may be NULL); serialNumber wins where it
 * says more, versionNumber fills what it lacks. */
void         extopo_version_resolve           (const char          *serial,
                                               const char          *version_number,
                                               ExtopoVersion       *version);
/* TRUE when serialNumber and versionNumber both parse and disagree: another
 * major.minor, or another build when the serial has one (versionNumber has no
 * revision). FALSE when either is absent or does not parse. @from_serial and
 * @from_number (may be NULL) receive what each one says. */
gboolean     extopo_version_attributes_disagree (const char        *serial,
                                                 const char        *version_number,
                                                 ExtopoVersion     *from_serial,
                                                 ExtopoVersion     *from_number);
/* Product from major/minor. 15.2 gives Exchange 2019: only the build tells
 * Exchange Server SE (from build 2562) apart, which the parsers do. */
ExtopoProduct extopo_product_from_major_minor (guint                major,
                                               guint                minor);
/* Exchange 2007 or any later release, the ones that live in the
 * FYDIBOHF23SPDLT / DWBGZMFD01QNBJR groups. */
gboolean     extopo_product_is_2007_or_later  (ExtopoProduct        product);
/* TRUE for 2013, 2016, 2019 and SE, whose level is a cumulative update. */
gboolean     extopo_product_has_cumulative_updates (ExtopoProduct   product);
/* "Exchange Server 2003", "Exchange Server, a release after SE"; translated. */
const char  *extopo_product_get_name          (ExtopoProduct        product);
/* The same in English for data files; NULL for EXTOPO_PRODUCT_UNKNOWN. */
const char  *extopo_product_get_untranslated_name (ExtopoProduct    product);
/* "Exchange Server 2003 SP2", "Exchange Server 2007 RTM" (RTM is always
 * spelled out), "Exchange Server 2016 CU23", "Exchange Server 2013 SP1 (CU4)",
 * "Exchange Server 2016 build 2600" for a build that is no known CU, the bare
 * product name when the level is unknown, "Exchange Server, a release after
 * SE (15.3)", "Exchange 9.0" for an unnamed release; translated. */
char        *extopo_version_get_display_name  (const ExtopoVersion *version);
/* The level alone: "RTM", "SP2", "CU23", "SP1 (CU4)", "build 2600"; NULL when
 * unknown or the product has no named levels; translated. */
char        *extopo_version_get_level_text    (const ExtopoVersion *version);
/* "6.5.7638.2", or "8.0.685" when there is no revision; NULL when unknown. */
char        *extopo_version_to_string         (const ExtopoVersion *version);
/* Short badge text: "2003 SP2", "2007 SP1", "5.5 SP4", "2010 SP3",
 * "2016 CU23", "2013 CU4", "SE RTM", "2016 build 2600", "15.3", "?". */
char        *extopo_version_get_badge         (const ExtopoVersion *version);
/* Compares (major, minor, build, revision). */
int          extopo_version_compare           (const ExtopoVersion *a,
                                               const ExtopoVersion *b);

/* Exchange Administrator (5.5), Exchange System Manager (2000/2003), the
 * Management Console / Shell (2007/2010), the Admin Center / Management Shell
 * (2013, 2016, 2019, SE); unknown for a later release. */
ExtopoManagement extopo_product_get_management (ExtopoProduct       product);
/* "Exchange System Manager", "Exchange Management Console / Shell",
 * "Exchange Admin Center / Exchange Management Shell"; translated. */
const char  *extopo_management_get_name       (ExtopoManagement     management);
/* The same in English for data files; NULL for EXTOPO_MANAGEMENT_UNKNOWN. */
const char  *extopo_management_get_untranslated_name (ExtopoManagement management);

/* "Mailbox", "Client Access" (for both EXTOPO_ROLE_CLIENT_ACCESS and
 * EXTOPO_ROLE_CAFE), "Unified Messaging", "Hub Transport", "Edge Transport",
 * "Front End Transport" (untranslated, as in the JSON report); NULL for
 * EXTOPO_ROLE_PROVISIONED and unknown bits. */
const char  *extopo_role_get_name             (ExtopoRoles          role);
/* Translated role name for the UI. */
const char  *extopo_role_get_display_name     (ExtopoRoles          role);
/* Two-letter badge: "MB", "CA", "UM", "HT", "ET", "FE". */
const char  *extopo_role_get_badge            (ExtopoRoles          role);
/* TRUE when msExchCurrentServerRoles carries 4096: a placeholder made with
 * New-ExchangeServer -Provisioned, with no version until setup runs. */
gboolean     extopo_roles_is_provisioned      (guint                roles);
/* Every set role's name, each once, in the order Mailbox, Client Access,
 * Unified Messaging, Hub Transport, Edge Transport, Front End Transport;
 * NULL-terminated. Free with g_strfreev(). */
char       **extopo_roles_to_strv             (guint                roles);
/* The same, keeping only the roles @product has: bit 1 and Front End Transport
 * from 2013, Unified Messaging up to 2016, nothing before 2007. An unknown
 * product keeps every role. */
char       **extopo_roles_to_strv_for_product (guint                roles,
                                               ExtopoProduct        product);
/* The badges of those roles, each once ("MB", "CA", "FE"). Free with g_strfreev(). */
char       **extopo_roles_to_badges           (guint                roles,
                                               ExtopoProduct        product);
/* Translated names of those roles joined with ", "; "" when none. */
char        *extopo_roles_to_display_text     (guint                roles,
                                               ExtopoProduct        product);

typedef enum
{
  EXTOPO_COEXIST_NO_RULE,          /* no rule for the pair: a version unknown, or a
                                    * release after 2019 (SE, later) */
  EXTOPO_COEXIST_YES,              /* the pair coexists as the versions stand */
  EXTOPO_COEXIST_NO,               /* the pair can never coexist */
  EXTOPO_COEXIST_BELOW_MINIMUM,    /* the older server is below the minimum level */
  EXTOPO_COEXIST_LEVEL_UNKNOWN,    /* a minimum applies; the older server's level is unknown */
} ExtopoCoexistVerdict;

typedef struct
{
  ExtopoCoexistVerdict verdict;
  ExtopoProduct        newer;          /* the pair, newer first; UNKNOWN when a version is */
  ExtopoProduct        older;
  int                  minimum;        /* the older server's minimum service pack (up to
                                        * 2010) or cumulative update (2013 on); -1: none */
  gboolean             rollup_unseen;  /* the minimum includes an update rollup, which the
                                        * directory never shows: a YES then means the
                                        * service pack is met, the rollup unchecked */
  const char          *level_text;     /* "Exchange Server 2007 SP3 with an update rollup";
                                        * translated, static; NULL when no minimum */
} ExtopoCoexistence;

/* Whether servers of versions @a and @b (either order) can share an
 * organization, from Microsoft's supportability matrices:
 *
 *   newer  cannot coexist with    needs the older at
 *   2007   5.5                    2000 SP3 + post-SP3 rollup, 2003 SP2
 *   2010   5.5, 2000              2003 SP2, 2007 SP2
 *   2013   5.5 to 2003            2007 SP3 + a rollup, 2010 SP3
 *   2016   5.5 to 2007            2010 SP3 + a rollup, 2013 CU10
 *   2019   5.5 to 2010            2013 CU21, 2016 CU11
 *
 * Two servers of one product coexist. Exchange Server SE and later releases
 * have no rule here (EXTOPO_COEXIST_NO_RULE). */
void         extopo_version_check_coexistence (const ExtopoVersion *a,
                                               const ExtopoVersion *b,
                                               ExtopoCoexistence   *result);

G_END_DECLS
