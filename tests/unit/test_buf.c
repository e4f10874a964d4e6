/*
 * test_buf.c: unit tests for tw_buf (lib/core/buf.c).
 *
 * Checks the invariants of buf.h (ptr never NULL, always NUL-terminated,
 * len never above max, failed operations leave the buffer unchanged) over
 * tables of appends.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/buf.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static void test_buf_init_empty(void **state)
{
    tw_buf b;
    (void)state;
    tw_buf_init(&b, 0);
    assert_non_null(b.ptr);
    assert_string_equal(b.ptr, "");
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 0);
    assert_int_equal(b.max, TW_BUF_MAX_DEFAULT);
    tw_buf_reset(&b);
    assert_string_equal(b.ptr, "");
    tw_buf_release(&b);
    assert_non_null(b.ptr);
    assert_int_equal(b.cap, 0);
}

/* A sequence of appends and the text they must build. */
static const struct {
    const char *parts[4];
    size_t nparts;
    const char *want;
} add_cases[] = {
    {{"a", "b", "c"}, 3, "abc"},
    {{"", "", ""}, 3, ""},
    {{"interface ", "Tunnel10"}, 2, "interface Tunnel10"},
    {{"x"}, 1, "x"},
};

static void test_buf_adds(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(add_cases); i++) {
        tw_buf b;
        tw_buf_init(&b, 0);
        for (size_t k = 0; k < add_cases[i].nparts; k++)
            assert_int_equal(tw_buf_adds(&b, add_cases[i].parts[k]), TW_OK);
        assert_string_equal(b.ptr, add_cases[i].want);
        assert_int_equal(b.len, strlen(add_cases[i].want));
        tw_buf_release(&b);
    }
}

static void test_buf_add_kinds(void **state)
{
    tw_buf b;
    const char raw[] = {'x', '\0', 'y'};
    (void)state;
    tw_buf_init(&b, 0);
    assert_int_equal(tw_buf_addch(&b, '['), TW_OK);
    assert_int_equal(tw_buf_addstr(&b, tw_str_make("abcdef", 3)), TW_OK);
    assert_int_equal(tw_buf_add(&b, raw, sizeof(raw)), TW_OK);
    assert_int_equal(tw_buf_add(&b, NULL, 0), TW_OK);
    assert_int_equal(b.len, 7);
    assert_memory_equal(b.ptr, "[abcx\0y", 8);
    assert_int_equal(tw_buf_str(&b).len, 7);
    assert_ptr_equal(tw_buf_str(&b).ptr, b.ptr);
    tw_buf_release(&b);
}

static void test_buf_grow_large(void **state)
{
    tw_buf b;
    char chunk[1000];
    (void)state;
    memset(chunk, 'z', sizeof(chunk));
    tw_buf_init(&b, 0);
    for (int i = 0; i < 100; i++)
        assert_int_equal(tw_buf_add(&b, chunk, sizeof(chunk)), TW_OK);
    assert_int_equal(b.len, 100000);
    assert_true(b.cap > b.len);
    assert_int_equal(b.ptr[b.len], '\0');
    assert_int_equal(b.ptr[99999], 'z');
    tw_buf_release(&b);
}

/* Appends against a small cap: {max, first add, second add, second rc}. */
static const struct {
    size_t max;
    const char *first, *second;
    tw_err rc;
    const char *want;
} cap_cases[] = {
    {4, "ab", "cd", TW_OK, "abcd"},         {4, "ab", "cde", TW_ELIMIT, "ab"},
    {1, "a", "b", TW_ELIMIT, "a"},          {8, "", "123456789", TW_ELIMIT, ""},
    {8, "1234", "5678", TW_OK, "12345678"},
};

static void test_buf_cap(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(cap_cases); i++) {
        tw_buf b;
        tw_buf_init(&b, cap_cases[i].max);
        assert_int_equal(tw_buf_adds(&b, cap_cases[i].first), TW_OK);
        assert_int_equal(tw_buf_adds(&b, cap_cases[i].second), cap_cases[i].rc);
        assert_string_equal(b.ptr, cap_cases[i].want);
        assert_true(b.len <= b.max);
        tw_buf_release(&b);
    }
}

static void test_buf_cap_printf_and_grow(void **state)
{
    tw_buf b;
    (void)state;
    tw_buf_init(&b, 5);
    assert_int_equal(tw_buf_printf(&b, "%d", 123), TW_OK);
    assert_int_equal(tw_buf_printf(&b, "%s", "456"), TW_ELIMIT);
    assert_string_equal(b.ptr, "123");
    assert_int_equal(tw_buf_grow(&b, 2), TW_OK);
    assert_int_equal(tw_buf_grow(&b, 3), TW_ELIMIT);
    assert_int_equal(tw_buf_grow(&b, SIZE_MAX), TW_ELIMIT);
    assert_int_equal(tw_buf_addch(&b, '4'), TW_OK);
    assert_int_equal(tw_buf_addch(&b, '5'), TW_OK);
    assert_int_equal(tw_buf_addch(&b, '6'), TW_ELIMIT);
    assert_string_equal(b.ptr, "12345");
    tw_buf_release(&b);
}

/* Every format takes (const char *, int), in that order. */
static const struct {
    const char *fmt;
    const char *str;
    int num;
    const char *want;
} printf_cases[] = {
    {"%s:%d", "line", 7, "line:7"},  {"%s|%05d", "", 42, "|00042"}, {"%s%d%%", "", 100, "100%"},
    {"%.2s=%d", "abc", -1, "ab=-1"}, {"%s", "only", 0, "only"},
};

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
static void test_buf_printf(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(printf_cases); i++) {
        tw_buf b;
        tw_buf_init(&b, 0);
        assert_int_equal(tw_buf_adds(&b, ">"), TW_OK);
        assert_int_equal(
            tw_buf_printf(&b, printf_cases[i].fmt, printf_cases[i].str, printf_cases[i].num),
            TW_OK);
        assert_string_equal(b.ptr + 1, printf_cases[i].want);
        assert_int_equal(b.len, 1 + strlen(printf_cases[i].want));
        tw_buf_reset(&b);
        assert_int_equal(b.len, 0);
        assert_string_equal(b.ptr, "");
        tw_buf_release(&b);
    }
}
#pragma GCC diagnostic pop

static void test_buf_printf_long(void **state)
{
    tw_buf b;
    char big[5000];
    (void)state;
    memset(big, 'q', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    tw_buf_init(&b, 0);
    assert_int_equal(tw_buf_printf(&b, "<%s>", big), TW_OK);
    assert_int_equal(b.len, sizeof(big) + 1);
    assert_int_equal(b.ptr[0], '<');
    assert_int_equal(b.ptr[b.len - 1], '>');
    assert_int_equal(b.ptr[b.len], '\0');
    tw_buf_release(&b);
}

static void test_buf_detach(void **state)
{
    tw_buf b;
    size_t len = 99;
    char *p;
    (void)state;
    tw_buf_init(&b, 0);
    p = tw_buf_detach(&b, &len);
    assert_non_null(p);
    assert_string_equal(p, "");
    assert_int_equal(len, 0);
    free(p);
    assert_int_equal(tw_buf_adds(&b, "keep me"), TW_OK);
    p = tw_buf_detach(&b, &len);
    assert_string_equal(p, "keep me");
    assert_int_equal(len, 7);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 0);
    assert_string_equal(b.ptr, "");
    free(p);
    assert_int_equal(tw_buf_adds(&b, "again"), TW_OK);
    assert_string_equal(b.ptr, "again");
    tw_buf_release(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_buf_init_empty), cmocka_unit_test(test_buf_adds),
        cmocka_unit_test(test_buf_add_kinds),  cmocka_unit_test(test_buf_grow_large),
        cmocka_unit_test(test_buf_cap),        cmocka_unit_test(test_buf_cap_printf_and_grow),
        cmocka_unit_test(test_buf_printf),     cmocka_unit_test(test_buf_printf_long),
        cmocka_unit_test(test_buf_detach),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
