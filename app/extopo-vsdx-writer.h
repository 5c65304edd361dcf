/* extopo-vsdx-writer.h: the diagram as a Visio drawing (.vsdx).
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "extopo-scene.h"

G_BEGIN_DECLS

/* A Visio 2013+ drawing (the Open Packaging Conventions package that Visio
 * and LibreOffice Draw open): one page per scene, a shape per group, server
 * and connector with its text and, as shape data, what the scene knows of
 * it (product, version, roles, status, findings); connectors glued to the
 * groups they join. @names names the pages. Returns the package's bytes. */
GBytes *extopo_vsdx_write (ExtopoScene *const *scenes,
                           const char  *const *names,
                           guint               n_scenes,
                           GError            **error);

G_END_DECLS
