/*
 * test_fleet.c: outliers (fleet.h): a value few devices hold while most
 * share another is a finding at its line; too few devices, no majority
 * or implied defaults say nothing; roles split the peer groups; with a
 * baseline, what a device gained or lost since its reference is a
 * finding, on synthetic configurations and on the Batfish drift pair of
 * the corpus (skipped when the corpus is absent).
 */
#include <dirent.h>
#include <pthread.h>
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
#include "tidewatch/file.h"
#include "tidewatch/fleet.h"
#include "tidewatch/siphash.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define DRIFT TW_CORPUS_DIR "/configs/batfish-example/drift"

/* Parses text (dialect d; detected when unknown) as file and adds it to f,
 * to the baseline when base. */
static void add_text(tw_fleet *f, const char *file, const char *text, size_t len, tw_dialect d,
                     bool base)
{
    tw_arena *a = tw_arena_new(0);
    tw_factset fs;
    tw_diags dg;

    tw_factset_init(&fs, a);
    tw_diags_init(&dg);
    if (d == TW_DIALECT_UNKNOWN)
        d = tw_dialect_detect(text, len);
    assert_int_equal(tw_config_parse(file, text, len, d, &fs, &dg), TW_OK);
    assert_int_equal(base ? tw_fleet_add_baseline(f, file, &fs) : tw_fleet_add(f, file, &fs),
                     TW_OK);
    tw_factset_release(&fs);
    tw_diags_release(&dg);
    tw_arena_free(a);
}

/* The detail called name of finding fd, or NULL. */
static const char *detail(const tw_finding *fd, const char *name)
{
    for (size_t i = 0; i < fd->ndetails; i++) {
        if (strcmp(fd->details[i].name, name) == 0)
            return fd->details[i].value;
    }
    return NULL;
}

/* A small IOS XE configuration: hostname, one TACACS+ server, SSH port. */
static void add_device(tw_fleet *f, int i, const char *tacacs, const char *ssh_port)
{
    char text[512], file[32];
    tw_arena *a = tw_arena_new(0);
    tw_factset fs;
    tw_diags d;
    int n = snprintf(text, sizeof(text),
                     "version 17.9\n"     /* 1 */
                     "hostname r%d\n"     /* 2 */
                     "tacacs server T\n"  /* 3 */
                     " address ipv4 %s\n" /* 4 */
                     "%s%s%s",            /* 5: ip ssh port */
                     i, tacacs, ssh_port ? "ip ssh port " : "", ssh_port ? ssh_port : "",
                     ssh_port ? " rotary 1\n" : "");

    snprintf(file, sizeof(file), "r%d.cfg", i);
    tw_factset_init(&fs, a);
    tw_diags_init(&d);
    assert_int_equal(tw_config_parse(file, text, (size_t)n, TW_DIALECT_IOSXE, &fs, &d), TW_OK);
    assert_int_equal(tw_fleet_add(f, file, &fs), TW_OK);
    tw_factset_release(&fs);
    tw_diags_release(&d);
    tw_arena_free(a);
}

static const struct {
    const char *tacacs[8];
    const char *ssh[8];
    size_t ndev, want;
    const char *file, *rule, *value; /* the first finding, when want > 0 */
    uint32_t line;
} cases[] = {
    /* one odd TACACS+ server among six */
    {{"10.0.0.5", "10.0.0.5", "10.0.0.5", "10.0.0.5", "10.0.0.5", "10.66.1.2"},
     {NULL},
     6,
     1,
     "r5.cfg",
     "TW-OUTLIER-AAA-SERVER",
     "10.66.1.2",
     4},
    /* four devices: too few to compare */
    {{"10.0.0.5", "10.0.0.5", "10.0.0.5", "10.66.1.2"}, {NULL}, 4, 0, NULL, NULL, NULL, 0},
    /* no clear majority */
    {{"10.0.0.5", "10.0.0.5", "10.0.0.6", "10.0.0.6", "10.0.0.7", "10.0.0.8"},
     {NULL},
     6,
     0,
     NULL,
     NULL,
     NULL,
     0},
    /* the SSH port: two devices set one, too few, although all share TACACS+ */
    {{"10.0.0.5", "10.0.0.5", "10.0.0.5", "10.0.0.5", "10.0.0.5", "10.0.0.5"},
     {NULL, NULL, NULL, NULL, "22", "2222"},
     6,
     0,
     NULL,
     NULL,
     NULL,
     0},
    /* the SSH port among eight that set one */
    {{"10.0.0.5", "10.0.0.5", "10.0.0.5", "10.0.0.5", "10.0.0.5", "10.0.0.5", "10.0.0.5",
      "10.0.0.5"},
     {"22", "22", "22", "22", "22", "22", "22", "22022"},
     8,
     1,
     "r7.cfg",
     "TW-OUTLIER-SSH-PORT",
     "22022",
     5},
};

static void test_outliers(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        tw_fleet *f = tw_fleet_new();
        tw_arena *a = tw_arena_new(0);
        tw_findings fl;

        print_message("case %zu\n", c);
        for (size_t i = 0; i < cases[c].ndev; i++)
            add_device(f, (int)i, cases[c].tacacs[i], cases[c].ssh[i]);
        assert_int_equal(tw_fleet_count(f), cases[c].ndev);
        tw_findings_init(&fl, a);
        assert_int_equal(tw_fleet_outliers(f, &fl), TW_OK);
        assert_int_equal(fl.n, cases[c].want);
        for (size_t i = 0; i < fl.n; i++) {
            assert_string_equal(fl.v[i].file, cases[c].file);
            assert_string_equal(fl.v[i].rule, cases[c].rule);
            assert_int_equal(fl.v[i].line, cases[c].line);
            assert_int_equal(fl.v[i].category, TW_CAT_OUTLIER);
            assert_string_equal(fl.v[i].details[0].value, cases[c].value);
            assert_non_null(strstr(fl.v[i].message, cases[c].value));
        }
        tw_findings_release(&fl);
        tw_arena_free(a);
        tw_fleet_free(f);
    }
}

static const unsigned char key[TW_SIPHASH_KEY] = "0123456789abcdef";

/* True when s holds needle. */
static bool holds(tw_str s, const char *needle)
{
    size_t n = strlen(needle);

    for (size_t i = 0; i + n <= s.len; i++) {
        if (memcmp(s.ptr + i, needle, n) == 0)
            return true;
    }
    return false;
}

/* The fingerprint field of the SNMP community in a one-line config, or
 * "" when there is none; the fact never holds the community's text. */
static void fingerprint(const char *community, const unsigned char *k, char *out, size_t cap)
{
    char text[256];
    tw_arena *a = tw_arena_new(0);
    tw_factset fs;
    tw_diags d;
    int n =
        snprintf(text, sizeof(text), "hostname r1\nsnmp-server community %s RO 10\n", community);
    const tw_field *fp = NULL;

    tw_factset_init(&fs, a);
    fs.fp_key = k;
    tw_diags_init(&d);
    assert_int_equal(tw_config_parse("r.cfg", text, (size_t)n, TW_DIALECT_IOS, &fs, &d), TW_OK);
    for (size_t i = 0; i < fs.n; i++) {
        if (fs.v[i].kind == TW_FACT_SNMP_COMMUNITY)
            fp = tw_fact_get(&fs.v[i], "fingerprint");
        for (uint32_t j = 0; j < fs.v[i].nfields; j++)
            assert_false(holds(fs.v[i].fields[j].str, community));
    }
    snprintf(out, cap, "%.*s", fp ? (int)fp->str.len : 0, fp ? fp->str.ptr : "");
    tw_factset_release(&fs);
    tw_diags_release(&d);
    tw_arena_free(a);
}

/* Communities are compared by a fingerprint keyed for the run: equal
 * strings give equal fingerprints, others differ, no key gives none. */
static void test_snmp_fingerprint(void **state)
{
    char a[32], b[32], c[32], none[32];

    (void)state;
    fingerprint("n0t-public-9", key, a, sizeof(a));
    fingerprint("n0t-public-9", key, b, sizeof(b));
    fingerprint("s3cret-x", key, c, sizeof(c));
    fingerprint("n0t-public-9", NULL, none, sizeof(none));
    assert_int_equal(strlen(a), 16);
    assert_string_equal(a, b);
    assert_string_not_equal(a, c);
    assert_string_equal(none, "");
}

/* A group of like devices: n hostnames PREFIX-0 .. PREFIX-(n-1), each
 * with the TACACS+ servers in aaa (space-separated), the last one with
 * odd instead when odd is given. */
typedef struct {
    const char *prefix;
    size_t n;
    const char *aaa, *odd;
} group;

/* Adds the devices of g, one TACACS+ server block per address, with
 * files named DIR/PREFIX-i.cfg; to the baseline when base. */
static void add_group_as(tw_fleet *f, const group *g, const char *dir, bool base)
{
    for (size_t i = 0; i < g->n; i++) {
        char text[1024], file[64], list[128];
        int n = snprintf(text, sizeof(text), "hostname %s-%zu\n", g->prefix, i);
        size_t k = 0;

        snprintf(list, sizeof(list), "%s", g->odd && i == g->n - 1 ? g->odd : g->aaa);
        for (char *save = NULL, *t = strtok_r(list, " ", &save); t; t = strtok_r(NULL, " ", &save))
            n += snprintf(text + n, sizeof(text) - (size_t)n,
                          "tacacs server T%zu\n address ipv4 %s\n", k++, t);
        snprintf(file, sizeof(file), "%s%s-%zu.cfg", dir, g->prefix, i);
        add_text(f, file, text, (size_t)n, TW_DIALECT_IOSXE, base);
    }
}

static void add_group(tw_fleet *f, const group *g)
{
    add_group_as(f, g, "", false);
}

static const struct {
    const char *roles[2]; /* NAME=GLOB */
    group g[2];
    size_t want;
    const char *file, *role, *phrase; /* of every finding; role NULL: no role detail */
} role_cases[] = {
    /* every PE has a second server: normal for PEs; on one CE it stands out */
    {{"pe=*-PE-*", "ce=*-ce-*"},
     {{"lon-pe", 6, "10.0.0.5 10.0.0.6", NULL}, {"lon-ce", 6, "10.0.0.5", "10.0.0.5 10.0.0.6"}},
     1,
     "lon-ce-5.cfg",
     "ce",
     "on 1 of 6 ios ce devices"},
    /* the same fleet without roles: seven of twelve share it, nothing found */
    {{NULL, NULL},
     {{"lon-pe", 6, "10.0.0.5 10.0.0.6", NULL}, {"lon-ce", 6, "10.0.0.5", "10.0.0.5 10.0.0.6"}},
     0,
     NULL,
     NULL,
     NULL},
    /* two PEs among twenty CEs: without roles the PEs' server is found, wrongly */
    {{NULL, NULL},
     {{"lon-ce", 20, "10.0.0.5", NULL}, {"lon-pe", 2, "10.0.0.5 10.0.0.7", NULL}},
     2,
     NULL,
     NULL,
     "on 2 of 22 ios devices"},
    /* with roles the two PEs are a group of their own, too small to judge */
    {{"pe=*-pe-*", "ce=*-ce-*"},
     {{"lon-ce", 20, "10.0.0.5", NULL}, {"lon-pe", 2, "10.0.0.5 10.0.0.7", NULL}},
     0,
     NULL,
     NULL,
     NULL},
    /* devices of no role stay grouped by dialect family */
    {{"pe=*-pe-*", NULL},
     {{"lon-pe", 6, "10.0.0.5 10.0.0.6", NULL}, {"core", 6, "10.0.0.5", "10.0.0.5 10.0.0.9"}},
     1,
     "core-5.cfg",
     NULL,
     "on 1 of 6 ios devices of no role that set one"},
};

/* A role's peers are the devices of its dialect family and role. */
static void test_roles(void **state)
{
    (void)state;
    for (size_t c = 0; c < N(role_cases); c++) {
        tw_policy *p = tw_policy_new();
        tw_fleet *f = tw_fleet_new();
        tw_arena *a = tw_arena_new(0);
        tw_findings fl;

        print_message("case %zu\n", c);
        for (size_t r = 0; r < 2 && role_cases[c].roles[r]; r++) {
            char name[16];
            const char *eq = strchr(role_cases[c].roles[r], '=');

            snprintf(name, sizeof(name), "%.*s", (int)(eq - role_cases[c].roles[r]),
                     role_cases[c].roles[r]);
            assert_int_equal(tw_policy_add_role(p, name, eq + 1), TW_OK);
        }
        tw_fleet_set_roles(f, p);
        add_group(f, &role_cases[c].g[0]);
        add_group(f, &role_cases[c].g[1]);
        tw_findings_init(&fl, a);
        assert_int_equal(tw_fleet_outliers(f, &fl), TW_OK);
        assert_int_equal(fl.n, role_cases[c].want);
        for (size_t i = 0; i < fl.n; i++) {
            print_message("  %s\n", fl.v[i].message);
            assert_string_equal(fl.v[i].rule, "TW-OUTLIER-AAA-SERVER");
            assert_true(role_cases[c].file == NULL ||
                        strcmp(fl.v[i].file, role_cases[c].file) == 0);
            assert_non_null(strstr(fl.v[i].message, role_cases[c].phrase));
            if (role_cases[c].role == NULL)
                assert_null(detail(&fl.v[i], "role"));
            else
                assert_string_equal(detail(&fl.v[i], "role"), role_cases[c].role);
        }
        tw_findings_release(&fl);
        tw_arena_free(a);
        tw_fleet_free(f);
        tw_policy_free(p);
    }
}

/* The baseline: r1 against its reference, r2 (new) against the baseline
 * fleet. */
static const char ref_r1[] = "hostname r1\n"                                            /* 1 */
                             "ntp server 10.1.1.1\n"                                    /* 2 */
                             "tacacs server T\n"                                        /* 3 */
                             " address ipv4 10.0.0.5\n"                                 /* 4 */
                             "ip access-list extended EDGE\n"                           /* 5 */
                             " 10 permit tcp 10.0.0.0 0.0.0.255 any eq 22\n"            /* 6 */
                             " 20 deny ip any any\n"                                    /* 7 */
                             "router bgp 1\n"                                           /* 8 */
                             " neighbor 10.9.9.9 remote-as 2\n";                        /* 9 */
static const char snap_r1[] = "hostname R1\n"                                           /* 1 */
                              "ntp server 10.1.1.2\n"                                   /* 2 */
                              "tacacs server T\n"                                       /* 3 */
                              " address ipv4 10.0.0.5\n"                                /* 4 */
                              "ip access-list extended EDGE\n"                          /* 5 */
                              " 5 permit tcp 10.0.0.0 0.0.0.255 host 10.2.2.2 eq 443\n" /* 6 */
                              " 15 permit tcp 10.0.0.0 0.0.0.255 any eq 22\n" /* 7: renumbered */
                              " 30 permit ip any host 10.2.2.2\n"             /* 8 */
                              "router bgp 1\n"                                /* 9 */
                              " neighbor 10.9.9.9 remote-as 2\n"              /* 10 */
                              " neighbor 10.9.9.10 remote-as 3\n";            /* 11 */
static const char snap_r2[] = "hostname r2\n"                                 /* 1 */
                              "ntp server 10.1.1.1\n"                         /* 2 */
                              "tacacs server T\n"                             /* 3 */
                              " address ipv4 10.0.0.99\n"                     /* 4 */
                              "ip access-list extended EDGE\n"                /* 5 */
                              " 10 permit ip any any\n";                      /* 6 */

static const struct {
    const char *rule, *file;
    uint32_t line;
    tw_severity sev;
    const char *value;
} base_want[] = {
    {"TW-BASELINE-AAA-SERVER", "r2.cfg", 4, TW_SEV_HIGH, "10.0.0.99"},
    {"TW-BASELINE-ACL-ENTRY", "r1.cfg", 6, TW_SEV_MEDIUM,
     "EDGE: permit tcp 10.0.0.0/24 10.2.2.2 eq 443"},
    {"TW-BASELINE-ACL-ENTRY", "r1.cfg", 8, TW_SEV_HIGH, "EDGE: permit ip any 10.2.2.2"},
    {"TW-BASELINE-ACL-ENTRY-REMOVED", "r1.cfg", 0, TW_SEV_MEDIUM, "EDGE: deny ip any any"},
    {"TW-BASELINE-BGP-PEER", "r1.cfg", 11, TW_SEV_MEDIUM, "10.9.9.10 remote-as 3"},
    {"TW-BASELINE-NTP-SERVER", "r1.cfg", 2, TW_SEV_LOW, "10.1.1.2"},
    {"TW-BASELINE-NTP-SERVER-REMOVED", "r1.cfg", 0, TW_SEV_LOW, "10.1.1.1"},
};

/* By rule, file, line, then value (removals have no line). */
static int finding_cmp(const void *x, const void *y)
{
    const tw_finding *a = x, *b = y;
    int c = strcmp(a->rule, b->rule);

    if (c == 0)
        c = strcmp(a->file, b->file);
    if (c == 0)
        c = (a->line > b->line) - (a->line < b->line);
    return c != 0 ? c : strcmp(detail(a, "value"), detail(b, "value"));
}

static void test_baseline(void **state)
{
    tw_fleet *f = tw_fleet_new();
    tw_arena *a = tw_arena_new(0);
    tw_findings fl;

    (void)state;
    add_text(f, "ref/r1.cfg", ref_r1, strlen(ref_r1), TW_DIALECT_IOSXE, true);
    add_text(f, "r1.cfg", snap_r1, strlen(snap_r1), TW_DIALECT_IOSXE, false);
    add_text(f, "r2.cfg", snap_r2, strlen(snap_r2), TW_DIALECT_IOSXE, false);
    assert_int_equal(tw_fleet_count(f), 3);
    assert_int_equal(tw_fleet_baseline_count(f), 1);
    tw_findings_init(&fl, a);
    assert_int_equal(tw_fleet_outliers(f, &fl), TW_OK);
    qsort(fl.v, fl.n, sizeof(*fl.v), finding_cmp);
    for (size_t i = 0; i < fl.n; i++)
        print_message("%s %s:%u %s\n", fl.v[i].rule, fl.v[i].file, fl.v[i].line, fl.v[i].message);
    assert_int_equal(fl.n, N(base_want));
    for (size_t i = 0; i < fl.n; i++) {
        assert_string_equal(fl.v[i].rule, base_want[i].rule);
        assert_string_equal(fl.v[i].file, base_want[i].file);
        assert_int_equal(fl.v[i].line, base_want[i].line);
        assert_int_equal(fl.v[i].severity, base_want[i].sev);
        assert_int_equal(fl.v[i].category, TW_CAT_OUTLIER);
        assert_string_equal(detail(&fl.v[i], "value"), base_want[i].value);
    }
    /* the NTP server added names what the baseline had */
    assert_non_null(strstr(fl.v[5].message, "is not in the baseline of r1; the baseline has "
                                            "10.1.1.1"));
    tw_findings_release(&fl);
    tw_arena_free(a);
    tw_fleet_free(f);
}

/* Routing policy and interface filters against the baseline: an ACL
 * taken off an interface (high; medium when another list took its
 * place), one put on (low), a route-map entry and a prefix-list entry
 * added (medium). */
static const char ref_r3[] = "hostname r3\n"                                         /* 1 */
                             "interface GigabitEthernet1\n"                          /* 2 */
                             " ip address 10.0.0.1 255.255.255.0\n"                  /* 3 */
                             " ip access-group EDGE-IN in\n"                         /* 4 */
                             " ip access-group EDGE-OUT out\n"                       /* 5 */
                             "!\n"                                                   /* 6 */
                             "interface GigabitEthernet2\n"                          /* 7 */
                             " ip access-group LAN-IN in\n"                          /* 8 */
                             "!\n"                                                   /* 9 */
                             "route-map RM-OUT permit 10\n"                          /* 10 */
                             " match ip address prefix-list OURS\n"                  /* 11 */
                             "!\n"                                                   /* 12 */
                             "ip prefix-list OURS seq 5 permit 192.0.2.0/24\n";      /* 13 */
static const char snap_r3[] = "hostname r3\n"                                        /* 1 */
                              "interface GigabitEthernet1\n"                         /* 2 */
                              " ip address 10.0.0.1 255.255.255.0\n"                 /* 3 */
                              " ip access-group EDGE-OUT out\n"                      /* 4 */
                              "!\n"                                                  /* 5 */
                              "interface GigabitEthernet2\n"                         /* 6 */
                              " ip access-group LAN-IN2 in\n"                        /* 7 */
                              "!\n"                                                  /* 8 */
                              "route-map RM-OUT permit 10\n"                         /* 9 */
                              " match ip address prefix-list OURS\n"                 /* 10 */
                              "route-map RM-OUT permit 20\n"                         /* 11 */
                              " match ip address prefix-list LEAK\n"                 /* 12 */
                              " set local-preference 500\n"                          /* 13 */
                              "!\n"                                                  /* 14 */
                              "ip prefix-list OURS seq 5 permit 192.0.2.0/24\n"      /* 15 */
                              "ip prefix-list OURS seq 10 permit 0.0.0.0/0 le 32\n"; /* 16 */

static const struct {
    const char *rule;
    uint32_t line;
    tw_severity sev;
    const char *value, *phrase;
} policy_want[] = {
    {"TW-BASELINE-INTERFACE-ACL", 7, TW_SEV_LOW, "GigabitEthernet2 in LAN-IN2",
     "the baseline has GigabitEthernet2 in LAN-IN"},
    {"TW-BASELINE-INTERFACE-ACL-REMOVED", 0, TW_SEV_HIGH, "GigabitEthernet1 in EDGE-IN",
     "(ref/r3.cfg:4) was removed; the device now has no ACL on that interface in that direction"},
    {"TW-BASELINE-INTERFACE-ACL-REMOVED", 0, TW_SEV_MEDIUM, "GigabitEthernet2 in LAN-IN",
     "the device now has GigabitEthernet2 in LAN-IN2"},
    {"TW-BASELINE-PREFIX-LIST", 16, TW_SEV_MEDIUM, "OURS seq 10 permit any le 32",
     "the baseline has OURS seq 5 permit 192.0.2.0/24"},
    {"TW-BASELINE-ROUTE-MAP", 11, TW_SEV_MEDIUM,
     "RM-OUT permit 20: match ip address prefix-list LEAK; set local-preference 500",
     "the baseline has RM-OUT permit 10: match ip address prefix-list OURS"},
};

static void test_baseline_policy(void **state)
{
    tw_fleet *f = tw_fleet_new();
    tw_arena *a = tw_arena_new(0);
    tw_findings fl;

    (void)state;
    add_text(f, "ref/r3.cfg", ref_r3, strlen(ref_r3), TW_DIALECT_IOSXE, true);
    add_text(f, "r3.cfg", snap_r3, strlen(snap_r3), TW_DIALECT_IOSXE, false);
    tw_findings_init(&fl, a);
    assert_int_equal(tw_fleet_outliers(f, &fl), TW_OK);
    qsort(fl.v, fl.n, sizeof(*fl.v), finding_cmp);
    for (size_t i = 0; i < fl.n; i++)
        print_message("%s %s:%u %s\n", fl.v[i].rule, fl.v[i].file, fl.v[i].line, fl.v[i].message);
    assert_int_equal(fl.n, N(policy_want));
    for (size_t i = 0; i < fl.n; i++) {
        assert_string_equal(fl.v[i].rule, policy_want[i].rule);
        assert_string_equal(fl.v[i].file, "r3.cfg");
        assert_string_equal(fl.v[i].device, "r3");
        assert_int_equal(fl.v[i].line, policy_want[i].line);
        assert_int_equal(fl.v[i].severity, policy_want[i].sev);
        assert_string_equal(detail(&fl.v[i], "value"), policy_want[i].value);
        assert_non_null(strstr(fl.v[i].message, policy_want[i].phrase));
    }
    /* a removal's evidence is the reference's statement */
    assert_string_equal(fl.v[1].evidence, "ip access-group EDGE-IN in");
    tw_findings_release(&fl);
    tw_arena_free(a);
    tw_fleet_free(f);
}

/* A device the baseline does not have is compared with the baseline
 * devices of its role; of its family when the baseline has none of its
 * role, or it has no role. */
static void test_baseline_roles(void **state)
{
    static const group ref[] = {{"pe", 2, "10.0.0.5 10.0.0.6", NULL}, {"ce", 2, "10.0.0.5", NULL}};
    static const struct {
        const char *host, *aaa;
        size_t want;
        const char *phrase;
    } cases[] = {
        {"ce-new", "10.0.0.6", 1, "is on no ios ce device of the baseline (2 in it;"},
        {"pe-new", "10.0.0.6", 0, NULL},
        {"core", "10.0.0.6", 0, NULL},   /* no role: the family holds it */
        {"x-edge", "10.0.0.6", 0, NULL}, /* a role the baseline lacks: the family */
        {"core", "10.0.0.7", 1, "is on no ios device of the baseline (4 in it;"},
    };

    (void)state;
    for (size_t c = 0; c < N(cases); c++) {
        tw_policy *p = tw_policy_new();
        tw_fleet *f = tw_fleet_new();
        tw_arena *a = tw_arena_new(0);
        group g = {cases[c].host, 1, cases[c].aaa, NULL};
        tw_findings fl;

        print_message("case %zu\n", c);
        assert_int_equal(tw_policy_add_role(p, "pe", "pe*"), TW_OK);
        assert_int_equal(tw_policy_add_role(p, "ce", "ce*"), TW_OK);
        assert_int_equal(tw_policy_add_role(p, "edge", "*-edge-*"), TW_OK);
        tw_fleet_set_roles(f, p);
        for (size_t r = 0; r < N(ref); r++)
            add_group_as(f, &ref[r], "ref/", true);
        add_group_as(f, &g, "new/", false);
        tw_findings_init(&fl, a);
        assert_int_equal(tw_fleet_outliers(f, &fl), TW_OK);
        for (size_t i = 0; i < fl.n; i++)
            print_message("  %s %s\n", fl.v[i].file, fl.v[i].message);
        assert_int_equal(fl.n, cases[c].want);
        for (size_t i = 0; i < fl.n; i++) {
            assert_string_equal(fl.v[i].rule, "TW-BASELINE-AAA-SERVER");
            assert_non_null(strstr(fl.v[i].message, cases[c].phrase));
            assert_non_null(strstr(fl.v[i].file, "new/"));
        }
        tw_findings_release(&fl);
        tw_arena_free(a);
        tw_fleet_free(f);
        tw_policy_free(p);
    }
}

/* Baseline devices come first: one added after the audit began is
 * refused. */
static void test_baseline_order(void **state)
{
    tw_fleet *f = tw_fleet_new();
    tw_arena *a = tw_arena_new(0);
    tw_factset fs;
    tw_diags d;

    (void)state;
    add_text(f, "r2.cfg", snap_r2, strlen(snap_r2), TW_DIALECT_IOSXE, false);
    tw_factset_init(&fs, a);
    tw_diags_init(&d);
    assert_int_equal(tw_config_parse("r1.cfg", ref_r1, strlen(ref_r1), TW_DIALECT_IOSXE, &fs, &d),
                     TW_OK);
    assert_int_equal(tw_fleet_add_baseline(f, "r1.cfg", &fs), TW_EINVAL);
    assert_int_equal(tw_fleet_baseline_count(f), 0);
    tw_factset_release(&fs);
    tw_diags_release(&d);
    tw_arena_free(a);
    tw_fleet_free(f);
}

/* Adds every file of folder dir of the drift pair. */
static void add_folder(tw_fleet *f, const char *dir, bool base)
{
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);

    assert_true(n > 2);
    for (int i = 0; i < n; i++) {
        char path[512];
        tw_file file;

        snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
        if (names[i]->d_name[0] != '.' && tw_file_read(path, 1 << 20, &file) == TW_OK) {
            add_text(f, names[i]->d_name, file.data, file.len, TW_DIALECT_UNKNOWN, base);
            tw_file_release(&file);
        }
        free(names[i]);
    }
    free(names);
}

/* The planted security-relevant changes of the Batfish drift pair, and
 * nothing for the cosmetic ones (a domain name, descriptions, a moved
 * interface block, a removed maximum-paths). */
static const struct {
    const char *rule, *file;
    uint32_t line;
    tw_severity sev;
    const char *value;
} drift_want[] = {
    {"TW-BASELINE-ACL-ENTRY", "as2dist1.cfg", 116, TW_SEV_HIGH,
     "102: permit tcp 2.128.0.0 255.255.0.0"},
    {"TW-BASELINE-ACL-ENTRY", "as2dist2.cfg", 121, TW_SEV_HIGH,
     "105: permit ip 3.0.3.0 255.255.255.0"},
    {"TW-BASELINE-BGP-PEER", "as2dept1.cfg", 87, TW_SEV_MEDIUM,
     "2.34.209.3 remote-as 2 peer-group as2"},
    {"TW-BASELINE-BGP-PEER", "as2dist1.cfg", 91, TW_SEV_MEDIUM,
     "2.34.101.4 remote-as 65001 peer-group dept2"},
    {"TW-BASELINE-BGP-PEER-REMOVED", "as2dist1.cfg", 0, TW_SEV_LOW,
     "2.34.101.4 remote-as 65001 peer-group dept"},
    /* the interface shut down and its filters taken off */
    {"TW-BASELINE-INTERFACE-ACL-REMOVED", "as2border2.cfg", 0, TW_SEV_HIGH,
     "GigabitEthernet0/0 in OUTSIDE_TO_INSIDE"},
    {"TW-BASELINE-INTERFACE-ACL-REMOVED", "as2border2.cfg", 0, TW_SEV_HIGH,
     "GigabitEthernet0/0 out INSIDE_TO_AS3"},
    {"TW-BASELINE-NTP-SERVER", "as1border2.cfg", 14, TW_SEV_LOW, "18.18.18.19"},
    {"TW-BASELINE-NTP-SERVER-REMOVED", "as1border2.cfg", 0, TW_SEV_LOW, "23.23.23.23"},
    {"TW-BASELINE-PREFIX-LIST", "as3border1.cfg", 123, TW_SEV_MEDIUM,
     "bogons seq 5 permit 10.0.0.0/8"},
    {"TW-BASELINE-PREFIX-LIST", "as3border1.cfg", 124, TW_SEV_MEDIUM,
     "bogons seq 10 permit 172.16.0.0/16"},
    {"TW-BASELINE-PREFIX-LIST", "as3border1.cfg", 125, TW_SEV_MEDIUM,
     "bogons seq 15 permit 192.168.0.0/16"},
    {"TW-BASELINE-ROUTE-MAP", "as2dist1.cfg", 132, TW_SEV_MEDIUM,
     "dept_to_as2dist permit 200: match community dept_community_new; set local-preference 350"},
};

/* The devices whose only changes are cosmetic. */
static const char *const drift_cosmetic[] = {"as1border1.cfg", "as2core1.cfg", "as3core1.cfg"};

static void test_batfish_drift(void **state)
{
    tw_fleet *f;
    tw_arena *a;
    tw_findings fl;
    struct stat st;

    (void)state;
    if (stat(DRIFT, &st) != 0)
        skip();
    f = tw_fleet_new();
    a = tw_arena_new(0);
    add_folder(f, DRIFT "/reference", true);
    add_folder(f, DRIFT "/snapshot", false);
    assert_int_equal(tw_fleet_baseline_count(f), 13);
    tw_findings_init(&fl, a);
    assert_int_equal(tw_fleet_outliers(f, &fl), TW_OK);
    qsort(fl.v, fl.n, sizeof(*fl.v), finding_cmp);
    for (size_t i = 0; i < fl.n; i++)
        print_message("%s %s:%u %s\n", fl.v[i].rule, fl.v[i].file, fl.v[i].line, fl.v[i].message);
    assert_int_equal(fl.n, N(drift_want));
    for (size_t i = 0; i < fl.n; i++) {
        assert_string_equal(fl.v[i].rule, drift_want[i].rule);
        assert_string_equal(fl.v[i].file, drift_want[i].file);
        assert_int_equal(fl.v[i].line, drift_want[i].line);
        assert_int_equal(fl.v[i].severity, drift_want[i].sev);
        assert_string_equal(detail(&fl.v[i], "value"), drift_want[i].value);
        for (size_t c = 0; c < N(drift_cosmetic); c++)
            assert_string_not_equal(fl.v[i].file, drift_cosmetic[c]);
    }
    assert_string_equal(fl.v[7].message, "NTP server 18.18.18.19 is not in the baseline of "
                                         "as1border2; the baseline has 18.18.18.18, 23.23.23.23");
    assert_string_equal(fl.v[5].evidence, "ip access-group OUTSIDE_TO_INSIDE in");
    assert_string_equal(detail(&fl.v[5], "baseline_line"), "63");
    assert_string_equal(detail(&fl.v[6], "baseline_line"), "64");
    tw_findings_release(&fl);
    tw_arena_free(a);
    tw_fleet_free(f);
}

/* The reference against itself: nothing changed, nothing said. */
static void test_batfish_same(void **state)
{
    tw_fleet *f;
    tw_arena *a;
    tw_findings fl;
    struct stat st;

    (void)state;
    if (stat(DRIFT, &st) != 0)
        skip();
    f = tw_fleet_new();
    a = tw_arena_new(0);
    add_folder(f, DRIFT "/reference", true);
    add_folder(f, DRIFT "/reference", false);
    tw_findings_init(&fl, a);
    assert_int_equal(tw_fleet_outliers(f, &fl), TW_OK);
    assert_int_equal(fl.n, 0);
    tw_findings_release(&fl);
    tw_arena_free(a);
    tw_fleet_free(f);
}

static void *adder(void *arg)
{
    for (int i = 0; i < 20; i++)
        add_device(arg, i, "10.0.0.5", NULL);
    return NULL;
}

/* Adds from two threads at once are all kept. */
static void test_threads(void **state)
{
    tw_fleet *f = tw_fleet_new();
    pthread_t t1, t2;

    (void)state;
    assert_int_equal(pthread_create(&t1, NULL, adder, f), 0);
    assert_int_equal(pthread_create(&t2, NULL, adder, f), 0);
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    assert_int_equal(tw_fleet_count(f), 40);
    tw_fleet_free(f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_outliers),         cmocka_unit_test(test_threads),
        cmocka_unit_test(test_snmp_fingerprint), cmocka_unit_test(test_roles),
        cmocka_unit_test(test_baseline),         cmocka_unit_test(test_baseline_policy),
        cmocka_unit_test(test_baseline_roles),   cmocka_unit_test(test_baseline_order),
        cmocka_unit_test(test_batfish_drift),    cmocka_unit_test(test_batfish_same),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
