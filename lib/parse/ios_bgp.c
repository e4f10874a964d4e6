/*
 * ios_bgp.c: IOS / IOS XE BGP neighbours (routing_peer).
 *
 * Inside "router bgp N", the statements that say who a neighbour is and
 * how it authenticates are kept in a table keyed by (VRF, name): "neighbor
 * X remote-as N", "neighbor A peer-group G" (and "neighbor G peer-group",
 * which makes G a group), "neighbor X password ...", "neighbor X inherit
 * peer-session T", and a "template peer-session T" with "password",
 * "remote-as" and "inherit peer-session" under it.  Neighbours of
 * "address-family ipv4|ipv6 [unicast] vrf V" are V's.  A neighbour's own settings
 * may come after its group's or template's, so the facts are written once
 * the whole configuration is read: one per neighbour with an address, at
 * the statement that defined it (remote-as, or peer-group when that came
 * first), with its remote AS and password taken from its group or
 * templates when it has none of its own.  The table is bounded; a
 * neighbour past the bound is left out with a warning.
 */
#include <string.h>

#include "ios_int.h"
#include "keymap.h"

#define IS(i, w) tw__ios_is(p, (i), (w))
#define TOK(i) tw__ios_tok(p, (i))

/* Neighbours, peer groups and templates of one configuration. */
#define BGP_MAX 65536
/* Templates inheriting templates: the chain followed. */
#define BGP_CHAIN 8

typedef enum { BGP_PEER, BGP_TEMPLATE } bgp_kind;

typedef struct {
    bgp_kind kind;
    tw_str vrf, name;
    bool is_addr;
    tw_cidr addr;
    uint32_t line; /* the statement that defined the neighbour; 0: none yet */
    tw_str ev, ctx;
    bool has_as;
    int64_t as;
    tw_str group, tmpl; /* peer group; inherited peer-session template */
    uint32_t pw_line;   /* the password statement; 0: none */
    tw_str pw_ev;
} bgp_peer;

struct ios_bgp {
    bgp_peer *v;
    size_t n, cap;
    tw__keymap map; /* (kind, vrf, name) -> index + 1 into v */
    tw_str vrf;     /* the VRF of the address family being read */
    tw_str tmpl;    /* the peer-session template being read */
    bool warned;
};

/* Room for one more entry: the vector doubled when full. */
static bool grow(ios_parser *p, struct ios_bgp *b)
{
    tw_arena *a = p->fs->arena;

    if (b->n == b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 64;
        bgp_peer *v = tw_arena_alloc(a, cap * sizeof(*v));
        if (v == NULL)
            return false;
        if (b->n > 0)
            memcpy(v, b->v, b->n * sizeof(*v));
        b->v = v;
        b->cap = cap;
    }
    return true;
}

/* The entry of (kind, vrf, name); a new one when create; NULL when there
 * is none, or no room. */
static bgp_peer *find(ios_parser *p, bgp_kind kind, tw_str vrf, tw_str name, bool create)
{
    struct ios_bgp *b = p->bgp;
    uint64_t at = tw__keymap_get(&b->map, kind, vrf, name, TW_STR_NULL);
    bgp_peer *e;

    if (at != 0)
        return &b->v[at - 1];
    if (!create)
        return NULL;
    if (b->n >= BGP_MAX || !grow(p, b)) {
        if (!b->warned)
            tw__ios_warn(p, "router bgp: more than %d neighbours; the rest are left out", BGP_MAX);
        b->warned = true;
        return NULL;
    }
    e = &b->v[b->n];
    memset(e, 0, sizeof(*e));
    e->kind = kind;
    e->vrf = vrf;
    e->name = name;
    e->is_addr = kind == BGP_PEER && tw__ios_addr(p, name, &e->addr);
    if (!tw__keymap_put(&b->map, p->fs->arena, kind, vrf, name, TW_STR_NULL, b->n + 1))
        return NULL; /* the arena is full: the entry is not kept */
    b->n++;
    return e;
}

void tw__ios_bgp_open(ios_parser *p)
{
    if (p->bgp == NULL)
        p->bgp = tw_arena_zalloc(p->fs->arena, sizeof(*p->bgp));
    if (p->bgp == NULL) {
        tw__ios_warn(p, "router bgp: out of memory; neighbours are left out");
        return;
    }
    tw__ios_block_open(p, IOS_BLK_BGP, TW_FACT_HOSTNAME, TW_STR_NULL);
}

/* An AS number: digits, or "asdot" X.Y. */
static bool as_number(tw_str s, int64_t *out)
{
    const char *dot = memchr(s.ptr, '.', s.len);
    int64_t hi, lo;

    if (dot == NULL)
        return tw__ios_digits(s) && tw_str_to_i64(s, out) && *out <= 4294967295;
    if (!tw_str_to_i64(tw_str_make(s.ptr, (size_t)(dot - s.ptr)), &hi) ||
        !tw_str_to_i64(tw_str_make(dot + 1, s.len - (size_t)(dot - s.ptr) - 1), &lo) || hi < 0 ||
        hi > 65535 || lo < 0 || lo > 65535)
        return false;
    *out = hi * 65536 + lo;
    return true;
}

/* remote-as N, password ..., inherit peer-session T at token i, for e. */
static void setting(ios_parser *p, bgp_peer *e, size_t i)
{
    if (IS(i, "remote-as")) {
        e->has_as = as_number(TOK(i + 1), &e->as) || e->has_as;
    } else if (IS(i, "password") && i + 1 < p->ntok) {
        e->pw_line = p->lineno;
        e->pw_ev = p->ev;
    } else if (IS(i, "inherit") && IS(i + 1, "peer-session") && i + 2 < p->ntok) {
        e->tmpl = TOK(i + 2);
    }
}

/* The neighbour defined by the current statement, at its first one. */
static void defined(ios_parser *p, bgp_peer *e)
{
    if (e->line != 0)
        return;
    e->line = p->lineno;
    e->ev = p->ev;
    e->ctx = p->ctx;
}

/* neighbor X remote-as N | peer-group [G] | password ... | inherit
 * peer-session T */
static void neighbor(ios_parser *p, size_t t)
{
    bool member = IS(t + 2, "peer-group") && t + 3 < p->ntok;
    bgp_peer *e;

    e = find(p, BGP_PEER, p->bgp->vrf, TOK(t + 1), true);
    if (e == NULL)
        return;
    if (IS(t + 2, "remote-as") || member)
        defined(p, e);
    if (member)
        e->group = TOK(t + 3);
    setting(p, e, t + 2);
}

/* "neighbor X remote-as|peer-group|password|inherit ...": the statements
 * the table keeps.  The third word is tested first: it turns nearly every
 * other neighbour statement away on its length. */
static bool kept(const ios_parser *p, size_t t)
{
    return (IS(t + 2, "remote-as") || IS(t + 2, "peer-group") || IS(t + 2, "password") ||
            IS(t + 2, "inherit")) &&
           IS(t, "neighbor");
}

void tw__ios_bgp_line(ios_parser *p, bool neg, size_t t)
{
    struct ios_bgp *b = p->bgp;

    if (b == NULL)
        return;
    if (p->depth == 1) {
        b->vrf = b->tmpl = TW_STR_NULL;
        if (neg)
            return;
        if (kept(p, t))
            neighbor(p, t);
        else if (IS(t, "address-family"))
            b->vrf = IS(t + 2, "vrf") ? TOK(t + 3) : IS(t + 3, "vrf") ? TOK(t + 4) : TW_STR_NULL;
        else if (IS(t, "template") && IS(t + 1, "peer-session"))
            b->tmpl = TOK(t + 2);
        return;
    }
    if (neg || p->depth != 2)
        return;
    if (b->tmpl.len > 0) {
        bgp_peer *e = find(p, BGP_TEMPLATE, TW_STR_NULL, b->tmpl, true);
        if (e != NULL)
            setting(p, e, t);
    } else if (kept(p, t)) {
        neighbor(p, t);
    }
}

/* ---- emission --------------------------------------------------------- */

/* Where a neighbour's settings come from, first found first: itself, its
 * templates, its peer group, the group's templates. */
typedef struct {
    const bgp_peer *v[2 * (BGP_CHAIN + 1)];
    size_t n;
} bgp_sources;

static void add_chain(ios_parser *p, bgp_sources *s, const bgp_peer *e)
{
    for (int k = 0; e != NULL && k <= BGP_CHAIN; k++) {
        s->v[s->n++] = e;
        e = e->tmpl.len > 0 ? find(p, BGP_TEMPLATE, TW_STR_NULL, e->tmpl, false) : NULL;
    }
}

static void sources(ios_parser *p, const bgp_peer *e, bgp_sources *s)
{
    const bgp_peer *g = NULL;

    s->n = 0;
    add_chain(p, s, e);
    if (e->group.len > 0) {
        g = find(p, BGP_PEER, e->vrf, e->group, false);
        if (g == NULL && e->vrf.len > 0)
            g = find(p, BGP_PEER, TW_STR_NULL, e->group, false);
    }
    add_chain(p, s, g);
}

static void emit(ios_parser *p, const bgp_peer *e)
{
    bgp_sources s;
    const bgp_peer *as = NULL, *pw = NULL;

    sources(p, e, &s);
    for (size_t i = 0; i < s.n; i++) {
        as = as == NULL && s.v[i]->has_as ? s.v[i] : as;
        pw = pw == NULL && s.v[i]->pw_line != 0 ? s.v[i] : pw;
    }
    tw_factset_begin(p->fs, TW_FACT_ROUTING_PEER, e->line, e->ev, e->ctx);
    tw_factset_str(p->fs, "protocol", TW_STR("bgp"));
    tw_factset_addr_text(p->fs, "address", &e->addr, e->name);
    if (as != NULL)
        tw_factset_num(p->fs, "remote_as", as->as);
    if (e->group.len > 0)
        tw_factset_str(p->fs, "group", e->group);
    if (e->vrf.len > 0)
        tw_factset_str(p->fs, "vrf", e->vrf);
    tw_factset_bool(p->fs, "auth", pw != NULL);
    if (pw != NULL)
        tw_factset_field_at(p->fs, pw->pw_line, pw->pw_ev);
    tw__ios_end(p);
}

void tw__ios_bgp_emit(ios_parser *p)
{
    const struct ios_bgp *b = p->bgp;

    for (size_t i = 0; b != NULL && i < b->n && p->rc == TW_OK; i++) {
        const bgp_peer *e = &b->v[i];
        if (e->kind == BGP_PEER && e->is_addr && e->line != 0)
            emit(p, e);
    }
}
