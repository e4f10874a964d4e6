/*
 * asa.c: the Cisco ASA configuration parser: the line walk and secrets.
 *
 * One pass over the text.  Each line is classified: certificate hex (up
 * to "quit"), a comment ("!", and ":" lines such as ": Saved" and
 * ": end"), noise ("Cryptochecksum:", a CLI prompt, "end"), the
 * "ASA Version X" header (the version fact), or a statement.  A statement
 * is tokenized, its secrets are replaced by "<redacted>" by ASA rules
 * before any handler sees it, then it is dispatched (asa_stmt.c and
 * asa_acl.c at top level, the open block's handler inside a block), and
 * every IPv4/IPv6 literal on it becomes an address fact.  Blocks are built
 * from indentation as in the IOS parser, whose core (ios_int.h) holds the
 * tokens and emits the facts.
 */
#include <string.h>

#include "asa_int.h"

#define IS(i, w) ASA_IS(p, (i), (w))
#define TOK(i) ASA_TOK(p, (i))

/* ---- secrets ---------------------------------------------------------- */

int tw__asa_hash_type(const asa_parser *p, size_t from)
{
    for (size_t i = from; i < p->ip.ntok; i++) {
        if (IS(i, "pbkdf2"))
            return 8;
        if (IS(i, "encrypted") || IS(i, "nt-encrypted"))
            return 5;
    }
    return 0;
}

void tw__asa_secret(asa_parser *p, const char *owner, tw_str owner_arg, const char *form,
                    int64_t type, size_t at)
{
    char buf[256];
    size_t n = strlen(owner), k = owner_arg.len > 200 ? 200 : owner_arg.len;

    if (at >= p->ip.ntok || !IS(at, "<redacted>"))
        return;
    memcpy(buf, owner, n);
    if (k > 0) {
        buf[n++] = ' ';
        memcpy(buf + n, owner_arg.ptr, k);
        n += k;
    }
    tw__ios_begin(&p->ip, TW_FACT_SECRET);
    tw_factset_str(p->ip.fs, "owner", tw_str_make(buf, n));
    tw_factset_str(p->ip.fs, "form", tw_str_c(form));
    tw_factset_num(p->ip.fs, "type", type);
    if (p->strength != NULL)
        tw_factset_str(p->ip.fs, "strength", tw_str_c(p->strength));
    tw__ios_end(&p->ip);
}

/* "[T] S" after a secret keyword at i: the index of S (T is one digit,
 * "8" for a key encrypted with the master passphrase). */
static size_t secret_after(const ios_line *l, size_t i)
{
    size_t j = i + 1;

    if (j + 1 < l->ntok && l->tok[j].len == 1 && tw__cisco_digits(l->tok[j]))
        j++;
    return j;
}

/* "key" at i: the index of the secret, or 0 when the key is none. */
static size_t key_secret(const ios_line *l, size_t i)
{
    if (tw__ios_line_is(l, 0, "ntp") ||
        (i > 0 && (tw__ios_line_is(l, i - 1, "crypto") || tw__ios_line_is(l, i - 1, "trusted"))) ||
        tw__ios_line_is(l, i + 1, "generate") || tw__ios_line_is(l, i + 1, "zeroize") ||
        tw__ios_line_is(l, i + 1, "import") || tw__ios_line_is(l, i + 1, "export") ||
        tw__ios_line_is(l, i + 1, "config-key") || i + 1 >= l->ntok)
        return 0;
    if (tw__ios_line_is(l, i + 1, "hex")) /* failover key hex K */
        return i + 2;
    if (tw__ios_line_is(l, i + 1, "eigrp")) /* authentication key eigrp AS K key-id N */
        return i + 3;
    return secret_after(l, i);
}

/* snmp-server user U G v3 [engineID E] [encrypted] auth ALG K priv ALG
 * [BITS] K: the keys. */
static void mask_snmp_user(const ios_line *l, ios_mask *m)
{
    for (size_t i = 4; i < l->ntok; i++) {
        if (tw__ios_line_is(l, i, "auth"))
            tw__ios_mask_token(l, m, i + 2);
        else if (tw__ios_line_is(l, i, "priv"))
            tw__ios_mask_token(l, m,
                               tw__ios_line_is(l, i + 2, "128") ||
                                       tw__ios_line_is(l, i + 2, "192") ||
                                       tw__ios_line_is(l, i + 2, "256")
                                   ? i + 3
                                   : i + 2);
    }
}

static void mask_keyword(const ios_line *l, ios_mask *m, size_t i)
{
    tw_str t = l->tok[i];

    if (tw__ios_line_is(l, i, "password")) {
        if (!(i == 0 && tw__ios_line_is(l, 1, "encryption"))) /* password encryption aes */
            tw__ios_mask_token(l, m, secret_after(l, i));
    } else if (tw__ios_line_is(l, i, "secret") || tw__ios_line_is(l, i, "pre-shared-key") ||
               tw__ios_line_is(l, i, "passphrase") || tw__ios_line_is(l, i, "radius-common-pw") ||
               tw__ios_line_is(l, i, "shared-secret") ||
               (tw__ios_line_is(l, i, "community") && tw__ios_line_is(l, 0, "snmp-server"))) {
        tw__ios_mask_token(l, m, secret_after(l, i));
    } else if (tw__ios_line_is(l, i, "key")) {
        size_t at = key_secret(l, i);
        if (at > 0)
            tw__ios_mask_token(l, m, at);
        else if (tw__ios_line_is(l, i + 1,
                                 "config-key")) /* key config-key password-encryption NEW OLD */
            tw__ios_mask_rest(l, m, i + 3);
    } else if (tw__ios_line_is(l, i, "authentication-key")) {
        tw__ios_mask_token(
            l, m, secret_after(l, tw__ios_line_is(l, 0, "ntp") ? i + 2 : i)); /* ntp: N ALG [T] K */
    } else if (tw__ios_line_is(l, i, "message-digest-key")) {
        tw__ios_mask_token(l, m, secret_after(l, i + 2));
    } else if (t.len > 9 && tw_str_ieq_c(tw_str_make(t.ptr + t.len - 9, 9), "-password")) {
        tw__ios_mask_token(l, m, secret_after(l, i)); /* ldap-login-password, ... */
    }
}

/* Marks the secrets of the statement l in m; true when there is one. */
static bool find_secrets(const ios_line *l, ios_mask *m)
{
    memset(m, 0, sizeof(*m));
    m->rest = l->ntok;
    for (size_t i = 0; i < l->ntok; i++)
        mask_keyword(l, m, i);
    if (tw__ios_line_is(l, 0, "passwd"))
        tw__ios_mask_token(l, m, 1);
    if (tw__ios_line_is(l, 0, "snmp-server") && tw__ios_line_is(l, 1, "user"))
        mask_snmp_user(l, m);
    /* the PIX / ASA 7 form: aaa-server G (IF) host A KEY [timeout T] */
    if (tw__ios_line_is(l, 0, "aaa-server") && tw__ios_line_is(l, 3, "host") && l->ntok > 5 &&
        !tw__ios_line_is(l, 5, "key") && !tw__ios_line_is(l, 5, "timeout"))
        tw__ios_mask_token(l, m, 5);
    return m->any;
}

/* Well-known ASA hashes: "2KFQnbNIdI.2KYOU" is the password "cisco",
 * "8Ry2YjIyt7RRXU24" the empty one (the enable password of a new ASA). */
static bool default_hash(tw_str s)
{
    return tw_str_eq_c(s, "2KFQnbNIdI.2KYOU") || tw_str_eq_c(s, "8Ry2YjIyt7RRXU24");
}

/* Judges the statement's first secret while it is still there: an SNMP
 * community by the community rules (and fingerprinted); a password by
 * its value when stored in plain text, or as weak when it is a
 * well-known hash; a masked "*****" (show running-config) not at all. */
static void judge(asa_parser *p, const ios_mask *m)
{
    ios_parser *ip = &p->ip;

    for (size_t i = 0; i < ip->ntok && i < IOS_MAXTOK; i++) {
        tw_str s = ip->tok[i];

        if (!(m->bits[i / 64] >> (i % 64) & 1) && i < m->rest)
            continue;
        if (tw_str_eq_c(s, "*****"))
            return;
        if (IS(0, "snmp-server") && IS(1, "community") && i >= 2) {
            p->strength = tw__community_strength(s);
            tw__community_fingerprint(ip->fs->fp_key, s, p->community_fp);
        } else if (default_hash(s)) {
            p->strength = "weak";
        } else if (tw__asa_hash_type(p, i + 1) == 0 &&
                   !(i > 0 && ip->tok[i - 1].len == 1 && IS(i - 1, "8"))) {
            p->strength = tw__ios_secret_strength(TW_STR_NULL, s);
        }
        return;
    }
}

/* Replaces the secrets of the statement before any handler sees it. */
static void redact(asa_parser *p)
{
    ios_parser *ip = &p->ip;
    ios_line l = {.tok = ip->tok, .ntok = ip->ntok, .block = IOS_BLK_NONE, .command = false};
    ios_mask m;

    p->strength = NULL;
    p->community_fp[0] = '\0';
    if (!find_secrets(&l, &m))
        return;
    judge(p, &m);
    tw__ios_apply_mask(ip, &l, &m);
}

/* ---- blocks ----------------------------------------------------------- */

size_t tw__asa_last(const asa_parser *p)
{
    return p->ip.rc == TW_OK ? p->ip.fs->n : 0;
}

void tw__asa_open(asa_parser *p, asa_blk_kind kind, ios_blk_kind ios_kind, tw_fact_kind fact,
                  tw_str name)
{
    p->kind = kind;
    p->blk_name = name;
    tw__ios_block_open(&p->ip, ios_kind, fact, name);
}

static void block_close(asa_parser *p)
{
    asa_blk_kind kind = p->kind;

    p->kind = ASA_BLK_NONE;
    if (kind == ASA_BLK_INTERFACE)
        tw__asa_interface_close(p);
    else
        tw__ios_block_close(&p->ip);
    p->blk_obj = 0;
}

static void pop_to(asa_parser *p, int indent)
{
    if (tw__ios_pop(&p->ip, indent) && p->kind != ASA_BLK_NONE)
        block_close(p);
}

static void block_line(asa_parser *p, bool neg, size_t t)
{
    if (t >= p->ip.ntok || p->ip.depth != 1)
        return;
    switch (p->kind) {
    case ASA_BLK_INTERFACE:
        tw__asa_interface_line(p, neg, t);
        break;
    case ASA_BLK_AAASRV:
        if (!neg)
            tw__asa_aaasrv_line(p, t);
        break;
    case ASA_BLK_OBJECT:
        if (!neg)
            tw__asa_object_line(p, t);
        break;
    case ASA_BLK_CRYPTO:
        if (!neg)
            tw__asa_crypto_line(p, t);
        break;
    case ASA_BLK_TUNNEL:
        if (!neg)
            tw__asa_tunnel_line(p, t);
        break;
    default:
        break;
    }
}

/* ---- the line walk ---------------------------------------------------- */

/* "ASA Version 9.8(4) [<context>]" (or "PIX Version"): the version fact. */
static void version(asa_parser *p)
{
    ios_parser *ip = &p->ip;

    ip->ctx = TW_STR_NULL;
    tw__ios_begin(ip, TW_FACT_VERSION);
    tw_factset_str(ip->fs, "version", TOK(2));
    tw__ios_end(ip);
}

static bool is_noise(const asa_parser *p, tw_str s, int indent)
{
    if (indent != 0)
        return false;
    return (p->ip.ntok == 1 && IS(0, "end")) || tw__cisco_prompt(p->ip.tok, p->ip.ntok) ||
           tw_str_starts_with(s, TW_STR("Cryptochecksum:")) || IS(0, "show") ||
           tw_str_starts_with(s, TW_STR("Building configuration")) ||
           tw_str_starts_with(s, TW_STR("Current configuration"));
}

static void statement(asa_parser *p, int indent)
{
    ios_parser *ip = &p->ip;
    bool neg = IS(0, "no");
    size_t t = neg ? 1 : 0;

    if (ip->ntok == 1 && IS(0, "exit"))
        return;
    ip->ctx = ip->nstack > 0 ? ip->stack[0].text : TW_STR_NULL;
    redact(p);
    if (ip->depth == 0 && !IS(t, "banner"))
        p->banner = TW_STR_NULL;
    if (ip->depth == 0 && t < ip->ntok) {
        if (!tw__asa_top_acl(p, neg, t))
            (void)tw__asa_top(p, neg, t);
    } else if (p->kind != ASA_BLK_NONE) {
        block_line(p, neg, t);
    }
    if (ip->rc == TW_OK)
        tw__ios_sweep(ip, true, NULL);
    if (ip->depth == 0 && p->kind == ASA_BLK_NONE)
        tw__asa_open(p, ASA_BLK_OTHER, IOS_BLK_OTHER, TW_FACT_HOSTNAME, TW_STR_NULL);
    tw__ios_push(ip, indent);
}

static void one_line(asa_parser *p, tw_str raw, bool nul)
{
    ios_parser *ip = &p->ip;
    tw_str s;
    int indent;

    s = tw__cisco_line(ip->fs->arena, raw, nul, &indent);
    if (s.len == 0)
        return;
    if (p->cert) {
        p->cert = !(s.len == 4 && tw_str_ieq(s, TW_STR("quit")));
        return;
    }
    if (s.ptr[0] == '!' || s.ptr[0] == ':') {
        pop_to(p, indent);
        return;
    }
    ip->ev = s;
    tw__ios_tokenize(ip, s);
    if (is_noise(p, s, indent)) {
        pop_to(p, 0);
        return;
    }
    pop_to(p, indent);
    if (indent == 0 && (IS(0, "asa") || IS(0, "pix")) && IS(1, "version") && ip->ntok > 2) {
        version(p);
        return;
    }
    if (IS(0, "certificate") && ip->depth > 0) {
        p->cert = true;
        return;
    }
    statement(p, indent);
}

static void walk(asa_parser *p, const char *data, size_t len)
{
    cisco_lines it;
    tw_str raw;

    tw__cisco_lines_init(&it, data, len);
    while (p->ip.rc == TW_OK && tw__cisco_lines_next(&it, &raw)) {
        p->ip.lineno++;
        if (raw.len > TW_LIMIT_LINE_LEN) {
            tw__ios_warn(&p->ip, "line longer than %zu bytes skipped", (size_t)TW_LIMIT_LINE_LEN);
            continue;
        }
        one_line(p, raw, it.nul);
    }
    pop_to(p, 0);
}

/* Without "logging enable" an ASA sends no syslog at all: an implied
 * {setting: on, enabled: false}. */
static void finish(asa_parser *p)
{
    ios_parser *ip = &p->ip;

    if (ip->rc == TW_OK)
        tw__asa_bind_finish(p);
    if (ip->rc != TW_OK || p->logging_enable)
        return;
    tw_factset_begin(ip->fs, TW_FACT_LOGGING, 0, TW_STR_NULL, TW_STR_NULL);
    tw_factset_str(ip->fs, "setting", TW_STR("on"));
    tw_factset_bool(ip->fs, "enabled", false);
    tw_factset_bool(ip->fs, "implied", true);
    ip->lineno = 0;
    tw__ios_end(ip);
}

/* Parses a Cisco ASA configuration into fs (see config.h). */
tw_err tw_parse_asa(const char *file, const char *data, size_t len, tw_factset *fs, tw_diags *diags)
{
    asa_parser *p = tw_arena_zalloc(fs->arena, sizeof(*p));
    tw_err rc = TW_OK;

    if (p == NULL) {
        rc = TW_ENOMEM;
        goto out;
    }
    fs->dialect = TW_DIALECT_ASA;
    rc = tw__cisco_check_size(diags, file, len);
    if (rc != TW_OK)
        goto out;
    p->ip.file = file;
    p->ip.fs = fs;
    p->ip.diags = diags;
    walk(p, data != NULL ? data : "", data != NULL ? len : 0);
    finish(p);
    rc = p->ip.rc;
out:
    return rc;
}
