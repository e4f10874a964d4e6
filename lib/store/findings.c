/*
 * findings.c: storing findings: fingerprints, the upsert of a list in one
 * transaction, and resolving what a scope no longer reports.
 *
 * A fingerprint is 128 bits of SipHash under the store's key over the
 * fields that say which problem a finding is (rule, device, file,
 * evidence, ioc, cve, and for drift the message), each length-prefixed so
 * that no two field lists hash the same input.  The line is left out: it
 * moves when lines are added above.  Identical findings of one list (the
 * same statement twice) are told apart by their rank among equals, so they
 * stay as many rows as there are findings.  The key is secret and random,
 * so hostile evidence cannot be crafted to collide with another finding.
 *
 * Lists (attack, references) and details are stored as JSON text, written
 * with the writers' escaper (invalid UTF-8 becomes U+FFFD) and read back
 * with jansson (findings_read.c).
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"
#include "tidewatch/buf.h"
#include "tidewatch/out.h"

#define JSON_MAX ((size_t)16 << 20) /* one JSON column of one finding */

typedef struct {
    uint64_t h[2]; /* the fingerprint of the finding's fields */
    uint32_t rank; /* how many findings before it in the list have the same */
    size_t i;      /* its index in the list */
} fprint;

/* Appends s length-prefixed; NULL is distinct from "". */
static tw_err fp_add(tw_buf *b, const char *s)
{
    unsigned char head[9] = {0xff};
    tw_str v;
    tw_err rc;

    if (s == NULL)
        return tw_buf_add(b, head, 1);
    v = tw__store_cap(tw_str_c(s));
    head[0] = 0x01;
    for (int i = 0; i < 8; i++)
        head[1 + i] = (unsigned char)((uint64_t)v.len >> (8 * i));
    rc = tw_buf_add(b, head, sizeof(head));
    return rc == TW_OK ? tw_buf_add(b, v.ptr, v.len) : rc;
}

/* The fingerprint of f's identifying fields: two 64-bit halves, each over
 * the fields behind its own domain byte (1, 2). */
static tw_err fp_of(const tw_store *s, const tw_finding *f, tw_buf *b, uint64_t h[2])
{
    const char *parts[] = {f->rule,
                           f->device,
                           f->file,
                           f->evidence,
                           f->ioc,
                           f->cve,
                           f->category == TW_CAT_DRIFT ? f->message : NULL};
    tw_err rc;

    tw_buf_reset(b);
    rc = tw_buf_add(b, "\001finding", 8); /* the domain byte, then a label */
    for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]) && rc == TW_OK; i++)
        rc = fp_add(b, parts[i]);
    for (int k = 0; k < 2 && rc == TW_OK; k++) {
        b->ptr[0] = (char)(k + 1);
        h[k] = tw_siphash(s->fp_key, b->ptr, b->len);
    }
    return rc;
}

static int cmp_fprint(const void *pa, const void *pb)
{
    const fprint *a = pa, *b = pb;

    for (int k = 0; k < 2; k++) {
        if (a->h[k] != b->h[k])
            return a->h[k] < b->h[k] ? -1 : 1;
    }
    return (a->i > b->i) - (a->i < b->i);
}

static int cmp_index(const void *pa, const void *pb)
{
    const fprint *a = pa, *b = pb;

    return (a->i > b->i) - (a->i < b->i);
}

/* The fingerprints of the list, in its order, with their ranks. */
static tw_err fingerprints(const tw_store *s, const tw_findings *fl, fprint *v)
{
    tw_buf b;
    tw_err rc = TW_OK;

    tw_buf_init(&b, 0);
    for (size_t i = 0; i < fl->n && rc == TW_OK; i++) {
        v[i].i = i;
        v[i].rank = 0;
        rc = fp_of(s, &fl->v[i], &b, v[i].h);
    }
    tw_buf_release(&b);
    if (rc != TW_OK)
        return rc;
    qsort(v, fl->n, sizeof(*v), cmp_fprint);
    for (size_t i = 1; i < fl->n; i++) {
        if (v[i].h[0] == v[i - 1].h[0] && v[i].h[1] == v[i - 1].h[1])
            v[i].rank = v[i - 1].rank + 1;
    }
    qsort(v, fl->n, sizeof(*v), cmp_index);
    return TW_OK;
}

/* The fingerprint's text: 32 hex digits, the rank folded in when not 0. */
static void fp_text(const tw_store *s, const fprint *p, char out[33])
{
    uint64_t h[2] = {p->h[0], p->h[1]};

    if (p->rank > 0) {
        unsigned char in[1 + 16 + 4];

        for (int i = 0; i < 8; i++) {
            in[1 + i] = (unsigned char)(p->h[0] >> (8 * i));
            in[9 + i] = (unsigned char)(p->h[1] >> (8 * i));
        }
        for (int i = 0; i < 4; i++)
            in[17 + i] = (unsigned char)(p->rank >> (8 * i));
        for (int k = 0; k < 2; k++) {
            in[0] = (unsigned char)(k + 3);
            h[k] = tw_siphash(s->fp_key, in, sizeof(in));
        }
    }
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)h[0], (unsigned long long)h[1]);
}

/* Appends s as a JSON string, cut at TW_LIMIT_TEXT_FIELD. */
static tw_err json_str(tw_buf *b, const char *s)
{
    tw_err rc = tw_buf_addch(b, '"');

    if (rc == TW_OK)
        rc = tw_json_escape(b, tw__store_cap(tw_str_c(s)));
    return rc == TW_OK ? tw_buf_addch(b, '"') : rc;
}

/* JSON text of a list of strings into b. */
static tw_err json_list(tw_buf *b, const char *const *v, size_t n)
{
    tw_err rc;

    tw_buf_reset(b);
    rc = tw_buf_addch(b, '[');
    for (size_t i = 0; i < n && rc == TW_OK; i++) {
        if (i > 0)
            rc = tw_buf_addch(b, ',');
        if (rc == TW_OK)
            rc = json_str(b, v[i]);
    }
    return rc == TW_OK ? tw_buf_addch(b, ']') : rc;
}

/* JSON text of the details (an object, in order) into b. */
static tw_err json_details(tw_buf *b, const tw_finding *f)
{
    tw_err rc;

    tw_buf_reset(b);
    rc = tw_buf_addch(b, '{');
    for (size_t i = 0; i < f->ndetails && rc == TW_OK; i++) {
        if (i > 0)
            rc = tw_buf_addch(b, ',');
        if (rc == TW_OK)
            rc = json_str(b, f->details[i].name);
        if (rc == TW_OK)
            rc = tw_buf_addch(b, ':');
        if (rc == TW_OK)
            rc = json_str(b, f->details[i].value);
    }
    return rc == TW_OK ? tw_buf_addch(b, '}') : rc;
}

/* Scratch buffers for the JSON columns of one finding. */
typedef struct {
    tw_buf attack, refs, details;
} json_cols;

/* Binds the content columns ?4..?19 of the insert and update statements;
 * TW_ELIMIT or TW_ENOMEM when the JSON columns cannot be made. */
static tw_err bind_content(tw__bind *b, const tw_finding *f, json_cols *j)
{
    tw_err rc = json_list(&j->attack, f->attack, f->nattack);

    if (rc == TW_OK)
        rc = json_list(&j->refs, f->references, f->nreferences);
    if (rc == TW_OK)
        rc = json_details(&j->details, f);
    if (rc != TW_OK)
        return rc;
    tw__bind_text(b, 4, f->rule != NULL ? f->rule : "");
    tw__bind_int(b, 5, (unsigned)f->severity <= TW_SEV_CRITICAL ? f->severity : TW_SEV_CRITICAL);
    tw__bind_text(b, 6, tw_category_name(f->category));
    tw__bind_text(b, 7, f->title);
    tw__bind_text(b, 8, f->message);
    tw__bind_text(b, 9, f->file);
    if (f->line != 0)
        tw__bind_int(b, 10, f->line);
    else
        tw__bind_null(b, 10);
    tw__bind_text(b, 11, f->device);
    tw__bind_text(b, 12, f->evidence);
    tw__bind_text(b, 13, f->ioc);
    tw__bind_text(b, 14, f->cve);
    if (b->rc == SQLITE_OK)
        b->rc = sqlite3_bind_text(b->st, 15, j->attack.ptr, (int)j->attack.len, SQLITE_STATIC);
    if (b->rc == SQLITE_OK)
        b->rc = sqlite3_bind_text(b->st, 16, j->refs.ptr, (int)j->refs.len, SQLITE_STATIC);
    tw__bind_text(b, 17, f->remediation);
    tw__bind_text(b, 18, f->user);
    if (b->rc == SQLITE_OK)
        b->rc = sqlite3_bind_text(b->st, 19, j->details.ptr, (int)j->details.len, SQLITE_STATIC);
    return TW_OK;
}

/* The row with fingerprint fp: *id (0 when none) and its state. */
static tw_err find_fp(tw_store *s, const char *fp, int64_t *id, bool *resolved, tw_diags *d)
{
    tw_err rc = TW_OK;
    sqlite3_stmt *st = tw__store_stmt(s, TW__ST_FIND_BY_FP, d, &rc);
    tw__bind b = {st, SQLITE_OK};
    int r;

    *id = 0;
    if (st == NULL)
        return rc;
    tw__bind_text(&b, 1, fp);
    r = b.rc == SQLITE_OK ? sqlite3_step(st) : b.rc;
    if (r == SQLITE_ROW) {
        *id = sqlite3_column_int64(st, 0);
        *resolved = tw_str_eq_c(tw__col_str(st, 1), "resolved");
    }
    sqlite3_reset(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        return tw__store_fail(s, d, r, "cannot read findings");
    return TW_OK;
}

/* Remembers that the put saw row id (for the scope's resolution). */
static tw_err mark_seen(tw_store *s, int64_t id, tw_diags *d)
{
    tw_err rc = TW_OK;
    sqlite3_stmt *st = tw__store_stmt(s, TW__ST_SEEN_ADD, d, &rc);
    int r;

    if (st == NULL)
        return rc;
    r = sqlite3_bind_int64(st, 1, id);
    if (r == SQLITE_OK)
        r = sqlite3_step(st);
    sqlite3_reset(st);
    return r == SQLITE_DONE ? TW_OK : tw__store_fail(s, d, r, "cannot store findings");
}

/* What putting one finding did, for the counts. */
typedef enum { PUT_NEW, PUT_REOPENED, PUT_SEEN } put_kind;

/* Inserts or updates one finding; *kind says which. */
static tw_err put_one(tw_store *s, const char *scope, const tw_finding *f, const char *fp,
                      int64_t now, json_cols *j, put_kind *kind, tw_diags *d)
{
    int64_t id = 0;
    bool resolved = false;
    tw_err rc = find_fp(s, fp, &id, &resolved, d);
    sqlite3_stmt *st = NULL;
    tw__bind b;
    int r;

    if (rc == TW_OK)
        st = tw__store_stmt(s, id != 0 ? TW__ST_FIND_UPDATE : TW__ST_FIND_ADD, d, &rc);
    if (st == NULL)
        return rc;
    b = (tw__bind){st, SQLITE_OK};
    if (id != 0)
        tw__bind_int(&b, 1, id);
    else
        tw__bind_text(&b, 1, fp);
    tw__bind_text(&b, 2, scope);
    tw__bind_int(&b, 3, now);
    rc = bind_content(&b, f, j);
    if (rc != TW_OK)
        return tw__store_error(s, d, rc, "cannot store a finding: %s", tw_strerror(rc));
    r = b.rc == SQLITE_OK ? sqlite3_step(st) : b.rc;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st); /* the JSON buffers are reused */
    if (r != SQLITE_DONE)
        return tw__store_fail(s, d, r, "cannot store a finding");
    *kind = id == 0 ? PUT_NEW : resolved ? PUT_REOPENED : PUT_SEEN;
    if (id == 0)
        id = sqlite3_last_insert_rowid(s->db);
    return scope != NULL ? mark_seen(s, id, d) : TW_OK;
}

/* Resolves what the scope held and this put did not see. */
static tw_err resolve_scope(tw_store *s, const char *scope, size_t *resolved, tw_diags *d)
{
    tw_err rc = TW_OK;
    sqlite3_stmt *st = tw__store_stmt(s, TW__ST_RESOLVE_SCOPE, d, &rc);
    tw__bind b = {st, SQLITE_OK};
    int r;

    if (st == NULL)
        return rc;
    tw__bind_text(&b, 1, scope);
    r = b.rc == SQLITE_OK ? sqlite3_step(st) : b.rc;
    sqlite3_reset(st);
    if (r != SQLITE_DONE)
        return tw__store_fail(s, d, r, "cannot resolve findings");
    *resolved = (size_t)sqlite3_changes(s->db);
    return tw__store_run(s, TW__ST_SEEN_CLEAR, d, "cannot resolve findings");
}

/* The body of tw_store_findings_put, inside its transaction. */
static tw_err put_all(tw_store *s, const char *scope, const tw_findings *fl, const fprint *fps,
                      int64_t now, tw_store_put_stats *stats, bool *opened, tw_diags *d)
{
    json_cols j;
    tw_err rc = TW_OK;

    if (scope != NULL)
        rc = tw__store_run(s, TW__ST_SEEN_CLEAR, d, "cannot store findings");
    tw_buf_init(&j.attack, JSON_MAX);
    tw_buf_init(&j.refs, JSON_MAX);
    tw_buf_init(&j.details, JSON_MAX);
    for (size_t i = 0; i < fl->n && rc == TW_OK; i++) {
        char fp[33];
        put_kind kind = PUT_SEEN;

        fp_text(s, &fps[i], fp);
        rc = put_one(s, scope, &fl->v[i], fp, now, &j, &kind, d);
        stats->opened += kind != PUT_SEEN;
        stats->seen += kind == PUT_SEEN;
        if (opened != NULL)
            opened[i] = kind != PUT_SEEN;
    }
    if (rc == TW_OK && scope != NULL)
        rc = resolve_scope(s, scope, &stats->resolved, d);
    tw_buf_release(&j.attack);
    tw_buf_release(&j.refs);
    tw_buf_release(&j.details);
    return rc;
}

tw_err tw_store_findings_put(tw_store *s, const char *scope, const tw_findings *fl, int64_t now,
                             tw_store_put_stats *stats, bool *opened, tw_diags *diags)
{
    tw_store_put_stats dummy;
    fprint *fps = calloc(fl->n ? fl->n : 1, sizeof(*fps));
    tw_err rc = fps != NULL ? fingerprints(s, fl, fps) : TW_ENOMEM;

    if (stats == NULL)
        stats = &dummy;
    memset(stats, 0, sizeof(*stats));
    if (rc == TW_OK)
        rc = tw__store_begin(s, diags, "cannot store findings");
    if (rc == TW_OK) {
        rc = put_all(s, scope, fl, fps, now, stats, opened, diags);
        rc = tw__store_end(s, rc, diags, "cannot store findings");
    }
    if (rc != TW_OK)
        memset(stats, 0, sizeof(*stats));
    free(fps);
    return rc;
}
