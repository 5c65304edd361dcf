/* extopo-gen-org.c: synthetic Exchange organizations for the benchmarks.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-gen"

#include "config.h"

#include <math.h>
#include <string.h>

#include "extopo-gen-org.h"

#define DOMAIN_DN        "DC=corp,DC=example,DC=com"
#define CONFIG_DN        "CN=Configuration," DOMAIN_DN
#define SCHEMA_DN        "CN=Schema," CONFIG_DN
#define EXCHANGE_DN      "CN=Microsoft Exchange,CN=Services," CONFIG_DN
#define ORG_NAME         "Example"
#define ORG_DN           "CN=" ORG_NAME "," EXCHANGE_DN
#define ADMIN_GROUPS_DN  "CN=Administrative Groups," ORG_DN
#define MAIL_DOMAIN      "corp.example.com"
#define INTEROP_AG_NAME  "Exchange Administrative Group (FYDIBOHF23SPDLT)"
#define INTEROP_RG_NAME  "Exchange Routing Group (DWBGZMFD01QNBJR)"
/* msExchVersion of the objects Exchange 2007 creates. */
#define EXCHANGE_2007_OBJECT_VERSION "4535486012416"
/* ldifde folds lines at 80 columns. */
#define LDIF_LINE_WIDTH 80

typedef enum
{
  GEN_EXCHANGE_2000_SP3,
  GEN_EXCHANGE_2003_SP1,
  GEN_EXCHANGE_2003_SP2,
  GEN_EXCHANGE_2007_SP1,
} GenRelease;

static const struct
{
  const char *serial_number;
  const char *version_number;
  const char *short_name;
} releases[] = {
  [GEN_EXCHANGE_2000_SP3] = { "Version 6.0 (Build 6249.4: Service Pack 3)", "6249", "2000 SP3" },
  [GEN_EXCHANGE_2003_SP1] = { "Version 6.5 (Build 7226.6: Service Pack 1)", "7226", "2003 SP1" },
  [GEN_EXCHANGE_2003_SP2] = { "Version 6.5 (Build 7638.2: Service Pack 2)", "7638", "2003 SP2" },
  [GEN_EXCHANGE_2007_SP1] = { "Version 8.1 (Build 30240.6)", "1912701168", "2007 SP1" },
};

static const struct
{
  const char *city;
  const char *code;
} places[] = {
  { "Seattle", "SEA" }, { "Dallas", "DAL" }, { "Boston", "BOS" }, { "Chicago", "CHI" },
  { "Denver", "DEN" }, { "Atlanta", "ATL" }, { "Toronto", "YYZ" }, { "Mexico City", "MEX" },
  { "Sao Paulo", "GRU" }, { "London", "LON" }, { "Paris", "PAR" }, { "Frankfurt", "FRA" },
  { "Zurich", "ZRH" }, { "Madrid", "MAD" }, { "Milan", "MIL" }, { "Stockholm", "STO" },
  { "Warsaw", "WAW" }, { "Vienna", "VIE" }, { "Dublin", "DUB" }, { "Amsterdam", "AMS" },
  { "Johannesburg", "JNB" }, { "Dubai", "DXB" }, { "Mumbai", "BOM" }, { "Singapore", "SIN" },
  { "Hong Kong", "HKG" }, { "Tokyo", "TYO" }, { "Seoul", "SEL" }, { "Sydney", "SYD" },
  { "Auckland", "AKL" }, { "Shanghai", "SHA" },
};

static const char * const regions[] = { "Americas", "EMEA", "APAC" };

typedef struct
{
  char    *name;
  char    *dn;
  gboolean interop;
  GArray  *servers;          /* guint, servers under its CN=Servers */
  GArray  *routing_groups;   /* guint, groups under its CN=Routing Groups */
} GenAdminGroup;

typedef struct
{
  char    *name;
  char    *dn;
  char    *code;
  gboolean interop;
  GArray  *servers;          /* guint, servers homed here; the first is the master */
  GArray  *connectors;       /* guint, 2 * link + (1 for the reverse half) */
  GArray  *smtp;             /* guint, into ExtopoGenOrg.smtp */
} GenRoutingGroup;

typedef struct
{
  char      *name;
  char      *dn;
  char      *vs_dn;          /* its SMTP virtual server, NULL for Exchange 2007 */
  guint      admin_group;
  guint      routing_group;
  GenRelease release;
  guint      roles;
  gboolean   front_end;
  gboolean   writes_home_routing_group;
  guint      site;
  guint      home_routing_group; /* the one msExchHomeRoutingGroup names */
  gboolean   left_out;         /* not written (extopo_gen_org_change_servers) */
} GenServer;

typedef struct
{
  guint    source;
  guint    target;
  gboolean two_way;
  guint    cost;
} GenLink;

typedef struct
{
  guint       routing_group;
  char       *name;
  const char *routing_list;
  gboolean    send_connector;   /* made by Exchange 2007 */
} GenSmtp;

struct _ExtopoGenOrg
{
  ExtopoGenParams params;
  GArray         *admin_groups;    /* GenAdminGroup */
  GArray         *routing_groups;  /* GenRoutingGroup */
  GArray         *servers;         /* GenServer */
  GArray         *links;           /* GenLink */
  GArray         *smtp;            /* GenSmtp */
  guint           interop_rg;      /* G_MAXUINT when there is no Exchange 2007 */
  guint           n_entries;       /* 0 until counted */
};

static void
admin_group_clear (gpointer data)
{
  GenAdminGroup *ag = data;

  g_free (ag->name);
  g_free (ag->dn);
  g_array_unref (ag->servers);
  g_array_unref (ag->routing_groups);
}

static void
routing_group_clear (gpointer data)
{
  GenRoutingGroup *rg = data;

  g_free (rg->name);
  g_free (rg->dn);
  g_free (rg->code);
  g_array_unref (rg->servers);
  g_array_unref (rg->connectors);
  g_array_unref (rg->smtp);
}

static void
server_clear (gpointer data)
{
  GenServer *server = data;

  g_free (server->name);
  g_free (server->dn);
  g_free (server->vs_dn);
}

static void
smtp_clear (gpointer data)
{
  GenSmtp *smtp = data;

  g_free (smtp->name);
}

static GArray *
index_array_new (void)
{
  return g_array_new (FALSE, FALSE, sizeof (guint));
}

static guint
add_admin_group (ExtopoGenOrg *org,
                 char         *name,
                 gboolean      interop)
{
  GenAdminGroup ag = { 0 };

  ag.name = name;
  ag.dn = g_strdup_printf ("CN=%s," ADMIN_GROUPS_DN, name);
  ag.interop = interop;
  ag.servers = index_array_new ();
  ag.routing_groups = index_array_new ();
  g_array_append_val (org->admin_groups, ag);

  return org->admin_groups->len - 1;
}

static guint
add_routing_group (ExtopoGenOrg *org,
                   guint         admin_group,
                   char         *name,
                   char         *code,
                   gboolean      interop)
{
  GenAdminGroup *ag = &g_array_index (org->admin_groups, GenAdminGroup, admin_group);
  GenRoutingGroup rg = { 0 };
  guint index;

  rg.name = name;
  rg.code = code;
  rg.dn = g_strdup_printf ("CN=%s,CN=Routing Groups,%s", name, ag->dn);
  rg.interop = interop;
  rg.servers = index_array_new ();
  rg.connectors = index_array_new ();
  rg.smtp = index_array_new ();
  g_array_append_val (org->routing_groups, rg);
  index = org->routing_groups->len - 1;
  g_array_append_val (ag->routing_groups, index);

  return index;
}

static void
add_server (ExtopoGenOrg *org,
            GenServer    *server)
{
  GenAdminGroup *ag = &g_array_index (org->admin_groups, GenAdminGroup, server->admin_group);
  GenRoutingGroup *rg = &g_array_index (org->routing_groups, GenRoutingGroup,
                                        server->routing_group);
  guint index = org->servers->len;

  server->name = g_strdup_printf ("%s-EX%03u", rg->code, rg->servers->len + 1);
  server->dn = g_strdup_printf ("CN=%s,CN=Servers,%s", server->name, ag->dn);
  if (server->release != GEN_EXCHANGE_2007_SP1)
    server->vs_dn = g_strdup_printf ("CN=1,CN=SMTP,CN=Protocols,%s", server->dn);
  server->home_routing_group = server->routing_group;
  g_array_append_val (org->servers, *server);
  g_array_append_val (ag->servers, index);
  g_array_append_val (rg->servers, index);
}

static void
add_link (ExtopoGenOrg *org,
          guint         source,
          guint         target,
          gboolean      two_way,
          guint         cost)
{
  GenLink link = { source, target, two_way, cost };
  guint half = org->links->len * 2;

  g_array_append_val (org->links, link);
  g_array_append_val (g_array_index (org->routing_groups, GenRoutingGroup, source).connectors,
                      half);
  if (two_way)
    {
      half++;
      g_array_append_val (g_array_index (org->routing_groups, GenRoutingGroup, target).connectors,
                          half);
    }
}

static void
add_smtp (ExtopoGenOrg *org,
          guint         routing_group,
          char         *name,
          const char   *routing_list,
          gboolean      send_connector)
{
  GenSmtp smtp = { routing_group, name, routing_list, send_connector };
  guint index = org->smtp->len;

  g_array_append_val (org->smtp, smtp);
  g_array_append_val (g_array_index (org->routing_groups, GenRoutingGroup, routing_group).smtp,
                      index);
}

static guint64
link_key (guint a,
          guint b)
{
  return ((guint64) MIN (a, b) << 32) | MAX (a, b);
}

static gboolean
link_seen (GHashTable *seen,
           guint       a,
           guint       b)
{
  guint64 key = link_key (a, b);

  if (g_hash_table_contains (seen, &key))
    return TRUE;
  g_hash_table_add (seen, g_memdup2 (&key, sizeof key));
  return FALSE;
}

static void
build_groups (ExtopoGenOrg *org,
              guint         n_legacy_rg,
              gboolean      with_2007)
{
  guint n_ag = MAX (1, n_legacy_rg / 10);

  for (guint i = 0; i < n_ag; i++)
    {
      char *name = i == 0 ? g_strdup ("First Administrative Group")
                          : g_strdup_printf ("%s Administrative Group %u",
                                             regions[i % G_N_ELEMENTS (regions)], i);
      add_admin_group (org, name, FALSE);
    }

  for (guint i = 0; i < n_legacy_rg; i++)
    {
      guint place = i % G_N_ELEMENTS (places);
      guint round = i / G_N_ELEMENTS (places);
      char *name = round == 0 ? g_strdup (places[place].city)
                              : g_strdup_printf ("%s %u", places[place].city, round + 1);

      add_routing_group (org, (guint) ((guint64) i * n_ag / n_legacy_rg), name,
                         g_strdup_printf ("%s%04u", places[place].code, i), FALSE);
    }

  if (with_2007)
    {
      guint ag = add_admin_group (org, g_strdup (INTEROP_AG_NAME), TRUE);

      org->interop_rg = add_routing_group (org, ag, g_strdup (INTEROP_RG_NAME),
                                           g_strdup ("E2K7"), TRUE);
    }
}

static void
build_servers (ExtopoGenOrg *org,
               GRand        *rand,
               guint         n_legacy_rg,
               guint         n_legacy,
               guint         n_2007)
{
  guint n_ag = org->admin_groups->len - (n_2007 > 0 ? 1 : 0);
  /* Exchange 2007 role sets, cycled: hubs first so the interop group has a bridgehead. */
  static const guint roles_2007[] = { 36, 2, 36, 2, 2, 54, 2, 2, 16, 2 };

  for (guint i = 0; i < n_legacy; i++)
    {
      GenServer server = { 0 };
      double u = g_rand_double (rand);
      guint rg;

      /* Every group gets one server, then the rest goes mostly to the first
       * groups: a few large data centres and many small branch offices. */
      if (i < n_legacy_rg)
        rg = i;
      else
        rg = MIN (n_legacy_rg - 1, (guint) (n_legacy_rg * pow (g_rand_double (rand), 2.5)));

      server.routing_group = rg;
      /* Native mode lets a routing group hold servers of another admin group. */
      if (n_ag > 1 && g_rand_double (rand) < 0.03)
        server.admin_group = g_rand_int_range (rand, 0, n_ag);
      else
        server.admin_group = (guint) ((guint64) rg * n_ag / n_legacy_rg);
      server.release = u < 0.2 ? GEN_EXCHANGE_2000_SP3
                     : u < 0.45 ? GEN_EXCHANGE_2003_SP1
                     : GEN_EXCHANGE_2003_SP2;
      server.front_end = server.release != GEN_EXCHANGE_2000_SP3 &&
                         g_array_index (org->routing_groups, GenRoutingGroup, rg).servers->len > 0 &&
                         g_rand_double (rand) < 0.05;
      server.writes_home_routing_group = TRUE;
      add_server (org, &server);
    }

  for (guint i = 0; i < n_2007; i++)
    {
      GenServer server = { 0 };

      server.admin_group = org->admin_groups->len - 1;
      server.routing_group = org->interop_rg;
      server.release = GEN_EXCHANGE_2007_SP1;
      server.roles = roles_2007[i % G_N_ELEMENTS (roles_2007)];
      /* Some Exchange 2007 servers lack msExchHomeRoutingGroup; they still
       * belong to the DWBGZMFD01QNBJR group. */
      server.writes_home_routing_group = i % 5 != 4;
      server.site = i % 7;
      add_server (org, &server);
    }
}

static void
build_links (ExtopoGenOrg *org,
             GRand        *rand,
             guint         n_legacy_rg)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n_hubs = MAX (1, n_legacy_rg / 20);
  guint wanted = (guint) (1.5 * org->routing_groups->len);
  guint attempts = 0;

  /* The backbone: hubs in a chain, closed into a ring. */
  for (guint h = 1; h < n_hubs; h++)
    {
      link_seen (seen, h - 1, h);
      add_link (org, h - 1, h, TRUE, 1);
    }
  if (n_hubs > 2 && !link_seen (seen, n_hubs - 1, 0))
    add_link (org, n_hubs - 1, 0, TRUE, 1);

  /* Every other group hangs off a hub, nearly always by a two-way pair. */
  for (guint rg = n_hubs; rg < n_legacy_rg; rg++)
    {
      guint hub = g_rand_int_range (rand, 0, n_hubs);

      link_seen (seen, rg, hub);
      add_link (org, rg, hub, g_rand_double (rand) < 0.95, g_rand_int_range (rand, 1, 11));
    }

  if (org->interop_rg != G_MAXUINT)
    {
      /* The interop routing group connectors Exchange 2007 setup creates. */
      add_link (org, 0, org->interop_rg, TRUE, 1);
      if (n_hubs > 1)
        add_link (org, 1, org->interop_rg, TRUE, 1);
    }

  /* Cross links between branches, some of them one-way. */
  while (org->links->len < wanted && n_legacy_rg > 2 && attempts++ < 20 * wanted)
    {
      guint a = g_rand_int_range (rand, 0, n_legacy_rg);
      guint b = g_rand_int_range (rand, 0, n_legacy_rg);

      if (a == b || link_seen (seen, a, b))
        continue;
      add_link (org, a, b, g_rand_double (rand) < 0.9, g_rand_int_range (rand, 10, 51));
    }

  /* Internet mail leaves through SMTP connectors on the first hubs, and
   * through a Send connector from Exchange 2007. */
  for (guint h = 0; h < MIN (n_hubs, 3); h++)
    {
      GenRoutingGroup *rg = &g_array_index (org->routing_groups, GenRoutingGroup, h);

      add_smtp (org, h, g_strdup_printf ("Internet Mail (%s)", rg->code), "SMTP:*;10", FALSE);
    }
  if (org->interop_rg != G_MAXUINT)
    add_smtp (org, org->interop_rg, g_strdup ("Internet Send Connector"), "SMTP:*;1", TRUE);
}

/* A rename keeps the server's objectGUID: its records stay where they were. */
static void
rename_server (GenServer *server)
{
  char *name = g_strdup_printf ("%s-R", server->name);
  char *dn = g_strconcat ("CN=", name, strchr (server->dn, ','), NULL);

  g_free (server->name);
  g_free (server->dn);
  server->name = name;
  server->dn = dn;
  if (server->vs_dn != NULL)
    {
      g_free (server->vs_dn);
      server->vs_dn = g_strdup_printf ("CN=1,CN=SMTP,CN=Protocols,%s", server->dn);
    }
}

void
extopo_gen_org_change_servers (ExtopoGenOrg *org,
                               guint         n_changed,
                               gboolean      newer)
{
  g_autoptr(GArray) legacy = index_array_new ();
  guint n_legacy_rg = org->routing_groups->len - (org->interop_rg != G_MAXUINT ? 1 : 0);

  g_return_if_fail (org != NULL);

  for (guint i = 0; i < org->servers->len; i++)
    if (g_array_index (org->servers, GenServer, i).release != GEN_EXCHANGE_2007_SP1)
      g_array_append_val (legacy, i);
  if (n_changed == 0 || legacy->len == 0 || n_legacy_rg < 2)
    return;
  n_changed = MIN (n_changed, legacy->len);

  /* Spread over the legacy servers; one in eight is left out of the older
   * organization (added), one in eight out of the newer (removed), three
   * change version, two are renamed and one moves to another routing group. */
  for (guint j = 0; j < n_changed; j++)
    {
      guint index = g_array_index (legacy, guint, (guint) ((guint64) j * legacy->len / n_changed));
      GenServer *server = &g_array_index (org->servers, GenServer, index);

      switch (j % 8)
        {
        case 0:
          server->left_out = newer;
          break;
        case 1:
          server->left_out = !newer;
          break;
        case 2:
        case 3:
        case 7:
          if (newer)
            server->release = server->release == GEN_EXCHANGE_2003_SP2 ? GEN_EXCHANGE_2003_SP1
                                                                        : GEN_EXCHANGE_2003_SP2;
          break;
        case 4:
        case 5:
          if (newer)
            rename_server (server);
          break;
        case 6:
        default:
          if (newer)
            server->home_routing_group = (server->routing_group + 1) % n_legacy_rg;
          break;
        }
    }
}

ExtopoGenOrg *
extopo_gen_org_new (const ExtopoGenParams *params)
{
  ExtopoGenOrg *org;
  g_autoptr(GRand) rand = NULL;
  guint n_2007, n_legacy, n_legacy_rg;

  g_return_val_if_fail (params != NULL, NULL);

  org = g_new0 (ExtopoGenOrg, 1);
  org->params = *params;
  org->admin_groups = g_array_new (FALSE, TRUE, sizeof (GenAdminGroup));
  g_array_set_clear_func (org->admin_groups, admin_group_clear);
  org->routing_groups = g_array_new (FALSE, TRUE, sizeof (GenRoutingGroup));
  g_array_set_clear_func (org->routing_groups, routing_group_clear);
  org->servers = g_array_new (FALSE, TRUE, sizeof (GenServer));
  g_array_set_clear_func (org->servers, server_clear);
  org->links = g_array_new (FALSE, TRUE, sizeof (GenLink));
  org->smtp = g_array_new (FALSE, TRUE, sizeof (GenSmtp));
  g_array_set_clear_func (org->smtp, smtp_clear);
  org->interop_rg = G_MAXUINT;

  rand = g_rand_new_with_seed (params->seed);

  n_2007 = params->n_servers >= 2 ? MAX (1, params->n_servers / 10) : 0;
  n_legacy = params->n_servers - n_2007;
  n_legacy_rg = MAX (2, params->n_routing_groups) - 1;

  build_groups (org, n_legacy_rg, n_2007 > 0);
  build_servers (org, rand, n_legacy_rg, n_legacy, n_2007);
  build_links (org, rand, n_legacy_rg);

  return org;
}

void
extopo_gen_org_free (ExtopoGenOrg *org)
{
  if (org == NULL)
    return;

  g_array_unref (org->admin_groups);
  g_array_unref (org->routing_groups);
  g_array_unref (org->servers);
  g_array_unref (org->links);
  g_array_unref (org->smtp);
  g_free (org);
}

guint
extopo_gen_org_get_n_connections (ExtopoGenOrg *org)
{
  g_return_val_if_fail (org != NULL, 0);

  return org->links->len + org->smtp->len;
}

/* Writing LDIF. A NULL `out` only counts the records. */

typedef struct
{
  FILE    *out;
  GString *record;
  GRand   *rand;
  guint    usn;
  guint    n_records;
  gboolean failed;
  /* Records are made (their GUIDs drawn) but not written: the GUIDs of
   * every later record stay those of the unchanged organization. */
  gboolean discard;
} LdifWriter;

static void
ldif_line (LdifWriter *w,
           const char *attribute,
           const char *separator,
           const char *value)
{
  gsize start = w->record->len;
  gsize line_start = start;

  g_string_append (w->record, attribute);
  g_string_append (w->record, separator);
  g_string_append (w->record, value);

  /* Fold: the first line holds LDIF_LINE_WIDTH characters, each
   * continuation a space and LDIF_LINE_WIDTH - 1 more. */
  while (w->record->len - line_start > LDIF_LINE_WIDTH)
    {
      g_string_insert (w->record, line_start + LDIF_LINE_WIDTH, "\n ");
      line_start += LDIF_LINE_WIDTH + 1;
    }
  g_string_append_c (w->record, '\n');
}

static void
ldif_attr (LdifWriter *w,
           const char *attribute,
           const char *value)
{
  ldif_line (w, attribute, ": ", value);
}

static void
ldif_attr_printf (LdifWriter *w,
                  const char *attribute,
                  const char *format,
                  ...) G_GNUC_PRINTF (3, 4);

static void
ldif_attr_printf (LdifWriter *w,
                  const char *attribute,
                  const char *format,
                  ...)
{
  g_autofree char *value = NULL;
  va_list args;

  va_start (args, format);
  value = g_strdup_vprintf (format, args);
  va_end (args);
  ldif_attr (w, attribute, value);
}

/* @classes: the objectClass values after "top", NULL-terminated. */
static void
ldif_begin (LdifWriter         *w,
            const char         *dn,
            const char         *cn,
            const char * const *classes)
{
  g_string_truncate (w->record, 0);
  ldif_attr (w, "dn", dn);
  ldif_attr (w, "changetype", "add");
  ldif_attr (w, "objectClass", "top");
  for (guint i = 0; classes[i] != NULL; i++)
    ldif_attr (w, "objectClass", classes[i]);
  ldif_attr (w, "cn", cn);
  ldif_attr (w, "distinguishedName", dn);
  ldif_attr (w, "instanceType", "4");
  ldif_attr (w, "whenCreated", "20070614093012.0Z");
  ldif_attr (w, "whenChanged", "20070614093012.0Z");
  ldif_attr_printf (w, "uSNCreated", "%u", ++w->usn);
}

static void
ldif_end (LdifWriter *w,
          const char *cn,
          const char *category)
{
  guint8 guid[16];
  g_autofree char *guid64 = NULL;

  for (guint i = 0; i < sizeof guid; i++)
    guid[i] = (guint8) g_rand_int_range (w->rand, 0, 256);
  guid64 = g_base64_encode (guid, sizeof guid);

  ldif_attr_printf (w, "uSNChanged", "%u", ++w->usn);
  ldif_attr (w, "name", cn);
  ldif_line (w, "objectGUID", ":: ", guid64);
  ldif_attr_printf (w, "objectCategory", "CN=%s," SCHEMA_DN, category);
  g_string_append_c (w->record, '\n');

  if (w->discard)
    return;
  w->n_records++;
  if (w->out != NULL && fwrite (w->record->str, 1, w->record->len, w->out) != w->record->len)
    w->failed = TRUE;
}

#define CLASSES(...) ((const char * const []) { __VA_ARGS__, NULL })

static void
ldif_container (LdifWriter         *w,
                const char         *dn,
                const char         *cn,
                const char * const *classes,
                const char         *category)
{
  ldif_begin (w, dn, cn, classes);
  ldif_end (w, cn, category);
}

static const char *
routing_group_bridgehead (ExtopoGenOrg    *org,
                          GenRoutingGroup *rg)
{
  GenServer *server;

  if (rg->servers->len == 0)
    return NULL;
  server = &g_array_index (org->servers, GenServer, g_array_index (rg->servers, guint, 0));
  /* Exchange 2007 names the hub server itself, older versions its SMTP virtual server. */
  return server->vs_dn != NULL ? server->vs_dn : server->dn;
}

static void
write_server (ExtopoGenOrg  *org,
              LdifWriter    *w,
              GenAdminGroup *ag,
              GenServer     *server)
{
  GenRoutingGroup *rg = &g_array_index (org->routing_groups, GenRoutingGroup,
                                        server->home_routing_group);
  g_autofree char *fqdn = g_ascii_strdown (server->name, -1);

  w->discard = server->left_out;
  ldif_begin (w, server->dn, server->name, CLASSES ("server", "msExchExchangeServer"));
  ldif_attr (w, "serialNumber", releases[server->release].serial_number);
  ldif_attr (w, "versionNumber", releases[server->release].version_number);
  if (server->release == GEN_EXCHANGE_2007_SP1)
    ldif_attr_printf (w, "msExchCurrentServerRoles", "%u", server->roles);
  ldif_attr_printf (w, "networkAddress", "ncacn_vns_spp:%s", server->name);
  ldif_attr_printf (w, "networkAddress", "netbios:%s", server->name);
  ldif_attr_printf (w, "networkAddress", "ncacn_np:%s", server->name);
  ldif_attr_printf (w, "networkAddress", "ncacn_ip_tcp:%s." MAIL_DOMAIN, fqdn);
  if (server->writes_home_routing_group)
    ldif_attr (w, "msExchHomeRoutingGroup", rg->dn);
  ldif_attr_printf (w, "legacyExchangeDN", "/o=" ORG_NAME "/ou=%s/cn=Configuration/cn=Servers/cn=%s",
                    ag->name, server->name);
  if (server->release == GEN_EXCHANGE_2007_SP1)
    {
      ldif_attr_printf (w, "msExchServerSite", "CN=Site%02u,CN=Sites," CONFIG_DN, server->site);
      ldif_attr (w, "msExchVersion", EXCHANGE_2007_OBJECT_VERSION);
    }
  else
    {
      ldif_attr (w, "serverRole", server->front_end ? "1" : "0");
    }
  ldif_attr (w, "type", "0");
  ldif_attr (w, "messageTrackingEnabled", "TRUE");
  ldif_end (w, server->name, "ms-Exch-Exchange-Server");

  if (server->vs_dn == NULL)
    {
      w->discard = FALSE;
      return;
    }

  {
    g_autofree char *protocols = g_strdup_printf ("CN=Protocols,%s", server->dn);
    g_autofree char *smtp = g_strdup_printf ("CN=SMTP,%s", protocols);

    ldif_container (w, protocols, "Protocols", CLASSES ("container", "protocolCfgProtocols"),
                    "ms-Exch-Protocol-Cfg-Protocol-Container");
    ldif_container (w, smtp, "SMTP", CLASSES ("container", "protocolCfgSMTPProtocol"),
                    "ms-Exch-Protocol-Cfg-SMTP-Container");
    ldif_begin (w, server->vs_dn, "1",
                CLASSES ("protocolCfg", "protocolCfgSMTP", "protocolCfgSMTPServer"));
    ldif_attr (w, "serverBindings", ":25:");
    ldif_attr (w, "adminDisplayName", "Default SMTP Virtual Server");
    ldif_end (w, "1", "ms-Exch-Protocol-Cfg-SMTP-Server");
  }
  w->discard = FALSE;
}

static void
write_connector (ExtopoGenOrg    *org,
                 LdifWriter      *w,
                 GenRoutingGroup *rg,
                 guint            half)
{
  GenLink *link = &g_array_index (org->links, GenLink, half / 2);
  gboolean reverse = half % 2 == 1;
  GenRoutingGroup *other = &g_array_index (org->routing_groups, GenRoutingGroup,
                                           reverse ? link->source : link->target);
  gboolean interop = rg->interop || other->interop;
  const char *local_bridgehead = routing_group_bridgehead (org, rg);
  const char *remote_bridgehead = routing_group_bridgehead (org, other);
  g_autofree char *name = NULL;
  g_autofree char *dn = NULL;

  if (interop)
    name = rg->interop ? g_strdup_printf ("Interop RGC %s", other->code) : g_strdup ("Interop RGC");
  else
    name = g_strdup_printf ("RGC %s to %s", rg->name, other->name);
  dn = g_strdup_printf ("CN=%s,CN=Connections,%s", name, rg->dn);

  ldif_begin (w, dn, name, CLASSES ("msExchRoutingGroupConnector"));
  ldif_attr (w, "msExchDestinationRGDN", other->dn);
  ldif_attr_printf (w, "cost", "%u", link->cost);
  if (local_bridgehead != NULL)
    ldif_attr (w, "msExchSourceBridgeheadServersDN", local_bridgehead);
  if (remote_bridgehead != NULL)
    ldif_attr (w, "msExchTargetBridgeheadServersDN", remote_bridgehead);
  ldif_attr (w, "msExchNoPFConnector", "FALSE");
  ldif_attr (w, "deliveryMechanism", "2");
  if (interop)
    ldif_attr (w, "msExchVersion", EXCHANGE_2007_OBJECT_VERSION);
  ldif_end (w, name, "ms-Exch-Routing-Group-Connector");
}

static void
write_smtp_connector (ExtopoGenOrg    *org,
                      LdifWriter      *w,
                      GenRoutingGroup *rg,
                      GenSmtp         *smtp)
{
  g_autofree char *dn = g_strdup_printf ("CN=%s,CN=Connections,%s", smtp->name, rg->dn);
  const char *bridgehead = routing_group_bridgehead (org, rg);

  ldif_begin (w, dn, smtp->name, CLASSES ("msExchRoutingSMTPConnector"));
  ldif_attr (w, "routingList", smtp->routing_list);
  if (bridgehead != NULL)
    ldif_attr (w, "msExchSourceBridgeheadServersDN", bridgehead);
  ldif_attr (w, "cost", "1");
  if (smtp->send_connector)
    ldif_attr (w, "msExchVersion", EXCHANGE_2007_OBJECT_VERSION);
  ldif_end (w, smtp->name, "ms-Exch-Routing-SMTP-Connector");
}

static void
write_routing_group (ExtopoGenOrg    *org,
                     LdifWriter      *w,
                     GenRoutingGroup *rg)
{
  g_autofree char *connections = g_strdup_printf ("CN=Connections,%s", rg->dn);

  ldif_begin (w, rg->dn, rg->name, CLASSES ("msExchRoutingGroup"));
  if (!rg->interop && rg->servers->len > 0)
    ldif_attr (w, "msExchRoutingMasterDN",
               g_array_index (org->servers, GenServer, g_array_index (rg->servers, guint, 0)).dn);
  if (rg->interop)
    ldif_attr (w, "msExchVersion", EXCHANGE_2007_OBJECT_VERSION);
  ldif_end (w, rg->name, "ms-Exch-Routing-Group");

  ldif_container (w, connections, "Connections", CLASSES ("msExchConnectors"),
                  "ms-Exch-Connectors");
  for (guint i = 0; i < rg->connectors->len; i++)
    write_connector (org, w, rg, g_array_index (rg->connectors, guint, i));
  for (guint i = 0; i < rg->smtp->len; i++)
    write_smtp_connector (org, w, rg,
                          &g_array_index (org->smtp, GenSmtp, g_array_index (rg->smtp, guint, i)));
}

static void
write_admin_group (ExtopoGenOrg  *org,
                   LdifWriter    *w,
                   GenAdminGroup *ag,
                   gboolean       is_default)
{
  g_autofree char *servers = g_strdup_printf ("CN=Servers,%s", ag->dn);
  g_autofree char *routing_groups = g_strdup_printf ("CN=Routing Groups,%s", ag->dn);

  ldif_begin (w, ag->dn, ag->name, CLASSES ("msExchAdminGroup"));
  ldif_attr (w, "msExchAdminGroupMode", "0");
  if (is_default)
    ldif_attr (w, "msExchDefaultAdminGroup", "TRUE");
  ldif_attr_printf (w, "legacyExchangeDN", "/o=" ORG_NAME "/ou=%s", ag->name);
  if (ag->interop)
    ldif_attr (w, "msExchVersion", EXCHANGE_2007_OBJECT_VERSION);
  ldif_end (w, ag->name, "ms-Exch-Admin-Group");

  ldif_container (w, servers, "Servers", CLASSES ("msExchServersContainer"),
                  "ms-Exch-Servers-Container");
  for (guint i = 0; i < ag->servers->len; i++)
    write_server (org, w, ag, &g_array_index (org->servers, GenServer,
                                              g_array_index (ag->servers, guint, i)));

  ldif_container (w, routing_groups, "Routing Groups", CLASSES ("msExchRoutingGroupContainer"),
                  "ms-Exch-Routing-Group-Container");
  for (guint i = 0; i < ag->routing_groups->len; i++)
    write_routing_group (org, w, &g_array_index (org->routing_groups, GenRoutingGroup,
                                                 g_array_index (ag->routing_groups, guint, i)));
}

static gboolean
write_ldif (ExtopoGenOrg *org,
            FILE         *out)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (org->params.seed ^ 0x5eed);
  LdifWriter w = { out, g_string_sized_new (2048), rand, 12000, 0, FALSE, FALSE };

  if (out != NULL)
    fprintf (out,
             "# A synthetic Exchange organization: %u servers, %u routing groups, seed %u.\n"
             "# Written by extopo-gen in the form of ldifde -f out.ldif -d \"%s\".\n\n",
             org->params.n_servers, org->params.n_routing_groups, org->params.seed,
             EXCHANGE_DN);

  ldif_container (&w, EXCHANGE_DN, "Microsoft Exchange",
                  CLASSES ("container", "msExchConfigurationContainer"),
                  "ms-Exch-Configuration-Container");

  ldif_begin (&w, ORG_DN, ORG_NAME, CLASSES ("container", "msExchOrganizationContainer"));
  ldif_attr (&w, "msExchMixedMode", "FALSE");
  ldif_attr (&w, "legacyExchangeDN", "/o=" ORG_NAME);
  ldif_end (&w, ORG_NAME, "ms-Exch-Organization-Container");

  ldif_container (&w, ADMIN_GROUPS_DN, "Administrative Groups",
                  CLASSES ("msExchAdminGroupContainer"), "ms-Exch-Admin-Group-Container");

  if (org->interop_rg != G_MAXUINT)
    {
      ldif_begin (&w, "CN=Transport Settings," ORG_DN, "Transport Settings",
                  CLASSES ("container", "msExchTransportSettings"));
      ldif_attr (&w, "msExchVersion", EXCHANGE_2007_OBJECT_VERSION);
      ldif_end (&w, "Transport Settings", "ms-Exch-Transport-Settings");
    }

  for (guint i = 0; i < org->admin_groups->len; i++)
    write_admin_group (org, &w, &g_array_index (org->admin_groups, GenAdminGroup, i), i == 0);

  g_string_free (w.record, TRUE);
  org->n_entries = w.n_records;

  if (out != NULL && fflush (out) != 0)
    w.failed = TRUE;
  return !w.failed;
}

gboolean
extopo_gen_org_write_ldif (ExtopoGenOrg *org,
                           FILE         *out)
{
  g_return_val_if_fail (org != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  return write_ldif (org, out);
}

guint
extopo_gen_org_get_n_entries (ExtopoGenOrg *org)
{
  g_return_val_if_fail (org != NULL, 0);

  if (org->n_entries == 0)
    write_ldif (org, NULL);
  return org->n_entries;
}

gboolean
extopo_gen_org_write_dot (ExtopoGenOrg *org,
                          FILE         *out)
{
  g_return_val_if_fail (org != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  fprintf (out, "digraph \"%s\" {\n", ORG_NAME);
  fprintf (out, "  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n");
  fprintf (out, "  graph [fontname=\"Helvetica\"];\n\n");

  for (guint i = 0; i < org->routing_groups->len; i++)
    {
      GenRoutingGroup *rg = &g_array_index (org->routing_groups, GenRoutingGroup, i);

      fprintf (out, "  subgraph \"cluster_%u\" {\n    label=\"%s\";\n", i, rg->name);
      for (guint j = 0; j < rg->servers->len; j++)
        {
          GenServer *server = &g_array_index (org->servers, GenServer,
                                              g_array_index (rg->servers, guint, j));

          fprintf (out, "    \"%s\" [label=\"%s\\n%s\"];\n", server->name, server->name,
                   releases[server->release].short_name);
        }
      fprintf (out, "  }\n");
    }
  fprintf (out, "\n");

  for (guint i = 0; i < org->links->len; i++)
    {
      GenLink *link = &g_array_index (org->links, GenLink, i);
      GenRoutingGroup *source = &g_array_index (org->routing_groups, GenRoutingGroup, link->source);
      GenRoutingGroup *target = &g_array_index (org->routing_groups, GenRoutingGroup, link->target);

      if (source->servers->len == 0 || target->servers->len == 0)
        continue;
      fprintf (out, "  \"%s\" -> \"%s\" [label=\"%u\"%s];\n",
               g_array_index (org->servers, GenServer, g_array_index (source->servers, guint, 0)).name,
               g_array_index (org->servers, GenServer, g_array_index (target->servers, guint, 0)).name,
               link->cost, link->two_way ? ", dir=both" : "");
    }
  fprintf (out, "}\n");

  return fflush (out) == 0 && !ferror (out);
}
