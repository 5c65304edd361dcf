/* model-fixture.h: small directory data for the model and findings tests.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Entries are written as plain "attribute: value" lines (no folding, no
 * base64), one blank line between entries, so these tests do not depend on
 * the LDIF reader.
 */

#pragma once

#include <string.h>

#include "extopo-entry.h"
#include "extopo-findings.h"
#include "extopo-model.h"

#define FX_EXCHANGE "CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=example,DC=com"
#define FX_ORG      "CN=First Organization," FX_EXCHANGE
#define FX_AG(ag)   "CN=" ag ",CN=Administrative Groups," FX_ORG
#define FX_RG(ag, rg) "CN=" rg ",CN=Routing Groups," FX_AG (ag)
#define FX_SERVER(ag, server) "CN=" server ",CN=Servers," FX_AG (ag)
#define FX_CONNECTOR(ag, rg, name) "CN=" name ",CN=Connections," FX_RG (ag, rg)
#define FX_SMTP_VS(ag, server) "CN=1,CN=SMTP,CN=Protocols," FX_SERVER (ag, server)

#define FX_AG_2007 "Exchange Administrative Group (FYDIBOHF23SPDLT)"
#define FX_RG_2007 "Exchange Routing Group (DWBGZMFD01QNBJR)"

#define FX_SERIAL_2003_SP2 "Version 6.5 (Build 7638.2: Service Pack 2)"
#define FX_SERIAL_2003_SP1 "Version 6.5 (Build 7226.6: Service Pack 1)"
#define FX_SERIAL_2000_SP3 "Version 6.0 (Build 6249.4: Service Pack 3)"
#define FX_SERIAL_2000_SP2 "Version 6.0 (Build 5762.4: Service Pack 2)"
#define FX_SERIAL_55_SP4   "Version 5.5 (Build 2653.23: Service Pack 4)"
#define FX_SERIAL_2007_SP1 "Version 8.1 (Build 30240.6)"

/* Entry text snippets. */
#define FX_ORG_ENTRY(mixed_line) \
  "dn: " FX_ORG "\n" \
  "objectClass: top\nobjectClass: container\nobjectClass: msExchOrganizationContainer\n" \
  mixed_line "\n\n"

#define FX_AG_ENTRY(ag) \
  "dn: " FX_AG (ag) "\nobjectClass: top\nobjectClass: msExchAdminGroup\n\n"

#define FX_RG_ENTRY(ag, rg) \
  "dn: " FX_RG (ag, rg) "\nobjectClass: top\nobjectClass: msExchRoutingGroup\n\n"

/* A server of admin group @ag homed in the routing group @home_dn. */
#define FX_SERVER_ENTRY_HOMED(ag, server, serial, home_dn) \
  "dn: " FX_SERVER (ag, server) "\n" \
  "objectClass: top\nobjectClass: server\nobjectClass: msExchExchangeServer\n" \
  "cn: " server "\n" \
  "serialNumber: " serial "\n" \
  "msExchHomeRoutingGroup: " home_dn "\n\n"

#define FX_SERVER_ENTRY(ag, rg, server, serial) \
  FX_SERVER_ENTRY_HOMED (ag, server, serial, FX_RG (ag, rg))

#define FX_SERVER_2007_ENTRY(server, roles) \
  "dn: " FX_SERVER (FX_AG_2007, server) "\n" \
  "objectClass: top\nobjectClass: server\nobjectClass: msExchExchangeServer\n" \
  "cn: " server "\n" \
  "serialNumber: " FX_SERIAL_2007_SP1 "\n" \
  "versionNumber: 1912701168\n" \
  "msExchCurrentServerRoles: " roles "\n" \
  "msExchVersion: 4535486012416\n" \
  "msExchHomeRoutingGroup: " FX_RG (FX_AG_2007, FX_RG_2007) "\n\n"

#define FX_RGC_ENTRY(ag, rg, name, target_ag, target_rg) \
  "dn: " FX_CONNECTOR (ag, rg, name) "\n" \
  "objectClass: top\nobjectClass: msExchRoutingGroupConnector\n" \
  "msExchDestinationRGDN: " FX_RG (target_ag, target_rg) "\n\n"

/* The interop groups with one Exchange 2007 hub. */
#define FX_INTEROP_ENTRIES \
  FX_AG_ENTRY (FX_AG_2007) \
  FX_RG_ENTRY (FX_AG_2007, FX_RG_2007) \
  FX_SERVER_2007_ENTRY ("EX2007-HUB1", "36")

static inline GPtrArray *
fx_entries_from_text (const char *text)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  ExtopoEntry *current = NULL;

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) extopo_entry_unref);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *colon;
      g_autofree char *attribute = NULL;
      const char *value;

      if (*line == '\0')
        {
          current = NULL;
          continue;
        }

      colon = strchr (line, ':');
      g_assert_nonnull (colon);
      attribute = g_strndup (line, colon - line);
      value = colon + 1;
      while (*value == ' ')
        value++;

      if (g_ascii_strcasecmp (attribute, "dn") == 0)
        {
          current = extopo_entry_new (value, i + 1);
          g_ptr_array_add (entries, current);
          continue;
        }

      g_assert_nonnull (current);
      extopo_entry_add_value (current, attribute, value, strlen (value));
    }

  return g_steal_pointer (&entries);
}

static inline ExtopoModel *
fx_model_from_text (const char *text)
{
  g_autoptr(GPtrArray) entries = fx_entries_from_text (text);
  g_autoptr(GError) error = NULL;
  ExtopoModel *model;

  model = extopo_model_new_from_entries (entries, "fixture", &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);

  return model;
}

/* The object of @kind named @name, or NULL. */
static inline gpointer
fx_find (GPtrArray        *objects,
         ExtopoObjectKind  kind,
         const char       *name)
{
  for (guint i = 0; i < objects->len; i++)
    {
      gpointer object = g_ptr_array_index (objects, i);

      if (g_strcmp0 (extopo_model_object_get_name (kind, object), name) == 0)
        return object;
    }

  return NULL;
}

#define fx_server(model, name) \
  ((ExtopoServer *) fx_find (extopo_model_get_servers (model), EXTOPO_OBJECT_SERVER, name))
#define fx_routing_group(model, name) \
  ((ExtopoRoutingGroup *) fx_find (extopo_model_get_routing_groups (model), \
                                   EXTOPO_OBJECT_ROUTING_GROUP, name))
#define fx_admin_group(model, name) \
  ((ExtopoAdminGroup *) fx_find (extopo_model_get_admin_groups (model), \
                                 EXTOPO_OBJECT_ADMIN_GROUP, name))
#define fx_connector(model, name) \
  ((ExtopoConnector *) fx_find (extopo_model_get_connectors (model), \
                                EXTOPO_OBJECT_CONNECTOR, name))

/* The finding @id whose subject is named @name (any subject when NULL). */
static inline ExtopoFinding *
fx_find_finding (ExtopoModel *model,
                 const char  *id,
                 const char  *name)
{
  GPtrArray *findings = extopo_model_get_findings (model);

  for (guint i = 0; i < findings->len; i++)
    {
      ExtopoFinding *finding = g_ptr_array_index (findings, i);

      if (g_strcmp0 (finding->id, id) != 0)
        continue;
      if (name == NULL ||
          (finding->subject != NULL &&
           g_strcmp0 (extopo_model_object_get_name (finding->subject_kind, finding->subject),
                      name) == 0))
        return finding;
    }

  return NULL;
}
