/* extopo-ldap-bench.c: how long extopo_ldap_fetch takes to read a large
 * organization, against ldapsearch reading the same entries and attributes.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-ldap-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "extopo-ldap-source.h"
#include "extopo-slapd.h"

#define PAGE_SIZE 1000

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);

  if (times->len % 2 == 1)
    return g_array_index (times, double, times->len / 2);

  return (g_array_index (times, double, times->len / 2 - 1)
          + g_array_index (times, double, times->len / 2)) / 2;
}

static double
time_extopo (const ExtopoLdapParams *params,
             guint                  *n_entries)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 start = g_get_monotonic_time ();

  entries = extopo_ldap_fetch (params, NULL, NULL, NULL, &error);
  if (entries == NULL)
    g_error ("extopo_ldap_fetch: %s", error->message);
  *n_entries = entries->len;

  return (g_get_monotonic_time () - start) / (double) G_TIME_SPAN_SECOND;
}

/* ldapsearch writes its LDIF to a pipe that is read and counted, so both
 * sides do comparable work with what arrives. */
static double
time_ldapsearch (const char * const *argv,
                 guint              *n_entries)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) output = NULL;
  gint64 start = g_get_monotonic_time ();
  const char *data;
  gsize length;
  guint n = 0;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  if (process == NULL || !g_subprocess_communicate (process, NULL, NULL, &output, NULL, &error))
    g_error ("ldapsearch: %s", error->message);
  if (!g_subprocess_get_successful (process))
    g_error ("ldapsearch failed");

  data = g_bytes_get_data (output, &length);
  for (gsize i = 0; i + 4 < length; i++)
    if ((i == 0 || data[i - 1] == '\n') && data[i] == 'd' && data[i + 1] == 'n'
        && data[i + 2] == ':')
      n++;
  *n_entries = n;

  return (g_get_monotonic_time () - start) / (double) G_TIME_SPAN_SECOND;
}

int
main (int    argc,
      char **argv)
{
  int n_servers = 20000;
  int n_runs = 5;
  const GOptionEntry options[] = {
    { "servers", 0, 0, G_OPTION_ARG_INT, &n_servers, "Servers in the organization", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &n_runs, "Timed runs of each client", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the live LDAP fetch");
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoSlapd) slapd = NULL;
  g_autoptr(ExtopoLdapParams) params = NULL;
  g_autoptr(GPtrArray) search_argv = NULL;
  g_autoptr(GArray) extopo_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ldapsearch_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *base = NULL;
  ExtopoSlapdConfig config = { NULL, 0, FALSE, FALSE };
  const char * const *attributes = extopo_ldap_get_attributes ();
  guint extopo_entries = 0;
  guint ldapsearch_entries = 0;
  gint64 start;
  double a;
  double b;

  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  config.n_servers = MAX (n_servers, 1);
  start = g_get_monotonic_time ();
  slapd = extopo_slapd_start (&config, &error);
  if (slapd == NULL)
    {
      g_printerr ("cannot start slapd: %s\n", error->message);
      return 1;
    }
  printf ("slapd with %d servers (%u entries) ready in %.2f s\n", n_servers, slapd->n_entries,
          (g_get_monotonic_time () - start) / (double) G_TIME_SPAN_SECOND);

  params = extopo_ldap_params_new ();
  g_strfreev (params->uris);
  params->uris = g_strsplit (slapd->uri, " ", -1);
  params->page_size = PAGE_SIZE;

  base = g_strdup_printf ("CN=Microsoft Exchange,CN=Services,CN=Configuration,%s",
                          slapd->suffix);
  search_argv = g_ptr_array_new ();
  g_ptr_array_add (search_argv, (gpointer) "ldapsearch");
  g_ptr_array_add (search_argv, (gpointer) "-x");
  g_ptr_array_add (search_argv, (gpointer) "-LLL");
  g_ptr_array_add (search_argv, (gpointer) "-H");
  g_ptr_array_add (search_argv, slapd->uri);
  g_ptr_array_add (search_argv, (gpointer) "-E");
  g_ptr_array_add (search_argv, (gpointer) "pr=1000/noprompt");
  g_ptr_array_add (search_argv, (gpointer) "-b");
  g_ptr_array_add (search_argv, base);
  g_ptr_array_add (search_argv, (gpointer) extopo_ldap_get_filter ());
  for (guint i = 0; attributes[i] != NULL; i++)
    g_ptr_array_add (search_argv, (gpointer) attributes[i]);
  g_ptr_array_add (search_argv, NULL);

  /* One untimed run each warms slapd's caches. */
  time_extopo (params, &extopo_entries);
  time_ldapsearch ((const char * const *) search_argv->pdata, &ldapsearch_entries);

  for (int run = 0; run < n_runs; run++)
    {
      double t;

      t = time_extopo (params, &extopo_entries);
      g_array_append_val (extopo_times, t);
      t = time_ldapsearch ((const char * const *) search_argv->pdata, &ldapsearch_entries);
      g_array_append_val (ldapsearch_times, t);
    }

  if (extopo_entries != ldapsearch_entries)
    g_printerr ("warning: extopo fetched %u entries, ldapsearch %u\n",
                extopo_entries, ldapsearch_entries);

  a = median (extopo_times);
  b = median (ldapsearch_times);
  printf ("entries fetched: extopo %u, ldapsearch %u (page size %d, %d runs each)\n",
          extopo_entries, ldapsearch_entries, PAGE_SIZE, n_runs);
  printf ("median extopo_ldap_fetch: %.3f s\n", a);
  printf ("median ldapsearch -E pr=%d/noprompt -LLL: %.3f s\n", PAGE_SIZE, b);
  printf ("ratio extopo / ldapsearch: %.2fx (goal <= 1.2x)\n", a / b);

  return 0;
}
