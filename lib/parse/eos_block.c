/*
 * eos_block.c: Arista EOS blocks: interfaces and tunnels, access lists,
 * AAA server groups, management services, event handlers and daemons,
 * IPsec policies, route maps and prefix lists; BGP lines go on to
 * eos_bgp.c.
 *
 * While a top-level block is open, eos.c hands every inner line here.
 * Fields of the block's fact (an interface's addresses, a tunnel's
 * destination, a script's actions) are gathered in the IOS core's block
 * with the line and evidence of the statement that set them, and are
 * emitted when the block closes (scripts by tw__ios_block_close;
 * interfaces and tunnels here, with EOS's defaults).  A management block
 * (management ssh, telnet, api http-commands...) becomes a service fact
 * here, with EOS's defaults: SSH is on unless shut down; Telnet and the
 * eAPI web service are off unless "no shutdown"; its SSH algorithms are
 * repeated fields.  "management security" gives the password policy.
 * Inside "ip security", each "ike policy" and "sa policy" becomes a
 * crypto_proposal fact.  A route-map entry's match and set lines are
 * gathered by the IOS policy reader and emitted when the block closes.
 * Statements that are facts on their own (an ACL entry, a prefix-list
 * entry, a group's server, a secret) are emitted at once.
 */
#include <string.h>

#include "eos_int.h"

#define IS(i, w) EOS_IS(p, (i), (w))
#define TOK(i) EOS_TOK(p, (i))
#define FS (p->ip.fs)

/* ---- management services ---------------------------------------------- */

static const struct {
    const char *word1, *word2; /* after "management" */
    const char *service;
    bool on; /* the default */
} mgmt_table[] = {
    {"ssh", NULL, "ssh", true},
    {"telnet", NULL, "telnet", false},
    {"api", "http-commands", "https", false},
    {"api", "gnmi", "gnmi", true},
    {"api", "netconf", "netconf", true},
    {"api", "restconf", "restconf", true},
};

void tw__eos_mgmt_open(eos_parser *p, size_t t)
{
    eos_mgmt *m = &p->mgmt;

    memset(m, 0, sizeof(*m));
    for (size_t i = 0; i < sizeof(mgmt_table) / sizeof(mgmt_table[0]); i++) {
        if (IS(t + 1, mgmt_table[i].word1) &&
            (mgmt_table[i].word2 == NULL ? p->ip.ntok == t + 2 : IS(t + 2, mgmt_table[i].word2))) {
            m->name = mgmt_table[i].service;
            m->enabled = mgmt_table[i].on;
        }
    }
    m->security = IS(t + 1, "security") && p->ip.ntok == t + 2;
    tw__eos_open(p, EOS_BLK_MGMT, IOS_BLK_OTHER, TW_FACT_SERVICE, TOK(t + 1));
}

static void put_field(eos_parser *p, const ios_field *f)
{
    if (f->type == TW_VAL_STR)
        tw_factset_str(FS, f->name, f->str);
    else if (f->type == TW_VAL_NUM)
        tw_factset_num(FS, f->name, f->num);
    else if (f->type == TW_VAL_BOOL)
        tw_factset_bool(FS, f->name, f->num != 0);
    else
        tw_factset_addr(FS, f->name, &f->addr);
    if (f->line != 0)
        tw_factset_field_at(FS, f->line, f->ev);
}

static void mgmt_emit(eos_parser *p)
{
    const ios_block *b = &p->ip.blk;
    const eos_mgmt *m = &p->mgmt;

    if (m->name == NULL)
        return;
    tw_factset_begin(FS, TW_FACT_SERVICE, b->line, b->header, TW_STR_NULL);
    tw_factset_str(FS, "name", tw_str_c(m->name));
    tw_factset_bool(FS, "enabled", m->enabled);
    if (m->enabled_line != 0)
        tw_factset_field_at(FS, m->enabled_line, m->enabled_ev);
    for (uint32_t i = 0; i < b->nfields; i++)
        put_field(p, &b->fields[i]);
    tw__ios_end(&p->ip);
    if (!m->http || p->ip.rc != TW_OK)
        return;
    tw_factset_begin(FS, TW_FACT_SERVICE, m->http_line, m->http_ev, b->header);
    tw_factset_str(FS, "name", TW_STR("http"));
    tw_factset_bool(FS, "enabled", m->enabled);
    tw__ios_end(&p->ip);
}

static void mgmt_enabled(eos_parser *p, bool on)
{
    p->mgmt.enabled = on;
    p->mgmt.enabled_line = p->ip.lineno;
    p->mgmt.enabled_ev = p->ip.ev;
}

/* The first n words of s into w (empty views past its end). */
static void first_words(tw_str s, tw_str *w, size_t n)
{
    for (size_t i = 0; i < n; i++)
        w[i] = tw_str_token(&s);
}

/* The name of the "vrf V" block the line sits in. */
static tw_str vrf_of_block(eos_parser *p)
{
    tw_str w[2];

    first_words(p->ip.stack[1].text, w, 2);
    return tw_str_ieq_c(w[0], "vrf") ? w[1] : TW_STR_NULL;
}

/* management ssh: "cipher A B ...", "mac ...", "key-exchange ...": one
 * repeated field per algorithm, lower-cased, at this line. */
static bool ssh_algorithms(eos_parser *p, size_t t)
{
    const char *name = IS(t, "cipher")         ? "cipher"
                       : IS(t, "mac")          ? "mac"
                       : IS(t, "key-exchange") ? "kex"
                                               : NULL;

    if (name == NULL || p->mgmt.name == NULL || strcmp(p->mgmt.name, "ssh") != 0)
        return false;
    for (size_t i = t + 1; i < p->ip.ntok; i++)
        tw__ios_blk_str(&p->ip, name, tw__ios_lower(&p->ip, TOK(i)), true);
    return true;
}

/* management security: "password minimum length N", a password-policy
 * service at this line. */
static void password_policy(eos_parser *p, size_t t)
{
    int64_t n;

    if (!p->mgmt.security || !IS(t, "password") || !IS(t + 1, "minimum") || !IS(t + 2, "length") ||
        !tw__ios_digits(TOK(t + 3)) || !tw_str_to_i64(TOK(t + 3), &n))
        return;
    tw__ios_begin(&p->ip, TW_FACT_SERVICE);
    tw_factset_str(FS, "name", TW_STR("password-policy"));
    tw_factset_bool(FS, "enabled", true);
    tw_factset_num(FS, "min_length", n);
    tw__ios_end(&p->ip);
}

static void mgmt_line(eos_parser *p, bool neg, size_t t)
{
    int64_t n;

    if (p->ip.depth == 2 && IS(t, "shutdown") && neg && vrf_of_block(p).len > 0) {
        mgmt_enabled(p, true);
        tw__ios_blk_str(&p->ip, "vrf", vrf_of_block(p), true);
    } else if (p->ip.depth != 1) {
        return;
    } else if (IS(t, "shutdown")) {
        mgmt_enabled(p, neg);
    } else if (neg) {
        return;
    } else if (IS(t, "idle-timeout") && tw_str_to_i64(TOK(t + 1), &n)) {
        tw__ios_blk_num(&p->ip, "idle_timeout", n, true);
    } else if ((IS(t, "ip") || IS(t, "ipv6")) && IS(t + 1, "access-group") && t + 2 < p->ip.ntok) {
        tw__ios_blk_str(&p->ip, "acl", TOK(t + 2), true);
    } else if (IS(t, "port") && tw_str_to_i64(TOK(t + 1), &n)) {
        tw__ios_blk_num(&p->ip, "port", n, true);
    } else if (IS(t, "protocol") && IS(t + 1, "https") && IS(t + 2, "port") &&
               tw_str_to_i64(TOK(t + 3), &n)) {
        tw__ios_blk_num(&p->ip, "port", n, true);
    } else if (IS(t, "protocol") && IS(t + 1, "http") && !IS(t + 2, "localhost")) {
        p->mgmt.http = true;
        p->mgmt.http_line = p->ip.lineno;
        p->mgmt.http_ev = p->ip.ev;
    } else if (!ssh_algorithms(p, t)) {
        password_policy(p, t);
    }
}

/* ---- interfaces and tunnels ------------------------------------------- */

static void tun_field(eos_parser *p, const char *name, tw_val_type type, tw_str s, const tw_cidr *a,
                      bool own_line)
{
    ios_block *b = &p->ip.blk;
    ios_field *f;

    if (b->ntun >= sizeof(b->tun) / sizeof(b->tun[0]))
        return;
    f = &b->tun[b->ntun++];
    memset(f, 0, sizeof(*f));
    f->name = name;
    f->type = type;
    f->str = s;
    if (a != NULL)
        f->addr = *a;
    if (own_line) {
        f->line = p->ip.lineno;
        f->ev = p->ip.ev;
    }
}

static void tunnel_line(eos_parser *p, size_t t)
{
    tw_cidr a;
    tw_str v = TOK(t + 2);

    if (IS(t + 1, "source"))
        tun_field(p, "source", TW_VAL_STR, IS(t + 2, "interface") ? TOK(t + 3) : v, NULL, true);
    else if (IS(t + 1, "mode"))
        tun_field(p, "mode", TW_VAL_STR, tw__ios_lower(&p->ip, tw__ios_rest(&p->ip, t + 2)), NULL,
                  true);
    else if (IS(t + 1, "ipsec") && IS(t + 2, "profile"))
        tun_field(p, "protection", TW_VAL_STR, TOK(t + 3), NULL, true);
    else if (IS(t + 1, "destination") && tw__ios_addr(&p->ip, v, &a))
        tun_field(p, "destination", TW_VAL_ADDR, v, &a, true);
    else if (IS(t + 1, "destination"))
        tun_field(p, "destination", TW_VAL_STR, v, NULL, true);
}

/* ip address A/L [secondary] (or A M); ipv6 address P/L: the host address. */
static void if_address(eos_parser *p, tw_str s)
{
    const char *slash = memchr(s.ptr, '/', s.len);
    ios_block *b = &p->ip.blk;
    tw_cidr a;

    if (slash != NULL)
        s.len = (size_t)(slash - s.ptr);
    if (!tw__ios_addr(&p->ip, s, &a)) {
        tw__ios_warn(&p->ip, "interface %.*s: cannot parse the address",
                     (int)(b->name.len > 64 ? 64 : b->name.len), b->name.ptr);
        return;
    }
    tw__ios_blk_addr(&p->ip, "address", &a, true);
}

/* ip|ipv6 address ...: any "ip address" (A/L, virtual, dhcp, unnumbered)
 * gives the interface IPv4; the forms that name an address of the
 * interface's own give an address field. */
static void address_line(eos_parser *p, size_t t)
{
    if (IS(t, "ip"))
        p->ifv4.v4 = true;
    if (!IS(t + 2, "dhcp") && !IS(t + 2, "unnumbered") && !IS(t + 2, "virtual") &&
        !IS(t + 2, "link-local") && !IS(t + 2, "auto-config"))
        if_address(p, TOK(t + 2));
}

static void set_flag(eos_parser *p, eos_flag *f, bool on)
{
    *f = (eos_flag){.on = on, .line = p->ip.lineno, .ev = p->ip.ev};
}

/* ip access-group NAME in|out, ipv6 access-group NAME in|out: the list
 * that filters the interface's traffic in that direction (a statement
 * without a direction gives nothing). */
static void if_acl(eos_parser *p, size_t t)
{
    if (p->ip.ntok == t + 4 && (IS(t + 3, "in") || IS(t + 3, "out")))
        tw__ios_blk_str(&p->ip, IS(t + 3, "in") ? "acl_in" : "acl_out", TOK(t + 2), true);
}

static void interface_line(eos_parser *p, bool neg, size_t t)
{
    if (IS(t, "shutdown")) {
        p->ip.blk.shutdown = !neg;
    } else if (IS(t, "ip") && IS(t + 1, "proxy-arp") && p->ip.ntok == t + 2) {
        set_flag(p, &p->ifv4.proxy_arp, !neg);
    } else if (IS(t, "ip") && IS(t + 1, "directed-broadcast") && p->ip.ntok == t + 2) {
        set_flag(p, &p->ifv4.dbcast, !neg);
    } else if (neg) {
        return;
    } else if ((IS(t, "ip") || IS(t, "ipv6")) && IS(t + 1, "address") && t + 2 < p->ip.ntok) {
        address_line(p, t);
    } else if ((IS(t, "ip") || IS(t, "ipv6")) && IS(t + 1, "access-group")) {
        if_acl(p, t);
    } else if (IS(t, "description") && t + 1 < p->ip.ntok) {
        tw__ios_blk_str(&p->ip, "description", tw__ios_rest(&p->ip, t + 1), true);
    } else if (IS(t, "vrf") && t + 1 < p->ip.ntok) {
        tw__ios_blk_str(&p->ip, "vrf", TOK(p->ip.ntok - 1), true);
    } else if (IS(t, "tunnel") && p->ip.blk.tunnel && t + 2 < p->ip.ntok) {
        tunnel_line(p, t);
    }
}

static void put_flag(eos_parser *p, const char *name, const eos_flag *f)
{
    tw_factset_bool(FS, name, f->on);
    if (f->line != 0)
        tw_factset_field_at(FS, f->line, f->ev);
}

static void tunnel_emit(eos_parser *p)
{
    const ios_block *b = &p->ip.blk;
    bool mode = false;

    for (uint32_t i = 0; i < b->ntun; i++)
        mode = mode || strcmp(b->tun[i].name, "mode") == 0;
    tw_factset_begin(FS, TW_FACT_TUNNEL, b->line, b->header, TW_STR_NULL);
    tw_factset_str(FS, "name", b->name);
    if (!mode)
        tw_factset_str(FS, "mode", TW_STR("gre")); /* EOS's only mode, and its default */
    for (uint32_t i = 0; i < b->ntun; i++)
        put_field(p, &b->tun[i]);
    tw__ios_end(&p->ip);
}

/* The interface fact: its fields and shutdown, and on an interface with
 * IPv4, proxy_arp and directed_broadcast (redirects follow at the end:
 * eos_final.c); then the tunnel of a tunnel interface. */
static void interface_emit(eos_parser *p)
{
    const ios_block *b = &p->ip.blk;

    p->ifv4.v4 = p->ifv4.v4 && tw__if_has_neighbours(b->name);
    tw_factset_begin(FS, TW_FACT_INTERFACE, b->line, b->header, TW_STR_NULL);
    tw_factset_str(FS, "name", b->name);
    for (uint32_t i = 0; i < b->nfields; i++)
        put_field(p, &b->fields[i]);
    tw_factset_bool(FS, "shutdown", b->shutdown);
    if (p->ifv4.v4) {
        put_flag(p, "proxy_arp", &p->ifv4.proxy_arp);
        put_flag(p, "directed_broadcast", &p->ifv4.dbcast);
    }
    tw__ios_end(&p->ip);
    if (p->ifv4.v4)
        tw__eos_remember(p, &p->v4_ifs, TW_FACT_INTERFACE);
    if (b->tunnel && p->ip.rc == TW_OK)
        tunnel_emit(p);
}

/* ---- IPsec policies ------------------------------------------------------- */

/* An EOS IKE or ESP cipher in the common spelling ("aes128gcm64" is
 * AES-128-GCM with a 64-bit tag); anything unknown is kept, lower-cased. */
static tw_str ipsec_cipher(eos_parser *p, tw_str s)
{
    static const tw_str_alias known[] = {
        {"des", "des"},
        {"3des", "3des"},
        {"aes128", "aes128"},
        {"aes192", "aes192"},
        {"aes256", "aes256"},
        {"aes128gcm64", "aes128-gcm"},
        {"aes128gcm128", "aes128-gcm"},
        {"aes256gcm128", "aes256-gcm"},
        {"null", "null"},
    };

    const char *to = tw_str_alias_of(s, known, sizeof(known) / sizeof(known[0]));

    return to != NULL ? tw_str_c(to) : tw__ios_lower(&p->ip, s);
}

static void prop_field(eos_parser *p, const char *name, tw_val_type type, tw_str s, int64_t n)
{
    eos_prop *q = &p->prop;

    if (q->n >= EOS_PROP_FIELDS)
        return;
    q->f[q->n++] = (ios_field){
        .name = name, .type = type, .str = s, .num = n, .line = p->ip.lineno, .ev = p->ip.ev};
}

/* The open ike or sa policy, as a crypto_proposal fact at its header. */
static void prop_emit(eos_parser *p)
{
    eos_prop *q = &p->prop;

    if (!q->open)
        return;
    q->open = false;
    if (p->ip.rc != TW_OK)
        return;
    tw_factset_begin(FS, TW_FACT_CRYPTO_PROPOSAL, q->line, q->ev, p->ip.blk.header);
    tw_factset_str(FS, "protocol", q->ipsec ? TW_STR("ipsec") : TW_STR("ike"));
    tw_factset_str(FS, "name", q->name);
    for (uint32_t i = 0; i < q->n; i++)
        put_field(p, &q->f[i]);
    tw__ios_end(&p->ip);
}

/* A line inside an ike policy ("encryption aes256", "integrity sha256",
 * "dh-group 24") or an sa policy ("esp encryption aes128", "esp integrity
 * sha1", "pfs dh-group 14").  "esp integrity null" (with GCM) names no
 * integrity algorithm. */
static void prop_line(eos_parser *p, size_t t)
{
    size_t k = t + (IS(t, "esp") || IS(t, "pfs"));
    int64_t n;

    if (k + 1 >= p->ip.ntok)
        return;
    if (IS(k, "encryption"))
        prop_field(p, "encryption", TW_VAL_STR, ipsec_cipher(p, TOK(k + 1)), 0);
    else if (IS(k, "integrity") && !IS(k + 1, "null"))
        prop_field(p, "integrity", TW_VAL_STR, tw__ios_lower(&p->ip, TOK(k + 1)), 0);
    else if (IS(k, "dh-group") && tw__ios_digits(TOK(k + 1)) && tw_str_to_i64(TOK(k + 1), &n))
        prop_field(p, "group", TW_VAL_NUM, TW_STR_NULL, n);
}

/* ip security: "ike policy NAME" and "sa policy NAME" open a policy; any
 * other statement at their level (a profile, the key controller) ends it. */
static void ipsec_line(eos_parser *p, bool neg, size_t t)
{
    eos_prop *q = &p->prop;

    if (p->ip.depth == 1) {
        prop_emit(p);
        if (!neg && (IS(t, "ike") || IS(t, "sa")) && IS(t + 1, "policy") && t + 2 < p->ip.ntok)
            *q = (eos_prop){.open = true,
                            .ipsec = IS(t, "sa"),
                            .line = p->ip.lineno,
                            .ev = p->ip.ev,
                            .name = TOK(t + 2)};
    } else if (p->ip.depth == 2 && q->open && !neg) {
        prop_line(p, t);
    }
}

/* ---- access lists and server groups ------------------------------------- */

/* [seq] permit|deny|remark ...; "vlan [inner] N MASK" after the action
 * (a VLAN match) is dropped from the tokens before the IOS entry reader
 * sees them. */
static void acl_line(eos_parser *p, size_t t)
{
    ios_parser *ip = &p->ip;
    int64_t seq = 0;
    bool has_seq = tw__ios_digits(TOK(t)) && tw_str_to_i64(TOK(t), &seq);
    size_t i = t + has_seq, v = i + 1, drop;

    if (IS(v, "vlan")) {
        drop = IS(v + 1, "inner") ? 4 : 3;
        if (v + drop < ip->ntok) {
            memmove(&ip->tok[v], &ip->tok[v + drop], (ip->ntok - v - drop) * sizeof(ip->tok[0]));
            ip->ntok -= drop;
        }
    }
    tw__ios_acl_entry(ip, ip->blk.name, ip->blk.acl_mode, ip->blk.ipv6, i, has_seq, seq);
}

/* server A|NAME [vrf V] [port P] under aaa group server */
static void aaagrp_line(eos_parser *p, size_t t)
{
    tw_cidr a;
    int64_t n;

    if (!IS(t, "server") || t + 1 >= p->ip.ntok)
        return;
    tw__ios_begin(&p->ip, TW_FACT_AAA_SERVER);
    tw_factset_str(FS, "protocol", p->ip.blk.fields[0].str);
    if (tw__ios_addr(&p->ip, TOK(t + 1), &a))
        tw_factset_addr_text(FS, "address", &a, TOK(t + 1));
    else
        tw_factset_str(FS, "name", TOK(t + 1));
    tw_factset_str(FS, "group", p->ip.blk.name);
    for (size_t i = t + 2; i + 1 < p->ip.ntok; i++) {
        if (IS(i, "vrf"))
            tw_factset_str(FS, "vrf", TOK(i + 1));
        if (IS(i, "port") && tw_str_to_i64(TOK(i + 1), &n))
            tw_factset_num(FS, "port", n);
    }
    tw__ios_end(&p->ip);
    tw__eos_remember(p, &p->aaa_servers, TW_FACT_AAA_SERVER);
}

/* ---- prefix lists ------------------------------------------------------- */

/* "seq N permit|deny P [ge X] [le Y]" inside "ip|ipv6 prefix-list NAME":
 * read by the IOS policy reader as the one-line form "ip prefix-list NAME
 * seq N ...", whose first three words are put before the line's words
 * for the call and taken away after it (the address sweep reads the
 * line as written). */
static void prefix_line(eos_parser *p, size_t t)
{
    ios_parser *ip = &p->ip;
    size_t n = ip->ntok - t;

    if (n + 3 > IOS_MAXTOK) {
        tw__ios_warn(ip, "prefix-list %.*s: too many words",
                     (int)(ip->blk.name.len > 64 ? 64 : ip->blk.name.len), ip->blk.name.ptr);
        return;
    }
    memmove(&ip->tok[3], &ip->tok[t], n * sizeof(ip->tok[0]));
    ip->tok[0] = ip->blk.ipv6 ? TW_STR("ipv6") : TW_STR("ip");
    ip->tok[1] = TW_STR("prefix-list");
    ip->tok[2] = ip->blk.name;
    ip->ntok = n + 3;
    tw__ios_prefix_list(ip, 0, ip->blk.ipv6);
    memmove(&ip->tok[t], &ip->tok[3], n * sizeof(ip->tok[0]));
    ip->ntok = t + n;
}

/* ---- scripts ------------------------------------------------------------ */

static void script_line(eos_parser *p, size_t t)
{
    ios_parser *ip = &p->ip;

    if (ip->depth != 1)
        return;
    if (IS(t, "trigger") && t + 1 < ip->ntok)
        tw__ios_blk_str(ip, "event", tw__ios_rest(ip, t + 1), true);
    else if (IS(t, "action") && IS(t + 1, "bash") && ip->ntok == t + 2)
        p->text = EOS_TEXT_BASH;
    else if (IS(t, "action") && IS(t + 1, "bash"))
        tw__ios_blk_str(ip, "action", tw__ios_rest(ip, t + 2), true);
    else if (IS(t, "action") && t + 1 < ip->ntok)
        tw__ios_blk_str(ip, "action", tw__ios_rest(ip, t + 1), true);
    else if ((IS(t, "exec") || IS(t, "command")) && t + 1 < ip->ntok)
        tw__ios_blk_str(ip, "action", tw__ios_rest(ip, t + 1), true);
    else if (tw__ios_digits(TOK(t)) && t + 1 < ip->ntok)
        tw__ios_blk_str(ip, "action", tw__ios_rest(ip, t + 1), true); /* alias lines */
}

void tw__eos_bash_line(eos_parser *p)
{
    if (p->kind == EOS_BLK_SCRIPT)
        tw__ios_blk_str(&p->ip, "action", p->ip.ev, true);
}

/* ---- secrets inside any block ------------------------------------------- */

static void block_secrets(eos_parser *p, size_t t)
{
    size_t at = t;
    tw_str head[1];

    while (at < p->ip.ntok && !IS(at, "<redacted>"))
        at++;
    if (at >= p->ip.ntok)
        return;
    if (IS(t, "neighbor"))
        tw__eos_secret(p, "bgp", TW_STR_NULL, "password", at);
    else if (IS(t, "ip") && IS(t + 1, "ospf"))
        tw__eos_secret(p, "ospf", TW_STR_NULL, "key", at);
    else if (IS(t, "isis"))
        tw__eos_secret(p, "isis", TW_STR_NULL, "key", at);
    else if (IS(t, "vrrp"))
        tw__eos_secret(p, "vrrp", TW_STR_NULL, "key", at);
    else if (IS(t, "shared-key"))
        tw__eos_secret(p, "ipsec", TW_STR_NULL, "key", at);
    else if (p->kind != EOS_BLK_SCRIPT) {
        first_words(p->ip.blk.header, head, 1);
        tw__eos_secret(p, "", head[0], "key", at); /* owned by the block: "router" */
    }
}

/* ---- dispatch ------------------------------------------------------------ */

void tw__eos_block_line(eos_parser *p, bool neg, size_t t)
{
    if (t >= p->ip.ntok)
        return;
    if (!neg)
        block_secrets(p, t);
    switch (p->kind) {
    case EOS_BLK_INTERFACE:
        if (p->ip.depth == 1)
            interface_line(p, neg, t);
        break;
    case EOS_BLK_ACL:
        if (p->ip.depth == 1 && !neg)
            acl_line(p, t);
        break;
    case EOS_BLK_AAAGRP:
        if (!neg)
            aaagrp_line(p, t);
        break;
    case EOS_BLK_MGMT:
        mgmt_line(p, neg, t);
        break;
    case EOS_BLK_SCRIPT:
        if (!neg)
            script_line(p, t);
        break;
    case EOS_BLK_BGP:
        if (!neg)
            tw__eos_bgp_line(p, t);
        break;
    case EOS_BLK_IPSEC:
        ipsec_line(p, neg, t);
        break;
    case EOS_BLK_ROUTEMAP:
        if (!neg)
            tw__ios_route_map_line(&p->ip, t);
        break;
    case EOS_BLK_PREFIX:
        if (!neg && p->ip.depth == 1)
            prefix_line(p, t);
        break;
    default:
        break;
    }
}

void tw__eos_block_close(eos_parser *p)
{
    eos_blk_kind kind = p->kind;

    p->kind = EOS_BLK_NONE;
    if (kind == EOS_BLK_MGMT && p->ip.rc == TW_OK)
        mgmt_emit(p);
    else if (kind == EOS_BLK_INTERFACE && p->ip.rc == TW_OK)
        interface_emit(p);
    else if (kind == EOS_BLK_IPSEC)
        prop_emit(p);
    tw__ios_block_close(&p->ip);
}
