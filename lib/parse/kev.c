/*
 * kev.c: the CISA Known Exploited Vulnerabilities catalog loader.
 *
 * The catalog is one JSON object (title, catalogVersion, dateReleased,
 * count, vulnerabilities[]) parsed with jansson.  Each entry is checked
 * (cveID shape, the eight required strings, date shapes) and copied into
 * the catalog's arena; a bad entry is a warning and is skipped.  Entries
 * are kept sorted by (CVE year, CVE number) so tw_kev_find is a binary
 * search; a CVE loaded twice keeps its first entry.  vendorProject and
 * product are trimmed (the catalog has "SimpleHelp ", "Array Networks ")
 * and mapped to OS bits by tw_kev_os_mask.  jansson gives no positions for
 * values, so per-entry diagnostics name the entry's index and CVE id.
 */
#include "tidewatch/kev.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "tidewatch/arena.h"
#include "tidewatch/limits.h"
#include "tidewatch/version.h"

/* Most CWE ids joined per entry; longer lists are cut. */
#define KEV_MAX_CWES 32

/* An entry with its sort key and load sequence (first loaded wins). */
struct kev_item {
    tw_kev_entry e;
    uint64_t year, number;
    size_t seq;
};

struct tw_kev {
    tw_arena *arena;
    struct kev_item *v;
    size_t n, cap;
    size_t seq;
    const char *title, *version, *released;
    size_t declared;
};

/* One load: where diagnostics go. */
struct kev_load {
    tw_kev *k;
    const char *file;
    tw_diags *diags;
};

/* Returns a new empty catalog, or NULL on ENOMEM. */
tw_kev *tw_kev_new(void)
{
    tw_kev *k = calloc(1, sizeof(*k));

    if (k == NULL)
        return NULL;
    k->arena = tw_arena_new(0);
    if (k->arena == NULL) {
        free(k);
        return NULL;
    }
    k->title = k->version = k->released = "";
    return k;
}

/* Frees k and every entry; NULL is accepted. */
void tw_kev_free(tw_kev *k)
{
    if (k == NULL)
        return;
    tw_arena_free(k->arena);
    free(k->v);
    free(k);
}

static bool all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return false;
    }
    return n > 0;
}

/* Parses "CVE-YYYY-NNNN..." (case-insensitive prefix, 4 to 19 digits)
 * into year and number; false on any other shape. */
static bool cve_parse(tw_str s, uint64_t *year, uint64_t *number)
{
    tw_str num;

    if (s.len < 13 || !tw_str_istarts_with(s, TW_STR("CVE-")) || s.ptr[8] != '-')
        return false;
    num = tw_str_make(s.ptr + 9, s.len - 9);
    if (!all_digits(s.ptr + 4, 4) || num.len > 19 || !all_digits(num.ptr, num.len))
        return false;
    return tw_str_to_u64(tw_str_make(s.ptr + 4, 4), 9999, year) &&
           tw_str_to_u64(num, UINT64_MAX, number);
}

/* True for "YYYY-MM-DD". */
static bool date_ok(const char *s)
{
    return strlen(s) == 10 && all_digits(s, 4) && s[4] == '-' && all_digits(s + 5, 2) &&
           s[7] == '-' && all_digits(s + 8, 2);
}

/* The string value of key in o, or NULL when absent or not a string. */
static const char *jstr(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);

    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Copies s, trimmed, into the arena; NULL on ENOMEM. */
static const char *dup_trim(tw_arena *a, const char *s)
{
    tw_str t = tw_arena_str(a, tw_str_trim(tw_str_c(s)));

    return t.ptr;
}

/* Joins the cwes array with ',' into the arena ("" when absent). */
static const char *join_cwes(tw_arena *a, const json_t *cwes)
{
    char buf[KEV_MAX_CWES * 24];
    size_t n = 0;

    buf[0] = '\0';
    for (size_t i = 0; json_is_array(cwes) && i < json_array_size(cwes) && i < KEV_MAX_CWES; i++) {
        const char *s = json_string_value(json_array_get(cwes, i));
        size_t sl = s != NULL ? strnlen(s, 20) : 0;

        if (sl == 0 || n + sl + 2 > sizeof(buf))
            continue;
        if (n > 0)
            buf[n++] = ',';
        memcpy(buf + n, s, sl);
        n += sl;
        buf[n] = '\0';
    }
    return tw_arena_strndup(a, buf, n);
}

/* The names of the required string fields, in the order checked. */
static const char *const required[] = {
    "cveID",     "vendorProject", "product",          "vulnerabilityName",
    "dateAdded", "dueDate",       "shortDescription", "requiredAction",
};

/* Checks entry o; returns NULL when it is good, else what is wrong. */
static const char *entry_problem(const json_t *o, uint64_t *year, uint64_t *number)
{
    if (!json_is_object(o))
        return "is not an object";
    for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
        if (jstr(o, required[i]) == NULL)
            return required[i];
    }
    if (!cve_parse(tw_str_trim(tw_str_c(jstr(o, "cveID"))), year, number))
        return "cveID";
    if (!date_ok(jstr(o, "dateAdded")))
        return "dateAdded";
    if (!date_ok(jstr(o, "dueDate")))
        return "dueDate";
    return NULL;
}

/* Copies the checked entry o into *e; false on ENOMEM. */
static bool entry_copy(tw_arena *a, const json_t *o, const char *file, tw_kev_entry *e)
{
    const char *ransom = jstr(o, "knownRansomwareCampaignUse");
    const char *notes = jstr(o, "notes");

    e->cve_id = dup_trim(a, jstr(o, "cveID"));
    e->vendor = dup_trim(a, jstr(o, "vendorProject"));
    e->product = dup_trim(a, jstr(o, "product"));
    e->name = dup_trim(a, jstr(o, "vulnerabilityName"));
    e->date_added = dup_trim(a, jstr(o, "dateAdded"));
    e->due_date = dup_trim(a, jstr(o, "dueDate"));
    e->ransomware = ransom != NULL ? dup_trim(a, ransom) : NULL;
    e->required_action = dup_trim(a, jstr(o, "requiredAction"));
    e->description = dup_trim(a, jstr(o, "shortDescription"));
    e->notes = dup_trim(a, notes != NULL ? notes : "");
    e->cwes = join_cwes(a, json_object_get(o, "cwes"));
    e->file = file;
    if (e->cve_id == NULL || e->vendor == NULL || e->product == NULL || e->name == NULL ||
        e->date_added == NULL || e->due_date == NULL || (ransom != NULL && e->ransomware == NULL) ||
        e->required_action == NULL || e->description == NULL || e->notes == NULL || e->cwes == NULL)
        return false;
    for (char *p = (char *)e->cve_id; *p != '\0'; p++)
        *p = (*p >= 'a' && *p <= 'z') ? (char)(*p - 'a' + 'A') : *p;
    e->os_mask = tw_kev_os_mask(tw_str_c(e->vendor), tw_str_c(e->product));
    return true;
}

static int item_cmp(const void *pa, const void *pb)
{
    const struct kev_item *a = pa, *b = pb;

    if (a->year != b->year)
        return a->year < b->year ? -1 : 1;
    if (a->number != b->number)
        return a->number < b->number ? -1 : 1;
    if (a->seq != b->seq)
        return a->seq < b->seq ? -1 : 1;
    return 0;
}

/* Makes room for add more items in *v (capacity *cap). */
static tw_err grow(struct kev_item **v, size_t *cap, size_t need)
{
    size_t ncap = *cap > 0 ? *cap : 64;
    struct kev_item *nv;

    if (need <= *cap)
        return TW_OK;
    while (ncap < need)
        ncap *= 2;
    nv = realloc(*v, ncap * sizeof(**v));
    if (nv == NULL)
        return TW_ENOMEM;
    *v = nv;
    *cap = ncap;
    return TW_OK;
}

/* Reads the entries of arr into *out (a fresh array of *nout items). */
static tw_err read_entries(struct kev_load *ld, const json_t *arr, struct kev_item **out,
                           size_t *nout)
{
    size_t cap = 0, n = 0, total = json_array_size(arr);
    tw_err rc = TW_OK;

    if (total + ld->k->n > TW_KEV_MAX_ENTRIES) {
        tw_diags_add(ld->diags, TW_DIAG_ERROR, TW_ELIMIT, ld->file, 0, 0, NULL,
                     "catalog has %zu entries, more than %d", total, TW_KEV_MAX_ENTRIES);
        return TW_ELIMIT;
    }
    rc = grow(out, &cap, total > 0 ? total : 1);
    for (size_t i = 0; rc == TW_OK && i < total; i++) {
        const json_t *o = json_array_get(arr, i);
        struct kev_item *it = &(*out)[n];
        const char *bad = entry_problem(o, &it->year, &it->number);
        const char *id = json_is_object(o) ? jstr(o, "cveID") : NULL;

        if (bad != NULL) {
            tw_diags_add(ld->diags, TW_DIAG_WARNING, TW_EPARSE, ld->file, 0, 0, NULL,
                         "entry %zu (%.40s): missing or malformed %s, skipped", i,
                         id != NULL ? id : "no cveID", bad);
            continue;
        }
        if (!entry_copy(ld->k->arena, o, ld->file, &it->e))
            rc = TW_ENOMEM;
        it->seq = ld->k->seq + i;
        n++;
    }
    *nout = n;
    return rc;
}

/* Sorts k's items and drops the later duplicates of a CVE (warning). */
static void sort_dedupe(struct kev_load *ld)
{
    tw_kev *k = ld->k;
    size_t w = 0;

    if (k->n > 1)
        qsort(k->v, k->n, sizeof(*k->v), item_cmp);
    for (size_t r = 0; r < k->n; r++) {
        if (w > 0 && k->v[w - 1].year == k->v[r].year && k->v[w - 1].number == k->v[r].number) {
            tw_diags_add(ld->diags, TW_DIAG_WARNING, TW_EPARSE, ld->file, 0, 0, NULL,
                         "%s listed again, the first entry is kept", k->v[r].e.cve_id);
            continue;
        }
        k->v[w++] = k->v[r];
    }
    k->n = w;
}

/* Copies the header fields of root into k. */
static void read_header(struct kev_load *ld, const json_t *root, size_t present)
{
    const json_t *count = json_object_get(root, "count");
    const char *t = jstr(root, "title"), *v = jstr(root, "catalogVersion");
    const char *d = jstr(root, "dateReleased");
    tw_kev *k = ld->k;

    k->title = dup_trim(k->arena, t != NULL ? t : "");
    k->version = dup_trim(k->arena, v != NULL ? v : "");
    k->released = dup_trim(k->arena, d != NULL ? d : "");
    if (k->title == NULL || k->version == NULL || k->released == NULL)
        k->title = k->version = k->released = "";
    k->declared = json_is_integer(count) && json_integer_value(count) >= 0
                      ? (size_t)json_integer_value(count)
                      : 0;
    if (json_is_integer(count) && k->declared != present)
        tw_diags_add(ld->diags, TW_DIAG_WARNING, TW_EPARSE, ld->file, 0, 0, NULL,
                     "count says %zu entries, the catalog has %zu", k->declared, present);
}

/* Parses data as JSON; diagnostics at jansson's line. */
static json_t *parse_json(struct kev_load *ld, const char *data, size_t len, tw_err *rc)
{
    json_error_t err;
    json_t *root;

    *rc = TW_OK;
    if (len > TW_LIMIT_FILE_SIZE) {
        *rc = TW_ELIMIT;
        tw_diags_add(ld->diags, TW_DIAG_ERROR, TW_ELIMIT, ld->file, 0, 0, NULL,
                     "file larger than %zu bytes", TW_LIMIT_FILE_SIZE);
        return NULL;
    }
    root = json_loadb(data, len, JSON_REJECT_DUPLICATES, &err);
    if (root == NULL) {
        *rc = TW_EJSON;
        tw_diags_add(ld->diags, TW_DIAG_ERROR, TW_EJSON, ld->file,
                     err.line > 0 ? (uint32_t)err.line : 0,
                     err.column > 0 ? (uint32_t)err.column : 0, NULL, "invalid json: %s", err.text);
    }
    return root;
}

/* Appends the new items to k, then sorts and de-duplicates. */
static tw_err merge(struct kev_load *ld, struct kev_item *items, size_t n)
{
    tw_kev *k = ld->k;
    tw_err rc = grow(&k->v, &k->cap, k->n + n);

    if (rc != TW_OK)
        return rc;
    if (n > 0)
        memcpy(k->v + k->n, items, n * sizeof(*items));
    k->n += n;
    sort_dedupe(ld);
    return TW_OK;
}

/* Loads a KEV catalog from data and adds its entries to k (see kev.h). */
tw_err tw_kev_load(tw_kev *k, const char *file, const char *data, size_t len, tw_diags *diags)
{
    struct kev_load ld = {k, NULL, diags};
    struct kev_item *items = NULL;
    const json_t *arr;
    size_t n = 0;
    tw_err rc;
    json_t *root;

    ld.file = tw_arena_strdup(k->arena, file != NULL ? file : "");
    if (ld.file == NULL)
        return TW_ENOMEM;
    root = parse_json(&ld, data, len, &rc);
    if (root == NULL)
        goto out;
    arr = json_object_get(root, "vulnerabilities");
    if (!json_is_object(root) || !json_is_array(arr)) {
        rc = TW_EPARSE;
        tw_diags_add(diags, TW_DIAG_ERROR, TW_EPARSE, ld.file, 0, 0, NULL,
                     "not a kev catalog: no vulnerabilities array");
        goto out;
    }
    rc = read_entries(&ld, arr, &items, &n);
    if (rc != TW_OK)
        goto out;
    rc = merge(&ld, items, n);
    if (rc != TW_OK)
        goto out;
    k->seq += json_array_size(arr);
    read_header(&ld, root, json_array_size(arr));
out:
    free(items);
    json_decref(root);
    return rc;
}

/* Number of entries held. */
size_t tw_kev_count(const tw_kev *k)
{
    return k != NULL ? k->n : 0;
}

/* Entry i in CVE id order, or NULL. */
const tw_kev_entry *tw_kev_at(const tw_kev *k, size_t i)
{
    return k != NULL && i < k->n ? &k->v[i].e : NULL;
}

/* Orders an item against a (year, number) key. */
static int key_cmp(const struct kev_item *it, uint64_t year, uint64_t number)
{
    if (it->year != year)
        return it->year < year ? -1 : 1;
    if (it->number != number)
        return it->number < number ? -1 : 1;
    return 0;
}

/* The entry of a CVE id, or NULL; binary search (keys are unique). */
const tw_kev_entry *tw_kev_find(const tw_kev *k, tw_str cve_id)
{
    uint64_t year, number;
    size_t lo = 0, hi;

    if (k == NULL || !cve_parse(tw_str_trim(cve_id), &year, &number))
        return NULL;
    hi = k->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = key_cmp(&k->v[mid], year, number);

        if (c == 0)
            return &k->v[mid].e;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* Stores the entries whose os_mask shares a bit with os_mask; returns how
 * many there are in all. */
size_t tw_kev_for_os(const tw_kev *k, uint32_t os_mask, const tw_kev_entry **out, size_t cap)
{
    size_t n = 0;

    for (size_t i = 0; k != NULL && i < k->n; i++) {
        if ((k->v[i].e.os_mask & os_mask) == 0)
            continue;
        if (n < cap && out != NULL)
            out[n] = &k->v[i].e;
        n++;
    }
    return n;
}

const char *tw_kev_title(const tw_kev *k)
{
    return k != NULL ? k->title : "";
}

const char *tw_kev_catalog_version(const tw_kev *k)
{
    return k != NULL ? k->version : "";
}

const char *tw_kev_date_released(const tw_kev *k)
{
    return k != NULL ? k->released : "";
}

size_t tw_kev_declared_count(const tw_kev *k)
{
    return k != NULL ? k->declared : 0;
}

/* KEV vendor spellings (folded: lower case, letters and digits only) and
 * the vendor of version.h they stand for. */
static const struct {
    const char *folded;
    const char *vendor;
} kev_vendors[] = {
    {"cisco", "cisco"},
    {"ciscosystems", "cisco"},
    {"paloaltonetworks", "paloaltonetworks"},
    {"paloalto", "paloaltonetworks"},
    {"ivanti", "ivanti"},
    {"pulsesecure", "ivanti"},
    {"juniper", "juniper"},
    {"junipernetworks", "juniper"},
    {"fortinet", "fortinet"},
    {"arista", "arista"},
    {"aristanetworks", "arista"},
};

/* The version.h vendor of a KEV vendorProject, or NULL. */
static const char *kev_vendor(tw_str vendor)
{
    char key[32];
    size_t n = 0;

    for (size_t i = 0; i < vendor.len; i++) {
        char c = vendor.ptr[i];

        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            continue;
        if (n + 1 >= sizeof(key))
            return NULL;
        key[n++] = c;
    }
    key[n] = '\0';
    for (size_t i = 0; i < sizeof(kev_vendors) / sizeof(kev_vendors[0]); i++) {
        if (strcmp(kev_vendors[i].folded, key) == 0)
            return kev_vendors[i].vendor;
    }
    return NULL;
}

/* The OS mask of a KEV vendor and product (see kev.h): the OSes the
 * product names (tw_os_mask_parse), kept only when the OS is the
 * vendor's, so that another vendor's "EOS" names nothing. */
uint32_t tw_kev_os_mask(tw_str vendor, tw_str product)
{
    const char *v = kev_vendor(tw_str_trim(vendor));
    uint32_t mask, out = 0;

    if (v == NULL)
        return 0;
    mask = tw_os_mask_parse(tw_str_trim(product));
    for (int os = 1; os < TW__OS_COUNT; os++) {
        if ((mask & (1u << os)) != 0 && strcmp(tw_os_vendor((tw_os)os), v) == 0)
            out |= 1u << os;
    }
    return out;
}
