/*
 * inventory_int.h: internals shared by the inventory readers.
 *
 * Each reader (CSV, JSON / NetBox, show-version, config) fills a
 * tw__inv_row with views into its input and hands it to tw__inv_emit,
 * which checks the row, settles the OS (as written, inferred or
 * reclassified, with a note), marks train-only versions and copies the
 * record into the list's arena.  The column alias table is shared by the
 * CSV and JSON readers.  Nothing here is exported from the library.
 */
#ifndef TW_PARSE_INVENTORY_INT_H
#define TW_PARSE_INVENTORY_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "tidewatch/inventory.h"
#include "tidewatch/limits.h"

/* The fields of a device row. */
enum {
    TW__IF_HOSTNAME,
    TW__IF_VENDOR,
    TW__IF_OS,
    TW__IF_VERSION,
    TW__IF_PLATFORM,
    TW__IF_MODEL,
    TW__IF_SITE,
    TW__IF_COUNT
};

/* One row's fields as views; an empty view is an absent field. */
typedef struct {
    tw_str f[TW__IF_COUNT];
    tw_str slug; /* a platform slug that is not the shown platform (NetBox) */
    uint32_t line;
    tw_inv_kind source;
    tw_os os;         /* set by show-version / config readers; else UNKNOWN */
    bool train_only;  /* set by a reader that knows (a config's version line) */
    bool quiet;       /* no "has no version" warning (said once already) */
    const char *note; /* static note of the reader, or NULL */
} tw__inv_row;

/* One parse call's state. */
typedef struct {
    tw_inventory *inv;
    const char *file; /* the file name, copied into the arena */
    tw_diags *diags;
    uint32_t emitted; /* records appended by this call */
    bool full;        /* a record was dropped: the list is full */
    tw_str last_host; /* hostname of the last record of this call */
} tw__inv_ctx;

/* Checks r and appends its record.  A bad row is a diagnostic and TW_OK;
 * a record past the list's max is counted in dropped (cx->full is set and
 * TW_OK returned, so reading goes on counting); TW_ENOMEM. */
tw_err tw__inv_emit(tw__inv_ctx *cx, const tw__inv_row *r);

/* Adds an error (or warning) diagnostic at line of the parsed file. */
void tw__inv_error(tw__inv_ctx *cx, tw_err code, uint32_t line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void tw__inv_warn(tw__inv_ctx *cx, uint32_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The field a column or key name stands for (case-insensitive, ignoring
 * ' ', '_', '-', '.'), with its rank (lower wins when several columns give
 * one field); false for a name that is not an inventory column. */
bool tw__inv_alias(tw_str name, int *field, int *rank);

/* True when name is a NetBox-only column ("device type"). */
bool tw__inv_netbox_column(tw_str name);

/* A UTF-8 BOM and white space skipped from the start of s. */
tw_str tw__inv_skip_bom(tw_str s);

/* When t starts with prefix p (in any case when caseless), sets *rest to
 * the rest of t, trimmed, and returns true. */
bool tw__inv_after(tw_str t, const char *p, bool caseless, tw_str *rest);

/* The readers.  Each returns as tw_inventory_parse does. */
tw_err tw__inv_csv(tw__inv_ctx *cx, tw_str data);
tw_err tw__inv_json(tw__inv_ctx *cx, tw_str data);
tw_err tw__inv_show(tw__inv_ctx *cx, tw_str data);
tw_err tw__inv_config(tw__inv_ctx *cx, tw_str data);

/* Content tests for tw_inventory_detect: a CSV header line, a show-version
 * marker line, a config version line. */
bool tw__inv_csv_header(tw_str line);
bool tw__inv_show_marker(tw_str line);
bool tw__inv_config_marker(tw_str line);

/* The hostname a file name implies ("cfg/core1.txt" -> "core1"). */
tw_str tw__inv_file_host(const char *file);

#endif
