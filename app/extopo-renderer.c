/* extopo-renderer.c: the diagram: group frames, server cards and the order they are drawn
 * in, and the painter's set-up.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-renderer"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "extopo-renderer-private.h"

/* The worst findings a group frame carries itself. */
typedef struct
{
  ExtopoSeverity severity;
  guint          count;
} GroupMark;

void
extopo_render_options_init (ExtopoRenderOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (ExtopoRenderOptions) { 0 };
  options->scale = 1.0;
  options->show_legend = TRUE;
  options->show_title = TRUE;
}

gboolean
extopo_painter_is_match (const ExtopoRenderOptions *options,
                         gpointer                   object)
{
  return options->matches != NULL && object != NULL &&
         g_hash_table_contains (options->matches, object);
}

static void
draw_highlight (Painter          *painter,
                ExtopoObjectKind  kind,
                gpointer          object,
                const ExtopoRect *box,
                double            radius)
{
  const ExtopoRenderOptions *options = painter->options;
  double px = 1.0 / MAX (painter->scale, 1e-3);

  if (extopo_painter_is_match (options, object))
    extopo_painter_outline_box (painter->cr, box, 2.5, radius, &match_ink, 0.9, MAX (4.0, 3 * px));
  if (options->hovered == object && options->hovered_kind == kind)
    extopo_painter_outline_box (painter->cr, box, 1.5, radius, &selection_ink, 0.45, MAX (2.0,
                                                                                          2 * px));
  if (options->selected == object && options->selected_kind == kind)
    extopo_painter_outline_box (painter->cr, box, 1.5, radius, &selection_ink, 1.0, MAX (2.5,
                                                                                         3 * px));
}

/* A server's badges, name and FQDN; pills and text are gathered. */
static double
measure_pill (const char *text,
              gpointer    data)
{
  return extopo_painter_draw_pill (data, text, 0, 0, &badge_fill, &ink, FALSE);
}

static void
draw_server_content (Painter             *painter,
                     const ExtopoGeoNode *node)
{
  cairo_t *cr = painter->cr;
  const ExtopoRect *box = &node->box;
  ExtopoServer *server = node->server;
  double x, y;

  draw_highlight (painter, EXTOPO_OBJECT_SERVER, server, box, 4);

  if (painter->detailed)
    extopo_painter_queue_capsule (painter,
                                  &status_accent[extopo_painter_clamp_status (server->status)],
                                  box->x + box->width - 11, box->y + 11, 0, 13);

  if (!extopo_painter_text_visible (painter, NAME_SIZE))
    return;

  extopo_painter_set_rgb (cr, &ink);
  extopo_painter_draw_text (painter, server->name, NAME_SIZE, TRUE, box->x + 8, box->y + 4,
                            box->width - (painter->detailed ? 28 : 12), TRUE);

  if (!painter->detailed)
    return;

  x = box->x + 8;
  y = box->y + 21;
  {
    g_autofree char *badge = NULL;

    /* A provisioned server has no version yet: say what it is. */
    if (server->provisioned && !server->version.known)
      badge = g_strdup (C_("badge", "provisioned"));
    else
      badge = extopo_version_get_badge (&server->version);
    x += extopo_painter_draw_pill (painter, badge, x, y, &badge_fill, &ink, TRUE) + 3;
  }
  if (server->server_role == 1)
    x += extopo_painter_draw_pill (painter, C_("badge", "FE"), x, y, &badge_fill, &muted_ink,
                                   TRUE) + 3;
  if (server->roles_known && extopo_server_is_exchange_2007 (server))
    {
      g_auto(GStrv) badges = extopo_roles_to_badges (server->roles, server->version.product);
      guint n = g_strv_length (badges);
      guint shown = extopo_badges_fit ((const char * const *) badges, x, 2,
                                       box->x + box->width - 6, measure_pill, painter);

      for (guint i = 0; i < shown; i++)
        x += extopo_painter_draw_pill (painter, badges[i], x, y, &role_fill, &ink, TRUE) + 2;
      /* No badge cut silently: those that do not fit are counted. */
      if (shown < n)
        {
          g_autofree char *more = g_strdup_printf ("+%u", n - shown);

          extopo_painter_draw_pill (painter, more, x, y, &badge_fill, &ink, TRUE);
        }
    }

  if (server->fqdn != NULL || server->site_name != NULL)
    {
      extopo_painter_set_rgb (cr, &muted_ink);
      extopo_painter_draw_text (painter, server->fqdn != NULL ? server->fqdn : server->site_name,
                                SMALL_SIZE,
                                FALSE, box->x + 8, box->y + 37, box->width - 14, TRUE);
    }
}

/* Server boxes with their details. Servers never overlap, so each layer
 * (boxes, stripes, dots and pills, marks, text) is drawn for all of them at
 * once, a path per colour: the same picture from a few dozen operations,
 * where a vector export would otherwise hold ten elements per server. */
static void
draw_servers (Painter *painter,
              GArray  *indices)
{
  cairo_t *cr = painter->cr;
  GArray *nodes = painter->geometry->nodes;
  double mark_scale = 6.5 / 7.0;

#define EACH_NODE(node) \
  for (guint k_ = 0; k_ < indices->len; k_++) \
  for (const ExtopoGeoNode *node = &g_array_index (nodes, ExtopoGeoNode, \
                                                   g_array_index (indices, guint, k_)); \
       node != NULL; node = NULL)

  for (int status = EXTOPO_STATUS_OK; status <= EXTOPO_STATUS_UNSUPPORTED; status++)
    {
      gboolean any = FALSE;

      EACH_NODE (node)
      if (extopo_painter_clamp_status (node->server->status) == (ExtopoStatus) status)
        {
          extopo_renderer_rounded_rect (cr, node->box.x, node->box.y, node->box.width,
                                        node->box.height, 4);
          any = TRUE;
        }
      if (!any)
        continue;
      extopo_painter_set_rgb (cr, &status_fill[status]);
      cairo_fill_preserve (cr);
      extopo_painter_set_rgb (cr, &status_accent[status]);
      cairo_set_line_width (cr, 1.0);
      cairo_stroke (cr);

      /* The status stripe on the left edge. */
      EACH_NODE (node)
      if (extopo_painter_clamp_status (node->server->status) == (ExtopoStatus) status)
        cairo_rectangle (cr, node->box.x + 0.5, node->box.y + 3, 3.5, node->box.height - 6);
      cairo_fill (cr);
    }

  painter->capsules = g_array_new (FALSE, FALSE, sizeof (Capsule));
  painter->text_batches = g_ptr_array_new_with_free_func (extopo_painter_glyph_batch_free);
  EACH_NODE (node)
  draw_server_content (painter, node);
  extopo_painter_flush_capsules (painter);

  if (painter->detailed)
    {
      gboolean warnings = FALSE;

      EACH_NODE (node)
      {
        ExtopoStatus status = extopo_painter_clamp_status (node->server->status);

        extopo_painter_path_status_mark (cr, status, node->box.x + node->box.width - 11,
                                         node->box.y + 11,
                                         mark_scale);
        warnings |= status == EXTOPO_STATUS_WARNING;
      }
      extopo_painter_set_mark_style (cr, mark_scale);
      cairo_stroke (cr);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_BUTT);
      if (warnings)
        {
          EACH_NODE (node)
          if (extopo_painter_clamp_status (node->server->status) == EXTOPO_STATUS_WARNING)
            {
              double cx = node->box.x + node->box.width - 11;
              double cy = node->box.y + 11 + 3.2 * mark_scale;

              cairo_new_sub_path (cr);
              cairo_arc (cr, cx, cy, 0.95 * mark_scale, 0, 2 * G_PI);
            }
          cairo_fill (cr);
        }
    }
#undef EACH_NODE

  extopo_painter_flush_text (painter);
  g_clear_pointer (&painter->text_batches, g_ptr_array_unref);
  g_clear_pointer (&painter->capsules, g_array_unref);
  g_clear_pointer (&painter->ascii_fonts, g_hash_table_unref);
}

static void
draw_servers_plain (Painter *painter,
                    GArray  *indices)
{
  cairo_t *cr = painter->cr;
  GArray *nodes = painter->geometry->nodes;
  double pixel = 1.0 / MAX (painter->scale, 1e-3);

  /* Zoomed far out: plain rectangles, one fill per status colour. Boxes in
   * a row of a group's grid that touch on screen become one rectangle. */
  for (int status = EXTOPO_STATUS_OK; status <= EXTOPO_STATUS_UNSUPPORTED; status++)
    {
      gboolean any = FALSE;
      ExtopoRect run = { 0 };
      gboolean in_run = FALSE;

      for (guint k = 0; k < indices->len; k++)
        {
          const ExtopoGeoNode *node = &g_array_index (nodes, ExtopoGeoNode,
                                                      g_array_index (indices, guint, k));
          const ExtopoRect *box = &node->box;

          if (extopo_painter_clamp_status (node->server->status) != (ExtopoStatus) status)
            continue;
          if (in_run && box->y == run.y && box->height == run.height &&
              box->x >= run.x + run.width && box->x - (run.x + run.width) < pixel)
            {
              run.width = box->x + box->width - run.x;
              continue;
            }
          if (in_run)
            cairo_rectangle (cr, run.x, run.y, run.width, run.height);
          run = *box;
          in_run = any = TRUE;
        }
      if (in_run)
        cairo_rectangle (cr, run.x, run.y, run.width, run.height);
      if (any)
        {
          extopo_painter_set_rgb (cr, &status_accent[status]);
          cairo_fill (cr);
        }
    }

  for (guint k = 0; k < indices->len; k++)
    {
      const ExtopoGeoNode *node = &g_array_index (nodes, ExtopoGeoNode,
                                                  g_array_index (indices, guint, k));

      draw_highlight (painter, EXTOPO_OBJECT_SERVER, node->server, &node->box, 0);
    }
}

/* The worst warning or error among a group's own findings, and how many
 * there are of it; FALSE when the group has none. The model links each
 * finding to its group, so this reads a short list. */
static gboolean
group_mark (Painter              *painter,
            const ExtopoGeoFrame *frame,
            GroupMark            *mark)
{
  GPtrArray *findings = NULL;

  /* Hand-made geometry carries no model, and its objects are not groups. */
  if (painter->geometry == NULL || painter->geometry->model == NULL || frame->object == NULL)
    return FALSE;

  if (frame->kind == EXTOPO_OBJECT_ADMIN_GROUP)
    findings = ((ExtopoAdminGroup *) frame->object)->findings;
  else if (frame->kind == EXTOPO_OBJECT_ROUTING_GROUP)
    findings = ((ExtopoRoutingGroup *) frame->object)->findings;

  mark->severity = EXTOPO_SEVERITY_WARNING;
  mark->count = 0;
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const ExtopoFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity < EXTOPO_SEVERITY_WARNING)
        continue;
      if (finding->severity > mark->severity)
        {
          mark->severity = finding->severity;
          mark->count = 0;
        }
      if (finding->severity == mark->severity)
        mark->count++;
    }

  return mark->count > 0;
}

static ExtopoStatus
severity_status (ExtopoSeverity severity)
{
  return severity >= EXTOPO_SEVERITY_ERROR ? EXTOPO_STATUS_ERROR
         : severity == EXTOPO_SEVERITY_WARNING ? EXTOPO_STATUS_WARNING
         : EXTOPO_STATUS_OK;
}

/* "1 error" with the status icon, in a pill of the status's colours; returns
 * its width. */
static double
draw_finding_tag (Painter         *painter,
                  const GroupMark *mark,
                  double           x,
                  double           y,
                  gboolean         paint)
{
  ExtopoStatus status = severity_status (mark->severity);
  g_autofree char *text = mark->severity >= EXTOPO_SEVERITY_ERROR
    ? g_strdup_printf (ngettext ("%u error", "%u errors", mark->count), mark->count)
    : g_strdup_printf (ngettext ("%u warning", "%u warnings", mark->count), mark->count);
  double w = extopo_painter_draw_text (painter, text, SMALL_SIZE, TRUE, 0, 0, 0, FALSE) + 20;

  if (!paint)
    return w;

  extopo_renderer_rounded_rect (painter->cr, x, y, w, TAG_HEIGHT, TAG_HEIGHT / 2);
  extopo_painter_set_rgb (painter->cr, &status_fill[status]);
  cairo_fill_preserve (painter->cr);
  extopo_painter_set_rgb (painter->cr, &status_accent[status]);
  cairo_set_line_width (painter->cr, 1.0);
  cairo_stroke (painter->cr);
  extopo_painter_draw_status_icon (painter->cr, status, x + 7, y + TAG_HEIGHT / 2, 5);
  extopo_painter_set_rgb (painter->cr, &status_accent[status]);
  extopo_painter_draw_text (painter, text, SMALL_SIZE, TRUE, x + 14, y + 1, 0, TRUE);

  return w;
}

/* The title's size: smaller (down to 80 %) rather than cut, since group names
 * are the point of the drawing. */
static double
fit_title_size (Painter    *painter,
                const char *label,
                double      size,
                double      room)
{
  double w = extopo_painter_draw_text (painter, label, size, TRUE, 0, 0, 0, FALSE);
  double fitted;

  if (w <= room || w <= 0)
    return size;

  /* Text does not scale quite linearly: step down until it fits. */
  fitted = MAX (size * 0.8, floor (size * room / w * 10) / 10);
  while (fitted > size * 0.8 &&
         extopo_painter_draw_text (painter, label, fitted, TRUE, 0, 0, 0, FALSE) > room)
    fitted -= 0.1;

  return fitted;
}

/* A group's box in its kind's style, shared by the frames and the legend.
 * Leaves the border colour as the source. */
static void
paint_group_box (cairo_t  *cr,
                 double    x,
                 double    y,
                 double    width,
                 double    height,
                 double    radius,
                 gboolean  admin,
                 gboolean  interop)
{
  static const double dashes[] = { 6.0, 3.0 };

  extopo_renderer_rounded_rect (cr, x, y, width, height, radius);
  extopo_painter_set_rgb (cr, interop ? &interop_fill : admin ? &admin_fill : &routing_fill);
  cairo_fill_preserve (cr);
  extopo_painter_set_rgb (cr, interop ? &interop_border : admin ? &admin_border : &routing_border);
  cairo_set_line_width (cr, admin ? 2.0 : 1.2);
  if (interop)
    cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
draw_frame (Painter              *painter,
            const ExtopoGeoFrame *frame)
{
  cairo_t *cr = painter->cr;
  const ExtopoRect *box = &frame->box;
  gboolean admin = frame->kind == EXTOPO_OBJECT_ADMIN_GROUP;
  const Rgb *title_ink = frame->interop ? &interop_border : &ink;
  GroupMark group_findings;
  const GroupMark *mark = group_mark (painter, frame, &group_findings) ? &group_findings : NULL;
  double radius = admin ? 10 : 6;
  double title_size = admin ? ADMIN_TITLE_SIZE : FRAME_TITLE_SIZE;
  double tx = box->x + 10, ty = box->y + 5;
  double tags_width = 0, mark_width = 0, interop_width = 0, room, tag_y;
  gboolean show_interop = frame->interop && painter->detailed && !frame->collapsed;

  if (box->width <= 0 || box->height <= 0)
    return;

  paint_group_box (cr, box->x, box->y, box->width, box->height, radius, admin,
                   frame->interop);

  if (frame->collapsed)
    {
      ExtopoStatus worst = extopo_painter_clamp_status (frame->worst_status);

      if (mark != NULL && severity_status (mark->severity) > worst &&
          worst != EXTOPO_STATUS_UNSUPPORTED)
        worst = severity_status (mark->severity);
      /* A second border says "there is more inside". */
      extopo_renderer_rounded_rect (cr, box->x + 3, box->y + 3, box->width - 6, box->height - 6,
                                    radius - 2);
      cairo_set_line_width (cr, 0.8);
      cairo_stroke (cr);
      cairo_rectangle (cr, box->x + 3, box->y + box->height - 8, box->width - 6, 4);
      extopo_painter_set_rgb (cr, &status_accent[worst]);
      cairo_fill (cr);
    }

  draw_highlight (painter, frame->kind, frame->object, box, radius);

  if (!extopo_painter_text_visible (painter, title_size))
    {
      /* Still say that the group has a problem, as an icon. */
      if (mark != NULL && painter->scale * 12 >= 2)
        extopo_painter_draw_status_icon (cr, severity_status (mark->severity),
                                         box->x + box->width - 12,
                                         box->y + 12, MIN (8, box->height / 2));
      return;
    }

  if (frame->collapsed)
    {
      g_autofree char *count = g_strdup_printf (ngettext ("%u server", "%u servers",
                                                          frame->n_servers),
                                                frame->n_servers);

      extopo_painter_draw_status_icon (cr, frame->worst_status, box->x + box->width - 16,
                                       box->y + 16, 6.5);
      extopo_painter_set_rgb (cr, title_ink);
      room = box->width - 40;
      extopo_painter_draw_text (painter, frame->label,
                                fit_title_size (painter, frame->label, title_size, room), TRUE,
                                tx, ty + 4, room, TRUE);
      extopo_painter_set_rgb (cr, &muted_ink);
      extopo_painter_draw_text (painter, count, SMALL_SIZE + 1, FALSE, tx, ty + 24,
                                box->width - 60, TRUE);
      if (mark != NULL)
        draw_finding_tag (painter, mark, box->x + box->width - 10 -
                          draw_finding_tag (painter, mark, 0, 0,
                                            FALSE), ty + 24, TRUE);
      return;
    }

  /* The tags sit at the right of the title row; when the title needs the
   * whole row, they move onto the frame's top border. */
  if (mark != NULL)
    mark_width = draw_finding_tag (painter, mark, 0, 0, FALSE) + 4;
  if (show_interop)
    interop_width = extopo_painter_draw_pill (painter, _("Exchange 2007"), 0, 0, &interop_border,
                                              &interop_border, FALSE) + 4;
  tags_width = mark_width + interop_width;
  room = box->width - 20 - tags_width;
  tag_y = ty + 1;
  if (tags_width > 0 &&
      extopo_painter_draw_text (painter, frame->label, title_size, TRUE, 0, 0, 0, FALSE) > room)
    {
      room = box->width - 20;
      tag_y = box->y - 6.5;
    }
  title_size = fit_title_size (painter, frame->label, title_size, room);

  {
    static const Rgb white = { 1, 1, 1 };
    double x = box->x + box->width - 8 - tags_width;

    if (mark != NULL)
      draw_finding_tag (painter, mark, x, tag_y, TRUE);
    if (show_interop)
      extopo_painter_draw_pill (painter, _("Exchange 2007"), x + mark_width, tag_y + 0.5,
                                &interop_border,
                                &white, TRUE);
  }
  extopo_painter_set_rgb (cr, title_ink);
  extopo_painter_draw_text (painter, frame->label, title_size, TRUE, tx,
                            ty + (title_size < FRAME_TITLE_SIZE ? 1 : 0), room, TRUE);
}

static void
painter_init (Painter                   *painter,
              cairo_t                   *cr,
              ExtopoGeometry            *geometry,
              const ExtopoRenderOptions *options)
{
  painter->cr = cr;
  painter->layout = extopo_painter_create_layout (cr);
  painter->geometry = geometry;
  painter->options = options;
  painter->visible = NULL;
  painter->page_dx = 0;
  painter->page_dy = 0;
  painter->scale = options != NULL && options->scale > 0 ? options->scale : 1.0;
  painter->detailed = painter->scale >= DETAIL_SCALE;
  painter->scratch = NULL;
  painter->pills = NULL;
  painter->text_batches = NULL;
  painter->capsules = NULL;
  painter->ascii_fonts = NULL;
}

static void
painter_clear (Painter *painter)
{
  g_clear_object (&painter->layout);
  g_clear_pointer (&painter->scratch, cairo_destroy);
  g_clear_pointer (&painter->pills, g_hash_table_unref);
  g_clear_pointer (&painter->text_batches, g_ptr_array_unref);
  g_clear_pointer (&painter->capsules, g_array_unref);
  g_clear_pointer (&painter->ascii_fonts, g_hash_table_unref);
}

/* @page_dx, @page_dy: from the diagram to the page, on a printed tile. */
void
extopo_painter_draw_graph (cairo_t                   *cr,
                           ExtopoGeometry            *geometry,
                           const ExtopoRenderOptions *options,
                           double                     page_dx,
                           double                     page_dy)
{
  ExtopoRenderOptions defaults;
  Painter painter;
  const ExtopoRect *visible;
  g_autoptr(GArray) indices = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) leaving = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (ExtopoRect));

  if (options == NULL)
    {
      extopo_render_options_init (&defaults);
      options = &defaults;
    }
  visible = options->visible != NULL ? options->visible : &geometry->bounds;

  painter_init (&painter, cr, geometry, options);
  painter.visible = visible;
  painter.page_dx = page_dx;
  painter.page_dy = page_dy;
  cairo_save (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  /* Boxes a few pixels high: antialiasing thousands of them and of long
   * edges costs most of a frame and shows nothing. */
  if (painter.scale * SERVER_BOX_HEIGHT < ALIASED_BOX_PIXELS)
    cairo_set_antialias (cr, CAIRO_ANTIALIAS_NONE);

  extopo_geometry_query_frames (geometry, visible, indices);
  for (guint k = 0; k < indices->len; k++)
    draw_frame (&painter, &g_array_index (geometry->frames, ExtopoGeoFrame,
                                          g_array_index (indices, guint, k)));

  g_array_set_size (indices, 0);
  extopo_geometry_query_edges (geometry, visible, indices);
  if (painter.scale * ARROW_LENGTH < 2.0)
    extopo_painter_draw_edges_plain (&painter, indices);
  else
    {
      /* On a printed tile, a connector that only passes over it is left
       * out, and one that leaves it says where it goes. */
      for (guint k = 0; k < indices->len; k++)
        {
          guint i = g_array_index (indices, guint, k);
          const ExtopoGeoEdge *edge = &g_array_index (geometry->edges, ExtopoGeoEdge, i);

          if (options->page_clip == NULL || options->sheet_name == NULL)
            extopo_painter_draw_edge (&painter, edge);
          else if (!extopo_painter_edge_passes_through (&painter, edge))
            {
              extopo_painter_draw_edge (&painter, edge);
              g_array_append_val (leaving, i);
            }
        }
    }

  g_array_set_size (indices, 0);
  extopo_geometry_query_nodes (geometry, visible, indices);
  if (!extopo_painter_text_visible (&painter, NAME_SIZE))
    draw_servers_plain (&painter, indices);
  else
    draw_servers (&painter, indices);

  /* Over the cards, which may hide where a connector leaves. */
  for (guint k = 0; k < leaving->len; k++)
    extopo_painter_draw_edge_reference (&painter, &g_array_index (geometry->edges, ExtopoGeoEdge,
                                                                  g_array_index (leaving, guint,
                                                                                 k)),
                                        placed);

  cairo_restore (cr);
  painter_clear (&painter);
}

void
extopo_renderer_draw_graph (cairo_t                   *cr,
                            ExtopoGeometry            *geometry,
                            const ExtopoRenderOptions *options)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (geometry != NULL);

  extopo_painter_draw_graph (cr, geometry, options, 0, 0);
}
