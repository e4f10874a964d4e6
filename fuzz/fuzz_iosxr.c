/*
 * fuzz_iosxr.c: libFuzzer target for dialect detection and the Cisco IOS XR
 * parser, through the library API only (config_fuzz.h).  Seeds:
 * fuzz/corpus/iosxr/.
 */
#include "config_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_config(tw_parse_iosxr, "fuzz.cfg", data, size);
}
