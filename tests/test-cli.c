/* test-cli.c: the extopo program run without a display.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-cli"

#include "config.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <cairo.h>
#include <json-glib/json-glib.h>

#include "extopo-cli.h"

#include "test-util.h"

typedef struct
{
  int   status;    /* exit status */
  char *out;
  char *err;
} RunResult;

static void
run_result_clear (RunResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunResult, run_result_clear)

static char *tmp_dir;

/* Runs extopo with the arguments from @first_arg to NULL, no display:
 * standard input is /dev/null, the output is captured. */
static void
run_extopo_va (RunResult  *result,
               const char *first_arg,
               va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("EXTOPO_BINARY"));
  for (const char *arg = first_arg; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);

  envp = g_environ_unsetenv (envp, "DISPLAY");
  envp = g_environ_unsetenv (envp, "WAYLAND_DISPLAY");

  g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  result->status = WEXITSTATUS (wait_status);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", result->status, result->out, result->err);
}

static void
run_extopo (RunResult  *result,
            const char *first_arg,
            ...)
{
  va_list args;

  va_start (args, first_arg);
  run_extopo_va (result, first_arg, args);
  va_end (args);
}

/* Runs extopo and expects it to fail with @status and an "extopo: " message
 * holding @needle (unless NULL), nothing on standard output. */
static void
assert_fails (int         status,
              const char *needle,
              const char *first_arg,
              ...)
{
  g_auto(RunResult) result = { 0, };
  va_list args;

  va_start (args, first_arg);
  run_extopo_va (&result, first_arg, args);
  va_end (args);

  g_assert_cmpint (result.status, ==, status);
  g_assert_true (g_str_has_prefix (result.err, "extopo: "));
  if (needle != NULL)
    g_assert_nonnull (strstr (result.err, needle));
  g_assert_cmpstr (result.out, ==, "");
}

static char *
sample_path (const char *name)
{
  return g_build_filename (g_getenv ("EXTOPO_SAMPLES_DIR"), name, NULL);
}

static char *
input_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "cli", name, NULL);
}

static char *
export_option (const char  *name,
               char       **path)
{
  *path = g_build_filename (tmp_dir, name, NULL);
  g_remove (*path);
  return g_strconcat ("--export=", *path, NULL);
}

static GBytes *
export_sample (const char *sample,
               const char *output,
               const char *view)
{
  g_auto(RunResult) result = { 0, };
  g_autofree char *source = sample_path (sample);
  g_autofree char *path = NULL;
  g_autofree char *option = export_option (output, &path);
  g_autofree char *view_option = g_strconcat ("--view=", view, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  run_extopo (&result, view_option, option, "--title=ExTopo test", source, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 0);

  return g_bytes_new_take (contents, length);
}

static void
test_cli_export_svg (void)
{
  const char *samples[] = { "coexistence.ldif", "mixed-mode.ldif" };
  const char *views[] = { "routing", "admin" };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    for (guint v = 0; v < G_N_ELEMENTS (views); v++)
      {
        g_autoptr(GBytes) svg = export_sample (samples[i], "out.svg", views[v]);
        const char *text = g_bytes_get_data (svg, NULL);

        g_assert_true (g_str_has_prefix (text, "<?xml") || g_str_has_prefix (text, "<svg"));
        g_assert_nonnull (g_strstr_len (text, g_bytes_get_size (svg), "</svg>"));
      }
}

static void
test_cli_export_pdf (void)
{
  g_autoptr(GBytes) pdf = export_sample ("coexistence.ldif", "out.pdf", "routing");

  g_assert_cmpuint (g_bytes_get_size (pdf), >, 5);
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);
}

static void
test_cli_export_png (void)
{
  static const guchar signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  g_autoptr(GBytes) png = export_sample ("mixed-mode.ldif", "out.png", "admin");

  g_assert_cmpuint (g_bytes_get_size (png), >, sizeof signature);
  g_assert_cmpmem (g_bytes_get_data (png, NULL), sizeof signature, signature, sizeof signature);
}

static void
test_cli_export_dot (void)
{
  g_autoptr(GBytes) dot = export_sample ("coexistence.ldif", "out.dot", "routing");
  g_autofree char *path = g_build_filename (tmp_dir, "out.dot", NULL);
  g_autofree char *dot_program = g_find_program_in_path ("dot");
  g_autofree char *svg = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { dot_program, "-Tsvg", path, NULL };
  int wait_status = 0;

  g_assert_nonnull (g_strstr_len (g_bytes_get_data (dot, NULL), g_bytes_get_size (dot),
                                  "graph"));
  if (dot_program == NULL)
    {
      g_test_skip ("Graphviz's dot is not installed");
      return;
    }

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &svg, NULL, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  g_assert_nonnull (strstr (svg, "<svg"));
  /* Names from the sample reach the drawing (dot writes "-" as "&#45;"). */
  g_assert_nonnull (strstr (svg, "Boston"));
  g_assert_nonnull (strstr (svg, "SEA&#45;EX01"));
}

static void
test_cli_export_json (void)
{
  g_autoptr(GBytes) json = export_sample ("coexistence.ldif", "out.json", "routing");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;

  json_parser_load_from_data (parser, g_bytes_get_data (json, NULL), g_bytes_get_size (json),
                              &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "servers")),
                    ==, 19);
  g_assert_true (json_object_has_member (root, "organizations"));
  g_assert_true (json_object_has_member (root, "administrative_groups"));
  g_assert_true (json_object_has_member (root, "routing_groups"));
  g_assert_true (json_object_has_member (root, "connectors"));
  g_assert_true (json_object_has_member (root, "findings"));
}

static void
test_cli_export_csv (void)
{
  g_autoptr(GBytes) csv = export_sample ("coexistence.ldif", "out.csv", "routing");
  const char *text = g_bytes_get_data (csv, NULL);
  guint lines = 0;

  for (gsize i = 0; i < g_bytes_get_size (csv); i++)
    if (text[i] == '\n')
      lines++;

  /* A header and one row per server. */
  g_assert_cmpuint (lines, ==, 19 + 1);
  g_assert_true (g_str_has_prefix (text, "name,"));
}

/* The names of tests/cli/hostile-names.ldif. */
static const char * const hostile_names[] = {
  "=1+2\\\"q\\", "-x\\ny &amp; <b>", "@ESC\x1b[31mRED\xc2\x9b DEL\x7f", "\tTab\rCR",
  "+AG, \"quoted\" @x", "&lt;RG&gt; \\N \\G",
};

static void
svg_text_cb (GMarkupParseContext  *context,
             const char           *text,
             gsize                 length,
             gpointer              user_data,
             GError              **error)
{
  if (g_strcmp0 (g_markup_parse_context_get_element (context), "text") == 0)
    g_ptr_array_add (user_data, g_strndup (text, length));
}

/* The texts an SVG draws, as an XML parser reads them. */
static GPtrArray *
svg_texts (const char *svg)
{
  static const GMarkupParser parser = { NULL, NULL, svg_text_cb, NULL, NULL };
  GPtrArray *texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *start = strstr (svg, "<svg");

  g_assert_nonnull (start);
  context = g_markup_parse_context_new (&parser, 0, texts, NULL);
  g_markup_parse_context_parse (context, start, -1, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);

  return texts;
}

/* Quotes, backslashes, \n, \N and entities in names: dot reads the DOT and
 * draws each name as it is. */
static void
test_cli_hostile_dot (void)
{
  g_auto(RunResult) result = { 0, };
  g_autofree char *source = input_path ("hostile-names.ldif");
  g_autofree char *path = NULL;
  g_autofree char *option = export_option ("hostile.dot", &path);
  g_autofree char *dot_program = g_find_program_in_path ("dot");
  g_autofree char *svg = NULL;
  g_autofree char *dot_errors = NULL;
  g_autoptr(GPtrArray) texts = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { dot_program, "-Tsvg", path, NULL };
  int wait_status = 0;

  g_assert_nonnull (dot_program);
  /* The administrative view draws every name: groups, routing groups, servers. */
  run_extopo (&result, "--view=admin", option, source, NULL);
  g_assert_cmpint (result.status, ==, 0);

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &svg, &dot_errors, &wait_status, &error);
  g_assert_no_error (error);
  g_test_message ("dot: %s", dot_errors);
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  g_assert_null (strstr (dot_errors, "syntax error"));

  texts = svg_texts (svg);
  for (guint i = 0; i < G_N_ELEMENTS (hostile_names); i++)
    {
      g_test_message ("name %u", i);
      g_assert_true (g_ptr_array_find_with_equal_func (texts, hostile_names[i],
                                                       g_str_equal, NULL));
    }
}

/* No escape sequence from a name reaches the terminal. */
static void
test_cli_hostile_findings (void)
{
  g_auto(RunResult) result = { 0, };
  g_autofree char *source = input_path ("hostile-names.ldif");

  run_extopo (&result, "--findings", source, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "[SERVER_EXCHANGE_55] @ESC\\x1b[31mRED\\u009b DEL\\x7f\n"));
  g_assert_true (g_utf8_validate (result.out, -1, NULL));
  for (const char *p = result.out; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      g_assert_true (c == '\n' || (c >= 0x20 && c != 0x7f && (c < 0x80 || c >= 0xa0)));
    }
}

/* An error message names the file as the user gave it, escaped, and says why. */
static void
test_cli_export_error_names_file (void)
{
  const char *names[] = { "out\x1b[2J.csv", "out\x1b[2J.svg" };
  const char *shown[] = { "out\\x1b[2J.csv", "out\\x1b[2J.svg" };
  g_autofree char *source = sample_path ("coexistence.ldif");
  g_autofree char *blocker = g_build_filename (tmp_dir, "not-a-dir", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (blocker, "", 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *target = g_build_filename (blocker, names[i], NULL);
      g_autofree char *option = g_strconcat ("--export=", target, NULL);
      g_autofree char *message = g_strdup_printf ("extopo: Could not write “%s/%s”: %s\n",
                                                  blocker, shown[i], g_strerror (ENOTDIR));
      g_auto(RunResult) result = { 0, };

      run_extopo (&result, option, source, NULL);
      g_assert_cmpint (result.status, ==, 1);
      g_assert_cmpstr (result.err, ==, message);
    }
}

/* The names in @dir that look like an export's temporary file. */
static guint
count_temporary_files (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;
  guint count = 0;

  g_assert_nonnull (listing);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (name[0] == '.' && strlen (name) > 7 && name[strlen (name) - 7] == '.')
      {
        g_test_message ("temporary file left: %s", name);
        count++;
      }

  return count;
}

static void
export_hostile_to (const char *path)
{
  g_auto(RunResult) result = { 0, };
  g_autofree char *source = input_path ("hostile-names.ldif");
  g_autofree char *option = g_strconcat ("--export=", path, NULL);

  run_extopo (&result, option, source, NULL);
  g_assert_cmpint (result.status, ==, 0);
}

/* Overwriting keeps a private file private. */
static void
test_cli_export_keeps_mode (void)
{
  const char *names[] = { "private.csv", "private.svg" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (tmp_dir, names[i], NULL);
      g_autoptr(GError) error = NULL;
      GStatBuf st;

      g_file_set_contents (path, "old", -1, &error);
      g_assert_no_error (error);
      g_assert_cmpint (g_chmod (path, 0600), ==, 0);
      export_hostile_to (path);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 07777, ==, 0600);
      g_assert_cmpint (st.st_size, >, 3);
    }
}

/* A symbolic link stays one; the file it points to gets the export. */
static void
test_cli_export_symlink (void)
{
  g_autofree char *sub = g_build_filename (tmp_dir, "linked", NULL);
  g_autofree char *target = g_build_filename (sub, "target.csv", NULL);
  g_autofree char *link = g_build_filename (tmp_dir, "link.csv", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *read_back = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_mkdir_with_parents (sub, 0700);
  g_file_set_contents (target, "old", -1, &error);
  g_assert_no_error (error);
  g_remove (link);
  g_assert_cmpint (symlink ("linked/target.csv", link), ==, 0);

  export_hostile_to (link);
  g_assert_cmpint (g_lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  read_back = g_file_read_link (link, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read_back, ==, "linked/target.csv");
  g_file_get_contents (target, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (contents, "name,fqdn,"));
  g_assert_cmpuint (count_temporary_files (tmp_dir), ==, 0);
  g_assert_cmpuint (count_temporary_files (sub), ==, 0);
  g_remove (link);
  g_remove (target);
  g_rmdir (sub);
}

/* A file with several hard links is written in place: every link sees the
 * export (the choice is explained at FileSink in extopo-export.c). */
static void
test_cli_export_hard_links (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "linked.svg", NULL);
  g_autofree char *other = g_build_filename (tmp_dir, "other-link.svg", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_file_set_contents (path, "old", -1, &error);
  g_assert_no_error (error);
  g_remove (other);
  g_assert_cmpint (link (path, other), ==, 0);

  export_hostile_to (path);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_nlink, ==, 2);
  g_file_get_contents (other, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "</svg>"));
  g_assert_cmpuint (count_temporary_files (tmp_dir), ==, 0);
  g_remove (other);
}

static void
limit_file_size_cb (gpointer user_data)
{
  struct rlimit limit = { 4096, 4096 };

  /* Writes past the limit fail with EFBIG instead of killing the child. */
  signal (SIGXFSZ, SIG_IGN);
  setrlimit (RLIMIT_FSIZE, &limit);
}

/* A write that fails part way leaves neither the file nor a temporary one,
 * and says so naming the file. */
static void
test_cli_export_write_error (void)
{
  const char *names[] = { "short.svg", "short.csv", "short.png" };
  g_autofree char *source = sample_path ("coexistence.ldif");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (tmp_dir, names[i], NULL);
      g_autofree char *option = g_strconcat ("--export=", path, NULL);
      g_autofree char *message = g_strdup_printf ("extopo: Could not write “%s”: %s\n",
                                                  path, g_strerror (EFBIG));
      g_autofree char *err = NULL;
      g_autoptr(GError) error = NULL;
      const char *argv[] = { g_getenv ("EXTOPO_BINARY"), option, source, NULL };
      int wait_status = 0;

      g_remove (path);
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, limit_file_size_cb,
                    NULL, NULL, &err, &wait_status, &error);
      g_assert_no_error (error);
      g_assert_true (WIFEXITED (wait_status));
      g_assert_cmpint (WEXITSTATUS (wait_status), ==, 1);
      g_assert_cmpstr (err, ==, message);
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (count_temporary_files (tmp_dir), ==, 0);
    }
}

static void
temporary_created_cb (GFileMonitor      *monitor,
                      GFile             *file,
                      GFile             *other,
                      GFileMonitorEvent  event,
                      gpointer           user_data)
{
  g_autofree char *name = g_file_get_basename (file);

  if (event == G_FILE_MONITOR_EVENT_CREATED && g_str_has_prefix (name, ".big.svg."))
    *(gboolean *) user_data = TRUE;
}

static void
child_exited_cb (GPid     pid,
                 int      wait_status,
                 gpointer user_data)
{
  *(int *) user_data = wait_status;
  g_spawn_close_pid (pid);
}

/* Ctrl+C while a large export is being written removes its temporary file
 * and the program dies of the signal. */
static void
test_cli_export_interrupted (void)
{
  g_autofree char *dir = g_build_filename (tmp_dir, "interrupted", NULL);
  g_autofree char *ldif = g_build_filename (dir, "big.ldif", NULL);
  g_autofree char *svg = g_build_filename (dir, "big.svg", NULL);
  g_autofree char *option = g_strconcat ("--export=", svg, NULL);
  g_autofree char *generated = NULL;
  g_autoptr(GFile) dir_file = g_file_new_for_path (dir);
  g_autoptr(GFileMonitor) monitor = NULL;
  g_autoptr(GError) error = NULL;
  const char *gen_argv[] = { g_getenv ("EXTOPO_GEN"), "--servers=10000",
                             "--routing-groups=200", NULL };
  const char *argv[] = { g_getenv ("EXTOPO_BINARY"), option, ldif, NULL };
  gboolean created = FALSE;
  int wait_status = -1;
  gint64 deadline;
  GPid pid;

  g_assert_nonnull (gen_argv[0]);
  g_mkdir_with_parents (dir, 0700);
  g_spawn_sync (NULL, (char **) gen_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &generated, NULL, NULL, &error);
  g_assert_no_error (error);
  g_file_set_contents (ldif, generated, -1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&generated, g_free);

  monitor = g_file_monitor_directory (dir_file, G_FILE_MONITOR_NONE, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (monitor, "changed", G_CALLBACK (temporary_created_cb), &created);
  g_spawn_async (NULL, (char **) argv, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                 G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  g_child_watch_add (pid, child_exited_cb, &wait_status);

  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (!created && wait_status == -1 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (created);
  kill (pid, SIGINT);
  while (wait_status == -1 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (WIFSIGNALED (wait_status));
  g_assert_cmpint (WTERMSIG (wait_status), ==, SIGINT);
  g_assert_cmpuint (count_temporary_files (dir), ==, 0);
  g_assert_false (g_file_test (svg, G_FILE_TEST_EXISTS));
  g_remove (ldif);
  g_rmdir (dir);
}

static void
test_cli_findings (void)
{
  g_auto(RunResult) coexistence = { 0, };
  g_auto(RunResult) mixed = { 0, };
  g_autofree char *coexistence_path = sample_path ("coexistence.ldif");
  g_autofree char *mixed_path = sample_path ("mixed-mode.ldif");

  run_extopo (&coexistence, "--findings", coexistence_path, NULL);
  g_assert_cmpint (coexistence.status, ==, 0);
  /* The Edge is subscribed; the Notes gateway keeps DAL-EX01. */
  g_assert_null (strstr (coexistence.out, "SERVER_2007_EDGE_ROLE"));
  g_assert_nonnull (strstr (coexistence.out, "[CONNECTOR_FOREIGN_GATEWAY] Lotus Notes (Dallas)"));
  g_assert_nonnull (strstr (coexistence.out, "Prerequisites for Exchange Server 2007 are met, but 1 error is still open."));
  g_assert_nonnull (strstr (coexistence.out, "[RG_NO_PATH_TO_2007] Boston"));
  g_assert_null (strstr (coexistence.out, "ORG_MIXED_MODE"));

  run_extopo (&mixed, "--findings", mixed_path, NULL);
  g_assert_cmpint (mixed.status, ==, 0);
  g_assert_nonnull (strstr (mixed.out, "[ORG_MIXED_MODE] Fabrikam"));
  g_assert_nonnull (strstr (mixed.out, "[SERVER_EXCHANGE_55] LON-EX55"));
  g_assert_cmpstr (mixed.err, ==, "");
}

/* Pixels of @surface close to (r, g, b), 0..255. */
static guint
count_near (cairo_surface_t *surface,
            int              r,
            int              g,
            int              b)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint n = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel = *(const guint32 *) (data + y * stride + 4 * x);
        int pr = (pixel >> 16) & 0xff, pg = (pixel >> 8) & 0xff, pb = pixel & 0xff;

        if (ABS (pr - r) < 24 && ABS (pg - g) < 24 && ABS (pb - b) < 24)
          n++;
      }

  return n;
}

typedef struct
{
  const char *path;        /* relative to the samples or tests/cli */
  gboolean    sample;
  const char *state;       /* the JSON's readiness.state */
  guint8      accent[3];   /* the status colour the headline is drawn in */
} ReadinessCase;

/* The one readiness state: the same words on the command line, in the
 * exported title block (the PDF's text) and in the JSON, and the title
 * block's icon and headline in its colour: green only for "ready". */
static void
test_cli_readiness_everywhere (void)
{
  static const ReadinessCase cases[] = {
    { "ready-org.ldif", FALSE, "ready", { 107, 148, 122 } },
    { "coexistence.ldif", TRUE, "ready-with-findings", { 224, 153, 26 } },
    { "mixed-mode.ldif", TRUE, "not-ready", { 204, 51, 46 } },
    { "real-directory.ldif", TRUE, "not-ready", { 204, 51, 46 } },
  };
  static const guint8 green[3] = { 107, 148, 122 };
  g_autofree char *dir = g_dir_make_tmp ("extopo-readiness-XXXXXX", NULL);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autofree char *path = cases[c].sample
                              ? g_build_filename (g_getenv ("EXTOPO_SAMPLES_DIR"), cases[c].path, NULL)
                              : input_path (cases[c].path);
      g_autofree char *pdf = g_build_filename (dir, "x.pdf", NULL);
      g_autofree char *json = g_build_filename (dir, "x.json", NULL);
      g_autofree char *pdf_arg = g_strconcat ("--export=", pdf, NULL);
      g_autofree char *json_arg = g_strconcat ("--export=", json, NULL);
      g_autofree char *crop = g_build_filename (dir, "title", NULL);
      g_autofree char *crop_png = g_strconcat (crop, ".png", NULL);
      g_autofree char *text = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_auto(RunResult) findings = { 0, };
      g_auto(RunResult) export_pdf = { 0, };
      g_auto(RunResult) export_json = { 0, };
      g_auto(GStrv) lines = NULL;
      g_auto(GStrv) pieces = NULL;
      g_auto(GStrv) words = NULL;
      g_autofree char *flat = NULL;
      const char *summary;
      JsonObject *readiness;
      cairo_surface_t *title;
      const char *pdftotext[] = { "pdftotext", "-layout", pdf, "-", NULL };
      const char *pdftoppm[] = { "pdftoppm", "-r", "72", "-png", "-singlefile", "-x", "0",
                                 "-y", "84", "-W", "420", "-H", "24", pdf, crop, NULL };
      int wait_status;

      g_test_message ("%s", cases[c].path);
      run_extopo (&findings, "--findings", path, NULL);
      g_assert_cmpint (findings.status, ==, 0);
      /* "Source: ...", the tombstones left out if any, then the headline. */
      lines = g_strsplit (findings.out, "\n", 4);
      summary = strstr (lines[1], "(tombstones)") != NULL ? lines[2] : lines[1];

      run_extopo (&export_json, json_arg, path, NULL);
      g_assert_cmpint (export_json.status, ==, 0);
      json_parser_load_from_file (parser, json, &error);
      g_assert_no_error (error);
      readiness = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                                 "readiness");
      g_assert_cmpstr (json_object_get_string_member (readiness, "state"), ==, cases[c].state);
      g_assert_cmpint (json_object_get_boolean_member (json_node_get_object (
                                                         json_parser_get_root (parser)), "ready_for_exchange_2007"), ==,
                       g_str_equal (cases[c].state, "ready"));

      /* The PDF's title block says the same as the command line. */
      run_extopo (&export_pdf, pdf_arg, path, NULL);
      g_assert_cmpint (export_pdf.status, ==, 0);
      g_spawn_sync (NULL, (char **) pdftotext, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text,
                    NULL, &wait_status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
      /* pdftotext breaks and spaces lines its own way: compare words. */
      pieces = g_strsplit_set (text, " \n", -1);
      flat = g_strjoinv (" ", pieces);
      words = g_strsplit (summary, " ", -1);
      for (guint w = 0; words[w] != NULL; w++)
        g_assert_nonnull (strstr (flat, words[w]));
      if (!g_str_equal (cases[c].state, "ready"))
        g_assert_null (strstr (flat, "Ready for Exchange Server 2007"));

      /* The headline row, at 72 dpi one pixel per point: its colour. */
      g_spawn_sync (NULL, (char **) pdftoppm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                    NULL, &wait_status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
      title = cairo_image_surface_create_from_png (crop_png);
      g_assert_cmpint (cairo_surface_status (title), ==, CAIRO_STATUS_SUCCESS);
      g_assert_cmpuint (count_near (title, cases[c].accent[0], cases[c].accent[1],
                                    cases[c].accent[2]), >, 40);
      if (!g_str_equal (cases[c].state, "ready"))
        g_assert_cmpuint (count_near (title, green[0], green[1], green[2]), <, 5);
      cairo_surface_destroy (title);

      g_unlink (pdf);
      g_unlink (json);
      g_unlink (crop_png);
    }

  g_rmdir (dir);
}

/* A malformed file fails with status 1 and "extopo: FILE:LINE: reason",
 * LINE between @first_line and @last_line. */
static void
assert_malformed (const char *name,
                  guint       first_line,
                  guint       last_line)
{
  g_auto(RunResult) result = { 0, };
  g_autofree char *path = input_path (name);
  g_autofree char *pattern = g_strdup_printf ("%s:", name);
  const char *where;
  guint64 line;
  char *end;

  g_test_message ("input %s", name);
  run_extopo (&result, "--findings", path, NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_true (g_str_has_prefix (result.err, "extopo: "));
  where = strstr (result.err, pattern);
  g_assert_nonnull (where);
  line = g_ascii_strtoull (where + strlen (pattern), &end, 10);
  g_assert_true (end > where + strlen (pattern));
  g_assert_cmpint (*end, ==, ':');
  g_assert_cmpuint (line, >=, first_line);
  g_assert_cmpuint (line, <=, last_line);
  /* A reason follows. */
  g_assert_cmpuint (strlen (end), >, 3);
  g_assert_cmpstr (result.out, ==, "");
}

static void
test_cli_malformed (void)
{
  assert_malformed ("truncated-base64.ldif", 6, 9);
  assert_malformed ("missing-dn.ldif", 5, 7);
  assert_malformed ("bad-dn.ldif", 6, 6);
  assert_malformed ("continuation-first.ldif", 1, 1);
}

static void
test_cli_missing_file (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "no-such-file.ldif", NULL);

  assert_fails (1, "no-such-file.ldif", "--findings", path, NULL);
}

/* A 50 MB cn would multiply through every export: one value past 64 kB
 * is refused with its file and line, at once. */
static void
test_cli_huge_value (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "huge-cn.ldif", NULL);
  g_autoptr(GString) text = g_string_new ("dn: CN=Org,CN=Microsoft Exchange,DC=example,DC=com\n"
                                          "objectClass: msExchOrganizationContainer\n"
                                          "cn: ");
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 5 * 1000 * 1000; i++)
    g_string_append_c (text, 'A');
  g_string_append_c (text, '\n');
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);

  assert_fails (1, "huge-cn.ldif:3: the value of “cn” is", "--findings", path, NULL);
  g_unlink (path);
}

/* The text of an export as a reader finds it: PDFs through pdftotext. */
static char *
export_text (const char *path)
{
  char *text = NULL;

  if (g_str_has_suffix (path, ".pdf"))
    return test_util_pdf_text (path);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));

  return text;
}

/* Exports name the file they were drawn from only when asked: not its
 * path, not its name; the default title is the organization's. */
static void
test_cli_show_source (void)
{
  const char *outputs[] = { "source.pdf", "source.json", "source.dot" };
  g_autofree char *source = sample_path ("coexistence.ldif");

  for (gsize i = 0; i < G_N_ELEMENTS (outputs); i++)
    for (int show = 0; show <= 1; show++)
      {
        g_auto(RunResult) result = { 0, };
        g_autofree char *path = NULL;
        g_autofree char *option = export_option (outputs[i], &path);
        g_autofree char *text = NULL;

        run_extopo (&result, option, show ? "--show-source" : "--view=routing", source, NULL);
        g_assert_cmpint (result.status, ==, 0);
        text = export_text (path);
        g_test_message ("%s, show %d", outputs[i], show);
        if (show)
          g_assert_nonnull (strstr (text, source));
        else
          g_assert_null (strstr (text, "coexistence.ldif"));
        if (!g_str_has_suffix (path, ".json"))
          g_assert_nonnull (strstr (text, "Contoso — routing groups"));
      }
}

static void
test_cli_usage (void)
{
  g_autofree char *sample = sample_path ("coexistence.ldif");
  g_autofree char *bmp = g_build_filename (tmp_dir, "out.bmp", NULL);
  g_autofree char *bmp_option = g_strconcat ("--export=", bmp, NULL);
  g_autofree char *missing = g_build_filename (tmp_dir, "absent.ldif", NULL);

  assert_fails (2, NULL, "--findings", "--bogus", sample, NULL);
  assert_fails (2, NULL, "--findings", NULL);
  assert_fails (2, NULL, bmp_option, sample, NULL);
  /* Usage is checked before the source is read. */
  assert_fails (2, NULL, bmp_option, missing, NULL);
  assert_fails (2, NULL, "--findings", "--view=geographic", sample, NULL);
  assert_fails (2, "unknown paper “B5”", "--paper=B5", "--export=x.pdf", sample, NULL);
  assert_fails (2, "--paper applies to a PDF export", "--paper=A4", "--export=x.svg", sample,
                NULL);
  assert_fails (2, NULL, "--findings", sample, sample, NULL);
  assert_fails (2, NULL, "--findings", "--starttls", sample, NULL);
  assert_fails (2, NULL, "--snapshot=x.ldif", sample, NULL);
  assert_fails (2, NULL, "--findings", "--page-size=0", "ldap://127.0.0.1:9/", NULL);
  /* Standard input is /dev/null here: no terminal to ask for a password. */
  assert_fails (2, NULL, "--findings", "--bind-dn=admin@example.com", "ldap://127.0.0.1:9/", NULL);
  g_assert_false (g_file_test (bmp, G_FILE_TEST_EXISTS));
}

static void
test_cli_help_and_version (void)
{
  g_auto(RunResult) help = { 0, };
  g_auto(RunResult) help_ldap = { 0, };
  g_auto(RunResult) version = { 0, };

  run_extopo (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--export"));
  g_assert_nonnull (strstr (help.out, "--findings"));
  g_assert_nonnull (strstr (help.out, "SOURCE"));

  run_extopo (&help_ldap, "--help-ldap", NULL);
  g_assert_cmpint (help_ldap.status, ==, 0);
  g_assert_nonnull (strstr (help_ldap.out, "--starttls"));
  g_assert_nonnull (strstr (help_ldap.out, "--snapshot"));

  run_extopo (&version, "--version", NULL);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_cmpstr (version.out, ==, "extopo " PACKAGE_VERSION "\n");
}

/* Nothing listens on the discard port of the loopback address: the fetch
 * fails, the message names the server, and no snapshot is left behind. An
 * unreadable password file is named too. */
static void
test_cli_ldap_failures (void)
{
  g_autofree char *snapshot = g_build_filename (tmp_dir, "snapshot.ldif", NULL);
  g_autofree char *snapshot_option = g_strconcat ("--snapshot=", snapshot, NULL);
  g_autofree char *password = g_build_filename (tmp_dir, "absent-password", NULL);
  g_autofree char *password_option = g_strconcat ("--password-file=", password, NULL);

  assert_fails (1, "127.0.0.1", "--findings", "--timeout=5", snapshot_option,
                "ldap://127.0.0.1:9/", NULL);
  g_assert_false (g_file_test (snapshot, G_FILE_TEST_EXISTS));

  assert_fails (1, "absent-password", "--findings", "--bind-dn=admin@example.com",
                password_option, "ldap://127.0.0.1:9/", NULL);
}

static void
test_cli_is_headless (void)
{
  struct
  {
    const char *args[4];
    gboolean    headless;
  } cases[] = {
    { { "extopo", "sample.ldif", NULL }, FALSE },
    { { "extopo", NULL }, FALSE },
    { { "extopo", "--view=admin", "sample.ldif", NULL }, FALSE },
    { { "extopo", "--export=out.svg", "sample.ldif", NULL }, TRUE },
    { { "extopo", "--export", "out.svg", NULL }, TRUE },
    { { "extopo", "--findings", "sample.ldif", NULL }, TRUE },
    { { "extopo", "--snapshot=s.ldif", "ldap://dc1", NULL }, TRUE },
    { { "extopo", "--compare=old.ldif", "sample.ldif", NULL }, TRUE },
    { { "extopo", "-h", NULL }, TRUE },
    { { "extopo", "--help-all", NULL }, TRUE },
    { { "extopo", "--version", NULL }, TRUE },
    { { "extopo", "--exports", "sample.ldif", NULL }, FALSE },
    { { "extopo", "--", "--findings", NULL }, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int argc = g_strv_length ((char **) cases[i].args);

      g_test_message ("case %u: %s", i, cases[i].args[1]);
      g_assert_cmpint (extopo_cli_is_headless (argc, (char **) cases[i].args), ==,
                       cases[i].headless);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("extopo-test-cli-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli/is-headless", test_cli_is_headless);
  g_test_add_func ("/cli/export/svg", test_cli_export_svg);
  g_test_add_func ("/cli/export/pdf", test_cli_export_pdf);
  g_test_add_func ("/cli/export/png", test_cli_export_png);
  g_test_add_func ("/cli/export/dot", test_cli_export_dot);
  g_test_add_func ("/cli/export/json", test_cli_export_json);
  g_test_add_func ("/cli/export/csv", test_cli_export_csv);
  g_test_add_func ("/cli/findings", test_cli_findings);
  g_test_add_func ("/cli/readiness-everywhere", test_cli_readiness_everywhere);
  g_test_add_func ("/cli/hostile/dot", test_cli_hostile_dot);
  g_test_add_func ("/cli/hostile/findings", test_cli_hostile_findings);
  g_test_add_func ("/cli/export/error-names-file", test_cli_export_error_names_file);
  g_test_add_func ("/cli/export/keeps-mode", test_cli_export_keeps_mode);
  g_test_add_func ("/cli/export/symlink", test_cli_export_symlink);
  g_test_add_func ("/cli/export/hard-links", test_cli_export_hard_links);
  g_test_add_func ("/cli/export/write-error", test_cli_export_write_error);
  g_test_add_func ("/cli/export/interrupted", test_cli_export_interrupted);
  g_test_add_func ("/cli/malformed", test_cli_malformed);
  g_test_add_func ("/cli/missing-file", test_cli_missing_file);
  g_test_add_func ("/cli/huge-value", test_cli_huge_value);
  g_test_add_func ("/cli/usage", test_cli_usage);
  g_test_add_func ("/cli/show-source", test_cli_show_source);
  g_test_add_func ("/cli/help-and-version", test_cli_help_and_version);
  g_test_add_func ("/cli/ldap-failures", test_cli_ldap_failures);

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

        g_remove (path);
      }
    g_rmdir (tmp_dir);
    g_free (tmp_dir);
  }

  return status;
}
