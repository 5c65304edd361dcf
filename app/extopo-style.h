/* extopo-style.h: how a diagram looks, named once for every backend: the
 * cairo renderer (screen, PNG, PDF, printing) and the scene that the SVG,
 * HTML and Visio writers read.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <math.h>

/* Text sizes are in points; pango lays them out at this many units per
 * inch, so that a 9 pt name is 12 units of the page high everywhere. */
#define TEXT_RESOLUTION   96.0
#define NAME_SIZE          9.0
#define SMALL_SIZE         7.0
#define FRAME_TITLE_SIZE  10.0
#define ADMIN_TITLE_SIZE  12.0

/* Badges ("2003 SP2", "HT") and a group's finding tag ("1 error"). */
#define PILL_HEIGHT       12.0
#define PILL_PADDING       4.0
#define TAG_HEIGHT        13.0

/* A server's card: corner radius; its status stripe on the left; name,
 * badges and FQDN from the top-left corner; the status icon's centre
 * from the top-right corner. */
#define CARD_RADIUS        4.0
#define CARD_STRIPE_X      0.5
#define CARD_STRIPE_WIDTH  3.5
#define CARD_STRIPE_INSET  3.0
#define CARD_PADDING       8.0
#define CARD_NAME_Y        4.0
#define CARD_BADGES_Y     21.0
#define CARD_FQDN_Y       37.0
#define CARD_ICON_INSET   11.0
#define CARD_ICON_RADIUS   6.5
#define CARD_NAME_ROOM    28.0   /* right of the name: the icon */
#define CARD_FQDN_ROOM    14.0
#define BADGE_GAP          3.0   /* after the version badge */
#define ROLE_BADGE_GAP     2.0

/* A group's frame: corner radius, where its title and tags go. */
#define ADMIN_RADIUS      10.0
#define ROUTING_RADIUS     6.0
#define ADMIN_BORDER_WIDTH   2.0
#define ROUTING_BORDER_WIDTH 1.2
#define FRAME_TITLE_X     10.0
#define FRAME_TITLE_Y      5.0
#define FRAME_TAG_RIGHT    8.0   /* from the tags to the right border */
#define FRAME_TAG_GAP      4.0
#define FRAME_TAG_LIFT     6.5   /* above the border, when the title needs the row */
#define FRAME_TITLE_BACKING_PAD 3.0 /* the fill behind a title, past its ends */
/* A collapsed group: an inner border and a bar of its worst status. */
#define COLLAPSED_INSET    3.0
#define COLLAPSED_BAR      4.0
#define COLLAPSED_ICON_INSET 16.0
#define COLLAPSED_COUNT_Y 24.0
/* The icon that marks a group's worst finding when zoomed out. */
#define FRAME_ICON_INSET  12.0
#define FRAME_ICON_RADIUS  8.0
/* Zoomed out further: a group's title and that mark keep a size that can
 * be read, in device pixels, where the group has room for them. */
#define FAR_TITLE_PIXELS  11.0
#define FAR_TITLE_PADDING  3.0
#define FAR_TITLE_BACKING 0xffffffd9u   /* white, 85 % opaque */
#define FAR_DOT_PIXELS     5.0
/* A title longer than its group is cut to it, with an ellipsis, where the
 * group leaves it this many pixels of text at least (a few letters); the
 * cut leaves room for the dot at the group's corner. */
#define FAR_TITLE_MIN_PIXELS 40.0

/* Connectors */
#define EDGE_WIDTH         1.3
#define EDGE_LABEL_HEIGHT 13.0
#define EDGE_LABEL_PADDING 5.0
#define ARROW_LENGTH       9.0
#define ARROW_HALF_WIDTH   4.0

/* The back corners (x, y, x, y) of an arrowhead with its tip at (tip_x,
 * tip_y), pointing away from (from_x, from_y); FALSE when they coincide. */
static inline gboolean
extopo_style_arrowhead (double tip_x,
                        double tip_y,
                        double from_x,
                        double from_y,
                        double corners[4])
{
  double dx = tip_x - from_x, dy = tip_y - from_y;
  double len = hypot (dx, dy);

  if (len < 1e-6)
    return FALSE;
  dx /= len;
  dy /= len;
  corners[0] = tip_x - ARROW_LENGTH * dx + ARROW_HALF_WIDTH * dy;
  corners[1] = tip_y - ARROW_LENGTH * dy - ARROW_HALF_WIDTH * dx;
  corners[2] = tip_x - ARROW_LENGTH * dx - ARROW_HALF_WIDTH * dy;
  corners[3] = tip_y - ARROW_LENGTH * dy + ARROW_HALF_WIDTH * dx;

  return TRUE;
}

/* Level of detail, in device pixels per unit of the diagram. */
/* Text smaller than this many device pixels is not drawn. */
#define MIN_TEXT_PIXELS    4.0
/* The scale from which text of @size points is drawn. */
#define TEXT_SHOWN_FROM(size) (MIN_TEXT_PIXELS / (size))
/* Below this scale, server cards lose their badges, icons and FQDN. */
#define DETAIL_SCALE       0.45
/* Below this scale connectors lose their arrowheads and are drawn plain. */
#define PLAIN_EDGE_SCALE   (2.0 / ARROW_LENGTH)
/* Below this scale a group's worst finding is not shown as an icon. */
#define GROUP_ICON_SCALE   (2.0 / 12.0)

/* The page around the diagram: margins, title block, legend. */
#define PAGE_MARGIN       24.0
#define PAGE_GAP          24.0
#define PAGE_MIN_WIDTH   460.0
#define TITLE_HEIGHT      64.0
#define TITLE_MAX_REASONS  6
#define LEGEND_WIDTH     300.0
#define LEGEND_PADDING    12.0

/* Colours, as red, green, blue in 0..1: to initialise a colour struct,
 * { STYLE_INK }, or as a macro's three arguments. */
#define STYLE_INK             0.15, 0.17, 0.20
#define STYLE_MUTED_INK       0.40, 0.43, 0.48
#define STYLE_EDGE_INK        0.33, 0.37, 0.44
#define STYLE_SELECTION_INK   0.16, 0.45, 0.85
#define STYLE_HOVER_INK       0.21, 0.52, 0.89
#define STYLE_MATCH_INK       1.00, 0.80, 0.10
#define STYLE_ROUTING_FILL    0.955, 0.962, 0.972
#define STYLE_ROUTING_BORDER  0.58, 0.63, 0.70
#define STYLE_ADMIN_FILL      0.988, 0.980, 0.962
#define STYLE_ADMIN_BORDER    0.55, 0.48, 0.38
#define STYLE_INTEROP_FILL    0.89, 0.93, 0.99
#define STYLE_INTEROP_BORDER  0.20, 0.40, 0.75
#define STYLE_BADGE_FILL      0.86, 0.88, 0.92
#define STYLE_ROLE_FILL       0.82, 0.88, 0.97

/* A server's status: its accent (marks, borders) and its card's fill, in
 * the order of ExtopoStatus (OK, warning, error, unsupported). */
/* A comparison's marks: added, changed, removed (a ghost). */
#define STYLE_ADDED_INK       0.15, 0.55, 0.25
#define STYLE_CHANGED_INK     0.55, 0.25, 0.75
#define STYLE_REMOVED_INK     0.55, 0.57, 0.60
#define CHANGE_MARK_OUTSET     3.5
#define CHANGE_MARK_WIDTH      2.5
#define GHOST_WIDTH          150.0
#define GHOST_HEIGHT          30.0
#define GHOST_GAP              8.0
/* A removed server drawn where it was: a pale card with a dashed outline,
 * muted text and a "retired" tag. */
#define STYLE_GHOST_FILL      0.97, 0.97, 0.97
#define GHOST_LINE_WIDTH       1.2

#define STYLE_OK_ACCENT           0.42, 0.58, 0.48
#define STYLE_WARNING_ACCENT      0.88, 0.60, 0.10
#define STYLE_ERROR_ACCENT        0.80, 0.20, 0.18
#define STYLE_UNSUPPORTED_ACCENT  0.45, 0.13, 0.42
#define STYLE_OK_FILL             0.90, 0.94, 0.91
#define STYLE_WARNING_FILL        0.99, 0.93, 0.80
#define STYLE_ERROR_FILL          0.98, 0.86, 0.85
#define STYLE_UNSUPPORTED_FILL    0.90, 0.84, 0.91
