/*
 * test_community.c: SNMP community fingerprints in every dialect
 * (tw__community_fingerprint): the same community gives the same
 * fingerprint, another community another one, the community itself is in
 * no field, and without a key there is no fingerprint.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/arena.h"
#include "tidewatch/config.h"
#include "tidewatch/siphash.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const unsigned char key[TW_SIPHASH_KEY] = "fedcba9876543210";

/* Each text holds the community, written COMMUNITY, once. */
static const struct {
    tw_dialect d;
    const char *text;
} rows[] = {
    {TW_DIALECT_IOS, "hostname r1\nsnmp-server community COMMUNITY RO 10\n"},
    {TW_DIALECT_NXOS, "hostname n1\nsnmp-server community COMMUNITY group network-operator\n"},
    {TW_DIALECT_IOSXR, "hostname x1\nsnmp-server community COMMUNITY RO\n"},
    {TW_DIALECT_EOS, "hostname e1\nsnmp-server community COMMUNITY ro\n"},
    {TW_DIALECT_ASA, "ASA Version 9.8(4)\nhostname a1\nsnmp-server community COMMUNITY\n"},
    {TW_DIALECT_JUNOS,
     "set system host-name j1\nset snmp community COMMUNITY authorization read-only\n"},
};

/* The fingerprint field of the community fact of text (community c) into
 * out ("" when none); checks that c is in no field. */
static void fingerprint(tw_dialect d, const char *fmt, const char *c, const unsigned char *k,
                        char *out, size_t cap)
{
    char text[256];
    tw_arena *a = tw_arena_new(0);
    tw_factset fs;
    tw_diags dg;
    size_t seen = 0;

    const char *at = strstr(fmt, "COMMUNITY");

    assert_non_null(at);
    snprintf(text, sizeof(text), "%.*s%s%s", (int)(at - fmt), fmt, c, at + strlen("COMMUNITY"));
    tw_factset_init(&fs, a);
    fs.fp_key = k;
    tw_diags_init(&dg);
    assert_int_equal(tw_config_parse("c.cfg", text, strlen(text), d, &fs, &dg), TW_OK);
    out[0] = '\0';
    for (size_t i = 0; i < fs.n; i++) {
        const tw_fact *f = &fs.v[i];
        for (uint32_t j = 0; j < f->nfields; j++) {
            char v[512];
            snprintf(v, sizeof(v), "%.*s", (int)f->fields[j].str.len, f->fields[j].str.ptr);
            assert_null(strstr(v, c));
            if (f->kind == TW_FACT_SNMP_COMMUNITY && strcmp(f->fields[j].name, "fingerprint") == 0)
                snprintf(out, cap, "%.*s", (int)f->fields[j].str.len, f->fields[j].str.ptr);
        }
        seen += f->kind == TW_FACT_SNMP_COMMUNITY;
    }
    assert_int_equal(seen, 1);
    tw_factset_release(&fs);
    tw_diags_release(&dg);
    tw_arena_free(a);
}

static void test_dialects(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(rows); i++) {
        char a[32], b[32], c[32], none[32];
        print_message("row %zu: %s\n", i, tw_dialect_name(rows[i].d));
        fingerprint(rows[i].d, rows[i].text, "Nw-mon-2024x", key, a, sizeof(a));
        fingerprint(rows[i].d, rows[i].text, "Nw-mon-2024x", key, b, sizeof(b));
        fingerprint(rows[i].d, rows[i].text, "Nw-mon-2025y", key, c, sizeof(c));
        fingerprint(rows[i].d, rows[i].text, "Nw-mon-2024x", NULL, none, sizeof(none));
        assert_int_equal(strlen(a), 16);
        assert_string_equal(a, b);
        assert_string_not_equal(a, c);
        assert_string_equal(none, "");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dialects),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
