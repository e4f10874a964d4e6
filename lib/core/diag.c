/*
 * diag.c: the diagnostics list.
 *
 * Entries own copies of their file, rule id and message.  A list keeps at
 * most max entries (TW_DIAGS_MAX_DEFAULT); later ones only count in dropped,
 * and errors counts every error-level entry, dropped ones included.
 * Messages longer than TW_LIMIT_TEXT_FIELD bytes are truncated.
 */
#include "tidewatch/diag.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tidewatch/limits.h"

/* Initialises an empty list holding at most TW_DIAGS_MAX_DEFAULT entries. */
void tw_diags_init(tw_diags *d)
{
    memset(d, 0, sizeof(*d));
    d->max = TW_DIAGS_MAX_DEFAULT;
}

static void diag_free(tw_diag *e)
{
    free(e->file);
    free(e->rule_id);
    free(e->message);
}

/* Frees every entry; the list is empty and usable again afterwards, with
 * the same max. */
void tw_diags_release(tw_diags *d)
{
    size_t max = d->max;

    for (size_t i = 0; i < d->n; i++)
        diag_free(&d->v[i]);
    free(d->v);
    tw_diags_init(d);
    if (max != 0)
        d->max = max;
}

/* Makes room for one more entry; false on ENOMEM. */
static bool diags_reserve(tw_diags *d, size_t extra)
{
    size_t ncap;
    tw_diag *v;

    if (d->cap - d->n >= extra)
        return true;
    ncap = d->cap < 16 ? 16 : d->cap;
    while (ncap - d->n < extra)
        ncap *= 2;
    v = realloc(d->v, ncap * sizeof(*v));
    if (v == NULL)
        return false;
    d->v = v;
    d->cap = ncap;
    return true;
}

/* strdup that accepts NULL; *ok turns false on ENOMEM. */
static char *dup_or_null(const char *s, bool *ok)
{
    char *p;

    if (s == NULL)
        return NULL;
    p = strdup(s);
    if (p == NULL)
        *ok = false;
    return p;
}

/* Appends one diagnostic with copies of file, rule_id and the formatted
 * message.  Past max the entry is counted in dropped (TW_OK); TW_ENOMEM
 * when memory runs out (also counted in dropped). */
tw_err tw_diags_add(tw_diags *d, tw_diag_level level, tw_err code, const char *file, uint32_t line,
                    uint32_t column, const char *rule_id, const char *fmt, ...)
{
    tw_diag e = {code, level, NULL, line, column, NULL, NULL};
    char msg[TW_LIMIT_TEXT_FIELD];
    va_list ap;
    bool ok = true;
    tw_err rc = TW_OK;

    if (level == TW_DIAG_ERROR)
        d->errors++;
    if (d->max == 0)
        d->max = TW_DIAGS_MAX_DEFAULT;
    if (d->n >= d->max) {
        d->dropped++;
        goto out;
    }
    va_start(ap, fmt);
    if (vsnprintf(msg, sizeof(msg), fmt, ap) < 0)
        msg[0] = '\0';
    va_end(ap);
    e.message = strdup(msg);
    e.file = dup_or_null(file, &ok);
    e.rule_id = dup_or_null(rule_id, &ok);
    if (e.message == NULL || !ok || !diags_reserve(d, 1)) {
        diag_free(&e);
        d->dropped++;
        rc = TW_ENOMEM;
        goto out;
    }
    d->v[d->n++] = e;
out:
    return rc;
}

/* Moves every entry of src to the end of dst and empties src.  Entries past
 * dst's max are freed and counted in dst's dropped; src's counters are
 * added to dst's.  TW_ENOMEM leaves both lists unchanged. */
tw_err tw_diags_move(tw_diags *dst, tw_diags *src)
{
    size_t room, take;

    if (dst->max == 0)
        dst->max = TW_DIAGS_MAX_DEFAULT;
    room = dst->n < dst->max ? dst->max - dst->n : 0;
    take = src->n < room ? src->n : room;
    if (take > 0 && !diags_reserve(dst, take))
        return TW_ENOMEM;
    if (take > 0)
        memcpy(dst->v + dst->n, src->v, take * sizeof(*src->v));
    dst->n += take;
    for (size_t i = take; i < src->n; i++)
        diag_free(&src->v[i]);
    dst->dropped += src->dropped + (src->n - take);
    dst->errors += src->errors;
    free(src->v);
    src->v = NULL;
    src->n = src->cap = src->dropped = src->errors = 0;
    return TW_OK;
}
