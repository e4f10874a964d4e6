/*
 * test_hunt.c: unit tests for the hunt engine (lib/engine/hunt.c,
 * hunt_scan.c).
 *
 * A small rule pack (a sighting rule and a prefiltered event rule) and an
 * indicator set (two hosts and a prefix) are built here.  A log made of
 * benign lines full of near misses (11.1.1.10, 1.1.1.1.5, 110.9.3.4) gets
 * planted lines at known numbers; every test reduces the findings to sorted
 * "line rule ioc" strings and compares them with the table of expected
 * ones, whatever the chunk size or the number of ranges.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "engine/hunt_int.h"
#include "tidewatch/hunt.h"
#include "tidewatch/limits.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

static const char pack[] =
    "rules:\n"
    "  - id: T-SIGHT\n"
    "    title: Indicator seen\n"
    "    severity: high\n"
    "    category: compromise\n"
    "    when: {fact: sighting, indicator: {in: ioc}}\n"
    "    message: \"seen {ioc}\"\n"
    "  - id: T-CAPTURE\n"
    "    title: Packet capture\n"
    "    severity: high\n"
    "    category: compromise\n"
    "    match: [monitor capture]\n"
    "    when: {fact: event, command: {contains: monitor capture}}\n"
    "    message: capture\n";

static const char iocs_text[] = "1.1.1.1\n45.61.133.77\n10.9.0.0/16\n";

typedef struct {
    tw_ruleset *rules;
    tw_iocset *iocs;
    tw_hunter *hunter;
} fixture;

/* Planted lines: line number, text, and the findings they give. */
typedef struct {
    uint32_t line;
    const char *text;
} planted;

static const planted plants[] = {
    {3, "Mar  1 10:00:03 r1 %SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: bob] "
        "[Source: 1.1.1.1] [localport: 22]"},
    {7, "Mar  1 10:00:07 r1 %PARSER-5-CFGLOG_LOGGEDCMD: User:eve  logged command:"
        "monitor capture cap1 interface Gi0/0 both"},
    {10, "Mar  1 10:00:10 r2 %SYS-6-LOGOUT: peers 45.61.133.77 and 1.1.1.1 left"},
    {61, "Mar  1 10:01:01 r3 %SYS-6-NOTE: relay via 10.9.3.4, done"},
    {977, "Mar  1 10:16:17 r3 %SYS-6-NOTE: last seen 45.61.133.77"},
};

/* What the planted lines give, sorted as the strings compare. */
static const char *const expected[] = {
    "10 T-SIGHT 1.1.1.1",
    "10 T-SIGHT 45.61.133.77",
    "3 T-SIGHT 1.1.1.1",
    "61 T-SIGHT 10.9.0.0/16",
    "7 T-CAPTURE -",
    "977 T-SIGHT 45.61.133.77",
};

/* Benign lines: near misses of every indicator, never a whole one. */
static const char *const benign[] = {
    "%LINK-3-UPDOWN: Interface Gi0/1, peer 11.1.1.10 changed state to up",
    "%BGP-5-ADJCHANGE: neighbor 1.1.1.10 vpn vrf C7 Up",
    "%SYS-6-NOTE: 21.1.1.1 1.1.1.1.5 1.1.1.11 x",
    "%SYS-6-NOTE: 110.9.3.4 and 45.61.133.770 and 145.61.133.77",
    "%SYS-5-CONFIG_I: Configured from console by admin on vty0",
};

static size_t benign_line(char *buf, size_t cap, uint32_t i)
{
    return (size_t)snprintf(buf, cap, "Mar  1 10:00:00 r%u %s n%u\n", (unsigned)(i % 9),
                            benign[i % N_ELEMS(benign)], (unsigned)i);
}

static char *make_log(uint32_t nlines, size_t *len)
{
    size_t cap = (size_t)nlines * 200 + 1, n = 0, p = 0;
    char *buf = malloc(cap);

    assert_non_null(buf);
    for (uint32_t i = 1; i <= nlines; i++) {
        if (p < N_ELEMS(plants) && plants[p].line == i)
            n += (size_t)snprintf(buf + n, cap - n, "%s\n", plants[p++].text);
        else
            n += benign_line(buf + n, cap - n, i);
    }
    *len = n;
    return buf;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The findings as sorted "line rule ioc" strings joined by '|'. */
static char *summarise(const tw_findings *fl)
{
    char **v = calloc(fl->n + 1, sizeof(*v));
    size_t total = 1;
    char *out;

    assert_non_null(v);
    for (size_t i = 0; i < fl->n; i++) {
        v[i] = malloc(128);
        snprintf(v[i], 128, "%u %s %s", (unsigned)fl->v[i].line, fl->v[i].rule,
                 fl->v[i].ioc ? fl->v[i].ioc : "-");
        total += strlen(v[i]) + 1;
    }
    qsort(v, fl->n, sizeof(*v), cmp_str);
    out = calloc(1, total);
    for (size_t i = 0; i < fl->n; i++) {
        if (i)
            strcat(out, "|");
        strcat(out, v[i]);
        free(v[i]);
    }
    free(v);
    return out;
}

static char *expected_summary(void)
{
    char *out = calloc(1, 4096);

    for (size_t i = 0; i < N_ELEMS(expected); i++) {
        if (i)
            strcat(out, "|");
        strcat(out, expected[i]);
    }
    return out;
}

static int setup(void **state)
{
    static fixture fx;
    tw_diags d;
    int bad = 0;

    tw_diags_init(&d);
    fx.rules = tw_ruleset_new();
    fx.iocs = tw_iocset_new();
    bad |= tw_ruleset_load(fx.rules, "test.yaml", pack, sizeof(pack) - 1, &d) != TW_OK;
    bad |= tw_ruleset_finish(fx.rules, &d) != TW_OK;
    bad |= tw_iocset_load(fx.iocs, "iocs.txt", iocs_text, sizeof(iocs_text) - 1, &d) != TW_OK;
    bad |= tw_iocset_finish(fx.iocs) != TW_OK;
    bad |= tw_hunter_new(fx.rules, fx.iocs, &fx.hunter, &d) != TW_OK;
    for (size_t i = 0; i < d.n; i++)
        print_message("setup: %s\n", d.v[i].message);
    tw_diags_release(&d);
    *state = &fx;
    return bad;
}

static int teardown(void **state)
{
    fixture *fx = *state;

    tw_hunter_free(fx->hunter);
    tw_iocset_free(fx->iocs);
    tw_ruleset_free(fx->rules);
    return 0;
}

typedef struct {
    tw_arena *arena;
    tw_findings fl;
    tw_diags d;
} result;

static void result_init(result *r)
{
    r->arena = tw_arena_new(0);
    assert_non_null(r->arena);
    tw_findings_init(&r->fl, r->arena);
    tw_diags_init(&r->d);
}

static void result_check(result *r, const char *want)
{
    char *got = summarise(&r->fl);

    assert_string_equal(got, want);
    free(got);
    tw_findings_release(&r->fl);
    tw_diags_release(&r->d);
    tw_arena_free(r->arena);
}

/* The whole pipeline on one buffer, detected and forced. */
static void test_hunt_buffer(void **state)
{
    fixture *fx = *state;
    static const tw_log_format fmts[] = {TW_LOG_UNKNOWN, TW_LOG_SYSLOG};
    size_t len;
    char *log = make_log(1000, &len), *want = expected_summary();

    for (size_t i = 0; i < N_ELEMS(fmts); i++) {
        result r;

        result_init(&r);
        assert_int_equal(tw_hunt_buffer(fx->hunter, "t.log", log, len, fmts[i], NULL, &r.fl, &r.d),
                         TW_OK);
        result_check(&r, want);
    }
    free(want);
    free(log);
}

/* Chunks far smaller than the log: lines meet chunk boundaries. */
static void test_hunt_chunk_sizes(void **state)
{
    fixture *fx = *state;
    static const size_t chunks[] = {0, 90, 128, 1000, 4096};
    tw_hunt_scan *s = tw_hunt_scan_new(fx->hunter);
    size_t len, nlines = 0;
    char *log = make_log(1000, &len), *want = expected_summary();

    assert_non_null(s);
    for (size_t i = 0; i < N_ELEMS(chunks); i++) {
        result r;

        result_init(&r);
        assert_int_equal(tw_hunt_begin(s, "t.log", TW_LOG_SYSLOG, NULL, TW_STR_NULL, &r.d), TW_OK);
        assert_int_equal(tw_hunt_range(s, log, len, 1, chunks[i], &r.fl, &r.d, &nlines), TW_OK);
        tw_hunt_end(s);
        assert_int_equal(nlines, 1000);
        result_check(&r, want);
    }
    tw_hunt_scan_free(s);
    free(want);
    free(log);
}

/* N ranges numbered from 1 and shifted afterwards, as --jobs does, give
 * the findings of one range. */
static void test_hunt_ranges(void **state)
{
    fixture *fx = *state;
    static const size_t ns[] = {1, 2, 3, 7, 16};
    tw_hunt_scan *s = tw_hunt_scan_new(fx->hunter);
    size_t len, bounds[17];
    char *log = make_log(1000, &len), *want = expected_summary();

    for (size_t k = 0; k < N_ELEMS(ns); k++) {
        result r;
        uint32_t offset = 0;

        result_init(&r);
        tw_split_lines(log, len, ns[k], bounds);
        for (size_t i = 0; i < ns[k]; i++) {
            size_t before = r.fl.n, nlines = 0;

            assert_int_equal(tw_hunt_begin(s, "t.log", TW_LOG_SYSLOG, NULL, TW_STR_NULL, &r.d),
                             TW_OK);
            assert_int_equal(tw_hunt_range(s, log + bounds[i], bounds[i + 1] - bounds[i], 1, 100,
                                           &r.fl, &r.d, &nlines),
                             TW_OK);
            for (size_t f = before; f < r.fl.n; f++)
                r.fl.v[f].line += offset;
            offset += (uint32_t)nlines;
        }
        assert_int_equal(offset, 1000);
        result_check(&r, want);
    }
    tw_hunt_scan_free(s);
    free(want);
    free(log);
}

/* 100,000 lines of near misses: nothing at all. */
static void test_hunt_benign(void **state)
{
    fixture *fx = *state;
    size_t cap = (size_t)100000 * 120, n = 0;
    char *log = malloc(cap);
    result r;

    assert_non_null(log);
    for (uint32_t i = 1; i <= 100000; i++)
        n += benign_line(log + n, cap - n, i);
    result_init(&r);
    assert_int_equal(tw_hunt_buffer(fx->hunter, "b.log", log, n, TW_LOG_SYSLOG, NULL, &r.fl, &r.d),
                     TW_OK);
    result_check(&r, "");
    free(log);
}

/* Whole-address semantics, one line at a time. */
static void test_hunt_whole_addresses(void **state)
{
    fixture *fx = *state;
    static const struct {
        const char *line;
        const char *want;
    } rows[] = {
        {"Mar  1 10:00:00 r1 %SYS-6-X: a 1.1.1.1 b", "1 T-SIGHT 1.1.1.1"},
        {"Mar  1 10:00:00 r1 %SYS-6-X: a 11.1.1.10 b", ""},
        {"Mar  1 10:00:00 r1 %SYS-6-X: a 1.1.1.10 b", ""},
        {"Mar  1 10:00:00 r1 %SYS-6-X: a 1.1.1.1.2 b", ""},
        {"Mar  1 10:00:00 r1 %SYS-6-X: a=1.1.1.1, b", "1 T-SIGHT 1.1.1.1"},
        {"Mar  1 10:00:00 r1 %SYS-6-X: end 1.1.1.1", "1 T-SIGHT 1.1.1.1"},
        {"Mar  1 10:00:00 r1 %SYS-6-X: [1.1.1.1]:22", "1 T-SIGHT 1.1.1.1"},
        {"Mar  1 10:00:00 r1 %SYS-6-X: 10.9.255.1", "1 T-SIGHT 10.9.0.0/16"},
        {"Mar  1 10:00:00 r1 %SYS-6-X: 10.10.255.1 110.9.0.1 10.9.0.1.7", ""},
        {"Mar  1 10:00:00 r1 %SYS-6-X: 1.1.1.1 1.1.1.1", "1 T-SIGHT 1.1.1.1"},
    };

    for (size_t i = 0; i < N_ELEMS(rows); i++) {
        result r;

        result_init(&r);
        assert_int_equal(tw_hunt_buffer(fx->hunter, "w.log", rows[i].line, strlen(rows[i].line),
                                        TW_LOG_SYSLOG, NULL, &r.fl, &r.d),
                         TW_OK);
        result_check(&r, rows[i].want);
    }
}

/* Not a log, binary data, and gzip input through the buffer entry point. */
static void test_hunt_not_log(void **state)
{
    fixture *fx = *state;
    static const char binary[] = "\x7f" "ELF\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00";
    static const char prose[] = "Dear reader,\nthis is a letter about 1.1.1.1.\n";
    result r;

    result_init(&r);
    assert_int_equal(tw_hunt_buffer(fx->hunter, "x", binary, sizeof(binary) - 1, TW_LOG_UNKNOWN,
                                    NULL, &r.fl, &r.d),
                     TW_EBINARY);
    assert_int_equal(r.d.errors, 1);
    result_check(&r, "");
    result_init(&r);
    assert_int_equal(tw_hunt_buffer(fx->hunter, "x", prose, sizeof(prose) - 1, TW_LOG_UNKNOWN,
                                    NULL, &r.fl, &r.d),
                     TW_EPARSE);
    result_check(&r, "");
}

/* The built-in rules' prefilter patterns (rules/hunt.yaml): a command split
 * over TACACS+ cmd-arg pairs or written with JSON escapes still reaches its
 * rule, and the routine lines of a router log (logins, SSH ciphers, BFD,
 * ASA access-group denies) that used to pass the old, broad patterns give
 * no finding. */
static const struct {
    tw_log_format fmt;
    const char *line, *want;
} builtin_cases[] = {
    {TW_LOG_TACACS,
     "Nov 14 08:15:02\t10.1.1.1\tevil\ttty2\t10.6.6.6\tstop\ttask_id=1\tservice=shell\t"
     "cmd=clear\tcmd-arg=logging\tcmd-arg=<cr>",
     "TW-HUNT-CLEAR-LOGS"},
    {TW_LOG_TACACS,
     "Nov 14 08:15:03\t10.1.1.1\tevil\ttty2\t10.6.6.6\tstop\ttask_id=2\tservice=shell\t"
     "cmd=ip\tcmd-arg=access-group\tcmd-arg=X\tcmd-arg=in\tcmd-arg=<cr>",
     "TW-HUNT-CONFIG-CHANGE"},
    {TW_LOG_TACACS,
     "Nov 14 08:15:04\t10.1.1.1\tevil\ttty2\t10.6.6.6\tstop\ttask_id=3\tservice=shell\t"
     "cmd=crypto pki trustpoint TP <cr>",
     "TW-HUNT-CRYPTO-PKI"},
    {TW_LOG_JSONL, "{\"host\":\"r1\",\"user\":\"eve\",\"command\":\"no\\tlogging host 10.1.1.5\"}",
     "TW-HUNT-LOGGING-OFF"},
    {TW_LOG_JSONL, "{\"host\":\"r1\",\"user\":\"eve\",\"command\":\"show\\trunning-config\"}",
     "TW-HUNT-SHOW-CONFIG"},
    {TW_LOG_SYSLOG,
     "Mar  1 10:00:03 pe1.nyc1 77: Mar  1 10:00:03.120 UTC: %PARSER-5-CFGLOG_LOGGEDCMD: "
     "User:eve  logged command:interface Tunnel7",
     "TW-HUNT-TUNNEL-CREATE"},
    {TW_LOG_SYSLOG,
     "Mar  1 10:00:03 pe1.nyc1 77: Mar  1 10:00:03.120 UTC: %SEC_LOGIN-5-LOGIN_SUCCESS: Login "
     "Success [user: bob] [Source: 10.1.1.1] [localport: 22] at 10:00:03 UTC Sat Mar 1 2025",
     ""},
    {TW_LOG_SYSLOG,
     "Mar  1 10:00:03 pe1.nyc1 78: Mar  1 10:00:03.120 UTC: %SSH-5-SSH2_SESSION: SSH2 Session "
     "request from 10.1.1.1 (tty = 0) using crypto cipher 'aes256-ctr', hmac 'hmac-sha2-256' "
     "Succeeded",
     ""},
    {TW_LOG_SYSLOG,
     "Mar  1 10:00:03 pe1.nyc1 79: Mar  1 10:00:03.120 UTC: %BFD-6-BFD_SESS_CREATED: BFD-SYSLOG: "
     "bfd_session_created, neigh 10.1.1.1 proc:BGP, idb:TenGigabitEthernet0/1/0 handle:1 act",
     ""},
    {TW_LOG_SYSLOG,
     "Mar  1 10:00:03 asa-edge1 : %ASA-4-106023: Deny tcp src outside:10.1.1.1/1234 dst "
     "inside:10.2.2.2/22 by access-group \"OUTSIDE_IN\" [0x0, 0x0]",
     ""},
};

/* Hunts one line with the built-in rules; "RULE ..." in id order. */
static void builtin_fire(const tw_hunter *h, size_t i, char *got, size_t cap)
{
    result r;
    size_t len = 0;

    result_init(&r);
    assert_int_equal(tw_hunt_buffer(h, "b.log", builtin_cases[i].line,
                                    strlen(builtin_cases[i].line), builtin_cases[i].fmt, NULL,
                                    &r.fl, &r.d),
                     TW_OK);
    got[0] = '\0';
    for (size_t k = 0; k < r.fl.n && len < cap; k++)
        len += (size_t)snprintf(got + len, cap - len, "%s%s", k ? " " : "", r.fl.v[k].rule);
    tw_findings_release(&r.fl);
    tw_diags_release(&r.d);
    tw_arena_free(r.arena);
}

static void test_hunt_builtin_prefilter(void **state)
{
    tw_ruleset *rs = tw_ruleset_new();
    tw_hunter *h = NULL;
    tw_diags d;

    (void)state;
    tw_diags_init(&d);
    assert_non_null(rs);
    assert_int_equal(tw_ruleset_load_builtin(rs, &d), TW_OK);
    assert_int_equal(tw_ruleset_finish(rs, &d), TW_OK);
    assert_int_equal(tw_hunter_new(rs, NULL, &h, &d), TW_OK);
    assert_int_equal(d.errors, 0);
    for (size_t i = 0; i < N_ELEMS(builtin_cases); i++) {
        char got[512], want[512];
        builtin_fire(h, i, got, sizeof(got));
        snprintf(want, sizeof(want), "%s", builtin_cases[i].want);
        assert_string_equal(got, want);
    }
    tw_hunter_free(h);
    tw_ruleset_free(rs);
    tw_diags_release(&d);
}

/* IPv4 host indicators are found by hashing digit-dot tokens: exactly the
 * whole hits tw_ioc_literal_whole gives a literal (no word byte around, no
 * "digit." before nor ".digit" after), at any place on the line. */
static const struct {
    const char *text;
    const char *want; /* summary of the findings */
} v4_cases[] = {
    {"1.1.1.1 at the start", "1 T-SIGHT 1.1.1.1"},
    {"at the end 1.1.1.1", "1 T-SIGHT 1.1.1.1"},
    {"in (1.1.1.1), [45.61.133.77]", "1 T-SIGHT 1.1.1.1|1 T-SIGHT 45.61.133.77"},
    {"sentence ends 1.1.1.1.", "1 T-SIGHT 1.1.1.1"},
    {"port 1.1.1.1:22 and 1.1.1.1/32", "1 T-SIGHT 1.1.1.1"},
    {"label a.1.1.1.1 and dots 5..1.1.1.1", "1 T-SIGHT 1.1.1.1"},
    {"glued ip1.1.1.1 1.1.1.1x 1.1.1.1_ _1.1.1.1", ""},
    {"longer 1.1.1.1.5 5.1.1.1.1 11.1.1.1 1.1.1.10 01.1.1.1", ""},
    {"x45.61.133.77 45.61.133.770 145.61.133.77", ""},
    {"dotted 1.1.1.1.x.2", "1 T-SIGHT 1.1.1.1"},
    {"1.1.1.1", "1 T-SIGHT 1.1.1.1"},
};

static void test_hunt_v4_tokens(void **state)
{
    fixture *fx = *state;
    char line[256];

    for (size_t i = 0; i < N_ELEMS(v4_cases); i++) {
        result r;
        char *got;

        snprintf(line, sizeof(line), "Mar  1 10:00:00 r1 %%SYS-6-NOTE: %s", v4_cases[i].text);
        result_init(&r);
        assert_int_equal(tw_hunt_buffer(fx->hunter, "v4.log", line, strlen(line), TW_LOG_SYSLOG,
                                        NULL, &r.fl, &r.d),
                         TW_OK);
        got = summarise(&r.fl);
        assert_string_equal(got, v4_cases[i].want);
        free(got);
        tw_findings_release(&r.fl);
        tw_diags_release(&r.d);
        tw_arena_free(r.arena);
    }
}

/* The same tokens at every place against the scanner's 16- and 32-byte
 * blocks: shifted by 0 to 47 spaces, at the end of the buffer (the
 * byte-at-a-time tail) or followed by 40 spaces (the block path). */
static void test_hunt_v4_offsets(void **state)
{
    fixture *fx = *state;
    char line[512];

    for (size_t i = 0; i < N_ELEMS(v4_cases) * 96; i++) {
        size_t c = i / 96, pad = i % 48, tail = i % 96 < 48 ? 0 : 40;
        result r;
        char *got;

        snprintf(line, sizeof(line), "Mar  1 10:00:00 r1 %%SYS-6-NOTE: %*s%s%*s", (int)pad, "",
                 v4_cases[c].text, (int)tail, "");
        result_init(&r);
        assert_int_equal(tw_hunt_buffer(fx->hunter, "v4.log", line, strlen(line), TW_LOG_SYSLOG,
                                        NULL, &r.fl, &r.d),
                         TW_OK);
        got = summarise(&r.fl);
        assert_string_equal(got, v4_cases[c].want);
        free(got);
        tw_findings_release(&r.fl);
        tw_diags_release(&r.d);
        tw_arena_free(r.arena);
    }
}

/* Lines are counted 64 bytes at a time: filler lines of lengths around the
 * block size (empty ones too) before a hit line, which must keep its
 * number. */
static const struct {
    size_t lines, len;
} count_cases[] = {
    {0, 0},  {1, 0},  {3, 0},   {1, 1},   {2, 62},  {1, 63},  {3, 63},  {1, 64},
    {2, 64}, {5, 65}, {7, 127}, {4, 128}, {1, 200}, {9, 31},  {70, 0},  {33, 15},
};

static void test_hunt_line_count(void **state)
{
    fixture *fx = *state;
    char buf[4096], want[64];

    for (size_t i = 0; i < N_ELEMS(count_cases); i++) {
        size_t n = 0;
        result r;
        char *got;

        for (size_t l = 0; l < count_cases[i].lines; l++) {
            memset(buf + n, 'a', count_cases[i].len);
            n += count_cases[i].len;
            buf[n++] = '\n';
        }
        n += (size_t)snprintf(buf + n, sizeof(buf) - n,
                              "Mar  1 10:00:00 r1 %%SYS-6-NOTE: from 1.1.1.1\n%*s\n", 70, "");
        snprintf(want, sizeof(want), "%zu T-SIGHT 1.1.1.1", count_cases[i].lines + 1);
        result_init(&r);
        assert_int_equal(tw_hunt_buffer(fx->hunter, "n.log", buf, n, TW_LOG_SYSLOG, NULL, &r.fl,
                                        &r.d),
                         TW_OK);
        got = summarise(&r.fl);
        assert_string_equal(got, want);
        free(got);
        tw_findings_release(&r.fl);
        tw_diags_release(&r.d);
        tw_arena_free(r.arena);
    }
}

/* The anchors of a rule regex: the literal runs every match holds. */
static const struct {
    const char *re;
    const char *want; /* anchors joined by '|' */
} anchor_cases[] = {
    {"(?i)monitor\\s+capture", "monitor|capture"},
    {"(?i)clear(\\s|cmd-arg=)+(log|archive)", "clear"},
    {"(?i)(ip)\\s+(access-group)", ""},
    {"abc+cde", "abc|cde"},
    {"abc?def", "def"},
    {"abcd*ef{2}ghi", "abc|ghi"},
    {"x{0,3}yyy", "yyy"},
    {"tac\\.pcap\\b", "tac\\.pcap"},
    {"foo|barbaz", ""},
    {"(?x)foo bar", ""},
    {"\\Qa.b\\E", ""},
    {"abc\\x41def", ""},
    {"(?i)(\\s|\\\\u00[0-9a-f]{2})+foo\\\\bar", "foo\\\\bar"},
    {"[[:alpha:]]xyz", ""},
    {"[]a]bcd[^]]efg", "bcd|efg"},
    {"^start\\d+end$", "start|end"},
    {"ab", ""},
    {"(unbalanced", ""},
    {"unbalanced)", ""},
};

static void test_hunt_regex_anchors(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(anchor_cases); i++) {
        tw_str runs[8];
        size_t n = tw__hunt_regex_anchors(anchor_cases[i].re, 3, runs, 8), len = 0;
        char got[256] = "";

        for (size_t k = 0; k < n; k++)
            len += (size_t)snprintf(got + len, sizeof(got) - len, "%s%.*s", k ? "|" : "",
                                    (int)runs[k].len, runs[k].ptr);
        assert_string_equal(got, anchor_cases[i].want);
    }
}

/* The token hash reads 16 bytes where it may and copies where it may
 * not: both give the same value, which depends on the token alone. */
static void test_hunt_token_hash(void **state)
{
    static const char *const toks[] = {"1.2.3.4", "45.61.133.77", "255.255.255.255", "10.0.0.1",
                                       "1.1.1.1", "11.1.1.10", "9"};
    char buf[64];

    (void)state;
    for (size_t i = 0; i < N_ELEMS(toks); i++) {
        size_t n = strlen(toks[i]);

        memset(buf, 'x', sizeof(buf));
        memcpy(buf, toks[i], n);
        assert_int_equal(tw__tok_hash16(buf, n), tw__tok_hash(toks[i], n));
        memset(buf, '7', sizeof(buf));
        memcpy(buf, toks[i], n);
        assert_int_equal(tw__tok_hash16(buf, n), tw__tok_hash(toks[i], n));
    }
    assert_true(tw__tok_hash("1.1.1.1", 7) != tw__tok_hash("11.1.1.10", 9));
    assert_true(tw__tok_hash("1.1.1.1", 7) != tw__tok_hash("1.1.1.12", 8));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hunt_buffer),          cmocka_unit_test(test_hunt_chunk_sizes),
        cmocka_unit_test(test_hunt_ranges),          cmocka_unit_test(test_hunt_benign),
        cmocka_unit_test(test_hunt_whole_addresses), cmocka_unit_test(test_hunt_not_log),
        cmocka_unit_test(test_hunt_builtin_prefilter), cmocka_unit_test(test_hunt_v4_tokens),
        cmocka_unit_test(test_hunt_v4_offsets),
        cmocka_unit_test(test_hunt_line_count),
        cmocka_unit_test(test_hunt_regex_anchors), cmocka_unit_test(test_hunt_token_hash),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
