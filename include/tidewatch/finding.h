/*
 * finding.h: the findings model, the output contract of DESIGN.md.
 *
 * One struct, one schema; every writer renders the same findings.  Strings
 * of a finding are borrowed: they live in the arena of the tw_findings list
 * (or in the rule set, for rule metadata) and stay valid until the list is
 * released.  A tw_findings belongs to one thread.
 */
#ifndef TIDEWATCH_FINDING_H
#define TIDEWATCH_FINDING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "error.h"
#include "str.h"

typedef enum {
    TW_SEV_INFO,
    TW_SEV_LOW,
    TW_SEV_MEDIUM,
    TW_SEV_HIGH,
    TW_SEV_CRITICAL,
} tw_severity;

#define TW_CATEGORY_LIST(X)    \
    X(COMPROMISE, "compromise") \
    X(HARDENING, "hardening")   \
    X(EXPOSURE, "exposure")     \
    X(DRIFT, "drift")           \
    X(OUTLIER, "outlier")

typedef enum {
#define TW__CAT_ENUM(name, str) TW_CAT_##name,
    TW_CATEGORY_LIST(TW__CAT_ENUM)
#undef TW__CAT_ENUM
    TW__CAT_COUNT
} tw_category;

/* Static names ("high", "compromise"); parse functions are case-insensitive
 * and return false for an unknown name. */
const char *tw_severity_name(tw_severity s);
bool tw_severity_parse(tw_str name, tw_severity *out);
const char *tw_category_name(tw_category c);
bool tw_category_parse(tw_str name, tw_category *out);

/* A named detail of a finding beyond the contract fields: an exposure
 * finding's state, version, train and fixed release, for instance. */
typedef struct {
    const char *name;  /* lower case, [a-z_]: "state", "fixed" */
    const char *value; /* never NULL */
} tw_detail;

typedef struct {
    const char *rule;        /* stable rule id */
    tw_severity severity;
    tw_category category;
    const char *title;       /* the same for every finding of the rule */
    const char *message;     /* this finding in a sentence */
    const char *file;        /* may be NULL */
    uint32_t line;           /* 1-based; 0 (null) for a missing setting */
    const char *device;      /* hostname; NULL when unknown */
    const char *evidence;    /* offending text, secrets redacted; NULL for none */
    const char *ioc;         /* matched indicator value, or NULL */
    const char *cve;         /* CVE id, or NULL */
    const char *const *attack; /* ATT&CK technique ids */
    size_t nattack;
    const char *const *references;
    size_t nreferences;
    const char *remediation; /* for the device's dialect; may be NULL */
    const char *user;        /* the acting user of a log record; NULL when none */
    const tw_detail *details; /* ndetails named values, in order; NULL when none */
    size_t ndetails;
} tw_finding;

typedef struct {
    tw_arena *arena; /* borrowed: finding strings are copied here */
    tw_finding *v;   /* malloc'd */
    size_t n, cap, max;
    size_t dropped;  /* findings past max */
} tw_findings;

void tw_findings_init(tw_findings *fl, tw_arena *arena);
void tw_findings_release(tw_findings *fl);
/* Appends a shallow copy of f; the caller keeps f's strings alive as long as
 * the list (allocate them from fl->arena).  Past TW_LIMIT_FINDINGS the
 * finding is counted in dropped and TW_ELIMIT returned. */
tw_err tw_findings_push(tw_findings *fl, const tw_finding *f);
/* Sorts by file, line, severity (highest first), rule id. */
void tw_findings_sort(tw_findings *fl);
/* Highest severity present; false when the list is empty. */
bool tw_findings_max_severity(const tw_findings *fl, tw_severity *out);

#endif
