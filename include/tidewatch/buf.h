/*
 * buf.h: tw_buf, the one growable byte buffer (git's strbuf, curl's dynbuf).
 *
 * ptr is never NULL and always NUL-terminated, so a buffer can be handed to
 * C string functions at any time.  Every buffer has a hard size cap (max);
 * growing past it fails with TW_ELIMIT and leaves the buffer unchanged.
 * A tw_buf belongs to one thread at a time.
 */
#ifndef TIDEWATCH_BUF_H
#define TIDEWATCH_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "error.h"
#include "str.h"

typedef struct {
    char *ptr;  /* never NULL; NUL-terminated */
    size_t len; /* bytes used, not counting the NUL */
    size_t cap; /* bytes allocated; 0 while ptr points at a static "" */
    size_t max; /* hard cap on len */
} tw_buf;

#define TW_BUF_MAX_DEFAULT ((size_t)1 << 30)

/* Initialises an empty buffer that may grow to max bytes (0: the default). */
void tw_buf_init(tw_buf *b, size_t max);
/* Frees the storage; the buffer is empty and usable again afterwards. */
void tw_buf_release(tw_buf *b);
/* Empties the buffer, keeping its storage. */
void tw_buf_reset(tw_buf *b);
/* Makes room for n more bytes. */
tw_err tw_buf_grow(tw_buf *b, size_t n);
tw_err tw_buf_add(tw_buf *b, const void *data, size_t n);
tw_err tw_buf_adds(tw_buf *b, const char *cstr);
tw_err tw_buf_addstr(tw_buf *b, tw_str s);
tw_err tw_buf_addch(tw_buf *b, char c);
tw_err tw_buf_printf(tw_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
tw_err tw_buf_vprintf(tw_buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Hands the storage to the caller (free() it) and empties the buffer.
 * Returns a malloc'd empty string for an empty buffer; NULL on ENOMEM. */
char *tw_buf_detach(tw_buf *b, size_t *len);
static inline tw_str tw_buf_str(const tw_buf *b)
{
    tw_str s = {b->ptr, b->len};
    return s;
}

#endif
