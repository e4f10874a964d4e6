/*
 * test_ios.c: the Cisco IOS / IOS XE parser (lib/parse/ios*.c).
 *
 * Table-driven: each row parses a small inline configuration and expects a
 * fact of a kind at an exact line with a field value (and, for block
 * fields, the field's own line), or a count of facts of a kind.  Separate
 * tables cover banners, headers, line-ending damage, implied defaults,
 * secret redaction, long lines and malformed routing policy; a generated
 * 10,000-line configuration checks the fact count at scale.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/config.h"
#include "tidewatch/limits.h"

#include "config_test_util.h"

#define ANY_LINE CFG_ANY_LINE

CFG_TEST_WRAPPERS(tw_parse_ios)

static const char base_cfg[] =
    "!\n"                                                                       /* 1 */
    "version 15.2\n"                                                            /* 2 */
    "hostname R1\n"                                                             /* 3 */
    "!\n"                                                                       /* 4 */
    "enable secret 5 $1$abcd$SECRETHASH1\n"                                     /* 5 */
    "username admin privilege 15 secret 9 $9$SECRETHASH2\n"                     /* 6 */
    "aaa new-model\n"                                                           /* 7 */
    "aaa authentication login default group tacacs+ local\n"                    /* 8 */
    "aaa accounting commands 15 default start-stop group tacacs+\n"             /* 9 */
    "tacacs-server host 10.0.0.5 key 7 SECRETKEY3\n"                            /* 10 */
    "tacacs server TAC1\n"                                                      /* 11 */
    " address ipv4 10.0.0.6\n"                                                  /* 12 */
    " key 7 SECRETKEY4\n"                                                       /* 13 */
    "!\n"                                                                       /* 14 */
    "access-list 20 permit 45.61.133.77\n"                                      /* 15 */
    "access-list 101 permit tcp host 10.1.1.1 any eq 22\n"                      /* 16 */
    "ip access-list extended MGMT\n"                                            /* 17 */
    " 10 permit tcp 10.2.0.0 0.0.255.255 any eq 22\n"                           /* 18 */
    " deny ip any any\n"                                                        /* 19 */
    "!\n"                                                                       /* 20 */
    "interface Tunnel10\n"                                                      /* 21 */
    " ip address 172.16.0.1 255.255.255.252\n"                                  /* 22 */
    " tunnel source GigabitEthernet1\n"                                         /* 23 */
    " tunnel destination 203.0.113.9\n"                                         /* 24 */
    "!\n"                                                                       /* 25 */
    "interface GigabitEthernet1\n"                                              /* 26 */
    " description uplink to core\n"                                             /* 27 */
    " ip address 192.0.2.1 255.255.255.0\n"                                     /* 28 */
    " shutdown\n"                                                               /* 29 */
    "!\n"                                                                       /* 30 */
    "monitor session 1 type erspan-source\n"                                    /* 31 */
    " source interface Gi1/0/1\n"                                               /* 32 */
    " destination\n"                                                            /* 33 */
    "  ip address 198.51.100.7\n"                                               /* 34 */
    "!\n"                                                                       /* 35 */
    "monitor capture CAP interface Gi1 both\n"                                  /* 36 */
    "logging host 192.0.2.50 vrf MGMT\n"                                        /* 37 */
    "no logging on\n"                                                           /* 38 */
    "ntp server 192.0.2.123 key 1\n"                                            /* 39 */
    "ntp authentication-key 1 md5 SECRETNTP5 7\n"                               /* 40 */
    "snmp-server community SECRETCOMM6 RW 99\n"                                 /* 41 */
    "snmp-server user U1 G1 v3 auth sha SECRETAUTH7 priv aes 128 SECRETPRIV8\n" /* 42 */
    "snmp-server host 192.0.2.60 version 2c SECRETCOMM9\n"                      /* 43 */
    "ip route 0.0.0.0 0.0.0.0 192.0.2.254\n"                                    /* 44 */
    "ipv6 route ::/0 2001:db8::1\n"                                             /* 45 */
    "line vty 0 4\n"                                                            /* 46 */
    " access-class 20 in\n"                                                     /* 47 */
    " transport input ssh telnet\n"                                             /* 48 */
    "!\n"                                                                       /* 49 */
    "event manager applet EVIL\n"                                               /* 50 */
    " event timer countdown time 10\n"                                          /* 51 */
    " action 1.0 cli command \"enable\"\n"                                      /* 52 */
    "!\n"                                                                       /* 53 */
    "no ip http server\n"                                                       /* 54 */
    "ip http secure-server\n"                                                   /* 55 */
    "ip ssh version 2\n"                                                        /* 56 */
    "crypto isakmp key SECRETISAKMP10 address 203.0.113.20\n"                   /* 57 */
    "key chain KC\n"                                                            /* 58 */
    " key 1\n"                                                                  /* 59 */
    "  key-string 7 SECRETKEYSTR11\n"                                           /* 60 */
    "alias exec sh show running-config\n"                                       /* 61 */
    "no vstack\n"                                                               /* 62 */
    "end\n";                                                                    /* 63 */

static const char more_cfg[] =
    "hostname R2\n"                                                     /* 1 */
    "version 17.9\n"                                                    /* 2 */
    "radius server RAD1\n"                                              /* 3 */
    " address ipv4 10.9.9.9 auth-port 1812 acct-port 1813\n"            /* 4 */
    "aaa group server tacacs+ GRP\n"                                    /* 5 */
    " server-private 10.8.8.8 port 49 key 0 SECRETSP12\n"               /* 6 */
    "ipv6 access-list V6\n"                                             /* 7 */
    " sequence 20 permit tcp 2001:db8::/32 any eq 443\n"                /* 8 */
    "kron policy-list KP\n"                                             /* 9 */
    " cli show version\n"                                               /* 10 */
    "ip ssh port 2222 rotary 1\n"                                       /* 11 */
    "app-hosting appid guest1\n"                                        /* 12 */
    "guestshell enable\n"                                               /* 13 */
    "iox\n"                                                             /* 14 */
    "no service pad\n"                                                  /* 15 */
    "cdp run\n"                                                         /* 16 */
    "vstack\n"                                                          /* 17 */
    "monitor session 2 source interface Gi1/0/3 rx\n"                   /* 18 */
    "monitor session 2 destination remote vlan 10\n"                    /* 19 */
    "ip access-list standard SNMPACL\n"                                 /* 20 */
    " remark managers only\n"                                           /* 21 */
    " permit 192.0.2.0 0.0.0.255\n"                                     /* 22 */
    "interface Tunnel5\n"                                               /* 23 */
    " tunnel mode ipsec ipv4\n"                                         /* 24 */
    " tunnel destination 198.51.100.99\n"                               /* 25 */
    " tunnel protection ipsec profile P1\n"                             /* 26 */
    " vrf forwarding BLUE\n"                                            /* 27 */
    "ip http port 8080\n"                                               /* 28 */
    "ip http access-class 5\n"                                          /* 29 */
    "logging 192.0.2.51\n"                                              /* 30 */
    "logging buffered 16384\n"                                          /* 31 */
    "ip route vrf BLUE 10.0.0.0 255.0.0.0 GigabitEthernet2 192.0.2.9\n" /* 32 */
    "monitor capture CAP match ipv4 protocol tcp any any eq 49\n"       /* 33 */
    "username guest nopassword\n"                                       /* 34 */
    "ntp peer 192.0.2.124\n"                                            /* 35 */
    "netconf-yang\n"                                                    /* 36 */
    "ip scp server enable\n"                                            /* 37 */
    "tftp-server flash:x.bin\n"                                         /* 38 */
    "ip http active-session-modules none\n"                             /* 39 */
    "ip http secure-active-session-modules none\n";                     /* 40 */

typedef struct {
    const char *cfg;
    tw_fact_kind kind;
    uint32_t line;
    const char *field;
    const char *value;
    uint32_t field_line;
} expect_row;

static const expect_row expects[] = {
    {base_cfg, TW_FACT_VERSION, 2, "version", "15.2", 0},
    {base_cfg, TW_FACT_HOSTNAME, 3, "name", "R1", 0},
    {base_cfg, TW_FACT_SECRET, 5, "owner", "enable", 0},
    {base_cfg, TW_FACT_SECRET, 5, "form", "secret", 0},
    {base_cfg, TW_FACT_SECRET, 5, "type", "5", 0},
    {base_cfg, TW_FACT_LOCAL_USER, 6, "name", "admin", 0},
    {base_cfg, TW_FACT_LOCAL_USER, 6, "privilege", "15", 0},
    {base_cfg, TW_FACT_LOCAL_USER, 6, "form", "secret", 0},
    {base_cfg, TW_FACT_LOCAL_USER, 6, "secret_type", "9", 0},
    {base_cfg, TW_FACT_SECRET, 6, "owner", "username admin", 0},
    {base_cfg, TW_FACT_AAA_METHOD, 8, "type", "authentication", 0},
    {base_cfg, TW_FACT_AAA_METHOD, 8, "service", "login", 0},
    {base_cfg, TW_FACT_AAA_METHOD, 8, "list", "default", 0},
    {base_cfg, TW_FACT_AAA_METHOD, 8, "method", "group tacacs+", 0},
    {base_cfg, TW_FACT_AAA_METHOD, 8, "method", "local", 0},
    {base_cfg, TW_FACT_AAA_METHOD, 9, "level", "15", 0},
    {base_cfg, TW_FACT_AAA_METHOD, 9, "record", "start-stop", 0},
    {base_cfg, TW_FACT_AAA_SERVER, 10, "protocol", "tacacs", 0},
    {base_cfg, TW_FACT_AAA_SERVER, 10, "address", "10.0.0.5", 0},
    {base_cfg, TW_FACT_AAA_SERVER, 10, "key_type", "7", 0},
    {base_cfg, TW_FACT_SECRET, 10, "owner", "tacacs 10.0.0.5", 0},
    {base_cfg, TW_FACT_AAA_SERVER, 12, "name", "TAC1", 0},
    {base_cfg, TW_FACT_AAA_SERVER, 12, "address", "10.0.0.6", 12},
    {base_cfg, TW_FACT_AAA_SERVER, 12, "key_type", "7", 13},
    {base_cfg, TW_FACT_SECRET, 13, "owner", "tacacs TAC1", 0},
    {base_cfg, TW_FACT_ACL_ENTRY, 15, "list", "20", 0},
    {base_cfg, TW_FACT_ACL_ENTRY, 15, "action", "permit", 0},
    {base_cfg, TW_FACT_ACL_ENTRY, 15, "src", "45.61.133.77", 0},
    {base_cfg, TW_FACT_ACL_ENTRY, 15, "family", "ipv4", 0},
    {base_cfg, TW_FACT_ACL_ENTRY, 16, "protocol", "tcp", 0},
    {base_cfg, TW_FACT_ACL_ENTRY, 16, "src", "10.1.1.1", 0},
    {base_cfg, TW_FACT_ACL_ENTRY, 16, "dst", "any", 0},
    {base_cfg, TW_FACT_ACL_ENTRY, 16, "dst_port", "eq 22", 0},
    {base_cfg, TW_FACT_ACL_ENTRY, 18, "list", "MGMT", 0},
    {base_cfg, TW_FACT_ACL_ENTRY, 18, "seq", "10", 0},
    {base_cfg, TW_FACT_ACL_ENTRY, 18, "src", "10.2.0.0/16", 0},
    {base_cfg, TW_FACT_ACL_ENTRY, 19, "action", "deny", 0},
    {base_cfg, TW_FACT_ACL_ENTRY, 19, "protocol", "ip", 0},
    {base_cfg, TW_FACT_INTERFACE, 21, "name", "Tunnel10", 0},
    {base_cfg, TW_FACT_INTERFACE, 21, "address", "172.16.0.1", 22},
    {base_cfg, TW_FACT_TUNNEL, 21, "name", "Tunnel10", 0},
    {base_cfg, TW_FACT_TUNNEL, 21, "mode", "gre ip", 0},
    {base_cfg, TW_FACT_TUNNEL, 21, "source", "GigabitEthernet1", 23},
    {base_cfg, TW_FACT_TUNNEL, 21, "destination", "203.0.113.9", 24},
    {base_cfg, TW_FACT_INTERFACE, 26, "description", "uplink to core", 27},
    {base_cfg, TW_FACT_INTERFACE, 26, "address", "192.0.2.1", 28},
    {base_cfg, TW_FACT_INTERFACE, 26, "shutdown", "true", ANY_LINE},
    {base_cfg, TW_FACT_INTERFACE, 21, "shutdown", "false", ANY_LINE},
    {base_cfg, TW_FACT_MIRROR_SESSION, 31, "id", "1", 0},
    {base_cfg, TW_FACT_MIRROR_SESSION, 31, "type", "erspan", 0},
    {base_cfg, TW_FACT_MIRROR_SESSION, 31, "source", "interface Gi1/0/1", 32},
    {base_cfg, TW_FACT_MIRROR_SESSION, 31, "destination", "198.51.100.7", 34},
    {base_cfg, TW_FACT_CAPTURE, 36, "name", "CAP", 0},
    {base_cfg, TW_FACT_CAPTURE, 36, "interface", "Gi1", 0},
    {base_cfg, TW_FACT_LOGGING_HOST, 37, "address", "192.0.2.50", 0},
    {base_cfg, TW_FACT_LOGGING_HOST, 37, "vrf", "MGMT", 0},
    {base_cfg, TW_FACT_LOGGING, 38, "setting", "on", 0},
    {base_cfg, TW_FACT_LOGGING, 38, "enabled", "false", 0},
    {base_cfg, TW_FACT_NTP_SERVER, 39, "address", "192.0.2.123", 0},
    {base_cfg, TW_FACT_NTP_SERVER, 39, "key", "1", 0},
    {base_cfg, TW_FACT_SECRET, 40, "owner", "ntp", 0},
    {base_cfg, TW_FACT_SECRET, 40, "type", "7", 0},
    {base_cfg, TW_FACT_SNMP_COMMUNITY, 41, "access", "rw", 0},
    {base_cfg, TW_FACT_SNMP_COMMUNITY, 41, "acl", "99", 0},
    {base_cfg, TW_FACT_SNMP_USER, 42, "name", "U1", 0},
    {base_cfg, TW_FACT_SNMP_USER, 42, "group", "G1", 0},
    {base_cfg, TW_FACT_SNMP_USER, 42, "version", "v3", 0},
    {base_cfg, TW_FACT_SNMP_USER, 42, "auth", "sha", 0},
    {base_cfg, TW_FACT_SNMP_USER, 42, "priv", "aes128", 0},
    {base_cfg, TW_FACT_SNMP_HOST, 43, "address", "192.0.2.60", 0},
    {base_cfg, TW_FACT_SNMP_HOST, 43, "version", "2c", 0},
    {base_cfg, TW_FACT_ROUTE, 44, "prefix", "any", 0},
    {base_cfg, TW_FACT_ROUTE, 44, "next_hop", "192.0.2.254", 0},
    {base_cfg, TW_FACT_ROUTE, 45, "next_hop", "2001:db8::1", 0},
    {base_cfg, TW_FACT_VTY, 46, "name", "vty 0 4", 0},
    {base_cfg, TW_FACT_VTY, 46, "first", "0", 0},
    {base_cfg, TW_FACT_VTY, 46, "last", "4", 0},
    {base_cfg, TW_FACT_VTY, 46, "access_class", "20", 47},
    {base_cfg, TW_FACT_VTY, 46, "transport_input", "ssh", 48},
    {base_cfg, TW_FACT_VTY, 46, "transport_input", "telnet", 48},
    {base_cfg, TW_FACT_SCRIPT, 50, "type", "eem", 0},
    {base_cfg, TW_FACT_SCRIPT, 50, "name", "EVIL", 0},
    {base_cfg, TW_FACT_SCRIPT, 50, "event", "timer countdown time 10", 51},
    {base_cfg, TW_FACT_SCRIPT, 50, "action", "enable", 52},
    {base_cfg, TW_FACT_SERVICE, 54, "name", "http", 0},
    {base_cfg, TW_FACT_SERVICE, 54, "enabled", "false", 0},
    {base_cfg, TW_FACT_SERVICE, 55, "name", "https", 0},
    {base_cfg, TW_FACT_SERVICE, 55, "enabled", "true", 0},
    {base_cfg, TW_FACT_SERVICE, 56, "version", "2", 0},
    {base_cfg, TW_FACT_SECRET, 57, "owner", "isakmp", 0},
    {base_cfg, TW_FACT_SECRET, 60, "owner", "key-chain KC", 0},
    {base_cfg, TW_FACT_SECRET, 60, "type", "7", 0},
    {base_cfg, TW_FACT_SCRIPT, 61, "type", "alias", 0},
    {base_cfg, TW_FACT_SCRIPT, 61, "action", "show running-config", 0},
    {base_cfg, TW_FACT_SERVICE, 62, "name", "smart-install", 0},
    {base_cfg, TW_FACT_SERVICE, 62, "enabled", "false", 0},
    {base_cfg, TW_FACT_ADDRESS, 15, "value", "45.61.133.77", 0},
    {base_cfg, TW_FACT_ADDRESS, 15, "statement", "access-list 20", 0},
    {base_cfg, TW_FACT_ADDRESS, 18, "value", "10.2.0.0", 0},
    {base_cfg, TW_FACT_ADDRESS, 34, "value", "198.51.100.7", 0},
    {base_cfg, TW_FACT_ADDRESS, 45, "value", "2001:db8::1", 0},
    {base_cfg, TW_FACT_ADDRESS, 57, "value", "203.0.113.20", 0},
    {more_cfg, TW_FACT_AAA_SERVER, 4, "protocol", "radius", 0},
    {more_cfg, TW_FACT_AAA_SERVER, 4, "name", "RAD1", 0},
    {more_cfg, TW_FACT_AAA_SERVER, 4, "port", "1812", 4},
    {more_cfg, TW_FACT_AAA_SERVER, 6, "address", "10.8.8.8", 0},
    {more_cfg, TW_FACT_AAA_SERVER, 6, "port", "49", 0},
    {more_cfg, TW_FACT_AAA_SERVER, 6, "key_type", "0", 0},
    {more_cfg, TW_FACT_SECRET, 6, "owner", "tacacs 10.8.8.8", 0},
    {more_cfg, TW_FACT_ACL_ENTRY, 8, "family", "ipv6", 0},
    {more_cfg, TW_FACT_ACL_ENTRY, 8, "seq", "20", 0},
    {more_cfg, TW_FACT_ACL_ENTRY, 8, "src", "2001:db8::/32", 0},
    {more_cfg, TW_FACT_ACL_ENTRY, 8, "dst_port", "eq 443", 0},
    {more_cfg, TW_FACT_SCRIPT, 9, "type", "kron", 0},
    {more_cfg, TW_FACT_SCRIPT, 9, "action", "show version", 10},
    {more_cfg, TW_FACT_SERVICE, 11, "port", "2222", 0},
    {more_cfg, TW_FACT_SERVICE, 12, "appid", "guest1", 0},
    {more_cfg, TW_FACT_SERVICE, 13, "name", "guestshell", 0},
    {more_cfg, TW_FACT_SERVICE, 14, "name", "iox", 0},
    {more_cfg, TW_FACT_SERVICE, 15, "name", "pad", 0},
    {more_cfg, TW_FACT_SERVICE, 15, "enabled", "false", 0},
    {more_cfg, TW_FACT_SERVICE, 16, "name", "cdp", 0},
    {more_cfg, TW_FACT_SERVICE, 17, "enabled", "true", 0},
    {more_cfg, TW_FACT_MIRROR_SESSION, 18, "source", "interface Gi1/0/3 rx", 0},
    {more_cfg, TW_FACT_MIRROR_SESSION, 19, "type", "rspan", 0},
    {more_cfg, TW_FACT_MIRROR_SESSION, 19, "destination", "remote vlan 10", 0},
    {more_cfg, TW_FACT_ACL_ENTRY, 21, "remark", "managers only", 0},
    {more_cfg, TW_FACT_ACL_ENTRY, 22, "src", "192.0.2.0/24", 0},
    {more_cfg, TW_FACT_TUNNEL, 23, "mode", "ipsec ipv4", 24},
    {more_cfg, TW_FACT_TUNNEL, 23, "destination", "198.51.100.99", 25},
    {more_cfg, TW_FACT_TUNNEL, 23, "protection", "P1", 26},
    {more_cfg, TW_FACT_INTERFACE, 23, "vrf", "BLUE", 27},
    {more_cfg, TW_FACT_SERVICE, 28, "port", "8080", 0},
    {more_cfg, TW_FACT_SERVICE, 29, "acl", "5", 0},
    {more_cfg, TW_FACT_LOGGING_HOST, 30, "address", "192.0.2.51", 0},
    {more_cfg, TW_FACT_LOGGING, 31, "setting", "buffered", 0},
    {more_cfg, TW_FACT_ROUTE, 32, "prefix", "10.0.0.0/8", 0},
    {more_cfg, TW_FACT_ROUTE, 32, "interface", "GigabitEthernet2", 0},
    {more_cfg, TW_FACT_ROUTE, 32, "next_hop", "192.0.2.9", 0},
    {more_cfg, TW_FACT_ROUTE, 32, "vrf", "BLUE", 0},
    {more_cfg, TW_FACT_CAPTURE, 33, "match", "ipv4 protocol tcp any any eq 49", 0},
    {more_cfg, TW_FACT_LOCAL_USER, 34, "form", "nopassword", 0},
    {more_cfg, TW_FACT_LOCAL_USER, 34, "privilege", "1", 0},
    {more_cfg, TW_FACT_NTP_SERVER, 35, "address", "192.0.2.124", 0},
    {more_cfg, TW_FACT_SERVICE, 36, "name", "netconf", 0},
    {more_cfg, TW_FACT_SERVICE, 37, "name", "scp", 0},
    {more_cfg, TW_FACT_SERVICE, 38, "name", "tftp-server", 0},
    {more_cfg, TW_FACT_SERVICE, 39, "name", "http", 0},
    {more_cfg, TW_FACT_SERVICE, 39, "session_modules", "none", 0},
    {more_cfg, TW_FACT_SERVICE, 40, "name", "https", 0},
    {more_cfg, TW_FACT_SERVICE, 40, "session_modules", "none", 0},
    {more_cfg, TW_FACT_SERVICE, 0, "version", "1.99", 0},
    {more_cfg, TW_FACT_SERVICE, 0, "implied", "true", 0},
};

static void test_fields(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(expects) / sizeof(expects[0]); i++) {
        const expect_row *r = &expects[i];
        parsed p;
        parse(&p, r->cfg);
        print_message("row %zu: %s line %u %s=%s\n", i, tw_fact_kind_name(r->kind), r->line,
                      r->field, r->value);
        assert_int_equal(p.rc, TW_OK);
        assert_true(has(&p, r->kind, r->line, r->field, r->value, r->field_line));
        done(&p);
    }
}

/* Facts of a kind that a configuration must give, and not give. */
typedef struct {
    const char *name;
    const char *cfg;
    size_t len; /* 0: strlen */
    tw_fact_kind kind;
    size_t n;
} count_row;

static const char banner_caret[] = "hostname B\n"
                                   "banner motd ^C\n"
                                   "username evil password 0 x\n"
                                   "ip route 203.0.113.1 255.255.255.255 Null0\n"
                                   "^C\n"
                                   "logging host 192.0.2.1\n";

static const char banner_etx[] = "banner login \x03\n"
                                 "interface Tunnel9\n"
                                 " tunnel destination 203.0.113.3\n"
                                 "done \x03\n"
                                 "logging host 192.0.2.1\n";

static const char banner_hash[] = "banner exec #\n"
                                  "access-list 20 permit 203.0.113.4\n"
                                  "#\n"
                                  "banner motd #one line 203.0.113.5 username x#\n"
                                  "banner login %192.0.2.9 and more\n"
                                  "text 203.0.113.6 %\n"
                                  "logging host 192.0.2.1\n";

static const char banner_mid[] = "banner login ^C\n"
                                 "Authorized 203.0.113.7 only a^C\n"
                                 "logging host 192.0.2.1\n";

static const char headers[] = "!RANCID-CONTENT-TYPE: cisco\n"
                              "!Chassis type: 203.0.113.8\n"
                              "! Oxidized header 203.0.113.9\n"
                              "R1#show running-config\n"
                              "Building configuration...\n"
                              "\n"
                              "Current configuration : 1234 bytes\n"
                              "! username x password 0 y 203.0.113.10\n"
                              "logging host 192.0.2.1\n"
                              "end\n";

static const char cert[] = "crypto pki certificate chain TP\n"
                           " certificate self-signed 01\n"
                           "  30820204 30820151 A0030201 02020101\n"
                           "  1.2.3.4 username x\n"
                           "  quit\n"
                           "logging host 192.0.2.1\n";

static const char nul_crlf[] = "\xEF\xBB\xBFhostname N\r\n"
                               "logg\0ing host 192.0.2.1\r\n"
                               "logging host 192.0.2.2";

static const char no_vstack[] = "no vstack\nip ssh version 2\n";
static const char nothing[] = "hostname X\n";
static const char malformed[] = "access-list 20 permit 999.1.1.1\n"
                                "access-list 21 permit 192.0.2.1\n";

static const count_row counts[] = {
    {"caret banner", banner_caret, 0, TW_FACT_ADDRESS, 1},
    {"caret banner users", banner_caret, 0, TW_FACT_LOCAL_USER, 0},
    {"caret banner routes", banner_caret, 0, TW_FACT_ROUTE, 0},
    {"caret banner logging", banner_caret, 0, TW_FACT_LOGGING_HOST, 1},
    {"etx banner", banner_etx, 0, TW_FACT_ADDRESS, 1},
    {"etx banner tunnels", banner_etx, 0, TW_FACT_TUNNEL, 0},
    {"etx banner interfaces", banner_etx, 0, TW_FACT_INTERFACE, 0},
    {"hash banners", banner_hash, 0, TW_FACT_ADDRESS, 1},
    {"hash banners acl", banner_hash, 0, TW_FACT_ACL_ENTRY, 0},
    {"hash banners users", banner_hash, 0, TW_FACT_LOCAL_USER, 0},
    {"delimiter mid-line", banner_mid, 0, TW_FACT_ADDRESS, 1},
    {"headers", headers, 0, TW_FACT_ADDRESS, 1},
    {"headers users", headers, 0, TW_FACT_LOCAL_USER, 0},
    {"certificate", cert, 0, TW_FACT_ADDRESS, 1},
    {"certificate users", cert, 0, TW_FACT_LOCAL_USER, 0},
    {"nul crlf bom", nul_crlf, sizeof(nul_crlf) - 1, TW_FACT_LOGGING_HOST, 2},
    {"bom hostname", nul_crlf, sizeof(nul_crlf) - 1, TW_FACT_HOSTNAME, 1},
    {"no vstack: no implied", no_vstack, 0, TW_FACT_SERVICE, 3},
    {"implied defaults", nothing, 0, TW_FACT_SERVICE, 3},
    {"malformed acl", malformed, 0, TW_FACT_ACL_ENTRY, 1},
    {"empty", "", 0, TW_FACT_SERVICE, 3},
};

static void test_counts(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
        const count_row *r = &counts[i];
        parsed p;
        parse_n(&p, r->cfg, r->len ? r->len : strlen(r->cfg));
        print_message("%s\n", r->name);
        assert_int_equal(p.rc, TW_OK);
        assert_int_equal(count(&p, r->kind), r->n);
        done(&p);
    }
}

/* Lines, for configurations whose line numbers matter. */
static const expect_row line_rows[] = {
    {banner_caret, TW_FACT_LOGGING_HOST, 6, "address", "192.0.2.1", 0},
    {banner_etx, TW_FACT_LOGGING_HOST, 5, "address", "192.0.2.1", 0},
    {banner_hash, TW_FACT_LOGGING_HOST, 7, "address", "192.0.2.1", 0},
    {banner_mid, TW_FACT_LOGGING_HOST, 3, "address", "192.0.2.1", 0},
    {headers, TW_FACT_LOGGING_HOST, 9, "address", "192.0.2.1", 0},
    {cert, TW_FACT_LOGGING_HOST, 6, "address", "192.0.2.1", 0},
    {nul_crlf, TW_FACT_HOSTNAME, 1, "name", "N", 0},
    {nul_crlf, TW_FACT_LOGGING_HOST, 2, "address", "192.0.2.1", 0},
    {nul_crlf, TW_FACT_LOGGING_HOST, 3, "address", "192.0.2.2", 0},
    {nothing, TW_FACT_SERVICE, 0, "name", "smart-install", 0},
    {nothing, TW_FACT_SERVICE, 0, "enabled", "true", 0},
    {nothing, TW_FACT_SERVICE, 0, "name", "ssh", 0},
    {nothing, TW_FACT_SERVICE, 0, "name", "cdp", 0},
    {malformed, TW_FACT_ACL_ENTRY, 2, "src", "192.0.2.1", 0},
};

static void test_lines(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(line_rows) / sizeof(line_rows[0]); i++) {
        const expect_row *r = &line_rows[i];
        parsed p;
        parse_n(&p, r->cfg, r->cfg == nul_crlf ? sizeof(nul_crlf) - 1 : strlen(r->cfg));
        print_message("row %zu\n", i);
        assert_true(has(&p, r->kind, r->line, r->field, r->value, r->field_line));
        done(&p);
    }
}

static void test_malformed_warns(void **state)
{
    parsed p;

    (void)state;
    parse(&p, malformed);
    assert_int_equal(p.diags.n, 1);
    assert_int_equal(p.diags.v[0].level, TW_DIAG_WARNING);
    assert_int_equal(p.diags.v[0].line, 1);
    assert_string_equal(p.diags.v[0].file, "t.cfg");
    done(&p);
}

static void test_unknown_silent(void **state)
{
    parsed p;

    (void)state;
    parse(&p, "frobnicate the widget\nrouter bgp 65000\n neighbor 192.0.2.3 remote-as 1\n");
    assert_int_equal(p.diags.n, 0);
    assert_true(has(&p, TW_FACT_ADDRESS, 3, "statement", "neighbor 192.0.2.3", 0));
    assert_true(has(&p, TW_FACT_ADDRESS, 3, "value", "192.0.2.3", 0));
    done(&p);
}

static const char secrets_cfg[] = "enable password 7 SECRETA\n"
                                  "enable secret level 15 5 SECRETB\n"
                                  "username u password SECRETC\n"
                                  "tacacs-server key SECRETD with spaces\n"
                                  "radius-server host 192.0.2.7 key 7 SECRETE\n"
                                  "snmp-server community 192.0.2.66 RO\n"
                                  "snmp-server host 192.0.2.8 vrf M informs version 2c SECRETG\n"
                                  "interface Gi1\n"
                                  " ip ospf message-digest-key 1 md5 7 SECRETH\n"
                                  " ppp chap password 0 SECRETI\n"
                                  " standby 1 authentication md5 key-string SECRETJ\n"
                                  "router bgp 65000\n"
                                  " neighbor 192.0.2.9 password 7 SECRETK\n"
                                  "crypto keyring KR\n"
                                  " pre-shared-key address 192.0.2.10 key SECRETL\n"
                                  "event manager applet X\n"
                                  " action 1 cli command \"username y secret 0 SECRETM\"\n"
                                  "aaa server radius dynamic-author\n"
                                  " client 192.0.2.11 server-key 7 SECRETN\n"
                                  "radius server R\n"
                                  " key SECRETO\n"
                                  "line vty 0 4\n"
                                  " password SECRETP\n";

static const char *const secrets[] = {
    "SECRETA",     "SECRETB",        "SECRETC",        "SECRETD",     "with spaces", "192.0.2.66",
    "SECRETG",     "SECRETH",        "SECRETI",        "SECRETJ",     "SECRETK",     "SECRETL",
    "SECRETM",     "SECRETN",        "SECRETO",        "SECRETP",     "SECRETHASH1", "SECRETHASH2",
    "SECRETKEY3",  "SECRETKEY4",     "SECRETNTP5",     "SECRETCOMM6", "SECRETAUTH7", "SECRETPRIV8",
    "SECRETCOMM9", "SECRETISAKMP10", "SECRETKEYSTR11", "SECRETSP12",
};

static void test_secrets(void **state)
{
    static const char *const cfgs[] = {secrets_cfg, base_cfg, more_cfg};

    (void)state;
    for (size_t c = 0; c < sizeof(cfgs) / sizeof(cfgs[0]); c++) {
        parsed p;
        parse(&p, cfgs[c]);
        assert_true(p.fs.n > 3);
        assert_true(!leaks(&p, "SECRET"));
        for (size_t i = 0; i < sizeof(secrets) / sizeof(secrets[0]); i++)
            assert_true(!leaks(&p, secrets[i]));
        done(&p);
    }
}

static void test_redacted_evidence(void **state)
{
    parsed p;

    (void)state;
    parse(&p, secrets_cfg);
    assert_true(has(&p, TW_FACT_SECRET, 1, "type", "7", 0));
    assert_true(has(&p, TW_FACT_SECRET, 2, "type", "5", 0));
    assert_true(has(&p, TW_FACT_SECRET, 13, "owner", "bgp", 0));
    assert_true(has(&p, TW_FACT_SNMP_HOST, 7, "vrf", "M", 0));
    assert_true(has(&p, TW_FACT_SNMP_HOST, 7, "version", "2c", 0));
    assert_true(tw_str_eq_c(p.fs.v[0].evidence, "enable password 7 <redacted>"));
    assert_true(has(&p, TW_FACT_SCRIPT, 16, "action", "username y secret 0 <redacted>", 17));
    done(&p);
}

static void test_context(void **state)
{
    parsed p;
    const tw_fact *f = NULL;

    (void)state;
    parse(&p, base_cfg);
    for (size_t i = 0; i < p.fs.n; i++) {
        if (p.fs.v[i].kind == TW_FACT_ADDRESS && p.fs.v[i].line == 24)
            f = &p.fs.v[i];
    }
    assert_non_null(f);
    assert_true(tw_str_eq_c(f->context, "interface Tunnel10"));
    assert_true(tw_str_eq_c(f->evidence, "tunnel destination 203.0.113.9"));
    assert_true(tw_str_eq_c(p.fs.hostname, "R1"));
    assert_int_equal(p.fs.dialect, TW_DIALECT_IOS);
    done(&p);
}

static void test_xe_dialect(void **state)
{
    parsed p;

    (void)state;
    parse(&p, more_cfg);
    assert_int_equal(p.fs.dialect, TW_DIALECT_IOSXE);
    assert_true(tw_str_eq_c(p.fs.hostname, "R2"));
    done(&p);
}

static void test_masks_not_addresses(void **state)
{
    parsed p;

    (void)state;
    parse(&p, "ip route 10.0.0.0 255.0.0.0 192.0.2.1\n"
              "interface Gi1\n"
              " ip address 192.0.2.2 255.255.255.0\n"
              "access-list 10 permit 10.1.0.0 0.0.255.255\n"
              "access-list 110 deny ip 10.2.0.0 0.0.0.255 host 192.0.2.3\n");
    assert_int_equal(count(&p, TW_FACT_ADDRESS), 6);
    assert_false(has(&p, TW_FACT_ADDRESS, 1, "value", "255.0.0.0", 0));
    assert_false(has(&p, TW_FACT_ADDRESS, 4, "value", "0.0.255.255", 0));
    assert_true(has(&p, TW_FACT_ADDRESS, 5, "value", "192.0.2.3", 0));
    done(&p);
}

static void test_long_line(void **state)
{
    size_t big = TW_LIMIT_LINE_LEN + 10;
    char *cfg = malloc(big + 64);
    parsed p;

    (void)state;
    assert_non_null(cfg);
    memset(cfg, 'x', big);
    memcpy(cfg, "description ", 12);
    memcpy(cfg + big, "\nlogging host 192.0.2.1\n", 25);
    parse_n(&p, cfg, strlen(cfg));
    assert_int_equal(p.rc, TW_OK);
    assert_int_equal(p.diags.n, 1);
    assert_int_equal(p.diags.v[0].line, 1);
    assert_true(has(&p, TW_FACT_LOGGING_HOST, 2, "address", "192.0.2.1", 0));
    done(&p);
    free(cfg);
}

/* 10,000 lines: 1,000 blocks of an interface with 8 inner lines and a "!". */
static void test_generated(void **state)
{
    size_t cap = 1000 * 400, n = 0;
    char *cfg = malloc(cap);
    parsed p;

    (void)state;
    assert_non_null(cfg);
    for (int i = 0; i < 1000; i++) {
        int w = snprintf(cfg + n, cap - n,
                         "interface Gi0/%d\n description port %d\n ip address 10.%d.%d.1 "
                         "255.255.255.0\n no shutdown\n ip access-group 100 in\n"
                         " speed 1000\n duplex full\n cdp enable\n"
                         "access-list 100 permit ip host 10.%d.%d.2 any\n!\n",
                         i, i, i / 256, i % 256, i / 256, i % 256);
        n += (size_t)w;
    }
    parse_n(&p, cfg, n);
    assert_int_equal(p.rc, TW_OK);
    assert_int_equal(count(&p, TW_FACT_INTERFACE), 1000);
    assert_int_equal(count(&p, TW_FACT_ACL_ENTRY), 1000);
    assert_int_equal(count(&p, TW_FACT_ADDRESS), 2000);
    assert_int_equal(p.fs.n, 4003); /* and the implied smart-install, ssh and cdp */
    assert_true(has(&p, TW_FACT_INTERFACE, 9991, "address", "10.3.231.1", 9993));
    assert_int_equal(p.diags.n, 0);
    done(&p);
    free(cfg);
}

/* ---- hardening facts ------------------------------------------------------ */

static const char hard_cfg[] =
    "hostname H1\n"                                                      /* 1 */
    "version 17.9\n"                                                     /* 2 */
    "no cdp run\n"                                                       /* 3 */
    "lldp run\n"                                                         /* 4 */
    "ftp-server enable\n"                                                /* 5 */
    "ip identd\n"                                                        /* 6 */
    "service config\n"                                                   /* 7 */
    "boot network tftp://192.0.2.9/net.cfg\n"                            /* 8 */
    "service tcp-keepalives-in\n"                                        /* 9 */
    "login on-failure log\n"                                             /* 10 */
    "login block-for 120 attempts 3 within 60\n"                         /* 11 */
    "security passwords min-length 12\n"                                 /* 12 */
    "banner login ^C\n"                                                  /* 13 */
    "Authorized access only 192.0.2.77\n"                                /* 14 */
    "^C\n"                                                               /* 15 */
    "banner motd #Welcome#\n"                                            /* 16 */
    "ntp authenticate\n"                                                 /* 17 */
    "ntp server 192.0.2.123 key 7\n"                                     /* 18 */
    "ip ssh server algorithm encryption aes256-ctr AES192-CTR\n"         /* 19 */
    "ip ssh server algorithm mac hmac-sha2-512 hmac-sha1\n"              /* 20 */
    "ip ssh server algorithm kex diffie-hellman-group14-sha1\n"          /* 21 */
    "ip ssh dh min size 2048\n"                                          /* 22 */
    "ip http server\n"                                                   /* 23 */
    "ip http secure-server\n"                                            /* 24 */
    "ip http access-class ipv4 23\n"                                     /* 25 */
    "logging trap warnings\n"                                            /* 26 */
    "logging host 192.0.2.50 transport tls profile TLSP\n"               /* 27 */
    "tacacs-server host 10.0.0.5\n"                                      /* 28 */
    "tacacs server TAC1\n"                                               /* 29 */
    " address ipv4 10.0.0.6\n"                                           /* 30 */
    "tacacs server TAC2\n"                                               /* 31 */
    " address ipv4 10.0.0.7\n"                                           /* 32 */
    " key 7 SECRETK1\n"                                                  /* 33 */
    "tacacs-server key 7 SECRETK2\n"                                     /* 34 */
    "radius-server host 10.0.0.8 auth-port 1812\n"                       /* 35 */
    "aaa authorization commands 15 default group tacacs+ local\n"        /* 36 */
    "snmp-server community public RO\n"                                  /* 37 */
    "snmp-server community Xq7!mR2#pL9zK4 RO 10\n"                       /* 38 */
    "snmp-server user U1 G1 v3 auth md5 SECRETA1 priv des SECRETP1\n"    /* 39 */
    "snmp-server user U2 G1 v3 auth sha-2 256 SECRETA2 priv 3des 1234\n" /* 40 */
    "snmp-server user U3 G1 v3\n"                                        /* 41 */
    "interface GigabitEthernet1\n"                                       /* 42 */
    " ip address 192.0.2.1 255.255.255.0\n"                              /* 43 */
    " no ip redirects\n"                                                 /* 44 */
    " no ip proxy-arp\n"                                                 /* 45 */
    "!\n"                                                                /* 46 */
    "interface GigabitEthernet2\n"                                       /* 47 */
    " ip address 198.51.100.1 255.255.255.0\n"                           /* 48 */
    " ip directed-broadcast\n"                                           /* 49 */
    "!\n"                                                                /* 50 */
    "interface GigabitEthernet3\n"                                       /* 51 */
    " no ip address\n"                                                   /* 52 */
    " no ip redirects\n"                                                 /* 53 */
    "!\n"                                                                /* 54 */
    "line vty 0 4\n"                                                     /* 55 */
    " exec-timeout 5 30\n"                                               /* 56 */
    " transport input ssh\n"                                             /* 57 */
    "line vty 5 15\n"                                                    /* 58 */
    " exec-timeout 0 0\n"                                                /* 59 */
    "archive\n"                                                          /* 60 */
    " log config\n"                                                      /* 61 */
    "  logging enable\n"                                                 /* 62 */
    "  hidekeys\n"                                                       /* 63 */
    "crypto isakmp policy 10\n"                                          /* 64 */
    " encr aes 256\n"                                                    /* 65 */
    " hash sha\n"                                                        /* 66 */
    " authentication pre-share\n"                                        /* 67 */
    " group 14\n"                                                        /* 68 */
    "crypto isakmp policy 20\n"                                          /* 69 */
    " encr 3des\n"                                                       /* 70 */
    " hash md5\n"                                                        /* 71 */
    "crypto ikev2 proposal PROP1\n"                                      /* 72 */
    " encryption aes-cbc-256 aes-gcm-128\n"                              /* 73 */
    " integrity sha512 sha1\n"                                           /* 74 */
    " group 19 14\n"                                                     /* 75 */
    "crypto ipsec transform-set TS1 esp-aes 256 esp-sha256-hmac\n"       /* 76 */
    " mode tunnel\n"                                                     /* 77 */
    "crypto ipsec transform-set TS2 esp-3des esp-md5-hmac\n"             /* 78 */
    "router bgp 65000\n"                                                 /* 79 */
    " template peer-session SECURE\n"                                    /* 80 */
    "  password 7 SECRETT1\n"                                            /* 81 */
    " exit-peer-session\n"                                               /* 82 */
    " neighbor RR peer-group\n"                                          /* 83 */
    " neighbor RR remote-as 65000\n"                                     /* 84 */
    " neighbor RR password 7 SECRETB1\n"                                 /* 85 */
    " neighbor 10.1.1.1 peer-group RR\n"                                 /* 86 */
    " neighbor 10.1.1.2 remote-as 65010\n"                               /* 87 */
    " neighbor 10.1.1.2 password SECRETB2\n"                             /* 88 */
    " neighbor 10.1.1.3 remote-as 65020\n"                               /* 89 */
    " neighbor 10.1.1.4 remote-as 1.10\n"                                /* 90 */
    " neighbor 10.1.1.4 inherit peer-session SECURE\n"                   /* 91 */
    " !\n"                                                               /* 92 */
    " address-family ipv4 vrf CUST\n"                                    /* 93 */
    "  neighbor 172.16.1.1 remote-as 65100\n"                            /* 94 */
    "  neighbor 172.16.1.1 activate\n"                                   /* 95 */
    "  neighbor 172.16.1.2 remote-as 65101\n"                            /* 96 */
    "  neighbor 172.16.1.2 password 7 SECRETB3\n"                        /* 97 */
    "  neighbor VPG peer-group\n"                                        /* 98 */
    "  neighbor VPG remote-as 65102\n"                                   /* 99 */
    "  neighbor VPG password SECRETB4\n"                                 /* 100 */
    "  neighbor 172.16.1.3 peer-group VPG\n"                             /* 101 */
    "  neighbor 10.1.1.2 remote-as 65200\n"                              /* 102 */
    " exit-address-family\n"                                             /* 103 */
    "end\n";                                                             /* 104 */

/* A global key before the server it applies to, and no key at all. */
static const char keys_cfg[] =
    "radius-server key 0 SECRETR1\n"                                     /* 1 */
    "radius-server host 10.0.0.9\n"                                      /* 2 */
    "tacacs-server host 10.0.0.10\n"                                     /* 3 */
    "aaa group server tacacs+ G\n"                                       /* 4 */
    " server-private 10.0.0.11\n"                                        /* 5 */
    "ip http access-class ipv6 V6\n"                                     /* 6 */
    "no ip http server\n"                                                /* 7 */
    "cdp run\n"                                                          /* 8 */
    "logging trap 3\n"                                                   /* 9 */
    "no logging trap\n"                                                  /* 10 */
    "line vty 0 4\n"                                                     /* 11 */
    " no exec-timeout\n"                                                 /* 12 */
    "interface Dialer1\n"                                                /* 13 */
    " ip address negotiated\n"                                           /* 14 */
    "interface Tunnel1\n"                                                /* 15 */
    " ip unnumbered Loopback0\n"                                         /* 16 */
    " no ip redirects\n"                                                 /* 17 */
    "interface Vlan6\n"                                                  /* 18 */
    " ipv6 address 2001:db8::1/64\n"                                     /* 19 */
    "no service config\n"                                                /* 20 */
    "no ntp authenticate\n"                                              /* 21 */
    "crypto isakmp policy 5\n"                                           /* 22 */
    " encryption aes\n"                                                  /* 23 */
    "router bgp 64512\n"                                                 /* 24 */
    " neighbor 2001:db8::2 remote-as 64513\n"                            /* 25 */
    "interface Gi9\n"                                                    /* 26 */
    " ip address 192.0.2.9 255.255.255.0\n"                              /* 27 */
    " no ip proxy-arp\n"                                                 /* 28 */
    " default ip proxy-arp\n"                                            /* 29 */
    "snmp-server user U4 G v3 auth sha SECRETA4 priv aes 192 SECRETP4\n" /* 30 */
    "snmp-server user U5 G v3 auth sha SECRETA5 priv aes 256 SECRETP5\n" /* 31 */
    "router bgp 64512\n"                                                 /* 32 */
    " neighbor GLOBAL peer-group\n"                                      /* 33 */
    " neighbor GLOBAL remote-as 64600\n"                                 /* 34 */
    " neighbor GLOBAL password SECRETG1\n"                               /* 35 */
    " address-family ipv4 unicast vrf BLUE\n"                            /* 36 */
    "  neighbor 10.9.9.9 peer-group GLOBAL\n"                            /* 37 */
    "ip http access-class 7\n";                                          /* 38 */

/* Interface ACL bindings, route-map entries and prefix-list entries; the
 * "no" forms and descriptions give nothing; malformed headers and entries
 * (lines 28 to 36) a warning each and no fact. */
static const char policy_cfg[] =
    "interface GigabitEthernet1\n"                              /* 1 */
    " ip address 192.0.2.1 255.255.255.0\n"                     /* 2 */
    " ip access-group EDGE-IN in\n"                             /* 3 */
    " ip access-group 101 out\n"                                /* 4 */
    " ipv6 traffic-filter V6-IN in\n"                           /* 5 */
    " no ip access-group OLD in\n"                              /* 6 */
    " no ipv6 traffic-filter OLD6 out\n"                        /* 7 */
    " ip access-group NODIR\n"                                  /* 8 */
    "route-map RM-OUT permit 20\n"                              /* 9 */
    " description to the provider\n"                            /* 10 */
    " match community dept_community_new\n"                     /* 11 */
    " match ip address prefix-list OURS\n"                      /* 12 */
    " set local-preference 350\n"                               /* 13 */
    " no set metric 5\n"                                        /* 14 */
    "route-map RM-IN\n"                                         /* 15 */
    "route-map RM-IN DENY 30\n"                                 /* 16 */
    "  set community no-export additive\n"                      /* 17 */
    "route-map RM-X 40\n"                                       /* 18 */
    "ip prefix-list OURS description our space\n"               /* 19 */
    "ip prefix-list OURS seq 5 permit 192.0.2.0/24\n"           /* 20 */
    "ip prefix-list OURS seq 10 deny 0.0.0.0/0 le 32\n"         /* 21 */
    "ip prefix-list OURS permit 198.51.100.0/24 ge 25 le 28\n"  /* 22 */
    "ip prefix-list OURS 20 permit 203.0.113.0/24 eq 24\n"      /* 23 */
    "ipv6 prefix-list OURS6 seq 5 permit 2001:db8::/32 le 48\n" /* 24 */
    "no ip prefix-list OURS seq 30 permit 10.0.0.0/8\n"         /* 25 */
    "ip prefix-list sequence-number\n"                          /* 26 */
    "route-map\n"                                               /* 27 */
    "route-map RM-BAD permit abc\n"                             /* 28 */
    "route-map RM-BAD maybe 10\n"                               /* 29 */
    " match community X\n"                                      /* 30 */
    "ip prefix-list X seq abc permit zz\n"                      /* 31 */
    "ip prefix-list X seq 1 permit 10.0.0.0/8 le 99\n"          /* 32 */
    "ip prefix-list X seq 1 permit 10.0.0.0\n"                  /* 33 */
    "ip prefix-list X seq 1 allow 10.0.0.0/8\n"                 /* 34 */
    "ip prefix-list X seq 1 permit 10.0.0.0/8 ge\n"             /* 35 */
    "ip prefix-list X seq 1 permit 10.0.0.0/8 le 24 le 25\n";   /* 36 */

/* A fact written as "name=value[@line] ..." (a secret as <secret>), for
 * exact comparison: every field, in order, with its own line when it has
 * one. */
static void render(const tw_fact *f, char *out, size_t cap)
{
    size_t n = 0;

    out[0] = '\0';
    for (uint32_t i = 0; i < f->nfields && n < cap; i++) {
        const tw_field *x = &f->fields[i];
        int w = snprintf(out + n, cap - n, "%s%s=%.*s", i ? " " : "", x->name,
                         x->secret ? 8 : (int)x->str.len, x->secret ? "<secret>" : x->str.ptr);
        n += w > 0 ? (size_t)w : 0;
        if (x->line != 0 && n < cap) {
            w = snprintf(out + n, cap - n, "@%u", x->line);
            n += w > 0 ? (size_t)w : 0;
        }
    }
}

/* The rendering of the first fact of kind at line, or "(none)". */
static const char *rendered(const parsed *p, tw_fact_kind kind, uint32_t line, char *buf,
                            size_t cap)
{
    for (size_t i = 0; i < p->fs.n; i++) {
        if (p->fs.v[i].kind == kind && p->fs.v[i].line == line) {
            render(&p->fs.v[i], buf, cap);
            return buf;
        }
    }
    return "(none)";
}

typedef struct {
    const char *cfg;
    tw_fact_kind kind;
    uint32_t line;
    const char *fields;
} exact_row;

static const exact_row exact[] = {
    {hard_cfg, TW_FACT_SERVICE, 3, "name=cdp enabled=false"},
    {hard_cfg, TW_FACT_SERVICE, 4, "name=lldp enabled=true"},
    {hard_cfg, TW_FACT_SERVICE, 5, "name=ftp enabled=true"},
    {hard_cfg, TW_FACT_SERVICE, 6, "name=identd enabled=true"},
    {hard_cfg, TW_FACT_SERVICE, 7, "name=config-load enabled=true"},
    {hard_cfg, TW_FACT_SERVICE, 8, "name=config-load enabled=true"},
    {hard_cfg, TW_FACT_SERVICE, 9, "name=tcp-keepalives-in enabled=true"},
    {hard_cfg, TW_FACT_SERVICE, 10, "name=login-failure-log enabled=true"},
    {hard_cfg, TW_FACT_SERVICE, 11, "name=login-block enabled=true"},
    {hard_cfg, TW_FACT_SERVICE, 12, "name=password-policy enabled=true min_length=12"},
    {hard_cfg, TW_FACT_SERVICE, 13, "name=banner enabled=true"},
    {hard_cfg, TW_FACT_SERVICE, 16, "name=banner enabled=true"},
    {hard_cfg, TW_FACT_SERVICE, 17, "name=ntp-authenticate enabled=true"},
    {hard_cfg, TW_FACT_NTP_SERVER, 18, "address=192.0.2.123 key=7"},
    {hard_cfg, TW_FACT_SERVICE, 19, "name=ssh cipher=aes256-ctr cipher=aes192-ctr"},
    {hard_cfg, TW_FACT_SERVICE, 20, "name=ssh mac=hmac-sha2-512 mac=hmac-sha1"},
    {hard_cfg, TW_FACT_SERVICE, 21, "name=ssh kex=diffie-hellman-group14-sha1"},
    {hard_cfg, TW_FACT_SERVICE, 22, "name=ssh dh_min=2048"},
    {hard_cfg, TW_FACT_SERVICE, 23, "name=http enabled=true acl=23@25"},
    {hard_cfg, TW_FACT_SERVICE, 24, "name=https enabled=true acl=23@25"},
    {hard_cfg, TW_FACT_SERVICE, 25, "name=http acl=23"},
    {hard_cfg, TW_FACT_LOGGING, 26, "setting=trap enabled=true severity=4"},
    {hard_cfg, TW_FACT_LOGGING_HOST, 27, "address=192.0.2.50 transport=tls"},
    {hard_cfg, TW_FACT_AAA_SERVER, 28, "protocol=tacacs address=10.0.0.5 key_type=7@34"},
    {hard_cfg, TW_FACT_AAA_SERVER, 30,
     "protocol=tacacs name=TAC1 address=10.0.0.6@30 key_type=7@34"},
    {hard_cfg, TW_FACT_AAA_SERVER, 32,
     "protocol=tacacs name=TAC2 address=10.0.0.7@32 key_type=7@33"},
    {hard_cfg, TW_FACT_AAA_SERVER, 35, "protocol=radius address=10.0.0.8 port=1812"},
    {hard_cfg, TW_FACT_AAA_METHOD, 36,
     "type=authorization service=commands level=15 list=default method=group tacacs+ "
     "method=local"},
    {hard_cfg, TW_FACT_SNMP_COMMUNITY, 37, "community=<secret> strength=weak access=ro"},
    {hard_cfg, TW_FACT_SNMP_COMMUNITY, 38, "community=<secret> strength=ok access=ro acl=10"},
    {hard_cfg, TW_FACT_SNMP_USER, 39, "name=U1 group=G1 version=v3 auth=md5 priv=des"},
    {hard_cfg, TW_FACT_SNMP_USER, 40, "name=U2 group=G1 version=v3 auth=sha256 priv=3des"},
    {hard_cfg, TW_FACT_SNMP_USER, 41, "name=U3 group=G1 version=v3"},
    {hard_cfg, TW_FACT_INTERFACE, 42,
     "name=GigabitEthernet1 address=192.0.2.1@43 redirects=false@44 proxy_arp=false@45 "
     "directed_broadcast=false shutdown=false"},
    {hard_cfg, TW_FACT_INTERFACE, 47,
     "name=GigabitEthernet2 address=198.51.100.1@48 redirects=true proxy_arp=true "
     "directed_broadcast=true@49 shutdown=false"},
    {hard_cfg, TW_FACT_INTERFACE, 51, "name=GigabitEthernet3 shutdown=false"},
    {hard_cfg, TW_FACT_VTY, 55,
     "name=vty 0 4 first=0 last=4 exec_timeout=330@56 transport_input=ssh@57"},
    {hard_cfg, TW_FACT_VTY, 58, "name=vty 5 15 first=5 last=15 exec_timeout=0@59"},
    {hard_cfg, TW_FACT_SERVICE, 62, "name=config-log enabled=true"},
    {hard_cfg, TW_FACT_CRYPTO_PROPOSAL, 64,
     "protocol=ike name=10 encryption=aes256@65 integrity=sha1@66 group=14@68"},
    {hard_cfg, TW_FACT_CRYPTO_PROPOSAL, 69,
     "protocol=ike name=20 encryption=3des@70 integrity=md5@71"},
    {hard_cfg, TW_FACT_CRYPTO_PROPOSAL, 72,
     "protocol=ike name=PROP1 encryption=aes256@73 encryption=aes128-gcm@73 "
     "integrity=sha512@74 integrity=sha1@74 group=19@75 group=14@75"},
    {hard_cfg, TW_FACT_CRYPTO_PROPOSAL, 76,
     "protocol=ipsec name=TS1 encryption=aes256 integrity=sha256"},
    {hard_cfg, TW_FACT_CRYPTO_PROPOSAL, 78,
     "protocol=ipsec name=TS2 encryption=3des integrity=md5"},
    {hard_cfg, TW_FACT_ROUTING_PEER, 86,
     "protocol=bgp address=10.1.1.1 remote_as=65000 group=RR auth=true@85"},
    {hard_cfg, TW_FACT_ROUTING_PEER, 87,
     "protocol=bgp address=10.1.1.2 remote_as=65010 auth=true@88"},
    {hard_cfg, TW_FACT_ROUTING_PEER, 89,
     "protocol=bgp address=10.1.1.3 remote_as=65020 auth=false"},
    {hard_cfg, TW_FACT_ROUTING_PEER, 90,
     "protocol=bgp address=10.1.1.4 remote_as=65546 auth=true@81"},
    {hard_cfg, TW_FACT_ROUTING_PEER, 94,
     "protocol=bgp address=172.16.1.1 remote_as=65100 vrf=CUST auth=false"},
    {hard_cfg, TW_FACT_ROUTING_PEER, 96,
     "protocol=bgp address=172.16.1.2 remote_as=65101 vrf=CUST auth=true@97"},
    {hard_cfg, TW_FACT_ROUTING_PEER, 101,
     "protocol=bgp address=172.16.1.3 remote_as=65102 group=VPG vrf=CUST auth=true@100"},
    {hard_cfg, TW_FACT_ROUTING_PEER, 102,
     "protocol=bgp address=10.1.1.2 remote_as=65200 vrf=CUST auth=false"},
    {keys_cfg, TW_FACT_AAA_SERVER, 2, "protocol=radius address=10.0.0.9 key_type=0@1"},
    {keys_cfg, TW_FACT_AAA_SERVER, 3, "protocol=tacacs address=10.0.0.10"},
    {keys_cfg, TW_FACT_AAA_SERVER, 5, "protocol=tacacs address=10.0.0.11"},
    {keys_cfg, TW_FACT_SERVICE, 6, "name=http acl=V6"},
    {keys_cfg, TW_FACT_SERVICE, 7, "name=http enabled=false"},
    {keys_cfg, TW_FACT_SERVICE, 38, "name=http acl=7"},
    {keys_cfg, TW_FACT_SERVICE, 8, "name=cdp enabled=true"},
    {keys_cfg, TW_FACT_LOGGING, 9, "setting=trap enabled=true severity=3"},
    {keys_cfg, TW_FACT_LOGGING, 10, "setting=trap enabled=false"},
    {keys_cfg, TW_FACT_VTY, 11, "name=vty 0 4 first=0 last=4 exec_timeout=0@12"},
    {keys_cfg, TW_FACT_INTERFACE, 13,
     "name=Dialer1 redirects=true proxy_arp=true directed_broadcast=false shutdown=false"},
    {keys_cfg, TW_FACT_INTERFACE, 15,
     "name=Tunnel1 redirects=false@17 proxy_arp=true directed_broadcast=false shutdown=false"},
    {keys_cfg, TW_FACT_INTERFACE, 18, "name=Vlan6 address=2001:db8::1@19 shutdown=false"},
    {keys_cfg, TW_FACT_SERVICE, 20, "name=config-load enabled=false"},
    {keys_cfg, TW_FACT_SERVICE, 21, "name=ntp-authenticate enabled=false"},
    {keys_cfg, TW_FACT_CRYPTO_PROPOSAL, 22, "protocol=ike name=5 encryption=aes128@23"},
    {keys_cfg, TW_FACT_ROUTING_PEER, 25,
     "protocol=bgp address=2001:db8::2 remote_as=64513 auth=false"},
    {keys_cfg, TW_FACT_SERVICE, 0, "name=smart-install enabled=true implied=true"},
    {keys_cfg, TW_FACT_SNMP_USER, 30, "name=U4 group=G version=v3 auth=sha priv=aes192"},
    {keys_cfg, TW_FACT_SNMP_USER, 31, "name=U5 group=G version=v3 auth=sha priv=aes256"},
    {keys_cfg, TW_FACT_ROUTING_PEER, 37,
     "protocol=bgp address=10.9.9.9 remote_as=64600 group=GLOBAL vrf=BLUE auth=true@35"},
    {keys_cfg, TW_FACT_INTERFACE, 26,
     "name=Gi9 address=192.0.2.9@27 redirects=true proxy_arp=true@29 directed_broadcast=false "
     "shutdown=false"},
    {policy_cfg, TW_FACT_INTERFACE, 1,
     "name=GigabitEthernet1 address=192.0.2.1@2 acl_in=EDGE-IN@3 acl_out=101@4 acl_in=V6-IN@5 "
     "redirects=true proxy_arp=true directed_broadcast=false shutdown=false"},
    {policy_cfg, TW_FACT_ROUTE_MAP, 9,
     "name=RM-OUT action=permit seq=20 match=community dept_community_new@11 "
     "match=ip address prefix-list OURS@12 set=local-preference 350@13"},
    {policy_cfg, TW_FACT_ROUTE_MAP, 15, "name=RM-IN action=permit seq=10"},
    {policy_cfg, TW_FACT_ROUTE_MAP, 16,
     "name=RM-IN action=deny seq=30 set=community no-export additive@17"},
    {policy_cfg, TW_FACT_ROUTE_MAP, 18, "name=RM-X action=permit seq=40"},
    {policy_cfg, TW_FACT_PREFIX_LIST, 20,
     "name=OURS family=ipv4 seq=5 action=permit prefix=192.0.2.0/24"},
    {policy_cfg, TW_FACT_PREFIX_LIST, 21,
     "name=OURS family=ipv4 seq=10 action=deny prefix=any le=32"},
    {policy_cfg, TW_FACT_PREFIX_LIST, 22,
     "name=OURS family=ipv4 action=permit prefix=198.51.100.0/24 ge=25 le=28"},
    {policy_cfg, TW_FACT_PREFIX_LIST, 23,
     "name=OURS family=ipv4 seq=20 action=permit prefix=203.0.113.0/24 ge=24 le=24"},
    {policy_cfg, TW_FACT_PREFIX_LIST, 24,
     "name=OURS6 family=ipv6 seq=5 action=permit prefix=2001:db8::/32 le=48"},
    {policy_cfg, TW_FACT_PREFIX_LIST, 19, "(none)"},
    {policy_cfg, TW_FACT_PREFIX_LIST, 25, "(none)"},
    {policy_cfg, TW_FACT_ROUTE_MAP, 28, "(none)"},
    {policy_cfg, TW_FACT_ROUTE_MAP, 29, "(none)"},
};

static void test_exact(void **state)
{
    char buf[1024];

    (void)state;
    for (size_t i = 0; i < sizeof(exact) / sizeof(exact[0]); i++) {
        parsed p;
        parse(&p, exact[i].cfg);
        print_message("row %zu: %s line %u\n", i, tw_fact_kind_name(exact[i].kind), exact[i].line);
        assert_int_equal(p.rc, TW_OK);
        assert_string_equal(rendered(&p, exact[i].kind, exact[i].line, buf, sizeof(buf)),
                            exact[i].fields);
        done(&p);
    }
}

static const count_row hard_counts[] = {
    {"crypto proposals", hard_cfg, 0, TW_FACT_CRYPTO_PROPOSAL, 5},
    {"bgp neighbours with an address", hard_cfg, 0, TW_FACT_ROUTING_PEER, 8},
    {"cdp written: no implied", hard_cfg, 0, TW_FACT_SERVICE, 23},
    {"banner text is no address", hard_cfg, 0, TW_FACT_ADDRESS, 20},
    {"neighbour and template passwords", hard_cfg, 0, TW_FACT_SECRET, 7},
    {"no warning", hard_cfg, 0, TW_FACT_HOSTNAME, 1},
};

static void test_hard_counts(void **state)
{
    parsed p;

    (void)state;
    for (size_t i = 0; i < sizeof(hard_counts) / sizeof(hard_counts[0]); i++) {
        const count_row *r = &hard_counts[i];
        parse(&p, r->cfg);
        print_message("%s\n", r->name);
        assert_int_equal(p.rc, TW_OK);
        assert_int_equal(p.diags.n, 0);
        assert_int_equal(count(&p, r->kind), r->n);
        done(&p);
    }
}

static const tw_fact *find_fact(const parsed *p, tw_fact_kind kind, uint32_t line)
{
    for (size_t i = 0; i < p->fs.n; i++) {
        if (p->fs.v[i].kind == kind && p->fs.v[i].line == line)
            return &p->fs.v[i];
    }
    return NULL;
}

/* Evidence and context of the new facts: the banner's text stays out. */
static void test_hard_evidence(void **state)
{
    static const char *const hidden[] = {"SECRETK1", "SECRETK2",   "SECRETA1", "SECRETP1",
                                         "SECRETA2", "1234",       "SECRETT1", "SECRETB1",
                                         "SECRETB2", "SECRETB3",   "SECRETB4", "Xq7!mR2#pL9zK4",
                                         "public",   "Authorized", "Welcome"};
    const tw_fact *f;
    parsed p;

    (void)state;
    parse(&p, hard_cfg);
    for (size_t i = 0; i < sizeof(hidden) / sizeof(hidden[0]); i++)
        assert_false(leaks(&p, hidden[i]));
    assert_false(leaks(&p, "SECRET"));
    f = find_fact(&p, TW_FACT_SERVICE, 16);
    assert_non_null(f);
    assert_true(tw_str_eq_c(f->evidence, "banner motd"));
    f = find_fact(&p, TW_FACT_SERVICE, 62);
    assert_true(tw_str_eq_c(f->evidence, "logging enable"));
    assert_true(tw_str_eq_c(f->context, "archive"));
    f = find_fact(&p, TW_FACT_ROUTING_PEER, 86);
    assert_true(tw_str_eq_c(f->evidence, "neighbor 10.1.1.1 peer-group RR"));
    assert_true(tw_str_eq_c(f->context, "router bgp 65000"));
    assert_true(tw_str_eq_c(tw_fact_get(f, "auth")->evidence, "neighbor RR password 7 <redacted>"));
    f = find_fact(&p, TW_FACT_SERVICE, 23);
    assert_true(tw_str_eq_c(tw_fact_get(f, "acl")->evidence, "ip http access-class ipv4 23"));
    done(&p);
    parse(&p, keys_cfg);
    assert_true(p.fs.n > 20);
    assert_false(leaks(&p, "SECRET"));
    done(&p);
}

/* The malformed route-map headers and prefix-list entries of policy_cfg
 * give a warning each, at their lines, and no fact; "route-map" alone and
 * the global "ip prefix-list sequence-number" give neither. */
static void test_policy_warnings(void **state)
{
    static const uint32_t want[] = {28, 29, 31, 32, 33, 34, 35, 36};
    parsed p;

    (void)state;
    parse(&p, policy_cfg);
    assert_int_equal(p.rc, TW_OK);
    assert_int_equal(count(&p, TW_FACT_ROUTE_MAP), 4);
    assert_int_equal(count(&p, TW_FACT_PREFIX_LIST), 5);
    assert_int_equal(count(&p, TW_FACT_INTERFACE), 1);
    assert_int_equal(p.diags.n, sizeof(want) / sizeof(want[0]));
    for (size_t i = 0; i < p.diags.n; i++) {
        assert_int_equal(p.diags.v[i].level, TW_DIAG_WARNING);
        assert_int_equal(p.diags.v[i].line, want[i]);
    }
    assert_string_equal(p.diags.v[0].message,
                        "route-map RM-BAD: cannot parse the action or sequence number");
    assert_string_equal(p.diags.v[2].message, "prefix-list X: cannot parse the entry");
    done(&p);
}

/* A route map of many statements: one fact, its fields bounded. */
static void test_route_map_bounds(void **state)
{
    size_t cap = 1000 * 40, n = 0;
    char *cfg = malloc(cap);
    const tw_fact *f;
    parsed p;

    (void)state;
    assert_non_null(cfg);
    n += (size_t)snprintf(cfg, cap, "route-map BIG permit 10\n");
    for (int i = 0; i < 1000; i++)
        n += (size_t)snprintf(cfg + n, cap - n, " match tag %d\n set tag %d\n", i, i);
    parse_n(&p, cfg, n);
    f = find_fact(&p, TW_FACT_ROUTE_MAP, 1);
    assert_int_equal(p.rc, TW_OK);
    assert_int_equal(count(&p, TW_FACT_ROUTE_MAP), 1);
    assert_non_null(f);
    assert_true(f->nfields <= TW_LIMIT_FIELDS);
    assert_true(tw_str_eq_c(tw_fact_get(f, "match")->str, "tag 0"));
    assert_int_equal(tw_fact_get(f, "match")->line, 2);
    done(&p);
    free(cfg);
}

/* BGP on hostile input: a template that inherits itself ends; more
 * neighbours than the table holds are left out with one warning. */
static void test_bgp_bounds(void **state)
{
    size_t cap = 70000 * 48, n = 0;
    char *cfg = malloc(cap);
    parsed p;

    (void)state;
    parse(&p, "router bgp 1\n"
              " template peer-session T\n"
              "  inherit peer-session T\n"
              " neighbor 10.0.0.1 remote-as 2\n"
              " neighbor 10.0.0.1 inherit peer-session T\n");
    assert_true(has(&p, TW_FACT_ROUTING_PEER, 4, "auth", "false", 0));
    done(&p);
    assert_non_null(cfg);
    n += (size_t)snprintf(cfg, cap, "router bgp 1\n");
    for (int i = 0; i < 70000; i++)
        n += (size_t)snprintf(cfg + n, cap - n, " neighbor 10.%d.%d.%d remote-as 2\n", i / 65536,
                              i / 256 % 256, i % 256);
    parse_n(&p, cfg, n);
    assert_int_equal(p.rc, TW_OK);
    assert_int_equal(count(&p, TW_FACT_ROUTING_PEER), 65536);
    assert_int_equal(p.diags.n, 1);
    assert_int_equal(p.diags.v[0].line, 65538);
    done(&p);
    free(cfg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_counts),
        cmocka_unit_test(test_lines),
        cmocka_unit_test(test_malformed_warns),
        cmocka_unit_test(test_unknown_silent),
        cmocka_unit_test(test_secrets),
        cmocka_unit_test(test_redacted_evidence),
        cmocka_unit_test(test_context),
        cmocka_unit_test(test_xe_dialect),
        cmocka_unit_test(test_masks_not_addresses),
        cmocka_unit_test(test_long_line),
        cmocka_unit_test(test_generated),
        cmocka_unit_test(test_exact),
        cmocka_unit_test(test_hard_counts),
        cmocka_unit_test(test_hard_evidence),
        cmocka_unit_test(test_bgp_bounds),
        cmocka_unit_test(test_policy_warnings),
        cmocka_unit_test(test_route_map_bounds),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
