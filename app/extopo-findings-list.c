/* extopo-findings-list.c: every finding of the model, grouped by severity.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-findings-list"

#include "config.h"

#include <glib/gi18n.h>

#include "extopo-findings-list.h"

/* A GtkListBox lays out every row: big organizations have thousands of
 * findings, so each severity shows a page of rows and a "more" row. */
#define ROWS_PER_PAGE 50

struct _ExtopoFindingsList
{
  GtkBox       parent_instance;

  /* template children */
  GtkStack    *stack;
  GtkListBox  *list_box;

  /* owned */
  ExtopoModel *model;
  guint        counts[EXTOPO_SEVERITY_ERROR + 1];
  guint        limits[EXTOPO_SEVERITY_ERROR + 1];
  guint        n_rows;
};

G_DEFINE_TYPE (ExtopoFindingsList, extopo_findings_list, GTK_TYPE_BOX)

enum
{
  FINDING_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

const char *
extopo_severity_get_icon_name (ExtopoSeverity severity)
{
  switch (severity)
    {
    case EXTOPO_SEVERITY_ERROR:
      return "dialog-error-symbolic";
    case EXTOPO_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case EXTOPO_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

static ExtopoFinding *
row_get_finding (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "extopo-finding");
}

static ExtopoSeverity
row_get_severity (GtkListBoxRow *row)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "extopo-severity"));
}

static char *
severity_heading (ExtopoSeverity severity,
                  guint          count)
{
  switch (severity)
    {
    case EXTOPO_SEVERITY_ERROR:
      return g_strdup_printf (_("Errors (%u)"), count);
    case EXTOPO_SEVERITY_WARNING:
      return g_strdup_printf (_("Warnings (%u)"), count);
    case EXTOPO_SEVERITY_INFO:
    default:
      return g_strdup_printf (_("Information (%u)"), count);
    }
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  ExtopoFindingsList *self = user_data;
  ExtopoSeverity severity = row_get_severity (row);
  g_autofree char *text = NULL;
  GtkWidget *header;

  if (before != NULL && row_get_severity (before) == severity)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  text = severity_heading (severity, self->counts[severity]);
  header = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (header), 0.0);
  gtk_style_context_add_class (gtk_widget_get_style_context (header), "extopo-findings-header");
  gtk_style_context_add_class (gtk_widget_get_style_context (header),
                               extopo_severity_to_string (severity));
  gtk_widget_show (header);
  gtk_list_box_row_set_header (row, header);
}

static GtkWidget *
wrapped_label (const char *text,
               const char *style_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_line_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_line_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
  if (style_class != NULL)
    gtk_style_context_add_class (gtk_widget_get_style_context (label), style_class);

  return label;
}

static GtkWidget *
create_row (ExtopoFinding *finding)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name (extopo_severity_get_icon_name (finding->severity),
                                                  GTK_ICON_SIZE_LARGE_TOOLBAR);
  const char *subject = extopo_model_object_get_name (finding->subject_kind, finding->subject);

  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_style_context_add_class (gtk_widget_get_style_context (icon),
                               extopo_severity_to_string (finding->severity));

  if (subject != NULL && *subject != '\0')
    gtk_container_add (GTK_CONTAINER (texts), wrapped_label (subject, "extopo-finding-subject"));
  gtk_container_add (GTK_CONTAINER (texts),
                     wrapped_label (finding->message, "extopo-finding-message"));
  if (finding->remedy != NULL && *finding->remedy != '\0')
    gtk_container_add (GTK_CONTAINER (texts), wrapped_label (finding->remedy, "dim-label"));
  if (finding->secondary_source)
    gtk_container_add (GTK_CONTAINER (texts),
                       wrapped_label (_("Based on a secondary source."), "extopo-finding-note"));

  gtk_container_add (GTK_CONTAINER (box), icon);
  gtk_box_pack_start (GTK_BOX (box), texts, TRUE, TRUE, 0);
  gtk_container_set_border_width (GTK_CONTAINER (box), 8);
  gtk_container_add (GTK_CONTAINER (row), box);
  gtk_widget_set_tooltip_text (row, finding->subject_dn);
  g_object_set_data (G_OBJECT (row), "extopo-finding", finding);
  g_object_set_data (G_OBJECT (row), "extopo-severity", GUINT_TO_POINTER (finding->severity));
  gtk_widget_show_all (row);

  return row;
}

static GtkWidget *
create_more_row (ExtopoSeverity severity,
                 guint          n_hidden)
{
  GtkWidget *row = gtk_list_box_row_new ();
  g_autofree char *text = NULL;
  GtkWidget *label;

  /* Translators: the last row of a long list of findings. */
  text = g_strdup_printf (ngettext ("Show %u more…", "Show %u more…", n_hidden), n_hidden);
  label = gtk_label_new (text);
  g_object_set (label, "margin", 8, NULL);
  gtk_style_context_add_class (gtk_widget_get_style_context (label), "dim-label");
  gtk_container_add (GTK_CONTAINER (row), label);
  g_object_set_data (G_OBJECT (row), "extopo-severity", GUINT_TO_POINTER (severity));
  gtk_widget_show_all (row);

  return row;
}

static void
populate (ExtopoFindingsList *self)
{
  GPtrArray *findings = self->model != NULL ? extopo_model_get_findings (self->model) : NULL;
  GList *children;

  children = gtk_container_get_children (GTK_CONTAINER (self->list_box));
  for (GList *l = children; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
  g_list_free (children);
  self->n_rows = 0;

  /* Most severe first, the model's order kept within a severity. */
  for (int severity = EXTOPO_SEVERITY_ERROR; severity >= EXTOPO_SEVERITY_INFO; severity--)
    {
      guint shown = 0;

      for (guint i = 0; findings != NULL && i < findings->len; i++)
        {
          ExtopoFinding *finding = g_ptr_array_index (findings, i);

          if ((int) finding->severity != severity || shown == self->limits[severity])
            continue;
          gtk_container_add (GTK_CONTAINER (self->list_box), create_row (finding));
          shown++;
        }
      self->n_rows += shown;

      if (shown < self->counts[severity])
        gtk_container_add (GTK_CONTAINER (self->list_box),
                           create_more_row (severity, self->counts[severity] - shown));
    }

  gtk_stack_set_visible_child_name (self->stack, self->n_rows > 0 ? "list" : "empty");
}

static void
row_activated_cb (GtkListBox         *list_box,
                  GtkListBoxRow      *row,
                  ExtopoFindingsList *self)
{
  ExtopoFinding *finding = row_get_finding (row);
  ExtopoSeverity severity = row_get_severity (row);
  int index;

  if (finding != NULL)
    {
      g_signal_emit (self, signals[FINDING_ACTIVATED], 0, finding);
      return;
    }

  /* The "more" row: show the next pages, keeping the place in the list. */
  index = gtk_list_box_row_get_index (row);
  self->limits[severity] += 5 * ROWS_PER_PAGE;
  populate (self);
  row = gtk_list_box_get_row_at_index (self->list_box, index);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
extopo_findings_list_dispose (GObject *object)
{
  ExtopoFindingsList *self = EXTOPO_FINDINGS_LIST (object);

  g_clear_object (&self->model);

  G_OBJECT_CLASS (extopo_findings_list_parent_class)->dispose (object);
}

static void
extopo_findings_list_class_init (ExtopoFindingsListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = extopo_findings_list_dispose;

  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/extopo/ExTopo/extopo-findings-list.ui");
  gtk_widget_class_bind_template_child (widget_class, ExtopoFindingsList, stack);
  gtk_widget_class_bind_template_child (widget_class, ExtopoFindingsList, list_box);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
extopo_findings_list_init (ExtopoFindingsList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_header_func (self->list_box, header_func, self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

GtkWidget *
extopo_findings_list_new (void)
{
  return g_object_new (EXTOPO_TYPE_FINDINGS_LIST, NULL);
}

void
extopo_findings_list_set_model (ExtopoFindingsList *self,
                                ExtopoModel        *model)
{
  GPtrArray *findings;

  g_return_if_fail (EXTOPO_IS_FINDINGS_LIST (self));
  g_return_if_fail (model == NULL || EXTOPO_IS_MODEL (model));

  g_set_object (&self->model, model);
  memset (self->counts, 0, sizeof self->counts);
  for (guint i = 0; i < G_N_ELEMENTS (self->limits); i++)
    self->limits[i] = ROWS_PER_PAGE;

  findings = model != NULL ? extopo_model_get_findings (model) : NULL;
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    self->counts[((ExtopoFinding *) g_ptr_array_index (findings, i))->severity]++;

  populate (self);
}

guint
extopo_findings_list_get_n_rows (ExtopoFindingsList *self)
{
  g_return_val_if_fail (EXTOPO_IS_FINDINGS_LIST (self), 0);

  return self->n_rows;
}

ExtopoFinding *
extopo_findings_list_get_finding (ExtopoFindingsList *self,
                                  guint               index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (EXTOPO_IS_FINDINGS_LIST (self), NULL);

  row = gtk_list_box_get_row_at_index (self->list_box, index);

  return row != NULL ? row_get_finding (row) : NULL;
}

gboolean
extopo_findings_list_activate_row (ExtopoFindingsList *self,
                                   guint               index)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (EXTOPO_IS_FINDINGS_LIST (self), FALSE);

  row = gtk_list_box_get_row_at_index (self->list_box, index);
  if (row == NULL)
    return FALSE;

  g_signal_emit_by_name (self->list_box, "row-activated", row);

  return TRUE;
}
