/*
 * evidence.h: what kind of evidence a file is, from its content.
 *
 * `tidewatch scan` is handed a folder a responder collected: device
 * configurations, logs and accounting, captures, inventories, indicator
 * feeds, CISA's KEV catalog, vendors' CSAF advisories, a site policy.
 * tw_evidence_detect says which of them a file is, by its content only
 * (a file name says nothing a collector did not choose), trying the
 * specific kinds before the general ones: a capture by its magic number,
 * compressed logs by theirs, JSON by its shape (KEV, CSAF, STIX or MISP,
 * JSON Lines logs, inventories), then configurations by their dialect, a
 * policy by its top-level keys, logs by their format, inventories, and
 * last indicator lists.  Pure, thread-safe; at most the first 64 KiB are
 * looked at.
 */
#ifndef TIDEWATCH_EVIDENCE_H
#define TIDEWATCH_EVIDENCE_H

#include <stddef.h>

#include "config.h"
#include "inventory.h"
#include "ioc.h"
#include "log.h"

#define TW_EVIDENCE_KIND_LIST(X)                                                                   \
    X(UNKNOWN, "unknown")                                                                          \
    X(EMPTY, "empty")                                                                              \
    X(BINARY, "binary")                                                                            \
    X(CONFIG, "configuration")                                                                     \
    X(LOG, "log")                                                                                  \
    X(CAPTURE, "capture")                                                                          \
    X(INVENTORY, "inventory")                                                                      \
    X(IOC, "indicators")                                                                           \
    X(KEV, "KEV catalog")                                                                          \
    X(CSAF, "CSAF advisory")                                                                       \
    X(POLICY, "site policy")

typedef enum {
#define TW__EV_ENUM(name, str) TW_EV_##name,
    TW_EVIDENCE_KIND_LIST(TW__EV_ENUM)
#undef TW__EV_ENUM
        TW__EV_COUNT
} tw_evidence_kind;

/* What tw_evidence_detect found: the kind, and for some kinds more. */
typedef struct {
    tw_evidence_kind kind;
    tw_dialect dialect;    /* CONFIG */
    tw_log_format log;     /* LOG; TW_LOG_UNKNOWN for a compressed log (hunt detects it) */
    bool compressed;       /* LOG: gzip or zstd */
    tw_inv_kind inventory; /* INVENTORY */
    tw_ioc_format ioc;     /* IOC */
} tw_evidence;

/* The static name of a kind ("configuration", "log"...). */
const char *tw_evidence_kind_name(tw_evidence_kind k);

/* Says what data[0, len) is. */
tw_evidence tw_evidence_detect(const char *data, size_t len);

#endif
