/* extopo-svg-writer.h: a scene as SVG with real text.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include "extopo-scene.h"

G_BEGIN_DECLS

/* SVG 1.1 written from the scene: <text> with its font, one <g> per model
 * object with an id, classes, data-* attributes and a <title> tooltip, the
 * legend and the title block as text. FALSE when a write to @stream failed. */
gboolean extopo_svg_write           (ExtopoScene *scene,
                                     FILE        *stream);
char    *extopo_svg_write_to_string (ExtopoScene *scene);
/* The <svg> element alone, without the XML declaration, to sit inside an
 * HTML document. */
gboolean extopo_svg_write_element   (ExtopoScene *scene,
                                     FILE        *stream);

/* Text for XML or HTML character data and attribute values: the five
 * specials as references, tab and line breaks as character references,
 * other control characters (which XML 1.0 forbids) as U+FFFD. */
void     extopo_markup_append_escaped (GString    *out,
                                       const char *text);

G_END_DECLS
