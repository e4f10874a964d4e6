/*
 * str.h: tw_str, a borrowed view {ptr, len} into text owned elsewhere.
 *
 * Parsers work on views so that no byte of the input is copied until it has
 * to outlive the input.  A view is not NUL-terminated.  All functions are
 * pure and thread-safe.
 */
#ifndef TIDEWATCH_STR_H
#define TIDEWATCH_STR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    const char *ptr;
    size_t len;
} tw_str;

/* TW_STR makes a view of a string literal. */
#define TW_STR(lit) ((tw_str){(lit), sizeof(lit) - 1})
#define TW_STR_NULL ((tw_str){"", 0})

static inline tw_str tw_str_make(const char *ptr, size_t len)
{
    tw_str s = {ptr, len};
    return s;
}

/* tw_str_c makes a view of a NUL-terminated string; NULL gives the empty view. */
tw_str tw_str_c(const char *cstr);

bool tw_str_eq(tw_str a, tw_str b);
/* ASCII case-insensitive equality. */
bool tw_str_ieq(tw_str a, tw_str b);
bool tw_str_eq_c(tw_str a, const char *cstr);
bool tw_str_ieq_c(tw_str a, const char *cstr);
bool tw_str_starts_with(tw_str s, tw_str prefix);
bool tw_str_istarts_with(tw_str s, tw_str prefix);
bool tw_str_ends_with(tw_str s, tw_str suffix);

/* A word and what it stands for: a table of spellings ("aes-cbc-256" for
 * "aes256"). */
typedef struct {
    const char *from, *to;
} tw_str_alias;
/* The "to" of the first entry of v[0..n) whose "from" equals s ignoring
 * ASCII case; NULL when none does. */
const char *tw_str_alias_of(tw_str s, const tw_str_alias *v, size_t n);
/* Returns the offset of the first occurrence of needle, or -1. */
ptrdiff_t tw_str_find(tw_str hay, tw_str needle);

/* Removes ASCII white space (space, tab, CR, LF, VT, FF) at both ends. */
tw_str tw_str_trim(tw_str s);
tw_str tw_str_ltrim(tw_str s);
tw_str tw_str_rtrim(tw_str s);

/* tw_str_token returns the next white-space separated token of *rest and
 * advances *rest past it; the empty view (len 0) when none is left. */
tw_str tw_str_token(tw_str *rest);

/* tw_str_line returns the next line of *rest without its LF or CRLF and
 * advances *rest past the line end.  Returns false when *rest is empty. */
bool tw_str_line(tw_str *rest, tw_str *line);

/* Parses a whole decimal integer (optional leading '-'); false on any
 * other character, empty input or overflow. */
bool tw_str_to_i64(tw_str s, int64_t *out);
/* Same, unsigned, bounded by max. */
bool tw_str_to_u64(tw_str s, uint64_t max, uint64_t *out);

/* Copies s into dst (capacity cap, cap > 0) as a NUL-terminated string,
 * truncating if needed.  Returns dst. */
char *tw_str_to_c(tw_str s, char *dst, size_t cap);

#endif
