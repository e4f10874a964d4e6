/*
 * hunt_int.h: what the hunter builder (hunt.c) and the scanner
 * (hunt_scan.c) share: the pattern table that maps Vectorscan ids back to
 * indicator literals, rule patterns and address scans.
 */
#ifndef TW_HUNT_INT_H
#define TW_HUNT_INT_H

#include <hs/hs.h>
#include <string.h>
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "tidewatch/hostmap.h"
#include "tidewatch/hunt.h"

typedef enum {
    TW__PAT_LITERAL, /* an indicator literal: verify with tw_ioc_literal_whole */
    TW__PAT_RULE,    /* a rule's match pattern: the line is a candidate */
    TW__PAT_ANCHOR,  /* an anchor of a rule regex: see tw__anchor_group */
    TW__PAT_ADDR4,   /* an IPv4 address candidate, for prefix indicators */
    TW__PAT_ADDR6,   /* an IPv6 address candidate */
    TW__PAT_GATE,    /* a text of a line that can carry a command (log.h) */
} tw__pat_kind;

typedef struct {
    tw__pat_kind kind;
    size_t len;                /* literal (or gate) length: the start is end - len */
    const tw_ioc_literal *lit; /* TW__PAT_LITERAL only */
    uint32_t group;            /* TW__PAT_ANCHOR: index of its group */
    uint64_t bit;              /* TW__PAT_ANCHOR: its bit in the group's mask */
} tw__pat;

/* Anchors per group, at most; bit 63 of a scan's mask marks a group done
 * for the line. */
#define TW__ANCHORS_MAX 63

/* A rule regex scanned through its anchors. */
typedef struct {
    pcre2_code *re;  /* owned: confirms the line once every anchor hit it */
    uint64_t need;   /* one bit per anchor */
    const char *src; /* the regex text, borrowed from the rule */
} tw__anchor_group;

struct tw_hunter {
    const tw_ruleset *rules;
    const tw_iocset *iocs;
    hs_database_t *db_lit; /* literals (indicators, rule literals); may be NULL */
    hs_database_t *db_re;  /* regexes (rule regexes, address scans); may be NULL */
    hs_database_t *db_cmd; /* regexes of rules that need a command; may be NULL: on a
                              format with command markers, scanned over gated lines only */
    hs_scratch_t *proto;   /* fits both; cloned per scan state */
    tw__pat *pats;
    size_t npats;
    tw__anchor_group *groups;
    size_t ngroups;
    /* IPv4 host indicators whose text is a digit-dot token (digits, and
     * dots between digits): not literals of the database but a hash from
     * text to literal, probed with every digit-dot token of the text that
     * has a dot (hunt_scan.c).  That reports what the literals would,
     * without their compile time and scan cost. */
    uint32_t *v4_hash;
    const tw_ioc_literal **v4_lit; /* NULL: an empty slot */
    uint64_t *v4_bloom;            /* TW__V4_BLOOM bits, one per hash, tried first */
    size_t v4_mask;                /* slots - 1; no table when v4_lit is NULL */
    pcre2_match_context *mctx;     /* backtracking limits of the group regexes */
    const tw_hostmap *hosts;       /* borrowed, may be NULL: tw_hunter_set_hosts */
};

/* The hash of a digit-dot token of n <= 16 bytes whose 16 bytes from p on
 * are readable (the token's, then any): the bytes past n are masked off,
 * so that the hash is of the token alone, and the two halves are mixed by
 * multiplication.  No loop over the bytes: every token with a dot pays it. */
static inline uint32_t tw__tok_hash16(const char *p, size_t n)
{
    uint64_t lo, hi, mlo, mhi, h;

    memcpy(&lo, p, 8);
    memcpy(&hi, p + 8, 8);
    mlo = n >= 8 ? ~(uint64_t)0 : ((uint64_t)1 << (n * 8)) - 1;
    mhi = n >= 16 ? ~(uint64_t)0 : n <= 8 ? 0 : ((uint64_t)1 << ((n - 8) * 8)) - 1;
    h = (lo & mlo) * 0x9e3779b97f4a7c15u ^ (hi & mhi) * 0xc2b2ae3d27d4eb4fu ^ n;
    return (uint32_t)(h ^ h >> 29 ^ h >> 47);
}

/* tw__tok_hash16 of p[0, n) (n <= 16) where fewer bytes may be readable. */
static inline uint32_t tw__tok_hash(const char *p, size_t n)
{
    char b[16] = {0};

    memcpy(b, p, n);
    return tw__tok_hash16(b, n);
}

/* Bits of the IPv4 filter (32 KiB, in the first- or second-level cache:
 * with 5,000 indicators about 2% of the tokens get past it). */
#define TW__V4_BLOOM ((size_t)1 << 18)
/* The longest dotted quad: 255.255.255.255. */
#define TW__V4_MAXLEN 15
/* The filter bit of a hash: other bits of it than the table's slot. */
static inline size_t tw__v4_bit(uint32_t hash)
{
    return (size_t)((hash * 0x85ebca6bu) >> 14) & (TW__V4_BLOOM - 1);
}
/* False when no literal has this hash (the filter, inlined where every
 * token is tried); true when one may. */
static inline bool tw__v4_maybe(const tw_hunter *h, uint32_t hash)
{
    size_t bit = tw__v4_bit(hash);

    return h->v4_bloom[bit / 64] >> (bit % 64) & 1;
}
/* The literal whose text is p[0, n), of hash h (tw__tok_hash), or NULL. */
const tw_ioc_literal *tw__hunt_v4_find(const tw_hunter *h, uint32_t hash, const char *p, size_t n);

/* Writes to out (at most cap) the literal runs of at least min bytes, as
 * written (escapes included), at the top level of a rule regex: text that
 * every match holds.  Returns how many; 0 when the top level alternates or
 * the regex uses a construct this reading does not know (extended mode,
 * \Q, comments, verbs), so that nothing is ever claimed wrongly. */
size_t tw__hunt_regex_anchors(const char *re, size_t min, tw_str *out, size_t cap);

#endif
