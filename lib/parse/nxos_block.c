/*
 * nxos_block.c: NX-OS block lines.
 *
 * While a block the parser models is open, nxos.c hands every inner line
 * here.  Fields of the block's fact (an interface's addresses and VRF, a
 * tunnel's endpoints, a monitor session's sources and destination, an
 * applet's actions, an interface's access groups, a route-map entry's
 * match and set lines) are gathered with the line and evidence of the
 * statement that set them, through the IOS block gatherer, which emits
 * the fact when the block closes; an interface with an IPv4 address then
 * gets its ICMP redirect, proxy ARP and directed broadcast settings (the
 * NX-OS defaults where not written).  Statements that are facts on their
 * own (an ACL entry, a "server" of an AAA group, a static route inside
 * "vrf context", a secret) are emitted at once.  The lines of "router bgp"
 * go to nxos_bgp.c.
 */
#include <string.h>

#include "nxos_int.h"

#define IS(i, w) NX_IS((i), (w))
#define TOK(i) NX_TOK(i)

/* A field of the tunnel fact of an interface block, on its own line. */
static ios_field *tun_field(nx_parser *p, const char *name, tw_val_type type)
{
    ios_block *b = &p->io.blk;
    ios_field *f;

    if (b->ntun >= sizeof(b->tun) / sizeof(b->tun[0]))
        return NULL;
    f = &b->tun[b->ntun++];
    memset(f, 0, sizeof(*f));
    f->name = name;
    f->type = type;
    f->line = p->io.lineno;
    f->ev = p->io.ev;
    return f;
}

/* tunnel source IF|A ; tunnel destination A ; tunnel mode M */
static void tunnel_line(nx_parser *p, size_t t)
{
    ios_field *f;
    tw_cidr a;

    if (IS(t + 1, "destination") && tw__ios_addr(&p->io, TOK(t + 2), &a)) {
        f = tun_field(p, "destination", TW_VAL_ADDR);
        if (f != NULL)
            f->addr = a;
        return;
    }
    if (IS(t + 1, "source"))
        f = tun_field(p, "source", TW_VAL_STR);
    else if (IS(t + 1, "mode"))
        f = tun_field(p, "mode", TW_VAL_STR);
    else if (IS(t + 1, "destination"))
        f = tun_field(p, "destination", TW_VAL_STR);
    else
        return;
    if (f != NULL)
        f->str =
            IS(t + 1, "mode") ? tw__ios_lower(&p->io, tw__ios_rest(&p->io, t + 2)) : TOK(t + 2);
}

/* ip address A/L | A M [secondary] ; ipv6 address P/L */
static void if_address(nx_parser *p, size_t t)
{
    tw_cidr a, m;
    tw_str s = TOK(t + 2);

    if (!tw__nx_host(p, s, &a))
        return;
    if (IS(t, "ip") && memchr(s.ptr, '/', s.len) == NULL &&
        (!tw__ios_addr(&p->io, TOK(t + 3), &m) ||
         tw_cidr_from_mask(&a.addr, &m.addr, false, &m) != TW_OK)) {
        tw__ios_warn(&p->io, "interface %.*s: cannot parse the address mask",
                     (int)(p->io.blk.name.len > 64 ? 64 : p->io.blk.name.len), p->io.blk.name.ptr);
        return;
    }
    tw__ios_blk_addr(&p->io, "address", &a, true);
    p->if_v4 = p->if_v4 || IS(t, "ip");
}

/* [no] ip redirects | ip proxy-arp | ip directed-broadcast [ACL] */
static bool if_setting(nx_parser *p, bool neg, size_t t)
{
    static const char *const words[NX_IF_NSET] = {"redirects", "proxy-arp", "directed-broadcast"};

    if (!IS(t, "ip"))
        return false;
    for (int k = 0; k < NX_IF_NSET; k++) {
        if (IS(t + 1, words[k])) {
            p->if_set[k] = (nx_setting){!neg, p->io.lineno, p->io.ev};
            return true;
        }
    }
    return false;
}

/* ip access-group NAME in|out, ip port access-group NAME in|out, ipv6
 * traffic-filter NAME in|out, ipv6 port traffic-filter NAME in: the list
 * that filters the interface's traffic in that direction (a statement
 * without a direction gives nothing).  False when the line is none of
 * them. */
static bool if_acl(nx_parser *p, size_t t)
{
    size_t i = t + 1 + IS(t + 1, "port");
    bool v4 = IS(t, "ip") && IS(i, "access-group");
    bool v6 = IS(t, "ipv6") && IS(i, "traffic-filter");

    if (!v4 && !v6)
        return false;
    if (p->io.ntok == i + 3 && (IS(i + 2, "in") || IS(i + 2, "out")))
        tw__ios_blk_str(&p->io, IS(i + 2, "in") ? "acl_in" : "acl_out", TOK(i + 1), true);
    return true;
}

static void interface_line(nx_parser *p, bool neg, size_t t)
{
    if (IS(t, "shutdown")) {
        p->io.blk.shutdown = !neg;
    } else if (if_setting(p, neg, t)) {
        return;
    } else if (neg || t + 2 > p->io.ntok) {
        return;
    } else if ((IS(t, "ip") || IS(t, "ipv6")) && IS(t + 1, "address") && t + 2 < p->io.ntok) {
        if_address(p, t);
    } else if (if_acl(p, t)) {
        return;
    } else if (IS(t, "description")) {
        tw__ios_blk_str(&p->io, "description", tw__ios_rest(&p->io, t + 1), true);
    } else if (IS(t, "vrf") && IS(t + 1, "member") && t + 2 < p->io.ntok) {
        tw__ios_blk_str(&p->io, "vrf", TOK(t + 2), true);
    } else if (IS(t, "tunnel") && p->io.blk.tunnel && t + 2 < p->io.ntok) {
        tunnel_line(p, t);
    }
}

/* [SEQ] permit|deny|remark ... */
static void acl_line(nx_parser *p, size_t t)
{
    int64_t seq = 0;
    bool has_seq = false;
    size_t i = t;

    if (tw__ios_digits(TOK(i)) && tw_str_to_i64(TOK(i), &seq)) {
        has_seq = true;
        i++;
    }
    tw__ios_acl_entry(&p->io, p->io.blk.name, 2, p->io.blk.ipv6, i, has_seq, seq);
}

/* server A|NAME under aaa group server tacacs+|radius G */
static void aaagrp_line(nx_parser *p, size_t t)
{
    ios_parser *io = &p->io;
    tw_cidr a;

    size_t n = io->fs->n;

    if (!IS(t, "server") || t + 1 >= io->ntok)
        return;
    tw__ios_begin(io, TW_FACT_AAA_SERVER);
    tw_factset_str(io->fs, "protocol", p->grp_tacacs ? TW_STR("tacacs") : TW_STR("radius"));
    if (tw__ios_addr(io, TOK(t + 1), &a))
        tw_factset_addr(io->fs, "address", &a);
    else
        tw_factset_str(io->fs, "name", TOK(t + 1));
    tw__ios_end(io);
    tw__nx_aaa_server(p, n, p->grp_tacacs, TOK(t + 1), -1);
}

/* access-class A in|out ; ipv6 access-class A in|out ; exec-timeout M
 * (minutes; 0: never), as seconds */
static void vty_line(nx_parser *p, size_t t)
{
    size_t i = IS(t, "ipv6") ? t + 1 : t;
    int64_t m;

    if (IS(t, "exec-timeout") && tw__ios_digits(TOK(t + 1)) && tw_str_to_i64(TOK(t + 1), &m) &&
        m <= INT64_MAX / 60)
        tw__ios_blk_num(&p->io, "exec_timeout", m * 60, true);
    else if (IS(i, "access-class") && i + 1 < p->io.ntok)
        tw__ios_blk_str(&p->io, IS(i + 2, "out") ? "access_class_out" : "access_class", TOK(i + 1),
                        true);
}

static tw_str unquote(tw_str s)
{
    if (s.len > 0 && s.ptr[0] == '"')
        s = tw_str_make(s.ptr + 1, s.len - 1);
    if (s.len > 0 && s.ptr[s.len - 1] == '"')
        s.len--;
    return s;
}

/* EEM: event ..., action L cli command "CMD", action L ...; a scheduler
 * job: every line is a command it runs. */
static void script_line(nx_parser *p, size_t t)
{
    ios_parser *io = &p->io;
    bool eem = io->blk.nfields > 0 && tw_str_eq_c(io->blk.fields[0].str, "eem");

    if (io->depth != 1)
        return;
    if (!eem) {
        if (!IS(t, "end-job"))
            tw__ios_blk_str(io, "action", unquote(tw__ios_rest(io, t)), true);
        return;
    }
    if (IS(t, "event") && t + 1 < io->ntok)
        tw__ios_blk_str(io, "event", tw__ios_rest(io, t + 1), true);
    else if (IS(t, "action") && IS(t + 2, "cli") && IS(t + 3, "command"))
        tw__ios_blk_str(io, "action", unquote(tw__ios_rest(io, t + 4)), true);
    else if (IS(t, "action") && t + 2 < io->ntok)
        tw__ios_blk_str(io, "action", unquote(tw__ios_rest(io, t + 2)), true);
}

/* source interface X [both|rx|tx] | source vlan N ; destination interface
 * X ; destination ip A ; erspan-id N ; vrf V */
static void monitor_line(nx_parser *p, size_t t)
{
    ios_parser *io = &p->io;
    tw_cidr a;

    if (io->depth != 1 || t + 1 >= io->ntok)
        return;
    if (IS(t, "source"))
        tw__ios_blk_str(io, "source", tw__ios_rest(io, t + 1), true);
    else if (IS(t, "destination") && IS(t + 1, "ip") && tw__ios_addr(io, TOK(t + 2), &a))
        tw__ios_blk_addr(io, "destination", &a, true);
    else if (IS(t, "destination"))
        tw__ios_blk_str(io, "destination", tw__ios_rest(io, t + 1), true);
    else if (IS(t, "vrf"))
        tw__ios_blk_str(io, "vrf", TOK(t + 1), true);
}

/* Secrets that may sit in any block: key-string of a key chain, OSPF
 * keys, BGP neighbor passwords, HSRP/VRRP authentication. */
static void block_secrets(nx_parser *p, size_t t)
{
    ios_parser *io = &p->io;
    size_t last = io->ntok - 1;

    if (!IS(last, "<redacted>"))
        return;
    if (IS(t, "key-string") && io->blk.kind == IOS_BLK_KEYCHAIN)
        tw__ios_secret(io, "key-chain", io->blk.name, "key", last);
    else if ((IS(t, "ip") || IS(t, "ipv6")) && IS(t + 1, "ospf"))
        tw__ios_secret(io, "ospf", TW_STR_NULL, "key", last);
    else if (IS(t, "password") && io->depth >= 2)
        tw__ios_secret(io, "bgp", TW_STR_NULL, "password", last);
    else if (IS(t, "authentication"))
        tw__ios_secret(io, "fhrp", TW_STR_NULL, "key", last);
}

/* Handles one line inside the open block. */
void tw__nx_block_line(nx_parser *p, bool neg, size_t t)
{
    ios_parser *io = &p->io;

    if (t >= io->ntok)
        return;
    if (!neg)
        block_secrets(p, t);
    if (p->bgp_on)
        tw__nx_bgp_line(p, neg, t);
    else if (io->blk.kind == IOS_BLK_INTERFACE && io->depth == 1)
        interface_line(p, neg, t);
    else if (neg)
        return;
    else if (io->blk.kind == IOS_BLK_ACL && io->depth == 1)
        acl_line(p, t);
    else if (io->blk.kind == IOS_BLK_AAAGRP)
        aaagrp_line(p, t);
    else if (io->blk.kind == IOS_BLK_VTY)
        vty_line(p, t);
    else if (io->blk.kind == IOS_BLK_SCRIPT)
        script_line(p, t);
    else if (io->blk.kind == IOS_BLK_MONITOR)
        monitor_line(p, t);
    else if (io->blk.kind == IOS_BLK_ROUTEMAP)
        tw__ios_route_map_line(io, t);
    else if (p->vrf_ctx && io->depth == 1 && (IS(t, "ip") || IS(t, "ipv6")) && IS(t + 1, "route"))
        tw__nx_route(p, t);
}

/* The transports of the VTY block come from the features: SSH unless
 * "no feature ssh", Telnet with "feature telnet" (at that line). */
static void vty_transports(nx_parser *p)
{
    ios_parser *io = &p->io;
    ios_field *f;

    if (!p->ssh_off)
        tw__ios_blk_str(io, "transport_input", TW_STR("ssh"), false);
    if (!p->telnet || io->blk.nfields >= TW_LIMIT_FIELDS)
        return;
    tw__ios_blk_str(io, "transport_input", TW_STR("telnet"), false);
    f = &io->blk.fields[io->blk.nfields - 1];
    f->line = p->telnet_line;
    f->ev = p->telnet_ev;
}

/* A bool field of the block's fact, at line (0: the fact's line). */
static void blk_bool(nx_parser *p, const char *name, bool v, uint32_t line, tw_str ev)
{
    ios_block *b = &p->io.blk;
    ios_field *f;

    if (b->nfields >= TW_LIMIT_FIELDS)
        return;
    f = &b->fields[b->nfields++];
    memset(f, 0, sizeof(*f));
    f->name = name;
    f->type = TW_VAL_BOOL;
    f->num = v;
    f->line = line;
    f->ev = ev;
}

/* An interface with an IPv4 address always carries the three settings,
 * at the line that wrote them or with the NX-OS default (redirects on). */
static void if_settings(nx_parser *p)
{
    static const char *const names[NX_IF_NSET] = {"redirects", "proxy_arp", "directed_broadcast"};

    for (int k = 0; k < NX_IF_NSET && p->if_v4 && tw__if_has_neighbours(p->io.blk.name); k++) {
        const nx_setting *s = &p->if_set[k];
        blk_bool(p, names[k], s->line != 0 ? s->on : k == NX_IF_REDIRECTS, s->line, s->ev);
    }
    p->if_v4 = false;
    memset(p->if_set, 0, sizeof(p->if_set));
}

void tw__nx_block_close(nx_parser *p)
{
    if (p->io.blk.kind == IOS_BLK_VTY)
        vty_transports(p);
    else if (p->io.blk.kind == IOS_BLK_INTERFACE)
        if_settings(p);
    if (p->bgp_on)
        tw__nx_bgp_close(p);
    p->vrf_ctx = false;
    p->bgp_on = false;
    tw__ios_block_close(&p->io);
}
