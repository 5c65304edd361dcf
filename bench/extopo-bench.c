/* extopo-bench.c: times ExTopo's pipeline on synthetic organizations and
 * compares it with `dot -Tsvg` on the plain clustered DOT of the same data.
 *
 *   extopo-bench [--sizes=1000,5000,20000] [--extopo=PATH] [--timeout=S] [--keep]
 *
 * For each size the organization is generated (one routing group per ten
 * servers), then child processes run one after the other, so each has its
 * own peak memory (ru_maxrss from wait4):
 *   1. this program with --pipeline: LDIF read, model, findings, layout and
 *      every export format, each timed in-process with its own peak (the
 *      kernel's high-water mark is reset before each stage);
 *   2. dot -Tsvg on the plain DOT (unless --no-dot);
 *   3. extopo --export=x.FMT on the LDIF, the whole program, for each format.
 * At the end, the growth factor of each stage from the smallest size to the
 * largest. It prints figures; it is not a test.
 *
 *   extopo-bench --compare [--sizes=20000] [--changed=2000]
 *
 * times instead the comparison of two snapshots of each size that differ in
 * --changed servers (added, removed, upgraded or downgraded, renamed, moved):
 * in a child, both loads and the change set alone (its peak and the
 * resident size before it); then `extopo --compare=OLD NEW`, as text and
 * with --export=x.json and x.csv, each a process of its own.
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

#include "extopo-compare.h"
#include "extopo-export.h"
#include "extopo-findings.h"
#include "extopo-layout.h"
#include "extopo-ldif-reader.h"
#include "extopo-loader.h"
#include "extopo-model.h"
#include "extopo-schema.h"
#include "extopo-gen-org.h"

#ifndef EXTOPO_BUILD_BINARY
#define EXTOPO_BUILD_BINARY "extopo"
#endif

/* The formats timed, in the order printed. */
static const ExtopoExportFormat export_formats[] = {
  EXTOPO_EXPORT_SVG,
  EXTOPO_EXPORT_PDF,
  EXTOPO_EXPORT_PNG,
  EXTOPO_EXPORT_DOT,
  EXTOPO_EXPORT_JSON,
  EXTOPO_EXPORT_CSV,
  EXTOPO_EXPORT_HTML,
  EXTOPO_EXPORT_VSDX,
};
#define N_FORMATS G_N_ELEMENTS (export_formats)

/* Stages timed inside the --pipeline child: these four, then one export per format. */
static const char * const stage_names[] = { "LDIF read", "model", "findings", "layout" };
#define N_FIRST_STAGES G_N_ELEMENTS (stage_names)
#define N_STAGES (N_FIRST_STAGES + N_FORMATS)

static char *
stage_label (guint stage)
{
  if (stage < N_FIRST_STAGES)
    return g_strdup (stage_names[stage]);
  return g_strdup_printf ("export %s",
                          extopo_export_format_get_extension (export_formats[stage -
                                                                             N_FIRST_STAGES]));
}

/* A time and the peak resident memory while it ran. */
typedef struct
{
  double seconds;
  double peak_mb;
} Figure;

typedef struct
{
  Figure stages[N_STAGES];
  char  *failures[N_STAGES];  /* why a stage failed, NULL when it did not */
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
  double   load;       /* the 1-minute load average when it started */
  char    *output;     /* captured stdout */
} ChildRun;

/* How a child did, for the summary: its figure, or why it failed. */
typedef struct
{
  gboolean run;
  gboolean ok;
  Figure   figure;
  double   load;
  char    *failure;
} Outcome;

/* One size's figures, for the summary table. */
typedef struct
{
  guint         n_servers;
  guint         n_routing_groups;
  guint         n_entries;
  gboolean      pipeline_ok;
  PipelineTimes times;
  Outcome       pipeline;
  Outcome       dot;
  Outcome       exports[N_FORMATS];
} SizeResult;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->failure, g_free);
}

static void
size_result_clear (gpointer data)
{
  SizeResult *result = data;

  for (guint s = 0; s < N_STAGES; s++)
    g_free (result->times.failures[s]);
  outcome_clear (&result->pipeline);
  outcome_clear (&result->dot);
  for (guint f = 0; f < N_FORMATS; f++)
    outcome_clear (&result->exports[f]);
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

static double
load_average (void)
{
  double load[1] = { -1 };

  if (getloadavg (load, 1) != 1)
    return -1;
  return load[0];
}

/* Resets the kernel's high-water mark of this process's resident memory,
 * so that peak_mb () gives the peak of the stage that follows. */
static void
reset_peak (void)
{
  int fd = open ("/proc/self/clear_refs", O_WRONLY);

  if (fd < 0)
    return;
  if (write (fd, "5", 1) != 1)
    {
      /* Then the peaks are cumulative: still an upper bound. */
    }
  close (fd);
}

/* A line of /proc/self/status ("VmHWM:", "VmRSS:") in MB; -1 when it cannot be read. */
static double
proc_status_mb (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (line = strstr (status, key)) != NULL)
    return g_ascii_strtod (line + strlen (key), NULL) / 1024.0;

  return -1;
}

/* VmHWM from /proc/self/status, in MB; ru_maxrss when it cannot be read. */
static double
peak_mb (void)
{
  double peak = proc_status_mb ("VmHWM:");
  struct rusage usage;

  if (peak >= 0)
    return peak;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
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
  run->load = load_average ();
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

/* Ends a stage of the --pipeline child: one line "STAGE SECONDS PEAK_MB". */
static void
stage_done (guint  stage,
            gint64 start)
{
  printf ("stage %u %.4f %.1f\n", stage, elapsed (start), peak_mb ());
  fflush (stdout);
  reset_peak ();
}

/* The --pipeline child: every stage of `extopo --export` in-process, timed,
 * then every export format from the same layout, into @out_prefix.FMT. */
static int
run_pipeline (const char *ldif_path,
              const char *out_prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(ExtopoModel) model = NULL;
  g_autoptr(ExtopoGeometry) geometry = NULL;
  g_autofree char *title = g_path_get_basename (ldif_path);
  ExtopoLayoutOptions options = { EXTOPO_VIEW_ROUTING, NULL };
  ExtopoRenderOptions render_options;
  gint64 start;

  reset_peak ();
  start = g_get_monotonic_time ();
  /* Read as the program's loader does: only what the model uses is kept. */
  entries = extopo_ldif_read_file_filtered (ldif_path, extopo_schema_get_entry_filter (), NULL,
                                            &error);
  if (entries == NULL)
    goto failed;
  stage_done (0, start);

  start = g_get_monotonic_time ();
  model = extopo_model_new_from_entries (entries, ldif_path, &error);
  if (model == NULL)
    goto failed;
  /* The program drops the entries once the model is built. */
  g_clear_pointer (&entries, g_ptr_array_unref);
  stage_done (1, start);

  start = g_get_monotonic_time ();
  extopo_findings_evaluate (model);
  stage_done (2, start);

  start = g_get_monotonic_time ();
  geometry = extopo_layout_compute (model, &options, NULL, &error);
  if (geometry == NULL)
    goto failed;
  stage_done (3, start);

  /* As `extopo --export` draws: title, subtitle and legend. */
  extopo_render_options_init (&render_options);
  render_options.show_title = TRUE;
  render_options.show_legend = TRUE;
  render_options.title = title;
  render_options.subtitle = ldif_path;
  for (guint f = 0; f < N_FORMATS; f++)
    {
      const char *extension = extopo_export_format_get_extension (export_formats[f]);
      g_autofree char *path = g_strdup_printf ("%s.%s", out_prefix, extension);

      start = g_get_monotonic_time ();
      if (extopo_export_write (geometry, export_formats[f], path, &render_options, 1.0, &error))
        stage_done (N_FIRST_STAGES + f, start);
      else
        {
          /* A PNG can be too large: the other formats still count. */
          printf ("failed %u %s\n", (guint) (N_FIRST_STAGES + f), error->message);
          fflush (stdout);
          g_clear_error (&error);
          reset_peak ();
        }
    }

  printf ("counts %u %u %u %u\n", extopo_model_get_servers (model)->len,
          extopo_model_get_findings (model)->len, geometry->nodes->len, geometry->edges->len);
  return 0;

failed:
  fprintf (stderr, "extopo-bench: %s\n", error->message);
  return 1;
}

/* Reads the --pipeline child's lines; TRUE when there is at least one stage. */
static gboolean
parse_pipeline_times (const char    *output,
                      PipelineTimes *t)
{
  g_auto(GStrv) lines = NULL;
  guint n_stages = 0;
  gboolean counted = FALSE;
  int offset = 0;

  if (output == NULL)
    return FALSE;
  lines = g_strsplit (output, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint stage;
      Figure figure;

      if (sscanf (lines[i], "stage %u %lf %lf", &stage, &figure.seconds, &figure.peak_mb) == 3 &&
          stage < N_STAGES)
        {
          t->stages[stage] = figure;
          n_stages++;
        }
      else if (sscanf (lines[i], "failed %u %n", &stage, &offset) == 1 && stage < N_STAGES &&
               t->failures[stage] == NULL)
        {
          t->failures[stage] = g_strdup (lines[i] + offset);
          n_stages++;
        }
      else if (sscanf (lines[i], "counts %u %u %u %u", &t->n_servers, &t->n_findings,
                       &t->n_nodes, &t->n_edges) == 4)
        counted = TRUE;
    }

  /* A child killed on the way (a timeout) still gave the stages it finished. */
  for (guint stage = 0; !counted && stage < N_STAGES; stage++)
    if (t->stages[stage].seconds == 0 && t->failures[stage] == NULL)
      t->failures[stage] = g_strdup ("not reached");

  return n_stages > 0;
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

/* The summary's figure of a finished child, or why it failed. */
static void
outcome_from_child (const ChildRun *run,
                    Outcome        *outcome)
{
  outcome->run = TRUE;
  outcome->ok = run->ran;
  outcome->figure.seconds = run->seconds;
  outcome->figure.peak_mb = run->peak_mb;
  outcome->load = run->load;
  if (!run->ran)
    outcome->failure = describe_failure (run);
}

/* Prints one child's line: "  LABEL  12.345 s  peak 57.0 MB  load 1.20". */
static void
print_child (const char    *label,
             const Outcome *outcome)
{
  if (outcome->ok)
    printf ("  %-28s %8.3f s  peak %7.1f MB  (load %.2f)\n", label, outcome->figure.seconds,
            outcome->figure.peak_mb, outcome->load);
  else
    printf ("  %-28s FAILED (%s) after %.1f s  (load %.2f)\n", label, outcome->failure,
            outcome->figure.seconds, outcome->load);
}

/* The --compare-pipeline child: both loads, then the change set alone. */
static int
run_compare_pipeline (const char *old_path,
                      const char *new_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoModel) old_model = NULL;
  g_autoptr(ExtopoModel) new_model = NULL;
  g_autoptr(ExtopoChangeSet) set = NULL;
  g_autofree char *text = NULL;
  gint64 start;
  double before;

  start = g_get_monotonic_time ();
  old_model = extopo_loader_load_file (old_path, NULL, &error);
  if (old_model != NULL)
    new_model = extopo_loader_load_file (new_path, NULL, &error);
  if (new_model == NULL)
    {
      fprintf (stderr, "extopo-bench: %s\n", error->message);
      return 1;
    }
  printf ("both loads (read, model, findings): %.3f s  peak %.1f MB\n", elapsed (start),
          peak_mb ());

  reset_peak ();
  before = proc_status_mb ("VmRSS:");
  start = g_get_monotonic_time ();
  set = extopo_compare_models (old_model, new_model);
  printf ("change set: %.4f s  peak %.1f MB (%.1f MB resident before it)\n", elapsed (start),
          peak_mb (), before);

  start = g_get_monotonic_time ();
  text = extopo_change_set_to_text (set);
  printf ("as text: %.4f s, %zu bytes\n", elapsed (start), strlen (text));
  printf ("servers: %u added, %u removed, %u changed; connectors changed: %u; "
          "findings: %u resolved or new\n",
          extopo_change_set_count (set->servers, EXTOPO_CHANGE_ADDED),
          extopo_change_set_count (set->servers, EXTOPO_CHANGE_REMOVED),
          extopo_change_set_count (set->servers, EXTOPO_CHANGE_CHANGED), set->connectors->len,
          set->findings->len);

  return 0;
}

static void
bench_compare (const char *self,
               const char *tmpdir,
               const char *extopo,
               guint       n_servers,
               guint       n_changed,
               guint32     seed,
               guint       timeout)
{
  ExtopoGenParams params = { n_servers, MAX (2, n_servers / 10), seed };
  g_autofree char *old_path = g_strdup_printf ("%s/old-%u.ldif", tmpdir, n_servers);
  g_autofree char *new_path = g_strdup_printf ("%s/new-%u.ldif", tmpdir, n_servers);
  g_autofree char *compare_arg = g_strdup_printf ("--compare-pipeline=%s", old_path);
  g_autofree char *new_arg = g_strdup_printf ("--new=%s", new_path);
  static const char * const outputs[] = { NULL, "json", "csv" };
  ChildRun run;
  Outcome outcome = { 0 };

  for (guint side = 0; side < 2; side++)
    {
      g_autoptr(ExtopoGenOrg) org = extopo_gen_org_new (&params);

      extopo_gen_org_change_servers (org, n_changed, side == 1);
      if (!write_file (side == 0 ? old_path : new_path, org, FALSE))
        g_error ("cannot write into %s", tmpdir);
    }
  printf ("\n%u servers, %u routing groups, %u servers changed\n", n_servers,
          params.n_routing_groups, n_changed);

  {
    char *argv[] = { (char *) self, compare_arg, new_arg, NULL };
    run_child (argv, timeout, TRUE, &run);
  }
  outcome_from_child (&run, &outcome);
  if (run.ran)
    printf ("%s", run.output);
  /* Its peak is the change set's: the mark was reset after the loads. */
  print_child ("in one process", &outcome);
  child_run_clear (&run);
  outcome_clear (&outcome);

  for (guint f = 0; extopo != NULL && f < G_N_ELEMENTS (outputs); f++)
    {
      g_autofree char *compare = g_strdup_printf ("--compare=%s", old_path);
      g_autofree char *export_arg = outputs[f] != NULL
                                    ? g_strdup_printf ("--export=%s/changes-%u.%s", tmpdir,
                                                       n_servers, outputs[f])
                                    : NULL;
      g_autofree char *label = outputs[f] != NULL
                               ? g_strdup_printf ("--compare --export=x.%s", outputs[f])
                               : g_strdup ("--compare (text)");
      char *argv[] = { (char *) extopo, compare, new_path, export_arg, NULL };

      run_child (argv, timeout, FALSE, &run);
      outcome_from_child (&run, &outcome);
      print_child (label, &outcome);
      child_run_clear (&run);
      outcome_clear (&outcome);
    }
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
  g_autofree char *pipeline_prefix = g_strdup_printf ("%s/pipeline-%u", tmpdir, n_servers);
  g_autofree char *dot_svg_path = g_strdup_printf ("%s/dot-%u.svg", tmpdir, n_servers);
  g_autofree char *pipeline_arg = g_strdup_printf ("--pipeline=%s", ldif_path);
  g_autofree char *out_arg = g_strdup_printf ("--out=%s", pipeline_prefix);
  g_autofree char *output_arg = g_strdup_printf ("-o%s", dot_svg_path);
  ChildRun pipeline = { 0 };
  PipelineTimes *t = &result->times;
  GStatBuf st = { 0 };
  gint64 start;
  double gen_seconds;

  start = g_get_monotonic_time ();
  org = extopo_gen_org_new (&params);
  if (!write_file (ldif_path, org, FALSE) || (dot != NULL && !write_file (dot_path, org, TRUE)))
    g_error ("cannot write into %s", tmpdir);
  gen_seconds = elapsed (start);
  g_stat (ldif_path, &st);

  result->n_servers = n_servers;
  result->n_routing_groups = params.n_routing_groups;
  result->n_entries = extopo_gen_org_get_n_entries (org);
  printf ("\n%u servers, %u routing groups: %u entries, %u connections, LDIF %.1f MB "
          "(generated in %.2f s)\n",
          n_servers, params.n_routing_groups, result->n_entries,
          extopo_gen_org_get_n_connections (org), st.st_size / 1048576.0, gen_seconds);
  /* The generator's memory is not the program's: free it before the children. */
  g_clear_pointer (&org, extopo_gen_org_free);

  {
    char *argv[] = { (char *) self, pipeline_arg, out_arg, NULL };
    run_child (argv, timeout, TRUE, &pipeline);
  }
  outcome_from_child (&pipeline, &result->pipeline);
  result->pipeline_ok = parse_pipeline_times (pipeline.output, t);
  if (result->pipeline_ok)
    {
      printf ("  in one process (load %.2f): %u servers, %u findings, %u boxes, %u edges drawn\n",
              pipeline.load, t->n_servers, t->n_findings, t->n_nodes, t->n_edges);
      for (guint s = 0; s < N_STAGES; s++)
        {
          g_autofree char *label = stage_label (s);

          if (t->failures[s] != NULL)
            printf ("    %-26s FAILED: %s\n", label, t->failures[s]);
          else
            printf ("    %-26s %8.3f s  peak %7.1f MB\n", label, t->stages[s].seconds,
                    t->stages[s].peak_mb);
          /* The process's peak is the highest of its stages' (each reset the mark). */
          result->pipeline.figure.peak_mb = MAX (result->pipeline.figure.peak_mb,
                                                 t->stages[s].peak_mb);
        }
    }
  print_child ("the whole pipeline", &result->pipeline);

  if (dot != NULL)
    {
      char *argv[] = { (char *) dot, (char *) "-Tsvg", output_arg, dot_path, NULL };
      ChildRun run;

      run_child (argv, timeout, FALSE, &run);
      outcome_from_child (&run, &result->dot);
      print_child ("dot -Tsvg (plain DOT)", &result->dot);
      child_run_clear (&run);
    }

  for (guint f = 0; extopo != NULL && f < N_FORMATS; f++)
    {
      const char *extension = extopo_export_format_get_extension (export_formats[f]);
      g_autofree char *export_arg = g_strdup_printf ("--export=%s/extopo-%u.%s", tmpdir,
                                                     n_servers, extension);
      g_autofree char *label = g_strdup_printf ("extopo --export=x.%s", extension);
      char *argv[] = { (char *) extopo, export_arg, ldif_path, NULL };
      ChildRun run;

      run_child (argv, timeout, FALSE, &run);
      outcome_from_child (&run, &result->exports[f]);
      print_child (label, &result->exports[f]);
      if (result->exports[f].ok)
        {
          GStatBuf file;

          if (g_stat (export_arg + strlen ("--export="), &file) == 0)
            printf ("  %-28s %8.2f MB written\n", "", file.st_size / 1048576.0);
        }
      child_run_clear (&run);
    }

  /* The ratios, from this run: SVG against dot, the heavier
   * formats against SVG. */
  if (result->exports[0].ok && export_formats[0] == EXTOPO_EXPORT_SVG)
    {
      double svg = result->exports[0].figure.seconds;

      if (dot != NULL && result->dot.ok)
        printf ("  extopo --export=x.svg / dot -Tsvg: %.3fx\n", svg / result->dot.figure.seconds);
      for (guint f = 1; extopo != NULL && f < N_FORMATS; f++)
        if (result->exports[f].ok &&
            (export_formats[f] == EXTOPO_EXPORT_HTML || export_formats[f] == EXTOPO_EXPORT_VSDX))
          printf ("  extopo --export=x.%s / x.svg: %.2fx\n",
                  extopo_export_format_get_extension (export_formats[f]),
                  result->exports[f].figure.seconds / svg);
    }

  child_run_clear (&pipeline);
}

/* One row of the summary: a figure per size, then the growth from the
 * smallest size to the largest. */
static void
print_summary_row (const char   *label,
                   GArray       *results,
                   guint         smallest,
                   guint         largest,
                   const Figure *(*get)(const SizeResult *result, gconstpointer data),
                   gconstpointer data)
{
  const Figure *low = get (&g_array_index (results, SizeResult, smallest), data);
  const Figure *high = get (&g_array_index (results, SizeResult, largest), data);

  printf ("%-26s", label);
  for (guint i = 0; i < results->len; i++)
    {
      const Figure *figure = get (&g_array_index (results, SizeResult, i), data);

      if (figure != NULL)
        printf (" | %8.3f s %6.0f MB", figure->seconds, figure->peak_mb);
      else
        printf (" | %-20s", "failed");
    }
  if (low != NULL && high != NULL && low->seconds > 0 && low->peak_mb > 0)
    printf (" | %6.1fx %6.1fx\n", high->seconds / low->seconds, high->peak_mb / low->peak_mb);
  else
    printf (" | %6s %6s\n", "-", "-");
}

static const Figure *
get_stage (const SizeResult *result,
           gconstpointer     data)
{
  guint stage = GPOINTER_TO_UINT (data);

  return result->pipeline_ok && result->times.failures[stage] == NULL
         ? &result->times.stages[stage]
         : NULL;
}

static const Figure *
get_outcome (const SizeResult *result,
             gconstpointer     data)
{
  const Outcome *outcome = (const Outcome *) ((const char *) result + GPOINTER_TO_SIZE (data));

  return outcome->ok ? &outcome->figure : NULL;
}

static void
print_summary (GArray   *results,
               gboolean  with_dot,
               gboolean  with_extopo)
{
  guint smallest = 0, largest = 0;

  for (guint i = 0; i < results->len; i++)
    {
      SizeResult *r = &g_array_index (results, SizeResult, i);

      if (r->n_servers < g_array_index (results, SizeResult, smallest).n_servers)
        smallest = i;
      if (r->n_servers > g_array_index (results, SizeResult, largest).n_servers)
        largest = i;
    }

  printf ("\nSummary: wall-clock seconds and peak resident memory in MB; growth from %u to %u "
          "servers (x%.1f), time and memory\n",
          g_array_index (results, SizeResult, smallest).n_servers,
          g_array_index (results, SizeResult, largest).n_servers,
          g_array_index (results, SizeResult, largest).n_servers /
          (double) g_array_index (results, SizeResult, smallest).n_servers);
  printf ("%-26s", "servers");
  for (guint i = 0; i < results->len; i++)
    printf (" | %20u", g_array_index (results, SizeResult, i).n_servers);
  printf (" | %15s\n%-26s", "growth", "load at start");
  for (guint i = 0; i < results->len; i++)
    printf (" | %20.2f", g_array_index (results, SizeResult, i).pipeline.load);
  printf (" |\n");

  for (guint s = 0; s < N_STAGES; s++)
    {
      g_autofree char *label = stage_label (s);

      print_summary_row (label, results, smallest, largest, get_stage, GUINT_TO_POINTER (s));
    }
  print_summary_row ("whole pipeline process", results, smallest, largest, get_outcome,
                     GSIZE_TO_POINTER (G_STRUCT_OFFSET (SizeResult, pipeline)));
  if (with_dot)
    print_summary_row ("dot -Tsvg (plain DOT)", results, smallest, largest, get_outcome,
                       GSIZE_TO_POINTER (G_STRUCT_OFFSET (SizeResult, dot)));
  for (guint f = 0; with_extopo && f < N_FORMATS; f++)
    {
      const char *extension = extopo_export_format_get_extension (export_formats[f]);
      g_autofree char *label = g_strdup_printf ("extopo --export=x.%s", extension);

      print_summary_row (label, results, smallest, largest, get_outcome,
                         GSIZE_TO_POINTER (G_STRUCT_OFFSET (SizeResult, exports) +
                                           f * sizeof (Outcome)));
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *sizes = g_strdup ("1000,5000,20000");
  g_autofree char *pipeline = NULL;
  g_autofree char *out = NULL;
  g_autofree char *extopo_arg = NULL;
  g_autofree char *dot_arg = NULL;
  g_autofree char *tmpdir_arg = NULL;
  gint timeout = 600;
  gint64 seed = 1;
  gboolean keep = FALSE;
  gboolean no_dot = FALSE;
  gboolean compare = FALSE;
  gint changed = 2000;
  g_autofree char *compare_pipeline = NULL;
  g_autofree char *new_arg = NULL;
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
    { "compare", 0, 0, G_OPTION_ARG_NONE, &compare,
      "Time the comparison of two snapshots of each size instead (default size 20000)", NULL },
    { "changed", 0, 0, G_OPTION_ARG_INT, &changed,
      "With --compare: servers that differ between the two (default 2000)", "N" },
    { "compare-pipeline", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &compare_pipeline,
      NULL, NULL },
    { "new", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &new_arg, NULL, NULL },
    { "pipeline", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &pipeline, NULL, NULL },
    { "out", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &out, NULL, NULL },
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
    {
      g_autofree char *prefix = NULL;

      prefix = out != NULL ? g_strdup (out)
                           : g_build_filename (g_get_tmp_dir (), "extopo-bench-pipeline", NULL);

      return run_pipeline (pipeline, prefix);
    }

  if (compare_pipeline != NULL && new_arg != NULL)
    return run_compare_pipeline (compare_pipeline, new_arg);

  if (timeout <= 0 || seed < 0 || seed > G_MAXUINT32 || changed < 0)
    {
      fprintf (stderr, "extopo-bench: --timeout must be positive, --seed a 32-bit number and "
               "--changed zero or more\n");
      return 2;
    }

  /* The children run this very program with --pipeline. */
  self = g_file_read_link ("/proc/self/exe", NULL);
  if (self == NULL)
    self = g_strdup (argv[0]);
  extopo = find_extopo (self, extopo_arg);
  if (!no_dot && !compare)
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

  if (compare && g_strcmp0 (sizes, "1000,5000,20000") == 0)
    {
      g_free (sizes);
      sizes = g_strdup ("20000");
    }

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
      if (compare)
        {
          bench_compare (self, tmpdir, extopo, (guint) n, (guint) changed, (guint32) seed,
                         (guint) timeout);
          continue;
        }
      g_array_set_size (results, results->len + 1);
      bench_size (self, tmpdir, extopo, dot, (guint) n, (guint32) seed, (guint) timeout,
                  &g_array_index (results, SizeResult, results->len - 1));
    }
  print_rule ();
  if (!compare)
    print_summary (results, dot != NULL, extopo != NULL);

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
