/*
 * rules.h: rule packs, the YAML rule language over facts (docs/rules.md).
 *
 * A rule set is built by loading packs (the built-in ones compiled into the
 * binary, then --rules files; a later rule with an existing id replaces the
 * earlier one), then frozen with tw_ruleset_finish, which compiles regexes
 * and indexes rules by fact kind.  A frozen set is immutable and may be
 * shared by threads; tw_rules_apply keeps its state on the caller's side.
 */
#ifndef TIDEWATCH_RULES_H
#define TIDEWATCH_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "error.h"
#include "fact.h"
#include "finding.h"
#include "ioc.h"
#include "policy.h"

typedef struct tw__pred tw__pred; /* compiled predicate, private to lib/rules */

typedef struct {
    const char *dialect; /* "ios", "ios-xe", ... or "default" */
    const char *text;    /* may hold {field} placeholders */
} tw_remediation;

/* A prefilter pattern of a rule over log facts (the `match` key): text
 * that must occur in a line for the rule to possibly hold there.  Hunt
 * compiles every rule's patterns and every indicator into one Vectorscan
 * database and parses only the lines with a hit. */
typedef struct {
    const char *text; /* a literal (matched case-insensitively) or a regex */
    bool regex;
} tw_rule_match;

typedef struct {
    const char *id;
    const char *title;
    const char *description; /* may be NULL */
    const char *message;     /* template with {field} placeholders; may be NULL */
    tw_severity severity;
    tw_category category;
    tw_fact_kind kind; /* the fact kind of when/absent */
    bool absent;       /* finding when no fact matches (a missing setting) */
    bool catchall;     /* dropped where a specific rule reported the same line and ioc */
    const char **attack;
    size_t nattack;
    const char **references;
    size_t nreferences;
    tw_remediation *remediation;
    size_t nremediation;
    const char *file; /* where the rule was defined ("builtin:advisory.yaml") */
    uint32_t line;
    tw__pred *pred;
    tw_rule_match *match; /* added with hunt: prefilter patterns, may be empty */
    size_t nmatch;
    const char *policy; /* added with the site policy: the rule applies only when the
                           policy gives this list ("aaa_servers"); NULL: always */
    uint32_t dialects;  /* added with more dialects: bit (1u << tw_dialect) per dialect
                           the rule applies to; 0: every one */
    bool per_device;    /* added with the hardening pack: one finding per file (the
                           first fact that matches), counting the others ("more") */
} tw_rule;

typedef struct tw_ruleset tw_ruleset;

tw_ruleset *tw_ruleset_new(void);
void tw_ruleset_free(tw_ruleset *rs);

/* Loads the packs compiled into the binary (the rules folder, *.yaml). */
tw_err tw_ruleset_load_builtin(tw_ruleset *rs, tw_diags *diags);
/* Loads one pack from memory.  Every problem is a diagnostic at file:line;
 * returns TW_ERULE (or TW_EYAML) if any rule of the pack was rejected, and
 * keeps the valid ones. */
tw_err tw_ruleset_load(tw_ruleset *rs, const char *file, const char *data, size_t len,
                       tw_diags *diags);
/* True when rule r can only match a fact that has the field (its `when`
 * fails on a fact without it), so that a hunt may look for its `match`
 * patterns only where the field can come from.  False for absent rules.
 * Pure, thread-safe. */
bool tw_rule_requires_field(const tw_rule *r, const char *field);

/* Compiles and indexes; rules cannot be added afterwards. */
tw_err tw_ruleset_finish(tw_ruleset *rs, tw_diags *diags);

size_t tw_ruleset_count(const tw_ruleset *rs);
/* Whether some rule of the finished set is about facts of kind (it tests
 * them, or their absence): a caller may leave other kinds out of a
 * factset it only audits (tw_factset.skip). */
bool tw_ruleset_reads_kind(const tw_ruleset *rs, tw_fact_kind kind);
/* Rules in id order after finish. */
const tw_rule *tw_ruleset_at(const tw_ruleset *rs, size_t i);
const tw_rule *tw_ruleset_find(const tw_ruleset *rs, const char *id);

/* What rules may consult besides the facts. */
typedef struct {
    const tw_iocset *iocs;   /* NULL: "in: ioc" never holds */
    const tw_policy *policy; /* NULL: every policy list is empty (policy.h) */
} tw_rule_env;

/* Applies every rule to one file's facts and appends the findings (strings
 * copied into out->arena).  file may be NULL.  Absent rules apply only to
 * the facts of a configuration (fs->dialect known), never to log facts.  Remediation is the entry
 * for fs->dialect, else "ios" for IOS XE, else "default". */
tw_err tw_rules_apply(const tw_ruleset *rs, const tw_rule_env *env, const char *file,
                      const tw_factset *fs, tw_findings *out);

/* Names of the built-in pack files and their text, for "rules list". */
size_t tw_builtin_pack_count(void);
const char *tw_builtin_pack_name(size_t i);
const char *tw_builtin_pack_text(size_t i, size_t *len);

#endif
