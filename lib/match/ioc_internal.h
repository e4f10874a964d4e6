/*
 * ioc_internal.h: what the indicator-set files share and nobody else sees.
 *
 * iocset.c owns the set; ioc_load.c (text and CSV) and ioc_stix.c (STIX 2.1)
 * feed it through tw__iocset_put, which also keeps the load counters.  The
 * small text classifiers live in ioc_load.c and serve both loaders.
 */
#ifndef TW_IOC_INTERNAL_H
#define TW_IOC_INTERNAL_H

#include <stdbool.h>

#include "tidewatch/ioc.h"
#include "tidewatch/str.h"

/* What a piece of indicator text is, as far as a loader can tell. */
typedef enum {
    TW__IOC_TEXT_NONE,    /* not an indicator */
    TW__IOC_TEXT_ADDR,    /* parsed into *out */
    TW__IOC_TEXT_BADADDR, /* looks like an address but is not one */
    TW__IOC_TEXT_OTHER,   /* domain, hash, URL, e-mail: another kind of indicator */
} tw__ioc_text_kind;

/* Adds meta to s and counts it in st as added or duplicate. */
tw_err tw__iocset_put(tw_iocset *s, const tw_ioc *meta, tw_ioc_load_stats *st);

/* Classifies one trimmed indicator text (defanged forms accepted). */
tw__ioc_text_kind tw__ioc_classify(tw_str text, tw_cidr *out);

/* Copies at most 64 bytes of t into out (cap > 64) for a diagnostic, with
 * control and non-ASCII bytes shown as '?'.  Returns out. */
const char *tw__ioc_printable(tw_str t, char *out, size_t cap);

/* Text and CSV loaders (ioc_load.c) and the STIX loader (ioc_stix.c). */
tw_err tw__ioc_load_text(tw_iocset *s, const char *file, tw_str data, tw_diags *diags,
                         tw_ioc_load_stats *st);
tw_err tw__ioc_load_csv(tw_iocset *s, const char *file, tw_str data, tw_diags *diags,
                        tw_ioc_load_stats *st);
tw_err tw__ioc_load_stix(tw_iocset *s, const char *file, tw_str data, tw_diags *diags,
                         tw_ioc_load_stats *st);

#endif
