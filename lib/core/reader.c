/*
 * reader.c: a log file (or standard input, or a buffer) in chunks of whole
 * lines, with bounded memory.
 *
 * Two shapes of source exist.  A region (a caller's buffer) is either
 * plain, and then chunks are views of it cut at the last newline under the
 * chunk size, or compressed, and then it is the input of the decompressor.
 * A stream (a file, stdin, a pipe, or a span of a file) is read into an
 * input buffer.  Files are read, not mapped: a line buffer that is reused
 * stays in the CPU's caches and TLB, where the pages of a mapping are
 * faulted in one by one (measured: hunt spends about a fifth less time on
 * a 200 MB log; BENCHMARKS.md).  Decompressed or streamed bytes land in one
 * line buffer of the chunk size; the partial line at its end moves to the
 * front before the next fill.  gzip members may follow each other (as
 * `cat a.gz b.gz` makes); zstd frames likewise.
 */
#include "tidewatch/reader.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#define IN_SIZE ((size_t)256 << 10)
/* Plain bytes read per chunk when lines are shorter (next_stream). */
#define SOFT_CHUNK ((size_t)256 << 10)
#define MIN_CHUNK 64

struct tw_reader {
    char *label;
    size_t chunk;
    tw_codec codec;
    /* source: a region [region, region + rlen) or the stream fd */
    const char *region;
    size_t rlen, rpos;
    int fd;
    bool own_fd;
    bool span; /* a span of a file: plain, at most `left` bytes more */
    uint64_t left;
    /* stream input buffer (also the compressed input of a region) */
    char *inbuf;
    const unsigned char *in;
    size_t inlen, inpos;
    bool in_eof;
    /* decompressors */
    z_stream z;
    bool z_ready;
    ZSTD_DCtx *zd;
    bool zbusy; /* a zstd frame is under way */
    /* line buffer */
    char *buf;
    size_t blen, handed; /* bytes held; bytes handed out last time */
    bool src_eof, done, skipping;
    uint32_t line; /* number of the next chunk's first line */
    void *map;     /* tw_reader_map's mapping of the whole file, or NULL */
    size_t maplen;
};

const char *tw_codec_name(tw_codec c)
{
    switch (c) {
    case TW_CODEC_GZIP:
        return "gzip";
    case TW_CODEC_ZSTD:
        return "zstd";
    default:
        return "plain";
    }
}

tw_codec tw_codec_detect(const char *data, size_t len)
{
    const unsigned char *p = (const unsigned char *)data;

    if (len >= 2 && p[0] == 0x1f && p[1] == 0x8b)
        return TW_CODEC_GZIP;
    if (len >= 4 && p[0] == 0x28 && p[1] == 0xb5 && p[2] == 0x2f && p[3] == 0xfd)
        return TW_CODEC_ZSTD;
    return TW_CODEC_PLAIN;
}

/* SWAR count of '\n' bytes: a byte of x = w ^ 0x0a.. is zero exactly where
 * w holds a newline; ((x & 0x7f..) + 0x7f..) | x has its high bit clear
 * exactly in those bytes.  The flags are summed by a multiply (no popcount
 * instruction is assumed). */
size_t tw_count_lines(const char *data, size_t len)
{
    size_t n = 0, i = 0;

#ifdef __SSE2__
    /* 16 bytes a step: each byte lane counts its newlines (up to 255
     * steps), then psadbw sums the lanes; no branch on what the bytes hold */
    const __m128i nl = _mm_set1_epi8('\n');

    while (len - i >= 16) {
        size_t steps = (len - i) / 16 < 255 ? (len - i) / 16 : 255;
        __m128i acc = _mm_setzero_si128(), sum;

        for (size_t k = 0; k < steps; k++, i += 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(data + i));
            acc = _mm_sub_epi8(acc, _mm_cmpeq_epi8(x, nl));
        }
        sum = _mm_sad_epu8(acc, _mm_setzero_si128());
        n += (size_t)_mm_cvtsi128_si32(sum) + (size_t)_mm_extract_epi16(sum, 4);
    }
#endif
    for (; i < len; i++)
        n += data[i] == '\n';
    return n;
}

void tw_split_lines(const char *data, size_t len, size_t n, size_t *bounds)
{
    bounds[0] = 0;
    for (size_t i = 1; i < n; i++) {
        size_t b = len / n * i;
        const char *nl;

        if (b < bounds[i - 1])
            b = bounds[i - 1];
        if (b > 0 && b < len) {
            nl = memchr(data + b - 1, '\n', len - (b - 1));
            b = nl ? (size_t)(nl - data) + 1 : len;
        }
        bounds[i] = b;
    }
    if (n > 0)
        bounds[n] = len;
}

/* The last '\n' in p[0, n), or NULL (memrchr is not in POSIX). */
static const char *last_nl(const char *p, size_t n)
{
    while (n > 0) {
        if (p[--n] == '\n')
            return p + n;
    }
    return NULL;
}

static uint32_t add_lines(uint32_t line, size_t n)
{
    return n >= (size_t)(UINT32_MAX - line) ? UINT32_MAX : line + (uint32_t)n;
}

static tw_err errno_err(int e)
{
    if (e == ENOENT || e == ENOTDIR)
        return TW_ENOENT;
    if (e == EISDIR)
        return TW_EINVAL;
    return e == ENOMEM ? TW_ENOMEM : TW_EIO;
}

static tw_reader *reader_alloc(const char *label, size_t chunk)
{
    tw_reader *r = calloc(1, sizeof(*r));

    if (!r)
        return NULL;
    r->fd = -1;
    r->line = 1;
    r->chunk = chunk == 0 ? TW_READER_CHUNK : chunk < MIN_CHUNK ? MIN_CHUNK : chunk;
    r->label = strdup(label ? label : "(input)");
    if (!r->label) {
        free(r);
        return NULL;
    }
    return r;
}

static tw_err start_gzip(tw_reader *r)
{
    if (inflateInit2(&r->z, 15 + 32) != Z_OK)
        return TW_ENOMEM;
    r->z_ready = true;
    return TW_OK;
}

static tw_err start_zstd(tw_reader *r)
{
    r->zd = ZSTD_createDCtx();
    return r->zd ? TW_OK : TW_ENOMEM;
}

/* Sets up the decompressor and the line buffer once the codec is known.
 * A plain region needs neither. */
static tw_err start_codec(tw_reader *r, bool plain_region)
{
    tw_err rc = TW_OK;

    if (r->codec == TW_CODEC_GZIP)
        rc = start_gzip(r);
    else if (r->codec == TW_CODEC_ZSTD)
        rc = start_zstd(r);
    if (rc == TW_OK && !plain_region) {
        r->buf = malloc(r->chunk);
        if (!r->buf)
            rc = TW_ENOMEM;
    }
    return rc;
}

/* A region: plain regions are handed out in place; compressed ones feed
 * the decompressor directly. */
static tw_err start_region(tw_reader *r, const char *data, size_t len)
{
    r->region = data;
    r->rlen = len;
    r->codec = tw_codec_detect(data, len);
    if (r->codec != TW_CODEC_PLAIN) {
        r->in = (const unsigned char *)data;
        r->inlen = len;
        r->in_eof = true;
    }
    return start_codec(r, r->codec == TW_CODEC_PLAIN);
}

/* read() of at most cap bytes, retried on EINTR; a span stops at its end. */
static ssize_t read_some(tw_reader *r, char *dst, size_t cap)
{
    ssize_t n;

    if (r->span && cap > r->left)
        cap = (size_t)r->left;
    if (cap == 0)
        return 0;
    do
        n = read(r->fd, dst, cap);
    while (n < 0 && errno == EINTR);
    if (n > 0 && r->span)
        r->left -= (uint64_t)n;
    return n;
}

/* Reads from the stream into the input buffer; sets in_eof at the end. */
static tw_err refill(tw_reader *r)
{
    ssize_t n;

    if (r->in_eof || r->fd < 0) {
        r->in_eof = true;
        return TW_OK;
    }
    n = read_some(r, r->inbuf, IN_SIZE);
    if (n < 0)
        return TW_EIO;
    r->in = (const unsigned char *)r->inbuf;
    r->inlen = (size_t)n;
    r->inpos = 0;
    r->in_eof = n == 0;
    return TW_OK;
}

static tw_err start_stream(tw_reader *r)
{
    tw_err rc;

    r->inbuf = malloc(IN_SIZE);
    if (!r->inbuf)
        return TW_ENOMEM;
    rc = refill(r);
    if (rc != TW_OK)
        return rc;
    /* a pipe may hand out fewer bytes than the magic; read on until 4 */
    while (!r->in_eof && r->inlen < 4) {
        ssize_t n = read_some(r, r->inbuf + r->inlen, IN_SIZE - r->inlen);

        if (n < 0)
            return TW_EIO;
        r->in_eof = n == 0;
        r->inlen += (size_t)n;
    }
    r->codec = r->span ? TW_CODEC_PLAIN : tw_codec_detect(r->inbuf, r->inlen);
    return start_codec(r, false);
}

static tw_err open_fd(tw_reader *r, int fd)
{
    struct stat st;

    if (fstat(fd, &st) != 0)
        return errno_err(errno);
    if (S_ISDIR(st.st_mode))
        return TW_EINVAL;
    if (S_ISREG(st.st_mode) && st.st_size == 0)
        return start_region(r, "", 0);
    if (S_ISREG(st.st_mode))
        (void)posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    return start_stream(r);
}

/* The offset just after the first '\n' at or after off, or size. */
static uint64_t next_line_start(int fd, uint64_t off, uint64_t size)
{
    char win[16384];

    while (off < size) {
        ssize_t n = pread(fd, win, sizeof(win), (off_t)off);
        const char *nl = n > 0 ? memchr(win, '\n', (size_t)n) : NULL;

        if (n <= 0)
            return size;
        if (nl)
            return off + (uint64_t)(nl - win) + 1;
        off += (uint64_t)n;
    }
    return size;
}

tw_err tw_split_file(const char *path, size_t n, uint64_t *bounds)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    tw_err rc = fd < 0 ? errno_err(errno) : TW_OK;

    if (rc == TW_OK && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)))
        rc = TW_EINVAL;
    for (size_t i = 0; rc == TW_OK && i <= n; i++) {
        uint64_t len = (uint64_t)st.st_size, b = i == n ? len : len / n * i;

        if (i > 0 && b < bounds[i - 1])
            b = bounds[i - 1];
        if (i < n && b > 0 && b < len)
            b = next_line_start(fd, b - 1, len);
        bounds[i] = b;
    }
    if (fd >= 0)
        close(fd);
    return rc;
}

tw_err tw_reader_open(const char *path, const char *label, size_t chunk, tw_reader **out)
{
    tw_reader *r = reader_alloc(label ? label : path, chunk);
    tw_err rc = TW_ENOMEM;

    *out = NULL;
    if (!r)
        goto out;
    if (strcmp(path, "-") == 0) {
        r->fd = STDIN_FILENO;
    } else {
        r->fd = open(path, O_RDONLY | O_CLOEXEC);
        r->own_fd = r->fd >= 0;
    }
    rc = r->fd < 0 ? errno_err(errno) : open_fd(r, r->fd);
out:
    if (rc == TW_OK)
        *out = r;
    else
        tw_reader_free(r);
    return rc;
}

tw_err tw_reader_open_span(const char *path, const char *label, size_t chunk, uint64_t off,
                           uint64_t len, tw_reader **out)
{
    tw_reader *r = reader_alloc(label ? label : path, chunk);
    tw_err rc = TW_ENOMEM;

    *out = NULL;
    if (!r)
        goto out;
    r->span = true;
    r->left = len;
    r->fd = open(path, O_RDONLY | O_CLOEXEC);
    r->own_fd = r->fd >= 0;
    if (r->fd < 0) {
        rc = errno_err(errno);
        goto out;
    }
    rc = lseek(r->fd, (off_t)off, SEEK_SET) < 0 ? TW_EIO : start_stream(r);
out:
    if (rc == TW_OK)
        *out = r;
    else
        tw_reader_free(r);
    return rc;
}

tw_err tw_reader_open_mem(const char *data, size_t len, const char *label, size_t chunk,
                          tw_reader **out)
{
    tw_reader *r = reader_alloc(label, chunk);
    tw_err rc = r ? start_region(r, data, len) : TW_ENOMEM;

    *out = NULL;
    if (rc == TW_OK)
        *out = r;
    else
        tw_reader_free(r);
    return rc;
}

void tw_reader_free(tw_reader *r)
{
    if (!r)
        return;
    if (r->z_ready)
        inflateEnd(&r->z);
    ZSTD_freeDCtx(r->zd);
    if (r->map != NULL)
        munmap(r->map, r->maplen);
    if (r->own_fd)
        close(r->fd);
    free(r->inbuf);
    free(r->buf);
    free(r->label);
    free(r);
}

tw_codec tw_reader_codec(const tw_reader *r)
{
    return r->codec;
}

bool tw_reader_map(tw_reader *r, size_t max, const char **data, size_t *len)
{
    struct stat st;
    void *m;

    if (r->map != NULL) {
        *data = r->map;
        *len = r->maplen;
        return true;
    }
    if (r->region != NULL || r->span || r->codec != TW_CODEC_PLAIN || fstat(r->fd, &st) != 0 ||
        !S_ISREG(st.st_mode) || st.st_size <= 0 || (uint64_t)st.st_size > max)
        return false;
    m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, r->fd, 0);
    if (m == MAP_FAILED)
        return false;
    (void)madvise(m, (size_t)st.st_size, MADV_SEQUENTIAL);
    r->map = m;
    r->maplen = (size_t)st.st_size;
    *data = m;
    *len = r->maplen;
    return true;
}

bool tw_reader_whole(const tw_reader *r, const char **data, size_t *len)
{
    if (!r->region || r->codec != TW_CODEC_PLAIN)
        return false;
    *data = r->region;
    *len = r->rlen;
    return true;
}

/* Plain region: a view up to the last newline under the chunk size.  A
 * line longer than the chunk is skipped with a warning. */
static tw_err next_region(tw_reader *r, tw_chunk *out, tw_diags *diags)
{
    while (r->rpos < r->rlen) {
        const char *p = r->region + r->rpos;
        size_t avail = r->rlen - r->rpos, take = avail;

        if (avail > r->chunk) {
            const char *nl = last_nl(p, r->chunk);

            if (!nl) {
                const char *end = memchr(p + r->chunk, '\n', avail - r->chunk);

                tw_diags_add(diags, TW_DIAG_WARNING, TW_ELIMIT, r->label, r->line, 0, NULL,
                             "line longer than %zu bytes; skipped", r->chunk);
                r->rpos = end ? (size_t)(end - r->region) + 1 : r->rlen;
                r->line = add_lines(r->line, 1);
                continue;
            }
            take = (size_t)(nl - p) + 1;
        }
        out->data = p;
        out->len = take;
        out->first_line = r->line;
        r->rpos += take;
        r->line = add_lines(r->line, tw_count_lines(p, take));
        return TW_OK;
    }
    return TW_OK;
}

static tw_err fail(tw_reader *r, tw_diags *diags, const char *what)
{
    tw_diags_add(diags, TW_DIAG_ERROR, TW_EIO, r->label, r->line, 0, NULL, "%s", what);
    r->done = true;
    return TW_EIO;
}

/* Plain stream: bytes left in the input buffer first, then read(). */
static tw_err fill_plain(tw_reader *r, size_t want)
{
    while (r->blen < want && !r->src_eof) {
        size_t room = want - r->blen;
        ssize_t n;

        if (r->inpos < r->inlen) {
            size_t k = r->inlen - r->inpos < room ? r->inlen - r->inpos : room;

            memcpy(r->buf + r->blen, r->in + r->inpos, k);
            r->inpos += k;
            r->blen += k;
            continue;
        }
        if (r->in_eof || r->fd < 0) {
            r->src_eof = true;
            break;
        }
        n = read_some(r, r->buf + r->blen, room);
        if (n < 0)
            return TW_EIO;
        r->blen += (size_t)n;
        r->src_eof = n == 0;
    }
    return TW_OK;
}

/* After a gzip member: another member follows, or the input ends (bytes
 * that are not a gzip header, such as zero padding, end it too). */
static tw_err gzip_member_end(tw_reader *r)
{
    tw_err rc = TW_OK;

    if (r->z.avail_in == 0) {
        rc = refill(r);
        r->z.next_in = (unsigned char *)r->in + r->inpos;
        r->z.avail_in = (uInt)(r->inlen - r->inpos);
    }
    if (rc == TW_OK && r->z.avail_in > 0 && r->z.next_in[0] == 0x1f)
        inflateReset(&r->z);
    else
        r->src_eof = true;
    return rc;
}

static tw_err fill_gzip(tw_reader *r, tw_diags *diags)
{
    while (r->blen < r->chunk && !r->src_eof) {
        int zr;

        if (r->inpos >= r->inlen && !r->in_eof && refill(r) != TW_OK)
            return fail(r, diags, "read error");
        r->z.next_in = (unsigned char *)r->in + r->inpos;
        r->z.avail_in =
            (uInt)(r->inlen - r->inpos > UINT32_MAX / 2 ? UINT32_MAX / 2 : r->inlen - r->inpos);
        r->z.next_out = (unsigned char *)r->buf + r->blen;
        r->z.avail_out = (uInt)(r->chunk - r->blen);
        zr = inflate(&r->z, Z_NO_FLUSH);
        r->blen = r->chunk - r->z.avail_out;
        r->inpos = (size_t)(r->z.next_in - r->in);
        if (zr == Z_STREAM_END) {
            if (gzip_member_end(r) != TW_OK)
                return fail(r, diags, "read error");
            r->inpos = (size_t)(r->z.next_in - r->in);
        } else if (zr == Z_BUF_ERROR && r->in_eof && r->inpos >= r->inlen) {
            return fail(r, diags, "truncated gzip data");
        } else if (zr != Z_OK && zr != Z_BUF_ERROR) {
            return fail(r, diags, "corrupt gzip data");
        }
    }
    return TW_OK;
}

static tw_err fill_zstd(tw_reader *r, tw_diags *diags)
{
    while (r->blen < r->chunk && !r->src_eof) {
        ZSTD_inBuffer in;
        ZSTD_outBuffer zout = {r->buf, r->chunk, r->blen};
        size_t zr;

        if (r->inpos >= r->inlen && !r->in_eof && refill(r) != TW_OK)
            return fail(r, diags, "read error");
        if (r->inpos >= r->inlen && r->in_eof && !r->zbusy) {
            r->src_eof = true; /* the input ended between frames */
            break;
        }
        in.src = r->in;
        in.size = r->inlen;
        in.pos = r->inpos;
        zr = ZSTD_decompressStream(r->zd, &zout, &in);
        if (ZSTD_isError(zr))
            return fail(r, diags, "corrupt zstd data");
        r->inpos = in.pos;
        r->blen = zout.pos;
        r->zbusy = zr != 0;
        if (r->inpos >= r->inlen && r->in_eof && zout.pos < zout.size) {
            if (zr != 0)
                return fail(r, diags, "truncated zstd data");
            r->src_eof = true;
        }
    }
    return TW_OK;
}

/* Fills the line buffer: plain input up to want bytes, decompressed input
 * up to the chunk size. */
static tw_err fill(tw_reader *r, tw_diags *diags, size_t want)
{
    if (r->codec == TW_CODEC_GZIP)
        return fill_gzip(r, diags);
    if (r->codec == TW_CODEC_ZSTD)
        return fill_zstd(r, diags);
    if (fill_plain(r, want) != TW_OK)
        return fail(r, diags, "read error");
    return TW_OK;
}

/* While skipping an overlong line: drops bytes up to its newline. */
static void skip_rest(tw_reader *r)
{
    const char *nl = memchr(r->buf, '\n', r->blen);
    size_t drop = nl ? (size_t)(nl - r->buf) + 1 : r->blen;

    memmove(r->buf, r->buf + drop, r->blen - drop);
    r->blen -= drop;
    if (nl || r->src_eof) {
        r->skipping = false;
        r->line = add_lines(r->line, 1);
    }
}

/* Stream: fills the line buffer and hands out its whole lines.  Plain
 * input is read SOFT_CHUNK bytes at a time, so that the bytes handed out
 * are still in the CPU's cache when the caller looks at them; only a line
 * longer than that makes the buffer fill up to the chunk size. */
static tw_err next_stream(tw_reader *r, tw_chunk *out, tw_diags *diags)
{
    size_t want = r->chunk < SOFT_CHUNK ? r->chunk : SOFT_CHUNK;

    memmove(r->buf, r->buf + r->handed, r->blen - r->handed);
    r->blen -= r->handed;
    r->handed = 0;
    while (!r->done) {
        const char *nl;
        tw_err rc = fill(r, diags, want);

        if (rc != TW_OK)
            return rc;
        if (r->skipping) {
            skip_rest(r);
            continue;
        }
        nl = r->blen ? last_nl(r->buf, r->blen) : NULL;
        if (!nl && !r->src_eof && want < r->chunk) {
            want = r->chunk; /* a long line: read on */
            continue;
        }
        if (nl || (r->src_eof && r->blen > 0)) {
            r->handed = nl && !r->src_eof ? (size_t)(nl - r->buf) + 1 : r->blen;
            out->data = r->buf;
            out->len = r->handed;
            out->first_line = r->line;
            r->line = add_lines(r->line, tw_count_lines(r->buf, r->handed));
            return TW_OK;
        }
        if (r->src_eof) {
            r->done = true;
            break;
        }
        tw_diags_add(diags, TW_DIAG_WARNING, TW_ELIMIT, r->label, r->line, 0, NULL,
                     "line longer than %zu bytes; skipped", r->chunk);
        r->skipping = true;
        r->blen = 0;
    }
    return TW_OK;
}

tw_err tw_reader_next(tw_reader *r, tw_chunk *out, bool *eof, tw_diags *diags)
{
    tw_err rc;

    out->data = "";
    out->len = 0;
    out->first_line = r->line;
    if (r->region && r->codec == TW_CODEC_PLAIN)
        rc = next_region(r, out, diags);
    else
        rc = next_stream(r, out, diags);
    *eof = out->len == 0;
    return rc;
}
