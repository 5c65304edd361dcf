/* extopo-window-export.c: the export dialog as the window opens it, what it
 * remembers between exports, the bar that says where the file went, and
 * copying the diagram to the clipboard.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "extopo-export-dialog.h"
#include "extopo-pages.h"
#include "extopo-scene.h"
#include "extopo-window-private.h"

enum
{
  EXPORT_BAR_OPEN = 1,
  EXPORT_BAR_OPEN_FOLDER,
};

/* What the clipboard offers; the images are drawn when someone pastes. */
static const GtkTargetEntry clipboard_targets[] = {
  { (char *) "image/png", 0, EXTOPO_EXPORT_PNG },
  { (char *) "image/svg+xml", 0, EXTOPO_EXPORT_SVG },
};

/* On a copy, an on-screen export gets a sharper bitmap, as in the dialog. */
#define CLIPBOARD_PNG_SCALE 2.0

static char *
default_export_title (ExtopoWindow *self)
{
  return extopo_export_default_title (self->model, self->view);
}

/* The key under which a title typed for this source and view is kept. */
static char *
title_key (ExtopoWindow *self)
{
  const char *source = extopo_model_get_source_name (self->model);

  return g_strdup_printf ("%s#%s", source != NULL ? source : "",
                          extopo_window_view_get_nick (self->view));
}

static char *
remembered_title (ExtopoWindow *self)
{
  g_autoptr(GVariant) titles = NULL;
  g_autofree char *key = NULL;
  const char *title = NULL;

  if (self->settings == NULL)
    return NULL;

  titles = g_settings_get_value (self->settings, "export-titles");
  key = title_key (self);
  if (!g_variant_lookup (titles, key, "&s", &title))
    return NULL;

  return g_strdup (title);
}

/* The last folder an export went to, while it still exists; else the
 * Documents folder, else home. */
static char *
export_folder (ExtopoWindow *self)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  if (self->settings != NULL)
    {
      g_autofree char *folder = g_settings_get_string (self->settings, "export-folder");

      if (*folder != '\0' && g_file_test (folder, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&folder);
    }
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_strdup (documents);

  return g_strdup (g_get_home_dir ());
}

static ExtopoExportFormat
remembered_format (ExtopoWindow *self)
{
  g_autofree char *extension = NULL;
  g_autofree char *name = NULL;

  if (self->settings == NULL)
    return EXTOPO_EXPORT_SVG;

  extension = g_settings_get_string (self->settings, "export-format");
  name = g_strdup_printf ("x.%s", extension);

  return extopo_export_format_from_path (name) != EXTOPO_EXPORT_UNKNOWN
         ? extopo_export_format_from_path (name) : EXTOPO_EXPORT_SVG;
}

/* The source's name with @suffix and @extension, in the export folder. */
static char *
export_path_for_source (ExtopoWindow *self,
                        const char   *suffix,
                        const char   *extension)
{
  const char *source = extopo_model_get_source_name (self->model);
  g_autofree char *base = g_path_get_basename (source != NULL ? source : "extopo");
  g_autofree char *folder = export_folder (self);
  g_autofree char *name = NULL;
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  g_strdelimit (base, ":/\\ ", '-');
  name = g_strdup_printf ("%s-%s.%s", base, suffix, extension);

  return g_build_filename (folder, name, NULL);
}

static char *
default_export_path (ExtopoWindow       *self,
                     ExtopoExportFormat  format)
{
  return export_path_for_source (self, extopo_window_view_get_nick (self->view),
                                 extopo_export_format_get_extension (format));
}

static void
remember_export (ExtopoWindow       *self,
                 ExtopoExportDialog *dialog,
                 const char         *path)
{
  g_autoptr(GVariant) old_titles = NULL;
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *key = title_key (self);
  g_autofree char *default_title = default_export_title (self);
  const char *title = extopo_export_dialog_get_diagram_title (dialog);
  GVariantBuilder titles;
  GVariantIter iter;
  const char *old_key;
  const char *old_title;

  if (self->settings == NULL)
    return;

  g_settings_set_string (self->settings, "export-folder", folder);
  g_settings_set_string (self->settings, "export-format",
                         extopo_export_format_get_extension (
                           extopo_export_dialog_get_format (dialog)));
  g_settings_set_boolean (self->settings, "export-visible-only",
                          extopo_export_dialog_get_visible_only (dialog));
  g_settings_set_string (self->settings, "export-paper",
                         extopo_paper_to_string (extopo_export_dialog_get_paper (dialog)) != NULL
                         ? extopo_paper_to_string (extopo_export_dialog_get_paper (dialog))
                         : "none");

  /* Only a title the user typed is worth keeping, one per source and view. */
  old_titles = g_settings_get_value (self->settings, "export-titles");
  g_variant_builder_init (&titles, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, old_titles);
  while (g_variant_iter_next (&iter, "{&s&s}", &old_key, &old_title))
    if (!g_str_equal (old_key, key))
      g_variant_builder_add (&titles, "{ss}", old_key, old_title);
  if (!g_str_equal (title, default_title))
    g_variant_builder_add (&titles, "{ss}", key, title);
  g_settings_set_value (self->settings, "export-titles", g_variant_builder_end (&titles));
}

/* The bar says where @path went, with buttons to open it or its folder. */
static void
show_exported (ExtopoWindow *self,
               const char   *path)
{
  g_autofree char *name = g_filename_display_basename (path);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *folder_name = g_filename_display_basename (folder);
  g_autofree char *text = NULL;

  g_free (self->exported_path);
  self->exported_path = g_strdup (path);
  /* Translators: the file that was written, then the folder it is in. */
  text = g_strdup_printf (_("Exported “%s” to %s"), name, folder_name);
  gtk_label_set_text (self->export_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->export_label), path);
  gtk_widget_show (GTK_WIDGET (self->export_bar));
  gtk_info_bar_set_revealed (self->export_bar, TRUE);
}

static void
dialog_exported_cb (ExtopoExportDialog *dialog,
                    const char         *path,
                    ExtopoWindow       *self)
{
  remember_export (self, dialog, path);
  show_exported (self, path);
}

void
extopo_window_export_action (GSimpleAction *action,
                             GVariant      *parameter,
                             gpointer       user_data)
{
  ExtopoWindow *self = user_data;
  ExtopoGeometry *geometry = extopo_graph_view_get_geometry (self->graph_view);
  ExtopoExportFormat format;
  g_autofree char *title = NULL;
  g_autofree char *path = NULL;
  GtkWidget *dialog;
  ExtopoRect visible;

  if (geometry == NULL || self->model == NULL)
    return;

  extopo_graph_view_get_visible_rect (self->graph_view, &visible);
  title = remembered_title (self);
  if (title == NULL)
    title = default_export_title (self);
  format = remembered_format (self);
  path = default_export_path (self, format);
  dialog = extopo_export_dialog_new (GTK_WINDOW (self), geometry, &visible, title,
                                     extopo_graph_view_get_show_legend (self->graph_view));
  extopo_export_dialog_set_format (EXTOPO_EXPORT_DIALOG (dialog), format);
  extopo_export_dialog_set_visible_only (EXTOPO_EXPORT_DIALOG (dialog),
                                         self->settings != NULL &&
                                         g_settings_get_boolean (self->settings,
                                                                 "export-visible-only"));
  if (self->settings != NULL)
    {
      g_autofree char *paper_name = g_settings_get_string (self->settings, "export-paper");
      ExtopoPaper paper = EXTOPO_PAPER_NONE;

      if (extopo_paper_from_string (paper_name, &paper))
        extopo_export_dialog_set_paper (EXTOPO_EXPORT_DIALOG (dialog), paper);
    }
  extopo_export_dialog_set_path (EXTOPO_EXPORT_DIALOG (dialog), path);
  extopo_export_dialog_set_source (EXTOPO_EXPORT_DIALOG (dialog), self->source_path,
                                   self->collapsed);
  extopo_export_dialog_set_history_folder (EXTOPO_EXPORT_DIALOG (dialog),
                                           extopo_window_history_get_folder (self));
  extopo_export_dialog_set_changes (EXTOPO_EXPORT_DIALOG (dialog), self->changes);
  g_signal_connect_object (dialog, "exported", G_CALLBACK (dialog_exported_cb), self, 0);
  gtk_widget_show (dialog);
}

/* Inventory */

static void
inventory_chooser_response_cb (GtkNativeDialog *chooser,
                               int              response,
                               ExtopoWindow    *self)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));

  if (path != NULL && extopo_inventory_export_csv (self->inventory, path, &error))
    {
      g_autofree char *folder = g_path_get_dirname (path);

      if (self->settings != NULL)
        g_settings_set_string (self->settings, "export-folder", folder);
      show_exported (self, path);
    }
  else if (path != NULL)
    {
      g_autofree char *name = g_filename_display_basename (path);
      /* Translators: the file, then the reason. */
      g_autofree char *text = g_strdup_printf (_("Could not export %s: %s"), name, error->message);

      g_clear_pointer (&self->exported_path, g_free);
      gtk_label_set_text (self->export_label, text);
      gtk_widget_show (GTK_WIDGET (self->export_bar));
      gtk_info_bar_set_revealed (self->export_bar, TRUE);
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

void
extopo_window_export_inventory_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  ExtopoWindow *self = user_data;
  GtkFileChooserNative *chooser;
  g_autofree char *path = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *name = NULL;

  if (self->model == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Export Rows as CSV"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_do_overwrite_confirmation (GTK_FILE_CHOOSER (chooser), TRUE);

  path = export_path_for_source (self, "servers", "csv");
  folder = g_path_get_dirname (path);
  name = g_path_get_basename (path);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect (chooser, "response", G_CALLBACK (inventory_chooser_response_cb),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
show_uri (ExtopoWindow *self,
          const char   *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);

  if (uri == NULL ||
      !gtk_show_uri_on_window (GTK_WINDOW (self), uri, GDK_CURRENT_TIME, &error))
    {
      g_autofree char *name = g_filename_display_name (path);
      /* Translators: the file or folder, then the reason. */
      g_autofree char *text = g_strdup_printf (_("Could not open %s: %s"), name, error->message);

      gtk_label_set_text (self->export_label, text);
      return;
    }

  gtk_info_bar_set_revealed (self->export_bar, FALSE);
}

void
extopo_window_export_bar_response_cb (GtkInfoBar   *info_bar,
                                      int           response,
                                      ExtopoWindow *self)
{
  g_autofree char *folder = NULL;

  /* After a failed export the bar has no file to open. */
  if (self->exported_path == NULL && response != GTK_RESPONSE_CLOSE)
    response = GTK_RESPONSE_CLOSE;

  switch (response)
    {
    case EXPORT_BAR_OPEN:
      show_uri (self, self->exported_path);
      break;

    case EXPORT_BAR_OPEN_FOLDER:
      folder = g_path_get_dirname (self->exported_path);
      show_uri (self, folder);
      break;

    default:
      gtk_info_bar_set_revealed (self->export_bar, FALSE);
      break;
    }
}

/* Clipboard */

typedef struct
{
  ExtopoGeometry *geometry;
  ExtopoRect      visible;
  gboolean        show_legend;
} ClipboardData;

static void
clipboard_data_free (ClipboardData *data)
{
  g_clear_pointer (&data->geometry, extopo_geometry_unref);
  g_free (data);
}

/* The same drawing as an export of what is on screen, through a private
 * temporary file so that every format's writer serves as it is. */
static GBytes *
render_for_clipboard (ClipboardData       *data,
                      ExtopoExportFormat   format,
                      GError             **error)
{
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *name = NULL;
  char *contents = NULL;
  gsize length = 0;
  ExtopoRenderOptions options;
  gboolean ok;

  tmpdir = g_dir_make_tmp ("extopo-clipboard-XXXXXX", error);
  if (tmpdir == NULL)
    return NULL;

  name = g_strdup_printf ("diagram.%s", extopo_export_format_get_extension (format));
  path = g_build_filename (tmpdir, name, NULL);
  extopo_render_options_init (&options);
  options.show_legend = data->show_legend;
  options.visible = &data->visible;
  ok = extopo_export_write (data->geometry, format, path, &options, CLIPBOARD_PNG_SCALE, error) &&
       g_file_get_contents (path, &contents, &length, error);
  g_unlink (path);
  g_rmdir (tmpdir);

  return ok ? g_bytes_new_take (contents, length) : NULL;
}

static void
clipboard_get_cb (GtkClipboard     *clipboard,
                  GtkSelectionData *selection,
                  guint             info,
                  gpointer          user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = render_for_clipboard (user_data, info, &error);
  gsize length;
  const guchar *data;

  if (bytes == NULL)
    {
      g_warning ("Could not copy the diagram: %s", error->message);
      return;
    }

  data = g_bytes_get_data (bytes, &length);
  gtk_selection_data_set (selection, gtk_selection_data_get_target (selection), 8, data,
                          (int) length);
}

static void
clipboard_clear_cb (GtkClipboard *clipboard,
                    gpointer      user_data)
{
  clipboard_data_free (user_data);
}

void
extopo_window_copy_diagram_action (GSimpleAction *action,
                                   GVariant      *parameter,
                                   gpointer       user_data)
{
  ExtopoWindow *self = user_data;
  ExtopoGeometry *geometry = extopo_graph_view_get_geometry (self->graph_view);
  GtkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (self),
                                                      GDK_SELECTION_CLIPBOARD);
  ClipboardData *data;

  if (geometry == NULL)
    return;

  data = g_new0 (ClipboardData, 1);
  data->geometry = extopo_geometry_ref (geometry);
  data->show_legend = extopo_graph_view_get_show_legend (self->graph_view);
  extopo_graph_view_get_visible_rect (self->graph_view, &data->visible);

  if (!gtk_clipboard_set_with_data (clipboard, clipboard_targets,
                                    G_N_ELEMENTS (clipboard_targets),
                                    clipboard_get_cb, clipboard_clear_cb, data))
    clipboard_data_free (data);
}

/* Printing: the same sheets as a PDF export on the printer's paper. */

typedef struct
{
  ExtopoGeometry     *geometry;
  char               *title;
  ExtopoRenderOptions options;
  ExtopoPageLayout    layout;
  ExtopoPagePlan      plan;
  ExtopoScene        *scene;
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_pointer (&job->geometry, extopo_geometry_unref);
  g_clear_pointer (&job->scene, extopo_scene_unref);
  g_free (job->title);
  g_free (job);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  extopo_renderer_get_page_layout (job->geometry, &job->options, &job->layout);
  job->options.page_layout = &job->layout;
  g_clear_pointer (&job->scene, extopo_scene_unref);
  job->scene = extopo_scene_build (job->geometry, &job->options);
  job->options.scene = job->scene;
  extopo_page_plan_compute_for_sheet (&job->plan, job->layout.width, job->layout.height,
                                      gtk_print_context_get_width (context),
                                      gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, extopo_page_plan_get_n_pages (&job->plan));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page,
              PrintJob          *job)
{
  extopo_page_plan_draw_page (&job->plan, page, gtk_print_context_get_cairo_context (context),
                              gtk_print_context_get_width (context),
                              gtk_print_context_get_height (context),
                              job->geometry, &job->options);
}

/* @export_path: print to that PDF file without a dialog (the tests). */
static gboolean
run_print (ExtopoWindow  *self,
           const char    *export_path,
           GError       **error)
{
  ExtopoGeometry *geometry = extopo_graph_view_get_geometry (self->graph_view);
  g_autoptr(GtkPrintOperation) operation = NULL;
  GtkPrintOperationResult result;
  PrintJob *job;

  if (geometry == NULL || self->model == NULL)
    return TRUE;

  job = g_new0 (PrintJob, 1);
  job->geometry = extopo_geometry_ref (geometry);
  job->title = remembered_title (self);
  if (job->title == NULL)
    job->title = default_export_title (self);
  extopo_render_options_init (&job->options);
  job->options.title = job->title;
  job->options.show_legend = extopo_graph_view_get_show_legend (self->graph_view);

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_job_name (operation, job->title);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  if (self->print_settings != NULL)
    gtk_print_operation_set_print_settings (operation, self->print_settings);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  g_object_set_data_full (G_OBJECT (operation), "extopo-print-job", job,
                          (GDestroyNotify) print_job_free);

  if (export_path != NULL)
    gtk_print_operation_set_export_filename (operation, export_path);
  result = gtk_print_operation_run (operation,
                                    export_path != NULL ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                                        : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_WINDOW (self), error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    return FALSE;
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    g_set_object (&self->print_settings, gtk_print_operation_get_print_settings (operation));

  return TRUE;
}

void
extopo_window_print_action (GSimpleAction *action,
                            GVariant      *parameter,
                            gpointer       user_data)
{
  ExtopoWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!run_print (self, NULL, &error))
    {
      /* Translators: the reason printing failed follows. */
      g_autofree char *text = g_strdup_printf (_("Could not print: %s"), error->message);

      gtk_label_set_text (self->export_label, text);
      gtk_widget_show (GTK_WIDGET (self->export_bar));
      gtk_info_bar_set_revealed (self->export_bar, TRUE);
    }
}

gboolean
extopo_window_print_to_file (ExtopoWindow  *self,
                             const char    *path,
                             GError       **error)
{
  g_return_val_if_fail (EXTOPO_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return run_print (self, path, error);
}

void
extopo_window_export_init (ExtopoWindow *self)
{
  gtk_info_bar_add_button (self->export_bar, _("_Open"), EXPORT_BAR_OPEN);
  gtk_info_bar_add_button (self->export_bar, _("Open _Folder"), EXPORT_BAR_OPEN_FOLDER);
}

void
extopo_window_export_finalize (ExtopoWindow *self)
{
  g_clear_pointer (&self->exported_path, g_free);
  g_clear_object (&self->print_settings);
}

const char *
extopo_window_get_export_text (ExtopoWindow *self)
{
  g_return_val_if_fail (EXTOPO_IS_WINDOW (self), NULL);

  if (!gtk_info_bar_get_revealed (self->export_bar))
    return NULL;

  return gtk_label_get_text (self->export_label);
}
