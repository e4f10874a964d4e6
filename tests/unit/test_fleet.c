/*
 * test_fleet.c: outliers (fleet.h): a value few devices hold while most
 * share another is a finding at its line; too few devices, no majority
 * or implied defaults say nothing.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/arena.h"
#include "tidewatch/config.h"
#include "tidewatch/fleet.h"
#include "tidewatch/siphash.h"

/* A small IOS XE configuration: hostname, one TACACS+ server, SSH port. */
static void add_device(tw_fleet *f, int i, const char *tacacs, const char *ssh_port)
{
    char text[512], file[32];
    tw_arena *a = tw_arena_new(0);
    tw_factset fs;
    tw_diags d;
    int n = snprintf(text, sizeof(text),
                     "version 17.9\n"          /* 1 */
                     "hostname r%d\n"          /* 2 */
                     "tacacs server T\n"       /* 3 */
                     " address ipv4 %s\n"      /* 4 */
                     "%s%s%s",                 /* 5: ip ssh port */
                     i, tacacs, ssh_port ? "ip ssh port " : "", ssh_port ? ssh_port : "",
                     ssh_port ? " rotary 1\n" : "");

    snprintf(file, sizeof(file), "r%d.cfg", i);
    tw_factset_init(&fs, a);
    tw_diags_init(&d);
    assert_int_equal(tw_config_parse(file, text, (size_t)n, TW_DIALECT_IOSXE, &fs, &d), TW_OK);
    assert_int_equal(tw_fleet_add(f, file, &fs), TW_OK);
    tw_factset_release(&fs);
    tw_diags_release(&d);
    tw_arena_free(a);
}

static const struct {
    const char *tacacs[8];
    const char *ssh[8];
    size_t ndev, want;
    const char *file, *rule, *value; /* the first finding, when want > 0 */
    uint32_t line;
} cases[] = {
    /* one odd TACACS+ server among six */
    {{"10.0.0.5", "10.0.0.5", "10.0.0.5", "10.0.0.5", "10.0.0.5", "10.66.1.2"}, {NULL}, 6, 1,
     "r5.cfg", "TW-OUTLIER-AAA-SERVER", "10.66.1.2", 4},
    /* four devices: too few to compare */
    {{"10.0.0.5", "10.0.0.5", "10.0.0.5", "10.66.1.2"}, {NULL}, 4, 0, NULL, NULL, NULL, 0},
    /* no clear majority */
    {{"10.0.0.5", "10.0.0.5", "10.0.0.6", "10.0.0.6", "10.0.0.7", "10.0.0.8"}, {NULL}, 6, 0, NULL,
     NULL, NULL, 0},
    /* the SSH port: two devices set one, too few, although all share TACACS+ */
    {{"10.0.0.5", "10.0.0.5", "10.0.0.5", "10.0.0.5", "10.0.0.5", "10.0.0.5"},
     {NULL, NULL, NULL, NULL, "22", "2222"}, 6, 0, NULL, NULL, NULL, 0},
    /* the SSH port among eight that set one */
    {{"10.0.0.5", "10.0.0.5", "10.0.0.5", "10.0.0.5", "10.0.0.5", "10.0.0.5", "10.0.0.5",
      "10.0.0.5"},
     {"22", "22", "22", "22", "22", "22", "22", "22022"}, 8, 1, "r7.cfg", "TW-OUTLIER-SSH-PORT",
     "22022", 5},
};

static void test_outliers(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        tw_fleet *f = tw_fleet_new();
        tw_arena *a = tw_arena_new(0);
        tw_findings fl;

        print_message("case %zu\n", c);
        for (size_t i = 0; i < cases[c].ndev; i++)
            add_device(f, (int)i, cases[c].tacacs[i], cases[c].ssh[i]);
        assert_int_equal(tw_fleet_count(f), cases[c].ndev);
        tw_findings_init(&fl, a);
        assert_int_equal(tw_fleet_outliers(f, &fl), TW_OK);
        assert_int_equal(fl.n, cases[c].want);
        for (size_t i = 0; i < fl.n; i++) {
            assert_string_equal(fl.v[i].file, cases[c].file);
            assert_string_equal(fl.v[i].rule, cases[c].rule);
            assert_int_equal(fl.v[i].line, cases[c].line);
            assert_int_equal(fl.v[i].category, TW_CAT_OUTLIER);
            assert_string_equal(fl.v[i].details[0].value, cases[c].value);
            assert_non_null(strstr(fl.v[i].message, cases[c].value));
        }
        tw_findings_release(&fl);
        tw_arena_free(a);
        tw_fleet_free(f);
    }
}

static const unsigned char key[TW_SIPHASH_KEY] = "0123456789abcdef";

/* True when s holds needle. */
static bool holds(tw_str s, const char *needle)
{
    size_t n = strlen(needle);

    for (size_t i = 0; i + n <= s.len; i++) {
        if (memcmp(s.ptr + i, needle, n) == 0)
            return true;
    }
    return false;
}

/* The fingerprint field of the SNMP community in a one-line config, or
 * "" when there is none; the fact never holds the community's text. */
static void fingerprint(const char *community, const unsigned char *k, char *out, size_t cap)
{
    char text[256];
    tw_arena *a = tw_arena_new(0);
    tw_factset fs;
    tw_diags d;
    int n = snprintf(text, sizeof(text), "hostname r1\nsnmp-server community %s RO 10\n",
                     community);
    const tw_field *fp = NULL;

    tw_factset_init(&fs, a);
    fs.fp_key = k;
    tw_diags_init(&d);
    assert_int_equal(tw_config_parse("r.cfg", text, (size_t)n, TW_DIALECT_IOS, &fs, &d), TW_OK);
    for (size_t i = 0; i < fs.n; i++) {
        if (fs.v[i].kind == TW_FACT_SNMP_COMMUNITY)
            fp = tw_fact_get(&fs.v[i], "fingerprint");
        for (uint32_t j = 0; j < fs.v[i].nfields; j++)
            assert_false(holds(fs.v[i].fields[j].str, community));
    }
    snprintf(out, cap, "%.*s", fp ? (int)fp->str.len : 0, fp ? fp->str.ptr : "");
    tw_factset_release(&fs);
    tw_diags_release(&d);
    tw_arena_free(a);
}

/* Communities are compared by a fingerprint keyed for the run: equal
 * strings give equal fingerprints, others differ, no key gives none. */
static void test_snmp_fingerprint(void **state)
{
    char a[32], b[32], c[32], none[32];

    (void)state;
    fingerprint("n0t-public-9", key, a, sizeof(a));
    fingerprint("n0t-public-9", key, b, sizeof(b));
    fingerprint("s3cret-x", key, c, sizeof(c));
    fingerprint("n0t-public-9", NULL, none, sizeof(none));
    assert_int_equal(strlen(a), 16);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    assert_string_equal(none, "");
}

static void *adder(void *arg)
{
    for (int i = 0; i < 20; i++)
        add_device(arg, i, "10.0.0.5", NULL);
    return NULL;
}

/* Adds from two threads at once are all kept. */
static void test_threads(void **state)
{
    tw_fleet *f = tw_fleet_new();
    pthread_t t1, t2;

    (void)state;
    assert_int_equal(pthread_create(&t1, NULL, adder, f), 0);
    assert_int_equal(pthread_create(&t2, NULL, adder, f), 0);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    assert_int_equal(tw_fleet_count(f), 40);
    tw_fleet_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_outliers),
        cmocka_unit_test(test_threads),
        cmocka_unit_test(test_snmp_fingerprint),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
