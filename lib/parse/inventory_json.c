/*
 * inventory_json.c: JSON inventories and NetBox device exports.
 *
 * The document is an array of device objects, or an object whose
 * "results" (NetBox's /api/dcim/devices/) or "devices" member is one.
 * The array is walked here and each element parsed on its own with
 * jansson (json_loadb with JSON_DISABLE_EOF_CHECK), so each device knows
 * the line of its opening brace and the devices before a syntax error are
 * kept.  Nesting is checked against TW_LIMIT_DEPTH before jansson sees the
 * text.  Keys are matched case-insensitively through the alias table;
 * NetBox's nested objects are read by their usual members: device_type
 * {model, manufacturer{name}}, platform {name, slug}, site {name, slug},
 * and custom_fields {software_version, os_version...} for the version.
 */
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "parse/inventory_int.h"

#define NUM_MAX 48    /* bytes of a number written as text */
#define RANK_CF 1000  /* custom fields rank after top-level keys */
#define RANK_SUB 2000 /* device_type.manufacturer ranks after both */

typedef struct {
    tw__inv_ctx *cx;
    tw_str d;
    size_t pos;
    size_t line_pos; /* line is the line number at line_pos */
    uint32_t line;
    bool netbox;
    char num[TW__IF_COUNT][NUM_MAX];
} json_state;

/* One device's fields and their ranks. */
typedef struct {
    tw__inv_row row;
    int best[TW__IF_COUNT];
} dev;

/* The line of offset pos (pos never goes back). */
static uint32_t line_at(json_state *js, size_t pos)
{
    for (size_t i = js->line_pos; i < pos; i++)
        js->line += js->d.ptr[i] == '\n';
    js->line_pos = pos;
    return js->line;
}

static void skip_ws(json_state *js)
{
    while (js->pos < js->d.len && strchr(" \t\r\n", js->d.ptr[js->pos]) != NULL &&
           js->d.ptr[js->pos] != '\0')
        js->pos++;
}

static char peek(const json_state *js)
{
    return js->pos < js->d.len ? js->d.ptr[js->pos] : '\0';
}

/* Offset where nesting first passes TW_LIMIT_DEPTH, or d.len. */
static size_t too_deep(tw_str d)
{
    size_t depth = 0;
    bool str = false;

    for (size_t i = 0; i < d.len; i++) {
        char c = d.ptr[i];
        if (str) {
            i += c == '\\';
            str = c != '"';
            continue;
        }
        str = c == '"';
        depth += c == '[' || c == '{';
        depth -= depth > 0 && (c == ']' || c == '}');
        if (depth > TW_LIMIT_DEPTH)
            return i;
    }
    return d.len;
}

/* Parses one value at pos and moves past it; NULL with a diagnostic. */
static json_t *load_one(json_state *js)
{
    uint32_t line = line_at(js, js->pos);
    json_error_t err;
    json_t *v = json_loadb(js->d.ptr + js->pos, js->d.len - js->pos,
                           JSON_DISABLE_EOF_CHECK | JSON_DECODE_ANY, &err);

    if (v == NULL) {
        tw__inv_error(js->cx, TW_EJSON, line + (err.line > 1 ? (uint32_t)err.line - 1 : 0),
                      "invalid json: %s", err.text);
        return NULL;
    }
    js->pos += err.position > 0 ? (size_t)err.position : 0;
    return v;
}

/* The text of a scalar, or of an object's first present member of subs. */
static tw_str value_text(json_t *v, const char *const *subs, char *num)
{
    if (json_is_string(v))
        return tw_str_make(json_string_value(v), json_string_length(v));
    if (json_is_integer(v)) {
        int n = snprintf(num, NUM_MAX, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return tw_str_make(num, n > 0 && n < NUM_MAX ? (size_t)n : 0);
    }
    if (json_is_real(v)) {
        int n = snprintf(num, NUM_MAX, "%.15g", json_real_value(v));
        return tw_str_make(num, n > 0 && n < NUM_MAX ? (size_t)n : 0);
    }
    for (size_t i = 0; json_is_object(v) && subs != NULL && subs[i] != NULL; i++) {
        json_t *s = json_object_get(v, subs[i]);
        if (json_is_string(s) && json_string_length(s) > 0)
            return tw_str_make(json_string_value(s), json_string_length(s));
    }
    return TW_STR_NULL;
}

static const char *const name_subs[] = {"name", "display", "slug", NULL};
static const char *const model_subs[] = {"model", "name", "display", "slug", NULL};

/* Offers a value for field f at rank; the best rank wins. */
static void offer(dev *dv, int f, int rank, tw_str v)
{
    v = tw_str_trim(v);
    if (v.len == 0 || rank >= dv->best[f])
        return;
    dv->row.f[f] = v;
    dv->best[f] = rank;
}

/* NetBox's device_type: the model, and the manufacturer's name. */
static void device_type(json_state *js, dev *dv, json_t *v, int rank)
{
    offer(dv, TW__IF_MODEL, rank, value_text(v, model_subs, js->num[TW__IF_MODEL]));
    if (json_is_object(v))
        offer(dv, TW__IF_VENDOR, RANK_SUB,
              value_text(json_object_get(v, "manufacturer"), name_subs, js->num[TW__IF_VENDOR]));
    dv->row.source = json_is_object(v) ? TW_INV_NETBOX : dv->row.source;
}

/* Version-like members of NetBox's custom_fields. */
static void custom_fields(json_state *js, dev *dv, json_t *o)
{
    const char *key;
    json_t *v;
    int f, rank;

    json_object_foreach(o, key, v)
    {
        if (tw__inv_alias(tw_str_c(key), &f, &rank) && f == TW__IF_VERSION)
            offer(dv, f, RANK_CF + rank, value_text(v, name_subs, js->num[f]));
    }
}

/* One member of a device object. */
static void member(json_state *js, dev *dv, const char *key, json_t *v)
{
    tw_str k = tw_str_c(key);
    int f, rank;

    if (tw_str_ieq_c(k, "custom_fields") || tw_str_ieq_c(k, "customfields")) {
        if (json_is_object(v))
            custom_fields(js, dv, v);
        return;
    }
    if (!tw__inv_alias(k, &f, &rank))
        return;
    if (tw__inv_netbox_column(k)) {
        device_type(js, dv, v, rank);
        return;
    }
    offer(dv, f, rank, value_text(v, f == TW__IF_MODEL ? model_subs : name_subs, js->num[f]));
    if (f == TW__IF_PLATFORM && json_is_object(v))
        dv->row.slug = value_text(json_object_get(v, "slug"), NULL, js->num[f]);
}

/* Emits the device of one array element. */
static tw_err element(json_state *js, json_t *o, uint32_t line)
{
    dev dv = {.row = {.line = line, .source = js->netbox ? TW_INV_NETBOX : TW_INV_JSON}};
    const char *key;
    json_t *v;

    if (!json_is_object(o)) {
        tw__inv_error(js->cx, TW_EPARSE, line, "array element is not an object; skipped");
        return TW_OK;
    }
    for (int f = 0; f < TW__IF_COUNT; f++)
        dv.best[f] = INT_MAX;
    json_object_foreach(o, key, v)
    {
        member(js, &dv, key, v);
    }
    return tw__inv_emit(js->cx, &dv.row);
}

/* Walks the array at pos ('['), emitting each object. */
static tw_err walk_array(json_state *js)
{
    tw_err rc = TW_OK;

    js->pos++;
    skip_ws(js);
    if (peek(js) == ']')
        return TW_OK;
    while (rc == TW_OK) {
        uint32_t line;
        json_t *v;
        skip_ws(js);
        line = line_at(js, js->pos);
        v = load_one(js);
        if (v == NULL)
            return TW_EJSON;
        rc = element(js, v, line);
        json_decref(v);
        skip_ws(js);
        if (peek(js) == ']')
            break;
        if (peek(js) != ',') {
            tw__inv_error(js->cx, TW_EJSON, line_at(js, js->pos),
                          "invalid json: expected ',' or ']'");
            return TW_EJSON;
        }
        js->pos++;
    }
    return rc;
}

/* Reads one "key": at pos into *key (a new reference); false on error. */
static bool read_key(json_state *js, json_t **key)
{
    skip_ws(js);
    *key = peek(js) == '"' ? load_one(js) : NULL;
    skip_ws(js);
    if (*key != NULL && peek(js) == ':') {
        js->pos++;
        skip_ws(js);
        return true;
    }
    tw__inv_error(js->cx, TW_EJSON, line_at(js, js->pos), "invalid json: expected a member name");
    json_decref(*key);
    return false;
}

static bool array_key(json_t *key)
{
    const char *k = json_string_value(key);

    return k != NULL && (strcmp(k, "results") == 0 || strcmp(k, "devices") == 0);
}

/* Walks the root object at pos ('{') to its device array. */
static tw_err walk_object(json_state *js)
{
    json_t *key, *v;

    js->pos++;
    skip_ws(js);
    while (peek(js) != '}' && js->pos < js->d.len) {
        bool arr;
        if (!read_key(js, &key))
            return TW_EJSON;
        arr = array_key(key) && peek(js) == '[';
        js->netbox = js->netbox || (arr && strcmp(json_string_value(key), "results") == 0);
        json_decref(key);
        if (arr)
            return walk_array(js);
        v = load_one(js);
        if (v == NULL)
            return TW_EJSON;
        json_decref(v);
        skip_ws(js);
        js->pos += peek(js) == ',';
        skip_ws(js);
    }
    tw__inv_error(js->cx, TW_EPARSE, line_at(js, js->pos),
                  "json object without a \"results\" or \"devices\" array");
    return TW_EPARSE;
}

/* Reads a JSON or NetBox inventory (see inventory_int.h). */
tw_err tw__inv_json(tw__inv_ctx *cx, tw_str data)
{
    json_state js = {.cx = cx, .d = data, .line = 1};
    size_t deep = too_deep(data);
    tw_str s = tw__inv_skip_bom(data);

    js.pos = (size_t)(s.ptr - data.ptr);
    if (deep < data.len) {
        tw__inv_error(cx, TW_ELIMIT, line_at(&js, deep), "json nested deeper than %d levels",
                      TW_LIMIT_DEPTH);
        return TW_ELIMIT;
    }
    if (peek(&js) == '[')
        return walk_array(&js);
    if (peek(&js) == '{')
        return walk_object(&js);
    tw__inv_error(cx, TW_EPARSE, line_at(&js, js.pos), "json inventory is not an array of devices");
    return TW_EPARSE;
}
