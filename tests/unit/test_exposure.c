/*
 * test_exposure.c: the exposure engine (lib/engine/exposure.c) and the
 * preconditions read from configurations (lib/engine/exposure_config.c).
 *
 * Device records are built here directly; the knowledge is the built-in
 * CVE table plus the fixtures of tests/unit/data/exposure: four IOS / IOS
 * XE configurations, a small KEV catalog in CISA's JSON shape and two
 * CSAF advisories in Cisco's shape (train 15.2E as product_version,
 * releases 15.2(4)E1..E5 as service_pack, all known_affected): csaf-smi2
 * for CVE-2018-0171 (in the table), csaf-smi for CVE-2018-0156 (not in
 * the table, but in the KEV fixture).  The fixture
 * catalog gives CVE-2023-20198 the dates 2023-10-17 / 2023-10-21 (the
 * real ones, which the table holds, are 2023-10-16 / 2023-10-20) so that
 * a test can tell where a date came from.  Each finding is checked in
 * full: severity, rule, category, location, device, CVE and every detail
 * in order, joined as "name=value;...".  The corpus test reads CISA's
 * real catalog and Cisco's real advisory when ../shared/corpus is there.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/config.h"
#include "tidewatch/exposure.h"
#include "tidewatch/file.h"
#include "tidewatch/limits.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define FIX "data/exposure/"
#define INV "inventory.csv"

/* The table's KEV details per CVE (no catalog given). */
#define KEV_20198 "kev_added=2023-10-16;kev_due=2023-10-20;kev_ransomware=Unknown"
#define KEV_20198_CAT "kev_added=2023-10-17;kev_due=2023-10-21;kev_ransomware=Unknown"
#define KEV_20273 "kev_added=2023-10-23;kev_due=2023-10-27;kev_ransomware=Unknown"
#define KEV_0171 "kev_added=2021-11-03;kev_due=2022-05-03;kev_ransomware=Unknown"
#define KEV_3400 "kev_added=2024-04-12;kev_due=2024-04-19;kev_ransomware=Known"
#define KEV_IVANTI "kev_added=2024-01-10;kev_due=2024-01-22;kev_ransomware=Unknown"
#define TABLE ";source=cve-table"
#define SMI2 ";source=csaf:cisco-sa-20180328-smi2"

#define CRIT TW_SEV_CRITICAL
#define HIGH TW_SEV_HIGH
#define MED TW_SEV_MEDIUM
#define INFO TW_SEV_INFO

/* ---- helpers ------------------------------------------------------------ */

/* Which knowledge an engine has. */
enum {
    E_TABLE, /* the built-in table and the fixture configurations */
    E_NOCFG, /* the table alone: no configurations given */
    E_KEV,   /* table, KEV fixture, configurations */
    E_CSAF,  /* table, CSAF fixture, configurations */
    E_ALL,   /* table, KEV, both CSAF fixtures, configurations */
    E__COUNT
};

typedef struct {
    tw_cvetab *cves;
    tw_kev *kev;
    tw_csaf *csaf;     /* csaf-smi2.json */
    tw_csaf *csaf_all; /* csaf-smi2.json and csaf-smi.json */
    tw_config_set *cfgs;
    tw_exposure *eng[E__COUNT];
} world;

/* Parses text (len bytes) as dialect d into a fresh fact set and adds it
 * to s under file; returns what tw_config_set_add returns.  The facts are
 * released before returning: the set must keep nothing of them. */
static tw_err add_config(tw_config_set *s, const char *file, const char *text, size_t len,
                         tw_dialect d)
{
    tw_arena *a = tw_arena_new(TW_LIMIT_ARENA);
    tw_factset fs;
    tw_diags dg;
    tw_err rc;

    assert_non_null(a);
    tw_factset_init(&fs, a);
    tw_diags_init(&dg);
    assert_int_equal(tw_config_parse(file, text, len, d, &fs, &dg), TW_OK);
    rc = tw_config_set_add(s, file, &fs);
    memset(fs.v, 0x5a, fs.n * sizeof(*fs.v));
    tw_factset_release(&fs);
    tw_diags_release(&dg);
    tw_arena_free(a);
    return rc;
}

static tw_err add_config_file(tw_config_set *s, const char *path, tw_dialect d)
{
    tw_file f;
    tw_err rc;

    assert_int_equal(tw_file_read(path, TW_LIMIT_FILE_SIZE, &f), TW_OK);
    rc = add_config(s, path, f.data, f.len, d);
    tw_file_release(&f);
    return rc;
}

static tw_err kev_fn(void *k, const char *file, const char *data, size_t len, tw_diags *d)
{
    return tw_kev_load(k, file, data, len, d);
}

static tw_err csaf_fn(void *c, const char *file, const char *data, size_t len, tw_diags *d)
{
    return tw_csaf_load(c, file, data, len, d);
}

/* Loads the file at path (relative to tests/unit, or absolute) with fn
 * into `into`; TW_ENOENT when the file is absent. */
static tw_err load_with(tw_err (*fn)(void *, const char *, const char *, size_t, tw_diags *),
                        void *into, const char *path)
{
    tw_file f;
    tw_diags dg;
    tw_err rc = tw_file_read(path, TW_LIMIT_FILE_SIZE, &f);

    if (rc != TW_OK)
        return rc;
    tw_diags_init(&dg);
    rc = fn(into, path, f.data, f.len, &dg);
    tw_diags_release(&dg);
    tw_file_release(&f);
    return rc;
}

static tw_err load_kev(tw_kev *k, const char *path)
{
    return load_with(kev_fn, k, path);
}

static tw_err load_csaf(tw_csaf *c, const char *path)
{
    return load_with(csaf_fn, c, path);
}

static tw_cvetab *builtin_table(void)
{
    tw_cvetab *t = tw_cvetab_new();
    tw_diags dg;

    assert_non_null(t);
    tw_diags_init(&dg);
    assert_int_equal(tw_cvetab_load_builtin(t, &dg), TW_OK);
    tw_diags_release(&dg);
    return t;
}

static int world_setup(void **state)
{
    world *w = calloc(1, sizeof(*w));
    tw_exposure_opts o[E__COUNT];

    assert_non_null(w);
    w->cves = builtin_table();
    w->kev = tw_kev_new();
    w->csaf = tw_csaf_new();
    w->csaf_all = tw_csaf_new();
    w->cfgs = tw_config_set_new();
    assert_int_equal(load_kev(w->kev, FIX "kev.json"), TW_OK);
    assert_int_equal(load_csaf(w->csaf, FIX "csaf-smi2.json"), TW_OK);
    assert_int_equal(load_csaf(w->csaf_all, FIX "csaf-smi2.json"), TW_OK);
    assert_int_equal(load_csaf(w->csaf_all, FIX "csaf-smi.json"), TW_OK);
    assert_int_equal(add_config_file(w->cfgs, FIX "edge1.cfg", TW_DIALECT_IOSXE), TW_OK);
    assert_int_equal(add_config_file(w->cfgs, FIX "edge2.cfg", TW_DIALECT_IOSXE), TW_OK);
    assert_int_equal(add_config_file(w->cfgs, FIX "acc1.cfg", TW_DIALECT_IOS), TW_OK);
    assert_int_equal(add_config_file(w->cfgs, FIX "acc2.cfg", TW_DIALECT_IOS), TW_OK);
    o[E_TABLE] = (tw_exposure_opts){w->cves, NULL, NULL, w->cfgs};
    o[E_NOCFG] = (tw_exposure_opts){w->cves, NULL, NULL, NULL};
    o[E_KEV] = (tw_exposure_opts){w->cves, w->kev, NULL, w->cfgs};
    o[E_CSAF] = (tw_exposure_opts){w->cves, NULL, w->csaf, w->cfgs};
    o[E_ALL] = (tw_exposure_opts){w->cves, w->kev, w->csaf_all, w->cfgs};
    for (int i = 0; i < E__COUNT; i++) {
        w->eng[i] = tw_exposure_new(&o[i]);
        assert_non_null(w->eng[i]);
    }
    *state = w;
    return 0;
}

static int world_teardown(void **state)
{
    world *w = *state;

    if (!w)
        return 0;
    for (int i = 0; i < E__COUNT; i++)
        tw_exposure_free(w->eng[i]);
    tw_config_set_free(w->cfgs);
    tw_csaf_free(w->csaf);
    tw_csaf_free(w->csaf_all);
    tw_kev_free(w->kev);
    tw_cvetab_free(w->cves);
    free(w);
    return 0;
}

/* A device record as an inventory row would give it. */
static tw_device device(const char *host, tw_os os, const char *version, uint32_t line)
{
    tw_device d;

    memset(&d, 0, sizeof(d));
    d.hostname = host;
    d.vendor = "";
    d.os_text = tw_os_name(os);
    d.os = os;
    d.version = version;
    d.platform = "";
    d.model = "";
    d.site = "";
    d.file = INV;
    d.line = line;
    d.source = TW_INV_CSV;
    return d;
}

/* The details of f joined as "name=value;name=value". */
static const char *details(const tw_finding *f, char *buf, size_t cap)
{
    size_t used = 0;

    buf[0] = '\0';
    for (size_t i = 0; i < f->ndetails && used < cap; i++) {
        int n = snprintf(buf + used, cap - used, "%s%s=%s", i ? ";" : "", f->details[i].name,
                         f->details[i].value);
        used += n > 0 ? (size_t)n : 0;
    }
    return buf;
}

/* How many findings of fl are about cve; *last gets the last one. */
static size_t count_cve(const tw_findings *fl, const char *cve, const tw_finding **last)
{
    size_t n = 0;

    *last = NULL;
    for (size_t i = 0; i < fl->n; i++) {
        if (fl->v[i].cve && strcmp(fl->v[i].cve, cve) == 0) {
            n++;
            *last = &fl->v[i];
        }
    }
    return n;
}

/* One expected finding. */
struct want {
    const char *cve;
    tw_severity sev;
    const char *details;
};

/* One device through one engine, and every finding it must give. */
struct dev_case {
    int engine;
    const char *host;
    tw_os os;
    const char *version;
    size_t n;
    struct want w[4];
};

/* Checks one finding against w for device host at INV:line. */
static void check_finding(const tw_finding *f, const struct want *w, const char *host,
                          uint32_t line)
{
    char rule[64], buf[1024];

    snprintf(rule, sizeof(rule), "TW-EXPOSURE-%s", w->cve);
    assert_non_null(f);
    assert_string_equal(f->rule, rule);
    assert_int_equal(f->category, TW_CAT_EXPOSURE);
    assert_int_equal(f->severity, w->sev);
    assert_string_equal(f->file, INV);
    assert_int_equal(f->line, line);
    assert_string_equal(f->device, host);
    assert_string_equal(f->cve, w->cve);
    assert_non_null(f->title);
    assert_non_null(strstr(f->message, host));
    assert_non_null(strstr(f->message, w->cve));
    assert_string_equal(details(f, buf, sizeof(buf)), w->details);
}

/* Runs every case; line i + 2 is case i's inventory row. */
static void run_cases(const world *w, const struct dev_case *cases, size_t n)
{
    tw_arena *a = tw_arena_new(TW_LIMIT_ARENA);

    assert_non_null(a);
    for (size_t i = 0; i < n; i++) {
        const struct dev_case *k = &cases[i];
        tw_device d = device(k->host, k->os, k->version, (uint32_t)i + 2);
        tw_findings fl;

        print_message("case %zu: %s %s %s\n", i, k->host, tw_os_name(k->os), k->version);
        tw_findings_init(&fl, a);
        assert_int_equal(tw_exposure_device(w->eng[k->engine], &d, &fl), TW_OK);
        assert_int_equal(tw_exposure_fleet(w->eng[k->engine], &d, 1, &fl), TW_OK);
        assert_int_equal(fl.n, k->n);
        for (size_t j = 0; j < k->n; j++) {
            const tw_finding *f;

            assert_int_equal(count_cve(&fl, k->w[j].cve, &f), 1);
            check_finding(f, &k->w[j], k->host, (uint32_t)i + 2);
        }
        tw_findings_release(&fl);
        tw_arena_reset(a);
    }
    tw_arena_free(a);
}

/* ---- tw_config_set ------------------------------------------------------ */

#define ON TW_PRE_ON
#define OFF TW_PRE_OFF
#define UNK TW_PRE_UNKNOWN
#define WEB TW_CVE_PRECOND_WEB_UI
#define SMI TW_CVE_PRECOND_SMART_INSTALL_CLIENT
#define GP TW_CVE_PRECOND_GLOBALPROTECT

#define WHY_NEITHER "neither ip http server nor ip http secure-server is on"
#define WHY_MODULES "the web UI servers run with active-session-modules none"
#define WHY_SMI_DEFAULT "Smart Install is on by default and the configuration has no 'no vstack'"

struct pre_case {
    tw_dialect dialect;
    const char *text;
    tw_pre_state web;
    const char *web_why;
    tw_pre_state smi;
    const char *smi_why;
};

static const struct pre_case pre_cases[] = {
    /* the web UI: either server turns it on */
    {TW_DIALECT_IOSXE, "hostname r1\nip http server\n", ON, "ip http server (line 2 of t.cfg)", ON,
     WHY_SMI_DEFAULT},
    {TW_DIALECT_IOSXE, "hostname r1\nip http secure-server\n", ON,
     "ip http secure-server (line 2 of t.cfg)", ON, WHY_SMI_DEFAULT},
    {TW_DIALECT_IOS, "hostname r1\n!\nip http secure-server\n", ON,
     "ip http secure-server (line 3 of t.cfg)", ON, WHY_SMI_DEFAULT},
    /* neither */
    {TW_DIALECT_IOSXE, "hostname r1\n", OFF, WHY_NEITHER, ON, WHY_SMI_DEFAULT},
    {TW_DIALECT_IOSXE, "hostname r1\nno ip http server\nno ip http secure-server\n", OFF,
     WHY_NEITHER, ON, WHY_SMI_DEFAULT},
    {TW_DIALECT_IOSXE, "hostname r1\nip http server\nno ip http server\n", OFF, WHY_NEITHER, ON,
     WHY_SMI_DEFAULT},
    /* the only enabled side runs without session modules */
    {TW_DIALECT_IOSXE,
     "hostname r1\nip http server\nip http active-session-modules none\nno ip http secure-server\n",
     OFF, WHY_MODULES, ON, WHY_SMI_DEFAULT},
    {TW_DIALECT_IOSXE,
     "hostname r1\nno ip http server\nip http secure-server\n"
     "ip http secure-active-session-modules none\n",
     OFF, WHY_MODULES, ON, WHY_SMI_DEFAULT},
    {TW_DIALECT_IOSXE,
     "hostname r1\nip http server\nip http secure-server\nip http active-session-modules none\n"
     "ip http secure-active-session-modules none\n",
     OFF, WHY_MODULES, ON, WHY_SMI_DEFAULT},
    /* one side on without "modules none" keeps the UI on */
    {TW_DIALECT_IOSXE,
     "hostname r1\nip http server\nip http secure-server\nip http active-session-modules none\n",
     ON, "ip http secure-server (line 3 of t.cfg)", ON, WHY_SMI_DEFAULT},
    {TW_DIALECT_IOSXE,
     "hostname r1\nip http server\nip http secure-server\n"
     "ip http secure-active-session-modules none\n",
     ON, "ip http server (line 2 of t.cfg)", ON, WHY_SMI_DEFAULT},
    {TW_DIALECT_IOSXE,
     "hostname r1\nip http server\nno ip http secure-server\n"
     "ip http secure-active-session-modules none\n",
     ON, "ip http server (line 2 of t.cfg)", ON, WHY_SMI_DEFAULT},
    {TW_DIALECT_IOSXE, "hostname r1\nip http server\nip http active-session-modules webui\n", ON,
     "ip http server (line 2 of t.cfg)", ON, WHY_SMI_DEFAULT},
    /* Smart Install: implied on, or as vstack says */
    {TW_DIALECT_IOS, "hostname r1\nno vstack\n", OFF, WHY_NEITHER, OFF,
     "no vstack (line 2 of t.cfg)"},
    {TW_DIALECT_IOS, "hostname r1\n!\nvstack\n", OFF, WHY_NEITHER, ON, "vstack (line 3 of t.cfg)"},
    {TW_DIALECT_IOSXE, "hostname r1\nip http server\nno vstack\n", ON,
     "ip http server (line 2 of t.cfg)", OFF, "no vstack (line 3 of t.cfg)"},
};

static void test_config_preconditions(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(pre_cases); i++) {
        const struct pre_case *k = &pre_cases[i];
        tw_config_set *s = tw_config_set_new();
        const tw_device_config *c;

        print_message("case %zu: %s", i, k->text);
        assert_non_null(s);
        assert_int_equal(add_config(s, "t.cfg", k->text, strlen(k->text), k->dialect), TW_OK);
        assert_int_equal(tw_config_set_count(s), 1);
        c = tw_config_set_find(s, "r1");
        assert_non_null(c);
        assert_string_equal(c->hostname, "r1");
        assert_string_equal(c->file, "t.cfg");
        assert_string_equal(tw_pre_state_name(c->pre[WEB]), tw_pre_state_name(k->web));
        assert_string_equal(c->why[WEB], k->web_why);
        assert_string_equal(tw_pre_state_name(c->pre[SMI]), tw_pre_state_name(k->smi));
        assert_string_equal(c->why[SMI], k->smi_why);
        assert_int_equal(c->pre[GP], UNK);
        assert_null(c->why[GP]);
        tw_config_set_free(s);
    }
}

/* PAN-OS: GlobalProtect from the firewall's own portals and gateways;
 * Panorama template entries do not count; the IOS preconditions stay
 * unknown. */
static void test_config_globalprotect(void **state)
{
    static const struct {
        const char *text;
        tw_pre_state gp;
        const char *why;
    } cases[] = {
        {"set deviceconfig system hostname r1\n"
         "set global-protect global-protect-portal GP1 portal-config local-address interface "
         "ethernet1/1\n",
         ON, "globalprotect-portal GP1 (line 2 of t.cfg)"},
        {"set deviceconfig system hostname r1\nset vsys vsys1 global-protect "
         "global-protect-gateway \"GW 2\" remote-user-tunnel tunnel.1\n",
         ON, "globalprotect-gateway GW 2 (line 2 of t.cfg)"},
        {"set deviceconfig system hostname r1\nset network interface ethernet ethernet1/1\n",
         OFF, "no GlobalProtect portal or gateway is configured"},
        {"set deviceconfig system hostname r1\nset template T1 config devices localhost.localdomain "
         "vsys vsys1 global-protect global-protect-portal P portal-config x\n",
         OFF, "no GlobalProtect portal or gateway is configured"},
    };

    (void)state;
    for (size_t i = 0; i < N(cases); i++) {
        tw_config_set *s = tw_config_set_new();
        const tw_device_config *c;

        print_message("case %zu\n", i);
        assert_int_equal(add_config(s, "t.cfg", cases[i].text, strlen(cases[i].text),
                                    TW_DIALECT_PANOS),
                         TW_OK);
        c = tw_config_set_find(s, "r1");
        assert_non_null(c);
        assert_string_equal(tw_pre_state_name(c->pre[GP]), tw_pre_state_name(cases[i].gp));
        assert_string_equal(c->why[GP], cases[i].why);
        assert_int_equal(c->pre[WEB], UNK);
        assert_int_equal(c->pre[SMI], UNK);
        tw_config_set_free(s);
    }
}

/* Hostname lookups over a set of "R1.Example.NET" and "core2". */
static void test_config_find(void **state)
{
    static const struct {
        const char *name;
        const char *file; /* NULL: not found */
    } cases[] = {
        {"R1.Example.NET", "a.cfg"},
        {"r1.example.net", "a.cfg"},
        {"R1.EXAMPLE.NET", "a.cfg"},
        {"r1", "a.cfg"},
        {"R1", "a.cfg"},
        {"r1.", NULL},
        {"r1.other.net", NULL},
        {"core2.other.net", "b.cfg"},
        {"core2", "b.cfg"},
        {"CORE2", "b.cfg"},
        {"core2.example.net", "b.cfg"},
        {"Core2.Lab", "b.cfg"},
        {"r2", NULL},
        {"r", NULL},
        {"r1x", NULL},
        {"core", NULL},
        {"core2x.example.net", NULL},
        {"", NULL},
        {".example.net", NULL},
        {"example.net", NULL},
    };
    static const char a[] = "hostname R1.Example.NET\n", b[] = "hostname core2\n";
    tw_config_set *s = tw_config_set_new();

    (void)state;
    assert_int_equal(add_config(s, "a.cfg", a, strlen(a), TW_DIALECT_IOSXE), TW_OK);
    assert_int_equal(add_config(s, "b.cfg", b, strlen(b), TW_DIALECT_IOS), TW_OK);
    assert_int_equal(tw_config_set_count(s), 2);
    for (size_t i = 0; i < N(cases); i++) {
        const tw_device_config *c = tw_config_set_find(s, cases[i].name);

        print_message("find '%s'\n", cases[i].name);
        assert_string_equal(c ? c->file : "(null)", cases[i].file ? cases[i].file : "(null)");
    }
    assert_string_equal(tw_config_set_find(s, "r1")->hostname, "R1.Example.NET");
    tw_config_set_free(s);
}

/* Errors of tw_config_set_add: no hostname, a hostname seen before (the
 * first configuration stays); the set stays usable. */
static void test_config_add_errors(void **state)
{
    static const struct {
        const char *file, *text;
        tw_err want;
        size_t count;
    } steps[] = {
        {"none.cfg", "ip http server\n", TW_ENOTFOUND, 0},
        {"first.cfg", "hostname sw1\nip http server\n", TW_OK, 1},
        {"again.cfg", "hostname sw1\nno ip http server\n", TW_EINVAL, 1},
        {"upper.cfg", "hostname SW1\nno ip http server\n", TW_EINVAL, 1},
        {"fqdn.cfg", "hostname sw2.example.net\nip http server\n", TW_OK, 2},
        {"label.cfg", "hostname sw2\nno ip http server\n", TW_EINVAL, 2},
        {"other.cfg", "hostname sw3\n", TW_OK, 3},
    };
    tw_config_set *s = tw_config_set_new();

    (void)state;
    assert_int_equal(tw_config_set_count(s), 0);
    assert_null(tw_config_set_find(s, "sw1"));
    for (size_t i = 0; i < N(steps); i++) {
        print_message("step %s\n", steps[i].file);
        assert_int_equal(
            add_config(s, steps[i].file, steps[i].text, strlen(steps[i].text), TW_DIALECT_IOSXE),
            steps[i].want);
        assert_int_equal(tw_config_set_count(s), steps[i].count);
    }
    assert_string_equal(tw_config_set_find(s, "sw1")->file, "first.cfg");
    assert_int_equal(tw_config_set_find(s, "sw1")->pre[WEB], ON);
    assert_string_equal(tw_config_set_find(s, "sw2")->file, "fqdn.cfg");
    assert_string_equal(tw_config_set_find(s, "sw3")->file, "other.cfg");
    assert_int_equal(add_config_file(s, FIX "noname.cfg", TW_DIALECT_IOSXE), TW_ENOTFOUND);
    assert_int_equal(tw_config_set_count(s), 3);
    assert_int_equal(tw_config_set_count(NULL), 0);
    tw_config_set_free(s);
    tw_config_set_free(NULL);
}

/* A dialect without a precondition reader: everything stays unknown,
 * even with facts that would turn the web UI on for IOS. */
static void test_config_other_dialect(void **state)
{
    static const tw_dialect dialects[] = {TW_DIALECT_JUNOS, TW_DIALECT_NXOS, TW_DIALECT_IOSXR,
                                          TW_DIALECT_EOS,   TW_DIALECT_ASA,  TW_DIALECT_UNKNOWN};
    tw_arena *a = tw_arena_new(TW_LIMIT_ARENA);

    (void)state;
    for (size_t i = 0; i < N(dialects); i++) {
        tw_config_set *s = tw_config_set_new();
        tw_factset fs;
        const tw_device_config *c;

        tw_factset_init(&fs, a);
        fs.dialect = dialects[i];
        fs.hostname = tw_str_c("mx1");
        tw_factset_begin(&fs, TW_FACT_SERVICE, 4, tw_str_c("ip http server"), TW_STR_NULL);
        tw_factset_str(&fs, "name", tw_str_c("http"));
        tw_factset_bool(&fs, "enabled", true);
        assert_int_equal(tw_factset_end(&fs), TW_OK);
        assert_int_equal(tw_config_set_add(s, "mx1.conf", &fs), TW_OK);
        c = tw_config_set_find(s, "MX1");
        assert_non_null(c);
        for (int p = 0; p < TW__CVE_PRECOND_COUNT; p++) {
            assert_int_equal(c->pre[p], UNK);
            assert_null(c->why[p]);
        }
        tw_factset_release(&fs);
        tw_config_set_free(s);
    }
    tw_arena_free(a);
}

static void test_pre_state_names(void **state)
{
    (void)state;
    assert_string_equal(tw_pre_state_name(TW_PRE_UNKNOWN), "unknown");
    assert_string_equal(tw_pre_state_name(TW_PRE_OFF), "off");
    assert_string_equal(tw_pre_state_name(TW_PRE_ON), "on");
}

/* ---- tw_exposure_device: the built-in table ----------------------------- */

/* IOS XE 17.9.4: CVE-2023-20198 and CVE-2023-20273 decided by the table
 * (CVE-2018-0171 lists 17.9 as not affected). */
#define XE_WEB(st, sev, pre)                                                                       \
    {"CVE-2023-20198", sev,                                                                        \
     "state=" st ";os=ios-xe;version=17.9.4;train=17.9;fixed=17.9.4a;precondition=" pre            \
     ";" KEV_20198 TABLE},                                                                         \
    {                                                                                              \
        "CVE-2023-20273", sev,                                                                     \
            "state=" st ";os=ios-xe;version=17.9.4;train=17.9;fixed=17.9.4a;precondition=" pre     \
            ";" KEV_20273 TABLE                                                                    \
    }
#define XE_WEB_CAT                                                                                 \
    {"CVE-2023-20198", CRIT,                                                                       \
     "state=exposed;os=ios-xe;version=17.9.4;train=17.9;fixed=17.9.4a;precondition=web-"           \
     "ui;" KEV_20198_CAT TABLE},                                                                   \
    {                                                                                              \
        "CVE-2023-20273", CRIT,                                                                    \
            "state=exposed;os=ios-xe;version=17.9.4;train=17.9;fixed=17.9.4a;precondition=web-"    \
            "ui;" KEV_20273 TABLE                                                                  \
    }
#define PAN_3400(st, ver, fixed)                                                                   \
    {                                                                                              \
        "CVE-2024-3400", HIGH,                                                                     \
            "state=" st ";os=pan-os;version=" ver ";train=10.2;fixed=" fixed                       \
            ";precondition=globalprotect;" KEV_3400 TABLE                                          \
    }
#define ICS(cve, ver, fixed)                                                                       \
    {                                                                                              \
        cve, CRIT,                                                                                 \
            "state=exposed;os=ivanti-connect-secure;version=" ver ";train=22.4;fixed=" fixed       \
            ";precondition=none;" KEV_IVANTI TABLE                                                 \
    }

static const struct dev_case table_cases[] = {
    /* web UI on (edge1.corp.example.net's config, found by its first label) */
    {E_TABLE, "edge1", TW_OS_IOS_XE, "17.9.4", 2, {XE_WEB("exposed", CRIT, "web-ui")}},
    {E_TABLE,
     "EDGE1.corp.example.net",
     TW_OS_IOS_XE,
     "17.9.4",
     2,
     {XE_WEB("exposed", CRIT, "web-ui")}},
    /* web UI off (config "EDGE2") */
    {E_TABLE, "edge2", TW_OS_IOS_XE, "17.9.4", 2, {XE_WEB("vulnerable-mitigated", MED, "web-ui")}},
    /* no configuration for this device, or none given at all */
    {E_TABLE, "edge3", TW_OS_IOS_XE, "17.9.4", 2, {XE_WEB("vulnerable", HIGH, "web-ui")}},
    {E_NOCFG, "edge1", TW_OS_IOS_XE, "17.9.4", 2, {XE_WEB("vulnerable", HIGH, "web-ui")}},
    /* the fixed release */
    {E_TABLE, "edge1", TW_OS_IOS_XE, "17.9.4a", 0, {{NULL, 0, NULL}}},
    {E_TABLE, "edge1", TW_OS_IOS_XE, "17.9.5", 0, {{NULL, 0, NULL}}},
    {E_TABLE, "edge1", TW_OS_IOS_XE, "17.12.2", 0, {{NULL, 0, NULL}}},
    /* a train without a fix: the upgrade target; Smart Install unknown
     * (16.6 is not in the table, whose IOS XE list is not complete) */
    {E_TABLE,
     "edge2",
     TW_OS_IOS_XE,
     "16.6.4",
     3,
     {{"CVE-2023-20198", MED,
       "state=vulnerable-mitigated;os=ios-xe;version=16.6.4;train=16.6;upgrade=16.12.10a;"
       "precondition=web-ui;" KEV_20198 TABLE},
      {"CVE-2023-20273", MED,
       "state=vulnerable-mitigated;os=ios-xe;version=16.6.4;train=16.6;upgrade=16.12.10a;"
       "precondition=web-ui;" KEV_20273 TABLE},
      {"CVE-2018-0171", INFO,
       "state=unknown;os=ios-xe;version=16.6.4;train=16.6;" KEV_0171 TABLE}}},
    /* only a train: 17.9 holds affected and fixed releases (unknown, with
     * the train's fix); every release of 17.7 is affected */
    {E_TABLE,
     "edge1",
     TW_OS_IOS_XE,
     "17.9",
     2,
     {{"CVE-2023-20198", INFO,
       "state=unknown;os=ios-xe;version=17.9;train=17.9;fixed=17.9.4a;" KEV_20198 TABLE},
      {"CVE-2023-20273", INFO,
       "state=unknown;os=ios-xe;version=17.9;train=17.9;fixed=17.9.4a;" KEV_20273 TABLE}}},
    {E_TABLE,
     "edge1",
     TW_OS_IOS_XE,
     "17.7",
     2,
     {{"CVE-2023-20198", CRIT,
       "state=exposed;os=ios-xe;version=17.7;train=17.7;upgrade=17.9.4a;precondition=web-"
       "ui;" KEV_20198 TABLE},
      {"CVE-2023-20273", CRIT,
       "state=exposed;os=ios-xe;version=17.7;train=17.7;upgrade=17.9.4a;precondition=web-"
       "ui;" KEV_20273 TABLE}}},
    /* what does not parse is unknown for every CVE of the OS */
    {E_TABLE,
     "edge1",
     TW_OS_IOS_XE,
     "latest",
     3,
     {{"CVE-2023-20198", INFO, "state=unknown;os=ios-xe;version=latest;" KEV_20198 TABLE},
      {"CVE-2023-20273", INFO, "state=unknown;os=ios-xe;version=latest;" KEV_20273 TABLE},
      {"CVE-2018-0171", INFO, "state=unknown;os=ios-xe;version=latest;" KEV_0171 TABLE}}},
    {E_TABLE,
     "edge1",
     TW_OS_IOS_XE,
     "",
     3,
     {{"CVE-2023-20198", INFO, "state=unknown;os=ios-xe;" KEV_20198 TABLE},
      {"CVE-2023-20273", INFO, "state=unknown;os=ios-xe;" KEV_20273 TABLE},
      {"CVE-2018-0171", INFO, "state=unknown;os=ios-xe;" KEV_0171 TABLE}}},
    {E_TABLE,
     "fw9",
     TW_OS_PAN_OS,
     "latest",
     1,
     {{"CVE-2024-3400", INFO, "state=unknown;os=pan-os;version=latest;" KEV_3400 TABLE}}},
    /* no OS: nothing to decide */
    {E_TABLE, "edge1", TW_OS_UNKNOWN, "17.9.4", 0, {{NULL, 0, NULL}}},
    {E_KEV, "edge1", TW_OS_UNKNOWN, "17.9.4", 0, {{NULL, 0, NULL}}},
    /* an OS the table does not name */
    {E_TABLE, "mx1", TW_OS_JUNOS, "21.4R3-S5", 0, {{NULL, 0, NULL}}},
    /* PAN-OS: hotfixes and backports */
    {E_TABLE, "fw1", TW_OS_PAN_OS, "10.2.9", 1, {PAN_3400("vulnerable", "10.2.9", "10.2.9-h1")}},
    {E_TABLE, "fw1", TW_OS_PAN_OS, "10.2.9-h1", 0, {{NULL, 0, NULL}}},
    {E_TABLE, "fw1", TW_OS_PAN_OS, "10.2.10", 0, {{NULL, 0, NULL}}},
    {E_TABLE, "fw1", TW_OS_PAN_OS, "10.2.7-h8", 0, {{NULL, 0, NULL}}},
    {E_TABLE, "fw1", TW_OS_PAN_OS, "10.2.7-h9", 0, {{NULL, 0, NULL}}},
    {E_TABLE,
     "fw1",
     TW_OS_PAN_OS,
     "10.2.7-h6",
     1,
     {PAN_3400("vulnerable", "10.2.7-h6", "10.2.7-h8")}},
    {E_TABLE, "fw1", TW_OS_PAN_OS, "10.2.8", 1, {PAN_3400("vulnerable", "10.2.8", "10.2.8-h3")}},
    {E_NOCFG,
     "fw1",
     TW_OS_PAN_OS,
     "10.2.8-h2",
     1,
     {PAN_3400("vulnerable", "10.2.8-h2", "10.2.8-h3")}},
    {E_TABLE, "fw1", TW_OS_PAN_OS, "10.1.11", 0, {{NULL, 0, NULL}}},
    {E_TABLE, "fw1", TW_OS_PAN_OS, "11.1.2-h3", 0, {{NULL, 0, NULL}}},
    /* Ivanti Connect Secure: no precondition, so exposed without a config */
    {E_TABLE,
     "vpn1",
     TW_OS_IVANTI_ICS,
     "22.4R2.1",
     2,
     {ICS("CVE-2023-46805", "22.4R2.1", "22.4R2.2"),
      ICS("CVE-2024-21887", "22.4R2.1", "22.4R2.2")}},
    {E_NOCFG,
     "vpn1",
     TW_OS_IVANTI_ICS,
     "22.4R1",
     2,
     {ICS("CVE-2023-46805", "22.4R1", "22.4R1.1"), ICS("CVE-2024-21887", "22.4R1", "22.4R1.1")}},
    {E_TABLE, "vpn1", TW_OS_IVANTI_ICS, "22.4R2.2", 0, {{NULL, 0, NULL}}},
    {E_TABLE, "vpn1", TW_OS_IVANTI_ICS, "22.7R2.3", 0, {{NULL, 0, NULL}}},
    /* IOS Smart Install: train 15.2E is affected, no fixed release in the
     * table (affected-train); the precondition from the config */
    {E_TABLE,
     "acc1",
     TW_OS_IOS,
     "15.2(4)E7",
     1,
     {{"CVE-2018-0171", CRIT,
       "state=exposed;os=ios;version=15.2(4)E7;train=15.2E;precondition=smart-install-"
       "client;" KEV_0171 TABLE}}},
    {E_TABLE,
     "acc2",
     TW_OS_IOS,
     "15.2(4)E7",
     1,
     {{"CVE-2018-0171", MED,
       "state=vulnerable-mitigated;os=ios;version=15.2(4)E7;train=15.2E;"
       "precondition=smart-install-client;" KEV_0171 TABLE}}},
    {E_TABLE,
     "acc3",
     TW_OS_IOS,
     "12.2(55)SE12",
     1,
     {{"CVE-2018-0171", HIGH,
       "state=vulnerable;os=ios;version=12.2(55)SE12;train=12.2SE;"
       "precondition=smart-install-client;" KEV_0171 TABLE}}},
    /* an IOS train the table does not list (other trains unknown) */
    {E_TABLE,
     "rtr1",
     TW_OS_IOS,
     "15.2(4)M7",
     1,
     {{"CVE-2018-0171", INFO,
       "state=unknown;os=ios;version=15.2(4)M7;train=15.2M;" KEV_0171 TABLE}}},
};

static void test_device_table(void **state)
{
    run_cases(*state, table_cases, N(table_cases));
}

/* ---- with the KEV catalog ----------------------------------------------- */

static const struct dev_case kev_cases[] = {
    /* the catalog's dates (20198's differ from the table's); CVE-2018-0174
     * is listed for IOS XE and nothing has version data for it */
    {E_KEV,
     "edge1",
     TW_OS_IOS_XE,
     "17.9.4",
     4,
     {{"CVE-2023-20198", CRIT,
       "state=exposed;os=ios-xe;version=17.9.4;train=17.9;fixed=17.9.4a;precondition=web-"
       "ui;" KEV_20198_CAT TABLE},
      {"CVE-2023-20273", CRIT,
       "state=exposed;os=ios-xe;version=17.9.4;train=17.9;fixed=17.9.4a;precondition=web-"
       "ui;" KEV_20273 TABLE},
      {"CVE-2018-0174", INFO,
       "state=unknown;os=ios-xe;version=17.9.4;devices=1;kev_added=2022-03-03;kev_due=2022-03-17;"
       "kev_ransomware=Unknown;source=kev"},
      {"CVE-2018-0156", INFO,
       "state=unknown;os=ios-xe;version=17.9.4;devices=1;kev_added=2022-03-03;kev_due=2022-03-17;"
       "kev_ransomware=Unknown;source=kev"}}},
    /* a fixed release still hears of the undecided KEV entry */
    {E_KEV,
     "edge1",
     TW_OS_IOS_XE,
     "17.9.4a",
     2,
     {{"CVE-2018-0174", INFO,
       "state=unknown;os=ios-xe;version=17.9.4a;devices=1;kev_added=2022-03-03;kev_due=2022-03-17;"
       "kev_ransomware=Unknown;source=kev"},
      {"CVE-2018-0156", INFO,
       "state=unknown;os=ios-xe;version=17.9.4a;devices=1;kev_added=2022-03-03;kev_due=2022-03-17;"
       "kev_ransomware=Unknown;source=kev"}}},
    /* PAN-OS: CVE-2024-0012 is only in the catalog */
    {E_KEV,
     "fw1",
     TW_OS_PAN_OS,
     "10.2.9-h1",
     1,
     {{"CVE-2024-0012", INFO,
       "state=unknown;os=pan-os;version=10.2.9-h1;devices=1;kev_added=2024-11-18;kev_due=2024-12-09;"
       "kev_ransomware=Known;source=kev"}}},
    {E_KEV,
     "fw1",
     TW_OS_PAN_OS,
     "10.2.8",
     2,
     {PAN_3400("vulnerable", "10.2.8", "10.2.8-h3"),
      {"CVE-2024-0012", INFO,
       "state=unknown;os=pan-os;version=10.2.8;devices=1;kev_added=2024-11-18;kev_due=2024-12-09;"
       "kev_ransomware=Known;source=kev"}}},
    /* Ivanti: "Connect Secure, Policy Secure, and ZTA Gateways" */
    {E_KEV,
     "vpn1",
     TW_OS_IVANTI_ICS,
     "22.4R2.1",
     3,
     {ICS("CVE-2023-46805", "22.4R2.1", "22.4R2.2"),
      ICS("CVE-2024-21887", "22.4R2.1", "22.4R2.2"),
      {"CVE-2025-0282", INFO,
       "state=unknown;os=ivanti-connect-secure;version=22.4R2.1;devices=1;kev_added=2025-01-08;"
       "kev_due=2025-01-15;kev_ransomware=Known;source=kev"}}},
    /* IOS: "IOS Software" only */
    {E_KEV,
     "acc1",
     TW_OS_IOS,
     "15.2(4)E7",
     3,
     {{"CVE-2018-0171", CRIT,
       "state=exposed;os=ios;version=15.2(4)E7;train=15.2E;precondition=smart-install-"
       "client;" KEV_0171 TABLE},
      {"CVE-2018-0180", INFO,
       "state=unknown;os=ios;version=15.2(4)E7;devices=1;kev_added=2022-03-03;kev_due=2022-03-17;"
       "kev_ransomware=Unknown;source=kev"},
      {"CVE-2018-0156", INFO,
       "state=unknown;os=ios;version=15.2(4)E7;devices=1;kev_added=2022-03-03;kev_due=2022-03-17;"
       "kev_ransomware=Unknown;source=kev"}}},
    /* IOS XR: not in the table at all, one catalog entry; even an
     * unparsable version gets it */
    {E_KEV,
     "pe1",
     TW_OS_IOS_XR,
     "7.3.2",
     1,
     {{"CVE-2022-20821", INFO,
       "state=unknown;os=ios-xr;version=7.3.2;devices=1;kev_added=2022-05-23;kev_due=2022-06-13;"
       "kev_ransomware=Unknown;source=kev"}}},
    {E_KEV,
     "pe1",
     TW_OS_IOS_XR,
     "",
     1,
     {{"CVE-2022-20821", INFO,
       "state=unknown;os=ios-xr;devices=1;kev_added=2022-05-23;kev_due=2022-06-13;"
       "kev_ransomware=Unknown;source=kev"}}},
    /* no entry of the catalog for these OSes (Citrix names none of ours) */
    {E_KEV, "mx1", TW_OS_JUNOS, "21.4R3-S5", 0, {{NULL, 0, NULL}}},
    {E_KEV, "fg1", TW_OS_FORTIOS, "7.2.5", 0, {{NULL, 0, NULL}}},
    {E_KEV, "n9k", TW_OS_NX_OS, "9.3(10)", 0, {{NULL, 0, NULL}}},
};

static void test_device_kev(void **state)
{
    run_cases(*state, kev_cases, N(kev_cases));
}

/* ---- with a CSAF advisory ----------------------------------------------- */

static const struct dev_case csaf_cases[] = {
    /* 15.2(4)E5 is listed: the advisory decides */
    {E_CSAF,
     "acc3",
     TW_OS_IOS,
     "15.2(4)E5",
     1,
     {{"CVE-2018-0171", HIGH,
       "state=vulnerable;os=ios;version=15.2(4)E5;train=15.2E;precondition=smart-install-"
       "client;" KEV_0171 SMI2}}},
    {E_CSAF,
     "acc1",
     TW_OS_IOS,
     "15.2(4)E1",
     1,
     {{"CVE-2018-0171", CRIT,
       "state=exposed;os=ios;version=15.2(4)E1;train=15.2E;precondition=smart-install-"
       "client;" KEV_0171 SMI2}}},
    {E_CSAF,
     "acc2",
     TW_OS_IOS,
     "15.2(4)E5",
     1,
     {{"CVE-2018-0171", MED,
       "state=vulnerable-mitigated;os=ios;version=15.2(4)E5;train=15.2E;"
       "precondition=smart-install-client;" KEV_0171 SMI2}}},
    /* the train is enumerated and 15.2(4)E7 is not in it */
    {E_CSAF, "acc3", TW_OS_IOS, "15.2(4)E7", 0, {{NULL, 0, NULL}}},
    {E_CSAF, "acc1", TW_OS_IOS, "15.2(5)E", 0, {{NULL, 0, NULL}}},
    /* train 15.0SE is not in the advisory: the table's verdict stands */
    {E_CSAF,
     "acc3",
     TW_OS_IOS,
     "15.0(2)SE9",
     1,
     {{"CVE-2018-0171", HIGH,
       "state=vulnerable;os=ios;version=15.0(2)SE9;train=15.0SE;"
       "precondition=smart-install-client;" KEV_0171 TABLE}}},
    /* everything at once: CVE-2018-0156 is in no table, the advisory
     * cisco-sa-20180328-smi decides it (no precondition known: vulnerable)
     * and KEV adds its dates; CVE-2018-0180 is KEV's alone */
    {E_ALL,
     "acc1",
     TW_OS_IOS,
     "15.2(4)E5",
     3,
     {{"CVE-2018-0171", CRIT,
       "state=exposed;os=ios;version=15.2(4)E5;train=15.2E;precondition=smart-install-"
       "client;" KEV_0171 SMI2},
      {"CVE-2018-0156", HIGH,
       "state=vulnerable;os=ios;version=15.2(4)E5;train=15.2E;kev_added=2022-03-03;"
       "kev_due=2022-03-17;kev_ransomware=Unknown;source=csaf:cisco-sa-20180328-smi"},
      {"CVE-2018-0180", INFO,
       "state=unknown;os=ios;version=15.2(4)E5;devices=1;kev_added=2022-03-03;kev_due=2022-03-17;"
       "kev_ransomware=Unknown;source=kev"}}},
    {E_ALL,
     "edge1",
     TW_OS_IOS_XE,
     "17.9.4",
     4,
     {XE_WEB_CAT,
      {"CVE-2018-0174", INFO,
       "state=unknown;os=ios-xe;version=17.9.4;devices=1;kev_added=2022-03-03;kev_due=2022-03-17;"
       "kev_ransomware=Unknown;source=kev"},
      {"CVE-2018-0156", INFO,
       "state=unknown;os=ios-xe;version=17.9.4;devices=1;kev_added=2022-03-03;kev_due=2022-03-17;"
       "kev_ransomware=Unknown;source=kev"}}},
    /* the advisory enumerates train 15.2E for CVE-2018-0156 and does not
     * list E7: KEV's entry for it gives no finding either */
    {E_ALL,
     "acc3",
     TW_OS_IOS,
     "15.2(4)E7",
     1,
     {{"CVE-2018-0180", INFO,
       "state=unknown;os=ios;version=15.2(4)E7;devices=1;kev_added=2022-03-03;kev_due=2022-03-17;"
       "kev_ransomware=Unknown;source=kev"}}},
    /* IOS XE devices are untouched by an IOS-only advisory */
    {E_CSAF, "edge1", TW_OS_IOS_XE, "17.9.4", 2, {XE_WEB("exposed", CRIT, "web-ui")}},
};

static void test_device_csaf(void **state)
{
    run_cases(*state, csaf_cases, N(csaf_cases));
}

/* ---- order, lifetime, limits -------------------------------------------- */

/* Findings come in table order, then CSAF-only, then KEV-only CVEs
 * (exposure.h); writers sort them afterwards. */
static void test_cve_order(void **state)
{
    static const struct {
        int engine;
        tw_os os;
        const char *version;
        const char *order[5];
    } cases[] = {
        {E_TABLE, TW_OS_IVANTI_ICS, "22.4R2.1", {"CVE-2023-46805", "CVE-2024-21887"}},
        {E_KEV,
         TW_OS_IVANTI_ICS,
         "22.4R2.1",
         {"CVE-2023-46805", "CVE-2024-21887", "CVE-2025-0282"}},
        {E_TABLE, TW_OS_IOS_XE, "16.6.4", {"CVE-2023-20198", "CVE-2023-20273", "CVE-2018-0171"}},
        {E_KEV, TW_OS_IOS_XE, "17.9.4", {"CVE-2023-20198", "CVE-2023-20273", "CVE-2018-0156", "CVE-2018-0174"}},
    };
    const world *w = *state;
    tw_arena *a = tw_arena_new(TW_LIMIT_ARENA);

    for (size_t i = 0; i < N(cases); i++) {
        tw_device d = device("vpn1", cases[i].os, cases[i].version, 1);
        tw_findings fl;

        tw_findings_init(&fl, a);
        assert_int_equal(tw_exposure_device(w->eng[cases[i].engine], &d, &fl), TW_OK);
        assert_int_equal(tw_exposure_fleet(w->eng[cases[i].engine], &d, 1, &fl), TW_OK);
        for (size_t j = 0; j < fl.n; j++)
            assert_string_equal(fl.v[j].cve, cases[i].order[j]);
        assert_null(cases[i].order[fl.n]);
        tw_findings_release(&fl);
    }
    tw_arena_free(a);
}

/* Runs host / version (IOS XE, strings that stay valid) through engine e
 * into fl from a frame of its own: the engine's frames are gone after. */
static void run_in_frame(const tw_exposure *e, tw_findings *fl, const char *host,
                         const char *version)
{
    tw_device d = device(host, TW_OS_IOS_XE, version, 9);

    assert_int_equal(tw_exposure_device(e, &d, fl), TW_OK);
}

/* Scribbles over the stack where the engine's frames were. */
static void scribble(void)
{
    volatile char junk[8192];

    for (size_t i = 0; i < sizeof(junk); i++)
        junk[i] = 0x5a;
}

/* What the engine made for a finding (train, rule, message, evidence,
 * remediation, the CSAF source) outlives the call. */
static void test_lifetime(void **state)
{
    const world *w = *state;
    tw_arena *a = tw_arena_new(TW_LIMIT_ARENA);
    tw_findings fl;
    const tw_finding *f;
    char buf[1024];

    tw_findings_init(&fl, a);
    run_in_frame(w->eng[E_TABLE], &fl, "edge1", "17.9.4");
    scribble();
    assert_int_equal(count_cve(&fl, "CVE-2023-20198", &f), 1);
    assert_string_equal(f->rule, "TW-EXPOSURE-CVE-2023-20198");
    assert_non_null(strstr(details(f, buf, sizeof(buf)), ";train=17.9;fixed=17.9.4a;"));
    assert_non_null(strstr(f->message, "vulnerable to CVE-2023-20198 and reachable"));
    assert_non_null(strstr(f->message, "first fixed release in train 17.9: 17.9.4a"));
    assert_string_equal(f->evidence, "ios-xe 17.9.4");
    assert_true(strncmp(f->remediation, "upgrade to 17.9.4a or later in train 17.9\n", 42) == 0);
    tw_findings_release(&fl);

    tw_findings_init(&fl, a);
    {
        tw_device d = device("acc3", TW_OS_IOS, "15.2(4)E5", 3);

        assert_int_equal(tw_exposure_device(w->eng[E_CSAF], &d, &fl), TW_OK);
    }
    scribble();
    assert_int_equal(count_cve(&fl, "CVE-2018-0171", &f), 1);
    assert_non_null(
        strstr(details(f, buf, sizeof(buf)), ";train=15.2E;precondition=smart-install-client;"));
    assert_non_null(strstr(buf, ";source=csaf:cisco-sa-20180328-smi2"));
    tw_findings_release(&fl);
    tw_arena_free(a);
}


/* KEV-only CVEs come once per inventory: three IOS XE devices share one
 * finding per CVE, with no device, at the first one's record. */
static void test_fleet(void **state)
{
    const world *w = *state;
    tw_arena *a = tw_arena_new(TW_LIMIT_ARENA);
    tw_device v[4] = {device("xe1", TW_OS_IOS_XE, "17.9.4", 2), device("fw1", TW_OS_PAN_OS, "10.2.9", 3),
                      device("xe2", TW_OS_IOS_XE, "latest", 4), device("xe3", TW_OS_IOS_XE, "", 5)};
    tw_findings fl;
    const tw_finding *f;
    char buf[1024];

    tw_findings_init(&fl, a);
    assert_int_equal(tw_exposure_fleet(w->eng[E_KEV], v, 4, &fl), TW_OK);
    assert_int_equal(count_cve(&fl, "CVE-2018-0174", &f), 1);
    assert_null(f->device);
    assert_null(f->evidence);
    assert_int_equal(f->line, 2);
    assert_int_equal(f->severity, TW_SEV_INFO);
    assert_non_null(strstr(f->message, "3 devices of this inventory run ios-xe (xe1, xe2, xe3)"));
    assert_string_equal(strstr(details(f, buf, sizeof(buf)), "state=unknown;os=ios-xe;devices=3;"),
                        buf);
    for (size_t i = 0; i < fl.n; i++)
        assert_true(strcmp(fl.v[i].cve, "CVE-2023-20198") != 0);
    tw_findings_release(&fl);
    tw_findings_init(&fl, a);
    assert_int_equal(tw_exposure_fleet(w->eng[E_TABLE], v, 4, &fl), TW_OK);
    assert_int_equal(fl.n, 0);
    tw_findings_release(&fl);
    tw_arena_free(a);
}

/* A full list is TW_ELIMIT; NULL or table-less options make no engine. */
static void test_limits(void **state)
{
    const world *w = *state;
    tw_arena *a = tw_arena_new(TW_LIMIT_ARENA);
    tw_exposure_opts none = {NULL, w->kev, w->csaf, w->cfgs};
    tw_device d = device("edge1", TW_OS_IOS_XE, "17.9.4", 1);
    tw_findings fl;

    assert_null(tw_exposure_new(NULL));
    assert_null(tw_exposure_new(&none));
    tw_exposure_free(NULL);
    tw_findings_init(&fl, a);
    fl.max = 1;
    assert_int_equal(tw_exposure_device(w->eng[E_TABLE], &d, &fl), TW_ELIMIT);
    assert_int_equal(fl.n, 1);
    assert_int_equal(fl.dropped, 1);
    tw_findings_release(&fl);
    tw_arena_free(a);
}

/* ---- the real catalog and advisory -------------------------------------- */

#define CORPUS_KEV TW_CORPUS_DIR "/kev/known_exploited_vulnerabilities.json"
#define CORPUS_SMI2 TW_CORPUS_DIR "/csaf/cisco-sa-20180328-smi2.json"

/* With CISA's whole catalog: one finding per CVE, the six CVEs decided by
 * the table, every other entry unknown with source "kev". */
static void test_corpus(void **state)
{
    static const struct {
        tw_os os;
        const char *host, *version, *cve, *state;
    } cases[] = {
        {TW_OS_IOS_XE, "edge1", "17.9.4", "CVE-2023-20198", "exposed"},
        {TW_OS_IOS_XE, "edge2", "17.9.4", "CVE-2023-20273", "vulnerable-mitigated"},
        {TW_OS_IOS, "acc1", "12.2(55)SE12", "CVE-2018-0171", "exposed"},
        {TW_OS_IOS, "acc3", "15.0(2)SE9", "CVE-2018-0171", "vulnerable"},
        {TW_OS_PAN_OS, "fw1", "10.2.9", "CVE-2024-3400", "vulnerable"},
        {TW_OS_IVANTI_ICS, "vpn1", "22.4R2.1", "CVE-2024-21887", "exposed"},
    };
    const world *w = *state;
    tw_kev *kev = tw_kev_new();
    tw_csaf *csaf = tw_csaf_new();
    tw_err krc = load_kev(kev, CORPUS_KEV), crc = load_csaf(csaf, CORPUS_SMI2);
    tw_exposure_opts o = {w->cves, kev, csaf, w->cfgs};
    tw_exposure *e;
    tw_arena *a = tw_arena_new(TW_LIMIT_ARENA);

    if (krc == TW_ENOENT || crc == TW_ENOENT) {
        tw_kev_free(kev);
        tw_csaf_free(csaf);
        tw_arena_free(a);
        skip();
    }
    assert_int_equal(krc, TW_OK);
    assert_int_equal(crc, TW_OK);
    e = tw_exposure_new(&o);
    assert_non_null(e);
    for (size_t i = 0; i < N(cases); i++) {
        tw_device d = device(cases[i].host, cases[i].os, cases[i].version, 1);
        tw_findings fl;
        const tw_finding *f;
        char buf[1024], want[64];
        size_t from_kev = 0;

        print_message("corpus %s %s\n", cases[i].host, cases[i].version);
        tw_findings_init(&fl, a);
        assert_int_equal(tw_exposure_device(e, &d, &fl), TW_OK);
        assert_int_equal(tw_exposure_fleet(e, &d, 1, &fl), TW_OK);
        assert_true(fl.n > 1);
        for (size_t j = 0; j < fl.n; j++) {
            assert_int_equal(count_cve(&fl, fl.v[j].cve, &f), 1);
            from_kev += strstr(details(&fl.v[j], buf, sizeof(buf)), ";source=kev") != NULL;
        }
        assert_true(from_kev > 0);
        assert_int_equal(count_cve(&fl, cases[i].cve, &f), 1);
        snprintf(want, sizeof(want), "state=%s;", cases[i].state);
        assert_true(strncmp(details(f, buf, sizeof(buf)), want, strlen(want)) == 0);
        tw_findings_release(&fl);
        tw_arena_reset(a);
    }
    tw_exposure_free(e);
    tw_kev_free(kev);
    tw_csaf_free(csaf);
    tw_arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config_preconditions),
        cmocka_unit_test(test_config_globalprotect),
        cmocka_unit_test(test_config_find),
        cmocka_unit_test(test_config_add_errors),
        cmocka_unit_test(test_config_other_dialect),
        cmocka_unit_test(test_pre_state_names),
        cmocka_unit_test(test_device_table),
        cmocka_unit_test(test_device_kev),
        cmocka_unit_test(test_device_csaf),
        cmocka_unit_test(test_cve_order),
        cmocka_unit_test(test_lifetime),
        cmocka_unit_test(test_fleet),
        cmocka_unit_test(test_limits),
        cmocka_unit_test(test_corpus),
    };

    return cmocka_run_group_tests(tests, world_setup, world_teardown);
}
