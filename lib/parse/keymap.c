/*
 * keymap.c: the parsers' hash table (keymap.h).
 */
#include "keymap.h"

static uint64_t mix(uint64_t h, tw_str s)
{
    for (size_t i = 0; i < s.len; i++)
        h = (h ^ (unsigned char)s.ptr[i]) * 0x100000001b3u;
    return (h ^ 0xff) * 0x100000001b3u; /* ends the part: ("ab", "") is not ("a", "b") */
}

static uint64_t hash(uint32_t kind, tw_str a, tw_str b, tw_str c)
{
    return mix(mix(mix(0xcbf29ce484222325u ^ kind, a), b), c);
}

static bool same(const tw__keyslot *s, uint32_t kind, tw_str a, tw_str b, tw_str c)
{
    return s->kind == kind && tw_str_eq(s->a, a) && tw_str_eq(s->b, b) && tw_str_eq(s->c, c);
}

/* The slot of the key, or the empty slot where it would go; NULL when the
 * table has no slots. */
static tw__keyslot *find(const tw__keymap *m, uint32_t kind, tw_str a, tw_str b, tw_str c)
{
    size_t i;

    if (m->cap == 0)
        return NULL;
    for (i = (size_t)hash(kind, a, b, c) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
        if (m->v[i].val == 0 || same(&m->v[i], kind, a, b, c))
            return &m->v[i];
    }
}

uint64_t tw__keymap_get(const tw__keymap *m, uint32_t kind, tw_str a, tw_str b, tw_str c)
{
    const tw__keyslot *s = find(m, kind, a, b, c);

    return s != NULL ? s->val : 0;
}

/* Doubles the table (64 slots at first) and puts the old keys back. */
static bool grow(tw__keymap *m, tw_arena *arena)
{
    tw__keymap n = {.cap = m->cap == 0 ? 64 : m->cap * 2, .n = m->n};

    n.v = tw_arena_zalloc(arena, n.cap * sizeof(*n.v));
    if (n.v == NULL)
        return false;
    for (size_t i = 0; i < m->cap; i++) {
        const tw__keyslot *o = &m->v[i];
        if (o->val != 0)
            *find(&n, o->kind, o->a, o->b, o->c) = *o;
    }
    *m = n;
    return true;
}

bool tw__keymap_put(tw__keymap *m, tw_arena *arena, uint32_t kind, tw_str a, tw_str b, tw_str c,
                    uint64_t val)
{
    tw__keyslot *s;

    if ((m->n + 1) * 2 > m->cap && !grow(m, arena))
        return false;
    s = find(m, kind, a, b, c);
    if (s->val == 0) {
        *s = (tw__keyslot){.a = a, .b = b, .c = c, .kind = kind, .val = val};
        m->n++;
    }
    return true;
}
