/*
 * fuzz_policy.c: libFuzzer target for the site policy loader.
 *
 * Each input is loaded into a fresh policy; whatever was accepted is then
 * looked up with an address, a name and a port in every list, so that the
 * lookups meet whatever entries the loader kept, and two host names go
 * through the role patterns it accepted.  Seeds:
 * fuzz/corpus/policy/.
 */
#include <stddef.h>
#include <stdint.h>

#include "tidewatch/policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const lists[] = {
#define TW__FUZZ_KEY(name, key, kind) key,
    TW_POLICY_LIST(TW__FUZZ_KEY)
#undef TW__FUZZ_KEY
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tw_policy *p = tw_policy_new();
    tw_diags d;
    tw_cidr a;

    tw_diags_init(&d);
    if (p == NULL)
        goto out;
    (void)tw_policy_load(p, "fuzz.yaml", (const char *)data, size, &d);
    (void)tw_cidr_parse(tw_str_c("10.0.0.5"), 0, &a);
    for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++) {
        (void)tw_policy_has(p, lists[i]);
        (void)tw_policy_has_addr(p, lists[i], &a);
        (void)tw_policy_has_name(p, lists[i], tw_str_c("netops"));
        (void)tw_policy_has_port(p, lists[i], 22);
    }
    (void)tw_policy_role(p, tw_str_c("nw-pe1-fra"));
    (void)tw_policy_role(p, tw_str_c("a-very-long-host-name-with-many-dashes-and-stars-*-*-*-*"));
out:
    tw_diags_release(&d);
    tw_policy_free(p);
    return 0;
}
