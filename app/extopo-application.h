/* extopo-application.h: the GtkApplication.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define EXTOPO_TYPE_APPLICATION (extopo_application_get_type ())
G_DECLARE_FINAL_TYPE (ExtopoApplication, extopo_application, EXTOPO, APPLICATION, GtkApplication)

ExtopoApplication *extopo_application_new (void);

G_END_DECLS
