/* extopo-gen.c: writes a synthetic Exchange organization as LDIF or plain DOT.
 *
 *   extopo-gen --servers=N --routing-groups=M [--seed=S] [--dot] > out.ldif
 *   extopo-gen ... --changed=C [--newer] > old.ldif (new.ldif): two snapshots
 *   that differ in C servers
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-gen"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "extopo-gen-org.h"

int
main (int    argc,
      char **argv)
{
  gint servers = 1000;
  gint routing_groups = 100;
  gint64 seed = 1;
  gboolean dot = FALSE;
  gint changed = 0;
  gboolean newer = FALSE;
  const GOptionEntry entries[] = {
    { "servers", 0, 0, G_OPTION_ARG_INT, &servers, "Number of servers (default 1000)", "N" },
    { "routing-groups", 0, 0, G_OPTION_ARG_INT, &routing_groups,
      "Number of routing groups, the Exchange 2007 one included (default 100)", "M" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed (default 1)", "S" },
    { "changed", 0, 0, G_OPTION_ARG_INT, &changed,
      "Change N legacy servers between the older and the newer snapshot (default 0)", "N" },
    { "newer", 0, 0, G_OPTION_ARG_NONE, &newer,
      "With --changed: write the newer snapshot (default: the older)", NULL },
    { "dot", 0, 0, G_OPTION_ARG_NONE, &dot,
      "Write the plain clustered DOT of the organization instead of LDIF", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- write a synthetic Exchange organization");
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoGenOrg) org = NULL;
  ExtopoGenParams params;
  gboolean ok;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "extopo-gen: %s\n", error->message);
      return 2;
    }
  if (servers < 0 || routing_groups < 1 || seed < 0 || seed > G_MAXUINT32 || changed < 0)
    {
      fprintf (stderr, "extopo-gen: --servers and --changed must be at least 0, "
               "--routing-groups at least 1\n");
      return 2;
    }

  params.n_servers = (guint) servers;
  params.n_routing_groups = (guint) routing_groups;
  params.seed = (guint32) seed;
  org = extopo_gen_org_new (&params);
  extopo_gen_org_change_servers (org, (guint) changed, newer);

  ok = dot ? extopo_gen_org_write_dot (org, stdout) : extopo_gen_org_write_ldif (org, stdout);
  if (!ok)
    {
      perror ("extopo-gen: cannot write the output");
      return 1;
    }

  return 0;
}
