/*
 * test_log_tacacs.c: AAA accounting (lib/parse/log_tacacs.c through log.h):
 * tac_plus and tac_plus-ng accounting lines and Cisco ISE / ACS CSV
 * exports.
 *
 * Table-driven: each row parses a realistic record (for ISE, after a
 * header) and expects a field to hold an exact value (NULL: absent).
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

#define TAC1 "Oct 15 11:32:25\t10.1.1.1\tadmin\ttty2\t10.2.2.2\tstop\ttask_id=5\t"
#define TACNG "2025-03-03 10:00:00 +0000\trtr-core1\tbob\tvty0\t203.0.113.4\tstop\tshell\t"

static const row tac_rows[] = {
    {TAC1 "start_time=1\tservice=shell\tpriv-lvl=15\tcmd=show running-config <cr>", "command",
     "show running-config"},
    {TAC1 "start_time=1\tservice=shell\tpriv-lvl=15\tcmd=show running-config <cr>", "time",
     "Oct 15 11:32:25"},
    {TAC1 "start_time=1\tservice=shell\tpriv-lvl=15\tcmd=show running-config <cr>", "host",
     "10.1.1.1"},
    {TAC1 "start_time=1\tservice=shell\tpriv-lvl=15\tcmd=show running-config <cr>", "user",
     "admin"},
    {TAC1 "start_time=1\tservice=shell\tpriv-lvl=15\tcmd=show running-config <cr>", "tty", "tty2"},
    {TAC1 "start_time=1\tservice=shell\tpriv-lvl=15\tcmd=show running-config <cr>", "src",
     "10.2.2.2"},
    {TAC1 "start_time=1\tservice=shell\tpriv-lvl=15\tcmd=show running-config <cr>", "status",
     "stop"},
    {TAC1 "start_time=1\tservice=shell\tpriv-lvl=15\tcmd=show running-config <cr>", "service",
     "shell"},
    {TAC1 "start_time=1\tservice=shell\tpriv-lvl=15\tcmd=show running-config <cr>", "priv_lvl",
     "15"},
    {TAC1 "start_time=1\tservice=shell\tpriv-lvl=15\tcmd=show running-config <cr>", "format",
     "tacacs"},
    {TAC1 "service=shell\tcmd=monitor capture TAC match ipv4 protocol tcp any any eq 49 <cr>",
     "command", "monitor capture TAC match ipv4 protocol tcp any any eq 49"},
    {TAC1 "service=shell\tcmd=username eve privilege 15 secret 0 S3cret <cr>", "command",
     "username eve privilege 15 secret 0 <redacted>"},
    {TAC1 "service=shell\tcmd=monitor\tcmd-arg=capture\tcmd-arg=CAP\tcmd-arg=start\tcmd-arg=<cr>",
     "command", "monitor capture CAP start"},
    {"Mar  3 10:00:00\t10.1.1.1\tcarol\ttty1\tasync\tstart\ttask_id=9\tservice=shell", "src",
     NULL},
    {"Mar  3 10:00:00\t10.1.1.1\tcarol\ttty1\tasync\tupdate\ttask_id=9\ttimezone=UTC", "status",
     "update"},
    /* no time field at all */
    {"10.1.1.1\tdave\ttty3\t10.9.9.9\tstart\tservice=shell", "user", "dave"},
    {"10.1.1.1\tdave\ttty3\t10.9.9.9\tstart\tservice=shell", "time", NULL},
    /* time over two tab fields */
    {"Mon Mar  3\t10:00:00 2025\t10.1.1.1\terin\ttty3\t10.9.9.9\tstop\tcmd=clear logging <cr>",
     "time", "Mon Mar  3\t10:00:00 2025"},
    {"Mon Mar  3\t10:00:00 2025\t10.1.1.1\terin\ttty3\t10.9.9.9\tstop\tcmd=clear logging <cr>",
     "command", "clear logging"},
    /* tac_plus-ng bare service and command */
    {TACNG "guestshell run bash", "service", "shell"},
    {TACNG "guestshell run bash", "command", "guestshell run bash"},
    {TACNG "guestshell run bash", "host", "rtr-core1"},
    {TACNG "guestshell run bash", "time", "2025-03-03 10:00:00 +0000"},
    {TACNG "guestshell run bash", "address", "203.0.113.4"},
};

static void test_tacacs(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(tac_rows) / sizeof(tac_rows[0]); i++) {
        log_run r;
        log_parse(&r, TW_LOG_TACACS, tac_rows[i].line);
        print_message("tacacs row %zu\n", i);
        assert_int_equal(r.rc, TW_OK);
        assert_true(r.parsed);
        assert_int_equal(r.fs.n, 1);
        assert_true(log_has(&r, tac_rows[i].name, tac_rows[i].value));
        log_done(&r);
    }
}

/* The redacted command is spliced into the evidence. */
static void test_tacacs_evidence(void **state)
{
    log_run r;

    (void)state;
    log_parse(&r, TW_LOG_TACACS, TAC1 "cmd=tacacs-server key 7 0822455D0A16 <cr>");
    assert_int_equal(r.fs.n, 1);
    assert_true(tw_str_eq_c(r.fs.v[0].evidence, TAC1 "cmd=tacacs-server key 7 <redacted> <cr>"));
    log_done(&r);
}

static const struct {
    const char *line;
    bool parsed;
    size_t warnings;
} tac_bad[] = {
    {"garbage line", false, 1},
    {"a\tb\tc\td\te\tf\tg", false, 1},
    {"start\tstop", false, 1},
    {"\t\t\t\tstop", true, 0},
};

static void test_tacacs_bad(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(tac_bad) / sizeof(tac_bad[0]); i++) {
        log_run r;
        log_parse(&r, TW_LOG_TACACS, tac_bad[i].line);
        assert_int_equal(r.rc, TW_OK);
        assert_int_equal(r.parsed, tac_bad[i].parsed);
        assert_int_equal(r.diags.n, tac_bad[i].warnings);
        assert_true(r.diags.n == 0 || r.diags.v[0].line == 1);
        log_done(&r);
    }
}

typedef struct {
    const char *header, *record, *name, *value;
} ise_row;

#define ISEH "Timestamp,NAS-IP-Address,User-Name,Calling-Station-ID,CmdSet,Priv-Lvl,Acct-Status-Type"
#define ISER                                                                                      \
    "2025-03-03 10:00:00.123,10.1.1.1,admin,198.51.100.3,\"[ CmdAV=copy "                         \
    "CmdArgAV=bootflash:tac.pcap CmdArgAV=ftp://198.51.100.3/ CmdArgAV=<cr> ]\",15,Stop"
#define ACSH "Date,Time,User,Group,Cmd,priv-lvl,service,NAS-Portname,task_id,NAS-IP-Address,reason"
#define ACSR "03/03/2025,10:00:00,bob,Admins,show tacacs <cr>,15,shell,tty2,42,10.7.7.7,"

static const ise_row ise_rows[] = {
    {ISEH, ISER, "time", "2025-03-03 10:00:00.123"},
    {ISEH, ISER, "host", "10.1.1.1"},
    {ISEH, ISER, "user", "admin"},
    {ISEH, ISER, "src", "198.51.100.3"},
    {ISEH, ISER, "command", "copy bootflash:tac.pcap ftp://198.51.100.3/"},
    {ISEH, ISER, "priv_lvl", "15"},
    {ISEH, ISER, "status", "Stop"},
    {ISEH, ISER, "format", "ise"},
    {ACSH, ACSR, "user", "bob"},
    {ACSH, ACSR, "command", "show tacacs"},
    {ACSH, ACSR, "host", "10.7.7.7"},
    {ACSH, ACSR, "time", "03/03/2025"},
    {ACSH, ACSR, "service", "shell"},
    {"Device IP,User,Command,Remote-Address", "10.1.1.1,u,\"username a secret 5 $1$x\",10.2.2.2",
     "command", "username a secret 5 <redacted>"},
    {"Device IP,User,Command,Remote-Address", "10.1.1.1,u,\"username a secret 5 $1$x\",10.2.2.2",
     "src", "10.2.2.2"},
};

static void test_ise(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(ise_rows) / sizeof(ise_rows[0]); i++) {
        tw_str lines[3] = {tw_str_c(ise_rows[i].header), TW_STR(""), tw_str_c(ise_rows[i].record)};
        log_run r;
        log_parse_lines(&r, TW_LOG_ISE, NULL, lines, 3);
        print_message("ise row %zu\n", i);
        assert_int_equal(r.rc, TW_OK);
        assert_int_equal(r.fs.n, 1);
        assert_int_equal(r.fs.v[0].line, 3);
        assert_true(log_has(&r, ise_rows[i].name, ise_rows[i].value));
        log_done(&r);
    }
}

/* A header without any known column, and a record of one field. */
static void test_ise_bad(void **state)
{
    tw_str lines[2] = {TW_STR("a,b,c"), TW_STR("lonely")};
    log_run r;

    (void)state;
    log_parse_lines(&r, TW_LOG_ISE, NULL, lines, 2);
    assert_int_equal(r.rc, TW_OK);
    assert_int_equal(r.fs.n, 0);
    assert_int_equal(r.diags.n, 2);
    assert_int_equal(r.diags.v[0].line, 1);
    assert_int_equal(r.diags.v[1].line, 2);
    assert_true(tw_log_has_header(TW_LOG_ISE));
    assert_false(tw_log_has_header(TW_LOG_TACACS));
    log_done(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tacacs),     cmocka_unit_test(test_tacacs_evidence),
        cmocka_unit_test(test_tacacs_bad), cmocka_unit_test(test_ise),
        cmocka_unit_test(test_ise_bad),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
