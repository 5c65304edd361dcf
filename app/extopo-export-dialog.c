/* extopo-export-dialog.c: writes the diagram to SVG, PDF, PNG, DOT, JSON or CSV.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-export-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "extopo-export-dialog.h"
#include "extopo-history.h"
#include "extopo-layout.h"
#include "extopo-loader.h"
#include "extopo-pages.h"

struct _ExtopoExportDialog
{
  GtkDialog       parent_instance;

  /* template children */
  GtkComboBoxText *format_combo;
  GtkRadioButton  *whole_radio;
  GtkRadioButton  *visible_radio;
  GtkEntry        *title_entry;
  GtkCheckButton  *legend_check;
  GtkComboBoxText *paper_combo;
  GtkCheckButton  *anonymize_check;
  GtkLabel        *path_label;
  GtkSpinner      *spinner;
  GtkLabel        *status_label;

  /* owned */
  ExtopoGeometry  *geometry;
  ExtopoRect       visible;
  char            *path;
  GCancellable    *cancellable;
  char            *source_path;   /* the LDIF file shown, to read again anonymized */
  GHashTable      *collapsed;
  char            *history_folder; /* snapshots whose progress an HTML report includes */
  ExtopoChangeSet *changes;        /* the comparison shown, or NULL */
};

G_DEFINE_TYPE (ExtopoExportDialog, extopo_export_dialog, GTK_TYPE_DIALOG)

enum
{
  EXPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The combo's ids in ExtopoExportFormat order. */
static const char * const format_ids[] = { "svg", "pdf", "png", "dot", "json", "csv", "html", "vsdx" };

G_STATIC_ASSERT (G_N_ELEMENTS (format_ids) == EXTOPO_EXPORT_UNKNOWN);

typedef struct
{
  ExtopoGeometry     *geometry;
  ExtopoExportFormat  format;
  char               *path;
  char               *title;
  gboolean            show_legend;
  gboolean            visible_only;
  ExtopoRect          visible;
  ExtopoPaper         paper;
  gboolean            anonymize;
  char               *source_path;
  GHashTable         *collapsed;
  char               *history_folder;
  ExtopoChangeSet    *changes;
} WriteJob;

static void
write_job_free (WriteJob *job)
{
  g_clear_pointer (&job->geometry, extopo_geometry_unref);
  g_free (job->path);
  g_free (job->title);
  g_free (job->source_path);
  g_clear_pointer (&job->collapsed, g_hash_table_unref);
  g_free (job->history_folder);
  g_clear_pointer (&job->changes, extopo_change_set_free);
  g_free (job);
}

ExtopoExportFormat
extopo_export_dialog_get_format (ExtopoExportDialog *self)
{
  const char *id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->format_combo));

  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (format_ids); i++)
    if (g_str_equal (id, format_ids[i]))
      return i;

  return EXTOPO_EXPORT_SVG;
}

static void
set_status (ExtopoExportDialog *self,
            const char         *text,
            gboolean            busy,
            gboolean            error)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (self->status_label));

  gtk_label_set_text (self->status_label, text != NULL ? text : "");
  if (error)
    gtk_style_context_add_class (context, "error");
  else
    gtk_style_context_remove_class (context, "error");
  if (busy)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
  gtk_dialog_set_response_sensitive (GTK_DIALOG (self), GTK_RESPONSE_OK, !busy);
}

/* Keeps the destination's extension in step with the chosen format. */
static void
update_path_extension (ExtopoExportDialog *self)
{
  const char *extension = extopo_export_format_get_extension (extopo_export_dialog_get_format (self));
  g_autofree char *stem = NULL;
  const char *dot;
  const char *slash;

  if (self->path == NULL)
    return;

  dot = strrchr (self->path, '.');
  slash = strrchr (self->path, G_DIR_SEPARATOR);
  if (dot != NULL && (slash == NULL || dot > slash))
    stem = g_strndup (self->path, dot - self->path);
  else
    stem = g_strdup (self->path);

  g_free (self->path);
  self->path = g_strdup_printf ("%s.%s", stem, extension);
  gtk_label_set_text (self->path_label, self->path);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->path_label), self->path);
}

static gboolean
format_is_drawing (ExtopoExportFormat format)
{
  return format == EXTOPO_EXPORT_SVG || format == EXTOPO_EXPORT_PDF ||
         format == EXTOPO_EXPORT_PNG || format == EXTOPO_EXPORT_HTML;
}

static void
format_changed_cb (ExtopoExportDialog *self)
{
  gboolean drawing = format_is_drawing (extopo_export_dialog_get_format (self));

  /* Only the drawings have a page with a title, a legend and a visible part. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->visible_radio), drawing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->title_entry), drawing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->legend_check), drawing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->paper_combo),
                            extopo_export_dialog_get_format (self) == EXTOPO_EXPORT_PDF);
  update_path_extension (self);
}

static void
file_chooser_response_cb (GtkNativeDialog    *chooser,
                          int                 response,
                          ExtopoExportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autofree char *path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));
      ExtopoExportFormat format = extopo_export_format_from_path (path);

      if (format != EXTOPO_EXPORT_UNKNOWN)
        extopo_export_dialog_set_format (self, format);
      extopo_export_dialog_set_path (self, path);
    }

  g_object_unref (chooser);
}

static void
choose_button_clicked_cb (ExtopoExportDialog *self)
{
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter = gtk_file_filter_new ();
  ExtopoExportFormat format = extopo_export_dialog_get_format (self);
  g_autofree char *pattern = g_strdup_printf ("*.%s",
                                              extopo_export_format_get_extension (format));
  g_autofree char *format_name = gtk_combo_box_text_get_active_text (self->format_combo);

  chooser = gtk_file_chooser_native_new (_("Export Diagram"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_do_overwrite_confirmation (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, format_name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

  if (self->path != NULL)
    {
      g_autofree char *folder = g_path_get_dirname (self->path);
      g_autofree char *name = g_path_get_basename (self->path);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }

  g_signal_connect (chooser, "response", G_CALLBACK (file_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
write_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  WriteJob *job = task_data;
  ExtopoRenderOptions options;
  GError *error = NULL;
  g_autoptr(ExtopoModel) anonymized = NULL;
  g_autoptr(ExtopoGeometry) geometry = extopo_geometry_ref (job->geometry);
  g_autoptr(ExtopoHistory) history = NULL;

  /* Pseudonyms are given before the findings are written: the source is
   * read again, and laid out as the window shows it. */
  if (job->anonymize)
    {
      ExtopoLayoutOptions layout = { job->geometry->view, job->collapsed };

      anonymized = extopo_loader_load_file_full (job->source_path, EXTOPO_LOAD_ANONYMIZE,
                                                 cancellable, &error);
      g_clear_pointer (&geometry, extopo_geometry_unref);
      if (anonymized != NULL)
        geometry = extopo_layout_compute (anonymized, &layout, cancellable, &error);
      if (geometry == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  /* The report's progress over time: the folder read again here, so that
   * nothing the window frees is read by this thread. */
  if (job->format == EXTOPO_EXPORT_HTML && job->history_folder != NULL)
    {
      history = extopo_history_load (job->history_folder, cancellable, &error);
      if (history == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
    }

  extopo_render_options_init (&options);
  options.history = history;
  options.show_legend = job->show_legend;
  options.show_title = job->title != NULL && *job->title != '\0';
  options.title = job->title;
  options.visible = job->visible_only ? &job->visible : NULL;
  options.paper = job->paper;
  /* A comparison's marks, summary and key, as the window shows them; the
   * pseudonyms of an anonymized export would not match its DNs. */
  options.changes = job->anonymize ? NULL : job->changes;

  /* An on-screen export is usually small, so it gets a sharper bitmap. */
  if (extopo_export_write (geometry, job->format, job->path, &options,
                           job->visible_only ? 2.0 : 1.0, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
extopo_export_dialog_write_async (ExtopoExportDialog  *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WriteJob *job;

  g_return_if_fail (EXTOPO_IS_EXPORT_DIALOG (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, EXTOPO_TASK_TAG (extopo_export_dialog_write_async));

  if (self->path == NULL || self->geometry == NULL)
    {
      g_task_return_new_error (task, EXTOPO_EXPORT_ERROR, EXTOPO_EXPORT_ERROR_WRITE,
                               "%s", _("Choose where to save the export first."));
      return;
    }

  job = g_new0 (WriteJob, 1);
  job->geometry = extopo_geometry_ref (self->geometry);
  job->format = extopo_export_dialog_get_format (self);
  job->path = g_strdup (self->path);
  job->title = g_strdup (gtk_entry_get_text (self->title_entry));
  job->show_legend = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->legend_check));
  /* Only the drawings can be cut to what is on screen. */
  job->visible_only = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->visible_radio)) &&
                      format_is_drawing (job->format);
  job->visible = self->visible;
  job->paper = extopo_export_dialog_get_paper (self);
  job->anonymize = self->source_path != NULL &&
                   gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->anonymize_check));
  job->source_path = g_strdup (self->source_path);
  job->collapsed = self->collapsed != NULL ? g_hash_table_ref (self->collapsed) : NULL;
  job->history_folder = g_strdup (self->history_folder);
  job->changes = self->changes != NULL ? extopo_change_set_ref (self->changes) : NULL;
  g_task_set_task_data (task, job, (GDestroyNotify) write_job_free);
  g_task_run_in_thread (task, write_worker);
}

gboolean
extopo_export_dialog_write_finish (ExtopoExportDialog  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  g_return_val_if_fail (EXTOPO_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
write_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ExtopoExportDialog *self = EXTOPO_EXPORT_DIALOG (object);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (extopo_export_dialog_write_finish (self, result, &error))
    {
      g_signal_emit (self, signals[EXPORTED], 0, self->path);
      gtk_widget_destroy (GTK_WIDGET (self));
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Translators: %s is the file, then the reason. */
  message = g_strdup_printf (_("Could not export to %s: %s"), self->path, error->message);
  set_status (self, message, FALSE, TRUE);
}

static void
response_cb (ExtopoExportDialog *self,
             int                 response)
{
  if (response != GTK_RESPONSE_OK)
    {
      g_cancellable_cancel (self->cancellable);
      gtk_widget_destroy (GTK_WIDGET (self));
      return;
    }

  if (self->path == NULL)
    {
      choose_button_clicked_cb (self);
      return;
    }

  set_status (self, _("Exporting…"), TRUE, FALSE);
  extopo_export_dialog_write_async (self, self->cancellable, write_done_cb, NULL);
}

static void
extopo_export_dialog_dispose (GObject *object)
{
  ExtopoExportDialog *self = EXTOPO_EXPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->geometry, extopo_geometry_unref);

  G_OBJECT_CLASS (extopo_export_dialog_parent_class)->dispose (object);
}

static void
extopo_export_dialog_finalize (GObject *object)
{
  ExtopoExportDialog *self = EXTOPO_EXPORT_DIALOG (object);

  g_free (self->path);
  g_free (self->source_path);
  g_clear_pointer (&self->collapsed, g_hash_table_unref);
  g_free (self->history_folder);
  g_clear_pointer (&self->changes, extopo_change_set_free);

  G_OBJECT_CLASS (extopo_export_dialog_parent_class)->finalize (object);
}

static void
extopo_export_dialog_class_init (ExtopoExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = extopo_export_dialog_dispose;
  object_class->finalize = extopo_export_dialog_finalize;

  signals[EXPORTED] = g_signal_new ("exported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/extopo/ExTopo/extopo-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ExtopoExportDialog, format_combo);
  gtk_widget_class_bind_template_child (widget_class, ExtopoExportDialog, whole_radio);
  gtk_widget_class_bind_template_child (widget_class, ExtopoExportDialog, visible_radio);
  gtk_widget_class_bind_template_child (widget_class, ExtopoExportDialog, title_entry);
  gtk_widget_class_bind_template_child (widget_class, ExtopoExportDialog, legend_check);
  gtk_widget_class_bind_template_child (widget_class, ExtopoExportDialog, paper_combo);
  gtk_widget_class_bind_template_child (widget_class, ExtopoExportDialog, anonymize_check);
  gtk_widget_class_bind_template_child (widget_class, ExtopoExportDialog, path_label);
  gtk_widget_class_bind_template_child (widget_class, ExtopoExportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, ExtopoExportDialog, status_label);
  gtk_widget_class_bind_template_callback (widget_class, format_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, choose_button_clicked_cb);
}

static void
extopo_export_dialog_init (ExtopoExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->paper_combo), "none");
  /* Until a file to read again is known (a live source has none). */
  gtk_widget_set_sensitive (GTK_WIDGET (self->anonymize_check), FALSE);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->format_combo), "svg");
  g_signal_connect (self, "response", G_CALLBACK (response_cb), NULL);
}

GtkWidget *
extopo_export_dialog_new (GtkWindow        *parent,
                          ExtopoGeometry   *geometry,
                          const ExtopoRect *visible,
                          const char       *title,
                          gboolean          show_legend)
{
  ExtopoExportDialog *self;
  GtkSettings *settings = gtk_settings_get_default ();
  gboolean use_header_bar = FALSE;

  g_return_val_if_fail (geometry != NULL, NULL);

  if (settings != NULL)
    g_object_get (settings, "gtk-dialogs-use-header", &use_header_bar, NULL);

  self = g_object_new (EXTOPO_TYPE_EXPORT_DIALOG,
                       "transient-for", parent,
                       "use-header-bar", use_header_bar,
                       NULL);
  gtk_dialog_add_button (GTK_DIALOG (self), _("_Cancel"), GTK_RESPONSE_CANCEL);
  gtk_dialog_add_button (GTK_DIALOG (self), _("_Export"), GTK_RESPONSE_OK);
  gtk_dialog_set_default_response (GTK_DIALOG (self), GTK_RESPONSE_OK);
  gtk_style_context_add_class (gtk_widget_get_style_context (
                                 gtk_dialog_get_widget_for_response (GTK_DIALOG (self),
                                                                     GTK_RESPONSE_OK)),
                               "suggested-action");

  self->geometry = extopo_geometry_ref (geometry);
  if (visible != NULL)
    self->visible = *visible;
  else
    {
      self->visible = geometry->bounds;
      gtk_widget_set_sensitive (GTK_WIDGET (self->visible_radio), FALSE);
    }
  gtk_entry_set_text (self->title_entry, title != NULL ? title : "");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->legend_check), show_legend);

  return GTK_WIDGET (self);
}

void
extopo_export_dialog_set_format (ExtopoExportDialog *self,
                                 ExtopoExportFormat  format)
{
  g_return_if_fail (EXTOPO_IS_EXPORT_DIALOG (self));
  g_return_if_fail (format < EXTOPO_EXPORT_UNKNOWN);

  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->format_combo), format_ids[format]);
}

void
extopo_export_dialog_set_visible_only (ExtopoExportDialog *self,
                                       gboolean            visible_only)
{
  g_return_if_fail (EXTOPO_IS_EXPORT_DIALOG (self));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (visible_only ? self->visible_radio
                                                                : self->whole_radio),
                                TRUE);
}

void
extopo_export_dialog_set_path (ExtopoExportDialog *self,
                               const char         *path)
{
  g_return_if_fail (EXTOPO_IS_EXPORT_DIALOG (self));

  g_free (self->path);
  self->path = g_strdup (path);
  update_path_extension (self);
  set_status (self, NULL, FALSE, FALSE);
}

const char *
extopo_export_dialog_get_path (ExtopoExportDialog *self)
{
  g_return_val_if_fail (EXTOPO_IS_EXPORT_DIALOG (self), NULL);

  return self->path;
}

gboolean
extopo_export_dialog_get_visible_only (ExtopoExportDialog *self)
{
  g_return_val_if_fail (EXTOPO_IS_EXPORT_DIALOG (self), FALSE);

  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->visible_radio));
}

const char *
extopo_export_dialog_get_diagram_title (ExtopoExportDialog *self)
{
  g_return_val_if_fail (EXTOPO_IS_EXPORT_DIALOG (self), NULL);

  return gtk_entry_get_text (self->title_entry);
}

void
extopo_export_dialog_set_diagram_title (ExtopoExportDialog *self,
                                        const char         *title)
{
  g_return_if_fail (EXTOPO_IS_EXPORT_DIALOG (self));

  gtk_entry_set_text (self->title_entry, title != NULL ? title : "");
}

ExtopoPaper
extopo_export_dialog_get_paper (ExtopoExportDialog *self)
{
  const char *id;
  ExtopoPaper paper = EXTOPO_PAPER_NONE;

  g_return_val_if_fail (EXTOPO_IS_EXPORT_DIALOG (self), EXTOPO_PAPER_NONE);

  id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->paper_combo));
  if (id == NULL || !extopo_paper_from_string (id, &paper))
    return EXTOPO_PAPER_NONE;

  return paper;
}

void
extopo_export_dialog_set_paper (ExtopoExportDialog *self,
                                ExtopoPaper         paper)
{
  const char *name;

  g_return_if_fail (EXTOPO_IS_EXPORT_DIALOG (self));

  name = extopo_paper_to_string (paper);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->paper_combo), name != NULL ? name : "none");
}

void
extopo_export_dialog_set_source (ExtopoExportDialog *self,
                                 const char         *path,
                                 GHashTable         *collapsed)
{
  g_return_if_fail (EXTOPO_IS_EXPORT_DIALOG (self));

  g_free (self->source_path);
  self->source_path = g_strdup (path);
  g_clear_pointer (&self->collapsed, g_hash_table_unref);
  /* A copy: the window changes its own while a worker reads this one. */
  self->collapsed = extopo_layout_collapsed_copy (collapsed);
  gtk_widget_set_sensitive (GTK_WIDGET (self->anonymize_check), path != NULL);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->anonymize_check),
                               path != NULL ? NULL
                               : _("A live directory read cannot be anonymized here: save a "
                                   "snapshot with extopo --snapshot and open it."));
}

void
extopo_export_dialog_set_changes (ExtopoExportDialog *self,
                                  ExtopoChangeSet    *changes)
{
  g_return_if_fail (EXTOPO_IS_EXPORT_DIALOG (self));

  g_clear_pointer (&self->changes, extopo_change_set_free);
  self->changes = changes != NULL ? extopo_change_set_ref (changes) : NULL;
}

void
extopo_export_dialog_set_history_folder (ExtopoExportDialog *self,
                                         const char         *folder)
{
  g_return_if_fail (EXTOPO_IS_EXPORT_DIALOG (self));

  g_free (self->history_folder);
  self->history_folder = g_strdup (folder);
}

void
extopo_export_dialog_set_anonymize (ExtopoExportDialog *self,
                                    gboolean            anonymize)
{
  g_return_if_fail (EXTOPO_IS_EXPORT_DIALOG (self));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->anonymize_check), anonymize);
}
