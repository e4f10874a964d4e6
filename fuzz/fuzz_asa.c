/*
 * fuzz_asa.c: libFuzzer target for dialect detection and the Cisco ASA
 * parser, through the library API only (config_fuzz.h).  Seeds:
 * fuzz/corpus/asa/.
 */
#include "config_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_config(tw_parse_asa, "fuzz.cfg", data, size);
}
