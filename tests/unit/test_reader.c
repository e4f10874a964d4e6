/*
 * test_reader.c: unit tests for the chunked line reader (lib/core/reader.c).
 *
 * Every input is made of numbered lines ("000042 xxxx"), so a test can check
 * that each line handed out carries the number the reader says it has.  A
 * table of cases covers chunk sizes, overlong lines, CRLF, a missing final
 * newline, the empty input, gzip (one and two members) and zstd made here
 * with the zlib and zstd APIs, read from memory and from a file.  Corrupt
 * compressed input, line counting and range splitting have tests of their
 * own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <zlib.h>
#include <zstd.h>

#include "tidewatch/reader.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

typedef enum { SRC_MEM, SRC_FILE } source;

typedef struct {
    const char *name;
    unsigned nlines;  /* lines of the input */
    unsigned linelen; /* bytes of each line before its end */
    unsigned long_at; /* this line is 300 bytes long (0: none) */
    bool crlf;
    bool final_nl; /* the last line has its newline */
    tw_codec codec;
    int members; /* gzip: members concatenated */
    size_t chunk;
    source src;
    /* expected */
    unsigned handed; /* lines handed out */
    size_t warnings;
} reader_case;

static const reader_case cases[] = {
    {"small, one chunk", 10, 20, 0, false, true, TW_CODEC_PLAIN, 1, 0, SRC_MEM, 10, 0},
    {"many chunks", 500, 20, 0, false, true, TW_CODEC_PLAIN, 1, 64, SRC_MEM, 500, 0},
    {"chunk of odd size", 300, 17, 0, false, true, TW_CODEC_PLAIN, 1, 100, SRC_MEM, 300, 0},
    {"long line skipped", 50, 20, 7, false, true, TW_CODEC_PLAIN, 1, 128, SRC_MEM, 49, 1},
    {"long first line", 50, 20, 1, false, true, TW_CODEC_PLAIN, 1, 128, SRC_MEM, 49, 1},
    {"long last line", 50, 20, 50, false, false, TW_CODEC_PLAIN, 1, 128, SRC_MEM, 49, 1},
    {"no final newline", 40, 20, 0, false, false, TW_CODEC_PLAIN, 1, 64, SRC_MEM, 40, 0},
    {"crlf", 200, 20, 0, true, true, TW_CODEC_PLAIN, 1, 64, SRC_MEM, 200, 0},
    {"empty", 0, 0, 0, false, true, TW_CODEC_PLAIN, 1, 64, SRC_MEM, 0, 0},
    {"gzip", 3000, 30, 0, false, true, TW_CODEC_GZIP, 1, 1000, SRC_MEM, 3000, 0},
    {"gzip two members", 3000, 30, 0, false, true, TW_CODEC_GZIP, 2, 1000, SRC_MEM, 3000, 0},
    {"gzip long line", 300, 30, 123, false, true, TW_CODEC_GZIP, 1, 128, SRC_MEM, 299, 1},
    {"zstd", 3000, 30, 0, false, true, TW_CODEC_ZSTD, 1, 1000, SRC_MEM, 3000, 0},
    {"zstd no final newline", 999, 30, 0, false, false, TW_CODEC_ZSTD, 1, 700, SRC_MEM, 999, 0},
    {"file", 2000, 40, 0, false, true, TW_CODEC_PLAIN, 1, 4096, SRC_FILE, 2000, 0},
    {"file long line", 2000, 40, 1500, false, true, TW_CODEC_PLAIN, 1, 256, SRC_FILE, 1999, 1},
    {"file gzip", 2000, 40, 0, true, true, TW_CODEC_GZIP, 1, 512, SRC_FILE, 2000, 0},
    {"file zstd", 2000, 40, 0, false, false, TW_CODEC_ZSTD, 1, 512, SRC_FILE, 2000, 0},
};

typedef struct {
    char *data;
    size_t len;
} blob;

static blob make_lines(const reader_case *c)
{
    blob b;
    size_t cap = (size_t)c->nlines * (c->linelen + 310) + 1, len = 0;

    b.data = malloc(cap);
    assert_non_null(b.data);
    for (unsigned i = 1; i <= c->nlines; i++) {
        unsigned n = i == c->long_at ? 300 : c->linelen;

        len += (size_t)snprintf(b.data + len, cap - len, "%06u ", i);
        for (unsigned k = 7; k < n; k++)
            b.data[len++] = (char)('a' + k % 26);
        if (i < c->nlines || c->final_nl) {
            if (c->crlf)
                b.data[len++] = '\r';
            b.data[len++] = '\n';
        }
    }
    b.len = len;
    return b;
}

static void gzip_member(const blob *in, blob *out)
{
    z_stream z;

    memset(&z, 0, sizeof(z));
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY), Z_OK);
    z.next_in = (unsigned char *)in->data;
    z.avail_in = (uInt)in->len;
    z.next_out = (unsigned char *)out->data + out->len;
    z.avail_out = (uInt)(deflateBound(&z, in->len) + 64);
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    out->len += z.total_out;
    deflateEnd(&z);
}

/* The input compressed as the case says; gzip members split it in two. */
static blob compress_blob(const reader_case *c, const blob *plain)
{
    blob out = {malloc(plain->len * 2 + 1024), 0};

    assert_non_null(out.data);
    if (c->codec == TW_CODEC_ZSTD) {
        out.len = ZSTD_compress(out.data, plain->len * 2 + 1024, plain->data, plain->len, 3);
        assert_false(ZSTD_isError(out.len));
    } else if (c->members == 2) {
        size_t half = plain->len / 2;
        blob a = {plain->data, half}, b = {plain->data + half, plain->len - half};

        gzip_member(&a, &out);
        gzip_member(&b, &out);
    } else {
        gzip_member(plain, &out);
    }
    return out;
}

static char tmp_path[256];

static tw_reader *open_case(const reader_case *c, const blob *raw)
{
    tw_reader *r = NULL;

    if (c->src == SRC_MEM) {
        assert_int_equal(tw_reader_open_mem(raw->data, raw->len, "mem", c->chunk, &r), TW_OK);
        return r;
    }
    snprintf(tmp_path, sizeof(tmp_path), "%s/tw-test-reader-XXXXXX", P_tmpdir);
    int fd = mkstemp(tmp_path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, raw->data, raw->len), (ssize_t)raw->len);
    close(fd);
    assert_int_equal(tw_reader_open(tmp_path, NULL, c->chunk, &r), TW_OK);
    return r;
}

/* Reads every chunk; checks chunk shape and each line's number. */
static unsigned read_all(const reader_case *c, tw_reader *r, tw_diags *d)
{
    unsigned handed = 0;
    size_t limit = c->chunk ? c->chunk : TW_READER_CHUNK;
    tw_chunk ch;
    bool eof = false;

    for (;;) {
        assert_int_equal(tw_reader_next(r, &ch, &eof, d), TW_OK);
        if (eof)
            break;
        assert_true(ch.len > 0 && ch.len <= limit);
        uint32_t line = ch.first_line;
        for (size_t off = 0; off < ch.len; line++) {
            const char *nl = memchr(ch.data + off, '\n', ch.len - off);
            size_t end = nl ? (size_t)(nl - ch.data) + 1 : ch.len;

            assert_int_equal(strtoul(ch.data + off, NULL, 10), line);
            handed++;
            off = end;
        }
    }
    return handed;
}

static void run_case(const reader_case *c)
{
    blob plain = make_lines(c), raw = plain;
    tw_diags d;
    tw_reader *r;

    tw_diags_init(&d);
    if (c->codec != TW_CODEC_PLAIN)
        raw = compress_blob(c, &plain);
    r = open_case(c, &raw);
    assert_int_equal(tw_reader_codec(r), c->codec);
    assert_int_equal(read_all(c, r, &d), c->handed);
    assert_int_equal(d.n, c->warnings);
    tw_reader_free(r);
    if (c->src == SRC_FILE)
        unlink(tmp_path);
    if (raw.data != plain.data)
        free(raw.data);
    free(plain.data);
    tw_diags_release(&d);
}

static void test_reader_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        print_message("case: %s\n", cases[i].name);
        run_case(&cases[i]);
    }
}

/* A buffer is handed out in place, and its whole text for ranges. */
static void test_reader_whole(void **state)
{
    static const char text[] = "a\nbb\nccc\n";
    tw_reader *r;
    const char *data = NULL;
    size_t len = 0;

    (void)state;
    assert_int_equal(tw_reader_open_mem(text, sizeof(text) - 1, NULL, 0, &r), TW_OK);
    assert_true(tw_reader_whole(r, &data, &len));
    assert_ptr_equal(data, text);
    assert_int_equal(len, sizeof(text) - 1);
    tw_reader_free(r);
}

/* A plain file is mapped whole, after chunks were read too, and only up
 * to the size given; a buffer and a gzip file are not. */
static void test_reader_map(void **state)
{
    static const reader_case plain = {"map",          300, 20, 0,        false, false,
                                      TW_CODEC_PLAIN, 1,   0,  SRC_FILE, 0,     0};
    reader_case gz = plain;
    blob text = make_lines(&plain), zipped;
    const char *data = NULL;
    size_t len = 0;
    tw_diags d;
    tw_chunk ch;
    bool eof = false;
    tw_reader *r;

    (void)state;
    tw_diags_init(&d);
    r = open_case(&plain, &text);
    assert_int_equal(tw_reader_next(r, &ch, &eof, &d), TW_OK);
    assert_false(tw_reader_map(r, text.len - 1, &data, &len)); /* larger than allowed */
    assert_true(tw_reader_map(r, text.len, &data, &len));
    assert_int_equal(len, text.len);
    assert_memory_equal(data, text.data, text.len);
    assert_true(tw_reader_map(r, text.len, &data, &len)); /* the same mapping again */
    tw_reader_free(r);
    unlink(tmp_path);

    gz.codec = TW_CODEC_GZIP;
    zipped = compress_blob(&gz, &text);
    r = open_case(&gz, &zipped);
    assert_false(tw_reader_map(r, (size_t)1 << 30, &data, &len));
    tw_reader_free(r);
    unlink(tmp_path);
    assert_int_equal(tw_reader_open_mem(text.data, text.len, NULL, 0, &r), TW_OK);
    assert_false(tw_reader_map(r, (size_t)1 << 30, &data, &len));
    tw_reader_free(r);
    free(zipped.data);
    free(text.data);
    tw_diags_release(&d);
}

/* Corrupt and truncated compressed data: an error, never a crash. */
static void test_reader_corrupt(void **state)
{
    static const reader_case c = {"x",           2000, 30,  0,       false, true,
                                  TW_CODEC_GZIP, 1,    512, SRC_MEM, 0,     0};
    reader_case z = c;
    blob plain = make_lines(&c);
    tw_codec codecs[] = {TW_CODEC_GZIP, TW_CODEC_ZSTD};

    (void)state;
    for (size_t k = 0; k < N_ELEMS(codecs); k++) {
        z.codec = codecs[k];
        blob raw = compress_blob(&z, &plain);
        size_t cuts[] = {raw.len / 2, raw.len - 3};
        for (size_t i = 0; i < N_ELEMS(cuts); i++) {
            tw_reader *r;
            tw_chunk ch;
            bool eof = false;
            tw_err rc = TW_OK;
            tw_diags d;

            tw_diags_init(&d);
            assert_int_equal(tw_reader_open_mem(raw.data, cuts[i], "cut", 512, &r), TW_OK);
            while (rc == TW_OK && !eof)
                rc = tw_reader_next(r, &ch, &eof, &d);
            assert_int_equal(rc, TW_EIO);
            assert_int_equal(d.errors, 1);
            tw_reader_free(r);
            tw_diags_release(&d);
        }
        free(raw.data);
    }
    free(plain.data);
}

static void test_count_lines(void **state)
{
    static const struct {
        const char *text;
        size_t n;
    } rows[] = {
        {"", 0},
        {"\n", 1},
        {"abc", 0},
        {"a\nb\nc\n", 3},
        {"\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n\n", 17},
        {"0123456\n0123456\n0123456\n\x8a\x0b\xff\n", 4},
    };

    (void)state;
    for (size_t i = 0; i < N_ELEMS(rows); i++)
        assert_int_equal(tw_count_lines(rows[i].text, strlen(rows[i].text)), rows[i].n);
}

static void test_split_lines(void **state)
{
    static const char text[] = "aaaa\nbbbb\ncccc\ndddd\neeee\nffff\ngggg\nhhhh\n";
    static const size_t ns[] = {1, 2, 3, 4, 8, 20};
    size_t bounds[21];

    (void)state;
    for (size_t k = 0; k < N_ELEMS(ns); k++) {
        tw_split_lines(text, sizeof(text) - 1, ns[k], bounds);
        assert_int_equal(bounds[0], 0);
        assert_int_equal(bounds[ns[k]], sizeof(text) - 1);
        for (size_t i = 1; i < ns[k]; i++) {
            assert_true(bounds[i] >= bounds[i - 1]);
            assert_true(bounds[i] == sizeof(text) - 1 || text[bounds[i] - 1] == '\n');
        }
    }
}

/* A file split by tw_split_file gives the bounds tw_split_lines gives for
 * its text, and a span reader hands out exactly the bytes of each range,
 * its lines numbered from 1, never decompressed. */
static void test_split_file_spans(void **state)
{
    static const char *const texts[] = {
        "aaaa\nbbbb\ncccc\ndddd\neeee\nffff\ngggg\nhhhh\n",
        "one line without an end",
        "\x1f\x8b\x08 not gzip in a span\n\x28\xb5\x2f\xfd nor zstd\nx\n",
        "\n\n\n\n\n",
    };
    static const size_t ns[] = {1, 2, 3, 7};
    char path[64];

    (void)state;
    for (size_t t = 0; t < N_ELEMS(texts); t++) {
        size_t len = strlen(texts[t]), want[8];
        uint64_t got[8];
        int fd;

        snprintf(path, sizeof(path), "%s/tw-test-split-XXXXXX", P_tmpdir);
        fd = mkstemp(path);
        assert_true(fd >= 0);
        assert_int_equal(write(fd, texts[t], len), (ssize_t)len);
        close(fd);
        for (size_t k = 0; k < N_ELEMS(ns); k++) {
            tw_split_lines(texts[t], len, ns[k], want);
            assert_int_equal(tw_split_file(path, ns[k], got), TW_OK);
            for (size_t i = 0; i <= ns[k]; i++)
                assert_int_equal(got[i], want[i]);
            for (size_t i = 0; i < ns[k]; i++) {
                tw_reader *r;
                tw_chunk ch;
                bool eof = false;
                tw_diags d;
                size_t at = 0;

                tw_diags_init(&d);
                assert_int_equal(
                    tw_reader_open_span(path, NULL, 64, got[i], got[i + 1] - got[i], &r), TW_OK);
                assert_int_equal(tw_reader_codec(r), TW_CODEC_PLAIN);
                for (uint32_t line = 1;
                     assert_int_equal(tw_reader_next(r, &ch, &eof, &d), TW_OK), !eof;
                     line += (uint32_t)tw_count_lines(ch.data, ch.len)) {
                    assert_int_equal(ch.first_line, line);
                    assert_memory_equal(ch.data, texts[t] + got[i] + at, ch.len);
                    at += ch.len;
                }
                assert_int_equal(at, got[i + 1] - got[i]);
                tw_reader_free(r);
                tw_diags_release(&d);
            }
        }
        unlink(path);
    }
    assert_int_equal(tw_split_file("/nonexistent/tw/file.log", 2, (uint64_t[3]){0}), TW_ENOENT);
}

/* A file is read a little at a time, but a line longer than that (and
 * shorter than the chunk) still comes out whole, with its line number. */
static void test_reader_long_line_default(void **state)
{
    size_t big = (size_t)300 << 10, len = big + 5, at = 0;
    char *text = malloc(len), path[64];
    tw_reader *r;
    tw_chunk ch;
    bool eof = false;
    tw_diags d;
    uint32_t lines = 0;
    int fd;

    (void)state;
    memcpy(text, "a\n", 2);
    memset(text + 2, 'x', big);
    memcpy(text + 2 + big, "\nb\n", 3);
    snprintf(path, sizeof(path), "%s/tw-test-long-XXXXXX", P_tmpdir);
    fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    close(fd);
    tw_diags_init(&d);
    assert_int_equal(tw_reader_open(path, NULL, 0, &r), TW_OK);
    while (assert_int_equal(tw_reader_next(r, &ch, &eof, &d), TW_OK), !eof) {
        assert_int_equal(ch.first_line, lines + 1);
        assert_memory_equal(ch.data, text + at, ch.len);
        at += ch.len;
        lines += (uint32_t)tw_count_lines(ch.data, ch.len);
    }
    assert_int_equal(at, len);
    assert_int_equal(lines, 3);
    assert_int_equal(d.n, 0);
    tw_reader_free(r);
    tw_diags_release(&d);
    unlink(path);
    free(text);
}

static void test_codec_detect(void **state)
{
    (void)state;
    assert_int_equal(tw_codec_detect("\x1f\x8b\x08", 3), TW_CODEC_GZIP);
    assert_int_equal(tw_codec_detect("\x28\xb5\x2f\xfd", 4), TW_CODEC_ZSTD);
    assert_int_equal(tw_codec_detect("\x28\xb5\x2f", 3), TW_CODEC_PLAIN);
    assert_int_equal(tw_codec_detect("Mar  1", 6), TW_CODEC_PLAIN);
    assert_string_equal(tw_codec_name(TW_CODEC_ZSTD), "zstd");
}

static void test_reader_missing(void **state)
{
    tw_reader *r = NULL;

    (void)state;
    assert_int_equal(tw_reader_open("/nonexistent/tw/file.log", NULL, 0, &r), TW_ENOENT);
    assert_null(r);
    assert_int_equal(tw_reader_open(P_tmpdir, NULL, 0, &r), TW_EINVAL);
    assert_null(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_reader_cases),
        cmocka_unit_test(test_reader_whole),
        cmocka_unit_test(test_reader_corrupt),
        cmocka_unit_test(test_count_lines),
        cmocka_unit_test(test_split_lines),
        cmocka_unit_test(test_codec_detect),
        cmocka_unit_test(test_reader_missing),
        cmocka_unit_test(test_split_file_spans),
        cmocka_unit_test(test_reader_long_line_default),
        cmocka_unit_test(test_reader_map),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
