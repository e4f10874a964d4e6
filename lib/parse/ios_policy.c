/*
 * ios_policy.c: IOS / IOS XE routing policy: route-map entries and
 * prefix-list entries.
 *
 * A route-map header opens a block (gathered by ios_block.c): the entry's
 * name, action and sequence number come from the header, with IOS's
 * defaults (permit, 10) where they are not written, and every "match" and
 * "set" line under it is a field at its own line; the route_map fact is
 * emitted at the header's line when the block closes.  A prefix-list
 * entry is one statement and one prefix_list fact.  A header or entry
 * that cannot be read (a sequence number or length that is no number, a
 * prefix that is no prefix) gives a warning and no fact.
 */
#include <stdint.h>
#include <string.h>

#include "ios_int.h"

#define IS(i, w) tw__ios_is(p, (i), (w))
#define TOK(i) tw__ios_tok(p, (i))

/* A name in a warning: at most 64 bytes of it. */
#define NAME_ARG(s) (int)((s).len > 64 ? 64 : (s).len), (s).ptr

/* Reads the decimal number s, at most max, into *out. */
static bool number(tw_str s, uint64_t max, int64_t *out)
{
    uint64_t v;

    if (!tw__ios_digits(s) || !tw_str_to_u64(s, max, &v))
        return false;
    *out = (int64_t)v;
    return true;
}

/* ---- route maps ------------------------------------------------------- */

void tw__ios_route_map_open(ios_parser *p, size_t t)
{
    tw_str name = TOK(t + 1), action = TW_STR("permit");
    size_t i = t + 2;
    int64_t seq = 10;

    /* an audit without a baseline keeps no route map (audit.c): its match
     * and set lines then fall in an ordinary block */
    if (name.len == 0 || TW_FACTSET_SKIPS(p->fs, TW_FACT_ROUTE_MAP))
        return;
    if (IS(i, "deny"))
        action = TW_STR("deny");
    if (IS(i, "permit") || IS(i, "deny"))
        i++;
    if ((i < p->ntok && !number(TOK(i), UINT32_MAX, &seq)) || i + 1 < p->ntok) {
        tw__ios_warn(p, "route-map %.*s: cannot parse the action or sequence number",
                     NAME_ARG(name));
        return;
    }
    tw__ios_block_open(p, IOS_BLK_ROUTEMAP, TW_FACT_ROUTE_MAP, name);
    tw__ios_blk_str(p, "name", name, false);
    tw__ios_blk_str(p, "action", action, false);
    tw__ios_blk_num(p, "seq", seq, false);
}

/* match ... / set ...: the statement after the keyword, as written. */
void tw__ios_route_map_line(ios_parser *p, size_t t)
{
    if (p->depth != 1 || t + 1 >= p->ntok)
        return;
    if (IS(t, "match"))
        tw__ios_blk_str(p, "match", tw__ios_rest(p, t + 1), true);
    else if (IS(t, "set"))
        tw__ios_blk_str(p, "set", tw__ios_rest(p, t + 1), true);
}

/* ---- prefix lists ----------------------------------------------------- */

/* One prefix-list entry as read. */
typedef struct {
    int64_t seq, ge, le; /* -1: not written */
    bool deny;
    tw_cidr prefix;
    tw_str text; /* the prefix as written */
} pfx_entry;

/* Reads the bounds of the prefix length from token i ([ge X] [le Y], or
 * eq X: ge X le X); false when they are malformed. */
static bool pfx_bounds(ios_parser *p, size_t i, uint64_t max, pfx_entry *e)
{
    for (; i < p->ntok; i += 2) {
        int64_t *bound = IS(i, "ge") ? &e->ge : IS(i, "le") ? &e->le : NULL;

        if (IS(i, "eq") && e->ge < 0 && e->le < 0 && number(TOK(i + 1), max, &e->ge)) {
            e->le = e->ge;
            continue;
        }
        if (bound == NULL || *bound >= 0 || !number(TOK(i + 1), max, bound))
            return false;
    }
    return true;
}

/* Reads the entry from token i ([seq] [N] permit|deny P/L [ge X] [le Y]);
 * false when it is malformed. */
static bool pfx_parse(ios_parser *p, size_t i, bool ipv6, pfx_entry *e)
{
    bool seq_kw = IS(i, "seq"); /* the keyword may be left out */

    e->seq = e->ge = e->le = -1;
    i += seq_kw;
    if (number(TOK(i), UINT32_MAX, &e->seq))
        i++;
    else if (seq_kw)
        return false;
    if (!IS(i, "permit") && !IS(i, "deny"))
        return false;
    e->deny = IS(i, "deny");
    e->text = TOK(i + 1);
    if (e->text.len == 0 || memchr(e->text.ptr, '/', e->text.len) == NULL ||
        !tw__ios_addr(p, e->text, &e->prefix))
        return false;
    return pfx_bounds(p, i + 2, ipv6 ? 128 : 32, e);
}

void tw__ios_prefix_list(ios_parser *p, size_t t, bool ipv6)
{
    tw_str name = TOK(t + 2);
    pfx_entry e;

    /* "ip prefix-list NAME description ..." and the global "ip
     * prefix-list sequence-number" say nothing of an entry; an audit
     * without a baseline keeps no prefix list (audit.c) */
    if (t + 3 >= p->ntok || IS(t + 3, "description") ||
        TW_FACTSET_SKIPS(p->fs, TW_FACT_PREFIX_LIST))
        return;
    if (!pfx_parse(p, t + 3, ipv6, &e)) {
        tw__ios_warn(p, "prefix-list %.*s: cannot parse the entry", NAME_ARG(name));
        return;
    }
    tw__ios_begin(p, TW_FACT_PREFIX_LIST);
    tw_factset_str(p->fs, "name", name);
    tw_factset_str(p->fs, "family", ipv6 ? TW_STR("ipv6") : TW_STR("ipv4"));
    if (e.seq >= 0)
        tw_factset_num(p->fs, "seq", e.seq);
    tw_factset_str(p->fs, "action", e.deny ? TW_STR("deny") : TW_STR("permit"));
    tw_factset_addr_text(p->fs, "prefix", &e.prefix, e.text);
    if (e.ge >= 0)
        tw_factset_num(p->fs, "ge", e.ge);
    if (e.le >= 0)
        tw_factset_num(p->fs, "le", e.le);
    tw__ios_end(p);
}
