/*
 * csaf.h: CSAF 2.0 security advisories, evaluated against a device's OS
 * and version.
 *
 * A tw_csaf holds any number of loaded CSAF 2.0 documents (the CLI walks
 * files and folders and hands over buffers).  Loading walks
 * product_tree.branches (vendor / product_family / product_name /
 * product_version / product_version_range / service_pack / patch_level
 * and the other categories, nested), full_product_names and relationships,
 * and records for every product_id: vendor, product name, full name, OS
 * (tw_os_parse over the nearest product_name / product_family name, then
 * the full name, e.g. "Cisco IOS", "Cisco IOS XE Software", "PAN-OS",
 * "FortiOS") and what it names:
 *   - an exact version: the product_version name, or the deepest
 *     service_pack / patch_level below it (Cisco: train "15.0SE" as
 *     product_version, each release "15.0(2)SE9" as service_pack: the
 *     release is matched); a Fortinet "FortiOS 5.0.0" name gives 5.0.0;
 *   - a range: a product_version_range name (vers.h: vers, vls, Fortinet
 *     "FortiOS/>=7.0.0|<=7.0.5", Palo Alto "vers:generic/<10.2.9-h1" and
 *     "vers:generic/PAN-OS Firewall>=11.2.10", "PAN-OS 10.1 All");
 *   - "None" ("PAN-OS None"): no version (read as not affected).
 * A product of no known OS (Red Hat, BSI tool advisories) is kept but
 * never matches.  A version or range that does not parse with its OS's
 * grammar is counted in tw_csaf_stats.unparsed, reported as a warning, and
 * never matches (no statement, never a guess).
 *
 * Then every vulnerabilities[] entry with a cve gives statements from its
 * product_status lists: known_affected, first_affected, last_affected ->
 * affected; fixed, first_fixed -> fixed; known_not_affected ->
 * not-affected (under_investigation and recommended give none), and its
 * vendor_fix remediations.
 *
 * Evaluation of one (document, CVE) for a device version v:
 *   - exact products match when tw_version_cmp(v, product) == TW_VCMP_EQ
 *     (so 03.16.07S equals 3.16.7S); ranges when tw_vers_eval is IN;
 *   - a product_id listed both as affected and as fixed/not-affected (Palo
 *     Alto reuses one id for "<X" and ">=X"): the matching definition
 *     decides by its shape, the upper-bound side ("<X") is affected, the
 *     other side is fixed; an exact version so listed gives no statement;
 *   - when several products match, the most specific wins: an exact
 *     version, then a range, then a train placeholder ("10.1 All"), then
 *     "*" and "None"; at equal specificity affected beats fixed beats
 *     not-affected (a defender prefers a false alarm to a silent miss).
 *
 * After loading, a tw_csaf is read-only and may be evaluated by several
 * threads at once.
 */
#ifndef TIDEWATCH_CSAF_H
#define TIDEWATCH_CSAF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "error.h"
#include "str.h"
#include "version.h"

/* Bounds per document (beyond them: TW_ELIMIT, the document is not added). */
#define TW_CSAF_MAX_PRODUCTS 100000 /* product definitions */
#define TW_CSAF_MAX_VULNS 10000     /* vulnerabilities[] entries */
#define TW_CSAF_MAX_DOCS 100000     /* documents in one tw_csaf */

typedef enum {
    TW_CSAF_NONE = 0, /* no statement for this version */
    TW_CSAF_AFFECTED,
    TW_CSAF_FIXED,
    TW_CSAF_NOT_AFFECTED,
} tw_csaf_status;

/* "none", "affected", "fixed", "not-affected"; static. */
const char *tw_csaf_status_name(tw_csaf_status s);

/* The result of one (document, CVE) for a version.  Strings are owned by
 * the tw_csaf and live as long as it; NULL when not known. */
typedef struct {
    const char *cve; /* "CVE-2018-0171" */
    tw_csaf_status status;
    const char *product; /* full name of the product that decided ("Cisco IOS 15.0SE 15.0(2)SE9") */
    const char *product_id;  /* its product_id ("CVRFPID-209029") */
    const char *tracking_id; /* document.tracking.id ("cisco-sa-20180328-smi2") */
    const char *title;       /* document.title */
    const char *file;        /* the file the document came from */
    const char *fix;         /* details of a vendor_fix remediation naming the product, or NULL */
    const char *fix_url;     /* its url, or NULL */
    const char *fixed_in;    /* for affected: the lowest fixed / first_fixed exact version of
                                v's train above v, or the bound of a fixed ">=X" range; NULL if none */
} tw_csaf_match;

/* Counts over everything loaded. */
typedef struct {
    size_t documents;
    size_t products;   /* product definitions (one product_id may have several) */
    size_t network;    /* of them, products of a known OS */
    size_t vulns;      /* (document, CVE) pairs */
    size_t statements; /* product ids listed in product_status lists */
    size_t unparsed;   /* products of a known OS whose version or range did not parse */
} tw_csaf_stats;

typedef struct tw_csaf tw_csaf;

/* Returns a new empty set of documents, or NULL on ENOMEM. */
tw_csaf *tw_csaf_new(void);
/* Frees c and everything it holds; NULL is accepted. */
void tw_csaf_free(tw_csaf *c);

/* Loads one CSAF 2.0 document from data[0..len) and adds it to c; file
 * names it in diagnostics and results.  Returns TW_OK (warnings for
 * products or statements that could not be read); TW_EJSON for invalid
 * JSON (diagnostic at jansson's line); TW_EPARSE when it is not a CSAF
 * document (no document object with a csaf_version, or no tracking id);
 * TW_ELIMIT past a bound; TW_ENOMEM.  On error c is unchanged.  Not
 * thread-safe on c. */
tw_err tw_csaf_load(tw_csaf *c, const char *file, const char *data, size_t len, tw_diags *diags);

/* Fills *out with the counts. */
void tw_csaf_stats_get(const tw_csaf *c, tw_csaf_stats *out);

/* Number of (document, CVE) pairs, in load order. */
size_t tw_csaf_vuln_count(const tw_csaf *c);

/* Evaluates pair i (0 <= i < tw_csaf_vuln_count) for the device version v
 * (v->os is the device's OS; a v that failed tw_version_parse matches
 * nothing).  Fills *out (status TW_CSAF_NONE when no product of v's OS
 * speaks about v; cve, tracking_id, title and file are always set) and
 * returns the status. */
tw_csaf_status tw_csaf_eval_at(const tw_csaf *c, size_t i, const tw_version *v, tw_csaf_match *out);

/* Evaluates every pair for v and stores the ones whose status is not
 * TW_CSAF_NONE into out[0..cap), in load order; returns how many there are
 * in all (may exceed cap; out may be NULL when cap is 0). */
size_t tw_csaf_eval(const tw_csaf *c, const tw_version *v, tw_csaf_match *out, size_t cap);

/* Evaluates one CVE (case-insensitive id) over every document: the first
 * pair in load order with a statement, or TW_CSAF_NONE (then *out is zeroed
 * but for cve, which is NULL when no document names the CVE). */
tw_csaf_status tw_csaf_eval_cve(const tw_csaf *c, tw_str cve, const tw_version *v,
                                tw_csaf_match *out);

/* True when some document lists, as affected by the CVE, exact releases
 * of v's OS and train: the vendor enumerates that train's affected
 * releases (Cisco does), so a release of the train that none of them
 * names is one the vendor does not list as affected.  False when v did
 * not parse.  Thread-safe after loading. */
bool tw_csaf_enumerates(const tw_csaf *c, tw_str cve, const tw_version *v);

#endif
