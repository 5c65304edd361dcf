/* extopo-dot-writer.c: a laid-out diagram as Graphviz DOT text.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-dot-writer"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "extopo-compare.h"
#include "extopo-dot-writer.h"
#include "extopo-findings.h"
#include "extopo-renderer.h"
#include "extopo-style.h"
#include "extopo-version.h"

#define POINTS_PER_INCH 72.0
/* The length Graphviz gives an arrowhead at arrowsize 1. */
#define DOT_ARROW_LENGTH    10.0
#define FONT_NAME       "Sans"
#define SERVER_FONTSIZE "9"
#define GROUP_FONTSIZE  "10"
#define EDGE_FONTSIZE   "8"
#define EDGE_COLOR      "#545e70"
#define INK_COLOR       "#262b33"

typedef struct
{
  GString        *out;
  ExtopoGeometry *geometry;
  double          left;    /* the diagram's bounds, for Graphviz's y-up points */
  double          bottom;
  guint           depth;
  GHashTable     *changes; /* DN -> ExtopoObjectChange, in a comparison */
} Writer;

static void
indent (Writer *w)
{
  for (guint i = 0; i < w->depth; i++)
    g_string_append (w->out, "  ");
}

/* A DOT quoted string that Graphviz shows as it is. The lexer ends a
 * string at '"' unless a backslash comes first, and drops a backslash (or
 * two) and the newline after it; labels are escStrings where "\\n", "\\N"
 * and the like mean something and "&amp;" is an entity. So '&' becomes
 * "&amp;", a backslash is doubled and a quote escaped. A backslash just
 * before the closing quote or a newline would still be eaten: it is written
 * as two "&#92;" entities, which Graphviz reads as the escString "\\", one
 * backslash. Other characters, newlines and controls included, go as they
 * are: Graphviz draws them as it draws them in any label. */
static void
append_quoted (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == '&')
        g_string_append (out, "&amp;");
      else if (*p == '\\' && (p[1] == '\0' || p[1] == '\n' || p[1] == '\r'))
        g_string_append (out, "&#92;&#92;");
      else if (*p == '\\')
        g_string_append (out, "\\\\");
      else if (*p == '"')
        g_string_append (out, "\\\"");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* A label of several lines: each escaped, joined by escString line breaks. */
static void
append_lines (GString            *out,
              const char * const *lines)
{
  g_autoptr(GString) escaped = g_string_new ("\"");

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GString) one = g_string_new (NULL);

      if (lines[i][0] == '\0')
        continue;
      append_quoted (one, lines[i]);
      if (escaped->len > 1)
        g_string_append (escaped, "\\n");
      /* Without its quotes; a final backslash was already made entities. */
      g_string_append_len (escaped, one->str + 1, one->len - 2);
    }
  g_string_append_c (escaped, '"');
  g_string_append_len (out, escaped->str, escaped->len);
}

static void
attr_text (Writer     *w,
           const char *name,
           const char *value)
{
  g_string_append_printf (w->out, ", %s=", name);
  append_quoted (w->out, value);
}


/* Numbers with a '.' whatever the locale. */
static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.2f", value));
}

static void
append_point (Writer *w,
              double  x,
              double  y)
{
  append_number (w->out, x - w->left);
  g_string_append_c (w->out, ',');
  append_number (w->out, w->bottom - y);
}

static void
append_color (GString      *out,
              const double *rgb)
{
  g_string_append_printf (out, "\"#%02x%02x%02x\"",
                          (guint) (CLAMP (rgb[0], 0, 1) * 255 + 0.5),
                          (guint) (CLAMP (rgb[1], 0, 1) * 255 + 0.5),
                          (guint) (CLAMP (rgb[2], 0, 1) * 255 + 0.5));
}

/* In a comparison: what happened to the object with @dn, and its outline
 * in the colour the scene marks it with. */
static void
append_change (Writer     *w,
               const char *dn)
{
  const ExtopoObjectChange *change = w->changes != NULL && dn != NULL
                                     ? g_hash_table_lookup (w->changes, dn) : NULL;
  static const double added[3] = { STYLE_ADDED_INK };
  static const double changed[3] = { STYLE_CHANGED_INK };
  g_autoptr(GString) fields = NULL;

  if (change == NULL)
    return;
  g_string_append_printf (w->out, ", change=\"%s\", penwidth=3, color=",
                          change->kind == EXTOPO_CHANGE_ADDED ? "added" : "changed");
  append_color (w->out, change->kind == EXTOPO_CHANGE_ADDED ? added : changed);
  fields = g_string_new (NULL);
  for (guint i = 0; i < change->fields->len; i++)
    {
      const ExtopoFieldChange *field = g_ptr_array_index (change->fields, i);

      if (fields->len > 0)
        g_string_append_c (fields, ',');
      g_string_append (fields, field->field);
    }
  if (fields->len > 0)
    attr_text (w, "changed_fields", fields->str);
}

/* pos, width and height of a box node, pinned where ExTopo drew it. */
static void
append_box (Writer           *w,
            const ExtopoRect *box)
{
  g_string_append (w->out, ", pos=\"");
  append_point (w, box->x + box->width / 2, box->y + box->height / 2);
  g_string_append (w->out, "!\", width=");
  append_number (w->out, box->width / POINTS_PER_INCH);
  g_string_append (w->out, ", height=");
  append_number (w->out, box->height / POINTS_PER_INCH);
  g_string_append (w->out, ", fixedsize=true");
}

static void
append_bb (Writer           *w,
           const ExtopoRect *box)
{
  g_string_append (w->out, "bb=\"");
  append_point (w, box->x, box->y + box->height);
  g_string_append_c (w->out, ',');
  append_point (w, box->x + box->width, box->y);
  g_string_append_c (w->out, '"');
}

static const char *
kind_name (ExtopoObjectKind kind)
{
  return kind == EXTOPO_OBJECT_ADMIN_GROUP ? "administrative-group" : "routing-group";
}

static void
write_server (Writer        *w,
              guint          index,
              ExtopoGeoNode *node)
{
  ExtopoServer *server = node->server;
  double fill[3], accent[3];

  indent (w);
  g_string_append_printf (w->out, "s%u [", index);
  if (server != NULL && w->geometry->model != NULL)
    {
      g_autofree char *version = extopo_version_get_display_name (&server->version);
      g_auto(GStrv) badges = extopo_roles_to_badges (server->roles, server->version.product);
      g_autofree char *badge_line = g_strjoinv (" ", badges);
      g_auto(GStrv) roles = extopo_roles_to_strv (server->roles);
      g_autofree char *role_list = g_strjoinv (",", roles);
      g_autoptr(GString) findings = g_string_new (NULL);
      const char *lines[] = { server->name, version != NULL ? version : "", badge_line, NULL };

      for (guint i = 0; server->findings != NULL && i < server->findings->len; i++)
        {
          ExtopoFinding *finding = g_ptr_array_index (server->findings, i);

          if (findings->len > 0)
            g_string_append_c (findings, ',');
          g_string_append (findings, finding->id);
        }

      g_string_append (w->out, "label=");
      append_lines (w->out, lines);
      extopo_renderer_status_fill_color (server->status, fill);
      extopo_renderer_status_color (server->status, &accent[0], &accent[1], &accent[2]);
      /* A server of the older snapshot drawn where it was: dashed and pale. */
      if (node->ghost)
        {
          static const double removed[3] = { STYLE_REMOVED_INK };
          static const double ghost[3] = { STYLE_GHOST_FILL };

          memcpy (fill, ghost, sizeof fill);
          memcpy (accent, removed, sizeof accent);
          g_string_append (w->out, ", style=\"rounded,filled,dashed\", fontcolor=");
          append_color (w->out, removed);
        }
      g_string_append (w->out, ", fillcolor=");
      append_color (w->out, fill);
      g_string_append (w->out, ", color=");
      append_color (w->out, accent);
      attr_text (w, "tooltip", server->fqdn != NULL ? server->fqdn : server->name);
      attr_text (w, "version", version);
      attr_text (w, "roles", role_list);
      attr_text (w, "status", extopo_status_to_string (server->status));
      attr_text (w, "findings", findings->str);
      attr_text (w, "fqdn", server->fqdn);
      attr_text (w, "managed_with", extopo_management_get_name (server->management));
      attr_text (w, "dn", server->dn);
      if (node->ghost)
        g_string_append (w->out, ", change=\"removed\"");
      else
        append_change (w, server->dn);
    }
  else
    {
      g_string_append (w->out, "label=\"\"");
    }
  append_box (w, &node->box);
  g_string_append (w->out, "];\n");
}


static const char *
frame_dn (const ExtopoGeoFrame *frame)
{
  if (frame->object == NULL)
    return NULL;

  return frame->kind == EXTOPO_OBJECT_ADMIN_GROUP ? ((ExtopoAdminGroup *) frame->object)->dn
                                                  : ((ExtopoRoutingGroup *) frame->object)->dn;
}

static void
write_collapsed (Writer         *w,
                 guint           index,
                 ExtopoGeoFrame *frame)
{
  g_autofree char *count = g_strdup_printf (ngettext ("%u server", "%u servers",
                                                      frame->n_servers),
                                            frame->n_servers);
  const char *lines[] = { frame->label != NULL ? frame->label : "", count, NULL };
  double fill[3], border[3];

  extopo_renderer_frame_colors (frame->kind, frame->interop, fill, border);
  indent (w);
  g_string_append_printf (w->out, "f%u [shape=box, style=\"rounded,filled,bold\", label=", index);
  append_lines (w->out, lines);
  g_string_append (w->out, ", fillcolor=");
  append_color (w->out, fill);
  g_string_append (w->out, ", color=");
  append_color (w->out, border);
  g_string_append_printf (w->out, ", collapsed=true, kind=\"%s\", status=\"%s\"",
                          kind_name (frame->kind),
                          extopo_status_to_string (frame->worst_status));
  append_box (w, &frame->box);
  append_change (w, frame_dn (frame));
  g_string_append (w->out, "];\n");
}

/* A frame and, inside it, its own servers and the frames it holds: the
 * clusters nest as the groups do. */
static void
write_frame (Writer     *w,
             guint       index,
             GPtrArray **children,
             GPtrArray **servers)
{
  ExtopoGeoFrame *frame = &g_array_index (w->geometry->frames, ExtopoGeoFrame, index);
  double fill[3], border[3];

  if (frame->collapsed)
    {
      write_collapsed (w, index, frame);
      return;
    }

  extopo_renderer_frame_colors (frame->kind, frame->interop, fill, border);
  indent (w);
  g_string_append_printf (w->out, "subgraph cluster_f%u {\n", index);
  w->depth++;
  indent (w);
  g_string_append (w->out, "graph [label=");
  append_quoted (w->out, frame->label);
  g_string_append_printf (w->out, ", style=\"%s\", fillcolor=",
                          frame->interop ? "rounded,filled,dashed" : "rounded,filled");
  append_color (w->out, fill);
  g_string_append (w->out, ", color=");
  append_color (w->out, border);
  g_string_append_printf (w->out, ", fontsize=%s, labeljust=l, kind=\"%s\", interop=%s, ",
                          frame->kind == EXTOPO_OBJECT_ADMIN_GROUP ? "12" : GROUP_FONTSIZE,
                          kind_name (frame->kind), frame->interop ? "true" : "false");
  append_bb (w, &frame->box);
  append_change (w, frame_dn (frame));
  g_string_append (w->out, "];\n");

  /* Edges join groups; DOT needs a node to hang them on. */
  indent (w);
  g_string_append_printf (w->out, "f%u [shape=point, style=invis, width=0.01, pos=\"", index);
  append_point (w, frame->box.x + frame->box.width / 2, frame->box.y + frame->box.height / 2);
  g_string_append (w->out, "!\"];\n");

  for (guint i = 0; servers[index] != NULL && i < servers[index]->len; i++)
    {
      guint node = GPOINTER_TO_UINT (g_ptr_array_index (servers[index], i));

      write_server (w, node, &g_array_index (w->geometry->nodes, ExtopoGeoNode, node));
    }
  for (guint i = 0; children[index] != NULL && i < children[index]->len; i++)
    write_frame (w, GPOINTER_TO_UINT (g_ptr_array_index (children[index], i)), children,
                 servers);

  w->depth--;
  indent (w);
  g_string_append (w->out, "}\n");
}

static const char *
connector_style (ExtopoConnector *connector)
{
  switch (connector != NULL ? connector->type : EXTOPO_CONNECTOR_ROUTING_GROUP)
    {
    case EXTOPO_CONNECTOR_ROUTING_GROUP:
      return "solid";
    case EXTOPO_CONNECTOR_SMTP:
    case EXTOPO_CONNECTOR_SEND:
      return "dashed";
    case EXTOPO_CONNECTOR_X400:
      return "bold";
    default:
      return "dotted";
    }
}

/* The node an edge ends at: a frame's anchor, or for a connector that
 * leaves the organization, a node for its address space. */
static void
append_end (Writer *w,
            int     frame,
            guint   edge,
            char    side)
{
  if (frame >= 0)
    g_string_append_printf (w->out, "f%d", frame);
  else
    g_string_append_printf (w->out, "%c%u", side, edge);
}

static void
write_address_space (Writer        *w,
                     guint          index,
                     ExtopoGeoEdge *edge,
                     gboolean       at_end,
                     char           side)
{
  ExtopoConnector *connector = edge->connection != NULL ? edge->connection->forward : NULL;
  g_autofree char *spaces = NULL;
  guint k = at_end ? edge->n_points - 1 : 0;

  /* "SMTP:*.contoso.com;10": the type and the space; the cost is on the edge. */
  if (connector != NULL && connector->address_spaces != NULL &&
      connector->address_spaces[0] != NULL)
    {
      g_autoptr(GString) joined = g_string_new (NULL);

      for (guint i = 0; connector->address_spaces[i] != NULL; i++)
        {
          const char *space = connector->address_spaces[i];
          const char *cost = strrchr (space, ';');

          if (i > 0)
            g_string_append_c (joined, '\n');
          g_string_append_len (joined, space, cost != NULL ? cost - space : (gssize) strlen (space));
        }
      spaces = g_string_free (g_steal_pointer (&joined), FALSE);
    }

  indent (w);
  g_string_append_printf (w->out, "%c%u [shape=note, style=filled, fillcolor=\"#ffffff\", "
                          "fontsize=" EDGE_FONTSIZE ", kind=\"address-space\", label=", side, index);
  append_quoted (w->out, spaces != NULL ? spaces
                 : connector != NULL ? extopo_connector_type_get_display_name (connector->type)
                 : "");
  g_string_append (w->out, ", pos=\"");
  append_point (w, edge->points[2 * k], edge->points[2 * k + 1]);
  g_string_append (w->out, "!\"];\n");
}

/* Moves point @k and its neighbouring control point @k2 back by an
 * arrow's length, towards @k2, keeping the curve's direction there. */
static void
pull_back (double *points,
           guint   k,
           guint   k2)
{
  double dx = points[2 * k] - points[2 * k2];
  double dy = points[2 * k + 1] - points[2 * k2 + 1];
  double length = sqrt (dx * dx + dy * dy);
  double step;

  if (length < 1e-6)
    return;
  step = MIN (DOT_ARROW_LENGTH, length / 2) / length;
  points[2 * k] -= dx * step;
  points[2 * k + 1] -= dy * step;
  points[2 * k2] -= dx * step;
  points[2 * k2 + 1] -= dy * step;
}

static void
append_spline (Writer        *w,
               ExtopoGeoEdge *edge)
{
  g_autofree double *points = g_memdup2 (edge->points, 2 * edge->n_points * sizeof (double));
  guint last = edge->n_points - 1;

  if (edge->arrow_at_start && edge->n_points >= 4)
    {
      g_string_append (w->out, "s,");
      append_point (w, points[0], points[1]);
      g_string_append_c (w->out, ' ');
      pull_back (points, 0, 1);
    }
  if (edge->arrow_at_end && edge->n_points >= 4)
    {
      g_string_append (w->out, "e,");
      append_point (w, points[2 * last], points[2 * last + 1]);
      g_string_append_c (w->out, ' ');
      pull_back (points, last, last - 1);
    }
  for (guint k = 0; k < edge->n_points; k++)
    {
      if (k > 0)
        g_string_append_c (w->out, ' ');
      append_point (w, points[2 * k], points[2 * k + 1]);
    }
}

static void
write_edge (Writer        *w,
            guint          index,
            ExtopoGeoEdge *edge)
{
  ExtopoGeoFrame *frames = (ExtopoGeoFrame *) w->geometry->frames->data;
  ExtopoConnector *connector = edge->connection != NULL ? edge->connection->forward : NULL;

  if (edge->n_points == 0 || (edge->tail_frame < 0 && edge->head_frame < 0))
    return;

  if (edge->tail_frame < 0)
    write_address_space (w, index, edge, FALSE, 't');
  if (edge->head_frame < 0)
    write_address_space (w, index, edge, TRUE, 'h');

  indent (w);
  append_end (w, edge->tail_frame, index, 't');
  g_string_append (w->out, " -> ");
  append_end (w, edge->head_frame, index, 'h');
  g_string_append_printf (w->out, " [dir=%s, style=%s, label=",
                          edge->arrow_at_start && edge->arrow_at_end ? "both"
                          : edge->arrow_at_start ? "back"
                          : edge->arrow_at_end ? "forward" : "none",
                          connector_style (connector));
  append_quoted (w->out, edge->label);
  /* Into the group's frame rather than to its anchor, for dot. */
  if (edge->tail_frame >= 0 && !frames[edge->tail_frame].collapsed)
    g_string_append_printf (w->out, ", ltail=cluster_f%d", edge->tail_frame);
  if (edge->head_frame >= 0 && !frames[edge->head_frame].collapsed)
    g_string_append_printf (w->out, ", lhead=cluster_f%d", edge->head_frame);
  if (connector != NULL)
    {
      g_string_append_printf (w->out, ", cost=%u, type=\"%s\"", connector->cost,
                              extopo_connector_type_to_string (connector->type));
      attr_text (w, "connector", connector->name);
      append_change (w, connector->dn);
    }

  /* ExTopo's own curve: neato -n2 draws it as it is, the arrowheads
   * between the end points ("s," and "e,") and the curve drawn back from
   * them by an arrow's length. */
  g_string_append (w->out, ", pos=\"");
  append_spline (w, edge);
  g_string_append (w->out, "\", lp=\"");
  append_point (w, edge->label_x, edge->label_y);
  g_string_append (w->out, "\"];\n");
}

static void
ptr_array_unref0 (GPtrArray *array)
{
  if (array != NULL)
    g_ptr_array_unref (array);
}

char *
extopo_dot_write (ExtopoGeometry             *geometry,
                  const ExtopoRenderOptions  *options,
                  GError                    **error)
{
  g_autofree char *label = NULL;
  guint n_frames;
  g_autofree GPtrArray **children = NULL;
  g_autofree GPtrArray **servers = NULL;
  Writer w = { 0 };

  g_return_val_if_fail (geometry != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n_frames = geometry->frames->len;
  /* One more: the servers and frames outside any frame. */
  children = g_new0 (GPtrArray *, n_frames + 1);
  servers = g_new0 (GPtrArray *, n_frames + 1);
  for (guint i = 0; i < n_frames; i++)
    {
      ExtopoGeoFrame *frame = &g_array_index (geometry->frames, ExtopoGeoFrame, i);
      guint parent = frame->parent >= 0 && (guint) frame->parent < n_frames
                     ? (guint) frame->parent : n_frames;

      if (children[parent] == NULL)
        children[parent] = g_ptr_array_new ();
      g_ptr_array_add (children[parent], GUINT_TO_POINTER (i));
    }
  for (guint i = 0; i < geometry->nodes->len; i++)
    {
      ExtopoGeoNode *node = &g_array_index (geometry->nodes, ExtopoGeoNode, i);
      guint frame = node->frame >= 0 && (guint) node->frame < n_frames
                    ? (guint) node->frame : n_frames;

      if (servers[frame] == NULL)
        servers[frame] = g_ptr_array_new ();
      g_ptr_array_add (servers[frame], GUINT_TO_POINTER (i));
    }

  w.out = g_string_sized_new (4096 + 600 * (geometry->nodes->len + geometry->edges->len));
  w.geometry = geometry;
  if (options != NULL && options->changes != NULL)
    w.changes = extopo_change_set_by_dn (options->changes);
  w.left = geometry->bounds.x;
  w.bottom = geometry->bounds.y + geometry->bounds.height;

  g_string_append (w.out, "digraph extopo {\n");
  w.depth = 1;
  indent (&w);
  g_string_append (w.out, "graph [compound=true, rankdir=TB, splines=true, fontname=\"" FONT_NAME
                   "\", fontcolor=\"" INK_COLOR "\", ");
  append_bb (&w, &geometry->bounds);
  if (options != NULL && options->show_source && geometry->model != NULL)
    label = g_strdup_printf ("%s\n%s", options->title != NULL ? options->title : "",
                             extopo_model_get_source_name (geometry->model));
  else if (options != NULL && options->title != NULL)
    label = g_strdup (options->title);
  if (label != NULL)
    attr_text (&w, "label", label);
  g_string_append (w.out, "];\n");
  indent (&w);
  g_string_append (w.out, "node [shape=box, style=\"rounded,filled\", fontname=\"" FONT_NAME
                   "\", fontsize=" SERVER_FONTSIZE ", fontcolor=\"" INK_COLOR "\"];\n");
  indent (&w);
  g_string_append (w.out, "edge [fontname=\"" FONT_NAME "\", fontsize=" EDGE_FONTSIZE
                   ", color=\"" EDGE_COLOR "\", fontcolor=\"" EDGE_COLOR "\"];\n");

  for (guint i = 0; servers[n_frames] != NULL && i < servers[n_frames]->len; i++)
    {
      guint node = GPOINTER_TO_UINT (g_ptr_array_index (servers[n_frames], i));

      write_server (&w, node, &g_array_index (geometry->nodes, ExtopoGeoNode, node));
    }
  for (guint i = 0; children[n_frames] != NULL && i < children[n_frames]->len; i++)
    write_frame (&w, GPOINTER_TO_UINT (g_ptr_array_index (children[n_frames], i)), children,
                 servers);
  for (guint i = 0; i < geometry->edges->len; i++)
    write_edge (&w, i, &g_array_index (geometry->edges, ExtopoGeoEdge, i));

  g_string_append (w.out, "}\n");
  g_clear_pointer (&w.changes, g_hash_table_unref);

  for (guint i = 0; i <= n_frames; i++)
    {
      ptr_array_unref0 (children[i]);
      ptr_array_unref0 (servers[i]);
    }

  return g_string_free (w.out, FALSE);
}
