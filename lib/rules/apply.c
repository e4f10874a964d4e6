/*
 * apply.c: runs a finished rule set over one file's facts.
 *
 * Each fact meets the "when" rules of its kind (from the kind index); a
 * match becomes a finding that points at the line of the field the rule
 * matched, with the message and remediation templates filled in from the
 * fact.  An "absent" rule gives one finding with no line when no fact of
 * its kind matches, only for a configuration (a known dialect) whose parser
 * reads that kind and that gave any fact at all: a file nothing was
 * understood of, or a log, says nothing about missing settings.  A finding on a log fact (event,
 * sighting) names the fact's host as its device.  Catch-all findings that repeat a specific finding
 * (same line, same indicator) are dropped at the end.  Every string of a finding is copied into
 * out->arena; the rule set is only read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/rules_int.h"

#include "tidewatch/config.h"
#include "tidewatch/limits.h"

/* Rule metadata copied into the findings arena, once per call. */
typedef struct {
    const char *id, *title;
    const char **attack, **references;
} rule_meta;

typedef struct {
    const tw_ruleset *rs;
    const tw_rule_env *env;
    const tw_factset *fs;
    tw_findings *out;
    const char *file;
    const char *device;
    pcre2_match_data *md;
    rule_meta *meta;  /* per rule position, filled lazily */
    bool *satisfied;  /* per rule position: an absent rule found its fact */
    size_t *catchall; /* positions in out->v of catch-all findings */
    size_t ncatch, catchcap;
    size_t *first; /* per rule position: 1 + the position in out->v of a per_device
                      rule's finding; 0: none yet */
    size_t *more;  /* per rule position: facts a per_device rule matched after it */
    /* looked up once per call: the rules of each kind that speak about this
     * file (its dialect, and the policy lists they need) */
    const tw_rule **live; /* per rule position: the rule, or NULL when it does not speak */
    const pcre2_match_context *mctx;
} apply_ctx;

/* A bounded text being built; longer text is cut at TW_LIMIT_TEXT_FIELD. */
typedef struct {
    char buf[TW_LIMIT_TEXT_FIELD + 1];
    size_t len;
} text;

static void text_add(text *t, const char *s, size_t n)
{
    size_t room = TW_LIMIT_TEXT_FIELD - t->len;

    if (n > room)
        n = room;
    memcpy(t->buf + t->len, s, n);
    t->len += n;
}

/* Copies s (at most TW_LIMIT_TEXT_FIELD bytes, not cutting a UTF-8
 * sequence) into the arena; NULL for an empty s. */
static const char *copy_capped(tw_arena *a, tw_str s, bool *oom)
{
    char *p;

    if (s.len == 0)
        return NULL;
    if (s.len > TW_LIMIT_TEXT_FIELD) {
        s.len = TW_LIMIT_TEXT_FIELD;
        while (s.len > 0 && ((unsigned char)s.ptr[s.len] & 0xC0) == 0x80)
            s.len--;
    }
    p = tw_arena_strndup(a, s.ptr, s.len);
    *oom |= p == NULL;
    return p;
}

/* What a template may name, for one finding. */
typedef struct {
    const tw_fact *fact; /* NULL for an absent rule */
    const tw__eval *st;
    const char *device;
    uint32_t line;
} tpl_env;

/* The text of {name}; false when unknown or without a value. */
static bool tpl_value(const tpl_env *e, tw_str name, tw_str *out, char *num, size_t cap)
{
    const tw_ioc *ioc = e->st != NULL ? e->st->ioc : NULL;
    const tw_field *f;
    const char *v = NULL;

    if (tw_str_eq_c(name, "device"))
        v = e->device;
    else if (tw_str_eq_c(name, "ioc"))
        v = ioc != NULL ? ioc->value : NULL;
    else if (tw_str_eq_c(name, "ioc.country"))
        v = ioc != NULL ? ioc->country : NULL;
    else if (tw_str_eq_c(name, "ioc.asn"))
        v = ioc != NULL ? ioc->asn : NULL;
    else if (tw_str_eq_c(name, "ioc.description"))
        v = ioc != NULL ? ioc->description : NULL;
    else if (tw_str_eq_c(name, "line")) {
        snprintf(num, cap, "%u", (unsigned)e->line);
        v = num;
    }
    if (v != NULL) {
        *out = tw_str_c(v);
        return true;
    }
    if (e->fact == NULL || name.len >= 64)
        return false;
    /* A field: the value the rule matched when it is that field, else the
     * first value. */
    f = e->st != NULL && e->st->first != NULL && tw_str_eq_c(name, e->st->first->name)
            ? e->st->first
            : NULL;
    if (f == NULL) {
        char key[64];
        f = tw_fact_get(e->fact, tw_str_to_c(name, key, sizeof(key)));
    }
    if (f == NULL)
        return false;
    *out = f->secret ? TW_STR("<redacted>") : f->str;
    return true;
}

/* Length of a placeholder name at s (after '{'), or 0 when s does not
 * start one. */
static size_t tpl_name_len(const char *s)
{
    size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789_.");

    return n > 0 && s[n] == '}' ? n : 0;
}

/* Fills a template into the arena; {name} with no value becomes <name>. */
static const char *render(tw_arena *a, const char *tpl, const tpl_env *e, bool *oom)
{
    text *t;
    const char *p = tpl;
    const char *r;

    if (tpl == NULL)
        return NULL;
    t = malloc(sizeof(*t));
    if (t == NULL) {
        *oom = true;
        return NULL;
    }
    t->len = 0;
    while (*p != '\0') {
        const char *brace = strchr(p, '{');
        size_t n = brace != NULL ? tpl_name_len(brace + 1) : 0;
        char num[24];
        tw_str v;
        if (brace == NULL) {
            text_add(t, p, strlen(p));
            break;
        }
        text_add(t, p, (size_t)(brace - p));
        if (n > 0 && tpl_value(e, tw_str_make(brace + 1, n), &v, num, sizeof(num))) {
            text_add(t, v.ptr, v.len);
        } else if (n > 0) {
            /* No value: "<name>", the usual mark for what the reader fills in. */
            text_add(t, "<", 1);
            text_add(t, brace + 1, n);
            text_add(t, ">", 1);
        } else {
            text_add(t, brace, 1);
        }
        p = brace + (n > 0 ? n + 2 : 1);
    }
    r = copy_capped(a, tw_str_make(t->buf, t->len), oom);
    if (r == NULL && !*oom)
        r = tw_arena_strdup(a, "");
    free(t);
    return r;
}

/* The remediation text for the device's dialect, "ios" for IOS XE, else
 * "default"; NULL when the rule has none of them. */
static const char *remediation_for(const tw_rule *r, tw_dialect d)
{
    const char *want[3] = {tw_dialect_name(d), d == TW_DIALECT_IOSXE ? "ios" : NULL, "default"};

    for (size_t w = 0; w < 3; w++) {
        for (size_t i = 0; want[w] != NULL && i < r->nremediation; i++) {
            if (strcmp(r->remediation[i].dialect, want[w]) == 0)
                return r->remediation[i].text;
        }
    }
    return NULL;
}

/* Copies a list of strings into the arena. */
static const char **copy_list(tw_arena *a, const char **v, size_t n, bool *oom)
{
    const char **c = tw_arena_zalloc(a, (n + 1) * sizeof(*c));

    for (size_t i = 0; c != NULL && i < n; i++) {
        c[i] = tw_arena_strdup(a, v[i]);
        *oom |= c[i] == NULL;
    }
    *oom |= c == NULL;
    return c;
}

/* The rule's metadata in the findings arena (copied on first use). */
static const rule_meta *meta_for(apply_ctx *a, size_t ri, bool *oom)
{
    rule_meta *m = &a->meta[ri];
    const tw_rule *r = tw_ruleset_at(a->rs, ri);

    if (m->id != NULL)
        return m;
    m->title = tw_arena_strdup(a->out->arena, r->title);
    m->attack = copy_list(a->out->arena, r->attack, r->nattack, oom);
    m->references = copy_list(a->out->arena, r->references, r->nreferences, oom);
    m->id = tw_arena_strdup(a->out->arena, r->id);
    *oom |= m->id == NULL || m->title == NULL;
    return m;
}

/* Remembers that out->v[pos] came from a catch-all rule. */
static bool note_catchall(apply_ctx *a, size_t pos)
{
    if (a->ncatch == a->catchcap) {
        size_t cap = a->catchcap ? a->catchcap * 2 : 16;
        size_t *v = realloc(a->catchall, cap * sizeof(*v));
        if (v == NULL)
            return false;
        a->catchall = v;
        a->catchcap = cap;
    }
    a->catchall[a->ncatch++] = pos;
    return true;
}

/* Where a finding points: the matched field's own line, else the fact's;
 * nothing for an absent rule or an implied fact. */
static void locate(const tw_fact *f, const tw__eval *st, uint32_t *line, tw_str *evidence)
{
    *line = 0;
    *evidence = TW_STR_NULL;
    if (f == NULL)
        return;
    if (st->hit != NULL) {
        *line = st->hit->line;
        *evidence = st->hit->evidence;
    } else if (f->line != 0) {
        *line = f->line;
        *evidence = f->evidence;
    }
}

/* The device of a finding: a log fact's own host, else the file's
 * hostname. */
static const char *device_for(apply_ctx *a, const tw_fact *f, bool *oom)
{
    const tw_field *host;

    if (f == NULL || (f->kind != TW_FACT_EVENT && f->kind != TW_FACT_SIGHTING))
        return a->device;
    host = tw_fact_get(f, "host");
    if (host == NULL || host->str.len == 0)
        return a->device;
    return copy_capped(a->out->arena, host->str, oom);
}

/* The acting user of a log fact (event or sighting), or NULL. */
static const char *user_for(apply_ctx *a, const tw_fact *f, bool *oom)
{
    const tw_field *user;

    if (f == NULL || (f->kind != TW_FACT_EVENT && f->kind != TW_FACT_SIGHTING))
        return NULL;
    user = tw_fact_get(f, "user");
    if (user == NULL || user->str.len == 0)
        return NULL;
    return copy_capped(a->out->arena, user->str, oom);
}

/* Appends the finding of rule ri for fact f (NULL: an absent rule). */
static tw_err emit(apply_ctx *a, size_t ri, const tw_fact *f, const tw__eval *st)
{
    const tw_rule *r = tw_ruleset_at(a->rs, ri);
    tw_arena *ar = a->out->arena;
    bool oom = false;
    const rule_meta *m = meta_for(a, ri, &oom);
    tw_finding fd = {.rule = m->id,
                     .severity = r->severity,
                     .category = r->category,
                     .title = m->title,
                     .file = a->file,
                     .device = device_for(a, f, &oom),
                     .user = user_for(a, f, &oom),
                     .attack = m->attack,
                     .nattack = r->nattack,
                     .references = m->references,
                     .nreferences = r->nreferences};
    tpl_env e = {f, st, fd.device, 0};
    tw_str ev;
    tw_err rc;

    locate(f, st, &fd.line, &ev);
    e.line = fd.line;
    fd.evidence = copy_capped(ar, ev, &oom);
    fd.ioc = st != NULL && st->ioc != NULL ? tw_arena_strdup(ar, st->ioc->value) : NULL;
    fd.message = render(ar, r->message != NULL ? r->message : r->title, &e, &oom);
    fd.remediation = render(ar, remediation_for(r, a->fs->dialect), &e, &oom);
    if (oom)
        return TW_ENOMEM;
    rc = tw_findings_push(a->out, &fd);
    if (rc == TW_OK && r->catchall && !note_catchall(a, a->out->n - 1))
        rc = TW_ENOMEM;
    return rc;
}

/* Runs the rules of the fact's kind over one fact. */
static tw_err apply_fact(apply_ctx *a, const tw_fact *f)
{
    size_t n, na;
    const size_t *idx = tw__ruleset_kind(a->rs, f->kind, &n);
    const size_t *abs = tw__ruleset_absent(a->rs, f->kind, &na);
    tw_err rc = TW_OK;

    for (size_t i = 0; i < n && rc == TW_OK; i++) {
        const tw_rule *r = a->live[idx[i]];
        tw__eval st = {.env = a->env, .md = a->md, .mctx = a->mctx};

        if (r == NULL || !tw__pred_guard(r->pred, f, &st) || !tw__pred_eval(r->pred, f, &st))
            continue;
        if (r->per_device && a->first[idx[i]] != 0) {
            a->more[idx[i]]++; /* counted on the file's one finding */
            continue;
        }
        rc = emit(a, idx[i], f, &st);
        if (r->per_device && rc == TW_OK)
            a->first[idx[i]] = a->out->n;
    }
    for (size_t i = 0; i < na; i++) {
        tw__eval st = {.env = a->env, .md = a->md, .mctx = a->mctx};
        if (!a->satisfied[abs[i]])
            a->satisfied[abs[i]] = tw__pred_eval(tw_ruleset_at(a->rs, abs[i])->pred, f, &st);
    }
    return rc;
}

/* Says on the one finding of each per_device rule how many other facts
 * matched: "(and N more)" after the message, and a "more" detail. */
static tw_err note_more(apply_ctx *a)
{
    tw_arena *ar = a->out->arena;

    for (size_t i = 0; i < tw_ruleset_count(a->rs); i++) {
        tw_finding *fd;
        tw_detail *det;

        if (a->more[i] == 0)
            continue;
        fd = &a->out->v[a->first[i] - 1];
        det = tw_arena_alloc(ar, (fd->ndetails + 1) * sizeof(*det));
        if (det == NULL)
            return TW_ENOMEM;
        if (fd->ndetails > 0)
            memcpy(det, fd->details, fd->ndetails * sizeof(*det));
        det[fd->ndetails].name = "more";
        det[fd->ndetails].value = tw_arena_printf(ar, "%zu", a->more[i]);
        fd->message = tw_arena_printf(ar, "%s (and %zu more)", fd->message, a->more[i]);
        if (det[fd->ndetails].value == NULL || fd->message == NULL)
            return TW_ENOMEM;
        fd->details = det;
        fd->ndetails++;
    }
    return TW_OK;
}

/* Emits the absent rules that no fact satisfied. */
static tw_err apply_absent(apply_ctx *a)
{
    tw_err rc = TW_OK;

    for (size_t k = 0; k < TW__FACT_KIND_COUNT && rc == TW_OK; k++) {
        size_t na;
        const size_t *abs = tw__ruleset_absent(a->rs, (tw_fact_kind)k, &na);

        if (!tw_dialect_reads(a->fs->dialect, (tw_fact_kind)k))
            continue; /* the parser cannot tell that the setting is missing */
        for (size_t i = 0; i < na && rc == TW_OK; i++) {
            uint32_t dl = tw_ruleset_at(a->rs, abs[i])->dialects;

            if (!a->satisfied[abs[i]] && (dl == 0 || dl >> a->fs->dialect & 1))
                rc = emit(a, abs[i], NULL, NULL);
        }
    }
    return rc;
}

/* Orders findings by line, then indicator (NULL first). */
static int key_cmp(const void *x, const void *y)
{
    const tw_finding *a = *(const tw_finding *const *)x;
    const tw_finding *b = *(const tw_finding *const *)y;

    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->ioc == NULL || b->ioc == NULL)
        return (a->ioc != NULL) - (b->ioc != NULL);
    return strcmp(a->ioc, b->ioc);
}

/* Drops catch-all findings (added since start) that repeat the line and
 * indicator of a specific finding added since start. */
static tw_err dedupe_catchall(apply_ctx *a, size_t start)
{
    tw_findings *o = a->out;
    const tw_finding **keys = malloc((o->n - start + 1) * sizeof(*keys));
    bool *drop = calloc(o->n - start + 1, sizeof(*drop));
    size_t nk = 0, c = 0, w = start;
    tw_err rc = TW_ENOMEM;

    if (keys == NULL || drop == NULL)
        goto out;
    for (size_t i = start; i < o->n; i++) {
        if (c < a->ncatch && a->catchall[c] == i)
            c++;
        else
            keys[nk++] = &o->v[i];
    }
    qsort(keys, nk, sizeof(*keys), key_cmp);
    for (c = 0; c < a->ncatch; c++) {
        const tw_finding *f = &o->v[a->catchall[c]];
        drop[a->catchall[c] - start] = bsearch(&f, keys, nk, sizeof(*keys), key_cmp) != NULL;
    }
    for (size_t i = start; i < o->n; i++) {
        if (!drop[i - start])
            o->v[w++] = o->v[i];
    }
    o->n = w;
    rc = TW_OK;
out:
    free(keys);
    free(drop);
    return rc;
}

/* Sets up the per-call state; false on ENOMEM. */
static bool ctx_init(apply_ctx *a, const char *file, const tw_factset *fs)
{
    size_t n = tw_ruleset_count(a->rs) + 1;
    bool oom = false;

    a->meta = calloc(n, sizeof(*a->meta));
    a->satisfied = calloc(n, sizeof(*a->satisfied));
    a->first = calloc(2 * n, sizeof(*a->first));
    a->more = a->first != NULL ? a->first + n : NULL;
    a->live = calloc(n, sizeof(*a->live));
    a->mctx = tw__ruleset_mctx(a->rs);
    for (size_t i = 0; a->live != NULL && i + 1 < n; i++) {
        const tw_rule *r = tw_ruleset_at(a->rs, i);
        if (r->policy != NULL && !tw_policy_has(a->env ? a->env->policy : NULL, r->policy))
            continue; /* the rule speaks only where the policy gives its list */
        if (r->dialects != 0 && !(r->dialects >> fs->dialect & 1))
            continue; /* the rule is about other dialects */
        a->live[i] = r;
    }
    a->md = pcre2_match_data_create(1, NULL);
    a->file = file != NULL ? copy_capped(a->out->arena, tw_str_c(file), &oom) : NULL;
    a->device = copy_capped(a->out->arena, fs->hostname, &oom);
    return a->meta != NULL && a->satisfied != NULL && a->first != NULL && a->live != NULL &&
           a->md != NULL && !oom;
}

/* Applies every rule to one file's facts (see rules.h).  TW_EINVAL when
 * the set is not finished; TW_ELIMIT when out is full; TW_ENOMEM.
 * Thread-safe for a shared rule set and distinct fs / out. */
tw_err tw_rules_apply(const tw_ruleset *rs, const tw_rule_env *env, const char *file,
                      const tw_factset *fs, tw_findings *out)
{
    apply_ctx a = {.rs = rs, .env = env, .fs = fs, .out = out};
    size_t start = out->n;
    tw_err rc = TW_ENOMEM;

    if (!tw__ruleset_finished(rs))
        return TW_EINVAL;
    if (!ctx_init(&a, file, fs))
        goto out;
    rc = TW_OK;
    for (size_t i = 0; i < fs->n && rc == TW_OK; i++)
        rc = apply_fact(&a, &fs->v[i]);
    if (rc == TW_OK)
        rc = note_more(&a); /* before the catch-all pass moves findings */
    if (rc == TW_OK && fs->n > 0 && fs->dialect != TW_DIALECT_UNKNOWN)
        rc = apply_absent(&a);
    if (a.ncatch > 0 && dedupe_catchall(&a, start) != TW_OK && rc == TW_OK)
        rc = TW_ENOMEM;
out:
    pcre2_match_data_free(a.md);
    free(a.meta);
    free(a.satisfied);
    free(a.first);
    free(a.live);
    free(a.catchall);
    return rc;
}
