/*
 * ios_block.c: IOS / IOS XE blocks and ACL entries.
 *
 * A block is a top-level header and the lines indented under it.  While
 * it is open, ios.c hands every inner line here; fields that belong to the
 * block's fact (an interface's addresses, a VTY's transports) are gathered
 * with the line and evidence of the statement that set them, and the fact
 * is emitted when the block closes.  Statements that are facts on their own
 * (an ACL entry, a server-private line, a secret) are emitted at once.
 * An IOS interface that runs IPv4 also gets its redirects, proxy ARP and
 * directed broadcast settings, IOS's defaults where none is written.
 * Route-map entries are gathered here too (their lines: ios_policy.c).
 */
#include <string.h>

#include "ios_int.h"

#define IS(i, w) tw__ios_is(p, (i), (w))
#define TOK(i) tw__ios_tok(p, (i))

/* ---- gathering -------------------------------------------------------- */

static ios_field *blk_field(ios_parser *p, ios_field *v, uint32_t *n, uint32_t cap,
                            const char *name, tw_val_type type, bool own_line)
{
    ios_field *f;

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

static ios_field *add(ios_parser *p, const char *name, tw_val_type type, bool own_line)
{
    return blk_field(p, p->blk.fields, &p->blk.nfields, TW_LIMIT_FIELDS, name, type, own_line);
}

static void tun_str(ios_parser *p, const char *name, tw_str v)
{
    ios_field *f = blk_field(p, p->blk.tun, &p->blk.ntun, 8, name, TW_VAL_STR, true);

    if (f != NULL)
        f->str = v;
}

void tw__ios_blk_str(ios_parser *p, const char *name, tw_str v, bool own_line)
{
    ios_field *f = add(p, name, TW_VAL_STR, own_line);

    if (f != NULL)
        f->str = v;
}

void tw__ios_blk_num(ios_parser *p, const char *name, int64_t v, bool own_line)
{
    ios_field *f = add(p, name, TW_VAL_NUM, own_line);

    if (f != NULL)
        f->num = v;
}

void tw__ios_blk_addr(ios_parser *p, const char *name, const tw_cidr *v, bool own_line)
{
    ios_field *f = add(p, name, TW_VAL_ADDR, own_line);

    if (f != NULL)
        f->addr = *v;
}

void tw__ios_blk_bool(ios_parser *p, const char *name, bool v, bool own_line)
{
    ios_field *f = add(p, name, TW_VAL_BOOL, own_line);

    if (f != NULL)
        f->num = v;
}

/* An address field of its own line, with the token it was read from (see
 * tw_factset_addr_text). */
static void blk_addr_text(ios_parser *p, const char *name, const tw_cidr *v, tw_str text)
{
    ios_field *f = add(p, name, TW_VAL_ADDR, true);

    if (f != NULL) {
        f->addr = *v;
        f->str = text;
    }
}

void tw__ios_block_open(ios_parser *p, ios_blk_kind kind, tw_fact_kind fact, tw_str name)
{
    ios_block *b = &p->blk;

    b->kind = kind;
    b->fact = fact;
    b->line = b->fact_line = p->lineno;
    b->header = p->ev;
    b->name = name;
    b->acl_mode = 0;
    b->ipv6 = b->tunnel = b->shutdown = b->has_addr = false;
    b->nfields = b->ntun = 0;
    b->ifopt_set = 0;
}

/* ---- emission --------------------------------------------------------- */

static void put_field(ios_parser *p, const ios_field *f)
{
    if (f->type == TW_VAL_STR)
        tw_factset_str(p->fs, f->name, f->str);
    else if (f->type == TW_VAL_NUM)
        tw_factset_num(p->fs, f->name, f->num);
    else if (f->type == TW_VAL_BOOL)
        tw_factset_bool(p->fs, f->name, f->num != 0);
    else
        tw_factset_addr_text(p->fs, f->name, &f->addr, f->str);
    if (f->line != 0)
        tw_factset_field_at(p->fs, f->line, f->ev);
}

static void emit(ios_parser *p, tw_fact_kind kind, const ios_field *v, uint32_t n)
{
    const ios_block *b = &p->blk;
    tw_str ev = b->fact_line == b->line ? b->header : TW_STR_NULL;

    for (uint32_t i = 0; i < b->nfields && ev.len == 0; i++) {
        if (b->fields[i].line == b->fact_line)
            ev = b->fields[i].ev;
    }
    tw_factset_begin(p->fs, kind, b->fact_line, ev, TW_STR_NULL);
    for (uint32_t i = 0; i < n; i++)
        put_field(p, &v[i]);
    tw__ios_end(p);
}

static void emit_tunnel(ios_parser *p)
{
    ios_block *b = &p->blk;
    bool mode = false;

    for (uint32_t i = 0; i < b->ntun; i++)
        mode = mode || strcmp(b->tun[i].name, "mode") == 0;
    tw_factset_begin(p->fs, TW_FACT_TUNNEL, b->line, b->header, TW_STR_NULL);
    tw_factset_str(p->fs, "name", b->name);
    if (!mode)
        tw_factset_str(p->fs, "mode", TW_STR("gre ip"));
    for (uint32_t i = 0; i < b->ntun; i++)
        put_field(p, &b->tun[i]);
    tw__ios_end(p);
}

void tw__ios_block_close(ios_parser *p)
{
    ios_block *b = &p->blk;
    ios_blk_kind kind = b->kind;

    b->kind = IOS_BLK_NONE;
    if (p->rc != TW_OK)
        return;
    if (kind == IOS_BLK_INTERFACE) {
        ios_field *f = add(p, "shutdown", TW_VAL_BOOL, false);
        if (f != NULL)
            f->num = b->shutdown;
        tw_factset_begin(p->fs, TW_FACT_INTERFACE, b->line, b->header, TW_STR_NULL);
        tw_factset_str(p->fs, "name", b->name);
        for (uint32_t i = 0; i < b->nfields; i++)
            put_field(p, &b->fields[i]);
        tw__ios_end(p);
        if (b->tunnel && p->rc == TW_OK)
            emit_tunnel(p);
    } else if (kind == IOS_BLK_AAASRV || kind == IOS_BLK_VTY || kind == IOS_BLK_SCRIPT ||
               kind == IOS_BLK_MONITOR || kind == IOS_BLK_CRYPTO || kind == IOS_BLK_ROUTEMAP) {
        emit(p, b->fact, b->fields, b->nfields);
    }
}

/* ---- ACL entries ------------------------------------------------------ */

static bool ios_addr(void *p, tw_str s, tw_cidr *out)
{
    return tw__ios_addr(p, s, out);
}

/* Parses one address operand at *i; false when it is malformed. */
static bool operand(ios_parser *p, size_t *i, bool ipv6, bool std, cisco_acl_operand *o)
{
    return tw__cisco_acl_operand(p->tok, p->ntok, i, ipv6, std || ipv6, ios_addr, p, o);
}

typedef struct {
    tw_str protocol, sport, dport;
    cisco_acl_operand src, dst;
    bool ext;
} acl_parsed;

static bool acl_parse(ios_parser *p, size_t i, int mode, bool ipv6, acl_parsed *a)
{
    tw_cidr c;

    a->ext =
        mode == 2 || (mode == 0 && !IS(i, "any") && !IS(i, "host") && !tw__ios_addr(p, TOK(i), &c));
    if (a->ext) {
        a->protocol = IS(i, "object-group") ? tw__ios_span(p, i, i + 1) : TOK(i);
        i += IS(i, "object-group") ? 2 : 1;
    }
    if (!operand(p, &i, ipv6, !a->ext, &a->src))
        return false;
    if (!a->ext)
        return true;
    a->sport = tw__cisco_acl_ports(p->tok, p->ntok, &i, false);
    if (!operand(p, &i, ipv6, false, &a->dst))
        return false;
    a->dport = tw__cisco_acl_ports(p->tok, p->ntok, &i, false);
    return a->protocol.len > 0;
}

void tw__ios_acl_entry(ios_parser *p, tw_str list, int mode, bool ipv6, size_t i, bool has_seq,
                       int64_t seq)
{
    acl_parsed a;
    bool remark = IS(i, "remark");

    if (!remark && !IS(i, "permit") && !IS(i, "deny"))
        return;
    memset(&a, 0, sizeof(a));
    if (!remark && !acl_parse(p, i + 1, mode, ipv6, &a)) {
        tw__ios_warn(p, "access list %.*s: cannot parse the address operands",
                     (int)(list.len > 64 ? 64 : list.len), list.ptr);
        return;
    }
    tw__ios_begin(p, TW_FACT_ACL_ENTRY);
    tw_factset_str(p->fs, "list", list);
    if (has_seq)
        tw_factset_num(p->fs, "seq", seq);
    tw_factset_str(p->fs, "action", tw__ios_lower(p, TOK(i)));
    tw_factset_str(p->fs, "family", ipv6 ? TW_STR("ipv6") : TW_STR("ipv4"));
    if (remark) {
        tw_factset_str(p->fs, "remark", tw__ios_rest(p, i + 1));
    } else {
        if (a.ext)
            tw_factset_str(p->fs, "protocol", tw__ios_lower(p, a.protocol));
        tw__cisco_acl_put(p->fs, "src", &a.src);
        if (a.sport.len > 0)
            tw_factset_str(p->fs, "src_port", a.sport);
        if (a.ext)
            tw__cisco_acl_put(p->fs, "dst", &a.dst);
        if (a.dport.len > 0)
            tw_factset_str(p->fs, "dst_port", a.dport);
    }
    tw__ios_end(p);
}

static void acl_line(ios_parser *p, size_t t)
{
    int64_t seq = 0;
    bool has_seq = false;
    size_t i = t;

    if (IS(i, "sequence"))
        i++;
    if (tw__ios_digits(TOK(i)) && tw_str_to_i64(TOK(i), &seq)) {
        has_seq = true;
        i++;
    }
    tw__ios_acl_entry(p, p->blk.name, p->blk.acl_mode, p->blk.ipv6, i, has_seq, seq);
}

/* ---- per-kind block lines --------------------------------------------- */

static const char *const ifopt_names[IOS_IF_NOPTS] = {"redirects", "proxy_arp",
                                                      "directed_broadcast"};
static const bool ifopt_defaults[IOS_IF_NOPTS] = {true, true, false};

/* [no|default] ip redirects|proxy-arp|directed-broadcast at token t (the
 * "ip") in an interface; value 1 sets, 0 clears, -1 restores the default.
 * Kept aside: only an interface that runs IPv4 carries them. */
static bool interface_ipv4_option(ios_parser *p, size_t t, int value)
{
    ios_block *b = &p->blk;
    ios_field *f;
    int k;

    if (IS(t + 1, "redirects") && p->ntok == t + 2)
        k = IOS_IF_REDIRECTS;
    else if (IS(t + 1, "proxy-arp") && p->ntok == t + 2)
        k = IOS_IF_PROXY_ARP;
    else if (IS(t + 1, "directed-broadcast"))
        k = IOS_IF_DBCAST;
    else
        return false;
    f = &b->ifopt[k];
    *f = (ios_field){.name = ifopt_names[k],
                     .type = TW_VAL_BOOL,
                     .num = value < 0 ? ifopt_defaults[k] : value,
                     .line = p->lineno,
                     .ev = p->ev};
    b->ifopt_set |= 1u << k;
    return true;
}

void tw__ios_interface_done(ios_parser *p)
{
    ios_block *b = &p->blk;

    if (!b->has_addr || !tw__if_has_neighbours(b->name))
        return;
    for (int k = 0; k < IOS_IF_NOPTS; k++) {
        ios_field *f = add(p, ifopt_names[k], TW_VAL_BOOL, false);
        if (f == NULL)
            return;
        if (b->ifopt_set >> k & 1)
            *f = b->ifopt[k];
        else
            f->num = ifopt_defaults[k];
    }
}

/* ip address A M [secondary] ; ip address dhcp|negotiated: the interface
 * runs IPv4 (an address learnt counts). */
static void interface_address(ios_parser *p, size_t t)
{
    tw_cidr a, m;

    if (!tw__ios_addr(p, TOK(t + 2), &a)) {
        p->blk.has_addr = p->blk.has_addr || IS(t + 2, "dhcp") || IS(t + 2, "negotiated");
        return;
    }
    if (!tw__ios_addr(p, TOK(t + 3), &m) || tw_cidr_from_mask(&a.addr, &m.addr, false, &m)) {
        tw__ios_warn(p, "interface %.*s: cannot parse the address mask",
                     (int)(p->blk.name.len > 64 ? 64 : p->blk.name.len), p->blk.name.ptr);
        return;
    }
    blk_addr_text(p, "address", &a, TOK(t + 2));
    p->blk.has_addr = p->blk.has_addr || a.addr.family == 4;
}

/* ip access-group NAME in|out, ipv6 traffic-filter NAME in|out (t at
 * "ip" or "ipv6"): the list that filters the interface's traffic in that
 * direction. */
static void interface_acl(ios_parser *p, size_t t)
{
    if (p->ntok != t + 4 || (!IS(t + 3, "in") && !IS(t + 3, "out")))
        return;
    tw__ios_blk_str(p, IS(t + 3, "in") ? "acl_in" : "acl_out", TOK(t + 2), true);
}

/* [no] ip ... in an interface (t at "ip"); "ip unnumbered IF" borrows an
 * address, so the interface runs IPv4. */
static void interface_ip(ios_parser *p, bool neg, size_t t)
{
    if (IS(t + 1, "address")) {
        if (!neg)
            interface_address(p, t);
    } else if (IS(t + 1, "access-group")) {
        if (!neg)
            interface_acl(p, t);
    } else if (!interface_ipv4_option(p, t, !neg) && !neg) {
        if (IS(t + 1, "unnumbered"))
            p->blk.has_addr = true;
        else if (IS(t + 1, "vrf") && IS(t + 2, "forwarding"))
            tw__ios_blk_str(p, "vrf", TOK(p->ntok - 1), true);
    }
}

static void interface_tunnel(ios_parser *p, size_t t)
{
    tw_cidr a;

    if (IS(t + 1, "source")) {
        tun_str(p, "source", TOK(t + 2));
    } else if (IS(t + 1, "mode")) {
        tun_str(p, "mode", tw__ios_lower(p, tw__ios_rest(p, t + 2)));
    } else if (IS(t + 1, "protection") && IS(t + 2, "ipsec") && IS(t + 3, "profile")) {
        tun_str(p, "protection", TOK(t + 4));
    } else if (IS(t + 1, "destination") && tw__ios_addr(p, TOK(t + 2), &a)) {
        ios_field *f = blk_field(p, p->blk.tun, &p->blk.ntun, 8, "destination", TW_VAL_ADDR, true);
        if (f != NULL)
            f->addr = a;
    } else if (IS(t + 1, "destination")) {
        tun_str(p, "destination", TOK(t + 2));
    }
}

/* One line of an interface; the "ip" lines, most of them, are tested first. */
static void interface_line(ios_parser *p, bool neg, size_t t)
{
    tw_cidr a;

    if (IS(t, "ip")) {
        interface_ip(p, neg, t);
    } else if (IS(t, "shutdown")) {
        p->blk.shutdown = !neg;
    } else if (neg) {
        return;
    } else if (IS(t, "description") && t + 1 < p->ntok) {
        tw__ios_blk_str(p, "description", tw__ios_rest(p, t + 1), true);
    } else if (IS(t, "vrf") && (IS(t + 1, "forwarding") || IS(t + 1, "member"))) {
        tw__ios_blk_str(p, "vrf", TOK(p->ntok - 1), true);
    } else if (IS(t, "ipv6") && IS(t + 1, "address")) {
        tw_str s = TOK(t + 2);
        const char *slash = memchr(s.ptr, '/', s.len);
        if (slash != NULL)
            s.len = (size_t)(slash - s.ptr);
        if (tw__ios_addr(p, s, &a))
            tw__ios_blk_addr(p, "address", &a, true);
    } else if (IS(t, "ipv6") && IS(t + 1, "traffic-filter")) {
        interface_acl(p, t);
    } else if (IS(t, "default") && IS(t + 1, "ip")) {
        (void)interface_ipv4_option(p, t + 1, -1);
    } else if (IS(t, "tunnel") && p->blk.tunnel && t + 2 < p->ntok) {
        interface_tunnel(p, t);
    }
}

static void aaasrv_line(ios_parser *p, size_t t)
{
    tw_cidr a;
    int64_t n;

    if (IS(t, "address") && tw__ios_addr(p, TOK(t + 2), &a)) {
        p->blk.fact_line = p->lineno;
        tw__ios_blk_addr(p, "address", &a, true);
        for (size_t i = t + 3; i + 1 < p->ntok; i++) {
            if ((IS(i, "auth-port") || IS(i, "port")) && tw_str_to_i64(TOK(i + 1), &n))
                tw__ios_blk_num(p, "port", n, true);
        }
    } else if (IS(t, "port") && tw_str_to_i64(TOK(t + 1), &n)) {
        tw__ios_blk_num(p, "port", n, true);
    } else if (IS(t, "key") && IS(p->ntok - 1, "<redacted>")) {
        n = p->ntok - t == 3 && tw__ios_digits(TOK(t + 1)) ? TOK(t + 1).ptr[0] - '0' : 0;
        tw__ios_blk_num(p, "key_type", n, true);
        tw__ios_secret(p, p->blk.fields[0].str.ptr[0] == 't' ? "tacacs" : "radius", p->blk.name,
                       "key", p->ntok - 1);
    }
}

/* server-private A [port P] [key [T] K] under aaa group server */
static void aaagrp_line(ios_parser *p, size_t t)
{
    tw_cidr a;
    int64_t n;
    const char *proto = p->blk.fields[0].str.ptr[0] == 't' ? "tacacs" : "radius";

    if (!IS(t, "server-private") || !tw__ios_addr(p, TOK(t + 1), &a))
        return;
    tw__ios_begin(p, TW_FACT_AAA_SERVER);
    tw_factset_str(p->fs, "protocol", tw_str_c(proto));
    tw_factset_addr(p->fs, "address", &a);
    for (size_t i = t + 2; i + 1 < p->ntok; i++) {
        if ((IS(i, "port") || IS(i, "auth-port")) && tw_str_to_i64(TOK(i + 1), &n))
            tw_factset_num(p->fs, "port", n);
        if (IS(i, "key"))
            tw_factset_num(p->fs, "key_type",
                           p->ntok - i == 3 && tw__ios_digits(TOK(i + 1)) ? TOK(i + 1).ptr[0] - '0'
                                                                          : 0);
    }
    tw__ios_end(p);
    if (IS(p->ntok - 1, "<redacted>"))
        tw__ios_secret(p, proto, TOK(t + 1), "key", p->ntok - 1);
}

/* exec-timeout M [S] as seconds; "no exec-timeout" is "exec-timeout 0". */
static void vty_exec_timeout(ios_parser *p, bool neg, size_t t)
{
    int64_t m = 0, s = 0;

    if (!neg && (!tw__ios_digits(TOK(t + 1)) || !tw_str_to_i64(TOK(t + 1), &m) || m > 35791 ||
                 (t + 2 < p->ntok &&
                  (!tw__ios_digits(TOK(t + 2)) || !tw_str_to_i64(TOK(t + 2), &s) || s > 2147483))))
        return;
    tw__ios_blk_num(p, "exec_timeout", m * 60 + s, true);
}

static void vty_line(ios_parser *p, bool neg, size_t t)
{
    int64_t n;

    if (IS(t, "exec-timeout")) {
        vty_exec_timeout(p, neg, t);
        return;
    }
    if (neg)
        return;
    if (IS(t, "transport") && (IS(t + 1, "input") || IS(t + 1, "output"))) {
        const char *name = IS(t + 1, "input") ? "transport_input" : "transport_output";
        for (size_t i = t + 2; i < p->ntok; i++)
            tw__ios_blk_str(p, name, tw__ios_lower(p, TOK(i)), true);
    } else if (IS(t, "access-class") && t + 1 < p->ntok) {
        tw__ios_blk_str(p, IS(t + 2, "out") ? "access_class_out" : "access_class", TOK(t + 1),
                        true);
    } else if (IS(t, "rotary") && tw_str_to_i64(TOK(t + 1), &n)) {
        tw__ios_blk_num(p, "rotary", n, true);
    }
}

static tw_str unquote(tw_str s)
{
    if (s.len > 0 && s.ptr[0] == '"')
        s = tw_str_make(s.ptr + 1, s.len - 1);
    if (s.len > 0 && s.ptr[s.len - 1] == '"')
        s.len--;
    return s;
}

static void script_line(ios_parser *p, size_t t)
{
    if (p->depth != 1)
        return;
    if (IS(t, "event") && t + 1 < p->ntok)
        tw__ios_blk_str(p, "event", tw__ios_rest(p, t + 1), true);
    else if (IS(t, "action") && IS(t + 2, "cli") && IS(t + 3, "command"))
        tw__ios_blk_str(p, "action", unquote(tw__ios_rest(p, t + 4)), true);
    else if (IS(t, "action") && t + 2 < p->ntok)
        tw__ios_blk_str(p, "action", unquote(tw__ios_rest(p, t + 2)), true);
    else if (IS(t, "cli") && t + 1 < p->ntok)
        tw__ios_blk_str(p, "action", unquote(tw__ios_rest(p, t + 1)), true);
}

static void monitor_line(ios_parser *p, size_t t)
{
    tw_cidr a;

    if (p->depth == 1 && IS(t, "source") && t + 1 < p->ntok) {
        tw__ios_blk_str(p, "source", tw__ios_rest(p, t + 1), true);
    } else if (p->depth == 1 && IS(t, "destination") && t + 1 < p->ntok) {
        tw__ios_blk_str(p, "destination", tw__ios_rest(p, t + 1), true);
    } else if (p->depth == 2 && IS(t, "ip") && IS(t + 1, "address") &&
               tw_str_istarts_with(p->stack[1].text, TW_STR("destination")) &&
               tw__ios_addr(p, TOK(t + 2), &a)) {
        tw__ios_blk_addr(p, "destination", &a, true);
    } else if (p->depth == 2 && IS(t, "vrf") && t + 1 < p->ntok) {
        tw__ios_blk_str(p, "vrf", TOK(t + 1), true);
    }
}

/* archive / log config / logging enable: configuration changes are
 * logged (a service fact at the "logging enable" line). */
static void archive_line(ios_parser *p, size_t t)
{
    if (p->depth != 2 || !IS(t, "logging") || !IS(t + 1, "enable") || p->ntok != t + 2 ||
        !tw_str_istarts_with(p->stack[1].text, TW_STR("log config")))
        return;
    tw__ios_begin(p, TW_FACT_SERVICE);
    tw_factset_str(p->fs, "name", TW_STR("config-log"));
    tw_factset_bool(p->fs, "enabled", true);
    tw__ios_end(p);
}

/* Secrets that may sit in any block. */
static void block_secrets(ios_parser *p, size_t t)
{
    size_t last = p->ntok - 1;

    if (!IS(last, "<redacted>"))
        return;
    if (IS(t, "key-string") && p->blk.kind == IOS_BLK_KEYCHAIN)
        tw__ios_secret(p, "key-chain", p->blk.name, "key", last);
    else if (IS(t, "ip") && IS(t + 1, "ospf"))
        tw__ios_secret(p, "ospf", TW_STR_NULL, "key", last);
    else if (IS(t, "neighbor") && IS(last - 1 - tw__ios_digits(TOK(last - 1)), "password"))
        tw__ios_secret(p, "bgp", TW_STR_NULL, "password", last);
    else if (IS(t, "ppp"))
        tw__ios_secret(p, "ppp", TW_STR_NULL, "password", last);
    else if (IS(t, "password") && p->blk.kind == IOS_BLK_VTY)
        tw__ios_secret(p, "line", TW_STR_NULL, "password", last);
    else if (IS(t, "password") && p->blk.kind == IOS_BLK_BGP)
        tw__ios_secret(p, "bgp", TW_STR_NULL, "password", last); /* a peer-session template */
    else if (IS(t, "pre-shared-key"))
        tw__ios_secret(p, "isakmp", TW_STR_NULL, "key", last);
}

/* Handles one line inside the open block. */
void tw__ios_block_line(ios_parser *p, bool neg, size_t t)
{
    if (t >= p->ntok)
        return;
    if (!neg)
        block_secrets(p, t);
    switch (p->blk.kind) {
    case IOS_BLK_INTERFACE:
        if (p->depth == 1)
            interface_line(p, neg, t);
        break;
    case IOS_BLK_ACL:
        if (p->depth == 1 && !neg)
            acl_line(p, t);
        break;
    case IOS_BLK_AAASRV:
        if (!neg)
            aaasrv_line(p, t);
        break;
    case IOS_BLK_AAAGRP:
        if (!neg)
            aaagrp_line(p, t);
        break;
    case IOS_BLK_VTY:
        vty_line(p, neg, t);
        break;
    case IOS_BLK_SCRIPT:
        if (!neg)
            script_line(p, t);
        break;
    case IOS_BLK_MONITOR:
        if (!neg)
            monitor_line(p, t);
        break;
    case IOS_BLK_CRYPTO:
        if (!neg && p->depth == 1)
            tw__ios_crypto_line(p, t);
        break;
    case IOS_BLK_BGP:
        tw__ios_bgp_line(p, neg, t);
        break;
    case IOS_BLK_ARCHIVE:
        if (!neg)
            archive_line(p, t);
        break;
    case IOS_BLK_ROUTEMAP:
        if (!neg)
            tw__ios_route_map_line(p, t);
        break;
    default:
        break;
    }
}
