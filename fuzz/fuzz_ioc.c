/*
 * fuzz_ioc.c: libFuzzer target for the indicator loaders.
 *
 * Each input is loaded into a fresh set (the format is detected from the
 * bytes, so text, CSV and STIX are all reached), the set is finished, and
 * one address and one prefix are looked up.  Seeds: fuzz/corpus/ioc/.
 */
#include <stddef.h>
#include <stdint.h>

#include "tidewatch/ioc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

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
    }
    tw_diags_release(&d);
    tw_iocset_free(s);
    return 0;
}
