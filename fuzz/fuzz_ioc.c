/*
 * fuzz_ioc.c: libFuzzer target for the indicator loaders.
 *
 * Each input is loaded into a fresh set (the format is detected from the
 * bytes, so text, CSV, STIX and MISP are all reached), the set is
 * finished, one address and one prefix are looked up, the input's start is
 * looked up as every type, and each literal's whole-token test runs at
 * every place the literal occurs in the input.  Seeds: fuzz/corpus/ioc/.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tidewatch/ioc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Runs the whole-token test of the first literals at each of their hits. */
static void check_literals(const tw_iocset *s, const char *text, size_t len)
{
    for (size_t i = 0; i < tw_iocset_literal_count(s) && i < 16; i++) {
        const tw_ioc_literal *l = tw_iocset_literal(s, i);
        for (size_t at = 0; l->len > 0 && at + l->len <= len; at++) {
            if (memcmp(text + at, l->text, l->len) == 0)
                (void)tw_ioc_literal_whole(l, text, len, at, at + l->len);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tw_iocset *s = tw_iocset_new();
    tw_ip ip = {.family = 4, .bytes = {45, 61, 133, 77}};
    tw_cidr c = {.addr = {.family = 4, .bytes = {10, 0, 0, 0}}, .plen = 24};
    tw_diags d;

    if (s == NULL)
        return 0;
    tw_diags_init(&d);
    (void)tw_iocset_load(s, "fuzz", (const char *)data, size, &d);
    if (tw_iocset_finish(s) == TW_OK) {
        (void)tw_iocset_match_ip(s, &ip);
        (void)tw_iocset_match_cidr(s, &c);
        for (int t = TW_IOC_IP; t <= TW_IOC_FILENAME; t++)
            (void)tw_iocset_match_text(s, (tw_ioc_type)t,
                                       tw_str_make((const char *)data, size < 80 ? size : 80));
        check_literals(s, (const char *)data, size);
    }
    tw_diags_release(&d);
    tw_iocset_free(s);
    return 0;
}
