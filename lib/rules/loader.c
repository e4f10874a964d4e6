/*
 * loader.c: reads rule packs (YAML) into a rule set.
 *
 * A pack is a sequence of rules, or a mapping whose only key "rules" holds
 * that sequence.  libyaml's document API gives every node a start mark, so
 * each problem becomes a diagnostic at file:line:column naming the rule.
 * A rule with any problem is rejected and the others are kept.  Aliases are
 * refused (each node is walked once), which also keeps hostile packs from
 * expanding.  Prefilter regexes ("match") are validated by compiling them
 * with Vectorscan, which hunt later builds its database with.  The schema
 * is in docs/rules.md.  The walk, the diagnostics and the document loop
 * are core/yaml_util.c's, shared with the CVE table loader.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <hs.h>

#include "rules/rules_int.h"

#include "tidewatch/limits.h"

#define TW__MAX_ID_LEN 64

static const char *const dialect_keys[] = {"ios",   "ios-xe", "nx-os", "ios-xr",
                                           "junos", "eos",    "asa",   "default"};

/* Reports a problem of the current rule at node n (see rules_int.h). */
void tw__ld_error(tw__ld *c, const yaml_node_t *n, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    tw__yaml_verror(&c->y, n, fmt, ap);
    va_end(ap);
}

/* The value node of key in mapping n, looked at without walking it. */
static yaml_node_t *peek(tw__ld *c, yaml_node_t *n, const char *key)
{
    return tw__yaml_peek(c->y.doc, n, key);
}

/* True when s is a valid rule id: [A-Z0-9-]+, bounded. */
static bool id_valid(const char *s)
{
    size_t n = strlen(s);

    if (n == 0 || n > TW__MAX_ID_LEN)
        return false;
    return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-") == n;
}

/* True when s is an ATT&CK id: T1234, T1234.567 or TA1234. */
static bool attack_valid(const char *s)
{
    size_t d;

    if (s[0] != 'T')
        return false;
    if (s[1] == 'A')
        return strspn(s + 2, "0123456789") == 4 && s[6] == '\0';
    d = strspn(s + 1, "0123456789");
    if (d != 4)
        return false;
    if (s[5] == '\0')
        return true;
    return s[5] == '.' && strspn(s + 6, "0123456789") == 3 && s[9] == '\0';
}

/* Copies a scalar text field of the rule, non-empty and bounded. */
static const char *read_text(tw__ld *c, yaml_node_t *n, const char *what)
{
    const char *t = tw__ld_scalar(c, n, what);
    char *copy;

    if (t == NULL)
        return NULL;
    if (t[0] == '\0') {
        tw__ld_error(c, n, "%s is empty", what);
        return NULL;
    }
    if (strlen(t) > TW_LIMIT_TEXT_FIELD) {
        tw__ld_error(c, n, "%s is longer than %d bytes", what, TW_LIMIT_TEXT_FIELD);
        return NULL;
    }
    copy = tw_arena_strdup(c->arena, t);
    c->oom |= copy == NULL;
    return copy;
}

/* Reads a list of strings (attack, references); attack ids are checked. */
static void read_strings(tw__ld *c, yaml_node_t *n, const char *what, const char ***out,
                         size_t *nout)
{
    yaml_node_item_t *it;
    size_t k;

    if (n->type != YAML_SEQUENCE_NODE) {
        tw__ld_error(c, n, "%s must be a list", what);
        return;
    }
    k = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
    *out = tw_arena_zalloc(c->arena, (k + 1) * sizeof(**out));
    c->oom |= *out == NULL;
    for (it = n->data.sequence.items.start; *out != NULL && it < n->data.sequence.items.top; it++) {
        yaml_node_t *v = tw__ld_node(c, *it);
        const char *t = read_text(c, v, what);
        if (t == NULL)
            continue;
        if (strcmp(what, "attack") == 0 && !attack_valid(t)) {
            tw__ld_error(c, v, "invalid att&ck id '%s' (expected T1234, T1234.567 or TA1234)", t);
            continue;
        }
        (*out)[(*nout)++] = t;
    }
}

/* True when key names a remediation dialect. */
static bool dialect_known(const char *key)
{
    for (size_t i = 0; i < sizeof(dialect_keys) / sizeof(dialect_keys[0]); i++) {
        if (strcmp(dialect_keys[i], key) == 0)
            return true;
    }
    return false;
}

/* Reads remediation: a mapping dialect -> text. */
static void read_remediation(tw__ld *c, yaml_node_t *n, tw_rule *r)
{
    yaml_node_pair_t *p;
    size_t k;

    if (n->type != YAML_MAPPING_NODE) {
        tw__ld_error(c, n, "remediation must be a mapping of dialect to text");
        return;
    }
    k = (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);
    r->remediation = tw_arena_zalloc(c->arena, (k + 1) * sizeof(*r->remediation));
    c->oom |= r->remediation == NULL;
    for (p = n->data.mapping.pairs.start; r->remediation != NULL && p < n->data.mapping.pairs.top;
         p++) {
        yaml_node_t *key = tw__ld_node(c, p->key);
        const char *d = tw__ld_scalar(c, key, "a remediation dialect");
        const char *text;
        if (d == NULL)
            continue;
        if (!dialect_known(d)) {
            tw__ld_error(c, key, "unknown remediation dialect '%s'", d);
            continue;
        }
        text = read_text(c, tw__ld_node(c, p->value), "remediation text");
        if (text == NULL)
            continue;
        r->remediation[r->nremediation].dialect = tw_arena_strdup(c->arena, d);
        r->remediation[r->nremediation++].text = text;
    }
}

/* Reads "when" or "absent": a predicate mapping whose "fact" names the
 * kind. */
static void read_pred(tw__ld *c, yaml_node_t *n, tw_rule *r)
{
    yaml_node_t *fact;
    const char *name;

    if (n->type != YAML_MAPPING_NODE) {
        tw__ld_error(c, n, "a predicate must be a mapping");
        return;
    }
    fact = peek(c, n, "fact");
    if (fact == NULL) {
        tw__ld_error(c, n, "predicate needs 'fact: KIND' at its top");
        return;
    }
    if (fact->type != YAML_SCALAR_NODE) {
        tw__ld_error(c, fact, "fact must be a scalar");
        return;
    }
    name = (const char *)fact->data.scalar.value;
    if (!tw_fact_kind_parse(tw_str_c(name), &r->kind)) {
        tw__ld_error(c, fact, "unknown fact kind '%s'", name);
        return;
    }
    r->pred = tw__pred_compile(c, n, r->kind);
    c->oom |= r->pred == NULL;
}

/* Checks that Vectorscan accepts a prefilter regex (no backreferences,
 * no lookaround, no empty match).  hs_expression_info parses and analyses
 * the pattern without building a database: loading the rules stays cheap
 * for commands that never scan logs. */
static void check_hs_regex(tw__ld *c, yaml_node_t *n, const char *re)
{
    hs_expr_info_t *info = NULL;
    hs_compile_error_t *err = NULL;
    const char *why = "rejected by vectorscan";

    if (hs_expression_info(re, HS_FLAG_SINGLEMATCH, &info, &err) == HS_SUCCESS) {
        bool empty = info->min_width == 0;

        free(info);
        if (!empty)
            return;
        why = "the pattern can match an empty string";
    } else if (err != NULL && err->message != NULL) {
        why = err->message;
    }
    tw__ld_error(c, n, "invalid match regex '%s': %s", re, why);
    hs_free_compile_error(err);
}

/* Reads one prefilter pattern: a literal scalar or {regex: RE}. */
static void read_match_item(tw__ld *c, yaml_node_t *n, tw_rule_match *m)
{
    yaml_node_pair_t *p;
    const char *key;

    if (n == NULL)
        return;
    if (n->type == YAML_SCALAR_NODE) {
        m->text = read_text(c, n, "a match literal");
        return;
    }
    p = n->type == YAML_MAPPING_NODE ? n->data.mapping.pairs.start : NULL;
    if (p == NULL || p + 1 != n->data.mapping.pairs.top) {
        tw__ld_error(c, n, "a match pattern is a literal or {regex: PATTERN}");
        return;
    }
    key = tw__ld_scalar(c, tw__ld_node(c, p->key), "a match key");
    if (key == NULL || strcmp(key, "regex") != 0) {
        tw__ld_error(c, n, "a match pattern is a literal or {regex: PATTERN}");
        return;
    }
    n = tw__ld_node(c, p->value);
    m->text = read_text(c, n, "a match regex");
    m->regex = true;
    if (m->text != NULL)
        check_hs_regex(c, n, m->text);
}

/* Reads "match": a non-empty list of prefilter patterns. */
static void read_match(tw__ld *c, yaml_node_t *n, tw_rule *r)
{
    size_t k;

    if (n->type != YAML_SEQUENCE_NODE ||
        n->data.sequence.items.top == n->data.sequence.items.start) {
        tw__ld_error(c, n, "match needs a non-empty list of patterns");
        return;
    }
    k = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
    if (k > TW__MAX_MATCH) {
        tw__ld_error(c, n, "match has more than %d patterns", TW__MAX_MATCH);
        return;
    }
    r->match = tw_arena_zalloc(c->arena, (k + 1) * sizeof(*r->match));
    c->oom |= r->match == NULL;
    for (yaml_node_item_t *it = n->data.sequence.items.start;
         r->match != NULL && it < n->data.sequence.items.top; it++) {
        tw_rule_match *m = &r->match[r->nmatch];
        read_match_item(c, tw__ld_node(c, *it), m);
        if (m->text != NULL)
            r->nmatch++;
    }
}

/* Reads a boolean rule key (catchall). */
static void read_flag(tw__ld *c, yaml_node_t *n, const char *what, bool *out)
{
    const char *t = tw__ld_scalar(c, n, what);

    if (t == NULL)
        return;
    *out = strcmp(t, "true") == 0;
    if (!*out && strcmp(t, "false") != 0)
        tw__ld_error(c, n, "%s needs true or false, not '%s'", what, t);
}

/* Reads severity or category. */
static void read_enum(tw__ld *c, yaml_node_t *n, tw_rule *r, bool sev)
{
    const char *t = tw__ld_scalar(c, n, sev ? "severity" : "category");
    bool ok;

    if (t == NULL)
        return;
    ok = sev ? tw_severity_parse(tw_str_c(t), &r->severity)
             : tw_category_parse(tw_str_c(t), &r->category);
    if (!ok)
        tw__ld_error(c, n,
                     sev ? "unknown severity '%s' (info, low, medium, high, critical)"
                         : "unknown category '%s' (compromise, hardening, exposure, "
                           "drift, outlier)",
                     t);
}

/* Reads policy: the name of a policy list the rule needs. */
static void read_policy_guard(tw__ld *c, yaml_node_t *val, tw_rule *r)
{
    const char *t = tw__ld_scalar(c, val, "policy");

    if (t == NULL)
        return;
    if (!tw_policy_list_known(t)) {
        tw__ld_error(c, val, "unknown policy list '%s'", t);
        return;
    }
    r->policy = tw_arena_strdup(c->arena, t);
    c->oom |= r->policy == NULL;
}

/* Reads dialects: the configuration dialects the rule applies to. */
static void read_dialects(tw__ld *c, yaml_node_t *val, tw_rule *r)
{
    const char **names = NULL;
    size_t n = 0;

    read_strings(c, val, "dialects", &names, &n);
    for (size_t i = 0; i < n; i++) {
        tw_dialect d;

        if (!tw_dialect_parse(tw_str_c(names[i]), &d) || d == TW_DIALECT_UNKNOWN)
            tw__ld_error(c, val, "unknown dialect '%s'", names[i]);
        else
            r->dialects |= 1u << d;
    }
}

/* Which required keys a rule has shown. */
typedef struct {
    bool title, severity, category, when, absent, match;
} rule_seen;

/* Reads one key of a rule mapping. */
static void read_key(tw__ld *c, const char *name, yaml_node_t *key, yaml_node_t *val, tw_rule *r,
                     rule_seen *s)
{
    if (strcmp(name, "id") == 0) {
        /* read before the other keys */
    } else if (strcmp(name, "title") == 0) {
        r->title = read_text(c, val, "title");
        s->title = true;
    } else if (strcmp(name, "severity") == 0) {
        read_enum(c, val, r, true);
        s->severity = true;
    } else if (strcmp(name, "category") == 0) {
        read_enum(c, val, r, false);
        s->category = true;
    } else if (strcmp(name, "when") == 0 || strcmp(name, "absent") == 0) {
        r->absent = name[0] == 'a';
        *(r->absent ? &s->absent : &s->when) = true;
        if (!(s->when && s->absent))
            read_pred(c, val, r);
    } else if (strcmp(name, "description") == 0) {
        r->description = read_text(c, val, "description");
    } else if (strcmp(name, "message") == 0) {
        r->message = read_text(c, val, "message");
    } else if (strcmp(name, "catchall") == 0) {
        read_flag(c, val, "catchall", &r->catchall);
    } else if (strcmp(name, "per_device") == 0) {
        read_flag(c, val, "per_device", &r->per_device);
    } else if (strcmp(name, "policy") == 0) {
        read_policy_guard(c, val, r);
    } else if (strcmp(name, "dialects") == 0) {
        read_dialects(c, val, r);
    } else if (strcmp(name, "attack") == 0) {
        read_strings(c, val, "attack", &r->attack, &r->nattack);
    } else if (strcmp(name, "references") == 0) {
        read_strings(c, val, "references", &r->references, &r->nreferences);
    } else if (strcmp(name, "remediation") == 0) {
        read_remediation(c, val, r);
    } else if (strcmp(name, "match") == 0) {
        read_match(c, val, r);
        s->match = true;
    } else {
        tw__ld_error(c, key, "unknown key '%s'", name);
    }
}

/* Reads the id first, so that every message can name the rule. */
static void read_id(tw__ld *c, yaml_node_t *n, tw_rule *r, size_t index)
{
    char *label = c->label;
    size_t cap = sizeof(c->label);
    yaml_node_t *idn = peek(c, n, "id");
    const char *t =
        idn != NULL && idn->type == YAML_SCALAR_NODE ? (const char *)idn->data.scalar.value : NULL;

    snprintf(label, cap, "#%zu", index + 1);
    c->y.entry = label;
    if (idn == NULL) {
        tw__ld_error(c, n, "rule has no id");
        return;
    }
    if (t == NULL || !id_valid(t)) {
        tw__ld_error(c, idn, "invalid rule id (expected [A-Z0-9-]+, at most %d characters)",
                     TW__MAX_ID_LEN);
        return;
    }
    snprintf(label, cap, "%s", t);
    r->id = tw_arena_strdup(c->arena, t);
    c->oom |= r->id == NULL;
    c->y.entry_id = r->id;
}

/* Checks the keys every rule needs. */
static void check_required(tw__ld *c, yaml_node_t *n, const rule_seen *s)
{
    if (!s->title)
        tw__ld_error(c, n, "rule has no title");
    if (!s->severity)
        tw__ld_error(c, n, "rule has no severity");
    if (!s->category)
        tw__ld_error(c, n, "rule has no category");
    if (s->when && s->absent)
        tw__ld_error(c, n, "rule has both when and absent");
    if (!s->when && !s->absent)
        tw__ld_error(c, n, "rule has neither when nor absent");
}

/* Checks "match" against the rule's fact kind: only log facts have raw
 * lines to prefilter, and a rule over events needs a prefilter or an
 * indicator test (hunt looks only at lines where something may match). */
static void check_match(tw__ld *c, yaml_node_t *n, const tw_rule *r, const rule_seen *s)
{
    bool log = r->kind == TW_FACT_EVENT || r->kind == TW_FACT_SIGHTING;

    if (r->pred == NULL)
        return;
    if (log && s->absent)
        tw__ld_error(c, n, "absent rules apply only to configuration facts, not '%s'",
                     tw_fact_kind_name(r->kind));
    else if (s->match && !log)
        tw__ld_error(c, peek(c, n, "match"),
                     "'match' applies only to rules over event or sighting facts, not '%s'",
                     tw_fact_kind_name(r->kind));
    else if (r->kind == TW_FACT_EVENT && !s->match && !tw__pred_uses_ioc(r->pred))
        tw__ld_error(c, n,
                     "rule over log events needs 'match' prefilter patterns or an "
                     "'in: ioc' test");
}

/* Reads one rule; returns it, or NULL when it was rejected. */
static tw_rule *read_rule(tw__ld *c, tw_ruleset *rs, yaml_node_t *n, uint32_t pack, size_t index)
{
    rule_seen s = {0};
    tw_rule *r = tw_arena_zalloc(c->arena, sizeof(*r));
    yaml_node_pair_t *p, *first;

    c->y.errors = 0;
    c->y.entry = NULL;
    c->y.entry_id = NULL;
    if (r == NULL) {
        c->oom = true;
        return NULL;
    }
    if (n->type != YAML_MAPPING_NODE) {
        tw__ld_error(c, n, "rule #%zu must be a mapping", index + 1);
        return NULL;
    }
    read_id(c, n, r, index);
    r->line = (uint32_t)n->start_mark.line + 1;
    r->file = c->y.file != NULL ? tw_arena_strdup(c->arena, c->y.file) : NULL;
    first = n->data.mapping.pairs.start;
    for (p = first; p < n->data.mapping.pairs.top; p++) {
        yaml_node_t *key = tw__ld_node(c, p->key);
        const char *name = tw__ld_scalar(c, key, "a rule key");
        yaml_node_t *val = tw__ld_node(c, p->value);
        if (name != NULL && tw__yaml_find_key(c->y.doc, first, p, name) != NULL)
            tw__ld_error(c, key, "duplicate key '%s'", name);
        else if (name != NULL && val != NULL)
            read_key(c, name, key, val, r, &s);
    }
    check_required(c, n, &s);
    check_match(c, n, r, &s);
    if (r->id != NULL && tw__ruleset_in_pack(rs, r->id, pack))
        tw__ld_error(c, peek(c, n, "id"), "duplicate rule id in one pack");
    if (c->y.errors == 0 && !c->oom)
        return r;
    tw__pred_free(r->pred);
    return NULL;
}

/* Reads the rules of one document's sequence.  Returns false when a rule
 * was rejected. */
static bool read_rules(tw__ld *c, tw_ruleset *rs, yaml_node_t *seq, uint32_t pack)
{
    bool ok = true;
    size_t index = 0;

    for (yaml_node_item_t *it = seq->data.sequence.items.start; it < seq->data.sequence.items.top;
         it++, index++) {
        yaml_node_t *n;
        tw_rule *r;
        c->y.entry = NULL;
        c->y.entry_id = NULL;
        n = tw__ld_node(c, *it);
        r = n != NULL ? read_rule(c, rs, n, pack, index) : NULL;
        tw_err rc = r != NULL ? tw__ruleset_put(rs, r, pack) : TW_ERULE;
        if (rc == TW_ELIMIT) {
            tw__ld_error(c, n, "more than %d rules in all packs", TW_LIMIT_RULES);
            tw__pred_free(r->pred);
            return false;
        }
        if (rc == TW_ENOMEM) {
            tw__pred_free(r->pred);
            c->oom = true;
        }
        if (rc != TW_OK)
            ok = false;
        if (c->oom)
            return false;
    }
    return ok;
}

/* Finds the rule sequence of a document: the root itself, or the value of
 * its "rules" key.  NULL (reported) when the shape is wrong. */
static yaml_node_t *rules_node(tw__ld *c, yaml_node_t *root)
{
    yaml_node_t *seq = root;

    c->y.entry = NULL;
    c->y.entry_id = NULL;
    if (root->type == YAML_MAPPING_NODE) {
        yaml_node_pair_t *p = root->data.mapping.pairs.start;
        yaml_node_t *key = p < root->data.mapping.pairs.top ? tw__ld_node(c, p->key) : NULL;
        const char *name = tw__ld_scalar(c, key, "a pack key");
        if (name == NULL || strcmp(name, "rules") != 0 || p + 1 != root->data.mapping.pairs.top) {
            tw__ld_error(c, root, "a pack mapping must hold only the key 'rules'");
            return NULL;
        }
        seq = tw__ld_node(c, p->value);
    }
    if (seq == NULL || seq->type != YAML_SEQUENCE_NODE) {
        tw__ld_error(c, seq != NULL ? seq : root,
                     "a rule pack is a list of rules or a mapping with the key 'rules'");
        return NULL;
    }
    return seq;
}

/* What read_document needs besides the loader context. */
typedef struct {
    tw__ld *c;
    tw_ruleset *rs;
    uint32_t pack;
} pack_rd;

/* Handles one loaded document (tw__yaml_doc_fn).  Returns TW_ERULE when a
 * rule was rejected. */
static tw_err read_document(void *ctx, tw__yaml_rd *y)
{
    pack_rd *k = ctx;
    yaml_node_t *seq = rules_node(k->c, yaml_document_get_root_node(y->doc));

    if (seq == NULL)
        return TW_ERULE;
    if (!read_rules(k->c, k->rs, seq, k->pack))
        return k->c->oom ? TW_ENOMEM : TW_ERULE;
    return TW_OK;
}

/* Loads one pack from memory (see rules.h).  Not thread-safe on rs. */
tw_err tw_ruleset_load(tw_ruleset *rs, const char *file, const char *data, size_t len,
                       tw_diags *diags)
{
    tw__ld c = {.y = {.diags = diags,
                      .file = file,
                      .code = TW_ERULE,
                      .kind = "rule",
                      .input = "rule packs"},
                .arena = tw__ruleset_arena(rs)};
    pack_rd k = {.c = &c, .rs = rs};

    if (tw__ruleset_finished(rs))
        return TW_EINVAL;
    if (len > TW_LIMIT_RULE_FILE) {
        tw_diags_add(diags, TW_DIAG_ERROR, TW_ELIMIT, file, 0, 0, NULL,
                     "rule pack larger than %zu bytes", TW_LIMIT_RULE_FILE);
        return TW_ELIMIT;
    }
    k.pack = tw__ruleset_next_pack(rs);
    return tw__yaml_load_all(&c.y, data, len, read_document, &k);
}
