/*
 * store.h: the embedded SQLite store: configuration snapshots per device
 * and findings with their history.
 *
 * A store is one SQLite database file (docs/store.md has the schema).  It
 * keeps, per device, snapshots of its configuration as facts (a content
 * hash and the facts, never the raw text, never a secret: a secret field's
 * value is not written even if a caller filled it), and findings keyed by a
 * fingerprint, each with first seen, last seen and a state (open,
 * acknowledged, resolved).  Every write runs in one transaction: a process
 * killed in the middle of a call leaves the store as it was before the call
 * or as it is after it, never in between.
 *
 * The schema version lives in PRAGMA user_version; tw_store_open migrates
 * an older database forward, one transaction per migration, and refuses a
 * newer one.  The database runs in WAL mode with synchronous=FULL and a 5 s
 * busy timeout, so another process (the watch daemon, an "ack" from the
 * command line) may use the same file at the same time.
 *
 * Every value reaches SQLite through a bound parameter; text from hostile
 * inputs (device names, evidence) is cut at TW_LIMIT_TEXT_FIELD bytes,
 * never in the middle of a UTF-8 sequence.  Errors become a tw_err and a
 * diagnostic naming the store's path and SQLite's message; every function
 * that takes a tw_diags accepts NULL (no diagnostics).
 *
 * A tw_store belongs to one thread at a time; distinct stores (even on one
 * file) may be used from distinct threads.
 */
#ifndef TIDEWATCH_STORE_H
#define TIDEWATCH_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "error.h"
#include "fact.h"
#include "finding.h"
#include "siphash.h"

/* The schema version this tidewatch writes. */
#define TW_STORE_VERSION 2

/* The snapshots kept per device: the latest and the ones before it, up to
 * this many; older ones go (with their facts) when a new one is put. */
#define TW_STORE_KEEP_SNAPSHOTS 8

typedef struct tw_store tw_store;

/* Opens the database at path, creating the file (not its folder) when it
 * does not exist, and migrates it to TW_STORE_VERSION.  *out is the store,
 * or NULL on error.  Errors, each with a diagnostic in diags naming path:
 * TW_ENOENT (the folder does not exist or the file cannot be opened),
 * TW_EPARSE (not an SQLite database, or not a tidewatch store),
 * TW_EINVAL (written by a newer tidewatch: "store version N is newer than
 * this tidewatch (M)"), TW_EIO (SQLite failed), TW_ENOMEM. */
tw_err tw_store_open(const char *path, tw_store **out, tw_diags *diags);
/* Closes the store; NULL is accepted. */
void tw_store_close(tw_store *s);
/* The schema version of the open database (TW_STORE_VERSION once open). */
int tw_store_version(const tw_store *s);
/* The path the store was opened with (owned by the store). */
const char *tw_store_path(const tw_store *s);
/* The store's persistent fingerprint key (TW_SIPHASH_KEY bytes, made at
 * random when the store was created; owned by the store).  Put it in
 * tw_factset.fp_key before parsing a configuration whose facts go into the
 * store, so that SNMP community fingerprints compare across runs. */
const unsigned char *tw_store_fp_key(const tw_store *s);

/* Snapshots. */

/* What tw_store_snapshot_last tells about a snapshot; strings live in the
 * caller's arena. */
typedef struct {
    int64_t id;       /* the snapshot's row id; grows with every snapshot */
    const char *file; /* the configuration's file when it was taken */
    const char *hash; /* the content hash, in lower case */
    int64_t time;     /* when it was taken (the caller's clock, Unix seconds) */
} tw_store_snapshot_info;

/* Records a snapshot of device device_key (the caller's stable name for the
 * device, a hostname or a path) taken at now: file, hash_hex (the content
 * hash of the configuration, 1 to 128 hexadecimal digits) and the facts of
 * fs, with its dialect and hostname.  In one transaction: when the device's
 * latest snapshot has the same hash, nothing is written and *unchanged is
 * set; otherwise the snapshot and all its facts are inserted and
 * *unchanged is cleared, and the device's snapshots older than its
 * TW_STORE_KEEP_SNAPSHOTS latest are deleted.  The hash is kept in lower case.  Text longer than
 * TW_LIMIT_TEXT_FIELD is cut (docs/store.md).  TW_EINVAL for an empty device_key or a bad hash;
 * SQLite failures as in tw_store_open (nothing is written then). */
tw_err tw_store_snapshot_put(tw_store *s, const char *device_key, const char *file,
                             const char *hash_hex, int64_t now, const tw_factset *fs,
                             bool *unchanged, tw_diags *diags);

/* Rebuilds the latest snapshot of device_key into out, a set the caller
 * has initialised (tw_factset_init) on arena a and releases: its facts in
 * their order, field by field as they were put, its dialect and hostname.
 * Every string, field names included, lives in a.  info (may be NULL) gets
 * the snapshot's id, file, hash and time.  *found is false, and out
 * untouched, when the device has no snapshot.  A fact of a kind this
 * tidewatch does not know is skipped with a warning.  TW_ENOMEM, TW_ELIMIT,
 * TW_EPARSE (a damaged row), TW_EIO. */
tw_err tw_store_snapshot_last(tw_store *s, const char *device_key, tw_arena *a, tw_factset *out,
                              tw_store_snapshot_info *info, bool *found, tw_diags *diags);

/* Findings. */

typedef enum {
    TW_STATE_OPEN,         /* seen, nobody has looked at it */
    TW_STATE_ACKNOWLEDGED, /* somebody has (tw_store_finding_ack) */
    TW_STATE_RESOLVED,     /* no longer seen in its scope, or resolved by hand */
} tw_finding_state;

/* Static names "open", "acknowledged", "resolved"; parse is
 * case-insensitive and false for an unknown name. */
const char *tw_finding_state_name(tw_finding_state st);
bool tw_finding_state_parse(tw_str name, tw_finding_state *out);

/* A finding as the store keeps it.  Strings live in the caller's arena. */
typedef struct {
    tw_finding f; /* rebuilt: every field as it was last put */
    int64_t id;   /* stable row id: what "findings show" and "ack" take */
    tw_finding_state state;
    int64_t first_seen; /* Unix seconds, the caller's clock */
    int64_t last_seen;
    const char *scope;  /* the scope it was last put under; NULL for none */
    const char *note;   /* acknowledgement note; NULL when none */
    const char *ack_by; /* who acknowledged it; NULL when unknown */
    int64_t ack_time;   /* when; 0 when never acknowledged */
} tw_stored_finding;

/* What one tw_store_findings_put did. */
typedef struct {
    size_t opened;   /* new findings, and resolved ones seen again */
    size_t seen;     /* already open or acknowledged, seen again */
    size_t resolved; /* of the scope, not in the list: now resolved */
} tw_store_put_stats;

/* Stores the findings of fl, seen at now, in one transaction.  A finding is
 * known by its fingerprint: a keyed hash of its rule, device, file,
 * evidence, ioc, cve and, for category drift, its message (not its line,
 * which moves between versions of a file), and of how many findings before
 * it in fl have the same (so two identical findings stay two).  A new one
 * is stored open with first_seen = last_seen = now; one seen again gets
 * last_seen = now and the fields of this version (line, message...), and
 * becomes open again if it was resolved (an acknowledged one stays
 * acknowledged).  With a scope (e.g. "audit:DEVICE"; NULL: none), the
 * findings are filed under it, and every finding filed under it earlier
 * that is not in fl becomes resolved.  stats and opened (fl->n flags: this
 * finding was opened by this call) may be NULL.  On error nothing is
 * written.  TW_ENOMEM, TW_ELIMIT (a finding's lists or details take more
 * than 16 MiB as JSON), TW_EIO. */
tw_err tw_store_findings_put(tw_store *s, const char *scope, const tw_findings *fl, int64_t now,
                             tw_store_put_stats *stats, bool *opened, tw_diags *diags);

/* A filter for tw_store_findings_list. */
typedef struct {
    bool any_state; /* false: only findings in state */
    tw_finding_state state;
    tw_severity min_severity; /* only findings at or above it */
    const char *device;       /* exact device name; NULL: any */
    const char *rule;         /* exact rule id; NULL: any */
    size_t limit;             /* at most this many; 0: up to TW_LIMIT_FINDINGS */
} tw_store_query;

/* The findings that pass q, the most recently seen first (ties: the
 * highest id first), in *out (an array of *n in arena a; NULL when none).
 * TW_ENOMEM (memory or the arena's cap ran out), TW_EIO. */
tw_err tw_store_findings_list(tw_store *s, const tw_store_query *q, tw_arena *a,
                              tw_stored_finding **out, size_t *n, tw_diags *diags);
/* The finding with id into *out (strings in a); *found false when there is
 * none.  TW_ENOMEM (memory or the arena's cap ran out), TW_EIO. */
tw_err tw_store_finding_get(tw_store *s, int64_t id, tw_arena *a, tw_stored_finding *out,
                            bool *found, tw_diags *diags);
/* Acknowledges finding id at now: state acknowledged, with note and by
 * (each may be NULL, cut at TW_LIMIT_TEXT_FIELD).  Acknowledging again
 * replaces the note.  *found false when there is no such finding.
 * TW_EIO. */
tw_err tw_store_finding_ack(tw_store *s, int64_t id, const char *note, const char *by, int64_t now,
                            bool *found, tw_diags *diags);
/* Marks finding id resolved by hand; it opens again when it is seen
 * again.  *found false when there is no such finding.  TW_EIO. */
tw_err tw_store_finding_resolve(tw_store *s, int64_t id, bool *found, tw_diags *diags);
/* Deletes, in one transaction, the findings last seen before `before`
 * (Unix seconds) that are acknowledged or resolved, and the open ones too
 * when open_too; *deleted gets their number.  A deleted finding that is
 * seen again is a new one.  TW_EIO. */
tw_err tw_store_findings_prune(tw_store *s, int64_t before, bool open_too, size_t *deleted,
                               tw_diags *diags);

#endif
