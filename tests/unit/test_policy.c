/*
 * test_policy.c: the site policy (policy.h): loading, its errors at
 * file:line:column, and the lookups rules make.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/policy.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const char good[] = "# approved\n"                        /* 1 */
                           "aaa_servers: [10.0.0.5, 10.9.0.0/16]\n" /* 2 */
                           "local_users:\n"                       /* 3 */
                           "  - netops\n"                         /* 4 */
                           "  - BreakGlass\n"                     /* 5 */
                           "ssh_ports: [22, 830]\n"               /* 6 */
                           "tunnel_peers: []\n"                   /* 7 */
                           "ntp_servers:\n"                       /* 8 */
                           "management_networks: [2001:db8::/32]\n";

static tw_policy *load(const char *text, tw_err want, tw_diags *d)
{
    tw_policy *p = tw_policy_new();

    assert_non_null(p);
    tw_diags_init(d);
    assert_int_equal(tw_policy_load(p, "p.yaml", text, strlen(text), d), want);
    return p;
}

static bool has_addr(const tw_policy *p, const char *list, const char *addr)
{
    tw_cidr a;

    assert_int_equal(tw_cidr_parse(tw_str_c(addr), 0, &a), TW_OK);
    return tw_policy_has_addr(p, list, &a);
}

static void test_lookups(void **state)
{
    tw_diags d;
    tw_policy *p = load(good, TW_OK, &d);

    (void)state;
    assert_int_equal(d.n, 0);
    assert_true(tw_policy_has(p, "aaa_servers"));
    assert_true(tw_policy_has(p, "tunnel_peers")); /* given, empty */
    assert_true(tw_policy_has(p, "ntp_servers"));  /* given as null */
    assert_false(tw_policy_has(p, "logging_hosts"));
    assert_false(tw_policy_has(p, "no_such_list"));
    assert_false(tw_policy_has(NULL, "aaa_servers"));
    assert_true(has_addr(p, "aaa_servers", "10.0.0.5"));
    assert_true(has_addr(p, "aaa_servers", "10.9.200.1"));
    assert_false(has_addr(p, "aaa_servers", "10.0.0.50"));
    assert_false(has_addr(p, "tunnel_peers", "10.0.0.5"));
    assert_true(has_addr(p, "management_networks", "2001:db8::1"));
    assert_false(has_addr(p, "management_networks", "10.0.0.5"));
    assert_true(tw_policy_has_name(p, "local_users", tw_str_c("netops")));
    assert_true(tw_policy_has_name(p, "local_users", tw_str_c("breakglass")));
    assert_false(tw_policy_has_name(p, "local_users", tw_str_c("cisco_tac_admin")));
    assert_false(tw_policy_has_name(p, "aaa_servers", tw_str_c("10.0.0.5")));
    assert_true(tw_policy_has_port(p, "ssh_ports", 830));
    assert_false(tw_policy_has_port(p, "ssh_ports", 2222));
    assert_true(tw_policy_list_known("mirror_destinations"));
    assert_false(tw_policy_list_known("mirror_destination"));
    tw_diags_release(&d);
    tw_policy_free(p);
}

static const struct {
    const char *text;
    tw_err rc;
    uint32_t line, col;
    const char *msg; /* part of the first diagnostic's message */
} bad[] = {
    {"aaa_servers: [10.0.0.5]\nsyslog_hosts: [10.0.0.6]\n", TW_EPARSE, 2, 1,
     "unknown policy list 'syslog_hosts'"},
    {"aaa_servers: [10.0.0.5, 10.0.0.300]\n", TW_EPARSE, 1, 25, "'10.0.0.300' is not an address"},
    {"ssh_ports: [22, 70000]\n", TW_EPARSE, 1, 17, "'70000' is not a port"},
    {"ssh_ports: [ssh]\n", TW_EPARSE, 1, 13, "'ssh' is not a port"},
    {"local_users: [a]\nlocal_users: [b]\n", TW_EPARSE, 2, 1, "given twice"},
    {"local_users: admin\n", TW_EPARSE, 1, 14, "must be a list"},
    {"- 10.0.0.5\n", TW_EPARSE, 1, 1, "a policy is a mapping"},
    {"aaa_servers: [10.0.0.5\n", TW_EYAML, 2, 1, "invalid yaml"},
    {"a: &x [1]\nlocal_users: *x\n", TW_EPARSE, 0, 0, ""},
};

static void test_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(bad); i++) {
        tw_diags d;
        tw_policy *p;

        print_message("case %zu\n", i);
        p = load(bad[i].text, bad[i].rc, &d);
        assert_true(d.n >= 1);
        assert_string_equal(d.v[0].file, "p.yaml");
        assert_true(bad[i].line == 0 || d.v[0].line == bad[i].line);
        assert_true(bad[i].col == 0 || d.v[0].column == bad[i].col);
        assert_non_null(strstr(d.v[0].message, bad[i].msg));
        tw_diags_release(&d);
        tw_policy_free(p);
    }
}

/* What loads cleanly stays: a bad entry leaves its list with the others. */
static void test_partial(void **state)
{
    tw_diags d;
    tw_policy *p = load("aaa_servers: [10.0.0.5, nope, 10.0.0.6]\n", TW_EPARSE, &d);

    (void)state;
    assert_true(has_addr(p, "aaa_servers", "10.0.0.5"));
    assert_true(has_addr(p, "aaa_servers", "10.0.0.6"));
    tw_diags_release(&d);
    tw_policy_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookups),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_partial),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
