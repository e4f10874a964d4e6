/*
 * log_int.h: internals shared by the log and accounting parsers.
 *
 * Each format's parser fills a tw__log_rec with views into the line (or
 * into a decoded JSON string) and hands it to tw__log_emit, which redacts
 * the command and the evidence, sweeps the line for address literals and
 * builds the one `event` fact (docs/events.md).  Nothing here is exported
 * from the library.
 */
#ifndef TW_PARSE_LOG_INT_H
#define TW_PARSE_LOG_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "tidewatch/buf.h"
#include "tidewatch/limits.h"
#include "tidewatch/log.h"

#define TW__LOG_NONE INT64_MIN

/* One record's fields; an empty view or TW__LOG_NONE is an absent field. */
typedef struct {
    const char *format; /* static: "rfc3164", "cisco", "tacacs"... */
    tw_str time, host, relay, program, msgid, message, user, command;
    tw_str service, status, tty, src, dst;
    int64_t pid, facility, severity, src_port, dst_port, priv_lvl;
} tw__log_rec;

/* ISE / ACS CSV columns found by name in the header. */
enum {
    TW__ISE_TIME,
    TW__ISE_USER,
    TW__ISE_HOST,
    TW__ISE_CMD,
    TW__ISE_SRC,
    TW__ISE_PRIV,
    TW__ISE_SERVICE,
    TW__ISE_STATUS,
    TW__ISE_TTY,
    TW__ISE_NCOLS
};

/* JSON keys: one comma-separated list per field. */
enum {
    TW__JK_TIME,
    TW__JK_HOST,
    TW__JK_PROGRAM,
    TW__JK_MESSAGE,
    TW__JK_USER,
    TW__JK_SRC,
    TW__JK_DST,
    TW__JK_COMMAND,
    TW__JK_MSGID,
    TW__JK_COUNT
};

struct tw_log_parser {
    tw_log_format format;
    const char *keys[TW__JK_COUNT]; /* borrowed from the options or static defaults */
    tw_buf cmd;                     /* a command put together (cmd-arg) */
    tw_buf red;                     /* the redacted command */
    tw_buf ev;                      /* the redacted evidence */
    tw_buf msg;                     /* the redacted message */
    bool have_header;               /* ISE: the header line was seen */
    int col[TW__ISE_NCOLS];         /* ISE: column of each field, -1 when absent */
};

void tw__log_rec_init(tw__log_rec *r);

/* Emits r as an event of line lineno (evidence line). */
tw_err tw__log_emit(tw_log_parser *p, const tw__log_rec *r, tw_str line, uint32_t lineno,
                    tw_factset *fs);

/* Parses a syslog line (header and body) into r; false when the line is
 * not a syslog record.  *why names the problem of a malformed one. */
bool tw__syslog_parse(tw_str line, tw__log_rec *r, const char **why);
/* True when line starts like a syslog record (detection). */
bool tw__syslog_looks(tw_str line);
/* Reads the body of a message (after the header): a Cisco "%FAC-SEV-MNEM:"
 * or Junos "UI_EVENT:" id, then the fields its text carries. */
void tw__syslog_body(tw_str body, tw__log_rec *r);
/* Stores in out[0, cap) texts of which every syslog line that yields a
 * command holds one (compared without case): taken from the extraction
 * table itself, so they follow it.  Returns how many there are. */
size_t tw__syslog_cmd_markers(const char **out, size_t cap);

tw_err tw__tacacs_line(tw_log_parser *p, const char *file, tw_str line, uint32_t lineno,
                       tw_factset *fs, tw_diags *diags, bool *parsed);
bool tw__tacacs_looks(tw_str line);
tw_err tw__ise_line(tw_log_parser *p, const char *file, tw_str line, uint32_t lineno,
                    tw_factset *fs, tw_diags *diags, bool *parsed);
bool tw__ise_looks(tw_str header);
tw_err tw__json_line(tw_log_parser *p, const char *file, tw_str line, uint32_t lineno,
                     tw_factset *fs, tw_diags *diags, bool *parsed);
/* The default key list of a JSON field (TW__JK_*). */
const char *tw__json_default_key(int which);

/* Splits one CSV record into at most max fields (quotes kept in the views;
 * tw__csv_unquote strips them); returns the count. */
size_t tw__csv_split(tw_str line, tw_str *fields, size_t max);
tw_str tw__csv_unquote(tw_str f);

#endif
