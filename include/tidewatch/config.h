/*
 * config.h: device configurations: dialect detection and parsing to facts.
 *
 * Only the parsers know dialects.  tw_config_parse dispatches on the
 * dialect through one table; a dialect without a parser is TW_EDIALECT,
 * reported rather than mis-parsed.  Parsers take (ptr, len), never read
 * past it, and bound every count (limits.h).  Thread-safe for distinct
 * fact sets.
 */
#ifndef TIDEWATCH_CONFIG_H
#define TIDEWATCH_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "error.h"
#include "fact.h"

/* Guesses the dialect from content (headers, keywords); TW_DIALECT_UNKNOWN
 * when the text does not look like a configuration tidewatch knows. */
tw_dialect tw_dialect_detect(const char *data, size_t len);

/* True when a parser exists for d. */
bool tw_config_supported(tw_dialect d);

/* Parses data as dialect d into fs (fs->dialect is set).  Statements that
 * cannot be understood become warnings in diags; only a fatal condition
 * (ENOMEM, a limit, an unsupported dialect) is returned as an error, and the
 * facts gathered so far are kept. */
tw_err tw_config_parse(const char *file, const char *data, size_t len, tw_dialect d,
                       tw_factset *fs, tw_diags *diags);

/* The Cisco IOS / IOS XE parser (used by tw_config_parse). */
tw_err tw_parse_ios(const char *file, const char *data, size_t len, tw_factset *fs,
                    tw_diags *diags);

#include "buf.h"

/* Rewrites an IOS-style command line with every secret replaced by
 * <redacted>, as the IOS parser does; returns true when something was
 * replaced. out gets the result (always). */
bool tw_ios_redact(tw_str line, tw_buf *out);

#endif
