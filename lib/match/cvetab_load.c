/*
 * cvetab_load.c: reads a YAML CVE table (docs/cve-table.md) into a table.
 *
 * libyaml's document API gives every node a start mark, so each problem is
 * a diagnostic at file:line:column naming the CVE.  Keys are dispatched
 * through one table per mapping kind (CVE, train, kev); unknown and
 * duplicate keys are errors.  Every release in the table is parsed with
 * the vendor grammar of its OS (version.h) and must be of the entry's
 * train, fix points in ascending order.  A CVE with any problem is left
 * out and the others are kept.  Aliases are refused (each node is walked
 * once), which also keeps a hostile table from expanding; that walk, the
 * diagnostics and the document loop are core/yaml_util.c's, shared with
 * the rule pack loader.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <yaml.h>

#include "core/yaml_int.h"
#include "match/cvetab_int.h"

#include "tidewatch/limits.h"

#define MAX_KEYS 64

/* y.file is an arena copy; y.entry (and y.entry_id) the id of the entry
 * being read, for messages; y.errors counts those of the current entry. */
typedef struct {
    tw__yaml_rd y;
    tw_cvetab *t;
    bool oom, limit;
} ld;

/* Reading state of one CVE entry. */
typedef struct {
    tw_cve *c;
    yaml_node_t *node;
    yaml_node_t *remediation; /* read last: its OSes must be named */
    tw_cve_train *trains;
    size_t ntrains, cap;
    bool title, severity, precondition, references, affected;
} cve_rd;

/* Reading state of one train entry (one or several train names). */
typedef struct {
    tw_os os;
    yaml_node_t *node, *train, *fixed, *introduced, *last, *upgrade, *status, *scope, *note;
} train_rd;

typedef void (*key_fn)(ld *c, yaml_node_t *val, void *obj);

/* One key of a mapping: fn reads its value into the object being read,
 * offset by slot bytes (0 but for KEEP). */
typedef struct {
    const char *name;
    key_fn fn;
    size_t slot;
} key_def;

/* A key whose value node is kept in the yaml_node_t * member of type, to
 * be read later. */
#define KEEP(name, type, member) {name, k_keep, offsetof(type, member)}

static void err(ld *c, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void err(ld *c, const yaml_node_t *n, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    tw__yaml_verror(&c->y, n, fmt, ap);
    va_end(ap);
}

/* Names the entry being read in every message (NULL: none). */
static void set_entry(ld *c, const char *cve)
{
    c->y.entry = cve;
    c->y.entry_id = cve;
}

/* The node of id, walked once: a second visit is an alias. */
static yaml_node_t *node(ld *c, int id)
{
    return tw__yaml_node(&c->y, id);
}

/* The text of a scalar node, or NULL (reported) for another node. */
static const char *scalar(ld *c, yaml_node_t *n, const char *what)
{
    return tw__yaml_scalar(&c->y, n, what);
}

/* An arena copy of a non-empty, bounded scalar, or NULL (reported). */
static const char *text(ld *c, yaml_node_t *n, const char *what)
{
    const char *s = scalar(c, n, what);
    char *copy;

    if (s == NULL)
        return NULL;
    if (s[0] == '\0' || strlen(s) > TW_LIMIT_TEXT_FIELD) {
        err(c, n, "%s must be non-empty text of at most %d bytes", what, TW_LIMIT_TEXT_FIELD);
        return NULL;
    }
    copy = tw_arena_strdup(c->t->arena, s);
    c->oom |= copy == NULL;
    return copy;
}

/* Items of a sequence node, or -1 (reported) when n is no bounded list. */
static long seq_len(ld *c, yaml_node_t *n, const char *what, size_t max)
{
    size_t k;

    if (n->type != YAML_SEQUENCE_NODE) {
        err(c, n, "%s must be a list", what);
        return -1;
    }
    k = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
    if (k == 0 || k > max) {
        err(c, n, "%s must hold 1 to %zu items", what, max);
        return -1;
    }
    return (long)k;
}

/* True when an earlier key of mapping n, before pair p, is name. */
static bool dup_key(ld *c, yaml_node_t *n, yaml_node_pair_t *p, const char *name)
{
    return tw__yaml_find_key(c->y.doc, n->data.mapping.pairs.start, p, name) != NULL;
}

typedef void (*pair_fn)(ld *c, const char *name, yaml_node_t *key, yaml_node_t *val, void *obj);

/* Calls fn for each pair of mapping n whose key is a scalar met for the
 * first time.  False (reported) when n is not a bounded mapping. */
static bool each_pair(ld *c, yaml_node_t *n, const char *what, pair_fn fn, void *obj)
{
    if (n->type != YAML_MAPPING_NODE ||
        n->data.mapping.pairs.top - n->data.mapping.pairs.start > MAX_KEYS) {
        err(c, n, "%s must be a mapping of at most %d keys", what, MAX_KEYS);
        return false;
    }
    for (yaml_node_pair_t *p = n->data.mapping.pairs.start; p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *key = node(c, p->key);
        const char *name = scalar(c, key, "a key");
        yaml_node_t *val = node(c, p->value);
        if (name == NULL || val == NULL)
            continue;
        if (dup_key(c, n, p, name))
            err(c, key, "duplicate key '%.64s' in %s", name, what);
        else
            fn(c, name, key, val, obj);
    }
    return true;
}

/* What each_key passes through each_pair. */
typedef struct {
    const key_def *defs;
    const char *what;
    void *obj;
} key_walk;

static void key_pair(ld *c, const char *name, yaml_node_t *key, yaml_node_t *val, void *obj)
{
    const key_walk *w = obj;
    const key_def *d = w->defs;

    while (d->name != NULL && strcmp(d->name, name) != 0)
        d++;
    if (d->name == NULL)
        err(c, key, "unknown key '%.64s' in %s", name, w->what);
    else
        d->fn(c, val, (char *)w->obj + d->slot);
}

/* Keeps the value node in *slot (a KEEP key). */
static void k_keep(ld *c, yaml_node_t *v, void *slot)
{
    (void)c;
    *(yaml_node_t **)slot = v;
}

/* Calls the handler of defs for each key of mapping n; an unknown key is
 * an error.  False (reported) when n is not a bounded mapping. */
static bool each_key(ld *c, yaml_node_t *n, const char *what, const key_def *defs, void *obj)
{
    key_walk w = {defs, what, obj};

    return each_pair(c, n, what, key_pair, &w);
}

/* The OS of a canonical name ("ios-xe"), or TW_OS_UNKNOWN (reported). */
static tw_os os_of(ld *c, yaml_node_t *n)
{
    const char *s = scalar(c, n, "an os name");

    for (int i = 1; s != NULL && i < TW__OS_COUNT; i++) {
        if (strcmp(tw_os_name((tw_os)i), s) == 0)
            return (tw_os)i;
    }
    if (s != NULL)
        err(c, n, "unknown os '%.64s' (expected a canonical name such as ios-xe, pan-os)", s);
    return TW_OS_UNKNOWN;
}

/* Parses a release of os (of train when not NULL) into *out.  False
 * (reported) when it is no release of that OS and train. */
static bool release(ld *c, yaml_node_t *n, tw_os os, const char *train, const char *what,
                    tw_version *out)
{
    const char *s = scalar(c, n, what);

    if (s == NULL)
        return false;
    if (tw_version_parse(os, tw_str_c(s), out) != TW_OK || out->train_only) {
        err(c, n, "%s '%.64s' is not a release of %s", what, s, tw_os_name(os));
        return false;
    }
    if (train != NULL && !tw_str_ieq_c(tw_str_c(out->train), train)) {
        err(c, n, "%s '%.64s' is of train %s, not %s", what, s, out->train, train);
        return false;
    }
    return true;
}

/* True when s is YYYY-MM-DD with a plausible month and day. */
static bool date_valid(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    if (strspn(s, "0123456789") != 4 || strspn(s + 5, "0123456789") != 2 ||
        strspn(s + 8, "0123456789") != 2)
        return false;
    return memcmp(s + 5, "01", 2) >= 0 && memcmp(s + 5, "12", 2) <= 0 &&
           memcmp(s + 8, "01", 2) >= 0 && memcmp(s + 8, "31", 2) <= 0;
}

/* True when s is a CVE id: CVE-YYYY-NNNN with 4 to 19 digits. */
static bool cve_id_valid(const char *s)
{
    size_t n = strlen(s);

    if (n < 13 || n > 28 || strncmp(s, "CVE-", 4) != 0 || s[8] != '-')
        return false;
    return strspn(s + 4, "0123456789") == 4 && strspn(s + 9, "0123456789") == n - 9;
}

/* True when s is an ATT&CK id: T1234, T1234.567 or TA1234. */
static bool attack_valid(const char *s)
{
    size_t n = strlen(s);

    if (s[0] != 'T')
        return false;
    if (s[1] == 'A')
        return n == 6 && strspn(s + 2, "0123456789") == 4;
    if (n == 5)
        return strspn(s + 1, "0123456789") == 4;
    return n == 9 && strspn(s + 1, "0123456789") == 4 && s[5] == '.' &&
           strspn(s + 6, "0123456789") == 3;
}

/* True when s is a CVSS base score "0.0" to "10.0". */
static bool cvss_valid(const char *s)
{
    size_t n = strlen(s);

    if (n == 3)
        return strspn(s, "0123456789") == 1 && s[1] == '.' && strspn(s + 2, "0123456789") == 1;
    return strcmp(s, "10.0") == 0;
}

/* Reads a list of texts that each pass ok ("references", "attack"). */
static void read_list(ld *c, yaml_node_t *n, const char *what, bool (*ok)(const char *),
                      const char *expect, const char *const **out, size_t *nout)
{
    long k = seq_len(c, n, what, TW_CVETAB_MAX_LIST);
    const char **v;

    if (k < 0)
        return;
    v = tw_arena_zalloc(c->t->arena, (size_t)k * sizeof(*v));
    c->oom |= v == NULL;
    for (yaml_node_item_t *it = n->data.sequence.items.start;
         v != NULL && it < n->data.sequence.items.top; it++) {
        yaml_node_t *item = node(c, *it);
        const char *s = text(c, item, what);
        if (s != NULL && !ok(s))
            err(c, item, "invalid %s '%.64s' (expected %s)", what, s, expect);
        else if (s != NULL)
            v[(*nout)++] = s;
    }
    *out = v;
}

/* True when s looks like an http(s) URL without white space. */
static bool url_valid(const char *s)
{
    bool scheme = strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0;

    return scheme && strcspn(s, " \t\r\n") == strlen(s);
}

/* ---- kev: {added, due, ransomware} ---- */

static void kev_date(ld *c, yaml_node_t *v, const char **out, const char *what)
{
    const char *s = scalar(c, v, what);

    if (s != NULL && !date_valid(s))
        err(c, v, "%s '%.64s' is not a date (YYYY-MM-DD)", what, s);
    else if (s != NULL)
        *out = text(c, v, what);
}

static void k_kev_added(ld *c, yaml_node_t *v, void *o)
{
    kev_date(c, v, &((cve_rd *)o)->c->kev_added, "kev added");
}

static void k_kev_due(ld *c, yaml_node_t *v, void *o)
{
    kev_date(c, v, &((cve_rd *)o)->c->kev_due, "kev due");
}

static void k_kev_ransomware(ld *c, yaml_node_t *v, void *o)
{
    const char *s = scalar(c, v, "kev ransomware");

    if (s == NULL)
        return;
    ((cve_rd *)o)->c->kev_ransomware = tw_str_ieq_c(tw_str_c(s), "known");
    if (!tw_str_ieq_c(tw_str_c(s), "known") && !tw_str_ieq_c(tw_str_c(s), "unknown"))
        err(c, v, "kev ransomware must be known or unknown, not '%.64s'", s);
}

static const key_def kev_defs[] = {
    {"added", k_kev_added, 0},
    {"due", k_kev_due, 0},
    {"ransomware", k_kev_ransomware, 0},
    {NULL, NULL, 0},
};

/* ---- train entries ---- */

static const key_def train_defs[] = {
    KEEP("train", train_rd, train),
    KEEP("status", train_rd, status),
    KEEP("introduced", train_rd, introduced),
    KEEP("last-affected", train_rd, last),
    KEEP("fixed", train_rd, fixed),
    KEEP("fixed-scope", train_rd, scope),
    KEEP("upgrade", train_rd, upgrade),
    KEEP("note", train_rd, note),
    {NULL, NULL, 0},
};

/* The canonical name of a train of os, or NULL (reported).  A name the
 * grammar reads as a train ("17.9", "10.2") takes the grammar's spelling;
 * one it cannot read alone (IOS "15.2E") is kept as written. */
static const char *train_name(ld *c, yaml_node_t *n, tw_os os)
{
    const char *s = scalar(c, n, "train");
    tw_version v;
    size_t len;

    if (s == NULL)
        return NULL;
    len = strlen(s);
    if (len == 0 || len >= TW_VERSION_TEXT ||
        strspn(s, "0123456789.()-ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") != len) {
        err(c, n, "invalid train '%.64s'", s);
        return NULL;
    }
    if (tw_version_parse(os, tw_str_c(s), &v) == TW_OK && !v.train_only) {
        err(c, n, "train '%s' is a release; write its train (%s)", s, v.train);
        return NULL;
    }
    if (tw_version_parse(os, tw_str_c(s), &v) == TW_OK)
        s = v.train;
    s = tw_arena_strdup(c->t->arena, s);
    c->oom |= s == NULL;
    return s;
}

/* Reads "fixed": "none" or an ascending list of releases of the train. */
static void read_fixed(ld *c, yaml_node_t *n, tw_cve_train *t)
{
    const char *s = n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
    long k;
    tw_version *v;

    if (s != NULL && strcmp(s, "none") == 0) {
        t->fixes = TW_CVE_FIXES_NONE;
        return;
    }
    k = s != NULL ? -1 : seq_len(c, n, "fixed", TW_CVETAB_MAX_FIXED);
    if (s != NULL)
        err(c, n, "fixed must be a list of releases or 'none'");
    if (k < 0)
        return;
    v = tw_arena_zalloc(c->t->arena, (size_t)k * sizeof(*v));
    c->oom |= v == NULL;
    for (yaml_node_item_t *it = n->data.sequence.items.start;
         v != NULL && it < n->data.sequence.items.top; it++) {
        yaml_node_t *item = node(c, *it);
        tw_version *f = &v[t->nfixed];
        if (!release(c, item, t->os, t->train, "fix point", f))
            continue;
        if (t->nfixed > 0 && tw_version_cmp(&v[t->nfixed - 1], f) != TW_VCMP_LT)
            err(c, item, "fix point '%s' is not above '%s' (list fix points in ascending order)",
                f->text, v[t->nfixed - 1].text);
        else
            t->nfixed++;
    }
    t->fixed = v;
    t->fixes = TW_CVE_FIXES_LISTED;
}

/* Reads status and fixed-scope. */
static void read_flags(ld *c, const train_rd *r, tw_cve_train *t)
{
    const char *st = r->status != NULL ? scalar(c, r->status, "status") : NULL;
    const char *sc = r->scope != NULL ? scalar(c, r->scope, "fixed-scope") : NULL;

    t->not_affected = st != NULL && strcmp(st, "not-affected") == 0;
    if (st != NULL && !t->not_affected && strcmp(st, "affected") != 0)
        err(c, r->status, "status must be affected or not-affected, not '%.64s'", st);
    t->branch_only = sc != NULL && strcmp(sc, "branch") == 0;
    if (sc != NULL && !t->branch_only && strcmp(sc, "train") != 0)
        err(c, r->scope, "fixed-scope must be train or branch, not '%.64s'", sc);
    if (t->not_affected && (r->fixed != NULL || r->introduced != NULL || r->last != NULL ||
                            r->upgrade != NULL || r->scope != NULL))
        err(c, r->status, "a not-affected train takes no releases, fixes or upgrade");
}

/* Checks the releases of a train against each other. */
static void check_order(ld *c, const train_rd *r, const tw_cve_train *t)
{
    if (t->has_introduced && t->nfixed > 0 &&
        tw_version_cmp(&t->introduced, &t->fixed[0]) != TW_VCMP_LT)
        err(c, r->introduced, "introduced '%s' is not below the first fix point '%s'",
            t->introduced.text, t->fixed[0].text);
    if (t->has_introduced && t->has_last_affected &&
        tw_version_cmp(&t->introduced, &t->last_affected) == TW_VCMP_GT)
        err(c, r->last, "last-affected '%s' is below introduced '%s'", t->last_affected.text,
            t->introduced.text);
    if (r->scope != NULL && t->fixes != TW_CVE_FIXES_LISTED)
        err(c, r->scope, "fixed-scope needs a list of fix points");
}

/* Fills train entry t of one train name from the keys in r. */
static void fill_train(ld *c, const train_rd *r, yaml_node_t *name, tw_cve_train *t)
{
    tw_version up;

    t->os = r->os;
    t->line = (uint32_t)r->node->start_mark.line + 1;
    t->train = train_name(c, name, r->os);
    if (t->train == NULL)
        return;
    read_flags(c, r, t);
    if (r->introduced != NULL)
        t->has_introduced =
            release(c, r->introduced, t->os, t->train, "introduced", &t->introduced);
    if (r->last != NULL)
        t->has_last_affected =
            release(c, r->last, t->os, t->train, "last-affected", &t->last_affected);
    if (r->fixed != NULL)
        read_fixed(c, r->fixed, t);
    if (r->upgrade != NULL && release(c, r->upgrade, t->os, NULL, "upgrade", &up)) {
        t->upgrade = tw_arena_strdup(c->t->arena, up.text);
        c->oom |= t->upgrade == NULL;
    }
    if (r->note != NULL)
        t->note = text(c, r->note, "note");
    check_order(c, r, t);
}

/* Appends an empty train entry to the CVE, or NULL (reported). */
static tw_cve_train *push_train(ld *c, cve_rd *r, yaml_node_t *at)
{
    tw_cve_train *nv;
    size_t cap = r->cap == 0 ? 16 : r->cap * 2;

    if (r->ntrains >= TW_CVETAB_MAX_TRAINS) {
        c->limit = true;
        err(c, at, "more than %d train entries", TW_CVETAB_MAX_TRAINS);
        return NULL;
    }
    if (r->ntrains == r->cap) {
        nv = tw_arena_zalloc(c->t->arena, cap * sizeof(*nv));
        if (nv == NULL) {
            c->oom = true;
            return NULL;
        }
        if (r->ntrains > 0)
            memcpy(nv, r->trains, r->ntrains * sizeof(*nv));
        r->trains = nv;
        r->cap = cap;
    }
    return &r->trains[r->ntrains++];
}

/* Reports a train listed twice for one OS. */
static void check_dup_train(ld *c, const cve_rd *r, yaml_node_t *at)
{
    const tw_cve_train *last = &r->trains[r->ntrains - 1];

    for (size_t i = 0; last->train != NULL && i + 1 < r->ntrains; i++) {
        if (r->trains[i].os == last->os && r->trains[i].train != NULL &&
            strcmp(r->trains[i].train, last->train) == 0)
            err(c, at, "train %s of %s is listed twice (first at line %u)", last->train,
                tw_os_name(last->os), r->trains[i].line);
    }
}

/* Reads one train entry of os: "train" is one name or a list of names
 * that share everything but releases. */
static void read_train_entry(ld *c, cve_rd *cr, tw_os os, yaml_node_t *n)
{
    train_rd r = {.os = os, .node = n};
    bool many;

    if (n == NULL || !each_key(c, n, "a train entry", train_defs, &r))
        return;
    if (r.train == NULL) {
        err(c, n, "train entry has no train");
        return;
    }
    many = r.train->type == YAML_SEQUENCE_NODE;
    if (many && (r.introduced != NULL || r.last != NULL ||
                 (r.fixed != NULL && r.fixed->type != YAML_SCALAR_NODE))) {
        err(c, n, "a list of trains takes no releases of a train (write one entry per train)");
        return;
    }
    if (!many) {
        tw_cve_train *t = push_train(c, cr, n);
        if (t != NULL)
            fill_train(c, &r, r.train, t);
        if (t != NULL)
            check_dup_train(c, cr, r.train);
        return;
    }
    if (seq_len(c, r.train, "train", TW_CVETAB_MAX_TRAINS) < 0)
        return;
    for (yaml_node_item_t *it = r.train->data.sequence.items.start;
         it < r.train->data.sequence.items.top; it++) {
        yaml_node_t *name = node(c, *it);
        tw_cve_train *t = name != NULL ? push_train(c, cr, name) : NULL;
        if (t == NULL)
            continue;
        fill_train(c, &r, name, t);
        check_dup_train(c, cr, name);
    }
}

/* One "os: [train entries]" pair of affected. */
static void affected_pair(ld *c, const char *name, yaml_node_t *key, yaml_node_t *val, void *obj)
{
    cve_rd *r = obj;
    tw_os os = os_of(c, key);

    (void)name;
    if (os == TW_OS_UNKNOWN || seq_len(c, val, "the trains of an os", TW_CVETAB_MAX_TRAINS) < 0)
        return;
    r->c->os[r->c->nos++] = os;
    for (yaml_node_item_t *it = val->data.sequence.items.start; it < val->data.sequence.items.top;
         it++)
        read_train_entry(c, r, os, node(c, *it));
}

/* ---- CVE keys ---- */

static void k_id(ld *c, yaml_node_t *v, void *o)
{
    (void)c, (void)v, (void)o; /* read before the other keys */
}

static void k_title(ld *c, yaml_node_t *v, void *o)
{
    cve_rd *r = o;

    r->c->title = text(c, v, "title");
    r->title = true;
}

static void k_severity(ld *c, yaml_node_t *v, void *o)
{
    cve_rd *r = o;
    const char *s = scalar(c, v, "severity");

    r->severity = true;
    if (s != NULL && !tw_severity_parse(tw_str_c(s), &r->c->severity))
        err(c, v, "unknown severity '%.64s' (info, low, medium, high, critical)", s);
}

static void k_cvss(ld *c, yaml_node_t *v, void *o)
{
    const char *s = scalar(c, v, "cvss");

    if (s != NULL && !cvss_valid(s))
        err(c, v, "cvss '%.64s' is not a base score 0.0 to 10.0", s);
    else if (s != NULL)
        ((cve_rd *)o)->c->cvss = text(c, v, "cvss");
}

static void k_precondition(ld *c, yaml_node_t *v, void *o)
{
    cve_rd *r = o;
    const char *s = scalar(c, v, "precondition");
    int i = 0;

    r->precondition = true;
    while (s != NULL && i < TW__CVE_PRECOND_COUNT &&
           strcmp(tw_cve_precond_name((tw_cve_precond)i), s) != 0)
        i++;
    if (s != NULL && i == TW__CVE_PRECOND_COUNT)
        err(c, v,
            "unknown precondition '%.64s' (none, web-ui, smart-install-client, globalprotect)", s);
    r->c->precondition = (tw_cve_precond)(i < TW__CVE_PRECOND_COUNT ? i : 0);
}

static void k_precondition_text(ld *c, yaml_node_t *v, void *o)
{
    ((cve_rd *)o)->c->precondition_text = text(c, v, "precondition-text");
}

static void k_note(ld *c, yaml_node_t *v, void *o)
{
    ((cve_rd *)o)->c->note = text(c, v, "note");
}

static void k_kev(ld *c, yaml_node_t *v, void *o)
{
    (void)each_key(c, v, "kev", kev_defs, o);
}

static void k_attack(ld *c, yaml_node_t *v, void *o)
{
    cve_rd *r = o;

    read_list(c, v, "attack", attack_valid, "T1234, T1234.567 or TA1234", &r->c->attack,
              &r->c->nattack);
}

static void k_references(ld *c, yaml_node_t *v, void *o)
{
    cve_rd *r = o;

    r->references = true;
    read_list(c, v, "references", url_valid, "an http or https url", &r->c->references,
              &r->c->nreferences);
}

static void k_other_trains(ld *c, yaml_node_t *v, void *o)
{
    const char *s = scalar(c, v, "other-trains");

    if (s == NULL)
        return;
    ((cve_rd *)o)->c->other_trains_unknown = strcmp(s, "unknown") == 0;
    if (strcmp(s, "unknown") != 0 && strcmp(s, "not-affected") != 0)
        err(c, v, "other-trains must be not-affected or unknown, not '%.64s'", s);
}

static void k_affected(ld *c, yaml_node_t *v, void *o)
{
    cve_rd *r = o;

    if (r->affected) {
        err(c, v, "give affected or affected-as, not both");
        return;
    }
    r->affected = true;
    (void)each_pair(c, v, "affected", affected_pair, r);
}

static void k_affected_as(ld *c, yaml_node_t *v, void *o)
{
    cve_rd *r = o;
    const char *s = scalar(c, v, "affected-as");
    const tw_cve *src = s != NULL ? tw_cvetab_find(c->t, s) : NULL;

    if (r->affected) {
        err(c, v, "give affected or affected-as, not both");
        return;
    }
    r->affected = true;
    if (s != NULL && src == NULL)
        err(c, v, "affected-as names '%.64s', which is not loaded before this entry", s);
    if (src == NULL)
        return;
    memcpy(r->c->os, src->os, sizeof(r->c->os));
    r->c->nos = src->nos;
    r->trains = (tw_cve_train *)src->trains; /* shared, never written through */
    r->ntrains = src->ntrains;
}

static const key_def cve_defs[] = {
    {"id", k_id, 0},
    {"title", k_title, 0},
    {"severity", k_severity, 0},
    {"cvss", k_cvss, 0},
    {"precondition", k_precondition, 0},
    {"precondition-text", k_precondition_text, 0},
    {"kev", k_kev, 0},
    {"attack", k_attack, 0},
    {"references", k_references, 0},
    {"note", k_note, 0},
    {"other-trains", k_other_trains, 0},
    KEEP("remediation", cve_rd, remediation),
    {"affected", k_affected, 0},
    {"affected-as", k_affected_as, 0},
    {NULL, NULL, 0},
};

/* One "os: text" pair of remediation. */
static void remediation_pair(ld *c, const char *name, yaml_node_t *key, yaml_node_t *val, void *obj)
{
    cve_rd *r = obj;
    tw_cve_remediation *m = (tw_cve_remediation *)&r->c->remediation[r->c->nremediation];
    tw_os os = os_of(c, key);

    (void)name;
    if (os == TW_OS_UNKNOWN)
        return;
    if (!tw_cve_names_os(r->c, os)) {
        err(c, key, "remediation for %s, which the cve does not name", name);
        return;
    }
    m->text = text(c, val, "remediation text");
    m->os = os;
    if (m->text != NULL)
        r->c->nremediation++;
}

/* Reads remediation, a mapping os -> text, once the OSes are known. */
static void read_remediation(ld *c, cve_rd *r)
{
    yaml_node_t *n = r->remediation;
    size_t k;

    if (n->type != YAML_MAPPING_NODE) {
        err(c, n, "remediation must be a mapping of os to text");
        return;
    }
    k = (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
    r->c->remediation = tw_arena_zalloc(c->t->arena, (k + 1) * sizeof(tw_cve_remediation));
    c->oom |= r->c->remediation == NULL;
    if (r->c->remediation != NULL)
        (void)each_pair(c, n, "remediation", remediation_pair, r);
}

/* Reads and checks the id first, so that every message names the CVE. */
static void read_id(ld *c, cve_rd *r, size_t index, char *label, size_t cap)
{
    yaml_node_t *idn = tw__yaml_peek(c->y.doc, r->node, "id");
    const char *s;

    snprintf(label, cap, "#%zu", index + 1);
    set_entry(c, label);
    s = idn != NULL && idn->type == YAML_SCALAR_NODE ? (const char *)idn->data.scalar.value : NULL;
    if (idn == NULL)
        err(c, r->node, "cve entry has no id");
    else if (s == NULL || !cve_id_valid(s))
        err(c, idn, "invalid cve id (expected CVE-YYYY-NNNN)");
    if (c->y.errors > 0)
        return;
    r->c->id = tw_arena_strdup(c->t->arena, s);
    c->oom |= r->c->id == NULL;
    set_entry(c, r->c->id != NULL ? r->c->id : label);
}

/* Checks the keys every CVE needs, and its id against those loaded. */
static void check_cve(ld *c, const cve_rd *r)
{
    const tw_cve *prev = r->c->id != NULL ? tw_cvetab_find(c->t, r->c->id) : NULL;

    if (!r->title)
        err(c, r->node, "cve entry has no title");
    if (!r->severity)
        err(c, r->node, "cve entry has no severity");
    if (!r->precondition)
        err(c, r->node, "cve entry has no precondition");
    if (!r->references)
        err(c, r->node, "cve entry has no references");
    if (!r->affected)
        err(c, r->node, "cve entry has neither affected nor affected-as");
    else if (r->ntrains == 0 && c->y.errors == 0)
        err(c, r->node, "cve entry lists no train");
    if (prev != NULL)
        err(c, r->node, "duplicate cve id (first at %s:%u)", prev->file != NULL ? prev->file : "",
            prev->line);
}

/* Reads one CVE entry and adds it to the table when it has no problem. */
static void read_cve(ld *c, yaml_node_t *n, size_t index)
{
    cve_rd r = {.node = n};
    char label[32];
    tw_err rc;

    c->y.errors = 0;
    set_entry(c, NULL);
    if (n == NULL)
        return;
    if (n->type != YAML_MAPPING_NODE) {
        err(c, n, "cve entry #%zu must be a mapping", index + 1);
        return;
    }
    r.c = tw_arena_zalloc(c->t->arena, sizeof(*r.c));
    if (r.c == NULL) {
        c->oom = true;
        return;
    }
    read_id(c, &r, index, label, sizeof(label));
    r.c->file = c->y.file;
    r.c->line = (uint32_t)n->start_mark.line + 1;
    (void)each_key(c, n, "a cve entry", cve_defs, &r);
    if (r.remediation != NULL)
        read_remediation(c, &r);
    check_cve(c, &r);
    r.c->trains = r.trains;
    r.c->ntrains = r.ntrains;
    if (c->y.errors > 0 || c->oom)
        return;
    rc = tw__cvetab_put(c->t, r.c);
    c->oom |= rc == TW_ENOMEM;
    if (rc == TW_ELIMIT) {
        c->limit = true;
        err(c, n, "more than %d cves in the table", TW_CVETAB_MAX_CVES);
    }
}

/* Reads the "cves" list. */
static void k_root_cves(ld *c, yaml_node_t *v, void *o)
{
    size_t index = 0;
    bool *rejected = o;

    if (v->type != YAML_SEQUENCE_NODE) {
        err(c, v, "cves must be a list of cve entries");
        *rejected = true;
        return;
    }
    for (yaml_node_item_t *it = v->data.sequence.items.start;
         it < v->data.sequence.items.top && !c->oom && !c->limit; it++, index++) {
        read_cve(c, node(c, *it), index);
        *rejected |= c->y.errors > 0;
    }
    set_entry(c, NULL);
}

static void k_root_format(ld *c, yaml_node_t *v, void *o)
{
    const char *s = scalar(c, v, "format");

    if (s != NULL && strcmp(s, "1") != 0)
        err(c, v, "unsupported table format '%.16s' (this build reads format 1)", s);
    *(bool *)o |= s == NULL || strcmp(s, "1") != 0;
}

static const key_def root_defs[] = {
    {"format", k_root_format, 0},
    {"cves", k_root_cves, 0},
    {NULL, NULL, 0},
};

/* Reads one document, a mapping {format, cves} (tw__yaml_doc_fn).
 * Returns TW_EPARSE when something was rejected, TW_ENOMEM or TW_ELIMIT
 * when the table cannot take more. */
static tw_err read_document(void *ctx, tw__yaml_rd *y)
{
    ld *c = ctx;
    yaml_node_t *root = yaml_document_get_root_node(y->doc);
    bool rejected = false;

    set_entry(c, NULL);
    c->y.errors = 0;
    if (root->type != YAML_MAPPING_NODE || !each_key(c, root, "a cve table", root_defs, &rejected))
        rejected = true;
    if (root->type != YAML_MAPPING_NODE)
        err(c, root, "a cve table is a mapping with the key 'cves'");
    rejected |= c->y.errors > 0;
    if (c->oom)
        return TW_ENOMEM;
    if (c->limit)
        return TW_ELIMIT;
    return rejected ? TW_EPARSE : TW_OK;
}

/* Loads one YAML table into t (see cvetab.h).  Not thread-safe on t. */
tw_err tw_cvetab_load(tw_cvetab *t, const char *file, const char *data, size_t len, tw_diags *diags)
{
    ld c = {.y = {.diags = diags, .code = TW_EPARSE, .kind = "cve", .input = "cve tables"}, .t = t};
    tw_err rc;

    if (t == NULL || diags == NULL)
        return TW_EINVAL;
    if (len > TW_CVETAB_MAX_FILE) {
        tw_diags_add(diags, TW_DIAG_ERROR, TW_ELIMIT, file, 0, 0, NULL,
                     "cve table larger than %zu bytes", TW_CVETAB_MAX_FILE);
        return TW_ELIMIT;
    }
    if (file != NULL) {
        c.y.file = tw_arena_strdup(t->arena, file);
        if (c.y.file == NULL)
            return TW_ENOMEM;
    }
    rc = tw__yaml_load_all(&c.y, data, len, read_document, &c);
    if (c.oom)
        rc = TW_ENOMEM;
    else if (c.limit)
        rc = TW_ELIMIT;
    return rc;
}
