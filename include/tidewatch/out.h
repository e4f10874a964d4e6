/*
 * out.h: writers that render findings, and the escaping they share.
 *
 * A writer renders findings to a sink callback given by the caller (the
 * library never writes to the user itself).  Evidence is escaped for the
 * sink: JSON strings are escaped, CSV cells that start with = + - @ (or tab,
 * CR) are neutralised, terminal output has control sequences replaced.
 * A writer belongs to one thread.
 */
#ifndef TIDEWATCH_OUT_H
#define TIDEWATCH_OUT_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "finding.h"
#include "rules.h"

typedef enum { TW_FMT_TEXT, TW_FMT_JSONL, TW_FMT_SARIF, TW_FMT_CSV, TW_FMT_HTML } tw_format;

const char *tw_format_name(tw_format f);
bool tw_format_parse(tw_str name, tw_format *out);

/* Sink: writes len bytes; returns TW_OK or TW_EIO. */
typedef tw_err (*tw_write_fn)(void *ud, const char *data, size_t len);

/* What `tidewatch scan` read, for the HTML report's "Evidence" section
 * (other formats ignore it): its summary line of files by kind and devices
 * seen, and every file it did not read with the reason.  Strings are
 * evidence (paths) and are escaped by the writer. */
typedef struct {
    const char *path;
    const char *reason;
} tw_unread_file;

typedef struct {
    const char *files_line; /* "32 files: 26 configurations, ...; 30 devices seen, ..." */
    const tw_unread_file *unread;
    size_t nunread;
} tw_evidence_summary;

/* Rows of the files-not-read table of the HTML report; the rest are
 * counted in one line. */
#define TW_EVIDENCE_UNREAD_ROWS 200

typedef struct {
    tw_format format;
    tw_write_fn write;
    void *ud;
    bool color;               /* text only: ANSI colour */
    const char *tool_version; /* "0.1.0" */
    const tw_ruleset *rules;  /* SARIF rule metadata; may be NULL */
    /* Added by out: SARIF tool.driver.informationUri (the project's home
     * page); omitted when NULL. */
    const char *info_uri;
    /* Added by scan: the evidence read (HTML only); may be NULL.  Must
     * outlive the writer. */
    const tw_evidence_summary *evidence;
} tw_writer_opts;

typedef struct tw_writer tw_writer;

/* Creates a writer; NULL on ENOMEM.  opts is copied. */
/* Added by out: also NULL for an unknown format or a NULL opts->write.
 * Lifetime: a finding's strings must stay valid until tw_writer_finish
 * returns (the caller's contract; today every writer copies what it keeps,
 * SARIF included, so strings need only outlive tw_writer_add, but callers
 * must not rely on that).  opts->rules, opts->tool_version and
 * opts->info_uri must outlive the writer.  Errors stick: after a failure (TW_EIO from the sink,
 * TW_ELIMIT, TW_ENOMEM) add and finish return it again.  add after finish,
 * or finish twice, is TW_EINVAL.  See docs/output.md for each format. */
tw_writer *tw_writer_new(const tw_writer_opts *opts);
/* Sets opts->evidence after the writer was made (before finish). */
void tw_writer_set_evidence(tw_writer *w, const tw_evidence_summary *e);
/* Renders one finding (SARIF and CSV may hold back until finish). */
tw_err tw_writer_add(tw_writer *w, const tw_finding *f);
/* Ends the document (SARIF's closing brackets, the text summary line). */
tw_err tw_writer_finish(tw_writer *w);
void tw_writer_free(tw_writer *w);

/* Escaping shared by the writers. */
/* Appends s as the inside of a JSON string: quotes, backslash and control
 * characters escaped, invalid UTF-8 replaced by U+FFFD. */
/* Added by out: DEL and C1 controls, '<' '>' '&' and U+2028/U+2029 are
 * written as \uXXXX too, so the JSON can be embedded in HTML or a script. */
tw_err tw_json_escape(tw_buf *b, tw_str s);
/* Appends s as one CSV cell (RFC 4180 quoting); a cell starting with
 * = + - @ TAB CR gets a leading apostrophe. */
/* Added by out: controls other than TAB, CR, LF, and invalid UTF-8 bytes
 * become \xNN text as in tw_term_escape, so the file is inert on a
 * terminal too. */
tw_err tw_csv_cell(tw_buf *b, tw_str s);
/* Appends s for a terminal: C0/C1 controls and ESC sequences become
 * visible \xNN escapes; invalid UTF-8 bytes too. */
tw_err tw_term_escape(tw_buf *b, tw_str s);
/* Appends s as HTML text, safe in element content and in quoted attribute
 * values: & < > " ' become character references; C0 controls but TAB and
 * LF (ESC included), DEL, C1 controls, the bidirectional overrides and
 * invalid UTF-8 bytes become the visible text \xNN of their bytes, as in
 * tw_term_escape.  TW_ELIMIT/TW_ENOMEM from the buffer; thread-safe. */
tw_err tw_html_escape(tw_buf *b, tw_str s);

#endif
