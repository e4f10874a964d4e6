/*
 * fuzz_junos.c: libFuzzer target for dialect detection and the Junos (brace and set forms)
 * parser, through the library API only (config_fuzz.h).  Seeds:
 * fuzz/corpus/junos/.
 */
#include "config_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_config(tw_parse_junos, "fuzz.conf", data, size);
}
