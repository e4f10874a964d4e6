/*
 * file.c: reading input files whole, and telling text from binary.
 *
 * Regular files are mapped read-only (tw_file_read) or read into a buffer
 * the caller reuses across files (tw_file_read_buf, cheaper for many small
 * files: no page tables to build and tear down); pipes, character devices
 * and other non-regular files are read into a heap buffer.  Either way the
 * caller gets (data, len), bounded by a size cap, and never modifies the
 * input.
 * tw_looks_binary judges the first 8 KiB of a buffer.  Thread-safe.
 */
#include "tidewatch/file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tidewatch/limits.h"

#define SNIFF_LEN 8192
#define SNIFF_MAX_NULS 8
#define READ_CHUNK ((size_t)64 << 10)

static tw_err errno_to_err(int e)
{
    if (e == ENOENT || e == ENOTDIR)
        return TW_ENOENT;
    if (e == EISDIR)
        return TW_EINVAL;
    if (e == ENOMEM)
        return TW_ENOMEM;
    return TW_EIO;
}

/* Reads fd to its end into a heap buffer of at most max bytes. */
static tw_err read_all(int fd, size_t max, tw_file *out)
{
    size_t len = 0, cap = 0;
    char *buf = NULL, *p;
    ssize_t r = 1;
    tw_err rc = TW_OK;

    while (r != 0) {
        if (cap - len < 2) {
            size_t ncap = cap == 0 ? READ_CHUNK : cap * 2;
            if (ncap > max + 2)
                ncap = max + 2;
            p = realloc(buf, ncap);
            if (p == NULL) {
                rc = TW_ENOMEM;
                goto out;
            }
            buf = p;
            cap = ncap;
        }
        r = read(fd, buf + len, cap - len - 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            rc = errno_to_err(errno);
            goto out;
        }
        len += (size_t)r;
        if (len > max) {
            rc = TW_ELIMIT;
            goto out;
        }
    }
    buf[len] = '\0';
    out->heap_ = buf;
    out->data = buf;
    out->len = len;
    buf = NULL;
out:
    free(buf);
    return rc;
}

/* Maps a regular file of size bytes; falls back to reading it. */
static tw_err map_file(int fd, size_t size, size_t max, tw_file *out)
{
    void *m;

    if (size > max)
        return TW_ELIMIT;
    if (size == 0) {
        out->data = "";
        out->len = 0;
        return TW_OK;
    }
    m = mmap(NULL, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (m == MAP_FAILED)
        return read_all(fd, max, out);
    out->map_ = m;
    out->maplen_ = size;
    out->data = m;
    out->len = size;
    return TW_OK;
}

/* Reads a regular file of size bytes into buf (emptied first); a file
 * that shrank meanwhile yields what is left, one that grew its first size
 * bytes, as a mapping would. */
static tw_err read_regular(int fd, size_t size, tw_buf *buf, tw_file *out)
{
    tw_err rc;

    tw_buf_reset(buf);
    rc = tw_buf_grow(buf, size);
    if (rc != TW_OK)
        return rc;
    while (buf->len < size) {
        ssize_t r = read(fd, buf->ptr + buf->len, size - buf->len);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return errno_to_err(errno);
        if (r == 0)
            break;
        buf->len += (size_t)r;
    }
    buf->ptr[buf->len] = '\0';
    out->data = buf->ptr;
    out->len = buf->len;
    return TW_OK;
}

/* Opens path for reading without blocking on a FIFO; fills st.  -1 with
 * *rc set on failure. */
static int open_input(const char *path, struct stat *st, tw_err *rc)
{
    /* O_NONBLOCK so that opening a FIFO without a writer cannot hang;
     * cleared again before reading. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);

    if (fd < 0) {
        *rc = errno_to_err(errno);
        return -1;
    }
    if (fstat(fd, st) != 0 || fcntl(fd, F_SETFL, 0) != 0) {
        *rc = errno_to_err(errno);
        close(fd);
        return -1;
    }
    return fd;
}

/* Reads path whole into out: a regular file into buf when buf is given,
 * else mapped; anything else (a pipe, a device) into the heap. */
static tw_err read_path(const char *path, size_t max, tw_buf *buf, tw_file *out)
{
    struct stat st;
    int fd;
    tw_err rc = TW_OK;

    memset(out, 0, sizeof(*out));
    out->data = "";
    if (max == 0)
        max = TW_LIMIT_FILE_SIZE;
    if (max >= SIZE_MAX - 2)
        max = SIZE_MAX - 3;
    fd = open_input(path, &st, &rc);
    if (fd < 0)
        return rc;
    if (S_ISDIR(st.st_mode))
        rc = TW_EINVAL;
    else if (S_ISREG(st.st_mode) && (st.st_size < 0 || (uintmax_t)st.st_size > max))
        rc = TW_ELIMIT;
    else if (S_ISREG(st.st_mode) && buf)
        rc = read_regular(fd, (size_t)st.st_size, buf, out);
    else if (S_ISREG(st.st_mode))
        rc = map_file(fd, (size_t)st.st_size, max, out);
    else
        rc = read_all(fd, max, out);
    close(fd);
    return rc;
}

/* Like tw_file_read, but a regular file is read into buf (which the caller
 * owns, may reuse for the next file once done with out, and releases with
 * tw_buf_release); out borrows buf's storage.  Release out with
 * tw_file_release as usual (it leaves buf alone). */
tw_err tw_file_read_buf(const char *path, size_t max, tw_buf *buf, tw_file *out)
{
    return read_path(path, max, buf, out);
}

/* Reads path whole: at most max bytes (0: TW_LIMIT_FILE_SIZE), else
 * TW_ELIMIT.  TW_ENOENT when it does not exist, TW_EINVAL for a folder,
 * TW_EIO for other errors.  Release the result with tw_file_release. */
tw_err tw_file_read(const char *path, size_t max, tw_file *out)
{
    return read_path(path, max, NULL, out);
}

/* Unmaps or frees the contents; the struct is empty afterwards. */
void tw_file_release(tw_file *f)
{
    if (f->map_ != NULL)
        munmap(f->map_, f->maplen_);
    free(f->heap_);
    memset(f, 0, sizeof(*f));
    f->data = "";
}

/* Length of the valid UTF-8 sequence at p (n bytes left), or 0.  A
 * sequence cut by the end of the window counts as valid. */
static size_t utf8_seq(const unsigned char *p, size_t n)
{
    unsigned char c = p[0];
    size_t need;
    unsigned char lo = 0x80, hi = 0xbf;

    if (c >= 0xc2 && c <= 0xdf)
        need = 1;
    else if (c >= 0xe0 && c <= 0xef)
        need = 2;
    else if (c >= 0xf0 && c <= 0xf4)
        need = 3;
    else
        return 0;
    if (c == 0xe0)
        lo = 0xa0;
    else if (c == 0xed)
        hi = 0x9f;
    else if (c == 0xf0)
        lo = 0x90;
    else if (c == 0xf4)
        hi = 0x8f;
    for (size_t i = 1; i <= need; i++) {
        if (i >= n)
            return n;
        if (p[i] < (i == 1 ? lo : 0x80) || p[i] > (i == 1 ? hi : 0xbf))
            return 0;
    }
    return need + 1;
}

static bool is_text_byte(unsigned char c)
{
    return (c >= 0x20 && c < 0x7f) || c == '\t' || c == '\r' || c == '\n' || c == '\f';
}

/* True when the 8 bytes at p are all printable ASCII (0x20 to 0x7e), the
 * common case, tested at once. */
static inline bool all_printable8(const unsigned char *p)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t x, del;

    memcpy(&x, p, sizeof(x));
    del = x ^ (ones * 0x7f);
    return (((x - ones * 0x20) | (del - ones) | x) & highs) == 0;
}

/* True when the first 8 KiB of data look binary: more than 8 NUL bytes,
 * or more than 30% bytes that are neither printable ASCII, tab, CR, LF, FF
 * nor part of valid UTF-8.  A UTF-8 byte order mark is text. */
bool tw_looks_binary(const char *data, size_t len)
{
    const unsigned char *p = (const unsigned char *)data;
    size_t n = len < SNIFF_LEN ? len : SNIFF_LEN;
    size_t i = 0, nuls = 0, bad = 0, seq;

    if (n >= 3 && p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf)
        i = 3;
    while (i < n) {
        if (n - i >= 8 && all_printable8(p + i)) {
            i += 8;
            continue;
        }
        if (is_text_byte(p[i])) {
            i++;
            continue;
        }
        seq = p[i] >= 0x80 ? utf8_seq(p + i, n - i) : 0;
        if (seq > 0) {
            i += seq;
            continue;
        }
        nuls += p[i] == 0;
        bad++;
        i++;
    }
    return nuls > SNIFF_MAX_NULS || bad * 10 > n * 3;
}
