/*
 * test_frame.c: syslog framing over TCP (lib/parse/frame.c): octet
 * counting and LF / NUL framing, mixed on one stream, cut at the size
 * limit, and the same messages however the stream is split into reads.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "tidewatch/frame.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))

typedef struct {
    char out[4096];
    size_t n;
} sink;

/* Appends "[msg]" for each message. */
static void collect(void *ud, const char *msg, size_t len)
{
    sink *s = ud;
    int w = snprintf(s->out + s->n, sizeof(s->out) - s->n, "[%.*s]", (int)len, msg);

    assert_true(w >= 0 && (size_t)w < sizeof(s->out) - s->n);
    s->n += (size_t)w;
}

static const struct {
    const char *name;
    const char *in;
    size_t len; /* 0: strlen(in) */
    size_t max;
    const char *want;
    unsigned cut, bad;
} rows[] = {
    {"LF framing", "<13>a b\n<14>c\n", 0, 0, "[<13>a b][<14>c]", 0, 0},
    {"CR LF and NUL endings", "<13>a\r\n<13>b\0<13>c\n", 19, 0, "[<13>a][<13>b][<13>c]", 0, 0},
    {"octet counting", "6 <13>ab7 <13>a\nb", 0, 0, "[<13>ab][<13>a\nb]", 0, 0},
    {"both on one stream", "5 <13>a<14>line\n3 xyz", 0, 0, "[<13>a][<14>line][xyz]", 0, 0},
    {"digits that are no count", "2024-03-01 up\n42\n", 0, 0, "[2024-03-01 up][42]", 0, 0},
    {"a count the stream never fills", "<13>a\n2024 was a year\n", 0, 0, "[<13>a]", 0, 1},
    {"empty lines between frames", "\n\n<13>a\n\r\n", 0, 0, "[<13>a]", 0, 0},
    {"no final newline", "<13>a\n<13>tail", 0, 0, "[<13>a][<13>tail]", 0, 0},
    {"cut at the limit", "<13>abcdefgh\n<13>x\n", 0, 6, "[<13>ab][<13>x]", 1, 0},
    {"octet message cut", "10 0123456789<13>y\n", 0, 4, "[0123][<13>]", 2, 0},
    {"count too large", "9999999999 x\n<13>z\n", 0, 0, "[9999999999 x][<13>z]", 0, 1},
    {"count of a huge message", "200000000 x\n", 0, 0, "[200000000 x]", 0, 1},
};

/* Feeds in split at every position (and byte by byte), always the same
 * messages. */
static void test_rows(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(rows); i++) {
        size_t len = rows[i].len ? rows[i].len : strlen(rows[i].in);
        print_message("row %zu: %s\n", i, rows[i].name);
        for (size_t cut = 0; cut <= len + 1; cut++) {
            tw_framer f;
            sink s = {.n = 0};
            tw_framer_init(&f, rows[i].max);
            if (cut == len + 1) { /* byte by byte */
                for (size_t k = 0; k < len; k++)
                    tw_framer_feed(&f, rows[i].in + k, 1, collect, &s);
            } else {
                tw_framer_feed(&f, rows[i].in, cut, collect, &s);
                tw_framer_feed(&f, rows[i].in + cut, len - cut, collect, &s);
            }
            tw_framer_end(&f, collect, &s);
            assert_string_equal(s.out, rows[i].want);
            assert_int_equal(f.cut, rows[i].cut);
            assert_int_equal(f.bad, rows[i].bad);
            tw_framer_release(&f);
        }
    }
}

/* A sender that never stops one line: memory stays at the limit. */
static void test_bounded(void **state)
{
    char chunk[4096];
    tw_framer f;
    sink s = {.n = 0};

    (void)state;
    memset(chunk, 'x', sizeof(chunk));
    tw_framer_init(&f, 1000);
    for (int i = 0; i < 1000; i++)
        tw_framer_feed(&f, chunk, sizeof(chunk), collect, &s);
    assert_true(f.msg.cap <= 1000 + 2 * 1024);
    assert_int_equal(f.cut, 1);
    tw_framer_feed(&f, "\n<13>next\n", 10, collect, &s);
    assert_int_equal(f.messages, 2);
    assert_non_null(strstr(s.out, "[<13>next]"));
    tw_framer_release(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rows),
        cmocka_unit_test(test_bounded),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
