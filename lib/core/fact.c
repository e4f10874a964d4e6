/*
 * fact.c: the facts model: kind names, field look-up and the factset
 * builder.
 *
 * A parser calls tw_factset_begin, then one adder per field, then
 * tw_factset_end.  Pending fields live inside the tw_factset; end copies
 * them into the arena and pushes the fact onto a malloc'd vector bounded by
 * fs->max (TW_LIMIT_FACTS), or in the arena after tw_factset_reserve.
 * Every string is copied into the arena as it is added, so the parser's
 * input may go away once the set is built, except strings inside the range
 * given to tw_factset_borrow, which stay views of the input.  While a
 * fact is pending, cur.nfields is used as a flag: non-zero when a copy into
 * the arena failed, which end reports as TW_ENOMEM.
 */
#include "tidewatch/fact.h"

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
    return tw_fact_find(f, name, prev != NULL ? (size_t)(prev - f->fields) + 1 : 0);
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
    if (!fs->arena_vec)
        free(fs->v);
    fs->arena_vec = false;
    fs->v = NULL;
    fs->n = 0;
    fs->cap = 0;
    fs->npending = 0;
    fs->open = false;
}

/* Keeps views of strings inside [data, data + len) (see fact.h). */
void tw_factset_borrow(tw_factset *fs, const char *data, size_t len)
{
    fs->borrow = data;
    fs->nborrow = data != NULL ? len : 0;
}

/* Moves the (empty) vector into the arena with room for n facts. */
tw_err tw_factset_reserve(tw_factset *fs, size_t n)
{
    tw_fact *v;

    if (n > fs->max)
        n = fs->max;
    if (n < 64)
        n = 64;
    if (fs->n > 0 || n > SIZE_MAX / sizeof(*v))
        return TW_EINVAL;
    v = tw_arena_alloc(fs->arena, n * sizeof(*v));
    if (v == NULL)
        return TW_ENOMEM;
    if (!fs->arena_vec)
        free(fs->v);
    fs->v = v;
    fs->cap = n;
    fs->arena_vec = true;
    return TW_OK;
}

/* True when s lies inside the borrowed range. */
static bool borrowed(const tw_factset *fs, tw_str s)
{
    uintptr_t p = (uintptr_t)s.ptr, lo = (uintptr_t)fs->borrow;

    return p >= lo && p - lo <= fs->nborrow && s.len <= fs->nborrow - (p - lo);
}

/* Copies s into the arena, flagging the pending fact on failure; a string
 * inside the borrowed range stays a view. */
static tw_str copy_str(tw_factset *fs, tw_str s)
{
    tw_str c;

    if (s.len == 0)
        return TW_STR_NULL;
    if (borrowed(fs, s))
        return s;
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
    fs->skipping = (unsigned)kind < 64 && TW_FACTSET_SKIPS(fs, kind);
    if (fs->skipping) {
        fs->open = false;
        fs->npending = 0;
        return;
    }
    memset(&fs->cur, 0, sizeof(fs->cur));
    fs->reopen = false;
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

/* Writes the decimal text of v at the end of buf[24]; returns its start. */
static char *format_i64(int64_t v, char *buf)
{
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    char *p = buf + 24;

    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u != 0);
    if (v < 0)
        *--p = '-';
    return p;
}

/* Adds an integer field; str holds its decimal text. */
void tw_factset_num(tw_factset *fs, const char *name, int64_t value)
{
    tw_field *f = new_field(fs, name, TW_VAL_NUM);
    char text[24];
    char *p;

    if (f == NULL)
        return;
    f->num = value;
    p = format_i64(value, text);
    f->str = copy_str(fs, tw_str_make(p, (size_t)(text + sizeof(text) - p)));
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

/* True when text, the source of c, is already c's normalised text: a
 * dotted quad alone (digits and dots, and c a host address). */
static bool quad_text(const tw_cidr *c, tw_str text)
{
    if (c->addr.family != 4 || c->plen != 32 || text.len < 7 || text.len > 15)
        return false;
    for (size_t i = 0; i < text.len; i++) {
        if ((unsigned)(text.ptr[i] - '0') > 9 && text.ptr[i] != '.')
            return false;
    }
    return true;
}

/* Adds an address field whose text is taken from its source when that is
 * already normalised (see fact.h). */
void tw_factset_addr_text(tw_factset *fs, const char *name, const tw_cidr *value, tw_str text)
{
    tw_field *f;

    if (!quad_text(value, text)) {
        tw_factset_addr(fs, name, value);
        return;
    }
    f = new_field(fs, name, TW_VAL_ADDR);
    if (f == NULL)
        return;
    f->addr = *value;
    f->str = copy_str(fs, text);
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
    if (fs->arena_vec) {
        v = tw_arena_alloc(fs->arena, ncap * sizeof(*v));
        if (v != NULL && fs->n > 0)
            memcpy(v, fs->v, fs->n * sizeof(*v));
    } else {
        v = realloc(fs->v, ncap * sizeof(*v));
    }
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

    if (!fs->open) {
        rc = fs->skipping ? TW_OK : TW_EINVAL; /* a fact of a skipped kind is no error */
        fs->skipping = false;
        return rc;
    }
    fs->open = false;
    if (!fs->reopen && fs->n >= fs->max) {
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
    if (fs->cur.nfields != 0) {
        rc = TW_ENOMEM;
        goto out;
    }
    if (fs->reopen) {
        fs->v[fs->reopened] = fact;
        goto out;
    }
    if (!reserve_fact(fs)) {
        rc = TW_ENOMEM;
        goto out;
    }
    fs->v[fs->n++] = fact;
out:
    fs->npending = 0;
    fs->reopen = false;
    return rc;
}

/* Opens fact i again: its fields become the pending ones (they already
 * live in the arena, so they are not copied again). */
tw_err tw_factset_reopen(tw_factset *fs, size_t i)
{
    const tw_fact *f;
    size_t n;

    if (i >= fs->n)
        return TW_EINVAL;
    f = &fs->v[i];
    fs->cur = *f;
    fs->cur.nfields = 0;
    fs->cur.fields = NULL;
    n = f->nfields;
    if (n > sizeof(fs->pending) / sizeof(fs->pending[0]))
        n = sizeof(fs->pending) / sizeof(fs->pending[0]);
    if (n > 0)
        memcpy(fs->pending, f->fields, n * sizeof(tw_field));
    fs->npending = (uint32_t)n;
    fs->open = true;
    fs->reopen = true;
    fs->reopened = i;
    return TW_OK;
}
