/*
 * test_finding.c: unit tests for the findings list (lib/core/finding.c).
 *
 * Severity and category names, push with its cap, report order and the
 * highest severity.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/finding.h"
#include "tidewatch/limits.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
    const char *in;
    bool ok;
    tw_severity sev;
} sev_cases[] = {
    {"info", true, TW_SEV_INFO},         {"low", true, TW_SEV_LOW},
    {"medium", true, TW_SEV_MEDIUM},     {"high", true, TW_SEV_HIGH},
    {"critical", true, TW_SEV_CRITICAL}, {"HIGH", true, TW_SEV_HIGH},
    {"Critical", true, TW_SEV_CRITICAL}, {"", false, TW_SEV_LOW},
    {"hi", false, TW_SEV_LOW},           {"high ", false, TW_SEV_LOW},
    {"severe", false, TW_SEV_LOW},
};

static void test_severity_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(sev_cases); i++) {
        tw_severity s = TW_SEV_LOW; /* left alone on failure */
        assert_int_equal(tw_severity_parse(tw_str_c(sev_cases[i].in), &s), sev_cases[i].ok);
        assert_int_equal(s, sev_cases[i].sev);
    }
}

static const struct {
    tw_severity sev;
    const char *name;
} sev_names[] = {
    {TW_SEV_INFO, "info"},  {TW_SEV_LOW, "low"},           {TW_SEV_MEDIUM, "medium"},
    {TW_SEV_HIGH, "high"},  {TW_SEV_CRITICAL, "critical"}, {(tw_severity)5, "?"},
    {(tw_severity)-1, "?"},
};

static void test_severity_name(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(sev_names); i++)
        assert_string_equal(tw_severity_name(sev_names[i].sev), sev_names[i].name);
}

static const struct {
    const char *in;
    bool ok;
    tw_category cat;
} cat_cases[] = {
    {"compromise", true, TW_CAT_COMPROMISE},
    {"hardening", true, TW_CAT_HARDENING},
    {"exposure", true, TW_CAT_EXPOSURE},
    {"drift", true, TW_CAT_DRIFT},
    {"outlier", true, TW_CAT_OUTLIER},
    {"COMPROMISE", true, TW_CAT_COMPROMISE},
    {"Drift", true, TW_CAT_DRIFT},
    {"", false, TW_CAT_HARDENING},
    {"compromised", false, TW_CAT_HARDENING},
};

static void test_category_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(cat_cases); i++) {
        tw_category c = TW_CAT_HARDENING;
        assert_int_equal(tw_category_parse(tw_str_c(cat_cases[i].in), &c), cat_cases[i].ok);
        assert_int_equal(c, cat_cases[i].cat);
    }
    for (int c = 0; c < TW__CAT_COUNT; c++) {
        tw_category out = TW__CAT_COUNT;
        assert_true(tw_category_parse(tw_str_c(tw_category_name((tw_category)c)), &out));
        assert_int_equal(out, c);
    }
    assert_string_equal(tw_category_name(TW__CAT_COUNT), "?");
}

static void test_findings_push(void **state)
{
    tw_findings fl;
    tw_finding f = {0};
    tw_severity max = TW_SEV_INFO;
    (void)state;
    tw_findings_init(&fl, NULL);
    assert_int_equal(fl.max, TW_LIMIT_FINDINGS);
    assert_false(tw_findings_max_severity(&fl, &max));
    f.rule = "TW-AA-GRE";
    f.severity = TW_SEV_HIGH;
    f.file = "r1.cfg";
    f.line = 7;
    for (int i = 0; i < 100; i++)
        assert_int_equal(tw_findings_push(&fl, &f), TW_OK);
    assert_int_equal(fl.n, 100);
    assert_string_equal(fl.v[99].rule, "TW-AA-GRE");
    assert_int_equal(fl.v[99].line, 7);
    assert_true(tw_findings_max_severity(&fl, &max));
    assert_int_equal(max, TW_SEV_HIGH);
    tw_findings_release(&fl);
    assert_int_equal(fl.n, 0);
    assert_null(fl.v);
}

static void test_findings_cap(void **state)
{
    tw_findings fl;
    tw_finding f = {0};
    (void)state;
    tw_findings_init(&fl, NULL);
    fl.max = 2;
    assert_int_equal(tw_findings_push(&fl, &f), TW_OK);
    assert_int_equal(tw_findings_push(&fl, &f), TW_OK);
    assert_int_equal(tw_findings_push(&fl, &f), TW_ELIMIT);
    assert_int_equal(tw_findings_push(&fl, &f), TW_ELIMIT);
    assert_int_equal(fl.n, 2);
    assert_int_equal(fl.dropped, 2);
    tw_findings_release(&fl);
}

/* Findings pushed in this order ... */
static const struct {
    const char *file;
    uint32_t line;
    tw_severity sev;
    const char *rule;
} unsorted[] = {
    {"b.cfg", 3, TW_SEV_LOW, "R2"},    {"a.cfg", 10, TW_SEV_LOW, "R1"},
    {"a.cfg", 2, TW_SEV_MEDIUM, "R9"}, {"a.cfg", 2, TW_SEV_CRITICAL, "R5"},
    {NULL, 5, TW_SEV_INFO, "R0"},      {"a.cfg", 0, TW_SEV_LOW, "R7"},
    {"a.cfg", 1, TW_SEV_LOW, "R3"},    {"a.cfg", 2, TW_SEV_MEDIUM, "R4"},
    {"a.cfg", 10, TW_SEV_LOW, "R0"},
};

/* ... come out as indexes into unsorted in this order. */
static const size_t sorted_order[] = {4, 5, 6, 3, 7, 2, 8, 1, 0};

static void test_findings_sort(void **state)
{
    tw_findings fl;
    tw_severity max = TW_SEV_INFO;
    (void)state;
    tw_findings_init(&fl, NULL);
    for (size_t i = 0; i < N_ELEMS(unsorted); i++) {
        tw_finding f = {0};
        f.file = unsorted[i].file;
        f.line = unsorted[i].line;
        f.severity = unsorted[i].sev;
        f.rule = unsorted[i].rule;
        assert_int_equal(tw_findings_push(&fl, &f), TW_OK);
    }
    tw_findings_sort(&fl);
    for (size_t i = 0; i < N_ELEMS(sorted_order); i++) {
        size_t k = sorted_order[i];
        assert_ptr_equal(fl.v[i].file, unsorted[k].file);
        assert_int_equal(fl.v[i].line, unsorted[k].line);
        assert_int_equal(fl.v[i].severity, unsorted[k].sev);
        assert_string_equal(fl.v[i].rule, unsorted[k].rule);
    }
    assert_true(tw_findings_max_severity(&fl, &max));
    assert_int_equal(max, TW_SEV_CRITICAL);
    tw_findings_release(&fl);
}

static void test_findings_sort_trivial(void **state)
{
    tw_findings fl;
    tw_finding f = {0};
    (void)state;
    tw_findings_init(&fl, NULL);
    tw_findings_sort(&fl);
    assert_int_equal(fl.n, 0);
    f.rule = "only";
    assert_int_equal(tw_findings_push(&fl, &f), TW_OK);
    tw_findings_sort(&fl);
    assert_string_equal(fl.v[0].rule, "only");
    tw_findings_release(&fl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_severity_parse),        cmocka_unit_test(test_severity_name),
        cmocka_unit_test(test_category_parse),        cmocka_unit_test(test_findings_push),
        cmocka_unit_test(test_findings_cap),          cmocka_unit_test(test_findings_sort),
        cmocka_unit_test(test_findings_sort_trivial),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
