/*
 * fuzz_eos.c: libFuzzer target for dialect detection and the Arista EOS
 * parser, through the library API only (config_fuzz.h).  Seeds:
 * fuzz/corpus/eos/.
 */
#include "config_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_config(tw_parse_eos, "fuzz.cfg", data, size);
}
