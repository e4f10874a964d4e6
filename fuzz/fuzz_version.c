/*
 * fuzz_version.c: libFuzzer target for the OS names and version grammars,
 * through the library API only.  The input is read as a version of every
 * OS, and as an OS name; when it holds a newline, the two halves are also
 * compared as two versions of each OS.  The order's laws are checked
 * (a version equals itself, cmp is antisymmetric, a branch lies inside its
 * train) and a broken law aborts.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tidewatch/version.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_one(const tw_version *v, tw_err rc)
{
    bool release = rc == TW_OK && !v->train_only;

    if (rc != TW_OK && (v->nkey != 0 || v->train[0] != '\0'))
        abort();
    if (release && tw_version_cmp(v, v) != TW_VCMP_EQ)
        abort();
    if (v->nkey > TW_VERSION_KEY || v->nbranch > v->nkey)
        abort();
    if (memchr(v->train, '\0', sizeof(v->train)) == NULL ||
        memchr(v->text, '\0', sizeof(v->text)) == NULL)
        abort();
}

static void check_pair(const tw_version *a, const tw_version *b)
{
    tw_vcmp ab = tw_version_cmp(a, b), ba = tw_version_cmp(b, a);

    if (ab == TW_VCMP_INCOMPARABLE ? ba != ab : (int)ab != -(int)ba)
        abort();
    if (tw_version_same_branch(a, b) && !tw_version_same_train(a, b))
        abort();
    if (ab != TW_VCMP_INCOMPARABLE && !tw_version_same_train(a, b))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    tw_str all = tw_str_make((const char *)data, size), a = all, b = TW_STR_NULL;
    const uint8_t *nl = memchr(data, '\n', size);
    volatile uint32_t sink;

    if (nl != NULL) {
        a = tw_str_make((const char *)data, (size_t)(nl - data));
        b = tw_str_make((const char *)nl + 1, size - (size_t)(nl - data) - 1);
    }
    sink = (uint32_t)tw_os_parse(all) + tw_os_mask_parse(all);
    (void)sink;
    for (int os = 0; os < TW__OS_COUNT; os++) {
        tw_version va, vb;
        tw_err ra = tw_version_parse((tw_os)os, a, &va);
        tw_err rb = tw_version_parse((tw_os)os, b, &vb);
        check_one(&va, ra);
        check_one(&vb, rb);
        check_pair(&va, &vb);
    }
    return 0;
}
