/*
 * iosxr_stmt.c: IOS XR statements at the top level.
 *
 * tw__xr_top dispatches on the first word (after "no") through one table.
 * One-line statements (hostname, logging, SNMP, SSH, AAA methods, aliases,
 * scripts, services) emit their facts at once; block headers (interface,
 * username, tacacs-server host, ipv4/ipv6 access-list, line,
 * monitor-session, ntp, router static, router bgp, key chain, grpc, appmgr,
 * aaa password-policy, ikev2 proposal, logging tls-server, prefix-set,
 * route-policy) open a block in iosxr_block.c.
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

/* tacacs-server key [T] K: a secret fact, and the key_type servers with no
 * key of their own get at the end of the file (iosxr_harden.c). */
static void global_key(xr_parser *p, bool tac)
{
    xr_gkey *g = &p->gkey[tac ? 0 : 1];

    if (p->secret_at == 0)
        return;
    g->set = true;
    g->type = tw__xr_secret_type(p, p->secret_at);
    g->at = (xr_at){p->lineno, p->ev};
    tw__xr_secret(p, tac ? "tacacs" : "radius", TW_STR_NULL);
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
        global_key(p, tac);
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
 * methods...; aaa group server tacacs+|radius NAME and aaa password-policy
 * NAME (blocks). */
static void aaa(xr_parser *p, bool neg, size_t t)
{
    size_t i = t + 3;

    if (neg)
        return;
    if (IS(t + 1, "password-policy") && t + 2 < p->ntok) {
        tw__xr_block_open(p, XR_BLK_PWPOLICY, TW_FACT_SERVICE, TOK(t + 2));
        return;
    }
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

/* logging SETTING ...: logging trap L gives the severity (0..7); logging
 * trap disable turns it off. */
static void logging_setting(xr_parser *p, bool neg, size_t t)
{
    bool trap = IS(t + 1, "trap");
    int64_t sev = -1;

    if (trap && !neg && !tw__xr_severity(TOK(t + 2), &sev))
        sev = -1;
    tw__xr_begin(p, TW_FACT_LOGGING);
    tw_factset_str(p->fs, "setting", TOK(t + 1));
    tw_factset_bool(p->fs, "enabled", !neg && !(trap && IS(t + 2, "disable")));
    if (sev >= 0)
        tw_factset_num(p->fs, "severity", sev);
    tw__xr_end(p);
}

/* logging A [vrf V] [severity S] [port P]: a logging_host, and for a
 * severity the trap level it sets (a logging fact); logging tls-server
 * NAME (a block); logging SETTING ... */
static void logging(xr_parser *p, bool neg, size_t t)
{
    size_t i = t + 1 + (IS(t + 1, "host") || IS(t + 1, "ipv4") || IS(t + 1, "ipv6"));
    tw_cidr a;
    int64_t port, sev = -1;

    if (t + 1 >= p->ntok)
        return;
    if (IS(t + 1, "tls-server") && t + 2 < p->ntok && !neg) {
        tw__xr_block_open(p, XR_BLK_TLSLOG, TW_FACT_LOGGING_HOST, TOK(t + 2));
        return;
    }
    if (!tw__xr_addr(TOK(i), &a)) {
        logging_setting(p, neg, t);
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
        if (IS(i, "severity") && tw__xr_severity(TOK(i + 1), &sev))
            tw_factset_str(p->fs, "severity", tw__xr_lower(p, TOK(i + 1)));
    }
    tw__xr_end(p);
    if (sev >= 0 && p->rc == TW_OK)
        tw__xr_trap_fact(p, sev);
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
    if (p->fingerprint[0] != '\0')
        tw_factset_str(p->fs, "fingerprint", tw_str_c(p->fingerprint));
    tw_factset_str(p->fs, "access", access);
    if (view.len > 0)
        tw_factset_str(p->fs, "view", view);
    if (acl.len > 0)
        tw_factset_str(p->fs, "acl", acl);
    if (p->strength != NULL)
        tw_factset_str(p->fs, "strength", tw_str_c(p->strength));
    tw__xr_end(p);
}

/* The auth algorithm at token i as every dialect names it: md5, sha,
 * sha224 ... sha512 ("sha-256" is sha256, "sha1" is sha). */
static tw_str snmp_auth(xr_parser *p, size_t i)
{
    static const char *const names[] = {"md5", "sha", "sha224", "sha256", "sha384", "sha512"};
    char buf[16];
    size_t n = 0;
    tw_str s = TOK(i);

    for (size_t k = 0; k < s.len && n + 1 < sizeof(buf); k++) {
        if (s.ptr[k] != '-')
            buf[n++] = (char)(s.ptr[k] >= 'A' && s.ptr[k] <= 'Z' ? s.ptr[k] + 32 : s.ptr[k]);
    }
    buf[n] = '\0';
    if (strcmp(buf, "sha1") == 0)
        return TW_STR("sha");
    for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
        if (strcmp(buf, names[k]) == 0)
            return tw_str_c(names[k]);
    }
    return tw__xr_lower(p, s);
}

/* The privacy algorithm at token i: des (des56), 3des, aes128, aes192,
 * aes256 ("aes 128" on XR). */
static tw_str snmp_priv(xr_parser *p, size_t i)
{
    if (IS(i, "des") || IS(i, "des56"))
        return TW_STR("des");
    if (IS(i, "aes") && (IS(i + 1, "192") || IS(i + 1, "256")))
        return IS(i + 1, "192") ? TW_STR("aes192") : TW_STR("aes256");
    if (IS(i, "aes") || IS(i, "aes128") || IS(i, "aes-128"))
        return TW_STR("aes128");
    if (IS(i, "aes192") || IS(i, "aes-192"))
        return TW_STR("aes192");
    if (IS(i, "aes256") || IS(i, "aes-256"))
        return TW_STR("aes256");
    return tw__xr_lower(p, TOK(i));
}

/* snmp-server user U G v1|v2c|v3 [auth md5|sha K [priv des56|3des|aes N K]] */
static void snmp_user(xr_parser *p, size_t t)
{
    tw__xr_begin(p, TW_FACT_SNMP_USER);
    tw_factset_str(p->fs, "name", TOK(t + 2));
    if (t + 3 < p->ntok)
        tw_factset_str(p->fs, "group", TOK(t + 3));
    for (size_t i = t + 4; i < p->ntok; i++) {
        if (IS(i, "v1") || IS(i, "v2c") || IS(i, "v3"))
            tw_factset_str(p->fs, "version", tw__xr_lower(p, TOK(i)));
        else if (IS(i, "auth") && i + 1 < p->ntok)
            tw_factset_str(p->fs, "auth", snmp_auth(p, i + 1));
        else if (IS(i, "priv") && i + 1 < p->ntok)
            tw_factset_str(p->fs, "priv", snmp_priv(p, i + 1));
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

/* One value of field per algorithm from token i, lower-case as written. */
static void ssh_list(xr_parser *p, const char *field, size_t i)
{
    if (i >= p->ntok)
        return;
    tw__xr_begin(p, TW_FACT_SERVICE);
    tw_factset_str(p->fs, "name", TW_STR("ssh"));
    for (; i < p->ntok; i++)
        tw_factset_str(p->fs, field, tw__xr_lower(p, TOK(i)));
    tw__xr_end(p);
}

/* ssh server algorithms cipher|key-exchange|mac A B ... (from token a,
 * after "algorithms") */
static void ssh_algorithms(xr_parser *p, size_t a)
{
    if (IS(a, "cipher"))
        ssh_list(p, "cipher", a + 1);
    else if (IS(a, "key-exchange"))
        ssh_list(p, "kex", a + 1);
    else if (IS(a, "mac"))
        ssh_list(p, "mac", a + 1);
}

/* ssh server | ssh server v2 | vrf V ... | port P | netconf [vrf V] [port P]
 * | algorithms ... | enable cipher aes-cbc 3des-cbc (CBC ciphers on) */
static void ssh(xr_parser *p, bool neg, size_t t)
{
    if (neg || !IS(t + 1, "server"))
        return;
    if (IS(t + 2, "algorithms")) {
        ssh_algorithms(p, t + 3);
        return;
    }
    if (IS(t + 2, "enable") && IS(t + 3, "cipher")) {
        ssh_list(p, "cipher", t + 4);
        return;
    }
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

/* telnet|ftp|tftp [vrf V] ipv4|ipv6 server [max-servers N] [homedir D]:
 * the telnet, ftp and tftp-server services. */
static void vrf_server(xr_parser *p, bool neg, size_t t)
{
    size_t i = t + 1;
    tw_str name = IS(t, "telnet") ? TW_STR("telnet")
                  : IS(t, "ftp")  ? TW_STR("ftp")
                                  : TW_STR("tftp-server");

    if (IS(i, "vrf"))
        i += 2;
    if (!(IS(i, "ipv4") || IS(i, "ipv6")) || !IS(i + 1, "server"))
        return;
    tw__xr_begin(p, TW_FACT_SERVICE);
    tw_factset_str(p->fs, "name", name);
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
    if (IS(t + 1, "static")) {
        tw__xr_block_open(p, XR_BLK_STATIC, TW_FACT_ROUTE, TW_STR_NULL);
    } else if (IS(t + 1, "bgp")) {
        tw__xr_block_open(p, XR_BLK_BGP, TW_FACT_ROUTING_PEER, TW_STR_NULL);
        p->bgp_cur = -1;
    }
}

/* [crypto] ikev2 proposal NAME (a block) */
static void ikev2(xr_parser *p, bool neg, size_t t)
{
    size_t i = t + IS(t, "crypto");

    if (!neg && IS(i, "ikev2") && IS(i + 1, "proposal") && i + 2 < p->ntok)
        tw__xr_block_open(p, XR_BLK_IKEPROP, TW_FACT_CRYPTO_PROPOSAL, TOK(i + 2));
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
 * lldp, http server, appmgr. */
static void services(xr_parser *p, bool neg, size_t t)
{
    if (IS(t, "netconf-yang") || (IS(t, "netconf") && IS(t + 1, "agent")))
        tw__xr_service(p, "netconf", !neg);
    else if (IS(t, "xml") && IS(t + 1, "agent"))
        tw__xr_service(p, "xml", !neg);
    else if (IS(t, "cdp") && p->ntok == t + 1)
        tw__xr_service(p, "cdp", !neg);
    else if (IS(t, "lldp") && p->ntok == t + 1)
        tw__xr_service(p, "lldp", !neg);
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

/* prefix-set NAME ; route-policy NAME[(PARAMS)] (blocks read in
 * iosxr_policy.c) */
static void policy(xr_parser *p, bool neg, size_t t)
{
    if (neg || t + 1 >= p->ntok)
        return;
    if (IS(t, "prefix-set"))
        tw__xr_prefix_set_open(p, t);
    else
        tw__xr_rpl_open(p, t);
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
    E("telnet", vrf_server),
    E("ftp", vrf_server),
    E("tftp", vrf_server),
    E("line", line),
    E("monitor-session", monitor_session),
    E("router", router),
    E("ikev2", ikev2),
    E("crypto", ikev2),
    E("key", key),
    E("event", scripts),
    E("script", scripts),
    E("alias", scripts),
    E("netconf-yang", services),
    E("netconf", services),
    E("xml", services),
    E("cdp", services),
    E("lldp", services),
    E("http", services),
    E("grpc", services),
    E("appmgr", services),
    E("prefix-set", policy),
    E("route-policy", policy),
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
