/* extopo-graph-view-a11y.c: what the diagram tells accessibility tools: its groups, their
 * servers and groups inside, and the connectors, as accessible children with a name, a
 * description, a role, states (selected, focused, expanded or collapsed, showing) and
 * their place on screen, so that a screen reader can walk the topology and follow the
 * selection that the arrow keys move.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-graph-view"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk-a11y.h>

#include "extopo-graph-view-private.h"
#include "extopo-version.h"

typedef enum
{
  ITEM_FRAME,
  ITEM_NODE,
  ITEM_EDGE,
} ItemType;

typedef struct
{
  ItemType type;
  guint    index;
} ItemRef;

/* The tree of one geometry: the top level (outermost groups, servers in
 * none, connectors), and each frame's children (groups, then servers). */
typedef struct
{
  ExtopoGeometry *geometry;
  GArray         *top;             /* ItemRef */
  GArray        **frame_children;  /* ItemRef, per frame */
  int            *node_position;   /* a node's index in its parent's list */
  int            *frame_position;
  int            *edge_position;
} Tree;

static void
tree_free (Tree *tree)
{
  if (tree == NULL)
    return;
  for (guint i = 0; i < tree->geometry->frames->len; i++)
    g_array_unref (tree->frame_children[i]);
  g_free (tree->frame_children);
  g_array_unref (tree->top);
  g_free (tree->node_position);
  g_free (tree->frame_position);
  g_free (tree->edge_position);
  extopo_geometry_unref (tree->geometry);
  g_free (tree);
}

static Tree *
tree_new (ExtopoGeometry *geometry)
{
  Tree *tree = g_new0 (Tree, 1);
  guint n_frames = geometry->frames->len;

  tree->geometry = extopo_geometry_ref (geometry);
  tree->top = g_array_new (FALSE, FALSE, sizeof (ItemRef));
  tree->frame_children = g_new0 (GArray *, MAX (n_frames, 1));
  tree->node_position = g_new0 (int, MAX (geometry->nodes->len, 1));
  tree->frame_position = g_new0 (int, MAX (n_frames, 1));
  tree->edge_position = g_new0 (int, MAX (geometry->edges->len, 1));
  for (guint i = 0; i < n_frames; i++)
    tree->frame_children[i] = g_array_new (FALSE, FALSE, sizeof (ItemRef));

  for (guint i = 0; i < n_frames; i++)
    {
      const ExtopoGeoFrame *frame = &g_array_index (geometry->frames, ExtopoGeoFrame, i);
      GArray *list = frame->parent >= 0 && (guint) frame->parent < n_frames
                     ? tree->frame_children[frame->parent] : tree->top;
      ItemRef ref = { ITEM_FRAME, i };

      tree->frame_position[i] = (int) list->len;
      g_array_append_val (list, ref);
    }
  for (guint i = 0; i < geometry->nodes->len; i++)
    {
      const ExtopoGeoNode *node = &g_array_index (geometry->nodes, ExtopoGeoNode, i);
      GArray *list = node->frame >= 0 && (guint) node->frame < n_frames
                     ? tree->frame_children[node->frame] : tree->top;
      ItemRef ref = { ITEM_NODE, i };

      tree->node_position[i] = (int) list->len;
      g_array_append_val (list, ref);
    }
  for (guint i = 0; i < geometry->edges->len; i++)
    {
      ItemRef ref = { ITEM_EDGE, i };

      tree->edge_position[i] = (int) tree->top->len;
      g_array_append_val (tree->top, ref);
    }

  return tree;
}

/* An object of the diagram */

#define EXTOPO_TYPE_DIAGRAM_ITEM (extopo_diagram_item_get_type ())
G_DECLARE_FINAL_TYPE (ExtopoDiagramItem, extopo_diagram_item, EXTOPO, DIAGRAM_ITEM, AtkObject)

struct _ExtopoDiagramItem
{
  AtkObject        parent_instance;

  GtkWidget       *view;           /* weak */
  ExtopoGeometry  *geometry;       /* owned: the tree it belongs to */
  ItemType         type;
  guint            index;
  int              position;       /* in its parent */
};

static void extopo_diagram_item_component_init (AtkComponentIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ExtopoDiagramItem, extopo_diagram_item, ATK_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (ATK_TYPE_COMPONENT,
                                                      extopo_diagram_item_component_init))

static GArray *children_of (AtkObject *object);
static AtkObject *child_at (AtkObject *parent,
                            GArray    *list,
                            int        i);

/* The view's accessible */

#define EXTOPO_TYPE_GRAPH_VIEW_ACCESSIBLE (extopo_graph_view_accessible_get_type ())
G_DECLARE_FINAL_TYPE (ExtopoGraphViewAccessible, extopo_graph_view_accessible, EXTOPO,
                      GRAPH_VIEW_ACCESSIBLE, GtkWidgetAccessible)

struct _ExtopoGraphViewAccessible
{
  GtkWidgetAccessible parent_instance;

  Tree               *tree;
  GHashTable         *items;       /* ItemType * n + index -> ExtopoDiagramItem, owned */
  AtkObject          *focused;     /* borrowed from items */
};

G_DEFINE_FINAL_TYPE (ExtopoGraphViewAccessible, extopo_graph_view_accessible,
                     GTK_TYPE_WIDGET_ACCESSIBLE)

static ExtopoGraphView *
accessible_view (ExtopoGraphViewAccessible *self)
{
  GtkWidget *widget = gtk_accessible_get_widget (GTK_ACCESSIBLE (self));

  return widget != NULL ? EXTOPO_GRAPH_VIEW (widget) : NULL;
}

/* The tree of the view's current geometry, rebuilt when it changed. */
static Tree *
accessible_tree (ExtopoGraphViewAccessible *self)
{
  ExtopoGraphView *view = accessible_view (self);
  ExtopoGeometry *geometry = view != NULL ? view->geometry : NULL;

  if (self->tree != NULL && self->tree->geometry == geometry)
    return self->tree;
  g_clear_pointer (&self->tree, tree_free);
  g_hash_table_remove_all (self->items);
  self->focused = NULL;
  if (geometry != NULL)
    self->tree = tree_new (geometry);

  return self->tree;
}

static guint64
item_key (ItemType type,
          guint    index)
{
  return (guint64) index * 3 + type;
}

static AtkObject *
item_get (ExtopoGraphViewAccessible *self,
          AtkObject                 *parent,
          ItemRef                    ref,
          int                        position)
{
  guint64 key = item_key (ref.type, ref.index);
  ExtopoDiagramItem *item = g_hash_table_lookup (self->items, &key);

  if (item == NULL)
    {
      guint64 *stored = g_new (guint64, 1);

      item = g_object_new (EXTOPO_TYPE_DIAGRAM_ITEM, NULL);
      item->view = gtk_accessible_get_widget (GTK_ACCESSIBLE (self));
      g_object_add_weak_pointer (G_OBJECT (item->view), (gpointer *) &item->view);
      item->geometry = extopo_geometry_ref (self->tree->geometry);
      item->type = ref.type;
      item->index = ref.index;
      item->position = position;
      atk_object_set_parent (ATK_OBJECT (item), parent);
      *stored = key;
      g_hash_table_insert (self->items, stored, item);
    }

  return ATK_OBJECT (item);
}

static int
extopo_graph_view_accessible_get_n_children (AtkObject *object)
{
  Tree *tree = accessible_tree (EXTOPO_GRAPH_VIEW_ACCESSIBLE (object));

  return tree != NULL ? (int) tree->top->len : 0;
}

static AtkObject *
extopo_graph_view_accessible_ref_child (AtkObject *object,
                                        int        i)
{
  Tree *tree = accessible_tree (EXTOPO_GRAPH_VIEW_ACCESSIBLE (object));

  if (tree == NULL)
    return NULL;

  return child_at (object, tree->top, i);
}

static void
extopo_graph_view_accessible_finalize (GObject *object)
{
  ExtopoGraphViewAccessible *self = EXTOPO_GRAPH_VIEW_ACCESSIBLE (object);

  g_hash_table_unref (self->items);
  g_clear_pointer (&self->tree, tree_free);

  G_OBJECT_CLASS (extopo_graph_view_accessible_parent_class)->finalize (object);
}

static void
extopo_graph_view_accessible_class_init (ExtopoGraphViewAccessibleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AtkObjectClass *atk_class = ATK_OBJECT_CLASS (klass);

  object_class->finalize = extopo_graph_view_accessible_finalize;
  atk_class->get_n_children = extopo_graph_view_accessible_get_n_children;
  atk_class->ref_child = extopo_graph_view_accessible_ref_child;
}

static void
extopo_graph_view_accessible_init (ExtopoGraphViewAccessible *self)
{
  self->items = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
}

static ExtopoGraphViewAccessible *
item_root (ExtopoDiagramItem *item)
{
  if (item->view == NULL)
    return NULL;

  return EXTOPO_GRAPH_VIEW_ACCESSIBLE (gtk_widget_get_accessible (item->view));
}

/* The list @object's children come from (a frame's, or the top level). */
static GArray *
children_of (AtkObject *object)
{
  ExtopoDiagramItem *item = EXTOPO_DIAGRAM_ITEM (object);
  ExtopoGraphViewAccessible *root = item_root (item);
  Tree *tree = root != NULL ? accessible_tree (root) : NULL;

  if (tree == NULL || tree->geometry != item->geometry || item->type != ITEM_FRAME)
    return NULL;

  return tree->frame_children[item->index];
}

static AtkObject *
child_at (AtkObject *parent,
          GArray    *list,
          int        i)
{
  ExtopoGraphViewAccessible *root;

  if (list == NULL || i < 0 || (guint) i >= list->len)
    return NULL;
  root = EXTOPO_IS_GRAPH_VIEW_ACCESSIBLE (parent)
         ? EXTOPO_GRAPH_VIEW_ACCESSIBLE (parent) : item_root (EXTOPO_DIAGRAM_ITEM (parent));
  if (root == NULL)
    return NULL;

  return g_object_ref (item_get (root, parent, g_array_index (list, ItemRef, i), i));
}

/* The model object an item stands for, as the view selects it. */
static gpointer
item_object (ExtopoDiagramItem *item,
             ExtopoObjectKind  *kind)
{
  ExtopoGeometry *geometry = item->geometry;

  switch (item->type)
    {
    case ITEM_FRAME:
    {
      const ExtopoGeoFrame *frame = &g_array_index (geometry->frames, ExtopoGeoFrame,
                                                    item->index);

      *kind = frame->kind;
      return frame->object;
    }
    case ITEM_NODE:
      *kind = EXTOPO_OBJECT_SERVER;
      return g_array_index (geometry->nodes, ExtopoGeoNode, item->index).server;
    case ITEM_EDGE:
    default:
    {
      const ExtopoGeoEdge *edge = &g_array_index (geometry->edges, ExtopoGeoEdge, item->index);

      *kind = EXTOPO_OBJECT_CONNECTOR;
      return edge->connection != NULL ? edge->connection->forward : NULL;
    }
    }
}

static const char *
extopo_diagram_item_get_name (AtkObject *object)
{
  ExtopoDiagramItem *item = EXTOPO_DIAGRAM_ITEM (object);
  ExtopoGeometry *geometry = item->geometry;

  if (object->name != NULL)
    return object->name;

  switch (item->type)
    {
    case ITEM_FRAME:
      return g_array_index (geometry->frames, ExtopoGeoFrame, item->index).label;
    case ITEM_NODE:
    {
      const ExtopoGeoNode *node = &g_array_index (geometry->nodes, ExtopoGeoNode, item->index);
      g_autofree char *name = NULL;

      if (!node->ghost)
        return node->server->name;
      /* Translators: a server of the older snapshot, drawn where it was,
       * for a screen reader: "SEA-EX02, retired". */
      name = g_strdup_printf (_("%s, retired"), node->server->name);
      /* Kept by the object, which AtkObject frees with it. */
      atk_object_set_name (object, name);
      return object->name;
    }
    case ITEM_EDGE:
    default:
    {
      const ExtopoGeoEdge *edge = &g_array_index (geometry->edges, ExtopoGeoEdge, item->index);
      ExtopoConnector *connector = edge->connection != NULL ? edge->connection->forward : NULL;

      return connector != NULL && connector->name != NULL ? connector->name : edge->label;
    }
    }
}

/* "Exchange Server 2003 SP2, Hub Transport, status: warning" and the like. */
static const char *
extopo_diagram_item_get_description (AtkObject *object)
{
  ExtopoDiagramItem *item = EXTOPO_DIAGRAM_ITEM (object);
  ExtopoGeometry *geometry = item->geometry;
  g_autofree char *text = NULL;

  if (object->description != NULL)
    return object->description;

  switch (item->type)
    {
    case ITEM_FRAME:
    {
      const ExtopoGeoFrame *frame = &g_array_index (geometry->frames, ExtopoGeoFrame,
                                                    item->index);
      const char *kind = frame->kind == EXTOPO_OBJECT_ADMIN_GROUP ? _("Administrative group")
                                                                    : _("Routing group");

      text = g_strdup_printf (ngettext ("%s, %u server%s", "%s, %u servers%s",
                                        frame->n_servers),
                              kind, frame->n_servers,
                              frame->collapsed ? _(", collapsed") : "");
      break;
    }
    case ITEM_NODE:
    {
      ExtopoServer *server = g_array_index (geometry->nodes, ExtopoGeoNode, item->index).server;
      g_autofree char *version = extopo_version_get_display_name (&server->version);
      g_autofree char *roles = extopo_roles_to_display_text (server->roles,
                                                             server->version.product);

      if (g_array_index (geometry->nodes, ExtopoGeoNode, item->index).ghost)
        /* Translators: a retired server, drawn where it was, for a screen
         * reader: its last version and roles. */
        text = g_strdup_printf (_("%s; roles: %s; removed since the older snapshot"),
                                version != NULL ? version : _("Unknown version"),
                                *roles != '\0' ? roles : _("none known"));
      else
        /* Translators: a server for a screen reader: version, roles, status. */
        text = g_strdup_printf (_("%s; roles: %s; status: %s"),
                                version != NULL ? version : _("Unknown version"),
                                *roles != '\0' ? roles : _("none known"),
                                extopo_status_to_string (server->status));
      break;
    }
    case ITEM_EDGE:
    default:
    {
      const ExtopoGeoEdge *edge = &g_array_index (geometry->edges, ExtopoGeoEdge, item->index);
      const char *from = edge->tail_frame >= 0
                           ? g_array_index (geometry->frames, ExtopoGeoFrame,
                                            edge->tail_frame).label : NULL;
      const char *to = edge->head_frame >= 0
                         ? g_array_index (geometry->frames, ExtopoGeoFrame,
                                          edge->head_frame).label : NULL;

      /* Translators: a connector for a screen reader: its ends and label. */
      text = g_strdup_printf (_("Connector from %s to %s%s%s"),
                              from != NULL ? from : _("outside the organization"),
                              to != NULL ? to : _("outside the organization"),
                              edge->label != NULL ? ", " : "",
                              edge->label != NULL ? edge->label : "");
      break;
    }
    }
  /* Kept by the object, which AtkObject frees with it. */
  atk_object_set_description (object, text);

  return object->description;
}

static AtkRole
extopo_diagram_item_get_role (AtkObject *object)
{
  switch (EXTOPO_DIAGRAM_ITEM (object)->type)
    {
    case ITEM_FRAME:
      return ATK_ROLE_GROUPING;
    case ITEM_NODE:
      return ATK_ROLE_LIST_ITEM;
    case ITEM_EDGE:
    default:
      return ATK_ROLE_LINK;
    }
}

static int
extopo_diagram_item_get_n_children (AtkObject *object)
{
  GArray *list = children_of (object);

  return list != NULL ? (int) list->len : 0;
}

static AtkObject *
extopo_diagram_item_ref_child (AtkObject *object,
                               int        i)
{
  return child_at (object, children_of (object), i);
}

static int
extopo_diagram_item_get_index_in_parent (AtkObject *object)
{
  return EXTOPO_DIAGRAM_ITEM (object)->position;
}

static gboolean
item_box (ExtopoDiagramItem *item,
          ExtopoRect        *box)
{
  ExtopoGeometry *geometry = item->geometry;

  switch (item->type)
    {
    case ITEM_FRAME:
      *box = g_array_index (geometry->frames, ExtopoGeoFrame, item->index).box;
      return TRUE;
    case ITEM_NODE:
      *box = g_array_index (geometry->nodes, ExtopoGeoNode, item->index).box;
      return TRUE;
    case ITEM_EDGE:
    default:
      *box = g_array_index (geometry->edges, ExtopoGeoEdge, item->index).extent;
      return TRUE;
    }
}

static AtkStateSet *
extopo_diagram_item_ref_state_set (AtkObject *object)
{
  ExtopoDiagramItem *item = EXTOPO_DIAGRAM_ITEM (object);
  AtkStateSet *states = atk_state_set_new ();
  ExtopoGraphView *view = item->view != NULL ? EXTOPO_GRAPH_VIEW (item->view) : NULL;
  ExtopoObjectKind kind, selected_kind;
  gpointer model_object = item_object (item, &kind);
  ExtopoRect box, visible;

  if (view == NULL || view->geometry != item->geometry)
    {
      atk_state_set_add_state (states, ATK_STATE_DEFUNCT);
      return states;
    }

  atk_state_set_add_state (states, ATK_STATE_ENABLED);
  atk_state_set_add_state (states, ATK_STATE_SENSITIVE);
  atk_state_set_add_state (states, ATK_STATE_VISIBLE);
  atk_state_set_add_state (states, ATK_STATE_SELECTABLE);
  atk_state_set_add_state (states, ATK_STATE_FOCUSABLE);
  extopo_graph_view_get_visible_rect (view, &visible);
  if (item_box (item, &box) && extopo_rect_intersects (&box, &visible))
    atk_state_set_add_state (states, ATK_STATE_SHOWING);
  if (model_object != NULL &&
      extopo_graph_view_get_selection (view, &selected_kind) == model_object &&
      selected_kind == kind)
    {
      atk_state_set_add_state (states, ATK_STATE_SELECTED);
      if (gtk_widget_has_focus (GTK_WIDGET (view)))
        atk_state_set_add_state (states, ATK_STATE_FOCUSED);
    }
  if (item->type == ITEM_FRAME)
    {
      atk_state_set_add_state (states, ATK_STATE_EXPANDABLE);
      atk_state_set_add_state (states,
                               g_array_index (item->geometry->frames, ExtopoGeoFrame,
                                              item->index).collapsed ? ATK_STATE_COLLAPSED
                                                                     : ATK_STATE_EXPANDED);
    }

  return states;
}

static void
extopo_diagram_item_get_extents (AtkComponent *component,
                                 int          *x,
                                 int          *y,
                                 int          *width,
                                 int          *height,
                                 AtkCoordType  coord_type)
{
  ExtopoDiagramItem *item = EXTOPO_DIAGRAM_ITEM (component);
  ExtopoGraphView *view = item->view != NULL ? EXTOPO_GRAPH_VIEW (item->view) : NULL;
  ExtopoRect box;
  double x0, y0, x1, y1;
  int ox = 0, oy = 0;

  *x = *y = *width = *height = 0;
  if (view == NULL || view->geometry != item->geometry || !item_box (item, &box))
    return;

  extopo_graph_view_diagram_to_widget (view, box.x, box.y, &x0, &y0);
  extopo_graph_view_diagram_to_widget (view, box.x + box.width, box.y + box.height, &x1, &y1);
  if (coord_type != ATK_XY_PARENT)
    {
      GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (view));

      /* The view's corner in its window, then on the screen. */
      if (gtk_widget_translate_coordinates (GTK_WIDGET (view), toplevel, 0, 0, &ox, &oy) &&
          coord_type == ATK_XY_SCREEN && gtk_widget_get_window (toplevel) != NULL)
        {
          int wx, wy;

          gdk_window_get_origin (gtk_widget_get_window (toplevel), &wx, &wy);
          ox += wx;
          oy += wy;
        }
    }
  *x = (int) x0 + ox;
  *y = (int) y0 + oy;
  *width = (int) (x1 - x0);
  *height = (int) (y1 - y0);
}

static gboolean
extopo_diagram_item_grab_focus (AtkComponent *component)
{
  ExtopoDiagramItem *item = EXTOPO_DIAGRAM_ITEM (component);
  ExtopoObjectKind kind;
  gpointer object = item_object (item, &kind);

  if (item->view == NULL || object == NULL)
    return FALSE;
  gtk_widget_grab_focus (item->view);
  extopo_graph_view_set_selection (EXTOPO_GRAPH_VIEW (item->view), kind, object);
  extopo_graph_view_center_on (EXTOPO_GRAPH_VIEW (item->view), kind, object);

  return TRUE;
}

static void
extopo_diagram_item_component_init (AtkComponentIface *iface)
{
  iface->get_extents = extopo_diagram_item_get_extents;
  iface->grab_focus = extopo_diagram_item_grab_focus;
}

static void
extopo_diagram_item_finalize (GObject *object)
{
  ExtopoDiagramItem *item = EXTOPO_DIAGRAM_ITEM (object);

  if (item->view != NULL)
    g_object_remove_weak_pointer (G_OBJECT (item->view), (gpointer *) &item->view);
  g_clear_pointer (&item->geometry, extopo_geometry_unref);

  G_OBJECT_CLASS (extopo_diagram_item_parent_class)->finalize (object);
}

static void
extopo_diagram_item_class_init (ExtopoDiagramItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AtkObjectClass *atk_class = ATK_OBJECT_CLASS (klass);

  object_class->finalize = extopo_diagram_item_finalize;
  atk_class->get_name = extopo_diagram_item_get_name;
  atk_class->get_description = extopo_diagram_item_get_description;
  atk_class->get_role = extopo_diagram_item_get_role;
  atk_class->get_n_children = extopo_diagram_item_get_n_children;
  atk_class->ref_child = extopo_diagram_item_ref_child;
  atk_class->get_index_in_parent = extopo_diagram_item_get_index_in_parent;
  atk_class->ref_state_set = extopo_diagram_item_ref_state_set;
}

static void
extopo_diagram_item_init (ExtopoDiagramItem *item)
{
}

/* The accessible object of @kind, @object in the current tree, or NULL. */
static AtkObject *
find_item (ExtopoGraphViewAccessible *root,
           ExtopoObjectKind           kind,
           gpointer                   object)
{
  Tree *tree = accessible_tree (root);
  ExtopoGeometry *geometry;
  AtkObject *parent;
  ItemRef ref = { 0 };
  int position = -1;

  if (tree == NULL || object == NULL)
    return NULL;
  geometry = tree->geometry;
  if (kind == EXTOPO_OBJECT_SERVER)
    {
      for (guint i = 0; i < geometry->nodes->len && position < 0; i++)
        if (g_array_index (geometry->nodes, ExtopoGeoNode, i).server == object)
          {
            ref = (ItemRef) { ITEM_NODE, i };
            position = tree->node_position[i];
          }
    }
  else if (kind == EXTOPO_OBJECT_CONNECTOR)
    {
      for (guint i = 0; i < geometry->edges->len && position < 0; i++)
        {
          const ExtopoGeoEdge *edge = &g_array_index (geometry->edges, ExtopoGeoEdge, i);

          if (edge->connection != NULL && (edge->connection->forward == object ||
                                           edge->connection->reverse == object ||
                                           (gpointer) edge->connection == object))
            {
              ref = (ItemRef) { ITEM_EDGE, i };
              position = tree->edge_position[i];
            }
        }
    }
  else
    for (guint i = 0; i < geometry->frames->len && position < 0; i++)
      if (g_array_index (geometry->frames, ExtopoGeoFrame, i).object == object)
        {
          ref = (ItemRef) { ITEM_FRAME, i };
          position = tree->frame_position[i];
        }
  if (position < 0)
    return NULL;

  /* Its parent first, so that the item hangs in the tree. */
  if (ref.type == ITEM_FRAME)
    {
      int p = g_array_index (geometry->frames, ExtopoGeoFrame, ref.index).parent;

      parent = p >= 0 ? find_item (root, g_array_index (geometry->frames, ExtopoGeoFrame, p).kind,
                                   g_array_index (geometry->frames, ExtopoGeoFrame, p).object)
                      : ATK_OBJECT (root);
    }
  else if (ref.type == ITEM_NODE)
    {
      int f = g_array_index (geometry->nodes, ExtopoGeoNode, ref.index).frame;

      parent = f >= 0 ? find_item (root, g_array_index (geometry->frames, ExtopoGeoFrame, f).kind,
                                   g_array_index (geometry->frames, ExtopoGeoFrame, f).object)
                      : ATK_OBJECT (root);
    }
  else
    parent = ATK_OBJECT (root);
  if (parent == NULL)
    return NULL;

  return item_get (root, parent, ref, position);
}

void
extopo_graph_view_a11y_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_set_accessible_type (widget_class, EXTOPO_TYPE_GRAPH_VIEW_ACCESSIBLE);
}

/* The selection moved (or the geometry changed): tell the screen reader
 * which object is now the active one. */
void
extopo_graph_view_a11y_selection_changed (ExtopoGraphView *self)
{
  AtkObject *accessible;
  ExtopoGraphViewAccessible *root;
  AtkObject *item;

  accessible = gtk_widget_get_accessible (GTK_WIDGET (self));
  if (!EXTOPO_IS_GRAPH_VIEW_ACCESSIBLE (accessible))
    return;
  root = EXTOPO_GRAPH_VIEW_ACCESSIBLE (accessible);
  item = find_item (root, self->selected_kind, self->selected);
  if (root->focused != NULL && root->focused != item)
    {
      atk_object_notify_state_change (root->focused, ATK_STATE_SELECTED, FALSE);
      atk_object_notify_state_change (root->focused, ATK_STATE_FOCUSED, FALSE);
    }
  root->focused = item;
  if (item != NULL)
    {
      atk_object_notify_state_change (item, ATK_STATE_SELECTED, TRUE);
      if (gtk_widget_has_focus (GTK_WIDGET (self)))
        atk_object_notify_state_change (item, ATK_STATE_FOCUSED, TRUE);
      g_signal_emit_by_name (accessible, "active-descendant-changed", item);
    }
}

/* A new geometry: the children are new. */
void
extopo_graph_view_a11y_geometry_changed (ExtopoGraphView *self)
{
  AtkObject *accessible = gtk_widget_get_accessible (GTK_WIDGET (self));

  if (EXTOPO_IS_GRAPH_VIEW_ACCESSIBLE (accessible))
    {
      accessible_tree (EXTOPO_GRAPH_VIEW_ACCESSIBLE (accessible));
      g_signal_emit_by_name (accessible, "visible-data-changed");
    }
}
