/*
 * test_torture.c: allocation failure walk (curl's torture, SQLite's OOM
 * tests).
 *
 * The test binary is linked with --wrap for malloc, calloc, realloc,
 * strdup and strndup, so every allocation the library makes goes through
 * the wrappers below.  For N = 1, 2, ... the N-th allocation fails; the
 * whole pipeline (rule set, indicator set, parse, rules, jsonl writer) must
 * then end with an error or with the same findings as a clean run, never
 * crash; under "make asan" LeakSanitizer also checks that nothing leaks on
 * any of those paths.  The walk stops at the first N past the last
 * allocation.  A second walk fails the allocations of each writer alone
 * (text, JSON Lines, SARIF, CSV, HTML) over the findings of a clean run:
 * the writer must report the error or write exactly what it writes
 * without failures.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/tidewatch.h"

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);
char *__real_strndup(const char *s, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);
char *__wrap_strndup(const char *s, size_t n);

static long fail_at; /* 0: never */
static long calls;
static bool failed;

static bool should_fail(void)
{
    calls++;
    if (fail_at > 0 && calls == fail_at) {
        failed = true;
        return true;
    }
    return false;
}

void *__wrap_malloc(size_t n)
{
    return should_fail() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t m)
{
    return should_fail() ? NULL : __real_calloc(n, m);
}

void *__wrap_realloc(void *p, size_t n)
{
    return should_fail() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
    return should_fail() ? NULL : __real_strdup(s);
}

char *__wrap_strndup(const char *s, size_t n)
{
    return should_fail() ? NULL : __real_strndup(s, n);
}

static const char config[] =
    "hostname r1\n"
    "version 17.9\n"
    "banner motd ^C 45.61.133.77 ^C\n"
    "username cisco_tac_admin privilege 15 secret 5 $1$abcd$0123456789abcdefghij\n"
    "enable password 7 0822455D0A16\n"
    "ip ssh port 22122 rotary 1\n"
    "ip http server\n"
    "ip http port 18080\n"
    "access-list 20 permit 45.61.133.77\n"
    "access-list 20 permit 10.45.61.133\n"
    "tacacs server T1\n"
    " address ipv4 167.88.173.252\n"
    " key 7 05080F1C2243\n"
    "interface Tunnel9\n"
    " tunnel source Loopback0\n"
    " tunnel destination 81.2.69.160\n"
    "monitor session 1 type erspan-source\n"
    " destination\n"
    "  ip address 193.239.86.132\n"
    "event manager applet X\n"
    " action 1.0 cli command \"clear logging\"\n"
    "snmp-server community s3cr3t RW\n"
    "line vty 0 4\n"
    " transport input telnet ssh\n"
    "end\n";

static tw_err sink(void *ud, const char *data, size_t len)
{
    return tw_buf_add(ud, data, len);
}

/* One whole audit; returns the number of findings, or -1 on any error. */
static long run_pipeline(void)
{
    tw_diags d;
    tw_ruleset *rs = tw_ruleset_new();
    tw_iocset *is = tw_iocset_new();
    tw_arena *a = tw_arena_new(0);
    tw_findings fl;
    tw_writer *w = NULL;
    tw_writer_opts wo = {0};
    tw_buf out;
    long n = -1;

    tw_diags_init(&d);
    tw_buf_init(&out, 0);
    tw_findings_init(&fl, a);
    if (!rs || !is || !a || tw_ruleset_load_builtin(rs, &d) != TW_OK ||
        tw_ruleset_finish(rs, &d) != TW_OK || tw_iocset_add_builtin(is) != TW_OK ||
        tw_iocset_finish(is) != TW_OK)
        goto out;
    wo.format = TW_FMT_JSONL;
    wo.write = sink;
    wo.ud = &out;
    w = tw_writer_new(&wo);
    if (!w)
        goto out;
    {
        tw_audit_opts ao = {rs, is, TW_DIALECT_UNKNOWN, NULL, NULL, NULL, NULL, NULL};
        if (tw_audit_buffer(&ao, "r1.cfg", config, sizeof(config) - 1, &fl, &d) != TW_OK)
            goto out;
    }
    for (size_t i = 0; i < fl.n; i++) {
        if (tw_writer_add(w, &fl.v[i]) != TW_OK)
            goto out;
    }
    if (tw_writer_finish(w) != TW_OK || d.errors)
        goto out;
    n = (long)fl.n;
out:
    tw_writer_free(w);
    tw_findings_release(&fl);
    tw_arena_free(a);
    tw_iocset_free(is);
    tw_ruleset_free(rs);
    tw_buf_release(&out);
    tw_diags_release(&d);
    return n;
}

static void test_clean_run(void **state)
{
    (void)state;
    fail_at = 0;
    assert_true(run_pipeline() >= 15);
}

static void test_walk_failures(void **state)
{
    long baseline, n, got;

    (void)state;
    fail_at = 0;
    calls = 0;
    baseline = run_pipeline();
    assert_true(baseline >= 15);
    for (n = 1; n < 200000; n++) {
        fail_at = n;
        calls = 0;
        failed = false;
        got = run_pipeline();
        if (!failed)
            break;
        /* Either the failure surfaced as an error, or it hit an allocation
         * whose failure the library may absorb (e.g. a cache) and the
         * findings are unchanged. */
        assert_true(got == -1 || got == baseline);
    }
    fail_at = 0;
    assert_int_equal(got, baseline);
    print_message("torture: %ld allocations walked\n", n - 1);
}

/* Writes fl in format with the writer alone under the allocation
 * walk: the bytes in *out; false when the writer reported an error. */
static bool write_all(tw_format format, const tw_ruleset *rs, const tw_findings *fl, tw_buf *out)
{
    tw_writer_opts wo = {
        .format = format, .write = sink, .ud = out, .rules = rs, .tool_version = "0.0.0"};
    tw_writer *w = tw_writer_new(&wo);
    bool ok = w != NULL;

    for (size_t i = 0; ok && i < fl->n; i++)
        ok = tw_writer_add(w, &fl->v[i]) == TW_OK;
    ok = ok && tw_writer_finish(w) == TW_OK;
    tw_writer_free(w);
    return ok;
}

static void test_walk_writers(void **state)
{
    static const tw_format formats[] = {TW_FMT_TEXT, TW_FMT_JSONL, TW_FMT_SARIF, TW_FMT_CSV,
                                        TW_FMT_HTML};
    tw_ruleset *rs = tw_ruleset_new();
    tw_iocset *is = tw_iocset_new();
    tw_arena *a = tw_arena_new(0);
    tw_audit_opts ao = {rs, is, TW_DIALECT_UNKNOWN, NULL, NULL, NULL, NULL, NULL};
    tw_findings fl;
    tw_diags d;

    (void)state;
    fail_at = 0;
    tw_diags_init(&d);
    tw_findings_init(&fl, a);
    assert_int_equal(tw_ruleset_load_builtin(rs, &d), TW_OK);
    assert_int_equal(tw_ruleset_finish(rs, &d), TW_OK);
    assert_int_equal(tw_iocset_add_builtin(is), TW_OK);
    assert_int_equal(tw_iocset_finish(is), TW_OK);
    assert_int_equal(tw_audit_buffer(&ao, "r1.cfg", config, sizeof(config) - 1, &fl, &d), TW_OK);
    assert_true(fl.n >= 15);
    for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
        tw_buf clean, out;
        long n;

        fail_at = 0;
        tw_buf_init(&clean, 0);
        assert_true(write_all(formats[f], rs, &fl, &clean));
        assert_true(clean.len > 0);
        for (n = 1; n < 100000; n++) {
            bool ok;

            tw_buf_init(&out, 0);
            fail_at = n;
            calls = 0;
            failed = false;
            ok = write_all(formats[f], rs, &fl, &out);
            fail_at = 0;
            if (!failed) {
                tw_buf_release(&out);
                break;
            }
            /* an error, or an allocation whose failure the writer absorbs */
            assert_true(!ok ||
                        (out.len == clean.len && memcmp(out.ptr, clean.ptr, clean.len) == 0));
            tw_buf_release(&out);
        }
        print_message("torture: %s writer, %ld allocations walked\n", tw_format_name(formats[f]),
                      n - 1);
        tw_buf_release(&clean);
    }
    tw_findings_release(&fl);
    tw_diags_release(&d);
    tw_arena_free(a);
    tw_iocset_free(is);
    tw_ruleset_free(rs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean_run),
        cmocka_unit_test(test_walk_failures),
        cmocka_unit_test(test_walk_writers),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
