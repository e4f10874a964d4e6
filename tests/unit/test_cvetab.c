/*
 * test_cvetab.c: the CVE table (lib/match/cvetab*.c): the built-in table
 * of the advisory's six CVEs and its metadata, verdicts for the vectors of
 * the knowledge file (PAN-OS hotfix backports, IOS XE rebuilds and
 * SMU-only fixes, Ivanti per-R builds, Smart Install trains without a
 * fixed release), versions that are only a train, a site's extra table
 * (tests/unit/data/cvetab/), bad tables reported at file:line:column, and,
 * when ../shared/corpus is present, the table against the KEV catalog and
 * Cisco's Smart Install CSAF file.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "tidewatch/cvetab.h"

#define EXTRA_FILE "data/cvetab/extra.yaml"
#define KEV_FILE TW_CORPUS_DIR "/kev/known_exploited_vulnerabilities.json"
#define SMI_CSAF TW_CORPUS_DIR "/csaf/cisco-sa-20180328-smi2.json"

typedef struct {
    tw_cvetab *t;
    tw_diags d;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof(*f));

    assert_non_null(f);
    f->t = tw_cvetab_new();
    assert_non_null(f->t);
    tw_diags_init(&f->d);
    assert_int_equal(tw_cvetab_load_builtin(f->t, &f->d), TW_OK);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    tw_diags_release(&f->d);
    tw_cvetab_free(f->t);
    free(f);
    return 0;
}

static const char *opt(const char *s)
{
    return s != NULL ? s : "-";
}

/* Renders one verdict as "CVE os version -> state fixed=X upgrade=Y", so
 * that a failing row names itself. */
static void render(char *out, size_t cap, const char *cve, const char *os, const char *ver,
                   tw_cve_state st, const char *fixed, const char *upgrade)
{
    snprintf(out, cap, "%s %s %s -> %s fixed=%s upgrade=%s", cve, os, ver, tw_cve_state_name(st),
             opt(fixed), opt(upgrade));
}

typedef struct {
    const char *cve, *os, *version;
    tw_cve_state state;
    const char *fixed, *upgrade;
} vec;

#define NA TW_CVE_NOT_AFFECTED
#define AF TW_CVE_AFFECTED
#define AT TW_CVE_AFFECTED_TRAIN
#define FX TW_CVE_FIXED
#define UN TW_CVE_UNKNOWN

static const vec builtin_vectors[] = {
    /* PAN-OS, CVE-2024-3400: the vectors of exposure.md section 7 first. */
    {"CVE-2024-3400", "pan-os", "10.2.9", AF, "10.2.9-h1", NULL},
    {"CVE-2024-3400", "pan-os", "10.2.9-h1", FX, "10.2.9-h1", NULL},
    {"CVE-2024-3400", "pan-os", "11.1.2-h2", AF, "11.1.2-h3", NULL},
    {"CVE-2024-3400", "pan-os", "10.2.7-h8", FX, "10.2.7-h8", NULL},
    {"CVE-2024-3400", "pan-os", "10.2.8", AF, "10.2.8-h3", NULL},
    {"CVE-2024-3400", "pan-os", "10.1.11", NA, NULL, NULL},
    {"CVE-2024-3400", "pan-os", "10.2.9-h2", FX, "10.2.9-h1", NULL},
    {"CVE-2024-3400", "pan-os", "10.2.10", FX, "10.2.9-h1", NULL},
    {"CVE-2024-3400", "pan-os", "10.2.9-c1", AF, "10.2.9-h1", NULL},
    {"CVE-2024-3400", "pan-os", "10.2.7-h7", AF, "10.2.7-h8", NULL},
    {"CVE-2024-3400", "pan-os", "10.2.7-h9", FX, "10.2.7-h8", NULL},
    {"CVE-2024-3400", "pan-os", "10.2.8-h2", AF, "10.2.8-h3", NULL},
    {"CVE-2024-3400", "pan-os", "10.2.8-h3", FX, "10.2.8-h3", NULL},
    {"CVE-2024-3400", "pan-os", "10.2.0", AF, "10.2.0-h3", NULL},
    {"CVE-2024-3400", "pan-os", "10.2.0-h3", FX, "10.2.0-h3", NULL},
    {"CVE-2024-3400", "pan-os", "10.2.3-h12", AF, "10.2.3-h13", NULL},
    {"CVE-2024-3400", "pan-os", "10.2.4-h16", FX, "10.2.4-h16", NULL},
    {"CVE-2024-3400", "pan-os", "11.0.3-h9", AF, "11.0.3-h10", NULL},
    {"CVE-2024-3400", "pan-os", "11.0.3-h10", FX, "11.0.3-h10", NULL},
    {"CVE-2024-3400", "pan-os", "11.0.4", AF, "11.0.4-h1", NULL},
    {"CVE-2024-3400", "pan-os", "11.0.5", FX, "11.0.4-h1", NULL},
    {"CVE-2024-3400", "pan-os", "11.1.0", AF, "11.1.0-h3", NULL},
    {"CVE-2024-3400", "pan-os", "11.1.1-h1", FX, "11.1.1-h1", NULL},
    {"CVE-2024-3400", "pan-os", "11.1.2-h3", FX, "11.1.2-h3", NULL},
    {"CVE-2024-3400", "pan-os", "11.1.3", FX, "11.1.2-h3", NULL},
    {"CVE-2024-3400", "pan-os", "10.0.1", NA, NULL, NULL},
    {"CVE-2024-3400", "pan-os", "9.1.17", NA, NULL, NULL},
    /* IOS XE, CVE-2023-20198. */
    {"CVE-2023-20198", "ios-xe", "17.9.4", AF, "17.9.4a", NULL},
    {"CVE-2023-20198", "ios-xe", "17.9.4a", FX, "17.9.4a", NULL},
    {"CVE-2023-20198", "ios-xe", "16.12.10a", FX, "16.12.10a", NULL},
    {"CVE-2023-20198", "ios-xe", "17.9.5", FX, "17.9.4a", NULL},
    {"CVE-2023-20198", "ios-xe", "17.9.3a", AF, "17.9.4a", NULL},
    {"CVE-2023-20198", "ios-xe", "17.9.1", AF, "17.9.4a", NULL},
    {"CVE-2023-20198", "ios-xe", "16.12.10", AF, "16.12.10a", NULL},
    {"CVE-2023-20198", "ios-xe", "16.12.4", AF, "16.12.10a", NULL},
    {"CVE-2023-20198", "ios-xe", "17.6.5", AF, "17.6.6a", NULL},
    {"CVE-2023-20198", "ios-xe", "17.6.6", AF, "17.6.6a", NULL},
    {"CVE-2023-20198", "ios-xe", "17.6.6a", FX, "17.6.6a", NULL},
    {"CVE-2023-20198", "ios-xe", "17.3.8", AF, "17.3.8a", NULL},
    {"CVE-2023-20198", "ios-xe", "17.3.8a", FX, "17.3.8a", NULL},
    {"CVE-2023-20198", "ios-xe", "17.3.2", AF, "17.3.8a", NULL},
    {"CVE-2023-20198", "ios-xe", "16.9.4", AF, NULL, "16.12.10a"},
    {"CVE-2023-20198", "ios-xe", "16.1.1", AF, NULL, "16.12.10a"},
    {"CVE-2023-20198", "ios-xe", "17.2.1", AF, NULL, "17.3.8a"},
    {"CVE-2023-20198", "ios-xe", "17.5.1", AF, NULL, "17.6.6a"},
    {"CVE-2023-20198", "ios-xe", "17.8.1", AF, NULL, "17.9.4a"},
    {"CVE-2023-20198", "ios-xe", "17.10.1", AF, NULL, "17.12.2"},
    {"CVE-2023-20198", "ios-xe", "17.11.1", AF, NULL, "17.12.2"},
    {"CVE-2023-20198", "ios-xe", "17.11.99SW", AF, NULL, "17.12.2"},
    {"CVE-2023-20198", "ios-xe", "17.12.1a", AF, NULL, "17.12.2"},
    {"CVE-2023-20198", "ios-xe", "17.12.1", AF, NULL, "17.12.2"},
    {"CVE-2023-20198", "ios-xe", "17.12.2", NA, NULL, "17.12.2"},
    {"CVE-2023-20198", "ios-xe", "03.16.07S", NA, NULL, NULL},
    {"CVE-2023-20198", "ios-xe", "17.13.1", NA, NULL, NULL},
    /* CVE-2023-20273 shares the releases of CVE-2023-20198. */
    {"CVE-2023-20273", "ios-xe", "17.9.4", AF, "17.9.4a", NULL},
    {"CVE-2023-20273", "ios-xe", "17.9.4a", FX, "17.9.4a", NULL},
    {"CVE-2023-20273", "ios-xe", "17.10.1", AF, NULL, "17.12.2"},
    {"CVE-2023-20273", "ios-xe", "3.16.7S", NA, NULL, NULL},
    /* Smart Install, CVE-2018-0171: trains without a fixed release. */
    {"CVE-2018-0171", "ios", "15.2(4)E7", AT, NULL, NULL},
    {"CVE-2018-0171", "ios", "12.2(55)SE12", AT, NULL, NULL},
    {"CVE-2018-0171", "ios", "15.0(2)SE9", AT, NULL, NULL},
    {"CVE-2018-0171", "ios", "15.0(2a)EX5", AT, NULL, NULL},
    {"CVE-2018-0171", "ios", "15.2(7)E0s", AT, NULL, NULL},
    {"CVE-2018-0171", "ios", "15.2(4)M7", UN, NULL, NULL},
    {"CVE-2018-0171", "ios-xe", "03.09.02E", AT, NULL, NULL},
    {"CVE-2018-0171", "ios-xe", "3.10.1E", AT, NULL, NULL},
    {"CVE-2018-0171", "ios-xe", "16.3.1", UN, NULL, NULL},
    {"CVE-2018-0171", "ios-xe", "03.16.07S", UN, NULL, NULL},
    {"CVE-2018-0171", "ios-xe", "16.9.1", NA, NULL, NULL},
    {"CVE-2018-0171", "ios-xe", "17.9.4", NA, NULL, NULL},
    {"CVE-2018-0171", "ios-xe", "17.18.1", NA, NULL, NULL},
    /* Ivanti Connect Secure, CVE-2023-46805 and CVE-2024-21887. */
    {"CVE-2023-46805", "ivanti-connect-secure", "9.1R18.3", FX, "9.1R18.3", NULL},
    {"CVE-2023-46805", "ivanti-connect-secure", "9.1R18.2", AF, "9.1R18.3", NULL},
    {"CVE-2023-46805", "ivanti-connect-secure", "9.1R18", AF, "9.1R18.3", NULL},
    {"CVE-2023-46805", "ivanti-connect-secure", "9.1R18.4", FX, "9.1R18.3", NULL},
    {"CVE-2023-46805", "ivanti-connect-secure", "9.1R17.2", FX, "9.1R17.2", NULL},
    {"CVE-2023-46805", "ivanti-connect-secure", "9.1R17.1", AF, "9.1R17.2", NULL},
    {"CVE-2023-46805", "ivanti-connect-secure", "9.1R14.4", FX, "9.1R14.4", NULL},
    {"CVE-2023-46805", "ivanti-connect-secure", "9.1R14.3", AF, "9.1R14.4", NULL},
    {"CVE-2023-46805", "ivanti-connect-secure", "9.1R13.1", AF, "9.1R14.4", NULL},
    {"CVE-2023-46805", "ivanti-connect-secure", "9.1R15.2", AF, "9.1R15.3", NULL},
    {"CVE-2023-46805", "ivanti-connect-secure", "22.4R2.1", AF, "22.4R2.2", NULL},
    {"CVE-2023-46805", "ivanti-connect-secure", "22.4R2.2", FX, "22.4R2.2", NULL},
    {"CVE-2023-46805", "ivanti-connect-secure", "22.4R1", AF, "22.4R1.1", NULL},
    {"CVE-2023-46805", "ivanti-connect-secure", "22.4R1.1", FX, "22.4R1.1", NULL},
    {"CVE-2023-46805", "ivanti-connect-secure", "22.5R1.1", FX, "22.5R1.1", NULL},
    {"CVE-2023-46805", "ivanti-connect-secure", "22.5R2.1", AF, "22.5R2.3", NULL},
    {"CVE-2023-46805", "ivanti-connect-secure", "22.6R2", AF, "22.6R2.2", NULL},
    {"CVE-2023-46805", "ivanti-connect-secure", "22.6R2.2 (build 1491)", FX, "22.6R2.2", NULL},
    {"CVE-2023-46805", "ivanti-connect-secure", "22.7R2.3", NA, NULL, NULL},
    {"CVE-2023-46805", "ivanti-connect-secure", "9.0R6", UN, NULL, NULL},
    {"CVE-2024-21887", "ivanti-connect-secure", "9.1R18.3", FX, "9.1R18.3", NULL},
    {"CVE-2024-21887", "ivanti-connect-secure", "22.1R5", AF, "22.1R6.1", NULL},
    /* Ivanti Policy Secure: fix points vouch for their branch only. */
    {"CVE-2023-46805", "ivanti-policy-secure", "9.1R16.3", FX, "9.1R16.3", NULL},
    {"CVE-2023-46805", "ivanti-policy-secure", "9.1R16.2", AF, "9.1R16.3", NULL},
    {"CVE-2023-46805", "ivanti-policy-secure", "9.1R17.1", AT, NULL, NULL},
    {"CVE-2023-46805", "ivanti-policy-secure", "9.1R15.1", AT, "9.1R16.3", NULL},
    {"CVE-2023-46805", "ivanti-policy-secure", "22.6R1", AF, "22.6R1.1", NULL},
    {"CVE-2023-46805", "ivanti-policy-secure", "22.6R2.1", AT, NULL, NULL},
    {"CVE-2023-46805", "ivanti-policy-secure", "22.5R1", UN, NULL, NULL},
    {"CVE-2024-21887", "ivanti-policy-secure", "22.4R1.1", FX, "22.4R1.1", NULL},
    /* Versions that are only a train. */
    {"CVE-2023-20198", "ios-xe", "17.9", UN, "17.9.4a", NULL},
    {"CVE-2023-20198", "ios-xe", "17.10", AF, NULL, "17.12.2"},
    {"CVE-2023-20198", "ios-xe", "17.12", UN, NULL, "17.12.2"},
    {"CVE-2023-20198", "ios-xe", "17.13", NA, NULL, NULL},
    {"CVE-2024-3400", "pan-os", "10.1", NA, NULL, NULL},
    {"CVE-2024-3400", "pan-os", "10.2", UN, "10.2.9-h1", NULL},
    {"CVE-2018-0171", "ios-xe", "16.3", UN, NULL, NULL},
    {"CVE-2023-46805", "ivanti-connect-secure", "22.7", NA, NULL, NULL},
    /* An OS the CVE does not name. */
    {"CVE-2024-3400", "ios-xe", "17.9.4", UN, NULL, NULL},
    {"CVE-2023-20198", "ios", "15.2(4)E7", UN, NULL, NULL},
    {"CVE-2023-46805", "pan-os", "10.2.9", UN, NULL, NULL},
};

/* Parses, evaluates and compares one row. */
static void check_vec(const tw_cvetab *t, const vec *v)
{
    char want[256], got[256];
    tw_version ver;
    tw_cve_verdict vd;

    assert_int_equal(tw_version_parse(tw_os_parse(tw_str_c(v->os)), tw_str_c(v->version), &ver),
                     TW_OK);
    tw_cve_eval(tw_cvetab_find(t, v->cve), &ver, &vd);
    render(want, sizeof(want), v->cve, v->os, v->version, v->state, v->fixed, v->upgrade);
    render(got, sizeof(got), v->cve, v->os, v->version, vd.state, vd.fixed, vd.upgrade);
    assert_string_equal(got, want);
    assert_non_null(vd.reason);
    assert_true(vd.reason[0] != '\0');
}

static void test_builtin_vectors(void **state)
{
    fixture *f = *state;

    for (size_t i = 0; i < sizeof(builtin_vectors) / sizeof(builtin_vectors[0]); i++)
        check_vec(f->t, &builtin_vectors[i]);
}

/* The train entry a verdict names is that of the version's train. */
static void test_verdict_train_entry(void **state)
{
    fixture *f = *state;
    tw_version v;
    tw_cve_verdict vd;

    assert_int_equal(tw_version_parse(TW_OS_PAN_OS, TW_STR("10.2.8"), &v), TW_OK);
    tw_cve_eval(tw_cvetab_find(f->t, "CVE-2024-3400"), &v, &vd);
    assert_non_null(vd.train);
    assert_string_equal(vd.train->train, "10.2");
    assert_int_equal(vd.train->nfixed, 10);
    assert_int_equal(vd.train->fixes, TW_CVE_FIXES_LISTED);
    assert_int_equal(tw_version_parse(TW_OS_PAN_OS, TW_STR("10.1.11"), &v), TW_OK);
    tw_cve_eval(tw_cvetab_find(f->t, "CVE-2024-3400"), &v, &vd);
    assert_null(vd.train);
}

/* Unparsed versions, NULL arguments. */
static void test_eval_unknown_inputs(void **state)
{
    fixture *f = *state;
    const tw_cve *c = tw_cvetab_find(f->t, "CVE-2023-20198");
    tw_version v;
    tw_cve_verdict vd;

    assert_int_equal(tw_version_parse(TW_OS_IOS_XE, TW_STR("Gibraltar"), &v), TW_EPARSE);
    tw_cve_eval(c, &v, &vd);
    assert_int_equal(vd.state, TW_CVE_UNKNOWN);
    assert_string_equal(vd.reason, "the version did not parse");
    tw_cve_eval(NULL, &v, &vd);
    assert_int_equal(vd.state, TW_CVE_UNKNOWN);
    tw_cve_eval(c, NULL, &vd);
    assert_int_equal(vd.state, TW_CVE_UNKNOWN);
    assert_null(vd.train);
    assert_null(vd.fixed);
}

typedef struct {
    const char *id;
    tw_severity sev;
    tw_cve_precond pre;
    const char *cvss, *added, *due;
    bool ransomware;
    size_t nos;
    tw_os os0;
    const char *remediation_has; /* in the remediation of os0 */
} meta;

static const meta builtin_meta[] = {
    {"CVE-2023-20198", TW_SEV_CRITICAL, TW_CVE_PRECOND_WEB_UI, "10.0", "2023-10-16", "2023-10-20",
     false, 1, TW_OS_IOS_XE, "no ip http secure-server"},
    {"CVE-2023-20273", TW_SEV_HIGH, TW_CVE_PRECOND_WEB_UI, "7.2", "2023-10-23", "2023-10-27", false,
     1, TW_OS_IOS_XE, "no ip http server"},
    {"CVE-2018-0171", TW_SEV_CRITICAL, TW_CVE_PRECOND_SMART_INSTALL_CLIENT, "9.8", "2021-11-03",
     "2022-05-03", false, 2, TW_OS_IOS, "no vstack"},
    {"CVE-2024-3400", TW_SEV_CRITICAL, TW_CVE_PRECOND_GLOBALPROTECT, "10.0", "2024-04-12",
     "2024-04-19", true, 1, TW_OS_PAN_OS, "11.1.2-h3"},
    {"CVE-2023-46805", TW_SEV_HIGH, TW_CVE_PRECOND_NONE, "8.2", "2024-01-10", "2024-01-22", false,
     2, TW_OS_IVANTI_ICS, "Integrity Checker"},
    {"CVE-2024-21887", TW_SEV_CRITICAL, TW_CVE_PRECOND_NONE, "9.1", "2024-01-10", "2024-01-22",
     false, 2, TW_OS_IVANTI_ICS, "9.1R18.3"},
};

static void check_meta(const tw_cvetab *t, const meta *m)
{
    const tw_cve *c = tw_cvetab_find(t, m->id);
    char nvd[96];

    assert_non_null(c);
    assert_string_equal(c->id, m->id);
    assert_int_equal(c->severity, m->sev);
    assert_int_equal(c->precondition, m->pre);
    assert_string_equal(c->cvss, m->cvss);
    assert_string_equal(c->kev_added, m->added);
    assert_string_equal(c->kev_due, m->due);
    assert_int_equal(c->kev_ransomware, m->ransomware);
    assert_int_equal(c->nos, m->nos);
    assert_int_equal(c->os[0], m->os0);
    assert_non_null(strstr(tw_cve_remediation_for(c, m->os0), m->remediation_has));
    assert_true(c->nreferences >= 3);
    snprintf(nvd, sizeof(nvd), "https://nvd.nist.gov/vuln/detail/%s", m->id);
    assert_string_equal(c->references[2], nvd);
    assert_string_equal(c->attack[0], "T1190");
    assert_non_null(c->title);
    assert_non_null(c->precondition_text);
    assert_string_equal(c->file, "cves.yaml");
    assert_true(c->line > 0);
    assert_true(c->ntrains > 0);
}

static void test_builtin_meta(void **state)
{
    fixture *f = *state;

    assert_int_equal(tw_cvetab_count(f->t), 6);
    assert_int_equal(f->d.n, 0);
    for (size_t i = 0; i < sizeof(builtin_meta) / sizeof(builtin_meta[0]); i++)
        check_meta(f->t, &builtin_meta[i]);
    assert_null(tw_cvetab_at(f->t, 6));
    assert_string_equal(tw_cvetab_at(f->t, 0)->id, "CVE-2023-20198");
    assert_non_null(tw_cvetab_find(f->t, "cve-2024-3400"));
    assert_null(tw_cvetab_find(f->t, "CVE-2024-3401"));
    assert_null(tw_cvetab_find(f->t, NULL));
    assert_null(tw_cve_remediation_for(tw_cvetab_find(f->t, "CVE-2024-3400"), TW_OS_IOS));
    assert_true(tw_cve_names_os(tw_cvetab_find(f->t, "CVE-2018-0171"), TW_OS_IOS_XE));
    assert_false(tw_cve_names_os(tw_cvetab_find(f->t, "CVE-2018-0171"), TW_OS_PAN_OS));
}

/* Smart Install trains carry no fix; IOS XE 16.x trains share an upgrade. */
static void test_builtin_trains(void **state)
{
    fixture *f = *state;
    const tw_cve *smi = tw_cvetab_find(f->t, "CVE-2018-0171");
    const tw_cve *web = tw_cvetab_find(f->t, "CVE-2023-20198");
    const tw_cve *cmd = tw_cvetab_find(f->t, "CVE-2023-20273");

    assert_int_equal(smi->ntrains, 33);
    assert_true(smi->other_trains_unknown);
    assert_int_equal(smi->trains[0].fixes, TW_CVE_FIXES_UNKNOWN);
    assert_null(smi->trains[0].upgrade);
    assert_int_equal(smi->trains[0].os, TW_OS_IOS);
    assert_int_equal(smi->trains[10].os, TW_OS_IOS_XE);
    assert_false(web->other_trains_unknown);
    assert_int_equal(web->ntrains, 25);
    assert_ptr_equal(cmd->trains, web->trains);
    assert_string_equal(web->trains[10].train, "16.11");
    assert_string_equal(web->trains[10].upgrade, "16.12.10a");
    assert_int_equal(web->trains[10].fixes, TW_CVE_FIXES_NONE);
    assert_non_null(web->trains[10].note);
}

static const vec extra_vectors[] = {
    {"CVE-2099-0001", "junos", "21.4R1", NA, NULL, NULL},
    {"CVE-2099-0001", "junos", "21.4R2", AF, "21.4R3-S5", NULL},
    {"CVE-2099-0001", "junos", "21.4R3-S4", AF, "21.4R3-S5", NULL},
    {"CVE-2099-0001", "junos", "21.4R3-S5", FX, "21.4R3-S5", NULL},
    {"CVE-2099-0001", "junos", "22.1R1", UN, NULL, NULL},
    {"CVE-2099-0001", "fortios", "7.2.0", NA, NULL, "7.2.5"},
    {"CVE-2099-0001", "fortios", "7.2.1", AF, NULL, "7.2.5"},
    {"CVE-2099-0001", "fortios", "7.2.4", AF, NULL, "7.2.5"},
    {"CVE-2099-0001", "fortios", "7.2.5 build1517", NA, NULL, "7.2.5"},
    {"CVE-2099-0001", "fortios", "7.0.12", NA, NULL, NULL},
    {"CVE-2099-0001", "fortios", "7.4.1", UN, NULL, NULL},
    {"CVE-2099-0001", "fortios", "7.2", UN, NULL, "7.2.5"},
    {"CVE-2099-0001", "pan-os", "10.2.4-h17", FX, "10.2.4-h16", NULL},
    {"CVE-2099-0001", "pan-os", "10.2.4-h2", AF, "10.2.4-h16", NULL},
    {"CVE-2099-0001", "pan-os", "10.2.5", AT, "10.2.9-h1", NULL},
    {"CVE-2099-0001", "pan-os", "10.2.9-h1", FX, "10.2.9-h1", NULL},
    {"CVE-2099-0001", "pan-os", "10.2.10", AT, NULL, NULL},
    {"CVE-2024-3400", "pan-os", "10.2.8", AF, "10.2.8-h3", NULL},
};

/* A site adds a CVE by adding an entry in its own file. */
static void test_extra_table(void **state)
{
    fixture *f = *state;
    FILE *fp = fopen(EXTRA_FILE, "rb");
    char buf[8192];
    size_t n;

    assert_non_null(fp);
    n = fread(buf, 1, sizeof(buf), fp);
    fclose(fp);
    assert_true(n > 0 && n < sizeof(buf));
    assert_int_equal(tw_cvetab_load(f->t, EXTRA_FILE, buf, n, &f->d), TW_OK);
    assert_int_equal(f->d.n, 0);
    assert_int_equal(tw_cvetab_count(f->t), 7);
    assert_string_equal(tw_cvetab_at(f->t, 6)->file, EXTRA_FILE);
    assert_int_equal(tw_cvetab_at(f->t, 6)->line, 6);
    for (size_t i = 0; i < sizeof(extra_vectors) / sizeof(extra_vectors[0]); i++)
        check_vec(f->t, &extra_vectors[i]);
}

/* Loading the built-in table twice reports every id as a duplicate. */
static void test_builtin_twice(void **state)
{
    fixture *f = *state;

    assert_int_equal(tw_cvetab_load_builtin(f->t, &f->d), TW_EINTERNAL);
    assert_int_equal(tw_cvetab_count(f->t), 6);
    assert_int_equal(f->d.n, 6);
    assert_non_null(strstr(f->d.v[0].message, "duplicate cve id (first at cves.yaml:"));
    assert_string_equal(f->d.v[0].rule_id, "CVE-2023-20198");
}

static void test_names(void **state)
{
    (void)state;
    assert_string_equal(tw_cve_state_name(TW_CVE_NOT_AFFECTED), "not-affected");
    assert_string_equal(tw_cve_state_name(TW_CVE_AFFECTED), "affected");
    assert_string_equal(tw_cve_state_name(TW_CVE_AFFECTED_TRAIN), "affected-train");
    assert_string_equal(tw_cve_state_name(TW_CVE_FIXED), "fixed");
    assert_string_equal(tw_cve_state_name(TW_CVE_UNKNOWN), "unknown");
    assert_string_equal(tw_cve_state_name((tw_cve_state)99), "unknown");
    assert_string_equal(tw_cve_precond_name(TW_CVE_PRECOND_WEB_UI), "web-ui");
    assert_string_equal(tw_cve_precond_name(TW_CVE_PRECOND_SMART_INSTALL_CLIENT),
                        "smart-install-client");
    assert_string_equal(tw_cve_precond_name(TW_CVE_PRECOND_GLOBALPROTECT), "globalprotect");
    assert_string_equal(tw_cve_precond_name(TW_CVE_PRECOND_NONE), "none");
}

/* Pieces of a one-CVE table; the comments give each piece's line. */
#define T_HEAD "cves:\n"                                  /* 1 */
#define T_ID "  - id: CVE-2099-0002\n"                    /* 2 */
#define T_TITLE "    title: t\n"                          /* 3 */
#define T_SEV "    severity: high\n"                      /* 4 */
#define T_PRE "    precondition: none\n"                  /* 5 */
#define T_REF "    references: [https://example.org/a]\n" /* 6 */
#define T_AFF "    affected:\n      pan-os:\n"            /* 7, 8 */
#define T_TRAIN "        - train: \"10.2\"\n"             /* 9 */
#define T_FIX "          fixed: [10.2.9-h1]\n"            /* 10 */
#define T_BODY T_TITLE T_SEV T_PRE T_REF T_AFF T_TRAIN T_FIX
#define T_OK T_HEAD T_ID T_BODY
#define T_OK2 "  - id: CVE-2099-0003\n" T_BODY /* a second good entry, lines 11-19 */

typedef struct {
    const char *name, *yaml;
    tw_err rc;
    size_t ncves;
    uint32_t line, column;
    const char *msg; /* in the first diagnostic */
} bad;

static const bad bad_tables[] = {
    {"unknown key", T_HEAD T_ID "    colour: red\n" T_BODY, TW_EPARSE, 0, 3, 5,
     "cve CVE-2099-0002: unknown key 'colour' in a cve entry"},
    {"unknown train key", T_OK "          fixd: [10.2.9-h1]\n", TW_EPARSE, 0, 11, 11,
     "unknown key 'fixd' in a train entry"},
    {"bad fix point",
     T_HEAD T_ID T_TITLE T_SEV T_PRE T_REF T_AFF T_TRAIN "          fixed: [10.2.9-h1, 10.2.x]\n",
     TW_EPARSE, 0, 10, 30, "fix point '10.2.x' is not a release of pan-os"},
    {"fix point of another train",
     T_HEAD T_ID T_TITLE T_SEV T_PRE T_REF T_AFF T_TRAIN "          fixed: [11.0.4-h1]\n",
     TW_EPARSE, 0, 10, 19, "fix point '11.0.4-h1' is of train 11.0, not 10.2"},
    {"descending fix points",
     T_HEAD T_ID T_TITLE T_SEV T_PRE T_REF T_AFF T_TRAIN
     "          fixed: [10.2.9-h1, 10.2.7-h8]\n",
     TW_EPARSE, 0, 10, 30, "fix point '10.2.7-h8' is not above '10.2.9-h1'"},
    {"duplicate fix point",
     T_HEAD T_ID T_TITLE T_SEV T_PRE T_REF T_AFF T_TRAIN
     "          fixed: [10.2.9-h1, 10.2.9-h1]\n",
     TW_EPARSE, 0, 10, 30, "is not above"},
    {"bad introduced", T_OK "          introduced: 10.2.\n", TW_EPARSE, 0, 11, 23,
     "introduced '10.2.' is not a release of pan-os"},
    {"introduced above the fix", T_OK "          introduced: 10.2.9-h2\n", TW_EPARSE, 0, 11, 23,
     "introduced '10.2.9-h2' is not below the first fix point '10.2.9-h1'"},
    {"last-affected of another train", T_OK "          last-affected: 11.0.1\n", TW_EPARSE, 0, 11,
     26, "last-affected '11.0.1' is of train 11.0, not 10.2"},
    {"bad upgrade", T_OK "          upgrade: eleven\n", TW_EPARSE, 0, 11, 20,
     "upgrade 'eleven' is not a release of pan-os"},
    {"train is a release",
     T_HEAD T_ID T_TITLE T_SEV T_PRE T_REF T_AFF "        - train: \"10.2.9\"\n", TW_EPARSE, 0, 9,
     18, "train '10.2.9' is a release"},
    {"train with a bad character",
     T_HEAD T_ID T_TITLE T_SEV T_PRE T_REF T_AFF "        - train: \"10 2\"\n", TW_EPARSE, 0, 9, 18,
     "invalid train '10 2'"},
    {"train listed twice", T_OK "        - train: \"10.2\"\n", TW_EPARSE, 0, 11, 18,
     "train 10.2 of pan-os is listed twice (first at line 9)"},
    {"train entry without train",
     T_HEAD T_ID T_TITLE T_SEV T_PRE T_REF T_AFF "        - fixed: [10.2.9-h1]\n", TW_EPARSE, 0, 9,
     11, "train entry has no train"},
    {"fixed neither list nor none",
     T_HEAD T_ID T_TITLE T_SEV T_PRE T_REF T_AFF T_TRAIN "          fixed: later\n", TW_EPARSE, 0,
     10, 18, "fixed must be a list of releases or 'none'"},
    {"empty fixed list",
     T_HEAD T_ID T_TITLE T_SEV T_PRE T_REF T_AFF T_TRAIN "          fixed: []\n", TW_EPARSE, 0, 10,
     18, "fixed must hold 1 to 256 items"},
    {"train list with releases",
     T_HEAD T_ID T_TITLE T_SEV T_PRE T_REF T_AFF "        - train: [\"10.2\", \"11.0\"]\n" T_FIX,
     TW_EPARSE, 0, 9, 11, "a list of trains takes no releases"},
    {"not-affected train with fixes", T_OK "          status: not-affected\n", TW_EPARSE, 0, 11, 19,
     "a not-affected train takes no releases"},
    {"bad status", T_OK "          status: maybe\n", TW_EPARSE, 0, 11, 19,
     "status must be affected or not-affected"},
    {"bad fixed-scope", T_OK "          fixed-scope: hotfix\n", TW_EPARSE, 0, 11, 24,
     "fixed-scope must be train or branch"},
    {"fixed-scope without fixes",
     T_HEAD T_ID T_TITLE T_SEV T_PRE T_REF T_AFF T_TRAIN "          fixed-scope: branch\n",
     TW_EPARSE, 0, 10, 24, "fixed-scope needs a list"},
    {"unknown os",
     T_HEAD T_ID T_TITLE T_SEV T_PRE T_REF "    affected:\n      panos:\n" T_TRAIN T_FIX, TW_EPARSE,
     0, 8, 7, "unknown os 'panos'"},
    {"missing title", T_HEAD T_ID T_SEV T_PRE T_REF T_AFF T_TRAIN T_FIX, TW_EPARSE, 0, 2, 5,
     "cve CVE-2099-0002: cve entry has no title"},
    {"missing severity", T_HEAD T_ID T_TITLE T_PRE T_REF T_AFF T_TRAIN T_FIX, TW_EPARSE, 0, 2, 5,
     "cve entry has no severity"},
    {"missing precondition", T_HEAD T_ID T_TITLE T_SEV T_REF T_AFF T_TRAIN T_FIX, TW_EPARSE, 0, 2,
     5, "cve entry has no precondition"},
    {"missing references", T_HEAD T_ID T_TITLE T_SEV T_PRE T_AFF T_TRAIN T_FIX, TW_EPARSE, 0, 2, 5,
     "cve entry has no references"},
    {"missing affected", T_HEAD T_ID T_TITLE T_SEV T_PRE T_REF, TW_EPARSE, 0, 2, 5,
     "cve entry has neither affected nor affected-as"},
    {"no train", T_HEAD T_ID T_TITLE T_SEV T_PRE T_REF "    affected: {}\n", TW_EPARSE, 0, 2, 5,
     "cve entry lists no train"},
    {"missing id", T_HEAD "  - title: t\n" T_SEV T_PRE T_REF T_AFF T_TRAIN T_FIX, TW_EPARSE, 0, 2,
     5, "cve #1: cve entry has no id"},
    {"bad id", T_HEAD "  - id: CVE-24-1\n" T_BODY, TW_EPARSE, 0, 2, 9, "invalid cve id"},
    {"duplicate id", T_OK T_ID T_BODY, TW_EPARSE, 1, 11, 5, "duplicate cve id (first at t.yaml:2)"},
    {"bad entry kept apart",
     T_HEAD T_ID "    title: [t]\n" T_SEV T_PRE T_REF T_AFF T_TRAIN T_FIX T_OK2, TW_EPARSE, 1, 3,
     12, "title must be a scalar"},
    {"duplicate key", T_OK "    title: u\n", TW_EPARSE, 0, 11, 5, "duplicate key 'title'"},
    {"bad severity", T_HEAD T_ID T_TITLE "    severity: urgent\n" T_PRE T_REF T_AFF T_TRAIN T_FIX,
     TW_EPARSE, 0, 4, 15, "unknown severity 'urgent'"},
    {"bad precondition",
     T_HEAD T_ID T_TITLE T_SEV "    precondition: telnet\n" T_REF T_AFF T_TRAIN T_FIX, TW_EPARSE, 0,
     5, 19, "unknown precondition 'telnet'"},
    {"bad cvss", T_OK "    cvss: \"11.0\"\n", TW_EPARSE, 0, 11, 11, "cvss '11.0' is not"},
    {"bad kev date", T_OK "    kev: {added: 2024-13-01}\n", TW_EPARSE, 0, 11, 18,
     "kev added '2024-13-01' is not a date"},
    {"unknown kev key", T_OK "    kev: {dateAdded: 2024-01-01}\n", TW_EPARSE, 0, 11, 11,
     "unknown key 'dateAdded' in kev"},
    {"bad ransomware", T_OK "    kev: {ransomware: yes}\n", TW_EPARSE, 0, 11, 23,
     "kev ransomware must be known or unknown"},
    {"bad attack id", T_OK "    attack: [X1190]\n", TW_EPARSE, 0, 11, 14, "invalid attack 'X1190'"},
    {"bad reference",
     T_HEAD T_ID T_TITLE T_SEV T_PRE "    references: [ftp://x]\n" T_AFF T_TRAIN T_FIX, TW_EPARSE,
     0, 6, 18, "invalid references 'ftp://x'"},
    {"bad other-trains", T_OK "    other-trains: maybe\n", TW_EPARSE, 0, 11, 19,
     "other-trains must be not-affected or unknown"},
    {"remediation for an os not named", T_OK "    remediation: {ios: no vstack}\n", TW_EPARSE, 0,
     11, 19, "remediation for ios, which the cve does not name"},
    {"affected and affected-as", T_OK "    affected-as: CVE-2099-0003\n", TW_EPARSE, 0, 11, 18,
     "give affected or affected-as, not both"},
    {"affected-as unknown",
     T_HEAD T_ID T_TITLE T_SEV T_PRE T_REF "    affected-as: CVE-2099-0009\n", TW_EPARSE, 0, 7, 18,
     "affected-as names 'CVE-2099-0009', which is not loaded before this entry"},
    {"yaml alias", T_OK "    note: &n x\n    precondition-text: *n\n", TW_EPARSE, 0, 11, 11,
     "yaml aliases are not supported in cve tables"},
    {"yaml syntax", T_OK "    note: [x\n", TW_EYAML, 0, 12, 1, "invalid yaml"},
    {"root is a list", "- id: CVE-2099-0002\n", TW_EPARSE, 0, 1, 1,
     "a cve table is a mapping with the key 'cves'"},
    {"cves not a list", "cves: 3\n", TW_EPARSE, 0, 1, 7, "cves must be a list of cve entries"},
    {"entry not a mapping", "cves: [3]\n", TW_EPARSE, 0, 1, 8, "cve entry #1 must be a mapping"},
    {"unknown root key", "format: 1\ncve: []\n", TW_EPARSE, 0, 2, 1,
     "unknown key 'cve' in a cve table"},
    {"unsupported format", "format: 2\n" T_HEAD T_ID T_BODY, TW_EPARSE, 1, 1, 9,
     "unsupported table format '2'"},
};

static void check_bad(const bad *b)
{
    tw_cvetab *t = tw_cvetab_new();
    tw_diags d;
    char want[512], got[512];

    tw_diags_init(&d);
    assert_non_null(t);
    assert_int_equal(tw_cvetab_load(t, "t.yaml", b->yaml, strlen(b->yaml), &d), b->rc);
    assert_int_equal(tw_cvetab_count(t), b->ncves);
    assert_true(d.n > 0);
    snprintf(want, sizeof(want), "%s: t.yaml:%u:%u: %s", b->name, b->line, b->column, b->msg);
    snprintf(got, sizeof(got), "%s: %s:%u:%u: %s", b->name, d.v[0].file, d.v[0].line, d.v[0].column,
             strstr(d.v[0].message, b->msg) != NULL ? b->msg : d.v[0].message);
    assert_string_equal(got, want);
    tw_diags_release(&d);
    tw_cvetab_free(t);
}

static void test_bad_tables(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(bad_tables) / sizeof(bad_tables[0]); i++)
        check_bad(&bad_tables[i]);
}

/* A good table loads; the limits and arguments are checked. */
static void test_load_edges(void **state)
{
    tw_cvetab *t = tw_cvetab_new();
    tw_diags d;
    static const char ok[] = T_OK T_OK2;

    (void)state;
    tw_diags_init(&d);
    assert_int_equal(tw_cvetab_load(t, "t.yaml", ok, strlen(ok), &d), TW_OK);
    assert_int_equal(tw_cvetab_count(t), 2);
    assert_int_equal(tw_cvetab_load(t, "e.yaml", "", 0, &d), TW_OK);
    assert_int_equal(tw_cvetab_load(t, "big.yaml", ok, TW_CVETAB_MAX_FILE + 1, &d), TW_ELIMIT);
    assert_int_equal(d.n, 1);
    assert_int_equal(tw_cvetab_load(NULL, "t.yaml", ok, strlen(ok), &d), TW_EINVAL);
    assert_int_equal(tw_cvetab_load(t, "t.yaml", ok, strlen(ok), NULL), TW_EINVAL);
    assert_int_equal(tw_cvetab_load_builtin(NULL, &d), TW_EINVAL);
    assert_int_equal(tw_cvetab_count(NULL), 0);
    assert_null(tw_cvetab_at(NULL, 0));
    tw_cvetab_free(NULL);
    tw_diags_release(&d);
    tw_cvetab_free(t);
}

/* ---- against ../shared/corpus, when present ---- */

static json_t *load_json(const char *path)
{
    json_error_t e;

    return json_load_file(path, 0, &e);
}

/* The KEV catalog agrees with the table's dates and ransomware flags. */
static void test_corpus_kev(void **state)
{
    fixture *f = *state;
    json_t *kev = load_json(KEV_FILE);
    json_t *vulns, *e;
    size_t i, seen = 0;

    if (kev == NULL)
        skip();
    vulns = json_object_get(kev, "vulnerabilities");
    json_array_foreach(vulns, i, e)
    {
        const tw_cve *c = tw_cvetab_find(f->t, json_string_value(json_object_get(e, "cveID")));
        const char *rw = json_string_value(json_object_get(e, "knownRansomwareCampaignUse"));
        if (c == NULL)
            continue;
        seen++;
        assert_string_equal(c->kev_added, json_string_value(json_object_get(e, "dateAdded")));
        assert_string_equal(c->kev_due, json_string_value(json_object_get(e, "dueDate")));
        assert_int_equal(c->kev_ransomware, rw != NULL && strcmp(rw, "Known") == 0);
    }
    assert_int_equal(seen, 6);
    json_decref(kev);
}

/* Counts of verdicts over the releases of Cisco's Smart Install CSAF. */
typedef struct {
    const tw_cve *cve;
    json_t *affected; /* known_affected product ids, as an object of ids */
    size_t releases, parsed, affected_train, unknown, other;
} smi_walk;

static void smi_leaf(smi_walk *w, const char *family, const json_t *leaf)
{
    const char *name = json_string_value(json_object_get(leaf, "name"));
    const json_t *product = json_object_get(leaf, "product");
    const char *id = json_string_value(json_object_get(product, "product_id"));
    tw_os os = strstr(family, "XE") != NULL ? TW_OS_IOS_XE : TW_OS_IOS;
    tw_version v;
    tw_cve_verdict vd;

    if (name == NULL || id == NULL || json_object_get(w->affected, id) == NULL)
        return;
    w->releases++;
    if (tw_version_parse(os, tw_str_c(name), &v) != TW_OK)
        return;
    w->parsed++;
    tw_cve_eval(w->cve, &v, &vd);
    w->affected_train += vd.state == TW_CVE_AFFECTED_TRAIN;
    w->unknown += vd.state == TW_CVE_UNKNOWN;
    w->other += vd.state != TW_CVE_AFFECTED_TRAIN && vd.state != TW_CVE_UNKNOWN;
}

static void smi_branches(smi_walk *w, const char *family, const json_t *node, int depth)
{
    const json_t *b;
    size_t i;

    json_array_foreach(json_object_get(node, "branches"), i, b)
    {
        const char *cat = json_string_value(json_object_get(b, "category"));
        const char *name = json_string_value(json_object_get(b, "name"));
        if (cat != NULL && strcmp(cat, "service_pack") == 0)
            smi_leaf(w, family, b);
        else if (depth < 8)
            smi_branches(w, depth == 1 && name != NULL ? name : family, b, depth + 1);
    }
}

/* Every release Cisco lists as known_affected is affected-train or
 * unknown in the table: never not-affected, never fixed. */
static void test_corpus_smi_csaf(void **state)
{
    fixture *f = *state;
    json_t *doc = load_json(SMI_CSAF);
    smi_walk w = {.cve = tw_cvetab_find(f->t, "CVE-2018-0171")};
    json_t *v, *id;
    size_t i, j;

    if (doc == NULL)
        skip();
    w.affected = json_object();
    json_array_foreach(json_object_get(doc, "vulnerabilities"), i, v)
    {
        json_array_foreach(json_object_get(json_object_get(v, "product_status"), "known_affected"),
                           j, id) json_object_set(w.affected, json_string_value(id), json_true());
    }
    smi_branches(&w, "", json_object_get(doc, "product_tree"), 0);
    assert_true(w.releases > 200);
    assert_true(w.parsed > w.releases / 2);
    assert_true(w.affected_train > 50);
    assert_int_equal(w.other, 0);
    assert_int_equal(w.affected_train + w.unknown, w.parsed);
    json_decref(w.affected);
    json_decref(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_builtin_meta, setup, teardown),
        cmocka_unit_test_setup_teardown(test_builtin_trains, setup, teardown),
        cmocka_unit_test_setup_teardown(test_builtin_vectors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_verdict_train_entry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_eval_unknown_inputs, setup, teardown),
        cmocka_unit_test_setup_teardown(test_extra_table, setup, teardown),
        cmocka_unit_test_setup_teardown(test_builtin_twice, setup, teardown),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_bad_tables),
        cmocka_unit_test(test_load_edges),
        cmocka_unit_test_setup_teardown(test_corpus_kev, setup, teardown),
        cmocka_unit_test_setup_teardown(test_corpus_smi_csaf, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
