/* test-ldif.c: reading LDIF exports and writing them back.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ldif"

#include "config.h"

#include <sys/stat.h>

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>

#include "extopo-dn.h"
#include "extopo-entry.h"
#include "extopo-ldif-reader.h"
#include "extopo-ldif-writer.h"

#define TEST_NAME "test.ldif"
#define HUGE_SIZE (10 * 1024 * 1024)

static GPtrArray *
read_text (const char *text)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *entries;

  entries = extopo_ldif_read_data (text, strlen (text), TEST_NAME, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (entries);

  return entries;
}

static ExtopoEntry *
entry_at (GPtrArray *entries,
          guint      index)
{
  g_assert_cmpuint (index, <, entries->len);

  return g_ptr_array_index (entries, index);
}

/* The error must name the input and the line: "test.ldif:LINE: ...". */
static void
assert_read_error (const char      *data,
                   gsize            length,
                   ExtopoLdifError  code,
                   gulong           line)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *prefix = g_strdup_printf ("%s:%lu: ", TEST_NAME, line);

  entries = extopo_ldif_read_data (data, length, TEST_NAME, NULL, &error);
  g_assert_null (entries);
  g_assert_error (error, EXTOPO_LDIF_ERROR, (int) code);
  if (!g_str_has_prefix (error->message, prefix))
    g_error ("expected “%s” at the start of “%s”", prefix, error->message);
  /* Something must follow the location. */
  g_assert_cmpuint (strlen (error->message), >, strlen (prefix) + 5);
}

static void
assert_text_error (const char      *text,
                   ExtopoLdifError  code,
                   gulong           line)
{
  assert_read_error (text, strlen (text), code, line);
}

static void
test_ldif_crlf (void)
{
  g_autoptr(GPtrArray) entries = NULL;
  const char **names;
  guint n_names;

  entries = read_text ("dn: CN=EX1,CN=Servers,DC=contoso,DC=com\r\n"
                       "objectClass: top\r\n"
                       "objectClass: msExchExchangeServer\r\n"
                       "serialNumber: Version 8.3 (Build 83.6)\r\n"
                       "description: folded across\r\n"
                       "  a CRLF line end\r\n"
                       "\r\n"
                       "dn: CN=EX2,CN=Servers,DC=contoso,DC=com\r\n"
                       "cn: EX2\r\n");

  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (extopo_entry_get_dn (entry_at (entries, 0)), ==,
                   "CN=EX1,CN=Servers,DC=contoso,DC=com");
  g_assert_cmpstr (extopo_entry_get_string (entry_at (entries, 0), "serialNumber"), ==,
                   "Version 8.3 (Build 83.6)");
  g_assert_cmpstr (extopo_entry_get_string (entry_at (entries, 0), "description"), ==,
                   "folded across a CRLF line end");
  g_assert_cmpuint (extopo_entry_get_n_values (entry_at (entries, 0), "objectClass"), ==, 2);
  g_assert_cmpstr (extopo_entry_get_string (entry_at (entries, 1), "cn"), ==, "EX2");
  g_assert_cmpuint (extopo_entry_get_line (entry_at (entries, 1)), ==, 8);

  names = extopo_entry_get_attributes (entry_at (entries, 0), &n_names);
  g_assert_cmpuint (n_names, ==, 3);
  for (guint i = 0; i < n_names; i++)
    g_assert_null (strchr (names[i], '\r'));
}

static void
test_ldif_folded_lines (void)
{
  g_autoptr(GPtrArray) entries = NULL;
  ExtopoEntry *entry;

  entries = read_text ("dn: CN=Exchange Routing Group (DWBGZMFD01QNBJR),CN=Routing Gr\n"
                       " oups,CN=Exchange Administrative Group (FYDIBOHF23SPDLT),CN=Admin\n"
                       " istrative Groups,CN=Contoso,CN=Microsoft Exchange,CN=Services,C\n"
                       " N=Configuration,DC=contoso,DC=com\n"
                       "description: one\n"
                       "  two\n"
                       " three\n"
                       "objectCl\n"
                       " ass: msExchRoutingGroup\n"
                       "cn: Exchange Routing Group (DWBGZMFD01QNBJR)\n");

  g_assert_cmpuint (entries->len, ==, 1);
  entry = entry_at (entries, 0);
  g_assert_true (extopo_dn_equal (extopo_entry_get_dn (entry),
                                  "CN=Exchange Routing Group (DWBGZMFD01QNBJR),"
                                  "CN=Routing Groups,"
                                  "CN=Exchange Administrative Group (FYDIBOHF23SPDLT),"
                                  "CN=Administrative Groups,CN=Contoso,"
                                  "CN=Microsoft Exchange,CN=Services,"
                                  "CN=Configuration,DC=contoso,DC=com"));
  /* Only the one space after each line break is the fold. */
  g_assert_cmpstr (extopo_entry_get_string (entry, "description"), ==, "one twothree");
  g_assert_true (extopo_entry_has_object_class (entry, "msExchRoutingGroup"));
  g_assert_cmpuint (extopo_entry_get_line (entry), ==, 1);
}

static void
test_ldif_base64 (void)
{
  g_autoptr(GPtrArray) entries = NULL;
  ExtopoEntry *entry;
  GBytes *guid;
  const guchar expected_guid[] = { 0x01, 0x00, 0xff, 0x10, 0x80, 0x0a, 0x0d, 0x00 };

  /* "CN=Zürich,DC=contoso,DC=com", a GUID with NUL, CR and LF bytes, " lead". */
  entries = read_text ("dn:: Q049WsO8cmljaCxEQz1jb250b3NvLERDPWNvbQ==\n"
                       "objectGUID:: AQD/EIAKDQA=\n"
                       "description:: IGxlYWQ=\n"
                       "info:: U3BsaXQgYWNy\n"
                       " b3NzIGxpbmVz\n");

  g_assert_cmpuint (entries->len, ==, 1);
  entry = entry_at (entries, 0);
  g_assert_cmpstr (extopo_entry_get_dn (entry), ==, "CN=Zürich,DC=contoso,DC=com");

  guid = extopo_entry_get_value (entry, "objectGUID", 0);
  g_assert_nonnull (guid);
  g_assert_cmpmem (g_bytes_get_data (guid, NULL), g_bytes_get_size (guid),
                   expected_guid, sizeof expected_guid);
  /* Stored values are NUL-terminated past their length too. */
  g_assert_cmpint (((const char *) g_bytes_get_data (guid, NULL))[sizeof expected_guid], ==, 0);

  g_assert_cmpstr (extopo_entry_get_string (entry, "description"), ==, " lead");
  g_assert_cmpstr (extopo_entry_get_string (entry, "info"), ==, "Split across lines");
}

static void
test_ldif_changetype_add (void)
{
  g_autoptr(GPtrArray) entries = NULL;
  ExtopoEntry *entry;

  /* The way ldifde writes an export. */
  entries = read_text ("\r\n"
                       "dn: CN=EX1,CN=Servers,DC=contoso,DC=com\r\n"
                       "changetype: add\r\n"
                       "objectClass: top\r\n"
                       "objectClass: server\r\n"
                       "objectClass: msExchExchangeServer\r\n"
                       "cn: EX1\r\n"
                       "\r\n"
                       "dn: CN=EX2,CN=Servers,DC=contoso,DC=com\r\n"
                       "changetype: Add\r\n"
                       "cn: EX2\r\n"
                       "\r\n");

  g_assert_cmpuint (entries->len, ==, 2);
  entry = entry_at (entries, 0);
  g_assert_false (extopo_entry_has_attribute (entry, "changetype"));
  g_assert_cmpuint (extopo_entry_get_n_values (entry, "objectClass"), ==, 3);
  g_assert_cmpuint (extopo_entry_get_line (entry), ==, 2);
  g_assert_cmpstr (extopo_entry_get_string (entry_at (entries, 1), "cn"), ==, "EX2");
  g_assert_cmpuint (extopo_entry_get_line (entry_at (entries, 1)), ==, 9);
}

/* LDIF keywords with attribute options are still the keywords: otherwise
 * "changetype;x: add" became an attribute "changetype" that the snapshot
 * writer put right after the dn: line, where it reads back as the keyword
 * and vanishes (found by tests/fuzz/fuzz-snapshot). */
static void
test_ldif_keyword_options (void)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *snapshot = NULL;
  static const char modify[] = "dn: CN=EX1,DC=contoso,DC=com\n"
                               "changetype;x: modify\n";
  static const char late[] = "dn: CN=EX1,DC=contoso,DC=com\n"
                             "cn: EX1\n"
                             "changeType;lang-en: add\n";

  entries = read_text ("dn: CN=EX1,DC=contoso,DC=com\n"
                       "changetype;: add\n"
                       "objectClass: server\n");
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_false (extopo_entry_has_attribute (entry_at (entries, 0), "changetype"));

  snapshot = extopo_ldif_write_to_string (entries, NULL, &error);
  g_assert_no_error (error);
  again = read_text (snapshot);
  g_assert_cmpuint (again->len, ==, 1);
  g_assert_cmpuint (extopo_entry_get_n_values (entry_at (again, 0), "objectClass"), ==, 1);

  g_assert_null (extopo_ldif_read_data (modify, strlen (modify), TEST_NAME, NULL, &error));
  g_assert_error (error, EXTOPO_LDIF_ERROR, EXTOPO_LDIF_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  g_assert_null (extopo_ldif_read_data (late, strlen (late), TEST_NAME, NULL, &error));
  g_assert_error (error, EXTOPO_LDIF_ERROR, EXTOPO_LDIF_ERROR_SYNTAX);
}

/* "cn :" is "cn:" (found by tests/fuzz/fuzz-snapshot: libldap counted the
 * space, so "changetype :add" was kept as an attribute that the snapshot
 * did not read back, and "objectClass :" did not count for the filter). */
static void
test_ldif_space_before_colon (void)
{
  static const char text[] = "dn : CN=EX1,DC=contoso,DC=com\n"
                             "changetype :add\n"
                             "objectClass\t: msExchExchangeServer\n"
                             "cn  : EX1\n";
  static const char * const classes[] = { "msExchExchangeServer", NULL };
  const ExtopoEntryFilter filter = { classes, NULL };
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  ExtopoEntry *entry;

  entries = extopo_ldif_read_data_filtered (text, strlen (text), TEST_NAME, &filter, NULL,
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = entry_at (entries, 0);
  g_assert_cmpstr (extopo_entry_get_dn (entry), ==, "CN=EX1,DC=contoso,DC=com");
  g_assert_false (extopo_entry_has_attribute (entry, "changetype"));
  g_assert_cmpstr (extopo_entry_get_string (entry, "cn"), ==, "EX1");
  g_assert_true (extopo_entry_has_object_class (entry, "msExchExchangeServer"));
}

static void
test_ldif_comments (void)
{
  g_autoptr(GPtrArray) entries = NULL;
  ExtopoEntry *entry;
  guint n_attributes;

  entries = read_text ("# An export of the configuration partition\n"
                       "# that goes on\n"
                       "  over a folded comment line\n"
                       "\n"
                       "# before the first entry\n"
                       "dn: CN=EX1,DC=contoso,DC=com\n"
                       "# between attributes\n"
                       "cn: EX1\n"
                       "#cn: not an attribute\n"
                       "description: # not a comment\n"
                       "\n"
                       "\n"
                       "# numEntries: 1\n");

  g_assert_cmpuint (entries->len, ==, 1);
  entry = entry_at (entries, 0);
  g_assert_cmpuint (extopo_entry_get_line (entry), ==, 6);
  g_assert_cmpuint (extopo_entry_get_n_values (entry, "cn"), ==, 1);
  g_assert_cmpstr (extopo_entry_get_string (entry, "description"), ==, "# not a comment");
  extopo_entry_get_attributes (entry, &n_attributes);
  g_assert_cmpuint (n_attributes, ==, 2);
}

static void
test_ldif_version_line (void)
{
  g_autoptr(GPtrArray) separate = NULL;
  g_autoptr(GPtrArray) joined = NULL;
  g_autoptr(GPtrArray) alone = NULL;

  /* ldapsearch writes "version: 1" and an empty line: an empty record. */
  separate = read_text ("version: 1\n"
                        "\n"
                        "dn: DC=contoso,DC=com\n"
                        "dc: contoso\n");
  g_assert_cmpuint (separate->len, ==, 1);
  g_assert_cmpuint (extopo_entry_get_line (entry_at (separate, 0)), ==, 3);
  g_assert_false (extopo_entry_has_attribute (entry_at (separate, 0), "version"));

  joined = read_text ("version: 1\n"
                      "dn: DC=contoso,DC=com\n"
                      "dc: contoso\n");
  g_assert_cmpuint (joined->len, ==, 1);
  g_assert_cmpuint (extopo_entry_get_line (entry_at (joined, 0)), ==, 2);

  alone = read_text ("version: 1\n");
  g_assert_cmpuint (alone->len, ==, 0);

  assert_text_error ("version: 2\n\ndn: DC=contoso,DC=com\n",
                     EXTOPO_LDIF_ERROR_UNSUPPORTED, 1);
}

static void
test_ldif_attribute_options (void)
{
  g_autoptr(GPtrArray) entries = NULL;
  ExtopoEntry *entry;
  GBytes *certificate;
  const char **names;
  const char **values;
  guint n_names;
  guint n_values;

  entries = read_text ("dn: CN=EX1,DC=contoso,DC=com\n"
                       "userCertificate;binary:: MIIB\n"
                       "description;lang-en: English\n"
                       "description: plain\n"
                       "Description;lang-de: Deutsch\n");

  entry = entry_at (entries, 0);
  certificate = extopo_entry_get_value (entry, "usercertificate", 0);
  g_assert_nonnull (certificate);
  g_assert_cmpmem (g_bytes_get_data (certificate, NULL), g_bytes_get_size (certificate),
                   "\x30\x82\x01", 3);
  g_assert_true (extopo_entry_has_attribute (entry, "userCertificate;binary"));

  values = extopo_entry_get_strings (entry, "description", &n_values);
  g_assert_cmpuint (n_values, ==, 3);
  g_assert_cmpstr (values[0], ==, "English");
  g_assert_cmpstr (values[1], ==, "plain");
  g_assert_cmpstr (values[2], ==, "Deutsch");
  g_assert_null (values[3]);

  names = extopo_entry_get_attributes (entry, &n_names);
  g_assert_cmpuint (n_names, ==, 2);
  g_assert_cmpstr (names[0], ==, "userCertificate");
  g_assert_cmpstr (names[1], ==, "description");
}

static void
test_ldif_utf8_dn (void)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  /* Raw UTF-8 (ldapsearch) and base64 (ldifde) spellings of one name. */
  entries = read_text ("dn: CN=Zürich,CN=Routing Groups,DC=contoso,DC=com\n"
                       "cn: Zürich\n"
                       "\n"
                       "dn:: Q049WsOcUklDSCxDTj1Sb3V0aW5nIEdyb3VwcyxEQz1jb250b3NvLERDPWNvbQ==\n"
                       "cn: ZÜRICH\n");

  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (extopo_entry_get_string (entry_at (entries, 0), "cn"), ==, "Zürich");
  g_assert_true (extopo_dn_equal (extopo_entry_get_dn (entry_at (entries, 0)),
                                  extopo_entry_get_dn (entry_at (entries, 1))));

  first = extopo_dn_get_rdn_value (extopo_entry_get_dn (entry_at (entries, 0)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, ==, "Zürich");
  second = extopo_dn_get_rdn_value (extopo_entry_get_dn (entry_at (entries, 1)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (second, ==, "ZÜRICH");
}

static void
test_ldif_escaped_dn (void)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *hex_name = NULL;
  g_autofree char *parent = NULL;

  entries = read_text ("dn: CN=Sales\\, East,CN=Routing Groups,DC=contoso,DC=com\n"
                       "cn: Sales, East\n"
                       "\n"
                       "dn: CN=EX1,CN=Servers,CN=Sales\\2C East,CN=Routing Groups,DC=contoso,DC=com\n"
                       "cn: EX1\n");

  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (extopo_entry_get_dn (entry_at (entries, 0)), ==,
                   "CN=Sales\\, East,CN=Routing Groups,DC=contoso,DC=com");

  name = extopo_dn_get_rdn_value (extopo_entry_get_dn (entry_at (entries, 0)), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (name, ==, "Sales, East");
  g_assert_cmpstr (name, ==, extopo_entry_get_string (entry_at (entries, 0), "cn"));

  hex_name = extopo_dn_get_rdn_value_at (extopo_entry_get_dn (entry_at (entries, 1)), 2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (hex_name, ==, "Sales, East");

  parent = extopo_dn_get_ancestor (extopo_entry_get_dn (entry_at (entries, 1)), 2, &error);
  g_assert_no_error (error);
  g_assert_true (extopo_dn_equal (parent, extopo_entry_get_dn (entry_at (entries, 0))));
}

static void
test_ldif_case_insensitive_attributes (void)
{
  g_autoptr(GPtrArray) entries = NULL;
  ExtopoEntry *entry;
  const char **names;
  guint n_names;
  gint64 roles = 0;
  gboolean hidden = FALSE;

  entries = read_text ("DN: CN=EX1,DC=contoso,DC=com\n"
                       "ObjectClass: top\n"
                       "OBJECTCLASS: msExchExchangeServer\n"
                       "objectclass: server\n"
                       "msExchCurrentServerRoles: 38\n"
                       "MSEXCHHIDEFROMADDRESSLISTS: TRUE\n");

  entry = entry_at (entries, 0);
  g_assert_cmpuint (extopo_entry_get_n_values (entry, "objectClass"), ==, 3);
  g_assert_true (extopo_entry_has_object_class (entry, "MSEXCHEXCHANGESERVER"));
  g_assert_false (extopo_entry_has_object_class (entry, "msExchRoutingGroup"));
  g_assert_true (extopo_entry_get_int64 (entry, "msexchcurrentserverroles", &roles));
  g_assert_cmpint (roles, ==, 38);
  g_assert_true (extopo_entry_get_boolean (entry, "msExchHideFromAddressLists", &hidden));
  g_assert_true (hidden);
  g_assert_false (extopo_entry_get_int64 (entry, "objectClass", &roles));

  /* Names keep their first spelling. */
  names = extopo_entry_get_attributes (entry, &n_names);
  g_assert_cmpuint (n_names, ==, 3);
  g_assert_cmpstr (names[0], ==, "ObjectClass");
}

static void
test_ldif_entry_value_outlives_entry (void)
{
  g_autoptr(GBytes) kept = NULL;
  ExtopoEntry *entry;
  const char **before;
  guint n_values;

  entry = extopo_entry_new ("CN=EX1,DC=contoso,DC=com", 0);
  extopo_entry_add_value (entry, "objectGUID", "\x01\x02\x00\x03", 4);
  extopo_entry_add_value (entry, "cn", "EX1", 3);
  before = extopo_entry_get_strings (entry, "cn", &n_values);
  g_assert_cmpuint (n_values, ==, 1);

  /* Adding values keeps what was handed out readable. */
  for (guint i = 0; i < 100; i++)
    {
      g_autofree char *name = g_strdup_printf ("attribute%u", i);

      extopo_entry_add_value (entry, name, name, strlen (name));
      extopo_entry_add_value (entry, "cn", name, strlen (name));
    }
  g_assert_cmpstr (before[0], ==, "EX1");
  g_assert_cmpuint (extopo_entry_get_n_values (entry, "cn"), ==, 101);
  g_assert_cmpstr (extopo_entry_get_strings (entry, "cn", NULL)[100], ==, "attribute99");
  g_assert_cmpstr (extopo_entry_get_string (entry, "ATTRIBUTE42"), ==, "attribute42");
  g_assert_true (extopo_entry_get_value (entry, "objectGUID", 0) ==
                 extopo_entry_get_value (entry, "objectguid", 0));
  g_assert_null (extopo_entry_get_value (entry, "objectGUID", 1));

  kept = g_bytes_ref (extopo_entry_get_value (entry, "objectGUID", 0));
  extopo_entry_unref (entry);
  g_assert_cmpmem (g_bytes_get_data (kept, NULL), g_bytes_get_size (kept), "\x01\x02\x00\x03", 4);
}

static GPtrArray *
make_roundtrip_entries (void)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify) extopo_entry_unref);
  g_autofree char *long_value = g_strnfill (300, 'x');
  const char binary[] = { 'a', '\0', '\n', '\r', (char) 0xff, ':' };
  ExtopoEntry *entry;

  entry = extopo_entry_new ("CN=Zürich\\, Nord,CN=Routing Groups,DC=contoso,DC=com", 0);
  extopo_entry_add_value (entry, "objectClass", "top", 3);
  extopo_entry_add_value (entry, "objectClass", "msExchRoutingGroup", 18);
  extopo_entry_add_value (entry, "cn", "Zürich, Nord", strlen ("Zürich, Nord"));
  extopo_entry_add_value (entry, "objectGUID", binary, sizeof binary);
  extopo_entry_add_value (entry, "description", " leading space", 14);
  extopo_entry_add_value (entry, "description", ":leading colon", 14);
  extopo_entry_add_value (entry, "description", "<leading angle", 14);
  extopo_entry_add_value (entry, "description", "", 0);
  extopo_entry_add_value (entry, "info", long_value, 300);
  g_ptr_array_add (entries, entry);

  entry = extopo_entry_new ("DC=contoso,DC=com", 0);
  extopo_entry_add_value (entry, "dc", "contoso", 7);
  extopo_entry_add_value (entry, "comment", "trailing space ", 15);
  g_ptr_array_add (entries, entry);

  return entries;
}

static void
assert_same_entries (GPtrArray *expected,
                     GPtrArray *actual)
{
  g_assert_cmpuint (actual->len, ==, expected->len);

  for (guint i = 0; i < expected->len; i++)
    {
      ExtopoEntry *a = g_ptr_array_index (expected, i);
      ExtopoEntry *b = g_ptr_array_index (actual, i);
      const char **names_a;
      const char **names_b;
      guint n_a;
      guint n_b;

      g_assert_cmpstr (extopo_entry_get_dn (a), ==, extopo_entry_get_dn (b));
      names_a = extopo_entry_get_attributes (a, &n_a);
      names_b = extopo_entry_get_attributes (b, &n_b);
      g_assert_cmpuint (n_a, ==, n_b);

      for (guint j = 0; j < n_a; j++)
        {
          guint n_values = extopo_entry_get_n_values (a, names_a[j]);

          g_assert_cmpstr (names_a[j], ==, names_b[j]);
          g_assert_cmpuint (extopo_entry_get_n_values (b, names_a[j]), ==, n_values);
          for (guint k = 0; k < n_values; k++)
            g_assert_true (g_bytes_equal (extopo_entry_get_value (a, names_a[j], k),
                                          extopo_entry_get_value (b, names_a[j], k)));
        }
    }
}

static void
test_ldif_writer_roundtrip (void)
{
  g_autoptr(GPtrArray) entries = make_roundtrip_entries ();
  g_autoptr(GPtrArray) from_string = NULL;
  g_autoptr(GPtrArray) from_file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *path = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GDateTime) fetched = g_date_time_new_utc (2026, 11, 20, 8, 30, 15);
  g_autoptr(GDateTime) read_back = NULL;
  /* A newline in the source's name must not end the comment. */
  ExtopoSnapshotHeader header = { "ldap://dc1.contoso.com\ndn: CN=Injected", fetched };

  text = extopo_ldif_write_to_string (entries, &header, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text,
                                   "# ExTopo snapshot\n"
                                   "# source: ldap://dc1.contoso.com\\ndn: CN=Injected\n"
                                   "# fetched: 2026-11-20T08:30:15Z\n"
                                   "version: 1\n"));
  read_back = extopo_ldif_read_snapshot_time (text, strlen (text));
  g_assert_nonnull (read_back);
  g_assert_true (g_date_time_equal (read_back, fetched));
  /* Non-ASCII and binary values, and the DN, were base64-encoded. */
  g_assert_nonnull (strstr (text, "\ndn:: "));
  g_assert_nonnull (strstr (text, "\nobjectGUID:: "));
  g_assert_nonnull (strstr (text, "\ndn: DC=contoso,DC=com\n"));
  /* Long lines were folded. */
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_cmpuint (strlen (lines[i]), <=, 80);

  from_string = read_text (text);
  assert_same_entries (entries, from_string);

  directory = g_dir_make_tmp ("extopo-ldif-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (directory, "snapshot.ldif", NULL);
  g_assert_true (extopo_ldif_write_file (entries, &header, path, &error));
  g_assert_no_error (error);
  from_file = extopo_ldif_read_file (path, NULL, &error);
  g_assert_no_error (error);
  assert_same_entries (entries, from_file);
  g_assert_cmpuint (extopo_entry_get_line (entry_at (from_file, 1)), >, 3);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (directory), ==, 0);
}

static void
test_ldif_attribute_description (void)
{
  const char *valid[] = {
    "cn", "CN", "msExchServerRole", "msExch-Role2", "1.2.840.113556.1.4.1",
    "0.9", "userCertificate;binary", "cn;lang-en;x-1", "member;range=0-1499",
    "member;Range=1500-*",
  };
  const char *invalid[] = {
    "", "1cn", "-cn", "cn;", "cn;;x", "a.b", "01.2", "1", "1.", "1..2", "cn;range=1-",
    "cn;range=-2", "cn;range=1-2*", "cn;x=1", "cn\n", "c n", "cn:", "description\ndn: CN=x",
    "cn;lang_en", "é",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (valid); i++)
    if (!extopo_attribute_description_is_valid (valid[i], -1))
      g_error ("“%s” refused", valid[i]);
  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    if (extopo_attribute_description_is_valid (invalid[i], -1))
      g_error ("“%s” accepted", invalid[i]);

  /* The length counts: a name cut before its newline is a name. */
  g_assert_true (extopo_attribute_description_is_valid ("cn\nx", 2));
  g_assert_false (extopo_attribute_description_is_valid ("cn\nx", 4));
}

/* A name a server sent (or a file held) that would inject lines into the
 * snapshot fails the write before anything is written: the file that was
 * there stays as it was, and no temporary file is left. */
static void
test_ldif_writer_refuses_attribute (void)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) extopo_entry_unref);
  g_autoptr(ExtopoEntry) entry = extopo_entry_new ("CN=EX1,DC=contoso,DC=com", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *text = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  GStatBuf info;

  extopo_entry_add_value (entry, "objectClass", "msExchExchangeServer", 20);
  extopo_entry_add_value (entry, "description\ndn: CN=Injected", "x", 1);
  g_ptr_array_add (entries, g_steal_pointer (&entry));

  text = extopo_ldif_write_to_string (entries, NULL, &error);
  g_assert_null (text);
  g_assert_error (error, EXTOPO_LDIF_ERROR, EXTOPO_LDIF_ERROR_INVALID_ATTRIBUTE);
  g_assert_nonnull (strstr (error->message, "“CN=EX1,DC=contoso,DC=com”"));
  g_assert_nonnull (strstr (error->message, "“description\\ndn: CN=Injected”"));
  g_assert_null (strchr (error->message, '\n'));
  g_clear_error (&error);

  directory = g_dir_make_tmp ("extopo-ldif-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (directory, "snapshot.ldif", NULL);
  g_assert_true (g_file_set_contents (path, "last week\n", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);

  g_assert_false (extopo_ldif_write_file (entries, NULL, path, &error));
  g_assert_error (error, EXTOPO_LDIF_ERROR, EXTOPO_LDIF_ERROR_INVALID_ATTRIBUTE);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "last week\n");

  /* A good snapshot replaces it and keeps its mode. */
  g_ptr_array_set_size (entries, 0);
  g_ptr_array_add (entries, extopo_entry_new ("CN=EX1,DC=contoso,DC=com", 0));
  g_assert_true (extopo_ldif_write_file (entries, NULL, path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0600);

  dir = g_dir_open (directory, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (dir), ==, "snapshot.ldif");
  g_assert_null (g_dir_read_name (dir));

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (directory), ==, 0);
}

/* Only the comment lines before the first record are the header. */
static void
test_ldif_snapshot_time (void)
{
  static const char later[] = "version: 1\n# fetched: 2026-11-20T08:30:15Z\n";
  static const char broken[] = "# ExTopo snapshot\n# fetched: yesterday\nversion: 1\n";
  static const char plain[] = "# fetched: 2026-11-20T08:30:15+01:00\n";
  g_autoptr(GDateTime) when = NULL;

  g_assert_null (extopo_ldif_read_snapshot_time (later, strlen (later)));
  g_assert_null (extopo_ldif_read_snapshot_time (broken, strlen (broken)));
  g_assert_null (extopo_ldif_read_snapshot_time ("", 0));
  when = extopo_ldif_read_snapshot_time (plain, strlen (plain));
  g_assert_nonnull (when);
  g_assert_cmpint (g_date_time_get_hour (when), ==, 8);
  g_assert_cmpint (g_date_time_get_utc_offset (when) / G_TIME_SPAN_HOUR, ==, 1);
}

static void
test_ldif_read_file (void)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  ExtopoEntry *server;

  path = g_test_build_filename (G_TEST_DIST, "ldif", "servers.ldif", NULL);
  entries = extopo_ldif_read_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);

  server = entry_at (entries, 2);
  g_assert_true (extopo_entry_has_object_class (server, "msExchExchangeServer"));
  g_assert_cmpstr (extopo_entry_get_string (server, "serialNumber"), ==,
                   "Version 6.5 (Build 7638.2: Service Pack 2)");
  g_assert_cmpuint (extopo_entry_get_line (server), ==, 19);
}

static void
test_ldif_utf16 (void)
{
  const char *text = "dn: CN=Zürich,DC=contoso,DC=com\r\ncn: Zürich\r\n";
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *utf16 = NULL;
  g_autofree char *with_mark = NULL;
  gsize length = 0;

  /* ldifde -u writes UTF-16 with a byte order mark. */
  utf16 = g_convert (text, -1, "UTF-16LE", "UTF-8", NULL, &length, &error);
  g_assert_no_error (error);
  with_mark = g_malloc (length + 2);
  with_mark[0] = (char) 0xff;
  with_mark[1] = (char) 0xfe;
  memcpy (with_mark + 2, utf16, length);

  entries = extopo_ldif_read_data (with_mark, length + 2, TEST_NAME, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (extopo_entry_get_string (entry_at (entries, 0), "cn"), ==, "Zürich");
}

static void
test_ldif_empty (void)
{
  g_autoptr(GPtrArray) empty = read_text ("");
  g_autoptr(GPtrArray) blank = read_text ("\n\n# nothing here\n");
  g_autoptr(GPtrArray) unterminated = read_text ("dn: DC=com\ndc: com");

  g_assert_cmpuint (empty->len, ==, 0);
  g_assert_cmpuint (blank->len, ==, 0);
  g_assert_cmpuint (unterminated->len, ==, 1);
  g_assert_cmpstr (extopo_entry_get_string (entry_at (unterminated, 0), "dc"), ==, "com");
}

static void
test_ldif_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = "dn: DC=com\ndc: com\n";

  g_cancellable_cancel (cancellable);
  entries = extopo_ldif_read_data (text, strlen (text), TEST_NAME, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (entries);
}

static void
test_ldif_malformed_truncated_base64 (void)
{
  assert_text_error ("dn: CN=EX1,DC=contoso,DC=com\n"
                     "cn: EX1\n"
                     "\n"
                     "dn: CN=EX2,DC=contoso,DC=com\n"
                     "cn: EX2\n"
                     "objectGUID:: AQD/EIAK\n"
                     " DQ\n"
                     "\n",
                     EXTOPO_LDIF_ERROR_SYNTAX, 6);
  assert_text_error ("dn: DC=com\r\n"
                     "description:: bad*base64\r\n",
                     EXTOPO_LDIF_ERROR_SYNTAX, 2);
  assert_text_error ("dn:: Q04\n", EXTOPO_LDIF_ERROR_SYNTAX, 1);
}

static void
test_ldif_malformed_continuation_first (void)
{
  assert_text_error (" cn: EX1\n"
                     "dn: DC=com\n",
                     EXTOPO_LDIF_ERROR_SYNTAX, 1);
  assert_text_error ("dn: DC=com\n"
                     "dc: com\n"
                     "\n"
                     "\n"
                     " dn: DC=org\n"
                     "dc: org\n",
                     EXTOPO_LDIF_ERROR_SYNTAX, 5);
}

static void
test_ldif_malformed_missing_dn (void)
{
  assert_text_error ("dn: DC=com\n"
                     "dc: com\n"
                     "\n"
                     "# the next record lost its first line\n"
                     "objectClass: top\n"
                     "cn: EX1\n",
                     EXTOPO_LDIF_ERROR_MISSING_DN, 5);
}

static void
test_ldif_malformed_binary_junk (void)
{
  const char with_nul[] = "dn: DC=com\ndc: com\n\x7f\x45LF\x02\x01\x00\x00junk\n";
  const char not_utf8[] = "dn: DC=com\n\ndn: DC=org\ndescription: \xff\xfe\xc3\x28\n";
  const char no_colon[] = "dn: DC=com\ndc: com\n\n\x89PNG\r\n\x1a\n";

  assert_read_error (with_nul, sizeof with_nul - 1, EXTOPO_LDIF_ERROR_SYNTAX, 3);
  assert_read_error (not_utf8, sizeof not_utf8 - 1, EXTOPO_LDIF_ERROR_SYNTAX, 4);
  assert_read_error (no_colon, sizeof no_colon - 1, EXTOPO_LDIF_ERROR_SYNTAX, 4);
}

static char *
make_huge_ldif (gboolean    base64,
                const char *after)
{
  g_autofree char *value = g_malloc (HUGE_SIZE);
  GString *text = g_string_new ("dn: CN=big,DC=contoso,DC=com\ncn: big\n");

  for (gsize i = 0; i < HUGE_SIZE; i++)
    value[i] = (char) (base64 ? i * 7 : 'a' + i % 26);

  if (base64)
    {
      g_autofree char *encoded = g_base64_encode ((const guchar *) value, HUGE_SIZE);
      gsize length = strlen (encoded);

      /* Folded at 76 columns, the way ldifde and ldapsearch write it. */
      g_string_append (text, "objectGUID:: ");
      for (gsize i = 0; i < length; i += 76)
        {
          if (i > 0)
            g_string_append (text, "\n ");
          g_string_append_len (text, encoded + i, MIN (76, length - i));
        }
    }
  else
    {
      g_string_append (text, "description: ");
      g_string_append_len (text, value, HUGE_SIZE);
    }

  g_string_append (text, "\n");
  g_string_append (text, after);

  return g_string_free (text, FALSE);
}

static void
test_ldif_malformed_huge_value (void)
{
  g_autofree char *plain = make_huge_ldif (FALSE, "\ndn: DC=org\ndescription:: QQ=\n");
  g_autofree char *folded = make_huge_ldif (TRUE, "\ndn: DC=org\ndc: org\n");
  g_autofree char *folded_bad = make_huge_ldif (TRUE, "\ndn: DC=org\ndn: DC=net\n");
  g_autofree char *letters = g_strnfill (HUGE_SIZE, 'x');
  g_autofree char *huge_dn = g_strdup_printf ("dn: DC=com\n\ndn: CN=%s,,DC=com\n", letters);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  GBytes *value;
  gulong folded_lines;

  /* A 10 MB value on one line reads; the error after it has the right line. */
  assert_text_error (plain, EXTOPO_LDIF_ERROR_SYNTAX, 6);

  entries = read_text (folded);
  g_assert_cmpuint (entries->len, ==, 2);
  value = extopo_entry_get_value (entry_at (entries, 0), "objectGUID", 0);
  g_assert_cmpuint (g_bytes_get_size (value), ==, HUGE_SIZE);
  g_assert_cmpint (((const guchar *) g_bytes_get_data (value, NULL))[HUGE_SIZE - 1], ==,
                   (guchar) ((HUGE_SIZE - 1) * 7));

  /* 3 lines, the value's folded lines, the empty line, then the next entry. */
  folded_lines = (4 * ((HUGE_SIZE + 2) / 3) + 75) / 76;
  g_assert_cmpuint (extopo_entry_get_line (entry_at (entries, 1)), ==, 2 + folded_lines + 2);
  assert_text_error (folded_bad, EXTOPO_LDIF_ERROR_SYNTAX, 2 + folded_lines + 3);

  /* A 10 MB DN that does not parse: the message quotes only its start. */
  refused = extopo_ldif_read_data (huge_dn, strlen (huge_dn), TEST_NAME, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, EXTOPO_LDIF_ERROR, EXTOPO_LDIF_ERROR_INVALID_DN);
  g_assert_true (g_str_has_prefix (error->message, TEST_NAME ":3: "));
  g_assert_cmpuint (strlen (error->message), <, 400);
}

static void
test_ldif_malformed_bad_dn (void)
{
  assert_text_error ("dn: DC=com\n"
                     "\n"
                     "dn: CN=EX1,,DC=com\n"
                     "cn: EX1\n",
                     EXTOPO_LDIF_ERROR_INVALID_DN, 3);
  assert_text_error ("dn: not a distinguished name\n", EXTOPO_LDIF_ERROR_INVALID_DN, 1);
  /* libldap alone would skip a first line that starts with a digit. */
  assert_text_error ("dn: DC=com\n"
                     "\n"
                     "# a comment\n"
                     "42 dn: DC=org\n",
                     EXTOPO_LDIF_ERROR_MISSING_DN, 4);
  /* Base64 that decodes to bytes that are not UTF-8. */
  assert_text_error ("dn:: Q049/w==\n", EXTOPO_LDIF_ERROR_INVALID_DN, 1);
}

static void
test_ldif_malformed_changetype_modify (void)
{
  assert_text_error ("dn: CN=EX1,DC=contoso,DC=com\n"
                     "changetype: add\n"
                     "cn: EX1\n"
                     "\n"
                     "dn: CN=EX1,DC=contoso,DC=com\n"
                     "changetype: modify\n"
                     "replace: description\n"
                     "description: changed\n"
                     "-\n",
                     EXTOPO_LDIF_ERROR_UNSUPPORTED, 6);
  assert_text_error ("dn: CN=EX1,DC=contoso,DC=com\n"
                     "changetype: delete\n",
                     EXTOPO_LDIF_ERROR_UNSUPPORTED, 2);
}

static void
test_ldif_malformed_message (void)
{
  const char *text = "dn: DC=com\n\ndn: DC=org\nchangetype: modrdn\nnewrdn: DC=net\n";
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  /* Says where, and what, for a person to fix the file. */
  entries = extopo_ldif_read_data (text, strlen (text), "export.ldf", NULL, &error);
  g_assert_error (error, EXTOPO_LDIF_ERROR, EXTOPO_LDIF_ERROR_UNSUPPORTED);
  g_assert_true (g_str_has_prefix (error->message, "export.ldf:4: "));
  g_assert_nonnull (strstr (error->message, "modrdn"));
}

static void
test_ldif_malformed_missing_file (void)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  const char *path = "/nonexistent/extopo/missing.ldif";

  entries = extopo_ldif_read_file (path, NULL, &error);
  g_assert_null (entries);
  g_assert_error (error, EXTOPO_LDIF_ERROR, EXTOPO_LDIF_ERROR_IO);
  g_assert_true (g_str_has_prefix (error->message, path));
}

static void
test_ldif_malformed_unsupported (void)
{
  /* libldap would read other files for these; they are refused. */
  assert_text_error ("dn: DC=com\n"
                     "\n"
                     "include: file:///etc/passwd\n",
                     EXTOPO_LDIF_ERROR_UNSUPPORTED, 3);
  assert_text_error ("dn: DC=com\n"
                     "description:< file:///etc/passwd\n",
                     EXTOPO_LDIF_ERROR_UNSUPPORTED, 2);
  assert_text_error ("dn: DC=com\n"
                     "dc: com\n"
                     "dn: DC=org\n",
                     EXTOPO_LDIF_ERROR_SYNTAX, 3);
}

/* The loader's way of reading: other classes and attributes are dropped,
 * but every line is still checked. */
static void
test_ldif_filtered (void)
{
  static const char * const classes[] = { "msExchExchangeServer", NULL };
  static const char * const attributes[] = { "objectClass", "serialNumber", NULL };
  const ExtopoEntryFilter filter = { classes, attributes };
  const char *text =
    "dn: CN=Protocols,CN=EX1,O=Org\n"
    "objectClass: container\n"
    "cn: Protocols\n"
    "\n"
    "dn: CN=EX1,O=Org\n"
    "objectClass: top\n"
    "objectClass: MSEXCHEXCHANGESERVER\n"
    "cn: EX1\n"
    "serialNumber;x-option: Version 6.5\n"
    "whenCreated: 20260101000000.0Z\n";
  const char *bad = "dn: CN=A,O=Org\nobjectClass: container\nnot a line\n";
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GError) error = NULL;
  const char **names;
  guint n_names;
  ExtopoEntry *entry;

  entries = extopo_ldif_read_data_filtered (text, strlen (text), TEST_NAME, &filter, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = entry_at (entries, 0);
  g_assert_cmpstr (extopo_entry_get_dn (entry), ==, "CN=EX1,O=Org");
  g_assert_cmpuint (extopo_entry_get_line (entry), ==, 5);
  names = extopo_entry_get_attributes (entry, &n_names);
  g_assert_cmpuint (n_names, ==, 2);
  g_assert_cmpstr (names[0], ==, "objectClass");
  g_assert_cmpstr (names[1], ==, "serialNumber");
  g_assert_null (extopo_entry_get_string (entry, "cn"));
  g_assert_cmpstr (extopo_entry_get_string (entry, "serialNumber"), ==, "Version 6.5");

  failed = extopo_ldif_read_data_filtered (bad, strlen (bad), TEST_NAME, &filter, NULL, &error);
  g_assert_null (failed);
  g_assert_error (error, EXTOPO_LDIF_ERROR, EXTOPO_LDIF_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, TEST_NAME ":3: "));
}

#define LARGE_N_ENTRIES 8000

/* Large enough that a reader may split it: entry @i starts on line 4i + 1.
 * @bad_line, when not 0, replaces the description line of that entry. */
static char *
large_text (guint       bad_entry,
            const char *bad_line)
{
  g_autofree char *padding = g_strnfill (1000, 'x');
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < LARGE_N_ENTRIES; i++)
    {
      g_string_append_printf (text, "dn: CN=E%u,O=Org\nobjectClass: top\n", i);
      if (bad_line != NULL && i == bad_entry)
        g_string_append_printf (text, "%s\n\n", bad_line);
      else
        g_string_append_printf (text, "description: %s\n\n", padding);
    }

  return g_string_free (text, FALSE);
}

/* Reading in pieces keeps the order, the line numbers and which error a
 * reader meets first. */
static void
test_ldif_large (void)
{
  g_autofree char *text = large_text (0, NULL);
  g_autofree char *late_syntax = large_text (LARGE_N_ENTRIES - 2, "not a line");
  g_autofree char *early_syntax = large_text (1, "not a line");
  g_autoptr(GPtrArray) entries = read_text (text);
  g_autofree char *late_include = NULL;

  g_assert_cmpuint (entries->len, ==, LARGE_N_ENTRIES);
  for (guint i = 0; i < LARGE_N_ENTRIES; i += 997)
    {
      ExtopoEntry *entry = entry_at (entries, i);
      g_autofree char *dn = g_strdup_printf ("CN=E%u,O=Org", i);

      g_assert_cmpstr (extopo_entry_get_dn (entry), ==, dn);
      g_assert_cmpuint (extopo_entry_get_line (entry), ==, 4 * i + 1);
    }

  assert_read_error (late_syntax, strlen (late_syntax), EXTOPO_LDIF_ERROR_SYNTAX,
                     4 * (LARGE_N_ENTRIES - 2) + 3);
  assert_read_error (early_syntax, strlen (early_syntax), EXTOPO_LDIF_ERROR_SYNTAX, 4 + 3);

  /* The text checks come first: a late "include:" beats an early bad line. */
  late_include = g_strconcat (early_syntax, "include: file:///etc/passwd\n", NULL);
  assert_read_error (late_include, strlen (late_include), EXTOPO_LDIF_ERROR_UNSUPPORTED,
                     4 * LARGE_N_ENTRIES + 1);
}

/* ldapsearch against Active Directory writes large multi-valued attributes
 * in chunks ("member;range=0-1499", the last "member;range=1500-*"): every
 * chunk is accepted and the entry holds all values under the base name, in
 * order. A ";binary" option still works, and a bad option character is
 * still refused. */
static void
test_ldif_ranged_attributes (void)
{
  g_autoptr(GPtrArray) entries = read_text (
    "dn: CN=C1,CN=Connections,CN=RG,DC=example,DC=com\n"
    "objectClass: msExchRoutingGroupConnector\n"
    "msExchTargetBridgeheadServersDN;range=0-1: CN=A,DC=example,DC=com\n"
    "msExchTargetBridgeheadServersDN;range=0-1: CN=B,DC=example,DC=com\n"
    "msExchTargetBridgeheadServersDN;range=2-3: CN=C,DC=example,DC=com\n"
    "msExchTargetBridgeheadServersDN;range=2-3: CN=D,DC=example,DC=com\n"
    "msExchTargetBridgeheadServersDN;Range=4-*: CN=E,DC=example,DC=com\n"
    "userCertificate;binary:: AAEC\n"
    "\n"
    "dn: CN=C2,CN=Connections,CN=RG,DC=example,DC=com\n"
    "objectClass: msExchRoutingGroupConnector\n"
    "msExchSourceBridgeheadServersDN;range=0-*: CN=F,DC=example,DC=com\n");
  const char **values;
  guint n_values;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  static const char bad[] = "dn: CN=X,DC=example,DC=com\nmember;range=0-1!: CN=A\n";

  values = extopo_entry_get_strings (entry_at (entries, 0), "msExchTargetBridgeheadServersDN",
                                     &n_values);
  g_assert_cmpuint (n_values, ==, 5);
  g_assert_cmpstr (values[0], ==, "CN=A,DC=example,DC=com");
  g_assert_cmpstr (values[2], ==, "CN=C,DC=example,DC=com");
  g_assert_cmpstr (values[4], ==, "CN=E,DC=example,DC=com");
  g_assert_cmpuint (extopo_entry_get_n_values (entry_at (entries, 0), "userCertificate"), ==, 1);
  g_assert_cmpuint (extopo_entry_get_n_values (entry_at (entries, 1),
                                               "msExchSourceBridgeheadServersDN"), ==, 1);

  refused = extopo_ldif_read_data (bad, strlen (bad), TEST_NAME, NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, EXTOPO_LDIF_ERROR, EXTOPO_LDIF_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, TEST_NAME ":2: "));
}

static gpointer
write_fifo_worker (gpointer data)
{
  const char *path = data;
  static const char text[] = "dn: CN=Org,CN=Microsoft Exchange,DC=example,DC=com\n"
                             "objectClass: msExchOrganizationContainer\n";
  FILE *fifo = fopen (path, "w");

  g_assert_nonnull (fifo);
  g_assert_cmpuint (fwrite (text, 1, sizeof text - 1, fifo), ==, sizeof text - 1);
  fclose (fifo);
  return NULL;
}

/* Streams have no size to check: a FIFO is read to its end, and an endless
 * device stops at the limit with a clear error, without holding more. */
static void
test_ldif_bounded_streams (void)
{
  g_autofree char *dir = g_dir_make_tmp ("extopo-fifo-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "export.ldif", NULL);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) zeros = NULL;
  g_autoptr(GError) error = NULL;
  GThread *writer;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  writer = g_thread_new ("fifo-writer", write_fifo_worker, fifo);
  entries = extopo_ldif_read_file (fifo, NULL, &error);
  g_thread_join (writer);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_unlink (fifo);
  g_rmdir (dir);

  g_setenv ("EXTOPO_LDIF_MAX_BYTES", "4000000", TRUE);
  zeros = extopo_ldif_read_file ("/dev/zero", NULL, &error);
  g_unsetenv ("EXTOPO_LDIF_MAX_BYTES");
  g_assert_null (zeros);
  g_assert_error (error, EXTOPO_LDIF_ERROR, EXTOPO_LDIF_ERROR_TOO_LARGE);
  g_assert_true (g_str_has_prefix (error->message, "/dev/zero: the input is larger than"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ldif/crlf", test_ldif_crlf);
  g_test_add_func ("/ldif/ranged-attributes", test_ldif_ranged_attributes);
  g_test_add_func ("/ldif/bounded-streams", test_ldif_bounded_streams);
  g_test_add_func ("/ldif/filtered", test_ldif_filtered);
  g_test_add_func ("/ldif/large", test_ldif_large);
  g_test_add_func ("/ldif/folded-lines", test_ldif_folded_lines);
  g_test_add_func ("/ldif/base64", test_ldif_base64);
  g_test_add_func ("/ldif/changetype-add", test_ldif_changetype_add);
  g_test_add_func ("/ldif/keyword-options", test_ldif_keyword_options);
  g_test_add_func ("/ldif/space-before-colon", test_ldif_space_before_colon);
  g_test_add_func ("/ldif/comments", test_ldif_comments);
  g_test_add_func ("/ldif/version-line", test_ldif_version_line);
  g_test_add_func ("/ldif/attribute-options", test_ldif_attribute_options);
  g_test_add_func ("/ldif/utf8-dn", test_ldif_utf8_dn);
  g_test_add_func ("/ldif/escaped-dn", test_ldif_escaped_dn);
  g_test_add_func ("/ldif/case-insensitive-attributes", test_ldif_case_insensitive_attributes);
  g_test_add_func ("/ldif/entry/value-outlives-entry", test_ldif_entry_value_outlives_entry);
  g_test_add_func ("/ldif/writer-roundtrip", test_ldif_writer_roundtrip);
  g_test_add_func ("/ldif/writer-refuses-attribute", test_ldif_writer_refuses_attribute);
  g_test_add_func ("/ldif/attribute-description", test_ldif_attribute_description);
  g_test_add_func ("/ldif/snapshot-time", test_ldif_snapshot_time);
  g_test_add_func ("/ldif/read-file", test_ldif_read_file);
  g_test_add_func ("/ldif/utf16", test_ldif_utf16);
  g_test_add_func ("/ldif/empty", test_ldif_empty);
  g_test_add_func ("/ldif/cancelled", test_ldif_cancelled);
  g_test_add_func ("/ldif/malformed/truncated-base64", test_ldif_malformed_truncated_base64);
  g_test_add_func ("/ldif/malformed/continuation-first", test_ldif_malformed_continuation_first);
  g_test_add_func ("/ldif/malformed/missing-dn", test_ldif_malformed_missing_dn);
  g_test_add_func ("/ldif/malformed/binary-junk", test_ldif_malformed_binary_junk);
  g_test_add_func ("/ldif/malformed/huge-value", test_ldif_malformed_huge_value);
  g_test_add_func ("/ldif/malformed/bad-dn", test_ldif_malformed_bad_dn);
  g_test_add_func ("/ldif/malformed/changetype-modify", test_ldif_malformed_changetype_modify);
  g_test_add_func ("/ldif/malformed/missing-file", test_ldif_malformed_missing_file);
  g_test_add_func ("/ldif/malformed/message", test_ldif_malformed_message);
  g_test_add_func ("/ldif/malformed/unsupported", test_ldif_malformed_unsupported);

  return g_test_run ();
}
