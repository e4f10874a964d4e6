/*
 * iosxr_stmt.c: IOS XR statements at the top level.
 *
 * tw__xr_top dispatches on the first word (after "no") through one table.
 * One-line statements (hostname, logging, SNMP, SSH, AAA methods, aliases,
 * scripts) emit their facts at once; block headers (interface, username,
 * tacacs-server host, ipv4/ipv6 access-list, line, monitor-session, ntp,
 * router static, key chain, grpc, appmgr) open a block in iosxr_block.c.
 */
#include <string.h>

#include "iosxr_int.h"

#define IS(i, w) tw__xr_is(p, (i), (w))
#define TOK(i) tw__xr_tok(p, (i))

typedef void (*top_fn)(xr_parser *p, bool neg, size_t t);

static void hostname(xr_parser *p, bool neg, size_t t)
{
    if (neg || p->ntok < t + 2)
        return;
    tw__xr_begin(p, TW_FACT_HOSTNAME);
    tw_factset_str(p->fs, "name", TOK(t + 1));
    tw__xr_end(p);
    if (p->fs->n > 0 && p->fs->v[p->fs->n - 1].kind == TW_FACT_HOSTNAME)
        p->fs->hostname = p->fs->v[p->fs->n - 1].fields[0].str;
}

static void interface(xr_parser *p, bool neg, size_t t)
{
    size_t i = t + 1 + IS(t + 1, "preconfigure");
    tw_str name = tw__xr_rest(p, i);

    if (neg || i >= p->ntok)
        return;
    tw__xr_block_open(p, XR_BLK_INTERFACE, TW_FACT_INTERFACE, name);
    p->blk.tunnel = tw_str_istarts_with(TOK(i), TW_STR("tunnel-ip"));
}

/* ipv4|ipv6 access-list NAME [SEQ permit ...] */
static void access_list(xr_parser *p, bool neg, size_t t)
{
    bool v6 = IS(t, "ipv6");
    int64_t seq = 0;
    size_t i = t + 3;

    if (neg || !IS(t + 1, "access-list") || t + 2 >= p->ntok)
        return;
    tw__xr_block_open(p, XR_BLK_ACL, TW_FACT_ACL_ENTRY, TOK(t + 2));
    p->blk.ipv6 = v6;
    if (i >= p->ntok)
        return;
    if (tw__xr_num(TOK(i), &seq))
        i++;
    tw__xr_acl_entry(p, TOK(t + 2), v6, i, i > t + 3, seq);
}

/* username NAME [group G] [secret|password [T] S] (a block, or one line) */
static void username(xr_parser *p, bool neg, size_t t)
{
    if (neg || t + 1 >= p->ntok)
        return;
    tw__xr_block_open(p, XR_BLK_USER, TW_FACT_LOCAL_USER, TOK(t + 1));
    if (t + 2 < p->ntok)
        tw__xr_block_line(p, false, t + 2);
}

/* tacacs-server host A [port P] [key [T] K] (may open a block);
 * tacacs-server key [T] K; radius-server the same. */
static void server_host(xr_parser *p, bool neg, size_t t)
{
    bool tac = IS(t, "tacacs-server");
    tw_cidr a;

    if (neg)
        return;
    if (IS(t + 1, "key")) {
        tw__xr_secret(p, tac ? "tacacs" : "radius", TW_STR_NULL);
        return;
    }
    if (!IS(t + 1, "host") || t + 2 >= p->ntok)
        return;
    tw__xr_block_open(p, XR_BLK_AAAHOST, TW_FACT_AAA_SERVER, TOK(t + 2));
    tw__xr_blk_str(p, "protocol", tac ? TW_STR("tacacs") : TW_STR("radius"), false);
    if (tw__xr_addr(TOK(t + 2), &a))
        tw__xr_blk_addr(p, "address", &a, false);
    else
        tw__xr_blk_str(p, "name", TOK(t + 2), false);
    if (t + 3 < p->ntok)
        tw__xr_block_line(p, false, t + 3);
}

/* aaa authentication|authorization|accounting SERVICE LIST [record]
 * methods...; aaa group server tacacs+|radius NAME (a block). */
static void aaa(xr_parser *p, bool neg, size_t t)
{
    size_t i = t + 3;

    if (neg)
        return;
    if (IS(t + 1, "group") && IS(t + 2, "server") && t + 4 < p->ntok) {
        tw__xr_block_open(p, XR_BLK_AAAGRP, TW_FACT_AAA_SERVER, TOK(t + 4));
        tw__xr_blk_str(p, "protocol", IS(t + 3, "radius") ? TW_STR("radius") : TW_STR("tacacs"),
                       false);
        return;
    }
    if (!(IS(t + 1, "authentication") || IS(t + 1, "authorization") || IS(t + 1, "accounting")) ||
        t + 2 >= p->ntok)
        return;
    tw__xr_begin(p, TW_FACT_AAA_METHOD);
    tw_factset_str(p->fs, "type", tw__xr_lower(p, TOK(t + 1)));
    tw_factset_str(p->fs, "service", tw__xr_lower(p, TOK(t + 2)));
    if (i < p->ntok)
        tw_factset_str(p->fs, "list", TOK(i++));
    if (IS(i, "start-stop") || IS(i, "stop-only") || IS(i, "none"))
        tw_factset_str(p->fs, "record", tw__xr_lower(p, TOK(i++)));
    tw__cisco_aaa_methods(p->fs, p->tok, p->ntok, i);
    tw__xr_end(p);
}

/* logging A [vrf V] [severity S] [port P]; logging SETTING ... */
static void logging(xr_parser *p, bool neg, size_t t)
{
    size_t i = t + 1 + (IS(t + 1, "host") || IS(t + 1, "ipv4") || IS(t + 1, "ipv6"));
    tw_cidr a;
    int64_t port;

    if (t + 1 >= p->ntok)
        return;
    if (!tw__xr_addr(TOK(i), &a)) {
        tw__xr_begin(p, TW_FACT_LOGGING);
        tw_factset_str(p->fs, "setting", TOK(t + 1));
        tw_factset_bool(p->fs, "enabled", !neg);
        tw__xr_end(p);
        return;
    }
    if (neg)
        return;
    tw__xr_begin(p, TW_FACT_LOGGING_HOST);
    tw_factset_addr_text(p->fs, "address", &a, TOK(i));
    for (i++; i + 1 < p->ntok; i++) {
        if (IS(i, "vrf"))
            tw_factset_str(p->fs, "vrf", TOK(i + 1));
        if (IS(i, "port") && tw__xr_num(TOK(i + 1), &port))
            tw_factset_num(p->fs, "port", port);
        if (IS(i, "severity"))
            tw_factset_str(p->fs, "severity", tw__xr_lower(p, TOK(i + 1)));
    }
    tw__xr_end(p);
}

/* ntp (a block); ntp server [vrf V] A [key N] on one line. */
static void ntp(xr_parser *p, bool neg, size_t t)
{
    if (neg)
        return;
    tw__xr_block_open(p, XR_BLK_NTP, TW_FACT_NTP_SERVER, TW_STR_NULL);
    if (t + 1 < p->ntok)
        tw__xr_block_line(p, false, t + 1);
}

static void snmp_community(xr_parser *p, size_t t)
{
    tw_str access = TW_STR("ro"), acl = TW_STR_NULL, view = TW_STR_NULL;

    for (size_t i = t + 3; i < p->ntok; i++) {
        if (IS(i, "view") && i + 1 < p->ntok) {
            view = TOK(++i);
        } else if (IS(i, "ro") || IS(i, "rw")) {
            access = IS(i, "ro") ? TW_STR("ro") : TW_STR("rw");
        } else if ((IS(i, "ipv4") || IS(i, "ipv6")) && i + 1 < p->ntok) {
            acl = acl.len > 0 ? acl : TOK(i + 1);
            i++;
        } else if (!IS(i, "sdrowner") && !IS(i, "systemowner") && !IS(i, "<redacted>")) {
            acl = acl.len > 0 ? acl : TOK(i);
        }
    }
    tw__xr_begin(p, TW_FACT_SNMP_COMMUNITY);
    tw_factset_secret(p->fs, "community");
    tw_factset_str(p->fs, "access", access);
    if (view.len > 0)
        tw_factset_str(p->fs, "view", view);
    if (acl.len > 0)
        tw_factset_str(p->fs, "acl", acl);
    tw__xr_end(p);
}

static void snmp_user(xr_parser *p, size_t t)
{
    tw__xr_begin(p, TW_FACT_SNMP_USER);
    tw_factset_str(p->fs, "name", TOK(t + 2));
    if (t + 3 < p->ntok)
        tw_factset_str(p->fs, "group", TOK(t + 3));
    for (size_t i = t + 4; i + 1 < p->ntok; i++) {
        if (IS(i, "v1") || IS(i, "v2c") || IS(i, "v3"))
            tw_factset_str(p->fs, "version", tw__xr_lower(p, TOK(i)));
        if (IS(i, "auth") || IS(i, "priv"))
            tw_factset_str(p->fs, IS(i, "auth") ? "auth" : "priv", tw__xr_lower(p, TOK(i + 1)));
    }
    tw__xr_end(p);
}

static void snmp(xr_parser *p, bool neg, size_t t)
{
    if (neg || t + 2 >= p->ntok)
        return;
    if (IS(t + 1, "community"))
        snmp_community(p, t);
    else if (IS(t + 1, "user"))
        snmp_user(p, t);
    else if (IS(t + 1, "host"))
        tw__xr_snmp_host(p, t + 1, TW_STR_NULL);
    else if (IS(t + 1, "vrf")) {
        tw__xr_block_open(p, XR_BLK_SNMPVRF, TW_FACT_SNMP_HOST, TOK(t + 2));
    }
}

static void service_field(xr_parser *p, const char *name, const char *field, tw_str v)
{
    tw__xr_begin(p, TW_FACT_SERVICE);
    tw_factset_str(p->fs, "name", tw_str_c(name));
    tw_factset_bool(p->fs, "enabled", true);
    tw_factset_str(p->fs, field, v);
    tw__xr_end(p);
}

static void service_port(xr_parser *p, const char *name, tw_str v)
{
    int64_t n;

    if (!tw__xr_num(v, &n)) {
        tw__xr_warn(p, "%s: port is not a number", name);
        return;
    }
    tw__xr_begin(p, TW_FACT_SERVICE);
    tw_factset_str(p->fs, "name", tw_str_c(name));
    tw_factset_bool(p->fs, "enabled", true);
    tw_factset_num(p->fs, "port", n);
    tw__xr_end(p);
}

/* ssh server vrf V [ipv4 access-list A] [ipv6 access-list B] */
static void ssh_vrf(xr_parser *p, size_t t)
{
    tw__xr_begin(p, TW_FACT_SERVICE);
    tw_factset_str(p->fs, "name", TW_STR("ssh"));
    tw_factset_bool(p->fs, "enabled", true);
    tw_factset_str(p->fs, "vrf", TOK(t + 3));
    for (size_t i = t + 4; i + 2 < p->ntok; i++) {
        if ((IS(i, "ipv4") || IS(i, "ipv6")) && IS(i + 1, "access-list"))
            tw_factset_str(p->fs, "acl", TOK(i + 2));
    }
    tw__xr_end(p);
}

/* ssh server | ssh server v2 | vrf V ... | port P | netconf [vrf V] [port P] */
static void ssh(xr_parser *p, bool neg, size_t t)
{
    if (neg || !IS(t + 1, "server"))
        return;
    if (p->ntok == t + 2)
        tw__xr_service(p, "ssh", true);
    else if (IS(t + 2, "v2") && p->ntok == t + 3)
        service_field(p, "ssh", "version", TW_STR("2"));
    else if (IS(t + 2, "vrf") && t + 3 < p->ntok)
        ssh_vrf(p, t);
    else if (IS(t + 2, "port") && t + 3 < p->ntok)
        service_port(p, "ssh", TOK(t + 3));
    else if (IS(t + 2, "netconf")) {
        for (size_t i = t + 3; i + 1 < p->ntok; i++) {
            if (IS(i, "port"))
                service_port(p, "netconf", TOK(i + 1));
        }
    }
}

/* telnet [vrf V] ipv4|ipv6 server max-servers N */
static void telnet(xr_parser *p, bool neg, size_t t)
{
    size_t i = t + 1;

    if (IS(i, "vrf"))
        i += 2;
    if (!(IS(i, "ipv4") || IS(i, "ipv6")) || !IS(i + 1, "server"))
        return;
    tw__xr_begin(p, TW_FACT_SERVICE);
    tw_factset_str(p->fs, "name", TW_STR("telnet"));
    tw_factset_bool(p->fs, "enabled", !neg);
    if (IS(t + 1, "vrf"))
        tw_factset_str(p->fs, "vrf", TOK(t + 2));
    tw__xr_end(p);
}

/* line default | line template NAME (blocks) */
static void line(xr_parser *p, bool neg, size_t t)
{
    tw_str name;

    if (neg)
        return;
    if (IS(t + 1, "default"))
        name = TOK(t + 1);
    else if (IS(t + 1, "template") && t + 2 < p->ntok)
        name = tw__xr_span(p, t + 1, t + 2);
    else
        return;
    tw__xr_block_open(p, XR_BLK_LINE, TW_FACT_VTY, name);
    tw__xr_blk_str(p, "name", name, false);
}

static void monitor_session(xr_parser *p, bool neg, size_t t)
{
    xr_monitor *m;

    if (neg || t + 1 >= p->ntok)
        return;
    tw__xr_block_open(p, XR_BLK_MONITOR, TW_FACT_MIRROR_SESSION, TOK(t + 1));
    m = tw__xr_monitor(p, TOK(t + 1));
    if (m == NULL || m->line != 0)
        return;
    m->line = p->lineno;
    m->header = p->ev;
    m->type = TW_STR("span");
}

static void router(xr_parser *p, bool neg, size_t t)
{
    if (neg)
        return;
    if (IS(t + 1, "static"))
        tw__xr_block_open(p, XR_BLK_STATIC, TW_FACT_ROUTE, TW_STR_NULL);
    else if (IS(t + 1, "bgp"))
        tw__xr_block_open(p, XR_BLK_BGP, TW_FACT_SECRET, TW_STR_NULL);
}

static void key(xr_parser *p, bool neg, size_t t)
{
    if (!neg && IS(t + 1, "chain") && t + 2 < p->ntok)
        tw__xr_block_open(p, XR_BLK_KEYCHAIN, TW_FACT_SECRET, TOK(t + 2));
}

static void script_fact(xr_parser *p, const char *type, tw_str name, const char *field, tw_str v)
{
    tw__xr_begin(p, TW_FACT_SCRIPT);
    tw_factset_str(p->fs, "type", tw_str_c(type));
    tw_factset_str(p->fs, "name", name);
    if (v.len > 0)
        tw_factset_str(p->fs, field, v);
    tw__xr_end(p);
}

/* event manager policy NAME [username U] ... ; script exec|config|process
 * NAME ... ; alias [exec|config] NAME COMMAND */
static void scripts(xr_parser *p, bool neg, size_t t)
{
    size_t n;

    if (neg)
        return;
    if (IS(t, "event") && IS(t + 1, "manager") && IS(t + 2, "policy") && t + 3 < p->ntok) {
        script_fact(p, "eem", TOK(t + 3), "event", tw__xr_rest(p, t + 4));
    } else if (IS(t, "script") && t + 2 < p->ntok) {
        script_fact(p, "script", TOK(t + 2), "event", tw__xr_lower(p, TOK(t + 1)));
    } else if (IS(t, "alias")) {
        n = t + 1 + (IS(t + 1, "exec") || IS(t + 1, "config"));
        if (n + 1 < p->ntok)
            script_fact(p, "alias", TOK(n), "action", tw__xr_rest(p, n + 1));
    }
}

/* Services turned on by one word or two: netconf, xml agent, grpc, cdp,
 * http server, appmgr. */
static void services(xr_parser *p, bool neg, size_t t)
{
    if (IS(t, "netconf-yang") || (IS(t, "netconf") && IS(t + 1, "agent")))
        tw__xr_service(p, "netconf", !neg);
    else if (IS(t, "xml") && IS(t + 1, "agent"))
        tw__xr_service(p, "xml", !neg);
    else if (IS(t, "cdp") && p->ntok == t + 1)
        tw__xr_service(p, "cdp", !neg);
    else if (IS(t, "http") && IS(t + 1, "server"))
        tw__xr_service(p, "http", !neg);
    if (neg)
        return;
    if (IS(t, "grpc")) {
        tw__xr_service(p, "grpc", true);
        tw__xr_block_open(p, XR_BLK_GRPC, TW_FACT_SERVICE, TW_STR_NULL);
    } else if (IS(t, "appmgr")) {
        tw__xr_block_open(p, XR_BLK_APPMGR, TW_FACT_SERVICE, TW_STR_NULL);
    }
}

#define E(w, f)                                                                                    \
    {                                                                                              \
        w, f                                                                                       \
    }
static const struct {
    const char *word;
    top_fn fn;
} top_table[] = {
    E("interface", interface),
    E("ipv4", access_list),
    E("ipv6", access_list),
    E("hostname", hostname),
    E("username", username),
    E("aaa", aaa),
    E("tacacs-server", server_host),
    E("radius-server", server_host),
    E("logging", logging),
    E("ntp", ntp),
    E("snmp-server", snmp),
    E("ssh", ssh),
    E("telnet", telnet),
    E("line", line),
    E("monitor-session", monitor_session),
    E("router", router),
    E("key", key),
    E("event", scripts),
    E("script", scripts),
    E("alias", scripts),
    E("netconf-yang", services),
    E("netconf", services),
    E("xml", services),
    E("cdp", services),
    E("http", services),
    E("grpc", services),
    E("appmgr", services),
};
#undef E

/* The IOS XR host shell service of AA25-239A: any statement naming
 * sshd_operns (a script or alias that starts it, a third-party app). */
static void sshd_operns(xr_parser *p, bool neg)
{
    bool off = neg;

    for (size_t i = 0; i < p->ntok; i++)
        off = off || IS(i, "stop") || IS(i, "disable");
    tw__xr_begin(p, TW_FACT_SERVICE);
    tw_factset_str(p->fs, "name", TW_STR("sshd_operns"));
    tw_factset_bool(p->fs, "enabled", !off);
    tw_factset_num(p->fs, "port", 57722);
    tw__xr_end(p);
}

/* Checked on every statement, at any depth. */
void tw__xr_any(xr_parser *p, bool neg)
{
    for (size_t i = 0; i < p->ntok; i++) {
        if (tw_str_find(p->tok[i], TW_STR("sshd_operns")) >= 0) {
            sshd_operns(p, neg);
            return;
        }
    }
}

/* Dispatches a top-level statement on its first word (after "no"). */
void tw__xr_top(xr_parser *p, bool neg, size_t t)
{
    tw_str w = TOK(t);

    for (size_t i = 0; i < sizeof(top_table) / sizeof(top_table[0]); i++) {
        if (tw_str_ieq_c(w, top_table[i].word)) {
            top_table[i].fn(p, neg, t);
            return;
        }
    }
}
