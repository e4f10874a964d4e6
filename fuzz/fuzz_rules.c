/*
 * fuzz_rules.c: libFuzzer target for the rule-pack loader.
 *
 * Each input is loaded as a pack into a fresh rule set, which is then
 * finished (regexes JIT-compiled, rules indexed) and applied to a small
 * fixed fact set, so that the evaluator and the templates meet whatever
 * rules the loader accepted.  Seeds: fuzz/corpus/rules/.
 */
#include <stddef.h>
#include <stdint.h>

#include "tidewatch/arena.h"
#include "tidewatch/fact.h"
#include "tidewatch/finding.h"
#include "tidewatch/rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A few facts of the kinds rules usually name. */
static void build_facts(tw_factset *fs)
{
    tw_cidr c = {.addr = {.family = 4, .bytes = {45, 61, 133, 77}}, .plen = 32};

    fs->hostname = TW_STR("R1");
    tw_factset_begin(fs, TW_FACT_SERVICE, 3, TW_STR("ip ssh port 22022 rotary 1"), TW_STR_NULL);
    tw_factset_str(fs, "name", TW_STR("ssh"));
    tw_factset_num(fs, "port", 22022);
    tw_factset_bool(fs, "enabled", true);
    (void)tw_factset_end(fs);
    tw_factset_begin(fs, TW_FACT_TUNNEL, 5, TW_STR("interface Tunnel1"), TW_STR_NULL);
    tw_factset_str(fs, "name", TW_STR("Tunnel1"));
    tw_factset_addr(fs, "destination", &c);
    tw_factset_field_at(fs, 6, TW_STR(" tunnel destination 45.61.133.77"));
    (void)tw_factset_end(fs);
    tw_factset_begin(fs, TW_FACT_VTY, 9, TW_STR("line vty 0 4"), TW_STR_NULL);
    tw_factset_str(fs, "name", TW_STR("vty 0 4"));
    tw_factset_str(fs, "transport_input", TW_STR("telnet"));
    tw_factset_secret(fs, "access_class");
    (void)tw_factset_end(fs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tw_ruleset *rs = tw_ruleset_new();
    tw_arena *arena = tw_arena_new(0);
    tw_rule_env env = {NULL};
    tw_factset fs;
    tw_findings out;
    tw_diags d;

    tw_diags_init(&d);
    if (rs == NULL || arena == NULL)
        goto out;
    (void)tw_ruleset_load(rs, "fuzz.yaml", (const char *)data, size, &d);
    if (tw_ruleset_finish(rs, &d) != TW_OK)
        goto out;
    for (size_t i = 0; i < tw_ruleset_count(rs); i++)
        (void)tw_ruleset_find(rs, tw_ruleset_at(rs, i)->id);
    tw_factset_init(&fs, arena);
    build_facts(&fs);
    tw_findings_init(&out, arena);
    (void)tw_rules_apply(rs, &env, "fuzz.cfg", &fs, &out);
    tw_findings_release(&out);
    tw_factset_release(&fs);
out:
    tw_diags_release(&d);
    tw_arena_free(arena);
    tw_ruleset_free(rs);
    return 0;
}
