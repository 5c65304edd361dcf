/* extopo-history.c: an organization's progress over a folder of snapshots.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-history"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "extopo-history.h"
#include "extopo-loader.h"

G_DEFINE_QUARK (extopo-history-error-quark, extopo_history_error)

static void
series_free (gpointer data)
{
  ExtopoHistorySeries *series = data;

  g_free (series->key);
  g_free (series->label);
  g_free (series->short_label);
  g_free (series);
}

static void
point_clear (gpointer data)
{
  ExtopoHistoryPoint *point = data;

  g_clear_pointer (&point->file, g_free);
  g_clear_pointer (&point->date, g_date_time_unref);
  g_clear_pointer (&point->counts, g_free);
}

void
extopo_history_free (ExtopoHistory *history)
{
  if (history == NULL)
    return;

  g_free (history->folder);
  g_array_unref (history->points);
  g_ptr_array_unref (history->series);
  g_ptr_array_unref (history->skipped);
  g_free (history);
}

/* The series a server of @version belongs to: its release and level, the
 * build left out (a build that is no known cumulative update counts as
 * the bare release). */
static ExtopoHistorySeries *
series_new_for_version (const ExtopoVersion *version)
{
  ExtopoHistorySeries *series = g_new0 (ExtopoHistorySeries, 1);
  ExtopoVersion plain = *version;
  g_autofree char *short_name = NULL;
  gboolean cumulative;

  series->level = -1;
  if (!version->known)
    {
      series->product = EXTOPO_PRODUCT_UNKNOWN;
      series->key = g_strdup ("Unknown");
      series->label = g_strdup (_("Unknown version"));
      /* Translators: a table column of servers whose version is unknown. */
      series->short_label = g_strdup (_("unknown"));
      return series;
    }

  series->product = version->product;
  series->major = version->major;
  series->minor = version->minor;
  plain.build = 0;
  plain.revision = 0;
  series->label = extopo_version_get_display_name (&plain);
  series->short_label = extopo_version_get_badge (&plain);
  if (version->product == EXTOPO_PRODUCT_UNKNOWN || version->product == EXTOPO_PRODUCT_LATER)
    {
      series->key = g_strdup_printf ("Exchange %u.%u", version->major, version->minor);
      return series;
    }

  /* Without a level the badge is the release's short name alone, which
   * no translation touches: "2003", "5.5", "SE". */
  cumulative = extopo_product_has_cumulative_updates (version->product);
  series->level = cumulative ? version->cumulative_update : version->service_pack;
  plain.service_pack = -1;
  plain.cumulative_update = -1;
  short_name = extopo_version_get_badge (&plain);
  if (series->level < 0)
    series->key = g_strdup_printf ("Exchange %s", short_name);
  else if (series->level == 0)
    series->key = g_strdup_printf ("Exchange %s RTM", short_name);
  else
    series->key = g_strdup_printf ("Exchange %s %s%d", short_name, cumulative ? "CU" : "SP",
                                   series->level);

  return series;
}

static int
compare_numbers (int a,
                 int b)
{
  return a < b ? -1 : a > b ? 1 : 0;
}

/* Oldest release first, an unknown version last. */
static int
compare_series (gconstpointer a,
                gconstpointer b)
{
  const ExtopoHistorySeries *x = *(ExtopoHistorySeries * const *) a;
  const ExtopoHistorySeries *y = *(ExtopoHistorySeries * const *) b;
  gboolean x_unknown = x->product == EXTOPO_PRODUCT_UNKNOWN && x->major == 0;
  gboolean y_unknown = y->product == EXTOPO_PRODUCT_UNKNOWN && y->major == 0;
  int result;

  if (x_unknown != y_unknown)
    return x_unknown ? 1 : -1;
  if ((result = compare_numbers (x->major, y->major)) != 0 ||
      (result = compare_numbers (x->minor, y->minor)) != 0 ||
      (result = compare_numbers (x->product, y->product)) != 0 ||
      (result = compare_numbers (x->level, y->level)) != 0)
    return result;

  return strcmp (x->key, y->key);
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const ExtopoHistoryPoint *x = a;
  const ExtopoHistoryPoint *y = b;
  int result = g_date_time_compare (x->date, y->date);

  return result != 0 ? result : g_utf8_collate (x->file, y->file);
}

/* While loading: the series by key, in the order they were met, and each
 * point's counts in that order. */
typedef struct
{
  ExtopoHistory *history;
  GHashTable    *by_key;    /* key -> index into history->series */
  GArray        *lengths;   /* guint: how many counts each point has */
} Loader;

static guint
loader_series_index (Loader              *loader,
                     const ExtopoVersion *version)
{
  ExtopoHistorySeries *series = series_new_for_version (version);
  gpointer index;

  if (g_hash_table_lookup_extended (loader->by_key, series->key, NULL, &index))
    {
      series_free (series);
      return GPOINTER_TO_UINT (index);
    }
  g_ptr_array_add (loader->history->series, series);
  g_hash_table_insert (loader->by_key, series->key,
                       GUINT_TO_POINTER (loader->history->series->len - 1));

  return loader->history->series->len - 1;
}

/* The point of one loaded snapshot; its counts in the order series were
 * met so far (the array is as long as that). */
static void
loader_measure (Loader             *loader,
                ExtopoModel        *model,
                ExtopoHistoryPoint *point)
{
  GPtrArray *servers = extopo_model_get_servers (model);
  ExtopoReadiness readiness = { 0, };
  g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (guint));

  for (guint i = 0; i < servers->len; i++)
    {
      ExtopoServer *server = g_ptr_array_index (servers, i);
      guint index = loader_series_index (loader, &server->version);

      if (index >= counts->len)
        g_array_set_size (counts, index + 1);
      g_array_index (counts, guint, index)++;
    }
  g_array_set_size (counts, loader->history->series->len);
  g_array_append_val (loader->lengths, counts->len);
  point->n_servers = servers->len;
  point->counts = (guint *) (void *) g_array_steal (counts, NULL);

  extopo_readiness_compute (model, &readiness);
  point->readiness = readiness.state;
  point->n_errors = readiness.n_errors;
  point->n_warnings = readiness.n_warnings;
  extopo_readiness_clear (&readiness);
}

/* The loader's message names the file (and line) already when it starts
 * with the path or the file's name; others get the file's name in front. */
static char *
skipped_message (const char   *path,
                 const char   *file,
                 const GError *error)
{
  if (g_str_has_prefix (error->message, path) || g_str_has_prefix (error->message, file))
    return g_strdup (error->message);

  return g_strdup_printf ("%s: %s", file, error->message);
}

/* Sorts the series and gives every point a count for each, in that order. */
static void
loader_finish (Loader *loader)
{
  ExtopoHistory *history = loader->history;
  guint n = history->series->len;
  g_autofree guint *met_index = g_new0 (guint, n + 1);

  g_ptr_array_sort (history->series, compare_series);
  for (guint i = 0; i < n; i++)
    {
      ExtopoHistorySeries *series = g_ptr_array_index (history->series, i);

      met_index[i] = GPOINTER_TO_UINT (g_hash_table_lookup (loader->by_key, series->key));
    }
  for (guint p = 0; p < history->points->len; p++)
    {
      ExtopoHistoryPoint *point = &g_array_index (history->points, ExtopoHistoryPoint, p);
      guint had = g_array_index (loader->lengths, guint, p);
      guint *counts = g_new0 (guint, n + 1);

      /* A series met after this point's load has none of its servers. */
      for (guint i = 0; i < n; i++)
        counts[i] = met_index[i] < had ? point->counts[met_index[i]] : 0;
      g_free (point->counts);
      point->counts = counts;
    }

  g_array_sort (history->points, compare_points);
}

ExtopoHistory *
extopo_history_load (const char    *folder,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(ExtopoHistory) history = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *display_folder = NULL;
  Loader loader;
  const char *name;

  g_return_val_if_fail (folder != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_dir_open (folder, 0, error);
  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (name, -1);
      g_autofree char *path = NULL;

      if (!g_str_has_suffix (lower, ".ldif"))
        continue;
      path = g_build_filename (folder, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (names, g_strdup (name));
    }
  g_ptr_array_sort (names, (GCompareFunc) (void (*)(void))g_strcmp0);

  display_folder = g_filename_display_name (folder);
  if (names->len == 0)
    {
      g_set_error (error, EXTOPO_HISTORY_ERROR, EXTOPO_HISTORY_ERROR_NO_SNAPSHOTS,
                   /* Translators: %s is a folder. */
                   _("%s: no snapshots: the folder holds no .ldif file"), display_folder);
      return NULL;
    }

  history = g_new0 (ExtopoHistory, 1);
  history->folder = g_strdup (display_folder);
  history->points = g_array_new (FALSE, TRUE, sizeof (ExtopoHistoryPoint));
  g_array_set_clear_func (history->points, point_clear);
  history->series = g_ptr_array_new_with_free_func (series_free);
  history->skipped = g_ptr_array_new_with_free_func (g_free);
  loader.history = history;
  loader.by_key = by_key;
  loader.lengths = lengths;

  /* One model at a time: measured, then dropped. */
  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (folder, file, NULL);
      g_autofree char *display_file = g_filename_display_name (file);
      g_autofree char *display_path = g_filename_display_name (path);
      g_autoptr(GError) load_error = NULL;
      g_autoptr(ExtopoModel) model = NULL;
      ExtopoHistoryPoint point = { 0, };
      GDateTime *date;

      model = extopo_loader_load_file (path, cancellable, &load_error);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (model == NULL)
        {
          g_ptr_array_add (history->skipped,
                           skipped_message (display_path, display_file, load_error));
          continue;
        }
      date = extopo_model_get_snapshot_date (model);
      if (date == NULL)
        {
          g_ptr_array_add (history->skipped,
                           /* Translators: %s is a file; a snapshot has a date in its
                            * header or the file's modification time. */
                           g_strdup_printf (_("%s: the snapshot has no date"), display_file));
          continue;
        }
      point.file = g_steal_pointer (&display_file);
      point.date = g_date_time_ref (date);
      loader_measure (&loader, model, &point);
      g_array_append_val (history->points, point);
    }

  if (history->points->len == 0)
    {
      g_set_error (error, EXTOPO_HISTORY_ERROR, EXTOPO_HISTORY_ERROR_NONE_USABLE,
                   /* Translators: %s is a folder, then the first file's error. */
                   _("%s: no snapshot could be read; %s"), display_folder,
                   (const char *) g_ptr_array_index (history->skipped, 0));
      return NULL;
    }

  loader_finish (&loader);

  return g_steal_pointer (&history);
}

guint
extopo_history_get_max_servers (const ExtopoHistory *history)
{
  guint most = 0;

  g_return_val_if_fail (history != NULL, 0);

  for (guint i = 0; i < history->points->len; i++)
    most = MAX (most, g_array_index (history->points, ExtopoHistoryPoint, i).n_servers);

  return most;
}

guint
extopo_history_get_max_findings (const ExtopoHistory *history)
{
  guint most = 0;

  g_return_val_if_fail (history != NULL, 0);

  for (guint i = 0; i < history->points->len; i++)
    {
      const ExtopoHistoryPoint *point = &g_array_index (history->points, ExtopoHistoryPoint, i);

      most = MAX (most, MAX (point->n_errors, point->n_warnings));
    }

  return most;
}

guint
extopo_history_point_get_count (const ExtopoHistory      *history,
                                const ExtopoHistoryPoint *point,
                                const char               *series_key)
{
  g_return_val_if_fail (history != NULL, 0);
  g_return_val_if_fail (point != NULL, 0);
  g_return_val_if_fail (series_key != NULL, 0);

  for (guint i = 0; i < history->series->len; i++)
    if (strcmp (((ExtopoHistorySeries *) g_ptr_array_index (history->series, i))->key,
                series_key) == 0)
      return point->counts[i];

  return 0;
}
