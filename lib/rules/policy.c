/*
 * policy.c: the site policy (policy.h): lists of approved addresses,
 * names and ports read from YAML, and the lookups rules make.
 *
 * Each list is a plain array: policies are short (tens of entries), and
 * a linear walk over them costs less than building an index.  Entries are
 * read with the shared YAML layer (lib/core/yaml_int.h), which reports
 * problems at file:line:column and refuses aliases.
 */
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

struct tw_policy {
    tw_arena *arena;
    plist l[NLISTS];
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
        if (li == NLISTS)
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
