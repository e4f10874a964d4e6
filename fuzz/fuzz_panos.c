/*
 * fuzz_panos.c: libFuzzer target for dialect detection and the PAN-OS (XML and set forms)
 * parser, through the library API only (config_fuzz.h).  Seeds:
 * fuzz/corpus/panos/.
 */
#include "config_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_config(tw_parse_panos, "fuzz.xml", data, size);
}
