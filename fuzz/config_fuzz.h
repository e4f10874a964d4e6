/*
 * config_fuzz.h: what the configuration parsers' fuzz targets share.
 *
 * Each target hands every input to its parser through the library API,
 * with one arena kept and reset per input as the CLI does, after dialect
 * detection (which sees every input too).  Every fact's fields are read
 * back, so a field pointing outside the arena or the input shows up under
 * ASan.
 */
#ifndef TW_FUZZ_CONFIG_FUZZ_H
#define TW_FUZZ_CONFIG_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "tidewatch/config.h"

typedef tw_err (*fuzz_parse_fn)(const char *file, const char *data, size_t len, tw_factset *fs,
                                tw_diags *diags);

/* A sum over every byte the facts point at. */
static inline size_t fuzz_touch(const tw_factset *fs)
{
    size_t sum = fs->hostname.len;

    for (size_t i = 0; i < fs->n; i++) {
        const tw_fact *f = &fs->v[i];

        sum += f->evidence.len + f->context.len;
        for (size_t j = 0; j < f->evidence.len; j++)
            sum += (unsigned char)f->evidence.ptr[j];
        for (uint32_t k = 0; k < f->nfields; k++) {
            const tw_field *x = &f->fields[k];

            sum += x->str.len + x->evidence.len;
            for (size_t j = 0; j < x->str.len; j++)
                sum += (unsigned char)x->str.ptr[j];
            for (size_t j = 0; j < x->evidence.len; j++)
                sum += (unsigned char)x->evidence.ptr[j];
        }
    }
    return sum;
}

/* Detects the dialect of the input, parses it with parse and reads every
 * fact back. */
static inline int fuzz_config(fuzz_parse_fn parse, const char *file, const uint8_t *data,
                              size_t size)
{
    static tw_arena *arena;
    const char *text = (const char *)data;
    tw_factset fs;
    tw_diags diags;
    volatile size_t sink;

    if (arena == NULL)
        arena = tw_arena_new(0);
    if (arena == NULL)
        return 0;
    tw_arena_reset(arena);
    sink = (size_t)tw_dialect_detect(text, size);
    tw_factset_init(&fs, arena);
    tw_diags_init(&diags);
    (void)parse(file, text, size, &fs, &diags);
    sink += fuzz_touch(&fs) + diags.n;
    (void)sink;
    tw_diags_release(&diags);
    tw_factset_release(&fs);
    return 0;
}

#endif
