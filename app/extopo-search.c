/* extopo-search.c: queries over the servers of a model, and the folded
 * text they are matched against.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-search"

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "extopo-search.h"

G_DEFINE_QUARK (extopo-search-error-quark, extopo_search_error)

/* Between the fields of a server in the index, and between the values of
 * one field: folded text never holds either, so a word cannot match across. */
#define FIELD_SEPARATOR '\x1f'
#define VALUE_SEPARATOR '\x1e'

/* The index's fields. Free words read the first N_FREE_FIELDS. */
typedef enum
{
  FIELD_NAME,
  FIELD_FQDN,
  FIELD_VERSION,         /* "6.5.7638.2", "2003 sp2", "exchange server 2003 sp2" */
  FIELD_SP,              /* "sp2", "rtm", "cu23" */
  FIELD_ROLE,            /* badges, English and translated names, "cas", "mbx" */
  FIELD_ADMIN_GROUP,
  FIELD_ROUTING_GROUP,
  FIELD_SITE,
  FIELD_PRODUCT,
  N_FIELDS,
} Field;

#define N_FREE_FIELDS (FIELD_SITE + 1)

typedef enum
{
  KIND_FREE,             /* a part of any free field */
  KIND_FIELD,            /* a part of one field, or (OP_EQ) one of its values */
  KIND_GROUP,            /* the same over both groups */
  KIND_SERVICE_PACK,
  KIND_BUILD,            /* (build, revision), as many as given */
  KIND_PRODUCT,          /* version:2003: by product, in release order */
  KIND_VERSION_NUMBERS,  /* version:8.1: (major, minor, build, revision), as many as given */
  KIND_STATUS,
} Kind;

typedef enum
{
  OP_CONTAINS,           /* no operator */
  OP_EQ,
  OP_LT,
  OP_LE,
  OP_GT,
  OP_GE,
} Op;

typedef struct
{
  Kind   kind;
  Op     op;
  Field  field;
  char  *needle;         /* folded, for KIND_FREE, KIND_FIELD, KIND_GROUP */
  gsize  length;
  guint  numbers[4];
  guint  n_numbers;
  int    value;          /* service pack, product or status */
} Term;

struct _ExtopoSearch
{
  GArray *terms;         /* Term */
};

struct _ExtopoSearchIndex
{
  char  *text;           /* every server's fields, folded */
  gsize *offsets;        /* per server N_FIELDS + 1 starts; a field ends one byte before the next */
  guint  n_servers;
};

static const struct
{
  const char *name;
  Kind        kind;
  Field       field;
} field_table[] = {
  { "name", KIND_FIELD, FIELD_NAME },
  { "fqdn", KIND_FIELD, FIELD_FQDN },
  { "version", KIND_VERSION_NUMBERS, FIELD_VERSION },
  { "build", KIND_BUILD, FIELD_VERSION },
  { "sp", KIND_SERVICE_PACK, FIELD_SP },
  { "role", KIND_FIELD, FIELD_ROLE },
  { "group", KIND_GROUP, FIELD_ADMIN_GROUP },
  { "ag", KIND_FIELD, FIELD_ADMIN_GROUP },
  { "rg", KIND_FIELD, FIELD_ROUTING_GROUP },
  { "site", KIND_FIELD, FIELD_SITE },
  { "status", KIND_STATUS, FIELD_NAME },
  { "product", KIND_FIELD, FIELD_PRODUCT },
};

/* What version: takes for a product: its release name as people say it. */
static const struct
{
  const char    *name;
  ExtopoProduct  product;
} product_table[] = {
  { "5.5", EXTOPO_PRODUCT_EXCHANGE_55 },
  { "2000", EXTOPO_PRODUCT_EXCHANGE_2000 },
  { "2003", EXTOPO_PRODUCT_EXCHANGE_2003 },
  { "2007", EXTOPO_PRODUCT_EXCHANGE_2007 },
  { "2010", EXTOPO_PRODUCT_EXCHANGE_2010 },
  { "2013", EXTOPO_PRODUCT_EXCHANGE_2013 },
  { "2016", EXTOPO_PRODUCT_EXCHANGE_2016 },
  { "2019", EXTOPO_PRODUCT_EXCHANGE_2019 },
  { "se", EXTOPO_PRODUCT_EXCHANGE_SE },
};

static const ExtopoStatus statuses[] = {
  EXTOPO_STATUS_OK, EXTOPO_STATUS_WARNING, EXTOPO_STATUS_ERROR, EXTOPO_STATUS_UNSUPPORTED,
};

/* Folding */

static void
fold_ascii (GString    *out,
            const char *text,
            gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      g_string_append_c (out, g_ascii_iscntrl (c) ? ' ' : g_ascii_tolower (c));
    }
}

/* One character that has no plain decomposition: its ASCII spelling when
 * GLib knows one ("ß" gives "ss", "ø" "oe"), else the character case-folded. */
static void
fold_char (GString  *out,
           gunichar  c)
{
  char utf8[8] = { 0 };
  g_autofree char *ascii = NULL;
  g_autofree char *folded = NULL;

  g_unichar_to_utf8 (c, utf8);
  ascii = g_str_to_ascii (utf8, "C");
  if (ascii != NULL && *ascii != '\0' && strchr (ascii, '?') == NULL)
    {
      fold_ascii (out, ascii, strlen (ascii));
      return;
    }

  folded = g_utf8_casefold (utf8, -1);
  g_string_append (out, folded);
}

static gboolean
is_ascii (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return FALSE;

  return TRUE;
}

static void
fold_append (GString    *out,
             const char *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *decomposed = NULL;

  if (is_ascii (text))
    {
      fold_ascii (out, text, strlen (text));
      return;
    }

  /* Compatibility decomposition splits "Ü" into "U" and a combining mark
   * and "ﬁ" into "fi"; the marks are dropped. */
  valid = g_utf8_make_valid (text, -1);
  decomposed = g_utf8_normalize (valid, -1, G_NORMALIZE_ALL);
  if (decomposed == NULL)
    return;

  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x80)
        fold_ascii (out, p, 1);
      else if (!g_unichar_ismark (c))
        fold_char (out, c);
    }
}

char *
extopo_search_fold (const char *text)
{
  GString *out;

  if (text == NULL)
    return NULL;

  out = g_string_sized_new (strlen (text));
  fold_append (out, text);

  return g_string_free (out, FALSE);
}

/* Index */

static void
add_value (GString    *text,
           gsize       field_start,
           const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  if (text->len > field_start)
    g_string_append_c (text, VALUE_SEPARATOR);
  fold_append (text, value);
}

static void
add_values (GString            *text,
            gsize               field_start,
            const char * const *values)
{
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    add_value (text, field_start, values[i]);
}

static void
add_version (GString            *text,
             gsize               start,
             const ExtopoServer *server)
{
  g_autofree char *numbers = extopo_version_to_string (&server->version);
  g_autofree char *badge = NULL;
  g_autofree char *display = extopo_version_get_display_name (&server->version);

  add_value (text, start, numbers);
  if (server->version.known)
    {
      badge = extopo_version_get_badge (&server->version);
      add_value (text, start, badge);
    }
  add_value (text, start, display);
}

static void
add_roles (GString            *text,
           gsize               start,
           const ExtopoServer *server)
{
  ExtopoProduct product = server->version.product;
  g_auto(GStrv) badges = extopo_roles_to_badges (server->roles, product);
  g_auto(GStrv) names = extopo_roles_to_strv_for_product (server->roles, product);
  g_autofree char *display = extopo_roles_to_display_text (server->roles, product);
  g_auto(GStrv) display_names = g_strsplit (display, ", ", -1);

  add_values (text, start, (const char * const *) badges);
  add_values (text, start, (const char * const *) names);
  add_values (text, start, (const char * const *) display_names);
  /* What administrators call them. */
  if (g_strv_contains ((const char * const *) badges, "CA"))
    add_value (text, start, "cas");
  if (g_strv_contains ((const char * const *) badges, "MB"))
    add_value (text, start, "mbx");
}

static void
add_field (ExtopoSearchIndex  *self,
           GString            *text,
           guint               server_index,
           Field               field,
           const ExtopoServer *server)
{
  gsize start = text->len;
  g_autofree char *level = NULL;

  self->offsets[server_index * (N_FIELDS + 1) + field] = start;

  switch (field)
    {
    case FIELD_NAME:
      add_value (text, start, server->name);
      break;
    case FIELD_FQDN:
      add_value (text, start, server->fqdn);
      break;
    case FIELD_VERSION:
      add_version (text, start, server);
      break;
    case FIELD_SP:
      level = extopo_version_get_level_text (&server->version);
      add_value (text, start, level);
      break;
    case FIELD_ROLE:
      add_roles (text, start, server);
      break;
    case FIELD_ADMIN_GROUP:
      add_value (text, start, server->admin_group != NULL ? server->admin_group->name : NULL);
      break;
    case FIELD_ROUTING_GROUP:
      add_value (text, start,
                 server->routing_group != NULL ? server->routing_group->name : NULL);
      break;
    case FIELD_SITE:
      add_value (text, start, server->site_name);
      break;
    case FIELD_PRODUCT:
      if (server->version.product != EXTOPO_PRODUCT_UNKNOWN)
        {
          add_value (text, start, extopo_product_get_name (server->version.product));
          add_value (text, start, extopo_product_get_untranslated_name (server->version.product));
        }
      break;
    case N_FIELDS:
    default:
      g_assert_not_reached ();
    }

  g_string_append_c (text, FIELD_SEPARATOR);
}

/* Every server's fields, or NULL when @cancellable fired first. */
static ExtopoSearchIndex *
index_build (ExtopoModel  *model,
             GCancellable *cancellable)
{
  g_autoptr(ExtopoSearchIndex) self = NULL;
  GPtrArray *servers = extopo_model_get_servers (model);
  GString *text;

  self = g_new0 (ExtopoSearchIndex, 1);
  self->n_servers = servers->len;
  self->offsets = g_new (gsize, (gsize) servers->len * (N_FIELDS + 1) + 1);
  text = g_string_sized_new ((gsize) servers->len * 160);

  for (guint i = 0; i < servers->len; i++)
    {
      const ExtopoServer *server = g_ptr_array_index (servers, i);

      if (i % 1024 == 0 && g_cancellable_is_cancelled (cancellable))
        {
          g_string_free (text, TRUE);
          return NULL;
        }

      for (Field field = 0; field < N_FIELDS; field++)
        add_field (self, text, i, field, server);
      self->offsets[i * (N_FIELDS + 1) + N_FIELDS] = text->len;
    }

  self->text = g_string_free (text, FALSE);

  return g_steal_pointer (&self);
}

ExtopoSearchIndex *
extopo_search_index_new (ExtopoModel *model)
{
  g_return_val_if_fail (EXTOPO_IS_MODEL (model), NULL);

  return index_build (model, NULL);
}

void
extopo_search_index_free (ExtopoSearchIndex *self)
{
  if (self == NULL)
    return;

  g_free (self->text);
  g_free (self->offsets);
  g_free (self);
}

static GQuark
index_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("extopo-search-index");

  return quark;
}

ExtopoSearchIndex *
extopo_search_index_peek_for_model (ExtopoModel *model)
{
  g_return_val_if_fail (EXTOPO_IS_MODEL (model), NULL);

  return g_object_get_qdata (G_OBJECT (model), index_quark ());
}

ExtopoSearchIndex *
extopo_search_index_get_for_model (ExtopoModel *model)
{
  ExtopoSearchIndex *index;

  g_return_val_if_fail (EXTOPO_IS_MODEL (model), NULL);

  index = extopo_search_index_peek_for_model (model);
  if (index == NULL)
    {
      index = extopo_search_index_new (model);
      g_object_set_qdata_full (G_OBJECT (model), index_quark (), index,
                               (GDestroyNotify) extopo_search_index_free);
    }

  return index;
}

/* Reads only what the index holds (names, groups, site, version, roles),
 * which nothing changes once a model is loaded. It never reads the findings
 * and the servers' status: extopo_readiness_compute() may evaluate those
 * lazily on the main thread meanwhile, and the findings are not safe to
 * read while that runs. */
static void
index_prepare_worker (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  ExtopoSearchIndex *index = index_build (source_object, cancellable);
  GError *error = NULL;

  if (index == NULL)
    {
      g_cancellable_set_error_if_cancelled (cancellable, &error);
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, index, (GDestroyNotify) extopo_search_index_free);
}

void
extopo_search_index_prepare_async (ExtopoModel         *model,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (EXTOPO_IS_MODEL (model));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (model, cancellable, callback, user_data);
  g_task_set_source_tag (task, EXTOPO_TASK_TAG (extopo_search_index_prepare_async));
  g_task_set_name (task, "[extopo] search index");
  g_task_set_check_cancellable (task, TRUE);
  g_task_set_priority (task, G_PRIORITY_LOW);
  g_task_run_in_thread (task, index_prepare_worker);
}

gboolean
extopo_search_index_prepare_finish (ExtopoModel   *model,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  ExtopoSearchIndex *index;

  g_return_val_if_fail (EXTOPO_IS_MODEL (model), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, model), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        EXTOPO_TASK_TAG (extopo_search_index_prepare_async), FALSE);

  index = g_task_propagate_pointer (G_TASK (result), error);
  if (index == NULL)
    return FALSE;

  /* A search that could not wait built one on the main thread meanwhile. */
  if (extopo_search_index_peek_for_model (model) != NULL)
    extopo_search_index_free (index);
  else
    g_object_set_qdata_full (G_OBJECT (model), index_quark (), index,
                             (GDestroyNotify) extopo_search_index_free);

  return TRUE;
}

guint
extopo_search_index_get_n_servers (ExtopoSearchIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_servers;
}

/* Parsing */

static void
term_clear (gpointer data)
{
  Term *term = data;

  g_clear_pointer (&term->needle, g_free);
}

/* Reads a term up to the next space outside quotes; the quotes are dropped. */
static char *
next_token (const char **cursor)
{
  const char *p = *cursor;
  GString *token;
  gboolean quoted = FALSE;

  while (*p != '\0' && g_ascii_isspace (*p))
    p++;
  if (*p == '\0')
    {
      *cursor = p;
      return NULL;
    }

  token = g_string_new (NULL);
  for (; *p != '\0' && (quoted || !g_ascii_isspace (*p)); p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else
        g_string_append_c (token, *p);
    }
  *cursor = p;

  return g_string_free (token, FALSE);
}

static Op
read_operator (const char **value)
{
  static const struct
  {
    const char *text;
    Op          op;
  } operators[] = {
    { "<=", OP_LE }, { ">=", OP_GE }, { "<", OP_LT }, { ">", OP_GT }, { "=", OP_EQ },
  };

  for (guint i = 0; i < G_N_ELEMENTS (operators); i++)
    if (g_str_has_prefix (*value, operators[i].text))
      {
        *value += strlen (operators[i].text);
        return operators[i].op;
      }

  return OP_CONTAINS;
}

/* "7638", "6.5.7638.2": up to four numbers separated by dots. */
static gboolean
read_numbers (const char *text,
              Term       *term)
{
  const char *p = text;

  term->n_numbers = 0;
  while (term->n_numbers < G_N_ELEMENTS (term->numbers))
    {
      guint64 number;
      char *end;

      if (!g_ascii_isdigit (*p))
        return FALSE;
      number = g_ascii_strtoull (p, &end, 10);
      if (number > G_MAXUINT)
        return FALSE;
      term->numbers[term->n_numbers++] = (guint) number;
      p = end;
      if (*p == '\0')
        return TRUE;
      if (*p != '.')
        return FALSE;
      p++;
    }

  return FALSE;
}

static gboolean
parse_service_pack (const char  *value,
                    Term        *term,
                    GError     **error)
{
  const char *number = value;

  if (g_str_equal (value, "rtm"))
    {
      term->value = 0;
      return TRUE;
    }
  if (g_str_has_prefix (value, "sp"))
    number = value + 2;
  if (read_numbers (number, term) && term->n_numbers == 1 && term->numbers[0] < 100)
    {
      term->value = (int) term->numbers[0];
      return TRUE;
    }

  g_set_error (error, EXTOPO_SEARCH_ERROR, EXTOPO_SEARCH_ERROR_INVALID_COMPARISON,
               /* Translators: %s is what was typed after "sp:". */
               _("“sp:” takes a service pack number, as in sp:2 or sp:<2, not “%s”"), value);

  return FALSE;
}

static gboolean
parse_build (const char  *value,
             Term        *term,
             GError     **error)
{
  if (read_numbers (value, term) && term->n_numbers <= 2)
    return TRUE;

  g_set_error (error, EXTOPO_SEARCH_ERROR, EXTOPO_SEARCH_ERROR_INVALID_COMPARISON,
               /* Translators: %s is what was typed after "build:". */
               _("“build:” takes a build number, as in build:7638 or build:>=7000, not “%s”"),
               value);

  return FALSE;
}

static gboolean
parse_version (const char  *value,
               Term        *term,
               GError     **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (product_table); i++)
    if (g_str_equal (value, product_table[i].name))
      {
        term->kind = KIND_PRODUCT;
        term->value = product_table[i].product;
        return TRUE;
      }

  /* A major version (8, 15) or a prefix of one (6.5, 8.1.240). */
  if (read_numbers (value, term) && (term->n_numbers > 1 || term->numbers[0] < 100))
    return TRUE;

  /* Anything else is a part of the version text ("2003 sp2", "7638"). */
  if (term->op == OP_CONTAINS || term->op == OP_EQ)
    {
      term->kind = KIND_FIELD;
      return TRUE;
    }

  g_set_error (error, EXTOPO_SEARCH_ERROR, EXTOPO_SEARCH_ERROR_INVALID_COMPARISON,
               /* Translators: %s is what was typed after "version:<" or the like. */
               _("“version:” compares a release (2003, 2007) or a version number (8.1), "
                 "not “%s”"), value);

  return FALSE;
}

static gboolean
parse_status (const char  *value,
              Term        *term,
              GError     **error)
{
  /* In English, and as the UI names them. */
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autofree char *label = extopo_search_fold (extopo_status_get_label (statuses[i]));

      if (g_str_has_prefix (extopo_status_to_string (statuses[i]), value) ||
          g_str_has_prefix (label, value))
        {
          term->value = statuses[i];
          return TRUE;
        }
    }

  g_set_error (error, EXTOPO_SEARCH_ERROR, EXTOPO_SEARCH_ERROR_INVALID_VALUE,
               /* Translators: %s is what was typed after "status:". */
               _("Unknown status “%s”: use ok, warning, error or unsupported"), value);

  return FALSE;
}

static char *
field_names (void)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (field_table); i++)
    g_string_append_printf (names, "%s%s:", i > 0 ? ", " : "", field_table[i].name);

  return g_string_free (names, FALSE);
}

static gboolean
parse_field_term (const char  *name,
                  const char  *value,
                  Term        *term,
                  GError     **error)
{
  guint i;

  for (i = 0; i < G_N_ELEMENTS (field_table); i++)
    if (g_ascii_strcasecmp (name, field_table[i].name) == 0)
      break;
  if (i == G_N_ELEMENTS (field_table))
    {
      g_autofree char *names = field_names ();

      g_set_error (error, EXTOPO_SEARCH_ERROR, EXTOPO_SEARCH_ERROR_UNKNOWN_FIELD,
                   /* Translators: the unknown field typed, then the list of fields. */
                   _("Unknown field “%s:”; the fields are %s"), name, names);
      return FALSE;
    }

  term->kind = field_table[i].kind;
  term->field = field_table[i].field;
  term->op = read_operator (&value);
  term->needle = extopo_search_fold (value);
  g_strstrip (term->needle);
  term->length = strlen (term->needle);

  if (term->length == 0)
    {
      g_set_error (error, EXTOPO_SEARCH_ERROR, EXTOPO_SEARCH_ERROR_INVALID_VALUE,
                   /* Translators: a field typed without a value, e.g. "version:". */
                   _("“%s:” needs a value"), field_table[i].name);
      return FALSE;
    }

  switch (term->kind)
    {
    case KIND_SERVICE_PACK:
      return parse_service_pack (term->needle, term, error);
    case KIND_BUILD:
      return parse_build (term->needle, term, error);
    case KIND_VERSION_NUMBERS:
      return parse_version (term->needle, term, error);
    case KIND_STATUS:
      return parse_status (term->needle, term, error);
    case KIND_FIELD:
    case KIND_GROUP:
      if (term->op == OP_CONTAINS || term->op == OP_EQ)
        return TRUE;
      g_set_error (error, EXTOPO_SEARCH_ERROR, EXTOPO_SEARCH_ERROR_INVALID_COMPARISON,
                   /* Translators: a field that is text, compared with < or >. */
                   _("“%s:” is text: it takes a part of a name, or = and the whole name, "
                     "but not < or >"), field_table[i].name);
      return FALSE;
    case KIND_FREE:
    case KIND_PRODUCT:
    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

/* "name:x" has a field; "10.0.0.1:389" and "x" do not. */
static gboolean
split_field (const char  *token,
             char       **name,
             const char **value)
{
  const char *colon = strchr (token, ':');

  if (colon == NULL || colon == token)
    return FALSE;
  for (const char *p = token; p < colon; p++)
    if (!g_ascii_isalpha (*p))
      return FALSE;

  *name = g_strndup (token, colon - token);
  *value = colon + 1;

  return TRUE;
}

ExtopoSearch *
extopo_search_new (const char  *query,
                   GError     **error)
{
  g_autoptr(ExtopoSearch) self = g_new0 (ExtopoSearch, 1);
  const char *cursor = query != NULL ? query : "";
  char *token;

  self->terms = g_array_new (FALSE, TRUE, sizeof (Term));
  g_array_set_clear_func (self->terms, term_clear);

  while ((token = next_token (&cursor)) != NULL)
    {
      g_autofree char *owned = token;
      g_autofree char *name = NULL;
      const char *value = NULL;
      Term term = { 0 };

      if (split_field (token, &name, &value))
        {
          gboolean ok = parse_field_term (name, value, &term, error);

          if (!ok)
            {
              term_clear (&term);
              return NULL;
            }
        }
      else
        {
          term.kind = KIND_FREE;
          term.needle = g_strstrip (extopo_search_fold (token));
          term.length = strlen (term.needle);
          if (term.length == 0)
            {
              term_clear (&term);
              continue;
            }
        }

      g_array_append_val (self->terms, term);
    }

  return g_steal_pointer (&self);
}

void
extopo_search_free (ExtopoSearch *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->terms, g_array_unref);
  g_free (self);
}

guint
extopo_search_get_n_terms (ExtopoSearch *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->terms->len;
}

gboolean
extopo_search_is_text_only (ExtopoSearch *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->terms->len; i++)
    if (g_array_index (self->terms, Term, i).kind != KIND_FREE)
      return FALSE;

  return TRUE;
}

/* Matching */

static const char *
find_bytes (const char *haystack,
            gsize       haystack_length,
            const char *needle,
            gsize       needle_length)
{
  const char *p = haystack;
  const char *last;

  if (needle_length == 0)
    return haystack;
  if (haystack_length < needle_length)
    return NULL;

  last = haystack + haystack_length - needle_length;
  while (p <= last)
    {
      p = memchr (p, needle[0], last - p + 1);
      if (p == NULL)
        return NULL;
      if (memcmp (p, needle, needle_length) == 0)
        return p;
      p++;
    }

  return NULL;
}

/* One of the field's values is the needle, whole. */
static gboolean
has_value (const char *field,
           gsize       field_length,
           const char *needle,
           gsize       needle_length)
{
  const char *end = field + field_length;
  const char *value = field;

  while (value <= end)
    {
      const char *next = memchr (value, VALUE_SEPARATOR, end - value);
      const char *value_end = next != NULL ? next : end;

      if ((gsize) (value_end - value) == needle_length &&
          memcmp (value, needle, needle_length) == 0)
        return TRUE;
      if (next == NULL)
        break;
      value = next + 1;
    }

  return FALSE;
}

static gboolean
match_fields (ExtopoSearchIndex *index,
              guint              server_index,
              Field              first,
              Field              last,
              const Term        *term)
{
  const gsize *offsets = index->offsets + (gsize) server_index * (N_FIELDS + 1);
  const char *start = index->text + offsets[first];
  /* Each field ends with its separator. */
  gsize length = offsets[last + 1] - 1 - offsets[first];

  if (term->op == OP_EQ)
    {
      for (Field field = first; field <= last; field++)
        if (has_value (index->text + offsets[field], offsets[field + 1] - 1 - offsets[field],
                       term->needle, term->length))
          return TRUE;
      return FALSE;
    }

  return find_bytes (start, length, term->needle, term->length) != NULL;
}

static gboolean
compare (Op  op,
         int difference)
{
  switch (op)
    {
    case OP_LT:
      return difference < 0;
    case OP_LE:
      return difference <= 0;
    case OP_GT:
      return difference > 0;
    case OP_GE:
      return difference >= 0;
    case OP_CONTAINS:
    case OP_EQ:
    default:
      return difference == 0;
    }
}

/* Compares the first @n of @values with the term's numbers. */
static int
compare_numbers (const guint *values,
                 const Term  *term)
{
  for (guint i = 0; i < term->n_numbers; i++)
    if (values[i] != term->numbers[i])
      return values[i] < term->numbers[i] ? -1 : 1;

  return 0;
}

static gboolean
match_term (const Term         *term,
            ExtopoSearchIndex  *index,
            const ExtopoServer *server)
{
  const ExtopoVersion *version = &server->version;
  guint numbers[4] = { version->major, version->minor, version->build, version->revision };

  switch (term->kind)
    {
    case KIND_FREE:
      return match_fields (index, server->index, 0, N_FREE_FIELDS - 1, term);
    case KIND_FIELD:
      return match_fields (index, server->index, term->field, term->field, term);
    case KIND_GROUP:
      return match_fields (index, server->index, FIELD_ADMIN_GROUP, FIELD_ROUTING_GROUP, term);
    case KIND_SERVICE_PACK:
      return version->known && version->service_pack >= 0 &&
             compare (term->op, version->service_pack - term->value);
    case KIND_BUILD:
      return version->known && version->build > 0 &&
             compare (term->op, compare_numbers (numbers + 2, term));
    case KIND_PRODUCT:
      return version->known && version->product != EXTOPO_PRODUCT_UNKNOWN &&
             compare (term->op, (int) version->product - term->value);
    case KIND_VERSION_NUMBERS:
      return version->known && compare (term->op, compare_numbers (numbers, term));
    case KIND_STATUS:
      return compare (term->op, (int) server->status - term->value);
    default:
      g_assert_not_reached ();
    }

  return FALSE;
}

gboolean
extopo_search_match_server (ExtopoSearch       *self,
                            ExtopoSearchIndex  *index,
                            const ExtopoServer *server)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index != NULL, FALSE);
  g_return_val_if_fail (server != NULL, FALSE);

  if (server->index >= index->n_servers)
    return FALSE;

  for (guint i = 0; i < self->terms->len; i++)
    if (!match_term (&g_array_index (self->terms, Term, i), index, server))
      return FALSE;

  return TRUE;
}

gboolean
extopo_search_match_text (ExtopoSearch *self,
                          const char   *text)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!extopo_search_is_text_only (self))
    return FALSE;
  if (self->terms->len == 0)
    return TRUE;

  folded = extopo_search_fold (text != NULL ? text : "");
  for (guint i = 0; i < self->terms->len; i++)
    {
      const Term *term = &g_array_index (self->terms, Term, i);

      if (strstr (folded, term->needle) == NULL)
        return FALSE;
    }

  return TRUE;
}
