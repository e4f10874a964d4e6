/*
 * test_log_detect.c: log format detection and format names (lib/parse/log.c
 * through log.h).  Table-driven: each row is the start of a file and the
 * format tw_log_detect must return.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/log.h"

static const struct {
    const char *text;
    tw_log_format want;
} rows[] = {
    {"{\"message\":\"x\"}\n{\"message\":\"y\"}\n", TW_LOG_JSONL},
    {"\xEF\xBB\xBF  {\"a\":1}\n", TW_LOG_JSONL},
    {"\n\n<189>521: router1: *Nov 14 08:30:56.699: %LINK-5-CHANGED: Interface Gi2, changed\n",
     TW_LOG_SYSLOG},
    {"Mar  3 10:24:00 bastion sshd[2345]: Accepted password for a from 10.9.9.9 port 1 ssh2\n",
     TW_LOG_SYSLOG},
    {"2025-03-03T10:00:00Z host prog: text\r\n", TW_LOG_SYSLOG},
    {"<13>1 2025-03-03T10:26:01Z r5 app - ID1 - hi\n", TW_LOG_SYSLOG},
    {"2018 Apr 20 13:15:07 nexus %ETHPORT-5-IF_UP: Interface Ethernet1/33 is up\n", TW_LOG_SYSLOG},
    {"000123: %SYS-5-CONFIG_I: Configured from console by admin on vty0\n", TW_LOG_SYSLOG},
    {"Oct 15 11:32:25\t10.1.1.1\tadmin\ttty2\t10.2.2.2\tstop\ttask_id=5\tcmd=show run <cr>\n",
     TW_LOG_TACACS},
    {"10.1.1.1\tadmin\ttty2\t10.2.2.2\tstart\ttask_id=5\tservice=shell\n", TW_LOG_TACACS},
    {"Timestamp,NAS-IP-Address,User-Name,CmdSet\n2025-01-01,10.1.1.1,a,x\n", TW_LOG_ISE},
    {"Date,Time,User,Group,Cmd,priv-lvl,service,NAS-IP-Address\n", TW_LOG_ISE},
    {"!\nversion 15.2\nhostname r1\ninterface Gi1\n ip address 10.0.0.1 255.255.255.0\n",
     TW_LOG_UNKNOWN},
    {"set system host-name mx1\nset system login user x class super-user\n", TW_LOG_UNKNOWN},
    {"just some text\nmore text\n", TW_LOG_UNKNOWN},
    {"", TW_LOG_UNKNOWN},
    {"name,age\nbob,3\n", TW_LOG_UNKNOWN},
    {"Mar  3 10:00:00 h p: a\nnoise\nnoise\nnoise\nnoise\n", TW_LOG_UNKNOWN},
    {"Mar  3 10:00:00 h p: a\nMar  3 10:00:01 h p: b\nnoise\n", TW_LOG_SYSLOG},
};

static void test_detect(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        print_message("detect row %zu\n", i);
        assert_int_equal(tw_log_detect(rows[i].text, strlen(rows[i].text)), rows[i].want);
    }
}

static void test_names(void **state)
{
    static const char *const names[] = {"unknown", "syslog", "tacacs", "ise", "jsonl"};
    tw_log_format f;

    (void)state;
    for (int i = 0; i <= (int)TW_LOG_JSONL; i++)
        assert_string_equal(tw_log_format_name((tw_log_format)i), names[i]);
    for (int i = 1; i <= (int)TW_LOG_JSONL; i++) {
        assert_true(tw_log_format_parse(tw_str_c(names[i]), &f));
        assert_int_equal(f, i);
    }
    assert_true(tw_log_format_parse(TW_STR("JSON"), &f));
    assert_int_equal(f, TW_LOG_JSONL);
    assert_false(tw_log_format_parse(TW_STR("unknown"), &f));
    assert_false(tw_log_format_parse(TW_STR("csv"), &f));
    assert_string_equal(tw_log_format_name((tw_log_format)99), "unknown");
    assert_null(tw_log_parser_new(TW_LOG_UNKNOWN, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
