/*
 * fuzz_hunt.c: libFuzzer target for the whole hunt pipeline on one buffer:
 * decompression (gzip, zstd), format detection, the Vectorscan scan, whole
 * token checks, address candidates, the log parsers, sighting facts and
 * the built-in rules.
 *
 * The hunter is built once (built-in rules, built-in indicators plus an
 * IPv4 and an IPv6 prefix and a domain, so that the address scans run).
 * The first byte of the input picks the format: detected, or one of the
 * four forced.  Seeds: fuzz/corpus/hunt/.
 */
#include <stddef.h>
#include <stdint.h>

#include "tidewatch/hunt.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char extra_iocs[] = "10.9.0.0/16\n2001:db8:bad::/48\nevil.example\n";

static tw_hunter *hunter(void)
{
    static tw_hunter *h;
    static tw_ruleset *rs;
    static tw_iocset *is;
    tw_diags d;

    if (h)
        return h;
    tw_diags_init(&d);
    rs = tw_ruleset_new();
    is = tw_iocset_new();
    if (rs && is) {
        (void)tw_ruleset_load_builtin(rs, &d);
        (void)tw_ruleset_finish(rs, &d);
        (void)tw_iocset_add_builtin(is);
        (void)tw_iocset_load(is, "fuzz-iocs", extra_iocs, sizeof(extra_iocs) - 1, &d);
        (void)tw_iocset_finish(is);
        (void)tw_hunter_new(rs, is, &h, &d);
    }
    tw_diags_release(&d);
    return h;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const tw_log_format fmts[] = {TW_LOG_UNKNOWN, TW_LOG_SYSLOG, TW_LOG_TACACS,
                                         TW_LOG_ISE, TW_LOG_JSONL};
    tw_hunter *h = hunter();
    tw_arena *a;
    tw_findings fl;
    tw_diags d;

    if (!h || size == 0)
        return 0;
    a = tw_arena_new(0);
    if (!a)
        return 0;
    tw_findings_init(&fl, a);
    tw_diags_init(&d);
    (void)tw_hunt_buffer(h, "fuzz", (const char *)data + 1, size - 1,
                         fmts[data[0] % (sizeof(fmts) / sizeof(fmts[0]))], NULL, &fl, &d);
    tw_findings_release(&fl);
    tw_diags_release(&d);
    tw_arena_free(a);
    return 0;
}
