/*
 * fuzz_inventory.c: libFuzzer target for the inventory readers, through
 * the library API only.  The first byte of the input selects the kind
 * (detected, csv, json, netbox, show-version, config); the rest is parsed
 * as one inventory file.  Every record's strings are read back, so a view
 * pointing outside the arena or the input shows up under ASan.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tidewatch/inventory.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t touch(const tw_inventory *inv)
{
    size_t sum = 0;

    for (size_t i = 0; i < inv->n; i++) {
        const tw_device *d = &inv->v[i];
        const char *s[] = {d->hostname, d->vendor, d->os_text, d->version,
                           d->platform, d->model,  d->site,    d->file};
        for (size_t k = 0; k < sizeof(s) / sizeof(s[0]); k++)
            sum += strlen(s[k]);
        sum += d->note != NULL ? strlen(d->note) : 0;
        sum += d->line + (size_t)d->os + (size_t)d->train_only;
    }
    return sum;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const tw_inv_kind kinds[] = {TW_INV_UNKNOWN, TW_INV_CSV,  TW_INV_JSON,
                                        TW_INV_NETBOX,  TW_INV_SHOW, TW_INV_CONFIG};
    tw_arena *arena;
    tw_inventory inv;
    tw_diags diags;
    volatile size_t sink;

    if (size == 0)
        return 0;
    arena = tw_arena_new(0);
    if (arena == NULL)
        return 0;
    tw_inventory_init(&inv, arena);
    tw_diags_init(&diags);
    sink = (size_t)tw_inventory_detect((const char *)data + 1, size - 1);
    (void)tw_inventory_parse(&inv, "fuzz.inv", (const char *)data + 1, size - 1, kinds[data[0] % 6],
                             &diags);
    sink += touch(&inv) + diags.n;
    (void)sink;
    tw_diags_release(&diags);
    tw_inventory_release(&inv);
    tw_arena_free(arena);
    return 0;
}
