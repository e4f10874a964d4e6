/*
 * test_store.c: the SQLite store (lib/store/).
 *
 * Opening: a fresh store is at the latest version and keeps its key; a
 * newer, foreign or non-SQLite file and a missing folder are refused with
 * a diagnostic naming the path; a version-1 database built here with the
 * version-1 SQL through sqlite3 is migrated with its rows kept.  Snapshots:
 * a parsed configuration comes back equal field by field, an unchanged
 * hash writes nothing.  Findings: a table of puts checks new, seen,
 * reopened and resolved counts, then a table of queries checks the list;
 * every field survives a round trip, hostile text is capped and bound.
 * Secrets of a configuration never reach the file.  A child killed with
 * SIGKILL while writing batches leaves every reported batch complete and
 * no batch half written.  Each test works in its own temporary folder.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <dirent.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tidewatch/audit.h"
#include "tidewatch/config.h"
#include "tidewatch/limits.h"
#include "tidewatch/store.h"

#include "config_test_util.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define E2E TW_SOURCE_DIR "/tests/e2e"

typedef struct {
    char dir[64];
    char path[128];
} tmp;

static int setup(void **state)
{
    static tmp t;

    snprintf(t.dir, sizeof(t.dir), "/tmp/tw-store-XXXXXX");
    assert_non_null(mkdtemp(t.dir));
    snprintf(t.path, sizeof(t.path), "%s/s.db", t.dir);
    *state = &t;
    return 0;
}

static int teardown(void **state)
{
    tmp *t = *state;
    DIR *d = opendir(t->dir);
    struct dirent *e;
    char p[512];

    while (d != NULL && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(p, sizeof(p), "%s/%s", t->dir, e->d_name);
        unlink(p);
    }
    if (d != NULL)
        closedir(d);
    rmdir(t->dir);
    return 0;
}

static tw_store *open_ok(const char *path)
{
    tw_store *s = NULL;
    tw_diags d;

    tw_diags_init(&d);
    assert_int_equal(tw_store_open(path, &s, &d), TW_OK);
    assert_int_equal(d.errors, 0);
    tw_diags_release(&d);
    return s;
}

/* Runs SQL on path with sqlite3 itself (to build databases by hand). */
static void raw_sql(const char *path, const char *sql)
{
    sqlite3 *db = NULL;

    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

/* One integer a query on path gives. */
static int64_t raw_int(const char *path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    int64_t v;

    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static void test_fresh_and_reopen(void **state)
{
    tmp *t = *state;
    unsigned char key[TW_SIPHASH_KEY], zero[TW_SIPHASH_KEY] = {0};
    tw_store *s = open_ok(t->path);

    assert_int_equal(tw_store_version(s), TW_STORE_VERSION);
    assert_string_equal(tw_store_path(s), t->path);
    memcpy(key, tw_store_fp_key(s), sizeof(key));
    assert_memory_not_equal(key, zero, sizeof(key));
    tw_store_close(s);
    s = open_ok(t->path);
    assert_int_equal(tw_store_version(s), TW_STORE_VERSION);
    assert_memory_equal(tw_store_fp_key(s), key, sizeof(key));
    tw_store_close(s);
    tw_store_close(NULL);
    assert_int_equal(raw_int(t->path, "PRAGMA user_version"), TW_STORE_VERSION);
    assert_int_equal(raw_int(t->path, "PRAGMA application_id"), 0x54575354);
}

/* Makes path from SQL run by sqlite3, or from bytes when sql is NULL. */
static void make_file(const char *path, const char *sql, const char *bytes)
{
    FILE *f;

    unlink(path);
    if (sql != NULL) {
        raw_sql(path, sql);
        return;
    }
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(bytes, f);
    fclose(f);
}

static const struct {
    const char *sql;   /* builds the file with sqlite3, or NULL */
    const char *bytes; /* else: the file's bytes */
    tw_err rc;
    const char *msg;
} refused[] = {
    {"PRAGMA application_id = 1415009108; CREATE TABLE x (y); PRAGMA user_version = 99", NULL,
     TW_EINVAL, "store version 99 is newer than this tidewatch (2)"},
    {NULL, "hostname r1\ninterface Gi0/0\n ip address 10.0.0.1 255.255.255.0\n", TW_EPARSE,
     "not an SQLite database"},
    {"CREATE TABLE t (x)", NULL, TW_EPARSE, "not a tidewatch store"},
    {"PRAGMA user_version = 1", NULL, TW_EPARSE, "not a tidewatch store"},
    {"PRAGMA application_id = 7; CREATE TABLE t (x)", NULL, TW_EPARSE, "not a tidewatch store"},
};

static void test_refused(void **state)
{
    tmp *t = *state;
    char missing[160];
    tw_store *s;
    tw_diags d;

    assert_int_equal(TW_STORE_VERSION, 2); /* the message of the first row */
    for (size_t i = 0; i < N(refused); i++) {
        s = (tw_store *)&d;
        make_file(t->path, refused[i].sql, refused[i].bytes);
        tw_diags_init(&d);
        assert_int_equal(tw_store_open(t->path, &s, &d), refused[i].rc);
        assert_null(s);
        assert_true(d.n >= 1);
        assert_string_equal(d.v[0].file, t->path);
        assert_non_null(strstr(d.v[0].message, refused[i].msg));
        tw_diags_release(&d);
    }
    /* a refused newer store is left as it was */
    make_file(t->path, refused[0].sql, NULL);
    tw_diags_init(&d);
    assert_int_equal(tw_store_open(t->path, &s, &d), TW_EINVAL);
    assert_int_equal(raw_int(t->path, "PRAGMA user_version"), 99);
    assert_int_equal(raw_int(t->path, "SELECT count(*) FROM sqlite_master"), 1);
    tw_diags_release(&d);
    /* the folder is not made by the library */
    snprintf(missing, sizeof(missing), "%s/no/such/s.db", t->dir);
    tw_diags_init(&d);
    assert_int_equal(tw_store_open(missing, &s, &d), TW_ENOENT);
    assert_string_equal(d.v[0].file, missing);
    tw_diags_release(&d);
}

/* The version-1 schema as released: frozen here, so that the migration is
 * tested against what old stores really hold. */
static const char v1_schema[] =
    "CREATE TABLE meta (name TEXT PRIMARY KEY NOT NULL, value BLOB NOT NULL);"
    "CREATE TABLE device (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
    "CREATE TABLE snapshot (id INTEGER PRIMARY KEY, device_id INTEGER NOT NULL REFERENCES"
    " device (id) ON DELETE CASCADE, file TEXT NOT NULL, hash TEXT NOT NULL, taken INTEGER NOT"
    " NULL, dialect TEXT NOT NULL, hostname TEXT NOT NULL);"
    "CREATE INDEX snapshot_device ON snapshot (device_id, id);"
    "CREATE TABLE fact (id INTEGER PRIMARY KEY, snapshot_id INTEGER NOT NULL REFERENCES snapshot"
    " (id) ON DELETE CASCADE, seq INTEGER NOT NULL, kind TEXT NOT NULL, line INTEGER NOT NULL,"
    " evidence TEXT NOT NULL, context TEXT NOT NULL, UNIQUE (snapshot_id, seq));"
    "CREATE TABLE field (fact_id INTEGER NOT NULL REFERENCES fact (id) ON DELETE CASCADE, seq"
    " INTEGER NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL CHECK (type IN ('str', 'num',"
    " 'addr', 'bool')), str TEXT NOT NULL, num INTEGER NOT NULL, addr TEXT, line INTEGER NOT"
    " NULL, evidence TEXT NOT NULL, secret INTEGER NOT NULL CHECK (secret = 0 OR (secret = 1 AND"
    " str = '')), PRIMARY KEY (fact_id, seq)) WITHOUT ROWID;"
    "CREATE TABLE finding (id INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL UNIQUE, scope TEXT,"
    " state TEXT NOT NULL CHECK (state IN ('open', 'acknowledged', 'resolved')), first_seen"
    " INTEGER NOT NULL, last_seen INTEGER NOT NULL, rule TEXT NOT NULL, severity INTEGER NOT NULL"
    " CHECK (severity BETWEEN 0 AND 4), category TEXT NOT NULL, title TEXT, message TEXT, file"
    " TEXT, line INTEGER, device TEXT, evidence TEXT, ioc TEXT, cve TEXT, attack TEXT NOT NULL,"
    " refs TEXT NOT NULL, remediation TEXT, acting_user TEXT, details TEXT NOT NULL);"
    "CREATE INDEX finding_scope ON finding (scope);"
    "CREATE INDEX finding_last_seen ON finding (last_seen);"
    "PRAGMA application_id = 1415009108;";

static const char v1_rows[] =
    "INSERT INTO meta VALUES ('fp_key', x'00112233445566778899aabbccddeeff');"
    "INSERT INTO device VALUES (1, 'r1');"
    "INSERT INTO snapshot VALUES (1, 1, 'r1.cfg', 'abc123', 50, 'ios', 'r1');"
    "INSERT INTO fact VALUES (1, 1, 0, 'hostname', 3, 'hostname r1', '');"
    "INSERT INTO field VALUES (1, 0, 'name', 'str', 'r1', 0, NULL, 0, '', 0);"
    "INSERT INTO finding VALUES (7, 'f00d', 'audit:r1', 'open', 100, 200, 'TW-OLD', 3,"
    " 'hardening', 'Old title', 'old message', 'r1.cfg', 12, 'r1', 'ip http server', NULL, NULL,"
    " '[\"T1190\"]', '[]', 'no ip http server', NULL, '{\"train\":\"17.9\"}');"
    "PRAGMA user_version = 1;";

static void test_migrate_v1(void **state)
{
    tmp *t = *state;
    static const unsigned char key[] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                        0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff};
    tw_arena *a = tw_arena_new(0);
    tw_stored_finding sf;
    tw_factset fs;
    bool found = false;
    tw_store *s;

    raw_sql(t->path, v1_schema);
    raw_sql(t->path, v1_rows);
    assert_int_equal(raw_int(t->path, "PRAGMA user_version"), 1);
    s = open_ok(t->path);
    assert_int_equal(tw_store_version(s), 2);
    assert_memory_equal(tw_store_fp_key(s), key, sizeof(key));
    assert_int_equal(tw_store_finding_get(s, 7, a, &sf, &found, NULL), TW_OK);
    assert_true(found);
    assert_string_equal(sf.f.rule, "TW-OLD");
    assert_int_equal(sf.f.severity, TW_SEV_HIGH);
    assert_int_equal(sf.f.line, 12);
    assert_int_equal(sf.first_seen, 100);
    assert_int_equal(sf.last_seen, 200);
    assert_int_equal(sf.f.nattack, 1);
    assert_string_equal(sf.f.attack[0], "T1190");
    assert_int_equal(sf.f.ndetails, 1);
    assert_string_equal(sf.f.details[0].value, "17.9");
    assert_null(sf.note);
    /* what version 2 added works on the old row */
    assert_int_equal(tw_store_finding_ack(s, 7, "known, change CR-1", "ops", 300, &found, NULL),
                     TW_OK);
    assert_int_equal(tw_store_finding_get(s, 7, a, &sf, &found, NULL), TW_OK);
    assert_int_equal(sf.state, TW_STATE_ACKNOWLEDGED);
    assert_string_equal(sf.note, "known, change CR-1");
    assert_string_equal(sf.ack_by, "ops");
    assert_int_equal(sf.ack_time, 300);
    tw_factset_init(&fs, a);
    assert_int_equal(tw_store_snapshot_last(s, "r1", a, &fs, NULL, &found, NULL), TW_OK);
    assert_true(found);
    assert_int_equal(fs.n, 1);
    assert_true(cfg_has(&fs, TW_FACT_HOSTNAME, 3, "name", "r1", 0));
    tw_factset_release(&fs);
    tw_store_close(s);
    assert_int_equal(raw_int(t->path, "SELECT count(*) FROM sqlite_master WHERE name ="
                                      " 'finding_state_severity'"),
                     1);
    tw_arena_free(a);
}

/* Parses an e2e fixture with key into fs (on a). */
static void parse_file(const char *path, const unsigned char *key, tw_arena *a, tw_factset *fs)
{
    size_t len = 0;
    char *data = cfg_slurp(path, &len);
    tw_diags d;

    assert_non_null(data);
    tw_factset_init(fs, a);
    fs->fp_key = key;
    tw_diags_init(&d);
    assert_int_equal(tw_config_parse(path, data, len, tw_dialect_detect(data, len), fs, &d), TW_OK);
    tw_diags_release(&d);
    free(data);
}

static void assert_field_equal(const tw_field *x, const tw_field *y)
{
    assert_string_equal(x->name, y->name);
    assert_int_equal(x->type, y->type);
    assert_int_equal(x->secret, y->secret);
    assert_true(tw_str_eq(x->str, y->str));
    assert_int_equal(x->num, y->num);
    assert_int_equal(x->line, y->line);
    assert_true(tw_str_eq(x->evidence, y->evidence));
    assert_int_equal(x->addr.plen, y->addr.plen);
    assert_int_equal(x->addr.addr.family, y->addr.addr.family);
    assert_memory_equal(x->addr.addr.bytes, y->addr.addr.bytes, 16);
}

static void assert_facts_equal(const tw_factset *x, const tw_factset *y)
{
    assert_int_equal(x->n, y->n);
    assert_int_equal(x->dialect, y->dialect);
    assert_true(tw_str_eq(x->hostname, y->hostname));
    for (size_t i = 0; i < x->n; i++) {
        assert_int_equal(x->v[i].kind, y->v[i].kind);
        assert_int_equal(x->v[i].line, y->v[i].line);
        assert_true(tw_str_eq(x->v[i].evidence, y->v[i].evidence));
        assert_true(tw_str_eq(x->v[i].context, y->v[i].context));
        assert_int_equal(x->v[i].nfields, y->v[i].nfields);
        for (uint32_t j = 0; j < x->v[i].nfields; j++)
            assert_field_equal(&x->v[i].fields[j], &y->v[i].fields[j]);
    }
}

static void test_snapshot_round_trip(void **state)
{
    tmp *t = *state;
    tw_arena *a = tw_arena_new(0), *b = tw_arena_new(0);
    tw_store *s = open_ok(t->path);
    tw_factset fs, back, small;
    tw_store_snapshot_info info;
    bool unchanged = true, found = false;
    int64_t first_id;

    parse_file(E2E "/clean-hardened/in/pe-hardened.cfg", tw_store_fp_key(s), a, &fs);
    assert_true(fs.n > 50);
    assert_int_equal(tw_store_snapshot_put(s, "pe1", "in/pe-hardened.cfg", "ABCDEF0123", 1000, &fs,
                                           &unchanged, NULL),
                     TW_OK);
    assert_false(unchanged);
    assert_int_equal(
        tw_store_snapshot_put(s, "pe1", "moved.cfg", "abcdef0123", 1100, &fs, &unchanged, NULL),
        TW_OK);
    assert_true(unchanged);
    tw_store_close(s);
    s = open_ok(t->path);
    tw_factset_init(&back, b);
    assert_int_equal(tw_store_snapshot_last(s, "pe1", b, &back, &info, &found, NULL), TW_OK);
    assert_true(found);
    assert_facts_equal(&fs, &back);
    assert_string_equal(info.file, "in/pe-hardened.cfg");
    assert_string_equal(info.hash, "abcdef0123");
    assert_int_equal(info.time, 1000);
    first_id = info.id;
    /* a new version is the latest one */
    parse_file(E2E "/secrets-redaction/in/secrets.cfg", tw_store_fp_key(s), a, &small);
    assert_int_equal(
        tw_store_snapshot_put(s, "pe1", "v2.cfg", "0123", 2000, &small, &unchanged, NULL), TW_OK);
    assert_false(unchanged);
    tw_factset_release(&back);
    tw_factset_init(&back, b);
    assert_int_equal(tw_store_snapshot_last(s, "pe1", b, &back, &info, &found, NULL), TW_OK);
    assert_true(info.id > first_id);
    assert_int_equal(info.time, 2000);
    assert_facts_equal(&small, &back);
    tw_factset_release(&back);
    /* no snapshot, bad arguments */
    tw_factset_init(&back, b);
    assert_int_equal(tw_store_snapshot_last(s, "nobody", b, &back, &info, &found, NULL), TW_OK);
    assert_false(found);
    assert_int_equal(back.n, 0);
    assert_int_equal(tw_store_snapshot_put(s, "pe1", "x", "not-hex", 1, &fs, &unchanged, NULL),
                     TW_EINVAL);
    assert_int_equal(tw_store_snapshot_put(s, "", "x", "00", 1, &fs, &unchanged, NULL), TW_EINVAL);
    assert_int_equal(raw_int(t->path, "SELECT count(*) FROM snapshot"), 2);
    tw_factset_release(&back);
    tw_factset_release(&small);
    tw_factset_release(&fs);
    tw_store_close(s);
    tw_arena_free(a);
    tw_arena_free(b);
}

/* A device keeps its TW_STORE_KEEP_SNAPSHOTS latest snapshots; the facts
 * and fields of older ones go with them; other devices keep theirs. */
static void test_snapshot_retention(void **state)
{
    tmp *t = *state;
    tw_arena *a = tw_arena_new(0), *b = tw_arena_new(0);
    tw_store *s = open_ok(t->path);
    tw_store_snapshot_info info;
    tw_factset fs, back;
    bool unchanged = true, found = false;
    char hash[8];

    parse_file(E2E "/secrets-redaction/in/secrets.cfg", tw_store_fp_key(s), a, &fs);
    assert_true(fs.n > 0);
    for (int i = 1; i <= TW_STORE_KEEP_SNAPSHOTS + 4; i++) {
        snprintf(hash, sizeof(hash), "%02x", i);
        assert_int_equal(
            tw_store_snapshot_put(s, "pe1", "pe1.cfg", hash, 1000 + i, &fs, &unchanged, NULL),
            TW_OK);
        assert_false(unchanged);
    }
    for (int i = 1; i <= 2; i++) {
        snprintf(hash, sizeof(hash), "%02x", i);
        assert_int_equal(
            tw_store_snapshot_put(s, "pe2", "pe2.cfg", hash, 2000 + i, &fs, &unchanged, NULL),
            TW_OK);
    }
    tw_store_close(s);
    assert_int_equal(raw_int(t->path, "SELECT count(*) FROM snapshot s JOIN device d"
                                      " ON d.id = s.device_id WHERE d.name = 'pe1'"),
                     TW_STORE_KEEP_SNAPSHOTS);
    assert_int_equal(raw_int(t->path, "SELECT min(taken) FROM snapshot s JOIN device d"
                                      " ON d.id = s.device_id WHERE d.name = 'pe1'"),
                     1000 + 5);
    assert_int_equal(raw_int(t->path, "SELECT count(*) FROM snapshot s JOIN device d"
                                      " ON d.id = s.device_id WHERE d.name = 'pe2'"),
                     2);
    assert_int_equal(raw_int(t->path, "SELECT count(*) FROM fact"),
                     (int64_t)((TW_STORE_KEEP_SNAPSHOTS + 2) * fs.n));
    assert_int_equal(raw_int(t->path, "SELECT count(*) FROM field WHERE fact_id NOT IN"
                                      " (SELECT id FROM fact)"),
                     0);
    s = open_ok(t->path);
    tw_factset_init(&back, b);
    assert_int_equal(tw_store_snapshot_last(s, "pe1", b, &back, &info, &found, NULL), TW_OK);
    assert_true(found);
    assert_string_equal(info.hash, "0c");
    assert_facts_equal(&fs, &back);
    tw_factset_release(&back);
    tw_factset_release(&fs);
    tw_store_close(s);
    tw_arena_free(a);
    tw_arena_free(b);
}

/* Findings of the lifecycle table, by index. */
static const tw_finding lf[] = {
    /* 0: A */
    {.rule = "TW-A",
     .severity = TW_SEV_HIGH,
     .category = TW_CAT_HARDENING,
     .title = "A",
     .message = "http server on",
     .file = "r1.cfg",
     .line = 10,
     .device = "r1",
     .evidence = "ip http server"},
    /* 1: B */
    {.rule = "TW-B",
     .severity = TW_SEV_MEDIUM,
     .category = TW_CAT_HARDENING,
     .title = "B",
     .message = "pad on",
     .file = "r1.cfg",
     .line = 20,
     .device = "r1",
     .evidence = "service pad"},
    /* 2: C, another device and scope */
    {.rule = "TW-C",
     .severity = TW_SEV_CRITICAL,
     .category = TW_CAT_COMPROMISE,
     .title = "C",
     .message = "tunnel to an indicator",
     .file = "r2.cfg",
     .line = 5,
     .device = "r2",
     .evidence = "tunnel destination 203.0.113.9",
     .ioc = "203.0.113.9"},
    /* 3: A again, lines moved and reworded: the same finding */
    {.rule = "TW-A",
     .severity = TW_SEV_HIGH,
     .category = TW_CAT_HARDENING,
     .title = "A",
     .message = "http server still on",
     .file = "r1.cfg",
     .line = 14,
     .device = "r1",
     .evidence = "ip http server"},
    /* 4, 5: drift findings that only their message tells apart */
    {.rule = "TW-D",
     .severity = TW_SEV_LOW,
     .category = TW_CAT_DRIFT,
     .title = "D",
     .message = "ntp server added",
     .file = "r1.cfg",
     .line = 30,
     .device = "r1",
     .evidence = "ntp server 10.0.0.1"},
    {.rule = "TW-D",
     .severity = TW_SEV_LOW,
     .category = TW_CAT_DRIFT,
     .title = "D",
     .message = "ntp server removed (old line)",
     .file = "r1.cfg",
     .line = 30,
     .device = "r1",
     .evidence = "ntp server 10.0.0.1"},
};

static const struct {
    int64_t now;
    const char *scope;
    const char *put; /* indexes into lf */
    size_t opened, seen, resolved;
    const char *ack; /* rule acknowledged after the put, or NULL */
} steps[] = {
    {100, "audit:r1", "01", 2, 0, 0, NULL},
    {200, "audit:r1", "3", 0, 1, 1, "TW-A"}, /* A moved: seen; B gone: resolved */
    {300, "audit:r1", "31", 1, 1, 0, NULL},  /* B back: open again; A stays acknowledged */
    {400, "hunt:r2", "2", 1, 0, 0, NULL},    /* another scope leaves r1's alone */
    {500, NULL, "45", 2, 0, 0, NULL},        /* drift: two messages, two findings */
    {600, NULL, "00", 1, 1, 0, NULL},        /* the same twice: two findings */
};

static const struct {
    tw_store_query q;
    size_t n;
    const char *first; /* rule of the first row */
    int64_t first_seen, last_seen;
} queries[] = {
    {{.any_state = true}, 6, "TW-A", 600, 600},
    {{.state = TW_STATE_OPEN}, 5, "TW-A", 600, 600},
    {{.state = TW_STATE_ACKNOWLEDGED}, 1, "TW-A", 100, 600},
    {{.state = TW_STATE_RESOLVED}, 0, NULL, 0, 0},
    {{.any_state = true, .min_severity = TW_SEV_CRITICAL}, 1, "TW-C", 400, 400},
    {{.any_state = true, .device = "r2"}, 1, "TW-C", 400, 400},
    {{.any_state = true, .rule = "TW-D"}, 2, "TW-D", 500, 500},
    {{.any_state = true, .rule = "TW-B"}, 1, "TW-B", 100, 300},
    {{.any_state = true, .limit = 2}, 2, "TW-A", 600, 600},
    {{.any_state = true, .device = "r1'; DROP TABLE finding; --"}, 0, NULL, 0, 0},
};

/* A list of the findings at the indexes of spec. */
static void fill(tw_findings *fl, tw_arena *a, const char *spec)
{
    tw_findings_init(fl, a);
    for (const char *p = spec; *p != '\0'; p++)
        assert_int_equal(tw_findings_push(fl, &lf[*p - '0']), TW_OK);
}

/* Acknowledges the one finding of rule; nothing when rule is NULL. */
static void ack_rule(tw_store *s, tw_arena *a, const char *rule)
{
    tw_store_query q = {.any_state = true, .rule = rule};
    tw_stored_finding *v = NULL;
    size_t n = 0;
    bool found = false;

    if (rule == NULL)
        return;
    assert_int_equal(tw_store_findings_list(s, &q, a, &v, &n, NULL), TW_OK);
    assert_int_equal(n, 1);
    assert_int_equal(tw_store_finding_ack(s, v[0].id, "accepted", "ops", 250, &found, NULL), TW_OK);
    assert_true(found);
}

static void check_queries(tw_store *s, tw_arena *a)
{
    for (size_t i = 0; i < N(queries); i++) {
        tw_stored_finding *v = NULL;
        size_t n = 99;

        assert_int_equal(tw_store_findings_list(s, &queries[i].q, a, &v, &n, NULL), TW_OK);
        assert_int_equal(n, queries[i].n);
        for (size_t k = 0; k < n; k++) {
            assert_string_equal(v[0].f.rule, queries[i].first);
            assert_int_equal(v[0].first_seen, queries[i].first_seen);
            assert_int_equal(v[0].last_seen, queries[i].last_seen);
            assert_true(k == 0 || v[k].last_seen <= v[k - 1].last_seen);
        }
    }
}

static void test_findings_lifecycle(void **state)
{
    tmp *t = *state;
    tw_arena *a = tw_arena_new(0);
    tw_store *s = open_ok(t->path);
    tw_store_put_stats st;
    tw_stored_finding sf;
    tw_findings fl;
    bool opened[4], found = false;

    for (size_t i = 0; i < N(steps); i++) {
        fill(&fl, a, steps[i].put);
        assert_int_equal(
            tw_store_findings_put(s, steps[i].scope, &fl, steps[i].now, &st, opened, NULL), TW_OK);
        assert_int_equal(st.opened, steps[i].opened);
        assert_int_equal(st.seen, steps[i].seen);
        assert_int_equal(st.resolved, steps[i].resolved);
        tw_findings_release(&fl);
        ack_rule(s, a, steps[i].ack);
    }
    assert_false(opened[0]); /* the last put: the first A was known, the second new */
    assert_true(opened[1]);
    check_queries(s, a);
    tw_store_close(s);
    s = open_ok(t->path); /* all of it was committed */
    check_queries(s, a);
    /* the latest version of a finding is kept: A's line and message */
    assert_int_equal(tw_store_finding_get(s, 1, a, &sf, &found, NULL), TW_OK);
    assert_true(found);
    assert_int_equal(sf.f.line, 10);
    assert_string_equal(sf.note, "accepted");
    assert_string_equal(sf.scope, "audit:r1");
    /* an empty audit of r1 resolves what r1's scope held: A and B */
    fill(&fl, a, "");
    assert_int_equal(tw_store_findings_put(s, "audit:r1", &fl, 700, &st, NULL, NULL), TW_OK);
    assert_int_equal(st.resolved, 2);
    assert_int_equal(tw_store_finding_get(s, 1, a, &sf, &found, NULL), TW_OK);
    assert_int_equal(sf.state, TW_STATE_RESOLVED);
    assert_int_equal(tw_store_finding_resolve(s, 1, &found, NULL), TW_OK);
    assert_true(found);
    assert_int_equal(tw_store_finding_resolve(s, 999, &found, NULL), TW_OK);
    assert_false(found);
    assert_int_equal(tw_store_finding_ack(s, 999, NULL, NULL, 1, &found, NULL), TW_OK);
    assert_false(found);
    assert_int_equal(tw_store_finding_get(s, 999, a, &sf, &found, NULL), TW_OK);
    assert_false(found);
    tw_findings_release(&fl);
    tw_store_close(s);
    tw_arena_free(a);
}

/* Pruning deletes what was last seen before the date: acknowledged and
 * resolved findings, open ones only when asked; a pruned finding seen
 * again is new. */
static void test_findings_prune(void **state)
{
    static const struct {
        int64_t before;
        bool open_too;
        size_t deleted, left;
    } rows[] = {
        {50, true, 0, 4},   /* nothing that old */
        {150, false, 1, 3}, /* A: acknowledged, last seen at 100 */
        {250, false, 1, 2}, /* C: resolved, last seen at 200 */
        {350, false, 0, 2}, /* the two D are open */
        {350, true, 2, 0},  /* unless open ones go too */
    };
    tmp *t = *state;
    tw_arena *a = tw_arena_new(0);
    tw_store *s = open_ok(t->path);
    tw_store_put_stats st;
    tw_stored_finding *v = NULL;
    tw_store_query all = {.any_state = true};
    tw_findings fl;
    size_t n = 0, deleted = 99;
    bool found = false;

    fill(&fl, a, "0");
    assert_int_equal(tw_store_findings_put(s, "audit:r1", &fl, 100, NULL, NULL, NULL), TW_OK);
    ack_rule(s, a, "TW-A");
    tw_findings_release(&fl);
    fill(&fl, a, "2");
    assert_int_equal(tw_store_findings_put(s, "hunt:r2", &fl, 200, NULL, NULL, NULL), TW_OK);
    assert_int_equal(tw_store_findings_list(s, &(tw_store_query){.any_state = true, .rule = "TW-C"},
                                            a, &v, &n, NULL),
                     TW_OK);
    assert_int_equal(tw_store_finding_resolve(s, v[0].id, &found, NULL), TW_OK);
    tw_findings_release(&fl);
    fill(&fl, a, "45");
    assert_int_equal(tw_store_findings_put(s, NULL, &fl, 300, NULL, NULL, NULL), TW_OK);
    for (size_t i = 0; i < N(rows); i++) {
        assert_int_equal(
            tw_store_findings_prune(s, rows[i].before, rows[i].open_too, &deleted, NULL), TW_OK);
        assert_int_equal(deleted, rows[i].deleted);
        assert_int_equal(tw_store_findings_list(s, &all, a, &v, &n, NULL), TW_OK);
        assert_int_equal(n, rows[i].left);
    }
    tw_findings_release(&fl);
    fill(&fl, a, "0");
    assert_int_equal(tw_store_findings_put(s, "audit:r1", &fl, 400, &st, NULL, NULL), TW_OK);
    assert_int_equal(st.opened, 1);
    tw_findings_release(&fl);
    tw_store_close(s);
    tw_arena_free(a);
}

static void test_finding_fields(void **state)
{
    tmp *t = *state;
    static const char *const attack[] = {"T1572", "T1599"};
    static const char *const refs[] = {"AA25-239A", "CVE-2023-20198"};
    static const tw_detail details[] = {{"commit", "0a1b2c"}, {"author", "\"evil\"\n\\x"}};
    tw_arena *a = tw_arena_new(0);
    tw_store *s = open_ok(t->path);
    char *long_ev = calloc(1, TW_LIMIT_TEXT_FIELD + 100);
    tw_finding f = {.rule = "TW-ALL",
                    .severity = TW_SEV_CRITICAL,
                    .category = TW_CAT_EXPOSURE,
                    .title = "Everything",
                    .message = "quotes ' \" and bytes \xff\xfe kept",
                    .file = "in/r1.cfg",
                    .line = 42,
                    .device = "r1'; DROP TABLE finding; --",
                    .ioc = "203.0.113.9",
                    .cve = "CVE-2023-20198",
                    .attack = attack,
                    .nattack = N(attack),
                    .references = refs,
                    .nreferences = N(refs),
                    .remediation = "no ip http server\nno ip http secure-server",
                    .user = "bob",
                    .details = details,
                    .ndetails = N(details)};
    tw_stored_finding sf;
    tw_findings fl;
    bool found = false;

    /* evidence longer than the cap, a two-byte character across it */
    memset(long_ev, 'x', TW_LIMIT_TEXT_FIELD + 50);
    memcpy(long_ev + TW_LIMIT_TEXT_FIELD - 1, "\xc3\xa9", 2);
    f.evidence = long_ev;
    tw_findings_init(&fl, a);
    assert_int_equal(tw_findings_push(&fl, &f), TW_OK);
    assert_int_equal(tw_store_findings_put(s, "exposure", &fl, 42, NULL, NULL, NULL), TW_OK);
    assert_int_equal(tw_store_finding_get(s, 1, a, &sf, &found, NULL), TW_OK);
    assert_true(found);
    assert_string_equal(sf.f.rule, f.rule);
    assert_int_equal(sf.f.severity, f.severity);
    assert_int_equal(sf.f.category, f.category);
    assert_string_equal(sf.f.title, f.title);
    assert_string_equal(sf.f.message, f.message);
    assert_string_equal(sf.f.file, f.file);
    assert_int_equal(sf.f.line, f.line);
    assert_string_equal(sf.f.device, f.device);
    assert_int_equal(strlen(sf.f.evidence), TW_LIMIT_TEXT_FIELD - 1);
    assert_memory_equal(sf.f.evidence, long_ev, TW_LIMIT_TEXT_FIELD - 1);
    assert_string_equal(sf.f.ioc, f.ioc);
    assert_string_equal(sf.f.cve, f.cve);
    assert_int_equal(sf.f.nattack, 2);
    assert_string_equal(sf.f.attack[1], "T1599");
    assert_int_equal(sf.f.nreferences, 2);
    assert_string_equal(sf.f.references[0], "AA25-239A");
    assert_string_equal(sf.f.remediation, f.remediation);
    assert_string_equal(sf.f.user, "bob");
    assert_int_equal(sf.f.ndetails, 2);
    assert_string_equal(sf.f.details[0].name, "commit");
    assert_string_equal(sf.f.details[1].value, details[1].value);
    assert_int_equal(sf.state, TW_STATE_OPEN);
    assert_int_equal(raw_int(t->path, "SELECT count(*) FROM finding"), 1);
    /* a finding without the optional fields keeps them absent */
    f = (tw_finding){.rule = "TW-MIN", .category = TW_CAT_OUTLIER};
    fl.v[0] = f;
    assert_int_equal(tw_store_findings_put(s, NULL, &fl, 43, NULL, NULL, NULL), TW_OK);
    assert_int_equal(tw_store_finding_get(s, 2, a, &sf, &found, NULL), TW_OK);
    assert_null(sf.f.title);
    assert_null(sf.f.file);
    assert_int_equal(sf.f.line, 0);
    assert_null(sf.f.evidence);
    assert_null(sf.f.attack);
    assert_int_equal(sf.f.ndetails, 0);
    assert_null(sf.scope);
    tw_findings_release(&fl);
    tw_store_close(s);
    free(long_ev);
    tw_arena_free(a);
}

/* Fills the first secret field of fs with text, as a buggy parser might. */
static void plant_secret(tw_factset *fs, const char *text)
{
    for (size_t i = 0; i < fs->n; i++) {
        for (uint32_t j = 0; j < fs->v[i].nfields; j++) {
            if (fs->v[i].fields[j].secret) {
                fs->v[i].fields[j].str = tw_str_c(text);
                return;
            }
        }
    }
    fail_msg("no secret field");
}

/* The audit findings of the configuration at path into fl. */
static void audit_file(const char *path, const unsigned char *key, tw_findings *fl)
{
    tw_ruleset *rs = tw_ruleset_new();
    tw_audit_opts ao = {.rules = rs, .fp_key = key};
    size_t len = 0;
    char *data = cfg_slurp(path, &len);
    tw_diags d;

    tw_diags_init(&d);
    assert_non_null(data);
    assert_int_equal(tw_ruleset_load_builtin(rs, &d), TW_OK);
    assert_int_equal(tw_ruleset_finish(rs, &d), TW_OK);
    ao.rules = rs;
    assert_int_equal(tw_audit_buffer(&ao, path, data, len, fl, &d), TW_OK);
    tw_diags_release(&d);
    tw_ruleset_free(rs);
    free(data);
}

/* Whether needle (m bytes) occurs in hay (n bytes). */
static bool has_bytes(const char *hay, size_t n, const char *needle, size_t m)
{
    for (size_t i = 0; hay != NULL && m <= n && i <= n - m; i++) {
        if (memcmp(hay + i, needle, m) == 0)
            return true;
    }
    return false;
}

/* Counts the lines of the file at path (secrets) that occur in the bytes
 * of the store's files. */
static size_t leaked(const char *secrets, const char *db)
{
    char wal[160], line[256];
    size_t n = 0, len = 0, wlen = 0;
    char *bytes, *wbytes;
    FILE *f = fopen(secrets, "r");

    snprintf(wal, sizeof(wal), "%s-wal", db);
    bytes = cfg_slurp(db, &len);
    wbytes = cfg_slurp(wal, &wlen); /* gone after a clean close */
    assert_non_null(f);
    assert_non_null(bytes);
    while (fgets(line, sizeof(line), f) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        if (line[0] == '\0')
            continue;
        n += has_bytes(bytes, len, line, strlen(line));
        n += has_bytes(wbytes, wlen, line, strlen(line));
    }
    fclose(f);
    free(bytes);
    free(wbytes);
    return n;
}

static void test_secrets_not_stored(void **state)
{
    tmp *t = *state;
    const char *cfg = E2E "/secrets-redaction/in/secrets.cfg";
    char planted[160];
    tw_arena *a = tw_arena_new(0);
    tw_store *s = open_ok(t->path);
    tw_findings fl;
    tw_factset fs;
    bool unchanged = false;
    size_t len = 0;
    char *bytes;
    FILE *f;

    parse_file(cfg, tw_store_fp_key(s), a, &fs);
    tw_findings_init(&fl, a);
    audit_file(cfg, tw_store_fp_key(s), &fl);
    assert_true(fl.n > 0);
    assert_int_equal(tw_store_snapshot_put(s, "pe1", cfg, "01", 1, &fs, &unchanged, NULL), TW_OK);
    assert_int_equal(tw_store_findings_put(s, "audit:pe1", &fl, 1, NULL, NULL, NULL), TW_OK);
    plant_secret(&fs, "LEAKME-7781");
    assert_int_equal(tw_store_snapshot_put(s, "pe1", cfg, "02", 2, &fs, &unchanged, NULL), TW_OK);
    tw_store_close(s);
    assert_int_equal(leaked(E2E "/secrets-redaction/stdout-absent", t->path), 0);
    snprintf(planted, sizeof(planted), "%s/planted", t->dir);
    f = fopen(planted, "w");
    assert_non_null(f);
    fputs("LEAKME-7781\n", f);
    fclose(f);
    assert_int_equal(leaked(planted, t->path), 0);
    /* the facts are there, so the bytes were the right ones */
    bytes = cfg_slurp(t->path, &len);
    assert_true(has_bytes(bytes, len, "snmp_community", 14));
    assert_true(has_bytes(bytes, len, "nw-pe1-sec", 10));
    free(bytes);
    tw_findings_release(&fl);
    tw_factset_release(&fs);
    tw_arena_free(a);
}

/* The kill -9 test. */

#define KILL_BATCH 200 /* findings a batch */
#define KILL_READ 5    /* batches reported before the kill */
#define KILL_ROUNDS 5

/* The child: batch after batch, each one tw_store_findings_put of
 * KILL_BATCH findings of device "b<N>", reporting N on fd once committed;
 * never returns. */
static void kill_child(const char *path, int fd, uint32_t first)
{
    tw_store *s = NULL;
    tw_arena *a = tw_arena_new(0);
    char dev[32], ev[64];

    if (a == NULL || tw_store_open(path, &s, NULL) != TW_OK)
        _exit(2);
    for (uint32_t b = first;; b++) {
        tw_findings fl;

        tw_findings_init(&fl, a);
        snprintf(dev, sizeof(dev), "b%u", b);
        for (int k = 0; k < KILL_BATCH; k++) {
            tw_finding f = {.rule = "TW-KILL", .severity = TW_SEV_LOW, .device = dev};

            snprintf(ev, sizeof(ev), "batch %u item %d", b, k);
            f.evidence = tw_arena_strdup(a, ev);
            f.device = tw_arena_strdup(a, dev);
            tw_findings_push(&fl, &f);
        }
        if (tw_store_findings_put(s, NULL, &fl, b, NULL, NULL, NULL) != TW_OK)
            _exit(3);
        if (write(fd, &b, sizeof(b)) != sizeof(b))
            _exit(4);
        tw_findings_release(&fl);
        tw_arena_reset(a);
    }
}

/* Runs one child from batch first, kills it after KILL_READ reports (and
 * a short wait, so that the kill lands anywhere in a batch); returns the
 * highest batch it reported. */
static uint32_t kill_round(const char *path, uint32_t first, unsigned wait_us)
{
    int fds[2];
    uint32_t b = 0, last = 0;
    size_t reports = 0;
    int status = 0;
    pid_t pid;

    assert_int_equal(pipe(fds), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        kill_child(path, fds[1], first);
    }
    close(fds[1]);
    while (reports < KILL_READ && read(fds[0], &b, sizeof(b)) == sizeof(b)) {
        last = b;
        reports++;
    }
    usleep(wait_us);
    kill(pid, SIGKILL);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    while (read(fds[0], &b, sizeof(b)) == sizeof(b)) /* what it said before dying */
        last = b;
    close(fds[0]);
    assert_int_equal(reports, KILL_READ);
    return last;
}

/* Checks that every batch (device) in the store is complete; returns how
 * many of them lie in [lo, hi], and the highest batch in *max. */
static size_t complete_batches(const char *path, uint32_t lo, uint32_t hi, uint32_t *max)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    size_t n = 0;

    *max = 0;
    assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
    assert_int_equal(sqlite3_prepare_v2(db,
                                        "SELECT CAST(substr(device, 2) AS INTEGER), count(*)"
                                        " FROM finding GROUP BY device",
                                        -1, &st, NULL),
                     SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
        uint32_t b = (uint32_t)sqlite3_column_int64(st, 0);

        assert_int_equal(sqlite3_column_int(st, 1), KILL_BATCH);
        *max = b > *max ? b : *max;
        n += b >= lo && b <= hi;
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

static void test_kill9(void **state)
{
    tmp *t = *state;
    static const unsigned waits[KILL_ROUNDS] = {0, 250, 700, 1300, 2300};
    uint32_t max = 0, reported;

    tw_store_close(open_ok(t->path)); /* created before the first child */
    for (int r = 0; r < KILL_ROUNDS; r++) {
        uint32_t first = (uint32_t)r * 100000 + 1;

        reported = kill_round(t->path, first, waits[r]);
        tw_store_close(open_ok(t->path)); /* recovers from the WAL */
        assert_int_equal(raw_int(t->path, "SELECT count(*) FROM pragma_integrity_check"
                                          " WHERE integrity_check <> 'ok'"),
                         0);
        /* every reported batch is there, each one complete */
        assert_int_equal(complete_batches(t->path, first, reported, &max), reported - first + 1);
        assert_true(max >= reported);
        assert_true(max <= reported + 1); /* committed, killed before it said so */
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_fresh_and_reopen, setup, teardown),
        cmocka_unit_test_setup_teardown(test_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(test_migrate_v1, setup, teardown),
        cmocka_unit_test_setup_teardown(test_snapshot_round_trip, setup, teardown),
        cmocka_unit_test_setup_teardown(test_snapshot_retention, setup, teardown),
        cmocka_unit_test_setup_teardown(test_findings_lifecycle, setup, teardown),
        cmocka_unit_test_setup_teardown(test_findings_prune, setup, teardown),
        cmocka_unit_test_setup_teardown(test_finding_fields, setup, teardown),
        cmocka_unit_test_setup_teardown(test_secrets_not_stored, setup, teardown),
        cmocka_unit_test_setup_teardown(test_kill9, setup, teardown),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
