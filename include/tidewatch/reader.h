/*
 * reader.h: streaming a log file in chunks of whole lines.
 *
 * A reader hands out a file (or standard input, or a buffer) as chunks that
 * hold whole lines only, with the line number of each chunk's first line,
 * in bounded memory.  gzip and zstd input is decompressed on the fly
 * (detected by its magic bytes, whatever the file name).  Files are read
 * into one reused line buffer; a caller's plain buffer is handed out in
 * place, with no copy.  A
 * line longer than the chunk size is skipped with a diagnostic at its line.
 * Inputs are never modified.  A reader belongs to one thread.
 */
#ifndef TIDEWATCH_READER_H
#define TIDEWATCH_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "error.h"

/* Default chunk size: also the longest line a reader hands out. */
#define TW_READER_CHUNK ((size_t)4 << 20)

typedef enum {
    TW_CODEC_PLAIN,
    TW_CODEC_GZIP,
    TW_CODEC_ZSTD,
} tw_codec;

/* "plain", "gzip", "zstd". */
const char *tw_codec_name(tw_codec c);
/* The codec that data's first bytes announce (gzip 1f 8b, zstd 28 b5 2f fd). */
tw_codec tw_codec_detect(const char *data, size_t len);

typedef struct tw_reader tw_reader;

/* Opens path for reading in chunks of at most chunk bytes (0: the default,
 * at least 64 bytes).  path "-" reads standard input.  label names the input
 * in diagnostics (NULL: path).  TW_ENOENT, TW_EIO, TW_EINVAL (a folder),
 * TW_ENOMEM. */
tw_err tw_reader_open(const char *path, const char *label, size_t chunk, tw_reader **out);
/* Opens the bytes [off, off + len) of the regular file path as a plain
 * stream (never decompressed), its first line numbered 1: one of the
 * ranges tw_split_file gives, hunted by its own thread.  Errors as
 * tw_reader_open. */
tw_err tw_reader_open_span(const char *path, const char *label, size_t chunk, uint64_t off,
                           uint64_t len, tw_reader **out);
/* A reader over a buffer the caller keeps alive until tw_reader_free;
 * compressed buffers are decompressed like files. */
tw_err tw_reader_open_mem(const char *data, size_t len, const char *label, size_t chunk,
                          tw_reader **out);
void tw_reader_free(tw_reader *r);

/* One chunk: whole lines, the last one possibly without its newline (at the
 * end of the input).  data stays valid until the next call on the reader. */
typedef struct {
    const char *data;
    size_t len;
    uint32_t first_line; /* 1-based line number of data[0] */
} tw_chunk;

/* Fills *out with the next chunk; *eof is set (and out->len is 0) when the
 * input is exhausted.  Overlong lines become warnings in diags; corrupt
 * compressed data is TW_EIO with an error in diags (the chunks handed out
 * before it stay valid findings).  Line numbers saturate at UINT32_MAX. */
tw_err tw_reader_next(tw_reader *r, tw_chunk *out, bool *eof, tw_diags *diags);

/* The codec of the input (known after open). */
tw_codec tw_reader_codec(const tw_reader *r);
/* For plain buffers: the whole input, so that the caller can hunt ranges
 * of it in parallel.  False for files, streams and compressed input. */
bool tw_reader_whole(const tw_reader *r, const char **data, size_t *len);
/* For a plain regular file of at most max bytes: the whole file, mapped
 * read-only (kept until tw_reader_free), whatever has been read of it
 * already; for input read whole rather than line by line (a packet
 * capture).  False for buffers, spans, streams and compressed input. */
bool tw_reader_map(tw_reader *r, size_t max, const char **data, size_t *len);

/* Counts the '\n' bytes of data[0, len).  Pure, thread-safe. */
size_t tw_count_lines(const char *data, size_t len);
/* Splits data into n ranges of about equal size that start at line starts:
 * bounds[0] = 0, bounds[n] = len, and each bounds[i] is 0, len or just after
 * a '\n'.  Ranges may be empty.  Pure, thread-safe. */
void tw_split_lines(const char *data, size_t len, size_t n, size_t *bounds);
/* tw_split_lines for the regular file path, reading only around each
 * boundary: bounds gets n + 1 offsets.  TW_ENOENT, TW_EIO, TW_EINVAL (not
 * a regular file). */
tw_err tw_split_file(const char *path, size_t n, uint64_t *bounds);

#endif
