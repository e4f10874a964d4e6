/*
 * fuzz_capture.c: libFuzzer target for the packet-capture reader, through
 * the library API only.  The input is handed whole to tw_capture_magic and
 * tw_capture_flows (pcap or pcapng as libpcap reads it), with a fresh
 * arena, fact set and diagnostics each run.  Every event's evidence and
 * fields, and every diagnostic, are read back, so a view pointing outside
 * the arena or the input shows up under ASan.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tidewatch/capture.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t touch(const tw_factset *fs, const tw_diags *diags)
{
    size_t sum = 0;

    for (size_t i = 0; i < fs->n; i++) {
        const tw_fact *f = &fs->v[i];
        sum += f->line;
        for (size_t j = 0; j < f->evidence.len; j++)
            sum += (unsigned char)f->evidence.ptr[j];
        for (uint32_t k = 0; k < f->nfields; k++) {
            for (size_t j = 0; j < f->fields[k].str.len; j++)
                sum += (unsigned char)f->fields[k].str.ptr[j];
        }
    }
    for (size_t i = 0; i < diags->n; i++)
        sum += strlen(diags->v[i].message) + diags->v[i].line;
    return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tw_arena *arena;
    tw_factset fs;
    tw_diags diags;
    volatile size_t sink;

    sink = tw_capture_magic((const char *)data, size);
    arena = tw_arena_new(0);
    if (arena == NULL)
        return 0;
    tw_factset_init(&fs, arena);
    tw_diags_init(&diags);
    sink += (size_t)tw_capture_flows("fuzz.pcap", (const char *)data, size, &fs, &diags);
    sink += touch(&fs, &diags);
    (void)sink;
    tw_diags_release(&diags);
    tw_factset_release(&fs);
    tw_arena_free(arena);
    return 0;
}
