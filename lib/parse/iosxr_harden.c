/*
 * iosxr_harden.c: IOS XR settings the hardening rules test.
 *
 * Three blocks: "aaa password-policy NAME" gives the password-policy
 * service (min_length) and, with "authen-max-attempts" or "lockout-time",
 * the login-block service; "ikev2 proposal NAME" (or "crypto ikev2
 * proposal") gives a crypto_proposal with its algorithms normalised to
 * the names every dialect uses; "logging tls-server NAME" gives a
 * logging_host sent over TLS.  Each is emitted when its block closes, at
 * the header line, each field at the line that set it.  Syslog severities
 * are read here for "logging trap" and the hosts' "severity".  At the end
 * of the file the servers that have no key of their own get the key_type
 * of the global "tacacs-server key" / "radius-server key", wherever it was
 * written, and a group's "server A" that of its "tacacs-server host A".
 */
#include <string.h>

#include "iosxr_int.h"

#define IS(i, w) tw__xr_is(p, (i), (w))
#define TOK(i) tw__xr_tok(p, (i))

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define XR_MAX_KEYED 256 /* keyed hosts a group's "server A" is matched against */

/* ---- syslog severities ------------------------------------------------ */

bool tw__xr_severity(tw_str s, int64_t *out)
{
    static const char *const names[] = {"emerg", "alert", "crit", "err",
                                        "warn",  "noti",  "info", "debug"};

    if (tw__xr_num(s, out))
        return *out >= 0 && *out <= 7;
    for (size_t i = 0; i < NELEM(names); i++) {
        if (tw_str_istarts_with(s, tw_str_c(names[i]))) {
            *out = (int64_t)i;
            return true;
        }
    }
    return false;
}

void tw__xr_trap_fact(xr_parser *p, int64_t severity)
{
    tw__xr_begin(p, TW_FACT_LOGGING);
    tw_factset_str(p->fs, "setting", TW_STR("trap"));
    tw_factset_bool(p->fs, "enabled", true);
    tw_factset_num(p->fs, "severity", severity);
    tw__xr_end(p);
}

/* ---- IKEv2 proposals ---------------------------------------------------- */

/* The common name of an algorithm (aes-cbc-256 is aes256); unknown ones
 * lower-case as written. */
static tw_str normal(xr_parser *p, const tw_str_alias *v, size_t n, tw_str s)
{
    const char *to = tw_str_alias_of(s, v, n);

    return to != NULL ? tw_str_c(to) : tw__xr_lower(p, s);
}

static const tw_str_alias ciphers[] = {
    {"aes-cbc-128", "aes128"},     {"aes-cbc-192", "aes192"},     {"aes-cbc-256", "aes256"},
    {"aes-gcm-128", "aes128-gcm"}, {"aes-gcm-256", "aes256-gcm"}, {"aes", "aes128"},
};

static const tw_str_alias hashes[] = {
    {"sha", "sha1"},       {"sha-1", "sha1"},     {"sha-256", "sha256"},
    {"sha-384", "sha384"}, {"sha-512", "sha512"},
};

/* encryption A B... | integrity A B... | dh|group|dh-group N M... */
static void ike_line(xr_parser *p, size_t t)
{
    int64_t g;

    for (size_t i = t + 1; i < p->ntok; i++) {
        tw_str v = TOK(i);
        if (IS(t, "encryption")) {
            tw__xr_blk_str(p, "encryption", normal(p, ciphers, NELEM(ciphers), v), true);
        } else if (IS(t, "integrity")) {
            tw__xr_blk_str(p, "integrity", normal(p, hashes, NELEM(hashes), v), true);
        } else if (IS(t, "dh") || IS(t, "group") || IS(t, "dh-group")) {
            if (tw_str_istarts_with(v, TW_STR("group")))
                v = tw_str_make(v.ptr + 5, v.len - 5);
            if (tw__xr_num(v, &g))
                tw__xr_blk_num(p, "group", g, true);
        }
    }
}

/* ---- password policies and TLS syslog servers -------------------------- */

/* min-length N | authen-max-attempts N | lockout-time ... */
static void pwpolicy_line(xr_parser *p, size_t t)
{
    int64_t n;
    xr_at *lock = &p->blk.mark; /* where the lockout was first written */

    if (IS(t, "min-length") && tw__xr_num(TOK(t + 1), &n)) {
        tw__xr_blk_num(p, "min_length", n, true);
    } else if ((IS(t, "authen-max-attempts") || IS(t, "lockout-time")) && t + 1 < p->ntok &&
               lock->line == 0) {
        *lock = (xr_at){p->lineno, p->ev};
    }
}

/* address [ipv4|ipv6] A | vrf V | severity S | tls-hostname H */
static void tlslog_line(xr_parser *p, size_t t)
{
    size_t i = t + 1 + (IS(t + 1, "ipv4") || IS(t + 1, "ipv6"));
    tw_cidr a;
    int64_t sev;

    if (IS(t, "address") && tw__xr_addr(TOK(i), &a)) {
        tw__xr_blk_addr(p, "address", &a, true);
    } else if (IS(t, "vrf") && t + 1 < p->ntok) {
        tw__xr_blk_str(p, "vrf", TOK(t + 1), true);
    } else if (IS(t, "tls-hostname") && t + 1 < p->ntok) {
        tw__xr_blk_str(p, "name", TOK(t + 1), true);
    } else if (IS(t, "severity") && tw__xr_severity(TOK(t + 1), &sev)) {
        tw__xr_blk_str(p, "severity", tw__xr_lower(p, TOK(t + 1)), true);
        tw__xr_trap_fact(p, sev);
    }
}

void tw__xr_harden_line(xr_parser *p, size_t t)
{
    if (p->blk.kind == XR_BLK_IKEPROP)
        ike_line(p, t);
    else if (p->blk.kind == XR_BLK_PWPOLICY)
        pwpolicy_line(p, t);
    else if (p->blk.kind == XR_BLK_TLSLOG)
        tlslog_line(p, t);
}

/* ---- emission ----------------------------------------------------------- */

static void begin_header(xr_parser *p, tw_fact_kind kind)
{
    tw_factset_begin(p->fs, kind, p->blk.line, p->blk.header, TW_STR_NULL);
}

static void put_fields(xr_parser *p)
{
    for (uint32_t i = 0; i < p->blk.nfields; i++)
        tw__xr_put_field(p, &p->blk.fields[i]);
}

static void close_pwpolicy(xr_parser *p)
{
    const xr_at *lock = &p->blk.mark;

    begin_header(p, TW_FACT_SERVICE);
    tw_factset_str(p->fs, "name", TW_STR("password-policy"));
    tw_factset_bool(p->fs, "enabled", true);
    put_fields(p);
    tw__xr_end(p);
    if (lock->line == 0 || p->rc != TW_OK)
        return;
    begin_header(p, TW_FACT_SERVICE);
    tw_factset_str(p->fs, "name", TW_STR("login-block"));
    tw_factset_bool(p->fs, "enabled", true);
    tw_factset_field_at(p->fs, lock->line, lock->ev);
    tw__xr_end(p);
}

static bool has_field(const xr_block *b, const char *name)
{
    for (uint32_t i = 0; i < b->nfields; i++) {
        if (strcmp(b->fields[i].name, name) == 0)
            return true;
    }
    return false;
}

void tw__xr_harden_close(xr_parser *p, xr_blk_kind kind)
{
    if (kind == XR_BLK_PWPOLICY) {
        close_pwpolicy(p);
    } else if (kind == XR_BLK_IKEPROP) {
        begin_header(p, TW_FACT_CRYPTO_PROPOSAL);
        tw_factset_str(p->fs, "protocol", TW_STR("ike"));
        tw_factset_str(p->fs, "name", p->blk.name);
        put_fields(p);
        tw__xr_end(p);
    } else if (kind == XR_BLK_TLSLOG &&
               (has_field(&p->blk, "address") || has_field(&p->blk, "name"))) {
        begin_header(p, TW_FACT_LOGGING_HOST);
        put_fields(p);
        tw_factset_str(p->fs, "transport", TW_STR("tls"));
        tw__xr_end(p);
    }
}

/* ---- global keys ---------------------------------------------------------- */

/* A host with a key of its own, for the group members that name it. */
typedef struct {
    bool tacacs;
    tw_str address;
    const tw_field *key;
    const tw_fact *fact;
} xr_keyed;

static const tw_field *field(const tw_fact *f, const char *name)
{
    return tw_fact_get(f, name);
}

/* "server A" inside "aaa group server": the host A it names. */
static bool is_member(const tw_fact *f)
{
    return tw_str_istarts_with(f->evidence, TW_STR("server "));
}

static bool is_tacacs(const tw_fact *f)
{
    const tw_field *proto = field(f, "protocol");

    return proto != NULL && tw_str_eq_c(proto->str, "tacacs");
}

static size_t keyed_hosts(xr_parser *p, xr_keyed *v)
{
    size_t n = 0;

    for (size_t i = p->first_fact; i < p->fs->n && n < XR_MAX_KEYED; i++) {
        const tw_fact *f = &p->fs->v[i];
        const tw_field *a = field(f, "address"), *k = field(f, "key_type");
        if (f->kind != TW_FACT_AAA_SERVER || a == NULL || k == NULL || is_member(f))
            continue;
        v[n++] = (xr_keyed){is_tacacs(f), a->str, k, f};
    }
    return n;
}

/* The key_type of fact i: the host's for a group member, else the global
 * key's; at the line that set it. */
static void give_key(xr_parser *p, size_t i, int64_t type, xr_at at)
{
    if (tw_factset_reopen(p->fs, i) != TW_OK)
        return;
    tw_factset_num(p->fs, "key_type", type);
    if (at.line != 0)
        tw_factset_field_at(p->fs, at.line, at.ev);
    tw__xr_end(p);
}

static bool member_key(xr_parser *p, size_t i, const xr_keyed *v, size_t n)
{
    const tw_fact *f = &p->fs->v[i];
    const tw_field *a = field(f, "address");
    bool tac = is_tacacs(f);

    for (size_t k = 0; k < n && a != NULL; k++) {
        if (v[k].tacacs != tac || !tw_str_eq(v[k].address, a->str))
            continue;
        xr_at at = {v[k].key->line, v[k].key->evidence};
        if (at.line == 0)
            at = (xr_at){v[k].fact->line, v[k].fact->evidence};
        give_key(p, i, v[k].key->num, at);
        return true;
    }
    return false;
}

void tw__xr_keys_apply(xr_parser *p)
{
    xr_keyed *v = NULL;
    size_t n = 0;

    for (size_t i = p->first_fact; i < p->fs->n && p->rc == TW_OK; i++) {
        const tw_fact *f = &p->fs->v[i];
        const xr_gkey *g;
        if (f->kind != TW_FACT_AAA_SERVER || field(f, "key_type") != NULL)
            continue;
        g = &p->gkey[is_tacacs(f) ? 0 : 1];
        if (is_member(f) && v == NULL) {
            v = tw_arena_alloc(p->fs->arena, XR_MAX_KEYED * sizeof(*v));
            if (v == NULL) {
                p->rc = TW_ENOMEM;
                return;
            }
            n = keyed_hosts(p, v);
        }
        if (is_member(f) && member_key(p, i, v, n))
            continue;
        if (g->set)
            give_key(p, i, g->type, g->at);
    }
}
