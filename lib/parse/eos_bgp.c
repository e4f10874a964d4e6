/*
 * eos_bgp.c: Arista EOS BGP neighbours, one routing_peer fact each.
 *
 * EOS writes a neighbour as many one-line statements inside "router bgp
 * ASN" (and inside its "vrf V" blocks): "neighbor A remote-as N",
 * "neighbor A peer group G" (older releases: "peer-group G"), "neighbor A
 * password 7 K".  A peer group is defined and set the same way with its
 * name in place of the address ("neighbor G peer group", "neighbor G
 * remote-as N", "neighbor G password ..."), once for the whole router: a
 * neighbour in a VRF uses the same groups.  A neighbour takes the remote AS
 * and the password of its group unless it has its own, and the group's
 * settings may come after the neighbour, so the statements are gathered
 * here (neighbours by VRF and address, groups by name, in a hash table)
 * and the facts are emitted once the whole configuration is read.  Lines
 * inside "address-family" blocks ("neighbor A activate") name no new
 * neighbour and are passed over.
 */
#include <string.h>

#include "eos_int.h"

#define IS(i, w) EOS_IS(p, (i), (w))
#define TOK(i) EOS_TOK(p, (i))
#define FS (p->ip.fs)

/* More neighbours than this are not read (a warning says so). */
#define EOS_MAX_PEERS ((size_t)1 << 20)

enum { KEY_NEIGHBOR, KEY_GROUP };

typedef struct {
    tw_str vrf;  /* empty: the default VRF (and every peer group) */
    tw_str name; /* the address or the group's name, as written */
    bool group;
    tw_cidr addr;
    uint32_t line; /* the first statement that names it */
    tw_str ev, ctx;
    bool has_as;
    int64_t as;
    tw_str peer_group;
    uint32_t pw_line; /* the password statement; 0: none */
    tw_str pw_ev;
} eos_peer;

struct eos_bgp {
    eos_peer *v;
    size_t n, cap;
    tw__keymap map;
    bool full; /* EOS_MAX_PEERS reached, and said */
};

/* The VRF of a statement at the router's level (empty) or directly inside
 * its "vrf V" block; false for anything deeper (address families). */
static bool vrf_of(const eos_parser *p, tw_str *vrf)
{
    tw_str s, w;

    *vrf = TW_STR_NULL;
    if (p->ip.depth == 1)
        return true;
    if (p->ip.depth != 2)
        return false;
    s = p->ip.stack[1].text;
    w = tw_str_token(&s);
    if (!tw_str_ieq_c(w, "vrf"))
        return false;
    *vrf = tw_str_token(&s);
    if (tw_str_eq_c(*vrf, "default"))
        *vrf = TW_STR_NULL;
    return true;
}

/* An AS number: asplain, or asdot ("1.10" is 65546). */
static bool as_number(tw_str s, int64_t *out)
{
    const char *dot = memchr(s.ptr, '.', s.len);
    int64_t hi, lo;

    if (dot == NULL)
        return tw__ios_digits(s) && tw_str_to_i64(s, out);
    hi = -1;
    if (!tw_str_to_i64(tw_str_make(s.ptr, (size_t)(dot - s.ptr)), &hi) ||
        !tw_str_to_i64(tw_str_make(dot + 1, s.len - (size_t)(dot - s.ptr) - 1), &lo) || hi < 0 ||
        hi > 65535 || lo < 0 || lo > 65535)
        return false;
    *out = hi * 65536 + lo;
    return true;
}

/* Room for one more entry; false when memory runs out or at the cap. */
static bool reserve(eos_parser *p, eos_bgp *b)
{
    eos_peer *v;
    size_t cap;

    if (b->n < b->cap)
        return true;
    if (b->n >= EOS_MAX_PEERS) {
        if (!b->full)
            tw__ios_warn(&p->ip, "more than %zu BGP neighbours: the rest are not read",
                         EOS_MAX_PEERS);
        b->full = true;
        return false;
    }
    cap = b->cap == 0 ? 64 : b->cap * 2;
    v = tw_arena_alloc(FS->arena, cap * sizeof(*v));
    if (v == NULL) {
        p->ip.rc = TW_ENOMEM;
        return false;
    }
    if (b->n > 0)
        memcpy(v, b->v, b->n * sizeof(*v));
    b->v = v;
    b->cap = cap;
    return true;
}

/* The neighbour (vrf, name) or the group name, added at this statement
 * when new; NULL when it cannot be kept. */
static eos_peer *entry(eos_parser *p, bool group, tw_str vrf, tw_str name, const tw_cidr *a)
{
    eos_bgp *b = p->bgp;
    uint32_t kind = group ? KEY_GROUP : KEY_NEIGHBOR;
    uint32_t at = (uint32_t)tw__keymap_get(&b->map, kind, vrf, name, TW_STR_NULL);
    eos_peer *e;

    if (at != 0)
        return &b->v[at - 1];
    if (!reserve(p, b))
        return NULL;
    e = &b->v[b->n];
    *e = (eos_peer){.vrf = vrf,
                    .name = name,
                    .group = group,
                    .line = p->ip.lineno,
                    .ev = p->ip.ev,
                    .ctx = p->ip.ctx};
    if (a != NULL)
        e->addr = *a;
    if (!tw__keymap_put(&b->map, FS->arena, kind, vrf, name, TW_STR_NULL, b->n + 1)) {
        p->ip.rc = TW_ENOMEM;
        return NULL;
    }
    b->n++;
    return e;
}

/* "peer group G" / "peer-group G" at k: the group's name, or the empty view
 * ("neighbor G peer group" defines G). */
static tw_str group_ref(const eos_parser *p, size_t k)
{
    if (IS(k, "peer") && IS(k + 1, "group"))
        return EOS_TOK(p, k + 2);
    if (IS(k, "peer-group"))
        return EOS_TOK(p, k + 1);
    return TW_STR_NULL;
}

/* The setting at k of a neighbour or group. */
static void setting(eos_parser *p, eos_peer *e, size_t k)
{
    int64_t as;
    tw_str g = group_ref(p, k);

    if (IS(k, "remote-as") && as_number(TOK(k + 1), &as)) {
        e->has_as = true;
        e->as = as;
    } else if (IS(k, "password") && k + 1 < p->ip.ntok) {
        e->pw_line = p->ip.lineno;
        e->pw_ev = p->ip.ev;
    } else if (g.len > 0 && !e->group) {
        e->peer_group = g;
    }
}

void tw__eos_bgp_line(eos_parser *p, size_t t)
{
    tw_str vrf, name = TOK(t + 1);
    tw_cidr a;
    bool is_addr;
    eos_peer *e;

    if (!IS(t, "neighbor") || t + 2 >= p->ip.ntok || IS(t + 1, "interface") || !vrf_of(p, &vrf))
        return;
    if (p->bgp == NULL) {
        p->bgp = tw_arena_zalloc(FS->arena, sizeof(*p->bgp));
        if (p->bgp == NULL) {
            p->ip.rc = TW_ENOMEM;
            return;
        }
    }
    is_addr = tw__ios_addr(&p->ip, name, &a);
    e = is_addr ? entry(p, false, vrf, name, &a) : entry(p, true, TW_STR_NULL, name, NULL);
    if (e != NULL)
        setting(p, e, t + 2);
}

/* The group e names, or NULL. */
static const eos_peer *group_of(const eos_parser *p, const eos_peer *e)
{
    uint32_t at;

    if (e->peer_group.len == 0)
        return NULL;
    at = (uint32_t)tw__keymap_get(&p->bgp->map, KEY_GROUP, TW_STR_NULL, e->peer_group, TW_STR_NULL);
    return at != 0 ? &p->bgp->v[at - 1] : NULL;
}

static void emit(eos_parser *p, const eos_peer *e)
{
    const eos_peer *g = group_of(p, e);
    const eos_peer *as = e->has_as ? e : (g != NULL && g->has_as) ? g : NULL;
    const eos_peer *pw = e->pw_line != 0 ? e : (g != NULL && g->pw_line != 0) ? g : NULL;

    tw_factset_begin(FS, TW_FACT_ROUTING_PEER, e->line, e->ev, e->ctx);
    tw_factset_str(FS, "protocol", TW_STR("bgp"));
    tw_factset_addr_text(FS, "address", &e->addr, e->name);
    if (as != NULL)
        tw_factset_num(FS, "remote_as", as->as);
    if (e->peer_group.len > 0)
        tw_factset_str(FS, "group", e->peer_group);
    if (e->vrf.len > 0)
        tw_factset_str(FS, "vrf", e->vrf);
    tw_factset_bool(FS, "auth", pw != NULL);
    if (pw != NULL)
        tw_factset_field_at(FS, pw->pw_line, pw->pw_ev);
    tw__ios_end(&p->ip);
}

void tw__eos_bgp_finish(eos_parser *p)
{
    if (p->bgp == NULL)
        return;
    for (size_t i = 0; i < p->bgp->n && p->ip.rc == TW_OK; i++) {
        if (!p->bgp->v[i].group)
            emit(p, &p->bgp->v[i]);
    }
}
