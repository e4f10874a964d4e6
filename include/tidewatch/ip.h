/*
 * ip.h: IPv4 and IPv6 addresses and CIDR prefixes.
 *
 * Accepted text forms:
 *  - IPv4 dotted quad.  A part with a leading zero ("010.1.1.1") is rejected
 *    everywhere, because tools disagree on whether it is octal.
 *  - IPv6 in every RFC 4291 form: full, compressed ("::"), embedded IPv4
 *    ("::ffff:1.2.3.4").  Zone ids ("%eth0") are rejected.
 *  - An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is normalised to the IPv4
 *    address it carries, so the two spellings match each other.
 *  - With TW_IP_DEFANG, defanged indicator text: "[.]", "(.)", "[dot]",
 *    "{.}" for dots, "[:]" for colons, surrounding brackets "[1.2.3.4]".
 *  - Prefixes: "addr/len", and in tw_cidr_from_mask a netmask or a Cisco
 *    wildcard.  Host bits set under the prefix are cleared.
 * Formatting follows RFC 5952 (lower case, longest zero run compressed).
 * All functions are pure and thread-safe.
 */
#ifndef TIDEWATCH_IP_H
#define TIDEWATCH_IP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "str.h"

typedef struct {
    uint8_t family;    /* 4 or 6 */
    uint8_t bytes[16]; /* network order; IPv4 uses bytes[0..3], rest zero */
} tw_ip;

typedef struct {
    tw_ip addr;   /* host bits are zero */
    uint8_t plen; /* 0..32 or 0..128 */
} tw_cidr;

enum {
    TW_IP_DEFANG = 1 << 0, /* accept defanged forms (indicator input) */
};

/* Longest text form including the NUL: IPv6 with embedded IPv4 and "/128". */
#define TW_IP_STRLEN 52

tw_err tw_ip_parse(tw_str s, unsigned flags, tw_ip *out);
/* "addr" (a host prefix) or "addr/len". */
tw_err tw_cidr_parse(tw_str s, unsigned flags, tw_cidr *out);
/* Builds a prefix from an address and a netmask ("255.255.255.0") or, when
 * wildcard, a Cisco wildcard ("0.0.0.255").  A non-contiguous mask is
 * TW_EPARSE.  Both must be IPv4. */
tw_err tw_cidr_from_mask(const tw_ip *addr, const tw_ip *mask, bool wildcard, tw_cidr *out);
/* A host prefix (/32 or /128) for ip. */
tw_cidr tw_cidr_host(const tw_ip *ip);

/* Formats into out (cap >= TW_IP_STRLEN) and returns the length. */
size_t tw_ip_format(const tw_ip *ip, char *out, size_t cap);
/* "a.b.c.d/n"; a host prefix is written without "/32" or "/128". */
size_t tw_cidr_format(const tw_cidr *c, char *out, size_t cap);

bool tw_ip_eq(const tw_ip *a, const tw_ip *b);
int tw_ip_cmp(const tw_ip *a, const tw_ip *b);
bool tw_cidr_contains(const tw_cidr *net, const tw_ip *ip);
/* True when the two prefixes share at least one address. */
bool tw_cidr_overlaps(const tw_cidr *a, const tw_cidr *b);
static inline bool tw_cidr_is_host(const tw_cidr *c)
{
    return c->plen == (c->addr.family == 4 ? 32 : 128);
}

typedef enum {
    TW_IPC_PUBLIC,
    TW_IPC_PRIVATE,       /* RFC 1918, IPv6 ULA fc00::/7 */
    TW_IPC_CGNAT,         /* 100.64.0.0/10 */
    TW_IPC_LOOPBACK,      /* 127/8, ::1 */
    TW_IPC_LINKLOCAL,     /* 169.254/16, fe80::/10 */
    TW_IPC_DOCUMENTATION, /* 192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32 */
    TW_IPC_BENCHMARK,     /* 198.18.0.0/15 */
    TW_IPC_MULTICAST,     /* 224/4, ff00::/8 */
    TW_IPC_UNSPECIFIED,   /* 0.0.0.0/8, :: */
    TW_IPC_RESERVED,      /* 240/4, 255.255.255.255, 192.0.0/24 */
} tw_ip_class;

tw_ip_class tw_ip_classify(const tw_ip *ip);
/* Routable on the Internet: TW_IPC_PUBLIC. */
bool tw_ip_is_public(const tw_ip *ip);
const char *tw_ip_class_name(tw_ip_class c);

#endif
