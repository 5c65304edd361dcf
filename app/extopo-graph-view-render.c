/* extopo-graph-view-render.c: the graph view's drawing: bitmaps of the
 * diagram's scene rendered at the view's zoom (in a worker when slow), stretched while a
 * gesture runs, the hover highlight and the legend over them.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-graph-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "extopo-graph-view-private.h"

/* Rendering */

void
extopo_view_cache_clear (ExtopoViewCache *cache)
{
  g_clear_pointer (&cache->surface, cairo_surface_destroy);
  cache->zoom = 0.0;
}


/* The routing group whose connections light up with the hovered object. */
static ExtopoRoutingGroup *
extopo_graph_view_hovered_routing_group (ExtopoGraphView *self)
{
  if (self->hovered_kind == EXTOPO_OBJECT_SERVER)
    return ((ExtopoServer *) self->hovered)->routing_group;
  if (self->hovered_kind == EXTOPO_OBJECT_ROUTING_GROUP)
    return self->hovered;

  return NULL;
}

static gboolean
extopo_connection_touches (ExtopoConnection   *connection,
                           ExtopoRoutingGroup *group)
{
  ExtopoConnector *halves[2] = { connection->forward, connection->reverse };

  for (guint i = 0; i < G_N_ELEMENTS (halves); i++)
    {
      if (halves[i] != NULL && (halves[i]->source == group || halves[i]->target == group))
        return TRUE;
    }

  return FALSE;
}

/* Clips to @visible but for the server cards the lit edges pass: the
 * highlight runs under the cards, as the connectors themselves do. */
static void
clip_out_cards (ExtopoGraphView  *self,
                cairo_t          *cr,
                const ExtopoRect *visible,
                GArray           *lit)
{
  g_autoptr(GArray) nodes = g_array_new (FALSE, FALSE, sizeof (guint));
  ExtopoRect area = g_array_index (self->geometry->edges, ExtopoGeoEdge,
                                   g_array_index (lit, guint, 0)).extent;

  /* One query, each card once: a card counted twice would be a hole filled again. */
  for (guint i = 1; i < lit->len; i++)
    extopo_rect_union (&area, &g_array_index (self->geometry->edges, ExtopoGeoEdge,
                                              g_array_index (lit, guint, i)).extent, &area);
  extopo_geometry_query_nodes (self->geometry, &area, nodes);

  cairo_new_path (cr);
  cairo_rectangle (cr, visible->x, visible->y, visible->width, visible->height);
  for (guint i = 0; i < nodes->len; i++)
    {
      const ExtopoRect *box = &g_array_index (self->geometry->nodes, ExtopoGeoNode,
                                              g_array_index (nodes, guint, i)).box;

      if (extopo_rect_intersects (box, visible))
        cairo_rectangle (cr, box->x, box->y, box->width, box->height);
    }
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_clip (cr);
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
}

/* The hover highlight: the hovered server or group, and the connections of
 * its routing group, drawn over the cached bitmap but under its cards. */
static void
extopo_graph_view_draw_hover (ExtopoGraphView  *self,
                              cairo_t          *cr,
                              const ExtopoRect *visible)
{
  g_autoptr(GArray) lit = NULL;
  ExtopoRoutingGroup *group;
  ExtopoRect box;

  if (self->hovered == NULL || self->geometry == NULL)
    return;

  group = extopo_graph_view_hovered_routing_group (self);
  lit = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < self->geometry->edges->len; i++)
    {
      const ExtopoGeoEdge *edge = &g_array_index (self->geometry->edges, ExtopoGeoEdge, i);
      gboolean is_lit;

      if (edge->n_points < 4 || !extopo_rect_intersects (&edge->extent, visible))
        continue;

      if (self->hovered_kind == EXTOPO_OBJECT_CONNECTOR)
        is_lit = edge->connection == self->hovered
                 || edge->connection->forward == self->hovered
                 || edge->connection->reverse == self->hovered;
      else
        is_lit = group != NULL && extopo_connection_touches (edge->connection, group);
      if (is_lit)
        g_array_append_val (lit, i);
    }

  cairo_save (cr);
  cairo_set_source_rgba (cr, STYLE_HOVER_INK, 0.85);
  cairo_set_line_width (cr, 3.0 / self->zoom);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  if (lit->len > 0)
    {
      cairo_save (cr);
      clip_out_cards (self, cr, visible, lit);
      for (guint i = 0; i < lit->len; i++)
        {
          extopo_renderer_path_edge (cr, &g_array_index (self->geometry->edges, ExtopoGeoEdge,
                                                         g_array_index (lit, guint, i)));
          cairo_stroke (cr);
        }
      cairo_restore (cr);
    }

  if (self->hovered_kind != EXTOPO_OBJECT_CONNECTOR
      && extopo_geometry_find_object (self->geometry, self->hovered_kind, self->hovered, &box))
    {
      double pad = 2.0 / self->zoom;

      cairo_rectangle (cr, box.x - pad, box.y - pad, box.width + 2 * pad, box.height + 2 * pad);
      cairo_stroke (cr);
    }

  cairo_restore (cr);
}

static void
extopo_graph_view_apply_transform (ExtopoGraphView *self,
                                   cairo_t         *cr,
                                   int              width,
                                   int              height)
{
  cairo_translate (cr, width / 2.0, height / 2.0);
  cairo_scale (cr, self->zoom, self->zoom);
  cairo_translate (cr, -self->center_x, -self->center_y);
}

/* Where anything is drawn: the bounds, plus room for strokes and highlight
 * outlines that a few pixels wide reach past them. */
static void
extopo_graph_view_content_rect (ExtopoGraphView *self,
                                ExtopoRect      *content)
{
  double grow = CONTENT_MARGIN + CONTENT_MARGIN / self->zoom;

  *content = self->geometry->bounds;
  content->x -= grow;
  content->y -= grow;
  content->width += 2 * grow;
  content->height += 2 * grow;
}

/* The part of @visible with something in it; FALSE when there is none. */
static gboolean
extopo_graph_view_needed_rect (ExtopoGraphView  *self,
                               const ExtopoRect *visible,
                               ExtopoRect       *needed)
{
  ExtopoRect content;
  double x1;
  double y1;

  extopo_graph_view_content_rect (self, &content);
  needed->x = MAX (visible->x, content.x);
  needed->y = MAX (visible->y, content.y);
  x1 = MIN (visible->x + visible->width, content.x + content.width);
  y1 = MIN (visible->y + visible->height, content.y + content.height);
  needed->width = x1 - needed->x;
  needed->height = y1 - needed->y;

  return needed->width > 0 && needed->height > 0;
}

/* Whether @bitmap (the cache, or the one being rendered) shows the view
 * as it is over all of @needed. */
static gboolean
extopo_graph_view_bitmap_serves (ExtopoGraphView       *self,
                                 const ExtopoViewCache *bitmap,
                                 const ExtopoRect      *needed,
                                 double                 device_scale)
{
  return bitmap->device_scale == device_scale
         && bitmap->selected_kind == self->selected_kind
         && bitmap->selected == self->selected
         && bitmap->matches == self->matches
         && !bitmap->outdated
         && bitmap->zoom == self->zoom
         && needed->x >= bitmap->area.x
         && needed->y >= bitmap->area.y
         && needed->x + needed->width <= bitmap->area.x + bitmap->area.width
         && needed->y + needed->height <= bitmap->area.y + bitmap->area.height;
}

/* Plans a bitmap for what is needed, and some more on each side where the
 * diagram goes on, at the current zoom: on whole device pixels counted
 * from the diagram origin so painting it back is a plain copy. */
static void
extopo_graph_view_plan_cache (ExtopoGraphView  *self,
                              double            device_scale,
                              const ExtopoRect *visible,
                              const ExtopoRect *needed,
                              ExtopoViewCache  *plan)
{
  double pixels = self->zoom * device_scale;
  ExtopoRect content;
  double mx;
  double my;
  double x0;
  double y0;
  double x1;
  double y1;

  /* Panning room: half a window each side, within reason on big screens. */
  mx = MIN (visible->width / 2, CACHE_MARGIN / pixels);
  my = MIN (visible->height / 2, CACHE_MARGIN / pixels);
  extopo_graph_view_content_rect (self, &content);
  x0 = MIN (needed->x, MAX (visible->x - mx, content.x));
  y0 = MIN (needed->y, MAX (visible->y - my, content.y));
  x1 = MAX (needed->x + needed->width,
            MIN (visible->x + visible->width + mx, content.x + content.width));
  y1 = MAX (needed->y + needed->height,
            MIN (visible->y + visible->height + my, content.y + content.height));

  plan->surface = NULL;
  plan->zoom = self->zoom;
  plan->device_scale = device_scale;
  plan->x0 = floor (x0 * pixels);
  plan->y0 = floor (y0 * pixels);
  plan->width = (int) ceil (x1 * pixels - plan->x0) + 1;
  plan->height = (int) ceil (y1 * pixels - plan->y0) + 1;
  plan->area.x = plan->x0 / pixels;
  plan->area.y = plan->y0 / pixels;
  plan->area.width = plan->width / pixels;
  plan->area.height = plan->height / pixels;
  plan->selected_kind = self->selected_kind;
  plan->selected = self->selected;
  plan->matches = self->matches;
  plan->outdated = FALSE;
}

/* Renders a planned bitmap. Touches nothing of the widget: it also runs in
 * a worker, on a scene nobody changes and a copy of the matches. */
static void
extopo_view_cache_render (ExtopoViewCache   *plan,
                          const ExtopoScene *scene,
                          GHashTable        *matches)
{
  ExtopoRenderOptions options;
  cairo_t *cr;

  plan->surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, plan->width, plan->height);
  cairo_surface_set_device_scale (plan->surface, plan->device_scale, plan->device_scale);

  cr = cairo_create (plan->surface);
  cairo_set_source_rgb (cr, BACKGROUND_RGB);
  cairo_paint (cr);
  cairo_translate (cr, -plan->x0 / plan->device_scale, -plan->y0 / plan->device_scale);
  cairo_scale (cr, plan->zoom, plan->zoom);

  /* Hover is drawn over the bitmap, so moving the pointer costs no render. */
  extopo_render_options_init (&options);
  options.scale = plan->zoom;
  options.visible = &plan->area;
  options.selected_kind = plan->selected_kind;
  options.selected = plan->selected;
  options.matches = matches;
  extopo_renderer_draw_scene (cr, scene, &options);
  cairo_destroy (cr);
}

static void
extopo_graph_view_install_cache (ExtopoGraphView *self,
                                 ExtopoViewCache *cache,
                                 gint64           render_us)
{
  extopo_view_cache_clear (&self->cache);
  self->cache = *cache;
  cache->surface = NULL;
  self->last_render_us = render_us;
}

static void
extopo_graph_view_cache_fill (ExtopoGraphView  *self,
                              double            device_scale,
                              const ExtopoRect *visible,
                              const ExtopoRect *needed)
{
  ExtopoViewCache plan;
  gint64 start = g_get_monotonic_time ();

  extopo_graph_view_plan_cache (self, device_scale, visible, needed, &plan);
  extopo_view_cache_render (&plan, self->scene, self->matches);
  extopo_graph_view_install_cache (self, &plan, g_get_monotonic_time () - start);
}

/* A bitmap rendered in a worker. */
struct _RenderJob
{
  ExtopoViewCache  plan;
  ExtopoScene     *scene;
  GHashTable      *matches;      /* a copy the main thread never touches */
  guint            generation;
  gint64           render_us;
};

static void
render_job_free (gpointer data)
{
  RenderJob *job = data;

  extopo_view_cache_clear (&job->plan);
  g_clear_pointer (&job->scene, extopo_scene_unref);
  g_clear_pointer (&job->matches, g_hash_table_unref);
  g_free (job);
}

static void
render_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RenderJob *job = task_data;
  gint64 start = g_get_monotonic_time ();

  extopo_view_cache_render (&job->plan, job->scene, job->matches);
  job->render_us = g_get_monotonic_time () - start;
  g_task_return_boolean (task, TRUE);
}

static void
render_done_cb (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ExtopoGraphView *self = EXTOPO_GRAPH_VIEW (source_object);
  RenderJob *job = g_task_get_task_data (G_TASK (result));

  self->job = NULL;

  /* A bitmap of the same geometry and matches is worth showing even if the
   * view moved on meanwhile: the next frame stretches it and asks again. */
  if (job->generation == self->generation)
    extopo_graph_view_install_cache (self, &job->plan, job->render_us);

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* One render in the background at a time; when it lands, the next frame
 * asks for another if the view has moved on. */
static void
extopo_graph_view_start_job (ExtopoGraphView  *self,
                             double            device_scale,
                             const ExtopoRect *visible,
                             const ExtopoRect *needed)
{
  g_autoptr(GTask) task = NULL;
  RenderJob *job;

  if (self->job != NULL)
    return;

  job = g_new0 (RenderJob, 1);
  extopo_graph_view_plan_cache (self, device_scale, visible, needed, &job->plan);
  job->scene = extopo_scene_ref (self->scene);
  job->generation = self->generation;
  if (self->matches != NULL)
    {
      GHashTableIter iter;
      gpointer key;

      job->matches = g_hash_table_new (NULL, NULL);
      g_hash_table_iter_init (&iter, self->matches);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (job->matches, key);
    }

  self->job = job;
  task = g_task_new (self, NULL, render_done_cb, NULL);
  g_task_set_source_tag (task, EXTOPO_TASK_TAG (extopo_graph_view_start_job));
  g_task_set_task_data (task, job, render_job_free);
  g_task_run_in_thread (task, render_worker);
}

void
extopo_graph_view_set_render_budget (ExtopoGraphView *self,
                                     gint64           microseconds)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));
  g_return_if_fail (microseconds >= 0);

  self->render_budget_us = microseconds;
}

gboolean
extopo_graph_view_is_rendering (ExtopoGraphView *self)
{
  g_return_val_if_fail (EXTOPO_IS_GRAPH_VIEW (self), FALSE);

  return self->job != NULL;
}

/* Copies the cache in place; the caller's matrix is the identity. */
static void
extopo_graph_view_cache_paint (ExtopoGraphView *self,
                               cairo_t         *cr,
                               int              width,
                               int              height)
{
  const ExtopoViewCache *cache = &self->cache;
  double pixels = self->zoom * cache->device_scale;
  double x;
  double y;

  /* Device pixel of the diagram origin, rounded so the copy stays sharp. */
  x = round (width / 2.0 * cache->device_scale - self->center_x * pixels);
  y = round (height / 2.0 * cache->device_scale - self->center_y * pixels);

  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_SOURCE);
  cairo_set_source_surface (cr, cache->surface,
                            (x + cache->x0) / cache->device_scale,
                            (y + cache->y0) / cache->device_scale);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_rectangle (cr,
                   (x + cache->x0) / cache->device_scale,
                   (y + cache->y0) / cache->device_scale,
                   cairo_image_surface_get_width (cache->surface) / cache->device_scale,
                   cairo_image_surface_get_height (cache->surface) / cache->device_scale);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* While a zoom gesture runs, the last bitmap is stretched to the new zoom:
 * blurry for a moment, but a frame costs a copy, not a render. */
static void
extopo_graph_view_cache_paint_scaled (ExtopoGraphView *self,
                                      cairo_t         *cr,
                                      int              width,
                                      int              height)
{
  const ExtopoViewCache *cache = &self->cache;

  cairo_save (cr);
  extopo_graph_view_apply_transform (self, cr, width, height);
  cairo_translate (cr, cache->area.x, cache->area.y);
  cairo_scale (cr, 1.0 / cache->zoom, 1.0 / cache->zoom);
  cairo_set_source_surface (cr, cache->surface, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_FAST);
  cairo_rectangle (cr, 0, 0,
                   cairo_image_surface_get_width (cache->surface) / cache->device_scale,
                   cairo_image_surface_get_height (cache->surface) / cache->device_scale);
  cairo_fill (cr);
  cairo_restore (cr);
}

static gboolean
settle_cb (gpointer user_data)
{
  ExtopoGraphView *self = user_data;

  self->settle_id = 0;
  gtk_widget_queue_draw (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

/* For a gesture or the wheel: frames stretch the last bitmap until the zoom
 * has not changed for a moment, then one real render follows. */
void
extopo_graph_view_restart_settle (ExtopoGraphView *self)
{
  g_clear_handle_id (&self->settle_id, g_source_remove);
  if (self->cache.surface != NULL)
    self->settle_id = g_timeout_add (SETTLE_MS, settle_cb, self);
}

/* The folded legend: a chip in the corner that opens it when clicked. */
static void
extopo_graph_view_legend_chip_paint (ExtopoGraphView *self,
                                     cairo_t         *cr,
                                     int              width,
                                     int              height)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                                                  _("Legend ▴"));
  int tw;
  int th;
  double w;
  double x;
  double y;

  pango_layout_get_pixel_size (layout, &tw, &th);
  w = tw + 20;
  x = round (MAX (0, width - w - LEGEND_MARGIN));
  y = round (MAX (0, height - LEGEND_CHIP_HEIGHT - LEGEND_MARGIN));
  self->legend_area = (GdkRectangle) { (int) x, (int) y, (int) ceil (w), (int) LEGEND_CHIP_HEIGHT };

  cairo_save (cr);
  extopo_renderer_rounded_rect (cr, x, y, w, LEGEND_CHIP_HEIGHT, 6);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.95);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, STYLE_ROUTING_BORDER);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, STYLE_INK);
  cairo_move_to (cr, x + 10, y + (LEGEND_CHIP_HEIGHT - th) / 2);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

gboolean
extopo_graph_view_in_legend (ExtopoGraphView *self,
                             double           x,
                             double           y)
{
  const GdkRectangle *a = &self->legend_area;

  return self->show_legend && a->width > 0 &&
         x >= a->x && x < a->x + a->width && y >= a->y && y < a->y + a->height;
}

/* Folds an open legend or opens a folded one, refitting a fitted view. */
void
extopo_graph_view_toggle_legend (ExtopoGraphView *self)
{
  int width = extopo_graph_view_get_width (self);
  gboolean opening = extopo_graph_view_legend_folded (self, width);

  self->legend_fold = opening ? LEGEND_FOLD_OPEN : LEGEND_FOLD_FOLDED;
  /* Opened, the legend lies over a corner of the diagram, which keeps its
   * size (refitted around it, names could fall below a readable size);
   * folded, a fitted diagram takes the room back. */
  if (!opening && self->auto_fit && self->geometry != NULL)
    extopo_graph_view_fit_rect (self, &self->geometry->bounds, MAX_FIT_ZOOM);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
extopo_graph_view_legend_paint (ExtopoGraphView *self,
                                cairo_t         *cr,
                                int              width,
                                int              height)
{
  double scale = extopo_graph_view_legend_scale (width, height);
  double device_scale = 1.0;
  double lw;
  double lh;

  if (extopo_graph_view_legend_folded (self, width))
    {
      extopo_graph_view_legend_chip_paint (self, cr, width, height);
      return;
    }

  cairo_surface_get_device_scale (cairo_get_target (cr), &device_scale, NULL);

  /* The legend changes only with the window's size: draw its text once. */
  if (self->legend == NULL || self->legend_scale != scale * device_scale)
    {
      cairo_t *lcr;

      g_clear_pointer (&self->legend, cairo_surface_destroy);
      extopo_renderer_get_legend_size (&lw, &lh);
      self->legend = cairo_surface_create_similar_image (cairo_get_target (cr),
                                                         CAIRO_FORMAT_ARGB32,
                                                         (int) ceil (lw * scale * device_scale),
                                                         (int) ceil (lh * scale * device_scale));
      cairo_surface_set_device_scale (self->legend, device_scale, device_scale);
      self->legend_scale = scale * device_scale;
      lcr = cairo_create (self->legend);
      cairo_scale (lcr, scale, scale);
      extopo_renderer_draw_legend (lcr, 0, 0);
      cairo_destroy (lcr);
    }

  lw = cairo_image_surface_get_width (self->legend) / device_scale;
  lh = cairo_image_surface_get_height (self->legend) / device_scale;
  self->legend_area.x = (int) round (MAX (0, width - lw - LEGEND_MARGIN));
  self->legend_area.y = (int) round (MAX (0, height - lh - LEGEND_MARGIN));
  self->legend_area.width = (int) ceil (lw);
  self->legend_area.height = (int) ceil (lh);
  cairo_set_source_surface (cr, self->legend, self->legend_area.x, self->legend_area.y);
  cairo_paint (cr);
}

void
extopo_graph_view_render (ExtopoGraphView *self,
                          cairo_t         *cr,
                          int              width,
                          int              height)
{
  ExtopoRect visible;
  ExtopoRect needed;

  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));
  g_return_if_fail (cr != NULL);

  cairo_save (cr);
  cairo_set_source_rgb (cr, BACKGROUND_RGB);
  cairo_paint (cr);

  if (self->geometry != NULL)
    {
      double device_scale = 1.0;
      gboolean stale;

      cairo_surface_get_device_scale (cairo_get_target (cr), &device_scale, NULL);
      extopo_graph_view_visible_rect_for (self, width, height, &visible);

      stale = self->cache.surface != NULL && self->cache.device_scale == device_scale;

      if (!extopo_graph_view_needed_rect (self, &visible, &needed))
        ; /* only background in view */
      else if (self->cache.surface != NULL
               && extopo_graph_view_bitmap_serves (self, &self->cache, &needed, device_scale))
        extopo_graph_view_cache_paint (self, cr, width, height);
      else if (stale && self->settle_id != 0)
        extopo_graph_view_cache_paint_scaled (self, cr, width, height);
      else if (stale && self->last_render_us > self->render_budget_us)
        {
          /* Too slow for a frame: show the old bitmap until the new lands. */
          if (self->job == NULL || self->job->generation != self->generation
              || !extopo_graph_view_bitmap_serves (self, &self->job->plan, &needed, device_scale))
            extopo_graph_view_start_job (self, device_scale, &visible, &needed);
          extopo_graph_view_cache_paint_scaled (self, cr, width, height);
        }
      else
        {
          extopo_graph_view_cache_fill (self, device_scale, &visible, &needed);
          extopo_graph_view_cache_paint (self, cr, width, height);
        }

      cairo_save (cr);
      extopo_graph_view_apply_transform (self, cr, width, height);
      extopo_graph_view_draw_hover (self, cr, &visible);
      cairo_restore (cr);
    }

  if (self->show_legend)
    extopo_graph_view_legend_paint (self, cr, width, height);

  cairo_restore (cr);
}

gboolean
extopo_graph_view_draw (GtkWidget *widget,
                        cairo_t   *cr)
{
  ExtopoGraphView *self = EXTOPO_GRAPH_VIEW (widget);
  int width = gtk_widget_get_allocated_width (widget);
  int height = gtk_widget_get_allocated_height (widget);

  extopo_graph_view_render (self, cr, width, height);

  if (gtk_widget_has_visible_focus (widget))
    gtk_render_focus (gtk_widget_get_style_context (widget), cr, 1, 1, width - 2, height - 2);

  return GDK_EVENT_STOP;
}
