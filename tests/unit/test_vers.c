/*
 * test_vers.c: version ranges (lib/match/vers.c): the vers spec's
 * comparators and algorithm with the vendor grammars, the Palo Alto,
 * Fortinet and vls shapes, placeholders ("*", "All", "<train> All",
 * "None"), constraints of other trains ignored, and texts that must not
 * parse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/vers.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define IN TW_VERS_IN
#define OUT TW_VERS_OUT
#define UNK TW_VERS_UNKNOWN

struct eval_case {
    tw_os os;
    const char *range;
    const char *version;
    tw_vers_result want;
};

static const struct eval_case eval_cases[] = {
    /* Palo Alto: hotfixes order after their release; other trains say nothing. */
    {TW_OS_PAN_OS, "vers:generic/<10.2.9-h1", "10.2.9", IN},
    {TW_OS_PAN_OS, "vers:generic/<10.2.9-h1", "10.2.9-h1", OUT},
    {TW_OS_PAN_OS, "vers:generic/<10.2.9-h1", "10.2.9-h2", OUT},
    {TW_OS_PAN_OS, "vers:generic/<10.2.9-h1", "10.2.0", IN},
    {TW_OS_PAN_OS, "vers:generic/<10.2.9-h1", "11.1.0", UNK},
    {TW_OS_PAN_OS, "vers:generic/>=10.2.9-h1", "10.2.9-h1", IN},
    {TW_OS_PAN_OS, "vers:generic/>=10.2.9-h1", "10.2.8", OUT},
    {TW_OS_PAN_OS, "vers:generic/PAN-OS Firewall>=11.2.10", "11.2.10", IN},
    {TW_OS_PAN_OS, "vers:generic/PAN-OS Firewall>=11.2.10", "11.2.4-h1", OUT},
    {TW_OS_PAN_OS, "vers:generic/>=11.1.0|<11.1.2-h3", "11.1.2-h2", IN},
    {TW_OS_PAN_OS, "vers:generic/>=11.1.0|<11.1.2-h3", "11.1.2-h3", OUT},
    {TW_OS_PAN_OS, "vers:generic/<10.2.9-h1|>=11.0.0|<11.0.4-h1", "11.0.2", IN},
    {TW_OS_PAN_OS, "vers:generic/<10.2.9-h1|>=11.0.0|<11.0.4-h1", "11.0.4-h1", OUT},
    {TW_OS_PAN_OS, "vers:generic/<10.2.9-h1|>=11.0.0|<11.0.4-h1", "10.2.3", IN},
    {TW_OS_PAN_OS, "vers:generic/<10.2.9-h1|>=11.0.0|<11.0.4-h1", "10.1.11", UNK},
    {TW_OS_PAN_OS, "PAN-OS 10.1 All", "10.1.11", IN},
    {TW_OS_PAN_OS, "PAN-OS 10.1 All", "10.2.0", UNK},
    {TW_OS_PAN_OS, "PAN-OS None", "10.2.0", UNK},
    /* Spaces are insignificant; "=" and "!=" and bare versions. */
    {TW_OS_PAN_OS, "vers:generic/ >= 10.2.0 | < 10.2.4 ", "10.2.3-h2", IN},
    {TW_OS_PAN_OS, "vers:generic/10.2.3|10.2.5", "10.2.5", IN},
    {TW_OS_PAN_OS, "vers:generic/10.2.3|10.2.5", "10.2.4", OUT},
    {TW_OS_PAN_OS, "vers:generic/=10.2.3", "10.2.3", IN},
    {TW_OS_PAN_OS, "vers:generic/!=10.2.3|>=10.2.0", "10.2.3", OUT},
    {TW_OS_PAN_OS, "vers:generic/!=10.2.3|>=10.2.0", "10.2.4", IN},
    {TW_OS_PAN_OS, "vers:generic/>10.2.3|<=10.2.5", "10.2.5", IN},
    {TW_OS_PAN_OS, "vers:generic/>10.2.3|<=10.2.5", "10.2.3", OUT},
    /* Two intervals of one train, unsorted as written. */
    {TW_OS_PAN_OS, "vers:generic/>=10.2.6|<10.2.7-h8|>=10.2.0|<10.2.4-h16", "10.2.5", OUT},
    {TW_OS_PAN_OS, "vers:generic/>=10.2.6|<10.2.7-h8|>=10.2.0|<10.2.4-h16", "10.2.6", IN},
    {TW_OS_PAN_OS, "vers:generic/>=10.2.6|<10.2.7-h8|>=10.2.0|<10.2.4-h16", "10.2.4", IN},
    /* "*" and "all". */
    {TW_OS_PAN_OS, "vers:all/*", "9.1.0", IN},
    {TW_OS_PAN_OS, "*", "11.2.1", IN},
    /* Fortinet leaf names and the vls form. */
    {TW_OS_FORTIOS, "FortiOS/>=7.0.0|<=7.0.5", "7.0.3", IN},
    {TW_OS_FORTIOS, "FortiOS/>=7.0.0|<=7.0.5", "7.0.5", IN},
    {TW_OS_FORTIOS, "FortiOS/>=7.0.0|<=7.0.5", "7.0.6", OUT},
    {TW_OS_FORTIOS, "FortiOS/>=7.0.0|<=7.0.5", "7.2.3", UNK},
    {TW_OS_FORTIOS, "<=7.0.5", "v7.0.5", IN},
    /* Cisco: release trains never mix; XE leading zeros are equal. */
    {TW_OS_IOS, "vers:cisco/<15.2(4)M10", "15.2(4)M7", IN},
    {TW_OS_IOS, "vers:cisco/<15.2(4)M10", "15.2(4)E7", UNK},
    {TW_OS_IOS_XE, "vers:cisco/=3.16.7S", "03.16.07S", IN},
    {TW_OS_IOS_XE, "vers:cisco/>=17.9.1|<17.9.4a", "17.9.4", IN},
    {TW_OS_IOS_XE, "vers:cisco/>=17.9.1|<17.9.4a", "17.9.4a", OUT},
    {TW_OS_IOS_XE, "vers:cisco/>=17.9.1|<17.9.4a", "17.6.5", UNK},
    /* Junos service releases. */
    {TW_OS_JUNOS, "vers:generic/<21.4R3-S5", "21.4R3", IN},
    {TW_OS_JUNOS, "vers:generic/<21.4R3-S5", "21.4R3-S5", OUT},
    /* A device of another OS, or a version that does not parse. */
    {TW_OS_PAN_OS, "vers:generic/<10.2.9-h1", "15.2(4)M7", UNK},
};

static void test_eval(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(eval_cases); i++) {
        const struct eval_case *c = &eval_cases[i];
        tw_vers_range r;
        tw_version v;

        print_message("case %zu: %s vs %s\n", i, c->range, c->version);
        assert_int_equal(tw_vers_parse(c->os, tw_str_c(c->range), &r), TW_OK);
        (void)tw_version_parse(c->os, tw_str_c(c->version), &v);
        assert_int_equal(tw_vers_eval(&r, &v), c->want);
    }
}

static void test_other_os(void **state)
{
    tw_vers_range r;
    tw_version v;

    (void)state;
    assert_int_equal(tw_vers_parse(TW_OS_PAN_OS, TW_STR("vers:generic/<10.2.9-h1"), &r), TW_OK);
    assert_int_equal(tw_version_parse(TW_OS_FORTIOS, TW_STR("7.0.1"), &v), TW_OK);
    assert_int_equal(tw_vers_eval(&r, &v), UNK);
}

struct parse_case {
    tw_os os;
    const char *range;
    tw_err want;
    uint8_t n;
    bool none;
};

static const struct parse_case parse_cases[] = {
    {TW_OS_PAN_OS, "vers:generic/<10.2.9-h1|>=11.0.0|<11.0.4-h1", TW_OK, 3, false},
    {TW_OS_PAN_OS, "PAN-OS None", TW_OK, 0, true},
    {TW_OS_PAN_OS, "None", TW_OK, 0, true},
    {TW_OS_PAN_OS, "vers:all/*", TW_OK, 1, false},
    {TW_OS_PAN_OS, "", TW_EPARSE, 0, false},
    {TW_OS_PAN_OS, "vers:", TW_EPARSE, 0, false},
    {TW_OS_PAN_OS, "vers:generic/", TW_EPARSE, 0, false},
    {TW_OS_PAN_OS, "vers:generic/<10.2.9-h1||<11.0.1", TW_EPARSE, 0, false},
    {TW_OS_PAN_OS, "vers:generic/<=>11", TW_EPARSE, 0, false},
    {TW_OS_PAN_OS, "vers:generic/<banana", TW_EPARSE, 0, false},
    {TW_OS_PAN_OS, "vers:generic/<10.2", TW_EPARSE, 0, false},
    {TW_OS_FORTIOS, "FortiOS/see the advisory", TW_EPARSE, 0, false},
    {TW_OS_UNKNOWN, "<1.0", TW_EINVAL, 0, false},
    {TW_OS_PAN_OS,
     "vers:generic/10.2.1|10.2.2|10.2.3|10.2.4|10.2.5|10.2.6|10.2.7|10.2.8|10.2.9|10.2.10|"
     "10.2.11|10.2.12|10.2.13|10.2.14|10.2.15|10.2.16|10.2.17",
     TW_ELIMIT, 0, false},
};

static void test_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(parse_cases); i++) {
        const struct parse_case *c = &parse_cases[i];
        tw_vers_range r;

        print_message("case %zu: %s\n", i, c->range);
        assert_int_equal(tw_vers_parse(c->os, tw_str_c(c->range), &r), c->want);
        assert_int_equal(r.n, c->n);
        assert_int_equal(r.none, c->none);
    }
}

struct upper_case {
    const char *range;
    const char *version;
    bool upper;
};

static const struct upper_case upper_cases[] = {
    {"vers:generic/<10.2.9-h1", "10.2.3", true},
    {"vers:generic/>=10.2.9-h1", "10.2.9-h2", false},
    {"vers:generic/>=11.1.0|<11.1.2-h3", "11.1.1", true},
    {"vers:generic/<10.2.9-h1", "11.1.1", false},
};

static void test_upper(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(upper_cases); i++) {
        tw_vers_range r;
        tw_version v;

        assert_int_equal(tw_vers_parse(TW_OS_PAN_OS, tw_str_c(upper_cases[i].range), &r), TW_OK);
        assert_int_equal(tw_version_parse(TW_OS_PAN_OS, tw_str_c(upper_cases[i].version), &v),
                         TW_OK);
        assert_int_equal(tw_vers_is_upper(&r, &v), upper_cases[i].upper);
    }
}

static void test_op_names(void **state)
{
    (void)state;
    assert_string_equal(tw_vers_op_name(TW_VERS_OP_LE), "<=");
    assert_string_equal(tw_vers_op_name(TW_VERS_OP_ANY), "*");
    assert_string_equal(tw_vers_op_name((tw_vers_op)99), "?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_eval),  cmocka_unit_test(test_other_os), cmocka_unit_test(test_parse),
        cmocka_unit_test(test_upper), cmocka_unit_test(test_op_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
