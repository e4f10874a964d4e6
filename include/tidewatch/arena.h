/*
 * arena.h: a bump allocator for per-input data.
 *
 * Tokens, facts and findings of one file come from one arena that is reset
 * once per input (h2o's mem pool, YARA's arena).  Memory is 16-byte aligned.
 * An arena has a byte cap; allocations past it fail (NULL), which callers
 * treat as TW_ELIMIT.  An arena belongs to one thread at a time.
 */
#ifndef TIDEWATCH_ARENA_H
#define TIDEWATCH_ARENA_H

#include <stddef.h>

#include "str.h"

typedef struct tw_arena tw_arena;

/* Creates an arena that may hold up to max bytes in all (0: 1 GiB).
 * Returns NULL on ENOMEM. */
tw_arena *tw_arena_new(size_t max);
/* Frees the arena and everything allocated from it; NULL is accepted. */
void tw_arena_free(tw_arena *a);
/* Forgets every allocation, keeping the first block for reuse. */
void tw_arena_reset(tw_arena *a);
/* Returns n bytes, uninitialised / zeroed; NULL when the cap is reached. */
void *tw_arena_alloc(tw_arena *a, size_t n);
void *tw_arena_zalloc(tw_arena *a, size_t n);
/* Copies n bytes and a NUL; NULL on failure. */
char *tw_arena_strndup(tw_arena *a, const char *s, size_t n);
char *tw_arena_strdup(tw_arena *a, const char *s);
/* Copies a view into the arena (NUL-terminated behind len); the empty view
 * on failure. */
tw_str tw_arena_str(tw_arena *a, tw_str s);
/* printf into the arena; NULL on failure. */
char *tw_arena_printf(tw_arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Bytes handed out since the last reset. */
size_t tw_arena_used(const tw_arena *a);

#endif
