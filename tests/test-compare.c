/* test-compare.c: change sets between two snapshots, in-process and through extopo --compare.
 *
 * Each pair starts from tests/compare/before.ldif; the other file's header
 * says what it changes.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-compare"

#include "config.h"

#include <string.h>
#include <sys/wait.h>
#include <utime.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "extopo-compare.h"
#include "extopo-layout.h"
#include "extopo-ldif-reader.h"
#include "extopo-ldif-writer.h"
#include "extopo-loader.h"
#include "extopo-schema.h"

/* Made by the first test that writes a file, removed at the end. */
static char *tmp_dir;

static char *
scratch_path (const char *name)
{
  if (tmp_dir == NULL)
    {
      g_autoptr(GError) error = NULL;

      tmp_dir = g_dir_make_tmp ("extopo-test-compare-XXXXXX", &error);
      g_assert_no_error (error);
    }

  return g_build_filename (tmp_dir, name, NULL);
}

static char *
input_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "compare", name, NULL);
}

static ExtopoModel *
load_input (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = input_path (name);
  ExtopoModel *model = extopo_loader_load_file (path, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);

  return model;
}

static ExtopoChangeSet *
compare_inputs (const char *old_name,
                const char *new_name)
{
  g_autoptr(ExtopoModel) old_model = load_input (old_name);
  g_autoptr(ExtopoModel) new_model = load_input (new_name);
  ExtopoChangeSet *set = extopo_compare_models (old_model, new_model);
  g_autofree char *text = extopo_change_set_to_text (set);

  g_test_message ("%s -> %s:\n%s", old_name, new_name, text);

  return set;
}

/* The one change of @kind named @name in @changes; fails when there is
 * not exactly one. */
static const ExtopoObjectChange *
find_change (GPtrArray        *changes,
             ExtopoChangeKind  kind,
             const char       *name)
{
  const ExtopoObjectChange *found = NULL;

  for (guint i = 0; i < changes->len; i++)
    {
      const ExtopoObjectChange *change = g_ptr_array_index (changes, i);

      if (change->kind == kind && g_strcmp0 (change->name, name) == 0)
        {
          g_assert_null (found);
          found = change;
        }
    }
  g_assert_nonnull (found);

  return found;
}

/* @change's field @field went from @old_value to @new_value. */
static void
assert_field (const ExtopoObjectChange *change,
              const char               *field,
              const char               *old_value,
              const char               *new_value)
{
  const ExtopoFieldChange *field_change = extopo_object_change_get_field (change, field);

  g_assert_nonnull (field_change);
  g_assert_cmpstr (field_change->old_value, ==, old_value);
  g_assert_cmpstr (field_change->new_value, ==, new_value);
  g_assert_nonnull (field_change->old_text != NULL ? field_change->old_text
                                                   : field_change->new_text);
}

/* The one finding change of @kind with rule @id about @subject. */
static const ExtopoFindingChange *
find_finding (const ExtopoChangeSet   *set,
              ExtopoFindingChangeKind  kind,
              const char              *id,
              const char              *subject)
{
  const ExtopoFindingChange *found = NULL;

  for (guint i = 0; i < set->findings->len; i++)
    {
      const ExtopoFindingChange *change = g_ptr_array_index (set->findings, i);

      if (change->kind == kind && strcmp (change->id, id) == 0 &&
          g_strcmp0 (change->subject_name, subject) == 0)
        {
          g_assert_null (found);
          found = change;
        }
    }
  g_assert_nonnull (found);

  return found;
}

static void
test_compare_identical (void)
{
  g_autoptr(ExtopoChangeSet) set = compare_inputs ("before.ldif", "before.ldif");

  g_assert_true (extopo_change_set_is_empty (set));
  g_assert_cmpuint (set->servers->len, ==, 0);
  g_assert_cmpuint (set->findings->len, ==, 0);
  g_assert_cmpint (set->from.readiness, ==, EXTOPO_READINESS_NOT_READY);
  g_assert_cmpint (set->to.readiness, ==, EXTOPO_READINESS_NOT_READY);
  g_assert_cmpuint (set->from.n_servers, ==, 4);
}

/* Same objectGUID, new DN and name: a rename, and what sits under the
 * renamed routing group has not moved. */
static void
test_compare_rename_by_guid (void)
{
  g_autoptr(ExtopoChangeSet) set = compare_inputs ("before.ldif", "rename.ldif");
  const ExtopoObjectChange *change;

  g_assert_cmpuint (set->servers->len, ==, 1);
  change = find_change (set->servers, EXTOPO_CHANGE_CHANGED, "SEA-MBX02");
  g_assert_cmpuint (change->fields->len, ==, 1);
  assert_field (change, "name", "SEA-EX02", "SEA-MBX02");
  g_assert_cmpstr (change->guid, ==, "{00000000-0000-4000-8000-00000000000b}");
  g_assert_true (g_str_has_prefix (change->dn, "CN=SEA-MBX02,"));

  g_assert_cmpuint (set->routing_groups->len, ==, 1);
  change = find_change (set->routing_groups, EXTOPO_CHANGE_CHANGED, "Dallas Hub");
  assert_field (change, "name", "Dallas", "Dallas Hub");

  /* The connectors under Dallas Hub have new DNs, and DAL-EX01 a new
   * msExchHomeRoutingGroup value: the same objects, the same group. */
  g_assert_cmpuint (set->connectors->len, ==, 0);
  g_assert_cmpuint (set->admin_groups->len, ==, 0);
  g_assert_cmpuint (set->findings->len, ==, 0);
}

static void
test_compare_move (void)
{
  g_autoptr(ExtopoChangeSet) set = compare_inputs ("before.ldif", "move.ldif");
  const ExtopoObjectChange *change;

  g_assert_cmpuint (set->servers->len, ==, 2);
  change = find_change (set->servers, EXTOPO_CHANGE_CHANGED, "DAL-EX01");
  g_assert_cmpuint (change->fields->len, ==, 1);
  assert_field (change, "routing_group", "Dallas", "Seattle");

  change = find_change (set->servers, EXTOPO_CHANGE_CHANGED, "SEA-EX02");
  g_assert_cmpuint (change->fields->len, ==, 1);
  assert_field (change, "administrative_group", "HQ", "Branch");
  g_assert_null (extopo_object_change_get_field (change, "name"));
}

/* Checks the upgrade of SEA-EX01 from 2003 SP1 to SP2. */
static void
assert_upgrade (const ExtopoChangeSet *set)
{
  const ExtopoObjectChange *change;
  const ExtopoFindingChange *finding;

  g_assert_cmpuint (set->servers->len, ==, 1);
  change = find_change (set->servers, EXTOPO_CHANGE_CHANGED, "SEA-EX01");
  g_assert_cmpint (change->version_change, ==, EXTOPO_VERSION_UPGRADED);
  assert_field (change, "version", "6.5.7226.6", "6.5.7638.2");
  assert_field (change, "service_pack", "1", "2");
  assert_field (change, "status", "warning", "ok");
  g_assert_null (extopo_object_change_get_field (change, "product"));
  g_assert_null (extopo_object_change_get_field (change, "name"));
  g_assert_nonnull (strstr (extopo_object_change_get_field (change, "version")->new_text,
                            "SP2"));

  g_assert_cmpuint (set->findings->len, ==, 1);
  finding = find_finding (set, EXTOPO_FINDING_RESOLVED, "SERVER_SP_BELOW_MINIMUM", "SEA-EX01");
  g_assert_cmpint (finding->severity, ==, EXTOPO_SEVERITY_WARNING);
  g_assert_cmpint (finding->subject_kind, ==, EXTOPO_OBJECT_SERVER);
  g_assert_nonnull (finding->message);
  g_assert_cmpuint (set->from.n_warnings, ==, set->to.n_warnings + 1);
}

static void
test_compare_upgrade (void)
{
  g_autoptr(ExtopoChangeSet) set = compare_inputs ("before.ldif", "upgrade.ldif");

  assert_upgrade (set);
}

/* Without objectGUIDs on one side, objects are matched by DN. */
static void
test_compare_upgrade_by_dn (void)
{
  g_autoptr(ExtopoChangeSet) set = compare_inputs ("before.ldif", "upgrade-no-guid.ldif");
  g_autoptr(ExtopoChangeSet) reverse = compare_inputs ("upgrade-no-guid.ldif", "before.ldif");
  const ExtopoObjectChange *change;

  assert_upgrade (set);
  g_assert_null (find_change (set->servers, EXTOPO_CHANGE_CHANGED, "SEA-EX01")->guid);

  /* And back: a downgrade, the finding new again. */
  change = find_change (reverse->servers, EXTOPO_CHANGE_CHANGED, "SEA-EX01");
  g_assert_cmpint (change->version_change, ==, EXTOPO_VERSION_DOWNGRADED);
  assert_field (change, "version", "6.5.7638.2", "6.5.7226.6");
  find_finding (reverse, EXTOPO_FINDING_NEW, "SERVER_SP_BELOW_MINIMUM", "SEA-EX01");
}

static void
test_compare_downgrade (void)
{
  g_autoptr(ExtopoChangeSet) set = compare_inputs ("before.ldif", "downgrade.ldif");
  const ExtopoObjectChange *change;

  g_assert_cmpuint (set->servers->len, ==, 1);
  change = find_change (set->servers, EXTOPO_CHANGE_CHANGED, "SEA-EX02");
  g_assert_cmpint (change->version_change, ==, EXTOPO_VERSION_DOWNGRADED);
  assert_field (change, "version", "6.5.7638.2", "6.5.7226.6");
  assert_field (change, "service_pack", "2", "1");
  assert_field (change, "status", "ok", "warning");

  g_assert_cmpuint (set->findings->len, ==, 1);
  find_finding (set, EXTOPO_FINDING_NEW, "SERVER_SP_BELOW_MINIMUM", "SEA-EX02");
  g_assert_cmpint (set->from.readiness, ==, set->to.readiness);
}

static void
test_compare_roles (void)
{
  g_autoptr(ExtopoChangeSet) set = compare_inputs ("before.ldif", "roles.ldif");
  const ExtopoObjectChange *change;
  const ExtopoFieldChange *roles;

  g_assert_cmpuint (set->servers->len, ==, 1);
  change = find_change (set->servers, EXTOPO_CHANGE_CHANGED, "EX07-HUB1");
  g_assert_cmpuint (change->fields->len, ==, 1);
  assert_field (change, "roles", "Mailbox;Client Access;Hub Transport",
                "Mailbox;Client Access;Unified Messaging;Hub Transport");
  g_assert_cmpint (change->version_change, ==, EXTOPO_VERSION_SAME);
  roles = extopo_object_change_get_field (change, "roles");
  g_assert_nonnull (strstr (roles->new_text, "Unified Messaging"));
  g_assert_null (strstr (roles->old_text, "Unified Messaging"));
}

static void
test_compare_connectors (void)
{
  g_autoptr(ExtopoChangeSet) set = compare_inputs ("before.ldif", "connectors.ldif");
  const ExtopoObjectChange *change;

  g_assert_cmpuint (set->connectors->len, ==, 3);
  change = find_change (set->connectors, EXTOPO_CHANGE_CHANGED, "Seattle-Dallas");
  g_assert_cmpuint (change->fields->len, ==, 2);
  assert_field (change, "cost", "10", "20");
  assert_field (change, "two_way", "true", "false");

  change = find_change (set->connectors, EXTOPO_CHANGE_CHANGED, "Seattle-2007");
  g_assert_cmpuint (change->fields->len, ==, 1);
  assert_field (change, "source_bridgeheads", "SEA-EX01", "SEA-EX02");

  change = find_change (set->connectors, EXTOPO_CHANGE_REMOVED, "Dallas-Seattle");
  g_assert_true (g_str_has_prefix (change->dn, "CN=Dallas-Seattle,CN=Connections,"));
  g_assert_nonnull (change->detail);

  find_finding (set, EXTOPO_FINDING_NEW, "CONNECTOR_ONE_WAY", "Seattle-Dallas");
  g_assert_cmpuint (set->servers->len, ==, 0);
}

/* Native mode: the organization's mode, the resolved ORG_MIXED_MODE and
 * the readiness all change. */
static void
test_compare_mode_and_readiness (void)
{
  g_autoptr(ExtopoChangeSet) set = compare_inputs ("before.ldif", "native.ldif");
  g_autoptr(ExtopoChangeSet) back = compare_inputs ("native.ldif", "before.ldif");
  const ExtopoObjectChange *change;

  g_assert_cmpuint (set->organizations->len, ==, 1);
  change = find_change (set->organizations, EXTOPO_CHANGE_CHANGED, "Compare");
  assert_field (change, "mode", "mixed", "native");

  g_assert_cmpint (set->from.readiness, ==, EXTOPO_READINESS_NOT_READY);
  g_assert_cmpint (set->to.readiness, ==, EXTOPO_READINESS_READY);
  g_assert_cmpuint (set->from.n_errors, ==, 1);
  g_assert_cmpuint (set->to.n_errors, ==, 0);
  g_assert_cmpuint (set->findings->len, ==, 1);
  find_finding (set, EXTOPO_FINDING_RESOLVED, "ORG_MIXED_MODE", "Compare");
  g_assert_false (extopo_change_set_is_empty (set));

  g_assert_cmpint (back->from.readiness, ==, EXTOPO_READINESS_READY);
  g_assert_cmpint (back->to.readiness, ==, EXTOPO_READINESS_NOT_READY);
  find_finding (back, EXTOPO_FINDING_NEW, "ORG_MIXED_MODE", "Compare");
}

static void
test_compare_added_removed (void)
{
  g_autoptr(ExtopoChangeSet) set = compare_inputs ("before.ldif", "added-removed.ldif");
  const ExtopoObjectChange *change;

  g_assert_cmpuint (set->servers->len, ==, 2);
  change = find_change (set->servers, EXTOPO_CHANGE_ADDED, "LON-EX01");
  g_assert_cmpuint (change->fields->len, ==, 0);
  g_assert_nonnull (strstr (change->detail, "2003"));
  change = find_change (set->servers, EXTOPO_CHANGE_REMOVED, "SEA-EX02");
  g_assert_true (g_str_has_prefix (change->dn, "CN=SEA-EX02,CN=Servers,CN=HQ,"));
  /* Removals come after the rest. */
  g_assert_true (g_ptr_array_index (set->servers, 1) == change);

  find_change (set->admin_groups, EXTOPO_CHANGE_ADDED, "Europe");
  find_change (set->routing_groups, EXTOPO_CHANGE_ADDED, "London");
  g_assert_cmpuint (set->admin_groups->len, ==, 1);
  g_assert_cmpuint (set->routing_groups->len, ==, 1);
  find_finding (set, EXTOPO_FINDING_NEW, "RG_NO_PATH_TO_2007", "London");
  g_assert_cmpuint (set->to.n_servers, ==, set->from.n_servers);
}

/* One DN, two objectGUIDs: the server was removed and made anew. */
static void
test_compare_recreated (void)
{
  g_autoptr(ExtopoChangeSet) set = compare_inputs ("before.ldif", "recreated.ldif");

  g_assert_cmpuint (set->servers->len, ==, 2);
  find_change (set->servers, EXTOPO_CHANGE_ADDED, "SEA-EX02");
  find_change (set->servers, EXTOPO_CHANGE_REMOVED, "SEA-EX02");
}

static void
test_compare_text (void)
{
  g_autoptr(ExtopoChangeSet) set = compare_inputs ("before.ldif", "upgrade.ldif");
  g_autofree char *text = extopo_change_set_to_text (set);
  const char *readiness = strstr (text, "Readiness:");
  const char *servers = strstr (text, "Servers (added: 0, removed: 0, changed: 1)");
  const char *findings = strstr (text, "Findings (resolved: 1, new: 0)");

  /* Grouped: readiness, then servers, then findings. */
  g_assert_nonnull (readiness);
  g_assert_nonnull (servers);
  g_assert_nonnull (findings);
  g_assert_true (readiness < servers && servers < findings);
  g_assert_nonnull (strstr (text, "changed: SEA-EX01\n      upgraded from Exchange Server "
                            "2003 SP1 (6.5.7226.6) to Exchange Server 2003 SP2 "
                            "(6.5.7638.2)\n"));
  g_assert_nonnull (strstr (text, "resolved: [SERVER_SP_BELOW_MINIMUM] SEA-EX01"));
  g_assert_null (strstr (text, "Connectors"));
}

/* The date a snapshot's header names, else the file's modification time. */
static void
test_compare_snapshot_date (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *source = input_path ("before.ldif");
  g_autofree char *snapshot = scratch_path ("snapshot.ldif");
  g_autofree char *plain = scratch_path ("plain.ldif");
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GDateTime) fetched = g_date_time_new_utc (2026, 11, 20, 8, 30, 15);
  g_autoptr(ExtopoModel) from_snapshot = NULL;
  g_autoptr(ExtopoModel) from_plain = NULL;
  ExtopoSnapshotHeader header = { "ldap://dc1.example.net", fetched };
  struct utimbuf times = { 1700000000, 1700000000 };

  entries = extopo_ldif_read_file (source, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (extopo_ldif_write_file (entries, &header, snapshot, &error));
  g_assert_no_error (error);
  from_snapshot = extopo_loader_load_file (snapshot, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (extopo_model_get_snapshot_date (from_snapshot));
  g_assert_true (g_date_time_equal (extopo_model_get_snapshot_date (from_snapshot), fetched));

  g_assert_true (g_file_get_contents (source, &contents, NULL, NULL));
  g_assert_true (g_file_set_contents (plain, contents, -1, NULL));
  g_assert_cmpint (utime (plain, &times), ==, 0);
  from_plain = extopo_loader_load_file (plain, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (extopo_model_get_snapshot_date (from_plain));
  g_assert_cmpint (g_date_time_to_unix (extopo_model_get_snapshot_date (from_plain)), ==,
                   1700000000);

  g_assert_cmpint (g_unlink (snapshot), ==, 0);
  g_assert_cmpint (g_unlink (plain), ==, 0);
}

/* ------------------------------------------------------------------ */
/* The command line                                                    */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* extopo with --compare=tests/compare/@old_name, the extra argument
 * @option (or NULL) and tests/compare/@new_name. */
/* The index of the node of @server's name in @geometry, or -1. */
static int
find_node (ExtopoGeometry *geometry,
           const char     *name)
{
  for (guint i = 0; i < geometry->nodes->len; i++)
    if (g_strcmp0 (g_array_index (geometry->nodes, ExtopoGeoNode, i).server->name, name) == 0)
      return (int) i;

  return -1;
}

static gboolean
rect_inside (const ExtopoRect *inner,
             const ExtopoRect *outer)
{
  return inner->x >= outer->x && inner->y >= outer->y &&
         inner->x + inner->width <= outer->x + outer->width &&
         inner->y + inner->height <= outer->y + outer->height;
}

/* The removed servers laid out where they were: a ghost node, the older
 * model's server, in the frame of its group in the newer model, after the
 * group's own servers; none for a server whose group is gone too. The
 * geometry keeps the older model alive. */
static void
test_compare_ghosts_layout (void)
{
  ExtopoView views[] = { EXTOPO_VIEW_ROUTING, EXTOPO_VIEW_ADMIN };
  const char *groups[] = { "Seattle", "HQ" };

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      g_autoptr(ExtopoModel) old_model = load_input ("before.ldif");
      g_autoptr(ExtopoModel) new_model = load_input ("group-gone.ldif");
      g_autoptr(ExtopoChangeSet) set = extopo_compare_models (old_model, new_model);
      g_autoptr(GPtrArray) ghosts = extopo_change_set_get_ghosts (set, old_model);
      ExtopoLayoutOptions options = { views[v], NULL, ghosts };
      g_autoptr(ExtopoGeometry) geometry = NULL;
      g_autoptr(GError) error = NULL;
      ExtopoServer *old_server = extopo_model_lookup_server (
        old_model, "CN=SEA-EX02,CN=Servers,CN=HQ,CN=Administrative Groups,CN=Compare,"
        "CN=Microsoft Exchange,CN=Services,CN=Configuration,DC=example,DC=net");
      ExtopoLayoutGhost *first;
      const ExtopoGeoNode *ghost, *real;
      const ExtopoGeoFrame *frame;
      int g, r;

      /* SEA-EX02 left Seattle, which is still there; DAL-EX01 left with Dallas. */
      g_assert_cmpuint (ghosts->len, ==, 1);
      first = g_ptr_array_index (ghosts, 0);
      g_assert_true (first->server == old_server);
      g_assert_cmpstr (first->routing_group_dn, ==,
                       "CN=Seattle,CN=Routing Groups,CN=HQ,CN=Administrative Groups,"
                       "CN=Compare,CN=Microsoft Exchange,CN=Services,CN=Configuration,"
                       "DC=example,DC=net");

      geometry = extopo_layout_compute (new_model, &options, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (geometry->ghosts == ghosts);
      g_assert_cmpint (find_node (geometry, "DAL-EX01"), ==, -1);
      g = find_node (geometry, "SEA-EX02");
      r = find_node (geometry, "SEA-EX01");
      g_assert_cmpint (g, >=, 0);
      g_assert_cmpint (r, >=, 0);
      ghost = &g_array_index (geometry->nodes, ExtopoGeoNode, g);
      real = &g_array_index (geometry->nodes, ExtopoGeoNode, r);
      g_assert_true (ghost->ghost);
      g_assert_false (real->ghost);
      g_assert_true (ghost->server == old_server);
      /* In the group's grid, after its own server, not over it. */
      g_assert_cmpint (ghost->frame, >=, 0);
      g_assert_cmpint (ghost->frame, ==, real->frame);
      g_assert_cmpint (g, >, r);
      g_assert_false (ghost->box.x < real->box.x + real->box.width &&
                      real->box.x < ghost->box.x + ghost->box.width &&
                      ghost->box.y < real->box.y + real->box.height &&
                      real->box.y < ghost->box.y + ghost->box.height);
      /* In the frame of Seattle (routing view) or HQ (administrative view). */
      frame = &g_array_index (geometry->frames, ExtopoGeoFrame, ghost->frame);
      while (frame->kind != (views[v] == EXTOPO_VIEW_ADMIN ? EXTOPO_OBJECT_ADMIN_GROUP
                                                           : EXTOPO_OBJECT_ROUTING_GROUP))
        frame = &g_array_index (geometry->frames, ExtopoGeoFrame, frame->parent);
      g_assert_cmpstr (frame->label, ==, groups[v]);
      g_assert_true (rect_inside (&ghost->box, &frame->box));

      /* The geometry holds the older snapshot for its ghost's server. */
      g_clear_object (&old_model);
      g_clear_pointer (&ghosts, g_ptr_array_unref);
      g_assert_cmpstr (g_array_index (geometry->nodes, ExtopoGeoNode, g).server->name, ==,
                       "SEA-EX02");
    }

  /* Without ghosts, no ghost node: the plain layout is unchanged. */
  {
    g_autoptr(ExtopoModel) new_model = load_input ("group-gone.ldif");
    ExtopoLayoutOptions options = { EXTOPO_VIEW_ROUTING, NULL, NULL };
    g_autoptr(ExtopoGeometry) geometry = extopo_layout_compute (new_model, &options, NULL, NULL);

    g_assert_cmpint (find_node (geometry, "SEA-EX02"), ==, -1);
    g_assert_null (geometry->ghosts);
  }
}

/* extopo --compare=OLD [@view_option] NEW [@option]; either option may be NULL. */
static void
run_compare_in_view (Run        *run,
                     const char *old_name,
                     const char *new_name,
                     const char *option,
                     const char *view_option)
{
  g_autofree char *old_path = input_path (old_name);
  g_autofree char *new_path = g_path_is_absolute (new_name) ? g_strdup (new_name)
                                                            : input_path (new_name);
  g_autofree char *compare = g_strconcat ("--compare=", old_path, NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_assert_nonnull (g_getenv ("EXTOPO_BINARY"));
  g_ptr_array_add (argv, (gpointer) g_getenv ("EXTOPO_BINARY"));
  g_ptr_array_add (argv, compare);
  if (view_option != NULL)
    g_ptr_array_add (argv, (gpointer) view_option);
  g_ptr_array_add (argv, new_path);
  if (option != NULL)
    g_ptr_array_add (argv, (gpointer) option);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDIN_FROM_DEV_NULL, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", run->status, run->out, run->err);
}

static void
run_compare (Run        *run,
             const char *old_name,
             const char *new_name,
             const char *option)
{
  run_compare_in_view (run, old_name, new_name, option, NULL);
}

static void
test_compare_cli_text (void)
{
  g_auto(Run) run = { 0, };

  run_compare (&run, "before.ldif", "connectors.ldif", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, "Changes from "));
  g_assert_nonnull (strstr (run.out, "before.ldif ("));
  g_assert_nonnull (strstr (run.out, "Readiness: not ready (unchanged)\n"));
  g_assert_nonnull (strstr (run.out, "Connectors (added: 0, removed: 1, changed: 2)\n"));
  g_assert_nonnull (strstr (run.out, "      cost changed from 10 to 20\n"));
  g_assert_nonnull (strstr (run.out, "      local bridgeheads changed from SEA-EX01 to SEA-EX02\n"));
  g_assert_nonnull (strstr (run.out, "  new: [CONNECTOR_ONE_WAY] Seattle-Dallas\n"));
}

static JsonNode *
parse_json_file (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static void
test_compare_cli_json (void)
{
  g_auto(Run) run = { 0, };
  g_autofree char *path = scratch_path ("diff.json");
  g_autofree char *option = g_strconcat ("--export=", path, NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object, *readiness, *servers, *server, *fields, *finding;
  JsonArray *version, *changed;

  run_compare (&run, "before.ldif", "upgrade.ldif", option);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");

  root = parse_json_file (path);
  object = json_node_get_object (root);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (
                                     json_object_get_object_member (object, "from"), "source"),
                                   "before.ldif"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (
                                     json_object_get_object_member (object, "to"), "source"),
                                   "upgrade.ldif"));
  g_assert_nonnull (json_object_get_string_member (json_object_get_object_member (object, "to"),
                                                   "date"));

  readiness = json_object_get_object_member (object, "readiness");
  g_assert_cmpstr (json_object_get_string_member (readiness, "from"), ==, "not-ready");
  g_assert_cmpstr (json_object_get_string_member (readiness, "to"), ==, "not-ready");
  g_assert_false (json_object_get_boolean_member (readiness, "changed"));

  servers = json_object_get_object_member (object, "servers");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (servers, "added")), ==,
                    0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (servers, "removed")),
                    ==, 0);
  changed = json_object_get_array_member (servers, "changed");
  g_assert_cmpuint (json_array_get_length (changed), ==, 1);
  server = json_array_get_object_element (changed, 0);
  g_assert_cmpstr (json_object_get_string_member (server, "name"), ==, "SEA-EX01");
  g_assert_cmpstr (json_object_get_string_member (server, "version_change"), ==, "upgraded");
  fields = json_object_get_object_member (server, "fields");
  version = json_object_get_array_member (fields, "version");
  g_assert_cmpuint (json_array_get_length (version), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (version, 0), ==, "6.5.7226.6");
  g_assert_cmpstr (json_array_get_string_element (version, 1), ==, "6.5.7638.2");
  g_assert_cmpstr (json_array_get_string_element (
                     json_object_get_array_member (fields, "status"), 1), ==, "ok");

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                                             json_object_get_object_member (object, "findings"),
                                             "resolved")), ==, 1);
  finding = json_array_get_object_element (json_object_get_array_member (
                                             json_object_get_object_member (object, "findings"),
                                             "resolved"), 0);
  g_assert_cmpstr (json_object_get_string_member (finding, "id"), ==, "SERVER_SP_BELOW_MINIMUM");
  g_assert_cmpstr (json_object_get_string_member (finding, "subject"), ==, "SEA-EX01");
  g_assert_cmpstr (json_object_get_string_member (finding, "severity"), ==, "warning");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (
                                             json_object_get_object_member (object, "connectors"),
                                             "changed")), ==, 0);

  g_assert_cmpint (g_unlink (path), ==, 0);
}

/* The readiness row comes first; a name that starts like a formula is
 * quoted with a leading single quote, as in the model's CSV report. */
static void
test_compare_cli_csv (void)
{
  g_auto(Run) run = { 0, };
  g_autofree char *path = scratch_path ("diff.csv");
  g_autofree char *hostile = scratch_path ("hostile.ldif");
  g_autofree char *option = g_strconcat ("--export=", path, NULL);
  g_autofree char *native = input_path ("native.ldif");
  g_autofree char *contents = NULL;
  g_autofree char *csv = NULL;
  g_auto(GStrv) parts = NULL;
  g_auto(GStrv) rows = NULL;

  /* native.ldif with SEA-EX02 renamed "=1+2,SEA" */
  g_assert_true (g_file_get_contents (native, &contents, NULL, NULL));
  parts = g_strsplit (contents, "SEA-EX02", -1);
  g_free (contents);
  contents = g_strjoinv ("\\3D1\\2B2\\2CSEA", parts);
  g_strfreev (parts);
  parts = g_strsplit (contents, "cn: \\3D1\\2B2\\2CSEA", -1);
  g_free (contents);
  contents = g_strjoinv ("cn: =1+2,SEA", parts);
  g_assert_true (g_file_set_contents (hostile, contents, -1, NULL));

  run_compare (&run, "before.ldif", hostile, option);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  g_test_message ("%s", csv);
  rows = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (rows), ==, 6);
  g_assert_cmpstr (rows[0], ==, "kind,object,name,field,old,new");
  g_assert_cmpstr (rows[1], ==, "changed,readiness,,state,not-ready,ready");
  g_assert_cmpstr (rows[2], ==, "changed,server,\"'=1+2,SEA\",name,SEA-EX02,\"'=1+2,SEA\"");
  g_assert_true (g_str_has_prefix (rows[3], "resolved,finding,Compare,ORG_MIXED_MODE,"));
  g_assert_cmpstr (rows[4], ==, "changed,organization,Compare,mode,mixed,native");
  g_assert_cmpstr (rows[5], ==, "");

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_unlink (hostile), ==, 0);
}

/* The box of the first rectangle of the SVG group whose opening tag holds
 * @class_attr and data-name="@name"; FALSE when there is none. */
static gboolean
svg_object_box (const char *svg,
                const char *class_attr,
                const char *name,
                ExtopoRect *box)
{
  g_autofree char *name_attr = g_strdup_printf ("data-name=\"%s\"", name);

  for (const char *g = strstr (svg, "<g id="); g != NULL; g = strstr (g + 1, "<g id="))
    {
      const char *end = strchr (g, '>');
      g_autofree char *tag = g_strndup (g, end - g);
      const char *rect;

      if (strstr (tag, class_attr) == NULL || strstr (tag, name_attr) == NULL)
        continue;
      rect = strstr (end, "<rect ");
      g_assert_nonnull (rect);
      return sscanf (rect, "<rect x=\"%lf\" y=\"%lf\" width=\"%lf\" height=\"%lf\"", &box->x,
                     &box->y, &box->width, &box->height) == 4;
    }

  return FALSE;
}

/* The ghost card of SEA-EX02 lies inside the frame of @group. */
static void
assert_ghost_inside (const char *svg,
                     const char *group)
{
  ExtopoRect ghost, frame;

  g_assert_true (svg_object_box (svg, "class=\"server change-removed\"", "SEA-EX02", &ghost));
  g_assert_true (svg_object_box (svg, "-group", group, &frame));
  g_test_message ("ghost %g,%g %gx%g in %s %g,%g %gx%g", ghost.x, ghost.y, ghost.width,
                  ghost.height, group, frame.x, frame.y, frame.width, frame.height);
  g_assert_cmpfloat (ghost.width, ==, 150);
  g_assert_true (ghost.x >= frame.x && ghost.y >= frame.y &&
                 ghost.x + ghost.width <= frame.x + frame.width &&
                 ghost.y + ghost.height <= frame.y + frame.height);
}

/* The diagram of a comparison: the newer topology, its additions and
 * changes marked (classes, tags), the removed servers as ghosts, and what
 * changed said in the title block. */
static void
test_compare_cli_diagram (void)
{
  g_autofree char *svg = scratch_path ("diff.svg");
  g_autofree char *png = scratch_path ("diff.png");
  g_autofree char *svg_option = g_strconcat ("--export=", svg, NULL);
  g_autofree char *png_option = g_strconcat ("--export=", png, NULL);
  g_autofree char *text = NULL;
  g_autofree char *bytes = NULL;
  gsize length = 0;

  {
    g_auto(Run) run = { 0, };

    run_compare (&run, "before.ldif", "added-removed.ldif", svg_option);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "");
  }
  g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
  /* The new group and its server, marked and tagged. */
  g_assert_nonnull (strstr (text, "change-added"));
  g_assert_nonnull (strstr (text, ">LON-EX01<"));
  g_assert_nonnull (strstr (text, ">new<"));
  /* The retired server, a ghost card with its name and tag inside the
   * frame of the group it was in, which needs no other mark then; none in
   * the title block. */
  g_assert_nonnull (strstr (text, "class=\"server change-removed\""));
  g_assert_nonnull (strstr (text, ">SEA-EX02<"));
  g_assert_nonnull (strstr (text, ">retired<"));
  g_assert_nonnull (strstr (text, "1 retired"));
  assert_ghost_inside (text, "Seattle");
  g_assert_null (strstr (text, "retired: SEA-EX02"));
  g_assert_null (strstr (text, "id=\"removed-server-"));
  g_assert_null (strstr (text, "change-changed"));
  g_clear_pointer (&text, g_free);

  /* In the administrative view, inside the administrative group's frame. */
  {
    g_auto(Run) run = { 0, };

    run_compare_in_view (&run, "before.ldif", "added-removed.ldif", svg_option, "--view=admin");
    g_assert_cmpint (run.status, ==, 0);
  }
  g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
  assert_ghost_inside (text, "HQ");
  g_assert_null (strstr (text, "id=\"removed-server-"));
  g_clear_pointer (&text, g_free);

  /* A server whose group is gone too has no place: a ghost in the title
   * block, beside the one drawn where it was. */
  {
    g_auto(Run) run = { 0, };

    run_compare (&run, "before.ldif", "group-gone.ldif", svg_option);
    g_assert_cmpint (run.status, ==, 0);
  }
  g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
  assert_ghost_inside (text, "Seattle");
  {
    const char *title_ghost = strstr (text, "id=\"removed-server-0\"");

    g_assert_nonnull (title_ghost);
    g_assert_nonnull (strstr (title_ghost, "data-name=\"DAL-EX01\""));
    g_assert_null (strstr (text, "id=\"removed-server-1\""));
    g_assert_null (strstr (text, "data-name=\"Dallas\""));
  }
  g_clear_pointer (&text, g_free);

  {
    g_auto(Run) run = { 0, };

    run_compare (&run, "before.ldif", "upgrade.ldif", svg_option);
    g_assert_cmpint (run.status, ==, 0);
  }
  g_assert_true (g_file_get_contents (svg, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "change-changed"));
  g_assert_nonnull (strstr (text, ">upgraded<"));
  g_assert_nonnull (strstr (text, "1 server upgraded"));
  g_assert_null (strstr (text, "change-removed"));

  {
    g_auto(Run) run = { 0, };

    run_compare (&run, "before.ldif", "upgrade.ldif", png_option);
    g_assert_cmpint (run.status, ==, 0);
  }
  g_assert_true (g_file_get_contents (png, &bytes, &length, NULL));
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpint (memcmp (bytes, "\x89PNG", 4), ==, 0);

  g_assert_cmpint (g_unlink (svg), ==, 0);
  g_assert_cmpint (g_unlink (png), ==, 0);

  /* The DOT export carries the marks as attributes and outlines. */
  {
    g_autofree char *dot = scratch_path ("diff.dot");
    g_autofree char *dot_option = g_strconcat ("--export=", dot, NULL);
    g_autofree char *graph = NULL;
    g_auto(Run) run = { 0, };

    run_compare (&run, "before.ldif", "upgrade.ldif", dot_option);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_get_contents (dot, &graph, NULL, NULL));
    g_assert_nonnull (strstr (graph, "change=\"changed\", penwidth=3"));
    g_assert_nonnull (strstr (graph, "changed_fields=\"version"));
    g_assert_null (strstr (graph, "change=\"added\""));
    g_assert_cmpint (g_unlink (dot), ==, 0);
  }
  /* And the ghost: a dashed node of the retired server in its group's cluster. */
  {
    g_autofree char *dot = scratch_path ("ghost.dot");
    g_autofree char *dot_option = g_strconcat ("--export=", dot, NULL);
    g_autofree char *graph = NULL;
    g_auto(Run) run = { 0, };
    const char *cluster, *node, *line_end, *next_cluster;

    run_compare (&run, "before.ldif", "added-removed.ldif", dot_option);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_get_contents (dot, &graph, NULL, NULL));
    node = strstr (graph, "label=\"SEA-EX02");
    g_assert_nonnull (node);
    line_end = strchr (node, '\n');
    g_assert_nonnull (g_strstr_len (node, line_end - node, "change=\"removed\""));
    g_assert_nonnull (g_strstr_len (node, line_end - node, "style=\"rounded,filled,dashed\""));
    /* Inside Seattle's subgraph: after its label, before the next cluster. */
    cluster = strstr (graph, "graph [label=\"Seattle\"");
    g_assert_nonnull (cluster);
    g_assert_true (node > cluster);
    next_cluster = strstr (cluster, "subgraph cluster_");
    g_assert_true (next_cluster == NULL || node < next_cluster);
    g_assert_cmpint (g_unlink (dot), ==, 0);
  }
}

static void
test_compare_cli_errors (void)
{
  {
    g_auto(Run) run = { 0, };

    run_compare (&run, "before.ldif", "upgrade.ldif", "--anonymize");
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "--anonymize"));
  }
  {
    g_autofree char *uri = g_strdup ("--compare=ldap://dc1.example.net");
    const char *argv[] = { g_getenv ("EXTOPO_BINARY"), uri, "upgrade.ldif", NULL };
    g_autofree char *err = NULL;
    int wait_status = 0;

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                                 NULL, NULL, &err, &wait_status, NULL));
    g_assert_true (WIFEXITED (wait_status));
    g_assert_cmpint (WEXITSTATUS (wait_status), ==, 2);
    g_assert_nonnull (strstr (err, "--compare needs an LDIF file"));
  }
  {
    g_auto(Run) run = { 0, };

    run_compare (&run, "no-such-snapshot.ldif", "upgrade.ldif", NULL);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_true (g_str_has_prefix (run.err, "extopo: "));
    g_assert_nonnull (strstr (run.err, "no-such-snapshot.ldif"));
    g_assert_cmpstr (run.out, ==, "");
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/compare/identical", test_compare_identical);
  g_test_add_func ("/compare/rename-by-guid", test_compare_rename_by_guid);
  g_test_add_func ("/compare/move", test_compare_move);
  g_test_add_func ("/compare/upgrade", test_compare_upgrade);
  g_test_add_func ("/compare/upgrade-by-dn", test_compare_upgrade_by_dn);
  g_test_add_func ("/compare/downgrade", test_compare_downgrade);
  g_test_add_func ("/compare/roles", test_compare_roles);
  g_test_add_func ("/compare/connectors", test_compare_connectors);
  g_test_add_func ("/compare/mode-and-readiness", test_compare_mode_and_readiness);
  g_test_add_func ("/compare/added-removed", test_compare_added_removed);
  g_test_add_func ("/compare/ghosts-layout", test_compare_ghosts_layout);
  g_test_add_func ("/compare/recreated", test_compare_recreated);
  g_test_add_func ("/compare/text", test_compare_text);
  g_test_add_func ("/compare/snapshot-date", test_compare_snapshot_date);
  g_test_add_func ("/compare/cli/text", test_compare_cli_text);
  g_test_add_func ("/compare/cli/json", test_compare_cli_json);
  g_test_add_func ("/compare/cli/csv", test_compare_cli_csv);
  g_test_add_func ("/compare/cli/errors", test_compare_cli_errors);
  g_test_add_func ("/compare/cli/diagram", test_compare_cli_diagram);

  status = g_test_run ();
  if (tmp_dir != NULL)
    g_rmdir (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);

  return status;
}
