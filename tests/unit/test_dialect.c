/*
 * test_dialect.c: dialect names, detection and the parser table
 * (lib/parse/dialect.c).  Detection runs over a table of short snippets,
 * one or more per dialect, plus text that is no configuration at all.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/config.h"

typedef struct {
    const char *text;
    tw_dialect want;
} detect_row;

static const detect_row detect_rows[] = {
    {"!! IOS XR Configuration version = 7.3.1\nhostname xr1\n", TW_DIALECT_IOSXR},
    {"RP/0/RSP0/CPU0:pe1#show running-config\nhostname pe1\n", TW_DIALECT_IOSXR},
    {"interface MgmtEth0/RP0/CPU0/0\n ipv4 address 10.0.0.1 255.255.255.0\n", TW_DIALECT_IOSXR},
    {"!Command: show running-config\nversion 9.3(5)\nfeature ssh\nhostname n1\n", TW_DIALECT_NXOS},
    {"version 6.2(12)\nhostname n2\nfeature interface-vlan\n", TW_DIALECT_NXOS},
    {"## Last commit: 2024-01-01 by admin\nversion 20.4R3;\nsystem {\n host-name j1;\n}\n",
     TW_DIALECT_JUNOS},
    {"system {\n    host-name j2;\n}\ninterfaces {\n}\n", TW_DIALECT_JUNOS},
    {"set system host-name j3\nset interfaces ge-0/0/0 unit 0\nset system ntp server 1.2.3.4\n",
     TW_DIALECT_JUNOS},
    {"! device: leaf1 (DCS-7050, EOS-4.28.0F)\nhostname leaf1\n", TW_DIALECT_EOS},
    {"hostname leaf2\ndaemon TerminAttr\n exec /usr/bin/TerminAttr\n", TW_DIALECT_EOS},
    {"hostname leaf3\nmanagement api http-commands\n no shutdown\n", TW_DIALECT_EOS},
    {": Saved\n:\nASA Version 9.8(4)\nhostname fw1\n", TW_DIALECT_ASA},
    {"ASA Version 9.12(1)\nhostname fw2\n", TW_DIALECT_ASA},
    {"!\nversion 17.9\nhostname xe1\n", TW_DIALECT_IOSXE},
    {"version 16.12\nhostname xe2\n", TW_DIALECT_IOSXE},
    {"version 03.16\nhostname xe3\n", TW_DIALECT_IOSXE},
    {"hostname xe4\nlicense boot level network-advantage\n", TW_DIALECT_IOSXE},
    {"hostname xe5\nplatform qfp utilization monitor load 80\n", TW_DIALECT_IOSXE},
    {"\xEF\xBB\xBFversion 15.2\r\nhostname r1\r\n", TW_DIALECT_IOS},
    {"!\nversion 12.4\nservice nagle\n", TW_DIALECT_IOS},
    {"!\nhostname r2\n!\ninterface Gi0/0\n ip address 10.0.0.1 255.0.0.0\n", TW_DIALECT_IOS},
    {"line vty 0 4\n transport input ssh\n", TW_DIALECT_IOS},
    /* RANCID headers, found by the search of the whole window */
    {"!RANCID-CONTENT-TYPE: cisco-xr\n!\nhostname xr2\n", TW_DIALECT_IOSXR},
    {"!RANCID-CONTENT-TYPE: cisco-nx\n!\nhostname n3\n", TW_DIALECT_NXOS},
    {"!RANCID-CONTENT-TYPE: arista\n!\nhostname leaf4\n", TW_DIALECT_EOS},
    {"# RANCID-CONTENT-TYPE: juniper\nversion 21.2R1;\n", TW_DIALECT_JUNOS},
    {"!RANCID-CONTENT-TYPE: cisco\n!\nhostname r3\n", TW_DIALECT_IOS},
    /* route processor paths in a prompt or an interface name */
    {"Mon Jan 1 00:00:00.000 UTC\nBuilding configuration...\n!! at :RP/0/0/CPU0\nhostname x\n",
     TW_DIALECT_IOSXR},
    {"hostname xr3\ninterface MgmtEth0/RSP0/CPU0/0\n", TW_DIALECT_IOSXR},
    {"hostname r4\ndescription to RP0 CPU0 and RSP/0\n", TW_DIALECT_IOS},
    /* PAN-OS entry indented with a tab */
    {"<config version=\"10.2.0\">\n\t<entry name=\"localhost.localdomain\">\n", TW_DIALECT_PANOS},
    {"Jan  1 00:00:01 r1 %SYS-5-CONFIG_I: Configured from console\n", TW_DIALECT_UNKNOWN},
    /* IOS XR syslog names the node as a prompt does: a log, not a configuration */
    {"<190>40: xrv RP/0/RP0/CPU0:Oct  4 22:52:47.441 : cfgmgr[67310]: %MGBL-CONFIG-6-DB_COMMIT : "
     "Configuration committed by user 'vagrant'.\n",
     TW_DIALECT_UNKNOWN},
    {"Nov  1 11:11:24 gw1 RP/0/RSP0/CPU0:Nov  1 11:11:24.927: isis[1006]: "
     "%ROUTING-ISIS-5-ADJCHANGE "
     ": Adjacency to gw2 Down\n",
     TW_DIALECT_UNKNOWN},
    {"Lorem ipsum dolor sit amet.\nThe quick brown fox.\n", TW_DIALECT_UNKNOWN},
    {"", TW_DIALECT_UNKNOWN},
};

static void test_detect(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(detect_rows) / sizeof(detect_rows[0]); i++) {
        const detect_row *r = &detect_rows[i];
        print_message("row %zu\n", i);
        assert_string_equal(tw_dialect_name(tw_dialect_detect(r->text, strlen(r->text))),
                            tw_dialect_name(r->want));
    }
}

typedef struct {
    const char *name;
    tw_dialect d;
    bool ok;
} name_row;

static const name_row name_rows[] = {
    {"ios", TW_DIALECT_IOS, true},         {"ios-xe", TW_DIALECT_IOSXE, true},
    {"iosxe", TW_DIALECT_IOSXE, true},     {"nx-os", TW_DIALECT_NXOS, true},
    {"nxos", TW_DIALECT_NXOS, true},       {"ios-xr", TW_DIALECT_IOSXR, true},
    {"iosxr", TW_DIALECT_IOSXR, true},     {"junos", TW_DIALECT_JUNOS, true},
    {"eos", TW_DIALECT_EOS, true},         {"asa", TW_DIALECT_ASA, true},
    {"unknown", TW_DIALECT_UNKNOWN, true}, {"IOS", TW_DIALECT_IOS, true},
    {"vyos", TW_DIALECT_UNKNOWN, false},   {"", TW_DIALECT_UNKNOWN, false},
};

static void test_names(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(name_rows) / sizeof(name_rows[0]); i++) {
        tw_dialect d = TW_DIALECT_UNKNOWN;
        bool ok = tw_dialect_parse(tw_str_c(name_rows[i].name), &d);
        assert_int_equal(ok, name_rows[i].ok);
        assert_int_equal(d, name_rows[i].d);
    }
    assert_string_equal(tw_dialect_name(TW_DIALECT_IOSXE), "ios-xe");
    assert_string_equal(tw_dialect_name(TW_DIALECT_NXOS), "nx-os");
    assert_string_equal(tw_dialect_name((tw_dialect)99), "unknown");
}

typedef struct {
    tw_dialect d;
    bool supported;
    tw_err rc;
    const char *message;
} dispatch_row;

static const dispatch_row dispatch_rows[] = {
    {TW_DIALECT_IOS, true, TW_OK, NULL},
    {TW_DIALECT_IOSXE, true, TW_OK, NULL},
    {TW_DIALECT_NXOS, true, TW_OK, NULL},
    {TW_DIALECT_IOSXR, true, TW_OK, NULL},
    {TW_DIALECT_JUNOS, true, TW_OK, NULL},
    {TW_DIALECT_EOS, true, TW_OK, NULL},
    {TW_DIALECT_ASA, true, TW_OK, NULL},
    {TW_DIALECT_UNKNOWN, false, TW_EDIALECT, "unsupported dialect unknown"},
};

static void test_dispatch(void **state)
{
    /* a hostname in IOS-like syntax, and in Junos set form */
    static const char cfg[] = "hostname R9\nset system host-name R9\n";

    (void)state;
    for (size_t i = 0; i < sizeof(dispatch_rows) / sizeof(dispatch_rows[0]); i++) {
        const dispatch_row *r = &dispatch_rows[i];
        tw_arena *a = tw_arena_new(0);
        tw_factset fs;
        tw_diags dg;
        tw_factset_init(&fs, a);
        tw_diags_init(&dg);
        assert_int_equal(tw_config_supported(r->d), r->supported);
        assert_int_equal(tw_config_parse("x.cfg", cfg, sizeof(cfg) - 1, r->d, &fs, &dg), r->rc);
        assert_int_equal(dg.n, r->message != NULL);
        assert_string_equal(dg.n ? dg.v[0].message : "", r->message ? r->message : "");
        assert_int_equal(fs.n > 0, r->supported);
        assert_int_equal(fs.dialect, r->supported ? r->d : TW_DIALECT_UNKNOWN);
        tw_diags_release(&dg);
        tw_factset_release(&fs);
        tw_arena_free(a);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_detect),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_dispatch),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
