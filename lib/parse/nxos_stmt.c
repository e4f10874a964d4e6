/*
 * nxos_stmt.c: NX-OS statements outside blocks.
 *
 * tw__nx_top dispatches on the first token (after "no") through one table;
 * each handler reads the tokens of the current statement (already
 * redacted: a secret is the token "<redacted>") and emits facts with the
 * statement's line and evidence.  Headers of blocks the parser models
 * (interface, ip access-list, aaa group server, line vty, monitor session,
 * event manager applet, scheduler job, vrf context, key chain) open a
 * block through the IOS block gatherer; their lines are read in
 * nxos_block.c.
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
    };

    for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++) {
        if (!IS(t + 1, map[i].feature))
            continue;
        tw__nx_service(p, map[i].service, !neg);
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
        tw__nx_service(p, "guestshell", !neg);
    else if (IS(t, "virtual-service") && t + 1 < p->io.ntok && !neg)
        tw__nx_service(p, "app-hosting", true);
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

/* tacacs-server host A [port P] [key [T] K] ; radius-server host A
 * [key [T] K] [auth-port P] ; tacacs-server key / radius-server key */
static void server_host(nx_parser *p, bool neg, size_t t)
{
    ios_parser *io = &p->io;
    const char *proto = IS(t, "tacacs-server") ? "tacacs" : "radius";

    if (neg)
        return;
    if (IS(t + 1, "key") && IS(io->ntok - 1, "<redacted>"))
        tw__ios_secret(io, proto, TW_STR_NULL, "key", io->ntok - 1);
    if (IS(t + 1, "host") && t + 2 < io->ntok)
        tw__ios_aaa_host(io, proto, t);
}

/* aaa group server tacacs+|radius G (a block); aaa authentication login
 * default|console METHODS; aaa authorization commands|config-commands
 * default METHODS; aaa accounting default METHODS (NX-OS accounts every
 * configuration command: service "commands"). */
static void aaa(nx_parser *p, bool neg, size_t t)
{
    ios_parser *io = &p->io;
    size_t i = t + 3;
    bool acct = IS(t + 1, "accounting") && IS(t + 2, "default");

    if (neg)
        return;
    if (IS(t + 1, "group") && IS(t + 2, "server") && t + 4 < io->ntok) {
        tw__ios_block_open(io, IOS_BLK_AAAGRP, TW_FACT_AAA_SERVER, TOK(t + 4));
        p->grp_tacacs = !IS(t + 3, "radius");
        return;
    }
    if (!(IS(t + 1, "authentication") || IS(t + 1, "authorization") || IS(t + 1, "accounting")) ||
        t + 2 >= io->ntok)
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
    else if (IS(t + 1, "route"))
        tw__nx_route(p, t);
}

/* logging server A [LEVEL] [port P] [secure] [use-vrf V] ; logging X */
static void logging(nx_parser *p, bool neg, size_t t)
{
    ios_parser *io = &p->io;
    tw_cidr a;
    int64_t n;

    if (IS(t + 1, "server") && !neg && tw__ios_addr(io, TOK(t + 2), &a)) {
        tw__ios_begin(io, TW_FACT_LOGGING_HOST);
        tw_factset_addr(io->fs, "address", &a);
        for (size_t i = t + 3; i < io->ntok; i++) {
            if (IS(i, "use-vrf") && i + 1 < io->ntok)
                tw_factset_str(io->fs, "vrf", TOK(i + 1));
            if (IS(i, "port") && tw_str_to_i64(TOK(i + 1), &n))
                tw_factset_num(io->fs, "port", n);
            if (IS(i, "secure"))
                tw_factset_str(io->fs, "transport", TW_STR("tls"));
        }
        tw__ios_end(io);
    } else if (t + 1 < io->ntok && !IS(t + 1, "server")) {
        tw__ios_begin(io, TW_FACT_LOGGING);
        tw_factset_str(io->fs, "setting", tw__ios_lower(io, TOK(t + 1)));
        tw_factset_bool(io->fs, "enabled", !neg);
        tw__ios_end(io);
    }
}

/* ntp server|peer A [prefer] [use-vrf V] [key N] ; ntp authentication-key
 * N md5 K [T] */
static void ntp(nx_parser *p, bool neg, size_t t)
{
    ios_parser *io = &p->io;
    tw_cidr a;
    int64_t n;

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
    tw_factset_str(io->fs, "access", access);
    if (group.len > 0)
        tw_factset_str(io->fs, "view", group);
    if (acl.len > 0)
        tw_factset_str(io->fs, "acl", acl);
    tw__ios_end(io);
}

/* snmp-server user NAME [ROLE] [auth md5|sha K [priv [aes-128] K]] */
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
            tw_factset_str(io->fs, "auth", tw__ios_lower(io, TOK(i + 1)));
        if (IS(i, "priv"))
            tw_factset_str(io->fs, "priv",
                           IS(i + 1, "aes-128") ? TW_STR("aes-128") : TW_STR("des"));
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
        tw__nx_service(p, name, false);
    else if (IS(t + 2, "port"))
        service_port(p, name, TOK(t + 3));
}

/* ssh port P / ssh server port P (a non-default SSH listener) */
static void ssh(nx_parser *p, bool neg, size_t t)
{
    size_t i = IS(t + 1, "server") ? t + 2 : t + 1;

    if (!neg && IS(i, "port"))
        service_port(p, "ssh", TOK(i + 1));
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
};
#undef E

/* Dispatches a top-level statement on its first word (after "no"). */
void tw__nx_top(nx_parser *p, bool neg, size_t t)
{
    tw_str w = TOK(t);

    p->vrf_ctx = false;
    for (size_t i = 0; i < sizeof(top_table) / sizeof(top_table[0]); i++) {
        if (w.len == top_table[i].len && tw_str_ieq(w, tw_str_make(top_table[i].word, w.len))) {
            top_table[i].fn(p, neg, t);
            return;
        }
    }
}
