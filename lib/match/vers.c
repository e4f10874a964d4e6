/*
 * vers.c: version ranges (vers, CSAF vls, Fortinet and Palo Alto shapes)
 * parsed and evaluated with the vendor grammars of version.h.
 *
 * Parsing strips the "vers:<scheme>/" prefix (the scheme is ignored: the
 * product's OS decides the grammar) or a Fortinet "FortiOS/" product
 * prefix, recognises the placeholders "*", "All", "<train> All" and
 * "None", then splits the rest on '|' and reads each constraint as
 * [product text] comparator version.  Evaluation drops the constraints of
 * other trains and runs the vers spec's algorithm on the rest; see
 * include/tidewatch/vers.h for the exact rules.
 */
#include "tidewatch/vers.h"

#include <string.h>

static const char *const op_names[] = {"=", "!=", "<", "<=", ">", ">=", "*", "all"};

/* The name of a comparator ("<=", "*", "all"); static. */
const char *tw_vers_op_name(tw_vers_op op)
{
    if ((unsigned)op >= sizeof(op_names) / sizeof(op_names[0]))
        return "?";
    return op_names[op];
}

static bool is_op_char(char c)
{
    return c == '<' || c == '>' || c == '=' || c == '!';
}

/* Offset of the first comparator character of s, or s.len. */
static size_t op_pos(tw_str s)
{
    size_t i = 0;

    while (i < s.len && !is_op_char(s.ptr[i]))
        i++;
    return i;
}

/* Offset of the first c in s, or s.len. */
static size_t char_pos(tw_str s, char c)
{
    const char *p = s.len > 0 ? memchr(s.ptr, c, s.len) : NULL;

    return p != NULL ? (size_t)(p - s.ptr) : s.len;
}

/* Reads the comparator at the start of s into *op; returns its length
 * (0 when s starts with none). */
static size_t read_op(tw_str s, tw_vers_op *op)
{
    static const struct {
        const char *text;
        tw_vers_op op;
    } ops[] = {{"<=", TW_VERS_OP_LE}, {">=", TW_VERS_OP_GE}, {"!=", TW_VERS_OP_NE},
               {"<", TW_VERS_OP_LT},  {">", TW_VERS_OP_GT},  {"=", TW_VERS_OP_EQ}};

    for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
        if (tw_str_starts_with(s, tw_str_c(ops[i].text))) {
            *op = ops[i].op;
            return strlen(ops[i].text);
        }
    }
    return 0;
}

/* The last white-space separated token of s. */
static tw_str last_token(tw_str s)
{
    tw_str rest = s, tok, last = TW_STR_NULL;

    for (tok = tw_str_token(&rest); tok.len > 0; tok = tw_str_token(&rest))
        last = tok;
    return last;
}

/* Parses a version for a constraint: it must be a full release, not a
 * train alone (a train has no order key). */
static tw_err parse_release(tw_os os, tw_str text, tw_version *out)
{
    tw_err rc = tw_version_parse(os, text, out);

    if (rc == TW_OK && out->train_only)
        rc = TW_EPARSE;
    return rc;
}

/* Parses one constraint ("<10.2.9-h1", "PAN-OS Firewall>=11.2.10",
 * "10.2.9") into *c. */
static tw_err parse_constraint(tw_os os, tw_str s, tw_vers_constraint *c)
{
    size_t at = op_pos(s);
    size_t n;

    if (at == s.len) {
        c->op = TW_VERS_OP_EQ;
        return parse_release(os, last_token(s), &c->v);
    }
    s = tw_str_make(s.ptr + at, s.len - at);
    n = read_op(s, &c->op);
    if (n == 0)
        return TW_EPARSE;
    return parse_release(os, tw_str_trim(tw_str_make(s.ptr + n, s.len - n)), &c->v);
}

/* True when the word w is "all" or "none" (case-insensitive). */
static bool word_is(tw_str w, const char *what)
{
    return tw_str_ieq_c(w, what);
}

/* Recognises the placeholders of a body without comparators: "*", "All",
 * "<train> All" / "<train> all versions", "... None".  Returns true when
 * body was one (then *out is filled or rc set). */
static bool parse_placeholder(tw_os os, tw_str body, tw_vers_range *out, tw_err *rc)
{
    tw_str rest = body, tok, prev = TW_STR_NULL;

    *rc = TW_OK;
    if (tw_str_eq_c(body, "*") || word_is(body, "all")) {
        out->c[out->n++].op = TW_VERS_OP_ANY;
        return true;
    }
    if (word_is(last_token(body), "none")) {
        out->none = true;
        return true;
    }
    for (tok = tw_str_token(&rest); tok.len > 0; tok = tw_str_token(&rest)) {
        if (word_is(tok, "all") && prev.len > 0) {
            out->c[0].op = TW_VERS_OP_TRAIN;
            *rc = tw_version_parse(os, prev, &out->c[0].v);
            out->n = *rc == TW_OK ? 1 : 0;
            return true;
        }
        prev = tok;
    }
    return false;
}

/* Strips "vers:<scheme>/" or a "Product/" prefix; false when a "vers:"
 * text has no '/'. */
static bool strip_prefix(tw_str *s)
{
    size_t slash = char_pos(*s, '/');

    if (tw_str_istarts_with(*s, TW_STR("vers:"))) {
        if (slash == s->len)
            return false;
    } else if (slash == s->len || op_pos(*s) < slash) {
        return true;
    }
    *s = tw_str_trim(tw_str_make(s->ptr + slash + 1, s->len - slash - 1));
    return true;
}

/* Splits body on '|' and parses each constraint into out. */
static tw_err parse_constraints(tw_os os, tw_str body, tw_vers_range *out)
{
    tw_str rest = body;
    tw_err rc = TW_OK;

    while (rc == TW_OK) {
        size_t bar = char_pos(rest, '|');
        tw_str part = tw_str_trim(tw_str_make(rest.ptr, bar));

        if (out->n >= TW_VERS_MAX)
            return TW_ELIMIT;
        if (part.len == 0)
            return TW_EPARSE;
        rc = parse_constraint(os, part, &out->c[out->n]);
        out->n++;
        if (bar == rest.len)
            break;
        rest = tw_str_make(rest.ptr + bar + 1, rest.len - bar - 1);
    }
    return rc;
}

/* Parses text as a range of versions of os; see vers.h. */
tw_err tw_vers_parse(tw_os os, tw_str text, tw_vers_range *out)
{
    tw_str body = tw_str_trim(text);
    tw_err rc = TW_OK;

    memset(out, 0, sizeof(*out));
    out->os = os;
    if (os == TW_OS_UNKNOWN || os >= TW__OS_COUNT) {
        rc = TW_EINVAL;
        goto out;
    }
    if (!strip_prefix(&body) || body.len == 0) {
        rc = TW_EPARSE;
        goto out;
    }
    if (op_pos(body) == body.len && char_pos(body, '|') == body.len &&
        parse_placeholder(os, body, out, &rc))
        goto out;
    rc = parse_constraints(os, body, out);
out:
    if (rc != TW_OK) {
        out->n = 0;
        out->none = false;
    }
    return rc;
}

/* True when v can take part in an evaluation: it parsed. */
static bool usable(const tw_version *v)
{
    return v->nkey > 0 || v->train_only;
}

/* True when v satisfies the bound c (c->op one of < <= > >=), given the
 * comparison of v with c->v. */
static bool holds(tw_vers_op op, tw_vcmp cmp)
{
    switch (op) {
    case TW_VERS_OP_LT:
        return cmp == TW_VCMP_LT;
    case TW_VERS_OP_LE:
        return cmp == TW_VCMP_LT || cmp == TW_VCMP_EQ;
    case TW_VERS_OP_GT:
        return cmp == TW_VCMP_GT;
    case TW_VERS_OP_GE:
        return cmp == TW_VCMP_GT || cmp == TW_VCMP_EQ;
    default:
        return false;
    }
}

static bool is_upper_op(tw_vers_op op)
{
    return op == TW_VERS_OP_LT || op == TW_VERS_OP_LE;
}

/* Collects into b[] the bounds (< <= > >=) of r comparable with v, sorted
 * by version (insertion sort: at most TW_VERS_MAX); returns how many. */
static size_t sorted_bounds(const tw_vers_range *r, const tw_version *v,
                            const tw_vers_constraint **b)
{
    size_t n = 0;

    for (size_t i = 0; i < r->n; i++) {
        const tw_vers_constraint *c = &r->c[i];

        if (c->op < TW_VERS_OP_LT || c->op > TW_VERS_OP_GE ||
            tw_version_cmp(v, &c->v) == TW_VCMP_INCOMPARABLE)
            continue;
        size_t j = n++;
        while (j > 0 && tw_version_cmp(&b[j - 1]->v, &c->v) == TW_VCMP_GT) {
            b[j] = b[j - 1];
            j--;
        }
        b[j] = c;
    }
    return n;
}

/* The "=", "!=", "*" and train constraints: IN or OUT when one decides,
 * UNKNOWN otherwise; *seen counts the comparable ones. */
static tw_vers_result eval_points(const tw_vers_range *r, const tw_version *v, size_t *seen)
{
    for (size_t i = 0; i < r->n; i++) {
        const tw_vers_constraint *c = &r->c[i];
        tw_vcmp cmp;

        if (c->op == TW_VERS_OP_ANY)
            return TW_VERS_IN;
        if (c->op == TW_VERS_OP_TRAIN) {
            if (tw_version_same_train(v, &c->v))
                return TW_VERS_IN;
            continue;
        }
        if (c->op != TW_VERS_OP_EQ && c->op != TW_VERS_OP_NE)
            continue;
        cmp = tw_version_cmp(v, &c->v);
        if (cmp == TW_VCMP_INCOMPARABLE)
            continue;
        (*seen)++;
        if (cmp == TW_VCMP_EQ)
            return c->op == TW_VERS_OP_EQ ? TW_VERS_IN : TW_VERS_OUT;
    }
    return TW_VERS_UNKNOWN;
}

/* The vers algorithm over bounds sorted by version. */
static bool in_bounds(const tw_vers_constraint **b, size_t n, const tw_version *v)
{
    if (is_upper_op(b[0]->op) && holds(b[0]->op, tw_version_cmp(v, &b[0]->v)))
        return true;
    if (!is_upper_op(b[n - 1]->op) && holds(b[n - 1]->op, tw_version_cmp(v, &b[n - 1]->v)))
        return true;
    for (size_t i = 0; i + 1 < n; i++) {
        if (!is_upper_op(b[i]->op) && is_upper_op(b[i + 1]->op) &&
            holds(b[i]->op, tw_version_cmp(v, &b[i]->v)) &&
            holds(b[i + 1]->op, tw_version_cmp(v, &b[i + 1]->v)))
            return true;
    }
    return false;
}

/* Evaluates v against r; see vers.h. */
tw_vers_result tw_vers_eval(const tw_vers_range *r, const tw_version *v)
{
    const tw_vers_constraint *b[TW_VERS_MAX];
    size_t seen = 0, n;
    tw_vers_result res;

    if (r->os != v->os || r->none || r->n == 0 || !usable(v))
        return TW_VERS_UNKNOWN;
    res = eval_points(r, v, &seen);
    if (res != TW_VERS_UNKNOWN)
        return res;
    n = sorted_bounds(r, v, b);
    if (n == 0)
        return seen > 0 ? TW_VERS_OUT : TW_VERS_UNKNOWN;
    return in_bounds(b, n, v) ? TW_VERS_IN : TW_VERS_OUT;
}

/* True when the highest bound of v's train is a < or <=. */
bool tw_vers_is_upper(const tw_vers_range *r, const tw_version *v)
{
    const tw_vers_constraint *b[TW_VERS_MAX];
    size_t n;

    if (r->os != v->os || r->none || !usable(v))
        return false;
    n = sorted_bounds(r, v, b);
    return n > 0 && is_upper_op(b[n - 1]->op);
}
