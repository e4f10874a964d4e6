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

static bool lis(const ios_line *l, size_t i, const char *w)
{
    return tw__ios_tok_is(l->tok, l->ntok, i, w);
}

static void mark(const ios_line *l, ios_mask *m, size_t i)
{
    if (i >= l->ntok)
        return;
    m->bits[i / 64] |= (uint64_t)1 << (i % 64);
    m->any = true;
}

/* The tokens from i on are one secret (a TACACS+ or RADIUS key). */
static void mark_rest(const ios_line *l, ios_mask *m, size_t i)
{
    if (i < l->ntok && i < m->rest) {
        m->rest = i;
        m->any = true;
    }
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
    return lis(l, 0, "ntp") || (i > 0 && (lis(l, i - 1, "tunnel") || lis(l, i - 1, "crypto"))) ||
           lis(l, i + 1, "chain") || lis(l, i + 1, "generate");
}

/* Index of the community in "snmp-server host A [vrf V] [informs|traps]
 * [version V [auth|noauth|priv]] S". */
static size_t snmp_host_community(const ios_line *l)
{
    size_t i = 3;

    if (lis(l, i, "vrf"))
        i += 2;
    if (lis(l, i, "informs") || lis(l, i, "traps"))
        i++;
    if (lis(l, i, "version")) {
        i += 2;
        if (lis(l, i, "auth") || lis(l, i, "noauth") || lis(l, i, "priv"))
            i++;
    }
    return i;
}

static void mask_snmp(const ios_line *l, ios_mask *m)
{
    if (lis(l, 1, "community"))
        mark(l, m, 2);
    else if (lis(l, 1, "host"))
        mark(l, m, snmp_host_community(l));
    else if (lis(l, 1, "user")) {
        for (size_t i = 4; i < l->ntok; i++) {
            if (lis(l, i, "auth") || lis(l, i, "priv"))
                mark(l, m, i + 2);
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

static void mask_keyword(const ios_line *l, ios_mask *m, size_t i, bool aaa_host)
{
    tw_str t = l->tok[i];

    if (lis(l, i, "secret") || lis(l, i, "password") || lis(l, i, "key-string") ||
        lis(l, i, "shared-secret") || lis(l, i, "pre-shared-key") || lis(l, i, "passphrase") ||
        (t.len > 9 && tw_str_ieq_c(tw_str_make(t.ptr + t.len - 9, 9), "-password")))
        mark(l, m, secret_after(l, i));
    else if (lis(l, i, "key") && aaa_host)
        mark_rest(l, m, secret_after(l, i));
    else if (lis(l, i, "key") && !key_not_secret(l, i))
        mark(l, m, secret_after(l, i));
    else if (lis(l, i, "authentication-key"))
        mark(l, m, lis(l, 0, "ntp") ? secret_after(l, i + 2) : secret_after(l, i));
    else if (lis(l, i, "message-digest-key"))
        mark(l, m, secret_after(l, i + 2));
    else if (lis(l, i, "text") && i > 0 && lis(l, i - 1, "authentication"))
        mark(l, m, i + 1);
    else if (inline_secret(t))
        mark(l, m, i);
}

/* Marks the secrets of the statement l in m; true when there is one. */
static bool find_secrets(const ios_line *l, ios_mask *m)
{
    bool aaa_host = lis(l, 0, "tacacs-server") || lis(l, 0, "radius-server");

    memset(m, 0, sizeof(*m));
    m->rest = l->ntok;
    for (size_t i = 0; i < l->ntok; i++)
        mask_keyword(l, m, i, aaa_host);
    if (lis(l, 0, "snmp-server"))
        mask_snmp(l, m);
    return m->any;
}

/* Replaces the secrets of the statement before any handler sees it, and
 * tokenizes it again. */
static void redact(eos_parser *p)
{
    ios_parser *ip = &p->ip;
    ios_line l = {.tok = ip->tok, .ntok = ip->ntok, .block = IOS_BLK_NONE, .command = false};
    ios_mask m;
    char *d;

    if (!find_secrets(&l, &m))
        return;
    d = tw_arena_alloc(ip->fs->arena, tw__ios_redact_cap(&l, ip->ev.len));
    if (d == NULL)
        ip->ev = TW_STR(TW__IOS_REDACTED);
    else
        ip->ev = tw_str_make(d, tw__ios_redact_write(&l, &m, ip->ev, 0, d));
    ip->ntok = tw__ios_split(ip->ev, ip->tok);
    ip->nmemo = 0;
}

/* ---- address sweep ---------------------------------------------------- */

/* True when c is a contiguous IPv4 netmask or wildcard. */
static bool is_mask(const tw_cidr *c)
{
    uint32_t v, inv;

    if (c->addr.family != 4 || c->plen != 32)
        return false;
    v = (uint32_t)c->addr.bytes[0] << 24 | (uint32_t)c->addr.bytes[1] << 16 |
        (uint32_t)c->addr.bytes[2] << 8 | c->addr.bytes[3];
    inv = ~v;
    return (inv & (inv + 1)) == 0 || (v & (v + 1)) == 0;
}

/* Makes an address fact of every address literal of the statement (a
 * mask right after an address is none). */
static void sweep(eos_parser *p)
{
    ios_parser *ip = &p->ip;
    bool prev_v4 = false;
    tw_cidr c;

    if (memchr(ip->ev.ptr, '.', ip->ev.len) == NULL && memchr(ip->ev.ptr, ':', ip->ev.len) == NULL)
        return;
    for (size_t i = 0; i < ip->ntok && ip->rc == TW_OK; i++) {
        bool mask;
        if (!tw__ios_addr(ip, ip->tok[i], &c)) {
            prev_v4 = false;
            continue;
        }
        mask = prev_v4 && is_mask(&c);
        prev_v4 = c.addr.family == 4 && c.plen == 32 && !mask;
        if (mask)
            continue;
        tw__ios_begin(ip, TW_FACT_ADDRESS);
        tw_factset_addr_text(ip->fs, "value", &c, ip->tok[i]);
        tw_factset_str(ip->fs, "statement", tw__ios_span(ip, 0, 1));
        tw__ios_end(ip);
    }
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
    ios_parser *ip = &p->ip;

    while (ip->nstack > 0 && ip->stack[ip->nstack - 1].indent >= indent)
        ip->nstack--;
    ip->depth = ip->nstack;
    if (ip->nstack == 0 && p->kind != EOS_BLK_NONE)
        tw__eos_block_close(p);
}

static void push(eos_parser *p, int indent)
{
    ios_parser *ip = &p->ip;
    ios_frame *f;

    if (ip->nstack == TW_LIMIT_DEPTH)
        return;
    f = &ip->stack[ip->nstack++];
    f->indent = indent;
    f->line = ip->lineno;
    f->text = ip->ev;
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
    return (p->ip.ntok == 1 && IS(0, "end")) ||
           (p->ip.ntok >= 2 && memchr(TOK(0).ptr, '#', TOK(0).len) != NULL &&
            tw_str_istarts_with(TOK(1), TW_STR("sh"))) ||
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
    p->ip.ntok = tw__ios_split(s, p->ip.tok);
    p->ip.nmemo = 0;
    redact(p);
    tw__eos_bash_line(p);
    if (p->ip.rc == TW_OK)
        sweep(p);
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
        sweep(p);
    if (ip->depth == 0 && p->kind == EOS_BLK_NONE)
        tw__eos_open(p, EOS_BLK_OTHER, IOS_BLK_OTHER, TW_FACT_HOSTNAME, TW_STR_NULL);
    push(p, indent);
}

/* A copy of the line without NUL bytes, in the arena. */
static tw_str strip_nul(eos_parser *p, tw_str s)
{
    char *d = tw_arena_alloc(p->ip.fs->arena, s.len + 1);
    size_t n = 0;

    if (d == NULL)
        return TW_STR_NULL;
    for (size_t i = 0; i < s.len; i++) {
        if (s.ptr[i] != '\0')
            d[n++] = s.ptr[i];
    }
    d[n] = '\0';
    return tw_str_make(d, n);
}

static int indent_of(tw_str s)
{
    int n = 0;

    while ((size_t)n < s.len && (s.ptr[n] == ' ' || s.ptr[n] == '\t') && n < 10000)
        n++;
    return n;
}

static void one_line(eos_parser *p, tw_str raw)
{
    ios_parser *ip = &p->ip;
    tw_str s;
    int indent;

    if (memchr(raw.ptr, '\0', raw.len) != NULL)
        raw = strip_nul(p, raw);
    indent = indent_of(raw);
    s = tw_str_trim(raw);
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
    ip->ntok = tw__ios_split(s, ip->tok);
    ip->nmemo = 0;
    if (is_noise(p, s, indent)) {
        pop_to(p, 0);
        return;
    }
    pop_to(p, indent);
    statement(p, indent);
}

static void walk(eos_parser *p, const char *data, size_t len)
{
    size_t pos = 0;

    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    while (pos < len && p->ip.rc == TW_OK) {
        const char *nl = memchr(data + pos, '\n', len - pos);
        size_t end = nl != NULL ? (size_t)(nl - data) : len;
        tw_str raw = tw_str_make(data + pos, end - pos);

        p->ip.lineno++;
        pos = nl != NULL ? end + 1 : len;
        if (raw.len > TW_LIMIT_LINE_LEN) {
            tw__ios_warn(&p->ip, "line longer than %zu bytes skipped", (size_t)TW_LIMIT_LINE_LEN);
            continue;
        }
        one_line(p, raw);
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
    if (len > TW_LIMIT_FILE_SIZE) {
        rc = TW_ELIMIT;
        (void)tw_diags_add(diags, TW_DIAG_ERROR, rc, file, 0, 0, NULL, "file larger than %zu bytes",
                           (size_t)TW_LIMIT_FILE_SIZE);
        goto out;
    }
    p->ip.file = file;
    p->ip.fs = fs;
    p->ip.diags = diags;
    walk(p, data != NULL ? data : "", data != NULL ? len : 0);
    rc = p->ip.rc;
out:
    return rc;
}
