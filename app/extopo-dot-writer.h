/* extopo-dot-writer.h: a laid-out diagram as Graphviz DOT text.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "extopo-renderer.h"

G_BEGIN_DECLS

/* Every group as a (nested) cluster, every server and collapsed group as a
 * node, every connector as an edge (one to an address-space node for an
 * SMTP, Send or X.400 connector that leaves the organization), with
 * ExTopo's colours and positions: `neato -n2` draws ExTopo's own picture,
 * plain `dot` lays out a readable one of its own. Written as text in one
 * pass, without Graphviz. The graph's label is @options' title, and the
 * source's name with options->show_source; @options may be NULL. */
char *extopo_dot_write (ExtopoGeometry             *geometry,
                        const ExtopoRenderOptions  *options,
                        GError                    **error);

G_END_DECLS
