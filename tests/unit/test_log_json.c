/*
 * test_log_json.c: JSON Lines logs (lib/parse/log_json.c through log.h):
 * the default field names of common shippers, configured names, nested and
 * flattened dotted keys, syslog text inside the message, redaction, and
 * invalid lines.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "log_test_util.h"

typedef struct {
    const char *line, *name, *value;
} row;

#define ECS                                                                                      \
    "{\"@timestamp\":\"2025-03-03T10:00:00Z\",\"host\":{\"name\":\"rtr1\"},\"source\":{\"ip\":" \
    "\"198.51.100.4\"},\"user\":{\"name\":\"u1\"},\"process\":{\"name\":\"sshd\"},"          \
    "\"message\":\"Accepted password for u1 from 198.51.100.4 port 4444 ssh2\"}"
#define SYSLOGNG                                                                                 \
    "{\"HOST\":\"ignored\",\"hostname\":\"rtr2\",\"MESSAGE\":\"<189>22: rtr2: Mar  3 10:00:00 " \
    "UTC: %PARSER-5-CFGLOG_LOGGEDCMD: User:admin  logged command:username x secret 0 S3\"}"
#define JUNOS                                                                                    \
    "{\"timestamp\":\"t1\",\"hostname\":\"mx1\",\"program\":\"mgd\",\"msg\":"                  \
    "\"UI_CMDLINE_READ_LINE: User 'j', command 'show version'\"}"
#define FLAT "{\"host.name\":\"flat1\",\"destination.ip\":\"10.0.0.1\",\"ts\":1700000000}"

static const row rows[] = {
    {ECS, "time", "2025-03-03T10:00:00Z"},
    {ECS, "host", "rtr1"},
    {ECS, "src", "198.51.100.4"},
    {ECS, "user", "u1"},
    {ECS, "program", "sshd"},
    {ECS, "src_port", "4444"},
    {ECS, "format", "jsonl"},
    {ECS, "address", "198.51.100.4"},
    {SYSLOGNG, "host", "rtr2"},
    {SYSLOGNG, "msgid", "PARSER-5-CFGLOG_LOGGEDCMD"},
    {SYSLOGNG, "user", "admin"},
    {SYSLOGNG, "command", "username x secret 0 <redacted>"},
    {SYSLOGNG, "message", "User:admin  logged command:username x secret 0 <redacted>"},
    {SYSLOGNG, "severity", "5"},
    {JUNOS, "msgid", "UI_CMDLINE_READ_LINE"},
    {JUNOS, "command", "show version"},
    {JUNOS, "user", "j"},
    {JUNOS, "host", "mx1"},
    {FLAT, "host", "flat1"},
    {FLAT, "dst", "10.0.0.1"},
    {FLAT, "time", "1700000000"},
    {"{\"cmd\":\"show run\",\"user\":\"x\",\"host\":{\"hostname\":\"no\"}}", "command", "show run"},
    {"{\"cmd\":\"show run\",\"user\":\"x\",\"host\":{\"hostname\":\"no\"}}", "host", NULL},
};

static void test_rows(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        log_run r;
        log_parse(&r, TW_LOG_JSONL, rows[i].line);
        print_message("json row %zu\n", i);
        assert_int_equal(r.rc, TW_OK);
        assert_true(r.parsed);
        assert_int_equal(r.fs.n, 1);
        assert_true(log_has(&r, rows[i].name, rows[i].value));
        log_done(&r);
    }
}

/* Configured field names replace the defaults. */
static void test_opts(void **state)
{
    tw_log_opts o = {0};
    tw_str line = TW_STR("{\"dev\":\"r9\",\"who\":{\"id\":\"zoe\"},\"user\":\"not\",\"src\":\"x\","
                         "\"peer\":\"10.9.9.9\",\"message\":\"hi\"}");
    log_run r;

    (void)state;
    o.host = "device,dev";
    o.user = "who.id";
    o.src = "peer";
    log_parse_lines(&r, TW_LOG_JSONL, &o, &line, 1);
    assert_int_equal(r.fs.n, 1);
    assert_true(log_has(&r, "host", "r9"));
    assert_true(log_has(&r, "user", "zoe"));
    assert_true(log_has(&r, "src", "10.9.9.9"));
    assert_true(log_has(&r, "message", "hi"));
    log_done(&r);
}

/* The evidence of a record whose command carries a secret is redacted. */
static void test_evidence(void **state)
{
    log_run r;

    (void)state;
    log_parse(&r, TW_LOG_JSONL, "{\"command\":\"snmp-server community Publ1c RW\"}");
    assert_int_equal(r.fs.n, 1);
    assert_int_equal(tw_str_find(r.fs.v[0].evidence, TW_STR("Publ1c")), -1);
    assert_true(tw_str_find(r.fs.v[0].evidence, TW_STR("<redacted>")) >= 0);
    log_done(&r);
}

static const char *const bad[] = {"{bad json", "[1,2]", "\"str\"", "{\"a\":1} trailing", "{"};

static void test_bad(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        log_run r;
        log_parse(&r, TW_LOG_JSONL, bad[i]);
        assert_int_equal(r.rc, TW_OK);
        assert_false(r.parsed);
        assert_int_equal(r.fs.n, 0);
        assert_int_equal(r.diags.n, 1);
        assert_int_equal(r.diags.v[0].line, 1);
        assert_int_equal(r.diags.v[0].code, TW_EJSON);
        log_done(&r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows),
        cmocka_unit_test(test_opts),
        cmocka_unit_test(test_evidence),
        cmocka_unit_test(test_bad),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
