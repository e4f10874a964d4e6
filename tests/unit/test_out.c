/*
 * test_out.c: the writers of lib/out on hand-built findings.
 *
 * Exact output for text, jsonl and csv (a null line, a null device, empty
 * and non-empty arrays); jsonl and SARIF parsed back with jansson and their
 * fields checked; a hostile finding (HTML, OSC title change, formula) shown
 * inert in every format; sink errors propagated; format names.
 *
 * When the environment names a file in TW_SARIF_OUT, the SARIF sample is
 * also written there, for tests/sarif/validate.js (the schema check).
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

#include "tidewatch/out.h"
#include "tidewatch/rules.h"

/* ---- fixtures ---------------------------------------------------------- */

static const char *const f1_attack[] = {"T1572", "T1599"};
static const char *const f1_refs[] = {"AA25-239A"};
static const char *const f3_attack[] = {"T1190"};
static const char *const f3_refs[] = {"CVE-2018-0171", "https://example.org/a?b=1&c=<2>"};

static const tw_detail f1_details[] = {{"state", "exposed"}, {"fixed", "17.9.4a"}};
static const tw_detail f3_details[] = {{"note", "=\x1b[31mred <i>"}};

/* A full finding. */
static const tw_finding f1 = {
    "TW-AA-TUNNEL-PUBLIC",
    TW_SEV_HIGH,
    TW_CAT_COMPROMISE,
    "GRE or IPsec tunnel to a public address",
    "Tunnel0 ends at public address 203.0.113.9.",
    "configs/r1.cfg",
    12,
    "r1",
    " tunnel destination 203.0.113.9",
    "203.0.113.9",
    NULL,
    f1_attack,
    2,
    f1_refs,
    1,
    "no interface Tunnel0",
    "alice",
    f1_details,
    2,
};

/* A missing setting: no line, device, evidence, arrays empty, two-line fix. */
static const tw_finding f2 = {
    "TW-HARD-NO-LOGGING",
    TW_SEV_LOW,
    TW_CAT_HARDENING,
    "No remote logging",
    "No logging host is configured.",
    "configs/edge 2.cfg",
    0,
    NULL,
    NULL,
    NULL,
    NULL,
    NULL,
    0,
    NULL,
    0,
    "logging host 192.0.2.10\nlogging trap informational",
    NULL,
    NULL,
    0,
};

/* The same rule, file and evidence as f1 on another line. */
static const tw_finding f1_moved = {
    "TW-AA-TUNNEL-PUBLIC",
    TW_SEV_HIGH,
    TW_CAT_COMPROMISE,
    "GRE or IPsec tunnel to a public address",
    "Tunnel0 ends at public address 203.0.113.9.",
    "configs/r1.cfg",
    40,
    "r1",
    " tunnel destination 203.0.113.9",
    "203.0.113.9",
    NULL,
    f1_attack,
    2,
    f1_refs,
    1,
    "no interface Tunnel0",
    NULL,
    NULL,
    0,
};

#define HOSTILE_EVIDENCE                                                                           \
    "<script>alert(1)</script>\x1b]0;owned\x07 \xc2\x9b"                                           \
    "2J \xff"

/* What a compromised device might write into its own configuration. */
static const tw_finding f3 = {
    "TW-EXP-SMART-INSTALL",
    TW_SEV_CRITICAL,
    TW_CAT_EXPOSURE,
    "Smart Install <b>exposed</b>",
    "banner says \x1b[2J\x1b[31mall clear",
    "dir/<x>\x1b[1m.cfg",
    3,
    "r\x1b]0;owned\x07",
    HOSTILE_EVIDENCE,
    NULL,
    "CVE-2018-0171",
    f3_attack,
    1,
    f3_refs,
    2,
    "=cmd|' /C calc'!A0",
    "\x1b[31mroot",
    f3_details,
    1,
};

/* ---- sinks ------------------------------------------------------------- */

typedef struct {
    tw_buf out;
    int calls;
    int fail_at; /* the call (1-based) from which the sink fails; 0: never */
} sink;

static tw_err sink_write(void *ud, const char *data, size_t len)
{
    sink *s = ud;

    s->calls++;
    if (s->fail_at != 0 && s->calls >= s->fail_at)
        return TW_EIO;
    return tw_buf_add(&s->out, data, len);
}

/* Renders n findings in format fmt and returns the output (caller frees). */
static char *render(tw_format fmt, bool color, const tw_finding *const *v, size_t n,
                    const tw_ruleset *rules)
{
    sink s = {.fail_at = 0};
    tw_writer_opts o = {fmt, sink_write, &s, color, "0.1.0", rules, "https://example.org/tw", NULL};
    tw_writer *w;
    size_t i;

    tw_buf_init(&s.out, 0);
    w = tw_writer_new(&o);
    assert_non_null(w);
    for (i = 0; i < n; i++)
        assert_int_equal(tw_writer_add(w, v[i]), TW_OK);
    assert_int_equal(tw_writer_finish(w), TW_OK);
    tw_writer_free(w);
    return tw_buf_detach(&s.out, NULL);
}

/* ---- exact output ------------------------------------------------------ */

#define CSV_HEADER                                                                                 \
    "severity,category,rule,device,user,file,line,title,message,evidence,ioc,cve,attack,"          \
    "references,remediation,details\r\n"

#define JSONL_F1                                                                                   \
    "{\"rule\":\"TW-AA-TUNNEL-PUBLIC\",\"severity\":\"high\",\"category\":\"compromise\","         \
    "\"title\":\"GRE or IPsec tunnel to a public address\",\"message\":\"Tunnel0 ends at "         \
    "public address 203.0.113.9.\",\"file\":\"configs/r1.cfg\",\"line\":12,\"device\":\"r1\","     \
    "\"user\":\"alice\",\"evidence\":\" tunnel destination "                                       \
    "203.0.113.9\",\"ioc\":\"203.0.113.9\",\"cve\":null,"                                          \
    "\"attack\":[\"T1572\",\"T1599\"],\"references\":[\"AA25-239A\"],"                             \
    "\"remediation\":\"no interface Tunnel0\","                                                    \
    "\"details\":{\"state\":\"exposed\",\"fixed\":\"17.9.4a\"}}\n"

#define JSONL_F2                                                                                   \
    "{\"rule\":\"TW-HARD-NO-LOGGING\",\"severity\":\"low\",\"category\":\"hardening\","            \
    "\"title\":\"No remote logging\",\"message\":\"No logging host is configured.\","              \
    "\"file\":\"configs/edge 2.cfg\",\"line\":null,\"device\":null,\"user\":null,"                 \
    "\"evidence\":null,"                                                                           \
    "\"ioc\":null,\"cve\":null,\"attack\":[],\"references\":[],"                                   \
    "\"remediation\":\"logging host 192.0.2.10\\nlogging trap informational\","                    \
    "\"details\":{}}\n"

#define CSV_F1                                                                                     \
    "high,compromise,TW-AA-TUNNEL-PUBLIC,r1,alice,configs/r1.cfg,12,GRE or IPsec tunnel to a "     \
    "public "                                                                                      \
    "address,Tunnel0 ends at public address 203.0.113.9., tunnel destination 203.0.113.9,"         \
    "203.0.113.9,,T1572;T1599,AA25-239A,no interface Tunnel0,state=exposed;fixed=17.9.4a\r\n"

#define CSV_F2                                                                                     \
    "low,hardening,TW-HARD-NO-LOGGING,,,configs/edge 2.cfg,,No remote logging,No logging host "    \
    "is configured.,,,,,,\"logging host 192.0.2.10\nlogging trap informational\",\r\n"

#define TEXT_F1_BODY                                                                               \
    "configs/r1.cfg:12  TW-AA-TUNNEL-PUBLIC  r1  user alice\n"                                     \
    "  Tunnel0 ends at public address 203.0.113.9.\n"                                              \
    "  >  tunnel destination 203.0.113.9\n"                                                        \
    "  state: exposed, fixed: 17.9.4a\n"                                                           \
    "  fix: no interface Tunnel0\n"                                                                \
    "\n"

#define TEXT_F2_BODY                                                                               \
    "configs/edge 2.cfg  TW-HARD-NO-LOGGING\n"                                                     \
    "  No logging host is configured.\n"                                                           \
    "  fix: logging host 192.0.2.10\n"                                                             \
    "       logging trap informational\n"                                                          \
    "\n"

typedef struct {
    tw_format fmt;
    bool color;
    size_t n; /* how many of f1, f2 */
    const char *expect;
} exact_case;

static const exact_case exact_cases[] = {
    {TW_FMT_JSONL, false, 2, JSONL_F1 JSONL_F2},
    {TW_FMT_JSONL, false, 0, ""},
    {TW_FMT_CSV, false, 2, CSV_HEADER CSV_F1 CSV_F2},
    {TW_FMT_CSV, false, 0, CSV_HEADER},
    {TW_FMT_TEXT, false, 2,
     "HIGH      " TEXT_F1_BODY "LOW       " TEXT_F2_BODY
     "2 findings (0 critical, 1 high, 0 medium, 1 low, 0 info)\n"},
    {TW_FMT_TEXT, true, 2,
     "\x1b[31mHIGH\x1b[0m      " TEXT_F1_BODY "\x1b[36mLOW\x1b[0m       " TEXT_F2_BODY
     "2 findings (0 critical, 1 high, 0 medium, 1 low, 0 info)\n"},
    {TW_FMT_TEXT, false, 1,
     "HIGH      " TEXT_F1_BODY "1 finding (0 critical, 1 high, 0 medium, 0 low, 0 info)\n"},
    {TW_FMT_TEXT, true, 0, "no findings\n"},
    {TW_FMT_SARIF, false, 0,
     "{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\","
     "\"runs\":[{\"results\":[],\"tool\":{\"driver\":{\"name\":\"tidewatch\","
     "\"version\":\"0.1.0\",\"informationUri\":\"https://example.org/tw\",\"rules\":[]}}}]}\n"},
};

static void test_exact_output(void **state)
{
    const tw_finding *const v[] = {&f1, &f2};
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(exact_cases) / sizeof(exact_cases[0]); i++) {
        char *got = render(exact_cases[i].fmt, exact_cases[i].color, v, exact_cases[i].n, NULL);
        assert_string_equal(got, exact_cases[i].expect);
        free(got);
    }
}

/* Text colours per severity, and the summary counting each. */
static void test_text_colours(void **state)
{
    static const tw_finding base = {"R",  TW_SEV_INFO, TW_CAT_DRIFT, "t",  "m",  NULL, 0,
                                    NULL, NULL,        NULL,         NULL, NULL, 0,    NULL,
                                    0,    NULL,        NULL,         NULL, 0};
    tw_finding fs[5];
    const tw_finding *v[5];
    char *got;
    size_t i;

    (void)state;
    for (i = 0; i < 5; i++) {
        fs[i] = base;
        fs[i].severity = (tw_severity)i;
        v[i] = &fs[i];
    }
    got = render(TW_FMT_TEXT, true, v, 5, NULL);
    assert_string_equal(got, "\x1b[2mINFO\x1b[0m      -  R\n  m\n\n"
                             "\x1b[36mLOW\x1b[0m       -  R\n  m\n\n"
                             "\x1b[33mMEDIUM\x1b[0m    -  R\n  m\n\n"
                             "\x1b[31mHIGH\x1b[0m      -  R\n  m\n\n"
                             "\x1b[1;31mCRITICAL\x1b[0m  -  R\n  m\n\n"
                             "5 findings (1 critical, 1 high, 1 medium, 1 low, 1 info)\n");
    free(got);
}

/* ---- parsed back ------------------------------------------------------- */

static json_t *parse(const char *text, size_t len)
{
    json_error_t err;
    json_t *root = json_loadb(text, len, 0, &err);

    assert_non_null(root);
    return root;
}

static const char *jstr(json_t *obj, const char *path_key)
{
    return json_string_value(json_object_get(obj, path_key));
}

static void test_jsonl_parses(void **state)
{
    const tw_finding *const v[] = {&f1, &f2};
    char *got = render(TW_FMT_JSONL, false, v, 2, NULL);
    char *nl = strchr(got, '\n');
    json_t *a = parse(got, (size_t)(nl - got));
    json_t *b = parse(nl + 1, strlen(nl + 1));

    (void)state;
    assert_int_equal(json_object_size(a), 16);
    assert_string_equal(jstr(a, "rule"), "TW-AA-TUNNEL-PUBLIC");
    assert_string_equal(json_string_value(json_object_get(json_object_get(a, "details"), "fixed")),
                        "17.9.4a");
    assert_int_equal(json_object_size(json_object_get(b, "details")), 0);
    assert_string_equal(jstr(a, "user"), "alice");
    assert_true(json_is_null(json_object_get(b, "user")));
    assert_int_equal(json_integer_value(json_object_get(a, "line")), 12);
    assert_string_equal(json_string_value(json_array_get(json_object_get(a, "attack"), 1)),
                        "T1599");
    assert_true(json_is_null(json_object_get(a, "cve")));
    assert_true(json_is_null(json_object_get(b, "line")));
    assert_true(json_is_null(json_object_get(b, "device")));
    assert_int_equal(json_array_size(json_object_get(b, "references")), 0);
    assert_string_equal(jstr(b, "remediation"),
                        "logging host 192.0.2.10\nlogging trap informational");
    json_decref(a);
    json_decref(b);
    free(got);
}

/* Writes the SARIF sample to $TW_SARIF_OUT when set (for validate.js). */
static void save_sample(const char *text)
{
    const char *path = getenv("TW_SARIF_OUT");
    FILE *fp = path != NULL ? fopen(path, "w") : NULL;

    if (fp == NULL)
        return;
    fputs(text, fp);
    fclose(fp);
}

static json_t *sarif_run(json_t *root)
{
    return json_array_get(json_object_get(root, "runs"), 0);
}

static json_t *sarif_at(json_t *run, const char *key, size_t i)
{
    return json_array_get(json_object_get(run, key), i);
}

/* results[i].locations[0].physicalLocation */
static json_t *phys(json_t *result)
{
    return json_object_get(json_array_get(json_object_get(result, "locations"), 0),
                           "physicalLocation");
}

static void test_sarif_parses(void **state)
{
    const tw_finding *const v[] = {&f1, &f2, &f1_moved, &f3};
    char *got = render(TW_FMT_SARIF, false, v, 4, NULL);
    json_t *root = parse(got, strlen(got));
    json_t *run = sarif_run(root);
    json_t *driver = json_object_get(json_object_get(run, "tool"), "driver");
    json_t *rules = json_object_get(driver, "rules");
    json_t *r0 = sarif_at(run, "results", 0), *r1 = sarif_at(run, "results", 1);
    json_t *r2 = sarif_at(run, "results", 2), *r3 = sarif_at(run, "results", 3);
    json_t *loc0 = phys(r0), *loc1 = phys(r1);
    json_t *p1 = json_object_get(r1, "properties");

    (void)state;
    save_sample(got);
    assert_string_equal(jstr(root, "$schema"), "https://json.schemastore.org/sarif-2.1.0.json");
    assert_string_equal(jstr(root, "version"), "2.1.0");
    assert_int_equal(json_array_size(json_object_get(root, "runs")), 1);
    assert_string_equal(jstr(driver, "name"), "tidewatch");
    assert_string_equal(jstr(driver, "version"), "0.1.0");
    assert_string_equal(jstr(driver, "informationUri"), "https://example.org/tw");
    assert_int_equal(json_array_size(rules), 3);
    assert_string_equal(jstr(json_array_get(rules, 1), "id"), "TW-HARD-NO-LOGGING");
    assert_string_equal(jstr(json_object_get(json_array_get(rules, 0), "shortDescription"), "text"),
                        "GRE or IPsec tunnel to a public address");
    assert_string_equal(
        jstr(json_object_get(json_array_get(rules, 0), "properties"), "security-severity"), "8.0");
    assert_string_equal(
        jstr(json_object_get(json_array_get(rules, 2), "properties"), "security-severity"), "9.5");
    assert_string_equal(
        json_string_value(json_array_get(
            json_object_get(json_object_get(json_array_get(rules, 0), "properties"), "tags"), 2)),
        "compromise");
    assert_int_equal(json_array_size(json_object_get(run, "results")), 4);
    assert_int_equal(json_integer_value(json_object_get(r2, "ruleIndex")), 0);
    assert_int_equal(json_integer_value(json_object_get(r1, "ruleIndex")), 1);
    assert_string_equal(jstr(r0, "level"), "error");
    assert_string_equal(jstr(r1, "level"), "note");
    assert_string_equal(jstr(json_object_get(r0, "message"), "text"),
                        "Tunnel0 ends at public address 203.0.113.9.");
    assert_string_equal(jstr(json_object_get(loc0, "artifactLocation"), "uri"), "configs/r1.cfg");
    assert_int_equal(
        json_integer_value(json_object_get(json_object_get(loc0, "region"), "startLine")), 12);
    assert_string_equal(jstr(json_object_get(json_object_get(loc0, "region"), "snippet"), "text"),
                        " tunnel destination 203.0.113.9");
    assert_string_equal(jstr(json_object_get(loc1, "artifactLocation"), "uri"),
                        "configs/edge%202.cfg");
    assert_null(json_object_get(loc1, "region"));
    assert_string_equal(jstr(json_object_get(phys(r3), "artifactLocation"), "uri"),
                        "dir/%3Cx%3E%1B%5B1m.cfg");
    assert_true(json_is_null(json_object_get(p1, "device")));
    assert_string_equal(jstr(p1, "category"), "hardening");
    assert_int_equal(json_array_size(json_object_get(p1, "attack")), 0);
    assert_string_equal(jstr(json_object_get(r0, "partialFingerprints"), "tidewatch/v1"),
                        jstr(json_object_get(r2, "partialFingerprints"), "tidewatch/v1"));
    assert_string_not_equal(jstr(json_object_get(r0, "partialFingerprints"), "tidewatch/v1"),
                            jstr(json_object_get(r1, "partialFingerprints"), "tidewatch/v1"));
    assert_int_equal(strlen(jstr(json_object_get(r0, "partialFingerprints"), "tidewatch/v1")), 16);
    json_decref(root);
    free(got);
}

/* With a rule set, descriptors come from the rules, not the findings. */
static const char test_pack[] = "rules:\n"
                                "  - id: TW-TEST-SMART\n"
                                "    title: Smart Install client enabled\n"
                                "    severity: high\n"
                                "    category: hardening\n"
                                "    description: Smart Install listens on TCP 4786.\n"
                                "    when: {fact: service, name: smart-install, enabled: true}\n"
                                "    attack: [T1190]\n"
                                "    references: [AA25-239A]\n"
                                "    remediation:\n"
                                "      ios: no vstack\n"
                                "      default: Disable Smart Install.\n";

static void test_sarif_rule_metadata(void **state)
{
    tw_finding f = f2;
    const tw_finding *const v[] = {&f};
    tw_ruleset *rs = tw_ruleset_new();
    tw_diags diags;
    char *got;
    json_t *root, *rule;

    (void)state;
    f.rule = "TW-TEST-SMART";
    tw_diags_init(&diags);
    assert_non_null(rs);
    assert_int_equal(tw_ruleset_load(rs, "test.yaml", test_pack, sizeof(test_pack) - 1, &diags),
                     TW_OK);
    assert_int_equal(tw_ruleset_finish(rs, &diags), TW_OK);
    got = render(TW_FMT_SARIF, false, v, 1, rs);
    root = parse(got, strlen(got));
    rule = json_array_get(
        json_object_get(json_object_get(json_object_get(sarif_run(root), "tool"), "driver"),
                        "rules"),
        0);
    assert_string_equal(jstr(rule, "id"), "TW-TEST-SMART");
    assert_string_equal(jstr(rule, "name"), "TW-TEST-SMART");
    assert_string_equal(jstr(json_object_get(rule, "shortDescription"), "text"),
                        "Smart Install client enabled");
    assert_string_equal(jstr(json_object_get(rule, "fullDescription"), "text"),
                        "Smart Install listens on TCP 4786.");
    assert_string_equal(jstr(json_object_get(rule, "help"), "text"), "Disable Smart Install.");
    assert_string_equal(jstr(json_object_get(rule, "defaultConfiguration"), "level"), "error");
    assert_string_equal(jstr(json_object_get(rule, "properties"), "security-severity"), "8.0");
    assert_string_equal(json_string_value(json_array_get(
                            json_object_get(json_object_get(rule, "properties"), "tags"), 0)),
                        "T1190");
    assert_string_equal(jstr(sarif_at(sarif_run(root), "results", 0), "level"), "note");
    json_decref(root);
    free(got);
    tw_ruleset_free(rs);
    tw_diags_release(&diags);
}

/* ---- hostile input ----------------------------------------------------- */

typedef struct {
    tw_format fmt;
    const char *must;     /* what must be there */
    const char *must_not; /* what must not (besides ESC, BEL, C1 bytes) */
} hostile_case;

static const hostile_case hostile_cases[] = {
    {TW_FMT_TEXT, "\\x1b]0;owned\\x07 \\xc2\\x9b2J \\xff", "\x9b"},
    {TW_FMT_JSONL, "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\u001b]0;owned\\u0007",
     "<b>"},
    {TW_FMT_SARIF, "\\u003cscript\\u003e", "<b>"},
    {TW_FMT_CSV, "'=cmd|' /C calc'!A0", "\n=cmd"},
};

static void test_hostile_inert(void **state)
{
    const tw_finding *const v[] = {&f3};
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(hostile_cases) / sizeof(hostile_cases[0]); i++) {
        char *got = render(hostile_cases[i].fmt, false, v, 1, NULL);
        assert_non_null(strstr(got, hostile_cases[i].must));
        assert_null(strstr(got, hostile_cases[i].must_not));
        assert_null(strchr(got, '\x1b'));
        assert_null(strchr(got, '\x07'));
        assert_null(strstr(got, "\xc2\x9b"));
        free(got);
    }
}

/* The JSON forms are inert yet lossless: parsed back, the evidence is the
 * original text (invalid UTF-8 aside, which becomes U+FFFD). */
static void test_hostile_roundtrip(void **state)
{
    const tw_finding *const v[] = {&f3};
    char *jl = render(TW_FMT_JSONL, false, v, 1, NULL);
    char *sa = render(TW_FMT_SARIF, false, v, 1, NULL);
    json_t *a = parse(jl, strlen(jl)), *b = parse(sa, strlen(sa));
    const char *expect = "<script>alert(1)</script>\x1b]0;owned\x07 \xc2\x9b"
                         "2J \xef\xbf\xbd";

    (void)state;
    assert_string_equal(jstr(a, "evidence"), expect);
    assert_string_equal(jstr(a, "device"), "r\x1b]0;owned\x07");
    assert_string_equal(
        jstr(json_object_get(sarif_at(sarif_run(b), "results", 0), "properties"), "evidence"),
        expect);
    json_decref(a);
    json_decref(b);
    free(jl);
    free(sa);
}

/* ---- errors ------------------------------------------------------------ */

typedef struct {
    tw_format fmt;
    int fail_at;
    tw_err add, finish;
} sink_case;

static const sink_case sink_cases[] = {
    {TW_FMT_TEXT, 1, TW_EIO, TW_EIO},  {TW_FMT_JSONL, 1, TW_EIO, TW_EIO},
    {TW_FMT_SARIF, 1, TW_EIO, TW_EIO}, {TW_FMT_CSV, 1, TW_EIO, TW_EIO},
    {TW_FMT_TEXT, 2, TW_OK, TW_EIO},   {TW_FMT_SARIF, 2, TW_OK, TW_EIO},
    {TW_FMT_CSV, 2, TW_OK, TW_OK},     {TW_FMT_JSONL, 2, TW_OK, TW_OK},
};

static void test_sink_errors(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(sink_cases) / sizeof(sink_cases[0]); i++) {
        sink s = {.fail_at = sink_cases[i].fail_at};
        tw_writer_opts o = {sink_cases[i].fmt, sink_write, &s, false, "0.1.0", NULL, NULL, NULL};
        tw_writer *w;

        tw_buf_init(&s.out, 0);
        w = tw_writer_new(&o);
        assert_int_equal(tw_writer_add(w, &f1), sink_cases[i].add);
        assert_int_equal(tw_writer_finish(w), sink_cases[i].finish);
        tw_writer_free(w);
        tw_buf_release(&s.out);
    }
}

/* An error sticks: after a failed add, add and finish repeat it without
 * calling the sink again. */
static void test_error_sticks(void **state)
{
    sink s = {.fail_at = 1};
    tw_writer_opts o = {TW_FMT_JSONL, sink_write, &s, false, NULL, NULL, NULL, NULL};
    tw_writer *w = tw_writer_new(&o);

    (void)state;
    tw_buf_init(&s.out, 0);
    assert_int_equal(tw_writer_add(w, &f1), TW_EIO);
    assert_int_equal(tw_writer_add(w, &f2), TW_EIO);
    assert_int_equal(tw_writer_finish(w), TW_EIO);
    assert_int_equal(s.calls, 1);
    tw_writer_free(w);
    tw_buf_release(&s.out);
}

static void test_misuse(void **state)
{
    sink s = {.fail_at = 0};
    tw_writer_opts o = {TW_FMT_CSV, sink_write, &s, false, NULL, NULL, NULL, NULL};
    tw_writer_opts no_sink = {TW_FMT_CSV, NULL, NULL, false, NULL, NULL, NULL, NULL};
    tw_writer_opts bad_fmt = {(tw_format)42, sink_write, &s, false, NULL, NULL, NULL, NULL};
    tw_writer *w = tw_writer_new(&o);

    (void)state;
    tw_buf_init(&s.out, 0);
    assert_null(tw_writer_new(&no_sink));
    assert_null(tw_writer_new(&bad_fmt));
    assert_int_equal(tw_writer_finish(w), TW_OK);
    assert_int_equal(tw_writer_finish(w), TW_EINVAL);
    assert_int_equal(tw_writer_add(w, &f1), TW_EINVAL);
    assert_string_equal(s.out.ptr, CSV_HEADER);
    tw_writer_free(w);
    tw_writer_free(NULL);
    tw_buf_release(&s.out);
}

/* ---- names ------------------------------------------------------------- */

typedef struct {
    const char *name;
    bool ok;
    tw_format fmt;
} name_case;

static const name_case name_cases[] = {
    {"text", true, TW_FMT_TEXT}, {"jsonl", true, TW_FMT_JSONL},  {"SARIF", true, TW_FMT_SARIF},
    {"Csv", true, TW_FMT_CSV},   {"json", false, TW_FMT_TEXT},   {"", false, TW_FMT_TEXT},
    {"html", true, TW_FMT_HTML}, {"jsonlx", false, TW_FMT_TEXT},
};

static void test_format_names(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(name_cases) / sizeof(name_cases[0]); i++) {
        tw_format f = TW_FMT_TEXT;
        assert_int_equal(tw_format_parse(tw_str_c(name_cases[i].name), &f), name_cases[i].ok);
        assert_int_equal(f, name_cases[i].fmt);
    }
    assert_string_equal(tw_format_name(TW_FMT_TEXT), "text");
    assert_string_equal(tw_format_name(TW_FMT_JSONL), "jsonl");
    assert_string_equal(tw_format_name(TW_FMT_SARIF), "sarif");
    assert_string_equal(tw_format_name(TW_FMT_CSV), "csv");
    assert_string_equal(tw_format_name((tw_format)42), "unknown");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_exact_output),        cmocka_unit_test(test_text_colours),
        cmocka_unit_test(test_jsonl_parses),        cmocka_unit_test(test_sarif_parses),
        cmocka_unit_test(test_sarif_rule_metadata), cmocka_unit_test(test_hostile_inert),
        cmocka_unit_test(test_hostile_roundtrip),   cmocka_unit_test(test_sink_errors),
        cmocka_unit_test(test_error_sticks),        cmocka_unit_test(test_misuse),
        cmocka_unit_test(test_format_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
