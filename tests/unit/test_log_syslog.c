/*
 * test_log_syslog.c: the syslog parser (lib/parse/log_syslog.c through
 * log.h): RFC 3164 and 5424 headers, relay prefixes, Cisco IOS / IOS XE /
 * NX-OS / IOS XR, ASA, Junos and Linux sshd bodies.
 *
 * Table-driven: each row parses one realistic line and expects a field of
 * its event to hold an exact value (NULL: the field is absent).  Further
 * tables cover redacted evidence, whole-token address literals, malformed
 * lines (warnings with file:line), long lines, NUL and control bytes and
 * CRLF.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "log_test_util.h"
#include "tidewatch/limits.h"

typedef struct {
    const char *line, *name, *value;
} row;

#define IOS1 "<189>2201: rtr-core1: Mar  3 10:12:44.123 UTC: "
#define IOS2 "<189>88: rtr-edge2: *Mar  3 10:14:01.777: "
#define XR "<190>13: xr1 RP/0/RP0/CPU0:Mar  3 10:20:00.000 : "
#define JUN "<189>Mar  3 10:22:00 mx1 mgd[4711]: "
#define ASA "<166>Mar 03 2025 10:23:00 fw1 : "
#define LNX "Mar  3 10:24:00 bastion sshd[2345]: "

static const row rows[] = {
    /* IOS header: sequence number, host, zone, '*' marker */
    {IOS1 "%SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.1.1.1)", "host",
     "rtr-core1"},
    {IOS1 "%SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.1.1.1)", "time",
     "Mar  3 10:12:44.123 UTC"},
    {IOS1 "%SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.1.1.1)", "format",
     "cisco"},
    {IOS1 "%SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.1.1.1)", "facility", "23"},
    {IOS1 "%SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.1.1.1)", "severity", "5"},
    {IOS1 "%SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.1.1.1)", "user", "admin"},
    {IOS1 "%SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.1.1.1)", "src", "10.1.1.1"},
    {IOS1 "%SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.1.1.1)", "tty", "vty0"},
    {IOS1 "%SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.1.1.1)", "message",
     "Configured from console by admin on vty0 (10.1.1.1)"},
    {IOS2 "%SYS-5-CONFIG_I: Configured from console by vty0 (10.3.3.3)", "time",
     "Mar  3 10:14:01.777"},
    {IOS2 "%SYS-5-CONFIG_I: Configured from console by vty0 (10.3.3.3)", "user", NULL},
    {IOS2 "%SYS-5-CONFIG_I: Configured from console by vty0 (10.3.3.3)", "tty", "vty0"},
    {"<189>417: rtr-edge2: .Mar  3 10:13:00.500 UTC: %SYS-5-CONFIG_P: Configured "
     "programmatically by process SEP_webui_wsma_http from console as admin on vty31",
     "user", "admin"},
    {"<189>417: rtr-edge2: .Mar  3 10:13:00.500 UTC: %SYS-5-CONFIG_P: Configured "
     "programmatically by process SEP_webui_wsma_http from console as admin on vty31",
     "message", "Configured programmatically by process SEP_webui_wsma_http from console as "
                "admin on vty31"},
    {"<189>417: rtr-edge2: .Mar  3 10:13:00.500 UTC: %SYS-5-CONFIG_P: Configured "
     "programmatically by process SEP_webui_wsma_http from console as admin on vty31",
     "time", "Mar  3 10:13:00.500 UTC"},
    /* CFGLOG */
    {IOS1 "%PARSER-5-CFGLOG_LOGGEDCMD: User:admin  logged command:no logging host 192.0.2.55",
     "msgid", "PARSER-5-CFGLOG_LOGGEDCMD"},
    {IOS1 "%PARSER-5-CFGLOG_LOGGEDCMD: User:admin  logged command:no logging host 192.0.2.55",
     "user", "admin"},
    {IOS1 "%PARSER-5-CFGLOG_LOGGEDCMD: User:admin  logged command:no logging host 192.0.2.55",
     "command", "no logging host 192.0.2.55"},
    {IOS1 "%PARSER-5-CFGLOG_LOGGEDCMD: User:admin  logged command:no logging host 192.0.2.55",
     "address", "192.0.2.55"},
    {IOS1 "%PARSER-5-CFGLOG_LOGGEDCMD: User:ops  logged command:!exec: enable", "command",
     "!exec: enable"},
    /* logins */
    {IOS2 "%SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: admin] [Source: 10.1.1.1] "
          "[localport: 22] at 10:14:01 UTC Mon Mar 3 2025",
     "user", "admin"},
    {IOS2 "%SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: admin] [Source: 10.1.1.1] "
          "[localport: 22] at 10:14:01 UTC Mon Mar 3 2025",
     "src", "10.1.1.1"},
    {IOS2 "%SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: admin] [Source: 10.1.1.1] "
          "[localport: 22] at 10:14:01 UTC Mon Mar 3 2025",
     "dst_port", "22"},
    {IOS2 "%SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: cisco_tac_admin] [Source: 203.0.113.9] "
          "[localport: 21111] [Reason: Login Authentication Failed] at 10:14:05 UTC Mon Mar 3 2025",
     "dst_port", "21111"},
    {IOS2 "%SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: cisco_tac_admin] [Source: 203.0.113.9] "
          "[localport: 21111] [Reason: Login Authentication Failed] at 10:14:05 UTC Mon Mar 3 2025",
     "user", "cisco_tac_admin"},
    {IOS2 "%SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: cisco_tac_admin] [Source: 203.0.113.9] "
          "[localport: 21111] [Reason: Login Authentication Failed] at 10:14:05 UTC Mon Mar 3 2025",
     "severity", "4"},
    {IOS2 "%WEBUI-6-LOGIN_SUCCESS: Login Success [user: web1] [Source: 198.51.100.20] "
          "[localport: 21111] at 10:00:00 UTC",
     "dst_port", "21111"},
    {IOS2 "%SYS-6-LOGOUT: User admin has exited tty session 2(10.1.1.1)", "user", "admin"},
    {IOS2 "%SYS-6-LOGOUT: User admin has exited tty session 2(10.1.1.1)", "src", "10.1.1.1"},
    {IOS2 "%SSH-5-SSH2_SESSION: SSH2 Session request from 10.1.1.1 (tty = 0) using crypto cipher "
          "'aes256-ctr', hmac 'hmac-sha2-256' Succeeded",
     "src", "10.1.1.1"},
    {IOS2 "%SSH-5-SSH2_USERAUTH: User 'admin' authentication for SSH2 Session from 10.1.1.1 "
          "(tty = 0) using crypto cipher 'aes256-ctr', hmac 'hmac-sha2-256' Succeeded",
     "user", "admin"},
    /* logging, EEM, guest shell */
    {IOS2 "%SYS-6-LOGGINGHOST_STARTSTOP: Logging to host 192.0.2.55 port 514 stopped - CLI "
          "initiated",
     "dst", "192.0.2.55"},
    {IOS2 "%SYS-6-LOGGINGHOST_STARTSTOP: Logging to host 192.0.2.55 port 514 stopped - CLI "
          "initiated",
     "dst_port", "514"},
    {IOS2 "%SYS-5-LOG_CONFIG_CHANGE: Buffer logging disabled", "msgid", "SYS-5-LOG_CONFIG_CHANGE"},
    {IOS2 "%SYS-5-LOG_CONFIG_CHANGE: Buffer logging disabled", "message", "Buffer logging disabled"},
    {IOS2 "%HA_EM-6-LOG: catchall: guestshell run bash", "command", "guestshell run bash"},
    {IOS2 "%VMAN-5-ACTIVATION_STATE: R0/0: vman: Successfully activated virtual service "
          "'guestshell'",
     "message", "R0/0: vman: Successfully activated virtual service 'guestshell'"},
    {IOS2 "%IM-6-START_MSG: R0/0: ioxman: IOX SERVICE guestshell LOG: Guestshell is up", "msgid",
     "IM-6-START_MSG"},
    /* IOS XR */
    {XR "cfgmgr_trial_confirm[67310]: %MGBL-CONFIG-6-DB_COMMIT : Configuration committed by user "
        "'vagrant'. Use 'show configuration commit changes 1000000093' to view the changes.",
     "user", "vagrant"},
    {XR "cfgmgr_trial_confirm[67310]: %MGBL-CONFIG-6-DB_COMMIT : Configuration committed by user "
        "'vagrant'. Use 'show configuration commit changes 1000000093' to view the changes.",
     "msgid", "MGBL-CONFIG-6-DB_COMMIT"},
    {XR "cfgmgr_trial_confirm[67310]: %MGBL-CONFIG-6-DB_COMMIT : Configuration committed by user "
        "'vagrant'. Use 'show configuration commit changes 1000000093' to view the changes.",
     "pid", "67310"},
    {XR "exec[65731]: %INFRA-INFRA_MSG-5-RUN_LOGIN : User cisco logged into shell from "
        "con0/RSP0/CPU0",
     "user", "cisco"},
    {XR "exec[65731]: %INFRA-INFRA_MSG-5-RUN_LOGIN : User cisco logged into shell from "
        "con0/RSP0/CPU0",
     "host", "xr1"},
    {XR "exec[65731]: %INFRA-INFRA_MSG-5-RUN_LOGIN : User cisco logged into shell from "
        "con0/RSP0/CPU0",
     "program", "exec"},
    {XR "exec[65731]: %INFRA-INFRA_MSG-5-RUN_LOGIN : User cisco logged into shell from "
        "con0/RSP0/CPU0",
     "time", "Mar  3 10:20:00.000"},
    /* NX-OS */
    {"<189>2025 Mar  3 10:21:00 nx1 %VSHD-5-VSHD_SYSLOG_CONFIG_I: Configured from vty by admin "
     "on 10.1.1.1@pts/0",
     "user", "admin"},
    {"<189>2025 Mar  3 10:21:00 nx1 %VSHD-5-VSHD_SYSLOG_CONFIG_I: Configured from vty by admin "
     "on 10.1.1.1@pts/0",
     "src", "10.1.1.1"},
    {"<189>2025 Mar  3 10:21:00 nx1 %VSHD-5-VSHD_SYSLOG_CONFIG_I: Configured from vty by admin "
     "on 10.1.1.1@pts/0",
     "host", "nx1"},
    {"<189>2025 Mar  3 10:21:00 nx1 %VSHD-5-VSHD_SYSLOG_CONFIG_I: Configured from vty by admin "
     "on 10.1.1.1@pts/0",
     "time", "2025 Mar  3 10:21:00"},
    /* Junos */
    {JUN "UI_CMDLINE_READ_LINE: User 'jadmin', command 'request system software add /var/tmp/x "
         "'",
     "command", "request system software add /var/tmp/x"},
    {JUN "UI_CMDLINE_READ_LINE: User 'jadmin', command 'show configuration | display set '",
     "user", "jadmin"},
    {JUN "UI_CMDLINE_READ_LINE: User 'jadmin', command 'show configuration | display set '",
     "format", "junos"},
    {JUN "UI_CMDLINE_READ_LINE: User 'jadmin', command 'show configuration | display set '",
     "program", "mgd"},
    {JUN "UI_CMDLINE_READ_LINE: User 'jadmin', command 'show configuration | display set '",
     "pid", "4711"},
    {JUN "UI_LOGIN_EVENT: User 'jadmin' login, class 'j-super-user' [4711], ssh-connection "
         "'10.1.1.1 51234 10.0.0.1 22', client-mode 'cli'",
     "user", "jadmin"},
    {JUN "UI_LOGIN_EVENT: User 'jadmin' login, class 'j-super-user' [4711], ssh-connection "
         "'10.1.1.1 51234 10.0.0.1 22', client-mode 'cli'",
     "src", "10.1.1.1"},
    {JUN "UI_LOGIN_EVENT: User 'jadmin' login, class 'j-super-user' [4711], ssh-connection "
         "'10.1.1.1 51234 10.0.0.1 22', client-mode 'cli'",
     "dst_port", "22"},
    {JUN "UI_COMMIT: User 'jadmin' requested 'commit' operation (comment: none)", "user",
     "jadmin"},
    {JUN "UI_AUTH_EVENT: Authenticated user 'jadmin' assigned to class 'j-super-user'", "user",
     "jadmin"},
    {"<189>Mar  3 10:22:03 mx1 sshd[999]: SSHD_LOGIN_FAILED: Login failed for user 'root' from "
     "host '198.51.100.7'",
     "user", "root"},
    {"<189>Mar  3 10:22:03 mx1 sshd[999]: SSHD_LOGIN_FAILED: Login failed for user 'root' from "
     "host '198.51.100.7'",
     "src", "198.51.100.7"},
    /* ASA */
    {ASA "%ASA-6-302013: Built inbound TCP connection 1234 for outside:198.51.100.7/51234 "
         "(198.51.100.7/51234) to inside:10.0.0.5/22 (10.0.0.5/22)",
     "src", "198.51.100.7"},
    {ASA "%ASA-6-302013: Built inbound TCP connection 1234 for outside:198.51.100.7/51234 "
         "(198.51.100.7/51234) to inside:10.0.0.5/22 (10.0.0.5/22)",
     "src_port", "51234"},
    {ASA "%ASA-6-302013: Built inbound TCP connection 1234 for outside:198.51.100.7/51234 "
         "(198.51.100.7/51234) to inside:10.0.0.5/22 (10.0.0.5/22)",
     "dst", "10.0.0.5"},
    {ASA "%ASA-6-302013: Built inbound TCP connection 1234 for outside:198.51.100.7/51234 "
         "(198.51.100.7/51234) to inside:10.0.0.5/22 (10.0.0.5/22)",
     "format", "asa"},
    {ASA "%ASA-6-302013: Built outbound TCP connection 77 for outside:203.0.113.1/443 "
         "(203.0.113.1/443) to inside:10.0.0.9/50000 (192.0.2.1/50000)",
     "src", "10.0.0.9"},
    {ASA "%ASA-6-302014: Teardown TCP connection 1234 for outside:198.51.100.7/51234 to "
         "inside:10.0.0.5/22 duration 0:00:30 bytes 1234 TCP FINs",
     "dst_port", "22"},
    {ASA "%ASA-6-605005: Login permitted from 198.51.100.7/51234 to inside:10.0.0.1/ssh for user "
         "\"admin\"",
     "user", "admin"},
    {ASA "%ASA-6-605005: Login permitted from 198.51.100.7/51234 to inside:10.0.0.1/ssh for user "
         "\"admin\"",
     "dst_port", "22"},
    {ASA "%ASA-6-605005: Login permitted from 198.51.100.7/51234 to inside:10.0.0.1/ssh for user "
         "\"admin\"",
     "host", "fw1"},
    {ASA "%ASA-5-111008: User 'enable_15' executed the 'copy running-config tftp://192.0.2.9/c' "
         "command.",
     "command", "copy running-config tftp://192.0.2.9/c"},
    {ASA "%ASA-5-111010: User 'admin', running 'CLI' from IP 10.1.1.1, executed 'write memory'",
     "src", "10.1.1.1"},
    {ASA "%ASA-6-113004: AAA user authentication Successful : server =  10.1.1.5 : user = admin",
     "user", "admin"},
    /* Linux sshd / sudo */
    {LNX "Accepted password for alice from 10.9.9.9 port 50022 ssh2", "user", "alice"},
    {LNX "Accepted password for alice from 10.9.9.9 port 50022 ssh2", "src_port", "50022"},
    {LNX "Accepted password for alice from 10.9.9.9 port 50022 ssh2", "format", "sshd"},
    {LNX "Failed password for invalid user oracle from 203.0.113.50 port 41111 ssh2", "user",
     "oracle"},
    {LNX "Failed password for root from 203.0.113.50 port 41111 ssh2", "src", "203.0.113.50"},
    {LNX "pam_unix(sshd:session): session opened for user alice(uid=1000) by (uid=0)", "user",
     "alice"},
    {"Mar  3 10:30:00 gs1 sudo:    cisco : TTY=pts/0 ; PWD=/home/cisco ; USER=root ; "
     "COMMAND=/usr/bin/vi /etc/sudoers",
     "command", "/usr/bin/vi /etc/sudoers"},
    {"Mar  3 10:30:00 gs1 sudo:    cisco : TTY=pts/0 ; PWD=/home/cisco ; USER=root ; "
     "COMMAND=/usr/bin/vi /etc/sudoers",
     "user", "cisco"},
    /* relay prefixes */
    {"Mar  3 10:25:00 loghost Mar  3 10:24:59 rtr9 %SYS-5-CONFIG_I: Configured from console by "
     "bob on vty1 (10.2.2.2)",
     "host", "rtr9"},
    {"Mar  3 10:25:00 loghost Mar  3 10:24:59 rtr9 %SYS-5-CONFIG_I: Configured from console by "
     "bob on vty1 (10.2.2.2)",
     "relay", "loghost"},
    {"Mar  3 10:25:00 loghost Mar  3 10:24:59 rtr9 %SYS-5-CONFIG_I: Configured from console by "
     "bob on vty1 (10.2.2.2)",
     "time", "Mar  3 10:24:59"},
    {"Mar  3 10:25:01 10.20.30.40 877: *Mar  3 10:25:00.010: %SYS-5-CONFIG_I: Configured from "
     "console by vty0 (10.3.3.3)",
     "host", "10.20.30.40"},
    {"Mar  3 10:25:01 10.20.30.40 877: *Mar  3 10:25:00.010: %SYS-5-CONFIG_I: Configured from "
     "console by vty0 (10.3.3.3)",
     "relay", NULL},
    {"2025-03-03T10:25:00.5+01:00 relay2 <189>12: r7: Mar  3 10:25:00: %SYS-5-CONFIG_I: "
     "Configured from console by dan on vty0 (10.5.5.5)",
     "user", "dan"},
    /* plain syslog without PRI */
    {"Mar  3 10:40:00 host1 kernel: eth0: link up", "program", "kernel"},
    {"Mar  3 10:40:00 host1 kernel: eth0: link up", "facility", NULL},
    {"Mar  3 10:40:00 host1 kernel: eth0: link up", "format", "rfc3164"},
    {"Mar  3 10:40:00 host1 kernel: eth0: link up", "message", "eth0: link up"},
    /* RFC 5424 with structured data and BOM */
    {"<165>1 2025-03-03T10:26:00.000Z mx2 mgd 4711 UI_CMDLINE_READ_LINE [junos@2636.1.1.1.2.18 "
     "username=\"ops\" command=\"show configuration\"] User 'ops', command 'show configuration'",
     "user", "ops"},
    {"<165>1 2025-03-03T10:26:00.000Z mx2 mgd 4711 UI_CMDLINE_READ_LINE [junos@2636.1.1.1.2.18 "
     "username=\"ops\" command=\"show configuration\"] User 'ops', command 'show configuration'",
     "msgid", "UI_CMDLINE_READ_LINE"},
    {"<165>1 2025-03-03T10:26:00.000Z mx2 mgd 4711 UI_CMDLINE_READ_LINE [junos@2636.1.1.1.2.18 "
     "username=\"ops\" command=\"show configuration\"] User 'ops', command 'show configuration'",
     "format", "junos"},
    {"<165>1 2025-03-03T10:26:00.000Z mx2 mgd 4711 UI_CMDLINE_READ_LINE [junos@2636.1.1.1.2.18 "
     "username=\"ops\" command=\"show configuration\"] User 'ops', command 'show configuration'",
     "time", "2025-03-03T10:26:00.000Z"},
    {"<13>1 2025-03-03T10:26:01+00:00 r5 - - - - \xEF\xBB\xBF%SYS-5-CONFIG_I: Configured from "
     "console by carol on vty2 (10.4.4.4)",
     "user", "carol"},
    {"<13>1 2025-03-03T10:26:01+00:00 r5 - - - - \xEF\xBB\xBF%SYS-5-CONFIG_I: Configured from "
     "console by carol on vty2 (10.4.4.4)",
     "program", NULL},
    {"<13>1 2025-03-03T10:26:01+00:00 r5 app - ID47 [a@1 k=\"v \\\"q\\\" ]\"][b@2 x=\"y\"] hi",
     "message", "hi"},
    {"<13>1 2025-03-03T10:26:01+00:00 r5 app - ID47 [a@1 k=\"v \\\"q\\\" ]\"][b@2 x=\"y\"] hi",
     "msgid", "ID47"},
    {"<13>1 2025-03-03T10:26:01+00:00 r5 app - ID47 [a@1 k=\"v \\\"q\\\" ]\"][b@2 x=\"y\"] hi",
     "format", "rfc5424"},
    /* secrets */
    {IOS1 "%PARSER-5-CFGLOG_LOGGEDCMD: User:admin  logged command:username eve privilege 15 "
          "secret 0 Sup3rS3cret",
     "command", "username eve privilege 15 secret 0 <redacted>"},
    {IOS1 "%PARSER-5-CFGLOG_LOGGEDCMD: User:admin  logged command:username eve privilege 15 "
          "secret 0 Sup3rS3cret",
     "message", "User:admin  logged command:username eve privilege 15 secret 0 <redacted>"},
    {IOS1 "%PARSER-5-CFGLOG_LOGGEDCMD: User:admin  logged command:snmp-server community Publ1c RW",
     "command", "snmp-server community <redacted> RW"},
    {IOS1 "%PARSER-5-CFGLOG_LOGGEDCMD: User:admin  logged command:tacacs-server key 7 0822455D0A16",
     "command", "tacacs-server key 7 <redacted>"},
};

static void test_rows(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        log_run r;
        log_parse(&r, TW_LOG_SYSLOG, rows[i].line);
        print_message("row %zu: %s\n", i, rows[i].name);
        assert_int_equal(r.rc, TW_OK);
        assert_true(r.parsed);
        assert_int_equal(r.fs.n, 1);
        assert_int_equal(r.fs.v[0].kind, TW_FACT_EVENT);
        assert_int_equal(r.fs.v[0].line, 1);
        assert_true(log_has(&r, rows[i].name, rows[i].value));
        log_done(&r);
    }
}

/* Every row whose event has a command holds a command marker, so that a
 * hunt that looks for command patterns only on marked lines misses none;
 * and formats whose commands can be anywhere have no markers. */
static void test_command_markers(void **state)
{
    const char *m[32];
    size_t n = 0, with_cmd = 0;

    (void)state;
    for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
        log_run r;

        log_parse(&r, TW_LOG_SYSLOG, rows[i].line);
        if (log_field(&r, "command") != NULL) {
            print_message("row %zu\n", i);
            assert_true(log_has_marker(TW_LOG_SYSLOG, tw_str_c(rows[i].line)));
            with_cmd++;
        }
        log_done(&r);
    }
    assert_true(with_cmd >= 5);
    assert_true(tw_log_command_markers(TW_LOG_SYSLOG, m, 32, &n));
    assert_true(n >= 5);
    assert_false(tw_log_command_markers(TW_LOG_SYSLOG, m, 2, &n));
    assert_false(tw_log_command_markers(TW_LOG_TACACS, m, 32, &n));
    assert_false(tw_log_command_markers(TW_LOG_ISE, m, 32, &n));
    assert_false(tw_log_command_markers(TW_LOG_JSONL, m, 32, &n));
}

/* The evidence is the line, with the secrets of the command redacted. */
static const struct {
    const char *line, *evidence;
} evidence_rows[] = {
    {IOS1 "%SYS-5-CONFIG_I: Configured from console by admin on vty0",
     IOS1 "%SYS-5-CONFIG_I: Configured from console by admin on vty0"},
    {IOS1 "%PARSER-5-CFGLOG_LOGGEDCMD: User:a  logged command:username x secret 0 S",
     IOS1 "%PARSER-5-CFGLOG_LOGGEDCMD: User:a  logged command:username x secret 0 <redacted>"},
    {JUN "UI_CMDLINE_READ_LINE: User 'j', command 'set snmp community Publ1c authorization "
         "read-only '",
     JUN "UI_CMDLINE_READ_LINE: User 'j', command 'set snmp community <redacted> authorization "
         "read-only '"},
    {ASA "%ASA-5-111008: User 'e' executed the 'username bob password hunter2 privilege 15' "
         "command.",
     ASA "%ASA-5-111008: User 'e' executed the 'username bob password <redacted> privilege 15' "
         "command."},
};

static void test_evidence(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(evidence_rows) / sizeof(evidence_rows[0]); i++) {
        log_run r;
        log_parse(&r, TW_LOG_SYSLOG, evidence_rows[i].line);
        assert_int_equal(r.fs.n, 1);
        assert_true(tw_str_eq_c(r.fs.v[0].evidence, evidence_rows[i].evidence));
        log_done(&r);
    }
}

/* Address literals: whole tokens only, each once. */
static const struct {
    const char *line;
    size_t count;
    const char *first;
} addr_rows[] = {
    {IOS2 "%X-5-Y: a 1.1.1.1 b", 1, "1.1.1.1"},
    {IOS2 "%X-5-Y: a 11.1.1.10 b", 1, "11.1.1.10"},
    {IOS2 "%X-5-Y: version 1.2.3.4.5 and 10.1.1.1x", 0, NULL},
    {IOS2 "%X-5-Y: peer 192.168.140.254:61664 and 2001:db8::1 and fe80::1%eth0", 3,
     "192.168.140.254"},
    {IOS2 "%X-5-Y: (ip:18.11.5.1, srcIp:0.0.0.0) to 10.0.0.1.", 3, "18.11.5.1"},
    {IOS2 "%X-5-Y: 10.0.0.1 10.0.0.1 10.0.0.1", 1, "10.0.0.1"},
    {IOS2 "%X-5-Y: time 14:03:12 mac aabb.cc00.0100 word dead:beef", 0, NULL},
    {IOS2 "%X-5-Y: nat 172.16.0.1/23456->8.8.8.8/443", 2, "172.16.0.1"},
};

static void test_addresses(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(addr_rows) / sizeof(addr_rows[0]); i++) {
        log_run r;
        const tw_field *f;
        log_parse(&r, TW_LOG_SYSLOG, addr_rows[i].line);
        print_message("addr row %zu\n", i);
        assert_int_equal(log_count(&r, "address"), addr_rows[i].count);
        f = log_field(&r, "address");
        assert_true(addr_rows[i].first == NULL || (f != NULL && f->type == TW_VAL_ADDR &&
                                                   tw_str_eq_c(f->str, addr_rows[i].first)));
        log_done(&r);
    }
}

/* Lines that are no record, or malformed ones: a warning naming file:line,
 * never a crash. */
static const struct {
    const char *line;
    bool parsed;
    size_t warnings;
} bad_rows[] = {
    {"hello world this is not syslog", false, 1},
    {"<999>Mar  3 10:00:00 r1 %SYS-5-CONFIG_I: Configured from console by x", true, 1},
    {"<13>1 2025-03-03T10:26:01Z r5 app - ID1 [broken k=\"v", true, 1},
    {"<13>", true, 0},
    {"<13>1", true, 0},
    {"%", false, 1},
    {"%SYS-", false, 1},
    {"   ", false, 0},
    {"", false, 0},
    {"Mar  3 10:00:00", true, 0},
};

static void test_malformed(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(bad_rows) / sizeof(bad_rows[0]); i++) {
        log_run r;
        log_parse(&r, TW_LOG_SYSLOG, bad_rows[i].line);
        print_message("bad row %zu\n", i);
        assert_int_equal(r.rc, TW_OK);
        assert_int_equal(r.parsed, bad_rows[i].parsed);
        assert_int_equal(r.fs.n, bad_rows[i].parsed ? 1 : 0);
        assert_int_equal(r.diags.n, bad_rows[i].warnings);
        assert_true(r.diags.n == 0 || (r.diags.v[0].line == 1 &&
                                       strcmp(r.diags.v[0].file, "t.log") == 0 &&
                                       r.diags.v[0].level == TW_DIAG_WARNING));
        log_done(&r);
    }
}

/* A line over TW_LIMIT_LINE_LEN is skipped with a warning; the next line
 * still parses, with its own number. */
static void test_long_line(void **state)
{
    size_t n = TW_LIMIT_LINE_LEN + 10;
    char *big = malloc(n);
    tw_str lines[2];
    log_run r;

    (void)state;
    assert_non_null(big);
    memset(big, 'A', n);
    memcpy(big, IOS1 "%SYS-5-CONFIG_I: ", sizeof(IOS1 "%SYS-5-CONFIG_I: ") - 1);
    lines[0] = tw_str_make(big, n);
    lines[1] = TW_STR(IOS1 "%SYS-5-CONFIG_I: Configured from console by zed on vty0");
    log_parse_lines(&r, TW_LOG_SYSLOG, NULL, lines, 2);
    assert_int_equal(r.rc, TW_OK);
    assert_int_equal(r.fs.n, 1);
    assert_int_equal(r.fs.v[0].line, 2);
    assert_int_equal(r.diags.n, 1);
    assert_int_equal(r.diags.v[0].line, 1);
    assert_int_equal(r.diags.v[0].code, TW_ELIMIT);
    assert_true(log_has(&r, "user", "zed"));
    log_done(&r);
    free(big);
}

/* NUL and control bytes are ordinary bytes; a CR before the end goes. */
static void test_bytes(void **state)
{
    static const char nul[] = IOS1 "%SYS-5-CONFIG_I: Configured\0from \x1b[2J by admin\r";
    static const char crlf[] = JUN "UI_COMMIT: User 'x' requested 'commit' operation\r\n";
    tw_str lines[2] = {tw_str_make(nul, sizeof(nul) - 1), tw_str_make(crlf, sizeof(crlf) - 1)};
    log_run r;

    (void)state;
    log_parse_lines(&r, TW_LOG_SYSLOG, NULL, lines, 2);
    assert_int_equal(r.rc, TW_OK);
    assert_int_equal(r.fs.n, 2);
    assert_int_equal(r.fs.v[0].evidence.len, sizeof(nul) - 2);
    assert_true(tw_fact_get(&r.fs.v[0], "user") != NULL);
    assert_true(tw_str_eq_c(tw_fact_get(&r.fs.v[0], "user")->str, "admin"));
    assert_true(log_has(&r, "message", "User 'x' requested 'commit' operation"));
    assert_int_equal(r.fs.v[1].evidence.ptr[r.fs.v[1].evidence.len - 1], 'n');
    log_done(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows),      cmocka_unit_test(test_evidence),
        cmocka_unit_test(test_addresses), cmocka_unit_test(test_malformed),
        cmocka_unit_test(test_long_line), cmocka_unit_test(test_bytes),
        cmocka_unit_test(test_command_markers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
