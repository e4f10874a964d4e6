/*
 * test_evidence.c: the kind of a piece of evidence from its content
 * (lib/engine/evidence.c), one kind a row, and prose that is none.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/evidence.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
    const char *name, *data;
    size_t len; /* 0: strlen */
    tw_evidence_kind want;
} rows[] = {
    {"IOS XE", "!\nversion 17.9\nhostname r1\ninterface Gi1\n ip address 10.0.0.1 255.0.0.0\n", 0,
     TW_EV_CONFIG},
    {"Junos set", "set system host-name j1\nset interfaces ge-0/0/0 unit 0\n", 0, TW_EV_CONFIG},
    {"syslog",
     "<189>12: r1: *Mar  3 10:00:00.000: %SYS-5-CONFIG_I: Configured from console by admin on vty0 "
     "(10.1.1.1)\n",
     0, TW_EV_LOG},
    {"tac_plus accounting",
     "Mar  3 "
     "10:00:00\t10.0.0.1\tadmin\ttty2\t10.9.9.9\tstop\ttask_id=5\ttimezone=UTC\tservice="
     "shell\tpriv-lvl=15\tcmd=show running-config <cr>\n",
     0, TW_EV_LOG},
    {"gzip log", "\x1f\x8b\x08\x00\x00\x00\x00\x00", 8, TW_EV_LOG},
    {"pcap", "\xd4\xc3\xb2\xa1\x02\x00\x04\x00", 8, TW_EV_CAPTURE},
    {"pcapng", "\x0a\x0d\x0d\x0a\x1c\x00\x00\x00", 8, TW_EV_CAPTURE},
    {"inventory CSV", "hostname,vendor,os,version\nr1,cisco,ios-xe,17.9.3\n", 0, TW_EV_INVENTORY},
    {"KEV",
     "{\"title\": \"CISA Catalog of Known Exploited Vulnerabilities\", \"catalogVersion\": "
     "\"2025.08.25\", \"vulnerabilities\": []}",
     0, TW_EV_KEV},
    {"CSAF",
     "{\"document\": {\"csaf_version\": \"2.0\", \"category\": \"csaf_security_advisory\"}}", 0,
     TW_EV_CSAF},
    {"STIX",
     "{\"type\": \"bundle\", \"id\": \"bundle--1\", \"objects\": [{\"type\": \"indicator\", "
     "\"pattern\": \"[ipv4-addr:value = '45.61.133.77']\", \"pattern_type\": \"stix\"}]}",
     0, TW_EV_IOC},
    {"indicator list", "# actor infrastructure\n45.61.133.77\n5.181.132.95\nevil.example\n", 0,
     TW_EV_IOC},
    {"site policy", "# Northwind\naaa_servers:\n  - 10.250.9.11\nlogging_hosts: [10.250.9.20]\n", 0,
     TW_EV_POLICY},
    {"a README",
     "# The evidence\n\nThese files were collected on 3 March from the core routers.\nAsk the "
     "NOC.\n",
     0, TW_EV_UNKNOWN},
    {"one number", "1\n", 0, TW_EV_UNKNOWN},
    {"empty", "", 0, TW_EV_EMPTY},
    {"binary",
     "\x7f"
     "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00",
     20, TW_EV_BINARY},
    {"IOS XR syslog (names the node as a prompt does)",
     "<190>40: xrv RP/0/RP0/CPU0:Oct  4 22:52:47.441 : cfgmgr[67310]: %MGBL-CONFIG-6-DB_COMMIT : "
     "Configuration committed by user 'vagrant'.\n",
     0, TW_EV_LOG},
};

static void test_kinds(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(rows); i++) {
        size_t len = rows[i].len ? rows[i].len : strlen(rows[i].data);
        tw_evidence e = tw_evidence_detect(rows[i].data, len);
        print_message("row %zu: %s\n", i, rows[i].name);
        if (e.kind == TW_EV_IOC && rows[i].want != TW_EV_IOC)
            print_message("  (read as indicators of format %s)\n", tw_ioc_format_name(e.ioc));
        assert_string_equal(tw_evidence_kind_name(e.kind), tw_evidence_kind_name(rows[i].want));
    }
}

/* What comes with a kind: the dialect, the log format, compression. */
static void test_details(void **state)
{
    tw_evidence e;

    (void)state;
    e = tw_evidence_detect(rows[0].data, strlen(rows[0].data));
    assert_int_equal(e.dialect, TW_DIALECT_IOSXE);
    e = tw_evidence_detect(rows[3].data, strlen(rows[3].data));
    assert_int_equal(e.log, TW_LOG_TACACS);
    e = tw_evidence_detect(rows[4].data, 8);
    assert_true(e.compressed);
    e = tw_evidence_detect(rows[7].data, strlen(rows[7].data));
    assert_int_equal(e.inventory, TW_INV_CSV);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_details),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
