/*
 * fuzz_ios.c: libFuzzer target for dialect detection and the IOS / IOS XE
 * parser, through the library API only.  One arena is kept and reset per
 * input, as the CLI does; every fact is read back (config_fuzz.h).  Inputs
 * of another supported dialect go to their parser.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "config_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
    sink = fuzz_touch(&fs) + diags.n;
    (void)sink;
    tw_diags_release(&diags);
    tw_factset_release(&fs);
    return 0;
}
