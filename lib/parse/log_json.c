/*
 * log_json.c: JSON Lines logs, one object a line, read with jansson.
 *
 * Each event field comes from the first key of its list (tw_log_opts, or
 * the defaults below, which cover syslog-ng, rsyslog mmjsonparse, Vector,
 * Fluent Bit, Elastic ECS, journald exports and Splunk HEC) that holds a
 * string or an integer.  A dotted key is tried as written first (a
 * flattened "host.name"), then as a path into nested objects.  When the
 * message holds a syslog line or a bare Cisco / Junos body, it is parsed
 * as the syslog parser does, and fields the JSON did not give are taken
 * from it.
 */
#include <inttypes.h>
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "parse/log_int.h"

#define MAX_KEY 128 /* bytes of one key */

static const char *const default_keys[TW__JK_COUNT] = {
    "@timestamp,timestamp,time,ts",
    "host.name,host,hostname,HOSTNAME,source",
    "program,app,appname,process.name,SYSLOGIDENT,SYSLOG_IDENTIFIER",
    "message,msg,MESSAGE,log",
    "user.name,user",
    "source.ip,src_ip,src,client.ip",
    "destination.ip,dst_ip,dst",
    "command,cmd,process.command_line",
    "msgid,event.code,MSGID",
};

/* The default key list of a field (TW__JK_*). */
const char *tw__json_default_key(int which)
{
    return which >= 0 && which < TW__JK_COUNT ? default_keys[which] : "";
}

/* The value at a dotted path into nested objects, or NULL. */
static json_t *walk(json_t *o, tw_str key)
{
    while (o != NULL && json_is_object(o)) {
        const char *dot = memchr(key.ptr, '.', key.len);
        size_t n = dot != NULL ? (size_t)(dot - key.ptr) : key.len;
        o = json_object_getn(o, key.ptr, n);
        if (dot == NULL)
            return o;
        key = tw_str_make(dot + 1, key.len - n - 1);
    }
    return NULL;
}

/* Text of a string or integer value (integers are written into num). */
static bool value_text(json_t *v, char *num, size_t cap, tw_str *out)
{
    if (json_is_string(v)) {
        *out = tw_str_make(json_string_value(v), json_string_length(v));
        return out->len > 0;
    }
    if (json_is_integer(v)) {
        int n = snprintf(num, cap, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        *out = tw_str_make(num, n > 0 && (size_t)n < cap ? (size_t)n : 0);
        return out->len > 0;
    }
    return false;
}

/* The first key of list that holds a value. */
static tw_str lookup(json_t *root, const char *list, char *num, size_t cap)
{
    tw_str rest = tw_str_c(list), out = TW_STR_NULL;

    while (rest.len > 0) {
        const char *comma = memchr(rest.ptr, ',', rest.len);
        size_t n = comma != NULL ? (size_t)(comma - rest.ptr) : rest.len;
        tw_str key = tw_str_trim(tw_str_make(rest.ptr, n));
        json_t *v = key.len > 0 && key.len < MAX_KEY ? json_object_getn(root, key.ptr, key.len)
                                                      : NULL;
        if (v == NULL && key.len > 0)
            v = walk(root, key);
        if (v != NULL && value_text(v, num, cap, &out))
            return out;
        rest = comma != NULL ? tw_str_make(comma + 1, rest.len - n - 1) : TW_STR_NULL;
    }
    return TW_STR_NULL;
}

static void take(tw_str *mine, tw_str theirs)
{
    if (mine->len == 0)
        *mine = theirs;
}

static void take_num(int64_t *mine, int64_t theirs)
{
    if (*mine == TW__LOG_NONE)
        *mine = theirs;
}

/* Fills what the JSON keys left empty from the message's syslog text. */
static void from_message(tw__log_rec *r)
{
    tw__log_rec m;
    const char *why = NULL;

    if (!tw__syslog_parse(r->message, &m, &why)) {
        tw__log_rec_init(&m);
        m.program = r->program;
        tw__syslog_body(r->message, &m);
    }
    take(&r->time, m.time);
    take(&r->host, m.host);
    take(&r->program, m.program);
    take(&r->msgid, m.msgid);
    take(&r->user, m.user);
    take(&r->command, m.command);
    take(&r->src, m.src);
    take(&r->dst, m.dst);
    take(&r->tty, m.tty);
    take_num(&r->pid, m.pid);
    take_num(&r->facility, m.facility);
    take_num(&r->severity, m.severity);
    take_num(&r->src_port, m.src_port);
    take_num(&r->dst_port, m.dst_port);
    if (m.msgid.len > 0)
        r->message = m.message;
}

/* Parses one JSON Lines record. */
tw_err tw__json_line(tw_log_parser *p, const char *file, tw_str line, uint32_t lineno,
                     tw_factset *fs, tw_diags *diags, bool *parsed)
{
    char num[TW__JK_COUNT][24];
    json_error_t err;
    json_t *root = json_loadb(line.ptr, line.len, 0, &err);
    tw_str v[TW__JK_COUNT];
    tw__log_rec r;
    tw_err rc;

    if (root == NULL || !json_is_object(root)) {
        (void)tw_diags_add(diags, TW_DIAG_WARNING, TW_EJSON, file, lineno, 0, NULL, "%s",
                           root == NULL ? "invalid JSON" : "not a JSON object");
        json_decref(root);
        return TW_OK;
    }
    for (int i = 0; i < TW__JK_COUNT; i++)
        v[i] = lookup(root, p->keys[i], num[i], sizeof(num[i]));
    tw__log_rec_init(&r);
    r.format = "jsonl";
    r.time = v[TW__JK_TIME];
    r.host = v[TW__JK_HOST];
    r.program = v[TW__JK_PROGRAM];
    r.message = v[TW__JK_MESSAGE];
    r.user = v[TW__JK_USER];
    r.src = v[TW__JK_SRC];
    r.dst = v[TW__JK_DST];
    r.command = v[TW__JK_COMMAND];
    r.msgid = v[TW__JK_MSGID];
    if (r.message.len > 0)
        from_message(&r);
    rc = tw__log_emit(p, &r, line, lineno, fs);
    json_decref(root);
    *parsed = rc == TW_OK;
    return rc;
}
