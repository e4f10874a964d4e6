/*
 * ioc.h: indicator sets.
 *
 * An indicator set holds address indicators (IPv4 and IPv6 hosts and CIDR
 * prefixes) with their metadata, looked up by whole address: a hash table
 * for host indicators and a longest-prefix table for prefixes.  Matching is
 * never by substring: 10.45.61.133 does not match 45.61.133.7.
 *
 * Build a set with tw_iocset_add_* and the loaders, then call
 * tw_iocset_finish; after that the set is immutable and may be shared by
 * threads.  Loaders accept plain text (one indicator a line, '#' comments,
 * defanged forms), CSV with a header (a column named indicator, value, ip,
 * address or ioc; optional description, country, asn, first_seen) and
 * STIX 2.1 bundles (indicator patterns over ipv4-addr / ipv6-addr values,
 * '=' and ISSUBSET).
 */
#ifndef TIDEWATCH_IOC_H
#define TIDEWATCH_IOC_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "error.h"
#include "ip.h"

/* What an indicator is.  Everything but TW_IOC_IP is matched as text. */
typedef enum {
    TW_IOC_IP,       /* address or prefix: cidr */
    TW_IOC_DOMAIN,   /* a domain and its subdomains, on label boundaries */
    TW_IOC_URL,      /* a URL, scheme and host case-insensitive */
    TW_IOC_MD5,      /* hashes: hex, case-insensitive */
    TW_IOC_SHA1,
    TW_IOC_SHA256,
    TW_IOC_FILENAME, /* a file name, matched as a whole path component */
} tw_ioc_type;

typedef struct {
    tw_cidr cidr;            /* TW_IOC_IP only */
    const char *value;       /* normalised text, e.g. "45.61.133.77", "evil.example" */
    const char *country;     /* may be NULL */
    const char *asn;         /* may be NULL */
    const char *date;        /* first seen / valid_from; may be NULL */
    const char *description; /* what it indicates; may be NULL */
    const char *source;      /* "AA25-239A" or the file it came from */
    tw_ioc_type type;        /* added with hunt; zero (TW_IOC_IP) in older initialisers */
} tw_ioc;

typedef struct tw_iocset tw_iocset;

/* Returns a new empty set, or NULL on ENOMEM. */
tw_iocset *tw_iocset_new(void);
void tw_iocset_free(tw_iocset *s);

/* Adds the advisory's built-in indicators (87 IPv4, 2 IPv6). */
tw_err tw_iocset_add_builtin(tw_iocset *s);
/* Adds one indicator; strings in meta are copied (value is recomputed from
 * cidr).  A duplicate keeps the first entry's metadata. */
tw_err tw_iocset_add(tw_iocset *s, const tw_ioc *meta);
/* Loads indicators from a file's contents, detecting the format.  Lines or
 * objects that cannot be read become diagnostics at file:line and loading
 * goes on; returns TW_EIOC when nothing at all could be read. */
tw_err tw_iocset_load(tw_iocset *s, const char *file, const char *data, size_t len,
                      tw_diags *diags);
/* Freezes the set; lookups are allowed only after this. */
tw_err tw_iocset_finish(tw_iocset *s);

size_t tw_iocset_count(const tw_iocset *s);
/* Exact host indicator or longest indicator prefix holding ip; NULL if none. */
const tw_ioc *tw_iocset_match_ip(const tw_iocset *s, const tw_ip *ip);
/* For a prefix met in evidence: a host prefix is looked up as an address;
 * a wider prefix matches when an indicator prefix holds it, or when it is at
 * least a /24 (IPv4) or /48 (IPv6) and holds an indicator.  NULL if none. */
const tw_ioc *tw_iocset_match_cidr(const tw_iocset *s, const tw_cidr *c);

/* Additions (ioc module): load statistics, format detection and iteration. */

typedef enum {
    TW_IOC_FORMAT_UNKNOWN,
    TW_IOC_FORMAT_TEXT, /* one indicator a line */
    TW_IOC_FORMAT_CSV,  /* CSV with a header naming the indicator column */
    TW_IOC_FORMAT_STIX, /* STIX 2.1 bundle (or a single indicator object) */
    TW_IOC_FORMAT_MISP, /* MISP event JSON, a search result or a bare attribute list (hunt) */
} tw_ioc_format;

/* What one load saw.  Every counted item is also reported in diags when it
 * is an error or a warning (invalid); skipped and ignored ones are not. */
typedef struct {
    tw_ioc_format format;
    size_t added;      /* address indicators new to the set */
    size_t duplicates; /* address indicators already in the set */
    size_t skipped;    /* indicators of other kinds: domains, hashes, URLs, other patterns */
    size_t invalid;    /* text that looks like an address but does not parse (a warning each) */
    size_t ignored;    /* lines, rows or objects that hold no indicator at all */
} tw_ioc_load_stats;

/* tw_iocset_load, filling *stats (which may be NULL).  The return value and
 * the diagnostics are the same as tw_iocset_load's. */
tw_err tw_iocset_load_ex(tw_iocset *s, const char *file, const char *data, size_t len,
                         tw_diags *diags, tw_ioc_load_stats *stats);
/* Detects the format of data as tw_iocset_load does.  Pure, thread-safe. */
tw_ioc_format tw_ioc_detect(const char *data, size_t len);
/* A static lower-case name for a format ("text", "csv", "stix"). */
const char *tw_ioc_format_name(tw_ioc_format f);
/* After tw_iocset_finish: the i-th indicator in address order (IPv4 before
 * IPv6, then by address, then shorter prefix first); NULL when i is out of
 * range or the set is not finished.  The pointer lives as long as the set. */
const tw_ioc *tw_iocset_at(const tw_iocset *s, size_t i);

/* Additions for hunt: indicators of every type, matched as text. */

/* With hunt, sets hold every tw_ioc_type: the loaders add domains, URLs,
 * hashes and file names too (docs/indicators.md), tw_iocset_add takes
 * meta->value (de-fanged and normalised) for the text types, and
 * tw_iocset_add_builtin also adds the advisory's file names and hashes
 * (data/advisory-files.csv).  In tw_ioc_load_stats, added and duplicates
 * count indicators of every type, skipped only indicators no type covers
 * (e-mail addresses, SHA-512, STIX patterns over other objects, MISP
 * attribute types not listed), invalid also values declared as a type but
 * not valid for it, and ignored also MISP attributes with to_ids false.
 * tw_iocset_count and tw_iocset_at cover every type: the address
 * indicators come first in address order, then the text types by type and
 * value (their cidr is zero). */

/* "ip", "domain", "url", "md5", "sha1", "sha256", "filename". */
const char *tw_ioc_type_name(tw_ioc_type t);

/* Looks a text value up as type t (after tw_iocset_finish): TW_IOC_IP parses
 * it as an address; DOMAIN matches the value or any parent domain on a label
 * boundary (evil.example matches a.evil.example, never notevil.example);
 * hashes match exactly, case-insensitive; FILENAME matches the last path
 * component exactly; URL matches after the scheme and host are lower-cased.
 * Defanged text is accepted.  NULL when nothing matches. */
const tw_ioc *tw_iocset_match_text(const tw_iocset *s, tw_ioc_type t, tw_str value);

/* One literal a multi-pattern scanner (Vectorscan) looks for to find the
 * set's indicators in raw text.  A hit is an indicator only when
 * tw_ioc_literal_whole says the hit is a whole token. */
typedef struct {
    const char *text;
    size_t len;
    bool caseless;
    const tw_ioc *ioc;
} tw_ioc_literal;

/* After finish: the literals of every host address, domain, URL, hash and
 * file name indicator; prefix indicators have none (see needs_addr_scan). */
size_t tw_iocset_literal_count(const tw_iocset *s);
const tw_ioc_literal *tw_iocset_literal(const tw_iocset *s, size_t i);
/* True when the set holds prefix indicators, which no literal can find:
 * the scanner must then look at every address-like token. */
bool tw_iocset_needs_addr_scan(const tw_iocset *s);
/* True when text[start, end) (a hit of lit inside text[0, len)) is a whole
 * token for the literal's type: an address not inside a longer number or
 * dotted run (like grep -w, and also not preceded by "digit." or followed
 * by ".digit"), a domain starting at a label boundary and not followed by
 * another label character, a hash not inside a longer hex run, a file name
 * bounded by path separators, quotes, spaces or punctuation. */
bool tw_ioc_literal_whole(const tw_ioc_literal *lit, const char *text, size_t len, size_t start,
                          size_t end);

#endif
