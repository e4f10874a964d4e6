/*
 * migrate.c: the store's schema, as an ordered list of migrations.
 *
 * Migration N brings a database from version N-1 to N; its SQL ends by
 * setting PRAGMA user_version to N, and it runs in one transaction with
 * that bump, so a database is always at exactly one version.  A migration
 * is never edited once released: a change to the schema is a new entry at
 * the end (and TW_STORE_VERSION in store.h goes up).  docs/store.md
 * describes each version.
 */
#include <stddef.h>

#include "store_int.h"

/* Version 1: meta (with the random fingerprint key), devices, snapshots
 * with their facts and fields, and findings. */
static const char v1_sql[] =
    "CREATE TABLE meta (\n"
    "    name  TEXT PRIMARY KEY NOT NULL,\n"
    "    value BLOB NOT NULL\n"
    ");\n"
    "INSERT INTO meta (name, value) VALUES ('fp_key', randomblob(16));\n"
    "CREATE TABLE device (\n"
    "    id   INTEGER PRIMARY KEY,\n"
    "    name TEXT NOT NULL UNIQUE\n"
    ");\n"
    "CREATE TABLE snapshot (\n"
    "    id        INTEGER PRIMARY KEY,\n"
    "    device_id INTEGER NOT NULL REFERENCES device (id) ON DELETE CASCADE,\n"
    "    file      TEXT NOT NULL,\n"
    "    hash      TEXT NOT NULL,\n"
    "    taken     INTEGER NOT NULL,\n"
    "    dialect   TEXT NOT NULL,\n"
    "    hostname  TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX snapshot_device ON snapshot (device_id, id);\n"
    "CREATE TABLE fact (\n"
    "    id          INTEGER PRIMARY KEY,\n"
    "    snapshot_id INTEGER NOT NULL REFERENCES snapshot (id) ON DELETE CASCADE,\n"
    "    seq         INTEGER NOT NULL,\n"
    "    kind        TEXT NOT NULL,\n"
    "    line        INTEGER NOT NULL,\n"
    "    evidence    TEXT NOT NULL,\n"
    "    context     TEXT NOT NULL,\n"
    "    UNIQUE (snapshot_id, seq)\n"
    ");\n"
    "CREATE TABLE field (\n"
    "    fact_id  INTEGER NOT NULL REFERENCES fact (id) ON DELETE CASCADE,\n"
    "    seq      INTEGER NOT NULL,\n"
    "    name     TEXT NOT NULL,\n"
    "    type     TEXT NOT NULL CHECK (type IN ('str', 'num', 'addr', 'bool')),\n"
    "    str      TEXT NOT NULL,\n"
    "    num      INTEGER NOT NULL,\n"
    "    addr     TEXT,\n"
    "    line     INTEGER NOT NULL,\n"
    "    evidence TEXT NOT NULL,\n"
    "    secret   INTEGER NOT NULL CHECK (secret = 0 OR (secret = 1 AND str = '')),\n"
    "    PRIMARY KEY (fact_id, seq)\n"
    ") WITHOUT ROWID;\n"
    "CREATE TABLE finding (\n"
    "    id          INTEGER PRIMARY KEY,\n"
    "    fingerprint TEXT NOT NULL UNIQUE,\n"
    "    scope       TEXT,\n"
    "    state       TEXT NOT NULL CHECK (state IN ('open', 'acknowledged', 'resolved')),\n"
    "    first_seen  INTEGER NOT NULL,\n"
    "    last_seen   INTEGER NOT NULL,\n"
    "    rule        TEXT NOT NULL,\n"
    "    severity    INTEGER NOT NULL CHECK (severity BETWEEN 0 AND 4),\n"
    "    category    TEXT NOT NULL,\n"
    "    title       TEXT,\n"
    "    message     TEXT,\n"
    "    file        TEXT,\n"
    "    line        INTEGER,\n"
    "    device      TEXT,\n"
    "    evidence    TEXT,\n"
    "    ioc         TEXT,\n"
    "    cve         TEXT,\n"
    "    attack      TEXT NOT NULL,\n"
    "    refs        TEXT NOT NULL,\n"
    "    remediation TEXT,\n"
    "    acting_user TEXT,\n"
    "    details     TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX finding_scope ON finding (scope);\n"
    "CREATE INDEX finding_last_seen ON finding (last_seen);\n"
    "PRAGMA application_id = 1415009108;\n"
    "PRAGMA user_version = 1;\n";

/* Version 2: who acknowledged a finding, when and why; an index for the
 * usual listing (open findings of a severity and above). */
static const char v2_sql[] = "ALTER TABLE finding ADD COLUMN ack_note TEXT;\n"
                             "ALTER TABLE finding ADD COLUMN ack_by TEXT;\n"
                             "ALTER TABLE finding ADD COLUMN ack_time INTEGER;\n"
                             "CREATE INDEX finding_state_severity ON finding (state, severity);\n"
                             "PRAGMA user_version = 2;\n";

/* migrations[i] brings version i to i + 1. */
static const char *const migrations[] = {v1_sql, v2_sql};

_Static_assert(sizeof(migrations) / sizeof(migrations[0]) == TW_STORE_VERSION,
               "one migration per store version");

/* The version inside the running transaction: another process may have
 * migrated since the store was opened. */
static tw_err current_version(tw_store *s, int *out, tw_diags *d)
{
    sqlite3_stmt *st = NULL;
    int r = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL);

    if (r == SQLITE_OK)
        r = sqlite3_step(st);
    if (r == SQLITE_ROW)
        *out = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return r == SQLITE_ROW ? TW_OK : tw__store_fail(s, d, r, "cannot read the store version");
}

/* Runs migration v (to version v + 1) in its own transaction, unless the
 * database is already past it. */
static tw_err migrate_one(tw_store *s, int v, tw_diags *d)
{
    tw_err rc = tw__store_begin(s, d, "cannot migrate the store");
    int now = v;

    if (rc != TW_OK)
        return rc;
    rc = current_version(s, &now, d);
    if (rc == TW_OK && now == v)
        rc = tw__store_exec(s, migrations[v], d, "cannot migrate the store");
    return tw__store_end(s, rc, d, "cannot migrate the store");
}

tw_err tw__store_migrate(tw_store *s, tw_diags *d)
{
    tw_err rc = TW_OK;

    for (int v = s->version; v < TW_STORE_VERSION && rc == TW_OK; v++)
        rc = migrate_one(s, v, d);
    if (rc == TW_OK)
        rc = current_version(s, &s->version, d);
    if (rc == TW_OK && s->version != TW_STORE_VERSION)
        rc = tw__store_error(s, d, TW_EINVAL, "store version %d is newer than this tidewatch (%d)",
                             s->version, TW_STORE_VERSION);
    return rc;
}
