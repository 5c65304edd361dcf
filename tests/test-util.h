/* test-util.h: helpers the test suites share.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "extopo-model.h"

G_BEGIN_DECLS

/* Runs a program found in PATH with @argv (NULL-terminated, argv[0] the
 * program) and returns its standard output; the test fails if it cannot
 * run or exits non-zero. */
char *test_util_run      (const char *const *argv);
/* The text of a PDF as a reader finds it (pdftotext). */
char *test_util_pdf_text (const char        *path);

/* A synthetic organization from extopo-gen ($EXTOPO_GEN) of @servers
 * servers in @routing_groups routing groups, written as org.ldif in @dir;
 * returns the file's path. */
char *test_util_generate_org (const char *dir,
                              guint       servers,
                              guint       routing_groups);

/* An LDIF file laid out in @view, as the app does it. */
ExtopoGeometry *test_util_lay_out        (const char     *path,
                                          ExtopoView      view);
/* A sample of data/samples laid out in @view. */
ExtopoGeometry *test_util_lay_out_sample (const char *name,
                                          ExtopoView  view);

/* How many of @model's servers @predicate holds for. */
guint           test_util_count_servers  (ExtopoModel    *model,
                                          gboolean      (*predicate) (const ExtopoServer *server));

/* The HTML report of @geometry, as a string. */
char           *test_util_html_report    (ExtopoGeometry *geometry);

G_END_DECLS
