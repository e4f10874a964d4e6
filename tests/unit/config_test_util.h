/*
 * config_test_util.h: helpers shared by the configuration parser tests:
 * read a fixture into memory, count the facts of a kind, find a fact at an
 * exact line by one of its fields, and (CFG_TEST_WRAPPERS) the parse,
 * done, count, has and lacks wrappers every dialect's test uses.  Include
 * it after cmocka.h.
 */
#ifndef TW_TEST_CONFIG_UTIL_H
#define TW_TEST_CONFIG_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tidewatch/config.h"
#include "tidewatch/fact.h"
#include "tidewatch/finding.h"
#include "tidewatch/ioc.h"
#include "tidewatch/rules.h"

/* field_line of cfg_has: the line the field was set at is not checked. */
#define CFG_ANY_LINE UINT32_MAX

/* The whole file at path in a malloc'd buffer (not NUL-terminated) and its
 * length in *len; NULL when it cannot be read. */
static inline char *cfg_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    long n;

    if (f == NULL)
        return NULL;
    if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
        buf = malloc((size_t)n + 1);
        if (buf != NULL)
            *len = fread(buf, 1, (size_t)n, f);
    }
    fclose(f);
    return buf;
}

/* The number of facts of kind in fs. */
static inline size_t cfg_count(const tw_factset *fs, tw_fact_kind kind)
{
    size_t n = 0;

    for (size_t i = 0; i < fs->n; i++)
        n += fs->v[i].kind == kind;
    return n;
}

/* True when a fact of kind at line has a field name == value (text form),
 * set at field_line (CFG_ANY_LINE: not checked; 0: the fact's line). */
static inline bool cfg_has(const tw_factset *fs, tw_fact_kind kind, uint32_t line,
                           const char *name, const char *value, uint32_t field_line)
{
    for (size_t i = 0; i < fs->n; i++) {
        const tw_fact *f = &fs->v[i];
        const tw_field *x = NULL;
        if (f->kind != kind || f->line != line)
            continue;
        while ((x = tw_fact_next(f, name, x)) != NULL) {
            if (tw_str_eq_c(x->str, value) && (field_line == CFG_ANY_LINE || x->line == field_line))
                return true;
        }
    }
    return false;
}

/* True when there is a fact of kind at line and none of them has name. */
static inline bool cfg_lacks(const tw_factset *fs, tw_fact_kind kind, uint32_t line,
                             const char *name)
{
    size_t seen = 0;

    for (size_t i = 0; i < fs->n; i++) {
        const tw_fact *f = &fs->v[i];
        if (f->kind != kind || f->line != line)
            continue;
        if (tw_fact_get(f, name) != NULL)
            return false;
        seen++;
    }
    return seen > 0;
}

/* True when needle is in any text of any fact of fs (evidence, context,
 * field values and their evidence): a secret that leaked. */
static inline bool cfg_leaks(const tw_factset *fs, const char *needle)
{
    tw_str n = tw_str_c(needle);

    for (size_t i = 0; i < fs->n; i++) {
        const tw_fact *f = &fs->v[i];
        if (tw_str_find(f->evidence, n) >= 0 || tw_str_find(f->context, n) >= 0)
            return true;
        for (uint32_t k = 0; k < f->nfields; k++) {
            if (tw_str_find(f->fields[k].str, n) >= 0 || tw_str_find(f->fields[k].evidence, n) >= 0)
                return true;
        }
    }
    return false;
}

/* The number of fields called name of the facts of kind at line. */
static inline size_t cfg_nfields(const tw_factset *fs, tw_fact_kind kind, uint32_t line,
                                 const char *name)
{
    size_t n = 0;

    for (size_t i = 0; i < fs->n; i++) {
        const tw_fact *f = &fs->v[i];
        for (const tw_field *x = tw_fact_get(f, name); x && f->kind == kind && f->line == line;
             x = tw_fact_next(f, name, x))
            n++;
    }
    return n;
}

/* The findings of fl of category cat, of rule (NULL: any) at line
 * (CFG_ANY_LINE: any). */
static inline size_t cfg_findings(const tw_findings *fl, tw_category cat, const char *rule,
                                  uint32_t line)
{
    size_t n = 0;

    for (size_t i = 0; i < fl->n; i++) {
        const tw_finding *f = &fl->v[i];
        n += f->category == cat && (rule == NULL || strcmp(f->rule, rule) == 0) &&
             (line == CFG_ANY_LINE || f->line == line);
    }
    return n;
}

/* One configuration parsed by a test: its text (when read from a file),
 * facts, diagnostics and the parser's return code. */
typedef struct {
    char *text; /* parse_file's copy of the file, else NULL */
    size_t len; /* its length */
    tw_arena *arena;
    tw_factset fs;
    tw_diags diags;
    tw_err rc;
} cfg_parsed;

typedef tw_err (*cfg_parse_fn)(const char *file, const char *data, size_t len, tw_factset *out,
                               tw_diags *diags);

/* Defines, for a test of the parser fn (as "t.cfg"): parse_n, parse (a C
 * string), parse_file (a fixture, which must exist), done, count, has,
 * lacks, has_or_lacks, leaks, nfields_at and row_ok over a cfg_parsed, and audit /
 * unaudit, which apply the built-in rules and indicators to a fixture
 * (type audited).  A test leaves out the ones it does not call
 * without a warning. */
#define CFG_TEST_WRAPPERS(fn)                                                                     \
    typedef cfg_parsed parsed;                                                                    \
    static void cfg_parse_text(parsed *p, const char *cfg, size_t len)                            \
    {                                                                                             \
        p->arena = tw_arena_new(0);                                                               \
        assert_non_null(p->arena);                                                                \
        tw_factset_init(&p->fs, p->arena);                                                        \
        tw_diags_init(&p->diags);                                                                 \
        p->rc = fn("t.cfg", cfg, len, &p->fs, &p->diags);                                         \
    }                                                                                             \
    __attribute__((unused)) static void parse_n(parsed *p, const char *cfg, size_t len)          \
    {                                                                                             \
        p->text = NULL;                                                                           \
        p->len = 0;                                                                               \
        cfg_parse_text(p, cfg, len);                                                              \
    }                                                                                             \
    __attribute__((unused)) static void parse(parsed *p, const char *cfg)                         \
    {                                                                                             \
        parse_n(p, cfg, strlen(cfg));                                                             \
    }                                                                                             \
    __attribute__((unused)) static void parse_file(parsed *p, const char *path)                   \
    {                                                                                             \
        p->len = 0;                                                                               \
        p->text = cfg_slurp(path, &p->len);                                                       \
        assert_non_null(p->text);                                                                 \
        cfg_parse_text(p, p->text, p->len);                                                          \
    }                                                                                             \
    __attribute__((unused)) static void done(parsed *p)                                           \
    {                                                                                             \
        tw_diags_release(&p->diags);                                                              \
        tw_factset_release(&p->fs);                                                               \
        tw_arena_free(p->arena);                                                                  \
        free(p->text);                                                                            \
        p->text = NULL;                                                                           \
    }                                                                                             \
    __attribute__((unused)) static size_t count(const parsed *p, tw_fact_kind kind)               \
    {                                                                                             \
        return cfg_count(&p->fs, kind);                                                           \
    }                                                                                             \
    __attribute__((unused)) static bool has(const parsed *p, tw_fact_kind kind, uint32_t line,    \
                                            const char *name, const char *value,                  \
                                            uint32_t field_line)                                  \
    {                                                                                             \
        return cfg_has(&p->fs, kind, line, name, value, field_line);                              \
    }                                                                                             \
    __attribute__((unused)) static bool lacks(const parsed *p, tw_fact_kind kind, uint32_t line,  \
                                              const char *name)                                   \
    {                                                                                             \
        return cfg_lacks(&p->fs, kind, line, name);                                               \
    }                                                                                             \
    /* has(), or lacks() when value is NULL */                                                    \
    __attribute__((unused)) static bool has_or_lacks(const parsed *p, tw_fact_kind kind,          \
                                                     uint32_t line, const char *name,             \
                                                     const char *value, uint32_t field_line)      \
    {                                                                                             \
        return value != NULL ? has(p, kind, line, name, value, field_line)                        \
                             : lacks(p, kind, line, name);                                        \
    }                                                                                             \
    /* fails naming the row (its index plus one) when ok is false */                              \
    __attribute__((unused)) static void row_ok(size_t i, bool ok)                                 \
    {                                                                                             \
        assert_int_equal((size_t)!ok * (i + 1), 0);                                               \
    }                                                                                             \
    __attribute__((unused)) static bool leaks(const parsed *p, const char *needle)                \
    {                                                                                             \
        return cfg_leaks(&p->fs, needle);                                                         \
    }                                                                                             \
    __attribute__((unused)) static size_t nfields_at(const parsed *p, tw_fact_kind kind,          \
                                                     uint32_t line, const char *name)             \
    {                                                                                             \
        return cfg_nfields(&p->fs, kind, line, name);                                             \
    }                                                                                             \
    /* A fixture parsed with the built-in rules and indicators applied */                         \
    typedef struct {                                                                              \
        tw_ruleset *rs;                                                                           \
        tw_iocset *iocs;                                                                          \
        tw_findings fl;                                                                           \
        parsed p;                                                                                 \
    } audited;                                                                                    \
    __attribute__((unused)) static void audit(audited *a, const char *file)                       \
    {                                                                                             \
        tw_rule_env env;                                                                          \
        memset(a, 0, sizeof(*a));                                                                 \
        a->rs = tw_ruleset_new();                                                                 \
        a->iocs = tw_iocset_new();                                                                \
        assert_non_null(a->rs);                                                                   \
        assert_non_null(a->iocs);                                                                 \
        parse_file(&a->p, file);                                                                  \
        assert_int_equal(tw_ruleset_load_builtin(a->rs, &a->p.diags), TW_OK);                     \
        assert_int_equal(tw_ruleset_finish(a->rs, &a->p.diags), TW_OK);                           \
        assert_int_equal(tw_iocset_add_builtin(a->iocs), TW_OK);                                  \
        assert_int_equal(tw_iocset_finish(a->iocs), TW_OK);                                       \
        env = (tw_rule_env){.iocs = a->iocs, .policy = NULL};                                     \
        tw_findings_init(&a->fl, a->p.arena);                                                     \
        assert_int_equal(tw_rules_apply(a->rs, &env, file, &a->p.fs, &a->fl), TW_OK);             \
    }                                                                                             \
    __attribute__((unused)) static void unaudit(audited *a)                                       \
    {                                                                                             \
        tw_findings_release(&a->fl);                                                              \
        done(&a->p);                                                                              \
        tw_iocset_free(a->iocs);                                                                  \
        tw_ruleset_free(a->rs);                                                                   \
    }

#endif
