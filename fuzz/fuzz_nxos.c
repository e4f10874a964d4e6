/*
 * fuzz_nxos.c: libFuzzer target for dialect detection and the Cisco NX-OS
 * parser, through the library API only (config_fuzz.h).  Seeds:
 * fuzz/corpus/nxos/.
 */
#include "config_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_config(tw_parse_nxos, "fuzz.cfg", data, size);
}
