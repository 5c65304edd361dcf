/* extopo-layout.h: the model laid out by Graphviz, read back as plain geometry.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "extopo-geometry.h"

G_BEGIN_DECLS

#define EXTOPO_LAYOUT_ERROR (extopo_layout_error_quark ())

typedef enum
{
  EXTOPO_LAYOUT_ERROR_FAILED,
  EXTOPO_LAYOUT_ERROR_CANCELLED,
} ExtopoLayoutError;

GQuark extopo_layout_error_quark (void);

/* A server of an older snapshot drawn where it was (a comparison's
 * removed server): in the newer model's group with that DN, after the
 * group's own servers. */
typedef struct
{
  ExtopoModel  *model;              /* the older snapshot, owned */
  ExtopoServer *server;             /* of @model */
  char         *routing_group_dn;   /* its group in the routing view, or NULL */
  char         *admin_group_dn;     /* in the administrative view, or NULL */
} ExtopoLayoutGhost;

ExtopoLayoutGhost *extopo_layout_ghost_new  (ExtopoModel       *model,
                                             ExtopoServer      *server,
                                             const char        *routing_group_dn,
                                             const char        *admin_group_dn);
void               extopo_layout_ghost_free (ExtopoLayoutGhost *ghost);

typedef struct
{
  ExtopoView  view;
  /* Normalized DNs (char*) of the groups drawn collapsed; may be NULL. */
  GHashTable *collapsed;
  /* ExtopoLayoutGhost*, read-only once made, or NULL; the geometry keeps
   * a reference to the array (so to the older model). */
  GPtrArray  *ghosts;
  /* Width : height of the window or page the drawing is for; 0 for a
   * landscape page (EXTOPO_LAYOUT_DEFAULT_ASPECT). */
  double      aspect;
} ExtopoLayoutOptions;

#define EXTOPO_LAYOUT_DEFAULT_ASPECT 1.4

/* Graphviz is not thread-safe: every call runs under one process-wide lock,
 * so this may be called from any thread, one layout at a time. */
ExtopoGeometry *extopo_layout_compute        (ExtopoModel                *model,
                                              const ExtopoLayoutOptions  *options,
                                              GCancellable               *cancellable,
                                              GError                    **error);
void            extopo_layout_compute_async  (ExtopoModel                *model,
                                              const ExtopoLayoutOptions  *options,
                                              GCancellable               *cancellable,
                                              GAsyncReadyCallback         callback,
                                              gpointer                    user_data);
ExtopoGeometry *extopo_layout_compute_finish (GAsyncResult               *result,
                                              GError                    **error);
/* A copy of a collapsed set (normalized group DNs), for a worker to read
 * while the window changes its own; @collapsed may be NULL. */
GHashTable     *extopo_layout_collapsed_copy  (GHashTable                *collapsed);

G_END_DECLS
