/*
 * inventory.c: the device list, kind detection and the record emitter.
 *
 * tw_inventory_parse picks a reader by kind (detected from the content
 * when not given); every reader hands rows to tw__inv_emit here, so the
 * checks on a row (hostname present, bounded fields, no NUL byte), the
 * OS decision and the train-only mark are the same for all formats.  The
 * OS is taken as written when it parses, else inferred from the platform,
 * vendor and model; an "ios" device with a 16.x / 17.x (or 3.x.yS) release
 * is IOS XE, since IOS never had such releases, and the note says so.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse/inventory_int.h"

#define NOTE_MAX 512 /* bytes of a record's note */
#define FOLD_MAX 64  /* bytes of a folded column or slug name */

static const char *const kind_names[] = {
#define TW__INV_KIND_NAME(name, str) str,
    TW_INV_KIND_LIST(TW__INV_KIND_NAME)
#undef TW__INV_KIND_NAME
};

static const char *const field_names[TW__IF_COUNT] = {
    "hostname", "vendor", "os", "version", "platform", "model", "site",
};

/* Returns the static name of k; "unknown" when out of range. */
const char *tw_inv_kind_name(tw_inv_kind k)
{
    if ((unsigned)k >= (unsigned)TW__INV_KIND_COUNT)
        return kind_names[TW_INV_UNKNOWN];
    return kind_names[k];
}

/* Parses a kind name, case-insensitive; "show" and "show-system-info" are
 * show-version.  False for an unknown name. */
bool tw_inv_kind_parse(tw_str name, tw_inv_kind *out)
{
    if (tw_str_ieq_c(name, "show") || tw_str_ieq_c(name, "show-system-info")) {
        *out = TW_INV_SHOW;
        return true;
    }
    for (int k = TW_INV_CSV; k < TW__INV_KIND_COUNT; k++) {
        if (tw_str_ieq_c(name, kind_names[k])) {
            *out = (tw_inv_kind)k;
            return true;
        }
    }
    return false;
}

/* Initialises an empty list whose strings go to arena. */
void tw_inventory_init(tw_inventory *inv, tw_arena *arena)
{
    memset(inv, 0, sizeof(*inv));
    inv->arena = arena;
    inv->max = TW_INV_MAX_DEVICES;
}

/* Frees the record array (not the arena); the list is empty afterwards. */
void tw_inventory_release(tw_inventory *inv)
{
    if (inv == NULL)
        return;
    free(inv->v);
    tw_inventory_init(inv, inv->arena);
}

/* ---- diagnostics ---- */

static void vdiag(tw__inv_ctx *cx, tw_diag_level level, tw_err code, uint32_t line, const char *fmt,
                  va_list ap) __attribute__((format(printf, 5, 0)));

static void vdiag(tw__inv_ctx *cx, tw_diag_level level, tw_err code, uint32_t line, const char *fmt,
                  va_list ap)
{
    char msg[TW_LIMIT_TEXT_FIELD];

    if (cx->diags == NULL)
        return;
    vsnprintf(msg, sizeof(msg), fmt, ap);
    (void)tw_diags_add(cx->diags, level, code, cx->file, line, 0, NULL, "%s", msg);
}

/* Adds an error diagnostic at line. */
void tw__inv_error(tw__inv_ctx *cx, tw_err code, uint32_t line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vdiag(cx, TW_DIAG_ERROR, code, line, fmt, ap);
    va_end(ap);
}

/* Adds a warning diagnostic at line. */
void tw__inv_warn(tw__inv_ctx *cx, uint32_t line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vdiag(cx, TW_DIAG_WARNING, TW_OK, line, fmt, ap);
    va_end(ap);
}

/* ---- names ---- */

/* Folds s into out (FOLD_MAX): lower case without ' ', '_', '-', '.',
 * '\t'.  Returns the length; 0 (out empty) when empty or too long. */
static size_t fold(tw_str s, char *out)
{
    size_t n = 0;

    for (size_t i = 0; i < s.len; i++) {
        char c = s.ptr[i];
        if (c == ' ' || c == '_' || c == '-' || c == '.' || c == '\t')
            continue;
        if (n + 1 >= FOLD_MAX) {
            out[0] = '\0';
            return 0;
        }
        out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    out[n] = '\0';
    return n;
}

typedef struct {
    const char *name; /* folded */
    int field;
} alias;

/* Column aliases in rank order within each field (docs/inventory.md). */
static const alias aliases[] = {
    {"hostname", TW__IF_HOSTNAME},
    {"host", TW__IF_HOSTNAME},
    {"name", TW__IF_HOSTNAME},
    {"device", TW__IF_HOSTNAME},
    {"devicename", TW__IF_HOSTNAME},
    {"sysname", TW__IF_HOSTNAME},
    {"vendor", TW__IF_VENDOR},
    {"manufacturer", TW__IF_VENDOR},
    {"make", TW__IF_VENDOR},
    {"os", TW__IF_OS},
    {"operatingsystem", TW__IF_OS},
    {"ostype", TW__IF_OS},
    {"osname", TW__IF_OS},
    {"networkos", TW__IF_OS},
    {"version", TW__IF_VERSION},
    {"softwareversion", TW__IF_VERSION},
    {"swversion", TW__IF_VERSION},
    {"osversion", TW__IF_VERSION},
    {"firmwareversion", TW__IF_VERSION},
    {"firmware", TW__IF_VERSION},
    {"cfsoftwareversion", TW__IF_VERSION},
    {"cfosversion", TW__IF_VERSION},
    {"cfswversion", TW__IF_VERSION},
    {"cfversion", TW__IF_VERSION},
    {"platform", TW__IF_PLATFORM},
    {"platformslug", TW__IF_PLATFORM},
    {"model", TW__IF_MODEL},
    {"hardwaremodel", TW__IF_MODEL},
    {"hardware", TW__IF_MODEL},
    {"pid", TW__IF_MODEL},
    {"productid", TW__IF_MODEL},
    {"devicetype", TW__IF_MODEL},
    {"type", TW__IF_MODEL},
    {"site", TW__IF_SITE},
    {"sitename", TW__IF_SITE},
    {"location", TW__IF_SITE},
};

/* The field and rank of a column name; false when it names none. */
bool tw__inv_alias(tw_str name, int *field, int *rank)
{
    char key[FOLD_MAX];
    size_t n = fold(tw_str_trim(name), key);

    for (size_t i = 0; n > 0 && i < sizeof(aliases) / sizeof(aliases[0]); i++) {
        if (strcmp(aliases[i].name, key) == 0) {
            *field = aliases[i].field;
            *rank = (int)i;
            return true;
        }
    }
    return false;
}

/* True for NetBox's "Device Type" column. */
bool tw__inv_netbox_column(tw_str name)
{
    char key[FOLD_MAX];

    return fold(tw_str_trim(name), key) > 0 && strcmp(key, "devicetype") == 0;
}

/* Skips a UTF-8 BOM and leading white space. */
tw_str tw__inv_skip_bom(tw_str s)
{
    if (s.len >= 3 && memcmp(s.ptr, "\xEF\xBB\xBF", 3) == 0)
        s = tw_str_make(s.ptr + 3, s.len - 3);
    return tw_str_ltrim(s);
}

/* The rest of t after prefix p, trimmed; see inventory_int.h. */
bool tw__inv_after(tw_str t, const char *p, bool caseless, tw_str *rest)
{
    tw_str pre = tw_str_c(p);

    if (caseless ? !tw_str_istarts_with(t, pre) : !tw_str_starts_with(t, pre))
        return false;
    *rest = tw_str_trim(tw_str_make(t.ptr + pre.len, t.len - pre.len));
    return true;
}

/* The hostname a file name implies: the base name without a .txt, .log,
 * .cfg, .conf, .config or .out extension. */
tw_str tw__inv_file_host(const char *file)
{
    static const char *const exts[] = {".txt", ".log", ".cfg", ".conf", ".config", ".out"};
    tw_str s = tw_str_c(file);
    const char *base = s.ptr;

    for (size_t i = 0; i < s.len; i++) {
        if (s.ptr[i] == '/' || s.ptr[i] == '\\')
            base = s.ptr + i + 1;
    }
    s = tw_str_make(base, s.len - (size_t)(base - s.ptr));
    for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
        tw_str e = tw_str_c(exts[i]);
        if (s.len > e.len && tw_str_ieq(tw_str_make(s.ptr + s.len - e.len, e.len), e))
            return tw_str_make(s.ptr, s.len - e.len);
    }
    return s;
}

/* ---- OS inference ---- */

typedef struct {
    const char *key; /* folded */
    tw_os os;
} os_key;

/* Platform slugs and names (netmiko, napalm, NetBox, Ansible). */
static const os_key platform_keys[] = {
    {"ciscoios", TW_OS_IOS},
    {"ios", TW_OS_IOS},
    {"ciscoxe", TW_OS_IOS_XE},
    {"ciscoiosxe", TW_OS_IOS_XE},
    {"iosxe", TW_OS_IOS_XE},
    {"ciscoxr", TW_OS_IOS_XR},
    {"ciscoiosxr", TW_OS_IOS_XR},
    {"iosxr", TW_OS_IOS_XR},
    {"cisconxos", TW_OS_NX_OS},
    {"cisconxosssh", TW_OS_NX_OS},
    {"nxos", TW_OS_NX_OS},
    {"nxosssh", TW_OS_NX_OS},
    {"ciscoasa", TW_OS_ASA},
    {"asa", TW_OS_ASA},
    {"juniper", TW_OS_JUNOS},
    {"juniperjunos", TW_OS_JUNOS},
    {"junos", TW_OS_JUNOS},
    {"paloaltopanos", TW_OS_PAN_OS},
    {"panos", TW_OS_PAN_OS},
    {"paloalto", TW_OS_PAN_OS},
    {"aristaeos", TW_OS_EOS},
    {"eos", TW_OS_EOS},
    {"fortinet", TW_OS_FORTIOS},
    {"fortios", TW_OS_FORTIOS},
    {"fortinetfortios", TW_OS_FORTIOS},
};

/* Vendors that ship one network OS (substring of the folded vendor). */
static const os_key vendor_keys[] = {
    {"paloalto", TW_OS_PAN_OS},
    {"juniper", TW_OS_JUNOS},
    {"fortinet", TW_OS_FORTIOS},
    {"arista", TW_OS_EOS},
};

/* Model prefixes of hardware that runs one OS only (folded). */
static const os_key model_keys[] = {
    {"c9200", TW_OS_IOS_XE},     {"c9300", TW_OS_IOS_XE},      {"c9400", TW_OS_IOS_XE},
    {"c9500", TW_OS_IOS_XE},     {"c9600", TW_OS_IOS_XE},      {"c9800", TW_OS_IOS_XE},
    {"catalyst9", TW_OS_IOS_XE}, {"isr4", TW_OS_IOS_XE},       {"asr1", TW_OS_IOS_XE},
    {"c8200", TW_OS_IOS_XE},     {"c8300", TW_OS_IOS_XE},      {"c8500", TW_OS_IOS_XE},
    {"c8000v", TW_OS_IOS_XE},    {"csr1000v", TW_OS_IOS_XE},   {"asr9k", TW_OS_IOS_XR},
    {"asr900", TW_OS_IOS_XR},    {"asr99", TW_OS_IOS_XR},      {"ncs55", TW_OS_IOS_XR},
    {"ncs540", TW_OS_IOS_XR},    {"ncs560", TW_OS_IOS_XR},     {"xrv9k", TW_OS_IOS_XR},
    {"nexus", TW_OS_NX_OS},      {"n9k", TW_OS_NX_OS},         {"n7k", TW_OS_NX_OS},
    {"n5k", TW_OS_NX_OS},        {"n3k", TW_OS_NX_OS},         {"asa", TW_OS_ASA},
    {"pavm", TW_OS_PAN_OS},      {"fortigate", TW_OS_FORTIOS}, {"fgt", TW_OS_FORTIOS},
    {"dcs7", TW_OS_EOS},
};

static tw_os platform_os(tw_str platform)
{
    char key[FOLD_MAX];
    size_t n = fold(platform, key);

    for (size_t i = 0; n > 0 && i < sizeof(platform_keys) / sizeof(platform_keys[0]); i++) {
        if (strcmp(platform_keys[i].key, key) == 0)
            return platform_keys[i].os;
    }
    return platform.len > 0 ? tw_os_parse(platform) : TW_OS_UNKNOWN;
}

static tw_os vendor_os(tw_str vendor)
{
    char key[FOLD_MAX];
    size_t n = fold(vendor, key);

    for (size_t i = 0; n > 0 && i < sizeof(vendor_keys) / sizeof(vendor_keys[0]); i++) {
        if (strstr(key, vendor_keys[i].key) != NULL)
            return vendor_keys[i].os;
    }
    return TW_OS_UNKNOWN;
}

/* Ivanti / Pulse Secure make two products: the model or platform tells. */
static tw_os ivanti_os(const char *vkey, tw_str platform, tw_str model)
{
    char p[FOLD_MAX], m[FOLD_MAX];

    if (strstr(vkey, "ivanti") == NULL && strstr(vkey, "pulse") == NULL)
        return TW_OS_UNKNOWN;
    (void)fold(platform, p);
    (void)fold(model, m);
    if (strstr(p, "policy") != NULL || strstr(m, "policy") != NULL)
        return TW_OS_IVANTI_IPS;
    if (strstr(p, "connect") != NULL || strstr(m, "connect") != NULL)
        return TW_OS_IVANTI_ICS;
    return TW_OS_UNKNOWN;
}

/* A PA-<digits> model. */
static bool pan_model(const char *m)
{
    return m[0] == 'p' && m[1] == 'a' && m[2] >= '0' && m[2] <= '9';
}

/* The OS of a model, when the vendor is empty or the model's vendor. */
static tw_os model_os(const char *vkey, tw_str model)
{
    char m[FOLD_MAX];
    size_t n = fold(model, m);

    if (n == 0)
        return TW_OS_UNKNOWN;
    if (pan_model(m) && (vkey[0] == '\0' || strstr(vkey, "paloalto") != NULL))
        return TW_OS_PAN_OS;
    for (size_t i = 0; i < sizeof(model_keys) / sizeof(model_keys[0]); i++) {
        const os_key *k = &model_keys[i];
        if (strncmp(m, k->key, strlen(k->key)) != 0)
            continue;
        if (vkey[0] == '\0' || strstr(vkey, tw_os_vendor(k->os)) != NULL)
            return k->os;
    }
    return TW_OS_UNKNOWN;
}

/* Returns the OS that vendor, platform and model imply (see inventory.h). */
tw_os tw_inventory_infer_os(tw_str vendor, tw_str platform, tw_str model)
{
    char vkey[FOLD_MAX];
    tw_os os = platform_os(platform);

    if (fold(vendor, vkey) == 0)
        vkey[0] = '\0';
    if (os == TW_OS_UNKNOWN)
        os = vendor_os(vendor);
    if (os == TW_OS_UNKNOWN)
        os = ivanti_os(vkey, platform, model);
    if (os == TW_OS_UNKNOWN)
        os = model_os(vkey, model);
    return os;
}

/* ---- versions ---- */

/* Reads a decimal number at s[*i]; false when none. */
static bool read_num(tw_str s, size_t *i, unsigned *out)
{
    size_t start = *i;
    unsigned v = 0;

    while (*i < s.len && s.ptr[*i] >= '0' && s.ptr[*i] <= '9' && *i - start < 6)
        v = v * 10 + (unsigned)(s.ptr[(*i)++] - '0');
    *out = v;
    return *i > start;
}

/* True for a release only IOS XE has: 16.x / 17.x, or 3.x.y<letters>. */
static bool looks_xe(tw_str v)
{
    size_t i = 0, dots = 0;
    unsigned major;

    if (memchr(v.ptr, '(', v.len) != NULL || !read_num(v, &i, &major))
        return false;
    if (i >= v.len || v.ptr[i] != '.')
        return false;
    if (major == 16 || major == 17)
        return true;
    for (size_t j = i; j < v.len; j++)
        dots += v.ptr[j] == '.';
    return major == 3 && dots >= 2 && v.ptr[v.len - 1] >= 'A' && v.ptr[v.len - 1] <= 'Z';
}

/* True for a version that is only a train: "<n>.<n>". */
static bool train_only(tw_str v)
{
    size_t i = 0;
    unsigned a, b;

    if (!read_num(v, &i, &a) || i >= v.len || v.ptr[i] != '.')
        return false;
    i++;
    return read_num(v, &i, &b) && i == v.len;
}

/* ---- the emitter ---- */

typedef struct {
    char text[NOTE_MAX];
    size_t len;
} note_buf;

static void note_add(note_buf *nb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void note_add(note_buf *nb, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (nb->len > 0 && nb->len + 2 < sizeof(nb->text)) {
        memcpy(nb->text + nb->len, "; ", 2);
        nb->len += 2;
    }
    va_start(ap, fmt);
    n = vsnprintf(nb->text + nb->len, sizeof(nb->text) - nb->len, fmt, ap);
    va_end(ap);
    if (n > 0)
        nb->len += (size_t)n;
    if (nb->len >= sizeof(nb->text))
        nb->len = sizeof(nb->text) - 1;
}

static bool is_cisco(tw_str vendor)
{
    char key[FOLD_MAX];

    return fold(vendor, key) > 0 && strstr(key, "cisco") != NULL;
}

/* The OS of a checked row, with notes on what was inferred. */
static tw_os settle_os(const tw__inv_row *r, const tw_str *f, note_buf *nb)
{
    tw_os os = r->os;

    if (os == TW_OS_UNKNOWN && f[TW__IF_OS].len > 0) {
        os = tw_os_parse(f[TW__IF_OS]);
        if (os == TW_OS_UNKNOWN)
            os = platform_os(f[TW__IF_OS]);
        if (os == TW_OS_UNKNOWN)
            note_add(nb, "os \"%.*s\" is not one tidewatch knows", (int)f[TW__IF_OS].len,
                     f[TW__IF_OS].ptr);
    } else if (os == TW_OS_UNKNOWN) {
        os = tw_inventory_infer_os(f[TW__IF_VENDOR], f[TW__IF_PLATFORM], f[TW__IF_MODEL]);
        if (os == TW_OS_UNKNOWN && r->slug.len > 0)
            os = tw_inventory_infer_os(f[TW__IF_VENDOR], r->slug, f[TW__IF_MODEL]);
        if (os != TW_OS_UNKNOWN)
            note_add(nb, "os %s inferred from vendor, platform and model", tw_os_name(os));
    }
    if (os == TW_OS_UNKNOWN && f[TW__IF_OS].len == 0 && is_cisco(f[TW__IF_VENDOR]) &&
        looks_xe(f[TW__IF_VERSION])) {
        os = TW_OS_IOS_XE;
        note_add(nb, "os ios-xe inferred from release %.*s (ios never had it)",
                 (int)f[TW__IF_VERSION].len, f[TW__IF_VERSION].ptr);
    }
    if (os == TW_OS_IOS && looks_xe(f[TW__IF_VERSION])) {
        os = TW_OS_IOS_XE;
        note_add(nb, "os ios reclassified as ios-xe: ios never had release %.*s",
                 (int)f[TW__IF_VERSION].len, f[TW__IF_VERSION].ptr);
    }
    return os;
}

/* Trims the fields; false (with a diagnostic) for a row to skip. */
static bool check_row(tw__inv_ctx *cx, const tw__inv_row *r, tw_str *f)
{
    for (int i = 0; i < TW__IF_COUNT; i++) {
        f[i] = r->f[i].ptr != NULL ? tw_str_trim(r->f[i]) : TW_STR_NULL;
        if (f[i].len > TW_INV_MAX_FIELD) {
            tw__inv_error(cx, TW_ELIMIT, r->line, "%s field longer than %d bytes; device skipped",
                          field_names[i], TW_INV_MAX_FIELD);
            return false;
        }
        if (memchr(f[i].ptr, '\0', f[i].len) != NULL) {
            tw__inv_error(cx, TW_EPARSE, r->line, "NUL byte in the %s field; device skipped",
                          field_names[i]);
            return false;
        }
    }
    if (f[TW__IF_HOSTNAME].len == 0) {
        tw__inv_error(cx, TW_EPARSE, r->line, "device without a hostname skipped");
        return false;
    }
    return true;
}

/* Makes room for one record; TW_ELIMIT (counted in dropped) when the
 * list is full. */
static tw_err reserve(tw__inv_ctx *cx)
{
    tw_inventory *inv = cx->inv;
    size_t ncap;
    tw_device *v;

    if (inv->n >= inv->max) {
        if (!cx->full)
            tw__inv_error(cx, TW_ELIMIT, 0, "more than %zu devices; the rest are dropped",
                          inv->max);
        inv->dropped++;
        cx->full = true;
        return TW_ELIMIT;
    }
    if (inv->n < inv->cap)
        return TW_OK;
    ncap = inv->cap < 64 ? 64 : inv->cap * 2;
    v = realloc(inv->v, ncap * sizeof(*v));
    if (v == NULL)
        return TW_ENOMEM;
    inv->v = v;
    inv->cap = ncap;
    return TW_OK;
}

/* Copies a view into the arena; NULL on failure. */
static const char *arena_dup(tw__inv_ctx *cx, tw_str s)
{
    return tw_arena_strndup(cx->inv->arena, s.ptr, s.len);
}

/* Fills the record's strings; false on ENOMEM. */
static bool fill(tw__inv_ctx *cx, tw_device *d, const tw_str *f, const note_buf *nb)
{
    const char **dst[TW__IF_COUNT] = {&d->hostname, &d->vendor, &d->os_text, &d->version,
                                      &d->platform, &d->model,  &d->site};

    for (int i = 0; i < TW__IF_COUNT; i++) {
        *dst[i] = arena_dup(cx, f[i]);
        if (*dst[i] == NULL)
            return false;
    }
    d->note = nb->len > 0 ? arena_dup(cx, tw_str_make(nb->text, nb->len)) : NULL;
    return nb->len == 0 || d->note != NULL;
}

/* Checks r and appends its record (see inventory_int.h). */
tw_err tw__inv_emit(tw__inv_ctx *cx, const tw__inv_row *r)
{
    tw_str f[TW__IF_COUNT];
    note_buf nb = {.len = 0};
    tw_device d = {0};
    tw_err rc = TW_OK;

    if (!check_row(cx, r, f))
        goto out;
    rc = reserve(cx);
    if (rc == TW_ELIMIT)
        rc = TW_OK;
    if (cx->full || rc != TW_OK)
        goto out;
    d.os = settle_os(r, f, &nb);
    d.train_only = r->train_only || train_only(f[TW__IF_VERSION]);
    if (d.train_only)
        note_add(&nb, "only the release train %.*s is known", (int)f[TW__IF_VERSION].len,
                 f[TW__IF_VERSION].ptr);
    if (r->note != NULL)
        note_add(&nb, "%s", r->note);
    if (f[TW__IF_VERSION].len == 0 && !r->quiet)
        tw__inv_warn(cx, r->line, "device %.*s has no version; its exposure is unknown",
                     (int)f[TW__IF_HOSTNAME].len, f[TW__IF_HOSTNAME].ptr);
    d.file = cx->file;
    d.line = r->line;
    d.source = r->source;
    if (!fill(cx, &d, f, &nb)) {
        rc = TW_ENOMEM;
        goto out;
    }
    cx->inv->v[cx->inv->n++] = d;
    cx->emitted++;
    cx->last_host = tw_str_c(d.hostname);
out:
    return rc;
}

/* ---- detection and dispatch ---- */

/* The kind of a JSON document starting at s (s.ptr[0] is '[' or '{'). */
static tw_inv_kind json_kind(tw_str s)
{
    return s.ptr[0] == '{' && tw_str_find(s, TW_STR("\"results\"")) >= 0 ? TW_INV_NETBOX
                                                                         : TW_INV_JSON;
}

/* The first line that is neither blank nor a '#' comment. */
static tw_str first_line(tw_str s)
{
    tw_str line;

    while (tw_str_line(&s, &line)) {
        tw_str t = tw_str_trim(line);
        if (t.len > 0 && t.ptr[0] != '#')
            return line;
    }
    return TW_STR_NULL;
}

/* Guesses the kind of an inventory from its content (see inventory.h). */
tw_inv_kind tw_inventory_detect(const char *data, size_t len)
{
    tw_str s, line;
    bool config = false;

    if (data == NULL)
        return TW_INV_UNKNOWN;
    s = tw__inv_skip_bom(tw_str_make(data, len < TW_INV_DETECT_BYTES ? len : TW_INV_DETECT_BYTES));
    if (s.len == 0)
        return TW_INV_UNKNOWN;
    if (s.ptr[0] == '[' || s.ptr[0] == '{')
        return json_kind(s);
    if (tw__inv_csv_header(first_line(s)))
        return TW_INV_CSV;
    while (tw_str_line(&s, &line)) {
        if (tw__inv_show_marker(line))
            return TW_INV_SHOW;
        config = config || tw__inv_config_marker(line);
    }
    return config ? TW_INV_CONFIG : TW_INV_UNKNOWN;
}

static tw_err dispatch(tw__inv_ctx *cx, tw_inv_kind kind, tw_str data)
{
    switch (kind) {
    case TW_INV_CSV:
        return tw__inv_csv(cx, data);
    case TW_INV_JSON:
    case TW_INV_NETBOX:
        return tw__inv_json(cx, data);
    case TW_INV_SHOW:
        return tw__inv_show(cx, data);
    case TW_INV_CONFIG:
        return tw__inv_config(cx, data);
    default:
        tw__inv_error(cx, TW_EPARSE, 0,
                      "not an inventory: no csv header with a hostname column, json, "
                      "show version output or version line");
        return TW_EPARSE;
    }
}

/* Parses one inventory file into inv (see inventory.h). */
tw_err tw_inventory_parse(tw_inventory *inv, const char *file, const char *data, size_t len,
                          tw_inv_kind kind, tw_diags *diags)
{
    tw__inv_ctx cx = {.inv = inv, .diags = diags};
    tw_err rc = TW_EINVAL;

    if (inv == NULL || inv->arena == NULL || (data == NULL && len > 0))
        goto out;
    if (data == NULL)
        data = "";
    rc = TW_ENOMEM;
    cx.file = tw_arena_strdup(inv->arena, file != NULL ? file : "");
    if (cx.file == NULL)
        goto out;
    rc = TW_ELIMIT;
    if (len > TW_LIMIT_FILE_SIZE) {
        tw__inv_error(&cx, rc, 0, "file larger than %zu bytes", TW_LIMIT_FILE_SIZE);
        goto out;
    }
    if (kind == TW_INV_UNKNOWN)
        kind = tw_inventory_detect(data, len);
    rc = dispatch(&cx, kind, tw_str_make(data, len));
    if (rc == TW_OK && cx.full)
        rc = TW_ELIMIT;
out:
    return rc;
}
