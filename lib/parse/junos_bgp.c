/*
 * junos_bgp.c: Junos BGP neighbours as routing_peer facts.
 *
 * A neighbour's settings come from three levels: the neighbour itself
 * ("protocols bgp group G neighbor A ..."), its group ("protocols bgp group
 * G ...") and the protocol ("protocols bgp ..."), each in the master
 * instance or a routing instance ("routing-instances V protocols bgp ...",
 * vrf V).  A level may be written after the neighbours it covers (and a
 * "groups" template anywhere), so every level is collected here while the
 * input is read and the facts are made at the end: a neighbour is
 * authenticated when an authentication-key or authentication-key-chain
 * stands at any of its levels, the nearest one giving the field its line.
 * Its remote AS is the nearest peer-as; an internal group's neighbours
 * have the local AS (local-as, else the instance's autonomous-system, else
 * the master's).  Objects are found by a hash of (level, vrf, group,
 * address) so that a set-form file with many neighbours stays linear.
 */
#include <string.h>

#include "junos_int.h"
#include "keymap.h"

#define W(i) tw__jn_w(p, (i))
#define IS(i, s) tw__jn_is(p, (i), (s))
#define N() tw__jn_n(p)

typedef enum { BGP_INSTANCE, BGP_PROTO, BGP_GROUP, BGP_PEER } bgp_level;

/* A number with the statement that set it (line 0: not set). */
typedef struct {
    int64_t v;
    jn_mark at;
} bgp_num;

typedef struct bgp_obj {
    bgp_level level;
    tw_str vrf, group, addr; /* the key; empty where the level has none */
    jn_mark first;           /* the first statement that names it */
    tw_cidr cidr;            /* BGP_PEER: the neighbour's address */
    jn_mark auth;            /* authentication-key / authentication-key-chain */
    bgp_num peer_as;
    bgp_num local_as; /* BGP_INSTANCE: its autonomous-system */
    bool internal;    /* type internal */
    struct bgp_obj *next;
} bgp_obj;

struct jn_bgp {
    tw__keymap map;       /* the key -> the object's address */
    bgp_obj *head, *tail; /* in the order first named */
};

static bgp_obj *find(const struct jn_bgp *b, bgp_level level, tw_str vrf, tw_str group, tw_str addr)
{
    return (bgp_obj *)(uintptr_t)tw__keymap_get(&b->map, level, vrf, group, addr);
}

static bgp_obj *add(jn_parser *p, bgp_level level, tw_str vrf, tw_str group, tw_str addr)
{
    struct jn_bgp *b = p->bgp;
    bgp_obj *o = tw_arena_zalloc(p->fs->arena, sizeof(*o));

    if (o == NULL || !tw__keymap_put(&b->map, p->fs->arena, level, vrf, group, addr, (uintptr_t)o))
        return NULL;
    o->level = level;
    o->vrf = vrf;
    o->group = group;
    o->addr = addr;
    o->first.line = p->line;
    o->first.ev = p->ev;
    if (b->tail != NULL)
        b->tail->next = o;
    else
        b->head = o;
    b->tail = o;
    return o;
}

/* The object of (level, vrf, group, addr), made when new; NULL (and
 * p->rc set) when memory runs out. */
static bgp_obj *object(jn_parser *p, bgp_level level, tw_str vrf, tw_str group, tw_str addr)
{
    bgp_obj *o;

    if (p->bgp == NULL)
        p->bgp = tw_arena_zalloc(p->fs->arena, sizeof(*p->bgp));
    o = p->bgp != NULL ? find(p->bgp, level, vrf, group, addr) : NULL;
    if (o == NULL && p->bgp != NULL)
        o = add(p, level, vrf, group, addr);
    if (o == NULL)
        p->rc = TW_ENOMEM;
    return o;
}

/* ---- statements -------------------------------------------------------- */

static void set_mark(jn_parser *p, jn_mark *m)
{
    if (m->line == 0) {
        m->line = p->line;
        m->ev = p->ev;
    }
}

static void set_num(jn_parser *p, bgp_num *n, tw_str s)
{
    if (n->at.line == 0 && tw__jn_num(s, &n->v))
        set_mark(p, &n->at);
}

/* A setting of any level at word i. */
static void setting(jn_parser *p, bgp_obj *o, size_t i)
{
    if ((IS(i, "authentication-key") && p->has_secret) ||
        (IS(i, "authentication-key-chain") && N() > i + 1))
        set_mark(p, &o->auth);
    else if (IS(i, "peer-as"))
        set_num(p, &o->peer_as, W(i + 1));
    else if (IS(i, "local-as"))
        set_num(p, &o->local_as, W(i + 1));
    else if (IS(i, "type"))
        o->internal = o->internal || IS(i + 1, "internal");
}

/* [group G] neighbor A ... from word i: the neighbour; false when the
 * words name none. */
static bool neighbor(jn_parser *p, size_t i, tw_str vrf, tw_str group)
{
    tw_cidr c;
    bgp_obj *o;

    if (!IS(i, "neighbor") || !tw__jn_addr(W(i + 1), &c))
        return false;
    o = object(p, BGP_PEER, vrf, group, W(i + 1));
    if (o == NULL)
        return true;
    o->cidr = c;
    setting(p, o, i + 2);
    return true;
}

void tw__jn_bgp(jn_parser *p, size_t i, tw_str vrf)
{
    tw_str group = TW_STR_NULL;
    bgp_obj *o;

    if (IS(i, "group") && N() > i + 1) {
        group = W(i + 1);
        i += 2;
    }
    if (IS(i, "neighbor") && neighbor(p, i, vrf, group))
        return;
    o = object(p, group.len > 0 ? BGP_GROUP : BGP_PROTO, vrf, group, TW_STR_NULL);
    if (o != NULL)
        setting(p, o, i);
}

void tw__jn_bgp_as(jn_parser *p, size_t i, tw_str vrf)
{
    bgp_obj *o = object(p, BGP_INSTANCE, vrf, TW_STR_NULL, TW_STR_NULL);

    if (o != NULL)
        set_num(p, &o->local_as, W(i + 1));
}

/* ---- the facts ----------------------------------------------------------- */

/* The levels above a neighbour, nearest first; absent ones are NULL. */
typedef struct {
    const bgp_obj *v[5]; /* peer, group, protocol, instance, master */
} bgp_chain;

static bgp_chain chain_of(const struct jn_bgp *b, const bgp_obj *peer)
{
    bgp_chain c = {{peer, NULL, NULL, NULL, NULL}};

    if (peer->group.len > 0)
        c.v[1] = find(b, BGP_GROUP, peer->vrf, peer->group, TW_STR_NULL);
    c.v[2] = find(b, BGP_PROTO, peer->vrf, TW_STR_NULL, TW_STR_NULL);
    c.v[3] = find(b, BGP_INSTANCE, peer->vrf, TW_STR_NULL, TW_STR_NULL);
    if (peer->vrf.len > 0)
        c.v[4] = find(b, BGP_INSTANCE, TW_STR_NULL, TW_STR_NULL, TW_STR_NULL);
    return c;
}

/* The authentication of the nearest of neighbour, group and protocol. */
static const jn_mark *nearest_auth(const bgp_chain *c)
{
    for (size_t i = 0; i < 3; i++) {
        if (c->v[i] != NULL && c->v[i]->auth.line != 0)
            return &c->v[i]->auth;
    }
    return NULL;
}

/* The nearest peer-as; for an internal neighbour without one, the
 * nearest local AS (local-as, the instance's, the master's). */
static const bgp_num *nearest_as(const bgp_chain *c)
{
    bool internal = false;

    for (size_t i = 0; i < 3; i++) {
        if (c->v[i] != NULL && c->v[i]->peer_as.at.line != 0)
            return &c->v[i]->peer_as;
        internal = internal || (c->v[i] != NULL && c->v[i]->internal);
    }
    for (size_t i = 0; internal && i < 5; i++) {
        if (c->v[i] != NULL && c->v[i]->local_as.at.line != 0)
            return &c->v[i]->local_as;
    }
    return NULL;
}

/* Gives the field added last its own line when it is not the fact's. */
static void field_line(jn_parser *p, const jn_mark *m, uint32_t line)
{
    if (m->line != line)
        tw_factset_field_at(p->fs, m->line, m->ev);
}

static void peer_fact(jn_parser *p, const bgp_obj *o)
{
    bgp_chain c = chain_of(p->bgp, o);
    const jn_mark *auth = nearest_auth(&c);
    const bgp_num *as = nearest_as(&c);

    tw_factset_begin(p->fs, TW_FACT_ROUTING_PEER, o->first.line, o->first.ev, TW_STR_NULL);
    tw_factset_str(p->fs, "protocol", TW_STR("bgp"));
    tw_factset_addr_text(p->fs, "address", &o->cidr, o->addr);
    if (as != NULL) {
        tw_factset_num(p->fs, "remote_as", as->v);
        field_line(p, &as->at, o->first.line);
    }
    if (o->group.len > 0)
        tw_factset_str(p->fs, "group", o->group);
    if (o->vrf.len > 0)
        tw_factset_str(p->fs, "vrf", o->vrf);
    tw_factset_bool(p->fs, "auth", auth != NULL);
    if (auth != NULL)
        field_line(p, auth, o->first.line);
    p->line = o->first.line;
    tw__jn_end(p);
}

void tw__jn_bgp_finish(jn_parser *p)
{
    for (const bgp_obj *o = p->bgp != NULL ? p->bgp->head : NULL; o != NULL && p->rc == TW_OK;
         o = o->next) {
        if (o->level == BGP_PEER)
            peer_fact(p, o);
    }
}
