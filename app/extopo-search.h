/* extopo-search.h: the query language of the search bar and the inventory.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "extopo-model.h"

G_BEGIN_DECLS

/* A query is a list of terms, all of which must match (AND), separated by
 * spaces; double quotes keep spaces inside a term ("first routing group").
 *
 *   munchen              a free word: a part of the name, FQDN, version,
 *                        build, service pack, roles (badge or full name),
 *                        administrative group, routing group or site
 *   name:ex01 fqdn:      a part of that field; `name:=EX01` the whole field
 *   ag: rg: group: site: product:
 *   role:hub role:mb     a part of a role's name or badge
 *   version:2003         a product (5.5, 2000, 2003, 2007, 2010, 2013, 2016,
 *                        2019, se), a major version (8) or a version prefix
 *                        (6.5, 8.1.240); `version:>=2007`, `version:<8.1`
 *   sp:2 sp:<2 sp:rtm    the service pack, with < > <= >= =
 *   build:7638 build:>=7000 build:=7638.2
 *   status:error         ok, warning, error, unsupported (a prefix is enough);
 *                        `status:>=warning`
 *
 * Text is compared case- and accent-insensitively: "munchen" finds
 * "MÜNCHEN". Groups and connectors, which have only a name, match a query
 * of free words alone. */

#define EXTOPO_SEARCH_ERROR (extopo_search_error_quark ())

typedef enum
{
  EXTOPO_SEARCH_ERROR_UNKNOWN_FIELD,    /* "foo:bar" */
  EXTOPO_SEARCH_ERROR_INVALID_COMPARISON, /* "name:<x", "sp:<two" */
  EXTOPO_SEARCH_ERROR_INVALID_VALUE,    /* "sp:", "status:fine" */
} ExtopoSearchError;

GQuark extopo_search_error_quark (void);

typedef struct _ExtopoSearch      ExtopoSearch;
typedef struct _ExtopoSearchIndex ExtopoSearchIndex;

/* Parses @query; NULL with a translated message the UI can show when a
 * term does not parse. An empty query (or only spaces) matches everything. */
ExtopoSearch      *extopo_search_new               (const char         *query,
                                                    GError            **error);
void               extopo_search_free              (ExtopoSearch       *self);
guint              extopo_search_get_n_terms       (ExtopoSearch       *self);
/* TRUE when every term is a free word: what groups and connectors can match. */
gboolean           extopo_search_is_text_only      (ExtopoSearch       *self);
/* Matches a server through @index, which must have been built for the
 * server's model. */
gboolean           extopo_search_match_server      (ExtopoSearch       *self,
                                                    ExtopoSearchIndex  *index,
                                                    const ExtopoServer *server);
/* Matches a name: a text-only query whose every word @text holds. */
gboolean           extopo_search_match_text        (ExtopoSearch       *self,
                                                    const char         *text);

/* The folded text of every server of a model, built once: case and accents
 * dropped ("MÜNCHEN" becomes "munchen"). Reads the servers' names, groups,
 * versions and roles, not their findings. */
ExtopoSearchIndex *extopo_search_index_new         (ExtopoModel        *model);
void               extopo_search_index_free        (ExtopoSearchIndex  *self);
/* The index kept with @model, built on the first call. Call it from one
 * thread (the main one). */
ExtopoSearchIndex *extopo_search_index_get_for_model (ExtopoModel      *model);
/* The index kept with @model, or NULL when none was built yet. */
ExtopoSearchIndex *extopo_search_index_peek_for_model (ExtopoModel     *model);
/* Builds the index of @model in a worker thread, so that the first search
 * does not wait for it; _finish() (on the main thread, as every call above)
 * keeps it with the model unless one was built meanwhile, and returns FALSE
 * with G_IO_ERROR_CANCELLED when @cancellable fired first. The worker reads
 * the servers' names, groups, versions and roles, never their findings. */
void               extopo_search_index_prepare_async  (ExtopoModel         *model,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean           extopo_search_index_prepare_finish (ExtopoModel         *model,
                                                       GAsyncResult        *result,
                                                       GError             **error);
guint              extopo_search_index_get_n_servers (ExtopoSearchIndex *self);

/* @text in lower case without accents, as queries and the index compare it:
 * "Zürich" gives "zurich", "Straße" "strasse". Invalid UTF-8 is repaired
 * first; NULL gives NULL. */
char              *extopo_search_fold              (const char         *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExtopoSearch, extopo_search_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExtopoSearchIndex, extopo_search_index_free)

G_END_DECLS
