/*
 * eos_map.c: a small hash table for the EOS parser.
 *
 * BGP neighbours are found by (VRF, address) on every "neighbor" line and
 * AAA hosts by address at the end of the parse; a configuration may hold
 * thousands of either, so both are looked up here rather than by a scan.
 * Open addressing with linear probing; the table lives in the parser's
 * arena, doubles when half full, and keys are views into the configuration
 * text (or the arena), compared byte for byte.
 */
#include <string.h>

#include "eos_int.h"

static uint64_t mix(uint64_t h, tw_str s)
{
    for (size_t i = 0; i < s.len; i++)
        h = (h ^ (unsigned char)s.ptr[i]) * 0x100000001b3u;
    return (h ^ 0xff) * 0x100000001b3u; /* ends the part: ("ab", "") is not ("a", "b") */
}

static uint64_t hash(uint32_t kind, tw_str a, tw_str b)
{
    return mix(mix(0xcbf29ce484222325u ^ kind, a), b);
}

static bool same(const eos_slot *s, uint32_t kind, tw_str a, tw_str b)
{
    return s->kind == kind && tw_str_eq(s->a, a) && tw_str_eq(s->b, b);
}

/* The slot of the key, or the empty slot where it would go; NULL when the
 * table has no slots. */
static eos_slot *find(const eos_map *m, uint32_t kind, tw_str a, tw_str b)
{
    size_t i;

    if (m->cap == 0)
        return NULL;
    for (i = (size_t)hash(kind, a, b) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (m->v[i].val == 0 || same(&m->v[i], kind, a, b))
            return &m->v[i];
    }
}

uint32_t tw__eos_map_get(const eos_map *m, uint32_t kind, tw_str a, tw_str b)
{
    const eos_slot *s = find(m, kind, a, b);

    return s != NULL ? s->val : 0;
}

/* Doubles the table (64 slots at first) and puts the old keys back. */
static bool grow(eos_map *m, tw_arena *arena)
{
    eos_map n = {.cap = m->cap == 0 ? 64 : m->cap * 2, .n = m->n};

    n.v = tw_arena_zalloc(arena, n.cap * sizeof(*n.v));
    if (n.v == NULL)
        return false;
    for (size_t i = 0; i < m->cap; i++) {
        if (m->v[i].val != 0)
            *find(&n, m->v[i].kind, m->v[i].a, m->v[i].b) = m->v[i];
    }
    *m = n;
    return true;
}

bool tw__eos_map_put(eos_map *m, tw_arena *arena, uint32_t kind, tw_str a, tw_str b, uint32_t val)
{
    eos_slot *s;

    if ((m->n + 1) * 2 > m->cap && !grow(m, arena))
        return false;
    s = find(m, kind, a, b);
    if (s->val == 0) {
        *s = (eos_slot){.a = a, .b = b, .kind = kind, .val = val};
        m->n++;
    }
    return true;
}
