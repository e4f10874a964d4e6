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

/* True when the parser of d reads facts of kind k (a rule about a missing
 * setting of that kind means nothing for a dialect whose parser does not
 * read it: the PAN-OS reader knows the hostname and GlobalProtect only). */
bool tw_dialect_reads(tw_dialect d, tw_fact_kind k);

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

/* The Palo Alto PAN-OS parser (used by tw_config_parse; fs->dialect is
 * set to TW_DIALECT_PANOS).  It reads either form of the running
 * configuration: the XML document (`show config running`, an exported
 * running-config.xml, or the same wrapped in an API <response>) or the
 * `set` commands (`set cli config-output-format set`).  The form is told
 * from the first line that starts with '<' or "set ".  Only a few facts
 * are read (docs/facts.md, PAN-OS): the hostname (a hostname fact, and
 * fs->hostname) and one service fact per GlobalProtect portal or gateway
 * ({name: "globalprotect-portal" | "globalprotect-gateway", enabled: true,
 * instance: the entry name, vsys: when known}) at the line of its
 * `<entry name=...>` tag or of its first `set` line.  Evidence is the
 * element's tag, or the `set` line up to the entry name, never a hash or
 * key.  Malformed XML (an unterminated tag, comment or quote, a
 * mismatched close, nesting deeper than TW_LIMIT_DEPTH) is a warning at
 * its line and ends the scan; the facts found before it are kept and
 * TW_OK is returned.  Errors: TW_ENOMEM, TW_ELIMIT (file size, fact
 * count).  Thread-safe for distinct fact sets. */
tw_err tw_parse_panos(const char *file, const char *data, size_t len, tw_factset *fs,
                      tw_diags *diags);

/* The parsers of the other dialects, with tw_parse_ios's contract: every
 * fact with its exact line (for Junos brace form, the line of the leaf
 * statement), secrets redacted before any fact is made, malformed text a
 * warning at its line and the scan going on; TW_ENOMEM, TW_ELIMIT.  Each
 * documents what it reads in docs/dialects/<dialect>.md.  Thread-safe for
 * distinct fact sets. */
tw_err tw_parse_nxos(const char *file, const char *data, size_t len, tw_factset *fs,
                     tw_diags *diags);
tw_err tw_parse_iosxr(const char *file, const char *data, size_t len, tw_factset *fs,
                      tw_diags *diags);
/* Junos in brace form (show configuration) and set form (| display set). */
tw_err tw_parse_junos(const char *file, const char *data, size_t len, tw_factset *fs,
                      tw_diags *diags);
tw_err tw_parse_eos(const char *file, const char *data, size_t len, tw_factset *fs,
                    tw_diags *diags);
/* Cisco ASA 8.x / 9.x running configurations (docs/dialects/asa.md). */
tw_err tw_parse_asa(const char *file, const char *data, size_t len, tw_factset *fs,
                    tw_diags *diags);

#include "buf.h"

/* Rewrites an IOS-style command line with every secret replaced by
 * <redacted>, as the IOS parser does; returns true when something was
 * replaced. out gets the result (always). */
bool tw_ios_redact(tw_str line, tw_buf *out);

#endif
