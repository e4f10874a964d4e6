/*
 * drift_int.h: what drift.c (objects) and drift_acl.c (ACL entries in
 * order) share.
 */
#ifndef TW_ENGINE_DRIFT_INT_H
#define TW_ENGINE_DRIFT_INT_H

#include <stdint.h>

#include "tidewatch/drift.h"

typedef enum { TW__CH_ADDED, TW__CH_REMOVED, TW__CH_CHANGED, TW__CH_MOVED } tw__change_kind;

/* One comparison: the two sides and where findings go. */
typedef struct {
    const tw_drift_opts *o;
    const char *bfile, *afile; /* before, after */
    const tw_factset *b, *a;
    tw_findings *out;
} tw__drift;

/* One change, as tw__drift_emit makes it a finding.  The side is the
 * after configuration, or the before one for a removal. */
typedef struct {
    const char *id;    /* rule id stem: "TUNNEL" gives TW-DRIFT-TUNNEL-ADDED... */
    const char *label; /* "tunnel" */
    tw__change_kind kind;
    tw_severity sev;
    const char *object;         /* the object's identity ("Tunnel10"); may be "" */
    const char *summary;        /* what changed, for the message; may be "" */
    const char *message;        /* the whole message instead; NULL: built from the above */
    const char *remediation;    /* instead of the change's; NULL: the change's */
    const char *before, *after; /* the values before and after; NULL: none */
    const tw_fact *fact;        /* where, on the side */
    uint32_t line;              /* the line on the side (0: none) */
    tw_str evidence;            /* the statement on the side */
    const tw_ioc *ioc;          /* an indicator the change brings; NULL */
    const char *const *attack;  /* ATT&CK technique ids */
    size_t nattack;
} tw__drift_change;

/* Appends the finding of change c; TW_ENOMEM or TW_ELIMIT. */
tw_err tw__drift_emit(const tw__drift *d, const tw__drift_change *c);

/* The first indicator among the address fields of f; NULL when none or no
 * indicator set. */
const tw_ioc *tw__drift_ioc(const tw__drift *d, const tw_fact *f);

/* Compares the ACL entries of the two sides list by list, in order. */
tw_err tw__drift_acls(const tw__drift *d);

#endif
