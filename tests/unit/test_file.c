/*
 * test_file.c: unit tests for reading inputs (lib/core/file.c).
 *
 * Files are created in a fresh temporary folder: regular, empty, too large,
 * a folder, a missing path, a pipe and a character device.  tw_looks_binary
 * is checked over a table of text and binary samples.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "tidewatch/file.h"

#define N_ELEMS(a) (sizeof(a) / sizeof((a)[0]))

struct fixture {
    char dir[256];
    char path[300];
};

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
    static struct fixture fx;
    snprintf(fx.dir, sizeof(fx.dir), "%s/tw-test-file-XXXXXX", P_tmpdir);
    *state = &fx;
    return mkdtemp(fx.dir) == NULL;
}

static int teardown(void **state)
{
    struct fixture *fx = *state;
    static const char *const names[] = {"a.cfg", "empty.cfg", "big.cfg", "fifo"};
    for (size_t i = 0; i < N_ELEMS(names); i++) {
        snprintf(fx->path, sizeof(fx->path), "%s/%s", fx->dir, names[i]);
        unlink(fx->path);
    }
    return rmdir(fx->dir);
}

static const char *in_dir(struct fixture *fx, const char *name)
{
    snprintf(fx->path, sizeof(fx->path), "%s/%s", fx->dir, name);
    return fx->path;
}

static void test_file_regular(void **state)
{
    struct fixture *fx = *state;
    static const char text[] = "hostname R1\ninterface Tunnel10\n";
    tw_file f;
    write_file(in_dir(fx, "a.cfg"), text, sizeof(text) - 1);
    assert_int_equal(tw_file_read(fx->path, 0, &f), TW_OK);
    assert_int_equal(f.len, sizeof(text) - 1);
    assert_memory_equal(f.data, text, f.len);
    assert_non_null(f.map_);
    tw_file_release(&f);
    assert_int_equal(f.len, 0);
    assert_null(f.map_);
    /* exactly at the cap is fine, one byte over is not */
    assert_int_equal(tw_file_read(fx->path, sizeof(text) - 1, &f), TW_OK);
    tw_file_release(&f);
    assert_int_equal(tw_file_read(fx->path, sizeof(text) - 2, &f), TW_ELIMIT);
    tw_file_release(&f);
}

static void test_file_empty(void **state)
{
    struct fixture *fx = *state;
    tw_file f;
    write_file(in_dir(fx, "empty.cfg"), "", 0);
    assert_int_equal(tw_file_read(fx->path, 0, &f), TW_OK);
    assert_int_equal(f.len, 0);
    assert_non_null(f.data);
    assert_string_equal(f.data, "");
    tw_file_release(&f);
}

static void test_file_large(void **state)
{
    struct fixture *fx = *state;
    size_t n = 3 << 20;
    char *big = malloc(n);
    tw_file f;
    assert_non_null(big);
    memset(big, 'a', n);
    big[n - 1] = 'z';
    write_file(in_dir(fx, "big.cfg"), big, n);
    assert_int_equal(tw_file_read(fx->path, 0, &f), TW_OK);
    assert_int_equal(f.len, n);
    assert_int_equal(f.data[n - 1], 'z');
    tw_file_release(&f);
    free(big);
}

/* tw_file_read_buf: regular files land in the caller's buffer, which is
 * reused from file to file; the cap, empty files and errors behave as in
 * tw_file_read; a pipe still works (read into the heap). */
static void test_file_read_buf(void **state)
{
    struct fixture *fx = *state;
    static const char one[] = "hostname R1\ninterface Tunnel10\n";
    static const char two[] = "hostname R2\n";
    tw_buf buf;
    tw_file f;

    tw_buf_init(&buf, 0);
    write_file(in_dir(fx, "a.cfg"), one, sizeof(one) - 1);
    assert_int_equal(tw_file_read_buf(fx->path, 0, &buf, &f), TW_OK);
    assert_int_equal(f.len, sizeof(one) - 1);
    assert_memory_equal(f.data, one, f.len);
    assert_ptr_equal(f.data, buf.ptr);
    tw_file_release(&f);
    assert_memory_equal(buf.ptr, one, sizeof(one) - 1);
    write_file(in_dir(fx, "empty.cfg"), two, sizeof(two) - 1);
    assert_int_equal(tw_file_read_buf(fx->path, 0, &buf, &f), TW_OK);
    assert_int_equal(f.len, sizeof(two) - 1);
    assert_memory_equal(f.data, two, f.len);
    tw_file_release(&f);
    assert_int_equal(tw_file_read_buf(fx->path, sizeof(two) - 2, &buf, &f), TW_ELIMIT);
    tw_file_release(&f);
    assert_int_equal(tw_file_read_buf(in_dir(fx, "missing.cfg"), 0, &buf, &f), TW_ENOENT);
    tw_file_release(&f);
    assert_int_equal(tw_file_read_buf("/dev/null", 0, &buf, &f), TW_OK);
    assert_int_equal(f.len, 0);
    tw_file_release(&f);
    tw_buf_release(&buf);
}

static void test_file_errors(void **state)
{
    struct fixture *fx = *state;
    char path[300];
    tw_file f;
    assert_int_equal(tw_file_read(in_dir(fx, "missing.cfg"), 0, &f), TW_ENOENT);
    assert_int_equal(f.len, 0);
    assert_int_equal(tw_file_read(fx->dir, 0, &f), TW_EINVAL);
    write_file(in_dir(fx, "a.cfg"), "x", 1);
    snprintf(path, sizeof(path), "%s/a.cfg/below", fx->dir);
    assert_int_equal(tw_file_read(path, 0, &f), TW_ENOENT);
    tw_file_release(&f);
}

static void test_file_pipe(void **state)
{
    int fds[2];
    char path[64];
    static const char text[] = "logging host 45.61.133.77\n";
    tw_file f;
    (void)state;
    assert_int_equal(pipe(fds), 0);
    assert_int_equal(write(fds[1], text, sizeof(text) - 1), (ssize_t)(sizeof(text) - 1));
    assert_int_equal(close(fds[1]), 0);
    snprintf(path, sizeof(path), "/dev/fd/%d", fds[0]);
    assert_int_equal(tw_file_read(path, 0, &f), TW_OK);
    assert_int_equal(f.len, sizeof(text) - 1);
    assert_memory_equal(f.data, text, f.len);
    assert_null(f.map_);
    assert_non_null(f.heap_);
    tw_file_release(&f);
    assert_int_equal(close(fds[0]), 0);
}

static void test_file_pipe_cap(void **state)
{
    int fds[2];
    char path[64];
    tw_file f;
    (void)state;
    assert_int_equal(pipe(fds), 0);
    assert_int_equal(write(fds[1], "0123456789", 10), 10);
    assert_int_equal(close(fds[1]), 0);
    snprintf(path, sizeof(path), "/dev/fd/%d", fds[0]);
    assert_int_equal(tw_file_read(path, 9, &f), TW_ELIMIT);
    assert_null(f.heap_);
    tw_file_release(&f);
    assert_int_equal(close(fds[0]), 0);
}

static void test_file_fifo_without_writer(void **state)
{
    struct fixture *fx = *state;
    tw_file f;
    assert_int_equal(mkfifo(in_dir(fx, "fifo"), 0600), 0);
    assert_int_equal(tw_file_read(fx->path, 0, &f), TW_OK); /* EOF, no hang */
    assert_int_equal(f.len, 0);
    tw_file_release(&f);
}

static void test_file_chardev(void **state)
{
    tw_file f;
    (void)state;
    assert_int_equal(tw_file_read("/dev/null", 0, &f), TW_OK);
    assert_int_equal(f.len, 0);
    tw_file_release(&f);
}

/* Text and binary samples; lengths are explicit because of the NULs. */
#define SAMPLE(lit, bin)                                                                           \
    {                                                                                              \
        lit, sizeof(lit) - 1, bin                                                                  \
    }
static const struct {
    const char *data;
    size_t len;
    bool binary;
} sniff_cases[] = {
    SAMPLE("", false),
    SAMPLE("hostname R1\r\ninterface Tunnel10\n\tip address 10.1.1.1 255.255.255.0\f\n", false),
    SAMPLE("\xef\xbb\xbfhostname R1\n", false),
    SAMPLE("description caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x93\xa1 \xe4\xb8\xad\xe6\x96\x87\n",
           false),
    SAMPLE("text with a stray\0NUL or\0two\0\0\0 of them\n", false),
    SAMPLE("nine NULs \0\0\0\0\0\0\0\0\0 make it binary", true),
    SAMPLE("\x7f"
           "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0\x01\0\0\0",
           true),
    SAMPLE("h\0o\0s\0t\0n\0a\0m\0e\0 \0R\0\x31\0", true),
    SAMPLE("latin-1 caf\xe9 na\xefve r\xe9sum\xe9 is mostly ascii text\n", false),
    SAMPLE("\x80\x81\x82\x83\x90\xa0\xb0\xc0\xc1\xf5\xff\xfe", true),
    SAMPLE("\x01\x02\x03\x04\x05\x06\x07\x08 abc", true),
    SAMPLE("\xed\xa0\x80\xed\xa0\x80\xed\xa0\x80 surrogates", true),
    SAMPLE("\xe0\x80\xaf\xe0\x80\xaf\xe0\x80\xaf overlong", true),
    SAMPLE("cut at the end \xe2\x80", false),
};

static void test_looks_binary(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(sniff_cases); i++) {
        print_message("case %zu\n", i);
        assert_int_equal(tw_looks_binary(sniff_cases[i].data, sniff_cases[i].len),
                         sniff_cases[i].binary);
    }
}

static void test_looks_binary_window(void **state)
{
    /* Only the first 8 KiB count: text followed by binary is text. */
    static char buf[16384];
    (void)state;
    memset(buf, 'a', 8192);
    memset(buf + 8192, 0, sizeof(buf) - 8192);
    assert_false(tw_looks_binary(buf, sizeof(buf)));
    assert_true(tw_looks_binary(buf + 4096, sizeof(buf) - 4096));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_file_regular, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_empty, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_large, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_file_read_buf, setup, teardown),
        cmocka_unit_test(test_file_pipe),
        cmocka_unit_test(test_file_pipe_cap),
        cmocka_unit_test_setup_teardown(test_file_fifo_without_writer, setup, teardown),
        cmocka_unit_test(test_file_chardev),
        cmocka_unit_test(test_looks_binary),
        cmocka_unit_test(test_looks_binary_window),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
