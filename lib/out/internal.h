/*
 * internal.h: what the writers of lib/out share and nobody else sees.
 *
 * The writer object itself (one struct for every format, with a small
 * table of per-format operations), the UTF-8 decoder the escapers use,
 * and the escaping JSON writer shared by jsonl and sarif.
 */
#ifndef TW_OUT_INTERNAL_H
#define TW_OUT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tidewatch/limits.h"
#include "tidewatch/out.h"

/* Bounds of this module (limits.h holds those of the inputs). */
#define TW__JSON_DEPTH 16                      /* nesting of one JSON document */
#define TW__OUT_MAX_RULES (TW_LIMIT_RULES * 4) /* distinct rule ids in one SARIF run */
#define TW__OUT_SEVERITIES 5

/* Decodes one UTF-8 sequence at p (n bytes available, n > 0): returns its
 * length 1..4 and the code point, or 0 for an invalid, overlong, surrogate
 * or truncated sequence. */
size_t tw__utf8_decode(const unsigned char *p, size_t n, uint32_t *cp);

/* Appends s to b through one(), code point by code point: len is the
 * sequence's length at p, 0 for an invalid byte (one() then gets that
 * byte alone).  Stops at the first error, which it returns. */
typedef tw_err (*tw__utf8_fn)(tw_buf *b, const unsigned char *p, size_t len, uint32_t c,
                              bool flag);
tw_err tw__utf8_each(tw_buf *b, tw_str s, tw__utf8_fn one, bool flag);

/* 64-bit FNV-1a, continued from h (start with TW__FNV_INIT). */
#define TW__FNV_INIT 0xcbf29ce484222325ULL
uint64_t tw__fnv1a(uint64_t h, const void *data, size_t len);

/* The escaping JSON writer: appends to b; the first error sticks in err and
 * makes every later call a no-op, so callers check once at the end. */
typedef struct {
    tw_buf *b;
    tw_err err;
    unsigned depth;
    bool after_key;
    bool need_comma[TW__JSON_DEPTH];
} tw__json;

void tw__json_init(tw__json *j, tw_buf *b);
void tw__json_obj(tw__json *j);
void tw__json_obj_end(tw__json *j);
void tw__json_arr(tw__json *j);
void tw__json_arr_end(tw__json *j);
void tw__json_key(tw__json *j, const char *key);
/* A string value; NULL gives null. */
void tw__json_str(tw__json *j, const char *s);
void tw__json_strv(tw__json *j, tw_str s);
void tw__json_u64(tw__json *j, uint64_t v);
void tw__json_null(tw__json *j);
/* A value already rendered as JSON (len bytes). */
void tw__json_raw(tw__json *j, const char *raw, size_t len);
/* An array of strings. */
void tw__json_strs(tw__json *j, const char *const *v, size_t n);
/* The contract fields from device to remediation, in the order of the
 * jsonl schema: shared by the jsonl record and SARIF's properties. */
void tw__json_finding_tail(tw__json *j, const tw_finding *f);
/* key: string-or-null, the common pair. */
void tw__json_kstr(tw__json *j, const char *key, const char *s);

/* The writer: one struct for every format. */
typedef struct {
    tw_err (*add)(tw_writer *w, const tw_finding *f);
    tw_err (*finish)(tw_writer *w);
    void (*release)(tw_writer *w);
} tw__writer_ops;

typedef struct tw__sarif tw__sarif; /* sarif.c's private state */
typedef struct tw__html tw__html;   /* html.c's private state */

struct tw_writer {
    tw_writer_opts opts;
    const tw__writer_ops *ops;
    tw_buf out;                       /* rendered, not yet handed to the sink */
    size_t count[TW__OUT_SEVERITIES]; /* findings added, per severity */
    bool started;                     /* header written (csv, sarif) */
    bool finished;
    tw_err err;    /* sticky: the first failure */
    tw__json json; /* jsonl, sarif */
    tw__sarif *sarif;
    tw__html *html;
};

/* Hands w->out to the sink and empties it. */
tw_err tw__writer_flush(tw_writer *w);

extern const tw__writer_ops tw__text_ops;
extern const tw__writer_ops tw__jsonl_ops;
extern const tw__writer_ops tw__sarif_ops;
extern const tw__writer_ops tw__csv_ops;
extern const tw__writer_ops tw__html_ops;

#endif
