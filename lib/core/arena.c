/*
 * arena.c: a bump allocator for per-input data.
 *
 * Memory comes from a list of blocks: the first of 64 KiB, later ones
 * doubling up to 8 MiB; a request larger than a quarter of the next block
 * gets a block of its own.  Every allocation is 16-byte aligned.  The cap
 * counts bytes handed out since the last reset.  Reset keeps the blocks for
 * the next input (up to ARENA_KEEP bytes of them), so an arena reused file
 * after file touches warm memory instead of asking the kernel for fresh
 * pages; kept blocks wait on a spare list and are taken before malloc is
 * asked for a new one.
 */
#include "tidewatch/arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define ARENA_ALIGN 16
#define ARENA_FIRST_BLOCK ((size_t)64 << 10)
#define ARENA_MAX_BLOCK ((size_t)8 << 20)
#define ARENA_MAX_DEFAULT ((size_t)1 << 30)
#define ARENA_KEEP ((size_t)64 << 20)
#define ARENA_HUGE_MIN ((size_t)4 << 20)

struct block {
    struct block *next;
    size_t size; /* usable bytes behind the header */
    size_t off;  /* bytes of those already handed out */
};

struct tw_arena {
    struct block *blocks; /* every block in use; the first allocated is last */
    struct block *spare;  /* blocks kept by reset, not in use */
    struct block *first;
    struct block *cur; /* the block small requests bump from */
    size_t next_size;
    size_t used;
    size_t max;
};

static unsigned char *block_data(struct block *b)
{
    return (unsigned char *)b + sizeof(*b);
}

/* Asks the kernel to back the 2 MiB-aligned middle of a large block with
 * huge pages: one page fault instead of 512 when the block is first
 * touched.  Only a hint; nothing happens where it is not supported. */
static void advise_huge(void *p, size_t size)
{
#ifdef MADV_HUGEPAGE
    const uintptr_t huge = (uintptr_t)2 << 20;
    uintptr_t lo = ((uintptr_t)p + huge - 1) & ~(huge - 1);
    uintptr_t hi = ((uintptr_t)p + size) & ~(huge - 1);

    if (hi > lo)
        (void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
#else
    (void)p;
    (void)size;
#endif
}

/* Allocates a block with size usable bytes plus room to align its start. */
static struct block *block_new(size_t size)
{
    struct block *b;

    if (size > SIZE_MAX - sizeof(*b) - ARENA_ALIGN)
        return NULL;
    b = malloc(sizeof(*b) + size + ARENA_ALIGN);
    if (b == NULL)
        return NULL;
    if (size >= ARENA_HUGE_MIN)
        advise_huge(b, sizeof(*b) + size + ARENA_ALIGN);
    b->next = NULL;
    b->size = size + ARENA_ALIGN;
    b->off = 0;
    return b;
}

/* Returns n aligned bytes from b, or NULL when they do not fit. */
static void *block_take(struct block *b, size_t n)
{
    uintptr_t start = (uintptr_t)(block_data(b) + b->off);
    size_t pad = (size_t)((ARENA_ALIGN - start % ARENA_ALIGN) % ARENA_ALIGN);

    if (pad > b->size - b->off || n > b->size - b->off - pad)
        return NULL;
    b->off += pad + n;
    return (void *)(start + pad);
}

/* Creates an arena capped at max bytes (0: 1 GiB); NULL on ENOMEM. */
tw_arena *tw_arena_new(size_t max)
{
    tw_arena *a = calloc(1, sizeof(*a));

    if (a == NULL)
        return NULL;
    a->first = block_new(ARENA_FIRST_BLOCK);
    if (a->first == NULL) {
        free(a);
        return NULL;
    }
    a->blocks = a->first;
    a->cur = a->first;
    a->next_size = ARENA_FIRST_BLOCK * 2;
    a->max = max != 0 ? max : ARENA_MAX_DEFAULT;
    return a;
}

/* Frees every block of the list b but the first block of the arena. */
static void free_list(tw_arena *a, struct block *b)
{
    while (b != NULL) {
        struct block *next = b->next;
        if (b != a->first)
            free(b);
        b = next;
    }
}

/* Frees the arena and all its memory; NULL is accepted. */
void tw_arena_free(tw_arena *a)
{
    if (a == NULL)
        return;
    free_list(a, a->blocks);
    free_list(a, a->spare);
    free(a->first);
    free(a);
}

/* Forgets every allocation.  The first block is reused at once; the other
 * blocks go to the spare list while they fit in ARENA_KEEP bytes, and are
 * freed beyond that. */
void tw_arena_reset(tw_arena *a)
{
    struct block *b = a->blocks;
    size_t kept = 0;

    for (struct block *s = a->spare; s != NULL; s = s->next)
        kept += s->size;
    while (b != NULL) {
        struct block *next = b->next;
        if (b != a->first && kept + b->size <= ARENA_KEEP) {
            kept += b->size;
            b->next = a->spare;
            a->spare = b;
        } else if (b != a->first) {
            free(b);
        }
        b = next;
    }
    a->first->next = NULL;
    a->first->off = 0;
    a->blocks = a->first;
    a->cur = a->first;
    a->next_size = ARENA_FIRST_BLOCK * 2;
    a->used = 0;
}

/* Takes a spare block able to hold n bytes off the spare list, or NULL. */
static struct block *take_spare(tw_arena *a, size_t n)
{
    for (struct block **pp = &a->spare; *pp != NULL; pp = &(*pp)->next) {
        struct block *b = *pp;
        if (b->size >= n + ARENA_ALIGN) {
            *pp = b->next;
            b->next = NULL;
            b->off = 0;
            return b;
        }
    }
    return NULL;
}

/* Adds a block able to hold n bytes, a spare one when one fits; a large
 * request gets its own block and leaves the current one in place. */
static void *alloc_new_block(tw_arena *a, size_t n)
{
    struct block *b = take_spare(a, n);
    bool own;

    if (b == NULL) {
        own = n > a->next_size / 4;
        b = block_new(own ? n : a->next_size);
        if (b == NULL)
            return NULL;
    } else {
        own = n > b->size / 4;
    }
    b->next = a->blocks;
    a->blocks = b;
    if (!own) {
        a->cur = b;
        while (a->next_size <= b->size && a->next_size < ARENA_MAX_BLOCK)
            a->next_size *= 2;
    }
    return block_take(b, n);
}

/* Returns n uninitialised bytes, 16-byte aligned; NULL when the cap is
 * reached or memory runs out.  A request of 0 bytes gives a valid pointer. */
void *tw_arena_alloc(tw_arena *a, size_t n)
{
    void *p;

    if (n == 0)
        n = 1;
    if (n > SIZE_MAX - ARENA_ALIGN)
        return NULL;
    n = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (n > a->max - a->used)
        return NULL;
    p = block_take(a->cur, n);
    if (p == NULL)
        p = alloc_new_block(a, n);
    if (p != NULL)
        a->used += n;
    return p;
}

/* Returns n zeroed bytes; NULL on failure. */
void *tw_arena_zalloc(tw_arena *a, size_t n)
{
    void *p = tw_arena_alloc(a, n);

    if (p != NULL)
        memset(p, 0, n);
    return p;
}

/* Copies n bytes of s and a NUL into the arena; NULL on failure. */
char *tw_arena_strndup(tw_arena *a, const char *s, size_t n)
{
    char *p;

    if (n == SIZE_MAX)
        return NULL;
    p = tw_arena_alloc(a, n + 1);
    if (p == NULL)
        return NULL;
    if (n > 0)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

/* Copies a NUL-terminated string into the arena; NULL on failure. */
char *tw_arena_strdup(tw_arena *a, const char *s)
{
    return tw_arena_strndup(a, s, strlen(s));
}

/* Copies a view into the arena, NUL-terminated behind len; the empty view
 * on failure. */
tw_str tw_arena_str(tw_arena *a, tw_str s)
{
    char *p = tw_arena_strndup(a, s.ptr, s.len);

    if (p == NULL)
        return TW_STR_NULL;
    return tw_str_make(p, s.len);
}

/* printf into the arena; NULL on a format error, the cap or ENOMEM. */
char *tw_arena_printf(tw_arena *a, const char *fmt, ...)
{
    va_list ap;
    int n;
    char *p;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return NULL;
    p = tw_arena_alloc(a, (size_t)n + 1);
    if (p == NULL)
        return NULL;
    va_start(ap, fmt);
    n = vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return n < 0 ? NULL : p;
}

/* Bytes handed out since the last reset, rounded up to the alignment. */
size_t tw_arena_used(const tw_arena *a)
{
    return a->used;
}
