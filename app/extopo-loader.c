/* extopo-loader.c: source to annotated model in one step, sync or in a worker.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-loader"

#include "config.h"

#include <stdlib.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <glib/gstdio.h>

#include "extopo-anonymize.h"
#include "extopo-findings.h"
#include "extopo-ldif-reader.h"
#include "extopo-ldif-writer.h"
#include "extopo-loader.h"
#include "extopo-schema.h"

#define EXTOPO_DEFAULT_SAMPLE "coexistence.ldif"

ExtopoModel *
extopo_loader_load_entries_full (GPtrArray        *entries,
                                 const char       *source_name,
                                 ExtopoLoadFlags   flags,
                                 GError          **error)
{
  ExtopoModel *model;

  g_return_val_if_fail (entries != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  model = extopo_model_new_from_entries (entries, source_name, error);
  if (model == NULL)
    return NULL;

  if ((flags & EXTOPO_LOAD_ANONYMIZE) != 0)
    extopo_model_anonymize (model);
  extopo_findings_evaluate (model);
  return model;
}

ExtopoModel *
extopo_loader_load_entries (GPtrArray   *entries,
                            const char  *source_name,
                            GError     **error)
{
  return extopo_loader_load_entries_full (entries, source_name, EXTOPO_LOAD_DEFAULT, error);
}

ExtopoModel *
extopo_loader_load_file (const char    *path,
                         GCancellable  *cancellable,
                         GError       **error)
{
  return extopo_loader_load_file_full (path, EXTOPO_LOAD_DEFAULT, cancellable, error);
}

/* The fetch time a snapshot's header names; for any other export, the
 * file's modification time, the best guess of when it was made. */
static GDateTime *
snapshot_date_of_file (const char *path)
{
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (path, FALSE, NULL);
  GDateTime *date = NULL;
  GStatBuf info;

  if (mapped != NULL)
    date = extopo_ldif_read_snapshot_time (g_mapped_file_get_contents (mapped),
                                           g_mapped_file_get_length (mapped));
  if (date == NULL && g_stat (path, &info) == 0)
    date = g_date_time_new_from_unix_utc (info.st_mtime);

  return date;
}

ExtopoModel *
extopo_loader_load_file_full (const char       *path,
                              ExtopoLoadFlags   flags,
                              GCancellable     *cancellable,
                              GError          **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *source_name = NULL;
  g_autoptr(GDateTime) date = NULL;
  ExtopoModel *model;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Only what the model reads: most of an export is other objects and
   * attributes, and copying them doubled the peak memory. */
  entries = extopo_ldif_read_file_filtered (path, extopo_schema_get_entry_filter (),
                                            cancellable, error);
  if (entries == NULL)
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* The path as given: the model's errors and titles name it. */
  source_name = g_filename_display_name (path);
  model = extopo_model_new_from_entries (entries, source_name, error);
  if (model == NULL)
    return NULL;

  date = snapshot_date_of_file (path);
  extopo_model_set_snapshot_date (model, date);

  /* The model copied what it needs: the entries go before the findings. */
  g_clear_pointer (&entries, g_ptr_array_unref);
  if ((flags & EXTOPO_LOAD_ANONYMIZE) != 0)
    extopo_model_anonymize (model);
  extopo_findings_evaluate (model);

#ifdef __GLIBC__
  /* The reader's and the model's threads freed into malloc arenas of their
   * own, which the layout and the renderer (on another thread) would not
   * reuse: hand that memory back rather than add to it. */
  malloc_trim (0);
#endif

  return model;
}

/* A file read ahead as the program starts, before the window asks for it:
 * GTK, the session bus and the window take about a third of a second, in
 * which the other core can read. Taken once, by the first load of the same
 * file; dropped at the end otherwise. */
static struct
{
  GMutex       mutex;
  GCond        cond;
  char        *path;      /* canonical */
  GThread     *thread;    /* NULL once taken or dropped */
  gboolean     done;
  ExtopoModel *model;
  GError      *error;
} preload;

static gpointer
preload_thread (gpointer data)
{
  const char *path = data;
  GError *error = NULL;
  ExtopoModel *model = extopo_loader_load_file (path, NULL, &error);

  g_mutex_lock (&preload.mutex);
  preload.model = model;
  preload.error = error;
  preload.done = TRUE;
  g_cond_broadcast (&preload.cond);
  g_mutex_unlock (&preload.mutex);

  return NULL;
}

void
extopo_loader_preload_file (const char *path)
{
  g_return_if_fail (path != NULL);

  g_mutex_lock (&preload.mutex);
  if (preload.path == NULL)
    {
      preload.path = g_canonicalize_filename (path, NULL);
      preload.thread = g_thread_new ("extopo-preload", preload_thread, preload.path);
    }
  g_mutex_unlock (&preload.mutex);
}

/* Waits for the preload and takes its result when it read @path. */
static gboolean
take_preload (const char   *path,
              ExtopoModel **model,
              GError      **error)
{
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  GThread *thread = NULL;

  g_mutex_lock (&preload.mutex);
  if (preload.thread != NULL && g_str_equal (canonical, preload.path))
    {
      while (!preload.done)
        g_cond_wait (&preload.cond, &preload.mutex);
      *model = g_steal_pointer (&preload.model);
      if (preload.error != NULL)
        g_propagate_error (error, g_steal_pointer (&preload.error));
      thread = g_steal_pointer (&preload.thread);
    }
  g_mutex_unlock (&preload.mutex);

  if (thread == NULL)
    return FALSE;
  g_thread_join (thread);
  g_debug ("%s: read ahead as the program started", canonical);

  return TRUE;
}

void
extopo_loader_preload_drop (void)
{
  GThread *thread;

  g_mutex_lock (&preload.mutex);
  thread = g_steal_pointer (&preload.thread);
  g_mutex_unlock (&preload.mutex);
  if (thread == NULL)
    return;
  g_thread_join (thread);
  g_clear_object (&preload.model);
  g_clear_error (&preload.error);
}

static void
load_file_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  const char *path = task_data;
  GError *error = NULL;
  ExtopoModel *model = NULL;

  if (!take_preload (path, &model, &error))
    model = extopo_loader_load_file (path, cancellable, &error);
  if (model == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, model, g_object_unref);
}

void
extopo_loader_load_file_async (const char          *path,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, EXTOPO_TASK_TAG (extopo_loader_load_file_async));
  g_task_set_name (task, "[extopo] load file");
  g_task_set_task_data (task, g_strdup (path), g_free);
  /* A cancelled load reports cancellation even when the worker finished. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_check_cancellable (task, TRUE);
  g_task_run_in_thread (task, load_file_worker);
}

ExtopoModel *
extopo_loader_load_file_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        EXTOPO_TASK_TAG (extopo_loader_load_file_async),
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static char *
sample_in (const char *directory)
{
  char *path;

  if (directory == NULL || *directory == '\0')
    return NULL;

  path = g_build_filename (directory, EXTOPO_DEFAULT_SAMPLE, NULL);
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return path;

  g_free (path);
  return NULL;
}

/* EXTOPO_SAMPLES_DIR (tests, relocated installs), then the installed
 * samples, then the source tree's when running uninstalled. The last is
 * returned even when missing, so the caller's error names a real path. */
char *
extopo_loader_get_default_sample (void)
{
  char *path;

  if ((path = sample_in (g_getenv ("EXTOPO_SAMPLES_DIR"))) != NULL)
    return path;
  if ((path = sample_in (SAMPLESDIR)) != NULL)
    return path;

  return g_build_filename (SOURCE_SAMPLESDIR, EXTOPO_DEFAULT_SAMPLE, NULL);
}
