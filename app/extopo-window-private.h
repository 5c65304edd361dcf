/* extopo-window-private.h: the main window's state, shared by the files
 * that implement it (extopo-window.c and the extopo-window-*.c files).
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "extopo-findings-list.h"
#include "extopo-graph-view.h"
#include "extopo-inventory.h"
#include "extopo-ldap-source.h"
#include "extopo-server-card.h"
#include "extopo-window.h"

G_BEGIN_DECLS

struct _ExtopoWindow
{
  GtkApplicationWindow parent_instance;

  /* template children */
  GtkHeaderBar        *header_bar;
  GtkMenuButton       *recent_button;
  GtkMenuButton       *menu_button;
  GMenu               *compare_sources;  /* the main menu's snapshots to compare with */
  GtkSearchBar        *search_bar;
  GtkSearchEntry      *search_entry;
  GtkLabel            *match_label;
  GtkInfoBar          *readiness_bar;
  GtkImage            *readiness_icon;
  GtkLabel            *readiness_label;
  GtkExpander         *readiness_expander;
  GtkLabel            *readiness_details;
  GtkInfoBar          *error_bar;
  GtkLabel            *error_label;
  GtkInfoBar          *export_bar;
  GtkLabel            *export_label;
  GtkPaned            *paned;
  GtkPaned            *inventory_paned;
  ExtopoGraphView     *graph_view;
  GtkWidget           *empty_box;
  GtkWidget           *busy_box;
  GtkSpinner          *busy_spinner;
  GtkLabel            *busy_label;
  GtkWidget           *sidebar;
  GtkStack            *sidebar_stack;
  ExtopoServerCard    *server_card;
  ExtopoFindingsList  *findings_list;
  ExtopoInventory     *inventory;

  /* owned */
  GSettings           *settings;        /* NULL when the schema is not installed */
  ExtopoModel         *model;
  GHashTable          *collapsed;       /* normalized group DNs drawn collapsed */
  char                *source_path;     /* the file shown, or NULL */
  ExtopoLdapParams    *source_params;   /* the directory shown, or NULL */
  GCancellable        *load_cancellable;
  GCancellable        *layout_cancellable;
  GCancellable        *index_cancellable; /* the search index built ahead, in flight */
  GArray              *matches;         /* Match, in reading order */
  GHashTable          *match_set;       /* model object pointers */
  GMenu               *recent_menu;
  char                *exported_path;   /* the last export, for the bar's buttons */
  GtkPrintSettings    *print_settings;  /* of the last print, for the next */
  GtkWidget           *overview;        /* the map over the diagram */
  ExtopoChangeSet     *changes;         /* the comparison shown, or NULL */
  GPtrArray           *ghosts;          /* its removed servers to draw where they were
                                         * (ExtopoLayoutGhost*, holding the older model) */
  GCancellable        *compare_cancellable; /* the older snapshot read and compared */
  char                *compare_name;    /* that snapshot's file name, while it is */
  GtkInfoBar          *compare_bar;
  GtkSpinner          *compare_spinner;
  GtkWidget           *compare_button;  /* Leave Comparison, or Cancel while comparing */
  GtkLabel            *compare_label;
  GtkLabel            *compare_details;
  GtkWidget           *compare_findings; /* the findings pane's sections */
  GtkLabel            *resolved_title;
  GtkLabel            *resolved_list;
  GtkLabel            *new_title;
  GtkLabel            *new_list;
  GtkWidget           *history_window;  /* the History view, or NULL */
  GtkWidget           *zoom_button;     /* the zoom level, with its menu */
  GArray              *back_stack;      /* objects selected before, for Back */
  GArray              *forward_stack;
  ExtopoObjectKind     visited_kind;    /* the selection Back starts from */
  gpointer             visited;
  gboolean             going_back;
  GPtrArray           *undo_stack;      /* the view and collapsed set before each change */
  GPtrArray           *redo_stack;

  ExtopoView           view;
  double               layout_aspect;   /* what the diagram shown was laid out for */
  guint                aspect_timeout;  /* a relayout for a new window shape, pending */
  int                  match_index;
  gboolean             match_shown;
  int                  width;
  int                  height;
  gboolean             maximized;
};

/* "routing" or "admin", as the settings and file names spell the view. */
const char *extopo_window_view_get_nick        (ExtopoView    view);
/* A boolean action's activation: its state flips. */
void        extopo_window_toggle_action        (GSimpleAction *action,
                                                GVariant      *parameter,
                                                gpointer       user_data);
/* The normalized DN that names a group in a collapsed set, or NULL. */
const char *extopo_window_group_get_ndn        (ExtopoObjectKind kind,
                                                gpointer         object);
/* Lays the model out again for the view's shape, keeping what is collapsed;
 * @keep_view keeps the zoom and position, else the diagram is fitted. */
void        extopo_window_relayout             (ExtopoWindow *self,
                                                gboolean      keep_view);
/* Lays the model out again with @collapsed (owned); @keep_view keeps the
 * zoom and position, else the diagram is fitted. */
void        extopo_window_relayout_collapsed   (ExtopoWindow *self,
                                                GHashTable   *collapsed,
                                                gboolean      keep_view);

typedef void (*ExtopoWindowPathFunc) (ExtopoWindow *self,
                                      const char   *path);
/* Asks for a file or folder, starting in the folder of the source shown,
 * and calls @done with it; @filter may be NULL. */
void        extopo_window_choose_path          (ExtopoWindow          *self,
                                                const char            *title,
                                                GtkFileChooserAction   action,
                                                const char            *accept,
                                                GtkFileFilter         *filter,
                                                ExtopoWindowPathFunc   done);

/* Reading sources and laying them out (extopo-window-sources.c) */
void        extopo_window_sources_init         (ExtopoWindow *self);
/* Cancels the load and layout in flight, and the search index built ahead. */
void        extopo_window_cancel_work          (ExtopoWindow *self);
/* Shows the busy state while work runs, with @text (NULL: keeps the text). */
void        extopo_window_update_busy          (ExtopoWindow *self,
                                                const char   *text);
/* Lays the model shown out again in @view, keeping the collapsed groups. */
void        extopo_window_relayout_view        (ExtopoWindow *self,
                                                ExtopoView    view,
                                                gboolean      keep_view);
/* A new model was swapped in: the panes, the bars and the title show it
 * (extopo-window.c). */
void        extopo_window_show_model           (ExtopoWindow *self);
/* Enables the actions that need a diagram or a source. */
void        extopo_window_update_actions       (ExtopoWindow *self);

/* Shows @text in the error bar. */
void        extopo_window_show_error           (ExtopoWindow *self,
                                                const char   *text);

/* Back and Forward through selections (extopo-window-back.c) */
void        extopo_window_back_init            (ExtopoWindow *self);
void        extopo_window_back_finalize        (ExtopoWindow *self);
void        extopo_window_back_reset           (ExtopoWindow *self);
void        extopo_window_back_note_selection  (ExtopoWindow     *self,
                                                ExtopoObjectKind  kind,
                                                gpointer          object);

/* The History view (extopo-window-history.c) */
void        extopo_window_history_init         (ExtopoWindow *self);
/* The folder of snapshots the History view shows, or NULL when it is closed. */
const char *extopo_window_history_get_folder   (ExtopoWindow *self);

/* The comparison mode (extopo-window-compare.c) */
void        extopo_window_compare_init         (ExtopoWindow *self);
void        extopo_window_compare_finalize     (ExtopoWindow *self);
/* Fills the Compare With menu as the main menu opens. */
void        extopo_window_compare_menu_cb      (ExtopoWindow *self);

/* Selects @object (NULL: nothing) in the diagram, the inventory and the
 * card; @center brings it into view at a readable zoom. */
void        extopo_window_select_object        (ExtopoWindow     *self,
                                                ExtopoObjectKind  kind,
                                                gpointer          object,
                                                gboolean          center);

/* The search bar's query and its matches (extopo-window-search.c) */
void        extopo_window_search_init          (ExtopoWindow *self);
void        extopo_window_search_finalize      (ExtopoWindow *self);
/* Matches the query again (another diagram, another query). */
void        extopo_window_search_update        (ExtopoWindow *self);
/* Builds @model's search index in a worker, ahead of the first keystroke. */
void        extopo_window_search_prepare_index (ExtopoWindow *self,
                                                ExtopoModel  *model);

/* Over the diagram: the overview and the zoom level (extopo-window-view.c) */
void        extopo_window_view_init            (ExtopoWindow *self);
void        extopo_window_view_finalize        (ExtopoWindow *self);
/* Lays out again, after a short pause, when the view's shape has gone far
 * from what the diagram was laid out for and the diagram is fitted. */
void        extopo_window_view_check_aspect    (ExtopoWindow *self);

/* What is remembered per source (extopo-window-state.c) */
void        extopo_window_state_save           (ExtopoWindow *self);
/* The groups last drawn collapsed for source @key in @view, or NULL. */
GHashTable *extopo_window_state_get_collapsed  (ExtopoWindow *self,
                                                const char   *key,
                                                ExtopoView    view);
/* Puts the view back where it was for the current source; FALSE when
 * nothing is remembered. */
gboolean    extopo_window_state_restore_view   (ExtopoWindow *self);
/* The most recent source, if it is still there; NULL otherwise. */
char       *extopo_window_state_get_last_source (GSettings   *settings);

/* Collapsing groups, undo and redo (extopo-window-collapse.c) */
void        extopo_window_collapse_init        (ExtopoWindow *self);
void        extopo_window_collapse_finalize    (ExtopoWindow *self);
/* A new source: nothing to undo. */
void        extopo_window_collapse_reset       (ExtopoWindow *self);
/* The window as it is (view, collapsed groups) becomes a step to undo. */
void        extopo_window_note_undoable        (ExtopoWindow *self);
/* Shows @view (the view action's state and the setting follow) without
 * laying out; the caller lays out. */
void        extopo_window_show_view            (ExtopoWindow *self,
                                                ExtopoView    view);
/* Draws the groups of @collapsed (owned) collapsed, as an undoable change
 * when @undoable. */
void        extopo_window_set_collapsed        (ExtopoWindow *self,
                                                GHashTable   *collapsed,
                                                gboolean      undoable);

/* extopo-window-export.c: the export dialog, its memory, the bar that says
 * where the file went, and the clipboard. */
void        extopo_window_export_init          (ExtopoWindow *self);
void        extopo_window_export_finalize      (ExtopoWindow *self);
void        extopo_window_export_action        (GSimpleAction *action,
                                                GVariant      *parameter,
                                                gpointer       user_data);
/* Saves the inventory's rows as CSV, asking where. */
void        extopo_window_export_inventory_action (GSimpleAction *action,
                                                   GVariant      *parameter,
                                                   gpointer       user_data);
void        extopo_window_copy_diagram_action  (GSimpleAction *action,
                                                GVariant      *parameter,
                                                gpointer       user_data);
void        extopo_window_print_action         (GSimpleAction *action,
                                                GVariant      *parameter,
                                                gpointer       user_data);
void        extopo_window_export_bar_response_cb (GtkInfoBar   *info_bar,
                                                  int           response,
                                                  ExtopoWindow *self);

G_END_DECLS
