/*
 * frame.c: syslog messages out of a TCP stream (frame.h).
 *
 * A small state machine over the bytes: at the start of a frame, a digit
 * 1-9 may begin an octet count; the digits are kept as message text until
 * a space shows they were a count (then they are dropped and exactly that
 * many bytes follow), or anything else shows they were the start of an
 * LF-terminated message.
 */
#include "tidewatch/frame.h"

#include <string.h>

enum { S_START, S_COUNT, S_LINE, S_OCTET };

#define DEFAULT_MAX ((size_t)64 << 10)

void tw_framer_init(tw_framer *f, size_t max)
{
    memset(f, 0, sizeof(*f));
    f->max = max != 0 ? max : DEFAULT_MAX;
    tw_buf_init(&f->msg, f->max + 1);
    f->state = S_START;
}

void tw_framer_release(tw_framer *f)
{
    tw_buf_release(&f->msg);
}

/* Appends what fits of data to the message; the rest makes it cut. */
static void take(tw_framer *f, const char *data, size_t len)
{
    size_t room = f->msg.len < f->max ? f->max - f->msg.len : 0;

    if (len > room && !f->skipping) {
        f->skipping = true;
        f->cut++;
    }
    if (room > 0 && tw_buf_add(&f->msg, data, len < room ? len : room) != TW_OK && !f->skipping) {
        f->skipping = true; /* no memory for it: as good as cut */
        f->cut++;
    }
}

static void emit_msg(tw_framer *f, bool line, tw_frame_fn emit, void *ud)
{
    size_t n = f->msg.len;

    if (line && n > 0 && f->msg.ptr[n - 1] == '\r')
        n--;
    if (n > 0 || !line) {
        f->messages++;
        emit(ud, f->msg.ptr, n);
    }
    tw_buf_reset(&f->msg);
    f->skipping = false;
    f->state = S_START;
}

/* Bytes of an LF- or NUL-terminated message; returns how many were used. */
static size_t feed_line(tw_framer *f, const char *p, size_t len, tw_frame_fn emit, void *ud)
{
    const char *lf = memchr(p, '\n', len);
    size_t n = lf != NULL ? (size_t)(lf - p) : len;
    const char *nul = memchr(p, '\0', n);

    if (nul != NULL)
        n = (size_t)(nul - p);
    take(f, p, n);
    if (n == len)
        return n;
    emit_msg(f, true, emit, ud);
    return n + 1;
}

/* Bytes of an octet-counted message. */
static size_t feed_octets(tw_framer *f, const char *p, size_t len, tw_frame_fn emit, void *ud)
{
    size_t n = f->need < len ? (size_t)f->need : len;

    take(f, p, n);
    f->need -= n;
    if (f->need == 0)
        emit_msg(f, false, emit, ud);
    return n;
}

/* One byte of a possible octet count. */
static void feed_count(tw_framer *f, char c, tw_frame_fn emit, void *ud)
{
    if (c >= '0' && c <= '9' && f->ndigits < 9) {
        f->count = f->count * 10 + (uint64_t)(c - '0');
        f->ndigits++;
        take(f, &c, 1);
        return;
    }
    if (c == ' ' && f->count <= TW_FRAME_MAX_COUNT) {
        tw_buf_reset(&f->msg); /* the digits were the count */
        f->need = f->count;
        f->state = S_OCTET;
        return;
    }
    if (c >= '0' && c <= '9')
        f->bad++; /* a count too long to be one */
    else if (c == ' ')
        f->bad++;
    f->state = S_LINE; /* the digits were text */
    if (c == '\n' || c == '\0')
        emit_msg(f, true, emit, ud);
    else
        take(f, &c, 1);
}

void tw_framer_feed(tw_framer *f, const char *data, size_t len, tw_frame_fn emit, void *ud)
{
    const char *p = data, *e = data + len;

    while (p < e) {
        switch (f->state) {
        case S_START:
            if (*p == '\n' || *p == '\0' || *p == '\r') {
                p++; /* empty frames and stray line ends between frames */
            } else if (*p >= '1' && *p <= '9') {
                f->state = S_COUNT;
                f->count = 0;
                f->ndigits = 0;
            } else {
                f->state = S_LINE;
            }
            break;
        case S_COUNT:
            feed_count(f, *p++, emit, ud);
            break;
        case S_LINE:
            p += feed_line(f, p, (size_t)(e - p), emit, ud);
            break;
        default:
            p += feed_octets(f, p, (size_t)(e - p), emit, ud);
            break;
        }
    }
}

void tw_framer_end(tw_framer *f, tw_frame_fn emit, void *ud)
{
    if ((f->state == S_LINE || f->state == S_COUNT) && f->msg.len > 0)
        emit_msg(f, true, emit, ud);
    else if (f->state == S_OCTET)
        f->bad++; /* the count promised more than came */
    tw_buf_reset(&f->msg);
    f->state = S_START;
}
