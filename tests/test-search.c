/* test-search.c: the query language over the sample organizations.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "extopo-loader.h"
#include "extopo-search.h"

#include "test-util.h"

static ExtopoModel *
load_sample (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("EXTOPO_SAMPLES_DIR"), name, NULL);
  g_autoptr(GError) error = NULL;
  ExtopoModel *model = extopo_loader_load_file (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);

  return model;
}

/* The names of the servers @query matches, sorted and joined with spaces. */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
matching_names (ExtopoModel *model,
                const char  *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ExtopoSearch) search = extopo_search_new (query, &error);
  ExtopoSearchIndex *index = extopo_search_index_get_for_model (model);
  GPtrArray *servers = extopo_model_get_servers (model);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < servers->len; i++)
    {
      ExtopoServer *server = g_ptr_array_index (servers, i);

      if (extopo_search_match_server (search, index, server))
        g_ptr_array_add (names, server->name);
    }
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

static guint
count_matches (ExtopoModel *model,
               const char  *query)
{
  g_autofree char *names = matching_names (model, query);
  guint n = *names != '\0' ? 1 : 0;

  /* No sample's server name holds a space. */
  for (const char *p = names; *p != '\0'; p++)
    if (*p == ' ')
      n++;

  return n;
}

static void
test_search_fold (void)
{
  static const struct
  {
    const char *text;
    const char *folded;
  } cases[] = {
    { "MÜNCHEN-EX1", "munchen-ex1" },
    { "Zürich", "zurich" },
    { "Straße", "strasse" },
    { "Søren Ærø", "soeren aeroe" },
    { "ﬁle", "file" },
    { "EX2007-HUB1", "ex2007-hub1" },
    { "a\tb\x1f" "c", "a b c" },
    { "Ελλάδα", "ελλαδα" },
    { "東京", "東京" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = extopo_search_fold (cases[i].text);

      g_assert_cmpstr (folded, ==, cases[i].folded);
    }

  g_assert_null (extopo_search_fold (NULL));
  {
    /* Invalid UTF-8 is repaired, not trusted. */
    g_autofree char *folded = extopo_search_fold ("AB\xff\xfe" "C");

    g_assert_true (g_utf8_validate (folded, -1, NULL));
    g_assert_true (g_str_has_prefix (folded, "ab"));
  }
}

static void
test_search_parse_errors (void)
{
  static const struct
  {
    const char       *query;
    ExtopoSearchError code;
    const char       *mentions;
  } cases[] = {
    { "foo:bar", EXTOPO_SEARCH_ERROR_UNKNOWN_FIELD, "foo:" },
    { "munchen colour:red", EXTOPO_SEARCH_ERROR_UNKNOWN_FIELD, "colour:" },
    { "sp:<two", EXTOPO_SEARCH_ERROR_INVALID_COMPARISON, "two" },
    { "sp:<", EXTOPO_SEARCH_ERROR_INVALID_VALUE, "sp:" },
    { "build:>=7.6.3", EXTOPO_SEARCH_ERROR_INVALID_COMPARISON, "7.6.3" },
    { "name:<ex01", EXTOPO_SEARCH_ERROR_INVALID_COMPARISON, "name:" },
    { "group:>=b", EXTOPO_SEARCH_ERROR_INVALID_COMPARISON, "group:" },
    { "version:<foo", EXTOPO_SEARCH_ERROR_INVALID_COMPARISON, "foo" },
    { "status:fine", EXTOPO_SEARCH_ERROR_INVALID_VALUE, "fine" },
    { "version:", EXTOPO_SEARCH_ERROR_INVALID_VALUE, "version:" },
    { "role:\"\"", EXTOPO_SEARCH_ERROR_INVALID_VALUE, "role:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ExtopoSearch) search = extopo_search_new (cases[i].query, &error);

      g_test_message ("%s", cases[i].query);
      g_assert_null (search);
      g_assert_error (error, EXTOPO_SEARCH_ERROR, (int) cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].mentions));
    }

  /* The field list is in the message, so the UI can teach it. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ExtopoSearch) search = extopo_search_new ("x:1", &error);

    g_assert_nonnull (strstr (error->message, "version:"));
    g_assert_nonnull (strstr (error->message, "status:"));
  }
}

static void
test_search_terms (void)
{
  g_autoptr(ExtopoSearch) empty = extopo_search_new ("   ", NULL);
  g_autoptr(ExtopoSearch) words = extopo_search_new ("first \"routing group\"", NULL);
  g_autoptr(ExtopoSearch) fields = extopo_search_new ("Version:2003 SP:<2 munchen", NULL);
  g_autoptr(ExtopoSearch) unclosed = extopo_search_new ("name:\"first rout", NULL);

  g_assert_nonnull (empty);
  g_assert_cmpuint (extopo_search_get_n_terms (empty), ==, 0);
  g_assert_true (extopo_search_is_text_only (empty));
  g_assert_true (extopo_search_match_text (empty, "anything"));

  g_assert_cmpuint (extopo_search_get_n_terms (words), ==, 2);
  g_assert_true (extopo_search_is_text_only (words));
  g_assert_true (extopo_search_match_text (words, "First Routing Group"));
  /* A quoted phrase keeps its words together and in order. */
  g_assert_false (extopo_search_match_text (words, "First Group Routing"));
  g_assert_false (extopo_search_match_text (words, NULL));

  g_assert_cmpuint (extopo_search_get_n_terms (fields), ==, 3);
  g_assert_false (extopo_search_is_text_only (fields));
  g_assert_false (extopo_search_match_text (fields, "MÜNCHEN"));

  g_assert_nonnull (unclosed);
  g_assert_cmpuint (extopo_search_get_n_terms (unclosed), ==, 1);
}

/* Free words read names, FQDNs, versions, levels, roles and groups, without
 * case or accents. */
static void
test_search_free_words (void)
{
  g_autoptr(ExtopoModel) model = load_sample ("coexistence.ldif");
  g_autofree char *munchen = matching_names (model, "munchen");
  g_autofree char *zurich = matching_names (model, "ZURICH");
  g_autofree char *hub = matching_names (model, "hub");
  g_autofree char *both = matching_names (model, "ex2007 seattle-hq");
  g_autofree char *sales = matching_names (model, "\"sales, east\"");

  g_assert_cmpstr (munchen, ==, "MÜNCHEN-EX1");
  /* The Zürich groups hold three servers; two Exchange 2007 servers sit in
   * the AD site "Zurich". */
  g_assert_cmpstr (zurich, ==, "EX2007-HUB2 EX2007-MBX2 MÜNCHEN-EX1 ZRH-EX01 ZRH-EX02");
  /* By role name, and by the name of EX2007-HUB1 and HUB2. */
  g_assert_cmpstr (hub, ==, "EX2007-ALL1 EX2007-HUB1 EX2007-HUB2");
  g_assert_cmpstr (both, ==, "EX2007-ALL1 EX2007-HUB1 EX2007-MBX1 EX2007-UM1");
  g_assert_cmpstr (sales, ==, "BOS-EX01 BOS-EX03");

  /* Build, version and level text. */
  g_assert_cmpuint (count_matches (model, "7226"), ==, 2);
  g_assert_cmpuint (count_matches (model, "6.0.6249"), ==, 3);
  g_assert_cmpuint (count_matches (model, "\"2003 sp2\""), ==, 7);
  g_assert_cmpuint (count_matches (model, "unified"), ==, 2);
  g_assert_cmpuint (count_matches (model, "nothing-like-this"), ==, 0);
  g_assert_cmpuint (count_matches (model, ""), ==, extopo_model_get_servers (model)->len);
}

static gboolean
is_2007 (const ExtopoServer *server)
{
  return server->version.product == EXTOPO_PRODUCT_EXCHANGE_2007;
}

static gboolean
is_2007_or_later (const ExtopoServer *server)
{
  return extopo_product_is_2007_or_later (server->version.product);
}

static gboolean
is_warning (const ExtopoServer *server)
{
  return server->status == EXTOPO_STATUS_WARNING;
}

static gboolean
is_warning_or_worse (const ExtopoServer *server)
{
  return server->status >= EXTOPO_STATUS_WARNING;
}

static gboolean
is_hub (const ExtopoServer *server)
{
  return (server->roles & EXTOPO_ROLE_HUB_TRANSPORT) != 0;
}

static void
test_search_fields (void)
{
  g_autoptr(ExtopoModel) model = load_sample ("coexistence.ldif");
  g_autoptr(ExtopoModel) real = load_sample ("real-directory.ldif");
  g_autoptr(ExtopoModel) mixed = load_sample ("mixed-mode.ldif");
  g_autofree char *old_2003 = matching_names (model, "version:2003 sp:<2");
  g_autofree char *exact = matching_names (model, "name:=sea-ex01");
  g_autofree char *edge = matching_names (model, "role:et");
  g_autofree char *site = matching_names (model, "site:zurich");
  g_autofree char *unsupported = matching_names (mixed, "status:unsupported");
  g_autofree char *rtm = matching_names (mixed, "sp:rtm");
  g_autofree char *error_hub = matching_names (real, "status:error role:hub");

  g_assert_cmpstr (old_2003, ==, "MÜNCHEN-EX1 SEA-EX03");
  g_assert_cmpstr (exact, ==, "SEA-EX01");
  g_assert_cmpuint (count_matches (model, "name:sea-ex0"), ==, 3);
  g_assert_cmpstr (edge, ==, "EX2007-EDGE1");
  /* The AD site only: the Zürich groups are not sites. */
  g_assert_cmpstr (site, ==, "EX2007-HUB2 EX2007-MBX2");
  g_assert_cmpstr (unsupported, ==, "LON-EX55");
  g_assert_cmpstr (rtm, ==, "FAB-EX02");
  g_assert_cmpstr (error_hub, ==, "NW-EDGE-HUB");

  /* Fields against what the model says. */
  g_assert_cmpuint (count_matches (model, "version:2007"), ==, test_util_count_servers (model, is_2007));
  g_assert_cmpuint (count_matches (model, "version:8"), ==, test_util_count_servers (model, is_2007));
  g_assert_cmpuint (count_matches (model, "version:8.1.240"), ==, test_util_count_servers (model, is_2007));
  g_assert_cmpuint (count_matches (real, "version:>=2007"), ==,
                    test_util_count_servers (real, is_2007_or_later));
  g_assert_cmpuint (count_matches (real, "version:>2007"), ==, 1);
  g_assert_cmpuint (count_matches (real, "version:<8"), ==, 5);
  g_assert_cmpuint (count_matches (model, "status:warning"), ==, test_util_count_servers (model, is_warning));
  g_assert_cmpuint (count_matches (model, "status:warn"), ==, test_util_count_servers (model, is_warning));
  g_assert_cmpuint (count_matches (real, "status:>=warning"), ==,
                    test_util_count_servers (real, is_warning_or_worse));
  g_assert_cmpuint (count_matches (model, "role:hub"), ==, test_util_count_servers (model, is_hub));
  g_assert_cmpuint (count_matches (model, "role:\"hub transport\""), ==,
                    test_util_count_servers (model, is_hub));
  g_assert_cmpuint (count_matches (model, "role:cas"), ==, 3);
  g_assert_cmpuint (count_matches (model, "role:=mb"), ==, 3);

  /* Numbers. */
  g_assert_cmpuint (count_matches (model, "sp:1"), ==, 9);
  g_assert_cmpuint (count_matches (model, "sp:sp3"), ==, 3);
  g_assert_cmpuint (count_matches (model, "sp:>=2 version:<2007"), ==, 10);
  g_assert_cmpuint (count_matches (model, "build:7638"), ==, 7);
  g_assert_cmpuint (count_matches (model, "build:>=7000 build:<7638"), ==, 2);
  g_assert_cmpuint (count_matches (model, "build:=7638.2"), ==, 7);
  g_assert_cmpuint (count_matches (model, "build:<=240"), ==, 7);
  g_assert_cmpuint (count_matches (model, "version:6.5"), ==, 9);
  g_assert_cmpuint (count_matches (model, "version:7226"), ==, 2);

  /* Groups by part or whole. */
  g_assert_cmpuint (count_matches (model, "group:zurich"), ==, 3);
  g_assert_cmpuint (count_matches (model, "rg:boston"), ==, 3);
  g_assert_cmpuint (count_matches (model, "ag:\"sales, east\""), ==, 2);
  g_assert_cmpuint (count_matches (model, "group:=seattle"), ==, 3);
  g_assert_cmpuint (count_matches (model, "product:2000"), ==, 3);
  g_assert_cmpuint (count_matches (model, "fqdn:contoso.com version:2007 role:mb"), ==, 3);

  /* A server whose version is unknown matches no version term. */
  g_assert_cmpuint (count_matches (mixed, "version:<2003"), ==, 2);
  g_assert_cmpuint (count_matches (mixed, "version:>=5.5"), ==, 4);
  g_assert_cmpuint (count_matches (mixed, "unknown"), ==, 1);
}

/* The index is built once per model. */
static void
test_search_index_cached (void)
{
  g_autoptr(ExtopoModel) model = load_sample ("mixed-mode.ldif");
  ExtopoSearchIndex *index = extopo_search_index_get_for_model (model);

  g_assert_nonnull (index);
  g_assert_true (extopo_search_index_get_for_model (model) == index);
  g_assert_cmpuint (extopo_search_index_get_n_servers (index), ==,
                    extopo_model_get_servers (model)->len);
}

typedef struct
{
  gboolean  done;
  gboolean  prepared;
  GError   *error;
} Prepared;

static void
prepared_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  Prepared *prepared = user_data;

  prepared->prepared = extopo_search_index_prepare_finish (EXTOPO_MODEL (object), result,
                                                           &prepared->error);
  prepared->done = TRUE;
}

static void
wait_prepared (Prepared *prepared)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!prepared->done && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (prepared->done);
}

/* Built ahead in a worker: kept with the model, and it answers as one built
 * on the spot; cancelled, it keeps nothing; a search that could not wait
 * keeps its own. */
static void
test_search_index_prepare (void)
{
  g_autoptr(ExtopoModel) model = load_sample ("coexistence.ldif");
  g_autoptr(ExtopoModel) other = load_sample ("coexistence.ldif");
  g_autoptr(ExtopoModel) cancelled_model = load_sample ("mixed-mode.ldif");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Prepared prepared = { FALSE, };
  Prepared cancelled = { FALSE, };
  Prepared late = { FALSE, };
  ExtopoSearchIndex *index;
  static const char * const queries[] = {
    "ex", "version:2003 sp:<2", "role:hub", "group:boston", "munchen", "status:>=warning",
  };

  g_assert_null (extopo_search_index_peek_for_model (model));
  extopo_search_index_prepare_async (model, NULL, prepared_cb, &prepared);
  g_assert_null (extopo_search_index_peek_for_model (model));
  wait_prepared (&prepared);
  g_assert_no_error (prepared.error);
  g_assert_true (prepared.prepared);
  index = extopo_search_index_peek_for_model (model);
  g_assert_nonnull (index);
  g_assert_true (extopo_search_index_get_for_model (model) == index);
  g_assert_cmpuint (extopo_search_index_get_n_servers (index), ==,
                    extopo_model_get_servers (model)->len);
  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autofree char *ahead = matching_names (model, queries[q]);
      g_autofree char *on_the_spot = matching_names (other, queries[q]);

      g_assert_cmpstr (ahead, ==, on_the_spot);
    }

  g_cancellable_cancel (cancellable);
  extopo_search_index_prepare_async (cancelled_model, cancellable, prepared_cb, &cancelled);
  wait_prepared (&cancelled);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (cancelled.prepared);
  g_assert_null (extopo_search_index_peek_for_model (cancelled_model));
  g_clear_error (&cancelled.error);

  /* @other built its index on the spot above: the worker's is dropped. */
  index = extopo_search_index_peek_for_model (other);
  extopo_search_index_prepare_async (other, NULL, prepared_cb, &late);
  wait_prepared (&late);
  g_assert_true (late.prepared);
  g_assert_true (extopo_search_index_peek_for_model (other) == index);
}

/* No query crashes or leaks, whatever it holds. */
static void
test_search_any_input (void)
{
  static const char * const queries[] = {
    "\"", ":", "::", "a:", "sp:<=", "sp:>", "version:=", "\xff\xfe:\xff", "name:\"",
    "sp:99999999999999999999", "build:1.2.3.4.5", "version:1.2.3.4.5", "status:",
    "name:=", "=", "<", "-", "\"\"", "version:>=2003 \"\" sp:=0", "x\x1f" "y",
  };
  g_autoptr(ExtopoModel) model = load_sample ("coexistence.ldif");
  ExtopoSearchIndex *index = extopo_search_index_get_for_model (model);
  GPtrArray *servers = extopo_model_get_servers (model);

  for (guint q = 0; q < G_N_ELEMENTS (queries) + 500; q++)
    {
      g_autofree char *random = NULL;
      g_autoptr(ExtopoSearch) search = NULL;
      g_autoptr(GError) error = NULL;
      const char *query;

      if (q < G_N_ELEMENTS (queries))
        query = queries[q];
      else
        {
          static const char alphabet[] = "sp:version<>=\" .0123456789abz\xc3\xbc\xff";
          guint length = g_test_rand_int_range (0, 24);

          random = g_malloc (length + 1);
          for (guint i = 0; i < length; i++)
            random[i] = alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)];
          random[length] = '\0';
          query = random;
        }

      search = extopo_search_new (query, &error);
      g_assert_true ((search == NULL) == (error != NULL));
      if (search == NULL)
        continue;
      for (guint i = 0; i < servers->len; i++)
        extopo_search_match_server (search, index, g_ptr_array_index (servers, i));
      extopo_search_match_text (search, "Zürich");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/search/fold", test_search_fold);
  g_test_add_func ("/search/parse-errors", test_search_parse_errors);
  g_test_add_func ("/search/terms", test_search_terms);
  g_test_add_func ("/search/free-words", test_search_free_words);
  g_test_add_func ("/search/fields", test_search_fields);
  g_test_add_func ("/search/index-cached", test_search_index_cached);
  g_test_add_func ("/search/index-prepare", test_search_index_prepare);
  g_test_add_func ("/search/any-input", test_search_any_input);

  return g_test_run ();
}
