/*
 * hunt_int.h: what the hunter builder (hunt.c) and the scanner
 * (hunt_scan.c) share: the pattern table that maps Vectorscan ids back to
 * indicator literals, rule patterns and address scans.
 */
#ifndef TW_HUNT_INT_H
#define TW_HUNT_INT_H

#include <hs/hs.h>

#include "tidewatch/hunt.h"

typedef enum {
    TW__PAT_LITERAL, /* an indicator literal: verify with tw_ioc_literal_whole */
    TW__PAT_RULE,    /* a rule's match pattern: the line is a candidate */
    TW__PAT_ADDR4,   /* an IPv4 address candidate, for prefix indicators */
    TW__PAT_ADDR6,   /* an IPv6 address candidate */
} tw__pat_kind;

typedef struct {
    tw__pat_kind kind;
    size_t len;                /* literal length: the start is end - len */
    const tw_ioc_literal *lit; /* TW__PAT_LITERAL only */
} tw__pat;

struct tw_hunter {
    const tw_ruleset *rules;
    const tw_iocset *iocs;
    hs_database_t *db_lit; /* literals (indicators, rule literals); may be NULL */
    hs_database_t *db_re;  /* regexes (rule regexes, address scans); may be NULL */
    hs_scratch_t *proto;   /* fits both; cloned per scan state */
    tw__pat *pats;
    size_t npats;
};

#endif
