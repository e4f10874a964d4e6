/*
 * test_iosxr.c: the Cisco IOS XR parser (lib/parse/iosxr*.c).
 *
 * Table-driven.  Three fixtures written for this project
 * (tests/unit/data/iosxr/: a clean IOS XR 7.3.2 PE router, one with
 * planted AA25-239A artefacts and one with the settings the hardening pack
 * tests) expect facts of a kind at exact lines with a field value (and, for
 * block fields, the field's own line), and fact counts per kind; some facts
 * must lack a field (a default not emitted, a secret not judged).  No fact text or evidence may
 * hold a secret of either fixture.  Small inline configurations cover headers, banners, line-ending
 * damage and hostile input.  The public corpus (TW_CORPUS_DIR/configs):
 * every IOS XR file found by content parses with no error and with the
 * fact count recorded here; the test skips when the corpus is absent.
 */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "tidewatch/config.h"
#include "tidewatch/limits.h"

#include "config_test_util.h"

#define ANY_LINE CFG_ANY_LINE
#define FIX "data/iosxr/"
#define N(a) (sizeof(a) / sizeof((a)[0]))

CFG_TEST_WRAPPERS(tw_parse_iosxr)

static bool contains(tw_str hay, const char *needle)
{
    return tw_str_find(hay, tw_str_c(needle)) >= 0;
}

/* ---- fixtures --------------------------------------------------------- */

typedef struct {
    const char *file;
    tw_fact_kind kind;
    uint32_t line;
    const char *field, *value;
    uint32_t field_line;
} fact_case;

#define CLEAN FIX "pe-clean.cfg"
#define PLANTED FIX "pe-planted.cfg"
#define HARD FIX "pe-hardening.cfg"

static const fact_case fact_cases[] = {
    {CLEAN, TW_FACT_VERSION, 2, "version", "7.3.2", 0},
    {CLEAN, TW_FACT_HOSTNAME, 5, "name", "pe1-par", 0},
    {CLEAN, TW_FACT_LOGGING_HOST, 9, "address", "192.0.2.50", 0},
    {CLEAN, TW_FACT_LOGGING_HOST, 9, "vrf", "MGMT", 0},
    {CLEAN, TW_FACT_LOGGING, 10, "setting", "buffered", 0},
    {CLEAN, TW_FACT_AAA_SERVER, 13, "address", "192.0.2.10", 0},
    {CLEAN, TW_FACT_AAA_SERVER, 13, "port", "49", 0},
    {CLEAN, TW_FACT_AAA_SERVER, 13, "key_type", "7", 14},
    {CLEAN, TW_FACT_SECRET, 14, "owner", "tacacs 192.0.2.10", 0},
    {CLEAN, TW_FACT_AAA_SERVER, 17, "protocol", "tacacs", 0},
    {CLEAN, TW_FACT_LOCAL_USER, 20, "name", "localadmin", 0},
    {CLEAN, TW_FACT_LOCAL_USER, 20, "privilege", "15", 0},
    {CLEAN, TW_FACT_LOCAL_USER, 20, "group", "root-lr", 21},
    {CLEAN, TW_FACT_LOCAL_USER, 20, "secret_type", "10", 23},
    {CLEAN, TW_FACT_LOCAL_USER, 20, "form", "secret", 23},
    {CLEAN, TW_FACT_SECRET, 23, "type", "10", 0},
    {CLEAN, TW_FACT_LOCAL_USER, 25, "privilege", "1", 0},
    {CLEAN, TW_FACT_SECRET, 27, "type", "8", 0},
    {CLEAN, TW_FACT_AAA_METHOD, 31, "service", "commands", 0},
    {CLEAN, TW_FACT_AAA_METHOD, 31, "type", "accounting", 0},
    {CLEAN, TW_FACT_VTY, 32, "name", "default", 0},
    {CLEAN, TW_FACT_VTY, 32, "access_class", "MGMT-ONLY", 33},
    {CLEAN, TW_FACT_VTY, 32, "transport_input", "ssh", 34},
    {CLEAN, TW_FACT_VTY, 32, "transport_output", "none", 35},
    {CLEAN, TW_FACT_NTP_SERVER, 39, "address", "192.0.2.123", 0},
    {CLEAN, TW_FACT_NTP_SERVER, 39, "vrf", "MGMT", 0},
    {CLEAN, TW_FACT_SECRET, 40, "owner", "ntp", 0},
    {CLEAN, TW_FACT_SECRET, 40, "type", "7", 0},
    {CLEAN, TW_FACT_SNMP_COMMUNITY, 42, "access", "ro", 0},
    {CLEAN, TW_FACT_SNMP_COMMUNITY, 42, "acl", "MGMT-ONLY", 0},
    {CLEAN, TW_FACT_SNMP_HOST, 43, "version", "2c", 0},
    {CLEAN, TW_FACT_ACL_ENTRY, 45, "src", "192.0.2.0/24", 0},
    {CLEAN, TW_FACT_ACL_ENTRY, 45, "dst_port", "eq 22", 0},
    {CLEAN, TW_FACT_ACL_ENTRY, 45, "seq", "10", 0},
    {CLEAN, TW_FACT_ACL_ENTRY, 46, "src_port", "eq ntp", 0},
    {CLEAN, TW_FACT_ACL_ENTRY, 47, "action", "deny", 0},
    {CLEAN, TW_FACT_ACL_ENTRY, 50, "family", "ipv6", 0},
    {CLEAN, TW_FACT_ACL_ENTRY, 50, "src", "2001:db8:100::/48", 0},
    {CLEAN, TW_FACT_INTERFACE, 55, "vrf", "MGMT", 57},
    {CLEAN, TW_FACT_INTERFACE, 55, "address", "192.0.2.2", 58},
    {CLEAN, TW_FACT_INTERFACE, 60, "address", "2001:db8:1::1", 63},
    {CLEAN, TW_FACT_INTERFACE, 65, "shutdown", "true", 0},
    {CLEAN, TW_FACT_ROUTE, 70, "next_hop", "198.51.100.10", 0},
    {CLEAN, TW_FACT_ROUTE, 74, "vrf", "MGMT", 0},
    {CLEAN, TW_FACT_ROUTE, 74, "interface", "MgmtEth0/RP0/CPU0/0", 0},
    {CLEAN, TW_FACT_SECRET, 81, "owner", "bgp", 0},
    {CLEAN, TW_FACT_SERVICE, 84, "version", "2", 0},
    {CLEAN, TW_FACT_SERVICE, 85, "acl", "MGMT-ONLY", 0},
    {PLANTED, TW_FACT_VERSION, 1, "version", "7.3.2", 0},
    {PLANTED, TW_FACT_LOGGING_HOST, 5, "address", "45.61.133.77", 0},
    {PLANTED, TW_FACT_AAA_SERVER, 9, "address", "167.88.164.166", 0},
    {PLANTED, TW_FACT_AAA_SERVER, 9, "key_type", "0", ANY_LINE},
    {PLANTED, TW_FACT_SECRET, 9, "type", "0", 0},
    {PLANTED, TW_FACT_AAA_SERVER, 11, "address", "167.88.164.166", 0},
    {PLANTED, TW_FACT_LOCAL_USER, 13, "privilege", "15", 0},
    {PLANTED, TW_FACT_LOCAL_USER, 13, "form", "password", 15},
    {PLANTED, TW_FACT_LOCAL_USER, 13, "secret_type", "7", 15},
    {PLANTED, TW_FACT_SECRET, 15, "form", "password", 0},
    {PLANTED, TW_FACT_LOCAL_USER, 17, "name", "cisco_support", 0},
    {PLANTED, TW_FACT_LOCAL_USER, 17, "group", "netadmin", 18},
    {PLANTED, TW_FACT_SECRET, 19, "type", "5", 0},
    {PLANTED, TW_FACT_ACL_ENTRY, 22, "list", "20", 0},
    {PLANTED, TW_FACT_ACL_ENTRY, 22, "src", "45.61.133.77", 0},
    {PLANTED, TW_FACT_ACL_ENTRY, 23, "dst_port", "eq 57722", 0},
    {PLANTED, TW_FACT_TUNNEL, 25, "name", "tunnel-ip7", 0},
    {PLANTED, TW_FACT_TUNNEL, 25, "mode", "gre ipv4", 27},
    {PLANTED, TW_FACT_TUNNEL, 25, "source", "Loopback0", 28},
    {PLANTED, TW_FACT_TUNNEL, 25, "destination", "203.0.113.66", 29},
    {PLANTED, TW_FACT_INTERFACE, 25, "address", "10.10.12.1", 26},
    {PLANTED, TW_FACT_MIRROR_SESSION, 36, "name", "TAP", 0},
    {PLANTED, TW_FACT_MIRROR_SESSION, 36, "type", "erspan", 0},
    {PLANTED, TW_FACT_MIRROR_SESSION, 36, "source", "GigabitEthernet0/0/0/3 rx-only", 33},
    {PLANTED, TW_FACT_MIRROR_SESSION, 36, "destination", "interface tunnel-ip7", 37},
    {PLANTED, TW_FACT_MIRROR_SESSION, 36, "destination", "203.0.113.66", 29},
    {PLANTED, TW_FACT_MIRROR_SESSION, 39, "type", "span", 0},
    {PLANTED, TW_FACT_MIRROR_SESSION, 39, "destination", "interface GigabitEthernet0/0/0/9", 40},
    {PLANTED, TW_FACT_SNMP_COMMUNITY, 42, "access", "rw", 0},
    {PLANTED, TW_FACT_SNMP_HOST, 44, "address", "45.61.133.77", 0},
    {PLANTED, TW_FACT_SNMP_HOST, 44, "vrf", "default", 0},
    {PLANTED, TW_FACT_NTP_SERVER, 47, "address", "45.61.133.77", 0},
    {PLANTED, TW_FACT_SERVICE, 50, "port", "22222", 0},
    {PLANTED, TW_FACT_SCRIPT, 51, "name", "persist.tcl", 0},
    {PLANTED, TW_FACT_SCRIPT, 52, "type", "alias", 0},
    {PLANTED, TW_FACT_SERVICE, 52, "name", "sshd_operns", 0},
    {PLANTED, TW_FACT_SERVICE, 52, "port", "57722", 0},
    {PLANTED, TW_FACT_SERVICE, 52, "enabled", "true", 0},
    {PLANTED, TW_FACT_VTY, 53, "transport_input", "telnet", 54},
    {PLANTED, TW_FACT_VTY, 53, "transport_output", "all", 55},
    {PLANTED, TW_FACT_ROUTE, 59, "prefix", "45.61.133.0/24", 0},
    {PLANTED, TW_FACT_ADDRESS, 59, "value", "203.0.113.1", 0},
    {CLEAN, TW_FACT_NTP_SERVER, 39, "key", "1", 0},
    {CLEAN, TW_FACT_SERVICE, 6, "name", "banner", 0},
    {CLEAN, TW_FACT_AAA_SERVER, 17, "key_type", "7", 14},
    {CLEAN, TW_FACT_ROUTING_PEER, 79, "remote_as", "64500", 80},
    {CLEAN, TW_FACT_ROUTING_PEER, 79, "auth", "true", 81},
    {CLEAN, TW_FACT_INTERFACE, 60, "redirects", "false", 0},
    {CLEAN, TW_FACT_SNMP_COMMUNITY, 42, "strength", "weak", 0},
    /* the hardening settings */
    {HARD, TW_FACT_SERVICE, 5, "name", "banner", 0},
    {HARD, TW_FACT_SERVICE, 5, "enabled", "true", 0},
    {HARD, TW_FACT_LOGGING, 8, "severity", "4", 0},
    {HARD, TW_FACT_LOGGING, 8, "setting", "trap", 0},
    {HARD, TW_FACT_LOGGING, 9, "severity", "3", 0},
    {HARD, TW_FACT_LOGGING_HOST, 9, "severity", "error", 0},
    {HARD, TW_FACT_LOGGING_HOST, 10, "transport", "tls", 0},
    {HARD, TW_FACT_LOGGING_HOST, 10, "address", "192.0.2.52", 14},
    {HARD, TW_FACT_LOGGING_HOST, 10, "vrf", "MGMT", 11},
    {HARD, TW_FACT_LOGGING, 12, "severity", "6", 0},
    {HARD, TW_FACT_AAA_SERVER, 16, "key_type", "7", 25},
    {HARD, TW_FACT_AAA_SERVER, 18, "key_type", "7", 19},
    {HARD, TW_FACT_AAA_SERVER, 22, "key_type", "7", 25},
    {HARD, TW_FACT_AAA_SERVER, 23, "key_type", "7", 19},
    {HARD, TW_FACT_SECRET, 25, "owner", "tacacs", 0},
    {HARD, TW_FACT_SERVICE, 26, "name", "password-policy", 0},
    {HARD, TW_FACT_SERVICE, 26, "min_length", "15", 27},
    {HARD, TW_FACT_SERVICE, 26, "name", "login-block", 0},
    {HARD, TW_FACT_SERVICE, 26, "enabled", "true", 28},
    {HARD, TW_FACT_AAA_METHOD, 31, "method", "group TAC", 0},
    {HARD, TW_FACT_AAA_METHOD, 31, "service", "login", 0},
    {HARD, TW_FACT_AAA_METHOD, 32, "type", "authorization", 0},
    {HARD, TW_FACT_AAA_METHOD, 32, "service", "commands", 0},
    {HARD, TW_FACT_AAA_METHOD, 32, "method", "group tacacs+", 0},
    {HARD, TW_FACT_VTY, 33, "exec_timeout", "600", 34},
    {HARD, TW_FACT_VTY, 37, "exec_timeout", "0", 38},
    {HARD, TW_FACT_SERVICE, 40, "name", "cdp", 0},
    {HARD, TW_FACT_SERVICE, 41, "name", "lldp", 0},
    {HARD, TW_FACT_SERVICE, 41, "enabled", "true", 0},
    {HARD, TW_FACT_SERVICE, 45, "name", "ntp-authenticate", 0},
    {HARD, TW_FACT_NTP_SERVER, 47, "key", "1", 0},
    {HARD, TW_FACT_SNMP_COMMUNITY, 49, "strength", "weak", 0},
    {HARD, TW_FACT_SNMP_COMMUNITY, 50, "strength", "ok", 0},
    {HARD, TW_FACT_SNMP_USER, 51, "auth", "sha", 0},
    {HARD, TW_FACT_SNMP_USER, 51, "priv", "aes128", 0},
    {HARD, TW_FACT_SNMP_USER, 52, "auth", "md5", 0},
    {HARD, TW_FACT_SNMP_USER, 52, "priv", "des", 0},
    {HARD, TW_FACT_SERVICE, 54, "cipher", "aes128-cbc", 0},
    {HARD, TW_FACT_SERVICE, 54, "cipher", "aes256-ctr", 0},
    {HARD, TW_FACT_SERVICE, 55, "kex", "diffie-hellman-group14-sha1", 0},
    {HARD, TW_FACT_SERVICE, 56, "mac", "hmac-sha1", 0},
    {HARD, TW_FACT_CRYPTO_PROPOSAL, 57, "protocol", "ike", 0},
    {HARD, TW_FACT_CRYPTO_PROPOSAL, 57, "name", "IKE-PROP", 0},
    {HARD, TW_FACT_CRYPTO_PROPOSAL, 57, "group", "14", 59},
    {HARD, TW_FACT_CRYPTO_PROPOSAL, 57, "group", "20", 59},
    {HARD, TW_FACT_CRYPTO_PROPOSAL, 57, "integrity", "sha1", 60},
    {HARD, TW_FACT_CRYPTO_PROPOSAL, 57, "integrity", "sha384", 60},
    {HARD, TW_FACT_CRYPTO_PROPOSAL, 57, "encryption", "aes128", 61},
    {HARD, TW_FACT_CRYPTO_PROPOSAL, 57, "encryption", "aes256-gcm", 61},
    {CLEAN, TW_FACT_INTERFACE, 60, "proxy_arp", "false", 0},
    {CLEAN, TW_FACT_INTERFACE, 60, "directed_broadcast", "false", 0},
    {HARD, TW_FACT_INTERFACE, 66, "redirects", "true", 69},
    {HARD, TW_FACT_INTERFACE, 66, "proxy_arp", "true", 70},
    {HARD, TW_FACT_INTERFACE, 66, "directed_broadcast", "true", 71},
    {HARD, TW_FACT_ROUTING_PEER, 80, "protocol", "bgp", 0},
    {HARD, TW_FACT_ROUTING_PEER, 80, "address", "198.51.100.20", 0},
    {HARD, TW_FACT_ROUTING_PEER, 80, "remote_as", "64500", 89},
    {HARD, TW_FACT_ROUTING_PEER, 80, "group", "IBGP", 81},
    {HARD, TW_FACT_ROUTING_PEER, 80, "auth", "true", 90},
    {HARD, TW_FACT_ROUTING_PEER, 84, "auth", "false", 0},
    {HARD, TW_FACT_ROUTING_PEER, 84, "remote_as", "64500", 89},
    {HARD, TW_FACT_ROUTING_PEER, 99, "vrf", "CUST", 0},
    {HARD, TW_FACT_ROUTING_PEER, 99, "remote_as", "65010", 100},
    {HARD, TW_FACT_ROUTING_PEER, 99, "auth", "true", 101},
    {HARD, TW_FACT_ROUTING_PEER, 106, "auth", "false", 0},
    {HARD, TW_FACT_ROUTING_PEER, 106, "vrf", "CUST", 0},
};

static void test_fixture_facts(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(fact_cases); i++) {
        const fact_case *c = &fact_cases[i];
        parsed p = {0};
        parse_file(&p, c->file);
        assert_int_equal(p.rc, TW_OK);
        if (!has(&p, c->kind, c->line, c->field, c->value, c->field_line))
            fail_msg("%s: no %s at line %u with %s=%s", c->file, tw_fact_kind_name(c->kind),
                     c->line, c->field, c->value);
        done(&p);
    }
}

typedef struct {
    const char *file;
    tw_fact_kind kind;
    size_t n;
} count_case;

static const count_case count_cases[] = {
    {CLEAN, TW_FACT_HOSTNAME, 1},     {CLEAN, TW_FACT_AAA_SERVER, 2},
    {CLEAN, TW_FACT_LOCAL_USER, 2},   {CLEAN, TW_FACT_ACL_ENTRY, 4},
    {CLEAN, TW_FACT_TUNNEL, 0},       {CLEAN, TW_FACT_MIRROR_SESSION, 0},
    {CLEAN, TW_FACT_SCRIPT, 0},       {CLEAN, TW_FACT_ROUTE, 2},
    {CLEAN, TW_FACT_INTERFACE, 4},    {CLEAN, TW_FACT_SECRET, 5},
    {CLEAN, TW_FACT_SERVICE, 3},      {CLEAN, TW_FACT_VTY, 1},
    {PLANTED, TW_FACT_TUNNEL, 1},     {PLANTED, TW_FACT_MIRROR_SESSION, 2},
    {PLANTED, TW_FACT_LOCAL_USER, 2}, {PLANTED, TW_FACT_SCRIPT, 2},
    {PLANTED, TW_FACT_AAA_SERVER, 3}, {PLANTED, TW_FACT_SERVICE, 3},
    {CLEAN, TW_FACT_ROUTING_PEER, 1}, {PLANTED, TW_FACT_ROUTING_PEER, 0},
    {HARD, TW_FACT_ROUTING_PEER, 4},  {HARD, TW_FACT_CRYPTO_PROPOSAL, 1},
    {HARD, TW_FACT_SECRET, 4},        {HARD, TW_FACT_AAA_SERVER, 4},
    {HARD, TW_FACT_LOGGING_HOST, 2},  {HARD, TW_FACT_LOGGING, 3},
    {HARD, TW_FACT_SERVICE, 10},      {HARD, TW_FACT_INTERFACE, 3},
};

static void test_fixture_counts(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(count_cases); i++) {
        parsed p = {0};
        parse_file(&p, count_cases[i].file);
        assert_int_equal(p.diags.n, 0);
        if (count(&p, count_cases[i].kind) != count_cases[i].n)
            fail_msg("%s: %zu facts of kind %s, want %zu", count_cases[i].file,
                     count(&p, count_cases[i].kind), tw_fact_kind_name(count_cases[i].kind),
                     count_cases[i].n);
        done(&p);
    }
}

/* No fact of kind at line (0: at any line) has field (equal to value when
 * value is not NULL): a default the dialect does not emit, a secret that
 * cannot be judged, a statement that gives no fact.  With a line, the fact
 * itself must be there. */
typedef struct {
    const char *name;
    const char *cfg; /* NULL: the hardening fixture */
    tw_fact_kind kind;
    uint32_t line;
    const char *field, *value;
} lack_case;

static const lack_case lack_cases[] = {
    {"ipv6-only interface", NULL, TW_FACT_INTERFACE, 73, "redirects", NULL},
    {"ipv6-only interface", NULL, TW_FACT_INTERFACE, 73, "proxy_arp", NULL},
    {"peer without group", NULL, TW_FACT_ROUTING_PEER, 99, "group", NULL},
    {"ssh algorithms do not enable", NULL, TW_FACT_SERVICE, 54, "enabled", NULL},
    {"inheritance-disable is no secret",
     "router bgp 1\n neighbor 192.0.2.1\n  password inheritance-disable\n", TW_FACT_SECRET, 0,
     "owner", NULL},
    {"no lockout, no login-block", "aaa password-policy P\n min-length 8\n!\n", TW_FACT_SERVICE, 0,
     "name", "login-block"},
    {"encrypted community not judged", "snmp-server community encrypted 0822455D0A16 RO\n",
     TW_FACT_SNMP_COMMUNITY, 1, "strength", NULL},
    {"server with no key anywhere", "tacacs-server host 192.0.2.9\n", TW_FACT_AAA_SERVER, 1,
     "key_type", NULL},
    {"exec-timeout absent", "line default\n transport input ssh\n", TW_FACT_VTY, 1, "exec_timeout",
     NULL},
    {"v3 user without auth", "snmp-server user U G v3\n", TW_FACT_SNMP_USER, 1, "auth", NULL},
    {"interface without address", "interface Gi0\n ipv4 redirects\n", TW_FACT_INTERFACE, 1,
     "redirects", NULL},
    {"a loopback has no neighbours to redirect",
     "interface Loopback0\n ipv4 address 192.0.2.1 255.255.255.255\n ipv4 redirects\n",
     TW_FACT_INTERFACE, 1, "redirects", NULL},
    {"logging host without severity", "logging 192.0.2.1 vrf V\n", TW_FACT_LOGGING, 0, "setting",
     NULL},
    {"tls server without address", "logging tls-server T\n vrf V\n", TW_FACT_LOGGING_HOST, 0,
     "transport", NULL},
    {"cdp is off by default", "hostname r\n", TW_FACT_SERVICE, 0, "name", "cdp"},
    {"group of another kind",
     "router bgp 1\n session-group G\n  password encrypted 0A\n neighbor "
     "192.0.2.1\n  use neighbor-group G\n",
     TW_FACT_ROUTING_PEER, 4, "auth", "true"},
};

static void test_lacks(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(lack_cases); i++) {
        const lack_case *c = &lack_cases[i];
        parsed p = {0};
        size_t seen = 0;
        if (c->cfg == NULL)
            parse_file(&p, HARD);
        else
            parse_n(&p, c->cfg, strlen(c->cfg));
        assert_int_equal(p.rc, TW_OK);
        for (size_t k = 0; k < p.fs.n; k++) {
            const tw_fact *f = &p.fs.v[k];
            const tw_field *x = NULL;
            if (f->kind != c->kind || (c->line != 0 && f->line != c->line))
                continue;
            seen++;
            while ((x = tw_fact_next(f, c->field, x)) != NULL) {
                if (c->value == NULL || tw_str_eq_c(x->str, c->value))
                    fail_msg("%s: %s at line %u has %s", c->name, tw_fact_kind_name(c->kind),
                             f->line, c->field);
            }
        }
        if (c->line != 0 && seen == 0)
            fail_msg("%s: no %s at line %u", c->name, tw_fact_kind_name(c->kind), c->line);
        done(&p);
    }
}

/* Secrets written into the fixtures: none may reach a fact. */
static const char *const secrets[] = {
    "SECRET", "060506324F41584B56", "0822455D0A16", "13061E010803", "$6$", "$8$", "$1$", "Xq7-vT9",
    "public",
};

static void test_no_secret_leaks(void **state)
{
    static const char *const files[] = {CLEAN, PLANTED, HARD};

    (void)state;
    for (size_t f = 0; f < N(files); f++) {
        parsed p = {0};
        parse_file(&p, files[f]);
        assert_true(p.fs.n > 20);
        for (size_t i = 0; i < N(secrets); i++)
            assert_false(leaks(&p, secrets[i]));
        done(&p);
    }
}

/* ---- inline configurations --------------------------------------------- */

typedef struct {
    const char *name;
    const char *cfg;
    size_t len; /* 0: strlen */
    tw_fact_kind kind;
    uint32_t line;
    const char *field, *value;
    uint32_t field_line;
} inline_case;

static const inline_case inline_cases[] = {
    {"old header", "!! IOS XR Configuration version = 5.2.1\nhostname a\n", 0, TW_FACT_VERSION, 1,
     "version", "5.2.1", 0},
    {"crlf", "hostname r1\r\nlogging 192.0.2.9 vrf V\r\n", 0, TW_FACT_LOGGING_HOST, 2, "vrf", "V",
     0},
    {"bom", "\xEF\xBB\xBFhostname bom1\n", 0, TW_FACT_HOSTNAME, 1, "name", "bom1", 0},
    {"no final newline", "ntp\n server 192.0.2.1", 0, TW_FACT_NTP_SERVER, 2, "address", "192.0.2.1",
     0},
    {"banner hides", "banner login ^\nhostname fake\n^\nhostname real\n", 0, TW_FACT_HOSTNAME, 4,
     "name", "real", 0},
    {"nul byte", "host\0name r2\n", 13, TW_FACT_HOSTNAME, 1, "name", "r2", 0},
    {"one-line username", "username u1 group root-lr secret 10 $6$x$y\n", 0, TW_FACT_LOCAL_USER, 1,
     "privilege", "15", 0},
    {"radius host", "radius-server host 192.0.2.7 auth-port 1812 key 7 0A1B\n", 0,
     TW_FACT_AAA_SERVER, 1, "protocol", "radius", 0},
    {"server-private", "aaa group server tacacs+ G\n server-private 192.0.2.8 port 49\n  key 7 X\n",
     0, TW_FACT_AAA_SERVER, 2, "address", "192.0.2.8", 0},
    {"line egress", "line template T\n access-class egress OUT\n", 0, TW_FACT_VTY, 1,
     "access_class_out", "OUT", 2},
    {"erspan address", "monitor-session M ipv4\n destination ipv4 address 203.0.113.5\n", 0,
     TW_FACT_MIRROR_SESSION, 1, "destination", "203.0.113.5", 2},
    {"appmgr", "appmgr\n application swan\n  activate type docker source swan\n", 0,
     TW_FACT_SERVICE, 2, "name", "app-hosting", 0},
    {"grpc port", "grpc\n port 57400\n", 0, TW_FACT_SERVICE, 2, "port", "57400", 0},
    {"acl port-group", "ipv4 access-list A\n 10 permit tcp any port-group PG host 192.0.2.4\n", 0,
     TW_FACT_ACL_ENTRY, 2, "src_port", "port-group PG", 0},
    {"acl range", "ipv4 access-list A\n 10 permit udp any any range 161 162\n", 0,
     TW_FACT_ACL_ENTRY, 2, "dst_port", "range 161 162", 0},
    {"telnet", "telnet vrf default ipv4 server max-servers 5\n", 0, TW_FACT_SERVICE, 1, "name",
     "telnet", 0},
    {"xr script", "script exec collect.py checksum SHA256 abc\n", 0, TW_FACT_SCRIPT, 1, "name",
     "collect.py", 0},
    {"isis password type", "router isis 1\n lsp-password hmac-md5 encrypted 0A0B\n", 0,
     TW_FACT_SECRET, 2, "type", "7", 0},
    {"key chain", "key chain K\n key 1\n  key-string password 0822455D0A16\n", 0, TW_FACT_SECRET, 3,
     "owner", "key-chain K", 0},
    {"prompt skipped", "RP/0/RSP0/CPU0:r1#show running-config\nhostname r9\n", 0, TW_FACT_HOSTNAME,
     2, "name", "r9", 0},
    /* the hardening settings, written other ways */
    {"crypto ikev2 proposal", "crypto ikev2 proposal P\n group group14 5\n encryption 3des\n", 0,
     TW_FACT_CRYPTO_PROPOSAL, 1, "group", "5", 2},
    {"crypto ikev2 3des", "crypto ikev2 proposal P\n group group14 5\n encryption 3des\n", 0,
     TW_FACT_CRYPTO_PROPOSAL, 1, "encryption", "3des", 3},
    {"ikev2 group14", "ikev2 proposal P\n dh-group group14\n", 0, TW_FACT_CRYPTO_PROPOSAL, 1,
     "group", "14", 2},
    {"one-line ntp authenticate", "ntp authenticate\n", 0, TW_FACT_SERVICE, 1, "name",
     "ntp-authenticate", 0},
    {"logging trap disable", "logging trap disable\n", 0, TW_FACT_LOGGING, 1, "enabled", "false",
     0},
    {"logging trap number", "logging trap 2\n", 0, TW_FACT_LOGGING, 1, "severity", "2", 0},
    {"tls server by name", "logging tls-server T\n tls-hostname syslog.example.net\n", 0,
     TW_FACT_LOGGING_HOST, 1, "name", "syslog.example.net", 2},
    {"ftp server", "ftp vrf MGMT ipv4 server max-servers 2\n", 0, TW_FACT_SERVICE, 1, "name", "ftp",
     0},
    {"tftp server", "tftp vrf default ipv4 server homedir disk0: max-servers 5\n", 0,
     TW_FACT_SERVICE, 1, "name", "tftp-server", 0},
    {"cbc ciphers on", "ssh server enable cipher aes-cbc 3des-cbc\n", 0, TW_FACT_SERVICE, 1,
     "cipher", "3des-cbc", 0},
    {"no lldp", "no lldp\n", 0, TW_FACT_SERVICE, 1, "enabled", "false", 0},
    {"radius key before host", "radius-server key 7 0A1B2C\nradius-server host 192.0.2.7\n", 0,
     TW_FACT_AAA_SERVER, 2, "key_type", "7", 1},
    {"clear global key", "tacacs-server key K3yS3cr3t\ntacacs-server host 192.0.2.7\n", 0,
     TW_FACT_AAA_SERVER, 2, "key_type", "0", 1},
    {"member of unkeyed host",
     "tacacs-server key 7 0A1B\naaa group server tacacs+ G\n server "
     "192.0.2.7\n",
     0, TW_FACT_AAA_SERVER, 3, "key_type", "7", 1},
    {"numeric community", "snmp-server community 12 RO\n", 0, TW_FACT_SNMP_COMMUNITY, 1, "access",
     "ro", 0},
    {"short community weak", "snmp-server community Ab1!xyz RW\n", 0, TW_FACT_SNMP_COMMUNITY, 1,
     "strength", "weak", 0},
    {"v3 user last", "snmp-server user U G v3\n", 0, TW_FACT_SNMP_USER, 1, "version", "v3", 0},
    {"sha-256 auth",
     "snmp-server user U G v3 auth sha-256 encrypted 0A priv aes 256 encrypted 0B\n", 0,
     TW_FACT_SNMP_USER, 1, "auth", "sha256", 0},
    {"aes 256 priv",
     "snmp-server user U G v3 auth sha-256 encrypted 0A priv aes 256 encrypted 0B\n", 0,
     TW_FACT_SNMP_USER, 1, "priv", "aes256", 0},
    {"3des priv", "snmp-server user U G v3 auth sha encrypted 0A priv 3des encrypted 0B\n", 0,
     TW_FACT_SNMP_USER, 1, "priv", "3des", 0},
    {"exec-timeout minutes", "line template T\n exec-timeout 30\n", 0, TW_FACT_VTY, 1,
     "exec_timeout", "1800", 2},
    {"exec-timeout seconds", "line default\n exec-timeout 5 30\n", 0, TW_FACT_VTY, 1,
     "exec_timeout", "330", 2},
    {"no ipv4 redirects", "interface Gi0/0/0/0\n ipv4 address 192.0.2.1/30\n no ipv4 redirects\n",
     0, TW_FACT_INTERFACE, 1, "redirects", "false", 3},
    {"asdot remote-as", "router bgp 1\n neighbor 192.0.2.1\n  remote-as 1.10\n", 0,
     TW_FACT_ROUTING_PEER, 2, "remote_as", "65546", 3},
    {"session-group password",
     "router bgp 1\n session-group S\n  password encrypted 0A\n !\n neighbor 192.0.2.1\n  use "
     "session-group S\n",
     0, TW_FACT_ROUTING_PEER, 5, "auth", "true", 3},
    {"group in a later block",
     "router bgp 1\n neighbor 192.0.2.1\n  use neighbor-group G\n!\nrouter bgp 1\n "
     "neighbor-group G\n  remote-as 7\n  ao KC include-tcp-options enable\n",
     0, TW_FACT_ROUTING_PEER, 2, "auth", "true", 8},
    {"group chain",
     "router bgp 1\n neighbor-group A\n  use neighbor-group B\n neighbor-group B\n  keychain K\n "
     "neighbor 192.0.2.1\n  use neighbor-group A\n",
     0, TW_FACT_ROUTING_PEER, 6, "auth", "true", 5},
    {"keychain inheritance-disable",
     "router bgp 1\n neighbor-group G\n  keychain K\n neighbor 192.0.2.1\n  use neighbor-group "
     "G\n  keychain inheritance-disable\n",
     0, TW_FACT_ROUTING_PEER, 4, "auth", "false", 0},
    {"group cycle",
     "router bgp 1\n neighbor-group A\n  use neighbor-group A\n neighbor "
     "192.0.2.1\n  use neighbor-group A\n",
     0, TW_FACT_ROUTING_PEER, 4, "auth", "false", 0},
    {"ipv6 neighbour", "router bgp 1\n neighbor 2001:db8::1\n  remote-as 2\n", 0,
     TW_FACT_ROUTING_PEER, 2, "address", "2001:db8::1", 0},
};

static void test_inline(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(inline_cases); i++) {
        const inline_case *c = &inline_cases[i];
        parsed p = {0};
        parse_n(&p, c->cfg, c->len != 0 ? c->len : strlen(c->cfg));
        assert_int_equal(p.rc, TW_OK);
        if (!has(&p, c->kind, c->line, c->field, c->value, c->field_line))
            fail_msg("%s: no %s at line %u with %s=%s", c->name, tw_fact_kind_name(c->kind),
                     c->line, c->field, c->value);
        done(&p);
    }
}

/* ---- routing policy and interface filters ------------------------------ */

/* Prefix-sets, route-policies and interface access groups; the rows below
 * name the lines of this text. */
static const char policy_cfg[] = "prefix-set PS\n"                                 /* 1 */
                                 "  # our aggregates\n"                            /* 2 */
                                 "  10.0.0.0/8 le 24,\n"                           /* 3 */
                                 "  10.1.0.0/16 ge 20 le 24,\n"                    /* 4 */
                                 "  192.168.1.0/24 eq 28,\n"                       /* 5 */
                                 "  2001:db8::/32, 172.16.0.0/12\n"                /* 6 */
                                 "end-set\n"                                       /* 7 */
                                 "!\n"                                             /* 8 */
                                 "route-policy RP($lp)\n"                          /* 9 */
                                 "  if destination in PS then\n"                   /* 10 */
                                 "    set local-preference 200\n"                  /* 11 */
                                 "    if community matches-any C then\n"           /* 12 */
                                 "      set med 10\n"                              /* 13 */
                                 "    endif\n"                                     /* 14 */
                                 "  elseif as-path in AP then\n"                   /* 15 */
                                 "    drop\n"                                      /* 16 */
                                 "  else\n"                                        /* 17 */
                                 "    pass\n"                                      /* 18 */
                                 "  endif\n"                                       /* 19 */
                                 "  apply OTHER\n"                                 /* 20 */
                                 "end-policy\n"                                    /* 21 */
                                 "!\n"                                             /* 22 */
                                 "interface GigabitEthernet0/0/0/0\n"              /* 23 */
                                 " ipv4 access-group IN4 ingress\n"                /* 24 */
                                 " ipv4 access-group OUT4 egress hardware-count\n" /* 25 */
                                 " ipv6 access-group IN6 ingress\n"                /* 26 */
                                 " ipv4 access-group common COM IF4 egress\n"      /* 27 */
                                 " no ipv4 access-group OLD ingress\n"             /* 28 */
                                 " ipv4 access-group NODIR\n"                      /* 29 */
                                 "!\n";                                            /* 30 */

static const struct {
    tw_fact_kind kind;
    uint32_t line;
    const char *field, *value;
    uint32_t field_line;
} policy_rows[] = {
    {TW_FACT_PREFIX_LIST, 3, "name", "PS", 0},
    {TW_FACT_PREFIX_LIST, 3, "seq", "1", 0},
    {TW_FACT_PREFIX_LIST, 3, "action", "permit", 0},
    {TW_FACT_PREFIX_LIST, 3, "family", "ipv4", 0},
    {TW_FACT_PREFIX_LIST, 3, "prefix", "10.0.0.0/8", 0},
    {TW_FACT_PREFIX_LIST, 3, "le", "24", 0},
    {TW_FACT_PREFIX_LIST, 4, "seq", "2", 0},
    {TW_FACT_PREFIX_LIST, 4, "ge", "20", 0},
    {TW_FACT_PREFIX_LIST, 4, "le", "24", 0},
    {TW_FACT_PREFIX_LIST, 5, "ge", "28", 0},
    {TW_FACT_PREFIX_LIST, 5, "le", "28", 0},
    {TW_FACT_PREFIX_LIST, 6, "seq", "4", 0},
    {TW_FACT_PREFIX_LIST, 6, "family", "ipv6", 0},
    {TW_FACT_PREFIX_LIST, 6, "seq", "5", 0},
    {TW_FACT_PREFIX_LIST, 6, "prefix", "172.16.0.0/12", 0},
    {TW_FACT_ROUTE_MAP, 9, "name", "RP", 0},
    {TW_FACT_ROUTE_MAP, 9, "action", "permit", 0},
    {TW_FACT_ROUTE_MAP, 9, "seq", "10", 0},
    {TW_FACT_ROUTE_MAP, 9, "match", "destination in PS", 10},
    {TW_FACT_ROUTE_MAP, 9, "set", "local-preference 200", 11},
    {TW_FACT_ROUTE_MAP, 9, "match", "community matches-any C", 12},
    {TW_FACT_ROUTE_MAP, 9, "set", "med 10", 13},
    {TW_FACT_ROUTE_MAP, 9, "match", "as-path in AP", 15},
    {TW_FACT_INTERFACE, 23, "acl_in", "IN4", 24},
    {TW_FACT_INTERFACE, 23, "acl_out", "OUT4", 25},
    {TW_FACT_INTERFACE, 23, "acl_in", "IN6", 26},
    {TW_FACT_INTERFACE, 23, "acl_out", "COM", 27},
    {TW_FACT_INTERFACE, 23, "acl_out", "IF4", 27},
    {TW_FACT_ADDRESS, 3, "value", "10.0.0.0/8", 0},
    {TW_FACT_ADDRESS, 6, "value", "2001:db8::/32", 0}, /* the comma taken off */
};

static void test_policy(void **state)
{
    parsed p = {0};

    (void)state;
    parse_n(&p, policy_cfg, strlen(policy_cfg));
    assert_int_equal(p.rc, TW_OK);
    assert_int_equal(p.diags.n, 0);
    assert_int_equal(count(&p, TW_FACT_PREFIX_LIST), 5);
    assert_int_equal(count(&p, TW_FACT_ROUTE_MAP), 1);
    for (size_t i = 0; i < N(policy_rows); i++) {
        if (!has(&p, policy_rows[i].kind, policy_rows[i].line, policy_rows[i].field,
                 policy_rows[i].value, policy_rows[i].field_line))
            fail_msg("row %zu: no %s at line %u with %s=%s", i,
                     tw_fact_kind_name(policy_rows[i].kind), policy_rows[i].line,
                     policy_rows[i].field, policy_rows[i].value);
    }
    /* drop, pass, apply and the "no" form and the line without a direction
     * give nothing */
    assert_int_equal(nfields_at(&p, TW_FACT_ROUTE_MAP, 9, "match"), 3);
    assert_int_equal(nfields_at(&p, TW_FACT_ROUTE_MAP, 9, "set"), 2);
    assert_int_equal(nfields_at(&p, TW_FACT_INTERFACE, 23, "acl_in"), 2);
    assert_int_equal(nfields_at(&p, TW_FACT_INTERFACE, 23, "acl_out"), 3);
    done(&p);
}

/* Statements that give no fact of a kind (or n of them): malformed ones
 * with a warning at their line. */
static const struct {
    const char *cfg;
    tw_fact_kind kind;
    size_t n, warnings;
    uint32_t line;
} policy_none[] = {
    {"prefix-set P\n  10.0.0.1 le 24\nend-set\n", TW_FACT_PREFIX_LIST, 0, 1, 2},
    {"prefix-set P\n  10.0.0.0/8 le 33\nend-set\n", TW_FACT_PREFIX_LIST, 0, 1, 2},
    {"prefix-set P\n  10.0.0.0/8 ge 9 ge 10\nend-set\n", TW_FACT_PREFIX_LIST, 0, 1, 2},
    {"prefix-set P\n  10.0.0.0/8 upto 24\nend-set\n", TW_FACT_PREFIX_LIST, 0, 1, 2},
    {"prefix-set P\n  10.0.0.0/8 le,\n  10.1.0.0/16\nend-set\n", TW_FACT_PREFIX_LIST, 1, 1, 2},
    {"prefix-set P\nend-set\n", TW_FACT_PREFIX_LIST, 0, 0, 0},
    {"no prefix-set P\n", TW_FACT_PREFIX_LIST, 0, 0, 0},
    {"route-policy R\n  if then\n    drop\n  endif\nend-policy\n", TW_FACT_ROUTE_MAP, 1, 1, 2},
    {"no route-policy R\n", TW_FACT_ROUTE_MAP, 0, 0, 0},
    {"route-policy\n", TW_FACT_ROUTE_MAP, 0, 0, 0},
};

static void test_policy_none(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(policy_none); i++) {
        parsed p = {0};
        print_message("row %zu: %s", i, policy_none[i].cfg);
        parse_n(&p, policy_none[i].cfg, strlen(policy_none[i].cfg));
        assert_int_equal(p.rc, TW_OK);
        assert_int_equal(count(&p, policy_none[i].kind), policy_none[i].n);
        assert_int_equal(p.diags.n, policy_none[i].warnings);
        for (size_t k = 0; k < p.diags.n; k++)
            assert_int_equal(p.diags.v[k].line, policy_none[i].line);
        for (size_t k = 0; k < p.diags.n; k++)
            assert_string_equal(p.diags.v[k].file, "t.cfg");
        done(&p);
    }
}

/* A route-policy longer than a fact holds: the statements that fit, one
 * warning at the first left out. */
static void test_policy_limit(void **state)
{
    char cfg[8192];
    size_t n = (size_t)snprintf(cfg, sizeof(cfg), "route-policy BIG\n");
    parsed p = {0};

    (void)state;
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(cfg + n, sizeof(cfg) - n, "  set community (1:%d) additive\n", i);
    snprintf(cfg + n, sizeof(cfg) - n, "end-policy\n");
    parse_n(&p, cfg, strlen(cfg));
    assert_int_equal(p.rc, TW_OK);
    assert_int_equal(p.diags.n, 1);
    assert_int_equal(p.diags.v[0].line, 2 + TW_LIMIT_FIELDS - 3);
    assert_int_equal(count(&p, TW_FACT_ROUTE_MAP), 1);
    assert_int_equal(nfields_at(&p, TW_FACT_ROUTE_MAP, 1, "set"), TW_LIMIT_FIELDS - 3);
    done(&p);
}

/* Hostile input: no crash, no read past the end, a warning for a bad
 * line, the dialect set. */
static void test_hostile(void **state)
{
    static const char *const cfgs[] = {
        "",
        "!",
        "!!",
        "banner login ^\n",
        "interface\n",
        "ipv4 access-list A\n 10 permit\n",
        "ipv4 access-list A\n 10 permit tcp host\n",
        "username\n",
        "tacacs-server host\n",
        "monitor-session\n",
        "router static\n address-family ipv4 unicast\n  ::/0\n",
        "snmp-server host 192.0.2.1 traps version\n",
        " key\n",
        "\n\n\n  \t\n",
        "secret\npassword\nkey-string\nencrypted\n",
        "router bgp 1\n neighbor\n neighbor-group\n session-group\n",
        "router bgp 1\n neighbor 192.0.2.1\n  remote-as 99999999999999999999\n  remote-as 1.\n"
        "  remote-as .5\n  remote-as 70000.1\n  use\n  use neighbor-group\n  password\n",
        "router bgp 1\n vrf\n  neighbor 192.0.2.1\n",
        "ikev2 proposal\ncrypto ikev2\nikev2 proposal P\n dh\n group group\n encryption\n",
        "logging tls-server\nlogging trap\nlogging tls-server T\n address ipv4\n severity x\n",
        "aaa password-policy\naaa password-policy P\n min-length\n lockout-time\n",
        "line default\n exec-timeout 999999999999999999 59\n exec-timeout 1 x\n",
        "ssh server algorithms\nssh server algorithms cipher\nssh server enable cipher\n",
        "snmp-server community\nsnmp-server community encrypted\nsnmp-server community clear\n",
        "snmp-server user U G v3 auth\nsnmp-server user U G v3 priv aes\n",
        "tacacs-server key\nradius-server key 7\n",
        "interface Gi0\n ipv4 redirects\n proxy-arp\n",
    };
    size_t big = 200000;
    char *long_line = malloc(big);

    (void)state;
    for (size_t i = 0; i < N(cfgs); i++) {
        parsed p = {0};
        parse_n(&p, cfgs[i], strlen(cfgs[i]));
        assert_int_equal(p.rc, TW_OK);
        assert_int_equal(p.fs.dialect, TW_DIALECT_IOSXR);
        done(&p);
    }
    assert_non_null(long_line);
    memset(long_line, 'a', big);
    memcpy(long_line, "hostname ", 9);
    {
        parsed p = {0};
        parse_n(&p, long_line, big);
        assert_int_equal(p.rc, TW_OK);
        assert_int_equal(count(&p, TW_FACT_HOSTNAME), 1);
        done(&p);
    }
    {
        parsed p = {0};
        static const char bad[] = "ipv4 access-list A\n 10 permit tcp host nothost any\n";
        parse_n(&p, bad, sizeof(bad) - 1);
        assert_int_equal(p.diags.n, 1);
        assert_int_equal(p.diags.v[0].line, 2);
        done(&p);
    }
    free(long_line);
}

/* More BGP groups than are kept: a warning, no crash, the neighbours still
 * emitted. */
static void test_bgp_limits(void **state)
{
    size_t cap = 700 * 40 + 64;
    char *cfg = malloc(cap);
    size_t n = 0;
    parsed p = {0};

    (void)state;
    assert_non_null(cfg);
    n += (size_t)snprintf(cfg + n, cap - n, "router bgp 1\n");
    for (int i = 0; i < 600; i++)
        n += (size_t)snprintf(cfg + n, cap - n, " neighbor-group G%d\n  remote-as %d\n", i, i);
    n += (size_t)snprintf(cfg + n, cap - n, " neighbor 192.0.2.1\n  use neighbor-group G599\n");
    parse_n(&p, cfg, n);
    assert_int_equal(p.rc, TW_OK);
    assert_int_equal(p.diags.n, 1);
    assert_int_equal(count(&p, TW_FACT_ROUTING_PEER), 1);
    assert_true(has(&p, TW_FACT_ROUTING_PEER, 1202, "auth", "false", 0));
    done(&p);
    free(cfg);
}

/* ---- corpus ------------------------------------------------------------ */

#define CONFIGS TW_CORPUS_DIR "/configs"

/* Fact counts per IOS XR file of the corpus (regenerate when the parser
 * changes on purpose: the failing assertion prints the new number). */
static const struct {
    const char *path;
    size_t facts;
} corpus_want[] = {
    {"batfish-unit/ios_xr_acl", 46},          {"batfish-unit/ios_xr_logging", 2},
    {"batfish-unit/ios_xr_misc", 1},          {"batfish-unit/ios_xr_multipart", 5},
    {"batfish-unit/ios_xr_ntp", 4},           {"batfish-unit/ios_xr_ssh", 3},
    {"batfish-unit/ios_xr_taskgroup", 1},     {"ciscoconfparse2/sample_01.iosxr", 139},
    {"ciscoconfparse2/sample_02.iosxr", 25},  {"ciscoconfparse2/sample_03.iosxr", 22},
    {"ciscoconfparse2/sample_04.iosxr", 43},  {"ciscoconfparse2/sample_05.iosxr", 272},
    {"ciscoconfparse2/sample_06.iosxr", 225}, {"ciscoconfparse2/sample_07.iosxr", 212},
};

/* IOS XR by content: an XR header or RANCID type, an XR-only group, or
 * "ipv4 address" on interfaces with no IOS "ip address". */
static bool looks_xr(const char *data, size_t len)
{
    tw_str s = tw_str_make(data, len);

    return contains(s, "!! IOS XR") || contains(s, "cisco-xr") || contains(s, "root-lr") ||
           (contains(s, "\n ipv4 address ") && !contains(s, "\n ip address "));
}

static size_t want_for(const char *rel)
{
    for (size_t i = 0; i < N(corpus_want); i++) {
        if (strcmp(corpus_want[i].path, rel) == 0)
            return corpus_want[i].facts;
    }
    return SIZE_MAX;
}

static void corpus_file(const char *rel, size_t *found)
{
    char path[2048];
    size_t len = 0;
    char *data;

    snprintf(path, sizeof(path), "%s/%s", CONFIGS, rel);
    data = cfg_slurp(path, &len);
    assert_non_null(data);
    if (looks_xr(data, len)) {
        parsed p = {0};
        parse_n(&p, data, len);
        assert_int_equal(p.rc, TW_OK);
        assert_int_equal(p.diags.errors, 0);
        if (p.fs.n != want_for(rel))
            fail_msg("%s: %zu facts, want %zu", rel, p.fs.n, want_for(rel));
        (*found)++;
        done(&p);
    }
    free(data);
}

static void corpus_dir(const char *sub, size_t *found, int depth)
{
    char path[2048], rel[1024];
    DIR *d;
    struct dirent *e;
    struct stat st;

    snprintf(path, sizeof(path), "%s/%s", CONFIGS, sub);
    d = opendir(path);
    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(rel, sizeof(rel), "%s/%s", sub, e->d_name);
        snprintf(path, sizeof(path), "%s/%s", CONFIGS, rel);
        if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
            corpus_file(rel, found);
        else if (depth < 8 && S_ISDIR(st.st_mode))
            corpus_dir(rel, found, depth + 1);
    }
    closedir(d);
}

static void test_corpus(void **state)
{
    size_t found = 0;
    DIR *d = opendir(CONFIGS);
    struct dirent *e;

    (void)state;
    if (d == NULL)
        skip();
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] != '.')
            corpus_dir(e->d_name, &found, 0);
    }
    closedir(d);
    assert_int_equal(found, N(corpus_want));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_facts),   cmocka_unit_test(test_fixture_counts),
        cmocka_unit_test(test_no_secret_leaks), cmocka_unit_test(test_inline),
        cmocka_unit_test(test_hostile),         cmocka_unit_test(test_corpus),
        cmocka_unit_test(test_lacks),           cmocka_unit_test(test_bgp_limits),
        cmocka_unit_test(test_policy),          cmocka_unit_test(test_policy_none),
        cmocka_unit_test(test_policy_limit),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
