/*
 * test_asa.c: the Cisco ASA parser (lib/parse/asa*.c).
 *
 * Table-driven.  Two fixtures written for this project (data/asa): a clean
 * hardened ASA 9.8 firewall and one with planted AA25-239A artefacts; rows
 * expect a fact of a kind at an exact line with a field value (and, for
 * block fields, the field's own line), and counts per kind.  The built-in
 * rules and indicators are applied to both: the planted one gives each
 * expected compromise finding at its line, the clean one none.  Small
 * inline configurations cover object and name resolution, line-ending
 * damage, secret redaction and the limits; the public corpus (when
 * present) checks that the ASA files parse without a diagnostic, with
 * their fact counts per file.
 */
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
#include "tidewatch/finding.h"
#include "tidewatch/ioc.h"
#include "tidewatch/rules.h"

#include "config_test_util.h"

#define DATA TW_SOURCE_DIR "/tests/unit/data/asa/"
#define CONFIGS TW_CORPUS_DIR "/configs"
#define ANY_LINE CFG_ANY_LINE

CFG_TEST_WRAPPERS(tw_parse_asa)

/* ---- the fixtures ------------------------------------------------------- */

typedef struct {
    const char *file;
    tw_fact_kind kind;
    uint32_t line;
    const char *field, *value;
    uint32_t field_line;
} fact_row;

#define CLEAN "fw-clean.cfg"
#define PLANTED "fw-planted.cfg"

static const fact_row fact_rows[] = {
    {CLEAN, TW_FACT_VERSION, 5, "version", "9.8(4)", 0},
    {CLEAN, TW_FACT_HOSTNAME, 7, "name", "tw-fw1", 0},
    {CLEAN, TW_FACT_HOSTNAME, 7, "domain", "example.net", 8},
    {CLEAN, TW_FACT_SECRET, 9, "owner", "enable", 0},
    {CLEAN, TW_FACT_SECRET, 9, "type", "8", 0},
    {CLEAN, TW_FACT_LOCAL_USER, 10, "privilege", "15", 0},
    {CLEAN, TW_FACT_LOCAL_USER, 10, "secret_type", "8", 0},
    {CLEAN, TW_FACT_LOCAL_USER, 10, "form", "secret", 0},
    {CLEAN, TW_FACT_LOCAL_USER, 11, "privilege", "5", 0},
    {CLEAN, TW_FACT_INTERFACE, 15, "nameif", "outside", 16},
    {CLEAN, TW_FACT_INTERFACE, 15, "security_level", "0", 17},
    {CLEAN, TW_FACT_INTERFACE, 15, "address", "198.51.100.2", 18},
    {CLEAN, TW_FACT_INTERFACE, 15, "acl_in", "OUTSIDE_IN", 59},
    {CLEAN, TW_FACT_INTERFACE, 20, "acl_in", "INSIDE_IN", 60},
    {CLEAN, TW_FACT_INTERFACE, 25, "shutdown", "true", 0},
    {CLEAN, TW_FACT_INTERFACE, 25, "nameif", NULL, 0},
    {CLEAN, TW_FACT_INTERFACE, 31, "management_only", "true", 32},
    {CLEAN, TW_FACT_SERVICE, 37, "name", "banner", 0},
    {CLEAN, TW_FACT_SERVICE, 39, "min_length", "14", 0},
    {CLEAN, TW_FACT_ACL_ENTRY, 50, "dst", "10.1.0.80", 0},
    {CLEAN, TW_FACT_ACL_ENTRY, 50, "dst", "10.1.1.0/24", 0},
    {CLEAN, TW_FACT_ACL_ENTRY, 50, "dst_group", "dmz-hosts", 0},
    {CLEAN, TW_FACT_ACL_ENTRY, 50, "dst_port", "object-group web-ports", 0},
    {CLEAN, TW_FACT_ACL_ENTRY, 51, "src", "any", 0},
    {CLEAN, TW_FACT_ACL_ENTRY, 53, "dst", "10.20.0.0/16", 0},
    {CLEAN, TW_FACT_LOGGING, 54, "setting", "on", 0},
    {CLEAN, TW_FACT_LOGGING, 57, "severity", "5", 0},
    {CLEAN, TW_FACT_LOGGING_HOST, 58, "transport", "tls", 0},
    {CLEAN, TW_FACT_LOGGING_HOST, 58, "port", "6514", 0},
    {CLEAN, TW_FACT_ROUTE, 61, "prefix", "any", 0},
    {CLEAN, TW_FACT_ROUTE, 62, "next_hop", "10.250.0.1", 0},
    {CLEAN, TW_FACT_AAA_SERVER, 64, "protocol", "tacacs", 0},
    {CLEAN, TW_FACT_AAA_SERVER, 64, "name", "tacacs-a", 0},
    {CLEAN, TW_FACT_AAA_SERVER, 64, "key_type", "6", 65},
    {CLEAN, TW_FACT_SECRET, 65, "owner", "tacacs tacacs-a", 0},
    {CLEAN, TW_FACT_AAA_METHOD, 66, "method", "group TACGRP", 0},
    {CLEAN, TW_FACT_AAA_METHOD, 66, "service", "login", 0},
    {CLEAN, TW_FACT_AAA_METHOD, 68, "service", "commands", 0},
    {CLEAN, TW_FACT_AAA_METHOD, 69, "type", "accounting", 0},
    {CLEAN, TW_FACT_AAA_METHOD, 69, "level", "15", 0},
    {CLEAN, TW_FACT_SERVICE, 70, "name", "login-block", 0},
    {CLEAN, TW_FACT_SERVICE, 71, "name", "https", 0},
    {CLEAN, TW_FACT_SERVICE, 72, "source", "10.250.0.0/16", 0},
    {CLEAN, TW_FACT_SERVICE, 72, "enabled", NULL, 0},
    {CLEAN, TW_FACT_SNMP_USER, 74, "auth", "sha256", 0},
    {CLEAN, TW_FACT_SNMP_USER, 74, "priv", "aes256", 0},
    {CLEAN, TW_FACT_SNMP_HOST, 75, "version", "3", 0},
    {CLEAN, TW_FACT_CRYPTO_PROPOSAL, 76, "protocol", "ipsec", 0},
    {CLEAN, TW_FACT_CRYPTO_PROPOSAL, 76, "integrity", "sha512", 78},
    {CLEAN, TW_FACT_TUNNEL, 80, "destination", "198.51.100.77", 0},
    {CLEAN, TW_FACT_TUNNEL, 80, "name", "OUTSIDE_MAP 10", 0},
    {CLEAN, TW_FACT_CRYPTO_PROPOSAL, 83, "encryption", "aes256", 84},
    {CLEAN, TW_FACT_CRYPTO_PROPOSAL, 83, "group", "21", 86},
    {CLEAN, TW_FACT_TUNNEL, 90, "mode", "ipsec-l2l", 0},
    {CLEAN, TW_FACT_SECRET, 92, "type", "6", 0},
    {CLEAN, TW_FACT_SERVICE, 95, "interface", "management", 0},
    {CLEAN, TW_FACT_SERVICE, 97, "version", "2", 0},
    {CLEAN, TW_FACT_SERVICE, 98, "kex", "curve25519-sha256", 0},
    {CLEAN, TW_FACT_SERVICE, 99, "cipher", "aes192-ctr", 0},
    {CLEAN, TW_FACT_SERVICE, 100, "mac", "hmac-sha2-256", 0},
    {CLEAN, TW_FACT_SECRET, 101, "owner", "ntp", 0},
    {CLEAN, TW_FACT_SERVICE, 102, "name", "ntp-authenticate", 0},
    {CLEAN, TW_FACT_NTP_SERVER, 104, "key", "1", 0},
    {CLEAN, TW_FACT_NTP_SERVER, 104, "interface", "management", 0},
    {PLANTED, TW_FACT_SECRET, 6, "strength", "weak", 0},
    {PLANTED, TW_FACT_SECRET, 7, "owner", "line", 0},
    {PLANTED, TW_FACT_SECRET, 7, "type", "5", 0},
    {PLANTED, TW_FACT_LOCAL_USER, 9, "name", "cisco_support", 0},
    {PLANTED, TW_FACT_LOCAL_USER, 9, "secret_type", "5", 0},
    {PLANTED, TW_FACT_ACL_ENTRY, 26, "src", "45.61.133.77", 0},
    {PLANTED, TW_FACT_ACL_ENTRY, 26, "dst_port", "eq ssh", 0},
    {PLANTED, TW_FACT_ACL_ENTRY, 27, "src", "167.88.173.252", 0},
    {PLANTED, TW_FACT_ACL_ENTRY, 27, "src", "192.0.2.0/24", 0},
    {PLANTED, TW_FACT_ACL_ENTRY, 27, "src_group", "partners", 0},
    {PLANTED, TW_FACT_INTERFACE, 16, "acl_in", NULL, 0},
    {PLANTED, TW_FACT_AAA_SERVER, 39, "address", "45.61.133.61", 0},
    {PLANTED, TW_FACT_AAA_SERVER, 39, "interface", "outside", 0},
    {PLANTED, TW_FACT_AAA_SERVER, 39, "key_type", "0", 40},
    {PLANTED, TW_FACT_SERVICE, 42, "port", "18443", 0},
    {PLANTED, TW_FACT_SERVICE, 43, "source", "any", 0},
    {PLANTED, TW_FACT_SNMP_COMMUNITY, 44, "strength", "weak", 0},
    {PLANTED, TW_FACT_SNMP_COMMUNITY, 44, "access", "ro", 0},
    {PLANTED, TW_FACT_SNMP_HOST, 45, "version", "2c", 0},
    {PLANTED, TW_FACT_CRYPTO_PROPOSAL, 46, "encryption", "3des", 48},
    {PLANTED, TW_FACT_CRYPTO_PROPOSAL, 46, "integrity", "md5", 49},
    {PLANTED, TW_FACT_CRYPTO_PROPOSAL, 46, "version", "ikev1", 0},
    {PLANTED, TW_FACT_TUNNEL, 51, "destination", "172.86.70.73", 0},
    {PLANTED, TW_FACT_TUNNEL, 53, "destination", "172.86.70.73", 0},
    {PLANTED, TW_FACT_SECRET, 55, "owner", "isakmp 172.86.70.73", 0},
    {PLANTED, TW_FACT_CAPTURE, 56, "match", "tcp any any eq 49", 0},
    {PLANTED, TW_FACT_CAPTURE, 56, "interface", "inside", 0},
    {PLANTED, TW_FACT_CAPTURE, 57, "match", "access-list CAP_ACL", 0},
    {PLANTED, TW_FACT_SERVICE, 58, "name", "telnet", 0},
    {PLANTED, TW_FACT_SERVICE, 59, "source", "any", 0},
    {PLANTED, TW_FACT_SERVICE, 59, "enabled", "true", 0},
    {PLANTED, TW_FACT_SERVICE, 60, "version", "1", 0},
    {PLANTED, TW_FACT_NTP_SERVER, 61, "address", "45.61.133.31", 0},
    {PLANTED, TW_FACT_ADDRESS, 22, "value", "167.88.173.252", 0},
};

static void test_fixture_facts(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(fact_rows) / sizeof(fact_rows[0]); i++) {
        const fact_row *r = &fact_rows[i];
        char path[512];
        parsed p = {0};
        snprintf(path, sizeof(path), DATA "%s", r->file);
        parse_file(&p, path);
        assert_int_equal(p.rc, TW_OK);
        row_ok(i, has_or_lacks(&p, r->kind, r->line, r->field, r->value, r->field_line));
        done(&p);
    }
}

typedef struct {
    const char *file;
    tw_fact_kind kind;
    size_t n;
} count_row;

static const count_row count_rows[] = {
    {CLEAN, TW_FACT_LOCAL_USER, 2},   {CLEAN, TW_FACT_SECRET, 7},
    {CLEAN, TW_FACT_AAA_SERVER, 1},   {CLEAN, TW_FACT_AAA_METHOD, 4},
    {CLEAN, TW_FACT_INTERFACE, 4},    {CLEAN, TW_FACT_ACL_ENTRY, 4},
    {CLEAN, TW_FACT_TUNNEL, 2},       {CLEAN, TW_FACT_CRYPTO_PROPOSAL, 2},
    {CLEAN, TW_FACT_SERVICE, 11},     {CLEAN, TW_FACT_CAPTURE, 0},
    {CLEAN, TW_FACT_LOGGING, 4},      {CLEAN, TW_FACT_ROUTE, 2},
    {PLANTED, TW_FACT_LOCAL_USER, 2}, {PLANTED, TW_FACT_SECRET, 7},
    {PLANTED, TW_FACT_AAA_SERVER, 2}, {PLANTED, TW_FACT_ACL_ENTRY, 4},
    {PLANTED, TW_FACT_TUNNEL, 2},     {PLANTED, TW_FACT_CAPTURE, 2},
    {PLANTED, TW_FACT_SERVICE, 5},    {PLANTED, TW_FACT_SNMP_COMMUNITY, 1},
    {PLANTED, TW_FACT_VERSION, 1},    {PLANTED, TW_FACT_HOSTNAME, 1},
};

static void test_fixture_counts(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(count_rows) / sizeof(count_rows[0]); i++) {
        char path[512];
        parsed p = {0};
        snprintf(path, sizeof(path), DATA "%s", count_rows[i].file);
        parse_file(&p, path);
        assert_int_equal(p.diags.n, 0);
        row_ok(i, count(&p, count_rows[i].kind) == count_rows[i].n);
        done(&p);
    }
}

/* ---- rules on the fixtures -------------------------------------------- */

typedef struct {
    const char *rule;
    uint32_t line;
} finding_row;

static const finding_row planted_findings[] = {
    {"TW-AA-IMPLANT-USER", 9},    {"TW-AA-IOC-CONFIG", 22},    {"TW-AA-IOC-ACL", 26},
    {"TW-AA-IOC-ACL", 27},        {"TW-AA-IOC-AAA", 39},       {"TW-AA-HTTP-PORT-PATTERN", 42},
    {"TW-AA-MGMT-OPEN", 43},      {"TW-AA-IOC-TUNNEL", 51},    {"TW-AA-TUNNEL-PUBLIC", 51},
    {"TW-AA-IOC-TUNNEL", 53},     {"TW-AA-TUNNEL-PUBLIC", 53}, {"TW-AA-IOC-CONFIG", 54},
    {"TW-AA-CAPTURE-TACACS", 56}, {"TW-AA-CAPTURE", 57},       {"TW-AA-MGMT-OPEN", 59},
    {"TW-AA-IOC-NTP", 61},
};

static void test_rules_planted(void **state)
{
    audited a;

    (void)state;
    audit(&a, DATA PLANTED);
    for (size_t i = 0; i < sizeof(planted_findings) / sizeof(planted_findings[0]); i++)
        row_ok(i, cfg_findings(&a.fl, TW_CAT_COMPROMISE, planted_findings[i].rule,
                               planted_findings[i].line) == 1);
    assert_int_equal(cfg_findings(&a.fl, TW_CAT_COMPROMISE, NULL, ANY_LINE),
                     sizeof(planted_findings) / sizeof(planted_findings[0]));
    /* hardening rules that read ASA facts */
    assert_int_equal(cfg_findings(&a.fl, TW_CAT_HARDENING, "TW-HARD-SSH-V1", 60), 1);
    assert_int_equal(cfg_findings(&a.fl, TW_CAT_HARDENING, "TW-HARD-TELNET-SERVICE", 58), 1);
    assert_int_equal(cfg_findings(&a.fl, TW_CAT_HARDENING, "TW-HARD-IKE-WEAK-HASH", 49), 1);
    assert_int_equal(cfg_findings(&a.fl, TW_CAT_HARDENING, "TW-HARD-PASSWORD-WEAK-HASH", 9), 1);
    assert_int_equal(cfg_findings(&a.fl, TW_CAT_HARDENING, "TW-HARD-NO-AAA-ACCOUNTING", 0), 1);
    unaudit(&a);
}

static void test_rules_clean(void **state)
{
    audited a;

    (void)state;
    audit(&a, DATA CLEAN);
    assert_int_equal(cfg_findings(&a.fl, TW_CAT_COMPROMISE, NULL, ANY_LINE), 0);
    /* the one hardening finding left: ASDM (HTTPS) is enabled, for the management network */
    assert_int_equal(cfg_findings(&a.fl, TW_CAT_HARDENING, NULL, ANY_LINE), 1);
    assert_int_equal(cfg_findings(&a.fl, TW_CAT_HARDENING, "TW-HARD-HTTPS-SERVER", 71), 1);
    unaudit(&a);
}

/* ---- inline configurations -------------------------------------------- */

typedef struct {
    const char *cfg;
    tw_fact_kind kind;
    uint32_t line;
    const char *field, *value;
    uint32_t field_line;
} inline_row;

static const inline_row inline_rows[] = {
    /* names and objects, defined before use, nested, as ranges */
    {"name 192.0.2.9 h1\naccess-list A extended permit ip host h1 any\n", TW_FACT_ACL_ENTRY, 2,
     "src", "192.0.2.9", 0},
    {"name 192.0.2.0 n1\naccess-list A extended permit ip n1 255.255.255.0 any\n",
     TW_FACT_ACL_ENTRY, 2, "src", "192.0.2.0/24", 0},
    {"object network o\n range 10.0.0.4 10.0.0.7\naccess-list A extended permit ip object o any\n",
     TW_FACT_ACL_ENTRY, 3, "src", "10.0.0.4/30", 0},
    {"object network o\n range 10.0.0.3 10.0.0.4\naccess-list A extended permit ip object o any\n",
     TW_FACT_ACL_ENTRY, 3, "src", "10.0.0.4", 0},
    {"object network o\n subnet 2001:db8::/32\naccess-list A extended permit ip object o any\n",
     TW_FACT_ACL_ENTRY, 3, "family", "ipv6", 0},
    {"object-group network in\n network-object host 192.0.2.5\nobject-group network out\n "
     "group-object in\naccess-list A extended deny tcp any object-group out eq 22\n",
     TW_FACT_ACL_ENTRY, 5, "dst", "192.0.2.5", 0},
    {"access-list A extended permit tcp any object-group undefined eq 22\n", TW_FACT_ACL_ENTRY, 1,
     "dst", "object-group undefined", 0},
    {"access-list A line 3 extended permit tcp any interface outside eq 22\n", TW_FACT_ACL_ENTRY, 1,
     "seq", "3", 0},
    {"access-list A extended permit tcp any interface outside eq 22\n", TW_FACT_ACL_ENTRY, 1, "dst",
     "interface outside", 0},
    {"access-list A standard permit 10.0.0.0 255.0.0.0\n", TW_FACT_ACL_ENTRY, 1, "protocol", NULL,
     0},
    {"access-list A extended permit object-group SVC any any\n", TW_FACT_ACL_ENTRY, 1, "protocol",
     "object-group SVC", 0},
    {"access-list A permit udp any4 host 192.0.2.1 eq snmp\n", TW_FACT_ACL_ENTRY, 1, "dst_port",
     "eq snmp", 0},
    /* line endings, BOM, no final newline */
    {"\xEF\xBB\xBFhostname fw\r\nntp server 192.0.2.1\r\n", TW_FACT_NTP_SERVER, 2, "address",
     "192.0.2.1", 0},
    {"logging host inside 192.0.2.9 17/514", TW_FACT_LOGGING_HOST, 1, "transport", "udp", 0},
    /* access groups written before their interface, and the global default */
    {"access-group X out interface in\ninterface Gi0\n nameif in\n", TW_FACT_INTERFACE, 2,
     "acl_out", "X", 1},
    {"hostname fw\n", TW_FACT_LOGGING, 0, "enabled", "false", 0},
    {"username u nopassword privilege 15\n", TW_FACT_LOCAL_USER, 1, "form", "nopassword", 0},
    {"username u password plaintextpw\n", TW_FACT_LOCAL_USER, 1, "privilege", "2", 0},
    {"username u password plaintextpw\n", TW_FACT_SECRET, 1, "strength", "weak", 0},
    {"username u password x nt-encrypted\n", TW_FACT_SECRET, 1, "type", "5", 0},
    {"aaa-server R protocol radius\naaa-server R host 192.0.2.7 key 8 K\n", TW_FACT_AAA_SERVER, 2,
     "key_type", "6", 0},
    {"aaa-server L protocol ldap\naaa-server L (inside) host 192.0.2.8\n ldap-login-password P\n",
     TW_FACT_SECRET, 3, "owner", "ldap 192.0.2.8", 0},
    {"aaa-server T (inside) host 192.0.2.8\n", TW_FACT_AAA_SERVER, 1, "protocol", "unknown", 0},
    {"ssh 2001:db8::/32 inside\n", TW_FACT_SERVICE, 1, "source", "2001:db8::/32", 0},
    {"ssh cipher encryption all\n", TW_FACT_SERVICE, 1, "cipher", "3des-cbc", 0},
    {"ssh key-exchange group dh-group1-sha1\n", TW_FACT_SERVICE, 1, "kex",
     "diffie-hellman-group1-sha1", 0},
    {"crypto ipsec ikev1 transform-set TS esp-aes-256 esp-sha-hmac\n", TW_FACT_CRYPTO_PROPOSAL, 1,
     "integrity", "sha1", 0},
    {"crypto map M 1 set peer 192.0.2.1 192.0.2.2\n", TW_FACT_TUNNEL, 1, "destination", "192.0.2.2",
     0},
    {"ipv6 route outside ::/0 2001:db8::1\n", TW_FACT_ROUTE, 1, "next_hop", "2001:db8::1", 0},
    {"snmp-server user U G v3 auth md5 K priv 3des K\n", TW_FACT_SNMP_USER, 1, "priv", "3des", 0},
    {"banner motd a\nbanner motd b\nbanner login c\n", TW_FACT_SERVICE, 3, "name", "banner", 0},
};

static void test_inline(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(inline_rows) / sizeof(inline_rows[0]); i++) {
        const inline_row *r = &inline_rows[i];
        parsed p = {0};
        parse_n(&p, r->cfg, strlen(r->cfg));
        assert_int_equal(p.rc, TW_OK);
        row_ok(i, has_or_lacks(&p, r->kind, r->line, r->field, r->value, r->field_line));
        done(&p);
    }
}

typedef struct {
    const char *cfg;
    tw_fact_kind kind;
    size_t n;
    size_t diags;
} inline_count;

static const inline_count inline_counts[] = {
    {"access-list A remark permit ip host 192.0.2.1 any\n", TW_FACT_ACL_ENTRY, 0, 0},
    {"access-list A extended permit tcp host\n", TW_FACT_ACL_ENTRY, 0, 1},
    {"access-list A webtype permit url any\n", TW_FACT_ACL_ENTRY, 0, 0},
    {"banner motd a\nbanner motd b\n", TW_FACT_SERVICE, 1, 0},
    {"route outside 10.0.0.0 255.0.255.0 192.0.2.1\n", TW_FACT_ROUTE, 0, 1},
    {"access-group X in interface nowhere\n", TW_FACT_INTERFACE, 0, 1},
    {"object network o\n host not-an-address\n", TW_FACT_ACL_ENTRY, 0, 1},
    {"crypto ca certificate chain T\n certificate 01\n  3082 0a0b 1.2.3.4\n  quit\n",
     TW_FACT_ADDRESS, 0, 0},
    {"logging enable\n", TW_FACT_LOGGING, 1, 0},
    {"username u attributes\n service-type admin\n", TW_FACT_LOCAL_USER, 0, 0},
    {"tunnel-group VPN type remote-access\n", TW_FACT_TUNNEL, 0, 0},
};

static void test_inline_counts(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(inline_counts) / sizeof(inline_counts[0]); i++) {
        const inline_count *r = &inline_counts[i];
        parsed p = {0};
        parse_n(&p, r->cfg, strlen(r->cfg));
        assert_int_equal(p.rc, TW_OK);
        row_ok(i, count(&p, r->kind) == r->n && p.diags.n == r->diags);
        done(&p);
    }
}

/* A diagnostic names the file and the line. */
static void test_diag_line(void **state)
{
    parsed p = {0};

    (void)state;
    parse(&p, "hostname fw\naccess-list A extended permit ip 10.0.0.1\nntp server 192.0.2.1\n");
    assert_int_equal(p.diags.n, 1);
    assert_string_equal(p.diags.v[0].file, "t.cfg");
    assert_int_equal(p.diags.v[0].line, 2);
    assert_true(has(&p, TW_FACT_NTP_SERVER, 3, "address", "192.0.2.1", 0));
    done(&p);
}

/* NUL bytes inside a line are dropped. */
static void test_nul(void **state)
{
    static const char cfg[] = "host\0name fw\nntp server 192.0.\0002.1\n";
    parsed p = {0};

    (void)state;
    parse_n(&p, cfg, sizeof(cfg) - 1);
    assert_true(has(&p, TW_FACT_HOSTNAME, 1, "name", "fw", 0));
    assert_true(has(&p, TW_FACT_NTP_SERVER, 2, "address", "192.0.2.1", 0));
    done(&p);
}

/* ---- secrets ------------------------------------------------------------- */

static const char secret_cfg[] =
    "enable password HASHONE encrypted\n"
    "passwd HASHTWO encrypted\n"
    "username a password HASHTHREE pbkdf2 privilege 15\n"
    "username b password PLAINFOUR\n"
    "aaa-server T protocol tacacs+\n"
    "aaa-server T (inside) host 192.0.2.1\n"
    " key KEYFIVE\n"
    "aaa-server T (inside) host 192.0.2.2 key KEYSIX\n"
    "aaa-server L protocol ldap\n"
    "aaa-server L (inside) host 192.0.2.3\n"
    " ldap-login-password LDAPSEVEN\n"
    "snmp-server community COMMEIGHT\n"
    "snmp-server host inside 192.0.2.4 community COMMNINE version 2c\n"
    "snmp-server user u g v3 auth sha AUTHTEN priv aes 256 PRIVELEVEN\n"
    "ntp authentication-key 1 md5 NTPTWELVE\n"
    "failover key FOTHIRTEEN\n"
    "tunnel-group 192.0.2.5 ipsec-attributes\n"
    " ikev1 pre-shared-key PSKFOURTEEN\n"
    " ikev2 remote-authentication pre-shared-key PSKFIFTEEN\n"
    "crypto isakmp key PSKSIXTEEN address 192.0.2.6\n"
    "interface Gi0\n"
    " ospf message-digest-key 1 md5 OSPFSEVENTEEN\n"
    "key config-key password-encryption NEWEIGHTEEN OLDNINETEEN\n";

static const char *const secret_words[] = {
    "HASHONE",    "HASHTWO",       "HASHTHREE",   "PLAINFOUR",   "KEYFIVE",
    "KEYSIX",     "LDAPSEVEN",     "COMMEIGHT",   "COMMNINE",    "AUTHTEN",
    "PRIVELEVEN", "NTPTWELVE",     "FOTHIRTEEN",  "PSKFOURTEEN", "PSKFIFTEEN",
    "PSKSIXTEEN", "OSPFSEVENTEEN", "NEWEIGHTEEN", "OLDNINETEEN",
};

static void test_secrets_redacted(void **state)
{
    parsed p = {0};
    size_t seen = 0;

    (void)state;
    parse_n(&p, secret_cfg, strlen(secret_cfg));
    for (size_t w = 0; w < sizeof(secret_words) / sizeof(secret_words[0]); w++)
        row_ok(w, !leaks(&p, secret_words[w]));
    seen = count(&p, TW_FACT_SECRET);
    assert_int_equal(seen, 11);
    assert_int_equal(count(&p, TW_FACT_SNMP_COMMUNITY), 1);
    assert_int_equal(count(&p, TW_FACT_SNMP_USER), 1);
    done(&p);
}

/* ---- hostile input and limits -------------------------------------------- */

static void test_hostile(void **state)
{
    size_t n = 300000;
    char *big = malloc(n);
    parsed p = {0};

    (void)state;
    assert_non_null(big);
    for (size_t i = 0; i < n; i++)
        big[i] = (char)(i % 7 == 0 ? '\n' : i % 5 == 0 ? ' ' : "access-list object/:.0a!"[i % 23]);
    parse_n(&p, big, n);
    assert_int_equal(p.rc, TW_OK);
    done(&p);
    memset(big, ' ', n); /* one line past the line length limit is skipped */
    memcpy(big + n - 13, "\nhostname fw\n", 13);
    parse_n(&p, big, n);
    assert_int_equal(p.rc, TW_OK);
    done(&p);
    free(big);
}

/* Groups that contain each other, and a group of 2,000 hosts: bounded
 * nesting, and every address in one fact of the entry. */
static void test_limits(void **state)
{
    size_t cap = 200000, len = 0;
    char *cfg = malloc(cap);
    parsed p = {0};

    (void)state;
    assert_non_null(cfg);
    len += (size_t)snprintf(cfg + len, cap - len,
                            "object-group network a\n group-object b\n network-object host "
                            "192.0.2.1\nobject-group network b\n group-object a\n"
                            "access-list L extended permit ip object-group a any\n"
                            "object-group network big\n");
    for (size_t i = 0; i < 2000; i++)
        len += (size_t)snprintf(cfg + len, cap - len, " network-object host 10.0.%zu.%zu\n",
                                i / 250, i % 250);
    len += (size_t)snprintf(cfg + len, cap - len,
                            "access-list L extended permit ip object-group big any\n");
    assert_true(len < cap);
    parse_n(&p, cfg, len);
    assert_int_equal(p.rc, TW_OK);
    assert_int_equal(p.diags.n, 0);
    assert_true(has(&p, TW_FACT_ACL_ENTRY, 6, "src", "192.0.2.1", 0));
    /* 1,024 addresses resolved, 12 a fact */
    assert_int_equal(count(&p, TW_FACT_ACL_ENTRY), 1 + 86);
    assert_true(has(&p, TW_FACT_ACL_ENTRY, 2008, "src", "10.0.4.23", 0));
    assert_false(has(&p, TW_FACT_ACL_ENTRY, 2008, "src", "10.0.4.24", 0));
    done(&p);
    free(cfg);
}

/* ---- the public corpus ---------------------------------------------------- */

typedef struct {
    const char *path; /* under configs/ */
    size_t facts, acl_entries, secrets;
} corpus_row;

/* Observed fact counts (regenerate when the parser changes on purpose). */
static const corpus_row corpus_rows[] = {
    {"batfish-unit/asa_object_groups", 7, 1, 0},
    {"batfish-unit/asa_acl", 28, 23, 0},
    {"ciscoconfparse2/sample_01.asa", 162, 24, 3},
};

static void test_corpus(void **state)
{
    struct stat st;

    (void)state;
    if (stat(CONFIGS, &st) != 0) {
        skip();
    }
    for (size_t i = 0; i < sizeof(corpus_rows) / sizeof(corpus_rows[0]); i++) {
        const corpus_row *r = &corpus_rows[i];
        char path[1024];
        parsed p = {0};
        snprintf(path, sizeof(path), CONFIGS "/%s", r->path);
        parse_file(&p, path);
        print_message("    {\"%s\", %zu, %zu, %zu},\n", r->path, p.fs.n,
                      count(&p, TW_FACT_ACL_ENTRY), count(&p, TW_FACT_SECRET));
        assert_int_equal(p.rc, TW_OK);
        assert_int_equal(p.diags.n, 0);
        assert_int_equal(p.fs.n, r->facts);
        assert_int_equal(count(&p, TW_FACT_ACL_ENTRY), r->acl_entries);
        assert_int_equal(count(&p, TW_FACT_SECRET), r->secrets);
        assert_int_equal(count(&p, TW_FACT_HOSTNAME), 1);
        done(&p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_facts),    cmocka_unit_test(test_fixture_counts),
        cmocka_unit_test(test_rules_planted),    cmocka_unit_test(test_rules_clean),
        cmocka_unit_test(test_inline),           cmocka_unit_test(test_inline_counts),
        cmocka_unit_test(test_diag_line),        cmocka_unit_test(test_nul),
        cmocka_unit_test(test_secrets_redacted), cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_limits),           cmocka_unit_test(test_corpus),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
