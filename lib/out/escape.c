/*
 * escape.c: the escaping every writer relies on.
 *
 * Evidence comes from hostile devices, so what a writer quotes must not act
 * on whatever shows it: JSON strings are escaped (and made safe to embed in
 * HTML), CSV cells that a spreadsheet would run as formulas are neutralised,
 * and terminal output has every control character turned into visible text.
 * Invalid UTF-8 is never passed through.  All functions are thread-safe.
 */
#include <stdbool.h>
#include <stdint.h>

#include "out/internal.h"

static const char hex[] = "0123456789abcdef";

/* Decodes one UTF-8 sequence (RFC 3629): no overlongs, no surrogates,
 * nothing above U+10FFFF. */
size_t tw__utf8_decode(const unsigned char *p, size_t n, uint32_t *cp)
{
    size_t len, i;
    uint32_t c, min;

    if (p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    if (p[0] >= 0xc2 && p[0] <= 0xdf) {
        len = 2, c = p[0] & 0x1f, min = 0x80;
    } else if (p[0] >= 0xe0 && p[0] <= 0xef) {
        len = 3, c = p[0] & 0x0f, min = 0x800;
    } else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
        len = 4, c = p[0] & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (i = 1; i < len; i++) {
        if ((p[i] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (p[i] & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return len;
}

/* 64-bit FNV-1a over len bytes, continuing from h. */
uint64_t tw__fnv1a(uint64_t h, const void *data, size_t len)
{
    const unsigned char *p = data;
    size_t i;

    for (i = 0; i < len; i++) {
        h ^= p[i];
        h *= 0x100000001b3ULL;
    }
    return h;
}

/* Appends \uXXXX for a code point of the BMP. */
static tw_err json_u(tw_buf *b, uint32_t c)
{
    char e[6] = {'\\',       'u', hex[(c >> 12) & 15], hex[(c >> 8) & 15], hex[(c >> 4) & 15],
                 hex[c & 15]};

    return tw_buf_add(b, e, sizeof(e));
}

/* The short escape of an ASCII byte, or 0 when it has none. */
static char json_short(unsigned char c)
{
    switch (c) {
    case '"':
        return '"';
    case '\\':
        return '\\';
    case '\b':
        return 'b';
    case '\f':
        return 'f';
    case '\n':
        return 'n';
    case '\r':
        return 'r';
    case '\t':
        return 't';
    default:
        return 0;
    }
}

/* Whether code point c is written as \uXXXX: controls (C0, DEL, C1), the
 * HTML-significant < > &, and the JavaScript line ends U+2028/U+2029. */
static bool json_needs_u(uint32_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '<' || c == '>' || c == '&' ||
           c == 0x2028 || c == 0x2029;
}

/* Whether an ASCII byte goes into a JSON string as it is. */
static bool json_plain(unsigned char c)
{
    return c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&';
}

/* Appends one code point (len bytes at p) to a JSON string. */
static tw_err json_one(tw_buf *b, const unsigned char *p, size_t len, uint32_t c)
{
    char e[2] = {'\\', 0};

    if (len == 0)
        return json_u(b, 0xfffd);
    e[1] = c < 0x80 ? json_short((unsigned char)c) : 0;
    if (e[1] != 0)
        return tw_buf_add(b, e, 2);
    if (json_needs_u(c))
        return json_u(b, c);
    return tw_buf_add(b, p, len);
}

/* Appends s as the inside of a JSON string.  Invalid UTF-8 becomes
 * \ufffd, one per offending byte.  TW_ELIMIT/TW_ENOMEM from the buffer. */
tw_err tw_json_escape(tw_buf *b, tw_str s)
{
    const unsigned char *p = (const unsigned char *)s.ptr;
    size_t i = 0, len;
    uint32_t c = 0;
    tw_err rc = TW_OK;

    while (i < s.len && rc == TW_OK) {
        size_t j = i;

        while (j < s.len && json_plain(p[j]))
            j++;
        if (j > i) { /* a run written as it is, in one copy */
            rc = tw_buf_add(b, p + i, j - i);
            i = j;
            continue;
        }
        len = tw__utf8_decode(p + i, s.len - i, &c);
        rc = json_one(b, p + i, len, c);
        i += len != 0 ? len : 1;
    }
    return rc;
}

/* Whether a spreadsheet would read a cell starting with c as a formula. */
static bool csv_formula_start(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* Appends \xNN for each of len bytes. */
static tw_err term_hex(tw_buf *b, const unsigned char *p, size_t len)
{
    tw_err rc = TW_OK;
    size_t i;

    for (i = 0; i < len && rc == TW_OK; i++) {
        char e[4] = {'\\', 'x', hex[p[i] >> 4], hex[p[i] & 15]};
        rc = tw_buf_add(b, e, sizeof(e));
    }
    return rc;
}

/* Whether code point c must not reach a terminal as is: C0 but TAB, DEL,
 * C1, and the bidirectional overrides that reorder what is shown. */
static bool term_unsafe(uint32_t c)
{
    return (c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) ||
           (c >= 0x2066 && c <= 0x2069);
}

/* Appends one decoded code point (len bytes at p, 0: invalid) for a
 * terminal, or for a CSV cell (csv: TAB, CR, LF kept, quotes doubled). */
static tw_err visible_one(tw_buf *b, const unsigned char *p, size_t len, uint32_t c, bool csv)
{
    if (len == 0)
        return term_hex(b, p, 1);
    if (csv && (c == '\n' || c == '\r'))
        return tw_buf_addch(b, (char)c);
    if (term_unsafe(c))
        return term_hex(b, p, len);
    if (csv && c == '"')
        return tw_buf_add(b, "\"\"", 2);
    return tw_buf_add(b, p, len);
}

tw_err tw__utf8_each(tw_buf *b, tw_str s, tw__utf8_fn one, bool flag)
{
    const unsigned char *p = (const unsigned char *)s.ptr;
    size_t i = 0, len;
    uint32_t c = 0;
    tw_err rc = TW_OK;

    while (i < s.len && rc == TW_OK) {
        len = tw__utf8_decode(p + i, s.len - i, &c);
        rc = one(b, p + i, len, c, flag);
        i += len != 0 ? len : 1;
    }
    return rc;
}

static tw_err visible(tw_buf *b, tw_str s, bool csv)
{
    return tw__utf8_each(b, s, visible_one, csv);
}

/* Appends s for a terminal: C0 controls but TAB (ESC included), DEL, C1
 * controls and bidi overrides become \xNN text, byte by byte of their
 * UTF-8 form; invalid UTF-8 bytes become \xNN; valid UTF-8 is kept.
 * TW_ELIMIT/TW_ENOMEM from the buffer. */
tw_err tw_term_escape(tw_buf *b, tw_str s)
{
    return visible(b, s, false);
}

/* Whether the cell must be quoted (RFC 4180). */
static bool csv_needs_quotes(tw_str s)
{
    size_t i;

    for (i = 0; i < s.len; i++) {
        if (s.ptr[i] == ',' || s.ptr[i] == '"' || s.ptr[i] == '\n' || s.ptr[i] == '\r')
            return true;
    }
    return false;
}

/* Appends s as one CSV cell: a formula-like start gets a leading apostrophe
 * (OWASP's advice), and a cell with a comma, quote or line end is quoted
 * with inner quotes doubled.  So that a CSV shown with cat stays inert,
 * controls other than TAB, CR and LF, and invalid UTF-8, become \xNN text
 * as in tw_term_escape.  TW_ELIMIT/TW_ENOMEM from the buffer. */
tw_err tw_csv_cell(tw_buf *b, tw_str s)
{
    bool quote = csv_needs_quotes(s);
    tw_err rc = TW_OK;

    if (quote)
        rc = tw_buf_addch(b, '"');
    if (rc == TW_OK && s.len > 0 && csv_formula_start(s.ptr[0]))
        rc = tw_buf_addch(b, '\'');
    if (rc == TW_OK)
        rc = visible(b, s, true);
    if (rc == TW_OK && quote)
        rc = tw_buf_addch(b, '"');
    return rc;
}
