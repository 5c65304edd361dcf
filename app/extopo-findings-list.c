/* extopo-findings-list.c: every finding of the model in one virtualised list,
 * filtered by severity and ID, optionally grouped by ID, with the fix of the
 * selected one.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-findings-list"

#include "config.h"

#include <glib/gi18n.h>

#include "extopo-findings-list.h"
#include "extopo-findings-model.h"

/* Every row is one line high, so the tree view lays out only the rows in
 * view (fixed-height mode): 20,000 findings cost what 30 do. */
#define ICON_SIZE        16
#define ICON_COLUMN_WIDTH 28
#define ID_COLUMN_WIDTH   190
#define SUBJECT_WIDTH     120
#define MESSAGE_WIDTH     400
/* The height, in pixels, the selected finding's text first gets. */
#define DETAIL_HEIGHT     210
/* The filter menus' buttons show this many characters at most. */
#define MENU_MAX_CHARS    18

/* The menu item that shows every severity or every ID. */
#define ANY_ID "any"

struct _ExtopoFindingsList
{
  GtkBox               parent_instance;

  /* template children */
  GtkStack            *stack;
  GtkComboBoxText     *severity_combo;
  GtkComboBoxText     *id_combo;
  GtkToggleButton     *group_button;
  GtkTreeView         *tree_view;
  GtkLabel            *detail_title;
  GtkLabel            *detail_id;
  GtkLabel            *detail_message;
  GtkWidget           *detail_fix_heading;
  GtkLabel            *detail_fix;
  GtkWidget           *detail_note;

  /* owned */
  ExtopoModel         *model;
  ExtopoFindingsModel *rows;
  cairo_surface_t     *icons[EXTOPO_SEVERITY_ERROR + 1]; /* severity icons in their colours */
  gboolean             updating;                         /* filling the filter menus */
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

static const char *
severity_display_name (ExtopoSeverity severity)
{
  switch (severity)
    {
    case EXTOPO_SEVERITY_ERROR:
      return _("Error");
    case EXTOPO_SEVERITY_WARNING:
      return _("Warning");
    case EXTOPO_SEVERITY_INFO:
    default:
      return _("Information");
    }
}

static char *
severity_menu_label (ExtopoSeverity severity,
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

/* The severity icons drawn in the colours style.css gives image.error,
 * image.warning and image.info; a cell renderer has no CSS node of its own. */
static void
update_icons (ExtopoFindingsList *self)
{
  static const char * const colours[] = {
    [EXTOPO_SEVERITY_INFO] = "#1565c0",
    [EXTOPO_SEVERITY_WARNING] = "#b26a00",
    [EXTOPO_SEVERITY_ERROR] = "#c62828",
  };
  GtkIconTheme *theme = gtk_icon_theme_get_for_screen (gtk_widget_get_screen (GTK_WIDGET (self)));
  int scale = gtk_widget_get_scale_factor (GTK_WIDGET (self));

  for (int severity = EXTOPO_SEVERITY_INFO; severity <= EXTOPO_SEVERITY_ERROR; severity++)
    {
      g_autoptr(GtkIconInfo) info = NULL;
      g_autoptr(GdkPixbuf) pixbuf = NULL;
      GdkRGBA colour;

      g_clear_pointer (&self->icons[severity], cairo_surface_destroy);
      info = gtk_icon_theme_lookup_icon_for_scale (theme, extopo_severity_get_icon_name (severity),
                                                   ICON_SIZE, scale, GTK_ICON_LOOKUP_FORCE_SIZE);
      gdk_rgba_parse (&colour, colours[severity]);
      if (info != NULL)
        pixbuf = gtk_icon_info_load_symbolic (info, &colour, NULL, NULL, NULL, NULL, NULL);
      if (pixbuf != NULL)
        self->icons[severity] = gdk_cairo_surface_create_from_pixbuf (pixbuf, scale, NULL);
    }

  /* Also called while the template is built. */
  if (self->tree_view != NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self->tree_view));
}

static void
icon_data_func (GtkTreeViewColumn *column,
                GtkCellRenderer   *renderer,
                GtkTreeModel      *model,
                GtkTreeIter       *iter,
                gpointer           user_data)
{
  ExtopoFindingsList *self = user_data;
  int severity = EXTOPO_SEVERITY_INFO;

  gtk_tree_model_get (model, iter, EXTOPO_FINDINGS_COLUMN_SEVERITY, &severity, -1);
  g_object_set (renderer, "surface", self->icons[CLAMP (severity, 0, EXTOPO_SEVERITY_ERROR)], NULL);
}

/* The text of the model column @user_data, in bold on a group's row. */
static void
text_data_func (GtkTreeViewColumn *column,
                GtkCellRenderer   *renderer,
                GtkTreeModel      *model,
                GtkTreeIter       *iter,
                gpointer           user_data)
{
  g_autofree char *text = NULL;
  ExtopoFinding *finding = NULL;

  gtk_tree_model_get (model, iter,
                      GPOINTER_TO_INT (user_data), &text,
                      EXTOPO_FINDINGS_COLUMN_FINDING, &finding,
                      -1);
  g_object_set (renderer,
                "text", text,
                "weight", finding == NULL ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                NULL);
}

static GtkTreeViewColumn *
add_column (ExtopoFindingsList *self,
            const char         *title,
            GtkCellRenderer    *renderer,
            int                 width)
{
  GtkTreeViewColumn *column = gtk_tree_view_column_new ();

  gtk_tree_view_column_set_title (column, title);
  gtk_tree_view_column_pack_start (column, renderer, TRUE);
  /* Fixed-height mode needs fixed columns. */
  gtk_tree_view_column_set_sizing (column, GTK_TREE_VIEW_COLUMN_FIXED);
  gtk_tree_view_column_set_fixed_width (column, width);
  gtk_tree_view_column_set_resizable (column, width > ICON_COLUMN_WIDTH);
  gtk_tree_view_append_column (self->tree_view, column);

  return column;
}

static GtkTreeViewColumn *
add_text_column (ExtopoFindingsList *self,
                 const char         *title,
                 int                 model_column,
                 int                 width)
{
  GtkCellRenderer *renderer = gtk_cell_renderer_text_new ();
  GtkTreeViewColumn *column;

  g_object_set (renderer, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
  column = add_column (self, title, renderer, width);
  gtk_tree_view_column_set_cell_data_func (column, renderer, text_data_func,
                                           GINT_TO_POINTER (model_column), NULL);

  return column;
}

static void
create_columns (ExtopoFindingsList *self)
{
  GtkCellRenderer *icon = gtk_cell_renderer_pixbuf_new ();
  GtkTreeViewColumn *column;

  column = add_column (self, "", icon, ICON_COLUMN_WIDTH);
  gtk_tree_view_column_set_cell_data_func (column, icon, icon_data_func, self, NULL);

  /* Translators: the column of finding IDs such as RG_NO_PATH_TO_2007. */
  column = add_text_column (self, _("ID"), EXTOPO_FINDINGS_COLUMN_ID, ID_COLUMN_WIDTH);
  gtk_tree_view_set_expander_column (self->tree_view, column);

  /* Translators: the column naming the object a finding is about. */
  add_text_column (self, _("Subject"), EXTOPO_FINDINGS_COLUMN_SUBJECT, SUBJECT_WIDTH);
  column = add_text_column (self, _("Message"), EXTOPO_FINDINGS_COLUMN_MESSAGE, MESSAGE_WIDTH);
  gtk_tree_view_column_set_expand (column, TRUE);
}

static gboolean
get_selected (ExtopoFindingsList *self,
              GtkTreeIter        *iter)
{
  GtkTreeSelection *selection = gtk_tree_view_get_selection (self->tree_view);

  return self->rows != NULL && gtk_tree_selection_get_selected (selection, NULL, iter);
}

static ExtopoFinding *
get_selected_finding (ExtopoFindingsList *self)
{
  ExtopoFinding *finding = NULL;
  GtkTreeIter iter;

  if (get_selected (self, &iter))
    gtk_tree_model_get (GTK_TREE_MODEL (self->rows), &iter,
                        EXTOPO_FINDINGS_COLUMN_FINDING, &finding,
                        -1);

  return finding;
}

static void
show_details (ExtopoFindingsList *self,
              const char         *title,
              const char         *id,
              const char         *message,
              const char         *fix,
              gboolean            secondary_source)
{
  gtk_label_set_text (self->detail_title, title != NULL ? title : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_title), title != NULL && *title != '\0');
  gtk_label_set_text (self->detail_id, id != NULL ? id : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_id), id != NULL);
  gtk_label_set_text (self->detail_message, message);
  gtk_label_set_text (self->detail_fix, fix != NULL ? fix : "");
  gtk_widget_set_visible (self->detail_fix_heading, fix != NULL && *fix != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->detail_fix), fix != NULL && *fix != '\0');
  gtk_widget_set_visible (self->detail_note, secondary_source);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->detail_title), NULL);
}

/* The selected finding in full, with its fix, below the list. */
static void
selection_changed_cb (ExtopoFindingsList *self)
{
  g_autofree char *group_id = NULL;
  g_autofree char *id = NULL;
  g_autofree char *text = NULL;
  ExtopoFinding *finding = NULL;
  GtkTreeIter iter;
  guint count = 0;
  int severity = 0;

  if (!get_selected (self, &iter))
    {
      show_details (self, NULL, NULL,
                    extopo_findings_model_get_n_findings (self->rows) > 0
                    ? _("Select a finding to see how to fix it.")
                    : _("No finding matches the filter."),
                    NULL, FALSE);
      return;
    }

  gtk_tree_model_get (GTK_TREE_MODEL (self->rows), &iter,
                      EXTOPO_FINDINGS_COLUMN_FINDING, &finding,
                      EXTOPO_FINDINGS_COLUMN_ID, &group_id,
                      EXTOPO_FINDINGS_COLUMN_COUNT, &count,
                      EXTOPO_FINDINGS_COLUMN_SEVERITY, &severity,
                      -1);

  if (finding == NULL)
    {
      text = g_strdup_printf (ngettext ("%u finding with this ID. Open the row to see it.",
                                        "%u findings with this ID. Open the row to see each one.",
                                        count),
                              count);
      show_details (self, group_id, severity_display_name (severity), text, NULL, FALSE);
      return;
    }

  /* Translators: a finding's ID and its severity, e.g. "RG_NO_PATH_TO_2007 · Error". */
  id = g_strdup_printf (_("%s · %s"), finding->id, severity_display_name (finding->severity));
  show_details (self, extopo_model_object_get_name (finding->subject_kind, finding->subject),
                id, finding->message, finding->remedy, finding->secondary_source);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->detail_title), finding->subject_dn);
}

/* The selected finding's text first gets the room of a few paragraphs,
 * and never more than a third of the height in a short window; after that
 * the divider stays where it was put. */
static void
detail_paned_size_allocate_cb (GtkPaned      *paned,
                               GtkAllocation *allocation,
                               gpointer       user_data)
{
  gboolean position_set = FALSE;
  int detail;

  g_object_get (paned, "position-set", &position_set, NULL);
  if (position_set || allocation->height <= 1)
    return;
  detail = MIN (DETAIL_HEIGHT, allocation->height / 3);
  gtk_paned_set_position (paned, allocation->height - detail);
}

static void
row_activated_cb (ExtopoFindingsList *self,
                  GtkTreePath        *path,
                  GtkTreeViewColumn  *column)
{
  ExtopoFinding *finding = NULL;
  GtkTreeIter iter;

  if (!gtk_tree_model_get_iter (GTK_TREE_MODEL (self->rows), &iter, path))
    return;

  gtk_tree_model_get (GTK_TREE_MODEL (self->rows), &iter,
                      EXTOPO_FINDINGS_COLUMN_FINDING, &finding,
                      -1);
  if (finding != NULL)
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0, finding);
  else if (gtk_tree_view_row_expanded (self->tree_view, path))
    gtk_tree_view_collapse_row (self->tree_view, path);
  else
    gtk_tree_view_expand_row (self->tree_view, path, FALSE);
}

/* The whole message: the column is often too narrow for it. */
static gboolean
query_tooltip_cb (ExtopoFindingsList *self,
                  int                 x,
                  int                 y,
                  gboolean            keyboard_mode,
                  GtkTooltip         *tooltip)
{
  g_autoptr(GtkTreePath) path = NULL;
  g_autofree char *message = NULL;
  g_autofree char *id = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *text = NULL;
  GtkTreeModel *model = NULL;
  GtkTreeIter iter;

  if (!gtk_tree_view_get_tooltip_context (self->tree_view, &x, &y, keyboard_mode,
                                          &model, &path, &iter))
    return FALSE;

  gtk_tree_model_get (model, &iter,
                      EXTOPO_FINDINGS_COLUMN_MESSAGE, &message,
                      EXTOPO_FINDINGS_COLUMN_ID, &id,
                      EXTOPO_FINDINGS_COLUMN_SUBJECT, &subject,
                      -1);
  /* Translators: a finding's tooltip in the list: its ID and its message;
   * on a group's row, the ID and "× N". */
  text = *message != '\0' ? g_strdup_printf (_("%s: %s"), id, message)
                           : g_strdup_printf ("%s %s", id, subject);
  gtk_tooltip_set_text (tooltip, text);
  gtk_tree_view_set_tooltip_row (self->tree_view, tooltip, path);

  return TRUE;
}

static int
severity_from_menu_id (const char *id)
{
  for (int severity = EXTOPO_SEVERITY_INFO; severity <= EXTOPO_SEVERITY_ERROR; severity++)
    if (g_strcmp0 (id, extopo_severity_to_string (severity)) == 0)
      return severity;

  return EXTOPO_FINDINGS_ANY_SEVERITY;
}

/* A new set of rows for the filters; the selected finding stays selected
 * when it is still shown. */
static void
refilter (ExtopoFindingsList *self)
{
  const char *severity = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->severity_combo));
  const char *id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->id_combo));
  gboolean grouped = gtk_toggle_button_get_active (self->group_button);
  ExtopoFinding *selected = get_selected_finding (self);
  g_autoptr(GtkTreePath) path = NULL;

  g_clear_object (&self->rows);
  self->rows = extopo_findings_model_new (self->model, severity_from_menu_id (severity),
                                          g_strcmp0 (id, ANY_ID) != 0 ? id : NULL, grouped);
  gtk_tree_view_set_model (self->tree_view, GTK_TREE_MODEL (self->rows));

  /* One group alone is shown open. */
  if (grouped && gtk_tree_model_iter_n_children (GTK_TREE_MODEL (self->rows), NULL) == 1)
    gtk_tree_view_expand_all (self->tree_view);

  path = extopo_findings_model_get_path_for_finding (self->rows, selected);
  if (path != NULL)
    {
      gtk_tree_view_expand_to_path (self->tree_view, path);
      gtk_tree_view_set_cursor (self->tree_view, path, NULL, FALSE);
      gtk_tree_view_scroll_to_cell (self->tree_view, path, NULL, TRUE, 0.5, 0.0);
    }
  selection_changed_cb (self);
}

static void
filter_changed_cb (ExtopoFindingsList *self)
{
  if (!self->updating)
    refilter (self);
}

/* The menus list what the model holds, with counts. */
static void
fill_filter_menus (ExtopoFindingsList *self)
{
  GPtrArray *findings = self->model != NULL ? extopo_model_get_findings (self->model) : NULL;
  const char * const *ids = extopo_findings_get_ids ();
  guint counts[EXTOPO_SEVERITY_ERROR + 1] = { 0 };
  g_autofree char *all = NULL;

  gtk_combo_box_text_remove_all (self->severity_combo);
  gtk_combo_box_text_remove_all (self->id_combo);

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    counts[((ExtopoFinding *) g_ptr_array_index (findings, i))->severity]++;

  /* Translators: the severity menu's item that shows every finding. */
  all = g_strdup_printf (_("All (%u)"), findings != NULL ? findings->len : 0);
  gtk_combo_box_text_append (self->severity_combo, ANY_ID, all);
  for (int severity = EXTOPO_SEVERITY_ERROR; severity >= EXTOPO_SEVERITY_INFO; severity--)
    {
      g_autofree char *label = severity_menu_label (severity, counts[severity]);

      gtk_combo_box_text_append (self->severity_combo, extopo_severity_to_string (severity), label);
    }

  gtk_combo_box_text_append (self->id_combo, ANY_ID, _("All IDs"));
  for (guint i = 0; self->model != NULL && ids[i] != NULL; i++)
    {
      guint count = extopo_findings_count_id (self->model, ids[i]);
      g_autofree char *label = NULL;

      if (count == 0)
        continue;
      label = g_strdup_printf ("%s (%u)", ids[i], count);
      gtk_combo_box_text_append (self->id_combo, ids[i], label);
    }

  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->severity_combo), ANY_ID);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->id_combo), ANY_ID);
}

/* Long IDs are cut in the closed menu, so the sidebar keeps its width. */
static void
limit_menu_width (GtkComboBoxText *combo)
{
  g_autoptr(GList) cells = gtk_cell_layout_get_cells (GTK_CELL_LAYOUT (combo));

  for (GList *l = cells; l != NULL; l = l->next)
    if (GTK_IS_CELL_RENDERER_TEXT (l->data))
      g_object_set (l->data,
                    "ellipsize", PANGO_ELLIPSIZE_END,
                    "max-width-chars", MENU_MAX_CHARS,
                    NULL);
}

static void
extopo_findings_list_style_updated (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (extopo_findings_list_parent_class)->style_updated (widget);

  update_icons (EXTOPO_FINDINGS_LIST (widget));
}

static void
extopo_findings_list_dispose (GObject *object)
{
  ExtopoFindingsList *self = EXTOPO_FINDINGS_LIST (object);

  g_clear_object (&self->rows);
  g_clear_object (&self->model);
  for (guint i = 0; i < G_N_ELEMENTS (self->icons); i++)
    g_clear_pointer (&self->icons[i], cairo_surface_destroy);

  G_OBJECT_CLASS (extopo_findings_list_parent_class)->dispose (object);
}

static void
extopo_findings_list_class_init (ExtopoFindingsListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = extopo_findings_list_dispose;
  widget_class->style_updated = extopo_findings_list_style_updated;

  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/extopo/ExTopo/extopo-findings-list.ui");
  gtk_widget_class_bind_template_child (widget_class, ExtopoFindingsList, stack);
  gtk_widget_class_bind_template_child (widget_class, ExtopoFindingsList, severity_combo);
  gtk_widget_class_bind_template_child (widget_class, ExtopoFindingsList, id_combo);
  gtk_widget_class_bind_template_child (widget_class, ExtopoFindingsList, group_button);
  gtk_widget_class_bind_template_child (widget_class, ExtopoFindingsList, tree_view);
  gtk_widget_class_bind_template_child (widget_class, ExtopoFindingsList, detail_title);
  gtk_widget_class_bind_template_child (widget_class, ExtopoFindingsList, detail_id);
  gtk_widget_class_bind_template_child (widget_class, ExtopoFindingsList, detail_message);
  gtk_widget_class_bind_template_child (widget_class, ExtopoFindingsList, detail_fix_heading);
  gtk_widget_class_bind_template_child (widget_class, ExtopoFindingsList, detail_fix);
  gtk_widget_class_bind_template_child (widget_class, ExtopoFindingsList, detail_note);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_paned_size_allocate_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, query_tooltip_cb);
}

static void
extopo_findings_list_init (ExtopoFindingsList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  create_columns (self);
  limit_menu_width (self->severity_combo);
  limit_menu_width (self->id_combo);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (update_icons), NULL);

  extopo_findings_list_set_model (self, NULL);
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
  g_return_if_fail (EXTOPO_IS_FINDINGS_LIST (self));
  g_return_if_fail (model == NULL || EXTOPO_IS_MODEL (model));

  g_set_object (&self->model, model);
  /* The old rows must not be looked up for a selection to keep. */
  gtk_tree_view_set_model (self->tree_view, NULL);
  g_clear_object (&self->rows);

  self->updating = TRUE;
  fill_filter_menus (self);
  self->updating = FALSE;
  refilter (self);

  gtk_stack_set_visible_child_name (self->stack,
                                    extopo_findings_model_get_n_findings (self->rows) > 0
                                    ? "list" : "empty");
}

void
extopo_findings_list_set_filter (ExtopoFindingsList *self,
                                 int                 severity,
                                 const char         *id)
{
  g_return_if_fail (EXTOPO_IS_FINDINGS_LIST (self));
  g_return_if_fail (severity >= EXTOPO_FINDINGS_ANY_SEVERITY &&
                    severity <= EXTOPO_SEVERITY_ERROR);

  self->updating = TRUE;
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->severity_combo),
                               severity == EXTOPO_FINDINGS_ANY_SEVERITY
                               ? ANY_ID : extopo_severity_to_string (severity));
  if (!gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->id_combo), id != NULL ? id : ANY_ID))
    g_warning ("No finding has the ID %s", id);
  self->updating = FALSE;

  refilter (self);
}

void
extopo_findings_list_set_group_by_id (ExtopoFindingsList *self,
                                      gboolean            group_by_id)
{
  g_return_if_fail (EXTOPO_IS_FINDINGS_LIST (self));

  gtk_toggle_button_set_active (self->group_button, group_by_id);
}

guint
extopo_findings_list_get_n_rows (ExtopoFindingsList *self)
{
  g_return_val_if_fail (EXTOPO_IS_FINDINGS_LIST (self), 0);

  return gtk_tree_model_iter_n_children (GTK_TREE_MODEL (self->rows), NULL);
}

ExtopoFinding *
extopo_findings_list_get_finding (ExtopoFindingsList *self,
                                  guint               index)
{
  ExtopoFinding *finding = NULL;
  GtkTreeIter iter;

  g_return_val_if_fail (EXTOPO_IS_FINDINGS_LIST (self), NULL);

  if (gtk_tree_model_iter_nth_child (GTK_TREE_MODEL (self->rows), &iter, NULL, index))
    gtk_tree_model_get (GTK_TREE_MODEL (self->rows), &iter,
                        EXTOPO_FINDINGS_COLUMN_FINDING, &finding,
                        -1);

  return finding;
}

gboolean
extopo_findings_list_activate_row (ExtopoFindingsList *self,
                                   guint               index)
{
  g_autoptr(GtkTreePath) path = NULL;

  g_return_val_if_fail (EXTOPO_IS_FINDINGS_LIST (self), FALSE);

  if (index >= extopo_findings_list_get_n_rows (self))
    return FALSE;

  path = gtk_tree_path_new_from_indices (index, -1);
  gtk_tree_view_set_cursor (self->tree_view, path, NULL, FALSE);
  gtk_tree_view_row_activated (self->tree_view, path, gtk_tree_view_get_column (self->tree_view, 0));

  return TRUE;
}

GtkTreeView *
extopo_findings_list_get_tree_view (ExtopoFindingsList *self)
{
  g_return_val_if_fail (EXTOPO_IS_FINDINGS_LIST (self), NULL);

  return self->tree_view;
}

const char *
extopo_findings_list_get_fix_text (ExtopoFindingsList *self)
{
  g_return_val_if_fail (EXTOPO_IS_FINDINGS_LIST (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->detail_fix))
         ? gtk_label_get_text (self->detail_fix) : NULL;
}
