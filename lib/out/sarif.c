/*
 * sarif.c: SARIF 2.1.0, for code-scanning dashboards (GitHub, Azure DevOps,
 * VS Code's SARIF viewer).
 *
 * One run.  The run's results are streamed: each finding becomes a result
 * as it is added, so nothing of a finding is kept after tw_writer_add
 * returns.  The run's tool object, whose driver lists the rules that the
 * results reference, is written at finish, after the results (JSON objects
 * are unordered; SARIF readers parse the whole document).  Each rule's
 * reportingDescriptor is rendered when the rule is first seen, from the
 * rule set when one is given (opts.rules), else from that first finding;
 * ruleIndex is the rule's position in that list.
 */
#include <stdlib.h>
#include <string.h>

#include "out/internal.h"
#include "tidewatch/rules.h"

#define SARIF_SCHEMA "https://json.schemastore.org/sarif-2.1.0.json"
#define SARIF_FINGERPRINT "tidewatch/v1"

static const char *const sev_level[TW__OUT_SEVERITIES] = {"note", "note", "warning", "error",
                                                          "error"};
static const char *const sev_score[TW__OUT_SEVERITIES] = {"0.0", "3.0", "5.5", "8.0", "9.5"};

typedef struct {
    char *id; /* NULL: free slot */
    size_t index;
} rule_slot;

struct tw__sarif {
    tw_buf rules;     /* "[" and the descriptors rendered so far */
    tw__json rj;      /* writes into rules */
    rule_slot *slots; /* open addressing; nslots is a power of two */
    size_t nslots, nrules;
};

static unsigned sev_index(tw_severity s)
{
    return (unsigned)s < TW__OUT_SEVERITIES ? (unsigned)s : 0;
}

/* The slot holding id, or the free slot where it belongs. */
static rule_slot *slot_find(const tw__sarif *s, const char *id)
{
    size_t mask = s->nslots - 1;
    size_t i = (size_t)tw__fnv1a(TW__FNV_INIT, id, strlen(id)) & mask;

    while (s->slots[i].id != NULL && strcmp(s->slots[i].id, id) != 0)
        i = (i + 1) & mask;
    return &s->slots[i];
}

/* Doubles the table (keeps the load under one half). */
static tw_err slots_grow(tw__sarif *s)
{
    tw__sarif grown = *s;
    size_t i;

    grown.nslots = s->nslots != 0 ? s->nslots * 2 : 64;
    grown.slots = calloc(grown.nslots, sizeof(rule_slot));
    if (grown.slots == NULL)
        return TW_ENOMEM;
    for (i = 0; i < s->nslots; i++) {
        if (s->slots[i].id != NULL)
            *slot_find(&grown, s->slots[i].id) = s->slots[i];
    }
    free(s->slots);
    s->slots = grown.slots;
    s->nslots = grown.nslots;
    return TW_OK;
}

/* Whether v[i] appeared in v[0..i). */
static bool seen_before(const char *const *v, size_t i)
{
    size_t k;

    for (k = 0; k < i; k++) {
        if (v[k] != NULL && v[i] != NULL && strcmp(v[k], v[i]) == 0)
            return true;
    }
    return false;
}

/* properties.tags: the ATT&CK ids (unique, as SARIF requires), then the
 * category. */
static void sarif_tags(tw__json *j, const char *const *attack, size_t n, tw_category cat)
{
    size_t i;

    tw__json_key(j, "tags");
    tw__json_arr(j);
    for (i = 0; i < n; i++) {
        if (attack[i] != NULL && !seen_before(attack, i))
            tw__json_str(j, attack[i]);
    }
    tw__json_str(j, tw_category_name(cat));
    tw__json_arr_end(j);
}

/* {"text": s}, under key. */
static void sarif_text(tw__json *j, const char *key, const char *s)
{
    tw__json_key(j, key);
    tw__json_obj(j);
    tw__json_kstr(j, "text", s);
    tw__json_obj_end(j);
}

/* The remediation shown as the rule's help: "default", else "ios", else
 * the first entry; NULL when the rule has none. */
static const char *rule_help(const tw_rule *r)
{
    size_t i;

    for (i = 0; i < r->nremediation; i++) {
        if (r->remediation[i].dialect != NULL && strcmp(r->remediation[i].dialect, "default") == 0)
            return r->remediation[i].text;
    }
    for (i = 0; i < r->nremediation; i++) {
        if (r->remediation[i].dialect != NULL && strcmp(r->remediation[i].dialect, "ios") == 0)
            return r->remediation[i].text;
    }
    return r->nremediation > 0 ? r->remediation[0].text : NULL;
}

/* What a reportingDescriptor says, from the rule set or the finding. */
typedef struct {
    const char *id, *title, *description, *help;
    tw_severity severity;
    tw_category category;
    const char *const *attack;
    size_t nattack;
} rule_meta;

static rule_meta meta_of(const tw_finding *f, const char *id, const tw_rule *r)
{
    rule_meta m = {id,          f->title,    NULL,      f->remediation,
                   f->severity, f->category, f->attack, f->nattack};

    if (r != NULL) {
        m.title = r->title;
        m.description = r->description;
        m.help = rule_help(r);
        m.severity = r->severity;
        m.category = r->category;
        m.attack = (const char *const *)r->attack;
        m.nattack = r->nattack;
    }
    if (m.title == NULL)
        m.title = id;
    return m;
}

/* One reportingDescriptor. */
static void sarif_rule(tw__json *j, const rule_meta *m)
{
    tw__json_obj(j);
    tw__json_kstr(j, "id", m->id);
    tw__json_kstr(j, "name", m->id);
    sarif_text(j, "shortDescription", m->title);
    sarif_text(j, "fullDescription", m->description != NULL ? m->description : m->title);
    if (m->help != NULL)
        sarif_text(j, "help", m->help);
    tw__json_key(j, "defaultConfiguration");
    tw__json_obj(j);
    tw__json_kstr(j, "level", sev_level[sev_index(m->severity)]);
    tw__json_obj_end(j);
    tw__json_key(j, "properties");
    tw__json_obj(j);
    sarif_tags(j, m->attack, m->nattack, m->category);
    tw__json_kstr(j, "security-severity", sev_score[sev_index(m->severity)]);
    tw__json_kstr(j, "severity", tw_severity_name(m->severity));
    tw__json_obj_end(j);
    tw__json_obj_end(j);
}

/* Registers a rule seen for the first time and renders its descriptor. */
static tw_err rule_add(tw_writer *w, rule_slot *slot, const tw_finding *f, const char *id)
{
    tw__sarif *s = w->sarif;
    const tw_rule *r = w->opts.rules != NULL ? tw_ruleset_find(w->opts.rules, id) : NULL;
    rule_meta m = meta_of(f, id, r);

    if (s->nrules >= TW__OUT_MAX_RULES)
        return TW_ELIMIT;
    slot->id = strdup(id);
    if (slot->id == NULL)
        return TW_ENOMEM;
    slot->index = s->nrules++;
    sarif_rule(&s->rj, &m);
    return s->rj.err;
}

/* The index of f's rule in tool.driver.rules, adding the rule if new. */
static tw_err rule_index(tw_writer *w, const tw_finding *f, size_t *index)
{
    tw__sarif *s = w->sarif;
    const char *id = f->rule != NULL ? f->rule : "";
    rule_slot *slot;
    tw_err rc = TW_OK;

    if (s->nrules * 2 >= s->nslots)
        rc = slots_grow(s);
    if (rc != TW_OK)
        return rc;
    slot = slot_find(s, id);
    if (slot->id == NULL)
        rc = rule_add(w, slot, f, id);
    *index = slot->index;
    return rc;
}

/* Whether byte c stays as is in a URI path (RFC 3986 unreserved, '/'). */
static bool uri_plain(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.' || c == '_' || c == '~' || c == '/';
}

/* A file path as a URI: relative paths stay relative references, absolute
 * ones become file:// URIs; every other byte is percent-encoded. */
static tw_err uri_of(tw_buf *b, const char *path)
{
    static const char hex[] = "0123456789ABCDEF";
    const unsigned char *p = (const unsigned char *)path;
    tw_err rc = path[0] == '/' ? tw_buf_adds(b, "file://") : TW_OK;

    for (; *p != '\0' && rc == TW_OK; p++) {
        char e[3] = {'%', hex[*p >> 4], hex[*p & 15]};
        rc = uri_plain(*p) ? tw_buf_addch(b, (char)*p) : tw_buf_add(b, e, 3);
    }
    return rc;
}

/* locations[0]: the file, and the line with the evidence when known. */
static void sarif_location(tw__json *j, const tw_finding *f, tw_buf *tmp)
{
    tw_buf_reset(tmp);
    if (j->err == TW_OK)
        j->err = uri_of(tmp, f->file);
    tw__json_key(j, "locations");
    tw__json_arr(j);
    tw__json_obj(j);
    tw__json_key(j, "physicalLocation");
    tw__json_obj(j);
    tw__json_key(j, "artifactLocation");
    tw__json_obj(j);
    tw__json_key(j, "uri");
    tw__json_strv(j, tw_buf_str(tmp));
    tw__json_obj_end(j);
    if (f->line > 0) {
        tw__json_key(j, "region");
        tw__json_obj(j);
        tw__json_key(j, "startLine");
        tw__json_u64(j, f->line);
        if (f->evidence != NULL)
            sarif_text(j, "snippet", f->evidence);
        tw__json_obj_end(j);
    }
    tw__json_obj_end(j);
    tw__json_obj_end(j);
    tw__json_arr_end(j);
}

/* partialFingerprints: FNV-1a 64 of rule, file and evidence, so that a
 * finding keeps its identity when lines move. */
static void sarif_fingerprint(tw__json *j, const tw_finding *f)
{
    const char *parts[3] = {f->rule, f->file, f->evidence};
    uint64_t h = TW__FNV_INIT;
    char hex[17];
    size_t i;

    for (i = 0; i < 3; i++) {
        const char *p = parts[i] != NULL ? parts[i] : "";
        h = tw__fnv1a(h, p, strlen(p) + 1);
    }
    snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)h);
    tw__json_key(j, "partialFingerprints");
    tw__json_obj(j);
    tw__json_kstr(j, SARIF_FINGERPRINT, hex);
    tw__json_obj_end(j);
}

/* properties: the contract fields SARIF has no place of its own for. */
static void sarif_props(tw__json *j, const tw_finding *f)
{
    tw__json_key(j, "properties");
    tw__json_obj(j);
    tw__json_kstr(j, "severity", tw_severity_name(f->severity));
    tw__json_kstr(j, "category", tw_category_name(f->category));
    tw__json_kstr(j, "title", f->title);
    tw__json_finding_tail(j, f);
    tw__json_obj_end(j);
}

static void sarif_result(tw__json *j, const tw_finding *f, size_t index, tw_buf *tmp)
{
    const char *text = f->message != NULL ? f->message : f->title;

    tw__json_obj(j);
    tw__json_kstr(j, "ruleId", f->rule != NULL ? f->rule : "");
    tw__json_key(j, "ruleIndex");
    tw__json_u64(j, index);
    tw__json_kstr(j, "level", sev_level[sev_index(f->severity)]);
    sarif_text(j, "message", text != NULL ? text : "");
    if (f->file != NULL)
        sarif_location(j, f, tmp);
    sarif_fingerprint(j, f);
    sarif_props(j, f);
    tw__json_obj_end(j);
}

/* The document up to the results array, once. */
static tw_err sarif_start(tw_writer *w)
{
    tw__json *j = &w->json;
    tw__sarif *s;

    if (w->started)
        return TW_OK;
    w->started = true;
    s = calloc(1, sizeof(*s));
    if (s == NULL)
        return TW_ENOMEM;
    w->sarif = s;
    tw_buf_init(&s->rules, 0);
    tw__json_init(&s->rj, &s->rules);
    tw__json_arr(&s->rj);
    tw__json_obj(j);
    tw__json_kstr(j, "$schema", SARIF_SCHEMA);
    tw__json_kstr(j, "version", "2.1.0");
    tw__json_key(j, "runs");
    tw__json_arr(j);
    tw__json_obj(j);
    tw__json_key(j, "results");
    tw__json_arr(j);
    return j->err != TW_OK ? j->err : s->rj.err;
}

static tw_err sarif_add(tw_writer *w, const tw_finding *f)
{
    tw_buf tmp;
    size_t index = 0;
    tw_err rc = sarif_start(w);

    if (rc == TW_OK)
        rc = rule_index(w, f, &index);
    if (rc != TW_OK)
        return rc;
    tw_buf_init(&tmp, 0);
    sarif_result(&w->json, f, index, &tmp);
    tw_buf_release(&tmp);
    return w->json.err;
}

/* Closes the results, then writes tool.driver with its rules. */
static tw_err sarif_finish(tw_writer *w)
{
    tw__json *j = &w->json;
    tw_err rc = sarif_start(w);

    if (rc != TW_OK)
        return rc;
    tw__json_arr_end(&w->sarif->rj);
    if (w->sarif->rj.err != TW_OK)
        return w->sarif->rj.err;
    tw__json_arr_end(j);
    tw__json_key(j, "tool");
    tw__json_obj(j);
    tw__json_key(j, "driver");
    tw__json_obj(j);
    tw__json_kstr(j, "name", "tidewatch");
    if (w->opts.tool_version != NULL)
        tw__json_kstr(j, "version", w->opts.tool_version);
    if (w->opts.info_uri != NULL)
        tw__json_kstr(j, "informationUri", w->opts.info_uri);
    tw__json_key(j, "rules");
    tw__json_raw(j, w->sarif->rules.ptr, w->sarif->rules.len);
    tw__json_obj_end(j);
    tw__json_obj_end(j);
    tw__json_obj_end(j);
    tw__json_arr_end(j);
    tw__json_obj_end(j);
    if (j->err == TW_OK)
        j->err = tw_buf_addch(&w->out, '\n');
    return j->err;
}

static void sarif_release(tw_writer *w)
{
    tw__sarif *s = w->sarif;
    size_t i;

    if (s == NULL)
        return;
    for (i = 0; i < s->nslots; i++)
        free(s->slots[i].id);
    free(s->slots);
    tw_buf_release(&s->rules);
    free(s);
    w->sarif = NULL;
}

const tw__writer_ops tw__sarif_ops = {sarif_add, sarif_finish, sarif_release};
