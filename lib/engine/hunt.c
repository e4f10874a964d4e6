/*
 * hunt.c: building the hunter: the Vectorscan block-mode databases of every
 * pattern a hunt looks for, compiled once per run.
 *
 * Literals go into one database built with hs_compile_lit_multi (several
 * times faster to compile than the same literals as regexes: start-up
 * matters), regexes into a second one that exists only when a rule has a
 * regex pattern or the indicators hold prefixes.  (Merging the literals
 * into the regex database saves one pass over the input but costs about
 * 25 ms of start-up in compiling: measured, and left out.)  Pattern ids
 * index a table (hunt_int.h) that says what a hit means: an indicator literal (caseless as the
 * literal asks; no start-of-match tracking, since the start is the end minus the literal's length),
 * a rule's `match` pattern (a literal, caseless and stored once however many rules name it, or a
 * regex compiled as a prefilter, which may over-match but never misses), an anchor of a rule regex
 * (a literal run at the regex's top level, which every match holds: the regex then stays out of the
 * regex database and is confirmed by PCRE2 on the lines where all of its anchors hit), or an
 * address candidate (IPv4 and IPv6 tokens, for prefixes that no literal can find).  IPv4 host
 * indicators written as digit-dot tokens (nearly all of them) are no literals: a hash from their
 * text finds them (hunt_int.h), so thousands of addresses cost neither compile time nor scan time
 * in Vectorscan. The scanner lives in hunt_scan.c.
 */
#include <stdlib.h>
#include <string.h>

#include "engine/hunt_int.h"
#include "tidewatch/limits.h"
#include "tidewatch/log.h"

/* The regexes that find address candidates; the scanner takes the whole
 * token around each hit and parses it. */
#define ADDR4_RE "[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}"
#define ADDR6_RE "[0-9a-f]{0,4}:[0-9a-f]{0,4}:[0-9a-f:.]*"

/* A rule regex: ^ and $ at line ends, and as a prefilter (a superset of
 * its matches, so constructs Vectorscan lacks still compile). */
#define RULE_RE_FLAGS (HS_FLAG_CASELESS | HS_FLAG_MULTILINE | HS_FLAG_PREFILTER)
/* Shorter anchors hit too often to be worth it; a regex without a longer
 * one goes to the regex database. */
#define ANCHOR_MIN 3
/* Backtracking limits of the confirming regexes; a confirmation that hits
 * them counts as a match (a prefilter may over-select, never miss). */
#define ANCHOR_MATCH_LIMIT 100000
#define ANCHOR_DEPTH_LIMIT 10000

/* One database's patterns.  ids are indexes into the hunter's table. */
typedef struct {
    char **expr;
    size_t *lens;
    unsigned *flags;
    unsigned *ids;
    size_t n, cap;
} pat_list;

/* Everything being built: the literal and the regex database's lists and
 * the table every id points into. */
typedef struct {
    pat_list lit, re;
    pat_list cmd; /* regexes of rules that need a command: the gated database */
    bool to_cmd;  /* push() puts regexes into cmd */
    tw__pat *pats;
    const tw_rule **rule; /* the rule a pattern came from, for diagnostics */
    size_t n, cap;
    tw__anchor_group *groups;
    size_t ngroups, gcap;
} builder;

static void free_groups(tw__anchor_group *g, size_t n)
{
    for (size_t i = 0; g && i < n; i++)
        pcre2_code_free(g[i].re);
    free(g);
}

static void list_release(pat_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->expr[i]);
    free(l->expr);
    free(l->lens);
    free(l->flags);
    free(l->ids);
    memset(l, 0, sizeof(*l));
}

static void builder_release(builder *b)
{
    list_release(&b->lit);
    list_release(&b->re);
    list_release(&b->cmd);
    free(b->pats);
    free(b->rule);
    free_groups(b->groups, b->ngroups);
    memset(b, 0, sizeof(*b));
}

static tw_err list_grow(pat_list *l)
{
    size_t cap = l->cap ? l->cap * 2 : 64;
    char **e = realloc(l->expr, cap * sizeof(*e));
    size_t *n = e ? realloc(l->lens, cap * sizeof(*n)) : NULL;
    unsigned *f = n ? realloc(l->flags, cap * sizeof(*f)) : NULL;
    unsigned *id = f ? realloc(l->ids, cap * sizeof(*id)) : NULL;

    if (e)
        l->expr = e;
    if (n)
        l->lens = n;
    if (f)
        l->flags = f;
    if (!id)
        return TW_ENOMEM;
    l->ids = id;
    l->cap = cap;
    return TW_OK;
}

static tw_err table_grow(builder *b)
{
    size_t cap = b->cap ? b->cap * 2 : 64;
    tw__pat *p = realloc(b->pats, cap * sizeof(*p));
    const tw_rule **r = p ? realloc(b->rule, cap * sizeof(*r)) : NULL;

    if (p)
        b->pats = p;
    if (!r)
        return TW_ENOMEM;
    b->rule = r;
    b->cap = cap;
    return TW_OK;
}

/* Appends one pattern to the literal (regex false) or the regex list; expr
 * (len bytes) is taken over and freed on failure. */
static tw_err push(builder *b, bool regex, char *expr, size_t len, unsigned flags, tw__pat pat,
                   const tw_rule *rule)
{
    pat_list *l = !regex ? &b->lit : b->to_cmd ? &b->cmd : &b->re;

    if (!expr)
        return TW_ENOMEM;
    if ((l->n == l->cap && list_grow(l) != TW_OK) || (b->n == b->cap && table_grow(b) != TW_OK)) {
        free(expr);
        return TW_ENOMEM;
    }
    l->expr[l->n] = expr;
    l->lens[l->n] = len;
    l->flags[l->n] = flags;
    l->ids[l->n++] = (unsigned)b->n;
    b->pats[b->n] = pat;
    b->rule[b->n++] = rule;
    return TW_OK;
}

static char *dup_bytes(const char *s, size_t len)
{
    char *d = malloc(len + 1);

    if (d) {
        memcpy(d, s, len);
        d[len] = '\0';
    }
    return d;
}

static size_t v4_slot(uint32_t hash, size_t mask)
{
    return (size_t)((hash * 2654435761u) >> 8) & mask;
}

const tw_ioc_literal *tw__hunt_v4_find(const tw_hunter *h, uint32_t hash, const char *p, size_t n)
{
    if (!tw__v4_maybe(h, hash))
        return NULL;
    for (size_t i = v4_slot(hash, h->v4_mask); h->v4_lit[i]; i = (i + 1) & h->v4_mask) {
        const tw_ioc_literal *lit = h->v4_lit[i];

        if (h->v4_hash[i] == hash && lit->len == n && memcmp(lit->text, p, n) == 0)
            return lit;
    }
    return NULL;
}

/* True when an IPv4 host literal is a digit-dot token of three dots and at
 * most TW__V4_MAXLEN bytes (as every dotted quad is): then its whole hits
 * (tw_ioc_literal_whole) are exactly the maximal digit-dot tokens equal to
 * it with no word byte around them; *hash gets its hash.  Other literals
 * stay in the database. */
static bool v4_literal(const tw_ioc_literal *lit, uint32_t *hash)
{
    const tw_ioc *ioc = lit->ioc;
    size_t dots = 0;

    if (ioc->type != TW_IOC_IP || ioc->cidr.addr.family != 4 || lit->len == 0 ||
        lit->len > TW__V4_MAXLEN || lit->text[0] == '.' || lit->text[lit->len - 1] == '.')
        return false;
    for (size_t i = 0; i < lit->len; i++) {
        char c = lit->text[i];
        if (!(c >= '0' && c <= '9') && !(c == '.' && lit->text[i - 1] != '.'))
            return false;
        dots += c == '.';
    }
    *hash = tw__tok_hash(lit->text, lit->len);
    return dots == 3;
}

/* The hash of the digit-dot literals, at most half full. */
static tw_err v4_table(tw_hunter *h, size_t nlits)
{
    size_t cap = 16;

    while (cap < nlits * 2)
        cap *= 2;
    h->v4_hash = calloc(cap, sizeof(*h->v4_hash));
    h->v4_lit = calloc(cap, sizeof(*h->v4_lit));
    h->v4_bloom = calloc(TW__V4_BLOOM / 64, sizeof(*h->v4_bloom));
    h->v4_mask = cap - 1;
    return h->v4_hash && h->v4_lit && h->v4_bloom ? TW_OK : TW_ENOMEM;
}

/* Adds a literal to the hash; an equal text already there wins (the set
 * holds each address once). */
static void v4_put(tw_hunter *h, uint32_t hash, const tw_ioc_literal *lit)
{
    if (tw__hunt_v4_find(h, hash, lit->text, lit->len))
        return;
    for (size_t i = v4_slot(hash, h->v4_mask);; i = (i + 1) & h->v4_mask) {
        if (!h->v4_lit[i]) {
            size_t bit = tw__v4_bit(hash);
            h->v4_hash[i] = hash;
            h->v4_lit[i] = lit;
            h->v4_bloom[bit / 64] |= (uint64_t)1 << (bit % 64);
            return;
        }
    }
}

/* Frees the IPv4 hash; the scanner then skips its pass. */
static void v4_drop(tw_hunter *h)
{
    free(h->v4_hash);
    free(h->v4_lit);
    free(h->v4_bloom);
    h->v4_hash = NULL;
    h->v4_lit = NULL;
    h->v4_bloom = NULL;
}

static tw_err add_literals(builder *b, tw_hunter *h, const tw_iocset *iocs)
{
    size_t n = iocs ? tw_iocset_literal_count(iocs) : 0, nv4 = 0;
    tw_err rc = n > 0 ? v4_table(h, n) : TW_OK;

    for (size_t i = 0; i < n && rc == TW_OK; i++) {
        const tw_ioc_literal *lit = tw_iocset_literal(iocs, i);
        tw__pat p = {TW__PAT_LITERAL, lit ? lit->len : 0, lit, 0, 0};
        uint32_t hash;

        if (!lit || lit->len == 0)
            continue;
        if (v4_literal(lit, &hash)) {
            v4_put(h, hash, lit);
            nv4++;
            continue;
        }
        rc = push(b, false, dup_bytes(lit->text, lit->len), lit->len,
                  lit->caseless ? HS_FLAG_CASELESS : 0, p, NULL);
    }
    if (nv4 == 0)
        v4_drop(h);
    return rc;
}

/* True when an equal rule pattern is in already: every rule hit means the
 * same (the line is a candidate), so one copy is enough. */
static bool have_rule_pattern(const builder *b, bool regex, const char *text, size_t len)
{
    const pat_list *l = !regex ? &b->lit : b->to_cmd ? &b->cmd : &b->re;

    for (size_t i = 0; regex && i < b->ngroups; i++) {
        if (tw_str_ieq(tw_str_c(b->groups[i].src), tw_str_make(text, len)))
            return true;
    }

    for (size_t i = 0; i < l->n; i++) {
        if (b->pats[l->ids[i]].kind == TW__PAT_RULE && l->lens[i] == len &&
            tw_str_ieq(tw_str_make(l->expr[i], len), tw_str_make(text, len)))
            return true;
    }
    return false;
}

static bool word_byte(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

/* Index after the character class that starts at re[i]; n when it does
 * not end.  A ']' first in a class is literal. */
static size_t skip_class(const char *re, size_t n, size_t i)
{
    i++;
    i += i < n && re[i] == '^';
    i += i < n && re[i] == ']';
    for (; i < n; i++) {
        if (re[i] == '\\')
            i++;
        else if (re[i] == ']')
            return i + 1;
    }
    return n;
}

/* Index after the group that starts at re[i]; n when it does not end. */
static size_t skip_group(const char *re, size_t n, size_t i)
{
    int depth = 0;

    for (; i < n; i++) {
        if (re[i] == '\\')
            i++;
        else if (re[i] == '[')
            i = skip_class(re, n, i) - 1;
        else if (re[i] == '(')
            depth++;
        else if (re[i] == ')' && --depth == 0)
            return i + 1;
    }
    return n;
}

/* Index after the {m,n} quantifier that starts at re[i]. */
static size_t quant_end(const char *re, size_t n, size_t i)
{
    const char *e = memchr(re + i, '}', n - i);

    return e ? (size_t)(e - re) + 1 : n;
}

/* True when the regex uses a construct the anchor reading does not follow:
 * extended mode (an x among inline options), escapes that take arguments
 * or quote (\x41, \0, \1, \cX, \p{..}, \Q...), comments, verbs, POSIX
 * classes. */
static bool anchor_unsafe(const char *re)
{
    for (const char *p = strchr(re, '\\'); p && p[1]; p = strchr(p + 2, '\\')) {
        if (strchr("xo0123456789cpPNgkuUQ", p[1]))
            return true;
    }
    if (strstr(re, "(*") || strstr(re, "(?#") || strstr(re, "[:") || strstr(re, "[.") ||
        strstr(re, "[="))
        return true;
    for (const char *p = strstr(re, "(?"); p; p = strstr(p + 2, "(?")) {
        size_t k = strspn(p + 2, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-^");
        if (memchr(p + 2, 'x', k))
            return true;
    }
    return false;
}

/* Bytes a run stands for: each escape counts once. */
static size_t unescaped_len(tw_str run)
{
    size_t n = 0;

    for (size_t i = 0; i < run.len; i++, n++)
        i += run.ptr[i] == '\\';
    return n;
}

/* Ends the run at re[start, end): kept when long enough and there is room. */
static void end_run(const char *re, size_t start, size_t end, size_t min, tw_str *out, size_t cap,
                    size_t *n)
{
    tw_str run = tw_str_make(re + start, end - start);

    if (end > start && *n < cap && unescaped_len(run) >= min)
        out[(*n)++] = run;
}

size_t tw__hunt_regex_anchors(const char *re, size_t min, tw_str *out, size_t cap)
{
    size_t n = strlen(re), i = 0, start = 0, nout = 0;

    if (anchor_unsafe(re))
        return 0;
    while (i < n) {
        char c = re[i];
        size_t w = c == '\\' && i + 1 < n ? 2 : 1;
        bool lit = c == '\\' ? w == 2 && !word_byte(re[i + 1]) : !strchr("^$.|?*+()[]{}", c);

        if (c == '|' || c == ')')
            return 0; /* an alternative at the top, or unbalanced */
        if (lit && !(i + w < n && strchr("?*{", re[i + w]))) {
            i += w;
            if (i < n && re[i] == '+') { /* repeated: the run ends after it */
                end_run(re, start, i, min, out, cap, &nout);
                start = ++i;
            }
            continue;
        }
        end_run(re, start, i, min, out, cap, &nout);
        if (c == '(')
            i = skip_group(re, n, i);
        else if (c == '[')
            i = skip_class(re, n, i);
        else if (c == '{')
            i = quant_end(re, n, i);
        else
            i += w;
        start = i;
    }
    end_run(re, start, i, min, out, cap, &nout);
    return nout;
}

/* A copy of an anchor without its escapes ("\\." is "."). */
static char *unescape(tw_str a, size_t *len)
{
    char *d = malloc(a.len + 1);

    *len = 0;
    for (size_t i = 0; d && i < a.len; i++) {
        i += a.ptr[i] == '\\' && i + 1 < a.len;
        d[(*len)++] = a.ptr[i];
    }
    if (d)
        d[*len] = '\0';
    return d;
}

static tw_err group_grow(builder *b)
{
    size_t cap = b->gcap ? b->gcap * 2 : 16;
    tw__anchor_group *g = realloc(b->groups, cap * sizeof(*g));

    if (!g)
        return TW_ENOMEM;
    b->groups = g;
    b->gcap = cap;
    return TW_OK;
}

/* A rule regex with anchors goes in as its anchors plus a group that
 * confirms it with PCRE2 (caseless, like the Vectorscan flags); TW_EINVAL
 * when it has none or PCRE2 rejects it: it then goes to the regex
 * database. */
static tw_err add_anchor_group(builder *b, const tw_rule *r, const char *text)
{
    tw_str runs[TW__ANCHORS_MAX];
    size_t nruns = tw__hunt_regex_anchors(text, ANCHOR_MIN, runs, TW__ANCHORS_MAX);
    tw__anchor_group g = {NULL, 0, text};
    int err;
    PCRE2_SIZE off;
    tw_err rc = TW_OK;

    if (nruns == 0)
        return TW_EINVAL;
    g.re = pcre2_compile((PCRE2_SPTR)text, PCRE2_ZERO_TERMINATED, PCRE2_CASELESS | PCRE2_MULTILINE,
                         &err, &off, NULL);
    if (!g.re)
        return TW_EINVAL;
    (void)pcre2_jit_compile(g.re, PCRE2_JIT_COMPLETE);
    if (b->ngroups == b->gcap && group_grow(b) != TW_OK) {
        pcre2_code_free(g.re);
        return TW_ENOMEM;
    }
    g.need = ((uint64_t)1 << nruns) - 1;
    b->groups[b->ngroups++] = g;
    for (size_t k = 0; k < nruns && rc == TW_OK; k++) {
        tw__pat p = {TW__PAT_ANCHOR, 0, NULL, (uint32_t)(b->ngroups - 1), (uint64_t)1 << k};
        char *lit = unescape(runs[k], &p.len);
        rc = push(b, false, lit, p.len, HS_FLAG_CASELESS, p, r);
    }
    return rc;
}

static tw_err add_match(builder *b, const tw_rule *r, const tw_rule_match *m)
{
    tw__pat p = {TW__PAT_RULE, 0, NULL, 0, 0};
    size_t len = m->text ? strlen(m->text) : 0;
    tw_err rc;

    /* regexes are caseless too, so patterns differing in case are equal */
    if (len == 0 || have_rule_pattern(b, m->regex, m->text, len))
        return TW_OK;
    if (m->regex) {
        rc = add_anchor_group(b, r, m->text);
        if (rc != TW_EINVAL)
            return rc;
    }
    return push(b, m->regex, dup_bytes(m->text, len), len,
                m->regex ? RULE_RE_FLAGS : HS_FLAG_CASELESS, p, r);
}

/* A regex of a rule that needs a command goes to the gated database,
 * looked at only on lines that can carry a command (hunt_scan.c). */
static tw_err add_rule_match(builder *b, const tw_rule *r, const tw_rule_match *m)
{
    tw_err rc;

    b->to_cmd = m->regex && tw_rule_requires_field(r, "command");
    rc = add_match(b, r, m);
    b->to_cmd = false;
    return rc;
}

/* The texts that mark a syslog line able to carry a command (log.h): the
 * gates of the gated database, when it has patterns. */
static tw_err add_gates(builder *b)
{
    const char *m[32];
    size_t n = 0;
    tw_err rc = TW_OK;

    if (b->cmd.n == 0 || !tw_log_command_markers(TW_LOG_SYSLOG, m, 32, &n))
        return TW_OK;
    for (size_t i = 0; i < n && rc == TW_OK; i++)
        rc = push(b, false, dup_bytes(m[i], strlen(m[i])), strlen(m[i]), HS_FLAG_CASELESS,
                  (tw__pat){TW__PAT_GATE, strlen(m[i]), NULL, 0, 0}, NULL);
    return rc;
}

static tw_err add_rule_patterns(builder *b, const tw_ruleset *rules)
{
    size_t n = rules ? tw_ruleset_count(rules) : 0;
    tw_err rc = TW_OK;

    for (size_t i = 0; i < n && rc == TW_OK; i++) {
        const tw_rule *r = tw_ruleset_at(rules, i);

        for (size_t j = 0; r && j < r->nmatch && rc == TW_OK; j++)
            rc = add_rule_match(b, r, &r->match[j]);
    }
    return rc;
}

/* Which address families hold prefix indicators. */
static void prefix_families(const tw_iocset *iocs, bool *v4, bool *v6)
{
    size_t n = tw_iocset_count(iocs);

    *v4 = *v6 = false;
    for (size_t i = 0; i < n; i++) {
        const tw_ioc *ioc = tw_iocset_at(iocs, i);

        if (!ioc || ioc->type != TW_IOC_IP || tw_cidr_is_host(&ioc->cidr))
            continue;
        *v4 |= ioc->cidr.addr.family == 4;
        *v6 |= ioc->cidr.addr.family == 6;
    }
}

static tw_err add_addr_scans(builder *b, const tw_iocset *iocs)
{
    bool v4, v6;
    tw_err rc = TW_OK;

    if (!iocs || !tw_iocset_needs_addr_scan(iocs))
        return TW_OK;
    prefix_families(iocs, &v4, &v6);
    if (v4)
        rc = push(b, true, dup_bytes(ADDR4_RE, strlen(ADDR4_RE)), strlen(ADDR4_RE), 0,
                  (tw__pat){TW__PAT_ADDR4, 0, NULL, 0, 0}, NULL);
    if (v6 && rc == TW_OK)
        rc = push(b, true, dup_bytes(ADDR6_RE, strlen(ADDR6_RE)), strlen(ADDR6_RE),
                  HS_FLAG_CASELESS, (tw__pat){TW__PAT_ADDR6, 0, NULL, 0, 0}, NULL);
    return rc;
}

static void list_remove(pat_list *l, size_t i)
{
    free(l->expr[i]);
    memmove(l->expr + i, l->expr + i + 1, (l->n - i - 1) * sizeof(*l->expr));
    memmove(l->lens + i, l->lens + i + 1, (l->n - i - 1) * sizeof(*l->lens));
    memmove(l->flags + i, l->flags + i + 1, (l->n - i - 1) * sizeof(*l->flags));
    memmove(l->ids + i, l->ids + i + 1, (l->n - i - 1) * sizeof(*l->ids));
    l->n--;
}

static tw_err compile_error(hs_compile_error_t *cerr, tw_diags *diags)
{
    tw_diags_add(diags, TW_DIAG_ERROR, TW_EINTERNAL, NULL, 0, 0, NULL,
                 "cannot compile the hunt patterns: %s",
                 cerr && cerr->message ? cerr->message : "unknown error");
    hs_free_compile_error(cerr);
    return TW_EINTERNAL;
}

/* The literal database: hs_compile_lit_multi, much faster to build than
 * the same literals as regexes. */
static tw_err compile_literals(builder *b, hs_database_t **db, tw_diags *diags)
{
    hs_compile_error_t *cerr = NULL;

    if (b->lit.n == 0)
        return TW_OK;
    if (hs_compile_lit_multi((const char *const *)b->lit.expr, b->lit.flags, b->lit.ids,
                             b->lit.lens, (unsigned)b->lit.n, HS_MODE_BLOCK, NULL, db,
                             &cerr) != HS_SUCCESS)
        return compile_error(cerr, diags);
    return TW_OK;
}

/* The regex database; a rule pattern Vectorscan rejects is reported and
 * left out, and the compile is tried again without it. */
static tw_err compile_regexes(builder *b, pat_list *l, hs_database_t **db, tw_diags *diags)
{
    while (l->n > 0) {
        hs_compile_error_t *cerr = NULL;
        const tw_rule *r;
        int idx;

        if (hs_compile_multi((const char *const *)l->expr, l->flags, l->ids, (unsigned)l->n,
                             HS_MODE_BLOCK, NULL, db, &cerr) == HS_SUCCESS)
            return TW_OK;
        idx = cerr ? cerr->expression : -1;
        if (idx < 0 || (size_t)idx >= l->n || !b->rule[l->ids[idx]])
            return compile_error(cerr, diags);
        r = b->rule[l->ids[idx]];
        tw_diags_add(diags, TW_DIAG_ERROR, TW_EREGEX, r->file, r->line, 0, r->id,
                     "match pattern '%s' cannot be compiled: %s; left out", l->expr[idx],
                     cerr->message);
        hs_free_compile_error(cerr);
        list_remove(l, (size_t)idx);
    }
    return TW_OK;
}

static tw_err build(tw_hunter *h, builder *b, tw_diags *diags)
{
    tw_err rc = add_literals(b, h, h->iocs);

    if (rc == TW_OK)
        rc = add_rule_patterns(b, h->rules);
    if (rc == TW_OK)
        rc = add_addr_scans(b, h->iocs);
    if (rc == TW_OK)
        rc = add_gates(b);
    if (rc == TW_OK)
        rc = compile_literals(b, &h->db_lit, diags);
    if (rc == TW_OK)
        rc = compile_regexes(b, &b->re, &h->db_re, diags);
    if (rc == TW_OK)
        rc = compile_regexes(b, &b->cmd, &h->db_cmd, diags);
    if (rc == TW_OK && h->db_lit && hs_alloc_scratch(h->db_lit, &h->proto) != HS_SUCCESS)
        rc = TW_ENOMEM;
    if (rc == TW_OK && h->db_re && hs_alloc_scratch(h->db_re, &h->proto) != HS_SUCCESS)
        rc = TW_ENOMEM;
    if (rc == TW_OK && h->db_cmd && hs_alloc_scratch(h->db_cmd, &h->proto) != HS_SUCCESS)
        rc = TW_ENOMEM;
    return rc;
}

tw_err tw_hunter_new(const tw_ruleset *rules, const tw_iocset *iocs, tw_hunter **out,
                     tw_diags *diags)
{
    tw_hunter *h = calloc(1, sizeof(*h));
    builder b = {0};
    tw_err rc = TW_ENOMEM;

    *out = NULL;
    if (!h)
        goto out;
    h->rules = rules;
    h->iocs = iocs;
    h->mctx = pcre2_match_context_create(NULL);
    if (!h->mctx)
        goto out;
    pcre2_set_match_limit(h->mctx, ANCHOR_MATCH_LIMIT);
    pcre2_set_depth_limit(h->mctx, ANCHOR_DEPTH_LIMIT);
    rc = build(h, &b, diags);
    if (rc != TW_OK)
        goto out;
    /* the table outlives the builder: take it over */
    h->pats = b.pats;
    h->npats = b.n;
    b.pats = NULL;
    h->groups = b.groups;
    h->ngroups = b.ngroups;
    b.groups = NULL;
    b.ngroups = 0;
    *out = h;
    h = NULL;
out:
    builder_release(&b);
    tw_hunter_free(h);
    return rc;
}

void tw_hunter_set_hosts(tw_hunter *h, const tw_hostmap *m)
{
    h->hosts = m;
}

void tw_hunter_free(tw_hunter *h)
{
    if (!h)
        return;
    hs_free_scratch(h->proto);
    hs_free_database(h->db_lit);
    hs_free_database(h->db_re);
    hs_free_database(h->db_cmd);
    free(h->pats);
    free_groups(h->groups, h->ngroups);
    pcre2_match_context_free(h->mctx);
    v4_drop(h);
    free(h);
}

size_t tw_hunter_pattern_count(const tw_hunter *h)
{
    return h->npats;
}
