/*
 * rules_int.h: internals shared by the files of lib/rules.
 *
 * loader.c reads YAML packs into rules, pred.c compiles and evaluates the
 * predicates of "when" and "absent", ruleset.c keeps the set (replacement
 * by id, sorting, the per-kind index), apply.c turns matches into findings
 * and builtin.c reaches the packs embedded at build time.  Nothing here is
 * part of the public API.
 */
#ifndef TW_RULES_INT_H
#define TW_RULES_INT_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <yaml.h>

#include "core/yaml_int.h"
#include "tidewatch/arena.h"
#include "tidewatch/rules.h"

/* Keys in one YAML mapping of a rule or predicate, at most. */
#define TW__MAX_MAP_KEYS 64
/* Prefilter patterns ("match") of one rule, at most. */
#define TW__MAX_MATCH 256

typedef enum {
    TW__OP_EQ,
    TW__OP_NE,
    TW__OP_IN,
    TW__OP_NOT_IN,
    TW__OP_REGEX,
    TW__OP_IREGEX,
    TW__OP_GT,
    TW__OP_GE,
    TW__OP_LT,
    TW__OP_LE,
    TW__OP_PUBLIC,
    TW__OP_EXISTS,
    TW__OP_CONTAINS,
} tw__op;

typedef enum { TW__LIST_VALUES, TW__LIST_IOC, TW__LIST_POLICY } tw__list;

/* A scalar of a rule, read every way a field may need it. */
typedef struct {
    tw_str text; /* NUL-terminated in the rule set's arena */
    bool isnum, isaddr, isbool;
    int64_t num;
    tw_cidr addr;
    bool b;
} tw__scalar;

/* One operator with its operand. */
typedef struct {
    tw__op op;
    tw__list list;    /* for in / not_in */
    tw__scalar *vals; /* eq, ne, contains: one; in, not_in: nvals */
    size_t nvals;
    const char *policy; /* "policy.NAME" list name, for list == TW__LIST_POLICY */
    pcre2_code *re;     /* regex, iregex; owned, freed with the rule */
    int64_t num;        /* gt, ge, lt, le */
    bool flag;          /* public, exists */
} tw__opnd;

/* FIELD: TEST, a field name with the operators that must all hold. */
typedef struct {
    const char *field;
    tw__opnd *ops;
    size_t nops;
} tw__test;

/* A predicate: every test, every "all" child, one "any" child (when there
 * are any) and not the "not" child must hold. */
#define TW__GUARD_MAX 4

struct tw__pred {
    tw__test *tests;
    size_t ntests;
    tw__pred **all;
    size_t nall;
    tw__pred **any;
    size_t nany;
    tw__pred *neg;
    /* of a rule's top predicate (tw__pred_finish): fields one value of which
     * must be an indicator for it to hold; none when nguard is 0 */
    const char *guard[TW__GUARD_MAX];
    size_t nguard;
};

/* Loader context for one pack, shared by loader.c and pred.c.  y.entry is
 * the id or "#N" of the rule being read, y.entry_id its valid id or NULL. */
typedef struct {
    tw__yaml_rd y; /* diagnostics, the document's walk, the rule being read */
    tw_arena *arena;
    char label[80]; /* storage for y.entry */
    bool oom;
} tw__ld;

/* Reports a problem of the current rule at node n (NULL: no location). */
void tw__ld_error(tw__ld *c, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Returns node id of the document, or NULL (with an error) when the node
 * was already walked, which only an alias can cause. */
static inline yaml_node_t *tw__ld_node(tw__ld *c, int id)
{
    return tw__yaml_node(&c->y, id);
}

/* The text of a scalar node, or NULL with an error naming what when n is
 * not a scalar. */
static inline const char *tw__ld_scalar(tw__ld *c, yaml_node_t *n, const char *what)
{
    return tw__yaml_scalar(&c->y, n, what);
}

/* Compiles the predicate at node n for facts of kind (the top mapping,
 * whose "fact" key the caller has read).  Errors go to c; the returned tree
 * is always safe to free with tw__pred_free, NULL only on ENOMEM. */
tw__pred *tw__pred_compile(tw__ld *c, yaml_node_t *n, tw_fact_kind kind);
/* Frees the regexes of a predicate tree (the nodes live in the arena). */
void tw__pred_free(tw__pred *p);
/* Readies a rule's predicate tree once the rule set is complete: its
 * regexes JIT-compiled (failures keep the interpreter) and its indicator
 * guard found. */
void tw__pred_finish(tw__pred *p);
/* True when the predicate tree holds an "in: ioc" test anywhere. */
bool tw__pred_uses_ioc(const tw__pred *p);

/* Evaluation state of one rule against one fact. */
typedef struct {
    const tw_rule_env *env;
    pcre2_match_data *md;
    const pcre2_match_context *mctx;
    const tw_field *hit;   /* first positively matched field with its own line */
    const tw_field *first; /* first positively matched field */
    const tw_ioc *ioc;     /* first indicator matched by "in: ioc" */
    const tw_fact *fact;   /* the fact being evaluated (set by tw__pred_eval) */
} tw__eval;

/* True when fact f satisfies p; records in st what matched. */
bool tw__pred_eval(const tw__pred *p, const tw_fact *f, tw__eval *st);
/* False when p cannot hold on f because none of its guard fields holds an
 * indicator (a cheap test before tw__pred_eval); true without a guard. */
bool tw__pred_guard(const tw__pred *p, const tw_fact *f, tw__eval *st);

/* Rule set internals used by the loader. */
tw_arena *tw__ruleset_arena(tw_ruleset *rs);
bool tw__ruleset_finished(const tw_ruleset *rs);
/* Next pack number, for the duplicate-id-in-one-pack check. */
uint32_t tw__ruleset_next_pack(tw_ruleset *rs);
/* True when a rule with id came from pack number pack. */
bool tw__ruleset_in_pack(const tw_ruleset *rs, const char *id, uint32_t pack);
/* Adds r (arena-owned) or replaces the rule with its id.  TW_ELIMIT past
 * TW_LIMIT_RULES; TW_ENOMEM.  On failure r stays the caller's. */
tw_err tw__ruleset_put(tw_ruleset *rs, tw_rule *r, uint32_t pack);
/* Positions (in id order) of the "when" and the "absent" rules over facts
 * of kind, indexed by finish; NULL with *n == 0 when there are none. */
const size_t *tw__ruleset_kind(const tw_ruleset *rs, tw_fact_kind kind, size_t *n);
const size_t *tw__ruleset_absent(const tw_ruleset *rs, tw_fact_kind kind, size_t *n);
const pcre2_match_context *tw__ruleset_mctx(const tw_ruleset *rs);

#endif
