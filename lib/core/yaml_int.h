/*
 * yaml_int.h: what the YAML loaders share (rule packs, CVE tables).
 *
 * Both read an input with libyaml's document API, one document at a time,
 * walk each node once (a second visit is an alias, which is refused; that
 * also keeps a hostile input from expanding) and report every problem as a
 * diagnostic at the file:line:column of the node, prefixed with the entry
 * being read ("rule R1: ...", "cve CVE-...: ...").  tw__yaml_rd holds that
 * state; a loader embeds it in its own context.  Nothing here is part of
 * the public API.
 */
#ifndef TW_YAML_INT_H
#define TW_YAML_INT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include <yaml.h>

#include "tidewatch/diag.h"

/* Reading state of one YAML input, shared by the loaders. */
typedef struct {
    tw_diags *diags;
    const char *file;
    tw_err code;          /* of every diagnostic about the content */
    const char *kind;     /* "rule", "cve": prefixes messages about an entry */
    const char *input;    /* "rule packs": names the input in the alias error */
    const char *entry;    /* name of the entry being read ("#3", an id), or NULL */
    const char *entry_id; /* rule id given to the entry's diagnostics, or NULL */
    size_t errors;        /* reported since the loader last cleared it */
    yaml_document_t *doc; /* the document being walked */
    uint8_t *seen;        /* node ids of doc already walked */
    size_t nseen;
} tw__yaml_rd;

/* Reports a problem at node n (NULL: no location) and counts it in
 * y->errors.  While an entry is being read the message is prefixed with
 * "<kind> <entry>: " and the diagnostic carries entry_id. */
void tw__yaml_verror(tw__yaml_rd *y, const yaml_node_t *n, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));
void tw__yaml_errorf(tw__yaml_rd *y, const yaml_node_t *n, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Node id of the current document, or NULL: reported when it was walked
 * already (an alias), silently when there is no such node. */
yaml_node_t *tw__yaml_node(tw__yaml_rd *y, int id);
/* The text of a scalar node; NULL for NULL, reported ("<what> must be a
 * scalar") for another node. */
const char *tw__yaml_scalar(tw__yaml_rd *y, yaml_node_t *n, const char *what);

/* The first pair in [from, to) of a mapping of doc whose key is the scalar
 * key, or NULL.  Walks nothing. */
yaml_node_pair_t *tw__yaml_find_key(yaml_document_t *doc, yaml_node_pair_t *from,
                                    yaml_node_pair_t *to, const char *key);
/* The value node of key in mapping n, or NULL.  Walks nothing. */
yaml_node_t *tw__yaml_peek(yaml_document_t *doc, yaml_node_t *n, const char *key);

/* Reads one loaded document: returns TW_OK or the loader's error code;
 * TW_ENOMEM or TW_ELIMIT stop the input. */
typedef tw_err (*tw__yaml_doc_fn)(void *ctx, tw__yaml_rd *y);

/* Loads every document of (data, len) in turn and calls fn for each with
 * y->doc set and y->seen allocated (the root counted as walked); both are
 * cleared after fn returns.  A YAML syntax error is reported through
 * tw__yaml_error and ends the input.  Returns the last error of fn or of
 * the syntax, TW_OK when there was none; TW_ENOMEM when memory ran out in
 * libyaml or for the walk state. */
tw_err tw__yaml_load_all(tw__yaml_rd *y, const char *data, size_t len, tw__yaml_doc_fn fn,
                         void *ctx);

/* Reports the syntax error of parser p at its mark as TW_EYAML ("invalid
 * yaml: ...") in d for file; returns TW_EYAML, or TW_ENOMEM without a
 * diagnostic when libyaml ran out of memory. */
tw_err tw__yaml_error(tw_diags *d, const char *file, const yaml_parser_t *p);

#endif
