/*
 * test_html.c: the HTML writer of lib/out (html*.c) and tw_html_escape.
 *
 * A table of escapes (markup characters, C0 and C1 controls, DEL, ESC
 * sequences, bidi overrides, invalid UTF-8, valid UTF-8 kept); a hostile
 * finding whose every field holds markup and controls, checked to appear
 * only escaped; a </script> and an <img onerror> in the evidence that stay
 * text; the counts of the summary; an empty report; sink errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/out.h"

/* ---- escaping ------------------------------------------------------------ */

typedef struct {
    const char *in;
    size_t len; /* 0: strlen(in) */
    const char *want;
} esc_case;

static const esc_case esc_cases[] = {
    {"plain text 1.2.3.4", 0, "plain text 1.2.3.4"},
    {"a & b < c > d \" e ' f", 0, "a &amp; b &lt; c &gt; d &quot; e &#39; f"},
    {"</script><script>alert(1)</script>", 0,
     "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"},
    {"<img src=x onerror=alert(1)>", 0, "&lt;img src=x onerror=alert(1)&gt;"},
    {"\x1b[31mred\x1b[0m", 0, "\\x1b[31mred\\x1b[0m"},
    {"\x1b]0;title\x07", 0, "\\x1b]0;title\\x07"},
    {"tab\tnew\nline\rcr", 0, "tab\tnew\nline\\x0dcr"},
    {"nul\0x", 5, "nul\\x00x"},
    {"del\x7f", 0, "del\\x7f"},
    {"c1 \xc2\x9b csi \xc2\x80", 0, "c1 \\xc2\\x9b csi \\xc2\\x80"},
    {"bidi \xe2\x80\xae rlo \xe2\x81\xa6", 0, "bidi \\xe2\\x80\\xae rlo \\xe2\\x81\\xa6"},
    {"bad \xff \xc0\xaf end", 0, "bad \\xff \\xc0\\xaf end"},
    {"caf\xc3\xa9 \xe2\x9c\x93", 0, "caf\xc3\xa9 \xe2\x9c\x93"},
    {"&amp;", 0, "&amp;amp;"},
};

static void test_escape_table(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(esc_cases) / sizeof(esc_cases[0]); i++) {
        const esc_case *c = &esc_cases[i];
        tw_buf b;

        tw_buf_init(&b, 0);
        assert_int_equal(tw_html_escape(&b, tw_str_make(c->in, c->len ? c->len : strlen(c->in))),
                         TW_OK);
        assert_string_equal(b.ptr, c->want);
        tw_buf_release(&b);
    }
}

/* ---- writing ------------------------------------------------------------- */

typedef struct {
    tw_buf out;
    int calls, fail_at; /* fail from call fail_at on (1-based); 0: never */
} sink;

static tw_err sink_write(void *ud, const char *data, size_t len)
{
    sink *s = ud;

    if (s->fail_at != 0 && ++s->calls >= s->fail_at)
        return TW_EIO;
    return tw_buf_add(&s->out, data, len);
}

/* Renders n findings as HTML, with scan's evidence summary e (may be
 * NULL), into a malloc'd string. */
static char *render_ev(const tw_finding *v, size_t n, const tw_evidence_summary *e)
{
    sink s = {.fail_at = 0};
    tw_writer_opts o = {.format = TW_FMT_HTML,
                        .write = sink_write,
                        .ud = &s,
                        .tool_version = "0.1.0",
                        .evidence = e};
    tw_writer *w;
    size_t i;

    tw_buf_init(&s.out, 0);
    w = tw_writer_new(&o);
    assert_non_null(w);
    for (i = 0; i < n; i++)
        assert_int_equal(tw_writer_add(w, &v[i]), TW_OK);
    assert_int_equal(tw_writer_finish(w), TW_OK);
    tw_writer_free(w);
    return tw_buf_detach(&s.out, NULL);
}

static char *render(const tw_finding *v, size_t n)
{
    return render_ev(v, n, NULL);
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    const char *p = hay;

    while ((p = strstr(p, needle)) != NULL) {
        n++;
        p += strlen(needle);
    }
    return n;
}

#define H "<b>&\"'\x1b[2J\xc2\x9b"
#define H_ESC "&lt;b&gt;&amp;&quot;&#39;\\x1b[2J\\xc2\\x9b"

static const char *const h_attack[] = {"T1572" H};
static const char *const h_refs[] = {"javascript:alert(1)" H};
static const tw_detail h_details[] = {{"state" H, "exposed" H}, {"train", "17.9" H}};

/* Every string field hostile; the evidence closes the script and adds an
 * image with an error handler. */
static const tw_finding hostile = {
    .rule = "RULE" H,
    .severity = TW_SEV_CRITICAL,
    .category = TW_CAT_COMPROMISE,
    .title = "title" H,
    .message = "message" H,
    .file = "file" H,
    .line = 7,
    .device = "device" H,
    .evidence = "</script><script>alert(1)</script><img src=x onerror=alert(1)>" H,
    .ioc = "ioc" H,
    .cve = "CVE" H,
    .attack = h_attack,
    .nattack = 1,
    .references = h_refs,
    .nreferences = 1,
    .remediation = "fix" H,
    .user = "user" H,
    .details = h_details,
    .ndetails = 2,
};

/* Every field appears escaped, and never raw. */
static void test_hostile_fields(void **state)
{
    static const char *const escaped[] = {
        "RULE" H_ESC,
        "title" H_ESC,
        "message" H_ESC,
        "file" H_ESC ":7",
        "device" H_ESC,
        "ioc" H_ESC,
        "CVE" H_ESC,
        "T1572" H_ESC,
        "fix" H_ESC,
        "user" H_ESC,
        "state" H_ESC,
        "exposed" H_ESC,
        "17.9" H_ESC,
        "javascript:alert(1)" H_ESC,
        "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;",
    };
    char *html = render(&hostile, 1);
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(escaped) / sizeof(escaped[0]); i++)
        assert_non_null(strstr(html, escaped[i]));
    assert_null(strstr(html, H));
    assert_null(strstr(html, "\x1b"));
    assert_null(strstr(html, "\xc2\x9b"));
    assert_null(strstr(html, "<img"));
    assert_null(strstr(html, "<b>"));
    assert_null(strstr(html, "href="));
    assert_int_equal(count(html, "<script"), 1);
    assert_int_equal(count(html, "</script"), 1);
    free(html);
}

/* The page: self-contained, with its CSP, charts and advisory. */
static void test_document(void **state)
{
    char *html = render(&hostile, 1);

    (void)state;
    assert_true(strncmp(html, "<!DOCTYPE html>\n", 16) == 0);
    assert_non_null(strstr(html, "<meta http-equiv=\"Content-Security-Policy\" "
                                 "content=\"default-src 'none'; style-src 'unsafe-inline'; "
                                 "script-src 'unsafe-inline'; img-src data:\">"));
    assert_int_equal(count(html, "<link"), 0);
    assert_int_equal(count(html, " src="), 1); /* the escaped evidence's, as text */
    assert_int_equal(count(html, "<svg"), 5);
    assert_non_null(strstr(html, "About advisory AA25-239A"));
    assert_true(strcmp(html + strlen(html) - 8, "</html>\n") == 0);
    free(html);
}

static const tw_finding plain[] = {
    {.rule = "R1", .severity = TW_SEV_HIGH, .category = TW_CAT_COMPROMISE, .device = "r1"},
    {.rule = "R2", .severity = TW_SEV_HIGH, .category = TW_CAT_HARDENING, .device = "r2"},
    {.rule = "R3", .severity = TW_SEV_LOW, .category = TW_CAT_HARDENING, .device = "r1"},
    {.rule = "R4", .severity = TW_SEV_INFO, .category = TW_CAT_DRIFT},
};

/* The summary's numbers. */
static void test_counts(void **state)
{
    static const char *const want[] = {
        "id=\"n-findings\">4<",
        "id=\"n-critical\">0<",
        "id=\"n-high\">2<",
        "id=\"n-medium\">0<",
        "id=\"n-low\">1<",
        "id=\"n-info\">1<",
        "id=\"n-devices\">2<",
        "<tr><th>hardening</th><td>2</td></tr>",
        "<tr><td>r1</td><td>2</td><td>0</td><td>1</td><td>0</td><td>1</td><td>0</td></tr>",
        "1 finding without a device",
    };
    char *html = render(plain, 4);
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
        assert_non_null(strstr(html, want[i]));
    assert_int_equal(count(html, "<tbody class=\"f\""), 4);
    assert_null(strstr(html, "Exposure by CVE"));
    free(html);
}

/* The most affected devices: the most critical first, then the most high,
 * as in the summary of `tidewatch scan`; not the most findings first. */
static void test_device_order(void **state)
{
    static const tw_finding f[] = {
        {.rule = "R", .severity = TW_SEV_LOW, .device = "many"},
        {.rule = "R", .severity = TW_SEV_LOW, .device = "many"},
        {.rule = "R", .severity = TW_SEV_LOW, .device = "many"},
        {.rule = "R", .severity = TW_SEV_HIGH, .device = "high"},
        {.rule = "R", .severity = TW_SEV_HIGH, .device = "high"},
        {.rule = "R", .severity = TW_SEV_CRITICAL, .device = "crit"},
    };
    char *html = render(f, 6);
    const char *table = strstr(html, "<table id=\"top-devices\">");
    const char *crit, *high, *many;

    (void)state;
    assert_non_null(table);
    crit = strstr(table, "<tr><td>crit</td>");
    high = strstr(table, "<tr><td>high</td>");
    many = strstr(table, "<tr><td>many</td>");
    assert_non_null(crit);
    assert_non_null(high);
    assert_non_null(many);
    assert_true(crit < high && high < many);
    free(html);
}

/* scan's evidence: its files line and the files not read, escaped, before
 * the summary; past TW_EVIDENCE_UNREAD_ROWS files, one line counts them. */
static void test_evidence(void **state)
{
    static tw_unread_file unread[TW_EVIDENCE_UNREAD_ROWS + 3];
    tw_evidence_summary e = {"3 files: 1 configuration, 2 not read; 1 device seen, 0 with findings",
                             unread, 2};
    char *html;

    (void)state;
    unread[0] = (tw_unread_file){"in/notes-<script>alert(1)</script>\x1b[2J.txt", "no kind"};
    unread[1] = (tw_unread_file){"in/empty.log", "empty"};
    html = render_ev(NULL, 0, &e);
    assert_non_null(strstr(html, "<section id=\"evidence\"><h2>Evidence</h2>\n<p id=\"files\">3 "
                                 "files: 1 configuration, 2 not read; 1 device seen"));
    assert_non_null(strstr(html, "<tr><td>in/notes-&lt;script&gt;alert(1)&lt;/script&gt;\\x1b[2J"
                                 ".txt</td><td>no kind</td></tr>"));
    assert_null(strstr(html, "<script>alert"));
    assert_null(strstr(html, "\x1b"));
    assert_true(strstr(html, "id=\"evidence\"") < strstr(html, "id=\"summary\""));
    assert_null(strstr(html, "more files not read"));
    free(html);

    for (size_t i = 0; i < TW_EVIDENCE_UNREAD_ROWS + 3; i++)
        unread[i] = (tw_unread_file){"f", "empty"};
    e.nunread = TW_EVIDENCE_UNREAD_ROWS + 3;
    html = render_ev(NULL, 0, &e);
    assert_int_equal(count(html, "<tr><td>f</td>"), TW_EVIDENCE_UNREAD_ROWS);
    assert_non_null(strstr(html, "and 3 more files not read"));
    free(html);

    html = render(NULL, 0); /* not scan: no section */
    assert_null(strstr(html, "id=\"evidence\""));
    free(html);
}

/* No findings: a whole page with zeros. */
static void test_empty(void **state)
{
    char *html = render(NULL, 0);

    (void)state;
    assert_non_null(strstr(html, "id=\"n-findings\">0<"));
    assert_int_equal(count(html, "<tbody"), 0);
    assert_non_null(strstr(html, "</html>\n"));
    free(html);
}

/* A sink error at finish is returned, and sticks. */
static void test_sink_error(void **state)
{
    sink s = {.fail_at = 1};
    tw_writer_opts o = {.format = TW_FMT_HTML, .write = sink_write, .ud = &s};
    tw_writer *w = tw_writer_new(&o);

    (void)state;
    tw_buf_init(&s.out, 0);
    assert_int_equal(tw_writer_add(w, &plain[0]), TW_OK); /* buffered */
    assert_int_equal(tw_writer_finish(w), TW_EIO);
    assert_int_equal(tw_writer_add(w, &plain[0]), TW_EIO);
    tw_writer_free(w);
    tw_buf_release(&s.out);
}

static void test_format_name(void **state)
{
    tw_format f = TW_FMT_TEXT;

    (void)state;
    assert_true(tw_format_parse(tw_str_c("HTML"), &f));
    assert_int_equal(f, TW_FMT_HTML);
    assert_string_equal(tw_format_name(TW_FMT_HTML), "html");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape_table), cmocka_unit_test(test_hostile_fields),
        cmocka_unit_test(test_document),     cmocka_unit_test(test_counts),
        cmocka_unit_test(test_device_order), cmocka_unit_test(test_evidence),
        cmocka_unit_test(test_empty),        cmocka_unit_test(test_sink_error),
        cmocka_unit_test(test_format_name),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
