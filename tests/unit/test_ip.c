/*
 * test_ip.c: unit tests for addresses and prefixes (lib/core/ip.c).
 *
 * Parsing (IPv4, every IPv6 form, v4-mapped folding, leading zeros, zone
 * ids, defanged indicator text), prefixes and masks, RFC 5952 formatting,
 * containment and overlap, and classification.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/ip.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static tw_ip ip_of(const char *text)
{
    tw_ip ip;
    memset(&ip, 0, sizeof(ip));
    assert_int_equal(tw_ip_parse(tw_str_c(text), 0, &ip), TW_OK);
    return ip;
}

static tw_cidr cidr_of(const char *text)
{
    tw_cidr c;
    memset(&c, 0, sizeof(c));
    assert_int_equal(tw_cidr_parse(tw_str_c(text), 0, &c), TW_OK);
    return c;
}

/* Accepted input, flags, family and formatted form. */
static const struct {
    const char *in;
    unsigned flags;
    int family;
    const char *text;
} parse_ok[] = {
    {"45.61.133.77", 0, 4, "45.61.133.77"},
    {"0.0.0.0", 0, 4, "0.0.0.0"},
    {"255.255.255.255", 0, 4, "255.255.255.255"},
    {"10.0.0.0", 0, 4, "10.0.0.0"},
    {"2001:db8::1", 0, 6, "2001:db8::1"},
    {"2001:0DB8:0000:0000:0000:0000:0000:0001", 0, 6, "2001:db8::1"},
    {"2001:db8:0:0:1:0:0:1", 0, 6, "2001:db8::1:0:0:1"},
    {"2001:db8:0:1:1:1:1:1", 0, 6, "2001:db8:0:1:1:1:1:1"},
    {"2001:db8:0:0:1:1:1:1", 0, 6, "2001:db8::1:1:1:1"},
    {"fe80:0:0:0:0:0:0:0", 0, 6, "fe80::"},
    {"::", 0, 6, "::"},
    {"::1", 0, 6, "::1"},
    {"1::", 0, 6, "1::"},
    {"0:0:0:0:0:0:0:1", 0, 6, "::1"},
    {"1:0:0:2:0:0:0:3", 0, 6, "1:0:0:2::3"},
    {"::102:304", 0, 6, "::102:304"},
    {"64:ff9b::c000:221", 0, 6, "64:ff9b::c000:221"},
    {"::ffff:45.61.133.77", 0, 4, "45.61.133.77"},
    {"::FFFF:2d3d:854d", 0, 4, "45.61.133.77"},
    {"0:0:0:0:0:ffff:10.1.2.3", 0, 4, "10.1.2.3"},
    {"2001:db8::10.1.2.3", 0, 6, "2001:db8::a01:203"},
    {"45.61.133[.]77", TW_IP_DEFANG, 4, "45.61.133.77"},
    {"45[.]61[.]133[.]77", TW_IP_DEFANG, 4, "45.61.133.77"},
    {"45(.)61(.)133(.)77", TW_IP_DEFANG, 4, "45.61.133.77"},
    {"45{.}61{.}133{.}77", TW_IP_DEFANG, 4, "45.61.133.77"},
    {"45[dot]61[DOT]133[dot]77", TW_IP_DEFANG, 4, "45.61.133.77"},
    {"[45.61.133.77]", TW_IP_DEFANG, 4, "45.61.133.77"},
    {"[45.61.133[.]77]", TW_IP_DEFANG, 4, "45.61.133.77"},
    {"2001[:]db8[:][:]1", TW_IP_DEFANG, 6, "2001:db8::1"},
    {"[2001:db8::1]", TW_IP_DEFANG, 6, "2001:db8::1"},
    {"45.61.133.77", TW_IP_DEFANG, 4, "45.61.133.77"},
};

/* Rejected input and flags. */
static const struct {
    const char *in;
    unsigned flags;
} parse_bad[] = {
    {"", 0},
    {"010.1.1.1", 0},
    {"10.01.1.1", 0},
    {"10.1.1.00", 0},
    {"::ffff:010.1.1.1", 0},
    {"256.1.1.1", 0},
    {"1.2.3", 0},
    {"1.2.3.4.5", 0},
    {"1..2.3", 0},
    {"1.2.3.4.", 0},
    {" 1.2.3.4", 0},
    {"1.2.3.4 ", 0},
    {"0x1.2.3.4", 0},
    {"fe80::1%eth0", 0},
    {"fe80::1%", 0},
    {"1:2:3:4:5:6:7:8:9", 0},
    {"1::2::3", 0},
    {"12345::", 0},
    {":::", 0},
    {"g::1", 0},
    {"1.2.3.4/24", 0},
    {"hostname", 0},
    {"0000000000000000000000000000000000000000000000000000000000000000001.2.3.4", 0},
    {"45.61.133[.]77", 0},
    {"[45.61.133.77]", 0},
    {"45.61.133[,]77", TW_IP_DEFANG},
    {"45.61.133[.77", TW_IP_DEFANG},
    {"045[.]61[.]133[.]77", TW_IP_DEFANG},
    {"[]", TW_IP_DEFANG},
    {"[fe80::1%eth0]", TW_IP_DEFANG},
};

static void test_ip_parse_ok(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(parse_ok); i++) {
        tw_ip ip;
        char out[TW_IP_STRLEN] = "";
        print_message("case %zu: %s\n", i, parse_ok[i].in);
        assert_int_equal(tw_ip_parse(tw_str_c(parse_ok[i].in), parse_ok[i].flags, &ip), TW_OK);
        assert_int_equal(ip.family, parse_ok[i].family);
        assert_int_equal(tw_ip_format(&ip, out, sizeof(out)), strlen(parse_ok[i].text));
        assert_string_equal(out, parse_ok[i].text);
    }
}

static void test_ip_parse_bad(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(parse_bad); i++) {
        tw_ip ip, before;
        memset(&ip, 0x5a, sizeof(ip));
        before = ip;
        print_message("case %zu: %s\n", i, parse_bad[i].in);
        assert_int_equal(tw_ip_parse(tw_str_c(parse_bad[i].in), parse_bad[i].flags, &ip),
                         TW_EPARSE);
        assert_memory_equal(&ip, &before, sizeof(ip)); /* untouched on error */
    }
}

static void test_ip_parse_bounded(void **state)
{
    /* The view ends before the last octet's second digit. */
    const char text[] = "10.1.1.23";
    tw_ip ip;
    (void)state;
    assert_int_equal(tw_ip_parse(tw_str_make(text, 8), 0, &ip), TW_OK);
    assert_int_equal(ip.bytes[3], 2);
}

static void test_ip_v4_zero_tail(void **state)
{
    tw_ip ip = ip_of("::ffff:1.2.3.4");
    static const uint8_t want[16] = {1, 2, 3, 4};
    (void)state;
    assert_int_equal(ip.family, 4);
    assert_memory_equal(ip.bytes, want, 16);
}

static void test_ip_mapped_equality(void **state)
{
    tw_ip a = ip_of("::ffff:45.61.133.77"), b = ip_of("45.61.133.77");
    tw_ip c = ip_of("::ffff:2d3d:854d");
    (void)state;
    assert_true(tw_ip_eq(&a, &b));
    assert_true(tw_ip_eq(&a, &c));
    assert_int_equal(tw_ip_cmp(&a, &b), 0);
}

/* Whole-address semantics: no substring or prefix matches. */
static const struct {
    const char *a, *b;
    int cmp; /* sign of tw_ip_cmp(a, b) */
} cmp_cases[] = {
    {"10.45.61.133", "45.61.133.7", -1},
    {"45.61.133.7", "45.61.133.77", -1},
    {"45.61.133.77", "45.61.133.7", 1},
    {"1.2.3.4", "::1", -1},
    {"::1", "1.2.3.4", 1},
    {"2001:db8::1", "2001:db8::2", -1},
    {"2001:db8::1", "2001:DB8:0::1", 0},
};

static void test_ip_cmp(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(cmp_cases); i++) {
        tw_ip a = ip_of(cmp_cases[i].a), b = ip_of(cmp_cases[i].b);
        int c = tw_ip_cmp(&a, &b);
        assert_int_equal((c > 0) - (c < 0), cmp_cases[i].cmp);
        assert_int_equal(tw_ip_eq(&a, &b), cmp_cases[i].cmp == 0);
    }
}

static const struct {
    const char *in;
    unsigned flags;
    int family, plen;
    const char *text;
} cidr_ok[] = {
    {"10.0.0.0/8", 0, 4, 8, "10.0.0.0/8"},
    {"10.1.2.3/8", 0, 4, 8, "10.0.0.0/8"},
    {"192.168.1.77/28", 0, 4, 28, "192.168.1.64/28"},
    {"45.61.133.77", 0, 4, 32, "45.61.133.77"},
    {"45.61.133.77/32", 0, 4, 32, "45.61.133.77"},
    {"0.0.0.0/0", 0, 4, 0, "0.0.0.0/0"},
    {"255.255.255.255/1", 0, 4, 1, "128.0.0.0/1"},
    {"2001:db8::1/32", 0, 6, 32, "2001:db8::/32"},
    {"2001:db8:ffff::/33", 0, 6, 33, "2001:db8:8000::/33"},
    {"::1", 0, 6, 128, "::1"},
    {"::/0", 0, 6, 0, "::/0"},
    {"fe80::1/10", 0, 6, 10, "fe80::/10"},
    {"::ffff:10.0.0.0/104", 0, 4, 8, "10.0.0.0/8"},
    {"::ffff:10.1.2.3", 0, 4, 32, "10.1.2.3"},
    {"::ffff:0:0/80", 0, 6, 80, "::/80"},
    {"45.61.133[.]0/24", TW_IP_DEFANG, 4, 24, "45.61.133.0/24"},
    {"[45.61.133[.]0/24]", TW_IP_DEFANG, 4, 24, "45.61.133.0/24"},
    {"[2001:db8::/32]", TW_IP_DEFANG, 6, 32, "2001:db8::/32"},
};

static const char *const cidr_bad[] = {
    "[10.0.0.0/8]", /* brackets only with TW_IP_DEFANG */
    "10.0.0.0/33",  "2001:db8::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/08",
    "10.0.0.0/8/8", "10.0.0.0/ 8",    "/8",        "010.0.0.0/8", "",
};

static void test_cidr_parse_ok(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(cidr_ok); i++) {
        tw_cidr c;
        char out[TW_IP_STRLEN] = "";
        print_message("case %zu: %s\n", i, cidr_ok[i].in);
        assert_int_equal(tw_cidr_parse(tw_str_c(cidr_ok[i].in), cidr_ok[i].flags, &c), TW_OK);
        assert_int_equal(c.addr.family, cidr_ok[i].family);
        assert_int_equal(c.plen, cidr_ok[i].plen);
        assert_int_equal(tw_cidr_format(&c, out, sizeof(out)), strlen(cidr_ok[i].text));
        assert_string_equal(out, cidr_ok[i].text);
    }
}

static void test_cidr_parse_bad(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(cidr_bad); i++) {
        tw_cidr c;
        print_message("case %zu: %s\n", i, cidr_bad[i]);
        assert_int_equal(tw_cidr_parse(tw_str_c(cidr_bad[i]), 0, &c), TW_EPARSE);
    }
}

/* Address, netmask or wildcard, and the prefix they make. */
static const struct {
    const char *addr, *mask;
    bool wildcard;
    const char *text;
} mask_ok[] = {
    {"10.1.2.3", "255.255.255.0", false, "10.1.2.0/24"},
    {"10.1.2.3", "0.0.0.255", true, "10.1.2.0/24"},
    {"10.1.2.3", "0.0.0.0", true, "10.1.2.3"},
    {"10.1.2.3", "255.255.255.255", false, "10.1.2.3"},
    {"10.1.2.3", "255.255.255.255", true, "0.0.0.0/0"},
    {"10.1.2.3", "0.0.0.0", false, "0.0.0.0/0"},
    {"172.16.5.4", "255.240.0.0", false, "172.16.0.0/12"},
    {"172.16.5.4", "0.15.255.255", true, "172.16.0.0/12"},
    {"192.168.1.130", "255.255.255.128", false, "192.168.1.128/25"},
    {"10.1.2.3", "0.0.0.3", true, "10.1.2.0/30"},
};

/* Non-contiguous masks (TW_EPARSE) and IPv6 operands (TW_EINVAL). */
static const struct {
    const char *addr, *mask;
    bool wildcard;
    tw_err rc;
} mask_bad[] = {
    {"10.1.2.3", "255.0.255.0", false, TW_EPARSE},
    {"10.1.2.3", "0.255.0.255", true, TW_EPARSE},
    {"10.1.2.3", "0.0.0.254", true, TW_EPARSE},
    {"10.1.2.3", "255.255.255.1", false, TW_EPARSE},
    {"10.1.2.3", "128.0.0.1", false, TW_EPARSE},
    {"2001:db8::", "255.255.255.0", false, TW_EINVAL},
    {"10.1.2.3", "ffff::", false, TW_EINVAL},
};

static void test_cidr_from_mask_ok(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(mask_ok); i++) {
        tw_ip a = ip_of(mask_ok[i].addr), m = ip_of(mask_ok[i].mask);
        tw_cidr c;
        char out[TW_IP_STRLEN] = "";
        print_message("case %zu: %s %s\n", i, mask_ok[i].addr, mask_ok[i].mask);
        assert_int_equal(tw_cidr_from_mask(&a, &m, mask_ok[i].wildcard, &c), TW_OK);
        tw_cidr_format(&c, out, sizeof(out));
        assert_string_equal(out, mask_ok[i].text);
    }
}

static void test_cidr_from_mask_bad(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(mask_bad); i++) {
        tw_ip a = ip_of(mask_bad[i].addr), m = ip_of(mask_bad[i].mask);
        tw_cidr c;
        assert_int_equal(tw_cidr_from_mask(&a, &m, mask_bad[i].wildcard, &c), mask_bad[i].rc);
    }
}

static void test_cidr_host(void **state)
{
    tw_ip v4 = ip_of("1.2.3.4"), v6 = ip_of("2001:db8::7");
    tw_cidr a = tw_cidr_host(&v4), b = tw_cidr_host(&v6);
    (void)state;
    assert_int_equal(a.plen, 32);
    assert_int_equal(b.plen, 128);
    assert_true(tw_cidr_is_host(&a));
    assert_true(tw_cidr_is_host(&b));
    assert_true(tw_ip_eq(&a.addr, &v4));
    assert_true(tw_ip_eq(&b.addr, &v6));
}

static const struct {
    const char *net, *ip;
    bool in;
} contains_cases[] = {
    {"10.0.0.0/8", "10.45.61.133", true},
    {"10.0.0.0/8", "11.0.0.0", false},
    {"10.0.0.0/8", "9.255.255.255", false},
    {"45.61.133.7", "45.61.133.7", true},
    {"45.61.133.7", "45.61.133.77", false},
    {"45.61.133.7", "10.45.61.133", false},
    {"0.0.0.0/0", "203.0.113.9", true},
    {"0.0.0.0/0", "::1", false},
    {"::/0", "1.2.3.4", false},
    {"::/0", "2001:db8::1", true},
    {"2001:db8::/32", "2001:db8:ffff::1", true},
    {"2001:db8::/32", "2001:db9::1", false},
    {"192.168.1.64/28", "192.168.1.79", true},
    {"192.168.1.64/28", "192.168.1.80", false},
    {"2001:db8::/33", "2001:db8:7fff::", true},
    {"2001:db8::/33", "2001:db8:8000::", false},
    {"10.0.0.0/8", "::ffff:10.9.9.9", true},
};

static void test_cidr_contains(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(contains_cases); i++) {
        tw_cidr net = cidr_of(contains_cases[i].net);
        tw_ip ip = ip_of(contains_cases[i].ip);
        assert_int_equal(tw_cidr_contains(&net, &ip), contains_cases[i].in);
    }
}

static const struct {
    const char *a, *b;
    bool overlap;
} overlap_cases[] = {
    {"10.0.0.0/8", "10.1.0.0/16", true},
    {"10.1.0.0/16", "10.0.0.0/8", true},
    {"10.0.0.0/8", "11.0.0.0/8", false},
    {"10.0.0.0/9", "10.128.0.0/9", false},
    {"0.0.0.0/0", "1.2.3.4", true},
    {"1.2.3.4", "1.2.3.4", true},
    {"1.2.3.4", "1.2.3.5", false},
    {"::/0", "0.0.0.0/0", false},
    {"2001:db8::/32", "2001:db8:1::/48", true},
    {"2001:db8::/48", "2001:db8:1::/48", false},
};

static void test_cidr_overlaps(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(overlap_cases); i++) {
        tw_cidr a = cidr_of(overlap_cases[i].a), b = cidr_of(overlap_cases[i].b);
        assert_int_equal(tw_cidr_overlaps(&a, &b), overlap_cases[i].overlap);
        assert_int_equal(tw_cidr_overlaps(&b, &a), overlap_cases[i].overlap);
    }
}

static const struct {
    const char *ip;
    tw_ip_class cls;
    const char *name;
} class_cases[] = {
    {"45.61.133.77", TW_IPC_PUBLIC, "public"},
    {"8.8.8.8", TW_IPC_PUBLIC, "public"},
    {"2606:4700::1111", TW_IPC_PUBLIC, "public"},
    {"10.45.61.133", TW_IPC_PRIVATE, "private"},
    {"172.16.0.1", TW_IPC_PRIVATE, "private"},
    {"172.31.255.255", TW_IPC_PRIVATE, "private"},
    {"172.32.0.1", TW_IPC_PUBLIC, "public"},
    {"192.168.0.1", TW_IPC_PRIVATE, "private"},
    {"fd00::1", TW_IPC_PRIVATE, "private"},
    {"fc00::1", TW_IPC_PRIVATE, "private"},
    {"100.64.0.1", TW_IPC_CGNAT, "cgnat"},
    {"100.127.255.255", TW_IPC_CGNAT, "cgnat"},
    {"100.128.0.1", TW_IPC_PUBLIC, "public"},
    {"127.0.0.1", TW_IPC_LOOPBACK, "loopback"},
    {"::1", TW_IPC_LOOPBACK, "loopback"},
    {"169.254.1.1", TW_IPC_LINKLOCAL, "link-local"},
    {"fe80::1", TW_IPC_LINKLOCAL, "link-local"},
    {"febf::1", TW_IPC_LINKLOCAL, "link-local"},
    {"192.0.2.10", TW_IPC_DOCUMENTATION, "documentation"},
    {"198.51.100.10", TW_IPC_DOCUMENTATION, "documentation"},
    {"203.0.113.10", TW_IPC_DOCUMENTATION, "documentation"},
    {"2001:db8::1", TW_IPC_DOCUMENTATION, "documentation"},
    {"198.18.0.1", TW_IPC_BENCHMARK, "benchmark"},
    {"198.19.255.255", TW_IPC_BENCHMARK, "benchmark"},
    {"198.20.0.1", TW_IPC_PUBLIC, "public"},
    {"224.0.0.5", TW_IPC_MULTICAST, "multicast"},
    {"239.255.255.250", TW_IPC_MULTICAST, "multicast"},
    {"ff02::1", TW_IPC_MULTICAST, "multicast"},
    {"0.0.0.0", TW_IPC_UNSPECIFIED, "unspecified"},
    {"0.1.2.3", TW_IPC_UNSPECIFIED, "unspecified"},
    {"::", TW_IPC_UNSPECIFIED, "unspecified"},
    {"240.0.0.1", TW_IPC_RESERVED, "reserved"},
    {"255.255.255.255", TW_IPC_RESERVED, "reserved"},
    {"192.0.0.9", TW_IPC_RESERVED, "reserved"},
    {"::ffff:10.1.1.1", TW_IPC_PRIVATE, "private"},
};

static void test_ip_classify(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(class_cases); i++) {
        tw_ip ip = ip_of(class_cases[i].ip);
        print_message("case %zu: %s\n", i, class_cases[i].ip);
        assert_int_equal(tw_ip_classify(&ip), class_cases[i].cls);
        assert_int_equal(tw_ip_is_public(&ip), class_cases[i].cls == TW_IPC_PUBLIC);
        assert_string_equal(tw_ip_class_name(class_cases[i].cls), class_cases[i].name);
    }
    assert_string_equal(tw_ip_class_name((tw_ip_class)99), "?");
}

static void test_ip_format_small_cap(void **state)
{
    tw_ip ip = ip_of("2001:db8:1:2:3:4:5:6");
    tw_cidr c = cidr_of("192.168.100.0/24");
    char out[8];
    (void)state;
    memset(out, 'X', sizeof(out));
    assert_int_equal(tw_ip_format(&ip, out, 8), 7);
    assert_string_equal(out, "2001:db");
    assert_int_equal(tw_cidr_format(&c, out, 8), 7);
    assert_string_equal(out, "192.168");
}

static void test_ip_strlen_fits(void **state)
{
    tw_cidr c = cidr_of("1:2:3:4:5:6:7:0/127");
    tw_ip m = ip_of("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");
    char out[TW_IP_STRLEN];
    (void)state;
    assert_int_equal(tw_cidr_format(&c, out, sizeof(out)), strlen("1:2:3:4:5:6:7:0/127"));
    assert_string_equal(out, "1:2:3:4:5:6:7:0/127");
    assert_int_equal(tw_ip_format(&m, out, sizeof(out)), 39);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_ip_parse_ok),         cmocka_unit_test(test_ip_parse_bad),
        cmocka_unit_test(test_ip_parse_bounded),    cmocka_unit_test(test_ip_v4_zero_tail),
        cmocka_unit_test(test_ip_mapped_equality),  cmocka_unit_test(test_ip_cmp),
        cmocka_unit_test(test_cidr_parse_ok),       cmocka_unit_test(test_cidr_parse_bad),
        cmocka_unit_test(test_cidr_from_mask_ok),   cmocka_unit_test(test_cidr_from_mask_bad),
        cmocka_unit_test(test_cidr_host),           cmocka_unit_test(test_cidr_contains),
        cmocka_unit_test(test_cidr_overlaps),       cmocka_unit_test(test_ip_classify),
        cmocka_unit_test(test_ip_format_small_cap), cmocka_unit_test(test_ip_strlen_fits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
