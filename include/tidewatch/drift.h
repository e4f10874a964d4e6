/*
 * drift.h: what changed between two configurations of one device, and what
 * the change means.
 *
 * RANCID and Oxidized show line diffs; tw_drift_diff compares facts.  Each
 * setting the advisory cares about (ACL entries, AAA servers and methods,
 * local users and their privilege, tunnels, mirror sessions and captures,
 * services and their ports, logging, NTP and SNMP hosts and communities,
 * scripts, static routes, VTY access, interface filters, BGP neighbours,
 * route maps and prefix lists...) is an object with an identity (a tunnel's
 * name, a server's address) and attributes (the tunnel's destination).  An
 * object only in the new configuration is added, one only in the old one
 * removed, one in both with other attributes changed; ACL entries are
 * compared in order, so an entry that moved is a change too.  Everything
 * else (descriptions, banners, timestamps, "Current configuration : N
 * bytes", the order of unordered statements) is no fact or no compared
 * attribute and gives nothing.  Each change is a finding of category
 * `drift` whose severity says what it means: a new permit for an indicator
 * address is critical, a new privilege-15 user or a removed logging host
 * high, a moved NTP server low (docs/diff.md).  Findings point at the line
 * in the new configuration, or in the old one for a removal (the message
 * says so).
 */
#ifndef TIDEWATCH_DRIFT_H
#define TIDEWATCH_DRIFT_H

#include <stdbool.h>

#include "error.h"
#include "fact.h"
#include "finding.h"
#include "ioc.h"

typedef struct {
    const tw_iocset *iocs; /* indicators: a change that adds one is critical; may be NULL */
    /* where the change was found, added to every finding's details when
     * not NULL: a commit of a configuration history and its time */
    const char *commit;
    const char *commit_time; /* ISO 8601, UTC */
    const char *author;
} tw_drift_opts;

/* Compares before (parsed from before_file) with after (from after_file),
 * both of one device, and appends one finding per security-relevant change
 * to out.  The fact sets should be parsed with one fingerprint key (fact.h)
 * so that SNMP communities compare.  TW_ENOMEM, or TW_ELIMIT when out is
 * full. */
tw_err tw_drift_diff(const tw_drift_opts *o, const char *before_file, const tw_factset *before,
                     const char *after_file, const tw_factset *after, tw_findings *out);

/* A device on one side only: one finding, TW-DRIFT-DEVICE-ADDED (info:
 * a new configuration) or TW-DRIFT-DEVICE-REMOVED (low: a configuration
 * no longer backed up), naming file, the device's configuration on that
 * side. */
tw_err tw_drift_device(const tw_drift_opts *o, const char *file, const tw_factset *fs, bool added,
                       tw_findings *out);

#endif
