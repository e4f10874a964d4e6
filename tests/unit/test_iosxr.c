/*
 * test_iosxr.c: the Cisco IOS XR parser (lib/parse/iosxr*.c).
 *
 * Table-driven.  Two fixtures written for this project
 * (tests/unit/data/iosxr/: a clean IOS XR 7.3.2 PE router and one with
 * planted AA25-239A artefacts) expect facts of a kind at exact lines with a
 * field value (and, for block fields, the field's own line), and fact
 * counts per kind.  No fact text or evidence may hold a secret of either
 * fixture.  Small inline configurations cover headers, banners, line-ending
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

typedef struct {
    tw_arena *arena;
    tw_factset fs;
    tw_diags diags;
    tw_err rc;
    char *data;
} parsed;

static void parse_n(parsed *p, const char *cfg, size_t len)
{
    p->arena = tw_arena_new(0);
    assert_non_null(p->arena);
    tw_factset_init(&p->fs, p->arena);
    tw_diags_init(&p->diags);
    p->rc = tw_parse_iosxr("t.cfg", cfg, len, &p->fs, &p->diags);
}

static void parse_file(parsed *p, const char *path)
{
    size_t len = 0;

    p->data = cfg_slurp(path, &len);
    assert_non_null(p->data);
    parse_n(p, p->data, len);
}

static void done(parsed *p)
{
    tw_diags_release(&p->diags);
    tw_factset_release(&p->fs);
    tw_arena_free(p->arena);
    free(p->data);
    p->data = NULL;
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

static bool contains(tw_str hay, const char *needle)
{
    return tw_str_find(hay, tw_str_c(needle)) >= 0;
}

/* True when some fact's text, evidence or context holds needle. */
static bool leaks(const parsed *p, const char *needle)
{
    for (size_t i = 0; i < p->fs.n; i++) {
        const tw_fact *f = &p->fs.v[i];
        if (contains(f->evidence, needle) || contains(f->context, needle))
            return true;
        for (uint32_t k = 0; k < f->nfields; k++) {
            if (contains(f->fields[k].str, needle) || contains(f->fields[k].evidence, needle))
                return true;
        }
    }
    return false;
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
    {CLEAN, TW_FACT_SERVICE, 2},      {CLEAN, TW_FACT_VTY, 1},
    {PLANTED, TW_FACT_TUNNEL, 1},     {PLANTED, TW_FACT_MIRROR_SESSION, 2},
    {PLANTED, TW_FACT_LOCAL_USER, 2}, {PLANTED, TW_FACT_SCRIPT, 2},
    {PLANTED, TW_FACT_AAA_SERVER, 3}, {PLANTED, TW_FACT_SERVICE, 3},
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

/* Secrets written into the fixtures: none may reach a fact. */
static const char *const secrets[] = {
    "SECRET", "060506324F41584B56", "0822455D0A16", "13061E010803", "$6$", "$8$", "$1$",
};

static void test_no_secret_leaks(void **state)
{
    static const char *const files[] = {CLEAN, PLANTED};

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

/* ---- corpus ------------------------------------------------------------ */

#define CONFIGS TW_CORPUS_DIR "/configs"

/* Fact counts per IOS XR file of the corpus (regenerate when the parser
 * changes on purpose: the failing assertion prints the new number). */
static const struct {
    const char *path;
    size_t facts;
} corpus_want[] = {
    {"batfish-unit/ios_xr_acl", 46},          {"batfish-unit/ios_xr_logging", 2},
    {"batfish-unit/ios_xr_misc", 1},          {"batfish-unit/ios_xr_multipart", 4},
    {"batfish-unit/ios_xr_ntp", 4},           {"batfish-unit/ios_xr_ssh", 3},
    {"batfish-unit/ios_xr_taskgroup", 1},     {"ciscoconfparse2/sample_01.iosxr", 138},
    {"ciscoconfparse2/sample_02.iosxr", 24},  {"ciscoconfparse2/sample_03.iosxr", 22},
    {"ciscoconfparse2/sample_04.iosxr", 28},  {"ciscoconfparse2/sample_05.iosxr", 214},
    {"ciscoconfparse2/sample_06.iosxr", 168}, {"ciscoconfparse2/sample_07.iosxr", 157},
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
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
