/*
 * drift_acl.c: ACL entries compared in order (drift.h).
 *
 * The order of an access list decides what it does (the first entry that
 * matches wins), so its entries are compared as a sequence, list by list:
 * the k-th occurrence of an entry text before pairs with its k-th
 * occurrence after; entries left over are added or removed, or changed
 * when both sides number their entries and a removed and an added entry
 * share a sequence number.  Of the paired entries, the longest run that
 * kept its relative order stays; the others moved.  Remarks are comments
 * and are not compared.
 */
#include <stdlib.h>
#include <string.h>

#include "drift_int.h"
#include "facttext.h"

typedef struct {
    const char *list; /* the list's name, with " (ipv6)" for an IPv6 list */
    const char *text; /* action protocol src [port] dst [port] */
    const tw_fact *f;
    size_t fpos; /* in the fact set: the order in the file */
    size_t pos;  /* in its list, from 0 */
    int64_t seq;
    bool has_seq, permit;
    size_t pair; /* 1 + the paired entry's index on the other side; 0: none */
    bool moved;
} ent;

/* One side's entries of one list: v[from, to). */
typedef struct {
    ent *v;
    size_t from, to;
} run;

static const char *const attack[] = {"T1562.004"};

static int ent_cmp(const void *x, const void *y)
{
    const ent *a = x, *b = y;
    int c = strcmp(a->list, b->list);

    if (c != 0)
        return c;
    return a->fpos < b->fpos ? -1 : a->fpos > b->fpos;
}

/* The entries of fs (no remarks), sorted by list then file order; their
 * strings in ar.  *out is malloc'd. */
static tw_err collect(tw_arena *ar, const tw_factset *fs, ent **out, size_t *nout)
{
    size_t n = 0;
    ent *v;

    *out = NULL;
    *nout = 0;
    for (size_t i = 0; i < fs->n; i++)
        n += fs->v[i].kind == TW_FACT_ACL_ENTRY;
    if (n == 0)
        return TW_OK;
    v = calloc(n, sizeof(*v));
    if (v == NULL)
        return TW_ENOMEM;
    n = 0;
    for (size_t i = 0; i < fs->n; i++) {
        const tw_fact *f = &fs->v[i];
        const tw_field *list = tw_fact_get(f, "list"), *fam = tw_fact_get(f, "family");
        const tw_field *seq = tw_fact_get(f, "seq");
        tw__text t;
        tw__text_init(&t);
        ent *e = &v[n];

        if (f->kind != TW_FACT_ACL_ENTRY || list == NULL || !tw__acl_text(&t, f, &e->permit))
            continue;
        e->text = tw_arena_strndup(ar, t.b, t.n);
        e->list =
            tw_arena_printf(ar, "%.*s%s", (int)(list->str.len > 200 ? 200 : list->str.len),
                            list->str.ptr, fam && tw_str_eq_c(fam->str, "ipv6") ? " (ipv6)" : "");
        if (e->text == NULL || e->list == NULL) {
            free(v);
            return TW_ENOMEM;
        }
        e->f = f;
        e->fpos = i;
        e->has_seq = seq != NULL && seq->type == TW_VAL_NUM;
        e->seq = e->has_seq ? seq->num : 0;
        n++;
    }
    qsort(v, n, sizeof(*v), ent_cmp);
    for (size_t i = 0; i < n; i++)
        v[i].pos = i > 0 && strcmp(v[i].list, v[i - 1].list) == 0 ? v[i - 1].pos + 1 : 0;
    *out = v;
    *nout = n;
    return TW_OK;
}

/* An entry of a run as sorted for pairing: by text (then position) or by
 * sequence number. */
typedef struct {
    const char *text;
    int64_t seq;
    size_t pos, i; /* i: the entry's index in the run's vector */
} key;

static int by_text(const void *x, const void *y)
{
    const key *a = x, *b = y;
    int c = strcmp(a->text, b->text);

    if (c != 0)
        return c;
    return a->pos < b->pos ? -1 : a->pos > b->pos;
}

static int by_seq(const void *x, const void *y)
{
    const key *a = x, *b = y;

    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The keys of r's entries (only the unpaired ones that have a sequence
 * number when seqs), sorted by cmp; *n their number; NULL on ENOMEM. */
static key *sorted(const run *r, bool seqs, int (*cmp)(const void *, const void *), size_t *n)
{
    key *k = malloc((r->to - r->from + 1) * sizeof(*k));

    *n = 0;
    if (k == NULL)
        return NULL;
    for (size_t i = r->from; i < r->to; i++) {
        const ent *e = &r->v[i];
        if (!seqs || (e->pair == 0 && e->has_seq))
            k[(*n)++] = (key){e->text, e->seq, e->pos, i};
    }
    qsort(k, *n, sizeof(*k), cmp);
    return k;
}

/* Pairs entries of b and a whose keys compare equal under cmp, walking
 * both sorted key lists; with seqs the pairs are changes (marked in
 * changed, by index in a). */
static bool pair_by(const run *b, const run *a, bool seqs, bool *changed)
{
    int (*cmp)(const void *, const void *) = seqs ? by_seq : by_text;
    size_t nb, na, i = 0, j = 0;
    key *kb = sorted(b, seqs, cmp, &nb), *ka = sorted(a, seqs, cmp, &na);
    bool ok = kb != NULL && ka != NULL;

    while (ok && i < nb && j < na) {
        int c = seqs ? by_seq(&kb[i], &ka[j]) : strcmp(kb[i].text, ka[j].text);
        if (c < 0) {
            i++;
        } else if (c > 0) {
            j++;
        } else {
            b->v[kb[i].i].pair = ka[j].i + 1;
            a->v[ka[j].i].pair = kb[i].i + 1;
            if (seqs)
                changed[ka[j].i - a->from] = true;
            i++;
            j++;
        }
    }
    free(kb);
    free(ka);
    return ok;
}

/* Marks as moved the paired entries of a (text pairs, not changes) outside
 * a longest run whose before positions increase (patience sorting). */
static bool mark_moved(const run *b, const run *a, const bool *changed_a)
{
    size_t n = a->to - a->from, len = 0;
    size_t *tail = malloc((n + 1) * sizeof(*tail)), *prev = malloc((n + 1) * sizeof(*prev));
    size_t *idx = malloc((n + 1) * sizeof(*idx));
    size_t m = 0;

    if (tail == NULL || prev == NULL || idx == NULL) {
        free(tail);
        free(prev);
        free(idx);
        return false;
    }
    for (size_t i = a->from; i < a->to; i++) {
        if (a->v[i].pair != 0 && !changed_a[i - a->from])
            idx[m++] = i;
    }
    for (size_t k = 0; k < m; k++) {
        size_t p = b->v[a->v[idx[k]].pair - 1].pos, lo = 0, hi = len;
        while (lo < hi) { /* the first tail whose before position is >= p */
            size_t mid = (lo + hi) / 2;
            if (b->v[a->v[idx[tail[mid]]].pair - 1].pos < p)
                lo = mid + 1;
            else
                hi = mid;
        }
        prev[k] = lo > 0 ? tail[lo - 1] : (size_t)-1;
        tail[lo] = k;
        len += lo == len;
    }
    for (size_t k = 0; k < m; k++)
        a->v[idx[k]].moved = true;
    for (size_t k = len > 0 ? tail[len - 1] : (size_t)-1; k != (size_t)-1; k = prev[k])
        a->v[idx[k]].moved = false;
    free(tail);
    free(prev);
    free(idx);
    return true;
}

static bool public_entry(const ent *e)
{
    return tw__fact_public(e->f, "src") || tw__fact_public(e->f, "dst");
}

/* A new entry: a permit for an indicator critical, beyond the network
 * high, else medium; a deny low. */
static tw_severity added_sev(const ent *e)
{
    return !e->permit ? TW_SEV_LOW : public_entry(e) ? TW_SEV_HIGH : TW_SEV_MEDIUM;
}

static tw_err emit_entry(const tw__drift *d, tw__change_kind kind, const ent *e, const ent *was,
                         size_t count)
{
    tw_arena *ar = d->out->arena;
    tw__drift_change c = {
        .id = "ACL-ENTRY",
        .label = "ACL entry",
        .kind = kind,
        .object = e->list,
        .summary = "",
        .fact = e->f,
        .line = e->f->line,
        .evidence = e->f->evidence,
        .attack = attack,
        .nattack = 1,
    };

    switch (kind) {
    case TW__CH_ADDED:
        c.sev = added_sev(e);
        c.after = e->text;
        c.ioc = e->permit ? tw__drift_ioc(d, e->f) : NULL;
        c.message = tw_arena_printf(ar, "access list %s: entry added: %s (entry %zu of %zu)",
                                    e->list, e->text, e->pos + 1, count);
        break;
    case TW__CH_REMOVED:
        c.sev = e->permit ? TW_SEV_LOW : TW_SEV_MEDIUM;
        c.before = e->text;
        c.message = tw_arena_printf(ar,
                                    "access list %s: entry removed: %s (it was entry %zu "
                                    "of %zu, at %s:%u)",
                                    e->list, e->text, e->pos + 1, count, d->bfile ? d->bfile : "-",
                                    e->f->line);
        break;
    case TW__CH_CHANGED:
        c.sev =
            e->permit ? (added_sev(e) > TW_SEV_MEDIUM ? added_sev(e) : TW_SEV_MEDIUM) : TW_SEV_LOW;
        c.before = was->text;
        c.after = e->text;
        c.ioc = e->permit && tw__drift_ioc(d, was->f) == NULL ? tw__drift_ioc(d, e->f) : NULL;
        c.message = tw_arena_printf(ar, "access list %s: entry %lld changed: %s -> %s", e->list,
                                    (long long)e->seq, was->text, e->text);
        break;
    default:
        c.sev = TW_SEV_MEDIUM;
        c.before = tw_arena_printf(ar, "entry %zu", was->pos + 1);
        c.after = tw_arena_printf(ar, "entry %zu", e->pos + 1);
        c.message = tw_arena_printf(ar,
                                    "access list %s: entry %s moved from position %zu to "
                                    "%zu of %zu",
                                    e->list, e->text, was->pos + 1, e->pos + 1, count);
        break;
    }
    if (c.ioc != NULL)
        c.sev = TW_SEV_CRITICAL;
    if (c.message == NULL || (kind == TW__CH_MOVED && (c.before == NULL || c.after == NULL)))
        return TW_ENOMEM;
    return tw__drift_emit(d, &c);
}

/* Compares one list: b and a are its runs (either may be empty). */
static tw_err compare_list(const tw__drift *d, const run *b, const run *a)
{
    size_t nb = b->to - b->from, na = a->to - a->from;
    bool *ca = calloc(na + 1, sizeof(*ca));
    tw_err rc = TW_ENOMEM;

    if (ca == NULL || !pair_by(b, a, false, ca) || !pair_by(b, a, true, ca) ||
        !mark_moved(b, a, ca))
        goto out;
    rc = TW_OK;
    for (size_t i = b->from; i < b->to && rc == TW_OK; i++) {
        if (b->v[i].pair == 0)
            rc = emit_entry(d, TW__CH_REMOVED, &b->v[i], NULL, nb);
    }
    for (size_t i = a->from; i < a->to && rc == TW_OK; i++) {
        const ent *e = &a->v[i], *was = e->pair ? &b->v[e->pair - 1] : NULL;
        if (was == NULL)
            rc = emit_entry(d, TW__CH_ADDED, e, NULL, na);
        else if (ca[i - a->from])
            rc = emit_entry(d, TW__CH_CHANGED, e, was, na);
        else if (e->moved)
            rc = emit_entry(d, TW__CH_MOVED, e, was, na);
    }
out:
    free(ca);
    return rc;
}

tw_err tw__drift_acls(const tw__drift *d)
{
    tw_arena *ar = tw_arena_new(0);
    ent *bv = NULL, *av = NULL;
    size_t nb = 0, na = 0, i = 0, j = 0;
    tw_err rc = ar != NULL ? collect(ar, d->b, &bv, &nb) : TW_ENOMEM;

    if (rc == TW_OK)
        rc = collect(ar, d->a, &av, &na);
    while (rc == TW_OK && (i < nb || j < na)) {
        int c = i == nb ? 1 : j == na ? -1 : strcmp(bv[i].list, av[j].list);
        run b = {bv, i, i}, a = {av, j, j};
        if (c <= 0)
            for (b.to = i; b.to < nb && strcmp(bv[b.to].list, bv[i].list) == 0; b.to++)
                ;
        if (c >= 0)
            for (a.to = j; a.to < na && strcmp(av[a.to].list, av[j].list) == 0; a.to++)
                ;
        rc = compare_list(d, &b, &a);
        i = b.to;
        j = a.to;
    }
    free(bv);
    free(av);
    tw_arena_free(ar);
    return rc;
}
