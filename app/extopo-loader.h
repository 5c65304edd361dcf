/* extopo-loader.h: source to annotated model in one step, sync or in a worker.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "extopo-model.h"

G_BEGIN_DECLS

typedef enum
{
  EXTOPO_LOAD_DEFAULT   = 0,
  /* Pseudonyms for every customer name, before the findings are written
   * (see extopo_model_anonymize()). */
  EXTOPO_LOAD_ANONYMIZE = 1 << 0,
} ExtopoLoadFlags;

/* Reads an LDIF file, builds the model and evaluates the findings. */
ExtopoModel *extopo_loader_load_file         (const char           *path,
                                              GCancellable         *cancellable,
                                              GError              **error);
void         extopo_loader_load_file_async   (const char           *path,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
ExtopoModel *extopo_loader_load_file_finish  (GAsyncResult         *result,
                                              GError              **error);
/* Starts reading @path in a thread of its own at once; the first
 * extopo_loader_load_file_async() of the same file (by its canonical path)
 * takes the result instead of reading again. Once per process. */
void         extopo_loader_preload_file      (const char           *path);
/* Waits for a preload nobody took and frees it. */
void         extopo_loader_preload_drop      (void);
ExtopoModel *extopo_loader_load_file_full    (const char           *path,
                                              ExtopoLoadFlags       flags,
                                              GCancellable         *cancellable,
                                              GError              **error);
/* Builds and annotates a model from entries (any source). */
ExtopoModel *extopo_loader_load_entries      (GPtrArray            *entries,
                                              const char           *source_name,
                                              GError              **error);
ExtopoModel *extopo_loader_load_entries_full (GPtrArray            *entries,
                                              const char           *source_name,
                                              ExtopoLoadFlags       flags,
                                              GError              **error);
/* The bundled sample opened when no file is given: the installed copy, or
 * the source tree's when running uninstalled. */
char        *extopo_loader_get_default_sample (void);

G_END_DECLS
