/*
 * buf.c: tw_buf, the one growable byte buffer.
 *
 * ptr always points at a NUL-terminated string: a static "" while nothing
 * is allocated (cap 0), heap storage afterwards.  Growth doubles, bounded by
 * the buffer's hard cap max; a failed operation leaves the buffer unchanged.
 */
#include "tidewatch/buf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What ptr points at while cap is 0; read-only, never written. */
static const char buf_empty[1];

/* Initialises an empty buffer that may grow to max bytes (0: the default). */
void tw_buf_init(tw_buf *b, size_t max)
{
    b->ptr = (char *)buf_empty;
    b->len = 0;
    b->cap = 0;
    b->max = max != 0 ? max : TW_BUF_MAX_DEFAULT;
}

/* Frees the storage; the buffer stays usable with the same max. */
void tw_buf_release(tw_buf *b)
{
    if (b->cap != 0)
        free(b->ptr);
    tw_buf_init(b, b->max);
}

/* Empties the buffer, keeping its storage. */
void tw_buf_reset(tw_buf *b)
{
    b->len = 0;
    if (b->cap != 0)
        b->ptr[0] = '\0';
}

/* Makes room for n more bytes plus the NUL.  TW_ELIMIT past max, TW_ENOMEM
 * when allocation fails; the buffer is unchanged on failure. */
tw_err tw_buf_grow(tw_buf *b, size_t n)
{
    size_t want, ncap;
    char *p;

    if (n > b->max || b->len > b->max - n)
        return TW_ELIMIT;
    want = b->len + n + 1;
    if (want <= b->cap)
        return TW_OK;
    ncap = b->cap < 64 ? 64 : b->cap;
    while (ncap < want)
        ncap = ncap > SIZE_MAX / 2 ? want : ncap * 2;
    if (b->max < SIZE_MAX && ncap > b->max + 1)
        ncap = b->max + 1;
    p = realloc(b->cap != 0 ? b->ptr : NULL, ncap);
    if (p == NULL)
        return TW_ENOMEM;
    if (b->cap == 0)
        p[0] = '\0';
    b->ptr = p;
    b->cap = ncap;
    return TW_OK;
}

/* Appends n bytes of data. */
tw_err tw_buf_add(tw_buf *b, const void *data, size_t n)
{
    tw_err rc = tw_buf_grow(b, n);

    if (rc != TW_OK)
        return rc;
    if (n > 0)
        memcpy(b->ptr + b->len, data, n);
    b->len += n;
    b->ptr[b->len] = '\0';
    return TW_OK;
}

/* Appends a NUL-terminated string. */
tw_err tw_buf_adds(tw_buf *b, const char *cstr)
{
    return tw_buf_add(b, cstr, strlen(cstr));
}

/* Appends a view. */
tw_err tw_buf_addstr(tw_buf *b, tw_str s)
{
    return tw_buf_add(b, s.ptr, s.len);
}

/* Appends one byte. */
tw_err tw_buf_addch(tw_buf *b, char c)
{
    return tw_buf_add(b, &c, 1);
}

/* Appends formatted text.  TW_EINVAL on a format error. */
tw_err tw_buf_printf(tw_buf *b, const char *fmt, ...)
{
    va_list ap;
    tw_err rc;

    va_start(ap, fmt);
    rc = tw_buf_vprintf(b, fmt, ap);
    va_end(ap);
    return rc;
}

/* Appends formatted text: measures with vsnprintf, grows, then writes. */
tw_err tw_buf_vprintf(tw_buf *b, const char *fmt, va_list ap)
{
    va_list cp;
    int n;
    tw_err rc;

    va_copy(cp, ap);
    n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    if (n < 0)
        return TW_EINVAL;
    rc = tw_buf_grow(b, (size_t)n);
    if (rc != TW_OK)
        return rc;
    va_copy(cp, ap);
    n = vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, cp);
    va_end(cp);
    if (n < 0) {
        b->ptr[b->len] = '\0';
        return TW_EINVAL;
    }
    b->len += (size_t)n;
    return TW_OK;
}

/* Hands the storage to the caller and empties the buffer.  An empty buffer
 * gives a malloc'd ""; NULL on ENOMEM (the buffer is then unchanged). */
char *tw_buf_detach(tw_buf *b, size_t *len)
{
    char *p = b->ptr;

    if (b->cap == 0) {
        p = malloc(1);
        if (p == NULL)
            return NULL;
        p[0] = '\0';
    }
    if (len != NULL)
        *len = b->len;
    tw_buf_init(b, b->max);
    return p;
}
