/*
 * findings_read.c: reading stored findings back (list with filters, one by
 * id) and changing their state by hand (acknowledge, resolve).
 *
 * A row becomes a tw_stored_finding whose strings are copied into the
 * caller's arena; the JSON columns (attack, references, details) are
 * parsed with jansson.  A value the store does not recognise (a category
 * a later tidewatch added, JSON that does not parse) reads as a neutral
 * value rather than failing the whole listing.
 */
#include <jansson.h>
#include <string.h>

#include "store_int.h"
#include "tidewatch/limits.h"

static const char *const state_names[] = {"open", "acknowledged", "resolved"};

const char *tw_finding_state_name(tw_finding_state st)
{
    if ((unsigned)st >= sizeof(state_names) / sizeof(state_names[0]))
        return "?";
    return state_names[st];
}

bool tw_finding_state_parse(tw_str name, tw_finding_state *out)
{
    for (unsigned i = 0; i < sizeof(state_names) / sizeof(state_names[0]); i++) {
        if (tw_str_ieq_c(name, state_names[i])) {
            *out = (tw_finding_state)i;
            return true;
        }
    }
    return false;
}

/* The columns of the list and get statements, in order (store.c). */
enum {
    C_ID,
    C_STATE,
    C_FIRST,
    C_LAST,
    C_SCOPE,
    C_NOTE,
    C_ACK_BY,
    C_ACK_TIME,
    C_RULE,
    C_SEVERITY,
    C_CATEGORY,
    C_TITLE,
    C_MESSAGE,
    C_FILE,
    C_LINE,
    C_DEVICE,
    C_EVIDENCE,
    C_IOC,
    C_CVE,
    C_ATTACK,
    C_REFS,
    C_REMEDIATION,
    C_USER,
    C_DETAILS,
};

/* A JSON array of strings (column i) as an arena array; *n 0 when the text
 * is not one. */
static const char *const *col_list(sqlite3_stmt *st, int i, tw_arena *a, size_t *n, bool *oom)
{
    tw_str text = tw__col_str(st, i);
    json_t *root = json_loadb(text.ptr, text.len, 0, NULL);
    size_t count = json_is_array(root) ? json_array_size(root) : 0;
    const char **v = count ? tw_arena_alloc(a, count * sizeof(*v)) : NULL;

    *n = 0;
    if (count && v == NULL)
        *oom = true;
    for (size_t k = 0; v != NULL && k < count; k++) {
        json_t *e = json_array_get(root, k);

        if (!json_is_string(e))
            continue;
        v[*n] = tw_arena_strndup(a, json_string_value(e), json_string_length(e));
        *oom |= v[*n] == NULL;
        *n += v[*n] != NULL;
    }
    json_decref(root);
    return *n ? v : NULL;
}

/* The details object (column C_DETAILS) as an arena array, in order. */
static const tw_detail *col_details(sqlite3_stmt *st, tw_arena *a, size_t *n, bool *oom)
{
    tw_str text = tw__col_str(st, C_DETAILS);
    json_t *root = json_loadb(text.ptr, text.len, 0, NULL);
    size_t count = json_is_object(root) ? json_object_size(root) : 0;
    tw_detail *v = count ? tw_arena_alloc(a, count * sizeof(*v)) : NULL;
    const char *key;
    json_t *val;

    *n = 0;
    if (count && v == NULL)
        *oom = true;
    json_object_foreach(root, key, val)
    {
        if (v == NULL || *n >= count || !json_is_string(val))
            continue;
        v[*n].name = tw_arena_strdup(a, key);
        v[*n].value = tw_arena_strndup(a, json_string_value(val), json_string_length(val));
        *oom |= v[*n].name == NULL || v[*n].value == NULL;
        *n += v[*n].name != NULL && v[*n].value != NULL;
    }
    json_decref(root);
    return *n ? v : NULL;
}

/* The contract fields of the current row into f. */
static void row_finding(sqlite3_stmt *st, tw_arena *a, tw_finding *f, bool *oom)
{
    int64_t sev = sqlite3_column_int64(st, C_SEVERITY);

    memset(f, 0, sizeof(*f));
    f->rule = tw__col_dup(st, C_RULE, a, oom);
    f->severity = sev >= TW_SEV_INFO && sev <= TW_SEV_CRITICAL ? (tw_severity)sev : TW_SEV_INFO;
    if (!tw_category_parse(tw__col_str(st, C_CATEGORY), &f->category))
        f->category = TW_CAT_HARDENING;
    f->title = tw__col_dup(st, C_TITLE, a, oom);
    f->message = tw__col_dup(st, C_MESSAGE, a, oom);
    f->file = tw__col_dup(st, C_FILE, a, oom);
    f->line = (uint32_t)sqlite3_column_int64(st, C_LINE);
    f->device = tw__col_dup(st, C_DEVICE, a, oom);
    f->evidence = tw__col_dup(st, C_EVIDENCE, a, oom);
    f->ioc = tw__col_dup(st, C_IOC, a, oom);
    f->cve = tw__col_dup(st, C_CVE, a, oom);
    f->attack = col_list(st, C_ATTACK, a, &f->nattack, oom);
    f->references = col_list(st, C_REFS, a, &f->nreferences, oom);
    f->remediation = tw__col_dup(st, C_REMEDIATION, a, oom);
    f->user = tw__col_dup(st, C_USER, a, oom);
    f->details = col_details(st, a, &f->ndetails, oom);
}

/* The current row into out; TW_ENOMEM when the arena is full. */
static tw_err row_stored(sqlite3_stmt *st, tw_arena *a, tw_stored_finding *out)
{
    bool oom = false;

    row_finding(st, a, &out->f, &oom);
    out->id = sqlite3_column_int64(st, C_ID);
    if (!tw_finding_state_parse(tw__col_str(st, C_STATE), &out->state))
        out->state = TW_STATE_OPEN;
    out->first_seen = sqlite3_column_int64(st, C_FIRST);
    out->last_seen = sqlite3_column_int64(st, C_LAST);
    out->scope = tw__col_dup(st, C_SCOPE, a, &oom);
    out->note = tw__col_dup(st, C_NOTE, a, &oom);
    out->ack_by = tw__col_dup(st, C_ACK_BY, a, &oom);
    out->ack_time = sqlite3_column_int64(st, C_ACK_TIME);
    return oom ? TW_ENOMEM : TW_OK;
}

/* Makes room for one more entry of *v (in the arena, doubling). */
static tw_err grow(tw_arena *a, tw_stored_finding **v, size_t n, size_t *cap)
{
    size_t ncap = *cap ? *cap * 2 : 64;
    tw_stored_finding *w;

    if (n < *cap)
        return TW_OK;
    w = tw_arena_alloc(a, ncap * sizeof(*w));
    if (w == NULL)
        return TW_ENOMEM;
    if (n > 0)
        memcpy(w, *v, n * sizeof(*w));
    *v = w;
    *cap = ncap;
    return TW_OK;
}

static void bind_query(tw__bind *b, const tw_store_query *q)
{
    size_t limit = q->limit && q->limit < TW_LIMIT_FINDINGS ? q->limit : TW_LIMIT_FINDINGS;

    tw__bind_text(b, 1, q->any_state ? NULL : tw_finding_state_name(q->state));
    tw__bind_int(b, 2, q->min_severity);
    tw__bind_text(b, 3, q->device);
    tw__bind_text(b, 4, q->rule);
    tw__bind_int(b, 5, (int64_t)limit);
}

tw_err tw_store_findings_list(tw_store *s, const tw_store_query *q, tw_arena *a,
                              tw_stored_finding **out, size_t *n, tw_diags *diags)
{
    tw_err rc = TW_OK;
    sqlite3_stmt *st = tw__store_stmt(s, TW__ST_FIND_LIST, diags, &rc);
    tw__bind b = {st, SQLITE_OK};
    size_t cap = 0;
    int r = SQLITE_OK;

    *out = NULL;
    *n = 0;
    if (st == NULL)
        return rc;
    bind_query(&b, q);
    r = b.rc == SQLITE_OK ? sqlite3_step(st) : b.rc;
    while (rc == TW_OK && r == SQLITE_ROW) {
        rc = grow(a, out, *n, &cap);
        if (rc == TW_OK)
            rc = row_stored(st, a, &(*out)[*n]);
        *n += rc == TW_OK;
        if (rc == TW_OK)
            r = sqlite3_step(st);
    }
    sqlite3_reset(st);
    if (rc == TW_OK && r != SQLITE_DONE)
        rc = tw__store_fail(s, diags, r, "cannot list findings");
    return rc;
}

tw_err tw_store_finding_get(tw_store *s, int64_t id, tw_arena *a, tw_stored_finding *out,
                            bool *found, tw_diags *diags)
{
    tw_err rc = TW_OK;
    sqlite3_stmt *st = tw__store_stmt(s, TW__ST_FIND_GET, diags, &rc);
    int r;

    *found = false;
    if (st == NULL)
        return rc;
    r = sqlite3_bind_int64(st, 1, id);
    if (r == SQLITE_OK)
        r = sqlite3_step(st);
    if (r == SQLITE_ROW) {
        *found = true;
        rc = row_stored(st, a, out);
    }
    sqlite3_reset(st);
    if (r != SQLITE_ROW && r != SQLITE_DONE)
        rc = tw__store_fail(s, diags, r, "cannot read a finding");
    return rc;
}

/* Runs an update of one finding (bound in b) in its own transaction;
 * *found when a row changed. */
/* Runs the bound statement of b in one transaction; *n gets the number of
 * rows it changed. */
static tw_err update_rows(tw_store *s, tw__bind *b, size_t *n, tw_diags *d, const char *what)
{
    tw_err rc = tw__store_begin(s, d, what);
    int r;

    *n = 0;
    if (rc != TW_OK)
        return rc;
    r = b->rc == SQLITE_OK ? sqlite3_step(b->st) : b->rc;
    sqlite3_reset(b->st);
    if (r != SQLITE_DONE)
        rc = tw__store_fail(s, d, r, what);
    *n = rc == TW_OK ? (size_t)sqlite3_changes(s->db) : 0;
    rc = tw__store_end(s, rc, d, what);
    if (rc != TW_OK)
        *n = 0;
    return rc;
}

static tw_err update_one(tw_store *s, tw__bind *b, bool *found, tw_diags *d, const char *what)
{
    size_t n;
    tw_err rc = update_rows(s, b, &n, d, what);

    *found = n > 0;
    return rc;
}

tw_err tw_store_finding_ack(tw_store *s, int64_t id, const char *note, const char *by, int64_t now,
                            bool *found, tw_diags *diags)
{
    tw_err rc = TW_OK;
    sqlite3_stmt *st = tw__store_stmt(s, TW__ST_FIND_ACK, diags, &rc);
    tw__bind b = {st, SQLITE_OK};

    *found = false;
    if (st == NULL)
        return rc;
    tw__bind_int(&b, 1, id);
    tw__bind_text(&b, 2, note);
    tw__bind_text(&b, 3, by);
    tw__bind_int(&b, 4, now);
    return update_one(s, &b, found, diags, "cannot acknowledge a finding");
}

tw_err tw_store_finding_resolve(tw_store *s, int64_t id, bool *found, tw_diags *diags)
{
    tw_err rc = TW_OK;
    sqlite3_stmt *st = tw__store_stmt(s, TW__ST_FIND_RESOLVE, diags, &rc);
    tw__bind b = {st, SQLITE_OK};

    *found = false;
    if (st == NULL)
        return rc;
    tw__bind_int(&b, 1, id);
    return update_one(s, &b, found, diags, "cannot resolve a finding");
}

tw_err tw_store_findings_prune(tw_store *s, int64_t before, bool open_too, size_t *deleted,
                               tw_diags *diags)
{
    tw_err rc = TW_OK;
    sqlite3_stmt *st = tw__store_stmt(s, TW__ST_FIND_PRUNE, diags, &rc);
    tw__bind b = {st, SQLITE_OK};

    *deleted = 0;
    if (st == NULL)
        return rc;
    tw__bind_int(&b, 1, before);
    tw__bind_int(&b, 2, open_too);
    return update_rows(s, &b, deleted, diags, "cannot prune findings");
}
