/*
 * log.h: log and accounting records: format detection and line parsers.
 *
 * A log parser turns one line into one `event` fact (docs/events.md).  A
 * parser object carries what a format needs across lines (the header of a
 * CSV export, the JSON field names); it belongs to one thread.  Parsers take
 * (ptr, len), never read past it, and bound every count (limits.h).
 */
#ifndef TIDEWATCH_LOG_H
#define TIDEWATCH_LOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "error.h"
#include "fact.h"

typedef enum {
    TW_LOG_UNKNOWN,
    TW_LOG_SYSLOG, /* RFC 3164 / 5424, relay prefixes, Cisco, Junos, ASA, sshd: per line */
    TW_LOG_TACACS, /* tac_plus / tac_plus-ng accounting, tab-separated */
    TW_LOG_ISE,    /* Cisco ISE / ACS accounting CSV with a header line */
    TW_LOG_JSONL,  /* one JSON object a line */
} tw_log_format;

/* "syslog", "tacacs", "ise", "jsonl", "unknown". */
const char *tw_log_format_name(tw_log_format f);
bool tw_log_format_parse(tw_str name, tw_log_format *out);

/* Guesses the format from the first lines of data (at most 64 KiB read);
 * TW_LOG_UNKNOWN when no line looks like a log record. */
tw_log_format tw_log_detect(const char *data, size_t len);

/* True when the format's first line is a header that the parser must see
 * before any record (ISE CSV). */
bool tw_log_has_header(tw_log_format f);

/* Texts of which every record of format f that yields a `command` holds
 * one (compared without case), stored in out[0, cap) with *n set: so that
 * a hunt may look for what only commands can match on those records
 * alone.  False when the format has no such texts (tac_plus-ng fields,
 * ISE, JSON with configurable keys carry commands anywhere) or cap is too
 * small.  Pure, thread-safe. */
bool tw_log_command_markers(tw_log_format f, const char **out, size_t cap, size_t *n);

/* JSON Lines field names: each entry is a comma-separated list of keys
 * tried in order (dotted keys reach into objects: "host.name").  NULL
 * entries take the defaults, which cover common shippers (syslog-ng,
 * rsyslog mmjsonparse, Vector, Fluent Bit, Elastic ECS, Splunk HEC). */
typedef struct {
    const char *time, *host, *program, *message, *user, *src, *dst, *command, *msgid;
} tw_log_opts;

typedef struct tw_log_parser tw_log_parser;

/* A parser for format f (not UNKNOWN); opts may be NULL.  NULL on ENOMEM. */
tw_log_parser *tw_log_parser_new(tw_log_format f, const tw_log_opts *opts);
void tw_log_parser_free(tw_log_parser *p);

/* Parses one line (without its newline) numbered lineno into at most one
 * event fact appended to fs.  Returns TW_OK with *parsed set when an event
 * was added, TW_OK with *parsed false for a line that is not a record of
 * this format (a header, a blank line, noise), or TW_ENOMEM / TW_ELIMIT.
 * Malformed records of the format are warnings in diags naming file:line. */
tw_err tw_log_parser_line(tw_log_parser *p, const char *file, tw_str line, uint32_t lineno,
                          tw_factset *fs, tw_diags *diags, bool *parsed);

#endif
