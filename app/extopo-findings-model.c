/* extopo-findings-model.c: a model's findings as rows of a GtkTreeModel,
 * filtered and optionally grouped by finding ID.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-findings-model"

#include "config.h"

#include <glib/gi18n.h>

#include "extopo-findings-model.h"

typedef struct
{
  const char     *id;       /* borrowed from a finding */
  char           *label;    /* "× N", shown beside the ID */
  ExtopoSeverity  severity; /* the worst of its findings */
  guint           start;    /* its first finding in self->findings */
  guint           count;
} Group;

struct _ExtopoFindingsModel
{
  GObject      parent_instance;

  /* owned */
  ExtopoModel *model;    /* keeps the findings alive */
  GPtrArray   *findings; /* ExtopoFinding*, borrowed; grouped, one group after the other */
  GArray      *groups;   /* Group; NULL when not grouped */
  int          stamp;
};

/* An iterator is (top-level row, child + 1); child 0 means the top-level row itself. */
#define ITER_TOP(iter)   GPOINTER_TO_UINT ((iter)->user_data)
#define ITER_CHILD(iter) GPOINTER_TO_UINT ((iter)->user_data2)

static void extopo_findings_model_tree_model_init (GtkTreeModelIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ExtopoFindingsModel, extopo_findings_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_TREE_MODEL,
                                                      extopo_findings_model_tree_model_init))

static guint
n_top_rows (ExtopoFindingsModel *self)
{
  return self->groups != NULL ? self->groups->len : self->findings->len;
}

static Group *
get_group (ExtopoFindingsModel *self,
           guint                top)
{
  return self->groups != NULL ? &g_array_index (self->groups, Group, top) : NULL;
}

static gboolean
set_iter (ExtopoFindingsModel *self,
          GtkTreeIter         *iter,
          guint                top,
          guint                child)
{
  iter->stamp = self->stamp;
  iter->user_data = GUINT_TO_POINTER (top);
  iter->user_data2 = GUINT_TO_POINTER (child);
  iter->user_data3 = NULL;

  return TRUE;
}

static gboolean
invalidate_iter (GtkTreeIter *iter)
{
  iter->stamp = 0;

  return FALSE;
}

/* The finding on the row, or NULL on a group row. */
static ExtopoFinding *
iter_get_finding (ExtopoFindingsModel *self,
                  GtkTreeIter         *iter)
{
  Group *group = get_group (self, ITER_TOP (iter));

  if (group == NULL)
    return g_ptr_array_index (self->findings, ITER_TOP (iter));
  if (ITER_CHILD (iter) == 0)
    return NULL;

  return g_ptr_array_index (self->findings, group->start + ITER_CHILD (iter) - 1);
}

static GtkTreeModelFlags
extopo_findings_model_get_flags (GtkTreeModel *tree_model)
{
  ExtopoFindingsModel *self = EXTOPO_FINDINGS_MODEL (tree_model);

  return GTK_TREE_MODEL_ITERS_PERSIST | (self->groups == NULL ? GTK_TREE_MODEL_LIST_ONLY : 0);
}

static int
extopo_findings_model_get_n_columns (GtkTreeModel *tree_model)
{
  return EXTOPO_FINDINGS_N_COLUMNS;
}

static GType
extopo_findings_model_get_column_type (GtkTreeModel *tree_model,
                                       int           column)
{
  switch (column)
    {
    case EXTOPO_FINDINGS_COLUMN_SEVERITY:
      return G_TYPE_INT;
    case EXTOPO_FINDINGS_COLUMN_ID:
    case EXTOPO_FINDINGS_COLUMN_SUBJECT:
    case EXTOPO_FINDINGS_COLUMN_MESSAGE:
      return G_TYPE_STRING;
    case EXTOPO_FINDINGS_COLUMN_FINDING:
      return G_TYPE_POINTER;
    case EXTOPO_FINDINGS_COLUMN_COUNT:
      return G_TYPE_UINT;
    default:
      g_return_val_if_reached (G_TYPE_INVALID);
    }
}

static gboolean
extopo_findings_model_get_iter (GtkTreeModel *tree_model,
                                GtkTreeIter  *iter,
                                GtkTreePath  *path)
{
  ExtopoFindingsModel *self = EXTOPO_FINDINGS_MODEL (tree_model);
  int depth = 0;
  int *indices = gtk_tree_path_get_indices_with_depth (path, &depth);
  Group *group;

  if (depth < 1 || depth > 2 || indices[0] < 0 || (guint) indices[0] >= n_top_rows (self))
    return invalidate_iter (iter);
  if (depth == 1)
    return set_iter (self, iter, indices[0], 0);

  group = get_group (self, indices[0]);
  if (group == NULL || indices[1] < 0 || (guint) indices[1] >= group->count)
    return invalidate_iter (iter);

  return set_iter (self, iter, indices[0], indices[1] + 1);
}

static GtkTreePath *
extopo_findings_model_get_path (GtkTreeModel *tree_model,
                                GtkTreeIter  *iter)
{
  ExtopoFindingsModel *self = EXTOPO_FINDINGS_MODEL (tree_model);
  GtkTreePath *path;

  g_return_val_if_fail (iter->stamp == self->stamp, NULL);

  path = gtk_tree_path_new_from_indices (ITER_TOP (iter), -1);
  if (ITER_CHILD (iter) > 0)
    gtk_tree_path_append_index (path, ITER_CHILD (iter) - 1);

  return path;
}

static void
extopo_findings_model_get_value (GtkTreeModel *tree_model,
                                 GtkTreeIter  *iter,
                                 int           column,
                                 GValue       *value)
{
  ExtopoFindingsModel *self = EXTOPO_FINDINGS_MODEL (tree_model);
  ExtopoFinding *finding;
  Group *group;
  const char *subject;

  g_return_if_fail (iter->stamp == self->stamp);

  finding = iter_get_finding (self, iter);
  group = finding == NULL ? get_group (self, ITER_TOP (iter)) : NULL;
  g_value_init (value, extopo_findings_model_get_column_type (tree_model, column));

  switch (column)
    {
    case EXTOPO_FINDINGS_COLUMN_SEVERITY:
      g_value_set_int (value, group != NULL ? (int) group->severity : (int) finding->severity);
      break;
    case EXTOPO_FINDINGS_COLUMN_ID:
      g_value_set_string (value, group != NULL ? group->id : finding->id);
      break;
    case EXTOPO_FINDINGS_COLUMN_SUBJECT:
      subject = finding != NULL
                ? extopo_model_object_get_name (finding->subject_kind, finding->subject)
                : group->label;
      g_value_set_string (value, subject != NULL ? subject : "");
      break;
    case EXTOPO_FINDINGS_COLUMN_MESSAGE:
      g_value_set_string (value, finding != NULL ? finding->message : "");
      break;
    case EXTOPO_FINDINGS_COLUMN_FINDING:
      g_value_set_pointer (value, finding);
      break;
    case EXTOPO_FINDINGS_COLUMN_COUNT:
      g_value_set_uint (value, group != NULL ? group->count : 1);
      break;
    default:
      g_return_if_reached ();
    }
}

/* Moves @iter by @step rows (1 or -1) among its siblings. */
static gboolean
move_iter (ExtopoFindingsModel *self,
           GtkTreeIter         *iter,
           int                  step)
{
  guint top = ITER_TOP (iter);
  guint child = ITER_CHILD (iter);
  guint n_siblings;
  gint64 index;

  g_return_val_if_fail (iter->stamp == self->stamp, FALSE);

  n_siblings = child > 0 ? get_group (self, top)->count : n_top_rows (self);
  index = (gint64) (child > 0 ? child - 1 : top) + step;
  if (index < 0 || index >= n_siblings)
    return invalidate_iter (iter);

  return child > 0 ? set_iter (self, iter, top, index + 1) : set_iter (self, iter, index, 0);
}

static gboolean
extopo_findings_model_iter_next (GtkTreeModel *tree_model,
                                 GtkTreeIter  *iter)
{
  return move_iter (EXTOPO_FINDINGS_MODEL (tree_model), iter, 1);
}

static gboolean
extopo_findings_model_iter_previous (GtkTreeModel *tree_model,
                                     GtkTreeIter  *iter)
{
  return move_iter (EXTOPO_FINDINGS_MODEL (tree_model), iter, -1);
}

static gboolean
extopo_findings_model_iter_nth_child (GtkTreeModel *tree_model,
                                      GtkTreeIter  *iter,
                                      GtkTreeIter  *parent,
                                      int           n)
{
  ExtopoFindingsModel *self = EXTOPO_FINDINGS_MODEL (tree_model);
  Group *group;

  if (n < 0)
    return invalidate_iter (iter);

  if (parent == NULL)
    return (guint) n < n_top_rows (self) ? set_iter (self, iter, n, 0) : invalidate_iter (iter);

  g_return_val_if_fail (parent->stamp == self->stamp, FALSE);

  group = get_group (self, ITER_TOP (parent));
  if (group == NULL || ITER_CHILD (parent) > 0 || (guint) n >= group->count)
    return invalidate_iter (iter);

  return set_iter (self, iter, ITER_TOP (parent), n + 1);
}

static gboolean
extopo_findings_model_iter_children (GtkTreeModel *tree_model,
                                     GtkTreeIter  *iter,
                                     GtkTreeIter  *parent)
{
  return extopo_findings_model_iter_nth_child (tree_model, iter, parent, 0);
}

static int
extopo_findings_model_iter_n_children (GtkTreeModel *tree_model,
                                       GtkTreeIter  *iter)
{
  ExtopoFindingsModel *self = EXTOPO_FINDINGS_MODEL (tree_model);
  Group *group;

  if (iter == NULL)
    return n_top_rows (self);

  g_return_val_if_fail (iter->stamp == self->stamp, 0);

  group = get_group (self, ITER_TOP (iter));

  return group != NULL && ITER_CHILD (iter) == 0 ? (int) group->count : 0;
}

static gboolean
extopo_findings_model_iter_has_child (GtkTreeModel *tree_model,
                                      GtkTreeIter  *iter)
{
  return extopo_findings_model_iter_n_children (tree_model, iter) > 0;
}

static gboolean
extopo_findings_model_iter_parent (GtkTreeModel *tree_model,
                                   GtkTreeIter  *iter,
                                   GtkTreeIter  *child)
{
  ExtopoFindingsModel *self = EXTOPO_FINDINGS_MODEL (tree_model);

  g_return_val_if_fail (child->stamp == self->stamp, FALSE);

  if (ITER_CHILD (child) == 0)
    return invalidate_iter (iter);

  return set_iter (self, iter, ITER_TOP (child), 0);
}

static void
extopo_findings_model_tree_model_init (GtkTreeModelIface *iface)
{
  iface->get_flags = extopo_findings_model_get_flags;
  iface->get_n_columns = extopo_findings_model_get_n_columns;
  iface->get_column_type = extopo_findings_model_get_column_type;
  iface->get_iter = extopo_findings_model_get_iter;
  iface->get_path = extopo_findings_model_get_path;
  iface->get_value = extopo_findings_model_get_value;
  iface->iter_next = extopo_findings_model_iter_next;
  iface->iter_previous = extopo_findings_model_iter_previous;
  iface->iter_children = extopo_findings_model_iter_children;
  iface->iter_has_child = extopo_findings_model_iter_has_child;
  iface->iter_n_children = extopo_findings_model_iter_n_children;
  iface->iter_nth_child = extopo_findings_model_iter_nth_child;
  iface->iter_parent = extopo_findings_model_iter_parent;
}

static void
clear_group (gpointer data)
{
  g_free (((Group *) data)->label);
}

static void
extopo_findings_model_finalize (GObject *object)
{
  ExtopoFindingsModel *self = EXTOPO_FINDINGS_MODEL (object);

  g_clear_pointer (&self->groups, g_array_unref);
  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (extopo_findings_model_parent_class)->finalize (object);
}

static void
extopo_findings_model_class_init (ExtopoFindingsModelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = extopo_findings_model_finalize;
}

static void
extopo_findings_model_init (ExtopoFindingsModel *self)
{
  /* Never 0, which marks an invalid iterator. */
  self->stamp = g_random_int_range (1, G_MAXINT);
  self->findings = g_ptr_array_new ();
}

/* Reorders self->findings group after group, each group in the order its
 * findings had; groups come in the order their first finding had, so the
 * worst group comes first. */
static void
group_findings (ExtopoFindingsModel *self)
{
  g_autoptr(GHashTable) index_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *group_of = g_new (guint, MAX (self->findings->len, 1));
  g_autofree guint *next = NULL;
  g_autoptr(GPtrArray) grouped = NULL;
  guint start = 0;

  self->groups = g_array_new (FALSE, TRUE, sizeof (Group));
  g_array_set_clear_func (self->groups, clear_group);

  for (guint i = 0; i < self->findings->len; i++)
    {
      ExtopoFinding *finding = g_ptr_array_index (self->findings, i);
      gpointer value;
      Group *group;

      if (!g_hash_table_lookup_extended (index_of, finding->id, NULL, &value))
        {
          Group new_group = { finding->id, NULL, finding->severity, 0, 0 };

          value = GUINT_TO_POINTER (self->groups->len);
          g_hash_table_insert (index_of, (gpointer) finding->id, value);
          g_array_append_val (self->groups, new_group);
        }
      group_of[i] = GPOINTER_TO_UINT (value);
      group = get_group (self, group_of[i]);
      group->count++;
      group->severity = MAX (group->severity, finding->severity);
    }

  next = g_new (guint, MAX (self->groups->len, 1));
  for (guint g = 0; g < self->groups->len; g++)
    {
      Group *group = get_group (self, g);

      group->start = next[g] = start;
      start += group->count;
      /* Translators: beside a finding ID, how many findings have it. */
      group->label = g_strdup_printf (_("× %u"), group->count);
    }

  grouped = g_ptr_array_sized_new (self->findings->len);
  g_ptr_array_set_size (grouped, self->findings->len);
  for (guint i = 0; i < self->findings->len; i++)
    grouped->pdata[next[group_of[i]]++] = g_ptr_array_index (self->findings, i);

  g_ptr_array_unref (self->findings);
  self->findings = g_steal_pointer (&grouped);
}

ExtopoFindingsModel *
extopo_findings_model_new (ExtopoModel *model,
                           int          severity,
                           const char  *id,
                           gboolean     group_by_id)
{
  ExtopoFindingsModel *self;
  GPtrArray *findings;

  g_return_val_if_fail (model == NULL || EXTOPO_IS_MODEL (model), NULL);
  g_return_val_if_fail (severity >= EXTOPO_FINDINGS_ANY_SEVERITY &&
                        severity <= EXTOPO_SEVERITY_ERROR, NULL);

  self = g_object_new (EXTOPO_TYPE_FINDINGS_MODEL, NULL);
  if (model == NULL)
    return self;

  self->model = g_object_ref (model);
  findings = extopo_model_get_findings (model);

  /* Most severe first, the model's order kept within a severity. */
  for (int s = EXTOPO_SEVERITY_ERROR; s >= EXTOPO_SEVERITY_INFO; s--)
    {
      if (severity != EXTOPO_FINDINGS_ANY_SEVERITY && s != severity)
        continue;

      for (guint i = 0; i < findings->len; i++)
        {
          ExtopoFinding *finding = g_ptr_array_index (findings, i);

          if ((int) finding->severity == s && (id == NULL || g_str_equal (finding->id, id)))
            g_ptr_array_add (self->findings, finding);
        }
    }

  if (group_by_id)
    group_findings (self);

  return self;
}

guint
extopo_findings_model_get_n_findings (ExtopoFindingsModel *self)
{
  g_return_val_if_fail (EXTOPO_IS_FINDINGS_MODEL (self), 0);

  return self->findings->len;
}

GtkTreePath *
extopo_findings_model_get_path_for_finding (ExtopoFindingsModel *self,
                                            ExtopoFinding       *finding)
{
  guint index;

  g_return_val_if_fail (EXTOPO_IS_FINDINGS_MODEL (self), NULL);

  if (finding == NULL || !g_ptr_array_find (self->findings, finding, &index))
    return NULL;
  if (self->groups == NULL)
    return gtk_tree_path_new_from_indices (index, -1);

  for (guint g = 0; g < self->groups->len; g++)
    {
      Group *group = get_group (self, g);

      if (index < group->start + group->count)
        return gtk_tree_path_new_from_indices (g, index - group->start, -1);
    }

  g_return_val_if_reached (NULL);
}
