/*
 * siphash.h: SipHash-2-4, a keyed 64-bit hash (siphash.c), for
 * fingerprints of secrets that tell nothing without the run's key.
 * Pure, thread-safe.
 */
#ifndef TIDEWATCH_SIPHASH_H
#define TIDEWATCH_SIPHASH_H

#include <stddef.h>
#include <stdint.h>

#define TW_SIPHASH_KEY 16

uint64_t tw_siphash(const unsigned char key[TW_SIPHASH_KEY], const void *data, size_t len);

#endif
