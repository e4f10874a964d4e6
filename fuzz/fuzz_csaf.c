/*
 * fuzz_csaf.c: libFuzzer target for the CSAF 2.0 loader, its evaluation
 * and the vers range parser.
 *
 * Each input is loaded as a CSAF document, and every (document, CVE) pair
 * is evaluated for one release of each OS; the input is also parsed as a
 * vers range for every OS and evaluated against the same releases.  Seeds:
 * fuzz/corpus/csaf/.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "tidewatch/csaf.h"
#include "tidewatch/vers.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One release per OS, in its own grammar. */
static const struct {
    tw_os os;
    const char *text;
} releases[] = {
    {TW_OS_IOS, "15.0(2)SE9"},   {TW_OS_IOS_XE, "3.16.7S"},      {TW_OS_IOS_XE, "17.9.4a"},
    {TW_OS_IOS_XR, "7.3.2"},     {TW_OS_NX_OS, "9.3(10)"},       {TW_OS_ASA, "9.16(4)19"},
    {TW_OS_PAN_OS, "10.2.9-h1"}, {TW_OS_IVANTI_ICS, "22.7R2.3"}, {TW_OS_JUNOS, "21.4R3-S5"},
    {TW_OS_FORTIOS, "7.0.3"},    {TW_OS_EOS, "4.28.3M"},
};

/* Parses the input as a range of each OS and evaluates it. */
static void fuzz_vers(tw_str text, const tw_version *v, size_t nv)
{
    tw_vers_range r;

    if (text.len > 4096)
        return;
    for (size_t i = 0; i < nv; i++) {
        if (tw_vers_parse(v[i].os, text, &r) != TW_OK)
            continue;
        for (size_t j = 0; j < nv; j++) {
            (void)tw_vers_eval(&r, &v[j]);
            (void)tw_vers_is_upper(&r, &v[j]);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tw_version v[sizeof(releases) / sizeof(releases[0])];
    size_t nv = sizeof(releases) / sizeof(releases[0]);
    tw_csaf *c;
    tw_csaf_match m;
    tw_diags d;

    if (size > ((size_t)1 << 20))
        return 0;
    for (size_t i = 0; i < nv; i++)
        (void)tw_version_parse(releases[i].os, tw_str_c(releases[i].text), &v[i]);
    fuzz_vers(tw_str_make((const char *)data, size), v, nv);
    c = tw_csaf_new();
    if (c == NULL)
        return 0;
    tw_diags_init(&d);
    (void)tw_csaf_load(c, "fuzz", (const char *)data, size, &d);
    for (size_t i = 0; i < tw_csaf_vuln_count(c); i++) {
        for (size_t j = 0; j < nv; j++)
            (void)tw_csaf_eval_at(c, i, &v[j], &m);
    }
    tw_diags_release(&d);
    tw_csaf_free(c);
    return 0;
}
