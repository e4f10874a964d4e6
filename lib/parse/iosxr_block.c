/*
 * iosxr_block.c: IOS XR blocks, ACL entries and monitor sessions.
 *
 * A block is a top-level header and the lines indented under it (IOS XR
 * nests several levels deep and closes each level with "!").  While it is
 * open, iosxr.c hands every inner line here; fields of the block's fact (an
 * interface's addresses and IPv4 switches, a user's groups, a line
 * template's transports and timeout) are gathered with the line and
 * evidence of the statement that set them, and the fact is emitted when the
 * block closes.  The hardening blocks go on to iosxr_harden.c, prefix-sets
 * and route-policies to iosxr_policy.c and "router bgp" to iosxr_bgp.c.  Statements that are facts
 * on their own (an ACL entry, a static route, an NTP server, a secret) are
 * emitted at once.  Monitor sessions are kept in a table filled from their
 * own blocks and from the interfaces that attach to them, and emitted at
 * the end of the file, when the tunnel-ip their ERSPAN traffic leaves by
 * is known too.
 */
#include <string.h>

#include "iosxr_int.h"

#define IS(i, w) tw__xr_is(p, (i), (w))
#define TOK(i) tw__xr_tok(p, (i))

/* ---- gathering -------------------------------------------------------- */

static xr_field *field_in(xr_parser *p, xr_field *v, uint32_t *n, uint32_t cap, const char *name,
                          tw_val_type type, bool own_line)
{
    xr_field *f;

    if (*n >= cap)
        return NULL;
    f = &v[(*n)++];
    memset(f, 0, sizeof(*f));
    f->name = name;
    f->type = type;
    if (own_line) {
        f->line = p->lineno;
        f->ev = p->ev;
    }
    return f;
}

static xr_field *add(xr_parser *p, const char *name, tw_val_type type, bool own_line)
{
    return field_in(p, p->blk.fields, &p->blk.nfields, TW_LIMIT_FIELDS, name, type, own_line);
}

void tw__xr_blk_str(xr_parser *p, const char *name, tw_str v, bool own_line)
{
    xr_field *f = add(p, name, TW_VAL_STR, own_line);

    if (f != NULL)
        f->str = v;
}

void tw__xr_blk_num(xr_parser *p, const char *name, int64_t v, bool own_line)
{
    xr_field *f = add(p, name, TW_VAL_NUM, own_line);

    if (f != NULL)
        f->num = v;
}

void tw__xr_blk_addr(xr_parser *p, const char *name, const tw_cidr *v, bool own_line)
{
    xr_field *f = add(p, name, TW_VAL_ADDR, own_line);

    if (f != NULL)
        f->addr = *v;
}

static void tun_field(xr_parser *p, const char *name, tw_str v, const tw_cidr *a)
{
    xr_field *f =
        field_in(p, p->blk.tun, &p->blk.ntun, 8, name, a != NULL ? TW_VAL_ADDR : TW_VAL_STR, true);

    if (f == NULL)
        return;
    f->str = v;
    if (a != NULL)
        f->addr = *a;
}

/* The IPv4 switches of an interface and their IOS XR defaults (all off). */
static const char *const ifopt_names[3] = {"redirects", "proxy_arp", "directed_broadcast"};

void tw__xr_block_open(xr_parser *p, xr_blk_kind kind, tw_fact_kind fact, tw_str name)
{
    xr_block *b = &p->blk;

    b->kind = kind;
    b->fact = fact;
    b->line = p->lineno;
    b->header = p->ev;
    b->name = name;
    b->ipv6 = b->shutdown = b->tunnel = false;
    b->nfields = b->ntun = 0;
    b->mark = (xr_at){0, TW_STR_NULL};
    for (size_t i = 0; i < 3; i++) {
        memset(&b->ifopt[i], 0, sizeof(b->ifopt[i]));
        b->ifopt[i].name = ifopt_names[i];
        b->ifopt[i].type = TW_VAL_BOOL;
    }
}

/* ---- emission --------------------------------------------------------- */

void tw__xr_put_field(xr_parser *p, const xr_field *f)
{
    if (f->type == TW_VAL_STR)
        tw_factset_str(p->fs, f->name, f->str);
    else if (f->type == TW_VAL_NUM)
        tw_factset_num(p->fs, f->name, f->num);
    else if (f->type == TW_VAL_BOOL)
        tw_factset_bool(p->fs, f->name, f->num != 0);
    else if (f->str.len > 0)
        tw_factset_addr_text(p->fs, f->name, &f->addr, f->str);
    else
        tw_factset_addr(p->fs, f->name, &f->addr);
    if (f->line != 0)
        tw_factset_field_at(p->fs, f->line, f->ev);
}

static void emit_block(xr_parser *p, tw_fact_kind kind, const char *first, tw_str first_v)
{
    const xr_block *b = &p->blk;

    tw_factset_begin(p->fs, kind, b->line, b->header, TW_STR_NULL);
    if (first != NULL)
        tw_factset_str(p->fs, first, first_v);
    for (uint32_t i = 0; i < b->nfields; i++)
        tw__xr_put_field(p, &b->fields[i]);
    tw__xr_end(p);
}

/* "tunnel-ip 5" and "tunnel-ip5" both become "tunnel-ip5", lower-case. */
static tw_str tunnel_key(xr_parser *p, tw_str name)
{
    char *d = tw_arena_alloc(p->fs->arena, name.len + 1);
    size_t n = 0;

    if (d == NULL)
        return TW_STR_NULL;
    for (size_t i = 0; i < name.len; i++) {
        char c = name.ptr[i];
        if (c != ' ' && c != '\t')
            d[n++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    d[n] = '\0';
    return tw_str_make(d, n);
}

static void remember_tunnel(xr_parser *p)
{
    const xr_block *b = &p->blk;

    for (uint32_t i = 0; i < b->ntun; i++) {
        if (strcmp(b->tun[i].name, "destination") != 0 || b->tun[i].type != TW_VAL_ADDR)
            continue;
        if (p->ntunnels == XR_MAX_TUN)
            return;
        p->tunnels[p->ntunnels].name = tunnel_key(p, b->name);
        p->tunnels[p->ntunnels].dest = b->tun[i];
        p->ntunnels++;
        return;
    }
}

static void emit_tunnel(xr_parser *p)
{
    xr_block *b = &p->blk;
    bool mode = false;

    for (uint32_t i = 0; i < b->ntun; i++)
        mode = mode || strcmp(b->tun[i].name, "mode") == 0;
    tw_factset_begin(p->fs, TW_FACT_TUNNEL, b->line, b->header, TW_STR_NULL);
    tw_factset_str(p->fs, "name", b->name);
    if (!mode)
        tw_factset_str(p->fs, "mode", TW_STR("gre ipv4"));
    for (uint32_t i = 0; i < b->ntun; i++)
        tw__xr_put_field(p, &b->tun[i]);
    tw__xr_end(p);
    remember_tunnel(p);
}

static void close_user(xr_parser *p)
{
    bool root = false, priv = false;

    for (uint32_t i = 0; i < p->blk.nfields; i++) {
        const xr_field *f = &p->blk.fields[i];
        root = root || (strcmp(f->name, "group") == 0 &&
                        (tw_str_ieq_c(f->str, "root-lr") || tw_str_ieq_c(f->str, "root-system") ||
                         tw_str_ieq_c(f->str, "netadmin")));
        priv = priv || strcmp(f->name, "privilege") == 0;
    }
    if (!priv)
        tw__xr_blk_num(p, "privilege", root ? 15 : 1, false);
    emit_block(p, TW_FACT_LOCAL_USER, "name", p->blk.name);
}

/* True when the interface has an IPv4 address of its own. */
static bool has_ipv4(const xr_block *b)
{
    for (uint32_t i = 0; i < b->nfields; i++) {
        const xr_field *f = &b->fields[i];
        if (f->type == TW_VAL_ADDR && strcmp(f->name, "address") == 0 && f->addr.addr.family == 4)
            return true;
    }
    return false;
}

/* The interface fact.  An interface with an IPv4 address of its own gets
 * its three IPv4 switches, off (the IOS XR default) where not written. */
static void close_interface(xr_parser *p)
{
    xr_block *b = &p->blk;
    bool v4 = has_ipv4(b) && tw__if_has_neighbours(b->name);
    xr_field *f = add(p, "shutdown", TW_VAL_BOOL, false);

    if (f != NULL)
        f->num = b->shutdown;
    for (size_t i = 0; i < 3 && v4; i++) {
        f = add(p, ifopt_names[i], TW_VAL_BOOL, false);
        if (f != NULL)
            *f = b->ifopt[i];
    }
    emit_block(p, TW_FACT_INTERFACE, "name", b->name);
}

void tw__xr_block_close(xr_parser *p)
{
    xr_block *b = &p->blk;
    xr_blk_kind kind = b->kind;

    b->kind = XR_BLK_NONE;
    if (p->rc != TW_OK)
        return;
    if (kind == XR_BLK_INTERFACE) {
        close_interface(p);
        if (b->tunnel && p->rc == TW_OK)
            emit_tunnel(p);
    } else if (kind == XR_BLK_USER) {
        close_user(p);
    } else if (kind == XR_BLK_AAAHOST || kind == XR_BLK_LINE || kind == XR_BLK_RPL) {
        emit_block(p, b->fact, NULL, TW_STR_NULL);
    } else if (kind == XR_BLK_PWPOLICY || kind == XR_BLK_IKEPROP || kind == XR_BLK_TLSLOG) {
        tw__xr_harden_close(p, kind);
    }
}

/* ---- secrets ----------------------------------------------------------- */

void tw__xr_secret_default(xr_parser *p)
{
    tw_str owner = p->depth > 0 ? p->ctx : TW_STR_NULL;
    tw_str rest = owner, w1, w2;

    if (p->secret_at == 0 || p->secret_form == NULL || p->secret_done)
        return;
    if (p->depth == 0 && IS(0, "snmp-server"))
        return; /* communities and SNMPv3 keys: snmp_community, snmp_user */
    if (p->depth == 0) {
        tw__xr_secret(p, "", tw__xr_lower(p, TOK(0)));
        return;
    }
    switch (p->blk.kind) {
    case XR_BLK_LINE:
        tw__xr_secret(p, "line", p->blk.name);
        return;
    case XR_BLK_KEYCHAIN:
        tw__xr_secret(p, "key-chain", p->blk.name);
        return;
    case XR_BLK_NTP:
        tw__xr_secret(p, "ntp", TW_STR_NULL);
        return;
    case XR_BLK_BGP:
        tw__xr_secret(p, "bgp", TW_STR_NULL);
        return;
    default:
        break;
    }
    w1 = tw_str_token(&rest);
    w2 = tw_str_token(&rest);
    owner = w2.len > 0 ? tw_str_make(w1.ptr, (size_t)(w2.ptr + w2.len - w1.ptr)) : w1;
    tw__xr_secret(p, "", owner);
}

/* ---- ACL entries ------------------------------------------------------ */

static bool xr_addr(void *unused, tw_str s, tw_cidr *out)
{
    (void)unused;
    return tw__xr_addr(s, out);
}

static bool operand(xr_parser *p, size_t *i, bool ipv6, cisco_acl_operand *o)
{
    return tw__cisco_acl_operand(p->tok, p->ntok, i, ipv6, true, xr_addr, NULL, o);
}

typedef struct {
    tw_str protocol, sport, dport;
    cisco_acl_operand src, dst;
    bool has_dst;
} acl_parsed;

static bool acl_parse(xr_parser *p, size_t i, bool ipv6, acl_parsed *a)
{
    tw_cidr c;

    if (!IS(i, "any") && !IS(i, "host") && !IS(i, "net-group") && !tw__xr_addr(TOK(i), &c))
        a->protocol = TOK(i++);
    if (!operand(p, &i, ipv6, &a->src))
        return false;
    a->sport = tw__cisco_acl_ports(p->tok, p->ntok, &i, true);
    if (i >= p->ntok ||
        !(IS(i, "any") || IS(i, "host") || IS(i, "net-group") || tw__xr_addr(TOK(i), &c)))
        return a->protocol.len == 0;
    a->has_dst = true;
    if (!operand(p, &i, ipv6, &a->dst))
        return false;
    a->dport = tw__cisco_acl_ports(p->tok, p->ntok, &i, true);
    return true;
}

void tw__xr_acl_entry(xr_parser *p, tw_str list, bool ipv6, size_t i, bool has_seq, int64_t seq)
{
    acl_parsed a;
    bool remark = IS(i, "remark");

    if (!remark && !IS(i, "permit") && !IS(i, "deny"))
        return;
    memset(&a, 0, sizeof(a));
    if (!remark && !acl_parse(p, i + 1, ipv6, &a)) {
        tw__xr_warn(p, "access list %.*s: cannot parse the address operands",
                    (int)(list.len > 64 ? 64 : list.len), list.ptr);
        return;
    }
    tw__xr_begin(p, TW_FACT_ACL_ENTRY);
    tw_factset_str(p->fs, "list", list);
    if (has_seq)
        tw_factset_num(p->fs, "seq", seq);
    tw_factset_str(p->fs, "action", tw__xr_lower(p, TOK(i)));
    tw_factset_str(p->fs, "family", ipv6 ? TW_STR("ipv6") : TW_STR("ipv4"));
    if (remark) {
        tw_factset_str(p->fs, "remark", tw__xr_rest(p, i + 1));
    } else {
        if (a.protocol.len > 0)
            tw_factset_str(p->fs, "protocol", tw__xr_lower(p, a.protocol));
        tw__cisco_acl_put(p->fs, "src", &a.src);
        if (a.sport.len > 0)
            tw_factset_str(p->fs, "src_port", a.sport);
        if (a.has_dst)
            tw__cisco_acl_put(p->fs, "dst", &a.dst);
        if (a.dport.len > 0)
            tw_factset_str(p->fs, "dst_port", a.dport);
    }
    tw__xr_end(p);
}

static void acl_line(xr_parser *p, size_t t)
{
    int64_t seq = 0;
    bool has_seq = tw__xr_num(TOK(t), &seq);

    tw__xr_acl_entry(p, p->blk.name, p->blk.ipv6, t + has_seq, has_seq, seq);
}

/* ---- monitor sessions ------------------------------------------------- */

xr_monitor *tw__xr_monitor(xr_parser *p, tw_str name)
{
    for (size_t i = 0; i < p->nmon; i++) {
        if (tw_str_eq(p->mon[i].name, name))
            return &p->mon[i];
    }
    if (p->nmon == XR_MAX_MON) {
        tw__xr_warn(p, "more than %d monitor sessions: the rest are not read", XR_MAX_MON);
        return NULL;
    }
    memset(&p->mon[p->nmon], 0, sizeof(p->mon[0]));
    p->mon[p->nmon].name = name;
    return &p->mon[p->nmon++];
}

static void mon_str(xr_parser *p, xr_monitor *m, const char *name, tw_str v)
{
    xr_field *f = field_in(p, m->fields, &m->nfields, TW_LIMIT_FIELDS, name, TW_VAL_STR, true);

    if (f != NULL)
        f->str = v;
}

/* destination interface X | pseudowire | ... A: inside monitor-session. */
static void monitor_line(xr_parser *p, size_t t)
{
    xr_monitor *m = tw__xr_monitor(p, p->blk.name);
    xr_field *f;
    tw_cidr a;

    if (m == NULL || !IS(t, "destination") || t + 1 >= p->ntok)
        return;
    if (IS(t + 1, "interface") && tw_str_istarts_with(TOK(t + 2), TW_STR("tunnel-ip"))) {
        m->type = TW_STR("erspan");
        m->dest_tunnel = tunnel_key(p, tw__xr_rest(p, t + 2));
    } else if (IS(t + 1, "pseudowire")) {
        m->type = TW_STR("rspan");
    }
    for (size_t i = t + 1; i < p->ntok; i++) {
        if (!tw__xr_addr(TOK(i), &a))
            continue;
        m->type = TW_STR("erspan");
        f = field_in(p, m->fields, &m->nfields, TW_LIMIT_FIELDS, "destination", TW_VAL_ADDR, true);
        if (f != NULL)
            f->addr = a;
        return;
    }
    mon_str(p, m, "destination", tw__xr_rest(p, t + 1));
}

static void emit_monitor(xr_parser *p, const xr_monitor *m)
{
    int64_t id;

    tw_factset_begin(p->fs, TW_FACT_MIRROR_SESSION, m->line, m->header, TW_STR_NULL);
    tw_factset_str(p->fs, "name", m->name);
    if (tw__xr_num(m->name, &id))
        tw_factset_num(p->fs, "id", id);
    tw_factset_str(p->fs, "type", m->type);
    for (uint32_t i = 0; i < m->nfields; i++)
        tw__xr_put_field(p, &m->fields[i]);
    for (size_t i = 0; i < p->ntunnels && m->dest_tunnel.len > 0; i++) {
        if (tw_str_eq(p->tunnels[i].name, m->dest_tunnel)) {
            tw__xr_put_field(p, &p->tunnels[i].dest);
            break;
        }
    }
    tw__xr_end(p);
}

void tw__xr_monitors_emit(xr_parser *p)
{
    for (size_t i = 0; i < p->nmon && p->rc == TW_OK; i++) {
        if (p->mon[i].line != 0)
            emit_monitor(p, &p->mon[i]);
    }
}

/* ---- per-kind block lines --------------------------------------------- */

static void interface_addr(xr_parser *p, size_t t)
{
    tw_cidr a, m;
    tw_str s = TOK(t + 2);
    const char *slash = memchr(s.ptr, '/', s.len);

    if (IS(t, "ipv6")) {
        if (slash != NULL)
            s.len = (size_t)(slash - s.ptr);
        if (tw__xr_addr(s, &a))
            tw__xr_blk_addr(p, "address", &a, true);
        return;
    }
    if (!tw__xr_addr(s, &a))
        return;
    if (slash == NULL &&
        (!tw__xr_addr(TOK(t + 3), &m) || tw_cidr_from_mask(&a.addr, &m.addr, false, &m))) {
        tw__xr_warn(p, "interface %.*s: cannot parse the address mask",
                    (int)(p->blk.name.len > 64 ? 64 : p->blk.name.len), p->blk.name.ptr);
        return;
    }
    if (slash != NULL) {
        s.len = (size_t)(slash - s.ptr);
        if (!tw__xr_addr(s, &a))
            return;
    }
    tw__xr_blk_addr(p, "address", &a, true);
}

static void interface_tunnel(xr_parser *p, size_t t)
{
    tw_cidr a;

    if (IS(t + 1, "source"))
        tun_field(p, "source", TOK(t + 2), NULL);
    else if (IS(t + 1, "mode"))
        tun_field(p, "mode", tw__xr_lower(p, tw__xr_rest(p, t + 2)), NULL);
    else if (IS(t + 1, "destination") && tw__xr_addr(TOK(t + 2), &a))
        tun_field(p, "destination", TOK(t + 2), &a);
    else if (IS(t + 1, "destination"))
        tun_field(p, "destination", TOK(t + 2), NULL);
}

/* monitor-session NAME [ethernet|ipv4|ipv6] [direction ...] [port-level] */
static void interface_monitor(xr_parser *p, size_t t)
{
    xr_monitor *m = tw__xr_monitor(p, TOK(t + 1));
    tw_str dir = TW_STR_NULL;
    char *s;

    if (m == NULL)
        return;
    for (size_t i = t + 2; i + 1 < p->ntok; i++) {
        if (IS(i, "direction"))
            dir = TOK(i + 1);
    }
    if (dir.len == 0) {
        mon_str(p, m, "source", p->blk.name);
        return;
    }
    s = tw_arena_printf(p->fs->arena, "%.*s %.*s", (int)p->blk.name.len, p->blk.name.ptr,
                        (int)dir.len, dir.ptr);
    mon_str(p, m, "source", s != NULL ? tw_str_c(s) : p->blk.name);
}

/* ipv4|ipv6 access-group [common] NAME ingress|egress [options]: the list
 * that filters the interface's traffic in that direction (ingress is
 * acl_in, egress acl_out); a common ACL and the interface's own are each
 * a value.  A statement without a direction gives nothing. */
static void interface_acl(xr_parser *p, size_t t)
{
    size_t b = t + 2, d = b;

    while (d < p->ntok && !IS(d, "ingress") && !IS(d, "egress"))
        d++;
    if (d >= p->ntok || d == b || d > b + 3)
        return;
    if (IS(b, "common") && d > b + 1)
        b++;
    for (size_t i = b; i < d; i++)
        tw__xr_blk_str(p, IS(d, "ingress") ? "acl_in" : "acl_out", TOK(i), true);
}

/* ipv4 redirects, proxy-arp, ipv4 directed-broadcast (and their "no"
 * forms): switch i on or off at this line. */
static void interface_switch(xr_parser *p, size_t i, bool on)
{
    xr_field *f = &p->blk.ifopt[i];

    f->num = on;
    f->line = p->lineno;
    f->ev = p->ev;
}

static void interface_line(xr_parser *p, bool neg, size_t t)
{
    if (IS(t, "shutdown"))
        p->blk.shutdown = !neg;
    else if (IS(t, "ipv4") && IS(t + 1, "redirects") && p->ntok == t + 2)
        interface_switch(p, 0, !neg);
    else if (IS(t, "proxy-arp") && p->ntok == t + 1)
        interface_switch(p, 1, !neg);
    else if (IS(t, "ipv4") && IS(t + 1, "directed-broadcast"))
        interface_switch(p, 2, !neg);
    else if (neg)
        return;
    else if ((IS(t, "ipv4") || IS(t, "ipv6")) && IS(t + 1, "address"))
        interface_addr(p, t);
    else if ((IS(t, "ipv4") || IS(t, "ipv6")) && IS(t + 1, "access-group"))
        interface_acl(p, t);
    else if (IS(t, "description") && t + 1 < p->ntok)
        tw__xr_blk_str(p, "description", tw__xr_rest(p, t + 1), true);
    else if (IS(t, "vrf") && t + 1 < p->ntok)
        tw__xr_blk_str(p, "vrf", TOK(t + 1), true);
    else if (IS(t, "tunnel") && p->blk.tunnel && t + 2 < p->ntok)
        interface_tunnel(p, t);
    else if (IS(t, "monitor-session") && t + 1 < p->ntok)
        interface_monitor(p, t);
}

/* group G | secret [T] S | password [T] S, in a username block or on its
 * header line (from token t on). */
static void user_line(xr_parser *p, size_t t)
{
    bool own = p->depth > 0;

    for (size_t i = t; i < p->ntok; i++) {
        if (IS(i, "group") && i + 1 < p->ntok)
            tw__xr_blk_str(p, "group", TOK(++i), own);
    }
    if (p->secret_at == 0 || p->secret_form == NULL || p->secret_at < t)
        return;
    tw__xr_blk_str(p, "form", tw_str_c(p->secret_form), own);
    tw__xr_blk_num(p, "secret_type", tw__xr_secret_type(p, p->secret_at), own);
    tw__xr_secret(p, "username", p->blk.name);
}

/* [port P] [key [T] K] [timeout N], on a tacacs-server host line or in its
 * block. */
static void aaahost_line(xr_parser *p, size_t t)
{
    bool own = p->depth > 0;
    bool tac = tw_str_ieq_c(p->blk.fields[0].str, "tacacs");
    int64_t n;

    for (size_t i = t; i + 1 < p->ntok; i++) {
        if ((IS(i, "port") || IS(i, "auth-port")) && tw__xr_num(TOK(i + 1), &n))
            tw__xr_blk_num(p, "port", n, own);
        if (IS(i, "key") && p->secret_at > i)
            tw__xr_blk_num(p, "key_type", tw__xr_secret_type(p, p->secret_at), own);
    }
    if (p->secret_at >= t && p->secret_at > 0)
        tw__xr_secret(p, tac ? "tacacs" : "radius", p->blk.name);
}

/* server A | server-private A [port P] [key [T] K], in aaa group server. */
static void aaagrp_line(xr_parser *p, size_t t)
{
    bool tac = tw_str_ieq_c(p->blk.fields[0].str, "tacacs");
    tw_cidr a;
    int64_t n;

    if ((!IS(t, "server") && !IS(t, "server-private")) || !tw__xr_addr(TOK(t + 1), &a))
        return;
    tw__xr_begin(p, TW_FACT_AAA_SERVER);
    tw_factset_str(p->fs, "protocol", tac ? TW_STR("tacacs") : TW_STR("radius"));
    tw_factset_addr_text(p->fs, "address", &a, TOK(t + 1));
    for (size_t i = t + 2; i + 1 < p->ntok; i++) {
        if ((IS(i, "port") || IS(i, "auth-port")) && tw__xr_num(TOK(i + 1), &n))
            tw_factset_num(p->fs, "port", n);
        if (IS(i, "key") && p->secret_at > i)
            tw_factset_num(p->fs, "key_type", tw__xr_secret_type(p, p->secret_at));
    }
    tw__xr_end(p);
    tw__xr_secret(p, tac ? "tacacs" : "radius", TOK(t + 1));
}

/* exec-timeout M [S]: seconds, 0 for never. */
static void exec_timeout(xr_parser *p, size_t t)
{
    int64_t m, s = 0;

    if (!tw__xr_num(TOK(t + 1), &m) || m > 1000000000)
        return;
    if (t + 2 < p->ntok && (!tw__xr_num(TOK(t + 2), &s) || s > 1000000000))
        return;
    tw__xr_blk_num(p, "exec_timeout", m * 60 + s, true);
}

static void line_line(xr_parser *p, bool neg, size_t t)
{
    if (neg || p->depth != 1)
        return;
    if (IS(t, "exec-timeout")) {
        exec_timeout(p, t);
        return;
    }
    if (IS(t, "transport") && (IS(t + 1, "input") || IS(t + 1, "output"))) {
        const char *name = IS(t + 1, "input") ? "transport_input" : "transport_output";
        for (size_t i = t + 2; i < p->ntok; i++)
            tw__xr_blk_str(p, name, tw__xr_lower(p, TOK(i)), true);
    } else if (IS(t, "access-class") && t + 2 < p->ntok) {
        tw__xr_blk_str(p, IS(t + 1, "egress") ? "access_class_out" : "access_class", TOK(t + 2),
                       true);
    } else if (IS(t, "access-class") && t + 1 < p->ntok) {
        tw__xr_blk_str(p, "access_class", TOK(t + 1), true);
    }
}

/* server|peer [vrf V] A [key N] ... inside ntp (or after "ntp");
 * authenticate (the ntp-authenticate service). */
static void ntp_line(xr_parser *p, size_t t)
{
    size_t i = t + 1;
    tw_str vrf = TW_STR_NULL;
    tw_cidr a;
    int64_t key;

    if (IS(t, "authenticate") && p->ntok == t + 1) {
        tw__xr_service(p, "ntp-authenticate", true);
        return;
    }
    if (!IS(t, "server") && !IS(t, "peer"))
        return;
    if (IS(i, "vrf")) {
        vrf = TOK(i + 1);
        i += 2;
    }
    if (IS(i, "ipv4") || IS(i, "ipv6"))
        i++;
    if (i >= p->ntok)
        return;
    tw__xr_begin(p, TW_FACT_NTP_SERVER);
    if (tw__xr_addr(TOK(i), &a))
        tw_factset_addr_text(p->fs, "address", &a, TOK(i));
    else
        tw_factset_str(p->fs, "name", TOK(i));
    if (vrf.len > 0)
        tw_factset_str(p->fs, "vrf", vrf);
    for (i++; i + 1 < p->ntok; i++) {
        if (IS(i, "key") && tw__xr_num(TOK(i + 1), &key))
            tw_factset_num(p->fs, "key", key);
    }
    tw__xr_end(p);
}

/* A route under router static [vrf V] address-family ipv4|ipv6 unicast:
 * P/L [IF] [NH] [options]. */
static void static_line(xr_parser *p, size_t t)
{
    tw_cidr pfx, nh;
    tw_str vrf = TW_STR_NULL;
    size_t i = t + 1;

    if (p->depth < 2 || !tw__xr_addr(TOK(t), &pfx))
        return;
    if (p->nstack > 1 && tw_str_istarts_with(p->stack[1].text, TW_STR("vrf "))) {
        tw_str rest = p->stack[1].text;
        (void)tw_str_token(&rest);
        vrf = tw_str_token(&rest);
    }
    tw__xr_begin(p, TW_FACT_ROUTE);
    tw_factset_addr_text(p->fs, "prefix", &pfx, TOK(t));
    if (i < p->ntok && !tw__xr_addr(TOK(i), &nh) && !tw__xr_digits(TOK(i)) && !IS(i, "vrf"))
        tw_factset_str(p->fs, "interface", TOK(i++));
    if (tw__xr_addr(TOK(i), &nh))
        tw_factset_addr_text(p->fs, "next_hop", &nh, TOK(i));
    if (vrf.len > 0)
        tw_factset_str(p->fs, "vrf", vrf);
    tw__xr_end(p);
}

void tw__xr_snmp_host(xr_parser *p, size_t h, tw_str vrf)
{
    tw_cidr a;
    tw_str version = TW_STR("1");

    if (!tw__xr_addr(TOK(h + 1), &a))
        return;
    for (size_t i = h + 2; i + 1 < p->ntok; i++) {
        if (IS(i, "version"))
            version = TOK(i + 1);
    }
    tw__xr_begin(p, TW_FACT_SNMP_HOST);
    tw_factset_addr_text(p->fs, "address", &a, TOK(h + 1));
    if (vrf.len > 0)
        tw_factset_str(p->fs, "vrf", vrf);
    tw_factset_str(p->fs, "version", tw__xr_lower(p, version));
    tw__xr_end(p);
}

static void misc_line(xr_parser *p, size_t t)
{
    switch (p->blk.kind) {
    case XR_BLK_SNMPVRF:
        if (IS(t, "host"))
            tw__xr_snmp_host(p, t, p->blk.name);
        break;
    case XR_BLK_GRPC:
        if (p->depth == 1 && IS(t, "port") && t + 1 < p->ntok) {
            int64_t n;
            if (tw__xr_num(TOK(t + 1), &n)) {
                tw__xr_begin(p, TW_FACT_SERVICE);
                tw_factset_str(p->fs, "name", TW_STR("grpc"));
                tw_factset_bool(p->fs, "enabled", true);
                tw_factset_num(p->fs, "port", n);
                tw__xr_end(p);
            }
        }
        break;
    case XR_BLK_APPMGR:
        if (p->depth == 1 && IS(t, "application") && t + 1 < p->ntok) {
            tw__xr_begin(p, TW_FACT_SERVICE);
            tw_factset_str(p->fs, "name", TW_STR("app-hosting"));
            tw_factset_str(p->fs, "appid", TOK(t + 1));
            tw_factset_bool(p->fs, "enabled", true);
            tw__xr_end(p);
        }
        break;
    default:
        break;
    }
}

/* Handles one line inside the open block (or the rest of a header line). */
void tw__xr_block_line(xr_parser *p, bool neg, size_t t)
{
    switch (p->blk.kind) {
    case XR_BLK_INTERFACE:
        if (p->depth == 1)
            interface_line(p, neg, t);
        break;
    case XR_BLK_ACL:
        if (p->depth == 1 && !neg)
            acl_line(p, t);
        break;
    case XR_BLK_USER:
        if (!neg)
            user_line(p, t);
        break;
    case XR_BLK_AAAHOST:
        if (!neg)
            aaahost_line(p, t);
        break;
    case XR_BLK_AAAGRP:
        if (!neg && p->depth == 1)
            aaagrp_line(p, t);
        break;
    case XR_BLK_LINE:
        line_line(p, neg, t);
        break;
    case XR_BLK_MONITOR:
        if (!neg && p->depth == 1)
            monitor_line(p, t);
        break;
    case XR_BLK_NTP:
        if (!neg)
            ntp_line(p, t);
        break;
    case XR_BLK_STATIC:
        if (!neg)
            static_line(p, t);
        break;
    case XR_BLK_BGP:
        tw__xr_bgp_line(p, neg, t);
        break;
    case XR_BLK_PWPOLICY:
    case XR_BLK_IKEPROP:
    case XR_BLK_TLSLOG:
        if (!neg && p->depth == 1)
            tw__xr_harden_line(p, t);
        break;
    case XR_BLK_PREFIXSET:
        if (p->depth == 1)
            tw__xr_prefix_set_line(p, t);
        break;
    case XR_BLK_RPL:
        tw__xr_rpl_line(p, t);
        break;
    default:
        if (!neg)
            misc_line(p, t);
        break;
    }
}
