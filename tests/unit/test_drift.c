/*
 * test_drift.c: the drift engine (lib/engine/drift*.c): one change class a
 * row, with the rule, line and severity each change must give, and the
 * changes that must give nothing.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>

#include "tidewatch/arena.h"
#include "tidewatch/config.h"
#include "tidewatch/drift.h"
#include "tidewatch/file.h"
#include "tidewatch/siphash.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define DRIFT TW_CORPUS_DIR "/configs/batfish-example/drift"

static const unsigned char key[TW_SIPHASH_KEY] = "0123456789abcdef";

typedef struct {
    tw_arena *arena;
    tw_factset b, a;
    tw_iocset *iocs;
    tw_findings out;
} fixture;

static void parse(fixture *fx, tw_factset *fs, const char *file, const char *text)
{
    tw_diags d;

    tw_factset_init(fs, fx->arena);
    fs->fp_key = key;
    tw_diags_init(&d);
    assert_int_equal(tw_config_parse(file, text, strlen(text), TW_DIALECT_IOS, fs, &d), TW_OK);
    tw_diags_release(&d);
}

/* The findings of before -> after as "RULE LINE SEV" lines, sorted. */
static void run_diff(fixture *fx, const char *before, const char *after, char *got, size_t cap)
{
    tw_drift_opts o = {.iocs = fx->iocs};
    size_t n = 0;

    parse(fx, &fx->b, "b.cfg", before);
    parse(fx, &fx->a, "a.cfg", after);
    assert_int_equal(tw_drift_diff(&o, "b.cfg", &fx->b, "a.cfg", &fx->a, &fx->out), TW_OK);
    tw_findings_sort(&fx->out);
    got[0] = '\0';
    for (size_t i = 0; i < fx->out.n; i++) {
        const tw_finding *f = &fx->out.v[i];
        int w = snprintf(got + n, cap - n, "%s%s %s:%u %s", n ? "\n" : "", f->rule, f->file,
                         f->line, tw_severity_name(f->severity));
        assert_true(w > 0 && (size_t)w < cap - n);
        n += (size_t)w;
    }
    tw_factset_release(&fx->b);
    tw_factset_release(&fx->a);
}

static int setup(void **state)
{
    static fixture fx;

    memset(&fx, 0, sizeof(fx));
    fx.arena = tw_arena_new(0);
    fx.iocs = tw_iocset_new();
    assert_non_null(fx.arena);
    assert_non_null(fx.iocs);
    assert_int_equal(tw_iocset_add_builtin(fx.iocs), TW_OK);
    assert_int_equal(tw_iocset_finish(fx.iocs), TW_OK);
    *state = &fx;
    return 0;
}

static int teardown(void **state)
{
    fixture *fx = *state;

    tw_iocset_free(fx->iocs);
    tw_arena_free(fx->arena);
    return 0;
}

static int reset(void **state)
{
    fixture *fx = *state;

    tw_findings_release(&fx->out);
    tw_findings_init(&fx->out, fx->arena);
    return 0;
}

/* ---- one change class a row ------------------------------------------------- */

#define HOST "hostname r1\n"

static const struct {
    const char *name, *before, *after, *want;
} rows[] = {
    {"nothing cosmetic",
     "!\n! Last configuration change at 09:14:02 UTC Tue Mar 4 2025\n" HOST
     "interface Gi1\n description old\n ip address 10.0.0.1 255.255.255.0\n"
     "banner motd ^C\nold banner\n^C\nntp server 10.9.9.1\nntp server 10.9.9.2\n",
     "Building configuration...\nCurrent configuration : 4242 bytes\n!\n"
     "! Last configuration change at 11:00:00 UTC Fri Mar 7 2025\n" HOST
     "interface Gi1\n description new text\n ip address 10.0.0.1 255.255.255.0\n"
     "banner motd ^C\nnew banner\n^C\nntp server 10.9.9.2\nntp server 10.9.9.1\n",
     ""},
    {"ACL permit for an indicator", HOST "access-list 10 permit 10.0.0.0 0.0.0.255\n",
     HOST "access-list 10 permit 10.0.0.0 0.0.0.255\naccess-list 10 permit host 45.61.133.77\n",
     "TW-DRIFT-ACL-ENTRY-ADDED a.cfg:3 critical"},
    {"ACL permit to any", HOST "ip access-list extended IN\n deny ip any any\n",
     HOST "ip access-list extended IN\n permit tcp any any eq 22\n deny ip any any\n",
     "TW-DRIFT-ACL-ENTRY-ADDED a.cfg:3 high"},
    {"ACL permit inside", HOST "ip access-list extended IN\n deny ip any any\n",
     HOST "ip access-list extended IN\n permit tcp 10.1.1.0 0.0.0.255 host 10.2.2.2 eq 22\n"
          " deny ip any any\n",
     "TW-DRIFT-ACL-ENTRY-ADDED a.cfg:3 medium"},
    {"ACL deny removed",
     HOST "ip access-list extended IN\n deny ip host 10.6.6.6 any\n permit ip any any\n",
     HOST "ip access-list extended IN\n permit ip any any\n",
     "TW-DRIFT-ACL-ENTRY-REMOVED b.cfg:3 medium"},
    {"ACL entries reordered",
     HOST "ip access-list extended IN\n deny ip host 10.6.6.6 any\n permit ip any any\n"
          " deny ip any host 10.7.7.7\n",
     HOST "ip access-list extended IN\n permit ip any any\n deny ip host 10.6.6.6 any\n"
          " deny ip any host 10.7.7.7\n",
     "TW-DRIFT-ACL-ENTRY-MOVED a.cfg:3 medium"},
    {"ACL entry changed at its sequence number",
     HOST
     "ip access-list extended IN\n 10 permit tcp any host 10.2.2.2 eq 22\n 20 deny ip any any\n",
     HOST "ip access-list extended IN\n 10 permit ip any any\n 20 deny ip any any\n",
     "TW-DRIFT-ACL-ENTRY-CHANGED a.cfg:3 high"},
    {"ACL remark is a comment", HOST "ip access-list extended IN\n remark old\n deny ip any any\n",
     HOST "ip access-list extended IN\n remark new\n deny ip any any\n", ""},
    {"privilege-15 user", HOST "username ops privilege 15 secret 9 $9$abc$def\n",
     HOST "username ops privilege 15 secret 9 $9$abc$def\n"
          "username support privilege 15 secret 5 $1$xyz$abc\n",
     "TW-DRIFT-LOCAL-USER-ADDED a.cfg:3 high"},
    {"user raised to 15", HOST "username ops privilege 1 secret 9 $9$abc$def\n",
     HOST "username ops privilege 15 secret 9 $9$abc$def\n",
     "TW-DRIFT-LOCAL-USER-CHANGED a.cfg:2 high"},
    {"secret weakened", HOST "enable secret 9 $9$abc$def\n", HOST "enable secret 5 $1$abc$def\n",
     "TW-DRIFT-SECRET-CHANGED a.cfg:2 medium"},
    {"rogue TACACS+ server", HOST "tacacs server T1\n address ipv4 10.9.9.11\n",
     HOST
     "tacacs server T1\n address ipv4 10.9.9.11\ntacacs server T2\n address ipv4 23.227.196.22\n",
     "TW-DRIFT-AAA-SERVER-ADDED a.cfg:5 critical"},
    {"AAA method list changed",
     HOST "aaa new-model\naaa authentication login default group tacacs+ local\n",
     HOST "aaa new-model\naaa authentication login default local\n",
     "TW-DRIFT-AAA-METHOD-CHANGED a.cfg:3 medium"},
    {"tunnel to a public address", HOST,
     HOST "interface Tunnel9\n tunnel source Gi1\n tunnel destination 93.184.216.34\n",
     "TW-DRIFT-TUNNEL-ADDED a.cfg:2 high\nTW-DRIFT-INTERFACE-ADDED a.cfg:2 low"},
    {"tunnel moved elsewhere",
     HOST "interface Tunnel9\n tunnel source Gi1\n tunnel destination 10.3.3.3\n",
     HOST "interface Tunnel9\n tunnel source Gi1\n tunnel destination 93.184.216.34\n",
     "TW-DRIFT-TUNNEL-CHANGED a.cfg:4 high"},
    {"ERSPAN to an indicator", HOST,
     HOST "monitor session 1 type erspan-source\n source interface Gi1\n destination\n"
          "  erspan-id 7\n  ip address 14.143.247.202\n",
     "TW-DRIFT-MIRROR-ADDED a.cfg:2 critical"},
    {"packet capture", HOST, HOST "monitor capture TAC interface Gi1 both\n",
     "TW-DRIFT-CAPTURE-ADDED a.cfg:2 high"},
    {"SSH on a high port", HOST "ip ssh version 2\n",
     HOST "ip ssh version 2\nip ssh port 2222 rotary 1\n", "TW-DRIFT-SERVICE-CHANGED a.cfg:3 high"},
    {"Guest Shell", HOST, HOST "iox\n", "TW-DRIFT-SERVICE-ADDED a.cfg:2 high"},
    {"web UI turned on", HOST "no ip http server\n", HOST "ip http server\n",
     "TW-DRIFT-SERVICE-CHANGED a.cfg:2 high"},
    {"Smart Install turned off", HOST, HOST "no vstack\n", "TW-DRIFT-SERVICE-CHANGED a.cfg:2 info"},
    {"logging host removed", HOST "logging host 10.9.9.20\n", HOST,
     "TW-DRIFT-LOGGING-HOST-REMOVED b.cfg:2 high"},
    {"logging to a public address", HOST, HOST "logging host 93.184.216.34\n",
     "TW-DRIFT-LOGGING-HOST-ADDED a.cfg:2 high"},
    {"logging inside", HOST, HOST "logging host 10.9.9.21\n",
     "TW-DRIFT-LOGGING-HOST-ADDED a.cfg:2 medium"},
    {"logging to an indicator", HOST, HOST "logging host 5.181.132.95\n",
     "TW-DRIFT-LOGGING-HOST-ADDED a.cfg:2 critical"},
    {"logging turned off", HOST "logging on\n", HOST "no logging on\n",
     "TW-DRIFT-LOGGING-CHANGED a.cfg:2 high"},
    {"trap level lowered", HOST "logging trap informational\n", HOST "logging trap critical\n",
     "TW-DRIFT-LOGGING-CHANGED a.cfg:2 medium"},
    {"NTP server moved", HOST "ntp server 10.9.9.1\n", HOST "ntp server 10.9.9.3\n",
     "TW-DRIFT-NTP-SERVER-ADDED a.cfg:2 low\nTW-DRIFT-NTP-SERVER-REMOVED b.cfg:2 low"},
    {"SNMP RW community", HOST "snmp-server community Ro-2024-q3-x RO 10\n",
     HOST "snmp-server community Ro-2024-q3-x RO 10\nsnmp-server community Wr-2024-q3-y RW\n",
     "TW-DRIFT-SNMP-COMMUNITY-ADDED a.cfg:3 high"},
    {"SNMP community lost its ACL", HOST "snmp-server community Ro-2024-q3-x RO 10\n",
     HOST "snmp-server community Ro-2024-q3-x RO\n",
     "TW-DRIFT-SNMP-COMMUNITY-CHANGED a.cfg:2 high"},
    {"SNMPv3 user", HOST, HOST "snmp-server user mon GRP v3 auth sha K1 priv aes 128 K2\n",
     "TW-DRIFT-SNMP-USER-ADDED a.cfg:2 medium"},
    {"SNMP host", HOST, HOST "snmp-server host 10.9.9.30 version 3 priv mon\n",
     "TW-DRIFT-SNMP-HOST-ADDED a.cfg:2 medium"},
    {"VTY access class removed", HOST "line vty 0 4\n access-class 10 in\n transport input ssh\n",
     HOST "line vty 0 4\n transport input ssh\n", "TW-DRIFT-VTY-CHANGED a.cfg:2 high"},
    {"VTY telnet", HOST "line vty 0 4\n transport input ssh\n",
     HOST "line vty 0 4\n transport input ssh telnet\n", "TW-DRIFT-VTY-CHANGED a.cfg:3 medium"},
    {"EEM applet", HOST,
     HOST
     "event manager applet X\n event timer watchdog time 60\n action 1 cli command \"enable\"\n",
     "TW-DRIFT-SCRIPT-ADDED a.cfg:2 high"},
    {"interface filter removed",
     HOST "interface Gi1\n ip address 10.0.0.1 255.255.255.0\n ip access-group IN in\n",
     HOST "interface Gi1\n ip address 10.0.0.1 255.255.255.0\n",
     "TW-DRIFT-INTERFACE-CHANGED a.cfg:2 high"},
    {"static route via an indicator", HOST, HOST "ip route 0.0.0.0 0.0.0.0 45.61.133.77\n",
     "TW-DRIFT-ROUTE-ADDED a.cfg:2 critical"},
    {"BGP session lost its password",
     HOST "router bgp 65000\n neighbor 10.4.4.4 remote-as 65001\n neighbor 10.4.4.4 password 7 "
          "0822455D0A16\n",
     HOST "router bgp 65000\n neighbor 10.4.4.4 remote-as 65001\n",
     "TW-DRIFT-BGP-PEER-CHANGED a.cfg:3 high"},
    {"route-map entry", HOST "route-map OUT permit 10\n match ip address prefix-list OURS\n",
     HOST "route-map OUT permit 10\n match ip address prefix-list OURS\n"
          "route-map OUT permit 20\n set local-preference 350\n",
     "TW-DRIFT-ROUTE-MAP-ADDED a.cfg:4 medium"},
    {"route-map entry changed", HOST "route-map OUT permit 10\n set local-preference 100\n",
     HOST "route-map OUT permit 10\n set local-preference 350\n",
     "TW-DRIFT-ROUTE-MAP-CHANGED a.cfg:3 medium"},
    {"prefix-list entry", HOST "ip prefix-list BOGONS seq 5 deny 10.0.0.0/8 le 32\n",
     HOST "ip prefix-list BOGONS seq 5 deny 10.0.0.0/8 le 32\n"
          "ip prefix-list BOGONS seq 10 permit 0.0.0.0/0 le 32\n",
     "TW-DRIFT-PREFIX-LIST-ADDED a.cfg:3 medium"},
    {"weaker IKE proposal", HOST "crypto isakmp policy 10\n encryption aes 256\n group 14\n",
     HOST "crypto isakmp policy 10\n encryption des\n group 14\n",
     "TW-DRIFT-CRYPTO-CHANGED a.cfg:3 medium"},
    {"hostname", "hostname r1\n", "hostname r2\n", "TW-DRIFT-HOSTNAME-CHANGED a.cfg:1 info"},
};

static void test_classes(void **state)
{
    fixture *fx = *state;

    for (size_t i = 0; i < N(rows); i++) {
        char got[4096], want[4096];
        reset(state);
        print_message("row %zu: %s\n", i, rows[i].name);
        run_diff(fx, rows[i].before, rows[i].after, got, sizeof(got));
        snprintf(want, sizeof(want), "%s", rows[i].want);
        assert_string_equal(got, want);
    }
}

/* The finding of a change: its details, and no secret anywhere. */
static void test_finding(void **state)
{
    fixture *fx = *state;
    char got[4096];
    const tw_finding *f;

    reset(state);
    run_diff(fx, HOST "snmp-server community Ro-2024-q3-x RO 10\n",
             HOST
             "snmp-server community Ro-2024-q3-x RO 10\nsnmp-server community Wr-2024-q3-y RW\n",
             got, sizeof(got));
    assert_int_equal(fx->out.n, 1);
    f = &fx->out.v[0];
    assert_string_equal(f->title, "SNMP community added");
    assert_int_equal(f->category, TW_CAT_DRIFT);
    assert_string_equal(f->device, "r1");
    assert_non_null(strstr(f->message, "access rw"));
    assert_null(strstr(f->message, "Wr-2024"));
    assert_null(strstr(f->evidence, "Wr-2024"));
    for (size_t i = 0; i < f->ndetails; i++)
        assert_null(strstr(f->details[i].value, "Wr-2024"));
    assert_string_equal(f->details[0].value, "added");

    reset(state);
    run_diff(fx, HOST "logging host 10.9.9.20\n", HOST, got, sizeof(got));
    f = &fx->out.v[0];
    assert_string_equal(f->message, "logging host 10.9.9.20 removed (it was at b.cfg:2)");
    assert_string_equal(f->evidence, "logging host 10.9.9.20");
    assert_non_null(strstr(f->remediation, "b.cfg line 2"));
}

/* A device on one side only. */
static void test_device(void **state)
{
    fixture *fx = *state;

    reset(state);
    parse(fx, &fx->a, "a.cfg", HOST "ntp server 10.9.9.1\n");
    assert_int_equal(tw_drift_device(NULL, "a.cfg", &fx->a, true, &fx->out), TW_OK);
    assert_int_equal(tw_drift_device(NULL, "a.cfg", &fx->a, false, &fx->out), TW_OK);
    assert_int_equal(fx->out.n, 2);
    assert_string_equal(fx->out.v[0].rule, "TW-DRIFT-DEVICE-ADDED");
    assert_int_equal(fx->out.v[0].severity, TW_SEV_INFO);
    assert_string_equal(fx->out.v[1].rule, "TW-DRIFT-DEVICE-REMOVED");
    assert_string_equal(fx->out.v[1].device, "r1");
    tw_factset_release(&fx->a);
}

/* A git commit's details reach every finding. */
static void test_commit(void **state)
{
    fixture *fx = *state;
    tw_drift_opts o = {.commit = "c0ffee", .commit_time = "2025-03-07T02:47:31Z", .author = "x"};
    const tw_finding *f;
    bool seen = false;

    reset(state);
    parse(fx, &fx->b, "b.cfg", HOST);
    parse(fx, &fx->a, "a.cfg", HOST "iox\n");
    assert_int_equal(tw_drift_diff(&o, "b.cfg", &fx->b, "a.cfg", &fx->a, &fx->out), TW_OK);
    f = &fx->out.v[0];
    for (size_t i = 0; i < f->ndetails; i++)
        seen |=
            strcmp(f->details[i].name, "commit") == 0 && strcmp(f->details[i].value, "c0ffee") == 0;
    assert_true(seen);
    tw_factset_release(&fx->b);
    tw_factset_release(&fx->a);
}

/* The Batfish drift pair (skipped without the corpus): the planted
 * changes, and nothing for the cosmetic ones. */
static void test_batfish(void **state)
{
    static const char *const devices[] = {
        "as1border1", "as1border2", "as1core1", "as2border1", "as2border2", "as2core1", "as2core2",
        "as2dept1",   "as2dist1",   "as2dist2", "as3border1", "as3border2", "as3core1"};
    static const char *const want[] = {
        "as1border2 TW-DRIFT-NTP-SERVER-ADDED",  "as1border2 TW-DRIFT-NTP-SERVER-REMOVED",
        "as2border2 TW-DRIFT-INTERFACE-CHANGED", "as2dept1 TW-DRIFT-BGP-PEER-ADDED",
        "as2dist1 TW-DRIFT-ACL-ENTRY-ADDED",     "as2dist1 TW-DRIFT-BGP-PEER-CHANGED",
        "as2dist1 TW-DRIFT-ROUTE-MAP-ADDED",     "as2dist2 TW-DRIFT-ACL-ENTRY-ADDED",
        "as3border1 TW-DRIFT-PREFIX-LIST-ADDED", "as3border1 TW-DRIFT-PREFIX-LIST-ADDED",
        "as3border1 TW-DRIFT-PREFIX-LIST-ADDED",
    };
    fixture *fx = *state;
    struct stat st;
    char got[8192] = "", exp[8192] = "";
    size_t n = 0, m = 0;

    if (stat(DRIFT, &st) != 0)
        skip();
    reset(state);
    for (size_t i = 0; i < N(devices); i++) {
        char pb[512], pa[512];
        tw_file fb, fa;
        tw_drift_opts o = {.iocs = fx->iocs};
        snprintf(pb, sizeof(pb), DRIFT "/reference/%s.cfg", devices[i]);
        snprintf(pa, sizeof(pa), DRIFT "/snapshot/%s.cfg", devices[i]);
        assert_int_equal(tw_file_read(pb, 0, &fb), TW_OK);
        assert_int_equal(tw_file_read(pa, 0, &fa), TW_OK);
        {
            tw_diags d;
            tw_diags_init(&d);
            tw_factset_init(&fx->b, fx->arena);
            tw_factset_init(&fx->a, fx->arena);
            fx->b.fp_key = fx->a.fp_key = key;
            assert_int_equal(tw_config_parse(pb, fb.data, fb.len,
                                             tw_dialect_detect(fb.data, fb.len), &fx->b, &d),
                             TW_OK);
            assert_int_equal(tw_config_parse(pa, fa.data, fa.len,
                                             tw_dialect_detect(fa.data, fa.len), &fx->a, &d),
                             TW_OK);
            tw_diags_release(&d);
        }
        assert_int_equal(tw_drift_diff(&o, pb, &fx->b, pa, &fx->a, &fx->out), TW_OK);
        tw_factset_release(&fx->b);
        tw_factset_release(&fx->a);
        tw_file_release(&fb);
        tw_file_release(&fa);
    }
    tw_findings_sort(&fx->out);
    {
        /* device then rule, as the want list is written */
        const char *lines[64];
        size_t nl = 0;
        for (size_t i = 0; i < fx->out.n && nl < 64; i++)
            lines[nl++] =
                tw_arena_printf(fx->arena, "%s %s", fx->out.v[i].device, fx->out.v[i].rule);
        for (size_t i = 1; i < nl; i++) /* insertion sort: a few lines */
            for (size_t j = i; j > 0 && strcmp(lines[j - 1], lines[j]) > 0; j--) {
                const char *t = lines[j];
                lines[j] = lines[j - 1];
                lines[j - 1] = t;
            }
        for (size_t i = 0; i < nl; i++)
            n += (size_t)snprintf(got + n, sizeof(got) - n, "%s\n", lines[i]);
    }
    for (size_t i = 0; i < N(want); i++)
        m += (size_t)snprintf(exp + m, sizeof(exp) - m, "%s\n", want[i]);
    assert_string_equal(got, exp);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup(test_classes, reset), cmocka_unit_test_setup(test_finding, reset),
        cmocka_unit_test_setup(test_device, reset),  cmocka_unit_test_setup(test_commit, reset),
        cmocka_unit_test_setup(test_batfish, reset),
    };

    return cmocka_run_group_tests(tests, setup, teardown);
}
