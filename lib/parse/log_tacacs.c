/*
 * log_tacacs.c: AAA accounting records: tac_plus / tac_plus-ng accounting
 * logs and Cisco ISE / ACS accounting CSV exports.
 *
 * A tac_plus record is tab-separated: time, NAS, user, tty, remote address,
 * record type (start, stop, update), then AV pairs (task_id=, service=,
 * priv-lvl=, cmd=, cmd-arg=...).  The record type is found by value, so a
 * time written over several tab fields, or none at all, still parses; the
 * four fields before it are NAS, user, tty and remote address.  tac_plus
 * writes "cmd=show running-config <cr>": the " <cr>" goes.  tac_plus-ng
 * may write the service and command as bare fields.
 *
 * An ISE / ACS export starts with a header line; columns are found by name
 * (case, spaces, '-' and '_' ignored).  A CmdSet value "[ CmdAV=show
 * CmdArgAV=run <cr> ]" becomes the command "show run".
 */
#include <string.h>

#include "parse/log_int.h"

#define MAX_FIELDS TW_LIMIT_TOKENS_PER_LINE

/* ---- tac_plus -------------------------------------------------------------- */

static size_t split_tabs(tw_str line, tw_str *f, size_t max)
{
    const char *p = line.ptr, *e = line.ptr + line.len;
    size_t n = 0;

    while (n < max) {
        const char *t = memchr(p, '\t', (size_t)(e - p));
        const char *end = t != NULL ? t : e;
        f[n++] = tw_str_make(p, (size_t)(end - p));
        if (t == NULL)
            break;
        p = t + 1;
    }
    return n;
}

static bool is_status(tw_str f)
{
    f = tw_str_trim(f);
    return tw_str_ieq_c(f, "start") || tw_str_ieq_c(f, "stop") || tw_str_ieq_c(f, "update");
}

/* Index of the record type field, at 4 or later; 0 when none. */
static size_t status_index(const tw_str *f, size_t n)
{
    for (size_t i = 4; i < n; i++) {
        if (is_status(f[i]))
            return i;
    }
    return 0;
}

/* True when line looks like a tac_plus accounting record (detection). */
bool tw__tacacs_looks(tw_str line)
{
    tw_str f[MAX_FIELDS];
    size_t n = split_tabs(line, f, MAX_FIELDS), s = status_index(f, n);

    if (s == 0)
        return false;
    for (size_t i = s + 1; i < n; i++) {
        if (memchr(f[i].ptr, '=', f[i].len) != NULL)
            return true;
    }
    return s + 1 < n;
}

/* Drops a trailing "<cr>" (tac_plus's end of command). */
static tw_str strip_cr(tw_str v)
{
    v = tw_str_trim(v);
    if (tw_str_ends_with(v, TW_STR("<cr>")))
        v.len -= 4;
    return tw_str_trim(v);
}

static bool known_service(tw_str v)
{
    static const char *const names[] = {"shell", "exec", "ppp", "arap", "slip", "tty-daemon",
                                        "connection", "system", "raccess", "junos-exec"};

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (tw_str_eq_c(v, names[i]))
            return true;
    }
    return false;
}

/* Appends an argument to the command being put together in p->cmd. */
static void add_arg(tw_log_parser *p, tw_str arg)
{
    arg = strip_cr(arg);
    if (arg.len == 0)
        return;
    if (p->cmd.len > 0)
        (void)tw_buf_addch(&p->cmd, ' ');
    (void)tw_buf_addstr(&p->cmd, arg);
}

/* One field after the record type: an AV pair or a bare tac_plus-ng one. */
static void tacacs_av(tw__log_rec *r, tw_str f, bool *args)
{
    const char *eq = memchr(f.ptr, '=', f.len);
    tw_str name, v;
    int64_t num;

    if (eq == NULL) {
        f = tw_str_trim(f);
        if (r->service.len == 0 && known_service(f))
            r->service = f;
        else if (r->command.len == 0)
            r->command = strip_cr(f);
        return;
    }
    name = tw_str_trim(tw_str_make(f.ptr, (size_t)(eq - f.ptr)));
    v = tw_str_make(eq + 1, (size_t)(f.ptr + f.len - eq - 1));
    if (tw_str_eq_c(name, "service"))
        r->service = tw_str_trim(v);
    else if (tw_str_eq_c(name, "priv-lvl") && tw_str_to_i64(tw_str_trim(v), &num))
        r->priv_lvl = num;
    else if (tw_str_eq_c(name, "cmd"))
        r->command = strip_cr(v);
    else if (tw_str_eq_c(name, "cmd-arg"))
        *args = true;
}

/* "cmd=show cmd-arg=running-config cmd-arg=<cr>": the command put
 * together in p->cmd. */
static tw_str compose_args(tw_log_parser *p, tw_str cmd, const tw_str *f, size_t n)
{
    tw_buf_reset(&p->cmd);
    add_arg(p, cmd);
    for (size_t i = 0; i < n; i++) {
        const char *eq = memchr(f[i].ptr, '=', f[i].len);
        if (eq == NULL)
            continue;
        if (tw_str_eq_c(tw_str_trim(tw_str_make(f[i].ptr, (size_t)(eq - f[i].ptr))), "cmd-arg"))
            add_arg(p, tw_str_make(eq + 1, (size_t)(f[i].ptr + f[i].len - eq - 1)));
    }
    return tw_buf_str(&p->cmd);
}

/* Parses one tac_plus accounting line. */
tw_err tw__tacacs_line(tw_log_parser *p, const char *file, tw_str line, uint32_t lineno,
                       tw_factset *fs, tw_diags *diags, bool *parsed)
{
    tw_str f[MAX_FIELDS];
    size_t n = split_tabs(line, f, MAX_FIELDS), s = status_index(f, n);
    tw__log_rec r;
    bool args = false;
    tw_err rc;

    if (s == 0) {
        (void)tw_diags_add(diags, TW_DIAG_WARNING, TW_EPARSE, file, lineno, 0, NULL,
                           "not a TACACS+ accounting record (no start, stop or update field)");
        return TW_OK;
    }
    tw__log_rec_init(&r);
    r.format = "tacacs";
    if (s > 4)
        r.time = tw_str_trim(
            tw_str_make(f[0].ptr, (size_t)(f[s - 5].ptr + f[s - 5].len - f[0].ptr)));
    r.host = tw_str_trim(f[s - 4]);
    r.user = tw_str_trim(f[s - 3]);
    r.tty = tw_str_trim(f[s - 2]);
    r.src = tw_str_trim(f[s - 1]);
    r.status = tw_str_trim(f[s]);
    for (size_t i = s + 1; i < n; i++)
        tacacs_av(&r, f[i], &args);
    if (args)
        r.command = compose_args(p, r.command, f + s + 1, n - s - 1);
    rc = tw__log_emit(p, &r, line, lineno, fs);
    *parsed = rc == TW_OK;
    return rc;
}

/* ---- CSV --------------------------------------------------------------------- */

/* Splits one CSV record (see log_int.h). */
size_t tw__csv_split(tw_str line, tw_str *fields, size_t max)
{
    const char *p = line.ptr, *e = line.ptr + line.len;
    size_t n = 0;

    while (n < max) {
        const char *b = p;
        bool quoted = false;
        while (p < e && (quoted || *p != ',')) {
            if (*p == '"')
                quoted = !quoted;
            p++;
        }
        fields[n++] = tw_str_make(b, (size_t)(p - b));
        if (p == e)
            break;
        p++;
    }
    return n;
}

/* A field without its surrounding quotes and white space ("" inside stays
 * doubled). */
tw_str tw__csv_unquote(tw_str f)
{
    f = tw_str_trim(f);
    if (f.len >= 2 && f.ptr[0] == '"' && f.ptr[f.len - 1] == '"')
        f = tw_str_make(f.ptr + 1, f.len - 2);
    return tw_str_trim(f);
}

/* ---- ISE / ACS ----------------------------------------------------------------- */

/* Column names (normalised) in order of preference for each field. */
static const struct {
    const char *name;
    int field;
} ise_cols[] = {
    {"timestamp", TW__ISE_TIME},      {"date", TW__ISE_TIME},
    {"generatedtime", TW__ISE_TIME},  {"loggedat", TW__ISE_TIME},
    {"acstimestamp", TW__ISE_TIME},   {"time", TW__ISE_TIME},
    {"username", TW__ISE_USER},       {"user", TW__ISE_USER},
    {"nasipaddress", TW__ISE_HOST},   {"deviceip", TW__ISE_HOST},
    {"networkdeviceip", TW__ISE_HOST}, {"deviceipaddress", TW__ISE_HOST},
    {"networkdevicename", TW__ISE_HOST}, {"devicename", TW__ISE_HOST},
    {"nasidentifier", TW__ISE_HOST},  {"cmdset", TW__ISE_CMD},
    {"command", TW__ISE_CMD},         {"commandset", TW__ISE_CMD},
    {"cmd", TW__ISE_CMD},             {"callingstationid", TW__ISE_SRC},
    {"remoteaddress", TW__ISE_SRC},   {"privlvl", TW__ISE_PRIV},
    {"privilegelevel", TW__ISE_PRIV}, {"service", TW__ISE_SERVICE},
    {"acctstatustype", TW__ISE_STATUS}, {"status", TW__ISE_STATUS},
    {"nasport", TW__ISE_TTY},         {"port", TW__ISE_TTY},
};

#define NCOLS (sizeof(ise_cols) / sizeof(ise_cols[0]))

/* The ise_cols index of a header name, or -1. */
static int ise_col(tw_str name)
{
    char norm[32];
    size_t n = 0;

    name = tw__csv_unquote(name);
    for (size_t i = 0; i < name.len; i++) {
        char c = name.ptr[i];
        if (c == ' ' || c == '-' || c == '_')
            continue;
        if (n + 1 >= sizeof(norm))
            return -1;
        norm[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    norm[n] = '\0';
    for (size_t k = 0; k < NCOLS; k++) {
        if (strcmp(norm, ise_cols[k].name) == 0)
            return (int)k;
    }
    return -1;
}

/* Maps the header's columns; returns how many known ones it has. */
static size_t ise_header(tw_str line, int *col)
{
    tw_str f[MAX_FIELDS];
    size_t n = tw__csv_split(line, f, MAX_FIELDS), found = 0;
    int rank[TW__ISE_NCOLS];

    for (int i = 0; i < TW__ISE_NCOLS; i++) {
        col[i] = -1;
        rank[i] = (int)NCOLS;
    }
    for (size_t i = 0; i < n; i++) {
        int k = ise_col(f[i]);
        if (k < 0 || k >= rank[ise_cols[k].field])
            continue;
        found += col[ise_cols[k].field] < 0;
        col[ise_cols[k].field] = (int)i;
        rank[ise_cols[k].field] = k;
    }
    return found;
}

/* True when header names ISE / ACS accounting columns: a device, a command
 * or a calling station, and one more. */
bool tw__ise_looks(tw_str header)
{
    int col[TW__ISE_NCOLS];
    size_t found = ise_header(header, col);

    return found >= 2 && (col[TW__ISE_HOST] >= 0 || col[TW__ISE_CMD] >= 0 ||
                          col[TW__ISE_SRC] >= 0);
}

/* "[ CmdAV=show CmdArgAV=running-config CmdArgAV=<cr> ]" into p->cmd. */
static tw_str cmdset(tw_log_parser *p, tw_str v)
{
    tw_str rest = v, t;

    if (tw_str_find(v, TW_STR("CmdAV=")) < 0)
        return strip_cr(v);
    tw_buf_reset(&p->cmd);
    for (t = tw_str_token(&rest); t.len > 0; t = tw_str_token(&rest)) {
        if (tw_str_starts_with(t, TW_STR("CmdAV=")))
            add_arg(p, tw_str_make(t.ptr + 6, t.len - 6));
        else if (tw_str_starts_with(t, TW_STR("CmdArgAV=")))
            add_arg(p, tw_str_make(t.ptr + 9, t.len - 9));
        else if (!tw_str_eq_c(t, "[") && !tw_str_eq_c(t, "]"))
            add_arg(p, t);
    }
    return tw_buf_str(&p->cmd);
}

static tw_str ise_get(const tw_log_parser *p, const tw_str *f, size_t n, int field)
{
    int c = p->col[field];

    return c >= 0 && (size_t)c < n ? tw__csv_unquote(f[c]) : TW_STR_NULL;
}

/* Parses one line of an ISE / ACS export: the first is the header. */
tw_err tw__ise_line(tw_log_parser *p, const char *file, tw_str line, uint32_t lineno,
                    tw_factset *fs, tw_diags *diags, bool *parsed)
{
    tw_str f[MAX_FIELDS];
    size_t n;
    tw__log_rec r;
    int64_t v;
    tw_err rc;

    if (!p->have_header) {
        p->have_header = true;
        if (ise_header(line, p->col) == 0)
            (void)tw_diags_add(diags, TW_DIAG_WARNING, TW_EPARSE, file, lineno, 0, NULL,
                               "no known ISE or ACS accounting column in the header");
        return TW_OK;
    }
    n = tw__csv_split(line, f, MAX_FIELDS);
    if (n < 2) {
        (void)tw_diags_add(diags, TW_DIAG_WARNING, TW_EPARSE, file, lineno, 0, NULL,
                           "not a CSV record");
        return TW_OK;
    }
    tw__log_rec_init(&r);
    r.format = "ise";
    r.time = ise_get(p, f, n, TW__ISE_TIME);
    r.user = ise_get(p, f, n, TW__ISE_USER);
    r.host = ise_get(p, f, n, TW__ISE_HOST);
    r.command = cmdset(p, ise_get(p, f, n, TW__ISE_CMD));
    r.src = ise_get(p, f, n, TW__ISE_SRC);
    r.service = ise_get(p, f, n, TW__ISE_SERVICE);
    r.status = ise_get(p, f, n, TW__ISE_STATUS);
    r.tty = ise_get(p, f, n, TW__ISE_TTY);
    if (tw_str_to_i64(ise_get(p, f, n, TW__ISE_PRIV), &v))
        r.priv_lvl = v;
    rc = tw__log_emit(p, &r, line, lineno, fs);
    *parsed = rc == TW_OK;
    return rc;
}
