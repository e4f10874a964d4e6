/*
 * store_int.h: what the files of lib/store share and nobody else sees.
 *
 * The store object (the SQLite connection, its path, its fingerprint key
 * and a cache of prepared statements, one per entry of the statement list
 * below), the error path that turns an SQLite failure into a tw_err and a
 * diagnostic, transactions, and the binding helpers that cap hostile text.
 * Every SQL text of the store is a constant: values only ever reach SQLite
 * as bound parameters.
 */
#ifndef TW_STORE_INT_H
#define TW_STORE_INT_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "tidewatch/siphash.h"
#include "tidewatch/store.h"

/* The prepared statements of the store, by id (SQL in store.c). */
typedef enum {
    TW__ST_BEGIN,      /* BEGIN IMMEDIATE: every write */
    TW__ST_BEGIN_READ, /* BEGIN: reads that span statements */
    TW__ST_COMMIT,
    TW__ST_ROLLBACK,
    TW__ST_DEVICE_ADD,
    TW__ST_DEVICE_ID,
    TW__ST_SNAP_LAST,
    TW__ST_SNAP_ADD,
    TW__ST_FACT_ADD,
    TW__ST_FIELD_ADD,
    TW__ST_FACTS_OF,
    TW__ST_FIND_BY_FP,
    TW__ST_FIND_ADD,
    TW__ST_FIND_UPDATE,
    TW__ST_SEEN_CLEAR,
    TW__ST_SEEN_ADD,
    TW__ST_RESOLVE_SCOPE,
    TW__ST_FIND_LIST,
    TW__ST_FIND_GET,
    TW__ST_FIND_ACK,
    TW__ST_FIND_RESOLVE,
    TW__ST_SNAP_PRUNE,
    TW__ST_FIND_PRUNE,
    TW__ST_COUNT
} tw__st;

struct tw_store {
    sqlite3 *db;
    char *path;
    int version;
    unsigned char fp_key[TW_SIPHASH_KEY];
    sqlite3_stmt *st[TW__ST_COUNT];
};

/* The tidewatch store's PRAGMA application_id: "TWST". */
#define TW__STORE_APP_ID 0x54575354

/* Records the connection's last error (rc, from SQLite) as a diagnostic
 * "<path>: <what>: <sqlite message>" and returns the tw_err for it. */
tw_err tw__store_fail(tw_store *s, tw_diags *d, int rc, const char *what);
/* Adds an error diagnostic about the store's file and returns code. */
tw_err tw__store_error(tw_store *s, tw_diags *d, tw_err code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The cached statement id, prepared on first use, reset and unbound;
 * NULL after a diagnostic (*rc set). */
sqlite3_stmt *tw__store_stmt(tw_store *s, tw__st id, tw_diags *d, tw_err *rc);
/* Runs a statement without parameters or rows (BEGIN, COMMIT...). */
tw_err tw__store_run(tw_store *s, tw__st id, tw_diags *d, const char *what);
/* Runs constant SQL text, one statement after the other (migrations,
 * pragmas); rows are stepped through and ignored. */
tw_err tw__store_exec(tw_store *s, const char *sql, tw_diags *d, const char *what);

/* Transactions: begin (immediate, for writes) and end, which commits when
 * rc is TW_OK and rolls back otherwise; end returns the final code. */
tw_err tw__store_begin(tw_store *s, tw_diags *d, const char *what);
tw_err tw__store_end(tw_store *s, tw_err rc, tw_diags *d, const char *what);

/* s cut at TW_LIMIT_TEXT_FIELD bytes, never inside a UTF-8 sequence. */
tw_str tw__store_cap(tw_str s);

/* Binding with a sticky SQLite result: after the first failure every call
 * is a no-op, so a caller binds all values and checks rc once. */
typedef struct {
    sqlite3_stmt *st;
    int rc;
} tw__bind;

/* Text (capped); NULL binds SQL NULL. */
void tw__bind_text(tw__bind *b, int i, const char *s);
/* A view (capped); always text, "" when empty. */
void tw__bind_str(tw__bind *b, int i, tw_str s);
void tw__bind_int(tw__bind *b, int i, int64_t v);
void tw__bind_null(tw__bind *b, int i);

/* Copies column i of the current row into a: NULL for SQL NULL; *oom set
 * when a is full. */
const char *tw__col_dup(sqlite3_stmt *st, int i, tw_arena *a, bool *oom);
/* Column i as a view into SQLite's memory (valid until the next step). */
tw_str tw__col_str(sqlite3_stmt *st, int i);

/* The migrations (migrate.c): brings the open database to
 * TW_STORE_VERSION, one transaction each, and sets s->version. */
tw_err tw__store_migrate(tw_store *s, tw_diags *d);

#endif
