/*
 * eos_final.c: what the EOS parser knows only once the configuration is
 * read.
 *
 * Some EOS settings are written once, globally, and apply to facts read
 * before them as well as after: "tacacs-server key 7 K" is the key of
 * every TACACS+ server that has none of its own, and "no ip icmp redirect"
 * stops redirects on every interface.  The facts already emitted are
 * amended here (tw_factset_reopen), each new field with the line of the
 * global statement that set it.  A server of an "aaa group server" block
 * uses the key of the "tacacs-server host" (or "radius-server host") of its
 * address.  Then the BGP neighbours are emitted with what they inherit
 * from their peer groups, and the defaults nothing wrote become implied
 * facts: LLDP runs unless "no lldp run".
 */
#include <string.h>

#include "eos_int.h"

#define FS (p->ip.fs)

enum { KEY_TACACS, KEY_RADIUS };

void tw__eos_remember(eos_parser *p, eos_index *x, tw_fact_kind kind)
{
    uint32_t *v;

    if (p->ip.rc != TW_OK || FS->n == 0 || FS->v[FS->n - 1].kind != kind)
        return;
    if (x->n == x->cap) {
        x->cap = x->cap == 0 ? 64 : x->cap * 2;
        v = tw_arena_alloc(FS->arena, x->cap * sizeof(*v));
        if (v == NULL) {
            p->ip.rc = TW_ENOMEM;
            return;
        }
        if (x->n > 0)
            memcpy(v, x->v, x->n * sizeof(*v));
        x->v = v;
    }
    x->v[x->n++] = (uint32_t)(FS->n - 1);
}

/* Reopens fact i and adds the number v as name, set at line (0: the
 * fact's own line) by the statement ev. */
static void amend_num(eos_parser *p, size_t i, const char *name, int64_t v, uint32_t line,
                      tw_str ev)
{
    if (tw_factset_reopen(FS, i) != TW_OK)
        return;
    tw_factset_num(FS, name, v);
    if (line != 0)
        tw_factset_field_at(FS, line, ev);
    tw__ios_end(&p->ip);
}

/* ---- AAA server keys ----------------------------------------------------- */

static uint32_t server_proto(const tw_fact *f)
{
    const tw_field *x = tw_fact_get(f, "protocol");

    return x != NULL && tw_str_eq_c(x->str, "radius") ? KEY_RADIUS : KEY_TACACS;
}

/* The address (or host name) a server is written with. */
static tw_str server_id(const tw_fact *f)
{
    const tw_field *x = tw_fact_get(f, "address");

    if (x == NULL)
        x = tw_fact_get(f, "name");
    return x != NULL ? x->str : TW_STR_NULL;
}

static const eos_global *global_key(const eos_parser *p, const tw_fact *f)
{
    const eos_global *g = server_proto(f) == KEY_RADIUS ? &p->radius_key : &p->tacacs_key;

    return g->set ? g : NULL;
}

/* A host without a key of its own takes the global key. */
static void host_keys(eos_parser *p, tw__keymap *hosts)
{
    for (size_t k = 0; k < p->aaa_servers.n && p->ip.rc == TW_OK; k++) {
        size_t i = p->aaa_servers.v[k];
        const tw_fact *f = &FS->v[i];
        const eos_global *g = global_key(p, f);
        if (tw_fact_get(f, "group") != NULL)
            continue;
        if (tw_fact_get(f, "key_type") == NULL && g != NULL)
            amend_num(p, i, "key_type", g->type, g->line, g->ev);
        if (!tw__keymap_put(hosts, FS->arena, server_proto(&FS->v[i]), server_id(&FS->v[i]),
                            TW_STR_NULL, TW_STR_NULL, (uint32_t)i + 1))
            p->ip.rc = TW_ENOMEM;
    }
}

/* A server of a group takes the key of its host, else the global key. */
static void group_keys(eos_parser *p, const tw__keymap *hosts)
{
    for (size_t k = 0; k < p->aaa_servers.n && p->ip.rc == TW_OK; k++) {
        size_t i = p->aaa_servers.v[k];
        const tw_fact *f = &FS->v[i], *h;
        const tw_field *key;
        const eos_global *g;
        uint32_t at;
        if (tw_fact_get(f, "group") == NULL || tw_fact_get(f, "key_type") != NULL)
            continue;
        at = (uint32_t)tw__keymap_get(hosts, server_proto(f), server_id(f), TW_STR_NULL,
                                      TW_STR_NULL);
        h = at != 0 ? &FS->v[at - 1] : NULL;
        key = h != NULL ? tw_fact_get(h, "key_type") : NULL;
        g = global_key(p, f);
        if (key != NULL)
            amend_num(p, i, "key_type", key->num, key->line != 0 ? key->line : h->line,
                      key->line != 0 ? key->evidence : h->evidence);
        else if (g != NULL)
            amend_num(p, i, "key_type", g->type, g->line, g->ev);
    }
}

/* ---- interfaces ------------------------------------------------------------ */

/* Every interface with an IPv4 address sends redirects unless "no ip icmp
 * redirect" is written. */
static void redirects(eos_parser *p)
{
    const eos_global *g = &p->no_redirect;

    for (size_t k = 0; k < p->v4_ifs.n && p->ip.rc == TW_OK; k++) {
        if (tw_factset_reopen(FS, p->v4_ifs.v[k]) != TW_OK)
            continue;
        tw_factset_bool(FS, "redirects", !g->set);
        if (g->set)
            tw_factset_field_at(FS, g->line, g->ev);
        tw__ios_end(&p->ip);
    }
}

/* ---- implied defaults ------------------------------------------------------ */

static void implied_lldp(eos_parser *p)
{
    if (p->lldp_seen || p->ip.rc != TW_OK)
        return;
    tw_factset_begin(FS, TW_FACT_SERVICE, 0, TW_STR_NULL, TW_STR_NULL);
    tw_factset_str(FS, "name", TW_STR("lldp"));
    tw_factset_bool(FS, "enabled", true);
    tw_factset_bool(FS, "implied", true);
    tw__ios_end(&p->ip);
}

void tw__eos_finish(eos_parser *p)
{
    tw__keymap hosts = {0};

    if (p->ip.rc != TW_OK)
        return;
    host_keys(p, &hosts);
    group_keys(p, &hosts);
    redirects(p);
    tw__eos_bgp_finish(p);
    implied_lldp(p);
}
