/* extopo-cli.c: the display-less command line.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-cli"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "extopo-cli.h"
#include "extopo-compare.h"
#include "extopo-export.h"
#include "extopo-pages.h"
#include "extopo-findings.h"
#include "extopo-history.h"
#include "extopo-history-chart.h"
#include "extopo-layout.h"
#include "extopo-ldap-source.h"
#include "extopo-ldif-writer.h"
#include "extopo-loader.h"
#include "extopo-report.h"

typedef struct
{
  /* General options */
  char     *view;
  char     *export_path;
  gboolean  findings;
  char     *title;
  char     *paper_name;
  gboolean  show_source;
  gboolean  anonymize;
  char     *compare_path;
  char     *history_path;
  ExtopoPaper paper;
  gboolean  version;
  char    **sources;

  /* Live LDAP options, used with an ldap:// or ldaps:// SOURCE */
  gboolean  starttls;
  char     *ca_file;
  gboolean  no_verify;
  gboolean  allow_cleartext_password;
  char     *bind_dn;
  char     *password_file;
  char     *sasl_mech;
  char     *base_dn;
  char     *snapshot_path;
  int       page_size;
  int       size_limit;
  int       timeout;

  /* Typed at the terminal; wiped when done */
  char     *password;
} CliOptions;

static void
cli_options_clear (CliOptions *options)
{
  g_clear_pointer (&options->password, extopo_ldap_password_free);
  g_clear_pointer (&options->view, g_free);
  g_clear_pointer (&options->export_path, g_free);
  g_clear_pointer (&options->title, g_free);
  g_clear_pointer (&options->paper_name, g_free);
  g_clear_pointer (&options->compare_path, g_free);
  g_clear_pointer (&options->history_path, g_free);
  g_clear_pointer (&options->sources, g_strfreev);
  g_clear_pointer (&options->ca_file, g_free);
  g_clear_pointer (&options->bind_dn, g_free);
  g_clear_pointer (&options->password_file, g_free);
  g_clear_pointer (&options->sasl_mech, g_free);
  g_clear_pointer (&options->base_dn, g_free);
  g_clear_pointer (&options->snapshot_path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliOptions, cli_options_clear)

/* Options that mean "no window": the first word of each is enough, with or
 * without "=VALUE". */
static const char * const headless_options[] = {
  "--export", "--findings", "--snapshot", "--compare", "--history", "--version", "--help", "-h",
};

gboolean
extopo_cli_is_headless (int    argc,
                        char **argv)
{
  g_return_val_if_fail (argc >= 0, FALSE);

  for (int i = 1; i < argc && argv[i] != NULL; i++)
    {
      const char *arg = argv[i];

      if (strcmp (arg, "--") == 0)
        break;
      /* --help-all, --help-gtk, --help-ldap ... */
      if (g_str_has_prefix (arg, "--help"))
        return TRUE;
      for (guint j = 0; j < G_N_ELEMENTS (headless_options); j++)
        {
          gsize len = strlen (headless_options[j]);

          if (strncmp (arg, headless_options[j], len) == 0 &&
              (arg[len] == '\0' || arg[len] == '='))
            return TRUE;
        }
    }

  return FALSE;
}

static gboolean
is_ldap_uri (const char *source)
{
  return g_ascii_strncasecmp (source, "ldap://", 7) == 0 ||
         g_ascii_strncasecmp (source, "ldaps://", 8) == 0;
}

static gboolean
uses_ldap_options (const CliOptions *options)
{
  return options->starttls || options->ca_file != NULL || options->no_verify ||
         options->allow_cleartext_password ||
         options->bind_dn != NULL || options->password_file != NULL ||
         options->sasl_mech != NULL || options->base_dn != NULL ||
         options->snapshot_path != NULL || options->page_size >= 0 ||
         options->size_limit >= 0 || options->timeout >= 0;
}

/* Text from the directory may hold terminal escape sequences: every control
 * character but the line feed (C0, DEL, C1) and every byte that is not
 * UTF-8 is shown escaped, as \x1b or \u009b, never sent to the terminal. */
static char *
escape_controls (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  const char *p = text;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if ((c < 0x20 && c != '\n') || c == 0x7f)
        g_string_append_printf (out, "\\x%02x", c);
      else if (c >= 0x80 && c < 0xa0)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }

  return g_string_free (out, FALSE);
}

/* Prints "extopo: " and @message to standard error, escaped. */
static void
print_error_line (const char *message)
{
  g_autofree char *escaped = escape_controls (message);

  g_printerr ("extopo: %s\n", escaped);
}

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_autofree char *prgname = g_strdup (g_get_prgname ());
  g_autofree char *escaped = escape_controls (message);

  g_printerr ("%s: %s\n", prgname != NULL ? prgname : "extopo", escaped);
  /* Translators: %s is the program name. */
  g_printerr (_("Try “%s --help” for more information."), prgname != NULL ? prgname : "extopo");
  g_printerr ("\n");

  return EXTOPO_EXIT_USAGE;
}

/* Prints @error so that it names where it happened: the reader's messages
 * already start with "FILE:LINE:" and the export's name their file, others
 * get @where in front. */
static int
report_error (const char   *where,
              const GError *error)
{
  g_autofree char *basename = g_path_get_basename (where);

  g_autofree char *message = NULL;

  if (error->domain == EXTOPO_EXPORT_ERROR ||
      g_str_has_prefix (error->message, where) || g_str_has_prefix (error->message, basename))
    message = g_strdup (error->message);
  else
    message = g_strdup_printf ("%s: %s", where, error->message);
  print_error_line (message);

  return EXTOPO_EXIT_BAD_INPUT;
}

static char *
read_password_file (const char  *path,
                    GError     **error)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  char *password;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  /* The first line is the password: files made with echo end in a newline. */
  password = g_strndup (contents, strcspn (contents, "\r\n"));
  explicit_bzero (contents, length);

  return password;
}

static ExtopoLdapParams *
build_ldap_params (const CliOptions  *options,
                   GError           **error)
{
  g_autoptr(ExtopoLdapParams) params = extopo_ldap_params_new ();

  g_strfreev (params->uris);
  params->uris = g_strdupv (options->sources);
  params->starttls = options->starttls;
  params->verify_certificates = !options->no_verify;
  params->allow_cleartext_password = options->allow_cleartext_password;
  params->ca_file = g_strdup (options->ca_file);
  params->base_dn = g_strdup (options->base_dn);
  if (options->page_size >= 0)
    params->page_size = options->page_size;
  if (options->size_limit >= 0)
    params->size_limit = options->size_limit;
  if (options->timeout >= 0)
    {
      params->network_timeout = options->timeout;
      params->operation_timeout = options->timeout;
    }

  if (options->sasl_mech != NULL)
    {
      params->bind_method = EXTOPO_LDAP_BIND_SASL;
      params->sasl_mech = g_strdup (options->sasl_mech);
      params->bind_dn = g_strdup (options->bind_dn);
    }
  else if (options->bind_dn != NULL)
    {
      params->bind_method = EXTOPO_LDAP_BIND_SIMPLE;
      params->bind_dn = g_strdup (options->bind_dn);
    }
  else
    {
      params->bind_method = EXTOPO_LDAP_BIND_ANONYMOUS;
    }

  if (options->password_file != NULL)
    {
      params->password = read_password_file (options->password_file, error);
      if (params->password == NULL)
        return NULL;
    }
  else if (options->password != NULL)
    {
      params->password = g_strdup (options->password);
    }

  return g_steal_pointer (&params);
}

/* The live LDAP source: fetch, optionally keep an LDIF snapshot of what was
 * read, and build the model from the entries. */
static int
cli_fetch_ldap (const CliOptions  *options,
                ExtopoModel      **model)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoLdapParams) params = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *description = NULL;
  g_autoptr(GDateTime) fetched = NULL;
  ExtopoSnapshotHeader header = { NULL, NULL };

  params = build_ldap_params (options, &error);
  if (params == NULL)
    return report_error (options->password_file, error);

  description = extopo_ldap_params_describe (params);
  if (options->no_verify)
    g_printerr ("extopo: %s\n",
                _("warning: --no-verify: the server's certificate is not checked, so anyone "
                  "between here and the server can read and change what is sent, the "
                  "password included"));
  fetched = g_date_time_new_now_utc ();
  entries = extopo_ldap_fetch (params, NULL, NULL, NULL, &error);
  if (entries == NULL)
    return report_error (options->sources[0], error);

  header.source = options->sources[0];
  header.fetched = fetched;
  if (options->snapshot_path != NULL &&
      !extopo_ldif_write_file (entries, &header, options->snapshot_path, &error))
    return report_error (options->snapshot_path, error);

  *model = extopo_loader_load_entries_full (entries, options->sources[0],
                                            options->anonymize ? EXTOPO_LOAD_ANONYMIZE
                                                               : EXTOPO_LOAD_DEFAULT, &error);
  if (*model == NULL)
    return report_error (description, error);
  extopo_model_set_snapshot_date (*model, fetched);

  return EXTOPO_EXIT_OK;
}

static int
load_file (const char       *path,
           ExtopoLoadFlags   flags,
           ExtopoModel     **model)
{
  g_autoptr(GError) error = NULL;

  *model = extopo_loader_load_file_full (path, flags, NULL, &error);
  if (*model == NULL)
    return report_error (path, error);

  return EXTOPO_EXIT_OK;
}

static int
export_model (ExtopoModel           *model,
              const CliOptions      *options,
              ExtopoView             view,
              ExtopoExportFormat     format,
              const ExtopoChangeSet *changes,
              GPtrArray             *ghosts,
              const ExtopoHistory   *history)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoGeometry) geometry = NULL;
  g_autofree char *title = NULL;
  ExtopoLayoutOptions layout_options = { view, NULL, ghosts };
  ExtopoRenderOptions render_options;

  /* The reports are data, not drawings: no layout needed. */
  if (format == EXTOPO_EXPORT_JSON || format == EXTOPO_EXPORT_CSV)
    {
      if (!extopo_export_write_report (model, format, options->export_path,
                                       options->show_source, &error))
        return report_error (options->export_path, error);
      return EXTOPO_EXIT_OK;
    }

  geometry = extopo_layout_compute (model, &layout_options, NULL, &error);
  if (geometry == NULL)
    return report_error (extopo_model_get_source_name (model), error);

  if (options->title != NULL)
    title = g_strdup (options->title);
  else
    title = extopo_export_default_title (model, view);

  extopo_render_options_init (&render_options);
  render_options.show_title = TRUE;
  render_options.show_legend = TRUE;
  render_options.title = title;
  render_options.show_source = options->show_source;
  render_options.paper = options->paper;
  render_options.changes = changes;
  render_options.history = history;

  if (!extopo_export_write (geometry, format, options->export_path, &render_options, 1.0,
                            &error))
    return report_error (options->export_path, error);

  return EXTOPO_EXIT_OK;
}

static gboolean
write_change_set_json_cb (FILE     *stream,
                          gpointer  user_data)
{
  return extopo_change_set_write_json (user_data, stream);
}

static gboolean
write_change_set_csv_cb (FILE     *stream,
                         gpointer  user_data)
{
  return extopo_change_set_write_csv (user_data, stream);
}

/* The older snapshot of a comparison, read in a thread of its own while the
 * newer one is read or fetched. */
typedef struct
{
  char        *path;
  ExtopoModel *model;
  GError      *error;
} OldLoad;

/* Waits for a load whose result is not wanted (the newer side failed). */
static void
old_load_abandon (GThread **loader,
                  OldLoad  *load)
{
  if (*loader == NULL)
    return;
  g_thread_join (g_steal_pointer (loader));
  g_clear_object (&load->model);
  g_clear_error (&load->error);
}

static gpointer
load_old_thread (gpointer data)
{
  OldLoad *load = data;

  load->model = extopo_loader_load_file_full (load->path, EXTOPO_LOAD_DEFAULT, NULL,
                                              &load->error);

  return NULL;
}

/* What changed from the snapshot at options->compare_path (read by
 * @loader) to @model: as text on standard output, or as the JSON or CSV
 * --export asks for, or as a diagram. */
static int
compare_with (ExtopoModel        *model,
              const CliOptions   *options,
              ExtopoView          view,
              ExtopoExportFormat  format,
              GThread            *loader,
              OldLoad            *load)
{
  g_autoptr(ExtopoModel) old_model = NULL;
  g_autoptr(ExtopoChangeSet) set = NULL;
  g_autoptr(GError) error = NULL;

  g_thread_join (loader);
  old_model = g_steal_pointer (&load->model);
  if (old_model == NULL)
    return report_error (options->compare_path, load->error);

  set = extopo_compare_models (old_model, model);
  if (options->export_path == NULL)
    {
      g_autofree char *text = extopo_change_set_to_text (set);
      g_autofree char *escaped = escape_controls (text);

      g_print ("%s", escaped);
      return EXTOPO_EXIT_OK;
    }

  /* A diagram: the newer topology with what changed marked on it, and
   * the servers removed drawn where they were (the ghosts hold the older
   * model for the geometry that borrows its servers). */
  if (format != EXTOPO_EXPORT_JSON && format != EXTOPO_EXPORT_CSV)
    {
      g_autoptr(GPtrArray) ghosts = extopo_change_set_get_ghosts (set, old_model);

      return export_model (model, options, view, format, set, ghosts, NULL);
    }

  if (!extopo_export_save_stream (options->export_path,
                                  format == EXTOPO_EXPORT_CSV ? write_change_set_csv_cb
                                                              : write_change_set_json_cb,
                                  set, &error))
    return report_error (options->export_path, error);

  return EXTOPO_EXIT_OK;
}

static gboolean
write_history_json_cb (FILE     *stream,
                       gpointer  user_data)
{
  return extopo_history_write_json (user_data, stream);
}

static gboolean
write_history_csv_cb (FILE     *stream,
                      gpointer  user_data)
{
  return extopo_history_write_csv (user_data, stream);
}

typedef struct
{
  ExtopoHistory *history;
  const char    *title;
} HistoryHtmlJob;

static gboolean
write_history_html_cb (FILE     *stream,
                       gpointer  user_data)
{
  HistoryHtmlJob *job = user_data;

  return extopo_history_write_html (job->history, job->title, stream);
}

/* Says which snapshots of a history were left out, and why. */
static void
warn_skipped (const ExtopoHistory *history)
{
  for (guint i = 0; i < history->skipped->len; i++)
    {
      /* Translators: %s says which snapshot was left out of the history, and why. */
      g_autofree char *message = g_strdup_printf (_("warning: left out %s"),
                                                  (char *) g_ptr_array_index (history->skipped,
                                                                              i));
      print_error_line (message);
    }
}

/* The progress over the snapshots in options->history_path: a table on
 * standard output, or the chart, series or page --export asks for. Files
 * that could not be used are warned about; only a folder with none that
 * could is an error. */
static int
show_history (const CliOptions   *options,
              ExtopoExportFormat  format)
{
  g_autoptr(ExtopoHistory) history = NULL;
  g_autoptr(GError) error = NULL;
  HistoryHtmlJob html_job;
  gboolean ok;

  history = extopo_history_load (options->history_path, NULL, &error);
  if (history == NULL)
    return report_error (options->history_path, error);

  if (options->export_path == NULL)
    {
      g_autofree char *text = extopo_history_to_text (history);
      g_autofree char *escaped = escape_controls (text);

      g_print ("%s", escaped);
      return EXTOPO_EXIT_OK;
    }

  warn_skipped (history);

  html_job.history = history;
  html_job.title = options->title;
  switch (format)
    {
    case EXTOPO_EXPORT_JSON:
      ok = extopo_export_save_stream (options->export_path, write_history_json_cb, history,
                                      &error);
      break;
    case EXTOPO_EXPORT_CSV:
      ok = extopo_export_save_stream (options->export_path, write_history_csv_cb, history,
                                      &error);
      break;
    case EXTOPO_EXPORT_HTML:
      ok = extopo_export_save_stream (options->export_path, write_history_html_cb, &html_job,
                                      &error);
      break;
    default:
      ok = extopo_history_chart_export (history, format, options->export_path, options->title,
                                        &error);
      break;
    }
  if (!ok)
    return report_error (options->export_path, error);

  return EXTOPO_EXIT_OK;
}

/* What --history does not go with, or NULL when all is well. */
static const char *
check_history_usage (const CliOptions   *options,
                     ExtopoExportFormat  format)
{
  /* With a SOURCE, the report of it includes the progress. */
  if (options->sources != NULL && options->sources[0] != NULL)
    {
      if (options->export_path == NULL || format != EXTOPO_EXPORT_HTML)
        return _("--history takes a SOURCE only for an HTML report that includes the "
                 "progress: extopo SOURCE --history=DIR --export=REPORT.html");
      if (options->compare_path != NULL || options->anonymize || options->findings)
        return _("--history with a SOURCE cannot be combined with --compare, --anonymize "
                 "or --findings");
      return NULL;
    }
  if (options->compare_path != NULL || options->findings || options->anonymize ||
      options->view != NULL || options->paper_name != NULL || options->show_source ||
      uses_ldap_options (options))
    return _("--history goes only with --export and --title");
  if (options->export_path != NULL && format != EXTOPO_EXPORT_SVG &&
      format != EXTOPO_EXPORT_PNG && format != EXTOPO_EXPORT_PDF &&
      format != EXTOPO_EXPORT_JSON && format != EXTOPO_EXPORT_CSV &&
      format != EXTOPO_EXPORT_HTML)
    return _("--history exports .svg, .png, .pdf (the chart), .csv, .json (the series) "
             "or .html (both)");

  return NULL;
}

static GOptionContext *
create_option_context (CliOptions *options)
{
  const GOptionEntry main_entries[] = {
    { "view", 0, 0, G_OPTION_ARG_STRING, &options->view,
      N_("Draw the routing view or the administrative view (default: routing)"),
      N_("routing|admin") },
    { "export", 0, 0, G_OPTION_ARG_FILENAME, &options->export_path,
      N_("Write the diagram or report to FILE; the extension picks the format: "
         ".svg .pdf .png .dot .json .csv .html .vsdx"),
      N_("FILE") },
    { "findings", 0, 0, G_OPTION_ARG_NONE, &options->findings,
      N_("Print the coexistence findings, most severe first"), NULL },
    { "title", 0, 0, G_OPTION_ARG_STRING, &options->title,
      N_("Title printed on exported diagrams"), N_("TITLE") },
    { "anonymize", 0, 0, G_OPTION_ARG_NONE, &options->anonymize,
      N_("Replace the organization's names (groups, servers, hosts, domains, DNs, address "
         "spaces) with stable pseudonyms in the export; versions, roles and findings stay"),
      NULL },
    { "compare", 0, 0, G_OPTION_ARG_FILENAME, &options->compare_path,
      N_("Print what changed since the snapshot OLD (an LDIF file); with --export, write "
         "the changes as .json or .csv"),
      N_("OLD.ldif") },
    { "history", 0, 0, G_OPTION_ARG_FILENAME, &options->history_path,
      N_("Print the progress over the snapshots (*.ldif) in DIR: servers by version, "
         "errors, warnings and readiness per date; with --export, chart it as .svg, .png or "
         ".pdf, or write it as .csv, .json or .html; with a SOURCE and --export=REPORT.html, "
         "the report of SOURCE includes it"),
      N_("DIR") },
    { "show-source", 0, 0, G_OPTION_ARG_NONE, &options->show_source,
      N_("Name the source file or server in the export (left out by default)"), NULL },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &options->paper_name,
      N_("Print a PDF export on sheets of PAPER, tiled with an overview page when the "
         "diagram is large"), N_("A4|A3|A2|Letter|Tabloid") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &options->version,
      N_("Show the program version"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->sources,
      NULL, NULL },
    { NULL }
  };
  const GOptionEntry ldap_entries[] = {
    { "starttls", 0, 0, G_OPTION_ARG_NONE, &options->starttls,
      N_("Upgrade an ldap:// connection with StartTLS"), NULL },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &options->ca_file,
      N_("Trust the certificate authorities in FILE"), N_("FILE") },
    { "no-verify", 0, 0, G_OPTION_ARG_NONE, &options->no_verify,
      N_("Do not verify the server certificate (insecure)"), NULL },
    { "allow-cleartext-password", 0, 0, G_OPTION_ARG_NONE, &options->allow_cleartext_password,
      N_("Allow a simple bind to send its password unencrypted over ldap:// without "
         "StartTLS (insecure)"), NULL },
    { "bind-dn", 0, 0, G_OPTION_ARG_STRING, &options->bind_dn,
      N_("Bind as DN or user@domain (simple bind, or the SASL identity)"), N_("DN") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &options->password_file,
      N_("Read the bind password from the first line of FILE"), N_("FILE") },
    { "sasl-mech", 0, 0, G_OPTION_ARG_STRING, &options->sasl_mech,
      N_("Bind with this SASL mechanism, e.g. GSSAPI"), N_("MECH") },
    { "base", 0, 0, G_OPTION_ARG_STRING, &options->base_dn,
      N_("Search base (default: the configuration naming context)"), N_("DN") },
    { "snapshot", 0, 0, G_OPTION_ARG_FILENAME, &options->snapshot_path,
      N_("Save the entries read from the server as LDIF"), N_("FILE.ldif") },
    { "page-size", 0, 0, G_OPTION_ARG_INT, &options->page_size,
      N_("Entries per page of the paged search (default: 500)"), N_("N") },
    { "size-limit", 0, 0, G_OPTION_ARG_INT, &options->size_limit,
      N_("Stop after N entries (default: no limit)"), N_("N") },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &options->timeout,
      N_("Give up on the server after S seconds"), N_("S") },
    { NULL }
  };
  GOptionContext *context;
  GOptionGroup *ldap_group;

  /* The parameter string names the remaining argument; the G_OPTION_REMAINING
   * entry carries no arg_description so that it is not listed twice. */
  context = g_option_context_new (_("SOURCE"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
                                _("Draws the topology of a Microsoft Exchange 2000/2003/2007 "
                                  "organization and checks it\nfor Exchange 2007 coexistence. "
                                  "SOURCE is an LDIF export (ldifde, ldapsearch) or an\n"
                                  "ldap:// or ldaps:// URI of a domain controller."));
  g_option_context_set_description (context,
                                    _("Exit status: 0 on success, 1 when the source cannot be "
                                      "read or the output cannot be written,\n2 on bad usage."));
  g_option_context_add_main_entries (context, main_entries, GETTEXT_PACKAGE);

  ldap_group = g_option_group_new ("ldap", _("Live LDAP Options:"),
                                   _("Show the options for an ldap:// or ldaps:// SOURCE"),
                                   NULL, NULL);
  g_option_group_set_translation_domain (ldap_group, GETTEXT_PACKAGE);
  g_option_group_add_entries (ldap_group, ldap_entries);
  g_option_context_add_group (context, ldap_group);

  return context;
}

static gboolean
parse_view (const char *text,
            ExtopoView *view)
{
  if (text == NULL || g_ascii_strcasecmp (text, "routing") == 0)
    *view = EXTOPO_VIEW_ROUTING;
  else if (g_ascii_strcasecmp (text, "admin") == 0 ||
           g_ascii_strcasecmp (text, "administrative") == 0)
    *view = EXTOPO_VIEW_ADMIN;
  else
    return FALSE;

  return TRUE;
}

int
extopo_cli_run (int    argc,
                char **argv)
{
  g_auto(CliOptions) options = { 0, };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoModel) model = NULL;
  g_auto(GStrv) args = NULL;
  OldLoad old_load = { NULL };
  GThread *old_loader = NULL;
  ExtopoExportFormat format = EXTOPO_EXPORT_UNKNOWN;
  ExtopoView view;
  gboolean ldap_source;
  int status;

  g_return_val_if_fail (argc >= 0, EXTOPO_EXIT_USAGE);

  options.page_size = -1;
  options.size_limit = -1;
  options.timeout = -1;

  g_set_prgname ("extopo");
  args = g_new0 (char *, argc + 1);
  for (int i = 0; i < argc; i++)
    args[i] = g_strdup (argv[i]);

  context = create_option_context (&options);
  if (!g_option_context_parse_strv (context, &args, &error))
    return usage_error (context, error->message);

  if (options.version)
    {
      g_print ("extopo %s\n", PACKAGE_VERSION);
      return EXTOPO_EXIT_OK;
    }

  if (!parse_view (options.view, &view))
    {
      g_autofree char *message =
        /* Translators: %s is what the user gave to --view. */
        g_strdup_printf (_("unknown view “%s”: use routing or admin"), options.view);
      return usage_error (context, message);
    }

  /* A folder of snapshots alone, or with the SOURCE of an HTML report. */
  if (options.history_path != NULL)
    {
      const char *problem;

      if (options.export_path != NULL)
        format = extopo_export_format_from_path (options.export_path);
      problem = check_history_usage (&options, format);
      if (problem != NULL)
        return usage_error (context, problem);
    }
  /* A folder of snapshots, not a SOURCE. */
  if (options.history_path != NULL && (options.sources == NULL || options.sources[0] == NULL))
    {
      if (format == EXTOPO_EXPORT_JSON || format == EXTOPO_EXPORT_CSV)
        setlocale (LC_MESSAGES, "C");
      if (options.export_path != NULL)
        extopo_export_remove_on_signal ();
      return show_history (&options, format);
    }

  if (options.sources == NULL || options.sources[0] == NULL)
    return usage_error (context, _("no SOURCE given: name an LDIF file or an ldap:// URI"));

  /* Several ldap:// URIs are tried in order; only one file makes sense. */
  ldap_source = is_ldap_uri (options.sources[0]);
  for (guint i = 1; options.sources[i] != NULL; i++)
    if (!ldap_source || !is_ldap_uri (options.sources[i]))
      return usage_error (context, _("more than one SOURCE given"));

  if (!ldap_source && uses_ldap_options (&options))
    return usage_error (context,
                        _("the live LDAP options need an ldap:// or ldaps:// SOURCE"));

  if (options.page_size == 0 || options.page_size < -1 || options.size_limit < -1 ||
      options.timeout == 0 || options.timeout < -1)
    return usage_error (context,
                        _("--page-size and --timeout need a positive number, "
                          "--size-limit zero or more"));

  /* A simple bind without a password file asks at the terminal, where the
   * password stays out of the shell history and the process list. */
  if (options.bind_dn != NULL && options.sasl_mech == NULL && options.password_file == NULL)
    {
      /* Translators: %s is the DN or user@domain of the bind. */
      g_autofree char *prompt = g_strdup_printf (_("Password for %s: "), options.bind_dn);

      options.password = extopo_ldap_prompt_password (prompt);
      if (options.password == NULL)
        return usage_error (context,
                            _("--bind-dn needs --password-file when standard input "
                              "is not a terminal"));
    }

  if (options.export_path != NULL)
    {
      format = extopo_export_format_from_path (options.export_path);
      if (format == EXTOPO_EXPORT_UNKNOWN)
        {
          g_autofree char *message =
            /* Translators: %s is a file name. */
            g_strdup_printf (_("cannot tell the format of “%s”: "
                               "use .svg, .pdf, .png, .dot, .json, .csv, .html or .vsdx"),
                             options.export_path);
          return usage_error (context, message);
        }
    }

  if (options.paper_name != NULL &&
      !extopo_paper_from_string (options.paper_name, &options.paper))
    {
      g_autofree char *message =
        /* Translators: %s is what the user gave to --paper. */
        g_strdup_printf (_("unknown paper “%s”: use A4, A3, A2, Letter or Tabloid"),
                         options.paper_name);
      return usage_error (context, message);
    }
  if (options.paper_name != NULL && format != EXTOPO_EXPORT_PDF)
    return usage_error (context, _("--paper applies to a PDF export"));

  if (options.compare_path != NULL && is_ldap_uri (options.compare_path))
    return usage_error (context,
                        _("--compare needs an LDIF file: save the server's entries with "
                          "--snapshot first"));
  if (options.compare_path != NULL && options.anonymize)
    return usage_error (context, _("--anonymize cannot be combined with --compare yet"));

  if (options.export_path == NULL && !options.findings && options.snapshot_path == NULL &&
      options.compare_path == NULL)
    return usage_error (context,
                        _("nothing to do: give --export, --findings, --snapshot or --compare"));

  /* The JSON and CSV reports are read by scripts: keep the finding texts in
   * them English whatever the user's language. */
  if (format == EXTOPO_EXPORT_JSON || format == EXTOPO_EXPORT_CSV)
    setlocale (LC_MESSAGES, "C");

  if (options.compare_path != NULL)
    {
      old_load.path = options.compare_path;
      old_loader = g_thread_new ("extopo-compare-old", load_old_thread, &old_load);
    }

  if (ldap_source)
    status = cli_fetch_ldap (&options, &model);
  else
    status = load_file (options.sources[0],
                        options.anonymize ? EXTOPO_LOAD_ANONYMIZE : EXTOPO_LOAD_DEFAULT, &model);
  if (status != EXTOPO_EXIT_OK)
    {
      old_load_abandon (&old_loader, &old_load);
      return status;
    }

  if (options.findings)
    {
      g_autofree char *text = extopo_report_findings_text (model);
      g_autofree char *escaped = escape_controls (text);

      g_print ("%s", escaped);
    }

  if (options.export_path != NULL)
    /* Ctrl+C during a long export must not leave ".NAME.XXXXXX" behind. */
    extopo_export_remove_on_signal ();
  if (options.compare_path != NULL)
    {
      status = compare_with (model, &options, view, format, g_steal_pointer (&old_loader),
                             &old_load);
      g_clear_error (&old_load.error);
      return status;
    }
  /* The HTML report with the progress over a folder of snapshots. */
  if (options.history_path != NULL)
    {
      g_autoptr(ExtopoHistory) history = NULL;

      history = extopo_history_load (options.history_path, NULL, &error);
      if (history == NULL)
        return report_error (options.history_path, error);
      warn_skipped (history);
      return export_model (model, &options, view, format, NULL, NULL, history);
    }
  if (options.export_path != NULL)
    return export_model (model, &options, view, format, NULL, NULL, NULL);

  return EXTOPO_EXIT_OK;
}
