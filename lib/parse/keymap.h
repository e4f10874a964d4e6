/*
 * keymap.h: a hash table from (kind, a, b, c) keys to non-zero values, for
 * the parsers that look names up across a whole configuration (BGP
 * neighbours, peer groups and templates, AAA hosts): a configuration may
 * hold thousands of them, so they are not found by a scan.  Open
 * addressing with linear probing; the table lives in an arena and doubles
 * when half full; keys are views that must outlive it.
 */
#ifndef TIDEWATCH_PARSE_KEYMAP_H
#define TIDEWATCH_PARSE_KEYMAP_H

#include <stdbool.h>
#include <stdint.h>

#include "tidewatch/arena.h"
#include "tidewatch/str.h"

typedef struct {
    tw_str a, b, c;
    uint32_t kind;
    uint64_t val; /* 0: an empty slot */
} tw__keyslot;

/* Zero-initialised: an empty table. */
typedef struct {
    tw__keyslot *v;
    size_t cap, n;
} tw__keymap;

/* The value of the key; 0 when it is not there. */
uint64_t tw__keymap_get(const tw__keymap *m, uint32_t kind, tw_str a, tw_str b, tw_str c);
/* Adds the key with val (non-zero) unless it is there; false when the
 * arena is out of memory. */
bool tw__keymap_put(tw__keymap *m, tw_arena *arena, uint32_t kind, tw_str a, tw_str b, tw_str c,
                    uint64_t val);

#endif
