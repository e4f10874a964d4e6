/*
 * test_junos.c: the Junos parser, brace form and set form.
 *
 * The fixtures in data/junos are written by this project, each in both
 * forms: clean.* is a clean MX provider-edge router, planted.* the same
 * kind of router with the AA25-239A artefacts planted (an implant user,
 * a foreign TACACS+ server, an 18xxx web port, SSH on 22222, a GRE tunnel,
 * an analyzer to a public address, a log-clearing event policy, an op
 * script fetched over HTTP).  Every expected fact is checked at its exact
 * line in both forms, every secret is checked to be absent, and small
 * inline texts cover the lexer's corners.  The hardening settings (one-off
 * services, syslog levels, SNMPv3 users, IKE / IPsec proposals, BGP
 * neighbours with inherited authentication) are an inline configuration in
 * both forms whose facts must be exactly the listed ones, fields and lines.  The corpus test runs
 * over every configuration of TW_CORPUS_DIR/configs detected as Junos and records the fact count of
 * each file; it skips when the corpus is absent.
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

#define DATA TW_SOURCE_DIR "/tests/unit/data/junos/"
#define CONFIGS TW_CORPUS_DIR "/configs"

CFG_TEST_WRAPPERS(tw_parse_junos)

/* A fixture of DATA by name, which must parse. */
static void parse_fixture(parsed *p, const char *name)
{
    char path[1024];

    snprintf(path, sizeof(path), DATA "%s", name);
    parse_file(p, path);
    assert_int_equal(p->rc, TW_OK);
}

static bool field_is(const tw_field *f, const char *value)
{
    return f->str.len == strlen(value) && memcmp(f->str.ptr, value, f->str.len) == 0;
}

/* The first fact of kind with a field name = value, and that field. */
static const tw_fact *find(const tw_factset *fs, tw_fact_kind kind, const char *name,
                           const char *value, const tw_field **field)
{
    for (size_t i = 0; i < fs->n; i++) {
        const tw_field *f = NULL;
        if (fs->v[i].kind != kind)
            continue;
        while ((f = tw_fact_next(&fs->v[i], name, f)) != NULL) {
            if (field_is(f, value)) {
                *field = f;
                return &fs->v[i];
            }
        }
    }
    return NULL;
}

/* ---- fixtures: expected facts at exact lines ---------------------------- */

typedef struct {
    tw_fact_kind kind;
    const char *field, *value; /* a field that names the fact */
    uint32_t line_brace, line_set;
    const char *other, *other_value; /* a second field to check, or NULL */
    uint32_t other_brace, other_set; /* its own line (0: the fact's line) */
} want_fact;

static const want_fact planted_facts[] = {
    {TW_FACT_VERSION, "version", "21.4R3-S5", 2, 1, NULL, NULL, 0, 0},
    {TW_FACT_HOSTNAME, "name", "pe1-fra", 4, 2, NULL, NULL, 0, 0},
    {TW_FACT_LOCAL_USER, "name", "cisco_support", 17, 7, "secret_type", "7", 19, 8},
    {TW_FACT_LOCAL_USER, "name", "cisco_support", 17, 7, "privilege", "15", 0, 0},
    {TW_FACT_LOCAL_USER, "name", "noc", 10, 4, "privilege", "1", 11, 5},
    {TW_FACT_LOCAL_USER, "name", "noc", 10, 4, "secret_type", "5", 13, 6},
    {TW_FACT_SECRET, "owner", "root", 6, 3, "type", "8", 0, 0},
    {TW_FACT_SECRET, "owner", "username cisco_support", 19, 8, "type", "7", 0, 0},
    {TW_FACT_SECRET, "owner", "tacacs 167.88.173.252", 28, 12, "form", "key", 0, 0},
    {TW_FACT_AAA_SERVER, "address", "10.20.0.5", 25, 10, "key_type", "7", 0, 0},
    {TW_FACT_AAA_SERVER, "address", "167.88.173.252", 27, 11, "port", "49", 0, 0},
    {TW_FACT_AAA_SERVER, "address", "167.88.173.252", 27, 11, "key_type", "7", 28, 12},
    {TW_FACT_AAA_METHOD, "type", "authentication", 23, 9, "method", "group tacacs+", 0, 0},
    {TW_FACT_SERVICE, "name", "ssh", 33, 13, "port", "22222", 35, 15},
    {TW_FACT_SERVICE, "name", "ssh", 33, 13, "version", "1.99", 34, 14},
    {TW_FACT_SERVICE, "name", "ssh", 33, 13, "root_login", "allow", 0, 0},
    {TW_FACT_SERVICE, "name", "telnet", 37, 16, "enabled", "true", 0, 0},
    {TW_FACT_SERVICE, "name", "netconf", 39, 17, NULL, NULL, 0, 0},
    {TW_FACT_SERVICE, "name", "http", 43, 18, "port", "18080", 0, 0},
    {TW_FACT_LOGGING_HOST, "address", "10.20.0.9", 49, 19, NULL, NULL, 0, 0},
    {TW_FACT_LOGGING_HOST, "address", "45.61.133.77", 53, 20, "port", "5514", 54, 21},
    {TW_FACT_NTP_SERVER, "address", "10.20.0.10", 58, 22, NULL, NULL, 0, 0},
    {TW_FACT_SCRIPT, "name", "svc.slax", 63, 23, "source", "http://45.61.133.77/svc.slax", 0, 0},
    {TW_FACT_SCRIPT, "name", "clean", 138, 41, "action", "clear log messages", 142, 42},
    {TW_FACT_SNMP_COMMUNITY, "access", "rw", 70, 24, "client", "45.61.133.77", 72, 25},
    {TW_FACT_SNMP_HOST, "address", "45.61.133.78", 77, 26, NULL, NULL, 0, 0},
    {TW_FACT_TUNNEL, "name", "gr-0/0/0.0", 85, 27, "destination", "45.61.133.79", 86, 28},
    {TW_FACT_TUNNEL, "name", "gr-0/0/0.0", 85, 27, "mode", "gre", 0, 0},
    {TW_FACT_INTERFACE, "name", "gr-0/0/0.0", 85, 27, "address", "172.31.255.1", 89, 29},
    {TW_FACT_INTERFACE, "name", "xe-0/0/1", 94, 30, "description", "core to P1", 0, 0},
    {TW_FACT_INTERFACE, "name", "xe-0/0/1.0", 97, 31, "address", "10.1.1.1", 0, 0},
    {TW_FACT_ACL_ENTRY, "seq", "mgmt", 111, 34, "src", "45.61.133.77", 0, 0},
    {TW_FACT_ACL_ENTRY, "seq", "mgmt", 111, 34, "action", "permit", 116, 37},
    {TW_FACT_ACL_ENTRY, "seq", "mgmt", 111, 34, "dst_port", "eq 22222", 114, 36},
    {TW_FACT_ACL_ENTRY, "seq", "mgmt", 111, 34, "list", "PROTECT-RE", 0, 0},
    {TW_FACT_ACL_ENTRY, "seq", "rest", 119, 38, "action", "deny", 0, 0},
    {TW_FACT_MIRROR_SESSION, "id", "span1", 128, 39, "destination", "45.61.133.80", 132, 40},
    {TW_FACT_MIRROR_SESSION, "id", "span1", 128, 39, "type", "erspan", 0, 0},
    {TW_FACT_MIRROR_SESSION, "id", "span1", 128, 39, "source", "xe-0/0/1.0", 0, 0},
    {TW_FACT_ROUTE, "next_hop", "45.61.133.81", 151, 44, "prefix", "198.51.100.0/24", 0, 0},
    {TW_FACT_ADDRESS, "value", "45.61.133.81", 151, 44, "statement", "routing-options static", 0,
     0},
};

static const want_fact clean_facts[] = {
    {TW_FACT_HOSTNAME, "name", "pe2-ams", 4, 2, NULL, NULL, 0, 0},
    {TW_FACT_LOCAL_USER, "name", "noc", 10, 4, "secret_type", "8", 12, 5},
    {TW_FACT_AAA_SERVER, "address", "10.20.0.5", 19, 7, "key_type", "7", 0, 0},
    {TW_FACT_AAA_METHOD, "type", "accounting", 24, 9, "service", "commands", 0, 0},
    {TW_FACT_AAA_METHOD, "type", "accounting", 24, 9, "method", "group tacacs+", 26, 10},
    {TW_FACT_SERVICE, "name", "ssh", 31, 11, "version", "2", 32, 12},
    {TW_FACT_SNMP_COMMUNITY, "access", "ro", 50, 17, "acl", "NMS", 51, 18},
    {TW_FACT_NTP_SERVER, "address", "10.20.0.10", 45, 16, "key", "1", 0, 0},
    {TW_FACT_INTERFACE, "name", "xe-0/1/0.0", 59, 20, "address", "2001:db8:1::1", 62, 21},
    {TW_FACT_INTERFACE, "name", "lo0.0", 70, 22, "address", "10.255.0.2", 72, 23},
    {TW_FACT_ACL_ENTRY, "seq", "deny-rest", 92, 28, "action", "deny", 93, 29},
    {TW_FACT_ROUTE, "prefix", "10.99.0.0/16", 101, 30, "interface", "discard", 0, 0},
};

/* The second field of w (the naming field when w has none). */
static const tw_field *other_field(const tw_fact *fact, const want_fact *w)
{
    const char *name = w->other != NULL ? w->other : w->field;
    const char *value = w->other != NULL ? w->other_value : w->value;
    const tw_field *o = tw_fact_get(fact, name);

    while (o != NULL && !field_is(o, value))
        o = tw_fact_next(fact, name, o);
    return o;
}

static void check_facts(const char *file, bool set, const want_fact *w, size_t n)
{
    parsed p = {0};

    parse_fixture(&p, file);
    assert_int_equal(p.diags.n, 0);
    for (size_t i = 0; i < n; i++) {
        const tw_field *f = NULL, *o = NULL;
        const tw_fact *fact = find(&p.fs, w[i].kind, w[i].field, w[i].value, &f);
        print_message("%s: %s %s=%s\n", file, tw_fact_kind_name(w[i].kind), w[i].field, w[i].value);
        assert_non_null(fact);
        assert_int_equal(fact->line, set ? w[i].line_set : w[i].line_brace);
        o = other_field(fact, &w[i]);
        assert_non_null(o);
        assert_int_equal(o->line, set ? w[i].other_set : w[i].other_brace);
    }
    done(&p);
}

static void test_planted_brace(void **state)
{
    (void)state;
    check_facts("planted.conf", false, planted_facts,
                sizeof(planted_facts) / sizeof(planted_facts[0]));
}

static void test_planted_set(void **state)
{
    (void)state;
    check_facts("planted.set", true, planted_facts,
                sizeof(planted_facts) / sizeof(planted_facts[0]));
}

static void test_clean_brace(void **state)
{
    (void)state;
    check_facts("clean.conf", false, clean_facts, sizeof(clean_facts) / sizeof(clean_facts[0]));
}

static void test_clean_set(void **state)
{
    (void)state;
    check_facts("clean.set", true, clean_facts, sizeof(clean_facts) / sizeof(clean_facts[0]));
}

/* ---- both forms give the same facts ------------------------------------- */

typedef struct {
    const char *brace, *set;
} form_pair;

static const form_pair pairs[] = {{"planted.conf", "planted.set"}, {"clean.conf", "clean.set"}};

static void test_forms_agree(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
        parsed b = {0}, s = {0};
        parse_fixture(&b, pairs[i].brace);
        parse_fixture(&s, pairs[i].set);
        for (int k = 0; k < TW__FACT_KIND_COUNT; k++) {
            print_message("%s %s\n", pairs[i].brace, tw_fact_kind_name((tw_fact_kind)k));
            /* set lines repeat the object's address on every line */
            if (k != TW_FACT_ADDRESS)
                assert_int_equal(count(&b, (tw_fact_kind)k), count(&s, (tw_fact_kind)k));
        }
        assert_int_equal(b.fs.dialect, TW_DIALECT_JUNOS);
        assert_int_equal(s.fs.dialect, TW_DIALECT_JUNOS);
        done(&b);
        done(&s);
    }
}

/* ---- secrets never reach a fact ------------------------------------------ */

static const char *const secrets[] = {
    "$9$", "$6$", "$1$", "pr1v ate", "r0-M0nit0r", "Lt4xNdbs", "zF3/tOBE", "Hk5FCtu1",
};

static void test_no_secret_leaks(void **state)
{
    static const char *const files[] = {"planted.conf", "planted.set", "clean.conf", "clean.set"};

    (void)state;
    for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
        parsed p = {0};
        parse_fixture(&p, files[i]);
        assert_true(p.fs.n > 20);
        for (size_t k = 0; k < sizeof(secrets) / sizeof(secrets[0]); k++)
            row_ok(k, !leaks(&p, secrets[k]));
        done(&p);
    }
}

/* ---- hardening facts: exact fields and lines, both forms ----------------- */

/* One configuration in both forms with every setting the hardening rules
 * test; the line numbers in the expected facts below refer to it. */
static const char hard_brace[] = "system {\n"
                                 "    login {\n"
                                 "        retry-options {\n"
                                 "            tries-before-disconnect 3;\n"
                                 "            lockout-period 10;\n"
                                 "        }\n"
                                 "        password {\n"
                                 "            minimum-length 12;\n"
                                 "        }\n"
                                 "        message \"Authorised access only\";\n"
                                 "    }\n"
                                 "    authentication-order [ tacplus radius password ];\n"
                                 "    tacplus-server {\n"
                                 "        10.20.0.5 secret \"$9$Lt4xNdbs2aJGiHmPfz6A0B1\";\n"
                                 "    }\n"
                                 "    radius-server {\n"
                                 "        10.20.0.6 {\n"
                                 "            port 1812;\n"
                                 "            secret \"$9$Hk5FCtu1plainQ\";\n"
                                 "        }\n"
                                 "    }\n"
                                 "    services {\n"
                                 "        ftp;\n"
                                 "        ssh {\n"
                                 "            ciphers [ aes256-ctr aes128-cbc ];\n"
                                 "            macs hmac-sha1;\n"
                                 "            key-exchange [ dh-group1-sha1 curve25519-sha256 ];\n"
                                 "        }\n"
                                 "    }\n"
                                 "    syslog {\n"
                                 "        host 10.20.0.9 {\n"
                                 "            any notice;\n"
                                 "            interactive-commands any;\n"
                                 "            transport tls;\n"
                                 "        }\n"
                                 "        host 10.20.0.10 {\n"
                                 "            any none;\n"
                                 "        }\n"
                                 "        file messages {\n"
                                 "            any info;\n"
                                 "            change-log none;\n"
                                 "        }\n"
                                 "    }\n"
                                 "    ntp {\n"
                                 "        server 10.20.0.11 version 4 key 7 prefer;\n"
                                 "        trusted-key [ 7 8 ];\n"
                                 "    }\n"
                                 "}\n"
                                 "snmp {\n"
                                 "    community public {\n"
                                 "        authorization read-only;\n"
                                 "    }\n"
                                 "    community \"Xy7-kQ2#mN9p\" {\n"
                                 "        authorization read-write;\n"
                                 "    }\n"
                                 "    v3 {\n"
                                 "        usm {\n"
                                 "            local-engine {\n"
                                 "                user nms {\n"
                                 "                    authentication-sha {\n"
                                 "                        authentication-key \"$9$abcdefghijk\";\n"
                                 "                    }\n"
                                 "                    privacy-aes128 {\n"
                                 "                        privacy-key \"$9$lmnopqrst\";\n"
                                 "                    }\n"
                                 "                }\n"
                                 "                user weak {\n"
                                 "                    authentication-none;\n"
                                 "                    privacy-none;\n"
                                 "                }\n"
                                 "            }\n"
                                 "        }\n"
                                 "    }\n"
                                 "}\n"
                                 "security {\n"
                                 "    ike {\n"
                                 "        proposal IKE-P1 {\n"
                                 "            authentication-method pre-shared-keys;\n"
                                 "            dh-group group14;\n"
                                 "            authentication-algorithm sha-256;\n"
                                 "            encryption-algorithm aes-256-cbc;\n"
                                 "        }\n"
                                 "    }\n"
                                 "    ipsec {\n"
                                 "        proposal IPSEC-P1 {\n"
                                 "            protocol esp;\n"
                                 "            authentication-algorithm hmac-md5-96;\n"
                                 "            encryption-algorithm 3des-cbc;\n"
                                 "        }\n"
                                 "    }\n"
                                 "}\n"
                                 "routing-options {\n"
                                 "    autonomous-system 65001;\n"
                                 "}\n"
                                 "protocols {\n"
                                 "    lldp {\n"
                                 "        interface all;\n"
                                 "        interface ge-0/0/0 {\n"
                                 "            disable;\n"
                                 "        }\n"
                                 "    }\n"
                                 "    bgp {\n"
                                 "        group ext {\n"
                                 "            type external;\n"
                                 "            peer-as 65010;\n"
                                 "            neighbor 192.0.2.1 {\n"
                                 "                description \"peer one\";\n"
                                 "                authentication-key \"$9$peerKey1\";\n"
                                 "            }\n"
                                 "            neighbor 192.0.2.2 {\n"
                                 "                peer-as 65020;\n"
                                 "            }\n"
                                 "            authentication-key 12345678;\n"
                                 "        }\n"
                                 "        group int {\n"
                                 "            type internal;\n"
                                 "            neighbor 10.0.0.2;\n"
                                 "        }\n"
                                 "    }\n"
                                 "}\n"
                                 "routing-instances {\n"
                                 "    CUST {\n"
                                 "        protocols {\n"
                                 "            bgp {\n"
                                 "                authentication-key-chain KC1;\n"
                                 "                group c1 {\n"
                                 "                    neighbor 198.51.100.1 peer-as 64512;\n"
                                 "                }\n"
                                 "            }\n"
                                 "        }\n"
                                 "    }\n"
                                 "}\n";

static const char hard_set[] =
    "set system login retry-options tries-before-disconnect 3\n"
    "set system login retry-options lockout-period 10\n"
    "set system login password minimum-length 12\n"
    "set system login message \"Authorised access only\"\n"
    "set system authentication-order [ tacplus radius password ]\n"
    "set system tacplus-server 10.20.0.5 secret \"$9$Lt4xNdbs2aJGiHmPfz6A0B1\"\n"
    "set system radius-server 10.20.0.6 port 1812\n"
    "set system radius-server 10.20.0.6 secret \"$9$Hk5FCtu1plainQ\"\n"
    "set system services ftp\n"
    "set system services ssh ciphers [ aes256-ctr aes128-cbc ]\n"
    "set system services ssh macs hmac-sha1\n"
    "set system services ssh key-exchange [ dh-group1-sha1 curve25519-sha256 ]\n"
    "set system syslog host 10.20.0.9 any notice\n"
    "set system syslog host 10.20.0.9 interactive-commands any\n"
    "set system syslog host 10.20.0.9 transport tls\n"
    "set system syslog host 10.20.0.10 any none\n"
    "set system syslog file messages any info\n"
    "set system syslog file messages change-log none\n"
    "set system ntp server 10.20.0.11 version 4 key 7 prefer\n"
    "set system ntp trusted-key [ 7 8 ]\n"
    "set snmp community public authorization read-only\n"
    "set snmp community \"Xy7-kQ2#mN9p\" authorization read-write\n"
    "set snmp v3 usm local-engine user nms authentication-sha authentication-key "
    "\"$9$abcdefghijk\"\n"
    "set snmp v3 usm local-engine user nms privacy-aes128 privacy-key \"$9$lmnopqrst\"\n"
    "set snmp v3 usm local-engine user weak authentication-none\n"
    "set snmp v3 usm local-engine user weak privacy-none\n"
    "set security ike proposal IKE-P1 authentication-method pre-shared-keys\n"
    "set security ike proposal IKE-P1 dh-group group14\n"
    "set security ike proposal IKE-P1 authentication-algorithm sha-256\n"
    "set security ike proposal IKE-P1 encryption-algorithm aes-256-cbc\n"
    "set security ipsec proposal IPSEC-P1 protocol esp\n"
    "set security ipsec proposal IPSEC-P1 authentication-algorithm hmac-md5-96\n"
    "set security ipsec proposal IPSEC-P1 encryption-algorithm 3des-cbc\n"
    "set routing-options autonomous-system 65001\n"
    "set protocols lldp interface all\n"
    "set protocols lldp interface ge-0/0/0 disable\n"
    "set protocols bgp group ext type external\n"
    "set protocols bgp group ext peer-as 65010\n"
    "set protocols bgp group ext neighbor 192.0.2.1 description \"peer one\"\n"
    "set protocols bgp group ext neighbor 192.0.2.1 authentication-key \"$9$peerKey1\"\n"
    "set protocols bgp group ext neighbor 192.0.2.2 peer-as 65020\n"
    "set protocols bgp group ext authentication-key 12345678\n"
    "set protocols bgp group int type internal\n"
    "set protocols bgp group int neighbor 10.0.0.2\n"
    "set routing-instances CUST protocols bgp authentication-key-chain KC1\n"
    "set routing-instances CUST protocols bgp group c1 neighbor 198.51.100.1 peer-as 64512\n";

/* Every fact but the address facts, as render() writes them. */
static const char *const hard_brace_want[] = {
    "service@4 name=login-block enabled=true",
    "service@8 name=password-policy enabled=true min_length=12",
    "service@10 name=banner enabled=true",
    "aaa_method@12 type=authentication service=login list=default method=group tacacs+ "
    "method=group radius method=local",
    "secret@14 owner=tacacs 10.20.0.5 form=key type=7",
    "aaa_server@14 protocol=tacacs address=10.20.0.5 key_type=7",
    "secret@19 owner=radius 10.20.0.6 form=key type=7",
    "aaa_server@18 protocol=radius address=10.20.0.6 port=1812 key_type=7@19",
    "service@23 name=ftp enabled=true",
    "service@25 name=ssh enabled=true cipher=aes256-ctr cipher=aes128-cbc mac=hmac-sha1@26 "
    "kex=dh-group1-sha1@27 kex=curve25519-sha256@27",
    "logging@32 setting=trap severity=5",
    "service@32 name=config-log enabled=true",
    "logging_host@32 address=10.20.0.9 transport=tls@34",
    "logging_host@37 address=10.20.0.10",
    "ntp_server@45 address=10.20.0.11 key=7",
    "service@46 name=ntp-authenticate enabled=true",
    "snmp_community@51 community=<secret> access=ro strength=weak",
    "snmp_community@54 community=<secret> access=rw strength=ok",
    "snmp_user@61 name=nms version=v3 auth=sha priv=aes128@64",
    "snmp_user@68 name=weak version=v3",
    "crypto_proposal@78 protocol=ike name=IKE-P1 group=14@79 integrity=sha256@80 "
    "encryption=aes256@81",
    "crypto_proposal@86 protocol=ipsec name=IPSEC-P1 integrity=md5@87 encryption=3des@88",
    "service@97 name=lldp enabled=true",
    "routing_peer@107 protocol=bgp address=192.0.2.1 remote_as=65010@105 group=ext "
    "auth=true@108",
    "routing_peer@111 protocol=bgp address=192.0.2.2 remote_as=65020 group=ext auth=true@113",
    "routing_peer@117 protocol=bgp address=10.0.0.2 remote_as=65001@93 group=int auth=false",
    "routing_peer@127 protocol=bgp address=198.51.100.1 remote_as=64512 group=c1 vrf=CUST "
    "auth=true@125",
};

static const char *const hard_set_want[] = {
    "service@1 name=login-block enabled=true",
    "service@3 name=password-policy enabled=true min_length=12",
    "service@4 name=banner enabled=true",
    "aaa_method@5 type=authentication service=login list=default method=group tacacs+ "
    "method=group radius method=local",
    "secret@6 owner=tacacs 10.20.0.5 form=key type=7",
    "aaa_server@6 protocol=tacacs address=10.20.0.5 key_type=7",
    "secret@8 owner=radius 10.20.0.6 form=key type=7",
    "aaa_server@7 protocol=radius address=10.20.0.6 port=1812 key_type=7@8",
    "service@9 name=ftp enabled=true",
    "service@10 name=ssh enabled=true cipher=aes256-ctr cipher=aes128-cbc mac=hmac-sha1@11 "
    "kex=dh-group1-sha1@12 kex=curve25519-sha256@12",
    "logging@13 setting=trap severity=5",
    "service@13 name=config-log enabled=true",
    "logging_host@13 address=10.20.0.9 transport=tls@15",
    "logging_host@16 address=10.20.0.10",
    "ntp_server@19 address=10.20.0.11 key=7",
    "service@20 name=ntp-authenticate enabled=true",
    "snmp_community@21 community=<secret> access=ro strength=weak",
    "snmp_community@22 community=<secret> access=rw strength=ok",
    "snmp_user@23 name=nms version=v3 auth=sha priv=aes128@24",
    "snmp_user@25 name=weak version=v3",
    "crypto_proposal@27 protocol=ike name=IKE-P1 group=14@28 integrity=sha256@29 "
    "encryption=aes256@30",
    "crypto_proposal@31 protocol=ipsec name=IPSEC-P1 integrity=md5@32 encryption=3des@33",
    "service@35 name=lldp enabled=true",
    "routing_peer@39 protocol=bgp address=192.0.2.1 remote_as=65010@38 group=ext auth=true@40",
    "routing_peer@41 protocol=bgp address=192.0.2.2 remote_as=65020 group=ext auth=true@42",
    "routing_peer@44 protocol=bgp address=10.0.0.2 remote_as=65001@34 group=int auth=false",
    "routing_peer@46 protocol=bgp address=198.51.100.1 remote_as=64512 group=c1 vrf=CUST "
    "auth=true@45",
};

/* "kind@line name=value ...", a field's own line as "@N" after its value
 * when it is not the fact's; a secret field's value is "<secret>". */
static void render(const tw_fact *f, char *buf, size_t cap)
{
    int n = snprintf(buf, cap, "%s@%u", tw_fact_kind_name(f->kind), f->line);

    for (uint32_t i = 0; i < f->nfields && n > 0 && (size_t)n < cap; i++) {
        const tw_field *x = &f->fields[i];
        n += snprintf(buf + n, cap - (size_t)n, " %s=%.*s", x->name,
                      x->secret ? 8 : (int)x->str.len, x->secret ? "<secret>" : x->str.ptr);
        if (x->line != 0 && x->line != f->line && (size_t)n < cap)
            n += snprintf(buf + n, cap - (size_t)n, "@%u", x->line);
    }
}

/* The facts of text other than address facts are exactly want[0..n). */
static void check_rendered(const char *text, const char *const *want, size_t n)
{
    parsed p = {0};
    size_t seen = 0;
    char buf[1024];

    parse_n(&p, text, strlen(text));
    assert_int_equal(p.rc, TW_OK);
    assert_int_equal(p.diags.n, 0);
    for (size_t i = 0; i < p.fs.n; i++) {
        bool found = false;
        if (p.fs.v[i].kind == TW_FACT_ADDRESS)
            continue;
        render(&p.fs.v[i], buf, sizeof(buf));
        for (size_t k = 0; k < n && !found; k++)
            found = strcmp(buf, want[k]) == 0;
        if (!found)
            print_message("unexpected: %s\n", buf);
        assert_true(found);
        seen++;
    }
    assert_int_equal(seen, n);
    done(&p);
}

static void test_hardening_brace(void **state)
{
    (void)state;
    check_rendered(hard_brace, hard_brace_want,
                   sizeof(hard_brace_want) / sizeof(hard_brace_want[0]));
}

static void test_hardening_set(void **state)
{
    (void)state;
    check_rendered(hard_set, hard_set_want, sizeof(hard_set_want) / sizeof(hard_set_want[0]));
}

/* Small cases, each form on its own. */
typedef struct {
    const char *text;
    const char *want[3]; /* the facts but address facts; NULL ends */
} render_case;

static const render_case hard_cases[] = {
    /* $8$ is a key under the master password: type 6 */
    {"set system tacplus-server 10.0.0.1 secret \"$8$aes256gcm$hmac$Qm9n\"\n",
     {"secret@1 owner=tacacs 10.0.0.1 form=key type=6",
      "aaa_server@1 protocol=tacacs address=10.0.0.1 key_type=6"}},
    /* "disable" right under lldp turns it off, with that line */
    {"protocols {\n    lldp {\n        interface all;\n        disable;\n    }\n}\n",
     {"service@3 name=lldp enabled=false@4"}},
    {"set protocols lldp interface all\nset protocols lldp disable\n",
     {"service@1 name=lldp enabled=false@2"}},
    {"set protocols lldp\n", {"service@1 name=lldp enabled=true"}},
    {"protocols {\n    inactive: lldp {\n        interface all;\n    }\n}\n", {NULL}},
    /* change-log at level none is no change log; a user's is */
    {"system {\n    syslog {\n        file f {\n            change-log none;\n        }\n"
     "        user * {\n            change-log info;\n        }\n    }\n}\n",
     {"service@7 name=config-log enabled=true"}},
    {"set system syslog file f change-log none\nset system syslog user * change-log info\n",
     {"service@2 name=config-log enabled=true"}},
    /* the console keeps no record; every facility at notice (commits are
     * change-log notices) written to a file does */
    {"set system syslog console change-log any\nset system syslog file f any warning\n", {NULL}},
    {"set system syslog console change-log any\nset system syslog file f any notice\n",
     {"service@2 name=config-log enabled=true"}},
    /* the password policy needs a length; announcement is a banner too */
    {"set system login password format sha512\nset system login announcement \"hi\"\n",
     {"service@2 name=banner enabled=true"}},
    /* protocol-level auth; an internal group's remote AS is its local-as */
    {"protocols {\n    bgp {\n        authentication-key \"$9$k\";\n        group g {\n"
     "            type internal;\n            local-as 65500;\n"
     "            neighbor 2001:db8::2;\n        }\n    }\n}\n",
     {"routing_peer@7 protocol=bgp address=2001:db8::2 remote_as=65500@6 group=g auth=true@3"}},
    {"set protocols bgp authentication-key \"$9$k\"\nset protocols bgp group g type internal\n"
     "set protocols bgp group g local-as 65500\nset protocols bgp group g neighbor 2001:db8::2\n",
     {"routing_peer@4 protocol=bgp address=2001:db8::2 remote_as=65500@3 group=g auth=true@1"}},
    /* an inactive or deactivated neighbour gives no fact */
    {"protocols {\n    bgp {\n        group g {\n            inactive: neighbor 192.0.2.9 {\n"
     "                peer-as 1;\n            }\n            neighbor 192.0.2.8;\n"
     "        }\n    }\n}\n",
     {"routing_peer@7 protocol=bgp address=192.0.2.8 group=g auth=false"}},
    {"set protocols bgp group g neighbor 192.0.2.9 peer-as 1\n"
     "set protocols bgp group g neighbor 192.0.2.8\n"
     "deactivate protocols bgp group g neighbor 192.0.2.9\n",
     {"routing_peer@2 protocol=bgp address=192.0.2.8 group=g auth=false"}},
    /* a group template's key reaches the neighbour, written later */
    {"groups {\n    BGP {\n        protocols {\n            bgp {\n                group g {\n"
     "                    authentication-key-chain KC;\n                }\n            }\n"
     "        }\n    }\n}\nprotocols {\n    bgp {\n        group g {\n"
     "            neighbor 192.0.2.7;\n        }\n    }\n}\n",
     {"routing_peer@15 protocol=bgp address=192.0.2.7 group=g auth=true@6"}},
    {"set protocols bgp group g neighbor 192.0.2.7\n"
     "set groups BGP protocols bgp group g authentication-key-chain KC\n",
     {"routing_peer@1 protocol=bgp address=192.0.2.7 group=g auth=true@2"}},
    /* the same group name in two instances: each its own */
    {"set routing-instances A protocols bgp group g authentication-key \"$9$k\"\n"
     "set routing-instances B protocols bgp group g neighbor 192.0.2.6\n",
     {"routing_peer@2 protocol=bgp address=192.0.2.6 group=g vrf=B auth=false"}},
    /* remote engine users; GCM and truncated HMAC names */
    {"snmp {\n    v3 {\n        usm {\n            remote-engine 80000A4C01 {\n"
     "                user r {\n                    authentication-md5 {\n"
     "                        authentication-key \"$9$x\";\n                    }\n"
     "                    privacy-3des {\n                        privacy-key \"$9$y\";\n"
     "                    }\n                }\n            }\n        }\n    }\n}\n",
     {"snmp_user@7 name=r version=v3 auth=md5 priv=3des@10"}},
    {"set snmp v3 usm remote-engine 80000A4C01 user r authentication-md5 authentication-key "
     "\"$9$x\"\nset snmp v3 usm remote-engine 80000A4C01 user r privacy-3des privacy-key "
     "\"$9$y\"\n",
     {"snmp_user@1 name=r version=v3 auth=md5 priv=3des@2"}},
    {"set security ike proposal P encryption-algorithm aes-256-gcm\n"
     "set security ipsec proposal Q authentication-algorithm hmac-sha-256-128\n",
     {"crypto_proposal@1 protocol=ike name=P encryption=aes256-gcm",
      "crypto_proposal@2 protocol=ipsec name=Q integrity=sha256"}},
    /* two communities one after the other are two facts */
    {"snmp {\n    community a {\n        authorization read-only;\n    }\n"
     "    community b {\n        authorization read-write;\n    }\n}\n",
     {"snmp_community@3 community=<secret> access=ro strength=weak",
      "snmp_community@6 community=<secret> access=rw strength=weak"}},
    {"set snmp community a authorization read-only\nset snmp community b authorization "
     "read-write\n",
     {"snmp_community@1 community=<secret> access=ro strength=weak",
      "snmp_community@2 community=<secret> access=rw strength=weak"}},
};

static void test_hardening_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(hard_cases) / sizeof(hard_cases[0]); i++) {
        size_t n = 0;
        while (n < 3 && hard_cases[i].want[n] != NULL)
            n++;
        print_message("case %zu\n", i);
        check_rendered(hard_cases[i].text, hard_cases[i].want, n);
    }
}

/* The secrets of the hardening texts, BGP's all-digit key among them. */
static void test_hardening_no_leaks(void **state)
{
    static const char *const texts[] = {hard_brace, hard_set};
    static const char *const hard_secrets[] = {
        "$9$", "12345678", "Xy7-kQ2", "public", "peerKey1", "abcdefghijk", "lmnopqrst",
    };

    (void)state;
    for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
        parsed p = {0};
        parse_n(&p, texts[i], strlen(texts[i]));
        for (size_t k = 0; k < sizeof(hard_secrets) / sizeof(hard_secrets[0]); k++)
            row_ok(k, !leaks(&p, hard_secrets[k]));
        done(&p);
    }
}

/* ---- routing policy and interface filters, both forms ------------------- */

/* Interface filters, prefix lists, route filter lists and policy
 * statements, in both forms; the facts below name their lines. */
static const char policy_brace[] = "interfaces {\n"
                                   "    ge-0/0/0 {\n"
                                   "        unit 0 {\n"
                                   "            family inet {\n"
                                   "                filter {\n"
                                   "                    input PROTECT;\n"
                                   "                    output-list [ A B ];\n"
                                   "                }\n"
                                   "            }\n"
                                   "            family inet6 {\n"
                                   "                filter {\n"
                                   "                    output OUT6;\n"
                                   "                    group 5;\n"
                                   "                }\n"
                                   "            }\n"
                                   "        }\n"
                                   "    }\n"
                                   "}\n"
                                   "policy-options {\n"
                                   "    prefix-list PL {\n"
                                   "        10.0.0.0/8;\n"
                                   "        192.168.1.1;\n"
                                   "        2001:db8::/32;\n"
                                   "    }\n"
                                   "    prefix-list EMPTY;\n"
                                   "    prefix-list NTP {\n"
                                   "        apply-path \"system ntp server <*>\";\n"
                                   "    }\n"
                                   "    route-filter-list RFL {\n"
                                   "        10.0.0.0/8 orlonger;\n"
                                   "        10.1.0.0/16 upto /24;\n"
                                   "        10.2.0.0/16 prefix-length-range /20-/24;\n"
                                   "        10.3.0.0/16 exact reject;\n"
                                   "        10.4.0.0/16 longer;\n"
                                   "        10.5.0.0/16 through 10.5.255.0/24;\n"
                                   "    }\n"
                                   "    policy-statement EXPORT {\n"
                                   "        term t1 {\n"
                                   "            from {\n"
                                   "                protocol static;\n"
                                   "                prefix-list PL;\n"
                                   "            }\n"
                                   "            then {\n"
                                   "                local-preference 200;\n"
                                   "                community add C1;\n"
                                   "                accept;\n"
                                   "            }\n"
                                   "        }\n"
                                   "        term t2 {\n"
                                   "            then reject;\n"
                                   "        }\n"
                                   "        term t3 {\n"
                                   "            from protocol bgp;\n"
                                   "            then next term;\n"
                                   "        }\n"
                                   "        then accept;\n"
                                   "    }\n"
                                   "}\n";

static const char policy_set[] =
    "set interfaces ge-0/0/0 unit 0 family inet filter input PROTECT\n"
    "set interfaces ge-0/0/0 unit 0 family inet filter output-list [ A B ]\n"
    "set interfaces ge-0/0/0 unit 0 family inet6 filter output OUT6\n"
    "set interfaces ge-0/0/0 unit 0 family inet6 filter group 5\n"
    "set policy-options prefix-list PL 10.0.0.0/8\n"
    "set policy-options prefix-list PL 192.168.1.1\n"
    "set policy-options prefix-list PL 2001:db8::/32\n"
    "set policy-options prefix-list EMPTY\n"
    "set policy-options prefix-list NTP apply-path \"system ntp server <*>\"\n"
    "set policy-options route-filter-list RFL 10.0.0.0/8 orlonger\n"
    "set policy-options route-filter-list RFL 10.1.0.0/16 upto /24\n"
    "set policy-options route-filter-list RFL 10.2.0.0/16 prefix-length-range /20-/24\n"
    "set policy-options route-filter-list RFL 10.3.0.0/16 exact reject\n"
    "set policy-options route-filter-list RFL 10.4.0.0/16 longer\n"
    "set policy-options route-filter-list RFL 10.5.0.0/16 through 10.5.255.0/24\n"
    "set policy-options policy-statement EXPORT term t1 from protocol static\n"
    "set policy-options policy-statement EXPORT term t1 from prefix-list PL\n"
    "set policy-options policy-statement EXPORT term t1 then local-preference 200\n"
    "set policy-options policy-statement EXPORT term t1 then community add C1\n"
    "set policy-options policy-statement EXPORT term t1 then accept\n"
    "set policy-options policy-statement EXPORT term t2 then reject\n"
    "set policy-options policy-statement EXPORT term t3 from protocol bgp\n"
    "set policy-options policy-statement EXPORT term t3 then next term\n"
    "set policy-options policy-statement EXPORT then accept\n";

/* Every fact but the address facts ("group 5", the empty list, apply-path,
 * "through" and "then next term" give nothing). */
static const char *const policy_brace_want[] = {
    "prefix_list@21 name=PL family=ipv4 seq=1 action=permit prefix=10.0.0.0/8",
    "prefix_list@22 name=PL family=ipv4 seq=2 action=permit prefix=192.168.1.1",
    "prefix_list@23 name=PL family=ipv6 seq=3 action=permit prefix=2001:db8::/32",
    "prefix_list@30 name=RFL family=ipv4 seq=1 action=permit prefix=10.0.0.0/8 le=32",
    "prefix_list@31 name=RFL family=ipv4 seq=2 action=permit prefix=10.1.0.0/16 le=24",
    "prefix_list@32 name=RFL family=ipv4 seq=3 action=permit prefix=10.2.0.0/16 ge=20 le=24",
    "prefix_list@33 name=RFL family=ipv4 seq=4 action=deny prefix=10.3.0.0/16",
    "prefix_list@34 name=RFL family=ipv4 seq=5 action=permit prefix=10.4.0.0/16 ge=17 le=32",
    "interface@6 name=ge-0/0/0.0 shutdown=false acl_in=PROTECT acl_out=A@7 acl_out=B@7 "
    "acl_out=OUT6@12",
    "route_map@40 name=EXPORT seq=10 match=protocol static match=prefix-list PL@41 "
    "set=local-preference 200@44 set=community add C1@45 action=permit@46",
    "route_map@50 name=EXPORT seq=20 action=deny",
    "route_map@53 name=EXPORT action=permit seq=30 match=protocol bgp",
    "route_map@56 name=EXPORT seq=40 action=permit",
};

static const char *const policy_set_want[] = {
    "prefix_list@5 name=PL family=ipv4 seq=1 action=permit prefix=10.0.0.0/8",
    "prefix_list@6 name=PL family=ipv4 seq=2 action=permit prefix=192.168.1.1",
    "prefix_list@7 name=PL family=ipv6 seq=3 action=permit prefix=2001:db8::/32",
    "prefix_list@10 name=RFL family=ipv4 seq=1 action=permit prefix=10.0.0.0/8 le=32",
    "prefix_list@11 name=RFL family=ipv4 seq=2 action=permit prefix=10.1.0.0/16 le=24",
    "prefix_list@12 name=RFL family=ipv4 seq=3 action=permit prefix=10.2.0.0/16 ge=20 le=24",
    "prefix_list@13 name=RFL family=ipv4 seq=4 action=deny prefix=10.3.0.0/16",
    "prefix_list@14 name=RFL family=ipv4 seq=5 action=permit prefix=10.4.0.0/16 ge=17 le=32",
    "interface@1 name=ge-0/0/0.0 shutdown=false acl_in=PROTECT acl_out=A@2 acl_out=B@2 "
    "acl_out=OUT6@3",
    "route_map@16 name=EXPORT seq=10 match=protocol static match=prefix-list PL@17 "
    "set=local-preference 200@18 set=community add C1@19 action=permit@20",
    "route_map@21 name=EXPORT seq=20 action=deny",
    "route_map@22 name=EXPORT action=permit seq=30 match=protocol bgp",
    "route_map@24 name=EXPORT seq=40 action=permit",
};

static void test_policy_brace(void **state)
{
    (void)state;
    check_rendered(policy_brace, policy_brace_want,
                   sizeof(policy_brace_want) / sizeof(policy_brace_want[0]));
}

static void test_policy_set(void **state)
{
    (void)state;
    check_rendered(policy_set, policy_set_want,
                   sizeof(policy_set_want) / sizeof(policy_set_want[0]));
}

/* Small cases: positions count per list and per policy however the set
 * lines interleave, a prefix written twice is one entry, an inactive or
 * deactivated term is none. */
static const struct {
    const char *text;
    const char *want[6]; /* NULL ends */
} policy_cases[] = {
    {"set policy-options policy-statement P term a then accept\n"
     "set policy-options policy-statement Q term x then reject\n"
     "set policy-options policy-statement P term b then reject\n"
     "set policy-options prefix-list L 10.0.0.0/8\n"
     "set policy-options prefix-list M 10.1.0.0/16\n"
     "set policy-options prefix-list L 10.2.0.0/16\n"
     "set policy-options prefix-list L 10.0.0.0/8\n",
     {"route_map@1 name=P seq=10 action=permit", "route_map@2 name=Q seq=10 action=deny",
      "route_map@3 name=P seq=20 action=deny",
      "prefix_list@4 name=L family=ipv4 seq=1 action=permit prefix=10.0.0.0/8",
      "prefix_list@5 name=M family=ipv4 seq=1 action=permit prefix=10.1.0.0/16",
      "prefix_list@6 name=L family=ipv4 seq=2 action=permit prefix=10.2.0.0/16"}},
    {"policy-options {\n    policy-statement P {\n        inactive: term a {\n"
     "            then accept;\n        }\n        term b {\n            then reject;\n"
     "        }\n    }\n}\n",
     {"route_map@7 name=P seq=10 action=deny"}},
    {"set policy-options policy-statement P term a then accept\n"
     "set policy-options policy-statement P term b then reject\n"
     "deactivate policy-options policy-statement P term a\n",
     {"route_map@2 name=P seq=10 action=deny"}},
    {"set interfaces ge-0/0/1 unit 5 family inet filter input-list F1\n"
     "set interfaces ge-0/0/1 unit 5 family inet filter input-list F2\n"
     "set interfaces ge-0/0/1 unit 5 family ethernet-switching filter input L2\n",
     {"interface@1 name=ge-0/0/1.5 shutdown=false acl_in=F1 acl_in=F2@2"}},
};

static void test_policy_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(policy_cases) / sizeof(policy_cases[0]); i++) {
        size_t n = 0;
        while (n < 6 && policy_cases[i].want[n] != NULL)
            n++;
        print_message("case %zu\n", i);
        check_rendered(policy_cases[i].text, policy_cases[i].want, n);
    }
}

/* Malformed statements: a warning at the line, and no fact of the kind. */
static const struct {
    const char *text;
    tw_fact_kind kind;
    uint32_t line;
} policy_bad[] = {
    {"set policy-options prefix-list P not-a-prefix\n", TW_FACT_PREFIX_LIST, 1},
    {"set policy-options prefix-list P 10.0.0.0/8 extra\n", TW_FACT_PREFIX_LIST, 1},
    {"policy-options {\n    prefix-list P {\n        10.0.0.0/33;\n    }\n}\n", TW_FACT_PREFIX_LIST,
     3},
    {"set policy-options route-filter-list R 10.0.0.0/8\n", TW_FACT_PREFIX_LIST, 1},
    {"set policy-options route-filter-list R 10.0.0.0/8 upto 24\n", TW_FACT_PREFIX_LIST, 1},
    {"set policy-options route-filter-list R 10.0.0.0/8 upto /7\n", TW_FACT_PREFIX_LIST, 1},
    {"set policy-options route-filter-list R 10.0.0.0/32 longer\n", TW_FACT_PREFIX_LIST, 1},
    {"set policy-options route-filter-list R 10.0.0.0/8 prefix-length-range /24-/20\n",
     TW_FACT_PREFIX_LIST, 1},
    {"set interfaces ge-0/0/0 unit 0 family inet filter input\n", TW_FACT_ADDRESS, 1},
};

static void test_policy_bad(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(policy_bad) / sizeof(policy_bad[0]); i++) {
        parsed p = {0};
        print_message("bad %zu: %s", i, policy_bad[i].text);
        parse_n(&p, policy_bad[i].text, strlen(policy_bad[i].text));
        assert_int_equal(p.rc, TW_OK);
        assert_int_equal(count(&p, policy_bad[i].kind), 0);
        assert_int_equal(p.diags.n, 1);
        assert_int_equal(p.diags.v[0].line, policy_bad[i].line);
        assert_string_equal(p.diags.v[0].file, "t.cfg");
        done(&p);
    }
}

/* A term longer than a fact holds: the statements that fit, one warning
 * at the first left out, and the fact within the field limit. */
static void test_policy_limit(void **state)
{
    char t[8192];
    size_t n = 0, sets = 0;
    parsed p = {0};
    const tw_field *f = NULL;
    const tw_fact *fact;

    (void)state;
    for (int i = 0; i < 40; i++)
        n += (size_t)snprintf(t + n, sizeof(t) - n,
                              "set policy-options policy-statement P term a then community add "
                              "C%d\n",
                              i);
    snprintf(t + n, sizeof(t) - n, "set policy-options policy-statement P term a then accept\n");
    parse_n(&p, t, strlen(t));
    assert_int_equal(p.rc, TW_OK);
    assert_int_equal(p.diags.n, 1);
    assert_int_equal(p.diags.v[0].line, TW_LIMIT_FIELDS - 2);
    fact = find(&p.fs, TW_FACT_ROUTE_MAP, "name", "P", &f);
    assert_non_null(fact);
    assert_true(fact->nfields <= TW_LIMIT_FIELDS);
    for (f = tw_fact_get(fact, "set"); f != NULL; f = tw_fact_next(fact, "set", f))
        sets++;
    assert_int_equal(sets, TW_LIMIT_FIELDS - 3);
    f = tw_fact_get(fact, "action");
    assert_non_null(f);
    assert_true(field_is(f, "permit"));
    assert_int_equal(f->line, 41);
    done(&p);
}

/* ---- lexer corners --------------------------------------------------------- */

typedef struct {
    const char *text;
    size_t len;   /* 0: strlen */
    size_t facts; /* total facts */
    size_t warnings;
    tw_fact_kind kind;
    uint32_t line; /* line of the first fact of kind; 0: no such fact */
} corner;

#define NUL_TEXT "system {\n host-name r\0\0x;\n}\n"

static const corner corners[] = {
    /* empty input, only comments */
    {"", 0, 0, 0, TW_FACT_HOSTNAME, 0},
    {"/* a\n b */\n# c\n", 0, 0, 0, TW_FACT_HOSTNAME, 0},
    /* a comment inside a statement and a trailing one */
    {"system { /* x\n */ host-name r1; # y\n}\n", 0, 1, 0, TW_FACT_HOSTNAME, 2},
    /* CRLF and a BOM */
    {"\xEF\xBB\xBFsystem {\r\n    host-name r1;\r\n}\r\n", 0, 1, 0, TW_FACT_HOSTNAME, 2},
    /* an inactive statement gives no fact but keeps its address */
    {"system {\n inactive: ntp {\n  server 192.0.2.7;\n }\n}\n", 0, 1, 0, TW_FACT_NTP_SERVER, 0},
    {"system {\n protect: ntp {\n  server 192.0.2.7;\n }\n}\n", 0, 2, 0, TW_FACT_NTP_SERVER, 3},
    /* unbalanced braces, unclosed blocks, an unterminated quote */
    {"}\nsystem { host-name r1; }\n", 0, 1, 1, TW_FACT_HOSTNAME, 2},
    {"system {\n host-name r1;\n", 0, 1, 1, TW_FACT_HOSTNAME, 2},
    {"system { host-name \"r1 ; }\n", 0, 1, 1, TW_FACT_HOSTNAME, 1},
    /* set lines: last line without a newline, prompts and deactivate dropped */
    {"user@r> show configuration | display set\nset system host-name r1", 0, 1, 0, TW_FACT_HOSTNAME,
     2},
    {"set system ntp server 192.0.2.7\ndeactivate system ntp\n", 0, 1, 0, TW_FACT_NTP_SERVER, 0},
    /* a NUL byte is white space */
    {NUL_TEXT, sizeof(NUL_TEXT) - 1, 1, 0, TW_FACT_HOSTNAME, 2},
    /* groups: read as if at the top, wildcards skipped */
    {"set groups G system ntp server 192.0.2.7\nset groups G system ntp server <*> prefer\n", 0, 2,
     0, TW_FACT_NTP_SERVER, 1},
};

static void test_corners(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(corners) / sizeof(corners[0]); i++) {
        const corner *c = &corners[i];
        size_t len = c->len ? c->len : strlen(c->text);
        parsed p = {0};
        const tw_fact *first = NULL;
        print_message("corner %zu\n", i);
        parse_n(&p, c->text, len);
        assert_int_equal(p.rc, TW_OK);
        assert_int_equal(p.fs.n, c->facts);
        assert_int_equal(p.diags.n, c->warnings);
        for (size_t k = 0; k < p.fs.n && first == NULL; k++)
            first = p.fs.v[k].kind == c->kind ? &p.fs.v[k] : NULL;
        assert_int_equal(first != NULL ? first->line : 0, c->line);
        done(&p);
    }
}

/* Nesting past the limit is one warning, and the text after it is read. */
static void test_deep_nesting(void **state)
{
    size_t depth = TW_LIMIT_DEPTH + 20, n = 0;
    char *t = malloc(depth * 6 + 64);
    parsed p = {0};
    const tw_field *f = NULL;

    (void)state;
    assert_non_null(t);
    for (size_t i = 0; i < depth; i++)
        n += (size_t)snprintf(t + n, 8, "a {\n");
    for (size_t i = 0; i < depth; i++)
        n += (size_t)snprintf(t + n, 8, "}\n");
    n += (size_t)snprintf(t + n, 40, "system { host-name deep; }\n");
    parse_n(&p, t, n);
    assert_int_equal(p.rc, TW_OK);
    assert_int_equal(p.diags.n, 1);
    assert_non_null(find(&p.fs, TW_FACT_HOSTNAME, "name", "deep", &f));
    assert_int_equal(p.fs.hostname.len, 4);
    done(&p);
    free(t);
}

/* ---- the corpus -------------------------------------------------------------- */

typedef struct {
    const char *path; /* under configs/ */
    size_t facts;     /* all facts */
    size_t addresses; /* of them, address facts */
} corpus_file;

/* Observed counts (regenerate when the parser changes on purpose: the
 * failing assertion names the file). */
static const corpus_file corpus_files[] = {
    {"batfish-example/snmp_communities_clients/juniper", 4, 1},
    {"batfish-unit/gh-2658-juniper-vrf-import-export.cfg", 49, 20},
    {"batfish-unit/juniper_firewall", 23, 10},
    {"batfish-unit/juniper_interfaces", 20, 4},
    {"batfish-unit/juniper_ntp", 15, 8},
    {"batfish-unit/juniper_passwords", 12, 6},
    {"batfish-unit/juniper_security", 7, 3},
    {"batfish-unit/juniper_snmp", 11, 7},
    {"batfish-unit/juniper_syslog", 30, 23},
    {"batfish-unit/juniper_system", 9, 7},
    {"batfish-unit/juniper_tacplus", 17, 11},
    {"batfish-unit/junos/junos-snmp-gh-8812", 15, 8},
    {"ciscoconfparse2/sample_01.junos", 22, 7},
    {"ciscoconfparse2/sample_03.junos", 53, 10},
    {"ciscoconfparse2/sample_04.junos", 77, 36},
};

typedef struct {
    size_t junos, matched, errors;
} corpus_totals;

static const corpus_file *corpus_entry(const char *rel)
{
    for (size_t i = 0; i < sizeof(corpus_files) / sizeof(corpus_files[0]); i++) {
        if (strcmp(corpus_files[i].path, rel) == 0)
            return &corpus_files[i];
    }
    return NULL;
}

static void corpus_one(corpus_totals *t, const char *path, const char *rel)
{
    size_t len = 0;
    char *data = cfg_slurp(path, &len);
    const corpus_file *want;
    parsed p = {0};

    assert_non_null(data);
    if (tw_dialect_detect(data, len) != TW_DIALECT_JUNOS) {
        free(data);
        return;
    }
    t->junos++;
    parse_n(&p, data, len);
    p.text = data;
    assert_int_equal(p.rc, TW_OK);
    t->errors += p.diags.errors;
    want = corpus_entry(rel);
    print_message("    {\"%s\", %zu, %zu},\n", rel, p.fs.n, count(&p, TW_FACT_ADDRESS));
    assert_non_null(want);
    t->matched++;
    assert_int_equal(p.fs.n, want->facts);
    assert_int_equal(count(&p, TW_FACT_ADDRESS), want->addresses);
    done(&p);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static void corpus_walk(corpus_totals *t, const char *dir, const char *rel)
{
    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, by_name);

    for (int i = 0; i < n; i++) {
        char path[4096], sub[2048];
        struct stat st;
        snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
        snprintf(sub, sizeof(sub), "%s%s%s", rel, rel[0] ? "/" : "", names[i]->d_name);
        if (names[i]->d_name[0] != '.' && stat(path, &st) == 0) {
            if (S_ISDIR(st.st_mode))
                corpus_walk(t, path, sub);
            else if (S_ISREG(st.st_mode))
                corpus_one(t, path, sub);
        }
        free(names[i]);
    }
    free(names);
}

static void test_corpus(void **state)
{
    corpus_totals t = {0};
    struct stat st;

    (void)state;
    if (stat(CONFIGS, &st) != 0) {
        skip();
    }
    corpus_walk(&t, CONFIGS, "");
    assert_int_equal(t.errors, 0);
    assert_int_equal(t.junos, sizeof(corpus_files) / sizeof(corpus_files[0]));
    assert_int_equal(t.matched, t.junos);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_planted_brace),   cmocka_unit_test(test_planted_set),
        cmocka_unit_test(test_clean_brace),     cmocka_unit_test(test_clean_set),
        cmocka_unit_test(test_forms_agree),     cmocka_unit_test(test_no_secret_leaks),
        cmocka_unit_test(test_corners),         cmocka_unit_test(test_deep_nesting),
        cmocka_unit_test(test_hardening_brace), cmocka_unit_test(test_hardening_set),
        cmocka_unit_test(test_hardening_cases), cmocka_unit_test(test_hardening_no_leaks),
        cmocka_unit_test(test_policy_brace),    cmocka_unit_test(test_policy_set),
        cmocka_unit_test(test_policy_cases),    cmocka_unit_test(test_policy_bad),
        cmocka_unit_test(test_policy_limit),    cmocka_unit_test(test_corpus),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
