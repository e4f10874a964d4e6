/*
 * log_syslog.c: syslog lines: RFC 3164 and RFC 5424 headers, relay
 * prefixes, and the bodies of Cisco IOS / IOS XE / NX-OS / IOS XR / EOS,
 * ASA, Junos and Linux sshd / auth messages.
 *
 * The RFC 3164 header is read as a short sequence of items, in any order a
 * device or a relay writes them: <PRI>, timestamps (BSD "Mmm dd hh:mm:ss",
 * with a "*" or "." clock marker, milliseconds, a year, a time zone; ISO
 * 8601; NX-OS "yyyy Mmm dd"), Cisco sequence numbers ("521:"), host names
 * ("router1" or "router1:"), an IOS XR node ("RP/0/RSP0/CPU0:"), and last a
 * program tag ("sshd[42]:") or a "%FAC-SEV-MNEMONIC:" id.  A second
 * timestamp after a host means the host was a relay: the device is the
 * innermost host.  The body's fields come from a table of literal
 * patterns, some tied to a message id or program, the rest generic.
 */
#include <string.h>

#include "parse/log_int.h"

#define MAX_ITEMS 12 /* header items looked at */

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_upper(char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

static const char *skip_sp(const char *p, const char *e)
{
    while (p < e && is_space(*p))
        p++;
    return p;
}

static size_t digits_at(const char *p, const char *e, size_t max)
{
    size_t n = 0;

    while (p + n < e && n < max && is_digit(p[n]))
        n++;
    return n;
}

static int64_t to_num(const char *p, size_t n)
{
    int64_t v = 0;

    for (size_t i = 0; i < n; i++)
        v = v * 10 + (p[i] - '0');
    return v;
}

/* ---- timestamps ----------------------------------------------------------- */

static bool month_at(const char *p, const char *e)
{
    static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";

    if (e - p < 4 || p[3] != ' ')
        return false;
    for (int i = 0; i < 12; i++) {
        if (memcmp(p, months + 3 * i, 3) == 0)
            return true;
    }
    return false;
}

/* "h:mm:ss[.fff]" or "hh:mm:ss[.fff]": its length, 0 when absent. */
static size_t clock_at(const char *p, const char *e)
{
    size_t n = digits_at(p, e, 2), f;

    if (n == 0 || p + n + 6 > e || p[n] != ':' || digits_at(p + n + 1, e, 2) != 2 ||
        p[n + 3] != ':' || digits_at(p + n + 4, e, 2) != 2)
        return 0;
    n += 6;
    if (p + n < e && p[n] == '.') {
        f = digits_at(p + n + 1, e, 9);
        n += f > 0 ? f + 1 : 0;
    }
    return n;
}

/* "Mmm dd [yyyy] hh:mm:ss[.fff]". */
static size_t bsd_at(const char *p, const char *e)
{
    const char *c, *y;
    size_t d, k;

    if (!month_at(p, e))
        return 0;
    c = skip_sp(p + 4, e);
    d = digits_at(c, e, 2);
    if (d == 0 || c + d >= e || c[d] != ' ')
        return 0;
    c = skip_sp(c + d, e);
    y = c;
    if (digits_at(y, e, 5) == 4 && y + 4 < e && y[4] == ' ')
        c = skip_sp(y + 4, e);
    k = clock_at(c, e);
    return k == 0 ? 0 : (size_t)(c + k - p);
}

/* NX-OS "yyyy Mmm dd hh:mm:ss". */
static size_t nxos_at(const char *p, const char *e)
{
    size_t n;

    if (digits_at(p, e, 5) != 4 || p + 5 >= e || p[4] != ' ')
        return 0;
    n = bsd_at(p + 5, e);
    return n == 0 ? 0 : n + 5;
}

/* ISO 8601 "yyyy-mm-ddThh:mm:ss[.f][Z|+hh:mm]". */
static size_t iso_at(const char *p, const char *e)
{
    size_t n;

    if (e - p < 19 || digits_at(p, e, 4) != 4 || p[4] != '-' || digits_at(p + 5, e, 2) != 2 ||
        p[7] != '-' || digits_at(p + 8, e, 2) != 2 || (p[10] != 'T' && p[10] != 't'))
        return 0;
    n = clock_at(p + 11, e);
    if (n == 0)
        return 0;
    n += 11;
    if (p + n < e && (p[n] == 'Z' || p[n] == 'z'))
        return n + 1;
    if (p + n < e && (p[n] == '+' || p[n] == '-') && digits_at(p + n + 1, e, 2) == 2) {
        n += 3;
        if (p + n < e && p[n] == ':')
            n++;
        n += digits_at(p + n, e, 2);
    }
    return n;
}

/* A time zone after a clock: "UTC", "GMT", or 2 to 6 capitals (letters,
 * digits, '+', '-' after the first) right before a ':'. */
static size_t zone_at(const char *p, const char *e)
{
    size_t n = 0;

    while (p + n < e && n < 7 &&
           (is_upper(p[n]) || (n > 0 && (is_digit(p[n]) || p[n] == '+' || p[n] == '-'))))
        n++;
    if (n >= 2 && n <= 6 && p + n < e && p[n] == ':')
        return n;
    if (n == 3 && (memcmp(p, "UTC", 3) == 0 || memcmp(p, "GMT", 3) == 0) &&
        (p + n == e || p[n] == ' '))
        return n;
    return 0;
}

/* A timestamp at p with its marker, zone and trailing colon; sets *time to
 * the text without marker and colon.  Returns the bytes consumed. */
static size_t stamp_at(const char *p, const char *e, tw_str *time)
{
    const char *b = p, *c;
    size_t n, z;

    if (p < e && (*p == '*' || *p == '.'))
        p++;
    n = bsd_at(p, e);
    if (n == 0)
        n = iso_at(p, e);
    if (n == 0)
        n = nxos_at(p, e);
    if (n == 0)
        return 0;
    c = p + n;
    if (c + 1 < e && *c == ' ') {
        z = zone_at(c + 1, e);
        c += z > 0 ? z + 1 : 0;
    }
    *time = tw_str_make(p, (size_t)(c - p));
    if (c < e && *c == ':')
        c++;
    else if (c + 1 < e && c[0] == ' ' && c[1] == ':' && (c + 2 == e || c[2] == ' '))
        c += 2;
    return (size_t)(c - b);
}

/* ---- message ids ---------------------------------------------------------- */

/* "%FAC-[SUB-]SEV-MNEMONIC" at p ('%'): the id's length without '%' and its
 * severity, or 0 when it is not one. */
static size_t cisco_id_at(const char *p, const char *e, int64_t *sev)
{
    size_t n = 0, parts = 1;
    const char *q = p + 1;

    *sev = TW__LOG_NONE;
    while (q + n < e && (is_upper(q[n]) || is_digit(q[n]) || q[n] == '_' || q[n] == '-' ||
                         (q[n] >= 'a' && q[n] <= 'z'))) {
        if (q[n] == '-') {
            parts++;
            if (q + n + 2 < e && is_digit(q[n + 1]) && q[n + 2] == '-' && *sev == TW__LOG_NONE &&
                q[n + 1] <= '7')
                *sev = q[n + 1] - '0';
        }
        n++;
    }
    if (n == 0 || parts < 3 || *sev == TW__LOG_NONE || !is_upper(q[0]))
        return 0;
    return n;
}

/* A Junos-style id "UI_CMDLINE_READ_LINE:" (capitals, digits, '_', one '_'
 * at least) at p: its length, 0 when absent. */
static size_t junos_id_at(const char *p, const char *e)
{
    size_t n = 0;
    bool under = false;

    while (p + n < e && (is_upper(p[n]) || is_digit(p[n]) || p[n] == '_')) {
        under = under || p[n] == '_';
        n++;
    }
    if (n < 3 || !under || !is_upper(p[0]) || p + n >= e || p[n] != ':')
        return 0;
    return n;
}

/* ---- body fields ------------------------------------------------------------ */

enum { F_USER, F_SRC, F_DST, F_SPORT, F_DPORT, F_CMD, F_TTY };
enum {
    K_TOK,   /* a token: up to white space , ; ) ( ] ' " */
    K_USER,  /* a token; a line name ("vty0", "console") goes to tty instead */
    K_QUOTE, /* up to the quote that ends the literal */
    K_QLAST, /* up to the last quote of the message */
    K_REST,  /* the rest of the message */
    K_ADDR,  /* an address, "iface:" skipped, with "/port", ":port", " port N" */
    K_NUM,   /* a number */
    K_CONN,  /* Junos "A P B Q'" */
};

typedef struct {
    const char *msgid;   /* suffix of the message id; NULL: any */
    const char *program; /* exact program; NULL: any */
    const char *lit;     /* "" matches at the start only */
    uint8_t field, kind;
} xpat;

static const xpat pats[] = {
    /* Cisco IOS / IOS XE / NX-OS / IOS XR / EOS */
    {"CFGLOG_LOGGEDCMD", NULL, "User:", F_USER, K_TOK},
    {"CFGLOG_LOGGEDCMD", NULL, "logged command:", F_CMD, K_REST},
    {"-CONFIG_P", NULL, " as ", F_USER, K_TOK},
    {"VSHD_SYSLOG_CONFIG_I", NULL, " by ", F_USER, K_USER},
    {"VSHD_SYSLOG_CONFIG_I", NULL, " on ", F_SRC, K_ADDR},
    {"VSHD_SYSLOG_CONFIG_I", NULL, "@", F_TTY, K_TOK},
    {"-CONFIG_I", NULL, " by ", F_USER, K_USER},
    {"-CONFIG_E", NULL, " by ", F_USER, K_USER},
    {"-CONFIG_STARTUP", NULL, " by ", F_USER, K_USER},
    {"-CONFIG_", NULL, " on ", F_TTY, K_TOK},
    {"-CONFIG_", NULL, "(", F_SRC, K_ADDR},
    {"LOGGINGHOST_STARTSTOP", NULL, "host ", F_DST, K_ADDR},
    {"RUN_LOGIN", NULL, "User ", F_USER, K_TOK},
    {"-LOGOUT", NULL, "User ", F_USER, K_TOK},
    {"-LOGOUT", NULL, "(", F_SRC, K_ADDR},
    {"HA_EM-6-LOG", NULL, ": ", F_CMD, K_REST},
    /* ASA */
    {"-302013", NULL, "for ", F_SRC, K_ADDR},
    {"-302013", NULL, " to ", F_DST, K_ADDR},
    {"-302014", NULL, "for ", F_SRC, K_ADDR},
    {"-302014", NULL, " to ", F_DST, K_ADDR},
    {"-302015", NULL, "for ", F_SRC, K_ADDR},
    {"-302015", NULL, " to ", F_DST, K_ADDR},
    {"-302016", NULL, "for ", F_SRC, K_ADDR},
    {"-302016", NULL, " to ", F_DST, K_ADDR},
    {"-106023", NULL, " src ", F_SRC, K_ADDR},
    {"-106023", NULL, " dst ", F_DST, K_ADDR},
    {"-60500", NULL, " to ", F_DST, K_ADDR},
    {"-111008", NULL, "executed the '", F_CMD, K_QLAST},
    {"-111009", NULL, "executed cmd: ", F_CMD, K_REST},
    {"-111010", NULL, "executed '", F_CMD, K_QLAST},
    {"-111010", NULL, "from IP ", F_SRC, K_ADDR},
    {"ASA-", NULL, "user IP = ", F_SRC, K_ADDR},
    {"ASA-", NULL, "IP address: ", F_SRC, K_ADDR},
    {"ASA-", NULL, "Uname: ", F_USER, K_TOK},
    /* Junos */
    {"UI_CMDLINE_READ_LINE", NULL, "command '", F_CMD, K_QLAST},
    {"UI_LOGIN_EVENT", NULL, "-connection '", F_SRC, K_CONN},
    /* Linux */
    {NULL, "sudo", "", F_USER, K_TOK},
    {NULL, "sudo", "COMMAND=", F_CMD, K_REST},
    {NULL, "useradd", "name=", F_USER, K_TOK},
    {NULL, "sshd", "for invalid user ", F_USER, K_TOK},
    {NULL, "sshd", "Invalid user ", F_USER, K_TOK},
    {NULL, "sshd", "authenticating user ", F_USER, K_TOK},
    {NULL, "sshd", "from user ", F_USER, K_TOK},
    /* any message */
    {NULL, NULL, "[user: ", F_USER, K_TOK},
    {NULL, NULL, "[Source: ", F_SRC, K_ADDR},
    {NULL, NULL, "[localport: ", F_DPORT, K_NUM},
    {NULL, NULL, "User '", F_USER, K_QUOTE},
    {NULL, NULL, "user '", F_USER, K_QUOTE},
    {NULL, NULL, "user \"", F_USER, K_QUOTE},
    {NULL, NULL, "User:", F_USER, K_TOK},
    {NULL, NULL, "for user ", F_USER, K_TOK},
    {NULL, NULL, "user = ", F_USER, K_TOK},
    {NULL, NULL, "host '", F_SRC, K_ADDR},
    {NULL, NULL, " from ", F_SRC, K_ADDR},
    {NULL, NULL, "[Destination: ", F_DST, K_ADDR},
    {NULL, "sshd", " for ", F_USER, K_TOK}, /* "Accepted password for X from" */
};

/* The extraction state of one body. */
typedef struct {
    tw__log_rec *r;
    tw_str msg;
} xstate;

static bool tok_end(char c)
{
    return c == ' ' || c == '\t' || c == ',' || c == ';' || c == ')' || c == '(' || c == ']' ||
           c == '\'' || c == '"';
}

static tw_str take_tok(const char *p, const char *e)
{
    const char *b = p;

    while (p < e && !tok_end(*p))
        p++;
    while (p > b && (p[-1] == '.' || p[-1] == ':'))
        p--;
    return tw_str_make(b, (size_t)(p - b));
}

/* A line name: console, con0, vty0, tty2, aux0. */
static bool line_name(tw_str t)
{
    static const char *const names[] = {"console", "con", "vty", "tty", "aux"};

    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        size_t n = strlen(names[i]), k = n;
        if (t.len < n || memcmp(t.ptr, names[i], n) != 0)
            continue;
        while (k < t.len && is_digit(t.ptr[k]))
            k++;
        if (k == t.len)
            return true;
    }
    return false;
}

static bool addr_char(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.' ||
           c == ':';
}

/* A well-known service name as a port (ASA "10.1.1.1/ssh"). */
static int64_t service_port(tw_str t)
{
    static const struct {
        const char *name;
        int port;
    } svc[] = {{"ssh", 22}, {"telnet", 23}, {"http", 80}, {"https", 443}, {"ftp", 21}};
    int64_t v;

    if (tw_str_to_i64(t, &v) && v >= 0 && v <= 65535)
        return v;
    for (size_t i = 0; i < sizeof(svc) / sizeof(svc[0]); i++) {
        if (tw_str_eq_c(t, svc[i].name))
            return svc[i].port;
    }
    return TW__LOG_NONE;
}

/* The port after an address at p: "/P", ":P" (IPv4), "(P)" or " port P". */
static int64_t port_after(const char *p, const char *e, bool v4)
{
    size_t n;

    if (p < e && (*p == '/' || (*p == ':' && v4)))
        return service_port(take_tok(p + 1, e));
    if (e - p > 6 && memcmp(p, " port ", 6) == 0) {
        n = digits_at(p + 6, e, 5);
        return n > 0 ? to_num(p + 6, n) : TW__LOG_NONE;
    }
    return TW__LOG_NONE;
}

static bool all_addr_chars(const char *b, const char *e)
{
    for (; b < e; b++) {
        if (!addr_char(*b))
            return false;
    }
    return true;
}

/* An address at p ("iface:" and one quote or bracket skipped); sets *port
 * when a port follows ("/P", ":P" after IPv4, " port P").  False when p
 * holds none. */
static bool take_addr(const char *p, const char *e, tw_str *addr, int64_t *port)
{
    const char *b = p, *c;
    tw_ip ip;

    if (b < e && (*b == '\'' || *b == '"' || *b == '[' || *b == '('))
        b++;
    for (c = b; c < e && !tok_end(*c) && *c != ':' && *c != '/'; c++) {
    }
    if (c < e && *c == ':' && !all_addr_chars(b, c))
        b = c + 1;
    for (c = b; c < e && addr_char(*c); c++) {
    }
    while (c > b && (c[-1] == '.' || (c[-1] == ':' && (c - b < 2 || c[-2] != ':'))))
        c--;
    *addr = tw_str_make(b, (size_t)(c - b));
    if (tw_ip_parse(*addr, 0, &ip) != TW_OK) {
        const char *k = c;
        while (k > b && k[-1] != ':')
            k--;
        if (k <= b + 1 || k[-2] == ':')
            return false;
        *addr = tw_str_make(b, (size_t)(k - 1 - b));
        if (tw_ip_parse(*addr, 0, &ip) != TW_OK)
            return false;
        c = k - 1;
    }
    *port = port_after(c, e, ip.family == 4);
    return true;
}

static tw_str *field_str(tw__log_rec *r, int field)
{
    switch (field) {
    case F_USER:
        return &r->user;
    case F_SRC:
        return &r->src;
    case F_DST:
        return &r->dst;
    case F_CMD:
        return &r->command;
    default:
        return &r->tty;
    }
}

static bool field_set(const tw__log_rec *r, int field)
{
    if (field == F_SPORT)
        return r->src_port != TW__LOG_NONE;
    if (field == F_DPORT)
        return r->dst_port != TW__LOG_NONE;
    return field_str((tw__log_rec *)r, field)->len > 0;
}

/* Junos "ssh-connection 'A P B Q'". */
static bool take_conn(xstate *x, const char *p, const char *e)
{
    tw_str rest = tw_str_make(p, (size_t)(e - p)), t[4];
    int64_t v;

    for (int i = 0; i < 4; i++)
        t[i] = tw_str_token(&rest);
    t[3].len = digits_at(t[3].ptr, t[3].ptr + t[3].len, 5);
    x->r->src = t[0];
    x->r->dst = t[2];
    if (tw_str_to_i64(t[1], &v))
        x->r->src_port = v;
    if (tw_str_to_i64(t[3], &v))
        x->r->dst_port = v;
    return t[0].len > 0;
}

/* Applies one pattern whose literal ends at p; true when it set the field. */
static bool take(xstate *x, const xpat *pt, const char *p, const char *e)
{
    tw__log_rec *r = x->r;
    tw_str v = TW_STR_NULL;
    const char *q;
    int64_t port = TW__LOG_NONE;
    size_t n;

    switch (pt->kind) {
    case K_TOK:
    case K_USER:
        v = take_tok(skip_sp(p, e), e);
        if (pt->kind == K_USER && line_name(v)) {
            if (r->tty.len == 0)
                r->tty = v;
            return true;
        }
        break;
    case K_QUOTE:
        for (q = p; q < e && *q != pt->lit[strlen(pt->lit) - 1]; q++) {
        }
        v = tw_str_make(p, (size_t)(q - p));
        break;
    case K_QLAST:
        for (q = e; q > p && q[-1] != '\''; q--) {
        }
        v = tw_str_make(p, q > p ? (size_t)(q - 1 - p) : (size_t)(e - p));
        break;
    case K_REST:
        v = tw_str_trim(tw_str_make(p, (size_t)(e - p)));
        break;
    case K_NUM:
        n = digits_at(p, e, 9);
        if (n == 0)
            return false;
        r->dst_port = to_num(p, n);
        return true;
    case K_CONN:
        return take_conn(x, p, e);
    case K_ADDR:
        if (!take_addr(p, e, &v, &port))
            return false;
        if (pt->field == F_SRC)
            r->src_port = port;
        else
            r->dst_port = port;
        break;
    }
    if (v.len == 0)
        return false;
    *field_str(r, pt->field) = v;
    return true;
}

static bool filter_ok(const xpat *pt, const tw__log_rec *r)
{
    if (pt->program != NULL && !tw_str_eq_c(r->program, pt->program))
        return false;
    if (pt->msgid == NULL)
        return true;
    if (pt->msgid[0] == '-' || strcmp(pt->msgid, "ASA-") == 0) /* anywhere in the id */
        return tw_str_find(r->msgid, tw_str_c(pt->msgid)) >= 0;
    return tw_str_ends_with(r->msgid, tw_str_c(pt->msgid));
}

/* Tries one pattern at each occurrence of its literal until it sets the
 * field. */
static void apply(xstate *x, const xpat *pt)
{
    const char *p = x->msg.ptr, *e = x->msg.ptr + x->msg.len;
    tw_str lit = tw_str_c(pt->lit);
    ptrdiff_t at;

    if (lit.len == 0) {
        (void)take(x, pt, p, e);
        return;
    }
    while (p < e) {
        at = tw_str_find(tw_str_make(p, (size_t)(e - p)), lit);
        if (at < 0)
            return;
        p += at + (ptrdiff_t)lit.len;
        if (take(x, pt, p, e))
            return;
    }
}

/* ASA "Built outbound": the connection's initiator is the second address. */
static void asa_direction(tw__log_rec *r)
{
    tw_str t;
    int64_t v;

    if (tw_str_find(r->message, TW_STR("outbound")) < 0 || tw_str_find(r->msgid, TW_STR("-3020")) < 0)
        return;
    t = r->src;
    r->src = r->dst;
    r->dst = t;
    v = r->src_port;
    r->src_port = r->dst_port;
    r->dst_port = v;
}

size_t tw__syslog_cmd_markers(const char **out, size_t cap)
{
    size_t n = 0;

    for (size_t i = 0; i < sizeof(pats) / sizeof(pats[0]); i++) {
        const xpat *x = &pats[i];

        if (x->field != F_CMD)
            continue;
        if (n < cap) /* the literal when it says something, else the id or program */
            out[n] = strlen(x->lit) >= 4 ? x->lit : x->msgid ? x->msgid : x->program;
        n++;
    }
    if (n < cap)
        out[n] = "command="; /* RFC 5424 structured data: command="..." (sd_param) */
    return n + 1;
}

static void extract(tw__log_rec *r)
{
    xstate x = {r, r->message};

    for (size_t i = 0; i < sizeof(pats) / sizeof(pats[0]); i++) {
        if (!field_set(r, pats[i].field) && filter_ok(&pats[i], r))
            apply(&x, &pats[i]);
    }
    asa_direction(r);
    if (r->user.len > 0 && r->user.ptr[0] == '(')
        r->user = TW_STR_NULL;
}

/* Reads a message body: an id, then its fields (see log_int.h). */
void tw__syslog_body(tw_str body, tw__log_rec *r)
{
    const char *p = body.ptr, *e = body.ptr + body.len;
    int64_t sev;
    size_t n;

    p = skip_sp(p, e);
    n = p < e && *p == '%' ? cisco_id_at(p, e, &sev) : 0;
    if (n > 0) {
        r->msgid = tw_str_make(p + 1, n);
        r->severity = sev;
        r->format = n > 4 && memcmp(p + 1, "ASA-", 4) == 0 ? "asa" : "cisco";
        p = skip_sp(p + 1 + n, e);
        if (p < e && *p == ':')
            p++;
    } else if (junos_id_at(p, e) > 0) {
        n = junos_id_at(p, e);
        r->msgid = tw_str_make(p, n);
        r->format = "junos";
        p += n + 1;
    } else if (tw_str_eq_c(r->program, "sshd")) {
        r->format = "sshd";
    }
    r->message = tw_str_trim(tw_str_make(p, (size_t)(e - p)));
    extract(r);
}

/* ---- headers -------------------------------------------------------------- */

/* "<PRI>": sets facility and severity and returns its length; 0 when
 * absent.  A bad value is skipped with *why set. */
static size_t pri_at(const char *p, const char *e, tw__log_rec *r, const char **why)
{
    size_t n;
    int64_t v;

    if (p == e || *p != '<')
        return 0;
    n = digits_at(p + 1, e, 4);
    if (n == 0 || p + 1 + n >= e || p[1 + n] != '>')
        return 0;
    v = to_num(p + 1, n);
    if (n > 3 || v > 191) {
        *why = "syslog priority out of range";
        return n + 2;
    }
    r->facility = v / 8;
    r->severity = v % 8;
    return n + 2;
}

/* An IOS XR node glued to its timestamp ("RP/0/RSP0/CPU0:Mar 28 ..."):
 * the node's length with its colon, 0 when absent. */
static size_t xr_node_at(const char *p, const char *e)
{
    const char *c = p;
    bool slash = false;
    tw_str t;

    if (p == e || !is_upper(*p))
        return 0;
    while (c < e && *c != ':' && *c != ' ') {
        slash = slash || *c == '/';
        c++;
    }
    if (!slash || c == e || *c != ':' || stamp_at(c + 1, e, &t) == 0)
        return 0;
    return (size_t)(c + 1 - p);
}

/* Reads "prog[pid]" into the record. */
static void set_tag(tw__log_rec *r, tw_str t)
{
    const char *b = memchr(t.ptr, '[', t.len);
    size_t n;

    if (b == NULL) {
        r->program = t;
        return;
    }
    r->program = tw_str_make(t.ptr, (size_t)(b - t.ptr));
    n = digits_at(b + 1, t.ptr + t.len, 10);
    if (n > 0 && b + 1 + n < t.ptr + t.len && b[1 + n] == ']')
        r->pid = to_num(b + 1, n);
}

typedef struct {
    tw__log_rec *r;
    const char *p, *e;
} hdr;

/* A token ending in ':' is the host when a timestamp follows it, or a
 * Cisco id while no host is known; otherwise the program tag.  Returns
 * true when the header goes on. */
static bool colon_token(hdr *h, tw_str t, const char *after)
{
    tw_str name = tw_str_make(t.ptr, t.len - 1), ts;
    const char *q = skip_sp(after, h->e);
    bool host = memchr(name.ptr, '[', name.len) == NULL &&
                (stamp_at(q, h->e, &ts) > 0 || (q < h->e && *q == '%' && h->r->host.len == 0));

    h->p = after;
    if (host) {
        h->r->host = name;
        return true;
    }
    set_tag(h->r, name);
    return false;
}

/* One header item at h->p; false when the body starts there. */
static bool header_item(hdr *h)
{
    tw__log_rec *r = h->r;
    const char *p = h->p, *e = h->e, *c, *why = NULL;
    tw_str ts;
    size_t n;

    if (*p == '%')
        return false;
    n = pri_at(p, e, r, &why); /* a relay that kept the device's <PRI> */
    if (n > 0) {
        h->p = p + n;
        return true;
    }
    n = stamp_at(p, e, &ts);
    if (n > 0) {
        if (r->time.len > 0 && r->host.len > 0) {
            r->relay = r->host;
            r->host = TW_STR_NULL;
        }
        r->time = ts;
        h->p = p + n;
        return true;
    }
    n = digits_at(p, e, 12);
    if ((n > 0 && p + n < e && p[n] == ':' && (p + n + 1 == e || p[n + 1] == ' ')) ||
        (*p == ':' && (p + 1 == e || p[1] == ' '))) {
        h->p = p + n + 1; /* a sequence number, or ASA's lone ':' */
        return true;
    }
    n = xr_node_at(p, e);
    if (n > 0) {
        h->p = p + n;
        return true;
    }
    for (c = p; c < e && !is_space(*c); c++) {
    }
    if (c - p > 1 && c[-1] == ':')
        return colon_token(h, tw_str_make(p, (size_t)(c - p)), c);
    if (r->host.len > 0)
        return false;
    r->host = tw_str_make(p, (size_t)(c - p));
    h->p = c;
    return true;
}

/* RFC 5424 structured data: keeps the parameters tidewatch knows. */
static void sd_param(tw__log_rec *r, tw_str name, tw_str value)
{
    int64_t v;

    if (tw_str_eq_c(name, "username") || tw_str_eq_c(name, "user"))
        r->user = value;
    else if (tw_str_eq_c(name, "command"))
        r->command = value;
    else if (tw_str_eq_c(name, "source-address") || tw_str_eq_c(name, "remote-address"))
        r->src = value;
    else if (tw_str_eq_c(name, "destination-address"))
        r->dst = value;
    else if (tw_str_eq_c(name, "source-port") && tw_str_to_i64(value, &v))
        r->src_port = v;
    else if (tw_str_eq_c(name, "destination-port") && tw_str_to_i64(value, &v))
        r->dst_port = v;
}

/* One "[id name="value"...]" element at p; returns its end, or NULL when
 * it is malformed. */
static const char *sd_element(tw__log_rec *r, const char *p, const char *e)
{
    const char *b = ++p;

    while (p < e && *p != ' ' && *p != ']')
        p++;
    if (tw_str_find(tw_str_make(b, (size_t)(p - b)), TW_STR("@2636")) >= 0)
        r->format = "junos";
    while (p < e && *p == ' ') {
        const char *n = ++p, *v;
        while (p < e && *p != '=' && *p != ']' && *p != ' ')
            p++;
        if (e - p < 2 || p[0] != '=' || p[1] != '"')
            return NULL;
        p += 2;
        v = p;
        while (p < e && *p != '"')
            p += *p == '\\' && p + 1 < e ? 2 : 1;
        if (p >= e)
            return NULL;
        sd_param(r, tw_str_make(n, (size_t)(v - 2 - n)), tw_str_make(v, (size_t)(p - v)));
        p++;
    }
    return p < e && *p == ']' ? p + 1 : NULL;
}

static tw_str field5424(const char **pp, const char *e)
{
    const char *b = *pp, *p = b;

    while (p < e && *p != ' ')
        p++;
    *pp = p < e ? p + 1 : p;
    if (p - b == 1 && *b == '-')
        return TW_STR_NULL;
    return tw_str_make(b, (size_t)(p - b));
}

/* VERSION TIMESTAMP HOST APP PROCID MSGID SD [MSG]; p is after "1 ". */
static void parse_5424(tw__log_rec *r, const char *p, const char *e, const char **why)
{
    tw_str pid;
    const char *sd;
    int64_t v;

    r->format = "rfc5424";
    r->time = field5424(&p, e);
    r->host = field5424(&p, e);
    r->program = field5424(&p, e);
    pid = field5424(&p, e);
    if (tw_str_to_i64(pid, &v))
        r->pid = v;
    r->msgid = field5424(&p, e);
    sd = p;
    if (p < e && *p == '-') {
        p++;
    } else {
        while (p != NULL && p < e && *p == '[')
            p = sd_element(r, p, e);
        if (p == NULL) {
            *why = "malformed structured data";
            p = sd;
        }
    }
    p = skip_sp(p, e);
    if (e - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3;
    tw__syslog_body(tw_str_make(p, (size_t)(e - p)), r);
}

/* Parses a syslog line (see log_int.h). */
bool tw__syslog_parse(tw_str line, tw__log_rec *r, const char **why)
{
    const char *p = line.ptr, *e = line.ptr + line.len;
    size_t pri;
    hdr h;

    tw__log_rec_init(r);
    r->format = "rfc3164";
    *why = NULL;
    p = skip_sp(p, e);
    pri = pri_at(p, e, r, why);
    p += pri;
    if (pri > 0 && e - p >= 2 && p[0] == '1' && p[1] == ' ') {
        parse_5424(r, p + 2, e, why);
        return true;
    }
    h.r = r;
    h.p = p;
    h.e = e;
    for (int i = 0; i < MAX_ITEMS; i++) {
        h.p = skip_sp(h.p, e);
        if (h.p == e || !header_item(&h))
            break;
    }
    if (r->host.len == 0 && r->relay.len > 0) {
        r->host = r->relay;
        r->relay = TW_STR_NULL;
    }
    tw__syslog_body(tw_str_make(h.p, (size_t)(e - h.p)), r);
    if (pri == 0 && r->time.len == 0 && r->msgid.len == 0)
        return false;
    return true;
}

/* True when a line starts like a syslog record: a <PRI>, a timestamp, an
 * IOS sequence number, or a Cisco id early on. */
bool tw__syslog_looks(tw_str line)
{
    const char *p = line.ptr, *e = line.ptr + line.len, *lim;
    tw_str ts;
    int64_t sev;
    size_t n = digits_at(p + (p < e && *p == '<'), e, 4);

    if (p < e && *p == '<' && n > 0 && p + 1 + n < e && p[1 + n] == '>')
        return true;
    if (stamp_at(p, e, &ts) > 0)
        return true;
    lim = e - p > 256 ? p + 256 : e;
    for (const char *c = p; c < lim; c++) {
        if (*c == '%' && (c == p || c[-1] == ' ') && cisco_id_at(c, e, &sev) > 0)
            return true;
    }
    return false;
}
