/*
 * builtin.c: the rule packs compiled into the binary.
 *
 * lib/CMakeLists.txt runs cmake/embed.cmake over the YAML files of the
 * rules folder and produces a C file with the arrays declared below, so
 * that a lone binary carries its rules.  Each pack loads under the file name "builtin:<name>".
 */
#include <stdio.h>

#include "rules/rules_int.h"

extern const size_t tw__builtin_rules_count;
extern const char *const tw__builtin_rules_names[];
extern const unsigned char *const tw__builtin_rules_data[];
extern const size_t tw__builtin_rules_sizes[];

/* Number of built-in packs. */
size_t tw_builtin_pack_count(void)
{
    return tw__builtin_rules_count;
}

/* File name of pack i ("advisory.yaml"), or NULL past the end. */
const char *tw_builtin_pack_name(size_t i)
{
    return i < tw__builtin_rules_count ? tw__builtin_rules_names[i] : NULL;
}

/* Text of pack i (NUL-terminated) and its length, or NULL past the end. */
const char *tw_builtin_pack_text(size_t i, size_t *len)
{
    if (i >= tw__builtin_rules_count) {
        if (len != NULL)
            *len = 0;
        return NULL;
    }
    if (len != NULL)
        *len = tw__builtin_rules_sizes[i];
    return (const char *)tw__builtin_rules_data[i];
}

/* Loads every built-in pack; returns the first error and goes on with the
 * other packs.  Not thread-safe on rs. */
tw_err tw_ruleset_load_builtin(tw_ruleset *rs, tw_diags *diags)
{
    tw_err rc = TW_OK;

    for (size_t i = 0; i < tw__builtin_rules_count; i++) {
        char file[256];
        size_t len;
        const char *text = tw_builtin_pack_text(i, &len);
        tw_err r;
        snprintf(file, sizeof(file), "builtin:%s", tw__builtin_rules_names[i]);
        r = tw_ruleset_load(rs, file, text, len, diags);
        if (r != TW_OK && rc == TW_OK)
            rc = r;
    }
    return rc;
}
