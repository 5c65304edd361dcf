/* test-anonymize.c: exports that keep the organization's shape and none of its names.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-anonymize"

#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "extopo-anonymize.h"
#include "extopo-export.h"
#include "extopo-layout.h"
#include "extopo-loader.h"
#include "extopo-report.h"

#include "test-util.h"

static const char * const samples[] = {
  "coexistence.ldif", "mixed-mode.ldif", "real-directory.ldif",
};

static ExtopoModel *
load (const char      *sample,
      ExtopoLoadFlags  flags)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("EXTOPO_SAMPLES_DIR"), sample, NULL);
  ExtopoModel *model = extopo_loader_load_file_full (path, flags, NULL, &error);

  g_assert_no_error (error);

  return model;
}

static JsonObject *
report_of (ExtopoModel *model,
           JsonParser  *parser)
{
  g_autofree char *text = extopo_report_to_json (model);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_get_object (json_parser_get_root (parser));
}

static void
add_word (GPtrArray  *words,
          const char *word)
{
  /* Exchange's own names stay, and short pieces ("com", "EX1") match too
   * much of any text to tell anything. */
  if (word == NULL || strlen (word) < 4 ||
      strstr (word, "FYDIBOHF23SPDLT") != NULL || strstr (word, "DWBGZMFD01QNBJR") != NULL ||
      g_str_equal (word, "First Administrative Group") || g_str_equal (word, "First Routing Group"))
    return;
  g_ptr_array_add (words, g_utf8_casefold (word, -1));
}

/* Every name of the customer's that the plain report shows. */
static GPtrArray *
real_words (JsonObject *report)
{
  const char *sections[] = { "organizations", "administrative_groups", "routing_groups",
                             "servers", "connectors", "sites" };
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);

  for (gsize s = 0; s < G_N_ELEMENTS (sections); s++)
    {
      JsonArray *array = json_object_get_array_member (report, sections[s]);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *object = json_array_get_object_element (array, i);
          const char *lists[] = { "address_spaces", "smart_hosts" };

          add_word (words, json_object_get_string_member_with_default (object, "name", NULL));
          if (json_object_has_member (object, "fqdn") &&
              !json_object_get_null_member (object, "fqdn"))
            {
              g_auto(GStrv) labels = g_strsplit (json_object_get_string_member (object, "fqdn"),
                                                 ".", -1);

              /* The top-level domain ("com", "local") names nobody. */
              for (guint k = 0; labels[k] != NULL && labels[k + 1] != NULL; k++)
                add_word (words, labels[k]);
            }
          if (json_object_has_member (object, "site") &&
              !json_object_get_null_member (object, "site"))
            add_word (words, json_object_get_string_member (object, "site"));
          for (gsize l = 0; l < G_N_ELEMENTS (lists); l++)
            {
              JsonArray *values;

              if (!json_object_has_member (object, lists[l]))
                continue;
              values = json_object_get_array_member (object, lists[l]);
              for (guint k = 0; k < json_array_get_length (values); k++)
                {
                  const char *value = json_array_get_string_element (values, k);
                  const char *colon = strchr (value, ':');
                  /* "SMTP:", "X400:": the kind of address is no name. */
                  g_auto(GStrv) pieces = g_strsplit_set (colon != NULL ? colon + 1 : value,
                                                         ";.=*[] ", -1);

                  for (guint p = 0; pieces[p] != NULL; p++)
                    if (strspn (pieces[p], "0123456789") != strlen (pieces[p]))
                      add_word (words, pieces[p]);
                }
            }
        }
    }

  return words;
}

static void
assert_no_real_word (const char *what,
                     const char *text,
                     GPtrArray  *words)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);

  for (guint i = 0; i < words->len; i++)
    if (strstr (folded, g_ptr_array_index (words, i)) != NULL)
      g_error ("%s holds the real name “%s”", what, (char *) g_ptr_array_index (words, i));
}

/* Each export format of each sample: no real name, the source's path
 * neither; the same pseudonym for the same server in every format. */
static void
test_anonymize_no_real_name (void)
{
  g_autofree char *dir = g_dir_make_tmp ("extopo-anonymize-XXXXXX", NULL);

  for (gsize s = 0; s < G_N_ELEMENTS (samples); s++)
    {
      g_autoptr(ExtopoModel) plain = load (samples[s], EXTOPO_LOAD_DEFAULT);
      g_autoptr(ExtopoModel) model = load (samples[s], EXTOPO_LOAD_ANONYMIZE);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GPtrArray) words = real_words (report_of (plain, parser));
      ExtopoLayoutOptions layout = { EXTOPO_VIEW_ADMIN, NULL };
      g_autoptr(ExtopoGeometry) geometry = NULL;
      g_autoptr(GError) error = NULL;
      ExtopoServer *first = g_ptr_array_index (extopo_model_get_servers (model), 0);
      const ExtopoExportFormat formats[] = {
        EXTOPO_EXPORT_PDF, EXTOPO_EXPORT_DOT, EXTOPO_EXPORT_JSON, EXTOPO_EXPORT_CSV,
      };

      g_test_message ("%s: %u real words", samples[s], words->len);
      g_assert_cmpuint (words->len, >, 10);
      g_assert_cmpstr (extopo_model_get_source_name (model), ==, EXTOPO_ANONYMIZED_SOURCE);
      geometry = extopo_layout_compute (model, &layout, NULL, &error);
      g_assert_no_error (error);

      for (gsize f = 0; f < G_N_ELEMENTS (formats); f++)
        {
          g_autofree char *name = g_strdup_printf ("out.%s",
                                                   extopo_export_format_get_extension (formats[f]));
          g_autofree char *path = g_build_filename (dir, name, NULL);
          g_autofree char *text = NULL;
          ExtopoRenderOptions options;

          extopo_render_options_init (&options);
          options.title = NULL;
          /* Even asked to, it cannot show the source: that is gone too. */
          options.show_source = TRUE;
          g_assert_true (extopo_export_write (geometry, formats[f], path, &options, 1.0, &error));
          g_assert_no_error (error);
          if (formats[f] == EXTOPO_EXPORT_PDF)
            text = test_util_pdf_text (path);
          else
            g_assert_true (g_file_get_contents (path, &text, NULL, NULL));

          assert_no_real_word (name, text, words);
          g_assert_null (strstr (text, samples[s]));
          g_assert_nonnull (strstr (text, first->name));
          g_unlink (path);
        }
    }
  g_rmdir (dir);
}

/* The same verdict about the same shape: readiness, and per object its
 * findings' IDs and severities, versions and roles. */
static void
test_anonymize_same_verdict (void)
{
  for (gsize s = 0; s < G_N_ELEMENTS (samples); s++)
    {
      g_autoptr(ExtopoModel) plain = load (samples[s], EXTOPO_LOAD_DEFAULT);
      g_autoptr(ExtopoModel) model = load (samples[s], EXTOPO_LOAD_ANONYMIZE);
      g_autoptr(ExtopoModel) again = load (samples[s], EXTOPO_LOAD_ANONYMIZE);
      g_autoptr(JsonParser) plain_parser = json_parser_new ();
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *plain_report = report_of (plain, plain_parser);
      JsonObject *report = report_of (model, parser);
      JsonArray *plain_findings = json_object_get_array_member (plain_report, "findings");
      JsonArray *findings = json_object_get_array_member (report, "findings");
      JsonArray *plain_servers = json_object_get_array_member (plain_report, "servers");
      JsonArray *servers = json_object_get_array_member (report, "servers");
      g_autofree char *text = extopo_report_to_json (model);
      g_autofree char *text_again = extopo_report_to_json (again);

      g_test_message ("%s", samples[s]);
      g_assert_cmpstr (json_object_get_string_member (
                         json_object_get_object_member (report, "readiness"), "state"), ==,
                       json_object_get_string_member (
                         json_object_get_object_member (plain_report, "readiness"), "state"));
      g_assert_cmpuint (json_array_get_length (findings), ==,
                        json_array_get_length (plain_findings));
      for (guint i = 0; i < json_array_get_length (findings); i++)
        {
          JsonObject *a = json_array_get_object_element (plain_findings, i);
          JsonObject *b = json_array_get_object_element (findings, i);

          g_assert_cmpstr (json_object_get_string_member (a, "id"), ==,
                           json_object_get_string_member (b, "id"));
          g_assert_cmpstr (json_object_get_string_member (a, "severity"), ==,
                           json_object_get_string_member (b, "severity"));
          g_assert_cmpstr (json_object_get_string_member (a, "subject_kind"), ==,
                           json_object_get_string_member (b, "subject_kind"));
        }
      g_assert_cmpuint (json_array_get_length (servers), ==, json_array_get_length (plain_servers));
      for (guint i = 0; i < json_array_get_length (servers); i++)
        {
          JsonObject *a = json_array_get_object_element (plain_servers, i);
          JsonObject *b = json_array_get_object_element (servers, i);
          const char *same[] = { "product", "version", "status", "managed_with" };

          for (gsize k = 0; k < G_N_ELEMENTS (same); k++)
            g_assert_cmpstr (json_object_get_string_member_with_default (a, same[k], ""), ==,
                             json_object_get_string_member_with_default (b, same[k], ""));
          g_assert_true (json_node_equal (json_object_get_member (a, "roles"),
                                          json_object_get_member (b, "roles")));
          g_assert_true (json_node_equal (json_object_get_member (a, "findings"),
                                          json_object_get_member (b, "findings")));
        }

      /* Stable: the same input, the same pseudonyms. */
      g_assert_cmpstr (text, ==, text_again);
    }
}

/* Exchange's own names stay: the two Exchange 2007 groups. */
static void
test_anonymize_keeps_exchange_names (void)
{
  g_autoptr(ExtopoModel) model = load ("coexistence.ldif", EXTOPO_LOAD_ANONYMIZE);
  g_autofree char *text = extopo_report_to_json (model);

  g_assert_nonnull (strstr (text, "\"Exchange Administrative Group (FYDIBOHF23SPDLT)\""));
  g_assert_nonnull (strstr (text, "\"Exchange Routing Group (DWBGZMFD01QNBJR)\""));
  g_assert_nonnull (strstr (text, "\"SERVER-001\""));
  g_assert_nonnull (strstr (text, "CN=Servers,CN=Exchange Administrative Group "
                            "(FYDIBOHF23SPDLT),CN=Administrative Groups,"));
  g_assert_nonnull (strstr (text, "\"SMTP:*;10\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/anonymize/no-real-name", test_anonymize_no_real_name);
  g_test_add_func ("/anonymize/same-verdict", test_anonymize_same_verdict);
  g_test_add_func ("/anonymize/keeps-exchange-names", test_anonymize_keeps_exchange_names);

  return g_test_run ();
}
