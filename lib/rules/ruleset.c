/*
 * ruleset.c: the rule set container.
 *
 * Rules live in the set's arena; the set keeps a vector of rule pointers, a
 * hash from id to position (so that a later pack's rule replaces the
 * earlier one and look-ups stay fast) and, once finished, the rules sorted
 * by id with an index of rule positions per fact kind.  A finished set is
 * immutable; every function that reads it is thread-safe.
 */
#include <stdlib.h>
#include <string.h>

#include "rules/rules_int.h"

#include "tidewatch/limits.h"

struct tw_ruleset {
    tw_arena *arena;
    tw_rule **v;
    uint32_t *pack; /* pack number of each rule */
    size_t n, cap;
    size_t *hash; /* 1 + position, 0 for empty; hcap slots */
    size_t hcap;
    uint32_t npacks;
    bool finished;
    size_t *kind_idx[TW__FACT_KIND_COUNT];
    size_t kind_n[TW__FACT_KIND_COUNT];
    size_t *absent_idx[TW__FACT_KIND_COUNT];
    size_t absent_n[TW__FACT_KIND_COUNT];
    pcre2_match_context *mctx;
};

/* Match limits for rule regexes: enough for any sane pattern, and a stop
 * for catastrophic backtracking on hostile text. */
#define TW__RE_MATCH_LIMIT 200000
#define TW__RE_DEPTH_LIMIT 10000

/* Creates an empty rule set; NULL on ENOMEM.  Not thread-safe until
 * finished. */
tw_ruleset *tw_ruleset_new(void)
{
    tw_ruleset *rs = calloc(1, sizeof(*rs));

    if (rs == NULL)
        return NULL;
    rs->arena = tw_arena_new(0);
    rs->mctx = pcre2_match_context_create(NULL);
    if (rs->arena == NULL || rs->mctx == NULL) {
        tw_ruleset_free(rs);
        return NULL;
    }
    pcre2_set_match_limit(rs->mctx, TW__RE_MATCH_LIMIT);
    pcre2_set_depth_limit(rs->mctx, TW__RE_DEPTH_LIMIT);
    return rs;
}

/* Frees the set, its rules and compiled regexes; NULL is accepted. */
void tw_ruleset_free(tw_ruleset *rs)
{
    if (rs == NULL)
        return;
    for (size_t i = 0; i < rs->n; i++)
        tw__pred_free(rs->v[i]->pred);
    for (size_t k = 0; k < TW__FACT_KIND_COUNT; k++) {
        free(rs->kind_idx[k]);
        free(rs->absent_idx[k]);
    }
    free(rs->hash);
    free(rs->v);
    free(rs->pack);
    pcre2_match_context_free(rs->mctx);
    tw_arena_free(rs->arena);
    free(rs);
}

tw_arena *tw__ruleset_arena(tw_ruleset *rs)
{
    return rs->arena;
}

bool tw__ruleset_finished(const tw_ruleset *rs)
{
    return rs->finished;
}

uint32_t tw__ruleset_next_pack(tw_ruleset *rs)
{
    return ++rs->npacks;
}

const pcre2_match_context *tw__ruleset_mctx(const tw_ruleset *rs)
{
    return rs->mctx;
}

/* FNV-1a of a NUL-terminated id. */
static size_t id_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL;

    for (; *s != '\0'; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (size_t)h;
}

/* Slot of id in the hash: its entry or the empty slot where it would go. */
static size_t hash_slot(const tw_ruleset *rs, const char *id)
{
    size_t mask = rs->hcap - 1;
    size_t i = id_hash(id) & mask;

    while (rs->hash[i] != 0 && strcmp(rs->v[rs->hash[i] - 1]->id, id) != 0)
        i = (i + 1) & mask;
    return i;
}

/* Rebuilds the hash with room for twice the rules. */
static bool hash_rebuild(tw_ruleset *rs, size_t want)
{
    size_t cap = 64;

    while (cap < want * 2)
        cap *= 2;
    free(rs->hash);
    rs->hash = calloc(cap, sizeof(*rs->hash));
    rs->hcap = rs->hash != NULL ? cap : 0;
    if (rs->hash == NULL)
        return false;
    for (size_t i = 0; i < rs->n; i++)
        rs->hash[hash_slot(rs, rs->v[i]->id)] = i + 1;
    return true;
}

/* Position of the rule with id, or -1. */
static ptrdiff_t rule_pos(const tw_ruleset *rs, const char *id)
{
    size_t slot;

    if (rs->hcap == 0)
        return -1;
    slot = hash_slot(rs, id);
    return rs->hash[slot] != 0 ? (ptrdiff_t)(rs->hash[slot] - 1) : -1;
}

bool tw__ruleset_in_pack(const tw_ruleset *rs, const char *id, uint32_t pack)
{
    ptrdiff_t i = rule_pos(rs, id);

    return i >= 0 && rs->pack[i] == pack;
}

/* Grows the rule vectors for one more rule. */
static bool reserve_one(tw_ruleset *rs)
{
    size_t cap = rs->cap ? rs->cap * 2 : 64;
    tw_rule **v;
    uint32_t *pk;

    if (rs->n < rs->cap)
        return true;
    v = realloc(rs->v, cap * sizeof(*v));
    if (v == NULL)
        return false;
    rs->v = v;
    pk = realloc(rs->pack, cap * sizeof(*pk));
    if (pk == NULL)
        return false;
    rs->pack = pk;
    rs->cap = cap;
    return true;
}

tw_err tw__ruleset_put(tw_ruleset *rs, tw_rule *r, uint32_t pack)
{
    ptrdiff_t i = rule_pos(rs, r->id);

    if (i >= 0) {
        tw__pred_free(rs->v[i]->pred);
        rs->v[i] = r;
        rs->pack[i] = pack;
        return TW_OK;
    }
    if (rs->n >= TW_LIMIT_RULES)
        return TW_ELIMIT;
    if (!reserve_one(rs))
        return TW_ENOMEM;
    if (rs->hcap < (rs->n + 1) * 2 && !hash_rebuild(rs, rs->n + 1))
        return TW_ENOMEM;
    rs->v[rs->n] = r;
    rs->pack[rs->n] = pack;
    rs->hash[hash_slot(rs, r->id)] = ++rs->n;
    return TW_OK;
}

static int rule_cmp(const void *a, const void *b)
{
    const tw_rule *x = *(const tw_rule *const *)a;
    const tw_rule *y = *(const tw_rule *const *)b;

    return strcmp(x->id, y->id);
}

/* Appends position i to a malloc'd index vector sized for n entries. */
static bool index_add(size_t **idx, size_t *n, size_t total, size_t i)
{
    if (*idx == NULL) {
        *idx = malloc(total * sizeof(**idx));
        if (*idx == NULL)
            return false;
    }
    (*idx)[(*n)++] = i;
    return true;
}

/* Sorts the rules by id, JIT-compiles their regexes and indexes them by
 * fact kind.  TW_EINVAL when already finished; TW_ENOMEM. */
tw_err tw_ruleset_finish(tw_ruleset *rs, tw_diags *diags)
{
    (void)diags;
    if (rs->finished)
        return TW_EINVAL;
    if (rs->n > 0)
        qsort(rs->v, rs->n, sizeof(*rs->v), rule_cmp);
    for (size_t i = 0; i < rs->n; i++) {
        tw_rule *r = rs->v[i];
        bool ok = r->absent ? index_add(&rs->absent_idx[r->kind], &rs->absent_n[r->kind], rs->n, i)
                            : index_add(&rs->kind_idx[r->kind], &rs->kind_n[r->kind], rs->n, i);
        if (!ok)
            return TW_ENOMEM;
        tw__pred_finish(r->pred);
    }
    if (rs->n > 0 && !hash_rebuild(rs, rs->n))
        return TW_ENOMEM;
    rs->finished = true;
    return TW_OK;
}

/* Number of rules in the set. */
size_t tw_ruleset_count(const tw_ruleset *rs)
{
    return rs->n;
}

/* Rule i (in id order once finished), or NULL past the end. */
const tw_rule *tw_ruleset_at(const tw_ruleset *rs, size_t i)
{
    return i < rs->n ? rs->v[i] : NULL;
}

/* The rule with this id, or NULL. */
const tw_rule *tw_ruleset_find(const tw_ruleset *rs, const char *id)
{
    ptrdiff_t i = id != NULL ? rule_pos(rs, id) : -1;

    return i >= 0 ? rs->v[i] : NULL;
}

const size_t *tw__ruleset_kind(const tw_ruleset *rs, tw_fact_kind kind, size_t *n)
{
    *n = (unsigned)kind < TW__FACT_KIND_COUNT ? rs->kind_n[kind] : 0;
    return *n > 0 ? rs->kind_idx[kind] : NULL;
}

const size_t *tw__ruleset_absent(const tw_ruleset *rs, tw_fact_kind kind, size_t *n)
{
    *n = (unsigned)kind < TW__FACT_KIND_COUNT ? rs->absent_n[kind] : 0;
    return *n > 0 ? rs->absent_idx[kind] : NULL;
}

bool tw_ruleset_reads_kind(const tw_ruleset *rs, tw_fact_kind kind)
{
    return (unsigned)kind < TW__FACT_KIND_COUNT && (rs->kind_n[kind] > 0 || rs->absent_n[kind] > 0);
}
