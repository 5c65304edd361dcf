/* extopo-anonymize.h: an organization with pseudonyms for its names.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "extopo-model.h"

G_BEGIN_DECLS

/* The source name an anonymized model reports. */
#define EXTOPO_ANONYMIZED_SOURCE "anonymized"

/* Replaces every name that is the customer's with a stable pseudonym:
 * organizations, administrative and routing groups, servers, connectors,
 * sites, host and domain names, DNs (rebuilt value by value, so that they
 * stay coherent), address spaces, smart hosts, legacyExchangeDNs and
 * routing group GUIDs, and the source's name. Exchange's own names (the
 * two Exchange 2007 groups, the containers, "First Administrative Group")
 * stay, as do versions, roles, connector kinds and costs.
 *
 * Call it after the model is built and before extopo_findings_evaluate(),
 * so that the findings' texts are written with the pseudonyms: no real
 * name can reach them. The model's lookup keys (normalized DNs) are not
 * touched, and no export writes them. Pseudonyms follow the model's order,
 * so the same input always gives the same ones. */
void extopo_model_anonymize (ExtopoModel *model);

G_END_DECLS
