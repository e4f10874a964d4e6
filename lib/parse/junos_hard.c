/*
 * junos_hard.c: the Junos settings the hardening rules test.
 *
 * A hardening rule asks "is X configured anywhere?", so most of these are a
 * service fact emitted once, at the first statement that configures the
 * setting (the set form lists statements in the brace form's order, so both
 * forms pick the same one).  LLDP waits for the end of the input: a later
 * "protocols lldp disable" turns the whole protocol off.  SNMPv3 users and
 * IKE / IPsec proposals are groups like the others in junos_stmt.c, their
 * algorithm names normalised to the words the rules use ("aes-256-cbc" is
 * aes256, "hmac-sha-256-128" is sha256).
 */
#include <string.h>

#include "junos_int.h"

#define W(i) tw__jn_w(p, (i))
#define IS(i, s) tw__jn_is(p, (i), (s))
#define N() tw__jn_n(p)

/* Services emitted at most once per configuration. */
enum {
    JN_ONCE_CONFIG_LOG = 1u << 0,
    JN_ONCE_LOGIN_BLOCK = 1u << 1,
    JN_ONCE_PASSWORD = 1u << 2,
    JN_ONCE_BANNER = 1u << 3,
    JN_ONCE_NTP_AUTH = 1u << 4,
};

/* Begins service fact name at the current statement unless bit is set;
 * false when it was emitted before. */
static bool once_begin(jn_parser *p, uint32_t bit, const char *name)
{
    if ((p->once & bit) != 0)
        return false;
    p->once |= bit;
    tw__jn_begin(p, TW_FACT_SERVICE);
    tw_factset_str(p->fs, "name", tw_str_c(name));
    tw_factset_bool(p->fs, "enabled", true);
    return true;
}

static void once(jn_parser *p, uint32_t bit, const char *name)
{
    if (once_begin(p, bit, name))
        tw__jn_end(p);
}

/* ---- system syslog ---------------------------------------------------- */

/* The severity of a Junos syslog level (emergency 0 ... any 7); -1 for
 * none and for a word that is no level. */
static int syslog_level(tw_str s)
{
    static const char *const levels[] = {
        "emergency", "alert", "critical", "error", "warning", "notice", "info", "any",
    };

    for (int i = 0; i < 8; i++) {
        if (tw_str_eq_c(s, levels[i]))
            return i;
    }
    return -1;
}

/* system syslog file|host|user NAME FACILITY LEVEL: configuration changes
 * logged to a file or host (config-log), and the level of everything a host gets
 * (a logging trap fact, as IOS "logging trap LEVEL"). */
static void syslog_stmt(jn_parser *p)
{
    int level = syslog_level(W(5));

    if (!(IS(2, "file") || IS(2, "host") || IS(2, "user")) || N() != 6 || level < 0)
        return;
    /* commits (UI_COMMIT) are change-log messages of severity notice, so a
     * file or host that takes every facility at notice or below has them */
    if (IS(4, "change-log") || IS(4, "interactive-commands") ||
        (IS(4, "any") && level >= 5 && !IS(2, "user")))
        once(p, JN_ONCE_CONFIG_LOG, "config-log");
    if (IS(2, "host") && IS(4, "any")) {
        tw__jn_begin(p, TW_FACT_LOGGING);
        tw_factset_str(p->fs, "setting", TW_STR("trap"));
        tw_factset_num(p->fs, "severity", level);
        tw__jn_end(p);
    }
}

/* ---- system login, system ntp ----------------------------------------- */

static void login_stmt(jn_parser *p)
{
    int64_t n;

    if (IS(2, "retry-options") && N() > 3) {
        once(p, JN_ONCE_LOGIN_BLOCK, "login-block");
    } else if (IS(2, "password") && IS(3, "minimum-length") && tw__jn_num(W(4), &n)) {
        if (once_begin(p, JN_ONCE_PASSWORD, "password-policy")) {
            tw_factset_num(p->fs, "min_length", n);
            tw__jn_end(p);
        }
    } else if ((IS(2, "message") || IS(2, "announcement")) && N() > 3) {
        once(p, JN_ONCE_BANNER, "banner");
    }
}

/* The hardening settings among the system statements; the statement goes
 * on to the other readers of junos_stmt.c as well. */
void tw__jn_hard_system(jn_parser *p)
{
    if (IS(1, "syslog"))
        syslog_stmt(p);
    else if (IS(1, "login"))
        login_stmt(p);
    else if (IS(1, "ntp") && IS(2, "trusted-key") && N() > 3)
        once(p, JN_ONCE_NTP_AUTH, "ntp-authenticate");
}

/* ---- protocols lldp --------------------------------------------------- */

static void mark(jn_parser *p, jn_mark *m)
{
    if (m->line == 0) {
        m->line = p->line;
        m->ev = p->ev;
    }
}

/* protocols lldp ...: on, unless "disable" stands right under it (an
 * interface's "disable" only turns that interface off). */
void tw__jn_lldp(jn_parser *p)
{
    mark(p, &p->lldp);
    if (IS(2, "disable"))
        mark(p, &p->lldp_off);
}

void tw__jn_hard_finish(jn_parser *p)
{
    if (p->lldp.line == 0 || p->rc != TW_OK)
        return;
    tw_factset_begin(p->fs, TW_FACT_SERVICE, p->lldp.line, p->lldp.ev, TW_STR_NULL);
    tw_factset_str(p->fs, "name", TW_STR("lldp"));
    tw_factset_bool(p->fs, "enabled", p->lldp_off.line == 0);
    if (p->lldp_off.line != 0 && p->lldp_off.line != p->lldp.line)
        tw_factset_field_at(p->fs, p->lldp_off.line, p->lldp_off.ev);
    p->line = p->lldp.line;
    tw__jn_end(p);
}

/* ---- snmp v3 usm users ------------------------------------------------- */

#define ALIASES(t) (t), sizeof(t) / sizeof((t)[0])

static const tw_str_alias usm_auth[] = {
    {"authentication-md5", "md5"},       {"authentication-sha", "sha"},
    {"authentication-sha224", "sha224"}, {"authentication-sha256", "sha256"},
    {"authentication-sha384", "sha384"}, {"authentication-sha512", "sha512"},
};

static const tw_str_alias usm_priv[] = {
    {"privacy-des", "des"},       {"privacy-3des", "3des"},     {"privacy-aes128", "aes128"},
    {"privacy-aes192", "aes192"}, {"privacy-aes256", "aes256"},
};

/* snmp v3 usm local-engine user U ..., snmp v3 usm remote-engine E user U
 * ...: one snmp_user fact per user; "authentication-none" and
 * "privacy-none" give no auth / priv field. */
void tw__jn_snmp_user(jn_parser *p)
{
    size_t u = IS(3, "local-engine") ? 4 : IS(3, "remote-engine") ? 5 : 0;
    const char *a, *v;
    jn_group *g;

    if (u == 0 || !IS(u, "user") || N() < u + 2)
        return;
    g = tw__jn_group(p, JN_G_SNMP_USER, u + 2);
    g->name = W(u + 1);
    a = tw_str_alias_of(W(u + 2), ALIASES(usm_auth));
    v = tw_str_alias_of(W(u + 2), ALIASES(usm_priv));
    if (a != NULL && !tw__jn_has_field(g, "auth"))
        tw__jn_gstr(p, "auth", tw_str_c(a));
    else if (v != NULL && !tw__jn_has_field(g, "priv"))
        tw__jn_gstr(p, "priv", tw_str_c(v));
}

/* ---- security ike|ipsec proposal --------------------------------------- */

/* "aes-256-cbc" -> aes256, "aes-128-gcm" -> aes128-gcm, "3des-cbc" -> 3des,
 * "des-cbc" -> des; anything else as written, in lower case. */
static tw_str cipher_name(jn_parser *p, tw_str s)
{
    static const tw_str_alias t[] = {
        {"des-cbc", "des"},
        {"3des-cbc", "3des"},
        {"aes-128-cbc", "aes128"},
        {"aes-192-cbc", "aes192"},
        {"aes-256-cbc", "aes256"},
        {"aes-128-gcm", "aes128-gcm"},
        {"aes-192-gcm", "aes192-gcm"},
        {"aes-256-gcm", "aes256-gcm"},
    };
    const char *n = tw_str_alias_of(s, ALIASES(t));

    return n != NULL ? tw_str_c(n) : tw__jn_lower(p, s);
}

/* IKE "sha-256", IPsec "hmac-sha-256-128", "hmac-sha1-96", "hmac-md5-96":
 * the hash alone (sha256, sha1, md5). */
static tw_str hash_name(jn_parser *p, tw_str s)
{
    static const tw_str_alias t[] = {
        {"md5", "md5"},        {"sha1", "sha1"},      {"sha-256", "sha256"},
        {"sha-384", "sha384"}, {"sha-512", "sha512"},
    };

    if (tw_str_starts_with(s, TW_STR("hmac-")))
        s = tw_str_make(s.ptr + 5, s.len - 5);
    for (const tw_str_alias *a = t; a < t + sizeof(t) / sizeof(t[0]); a++) {
        tw_str k = tw_str_c(a->from);
        if (tw_str_starts_with(s, k) && (s.len == k.len || s.ptr[k.len] == '-'))
            return tw_str_c(a->to);
    }
    return tw__jn_lower(p, s);
}

/* security ike|ipsec proposal P ...: one crypto_proposal fact each. */
void tw__jn_security(jn_parser *p)
{
    bool ike = IS(1, "ike");
    jn_group *g;
    int64_t n;

    if (!(ike || IS(1, "ipsec")) || !IS(2, "proposal") || N() < 5)
        return;
    g = tw__jn_group(p, JN_G_CRYPTO, 4);
    g->name = W(3);
    g->sub = ike ? TW_STR("ike") : TW_STR("ipsec");
    if (IS(4, "encryption-algorithm") && N() > 5)
        tw__jn_gstr(p, "encryption", cipher_name(p, W(5)));
    else if (IS(4, "authentication-algorithm") && N() > 5)
        tw__jn_gstr(p, "integrity", hash_name(p, W(5)));
    else if (IS(4, "dh-group") && tw_str_starts_with(W(5), TW_STR("group")) &&
             tw__jn_num(tw_str_make(W(5).ptr + 5, W(5).len - 5), &n))
        tw__jn_gnum(p, "group", n);
}
