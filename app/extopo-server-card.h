/* extopo-server-card.h: the details of the selected server, group or connector.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "extopo-compare.h"

#include "extopo-model.h"

G_BEGIN_DECLS

#define EXTOPO_TYPE_SERVER_CARD (extopo_server_card_get_type ())
G_DECLARE_FINAL_TYPE (ExtopoServerCard, extopo_server_card, EXTOPO, SERVER_CARD, GtkBox)

/* Signals:
 *   "object-activated" (guint kind, gpointer object): a server or group
 *   named on the card was clicked. */

GtkWidget  *extopo_server_card_new        (void);
/* The model the shown objects belong to (an organization's card shows its
 * readiness from it); clears the card. */
void        extopo_server_card_set_model  (ExtopoServerCard *self,
                                           ExtopoModel      *model);
/* Shows @object (borrowed from a model the caller keeps alive), or the
 * empty state for EXTOPO_OBJECT_NONE. */
void        extopo_server_card_set_object (ExtopoServerCard *self,
                                           ExtopoObjectKind  kind,
                                           gpointer          object);
/* The status the card's icon shows, and how many findings it lists. */
ExtopoStatus extopo_server_card_get_status     (ExtopoServerCard *self);
guint        extopo_server_card_get_n_findings (ExtopoServerCard *self);
gpointer    extopo_server_card_get_object (ExtopoServerCard *self,
                                           ExtopoObjectKind *kind);
/* Whether "Copied" shows, after a copy button was pressed. */
gboolean    extopo_server_card_get_showing_copied (ExtopoServerCard *self);
/* The value shown on the row labelled @label (translated, e.g. "FQDN"),
 * or NULL when there is no such row. */
const char *extopo_server_card_get_value  (ExtopoServerCard *self,
                                           const char       *label);
/* The symbolic icon the card and the inventory show for a status. */
const char *extopo_status_get_icon_name   (ExtopoStatus      status);

/* In a comparison: the card also says what changed about the object
 * since the older snapshot (old and new values); NULL for none. Borrowed. */
void             extopo_server_card_set_changes (ExtopoServerCard      *self,
                                                 const ExtopoChangeSet *changes);

G_END_DECLS
