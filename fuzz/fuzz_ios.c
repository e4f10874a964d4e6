/*
 * fuzz_ios.c: libFuzzer target for dialect detection and the IOS / IOS XE
 * parser, through the library API only.  One arena is kept and reset per
 * input, as the CLI does.  Every fact's fields are read back, so a field
 * pointing outside the arena or the input shows up under ASan.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tidewatch/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t touch(const tw_factset *fs)
{
    size_t sum = fs->hostname.len;

    for (size_t i = 0; i < fs->n; i++) {
        const tw_fact *f = &fs->v[i];
        sum += f->evidence.len + f->context.len;
        for (size_t j = 0; j < f->evidence.len; j++)
            sum += (unsigned char)f->evidence.ptr[j];
        for (uint32_t k = 0; k < f->nfields; k++)
            sum += f->fields[k].str.len + f->fields[k].evidence.len;
    }
    return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tw_arena *arena;
    const char *text = (const char *)data;
    tw_factset fs;
    tw_diags diags;
    tw_dialect d;
    volatile size_t sink;

    if (arena == NULL)
        arena = tw_arena_new(0);
    if (arena == NULL)
        return 0;
    tw_arena_reset(arena);
    d = tw_dialect_detect(text, size);
    if (!tw_config_supported(d))
        d = TW_DIALECT_IOS;
    tw_factset_init(&fs, arena);
    tw_diags_init(&diags);
    (void)tw_config_parse("fuzz.cfg", text, size, d, &fs, &diags);
    sink = touch(&fs) + diags.n;
    (void)sink;
    tw_diags_release(&diags);
    tw_factset_release(&fs);
    return 0;
}
