/*
 * eos_stmt.c: Arista EOS statements outside blocks.
 *
 * tw__eos_top dispatches on the first token (after "no") through one
 * table; each handler reads the tokens of the current statement (already
 * redacted: a secret is the token "<redacted>") and emits facts at the
 * statement's line with its evidence, through the IOS core.  Headers of
 * blocks the parser models (interface, access lists, AAA server groups,
 * management services, event handlers, daemons, router bgp, ip security)
 * open a block, whose lines eos_block.c reads.  Global settings that
 * apply to facts read before them (global AAA keys, "no ip icmp
 * redirect") are kept for eos_final.c.
 */
#include <string.h>

#include "eos_int.h"

#define IS(i, w) EOS_IS(p, (i), (w))
#define TOK(i) EOS_TOK(p, (i))
#define FS (p->ip.fs)

typedef void (*top_fn)(eos_parser *p, bool neg, size_t t);

static void begin(eos_parser *p, tw_fact_kind kind)
{
    tw__ios_begin(&p->ip, kind);
}

static void end(eos_parser *p)
{
    tw__ios_end(&p->ip);
}

/* Keeps the statement as a global setting of type type. */
static void global(eos_parser *p, eos_global *g, int type)
{
    *g = (eos_global){.set = true, .type = type, .line = p->ip.lineno, .ev = p->ip.ev};
}

static bool addr(eos_parser *p, size_t i, tw_cidr *out)
{
    return i < p->ip.ntok && tw__ios_addr(&p->ip, TOK(i), out);
}

static bool num(eos_parser *p, size_t i, int64_t *out)
{
    return tw__ios_digits(TOK(i)) && tw_str_to_i64(TOK(i), out);
}

/* Index of the first "<redacted>" token from i on, or ntok. */
static size_t redacted_at(const eos_parser *p, size_t i)
{
    while (i < p->ip.ntok && !IS(i, "<redacted>"))
        i++;
    return i;
}

static void hostname(eos_parser *p, bool neg, size_t t)
{
    if (neg || p->ip.ntok < t + 2)
        return;
    begin(p, TW_FACT_HOSTNAME);
    tw_factset_str(FS, "name", TOK(t + 1));
    end(p);
    if (FS->n > 0 && FS->v[FS->n - 1].kind == TW_FACT_HOSTNAME)
        FS->hostname = FS->v[FS->n - 1].fields[0].str;
}

/* The form of a credential: a hashed one (type 5 or sha512) is a secret
 * whichever keyword wrote it ("enable password sha512 ..."). */
static const char *cred_form(eos_parser *p, size_t at, const char *kw)
{
    int type = at >= 1 ? tw__eos_secret_type(TOK(at - 1)) : -1;

    return (type == 5 || type == 10) ? "secret" : kw;
}

/* username NAME [privilege N] [role R] (secret|password) [T] S | nopassword
 * | sshkey|ssh-key KEY */
static void username(eos_parser *p, bool neg, size_t t)
{
    int64_t priv = 1;
    const char *form = NULL;
    size_t at = redacted_at(p, t + 2);
    tw_str role = TW_STR_NULL;

    if (neg || t + 2 >= p->ip.ntok)
        return;
    for (size_t i = t + 2; i < p->ip.ntok; i++) {
        if (IS(i, "privilege"))
            (void)num(p, i + 1, &priv);
        if (IS(i, "role") && i + 1 < p->ip.ntok)
            role = TOK(i + 1);
        if (IS(i, "nopassword"))
            form = "nopassword";
        if ((IS(i, "sshkey") || IS(i, "ssh-key")) && form == NULL && at == p->ip.ntok)
            form = "sshkey";
    }
    if (at < p->ip.ntok)
        form = cred_form(p, at,
                         IS(at - 1, "password") || IS(at - 2, "password") ? "password" : "secret");
    begin(p, TW_FACT_LOCAL_USER);
    tw_factset_str(FS, "name", TOK(t + 1));
    if (form == NULL || strcmp(form, "sshkey") != 0)
        tw_factset_num(FS, "privilege", priv);
    if (role.len > 0)
        tw_factset_str(FS, "role", role);
    if (form != NULL)
        tw_factset_str(FS, "form", tw_str_c(form));
    if (at < p->ip.ntok) {
        int type = tw__eos_secret_type(TOK(at - 1));
        tw_factset_num(FS, "secret_type", type < 0 ? 0 : type);
    }
    end(p);
    if (at < p->ip.ntok)
        tw__eos_secret(p, "username", TOK(t + 1), form, at);
}

/* enable secret|password [T] S */
static void enable(eos_parser *p, bool neg, size_t t)
{
    size_t at = redacted_at(p, t + 2);

    if (neg || at >= p->ip.ntok || !(IS(t + 1, "secret") || IS(t + 1, "password")))
        return;
    tw__eos_secret(p, "enable", TW_STR_NULL,
                   cred_form(p, at, IS(t + 1, "secret") ? "secret" : "password"), at);
}

/* A list of privilege levels ("10,15", "2-14"). */
static bool levels(tw_str s)
{
    bool digit = false;

    for (size_t i = 0; i < s.len; i++) {
        if (s.ptr[i] >= '0' && s.ptr[i] <= '9')
            digit = true;
        else if (s.ptr[i] != ',' && s.ptr[i] != '-')
            return false;
    }
    return digit;
}

/* aaa authentication|authorization|accounting SERVICE [LEVEL|all] [LIST]
 * [record] methods... */
static void aaa_method(eos_parser *p, size_t t)
{
    size_t i = t + 3;
    int64_t level;

    begin(p, TW_FACT_AAA_METHOD);
    tw_factset_str(FS, "type", tw__ios_lower(&p->ip, TOK(t + 1)));
    tw_factset_str(FS, "service", tw__ios_lower(&p->ip, TOK(t + 2)));
    if (num(p, i, &level)) {
        tw_factset_num(FS, "level", level);
        i++;
    } else if (IS(i, "all") || levels(TOK(i))) {
        i++;
    }
    if (i < p->ip.ntok)
        tw_factset_str(FS, "list", TOK(i++));
    if (IS(i, "start-stop") || IS(i, "stop-only") || IS(i, "none"))
        tw_factset_str(FS, "record", tw__ios_lower(&p->ip, TOK(i++)));
    tw__cisco_aaa_methods(FS, p->ip.tok, p->ip.ntok, i);
    end(p);
}

/* aaa authentication|authorization|accounting ...; aaa group server
 * tacacs+|radius NAME (a block); aaa root secret [T] S; aaa authentication
 * policy lockout ... (the login-block service). */
static void aaa(eos_parser *p, bool neg, size_t t)
{
    if (neg)
        return;
    if (IS(t + 1, "group") && IS(t + 2, "server") && t + 4 < p->ip.ntok) {
        tw__eos_open(p, EOS_BLK_AAAGRP, IOS_BLK_OTHER, TW_FACT_AAA_SERVER, TOK(t + 4));
        tw__ios_blk_str(&p->ip, "protocol",
                        IS(t + 3, "radius") ? TW_STR("radius") : TW_STR("tacacs"), false);
    } else if (IS(t + 1, "root")) {
        size_t at = redacted_at(p, t + 2);
        tw__eos_secret(p, "root", TW_STR_NULL, cred_form(p, at, "secret"), at);
    } else if (IS(t + 1, "authentication") && IS(t + 2, "policy") && IS(t + 3, "lockout")) {
        tw__ios_service(&p->ip, "login-block", true); /* lockout failure N [window W] duration D */
    } else if ((IS(t + 1, "authentication") || IS(t + 1, "authorization") ||
                IS(t + 1, "accounting")) &&
               t + 3 < p->ip.ntok && !IS(t + 2, "policy")) {
        aaa_method(p, t);
    }
}

/* tacacs-server host A [single-connection] [vrf V] [port P] [timeout T]
 * [key [T] K]; radius-server host A [vrf V] [auth-port P] [key [T] K];
 * tacacs-server key / radius-server key: the secret, and the global key
 * whose type the servers without a key take (eos_final.c). */
static void server_host(eos_parser *p, bool neg, size_t t)
{
    const char *proto = IS(t, "tacacs-server") ? "tacacs" : "radius";
    size_t at = redacted_at(p, t + 1);
    tw_cidr a;
    int64_t n;

    if (neg)
        return;
    if (IS(t + 1, "key")) {
        int type = at < p->ip.ntok ? tw__eos_secret_type(TOK(at - 1)) : -1;
        tw__eos_secret(p, proto, TW_STR_NULL, "key", at);
        if (at < p->ip.ntok)
            global(p, IS(t, "tacacs-server") ? &p->tacacs_key : &p->radius_key,
                   type < 0 ? 0 : type);
        return;
    }
    if (!IS(t + 1, "host") || t + 2 >= p->ip.ntok)
        return;
    begin(p, TW_FACT_AAA_SERVER);
    tw_factset_str(FS, "protocol", tw_str_c(proto));
    if (addr(p, t + 2, &a))
        tw_factset_addr_text(FS, "address", &a, TOK(t + 2));
    else
        tw_factset_str(FS, "name", TOK(t + 2));
    for (size_t i = t + 3; i + 1 < p->ip.ntok; i++) {
        if ((IS(i, "port") || IS(i, "auth-port")) && num(p, i + 1, &n))
            tw_factset_num(FS, "port", n);
        if (IS(i, "vrf"))
            tw_factset_str(FS, "vrf", TOK(i + 1));
        if (IS(i, "key")) {
            int type = tw__eos_secret_type(TOK(i + 1));
            tw_factset_num(FS, "key_type", type < 0 ? 0 : type);
        }
    }
    end(p);
    tw__eos_remember(p, &p->aaa_servers, TW_FACT_AAA_SERVER);
    tw__eos_secret(p, proto, TOK(t + 2), "key", at);
}

/* ip access-list [standard] NAME; ipv6 access-list [standard] NAME */
static void access_list(eos_parser *p, size_t t, bool ipv6)
{
    size_t i = t + 2;
    int mode = 2;

    if (IS(i, "standard")) {
        mode = 1;
        i++;
    }
    if (i >= p->ip.ntok || i + 1 != p->ip.ntok)
        return;
    tw__eos_open(p, EOS_BLK_ACL, IOS_BLK_ACL, TW_FACT_ACL_ENTRY, TOK(i));
    p->ip.blk.acl_mode = ipv6 ? 2 : mode;
    p->ip.blk.ipv6 = ipv6;
}

/* A prefix written P/L, or P M (older releases). */
static bool prefix(eos_parser *p, size_t *i, tw_cidr *pfx)
{
    tw_cidr mask;

    if (!addr(p, *i, pfx))
        return false;
    (*i)++;
    if (memchr(TOK(*i - 1).ptr, '/', TOK(*i - 1).len) != NULL || pfx->addr.family == 6)
        return true;
    if (!addr(p, *i, &mask) || tw_cidr_from_mask(&pfx->addr, &mask.addr, false, pfx) != TW_OK)
        return false;
    (*i)++;
    return true;
}

/* ip route [vrf V] P/L [IF] [NH] [distance] [tag T] [name N]; ipv6 route */
static void route(eos_parser *p, size_t t)
{
    size_t i = t + 2;
    tw_str vrf = TW_STR_NULL;
    tw_cidr pfx, nh;

    if (IS(i, "vrf")) {
        vrf = TOK(i + 1);
        i += 2;
    }
    if (!prefix(p, &i, &pfx)) {
        tw__ios_warn(&p->ip, "route: cannot parse the prefix");
        return;
    }
    begin(p, TW_FACT_ROUTE);
    tw_factset_addr(FS, "prefix", &pfx);
    if (i < p->ip.ntok && !addr(p, i, &nh) && !tw__ios_digits(TOK(i)) && !IS(i, "tag") &&
        !IS(i, "name") && !IS(i, "track"))
        tw_factset_str(FS, "interface", TOK(i++));
    if (addr(p, i, &nh))
        tw_factset_addr_text(FS, "next_hop", &nh, TOK(i));
    if (vrf.len > 0)
        tw_factset_str(FS, "vrf", vrf);
    end(p);
}

/* ip|ipv6 prefix-list NAME: the block form, whose "seq N permit|deny P"
 * lines eos_block.c reads; ip|ipv6 prefix-list NAME [seq N] permit|deny P
 * [ge X] [le Y]: one entry, read by the IOS policy reader.  A list loaded
 * from a file ("source URL") has no entry here. */
static void prefix_list(eos_parser *p, size_t t, bool ipv6)
{
    if (p->ip.ntok == t + 3) {
        tw__eos_open(p, EOS_BLK_PREFIX, IOS_BLK_OTHER, TW_FACT_PREFIX_LIST, TOK(t + 2));
        p->ip.blk.ipv6 = ipv6;
    } else if (!IS(t + 3, "source")) {
        tw__ios_prefix_list(&p->ip, t, ipv6);
    }
}

/* ip|ipv6 access-list ..., ip|ipv6 prefix-list ..., ip route ..., ip
 * security (a block), [no] ip icmp redirect. */
static void ip(eos_parser *p, bool neg, size_t t)
{
    bool v6 = IS(t, "ipv6");

    if (!v6 && IS(t + 1, "icmp") && IS(t + 2, "redirect") && p->ip.ntok == t + 3) {
        if (neg)
            global(p, &p->no_redirect, 0);
        else
            p->no_redirect.set = false;
    } else if (neg) {
        return;
    } else if (IS(t + 1, "access-list")) {
        access_list(p, t, v6);
    } else if (IS(t + 1, "prefix-list")) {
        prefix_list(p, t, v6);
    } else if (IS(t + 1, "route")) {
        route(p, t);
    } else if (!v6 && IS(t + 1, "security") && p->ip.ntok == t + 2) {
        tw__eos_open(p, EOS_BLK_IPSEC, IOS_BLK_OTHER, TW_FACT_CRYPTO_PROPOSAL, TW_STR_NULL);
        p->prop.open = false;
    }
}

static void interface(eos_parser *p, bool neg, size_t t)
{
    if (neg || t + 1 >= p->ip.ntok)
        return;
    /* IOS_BLK_OTHER: eos_block.c emits the interface with EOS's defaults */
    tw__eos_open(p, EOS_BLK_INTERFACE, IOS_BLK_OTHER, TW_FACT_INTERFACE,
                 tw__ios_rest(&p->ip, t + 1));
    p->ip.blk.tunnel = tw_str_istarts_with(TOK(t + 1), TW_STR("tunnel"));
    memset(&p->ifv4, 0, sizeof(p->ifv4));
}

/* monitor session S destination tunnel mode gre source A destination B
 * [ttl N] [dscp N] [protocol P] [vrf V]: ERSPAN to B. */
static void monitor_erspan(eos_parser *p, size_t t)
{
    tw_cidr a;

    tw_factset_str(FS, "type", TW_STR("erspan"));
    for (size_t i = t + 5; i + 1 < p->ip.ntok; i++) {
        if (IS(i, "destination") && addr(p, i + 1, &a))
            tw_factset_addr_text(FS, "destination", &a, TOK(i + 1));
        else if (IS(i, "source") && addr(p, i + 1, &a))
            tw_factset_addr_text(FS, "tunnel_source", &a, TOK(i + 1));
        else if (IS(i, "vrf"))
            tw_factset_str(FS, "vrf", TOK(i + 1));
    }
}

/* monitor session S source IF [rx|tx|both] | destination IF|Cpu|tunnel ... */
static void monitor(eos_parser *p, bool neg, size_t t)
{
    int64_t id;
    bool src = IS(t + 3, "source");

    if (neg || !IS(t + 1, "session") || t + 4 >= p->ip.ntok || !(src || IS(t + 3, "destination")))
        return;
    begin(p, TW_FACT_MIRROR_SESSION);
    if (num(p, t + 2, &id))
        tw_factset_num(FS, "id", id);
    else
        tw_factset_str(FS, "id", TOK(t + 2));
    if (!src && IS(t + 4, "tunnel")) {
        monitor_erspan(p, t);
    } else {
        tw_factset_str(FS, "type", TW_STR("span"));
        tw_factset_str(FS, src ? "source" : "destination", tw__ios_rest(&p->ip, t + 4));
    }
    end(p);
}

/* logging [vrf V] host A [PORT...] [protocol tcp|udp|tls]; logging trap
 * LEVEL (with its severity); logging SETTING ... */
static void logging(eos_parser *p, bool neg, size_t t)
{
    size_t i = t + 1;
    tw_str vrf = TW_STR_NULL;
    tw_cidr a;
    int64_t port, level;

    if (IS(i, "vrf")) {
        vrf = TOK(i + 1);
        i += 2;
    }
    if (i >= p->ip.ntok)
        return;
    if (!IS(i, "host")) {
        begin(p, TW_FACT_LOGGING);
        tw_factset_str(FS, "setting", TOK(i));
        tw_factset_bool(FS, "enabled", !neg);
        if (!neg && IS(i, "trap") && (level = tw__cisco_severity(TOK(i + 1))) >= 0)
            tw_factset_num(FS, "severity", level);
        end(p);
        return;
    }
    if (neg || i + 1 >= p->ip.ntok)
        return;
    begin(p, TW_FACT_LOGGING_HOST);
    if (addr(p, i + 1, &a))
        tw_factset_addr_text(FS, "address", &a, TOK(i + 1));
    else
        tw_factset_str(FS, "name", TOK(i + 1));
    if (vrf.len > 0)
        tw_factset_str(FS, "vrf", vrf);
    for (i += 2; i < p->ip.ntok; i++) {
        if (num(p, i, &port))
            tw_factset_num(FS, "port", port);
        else if (IS(i, "protocol") && i + 1 < p->ip.ntok)
            tw_factset_str(FS, "transport", tw__ios_lower(&p->ip, TOK(++i)));
    }
    end(p);
}

/* ntp server [vrf V] A|NAME [prefer] [iburst] [key N] ...; ntp
 * authentication-key N md5|sha1 [T] K; [no] ntp authenticate [servers] */
static void ntp(eos_parser *p, bool neg, size_t t)
{
    size_t i = t + 2;
    tw_cidr a;
    int64_t key;

    if (IS(t + 1, "authenticate")) {
        tw__ios_service(&p->ip, "ntp-authenticate", !neg); /* [servers] */
        return;
    }
    if (neg)
        return;
    if (IS(t + 1, "authentication-key")) {
        tw__eos_secret(p, "ntp", TW_STR_NULL, "key", redacted_at(p, t + 2));
        return;
    }
    if (!IS(t + 1, "server") && !IS(t + 1, "peer"))
        return;
    if (IS(i, "vrf"))
        i += 2;
    if (i >= p->ip.ntok)
        return;
    begin(p, TW_FACT_NTP_SERVER);
    if (addr(p, i, &a))
        tw_factset_addr_text(FS, "address", &a, TOK(i));
    else
        tw_factset_str(FS, "name", TOK(i));
    if (IS(t + 2, "vrf"))
        tw_factset_str(FS, "vrf", TOK(t + 3));
    for (i++; i + 1 < p->ip.ntok; i++) {
        if (IS(i, "key") && num(p, i + 1, &key))
            tw_factset_num(FS, "key", key);
    }
    end(p);
}

/* snmp-server community S [view V] [ro|rw] [ipv6 ACL6] [ACL]; the
 * community's strength was judged before it was redacted (eos.c). */
static void snmp_community(eos_parser *p, size_t t)
{
    tw_str access = TW_STR("ro"), acl = TW_STR_NULL, view = TW_STR_NULL;

    for (size_t i = t + 3; i < p->ip.ntok; i++) {
        if (IS(i, "view")) {
            view = TOK(++i);
        } else if (IS(i, "ro") || IS(i, "rw")) {
            access = IS(i, "ro") ? TW_STR("ro") : TW_STR("rw");
        } else if (IS(i, "ipv6")) {
            i++;
        } else {
            acl = TOK(i);
        }
    }
    begin(p, TW_FACT_SNMP_COMMUNITY);
    tw_factset_secret(FS, "community");
    if (p->community != NULL)
        tw_factset_str(FS, "strength", tw_str_c(p->community));
    if (p->community_fp[0] != '\0')
        tw_factset_str(FS, "fingerprint", tw_str_c(p->community_fp));
    tw_factset_str(FS, "access", access);
    if (view.len > 0)
        tw_factset_str(FS, "view", view);
    if (acl.len > 0)
        tw_factset_str(FS, "acl", acl);
    end(p);
}

/* snmp-server host A [vrf V] [informs|traps] [version V] ... */
static void snmp_host(eos_parser *p, size_t t)
{
    tw_str version = TW_STR("1");
    tw_cidr a;

    for (size_t i = t + 3; i + 1 < p->ip.ntok; i++) {
        if (IS(i, "version"))
            version = TOK(i + 1);
    }
    begin(p, TW_FACT_SNMP_HOST);
    if (addr(p, t + 2, &a))
        tw_factset_addr_text(FS, "address", &a, TOK(t + 2));
    if (IS(t + 3, "vrf"))
        tw_factset_str(FS, "vrf", TOK(t + 4));
    tw_factset_str(FS, "version", tw__ios_lower(&p->ip, version));
    end(p);
}

/* An SNMPv3 algorithm in the common spelling: EOS "aes" is AES-128;
 * anything unknown is kept, lower-cased. */
static tw_str snmp_alg(eos_parser *p, tw_str s, bool priv)
{
    static const tw_str_alias known[] = {
        {"md5", "md5"},       {"sha", "sha"},       {"sha224", "sha224"}, {"sha256", "sha256"},
        {"sha384", "sha384"}, {"sha512", "sha512"}, {"des", "des"},       {"3des", "3des"},
        {"aes", "aes128"},    {"aes128", "aes128"}, {"aes192", "aes192"}, {"aes256", "aes256"},
    };
    const char *to = tw_str_alias_of(s, known + (priv ? 6 : 0), 6); /* auth, then priv */

    return to != NULL ? tw_str_c(to) : tw__ios_lower(&p->ip, s);
}

/* snmp-server user NAME GROUP [remote A [udp-port P]] v1|v2c|v3 [localized
 * ID] [auth ALG K [priv ALG K]] */
static void snmp_user(eos_parser *p, size_t t)
{
    begin(p, TW_FACT_SNMP_USER);
    tw_factset_str(FS, "name", TOK(t + 2));
    if (t + 3 < p->ip.ntok)
        tw_factset_str(FS, "group", TOK(t + 3));
    for (size_t i = t + 4; i < p->ip.ntok; i++) {
        if (IS(i, "v1") || IS(i, "v2c") || IS(i, "v3"))
            tw_factset_str(FS, "version", tw__ios_lower(&p->ip, TOK(i)));
        if (IS(i, "auth") && i + 1 < p->ip.ntok)
            tw_factset_str(FS, "auth", snmp_alg(p, TOK(i + 1), false));
        if (IS(i, "priv") && i + 1 < p->ip.ntok)
            tw_factset_str(FS, "priv", snmp_alg(p, TOK(i + 1), true));
    }
    end(p);
}

static void snmp(eos_parser *p, bool neg, size_t t)
{
    if (neg || t + 2 >= p->ip.ntok)
        return;
    if (IS(t + 1, "community"))
        snmp_community(p, t);
    else if (IS(t + 1, "host"))
        snmp_host(p, t);
    else if (IS(t + 1, "user"))
        snmp_user(p, t);
}

static void management(eos_parser *p, bool neg, size_t t)
{
    if (!neg && t + 1 < p->ip.ntok)
        tw__eos_mgmt_open(p, t);
}

/* event-handler NAME, daemon NAME: script blocks. */
static void script_block(eos_parser *p, bool neg, size_t t)
{
    const char *type = IS(t, "daemon") ? "daemon" : IS(t, "alias") ? "alias" : "event-handler";

    if (neg || t + 1 >= p->ip.ntok)
        return;
    if (IS(t, "alias") && t + 2 < p->ip.ntok) {
        begin(p, TW_FACT_SCRIPT);
        tw_factset_str(FS, "type", TW_STR("alias"));
        tw_factset_str(FS, "name", TOK(t + 1));
        tw_factset_str(FS, "action", tw__ios_rest(&p->ip, t + 2));
        end(p);
        return;
    }
    tw__eos_open(p, EOS_BLK_SCRIPT, IOS_BLK_SCRIPT, TW_FACT_SCRIPT, TOK(t + 1));
    tw__ios_blk_str(&p->ip, "type", tw_str_c(type), false);
    tw__ios_blk_str(&p->ip, "name", TOK(t + 1), false);
}

/* schedule NAME [at T] interval N ... command CMD */
static void schedule(eos_parser *p, bool neg, size_t t)
{
    size_t i;

    if (neg || t + 1 >= p->ip.ntok)
        return;
    for (i = t + 2; i < p->ip.ntok && !IS(i, "command"); i++)
        ;
    begin(p, TW_FACT_SCRIPT);
    tw_factset_str(FS, "type", TW_STR("schedule"));
    tw_factset_str(FS, "name", TOK(t + 1));
    if (i > t + 2)
        tw_factset_str(FS, "event", tw__ios_span(&p->ip, t + 2, i - 1));
    if (i + 1 < p->ip.ntok)
        tw_factset_str(FS, "action", tw__ios_rest(&p->ip, i + 1));
    end(p);
}

/* banner login|motd: the text up to "EOF" is skipped; the banner service
 * is at this line. */
static void banner(eos_parser *p, bool neg, size_t t)
{
    if (neg || p->ip.ntok != t + 2)
        return;
    p->text = EOS_TEXT_BANNER;
    if (IS(t + 1, "login") || IS(t + 1, "motd"))
        tw__ios_service(&p->ip, "banner", true);
}

/* [no] lldp run: LLDP runs unless turned off (eos_final.c implies it). */
static void lldp(eos_parser *p, bool neg, size_t t)
{
    if (!IS(t + 1, "run") || p->ip.ntok != t + 2)
        return;
    p->lldp_seen = true;
    tw__ios_service(&p->ip, "lldp", !neg);
}

/* router bgp ASN: a block whose neighbours eos_bgp.c gathers. */
static void router(eos_parser *p, bool neg, size_t t)
{
    if (!neg && IS(t + 1, "bgp") && t + 2 < p->ip.ntok)
        tw__eos_open(p, EOS_BLK_BGP, IOS_BLK_OTHER, TW_FACT_ROUTING_PEER, TOK(t + 2));
}

/* route-map NAME permit|deny SEQ: an entry whose match and set lines the
 * IOS policy reader gathers (nothing opens when the header is malformed). */
static void route_map(eos_parser *p, bool neg, size_t t)
{
    if (neg)
        return;
    tw__ios_route_map_open(&p->ip, t);
    if (p->ip.blk.kind == IOS_BLK_ROUTEMAP && p->ip.blk.line == p->ip.lineno)
        p->kind = EOS_BLK_ROUTEMAP;
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
    E("username", username),
    E("enable", enable),
    E("aaa", aaa),
    E("tacacs-server", server_host),
    E("radius-server", server_host),
    E("logging", logging),
    E("ntp", ntp),
    E("snmp-server", snmp),
    E("monitor", monitor),
    E("management", management),
    E("event-handler", script_block),
    E("daemon", script_block),
    E("alias", script_block),
    E("schedule", schedule),
    E("banner", banner),
    E("lldp", lldp),
    E("router", router),
    E("route-map", route_map),
};
#undef E

/* Dispatches a top-level statement on its first word (after "no"). */
void tw__eos_top(eos_parser *p, bool neg, size_t t)
{
    tw_str w = TOK(t);

    for (size_t i = 0; i < sizeof(top_table) / sizeof(top_table[0]); i++) {
        if (w.len == top_table[i].len && tw_str_ieq(w, tw_str_make(top_table[i].word, w.len))) {
            top_table[i].fn(p, neg, t);
            return;
        }
    }
}
