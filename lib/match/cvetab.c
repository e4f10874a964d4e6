/*
 * cvetab.c: the CVE table object, its look-ups and the built-in table.
 *
 * A table is an arena holding every tw_cve with its trains and strings,
 * plus an array of pointers in load order.  The built-in table is
 * data/cves.yaml, embedded at build time with the other data files
 * (tw__builtin_data_*), and read with the same loader as a user's file.
 */
#include <stdlib.h>
#include <string.h>

#include "match/cvetab_int.h"

extern const size_t tw__builtin_data_count;
extern const char *const tw__builtin_data_names[];
extern const unsigned char *const tw__builtin_data_data[];
extern const size_t tw__builtin_data_sizes[];

#define BUILTIN_NAME "cves.yaml"

static const char *const state_names[] = {"not-affected", "affected", "affected-train", "fixed",
                                          "unknown"};

static const char *const precond_names[] = {
#define TW__CVE_PRECOND_NAME(name, str) str,
    TW_CVE_PRECOND_LIST(TW__CVE_PRECOND_NAME)
#undef TW__CVE_PRECOND_NAME
};

/* Creates an empty table (see cvetab.h). */
tw_cvetab *tw_cvetab_new(void)
{
    tw_cvetab *t = calloc(1, sizeof(*t));

    if (t == NULL)
        return NULL;
    t->arena = tw_arena_new(0);
    if (t->arena == NULL) {
        free(t);
        return NULL;
    }
    return t;
}

/* Frees a table; NULL is accepted. */
void tw_cvetab_free(tw_cvetab *t)
{
    if (t == NULL)
        return;
    tw_arena_free(t->arena);
    free(t->v);
    free(t);
}

tw_err tw__cvetab_put(tw_cvetab *t, tw_cve *c)
{
    tw_cve **nv;
    size_t cap;

    if (t->n >= TW_CVETAB_MAX_CVES)
        return TW_ELIMIT;
    if (t->n < t->cap) {
        t->v[t->n++] = c;
        return TW_OK;
    }
    cap = t->cap == 0 ? 16 : t->cap * 2;
    nv = realloc(t->v, cap * sizeof(*nv));
    if (nv == NULL)
        return TW_ENOMEM;
    t->v = nv;
    t->cap = cap;
    t->v[t->n++] = c;
    return TW_OK;
}

/* Number of CVEs. */
size_t tw_cvetab_count(const tw_cvetab *t)
{
    return t != NULL ? t->n : 0;
}

/* The i-th CVE in load order, or NULL. */
const tw_cve *tw_cvetab_at(const tw_cvetab *t, size_t i)
{
    return t != NULL && i < t->n ? t->v[i] : NULL;
}

/* The CVE with this id, case-insensitive, or NULL. */
const tw_cve *tw_cvetab_find(const tw_cvetab *t, const char *id)
{
    tw_str want = tw_str_c(id);

    for (size_t i = 0; t != NULL && id != NULL && i < t->n; i++) {
        if (tw_str_ieq_c(want, t->v[i]->id))
            return t->v[i];
    }
    return NULL;
}

/* True when cve has a train entry of os. */
bool tw_cve_names_os(const tw_cve *cve, tw_os os)
{
    for (size_t i = 0; cve != NULL && i < cve->nos; i++) {
        if (cve->os[i] == os)
            return true;
    }
    return false;
}

/* The remediation text for os, or NULL. */
const char *tw_cve_remediation_for(const tw_cve *cve, tw_os os)
{
    for (size_t i = 0; cve != NULL && i < cve->nremediation; i++) {
        if (cve->remediation[i].os == os)
            return cve->remediation[i].text;
    }
    return NULL;
}

/* Static name of a verdict state. */
const char *tw_cve_state_name(tw_cve_state s)
{
    if ((unsigned)s >= sizeof(state_names) / sizeof(state_names[0]))
        return "unknown";
    return state_names[s];
}

/* Static name of a precondition. */
const char *tw_cve_precond_name(tw_cve_precond p)
{
    if ((unsigned)p >= TW__CVE_PRECOND_COUNT)
        return "none";
    return precond_names[p];
}

/* Loads the embedded data/cves.yaml (see cvetab.h). */
tw_err tw_cvetab_load_builtin(tw_cvetab *t, tw_diags *diags)
{
    tw_err rc = TW_EINTERNAL;
    size_t before = diags != NULL ? diags->n + diags->dropped : 0;

    if (t == NULL || diags == NULL)
        return TW_EINVAL;
    for (size_t i = 0; i < tw__builtin_data_count; i++) {
        if (strcmp(tw__builtin_data_names[i], BUILTIN_NAME) != 0)
            continue;
        rc = tw_cvetab_load(t, BUILTIN_NAME, (const char *)tw__builtin_data_data[i],
                            tw__builtin_data_sizes[i], diags);
        break;
    }
    if (rc == TW_OK && diags->n + diags->dropped != before)
        rc = TW_EINTERNAL;
    if (rc != TW_OK && rc != TW_ENOMEM)
        rc = TW_EINTERNAL;
    return rc;
}
