/*
 * test_kev.c: the KEV catalog loader (lib/parse/kev.c): a fixture in the
 * real format with good, malformed and duplicate entries; lookups by CVE
 * id, order, per-OS lists; the OS mask of the catalog's vendor and product
 * spellings; inputs that are not catalogs; and the real catalog in
 * TW_CORPUS_DIR when present.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/file.h"
#include "tidewatch/kev.h"
#include "tidewatch/limits.h"
#include "tidewatch/version.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define BIT(os) (1u << (TW_OS_##os))

/* Loads path into a fresh catalog; the file must exist. */
static tw_kev *load_fixture(const char *path, tw_diags *d, tw_err *rc)
{
    tw_kev *k = tw_kev_new();
    tw_file f;

    assert_non_null(k);
    assert_int_equal(tw_file_read(path, TW_LIMIT_FILE_SIZE, &f), TW_OK);
    *rc = tw_kev_load(k, path, f.data, f.len, d);
    tw_file_release(&f);
    return k;
}

static void test_load_fixture(void **state)
{
    tw_diags d;
    tw_err rc;
    tw_kev *k;

    (void)state;
    tw_diags_init(&d);
    k = load_fixture("data/kev/catalog.json", &d, &rc);
    assert_int_equal(rc, TW_OK);
    assert_int_equal(tw_kev_count(k), 6);
    assert_int_equal(tw_kev_declared_count(k), 9);
    assert_string_equal(tw_kev_title(k), "CISA Catalog of Known Exploited Vulnerabilities");
    assert_string_equal(tw_kev_catalog_version(k), "2025.08.25");
    assert_string_equal(tw_kev_date_released(k), "2025-08-25T17:04:19.9796Z");
    assert_int_equal(d.n, 3);
    assert_int_equal(d.errors, 0);
    assert_non_null(strstr(d.v[0].message, "cveID"));
    assert_non_null(strstr(d.v[1].message, "dueDate"));
    assert_non_null(strstr(d.v[2].message, "CVE-2024-3400 listed again"));
    assert_string_equal(d.v[0].file, "data/kev/catalog.json");
    tw_diags_release(&d);
    tw_kev_free(k);
}

struct find_case {
    const char *query;
    const char *cve; /* NULL: not found */
    const char *vendor, *product, *added, *due, *ransomware, *cwes, *notes_prefix;
    uint32_t mask;
};

static const struct find_case find_cases[] = {
    {"CVE-2023-20198", "CVE-2023-20198", "Cisco", "IOS XE Web UI", "2023-10-16", "2023-10-20",
     "Unknown", "CWE-20", "https://sec.cloudapps", BIT(IOS_XE)},
    {" cve-2024-3400 ", "CVE-2024-3400", "Palo Alto Networks", "PAN-OS", "2024-04-12", "2024-04-19",
     "Known", "CWE-77", "https://security.paloaltonetworks", BIT(PAN_OS)},
    {"CVE-2018-0171", "CVE-2018-0171", "Cisco", "IOS and IOS XE Software", "2021-11-03",
     "2022-05-03", "Unknown", "CWE-787,CWE-20", "", BIT(IOS) | BIT(IOS_XE)},
    {"CVE-2019-11510", "CVE-2019-11510", "Ivanti", "Pulse Connect Secure", "2021-11-03",
     "2022-04-15", NULL, "", "", BIT(IVANTI_ICS)},
    {"CVE-2023-3519", "CVE-2023-3519", "Citrix", "NetScaler ADC and NetScaler Gateway",
     "2023-07-19", "2023-08-09", "Known", "CWE-94", "", 0},
    {"CVE-2022-0001", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0},
    {"CVE-23-1", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0},
    {"CVE-2023-2019", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0},
    {"garbage", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0},
    {"", NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0},
};

/* Compares an entry (possibly NULL) with the expected fields. */
static void check_entry(const tw_kev_entry *e, const struct find_case *c)
{
    assert_int_equal(e != NULL, c->cve != NULL);
    assert_string_equal(e != NULL ? e->cve_id : "-", c->cve != NULL ? c->cve : "-");
    assert_string_equal(e != NULL ? e->vendor : "-", c->vendor != NULL ? c->vendor : "-");
    assert_string_equal(e != NULL ? e->product : "-", c->product != NULL ? c->product : "-");
    assert_string_equal(e != NULL ? e->date_added : "-", c->added != NULL ? c->added : "-");
    assert_string_equal(e != NULL ? e->due_date : "-", c->due != NULL ? c->due : "-");
    assert_string_equal(e != NULL && e->ransomware != NULL ? e->ransomware : "-",
                        c->ransomware != NULL ? c->ransomware : "-");
    assert_string_equal(e != NULL ? e->cwes : "-", c->cwes != NULL ? c->cwes : "-");
    assert_true(strncmp(e != NULL ? e->notes : "-", c->notes_prefix != NULL ? c->notes_prefix : "-",
                        strlen(c->notes_prefix != NULL ? c->notes_prefix : "-")) == 0);
    assert_int_equal(e != NULL ? e->os_mask : 0, c->mask);
}

static void test_find(void **state)
{
    tw_diags d;
    tw_err rc;
    tw_kev *k;

    (void)state;
    tw_diags_init(&d);
    k = load_fixture("data/kev/catalog.json", &d, &rc);
    for (size_t i = 0; i < N(find_cases); i++) {
        print_message("case %s\n", find_cases[i].query);
        check_entry(tw_kev_find(k, tw_str_c(find_cases[i].query)), &find_cases[i]);
    }
    assert_string_equal(tw_kev_find(k, TW_STR("CVE-2024-3400"))->name,
                        "Palo Alto Networks PAN-OS Command Injection Vulnerability");
    tw_diags_release(&d);
    tw_kev_free(k);
}

static void test_order_and_os(void **state)
{
    static const char *const order[] = {"CVE-2018-0171", "CVE-2019-11510", "CVE-2021-44228",
                                        "CVE-2023-3519", "CVE-2023-20198", "CVE-2024-3400"};
    const tw_kev_entry *out[4];
    tw_diags d;
    tw_err rc;
    tw_kev *k;

    (void)state;
    tw_diags_init(&d);
    k = load_fixture("data/kev/catalog.json", &d, &rc);
    for (size_t i = 0; i < N(order); i++)
        assert_string_equal(tw_kev_at(k, i)->cve_id, order[i]);
    assert_null(tw_kev_at(k, N(order)));
    assert_int_equal(tw_kev_for_os(k, BIT(IOS_XE), out, 1), 2);
    assert_string_equal(out[0]->cve_id, "CVE-2018-0171");
    assert_int_equal(tw_kev_for_os(k, BIT(IOS_XE), out, 4), 2);
    assert_string_equal(out[1]->cve_id, "CVE-2023-20198");
    assert_int_equal(tw_kev_for_os(k, BIT(PAN_OS) | BIT(IVANTI_ICS), out, 4), 2);
    assert_int_equal(tw_kev_for_os(k, BIT(JUNOS), NULL, 0), 0);
    tw_diags_release(&d);
    tw_kev_free(k);
}

static void test_load_twice(void **state)
{
    tw_diags d;
    tw_err rc;
    tw_kev *k;
    tw_file f;

    (void)state;
    tw_diags_init(&d);
    k = load_fixture("data/kev/catalog.json", &d, &rc);
    assert_int_equal(tw_file_read("data/kev/catalog.json", TW_LIMIT_FILE_SIZE, &f), TW_OK);
    assert_int_equal(tw_kev_load(k, "again.json", f.data, f.len, &d), TW_OK);
    tw_file_release(&f);
    assert_int_equal(tw_kev_count(k), 6);
    assert_string_equal(tw_kev_find(k, TW_STR("CVE-2023-20198"))->file, "data/kev/catalog.json");
    assert_int_equal(d.n, 3 + 3 + 6);
    tw_diags_release(&d);
    tw_kev_free(k);
}

struct bad_case {
    const char *name;
    const char *text;
    tw_err rc;
    uint32_t line;
    size_t count;
    size_t len; /* 0: strlen(text) */
};

static const struct bad_case bad_cases[] = {
    {"empty", "", TW_EJSON, 1, 0, 0},
    {"array", "[]", TW_EPARSE, 0, 0, 0},
    {"not an array", "{\"vulnerabilities\": {}}", TW_EPARSE, 0, 0, 0},
    {"nul", "{\"vulnerabilities\": [\0]}", TW_EJSON, 1, 0,
     sizeof("{\"vulnerabilities\": [\0]}") - 1},
    {"truncated", "{\n\"vulnerabilities\": [\n{\"cveID\": \"CVE-2020-0001\"", TW_EJSON, 3, 0, 0},
    {"duplicate key", "{\"vulnerabilities\": [], \"vulnerabilities\": []}", TW_EJSON, 1, 0, 0},
    {"entry not object", "{\"count\": 2, \"vulnerabilities\": [1, \"x\"]}", TW_OK, 0, 0, 0},
    {"no entries", "{\"vulnerabilities\": []}", TW_OK, 0, 0, 0},
};

static void test_bad_inputs(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(bad_cases); i++) {
        const struct bad_case *c = &bad_cases[i];
        tw_kev *k = tw_kev_new();
        size_t len = c->len > 0 ? c->len : strlen(c->text);
        tw_diags d;

        print_message("case %s\n", c->name);
        tw_diags_init(&d);
        assert_int_equal(tw_kev_load(k, "in.json", c->text, len, &d), c->rc);
        assert_int_equal(tw_kev_count(k), c->count);
        assert_int_equal(d.n > 0 ? d.v[0].line : 0, c->line);
        assert_true(c->rc == TW_OK || d.errors == 1);
        tw_diags_release(&d);
        tw_kev_free(k);
    }
}

static void test_fixture_errors(void **state)
{
    tw_diags d;
    tw_err rc;
    tw_kev *k;

    (void)state;
    tw_diags_init(&d);
    k = load_fixture("data/kev/not_kev.json", &d, &rc);
    assert_int_equal(rc, TW_EPARSE);
    tw_kev_free(k);
    k = load_fixture("data/kev/broken.json", &d, &rc);
    assert_int_equal(rc, TW_EJSON);
    assert_int_equal(d.v[1].line, 3);
    assert_int_equal(tw_kev_count(k), 0);
    tw_diags_release(&d);
    tw_kev_free(k);
}

struct mask_case {
    const char *vendor, *product;
    uint32_t mask;
};

static const struct mask_case mask_cases[] = {
    {"Cisco", "IOS", BIT(IOS)},
    {"Cisco", "IOS Software", BIT(IOS)},
    {"Cisco", "IOS software", BIT(IOS)},
    {"Cisco", "IOS and IOS XE", BIT(IOS) | BIT(IOS_XE)},
    {"Cisco", "IOS and IOS XE Software", BIT(IOS) | BIT(IOS_XE)},
    {"Cisco", "IOS Software and Cisco IOS XE Software", BIT(IOS) | BIT(IOS_XE)},
    {"Cisco", "IOS, IOS XR, and IOS XE", BIT(IOS) | BIT(IOS_XR) | BIT(IOS_XE)},
    {"Cisco", "IOS, XR, and XE Software", BIT(IOS) | BIT(IOS_XR) | BIT(IOS_XE)},
    {"Cisco", "IOS XE Software", BIT(IOS_XE)},
    {"Cisco", "IOS XE Web UI", BIT(IOS_XE)},
    {"Cisco", "Cisco IOS XE Web UI", BIT(IOS_XE)},
    {"Cisco", "IOS XR", BIT(IOS_XR)},
    {"Cisco", "NX-OS", BIT(NX_OS)},
    {"Cisco", "Adaptive Security Appliance (ASA)", BIT(ASA)},
    {"Cisco", "Adaptive Security Appliance (ASA) and Firepower Threat Defense (FTD)", BIT(ASA)},
    {"Cisco", "Small Business RV320 and RV325 Routers", 0},
    {"Cisco", "Identity Services Engine", 0},
    {"Palo Alto Networks", "PAN-OS", BIT(PAN_OS)},
    {"Palo Alto Networks", "Expedition", 0},
    {"Ivanti", "Pulse Connect Secure", BIT(IVANTI_ICS)},
    {"Ivanti ", "Connect Secure and Policy Secure", BIT(IVANTI_ICS) | BIT(IVANTI_IPS)},
    {"Ivanti", "Connect Secure, Policy Secure, and ZTA Gateways",
     BIT(IVANTI_ICS) | BIT(IVANTI_IPS)},
    {"Ivanti", "Endpoint Manager Mobile (EPMM)", 0},
    {"Pulse Secure", "Pulse Connect Secure", BIT(IVANTI_ICS)},
    {"Juniper", "Junos OS", BIT(JUNOS)},
    {"Fortinet", "FortiOS", BIT(FORTIOS)},
    {"Fortinet", "FortiOS and FortiProxy SSL-VPN", BIT(FORTIOS)},
    {"Fortinet", "FortiManager", 0},
    {"Fortinet", "Multiple Products", 0},
    {"Citrix", "NetScaler ADC and NetScaler Gateway", 0},
    {"Canon", "EOS", 0},
    {"Example", "IOS", 0},
    {"", "", 0},
};

static void test_os_mask(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(mask_cases); i++) {
        print_message("case %s / %s\n", mask_cases[i].vendor, mask_cases[i].product);
        assert_int_equal(
            tw_kev_os_mask(tw_str_c(mask_cases[i].vendor), tw_str_c(mask_cases[i].product)),
            mask_cases[i].mask);
    }
}

/* The real catalog: every entry loads; a few known entries and spellings. */
static void test_corpus(void **state)
{
    const tw_kev_entry *e;
    tw_kev *k = tw_kev_new();
    tw_diags d;
    tw_file f;

    (void)state;
    if (tw_file_read(TW_CORPUS_DIR "/kev/known_exploited_vulnerabilities.json", TW_LIMIT_FILE_SIZE,
                     &f) != TW_OK) {
        tw_kev_free(k);
        skip();
    }
    tw_diags_init(&d);
    assert_int_equal(tw_kev_load(k, "kev.json", f.data, f.len, &d), TW_OK);
    tw_file_release(&f);
    assert_int_equal(d.n, 0);
    assert_true(tw_kev_declared_count(k) > 1000);
    assert_int_equal(tw_kev_count(k), tw_kev_declared_count(k));
    e = tw_kev_find(k, TW_STR("CVE-2023-20198"));
    assert_non_null(e);
    assert_string_equal(e->date_added, "2023-10-16");
    assert_string_equal(e->due_date, "2023-10-20");
    assert_int_equal(e->os_mask, BIT(IOS_XE));
    assert_int_equal(tw_kev_find(k, TW_STR("CVE-2018-0171"))->os_mask, BIT(IOS) | BIT(IOS_XE));
    assert_int_equal(tw_kev_find(k, TW_STR("CVE-2024-3400"))->os_mask, BIT(PAN_OS));
    assert_string_equal(tw_kev_find(k, TW_STR("CVE-2024-3400"))->ransomware, "Known");
    assert_int_equal(tw_kev_find(k, TW_STR("CVE-2023-46805"))->os_mask,
                     BIT(IVANTI_ICS) | BIT(IVANTI_IPS));
    assert_true(tw_kev_for_os(k, BIT(IOS) | BIT(IOS_XE), NULL, 0) >= 20);
    assert_true(tw_kev_for_os(k, BIT(JUNOS), NULL, 0) >= 5);
    assert_true(tw_kev_for_os(k, BIT(FORTIOS), NULL, 0) >= 10);
    tw_diags_release(&d);
    tw_kev_free(k);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_fixture), cmocka_unit_test(test_find),
        cmocka_unit_test(test_order_and_os), cmocka_unit_test(test_load_twice),
        cmocka_unit_test(test_bad_inputs),   cmocka_unit_test(test_fixture_errors),
        cmocka_unit_test(test_os_mask),      cmocka_unit_test(test_corpus),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
