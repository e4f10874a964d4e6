/*
 * iosxr.c: the Cisco IOS XR configuration parser: the line walk.
 *
 * One pass over the text.  Each line is classified: banner text, a "!!"
 * header (the version of "!! IOS XR Configuration 7.3.2" becomes a version
 * fact; "!! Last configuration change ... by U" is passed over), a comment,
 * noise ("Building configuration...", "commit", "end", a prompt), or a
 * statement.  A statement is tokenized, its secrets are replaced by
 * "<redacted>" (iosxr_redact.c) before any handler sees it, it is handled
 * (top level in iosxr_stmt.c, inside a block in iosxr_block.c), and every
 * IPv4/IPv6 literal on it becomes an address fact.  Blocks come from
 * indentation: a line closes every open header indented as deep or deeper;
 * "!", "exit" and "end-*" lines only close.  What needs the whole file
 * (monitor sessions, BGP neighbours, the global AAA keys) is emitted or
 * applied at the end.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "iosxr_int.h"

/* ---- tokens ----------------------------------------------------------- */

bool tw__xr_is(const xr_parser *p, size_t i, const char *word)
{
    return i < p->ntok && tw_str_ieq_c(p->tok[i], word);
}

tw_str tw__xr_tok(const xr_parser *p, size_t i)
{
    return i < p->ntok ? p->tok[i] : TW_STR_NULL;
}

bool tw__xr_digits(tw_str s)
{
    return tw__cisco_digits(s);
}

bool tw__xr_num(tw_str s, int64_t *out)
{
    return tw__xr_digits(s) && tw_str_to_i64(s, out);
}

tw_str tw__xr_rest(const xr_parser *p, size_t i)
{
    return tw__cisco_rest(p->tok, p->ntok, i);
}

tw_str tw__xr_span(const xr_parser *p, size_t i, size_t j)
{
    return tw__cisco_span(p->tok, p->ntok, i, j);
}

tw_str tw__xr_lower(xr_parser *p, tw_str s)
{
    return tw__cisco_lower(p->fs->arena, s);
}

bool tw__xr_addr(tw_str s, tw_cidr *out)
{
    return tw__cisco_addr(s, out);
}

void tw__xr_warn(xr_parser *p, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    tw__cisco_vwarn(p->diags, p->file, p->lineno, fmt, ap);
    va_end(ap);
}

/* ---- facts ------------------------------------------------------------ */

void tw__xr_begin(xr_parser *p, tw_fact_kind kind)
{
    tw_factset_begin(p->fs, kind, p->lineno, p->ev, p->ctx);
}

void tw__xr_end(xr_parser *p)
{
    tw__cisco_end(p->fs, p->diags, p->file, p->lineno, &p->rc);
}

int64_t tw__xr_secret_type(const xr_parser *p, size_t i)
{
    int64_t n = 0;

    if (i == 0 || i > p->ntok)
        return 0;
    if (tw__xr_is(p, i - 1, "encrypted") ||
        (i >= 2 && tw__xr_is(p, i - 1, "password") && tw__xr_is(p, i - 2, "key-string")))
        return 7;
    if (p->tok[i - 1].len <= 2 && tw__xr_num(p->tok[i - 1], &n))
        return n;
    return 0;
}

void tw__xr_secret(xr_parser *p, const char *owner, tw_str arg)
{
    tw_str o = tw_str_c(owner);
    char *buf;

    if (p->secret_at == 0 || p->secret_done)
        return;
    p->secret_done = true;
    if (arg.len > 200)
        arg.len = 200;
    if (arg.len > 0 && owner[0] == '\0') {
        o = arg;
    } else if (arg.len > 0) {
        buf = tw_arena_printf(p->fs->arena, "%s %.*s", owner, (int)arg.len, arg.ptr);
        if (buf != NULL)
            o = tw_str_c(buf);
    }
    tw__xr_begin(p, TW_FACT_SECRET);
    tw_factset_str(p->fs, "owner", o);
    tw_factset_str(p->fs, "form", tw_str_c(p->secret_form));
    tw_factset_num(p->fs, "type", tw__xr_secret_type(p, p->secret_at));
    tw__xr_end(p);
}

void tw__xr_service(xr_parser *p, const char *name, bool enabled)
{
    tw__xr_begin(p, TW_FACT_SERVICE);
    tw_factset_str(p->fs, "name", tw_str_c(name));
    tw_factset_bool(p->fs, "enabled", enabled);
    tw__xr_end(p);
}

/* ---- address sweep ---------------------------------------------------- */

/* An address fact for every address literal of the statement, masks
 * (right after an IPv4 address) left out. */
static void sweep(xr_parser *p)
{
    tw_cidr c;
    bool prev_v4 = false;

    if (memchr(p->ev.ptr, '.', p->ev.len) == NULL && memchr(p->ev.ptr, ':', p->ev.len) == NULL)
        return;
    for (size_t i = 0; i < p->ntok && p->rc == TW_OK; i++) {
        if (!tw__xr_addr(p->tok[i], &c)) {
            prev_v4 = false;
            continue;
        }
        if (!tw__cisco_sweep_keep(&c, tw__xr_is(p, i - (i > 0), "mask"), &prev_v4))
            continue;
        tw__xr_begin(p, TW_FACT_ADDRESS);
        tw_factset_addr_text(p->fs, "value", &c, p->tok[i]);
        tw_factset_str(p->fs, "statement", tw__xr_span(p, 0, 1));
        tw__xr_end(p);
    }
}

/* ---- the line walk ---------------------------------------------------- */

typedef struct {
    char delim;
    bool active; /* inside a banner */
    bool nul;    /* the text holds a NUL byte */
} walk_state;

static void tokenize(xr_parser *p, tw_str s)
{
    tw_str rest = s, t;

    p->ntok = 0;
    while (p->ntok < XR_MAXTOK) {
        t = tw_str_token(&rest);
        if (t.len == 0)
            break;
        p->tok[p->ntok++] = t;
    }
}

/* banner login|motd: a banner service fact at the banner's first line,
 * its evidence the two words only (the text is not read). */
static void banner_fact(xr_parser *p)
{
    tw_factset_begin(p->fs, TW_FACT_SERVICE, p->lineno, tw__xr_span(p, 0, 1), TW_STR_NULL);
    tw_factset_str(p->fs, "name", TW_STR("banner"));
    tw_factset_bool(p->fs, "enabled", true);
    tw__xr_end(p);
}

/* "banner TYPE D ...": enters banner mode unless D closes on this line. */
static bool banner_start(xr_parser *p, walk_state *w)
{
    tw_str t, after;

    if (!tw__xr_is(p, 0, "banner") || p->ntok < 2)
        return false;
    if (tw__xr_is(p, 1, "login") || tw__xr_is(p, 1, "motd"))
        banner_fact(p);
    if (p->ntok < 3)
        return true;
    t = p->tok[2];
    w->delim = t.ptr[0];
    after = tw_str_make(t.ptr + 1, (size_t)(p->ev.ptr + p->ev.len - t.ptr) - 1);
    w->active = memchr(after.ptr, w->delim, after.len) == NULL;
    return true;
}

/* "!! IOS XR Configuration 7.3.2" or "... version = 5.2.1": a version fact. */
static void header(xr_parser *p, tw_str s)
{
    size_t i;

    p->ev = s;
    tokenize(p, s);
    if (!tw__xr_is(p, 1, "IOS") || !tw__xr_is(p, 2, "XR") || !tw__xr_is(p, 3, "Configuration"))
        return;
    i = 4;
    if (tw__xr_is(p, i, "version"))
        i++;
    if (tw__xr_is(p, i, "="))
        i++;
    if (i >= p->ntok)
        return;
    p->ctx = TW_STR_NULL;
    tw__xr_begin(p, TW_FACT_VERSION);
    tw_factset_str(p->fs, "version", p->tok[i]);
    tw__xr_end(p);
}

static bool is_noise(const xr_parser *p, tw_str s, int indent)
{
    if (indent != 0)
        return false;
    return tw_str_starts_with(s, TW_STR("Building configuration")) ||
           (p->ntok == 1 && (tw__xr_is(p, 0, "end") || tw__xr_is(p, 0, "commit"))) ||
           tw__xr_is(p, 0, "show") || tw__cisco_prompt(p->tok, p->ntok);
}

static void pop_to(xr_parser *p, int indent)
{
    while (p->nstack > 0 && p->stack[p->nstack - 1].indent >= indent)
        p->nstack--;
    p->depth = p->nstack;
    if (p->nstack == 0 && p->blk.kind != XR_BLK_NONE)
        tw__xr_block_close(p);
}

static void push(xr_parser *p, int indent)
{
    if (p->nstack == TW_LIMIT_DEPTH)
        return;
    p->stack[p->nstack].indent = indent;
    p->stack[p->nstack].text = p->ev;
    p->nstack++;
}

/* "exit", "end-policy", "end-set", "end-group"...: close only. */
static bool is_closer(const xr_parser *p)
{
    return p->ntok == 1 &&
           (tw__xr_is(p, 0, "exit") || tw_str_istarts_with(p->tok[0], TW_STR("end-")));
}

static void statement(xr_parser *p, int indent)
{
    bool neg = tw__xr_is(p, 0, "no");
    size_t t = neg ? 1 : 0;

    p->ctx = p->nstack > 0 ? p->stack[0].text : TW_STR_NULL;
    tw__xr_redact(p);
    p->secret_done = false;
    if (p->depth == 0)
        tw__xr_top(p, neg, t);
    else if (p->blk.kind != XR_BLK_NONE && t < p->ntok)
        tw__xr_block_line(p, neg, t);
    if (p->rc == TW_OK)
        tw__xr_any(p, neg);
    if (p->rc == TW_OK && !neg)
        tw__xr_secret_default(p);
    if (p->rc == TW_OK)
        sweep(p);
    if (p->depth == 0 && p->blk.kind == XR_BLK_NONE)
        tw__xr_block_open(p, XR_BLK_OTHER, TW_FACT_HOSTNAME, TW_STR_NULL);
    push(p, indent);
}

static void one_line(xr_parser *p, walk_state *w, tw_str raw)
{
    tw_str s;
    int indent;

    if (w->active) {
        w->active = memchr(raw.ptr, w->delim, raw.len) == NULL;
        return;
    }
    s = tw__cisco_line(p->fs->arena, raw, w->nul, &indent);
    if (s.len == 0)
        return;
    if (s.len >= 2 && s.ptr[0] == '!' && s.ptr[1] == '!' && indent == 0) {
        header(p, s);
        return;
    }
    if (s.ptr[0] == '!' || s.ptr[0] == '#') {
        pop_to(p, indent);
        return;
    }
    p->ev = s;
    tokenize(p, s);
    if (is_noise(p, s, indent)) {
        pop_to(p, 0);
        return;
    }
    pop_to(p, indent);
    if (is_closer(p))
        return;
    if (p->depth == 0 && banner_start(p, w))
        return;
    statement(p, indent);
}

static void walk(xr_parser *p, const char *data, size_t len)
{
    walk_state w;
    cisco_lines it;
    tw_str raw;

    memset(&w, 0, sizeof(w));
    tw__cisco_lines_init(&it, data, len);
    w.nul = it.nul;
    while (p->rc == TW_OK && tw__cisco_lines_next(&it, &raw)) {
        p->lineno++;
        if (raw.len > TW_LIMIT_LINE_LEN && !w.active) {
            tw__xr_warn(p, "line longer than %zu bytes skipped", (size_t)TW_LIMIT_LINE_LEN);
            continue;
        }
        one_line(p, &w, raw);
    }
    pop_to(p, 0);
    if (p->rc == TW_OK)
        tw__xr_monitors_emit(p);
    if (p->rc == TW_OK)
        tw__xr_bgp_emit(p);
    if (p->rc == TW_OK)
        tw__xr_keys_apply(p);
}

/* Parses a Cisco IOS XR configuration into fs (see config.h). */
tw_err tw_parse_iosxr(const char *file, const char *data, size_t len, tw_factset *fs,
                      tw_diags *diags)
{
    xr_parser *p = tw_arena_zalloc(fs->arena, sizeof(*p));
    tw_err rc = TW_OK;

    if (p == NULL) {
        rc = TW_ENOMEM;
        goto out;
    }
    fs->dialect = TW_DIALECT_IOSXR;
    rc = tw__cisco_check_size(diags, file, len);
    if (rc != TW_OK)
        goto out;
    p->file = file;
    p->fs = fs;
    p->diags = diags;
    p->first_fact = fs->n;
    p->bgp_cur = -1;
    p->mon = tw_arena_zalloc(fs->arena, XR_MAX_MON * sizeof(*p->mon));
    p->tunnels = tw_arena_zalloc(fs->arena, XR_MAX_TUN * sizeof(*p->tunnels));
    if (p->mon == NULL || p->tunnels == NULL) {
        rc = TW_ENOMEM;
        goto out;
    }
    walk(p, data != NULL ? data : "", data != NULL ? len : 0);
    rc = p->rc;
out:
    return rc;
}
