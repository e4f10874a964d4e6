/*
 * diag.h: diagnostics with location.
 *
 * The library never prints; it appends diagnostics to a tw_diags list that
 * the caller renders.  The CLI prints them as
 *   tidewatch: error: <file>:<line>: <message>
 * A list holds at most max entries; further ones are counted in dropped.
 * A tw_diags belongs to one thread at a time.
 */
#ifndef TIDEWATCH_DIAG_H
#define TIDEWATCH_DIAG_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

typedef enum { TW_DIAG_ERROR, TW_DIAG_WARNING } tw_diag_level;

typedef struct {
    tw_err code;
    tw_diag_level level;
    char *file;    /* owned copy; NULL when not about a file */
    uint32_t line; /* 1-based; 0 when not known */
    uint32_t column;
    char *rule_id; /* owned copy; NULL when not about a rule */
    char *message; /* owned; lower case, no final period */
} tw_diag;

typedef struct {
    tw_diag *v;
    size_t n, cap, max;
    size_t dropped;
    size_t errors; /* entries of level TW_DIAG_ERROR, dropped ones included */
} tw_diags;

#define TW_DIAGS_MAX_DEFAULT 10000

void tw_diags_init(tw_diags *d);
void tw_diags_release(tw_diags *d);
/* Appends one diagnostic; file and rule_id may be NULL.  Returns TW_ENOMEM
 * only when memory runs out (the entry is then counted as dropped). */
tw_err tw_diags_add(tw_diags *d, tw_diag_level level, tw_err code, const char *file,
                    uint32_t line, uint32_t column, const char *rule_id, const char *fmt, ...)
    __attribute__((format(printf, 8, 9)));
/* Moves every entry of src to the end of dst and empties src. */
tw_err tw_diags_move(tw_diags *dst, tw_diags *src);

#endif
