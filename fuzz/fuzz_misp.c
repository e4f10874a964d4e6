/*
 * fuzz_misp.c: libFuzzer target for the MISP JSON indicator loader.
 *
 * Each input is loaded twice into fresh sets: as it is (the format is
 * detected, so a MISP-looking input reaches the MISP loader) and wrapped
 * as the attribute list of an event ({"Event":{"Attribute":[ INPUT ]}}),
 * so that mutated attributes always reach it.  Each finished set is then
 * queried with every type and its literals are checked against the input
 * with tw_ioc_literal_whole.  Seeds: fuzz/corpus/misp/.
 */
#include <stddef.h>
#include <stdint.h>

#include "tidewatch/ioc.h"
#include "wrap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Loads text into a fresh set and exercises the lookups. */
static void load_and_query(const char *text, size_t len)
{
    tw_iocset *s = tw_iocset_new();
    tw_str probe = tw_str_make(text, len < 80 ? len : 80);
    tw_diags d;

    if (s == NULL)
        return;
    tw_diags_init(&d);
    (void)tw_iocset_load(s, "fuzz", text, len, &d);
    if (tw_iocset_finish(s) == TW_OK) {
        for (int t = TW_IOC_IP; t <= TW_IOC_FILENAME; t++)
            (void)tw_iocset_match_text(s, (tw_ioc_type)t, probe);
        for (size_t i = 0; i < tw_iocset_literal_count(s) && i < 64; i++) {
            const tw_ioc_literal *l = tw_iocset_literal(s, i);
            if (l->len <= len)
                (void)tw_ioc_literal_whole(l, text, len, len - l->len, len);
        }
    }
    tw_diags_release(&d);
    tw_iocset_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > ((size_t)1 << 20))
        return 0;
    fuzz_as_is_and_wrapped(data, size, "{\"Event\":{\"info\":\"fuzz\",\"Attribute\":[", "]}}",
                           load_and_query);
    return 0;
}
