/*
 * file.h: reading input files.
 *
 * Files are read whole into memory (mapped when possible), bounded by a
 * size cap.  Inputs are never modified.  Thread-safe.
 */
#ifndef TIDEWATCH_FILE_H
#define TIDEWATCH_FILE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"

typedef struct {
    const char *data;
    size_t len;
    void *map_;  /* private */
    size_t maplen_;
    char *heap_; /* private */
} tw_file;

/* Reads path (at most max bytes, else TW_ELIMIT).  TW_ENOENT, TW_EIO. */
tw_err tw_file_read(const char *path, size_t max, tw_file *out);
void tw_file_release(tw_file *f);
/* As tw_file_read, but a regular file is read into buf, which the caller
 * owns and may reuse for the next file once done with out; out borrows its
 * storage (tw_file_release(out) leaves buf alone). */
tw_err tw_file_read_buf(const char *path, size_t max, tw_buf *buf, tw_file *out);

/* True when data looks binary: a NUL in the first 8 KiB beyond a few stray
 * ones, or mostly non-text bytes.  A text file with a stray NUL is not
 * binary. */
bool tw_looks_binary(const char *data, size_t len);

#endif
