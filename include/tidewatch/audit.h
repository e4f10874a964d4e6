/*
 * audit.h: the audit engine: configuration text in, findings out.
 *
 * tw_audit_buffer detects the dialect (unless forced), parses the config to
 * facts, applies the rule set with the indicator set, and appends findings.
 * The options are borrowed and immutable, so threads may share them; each
 * thread brings its own findings list and diagnostics.
 */
#ifndef TIDEWATCH_AUDIT_H
#define TIDEWATCH_AUDIT_H

#include <stddef.h>

#include "config.h"
#include "diag.h"
#include "error.h"
#include "finding.h"
#include "fleet.h"
#include "ioc.h"
#include "rules.h"

typedef struct {
    const tw_ruleset *rules;
    const tw_iocset *iocs;       /* may be NULL */
    tw_dialect dialect;          /* TW_DIALECT_UNKNOWN: detect */
    const tw_policy *policy;     /* the site policy, or NULL */
    tw_fleet *fleet;             /* collects every device for the outliers (fleet.h), or NULL */
    const unsigned char *fp_key; /* the run's key for secret fingerprints (siphash.h), or NULL */
    /* Called with each configuration's facts after the rules ran, before
     * they are released (they may point into the data), so a caller can
     * keep what it needs without parsing again; NULL: not called.  Route
     * maps and prefix lists may be left out (see tw_factset.skip). */
    void (*on_facts)(void *ud, const char *file, const tw_factset *fs);
    void *on_facts_ud;
} tw_audit_opts;

/* Audits one configuration held in memory.  A file whose dialect is not
 * known or not supported is TW_EDIALECT with a diagnostic naming it; a
 * binary file is TW_EBINARY. */
tw_err tw_audit_buffer(const tw_audit_opts *opts, const char *file, const char *data, size_t len,
                       tw_findings *out, tw_diags *diags);

#endif
