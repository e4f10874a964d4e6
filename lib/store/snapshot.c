/*
 * snapshot.c: configuration snapshots: a device's facts, written in one
 * transaction when its content hash changed, and read back into a factset.
 *
 * A snapshot row holds the file, the content hash, the time, the dialect
 * and the hostname; each fact is a row of fact (kind by name, so that a new
 * kind in a later tidewatch does not shift the others) and each of its
 * fields a row of field.  A secret field is written with an empty value
 * whatever the caller's struct holds, and the schema refuses anything else.
 * Reading rebuilds the facts through the factset builder, so that the
 * result is what a parser would have made.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

#define MAX_HASH 128 /* hexadecimal digits of a content hash */

static const char *const type_names[] = {"str", "num", "addr", "bool"};

/* Copies hash_hex in lower case into out[MAX_HASH + 1]; false unless it is
 * 1 to MAX_HASH hexadecimal digits. */
static bool norm_hash(const char *hash_hex, char *out)
{
    size_t n = hash_hex != NULL ? strlen(hash_hex) : 0;

    if (n == 0 || n > MAX_HASH)
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = hash_hex[i];

        if (c >= 'A' && c <= 'F')
            c = (char)(c - 'A' + 'a');
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')))
            return false;
        out[i] = c;
    }
    out[n] = '\0';
    return true;
}

/* Fails with the statement's result when binding or stepping went wrong. */
static tw_err step_done(tw_store *s, sqlite3_stmt *st, int bind_rc, tw_diags *d, const char *what)
{
    int r = bind_rc == SQLITE_OK ? sqlite3_step(st) : bind_rc;

    sqlite3_reset(st);
    if (r != SQLITE_DONE)
        return tw__store_fail(s, d, r, what);
    return TW_OK;
}

/* Whether the device's latest snapshot has hash. */
static tw_err same_hash(tw_store *s, const char *device_key, const char *hash, bool *same,
                        tw_diags *d)
{
    tw_err rc = TW_OK;
    sqlite3_stmt *st = tw__store_stmt(s, TW__ST_SNAP_LAST, d, &rc);
    tw__bind b = {st, SQLITE_OK};
    int r;

    *same = false;
    if (st == NULL)
        return rc;
    tw__bind_text(&b, 1, device_key);
    r = b.rc == SQLITE_OK ? sqlite3_step(st) : b.rc;
    if (r == SQLITE_ROW)
        *same = tw_str_eq_c(tw__col_str(st, 2), hash);
    sqlite3_reset(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return tw__store_fail(s, d, r, "cannot read snapshots");
    return TW_OK;
}

/* The device's row id, made when it is new. */
static tw_err device_id(tw_store *s, const char *device_key, int64_t *id, tw_diags *d)
{
    tw_err rc = TW_OK;
    sqlite3_stmt *st = tw__store_stmt(s, TW__ST_DEVICE_ADD, d, &rc);
    tw__bind b = {st, SQLITE_OK};
    int r;

    if (st == NULL)
        return rc;
    tw__bind_text(&b, 1, device_key);
    rc = step_done(s, st, b.rc, d, "cannot store a device");
    st = rc == TW_OK ? tw__store_stmt(s, TW__ST_DEVICE_ID, d, &rc) : NULL;
    if (st == NULL)
        return rc;
    b = (tw__bind){st, SQLITE_OK};
    tw__bind_text(&b, 1, device_key);
    r = b.rc == SQLITE_OK ? sqlite3_step(st) : b.rc;
    if (r == SQLITE_ROW)
        *id = sqlite3_column_int64(st, 0);
    sqlite3_reset(st);
    return r == SQLITE_ROW ? TW_OK : tw__store_fail(s, d, r, "cannot store a device");
}

/* Inserts with st (bound in b) and returns the new row id in *id. */
static tw_err insert(tw_store *s, sqlite3_stmt *st, int bind_rc, int64_t *id, tw_diags *d,
                     const char *what)
{
    tw_err rc = step_done(s, st, bind_rc, d, what);

    if (rc == TW_OK && id != NULL)
        *id = sqlite3_last_insert_rowid(s->db);
    return rc;
}

static tw_err put_field(tw_store *s, int64_t fact_id, uint32_t seq, const tw_field *x, tw_diags *d)
{
    tw_err rc = TW_OK;
    sqlite3_stmt *st = tw__store_stmt(s, TW__ST_FIELD_ADD, d, &rc);
    tw__bind b = {st, SQLITE_OK};
    char addr[TW_IP_STRLEN];
    unsigned type = (unsigned)x->type < 4 ? (unsigned)x->type : 0;

    if (st == NULL)
        return rc;
    tw__bind_int(&b, 1, fact_id);
    tw__bind_int(&b, 2, seq);
    tw__bind_text(&b, 3, x->name);
    tw__bind_text(&b, 4, type_names[type]);
    tw__bind_str(&b, 5, x->secret ? TW_STR_NULL : x->str);
    tw__bind_int(&b, 6, x->secret ? 0 : x->num);
    if (x->type == TW_VAL_ADDR && !x->secret) {
        tw_cidr_format(&x->addr, addr, sizeof(addr));
        tw__bind_text(&b, 7, addr);
    } else {
        tw__bind_null(&b, 7);
    }
    tw__bind_int(&b, 8, x->line);
    tw__bind_str(&b, 9, x->evidence);
    tw__bind_int(&b, 10, x->secret ? 1 : 0);
    return insert(s, st, b.rc, NULL, d, "cannot store a fact");
}

static tw_err put_fact(tw_store *s, int64_t snap_id, size_t seq, const tw_fact *f, tw_diags *d)
{
    tw_err rc = TW_OK;
    sqlite3_stmt *st = tw__store_stmt(s, TW__ST_FACT_ADD, d, &rc);
    tw__bind b = {st, SQLITE_OK};
    int64_t fact_id = 0;

    if (st == NULL)
        return rc;
    tw__bind_int(&b, 1, snap_id);
    tw__bind_int(&b, 2, (int64_t)seq);
    tw__bind_text(&b, 3, tw_fact_kind_name(f->kind));
    tw__bind_int(&b, 4, f->line);
    tw__bind_str(&b, 5, f->evidence);
    tw__bind_str(&b, 6, f->context);
    rc = insert(s, st, b.rc, &fact_id, d, "cannot store a fact");
    for (uint32_t i = 0; i < f->nfields && rc == TW_OK; i++)
        rc = put_field(s, fact_id, i, &f->fields[i], d);
    return rc;
}

/* The snapshot row and its facts, inside the caller's transaction. */
/* Deletes the snapshots of device dev but its TW_STORE_KEEP_SNAPSHOTS
 * latest; their facts and fields go with them (ON DELETE CASCADE). */
static tw_err prune(tw_store *s, int64_t dev, tw_diags *d)
{
    tw_err rc = TW_OK;
    sqlite3_stmt *st = tw__store_stmt(s, TW__ST_SNAP_PRUNE, d, &rc);
    tw__bind b = {st, SQLITE_OK};
    int r;

    if (st == NULL)
        return rc;
    tw__bind_int(&b, 1, dev);
    tw__bind_int(&b, 2, TW_STORE_KEEP_SNAPSHOTS);
    r = b.rc == SQLITE_OK ? sqlite3_step(st) : b.rc;
    sqlite3_reset(st);
    return r == SQLITE_DONE ? TW_OK : tw__store_fail(s, d, r, "cannot prune old snapshots");
}

static tw_err put_rows(tw_store *s, const char *device_key, const char *file, const char *hash,
                       int64_t now, const tw_factset *fs, tw_diags *d)
{
    int64_t dev = 0, snap = 0;
    tw_err rc = device_id(s, device_key, &dev, d);
    sqlite3_stmt *st = rc == TW_OK ? tw__store_stmt(s, TW__ST_SNAP_ADD, d, &rc) : NULL;
    tw__bind b = {st, SQLITE_OK};

    if (st == NULL)
        return rc;
    tw__bind_int(&b, 1, dev);
    tw__bind_text(&b, 2, file != NULL ? file : "");
    tw__bind_text(&b, 3, hash);
    tw__bind_int(&b, 4, now);
    tw__bind_text(&b, 5, tw_dialect_name(fs->dialect));
    tw__bind_str(&b, 6, fs->hostname);
    rc = insert(s, st, b.rc, &snap, d, "cannot store a snapshot");
    for (size_t i = 0; i < fs->n && rc == TW_OK; i++)
        rc = put_fact(s, snap, i, &fs->v[i], d);
    if (rc == TW_OK)
        rc = prune(s, dev, d);
    return rc;
}

tw_err tw_store_snapshot_put(tw_store *s, const char *device_key, const char *file,
                             const char *hash_hex, int64_t now, const tw_factset *fs,
                             bool *unchanged, tw_diags *diags)
{
    char hash[MAX_HASH + 1];
    bool same = false;
    tw_err rc;

    *unchanged = false;
    if (device_key == NULL || *device_key == '\0')
        return tw__store_error(s, diags, TW_EINVAL, "a snapshot needs a device");
    if (!norm_hash(hash_hex, hash))
        return tw__store_error(s, diags, TW_EINVAL, "a snapshot needs a hexadecimal hash");
    rc = tw__store_begin(s, diags, "cannot store a snapshot");
    if (rc != TW_OK)
        return rc;
    rc = same_hash(s, device_key, hash, &same, diags);
    if (rc == TW_OK && !same)
        rc = put_rows(s, device_key, file, hash, now, fs, diags);
    rc = tw__store_end(s, rc, diags, "cannot store a snapshot");
    *unchanged = rc == TW_OK && same;
    return rc;
}

/* Reading a snapshot back. */

#define NAME_CACHE 64

/* Field names interned in the arena: a snapshot repeats a few dozen. */
typedef struct {
    const char *v[NAME_CACHE];
    size_t n;
    tw_arena *a;
} name_cache;

static const char *intern(name_cache *c, tw_str name)
{
    char *copy;

    for (size_t i = 0; i < c->n; i++) {
        if (tw_str_eq_c(name, c->v[i]))
            return c->v[i];
    }
    copy = tw_arena_strndup(c->a, name.ptr, name.len);
    if (copy != NULL && c->n < NAME_CACHE)
        c->v[c->n++] = copy;
    return copy;
}

/* Adds the field of the current row (columns 5..12) to the open fact. */
static tw_err add_field(tw_store *s, sqlite3_stmt *st, tw_factset *fs, name_cache *names,
                        tw_diags *d)
{
    const char *name = intern(names, tw__col_str(st, 5));
    tw_str type = tw__col_str(st, 6), str = tw__col_str(st, 7), evidence = tw__col_str(st, 11);
    uint32_t line = (uint32_t)sqlite3_column_int64(st, 10);
    tw_cidr addr;

    if (name == NULL)
        return TW_ENOMEM;
    if (sqlite3_column_int(st, 12) != 0)
        tw_factset_secret(fs, name);
    else if (tw_str_eq_c(type, "num"))
        tw_factset_num(fs, name, sqlite3_column_int64(st, 8));
    else if (tw_str_eq_c(type, "bool"))
        tw_factset_bool(fs, name, sqlite3_column_int64(st, 8) != 0);
    else if (!tw_str_eq_c(type, "addr"))
        tw_factset_str(fs, name, str);
    else if (tw_cidr_parse(tw__col_str(st, 9), 0, &addr) == TW_OK)
        tw_factset_addr_text(fs, name, &addr, str);
    else
        return tw__store_error(s, d, TW_EPARSE, "a stored fact has a bad address");
    if (line != 0 || evidence.len != 0)
        tw_factset_field_at(fs, line, evidence);
    return TW_OK;
}

/* Starts the fact of the current row; *skip when its kind is unknown. */
static void begin_fact(tw_store *s, sqlite3_stmt *st, tw_factset *fs, bool *skip, tw_diags *d)
{
    tw_fact_kind kind;
    tw_str name = tw__col_str(st, 1);

    *skip = !tw_fact_kind_parse(name, &kind);
    if (*skip) {
        if (d != NULL)
            tw_diags_add(d, TW_DIAG_WARNING, TW_EPARSE, s->path, 0, 0, NULL,
                         "a stored fact of unknown kind '%.*s' is skipped",
                         (int)(name.len > 64 ? 64 : name.len), name.ptr);
        return;
    }
    tw_factset_begin(fs, kind, (uint32_t)sqlite3_column_int64(st, 2), tw__col_str(st, 3),
                     tw__col_str(st, 4));
}

/* Where the reading of a snapshot's rows is. */
typedef struct {
    name_cache names;
    int64_t cur; /* the fact id of the row before */
    bool open;   /* a fact is begun */
    bool skip;   /* of an unknown kind: its rows are skipped */
} fact_reader;

/* One row of the facts query (one field): a new fact starts when the fact
 * id changes. */
static tw_err fact_row(tw_store *s, sqlite3_stmt *st, tw_factset *fs, fact_reader *fr, tw_diags *d)
{
    tw_err rc = TW_OK;

    if (sqlite3_column_int64(st, 0) != fr->cur) {
        if (fr->open && !fr->skip)
            rc = tw_factset_end(fs);
        if (rc != TW_OK)
            return rc;
        fr->cur = sqlite3_column_int64(st, 0);
        begin_fact(s, st, fs, &fr->skip, d);
        fr->open = true;
    }
    if (!fr->skip && sqlite3_column_type(st, 5) != SQLITE_NULL)
        rc = add_field(s, st, fs, &fr->names, d);
    return rc;
}

/* Rebuilds the facts of snapshot snap into fs, one row per field. */
static tw_err read_facts(tw_store *s, int64_t snap, tw_factset *fs, tw_diags *d)
{
    tw_err rc = TW_OK;
    sqlite3_stmt *st = tw__store_stmt(s, TW__ST_FACTS_OF, d, &rc);
    fact_reader fr = {.names = {.a = fs->arena}, .cur = -1};
    int r;

    if (st == NULL)
        return rc;
    r = sqlite3_bind_int64(st, 1, snap);
    if (r == SQLITE_OK)
        r = sqlite3_step(st);
    while (rc == TW_OK && r == SQLITE_ROW) {
        rc = fact_row(s, st, fs, &fr, d);
        if (rc == TW_OK)
            r = sqlite3_step(st);
    }
    if (rc == TW_OK && fr.open && !fr.skip)
        rc = tw_factset_end(fs);
    sqlite3_reset(st);
    if (rc == TW_OK && r != SQLITE_DONE)
        rc = tw__store_fail(s, d, r, "cannot read a snapshot");
    return rc;
}

/* The latest snapshot row of the device: *found, info and fs's dialect
 * and hostname. */
static tw_err read_head(tw_store *s, const char *device_key, tw_arena *a, tw_factset *fs,
                        tw_store_snapshot_info *info, int64_t *snap, bool *found, tw_diags *d)
{
    tw_err rc = TW_OK;
    sqlite3_stmt *st = tw__store_stmt(s, TW__ST_SNAP_LAST, d, &rc);
    tw__bind b = {st, SQLITE_OK};
    bool oom = false;
    int r;

    if (st == NULL)
        return rc;
    tw__bind_text(&b, 1, device_key);
    r = b.rc == SQLITE_OK ? sqlite3_step(st) : b.rc;
    *found = r == SQLITE_ROW;
    if (*found) {
        *snap = sqlite3_column_int64(st, 0);
        info->id = *snap;
        info->file = tw__col_dup(st, 1, a, &oom);
        info->hash = tw__col_dup(st, 2, a, &oom);
        info->time = sqlite3_column_int64(st, 3);
        if (!tw_dialect_parse(tw__col_str(st, 4), &fs->dialect))
            fs->dialect = TW_DIALECT_UNKNOWN;
        fs->hostname = tw_arena_str(a, tw__col_str(st, 5));
        oom |= fs->hostname.len != tw__col_str(st, 5).len;
    }
    sqlite3_reset(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return tw__store_fail(s, d, r, "cannot read snapshots");
    return oom ? TW_ENOMEM : TW_OK;
}

tw_err tw_store_snapshot_last(tw_store *s, const char *device_key, tw_arena *a, tw_factset *out,
                              tw_store_snapshot_info *info, bool *found, tw_diags *diags)
{
    tw_store_snapshot_info dummy;
    int64_t snap = 0;
    tw_err rc;

    *found = false;
    if (info == NULL)
        info = &dummy;
    rc = tw__store_run(s, TW__ST_BEGIN_READ, diags, "cannot read snapshots");
    if (rc != TW_OK)
        return rc;
    rc = read_head(s, device_key != NULL ? device_key : "", a, out, info, &snap, found, diags);
    if (rc == TW_OK && *found)
        rc = read_facts(s, snap, out, diags);
    return tw__store_end(s, rc, diags, "cannot read snapshots");
}
