/*
 * nxos_bgp.c: NX-OS BGP neighbours, as routing_peer facts.
 *
 * "router bgp N" holds neighbours ("neighbor A [remote-as N]", directly or
 * under "vrf V") and templates ("template peer T", "template peer-session
 * S") whose attributes are the lines indented under them: remote-as,
 * password, inherit peer|peer-session.  A neighbour's fact is emitted when
 * its lines end, at the neighbor line, with what it writes itself; what it
 * inherits from its templates (which may come later in the text) is added
 * at the end of the parse with tw_factset_reopen.  A field set by an inner
 * line (or a template's line) carries that line.  Only the lines of
 * "router bgp" come here, so other statements pay nothing.
 */
#include <string.h>

#include "keymap.h"
#include "nxos_int.h"

#define IS(i, w) NX_IS((i), (w))
#define TOK(i) NX_TOK(i)

#define BGP_MAX_TEMPLATES 4096 /* more are not read: no real switch comes near */
#define BGP_INHERIT_DEPTH 4    /* templates inheriting templates; also stops cycles */

/* The line that set a field; line 0: the header's own line. */
typedef struct {
    uint32_t line;
    tw_str ev;
} bgp_at;

/* What a neighbour or a template writes itself. */
typedef struct {
    bool has_as, auth;
    int64_t as;
    bgp_at as_at, auth_at;
    tw_str peer, session; /* inherit peer T ; inherit peer-session S */
    bgp_at peer_at;
} bgp_attrs;

typedef struct bgp_tmpl {
    tw_str name;
    bool session; /* peer-session templates have their own names */
    bgp_attrs a;
} bgp_tmpl;

/* A neighbour's fact that waits for its templates. */
typedef struct bgp_wait {
    size_t fact;
    bgp_attrs a;
    struct bgp_wait *next;
} bgp_wait;

typedef enum { BGP_NONE, BGP_NEIGHBOR, BGP_TEMPLATE } bgp_open_kind;

struct nx_bgp {
    tw__keymap tmpl; /* (session, name) -> the template's address */
    size_t ntmpl;
    bgp_wait *wait;
    tw_str vrf; /* the "vrf V" block open under router bgp */
    bgp_at vrf_at;
    /* the neighbour or template whose lines are read */
    bgp_open_kind open;
    int level;      /* the depth of its header */
    bgp_attrs *cur; /* where its attributes go */
    /* the neighbour */
    tw_cidr addr;
    tw_str addr_text, ctx, nvrf;
    bgp_at head, nvrf_at;
    bgp_attrs na;
};

static bgp_tmpl *find_tmpl(const nx_bgp *b, tw_str name, bool session)
{
    return (bgp_tmpl *)(uintptr_t)tw__keymap_get(&b->tmpl, session, name, TW_STR_NULL, TW_STR_NULL);
}

/* An AS number: "65001" or asdot "1.10" (65546); false for anything else
 * ("remote-as route-map M" of prefix peers). */
static bool parse_as(tw_str s, int64_t *out)
{
    const char *dot = memchr(s.ptr, '.', s.len);
    int64_t hi, lo;

    if (dot == NULL)
        return tw__ios_digits(s) && tw_str_to_i64(s, out) && *out <= 4294967295;
    if (!tw__ios_digits(tw_str_make(s.ptr, (size_t)(dot - s.ptr))) ||
        !tw__ios_digits(tw_str_make(dot + 1, s.len - (size_t)(dot - s.ptr) - 1)) ||
        !tw_str_to_i64(tw_str_make(s.ptr, (size_t)(dot - s.ptr)), &hi) ||
        !tw_str_to_i64(tw_str_make(dot + 1, s.len - (size_t)(dot - s.ptr) - 1), &lo) ||
        hi > 65535 || lo > 65535)
        return false;
    *out = hi * 65536 + lo;
    return true;
}

static void field_at(tw_factset *fs, const bgp_at *at)
{
    if (at->line != 0)
        tw_factset_field_at(fs, at->line, at->ev);
}

/* The neighbour's fact, with what it writes itself.  Without a password of
 * its own, a neighbour that inherits waits for the end of the parse; one
 * that does not has no authentication. */
static void emit_neighbor(nx_parser *p)
{
    nx_bgp *b = p->bgp;
    const bgp_attrs *a = &b->na;
    tw_factset *fs = p->io.fs;
    bool inherits = a->peer.len > 0 || a->session.len > 0;
    bgp_wait *w;

    tw_factset_begin(fs, TW_FACT_ROUTING_PEER, b->head.line, b->head.ev, b->ctx);
    tw_factset_str(fs, "protocol", TW_STR("bgp"));
    tw_factset_addr_text(fs, "address", &b->addr, b->addr_text);
    if (a->has_as) {
        tw_factset_num(fs, "remote_as", a->as);
        field_at(fs, &a->as_at);
    }
    if (a->peer.len > 0) {
        tw_factset_str(fs, "group", a->peer);
        field_at(fs, &a->peer_at);
    }
    if (b->nvrf.len > 0) {
        tw_factset_str(fs, "vrf", b->nvrf);
        field_at(fs, &b->nvrf_at);
    }
    if (a->auth || !inherits) {
        tw_factset_bool(fs, "auth", a->auth);
        field_at(fs, &a->auth_at);
    }
    tw__ios_end(&p->io);
    if (p->io.rc != TW_OK || !inherits || (a->auth && a->has_as))
        return;
    w = tw_arena_alloc(fs->arena, sizeof(*w));
    if (w == NULL) {
        p->io.rc = TW_ENOMEM;
        return;
    }
    *w = (bgp_wait){fs->n - 1, *a, b->wait};
    b->wait = w;
}

static void close_open(nx_parser *p)
{
    if (p->bgp->open == BGP_NEIGHBOR)
        emit_neighbor(p);
    p->bgp->open = BGP_NONE;
}

/* neighbor A [remote-as N] at depth d (2 under "vrf V") */
static void open_neighbor(nx_parser *p, size_t t, int d)
{
    ios_parser *io = &p->io;
    nx_bgp *b = p->bgp;

    if (!tw__ios_addr(io, TOK(t + 1), &b->addr))
        return;
    b->addr_text = TOK(t + 1);
    b->head = (bgp_at){io->lineno, io->ev};
    b->ctx = io->ctx;
    b->nvrf = d == 2 ? b->vrf : TW_STR_NULL;
    b->nvrf_at = b->vrf_at;
    memset(&b->na, 0, sizeof(b->na));
    b->na.has_as = IS(t + 2, "remote-as") && parse_as(TOK(t + 3), &b->na.as);
    b->open = BGP_NEIGHBOR;
    b->level = d;
    b->cur = &b->na;
}

/* template peer T | template peer-session S */
static void open_template(nx_parser *p, size_t t)
{
    nx_bgp *b = p->bgp;
    tw_str name = TOK(t + 2);
    bool session = IS(t + 1, "peer-session");
    bgp_tmpl *tp = find_tmpl(b, name, session);

    if (tp == NULL && b->ntmpl < BGP_MAX_TEMPLATES) {
        tp = tw_arena_zalloc(p->io.fs->arena, sizeof(*tp));
        if (tp == NULL || !tw__keymap_put(&b->tmpl, p->io.fs->arena, session, name, TW_STR_NULL,
                                          TW_STR_NULL, (uintptr_t)tp)) {
            p->io.rc = TW_ENOMEM;
            return;
        }
        tp->name = name;
        tp->session = session;
        b->ntmpl++;
    }
    if (tp == NULL)
        return;
    b->open = BGP_TEMPLATE;
    b->level = p->io.depth;
    b->cur = &tp->a;
}

/* remote-as N ; password [T] K ; ao KEYCHAIN ... (TCP-AO) ; inherit peer T
 * ; inherit peer-session S */
static void attribute(nx_parser *p, size_t t)
{
    ios_parser *io = &p->io;
    bgp_attrs *a = p->bgp->cur;
    bgp_at here = {io->lineno, io->ev};

    if (IS(t, "remote-as") && parse_as(TOK(t + 1), &a->as)) {
        a->has_as = true;
        a->as_at = here;
    } else if ((IS(t, "password") || IS(t, "ao")) && t + 1 < io->ntok) {
        a->auth = true;
        a->auth_at = here;
    } else if (IS(t, "inherit") && IS(t + 1, "peer") && t + 2 < io->ntok) {
        a->peer = TOK(t + 2);
        a->peer_at = here;
    } else if (IS(t, "inherit") && IS(t + 1, "peer-session") && t + 2 < io->ntok) {
        a->session = TOK(t + 2);
    }
}

void tw__nx_bgp_open(nx_parser *p)
{
    if (p->bgp == NULL)
        p->bgp = tw_arena_zalloc(p->io.fs->arena, sizeof(*p->bgp));
    if (p->bgp == NULL) {
        p->io.rc = TW_ENOMEM;
        return;
    }
    tw__ios_block_open(&p->io, IOS_BLK_OTHER, TW_FACT_HOSTNAME, TW_STR_NULL);
    p->bgp_on = true;
    p->bgp->open = BGP_NONE;
    p->bgp->vrf = TW_STR_NULL;
}

/* A line of router bgp at depth d: a header at depth 1 (or a neighbour at
 * depth 2 under "vrf V") ends the neighbour or template before it; the
 * lines right under one are its attributes; deeper lines (address
 * families) are not read. */
void tw__nx_bgp_line(nx_parser *p, bool neg, size_t t)
{
    ios_parser *io = &p->io;
    nx_bgp *b = p->bgp;
    int d = io->depth;

    if (b->open != BGP_NONE && d <= b->level)
        close_open(p);
    if (d == 1)
        b->vrf = TW_STR_NULL;
    if (neg)
        return;
    if (d == 1 && IS(t, "vrf") && t + 1 < io->ntok) {
        b->vrf = TOK(t + 1);
        b->vrf_at = (bgp_at){io->lineno, io->ev};
    } else if ((d == 1 || (d == 2 && b->vrf.len > 0)) && IS(t, "neighbor") && t + 1 < io->ntok) {
        open_neighbor(p, t, d);
    } else if (d == 1 && IS(t, "template") && (IS(t + 1, "peer") || IS(t + 1, "peer-session")) &&
               t + 2 < io->ntok) {
        open_template(p, t);
    } else if (b->open != BGP_NONE && d == b->level + 1) {
        attribute(p, t);
    }
}

void tw__nx_bgp_close(nx_parser *p)
{
    if (p->bgp != NULL && p->bgp->open != BGP_NONE)
        close_open(p);
}

/* Fills what r lacks from template name and the templates it inherits, in
 * NX-OS order: the template's own lines first. */
static void inherit(const nx_bgp *b, tw_str name, bool session, int depth, bgp_attrs *r)
{
    const bgp_tmpl *tp;

    if (name.len == 0 || depth > BGP_INHERIT_DEPTH)
        return;
    tp = find_tmpl(b, name, session);
    if (tp == NULL)
        return;
    if (!r->has_as && tp->a.has_as) {
        r->has_as = true;
        r->as = tp->a.as;
        r->as_at = tp->a.as_at;
    }
    if (!r->auth && tp->a.auth) {
        r->auth = true;
        r->auth_at = tp->a.auth_at;
    }
    inherit(b, tp->a.peer, false, depth + 1, r);
    inherit(b, tp->a.session, true, depth + 1, r);
}

/* Adds to each waiting neighbour the remote AS and password its templates
 * give, and "auth" in every case. */
void tw__nx_bgp_finish(nx_parser *p)
{
    tw_factset *fs = p->io.fs;

    for (bgp_wait *w = p->bgp != NULL ? p->bgp->wait : NULL; w != NULL && p->io.rc == TW_OK;
         w = w->next) {
        bgp_attrs r = w->a;
        inherit(p->bgp, w->a.peer, false, 1, &r);
        inherit(p->bgp, w->a.session, true, 1, &r);
        if (tw_factset_reopen(fs, w->fact) != TW_OK)
            continue;
        if (!w->a.has_as && r.has_as) {
            tw_factset_num(fs, "remote_as", r.as);
            field_at(fs, &r.as_at);
        }
        if (!w->a.auth) {
            tw_factset_bool(fs, "auth", r.auth);
            field_at(fs, &r.auth_at);
        }
        tw__ios_end(&p->io);
    }
}
