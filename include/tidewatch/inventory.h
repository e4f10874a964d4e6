/*
 * inventory.h: device inventories read into device records.
 *
 * `tidewatch exposure` starts from what each device runs.  An inventory
 * file is one of: a CSV with a header line, a JSON array of objects, a
 * NetBox device export (REST JSON or CSV), captured `show version` output
 * (IOS, IOS XE, IOS XR, NX-OS, Junos, PAN-OS `show system info`; several
 * captures may be concatenated), or a configuration whose version line
 * tells the release (`version 17.9`, `!! IOS XR Configuration 7.3.2`,
 * `set version 21.4R3-S5`).  Each yields one tw_device per device: the
 * facts as written, the OS as a tw_os, and where the record came from.
 * The accepted formats and column aliases are in docs/inventory.md.
 *
 * The parser reports bad rows as diagnostics at file:line and goes on; it
 * takes (ptr, len), never reads past it, and bounds every count below.
 * Versions are kept as text: deciding what a version means is the job of
 * version.h.  The OS is never guessed between IOS and IOS XE without
 * evidence (a 16.x / 17.x release, an IOS XE banner, a Catalyst 9000
 * model); what the parser inferred or corrected is said in the note.
 */
#ifndef TIDEWATCH_INVENTORY_H
#define TIDEWATCH_INVENTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "error.h"
#include "str.h"
#include "version.h"

/* Bounds on one inventory (proposed for limits.h; kept here until then). */
#define TW_INV_MAX_DEVICES 1000000 /* records of one tw_inventory list */
#define TW_INV_MAX_FIELD 1024      /* bytes of one field; longer rows are skipped */
#define TW_INV_MAX_COLUMNS 256     /* CSV columns looked at; later ones are ignored */
#define TW_INV_DETECT_BYTES 65536  /* bytes tw_inventory_detect looks at */

/* Kinds of inventory source: X(enum suffix, name). */
#define TW_INV_KIND_LIST(X)                                                                        \
    X(UNKNOWN, "unknown")                                                                          \
    X(CSV, "csv")                                                                                  \
    X(JSON, "json")                                                                                \
    X(NETBOX, "netbox")                                                                            \
    X(SHOW, "show-version")                                                                        \
    X(CONFIG, "config")

typedef enum {
#define TW__INV_KIND_ENUM(name, str) TW_INV_##name,
    TW_INV_KIND_LIST(TW__INV_KIND_ENUM)
#undef TW__INV_KIND_ENUM
        TW__INV_KIND_COUNT
} tw_inv_kind;

/* The static name of a kind ("csv", "show-version"); "unknown" when out of
 * range.  tw_inv_kind_parse is case-insensitive and also accepts "show"
 * and "show-system-info"; false for an unknown name. */
const char *tw_inv_kind_name(tw_inv_kind k);
bool tw_inv_kind_parse(tw_str name, tw_inv_kind *out);

/* One device.  Strings are borrowed: they live in the arena of the list
 * and stay valid until the arena is reset or freed.  No string is NULL
 * except note; a field the input did not give is "". */
typedef struct {
    const char *hostname; /* never empty */
    const char *vendor;   /* as written ("Cisco", "Palo Alto Networks"); "" */
    const char *os_text;  /* os as written; for show-version / config the
                             canonical name of what was recognised */
    tw_os os;             /* TW_OS_UNKNOWN when there is no evidence */
    const char *version;  /* as written, trimmed; "" when unknown */
    const char *platform; /* "cisco_xe", "C3750E-UNIVERSALK9-M"; "" */
    const char *model;    /* "WS-C3750E-24PD", "PA-3220", "mx480"; "" */
    const char *site;     /* "" */
    const char *file;     /* the file name given to tw_inventory_parse */
    uint32_t line;        /* 1-based: the row, the JSON object's opening
                             brace, or the version line of a capture/config */
    tw_inv_kind source;   /* CSV, JSON, NETBOX, SHOW or CONFIG */
    bool train_only;      /* only a release train is known ("17.9", "10.2") */
    const char *note;     /* NULL, or why os / version are as they are, in
                             lower case ("only the train 17.9 is known: ...") */
} tw_device;

/* A list of devices.  The caller owns the struct and the arena. */
typedef struct {
    tw_arena *arena; /* borrowed: every string of every record lives here */
    tw_device *v;    /* malloc'd */
    size_t n, cap, max;
    size_t dropped; /* records past max (TW_INV_MAX_DEVICES) */
} tw_inventory;

/* Initialises an empty list whose strings go to arena (which must outlive
 * the list's use).  tw_inventory_release frees the array, not the arena;
 * NULL is accepted.  A list belongs to one thread at a time. */
void tw_inventory_init(tw_inventory *inv, tw_arena *arena);
void tw_inventory_release(tw_inventory *inv);

/* Guesses the kind of an inventory from its content (at most
 * TW_INV_DETECT_BYTES looked at; a UTF-8 BOM is skipped): JSON ('[', or '{'
 * with a "results" array: NETBOX), CSV (a header line naming a hostname
 * column, delimited by ',', ';' or tab), show-version output (a banner or
 * version line of a known OS), a configuration (a version line of a known
 * OS); TW_INV_UNKNOWN otherwise.  Pure, thread-safe. */
tw_inv_kind tw_inventory_detect(const char *data, size_t len);

/* Parses data (len bytes, need not be NUL-terminated) named file as kind
 * (TW_INV_UNKNOWN: detect it) and appends its devices to inv.  Bad rows
 * (no hostname, a field over TW_INV_MAX_FIELD, a NUL byte, an unterminated
 * quote, an object that is not a device) are reported in diags as
 * "<file>:<line>" errors and skipped; a row without a version is kept with
 * version "" and a warning; a capture without a version is a warning.
 * Returns TW_OK when the input was read to its end (even with bad rows),
 * TW_EPARSE when the kind cannot be detected or the input is not of that
 * kind at all (no header, not a JSON array or NetBox export, no capture or
 * version line), TW_EJSON for JSON that does not parse (devices before the
 * error are kept), TW_ELIMIT when the list is full (further records are
 * counted in inv->dropped), TW_ENOMEM.  Every error also adds a diagnostic.
 * Thread-safe for distinct lists, arenas and diags. */
tw_err tw_inventory_parse(tw_inventory *inv, const char *file, const char *data, size_t len,
                          tw_inv_kind kind, tw_diags *diags);

/* The OS that a vendor, platform and model imply, for a record without an
 * os: platform slugs and names (netmiko / napalm / NetBox style: cisco_ios,
 * cisco_xe, cisco_xr, cisco_nxos, cisco_asa, juniper_junos, paloalto_panos,
 * arista_eos, fortinet), single-OS vendors (Palo Alto Networks, Juniper,
 * Fortinet, Arista) and models that run one OS only (PA-*, Catalyst 9000,
 * ISR 4000, ASR 1000 and Catalyst 8000 run IOS XE; ASR 9000 / NCS run IOS
 * XR; Nexus runs NX-OS; ASA runs ASA).  Any of the views may be empty.
 * TW_OS_UNKNOWN without evidence.  Pure, thread-safe. */
tw_os tw_inventory_infer_os(tw_str vendor, tw_str platform, tw_str model);

#endif
