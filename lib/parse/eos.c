/*
 * eos.c: the Arista EOS configuration parser: the line walk.
 *
 * One pass over the text.  Each line is classified: text of a banner, a
 * "comment" or a multi-line "action bash" (all three end with a line
 * "EOF"), a comment ("!", where the "! device: NAME (MODEL, EOS-4.28.3M)"
 * header of show running-config gives the version fact), noise (a CLI
 * prompt, "end"), or a statement.  A statement is tokenized, its secrets
 * are replaced by "<redacted>" by EOS rules before any handler sees it,
 * then it is dispatched (eos_stmt.c at top level, eos_block.c inside a
 * block), and every IPv4/IPv6 literal on it becomes an address fact.
 * Blocks are built from indentation as in the IOS parser, whose core
 * (ios_int.h) holds the tokens and emits the facts.
 */
#include <string.h>

#include "eos_int.h"

#define IS(i, w) EOS_IS(p, (i), (w))
#define TOK(i) EOS_TOK(p, (i))

/* ---- secrets ---------------------------------------------------------- */

int tw__eos_secret_type(tw_str tok)
{
    if (tok.len == 1 && tok.ptr[0] >= '0' && tok.ptr[0] <= '9')
        return tok.ptr[0] - '0';
    if (tw_str_ieq_c(tok, "8a") || tw_str_ieq_c(tok, "8b"))
        return 6;
    if (tw_str_ieq_c(tok, "sha512"))
        return 10;
    return -1;
}

void tw__eos_secret(eos_parser *p, const char *owner, tw_str owner_arg, const char *form, size_t at)
{
    int type = at >= 1 ? tw__eos_secret_type(TOK(at - 1)) : -1;

    if (at >= p->ip.ntok || !IS(at, "<redacted>"))
        return;
    if (owner_arg.len > 0) {
        char buf[256];
        size_t n = strlen(owner), k = owner_arg.len > 200 ? 200 : owner_arg.len;
        memcpy(buf, owner, n);
        if (n > 0)
            buf[n++] = ' ';
        memcpy(buf + n, owner_arg.ptr, k);
        tw__ios_begin(&p->ip, TW_FACT_SECRET);
        tw_factset_str(p->ip.fs, "owner", tw_str_make(buf, n + k));
    } else {
        tw__ios_begin(&p->ip, TW_FACT_SECRET);
        tw_factset_str(p->ip.fs, "owner", tw_str_c(owner));
    }
    tw_factset_str(p->ip.fs, "form", tw_str_c(form));
    tw_factset_num(p->ip.fs, "type", type < 0 ? 0 : type);
    tw__ios_end(&p->ip);
}

/* "[T] S" after a secret keyword at i: the index of S. */
static size_t secret_after(const ios_line *l, size_t i)
{
    size_t j = i + 1;

    if (j + 1 < l->ntok && tw__eos_secret_type(l->tok[j]) >= 0)
        j++;
    return j;
}

/* True when "key" at i names something other than a secret. */
static bool key_not_secret(const ios_line *l, size_t i)
{
    return tw__ios_line_is(l, 0, "ntp") ||
           (i > 0 &&
            (tw__ios_line_is(l, i - 1, "tunnel") || tw__ios_line_is(l, i - 1, "crypto"))) ||
           tw__ios_line_is(l, i + 1, "chain") || tw__ios_line_is(l, i + 1, "generate") ||
           tw__ios_line_is(l, i + 1, "size") ||
           tw__ios_line_is(l, i + 1,
                           "field"); /* TCAM profiles: "key size limit N", "key field ..." */
}

/* Index of the community in "snmp-server host A [vrf V] [informs|traps]
 * [version V [auth|noauth|priv]] S". */
static size_t snmp_host_community(const ios_line *l)
{
    size_t i = 3;

    if (tw__ios_line_is(l, i, "vrf"))
        i += 2;
    if (tw__ios_line_is(l, i, "informs") || tw__ios_line_is(l, i, "traps"))
        i++;
    if (tw__ios_line_is(l, i, "version")) {
        i += 2;
        if (tw__ios_line_is(l, i, "auth") || tw__ios_line_is(l, i, "noauth") ||
            tw__ios_line_is(l, i, "priv"))
            i++;
    }
    return i;
}

static void mask_snmp(const ios_line *l, ios_mask *m)
{
    if (tw__ios_line_is(l, 1, "community"))
        tw__ios_mask_token(l, m, 2);
    else if (tw__ios_line_is(l, 1, "host"))
        tw__ios_mask_token(l, m, snmp_host_community(l));
    else if (tw__ios_line_is(l, 1, "user")) {
        for (size_t i = 4; i < l->ntok; i++) {
            if (tw__ios_line_is(l, i, "auth") || tw__ios_line_is(l, i, "priv"))
                tw__ios_mask_token(l, m, i + 2);
        }
    }
}

/* A token such as "-cvauth=key,SECRET" or "password=SECRET" (TerminAttr
 * and other daemon command lines). */
static bool inline_secret(tw_str t)
{
    return tw_str_find(t, TW_STR("auth=key,")) >= 0 || tw_str_find(t, TW_STR("password=")) >= 0 ||
           tw_str_find(t, TW_STR("passwd=")) >= 0 || tw_str_find(t, TW_STR("token=")) >= 0;
}

/* "password minimum length N", "password policy P", "password
 * encryption-key common", "password encryption reversible A" (management
 * security), and a BGP neighbour's "password shared-secret profile P
 * algorithm A" (TCP-AO keys kept in the profile): settings, not secrets. */
static bool password_setting(const ios_line *l, size_t i)
{
    return (i == 0 &&
            (tw__ios_line_is(l, 1, "minimum") || tw__ios_line_is(l, 1, "policy") ||
             tw__ios_line_is(l, 1, "encryption-key") || tw__ios_line_is(l, 1, "encryption"))) ||
           (tw__ios_line_is(l, i + 1, "shared-secret") && tw__ios_line_is(l, i + 2, "profile"));
}

static void mask_keyword(const ios_line *l, ios_mask *m, size_t i, bool aaa_host)
{
    tw_str t = l->tok[i];

    /* "session shared-secret profile P" names the block of the secrets;
     * "secret hash sha512" (management defaults) is the hash to use */
    if ((tw__ios_line_is(l, i, "password") && password_setting(l, i)) ||
        (tw__ios_line_is(l, i, "shared-secret") && tw__ios_line_is(l, i + 1, "profile")) ||
        (tw__ios_line_is(l, i, "secret") && tw__ios_line_is(l, i + 1, "hash")))
        return;
    if (i == 0 && (tw__ios_line_is(l, 0, "secret") || tw__ios_line_is(l, 0, "key")) &&
        l->ntok > 3 && tw__eos_secret_type(l->tok[2]) >= 0)
        tw__ios_mask_token(l, m,
                           3); /* "secret|key NAME T S": shared-secret profiles, MACsec keys */
    else if (tw__ios_line_is(l, i, "secret") || tw__ios_line_is(l, i, "password") ||
             tw__ios_line_is(l, i, "key-string") || tw__ios_line_is(l, i, "shared-secret") ||
             tw__ios_line_is(l, i, "shared-key") || tw__ios_line_is(l, i, "pre-shared-key") ||
             tw__ios_line_is(l, i, "passphrase") ||
             (t.len > 9 && tw_str_ieq_c(tw_str_make(t.ptr + t.len - 9, 9), "-password")))
        tw__ios_mask_token(l, m, secret_after(l, i));
    else if (tw__ios_line_is(l, i, "key") && aaa_host)
        tw__ios_mask_rest(l, m, secret_after(l, i));
    else if (tw__ios_line_is(l, i, "key") && !key_not_secret(l, i))
        tw__ios_mask_token(l, m, secret_after(l, i));
    else if (tw__ios_line_is(l, i, "authentication-key"))
        tw__ios_mask_token(
            l, m, tw__ios_line_is(l, 0, "ntp") ? secret_after(l, i + 2) : secret_after(l, i));
    else if (tw__ios_line_is(l, i, "message-digest-key"))
        tw__ios_mask_token(l, m, secret_after(l, i + 2));
    else if (tw__ios_line_is(l, i, "text") && i > 0 && tw__ios_line_is(l, i - 1, "authentication"))
        tw__ios_mask_token(l, m, i + 1);
    else if (inline_secret(t))
        tw__ios_mask_token(l, m, i);
}

/* Marks the secrets of the statement l in m; true when there is one. */
static bool find_secrets(const ios_line *l, ios_mask *m)
{
    bool aaa_host =
        tw__ios_line_is(l, 0, "tacacs-server") || tw__ios_line_is(l, 0, "radius-server");

    memset(m, 0, sizeof(*m));
    m->rest = l->ntok;
    for (size_t i = 0; i < l->ntok; i++)
        mask_keyword(l, m, i, aaa_host);
    if (tw__ios_line_is(l, 0, "snmp-server"))
        mask_snmp(l, m);
    return m->any;
}

/* Replaces the secrets of the statement before any handler sees it, and
 * tokenizes it again.  An SNMP community is judged first, while it is
 * still there; only the verdict is kept. */
static void redact(eos_parser *p)
{
    ios_parser *ip = &p->ip;
    ios_line l = {.tok = ip->tok, .ntok = ip->ntok, .block = IOS_BLK_NONE, .command = false};
    ios_mask m;

    p->community = NULL;
    p->community_fp[0] = '\0';
    if (!find_secrets(&l, &m))
        return;
    if (tw__ios_line_is(&l, 0, "snmp-server") && tw__ios_line_is(&l, 1, "community") &&
        l.ntok > 2) {
        p->community = tw__community_strength(l.tok[2]);
        tw__community_fingerprint(ip->fs->fp_key, l.tok[2], p->community_fp);
    }
    tw__ios_apply_mask(ip, &l, &m);
}

/* ---- blocks and the stack ----------------------------------------------- */

void tw__eos_open(eos_parser *p, eos_blk_kind kind, ios_blk_kind ios_kind, tw_fact_kind fact,
                  tw_str name)
{
    p->kind = kind;
    tw__ios_block_open(&p->ip, ios_kind, fact, name);
}

static void pop_to(eos_parser *p, int indent)
{
    if (tw__ios_pop(&p->ip, indent) && p->kind != EOS_BLK_NONE)
        tw__eos_block_close(p);
}

/* ---- the line walk ---------------------------------------------------- */

/* "! device: NAME (MODEL, EOS-4.28.3M)": the version fact. */
static void header(eos_parser *p, tw_str s)
{
    ptrdiff_t at = tw_str_find(s, TW_STR("EOS-"));
    size_t b, e;

    if (!tw_str_starts_with(s, TW_STR("! device:")) || at < 0)
        return;
    b = (size_t)at + 4;
    for (e = b; e < s.len && s.ptr[e] != ')' && s.ptr[e] != ',' && s.ptr[e] != ' '; e++)
        ;
    if (e == b)
        return;
    p->ip.ev = s;
    p->ip.ctx = TW_STR_NULL;
    tw__ios_begin(&p->ip, TW_FACT_VERSION);
    tw_factset_str(p->ip.fs, "version", tw_str_make(s.ptr + b, e - b));
    tw__ios_end(&p->ip);
}

static bool is_noise(const eos_parser *p, tw_str s, int indent)
{
    if (indent != 0)
        return false;
    return (p->ip.ntok == 1 && IS(0, "end")) || tw__cisco_prompt(p->ip.tok, p->ip.ntok) ||
           tw_str_starts_with(s, TW_STR("Pagination disabled"));
}

/* A line of multi-line text; "EOF" ends it. */
static void text_line(eos_parser *p, tw_str s)
{
    if (s.len == 3 && memcmp(s.ptr, "EOF", 3) == 0) {
        p->text = EOS_TEXT_NONE;
        return;
    }
    if (p->text != EOS_TEXT_BASH || s.len == 0)
        return;
    p->ip.ev = s;
    tw__ios_tokenize(&p->ip, s);
    redact(p);
    tw__eos_bash_line(p);
    if (p->ip.rc == TW_OK)
        tw__ios_sweep(&p->ip, false, NULL);
}

static void statement(eos_parser *p, int indent)
{
    ios_parser *ip = &p->ip;
    bool neg = IS(0, "no");
    size_t t = neg ? 1 : 0;

    if (ip->ntok == 1 && (IS(0, "exit") || IS(0, "comment"))) {
        p->text = IS(0, "comment") ? EOS_TEXT_COMMENT : EOS_TEXT_NONE;
        return;
    }
    ip->ctx = ip->nstack > 0 ? ip->stack[0].text : TW_STR_NULL;
    redact(p);
    if (ip->depth == 0)
        tw__eos_top(p, neg, t);
    else if (p->kind != EOS_BLK_NONE)
        tw__eos_block_line(p, neg, t);
    if (ip->rc == TW_OK)
        tw__ios_sweep(ip, false, NULL);
    if (ip->depth == 0 && p->kind == EOS_BLK_NONE)
        tw__eos_open(p, EOS_BLK_OTHER, IOS_BLK_OTHER, TW_FACT_HOSTNAME, TW_STR_NULL);
    tw__ios_push(ip, indent);
}

static void one_line(eos_parser *p, tw_str raw, bool nul)
{
    ios_parser *ip = &p->ip;
    tw_str s;
    int indent;

    s = tw__cisco_line(ip->fs->arena, raw, nul, &indent);
    if (p->text != EOS_TEXT_NONE) {
        text_line(p, s);
        return;
    }
    if (s.len == 0)
        return;
    if (s.ptr[0] == '!') {
        header(p, s);
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
    statement(p, indent);
}

static void walk(eos_parser *p, const char *data, size_t len)
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

/* Parses an Arista EOS configuration into fs (see config.h). */
tw_err tw_parse_eos(const char *file, const char *data, size_t len, tw_factset *fs, tw_diags *diags)
{
    eos_parser *p = tw_arena_zalloc(fs->arena, sizeof(*p));
    tw_err rc = TW_OK;

    if (p == NULL) {
        rc = TW_ENOMEM;
        goto out;
    }
    fs->dialect = TW_DIALECT_EOS;
    rc = tw__cisco_check_size(diags, file, len);
    if (rc != TW_OK)
        goto out;
    p->ip.file = file;
    p->ip.fs = fs;
    p->ip.diags = diags;
    walk(p, data != NULL ? data : "", data != NULL ? len : 0);
    tw__eos_finish(p);
    rc = p->ip.rc;
out:
    return rc;
}
