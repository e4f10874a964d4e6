/*
 * test_arena.c: unit tests for tw_arena (lib/core/arena.c).
 *
 * Alignment, the byte cap, large requests, reset and the string helpers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/arena.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

/* Sizes to allocate in a row: odd, tiny, block-sized and huge. */
static const size_t alloc_sizes[] = {1, 3, 15, 16, 17, 0, 100, 4096, 65536, 70000, 1 << 20, 7};

static void test_arena_alignment(void **state)
{
    tw_arena *a = tw_arena_new(0);
    (void)state;
    assert_non_null(a);
    for (size_t i = 0; i < N_ELEMS(alloc_sizes); i++) {
        unsigned char *p = tw_arena_alloc(a, alloc_sizes[i]);
        assert_non_null(p);
        assert_int_equal((uintptr_t)p % 16, 0);
        memset(p, 0xab, alloc_sizes[i]); /* ASan catches a short block */
    }
    tw_arena_free(a);
}

static void test_arena_distinct(void **state)
{
    tw_arena *a = tw_arena_new(0);
    char *p[64];
    (void)state;
    for (int i = 0; i < 64; i++) {
        p[i] = tw_arena_alloc(a, 3000);
        assert_non_null(p[i]);
        memset(p[i], i, 3000);
    }
    for (int i = 0; i < 64; i++) {
        assert_int_equal(p[i][0], i);
        assert_int_equal(p[i][2999], i);
    }
    tw_arena_free(a);
}

static void test_arena_zalloc(void **state)
{
    tw_arena *a = tw_arena_new(0);
    unsigned char *p, *q;
    unsigned char zero[300] = {0};
    (void)state;
    p = tw_arena_alloc(a, 300);
    memset(p, 0xff, 300);
    tw_arena_reset(a);
    q = tw_arena_zalloc(a, 300);
    assert_ptr_equal(p, q); /* the first block is reused after reset */
    assert_memory_equal(q, zero, sizeof(zero));
    tw_arena_free(a);
}

/* {cap, request, expected success}. */
static const struct {
    size_t max;
    size_t n;
    bool ok;
} cap_cases[] = {
    {1024, 1000, true},    {1024, 1024, true},      {1024, 1025, false},   {100, 1, true},
    {100000, 90000, true}, {100000, 100001, false}, {64, SIZE_MAX, false}, {0, SIZE_MAX - 8, false},
};

static void test_arena_cap(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(cap_cases); i++) {
        tw_arena *a = tw_arena_new(cap_cases[i].max);
        assert_non_null(a);
        assert_int_equal(tw_arena_alloc(a, cap_cases[i].n) != NULL, cap_cases[i].ok);
        tw_arena_free(a);
    }
}

static void test_arena_cap_cumulative(void **state)
{
    tw_arena *a = tw_arena_new(256);
    (void)state;
    for (int i = 0; i < 16; i++)
        assert_non_null(tw_arena_alloc(a, 16));
    assert_int_equal(tw_arena_used(a), 256);
    assert_null(tw_arena_alloc(a, 1));
    assert_null(tw_arena_strdup(a, "x"));
    tw_arena_reset(a);
    assert_int_equal(tw_arena_used(a), 0);
    assert_non_null(tw_arena_alloc(a, 256));
    tw_arena_free(a);
}

static void test_arena_used(void **state)
{
    tw_arena *a = tw_arena_new(0);
    (void)state;
    assert_int_equal(tw_arena_used(a), 0);
    assert_non_null(tw_arena_alloc(a, 10));
    assert_int_equal(tw_arena_used(a), 16);
    assert_non_null(tw_arena_alloc(a, 200000));
    assert_int_equal(tw_arena_used(a), 16 + 200000);
    tw_arena_reset(a);
    assert_int_equal(tw_arena_used(a), 0);
    tw_arena_free(a);
}

static void test_arena_reset_many(void **state)
{
    tw_arena *a = tw_arena_new(0);
    (void)state;
    for (int round = 0; round < 5; round++) {
        for (int i = 0; i < 200; i++)
            assert_non_null(tw_arena_alloc(a, 5000));
        assert_int_equal(tw_arena_used(a), 200 * 5008);
        tw_arena_reset(a);
    }
    tw_arena_free(a);
    tw_arena_free(NULL);
}

static const struct {
    const char *in;
    size_t n;
    const char *want;
} strndup_cases[] = {
    {"hostname R1", 8, "hostname"},
    {"abc", 3, "abc"},
    {"abc", 0, ""},
    {"", 0, ""},
};

static void test_arena_strings(void **state)
{
    tw_arena *a = tw_arena_new(0);
    (void)state;
    for (size_t i = 0; i < N_ELEMS(strndup_cases); i++) {
        char *p = tw_arena_strndup(a, strndup_cases[i].in, strndup_cases[i].n);
        tw_str v = tw_arena_str(a, tw_str_make(strndup_cases[i].in, strndup_cases[i].n));
        assert_string_equal(p, strndup_cases[i].want);
        assert_true(tw_str_eq_c(v, strndup_cases[i].want));
        assert_int_equal(v.ptr[v.len], '\0');
        assert_ptr_not_equal(p, strndup_cases[i].in);
    }
    assert_string_equal(tw_arena_strdup(a, "copy"), "copy");
    assert_string_equal(tw_arena_printf(a, "%s/%d", "10.0.0.0", 8), "10.0.0.0/8");
    assert_string_equal(tw_arena_printf(a, "%s", ""), "");
    tw_arena_free(a);
}

static void test_arena_str_failure(void **state)
{
    tw_arena *a = tw_arena_new(32);
    tw_str v;
    (void)state;
    v = tw_arena_str(a, TW_STR("this text is longer than thirty-two bytes"));
    assert_int_equal(v.len, 0);
    assert_non_null(v.ptr);
    assert_null(tw_arena_printf(a, "%040d", 1));
    tw_arena_free(a);
}

/* Blocks survive reset: the same allocation pattern after a reset gets the
 * same addresses back, including those past the first block. */
static void test_arena_reset_keeps_blocks(void **state)
{
    tw_arena *a = tw_arena_new(0);
    unsigned char *first[40], *again[40];
    (void)state;
    for (int i = 0; i < 40; i++)
        first[i] = tw_arena_alloc(a, 10000);
    tw_arena_reset(a);
    for (int i = 0; i < 40; i++) {
        again[i] = tw_arena_alloc(a, 10000);
        assert_non_null(again[i]);
        memset(again[i], i, 10000);
    }
    assert_ptr_equal(first[39], again[39]);
    assert_int_equal(again[0][9999], 0);
    assert_int_equal(again[39][0], 39);
    assert_int_equal(tw_arena_used(a), 40 * 10000);
    tw_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_alignment),      cmocka_unit_test(test_arena_distinct),
        cmocka_unit_test(test_arena_zalloc),         cmocka_unit_test(test_arena_cap),
        cmocka_unit_test(test_arena_cap_cumulative), cmocka_unit_test(test_arena_used),
        cmocka_unit_test(test_arena_reset_many),     cmocka_unit_test(test_arena_strings),
        cmocka_unit_test(test_arena_str_failure),
        cmocka_unit_test(test_arena_reset_keeps_blocks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
