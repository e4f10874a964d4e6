/*
 * cvetab.h: the CVE table, known-exploited CVEs as data, and its verdicts.
 *
 * A CVE table says, per CVE, which operating systems and release trains
 * the vendor lists as affected, where each train's fixes are (several fix
 * points per train: PAN-OS hotfix backports, Ivanti per-R builds, IOS XE
 * rebuilds), which configuration makes a vulnerable release reachable
 * (the precondition), the KEV dates, references and remediation.  Tables
 * are YAML (format: docs/cve-table.md); the built-in one, data/cves.yaml,
 * is compiled into the library and holds the six CVEs of advisory
 * AA25-239A.  Adding a CVE is adding an entry.
 *
 * tw_cve_eval decides one CVE for one parsed version (version.h): not
 * affected, affected (with the release that fixes it), affected train
 * (the vendor names the train but no fixed release: the Software Checker
 * or a CSAF file must decide), fixed, or unknown.  It never guesses.
 *
 * A loaded table is immutable and may be shared between threads; loading
 * into it is not thread-safe.  Everything a tw_cve points to lives as long
 * as its table.
 */
#ifndef TIDEWATCH_CVETAB_H
#define TIDEWATCH_CVETAB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "error.h"
#include "finding.h"
#include "version.h"

/* Bounds of one table (limits.h is not this module's; they sit here). */
#define TW_CVETAB_MAX_FILE ((size_t)8 << 20) /* bytes of one table file */
#define TW_CVETAB_MAX_CVES 10000             /* CVEs of one table, all files */
#define TW_CVETAB_MAX_TRAINS 1024            /* train entries of one CVE */
#define TW_CVETAB_MAX_FIXED 256              /* fix points of one train entry */
#define TW_CVETAB_MAX_LIST 64                /* references, attack ids, remediations */

/* What makes a vulnerable release reachable: X(enum suffix, table name).
 *   web-ui                ip http server / ip http secure-server (IOS XE)
 *   smart-install-client  the switch is a Smart Install client (vstack)
 *   globalprotect         a GlobalProtect portal or gateway is configured
 *   none                  nothing beyond the reachable service itself */
#define TW_CVE_PRECOND_LIST(X)                                                                     \
    X(NONE, "none")                                                                                \
    X(WEB_UI, "web-ui")                                                                            \
    X(SMART_INSTALL_CLIENT, "smart-install-client")                                                \
    X(GLOBALPROTECT, "globalprotect")

typedef enum {
#define TW__CVE_PRECOND_ENUM(name, str) TW_CVE_PRECOND_##name,
    TW_CVE_PRECOND_LIST(TW__CVE_PRECOND_ENUM)
#undef TW__CVE_PRECOND_ENUM
        TW__CVE_PRECOND_COUNT
} tw_cve_precond;

/* What the table knows of a train's fixes. */
typedef enum {
    TW_CVE_FIXES_UNKNOWN, /* no "fixed" key: the vendor names none here (Software Checker) */
    TW_CVE_FIXES_NONE,    /* "fixed: none": no fix in this train; move to "upgrade" */
    TW_CVE_FIXES_LISTED,  /* "fixed: [...]": the fix points */
} tw_cve_fixes;

/* One train of one OS as the vendor lists it for one CVE (a table entry
 * naming several trains gives one tw_cve_train per train).  A release V of
 * the train is in the affected range when introduced <= V (when given)
 * and V <= last_affected (when given).  In range, V is fixed when some fix
 * point F has F <= V and either V is in F's branch
 * (tw_version_same_branch) or, with branch_only false, F is the train's
 * highest fix point.  So PAN-OS 10.2.7-h8 fixes 10.2.7-h8 and later
 * 10.2.7 hotfixes, while 10.2.8 stays affected until 10.2.8-h3 and the
 * highest point 10.2.9-h1 fixes everything after it. */
typedef struct {
    tw_os os;
    const char *train; /* as tw_version_parse names trains: "17.9", "10.2", "9.1", "15.2E" */
    bool not_affected; /* "status: not-affected": the train is listed as unaffected */
    bool has_introduced;
    tw_version introduced; /* first affected release */
    bool has_last_affected;
    tw_version last_affected; /* last affected release the vendor lists */
    tw_cve_fixes fixes;
    const tw_version *fixed; /* nfixed fix points, ascending */
    size_t nfixed;
    bool branch_only;    /* "fixed-scope: branch": each point vouches for its branch only */
    const char *upgrade; /* release to move to when the train has no fix, or NULL */
    const char *note;    /* or NULL */
    uint32_t line;       /* of the entry in its table file */
} tw_cve_train;

/* Remediation text for one OS: exact commands and releases. */
typedef struct {
    tw_os os;
    const char *text;
} tw_cve_remediation;

/* One CVE.  The OSes it names are those of its trains (os, nos). */
typedef struct {
    const char *id;    /* "CVE-2024-3400" */
    const char *title; /* one line */
    tw_severity severity;
    const char *cvss; /* "10.0", or NULL */
    tw_os os[TW__OS_COUNT];
    size_t nos;
    tw_cve_precond precondition;
    const char *precondition_text; /* how to tell from a config, or NULL */
    const char *kev_added;         /* "YYYY-MM-DD", or NULL when not in KEV / not given */
    const char *kev_due;           /* "YYYY-MM-DD", or NULL */
    bool kev_ransomware;           /* KEV knownRansomwareCampaignUse "Known" */
    const char *const *references; /* nreferences URLs */
    size_t nreferences;
    const char *const *attack; /* nattack ATT&CK ids ("T1190") */
    size_t nattack;
    const tw_cve_remediation *remediation; /* nremediation, one per OS at most */
    size_t nremediation;
    const tw_cve_train *trains; /* ntrains */
    size_t ntrains;
    bool other_trains_unknown; /* "other-trains: unknown": unlisted trains are unknown,
                                  not unaffected */
    const char *note;          /* or NULL */
    const char *file;          /* table file it came from */
    uint32_t line;
} tw_cve;

/* The verdict of one CVE for one version. */
typedef enum {
    TW_CVE_NOT_AFFECTED,   /* the vendor lists this release (or its whole train) as unaffected */
    TW_CVE_AFFECTED,       /* vulnerable, and the fix is known (fixed or upgrade, or none) */
    TW_CVE_AFFECTED_TRAIN, /* the train is affected; whether this release is fixed is not
                              in the table (Software Checker / CSAF decide) */
    TW_CVE_FIXED,          /* the train is affected and this release carries a fix */
    TW_CVE_UNKNOWN,        /* cannot tell: only a train known, os not named, train unlisted
                              under other-trains: unknown, unparsed version */
} tw_cve_state;

typedef struct {
    tw_cve_state state;
    const tw_cve_train *train; /* the train entry used, or NULL */
    /* The fix point that matters, or NULL: for FIXED the point that covers
     * the release; for AFFECTED and AFFECTED_TRAIN the nearest later fix
     * point (the release to move to within the train); for a version that
     * is only a train, the train's highest fix point. */
    const char *fixed;
    const char *upgrade; /* the train entry's upgrade target, or NULL */
    const char *reason;  /* short, lower case, static or from the table; never NULL */
} tw_cve_verdict;

typedef struct tw_cvetab tw_cvetab;

/* Creates an empty table.  NULL on ENOMEM.  Free with tw_cvetab_free. */
tw_cvetab *tw_cvetab_new(void);
/* Frees a table and every tw_cve of it; NULL is accepted. */
void tw_cvetab_free(tw_cvetab *t);

/* Loads the CVEs of one YAML table (data, len; file names it in
 * diagnostics) into t.  Each problem is a diagnostic at file:line:column
 * (unknown keys, missing required keys, versions that do not parse with
 * the OS's grammar or are of another train, duplicate CVE ids, also
 * against CVEs loaded before); a CVE with a problem is left out and the
 * others are kept.  Returns TW_OK; TW_EYAML for a YAML syntax error;
 * TW_EPARSE when an entry was rejected; TW_ELIMIT past a TW_CVETAB_MAX_*
 * bound; TW_ENOMEM; TW_EINVAL for a NULL t or diags.  Not thread-safe on
 * t. */
tw_err tw_cvetab_load(tw_cvetab *t, const char *file, const char *data, size_t len,
                      tw_diags *diags);

/* Loads the built-in table (data/cves.yaml, compiled in) into t.  Returns
 * TW_OK; TW_EINTERNAL when it is missing or does not load cleanly (diags
 * then say why; loading it twice into one table is such a case: every id
 * is a duplicate); TW_ENOMEM; TW_EINVAL for a NULL t or diags. */
tw_err tw_cvetab_load_builtin(tw_cvetab *t, tw_diags *diags);

/* Number of CVEs, and the i-th in load order (NULL past the end). */
size_t tw_cvetab_count(const tw_cvetab *t);
const tw_cve *tw_cvetab_at(const tw_cvetab *t, size_t i);
/* The CVE with this id (case-insensitive), or NULL. */
const tw_cve *tw_cvetab_find(const tw_cvetab *t, const char *id);

/* True when cve names os (has a train entry for it). */
bool tw_cve_names_os(const tw_cve *cve, tw_os os);
/* The remediation text of cve for os, or NULL. */
const char *tw_cve_remediation_for(const tw_cve *cve, tw_os os);

/* Decides cve for version v into *out (see tw_cve_state).  A version
 * whose os the CVE does not name is UNKNOWN (callers pick the CVEs of a
 * device's OS with tw_cve_names_os).  A train_only version is
 * NOT_AFFECTED when its train is unaffected, AFFECTED or AFFECTED_TRAIN
 * when every release of the train is, and UNKNOWN otherwise.  NULL cve or
 * v give UNKNOWN.  Pure and thread-safe. */
void tw_cve_eval(const tw_cve *cve, const tw_version *v, tw_cve_verdict *out);

/* Static names: "not-affected", "affected", "affected-train", "fixed",
 * "unknown"; "web-ui", "smart-install-client", "globalprotect", "none". */
const char *tw_cve_state_name(tw_cve_state s);
const char *tw_cve_precond_name(tw_cve_precond p);

#endif
