/* extopo-png-writer.h: a page as a PNG image, drawn a strip at a time.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include "extopo-renderer.h"

G_BEGIN_DECLS

/* Rows drawn at once: the image's memory is a strip's, not the picture's. */
#define EXTOPO_PNG_STRIP_ROWS 256

/* Writes @geometry's page, as extopo_renderer_draw_page() draws it with
 * @options, at @scale pixels per point into a @width x @height RGB PNG on
 * @stream, @strip_rows rows at a time (0: EXTOPO_PNG_STRIP_ROWS). FALSE with
 * @error set when drawing or encoding failed, or with @error unset and the
 * cause in errno when writing to @stream failed. */
gboolean extopo_png_write (FILE                       *stream,
                           ExtopoGeometry             *geometry,
                           const ExtopoRenderOptions  *options,
                           double                      scale,
                           int                         width,
                           int                         height,
                           int                         strip_rows,
                           GError                    **error);

G_END_DECLS
