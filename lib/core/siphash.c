/*
 * siphash.c: SipHash-2-4 (Aumasson and Bernstein), a keyed 64-bit hash.
 *
 * tidewatch uses it to fingerprint secrets that devices may share (SNMP
 * communities) with a key drawn fresh for every run: equal secrets give
 * equal fingerprints within the run, and without the key a fingerprint
 * tells nothing about the secret, not even to a dictionary.
 */
#include <string.h>

#include "tidewatch/siphash.h"

#define ROTL(x, b) (uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))

static void round2(uint64_t v[4], int n)
{
    for (int i = 0; i < n; i++) {
        v[0] += v[1];
        v[1] = ROTL(v[1], 13) ^ v[0];
        v[0] = ROTL(v[0], 32);
        v[2] += v[3];
        v[3] = ROTL(v[3], 16) ^ v[2];
        v[0] += v[3];
        v[3] = ROTL(v[3], 21) ^ v[0];
        v[2] += v[1];
        v[1] = ROTL(v[1], 17) ^ v[2];
        v[2] = ROTL(v[2], 32);
    }
}

static uint64_t load64(const unsigned char *p)
{
    uint64_t x = 0;

    for (int i = 7; i >= 0; i--)
        x = x << 8 | p[i];
    return x;
}

uint64_t tw_siphash(const unsigned char key[TW_SIPHASH_KEY], const void *data, size_t len)
{
    const unsigned char *p = data;
    uint64_t k0 = load64(key), k1 = load64(key + 8), m, last = (uint64_t)len << 56;
    uint64_t v[4] = {k0 ^ 0x736f6d6570736575u, k1 ^ 0x646f72616e646f6du, k0 ^ 0x6c7967656e657261u,
                     k1 ^ 0x7465646279746573u};
    size_t i = 0;

    for (; i + 8 <= len; i += 8) {
        m = load64(p + i);
        v[3] ^= m;
        round2(v, 2);
        v[0] ^= m;
    }
    for (size_t j = 0; i + j < len; j++)
        last |= (uint64_t)p[i + j] << (8 * j);
    v[3] ^= last;
    round2(v, 2);
    v[0] ^= last;
    v[2] ^= 0xff;
    round2(v, 4);
    return v[0] ^ v[1] ^ v[2] ^ v[3];
}
