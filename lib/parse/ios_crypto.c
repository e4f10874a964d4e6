/*
 * ios_crypto.c: IOS / IOS XE IKE and IPsec proposals (crypto_proposal).
 *
 * Three blocks give one fact each, at the header's line: "crypto isakmp
 * policy N" (IKEv1: encr, hash, group lines), "crypto ikev2 proposal NAME"
 * (encryption, integrity, group lines with one or more algorithms each)
 * and "crypto ipsec transform-set NAME T..." (the transforms are on the
 * header).  Algorithms are written in one vocabulary for every dialect:
 * encryption des, 3des, aes128, aes192, aes256, aes128-gcm, aes256-gcm,
 * null; integrity md5, sha1, sha256, sha384, sha512; the DH group as a
 * number.  What IOS implies when a line is missing (IKEv1's defaults) is
 * not written.  A value from a line inside the block carries its line.
 */
#include <string.h>

#include "ios_int.h"

#define IS(i, w) tw__ios_is(p, (i), (w))
#define TOK(i) tw__ios_tok(p, (i))

/* IKEv2 encryption names, and the integrity names of every block. */
static const tw_str_alias ike_encryption[] = {
    {"des", "des"},
    {"3des", "3des"},
    {"aes-cbc-128", "aes128"},
    {"aes-cbc-192", "aes192"},
    {"aes-cbc-256", "aes256"},
    {"aes-gcm-128", "aes128-gcm"},
    {"aes-gcm-256", "aes256-gcm"},
};

static const tw_str_alias integrity[] = {
    {"md5", "md5"},
    {"sha", "sha1"},
    {"sha1", "sha1"},
    {"sha256", "sha256"},
    {"sha384", "sha384"},
    {"sha512", "sha512"},
    {"esp-md5-hmac", "md5"},
    {"esp-sha-hmac", "sha1"},
    {"esp-sha256-hmac", "sha256"},
    {"esp-sha384-hmac", "sha384"},
    {"esp-sha512-hmac", "sha512"},
    {"ah-md5-hmac", "md5"},
    {"ah-sha-hmac", "sha1"},
    {"ah-sha256-hmac", "sha256"},
    {"ah-sha384-hmac", "sha384"},
    {"ah-sha512-hmac", "sha512"},
};

#define NAMES(v) (v), sizeof(v) / sizeof((v)[0])

/* The value of token i in names, or the null view. */
static tw_str lookup(const ios_parser *p, size_t i, const tw_str_alias *names, size_t n)
{
    return i < p->ntok ? tw_str_c(tw_str_alias_of(p->tok[i], names, n)) : TW_STR_NULL;
}

/* "aes [128|192|256]" (IKEv1 and the esp-aes transform) or "gcm [...]"
 * (esp-gcm) at token i: the value, and in *used the tokens it took. */
static tw_str aes(const ios_parser *p, size_t i, bool gcm, size_t *used)
{
    static const char *const cbc[] = {"aes128", "aes192", "aes256"};
    static const char *const gcms[] = {"aes128-gcm", "aes192-gcm", "aes256-gcm"};
    static const char *const bits[] = {"128", "192", "256"};

    for (int k = 0; k < 3; k++) {
        if (IS(i + 1, bits[k])) {
            *used = 2;
            return tw_str_c(gcm ? gcms[k] : cbc[k]);
        }
    }
    *used = 1;
    return tw_str_c(gcm ? gcms[0] : cbc[0]);
}

/* One transform of a transform-set at token i: an encryption or an
 * integrity field (header values: the fact's line); the tokens it took. */
static size_t transform(ios_parser *p, size_t i)
{
    tw_str v = lookup(p, i, NAMES(integrity));
    size_t used = 1;

    if (v.len > 0) {
        tw__ios_blk_str(p, "integrity", v, false);
        return 1;
    }
    if (IS(i, "esp-aes") || IS(i, "esp-gcm"))
        v = aes(p, i, IS(i, "esp-gcm"), &used);
    else if (IS(i, "esp-des"))
        v = TW_STR("des");
    else if (IS(i, "esp-3des"))
        v = TW_STR("3des");
    else if (IS(i, "esp-null"))
        v = TW_STR("null");
    if (v.len > 0)
        tw__ios_blk_str(p, "encryption", v, false);
    return used;
}

void tw__ios_crypto_open(ios_parser *p, size_t t)
{
    bool ipsec = IS(t + 1, "ipsec");

    if (t + 3 >= p->ntok)
        return;
    tw__ios_block_open(p, IOS_BLK_CRYPTO, TW_FACT_CRYPTO_PROPOSAL, TOK(t + 3));
    tw__ios_blk_str(p, "protocol", ipsec ? TW_STR("ipsec") : TW_STR("ike"), false);
    tw__ios_blk_str(p, "name", TOK(t + 3), false);
    for (size_t i = t + 4; ipsec && i < p->ntok;)
        i += transform(p, i);
}

/* encr|encryption ALG... : IKEv1 "aes 256" or IKEv2 names, one each. */
static void encryption(ios_parser *p, size_t t)
{
    for (size_t i = t + 1, used = 1; i < p->ntok; i += used) {
        tw_str v = TW_STR_NULL;

        used = 1;
        if (IS(i, "aes"))
            v = aes(p, i, false, &used);
        else
            v = lookup(p, i, NAMES(ike_encryption));
        tw__ios_blk_str(p, "encryption", v.len > 0 ? v : tw__ios_lower(p, TOK(i)), true);
    }
}

void tw__ios_crypto_line(ios_parser *p, size_t t)
{
    int64_t n;

    if (IS(t, "encr") || IS(t, "encryption")) {
        encryption(p, t);
    } else if (IS(t, "hash") || IS(t, "integrity")) {
        for (size_t i = t + 1; i < p->ntok; i++) {
            tw_str v = lookup(p, i, NAMES(integrity));
            tw__ios_blk_str(p, "integrity", v.len > 0 ? v : tw__ios_lower(p, TOK(i)), true);
        }
    } else if (IS(t, "group")) {
        for (size_t i = t + 1; i < p->ntok; i++) {
            if (tw__ios_digits(TOK(i)) && tw_str_to_i64(TOK(i), &n))
                tw__ios_blk_num(p, "group", n, true);
        }
    }
}
