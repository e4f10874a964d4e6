/*
 * fuzz_kev.c: libFuzzer target for the KEV catalog loader.
 *
 * Each input is loaded into a fresh catalog as it is, then again wrapped
 * as the vulnerabilities array of a catalog ({"vulnerabilities": INPUT}),
 * so that mutated entries always reach the entry checks.  Every loaded
 * catalog is then walked with tw_kev_at, each entry is looked up again
 * with tw_kev_find, and the per-OS list is taken; the input's first bytes
 * are also tried as a CVE id and as a vendor / product pair for the OS
 * mask.  Seeds: fuzz/corpus/kev/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "tidewatch/kev.h"
#include "wrap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Loads text into a fresh catalog and exercises the lookups. */
static void load_and_query(const char *text, size_t len)
{
    tw_kev *k = tw_kev_new();
    const tw_kev_entry *out[8];
    tw_diags d;

    if (k == NULL)
        return;
    tw_diags_init(&d);
    (void)tw_kev_load(k, "fuzz", text, len, &d);
    for (size_t i = 0; i < tw_kev_count(k); i++) {
        const tw_kev_entry *e = tw_kev_at(k, i);
        if (tw_kev_find(k, tw_str_c(e->cve_id)) != e)
            abort();
    }
    (void)tw_kev_for_os(k, 0xffffffffu, out, 8);
    (void)tw_kev_find(k, tw_str_make(text, len < 40 ? len : 40));
    tw_diags_release(&d);
    tw_kev_free(k);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    size_t half = size / 2;

    if (size > ((size_t)1 << 20))
        return 0;
    (void)tw_kev_os_mask(tw_str_make(text, half), tw_str_make(text + half, size - half));
    fuzz_as_is_and_wrapped(data, size, "{\"count\": 1, \"vulnerabilities\": ", "}", load_and_query);
    return 0;
}
