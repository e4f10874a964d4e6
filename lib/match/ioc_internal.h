/*
 * ioc_internal.h: what the indicator-set files share and nobody else sees.
 *
 * iocset.c owns the set; ioc_load.c (text and CSV), ioc_stix.c (STIX 2.1)
 * and ioc_misp.c (MISP JSON) feed it through tw__ioc_take and
 * tw__iocset_put, which also keep the load counters.  ioc_text.c holds the
 * text rules every file shares: de-fanging, the normal form of each type,
 * classification of untyped text, type names and the literal boundaries.
 */
#ifndef TW_IOC_INTERNAL_H
#define TW_IOC_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "tidewatch/ioc.h"
#include "tidewatch/str.h"

/* Longest normalised indicator value (a URL, mostly), NUL included. */
#define TW__IOC_VALUE_MAX 2048

/* What a piece of indicator text is, as far as a loader can tell. */
typedef enum {
    TW__IOC_TEXT_NONE,    /* not an indicator */
    TW__IOC_TEXT_ADDR,    /* an address or prefix: cand.cidr */
    TW__IOC_TEXT_TYPED,   /* a domain, URL, hash or file name: cand.type, cand.value */
    TW__IOC_TEXT_BADADDR, /* looks like an address but is not one */
    TW__IOC_TEXT_BAD,     /* declared as cand.type but not a valid one */
    TW__IOC_TEXT_OTHER,   /* an indicator no type covers: e-mail, SHA-512, ... */
} tw__ioc_text_kind;

/* One classified candidate. */
typedef struct {
    tw__ioc_text_kind kind;
    tw_ioc_type type;
    tw_cidr cidr;
    char value[TW__IOC_VALUE_MAX];
} tw__ioc_cand;

/* Adds meta to s and counts it in st as added or duplicate. */
tw_err tw__iocset_put(tw_iocset *s, const tw_ioc *meta, tw_ioc_load_stats *st);

/* Classifies one trimmed, untyped indicator text (defanged forms accepted;
 * "filename:X" and "file:X" declare a file name). */
void tw__ioc_classify(tw_str text, tw__ioc_cand *out);
/* Classifies text declared as type t: TYPED/ADDR when valid, else BAD/BADADDR. */
void tw__ioc_classify_as(tw_ioc_type t, tw_str text, tw__ioc_cand *out);
/* Writes the normal form of text as type t (not TW_IOC_IP) into out
 * (capacity TW__IOC_VALUE_MAX); false when text is not a valid t. */
bool tw__ioc_normalize(tw_ioc_type t, tw_str text, char *out);
/* Maps a type name of CSV or MISP ("ip-src", "hostname", "sha256", ...) to
 * a type; false for an unknown name. */
bool tw__ioc_type_from_name(tw_str name, tw_ioc_type *t);

/* Counts and reports one candidate; adds it (with meta's metadata) when it
 * is an indicator.  ctx prefixes diagnostics ("indicator X: "; may be ""),
 * shown is the raw text for them. */
tw_err tw__ioc_take(tw_iocset *s, const char *file, uint32_t line, const char *ctx, tw_str shown,
                    const tw__ioc_cand *c, const tw_ioc *meta, tw_diags *diags,
                    tw_ioc_load_stats *st);

/* Copies at most 64 bytes of t into out (cap > 64) for a diagnostic, with
 * control and non-ASCII bytes shown as '?'.  Returns out. */
const char *tw__ioc_printable(tw_str t, char *out, size_t cap);

/* Parses a JSON indicator document; NULL after an error diagnostic naming
 * the line and column of a syntax error (the caller returns TW_EIOC).
 * The caller json_decref()s the result. */
struct json_t;
struct json_t *tw__ioc_json_load(const char *file, tw_str data, tw_diags *diags);

/* Text, CSV, STIX and MISP loaders. */
tw_err tw__ioc_load_text(tw_iocset *s, const char *file, tw_str data, tw_diags *diags,
                         tw_ioc_load_stats *st);
tw_err tw__ioc_load_csv(tw_iocset *s, const char *file, tw_str data, tw_diags *diags,
                        tw_ioc_load_stats *st);
tw_err tw__ioc_load_stix(tw_iocset *s, const char *file, tw_str data, tw_diags *diags,
                         tw_ioc_load_stats *st);
tw_err tw__ioc_load_misp(tw_iocset *s, const char *file, tw_str data, tw_diags *diags,
                         tw_ioc_load_stats *st);

#endif
