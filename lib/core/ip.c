/*
 * ip.c: IPv4 and IPv6 addresses and CIDR prefixes.
 *
 * Parsing copies the view into a small stack buffer (de-fanging it first
 * when asked) and hands it to inet_pton, which rejects IPv4 parts with a
 * leading zero and IPv6 zone ids.  A plain dotted quad, by far the most
 * common input, is parsed by a hand loop with inet_pton's rules instead, and
 * IPv4 text is formatted by hand rather than by snprintf.  IPv4-mapped IPv6 addresses are folded to
 * IPv4.  Formatting follows RFC 5952.  Classification walks a small table
 * of special-purpose prefixes.  All functions are pure and thread-safe.
 */
#include "tidewatch/ip.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

/* Longest address text handed to inet_pton, without the NUL. */
#define IP_TEXT_MAX 64
/* Longest raw input looked at when de-fanging (every dot may be "[dot]"). */
#define IP_DEFANG_MAX (IP_TEXT_MAX * 4)

static const uint8_t v4_mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

/* One de-fanging token and the character it stands for. */
static const struct {
    const char *text;
    size_t len;
    char repl;
} defang_tokens[] = {
    {"[.]", 3, '.'},   {"(.)", 3, '.'},   {"{.}", 3, '.'}, {"[dot]", 5, '.'},
    {"(dot)", 5, '.'}, {"{dot}", 5, '.'}, {"[:]", 3, ':'},
};

/* Returns the token of defang_tokens at the start of s, or -1. */
static int defang_token_at(tw_str s)
{
    for (size_t i = 0; i < sizeof(defang_tokens) / sizeof(defang_tokens[0]); i++) {
        tw_str t = tw_str_make(defang_tokens[i].text, defang_tokens[i].len);
        if (tw_str_istarts_with(s, t))
            return (int)i;
    }
    return -1;
}

/* Strips surrounding brackets ("[1.2.3.4]") unless s starts with a token. */
static tw_str strip_brackets(tw_str s)
{
    if (s.len >= 2 && s.ptr[0] == '[' && s.ptr[s.len - 1] == ']' && defang_token_at(s) < 0)
        return tw_str_make(s.ptr + 1, s.len - 2);
    return s;
}

/* Writes s into out (capacity IP_TEXT_MAX + 1) NUL-terminated, replacing
 * de-fanging tokens when defang is set.  False when it does not fit. */
static bool copy_text(tw_str s, bool defang, char *out)
{
    size_t n = 0, i = 0;

    if (defang)
        s = strip_brackets(s);
    while (i < s.len) {
        int t = defang ? defang_token_at(tw_str_make(s.ptr + i, s.len - i)) : -1;
        if (n >= IP_TEXT_MAX)
            return false;
        out[n++] = t >= 0 ? defang_tokens[t].repl : s.ptr[i];
        i += t >= 0 ? defang_tokens[t].len : 1;
    }
    out[n] = '\0';
    return true;
}

/* -1 when s holds a character other than a digit or a dot, else 0. */
static int v4_reject(tw_str s)
{
    for (size_t i = 0; i < s.len; i++) {
        if ((unsigned)(s.ptr[i] - '0') > 9 && s.ptr[i] != '.')
            return -1;
    }
    return 0;
}

/* The dotted quad of s, by the rules of inet_pton4 (four parts of 0..255,
 * no leading zero): 1 parsed, 0 rejected, -1 when s holds a character other
 * than a digit or a dot (the caller then asks inet_pton, which may see an
 * IPv6 address).  One pass when s is a valid quad. */
static int parse_v4_fast(tw_str s, uint8_t *out)
{
    const char *p = s.ptr, *end = s.ptr + s.len;

    for (int k = 0; k < 4; k++) {
        const char *b = p;
        unsigned v = 0;
        while (p < end && (unsigned)(*p - '0') <= 9 && p - b < 3)
            v = v * 10 + (unsigned)(*p++ - '0');
        if (p == b || (p - b > 1 && *b == '0') || v > 255)
            return v4_reject(s);
        out[k] = (uint8_t)v;
        if (k == 3)
            break;
        if (p == end || *p != '.')
            return v4_reject(s);
        p++;
    }
    return p == end ? 1 : v4_reject(s);
}

/* Parses s without folding IPv4-mapped addresses. */
static tw_err parse_raw(tw_str s, unsigned flags, tw_ip *out)
{
    char text[IP_TEXT_MAX + 1];
    bool defang = (flags & TW_IP_DEFANG) != 0;
    tw_ip ip;
    int fast;

    memset(&ip, 0, sizeof(ip));
    if (!defang && s.len > 0 && s.len <= 15) {
        fast = parse_v4_fast(s, ip.bytes);
        if (fast >= 0) {
            ip.family = 4;
            if (fast == 1)
                *out = ip;
            return fast == 1 ? TW_OK : TW_EPARSE;
        }
        memset(&ip, 0, sizeof(ip));
    }
    if (s.len == 0 || s.len > (defang ? IP_DEFANG_MAX : IP_TEXT_MAX))
        return TW_EPARSE;
    if (!copy_text(s, defang, text) || text[0] == '\0' || strchr(text, '%') != NULL)
        return TW_EPARSE;
    ip.family = strchr(text, ':') != NULL ? 6 : 4;
    if (inet_pton(ip.family == 6 ? AF_INET6 : AF_INET, text, ip.bytes) != 1)
        return TW_EPARSE;
    *out = ip;
    return TW_OK;
}

static bool is_v4_mapped(const tw_ip *ip)
{
    return ip->family == 6 && memcmp(ip->bytes, v4_mapped_prefix, 12) == 0;
}

/* Folds ::ffff:a.b.c.d into a.b.c.d. */
static void fold_mapped(tw_ip *ip)
{
    uint8_t v4[4];

    memcpy(v4, ip->bytes + 12, 4);
    memset(ip->bytes, 0, sizeof(ip->bytes));
    memcpy(ip->bytes, v4, 4);
    ip->family = 4;
}

/* Parses an IPv4 or IPv6 address (flags: TW_IP_DEFANG).  IPv4-mapped IPv6
 * addresses become IPv4.  TW_EPARSE on anything else. */
tw_err tw_ip_parse(tw_str s, unsigned flags, tw_ip *out)
{
    tw_ip ip;
    tw_err rc = parse_raw(s, flags, &ip);

    if (rc != TW_OK)
        return rc;
    if (is_v4_mapped(&ip))
        fold_mapped(&ip);
    *out = ip;
    return TW_OK;
}

static unsigned family_bits(uint8_t family)
{
    return family == 4 ? 32 : 128;
}

/* Clears every bit of ip after the first plen. */
static void clear_host_bits(tw_ip *ip, unsigned plen)
{
    unsigned i = plen / 8;

    if (i < 16 && plen % 8 != 0)
        ip->bytes[i++] &= (uint8_t)(0xff00u >> (plen % 8));
    if (i < 16)
        memset(ip->bytes + i, 0, 16 - i);
}

/* Parses the prefix length after '/', bounded by the family's bits. */
static tw_err parse_plen(tw_str s, unsigned bits, unsigned *out)
{
    uint64_t v;

    if (s.len > 1 && s.ptr[0] == '0')
        return TW_EPARSE;
    if (!tw_str_to_u64(s, bits, &v))
        return TW_EPARSE;
    *out = (unsigned)v;
    return TW_OK;
}

/* The common case of tw_cidr_parse: a dotted quad alone, a /32.  False
 * when s holds anything but digits and dots (the general path decides);
 * otherwise *rc is the result and *out is set on TW_OK. */
static bool cidr_v4_fast(tw_str s, tw_cidr *out, tw_err *rc)
{
    tw_cidr c;
    int r;

    memset(&c, 0, sizeof(c));
    r = parse_v4_fast(s, c.addr.bytes);
    if (r < 0)
        return false;
    *rc = r == 1 ? TW_OK : TW_EPARSE;
    if (r == 1) {
        c.addr.family = 4;
        c.plen = 32;
        *out = c;
    }
    return true;
}

/* Parses "addr" (a host prefix) or "addr/len"; host bits under the prefix
 * are cleared.  An IPv4-mapped prefix of /96 or longer becomes IPv4.  With
 * TW_IP_DEFANG the address may be defanged and the whole may be bracketed. */
tw_err tw_cidr_parse(tw_str s, unsigned flags, tw_cidr *out)
{
    const char *slash;
    tw_str addr;
    tw_cidr c;
    unsigned plen;
    tw_err rc;

    if ((flags & TW_IP_DEFANG) != 0)
        s = strip_brackets(s);
    slash = s.len > 0 ? memchr(s.ptr, '/', s.len) : NULL;
    if ((flags & TW_IP_DEFANG) == 0 && slash == NULL && s.len > 0 && s.len <= 15 &&
        cidr_v4_fast(s, out, &rc))
        return rc;
    addr = slash != NULL ? tw_str_make(s.ptr, (size_t)(slash - s.ptr)) : s;
    memset(&c, 0, sizeof(c));
    rc = parse_raw(addr, flags, &c.addr);
    if (rc != TW_OK)
        return rc;
    plen = family_bits(c.addr.family);
    if (slash != NULL) {
        tw_str len = tw_str_make(slash + 1, s.len - addr.len - 1);
        rc = parse_plen(len, family_bits(c.addr.family), &plen);
        if (rc != TW_OK)
            return rc;
    }
    if (is_v4_mapped(&c.addr) && plen >= 96) {
        fold_mapped(&c.addr);
        plen -= 96;
    }
    clear_host_bits(&c.addr, plen);
    c.plen = (uint8_t)plen;
    *out = c;
    return TW_OK;
}

static uint32_t v4_word(const tw_ip *ip)
{
    return (uint32_t)ip->bytes[0] << 24 | (uint32_t)ip->bytes[1] << 16 |
           (uint32_t)ip->bytes[2] << 8 | ip->bytes[3];
}

/* Builds a prefix from an IPv4 address and a netmask or, when wildcard, a
 * Cisco wildcard mask.  TW_EINVAL when either is not IPv4, TW_EPARSE when
 * the mask is not contiguous. */
tw_err tw_cidr_from_mask(const tw_ip *addr, const tw_ip *mask, bool wildcard, tw_cidr *out)
{
    uint32_t m, inv;
    unsigned plen;
    tw_cidr c;

    if (addr->family != 4 || mask->family != 4)
        return TW_EINVAL;
    m = wildcard ? ~v4_word(mask) : v4_word(mask);
    inv = ~m;
    if ((inv & (inv + 1)) != 0)
        return TW_EPARSE;
    plen = (unsigned)__builtin_popcount(m); /* m is contiguous */
    m &= v4_word(addr);
    memset(&c, 0, sizeof(c));
    c.addr.family = 4;
    for (int k = 0; k < 4; k++)
        c.addr.bytes[k] = (uint8_t)(m >> (24 - 8 * k));
    c.plen = (uint8_t)plen;
    *out = c;
    return TW_OK;
}

/* A host prefix (/32 or /128) for ip. */
tw_cidr tw_cidr_host(const tw_ip *ip)
{
    tw_cidr c;

    memset(&c, 0, sizeof(c));
    c.addr = *ip;
    c.plen = (uint8_t)family_bits(ip->family);
    return c;
}

/* Finds the longest run (at least two) of zero 16-bit words; *start is -1
 * when there is none.  The first of equal runs wins (RFC 5952 4.2.3). */
static void longest_zero_run(const uint16_t *w, int *start, int *len)
{
    *start = -1;
    *len = 0;
    for (int i = 0; i < 8;) {
        int j = i;
        while (j < 8 && w[j] == 0)
            j++;
        if (j - i > *len && j - i >= 2) {
            *start = i;
            *len = j - i;
        }
        i = j > i ? j : i + 1;
    }
}

/* Appends text, or v in hex when text is NULL, at *n, never past cap. */
static void append(char *out, size_t cap, size_t *n, const char *text, unsigned v)
{
    int m;

    if (*n >= cap - 1)
        return;
    if (text != NULL)
        m = snprintf(out + *n, cap - *n, "%s", text);
    else
        m = snprintf(out + *n, cap - *n, "%x", v);
    if (m > 0)
        *n = *n + (size_t)m < cap ? *n + (size_t)m : cap - 1;
}

/* Formats an IPv6 address per RFC 5952: lower-case hex without leading
 * zeros, the longest run of two or more zero words written as "::". */
static size_t format_v6(const tw_ip *ip, char *out, size_t cap)
{
    uint16_t w[8];
    int zs, zl, i = 0;
    size_t n = 0;

    out[0] = '\0';
    for (int k = 0; k < 8; k++)
        w[k] = (uint16_t)(ip->bytes[2 * k] << 8 | ip->bytes[2 * k + 1]);
    longest_zero_run(w, &zs, &zl);
    while (i < 8) {
        if (i == zs) {
            append(out, cap, &n, "::", 0);
            i += zl;
            continue;
        }
        if (i > 0 && i != zs + zl)
            append(out, cap, &n, ":", 0);
        append(out, cap, &n, NULL, w[i]);
        i++;
    }
    return n;
}

/* Writes the decimal text of v (at most 3 digits) at out; returns its length. */
static size_t put_u8(char *out, unsigned v)
{
    size_t n = 0;

    if (v >= 100)
        out[n++] = (char)('0' + v / 100);
    if (v >= 10)
        out[n++] = (char)('0' + v / 10 % 10);
    out[n++] = (char)('0' + v % 10);
    return n;
}

/* Formats a.b.c.d into out (cap >= 16). */
static size_t format_v4(const uint8_t *b, char *out)
{
    size_t n = 0;

    for (int i = 0; i < 4; i++) {
        if (i > 0)
            out[n++] = '.';
        n += put_u8(out + n, b[i]);
    }
    out[n] = '\0';
    return n;
}

/* Formats ip into out (cap >= TW_IP_STRLEN) and returns the length. */
size_t tw_ip_format(const tw_ip *ip, char *out, size_t cap)
{
    int n;

    if (cap == 0)
        return 0;
    if (ip->family == 4 && cap >= 16)
        return format_v4(ip->bytes, out);
    if (ip->family == 4) {
        n = snprintf(out, cap, "%u.%u.%u.%u", ip->bytes[0], ip->bytes[1], ip->bytes[2],
                     ip->bytes[3]);
        return n < 0 ? 0 : ((size_t)n < cap ? (size_t)n : cap - 1);
    }
    if (is_v4_mapped(ip)) {
        n = snprintf(out, cap, "::ffff:%u.%u.%u.%u", ip->bytes[12], ip->bytes[13], ip->bytes[14],
                     ip->bytes[15]);
        return n < 0 ? 0 : ((size_t)n < cap ? (size_t)n : cap - 1);
    }
    return format_v6(ip, out, cap);
}

/* Formats "addr/len"; a host prefix is written as its address alone. */
size_t tw_cidr_format(const tw_cidr *c, char *out, size_t cap)
{
    size_t n = tw_ip_format(&c->addr, out, cap);
    int m;

    if (tw_cidr_is_host(c) || n + 1 >= cap)
        return n;
    if (cap - n >= 5) {
        out[n] = '/';
        n += 1 + put_u8(out + n + 1, c->plen);
        out[n] = '\0';
        return n;
    }
    m = snprintf(out + n, cap - n, "/%u", c->plen);
    if (m < 0)
        return n;
    return n + (size_t)m < cap ? n + (size_t)m : cap - 1;
}

/* True when a and b are the same address of the same family. */
bool tw_ip_eq(const tw_ip *a, const tw_ip *b)
{
    return a->family == b->family && memcmp(a->bytes, b->bytes, sizeof(a->bytes)) == 0;
}

/* Orders IPv4 before IPv6, then by address. */
int tw_ip_cmp(const tw_ip *a, const tw_ip *b)
{
    if (a->family != b->family)
        return a->family < b->family ? -1 : 1;
    return memcmp(a->bytes, b->bytes, sizeof(a->bytes));
}

/* True when the first bits of a and b are equal. */
static bool prefix_eq(const uint8_t *a, const uint8_t *b, unsigned bits)
{
    unsigned whole = bits / 8, rest = bits % 8;
    uint8_t mask = (uint8_t)(0xff00u >> rest);

    if (memcmp(a, b, whole) != 0)
        return false;
    return rest == 0 || ((a[whole] ^ b[whole]) & mask) == 0;
}

/* True when ip lies inside net (same family). */
bool tw_cidr_contains(const tw_cidr *net, const tw_ip *ip)
{
    return net->addr.family == ip->family && net->plen <= family_bits(ip->family) &&
           prefix_eq(net->addr.bytes, ip->bytes, net->plen);
}

/* True when the two prefixes share at least one address. */
bool tw_cidr_overlaps(const tw_cidr *a, const tw_cidr *b)
{
    unsigned bits = a->plen < b->plen ? a->plen : b->plen;

    return a->addr.family == b->addr.family && bits <= family_bits(a->addr.family) &&
           prefix_eq(a->addr.bytes, b->addr.bytes, bits);
}

/* One special-purpose prefix and its class; the first match wins. */
static const struct {
    uint8_t family;
    uint8_t bytes[4]; /* leading bytes of the prefix; the rest are zero */
    uint8_t plen;
    tw_ip_class cls;
} special_prefixes[] = {
    {4, {0, 0, 0, 0}, 8, TW_IPC_UNSPECIFIED},
    {4, {10, 0, 0, 0}, 8, TW_IPC_PRIVATE},
    {4, {172, 16, 0, 0}, 12, TW_IPC_PRIVATE},
    {4, {192, 168, 0, 0}, 16, TW_IPC_PRIVATE},
    {4, {100, 64, 0, 0}, 10, TW_IPC_CGNAT},
    {4, {127, 0, 0, 0}, 8, TW_IPC_LOOPBACK},
    {4, {169, 254, 0, 0}, 16, TW_IPC_LINKLOCAL},
    {4, {192, 0, 2, 0}, 24, TW_IPC_DOCUMENTATION},
    {4, {198, 51, 100, 0}, 24, TW_IPC_DOCUMENTATION},
    {4, {203, 0, 113, 0}, 24, TW_IPC_DOCUMENTATION},
    {4, {198, 18, 0, 0}, 15, TW_IPC_BENCHMARK},
    {4, {224, 0, 0, 0}, 4, TW_IPC_MULTICAST},
    {4, {240, 0, 0, 0}, 4, TW_IPC_RESERVED},
    {4, {192, 0, 0, 0}, 24, TW_IPC_RESERVED},
    {6, {0, 0, 0, 0}, 128, TW_IPC_UNSPECIFIED},
    {6, {0xfc, 0, 0, 0}, 7, TW_IPC_PRIVATE},
    {6, {0xfe, 0x80, 0, 0}, 10, TW_IPC_LINKLOCAL},
    {6, {0x20, 0x01, 0x0d, 0xb8}, 32, TW_IPC_DOCUMENTATION},
    {6, {0x3f, 0xff, 0, 0}, 20, TW_IPC_DOCUMENTATION},
    {6, {0x20, 0x01, 0x00, 0x02}, 48, TW_IPC_BENCHMARK},
    {6, {0xff, 0, 0, 0}, 8, TW_IPC_MULTICAST},
};

static const uint8_t v6_loopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};

/* Classifies ip by the special-purpose prefixes listed in ip.h (plus
 * 3fff::/20 documentation and 2001:2::/48 benchmark); TW_IPC_PUBLIC
 * otherwise. */
tw_ip_class tw_ip_classify(const tw_ip *ip)
{
    uint8_t pfx[16];

    if (ip->family == 6 && memcmp(ip->bytes, v6_loopback, 16) == 0)
        return TW_IPC_LOOPBACK;
    for (size_t i = 0; i < sizeof(special_prefixes) / sizeof(special_prefixes[0]); i++) {
        if (special_prefixes[i].family != ip->family)
            continue;
        memset(pfx, 0, sizeof(pfx));
        memcpy(pfx, special_prefixes[i].bytes, 4);
        if (prefix_eq(pfx, ip->bytes, special_prefixes[i].plen))
            return special_prefixes[i].cls;
    }
    return TW_IPC_PUBLIC;
}

/* True when ip is routable on the Internet. */
bool tw_ip_is_public(const tw_ip *ip)
{
    return tw_ip_classify(ip) == TW_IPC_PUBLIC;
}

/* Static lower-case name of a class ("private"); "?" when out of range. */
const char *tw_ip_class_name(tw_ip_class c)
{
    static const char *const names[] = {
        "public",        "private",   "cgnat",     "loopback",    "link-local",
        "documentation", "benchmark", "multicast", "unspecified", "reserved",
    };

    if ((unsigned)c >= sizeof(names) / sizeof(names[0]))
        return "?";
    return names[c];
}
