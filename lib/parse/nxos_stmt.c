/*
 * nxos_stmt.c: NX-OS statements outside blocks.
 *
 * tw__nx_top dispatches on the first token (after "no") through one table;
 * each handler reads the tokens of the current statement (already
 * redacted: a secret is the token "<redacted>") and emits facts with the
 * statement's line and evidence.  Headers of blocks the parser models
 * (interface, ip access-list, aaa group server, line vty, monitor session,
 * event manager applet, scheduler job, vrf context, key chain, router
 * bgp, route-map) open a block through the IOS block gatherer; their
 * lines are read in nxos_block.c (router bgp: nxos_bgp.c).  Route-map
 * entries and prefix-list entries are read by the IOS policy reader
 * (ios_policy.c), whose syntax NX-OS shares.
 */
#include <string.h>

#include "nxos_int.h"

#define IS(i, w) NX_IS((i), (w))
#define TOK(i) NX_TOK(i)

typedef void (*top_fn)(nx_parser *p, bool neg, size_t t);

static void hostname(nx_parser *p, bool neg, size_t t)
{
    tw_factset *fs = p->io.fs;

    if (neg || p->io.ntok < t + 2)
        return;
    tw__ios_begin(&p->io, TW_FACT_HOSTNAME);
    tw_factset_str(fs, "name", TOK(t + 1));
    tw__ios_end(&p->io);
    if (fs->n > 0 && fs->v[fs->n - 1].kind == TW_FACT_HOSTNAME)
        fs->hostname = fs->v[fs->n - 1].fields[0].str;
}

/* version 9.3(10) [Bios:version ...] */
static void version(nx_parser *p, bool neg, size_t t)
{
    if (neg || t + 1 >= p->io.ntok)
        return;
    tw__ios_begin(&p->io, TW_FACT_VERSION);
    tw_factset_str(p->io.fs, "version", TOK(t + 1));
    tw__ios_end(&p->io);
}

/* feature NAME: the features that open a listener or a shell. */
static void feature(nx_parser *p, bool neg, size_t t)
{
    static const struct {
        const char *feature, *service;
    } map[] = {
        {"bash-shell", "bash-shell"},
        {"nxapi", "nxapi"},
        {"telnet", "telnet"},
        {"ssh", "ssh"},
        {"scp-server", "scp"},
        {"sftp-server", "sftp"},
        {"netconf", "netconf"},
        {"restconf", "restconf"},
        {"grpc", "grpc"},
        {"http-server", "http"},
        {"guestshell", "guestshell"},
        {"lldp", "lldp"},
    };

    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        if (!IS(t + 1, map[i].feature))
            continue;
        tw__ios_service(&p->io, map[i].service, !neg);
        if (IS(t + 1, "ssh")) {
            p->feature_ssh = true;
            p->ssh_off = neg;
        }
        if (IS(t + 1, "telnet")) {
            p->telnet = !neg;
            p->telnet_line = p->io.lineno;
            p->telnet_ev = p->io.ev;
        }
        return;
    }
}

/* "guestshell enable" saved in a configuration, or "virtual-service". */
static void guestshell(nx_parser *p, bool neg, size_t t)
{
    if (IS(t, "guestshell") && (IS(t + 1, "enable") || p->io.ntok == t + 1))
        tw__ios_service(&p->io, "guestshell", !neg);
    else if (IS(t, "virtual-service") && t + 1 < p->io.ntok && !neg)
        tw__ios_service(&p->io, "app-hosting", true);
}

/* username NAME [password [T] S] [role R] [expire D]; role network-admin
 * and vdc-admin are privilege 15, any other role privilege 1. */
static void username(nx_parser *p, bool neg, size_t t)
{
    ios_parser *io = &p->io;
    tw_str role = TW_STR_NULL;
    size_t at = 0;
    int64_t type = 0;

    if (neg || t + 2 >= io->ntok)
        return;
    for (size_t i = t + 2; i < io->ntok; i++) {
        if (IS(i, "role") && i + 1 < io->ntok)
            role = TOK(i + 1);
        if (IS(i, "password") && at == 0 && i + 1 < io->ntok) {
            at = i + 1 + (tw__ios_digits(TOK(i + 1)) && i + 2 < io->ntok);
            type = at > i + 1 ? TOK(i + 1).ptr[0] - '0' : 0;
        }
    }
    if (at == 0 && role.len == 0)
        return; /* "username X sshkey ...", "username X passphrase ..." */
    tw__ios_begin(io, TW_FACT_LOCAL_USER);
    tw_factset_str(io->fs, "name", TOK(t + 1));
    tw_factset_num(io->fs, "privilege",
                   tw_str_ieq_c(role, "network-admin") || tw_str_ieq_c(role, "vdc-admin") ? 15 : 1);
    if (role.len > 0)
        tw_factset_str(io->fs, "role", role);
    if (at > 0) {
        tw_factset_str(io->fs, "form", TW_STR("password"));
        tw_factset_num(io->fs, "secret_type", type);
    }
    tw__ios_end(io);
    if (at > 0 && IS(at, "<redacted>"))
        tw__ios_secret(io, "username", TOK(t + 1), "password", at);
}

/* The type of the key of "tacacs-server|radius-server host A ... key [T]
 * K" (as tw__ios_aaa_host reads it), or -1 when the host has none. */
static int64_t host_key(const nx_parser *p, size_t t)
{
    for (size_t i = t + 3; i + 1 < p->io.ntok; i++) {
        if (IS(i, "key"))
            return tw__ios_digits(TOK(i + 1)) && i + 2 < p->io.ntok ? TOK(i + 1).ptr[0] - '0' : 0;
    }
    return -1;
}

/* tacacs-server host A [port P] [key [T] K] ; radius-server host A
 * [key [T] K] [auth-port P] ; tacacs-server key [T] K / radius-server key
 * [T] K, whose type servers without a key of their own take. */
static void server_host(nx_parser *p, bool neg, size_t t)
{
    ios_parser *io = &p->io;
    bool tacacs = IS(t, "tacacs-server");
    const char *proto = tacacs ? "tacacs" : "radius";
    size_t n = io->fs->n, last = io->ntok - 1;

    if (neg)
        return;
    if (IS(t + 1, "key") && IS(last, "<redacted>")) {
        tw__ios_secret(io, proto, TW_STR_NULL, "key", last);
        p->gkey[tacacs ? 0 : 1] =
            last > t + 2 && tw__ios_digits(TOK(last - 1)) ? TOK(last - 1).ptr[0] - '0' : 0;
    }
    if (IS(t + 1, "host") && t + 2 < io->ntok) {
        tw__ios_aaa_host(io, proto, t);
        tw__nx_aaa_server(p, n, tacacs, TOK(t + 2), host_key(p, t));
    }
}

/* "aaa authentication login" lines that set an option and name no method
 * list: error-enable, ascii-authentication, chap enable, "default
 * fallback error local disable"... */
static bool login_option(const nx_parser *p, size_t t)
{
    return IS(t + 1, "authentication") && IS(t + 2, "login") &&
           (!(IS(t + 3, "default") || IS(t + 3, "console")) || IS(t + 4, "fallback"));
}

/* aaa group server tacacs+|radius G (a block); aaa authentication login
 * default|console METHODS; aaa authorization commands|config-commands
 * default METHODS; aaa accounting default METHODS (NX-OS accounts every
 * configuration command: service "commands"); aaa authentication
 * rejected N in T ban S (a lockout after failed logins). */
static void aaa(nx_parser *p, bool neg, size_t t)
{
    ios_parser *io = &p->io;
    size_t i = t + 3;
    bool acct = IS(t + 1, "accounting") && IS(t + 2, "default");

    if (IS(t + 1, "authentication") && IS(t + 2, "rejected")) {
        tw__ios_service(&p->io, "login-block", !neg);
        return;
    }
    if (neg)
        return;
    if (IS(t + 1, "group") && IS(t + 2, "server") && t + 4 < io->ntok) {
        tw__ios_block_open(io, IOS_BLK_AAAGRP, TW_FACT_AAA_SERVER, TOK(t + 4));
        p->grp_tacacs = !IS(t + 3, "radius");
        return;
    }
    if (!(IS(t + 1, "authentication") || IS(t + 1, "authorization") || IS(t + 1, "accounting")) ||
        t + 2 >= io->ntok || login_option(p, t))
        return;
    tw__ios_begin(io, TW_FACT_AAA_METHOD);
    tw_factset_str(io->fs, "type", tw__ios_lower(io, TOK(t + 1)));
    tw_factset_str(io->fs, "service", acct ? TW_STR("commands") : tw__ios_lower(io, TOK(t + 2)));
    if (acct)
        i = t + 2;
    if (i < io->ntok)
        tw_factset_str(io->fs, "list", TOK(i++));
    tw__cisco_aaa_methods(p->io.fs, p->io.tok, p->io.ntok, i);
    tw__ios_end(io);
}

static void interface(nx_parser *p, bool neg, size_t t)
{
    if (neg || t + 1 >= p->io.ntok)
        return;
    tw__ios_block_open(&p->io, IOS_BLK_INTERFACE, TW_FACT_INTERFACE, tw__ios_rest(&p->io, t + 1));
    p->io.blk.tunnel = tw_str_istarts_with(TOK(t + 1), TW_STR("tunnel"));
    p->if_v4 = false;
    memset(p->if_set, 0, sizeof(p->if_set));
}

/* ip|ipv6 route P/L [IF] [NH] [vrf V] [name N] [tag T] [PREF], at top
 * level or inside "vrf context V". */
void tw__nx_route(nx_parser *p, size_t t)
{
    ios_parser *io = &p->io;
    size_t i = t + 2;
    tw_cidr pfx, nh;

    if (!tw__ios_addr(io, TOK(i), &pfx)) {
        if (i < io->ntok && !IS(i, "static") && !IS(i, "profile"))
            tw__ios_warn(io, "route: cannot parse prefix");
        return;
    }
    i++;
    if (tw__ios_addr(io, TOK(i), &nh) && pfx.addr.family == 4 && nh.addr.family == 4 &&
        memchr(TOK(t + 2).ptr, '/', TOK(t + 2).len) == NULL &&
        tw_cidr_from_mask(&pfx.addr, &nh.addr, false, &pfx) == TW_OK)
        i++; /* "ip route P M NH", the IOS form NX-OS also accepts */
    tw__ios_begin(io, TW_FACT_ROUTE);
    tw_factset_addr(io->fs, "prefix", &pfx);
    if (i < io->ntok && !tw__ios_addr(io, TOK(i), &nh) && !tw__ios_digits(TOK(i)) &&
        !IS(i, "vrf") && !IS(i, "name") && !IS(i, "tag"))
        tw_factset_str(io->fs, "interface", TOK(i++));
    if (tw__ios_addr(io, TOK(i), &nh))
        tw_factset_addr(io->fs, "next_hop", &nh);
    if (p->vrf_ctx)
        tw_factset_str(io->fs, "vrf", p->vrf);
    tw__ios_end(io);
}

static void acl_open(nx_parser *p, size_t t, bool ipv6)
{
    if (t + 2 >= p->io.ntok)
        return;
    tw__ios_block_open(&p->io, IOS_BLK_ACL, TW_FACT_ACL_ENTRY, TOK(t + 2));
    p->io.blk.acl_mode = 2;
    p->io.blk.ipv6 = ipv6;
}

static void ip(nx_parser *p, bool neg, size_t t)
{
    if (neg)
        return;
    if (IS(t + 1, "access-list"))
        acl_open(p, t, IS(t, "ipv6"));
    else if (IS(t + 1, "prefix-list"))
        tw__ios_prefix_list(&p->io, t, IS(t, "ipv6"));
    else if (IS(t + 1, "route"))
        tw__nx_route(p, t);
}

/* route-map NAME [permit|deny] [SEQ]: an entry whose match and set lines
 * the IOS reader gathers; "route-map NAME pbr-statistics" is no entry. */
static void route_map(nx_parser *p, bool neg, size_t t)
{
    if (!neg && !IS(t + 2, "pbr-statistics"))
        tw__ios_route_map_open(&p->io, t);
}

/* The level of "logging server A N ...": 0 to 7, or -1. */
static int64_t server_level(const nx_parser *p, size_t t)
{
    tw_str s = TOK(t + 3);

    return s.len == 1 && s.ptr[0] >= '0' && s.ptr[0] <= '7' ? s.ptr[0] - '0' : -1;
}

/* The level of a log server is the level of the messages it is sent: the
 * {setting: trap, severity} fact of IOS "logging trap N". */
static void server_trap(nx_parser *p, int64_t level)
{
    tw__ios_begin(&p->io, TW_FACT_LOGGING);
    tw_factset_str(p->io.fs, "setting", TW_STR("trap"));
    tw_factset_bool(p->io.fs, "enabled", true);
    tw_factset_num(p->io.fs, "severity", level);
    tw__ios_end(&p->io);
}

/* logging server A [LEVEL] [port P] [secure] [use-vrf V] ; logging X */
static void logging(nx_parser *p, bool neg, size_t t)
{
    ios_parser *io = &p->io;
    int64_t n, level = IS(t + 1, "server") && !neg ? server_level(p, t) : -1;
    tw_cidr a;

    if (IS(t + 1, "server") && !neg && tw__ios_addr(io, TOK(t + 2), &a)) {
        tw__ios_begin(io, TW_FACT_LOGGING_HOST);
        tw_factset_addr(io->fs, "address", &a);
        if (level >= 0)
            tw_factset_num(io->fs, "severity", level);
        for (size_t i = t + 3; i < io->ntok; i++) {
            if (IS(i, "use-vrf") && i + 1 < io->ntok)
                tw_factset_str(io->fs, "vrf", TOK(i + 1));
            if (IS(i, "port") && tw_str_to_i64(TOK(i + 1), &n))
                tw_factset_num(io->fs, "port", n);
            if (IS(i, "secure"))
                tw_factset_str(io->fs, "transport", TW_STR("tls"));
        }
        tw__ios_end(io);
    }
    if (level >= 0) {
        server_trap(p, level);
    } else if (t + 1 < io->ntok && !IS(t + 1, "server")) {
        tw__ios_begin(io, TW_FACT_LOGGING);
        tw_factset_str(io->fs, "setting", tw__ios_lower(io, TOK(t + 1)));
        tw_factset_bool(io->fs, "enabled", !neg);
        tw__ios_end(io);
    }
}

/* ntp server|peer A [prefer] [use-vrf V] [key N] ; ntp authentication-key
 * N md5 K [T] ; [no] ntp authenticate */
static void ntp(nx_parser *p, bool neg, size_t t)
{
    ios_parser *io = &p->io;
    tw_cidr a;
    int64_t n;

    if (IS(t + 1, "authenticate") && io->ntok == t + 2)
        tw__ios_service(&p->io, "ntp-authenticate", !neg);
    if (neg)
        return;
    if (IS(t + 1, "authentication-key") && IS(t + 4, "<redacted>")) {
        tw__ios_secret(io, "ntp", TW_STR_NULL, "key", t + 4);
        return;
    }
    if ((!IS(t + 1, "server") && !IS(t + 1, "peer")) || !tw__ios_addr(io, TOK(t + 2), &a))
        return;
    tw__ios_begin(io, TW_FACT_NTP_SERVER);
    tw_factset_addr(io->fs, "address", &a);
    for (size_t i = t + 3; i + 1 < io->ntok; i++) {
        if (IS(i, "use-vrf") || IS(i, "vrf"))
            tw_factset_str(io->fs, "vrf", TOK(i + 1));
        if (IS(i, "key") && tw_str_to_i64(TOK(i + 1), &n))
            tw_factset_num(io->fs, "key", n);
    }
    tw__ios_end(io);
}

/* snmp-server community S [group G | ro | rw] [use-acl|use-ipv4acl A] */
static void snmp_community(nx_parser *p, size_t t)
{
    ios_parser *io = &p->io;
    tw_str access = TW_STR("ro");
    tw_str acl = TW_STR_NULL, group = TW_STR_NULL;

    for (size_t i = t + 3; i < io->ntok; i++) {
        if (IS(i, "rw") || (IS(i, "group") && IS(i + 1, "network-admin")))
            access = TW_STR("rw");
        if (IS(i, "group") && i + 1 < io->ntok)
            group = TOK(i + 1);
        if ((IS(i, "use-acl") || IS(i, "use-ipv4acl")) && i + 1 < io->ntok)
            acl = TOK(i + 1);
    }
    tw__ios_begin(io, TW_FACT_SNMP_COMMUNITY);
    tw_factset_secret(io->fs, "community");
    if (p->community_strength != NULL)
        tw_factset_str(io->fs, "strength", tw_str_c(p->community_strength));
    if (p->community_fp[0] != '\0')
        tw_factset_str(io->fs, "fingerprint", tw_str_c(p->community_fp));
    tw_factset_str(io->fs, "access", access);
    if (group.len > 0)
        tw_factset_str(io->fs, "view", group);
    if (acl.len > 0)
        tw_factset_str(io->fs, "acl", acl);
    tw__ios_end(io);
}

/* The SNMPv3 algorithm names of every dialect: md5, sha, sha224...,
 * des, 3des, aes128.  NX-OS writes "sha-256" and "aes-128". */
static tw_str snmp_algo(nx_parser *p, tw_str s)
{
    static const tw_str_alias map[] = {
        {"sha-224", "sha224"}, {"sha-256", "sha256"}, {"sha-384", "sha384"}, {"sha-512", "sha512"},
        {"aes-128", "aes128"}, {"aes-192", "aes192"}, {"aes-256", "aes256"},
    };

    const char *to = tw_str_alias_of(s, map, sizeof(map) / sizeof(map[0]));

    return to != NULL ? tw_str_c(to) : tw__ios_lower(&p->io, s);
}

/* snmp-server user NAME [ROLE] [auth md5|sha|sha-256... K [priv [aes-128]
 * K]]; "priv K" without an algorithm is DES. */
static void snmp_user(nx_parser *p, size_t t)
{
    ios_parser *io = &p->io;

    tw__ios_begin(io, TW_FACT_SNMP_USER);
    tw_factset_str(io->fs, "name", TOK(t + 2));
    if (t + 3 < io->ntok && !IS(t + 3, "auth") && !IS(t + 3, "use-ipv4acl"))
        tw_factset_str(io->fs, "group", TOK(t + 3));
    tw_factset_str(io->fs, "version", TW_STR("v3"));
    for (size_t i = t + 3; i + 1 < io->ntok; i++) {
        if (IS(i, "auth"))
            tw_factset_str(io->fs, "auth", snmp_algo(p, TOK(i + 1)));
        if (IS(i, "priv"))
            tw_factset_str(io->fs, "priv",
                           IS(i + 1, "aes-128") || IS(i + 1, "3des") || IS(i + 1, "des")
                               ? snmp_algo(p, TOK(i + 1))
                               : TW_STR("des"));
    }
    tw__ios_end(io);
}

/* snmp-server host A [informs|traps] [version 1|2c|3 [auth|noauth|priv]] S
 * [udp-port P]; "snmp-server host A use-vrf V" is an attribute of that
 * host and no fact of its own */
static void snmp_host(nx_parser *p, size_t t)
{
    ios_parser *io = &p->io;
    tw_str version = TW_STR("1");
    tw_cidr a;

    if (!tw__ios_addr(io, TOK(t + 2), &a) || IS(t + 3, "use-vrf") || IS(t + 3, "filter-vrf") ||
        IS(t + 3, "source-interface"))
        return; /* an attribute of a host written on its own line */
    tw__ios_begin(io, TW_FACT_SNMP_HOST);
    tw_factset_addr(io->fs, "address", &a);
    for (size_t i = t + 3; i + 1 < io->ntok; i++) {
        if (IS(i, "version"))
            version = TOK(i + 1);
    }
    tw_factset_str(io->fs, "version", tw__ios_lower(io, version));
    tw__ios_end(io);
}

static void snmp(nx_parser *p, bool neg, size_t t)
{
    if (neg || t + 2 >= p->io.ntok)
        return;
    if (IS(t + 1, "community"))
        snmp_community(p, t);
    else if (IS(t + 1, "user"))
        snmp_user(p, t);
    else if (IS(t + 1, "host"))
        snmp_host(p, t);
}

/* line vty (NX-OS has one VTY block, without line numbers) */
static void line(nx_parser *p, bool neg, size_t t)
{
    if (neg || !IS(t + 1, "vty"))
        return;
    tw__ios_block_open(&p->io, IOS_BLK_VTY, TW_FACT_VTY, TOK(t + 1));
    tw__ios_blk_str(&p->io, "name", tw__ios_rest(&p->io, t + 1), false);
}

/* monitor session N [type erspan-source|erspan-destination|...] */
static void monitor(nx_parser *p, bool neg, size_t t)
{
    ios_parser *io = &p->io;
    int64_t id;
    tw_str type = TW_STR("span");

    if (neg || !IS(t + 1, "session") || !tw__ios_digits(TOK(t + 2)) ||
        !tw_str_to_i64(TOK(t + 2), &id))
        return;
    if (IS(t + 3, "type") && tw_str_istarts_with(TOK(t + 4), TW_STR("erspan")))
        type = TW_STR("erspan");
    else if (IS(t + 3, "type") && tw_str_istarts_with(TOK(t + 4), TW_STR("rspan")))
        type = TW_STR("rspan");
    tw__ios_block_open(io, IOS_BLK_MONITOR, TW_FACT_MIRROR_SESSION, TOK(t + 2));
    tw__ios_blk_num(io, "id", id, false);
    tw__ios_blk_str(io, "type", type, false);
}

/* event manager applet NAME ; scheduler job name NAME */
static void script(nx_parser *p, bool neg, size_t t)
{
    ios_parser *io = &p->io;
    size_t at = t + 3;
    bool eem = IS(t, "event") && IS(t + 1, "manager") && IS(t + 2, "applet");
    bool job = IS(t, "scheduler") && IS(t + 1, "job") && IS(t + 2, "name");

    if (neg || at >= io->ntok || (!eem && !job))
        return;
    tw__ios_block_open(io, IOS_BLK_SCRIPT, TW_FACT_SCRIPT, TOK(at));
    tw__ios_blk_str(io, "type", eem ? TW_STR("eem") : TW_STR("scheduler"), false);
    tw__ios_blk_str(io, "name", TOK(at), false);
}

/* cli alias name NAME COMMAND */
static void cli_alias(nx_parser *p, bool neg, size_t t)
{
    ios_parser *io = &p->io;

    if (neg || !IS(t + 1, "alias") || !IS(t + 2, "name") || t + 4 >= io->ntok)
        return;
    tw__ios_begin(io, TW_FACT_SCRIPT);
    tw_factset_str(io->fs, "type", TW_STR("alias"));
    tw_factset_str(io->fs, "name", TOK(t + 3));
    tw_factset_str(io->fs, "action", tw__ios_rest(io, t + 4));
    tw__ios_end(io);
}

/* vrf context V: static routes inside carry the VRF. */
static void vrf(nx_parser *p, bool neg, size_t t)
{
    if (neg || !IS(t + 1, "context") || t + 2 >= p->io.ntok)
        return;
    tw__ios_block_open(&p->io, IOS_BLK_OTHER, TW_FACT_HOSTNAME, TOK(t + 2));
    p->vrf_ctx = true;
    p->vrf = TOK(t + 2);
}

static void service_port(nx_parser *p, const char *name, tw_str v)
{
    int64_t n;

    if (!tw__ios_digits(v) || !tw_str_to_i64(v, &n)) {
        tw__ios_warn(&p->io, "%s: the port is not a number", name);
        return;
    }
    tw__ios_begin(&p->io, TW_FACT_SERVICE);
    tw_factset_str(p->io.fs, "name", tw_str_c(name));
    tw_factset_bool(p->io.fs, "enabled", true);
    tw_factset_num(p->io.fs, "port", n);
    tw__ios_end(&p->io);
}

/* nxapi http|https port P ; no nxapi http|https ; nxapi use-vrf V */
static void nxapi(nx_parser *p, bool neg, size_t t)
{
    const char *name = IS(t + 1, "https") ? "https" : "http";

    if (!IS(t + 1, "http") && !IS(t + 1, "https"))
        return;
    if (neg)
        tw__ios_service(&p->io, name, false);
    else if (IS(t + 2, "port"))
        service_port(p, name, TOK(t + 3));
}

/* The algorithms of "ssh ciphers|macs|kexalgos A B ..." as the repeated
 * field name of the ssh service fact, one value per algorithm (a list
 * written with commas is split). */
static void ssh_algos(nx_parser *p, const char *field, size_t i)
{
    ios_parser *io = &p->io;

    tw__ios_begin(io, TW_FACT_SERVICE);
    tw_factset_str(io->fs, "name", TW_STR("ssh"));
    for (; i < io->ntok; i++) {
        tw_str rest = TOK(i), one;
        while (rest.len > 0) {
            const char *comma = memchr(rest.ptr, ',', rest.len);
            size_t n = comma != NULL ? (size_t)(comma - rest.ptr) : rest.len;
            one = tw_str_make(rest.ptr, n);
            rest = tw_str_make(rest.ptr + n + (comma != NULL), rest.len - n - (comma != NULL));
            if (one.len > 0)
                tw_factset_str(io->fs, field, tw__ios_lower(io, one));
        }
    }
    tw__ios_end(io);
}

/* ssh port P / ssh server port P (a non-default SSH listener) ; ssh
 * cipher-mode weak (the CBC ciphers) ; ssh ciphers|macs|kexalgos A ... */
static void ssh(nx_parser *p, bool neg, size_t t)
{
    size_t i = IS(t + 1, "server") ? t + 2 : t + 1;

    if (neg || t + 2 >= p->io.ntok)
        return;
    if (IS(i, "port"))
        service_port(p, "ssh", TOK(i + 1));
    else if (IS(t + 1, "cipher-mode") || IS(t + 1, "ciphers"))
        ssh_algos(p, "cipher", t + 2);
    else if (IS(t + 1, "macs"))
        ssh_algos(p, "mac", t + 2);
    else if (IS(t + 1, "kexalgos"))
        ssh_algos(p, "kex", t + 2);
}

/* [no] cdp enable: CDP on or off for the whole switch. */
static void cdp(nx_parser *p, bool neg, size_t t)
{
    if (!IS(t + 1, "enable") || p->io.ntok != t + 2)
        return;
    p->cdp = true;
    tw__ios_service(&p->io, "cdp", !neg);
}

/* [no] login block-for N attempts M within T: a quiet period after
 * failed logins. */
static void login(nx_parser *p, bool neg, size_t t)
{
    if (IS(t + 1, "block-for"))
        tw__ios_service(&p->io, "login-block", !neg);
}

/* userpassphrase min-length N [max-length M]: the shortest password. */
static void userpassphrase(nx_parser *p, bool neg, size_t t)
{
    ios_parser *io = &p->io;
    int64_t n;

    for (size_t i = t + 1; !neg && i + 1 < io->ntok; i++) {
        if (!IS(i, "min-length") || !tw__ios_digits(TOK(i + 1)) || !tw_str_to_i64(TOK(i + 1), &n))
            continue;
        tw__ios_begin(io, TW_FACT_SERVICE);
        tw_factset_str(io->fs, "name", TW_STR("password-policy"));
        tw_factset_bool(io->fs, "enabled", true);
        tw_factset_num(io->fs, "min_length", n);
        tw__ios_end(io);
        return;
    }
}

/* [no] password strength-check: NX-OS refuses weak passwords (shorter
 * than 8, one character class) unless this is turned off. */
static void password(nx_parser *p, bool neg, size_t t)
{
    if (IS(t + 1, "strength-check") && p->io.ntok == t + 2)
        tw__ios_service(&p->io, "password-strength-check", !neg);
}

/* router bgp N: its neighbours and templates are read in nxos_bgp.c. */
static void router(nx_parser *p, bool neg, size_t t)
{
    if (!neg && IS(t + 1, "bgp"))
        tw__nx_bgp_open(p);
}

static void key(nx_parser *p, bool neg, size_t t)
{
    if (!neg && IS(t + 1, "chain") && t + 2 < p->io.ntok)
        tw__ios_block_open(&p->io, IOS_BLK_KEYCHAIN, TW_FACT_HOSTNAME, TOK(t + 2));
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
    E("ipv6", ip),
    E("hostname", hostname),
    E("switchname", hostname),
    E("version", version),
    E("feature", feature),
    E("username", username),
    E("aaa", aaa),
    E("tacacs-server", server_host),
    E("radius-server", server_host),
    E("logging", logging),
    E("ntp", ntp),
    E("snmp-server", snmp),
    E("line", line),
    E("monitor", monitor),
    E("event", script),
    E("scheduler", script),
    E("cli", cli_alias),
    E("vrf", vrf),
    E("nxapi", nxapi),
    E("ssh", ssh),
    E("key", key),
    E("guestshell", guestshell),
    E("virtual-service", guestshell),
    E("cdp", cdp),
    E("login", login),
    E("userpassphrase", userpassphrase),
    E("password", password),
    E("router", router),
    E("route-map", route_map),
};
#undef E

/* Dispatches a top-level statement on its first word (after "no"). */
void tw__nx_top(nx_parser *p, bool neg, size_t t)
{
    tw_str w = TOK(t);

    p->vrf_ctx = false;
    p->bgp_on = false;
    for (size_t i = 0; i < sizeof(top_table) / sizeof(top_table[0]); i++) {
        if (w.len == top_table[i].len && tw_str_ieq(w, tw_str_make(top_table[i].word, w.len))) {
            top_table[i].fn(p, neg, t);
            return;
        }
    }
}
