/*
 * test_diag.c: unit tests for tw_diags (lib/core/diag.c) and the error
 * names and messages of lib/core/error.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/diag.h"
#include "tidewatch/limits.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
    tw_err code;
    const char *name, *msg;
} err_cases[] = {
    {TW_OK, "TW_OK", "success"},
    {TW_ENOMEM, "TW_ENOMEM", "out of memory"},
    {TW_EPARSE, "TW_EPARSE", "cannot parse input"},
    {TW_ELIMIT, "TW_ELIMIT", "input exceeds a limit"},
    {TW_EINTERNAL, "TW_EINTERNAL", "internal error"},
    {TW__ERR_COUNT, "TW_UNKNOWN", "unknown error"},
    {(tw_err)-1, "TW_UNKNOWN", "unknown error"},
};

static void test_error_names(void **state)
{
    (void)state;
    assert_int_equal(TW_OK, 0);
    for (size_t i = 0; i < N_ELEMS(err_cases); i++) {
        assert_string_equal(tw_errname(err_cases[i].code), err_cases[i].name);
        assert_string_equal(tw_strerror(err_cases[i].code), err_cases[i].msg);
    }
}

static void test_error_all_defined(void **state)
{
    (void)state;
    for (int c = 0; c < TW__ERR_COUNT; c++) {
        assert_int_equal(strncmp(tw_errname((tw_err)c), "TW_", 3), 0);
        assert_true(strlen(tw_strerror((tw_err)c)) > 0);
        assert_true(strcmp(tw_errname((tw_err)c), "TW_UNKNOWN") != 0);
    }
}

/* One diagnostic and how it must be stored. */
static const struct {
    tw_diag_level level;
    tw_err code;
    const char *file;
    uint32_t line, column;
    const char *rule_id;
    const char *arg;
    const char *want_msg;
} add_cases[] = {
    {TW_DIAG_ERROR, TW_EPARSE, "r1.cfg", 12, 3, NULL, "bad", "unexpected token bad"},
    {TW_DIAG_WARNING, TW_ELIMIT, NULL, 0, 0, "TW-AA-GRE", "x", "unexpected token x"},
    {TW_DIAG_ERROR, TW_EIO, "", 1, 0, "", "", "unexpected token "},
};

static void test_diags_add(void **state)
{
    tw_diags d;
    char file[] = "mutable.cfg";
    (void)state;
    tw_diags_init(&d);
    assert_int_equal(d.max, TW_DIAGS_MAX_DEFAULT);
    for (size_t i = 0; i < N_ELEMS(add_cases); i++)
        assert_int_equal(tw_diags_add(&d, add_cases[i].level, add_cases[i].code, add_cases[i].file,
                                      add_cases[i].line, add_cases[i].column, add_cases[i].rule_id,
                                      "unexpected token %s", add_cases[i].arg),
                         TW_OK);
    assert_int_equal(d.n, N_ELEMS(add_cases));
    assert_int_equal(d.errors, 2);
    assert_int_equal(d.dropped, 0);
    for (size_t i = 0; i < N_ELEMS(add_cases); i++) {
        assert_int_equal(d.v[i].level, add_cases[i].level);
        assert_int_equal(d.v[i].code, add_cases[i].code);
        assert_int_equal(d.v[i].line, add_cases[i].line);
        assert_int_equal(d.v[i].column, add_cases[i].column);
        assert_string_equal(d.v[i].message, add_cases[i].want_msg);
    }
    assert_null(d.v[0].rule_id);
    assert_null(d.v[1].file);
    assert_string_equal(d.v[0].file, "r1.cfg");
    assert_string_equal(d.v[1].rule_id, "TW-AA-GRE");
    /* file is copied, not borrowed */
    assert_int_equal(tw_diags_add(&d, TW_DIAG_ERROR, TW_EIO, file, 1, 1, NULL, "m"), TW_OK);
    file[0] = 'X';
    assert_string_equal(d.v[3].file, "mutable.cfg");
    tw_diags_release(&d);
    assert_int_equal(d.n, 0);
    assert_null(d.v);
}

static const struct {
    size_t max, add_errors, add_warnings;
    size_t want_n, want_dropped, want_errors;
} cap_cases[] = {
    {3, 5, 0, 3, 2, 5},
    {3, 1, 4, 3, 2, 1},
    {10, 2, 2, 4, 0, 2},
    {1, 0, 3, 1, 2, 0},
};

static void test_diags_cap(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(cap_cases); i++) {
        tw_diags d;
        tw_diags_init(&d);
        d.max = cap_cases[i].max;
        for (size_t k = 0; k < cap_cases[i].add_errors; k++)
            assert_int_equal(tw_diags_add(&d, TW_DIAG_ERROR, TW_EPARSE, "f", (uint32_t)k, 0, NULL,
                                          "error %zu", k),
                             TW_OK);
        for (size_t k = 0; k < cap_cases[i].add_warnings; k++)
            assert_int_equal(tw_diags_add(&d, TW_DIAG_WARNING, TW_ELIMIT, "f", (uint32_t)k, 0, NULL,
                                          "warning %zu", k),
                             TW_OK);
        assert_int_equal(d.n, cap_cases[i].want_n);
        assert_int_equal(d.dropped, cap_cases[i].want_dropped);
        assert_int_equal(d.errors, cap_cases[i].want_errors);
        tw_diags_release(&d);
    }
}

static void test_diags_long_message(void **state)
{
    tw_diags d;
    char big[TW_LIMIT_TEXT_FIELD * 2];
    (void)state;
    memset(big, 'm', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    tw_diags_init(&d);
    assert_int_equal(tw_diags_add(&d, TW_DIAG_ERROR, TW_EPARSE, NULL, 0, 0, NULL, "%s", big),
                     TW_OK);
    assert_int_equal(strlen(d.v[0].message), TW_LIMIT_TEXT_FIELD - 1);
    tw_diags_release(&d);
}

static void test_diags_move(void **state)
{
    tw_diags dst, src;
    (void)state;
    tw_diags_init(&dst);
    tw_diags_init(&src);
    assert_int_equal(tw_diags_add(&dst, TW_DIAG_WARNING, TW_ELIMIT, "a", 1, 0, NULL, "first"),
                     TW_OK);
    assert_int_equal(tw_diags_add(&src, TW_DIAG_ERROR, TW_EPARSE, "b", 2, 0, NULL, "second"),
                     TW_OK);
    assert_int_equal(tw_diags_add(&src, TW_DIAG_ERROR, TW_EPARSE, "b", 3, 0, "R", "third"), TW_OK);
    assert_int_equal(tw_diags_move(&dst, &src), TW_OK);
    assert_int_equal(dst.n, 3);
    assert_int_equal(dst.errors, 2);
    assert_string_equal(dst.v[0].message, "first");
    assert_string_equal(dst.v[1].message, "second");
    assert_string_equal(dst.v[2].message, "third");
    assert_string_equal(dst.v[2].rule_id, "R");
    assert_int_equal(src.n, 0);
    assert_int_equal(src.errors, 0);
    assert_null(src.v);
    /* src stays usable */
    assert_int_equal(tw_diags_add(&src, TW_DIAG_ERROR, TW_EIO, NULL, 0, 0, NULL, "x"), TW_OK);
    assert_int_equal(src.n, 1);
    tw_diags_release(&src);
    tw_diags_release(&dst);
}

static void test_diags_move_over_cap(void **state)
{
    tw_diags dst, src;
    (void)state;
    tw_diags_init(&dst);
    tw_diags_init(&src);
    dst.max = 2;
    for (int i = 0; i < 4; i++)
        assert_int_equal(tw_diags_add(&src, TW_DIAG_ERROR, TW_EPARSE, "f", 1, 0, NULL, "%d", i),
                         TW_OK);
    assert_int_equal(tw_diags_add(&dst, TW_DIAG_ERROR, TW_EPARSE, "f", 1, 0, NULL, "d"), TW_OK);
    assert_int_equal(tw_diags_move(&dst, &src), TW_OK);
    assert_int_equal(dst.n, 2);
    assert_string_equal(dst.v[1].message, "0");
    assert_int_equal(dst.dropped, 3);
    assert_int_equal(dst.errors, 5);
    assert_int_equal(src.n, 0);
    tw_diags_release(&src);
    tw_diags_release(&dst);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_error_names),         cmocka_unit_test(test_error_all_defined),
        cmocka_unit_test(test_diags_add),           cmocka_unit_test(test_diags_cap),
        cmocka_unit_test(test_diags_long_message),  cmocka_unit_test(test_diags_move),
        cmocka_unit_test(test_diags_move_over_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
