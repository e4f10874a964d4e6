/*
 * config_test_util.h: helpers shared by the configuration parser tests:
 * read a fixture into memory, count the facts of a kind, and find a fact
 * at an exact line by one of its fields.
 */
#ifndef TW_TEST_CONFIG_UTIL_H
#define TW_TEST_CONFIG_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "tidewatch/fact.h"

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

#endif
