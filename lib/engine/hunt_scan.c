/*
 * hunt_scan.c: one thread's hunt over chunks of whole lines.
 *
 * hs_scan runs the hunter's database (or its two) over the whole chunk.  The match
 * callback keeps a cursor (offset, its line number, its line start) and
 * moves it forward by counting newlines between hits, so each hit gets its
 * line without a per-line loop; indicator literals are verified as whole
 * tokens there and then, and address candidates are parsed and looked up.
 * Anchors of rule regexes set bits of their group for the current line;
 * when a group's bits are complete, its regex confirms the line (PCRE2,
 * over that line only).  IPv4 host indicators are found by a third pass
 * over the piece's digit-dot tokens (found with SSE2 when there is SSE2),
 * hashed and looked up (scan_v4).
 * Ranges are hunted in pieces of PIECE bytes, which stay in the CPU's
 * cache across the passes.
 * Hits are collected in line order; afterwards each hit line is parsed into
 * an `event` fact (when it is a record of the file's format) plus one
 * `sighting` fact per indicator found on it, and the rules run over the
 * chunk's facts.  Lines without a hit are never looked at again.
 */
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "engine/hunt_int.h"
#include "tidewatch/capture.h"
#include "tidewatch/file.h"
#include "tidewatch/limits.h"
#include "tidewatch/reader.h"

/* Hits kept per chunk; past this the chunk is cut short with an error. */
#define MAX_HITS ((size_t)1 << 22)
/* Longest token looked at around an address candidate. */
#define MAX_TOKEN 64
/* Bytes of whole lines scanned at once by default: small enough that the
 * passes over a piece (the databases, the IPv4 tokens) find it in the
 * CPU's cache. */
#define PIECE ((size_t)256 << 10)
/* A range piece never grows past this, even for a line without end. */
#define MAX_PIECE ((size_t)1 << 30)
/* Bytes of a buffer looked at for format detection. */
#define DETECT_LEN ((size_t)64 << 10)

typedef struct {
    uint32_t line;
    size_t ls;         /* offset of the line's start */
    const tw_ioc *ioc; /* NULL: a rule pattern hit */
    tw_cidr seen;      /* the address seen, for address indicators */
} hit;

struct tw_hunt_scan {
    const tw_hunter *h;
    hs_scratch_t *scratch;
    pcre2_match_data *md; /* for the anchor groups' regexes */
    uint64_t *have;       /* per anchor group: anchors seen on anchor_line */
    uint32_t *touched;    /* groups whose mask is not 0 */
    size_t ntouched;
    uint32_t anchor_line;
    bool anchor_any;    /* anchor_line is valid */
    uint32_t rule_line; /* the last line given a rule hit */
    bool rule_any;      /* rule_line is valid */
    tw_arena *arena;
    tw_log_parser *parser;
    bool gated;          /* the format has command markers: db_cmd runs on gated lines only */
    size_t base;         /* added to the offsets Vectorscan reports (a line scanned alone) */
    size_t *gate_ls;     /* per piece: starts of the lines a gate hit */
    uint32_t *gate_line; /* and their numbers */
    size_t ngates, gcap;
    const char *file;
    bool skip_line1;
    char *header; /* the file's header line, skipped when a piece starts with it */
    size_t nheader;
    /* per chunk */
    const char *data;
    size_t len;
    uint32_t first;
    size_t cur, cur_ls; /* cursor offset and the start of its line */
    uint32_t cur_line;
    size_t tok_end[2]; /* end of the last address token looked at, per family */
    hit *hits;
    size_t nhits, cap;
    bool unsorted;
    tw_err err;
};

/* The last '\n' in p[0, n), or NULL (memrchr is not in POSIX). */
static const char *last_nl(const char *p, size_t n)
{
    while (n > 0) {
        if (p[--n] == '\n')
            return p + n;
    }
    return NULL;
}

tw_hunt_scan *tw_hunt_scan_new(const tw_hunter *h)
{
    tw_hunt_scan *s = calloc(1, sizeof(*s));

    if (!s)
        return NULL;
    s->h = h;
    s->arena = tw_arena_new(TW_LIMIT_ARENA);
    s->md = pcre2_match_data_create(1, NULL);
    s->have = calloc(h->ngroups + 1, sizeof(*s->have));
    s->touched = calloc(h->ngroups + 1, sizeof(*s->touched));
    if (!s->arena || !s->md || !s->have || !s->touched ||
        (h->proto && hs_clone_scratch(h->proto, &s->scratch) != HS_SUCCESS)) {
        tw_hunt_scan_free(s);
        return NULL;
    }
    return s;
}

void tw_hunt_scan_free(tw_hunt_scan *s)
{
    if (!s)
        return;
    tw_hunt_end(s);
    hs_free_scratch(s->scratch);
    pcre2_match_data_free(s->md);
    free(s->have);
    free(s->touched);
    tw_arena_free(s->arena);
    free(s->hits);
    free(s->gate_ls);
    free(s->gate_line);
    free(s);
}

tw_str tw_hunt_first_line(const char *data, size_t len)
{
    const char *nl = memchr(data, '\n', len);
    size_t n = nl ? (size_t)(nl - data) : len;

    if (n > 0 && data[n - 1] == '\r')
        n--;
    return tw_str_make(data, n);
}

tw_err tw_hunt_begin(tw_hunt_scan *s, const char *file, tw_log_format fmt, const tw_log_opts *lopts,
                     tw_str header, tw_diags *diags)
{
    const char *markers[32];
    size_t nmarkers;
    tw_err rc = TW_OK;

    tw_hunt_end(s);
    if (fmt == TW_LOG_UNKNOWN)
        return TW_EINVAL;
    s->parser = tw_log_parser_new(fmt, lopts);
    if (!s->parser)
        return TW_ENOMEM;
    s->file = file;
    s->gated = s->h->db_cmd && tw_log_command_markers(fmt, markers, 32, &nmarkers);
    s->skip_line1 = tw_log_has_header(fmt);
    if (s->skip_line1) {
        s->nheader = header.len < TW_LIMIT_LINE_LEN ? header.len : TW_LIMIT_LINE_LEN;
        s->header = malloc(s->nheader + 1);
        if (!s->header)
            return TW_ENOMEM;
        memcpy(s->header, header.ptr, s->nheader);
    }
    if (s->skip_line1) {
        tw_factset fs;
        bool parsed = false;

        tw_factset_init(&fs, s->arena);
        rc = tw_log_parser_line(s->parser, file, header, 1, &fs, diags, &parsed);
        tw_factset_release(&fs);
        tw_arena_reset(s->arena);
    }
    return rc;
}

void tw_hunt_end(tw_hunt_scan *s)
{
    tw_log_parser_free(s->parser);
    s->parser = NULL;
    free(s->header);
    s->header = NULL;
    s->nheader = 0;
    s->file = NULL;
}

/* The newlines of d[i, end); *after becomes the offset just past the last
 * one (left alone when there is none), found backwards from end, a line's
 * length away. */
static uint32_t count_nl(const char *d, size_t i, size_t end, size_t *after)
{
    const char *last = end > i ? last_nl(d + i, end - i) : NULL;

    if (last)
        *after = (size_t)(last - d) + 1;
    return (uint32_t)tw_count_lines(d + i, end - i);
}

/* Moves the cursor to pos, counting the newlines on the way.  A hit behind
 * the cursor (Vectorscan reports in end order, so only a start can be)
 * restarts the count from the chunk's start. */
static void locate(tw_hunt_scan *s, size_t pos)
{
    if (pos < s->cur_ls) {
        s->cur = s->cur_ls = 0;
        s->cur_line = s->first;
        s->unsorted = true;
    }
    if (pos <= s->cur)
        return;
    s->cur_line += count_nl(s->data, s->cur, pos, &s->cur_ls);
    s->cur = pos;
}

static void push_hit(tw_hunt_scan *s, const tw_ioc *ioc, const tw_cidr *seen)
{
    hit *last = s->nhits ? &s->hits[s->nhits - 1] : NULL;

    if (!ioc && s->rule_any && s->rule_line == s->cur_line)
        return; /* one rule hit a line is enough */
    if (!ioc) {
        s->rule_line = s->cur_line;
        s->rule_any = true;
    }
    if (last && last->line > s->cur_line)
        s->unsorted = true;
    if (s->nhits == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 256;
        hit *v = cap <= MAX_HITS ? realloc(s->hits, cap * sizeof(*v)) : NULL;

        if (!v) {
            s->err = cap <= MAX_HITS ? TW_ENOMEM : TW_ELIMIT;
            return;
        }
        s->hits = v;
        s->cap = cap;
    }
    s->hits[s->nhits].line = s->cur_line;
    s->hits[s->nhits].ls = s->cur_ls;
    s->hits[s->nhits].ioc = ioc;
    if (seen)
        s->hits[s->nhits].seen = *seen;
    s->nhits++;
}

static bool word_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static bool addr_char(char c, int fam)
{
    if ((c >= '0' && c <= '9') || c == '.')
        return true;
    return fam == 6 && (c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'));
}

/* An address candidate ending at end: the whole token around it is parsed
 * and looked up.  Host indicators are left to their literals. */
static void addr_hit(tw_hunt_scan *s, size_t end, int fam)
{
    size_t a = end, b = end;
    int fi = fam == 4 ? 0 : 1;
    const tw_ioc *ioc;
    tw_ip ip;
    tw_cidr host;

    while (a > 0 && end - a < MAX_TOKEN && addr_char(s->data[a - 1], fam))
        a--;
    if (a < s->tok_end[fi] && s->tok_end[fi] <= s->len)
        return;
    while (b < s->len && b - a < MAX_TOKEN && addr_char(s->data[b], fam))
        b++;
    s->tok_end[fi] = b;
    if ((a > 0 && word_char(s->data[a - 1])) || (b < s->len && word_char(s->data[b])))
        return;
    while (b > a && s->data[b - 1] == '.')
        b--;
    if (tw_ip_parse(tw_str_make(s->data + a, b - a), 0, &ip) != TW_OK)
        return;
    ioc = tw_iocset_match_ip(s->h->iocs, &ip);
    if (!ioc || tw_cidr_is_host(&ioc->cidr))
        return;
    host = tw_cidr_host(&ip);
    locate(s, a);
    push_hit(s, ioc, &host);
}

/* Forgets the anchors seen so far: a new line (or piece) begins. */
static void anchors_reset(tw_hunt_scan *s)
{
    for (size_t i = 0; i < s->ntouched; i++)
        s->have[s->touched[i]] = 0;
    s->ntouched = 0;
    s->anchor_line = s->cur_line;
    s->anchor_any = true;
}

/* True when the group's regex matches the cursor's line, or gives up at
 * its limits. */
static bool confirm(tw_hunt_scan *s, const tw__anchor_group *g)
{
    const char *ls = s->data + s->cur_ls;
    const char *nl = memchr(ls, '\n', s->len - s->cur_ls);
    size_t n = nl ? (size_t)(nl - ls) : s->len - s->cur_ls;

    return pcre2_match(g->re, (PCRE2_SPTR)ls, n, 0, 0, s->md, s->h->mctx) != PCRE2_ERROR_NOMATCH;
}

/* An anchor of group p->group hit the line: once all of the group's
 * anchors did, its regex decides whether the line is a candidate. */
static void anchor_hit(tw_hunt_scan *s, const tw__pat *p, size_t end)
{
    const tw__anchor_group *g = &s->h->groups[p->group];
    uint64_t *m = &s->have[p->group];

    locate(s, end >= p->len ? end - p->len : 0);
    if (!s->anchor_any || s->anchor_line != s->cur_line)
        anchors_reset(s);
    if (*m == 0)
        s->touched[s->ntouched++] = p->group;
    *m |= p->bit;
    if (*m != g->need)
        return;
    *m |= (uint64_t)1 << TW__ANCHORS_MAX; /* done for this line */
    if (!(s->rule_any && s->rule_line == s->cur_line) && confirm(s, g))
        push_hit(s, NULL, NULL);
}

/* A gate text at pos: its line is one where a command may be, kept for
 * the gated database (scan_gates). */
static void gate_hit(tw_hunt_scan *s, size_t pos)
{
    if (!s->gated)
        return;
    locate(s, pos);
    if (s->ngates > 0 && s->gate_ls[s->ngates - 1] == s->cur_ls)
        return;
    if (s->ngates == s->gcap) {
        size_t cap = s->gcap ? s->gcap * 2 : 64;
        size_t *ls = cap <= MAX_HITS ? realloc(s->gate_ls, cap * sizeof(*ls)) : NULL;
        uint32_t *ln = ls ? realloc(s->gate_line, cap * sizeof(*ln)) : NULL;

        if (ls)
            s->gate_ls = ls;
        if (!ln) {
            s->err = cap <= MAX_HITS ? TW_ENOMEM : TW_ELIMIT;
            return;
        }
        s->gate_line = ln;
        s->gcap = cap;
    }
    s->gate_ls[s->ngates] = s->cur_ls;
    s->gate_line[s->ngates++] = s->cur_line;
}

static int on_match(unsigned int id, unsigned long long from, unsigned long long to,
                    unsigned int flags, void *ctx)
{
    tw_hunt_scan *s = ctx;
    const tw__pat *p = &s->h->pats[id];
    size_t end = (size_t)to + s->base;

    (void)from;
    (void)flags;
    switch (p->kind) {
    case TW__PAT_LITERAL:
        if (end < p->len || !tw_ioc_literal_whole(p->lit, s->data, s->len, end - p->len, end))
            break;
        locate(s, end - p->len);
        push_hit(s, p->lit->ioc, p->lit->ioc->type == TW_IOC_IP ? &p->lit->ioc->cidr : NULL);
        break;
    case TW__PAT_RULE:
        locate(s, end > 0 ? end - 1 : 0);
        push_hit(s, NULL, NULL);
        break;
    case TW__PAT_ANCHOR:
        anchor_hit(s, p, end);
        break;
    case TW__PAT_ADDR4:
        addr_hit(s, end, 4);
        break;
    case TW__PAT_ADDR6:
        addr_hit(s, end, 6);
        break;
    case TW__PAT_GATE:
        gate_hit(s, end >= p->len ? end - p->len : 0);
        break;
    }
    return s->err != TW_OK;
}

static int cmp_hit(const void *a, const void *b)
{
    const hit *x = a, *y = b;

    return x->line < y->line ? -1 : x->line > y->line;
}

static bool ci_find(tw_str hay, tw_str needle)
{
    if (needle.len == 0 || hay.len < needle.len)
        return false;
    for (size_t i = 0; i + needle.len <= hay.len; i++) {
        if (tw_str_ieq(tw_str_make(hay.ptr + i, needle.len), needle))
            return true;
    }
    return false;
}

/* Where on the line the indicator sits: the first event field holding it,
 * else "text". */
static const char *field_of(const tw_fact *ev, const tw_ioc *ioc, const tw_cidr *seen)
{
    static const char *const names[] = {"src", "dst", "user", "command", "host"};
    char text[TW_IP_STRLEN];
    tw_str needle = tw_str_c(ioc->value);

    if (!ev)
        return "text";
    if (ioc->type == TW_IOC_IP)
        needle = tw_str_make(text, tw_cidr_format(seen, text, sizeof(text)));
    for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
        for (const tw_field *f = tw_fact_get(ev, names[i]); f; f = tw_fact_next(ev, names[i], f)) {
            bool addr = f->type == TW_VAL_ADDR;

            if (addr && ioc->type == TW_IOC_IP && tw_ip_eq(&f->addr.addr, &seen->addr))
                return names[i];
            if (!addr && !f->secret && ci_find(f->str, needle))
                return names[i];
        }
    }
    return "text";
}

static void copy_field(tw_factset *fs, const tw_fact *ev, const char *name)
{
    const tw_field *f = tw_fact_get(ev, name);

    if (!f)
        return;
    if (f->type == TW_VAL_ADDR)
        tw_factset_addr(fs, name, &f->addr);
    else if (f->type == TW_VAL_NUM)
        tw_factset_num(fs, name, f->num);
    else if (f->type == TW_VAL_BOOL)
        tw_factset_bool(fs, name, f->num != 0);
    else if (f->secret)
        tw_factset_secret(fs, name);
    else
        tw_factset_str(fs, name, f->str);
}

/* One `sighting` fact; ev is the line's event, or NULL. */
static tw_err add_sighting(tw_factset *fs, const hit *hv, const tw_fact *ev, tw_str line)
{
    static const char *const copied[] = {"host", "user", "program", "msgid", "command"};
    const tw_ioc *ioc = hv->ioc;

    tw_factset_begin(fs, TW_FACT_SIGHTING, hv->line, ev ? ev->evidence : line, TW_STR_NULL);
    if (ioc->type == TW_IOC_IP)
        tw_factset_addr(fs, "indicator", &hv->seen);
    else
        tw_factset_str(fs, "indicator", tw_str_c(ioc->value));
    tw_factset_str(fs, "type", tw_str_c(tw_ioc_type_name(ioc->type)));
    for (size_t i = 0; ev && i < sizeof(copied) / sizeof(copied[0]); i++)
        copy_field(fs, ev, copied[i]);
    tw_factset_str(fs, "field", tw_str_c(field_of(ev, ioc, &hv->seen)));
    return tw_factset_end(fs);
}

/* True when hit i repeats an indicator already sighted on its line. */
static bool repeated(const hit *hv, size_t i)
{
    for (size_t j = 0; j < i; j++) {
        if (hv[j].ioc != hv[i].ioc)
            continue;
        if (hv[i].ioc->type != TW_IOC_IP || tw_ip_eq(&hv[j].seen.addr, &hv[i].seen.addr))
            return true;
    }
    return false;
}

static tw_str line_at(const tw_hunt_scan *s, size_t ls)
{
    const char *p = s->data + ls;
    const char *nl = memchr(p, '\n', s->len - ls);
    size_t len = nl ? (size_t)(nl - p) : s->len - ls;

    if (len > 0 && p[len - 1] == '\r')
        len--;
    return tw_str_make(p, len);
}

/* The facts of one hit line: its event, then its sightings. */
static tw_err hunt_line(tw_hunt_scan *s, tw_factset *fs, const hit *hv, size_t n, tw_diags *diags)
{
    tw_str line = line_at(s, hv->ls);
    tw_fact ev;
    bool parsed = false;
    size_t nsight = 0;
    tw_err rc;

    /* the header line: the parser saw it in tw_hunt_begin; a range of a
     * file hunted in parallel numbers from 1 too, hence the comparison */
    if (s->skip_line1 && hv->ls == 0 && s->first == 1 &&
        tw_str_eq(line, tw_str_make(s->header, s->nheader)))
        return TW_OK;
    if (line.len > TW_LIMIT_LINE_LEN) {
        tw_diags_add(diags, TW_DIAG_WARNING, TW_ELIMIT, s->file, hv->line, 0, NULL,
                     "line longer than %zu bytes; skipped", TW_LIMIT_LINE_LEN);
        return TW_OK;
    }
    rc = tw_log_parser_line(s->parser, s->file, line, hv->line, fs, diags, &parsed);
    if (rc != TW_OK)
        return rc;
    if (parsed && fs->n > 0)
        ev = fs->v[fs->n - 1]; /* a copy: fs->v may move as facts are added */
    for (size_t i = 0; i < n && rc == TW_OK && nsight < TW_LIMIT_TOKENS_PER_LINE; i++) {
        if (!hv[i].ioc || repeated(hv, i))
            continue;
        rc = add_sighting(fs, &hv[i], parsed && fs->n > 0 ? &ev : NULL, line);
        nsight++;
    }
    return rc;
}

static bool digit(char c)
{
    return c >= '0' && c <= '9';
}

#ifdef __SSE2__
/* Bits of the 16 bytes at p: *dg gets the digits, *dt the dots. */
static inline void classify16(const char *p, unsigned *dg, unsigned *dt)
{
    __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
    __m128i y = _mm_xor_si128(_mm_sub_epi8(x, _mm_set1_epi8('0')), _mm_set1_epi8((char)0x80));

    *dg = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(y, _mm_set1_epi8((char)(0x80 + 10))));
    *dt = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, _mm_set1_epi8('.')));
}

/* Bits of the inner dots among the 32 bytes at d + q (0 < q, q + 32 < len):
 * dots with a digit on both sides. */
static inline uint32_t inner_dots32(const char *d, size_t q)
{
    unsigned g0, t0, g1, t1;
    uint64_t dg, dt;

    classify16(d + q, &g0, &t0);
    classify16(d + q + 16, &g1, &t1);
    dg = (uint64_t)g0 | (uint64_t)g1 << 16;
    dt = (uint64_t)t0 | (uint64_t)t1 << 16;
    dg = dg << 1 | (uint64_t)digit(d[q - 1]) | (uint64_t)digit(d[q + 32]) << 33;
    return (uint32_t)(dt & dg & dg >> 2);
}
#endif

/* The first inner dot (a '.' with a digit on both sides) of d[q, len), or
 * len.  With SSE2, 32 positions at a time while 33 bytes and the one
 * before are there. */
static size_t next_inner_dot(const char *d, size_t len, size_t q)
{
#ifdef __SSE2__
    for (; q >= 1 && len >= 33 && q <= len - 33; q += 32) {
        uint32_t m = inner_dots32(d, q);

        if (m)
            return q + (size_t)__builtin_ctz(m);
    }
#endif
    for (; q < len; q++) {
        if (d[q] == '.' && q > 0 && digit(d[q - 1]) && q + 1 < len && digit(d[q + 1]))
            return q;
    }
    return len;
}

/* The end of the digit-dot token (digits, and dots between digits) that
 * starts at i, a byte at a time; *dots gets its dots. */
static size_t token_end_slow(const char *d, size_t len, size_t i, size_t *dots)
{
    size_t n = 0;

    while (i < len && (digit(d[i]) || (d[i] == '.' && i + 1 < len && digit(d[i + 1])))) {
        n += d[i] == '.';
        i++;
    }
    *dots = n;
    return i;
}

/* The set bits of x < 2^16 (no popcnt instruction in baseline x86-64). */
static inline size_t bits16(unsigned x)
{
    x = x - ((x >> 1) & 0x5555u);
    x = (x & 0x3333u) + ((x >> 2) & 0x3333u);
    x = (x + (x >> 4)) & 0x0f0fu;
    return (x + (x >> 8)) & 0x1fu;
}

/* token_end_slow, 16 bytes at once when 17 are there: a byte belongs to
 * the token when it is a digit or a dot before a digit. */
static size_t token_end(const char *d, size_t len, size_t i, size_t *dots)
{
#ifdef __SSE2__
    if (len >= 17 && i <= len - 17) {
        unsigned dg, dt, in, n;

        classify16(d + i, &dg, &dt);
        in = dg | (dt & (dg >> 1 | (unsigned)digit(d[i + 16]) << 15));
        n = (unsigned)__builtin_ctz(~in | 0x10000u);
        if (n < 16) {
            *dots = bits16(dt & ((1u << n) - 1));
            return i + n;
        }
    }
#endif
    return token_end_slow(d, len, i, dots);
}

/* The digit-dot token of d[0, len) whose first inner dot (a dot between
 * two digits) is at p, no token reaching back before lo: looked up in the
 * hunter's IPv4 hash when it is a dotted quad with no word byte around it.
 * Returns the token's end. */
static inline size_t v4_token(tw_hunt_scan *s, const char *d, size_t len, size_t p, size_t lo)
{
    size_t a = p - 1, e, dots;
    const tw_ioc_literal *lit;
    uint32_t hash;

    while (a > lo && digit(d[a - 1]))
        a--;
    e = token_end(d, len, a, &dots);
    if (dots != 3 || e - a > TW__V4_MAXLEN || (a > 0 && word_char(d[a - 1])) ||
        (e < len && word_char(d[e])))
        return e;
    hash = len - a >= 16 ? tw__tok_hash16(d + a, e - a) : tw__tok_hash(d + a, e - a);
    lit = tw__v4_maybe(s->h, hash) ? tw__hunt_v4_find(s->h, hash, d + a, e - a) : NULL;
    if (lit) {
        locate(s, a);
        push_hit(s, lit->ioc, &lit->ioc->cidr);
    }
    return e;
}

/* The digit-dot tokens of the piece that hold a dot, looked up in the
 * hunter's IPv4 hash.  A whole hit of a digit-dot literal
 * (tw_ioc_literal_whole: no word byte around it, no "digit." before nor
 * ".digit" after) is exactly a maximal digit-dot token equal to it with no
 * word byte around it, so this finds what the literals would.  Inner dots
 * are found 16 bytes at a time (SSE2); each token is looked at once, and
 * hashed only when it has the shape of a dotted quad. */
static void scan_v4(tw_hunt_scan *s)
{
    const char *d = s->data;
    size_t len = s->len, cur = 0, q = 0;

    while (q < len && s->err == TW_OK) {
        size_t p = next_inner_dot(d, len, q);

        if (p >= len)
            break;
        cur = v4_token(s, d, len, p, cur);
        q = cur;
    }
}

static void scan_db(tw_hunt_scan *s, const hs_database_t *db)
{
    if (!db || s->len == 0 || s->err != TW_OK)
        return;
    if (hs_scan(db, s->data, (unsigned int)s->len, 0, s->scratch, on_match, s) != HS_SUCCESS &&
        s->err == TW_OK)
        s->err = TW_EINTERNAL;
}

/* The gated database over each gated line alone, the cursor put on the
 * line so that its hits need no counting. */
static void scan_gates(tw_hunt_scan *s)
{
    for (size_t i = 0; i < s->ngates && s->err == TW_OK; i++) {
        const char *ls = s->data + s->gate_ls[i];
        const char *nl = memchr(ls, '\n', s->len - s->gate_ls[i]);
        size_t n = nl ? (size_t)(nl - ls) : s->len - s->gate_ls[i];

        s->cur = s->cur_ls = s->base = s->gate_ls[i];
        s->cur_line = s->gate_line[i];
        s->unsorted = true;
        if (hs_scan(s->h->db_cmd, ls, (unsigned int)n, 0, s->scratch, on_match, s) != HS_SUCCESS &&
            s->err == TW_OK)
            s->err = TW_EINTERNAL;
    }
    s->base = 0;
}

/* Runs the databases over the piece, filling s->hits in line order.  When
 * nlines is given, counts the piece's newlines too (finishing the count the
 * cursor started). */
static tw_err scan_piece(tw_hunt_scan *s, const char *data, size_t len, uint32_t first,
                         size_t *nlines)
{
    s->data = data;
    s->len = len;
    s->first = first;
    s->cur = s->cur_ls = 0;
    s->cur_line = first;
    s->tok_end[0] = s->tok_end[1] = 0;
    s->nhits = 0;
    s->ngates = 0;
    s->base = 0;
    s->unsorted = false;
    s->err = TW_OK;
    anchors_reset(s);
    s->anchor_any = false;
    s->rule_any = false;
    scan_db(s, s->h->db_lit);
    if (s->gated)
        scan_gates(s);
    else
        scan_db(s, s->h->db_cmd);
    scan_db(s, s->h->db_re); /* its hits restart the cursor: locate() copes */
    if (s->h->v4_lit && s->err == TW_OK)
        scan_v4(s);
    if (nlines) {
        locate(s, len);
        *nlines = (size_t)(s->cur_line - first);
    }
    if (s->unsorted && s->nhits > 1) /* qsort(NULL, 0) is undefined */
        qsort(s->hits, s->nhits, sizeof(*s->hits), cmp_hit);
    return s->err;
}

static tw_err hunt_piece(tw_hunt_scan *s, const char *data, size_t len, uint32_t first,
                         tw_findings *out, tw_diags *diags, size_t *nlines)
{
    tw_rule_env env = {s->h->iocs, NULL};
    tw_factset fs;
    tw_err rc = scan_piece(s, data, len, first, nlines);

    if (rc == TW_ELIMIT)
        tw_diags_add(diags, TW_DIAG_WARNING, TW_ELIMIT, s->file, first, 0, NULL,
                     "more than %zu pattern hits in one chunk; the rest of it is skipped",
                     MAX_HITS);
    if (rc != TW_OK && rc != TW_ELIMIT)
        return rc;
    tw_factset_init(&fs, s->arena);
    tw_factset_borrow(&fs, data, len);
    rc = TW_OK;
    for (size_t i = 0, j; i < s->nhits && rc == TW_OK; i = j) {
        for (j = i + 1; j < s->nhits && s->hits[j].line == s->hits[i].line;)
            j++;
        rc = hunt_line(s, &fs, &s->hits[i], j - i, diags);
    }
    if (rc == TW_ELIMIT)
        tw_diags_add(diags, TW_DIAG_ERROR, TW_ELIMIT, s->file, first, 0, NULL,
                     "too many facts in one chunk; findings may be incomplete");
    if ((rc == TW_OK || rc == TW_ELIMIT) && fs.n > 0)
        rc = tw_rules_apply(s->h->rules, &env, s->file, &fs, out);
    tw_factset_release(&fs);
    tw_arena_reset(s->arena);
    return rc;
}

tw_err tw_hunt_chunk(tw_hunt_scan *s, const char *data, size_t len, uint32_t first_line,
                     tw_findings *out, tw_diags *diags)
{
    if (!s->parser)
        return TW_EINVAL;
    if (len > MAX_PIECE)
        return TW_ELIMIT;
    return tw_hunt_range(s, data, len, first_line, 0, out, diags, NULL);
}

/* The next piece of a range: whole lines up to about chunk bytes; a line
 * longer than that is one piece (capped at MAX_PIECE). */
static size_t piece_len(const char *p, size_t avail, size_t chunk)
{
    const char *nl;
    size_t cap = avail < MAX_PIECE ? avail : MAX_PIECE;

    if (avail <= chunk)
        return avail;
    nl = last_nl(p, chunk);
    if (nl)
        return (size_t)(nl - p) + 1;
    nl = memchr(p + chunk, '\n', cap - chunk);
    return nl ? (size_t)(nl - p) + 1 : cap;
}

tw_err tw_hunt_range(tw_hunt_scan *s, const char *data, size_t len, uint32_t first_line,
                     size_t chunk, tw_findings *out, tw_diags *diags, size_t *nlines)
{
    size_t pos = 0, total = 0;
    tw_err rc = TW_OK;

    if (!s->parser)
        return TW_EINVAL;
    if (chunk == 0)
        chunk = PIECE;
    while (pos < len && (rc == TW_OK || rc == TW_ELIMIT)) {
        size_t take = piece_len(data + pos, len - pos, chunk), n = 0;
        size_t line = (size_t)first_line + total;

        /* the last piece's lines are counted only when the caller asks */
        rc = hunt_piece(s, data + pos, take, line > UINT32_MAX ? UINT32_MAX : (uint32_t)line, out,
                        diags, pos + take < len || nlines ? &n : NULL);
        total += n;
        pos += take;
    }
    if (nlines)
        *nlines = total;
    return rc;
}

tw_err tw_hunt_detect(const char *data, size_t len, tw_log_format fmt, tw_log_format *used)
{
    *used = fmt;
    if (fmt != TW_LOG_UNKNOWN)
        return TW_OK;
    if (tw_looks_binary(data, len))
        return TW_EBINARY;
    *used = tw_log_detect(data, len < DETECT_LEN ? len : DETECT_LEN);
    return *used == TW_LOG_UNKNOWN ? TW_EPARSE : TW_OK;
}

static tw_err hunt_whole(tw_hunt_scan *s, const char *data, size_t len, const char *file,
                         tw_log_format fmt, const tw_log_opts *lopts, tw_findings *out,
                         tw_diags *diags, tw_log_format *used)
{
    tw_err rc = tw_hunt_detect(data, len, fmt, used);

    if (rc == TW_OK)
        rc = tw_hunt_begin(s, file, *used, lopts, tw_hunt_first_line(data, len), diags);
    if (rc == TW_OK)
        rc = tw_hunt_range(s, data, len, 1, 0, out, diags, NULL);
    tw_hunt_end(s);
    return rc;
}

/* Gives flow i the device that owns its source, else its destination, as
 * its host. */
static tw_err name_flow(const tw_hostmap *m, tw_factset *fs, size_t i)
{
    const tw_field *src = tw_fact_get(&fs->v[i], "src"), *dst = tw_fact_get(&fs->v[i], "dst");
    const char *host = src != NULL ? tw_hostmap_find(m, &src->addr.addr) : NULL;
    tw_err rc;

    if (host == NULL && dst != NULL)
        host = tw_hostmap_find(m, &dst->addr.addr);
    if (host == NULL)
        return TW_OK;
    rc = tw_factset_reopen(fs, i);
    if (rc != TW_OK)
        return rc;
    tw_factset_str(fs, "host", tw_str_c(host));
    return tw_factset_end(fs);
}

/* A packet capture: one event per flow (capture.h), every rule over them.
 * The flows carry their addresses as fields, so the indicator rules over
 * `src` and `dst` see them without the line scanner. */
static tw_err hunt_capture(tw_hunt_scan *s, const char *data, size_t len, const char *file,
                           tw_findings *out, tw_diags *diags)
{
    tw_rule_env env = {s->h->iocs, NULL};
    tw_factset fs;
    tw_err rc;

    tw_factset_init(&fs, s->arena);
    rc = tw_capture_flows(file, data, len, &fs, diags);
    for (size_t i = 0; rc == TW_OK && s->h->hosts != NULL && i < fs.n; i++)
        rc = name_flow(s->h->hosts, &fs, i);
    if ((rc == TW_OK || rc == TW_ELIMIT) && fs.n > 0)
        rc = tw_rules_apply(s->h->rules, &env, file, &fs, out);
    tw_factset_release(&fs);
    tw_arena_reset(s->arena);
    return rc == TW_EPARSE ? TW_OK : rc; /* its error is in diags: not "no log" */
}

/* A capture handed out in chunks: a plain file is mapped whole; a
 * compressed one, or standard input, is put together again, up to
 * TW_LIMIT_FILE_SIZE. */
static tw_err hunt_capture_chunks(tw_hunt_scan *s, tw_reader *r, tw_chunk *c, const char *file,
                                  tw_findings *out, tw_diags *diags)
{
    const char *whole;
    size_t wlen;
    tw_buf all;
    bool eof = false;
    tw_err rc = TW_OK;

    if (tw_reader_map(r, TW_LIMIT_FILE_SIZE, &whole, &wlen))
        return hunt_capture(s, whole, wlen, file, out, diags);
    tw_buf_init(&all, TW_LIMIT_FILE_SIZE);
    while (rc == TW_OK && !eof) {
        rc = tw_buf_add(&all, c->data, c->len);
        if (rc == TW_OK)
            rc = tw_reader_next(r, c, &eof, diags);
    }
    if (rc == TW_ELIMIT)
        tw_diags_add(diags, TW_DIAG_ERROR, rc, file, 0, 0, NULL,
                     "capture larger than %zu bytes; not read", TW_LIMIT_FILE_SIZE);
    if (rc == TW_OK)
        rc = hunt_capture(s, all.ptr, all.len, file, out, diags);
    tw_buf_release(&all);
    return rc;
}

tw_err tw_hunt_reader(tw_hunt_scan *s, tw_reader *r, const char *file, tw_log_format fmt,
                      const tw_log_opts *lopts, tw_findings *out, tw_diags *diags,
                      tw_log_format *used)
{
    const char *whole;
    size_t wlen;
    tw_chunk c;
    bool eof = false;
    tw_err rc;

    *used = fmt;
    if (tw_reader_whole(r, &whole, &wlen)) {
        if (fmt == TW_LOG_UNKNOWN && tw_capture_magic(whole, wlen))
            return hunt_capture(s, whole, wlen, file, out, diags);
        return wlen == 0 ? TW_OK : hunt_whole(s, whole, wlen, file, fmt, lopts, out, diags, used);
    }
    rc = tw_reader_next(r, &c, &eof, diags);
    if (rc != TW_OK || eof)
        return rc;
    if (fmt == TW_LOG_UNKNOWN && tw_capture_magic(c.data, c.len))
        return hunt_capture_chunks(s, r, &c, file, out, diags);
    rc = tw_hunt_detect(c.data, c.len, fmt, used);
    if (rc == TW_OK)
        rc = tw_hunt_begin(s, file, *used, lopts, tw_hunt_first_line(c.data, c.len), diags);
    while (rc == TW_OK && !eof) {
        rc = tw_hunt_chunk(s, c.data, c.len, c.first_line, out, diags);
        if (rc == TW_OK || rc == TW_ELIMIT)
            rc = tw_reader_next(r, &c, &eof, diags);
    }
    tw_hunt_end(s);
    return rc;
}

tw_err tw_hunt_buffer(const tw_hunter *h, const char *file, const char *data, size_t len,
                      tw_log_format fmt, const tw_log_opts *lopts, tw_findings *out,
                      tw_diags *diags)
{
    tw_hunt_scan *s = tw_hunt_scan_new(h);
    tw_reader *r = NULL;
    tw_log_format used;
    tw_err rc = s ? tw_reader_open_mem(data, len, file, 0, &r) : TW_ENOMEM;

    if (rc == TW_OK)
        rc = tw_hunt_reader(s, r, file, fmt, lopts, out, diags, &used);
    if (rc == TW_EPARSE)
        tw_diags_add(diags, TW_DIAG_ERROR, rc, file, 0, 0, NULL,
                     "not a log format tidewatch recognises");
    if (rc == TW_EBINARY)
        tw_diags_add(diags, TW_DIAG_ERROR, rc, file, 0, 0, NULL, "binary file, not a log");
    tw_reader_free(r);
    tw_hunt_scan_free(s);
    return rc;
}
