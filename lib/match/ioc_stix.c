/*
 * ioc_stix.c: the STIX 2.1 indicator loader.
 *
 * A bundle (or a lone indicator object, or an array of objects) is parsed
 * with jansson.  From each indicator whose pattern_type is "stix" (or
 * absent) every comparison over a path of paths[] is taken, wherever it
 * sits in the pattern (joined with OR or AND, several observation
 * expressions): "ipv4-addr:value" and "ipv6-addr:value" with '=' or
 * ISSUBSET, "domain-name:value", "url:value", "file:name" and
 * "file:hashes.MD5 / 'SHA-1' / 'SHA-256'" with '='.  Quoted strings of
 * other comparisons are stepped over so their text is never mistaken for a
 * comparison.  Metadata: "CC=XX ASN=ASnnnn" in the description gives
 * country and ASN, valid_from's date part the date, the name (else the
 * description) the description.  Indicators with no comparison of these
 * kinds (SSDEEP only, e-mail, registry keys) are counted as skipped.
 * jansson gives no positions for objects, so per-object diagnostics name
 * the indicator id.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "ioc_internal.h"
#include "tidewatch/limits.h"

/* Longest quoted value looked at in a comparison. */
#define VALUE_MAX TW__IOC_VALUE_MAX

/* The object paths taken, with their type; ISSUBSET only for addresses. */
static const struct {
    const char *path;
    tw_ioc_type type;
} paths[] = {
    {"ipv4-addr:value", TW_IOC_IP},           {"ipv6-addr:value", TW_IOC_IP},
    {"domain-name:value", TW_IOC_DOMAIN},     {"url:value", TW_IOC_URL},
    {"file:name", TW_IOC_FILENAME},           {"file:hashes.MD5", TW_IOC_MD5},
    {"file:hashes.'MD5'", TW_IOC_MD5},        {"file:hashes.'SHA-1'", TW_IOC_SHA1},
    {"file:hashes.SHA1", TW_IOC_SHA1},        {"file:hashes.'SHA1'", TW_IOC_SHA1},
    {"file:hashes.'SHA-256'", TW_IOC_SHA256}, {"file:hashes.SHA256", TW_IOC_SHA256},
    {"file:hashes.'SHA256'", TW_IOC_SHA256},
};

/* Metadata of one indicator object, copied out of jansson strings. */
struct stix_meta {
    char country[8];
    char asn[24];
    char date[16];
    const char *id;
};

/* One load's context. */
struct stix_ctx {
    tw_iocset *set;
    const char *file;
    tw_diags *diags;
    tw_ioc_load_stats *st;
};

static const char *obj_str(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);

    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Copies the value of "KEY=value" (up to white space) from desc into out;
 * false when absent. */
static bool desc_field(const char *desc, const char *key, char *out, size_t cap)
{
    tw_str rest = tw_str_c(desc), tok;
    tw_str k = tw_str_c(key);

    for (tok = tw_str_token(&rest); tok.len > 0; tok = tw_str_token(&rest)) {
        if (tw_str_starts_with(tok, k)) {
            tw_str_to_c(tw_str_make(tok.ptr + k.len, tok.len - k.len), out, cap);
            return true;
        }
    }
    return false;
}

/* Fills m from the indicator object o. */
static void stix_meta_read(const json_t *o, struct stix_meta *m)
{
    const char *desc = obj_str(o, "description");
    const char *from = obj_str(o, "valid_from");

    memset(m, 0, sizeof(*m));
    m->id = obj_str(o, "id");
    if (m->id == NULL)
        m->id = "(no id)";
    if (desc != NULL) {
        desc_field(desc, "CC=", m->country, sizeof(m->country));
        desc_field(desc, "ASN=", m->asn, sizeof(m->asn));
    }
    if (strcmp(m->asn, "ASNone") == 0 || strcmp(m->asn, "None") == 0)
        m->asn[0] = '\0';
    if (from != NULL)
        tw_str_to_c(tw_str_make(from, strnlen(from, 10)), m->date, sizeof(m->date));
}

/* Steps over a quoted string starting at p[i] == '\''; returns the index
 * after its closing quote (or len), with its unescaped text in out. */
static size_t quoted(const char *p, size_t len, size_t i, char *out, size_t cap, bool *fits)
{
    size_t n = 0;

    *fits = true;
    for (i++; i < len && p[i] != '\''; i++) {
        if (p[i] == '\\' && i + 1 < len)
            i++;
        if (n + 1 < cap)
            out[n++] = p[i];
        else
            *fits = false;
    }
    out[n] = '\0';
    return i < len ? i + 1 : len;
}

static size_t skip_space(const char *p, size_t len, size_t i)
{
    while (i < len && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r'))
        i++;
    return i;
}

/* At p[i] an operator: returns the index after "=" (or "ISSUBSET" when
 * subset is allowed), or 0 when the comparison is of another kind. */
static size_t value_operator(const char *p, size_t len, size_t i, bool subset)
{
    i = skip_space(p, len, i);
    if (i < len && p[i] == '=')
        return i + 1;
    if (subset && len - i >= 8 && memcmp(p + i, "ISSUBSET", 8) == 0)
        return i + 8;
    return 0;
}

/* True when a path of paths[] starts at p[i] (not inside a longer name and
 * not followed by more path; case-insensitive, since feeds write hash names
 * as MD5 or md5); its length and type in *plen, *type. */
static bool path_at(const char *p, size_t len, size_t i, size_t *plen, tw_ioc_type *type)
{
    if (i > 0 && (p[i - 1] == '-' || p[i - 1] == '_' || p[i - 1] == ':' || p[i - 1] == '.' ||
                  (p[i - 1] >= 'a' && p[i - 1] <= 'z')))
        return false;
    for (size_t k = 0; k < sizeof(paths) / sizeof(paths[0]); k++) {
        size_t n = strlen(paths[k].path);
        if (len - i >= n &&
            tw_str_istarts_with(tw_str_make(p + i, len - i), tw_str_c(paths[k].path)) &&
            (len - i == n || strchr(" \t\r\n=!<>", p[i + n]) != NULL)) {
            *plen = n;
            *type = paths[k].type;
            return true;
        }
    }
    return false;
}

/* Adds the value of one comparison as type t, or warns. */
static tw_err take_value(struct stix_ctx *cx, const struct stix_meta *m, const tw_ioc *base,
                         tw_ioc_type t, const char *value, bool fits)
{
    tw__ioc_cand c;
    char id[72], ctx[96];

    if (t == TW_IOC_IP) {
        bool ok = fits && tw_cidr_parse(tw_str_c(value), 0, &c.cidr) == TW_OK;
        c.type = TW_IOC_IP;
        c.kind = ok ? TW__IOC_TEXT_ADDR : TW__IOC_TEXT_BADADDR;
    } else {
        tw__ioc_classify_as(t, tw_str_c(value), &c);
        if (!fits)
            c.kind = TW__IOC_TEXT_BAD;
    }
    snprintf(ctx, sizeof(ctx), "indicator %s: ", tw__ioc_printable(tw_str_c(m->id), id, 72));
    return tw__ioc_take(cx->set, cx->file, 0, ctx, tw_str_c(value), &c, base, cx->diags, cx->st);
}

/* Parses the comparison at p[i] (a path of type t); *next is where scanning
 * goes on; *found turns true when it was a comparison taken. */
static tw_err comparison(struct stix_ctx *cx, const struct stix_meta *m, const tw_ioc *base,
                         tw_ioc_type t, const char *p, size_t len, size_t i, size_t *next,
                         bool *found)
{
    char value[VALUE_MAX];
    bool fits;
    size_t j = value_operator(p, len, i, t == TW_IOC_IP);

    *next = i;
    if (j == 0)
        return TW_OK;
    j = skip_space(p, len, j);
    if (j >= len || p[j] != '\'')
        return TW_OK;
    *next = quoted(p, len, j, value, sizeof(value), &fits);
    *found = true;
    return take_value(cx, m, base, t, value, fits);
}

/* Scans a pattern for the comparisons taken; *found counts them. */
static tw_err scan_pattern(struct stix_ctx *cx, const struct stix_meta *m, const tw_ioc *base,
                           const char *p, size_t *found)
{
    char skip[VALUE_MAX];
    size_t len = strlen(p), i = 0, n;
    tw_ioc_type t;
    bool fits, hit;
    tw_err rc = TW_OK;

    while (i < len && rc == TW_OK) {
        if (p[i] == '\'') {
            i = quoted(p, len, i, skip, sizeof(skip), &fits);
        } else if (path_at(p, len, i, &n, &t)) {
            hit = false;
            rc = comparison(cx, m, base, t, p, len, i + n, &i, &hit);
            *found += hit;
        } else {
            i++;
        }
    }
    return rc;
}

/* Handles one indicator object. */
static tw_err stix_indicator(struct stix_ctx *cx, const json_t *o)
{
    struct stix_meta m;
    const char *ptype = obj_str(o, "pattern_type");
    const char *pattern = obj_str(o, "pattern");
    const char *name = obj_str(o, "name");
    size_t found = 0;
    tw_ioc base = {.source = cx->file};
    char id[72];
    tw_err rc;

    stix_meta_read(o, &m);
    if (ptype != NULL && strcmp(ptype, "stix") != 0) {
        cx->st->skipped++;
        return TW_OK;
    }
    if (pattern == NULL) {
        cx->st->ignored++;
        tw_diags_add(cx->diags, TW_DIAG_WARNING, TW_EIOC, cx->file, 0, 0, NULL,
                     "indicator %s has no pattern", tw__ioc_printable(tw_str_c(m.id), id, 72));
        return TW_OK;
    }
    base.country = m.country;
    base.asn = m.asn;
    base.date = m.date;
    base.description = name != NULL && name[0] != '\0' ? name : obj_str(o, "description");
    rc = scan_pattern(cx, &m, &base, pattern, &found);
    if (rc == TW_OK && found == 0)
        cx->st->skipped++;
    return rc;
}

/* Walks an array of STIX objects. */
static tw_err stix_objects(struct stix_ctx *cx, const json_t *arr)
{
    size_t i;
    const json_t *o;
    tw_err rc = TW_OK;

    json_array_foreach(arr, i, o)
    {
        const char *type = obj_str(o, "type");
        if (type == NULL || strcmp(type, "indicator") != 0)
            continue;
        rc = stix_indicator(cx, o);
        if (rc != TW_OK) {
            tw_diags_add(cx->diags, TW_DIAG_ERROR, rc, cx->file, 0, 0, NULL,
                         "cannot add indicator: %s", tw_strerror(rc));
            break;
        }
    }
    return rc;
}

/* Dispatches on the document's top level: bundle, lone indicator or array. */
static tw_err stix_root(struct stix_ctx *cx, json_t *root)
{
    const char *type = obj_str(root, "type");

    if (json_is_array(root))
        return stix_objects(cx, root);
    if (type != NULL && strcmp(type, "bundle") == 0) {
        const json_t *objs = json_object_get(root, "objects");
        return json_is_array(objs) ? stix_objects(cx, objs) : TW_OK;
    }
    if (type != NULL && strcmp(type, "indicator") == 0)
        return stix_indicator(cx, root);
    tw_diags_add(cx->diags, TW_DIAG_ERROR, TW_EIOC, cx->file, 1, 0, NULL,
                 "JSON document is not a STIX bundle");
    return TW_OK;
}

/* Loads a STIX 2.1 document.  A JSON syntax error is an error diagnostic at
 * its line and TW_EIOC. */
tw_err tw__ioc_load_stix(tw_iocset *s, const char *file, tw_str data, tw_diags *diags,
                         tw_ioc_load_stats *st)
{
    struct stix_ctx cx = {s, file, diags, st};
    json_t *root;
    tw_err rc;

    root = tw__ioc_json_load(file, data, diags);
    if (root == NULL)
        return TW_EIOC;
    rc = stix_root(&cx, root);
    json_decref(root);
    return rc;
}

struct json_t *tw__ioc_json_load(const char *file, tw_str data, tw_diags *diags)
{
    json_error_t err;
    json_t *root = json_loadb(data.ptr, data.len, 0, &err);

    if (root == NULL)
        tw_diags_add(diags, TW_DIAG_ERROR, TW_EJSON, file, err.line > 0 ? (uint32_t)err.line : 0,
                     err.column > 0 ? (uint32_t)err.column : 0, NULL, "invalid JSON: %s", err.text);
    return root;
}
