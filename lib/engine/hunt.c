/*
 * hunt.c: building the hunter: the Vectorscan block-mode databases of every
 * pattern a hunt looks for, compiled once per run.
 *
 * Literals go into one database built with hs_compile_lit_multi (several
 * times faster to compile than the same literals as regexes: start-up
 * matters), regexes into a second one that exists only when a rule has a
 * regex pattern or the indicators hold prefixes; usually there is none and
 * a chunk is scanned once.  Pattern ids index a table (hunt_int.h) that
 * says what a hit means: an indicator literal (caseless as the literal
 * asks; no start-of-match tracking, since the start is the end minus the
 * literal's length), a rule's `match` pattern (a literal, caseless and
 * stored once however many rules name it, or a regex compiled as a
 * prefilter, which may over-match but never misses), or an address
 * candidate (IPv4 and IPv6 tokens, for prefixes that no literal can find).
 * The scanner lives in hunt_scan.c.
 */
#include <stdlib.h>
#include <string.h>

#include "engine/hunt_int.h"
#include "tidewatch/limits.h"

/* The regexes that find address candidates; the scanner takes the whole
 * token around each hit and parses it. */
#define ADDR4_RE "[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}\\.[0-9]{1,3}"
#define ADDR6_RE "[0-9a-f]{0,4}:[0-9a-f]{0,4}:[0-9a-f:.]*"

/* A rule regex: ^ and $ at line ends, and as a prefilter (a superset of
 * its matches, so constructs Vectorscan lacks still compile). */
#define RULE_RE_FLAGS (HS_FLAG_CASELESS | HS_FLAG_MULTILINE | HS_FLAG_PREFILTER)

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
    tw__pat *pats;
    const tw_rule **rule; /* the rule a pattern came from, for diagnostics */
    size_t n, cap;
} builder;

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
    free(b->pats);
    free(b->rule);
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
    pat_list *l = regex ? &b->re : &b->lit;

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

static tw_err add_literals(builder *b, const tw_iocset *iocs)
{
    size_t n = iocs ? tw_iocset_literal_count(iocs) : 0;
    tw_err rc = TW_OK;

    for (size_t i = 0; i < n && rc == TW_OK; i++) {
        const tw_ioc_literal *lit = tw_iocset_literal(iocs, i);
        tw__pat p = {TW__PAT_LITERAL, lit ? lit->len : 0, lit};

        if (!lit || lit->len == 0)
            continue;
        rc = push(b, false, dup_bytes(lit->text, lit->len), lit->len,
                  lit->caseless ? HS_FLAG_CASELESS : 0, p, NULL);
    }
    return rc;
}

/* True when an equal rule pattern is in already: every rule hit means the
 * same (the line is a candidate), so one copy is enough. */
static bool have_rule_pattern(const builder *b, bool regex, const char *text, size_t len)
{
    const pat_list *l = regex ? &b->re : &b->lit;

    for (size_t i = 0; i < l->n; i++) {
        if (b->pats[l->ids[i]].kind == TW__PAT_RULE && l->lens[i] == len &&
            tw_str_ieq(tw_str_make(l->expr[i], len), tw_str_make(text, len)))
            return true;
    }
    return false;
}

static tw_err add_rule_match(builder *b, const tw_rule *r, const tw_rule_match *m)
{
    tw__pat p = {TW__PAT_RULE, 0, NULL};
    size_t len = m->text ? strlen(m->text) : 0;

    /* regexes are caseless too, so patterns differing in case are equal */
    if (len == 0 || have_rule_pattern(b, m->regex, m->text, len))
        return TW_OK;
    return push(b, m->regex, dup_bytes(m->text, len), len,
                m->regex ? RULE_RE_FLAGS : HS_FLAG_CASELESS, p, r);
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
                  (tw__pat){TW__PAT_ADDR4, 0, NULL}, NULL);
    if (v6 && rc == TW_OK)
        rc = push(b, true, dup_bytes(ADDR6_RE, strlen(ADDR6_RE)), strlen(ADDR6_RE),
                  HS_FLAG_CASELESS, (tw__pat){TW__PAT_ADDR6, 0, NULL}, NULL);
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
static tw_err compile_regexes(builder *b, hs_database_t **db, tw_diags *diags)
{
    pat_list *l = &b->re;

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
    tw_err rc = add_literals(b, h->iocs);

    if (rc == TW_OK)
        rc = add_rule_patterns(b, h->rules);
    if (rc == TW_OK)
        rc = add_addr_scans(b, h->iocs);
    if (rc == TW_OK)
        rc = compile_literals(b, &h->db_lit, diags);
    if (rc == TW_OK)
        rc = compile_regexes(b, &h->db_re, diags);
    if (rc == TW_OK && h->db_lit && hs_alloc_scratch(h->db_lit, &h->proto) != HS_SUCCESS)
        rc = TW_ENOMEM;
    if (rc == TW_OK && h->db_re && hs_alloc_scratch(h->db_re, &h->proto) != HS_SUCCESS)
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
    rc = build(h, &b, diags);
    if (rc != TW_OK)
        goto out;
    /* the table outlives the builder: take it over */
    h->pats = b.pats;
    h->npats = b.n;
    b.pats = NULL;
    *out = h;
    h = NULL;
out:
    builder_release(&b);
    tw_hunter_free(h);
    return rc;
}

void tw_hunter_free(tw_hunter *h)
{
    if (!h)
        return;
    hs_free_scratch(h->proto);
    hs_free_database(h->db_lit);
    hs_free_database(h->db_re);
    free(h->pats);
    free(h);
}

size_t tw_hunter_pattern_count(const tw_hunter *h)
{
    return h->npats;
}
