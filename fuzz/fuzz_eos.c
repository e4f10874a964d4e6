/*
 * fuzz_eos.c: libFuzzer target for the Arista EOS parser, through the
 * library API only.  One arena is kept and reset per input, as the CLI
 * does.  Every fact's fields are read back, so a field pointing outside
 * the arena or the input shows up under ASan.
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
        for (uint32_t k = 0; k < f->nfields; k++) {
            const tw_field *x = &f->fields[k];
            sum += x->str.len + x->evidence.len;
            for (size_t j = 0; j < x->str.len; j++)
                sum += (unsigned char)x->str.ptr[j];
        }
    }
    return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static tw_arena *arena;
    tw_factset fs;
    tw_diags diags;
    volatile size_t sink;

    if (arena == NULL)
        arena = tw_arena_new(0);
    if (arena == NULL)
        return 0;
    tw_arena_reset(arena);
    tw_factset_init(&fs, arena);
    tw_diags_init(&diags);
    (void)tw_parse_eos("fuzz.cfg", (const char *)data, size, &fs, &diags);
    sink = touch(&fs) + diags.n;
    (void)sink;
    tw_diags_release(&diags);
    tw_factset_release(&fs);
    return 0;
}
