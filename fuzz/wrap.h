/*
 * wrap.h: the input shape the JSON loaders' fuzz targets share.
 *
 * A target loads each input as it is, then again wrapped into the
 * document around the part it fuzzes (head INPUT tail), so that mutated
 * entries always reach the entry checks instead of failing the document's
 * outer shape.
 */
#ifndef TW_FUZZ_WRAP_H
#define TW_FUZZ_WRAP_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Calls load on data as it is, then on head, data and tail joined. */
static void fuzz_as_is_and_wrapped(const uint8_t *data, size_t size, const char *head,
                                   const char *tail, void (*load)(const char *, size_t))
{
    size_t nhead = strlen(head), ntail = strlen(tail);
    char *wrapped;

    load((const char *)data, size);
    wrapped = malloc(nhead + size + ntail);
    if (wrapped == NULL)
        return;
    memcpy(wrapped, head, nhead);
    memcpy(wrapped + nhead, data, size);
    memcpy(wrapped + nhead + size, tail, ntail);
    load(wrapped, nhead + size + ntail);
    free(wrapped);
}

#endif
