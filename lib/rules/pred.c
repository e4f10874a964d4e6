/*
 * pred.c: predicates of the rule language, compiled from YAML and
 * evaluated against one fact.
 *
 * A predicate mapping holds field tests (FIELD: TEST) and the combinators
 * all, any and not; every part must hold.  A test holds when one value of
 * the field satisfies all of its operators (exists looks at the field, not
 * at a value).  Evaluation records the first field a positive test matched,
 * so that a finding can point at the line that set it, and the indicator
 * "in: ioc" matched.  "in: ioc" looks an address up by whole address and
 * any other text as the indicator types its shape allows (a sighting's
 * indicator as the type the sighting names).  docs/rules.md is the
 * user-facing description.
 */
#include <stdio.h>
#include <string.h>

#include "rules/rules_int.h"

#include "tidewatch/ioc.h"
#include "tidewatch/limits.h"

/* Field names per kind, from docs/facts.md; "implied" is valid everywhere. */
static const char *const kind_fields[TW__FACT_KIND_COUNT] = {
    [TW_FACT_HOSTNAME] = "name domain",
    [TW_FACT_VERSION] = "version",
    [TW_FACT_ACL_ENTRY] = ("list seq action protocol src dst src_port dst_port remark family "
                           "src_list dst_list src_group dst_group"),
    [TW_FACT_AAA_SERVER] = "protocol name address port key_type vrf group interface",
    [TW_FACT_AAA_METHOD] = "type service level list record method methods event",
    [TW_FACT_TUNNEL] = "name mode source destination protection",
    [TW_FACT_MIRROR_SESSION] = "id name type source destination vrf tunnel_source",
    [TW_FACT_CAPTURE] = "name interface match buffer export type",
    [TW_FACT_LOCAL_USER] = "name privilege secret_type form role group",
    [TW_FACT_SECRET] = "owner form type strength",
    [TW_FACT_SERVICE] =
        ("name enabled port version vrf acl appid session_modules root_login idle_timeout "
         "cipher mac kex dh_min min_length source interface"),
    [TW_FACT_LOGGING_HOST] = "address vrf transport port severity name interface",
    [TW_FACT_LOGGING] = "setting value enabled severity",
    [TW_FACT_NTP_SERVER] = "address vrf key name interface",
    [TW_FACT_SNMP_COMMUNITY] = "community access acl view client fingerprint strength",
    [TW_FACT_SNMP_USER] = "name group version auth priv",
    [TW_FACT_SNMP_HOST] = "address vrf version interface",
    [TW_FACT_VTY] = ("name first last transport_input transport_output access_class "
                     "access_class_out rotary exec_timeout"),
    [TW_FACT_SCRIPT] = "type name event action source",
    [TW_FACT_INTERFACE] = ("name address description shutdown vrf redirects proxy_arp "
                           "directed_broadcast acl_in acl_out nameif security_level management_only"),
    [TW_FACT_ROUTE] = "prefix next_hop interface vrf",
    [TW_FACT_CRYPTO_PROPOSAL] = "protocol name encryption integrity group version",
    [TW_FACT_ROUTING_PEER] = "protocol address remote_as group auth vrf",
    [TW_FACT_ROUTE_MAP] = "name action seq match set",
    [TW_FACT_PREFIX_LIST] = "name family seq action prefix ge le",
    [TW_FACT_ADDRESS] = "value statement",
    [TW_FACT_EVENT] = ("format time host program pid facility severity msgid message user src "
                       "dst src_port dst_port command service priv_lvl status tty relay address "
                       "protocol packets bytes app tacacs_cleartext banner file tunnel"),
    [TW_FACT_SIGHTING] = "indicator type host user program msgid command field",
};

static const struct {
    const char *name;
    tw__op op;
} op_names[] = {
    {"eq", TW__OP_EQ},
    {"ne", TW__OP_NE},
    {"in", TW__OP_IN},
    {"not_in", TW__OP_NOT_IN},
    {"regex", TW__OP_REGEX},
    {"iregex", TW__OP_IREGEX},
    {"gt", TW__OP_GT},
    {"ge", TW__OP_GE},
    {"lt", TW__OP_LT},
    {"le", TW__OP_LE},
    {"public", TW__OP_PUBLIC},
    {"exists", TW__OP_EXISTS},
    {"contains", TW__OP_CONTAINS},
};

/* True when name is a field of kind (a word of kind_fields, or implied). */
static bool field_known(tw_fact_kind kind, const char *name)
{
    tw_str rest = tw_str_c(kind_fields[kind]);
    tw_str word;

    if (strcmp(name, "implied") == 0)
        return true;
    for (word = tw_str_token(&rest); word.len > 0; word = tw_str_token(&rest)) {
        if (tw_str_eq_c(word, name))
            return true;
    }
    return false;
}

/* ---- compiling ---------------------------------------------------------- */

/* Reads a rule scalar every way a field comparison may need it. */
static bool scalar_make(tw__ld *c, const char *text, tw__scalar *out)
{
    tw_str s = tw_str_c(text);

    memset(out, 0, sizeof(*out));
    out->text = tw_arena_str(c->arena, s);
    if (out->text.len != s.len) {
        c->oom = true;
        return false;
    }
    out->isnum = tw_str_to_i64(s, &out->num);
    out->isaddr = tw_cidr_parse(s, 0, &out->addr) == TW_OK;
    out->isbool = tw_str_ieq_c(s, "true") || tw_str_ieq_c(s, "false");
    out->b = tw_str_ieq_c(s, "true");
    return true;
}

/* Parses a boolean operand ("true" / "false"). */
static bool read_bool(tw__ld *c, yaml_node_t *n, const char *op, bool *out)
{
    const char *t = tw__ld_scalar(c, n, op);

    if (t == NULL)
        return false;
    *out = strcmp(t, "true") == 0;
    if (*out || strcmp(t, "false") == 0)
        return true;
    tw__ld_error(c, n, "%s needs true or false, not '%s'", op, t);
    return false;
}

/* Reads the list of "in" / "not_in": a sequence of scalars, "ioc" or
 * "policy.<list>". */
static void read_list(tw__ld *c, yaml_node_t *n, const char *op, tw__opnd *o)
{
    yaml_node_item_t *it;
    size_t i = 0;

    if (n->type == YAML_SCALAR_NODE) {
        const char *t = (const char *)n->data.scalar.value;
        if (strcmp(t, "ioc") == 0) {
            o->list = TW__LIST_IOC;
        } else if (strncmp(t, "policy.", 7) == 0 && !tw_policy_list_known(t + 7)) {
            tw__ld_error(c, n, "unknown policy list '%s'", t + 7);
        } else if (strncmp(t, "policy.", 7) == 0) {
            o->list = TW__LIST_POLICY;
            o->policy = tw_arena_strdup(c->arena, t);
            c->oom |= o->policy == NULL;
        } else {
            tw__ld_error(c, n, "%s needs a list, 'ioc' or 'policy.<list>', not '%s'", op, t);
        }
        return;
    }
    if (n->type != YAML_SEQUENCE_NODE) {
        tw__ld_error(c, n, "%s needs a list, 'ioc' or 'policy.<list>'", op);
        return;
    }
    o->nvals = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
    o->vals = tw_arena_zalloc(c->arena, (o->nvals + 1) * sizeof(*o->vals));
    if (o->vals == NULL) {
        c->oom = true;
        return;
    }
    for (it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
        const char *t = tw__ld_scalar(c, tw__ld_node(c, *it), "an entry of the list");
        if (t != NULL && !scalar_make(c, t, &o->vals[i++]))
            return;
    }
    o->nvals = i;
}

/* Compiles a regex operand; errors name the offset. */
static void read_regex(tw__ld *c, yaml_node_t *n, bool caseless, tw__opnd *o)
{
    const char *t = tw__ld_scalar(c, n, caseless ? "iregex" : "regex");
    PCRE2_UCHAR msg[160];
    PCRE2_SIZE off = 0;
    int err = 0;

    if (t == NULL)
        return;
    o->re =
        pcre2_compile((PCRE2_SPTR)t, strlen(t), caseless ? PCRE2_CASELESS : 0, &err, &off, NULL);
    if (o->re != NULL)
        return;
    if (pcre2_get_error_message(err, msg, sizeof(msg)) < 0)
        snprintf((char *)msg, sizeof(msg), "error %d", err);
    tw__ld_error(c, n, "invalid regex '%s': %s at offset %zu", t, (const char *)msg, (size_t)off);
}

/* Reads an integer operand of gt, ge, lt, le. */
static void read_num(tw__ld *c, yaml_node_t *n, const char *op, tw__opnd *o)
{
    const char *t = tw__ld_scalar(c, n, op);

    if (t != NULL && !tw_str_to_i64(tw_str_c(t), &o->num))
        tw__ld_error(c, n, "%s needs an integer, not '%s'", op, t);
}

/* Reads a single-scalar operand (eq, ne, contains). */
static void read_one(tw__ld *c, yaml_node_t *n, const char *op, tw__opnd *o)
{
    const char *t = tw__ld_scalar(c, n, op);

    if (t == NULL)
        return;
    o->vals = tw_arena_zalloc(c->arena, sizeof(*o->vals));
    if (o->vals == NULL) {
        c->oom = true;
        return;
    }
    o->nvals = scalar_make(c, t, o->vals) ? 1 : 0;
}

/* Reads the operand of one operator. */
static void read_operand(tw__ld *c, yaml_node_t *n, const char *name, tw__opnd *o)
{
    switch (o->op) {
    case TW__OP_EQ:
    case TW__OP_NE:
    case TW__OP_CONTAINS:
        read_one(c, n, name, o);
        break;
    case TW__OP_IN:
    case TW__OP_NOT_IN:
        read_list(c, n, name, o);
        break;
    case TW__OP_REGEX:
    case TW__OP_IREGEX:
        read_regex(c, n, o->op == TW__OP_IREGEX, o);
        break;
    case TW__OP_GT:
    case TW__OP_GE:
    case TW__OP_LT:
    case TW__OP_LE:
        read_num(c, n, name, o);
        break;
    case TW__OP_PUBLIC:
    case TW__OP_EXISTS:
        read_bool(c, n, name, &o->flag);
        break;
    }
}

/* Looks an operator name up; false when unknown. */
static bool op_lookup(const char *name, tw__op *out)
{
    for (size_t i = 0; i < sizeof(op_names) / sizeof(op_names[0]); i++) {
        if (strcmp(op_names[i].name, name) == 0) {
            *out = op_names[i].op;
            return true;
        }
    }
    return false;
}

/* True when key repeats an earlier key of the mapping (reported). */
static bool dup_key(tw__ld *c, yaml_node_pair_t *first, yaml_node_pair_t *pair, yaml_node_t *key)
{
    const char *name = (const char *)key->data.scalar.value;

    if (tw__yaml_find_key(c->y.doc, first, pair, name) == NULL)
        return false;
    tw__ld_error(c, key, "duplicate key '%s'", name);
    return true;
}

/* Counts the pairs of a mapping, reporting one that is too large. */
static size_t map_size(tw__ld *c, yaml_node_t *n)
{
    size_t k = (size_t)(n->data.mapping.pairs.top - n->data.mapping.pairs.start);

    if (k > TW__MAX_MAP_KEYS) {
        tw__ld_error(c, n, "mapping has more than %d keys", TW__MAX_MAP_KEYS);
        return 0;
    }
    return k;
}

/* Compiles TEST for field into t: a scalar (equality) or a mapping of
 * operators. */
static void compile_test(tw__ld *c, const char *field, yaml_node_t *n, tw__test *t)
{
    yaml_node_pair_t *pair, *first;
    size_t k;

    t->field = field;
    if (n->type == YAML_SCALAR_NODE) {
        t->ops = tw_arena_zalloc(c->arena, sizeof(*t->ops));
        c->oom |= t->ops == NULL;
        if (t->ops == NULL)
            return;
        t->nops = 1;
        read_one(c, n, "eq", t->ops);
        return;
    }
    if (n->type != YAML_MAPPING_NODE) {
        tw__ld_error(c, n, "test of '%s' must be a scalar or a mapping of operators", field);
        return;
    }
    k = map_size(c, n);
    if (k == 0) {
        tw__ld_error(c, n, "test of '%s' has no operator", field);
        return;
    }
    t->ops = tw_arena_zalloc(c->arena, k * sizeof(*t->ops));
    c->oom |= t->ops == NULL;
    if (t->ops == NULL)
        return;
    first = n->data.mapping.pairs.start;
    for (pair = first; pair < first + k; pair++) {
        yaml_node_t *key = tw__ld_node(c, pair->key);
        const char *name = tw__ld_scalar(c, key, "an operator");
        yaml_node_t *val = tw__ld_node(c, pair->value);
        tw__opnd *o = &t->ops[t->nops];

        if (name == NULL || val == NULL || dup_key(c, first, pair, key))
            continue;
        if (!op_lookup(name, &o->op)) {
            tw__ld_error(c, key, "unknown operator '%s'", name);
            continue;
        }
        t->nops++;
        read_operand(c, val, name, o);
    }
}

static tw__pred *compile_node(tw__ld *c, yaml_node_t *n, tw_fact_kind kind, unsigned depth,
                              bool top);

/* Compiles the sequence of an "all" or "any" into *kids. */
static void compile_list(tw__ld *c, yaml_node_t *n, tw_fact_kind kind, unsigned depth,
                         const char *what, tw__pred ***kids, size_t *nkids)
{
    yaml_node_item_t *it;
    size_t k;

    if (n->type != YAML_SEQUENCE_NODE ||
        n->data.sequence.items.top == n->data.sequence.items.start) {
        tw__ld_error(c, n, "%s needs a non-empty list of predicates", what);
        return;
    }
    k = (size_t)(n->data.sequence.items.top - n->data.sequence.items.start);
    *kids = tw_arena_zalloc(c->arena, k * sizeof(**kids));
    c->oom |= *kids == NULL;
    if (*kids == NULL)
        return;
    for (it = n->data.sequence.items.start; it < n->data.sequence.items.top; it++) {
        yaml_node_t *kid = tw__ld_node(c, *it);
        tw__pred *p = kid != NULL ? compile_node(c, kid, kind, depth + 1, false) : NULL;
        if (p != NULL)
            (*kids)[(*nkids)++] = p;
    }
}

/* Compiles one key of a predicate mapping. */
static void compile_key(tw__ld *c, tw__pred *p, const char *name, yaml_node_t *key,
                        yaml_node_t *val, tw_fact_kind kind, unsigned depth, bool top)
{
    if (strcmp(name, "fact") == 0) {
        if (!top)
            tw__ld_error(c, key, "'fact' is allowed only at the top of a predicate");
    } else if (strcmp(name, "all") == 0) {
        compile_list(c, val, kind, depth, "all", &p->all, &p->nall);
    } else if (strcmp(name, "any") == 0) {
        compile_list(c, val, kind, depth, "any", &p->any, &p->nany);
    } else if (strcmp(name, "not") == 0) {
        p->neg = compile_node(c, val, kind, depth + 1, false);
    } else if (!field_known(kind, name)) {
        tw__ld_error(c, key, "unknown field '%s' for fact kind '%s'", name,
                     tw_fact_kind_name(kind));
    } else {
        const char *field = tw_arena_strdup(c->arena, name);
        c->oom |= field == NULL;
        if (field != NULL)
            compile_test(c, field, val, &p->tests[p->ntests++]);
    }
}

/* Compiles a predicate mapping at the given depth. */
static tw__pred *compile_node(tw__ld *c, yaml_node_t *n, tw_fact_kind kind, unsigned depth,
                              bool top)
{
    tw__pred *p = tw_arena_zalloc(c->arena, sizeof(*p));
    yaml_node_pair_t *pair, *first;
    size_t k;

    if (p == NULL) {
        c->oom = true;
        return NULL;
    }
    if (depth > TW_LIMIT_RULE_DEPTH) {
        tw__ld_error(c, n, "predicate nested deeper than %d levels", TW_LIMIT_RULE_DEPTH);
        return p;
    }
    if (n->type != YAML_MAPPING_NODE) {
        tw__ld_error(c, n, "a predicate must be a mapping");
        return p;
    }
    k = map_size(c, n);
    p->tests = tw_arena_zalloc(c->arena, (k + 1) * sizeof(*p->tests));
    if (p->tests == NULL) {
        c->oom = true;
        return p;
    }
    first = n->data.mapping.pairs.start;
    for (pair = first; pair < first + k; pair++) {
        yaml_node_t *key = tw__ld_node(c, pair->key);
        const char *name = tw__ld_scalar(c, key, "a predicate key");
        yaml_node_t *val = tw__ld_node(c, pair->value);
        if (name != NULL && val != NULL && !dup_key(c, first, pair, key))
            compile_key(c, p, name, key, val, kind, depth, top);
    }
    return p;
}

tw__pred *tw__pred_compile(tw__ld *c, yaml_node_t *n, tw_fact_kind kind)
{
    return compile_node(c, n, kind, 1, true);
}

/* Applies fn to every operator of a predicate tree. */
static void pred_walk(tw__pred *p, void (*fn)(tw__opnd *))
{
    if (p == NULL)
        return;
    for (size_t i = 0; i < p->ntests; i++) {
        for (size_t j = 0; j < p->tests[i].nops; j++)
            fn(&p->tests[i].ops[j]);
    }
    for (size_t i = 0; i < p->nall; i++)
        pred_walk(p->all[i], fn);
    for (size_t i = 0; i < p->nany; i++)
        pred_walk(p->any[i], fn);
    pred_walk(p->neg, fn);
}

static void opnd_free(tw__opnd *o)
{
    pcre2_code_free(o->re);
    o->re = NULL;
}

static void opnd_jit(tw__opnd *o)
{
    if (o->re != NULL)
        (void)pcre2_jit_compile(o->re, PCRE2_JIT_COMPLETE);
}

void tw__pred_free(tw__pred *p)
{
    pred_walk(p, opnd_free);
}

/* True when test t has an "in: ioc" operator. */
static bool test_uses_ioc(const tw__test *t)
{
    for (size_t j = 0; j < t->nops; j++) {
        if (t->ops[j].op == TW__OP_IN && t->ops[j].list == TW__LIST_IOC)
            return true;
    }
    return false;
}

/* The fields of "in: ioc" tests p cannot hold without, into out[cap]: one
 * of its own or of an "all" child, else one set per "any" child when every
 * child has one ("not" never counts).  Returns how many; 0: none. */
static size_t ioc_guard(const tw__pred *p, const char **out, size_t cap)
{
    size_t n = 0;

    for (size_t i = 0; i < p->ntests && cap > 0; i++) {
        if (test_uses_ioc(&p->tests[i])) {
            out[0] = p->tests[i].field;
            return 1;
        }
    }
    for (size_t i = 0; i < p->nall; i++) {
        n = ioc_guard(p->all[i], out, cap);
        if (n > 0)
            return n;
    }
    for (size_t i = 0; i < p->nany; i++) {
        size_t k = ioc_guard(p->any[i], out + n, cap - n);
        if (k == 0)
            return 0; /* a branch that holds without an indicator */
        n += k;
    }
    return n;
}

void tw__pred_finish(tw__pred *p)
{
    pred_walk(p, opnd_jit);
    if (p != NULL)
        p->nguard = ioc_guard(p, p->guard, TW__GUARD_MAX);
}

/* True when test t fails on a fact without its field: it has an operator
 * other than "exists: false" (test_eval). */
static bool test_needs_field(const tw__test *t)
{
    for (size_t i = 0; i < t->nops; i++) {
        if (t->ops[i].op != TW__OP_EXISTS || t->ops[i].flag)
            return true;
    }
    return false;
}

/* True when p holds only on facts that have the field: one of its own
 * tests or "all" children needs it, or every "any" child does ("not" never
 * counts: its child failing on a missing field makes it hold). */
static bool pred_requires(const tw__pred *p, const char *field)
{
    bool any = p->nany > 0;

    for (size_t i = 0; i < p->ntests; i++) {
        if (strcmp(p->tests[i].field, field) == 0 && test_needs_field(&p->tests[i]))
            return true;
    }
    for (size_t i = 0; i < p->nall; i++) {
        if (pred_requires(p->all[i], field))
            return true;
    }
    for (size_t i = 0; i < p->nany && any; i++)
        any = pred_requires(p->any[i], field);
    return any;
}

bool tw_rule_requires_field(const tw_rule *r, const char *field)
{
    return r != NULL && !r->absent && r->pred != NULL && pred_requires(r->pred, field);
}

bool tw__pred_uses_ioc(const tw__pred *p)
{
    if (p == NULL)
        return false;
    for (size_t i = 0; i < p->ntests; i++) {
        if (test_uses_ioc(&p->tests[i]))
            return true;
    }
    for (size_t i = 0; i < p->nall; i++) {
        if (tw__pred_uses_ioc(p->all[i]))
            return true;
    }
    for (size_t i = 0; i < p->nany; i++) {
        if (tw__pred_uses_ioc(p->any[i]))
            return true;
    }
    return tw__pred_uses_ioc(p->neg);
}

/* ---- evaluating --------------------------------------------------------- */

/* Equality of a field value and a rule scalar, by the field's type. */
static bool scalar_eq(const tw_field *v, const tw__scalar *s)
{
    switch (v->type) {
    case TW_VAL_NUM:
        if (s->isnum)
            return v->num == s->num;
        break;
    case TW_VAL_ADDR:
        if (s->isaddr)
            return v->addr.plen == s->addr.plen && tw_ip_eq(&v->addr.addr, &s->addr.addr);
        break;
    case TW_VAL_BOOL:
        if (s->isbool)
            return (v->num != 0) == s->b;
        break;
    case TW_VAL_STR:
        break;
    }
    return tw_str_ieq(v->str, s->text);
}

/* The address of a field value: the addr of an address field, or its text
 * read as an address or prefix. */
static bool value_addr(const tw_field *v, tw_cidr *out)
{
    if (v->type == TW_VAL_ADDR) {
        *out = v->addr;
        return true;
    }
    return v->type == TW_VAL_STR && tw_cidr_parse(v->str, 0, out) == TW_OK;
}

/* The number of a field value: a num, or text that is a whole integer. */
static bool value_num(const tw_field *v, int64_t *out)
{
    if (v->type == TW_VAL_NUM) {
        *out = v->num;
        return true;
    }
    return v->type == TW_VAL_STR && tw_str_to_i64(v->str, out);
}

/* Case-insensitive substring test. */
static bool icontains(tw_str hay, tw_str needle)
{
    if (needle.len == 0)
        return true;
    for (size_t i = 0; i + needle.len <= hay.len; i++) {
        if (tw_str_ieq(tw_str_make(hay.ptr + i, needle.len), needle))
            return true;
    }
    return false;
}

/* True when every byte of s is a hex digit. */
static bool all_hex(tw_str s)
{
    for (size_t i = 0; i < s.len; i++) {
        char ch = s.ptr[i];
        if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F')))
            return false;
    }
    return true;
}

/* True when s holds a space or control byte (free text, not one token). */
static bool has_space(tw_str s)
{
    for (size_t i = 0; i < s.len; i++) {
        if ((unsigned char)s.ptr[i] <= ' ')
            return true;
    }
    return false;
}

/* The indicator types text of this shape may be, in the order tried;
 * returns how many were written to out (at most 3). */
static size_t text_types(tw_str s, tw_ioc_type out[3])
{
    size_t n = 0;

    if (s.len == 0 || has_space(s))
        return 0;
    if (s.len == 32 && all_hex(s))
        out[n++] = TW_IOC_MD5;
    else if (s.len == 40 && all_hex(s))
        out[n++] = TW_IOC_SHA1;
    else if (s.len == 64 && all_hex(s))
        out[n++] = TW_IOC_SHA256;
    if (n > 0)
        return n;
    if (tw_str_find(s, TW_STR("://")) >= 0 || tw_str_istarts_with(s, TW_STR("hxxp")))
        out[n++] = TW_IOC_URL;
    else if (tw_str_find(s, TW_STR(".")) >= 0 || tw_str_find(s, TW_STR("[.]")) >= 0)
        out[n++] = TW_IOC_DOMAIN;
    out[n++] = TW_IOC_FILENAME;
    return n;
}

/* The type a sighting names in its "type" field; false when it names
 * none. */
static bool sighting_type(const tw_fact *f, tw_ioc_type *out)
{
    const tw_field *t = f != NULL ? tw_fact_get(f, "type") : NULL;

    for (int i = TW_IOC_IP; t != NULL && i <= TW_IOC_FILENAME; i++) {
        const char *name = tw_ioc_type_name((tw_ioc_type)i);
        if (name != NULL && tw_str_ieq_c(t->str, name)) {
            *out = (tw_ioc_type)i;
            return true;
        }
    }
    return false;
}

/* Looks text up as every indicator type that fits it (the sighting's own
 * type for its indicator field). */
static const tw_ioc *text_match(const tw_iocset *s, const tw_field *v, const tw_fact *f)
{
    tw_ioc_type types[3];
    size_t n;

    if (f != NULL && f->kind == TW_FACT_SIGHTING && strcmp(v->name, "indicator") == 0)
        return sighting_type(f, types) ? tw_iocset_match_text(s, types[0], v->str) : NULL;
    n = text_types(v->str, types);
    for (size_t i = 0; i < n; i++) {
        const tw_ioc *hit = tw_iocset_match_text(s, types[i], v->str);
        if (hit != NULL)
            return hit;
    }
    return NULL;
}

/* Looks a value up in the indicator set, recording the first match: an
 * address (or text that reads as one) by whole address or prefix, other
 * text as the indicator types its shape allows. */
static bool ioc_match(const tw_field *v, tw__eval *st)
{
    const tw_ioc *hit = NULL;
    tw_cidr a;

    if (st->env == NULL || st->env->iocs == NULL)
        return false;
    if (value_addr(v, &a))
        hit = tw_iocset_match_cidr(st->env->iocs, &a);
    else if (v->type == TW_VAL_STR && !v->secret)
        hit = text_match(st->env->iocs, v, st->fact);
    if (hit != NULL && st->ioc == NULL)
        st->ioc = hit;
    return hit != NULL;
}

/* Looks a value up in a list of the site policy: an address by prefix, a
 * number as a port, other text as a name.  No policy: an empty list. */
static bool policy_match(const char *list, const tw_field *v, tw__eval *st)
{
    const tw_policy *p = st->env != NULL ? st->env->policy : NULL;
    tw_cidr a;
    int64_t n;

    if (p == NULL || v->secret)
        return false;
    if (value_addr(v, &a))
        return tw_policy_has_addr(p, list, &a);
    if (value_num(v, &n) && tw_policy_has_port(p, list, n))
        return true;
    return v->type == TW_VAL_STR && tw_policy_has_name(p, list, v->str);
}

/* in / not_in over the list's values. */
static bool list_has(const tw__opnd *o, const tw_field *v, tw__eval *st)
{
    switch (o->list) {
    case TW__LIST_IOC:
        return ioc_match(v, st);
    case TW__LIST_POLICY:
        return policy_match(o->policy + 7, v, st); /* after "policy." */
    case TW__LIST_VALUES:
        break;
    }
    for (size_t i = 0; i < o->nvals; i++) {
        if (scalar_eq(v, &o->vals[i]))
            return true;
    }
    return false;
}

/* Runs a regex over the value's text; a match limit stops backtracking. */
static bool regex_match(const tw__opnd *o, const tw_field *v, tw__eval *st)
{
    int rc;

    if (o->re == NULL || st->md == NULL)
        return false;
    rc = pcre2_match(o->re, (PCRE2_SPTR)(v->str.len ? v->str.ptr : ""), v->str.len, 0, 0, st->md,
                     (pcre2_match_context *)st->mctx);
    return rc >= 0;
}

/* Compares the value's number with a gt/ge/lt/le operand. */
static bool num_cmp(const tw__opnd *o, const tw_field *v)
{
    int64_t n;

    if (!value_num(v, &n))
        return false;
    switch (o->op) {
    case TW__OP_GT:
        return n > o->num;
    case TW__OP_GE:
        return n >= o->num;
    case TW__OP_LT:
        return n < o->num;
    default:
        return n <= o->num;
    }
}

/* True when one value satisfies one operator. */
static bool op_holds(const tw__opnd *o, const tw_field *v, tw__eval *st)
{
    tw_cidr a;

    switch (o->op) {
    case TW__OP_EQ:
        return o->nvals == 1 && scalar_eq(v, o->vals);
    case TW__OP_NE:
        return o->nvals == 1 && !scalar_eq(v, o->vals);
    case TW__OP_IN:
        return list_has(o, v, st);
    case TW__OP_NOT_IN:
        return !list_has(o, v, st);
    case TW__OP_REGEX:
    case TW__OP_IREGEX:
        return regex_match(o, v, st);
    case TW__OP_GT:
    case TW__OP_GE:
    case TW__OP_LT:
    case TW__OP_LE:
        return num_cmp(o, v);
    case TW__OP_PUBLIC:
        return value_addr(v, &a) && tw_ip_is_public(&a.addr) == o->flag;
    case TW__OP_EXISTS:
        return true; /* checked on the field, see test_eval */
    case TW__OP_CONTAINS:
        return o->nvals == 1 && icontains(v->str, o->vals->text);
    }
    return false;
}

/* True when every operator of t holds for value v. */
static bool value_holds(const tw__test *t, const tw_field *v, tw__eval *st)
{
    for (size_t i = 0; i < t->nops; i++) {
        if (!op_holds(&t->ops[i], v, st))
            return false;
    }
    return true;
}

/* Records v as positively matched. */
static void record(tw__eval *st, const tw_field *v)
{
    if (st->first == NULL)
        st->first = v;
    if (st->hit == NULL && v->line != 0)
        st->hit = v;
}

/* A test holds when the field's presence fits every exists operator and one
 * value satisfies the other operators; on a missing field only exists:false
 * holds. */
static bool test_eval(const tw__test *t, const tw_fact *f, tw__eval *st)
{
    const tw_field *v = tw_fact_find(f, t->field, 0);

    for (size_t i = 0; i < t->nops; i++) {
        if (t->ops[i].op == TW__OP_EXISTS && t->ops[i].flag != (v != NULL))
            return false;
    }
    if (v == NULL) {
        for (size_t i = 0; i < t->nops; i++) {
            if (t->ops[i].op != TW__OP_EXISTS)
                return false;
        }
        return true;
    }
    for (; v != NULL; v = tw_fact_find(f, t->field, (size_t)(v - f->fields) + 1)) {
        const tw_ioc *ioc = st->ioc; /* the one result a failed value may have set */
        if (value_holds(t, v, st)) {
            record(st, v);
            return true;
        }
        st->ioc = ioc;
    }
    return false;
}

/* The "any" part: true when there is none or one child holds. */
static bool any_eval(const tw__pred *p, const tw_fact *f, tw__eval *st)
{
    if (p->nany == 0)
        return true;
    for (size_t i = 0; i < p->nany; i++) {
        if (tw__pred_eval(p->any[i], f, st))
            return true;
    }
    return false;
}

bool tw__pred_eval(const tw__pred *p, const tw_fact *f, tw__eval *st)
{
    /* what evaluation changes, restored when the predicate fails */
    const tw_field *hit = st->hit, *first = st->first;
    const tw_ioc *ioc = st->ioc;
    bool ok = true;

    st->fact = f;
    for (size_t i = 0; ok && i < p->ntests; i++)
        ok = test_eval(&p->tests[i], f, st);
    for (size_t i = 0; ok && i < p->nall; i++)
        ok = tw__pred_eval(p->all[i], f, st);
    ok = ok && any_eval(p, f, st);
    if (ok && p->neg != NULL) {
        tw__eval scratch = *st;
        ok = !tw__pred_eval(p->neg, f, &scratch);
    }
    if (!ok) {
        st->hit = hit;
        st->first = first;
        st->ioc = ioc;
    }
    return ok;
}

bool tw__pred_guard(const tw__pred *p, const tw_fact *f, tw__eval *st)
{
    const tw_ioc *ioc = st->ioc;
    bool hit = p->nguard == 0;

    st->fact = f;
    for (size_t g = 0; g < p->nguard && !hit; g++) {
        for (const tw_field *v = tw_fact_find(f, p->guard[g], 0); v != NULL && !hit;
             v = tw_fact_find(f, p->guard[g], (size_t)(v - f->fields) + 1))
            hit = ioc_match(v, st);
    }
    st->ioc = ioc; /* tw__pred_eval finds it again */
    return hit;
}
