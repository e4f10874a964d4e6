/*
 * asa_stmt.c: Cisco ASA statements outside blocks.
 *
 * tw__asa_top dispatches on the first token (after "no") through one
 * table; each handler reads the tokens of the current statement (already
 * redacted: a secret is the token "<redacted>") and emits facts with the
 * statement's line and evidence: the host name, local users and the
 * enable password, AAA servers and methods, logging, NTP, SNMP, static
 * routes, crypto map peers and LAN-to-LAN tunnel groups.  Management
 * access, captures and banners are asa_mgmt.c's.  AAA servers and tunnel
 * groups' ipsec-attributes are blocks whose inner lines come back here.
 */
#include <stdio.h>
#include <string.h>

#include "asa_int.h"

#define IS(i, w) ASA_IS(p, (i), (w))
#define TOK(i) ASA_TOK(p, (i))
#define FS (p->ip.fs)

typedef void (*top_fn)(asa_parser *p, bool neg, size_t t);

static void begin(asa_parser *p, tw_fact_kind kind)
{
    tw__ios_begin(&p->ip, kind);
}

static void end(asa_parser *p)
{
    tw__ios_end(&p->ip);
}

/* A number token into *n; false when it is none. */
static bool num(tw_str s, int64_t *n)
{
    return tw__ios_digits(s) && tw_str_to_i64(s, n);
}

/* ---- identity --------------------------------------------------------- */

static void hostname(asa_parser *p, bool neg, size_t t)
{
    if (neg || t + 1 >= p->ip.ntok)
        return;
    begin(p, TW_FACT_HOSTNAME);
    tw_factset_str(FS, "name", TOK(t + 1));
    end(p);
    p->hostname_fact = tw__asa_last(p);
    if (p->hostname_fact > 0)
        FS->hostname = FS->v[p->hostname_fact - 1].fields[0].str;
}

/* domain-name D: the domain field of the hostname fact, at its own line. */
static void domain_name(asa_parser *p, bool neg, size_t t)
{
    if (neg || t + 1 >= p->ip.ntok || p->hostname_fact == 0 || p->ip.rc != TW_OK ||
        tw_factset_reopen(FS, p->hostname_fact - 1) != TW_OK)
        return;
    tw_factset_str(FS, "domain", TOK(t + 1));
    tw_factset_field_at(FS, p->ip.lineno, p->ip.ev);
    end(p);
    FS->hostname = FS->v[p->hostname_fact - 1].fields[0].str;
}

/* ---- credentials ------------------------------------------------------ */

/* username NAME password H [pbkdf2|encrypted|nt-encrypted] [privilege N];
 * username NAME nopassword [privilege N]; "username NAME attributes" is a
 * block of settings and gives nothing. */
static void username(asa_parser *p, bool neg, size_t t)
{
    int64_t priv = 2, type = 0; /* ASA's default privilege for a user is 2 */
    const char *form = NULL;
    size_t at = 0;

    if (neg || t + 2 >= p->ip.ntok || IS(t + 2, "attributes"))
        return;
    for (size_t i = t + 2; i < p->ip.ntok; i++) {
        if (IS(i, "privilege") && num(TOK(i + 1), &priv))
            i++;
        else if (IS(i, "nopassword"))
            form = "nopassword";
        else if (IS(i, "password") && form == NULL && i + 1 < p->ip.ntok)
            at = i + 1;
    }
    if (at > 0) {
        type = tw__asa_hash_type(p, at + 1);
        form = type == 0 ? "password" : "secret";
    }
    begin(p, TW_FACT_LOCAL_USER);
    tw_factset_str(FS, "name", TOK(t + 1));
    tw_factset_num(FS, "privilege", priv);
    if (form != NULL)
        tw_factset_str(FS, "form", tw_str_c(form));
    if (at > 0)
        tw_factset_num(FS, "secret_type", type);
    end(p);
    if (at > 0)
        tw__asa_secret(p, "username", TOK(t + 1), form, type, at);
}

/* enable password H [level N] [pbkdf2|encrypted]: a hash is a "secret"
 * (as IOS's enable secret), plain text a "password". */
static void enable(asa_parser *p, bool neg, size_t t)
{
    int type = tw__asa_hash_type(p, t + 3);

    if (neg || !IS(t + 1, "password"))
        return;
    tw__asa_secret(p, "enable", TW_STR_NULL, type == 0 ? "password" : "secret", type, t + 2);
}

/* passwd H [encrypted]: the login password of Telnet and SSH sessions
 * without AAA (owner "line", as a VTY password). */
static void passwd(asa_parser *p, bool neg, size_t t)
{
    int type = tw__asa_hash_type(p, t + 2);

    if (!neg)
        tw__asa_secret(p, "line", TW_STR_NULL, type == 0 ? "password" : "secret", type, t + 1);
}

/* ---- AAA ---------------------------------------------------------------- */

static const char *const protocols[] = {"tacacs", "radius", "ldap", "kerberos", "sdi", "nt"};

/* The protocol of AAA server group g, or NULL when it was not declared. */
static const char *group_protocol(asa_parser *p, tw_str g)
{
    uint64_t v = tw__keymap_get(&p->keys, ASA_KEY_PROTO, g, TW_STR_NULL, TW_STR_NULL);

    return v > 0 && v <= sizeof(protocols) / sizeof(protocols[0]) ? protocols[v - 1] : NULL;
}

/* aaa-server G protocol tacacs+|radius|ldap|...: remembered for the hosts. */
static void aaa_group(asa_parser *p, size_t t)
{
    tw_str w = TOK(t + 3);
    uint64_t k = 0;

    for (size_t i = 0; i < sizeof(protocols) / sizeof(protocols[0]) && k == 0; i++) {
        if (tw_str_istarts_with(w, tw_str_c(protocols[i])))
            k = i + 1;
    }
    if (k > 0 && !tw__keymap_put(&p->keys, FS->arena, ASA_KEY_PROTO, TOK(t + 1), TW_STR_NULL,
                                 TW_STR_NULL, k))
        p->ip.rc = TW_ENOMEM;
}

/* The key type of "key [8] K" at i: 6 for a key encrypted with the master
 * passphrase, else 0. */
static int key_type(const asa_parser *p, size_t i)
{
    return IS(i + 1, "8") && i + 2 < p->ip.ntok ? 6 : 0;
}

/* aaa-server G [(IF)] host A [key K] [timeout T]: a block whose fact is
 * emitted when it closes (its key and port lines inside). */
static void aaa_host(asa_parser *p, size_t t)
{
    size_t h = IS(t + 2, "host") ? t + 2 : t + 3;
    const char *proto = group_protocol(p, TOK(t + 1));
    tw_str g = TOK(t + 1), ifname = TOK(t + 2);
    tw_cidr a;

    if (!IS(h, "host") || h + 1 >= p->ip.ntok)
        return;
    tw__asa_open(p, ASA_BLK_AAASRV, IOS_BLK_AAASRV, TW_FACT_AAA_SERVER, g);
    tw__ios_blk_str(&p->ip, "protocol", tw_str_c(proto != NULL ? proto : "unknown"), false);
    tw__ios_blk_str(&p->ip, "group", g, false);
    if (tw__ios_addr(&p->ip, TOK(h + 1), &a))
        tw__ios_blk_addr(&p->ip, "address", &a, false);
    else
        tw__ios_blk_str(&p->ip, "name", TOK(h + 1), false);
    if (h == t + 3 && ifname.len > 2 && ifname.ptr[0] == '(' && ifname.ptr[ifname.len - 1] == ')')
        tw__ios_blk_str(&p->ip, "interface", tw_str_make(ifname.ptr + 1, ifname.len - 2), false);
    p->blk_name = TOK(h + 1);
    for (size_t i = h + 2; i < p->ip.ntok; i++) {
        if (!IS(i, "<redacted>"))
            continue;
        tw__ios_blk_num(&p->ip, "key_type", IS(i - 1, "8") ? 6 : 0, false);
        tw__asa_secret(p, proto != NULL ? proto : "aaa", TOK(h + 1), "key", IS(i - 1, "8") ? 6 : 0,
                       i);
        break;
    }
}

/* Lines of an aaa-server host: key [8] K, server-port P,
 * authentication-port P, ldap-login-password P. */
void tw__asa_aaasrv_line(asa_parser *p, size_t t)
{
    const char *proto = p->ip.blk.nfields > 0 ? p->ip.blk.fields[0].str.ptr : "aaa";
    int64_t n;

    if (IS(t, "key") && IS(p->ip.ntok - 1, "<redacted>")) {
        tw__ios_blk_num(&p->ip, "key_type", key_type(p, t), true);
        tw__asa_secret(p, proto, p->blk_name, "key", key_type(p, t), p->ip.ntok - 1);
    } else if ((IS(t, "server-port") || IS(t, "authentication-port")) && num(TOK(t + 1), &n)) {
        tw__ios_blk_num(&p->ip, "port", n, true);
    } else if (IS(t, "ldap-login-password")) {
        tw__asa_secret(p, "ldap", p->blk_name, "password", key_type(p, t), p->ip.ntok - 1);
    }
}

/* The methods of an ASA AAA statement from token i: a server group G is
 * the method "group G", LOCAL is "local". */
static void aaa_methods(asa_parser *p, size_t i)
{
    for (; i < p->ip.ntok; i++) {
        char buf[160];
        tw_str g = TOK(i);
        if (IS(i, "local")) {
            tw_factset_str(FS, "method", TW_STR("local"));
        } else if (g.len < 120) {
            int n = snprintf(buf, sizeof(buf), "group %.*s", (int)g.len, g.ptr);
            tw_factset_str(FS, "method", tw_str_make(buf, n > 0 ? (size_t)n : 0));
        }
    }
}

/* aaa authentication|accounting ssh|telnet|http|serial|enable console G
 * [LOCAL]; aaa authorization command G [LOCAL]; aaa accounting command
 * [privilege N] G; aaa authorization exec ...; aaa local authentication
 * attempts max-fail N (the login-block service). */
static void aaa(asa_parser *p, bool neg, size_t t)
{
    bool console = IS(t + 3, "console");
    int64_t level;
    size_t i;

    if (neg)
        return;
    if (IS(t + 1, "local") && IS(t + 2, "authentication") && IS(t + 3, "attempts")) {
        tw__ios_service(&p->ip, "login-block", true);
        return;
    }
    if (!(IS(t + 1, "authentication") || IS(t + 1, "authorization") || IS(t + 1, "accounting")))
        return;
    if (console && (IS(t + 2, "ssh") || IS(t + 2, "telnet") || IS(t + 2, "http") ||
                    IS(t + 2, "serial") || IS(t + 2, "enable"))) {
        begin(p, TW_FACT_AAA_METHOD);
        tw_factset_str(FS, "type", tw__ios_lower(&p->ip, TOK(t + 1)));
        tw_factset_str(FS, "service",
                       IS(t + 2, "enable")       ? TW_STR("enable")
                       : IS(t + 1, "accounting") ? TW_STR("exec")
                                                 : TW_STR("login"));
        tw_factset_str(FS, "list", tw__ios_lower(&p->ip, TOK(t + 2)));
        aaa_methods(p, t + 4);
        end(p);
    } else if (IS(t + 2, "command") || (IS(t + 1, "authorization") && IS(t + 2, "exec"))) {
        begin(p, TW_FACT_AAA_METHOD);
        tw_factset_str(FS, "type", tw__ios_lower(&p->ip, TOK(t + 1)));
        tw_factset_str(FS, "service", IS(t + 2, "exec") ? TW_STR("exec") : TW_STR("commands"));
        i = t + 3;
        if (IS(i, "privilege") && num(TOK(i + 1), &level)) {
            tw_factset_num(FS, "level", level);
            i += 2;
        }
        if (!IS(t + 2, "exec"))
            aaa_methods(p, i);
        end(p);
    }
}

static void aaa_server(asa_parser *p, bool neg, size_t t)
{
    if (neg || t + 3 >= p->ip.ntok)
        return;
    if (IS(t + 2, "protocol"))
        aaa_group(p, t);
    else
        aaa_host(p, t);
}

/* ---- logging, NTP, SNMP ------------------------------------------------- */

/* logging host IF A [tcp|udp/P | 6|17/P] [format emblem] [secure] */
static void logging_host(asa_parser *p, size_t t)
{
    tw_cidr a;

    begin(p, TW_FACT_LOGGING_HOST);
    if (tw__asa_host(p, TOK(t + 3), &a))
        tw_factset_addr(FS, "address", &a);
    else
        tw_factset_str(FS, "name", TOK(t + 3));
    tw_factset_str(FS, "interface", TOK(t + 2));
    for (size_t i = t + 4; i < p->ip.ntok; i++) {
        tw_str s = TOK(i);
        const char *slash = memchr(s.ptr, '/', s.len);
        int64_t port;
        if (IS(i, "secure")) {
            tw_factset_str(FS, "transport", TW_STR("tls"));
        } else if (slash != NULL) {
            tw_str pr = tw_str_make(s.ptr, (size_t)(slash - s.ptr));
            tw_str po = tw_str_make(slash + 1, s.len - pr.len - 1);
            bool tcp = tw_str_ieq_c(pr, "tcp") || tw_str_eq_c(pr, "6");
            bool secure = IS(p->ip.ntok - 1, "secure") || IS(p->ip.ntok - 2, "secure");
            if (!secure)
                tw_factset_str(FS, "transport", tcp ? TW_STR("tcp") : TW_STR("udp"));
            if (num(po, &port))
                tw_factset_num(FS, "port", port);
        }
    }
    end(p);
}

static void logging(asa_parser *p, bool neg, size_t t)
{
    int severity;

    if (t + 1 >= p->ip.ntok)
        return;
    if (IS(t + 1, "host")) {
        if (!neg && t + 3 < p->ip.ntok)
            logging_host(p, t);
        return;
    }
    if (IS(t + 1, "enable"))
        p->logging_enable = !neg;
    severity = neg || !IS(t + 1, "trap") ? -1 : tw__cisco_severity(TOK(t + 2));
    begin(p, TW_FACT_LOGGING);
    tw_factset_str(FS, "setting", IS(t + 1, "enable") ? TW_STR("on") : TOK(t + 1));
    tw_factset_bool(FS, "enabled", !neg);
    if (severity >= 0)
        tw_factset_num(FS, "severity", severity);
    end(p);
}

/* ntp server A [key N] [source IF] [prefer]; ntp authenticate;
 * ntp authentication-key N md5|sha1|... K */
static void ntp(asa_parser *p, bool neg, size_t t)
{
    tw_cidr a;
    int64_t key;

    if (IS(t + 1, "authenticate") && p->ip.ntok == t + 2) {
        tw__ios_service(&p->ip, "ntp-authenticate", !neg);
        return;
    }
    if (neg)
        return;
    if (IS(t + 1, "authentication-key")) {
        size_t at = IS(t + 4, "8") && t + 5 < p->ip.ntok ? t + 5 : t + 4;
        tw__asa_secret(p, "ntp", TW_STR_NULL, "key", at > t + 4 ? 6 : 0, at);
        return;
    }
    if (!IS(t + 1, "server") || t + 2 >= p->ip.ntok)
        return;
    begin(p, TW_FACT_NTP_SERVER);
    if (tw__asa_host(p, TOK(t + 2), &a))
        tw_factset_addr(FS, "address", &a);
    else
        tw_factset_str(FS, "name", TOK(t + 2));
    for (size_t i = t + 3; i + 1 < p->ip.ntok; i++) {
        if (IS(i, "key") && num(TOK(i + 1), &key))
            tw_factset_num(FS, "key", key);
        else if (IS(i, "source"))
            tw_factset_str(FS, "interface", TOK(i + 1));
    }
    end(p);
}

/* snmp-server community C: read-only (ASA SNMP never writes). */
static void snmp_community(asa_parser *p)
{
    begin(p, TW_FACT_SNMP_COMMUNITY);
    tw_factset_secret(FS, "community");
    if (p->community_fp[0] != '\0')
        tw_factset_str(FS, "fingerprint", tw_str_c(p->community_fp));
    if (p->strength != NULL)
        tw_factset_str(FS, "strength", tw_str_c(p->strength));
    tw_factset_str(FS, "access", TW_STR("ro"));
    end(p);
}

/* snmp-server host IF A [community C] [version 1|2c|3 [U]] [udp-port P]
 * [poll|trap]: version 1 when none is written. */
static void snmp_host(asa_parser *p, size_t t)
{
    tw_cidr a;
    tw_str version = TW_STR("1");

    for (size_t i = t + 4; i + 1 < p->ip.ntok; i++) {
        if (IS(i, "version"))
            version = TOK(i + 1);
    }
    begin(p, TW_FACT_SNMP_HOST);
    if (tw__asa_host(p, TOK(t + 3), &a))
        tw_factset_addr(FS, "address", &a);
    tw_factset_str(FS, "interface", TOK(t + 2));
    tw_factset_str(FS, "version", tw__ios_lower(&p->ip, version));
    end(p);
}

/* The privacy of an SNMPv3 user from token i: des, 3des, aes128, aes192,
 * aes256 ("aes 256"). */
static tw_str snmp_priv(asa_parser *p, size_t i)
{
    if (!IS(i, "aes"))
        return tw__ios_lower(&p->ip, TOK(i));
    return IS(i + 1, "192")   ? TW_STR("aes192")
           : IS(i + 1, "256") ? TW_STR("aes256")
                              : TW_STR("aes128");
}

/* snmp-server user U G v3 [engineID E] [encrypted] [auth md5|sha|sha224|
 * sha256|sha384|sha512 K [priv des|3des|aes 128|192|256 K]] */
static void snmp_user(asa_parser *p, size_t t)
{
    begin(p, TW_FACT_SNMP_USER);
    tw_factset_str(FS, "name", TOK(t + 2));
    if (t + 3 < p->ip.ntok)
        tw_factset_str(FS, "group", TOK(t + 3));
    for (size_t i = t + 4; i < p->ip.ntok; i++) {
        if (IS(i, "v1") || IS(i, "v2c") || IS(i, "v3"))
            tw_factset_str(FS, "version", tw__ios_lower(&p->ip, TOK(i)));
        if (i + 1 >= p->ip.ntok || IS(i + 1, "<redacted>"))
            continue;
        if (IS(i, "auth"))
            tw_factset_str(FS, "auth", tw__ios_lower(&p->ip, TOK(i + 1)));
        else if (IS(i, "priv"))
            tw_factset_str(FS, "priv", snmp_priv(p, i + 1));
    }
    end(p);
}

static void snmp(asa_parser *p, bool neg, size_t t)
{
    if (neg || t + 2 >= p->ip.ntok)
        return;
    if (IS(t + 1, "community"))
        snmp_community(p);
    else if (IS(t + 1, "user"))
        snmp_user(p, t);
    else if (IS(t + 1, "host") && t + 3 < p->ip.ntok)
        snmp_host(p, t);
}

/* ---- routes, tunnels, captures ------------------------------------------ */

/* route IF P M NH [metric] [track N] [tunneled]; ipv6 route IF P/L NH */
static void route(asa_parser *p, bool neg, size_t t, bool ipv6)
{
    size_t i = t + (ipv6 ? 3 : 2);
    tw_cidr pfx, mask, nh;

    if (neg || i >= p->ip.ntok)
        return;
    if (!tw__asa_host(p, TOK(i), &pfx)) {
        tw__ios_warn(&p->ip, "route: cannot parse prefix");
        return;
    }
    if (!ipv6) {
        if (!tw__ios_addr(&p->ip, TOK(i + 1), &mask) ||
            tw_cidr_from_mask(&pfx.addr, &mask.addr, false, &pfx) != TW_OK) {
            tw__ios_warn(&p->ip, "route: cannot parse mask");
            return;
        }
        i++;
    }
    begin(p, TW_FACT_ROUTE);
    tw_factset_addr(FS, "prefix", &pfx);
    tw_factset_str(FS, "interface", TOK(i - (ipv6 ? 1 : 2)));
    if (tw__asa_host(p, TOK(i + 1), &nh))
        tw_factset_addr(FS, "next_hop", &nh);
    end(p);
}

static void route_v4(asa_parser *p, bool neg, size_t t)
{
    route(p, neg, t, false);
}

/* crypto map MAP SEQ set peer A [B ...]: one IPsec tunnel per statement
 * (crypto proposals are read in asa_acl.c). */
static void crypto_peer(asa_parser *p, size_t t)
{
    char name[160];
    tw_str map = TOK(t + 2), seq = TOK(t + 3);
    int n;

    if (map.len > 64 || seq.len > 64 || t + 6 >= p->ip.ntok)
        return;
    begin(p, TW_FACT_TUNNEL);
    n = snprintf(name, sizeof(name), "%.*s %.*s", (int)map.len, map.ptr, (int)seq.len, seq.ptr);
    tw_factset_str(FS, "name", tw_str_make(name, n > 0 ? (size_t)n : 0));
    tw_factset_str(FS, "mode", TW_STR("ipsec"));
    n = snprintf(name, sizeof(name), "crypto map %.*s", (int)map.len, map.ptr);
    tw_factset_str(FS, "protection", tw_str_make(name, n > 0 ? (size_t)n : 0));
    for (size_t i = t + 6; i < p->ip.ntok; i++) {
        tw_cidr a;
        if (tw__asa_host(p, TOK(i), &a))
            tw_factset_addr(FS, "destination", &a);
        else
            tw_factset_str(FS, "destination", TOK(i));
    }
    end(p);
}

static void crypto(asa_parser *p, bool neg, size_t t)
{
    if (!neg && IS(t + 1, "map") && IS(t + 4, "set") && IS(t + 5, "peer"))
        crypto_peer(p, t);
    else if (!neg && IS(t + 1, "isakmp") && IS(t + 2, "key"))
        tw__asa_secret(p, "isakmp", TW_STR_NULL, "key", 0, t + 3);
}

/* tunnel-group A type ipsec-l2l: a LAN-to-LAN IPsec tunnel to A;
 * tunnel-group A ipsec-attributes: a block with its pre-shared keys. */
static void tunnel_group(asa_parser *p, bool neg, size_t t)
{
    tw_cidr a;

    if (neg || t + 2 >= p->ip.ntok)
        return;
    if (IS(t + 2, "ipsec-attributes")) {
        tw__asa_open(p, ASA_BLK_TUNNEL, IOS_BLK_OTHER, TW_FACT_TUNNEL, TOK(t + 1));
        return;
    }
    if (!IS(t + 2, "type") || !IS(t + 3, "ipsec-l2l"))
        return;
    begin(p, TW_FACT_TUNNEL);
    tw_factset_str(FS, "name", TOK(t + 1));
    tw_factset_str(FS, "mode", TW_STR("ipsec-l2l"));
    tw_factset_str(FS, "protection", TW_STR("ipsec"));
    if (tw__asa_host(p, TOK(t + 1), &a))
        tw_factset_addr(FS, "destination", &a);
    end(p);
}

/* ikev1 pre-shared-key K, ikev2 local-|remote-authentication
 * pre-shared-key K, pre-shared-key K (8.x) inside ipsec-attributes. */
void tw__asa_tunnel_line(asa_parser *p, size_t t)
{
    size_t last = p->ip.ntok - 1;

    for (size_t i = t; i < last; i++) {
        if (IS(i, "pre-shared-key")) {
            tw__asa_secret(p, "isakmp", p->blk_name, "key", key_type(p, i), last);
            return;
        }
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
    E("hostname", hostname),
    E("domain-name", domain_name),
    E("username", username),
    E("enable", enable),
    E("passwd", passwd),
    E("aaa-server", aaa_server),
    E("aaa", aaa),
    E("logging", logging),
    E("ntp", ntp),
    E("snmp-server", snmp),
    E("ssh", tw__asa_ssh),
    E("telnet", tw__asa_telnet),
    E("http", tw__asa_http),
    E("route", route_v4),
    E("crypto", crypto),
    E("tunnel-group", tunnel_group),
    E("capture", tw__asa_capture),
    E("banner", tw__asa_banner),
    E("password-policy", tw__asa_password_policy),
};
#undef E

bool tw__asa_top(asa_parser *p, bool neg, size_t t)
{
    tw_str w = TOK(t);

    if (IS(t, "ipv6") && IS(t + 1, "route")) {
        route(p, neg, t, true);
        return true;
    }
    for (size_t i = 0; i < sizeof(top_table) / sizeof(top_table[0]); i++) {
        if (tw_str_ieq_c(w, top_table[i].word)) {
            top_table[i].fn(p, neg, t);
            return true;
        }
    }
    return false;
}
