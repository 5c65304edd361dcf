/* extopo-connect-dialog.h: asks where and how to connect to a domain controller.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "extopo-ldap-source.h"

G_BEGIN_DECLS

#define EXTOPO_TYPE_CONNECT_DIALOG (extopo_connect_dialog_get_type ())
G_DECLARE_FINAL_TYPE (ExtopoConnectDialog, extopo_connect_dialog, EXTOPO, CONNECT_DIALOG, GtkDialog)

/* Run it; on GTK_RESPONSE_OK read the parameters. Recent connections come
 * from GSettings; a remembered password from the Secret Service. */
GtkWidget        *extopo_connect_dialog_new        (GtkWindow              *parent);
/* Prefills the fields, e.g. for "edit this recent connection". */
void              extopo_connect_dialog_set_params (ExtopoConnectDialog    *self,
                                                    const ExtopoLdapParams *params);
/* Why Connect is disabled, as the line above the buttons says, or NULL when
 * it is enabled. */
const char       *extopo_connect_dialog_get_connect_problem (ExtopoConnectDialog *self);
/* A new copy of what the user entered; free with extopo_ldap_params_free().
 * A bare server name becomes an ldap:// URI (ldaps:// with LDAPS). */
ExtopoLdapParams *extopo_connect_dialog_get_params (ExtopoConnectDialog    *self);

/* The password the user asked to remember for @params' servers and user,
 * from the Secret Service; the finish returns NULL when there is none.
 * Wipe the result (extopo_ldap_params_free() does, once it is in params). */
void              extopo_connect_dialog_lookup_password        (const ExtopoLdapParams *params,
                                                                GCancellable           *cancellable,
                                                                GAsyncReadyCallback     callback,
                                                                gpointer                user_data);
char             *extopo_connect_dialog_lookup_password_finish (GAsyncResult           *result,
                                                                GError                **error);

G_END_DECLS
