/*
 * log_test_util.h: helpers shared by the log parser tests: parse lines with
 * a fresh parser and look fields of the resulting event up by name.
 */
#ifndef TW_TEST_LOG_UTIL_H
#define TW_TEST_LOG_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tidewatch/log.h"

typedef struct {
    tw_arena *arena;
    tw_log_parser *parser;
    tw_factset fs;
    tw_diags diags;
    tw_err rc;
    bool parsed;
} log_run;

/* Parses n lines (the first numbered 1) with a new parser of format f. */
static inline void log_parse_lines(log_run *r, tw_log_format f, const tw_log_opts *opts,
                                   const tw_str *lines, size_t n)
{
    r->arena = tw_arena_new(0);
    r->parser = tw_log_parser_new(f, opts);
    tw_factset_init(&r->fs, r->arena);
    tw_diags_init(&r->diags);
    r->rc = TW_OK;
    for (size_t i = 0; i < n && r->rc == TW_OK; i++)
        r->rc = tw_log_parser_line(r->parser, "t.log", lines[i], (uint32_t)(i + 1), &r->fs,
                                   &r->diags, &r->parsed);
}

static inline void log_parse(log_run *r, tw_log_format f, const char *line)
{
    tw_str s = tw_str_c(line);
    log_parse_lines(r, f, NULL, &s, 1);
}

static inline void log_done(log_run *r)
{
    tw_log_parser_free(r->parser);
    tw_diags_release(&r->diags);
    tw_factset_release(&r->fs);
    tw_arena_free(r->arena);
}

/* The text of the first field name of the last event, or NULL. */
static inline const tw_field *log_field(const log_run *r, const char *name)
{
    if (r->fs.n == 0)
        return NULL;
    return tw_fact_get(&r->fs.v[r->fs.n - 1], name);
}

/* True when the last event has field name with text value (NULL: no such
 * field). */
static inline bool log_has(const log_run *r, const char *name, const char *value)
{
    const tw_field *f = NULL;

    if (r->fs.n == 0)
        return false;
    if (value == NULL)
        return tw_fact_get(&r->fs.v[r->fs.n - 1], name) == NULL;
    while ((f = tw_fact_next(&r->fs.v[r->fs.n - 1], name, f)) != NULL) {
        if (tw_str_eq_c(f->str, value))
            return true;
    }
    return false;
}

/* True when line holds one of the format's command markers (log.h),
 * compared without case. */
static inline bool log_has_marker(tw_log_format f, tw_str line)
{
    const char *m[32];
    size_t n = 0;

    if (!tw_log_command_markers(f, m, 32, &n))
        return false;
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k + strlen(m[i]) <= line.len; k++) {
            if (tw_str_ieq(tw_str_make(line.ptr + k, strlen(m[i])), tw_str_c(m[i])))
                return true;
        }
    }
    return false;
}

static inline size_t log_count(const log_run *r, const char *name)
{
    const tw_field *f = NULL;
    size_t n = 0;

    if (r->fs.n == 0)
        return 0;
    while ((f = tw_fact_next(&r->fs.v[r->fs.n - 1], name, f)) != NULL)
        n++;
    return n;
}

#endif
