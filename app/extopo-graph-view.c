/* extopo-graph-view.c: the zoomable, pannable diagram widget.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "extopo-graph-view"

#include "config.h"

#include <math.h>
#include <glib/gi18n.h>

#include "extopo-findings.h"
#include "extopo-graph-view.h"
#include "extopo-renderer.h"
#include "extopo-scene.h"
#include "extopo-style.h"

#define MIN_ZOOM          0.01
#define MAX_ZOOM          8.0
#define MAX_FIT_ZOOM      2.0    /* a small diagram is not blown up to fill a big window */
#define ZOOM_STEP         1.25   /* zoom in/out, keys and actions */
#define WHEEL_STEP        1.1    /* one notch of Ctrl+wheel */
#define FIT_MARGIN        24.0   /* pixels around the diagram after a fit */
#define PAN_STEP          48.0   /* pixels per arrow key or wheel notch */
#define HIT_TOLERANCE     4.0    /* pixels */
#define LEGEND_MARGIN     12.0   /* pixels between the legend and the corner */
#define LEGEND_MAX_WIDTH  0.3    /* of the widget, before the legend shrinks */
#define LEGEND_MAX_HEIGHT 0.8
#define LEGEND_MIN_SCALE  0.6
#define LEGEND_COLLAPSE_WIDTH 960 /* narrower widgets start with the legend folded */
#define LEGEND_CHIP_HEIGHT 26.0
#define CONTENT_MARGIN    8.0    /* points and pixels drawn past the bounds */
#define CACHE_MARGIN      384.0  /* device pixels rendered past each side of the window */
#define ASYNC_RENDER_US   12000  /* renders slower than this run in a worker */
#define SETTLE_MS         150    /* a zoom gesture has ended after this long without change */
#define BACKGROUND_RGB    0.965, 0.969, 0.973

/* The legend folds into a small chip, by itself in a narrow widget or when
 * clicked. */
typedef enum
{
  LEGEND_FOLD_AUTO,
  LEGEND_FOLD_OPEN,
  LEGEND_FOLD_FOLDED,
} LegendFold;

/* A bitmap of the diagram at one zoom level, larger than the window, so that
 * panning and hovering redraw from memory instead of through the renderer. */
typedef struct
{
  cairo_surface_t  *surface;
  double            zoom;
  double            device_scale;
  int               width;         /* of the surface, in device pixels */
  int               height;
  double            x0;            /* device pixel of the surface's corner, */
  double            y0;            /* counted from the diagram origin */
  ExtopoRect        area;          /* diagram area the surface holds */
  ExtopoObjectKind  selected_kind;
  gpointer          selected;
  GHashTable       *matches;       /* borrowed, compared by pointer */
  gboolean          outdated;      /* the matches changed in place */
} ExtopoViewCache;

typedef struct _RenderJob RenderJob;

struct _ExtopoGraphView
{
  GtkDrawingArea    parent_instance;

  /* owned */
  ExtopoGeometry   *geometry;
  ExtopoScene      *scene;         /* what the geometry shows: the bitmaps draw it */
  GHashTable       *matches;
  GtkGesture       *drag_gesture;
  GtkGesture       *click_gesture;
  GtkGesture       *zoom_gesture;
  ExtopoViewCache   cache;
  cairo_surface_t  *legend;
  double            legend_scale;
  GdkRectangle      legend_area;   /* where the legend (or its chip) was last painted */
  LegendFold        legend_fold;
  guint             settle_id;
  RenderJob        *job;           /* the one running, owned by its task */
  guint             generation;    /* bumped when the geometry or the matches change */
  gint64            last_render_us;
  gint64            render_budget_us;

  /* borrowed from the model of @geometry */
  gpointer          selected;
  gpointer          hovered;

  /* the view: the diagram point at the widget's centre, and pixels per point */
  double            center_x;
  double            center_y;
  double            zoom;

  ExtopoObjectKind  selected_kind;
  ExtopoObjectKind  hovered_kind;

  /* where the primary button went down, for telling a click from a drag */
  double            press_x;
  double            press_y;
  /* panning by drag */
  double            drag_center_x;
  double            drag_center_y;
  /* pinch: the diagram point under the gesture's centre when it began */
  double            pinch_x;
  double            pinch_y;
  double            pinch_zoom;

  guint             show_legend : 1;
  guint             fit_pending : 1;   /* fit once the widget has a size */
  guint             auto_fit : 1;      /* refit on resize until the person moves the view */
  guint             dragging : 1;
  guint             drag_moved : 1;
};

enum
{
  PROP_0,
  PROP_ZOOM,
  PROP_SHOW_LEGEND,
  PROP_GEOMETRY,
  N_PROPS
};

enum
{
  SIGNAL_SELECTION_CHANGED,
  SIGNAL_GROUP_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (ExtopoGraphView, extopo_graph_view, GTK_TYPE_DRAWING_AREA)

static void
extopo_view_cache_clear (ExtopoViewCache *cache)
{
  g_clear_pointer (&cache->surface, cairo_surface_destroy);
  cache->zoom = 0.0;
}

static int
extopo_graph_view_get_width (ExtopoGraphView *self)
{
  return MAX (1, gtk_widget_get_allocated_width (GTK_WIDGET (self)));
}

static int
extopo_graph_view_get_height (ExtopoGraphView *self)
{
  return MAX (1, gtk_widget_get_allocated_height (GTK_WIDGET (self)));
}

/* The zoom that shows the whole diagram in a @width x @height area. */
static double
extopo_graph_view_fit_zoom (ExtopoGraphView  *self,
                            const ExtopoRect *rect,
                            double            width,
                            double            height)
{
  double zx;
  double zy;

  zx = MAX (1.0, width - 2 * FIT_MARGIN) / MAX (1.0, rect->width);
  zy = MAX (1.0, height - 2 * FIT_MARGIN) / MAX (1.0, rect->height);

  return MIN (zx, zy);
}

/* Huge organizations need to zoom out further than MIN_ZOOM to fit. */
static double
extopo_graph_view_min_zoom (ExtopoGraphView *self)
{
  double fit;

  if (self->geometry == NULL)
    return MIN_ZOOM;

  fit = extopo_graph_view_fit_zoom (self, &self->geometry->bounds,
                                    extopo_graph_view_get_width (self),
                                    extopo_graph_view_get_height (self));

  /* Half: a fit beside the legend has at least half the width. */
  return MIN (MIN_ZOOM, fit / 2);
}

/* Keeps the diagram reachable: the centre never leaves its bounds. */
static void
extopo_graph_view_clamp_center (ExtopoGraphView *self)
{
  const ExtopoRect *bounds;

  if (self->geometry == NULL)
    return;

  bounds = &self->geometry->bounds;
  self->center_x = CLAMP (self->center_x, bounds->x, bounds->x + bounds->width);
  self->center_y = CLAMP (self->center_y, bounds->y, bounds->y + bounds->height);
}

static void
extopo_graph_view_set_view (ExtopoGraphView *self,
                            double           zoom,
                            double           center_x,
                            double           center_y)
{
  gboolean zoom_changed;

  zoom = CLAMP (zoom, extopo_graph_view_min_zoom (self), MAX_ZOOM);
  zoom_changed = zoom != self->zoom;

  self->zoom = zoom;
  self->center_x = center_x;
  self->center_y = center_y;
  extopo_graph_view_clamp_center (self);

  gtk_widget_queue_draw (GTK_WIDGET (self));

  if (zoom_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/* The person moved the view: stop following the window size. */
static void
extopo_graph_view_user_moved (ExtopoGraphView *self)
{
  self->auto_fit = FALSE;
  self->fit_pending = FALSE;
}

/* The legend shrinks in a small window, down to a size that stays legible. */
static double
extopo_graph_view_legend_scale (int width,
                                int height)
{
  double lw;
  double lh;
  double scale;

  extopo_renderer_get_legend_size (&lw, &lh);
  scale = MIN (1.0, MIN (LEGEND_MAX_WIDTH * width / lw, LEGEND_MAX_HEIGHT * height / lh));

  return MAX (scale, LEGEND_MIN_SCALE);
}

static gboolean
extopo_graph_view_legend_folded (ExtopoGraphView *self,
                                 int              width)
{
  if (self->legend_fold == LEGEND_FOLD_AUTO)
    return width < LEGEND_COLLAPSE_WIDTH;

  return self->legend_fold == LEGEND_FOLD_FOLDED;
}

/* How much of the widget's width the legend takes, margins included; a
 * folded legend sits in the corner and takes none. */
static double
extopo_graph_view_legend_reserve (ExtopoGraphView *self,
                                  int              width,
                                  int              height)
{
  double lw;
  double lh;

  if (!self->show_legend || extopo_graph_view_legend_folded (self, width))
    return 0.0;

  extopo_renderer_get_legend_size (&lw, &lh);

  return lw * extopo_graph_view_legend_scale (width, height) + 2 * LEGEND_MARGIN;
}

/* Fits @rect into the part of the widget the legend leaves free, when
 * that part is wide enough to be worth it. */
static void
extopo_graph_view_fit_rect (ExtopoGraphView  *self,
                            const ExtopoRect *rect,
                            double            max_zoom)
{
  int width = extopo_graph_view_get_width (self);
  int height = extopo_graph_view_get_height (self);
  double reserve = extopo_graph_view_legend_reserve (self, width, height);
  double zoom;

  if (width - reserve < width / 2.0)
    reserve = 0.0;

  zoom = MIN (extopo_graph_view_fit_zoom (self, rect, width - reserve, height), max_zoom);
  extopo_graph_view_set_view (self,
                              zoom,
                              rect->x + rect->width / 2 + reserve / 2 / zoom,
                              rect->y + rect->height / 2);
}

void
extopo_graph_view_widget_to_diagram (ExtopoGraphView *self,
                                     double           x,
                                     double           y,
                                     double          *dx,
                                     double          *dy)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  if (dx != NULL)
    *dx = self->center_x + (x - extopo_graph_view_get_width (self) / 2.0) / self->zoom;
  if (dy != NULL)
    *dy = self->center_y + (y - extopo_graph_view_get_height (self) / 2.0) / self->zoom;
}

void
extopo_graph_view_diagram_to_widget (ExtopoGraphView *self,
                                     double           dx,
                                     double           dy,
                                     double          *x,
                                     double          *y)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  if (x != NULL)
    *x = (dx - self->center_x) * self->zoom + extopo_graph_view_get_width (self) / 2.0;
  if (y != NULL)
    *y = (dy - self->center_y) * self->zoom + extopo_graph_view_get_height (self) / 2.0;
}

static void
extopo_graph_view_visible_rect_for (ExtopoGraphView *self,
                                    int              width,
                                    int              height,
                                    ExtopoRect      *rect)
{
  rect->width = width / self->zoom;
  rect->height = height / self->zoom;
  rect->x = self->center_x - rect->width / 2;
  rect->y = self->center_y - rect->height / 2;
}

void
extopo_graph_view_get_visible_rect (ExtopoGraphView *self,
                                    ExtopoRect      *rect)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));
  g_return_if_fail (rect != NULL);

  extopo_graph_view_visible_rect_for (self,
                                      extopo_graph_view_get_width (self),
                                      extopo_graph_view_get_height (self),
                                      rect);
}

gboolean
extopo_graph_view_hit_test (ExtopoGraphView *self,
                            double           x,
                            double           y,
                            ExtopoHit       *hit)
{
  ExtopoHit local = { EXTOPO_OBJECT_NONE, NULL, -1 };
  double dx;
  double dy;

  g_return_val_if_fail (EXTOPO_IS_GRAPH_VIEW (self), FALSE);

  if (hit == NULL)
    hit = &local;

  hit->kind = EXTOPO_OBJECT_NONE;
  hit->object = NULL;
  hit->index = -1;

  if (self->geometry == NULL)
    return FALSE;

  extopo_graph_view_widget_to_diagram (self, x, y, &dx, &dy);

  return extopo_geometry_hit_test (self->geometry, dx, dy, HIT_TOLERANCE / self->zoom, hit);
}

/* Rendering */

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

/* The hover highlight: the hovered server or group, and the connections of
 * its routing group, drawn over the diagram (or over the cached bitmap). */
static void
extopo_graph_view_draw_hover (ExtopoGraphView  *self,
                              cairo_t          *cr,
                              const ExtopoRect *visible)
{
  ExtopoRoutingGroup *group;
  ExtopoRect box;

  if (self->hovered == NULL || self->geometry == NULL)
    return;

  cairo_save (cr);
  cairo_set_source_rgba (cr, STYLE_HOVER_INK, 0.85);
  cairo_set_line_width (cr, 3.0 / self->zoom);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  group = extopo_graph_view_hovered_routing_group (self);

  for (guint i = 0; i < self->geometry->edges->len; i++)
    {
      const ExtopoGeoEdge *edge = &g_array_index (self->geometry->edges, ExtopoGeoEdge, i);
      gboolean lit;

      if (edge->n_points < 4 || !extopo_rect_intersects (&edge->extent, visible))
        continue;

      if (self->hovered_kind == EXTOPO_OBJECT_CONNECTOR)
        lit = edge->connection == self->hovered
              || edge->connection->forward == self->hovered
              || edge->connection->reverse == self->hovered;
      else
        lit = group != NULL && extopo_connection_touches (edge->connection, group);

      if (lit)
        {
          extopo_renderer_path_edge (cr, edge);
          cairo_stroke (cr);
        }
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
static void
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

static gboolean
extopo_graph_view_in_legend (ExtopoGraphView *self,
                             double           x,
                             double           y)
{
  const GdkRectangle *a = &self->legend_area;

  return self->show_legend && a->width > 0 &&
         x >= a->x && x < a->x + a->width && y >= a->y && y < a->y + a->height;
}

/* Folds an open legend or opens a folded one, refitting a fitted view. */
static void
extopo_graph_view_toggle_legend (ExtopoGraphView *self)
{
  int width = extopo_graph_view_get_width (self);

  self->legend_fold = extopo_graph_view_legend_folded (self, width) ? LEGEND_FOLD_OPEN
                                                                    : LEGEND_FOLD_FOLDED;
  if (self->auto_fit && self->geometry != NULL)
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

static gboolean
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

/* Hover and tooltips */

static void
extopo_graph_view_set_hover (ExtopoGraphView  *self,
                             ExtopoObjectKind  kind,
                             gpointer          object)
{
  GdkWindow *window;

  if (self->hovered_kind == kind && self->hovered == object)
    return;

  self->hovered_kind = kind;
  self->hovered = object;
  gtk_widget_queue_draw (GTK_WIDGET (self));

  window = gtk_widget_get_window (GTK_WIDGET (self));
  if (window != NULL && !self->dragging)
    {
      g_autoptr(GdkCursor) cursor = NULL;

      if (kind == EXTOPO_OBJECT_SERVER || kind == EXTOPO_OBJECT_CONNECTOR)
        cursor = gdk_cursor_new_from_name (gdk_window_get_display (window), "pointer");
      gdk_window_set_cursor (window, cursor);
    }
}

/* The object a hit names, with connectors reported as their connection's
 * forward half whatever the geometry hands back. */
static void
extopo_graph_view_hit_object (ExtopoGraphView  *self,
                              const ExtopoHit  *hit,
                              ExtopoObjectKind *kind,
                              gpointer         *object)
{
  *kind = hit->kind;
  *object = hit->object;

  if (hit->kind == EXTOPO_OBJECT_CONNECTOR
      && hit->index >= 0 && (guint) hit->index < self->geometry->edges->len)
    {
      const ExtopoGeoEdge *edge;

      edge = &g_array_index (self->geometry->edges, ExtopoGeoEdge, hit->index);
      *object = edge->connection->forward;
    }
}

static gboolean
extopo_graph_view_motion_notify_event (GtkWidget      *widget,
                                       GdkEventMotion *event)
{
  ExtopoGraphView *self = EXTOPO_GRAPH_VIEW (widget);
  ExtopoObjectKind kind;
  gpointer object;
  ExtopoHit hit;

  if (!self->dragging)
    {
      extopo_graph_view_hit_test (self, event->x, event->y, &hit);
      extopo_graph_view_hit_object (self, &hit, &kind, &object);
      extopo_graph_view_set_hover (self, kind, object);
    }

  /* GtkWidget's own handler runs the gestures of the bubble phase: without
   * it, the drag gesture would never see the pointer move. */
  if (GTK_WIDGET_CLASS (extopo_graph_view_parent_class)->motion_notify_event != NULL)
    return GTK_WIDGET_CLASS (extopo_graph_view_parent_class)->motion_notify_event (widget, event);

  return GDK_EVENT_PROPAGATE;
}

static gboolean
extopo_graph_view_leave_notify_event (GtkWidget        *widget,
                                      GdkEventCrossing *event)
{
  if (event->mode == GDK_CROSSING_NORMAL)
    extopo_graph_view_set_hover (EXTOPO_GRAPH_VIEW (widget), EXTOPO_OBJECT_NONE, NULL);

  return GDK_EVENT_PROPAGATE;
}

static const char *
extopo_status_get_display_name (ExtopoStatus status)
{
  static const char * const names[] = {
    [EXTOPO_STATUS_OK] = N_("OK"),
    [EXTOPO_STATUS_WARNING] = N_("Warning"),
    [EXTOPO_STATUS_ERROR] = N_("Error"),
    [EXTOPO_STATUS_UNSUPPORTED] = N_("Unsupported"),
  };

  if ((guint) status < G_N_ELEMENTS (names))
    return _(names[status]);

  return _("Unknown");
}

/* Model names are data: every piece goes through markup escaping. */
G_GNUC_PRINTF (2, 3)
static void
extopo_markup_append (GString    *markup,
                      const char *format,
                      ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_markup_vprintf_escaped (format, args);
  va_end (args);

  g_string_append (markup, text);
}

static char *
extopo_server_get_roles_text (ExtopoServer *server)
{
  return extopo_roles_to_display_text (server->roles, server->version.product);
}

static void
extopo_tooltip_append_server (GString      *markup,
                              ExtopoServer *server)
{
  g_autofree char *product = NULL;
  g_autofree char *number = NULL;
  guint n_findings = server->findings != NULL ? server->findings->len : 0;

  extopo_markup_append (markup, "<b>%s</b>", server->name);

  if (server->version.known)
    {
      product = extopo_version_get_display_name (&server->version);
      number = extopo_version_to_string (&server->version);
    }

  if (product != NULL && number != NULL)
    extopo_markup_append (markup, "\n%s (%s)", product, number);
  else if (product != NULL)
    extopo_markup_append (markup, "\n%s", product);
  else
    extopo_markup_append (markup, "\n%s", _("Unknown version"));

  if (server->roles_known && server->roles != 0)
    {
      g_autofree char *roles = extopo_server_get_roles_text (server);

      extopo_markup_append (markup, "\n%s %s", _("Roles:"), roles);
    }

  extopo_markup_append (markup, "\n%s %s", _("Status:"),
                        extopo_status_get_display_name (server->status));

  if (n_findings > 0)
    {
      g_string_append (markup, " — ");
      extopo_markup_append (markup,
                            g_dngettext (GETTEXT_PACKAGE, "%u finding", "%u findings", n_findings),
                            n_findings);
    }
}

static void
extopo_tooltip_append_connector (GString         *markup,
                                 ExtopoConnector *connector)
{
  ExtopoConnection *connection = connector->connection;
  const char *source = connector->source != NULL ? connector->source->name : "?";
  const char *target = connector->target != NULL ? connector->target->name : NULL;

  /* SMTP and Send connectors lead to address spaces, not to a group. */
  if (target == NULL && connector->address_spaces != NULL && connector->address_spaces[0] != NULL)
    target = connector->address_spaces[0];
  if (target == NULL)
    target = "?";

  extopo_markup_append (markup, "<b>%s</b>\n%s", connector->name,
                        extopo_connector_type_get_display_name (connector->type));
  extopo_markup_append (markup, "\n%s %s %s", source,
                        connection != NULL && connection->two_way ? "↔" : "→", target);
  g_string_append (markup, "\n");
  extopo_markup_append (markup, _("Cost %u"), connector->cost);
}

static void
extopo_tooltip_append_group (GString    *markup,
                             const char *name,
                             const char *kind_name,
                             GPtrArray  *servers)
{
  guint n = servers != NULL ? servers->len : 0;

  extopo_markup_append (markup, "<b>%s</b>\n%s — ", name, kind_name);
  extopo_markup_append (markup, g_dngettext (GETTEXT_PACKAGE, "%u server", "%u servers", n), n);
}

/* Pango markup for the object's tooltip, NULL for objects without one. */
static char *
extopo_graph_view_tooltip_markup (ExtopoObjectKind kind,
                                  gpointer         object)
{
  g_autoptr(GString) markup = g_string_new (NULL);

  switch (kind)
    {
    case EXTOPO_OBJECT_SERVER:
      extopo_tooltip_append_server (markup, object);
      break;

    case EXTOPO_OBJECT_CONNECTOR:
      extopo_tooltip_append_connector (markup, object);
      break;

    case EXTOPO_OBJECT_ROUTING_GROUP:
      extopo_tooltip_append_group (markup, ((ExtopoRoutingGroup *) object)->name,
                                   _("Routing group"), ((ExtopoRoutingGroup *) object)->servers);
      break;

    case EXTOPO_OBJECT_ADMIN_GROUP:
      extopo_tooltip_append_group (markup, ((ExtopoAdminGroup *) object)->name,
                                   _("Administrative group"),
                                   ((ExtopoAdminGroup *) object)->servers);
      break;

    case EXTOPO_OBJECT_NONE:
    case EXTOPO_OBJECT_ORGANIZATION:
    default:
      return NULL;
    }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

char *
extopo_graph_view_get_tooltip_markup (ExtopoGraphView *self,
                                      double           x,
                                      double           y)
{
  ExtopoObjectKind kind;
  gpointer object;
  ExtopoHit hit;

  g_return_val_if_fail (EXTOPO_IS_GRAPH_VIEW (self), NULL);

  if (!extopo_graph_view_hit_test (self, x, y, &hit))
    return NULL;

  extopo_graph_view_hit_object (self, &hit, &kind, &object);

  return extopo_graph_view_tooltip_markup (kind, object);
}

static gboolean
extopo_graph_view_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_mode,
                                 GtkTooltip *tooltip)
{
  ExtopoGraphView *self = EXTOPO_GRAPH_VIEW (widget);
  g_autofree char *markup = NULL;
  ExtopoHit hit;
  ExtopoRect box;

  if (keyboard_mode)
    markup = extopo_graph_view_tooltip_markup (self->selected_kind, self->selected);
  else
    markup = extopo_graph_view_get_tooltip_markup (self, x, y);

  if (markup == NULL)
    return FALSE;

  gtk_tooltip_set_markup (tooltip, markup);

  /* The tooltip moves on when the pointer leaves this server or group. */
  if (!keyboard_mode
      && extopo_graph_view_hit_test (self, x, y, &hit)
      && hit.kind != EXTOPO_OBJECT_CONNECTOR
      && extopo_geometry_find_object (self->geometry, hit.kind, hit.object, &box))
    {
      double x0, y0, x1, y1;
      GdkRectangle area;

      extopo_graph_view_diagram_to_widget (self, box.x, box.y, &x0, &y0);
      extopo_graph_view_diagram_to_widget (self, box.x + box.width, box.y + box.height, &x1, &y1);
      area.x = (int) floor (x0);
      area.y = (int) floor (y0);
      area.width = MAX (1, (int) ceil (x1 - x0));
      area.height = MAX (1, (int) ceil (y1 - y0));
      gtk_tooltip_set_tip_area (tooltip, &area);
    }

  return TRUE;
}

/* Selection */

static void
extopo_graph_view_select_and_notify (ExtopoGraphView  *self,
                                     ExtopoObjectKind  kind,
                                     gpointer          object)
{
  if (object == NULL)
    kind = EXTOPO_OBJECT_NONE;

  if (self->selected_kind == kind && self->selected == object)
    return;

  extopo_graph_view_set_selection (self, kind, object);
  g_signal_emit (self, signals[SIGNAL_SELECTION_CHANGED], 0);
}

void
extopo_graph_view_set_selection (ExtopoGraphView  *self,
                                 ExtopoObjectKind  kind,
                                 gpointer          object)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  if (object == NULL)
    kind = EXTOPO_OBJECT_NONE;

  if (self->selected_kind == kind && self->selected == object)
    return;

  self->selected_kind = kind;
  self->selected = object;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gpointer
extopo_graph_view_get_selection (ExtopoGraphView  *self,
                                 ExtopoObjectKind *kind)
{
  g_return_val_if_fail (EXTOPO_IS_GRAPH_VIEW (self), NULL);

  if (kind != NULL)
    *kind = self->selected_kind;

  return self->selected;
}

void
extopo_graph_view_clear_selection (ExtopoGraphView *self)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  extopo_graph_view_select_and_notify (self, EXTOPO_OBJECT_NONE, NULL);
}

/* Input */

static void
drag_begin_cb (GtkGestureDrag  *gesture,
               double           start_x,
               double           start_y,
               ExtopoGraphView *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  ExtopoHit hit;

  self->drag_moved = FALSE;

  /* The primary button pans only from empty space (groups count as empty);
   * on a server or connector it is a click. */
  if (button == GDK_BUTTON_PRIMARY)
    {
      extopo_graph_view_hit_test (self, start_x, start_y, &hit);
      if (hit.kind == EXTOPO_OBJECT_SERVER || hit.kind == EXTOPO_OBJECT_CONNECTOR ||
          extopo_graph_view_in_legend (self, start_x, start_y))
        {
          gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
          return;
        }
    }
  else if (button != GDK_BUTTON_MIDDLE)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }

  self->dragging = TRUE;
  self->drag_center_x = self->center_x;
  self->drag_center_y = self->center_y;
}

static void
drag_update_cb (GtkGestureDrag  *gesture,
                double           offset_x,
                double           offset_y,
                ExtopoGraphView *self)
{
  GtkSettings *settings = gtk_widget_get_settings (GTK_WIDGET (self));
  int threshold = 8;

  if (!self->dragging)
    return;

  g_object_get (settings, "gtk-dnd-drag-threshold", &threshold, NULL);

  if (!self->drag_moved && hypot (offset_x, offset_y) < threshold)
    return;

  if (!self->drag_moved)
    {
      GdkWindow *window = gtk_widget_get_window (GTK_WIDGET (self));

      self->drag_moved = TRUE;
      extopo_graph_view_user_moved (self);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      if (window != NULL)
        {
          g_autoptr(GdkCursor) cursor = NULL;

          cursor = gdk_cursor_new_from_name (gdk_window_get_display (window), "grabbing");
          gdk_window_set_cursor (window, cursor);
        }
    }

  extopo_graph_view_set_view (self, self->zoom,
                              self->drag_center_x - offset_x / self->zoom,
                              self->drag_center_y - offset_y / self->zoom);
}

static void
drag_end_cb (GtkGestureDrag  *gesture,
             double           offset_x,
             double           offset_y,
             ExtopoGraphView *self)
{
  GdkWindow *window = gtk_widget_get_window (GTK_WIDGET (self));

  if (self->dragging && window != NULL)
    gdk_window_set_cursor (window, NULL);

  self->dragging = FALSE;
}

static void
click_pressed_cb (GtkGestureMultiPress *gesture,
                  int                   n_press,
                  double                x,
                  double                y,
                  ExtopoGraphView      *self)
{
  ExtopoHit hit;

  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));

  if (n_press == 1)
    {
      self->drag_moved = FALSE;
      self->press_x = x;
      self->press_y = y;
    }

  if (n_press == 2
      && extopo_graph_view_hit_test (self, x, y, &hit)
      && (hit.kind == EXTOPO_OBJECT_ROUTING_GROUP || hit.kind == EXTOPO_OBJECT_ADMIN_GROUP))
    g_signal_emit (self, signals[SIGNAL_GROUP_ACTIVATED], 0, (guint) hit.kind, hit.object);
}

static void
click_released_cb (GtkGestureMultiPress *gesture,
                   int                   n_press,
                   double                x,
                   double                y,
                   ExtopoGraphView      *self)
{
  ExtopoObjectKind kind;
  gpointer object;
  ExtopoHit hit;
  int threshold = 8;

  if (n_press != 1 || self->drag_moved)
    return;
  /* A press that moved away (a drag that did not pan) is no click. */
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-dnd-drag-threshold", &threshold,
                NULL);
  if (hypot (x - self->press_x, y - self->press_y) >= threshold)
    return;

  if (extopo_graph_view_in_legend (self, x, y))
    {
      extopo_graph_view_toggle_legend (self);
      return;
    }

  extopo_graph_view_hit_test (self, x, y, &hit);
  extopo_graph_view_hit_object (self, &hit, &kind, &object);
  extopo_graph_view_select_and_notify (self, kind, object);
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               ExtopoGraphView  *self)
{
  double x;
  double y;

  if (!gtk_gesture_get_bounding_box_center (gesture, &x, &y))
    {
      x = extopo_graph_view_get_width (self) / 2.0;
      y = extopo_graph_view_get_height (self) / 2.0;
    }

  extopo_graph_view_widget_to_diagram (self, x, y, &self->pinch_x, &self->pinch_y);
  self->pinch_zoom = self->zoom;
  extopo_graph_view_user_moved (self);
}

/* Keeps the point that was under the fingers under their current centre,
 * so a pinch zooms and pans at once. */
static void
zoom_scale_changed_cb (GtkGestureZoom  *gesture,
                       double           scale,
                       ExtopoGraphView *self)
{
  double x;
  double y;
  double zoom;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;

  zoom = CLAMP (self->pinch_zoom * scale, extopo_graph_view_min_zoom (self), MAX_ZOOM);
  extopo_graph_view_restart_settle (self);
  extopo_graph_view_set_view (self, zoom,
                              self->pinch_x - (x - extopo_graph_view_get_width (self) / 2.0) / zoom,
                              self->pinch_y - (y - extopo_graph_view_get_height (self) / 2.0) / zoom);
}

static gboolean
extopo_graph_view_scroll_event (GtkWidget      *widget,
                                GdkEventScroll *event)
{
  ExtopoGraphView *self = EXTOPO_GRAPH_VIEW (widget);
  GdkModifierType mods = event->state & gtk_accelerator_get_default_mod_mask ();
  double dx = 0.0;
  double dy = 0.0;

  switch (event->direction)
    {
    case GDK_SCROLL_UP:
      dy = -1.0;
      break;
    case GDK_SCROLL_DOWN:
      dy = 1.0;
      break;
    case GDK_SCROLL_LEFT:
      dx = -1.0;
      break;
    case GDK_SCROLL_RIGHT:
      dx = 1.0;
      break;
    case GDK_SCROLL_SMOOTH:
      gdk_event_get_scroll_deltas ((GdkEvent *) event, &dx, &dy);
      break;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  if (mods == GDK_CONTROL_MASK)
    {
      if (dy != 0.0)
        {
          extopo_graph_view_set_zoom_at (self, self->zoom * pow (WHEEL_STEP, -dy),
                                         event->x, event->y);
          extopo_graph_view_restart_settle (self);
        }
      return GDK_EVENT_STOP;
    }

  /* Shift turns a wheel's vertical notches into horizontal ones. */
  if (mods == GDK_SHIFT_MASK && event->direction != GDK_SCROLL_SMOOTH)
    {
      double t = dx;

      dx = dy;
      dy = t;
    }

  extopo_graph_view_scroll_by (self, dx * PAN_STEP, dy * PAN_STEP);

  return GDK_EVENT_STOP;
}

static gboolean
extopo_graph_view_key_press_event (GtkWidget   *widget,
                                   GdkEventKey *event)
{
  ExtopoGraphView *self = EXTOPO_GRAPH_VIEW (widget);
  GdkModifierType mods = event->state & gtk_accelerator_get_default_mod_mask ();

  if (mods == 0 || mods == GDK_SHIFT_MASK)
    {
      switch (event->keyval)
        {
        case GDK_KEY_Escape:
          extopo_graph_view_clear_selection (self);
          return GDK_EVENT_STOP;
        case GDK_KEY_plus:
        case GDK_KEY_equal:
        case GDK_KEY_KP_Add:
          extopo_graph_view_zoom_in (self);
          return GDK_EVENT_STOP;
        case GDK_KEY_minus:
        case GDK_KEY_KP_Subtract:
          extopo_graph_view_zoom_out (self);
          return GDK_EVENT_STOP;
        case GDK_KEY_Left:
        case GDK_KEY_KP_Left:
          extopo_graph_view_scroll_by (self, -PAN_STEP, 0);
          return GDK_EVENT_STOP;
        case GDK_KEY_Right:
        case GDK_KEY_KP_Right:
          extopo_graph_view_scroll_by (self, PAN_STEP, 0);
          return GDK_EVENT_STOP;
        case GDK_KEY_Up:
        case GDK_KEY_KP_Up:
          extopo_graph_view_scroll_by (self, 0, -PAN_STEP);
          return GDK_EVENT_STOP;
        case GDK_KEY_Down:
        case GDK_KEY_KP_Down:
          extopo_graph_view_scroll_by (self, 0, PAN_STEP);
          return GDK_EVENT_STOP;
        default:
          break;
        }
    }

  return GTK_WIDGET_CLASS (extopo_graph_view_parent_class)->key_press_event (widget, event);
}

static void
extopo_graph_view_size_allocate (GtkWidget     *widget,
                                 GtkAllocation *allocation)
{
  ExtopoGraphView *self = EXTOPO_GRAPH_VIEW (widget);

  GTK_WIDGET_CLASS (extopo_graph_view_parent_class)->size_allocate (widget, allocation);

  if (self->geometry != NULL && (self->fit_pending || self->auto_fit))
    {
      self->fit_pending = FALSE;
      extopo_graph_view_fit_rect (self, &self->geometry->bounds, MAX_FIT_ZOOM);
    }
}

/* The view */

GtkWidget *
extopo_graph_view_new (void)
{
  return g_object_new (EXTOPO_TYPE_GRAPH_VIEW, NULL);
}

void
extopo_graph_view_set_geometry (ExtopoGraphView *self,
                                ExtopoGeometry  *geometry,
                                gboolean         keep_view)
{
  gboolean same_model;

  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  if (self->geometry == geometry)
    return;

  same_model = self->geometry != NULL && geometry != NULL
               && self->geometry->model == geometry->model;

  if (geometry != NULL)
    extopo_geometry_ref (geometry);
  g_clear_pointer (&self->geometry, extopo_geometry_unref);
  self->geometry = geometry;
  g_clear_pointer (&self->scene, extopo_scene_unref);
  if (geometry != NULL)
    self->scene = extopo_scene_build_diagram (geometry);

  extopo_view_cache_clear (&self->cache);
  self->generation++;
  self->last_render_us = 0;
  self->hovered_kind = EXTOPO_OBJECT_NONE;
  self->hovered = NULL;

  if (!same_model)
    {
      self->selected_kind = EXTOPO_OBJECT_NONE;
      self->selected = NULL;
      g_clear_pointer (&self->matches, g_hash_table_unref);
    }

  if (geometry != NULL && keep_view && same_model)
    {
      /* Collapsing a group: stay where the person was looking. */
      extopo_graph_view_set_view (self, self->zoom, self->center_x, self->center_y);
    }
  else if (geometry != NULL)
    {
      self->auto_fit = TRUE;
      if (gtk_widget_get_allocated_width (GTK_WIDGET (self)) > 1)
        extopo_graph_view_fit_rect (self, &geometry->bounds, MAX_FIT_ZOOM);
      else
        self->fit_pending = TRUE;
    }

  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GEOMETRY]);
}

ExtopoGeometry *
extopo_graph_view_get_geometry (ExtopoGraphView *self)
{
  g_return_val_if_fail (EXTOPO_IS_GRAPH_VIEW (self), NULL);

  return self->geometry;
}

double
extopo_graph_view_get_zoom (ExtopoGraphView *self)
{
  g_return_val_if_fail (EXTOPO_IS_GRAPH_VIEW (self), 1.0);

  return self->zoom;
}

void
extopo_graph_view_set_zoom_at (ExtopoGraphView *self,
                               double           zoom,
                               double           x,
                               double           y)
{
  double dx;
  double dy;

  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  if (x < 0 || y < 0)
    {
      x = extopo_graph_view_get_width (self) / 2.0;
      y = extopo_graph_view_get_height (self) / 2.0;
    }

  extopo_graph_view_user_moved (self);
  /* Asked for by code or a key: the next frame is rendered sharp. */
  g_clear_handle_id (&self->settle_id, g_source_remove);

  /* The diagram point under (x, y) stays there. */
  extopo_graph_view_widget_to_diagram (self, x, y, &dx, &dy);
  zoom = CLAMP (zoom, extopo_graph_view_min_zoom (self), MAX_ZOOM);
  extopo_graph_view_set_view (self, zoom,
                              dx - (x - extopo_graph_view_get_width (self) / 2.0) / zoom,
                              dy - (y - extopo_graph_view_get_height (self) / 2.0) / zoom);
}

void
extopo_graph_view_zoom_in (ExtopoGraphView *self)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  extopo_graph_view_set_zoom_at (self, self->zoom * ZOOM_STEP, -1, -1);
}

void
extopo_graph_view_zoom_out (ExtopoGraphView *self)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  extopo_graph_view_set_zoom_at (self, self->zoom / ZOOM_STEP, -1, -1);
}

void
extopo_graph_view_zoom_fit (ExtopoGraphView *self)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  if (self->geometry == NULL)
    return;

  self->auto_fit = TRUE;
  extopo_graph_view_fit_rect (self, &self->geometry->bounds, MAX_FIT_ZOOM);
}

void
extopo_graph_view_zoom_reset (ExtopoGraphView *self)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  extopo_graph_view_set_zoom_at (self, 1.0, -1, -1);
}

void
extopo_graph_view_zoom_to_selection (ExtopoGraphView *self)
{
  ExtopoRect box;

  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  if (self->geometry == NULL || self->selected == NULL
      || !extopo_geometry_find_object (self->geometry, self->selected_kind, self->selected, &box))
    return;

  extopo_graph_view_user_moved (self);
  extopo_graph_view_fit_rect (self, &box, MAX_FIT_ZOOM);
}

void
extopo_graph_view_scroll_by (ExtopoGraphView *self,
                             double           dx,
                             double           dy)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  extopo_graph_view_user_moved (self);
  extopo_graph_view_set_view (self, self->zoom,
                              self->center_x + dx / self->zoom,
                              self->center_y + dy / self->zoom);
}

void
extopo_graph_view_center_on (ExtopoGraphView  *self,
                             ExtopoObjectKind  kind,
                             gpointer          object)
{
  ExtopoRect box;

  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  if (self->geometry == NULL
      || !extopo_geometry_find_object (self->geometry, kind, object, &box))
    return;

  extopo_graph_view_user_moved (self);
  extopo_graph_view_set_view (self, self->zoom, box.x + box.width / 2, box.y + box.height / 2);
}

void
extopo_graph_view_set_matches (ExtopoGraphView *self,
                               GHashTable      *matches)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  if (self->matches != matches)
    {
      if (matches != NULL)
        g_hash_table_ref (matches);
      g_clear_pointer (&self->matches, g_hash_table_unref);
      self->matches = matches;
    }

  /* A table changed in place is redrawn by setting it again: the bitmap is
   * out of date either way, though still worth showing until the next. */
  self->cache.outdated = TRUE;
  self->generation++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
extopo_graph_view_set_show_legend (ExtopoGraphView *self,
                                   gboolean         show_legend)
{
  g_return_if_fail (EXTOPO_IS_GRAPH_VIEW (self));

  show_legend = !!show_legend;
  if (self->show_legend == show_legend)
    return;

  self->show_legend = show_legend;
  if (self->auto_fit && self->geometry != NULL)
    extopo_graph_view_fit_rect (self, &self->geometry->bounds, MAX_FIT_ZOOM);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LEGEND]);
}

gboolean
extopo_graph_view_get_show_legend (ExtopoGraphView *self)
{
  g_return_val_if_fail (EXTOPO_IS_GRAPH_VIEW (self), FALSE);

  return self->show_legend;
}

/* GObject */

static void
extopo_graph_view_dispose (GObject *object)
{
  ExtopoGraphView *self = EXTOPO_GRAPH_VIEW (object);

  g_clear_object (&self->drag_gesture);
  g_clear_object (&self->click_gesture);
  g_clear_object (&self->zoom_gesture);
  g_clear_handle_id (&self->settle_id, g_source_remove);

  G_OBJECT_CLASS (extopo_graph_view_parent_class)->dispose (object);
}

static void
extopo_graph_view_finalize (GObject *object)
{
  ExtopoGraphView *self = EXTOPO_GRAPH_VIEW (object);

  extopo_view_cache_clear (&self->cache);
  g_clear_pointer (&self->legend, cairo_surface_destroy);
  g_clear_pointer (&self->geometry, extopo_geometry_unref);
  g_clear_pointer (&self->scene, extopo_scene_unref);
  g_clear_pointer (&self->matches, g_hash_table_unref);

  G_OBJECT_CLASS (extopo_graph_view_parent_class)->finalize (object);
}

static void
extopo_graph_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  ExtopoGraphView *self = EXTOPO_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_SHOW_LEGEND:
      g_value_set_boolean (value, self->show_legend);
      break;
    case PROP_GEOMETRY:
      g_value_set_boxed (value, self->geometry);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
extopo_graph_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  ExtopoGraphView *self = EXTOPO_GRAPH_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      extopo_graph_view_set_zoom_at (self, g_value_get_double (value), -1, -1);
      break;
    case PROP_SHOW_LEGEND:
      extopo_graph_view_set_show_legend (self, g_value_get_boolean (value));
      break;
    case PROP_GEOMETRY:
      extopo_graph_view_set_geometry (self, g_value_get_boxed (value), FALSE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
extopo_graph_view_class_init (ExtopoGraphViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = extopo_graph_view_dispose;
  object_class->finalize = extopo_graph_view_finalize;
  object_class->get_property = extopo_graph_view_get_property;
  object_class->set_property = extopo_graph_view_set_property;

  widget_class->draw = extopo_graph_view_draw;
  widget_class->size_allocate = extopo_graph_view_size_allocate;
  widget_class->scroll_event = extopo_graph_view_scroll_event;
  widget_class->key_press_event = extopo_graph_view_key_press_event;
  widget_class->motion_notify_event = extopo_graph_view_motion_notify_event;
  widget_class->leave_notify_event = extopo_graph_view_leave_notify_event;
  widget_class->query_tooltip = extopo_graph_view_query_tooltip;

  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL,
                         0.0, MAX_ZOOM, 1.0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_LEGEND] =
    g_param_spec_boolean ("show-legend", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GEOMETRY] =
    g_param_spec_boxed ("geometry", NULL, NULL,
                        EXTOPO_TYPE_GEOMETRY,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_SELECTION_CHANGED] =
    g_signal_new ("selection-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  signals[SIGNAL_GROUP_ACTIVATED] =
    g_signal_new ("group-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_POINTER);

  gtk_widget_class_set_css_name (widget_class, "extopo-graph-view");
  gtk_widget_class_set_accessible_role (widget_class, ATK_ROLE_CANVAS);
}

static void
extopo_graph_view_init (ExtopoGraphView *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  AtkObject *accessible;

  self->zoom = 1.0;
  self->show_legend = TRUE;
  self->render_budget_us = ASYNC_RENDER_US;

  gtk_widget_set_can_focus (widget, TRUE);
  gtk_widget_set_has_tooltip (widget, TRUE);
  gtk_widget_add_events (widget,
                         GDK_POINTER_MOTION_MASK
                         | GDK_LEAVE_NOTIFY_MASK
                         | GDK_BUTTON_PRESS_MASK
                         | GDK_BUTTON_RELEASE_MASK
                         | GDK_SCROLL_MASK
                         | GDK_SMOOTH_SCROLL_MASK
                         | GDK_KEY_PRESS_MASK
                         | GDK_TOUCHPAD_GESTURE_MASK);

  accessible = gtk_widget_get_accessible (widget);
  atk_object_set_name (accessible, _("Topology diagram"));
  atk_object_set_description (accessible,
                              _("The Exchange organization's servers, groups and connectors"));

  self->drag_gesture = gtk_gesture_drag_new (widget);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->drag_gesture), 0);
  g_signal_connect (self->drag_gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (self->drag_gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (self->drag_gesture, "drag-end", G_CALLBACK (drag_end_cb), self);

  self->click_gesture = gtk_gesture_multi_press_new (widget);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (self->click_gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (self->click_gesture, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect (self->click_gesture, "released", G_CALLBACK (click_released_cb), self);

  self->zoom_gesture = gtk_gesture_zoom_new (widget);
  g_signal_connect (self->zoom_gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (self->zoom_gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
}
