/*
 * frame.h: syslog messages out of a TCP stream (RFC 6587).
 *
 * Senders frame syslog over TCP two ways: octet counting ("MSG-LEN SP
 * MSG", RFC 6587 3.4.1, what RFC 5425 senders and rsyslog's octet-counted
 * mode use) and non-transparent framing (each message ends with LF; some
 * senders end it with NUL or CR LF).  A tw_framer takes the bytes of one
 * connection as they arrive, in pieces of any size, and hands out whole
 * messages; it decides the framing per message, as rsyslog does: a frame
 * that starts with a digit 1-9 followed by digits and a space is octet
 * counted, any other frame ends at the next LF or NUL.
 *
 * Memory is bounded by the largest message allowed (max): a longer message
 * is cut to max bytes, handed out once, and counted in `cut`; its rest is
 * skipped.  An octet count above TW_FRAME_MAX_COUNT is no count: the frame
 * is read as LF-terminated instead and counted in `bad`, as is a counted
 * message the stream ends before (it is dropped).  Nothing the
 * sender writes makes the framer fail or grow.
 */
#ifndef TIDEWATCH_FRAME_H
#define TIDEWATCH_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* The largest octet count read as one (a message is still cut at max). */
#define TW_FRAME_MAX_COUNT 100000000u

typedef void (*tw_frame_fn)(void *ud, const char *msg, size_t len);

typedef struct {
    tw_buf msg;       /* the message being gathered, at most max bytes */
    size_t max;       /* the largest message handed out */
    int state;        /* where the framer is within a frame (frame.c) */
    uint64_t need;    /* octet counting: bytes of the message still to come */
    uint32_t ndigits; /* digits of the count read so far */
    uint64_t count;
    bool skipping;               /* the rest of a cut message is being skipped */
    uint64_t messages, cut, bad; /* handed out; cut to max; counts that were none */
} tw_framer;

/* Initialises a framer for messages of at most max bytes (0: 64 KiB). */
void tw_framer_init(tw_framer *f, size_t max);
void tw_framer_release(tw_framer *f);
/* Feeds len bytes of the stream; emit(ud, msg, len) gets each whole
 * message (without its count, LF, NUL or final CR), in order. */
void tw_framer_feed(tw_framer *f, const char *data, size_t len, tw_frame_fn emit, void *ud);
/* The stream ended: a message still being gathered without its LF is
 * handed out (a sender that closes without a final newline). */
void tw_framer_end(tw_framer *f, tw_frame_fn emit, void *ud);

#endif
