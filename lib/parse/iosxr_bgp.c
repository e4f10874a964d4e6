/*
 * iosxr_bgp.c: IOS XR BGP neighbours (routing_peer facts).
 *
 * Under "router bgp N" a neighbour is a block ("neighbor A", also inside
 * "vrf V") holding "remote-as", "password", "keychain", "ao" and "use
 * neighbor-group G" / "use session-group S"; a neighbor-group or
 * session-group holds the same settings for the neighbours that use it,
 * unless a neighbour says "password inheritance-disable" (and the same for
 * keychain and ao).  A group may be written after its neighbours or in
 * another "router bgp" block, so neighbours and groups are kept, each
 * setting with the line that wrote it, and the facts are emitted at the end
 * of the file with inheritance resolved: one routing_peer per neighbour
 * with an address, auth always present (true with the line of the password,
 * keychain or ao statement that applies).
 */
#include <string.h>

#include "iosxr_int.h"

#define IS(i, w) tw__xr_is(p, (i), (w))
#define TOK(i) tw__xr_tok(p, (i))

#define AUTH_PASSWORD 1u
#define AUTH_KEYCHAIN 2u
#define AUTH_AO 4u
#define INHERIT_DEPTH 8 /* group chains longer than this (or cycles) are cut */

/* ---- the tables ---------------------------------------------------------- */

/* Room for one more record in *v (doubling in the arena up to max). */
static bool grow(xr_parser *p, xr_bgp **v, size_t n, size_t *cap, size_t max)
{
    size_t ncap = *cap == 0 ? 16 : *cap * 2;
    xr_bgp *nv;

    if (n < *cap)
        return true;
    if (n >= max)
        return false;
    if (ncap > max)
        ncap = max;
    nv = tw_arena_alloc(p->fs->arena, ncap * sizeof(*nv));
    if (nv == NULL) {
        p->rc = TW_ENOMEM;
        return false;
    }
    if (n > 0)
        memcpy(nv, *v, n * sizeof(*nv));
    *v = nv;
    *cap = ncap;
    return true;
}

#define XR_STR2(x) #x
#define XR_STR(x) XR_STR2(x)

/* A table is full: one warning per file (unless memory ran out). */
static void full(xr_parser *p, const char *msg)
{
    if (p->rc != TW_OK || p->bgp_full)
        return;
    p->bgp_full = true;
    tw__xr_warn(p, "%s", msg);
}

static int32_t find_group(const xr_parser *p, char kind, tw_str name)
{
    for (size_t i = 0; i < p->ngroups; i++) {
        if (p->groups[i].kind == kind && tw_str_eq(p->groups[i].name, name))
            return (int32_t)i;
    }
    return -1;
}

static const xr_bgp *group_at(const xr_parser *p, int32_t i)
{
    return i >= 0 ? &p->groups[i] : NULL;
}

static xr_bgp *current(xr_parser *p)
{
    if (p->bgp_cur < 0)
        return NULL;
    return p->bgp_cur_grp ? &p->groups[p->bgp_cur] : &p->peers[p->bgp_cur];
}

static void record_init(xr_parser *p, xr_bgp *b, char kind, tw_str name)
{
    memset(b, 0, sizeof(*b));
    b->kind = kind;
    b->name = name;
    b->header = p->ev;
    b->ctx = p->ctx;
    b->line = p->lineno;
    b->ngi = b->sgi = -1;
}

/* ---- reading ---------------------------------------------------------------- */

/* The VRF of a neighbour at this depth: none at depth 1, V under "vrf V";
 * false where a neighbour cannot be. */
static bool peer_vrf(const xr_parser *p, tw_str *vrf)
{
    tw_str rest;

    *vrf = TW_STR_NULL;
    if (p->depth == 1)
        return true;
    if (p->depth != 2 || p->nstack < 2 || !tw_str_istarts_with(p->stack[1].text, TW_STR("vrf ")))
        return false;
    rest = p->stack[1].text;
    (void)tw_str_token(&rest);
    *vrf = tw_str_token(&rest);
    return vrf->len > 0;
}

static void open_peer(xr_parser *p, size_t a)
{
    tw_cidr addr;
    tw_str vrf;
    xr_bgp *b;

    if (!peer_vrf(p, &vrf) || !tw__xr_addr(TOK(a), &addr))
        return;
    if (!grow(p, &p->peers, p->npeers, &p->cap_peers, XR_MAX_PEERS)) {
        full(p, "more than " XR_STR(XR_MAX_PEERS) " BGP neighbours: the rest are not read");
        return;
    }
    b = &p->peers[p->npeers];
    record_init(p, b, 'n', TOK(a));
    b->addr = addr;
    b->vrf = vrf;
    p->bgp_cur = (int32_t)p->npeers++;
    p->bgp_cur_grp = false;
    p->bgp_depth = p->depth;
}

/* neighbor-group G | session-group S: a group written twice (in two router
 * bgp blocks) is one record. */
static void open_group(xr_parser *p, char kind, tw_str name)
{
    int32_t i = find_group(p, kind, name);

    if (i < 0) {
        if (!grow(p, &p->groups, p->ngroups, &p->cap_groups, XR_MAX_GROUPS)) {
            full(p, "more than " XR_STR(XR_MAX_GROUPS) " BGP groups: the rest are not read");
            return;
        }
        record_init(p, &p->groups[p->ngroups], kind, name);
        i = (int32_t)p->ngroups++;
    }
    p->bgp_cur = i;
    p->bgp_cur_grp = true;
    p->bgp_depth = p->depth;
}

/* An AS number: plain, or asdot "A.B". */
static bool parse_as(tw_str s, int64_t *out)
{
    const char *dot = memchr(s.ptr, '.', s.len);
    int64_t hi, lo;

    if (dot == NULL)
        return tw__xr_num(s, out) && *out <= 4294967295LL;
    if (!tw__xr_num(tw_str_make(s.ptr, (size_t)(dot - s.ptr)), &hi) ||
        !tw__xr_num(tw_str_make(dot + 1, (size_t)(s.ptr + s.len - dot - 1)), &lo) || hi > 65535 ||
        lo > 65535)
        return false;
    *out = hi * 65536 + lo;
    return true;
}

static xr_at here(const xr_parser *p)
{
    return (xr_at){p->lineno, p->ev};
}

/* password|keychain|ao ARG ... or ... inheritance-disable */
static void auth_setting(xr_parser *p, size_t t, xr_bgp *b)
{
    unsigned form = IS(t, "password") ? AUTH_PASSWORD : IS(t, "keychain") ? AUTH_KEYCHAIN : AUTH_AO;

    if (t + 1 >= p->ntok)
        return;
    if (IS(t + 1, "inheritance-disable")) {
        b->noinherit |= form;
        return;
    }
    if (b->own == 0)
        b->auth_at = here(p);
    b->own |= form;
}

/* A statement directly inside a neighbour or group block, from token t. */
static void setting(xr_parser *p, size_t t, xr_bgp *b)
{
    int64_t as;

    if (IS(t, "remote-as") && parse_as(TOK(t + 1), &as)) {
        b->has_as = true;
        b->as = as;
        b->as_at = here(p);
    } else if (IS(t, "password") || IS(t, "keychain") || IS(t, "ao")) {
        auth_setting(p, t, b);
    } else if (IS(t, "use") && IS(t + 1, "neighbor-group") && t + 2 < p->ntok) {
        b->ng = TOK(t + 2);
        b->ng_at = here(p);
    } else if (IS(t, "use") && IS(t + 1, "session-group") && t + 2 < p->ntok) {
        b->sg = TOK(t + 2);
    }
}

void tw__xr_bgp_line(xr_parser *p, bool neg, size_t t)
{
    xr_bgp *b;

    if (p->bgp_cur >= 0 && p->depth <= p->bgp_depth)
        p->bgp_cur = -1;
    b = current(p);
    if (b != NULL) {
        if (!neg && p->depth == p->bgp_depth + 1)
            setting(p, t, b);
        return;
    }
    if (neg || t + 1 >= p->ntok)
        return;
    if (IS(t, "neighbor"))
        open_peer(p, t + 1);
    else if (p->depth == 1 && (IS(t, "neighbor-group") || IS(t, "session-group")))
        open_group(p, IS(t, "neighbor-group") ? 'g' : 's', TOK(t + 1));
    b = current(p);
    if (b != NULL && t + 2 < p->ntok)
        setting(p, t + 2, b); /* neighbor A remote-as N, on one line */
}

/* ---- emission ------------------------------------------------------------- */

/* The record whose authentication applies to b (b itself, or a group up
 * its chain), for the forms b still inherits; NULL when none. */
static const xr_bgp *auth_src(const xr_parser *p, const xr_bgp *b, unsigned forms, int depth)
{
    const xr_bgp *r;

    if (b == NULL || forms == 0 || depth > INHERIT_DEPTH)
        return NULL;
    if ((b->own & forms) != 0)
        return b;
    forms &= ~(unsigned)b->noinherit;
    r = auth_src(p, group_at(p, b->sgi), forms, depth + 1);
    return r != NULL ? r : auth_src(p, group_at(p, b->ngi), forms, depth + 1);
}

static const xr_bgp *as_src(const xr_parser *p, const xr_bgp *b, int depth)
{
    const xr_bgp *r;

    if (b == NULL || depth > INHERIT_DEPTH)
        return NULL;
    if (b->has_as)
        return b;
    r = as_src(p, group_at(p, b->sgi), depth + 1);
    return r != NULL ? r : as_src(p, group_at(p, b->ngi), depth + 1);
}

/* Group names to indices; neighbours in a row usually name the same group,
 * so the last answer is kept. */
typedef struct {
    tw_str name;
    int32_t i;
} last_find;

static int32_t resolve(const xr_parser *p, char kind, tw_str name, last_find *last)
{
    if (name.len == 0)
        return -1;
    if (last->name.len > 0 && tw_str_eq(last->name, name))
        return last->i;
    last->name = name;
    last->i = find_group(p, kind, name);
    return last->i;
}

static void resolve_all(xr_parser *p, xr_bgp *v, size_t n)
{
    last_find ng = {TW_STR_NULL, -1}, sg = {TW_STR_NULL, -1};

    for (size_t i = 0; i < n; i++) {
        v[i].ngi = resolve(p, 'g', v[i].ng, &ng);
        v[i].sgi = resolve(p, 's', v[i].sg, &sg);
    }
}

static void field_at(xr_parser *p, xr_at at)
{
    if (at.line != 0)
        tw_factset_field_at(p->fs, at.line, at.ev);
}

static void emit_peer(xr_parser *p, const xr_bgp *b)
{
    const xr_bgp *auth = auth_src(p, b, AUTH_PASSWORD | AUTH_KEYCHAIN | AUTH_AO, 0);
    const xr_bgp *as = as_src(p, b, 0);

    tw_factset_begin(p->fs, TW_FACT_ROUTING_PEER, b->line, b->header, b->ctx);
    tw_factset_str(p->fs, "protocol", TW_STR("bgp"));
    tw_factset_addr_text(p->fs, "address", &b->addr, b->name);
    if (as != NULL) {
        tw_factset_num(p->fs, "remote_as", as->as);
        field_at(p, as->as_at);
    }
    if (b->ng.len > 0) {
        tw_factset_str(p->fs, "group", b->ng);
        field_at(p, b->ng_at);
    }
    if (b->vrf.len > 0)
        tw_factset_str(p->fs, "vrf", b->vrf);
    tw_factset_bool(p->fs, "auth", auth != NULL);
    if (auth != NULL)
        field_at(p, auth->auth_at);
    tw__xr_end(p);
}

void tw__xr_bgp_emit(xr_parser *p)
{
    if (p->npeers == 0)
        return;
    resolve_all(p, p->groups, p->ngroups);
    resolve_all(p, p->peers, p->npeers);
    for (size_t i = 0; i < p->npeers && p->rc == TW_OK; i++)
        emit_peer(p, &p->peers[i]);
}
