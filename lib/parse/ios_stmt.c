/*
 * ios_stmt.c: IOS / IOS XE statements outside blocks.
 *
 * tw__ios_top dispatches on the first token (after "no") through one
 * table; each handler reads the tokens of the current statement (already
 * redacted: a secret is the token "<redacted>") and emits facts with the
 * statement's line and evidence.  Headers of blocks the parser models
 * (interface, line vty, named ACLs, AAA servers, scripts, monitor
 * sessions, key chains, route maps) open a block in ios_block.c.
 */
#include <string.h>

#include "ios_int.h"

#define IS(i, w) tw__ios_is(p, (i), (w))
#define TOK(i) tw__ios_tok(p, (i))

typedef void (*top_fn)(ios_parser *p, bool neg, size_t t);

static void service_num(ios_parser *p, const char *name, const char *field, tw_str v)
{
    int64_t n;

    if (!tw__ios_digits(v) || !tw_str_to_i64(v, &n)) {
        tw__ios_warn(p, "%s: %s is not a number", name, field);
        return;
    }
    tw__ios_begin(p, TW_FACT_SERVICE);
    tw_factset_str(p->fs, "name", tw_str_c(name));
    tw_factset_num(p->fs, field, n);
    tw__ios_end(p);
}

static void hostname(ios_parser *p, bool neg, size_t t)
{
    if (neg || p->ntok < t + 2)
        return;
    tw__ios_begin(p, TW_FACT_HOSTNAME);
    tw_factset_str(p->fs, "name", TOK(t + 1));
    tw__ios_end(p);
    if (p->fs->n > 0 && p->fs->v[p->fs->n - 1].kind == TW_FACT_HOSTNAME)
        p->fs->hostname = p->fs->v[p->fs->n - 1].fields[0].str;
}

static void version(ios_parser *p, bool neg, size_t t)
{
    tw_str v = TOK(t + 1);

    if (neg || v.len == 0)
        return;
    tw__ios_begin(p, TW_FACT_VERSION);
    tw_factset_str(p->fs, "version", v);
    tw__ios_end(p);
    if (tw_str_starts_with(v, TW_STR("16.")) || tw_str_starts_with(v, TW_STR("17.")) ||
        tw_str_starts_with(v, TW_STR("03.")))
        p->fs->dialect = TW_DIALECT_IOSXE;
}

/* access-list N [dynamic X [timeout T]] permit|deny|remark ... */
static void access_list(ios_parser *p, bool neg, size_t t)
{
    int64_t n;
    size_t i = t + 2;
    int mode;

    if (neg || !tw_str_to_i64(TOK(t + 1), &n) || !tw__ios_digits(TOK(t + 1)))
        return;
    if ((n >= 1 && n <= 99) || (n >= 1300 && n <= 1999))
        mode = 1;
    else if ((n >= 100 && n <= 199) || (n >= 2000 && n <= 2699))
        mode = 2;
    else
        return; /* MAC, protocol-type and other numbered lists */
    if (IS(i, "dynamic"))
        i += IS(i + 2, "timeout") ? 4 : 2;
    tw__ios_acl_entry(p, TOK(t + 1), mode, false, i, false, 0);
}

static void ip_access_list(ios_parser *p, size_t t, bool ipv6)
{
    size_t i = t + 2;
    int mode = 0;

    if (IS(i, "standard"))
        mode = 1;
    else if (IS(i, "extended"))
        mode = 2;
    if (mode != 0 || IS(i, "role-based"))
        i++;
    if (i >= p->ntok || IS(i, "logging") || IS(i, "log-update") || IS(i, "persistent"))
        return;
    tw__ios_block_open(p, IOS_BLK_ACL, TW_FACT_ACL_ENTRY, TOK(i));
    p->blk.acl_mode = ipv6 ? 2 : mode;
    p->blk.ipv6 = ipv6;
}

/* ip route [vrf V] P M [IF] [NH] ... ; ipv6 route [vrf V] P/L [IF] [NH] */
static void route(ios_parser *p, size_t t, bool ipv6)
{
    size_t i = t + 2;
    tw_str vrf = TW_STR_NULL;
    tw_cidr pfx, mask, nh;

    if (IS(i, "vrf")) {
        vrf = TOK(i + 1);
        i += 2;
    }
    if (!tw__ios_addr(p, TOK(i), &pfx)) {
        if (i < p->ntok && !IS(i, "static") && !IS(i, "profile"))
            tw__ios_warn(p, "route: cannot parse prefix");
        return;
    }
    i++;
    if (!ipv6) {
        if (!tw__ios_addr(p, TOK(i), &mask) ||
            tw_cidr_from_mask(&pfx.addr, &mask.addr, false, &pfx) != TW_OK) {
            tw__ios_warn(p, "ip route: cannot parse mask");
            return;
        }
        i++;
    }
    tw__ios_begin(p, TW_FACT_ROUTE);
    tw_factset_addr(p->fs, "prefix", &pfx);
    if (i < p->ntok && !tw__ios_addr(p, TOK(i), &nh) && !tw__ios_digits(TOK(i)))
        tw_factset_str(p->fs, "interface", TOK(i++));
    if (tw__ios_addr(p, TOK(i), &nh))
        tw_factset_addr(p->fs, "next_hop", &nh);
    if (vrf.len > 0)
        tw_factset_str(p->fs, "vrf", vrf);
    tw__ios_end(p);
}

/* ip ssh server algorithm encryption|mac|kex A B ...: one value per
 * algorithm, lower-case (hostkey and authentication are not read). */
static void ssh_algorithms(ios_parser *p, size_t t)
{
    const char *field = IS(t + 4, "encryption") ? "cipher"
                        : IS(t + 4, "mac")      ? "mac"
                        : IS(t + 4, "kex")      ? "kex"
                                                : NULL;

    if (field == NULL || t + 5 >= p->ntok)
        return;
    tw__ios_begin(p, TW_FACT_SERVICE);
    tw_factset_str(p->fs, "name", TW_STR("ssh"));
    for (size_t i = t + 5; i < p->ntok; i++)
        tw_factset_str(p->fs, field, tw__ios_lower(p, TOK(i)));
    tw__ios_end(p);
}

static void ip_ssh(ios_parser *p, bool neg, size_t t)
{
    if (neg)
        return;
    if (IS(t + 2, "server") && IS(t + 3, "algorithm"))
        ssh_algorithms(p, t);
    else if (IS(t + 2, "dh") && IS(t + 3, "min") && IS(t + 4, "size"))
        service_num(p, "ssh", "dh_min", TOK(t + 5));
    else if (IS(t + 2, "version")) {
        p->seen_ssh_version = true;
        tw__ios_begin(p, TW_FACT_SERVICE);
        tw_factset_str(p->fs, "name", TW_STR("ssh"));
        tw_factset_str(p->fs, "version", TOK(t + 3));
        tw__ios_end(p);
    } else if (IS(t + 2, "port")) {
        service_num(p, "ssh", "port", TOK(t + 3));
    }
}

/* A `service` fact named name with one text field. */
static void service_str(ios_parser *p, const char *name, const char *field, tw_str value)
{
    tw__ios_begin(p, TW_FACT_SERVICE);
    tw_factset_str(p->fs, "name", tw_str_c(name));
    tw_factset_str(p->fs, field, value);
    tw__ios_end(p);
}

/* The index + 1 of the fact emitted last, or 0 when it was not kept. */
static size_t last_fact(const ios_parser *p)
{
    return p->rc == TW_OK ? p->fs->n : 0;
}

/* Keeps the statement for tw__ios_amend. */
static void seen(ios_parser *p, ios_seen *s, tw_str value, int64_t num)
{
    *s = (ios_seen){.set = true, .line = p->lineno, .ev = p->ev, .value = value, .num = num};
}

/* ip http access-class [ipv4] N: a fact of its own, and kept so that the
 * HTTP server facts carry the list (it guards both servers). */
static void http_access_class(ios_parser *p, size_t t)
{
    service_str(p, "http", "acl", TOK(p->ntok - 1));
    if (p->ntok == t + 4 || (p->ntok == t + 5 && IS(t + 3, "ipv4")))
        seen(p, &p->http_acl, TOK(p->ntok - 1), 0);
}

static void ip_http(ios_parser *p, bool neg, size_t t)
{
    if (IS(t + 2, "server") || IS(t + 2, "secure-server")) {
        bool secure = IS(t + 2, "secure-server");
        tw__ios_service(p, secure ? "https" : "http", !neg);
        p->http_fact[secure] = neg ? p->http_fact[secure] : last_fact(p);
    } else if (IS(t + 2, "port") && !neg)
        service_num(p, "http", "port", TOK(t + 3));
    else if (IS(t + 2, "secure-port") && !neg)
        service_num(p, "https", "port", TOK(t + 3));
    else if (IS(t + 2, "access-class") && !neg && t + 3 < p->ntok)
        http_access_class(p, t);
    else if (IS(t + 2, "active-session-modules") && !neg && t + 3 < p->ntok)
        service_str(p, "http", "session_modules", TOK(t + 3));
    else if (IS(t + 2, "secure-active-session-modules") && !neg && t + 3 < p->ntok)
        service_str(p, "https", "session_modules", TOK(t + 3));
}

static void ip(ios_parser *p, bool neg, size_t t)
{
    if (IS(t + 1, "access-list") && !neg)
        ip_access_list(p, t, false);
    else if (IS(t + 1, "prefix-list") && !neg)
        tw__ios_prefix_list(p, t, false);
    else if (IS(t + 1, "route") && !neg)
        route(p, t, false);
    else if (IS(t + 1, "ssh"))
        ip_ssh(p, neg, t);
    else if (IS(t + 1, "http"))
        ip_http(p, neg, t);
    else if (IS(t + 1, "scp") && IS(t + 2, "server") && IS(t + 3, "enable"))
        tw__ios_service(p, "scp", !neg);
    else if (IS(t + 1, "bootp") && IS(t + 2, "server"))
        tw__ios_service(p, "bootp", !neg);
    else if (IS(t + 1, "source-route") && p->ntok == t + 2)
        tw__ios_service(p, "source-route", !neg);
    else if (IS(t + 1, "identd") && p->ntok == t + 2)
        tw__ios_service(p, "identd", !neg);
}

static void ipv6(ios_parser *p, bool neg, size_t t)
{
    if (neg)
        return;
    if (IS(t + 1, "access-list"))
        ip_access_list(p, t, true);
    else if (IS(t + 1, "prefix-list"))
        tw__ios_prefix_list(p, t, true);
    else if (IS(t + 1, "route"))
        route(p, t, true);
}

void tw__ios_aaa_host(ios_parser *p, const char *proto, size_t t)
{
    tw_cidr a;
    int64_t n;

    tw__ios_begin(p, TW_FACT_AAA_SERVER);
    tw_factset_str(p->fs, "protocol", tw_str_c(proto));
    if (tw__ios_addr(p, TOK(t + 2), &a))
        tw_factset_addr(p->fs, "address", &a);
    else
        tw_factset_str(p->fs, "name", TOK(t + 2));
    for (size_t i = t + 3; i + 1 < p->ntok; i++) {
        if ((IS(i, "port") || IS(i, "auth-port")) && tw_str_to_i64(TOK(i + 1), &n))
            tw_factset_num(p->fs, "port", n);
        if (IS(i, "key"))
            tw_factset_num(p->fs, "key_type",
                           tw__ios_digits(TOK(i + 1)) && i + 2 < p->ntok ? TOK(i + 1).ptr[0] - '0'
                                                                         : 0);
    }
    tw__ios_end(p);
    if (IS(p->ntok - 1, "<redacted>"))
        tw__ios_secret(p, proto, TOK(t + 2), "key", p->ntok - 1);
}

/* tacacs-server host A ... [port P] [key [T] K] ; radius-server host A
 * [auth-port P] [key [T] K] ; tacacs-server key / radius-server key. */
static void server_host(ios_parser *p, bool neg, size_t t)
{
    const char *proto = IS(t, "tacacs-server") ? "tacacs" : "radius";

    if (neg)
        return;
    if (IS(t + 1, "key") && t + 2 < p->ntok) {
        int64_t type = p->ntok == t + 4 && TOK(t + 2).len == 1 && tw__ios_digits(TOK(t + 2))
                           ? TOK(t + 2).ptr[0] - '0'
                           : 0;
        seen(p, &p->aaa_key[proto[0] == 'r'], TW_STR_NULL, type);
        tw__ios_secret(p, proto, TW_STR_NULL, "key", p->ntok - 1);
        return;
    }
    if (IS(t + 1, "host"))
        tw__ios_aaa_host(p, proto, t);
}

/* tacacs server NAME / radius server NAME */
static void server_block(ios_parser *p, bool neg, size_t t)
{
    if (neg || !IS(t + 1, "server") || t + 2 >= p->ntok)
        return;
    tw__ios_block_open(p, IOS_BLK_AAASRV, TW_FACT_AAA_SERVER, TOK(t + 2));
    tw__ios_blk_str(p, "protocol", IS(t, "tacacs") ? TW_STR("tacacs") : TW_STR("radius"), false);
    tw__ios_blk_str(p, "name", TOK(t + 2), false);
}

/* aaa authentication|authorization|accounting SERVICE [LEVEL] [LIST]
 * [record] methods...; aaa group server tacacs+|radius NAME (a block). */
static void aaa(ios_parser *p, bool neg, size_t t)
{
    size_t i = t + 3;
    int64_t level;

    if (neg)
        return;
    if (IS(t + 1, "group") && IS(t + 2, "server") && t + 4 < p->ntok) {
        tw__ios_block_open(p, IOS_BLK_AAAGRP, TW_FACT_AAA_SERVER, TOK(t + 4));
        tw__ios_blk_str(p, "protocol", IS(t + 3, "radius") ? TW_STR("radius") : TW_STR("tacacs"),
                        false);
        return;
    }
    if (!(IS(t + 1, "authentication") || IS(t + 1, "authorization") || IS(t + 1, "accounting")) ||
        t + 2 >= p->ntok)
        return;
    tw__ios_begin(p, TW_FACT_AAA_METHOD);
    tw_factset_str(p->fs, "type", tw__ios_lower(p, TOK(t + 1)));
    tw_factset_str(p->fs, "service", tw__ios_lower(p, TOK(t + 2)));
    if (tw__ios_digits(TOK(i)) && tw_str_to_i64(TOK(i), &level)) {
        tw_factset_num(p->fs, "level", level);
        i++;
    }
    if (i < p->ntok)
        tw_factset_str(p->fs, "list", TOK(i++));
    if (IS(i, "broadcast"))
        i++;
    if (IS(i, "start-stop") || IS(i, "stop-only") || IS(i, "none") || IS(i, "wait-start"))
        tw_factset_str(p->fs, "record", tw__ios_lower(p, TOK(i++)));
    tw__cisco_aaa_methods(p->fs, p->tok, p->ntok, i);
    tw__ios_end(p);
}

static void interface(ios_parser *p, bool neg, size_t t)
{
    if (neg || t + 1 >= p->ntok)
        return;
    tw__ios_block_open(p, IOS_BLK_INTERFACE, TW_FACT_INTERFACE, tw__ios_rest(p, t + 1));
    p->blk.tunnel = tw_str_istarts_with(TOK(t + 1), TW_STR("tunnel"));
}

/* monitor session N ...: a one-line statement or a "type" block;
 * monitor capture CAP ...: one fact per statement. */
static void monitor_session(ios_parser *p, size_t t)
{
    int64_t id;
    bool remote = false;

    if (!tw_str_to_i64(TOK(t + 2), &id) || t + 3 >= p->ntok)
        return;
    if (IS(t + 3, "type")) {
        tw__ios_block_open(p, IOS_BLK_MONITOR, TW_FACT_MIRROR_SESSION, TOK(t + 2));
        tw__ios_blk_num(p, "id", id, false);
        tw__ios_blk_str(p, "type",
                        tw_str_istarts_with(TOK(t + 4), TW_STR("erspan"))  ? TW_STR("erspan")
                        : tw_str_istarts_with(TOK(t + 4), TW_STR("rspan")) ? TW_STR("rspan")
                                                                           : TW_STR("span"),
                        false);
        return;
    }
    if (!IS(t + 3, "source") && !IS(t + 3, "destination"))
        return;
    for (size_t i = t + 4; i < p->ntok; i++)
        remote = remote || IS(i, "remote");
    tw__ios_begin(p, TW_FACT_MIRROR_SESSION);
    tw_factset_num(p->fs, "id", id);
    tw_factset_str(p->fs, "type", remote ? TW_STR("rspan") : TW_STR("span"));
    tw_factset_str(p->fs, IS(t + 3, "source") ? "source" : "destination", tw__ios_rest(p, t + 4));
    tw__ios_end(p);
}

static void monitor_capture(ios_parser *p, size_t t)
{
    const char *field = NULL;
    tw_str v = tw__ios_rest(p, t + 4);

    if (IS(t + 3, "interface")) {
        field = "interface";
        v = TOK(t + 4);
    } else if (IS(t + 3, "control-plane")) {
        field = "interface";
        v = TOK(t + 3);
    } else if (IS(t + 3, "match")) {
        field = "match";
    } else if (IS(t + 3, "access-list")) {
        field = "match";
        v = tw__ios_rest(p, t + 3);
    } else if (IS(t + 3, "export")) {
        field = "export";
    }
    tw__ios_begin(p, TW_FACT_CAPTURE);
    tw_factset_str(p->fs, "name", TOK(t + 2));
    if (field != NULL && v.len > 0)
        tw_factset_str(p->fs, field, v);
    tw__ios_end(p);
}

static void monitor(ios_parser *p, bool neg, size_t t)
{
    if (neg || t + 2 >= p->ntok)
        return;
    if (IS(t + 1, "session"))
        monitor_session(p, t);
    else if (IS(t + 1, "capture"))
        monitor_capture(p, t);
}

/* username NAME [privilege N] ... (secret|password) [T] S | nopassword */
static void username(ios_parser *p, bool neg, size_t t)
{
    int64_t priv = 1, type = 0;
    const char *form = NULL;
    size_t at = 0;

    if (neg || t + 1 >= p->ntok)
        return;
    for (size_t i = t + 2; i < p->ntok; i++) {
        if (IS(i, "privilege") && tw__ios_digits(TOK(i + 1)))
            (void)tw_str_to_i64(TOK(i + 1), &priv);
        if (IS(i, "nopassword"))
            form = "nopassword";
        if ((IS(i, "secret") || IS(i, "password")) && form == NULL) {
            form = IS(i, "secret") ? "secret" : "password";
            at = i + 1 + (tw__ios_digits(TOK(i + 1)) && i + 2 < p->ntok);
            if (at > i + 1)
                type = TOK(i + 1).ptr[0] - '0';
        }
        if (IS(i, "algorithm-type"))
            type = IS(i + 1, "scrypt") ? 9 : IS(i + 1, "sha256") ? 8 : 4;
    }
    tw__ios_begin(p, TW_FACT_LOCAL_USER);
    tw_factset_str(p->fs, "name", TOK(t + 1));
    tw_factset_num(p->fs, "privilege", priv);
    if (form != NULL)
        tw_factset_str(p->fs, "form", tw_str_c(form));
    if (at > 0)
        tw_factset_num(p->fs, "secret_type", type);
    tw__ios_end(p);
    if (at > 0)
        tw__ios_secret(p, "username", TOK(t + 1), form, at);
}

/* enable password|secret [level N] [T] S */
static void enable(ios_parser *p, bool neg, size_t t)
{
    if (neg || !IS(p->ntok - 1, "<redacted>"))
        return;
    if (IS(t + 1, "secret"))
        tw__ios_secret(p, "enable", TW_STR_NULL, "secret", p->ntok - 1);
    else if (IS(t + 1, "password"))
        tw__ios_secret(p, "enable", TW_STR_NULL, "password", p->ntok - 1);
}

static void crypto(ios_parser *p, bool neg, size_t t)
{
    if (neg)
        return;
    if (IS(t + 1, "isakmp") && IS(t + 2, "key")) {
        size_t at = IS(t + 3, "<redacted>") ? t + 3 : t + 4;
        tw__ios_secret(p, "isakmp", TW_STR_NULL, "key", at);
    } else if ((IS(t + 1, "isakmp") && IS(t + 2, "policy")) ||
               (IS(t + 1, "ikev2") && IS(t + 2, "proposal")) ||
               (IS(t + 1, "ipsec") && IS(t + 2, "transform-set"))) {
        tw__ios_crypto_open(p, t);
    }
}

/* ntp server [vrf V] [ip] A [key N] ; ntp peer A ; ntp authentication-key N
 * md5 K [T] */
static void ntp(ios_parser *p, bool neg, size_t t)
{
    size_t i = t + 2;
    tw_str vrf = TW_STR_NULL;
    tw_cidr a;
    int64_t key;

    if (IS(t + 1, "authenticate") && p->ntok == t + 2) {
        tw__ios_service(p, "ntp-authenticate", !neg);
        return;
    }
    if (neg)
        return;
    if (IS(t + 1, "authentication-key")) {
        tw__ios_secret(p, "ntp", TW_STR_NULL, "key", t + 4);
        return;
    }
    if (!IS(t + 1, "server") && !IS(t + 1, "peer"))
        return;
    if (IS(i, "vrf")) {
        vrf = TOK(i + 1);
        i += 2;
    }
    if (IS(i, "ip") || IS(i, "ipv6"))
        i++;
    if (i >= p->ntok)
        return;
    tw__ios_begin(p, TW_FACT_NTP_SERVER);
    if (tw__ios_addr(p, TOK(i), &a))
        tw_factset_addr(p->fs, "address", &a);
    if (vrf.len > 0)
        tw_factset_str(p->fs, "vrf", vrf);
    for (i++; i + 1 < p->ntok; i++) {
        if (IS(i, "key") && tw_str_to_i64(TOK(i + 1), &key))
            tw_factset_num(p->fs, "key", key);
    }
    tw__ios_end(p);
}

static void key(ios_parser *p, bool neg, size_t t)
{
    if (!neg && IS(t + 1, "chain") && t + 2 < p->ntok)
        tw__ios_block_open(p, IOS_BLK_KEYCHAIN, TW_FACT_SECRET, TOK(t + 2));
}

static void simple_service(ios_parser *p, bool neg, size_t t)
{
    if (IS(t, "vstack")) {
        p->seen_vstack = true;
        tw__ios_service(p, "smart-install", !neg);
    } else if (IS(t, "iox")) {
        tw__ios_service(p, "iox", !neg);
    } else if (IS(t, "netconf-yang") && p->ntok == t + 1) {
        tw__ios_service(p, "netconf", !neg);
    } else if (IS(t, "restconf") && p->ntok == t + 1) {
        tw__ios_service(p, "restconf", !neg);
    } else if (IS(t, "cdp") && IS(t + 1, "run")) {
        p->seen_cdp = true;
        tw__ios_service(p, "cdp", !neg);
    } else if (IS(t, "lldp") && IS(t + 1, "run")) {
        tw__ios_service(p, "lldp", !neg);
    } else if (IS(t, "ftp-server") && IS(t + 1, "enable")) {
        tw__ios_service(p, "ftp", !neg);
    } else if (IS(t, "guestshell") && IS(t + 1, "enable")) {
        tw__ios_service(p, "guestshell", !neg);
    } else if (IS(t, "tftp-server") && !neg) {
        tw__ios_service(p, "tftp-server", true);
    } else if (IS(t, "app-hosting") && IS(t + 1, "appid") && !neg && t + 2 < p->ntok) {
        tw__ios_begin(p, TW_FACT_SERVICE);
        tw_factset_str(p->fs, "name", TW_STR("app-hosting"));
        tw_factset_str(p->fs, "appid", TOK(t + 2));
        tw_factset_bool(p->fs, "enabled", true);
        tw__ios_end(p);
    }
}

/* service finger|pad|tcp-small-servers|udp-small-servers|
 * password-encryption|tcp-keepalives-in|config */
static void service_cmd(ios_parser *p, bool neg, size_t t)
{
    static const char *const names[] = {
        "finger",           "pad", "tcp-small-servers", "udp-small-servers", "password-encryption",
        "tcp-keepalives-in"};

    if (p->ntok != t + 2)
        return;
    if (IS(t + 1, "config")) {
        tw__ios_service(p, "config-load", !neg);
        return;
    }
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        if (IS(t + 1, names[i]))
            tw__ios_service(p, names[i], !neg);
    }
}

/* boot network URL / boot host URL: the configuration is loaded from the
 * network at boot. */
static void boot(ios_parser *p, bool neg, size_t t)
{
    if ((IS(t + 1, "network") || IS(t + 1, "host")) && t + 2 < p->ntok)
        tw__ios_service(p, "config-load", !neg);
}

/* login on-failure log ; login block-for N attempts M within T */
static void login(ios_parser *p, bool neg, size_t t)
{
    if (IS(t + 1, "on-failure") && IS(t + 2, "log"))
        tw__ios_service(p, "login-failure-log", !neg);
    else if (IS(t + 1, "block-for"))
        tw__ios_service(p, "login-block", !neg);
}

/* security passwords min-length N */
static void security(ios_parser *p, bool neg, size_t t)
{
    int64_t n;

    if (!IS(t + 1, "passwords") || !IS(t + 2, "min-length"))
        return;
    if (neg) {
        tw__ios_service(p, "password-policy", false);
        return;
    }
    if (!tw__ios_digits(TOK(t + 3)) || !tw_str_to_i64(TOK(t + 3), &n))
        return;
    tw__ios_begin(p, TW_FACT_SERVICE);
    tw_factset_str(p->fs, "name", TW_STR("password-policy"));
    tw_factset_bool(p->fs, "enabled", true);
    tw_factset_num(p->fs, "min_length", n);
    tw__ios_end(p);
}

/* no banner login|motd (a banner itself is read by the line walk) */
static void banner(ios_parser *p, bool neg, size_t t)
{
    if (neg && (IS(t + 1, "login") || IS(t + 1, "motd")))
        tw__ios_service(p, "banner", false);
}

static void archive(ios_parser *p, bool neg, size_t t)
{
    if (!neg && p->ntok == t + 1)
        tw__ios_block_open(p, IOS_BLK_ARCHIVE, TW_FACT_SERVICE, TW_STR_NULL);
}

static void router(ios_parser *p, bool neg, size_t t)
{
    if (!neg && IS(t + 1, "bgp") && t + 2 < p->ntok)
        tw__ios_bgp_open(p);
}

static void route_map(ios_parser *p, bool neg, size_t t)
{
    if (!neg)
        tw__ios_route_map_open(p, t);
}

/* logging host [ipv6] A [vrf V] [transport T [port P]] ; logging A ;
 * logging SETTING ... */
static void logging(ios_parser *p, bool neg, size_t t)
{
    size_t i = t + 1;
    tw_cidr a;
    int64_t port;
    bool host = IS(i, "host");

    if (t + 1 >= p->ntok)
        return;
    if (host)
        i += IS(i + 1, "ipv6") || IS(i + 1, "ipv4") ? 2 : 1;
    if (!host && !tw__ios_addr(p, TOK(i), &a)) {
        int severity = neg || !IS(t + 1, "trap") ? -1 : tw__cisco_severity(TOK(t + 2));
        tw__ios_begin(p, TW_FACT_LOGGING);
        tw_factset_str(p->fs, "setting", TOK(t + 1));
        tw_factset_bool(p->fs, "enabled", !neg);
        if (severity >= 0)
            tw_factset_num(p->fs, "severity", severity);
        tw__ios_end(p);
        return;
    }
    if (neg)
        return;
    tw__ios_begin(p, TW_FACT_LOGGING_HOST);
    if (tw__ios_addr(p, TOK(i), &a))
        tw_factset_addr(p->fs, "address", &a);
    for (i++; i + 1 < p->ntok; i++) {
        if (IS(i, "vrf"))
            tw_factset_str(p->fs, "vrf", TOK(i + 1));
        if (IS(i, "transport"))
            tw_factset_str(p->fs, "transport", tw__ios_lower(p, TOK(i + 1)));
        if (IS(i, "port") && tw_str_to_i64(TOK(i + 1), &port))
            tw_factset_num(p->fs, "port", port);
    }
    tw__ios_end(p);
}

static void snmp_community(ios_parser *p, size_t t)
{
    tw_str access = TW_STR("ro"), acl = TW_STR_NULL, view = TW_STR_NULL;

    for (size_t i = t + 3; i < p->ntok; i++) {
        if (IS(i, "view") || IS(i, "group")) {
            view = IS(i, "view") ? TOK(i + 1) : view;
            i++;
        } else if (IS(i, "ro") || IS(i, "rw")) {
            access = IS(i, "ro") ? TW_STR("ro") : TW_STR("rw");
        } else if (IS(i, "ipv6")) {
            i++;
        } else if (!IS(i, "use-acl") && !IS(i, "use-ipv4acl")) {
            acl = TOK(i);
        }
    }
    tw__ios_begin(p, TW_FACT_SNMP_COMMUNITY);
    tw_factset_secret(p->fs, "community");
    if (p->fingerprint[0] != '\0')
        tw_factset_str(p->fs, "fingerprint", tw_str_c(p->fingerprint));
    if (p->strength != NULL)
        tw_factset_str(p->fs, "strength", tw_str_c(p->strength));
    tw_factset_str(p->fs, "access", access);
    if (view.len > 0)
        tw_factset_str(p->fs, "view", view);
    if (acl.len > 0)
        tw_factset_str(p->fs, "acl", acl);
    tw__ios_end(p);
}

/* The authentication of an SNMPv3 user from token i: md5, sha, or
 * sha224..sha512 ("sha-2 256"). */
static tw_str snmp_auth(ios_parser *p, size_t i)
{
    static const char *const sha2[] = {"sha224", "sha256", "sha384", "sha512"};

    if (IS(i, "sha-2")) {
        for (size_t k = 0; k < sizeof(sha2) / sizeof(sha2[0]); k++) {
            if (IS(i + 1, sha2[k] + 3))
                return tw_str_c(sha2[k]);
        }
    }
    return tw__ios_lower(p, TOK(i));
}

/* The privacy of an SNMPv3 user from token i: des, 3des, aes128, aes192
 * or aes256 ("aes 128"; "aes" alone is AES-128). */
static tw_str snmp_priv(ios_parser *p, size_t i)
{
    if (!IS(i, "aes"))
        return IS(i, "des56") ? TW_STR("des") : tw__ios_lower(p, TOK(i));
    if (IS(i + 1, "192"))
        return TW_STR("aes192");
    if (IS(i + 1, "256"))
        return TW_STR("aes256");
    return TW_STR("aes128");
}

static void snmp_user(ios_parser *p, size_t t)
{
    tw__ios_begin(p, TW_FACT_SNMP_USER);
    tw_factset_str(p->fs, "name", TOK(t + 2));
    if (t + 3 < p->ntok)
        tw_factset_str(p->fs, "group", TOK(t + 3));
    for (size_t i = t + 4; i < p->ntok; i++) {
        if (IS(i, "v1") || IS(i, "v2c") || IS(i, "v3"))
            tw_factset_str(p->fs, "version", tw__ios_lower(p, TOK(i)));
        if (IS(i + 1, "<redacted>"))
            continue; /* a secret where the algorithm belongs */
        if (IS(i, "auth") && i + 1 < p->ntok)
            tw_factset_str(p->fs, "auth", snmp_auth(p, i + 1));
        if (IS(i, "priv") && i + 1 < p->ntok)
            tw_factset_str(p->fs, "priv", snmp_priv(p, i + 1));
    }
    tw__ios_end(p);
}

static void snmp_host(ios_parser *p, size_t t)
{
    tw_cidr a;
    tw_str version = TW_STR("1");

    for (size_t i = t + 3; i + 1 < p->ntok; i++) {
        if (IS(i, "version"))
            version = TOK(i + 1);
    }
    tw__ios_begin(p, TW_FACT_SNMP_HOST);
    if (tw__ios_addr(p, TOK(t + 2), &a))
        tw_factset_addr(p->fs, "address", &a);
    if (IS(t + 3, "vrf"))
        tw_factset_str(p->fs, "vrf", TOK(t + 4));
    tw_factset_str(p->fs, "version", tw__ios_lower(p, version));
    tw__ios_end(p);
}

static void snmp(ios_parser *p, bool neg, size_t t)
{
    if (neg || t + 2 >= p->ntok)
        return;
    if (IS(t + 1, "community"))
        snmp_community(p, t);
    else if (IS(t + 1, "user"))
        snmp_user(p, t);
    else if (IS(t + 1, "host"))
        snmp_host(p, t);
}

/* line vty A [B] */
static void line(ios_parser *p, bool neg, size_t t)
{
    int64_t first, last;

    if (neg || !IS(t + 1, "vty") || !tw_str_to_i64(TOK(t + 2), &first))
        return;
    if (!tw_str_to_i64(TOK(t + 3), &last))
        last = first;
    tw__ios_block_open(p, IOS_BLK_VTY, TW_FACT_VTY, tw__ios_rest(p, t + 1));
    tw__ios_blk_str(p, "name", tw__ios_span(p, t + 1, t + 3), false);
    tw__ios_blk_num(p, "first", first, false);
    tw__ios_blk_num(p, "last", last, false);
}

static void script(ios_parser *p, bool neg, size_t t)
{
    if (neg)
        return;
    if (IS(t, "event") && IS(t + 1, "manager") && IS(t + 2, "applet") && t + 3 < p->ntok) {
        tw__ios_block_open(p, IOS_BLK_SCRIPT, TW_FACT_SCRIPT, TOK(t + 3));
        tw__ios_blk_str(p, "type", TW_STR("eem"), false);
        tw__ios_blk_str(p, "name", TOK(t + 3), false);
    } else if (IS(t, "kron") && IS(t + 1, "policy-list") && t + 2 < p->ntok) {
        tw__ios_block_open(p, IOS_BLK_SCRIPT, TW_FACT_SCRIPT, TOK(t + 2));
        tw__ios_blk_str(p, "type", TW_STR("kron"), false);
        tw__ios_blk_str(p, "name", TOK(t + 2), false);
    } else if (IS(t, "alias") && t + 3 < p->ntok) {
        tw__ios_begin(p, TW_FACT_SCRIPT);
        tw_factset_str(p->fs, "type", TW_STR("alias"));
        tw_factset_str(p->fs, "name", TOK(t + 2));
        tw_factset_str(p->fs, "action", tw__ios_rest(p, t + 3));
        tw__ios_end(p);
    }
}

static void xe_only(ios_parser *p, bool neg, size_t t)
{
    (void)neg;
    if ((IS(t, "license") && IS(t + 1, "boot") && IS(t + 2, "level")) ||
        (IS(t, "platform") && IS(t + 1, "qfp")))
        p->fs->dialect = TW_DIALECT_IOSXE;
}

#define E(w, f)                                                                                    \
    {                                                                                              \
        w, sizeof(w) - 1, f                                                                        \
    }
static const struct {
    const char *word;
    size_t len;
    top_fn fn;
} top_table[] = {
    E("interface", interface),
    E("ip", ip),
    E("access-list", access_list),
    E("ipv6", ipv6),
    E("hostname", hostname),
    E("version", version),
    E("username", username),
    E("enable", enable),
    E("aaa", aaa),
    E("tacacs-server", server_host),
    E("radius-server", server_host),
    E("tacacs", server_block),
    E("radius", server_block),
    E("logging", logging),
    E("ntp", ntp),
    E("snmp-server", snmp),
    E("line", line),
    E("monitor", monitor),
    E("crypto", crypto),
    E("key", key),
    E("service", service_cmd),
    E("vstack", simple_service),
    E("iox", simple_service),
    E("netconf-yang", simple_service),
    E("restconf", simple_service),
    E("cdp", simple_service),
    E("guestshell", simple_service),
    E("tftp-server", simple_service),
    E("app-hosting", simple_service),
    E("event", script),
    E("kron", script),
    E("alias", script),
    E("license", xe_only),
    E("platform", xe_only),
    E("router", router),
    E("route-map", route_map),
    E("lldp", simple_service),
    E("ftp-server", simple_service),
    E("login", login),
    E("security", security),
    E("boot", boot),
    E("archive", archive),
    E("banner", banner),
};
#undef E

/* ---- facts learned after the fact -------------------------------------- */

/* The HTTP and HTTPS server facts carry the list of "ip http access-class",
 * written before or after them, at its own line. */
static void amend_http(ios_parser *p)
{
    for (int k = 0; k < 2 && p->http_acl.set; k++) {
        if (p->http_fact[k] == 0 || p->rc != TW_OK ||
            tw_factset_reopen(p->fs, p->http_fact[k] - 1) != TW_OK)
            continue;
        tw_factset_str(p->fs, "acl", p->http_acl.value);
        tw_factset_field_at(p->fs, p->http_acl.line, p->http_acl.ev);
        tw__ios_end(p);
    }
}

/* A TACACS+ or RADIUS server without a key of its own uses the global
 * "tacacs-server key" / "radius-server key": it gets that key's type, at
 * the global key's line. */
static void amend_aaa_keys(ios_parser *p)
{
    if (!p->aaa_key[0].set && !p->aaa_key[1].set)
        return;
    for (size_t i = 0; i < p->fs->n && p->rc == TW_OK; i++) {
        const tw_fact *f = &p->fs->v[i];
        const tw_field *proto;
        const ios_seen *k;

        if (f->kind != TW_FACT_AAA_SERVER || tw_fact_get(f, "key_type") != NULL)
            continue;
        proto = tw_fact_get(f, "protocol");
        if (proto == NULL)
            continue;
        k = &p->aaa_key[tw_str_eq_c(proto->str, "radius")];
        if (!k->set || tw_factset_reopen(p->fs, i) != TW_OK)
            continue;
        tw_factset_num(p->fs, "key_type", k->num);
        tw_factset_field_at(p->fs, k->line, k->ev);
        tw__ios_end(p);
    }
}

void tw__ios_amend(ios_parser *p)
{
    amend_http(p);
    amend_aaa_keys(p);
    if (p->rc == TW_OK)
        tw__ios_bgp_emit(p);
}

/* Dispatches a top-level statement on its first word (after "no"). */
void tw__ios_top(ios_parser *p, bool neg, size_t t)
{
    tw_str w = TOK(t);

    for (size_t i = 0; i < sizeof(top_table) / sizeof(top_table[0]); i++) {
        if (w.len == top_table[i].len && tw_str_ieq(w, tw_str_make(top_table[i].word, w.len))) {
            top_table[i].fn(p, neg, t);
            return;
        }
    }
}
