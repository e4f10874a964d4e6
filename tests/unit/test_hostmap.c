/*
 * test_hostmap.c: unit tests for the address-to-device map
 * (lib/core/hostmap.c): lookups after finish, addresses two devices claim,
 * the same device twice, IPv4 against IPv6, and a NULL or empty map.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/hostmap.h"

static tw_ip ip_of(const char *text)
{
    tw_ip ip;

    memset(&ip, 0, sizeof(ip));
    assert_int_equal(tw_ip_parse(tw_str_c(text), 0, &ip), TW_OK);
    return ip;
}

static void add(tw_hostmap *m, const char *ip, const char *host)
{
    tw_ip a = ip_of(ip);

    assert_int_equal(tw_hostmap_add(m, &a, host), TW_OK);
}

static const char *find(const tw_hostmap *m, const char *ip)
{
    tw_ip a = ip_of(ip);

    return tw_hostmap_find(m, &a);
}

static void test_lookups(void **state)
{
    tw_hostmap *m = tw_hostmap_new();

    (void)state;
    assert_non_null(m);
    /* added out of order, so that finish has to sort */
    add(m, "10.250.3.21", "nw-pe1-lon");
    add(m, "10.0.0.1", "nw-p1");
    add(m, "2001:db8::1", "nw-pe1-lon");
    add(m, "10.250.3.22", "nw-pe2-lon");
    add(m, "192.168.0.1", "nw-a"); /* a virtual gateway both claim: nobody's */
    add(m, "192.168.0.1", "nw-b");
    add(m, "10.9.9.9", "nw-c"); /* the same device twice, case aside: still its */
    add(m, "10.9.9.9", "NW-C");
    tw_hostmap_finish(m);
    assert_string_equal(find(m, "10.250.3.21"), "nw-pe1-lon");
    assert_string_equal(find(m, "10.250.3.22"), "nw-pe2-lon");
    assert_string_equal(find(m, "10.0.0.1"), "nw-p1");
    assert_string_equal(find(m, "2001:db8::1"), "nw-pe1-lon");
    assert_string_equal(find(m, "10.9.9.9"), "nw-c");
    assert_null(find(m, "192.168.0.1"));
    assert_null(find(m, "10.250.3.23"));
    assert_null(find(m, "::ffff:10.0.0.2"));
    assert_null(find(m, "2001:db8::2"));
    assert_int_equal(tw_hostmap_count(m), 5);
    tw_hostmap_free(m);
}

/* Many addresses: every one found after the sort, none invented. */
static void test_many(void **state)
{
    tw_hostmap *m = tw_hostmap_new();
    char ip[32], host[32];

    (void)state;
    for (int i = 999; i >= 0; i--) {
        snprintf(ip, sizeof(ip), "10.%d.%d.1", i / 256, i % 256);
        snprintf(host, sizeof(host), "r%d", i);
        add(m, ip, host);
    }
    tw_hostmap_finish(m);
    for (int i = 0; i < 1000; i++) {
        snprintf(ip, sizeof(ip), "10.%d.%d.1", i / 256, i % 256);
        snprintf(host, sizeof(host), "r%d", i);
        assert_string_equal(find(m, ip), host);
    }
    assert_null(find(m, "10.0.0.2"));
    assert_int_equal(tw_hostmap_count(m), 1000);
    tw_hostmap_free(m);
}

static void test_empty(void **state)
{
    tw_hostmap *m = tw_hostmap_new();

    (void)state;
    assert_null(find(NULL, "10.0.0.1"));
    tw_hostmap_finish(m);
    assert_null(find(m, "10.0.0.1"));
    assert_int_equal(tw_hostmap_count(m), 0);
    assert_int_equal(tw_hostmap_count(NULL), 0);
    tw_hostmap_free(m);
    tw_hostmap_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookups),
        cmocka_unit_test(test_many),
        cmocka_unit_test(test_empty),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
