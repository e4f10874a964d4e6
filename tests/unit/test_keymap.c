/*
 * test_keymap.c: unit tests for the parsers' hash table (lib/parse/keymap.c).
 *
 * Keys are (kind, a, b, c): every part counts, and the parts do not run
 * into each other; a key is added once; the table keeps every key as it
 * doubles.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "parse/keymap.h"

static void test_parts(void **state)
{
    tw_arena *a = tw_arena_new(0);
    tw__keymap m = {0};

    (void)state;
    assert_int_equal(tw__keymap_get(&m, 1, TW_STR("x"), TW_STR_NULL, TW_STR_NULL), 0);
    assert_true(tw__keymap_put(&m, a, 1, TW_STR("ab"), TW_STR_NULL, TW_STR_NULL, 7));
    assert_int_equal(tw__keymap_get(&m, 1, TW_STR("ab"), TW_STR_NULL, TW_STR_NULL), 7);
    /* the same bytes split otherwise, or of another kind, are other keys */
    assert_int_equal(tw__keymap_get(&m, 1, TW_STR("a"), TW_STR("b"), TW_STR_NULL), 0);
    assert_int_equal(tw__keymap_get(&m, 2, TW_STR("ab"), TW_STR_NULL, TW_STR_NULL), 0);
    assert_int_equal(tw__keymap_get(&m, 1, TW_STR_NULL, TW_STR_NULL, TW_STR("ab")), 0);
    /* a key is added once: the first value stays */
    assert_true(tw__keymap_put(&m, a, 1, TW_STR("ab"), TW_STR_NULL, TW_STR_NULL, 9));
    assert_int_equal(tw__keymap_get(&m, 1, TW_STR("ab"), TW_STR_NULL, TW_STR_NULL), 7);
    assert_int_equal(m.n, 1);
    tw_arena_free(a);
}

/* Thousands of keys: every one is found after the table has doubled. */
static void test_many(void **state)
{
    static char names[5000][16];
    tw_arena *a = tw_arena_new(0);
    tw__keymap m = {0};

    (void)state;
    for (size_t i = 0; i < 5000; i++) {
        snprintf(names[i], sizeof(names[i]), "10.0.%zu.%zu", i / 250, i % 250);
        assert_true(
            tw__keymap_put(&m, a, 0, TW_STR("vrf"), tw_str_c(names[i]), TW_STR_NULL, i + 1));
    }
    assert_int_equal(m.n, 5000);
    assert_true(m.cap >= 2 * m.n);
    for (size_t i = 0; i < 5000; i++)
        assert_int_equal(tw__keymap_get(&m, 0, TW_STR("vrf"), tw_str_c(names[i]), TW_STR_NULL),
                         i + 1);
    assert_int_equal(tw__keymap_get(&m, 0, TW_STR("vrf"), TW_STR("10.0.99.1"), TW_STR_NULL), 0);
    tw_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parts),
        cmocka_unit_test(test_many),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
