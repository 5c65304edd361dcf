/* extopo-json-writer.c: JSON text written as it goes, for reports of any size.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-json-writer"

#include "config.h"

#include <string.h>

#include "extopo-json-writer.h"

/* Handed to the stream once the buffer holds this much. */
#define FLUSH_SIZE (1 << 20)
#define INDENT     2

struct _ExtopoJsonWriter
{
  GString  *out;
  FILE     *stream;
  gboolean  failed;
  guint     depth;
  /* Nothing written yet in the innermost object or array. */
  gboolean  empty;
  /* A member name was just written: the value follows on its line. */
  gboolean  after_name;
};

ExtopoJsonWriter *
extopo_json_writer_new (FILE *stream)
{
  ExtopoJsonWriter *writer = g_new0 (ExtopoJsonWriter, 1);

  writer->out = g_string_sized_new (stream != NULL ? FLUSH_SIZE + 4096 : 4096);
  writer->stream = stream;
  writer->empty = TRUE;

  return writer;
}

static void
flush (ExtopoJsonWriter *writer)
{
  if (writer->stream == NULL || writer->out->len == 0)
    return;
  if (!writer->failed &&
      fwrite (writer->out->str, 1, writer->out->len, writer->stream) != writer->out->len)
    writer->failed = TRUE;
  g_string_truncate (writer->out, 0);
}

static void
new_line (ExtopoJsonWriter *writer)
{
  g_string_append_c (writer->out, '\n');
  for (guint i = 0; i < writer->depth * INDENT; i++)
    g_string_append_c (writer->out, ' ');
}

/* Where a value or a member name starts: after a comma and on a line of
 * its own, unless it is the value of a member. */
static void
begin_item (ExtopoJsonWriter *writer)
{
  if (writer->after_name)
    {
      writer->after_name = FALSE;
      return;
    }
  if (writer->depth > 0)
    {
      if (!writer->empty)
        g_string_append_c (writer->out, ',');
      new_line (writer);
    }
  writer->empty = FALSE;
}

static void
open_container (ExtopoJsonWriter *writer,
                char              bracket)
{
  begin_item (writer);
  g_string_append_c (writer->out, bracket);
  writer->depth++;
  writer->empty = TRUE;
}

static void
close_container (ExtopoJsonWriter *writer,
                 char              bracket)
{
  g_return_if_fail (writer->depth > 0);

  writer->depth--;
  if (!writer->empty)
    new_line (writer);
  g_string_append_c (writer->out, bracket);
  writer->empty = FALSE;
  if (writer->out->len >= FLUSH_SIZE)
    flush (writer);
}

void
extopo_json_writer_begin_object (ExtopoJsonWriter *writer)
{
  open_container (writer, '{');
}

void
extopo_json_writer_end_object (ExtopoJsonWriter *writer)
{
  close_container (writer, '}');
}

void
extopo_json_writer_begin_array (ExtopoJsonWriter *writer)
{
  open_container (writer, '[');
}

void
extopo_json_writer_end_array (ExtopoJsonWriter *writer)
{
  close_container (writer, ']');
}

/* RFC 8259: quotes, backslashes and control characters escaped; U+2028
 * and U+2029 too, so that the text can sit inside a <script>. */
static void
append_quoted (GString    *out,
               const char *text)
{
  const char *run = text;
  const char *p;

  g_string_append_c (out, '"');
  for (p = text; *p != '\0'; p++)
    {
      guchar c = *p;
      const char *escape = NULL;
      char unicode[8];

      if (c == '"')
        escape = "\\\"";
      else if (c == '\\')
        escape = "\\\\";
      else if (c == '\n')
        escape = "\\n";
      else if (c == '\r')
        escape = "\\r";
      else if (c == '\t')
        escape = "\\t";
      else if (c < 0x20 || c == 0x7f)
        {
          g_snprintf (unicode, sizeof unicode, "\\u%04x", c);
          escape = unicode;
        }
      else if (c == 0xe2 && (guchar) p[1] == 0x80 &&
               ((guchar) p[2] == 0xa8 || (guchar) p[2] == 0xa9))
        {
          escape = (guchar) p[2] == 0xa8 ? "\\u2028" : "\\u2029";
          g_string_append_len (out, run, p - run);
          g_string_append (out, escape);
          p += 2;
          run = p + 1;
          continue;
        }

      if (escape != NULL)
        {
          g_string_append_len (out, run, p - run);
          g_string_append (out, escape);
          run = p + 1;
        }
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

void
extopo_json_writer_member (ExtopoJsonWriter *writer,
                           const char       *name)
{
  begin_item (writer);
  append_quoted (writer->out, name);
  g_string_append (writer->out, " : ");
  writer->after_name = TRUE;
}

void
extopo_json_writer_string (ExtopoJsonWriter *writer,
                           const char       *value)
{
  if (value == NULL)
    {
      extopo_json_writer_null (writer);
      return;
    }
  begin_item (writer);
  append_quoted (writer->out, value);
}

void
extopo_json_writer_int (ExtopoJsonWriter *writer,
                        gint64            value)
{
  begin_item (writer);
  g_string_append_printf (writer->out, "%" G_GINT64_FORMAT, value);
}

void
extopo_json_writer_bool (ExtopoJsonWriter *writer,
                         gboolean          value)
{
  begin_item (writer);
  g_string_append (writer->out, value ? "true" : "false");
}

void
extopo_json_writer_null (ExtopoJsonWriter *writer)
{
  begin_item (writer);
  g_string_append (writer->out, "null");
}

char *
extopo_json_writer_finish (ExtopoJsonWriter *writer,
                           gboolean         *ok)
{
  char *text = NULL;

  g_warn_if_fail (writer->depth == 0);

  g_string_append_c (writer->out, '\n');
  if (writer->stream != NULL)
    {
      flush (writer);
      g_string_free (writer->out, TRUE);
    }
  else
    {
      text = g_string_free (writer->out, FALSE);
    }
  if (ok != NULL)
    *ok = !writer->failed;
  g_free (writer);

  return text;
}
