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
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
