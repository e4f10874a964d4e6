/*
 * test_escape.c: the escaping of lib/out/escape.c, table by table.
 *
 * Each table row is raw input (explicit length, so NUL bytes and invalid
 * UTF-8 can be written) and the exact text expected.  The tables cover
 * what hostile configurations throw at each output: control characters and
 * HTML-significant characters in JSON, formula cells in CSV, ESC, OSC and
 * C1 sequences on terminals, and invalid UTF-8 everywhere.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/out.h"

typedef struct {
    const char *in;
    size_t len;
    const char *out;
} esc_case;

#define ROW(lit, expect)                                                                           \
    {                                                                                              \
        (lit), sizeof(lit) - 1, (expect)                                                           \
    }

typedef tw_err (*esc_fn)(tw_buf *b, tw_str s);

/* Runs fn on every row and compares the exact output. */
static void run_table(esc_fn fn, const esc_case *t, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        tw_buf b;
        tw_buf_init(&b, 0);
        assert_int_equal(fn(&b, tw_str_make(t[i].in, t[i].len)), TW_OK);
        assert_string_equal(b.ptr, t[i].out);
        assert_int_equal(b.len, strlen(t[i].out));
        tw_buf_release(&b);
    }
}

static const esc_case json_cases[] = {
    ROW("plain text", "plain text"),
    ROW("", ""),
    ROW("a\"b\\c/d", "a\\\"b\\\\c/d"),
    ROW("\n\t\r\b\f", "\\n\\t\\r\\b\\f"),
    ROW("\x01\x1f\x7f", "\\u0001\\u001f\\u007f"),
    ROW("nul\0byte", "nul\\u0000byte"),
    ROW("\x1b]0;owned\x07", "\\u001b]0;owned\\u0007"),
    ROW("\x1b[31mred", "\\u001b[31mred"),
    ROW("<script>alert(1)</script>&", "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\\u0026"),
    ROW("a\xe2\x80\xa8"
        "b\xe2\x80\xa9",
        "a\\u2028b\\u2029"),
    ROW("c1 \xc2\x85\xc2\x9b", "c1 \\u0085\\u009b"),
    ROW("caf\xc3\xa9 \xf0\x9f\x98\x80", "caf\xc3\xa9 \xf0\x9f\x98\x80"),
    ROW("\xff", "\\ufffd"),
    ROW("a\xc3", "a\\ufffd"),
    ROW("\xc0\xaf", "\\ufffd\\ufffd"),
    ROW("\xe0\x80\xaf", "\\ufffd\\ufffd\\ufffd"),
    ROW("\xed\xa0\x80", "\\ufffd\\ufffd\\ufffd"),
    ROW("\xf4\x90\x80\x80", "\\ufffd\\ufffd\\ufffd\\ufffd"),
    ROW("\x80x", "\\ufffdx"),
};

static const esc_case csv_cases[] = {
    ROW("plain", "plain"),
    ROW("", ""),
    ROW("a=b", "a=b"),
    ROW("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
    ROW("+1", "'+1"),
    ROW("-1", "'-1"),
    ROW("@SUM(A1:A9)", "'@SUM(A1:A9)"),
    ROW("\t=1", "'\t=1"),
    ROW("\r=1", "\"'\r=1\""),
    ROW("=1,2", "\"'=1,2\""),
    ROW("a,b", "\"a,b\""),
    ROW("say \"hi\"", "\"say \"\"hi\"\"\""),
    ROW("line1\nline2", "\"line1\nline2\""),
    ROW("\x1b]0;owned\x07 \xc2\x9b", "\\x1b]0;owned\\x07 \\xc2\\x9b"),
    ROW("bad \xff utf8", "bad \\xff utf8"),
    ROW("tab\tkept", "tab\tkept"),
    ROW("=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""),
};

static const esc_case term_cases[] = {
    ROW("plain text", "plain text"),
    ROW("", ""),
    ROW("tab\tkept", "tab\tkept"),
    ROW("\x1b[31mred\x1b[0m", "\\x1b[31mred\\x1b[0m"),
    ROW("\x1b]0;owned\x07", "\\x1b]0;owned\\x07"),
    ROW("\x1b]8;;http://x\x1b\\link", "\\x1b]8;;http://x\\x1b\\link"),
    ROW("line\nbreak\r", "line\\x0abreak\\x0d"),
    ROW("nul\0del\x7f", "nul\\x00del\\x7f"),
    ROW("c1 \xc2\x9b"
        "31m",
        "c1 \\xc2\\x9b31m"),
    ROW("raw \x9b"
        "31m",
        "raw \\x9b31m"),
    ROW("caf\xc3\xa9 \xf0\x9f\x98\x80", "caf\xc3\xa9 \xf0\x9f\x98\x80"),
    ROW("\xff\xfe", "\\xff\\xfe"),
    ROW("a\xc3", "a\\xc3"),
    ROW("rtl\xe2\x80\xaetxt", "rtl\\xe2\\x80\\xaetxt"),
};

static void test_json_escape_table(void **state)
{
    (void)state;
    run_table(tw_json_escape, json_cases, sizeof(json_cases) / sizeof(json_cases[0]));
}

static void test_csv_cell_table(void **state)
{
    (void)state;
    run_table(tw_csv_cell, csv_cases, sizeof(csv_cases) / sizeof(csv_cases[0]));
}

static void test_term_escape_table(void **state)
{
    (void)state;
    run_table(tw_term_escape, term_cases, sizeof(term_cases) / sizeof(term_cases[0]));
}

/* A buffer at its cap reports TW_ELIMIT from every escaper. */
static void test_escape_limit(void **state)
{
    static const esc_fn fns[] = {tw_json_escape, tw_csv_cell, tw_term_escape};
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(fns) / sizeof(fns[0]); i++) {
        tw_buf b;
        tw_buf_init(&b, 4);
        assert_int_equal(fns[i](&b, TW_STR("=\x1b too long for four bytes")), TW_ELIMIT);
        assert_true(b.len <= 4);
        tw_buf_release(&b);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_escape_table),
        cmocka_unit_test(test_csv_cell_table),
        cmocka_unit_test(test_term_escape_table),
        cmocka_unit_test(test_escape_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
