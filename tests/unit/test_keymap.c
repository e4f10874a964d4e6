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

/* The key of name in the part `part` (0 kind, 1 a, 2 b, 3 c), the other
 * parts fixed: a key that differs only there. */
static uint64_t put_or_get(tw__keymap *m, tw_arena *a, int part, const char *name, uint32_t n,
                           uint64_t val)
{
    tw_str k[3] = {TW_STR("vrf"), TW_STR("peer"), TW_STR("group")};
    uint32_t kind = part == 0 ? n : 9;

    if (part > 0)
        k[part - 1] = tw_str_c(name);
    if (a == NULL)
        return tw__keymap_get(m, kind, k[0], k[1], k[2]);
    return tw__keymap_put(m, a, kind, k[0], k[1], k[2], val);
}

/* Thousands of keys that differ in one part only (each part in turn):
 * every one is added, and found with its own value after the table has
 * doubled.  A comparison that left a part out would take them for one
 * key. */
static void test_many(void **state)
{
    static char names[5000][16];

    (void)state;
    for (size_t i = 0; i < 5000; i++)
        snprintf(names[i], sizeof(names[i]), "10.0.%zu.%zu", i / 250, i % 250);
    for (int part = 0; part < 4; part++) {
        tw_arena *a = tw_arena_new(0);
        tw__keymap m = {0};
        for (uint32_t i = 0; i < 5000; i++)
            assert_true(put_or_get(&m, a, part, names[i], i, i + 1));
        assert_int_equal(m.n, 5000);
        assert_true(m.cap >= 2 * m.n);
        for (uint32_t i = 0; i < 5000; i++)
            assert_int_equal(put_or_get(&m, NULL, part, names[i], i, 0), i + 1);
        assert_int_equal(put_or_get(&m, NULL, part, "10.0.99.1", 99999, 0), 0);
        tw_arena_free(a);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parts),
        cmocka_unit_test(test_many),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
