/*
 * kev.h: CISA's Known Exploited Vulnerabilities catalog.
 *
 * The catalog (known_exploited_vulnerabilities.json, schema in
 * cisagov/kev-data) says which CVEs are exploited in the wild, when CISA
 * added them and by when federal agencies had to act.  It never says which
 * versions are affected: that comes from the CVE table and CSAF.  A tw_kev
 * holds one or more loaded catalogs, sorted by CVE id for fast lookups
 * (100,000 inventory rows look CVEs up), and maps each entry's vendor and
 * product to the network operating systems it names, cleaning up the
 * catalog's inconsistent spellings ("IOS and IOS XE Software", "IOS
 * software", "IOS XE Web UI" vs "Cisco IOS XE Web UI", "Pulse Connect
 * Secure", trailing spaces in vendorProject).
 *
 * Build a tw_kev with tw_kev_load; afterwards it is read-only and the
 * lookups may run in several threads at once.
 */
#ifndef TIDEWATCH_KEV_H
#define TIDEWATCH_KEV_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "error.h"
#include "str.h"

/* Most entries one tw_kev holds; further ones are a diagnostic and skipped
 * (the 2025 catalog has about 1,400). */
#define TW_KEV_MAX_ENTRIES 200000

/* One catalog entry.  Every string is owned by the tw_kev, NUL-terminated
 * and never NULL ("" when the field is absent), except ransomware. */
typedef struct {
    const char *cve_id;     /* "CVE-2023-20198" (shape checked) */
    const char *vendor;     /* vendorProject, white space trimmed */
    const char *product;    /* product, white space trimmed */
    const char *name;       /* vulnerabilityName */
    const char *date_added; /* "YYYY-MM-DD" (shape checked) */
    const char *due_date;   /* "YYYY-MM-DD" (shape checked) */
    const char *ransomware; /* knownRansomwareCampaignUse ("Known", "Unknown"); NULL if absent */
    const char *required_action; /* requiredAction */
    const char *description;     /* shortDescription */
    const char *notes;           /* notes ("" if absent) */
    const char *cwes;            /* cwes joined with ",", "CWE-20,CWE-287" ("" if absent) */
    const char *file;            /* the catalog file it came from */
    uint32_t os_mask;            /* bit (1u << tw_os) per OS vendor+product name; 0: none of ours */
} tw_kev_entry;

typedef struct tw_kev tw_kev;

/* Returns a new empty catalog, or NULL on ENOMEM.  Free with tw_kev_free. */
tw_kev *tw_kev_new(void);
/* Frees k and every entry; NULL is accepted. */
void tw_kev_free(tw_kev *k);

/* Loads a KEV catalog from data[0..len) (a file's contents; no NUL needed)
 * and adds its entries to k.  file names the input in diagnostics and in
 * the entries.  An entry that lacks cveID, has a malformed one or a
 * malformed date, or whose required fields are not strings, is a warning
 * (file, and the entry's index and CVE id in the message) and is skipped;
 * a CVE already loaded is a warning and the first entry is kept.  A count
 * field that differs from the entries present is a warning.  Returns TW_OK
 * when the input is a catalog (even if some entries were skipped);
 * TW_EJSON when it is not valid JSON (diagnostic at the line jansson
 * reports); TW_EPARSE when it is JSON but not a KEV catalog (no
 * "vulnerabilities" array); TW_ELIMIT past TW_LIMIT_FILE_SIZE or
 * TW_KEV_MAX_ENTRIES; TW_ENOMEM.  On an error k keeps what it held before.
 * Not thread-safe on k. */
tw_err tw_kev_load(tw_kev *k, const char *file, const char *data, size_t len, tw_diags *diags);

/* Entries held, and entry i (0 <= i < count) in CVE id order (by year,
 * then number); NULL when i is out of range. */
size_t tw_kev_count(const tw_kev *k);
const tw_kev_entry *tw_kev_at(const tw_kev *k, size_t i);

/* The entry of a CVE id (case-insensitive "cve-2023-20198" accepted, white
 * space trimmed), or NULL.  Binary search: O(log n). */
const tw_kev_entry *tw_kev_find(const tw_kev *k, tw_str cve_id);

/* Stores into out[0..cap) the entries whose os_mask shares a bit with
 * os_mask, in CVE id order, and returns how many there are in all (which
 * may exceed cap; out may be NULL when cap is 0). */
size_t tw_kev_for_os(const tw_kev *k, uint32_t os_mask, const tw_kev_entry **out, size_t cap);

/* Header fields of the last catalog loaded ("" before any load):
 * title, catalogVersion ("2025.08.25"), dateReleased, and the count
 * field as written (0 if absent). */
const char *tw_kev_title(const tw_kev *k);
const char *tw_kev_catalog_version(const tw_kev *k);
const char *tw_kev_date_released(const tw_kev *k);
size_t tw_kev_declared_count(const tw_kev *k);

/* The OS mask (bit 1u << tw_os per OS) of a KEV vendor and product, as
 * written in the catalog.  Cisco: "IOS" (alone or listed: "IOS and IOS
 * XE Software", "IOS, XR, and XE Software"), "IOS XE", "IOS XR", "NX-OS",
 * "Adaptive Security Appliance"/"ASA"; Palo Alto Networks: "PAN-OS";
 * Ivanti or Pulse Secure: "Connect Secure", "Policy Secure"; Juniper:
 * "Junos"; Fortinet: "FortiOS"; Arista: "EOS".  Anything else (Citrix,
 * "FortiManager", "Expedition", "Multiple Products") is 0.  Pure,
 * thread-safe. */
uint32_t tw_kev_os_mask(tw_str vendor, tw_str product);

#endif
