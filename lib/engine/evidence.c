/*
 * evidence.c: what kind of evidence a file is (evidence.h).
 */
#include "tidewatch/evidence.h"

#include <string.h>

#include "tidewatch/capture.h"
#include "tidewatch/file.h"
#include "tidewatch/hunt.h"
#include "tidewatch/policy.h"

#define WINDOW ((size_t)64 << 10)

static const char *const kind_names[] = {
#define TW__EV_NAME(name, str) str,
    TW_EVIDENCE_KIND_LIST(TW__EV_NAME)
#undef TW__EV_NAME
};

const char *tw_evidence_kind_name(tw_evidence_kind k)
{
    return (unsigned)k < TW__EV_COUNT ? kind_names[k] : "unknown";
}

static bool magic(const char *data, size_t len, const char *m, size_t n)
{
    return len >= n && memcmp(data, m, n) == 0;
}

/* pcap (either byte order, micro- or nanoseconds) or pcapng. */
static bool contains(const char *d, size_t len, const char *lit)
{
    return tw_str_find(tw_str_make(d, len), tw_str_c(lit)) >= 0;
}

/* JSON: by the keys only each kind has. */
static bool json_kind(const char *d, size_t len, tw_evidence *e)
{
    tw_log_format lf;

    if (contains(d, len, "\"catalogVersion\"") && contains(d, len, "\"vulnerabilities\""))
        e->kind = TW_EV_KEV;
    else if (contains(d, len, "\"csaf_version\""))
        e->kind = TW_EV_CSAF;
    else if ((e->ioc = tw_ioc_detect(d, len)) == TW_IOC_FORMAT_STIX || e->ioc == TW_IOC_FORMAT_MISP)
        e->kind = TW_EV_IOC;
    else if ((e->inventory = tw_inventory_detect(d, len)) == TW_INV_JSON ||
             e->inventory == TW_INV_NETBOX)
        e->kind = TW_EV_INVENTORY;
    else if (tw_hunt_detect(d, len, TW_LOG_UNKNOWN, &lf) == TW_OK && lf == TW_LOG_JSONL) {
        e->kind = TW_EV_LOG;
        e->log = lf;
    }
    return e->kind != TW_EV_UNKNOWN;
}

/* A site policy: its first top-level key is a policy list (policy.h). */
static bool policy(const char *d, size_t len)
{
    tw_str rest = tw_str_make(d, len), line;

    while (tw_str_line(&rest, &line)) {
        char key[64];
        size_t n = 0;
        if (line.len == 0 || line.ptr[0] == '#' || tw_str_starts_with(line, TW_STR("---")))
            continue;
        while (n < line.len && n < sizeof(key) - 1 && line.ptr[n] != ':')
            n++;
        if (n == line.len || n == sizeof(key) - 1)
            return false;
        memcpy(key, line.ptr, n);
        key[n] = '\0';
        return tw_policy_list_known(key) || strcmp(key, "roles") == 0;
    }
    return false;
}

/* A word that can be an indicator: an address, a domain or a URL (it has
 * a '.' or ':'), or a hash (32, 40 or 64 hex digits). */
static bool indicator_word(tw_str w)
{
    size_t hex = 0;

    if (memchr(w.ptr, '.', w.len) != NULL || memchr(w.ptr, ':', w.len) != NULL)
        return true;
    for (size_t i = 0; i < w.len; i++) {
        char ch = (char)(w.ptr[i] | 0x20);
        hex += (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f');
    }
    return hex == w.len && (w.len == 32 || w.len == 40 || w.len == 64);
}

/* An indicator list: nearly every line that is not a comment is one word
 * that can be an indicator (prose, such as a README, is not). */
static bool word_list(const char *d, size_t len)
{
    tw_str rest = tw_str_make(d, len), line;
    size_t lines = 0, words = 0;

    while (tw_str_line(&rest, &line) && lines < 200) {
        line = tw_str_trim(line);
        if (line.len == 0 || line.ptr[0] == '#')
            continue;
        lines++;
        words += memchr(line.ptr, ' ', line.len) == NULL &&
                 memchr(line.ptr, '\t', line.len) == NULL && indicator_word(line);
    }
    return lines > 0 && words * 10 >= lines * 9;
}

tw_evidence tw_evidence_detect(const char *data, size_t len)
{
    tw_evidence e = {.kind = TW_EV_UNKNOWN};
    size_t n = len < WINDOW ? len : WINDOW, i = 0;
    tw_log_format lf;

    if (len == 0) {
        e.kind = TW_EV_EMPTY;
        return e;
    }
    if (tw_capture_magic(data, n)) {
        e.kind = TW_EV_CAPTURE;
        return e;
    }
    if (magic(data, n, "\x1f\x8b", 2) || magic(data, n, "\x28\xb5\x2f\xfd", 4)) {
        e.kind = TW_EV_LOG;
        e.compressed = true;
        return e;
    }
    if (tw_looks_binary(data, n)) {
        e.kind = TW_EV_BINARY;
        return e;
    }
    while (i < n && (data[i] == ' ' || data[i] == '\t' || data[i] == '\r' || data[i] == '\n'))
        i++;
    if (i < n && (data[i] == '{' || data[i] == '[') && json_kind(data, n, &e))
        return e;
    if ((e.dialect = tw_dialect_detect(data, n)) != TW_DIALECT_UNKNOWN) {
        e.kind = TW_EV_CONFIG;
    } else if (policy(data, n)) {
        e.kind = TW_EV_POLICY;
    } else if (tw_hunt_detect(data, n, TW_LOG_UNKNOWN, &lf) == TW_OK && lf != TW_LOG_UNKNOWN) {
        e.kind = TW_EV_LOG;
        e.log = lf;
    } else if ((e.inventory = tw_inventory_detect(data, n)) != TW_INV_UNKNOWN &&
               e.inventory != TW_INV_CONFIG) {
        e.kind = TW_EV_INVENTORY;
    } else if ((e.ioc = tw_ioc_detect(data, n)) == TW_IOC_FORMAT_CSV ||
               (e.ioc == TW_IOC_FORMAT_TEXT && word_list(data, n)) || e.ioc == TW_IOC_FORMAT_STIX) {
        e.kind = TW_EV_IOC;
    }
    return e;
}
