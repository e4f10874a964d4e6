/*
 * fuzz_log.c: libFuzzer target for the log and accounting parsers, through
 * the library API only.  The first byte of the input selects the format
 * (syslog, tacacs, ise, jsonl); the rest is split into lines and fed to one
 * parser, as hunt does, after format detection has run on it.  Every
 * event's fields are read back, so a view pointing outside the arena, the
 * parser's buffers or the input shows up under ASan.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tidewatch/log.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t touch(const tw_factset *fs)
{
    size_t sum = 0;

    for (size_t i = 0; i < fs->n; i++) {
        const tw_fact *f = &fs->v[i];
        for (size_t j = 0; j < f->evidence.len; j++)
            sum += (unsigned char)f->evidence.ptr[j];
        for (uint32_t k = 0; k < f->nfields; k++) {
            for (size_t j = 0; j < f->fields[k].str.len; j++)
                sum += (unsigned char)f->fields[k].str.ptr[j];
        }
    }
    return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const tw_log_format formats[] = {TW_LOG_SYSLOG, TW_LOG_TACACS, TW_LOG_ISE,
                                            TW_LOG_JSONL};
    static tw_arena *arena;
    tw_log_parser *p;
    tw_factset fs;
    tw_diags diags;
    tw_str rest, line;
    uint32_t lineno = 0;
    volatile size_t sink;
    bool parsed;

    if (size == 0)
        return 0;
    if (arena == NULL)
        arena = tw_arena_new(0);
    if (arena == NULL)
        return 0;
    tw_arena_reset(arena);
    rest = tw_str_make((const char *)data + 1, size - 1);
    sink = (size_t)tw_log_detect(rest.ptr, rest.len);
    p = tw_log_parser_new(formats[data[0] % 4], NULL);
    if (p == NULL)
        return 0;
    tw_factset_init(&fs, arena);
    tw_diags_init(&diags);
    while (tw_str_line(&rest, &line)) {
        if (tw_log_parser_line(p, "fuzz.log", line, ++lineno, &fs, &diags, &parsed) != TW_OK)
            break;
    }
    sink += touch(&fs) + diags.n;
    (void)sink;
    tw_diags_release(&diags);
    tw_factset_release(&fs);
    tw_log_parser_free(p);
    return 0;
}
