/* extopo-ldif-reader.c: directory entries from an LDIF export (ldifde, ldapsearch -LLL).
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-ldif-reader"

#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <lber.h>
#include <ldif.h>

#include "extopo-dn.h"
#include "extopo-ldif-reader.h"

/* The longest value of an attribute the model reads: names, DNs, numbers
 * and short lists, far below it. */
#define LDIF_MAX_VALUE_BYTES (64 * 1000)

/* ldif_read_record() keeps the size of its record buffer in an int. */
#define EXTOPO_LDIF_MAX_INPUT ((gsize) 1 << 30)

/* Strings that libldap (liblber) allocated must go back to it. */
typedef char *ExtopoBerString;

G_DEFINE_AUTO_CLEANUP_FREE_FUNC (ExtopoBerString, ber_memfree, NULL)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LDIFFP, ldif_close)

G_DEFINE_QUARK (extopo-ldif-error-quark, extopo_ldif_error)

typedef struct
{
  /* borrowed */
  const char              *name;
  GPtrArray               *entries;
  const ExtopoEntryFilter *filter;
  /* owned: offsets of the '\n' of the record being parsed, reused */
  GArray     *newlines;
} ExtopoLdifParser;

G_GNUC_PRINTF (5, 6)
static void
extopo_ldif_set_error (GError          **error,
                       ExtopoLdifError   code,
                       const char       *name,
                       gulong            line,
                       const char       *format,
                       ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, EXTOPO_LDIF_ERROR, code, "%s:%lu: %s", name, line, what);
}

/* A value quoted in a message: a bad DN may be as long as any value. */
static char *
extopo_ldif_shorten (const char *text,
                     gsize       length)
{
  g_autofree char *valid = g_utf8_make_valid (text, length);
  g_autofree char *start = NULL;

  if (strlen (valid) <= 80)
    return g_steal_pointer (&valid);

  start = g_utf8_substring (valid, 0, 77);

  return g_strconcat (start, "…", NULL);
}

static gulong
extopo_ldif_line_at (const char *data,
                     gsize       offset)
{
  gulong line = 1;

  for (const char *p = data; (p = memchr (p, '\n', data + offset - p)) != NULL; p++)
    line++;

  return line;
}

/* ldifde -u writes UTF-16 with a byte order mark; Windows editors add a
 * UTF-8 one. Everything after this works on UTF-8 without a mark. */
static gboolean
extopo_ldif_decode_text (const char **data,
                         gsize       *length,
                         char       **converted,
                         const char  *name,
                         GError     **error)
{
  const guchar *bytes = (const guchar *) *data;
  g_autoptr(GError) local_error = NULL;
  const char *charset = NULL;
  gsize written = 0;

  if (*length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF)
    {
      *data += 3;
      *length -= 3;
      return TRUE;
    }

  if (*length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
    charset = "UTF-16LE";
  else if (*length >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF)
    charset = "UTF-16BE";
  else
    return TRUE;

  *converted = g_convert (*data + 2, *length - 2, "UTF-8", charset, NULL, &written, &local_error);
  if (*converted == NULL)
    {
      g_set_error (error, EXTOPO_LDIF_ERROR, EXTOPO_LDIF_ERROR_SYNTAX,
                   _("%s: the file starts like UTF-16 text but is not: %s"),
                   name, local_error->message);
      return FALSE;
    }

  *data = *converted;
  *length = written;

  return TRUE;
}

/* libldap would open any file an "include:" line names: refuse it before
 * handing it the text. Also measures the longest record (text between
 * empty lines): see extopo_ldif_piece_read() for why. @data is a piece of
 * the input whose first line is @first_line. */
static gboolean
extopo_ldif_check_text (const char  *data,
                        gsize        length,
                        const char  *name,
                        gulong       first_line,
                        gsize       *longest_record,
                        GError     **error)
{
  const char *end = data + length;
  const char *record_start = data;
  gboolean at_record_start = TRUE;
  gboolean in_comment = FALSE;
  gulong line = first_line;

  *longest_record = 0;

  for (const char *p = data; p < end; line++)
    {
      const char *eol = memchr (p, '\n', end - p);
      const char *next = eol != NULL ? eol + 1 : end;

      if (end - p >= 8 && g_ascii_strncasecmp (p, "include:", 8) == 0)
        {
          extopo_ldif_set_error (error, EXTOPO_LDIF_ERROR_UNSUPPORTED, name, line,
                                 _("“include:” lines are not supported"));
          return FALSE;
        }

      if (eol == p || (eol == p + 1 && *p == '\r'))
        {
          record_start = next;
          at_record_start = TRUE;
          in_comment = FALSE;
        }
      else
        {
          *longest_record = MAX (*longest_record, (gsize) (next - record_start));

          /* libldap skips a record's first line without a word when it
           * starts with a digit (an index number). */
          if (*p == '#' && at_record_start)
            in_comment = TRUE;
          else if (!(*p == ' ' && in_comment) && at_record_start)
            {
              if (g_ascii_isdigit (*p))
                {
                  extopo_ldif_set_error (error, EXTOPO_LDIF_ERROR_MISSING_DN, name, line,
                                         _("the entry does not start with a “dn:” line"));
                  return FALSE;
                }
              at_record_start = FALSE;
            }
        }

      p = next;
    }

  return TRUE;
}

/* An AttributeDescription: a name or OID, then ";option"s. Active
 * Directory's range option ("member;range=0-1499", the last chunk
 * "member;range=1500-*") breaks RFC 4512's option syntax with '=' and '*',
 * and ldapsearch writes it as is: options may hold them. The chunks need no
 * joining here: an entry keeps values under the name without options.
 * libldap leaves its fold markers ('\r') in the type when a name is folded. */
static gboolean
extopo_ldif_is_attribute_name (const char *start,
                               const char *end)
{
  gboolean in_options = FALSE;

  while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
    end--;

  if (start == end || !g_ascii_isalnum (*start))
    return FALSE;

  for (const char *p = start; p < end; p++)
    {
      if (*p == ';')
        in_options = TRUE;
      else if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.' && *p != '\r' &&
               !(in_options && (*p == '=' || *p == '*')))
        return FALSE;
    }

  return TRUE;
}

/* Checked before libldap decodes it, because libldap reports a bad
 * character on stderr whatever its debug level, and cannot tell a value cut
 * short from a wrong one. @text may hold fold markers ('\r'). */
static const char *
extopo_ldif_check_base64 (const char *text)
{
  gsize n_digits = 0;
  gsize n_padding = 0;

  while (*text == ' ' || *text == '\t')
    text++;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r')
        continue;
      if (*p == '=')
        n_padding++;
      else if (n_padding > 0 || !(g_ascii_isalnum (*p) || *p == '+' || *p == '/'))
        return _("the base64 value holds a character that is not base64");
      else
        n_digits++;
    }

  if (n_digits == 0 && n_padding == 0)
    return _("the base64 value is empty");
  if (n_padding > 2 || (n_digits + n_padding) % 4 != 0)
    return _("the base64 value is truncated");

  return NULL;
}

/* Most values are ASCII: check eight bytes at a time before asking GLib. */
static gboolean
extopo_ldif_is_utf8 (const char *text,
                     gsize       length)
{
  const char *p = text;
  const char *end = text + length;

  for (; end - p >= 8; p += 8)
    {
      guint64 word;

      memcpy (&word, p, sizeof word);
      if ((word & G_GUINT64_CONSTANT (0x8080808080808080)) != 0)
        break;
    }

  return g_utf8_validate_len (p, end - p, NULL);
}

/* Also ends @type at its first NUL: for "cn :" libldap overwrites the
 * spaces before the colon with NULs but counts them in bv_len, and then
 * "changetype :" or "objectClass :" missed their keyword. */
static void
extopo_ldif_strip_markers (struct berval *type)
{
  char *out = type->bv_val;

  for (ber_len_t i = 0; i < type->bv_len && type->bv_val[i] != '\0'; i++)
    {
      if (type->bv_val[i] != '\r')
        *out++ = type->bv_val[i];
    }

  *out = '\0';
  type->bv_len = out - type->bv_val;
}

/* Every line's type is compared with a few keywords: the length decides
 * most of them without a call. Options do not count, as in entry lookups:
 * "changetype;x" kept as a value would be an attribute "changetype", which
 * no LDIF can hold, and a snapshot of it would not read back the same. */
static inline gboolean
extopo_ldif_type_is (const struct berval *type,
                     const char          *keyword)
{
  gsize length = strlen (keyword);

  return type->bv_len >= length &&
         (type->bv_len == length || type->bv_val[length] == ';') &&
         g_ascii_strncasecmp (type->bv_val, keyword, length) == 0;
}

/* @record is one record from ldif_read_record(): its lines, unfolded by
 * ldif_getline() and split by ldif_parse_line2() in place. @last_line is
 * the number of its last line in the input. */
static gboolean
extopo_ldif_parser_take_record (ExtopoLdifParser  *self,
                                char              *record,
                                gulong             last_line,
                                GError           **error)
{
  g_autoptr(ExtopoEntry) entry = NULL;
  gboolean has_values = FALSE;
  gboolean version_allowed = TRUE;
  gboolean class_wanted = self->filter == NULL || self->filter->object_classes == NULL;
  guint newline_index = 0;
  gulong first_line;
  char *next = record;
  char *line;

  g_array_set_size (self->newlines, 0);
  for (char *p = strchr (record, '\n'); p != NULL; p = strchr (p + 1, '\n'))
    {
      gsize offset = p - record;

      g_array_append_val (self->newlines, offset);
    }
  first_line = last_line + 1 - self->newlines->len;

  while ((line = ldif_getline (&next)) != NULL)
    {
      struct berval type;
      struct berval value;
      gsize offset = line - record;
      gulong line_number;
      gboolean base64;
      int freeval = 0;
      char *colon;

      while (newline_index < self->newlines->len &&
             g_array_index (self->newlines, gsize, newline_index) < offset)
        newline_index++;
      line_number = first_line + newline_index;

      if (g_ascii_isspace (line[0]))
        {
          extopo_ldif_set_error (error, EXTOPO_LDIF_ERROR_SYNTAX, self->name, line_number,
                                 _("a continued line (starting with a space) has no line before it"));
          return FALSE;
        }

      colon = strchr (line, ':');
      if (colon == NULL || !extopo_ldif_is_attribute_name (line, colon))
        {
          extopo_ldif_set_error (error, EXTOPO_LDIF_ERROR_SYNTAX, self->name, line_number,
                                 _("expected “attribute: value”"));
          return FALSE;
        }

      if (colon[1] == '<')
        {
          extopo_ldif_set_error (error, EXTOPO_LDIF_ERROR_UNSUPPORTED, self->name, line_number,
                                 _("values read from a URL (“:<”) are not supported"));
          return FALSE;
        }

      base64 = colon[1] == ':';
      if (base64)
        {
          const char *problem = extopo_ldif_check_base64 (colon + 2);

          if (problem != NULL)
            {
              extopo_ldif_set_error (error, EXTOPO_LDIF_ERROR_SYNTAX, self->name, line_number,
                                     "%s", problem);
              return FALSE;
            }
        }

      if (ldif_parse_line2 (line, &type, &value, &freeval) != 0)
        {
          extopo_ldif_set_error (error, EXTOPO_LDIF_ERROR_SYNTAX, self->name, line_number,
                                 _("expected “attribute: value”"));
          return FALSE;
        }
      extopo_ldif_strip_markers (&type);

      if (!base64 && !extopo_ldif_is_utf8 (value.bv_val, value.bv_len))
        {
          extopo_ldif_set_error (error, EXTOPO_LDIF_ERROR_SYNTAX, self->name, line_number,
                                 _("the value of “%s” is not UTF-8 text; "
                                   "binary values must be written in base64 (“%s::”)"),
                                 type.bv_val, type.bv_val);
          return FALSE;
        }

      if (entry == NULL)
        {
          /* "version: 1" opens a file, alone or right before the first dn:. */
          if (version_allowed && extopo_ldif_type_is (&type, "version"))
            {
              if (strcmp (value.bv_val, "1") != 0)
                {
                  extopo_ldif_set_error (error, EXTOPO_LDIF_ERROR_UNSUPPORTED,
                                         self->name, line_number,
                                         _("LDIF version “%s” is not supported"),
                                         base64 ? "?" : value.bv_val);
                  return FALSE;
                }
              version_allowed = FALSE;
              continue;
            }

          if (!extopo_ldif_type_is (&type, "dn"))
            {
              extopo_ldif_set_error (error, EXTOPO_LDIF_ERROR_MISSING_DN, self->name, line_number,
                                     _("the entry does not start with a “dn:” line "
                                       "(it starts with “%s:”)"),
                                     type.bv_val);
              return FALSE;
            }

          if (strlen (value.bv_val) != value.bv_len ||
              !extopo_ldif_is_utf8 (value.bv_val, value.bv_len))
            {
              extopo_ldif_set_error (error, EXTOPO_LDIF_ERROR_INVALID_DN, self->name, line_number,
                                     _("the distinguished name is not UTF-8 text"));
              return FALSE;
            }

          if (!extopo_dn_is_valid (value.bv_val))
            {
              g_autofree char *shown = extopo_ldif_shorten (value.bv_val, value.bv_len);

              extopo_ldif_set_error (error, EXTOPO_LDIF_ERROR_INVALID_DN, self->name, line_number,
                                     _("“%s” is not a valid distinguished name"), shown);
              return FALSE;
            }

          entry = extopo_entry_new (value.bv_val, line_number);
          continue;
        }

      if (extopo_ldif_type_is (&type, "dn"))
        {
          extopo_ldif_set_error (error, EXTOPO_LDIF_ERROR_SYNTAX, self->name, line_number,
                                 _("a second “dn:” line in one entry; "
                                   "is the empty line between two entries missing?"));
          return FALSE;
        }

      /* Controls only matter to a server applying changes. */
      if (!has_values && extopo_ldif_type_is (&type, "control"))
        continue;

      if (extopo_ldif_type_is (&type, "changetype"))
        {
          g_autofree char *shown = NULL;

          if (g_ascii_strcasecmp (value.bv_val, "add") == 0 && !has_values)
            continue;

          if (has_values)
            {
              extopo_ldif_set_error (error, EXTOPO_LDIF_ERROR_SYNTAX, self->name, line_number,
                                     _("“changetype:” must come right after the “dn:” line"));
              return FALSE;
            }

          shown = extopo_ldif_shorten (value.bv_val, value.bv_len);
          extopo_ldif_set_error (error, EXTOPO_LDIF_ERROR_UNSUPPORTED, self->name, line_number,
                                 _("“changetype: %s” is not supported: only entries and "
                                   "“changetype: add” records can be read"),
                                 shown);
          return FALSE;
        }

      has_values = TRUE;

      /* A filtered read still checks every line: errors do not depend on
       * what is kept. */
      if (!class_wanted &&
          extopo_ldif_type_is (&type, "objectClass") &&
          extopo_entry_filter_wants_object_class (self->filter, value.bv_val))
        class_wanted = TRUE;

      if (extopo_entry_filter_wants_attribute (self->filter, type.bv_val))
        {
          /* What the model reads is names, DNs, numbers and short lists:
           * AD caps cn at 64 characters. A value far past any of them (a
           * 50 MB cn) would only multiply through every export. */
          if (self->filter != NULL && value.bv_len > LDIF_MAX_VALUE_BYTES)
            {
              g_autofree char *size = g_format_size (value.bv_len);

              extopo_ldif_set_error (error, EXTOPO_LDIF_ERROR_SYNTAX, self->name, line_number,
                                     _("the value of “%s” is %s long; ExTopo reads at most "
                                       "64 kB per value"),
                                     type.bv_val, size);
              return FALSE;
            }
          extopo_entry_add_value (entry, type.bv_val, value.bv_val, value.bv_len);
        }
    }

  /* A record of only "version: 1" yields no entry. */
  if (entry != NULL && class_wanted)
    g_ptr_array_add (self->entries, g_steal_pointer (&entry));

  return TRUE;
}

/* A large input is parsed in pieces, one thread each, split at empty lines
 * (which always end a record). Small ones are not worth a thread. */
#define EXTOPO_LDIF_MAX_PIECES    4
#define EXTOPO_LDIF_MIN_PIECE     ((gsize) 4 << 20)

typedef struct
{
  /* borrowed */
  const char              *data;
  gsize                    length;
  const char              *name;
  const ExtopoEntryFilter *filter;
  GCancellable            *cancellable;
  /* lines before the piece */
  gulong                   line_offset;
  /* owned: the result */
  GPtrArray               *entries;
  GError                  *error;
  /* TRUE once the piece passed the text checks */
  gboolean                 parsed;
} ExtopoLdifPiece;

static void
extopo_ldif_piece_read (ExtopoLdifPiece *piece)
{
  g_autoptr(GArray) newlines = NULL;
  g_autoptr(LDIFFP) input = NULL;
  g_auto(ExtopoBerString) record = NULL;
  ExtopoLdifParser parser;
  unsigned long line = 0;
  gsize longest_record = 0;
  int record_size = 0;

  if (!extopo_ldif_check_text (piece->data, piece->length, piece->name,
                               piece->line_offset + 1, &longest_record, &piece->error))
    return;

  piece->parsed = TRUE;
  piece->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) extopo_entry_unref);
  if (piece->length == 0)
    return;

  /* fmemopen() in "r" mode never writes through the pointer. */
  input = ldif_open_mem ((char *) piece->data, piece->length, "r");
  if (input == NULL)
    {
      int saved_errno = errno;

      g_set_error (&piece->error, EXTOPO_LDIF_ERROR, EXTOPO_LDIF_ERROR_IO,
                   _("%s: cannot read: %s"), piece->name, g_strerror (saved_errno));
      return;
    }

  /* ldif_read_record() grows its buffer a line (at most 4 KiB) at a time;
   * without mremap() (under AddressSanitizer, say) a 10 MB value then costs
   * gigabytes of copying. Sized for the longest record, it never grows. */
  record_size = (int) longest_record + 2 * 4096;
  record = ber_memalloc (record_size);
  if (record == NULL)
    {
      g_set_error (&piece->error, EXTOPO_LDIF_ERROR, EXTOPO_LDIF_ERROR_IO,
                   _("%s: not enough memory to read an entry"), piece->name);
      return;
    }

  newlines = g_array_new (FALSE, FALSE, sizeof (gsize));
  parser.name = piece->name;
  parser.entries = piece->entries;
  parser.newlines = newlines;
  parser.filter = piece->filter;

  for (;;)
    {
      gulong last_line;
      int rc;

      if (g_cancellable_set_error_if_cancelled (piece->cancellable, &piece->error))
        return;

      rc = ldif_read_record (input, &line, &record, &record_size);
      if (rc == 0 && !ferror (input->fp))
        break;

      if (rc <= 0)
        {
          extopo_ldif_set_error (&piece->error, EXTOPO_LDIF_ERROR_IO, piece->name,
                                 piece->line_offset + line, _("cannot read the next entry"));
          return;
        }

      /* @line counts the empty line that ended the record, unless the
       * input ended first. */
      last_line = piece->line_offset + (feof (input->fp) ? line : line - 1);

      if (!extopo_ldif_parser_take_record (&parser, record, last_line, &piece->error))
        return;
    }
}

static gpointer
extopo_ldif_piece_worker (gpointer data)
{
  extopo_ldif_piece_read (data);

  return NULL;
}

static gulong
extopo_ldif_count_lines (const char *data,
                         gsize       length)
{
  const char *end = data + length;
  gulong count = 0;

  for (const char *p = data; (p = memchr (p, '\n', end - p)) != NULL; p++)
    count++;

  return count;
}

/* The start of the first empty line at or after @from, or @end. */
static const char *
extopo_ldif_find_break (const char *from,
                        const char *end)
{
  for (const char *p = from; (p = memchr (p, '\n', end - p)) != NULL; p++)
    {
      if (end - p > 1 && p[1] == '\n')
        return p + 1;
      if (end - p > 2 && p[1] == '\r' && p[2] == '\n')
        return p + 1;
    }

  return end;
}

/* Fills @pieces (EXTOPO_LDIF_MAX_PIECES) and returns how many there are. */
static guint
extopo_ldif_split (const char              *data,
                   gsize                    length,
                   const char              *name,
                   const ExtopoEntryFilter *filter,
                   GCancellable            *cancellable,
                   ExtopoLdifPiece         *pieces)
{
  const char *end = data + length;
  const char *start = data;
  gulong line_offset = 0;
  guint n_wanted;
  guint n_pieces = 0;

  n_wanted = CLAMP (length / EXTOPO_LDIF_MIN_PIECE, 1, EXTOPO_LDIF_MAX_PIECES);
  n_wanted = MIN (n_wanted, (guint) MAX (g_get_num_processors (), 1));

  for (guint i = 0; i < n_wanted && (start < end || i == 0); i++)
    {
      const char *stop = i + 1 == n_wanted
                         ? end
                         : extopo_ldif_find_break (MAX (start, data + length / n_wanted * (i + 1)),
                                                   end);
      ExtopoLdifPiece *piece = &pieces[n_pieces++];

      piece->data = start;
      piece->length = stop - start;
      piece->name = name;
      piece->filter = filter;
      piece->cancellable = cancellable;
      piece->line_offset = line_offset;

      line_offset += extopo_ldif_count_lines (start, stop - start);
      start = stop;
    }

  return n_pieces;
}

GPtrArray *
extopo_ldif_read_data_filtered (const char               *data,
                                gsize                     length,
                                const char               *name,
                                const ExtopoEntryFilter  *filter,
                                GCancellable             *cancellable,
                                GError                  **error)
{
  ExtopoLdifPiece pieces[EXTOPO_LDIF_MAX_PIECES] = { { NULL, }, };
  GThread *threads[EXTOPO_LDIF_MAX_PIECES] = { NULL, };
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *converted = NULL;
  ExtopoLdifPiece *failed = NULL;
  const char *nul;
  guint n_pieces;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (name == NULL)
    name = "-";

  if (data == NULL)
    data = "";

  if (!extopo_ldif_decode_text (&data, &length, &converted, name, error))
    return NULL;

  if (length > EXTOPO_LDIF_MAX_INPUT)
    {
      g_autofree char *size = g_format_size (length);
      g_autofree char *limit = g_format_size (EXTOPO_LDIF_MAX_INPUT);

      g_set_error (error, EXTOPO_LDIF_ERROR, EXTOPO_LDIF_ERROR_IO,
                   _("%s: the file is too large (%s; at most %s can be read)"),
                   name, size, limit);
      return NULL;
    }

  /* libldap would stop at a NUL byte without a word. */
  nul = memchr (data, '\0', length);
  if (nul != NULL)
    {
      extopo_ldif_set_error (error, EXTOPO_LDIF_ERROR_SYNTAX, name,
                             extopo_ldif_line_at (data, nul - data),
                             _("binary data (a NUL byte): this is not LDIF text"));
      return NULL;
    }

  n_pieces = extopo_ldif_split (data, length, name, filter, cancellable, pieces);
  for (guint i = 1; i < n_pieces; i++)
    threads[i] = g_thread_new ("extopo-ldif", extopo_ldif_piece_worker, &pieces[i]);
  extopo_ldif_piece_read (&pieces[0]);
  for (guint i = 1; i < n_pieces; i++)
    g_thread_join (threads[i]);

  /* The error a single pass would have met first: every text check comes
   * before any parsing there. */
  for (guint i = 0; i < n_pieces && failed == NULL; i++)
    if (pieces[i].error != NULL && !pieces[i].parsed)
      failed = &pieces[i];
  for (guint i = 0; i < n_pieces && failed == NULL; i++)
    if (pieces[i].error != NULL)
      failed = &pieces[i];

  if (failed != NULL)
    g_propagate_error (error, g_steal_pointer (&failed->error));
  else
    {
      entries = g_steal_pointer (&pieces[0].entries);
      for (guint i = 1; i < n_pieces; i++)
        g_ptr_array_extend_and_steal (entries, g_steal_pointer (&pieces[i].entries));
    }

  for (guint i = 0; i < n_pieces; i++)
    {
      g_clear_pointer (&pieces[i].entries, g_ptr_array_unref);
      g_clear_error (&pieces[i].error);
    }

  return g_steal_pointer (&entries);
}

GPtrArray *
extopo_ldif_read_data (const char    *data,
                       gsize          length,
                       const char    *name,
                       GCancellable  *cancellable,
                       GError       **error)
{
  return extopo_ldif_read_data_filtered (data, length, name, NULL, cancellable, error);
}

GPtrArray *
extopo_ldif_read_file (const char    *path,
                       GCancellable  *cancellable,
                       GError       **error)
{
  return extopo_ldif_read_file_filtered (path, NULL, cancellable, error);
}

/* The most an input may hold: far above the largest real export (a
 * 200,000-server organization is a few hundred MB of LDIF), and far below
 * what would exhaust memory. EXTOPO_LDIF_MAX_BYTES lowers it, for tests. */
#define LDIF_MAX_BYTES (G_GUINT64_CONSTANT (2) << 30)
#define LDIF_READ_CHUNK (1 << 20)

static guint64
extopo_ldif_get_max_bytes (void)
{
  const char *text = g_getenv ("EXTOPO_LDIF_MAX_BYTES");
  guint64 value;

  if (text != NULL && g_ascii_string_to_unsigned (text, 10, 1, LDIF_MAX_BYTES, &value, NULL))
    return value;

  return LDIF_MAX_BYTES;
}

static void
extopo_ldif_set_too_large (GError     **error,
                           const char  *path,
                           guint64      max_bytes)
{
  g_autofree char *limit = g_format_size (max_bytes);

  g_set_error (error, EXTOPO_LDIF_ERROR, EXTOPO_LDIF_ERROR_TOO_LARGE,
               _("%s: the input is larger than %s, the most ExTopo reads"), path, limit);
}

/* Reads @file in pieces, failing with EXTOPO_LDIF_ERROR_TOO_LARGE before
 * holding more than @max_bytes. */
static gboolean
extopo_ldif_read_bounded (GFile         *file,
                          guint64        max_bytes,
                          GCancellable  *cancellable,
                          char         **contents,
                          gsize         *length,
                          GError       **error)
{
  g_autoptr(GFileInputStream) stream = g_file_read (file, cancellable, error);
  g_autoptr(GByteArray) bytes = NULL;
  g_autofree guint8 *chunk = NULL;

  if (stream == NULL)
    return FALSE;

  bytes = g_byte_array_new ();
  chunk = g_malloc (LDIF_READ_CHUNK);
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), chunk, LDIF_READ_CHUNK,
                                      cancellable, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      if (bytes->len + (guint64) n > max_bytes)
        {
          g_set_error_literal (error, EXTOPO_LDIF_ERROR, EXTOPO_LDIF_ERROR_TOO_LARGE, "");
          return FALSE;
        }
      g_byte_array_append (bytes, chunk, (guint) n);
    }

  *length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  *contents = (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
  return TRUE;
}

GPtrArray *
extopo_ldif_read_file_filtered (const char               *path,
                                const ExtopoEntryFilter  *filter,
                                GCancellable             *cancellable,
                                GError                  **error)
{
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  GStatBuf info;
  guint64 max_bytes;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  max_bytes = extopo_ldif_get_max_bytes ();

  /* Mapping spares copying a large export; only a regular file has a size
   * to check and map. Pipes, devices and the like are read in pieces, never
   * past the limit: /dev/zero or a FIFO that never ends costs nothing. */
  if (g_stat (path, &info) == 0 && S_ISREG (info.st_mode))
    {
      if ((guint64) info.st_size > max_bytes)
        {
          extopo_ldif_set_too_large (error, path, max_bytes);
          return NULL;
        }

      mapped = g_mapped_file_new (path, FALSE, NULL);
      if (mapped != NULL)
        return extopo_ldif_read_data_filtered (g_mapped_file_get_contents (mapped),
                                               g_mapped_file_get_length (mapped),
                                               path, filter, cancellable, error);
    }

  file = g_file_new_for_path (path);
  if (!extopo_ldif_read_bounded (file, max_bytes, cancellable, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (local_error, EXTOPO_LDIF_ERROR, EXTOPO_LDIF_ERROR_TOO_LARGE))
        {
          if (local_error->domain == EXTOPO_LDIF_ERROR)
            extopo_ldif_set_too_large (error, path, max_bytes);
          else
            g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      g_set_error (error, EXTOPO_LDIF_ERROR, EXTOPO_LDIF_ERROR_IO,
                   _("%s: cannot read the file: %s"), path, local_error->message);
      return NULL;
    }

  return extopo_ldif_read_data_filtered (contents, length, path, filter, cancellable, error);
}
