/* fuzz-common.h: what every libFuzzer target here shares.
 *
 * Copyright 2026 The ExTopo developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);
int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv);

/* A copy of the input with a NUL after it, for the string APIs. */
static inline char *
fuzz_strndup (const uint8_t *data,
              size_t         size)
{
  char *text = g_malloc (size + 1);

  if (size > 0)
    memcpy (text, data, size);
  text[size] = '\0';

  return text;
}

/* An invariant the target checks did not hold: a crash libFuzzer keeps. */
#define fuzz_check(expr)                                                 \
  G_STMT_START {                                                         \
    if (G_UNLIKELY (!(expr)))                                            \
      {                                                                  \
        g_printerr ("%s:%d: check failed: %s\n", __FILE__, __LINE__, #expr); \
        abort ();                                                        \
      }                                                                  \
  } G_STMT_END

/* A critical (a g_return_if_fail() that failed) is a bug like a crash.
 * G_DEBUG=fatal-criticals would stop on SIGTRAP, which libFuzzer does not
 * catch: abort instead, so that the input is saved. */
static void
fuzz_log_cb (const char     *log_domain,
             GLogLevelFlags  log_level,
             const char     *message,
             gpointer        user_data)
{
  g_log_default_handler (log_domain, log_level, message, user_data);
  if ((log_level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR)) != 0)
    abort ();
}

/* Runs when the target is loaded, before libFuzzer's main(). */
__attribute__ ((constructor)) static void
fuzz_init_logging (void)
{
  g_log_set_default_handler (fuzz_log_cb, NULL);
}
