/*
 * str.c: operations on tw_str views.
 *
 * Views borrow text owned elsewhere and are not NUL-terminated, so every
 * function here works strictly within (ptr, len).  All functions are pure
 * and thread-safe.
 */
#include "tidewatch/str.h"

#include <limits.h>
#include <string.h>

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

static char lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

/* Makes a view of a NUL-terminated string; NULL gives the empty view. */
tw_str tw_str_c(const char *cstr)
{
    if (cstr == NULL)
        return TW_STR_NULL;
    return tw_str_make(cstr, strlen(cstr));
}

/* Byte-wise equality of two views. */
bool tw_str_eq(tw_str a, tw_str b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

static bool ieq_n(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (lower(a[i]) != lower(b[i]))
            return false;
    }
    return true;
}

/* ASCII case-insensitive equality of two views. */
bool tw_str_ieq(tw_str a, tw_str b)
{
    return a.len == b.len && ieq_n(a.ptr, b.ptr, a.len);
}

/* Equality of a view and a C string (NULL is the empty string). */
bool tw_str_eq_c(tw_str a, const char *cstr)
{
    return tw_str_eq(a, tw_str_c(cstr));
}

/* Case-insensitive equality of a view and a C string. */
bool tw_str_ieq_c(tw_str a, const char *cstr)
{
    return tw_str_ieq(a, tw_str_c(cstr));
}

/* True when s begins with prefix. */
bool tw_str_starts_with(tw_str s, tw_str prefix)
{
    return s.len >= prefix.len && (prefix.len == 0 || memcmp(s.ptr, prefix.ptr, prefix.len) == 0);
}

/* True when s begins with prefix, ignoring ASCII case. */
bool tw_str_istarts_with(tw_str s, tw_str prefix)
{
    return s.len >= prefix.len && ieq_n(s.ptr, prefix.ptr, prefix.len);
}

/* True when s ends with suffix. */
bool tw_str_ends_with(tw_str s, tw_str suffix)
{
    return s.len >= suffix.len &&
           (suffix.len == 0 || memcmp(s.ptr + s.len - suffix.len, suffix.ptr, suffix.len) == 0);
}

/* Offset of the first occurrence of needle in hay, or -1.  The empty needle
 * is found at offset 0. */
ptrdiff_t tw_str_find(tw_str hay, tw_str needle)
{
    const char *c, *last;

    if (needle.len == 0)
        return 0;
    if (needle.len > hay.len)
        return -1;
    /* memchr finds each candidate first byte */
    c = hay.ptr;
    last = hay.ptr + (hay.len - needle.len); /* the last possible start */
    while (c <= last && (c = memchr(c, needle.ptr[0], (size_t)(last - c) + 1)) != NULL) {
        if (memcmp(c + 1, needle.ptr + 1, needle.len - 1) == 0)
            return c - hay.ptr;
        c++;
    }
    return -1;
}

/* Removes leading ASCII white space. */
tw_str tw_str_ltrim(tw_str s)
{
    while (s.len > 0 && is_space(s.ptr[0])) {
        s.ptr++;
        s.len--;
    }
    return s;
}

/* Removes trailing ASCII white space. */
tw_str tw_str_rtrim(tw_str s)
{
    while (s.len > 0 && is_space(s.ptr[s.len - 1]))
        s.len--;
    return s;
}

/* Removes ASCII white space at both ends. */
tw_str tw_str_trim(tw_str s)
{
    return tw_str_rtrim(tw_str_ltrim(s));
}

/* Returns the next white-space separated token of *rest and advances *rest
 * past it; the empty view when none is left. */
tw_str tw_str_token(tw_str *rest)
{
    tw_str s = tw_str_ltrim(*rest);
    size_t n = 0;

    while (n < s.len && !is_space(s.ptr[n]))
        n++;
    rest->ptr = s.ptr + n;
    rest->len = s.len - n;
    return tw_str_make(s.ptr, n);
}

/* Returns the next line of *rest without its LF or CRLF and advances past
 * it; false when *rest is empty. */
bool tw_str_line(tw_str *rest, tw_str *line)
{
    const char *nl;
    size_t n;

    if (rest->len == 0)
        return false;
    nl = memchr(rest->ptr, '\n', rest->len);
    n = nl != NULL ? (size_t)(nl - rest->ptr) : rest->len;
    *line = tw_str_make(rest->ptr, n);
    if (nl != NULL) {
        n++;
        if (line->len > 0 && line->ptr[line->len - 1] == '\r')
            line->len--;
    }
    rest->ptr += n;
    rest->len -= n;
    return true;
}

/* Parses digits of s into *out, at most max; false on a non-digit, empty
 * input or a value above max. */
static bool parse_digits(tw_str s, uint64_t max, uint64_t *out)
{
    uint64_t v = 0;

    if (s.len == 0)
        return false;
    for (size_t i = 0; i < s.len; i++) {
        unsigned d = (unsigned char)s.ptr[i] - '0';
        if (d > 9 || v > (max - d) / 10)
            return false;
        v = v * 10 + d;
    }
    *out = v;
    return true;
}

/* Parses a whole decimal integer with an optional leading '-'. */
bool tw_str_to_i64(tw_str s, int64_t *out)
{
    uint64_t v;
    bool neg = s.len > 0 && s.ptr[0] == '-';

    if (neg) {
        s.ptr++;
        s.len--;
    }
    if (!parse_digits(s, neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX, &v))
        return false;
    if (neg)
        *out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
    else
        *out = (int64_t)v;
    return true;
}

/* Parses a whole unsigned decimal integer no greater than max. */
bool tw_str_to_u64(tw_str s, uint64_t max, uint64_t *out)
{
    return parse_digits(s, max, out);
}

/* Copies s into dst (capacity cap > 0) NUL-terminated, truncating. */
char *tw_str_to_c(tw_str s, char *dst, size_t cap)
{
    size_t n;

    if (cap == 0)
        return dst;
    n = s.len < cap - 1 ? s.len : cap - 1;
    if (n > 0)
        memcpy(dst, s.ptr, n);
    dst[n] = '\0';
    return dst;
}

const char *tw_str_alias_of(tw_str s, const tw_str_alias *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (tw_str_ieq_c(s, v[i].from))
            return v[i].to;
    }
    return NULL;
}
