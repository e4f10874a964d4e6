/*
 * policy.c: the site policy (policy.h): lists of approved addresses,
 * names and ports read from YAML, and the lookups rules make.
 *
 * Each list is a plain array: policies are short (tens of entries), and
 * a linear walk over them costs less than building an index.  Entries are
 * read with the shared YAML layer (lib/core/yaml_int.h), which reports
 * problems at file:line:column and refuses aliases.
 *
 * Roles are kept in the order given, each with a hostname glob matched by
 * a small matcher of our own rather than fnmatch(3): it folds case the
 * same way everywhere, and it remembers only the last `*`, so a hostile
 * hostname costs at most its length times the pattern's, never the
 * backtracking that nested stars can cost a recursive matcher.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "core/yaml_int.h"
#include "tidewatch/arena.h"
#include "tidewatch/limits.h"
#include "tidewatch/policy.h"

typedef enum { K_ADDR, K_NAME, K_PORT } entry_kind;

static const struct {
    const char *key;
    entry_kind kind;
} lists[] = {
#define TW__POLICY_ROW(name, key, kind) {key, K_##kind},
    TW_POLICY_LIST(TW__POLICY_ROW)
#undef TW__POLICY_ROW
};

#define NLISTS (sizeof(lists) / sizeof(lists[0]))

typedef struct {
    bool given;
    tw_cidr *addr;     /* K_ADDR */
    const char **name; /* K_NAME, in the arena */
    int64_t *port;     /* K_PORT */
    size_t n, cap;
} plist;

typedef struct {
    const char *name, *pattern; /* in the arena */
    int id;                     /* shared by the roles of one name */
} role;

struct tw_policy {
    tw_arena *arena;
    plist l[NLISTS];
    role *roles; /* in the order given: the first match wins */
    size_t nroles, caproles;
    int nids;        /* distinct role names */
    bool roles_read; /* the file gave `roles` already */
};

tw_policy *tw_policy_new(void)
{
    tw_policy *p = calloc(1, sizeof(*p));

    if (p)
        p->arena = tw_arena_new(TW_LIMIT_ARENA);
    if (p && !p->arena) {
        free(p);
        p = NULL;
    }
    return p;
}

void tw_policy_free(tw_policy *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < NLISTS; i++) {
        free(p->l[i].addr);
        free(p->l[i].name);
        free(p->l[i].port);
    }
    free(p->roles);
    tw_arena_free(p->arena);
    free(p);
}

/* The index of list key, or NLISTS. */
static size_t list_index(const char *key)
{
    size_t i = 0;

    while (i < NLISTS && (key == NULL || strcmp(lists[i].key, key) != 0))
        i++;
    return i;
}

/* Room for one more entry in l. */
static tw_err grow(plist *l, entry_kind k)
{
    size_t cap = l->cap ? l->cap * 2 : 16;
    void *v;

    if (l->n < l->cap)
        return TW_OK;
    if (cap > TW_POLICY_MAX_ENTRIES)
        return TW_ELIMIT;
    if (k == K_ADDR)
        v = realloc(l->addr, cap * sizeof(*l->addr));
    else if (k == K_NAME)
        v = realloc(l->name, cap * sizeof(*l->name));
    else
        v = realloc(l->port, cap * sizeof(*l->port));
    if (!v)
        return TW_ENOMEM;
    if (k == K_ADDR)
        l->addr = v;
    else if (k == K_NAME)
        l->name = v;
    else
        l->port = v;
    l->cap = cap;
    return TW_OK;
}

/* One entry of list li, from the scalar text at node n. */
static tw_err add_entry(tw_policy *p, tw__yaml_rd *y, size_t li, yaml_node_t *n, const char *text)
{
    plist *l = &p->l[li];
    tw_str s = tw_str_trim(tw_str_c(text));
    tw_err rc = grow(l, lists[li].kind);
    int64_t v;

    if (rc != TW_OK)
        return rc;
    switch (lists[li].kind) {
    case K_ADDR:
        if (tw_cidr_parse(s, 0, &l->addr[l->n]) != TW_OK) {
            tw__yaml_errorf(y, n, "%s: '%s' is not an address or prefix", lists[li].key, text);
            return TW_OK;
        }
        break;
    case K_NAME:
        l->name[l->n] = tw_arena_strndup(p->arena, s.ptr, s.len);
        if (!l->name[l->n])
            return TW_ENOMEM;
        break;
    case K_PORT:
        if (!tw_str_to_i64(s, &v) || v < 1 || v > 65535) {
            tw__yaml_errorf(y, n, "%s: '%s' is not a port (1 to 65535)", lists[li].key, text);
            return TW_OK;
        }
        l->port[l->n] = v;
        break;
    }
    l->n++;
    return TW_OK;
}

/* The value of one list: a sequence of scalars (or null: an empty list). */
static tw_err read_list(tw_policy *p, tw__yaml_rd *y, size_t li, yaml_node_t *v)
{
    tw_err rc = TW_OK;

    p->l[li].given = true;
    if (v->type == YAML_SCALAR_NODE &&
        (v->data.scalar.length == 0 || strcmp((const char *)v->data.scalar.value, "~") == 0 ||
         strcmp((const char *)v->data.scalar.value, "null") == 0))
        return TW_OK;
    if (v->type != YAML_SEQUENCE_NODE) {
        tw__yaml_errorf(y, v, "%s must be a list", lists[li].key);
        return TW_OK;
    }
    for (yaml_node_item_t *it = v->data.sequence.items.start;
         it < v->data.sequence.items.top && rc == TW_OK; it++) {
        yaml_node_t *e = tw__yaml_node(y, *it);
        const char *text = e ? tw__yaml_scalar(y, e, "a policy entry") : NULL;

        if (text)
            rc = add_entry(p, y, li, e, text);
    }
    return rc;
}

/* Hostname patterns.  Hostnames are compared without case (ASCII only:
 * DNS names are ASCII). */

/* Longest host a pattern is matched against: no DNS name is longer. */
#define HOST_MAX 255

static unsigned char fold(char c)
{
    return (unsigned char)tolower((unsigned char)c);
}

/* Length of the set "[...]" at p, or 0 when it has no closing ']'.  A ']'
 * right after the '[' (or after its '!' or '^') is a member. */
static size_t set_len(const char *p)
{
    size_t i = 1;

    if (p[i] == '!' || p[i] == '^')
        i++;
    if (p[i] == ']')
        i++;
    while (p[i] != '\0' && p[i] != ']')
        i += p[i] == '\\' && p[i + 1] != '\0' ? 2 : 1;
    return p[i] == ']' ? i + 1 : 0;
}

/* True when c (folded) is in the set p of length n (set_len). */
static bool in_set(const char *p, size_t n, unsigned char c)
{
    size_t i = 1, end = n - 1;
    bool neg = p[i] == '!' || p[i] == '^', hit = false;
    unsigned char lo, hi;

    i += neg;
    while (i < end) {
        i += p[i] == '\\';
        lo = hi = fold(p[i++]);
        if (p[i] == '-' && i + 1 < end) {
            i += 1 + (p[i + 1] == '\\');
            hi = fold(p[i++]);
        }
        hit |= lo <= c && c <= hi;
    }
    return hit != neg;
}

/* Matches one host character c (folded) against the pattern item at
 * pat + *at, which is not '*' nor the end, and steps past the item when it
 * matches. */
static bool item_matches(const char *pat, size_t *at, unsigned char c)
{
    const char *q = pat + *at;
    size_t n = *q == '[' ? set_len(q) : 0;
    bool ok;

    if (*q == '?') {
        ok = true;
        n = 1;
    } else if (n > 0) {
        ok = in_set(q, n, c);
    } else if (*q == '\\' && q[1] != '\0') {
        ok = fold(q[1]) == c;
        n = 2;
    } else {
        ok = fold(*q) == c;
        n = 1;
    }
    if (ok)
        *at += n;
    return ok;
}

bool tw_role_match(const char *pattern, tw_str host)
{
    size_t p = 0, h = 0, star = SIZE_MAX, star_h = 0;

    if (host.len > HOST_MAX)
        return false;
    while (h < host.len) {
        if (pattern[p] == '*') {
            star = ++p; /* try the rest here; on a mismatch, let '*' eat one more */
            star_h = h;
        } else if (pattern[p] != '\0' && item_matches(pattern, &p, fold(host.ptr[h]))) {
            h++;
        } else if (star != SIZE_MAX) {
            p = star;
            h = ++star_h;
        } else {
            return false;
        }
    }
    while (pattern[p] == '*')
        p++;
    return pattern[p] == '\0';
}

/* The problem with a role name, or NULL. */
static const char *name_error(const char *name)
{
    size_t n = strlen(name);

    if (n == 0 || n > TW_ROLE_NAME_MAX)
        return "a role name is 1 to 64 characters";
    for (size_t i = 0; i < n; i++) {
        if (!isalnum((unsigned char)name[i]) && strchr("-_.", name[i]) == NULL)
            return "a role name is letters, digits, '-', '_' and '.'";
    }
    return NULL;
}

const char *tw_role_check(const char *name, const char *pattern, size_t *col)
{
    size_t n = strlen(pattern);
    const char *e = name_error(name);

    *col = 0;
    if (e != NULL)
        return e;
    *col = 1;
    if (n == 0)
        return "a hostname pattern cannot be empty";
    for (size_t i = 0; i < n; i++) {
        *col = i + 1;
        if ((unsigned char)pattern[i] <= ' ' || pattern[i] == 0x7f)
            return "a hostname pattern has no spaces or control characters";
    }
    *col = TW_ROLE_PATTERN_MAX + 1;
    if (n > TW_ROLE_PATTERN_MAX)
        return "a hostname pattern is at most 255 characters";
    for (size_t i = 0; i < n; i++) {
        *col = i + 1;
        if (pattern[i] == '\\' && pattern[i + 1] == '\0')
            return "'\\' at the end of a hostname pattern";
        if (pattern[i] == '[' && set_len(pattern + i) == 0)
            return "'[' without a closing ']' in a hostname pattern";
        if (pattern[i] == '\\')
            i++;
        else if (pattern[i] == '[')
            i += set_len(pattern + i) - 1;
    }
    *col = 0;
    return NULL;
}

/* The id of the roles called name, or -1. */
static int role_id(const tw_policy *p, const char *name)
{
    for (size_t i = 0; i < p->nroles; i++) {
        if (tw_str_ieq_c(tw_str_c(name), p->roles[i].name))
            return p->roles[i].id;
    }
    return -1;
}

tw_err tw_policy_add_role(tw_policy *p, const char *name, const char *pattern)
{
    size_t col, cap = p->caproles ? p->caproles * 2 : 8;
    role *r;

    if (tw_role_check(name, pattern, &col) != NULL)
        return TW_EINVAL;
    if (p->nroles >= TW_POLICY_MAX_ROLES)
        return TW_ELIMIT;
    if (p->nroles == p->caproles) {
        r = realloc(p->roles, cap * sizeof(*r));
        if (!r)
            return TW_ENOMEM;
        p->roles = r;
        p->caproles = cap;
    }
    r = &p->roles[p->nroles];
    r->name = tw_arena_strdup(p->arena, name);
    r->pattern = tw_arena_strdup(p->arena, pattern);
    if (!r->name || !r->pattern)
        return TW_ENOMEM;
    r->id = role_id(p, name);
    if (r->id < 0)
        r->id = p->nids++;
    p->nroles++;
    return TW_OK;
}

int tw_policy_role(const tw_policy *p, tw_str host)
{
    for (size_t i = 0; p && host.len > 0 && i < p->nroles; i++) {
        if (tw_role_match(p->roles[i].pattern, host))
            return p->roles[i].id;
    }
    return -1;
}

const char *tw_policy_role_name(const tw_policy *p, int id)
{
    for (size_t i = 0; p && i < p->nroles; i++) {
        if (p->roles[i].id == id)
            return p->roles[i].name;
    }
    return NULL;
}

size_t tw_policy_nroles(const tw_policy *p)
{
    return p ? (size_t)p->nids : 0;
}

/* Reports a problem in the pattern at node n, character col (1-based):
 * at that very column when the scalar's source text is the pattern
 * itself (plain, or quoted without escapes, on one line), else at the
 * node. */
static void pattern_error(tw__yaml_rd *y, const yaml_node_t *n, size_t col, const char *msg)
{
    const yaml_mark_t *a = &n->start_mark, *b = &n->end_mark;
    size_t len = n->data.scalar.length;
    size_t quote = n->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
                   n->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    bool exact = a->line == b->line && b->index - a->index == len + 2 * quote && col <= len;

    y->errors++;
    tw_diags_add(y->diags, TW_DIAG_ERROR, y->code, y->file, (uint32_t)a->line + 1,
                 (uint32_t)(a->column + 1 + (exact ? quote + col - 1 : 0)), NULL,
                 "roles: %s (character %zu of '%s')", msg, col, n->data.scalar.value);
}

/* The scalar value of key in the role mapping n; NULL when absent (or
 * reported as not a scalar). */
static yaml_node_t *role_field(tw__yaml_rd *y, yaml_node_t *n, const char *key)
{
    yaml_node_pair_t *kv =
        tw__yaml_find_key(y->doc, n->data.mapping.pairs.start, n->data.mapping.pairs.top, key);
    yaml_node_t *v = kv ? tw__yaml_node(y, kv->value) : NULL;

    if (v && !tw__yaml_scalar(y, v, key))
        return NULL;
    return v;
}

/* Reports the keys of role mapping n that are neither name nor hostname. */
static void unknown_role_keys(tw__yaml_rd *y, yaml_node_t *n)
{
    for (yaml_node_pair_t *kv = n->data.mapping.pairs.start; kv < n->data.mapping.pairs.top; kv++) {
        yaml_node_t *k = tw__yaml_node(y, kv->key);
        const char *key = k ? tw__yaml_scalar(y, k, "a role key") : NULL;

        if (key && strcmp(key, "name") != 0 && strcmp(key, "hostname") != 0)
            tw__yaml_errorf(y, k, "roles: unknown key '%s' (a role has name and hostname)", key);
    }
}

/* One role: a mapping {name: N, hostname: PATTERN}; a role with any
 * problem is left out. */
static tw_err read_role(tw_policy *p, tw__yaml_rd *y, yaml_node_t *n)
{
    yaml_node_t *name, *pat;
    size_t col, before = y->errors;
    const char *msg;

    if (n->type != YAML_MAPPING_NODE) {
        tw__yaml_errorf(y, n, "roles: a role is a mapping {name: ..., hostname: ...}");
        return TW_OK;
    }
    name = role_field(y, n, "name");
    pat = role_field(y, n, "hostname");
    unknown_role_keys(y, n);
    if (!tw__yaml_peek(y->doc, n, "name") || !tw__yaml_peek(y->doc, n, "hostname"))
        tw__yaml_errorf(y, n, "roles: a role needs a name and a hostname pattern");
    if (!name || !pat || y->errors > before)
        return TW_OK;
    msg = tw_role_check((const char *)name->data.scalar.value, (const char *)pat->data.scalar.value,
                        &col);
    if (msg && col == 0)
        tw__yaml_errorf(y, name, "roles: %s", msg);
    else if (msg)
        pattern_error(y, pat, col, msg);
    else
        return tw_policy_add_role(p, (const char *)name->data.scalar.value,
                                  (const char *)pat->data.scalar.value);
    return TW_OK;
}

/* `roles`: a sequence of roles (or null: none). */
static tw_err read_roles(tw_policy *p, tw__yaml_rd *y, yaml_node_t *k, yaml_node_t *v)
{
    tw_err rc = TW_OK;

    if (p->roles_read) {
        tw__yaml_errorf(y, k, "policy list 'roles' given twice");
        return TW_OK;
    }
    p->roles_read = true;
    if (v->type == YAML_SCALAR_NODE &&
        (v->data.scalar.length == 0 || strcmp((const char *)v->data.scalar.value, "~") == 0 ||
         strcmp((const char *)v->data.scalar.value, "null") == 0))
        return TW_OK;
    if (v->type != YAML_SEQUENCE_NODE) {
        tw__yaml_errorf(y, v, "roles must be a list");
        return TW_OK;
    }
    for (yaml_node_item_t *it = v->data.sequence.items.start;
         it < v->data.sequence.items.top && rc == TW_OK; it++) {
        yaml_node_t *e = tw__yaml_node(y, *it);

        if (e)
            rc = read_role(p, y, e);
    }
    return rc;
}

/* One document: a mapping of list names to lists (tw__yaml_doc_fn). */
static tw_err read_document(void *ctx, tw__yaml_rd *y)
{
    tw_policy *p = ctx;
    yaml_node_t *root = yaml_document_get_root_node(y->doc);
    tw_err rc = TW_OK;

    y->errors = 0;
    if (root->type != YAML_MAPPING_NODE) {
        tw__yaml_errorf(y, root, "a policy is a mapping of list names to lists");
        return TW_EPARSE;
    }
    for (yaml_node_pair_t *kv = root->data.mapping.pairs.start;
         kv < root->data.mapping.pairs.top && rc == TW_OK; kv++) {
        yaml_node_t *k = tw__yaml_node(y, kv->key), *v = tw__yaml_node(y, kv->value);
        const char *key = k ? tw__yaml_scalar(y, k, "a list name") : NULL;
        size_t li = list_index(key);

        if (key == NULL || v == NULL)
            continue;
        if (strcmp(key, "roles") == 0)
            rc = read_roles(p, y, k, v);
        else if (li == NLISTS)
            tw__yaml_errorf(y, k, "unknown policy list '%s'", key);
        else if (p->l[li].given)
            tw__yaml_errorf(y, k, "policy list '%s' given twice", key);
        else
            rc = read_list(p, y, li, v);
    }
    return rc != TW_OK ? rc : y->errors > 0 ? TW_EPARSE : TW_OK;
}

tw_err tw_policy_load(tw_policy *p, const char *file, const char *data, size_t len, tw_diags *diags)
{
    tw__yaml_rd y = {.diags = diags, .code = TW_EPARSE, .kind = "policy", .input = "policies"};

    if (p == NULL || diags == NULL)
        return TW_EINVAL;
    y.file = file ? tw_arena_strdup(p->arena, file) : NULL;
    if (file && !y.file)
        return TW_ENOMEM;
    return tw__yaml_load_all(&y, data, len, read_document, p);
}

/* The list called name when p gives it, or NULL. */
static const plist *given(const tw_policy *p, const char *name, entry_kind k)
{
    size_t li = list_index(name);

    if (p == NULL || li == NLISTS || !p->l[li].given || lists[li].kind != k)
        return NULL;
    return &p->l[li];
}

bool tw_policy_list_known(const char *name)
{
    return list_index(name) < NLISTS;
}

bool tw_policy_has(const tw_policy *p, const char *list)
{
    size_t li = list_index(list);

    return p != NULL && li < NLISTS && p->l[li].given;
}

bool tw_policy_has_addr(const tw_policy *p, const char *list, const tw_cidr *addr)
{
    const plist *l = given(p, list, K_ADDR);

    for (size_t i = 0; l && i < l->n; i++) {
        if (tw_cidr_contains(&l->addr[i], &addr->addr))
            return true;
    }
    return false;
}

bool tw_policy_has_name(const tw_policy *p, const char *list, tw_str name)
{
    const plist *l = given(p, list, K_NAME);

    for (size_t i = 0; l && i < l->n; i++) {
        if (tw_str_ieq_c(name, l->name[i]))
            return true;
    }
    return false;
}

bool tw_policy_has_port(const tw_policy *p, const char *list, int64_t port)
{
    const plist *l = given(p, list, K_PORT);

    for (size_t i = 0; l && i < l->n; i++) {
        if (l->port[i] == port)
            return true;
    }
    return false;
}
