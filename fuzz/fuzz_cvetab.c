/*
 * fuzz_cvetab.c: libFuzzer target for the CVE table loader and verdicts.
 *
 * Each input is loaded as a table into a fresh table that already holds
 * the built-in one (so affected-as and duplicate ids meet real entries);
 * every CVE accepted is then evaluated against a fixed set of versions of
 * every OS, so that the evaluator meets whatever trains and fix points the
 * loader accepted.  Seeds: fuzz/corpus/cvetab/.
 */
#include <stddef.h>
#include <stdint.h>

#include "tidewatch/cvetab.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const struct {
    tw_os os;
    const char *text;
} versions[] = {
    {TW_OS_PAN_OS, "10.2.8"},   {TW_OS_PAN_OS, "10.2.9-h1"},    {TW_OS_PAN_OS, "10.2"},
    {TW_OS_IOS_XE, "17.9.4"},   {TW_OS_IOS_XE, "17.9"},         {TW_OS_IOS_XE, "03.16.07S"},
    {TW_OS_IOS, "15.2(4)E7"},   {TW_OS_IVANTI_ICS, "9.1R18.3"}, {TW_OS_IVANTI_IPS, "22.6R1"},
    {TW_OS_JUNOS, "21.4R3-S5"}, {TW_OS_FORTIOS, "7.2.5"},       {TW_OS_IOS_XE, "Gibraltar"},
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tw_cvetab *t = tw_cvetab_new();
    tw_diags d;

    tw_diags_init(&d);
    if (t == NULL || tw_cvetab_load_builtin(t, &d) != TW_OK)
        goto out;
    (void)tw_cvetab_load(t, "fuzz.yaml", (const char *)data, size, &d);
    for (size_t i = 0; i < tw_cvetab_count(t); i++) {
        const tw_cve *c = tw_cvetab_at(t, i);
        for (size_t j = 0; j < sizeof(versions) / sizeof(versions[0]); j++) {
            tw_version v;
            tw_cve_verdict vd;
            (void)tw_version_parse(versions[j].os, tw_str_c(versions[j].text), &v);
            tw_cve_eval(c, &v, &vd);
            (void)tw_cve_remediation_for(c, versions[j].os);
        }
    }
out:
    tw_diags_release(&d);
    tw_cvetab_free(t);
    return 0;
}
