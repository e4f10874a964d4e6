/*
 * cisco_util.c: helpers shared by the line-oriented configuration parsers.
 *
 * The line iterator and line cleaning, token views, the address filter
 * and the mask test of the address sweep, diagnostics and fact keeping,
 * syslog levels, and the AAA method list: the pieces the IOS, NX-OS, IOS XR and EOS
 * parsers (and, for addresses and warnings, Junos) would otherwise each
 * write again.  See cisco_int.h.
 */
#include <stdio.h>
#include <string.h>

#include "cisco_int.h"
#include "tidewatch/siphash.h"

/* ---- lines ------------------------------------------------------------ */

void tw__cisco_lines_init(cisco_lines *it, const char *data, size_t len)
{
    it->data = data;
    it->len = len;
    it->pos = 0;
    it->nul = memchr(data, '\0', len) != NULL;
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        it->pos = 3;
}

bool tw__cisco_lines_next(cisco_lines *it, tw_str *raw)
{
    const char *nl;
    size_t end;

    if (it->pos >= it->len)
        return false;
    nl = memchr(it->data + it->pos, '\n', it->len - it->pos);
    end = nl != NULL ? (size_t)(nl - it->data) : it->len;
    *raw = tw_str_make(it->data + it->pos, end - it->pos);
    it->pos = nl != NULL ? end + 1 : it->len;
    return true;
}

/* A copy of s without NUL bytes (they are dropped), in the arena. */
static tw_str strip_nul(tw_arena *a, tw_str s)
{
    char *d = tw_arena_alloc(a, s.len + 1);
    size_t n = 0;

    if (d == NULL)
        return TW_STR_NULL;
    for (size_t i = 0; i < s.len; i++) {
        if (s.ptr[i] != '\0')
            d[n++] = s.ptr[i];
    }
    d[n] = '\0';
    return tw_str_make(d, n);
}

tw_str tw__cisco_line(tw_arena *a, tw_str raw, bool nul, int *indent)
{
    int n = 0;

    if (nul && memchr(raw.ptr, '\0', raw.len) != NULL)
        raw = strip_nul(a, raw);
    while ((size_t)n < raw.len && (raw.ptr[n] == ' ' || raw.ptr[n] == '\t') && n < 10000)
        n++;
    *indent = n;
    /* the indent is white space already passed over */
    return tw_str_trim(tw_str_make(raw.ptr + n, raw.len - (size_t)n));
}

/* ---- tokens ----------------------------------------------------------- */

bool tw__cisco_digits(tw_str s)
{
    if (s.len == 0 || s.len > 18)
        return false;
    for (size_t i = 0; i < s.len; i++) {
        if (s.ptr[i] < '0' || s.ptr[i] > '9')
            return false;
    }
    return true;
}

tw_str tw__cisco_rest(const tw_str *tok, size_t ntok, size_t i)
{
    const char *end;

    if (i >= ntok)
        return TW_STR_NULL;
    end = tok[ntok - 1].ptr + tok[ntok - 1].len;
    return tw_str_make(tok[i].ptr, (size_t)(end - tok[i].ptr));
}

tw_str tw__cisco_span(const tw_str *tok, size_t ntok, size_t i, size_t j)
{
    if (ntok == 0)
        return TW_STR_NULL;
    if (j >= ntok)
        j = ntok - 1;
    if (i > j)
        return TW_STR_NULL;
    return tw_str_make(tok[i].ptr, (size_t)(tok[j].ptr + tok[j].len - tok[i].ptr));
}

tw_str tw__cisco_lower(tw_arena *a, tw_str s)
{
    char *d;
    size_t i;

    for (i = 0; i < s.len && !(s.ptr[i] >= 'A' && s.ptr[i] <= 'Z'); i++)
        ;
    if (i == s.len)
        return s;
    d = tw_arena_alloc(a, s.len + 1);
    if (d == NULL)
        return s;
    for (i = 0; i < s.len; i++)
        d[i] = (s.ptr[i] >= 'A' && s.ptr[i] <= 'Z') ? (char)(s.ptr[i] + 32) : s.ptr[i];
    d[s.len] = '\0';
    return tw_str_make(d, s.len);
}

bool tw__cisco_prompt(const tw_str *tok, size_t ntok)
{
    return ntok >= 2 && memchr(tok[0].ptr, '#', tok[0].len) != NULL &&
           tw_str_istarts_with(tok[1], TW_STR("sh"));
}

/* ---- addresses -------------------------------------------------------- */

bool tw__cisco_addr(tw_str s, tw_cidr *out)
{
    return tw__cisco_maybe_addr(s) && tw_cidr_parse(s, 0, out) == TW_OK;
}

bool tw__cisco_is_mask(const tw_cidr *c)
{
    uint32_t v, inv;

    if (c->addr.family != 4 || c->plen != 32)
        return false;
    v = (uint32_t)c->addr.bytes[0] << 24 | (uint32_t)c->addr.bytes[1] << 16 |
        (uint32_t)c->addr.bytes[2] << 8 | c->addr.bytes[3];
    inv = ~v;
    return (inv & (inv + 1)) == 0 || (v & (v + 1)) == 0;
}

bool tw__cisco_sweep_keep(const tw_cidr *c, bool after_kw, bool *prev_v4)
{
    bool mask = (*prev_v4 && tw__cisco_is_mask(c)) || after_kw;

    *prev_v4 = c->addr.family == 4 && c->plen == 32 && !mask;
    return !mask;
}

/* ---- diagnostics and facts -------------------------------------------- */

void tw__cisco_vwarn(tw_diags *diags, const char *file, uint32_t line, const char *fmt, va_list ap)
{
    char msg[512];

    if (vsnprintf(msg, sizeof(msg), fmt, ap) < 0)
        msg[0] = '\0';
    (void)tw_diags_add(diags, TW_DIAG_WARNING, TW_EPARSE, file, line, 0, NULL, "%s", msg);
}

void tw__cisco_end(tw_factset *fs, tw_diags *diags, const char *file, uint32_t line, tw_err *rc)
{
    tw_err e = tw_factset_end(fs);

    if (e != TW_OK && *rc == TW_OK) {
        *rc = e;
        (void)tw_diags_add(diags, TW_DIAG_ERROR, e, file, line, 0, NULL, "cannot keep facts: %s",
                           tw_strerror(e));
    }
}

tw_err tw__cisco_check_size(tw_diags *diags, const char *file, size_t len)
{
    if (len <= TW_LIMIT_FILE_SIZE)
        return TW_OK;
    (void)tw_diags_add(diags, TW_DIAG_ERROR, TW_ELIMIT, file, 0, 0, NULL,
                       "file larger than %zu bytes", (size_t)TW_LIMIT_FILE_SIZE);
    return TW_ELIMIT;
}

static bool tok_is(const tw_str *tok, size_t ntok, size_t i, const char *word)
{
    return i < ntok && tw_str_ieq_c(tok[i], word);
}

tw_str tw__cisco_acl_ports(const tw_str *tok, size_t ntok, size_t *i, bool port_group)
{
    size_t k = *i, n = k < ntok ? tok[k].len : 0;
    size_t ports; /* the port tokens after the operator */

    /* by length first: most tokens here are addresses or "log" */
    if ((n == 2 && (tok_is(tok, ntok, k, "eq") || tok_is(tok, ntok, k, "lt") ||
                    tok_is(tok, ntok, k, "gt"))) ||
        (n == 3 && tok_is(tok, ntok, k, "neq")) ||
        (n == 10 && port_group && tok_is(tok, ntok, k, "port-group")))
        ports = 1;
    else if (n == 5 && tok_is(tok, ntok, k, "range"))
        ports = 2;
    else
        return TW_STR_NULL;
    *i = k + 1 + ports;
    return tw__cisco_span(tok, ntok, k, k + ports);
}

void tw__cisco_acl_put(tw_factset *fs, const char *name, const cisco_acl_operand *o)
{
    if (o->is_addr)
        tw_factset_addr(fs, name, &o->addr);
    else
        tw_factset_str(fs, name, o->text);
}

int tw__cisco_severity(tw_str s)
{
    static const char *const names[] = {"emergencies",   "alerts",   "critical",
                                        "errors",        "warnings", "notifications",
                                        "informational", "debugging"};

    if (s.len == 1 && s.ptr[0] >= '0' && s.ptr[0] <= '7')
        return s.ptr[0] - '0';
    for (int i = 0; i < 8; i++) {
        if (tw_str_ieq_c(s, names[i]))
            return i;
    }
    return -1;
}

void tw__cisco_aaa_methods(tw_factset *fs, const tw_str *tok, size_t ntok, size_t i)
{
    for (; i < ntok; i++) {
        if (tw_str_ieq_c(tok[i], "group") && i + 1 < ntok) {
            tw_factset_str(fs, "method", tw__cisco_span(tok, ntok, i, i + 1));
            i++;
        } else {
            tw_factset_str(fs, "method", tok[i]);
        }
    }
}

int tw__secret_char_classes(const unsigned char *b, size_t n)
{
    int have[4] = {0, 0, 0, 0};

    for (size_t i = 0; i < n; i++) {
        int c = b[i];
        int k = c >= 'a' && c <= 'z' ? 0 : c >= 'A' && c <= 'Z' ? 1 : c >= '0' && c <= '9' ? 2 : 3;

        have[k] = 1;
    }
    return have[0] + have[1] + have[2] + have[3];
}

const char *tw__community_strength(tw_str community)
{
    static const char *const defaults[] = {
        "public",  "private", "cisco",  "community", "snmp",        "snmpd",   "admin",
        "manager", "secret",  "read",   "write",     "monitor",     "default", "system",
        "test",    "network", "router", "switch",    "all private", "ilmi",
    };

    for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++) {
        if (tw_str_ieq_c(community, defaults[i]))
            return "weak";
    }
    if (community.len < 12 ||
        tw__secret_char_classes((const unsigned char *)community.ptr, community.len) < 3)
        return "weak";
    return "ok";
}

bool tw__if_has_neighbours(tw_str name)
{
    return !tw_str_istarts_with(name, TW_STR("loopback")) &&
           !tw_str_istarts_with(name, TW_STR("null"));
}

void tw__community_fingerprint(const unsigned char *key, tw_str community, char out[17])
{
    out[0] = '\0';
    if (key != NULL)
        snprintf(out, 17, "%016llx",
                 (unsigned long long)tw_siphash(key, community.ptr, community.len));
}
