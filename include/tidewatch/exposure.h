/*
 * exposure.h: which devices run what the actors exploit, which release
 * fixes it, and whether the configuration makes it reachable.
 *
 * The engine joins four sources: device records (inventory.h), the CVE
 * table (cvetab.h), and optionally CISA's KEV catalog and CSAF advisories
 * (kev.h, csaf.h), plus the preconditions read from device configurations
 * (their audit facts), matched by hostname.  It gives one finding of
 * category `exposure` per device and CVE, with a state:
 *
 *   exposed               a vulnerable release, and the precondition holds
 *                         (or the CVE has none): critical
 *   vulnerable            a vulnerable release; the device's configuration
 *                         was not given, so the precondition is unknown: high
 *   vulnerable-mitigated  a vulnerable release whose precondition is off in
 *                         the configuration (the web UI disabled, no Smart
 *                         Install client): medium
 *   unknown               the version does not parse or is only a train the
 *                         table cannot decide (per device), or KEV lists a
 *                         CVE for an OS of the inventory that no table or
 *                         CSAF file has version data for (once per
 *                         inventory and CVE, tw_exposure_fleet): info
 *
 * Releases that are fixed or not affected give no finding.  The details of
 * each finding (finding.h) name the state, OS, version, train, fixed
 * release, upgrade target, precondition, KEV dates and the source of the
 * verdict (docs/exposure.md).
 *
 * A tw_exposure is built once per run and is then read-only: several
 * threads may call tw_exposure_device at once with their own lists.
 */
#ifndef TIDEWATCH_EXPOSURE_H
#define TIDEWATCH_EXPOSURE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "csaf.h"
#include "cvetab.h"
#include "fact.h"
#include "finding.h"
#include "inventory.h"
#include "kev.h"

/* A precondition as a device's configuration shows it. */
typedef enum {
    TW_PRE_UNKNOWN, /* no configuration, or one that cannot tell */
    TW_PRE_OFF,
    TW_PRE_ON,
} tw_pre_state;

/* The preconditions of one device.  Strings are owned by the set. */
typedef struct {
    const char *hostname;
    const char *file;
    tw_pre_state pre[TW__CVE_PRECOND_COUNT];
    const char *why[TW__CVE_PRECOND_COUNT]; /* "ip http secure-server (line 40)", or NULL */
} tw_device_config;

/* Device configurations by hostname, case-insensitive.  A bare name finds
 * the configuration of a longer one ("r1" finds "r1.example.net") and a
 * longer name that of a bare one ("r1.example.net" finds "r1"), but two
 * different domains never meet ("r1.other.net" does not find
 * "r1.example.net"). */
typedef struct tw_config_set tw_config_set;

tw_config_set *tw_config_set_new(void);
void tw_config_set_free(tw_config_set *s);
/* Reads the preconditions of one parsed configuration (fs, from
 * tw_config_parse of file): the web UI (`http` / `https` service facts,
 * with `session_modules none` taking a side off), the Smart Install client
 * (`smart-install` facts), GlobalProtect (`globalprotect-portal` and
 * `globalprotect-gateway` facts of a PAN-OS configuration, Panorama
 * template entries left out).  Returns TW_ENOTFOUND for a configuration
 * without a hostname and TW_EINVAL for a hostname seen before (the first
 * configuration stays), so the caller can warn; TW_ENOMEM.  Not
 * thread-safe on s. */
tw_err tw_config_set_add(tw_config_set *s, const char *file, const tw_factset *fs);
/* The configuration of hostname, or NULL. */
const tw_device_config *tw_config_set_find(const tw_config_set *s, const char *hostname);
size_t tw_config_set_count(const tw_config_set *s);

typedef struct {
    const tw_cvetab *cves;         /* required */
    const tw_kev *kev;             /* or NULL */
    const tw_csaf *csaf;           /* or NULL */
    const tw_config_set *configs;  /* or NULL: no configurations given */
} tw_exposure_opts;

typedef struct tw_exposure tw_exposure;

/* Prepares the engine over o (borrowed: everything must outlive it).
 * NULL on ENOMEM or without a CVE table. */
tw_exposure *tw_exposure_new(const tw_exposure_opts *o);
void tw_exposure_free(tw_exposure *e);

/* Appends the findings of device d to out: the table's CVEs in table
 * order, then CSAF-only CVEs (writers sort findings by file, line,
 * severity and rule).  Strings made for the findings live in
 * out's arena; the others are borrowed from d, the CVE table, the KEV
 * catalog and the CSAF set, which must outlive the findings.  TW_OK,
 * TW_ENOMEM, TW_ELIMIT (out is full).  Thread-safe for distinct lists. */
tw_err tw_exposure_device(const tw_exposure *e, const tw_device *d, tw_findings *out);

/* Appends, for the devices v[0, n) of one inventory, one `unknown`
 * finding (info) per KEV entry of an OS they run that neither the CVE
 * table nor a CSAF file has version data for, naming how many devices run
 * that OS (details `devices`) and the first few; a finding about one
 * device names it, one about several has no device and sits at the first
 * one's record.  Devices for which a CSAF file decides the CVE are not
 * counted.  Nothing without a KEV catalog.  Errors and thread-safety as
 * tw_exposure_device. */
tw_err tw_exposure_fleet(const tw_exposure *e, const tw_device *v, size_t n, tw_findings *out);

/* Static names: "unknown", "off", "on". */
const char *tw_pre_state_name(tw_pre_state s);

#endif
