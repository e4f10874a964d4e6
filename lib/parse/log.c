/*
 * log.c: log and accounting records: format names, detection, the parser
 * object, per-line dispatch, and the one place where a parsed record
 * becomes an `event` fact (docs/events.md).
 *
 * Emitting redacts the command with tw_ios_redact and splices the result
 * into the evidence (or redacts the whole line when the command is not a
 * verbatim part of it), and sweeps the line for address literals: whole
 * tokens only, so "1.1.1.1" is never found inside "11.1.1.10" and a
 * five-part dotted run is no address.  Buffers live in the parser and are
 * reused from line to line.
 */
#include <stdlib.h>
#include <string.h>

#include "parse/log_int.h"
#include "tidewatch/config.h"

#define MAX_ADDRS 16 /* address fields of one event */
#define DETECT_BYTES ((size_t)64 << 10)
#define DETECT_LINES 16

static const char *const format_names[] = {"unknown", "syslog", "tacacs", "ise", "jsonl"};

/* Static name of a format: "syslog", "tacacs", "ise", "jsonl", "unknown". */
const char *tw_log_format_name(tw_log_format f)
{
    if ((unsigned)f >= sizeof(format_names) / sizeof(format_names[0]))
        return "unknown";
    return format_names[f];
}

/* Looks a format up by name ("json" is accepted for jsonl); false when
 * unknown or "unknown". */
bool tw_log_format_parse(tw_str name, tw_log_format *out)
{
    for (unsigned i = 1; i < sizeof(format_names) / sizeof(format_names[0]); i++) {
        if (tw_str_ieq_c(name, format_names[i])) {
            *out = (tw_log_format)i;
            return true;
        }
    }
    if (tw_str_ieq_c(name, "json")) {
        *out = TW_LOG_JSONL;
        return true;
    }
    return false;
}

/* True for ISE CSV, whose first line is the header. */
bool tw_log_has_header(tw_log_format f)
{
    return f == TW_LOG_ISE;
}

bool tw_log_command_markers(tw_log_format f, const char **out, size_t cap, size_t *n)
{
    *n = f == TW_LOG_SYSLOG ? tw__syslog_cmd_markers(out, cap) : 0;
    return f == TW_LOG_SYSLOG && *n <= cap;
}

/* ---- detection ---------------------------------------------------------- */

/* Drops a UTF-8 BOM and surrounding white space. */
static tw_str clean(tw_str s)
{
    if (s.len >= 3 && memcmp(s.ptr, "\xEF\xBB\xBF", 3) == 0)
        s = tw_str_make(s.ptr + 3, s.len - 3);
    return tw_str_trim(s);
}

static tw_log_format classify(tw_str line)
{
    if (line.ptr[0] == '{')
        return TW_LOG_JSONL;
    if (tw__tacacs_looks(line))
        return TW_LOG_TACACS;
    if (tw__syslog_looks(line))
        return TW_LOG_SYSLOG;
    return TW_LOG_UNKNOWN;
}

/* Guesses the format from the first non-empty lines (at most 64 KiB): an
 * ISE header on the first line decides; otherwise the format most of the
 * first lines have, when they are at least half of them. */
tw_log_format tw_log_detect(const char *data, size_t len)
{
    tw_str rest = tw_str_make(data, len < DETECT_BYTES ? len : DETECT_BYTES), line;
    unsigned votes[5] = {0}, n = 0, best = 0;

    while (n < DETECT_LINES && tw_str_line(&rest, &line)) {
        line = clean(line);
        if (line.len == 0)
            continue;
        if (n == 0 && tw__ise_looks(line))
            return TW_LOG_ISE;
        votes[classify(line)]++;
        n++;
    }
    for (unsigned f = 1; f < 5; f++) {
        if (votes[f] > votes[best])
            best = f;
    }
    if (best == 0 || votes[best] * 2 < n)
        return TW_LOG_UNKNOWN;
    return (tw_log_format)best;
}

/* ---- the parser object ------------------------------------------------- */

/* A parser for format f; opts (may be NULL) is borrowed and must outlive
 * the parser.  NULL on ENOMEM or for TW_LOG_UNKNOWN. */
tw_log_parser *tw_log_parser_new(tw_log_format f, const tw_log_opts *opts)
{
    tw_log_parser *p;
    tw_log_opts none;

    if (f == TW_LOG_UNKNOWN || (unsigned)f >= sizeof(format_names) / sizeof(format_names[0]))
        return NULL;
    p = calloc(1, sizeof(*p));
    if (p == NULL)
        return NULL;
    p->format = f;
    memset(&none, 0, sizeof(none));
    if (opts == NULL)
        opts = &none;
    const char *given[TW__JK_COUNT] = {opts->time, opts->host, opts->program,
                                       opts->message, opts->user, opts->src,
                                       opts->dst, opts->command, opts->msgid};
    for (int i = 0; i < TW__JK_COUNT; i++)
        p->keys[i] = given[i] != NULL ? given[i] : tw__json_default_key(i);
    for (int i = 0; i < TW__ISE_NCOLS; i++)
        p->col[i] = -1;
    tw_buf_init(&p->cmd, TW_LIMIT_LINE_LEN);
    tw_buf_init(&p->red, 2 * TW_LIMIT_LINE_LEN);
    tw_buf_init(&p->ev, 2 * TW_LIMIT_LINE_LEN);
    tw_buf_init(&p->msg, 2 * TW_LIMIT_LINE_LEN);
    return p;
}

/* Frees p; NULL is accepted. */
void tw_log_parser_free(tw_log_parser *p)
{
    if (p == NULL)
        return;
    tw_buf_release(&p->cmd);
    tw_buf_release(&p->red);
    tw_buf_release(&p->ev);
    tw_buf_release(&p->msg);
    free(p);
}

static tw_err syslog_line(tw_log_parser *p, const char *file, tw_str line, uint32_t lineno,
                          tw_factset *fs, tw_diags *diags, bool *parsed)
{
    tw__log_rec r;
    const char *why = NULL;
    tw_err rc;

    if (!tw__syslog_parse(line, &r, &why)) {
        (void)tw_diags_add(diags, TW_DIAG_WARNING, TW_EPARSE, file, lineno, 0, NULL, "%s",
                           why != NULL ? why : "not a syslog record");
        return TW_OK;
    }
    if (why != NULL)
        (void)tw_diags_add(diags, TW_DIAG_WARNING, TW_EPARSE, file, lineno, 0, NULL, "%s", why);
    rc = tw__log_emit(p, &r, line, lineno, fs);
    *parsed = rc == TW_OK;
    return rc;
}

/* Parses one line into at most one event (see log.h).  A CR before the end
 * and a UTF-8 BOM are dropped; a blank line is no record; a line longer
 * than TW_LIMIT_LINE_LEN is skipped with a warning. */
tw_err tw_log_parser_line(tw_log_parser *p, const char *file, tw_str line, uint32_t lineno,
                          tw_factset *fs, tw_diags *diags, bool *parsed)
{
    *parsed = false;
    if (line.len > TW_LIMIT_LINE_LEN) {
        (void)tw_diags_add(diags, TW_DIAG_WARNING, TW_ELIMIT, file, lineno, 0, NULL,
                           "line longer than %zu bytes skipped", TW_LIMIT_LINE_LEN);
        return TW_OK;
    }
    while (line.len > 0 && (line.ptr[line.len - 1] == '\r' || line.ptr[line.len - 1] == '\n'))
        line.len--;
    if (line.len >= 3 && memcmp(line.ptr, "\xEF\xBB\xBF", 3) == 0)
        line = tw_str_make(line.ptr + 3, line.len - 3);
    if (tw_str_trim(line).len == 0)
        return TW_OK;
    switch (p->format) {
    case TW_LOG_SYSLOG:
        return syslog_line(p, file, line, lineno, fs, diags, parsed);
    case TW_LOG_TACACS:
        return tw__tacacs_line(p, file, line, lineno, fs, diags, parsed);
    case TW_LOG_ISE:
        return tw__ise_line(p, file, line, lineno, fs, diags, parsed);
    case TW_LOG_JSONL:
        return tw__json_line(p, file, line, lineno, fs, diags, parsed);
    default:
        return TW_EINVAL;
    }
}

/* ---- emitting ------------------------------------------------------------ */

void tw__log_rec_init(tw__log_rec *r)
{
    memset(r, 0, sizeof(*r));
    r->time = r->host = r->relay = r->program = r->msgid = r->message = TW_STR_NULL;
    r->user = r->command = r->service = r->status = r->tty = TW_STR_NULL;
    r->src = r->dst = TW_STR_NULL;
    r->pid = r->facility = r->severity = TW__LOG_NONE;
    r->src_port = r->dst_port = r->priv_lvl = TW__LOG_NONE;
}

static bool inside(tw_str outer, tw_str s)
{
    return s.ptr >= outer.ptr && s.ptr + s.len <= outer.ptr + outer.len;
}

/* The redacted command, evidence and message of one record. */
typedef struct {
    tw_str cmd, ev, msg;
} redacted;

/* Splices the redacted command into the evidence: the command is a
 * verbatim part of line. */
static void splice(tw_log_parser *p, tw_str line, tw_str command, tw_str message, redacted *o)
{
    size_t at = (size_t)(command.ptr - line.ptr), after = at + command.len;

    tw_buf_reset(&p->ev);
    if (tw_buf_add(&p->ev, line.ptr, at) != TW_OK || tw_buf_addstr(&p->ev, o->cmd) != TW_OK ||
        tw_buf_add(&p->ev, line.ptr + after, line.len - after) != TW_OK) {
        tw_buf_reset(&p->ev);
        o->msg = TW_STR_NULL;
    }
    o->ev = tw_buf_str(&p->ev);
    if (inside(line, message) && command.ptr >= message.ptr &&
        command.ptr + command.len <= message.ptr + message.len && p->ev.len > 0) {
        size_t m = (size_t)(message.ptr - line.ptr);
        o->msg = tw_str_make(p->ev.ptr + m, message.len - command.len + o->cmd.len);
    } else if (message.len > 0) {
        o->msg = tw_ios_redact(message, &p->msg) ? tw_buf_str(&p->msg) : message;
    }
}

/* Redacts the command of a record, and the evidence and message with it:
 * by splicing when the command is a verbatim part of the line, else by
 * redacting them whole (a JSON string, a command put together). */
static void redact(tw_log_parser *p, tw_str command, tw_str line, tw_str message, redacted *o)
{
    bool changed;

    o->cmd = command;
    o->ev = line;
    o->msg = message;
    if (command.len == 0)
        return;
    changed = tw_ios_redact(command, &p->red);
    if (changed)
        o->cmd = tw_buf_str(&p->red);
    if (inside(line, command)) {
        if (changed)
            splice(p, line, command, message, o);
        return;
    }
    if (tw_ios_redact(line, &p->ev))
        o->ev = tw_buf_str(&p->ev);
    if (message.len > 0 && tw_ios_redact(message, &p->msg))
        o->msg = tw_buf_str(&p->msg);
}

static void add_str(tw_factset *fs, const char *name, tw_str v)
{
    if (v.len > 0)
        tw_factset_str(fs, name, v);
}

static void add_num(tw_factset *fs, const char *name, int64_t v)
{
    if (v != TW__LOG_NONE)
        tw_factset_num(fs, name, v);
}

static void add_addr(tw_factset *fs, const char *name, tw_str v)
{
    tw_cidr c;

    if (v.len > 0 && tw_cidr_parse(v, 0, &c) == TW_OK)
        tw_factset_addr(fs, name, &c);
}

static bool addr_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
           c == '.' || c == ':';
}

static bool word_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           c == '_';
}

/* Parses a run of address characters as an address; a trailing ":port"
 * (IPv4 or Junos IPv6 "addr:port") is dropped when the whole does not
 * parse. */
static bool run_addr(tw_str run, tw_ip *ip)
{
    size_t k = run.len;

    if (tw_ip_parse(run, 0, ip) == TW_OK)
        return true;
    while (k > 0 && run.ptr[k - 1] >= '0' && run.ptr[k - 1] <= '9')
        k--;
    if (k < 2 || k == run.len || run.ptr[k - 1] != ':' || run.ptr[k - 2] == ':')
        return false;
    return tw_ip_parse(tw_str_make(run.ptr, k - 1), 0, ip) == TW_OK;
}

/* Trims a run found at [b, e) of s to a candidate: leading single colons
 * ("ip:1.2.3.4"), trailing dots and a trailing single colon go. */
static tw_str trim_run(const char *b, const char *e)
{
    while (e - b >= 2 && b[0] == ':' && b[1] != ':')
        b++;
    while (e > b && e[-1] == '.')
        e--;
    if (e - b >= 2 && e[-1] == ':' && e[-2] != ':')
        e--;
    return tw_str_make(b, (size_t)(e - b));
}

static bool has_digit(tw_str s)
{
    for (size_t i = 0; i < s.len; i++) {
        if (s.ptr[i] >= '0' && s.ptr[i] <= '9')
            return true;
    }
    return false;
}

/* Adds an `address` field for every whole address literal of line. */
static void sweep(tw_factset *fs, tw_str line)
{
    const char *c = line.ptr, *end = line.ptr + line.len;
    tw_ip seen[MAX_ADDRS];
    size_t n = 0;

    while (c < end && n < MAX_ADDRS) {
        const char *b = c;
        tw_str run;
        tw_ip ip;
        bool dup = false;
        while (c < end && addr_char(*c))
            c++;
        if (c == b) {
            c++;
            continue;
        }
        run = trim_run(b, c);
        if (run.len < 2 || !has_digit(run) ||
            (run.ptr > line.ptr && (word_char(run.ptr[-1]) || run.ptr[-1] == '.')) ||
            (c < end && word_char(*c)) || !run_addr(run, &ip))
            continue;
        for (size_t i = 0; i < n && !dup; i++)
            dup = tw_ip_eq(&seen[i], &ip);
        if (dup)
            continue;
        seen[n++] = ip;
        tw_cidr host = tw_cidr_host(&ip);
        tw_factset_addr(fs, "address", &host);
    }
}

/* Builds the event fact of r (see log_int.h). */
tw_err tw__log_emit(tw_log_parser *p, const tw__log_rec *r, tw_str line, uint32_t lineno,
                    tw_factset *fs)
{
    redacted o;

    redact(p, tw_str_trim(r->command), line, tw_str_trim(r->message), &o);
    tw_factset_begin(fs, TW_FACT_EVENT, lineno, o.ev, TW_STR_NULL);
    add_str(fs, "format", tw_str_c(r->format));
    add_str(fs, "time", r->time);
    add_str(fs, "host", r->host);
    add_str(fs, "relay", r->relay);
    add_str(fs, "program", r->program);
    add_num(fs, "pid", r->pid);
    add_num(fs, "facility", r->facility);
    add_num(fs, "severity", r->severity);
    add_str(fs, "msgid", r->msgid);
    add_str(fs, "message", o.msg);
    add_str(fs, "user", r->user);
    add_addr(fs, "src", r->src);
    add_num(fs, "src_port", r->src_port);
    add_addr(fs, "dst", r->dst);
    add_num(fs, "dst_port", r->dst_port);
    add_str(fs, "command", o.cmd);
    add_str(fs, "service", r->service);
    add_num(fs, "priv_lvl", r->priv_lvl);
    add_str(fs, "status", r->status);
    add_str(fs, "tty", r->tty);
    sweep(fs, line);
    return tw_factset_end(fs);
}
