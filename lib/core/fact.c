/*
 * fact.c: the facts model: kind names, field look-up and the factset
 * builder.
 *
 * A parser calls tw_factset_begin, then one adder per field, then
 * tw_factset_end.  Pending fields live inside the tw_factset; end copies
 * them into the arena and pushes the fact onto a malloc'd vector bounded by
 * fs->max (TW_LIMIT_FACTS).  Every string is copied into the arena as it is
 * added, so the parser's input may go away once the set is built.  While a
 * fact is pending, cur.nfields is used as a flag: non-zero when a copy into
 * the arena failed, which end reports as TW_ENOMEM.
 */
#include "tidewatch/fact.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidewatch/limits.h"

static const char *const kind_names[] = {
#define TW__FACT_NAME(name, str) str,
    TW_FACT_KIND_LIST(TW__FACT_NAME)
#undef TW__FACT_NAME
};

/* Static name of a kind ("acl_entry"); "?" when out of range. */
const char *tw_fact_kind_name(tw_fact_kind kind)
{
    if ((unsigned)kind >= (unsigned)TW__FACT_KIND_COUNT)
        return "?";
    return kind_names[kind];
}

/* Looks a kind up by its exact name; false when unknown. */
bool tw_fact_kind_parse(tw_str name, tw_fact_kind *out)
{
    for (unsigned i = 0; i < (unsigned)TW__FACT_KIND_COUNT; i++) {
        if (tw_str_eq_c(name, kind_names[i])) {
            *out = (tw_fact_kind)i;
            return true;
        }
    }
    return false;
}

/* Next field called name after prev (NULL starts at the first), or NULL. */
const tw_field *tw_fact_next(const tw_fact *f, const char *name, const tw_field *prev)
{
    size_t i = prev != NULL ? (size_t)(prev - f->fields) + 1 : 0;

    for (; i < f->nfields; i++) {
        if (strcmp(f->fields[i].name, name) == 0)
            return &f->fields[i];
    }
    return NULL;
}

/* First field called name, or NULL. */
const tw_field *tw_fact_get(const tw_fact *f, const char *name)
{
    return tw_fact_next(f, name, NULL);
}

/* Initialises an empty set whose strings come from arena (borrowed). */
void tw_factset_init(tw_factset *fs, tw_arena *arena)
{
    memset(fs, 0, sizeof(*fs));
    fs->arena = arena;
    fs->max = TW_LIMIT_FACTS;
    fs->dialect = TW_DIALECT_UNKNOWN;
    fs->hostname = TW_STR_NULL;
}

/* Frees the fact vector; strings stay in the arena.  The set is empty and
 * usable again afterwards. */
void tw_factset_release(tw_factset *fs)
{
    free(fs->v);
    fs->v = NULL;
    fs->n = 0;
    fs->cap = 0;
    fs->npending = 0;
    fs->open = false;
}

/* Copies s into the arena, flagging the pending fact on failure. */
static tw_str copy_str(tw_factset *fs, tw_str s)
{
    tw_str c;

    if (s.len == 0)
        return TW_STR_NULL;
    c = tw_arena_str(fs->arena, s);
    if (c.len != s.len)
        fs->cur.nfields = 1;
    return c;
}

/* Starts a pending fact; evidence and context are copied.  A fact still
 * pending is discarded. */
void tw_factset_begin(tw_factset *fs, tw_fact_kind kind, uint32_t line, tw_str evidence,
                      tw_str context)
{
    memset(&fs->cur, 0, sizeof(fs->cur));
    fs->cur.kind = kind;
    fs->cur.line = line;
    fs->npending = 0;
    fs->open = true;
    fs->cur.evidence = copy_str(fs, evidence);
    fs->cur.context = copy_str(fs, context);
}

/* Returns a fresh pending field, or NULL when no fact is open or the field
 * cap is reached (the field is then dropped). */
static tw_field *new_field(tw_factset *fs, const char *name, tw_val_type type)
{
    tw_field *f;

    if (!fs->open || fs->npending >= TW_LIMIT_FIELDS ||
        fs->npending >= sizeof(fs->pending) / sizeof(fs->pending[0]))
        return NULL;
    f = &fs->pending[fs->npending++];
    memset(f, 0, sizeof(*f));
    f->name = name;
    f->type = type;
    f->str = TW_STR_NULL;
    f->evidence = TW_STR_NULL;
    return f;
}

/* Adds a text field; value is copied. */
void tw_factset_str(tw_factset *fs, const char *name, tw_str value)
{
    tw_field *f = new_field(fs, name, TW_VAL_STR);

    if (f != NULL)
        f->str = copy_str(fs, value);
}

/* Adds a secret field: its value is never stored, str stays empty. */
void tw_factset_secret(tw_factset *fs, const char *name)
{
    tw_field *f = new_field(fs, name, TW_VAL_STR);

    if (f != NULL)
        f->secret = true;
}

/* Adds an integer field; str holds its decimal text. */
void tw_factset_num(tw_factset *fs, const char *name, int64_t value)
{
    tw_field *f = new_field(fs, name, TW_VAL_NUM);
    char text[24];

    if (f == NULL)
        return;
    f->num = value;
    snprintf(text, sizeof(text), "%" PRId64, value);
    f->str = copy_str(fs, tw_str_c(text));
}

/* Adds a boolean field: num 0 or 1, str "false" or "true" (static). */
void tw_factset_bool(tw_factset *fs, const char *name, bool value)
{
    tw_field *f = new_field(fs, name, TW_VAL_BOOL);

    if (f == NULL)
        return;
    f->num = value ? 1 : 0;
    f->str = value ? TW_STR("true") : TW_STR("false");
}

/* Adds an address field; str holds the normalised text, "any" for a /0. */
void tw_factset_addr(tw_factset *fs, const char *name, const tw_cidr *value)
{
    tw_field *f = new_field(fs, name, TW_VAL_ADDR);
    char text[TW_IP_STRLEN];

    if (f == NULL)
        return;
    f->addr = *value;
    if (value->plen == 0) {
        f->str = TW_STR("any");
        return;
    }
    tw_cidr_format(value, text, sizeof(text));
    f->str = copy_str(fs, tw_str_c(text));
}

/* Sets the line and evidence (copied) of the field added last; nothing
 * when no field is pending. */
void tw_factset_field_at(tw_factset *fs, uint32_t line, tw_str evidence)
{
    tw_field *f;

    if (!fs->open || fs->npending == 0)
        return;
    f = &fs->pending[fs->npending - 1];
    f->line = line;
    f->evidence = copy_str(fs, evidence);
}

/* Makes room for one more fact; false on ENOMEM. */
static bool reserve_fact(tw_factset *fs)
{
    size_t ncap;
    tw_fact *v;

    if (fs->n < fs->cap)
        return true;
    ncap = fs->cap < 64 ? 64 : fs->cap * 2;
    if (ncap > fs->max)
        ncap = fs->max;
    v = realloc(fs->v, ncap * sizeof(*v));
    if (v == NULL)
        return false;
    fs->v = v;
    fs->cap = ncap;
    return true;
}

/* Ends the pending fact: copies its fields into the arena and appends it.
 * TW_EINVAL when no fact is pending, TW_ELIMIT at the fact cap, TW_ENOMEM
 * when memory runs out; the fact is dropped on any error. */
tw_err tw_factset_end(tw_factset *fs)
{
    tw_fact fact = fs->cur;
    tw_err rc = TW_OK;

    if (!fs->open)
        return TW_EINVAL;
    fs->open = false;
    if (fs->n >= fs->max) {
        rc = TW_ELIMIT;
        goto out;
    }
    fact.nfields = fs->npending;
    fact.fields = NULL;
    if (fs->npending > 0) {
        fact.fields = tw_arena_alloc(fs->arena, fs->npending * sizeof(tw_field));
        if (fact.fields == NULL) {
            rc = TW_ENOMEM;
            goto out;
        }
        memcpy(fact.fields, fs->pending, fs->npending * sizeof(tw_field));
    }
    if (fs->cur.nfields != 0 || !reserve_fact(fs)) {
        rc = TW_ENOMEM;
        goto out;
    }
    fs->v[fs->n++] = fact;
out:
    fs->npending = 0;
    return rc;
}
