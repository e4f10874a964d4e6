/*
 * ioc_misp.c: the MISP JSON indicator loader.
 *
 * Reads what MISP exports and serves: an event ({"Event": {...}}, as in a
 * MISP feed's per-event file), a search result ({"response": [events]} or
 * {"response": {"Attribute": [...]}}), an array of events, or a bare list
 * of attributes.  Each event's "Attribute" list is read, and the
 * "Attribute" list of each of its "Object"s.  An attribute of a type that
 * maps to an indicator type (ip-src, ip-dst, domain, hostname, url, md5,
 * sha1, sha256, filename, ...) is added; composite types ("filename|md5",
 * "domain|ip") add both parts, "ip-src|port" and the like only the
 * address.  Attributes with to_ids false (or deleted) are not detection
 * indicators: they are counted as ignored.  Other types are skipped.
 * Metadata: the attribute's comment (else its object's) is the
 * description, the event's info the source (else the file name), the
 * event's date the date.  jansson gives no positions, so diagnostics name
 * the attribute's uuid.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "ioc_internal.h"

/* One load's context. */
struct misp_ctx {
    tw_iocset *set;
    const char *file;
    tw_diags *diags;
    tw_ioc_load_stats *st;
};

/* What an event gives its attributes. */
struct misp_event {
    const char *source;
    char date[16];
};

static const char *obj_str(const json_t *o, const char *key)
{
    const json_t *v = json_object_get(o, key);

    return json_is_string(v) ? json_string_value(v) : NULL;
}

/* False when the flag is written as false, 0, "0" or "false"; def when absent. */
static bool obj_flag(const json_t *o, const char *key, bool def)
{
    const json_t *v = json_object_get(o, key);
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;

    if (v == NULL)
        return def;
    if (json_is_boolean(v))
        return json_is_true(v);
    if (json_is_integer(v))
        return json_integer_value(v) != 0;
    if (s != NULL)
        return strcmp(s, "0") != 0 && strcmp(s, "false") != 0;
    return def;
}

/* Splits "left|right" (type or value) at the first '|'; right is empty when none. */
static void split_bar(const char *s, tw_str *left, tw_str *right)
{
    const char *bar = strchr(s, '|');

    *left = bar != NULL ? tw_str_make(s, (size_t)(bar - s)) : tw_str_c(s);
    *right = bar != NULL ? tw_str_c(bar + 1) : TW_STR_NULL;
}

/* Takes one part of an attribute's value as the named type; *known turns
 * true when the type maps to an indicator type. */
static tw_err take_part(struct misp_ctx *cx, const char *ctx, tw_str type, tw_str value,
                        const tw_ioc *meta, bool *known)
{
    tw__ioc_cand c;
    tw_ioc_type t;

    if (type.len == 0 || !tw__ioc_type_from_name(type, &t))
        return TW_OK;
    *known = true;
    tw__ioc_classify_as(t, value, &c);
    return tw__ioc_take(cx->set, cx->file, 0, ctx, value, &c, meta, cx->diags, cx->st);
}

/* Handles one attribute object; ocomment is its object's comment (or NULL). */
static tw_err misp_attribute(struct misp_ctx *cx, const struct misp_event *ev, const json_t *a,
                             const char *ocomment)
{
    const char *type = obj_str(a, "type"), *value = obj_str(a, "value");
    const char *comment = obj_str(a, "comment"), *uuid = obj_str(a, "uuid");
    tw_ioc meta = {.source = ev->source, .date = ev->date};
    tw_str tl, tr, vl, vr;
    char ctx[96], id[72];
    bool known = false;
    tw_err rc;

    if (type == NULL || value == NULL || !obj_flag(a, "to_ids", true) ||
        obj_flag(a, "deleted", false)) {
        cx->st->ignored++;
        return TW_OK;
    }
    meta.description = comment != NULL && comment[0] != '\0' ? comment : ocomment;
    snprintf(ctx, sizeof(ctx), "attribute %s: ",
             tw__ioc_printable(tw_str_c(uuid != NULL ? uuid : "(no uuid)"), id, sizeof(id)));
    split_bar(type, &tl, &tr);
    vl = tw_str_c(value);
    vr = TW_STR_NULL;
    if (tr.len > 0)
        split_bar(value, &vl, &vr);
    rc = take_part(cx, ctx, tl, vl, &meta, &known);
    if (rc == TW_OK && tr.len > 0)
        rc = take_part(cx, ctx, tr, vr, &meta, &known);
    if (rc == TW_OK && !known)
        cx->st->skipped++;
    return rc;
}

/* Handles an "Attribute" array (anything else is ignored). */
static tw_err misp_attributes(struct misp_ctx *cx, const struct misp_event *ev, const json_t *arr,
                              const char *ocomment)
{
    size_t i;
    const json_t *a;
    tw_err rc = TW_OK;

    json_array_foreach(arr, i, a)
    {
        if (json_is_object(a))
            rc = misp_attribute(cx, ev, a, ocomment);
        if (rc != TW_OK)
            break;
    }
    return rc;
}

/* Handles an "Object" array: each object's attributes. */
static tw_err misp_objects(struct misp_ctx *cx, const struct misp_event *ev, const json_t *arr)
{
    size_t i;
    const json_t *o;
    tw_err rc = TW_OK;

    json_array_foreach(arr, i, o)
    {
        const char *comment = obj_str(o, "comment");
        rc = misp_attributes(cx, ev, json_object_get(o, "Attribute"),
                             comment != NULL && comment[0] != '\0' ? comment : NULL);
        if (rc != TW_OK)
            break;
    }
    return rc;
}

/* Handles an event object (the value of "Event", or a bare one). */
static tw_err misp_event(struct misp_ctx *cx, const json_t *e)
{
    struct misp_event ev = {.source = obj_str(e, "info")};
    const char *date = obj_str(e, "date");
    tw_err rc;

    if (ev.source == NULL || ev.source[0] == '\0')
        ev.source = cx->file;
    if (date != NULL)
        tw_str_to_c(tw_str_make(date, strnlen(date, 10)), ev.date, sizeof(ev.date));
    rc = misp_attributes(cx, &ev, json_object_get(e, "Attribute"), NULL);
    if (rc == TW_OK)
        rc = misp_objects(cx, &ev, json_object_get(e, "Object"));
    return rc;
}

/* Handles one element of a top-level array or search result: an event
 * wrapper, an event, or an attribute.  False when it is none of them. */
static bool misp_item(struct misp_ctx *cx, const json_t *o, tw_err *rc)
{
    const json_t *ev = json_object_get(o, "Event");
    struct misp_event bare = {.source = cx->file};

    if (json_is_object(ev))
        *rc = misp_event(cx, ev);
    else if (json_is_array(json_object_get(o, "Attribute")))
        *rc = misp_event(cx, o);
    else if (obj_str(o, "type") != NULL && json_object_get(o, "value") != NULL)
        *rc = misp_attribute(cx, &bare, o, NULL);
    else
        return false;
    return true;
}

/* Handles an array of events or attributes; other elements are ignored. */
static tw_err misp_array(struct misp_ctx *cx, const json_t *arr)
{
    size_t i;
    const json_t *o;
    tw_err rc = TW_OK;

    json_array_foreach(arr, i, o)
    {
        if (!misp_item(cx, o, &rc))
            cx->st->ignored++;
        if (rc != TW_OK)
            break;
    }
    return rc;
}

/* Dispatches on the top level: event, search result, array, attribute. */
static tw_err misp_root(struct misp_ctx *cx, const json_t *root)
{
    const json_t *resp = json_object_get(root, "response");
    tw_err rc = TW_OK;

    if (json_is_array(root))
        return misp_array(cx, root);
    if (json_is_array(resp))
        return misp_array(cx, resp);
    if (json_is_object(resp) && misp_item(cx, resp, &rc))
        return rc;
    if (misp_item(cx, root, &rc))
        return rc;
    tw_diags_add(cx->diags, TW_DIAG_ERROR, TW_EIOC, cx->file, 1, 0, NULL,
                 "JSON document is not a MISP event");
    return TW_OK;
}

/* Loads a MISP JSON document.  A JSON syntax error is an error diagnostic
 * at its line and TW_EIOC. */
tw_err tw__ioc_load_misp(tw_iocset *s, const char *file, tw_str data, tw_diags *diags,
                         tw_ioc_load_stats *st)
{
    struct misp_ctx cx = {s, file, diags, st};
    json_t *root;
    tw_err rc;

    root = tw__ioc_json_load(file, data, diags);
    if (root == NULL)
        return TW_EIOC;
    rc = misp_root(&cx, root);
    if (rc != TW_OK)
        tw_diags_add(diags, TW_DIAG_ERROR, rc, file, 0, 0, NULL, "cannot add indicator: %s",
                     tw_strerror(rc));
    json_decref(root);
    return rc;
}
