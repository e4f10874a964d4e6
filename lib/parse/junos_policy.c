/*
 * junos_policy.c: Junos routing policy, brace and set form alike.
 *
 * "policy-options prefix-list NAME P" is one prefix_list fact per prefix
 * (action permit, seq its 1-based position in the list, family from the
 * prefix); "policy-options route-filter-list NAME P exact|orlonger|longer|
 * upto /N|prefix-length-range /A-/B [reject]" one per entry, its match
 * type read as IOS bounds (orlonger: le 32 or 128; longer: ge L+1 and le
 * the maximum; upto /N: le N; prefix-length-range /A-/B: ge A, le B), its
 * action deny for "reject", else permit; "through" ranges are not read.
 * A prefix written twice in one list is one entry, as Junos keeps it.
 *
 * "policy-options policy-statement NAME term T from|then ..." gathers the
 * term in a group (junos_stmt.c); when it closes, it is one route_map
 * fact: name the policy's, seq the term's position in the policy times
 * 10, action permit for "then accept", deny for "then reject", permit
 * when neither is written; every "from" statement a match field and
 * every other "then" statement a set field (the words after the keyword,
 * as written), each at its own line.  "then next term|policy" (flow
 * control) and "to" are not read.  The from and then statements written
 * outside any term make a term of their own, numbered where it is first
 * read.
 *
 * Positions are kept in a hash table keyed by the list or policy name, so
 * a set-form configuration whose statements interleave gives the numbers
 * the brace form does.
 */
#include <stdint.h>
#include <string.h>

#include "junos_int.h"

#define W(i) tw__jn_w(p, (i))
#define IS(i, s) tw__jn_is(p, (i), (s))
#define N() tw__jn_n(p)

/* A name in a warning: at most 64 bytes of it. */
#define NAME_ARG(s) (int)((s).len > 64 ? 64 : (s).len), (s).ptr

/* Keys of the position table (jn_parser.pos). */
enum {
    KEY_POLICY = 1, /* a: policy; val: its term counter (int64_t *) */
    KEY_TERM,       /* a: policy, b: term; val: the term's position */
    KEY_PLIST,      /* a: prefix list; val: its entry counter */
    KEY_PENTRY,     /* a: prefix list, b: prefix; val: 1 */
    KEY_RFLIST,     /* a: route filter list; val: its entry counter */
    KEY_RFENTRY,    /* a: route filter list, b: prefix, c: match type; val: 1 */
};

/* The counter of name under kind, made at 0 when new; NULL when out of
 * memory (the parse then stops). */
static int64_t *counter(jn_parser *p, uint32_t kind, tw_str name)
{
    uint64_t v = tw__keymap_get(&p->pos, kind, name, TW_STR(""), TW_STR(""));
    int64_t *n;

    if (v != 0)
        return (int64_t *)(uintptr_t)v;
    n = tw_arena_zalloc(p->fs->arena, sizeof(*n));
    if (n == NULL ||
        !tw__keymap_put(&p->pos, p->fs->arena, kind, name, TW_STR(""), TW_STR(""), (uintptr_t)n)) {
        p->rc = TW_ENOMEM;
        return NULL;
    }
    return n;
}

/* The next position of list (kind) for the entry key (b, c), or 0 when the
 * entry was read before (or memory ran out). */
static int64_t next_entry(jn_parser *p, uint32_t kind, tw_str list, tw_str b, tw_str c)
{
    int64_t *n;

    if (tw__keymap_get(&p->pos, kind + 1, list, b, c) != 0)
        return 0;
    n = counter(p, kind, list);
    if (n == NULL || !tw__keymap_put(&p->pos, p->fs->arena, kind + 1, list, b, c, 1)) {
        p->rc = TW_ENOMEM;
        return 0;
    }
    return ++*n;
}

/* ---- prefix lists and route filter lists ------------------------------- */

/* One list entry as read. */
typedef struct {
    tw_cidr prefix;
    tw_str text;
    int64_t seq, ge, le; /* -1: not written */
    bool deny;
} pfx_entry;

static void entry_fact(jn_parser *p, tw_str name, const pfx_entry *e)
{
    tw__jn_begin(p, TW_FACT_PREFIX_LIST);
    tw_factset_str(p->fs, "name", name);
    tw_factset_str(p->fs, "family", e->prefix.addr.family == 4 ? TW_STR("ipv4") : TW_STR("ipv6"));
    tw_factset_num(p->fs, "seq", e->seq);
    tw_factset_str(p->fs, "action", e->deny ? TW_STR("deny") : TW_STR("permit"));
    tw_factset_addr_text(p->fs, "prefix", &e->prefix, e->text);
    if (e->ge >= 0)
        tw_factset_num(p->fs, "ge", e->ge);
    if (e->le >= 0)
        tw_factset_num(p->fs, "le", e->le);
    tw__jn_end(p);
}

/* prefix-list NAME P (words from 1): "apply-path" and an empty list give
 * nothing; P may be an address alone (a host). */
static void prefix_list(jn_parser *p)
{
    tw_str name = W(2);
    pfx_entry e = {.text = W(3), .ge = -1, .le = -1};

    if (N() < 4 || IS(3, "apply-path"))
        return;
    if (N() != 4 || !tw__jn_addr(e.text, &e.prefix)) {
        tw__jn_warn(p, "prefix-list %.*s: cannot parse the entry", NAME_ARG(name));
        return;
    }
    e.seq = next_entry(p, KEY_PLIST, name, e.text, TW_STR(""));
    if (e.seq > 0)
        entry_fact(p, name, &e);
}

/* "/N" as a length up to max. */
static bool slash_len(tw_str s, int64_t max, int64_t *out)
{
    return s.len > 1 && s.ptr[0] == '/' && tw__jn_num(tw_str_make(s.ptr + 1, s.len - 1), out) &&
           *out <= max;
}

/* The bounds of the match type at word i; 0 when read, 1 when not read
 * (through), -1 when malformed. */
static int rf_bounds(jn_parser *p, size_t i, pfx_entry *e)
{
    int64_t max = e->prefix.addr.family == 4 ? 32 : 128, len = e->prefix.plen;
    tw_str r = W(i + 1);
    const char *dash = memchr(r.ptr, '-', r.len);

    if (IS(i, "exact"))
        return 0;
    if (IS(i, "through"))
        return 1;
    if (IS(i, "orlonger") || (IS(i, "longer") && len < max)) {
        e->ge = IS(i, "longer") ? len + 1 : -1;
        e->le = max;
        return 0;
    }
    if (IS(i, "upto") && slash_len(r, max, &e->le) && e->le >= len)
        return 0;
    if (IS(i, "prefix-length-range") && dash != NULL &&
        slash_len(tw_str_make(r.ptr, (size_t)(dash - r.ptr)), max, &e->ge) &&
        slash_len(tw_str_make(dash + 1, r.len - (size_t)(dash - r.ptr) - 1), max, &e->le) &&
        e->ge >= len && e->ge <= e->le)
        return 0;
    return -1;
}

/* route-filter-list NAME P TYPE [ARG] [ACTION...] */
static void route_filter_list(jn_parser *p)
{
    tw_str name = W(2);
    pfx_entry e = {.text = W(3), .ge = -1, .le = -1};
    int r;

    if (N() < 4)
        return;
    r = tw__jn_addr(e.text, &e.prefix) ? rf_bounds(p, 4, &e) : -1;
    if (r < 0) {
        tw__jn_warn(p, "route-filter-list %.*s: cannot parse the entry", NAME_ARG(name));
        return;
    }
    if (r > 0)
        return;
    for (size_t i = 5; i < N(); i++)
        e.deny = e.deny || IS(i, "reject");
    e.seq = next_entry(p, KEY_RFLIST, name, e.text, W(4));
    if (e.seq > 0)
        entry_fact(p, name, &e);
}

/* ---- policy statements ------------------------------------------------ */

/* The position of term in policy (1 for the first term read). */
static int64_t term_position(jn_parser *p, tw_str policy, tw_str term)
{
    uint64_t v = tw__keymap_get(&p->pos, KEY_TERM, policy, term, TW_STR(""));
    int64_t *n;

    if (v != 0)
        return (int64_t)v;
    n = counter(p, KEY_POLICY, policy);
    if (n == NULL)
        return 0;
    ++*n;
    if (!tw__keymap_put(&p->pos, p->fs->arena, KEY_TERM, policy, term, TW_STR(""), (uint64_t)*n)) {
        p->rc = TW_ENOMEM;
        return 0;
    }
    return *n;
}

/* The fields a term's group holds: the fact adds name, seq and (when no
 * then accept|reject gave one) action, within TW_LIMIT_FIELDS. */
#define TERM_FIELDS (TW_LIMIT_FIELDS - 3)

/* A match or set field of the term (or with action set, its action), or
 * one warning once the group is full (the flag of a policy group). */
static void term_field(jn_parser *p, const char *name, tw_str v)
{
    jn_group *g = &p->g;

    if (g->nfields < TERM_FIELDS || (name[0] == 'a' && g->nfields == TERM_FIELDS)) {
        tw__jn_gstr(p, name, v);
        return;
    }
    if (!g->flag)
        tw__jn_warn(p,
                    "policy-statement %.*s: more than %d statements in a term, the rest not read",
                    NAME_ARG(g->name), TERM_FIELDS);
    g->flag = true;
}

/* policy-statement NAME [term T] from|then|to ... */
static void policy_statement(jn_parser *p)
{
    size_t k = IS(3, "term") ? 5 : 3;
    tw_str term = k == 5 ? W(4) : TW_STR("");
    jn_group *g;

    if (N() < k + 2 || !(IS(k, "from") || IS(k, "then")))
        return;
    g = tw__jn_group(p, JN_G_POLICY, k);
    if (g->name.len == 0) {
        g->name = W(2);
        g->sub = term;
        g->seq = term_position(p, W(2), term) * 10;
    }
    if (IS(k, "from"))
        term_field(p, "match", tw__jn_join(p, k + 1));
    else if (IS(k + 1, "accept") || IS(k + 1, "reject"))
        term_field(p, "action", IS(k + 1, "accept") ? TW_STR("permit") : TW_STR("deny"));
    else if (!IS(k + 1, "next"))
        term_field(p, "set", tw__jn_join(p, k + 1));
}

void tw__jn_policy_flush(jn_parser *p)
{
    const jn_group *g = &p->g;

    tw_factset_begin(p->fs, TW_FACT_ROUTE_MAP, g->line, g->ev, TW_STR_NULL);
    tw_factset_str(p->fs, "name", g->name);
    if (!tw__jn_has_field(g, "action"))
        tw_factset_str(p->fs, "action", TW_STR("permit"));
    tw_factset_num(p->fs, "seq", g->seq);
    for (uint32_t i = 0; i < g->nfields; i++) {
        const jn_field *f = &g->fields[i];
        tw_factset_str(p->fs, f->name, f->str);
        if (f->line != g->line)
            tw_factset_field_at(p->fs, f->line, f->ev);
    }
    tw__jn_end(p);
}

void tw__jn_policy(jn_parser *p)
{
    if (N() < 3)
        return;
    if (IS(1, "prefix-list"))
        prefix_list(p);
    else if (IS(1, "route-filter-list"))
        route_filter_list(p);
    else if (IS(1, "policy-statement"))
        policy_statement(p);
}
