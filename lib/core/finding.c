/*
 * finding.c: the findings list: severity and category names, push with a
 * cap, a stable report order and the highest severity.
 *
 * A list holds shallow copies of tw_finding; the strings they point at live
 * in the list's arena or in the rule set and are never freed here.
 */
#include "tidewatch/finding.h"

#include <stdlib.h>
#include <string.h>

#include "tidewatch/limits.h"

static const char *const severity_names[] = {"info", "low", "medium", "high", "critical"};

static const char *const category_names[] = {
#define TW__CAT_NAME(name, str) str,
    TW_CATEGORY_LIST(TW__CAT_NAME)
#undef TW__CAT_NAME
};

#define NAMES_COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* Static name of a severity ("high"); "?" when out of range. */
const char *tw_severity_name(tw_severity s)
{
    if ((unsigned)s >= NAMES_COUNT(severity_names))
        return "?";
    return severity_names[s];
}

/* Looks a severity up by name, ignoring case; false when unknown. */
bool tw_severity_parse(tw_str name, tw_severity *out)
{
    for (unsigned i = 0; i < NAMES_COUNT(severity_names); i++) {
        if (tw_str_ieq_c(name, severity_names[i])) {
            *out = (tw_severity)i;
            return true;
        }
    }
    return false;
}

/* Static name of a category ("compromise"); "?" when out of range. */
const char *tw_category_name(tw_category c)
{
    if ((unsigned)c >= (unsigned)TW__CAT_COUNT)
        return "?";
    return category_names[c];
}

/* Looks a category up by name, ignoring case; false when unknown. */
bool tw_category_parse(tw_str name, tw_category *out)
{
    for (unsigned i = 0; i < (unsigned)TW__CAT_COUNT; i++) {
        if (tw_str_ieq_c(name, category_names[i])) {
            *out = (tw_category)i;
            return true;
        }
    }
    return false;
}

/* Initialises an empty list whose strings come from arena (borrowed). */
void tw_findings_init(tw_findings *fl, tw_arena *arena)
{
    memset(fl, 0, sizeof(*fl));
    fl->arena = arena;
    fl->max = TW_LIMIT_FINDINGS;
}

/* Frees the vector; the list is empty and usable again afterwards. */
void tw_findings_release(tw_findings *fl)
{
    free(fl->v);
    fl->v = NULL;
    fl->n = 0;
    fl->cap = 0;
    fl->dropped = 0;
}

/* Appends a shallow copy of f.  Past fl->max the finding is counted in
 * dropped and TW_ELIMIT returned; TW_ENOMEM when memory runs out. */
tw_err tw_findings_push(tw_findings *fl, const tw_finding *f)
{
    size_t ncap;
    tw_finding *v;

    if (fl->n >= fl->max) {
        fl->dropped++;
        return TW_ELIMIT;
    }
    if (fl->n == fl->cap) {
        ncap = fl->cap < 16 ? 16 : fl->cap * 2;
        if (ncap > fl->max)
            ncap = fl->max;
        v = realloc(fl->v, ncap * sizeof(*v));
        if (v == NULL)
            return TW_ENOMEM;
        fl->v = v;
        fl->cap = ncap;
    }
    fl->v[fl->n++] = *f;
    return TW_OK;
}

/* strcmp where NULL sorts before every string. */
static int cmp_nullable(const char *a, const char *b)
{
    if (a == NULL || b == NULL)
        return (a != NULL) - (b != NULL);
    return strcmp(a, b);
}

/* Report order: file, line, severity (highest first), rule id, message. */
static int cmp_finding(const void *pa, const void *pb)
{
    const tw_finding *a = pa, *b = pb;
    int c = cmp_nullable(a->file, b->file);

    if (c != 0)
        return c;
    if (a->line != b->line)
        return a->line < b->line ? -1 : 1;
    if (a->severity != b->severity)
        return a->severity > b->severity ? -1 : 1;
    c = cmp_nullable(a->rule, b->rule);
    if (c != 0)
        return c;
    return cmp_nullable(a->message, b->message);
}

/* Sorts by file (none first), line (0 first), severity (highest first),
 * rule id, then message. */
void tw_findings_sort(tw_findings *fl)
{
    if (fl->n > 1)
        qsort(fl->v, fl->n, sizeof(*fl->v), cmp_finding);
}

/* Highest severity in the list; false when it is empty. */
bool tw_findings_max_severity(const tw_findings *fl, tw_severity *out)
{
    tw_severity best = TW_SEV_INFO;

    if (fl->n == 0)
        return false;
    for (size_t i = 0; i < fl->n; i++) {
        if (fl->v[i].severity > best)
            best = fl->v[i].severity;
    }
    *out = best;
    return true;
}
