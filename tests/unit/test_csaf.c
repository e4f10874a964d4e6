/*
 * test_csaf.c: the CSAF 2.0 loader and evaluation (lib/parse/csaf.c):
 * fixtures in Cisco's (train as product_version, release as service_pack),
 * Palo Alto's (vers:generic ranges, one product_id for both sides of a fix
 * point, exact backports, "10.1 All", "None") and Fortinet's ("FortiOS/
 * >=7.0.0|<=7.0.5", "FortiOS 5.0.0", prose) shapes; inputs that are not
 * CSAF; and the corpus advisories in TW_CORPUS_DIR when present.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/csaf.h"
#include "tidewatch/file.h"
#include "tidewatch/limits.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define AFF TW_CSAF_AFFECTED
#define FIX TW_CSAF_FIXED
#define NA TW_CSAF_NOT_AFFECTED
#define NONE TW_CSAF_NONE

/* Loads path (relative to tests/unit, or absolute) into c; returns the
 * load's result, or TW_ENOENT when the file is absent. */
static tw_err load_file(tw_csaf *c, const char *path, tw_diags *d)
{
    tw_file f;
    tw_err rc = tw_file_read(path, TW_LIMIT_FILE_SIZE, &f);

    if (rc != TW_OK)
        return rc;
    rc = tw_csaf_load(c, path, f.data, f.len, d);
    tw_file_release(&f);
    return rc;
}

/* One evaluation: the device, the CVE, and what must come out ("-" for a
 * NULL field). */
struct eval_case {
    tw_os os;
    const char *version;
    const char *cve;
    tw_csaf_status want;
    const char *product;
    const char *fixed_in;
    const char *fix_prefix;
};

/* Loads fixture into a fresh set and checks every case against it. */
static void run_cases(const char *fixture, const struct eval_case *cases, size_t n,
                      const char *tracking)
{
    tw_csaf *c = tw_csaf_new();
    tw_diags d;

    tw_diags_init(&d);
    assert_int_equal(load_file(c, fixture, &d), TW_OK);
    for (size_t i = 0; i < n; i++) {
        const struct eval_case *k = &cases[i];
        tw_csaf_match m;
        tw_version v;

        print_message("case %s %s %s\n", tw_os_name(k->os), k->version, k->cve);
        (void)tw_version_parse(k->os, tw_str_c(k->version), &v);
        assert_int_equal(tw_csaf_eval_cve(c, tw_str_c(k->cve), &v, &m), k->want);
        assert_int_equal(m.status, k->want);
        assert_string_equal(m.product != NULL ? m.product : "-", k->product);
        assert_string_equal(m.fixed_in != NULL ? m.fixed_in : "-", k->fixed_in);
        assert_true(strncmp(m.fix != NULL ? m.fix : "-", k->fix_prefix, strlen(k->fix_prefix)) ==
                    0);
        assert_string_equal(m.tracking_id != NULL ? m.tracking_id : "-",
                            k->want != NONE ? tracking : "-");
    }
    tw_diags_release(&d);
    tw_csaf_free(c);
}

static const struct eval_case cisco_cases[] = {
    {TW_OS_IOS, "15.0(2)SE9", "CVE-2018-0171", AFF, "Cisco IOS 15.0SE 15.0(2)SE9", "-",
     "Cisco has released"},
    {TW_OS_IOS, "15.0(2)SE10a", "cve-2018-0171", AFF, "Cisco IOS 15.0SE 15.0(2)SE10a", "-", "-"},
    {TW_OS_IOS, "15.0(2)SE10", "CVE-2018-0171", NONE, "-", "-", "-"},
    {TW_OS_IOS, "15.2(4)E5", "CVE-2018-0171", AFF, "Cisco IOS 15.2E 15.2(4)E5", "15.2(4)E6",
     "Cisco has released"},
    {TW_OS_IOS, "15.2(4)E6", "CVE-2018-0171", FIX, "Cisco IOS 15.2E 15.2(4)E6", "-", "-"},
    {TW_OS_IOS, "15.2(4)M6", "CVE-2018-0171", NONE, "-", "-", "-"},
    {TW_OS_IOS_XE, "03.16.07S", "CVE-2018-0171", AFF, "Cisco IOS XE Software 3.16S 3.16.7S", "-",
     "-"},
    {TW_OS_IOS_XE, "3.6.5bE", "CVE-2018-0171", AFF, "Cisco IOS XE Software 3.6E 3.6.5bE", "-", "-"},
    {TW_OS_IOS_XE, "16.12.4", "CVE-2018-0171", NONE, "-", "-", "-"},
    {TW_OS_PAN_OS, "10.2.9", "CVE-2018-0171", NONE, "-", "-", "-"},
    {TW_OS_IOS, "not a version", "CVE-2018-0171", NONE, "-", "-", "-"},
    {TW_OS_IOS, "15.0(2)SE9", "CVE-2099-0001", NONE, "-", "-", "-"},
};

static void test_cisco(void **state)
{
    (void)state;
    run_cases("data/csaf/cisco.json", cisco_cases, N(cisco_cases), "cisco-sa-test-smi");
}

static const struct eval_case pan_cases[] = {
    {TW_OS_PAN_OS, "10.2.9", "CVE-2024-3400", AFF, "PAN-OS 10.2 < 10.2.9-h1", "10.2.9-h1",
     "Upgrade to PAN-OS"},
    {TW_OS_PAN_OS, "10.2.9-h1", "CVE-2024-3400", FIX, "PAN-OS 10.2 >= 10.2.9-h1", "-", "Upgrade"},
    {TW_OS_PAN_OS, "10.2.10", "CVE-2024-3400", FIX, "PAN-OS 10.2 >= 10.2.9-h1", "-", "Upgrade"},
    {TW_OS_PAN_OS, "10.2.7-h8", "CVE-2024-3400", FIX, "PAN-OS 10.2.7-h8", "-", "-"},
    {TW_OS_PAN_OS, "10.2.8", "CVE-2024-3400", AFF, "PAN-OS 10.2 < 10.2.9-h1", "10.2.9-h1",
     "Upgrade"},
    {TW_OS_PAN_OS, "10.2.5", "CVE-2024-3400", AFF, "PAN-OS 10.2 < 10.2.9-h1", "10.2.7-h8",
     "Upgrade"},
    {TW_OS_PAN_OS, "11.1.2-h2", "CVE-2024-3400", AFF, "PAN-OS 11.1 < 11.1.2-h3", "11.1.2-h3",
     "Upgrade"},
    {TW_OS_PAN_OS, "11.1.2-h3", "CVE-2024-3400", FIX, "PAN-OS Firewall >= 11.1.2-h3", "-", "-"},
    {TW_OS_PAN_OS, "10.1.11", "CVE-2024-3400", NA, "PAN-OS 10.1 All", "-", "-"},
    {TW_OS_PAN_OS, "9.1.0", "CVE-2024-3400", NONE, "-", "-", "-"},
    {TW_OS_PAN_OS, "10.2.9", "CVE-2024-0001", NA, "PAN-OS None", "-", "-"},
    {TW_OS_FORTIOS, "7.0.3", "CVE-2024-3400", NONE, "-", "-", "-"},
};

static void test_paloalto(void **state)
{
    (void)state;
    run_cases("data/csaf/paloalto.json", pan_cases, N(pan_cases), "PAN-SA-TEST-3400");
}

static const struct eval_case forti_cases[] = {
    {TW_OS_FORTIOS, "7.0.3", "CVE-2023-27997", AFF, "FortiOS/>=7.0.0|<=7.0.5", "-", "-"},
    {TW_OS_FORTIOS, "v7.0.5 build0304", "CVE-2023-27997", AFF, "FortiOS/>=7.0.0|<=7.0.5", "-", "-"},
    {TW_OS_FORTIOS, "7.0.6", "CVE-2023-27997", NONE, "-", "-", "-"},
    {TW_OS_FORTIOS, "7.2.3", "CVE-2023-27997", NONE, "-", "-", "-"},
    {TW_OS_FORTIOS, "5.0.0", "CVE-2023-27997", AFF, "FortiOS 5.0.0", "-", "-"},
    {TW_OS_FORTIOS, "6.0.4", "CVE-2023-27997", AFF, "FortiOS 6.0 all versions", "-", "-"},
};

static void test_fortinet(void **state)
{
    (void)state;
    run_cases("data/csaf/fortinet.json", forti_cases, N(forti_cases), "FG-IR-TEST-001");
}

struct stats_case {
    const char *fixture;
    size_t products, network, vulns, statements, unparsed, warnings;
};

static const struct stats_case stats_cases[] = {
    {"data/csaf/cisco.json", 7, 7, 1, 7, 1, 1},
    {"data/csaf/paloalto.json", 9, 8, 2, 9, 1, 1},
    {"data/csaf/fortinet.json", 5, 4, 1, 5, 1, 1},
};

static void test_stats(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(stats_cases); i++) {
        const struct stats_case *k = &stats_cases[i];
        tw_csaf *c = tw_csaf_new();
        tw_csaf_stats st;
        tw_diags d;

        print_message("case %s\n", k->fixture);
        tw_diags_init(&d);
        assert_int_equal(load_file(c, k->fixture, &d), TW_OK);
        tw_csaf_stats_get(c, &st);
        assert_int_equal(st.documents, 1);
        assert_int_equal(st.products, k->products);
        assert_int_equal(st.network, k->network);
        assert_int_equal(st.vulns, k->vulns);
        assert_int_equal(tw_csaf_vuln_count(c), k->vulns);
        assert_int_equal(st.statements, k->statements);
        assert_int_equal(st.unparsed, k->unparsed);
        assert_int_equal(d.n, k->warnings);
        assert_int_equal(d.errors, 0);
        tw_diags_release(&d);
        tw_csaf_free(c);
    }
}

/* Several documents: tw_csaf_eval lists every pair with a statement. */
static void test_eval_all(void **state)
{
    tw_csaf *c = tw_csaf_new();
    tw_csaf_match m[4];
    tw_version v;
    tw_diags d;

    (void)state;
    tw_diags_init(&d);
    assert_int_equal(load_file(c, "data/csaf/cisco.json", &d), TW_OK);
    assert_int_equal(load_file(c, "data/csaf/paloalto.json", &d), TW_OK);
    assert_int_equal(load_file(c, "data/csaf/fortinet.json", &d), TW_OK);
    assert_int_equal(tw_csaf_vuln_count(c), 4);
    assert_int_equal(tw_version_parse(TW_OS_PAN_OS, TW_STR("10.2.9"), &v), TW_OK);
    assert_int_equal(tw_csaf_eval(c, &v, m, N(m)), 2);
    assert_string_equal(m[0].cve, "CVE-2024-3400");
    assert_int_equal(m[0].status, AFF);
    assert_string_equal(m[0].file, "data/csaf/paloalto.json");
    assert_string_equal(m[0].title,
                        "PAN-OS: OS Command Injection Vulnerability in GlobalProtect (test)");
    assert_string_equal(m[1].cve, "CVE-2024-0001");
    assert_int_equal(m[1].status, NA);
    assert_int_equal(tw_csaf_eval(c, &v, NULL, 0), 2);
    assert_int_equal(tw_csaf_eval_at(c, 0, &v, &m[0]), NONE);
    assert_string_equal(m[0].cve, "CVE-2018-0171");
    assert_string_equal(m[0].tracking_id, "cisco-sa-test-smi");
    tw_diags_release(&d);
    tw_csaf_free(c);
}

struct bad_case {
    const char *name;
    const char *text;
    tw_err rc;
    uint32_t line;
};

static const struct bad_case bad_cases[] = {
    {"empty", "", TW_EJSON, 1},
    {"array", "[]", TW_EPARSE, 0},
    {"no tracking", "{\"document\": {\"csaf_version\": \"2.0\"}}", TW_EPARSE, 0},
    {"truncated", "{\n\"document\": {\n\"csaf_version\": \"2.0\",", TW_EJSON, 3},
    {"minimal", "{\"document\": {\"csaf_version\": \"2.0\", \"tracking\": {\"id\": \"X\"}}}", TW_OK,
     0},
    {"odd shapes",
     "{\"document\": {\"csaf_version\": \"2.0\", \"tracking\": {\"id\": \"X\"}},"
     " \"product_tree\": {\"branches\": [1, {\"category\": 2}, {\"category\": \"vendor\", \"name\":"
     " \"Cisco\", \"branches\": {}}], \"full_product_names\": [{\"name\": \"IOS\"}], "
     "\"relationships\": [{\"product_reference\": \"nope\", \"full_product_name\": "
     "{\"product_id\": \"a\", \"name\": \"b\"}}]},"
     " \"vulnerabilities\": [1, {\"cve\": 5}, {\"cve\": \"CVE-1\", \"product_status\": "
     "{\"known_affected\": [7, \"missing\"]}, \"remediations\": [1, {\"category\": \"vendor_fix\","
     " \"product_ids\": [3]}]}]}",
     TW_OK, 0},
};

static void test_bad_inputs(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(bad_cases); i++) {
        const struct bad_case *k = &bad_cases[i];
        tw_csaf *c = tw_csaf_new();
        tw_csaf_stats st;
        tw_diags d;

        print_message("case %s\n", k->name);
        tw_diags_init(&d);
        assert_int_equal(tw_csaf_load(c, "in.json", k->text, strlen(k->text), &d), k->rc);
        tw_csaf_stats_get(c, &st);
        assert_int_equal(st.documents, k->rc == TW_OK ? 1 : 0);
        assert_int_equal(d.n > 0 ? d.v[0].line : 0, k->line);
        assert_int_equal(d.errors, k->rc == TW_OK ? 0 : 1);
        tw_diags_release(&d);
        tw_csaf_free(c);
    }
}

static void test_fixture_errors(void **state)
{
    tw_csaf *c = tw_csaf_new();
    tw_diags d;

    (void)state;
    tw_diags_init(&d);
    assert_int_equal(load_file(c, "data/csaf/not_csaf.json", &d), TW_EPARSE);
    assert_int_equal(load_file(c, "data/csaf/broken.json", &d), TW_EJSON);
    assert_int_equal(d.v[1].line, 4);
    assert_int_equal(tw_csaf_vuln_count(c), 0);
    tw_diags_release(&d);
    tw_csaf_free(c);
}

/* A product tree nested deeper than TW_LIMIT_DEPTH is refused. */
static void test_depth(void **state)
{
    static const char head[] = "{\"document\": {\"csaf_version\": \"2.0\", \"tracking\": {\"id\": "
                               "\"X\"}}, \"product_tree\": {\"branches\": ";
    static const char open[] =
        "[{\"category\": \"product_family\", \"name\": \"f\", \"branches\": ";
    size_t levels = TW_LIMIT_DEPTH + 5, len = 0;
    char *text = malloc(sizeof(head) + levels * (sizeof(open) + 2) + 8);
    tw_csaf *c = tw_csaf_new();
    tw_diags d;

    (void)state;
    assert_non_null(text);
    memcpy(text, head, sizeof(head) - 1);
    len = sizeof(head) - 1;
    for (size_t i = 0; i < levels; i++) {
        memcpy(text + len, open, sizeof(open) - 1);
        len += sizeof(open) - 1;
    }
    memcpy(text + len, "[]", 2);
    len += 2;
    for (size_t i = 0; i < levels; i++) {
        memcpy(text + len, "}]", 2);
        len += 2;
    }
    memcpy(text + len, "}}", 2);
    len += 2;
    tw_diags_init(&d);
    assert_int_equal(tw_csaf_load(c, "deep.json", text, len, &d), TW_ELIMIT);
    assert_int_equal(tw_csaf_vuln_count(c), 0);
    tw_diags_release(&d);
    tw_csaf_free(c);
    free(text);
}

static void test_status_names(void **state)
{
    (void)state;
    assert_string_equal(tw_csaf_status_name(AFF), "affected");
    assert_string_equal(tw_csaf_status_name(FIX), "fixed");
    assert_string_equal(tw_csaf_status_name(NA), "not-affected");
    assert_string_equal(tw_csaf_status_name(NONE), "none");
    assert_string_equal(tw_csaf_status_name((tw_csaf_status)9), "none");
}

/* Cisco's real Smart Install advisory: releases it lists are affected. */
static const struct eval_case smi_cases[] = {
    {TW_OS_IOS, "15.0(2)SE9", "CVE-2018-0171", AFF, "Cisco IOS 15.0SE 15.0(2)SE9", "-", "-"},
    {TW_OS_IOS, "15.0(2)SE10a", "CVE-2018-0171", AFF, "Cisco IOS 15.0SE 15.0(2)SE10a", "-", "-"},
    {TW_OS_IOS, "12.2(55)SE", "CVE-2018-0171", AFF, "Cisco IOS 12.2SE 12.2(55)SE", "-", "-"},
    {TW_OS_IOS_XE, "03.06.05E", "CVE-2018-0171", AFF, "Cisco IOS XE Software 3.6E 3.6.5E", "-",
     "-"},
    {TW_OS_IOS, "15.0(2)SE13", "CVE-2018-0171", NONE, "-", "-", "-"},
    {TW_OS_IOS_XE, "17.9.4a", "CVE-2018-0171", NONE, "-", "-", "-"},
};

static void test_corpus_cisco(void **state)
{
    tw_csaf *c = tw_csaf_new();
    tw_csaf_stats st;
    tw_diags d;

    (void)state;
    tw_diags_init(&d);
    if (load_file(c, TW_CORPUS_DIR "/csaf/cisco-sa-20180328-smi2.json", &d) == TW_ENOENT) {
        tw_csaf_free(c);
        skip();
    }
    tw_csaf_stats_get(c, &st);
    assert_int_equal(st.products, 259);
    assert_int_equal(st.network, 259);
    assert_int_equal(st.unparsed, 0);
    assert_int_equal(st.statements, 259);
    assert_int_equal(d.n, 0);
    tw_diags_release(&d);
    tw_csaf_free(c);
    run_cases(TW_CORPUS_DIR "/csaf/cisco-sa-20180328-smi2.json", smi_cases, N(smi_cases),
              "cisco-sa-20180328-smi2");
}

/* The other corpus advisories load and say nothing about network OSes. */
static void test_corpus_others(void **state)
{
    static const char *const files[] = {"bsi-2022-0001.json", "rhsa-2021_5186.json",
                                        "rhsa-2022_0011.json", "sec-vex-2022-0001.json"};
    tw_csaf *c = tw_csaf_new();
    tw_csaf_stats st;
    tw_version v;
    tw_diags d;
    char path[1024];

    (void)state;
    tw_diags_init(&d);
    snprintf(path, sizeof(path), "%s/csaf/%s", TW_CORPUS_DIR, files[0]);
    if (load_file(c, path, &d) == TW_ENOENT) {
        tw_csaf_free(c);
        skip();
    }
    for (size_t i = 1; i < N(files); i++) {
        snprintf(path, sizeof(path), "%s/csaf/%s", TW_CORPUS_DIR, files[i]);
        assert_int_equal(load_file(c, path, &d), TW_OK);
    }
    tw_csaf_stats_get(c, &st);
    assert_int_equal(st.documents, N(files));
    assert_true(st.products > 10);
    assert_true(st.vulns >= 4);
    assert_int_equal(st.network, 0);
    assert_int_equal(d.errors, 0);
    assert_int_equal(tw_version_parse(TW_OS_IOS_XE, TW_STR("17.9.4a"), &v), TW_OK);
    assert_int_equal(tw_csaf_eval(c, &v, NULL, 0), 0);
    assert_int_equal(tw_version_parse(TW_OS_FORTIOS, TW_STR("1.0.0"), &v), TW_OK);
    assert_int_equal(tw_csaf_eval(c, &v, NULL, 0), 0);
    tw_diags_release(&d);
    tw_csaf_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cisco),          cmocka_unit_test(test_paloalto),
        cmocka_unit_test(test_fortinet),       cmocka_unit_test(test_stats),
        cmocka_unit_test(test_eval_all),       cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_fixture_errors), cmocka_unit_test(test_depth),
        cmocka_unit_test(test_status_names),   cmocka_unit_test(test_corpus_cisco),
        cmocka_unit_test(test_corpus_others),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
