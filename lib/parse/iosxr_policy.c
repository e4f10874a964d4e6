/*
 * iosxr_policy.c: IOS XR routing policy: prefix-sets and route-policies.
 *
 * A prefix-set ("prefix-set NAME", its elements, "end-set") gives one
 * prefix_list fact per element, at the element's line: the action is
 * permit (a set only lists prefixes) and the sequence number is the
 * element's 1-based position in the set, since XR numbers none.  Elements
 * are separated by commas, one or several on a line: "10.0.0.0/8 le 24,".
 *
 * A route-policy is written in RPL, a language with conditions, not a
 * list of entries: it gives ONE route_map fact, at the "route-policy"
 * line, when the block closes (at "end-policy"), with action permit and
 * sequence number 10, whose match fields are the conditions of its "if"
 * and "elseif" statements (the text between the keyword and "then") and
 * whose set fields are its "set" statements, each at its own line,
 * whatever the nesting.  drop, pass, done, apply, delete, prepend and the
 * other statements are not read.  A fact holds at most TW_LIMIT_FIELDS
 * fields: the statements past that are left out with one warning.
 */
#include <string.h>

#include "iosxr_int.h"

#define IS(i, w) tw__xr_is(p, (i), (w))
#define TOK(i) tw__xr_tok(p, (i))

/* A name in a warning: at most 64 bytes of it. */
#define NAME_ARG(s) (int)((s).len > 64 ? 64 : (s).len), (s).ptr

/* ---- prefix-sets ------------------------------------------------------ */

void tw__xr_prefix_set_open(xr_parser *p, size_t t)
{
    tw__xr_block_open(p, XR_BLK_PREFIXSET, TW_FACT_PREFIX_LIST, TOK(t + 1));
    p->blk.pos = 0;
}

/* One element as read. */
typedef struct {
    tw_cidr prefix;
    tw_str text;    /* the prefix as written */
    int64_t ge, le; /* -1: not written */
} xr_elem;

/* A prefix length bound: a number up to max. */
static bool bound(tw_str s, int64_t max, int64_t *out)
{
    return tw__xr_num(s, out) && *out <= max;
}

/* Reads the element of tokens [b, e): P/L [ge X] [le Y] | [eq Z]; false
 * when it is malformed (no /len, a bound past the family's length or
 * given twice, an unknown word). */
static bool elem_parse(xr_parser *p, size_t b, size_t e, xr_elem *x)
{
    int64_t max;

    x->ge = x->le = -1;
    x->text = TOK(b);
    if (e <= b || memchr(x->text.ptr, '/', x->text.len) == NULL ||
        !tw__xr_addr(x->text, &x->prefix))
        return false;
    max = x->prefix.addr.family == 4 ? 32 : 128;
    for (size_t i = b + 1; i < e; i += 2) {
        int64_t *v = IS(i, "ge") ? &x->ge : IS(i, "le") ? &x->le : NULL;
        if (IS(i, "eq") && x->ge < 0 && x->le < 0 && i + 1 < e && bound(TOK(i + 1), max, &x->ge)) {
            x->le = x->ge;
            continue;
        }
        if (v == NULL || *v >= 0 || i + 1 >= e || !bound(TOK(i + 1), max, v))
            return false;
    }
    return true;
}

static void elem_fact(xr_parser *p, const xr_elem *x)
{
    tw__xr_begin(p, TW_FACT_PREFIX_LIST);
    tw_factset_str(p->fs, "name", p->blk.name);
    tw_factset_str(p->fs, "family", x->prefix.addr.family == 4 ? TW_STR("ipv4") : TW_STR("ipv6"));
    tw_factset_num(p->fs, "seq", p->blk.pos);
    tw_factset_str(p->fs, "action", TW_STR("permit"));
    tw_factset_addr_text(p->fs, "prefix", &x->prefix, x->text);
    if (x->ge >= 0)
        tw_factset_num(p->fs, "ge", x->ge);
    if (x->le >= 0)
        tw_factset_num(p->fs, "le", x->le);
    tw__xr_end(p);
}

/* The element of tokens [b, e): a fact, or a warning. */
static void element(xr_parser *p, size_t b, size_t e)
{
    xr_elem x;

    p->blk.pos++;
    if (!elem_parse(p, b, e, &x)) {
        tw__xr_warn(p, "prefix-set %.*s: cannot parse element %lld", NAME_ARG(p->blk.name),
                    (long long)p->blk.pos);
        return;
    }
    elem_fact(p, &x);
}

/* The elements of the line: a trailing comma ends one ("10.0.0.0/8 le
 * 24,"), and so does a lone "," or the end of the line.  The commas are
 * taken off the tokens, which the address sweep reads next. */
void tw__xr_prefix_set_line(xr_parser *p, size_t t)
{
    size_t b = t;

    for (size_t i = t; i < p->ntok && p->rc == TW_OK; i++) {
        tw_str *w = &p->tok[i];
        bool comma = w->len > 0 && w->ptr[w->len - 1] == ',';
        if (comma)
            w->len--;
        if (comma && (w->len > 0 || i > b))
            element(p, b, i + (w->len > 0));
        if (comma)
            b = i + 1;
    }
    if (b < p->ntok && p->rc == TW_OK)
        element(p, b, p->ntok);
}

/* ---- route-policies --------------------------------------------------- */

/* route-policy NAME[(PARAMS)]: the name without its parameters. */
void tw__xr_rpl_open(xr_parser *p, size_t t)
{
    tw_str name = TOK(t + 1);
    const char *paren = memchr(name.ptr, '(', name.len);

    if (paren != NULL)
        name.len = (size_t)(paren - name.ptr);
    tw__xr_block_open(p, XR_BLK_RPL, TW_FACT_ROUTE_MAP, name);
    p->blk.full = false;
    tw__xr_blk_str(p, "name", name, false);
    tw__xr_blk_str(p, "action", TW_STR("permit"), false);
    tw__xr_blk_num(p, "seq", 10, false);
}

/* A match or set field at this line, or one warning once the fact is
 * full. */
static void rpl_field(xr_parser *p, const char *name, tw_str v)
{
    if (p->blk.nfields < TW_LIMIT_FIELDS) {
        tw__xr_blk_str(p, name, v, true);
        return;
    }
    if (!p->blk.full)
        tw__xr_warn(p, "route-policy %.*s: more than %d statements, the rest not read",
                    NAME_ARG(p->blk.name), TW_LIMIT_FIELDS - 3);
    p->blk.full = true;
}

/* if COND then ; elseif COND then ; set ...  (at any depth) */
void tw__xr_rpl_line(xr_parser *p, size_t t)
{
    size_t then = p->ntok;

    if (IS(t, "set") && t + 1 < p->ntok) {
        rpl_field(p, "set", tw__xr_rest(p, t + 1));
        return;
    }
    if (!IS(t, "if") && !IS(t, "elseif"))
        return;
    if (IS(p->ntok - 1, "then"))
        then = p->ntok - 1;
    if (then <= t + 1) {
        tw__xr_warn(p, "route-policy %.*s: cannot read the condition", NAME_ARG(p->blk.name));
        return;
    }
    rpl_field(p, "match", tw__xr_span(p, t + 1, then - 1));
}
