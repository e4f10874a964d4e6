/*
 * test_ioc.c: the indicator set: the built-in advisory set, whole-address
 * matching, prefixes (longest wins), tw_iocset_match_cidr's rules, v4-mapped
 * and IPv6 spellings, duplicates and misuse.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/ioc.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static tw_ip ip_of(const char *text)
{
    tw_ip ip;

    assert_int_equal(tw_ip_parse(tw_str_c(text), 0, &ip), TW_OK);
    return ip;
}

static tw_cidr cidr_of(const char *text)
{
    tw_cidr c;

    assert_int_equal(tw_cidr_parse(tw_str_c(text), 0, &c), TW_OK);
    return c;
}

/* The value of the indicator matching ip, or NULL. */
static const char *match_value(const tw_iocset *s, const char *ip)
{
    tw_ip a = ip_of(ip);
    const tw_ioc *m = tw_iocset_match_ip(s, &a);

    return m != NULL ? m->value : NULL;
}

static const char *match_cidr_value(const tw_iocset *s, const char *prefix)
{
    tw_cidr c = cidr_of(prefix);
    const tw_ioc *m = tw_iocset_match_cidr(s, &c);

    return m != NULL ? m->value : NULL;
}

/* Compares two strings either of which may be NULL. */
static void assert_str_or_null(const char *got, const char *want)
{
    assert_true((got == NULL) == (want == NULL));
    assert_string_equal(got != NULL ? got : "", want != NULL ? want : "");
}

static int setup_builtin(void **state)
{
    tw_iocset *s = tw_iocset_new();

    assert_non_null(s);
    assert_int_equal(tw_iocset_add_builtin(s), TW_OK);
    assert_int_equal(tw_iocset_finish(s), TW_OK);
    *state = s;
    return 0;
}

/* A hand-made set of nested prefixes and hosts. */
static const struct {
    const char *prefix;
    const char *description;
} custom_iocs[] = {
    {"10.0.0.0/8", "eight"}, {"10.1.0.0/16", "sixteen"},        {"10.1.2.0/24", "twentyfour"},
    {"10.1.2.3", "host"},    {"2001:db8::/32", "v6-32"},        {"2001:db8:1::/48", "v6-48"},
    {"1.1.1.1", "one"},      {"45.61.133.77", "advisory-like"}, {"172.16.5.9/12", "host bits"},
};

static int setup_custom(void **state)
{
    tw_iocset *s = tw_iocset_new();

    assert_non_null(s);
    for (size_t i = 0; i < N(custom_iocs); i++) {
        tw_ioc meta = {.cidr = cidr_of(custom_iocs[i].prefix),
                       .description = custom_iocs[i].description,
                       .source = "test"};
        assert_int_equal(tw_iocset_add(s, &meta), TW_OK);
    }
    assert_int_equal(tw_iocset_finish(s), TW_OK);
    *state = s;
    return 0;
}

static int teardown_set(void **state)
{
    tw_iocset_free(*state);
    return 0;
}

static size_t count_family(const tw_iocset *s, uint8_t family)
{
    size_t n = 0;

    for (size_t i = 0; i < tw_iocset_count(s); i++)
        n += tw_iocset_at(s, i)->cidr.addr.family == family;
    return n;
}

static void test_builtin_counts(void **state)
{
    const tw_iocset *s = *state;

    /* 87 IPv4 + 2 IPv6 addresses and 17 file names and hashes */
    assert_int_equal(tw_iocset_count(s), 106);
    assert_int_equal(count_family(s, 4), 87);
    assert_int_equal(count_family(s, 6), 2);
    assert_null(tw_iocset_at(s, 106));
}

static const struct {
    const char *ip;
    const char *country, *asn, *date, *desc_part;
} builtin_meta[] = {
    {"167.88.164.166", NULL, NULL, "2024-08-12", "Cobalt Strike"},
    {"59.148.233.250", "HK", "AS9269", "2024-04-17", "actor infrastructure"},
    {"45.125.67.144", NULL, NULL, "2024-10-11", "GhostSpider"},
    {"167.88.175.175", "US", "AS46261", "2025-01-16", "Demodex"},
    {"146.70.79.81", "HK", "AS9009", "2024-05-14", "Exfiltration"},
    {"45.146.120.210", "US", "AS9009", "2024-11-21", "C2"},
    {"45.59.120.171", "US", NULL, "2025-08-26", "actor infrastructure"},
    {"89.117.1.147", "LT", "AS7018", "2024-10-09", "actor infrastructure"},
    {"212.236.17.237", "AT", "AS8245", "2025-08-26", "actor infrastructure"},
    {"2001:41d0:700:65dc::f656:929f", NULL, NULL, "2025-08-26", "actor infrastructure"},
    {"2a10:1fc0:7::f19c:39b3", NULL, NULL, "2025-08-26", "actor infrastructure"},
};

static void test_builtin_metadata(void **state)
{
    const tw_iocset *s = *state;

    for (size_t i = 0; i < N(builtin_meta); i++) {
        tw_ip a = ip_of(builtin_meta[i].ip);
        const tw_ioc *m = tw_iocset_match_ip(s, &a);
        assert_non_null(m);
        assert_string_equal(m->value, builtin_meta[i].ip);
        assert_str_or_null(m->country, builtin_meta[i].country);
        assert_str_or_null(m->asn, builtin_meta[i].asn);
        assert_str_or_null(m->date, builtin_meta[i].date);
        assert_non_null(strstr(m->description, builtin_meta[i].desc_part));
        assert_string_equal(m->source, "AA25-239A");
    }
}

/* Whole-address matching against the built-in set: near misses never match. */
static const struct {
    const char *ip;
    const char *want;
} builtin_matches[] = {
    {"45.61.133.77", "45.61.133.77"},
    {"45.61.133.7", NULL},
    {"10.45.61.133", NULL},
    {"145.61.133.77", NULL},
    {"45.61.133.78", NULL},
    {"45.61.133.79", "45.61.133.79"},
    {"1.222.84.29", "1.222.84.29"},
    {"11.222.84.29", NULL},
    {"1.222.84.2", NULL},
    {"1.222.84.0", NULL},
    {"::ffff:45.61.133.77", "45.61.133.77"},
    {"::ffff:2d3d:854d", "45.61.133.77"},
    {"2001:41d0:700:65dc::f656:929f", "2001:41d0:700:65dc::f656:929f"},
    {"2001:41d0:700:65dc:0:0:f656:929f", "2001:41d0:700:65dc::f656:929f"},
    {"2001:41D0:0700:65DC:0000:0000:F656:929F", "2001:41d0:700:65dc::f656:929f"},
    {"2a10:1fc0:7:0:0:0:f19c:39b3", "2a10:1fc0:7::f19c:39b3"},
    {"2a10:1fc0:7::f19c:39b4", NULL},
    {"2a10:1fc0::7:f19c:39b3", NULL},
    {"::45.61.133.77", NULL},
};

static void test_builtin_whole_address(void **state)
{
    for (size_t i = 0; i < N(builtin_matches); i++)
        assert_str_or_null(match_value(*state, builtin_matches[i].ip), builtin_matches[i].want);
}

static const char *const unparsable[] = {"45.61.133.777", "045.61.133.77", "45.61.133",
                                         "45.61.133.77.1"};

static void test_near_miss_text_does_not_parse(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(unparsable); i++) {
        tw_ip ip;
        assert_int_not_equal(tw_ip_parse(tw_str_c(unparsable[i]), 0, &ip), TW_OK);
    }
}

/* A caller-built IPv6 address that carries a mapped IPv4 indicator. */
static void test_mapped_ip_struct(void **state)
{
    tw_ip a = {.family = 6, .bytes = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 45, 61, 133, 77}};
    tw_cidr c = {a, 127};
    const tw_ioc *m = tw_iocset_match_ip(*state, &a);

    assert_non_null(m);
    assert_string_equal(m->value, "45.61.133.77");
    m = tw_iocset_match_cidr(*state, &c);
    assert_non_null(m);
    assert_string_equal(m->value, "45.61.133.77");
}

static const struct {
    const char *ip;
    const char *want_desc;
} custom_matches[] = {
    {"10.1.2.3", "host"},    {"10.1.2.4", "twentyfour"},  {"10.1.3.1", "sixteen"},
    {"10.2.0.0", "eight"},   {"10.255.255.255", "eight"}, {"11.0.0.1", NULL},
    {"9.255.255.255", NULL}, {"2001:db8:1::5", "v6-48"},  {"2001:db8:2::", "v6-32"},
    {"2001:db9::", NULL},    {"1.1.1.1", "one"},          {"11.1.1.10", NULL},
    {"1.1.1.10", NULL},      {"1.1.1.11", NULL},          {"172.31.0.1", "host bits"},
    {"172.32.0.1", NULL},    {"::ffff:10.1.2.3", "host"},
};

static void test_longest_prefix(void **state)
{
    for (size_t i = 0; i < N(custom_matches); i++) {
        tw_ip a = ip_of(custom_matches[i].ip);
        const tw_ioc *m = tw_iocset_match_ip(*state, &a);
        assert_str_or_null(m != NULL ? m->description : NULL, custom_matches[i].want_desc);
    }
}

static void test_value_normalised(void **state)
{
    assert_string_equal(match_value(*state, "172.20.0.0"), "172.16.0.0/12");
    assert_string_equal(match_value(*state, "10.9.9.9"), "10.0.0.0/8");
    assert_string_equal(match_value(*state, "2001:db8:ffff::1"), "2001:db8::/32");
}

static const struct {
    const char *prefix;
    const char *want;
} builtin_cidrs[] = {
    {"45.61.133.0/24", "45.61.133.31"},
    {"45.61.133.64/28", "45.61.133.77"},
    {"45.61.133.77/32", "45.61.133.77"},
    {"45.61.133.76/31", "45.61.133.77"},
    {"45.61.133.0/25", "45.61.133.31"},
    {"45.61.133.160/27", NULL},
    {"45.61.0.0/16", NULL},
    {"45.61.133.0/23", NULL},
    {"45.0.0.0/8", NULL},
    {"0.0.0.0/0", NULL},
    {"1.222.84.0/24", "1.222.84.29"},
    {"2001:41d0:700::/48", "2001:41d0:700:65dc::f656:929f"},
    {"2001:41d0:700:65dc::/64", "2001:41d0:700:65dc::f656:929f"},
    {"2001:41d0::/32", NULL},
    {"2001:41d0:700::/47", NULL},
    {"::ffff:45.61.133.0/120", "45.61.133.31"},
};

static void test_match_cidr_builtin(void **state)
{
    for (size_t i = 0; i < N(builtin_cidrs); i++)
        assert_str_or_null(match_cidr_value(*state, builtin_cidrs[i].prefix),
                           builtin_cidrs[i].want);
}

static const struct {
    const char *prefix;
    const char *want;
} custom_cidrs[] = {
    {"10.0.0.0/8", "10.0.0.0/8"},
    {"10.5.0.0/16", "10.0.0.0/8"},
    {"10.1.0.0/16", "10.1.0.0/16"},
    {"10.1.2.0/25", "10.1.2.0/24"},
    {"10.1.2.3/32", "10.1.2.3"},
    {"10.0.0.0/7", NULL},
    {"1.1.1.0/24", "1.1.1.1"},
    {"1.1.0.0/16", NULL},
    {"11.1.1.0/24", NULL},
    {"2001:db8:1:2::/64", "2001:db8:1::/48"},
    {"2001:db8::/31", NULL},
    {"2001:db8::/32", "2001:db8::/32"},
    {"45.61.133.0/24", "45.61.133.77"},
};

static void test_match_cidr_prefixes(void **state)
{
    for (size_t i = 0; i < N(custom_cidrs); i++)
        assert_str_or_null(match_cidr_value(*state, custom_cidrs[i].prefix), custom_cidrs[i].want);
}

static void test_address_order(void **state)
{
    static const char *const order[] = {"1.1.1.1",       "10.0.0.0/8",    "10.1.0.0/16",
                                        "10.1.2.0/24",   "10.1.2.3",      "45.61.133.77",
                                        "172.16.0.0/12", "2001:db8::/32", "2001:db8:1::/48"};

    assert_int_equal(tw_iocset_count(*state), N(order));
    for (size_t i = 0; i < N(order); i++)
        assert_string_equal(tw_iocset_at(*state, i)->value, order[i]);
}

static void test_duplicate_keeps_first(void **state)
{
    tw_iocset *s = tw_iocset_new();
    tw_ioc first = {.cidr = cidr_of("192.0.2.1"), .description = "first", .country = "US"};
    tw_ioc second = {.cidr = cidr_of("::ffff:192.0.2.1"), .description = "second"};

    (void)state;
    assert_int_equal(tw_iocset_add(s, &first), TW_OK);
    assert_int_equal(tw_iocset_add(s, &second), TW_OK);
    assert_int_equal(tw_iocset_add_builtin(s), TW_OK);
    assert_int_equal(tw_iocset_add_builtin(s), TW_OK);
    assert_int_equal(tw_iocset_finish(s), TW_OK);
    assert_int_equal(tw_iocset_count(s), 107);
    assert_string_equal(tw_iocset_match_ip(s, &first.cidr.addr)->description, "first");
    assert_string_equal(tw_iocset_match_ip(s, &first.cidr.addr)->country, "US");
    tw_iocset_free(s);
}

static void test_misuse(void **state)
{
    tw_iocset *s = tw_iocset_new();
    tw_ioc bad_family = {.cidr = {.addr = {.family = 5}, .plen = 8}};
    tw_ioc bad_plen = {.cidr = {.addr = {.family = 4}, .plen = 33}};
    tw_ioc good = {.cidr = cidr_of("192.0.2.1")};

    (void)state;
    assert_int_equal(tw_iocset_add(s, &bad_family), TW_EINVAL);
    assert_int_equal(tw_iocset_add(s, &bad_plen), TW_EINVAL);
    assert_int_equal(tw_iocset_add(s, NULL), TW_EINVAL);
    assert_int_equal(tw_iocset_add(s, &good), TW_OK);
    assert_null(tw_iocset_match_ip(s, &good.cidr.addr));
    assert_null(tw_iocset_at(s, 0));
    assert_int_equal(tw_iocset_finish(s), TW_OK);
    assert_int_equal(tw_iocset_finish(s), TW_OK);
    assert_int_equal(tw_iocset_add(s, &good), TW_EINVAL);
    assert_non_null(tw_iocset_match_ip(s, &good.cidr.addr));
    assert_null(tw_iocset_match_ip(NULL, &good.cidr.addr));
    assert_null(tw_iocset_match_cidr(s, NULL));
    assert_int_equal(tw_iocset_count(s), 1);
    tw_iocset_free(s);
    tw_iocset_free(NULL);
}

static void test_empty_set(void **state)
{
    tw_iocset *s = tw_iocset_new();
    tw_ip a = ip_of("1.2.3.4");
    tw_cidr c = cidr_of("1.2.3.0/24");

    (void)state;
    assert_int_equal(tw_iocset_finish(s), TW_OK);
    assert_null(tw_iocset_match_ip(s, &a));
    assert_null(tw_iocset_match_cidr(s, &c));
    assert_int_equal(tw_iocset_count(s), 0);
    tw_iocset_free(s);
}

/* Many indicators: the tables grow and every one is still found. */
static void test_many(void **state)
{
    tw_iocset *s = tw_iocset_new();
    size_t found = 0;

    (void)state;
    for (uint32_t i = 0; i < 50000; i++) {
        tw_ioc m = {
            .cidr = {.addr = {.family = 4,
                              .bytes = {100, (uint8_t)(i >> 16), (uint8_t)(i >> 8), (uint8_t)i}},
                     .plen = 32}};
        assert_int_equal(tw_iocset_add(s, &m), TW_OK);
    }
    assert_int_equal(tw_iocset_finish(s), TW_OK);
    for (uint32_t i = 0; i < 50000; i++) {
        tw_ip a = {.family = 4, .bytes = {100, (uint8_t)(i >> 16), (uint8_t)(i >> 8), (uint8_t)i}};
        found += tw_iocset_match_ip(s, &a) != NULL;
    }
    assert_int_equal(found, 50000);
    assert_null(tw_iocset_match_ip(s, &(tw_ip){.family = 4, .bytes = {100, 1, 0, 0}}));
    assert_string_equal(match_cidr_value(s, "100.0.195.0/24"), "100.0.195.0");
    tw_iocset_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_builtin_counts, setup_builtin, teardown_set),
        cmocka_unit_test_setup_teardown(test_builtin_metadata, setup_builtin, teardown_set),
        cmocka_unit_test_setup_teardown(test_builtin_whole_address, setup_builtin, teardown_set),
        cmocka_unit_test(test_near_miss_text_does_not_parse),
        cmocka_unit_test_setup_teardown(test_mapped_ip_struct, setup_builtin, teardown_set),
        cmocka_unit_test_setup_teardown(test_longest_prefix, setup_custom, teardown_set),
        cmocka_unit_test_setup_teardown(test_value_normalised, setup_custom, teardown_set),
        cmocka_unit_test_setup_teardown(test_match_cidr_builtin, setup_builtin, teardown_set),
        cmocka_unit_test_setup_teardown(test_match_cidr_prefixes, setup_custom, teardown_set),
        cmocka_unit_test_setup_teardown(test_address_order, setup_custom, teardown_set),
        cmocka_unit_test(test_duplicate_keeps_first),
        cmocka_unit_test(test_misuse),
        cmocka_unit_test(test_empty_set),
        cmocka_unit_test(test_many),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
