/*
 * store.c: opening and closing the store, its statement cache, errors,
 * transactions and the binding helpers the other files of lib/store use.
 *
 * Opening sets the connection up (busy timeout, defensive mode, untrusted
 * schema, WAL, synchronous=FULL, foreign keys), refuses a file that is not
 * a tidewatch store, migrates (migrate.c) and reads the fingerprint key.
 * Statements are prepared once, on first use, with constant SQL text from
 * the table below, and kept until the store is closed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "tidewatch/limits.h"

#define BUSY_TIMEOUT_MS 5000

/* The SQL of each statement id of store_int.h. */
static const char *const stmt_sql[TW__ST_COUNT] = {
    [TW__ST_BEGIN] = "BEGIN IMMEDIATE",
    [TW__ST_BEGIN_READ] = "BEGIN",
    [TW__ST_COMMIT] = "COMMIT",
    [TW__ST_ROLLBACK] = "ROLLBACK",
    [TW__ST_DEVICE_ADD] = "INSERT OR IGNORE INTO device (name) VALUES (?1)",
    [TW__ST_DEVICE_ID] = "SELECT id FROM device WHERE name = ?1",
    [TW__ST_SNAP_LAST] = "SELECT s.id, s.file, s.hash, s.taken, s.dialect, s.hostname"
                         " FROM snapshot s JOIN device d ON d.id = s.device_id"
                         " WHERE d.name = ?1 ORDER BY s.id DESC LIMIT 1",
    [TW__ST_SNAP_ADD] = "INSERT INTO snapshot (device_id, file, hash, taken, dialect, hostname)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [TW__ST_FACT_ADD] = "INSERT INTO fact (snapshot_id, seq, kind, line, evidence, context)"
                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    [TW__ST_FIELD_ADD] = "INSERT INTO field (fact_id, seq, name, type, str, num, addr, line,"
                         " evidence, secret) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    [TW__ST_FACTS_OF] = "SELECT f.id, f.kind, f.line, f.evidence, f.context, x.name, x.type,"
                        " x.str, x.num, x.addr, x.line, x.evidence, x.secret"
                        " FROM fact f LEFT JOIN field x ON x.fact_id = f.id"
                        " WHERE f.snapshot_id = ?1 ORDER BY f.seq, x.seq",
    [TW__ST_FIND_BY_FP] = "SELECT id, state FROM finding WHERE fingerprint = ?1",
    [TW__ST_FIND_ADD] =
        "INSERT INTO finding (fingerprint, scope, state, first_seen, last_seen, rule, severity,"
        " category, title, message, file, line, device, evidence, ioc, cve, attack, refs,"
        " remediation, acting_user, details) VALUES (?1, ?2, 'open', ?3, ?3, ?4, ?5, ?6, ?7,"
        " ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
    [TW__ST_FIND_UPDATE] =
        "UPDATE finding SET scope = coalesce(?2, scope),"
        " state = CASE state WHEN 'resolved' THEN 'open' ELSE state END, last_seen = ?3,"
        " rule = ?4, severity = ?5, category = ?6, title = ?7, message = ?8, file = ?9,"
        " line = ?10, device = ?11, evidence = ?12, ioc = ?13, cve = ?14, attack = ?15,"
        " refs = ?16, remediation = ?17, acting_user = ?18, details = ?19 WHERE id = ?1",
    [TW__ST_SEEN_CLEAR] = "DELETE FROM temp.put_seen",
    [TW__ST_SEEN_ADD] = "INSERT OR IGNORE INTO temp.put_seen (id) VALUES (?1)",
    [TW__ST_RESOLVE_SCOPE] = "UPDATE finding SET state = 'resolved'"
                             " WHERE scope = ?1 AND state <> 'resolved'"
                             " AND id NOT IN (SELECT id FROM temp.put_seen)",
#define FINDING_COLS                                                                               \
    "id, state, first_seen, last_seen, scope, ack_note, ack_by, ack_time, rule, severity,"         \
    " category, title, message, file, line, device, evidence, ioc, cve, attack, refs,"             \
    " remediation, acting_user, details"
    [TW__ST_FIND_LIST] = "SELECT " FINDING_COLS " FROM finding"
                         " WHERE (?1 IS NULL OR state = ?1) AND severity >= ?2"
                         " AND (?3 IS NULL OR device = ?3) AND (?4 IS NULL OR rule = ?4)"
                         " ORDER BY last_seen DESC, id DESC LIMIT ?5",
    [TW__ST_FIND_GET] = "SELECT " FINDING_COLS " FROM finding WHERE id = ?1",
#undef FINDING_COLS
    [TW__ST_FIND_ACK] = "UPDATE finding SET state = 'acknowledged', ack_note = ?2, ack_by = ?3,"
                        " ack_time = ?4 WHERE id = ?1",
    [TW__ST_FIND_RESOLVE] = "UPDATE finding SET state = 'resolved' WHERE id = ?1",
    /* the device's snapshots but its ?2 latest (facts and fields cascade) */
    [TW__ST_SNAP_PRUNE] = "DELETE FROM snapshot WHERE device_id = ?1 AND id NOT IN"
                          " (SELECT id FROM snapshot WHERE device_id = ?1 ORDER BY id DESC"
                          " LIMIT ?2)",
    [TW__ST_FIND_PRUNE] = "DELETE FROM finding WHERE last_seen < ?1 AND (?2 OR state <> 'open')",
};

/* The tw_err for an SQLite result code. */
static tw_err map_rc(int rc)
{
    switch (rc & 0xff) {
    case SQLITE_NOMEM:
        return TW_ENOMEM;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
        return TW_EPARSE;
    case SQLITE_CANTOPEN:
        return TW_ENOENT;
    case SQLITE_TOOBIG:
        return TW_ELIMIT;
    default:
        return TW_EIO;
    }
}

tw_err tw__store_error(tw_store *s, tw_diags *d, tw_err code, const char *fmt, ...)
{
    char msg[512];
    va_list ap;

    if (d == NULL)
        return code;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    tw_diags_add(d, TW_DIAG_ERROR, code, s->path, 0, 0, NULL, "%s", msg);
    return code;
}

tw_err tw__store_fail(tw_store *s, tw_diags *d, int rc, const char *what)
{
    const char *msg = s->db != NULL ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc);

    return tw__store_error(s, d, map_rc(rc), "%s: %s", what, msg);
}

sqlite3_stmt *tw__store_stmt(tw_store *s, tw__st id, tw_diags *d, tw_err *rc)
{
    int r;

    if (s->st[id] != NULL) {
        sqlite3_reset(s->st[id]);
        sqlite3_clear_bindings(s->st[id]);
        return s->st[id];
    }
    r = sqlite3_prepare_v3(s->db, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT, &s->st[id], NULL);
    if (r != SQLITE_OK) {
        *rc = tw__store_fail(s, d, r, "cannot prepare a statement");
        return NULL;
    }
    return s->st[id];
}

tw_err tw__store_run(tw_store *s, tw__st id, tw_diags *d, const char *what)
{
    tw_err rc = TW_OK;
    sqlite3_stmt *st = tw__store_stmt(s, id, d, &rc);
    int r;

    if (st == NULL)
        return rc;
    r = sqlite3_step(st);
    sqlite3_reset(st);
    if (r != SQLITE_DONE && r != SQLITE_ROW)
        return tw__store_fail(s, d, r, what);
    return TW_OK;
}

tw_err tw__store_exec(tw_store *s, const char *sql, tw_diags *d, const char *what)
{
    const char *tail = sql;

    while (*tail != '\0') {
        sqlite3_stmt *st = NULL;
        int r = sqlite3_prepare_v2(s->db, tail, -1, &st, &tail);

        if (r != SQLITE_OK)
            return tw__store_fail(s, d, r, what);
        if (st == NULL) /* white space or a comment at the end */
            break;
        do
            r = sqlite3_step(st);
        while (r == SQLITE_ROW);
        sqlite3_finalize(st);
        if (r != SQLITE_DONE)
            return tw__store_fail(s, d, r, what);
    }
    return TW_OK;
}

tw_err tw__store_begin(tw_store *s, tw_diags *d, const char *what)
{
    return tw__store_run(s, TW__ST_BEGIN, d, what);
}

tw_err tw__store_end(tw_store *s, tw_err rc, tw_diags *d, const char *what)
{
    if (rc == TW_OK)
        rc = tw__store_run(s, TW__ST_COMMIT, d, what);
    if (rc != TW_OK && sqlite3_get_autocommit(s->db) == 0)
        tw__store_run(s, TW__ST_ROLLBACK, NULL, what);
    return rc;
}

tw_str tw__store_cap(tw_str s)
{
    if (s.len <= TW_LIMIT_TEXT_FIELD)
        return s;
    s.len = TW_LIMIT_TEXT_FIELD;
    while (s.len > 0 && ((unsigned char)s.ptr[s.len] & 0xc0) == 0x80)
        s.len--;
    return s;
}

void tw__bind_str(tw__bind *b, int i, tw_str s)
{
    s = tw__store_cap(s);
    if (b->rc == SQLITE_OK)
        b->rc = sqlite3_bind_text(b->st, i, s.len ? s.ptr : "", (int)s.len, SQLITE_STATIC);
}

void tw__bind_text(tw__bind *b, int i, const char *s)
{
    if (s == NULL)
        tw__bind_null(b, i);
    else
        tw__bind_str(b, i, tw_str_c(s));
}

void tw__bind_int(tw__bind *b, int i, int64_t v)
{
    if (b->rc == SQLITE_OK)
        b->rc = sqlite3_bind_int64(b->st, i, v);
}

void tw__bind_null(tw__bind *b, int i)
{
    if (b->rc == SQLITE_OK)
        b->rc = sqlite3_bind_null(b->st, i);
}

tw_str tw__col_str(sqlite3_stmt *st, int i)
{
    const char *p = (const char *)sqlite3_column_text(st, i);
    int n = sqlite3_column_bytes(st, i);

    return p != NULL && n > 0 ? tw_str_make(p, (size_t)n) : TW_STR_NULL;
}

const char *tw__col_dup(sqlite3_stmt *st, int i, tw_arena *a, bool *oom)
{
    tw_str v;
    char *c;

    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return NULL;
    v = tw__col_str(st, i);
    c = tw_arena_strndup(a, v.ptr, v.len);
    if (c == NULL)
        *oom = true;
    return c;
}

/* One integer a pragma (constant text) returns. */
static tw_err pragma_int(tw_store *s, const char *sql, int *out, tw_diags *d)
{
    sqlite3_stmt *st = NULL;
    int r = sqlite3_prepare_v2(s->db, sql, -1, &st, NULL);

    if (r == SQLITE_OK) {
        r = sqlite3_step(st);
        if (r == SQLITE_ROW)
            *out = sqlite3_column_int(st, 0);
    }
    sqlite3_finalize(st);
    if (r != SQLITE_ROW)
        return tw__store_fail(s, d, r, "cannot read the store");
    return TW_OK;
}

/* WAL mode: a warning when the file system does not allow it. */
static tw_err set_wal(tw_store *s, tw_diags *d)
{
    sqlite3_stmt *st = NULL;
    int r = sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = WAL", -1, &st, NULL);
    bool wal = false;

    if (r == SQLITE_OK) {
        r = sqlite3_step(st);
        wal = r == SQLITE_ROW && tw_str_ieq_c(tw__col_str(st, 0), "wal");
    }
    sqlite3_finalize(st);
    if (r != SQLITE_ROW)
        return tw__store_fail(s, d, r, "cannot set the journal mode");
    if (!wal && d != NULL && strcmp(s->path, ":memory:") != 0)
        tw_diags_add(d, TW_DIAG_WARNING, TW_EIO, s->path, 0, 0, NULL,
                     "cannot use write-ahead logging; using a rollback journal");
    return TW_OK;
}

/* Refuses a database that is not a tidewatch store: another application's
 * (application_id), or tables but no schema version. */
static tw_err check_owner(tw_store *s, tw_diags *d)
{
    int app = 0, objects = 0;
    tw_err rc = pragma_int(s, "PRAGMA application_id", &app, d);

    if (rc == TW_OK)
        rc = pragma_int(s, "SELECT count(*) FROM sqlite_master", &objects, d);
    if (rc == TW_OK && app != TW__STORE_APP_ID && (app != 0 || s->version > 0))
        rc = tw__store_error(s, d, TW_EPARSE, "not a tidewatch store (application id %d)", app);
    else if (rc == TW_OK && s->version == 0 && objects > 0)
        rc = tw__store_error(s, d, TW_EPARSE, "not a tidewatch store (tables but no version)");
    return rc;
}

/* The connection's settings; the first read tells whether the file is a
 * database at all. */
static tw_err configure(tw_store *s, tw_diags *d)
{
    tw_err rc;

    sqlite3_busy_timeout(s->db, BUSY_TIMEOUT_MS);
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
    sqlite3_db_config(s->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
    rc = pragma_int(s, "PRAGMA user_version", &s->version, NULL);
    if (rc == TW_EPARSE)
        return tw__store_error(s, d, rc, "not an SQLite database");
    if (rc != TW_OK)
        return tw__store_fail(s, d, sqlite3_errcode(s->db), "cannot read the store");
    rc = check_owner(s, d);
    if (rc == TW_OK && s->version > TW_STORE_VERSION)
        rc = tw__store_error(s, d, TW_EINVAL, "store version %d is newer than this tidewatch (%d)",
                             s->version, TW_STORE_VERSION);
    else if (rc == TW_OK && s->version < 0)
        rc = tw__store_error(s, d, TW_EPARSE, "bad store version %d", s->version);
    if (rc == TW_OK)
        rc = set_wal(s, d);
    if (rc == TW_OK)
        rc = tw__store_exec(s, "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON", d,
                            "cannot configure the store");
    return rc;
}

/* Reads the fingerprint key the first migration made. */
static tw_err load_key(tw_store *s, tw_diags *d)
{
    sqlite3_stmt *st = NULL;
    int r =
        sqlite3_prepare_v2(s->db, "SELECT value FROM meta WHERE name = 'fp_key'", -1, &st, NULL);
    tw_err rc = TW_OK;

    if (r == SQLITE_OK)
        r = sqlite3_step(st);
    if (r == SQLITE_ROW && sqlite3_column_bytes(st, 0) == TW_SIPHASH_KEY)
        memcpy(s->fp_key, sqlite3_column_blob(st, 0), TW_SIPHASH_KEY);
    else if (r == SQLITE_ROW || r == SQLITE_DONE)
        rc = tw__store_error(s, d, TW_EPARSE, "the store has no valid fingerprint key");
    else
        rc = tw__store_fail(s, d, r, "cannot read the fingerprint key");
    sqlite3_finalize(st);
    return rc;
}

tw_err tw_store_open(const char *path, tw_store **out, tw_diags *diags)
{
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
    tw_store *s = calloc(1, sizeof(*s));
    tw_err rc = TW_OK;
    int r;

    *out = NULL;
    if (s != NULL)
        s->path = strdup(path);
    if (s == NULL || s->path == NULL) {
        free(s);
        return TW_ENOMEM;
    }
    r = sqlite3_open_v2(path, &s->db, flags, NULL);
    if (r != SQLITE_OK) {
        rc = tw__store_fail(s, diags, r, "cannot open the store");
        goto out;
    }
    rc = configure(s, diags);
    if (rc == TW_OK)
        rc = tw__store_migrate(s, diags);
    if (rc == TW_OK)
        rc = load_key(s, diags);
    if (rc == TW_OK)
        rc = tw__store_exec(s, "CREATE TEMP TABLE put_seen (id INTEGER PRIMARY KEY)", diags,
                            "cannot set up the store");
out:
    if (rc != TW_OK) {
        tw_store_close(s);
        return rc;
    }
    *out = s;
    return TW_OK;
}

void tw_store_close(tw_store *s)
{
    if (s == NULL)
        return;
    for (int i = 0; i < TW__ST_COUNT; i++)
        sqlite3_finalize(s->st[i]);
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

int tw_store_version(const tw_store *s)
{
    return s->version;
}

const char *tw_store_path(const tw_store *s)
{
    return s->path;
}

const unsigned char *tw_store_fp_key(const tw_store *s)
{
    return s->fp_key;
}
