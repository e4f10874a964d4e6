/*
 * cisco_int.h: helpers shared by the line-oriented configuration parsers.
 *
 * The IOS, NX-OS, IOS XR and EOS parsers walk a configuration the same
 * way: one line at a time (a byte-order mark skipped, NUL bytes dropped),
 * indentation measured, tokens read case-insensitively, every address
 * literal turned into a fact unless it is a mask.  What they share is
 * here, on plain tokens and factsets, so that each parser keeps its own
 * state type; the Junos parser uses the address and diagnostic helpers.
 * Nothing here is exported from the library.
 */
#ifndef TW_PARSE_CISCO_INT_H
#define TW_PARSE_CISCO_INT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "tidewatch/config.h"
#include "tidewatch/limits.h"

/* The lines of a configuration text, one at a time. */
typedef struct {
    const char *data;
    size_t len;
    size_t pos;
    bool nul; /* the text holds a NUL byte somewhere */
} cisco_lines;

/* Starts at the first line of (data, len), after a UTF-8 byte-order mark. */
void tw__cisco_lines_init(cisco_lines *it, const char *data, size_t len);
/* The next line without its newline in *raw; false at the end. */
bool tw__cisco_lines_next(cisco_lines *it, tw_str *raw);
/* The line raw trimmed, its NUL bytes dropped (when nul: a copy in a), and
 * in *indent the number of blanks and tabs it starts with. */
tw_str tw__cisco_line(tw_arena *a, tw_str raw, bool nul, int *indent);

/* Tokens: s is one to eighteen decimal digits. */
bool tw__cisco_digits(tw_str s);
/* Text from token i to the end of the line (the empty view past the end). */
tw_str tw__cisco_rest(const tw_str *tok, size_t ntok, size_t i);
/* Text from token i to token j inclusive (j past the end: the last). */
tw_str tw__cisco_span(const tw_str *tok, size_t ntok, size_t i, size_t j);
/* A lower-case copy of s in a when it has upper-case letters. */
tw_str tw__cisco_lower(tw_arena *a, tw_str s);
/* "router# show run...": a prompt line, not a statement. */
bool tw__cisco_prompt(const tw_str *tok, size_t ntok);

/* Cheap filter before tw_cidr_parse: only hex digits, '.', ':' and '/',
 * with at least one '.' or ':'; with a ':', the shape of IPv6 text ("::",
 * eight groups, or six and an IPv4 tail), so that "64512:1" (a route
 * distinguisher) is not parsed.  Most tokens are words and fail on their
 * first or second character. */
static inline bool tw__cisco_maybe_addr(tw_str s)
{
    unsigned colons = 0, dots = 0;
    bool gap = false; /* "::" */

    if (s.len < 2 || s.len >= TW_IP_STRLEN)
        return false;
    for (size_t i = 0; i < s.len; i++) {
        char c = s.ptr[i];
        if (c == '.') {
            dots++;
        } else if (c == ':') {
            gap = gap || (i > 0 && s.ptr[i - 1] == ':');
            colons++;
        } else if (!((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') ||
                     c == '/')) {
            return false;
        }
    }
    if (colons == 0)
        return dots != 0;
    return gap || colons == 7 || (colons == 6 && dots != 0);
}

/* Addresses: an address or A/len token; false for anything else. */
bool tw__cisco_addr(tw_str s, tw_cidr *out);
/* True when c is a contiguous IPv4 netmask or Cisco wildcard. */
bool tw__cisco_is_mask(const tw_cidr *c);
/* The address sweep's verdict on the address c of a statement: true when
 * it is one (not a mask: after an IPv4 host address, or after a mask
 * keyword when after_kw).  *prev_v4 carries the state from token to token. */
bool tw__cisco_sweep_keep(const tw_cidr *c, bool after_kw, bool *prev_v4);

/* Diagnostics: a warning at file:line. */
void tw__cisco_vwarn(tw_diags *diags, const char *file, uint32_t line, const char *fmt, va_list ap)
    __attribute__((format(printf, 4, 0)));
/* Ends the fact of fs; when it cannot be kept, sets *rc (once) and says so. */
void tw__cisco_end(tw_factset *fs, tw_diags *diags, const char *file, uint32_t line, tw_err *rc);
/* The error of a text larger than TW_LIMIT_FILE_SIZE, or TW_OK. */
tw_err tw__cisco_check_size(tw_diags *diags, const char *file, size_t len);

/* ACL entries: an address operand, an address (or any) or the text of an
 * object group or a non-contiguous wildcard. */
typedef struct {
    bool is_addr;
    tw_cidr addr;
    tw_str text;
} cisco_acl_operand;

/* Whether tok[i] (bounds-checked) is word, case ignored.  tw__cisco_tok_is is
 * inline so that the length of a literal keyword folds to a constant and
 * most tokens are turned away by one length compare; word is lower-case. */
static inline bool tw__cisco_tok_is(const tw_str *tok, size_t ntok, size_t i, const char *word)
{
    size_t n = __builtin_strlen(word);
    const char *t;

    if (i >= ntok || tok[i].len != n)
        return false;
    t = tok[i].ptr;
    for (size_t k = 0; k < n; k++) {
        char c = t[k];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != word[k])
            return false;
    }
    return true;
}
/* Parses the address operand of an ACL entry at tok[*i] (IOS and IOS XR
 * syntax): any (any4, any6), host A, A WILDCARD, A/LEN, an IPv6 prefix, or
 * object-group / addrgroup / net-group NAME, kept as text like a wildcard
 * that is no prefix.  addr parses one address (the caller's own, memoised
 * or not; inline, so each parser gets its own copy with it).  A bare
 * address with no wildcard after it is a host when bare_ok, malformed
 * else.  Moves *i past the operand; false when it is malformed. */
static inline bool tw__cisco_acl_operand(const tw_str *tok, size_t ntok, size_t *i, bool ipv6,
                                         bool bare_ok,
                                         bool (*addr)(void *ud, tw_str s, tw_cidr *out), void *ud,
                                         cisco_acl_operand *o)
{
    tw_cidr w;
    size_t k = *i;
    tw_str next = k + 1 < ntok ? tok[k + 1] : TW_STR_NULL;

    memset(o, 0, sizeof(*o));
    o->is_addr = true;
    if (tw__cisco_tok_is(tok, ntok, k, "any") || tw__cisco_tok_is(tok, ntok, k, "any4") ||
        tw__cisco_tok_is(tok, ntok, k, "any6")) {
        o->addr.addr.family = (ipv6 || tw__cisco_tok_is(tok, ntok, k, "any6")) ? 6 : 4;
        *i = k + 1;
        return true;
    }
    if (tw__cisco_tok_is(tok, ntok, k, "object-group") ||
        tw__cisco_tok_is(tok, ntok, k, "addrgroup") ||
        tw__cisco_tok_is(tok, ntok, k, "net-group")) {
        o->is_addr = false;
        o->text = tw__cisco_span(tok, ntok, k, k + 1);
        *i = k + 2;
        return k + 1 < ntok;
    }
    if (tw__cisco_tok_is(tok, ntok, k, "host")) {
        *i = k + 2;
        return addr(ud, next, &o->addr) && tw_cidr_is_host(&o->addr);
    }
    if (k >= ntok || !addr(ud, tok[k], &o->addr))
        return false;
    *i = k + 1;
    if (o->addr.addr.family == 6 || memchr(tok[k].ptr, '/', tok[k].len) != NULL)
        return true;
    if (!addr(ud, next, &w) || w.addr.family != 4 || !tw_cidr_is_host(&w))
        return bare_ok;
    *i = k + 2;
    if (tw_cidr_from_mask(&o->addr.addr, &w.addr, true, &o->addr) != TW_OK) {
        o->is_addr = false;
        o->text = tw__cisco_span(tok, ntok, k, k + 1);
    }
    return true;
}

/* The port match at *i (eq, neq, lt, gt, range; port-group when
 * port_group), *i moved past it; the null view when there is none. */
tw_str tw__cisco_acl_ports(const tw_str *tok, size_t ntok, size_t *i, bool port_group);
/* The operand o as the fact field name of fs: an address or its text. */
void tw__cisco_acl_put(tw_factset *fs, const char *name, const cisco_acl_operand *o);

/* The number of kinds of character (lower, upper, digit, other) in b[0..n). */
int tw__secret_char_classes(const unsigned char *b, size_t n);
/* "weak" when an SNMP community is a well-known default (public, private,
 * cisco...), shorter than 12 characters or of fewer than three kinds of
 * character; else "ok".  For every dialect's parser; nothing is kept. */
const char *tw__community_strength(tw_str community);
/* The fingerprint of an SNMP community (docs/fleet.md): 16 hex digits of
 * a SipHash keyed with key, into out[17]; "" without a key.  Judged while
 * the community is there; only the fingerprint is kept. */
void tw__community_fingerprint(const unsigned char *key, tw_str community, char out[17]);

/* A syslog level written as a number (0..7) or a name (emergencies,
 * alerts, critical, errors, warnings, notifications, informational,
 * debugging; case-insensitive): its number, or -1. */
int tw__cisco_severity(tw_str s);

/* False for a loopback or Null interface: no neighbour receives its
 * redirects or proxy ARP answers, so the parsers give those settings only
 * for other interfaces. */
bool tw__if_has_neighbours(tw_str name);

/* The AAA method list from token i: "group G" is one method. */
void tw__cisco_aaa_methods(tw_factset *fs, const tw_str *tok, size_t ntok, size_t i);

#endif
