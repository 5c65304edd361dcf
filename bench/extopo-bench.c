/* extopo-bench.c: times ExTopo's pipeline on synthetic organizations and
 * compares it with `dot -Tsvg` on the plain clustered DOT of the same data.
 *
 *   extopo-bench [--sizes=1000,5000,20000] [--extopo=PATH] [--timeout=S] [--keep]
 *
 * For each size the organization is generated (one routing group per ten
 * servers), then three child processes run one after the other, so each has
 * its own peak memory (ru_maxrss from wait4):
 *   1. this program with --pipeline: LDIF read, model, findings, layout, SVG,
 *      each timed in-process;
 *   2. dot -Tsvg on the plain DOT;
 *   3. extopo --export=x.svg on the LDIF, the whole program.
 * It prints figures; it is not a test.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-bench"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "extopo-export.h"
#include "extopo-findings.h"
#include "extopo-layout.h"
#include "extopo-ldif-reader.h"
#include "extopo-model.h"
#include "extopo-schema.h"
#include "extopo-gen-org.h"

#ifndef EXTOPO_BUILD_BINARY
#define EXTOPO_BUILD_BINARY "extopo"
#endif

/* Phases timed inside the --pipeline child. */
typedef struct
{
  double read;
  double model;
  double findings;
  double layout;
  double render;
  guint  n_servers;
  guint  n_findings;
  guint  n_nodes;
  guint  n_edges;
} PipelineTimes;

/* A finished child process. */
typedef struct
{
  gboolean ran;        /* it was started and exited normally with status 0 */
  gboolean timed_out;
  int      status;     /* exit status, or the signal number when killed */
  gboolean signalled;
  double   seconds;    /* wall clock */
  double   peak_mb;    /* ru_maxrss */
  char    *output;     /* captured stdout */
} ChildRun;

/* One size's figures, for the summary table. */
typedef struct
{
  guint         n_servers;
  guint         n_routing_groups;
  guint         n_entries;
  gboolean      pipeline_ok;
  PipelineTimes times;
  double        pipeline_peak_mb;
  char         *dot;      /* "12.345 s  57 MB", "timeout" ... or NULL when not run */
  char         *export;
} SizeResult;

static void
size_result_clear (gpointer data)
{
  SizeResult *result = data;

  g_free (result->dot);
  g_free (result->export);
}

static void
child_run_clear (ChildRun *run)
{
  g_clear_pointer (&run->output, g_free);
}

static double
elapsed (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* Runs @argv with stdout captured (or thrown away), killing it after
 * @timeout seconds: the alarm survives exec and SIGALRM ends the program. */
static void
run_child (char * const *argv,
           guint         timeout,
           gboolean      capture,
           ChildRun     *run)
{
  int fds[2];
  pid_t pid;
  gint64 start;
  struct rusage usage;
  int wstatus = 0;
  g_autoptr(GString) output = g_string_new (NULL);

  memset (run, 0, sizeof *run);
  if (pipe (fds) != 0)
    g_error ("pipe: %s", g_strerror (errno));

  fflush (stdout);
  start = g_get_monotonic_time ();
  pid = fork ();
  if (pid < 0)
    g_error ("fork: %s", g_strerror (errno));
  if (pid == 0)
    {
      close (fds[0]);
      if (capture)
        dup2 (fds[1], STDOUT_FILENO);
      else
        {
          int null = open ("/dev/null", O_WRONLY);
          if (null >= 0)
            dup2 (null, STDOUT_FILENO);
        }
      close (fds[1]);
      alarm (timeout);
      execvp (argv[0], argv);
      fprintf (stderr, "extopo-bench: cannot run %s: %s\n", argv[0], g_strerror (errno));
      _exit (127);
    }

  close (fds[1]);
  for (;;)
    {
      char buffer[4096];
      ssize_t n = read (fds[0], buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      g_string_append_len (output, buffer, n);
    }
  close (fds[0]);

  while (wait4 (pid, &wstatus, 0, &usage) < 0)
    {
      if (errno != EINTR)
        g_error ("wait4: %s", g_strerror (errno));
    }

  run->seconds = elapsed (start);
  run->peak_mb = usage.ru_maxrss / 1024.0;
  run->output = g_string_free (g_steal_pointer (&output), FALSE);
  if (WIFSIGNALED (wstatus))
    {
      run->signalled = TRUE;
      run->status = WTERMSIG (wstatus);
      run->timed_out = run->status == SIGALRM;
    }
  else
    {
      run->status = WEXITSTATUS (wstatus);
      run->ran = run->status == 0;
    }
}

/* The --pipeline child: every stage of `extopo --export` in-process, timed. */
static int
run_pipeline (const char *ldif_path,
              const char *svg_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(ExtopoModel) model = NULL;
  g_autoptr(ExtopoGeometry) geometry = NULL;
  ExtopoLayoutOptions options = { EXTOPO_VIEW_ROUTING, NULL };
  PipelineTimes t = { 0 };
  gint64 start;

  start = g_get_monotonic_time ();
  /* Read as the program's loader does: only what the model uses is kept. */
  entries = extopo_ldif_read_file_filtered (ldif_path, extopo_schema_get_entry_filter (), NULL,
                                            &error);
  t.read = elapsed (start);
  if (entries == NULL)
    goto failed;

  start = g_get_monotonic_time ();
  model = extopo_model_new_from_entries (entries, ldif_path, &error);
  t.model = elapsed (start);
  if (model == NULL)
    goto failed;
  /* The program drops the entries once the model is built. */
  g_clear_pointer (&entries, g_ptr_array_unref);

  start = g_get_monotonic_time ();
  extopo_findings_evaluate (model);
  t.findings = elapsed (start);

  start = g_get_monotonic_time ();
  geometry = extopo_layout_compute (model, &options, NULL, &error);
  t.layout = elapsed (start);
  if (geometry == NULL)
    goto failed;

  start = g_get_monotonic_time ();
  if (!extopo_export_write (geometry, EXTOPO_EXPORT_SVG, svg_path, NULL, 1.0, &error))
    goto failed;
  t.render = elapsed (start);

  t.n_servers = extopo_model_get_servers (model)->len;
  t.n_findings = extopo_model_get_findings (model)->len;
  t.n_nodes = geometry->nodes->len;
  t.n_edges = geometry->edges->len;

  printf ("%.4f %.4f %.4f %.4f %.4f %u %u %u %u\n", t.read, t.model, t.findings, t.layout,
          t.render, t.n_servers, t.n_findings, t.n_nodes, t.n_edges);
  return 0;

failed:
  fprintf (stderr, "extopo-bench: %s\n", error->message);
  return 1;
}

static gboolean
parse_pipeline_times (const char    *output,
                      PipelineTimes *t)
{
  return output != NULL &&
         sscanf (output, "%lf %lf %lf %lf %lf %u %u %u %u", &t->read, &t->model, &t->findings,
                 &t->layout, &t->render, &t->n_servers, &t->n_findings, &t->n_nodes,
                 &t->n_edges) == 9;
}

static char *
describe_failure (const ChildRun *run)
{
  if (run->timed_out)
    return g_strdup ("timeout");
  if (run->signalled)
    return g_strdup_printf ("killed by %s", g_strsignal (run->status));
  return g_strdup_printf ("exit %d", run->status);
}

static gboolean
write_file (const char   *path,
            ExtopoGenOrg *org,
            gboolean      dot)
{
  FILE *out = fopen (path, "w");
  gboolean ok;

  if (out == NULL)
    return FALSE;
  ok = dot ? extopo_gen_org_write_dot (org, out) : extopo_gen_org_write_ldif (org, out);
  return fclose (out) == 0 && ok;
}

static char *
find_extopo (const char *self,
             const char *requested)
{
  g_autofree char *dir = NULL;
  g_autofree char *sibling = NULL;

  if (requested != NULL)
    return g_strdup (requested);
  if (g_file_test (EXTOPO_BUILD_BINARY, G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup (EXTOPO_BUILD_BINARY);
  /* bench/extopo-bench next to app/extopo in a moved build directory. */
  dir = g_path_get_dirname (self);
  sibling = g_build_filename (dir, "..", "app", "extopo", NULL);
  if (g_file_test (sibling, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&sibling);
  return g_find_program_in_path ("extopo");
}

static void
print_rule (void)
{
  printf ("%s\n", "------------------------------------------------------------------------"
                  "---------------------------------------------------");
}

/* "   7.480 s    558 MB", or why the child failed. */
static char *
summarize_child (const ChildRun *run)
{
  if (run->ran)
    return g_strdup_printf ("%8.3f s %6.0f MB", run->seconds, run->peak_mb);
  return describe_failure (run);
}

static void
bench_size (const char *self,
            const char *tmpdir,
            const char *extopo,
            const char *dot,
            guint       n_servers,
            guint32     seed,
            guint       timeout,
            SizeResult *result)
{
  ExtopoGenParams params = { n_servers, MAX (2, n_servers / 10), seed };
  g_autoptr(ExtopoGenOrg) org = NULL;
  g_autofree char *ldif_path = g_strdup_printf ("%s/org-%u.ldif", tmpdir, n_servers);
  g_autofree char *dot_path = g_strdup_printf ("%s/org-%u.dot", tmpdir, n_servers);
  g_autofree char *svg_path = g_strdup_printf ("%s/pipeline-%u.svg", tmpdir, n_servers);
  g_autofree char *dot_svg_path = g_strdup_printf ("%s/dot-%u.svg", tmpdir, n_servers);
  g_autofree char *export_path = g_strdup_printf ("%s/extopo-%u.svg", tmpdir, n_servers);
  g_autofree char *pipeline_arg = g_strdup_printf ("--pipeline=%s", ldif_path);
  g_autofree char *svg_arg = g_strdup_printf ("--svg=%s", svg_path);
  g_autofree char *export_arg = g_strdup_printf ("--export=%s", export_path);
  g_autofree char *output_arg = g_strdup_printf ("-o%s", dot_svg_path);
  ChildRun pipeline = { 0 };
  ChildRun dot_run = { 0 };
  ChildRun export_run = { 0 };
  PipelineTimes t = { 0 };
  GStatBuf st = { 0 };
  gint64 start;
  double gen_seconds;

  start = g_get_monotonic_time ();
  org = extopo_gen_org_new (&params);
  if (!write_file (ldif_path, org, FALSE) || !write_file (dot_path, org, TRUE))
    g_error ("cannot write into %s", tmpdir);
  gen_seconds = elapsed (start);
  g_stat (ldif_path, &st);

  printf ("\n%u servers, %u routing groups: %u entries, %u connections, LDIF %.1f MB "
          "(generated in %.2f s)\n",
          n_servers, params.n_routing_groups, extopo_gen_org_get_n_entries (org),
          extopo_gen_org_get_n_connections (org), st.st_size / 1048576.0, gen_seconds);

  {
    char *argv[] = { (char *) self, pipeline_arg, svg_arg, NULL };
    run_child (argv, timeout, TRUE, &pipeline);
  }
  if (pipeline.ran && parse_pipeline_times (pipeline.output, &t))
    {
      printf ("  extopo pipeline  read %7.3f s  model %7.3f s  findings %7.3f s  layout %8.3f s  "
              "svg %7.3f s  total %8.3f s  peak %7.1f MB\n",
              t.read, t.model, t.findings, t.layout, t.render,
              t.read + t.model + t.findings + t.layout + t.render, pipeline.peak_mb);
      printf ("                   %u servers, %u findings, %u boxes, %u edges drawn\n",
              t.n_servers, t.n_findings, t.n_nodes, t.n_edges);
    }
  else
    {
      g_autofree char *why = describe_failure (&pipeline);
      printf ("  extopo pipeline  FAILED (%s) after %.1f s\n", why, pipeline.seconds);
    }

  if (dot != NULL)
    {
      char *argv[] = { (char *) dot, (char *) "-Tsvg", output_arg, dot_path, NULL };
      run_child (argv, timeout, FALSE, &dot_run);
      if (dot_run.ran)
        printf ("  dot -Tsvg        %8.3f s  peak %7.1f MB\n", dot_run.seconds, dot_run.peak_mb);
      else
        {
          g_autofree char *why = describe_failure (&dot_run);
          printf ("  dot -Tsvg        FAILED (%s) after %.1f s\n", why, dot_run.seconds);
        }
    }

  if (extopo != NULL)
    {
      char *argv[] = { (char *) extopo, export_arg, ldif_path, NULL };
      run_child (argv, timeout, FALSE, &export_run);
      if (export_run.ran)
        printf ("  extopo --export  %8.3f s  peak %7.1f MB\n",
                export_run.seconds, export_run.peak_mb);
      else
        {
          g_autofree char *why = describe_failure (&export_run);
          printf ("  extopo --export  FAILED (%s) after %.1f s\n", why, export_run.seconds);
        }
    }

  result->n_servers = n_servers;
  result->n_routing_groups = params.n_routing_groups;
  result->n_entries = extopo_gen_org_get_n_entries (org);
  result->pipeline_ok = pipeline.ran && parse_pipeline_times (pipeline.output, &result->times);
  result->pipeline_peak_mb = pipeline.peak_mb;
  if (dot != NULL)
    result->dot = summarize_child (&dot_run);
  if (extopo != NULL)
    result->export = summarize_child (&export_run);

  child_run_clear (&pipeline);
  child_run_clear (&dot_run);
  child_run_clear (&export_run);
}

static void
print_summary (GArray *results)
{
  printf ("\nSummary (seconds; peak resident memory in MB)\n");
  printf ("%7s %6s %7s | %6s %6s %8s %7s %6s %7s %6s | %-20s | %s\n",
          "servers", "groups", "entries", "read", "model", "findings", "layout", "svg", "total",
          "peak", "dot -Tsvg", "extopo --export");
  for (guint i = 0; i < results->len; i++)
    {
      SizeResult *r = &g_array_index (results, SizeResult, i);
      PipelineTimes *t = &r->times;

      printf ("%7u %6u %7u | ", r->n_servers, r->n_routing_groups, r->n_entries);
      if (r->pipeline_ok)
        printf ("%6.3f %6.3f %8.3f %7.3f %6.3f %7.3f %6.0f | ", t->read, t->model, t->findings,
                t->layout, t->render, t->read + t->model + t->findings + t->layout + t->render,
                r->pipeline_peak_mb);
      else
        printf ("%-52s | ", "failed");
      printf ("%-20s | %s\n", r->dot != NULL ? r->dot : "not run",
              r->export != NULL ? r->export : "not run");
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *sizes = g_strdup ("1000,5000,20000");
  g_autofree char *pipeline = NULL;
  g_autofree char *svg = NULL;
  g_autofree char *extopo_arg = NULL;
  g_autofree char *dot_arg = NULL;
  g_autofree char *tmpdir_arg = NULL;
  gint timeout = 600;
  gint64 seed = 1;
  gboolean keep = FALSE;
  gboolean no_dot = FALSE;
  const GOptionEntry entries[] = {
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes,
      "Comma-separated server counts (default 1000,5000,20000)", "N,N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Generator seed (default 1)", "S" },
    { "extopo", 0, 0, G_OPTION_ARG_FILENAME, &extopo_arg,
      "The extopo program to time (default: the one in the build directory)", "PATH" },
    { "dot", 0, 0, G_OPTION_ARG_FILENAME, &dot_arg, "The dot program (default: from PATH)", "PATH" },
    { "no-dot", 0, 0, G_OPTION_ARG_NONE, &no_dot, "Do not time dot -Tsvg", NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout,
      "Seconds after which a child is killed (default 600)", "S" },
    { "tmpdir", 0, 0, G_OPTION_ARG_FILENAME, &tmpdir_arg,
      "Where to write the generated files (default: a new temporary directory)", "DIR" },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep, "Keep the generated files", NULL },
    { "pipeline", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &pipeline, NULL, NULL },
    { "svg", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &svg, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time ExTopo on synthetic organizations");
  g_autoptr(GError) error = NULL;
  g_autofree char *extopo = NULL;
  g_autofree char *dot = NULL;
  g_autofree char *tmpdir = NULL;
  g_autofree char *self = NULL;
  g_auto(GStrv) size_list = NULL;
  g_autoptr(GArray) results = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "extopo-bench: %s\n", error->message);
      return 2;
    }

  if (pipeline != NULL)
    return run_pipeline (pipeline, svg != NULL ? svg : "/dev/null");

  if (timeout <= 0 || seed < 0 || seed > G_MAXUINT32)
    {
      fprintf (stderr, "extopo-bench: --timeout must be positive and --seed a 32-bit number\n");
      return 2;
    }

  /* The children run this very program with --pipeline. */
  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);
  extopo = find_extopo (self, extopo_arg);
  if (!no_dot)
    dot = dot_arg != NULL ? g_strdup (dot_arg) : g_find_program_in_path ("dot");

  if (tmpdir_arg != NULL)
    {
      tmpdir = g_strdup (tmpdir_arg);
      g_mkdir_with_parents (tmpdir, 0755);
    }
  else if ((tmpdir = g_dir_make_tmp ("extopo-bench-XXXXXX", &error)) == NULL)
    {
      fprintf (stderr, "extopo-bench: %s\n", error->message);
      return 1;
    }

  printf ("ExTopo %s benchmark: %ld CPUs, extopo %s, dot %s\n", PACKAGE_VERSION,
          sysconf (_SC_NPROCESSORS_ONLN), extopo != NULL ? extopo : "(not found)",
          dot != NULL ? dot : "(not timed)");
  printf ("Files in %s; times are wall clock, peaks are each process's maximum resident size.\n",
          tmpdir);
  print_rule ();

  results = g_array_new (FALSE, TRUE, sizeof (SizeResult));
  g_array_set_clear_func (results, size_result_clear);
  size_list = g_strsplit (sizes, ",", -1);
  for (guint i = 0; size_list[i] != NULL; i++)
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (g_strstrip (size_list[i]), 10, 1, 10000000, &n, &error))
        {
          fprintf (stderr, "extopo-bench: --sizes: %s\n", error->message);
          return 2;
        }
      g_array_set_size (results, results->len + 1);
      bench_size (self, tmpdir, extopo, dot, (guint) n, (guint32) seed, (guint) timeout,
                  &g_array_index (results, SizeResult, results->len - 1));
    }
  print_rule ();
  print_summary (results);

  if (!keep && tmpdir_arg == NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (tmpdir, name, NULL);
          g_unlink (path);
        }
      g_rmdir (tmpdir);
    }

  return 0;
}
