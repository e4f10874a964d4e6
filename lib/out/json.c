/*
 * json.c: the small escaping JSON writer that jsonl and sarif share.
 *
 * It appends compact JSON to a tw_buf and places commas itself, so a writer
 * only says what comes next (object, key, value).  Every string goes
 * through tw_json_escape.  The first error (buffer limit, out of memory,
 * nesting past TW__JSON_DEPTH) sticks in j->err and turns later calls into
 * no-ops, so callers check once when the document is done.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "out/internal.h"

/* Starts a writer appending to b. */
void tw__json_init(tw__json *j, tw_buf *b)
{
    memset(j, 0, sizeof(*j));
    j->b = b;
}

/* Writes the comma before a value or key when one is due. */
static void json_sep(tw__json *j)
{
    if (j->after_key) {
        j->after_key = false;
        return;
    }
    if (j->need_comma[j->depth] && j->err == TW_OK)
        j->err = tw_buf_addch(j->b, ',');
    j->need_comma[j->depth] = true;
}

static void json_put(tw__json *j, const char *s, size_t len)
{
    if (j->err == TW_OK)
        j->err = tw_buf_add(j->b, s, len);
}

/* Opens an object or array. */
static void json_open(tw__json *j, char c)
{
    json_sep(j);
    if (j->depth + 1 >= TW__JSON_DEPTH && j->err == TW_OK)
        j->err = TW_ELIMIT;
    if (j->err != TW_OK)
        return;
    json_put(j, &c, 1);
    j->depth++;
    j->need_comma[j->depth] = false;
}

static void json_close(tw__json *j, char c)
{
    if (j->err == TW_OK && j->depth == 0)
        j->err = TW_EINTERNAL;
    if (j->err != TW_OK)
        return;
    j->depth--;
    json_put(j, &c, 1);
}

void tw__json_obj(tw__json *j)
{
    json_open(j, '{');
}

void tw__json_obj_end(tw__json *j)
{
    json_close(j, '}');
}

void tw__json_arr(tw__json *j)
{
    json_open(j, '[');
}

void tw__json_arr_end(tw__json *j)
{
    json_close(j, ']');
}

/* Appends a quoted, escaped string. */
static void json_quoted(tw__json *j, tw_str s)
{
    json_put(j, "\"", 1);
    if (j->err == TW_OK)
        j->err = tw_json_escape(j->b, s);
    json_put(j, "\"", 1);
}

/* Writes an object key and the colon; the next value follows it. */
void tw__json_key(tw__json *j, const char *key)
{
    json_sep(j);
    json_quoted(j, tw_str_c(key));
    json_put(j, ":", 1);
    j->after_key = true;
}

void tw__json_strv(tw__json *j, tw_str s)
{
    json_sep(j);
    json_quoted(j, s);
}

/* A string value; NULL gives null. */
void tw__json_str(tw__json *j, const char *s)
{
    if (s == NULL)
        tw__json_null(j);
    else
        tw__json_strv(j, tw_str_c(s));
}

void tw__json_u64(tw__json *j, uint64_t v)
{
    char num[24];
    int n = snprintf(num, sizeof(num), "%" PRIu64, v);

    json_sep(j);
    json_put(j, num, (size_t)n);
}

void tw__json_null(tw__json *j)
{
    json_sep(j);
    json_put(j, "null", 4);
}

/* A value already rendered as JSON. */
void tw__json_raw(tw__json *j, const char *raw, size_t len)
{
    json_sep(j);
    json_put(j, raw, len);
}

/* An array of strings (a NULL element gives null). */
void tw__json_strs(tw__json *j, const char *const *v, size_t n)
{
    size_t i;

    tw__json_arr(j);
    for (i = 0; i < n; i++)
        tw__json_str(j, v[i]);
    tw__json_arr_end(j);
}

/* The common pair: key, then a string or null. */
void tw__json_kstr(tw__json *j, const char *key, const char *s)
{
    tw__json_key(j, key);
    tw__json_str(j, s);
}

void tw__json_finding_tail(tw__json *j, const tw_finding *f)
{
    tw__json_kstr(j, "device", f->device);
    tw__json_kstr(j, "user", f->user);
    tw__json_kstr(j, "evidence", f->evidence);
    tw__json_kstr(j, "ioc", f->ioc);
    tw__json_kstr(j, "cve", f->cve);
    tw__json_key(j, "attack");
    tw__json_strs(j, f->attack, f->nattack);
    tw__json_key(j, "references");
    tw__json_strs(j, f->references, f->nreferences);
    tw__json_kstr(j, "remediation", f->remediation);
    tw__json_key(j, "details");
    tw__json_obj(j);
    for (size_t i = 0; i < f->ndetails; i++)
        tw__json_kstr(j, f->details[i].name, f->details[i].value);
    tw__json_obj_end(j);
}
