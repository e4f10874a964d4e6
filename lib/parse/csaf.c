/*
 * csaf.c: the CSAF 2.0 advisory loader and its evaluation against a
 * device's OS and version.
 *
 * Loading a document (jansson) walks product_tree.branches recursively
 * with a context (vendor, product name and its OS, product_version,
 * service_pack / patch_level, product_version_range), then
 * full_product_names and relationships, and turns every product into a
 * definition: an exact version (tw_version), a range (tw_vers_range), the
 * "None" placeholder, or nothing usable.  Definitions are sorted by
 * product_id (one id may have several: Palo Alto reuses ids).  Each
 * vulnerabilities[] entry with a cve becomes a list of statements {status,
 * definitions of the id}, sorted by definition so that ids listed both as
 * affected and as fixed / not affected are marked as conflicts, plus its
 * vendor_fix remediations.  Evaluation picks the most specific matching
 * statement; the rules are in include/tidewatch/csaf.h.
 */
#include "tidewatch/csaf.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "tidewatch/arena.h"
#include "tidewatch/limits.h"
#include "tidewatch/vers.h"

/* Words of a product name tried together when looking for an OS name. */
#define OS_SPAN_WORDS 4
/* Words of a product name looked at. */
#define OS_NAME_WORDS 12
/* Product ids of one remediation kept. */
#define MAX_REMEDIATION_IDS 100000

/* What a product definition names. */
enum pkind {
    PK_NOOS,  /* no OS of ours: never matches */
    PK_BAD,   /* an OS, but no version or range that parses */
    PK_EXACT, /* one release */
    PK_RANGE, /* a vers range */
    PK_NONE,  /* "None": no version (read as not affected) */
};

/* Specificity of a match: exact beats range beats train beats any/none. */
enum { SPEC_ANY = 0, SPEC_TRAIN = 1, SPEC_RANGE = 2, SPEC_EXACT = 3 };

struct product {
    const char *id, *name, *vendor, *product;
    tw_os os;
    uint8_t kind, spec;
    uint32_t train_hash; /* PK_EXACT: hash of ver.train, to skip other trains fast */
    size_t seq;
    tw_version ver;
    tw_vers_range *range;
};

struct stmt {
    uint32_t first, count; /* definitions of the product id */
    uint8_t status;        /* tw_csaf_status */
    bool conflict;         /* the id is also listed with an opposite status */
};

struct remed {
    const char *details, *url;
    const char **ids;
    size_t nids;
};

struct vuln {
    size_t doc;
    const char *cve;
    struct stmt *st;
    size_t nst;
    struct remed *rem;
    size_t nrem;
    uint32_t os_mask;
};

struct doc {
    const char *file, *tracking, *title;
    struct product *p;
    size_t np;
};

struct tw_csaf {
    tw_arena *arena;
    struct doc *docs;
    size_t ndocs, capdocs;
    struct vuln *vulns;
    size_t nvulns, capvulns;
    tw_csaf_stats st;
};

/* One load in progress. */
struct load {
    tw_csaf *c;
    tw_diags *diags;
    struct doc d;
    size_t capp;
    struct vuln *v;
    size_t nv;
    tw_csaf_stats st;
};

/* The branch context handed down the product tree. */
struct ctx {
    const char *vendor, *product;
    tw_os os;
    const char *version, *sp, *range;
};

static const char *const status_names[] = {"none", "affected", "fixed", "not-affected"};

/* "none", "affected", "fixed", "not-affected"; static. */
const char *tw_csaf_status_name(tw_csaf_status s)
{
    if ((unsigned)s >= sizeof(status_names) / sizeof(status_names[0]))
        return "none";
    return status_names[s];
}

/* Returns a new empty set of documents, or NULL on ENOMEM. */
tw_csaf *tw_csaf_new(void)
{
    tw_csaf *c = calloc(1, sizeof(*c));

    if (c == NULL)
        return NULL;
    c->arena = tw_arena_new(0);
    if (c->arena == NULL) {
        free(c);
        return NULL;
    }
    return c;
}

/* Frees c and everything it holds; NULL is accepted. */
void tw_csaf_free(tw_csaf *c)
{
    if (c == NULL)
        return;
    for (size_t i = 0; i < c->ndocs; i++)
        free(c->docs[i].p);
    free(c->docs);
    free(c->vulns);
    tw_arena_free(c->arena);
    free(c);
}

static const char *jstr(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);

    return json_is_string(v) ? json_string_value(v) : NULL;
}

static const char *dup(struct load *ld, const char *s)
{
    return s != NULL ? tw_arena_strdup(ld->c->arena, s) : NULL;
}

/* ---- the OS of a product name ---- */

/* Splits name into up to OS_NAME_WORDS words; returns how many. */
static size_t split_words(tw_str name, tw_str *w)
{
    tw_str rest = name, tok;
    size_t n = 0;

    for (tok = tw_str_token(&rest); tok.len > 0 && n < OS_NAME_WORDS; tok = tw_str_token(&rest))
        w[n++] = tok;
    return n;
}

/* The OS a product name names: the whole name, the part before a '/'
 * ("FortiOS/>=7.0.0"), else the longest run of up to OS_SPAN_WORDS words
 * that tw_os_parse knows ("Cisco IOS XE Software 3.2SE 3.2.0SE"). */
static tw_os os_of_name(const char *cname)
{
    tw_str name = tw_str_trim(tw_str_c(cname)), w[OS_NAME_WORDS];
    const char *slash = name.len > 0 ? memchr(name.ptr, '/', name.len) : NULL;
    tw_os os = tw_os_parse(name);
    size_t n;

    if (os != TW_OS_UNKNOWN)
        return os;
    if (slash != NULL)
        name = tw_str_trim(tw_str_make(name.ptr, (size_t)(slash - name.ptr)));
    n = split_words(name, w);
    for (size_t len = n < OS_SPAN_WORDS ? n : OS_SPAN_WORDS; len > 0; len--) {
        for (size_t i = 0; i + len <= n; i++) {
            const char *end = w[i + len - 1].ptr + w[i + len - 1].len;
            os = tw_os_parse(tw_str_make(w[i].ptr, (size_t)(end - w[i].ptr)));
            if (os != TW_OS_UNKNOWN)
                return os;
        }
    }
    return TW_OS_UNKNOWN;
}

/* ---- product definitions ---- */

/* FNV-1a of a train name: equal trains have equal hashes. */
static uint32_t train_hash(const char *train)
{
    uint32_t h = 2166136261u;

    for (size_t i = 0; i < TW_VERSION_TEXT && train[i] != '\0'; i++)
        h = (h ^ (unsigned char)train[i]) * 16777619u;
    return h;
}

/* Sets p from a parsed range: one "=" is an exact version. */
static void set_range(struct load *ld, struct product *p, const tw_vers_range *r)
{
    if (r->none) {
        p->kind = PK_NONE;
        p->spec = SPEC_ANY;
        return;
    }
    if (r->n == 1 && r->c[0].op == TW_VERS_OP_EQ) {
        p->kind = PK_EXACT;
        p->spec = SPEC_EXACT;
        p->ver = r->c[0].v;
        p->train_hash = train_hash(p->ver.train);
        return;
    }
    p->range = tw_arena_alloc(ld->c->arena, sizeof(*r));
    if (p->range == NULL)
        return;
    *p->range = *r;
    p->kind = PK_RANGE;
    p->spec = r->c[0].op == TW_VERS_OP_ANY     ? SPEC_ANY
              : r->c[0].op == TW_VERS_OP_TRAIN ? SPEC_TRAIN
                                               : SPEC_RANGE;
}

/* Reads text as a version, else as a range or placeholder, into p. */
static void set_version(struct load *ld, struct product *p, const char *text, bool range_only)
{
    tw_vers_range r;

    if (!range_only && tw_version_parse(p->os, tw_str_c(text), &p->ver) == TW_OK &&
        !p->ver.train_only) {
        p->kind = PK_EXACT;
        p->spec = SPEC_EXACT;
        p->train_hash = train_hash(p->ver.train);
        return;
    }
    memset(&p->ver, 0, sizeof(p->ver));
    if (tw_vers_parse(p->os, tw_str_c(text), &r) == TW_OK)
        set_range(ld, p, &r);
}

/* Decides what p names, from the context and its full name. */
static void classify(struct load *ld, struct product *p, const struct ctx *cx)
{
    p->kind = PK_NOOS;
    if (p->os == TW_OS_UNKNOWN)
        return;
    p->kind = PK_BAD;
    if (cx->range != NULL)
        set_version(ld, p, cx->range, true);
    else if (cx->sp != NULL)
        set_version(ld, p, cx->sp, false);
    else if (cx->version != NULL)
        set_version(ld, p, cx->version, false);
    else
        set_version(ld, p, p->name, false);
    if (p->kind == PK_BAD) {
        ld->st.unparsed++;
        tw_diags_add(ld->diags, TW_DIAG_WARNING, TW_EPARSE, ld->d.file, 0, 0, NULL,
                     "product %.80s (%.200s): no %s version or range that parses, ignored", p->id,
                     p->name, tw_os_name(p->os));
    }
}

/* Appends an empty definition; NULL on ENOMEM or past the bound. */
static struct product *new_product(struct load *ld, tw_err *rc)
{
    struct product *np;

    if (ld->d.np >= TW_CSAF_MAX_PRODUCTS) {
        *rc = TW_ELIMIT;
        return NULL;
    }
    if (ld->d.np == ld->capp) {
        size_t cap = ld->capp > 0 ? ld->capp * 2 : 64;
        np = realloc(ld->d.p, cap * sizeof(*np));
        if (np == NULL) {
            *rc = TW_ENOMEM;
            return NULL;
        }
        ld->d.p = np;
        ld->capp = cap;
    }
    np = &ld->d.p[ld->d.np];
    memset(np, 0, sizeof(*np));
    np->seq = ld->d.np++;
    return np;
}

/* Adds the definition of a "product" object (full_product_name) found in
 * context cx. */
static tw_err add_product(struct load *ld, const json_t *prod, const struct ctx *cx)
{
    const char *id = jstr(prod, "product_id"), *name = jstr(prod, "name");
    tw_err rc = TW_OK;
    struct product *p;

    if (id == NULL || name == NULL) {
        tw_diags_add(ld->diags, TW_DIAG_WARNING, TW_EPARSE, ld->d.file, 0, 0, NULL,
                     "product without product_id or name, ignored");
        return TW_OK;
    }
    p = new_product(ld, &rc);
    if (p == NULL)
        return rc;
    p->id = dup(ld, id);
    p->name = dup(ld, name);
    p->vendor = dup(ld, cx->vendor != NULL ? cx->vendor : "");
    p->product = dup(ld, cx->product != NULL ? cx->product : name);
    if (p->id == NULL || p->name == NULL || p->vendor == NULL || p->product == NULL)
        return TW_ENOMEM;
    p->os = cx->os != TW_OS_UNKNOWN ? cx->os : os_of_name(name);
    classify(ld, p, cx);
    return TW_OK;
}

/* The context below a branch of category cat and name name. */
static void descend(struct ctx *cx, const char *cat, const char *name)
{
    if (strcmp(cat, "vendor") == 0) {
        cx->vendor = name;
    } else if (strcmp(cat, "product_family") == 0 || strcmp(cat, "product_name") == 0) {
        tw_os os = os_of_name(name);
        cx->product = name;
        if (os == TW_OS_UNKNOWN && cx->vendor != NULL) {
            char both[256];
            size_t vl = strnlen(cx->vendor, 100), nl = strnlen(name, 150);
            memcpy(both, cx->vendor, vl);
            both[vl] = ' ';
            memcpy(both + vl + 1, name, nl);
            both[vl + 1 + nl] = '\0';
            os = os_of_name(both);
        }
        if (os != TW_OS_UNKNOWN)
            cx->os = os;
    } else if (strcmp(cat, "product_version") == 0) {
        cx->version = name;
        cx->sp = cx->range = NULL;
    } else if (strcmp(cat, "product_version_range") == 0) {
        cx->range = name;
    } else if (strcmp(cat, "service_pack") == 0 || strcmp(cat, "patch_level") == 0) {
        cx->sp = name;
    }
}

/* Walks a branches array below context cx. */
static tw_err walk(struct load *ld, const json_t *branches, struct ctx cx, int depth)
{
    tw_err rc = TW_OK;

    if (depth > TW_LIMIT_DEPTH) {
        tw_diags_add(ld->diags, TW_DIAG_ERROR, TW_ELIMIT, ld->d.file, 0, 0, NULL,
                     "product tree nested deeper than %d", TW_LIMIT_DEPTH);
        return TW_ELIMIT;
    }
    for (size_t i = 0; rc == TW_OK && i < json_array_size(branches); i++) {
        const json_t *b = json_array_get(branches, i);
        const char *cat = jstr(b, "category"), *name = jstr(b, "name");
        struct ctx sub = cx;

        if (cat == NULL || name == NULL)
            continue;
        descend(&sub, cat, name);
        if (json_is_object(json_object_get(b, "product")))
            rc = add_product(ld, json_object_get(b, "product"), &sub);
        if (rc == TW_OK && json_is_array(json_object_get(b, "branches")))
            rc = walk(ld, json_object_get(b, "branches"), sub, depth + 1);
    }
    return rc;
}

static int product_cmp(const void *pa, const void *pb)
{
    const struct product *a = pa, *b = pb;
    int c = strcmp(a->id, b->id);

    if (c != 0)
        return c;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The definitions [*first, *first + count) of id among the first n
 * (sorted); returns count (0 when id is unknown). */
static uint32_t find_id(const struct product *p, size_t n, const char *id, uint32_t *first)
{
    size_t lo = 0, hi = n, end;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(p[mid].id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (end = lo; end < n && strcmp(p[end].id, id) == 0; end++)
        ;
    *first = (uint32_t)lo;
    return (uint32_t)(end - lo);
}

/* Adds a copy of each definition of the relationship's product_reference
 * under the full_product_name's id and name. */
static tw_err add_relationship(struct load *ld, const json_t *rel, size_t nsorted)
{
    const json_t *fpn = json_object_get(rel, "full_product_name");
    const char *ref = jstr(rel, "product_reference");
    const char *id = jstr(fpn, "product_id"), *name = jstr(fpn, "name");
    uint32_t first, count;
    tw_err rc = TW_OK;

    if (ref == NULL || id == NULL || name == NULL)
        return TW_OK;
    count = find_id(ld->d.p, nsorted, ref, &first);
    for (uint32_t k = 0; rc == TW_OK && k < count; k++) {
        struct product *p = new_product(ld, &rc);
        size_t seq;
        if (p == NULL)
            break;
        seq = p->seq;
        *p = ld->d.p[first + k];
        p->seq = seq;
        p->id = dup(ld, id);
        p->name = dup(ld, name);
        if (p->id == NULL || p->name == NULL)
            rc = TW_ENOMEM;
    }
    return rc;
}

/* Reads the product tree into ld->d.p, sorted by id. */
static tw_err read_products(struct load *ld, const json_t *tree)
{
    const json_t *fpns = json_object_get(tree, "full_product_names");
    const json_t *rels = json_object_get(tree, "relationships");
    struct ctx cx = {0};
    tw_err rc = walk(ld, json_object_get(tree, "branches"), cx, 0);
    size_t nsorted;

    for (size_t i = 0; rc == TW_OK && i < json_array_size(fpns); i++)
        rc = add_product(ld, json_array_get(fpns, i), &cx);
    if (rc != TW_OK)
        return rc;
    if (ld->d.np > 0)
        qsort(ld->d.p, ld->d.np, sizeof(*ld->d.p), product_cmp);
    nsorted = ld->d.np;
    for (size_t i = 0; rc == TW_OK && i < json_array_size(rels); i++)
        rc = add_relationship(ld, json_array_get(rels, i), nsorted);
    if (rc == TW_OK && ld->d.np > 0)
        qsort(ld->d.p, ld->d.np, sizeof(*ld->d.p), product_cmp);
    return rc;
}

/* ---- statements ---- */

static const struct {
    const char *key;
    tw_csaf_status status;
} status_lists[] = {
    {"known_affected", TW_CSAF_AFFECTED}, {"first_affected", TW_CSAF_AFFECTED},
    {"last_affected", TW_CSAF_AFFECTED},  {"fixed", TW_CSAF_FIXED},
    {"first_fixed", TW_CSAF_FIXED},       {"known_not_affected", TW_CSAF_NOT_AFFECTED},
};

/* Number of product ids in the status lists of ps. */
static size_t count_ids(const json_t *ps)
{
    size_t n = 0;

    for (size_t i = 0; i < sizeof(status_lists) / sizeof(status_lists[0]); i++)
        n += json_array_size(json_object_get(ps, status_lists[i].key));
    return n;
}

static int stmt_cmp(const void *pa, const void *pb)
{
    const struct stmt *a = pa, *b = pb;

    if (a->first != b->first)
        return a->first < b->first ? -1 : 1;
    return (int)a->status - (int)b->status;
}

/* Marks the statements of ids listed both as affected and otherwise. */
static void mark_conflicts(struct stmt *st, size_t n)
{
    if (n > 1)
        qsort(st, n, sizeof(*st), stmt_cmp);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        bool aff = false, other = false;
        for (; j < n && st[j].first == st[i].first; j++) {
            aff |= st[j].status == TW_CSAF_AFFECTED;
            other |= st[j].status != TW_CSAF_AFFECTED;
        }
        for (size_t k = i; k < j; k++)
            st[k].conflict = aff && other;
        i = j;
    }
}

/* Reads the product_status lists of a vulnerability into vu. */
static tw_err read_statements(struct load *ld, const json_t *ps, struct vuln *vu)
{
    size_t total = count_ids(ps);

    vu->st = tw_arena_alloc(ld->c->arena, (total > 0 ? total : 1) * sizeof(*vu->st));
    if (vu->st == NULL)
        return TW_ENOMEM;
    for (size_t i = 0; i < sizeof(status_lists) / sizeof(status_lists[0]); i++) {
        const json_t *list = json_object_get(ps, status_lists[i].key);
        for (size_t j = 0; j < json_array_size(list); j++) {
            const char *id = json_string_value(json_array_get(list, j));
            struct stmt *s = &vu->st[vu->nst];
            if (id == NULL)
                continue;
            s->count = find_id(ld->d.p, ld->d.np, id, &s->first);
            s->status = (uint8_t)status_lists[i].status;
            s->conflict = false;
            if (s->count == 0)
                continue;
            for (uint32_t k = 0; k < s->count; k++)
                vu->os_mask |=
                    ld->d.p[s->first + k].os != TW_OS_UNKNOWN ? 1u << ld->d.p[s->first + k].os : 0;
            vu->nst++;
        }
    }
    ld->st.statements += vu->nst;
    mark_conflicts(vu->st, vu->nst);
    return TW_OK;
}

/* Reads one vendor_fix remediation into r; false on ENOMEM. */
static bool read_remediation(struct load *ld, const json_t *o, struct remed *r)
{
    const json_t *ids = json_object_get(o, "product_ids");
    size_t n = json_array_size(ids);

    if (n > MAX_REMEDIATION_IDS)
        n = MAX_REMEDIATION_IDS;
    r->details = dup(ld, jstr(o, "details"));
    r->url = dup(ld, jstr(o, "url"));
    r->nids = 0;
    r->ids = tw_arena_alloc(ld->c->arena, (n > 0 ? n : 1) * sizeof(*r->ids));
    if (r->ids == NULL)
        return false;
    for (size_t i = 0; i < n; i++) {
        const char *id = json_string_value(json_array_get(ids, i));
        if (id == NULL)
            continue;
        r->ids[r->nids] = dup(ld, id);
        if (r->ids[r->nids] == NULL)
            return false;
        r->nids++;
    }
    return true;
}

/* Reads the vendor_fix remediations of a vulnerability into vu. */
static tw_err read_remediations(struct load *ld, const json_t *rems, struct vuln *vu)
{
    size_t n = json_array_size(rems);

    vu->rem = tw_arena_alloc(ld->c->arena, (n > 0 ? n : 1) * sizeof(*vu->rem));
    if (vu->rem == NULL)
        return TW_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        const json_t *o = json_array_get(rems, i);
        const char *cat = jstr(o, "category");
        if (cat == NULL || strcmp(cat, "vendor_fix") != 0)
            continue;
        if (!read_remediation(ld, o, &vu->rem[vu->nrem]))
            return TW_ENOMEM;
        vu->nrem++;
    }
    return TW_OK;
}

/* Reads vulnerabilities[] into ld->v. */
static tw_err read_vulns(struct load *ld, const json_t *vulns)
{
    size_t n = json_array_size(vulns);
    tw_err rc = TW_OK;

    if (n > TW_CSAF_MAX_VULNS)
        return TW_ELIMIT;
    ld->v = calloc(n > 0 ? n : 1, sizeof(*ld->v));
    if (ld->v == NULL)
        return TW_ENOMEM;
    for (size_t i = 0; rc == TW_OK && i < n; i++) {
        const json_t *o = json_array_get(vulns, i);
        struct vuln *vu = &ld->v[ld->nv];
        const char *cve = jstr(o, "cve");
        if (cve == NULL)
            continue;
        vu->doc = ld->c->ndocs;
        vu->cve = dup(ld, cve);
        if (vu->cve == NULL)
            return TW_ENOMEM;
        rc = read_statements(ld, json_object_get(o, "product_status"), vu);
        if (rc == TW_OK)
            rc = read_remediations(ld, json_object_get(o, "remediations"), vu);
        ld->nv++;
    }
    return rc;
}

/* ---- loading a document ---- */

/* Checks that root is a CSAF document and copies its identity. */
static tw_err read_document(struct load *ld, const json_t *root)
{
    const json_t *doc = json_object_get(root, "document");
    const json_t *tracking = json_object_get(doc, "tracking");
    const char *ver = jstr(doc, "csaf_version"), *id = jstr(tracking, "id");
    const char *title = jstr(doc, "title");

    if (ver == NULL || id == NULL) {
        tw_diags_add(ld->diags, TW_DIAG_ERROR, TW_EPARSE, ld->d.file, 0, 0, NULL,
                     "not a csaf document: no document.csaf_version or tracking.id");
        return TW_EPARSE;
    }
    if (strcmp(ver, "2.0") != 0)
        tw_diags_add(ld->diags, TW_DIAG_WARNING, TW_EPARSE, ld->d.file, 0, 0, NULL,
                     "csaf_version %.20s, read as 2.0", ver);
    ld->d.tracking = dup(ld, id);
    ld->d.title = dup(ld, title != NULL ? title : "");
    return ld->d.tracking != NULL && ld->d.title != NULL ? TW_OK : TW_ENOMEM;
}

/* Grows c's arrays for one more document and nv more pairs. */
static tw_err reserve(tw_csaf *c, size_t nv)
{
    if (c->ndocs >= TW_CSAF_MAX_DOCS)
        return TW_ELIMIT;
    if (c->ndocs == c->capdocs) {
        size_t cap = c->capdocs > 0 ? c->capdocs * 2 : 16;
        struct doc *d = realloc(c->docs, cap * sizeof(*d));
        if (d == NULL)
            return TW_ENOMEM;
        c->docs = d;
        c->capdocs = cap;
    }
    if (c->nvulns + nv > c->capvulns) {
        size_t cap = c->capvulns > 0 ? c->capvulns : 64;
        struct vuln *v;
        while (cap < c->nvulns + nv)
            cap *= 2;
        v = realloc(c->vulns, cap * sizeof(*v));
        if (v == NULL)
            return TW_ENOMEM;
        c->vulns = v;
        c->capvulns = cap;
    }
    return TW_OK;
}

/* Moves the loaded document and its pairs into c. */
static tw_err commit(struct load *ld)
{
    tw_csaf *c = ld->c;
    tw_err rc = reserve(c, ld->nv);

    if (rc != TW_OK)
        return rc;
    c->docs[c->ndocs++] = ld->d;
    ld->d.p = NULL;
    if (ld->nv > 0)
        memcpy(c->vulns + c->nvulns, ld->v, ld->nv * sizeof(*ld->v));
    c->nvulns += ld->nv;
    c->st.documents++;
    c->st.products += ld->d.np;
    for (size_t i = 0; i < ld->d.np; i++)
        c->st.network += c->docs[c->ndocs - 1].p[i].os != TW_OS_UNKNOWN;
    c->st.vulns += ld->nv;
    c->st.statements += ld->st.statements;
    c->st.unparsed += ld->st.unparsed;
    return TW_OK;
}

/* Parses data as JSON; diagnostics at jansson's line. */
static json_t *parse_json(struct load *ld, const char *data, size_t len, tw_err *rc)
{
    json_error_t err;
    json_t *root = NULL;

    *rc = TW_OK;
    if (len > TW_LIMIT_FILE_SIZE) {
        *rc = TW_ELIMIT;
        tw_diags_add(ld->diags, TW_DIAG_ERROR, TW_ELIMIT, ld->d.file, 0, 0, NULL,
                     "file larger than %zu bytes", TW_LIMIT_FILE_SIZE);
        return NULL;
    }
    root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
    if (root == NULL) {
        *rc = TW_EJSON;
        tw_diags_add(ld->diags, TW_DIAG_ERROR, TW_EJSON, ld->d.file,
                     err.line > 0 ? (uint32_t)err.line : 0,
                     err.column > 0 ? (uint32_t)err.column : 0, NULL, "invalid json: %s", err.text);
    }
    return root;
}

/* Loads one CSAF 2.0 document and adds it to c (see csaf.h). */
tw_err tw_csaf_load(tw_csaf *c, const char *file, const char *data, size_t len, tw_diags *diags)
{
    struct load ld = {.c = c, .diags = diags};
    json_t *root = NULL;
    tw_err rc = TW_ENOMEM;

    ld.d.file = tw_arena_strdup(c->arena, file != NULL ? file : "");
    if (ld.d.file == NULL)
        goto out;
    root = parse_json(&ld, data, len, &rc);
    if (root == NULL)
        goto out;
    rc = read_document(&ld, root);
    if (rc == TW_OK)
        rc = read_products(&ld, json_object_get(root, "product_tree"));
    if (rc == TW_OK)
        rc = read_vulns(&ld, json_object_get(root, "vulnerabilities"));
    if (rc == TW_OK)
        rc = commit(&ld);
    if (rc == TW_ELIMIT || rc == TW_ENOMEM)
        tw_diags_add(diags, TW_DIAG_ERROR, rc, ld.d.file, 0, 0, NULL, "document not loaded: %s",
                     tw_strerror(rc));
out:
    free(ld.d.p);
    free(ld.v);
    json_decref(root);
    return rc;
}

/* Fills *out with the counts. */
void tw_csaf_stats_get(const tw_csaf *c, tw_csaf_stats *out)
{
    memset(out, 0, sizeof(*out));
    if (c != NULL)
        *out = c->st;
}

/* Number of (document, CVE) pairs. */
size_t tw_csaf_vuln_count(const tw_csaf *c)
{
    return c != NULL ? c->nvulns : 0;
}

/* ---- evaluation ---- */

static int status_rank(tw_csaf_status s)
{
    return s == TW_CSAF_AFFECTED ? 3 : s == TW_CSAF_FIXED ? 2 : s == TW_CSAF_NOT_AFFECTED ? 1 : 0;
}

/* Whether definition p under statement s speaks about v: sets *status
 * and returns true when it does. */
static bool match(const struct product *p, const struct stmt *s, const tw_version *v,
                  tw_csaf_status *status)
{
    *status = (tw_csaf_status)s->status;
    switch (p->kind) {
    case PK_EXACT:
        return !s->conflict && tw_version_cmp(v, &p->ver) == TW_VCMP_EQ;
    case PK_RANGE:
        if (tw_vers_eval(p->range, v) != TW_VERS_IN)
            return false;
        return !s->conflict || tw_vers_is_upper(p->range, v) == (s->status == TW_CSAF_AFFECTED);
    case PK_NONE:
        *status = TW_CSAF_NOT_AFFECTED;
        return true;
    default:
        return false;
    }
}

/* The vendor_fix remediation naming id, or NULL. */
static const struct remed *find_fix(const struct vuln *vu, const char *id)
{
    for (size_t i = 0; i < vu->nrem; i++) {
        for (size_t j = 0; j < vu->rem[i].nids; j++) {
            if (strcmp(vu->rem[i].ids[j], id) == 0)
                return &vu->rem[i];
        }
    }
    return NULL;
}

/* Keeps in *best the lower of *best and cand when cand is above v. */
static void lowest_above(const tw_version *v, const tw_version *cand, const tw_version **best)
{
    if (tw_version_cmp(cand, v) != TW_VCMP_GT)
        return;
    if (*best == NULL || tw_version_cmp(cand, *best) == TW_VCMP_LT)
        *best = cand;
}

/* The lowest fixed release of v's train above v, or NULL. */
static const char *fixed_in(const struct doc *d, const struct vuln *vu, const tw_version *v)
{
    const tw_version *best = NULL;

    for (size_t i = 0; i < vu->nst; i++) {
        if (vu->st[i].status != TW_CSAF_FIXED)
            continue;
        for (uint32_t k = 0; k < vu->st[i].count; k++) {
            const struct product *p = &d->p[vu->st[i].first + k];
            if (p->os != v->os)
                continue;
            if (p->kind == PK_EXACT && !vu->st[i].conflict)
                lowest_above(v, &p->ver, &best);
            for (size_t c = 0; p->kind == PK_RANGE && c < p->range->n; c++) {
                if (p->range->c[c].op == TW_VERS_OP_GE || p->range->c[c].op == TW_VERS_OP_GT)
                    lowest_above(v, &p->range->c[c].v, &best);
            }
        }
    }
    return best != NULL ? best->text : NULL;
}

/* Fills out with the identity of pair vu. */
static void identify(const tw_csaf *c, const struct vuln *vu, tw_csaf_match *out)
{
    const struct doc *d = &c->docs[vu->doc];

    memset(out, 0, sizeof(*out));
    out->cve = vu->cve;
    out->tracking_id = d->tracking;
    out->title = d->title;
    out->file = d->file;
}

/* True when v parsed (a failed parse has no train). */
static bool usable(const tw_version *v)
{
    return v != NULL && v->os != TW_OS_UNKNOWN && (unsigned)v->os < 32 && v->train[0] != '\0';
}

/* Evaluates pair i for v (see csaf.h). */
tw_csaf_status tw_csaf_eval_at(const tw_csaf *c, size_t i, const tw_version *v, tw_csaf_match *out)
{
    const struct vuln *vu = &c->vulns[i];
    const struct doc *d = &c->docs[vu->doc];
    const struct product *best = NULL;
    tw_csaf_status best_st = TW_CSAF_NONE;
    uint32_t h;

    identify(c, vu, out);
    if (!usable(v) || (vu->os_mask & (1u << v->os)) == 0)
        return TW_CSAF_NONE;
    h = train_hash(v->train);
    for (size_t s = 0; s < vu->nst; s++) {
        for (uint32_t k = 0; k < vu->st[s].count; k++) {
            const struct product *p = &d->p[vu->st[s].first + k];
            tw_csaf_status st;
            if (p->os != v->os || (p->kind == PK_EXACT && p->train_hash != h) ||
                !match(p, &vu->st[s], v, &st))
                continue;
            if (best == NULL || p->spec > best->spec ||
                (p->spec == best->spec && status_rank(st) > status_rank(best_st))) {
                best = p;
                best_st = st;
            }
        }
    }
    if (best == NULL)
        return TW_CSAF_NONE;
    out->status = best_st;
    out->product = best->name;
    out->product_id = best->id;
    const struct remed *fix = find_fix(vu, best->id);
    out->fix = fix != NULL ? fix->details : NULL;
    out->fix_url = fix != NULL ? fix->url : NULL;
    out->fixed_in = best_st == TW_CSAF_AFFECTED ? fixed_in(d, vu, v) : NULL;
    return best_st;
}

/* Evaluates every pair for v; stores the ones with a statement. */
size_t tw_csaf_eval(const tw_csaf *c, const tw_version *v, tw_csaf_match *out, size_t cap)
{
    size_t n = 0;
    tw_csaf_match m;

    for (size_t i = 0; c != NULL && i < c->nvulns; i++) {
        if (tw_csaf_eval_at(c, i, v, &m) == TW_CSAF_NONE)
            continue;
        if (out != NULL && n < cap)
            out[n] = m;
        n++;
    }
    return n;
}

/* Evaluates one CVE over every document: the first pair with a statement. */
tw_csaf_status tw_csaf_eval_cve(const tw_csaf *c, tw_str cve, const tw_version *v,
                                tw_csaf_match *out)
{
    const char *seen = NULL;

    memset(out, 0, sizeof(*out));
    cve = tw_str_trim(cve);
    for (size_t i = 0; c != NULL && i < c->nvulns; i++) {
        if (!tw_str_ieq(tw_str_c(c->vulns[i].cve), cve))
            continue;
        if (tw_csaf_eval_at(c, i, v, out) != TW_CSAF_NONE)
            return out->status;
        seen = c->vulns[i].cve;
    }
    memset(out, 0, sizeof(*out));
    out->cve = seen;
    return TW_CSAF_NONE;
}

/* True when pair i lists an exact release of v's os and train as affected. */
static bool lists_train(const tw_csaf *c, size_t i, const tw_version *v, uint32_t h)
{
    const struct vuln *vu = &c->vulns[i];
    const struct doc *d = &c->docs[vu->doc];

    for (size_t s = 0; s < vu->nst; s++) {
        for (uint32_t k = 0; vu->st[s].status == TW_CSAF_AFFECTED && k < vu->st[s].count; k++) {
            const struct product *p = &d->p[vu->st[s].first + k];

            if (p->os == v->os && p->kind == PK_EXACT && p->train_hash == h &&
                tw_version_same_train(&p->ver, v))
                return true;
        }
    }
    return false;
}

bool tw_csaf_enumerates(const tw_csaf *c, tw_str cve, const tw_version *v)
{
    uint32_t h;

    if (c == NULL || !usable(v))
        return false;
    cve = tw_str_trim(cve);
    h = train_hash(v->train);
    for (size_t i = 0; i < c->nvulns; i++) {
        if (tw_str_ieq(tw_str_c(c->vulns[i].cve), cve) && lists_train(c, i, v, h))
            return true;
    }
    return false;
}
