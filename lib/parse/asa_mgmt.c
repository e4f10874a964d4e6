/*
 * asa_mgmt.c: Cisco ASA management access, captures, banners and the
 * password policy.
 *
 * "ssh|telnet|http A M IF" say who may reach a management service: one
 * service fact per permit, with its source prefix and interface, so that
 * a permit from any address or a public range is visible to rules.  SSH
 * versions and algorithms ("ssh cipher", "ssh key-exchange"), ASDM
 * ("http server enable [PORT]"), packet captures ("capture NAME ... match
 * ..."), login banners and "password-policy minimum-length" are service
 * and capture facts too.  Handlers are called from asa_stmt.c's table.
 */
#include <stdio.h>
#include <string.h>

#include "asa_int.h"

#define IS(i, w) ASA_IS(p, (i), (w))
#define TOK(i) ASA_TOK(p, (i))
#define FS (p->ip.fs)

/* A number token into *n; false when it is none. */
static bool num(tw_str s, int64_t *n)
{
    return tw__ios_digits(s) && tw_str_to_i64(s, n);
}

/* ---- management --------------------------------------------------------- */

/* ssh|telnet|http A M IF (or A/L IF): who may reach the service, one
 * service fact per statement with its source prefix and interface. */
static bool mgmt_permit(asa_parser *p, const char *name, size_t t)
{
    tw_cidr a, m;
    size_t i = t + 2;

    if (!tw__asa_host(p, TOK(t + 1), &a))
        return false;
    if (a.addr.family == 4 && memchr(TOK(t + 1).ptr, '/', TOK(t + 1).len) == NULL) {
        if (!tw__ios_addr(&p->ip, TOK(t + 2), &m) ||
            tw_cidr_from_mask(&a.addr, &m.addr, false, &a) != TW_OK) {
            tw__ios_warn(&p->ip, "%s: cannot parse the address mask", name);
            return true;
        }
        i++;
    }
    if (i >= p->ip.ntok)
        return true;
    tw__ios_begin(&p->ip, TW_FACT_SERVICE);
    tw_factset_str(FS, "name", tw_str_c(name));
    if (strcmp(name, "https") != 0) /* ASDM is enabled by "http server enable" */
        tw_factset_bool(FS, "enabled", true);
    tw_factset_addr(FS, "source", &a);
    tw_factset_str(FS, "interface", TOK(i));
    tw__ios_end(&p->ip);
    return true;
}

/* ssh cipher encryption|integrity LEVEL|custom "A:B"; ssh key-exchange
 * group G.  A level stands for the algorithms ASA 9.x offers at it. */
static const struct {
    const char *level, *cipher, *mac;
} ssh_levels[] = {
    {"all", "3des-cbc aes128-cbc aes192-cbc aes256-cbc aes128-ctr aes192-ctr aes256-ctr",
     "hmac-sha1 hmac-sha1-96 hmac-md5 hmac-md5-96 hmac-sha2-256"},
    {"low", "3des-cbc aes128-cbc aes192-cbc aes256-cbc aes128-ctr aes192-ctr aes256-ctr",
     "hmac-sha1 hmac-sha1-96 hmac-md5 hmac-md5-96 hmac-sha2-256"},
    {"medium", "3des-cbc aes128-cbc aes192-cbc aes256-cbc aes128-ctr aes192-ctr aes256-ctr",
     "hmac-sha1 hmac-sha2-256"},
    {"fips", "aes128-cbc aes256-cbc", "hmac-sha1 hmac-sha2-256"},
    {"high", "aes256-cbc aes256-ctr", "hmac-sha2-256"},
};

static void ssh_algorithms(asa_parser *p, const char *field, tw_str v, bool mac)
{
    tw_str list = TW_STR_NULL, item;
    char sep = ':';

    for (size_t k = 0; k < sizeof(ssh_levels) / sizeof(ssh_levels[0]); k++) {
        if (tw_str_ieq_c(v, ssh_levels[k].level)) {
            list = tw_str_c(mac ? ssh_levels[k].mac : ssh_levels[k].cipher);
            sep = ' ';
        }
    }
    if (list.len == 0) {
        list = v;
        if (list.len >= 2 && list.ptr[0] == '"' && list.ptr[list.len - 1] == '"')
            list = tw_str_make(list.ptr + 1, list.len - 2);
    }
    tw__ios_begin(&p->ip, TW_FACT_SERVICE);
    tw_factset_str(FS, "name", TW_STR("ssh"));
    while (list.len > 0) {
        const char *e = memchr(list.ptr, sep, list.len);
        size_t n = e != NULL ? (size_t)(e - list.ptr) : list.len;
        item = tw_str_make(list.ptr, n);
        if (item.len > 0)
            tw_factset_str(FS, field, tw__ios_lower(&p->ip, item));
        list = e != NULL ? tw_str_make(e + 1, list.len - n - 1) : TW_STR_NULL;
    }
    tw__ios_end(&p->ip);
}

/* The OpenSSH name of an ASA key exchange group. */
static tw_str kex_name(tw_str g)
{
    static const tw_str_alias names[] = {
        {"dh-group1-sha1", "diffie-hellman-group1-sha1"},
        {"dh-group14-sha1", "diffie-hellman-group14-sha1"},
        {"dh-group14-sha256", "diffie-hellman-group14-sha256"},
        {"ecdh-group14-sha256", "diffie-hellman-group14-sha256"},
        {"curve25519-sha256", "curve25519-sha256"},
    };
    const char *v = tw_str_alias_of(g, names, sizeof(names) / sizeof(names[0]));

    return v != NULL ? tw_str_c(v) : g;
}

void tw__asa_ssh(asa_parser *p, bool neg, size_t t)
{
    if (neg || t + 1 >= p->ip.ntok)
        return;
    if (IS(t + 1, "version") && t + 2 < p->ip.ntok) {
        tw__ios_begin(&p->ip, TW_FACT_SERVICE);
        tw_factset_str(FS, "name", TW_STR("ssh"));
        tw_factset_str(FS, "version", TOK(t + 2));
        tw__ios_end(&p->ip);
    } else if (IS(t + 1, "cipher") && (IS(t + 2, "encryption") || IS(t + 2, "integrity"))) {
        bool mac = IS(t + 2, "integrity");
        tw_str v = IS(t + 3, "custom") ? TOK(t + 4) : TOK(t + 3);
        if (v.len > 0)
            ssh_algorithms(p, mac ? "mac" : "cipher", v, mac);
    } else if (IS(t + 1, "key-exchange") && IS(t + 2, "group") && t + 3 < p->ip.ntok) {
        tw__ios_begin(&p->ip, TW_FACT_SERVICE);
        tw_factset_str(FS, "name", TW_STR("ssh"));
        tw_factset_str(FS, "kex", kex_name(tw__ios_lower(&p->ip, TOK(t + 3))));
        tw__ios_end(&p->ip);
    } else if (IS(t + 1, "scopy") && IS(t + 2, "enable")) {
        tw__ios_service(&p->ip, "scp", true);
    } else {
        (void)mgmt_permit(p, "ssh", t);
    }
}

void tw__asa_telnet(asa_parser *p, bool neg, size_t t)
{
    if (!neg)
        (void)mgmt_permit(p, "telnet", t);
}

/* http server enable [PORT] (ASDM, HTTPS only); http A M IF. */
void tw__asa_http(asa_parser *p, bool neg, size_t t)
{
    int64_t port;

    if (IS(t + 1, "server") && IS(t + 2, "enable")) {
        tw__ios_begin(&p->ip, TW_FACT_SERVICE);
        tw_factset_str(FS, "name", TW_STR("https"));
        tw_factset_bool(FS, "enabled", !neg);
        if (!neg && num(TOK(t + 3), &port))
            tw_factset_num(FS, "port", port);
        tw__ios_end(&p->ip);
    } else if (!neg) {
        (void)mgmt_permit(p, "https", t);
    }
}

/* Words that end the match of a capture. */
static bool capture_keyword(asa_parser *p, size_t i)
{
    static const char *const words[] = {
        "interface",     "buffer", "packet-length", "circular-buffer",  "access-list",
        "type",          "trace",  "real-time",     "headers-only",     "file-size",
        "ethernet-type", "match",  "stop",          "include-decrypted"};

    for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
        if (tw_str_ieq_c(TOK(i), words[k]))
            return true;
    }
    return false;
}

/* capture NAME [type T] [access-list ACL] [interface IF ...] [match PROTO
 * SRC [op P] DST [op P]] [buffer N] ...: one fact per statement. */
void tw__asa_capture(asa_parser *p, bool neg, size_t t)
{
    int64_t n;

    if (neg || t + 2 >= p->ip.ntok)
        return;
    tw__ios_begin(&p->ip, TW_FACT_CAPTURE);
    tw_factset_str(FS, "name", TOK(t + 1));
    for (size_t i = t + 2; i + 1 < p->ip.ntok; i++) {
        if (IS(i, "interface")) {
            tw_factset_str(FS, "interface", TOK(++i));
        } else if (IS(i, "access-list")) {
            tw_factset_str(FS, "match", tw__ios_span(&p->ip, i, i + 1));
            i++;
        } else if (IS(i, "buffer") && num(TOK(i + 1), &n)) {
            tw_factset_num(FS, "buffer", n);
            i++;
        } else if (IS(i, "type")) {
            tw_factset_str(FS, "type", tw__ios_lower(&p->ip, TOK(++i)));
        } else if (IS(i, "match")) {
            size_t j = i + 1;
            while (j < p->ip.ntok && !capture_keyword(p, j))
                j++;
            tw_factset_str(FS, "match", tw__ios_span(&p->ip, i + 1, j - 1));
            i = j - 1;
        }
    }
    tw__ios_end(&p->ip);
}

/* banner login|motd TEXT: one line of banner text each; a service fact
 * at the first line of a banner, with the evidence "banner TYPE". */
void tw__asa_banner(asa_parser *p, bool neg, size_t t)
{
    tw_str type = TOK(t + 1);
    bool first = !tw_str_ieq(type, p->banner);

    p->banner = type;
    if (!(IS(t + 1, "login") || IS(t + 1, "motd")) || (!first && !neg))
        return;
    tw_factset_begin(FS, TW_FACT_SERVICE, p->ip.lineno, tw__ios_span(&p->ip, 0, t + 1),
                     TW_STR_NULL);
    tw_factset_str(FS, "name", TW_STR("banner"));
    tw_factset_bool(FS, "enabled", !neg);
    tw__ios_end(&p->ip);
}

/* password-policy minimum-length N */
void tw__asa_password_policy(asa_parser *p, bool neg, size_t t)
{
    int64_t n;

    if (neg || !IS(t + 1, "minimum-length") || !num(TOK(t + 2), &n))
        return;
    tw__ios_begin(&p->ip, TW_FACT_SERVICE);
    tw_factset_str(FS, "name", TW_STR("password-policy"));
    tw_factset_bool(FS, "enabled", true);
    tw_factset_num(FS, "min_length", n);
    tw__ios_end(&p->ip);
}
