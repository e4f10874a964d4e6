/*
 * yaml_util.c: the reading machinery the YAML loaders share.
 *
 * The rule pack loader (lib/rules/loader.c) and the CVE table loader
 * (lib/match/cvetab_load.c) read their inputs the same way: every document
 * of the input in turn, each node walked once (a second visit is an alias,
 * refused), every problem a diagnostic at the node's line and column.  What
 * they read out of the documents is their own.
 */
#include "core/yaml_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reports a problem at node n; see yaml_int.h. */
void tw__yaml_verror(tw__yaml_rd *y, const yaml_node_t *n, const char *fmt, va_list ap)
{
    char msg[1024];
    uint32_t line = n != NULL ? (uint32_t)n->start_mark.line + 1 : 0;
    uint32_t col = n != NULL ? (uint32_t)n->start_mark.column + 1 : 0;

    if (vsnprintf(msg, sizeof(msg), fmt, ap) < 0)
        msg[0] = '\0';
    y->errors++;
    if (y->entry != NULL)
        tw_diags_add(y->diags, TW_DIAG_ERROR, y->code, y->file, line, col, y->entry_id, "%s %s: %s",
                     y->kind, y->entry, msg);
    else
        tw_diags_add(y->diags, TW_DIAG_ERROR, y->code, y->file, line, col, NULL, "%s", msg);
}

/* tw__yaml_verror with the arguments in place. */
void tw__yaml_errorf(tw__yaml_rd *y, const yaml_node_t *n, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    tw__yaml_verror(y, n, fmt, ap);
    va_end(ap);
}

/* The node of id, walked once: a second visit is an alias. */
yaml_node_t *tw__yaml_node(tw__yaml_rd *y, int id)
{
    yaml_node_t *n = yaml_document_get_node(y->doc, id);

    if (n == NULL || id < 1 || (size_t)id > y->nseen)
        return NULL;
    if (y->seen[id - 1]) {
        tw__yaml_errorf(y, n, "yaml aliases are not supported in %s", y->input);
        return NULL;
    }
    y->seen[id - 1] = 1;
    return n;
}

/* The text of a scalar node, or NULL (reported for another node). */
const char *tw__yaml_scalar(tw__yaml_rd *y, yaml_node_t *n, const char *what)
{
    if (n == NULL)
        return NULL;
    if (n->type != YAML_SCALAR_NODE) {
        tw__yaml_errorf(y, n, "%s must be a scalar", what);
        return NULL;
    }
    return (const char *)n->data.scalar.value;
}

/* The first pair in [from, to) whose key is the scalar key. */
yaml_node_pair_t *tw__yaml_find_key(yaml_document_t *doc, yaml_node_pair_t *from,
                                    yaml_node_pair_t *to, const char *key)
{
    for (yaml_node_pair_t *p = from; p < to; p++) {
        yaml_node_t *k = yaml_document_get_node(doc, p->key);
        if (k != NULL && k->type == YAML_SCALAR_NODE &&
            strcmp((const char *)k->data.scalar.value, key) == 0)
            return p;
    }
    return NULL;
}

/* The value node of key in mapping n. */
yaml_node_t *tw__yaml_peek(yaml_document_t *doc, yaml_node_t *n, const char *key)
{
    yaml_node_pair_t *p =
        tw__yaml_find_key(doc, n->data.mapping.pairs.start, n->data.mapping.pairs.top, key);

    return p != NULL ? yaml_document_get_node(doc, p->value) : NULL;
}

/* Reports a YAML syntax error at its mark. */
tw_err tw__yaml_error(tw_diags *d, const char *file, const yaml_parser_t *p)
{
    const yaml_mark_t *m = &p->problem_mark;

    if (p->error == YAML_MEMORY_ERROR)
        return TW_ENOMEM;
    tw_diags_add(d, TW_DIAG_ERROR, TW_EYAML, file, (uint32_t)m->line + 1, (uint32_t)m->column + 1,
                 NULL, "invalid yaml: %s%s%s", p->problem != NULL ? p->problem : "syntax error",
                 p->context != NULL ? " " : "", p->context != NULL ? p->context : "");
    return TW_EYAML;
}

/* Sets up the walk of doc (its root counted as walked), calls fn, and
 * clears the walk again. */
static tw_err read_document(tw__yaml_rd *y, yaml_document_t *doc, tw__yaml_doc_fn fn, void *ctx)
{
    tw_err rc;

    y->doc = doc;
    y->nseen = (size_t)(doc->nodes.top - doc->nodes.start);
    y->seen = calloc(y->nseen + 1, 1);
    if (y->seen == NULL)
        return TW_ENOMEM;
    y->seen[0] = 1;
    rc = fn(ctx, y);
    free(y->seen);
    y->seen = NULL;
    y->doc = NULL;
    return rc;
}

/* Reads every document of the input; see yaml_int.h. */
tw_err tw__yaml_load_all(tw__yaml_rd *y, const char *data, size_t len, tw__yaml_doc_fn fn,
                         void *ctx)
{
    yaml_parser_t parser;
    yaml_document_t doc;
    tw_err rc = TW_OK;

    if (!yaml_parser_initialize(&parser))
        return TW_ENOMEM;
    yaml_parser_set_input_string(&parser, (const unsigned char *)(data != NULL ? data : ""), len);
    for (;;) {
        tw_err drc;
        if (!yaml_parser_load(&parser, &doc)) {
            rc = tw__yaml_error(y->diags, y->file, &parser);
            break;
        }
        if (yaml_document_get_root_node(&doc) == NULL) {
            yaml_document_delete(&doc);
            break;
        }
        drc = read_document(y, &doc, fn, ctx);
        yaml_document_delete(&doc);
        if (drc != TW_OK)
            rc = drc;
        if (drc == TW_ENOMEM || drc == TW_ELIMIT)
            break;
    }
    yaml_parser_delete(&parser);
    return rc;
}
