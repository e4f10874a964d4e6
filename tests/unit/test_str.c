/*
 * test_str.c: unit tests for tw_str views (lib/core/str.c).
 *
 * Each test walks a table of inputs and expected results; views are built
 * over buffers without a NUL where it matters, to catch reads past len.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/str.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))
#define SENT 12345

static void test_str_c(void **state)
{
    (void)state;
    assert_int_equal(tw_str_c(NULL).len, 0);
    assert_non_null(tw_str_c(NULL).ptr);
    assert_int_equal(tw_str_c("abc").len, 3);
    assert_int_equal(tw_str_c("").len, 0);
}

static const struct {
    const char *a, *b;
    bool eq, ieq;
} eq_cases[] = {
    {"", "", true, true},
    {"abc", "abc", true, true},
    {"abc", "ABC", false, true},
    {"Ssh", "sSH", false, true},
    {"abc", "abd", false, false},
    {"abc", "ab", false, false},
    {"ab", "abc", false, false},
    {"", "a", false, false},
    {"a[", "A{", false, false}, /* '[' is not 'Z'+1 lowered */
    {"\xc3\x84", "\xc3\xa4", false, false},
};

static void test_str_eq(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(eq_cases); i++) {
        tw_str a = tw_str_c(eq_cases[i].a), b = tw_str_c(eq_cases[i].b);
        assert_int_equal(tw_str_eq(a, b), eq_cases[i].eq);
        assert_int_equal(tw_str_ieq(a, b), eq_cases[i].ieq);
        assert_int_equal(tw_str_eq_c(a, eq_cases[i].b), eq_cases[i].eq);
        assert_int_equal(tw_str_ieq_c(a, eq_cases[i].b), eq_cases[i].ieq);
    }
}

static const struct {
    const char *s, *affix;
    bool starts, istarts, ends;
} affix_cases[] = {
    {"interface Tunnel10", "interface", true, true, false},
    {"interface Tunnel10", "INTERFACE", false, true, false},
    {"interface Tunnel10", "Tunnel10", false, false, true},
    {"abc", "", true, true, true},
    {"", "", true, true, true},
    {"ab", "abc", false, false, false},
    {"abc", "abc", true, true, true},
    {"xabc", "abc", false, false, true},
};

static void test_str_affix(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(affix_cases); i++) {
        tw_str s = tw_str_c(affix_cases[i].s), a = tw_str_c(affix_cases[i].affix);
        assert_int_equal(tw_str_starts_with(s, a), affix_cases[i].starts);
        assert_int_equal(tw_str_istarts_with(s, a), affix_cases[i].istarts);
        assert_int_equal(tw_str_ends_with(s, a), affix_cases[i].ends);
    }
}

static const struct {
    const char *hay, *needle;
    ptrdiff_t at;
} find_cases[] = {
    {"hello world", "world", 6},
    {"hello world", "hello", 0},
    {"hello world", "o", 4},
    {"hello", "", 0},
    {"", "a", -1},
    {"abc", "abcd", -1},
    {"aaab", "aab", 1},
    {"abcabc", "cab", 2},
    {"abc", "d", -1},
};

static void test_str_find(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(find_cases); i++) {
        tw_str h = tw_str_c(find_cases[i].hay), n = tw_str_c(find_cases[i].needle);
        assert_int_equal(tw_str_find(h, n), find_cases[i].at);
    }
}

static void test_str_find_bounded(void **state)
{
    /* The needle sits just past the view: it must not be found. */
    const char text[] = "abcdef";
    (void)state;
    assert_int_equal(tw_str_find(tw_str_make(text, 3), TW_STR("cd")), -1);
    assert_int_equal(tw_str_find(tw_str_make(text, 4), TW_STR("cd")), 2);
}

static const struct {
    const char *in, *trim, *ltrim, *rtrim;
} trim_cases[] = {
    {"  a b  ", "a b", "a b  ", "  a b"},
    {"\t\r\n\v\fx\f\v\n\r\t", "x", "x\f\v\n\r\t", "\t\r\n\v\fx"},
    {"", "", "", ""},
    {"   ", "", "", ""},
    {"abc", "abc", "abc", "abc"},
};

static void test_str_trim(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(trim_cases); i++) {
        tw_str s = tw_str_c(trim_cases[i].in);
        assert_true(tw_str_eq_c(tw_str_trim(s), trim_cases[i].trim));
        assert_true(tw_str_eq_c(tw_str_ltrim(s), trim_cases[i].ltrim));
        assert_true(tw_str_eq_c(tw_str_rtrim(s), trim_cases[i].rtrim));
    }
}

static const struct {
    const char *in;
    size_t n;
    const char *tokens[5];
} token_cases[] = {
    {"ip route 0.0.0.0 0.0.0.0 10.1.1.1", 5, {"ip", "route", "0.0.0.0", "0.0.0.0", "10.1.1.1"}},
    {"  transport\tinput  ssh ", 3, {"transport", "input", "ssh"}},
    {"", 0, {NULL}},
    {" \t ", 0, {NULL}},
    {"one", 1, {"one"}},
};

static void test_str_token(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(token_cases); i++) {
        tw_str rest = tw_str_c(token_cases[i].in);
        for (size_t k = 0; k < token_cases[i].n; k++)
            assert_true(tw_str_eq_c(tw_str_token(&rest), token_cases[i].tokens[k]));
        assert_int_equal(tw_str_token(&rest).len, 0);
    }
}

static void test_str_token_end(void **state)
{
    tw_str rest = TW_STR("a  b  ");
    (void)state;
    assert_true(tw_str_eq_c(tw_str_token(&rest), "a"));
    assert_true(tw_str_eq_c(tw_str_token(&rest), "b"));
    assert_int_equal(tw_str_token(&rest).len, 0);
    assert_int_equal(rest.len, 0);
    assert_int_equal(tw_str_token(&rest).len, 0);
}

static const struct {
    const char *in;
    size_t n;
    const char *lines[4];
} line_cases[] = {
    {"a\nb\n", 2, {"a", "b"}},     {"a\r\nb\r\nc", 3, {"a", "b", "c"}},
    {"\n\n", 2, {"", ""}},         {"", 0, {NULL}},
    {"only", 1, {"only"}},         {"x\r", 1, {"x\r"}}, /* a lone CR without LF is kept */
    {"a\rb\nc", 2, {"a\rb", "c"}},
};

static void test_str_line(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(line_cases); i++) {
        tw_str rest = tw_str_c(line_cases[i].in), line;
        for (size_t k = 0; k < line_cases[i].n; k++) {
            assert_true(tw_str_line(&rest, &line));
            assert_true(tw_str_eq_c(line, line_cases[i].lines[k]));
        }
        assert_false(tw_str_line(&rest, &line));
        assert_int_equal(rest.len, 0);
    }
}

static const struct {
    const char *in;
    bool ok;
    int64_t v;
} i64_cases[] = {
    /* v is the output expected; failing calls leave the sentinel alone */
    {"0", true, 0},
    {"42", true, 42},
    {"-42", true, -42},
    {"9223372036854775807", true, INT64_MAX},
    {"-9223372036854775808", true, INT64_MIN},
    {"9223372036854775808", false, SENT},
    {"-9223372036854775809", false, SENT},
    {"99999999999999999999999", false, SENT},
    {"", false, SENT},
    {"-", false, SENT},
    {"+1", false, SENT},
    {"1a", false, SENT},
    {" 1", false, SENT},
    {"1 ", false, SENT},
    {"--1", false, SENT},
};

static void test_str_to_i64(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(i64_cases); i++) {
        int64_t v = SENT;
        assert_int_equal(tw_str_to_i64(tw_str_c(i64_cases[i].in), &v), i64_cases[i].ok);
        assert_true(v == i64_cases[i].v);
    }
}

static const struct {
    const char *in;
    uint64_t max;
    bool ok;
    uint64_t v;
} u64_cases[] = {
    {"0", 10, true, 0},
    {"10", 10, true, 10},
    {"11", 10, false, SENT},
    {"128", 128, true, 128},
    {"129", 128, false, SENT},
    {"18446744073709551615", UINT64_MAX, true, UINT64_MAX},
    {"18446744073709551616", UINT64_MAX, false, SENT},
    {"-1", UINT64_MAX, false, SENT},
    {"", UINT64_MAX, false, SENT},
    {"0x10", UINT64_MAX, false, SENT},
};

static void test_str_to_u64(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(u64_cases); i++) {
        uint64_t v = SENT;
        tw_str s = tw_str_c(u64_cases[i].in);
        assert_int_equal(tw_str_to_u64(s, u64_cases[i].max, &v), u64_cases[i].ok);
        assert_true(v == u64_cases[i].v);
    }
}

static void test_str_to_i64_bounded(void **state)
{
    /* Digits just past the view must not be read. */
    const char text[] = "12345";
    int64_t v = 0;
    (void)state;
    assert_true(tw_str_to_i64(tw_str_make(text, 2), &v));
    assert_int_equal(v, 12);
}

static const struct {
    const char *in;
    size_t cap;
    const char *out;
} to_c_cases[] = {
    {"hello", 16, "hello"}, {"hello", 6, "hello"}, {"hello", 5, "hell"},
    {"hello", 1, ""},       {"", 4, ""},
};

static void test_str_to_c(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(to_c_cases); i++) {
        char dst[17];
        memset(dst, 'X', sizeof(dst));
        assert_ptr_equal(tw_str_to_c(tw_str_c(to_c_cases[i].in), dst, to_c_cases[i].cap), dst);
        assert_string_equal(dst, to_c_cases[i].out);
        assert_int_equal(dst[to_c_cases[i].cap], 'X'); /* nothing written past cap */
    }
}

/* The first matching spelling wins, case is ignored, unknown is NULL. */
static void test_alias_of(void **state)
{
    static const tw_str_alias v[] = {
        {"aes-cbc-256", "aes256"}, {"AES", "aes128"}, {"aes", "never"}};
    (void)state;
    assert_string_equal(tw_str_alias_of(TW_STR("AES-CBC-256"), v, 3), "aes256");
    assert_string_equal(tw_str_alias_of(TW_STR("aes"), v, 3), "aes128");
    assert_null(tw_str_alias_of(TW_STR("aes-cbc"), v, 3));
    assert_null(tw_str_alias_of(TW_STR("aes256"), v, 0));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alias_of),
        cmocka_unit_test(test_str_c),
        cmocka_unit_test(test_str_eq),
        cmocka_unit_test(test_str_affix),
        cmocka_unit_test(test_str_find),
        cmocka_unit_test(test_str_find_bounded),
        cmocka_unit_test(test_str_trim),
        cmocka_unit_test(test_str_token),
        cmocka_unit_test(test_str_token_end),
        cmocka_unit_test(test_str_line),
        cmocka_unit_test(test_str_to_i64),
        cmocka_unit_test(test_str_to_u64),
        cmocka_unit_test(test_str_to_i64_bounded),
        cmocka_unit_test(test_str_to_c),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
