/*
 * fuzz_frame.c: libFuzzer target for the syslog TCP framer.  The first
 * byte chooses where the input is split into two reads and the message
 * limit; every message handed out is read back and must fit the limit.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "tidewatch/frame.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(void *ud, const char *msg, size_t len)
{
    size_t *sum = ud;

    if (len > 300)
        abort(); /* above the limit set below */
    for (size_t i = 0; i < len; i++)
        *sum += (unsigned char)msg[i];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tw_framer f;
    size_t sum = 0, split;

    if (size == 0)
        return 0;
    split = data[0] % size;
    tw_framer_init(&f, 44 + data[0]); /* 44..299 */
    tw_framer_feed(&f, (const char *)data + 1, split, check, &sum);
    tw_framer_feed(&f, (const char *)data + 1 + split, size - 1 - split, check, &sum);
    tw_framer_end(&f, check, &sum);
    tw_framer_release(&f);
    return (int)(sum & 0);
}
