/*
 * test_ios_redact.c: tw_ios_redact, the redaction of one command from a
 * log or accounting record (lib/parse/ios_redact.c through config.h).
 * Table-driven: each row is a command as TACACS+ accounting or a syslog
 * record carries it, the exact redacted text, and the secret, which must
 * appear nowhere in the result.  Commands without a secret come back
 * unchanged, and false.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "parse/ios_int.h"
#include "tidewatch/config.h"
#include "tidewatch/limits.h"

static const struct {
    const char *line;
    const char *want;
    const char *secret;
} rows[] = {
    {"username x privilege 15 secret 0 S3cr3tZ", "username x privilege 15 secret 0 <redacted>",
     "S3cr3tZ"},
    {"enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0", "enable secret 5 <redacted>", "$1$mERr"},
    {"tacacs-server host 1.2.3.4 key 7 K3yZ", "tacacs-server host 1.2.3.4 key 7 <redacted>",
     "K3yZ"},
    {"snmp-server community S3cr3tZ RW", "snmp-server community <redacted> RW", "S3cr3tZ"},
    {"key-string K3yZ", "key-string <redacted>", "K3yZ"},
    {"crypto isakmp key K3yZ address 1.2.3.4", "crypto isakmp key <redacted> address 1.2.3.4",
     "K3yZ"},
    {"ntp authentication-key 1 md5 K3yZ 7", "ntp authentication-key 1 md5 <redacted> 7", "K3yZ"},
    {"standby 1 authentication md5 key-string K3yZ",
     "standby 1 authentication md5 key-string <redacted>", "K3yZ"},
    {"username x password K3yZ <cr>", "username x password <redacted> <cr>", "K3yZ"},
    /* a secret that takes the rest of the line keeps a final <cr> */
    {"key-string 7 K3yZ more words <cr>", "key-string 7 <redacted> <cr>", "K3yZ"},
    {"tacacs-server key 7 K3yZ <cr>", "tacacs-server key 7 <redacted> <cr>", "K3yZ"},
    /* "key" in a submode (tacacs server, aaa group) of unknown mode */
    {"key 7 K3yZ", "key 7 <redacted>", "K3yZ"},
    /* "level N" and a type before the secret */
    {"enable password level 15 7 K3yZ", "enable password level 15 7 <redacted>", "K3yZ"},
    {"username x privilege 15 password 0 K3yZ <cr>",
     "username x privilege 15 password 0 <redacted> <cr>", "K3yZ"},
    /* rules a logged command has beyond a configuration's */
    {"set snmp community S3cr3tZ authorization read-only",
     "set snmp community <redacted> authorization read-only", "S3cr3tZ"},
    {"set system root-authentication plain-text-password-value S3cr3tZ",
     "set system root-authentication plain-text-password-value <redacted>", "S3cr3tZ"},
    {"{\"command\":\"snmp-server community S3cr3tZ RW\"}",
     "{\"command\":\"snmp-server community <redacted> RW\"}", "S3cr3tZ"},
    {"User:admin  logged command:username x secret 0 S3cr3tZ",
     "User:admin  logged command:username x secret 0 <redacted>", "S3cr3tZ"},
    /* the configuration parser's rules */
    {"ip ospf message-digest-key 1 md5 7 K3yZ", "ip ospf message-digest-key 1 md5 7 <redacted>",
     "K3yZ"},
    {"pre-shared-key address 1.2.3.4 key 6 K3yZ", "pre-shared-key address 1.2.3.4 key 6 <redacted>",
     "K3yZ"},
    {"snmp-server host 1.2.3.4 version 2c S3cr3tZ",
     "snmp-server host 1.2.3.4 version 2c <redacted>", "S3cr3tZ"},
    {"snmp-server user u g v3 auth sha S3cr3tZ priv aes 128 K3yZ",
     "snmp-server user u g v3 auth sha <redacted> priv aes 128 <redacted>", "S3cr3tZ"},
    {"snmp-server user u g v3 auth sha S3cr3tZ priv aes 128 K3yZ",
     "snmp-server user u g v3 auth sha <redacted> priv aes 128 <redacted>", "K3yZ"},
    /* a key size between the algorithm and the secret, and none */
    {"snmp-server user u g v3 auth sha-2 256 S3cr3tZ priv aes 256 K3yZ",
     "snmp-server user u g v3 auth sha-2 256 <redacted> priv aes 256 <redacted>", "S3cr3tZ"},
    {"snmp-server user u g v3 auth sha-2 256 S3cr3tZ priv aes 256 K3yZ",
     "snmp-server user u g v3 auth sha-2 256 <redacted> priv aes 256 <redacted>", "K3yZ"},
    {"snmp-server user u g v3 auth md5 S3cr3tZ priv des 12345678",
     "snmp-server user u g v3 auth md5 <redacted> priv des <redacted>", "12345678"},
    {"snmp-server user u g v3 auth sha S3cr3tZ priv 3des 87654321 access 10",
     "snmp-server user u g v3 auth sha <redacted> priv 3des <redacted> access 10", "87654321"},
    /* the NX-OS form: a secret where IOS writes the algorithm */
    {"snmp-server user u g auth md5 S3cr3tZ priv K3yZ localizedkey",
     "snmp-server user u g auth md5 <redacted> priv <redacted> <redacted>", "K3yZ"},
    {"vrrp 1 authentication text K3yZ", "vrrp 1 authentication text <redacted>", "K3yZ"},
    /* white space is kept as it was */
    {"  username\tx  secret 5  S3cr3tZ  ", "  username\tx  secret 5  <redacted>  ", "S3cr3tZ"},
};

/* Commands without a secret. */
static const char *const clean[] = {
    "show running-config <cr>",
    "key chain K1",
    "crypto key generate rsa modulus 2048",
    "username x password <cr>",
    "standby 1 authentication key-chain KC",
    "interface Tunnel10",
    "",
};

static void test_redact(void **state)
{
    tw_buf out;

    (void)state;
    tw_buf_init(&out, 0);
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        print_message("row %zu: %s\n", i, rows[i].line);
        assert_true(tw_ios_redact(tw_str_c(rows[i].line), &out));
        assert_string_equal(out.ptr, rows[i].want);
        assert_null(strstr(out.ptr, rows[i].secret));
    }
    tw_buf_release(&out);
}

static void test_clean(void **state)
{
    tw_buf out;

    (void)state;
    tw_buf_init(&out, 0);
    for (size_t i = 0; i < sizeof(clean) / sizeof(clean[0]); i++) {
        print_message("clean %zu: %s\n", i, clean[i]);
        assert_false(tw_ios_redact(tw_str_c(clean[i]), &out));
        assert_string_equal(out.ptr, clean[i]);
    }
    tw_buf_release(&out);
}

/* A key string longer than the tokens a line may have: nothing of it is
 * kept, though the tokenizer stopped before its end. */
static void test_long_key_string(void **state)
{
    tw_buf in, out;

    (void)state;
    tw_buf_init(&in, 0);
    tw_buf_init(&out, 0);
    assert_int_equal(tw_buf_adds(&in, "key-string"), TW_OK);
    for (int i = 0; i < TW_LIMIT_TOKENS_PER_LINE + 10; i++)
        assert_int_equal(tw_buf_printf(&in, " K%d", i), TW_OK);
    assert_int_equal(tw_buf_adds(&in, " <cr>"), TW_OK);
    assert_true(tw_ios_redact(tw_buf_str(&in), &out));
    assert_string_equal(out.ptr, "key-string <redacted>");
    tw_buf_release(&in);
    tw_buf_release(&out);
}

/* Type 0 and 7 secrets are judged for strength, the text never kept. */
static void test_strength(void **state)
{
    static const struct {
        const char *type, *secret, *want; /* want NULL: not judged */
    } rows[] = {
        {"7", "0822455D0A16", "weak"},                                   /* "cisco" */
        {"7", "023E0F02480B3F735A7F5E581F3B461A", "ok"},                 /* 15 bytes, four kinds */
        {"7", "1309181C0C0E113E382D252339271F0801061355584B56", "weak"}, /* lower case only */
        {"7", "0822455D0A1", NULL},                                      /* odd length */
        {"7", "9922455D0A16", NULL},                                     /* offset past the key */
        {"7", "08ZZ455D0A16", NULL},                                     /* not hex */
        {"0", "cisco123", "weak"},
        {"", "Tr0ub4dor&3xyz", "ok"},
        {"5", "$1$abcd$efghijklmnopqrstu", NULL},
        {"9", "$9$abc$def", NULL},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        const char *got = tw__ios_secret_strength(tw_str_c(rows[i].type), tw_str_c(rows[i].secret));

        print_message("row %zu\n", i);
        assert_string_equal(got ? got : "(none)", rows[i].want ? rows[i].want : "(none)");
    }
}

/* SNMP communities: well-known, short or plain ones are weak
 * (cisco_util.c, shared by every dialect). */
static void test_community_strength(void **state)
{
    static const struct {
        const char *community, *want;
    } rows[] = {
        {"public", "weak"},       {"PRIVATE", "weak"},
        {"all private", "weak"},  {"ILMI", "weak"},
        {"Xq7!mR2#pL9zK4", "ok"}, {"abcdefghijklmnop", "weak"},
        {"Sh0rt!x", "weak"},      {"monitoring-ROUTER-42", "ok"},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        print_message("row %zu\n", i);
        assert_string_equal(tw__community_strength(tw_str_c(rows[i].community)), rows[i].want);
    }
}

/* Syslog levels by number or name (cisco_util.c). */
static void test_severity(void **state)
{
    static const struct {
        const char *level;
        int want;
    } rows[] = {
        {"0", 0},
        {"7", 7},
        {"8", -1},
        {"emergencies", 0},
        {"alerts", 1},
        {"critical", 2},
        {"errors", 3},
        {"Warnings", 4},
        {"notifications", 5},
        {"informational", 6},
        {"debugging", 7},
        {"info", -1},
        {"", -1},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        print_message("row %zu\n", i);
        assert_int_equal(tw__cisco_severity(tw_str_c(rows[i].level)), rows[i].want);
    }
}

/* The address filter and parser of the Cisco dialects (cisco_util.c,
 * ios.c): route distinguishers and other colon tokens are not addresses;
 * every IPv6 form is. */
static void test_addr(void **state)
{
    static const struct {
        const char *tok;
        bool want;
    } rows[] = {
        {"10.1.2.3", true},
        {"10.0.0.0/8", true},
        {"2001:db8::1", true},
        {"2001:db8::/32", true},
        {"::1", true},
        {"fe80:0:0:0:0:0:0:1", true},
        {"fe80:0:0:0:0:0:0:1/64", true},
        {"::ffff:192.0.2.1", true},
        {"0:0:0:0:0:ffff:192.0.2.1", true},
        {"64512:1", false},
        {"65000:100:200", false},
        {"1:2:3:4:5:6:7", false},
        {"1:2:3:4:5:6:7:8:9", false},
        {"0:0:0:0:0:ffff:1", false},
        {"15.2", false},
        {"deadbeef", false},
        {"a", false},
    };

    (void)state;
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        tw_cidr c;
        print_message("row %zu %s\n", i, rows[i].tok);
        assert_int_equal(tw__cisco_addr(tw_str_c(rows[i].tok), &c), rows[i].want);
        /* colon tokens that are not IPv6 never reach tw_cidr_parse */
        if (rows[i].want || strchr(rows[i].tok, ':') != NULL)
            assert_int_equal(tw__cisco_maybe_addr(tw_str_c(rows[i].tok)), rows[i].want);
    }
}

/* The pre-check of secret keywords (ios_int.h): every keyword passes in
 * any case; the common words with the same last letter do not. */
static void test_may_announce(void **state)
{
    static const char *const yes[] = {
        "password",
        "PASSWORD",
        "auth-password",
        "secret",
        "Secret",
        "key",
        "KEY",
        "server-key",
        "pre-shared-key",
        "authentication-key",
        "message-digest-key",
        "key-string",
    };
    static const char *const no[] = {"extended", "established", "forwarding", "standard",
                                     "permit",   "transport",   "family",     "any",
                                     "keyring",  "secrets",     "string",     "accounting"};

    (void)state;
    for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
        print_message("yes %s\n", yes[i]);
        assert_true(tw__ios_may_announce_secret(tw_str_c(yes[i])));
    }
    for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
        print_message("no %s\n", no[i]);
        assert_false(tw__ios_may_announce_secret(tw_str_c(no[i])));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_redact),
        cmocka_unit_test(test_strength),
        cmocka_unit_test(test_clean),
        cmocka_unit_test(test_long_key_string),
        cmocka_unit_test(test_community_strength),
        cmocka_unit_test(test_severity),
        cmocka_unit_test(test_addr),
        cmocka_unit_test(test_may_announce),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
