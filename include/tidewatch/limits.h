/*
 * limits.h: every bound on hostile input, in one place.
 *
 * Parsers and loaders check these and report overflow as TW_ELIMIT with the
 * file and line; nothing grows without bound.
 */
#ifndef TIDEWATCH_LIMITS_H
#define TIDEWATCH_LIMITS_H

#define TW_LIMIT_FILE_SIZE ((size_t)512 << 20) /* one input file */
#define TW_LIMIT_LINE_LEN ((size_t)1 << 20)    /* longer lines are skipped with a diagnostic */
#define TW_LIMIT_TOKENS_PER_LINE 256           /* tokens looked at on one line */
#define TW_LIMIT_FACTS 4000000                 /* facts of one file */
#define TW_LIMIT_FIELDS 32                     /* fields of one fact */
#define TW_LIMIT_DEPTH 64                      /* block nesting */
#define TW_LIMIT_ARENA ((size_t)2 << 30)       /* bytes of one per-input arena */
#define TW_LIMIT_FINDINGS 1000000              /* findings of one file */
#define TW_LIMIT_RULES 10000                   /* rules in all packs */
#define TW_LIMIT_RULE_DEPTH 16                 /* nesting of all/any/not in a predicate */
#define TW_LIMIT_RULE_FILE ((size_t)8 << 20)   /* one rule pack file */
#define TW_LIMIT_IOCS 20000000                 /* indicators in all sets */
#define TW_LIMIT_IOC_FILE ((size_t)1 << 30)    /* one indicator file */
#define TW_LIMIT_TEXT_FIELD 4096               /* evidence and message text per finding */
#define TW_LIMIT_DIR_DEPTH 64                  /* folder recursion */

#endif
