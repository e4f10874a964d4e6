/*
 * ios.c: the Cisco IOS / IOS XE configuration parser: the line walk.
 *
 * One pass over the text with memchr.  Each line is classified (banner
 * text, certificate hex, comment, header noise, statement); a statement is
 * tokenized once, its secrets are replaced by "<redacted>" (ios_redact.c)
 * before any handler sees it (so no secret can reach a field or evidence),
 * then it is dispatched on its first token, and finally every IPv4/IPv6
 * literal on it becomes an address fact.  Blocks are built from
 * indentation: a line pops every open header indented as deep or deeper,
 * and "!" or "exit" lines only pop.  Facts gathered in a block are
 * emitted when it closes (ios_block.c); top-level statements are handled
 * in ios_stmt.c.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "ios_int.h"
#include "tidewatch/siphash.h"

/* ---- token helpers ---------------------------------------------------- */

tw_str tw__ios_tok(const ios_parser *p, size_t i)
{
    return i < p->ntok ? p->tok[i] : TW_STR_NULL;
}

bool tw__ios_digits(tw_str s)
{
    return tw__cisco_digits(s);
}

tw_str tw__ios_rest(const ios_parser *p, size_t i)
{
    return tw__cisco_rest(p->tok, p->ntok, i);
}

tw_str tw__ios_span(const ios_parser *p, size_t i, size_t j)
{
    return tw__cisco_span(p->tok, p->ntok, i, j);
}

tw_str tw__ios_lower(ios_parser *p, tw_str s)
{
    return tw__cisco_lower(p->fs->arena, s);
}

/* Character classes of the line walk: CH_SPACE is white space as
 * tw_str_token sees it (space, tab, LF, VT, FF, CR); CH_ADDR a character of
 * an address token (hex digits and '/'); CH_SEP '.' and ':'. */
enum { CH_SPACE = 1, CH_ADDR = 2, CH_SEP = 4 };

#define HEX_CLASS(c) [c] = CH_ADDR
static const unsigned char ch_class[256] = {
    [' '] = CH_SPACE,  ['\t'] = CH_SPACE, ['\n'] = CH_SPACE, ['\v'] = CH_SPACE, ['\f'] = CH_SPACE,
    ['\r'] = CH_SPACE, ['.'] = CH_SEP,    [':'] = CH_SEP,    ['/'] = CH_ADDR,   HEX_CLASS('0'),
    HEX_CLASS('1'),    HEX_CLASS('2'),    HEX_CLASS('3'),    HEX_CLASS('4'),    HEX_CLASS('5'),
    HEX_CLASS('6'),    HEX_CLASS('7'),    HEX_CLASS('8'),    HEX_CLASS('9'),    HEX_CLASS('a'),
    HEX_CLASS('b'),    HEX_CLASS('c'),    HEX_CLASS('d'),    HEX_CLASS('e'),    HEX_CLASS('f'),
    HEX_CLASS('A'),    HEX_CLASS('B'),    HEX_CLASS('C'),    HEX_CLASS('D'),    HEX_CLASS('E'),
    HEX_CLASS('F'),
};
#undef HEX_CLASS

static inline unsigned char cls(char c)
{
    return ch_class[(unsigned char)c];
}

/* True when a dotted-quad part of digits digits reads v: one to three
 * digits, at most 255, no leading zero (then v is below 10^(digits-1)). */
static inline bool quad_part_ok(unsigned v, unsigned digits)
{
    static const unsigned least[4] = {0, 0, 10, 100};

    return digits - 1 <= 2 && v <= 255 && v >= least[digits & 3];
}

/* Sets *out to the /32 of the IPv4 address w (stores only, so that no
 * load waits on a narrower store). */
static inline void quad_store(tw_cidr *out, uint32_t w)
{
    memset(out, 0, sizeof(*out));
    out->addr.family = 4;
    for (int k = 0; k < 4; k++)
        out->addr.bytes[k] = (uint8_t)(w >> (24 - 8 * k));
    out->plen = 32;
}

/* A token of at most 15 digits and dots in one pass, by tw_cidr_parse's
 * rules for it (inet_pton4: four parts of 0..255, no leading zero): 1 and
 * *out the address when it is a dotted quad, 0 when it is not, -1 when s
 * holds another character or is longer (tw_cidr_parse decides then). */
static int quad(tw_str s, uint32_t *out)
{
    unsigned part = 0, digits = 0, v = 0;
    uint32_t w = 0; /* the parts so far, first one highest */
    bool ok = true;

    if (s.len > 15)
        return -1;
    for (size_t i = 0; i < s.len; i++) {
        unsigned d = (unsigned)(s.ptr[i] - '0');
        if (d <= 9) {
            v = v * 10 + d;
            digits++;
            continue;
        }
        if (s.ptr[i] != '.')
            return -1;
        ok = ok && part < 3 && quad_part_ok(v, digits);
        w = w << 8 | (v & 0xff);
        part++;
        v = 0;
        digits = 0;
    }
    if (!ok || part != 3 || !quad_part_ok(v, digits))
        return 0;
    *out = w << 8 | v;
    return 1;
}

/* The parse behind tw__ios_addr (ios_int.h), which has looked in the memo
 * already. */
bool tw__ios_addr_parse(ios_parser *p, tw_str s, tw_cidr *out)
{
    ios_addr_memo *m;
    uint32_t w = 0;
    int q;

    q = quad(s, &w);
    if (q == 0 || (q < 0 && !tw__cisco_maybe_addr(s)))
        return false;
    m = &p->memo[p->nmemo++ % IOS_MEMO];
    m->ptr = s.ptr;
    m->len = s.len;
    if (q == 1) {
        m->ok = true;
        quad_store(&m->c, w);
        quad_store(out, w);
        return true;
    }
    m->ok = tw_cidr_parse(s, 0, &m->c) == TW_OK;
    if (m->ok)
        *out = m->c;
    return m->ok;
}

void tw__ios_warn(ios_parser *p, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    tw__cisco_vwarn(p->diags, p->file, p->lineno, fmt, ap);
    va_end(ap);
}

/* ---- fact emission ---------------------------------------------------- */

void tw__ios_begin(ios_parser *p, tw_fact_kind kind)
{
    tw_factset_begin(p->fs, kind, p->lineno, p->ev, p->ctx);
}

void tw__ios_end(ios_parser *p)
{
    tw__cisco_end(p->fs, p->diags, p->file, p->lineno, &p->rc);
}

/* A service fact {name, enabled} at the current statement. */
void tw__ios_service(ios_parser *p, const char *name, bool enabled)
{
    tw__ios_begin(p, TW_FACT_SERVICE);
    tw_factset_str(p->fs, "name", tw_str_c(name));
    tw_factset_bool(p->fs, "enabled", enabled);
    tw__ios_end(p);
}

void tw__ios_secret(ios_parser *p, const char *owner, tw_str owner_arg, const char *form,
                    size_t redacted_at)
{
    char buf[256];
    int64_t type = 0;
    int n;

    if (redacted_at >= 1 && redacted_at < p->ntok && p->tok[redacted_at - 1].len == 1 &&
        tw__ios_digits(p->tok[redacted_at - 1]) && !tw__ios_is(p, redacted_at - 2, "level"))
        type = p->tok[redacted_at - 1].ptr[0] - '0';
    else if (redacted_at + 2 == p->ntok && p->tok[redacted_at + 1].len == 1 &&
             tw__ios_digits(p->tok[redacted_at + 1]))
        type = p->tok[redacted_at + 1].ptr[0] - '0'; /* ntp authentication-key N md5 K T */
    if (owner_arg.len > 200)
        owner_arg.len = 200;
    n = snprintf(buf, sizeof(buf), owner_arg.len ? "%s %.*s" : "%s", owner, (int)owner_arg.len,
                 owner_arg.ptr);
    if (n < 0)
        n = 0;
    tw__ios_begin(p, TW_FACT_SECRET);
    tw_factset_str(p->fs, "owner", tw_str_make(buf, (size_t)n < sizeof(buf) ? (size_t)n : 0));
    tw_factset_str(p->fs, "form", tw_str_c(form));
    tw_factset_num(p->fs, "type", type);
    if (p->strength != NULL)
        tw_factset_str(p->fs, "strength", tw_str_c(p->strength));
    tw__ios_end(p);
}

/* The first white-space byte of [c, end), or end.  Eight bytes are passed
 * over at once while none of them is below '!' (white space is). */
static inline const char *word_end(const char *c, const char *end)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;

    while (end - c >= 8) {
        uint64_t x;
        memcpy(&x, c, sizeof(x));
        if (((x - ones * '!') & ~x & highs) != 0)
            break;
        c += 8;
    }
    while (c < end && cls(*c) != CH_SPACE)
        c++;
    return c;
}

#ifdef __SSE2__
/* The white-space bytes of the 16 in x as bits (tw_str_token's white space:
 * ' ' and '\t' to '\r'). */
static inline uint64_t space_bits16(__m128i x)
{
    __m128i t = _mm_sub_epi8(x, _mm_set1_epi8('\t'));
    __m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(t, _mm_set1_epi8('\r' - '\t')), t);
    __m128i sp = _mm_cmpeq_epi8(x, _mm_set1_epi8(' '));

    return (uint64_t)(uint16_t)_mm_movemask_epi8(_mm_or_si128(ctl, sp));
}

/* split for a line of at most 64 bytes: the white space of a padded copy as
 * one 64-bit mask, then one step per token; the '.' and ':' bytes come from
 * the same loads. */
static inline size_t split_short(tw_str s, tw_str *tok, bool *sep)
{
    char buf[64];
    uint64_t sp = 0, word;
    int seps = 0;
    size_t n = 0;

    memset(buf, ' ', sizeof(buf)); /* a constant size: a few stores */
    memcpy(buf, s.ptr, s.len);
    for (int k = 0; k < 4; k++) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(buf + 16 * k));
        sp |= space_bits16(x) << (16 * k);
        seps |= _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('.')),
                                               _mm_cmpeq_epi8(x, _mm_set1_epi8(':'))));
    }
    *sep = seps != 0;
    word = ~sp;
    while (word != 0 && n < IOS_MAXTOK) {
        unsigned b = (unsigned)__builtin_ctzll(word);
        /* e < 64: the line is shorter than 64, so buf[63] is padding */
        unsigned e = b + (unsigned)__builtin_ctzll(sp >> b);
        tok[n++] = tw_str_make(s.ptr + b, e - b);
        word &= ~UINT64_C(0) << e;
    }
    return n;
}
#endif

/* Splits s into at most IOS_MAXTOK tokens (tw_str_token's rules, one pass);
 * *sep tells whether s holds a '.' or a ':' (an address has one). */
static inline size_t split(tw_str s, tw_str *tok, bool *sep)
{
    const char *c = s.ptr, *end = s.ptr + s.len;
    size_t n = 0;

#ifdef __SSE2__
    if (s.len < 64)
        return split_short(s, tok, sep);
#endif
    *sep = memchr(s.ptr, '.', s.len) != NULL || memchr(s.ptr, ':', s.len) != NULL;
    while (n < IOS_MAXTOK) {
        const char *b;
        while (c < end && cls(*c) == CH_SPACE)
            c++;
        if (c == end)
            break;
        b = c;
        c = word_end(c, end);
        tok[n++] = tw_str_make(b, (size_t)(c - b));
    }
    return n;
}

size_t tw__ios_split(tw_str s, tw_str *tok)
{
    bool sep;

    return split(s, tok, &sep);
}

void tw__ios_tokenize(ios_parser *p, tw_str s)
{
    p->ntok = split(s, p->tok, &p->sep);
    p->nmemo = 0;
}

/* ---- redaction -------------------------------------------------------- */

/* Rewrites the line with its secrets replaced and tokenizes it again. */
void tw__ios_apply_mask(ios_parser *p, const ios_line *l, const ios_mask *m)
{
    char *d = tw_arena_alloc(p->fs->arena, tw__ios_redact_cap(l, p->ev.len));

    if (d == NULL)
        p->ev = TW_STR(TW__IOS_REDACTED);
    else
        p->ev = tw_str_make(d, tw__ios_redact_write(l, m, p->ev, 0, d));
    tw__ios_tokenize(p, p->ev);
}

/* Judges the strength of the statement's first secret token while it is
 * still there: the type is the single digit before it, when there is one
 * (plain text otherwise); an SNMP community by the community rules. */
static void judge(ios_parser *p, const ios_mask *m)
{
    for (size_t i = 0; i < p->ntok && i < IOS_MAXTOK; i++) {
        tw_str type = TW_STR_NULL;

        if (!(m->bits[i / 64] >> (i % 64) & 1) && i < m->rest)
            continue;
        if (i > 0 && p->tok[i - 1].len == 1 && tw__ios_digits(p->tok[i - 1]))
            type = p->tok[i - 1];
        if (i != 2 || !tw__ios_is(p, 0, "snmp-server") || !tw__ios_is(p, 1, "community")) {
            p->strength = tw__ios_secret_strength(type, p->tok[i]);
            return;
        }
        p->strength = tw__community_strength(p->tok[i]);
        tw__community_fingerprint(p->fs->fp_key, p->tok[i], p->fingerprint);
        return;
    }
}

/* Replaces the secrets of the statement (ios_redact.c) before any handler
 * sees it. */
static void redact(ios_parser *p)
{
    ios_line l;
    ios_mask m;
    bool keywords;

    p->strength = NULL;
    p->fingerprint[0] = '\0';
    if (!tw__ios_may_hold_secret(p->tok, p->ntok, &keywords))
        return;
    l = (ios_line){.tok = p->tok, .ntok = p->ntok, .block = p->blk.kind};
    if (!tw__ios_find_secrets(&l, keywords, &m))
        return;
    judge(p, &m);
    tw__ios_apply_mask(p, &l, &m);
}

/* ---- address sweep ---------------------------------------------------- */

void tw__ios_address_fact(ios_parser *p, const tw_cidr *c, tw_str text)
{
    tw__ios_begin(p, TW_FACT_ADDRESS);
    tw_factset_addr_text(p->fs, "value", c, text);
    tw_factset_str(p->fs, "statement", tw__ios_span(p, 0, 1));
    tw__ios_end(p);
}

/* An address holds a '.' or a ':', so a statement without either (most of
 * them) is passed over at once (the split noted it). */
void tw__ios_sweep(ios_parser *p, bool mask_kw, void (*other)(ios_parser *p, tw_str tok))
{
    tw_cidr c;
    bool prev_v4 = false;

    if (!p->sep)
        return;
    for (size_t i = 0; i < p->ntok && p->rc == TW_OK; i++) {
        if (!tw__ios_addr(p, p->tok[i], &c)) {
            prev_v4 = false;
            if (other != NULL)
                other(p, p->tok[i]);
            continue;
        }
        bool kw = mask_kw &&
                  (tw__ios_is(p, i - (i > 0), "netmask") || tw__ios_is(p, i - (i > 0), "mask"));
        if (tw__cisco_sweep_keep(&c, kw, &prev_v4))
            tw__ios_address_fact(p, &c, p->tok[i]);
    }
}

/* ---- the line walk ---------------------------------------------------- */

typedef struct {
    char delim[3]; /* "^C", or one character */
    size_t dlen;
    bool active;
    bool cert;
    bool nul; /* the text holds a NUL byte somewhere */
} walk_state;

/* Finds the banner end delimiter in s; ETX and "^C" end each other. */
static bool banner_end(const walk_state *w, tw_str s)
{
    bool ctrl_c = (w->dlen == 2) || (w->dlen == 1 && w->delim[0] == '\x03');

    if (ctrl_c)
        return memchr(s.ptr, '\x03', s.len) != NULL || tw_str_find(s, TW_STR("^C")) >= 0;
    return memchr(s.ptr, w->delim[0], s.len) != NULL;
}

/* The service fact of a login or MOTD banner ("banner D..." is MOTD): the
 * evidence is "banner TYPE", never the banner's text. */
static void banner_fact(ios_parser *p, bool typed)
{
    if (typed && !tw__ios_is(p, 1, "login") && !tw__ios_is(p, 1, "motd"))
        return;
    tw_factset_begin(p->fs, TW_FACT_SERVICE, p->lineno, tw__ios_span(p, 0, typed ? 1 : 0),
                     TW_STR_NULL);
    tw_factset_str(p->fs, "name", TW_STR("banner"));
    tw_factset_bool(p->fs, "enabled", true);
    tw__ios_end(p);
}

/* "banner TYPE D text..." : enters banner mode unless it ends on this line. */
static bool banner_start(ios_parser *p, walk_state *w)
{
    size_t d = 2;
    tw_str t, after;
    bool typed;

    if (!tw__ios_is(p, 0, "banner") || p->ntok < 2)
        return false;
    t = p->tok[1];
    typed = (t.ptr[0] >= 'a' && t.ptr[0] <= 'z') || (t.ptr[0] >= 'A' && t.ptr[0] <= 'Z');
    if (typed) {
        if (p->ntok < 3)
            return true; /* "banner motd" with nothing: no text follows */
        t = p->tok[d];
    }
    banner_fact(p, typed);
    w->dlen = (t.len >= 2 && t.ptr[0] == '^' && t.ptr[1] == 'C') ? 2 : 1;
    memcpy(w->delim, t.ptr, w->dlen);
    after = tw_str_make(t.ptr + w->dlen, (size_t)(p->ev.ptr + p->ev.len - t.ptr) - w->dlen);
    w->active = !banner_end(w, after);
    return true;
}

static bool is_noise(const ios_parser *p, tw_str s, int indent)
{
    if (indent != 0)
        return false;
    return (s.ptr[0] == 'B' && tw_str_starts_with(s, TW_STR("Building configuration"))) ||
           (s.ptr[0] == 'C' && tw_str_starts_with(s, TW_STR("Current configuration"))) ||
           (p->ntok == 1 && tw__ios_is(p, 0, "end")) || tw__ios_is(p, 0, "show") ||
           tw__cisco_prompt(p->tok, p->ntok);
}

bool tw__ios_pop(ios_parser *p, int indent)
{
    while (p->nstack > 0 && p->stack[p->nstack - 1].indent >= indent)
        p->nstack--;
    p->depth = p->nstack;
    return p->nstack == 0;
}

static void pop_to(ios_parser *p, int indent)
{
    if (!tw__ios_pop(p, indent) || p->blk.kind == IOS_BLK_NONE)
        return;
    if (p->blk.kind == IOS_BLK_INTERFACE)
        tw__ios_interface_done(p);
    tw__ios_block_close(p);
}

void tw__ios_push(ios_parser *p, int indent)
{
    ios_frame *f;

    if (p->nstack == TW_LIMIT_DEPTH)
        return;
    f = &p->stack[p->nstack++];
    f->indent = indent;
    f->line = p->lineno;
    f->text = p->ev;
}

static void statement(ios_parser *p, int indent)
{
    bool neg = tw__ios_is(p, 0, "no");
    size_t t = neg ? 1 : 0;

    if (p->ntok == 1 && tw__ios_is(p, 0, "exit"))
        return;
    if ((p->tok[0].ptr[0] | 0x20) == 'e' && tw_str_istarts_with(p->tok[0], TW_STR("exit-")))
        return;
    p->ctx = p->nstack > 0 ? p->stack[0].text : TW_STR_NULL;
    redact(p);
    if (p->depth == 0)
        tw__ios_top(p, neg, t);
    else if (p->blk.kind != IOS_BLK_NONE)
        tw__ios_block_line(p, neg, t);
    if (p->rc == TW_OK)
        tw__ios_sweep(p, true, NULL);
    if (p->depth == 0 && p->blk.kind == IOS_BLK_NONE)
        tw__ios_block_open(p, IOS_BLK_OTHER, TW_FACT_HOSTNAME, TW_STR_NULL);
    tw__ios_push(p, indent);
}

static void one_line(ios_parser *p, walk_state *w, tw_str raw)
{
    tw_str s;
    int indent;

    if (w->active) {
        w->active = !banner_end(w, raw);
        return;
    }
    s = tw__cisco_line(p->fs->arena, raw, w->nul, &indent);
    if (s.len == 0)
        return;
    if (w->cert) {
        w->cert = !(s.len == 4 && tw_str_ieq(s, TW_STR("quit")));
        return;
    }
    if (s.ptr[0] == '!') {
        pop_to(p, indent);
        return;
    }
    p->ev = s;
    tw__ios_tokenize(p, s);
    if (is_noise(p, s, indent)) {
        pop_to(p, 0);
        return;
    }
    pop_to(p, indent);
    if (banner_start(p, w))
        return;
    if (tw__ios_is(p, 0, "certificate") && p->depth > 0) {
        w->cert = true;
        return;
    }
    statement(p, indent);
}

/* An implied service {name, enabled: true}. */
static void implied_on(ios_parser *p, const char *name)
{
    if (p->rc != TW_OK)
        return;
    tw_factset_begin(p->fs, TW_FACT_SERVICE, 0, TW_STR_NULL, TW_STR_NULL);
    tw_factset_str(p->fs, "name", tw_str_c(name));
    tw_factset_bool(p->fs, "enabled", true);
    tw_factset_bool(p->fs, "implied", true);
    tw__ios_end(p);
}

static void implied(ios_parser *p)
{
    p->lineno = 0;
    p->ev = TW_STR_NULL;
    p->ctx = TW_STR_NULL;
    if (!p->seen_vstack)
        implied_on(p, "smart-install");
    if (!p->seen_ssh_version && p->rc == TW_OK) {
        tw_factset_begin(p->fs, TW_FACT_SERVICE, 0, TW_STR_NULL, TW_STR_NULL);
        tw_factset_str(p->fs, "name", TW_STR("ssh"));
        tw_factset_str(p->fs, "version", TW_STR("1.99"));
        tw_factset_bool(p->fs, "implied", true);
        tw__ios_end(p);
    }
    if (!p->seen_cdp)
        implied_on(p, "cdp");
}

static void walk(ios_parser *p, const char *data, size_t len)
{
    walk_state w;
    cisco_lines it;
    tw_str raw;

    memset(&w, 0, sizeof(w));
    tw__cisco_lines_init(&it, data, len);
    w.nul = it.nul;
    while (p->rc == TW_OK && tw__cisco_lines_next(&it, &raw)) {
        p->lineno++;
        if (raw.len > TW_LIMIT_LINE_LEN && !w.active) {
            tw__ios_warn(p, "line longer than %zu bytes skipped", (size_t)TW_LIMIT_LINE_LEN);
            continue;
        }
        one_line(p, &w, raw);
    }
    pop_to(p, 0);
}

/* Parses a Cisco IOS or IOS XE configuration into fs (see config.h). */
tw_err tw_parse_ios(const char *file, const char *data, size_t len, tw_factset *fs, tw_diags *diags)
{
    ios_parser *p = tw_arena_zalloc(fs->arena, sizeof(*p));
    tw_err rc = TW_OK;

    if (p == NULL) {
        rc = TW_ENOMEM;
        goto out;
    }
    rc = tw__cisco_check_size(diags, file, len);
    if (rc != TW_OK)
        goto out;
    p->file = file;
    p->fs = fs;
    p->diags = diags;
    fs->dialect = TW_DIALECT_IOS;
    walk(p, data != NULL ? data : "", data != NULL ? len : 0);
    if (p->rc == TW_OK)
        tw__ios_amend(p);
    implied(p);
    rc = p->rc;
out:
    return rc;
}
