/* extopo-json-writer.h: JSON text written as it goes, for reports of any size.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include <glib.h>

G_BEGIN_DECLS

/* A building JsonNode tree costs some twenty allocations per server and
 * holds the whole report twice (the tree and its text); this writes the
 * text directly, pretty-printed with two-space indents, and hands it to a
 * stream in pieces when it has one. The caller keeps the structure well
 * formed (a member name before each value inside an object). */
typedef struct _ExtopoJsonWriter ExtopoJsonWriter;

/* @stream NULL: everything stays in memory for extopo_json_writer_finish(). */
ExtopoJsonWriter *extopo_json_writer_new          (FILE             *stream);
void              extopo_json_writer_begin_object (ExtopoJsonWriter *writer);
void              extopo_json_writer_end_object   (ExtopoJsonWriter *writer);
void              extopo_json_writer_begin_array  (ExtopoJsonWriter *writer);
void              extopo_json_writer_end_array    (ExtopoJsonWriter *writer);
void              extopo_json_writer_member       (ExtopoJsonWriter *writer,
                                                   const char       *name);
/* NULL writes null. */
void              extopo_json_writer_string       (ExtopoJsonWriter *writer,
                                                   const char       *value);
void              extopo_json_writer_int          (ExtopoJsonWriter *writer,
                                                   gint64            value);
void              extopo_json_writer_bool         (ExtopoJsonWriter *writer,
                                                   gboolean          value);
void              extopo_json_writer_null         (ExtopoJsonWriter *writer);
/* Ends the text with a newline and frees @writer. Returns the text when
 * there was no stream; with one, NULL, and @ok tells whether every write
 * reached it. */
char             *extopo_json_writer_finish       (ExtopoJsonWriter *writer,
                                                   gboolean         *ok);

G_END_DECLS
