/*
 * test_policy.c: the site policy (policy.h): loading, its errors at
 * file:line:column, the lookups rules make, and roles: hostname patterns,
 * their errors, and which role a hostname gets.
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

static const char good[] = "# approved\n"                           /* 1 */
                           "aaa_servers: [10.0.0.5, 10.9.0.0/16]\n" /* 2 */
                           "local_users:\n"                         /* 3 */
                           "  - netops\n"                           /* 4 */
                           "  - BreakGlass\n"                       /* 5 */
                           "ssh_ports: [22, 830]\n"                 /* 6 */
                           "tunnel_peers: []\n"                     /* 7 */
                           "ntp_servers:\n"                         /* 8 */
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

static const struct {
    const char *pattern, *host;
    bool match;
} globs[] = {
    {"*-pe-*", "lon-pe-01", true},
    {"*-pe-*", "LON-PE-01", true}, /* without case */
    {"*-PE-*", "lon-pe-01", true},
    {"*-pe-*", "lon-pe01", false},
    {"*-pe-*", "-pe-", true},
    {"pe?", "pe1", true},
    {"pe?", "pe12", false},
    {"pe?", "pe", false},
    {"core[0-9]", "core7", true},
    {"core[0-9]", "corex", false},
    {"core[!0-9]", "corex", true},
    {"core[^0-9]", "core7", false},
    {"[a-c]e-*", "Be-1", true},
    {"x[]]y", "x]y", true},
    {"a\\*b", "a*b", true},
    {"a\\*b", "axb", false},
    {"*", "", true},
    {"**a**b**", "xxaxxbxx", true},
    {"*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false},
    {"edge", "edge-1", false},
    {"edge*", "edge", true},
};

static void test_role_match(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(globs); i++) {
        size_t col;

        print_message("case %zu: %s %s\n", i, globs[i].pattern, globs[i].host);
        assert_null(tw_role_check("r", globs[i].pattern, &col));
        assert_int_equal(tw_role_match(globs[i].pattern, tw_str_c(globs[i].host)), globs[i].match);
    }
}

/* A host longer than any DNS name matches nothing, so a hostile hostname
 * costs bounded work. */
static void test_role_long_host(void **state)
{
    char host[300];

    (void)state;
    memset(host, 'a', sizeof(host));
    assert_true(tw_role_match("*", (tw_str){host, 255}));
    assert_false(tw_role_match("*", (tw_str){host, 256}));
}

static const struct {
    const char *name, *pattern;
    size_t col; /* 0: the name is at fault */
    const char *msg;
} bad_roles[] = {
    {"", "*", 0, "1 to 64"},
    {"p e", "*", 0, "letters, digits"},
    {"pe", "", 1, "empty"},
    {"pe", "a b", 2, "spaces"},
    {"pe", "core[0-9", 5, "without a closing"},
    {"pe", "core\\", 5, "at the end"},
};

static void test_role_check(void **state)
{
    char longname[70], longpat[300];
    size_t col;

    (void)state;
    for (size_t i = 0; i < N(bad_roles); i++) {
        const char *msg = tw_role_check(bad_roles[i].name, bad_roles[i].pattern, &col);

        print_message("case %zu\n", i);
        assert_non_null(msg);
        assert_non_null(strstr(msg, bad_roles[i].msg));
        assert_int_equal(col, bad_roles[i].col);
    }
    memset(longname, 'r', sizeof(longname) - 1);
    longname[sizeof(longname) - 1] = '\0';
    assert_non_null(tw_role_check(longname, "*", &col));
    memset(longpat, '*', sizeof(longpat) - 1);
    longpat[sizeof(longpat) - 1] = '\0';
    assert_non_null(tw_role_check("pe", longpat, &col));
    assert_null(tw_role_check("pe.core_2-x", "*-pe-*", &col));
}

static const char roles_yaml[] = "roles:\n"                                 /* 1 */
                                 "  - {name: pe, hostname: \"*-pe-*\"}\n"   /* 2 */
                                 "  - name: ce\n"                           /* 3 */
                                 "    hostname: '*-ce-*'\n"                 /* 4 */
                                 "  - {name: PE, hostname: \"pe[0-9]*\"}\n" /* 5 */
                                 "  - {name: any, hostname: \"*\"}\n"       /* 6 */
                                 "ntp_servers: [10.0.0.1]\n";

/* Roles load in order, the first match wins, names are one role without
 * case, and roles are no list for rules. */
static void test_roles(void **state)
{
    tw_diags d;
    tw_policy *p = load(roles_yaml, TW_OK, &d);

    (void)state;
    assert_int_equal(d.n, 0);
    assert_int_equal(tw_policy_nroles(p), 3);
    assert_int_equal(tw_policy_role(p, tw_str_c("lon-pe-1")), 0);
    assert_int_equal(tw_policy_role(p, tw_str_c("pe7")), 0);
    assert_int_equal(tw_policy_role(p, tw_str_c("x-ce-pe-1")), 0); /* first match wins */
    assert_int_equal(tw_policy_role(p, tw_str_c("x-ce-1")), 1);
    assert_int_equal(tw_policy_role(p, tw_str_c("core1")), 2);
    assert_int_equal(tw_policy_role(p, tw_str_c("")), -1); /* no hostname: no role */
    assert_string_equal(tw_policy_role_name(p, 0), "pe");
    assert_string_equal(tw_policy_role_name(p, 2), "any");
    assert_null(tw_policy_role_name(p, 3));
    assert_int_equal(tw_policy_role(NULL, tw_str_c("lon-pe-1")), -1);
    assert_false(tw_policy_list_known("roles"));
    assert_true(has_addr(p, "ntp_servers", "10.0.0.1"));
    assert_int_equal(tw_policy_add_role(p, "x", "[oops"), TW_EINVAL);
    tw_diags_release(&d);
    tw_policy_free(p);
}

static const struct {
    const char *text;
    uint32_t line, col;
    const char *msg;
} bad_role_files[] = {
    {"roles:\n  - {name: pe, hostname: \"core[0-9\"}\n", 2, 31, "without a closing ']'"},
    {"roles:\n  - name: pe\n    hostname: core[0-9\n", 3, 19, "without a closing ']'"},
    {"roles:\n  - {name: p e, hostname: x}\n", 2, 12, "a role name is"},
    {"roles:\n  - {name: pe}\n", 2, 5, "needs a name and a hostname"},
    {"roles:\n  - {name: pe, hostname: x, vrf: a}\n", 2, 29, "unknown key 'vrf'"},
    {"roles:\n  - pe\n", 2, 5, "a role is a mapping"},
    {"roles: pe\n", 1, 8, "roles must be a list"},
    {"roles: []\nroles: []\n", 2, 1, "given twice"},
    {"roles:\n  - {name: pe, hostname: [a]}\n", 2, 26, "must be a scalar"},
};

static void test_role_errors(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(bad_role_files); i++) {
        tw_diags d;
        tw_policy *p;

        print_message("case %zu\n", i);
        p = load(bad_role_files[i].text, TW_EPARSE, &d);
        assert_true(d.n >= 1);
        print_message("  %u:%u %s\n", d.v[0].line, d.v[0].column, d.v[0].message);
        assert_string_equal(d.v[0].file, "p.yaml");
        assert_int_equal(d.v[0].line, bad_role_files[i].line);
        assert_int_equal(d.v[0].column, bad_role_files[i].col);
        assert_non_null(strstr(d.v[0].message, bad_role_files[i].msg));
        assert_int_equal(tw_policy_nroles(p), 0);
        tw_diags_release(&d);
        tw_policy_free(p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookups),        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_partial),        cmocka_unit_test(test_role_match),
        cmocka_unit_test(test_role_long_host), cmocka_unit_test(test_role_check),
        cmocka_unit_test(test_roles),          cmocka_unit_test(test_role_errors),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
