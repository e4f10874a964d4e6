/*
 * version_os.c: names of the network operating systems (version.h).
 *
 * tw_os_parse maps the spellings found in inventories, KEV and CSAF files
 * ("Cisco IOS XE Web UI", "Pulse Connect Secure", "Junos OS") to one tw_os.
 * A name is first folded into a compact key (lower case, without spaces,
 * '-', '_' and parenthesised asides); one vendor prefix and any number of
 * product-noise suffixes ("software", "web ui", "globalprotect") are then
 * stripped and the rest is looked up in one alias table.  Names of several
 * OSes are split by tw_os_mask_parse.  Everything here is pure.
 */
#include "tidewatch/version.h"

#include <stddef.h>
#include <string.h>

/* Longest compact name looked at; longer names name no OS. */
#define OS_NAME_MAX 96

static const char *const os_names[] = {
#define TW__OS_NAME(name, str, vendor) str,
    TW_OS_LIST(TW__OS_NAME)
#undef TW__OS_NAME
};

static const char *const os_vendors[] = {
#define TW__OS_VENDOR(name, str, vendor) vendor,
    TW_OS_LIST(TW__OS_VENDOR)
#undef TW__OS_VENDOR
};

static const struct {
    const char *alias;
    tw_os os;
} os_aliases[] = {
    {"ios", TW_OS_IOS},
    {"iosxe", TW_OS_IOS_XE},
    {"iosxr", TW_OS_IOS_XR},
    {"nxos", TW_OS_NX_OS},
    {"nexusnxos", TW_OS_NX_OS},
    {"asa", TW_OS_ASA},
    {"adaptivesecurityappliance", TW_OS_ASA},
    {"panos", TW_OS_PAN_OS},
    {"connectsecure", TW_OS_IVANTI_ICS},
    {"policysecure", TW_OS_IVANTI_IPS},
    {"junos", TW_OS_JUNOS},
    {"junosos", TW_OS_JUNOS},
    {"fortios", TW_OS_FORTIOS},
    {"fortigate", TW_OS_FORTIOS},
    {"fortigatefortios", TW_OS_FORTIOS},
    {"eos", TW_OS_EOS},
    {"extensibleoperatingsystem", TW_OS_EOS},
};

/* Vendor words in front of a product name; at most one is stripped. */
static const char *const os_prefixes[] = {
    "cisco",       "junipernetworks", "juniper",  "paloaltonetworks", "paloalto", "ivanti",
    "pulsesecure", "pulse",           "fortinet", "aristanetworks",   "arista",
};

/* Product noise after the OS name; stripped as long as one matches. */
static const char *const os_suffixes[] = {
    "software", "webui", "webinterface", "globalprotect", "sslvpn", "firewall",
};

/* Returns the static canonical name of os ("ios-xe"); "unknown" when out of
 * range.  Thread-safe. */
const char *tw_os_name(tw_os os)
{
    if ((unsigned)os >= (unsigned)TW__OS_COUNT)
        return os_names[TW_OS_UNKNOWN];
    return os_names[os];
}

/* Returns the static vendor of os ("cisco"); "unknown" when out of range.
 * Thread-safe. */
const char *tw_os_vendor(tw_os os)
{
    if ((unsigned)os >= (unsigned)TW__OS_COUNT)
        return os_vendors[TW_OS_UNKNOWN];
    return os_vendors[os];
}

/* Folds name into out (capacity OS_NAME_MAX): lower case, without ' ',
 * '\t', '-', '_' and parenthesised asides.  Returns the length, or 0 when
 * the name is empty, too long, has a NUL or unbalanced parentheses. */
static size_t os_fold(tw_str name, char *out)
{
    size_t n = 0;
    int depth = 0;

    for (size_t i = 0; i < name.len; i++) {
        unsigned char c = (unsigned char)name.ptr[i];
        if (c == '\0' || n + 1 >= OS_NAME_MAX)
            return 0;
        if (c == '(' || c == ')') {
            depth += c == '(' ? 1 : -1;
            if (depth < 0 || depth > 1)
                return 0;
            continue;
        }
        if (depth > 0 || c == ' ' || c == '\t' || c == '-' || c == '_')
            continue;
        out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c);
    }
    out[n] = '\0';
    return depth == 0 ? n : 0;
}

static tw_os os_lookup(const char *key, size_t len)
{
    for (size_t i = 0; i < sizeof(os_aliases) / sizeof(os_aliases[0]); i++) {
        if (strlen(os_aliases[i].alias) == len && memcmp(os_aliases[i].alias, key, len) == 0)
            return os_aliases[i].os;
    }
    return TW_OS_UNKNOWN;
}

/* Strips the first matching vendor prefix of key[0..*len) in place
 * (moving the start) and returns the new start. */
static const char *os_strip_prefix(const char *key, size_t *len)
{
    for (size_t i = 0; i < sizeof(os_prefixes) / sizeof(os_prefixes[0]); i++) {
        size_t pl = strlen(os_prefixes[i]);
        if (pl < *len && memcmp(key, os_prefixes[i], pl) == 0) {
            *len -= pl;
            return key + pl;
        }
    }
    return key;
}

/* Strips one matching noise suffix; returns false when none matched. */
static bool os_strip_suffix(const char *key, size_t *len)
{
    for (size_t i = 0; i < sizeof(os_suffixes) / sizeof(os_suffixes[0]); i++) {
        size_t sl = strlen(os_suffixes[i]);
        if (sl < *len && memcmp(key + *len - sl, os_suffixes[i], sl) == 0) {
            *len -= sl;
            return true;
        }
    }
    return false;
}

/* Looks up a folded name, then the name without its vendor prefix, each
 * with noise suffixes stripped one by one. */
static tw_os os_parse_folded(const char *key, size_t len)
{
    tw_os os = os_lookup(key, len);
    size_t n = len;

    while (os == TW_OS_UNKNOWN && os_strip_suffix(key, &n))
        os = os_lookup(key, n);
    if (os != TW_OS_UNKNOWN)
        return os;
    n = len;
    key = os_strip_prefix(key, &n);
    if (n == len)
        return TW_OS_UNKNOWN;
    os = os_lookup(key, n);
    while (os == TW_OS_UNKNOWN && os_strip_suffix(key, &n))
        os = os_lookup(key, n);
    return os;
}

/* Returns the OS that name stands for, or TW_OS_UNKNOWN (see version.h).
 * Pure, thread-safe. */
tw_os tw_os_parse(tw_str name)
{
    char key[OS_NAME_MAX];
    size_t len = os_fold(name, key);

    if (len == 0)
        return TW_OS_UNKNOWN;
    return os_parse_folded(key, len);
}

static bool is_sep_char(char c)
{
    return c == ',' || c == '/' || c == ';' || c == '&' || c == '+';
}

static bool is_space(char c)
{
    return c == ' ' || c == '\t';
}

/* True when s[i..] starts the word "and" standing alone. */
static bool is_and_word(tw_str s, size_t i)
{
    if (i + 3 > s.len || (i > 0 && !is_space(s.ptr[i - 1])))
        return false;
    if (i + 3 < s.len && !is_space(s.ptr[i + 3]))
        return false;
    return (s.ptr[i] | 0x20) == 'a' && (s.ptr[i + 1] | 0x20) == 'n' && (s.ptr[i + 2] | 0x20) == 'd';
}

/* The OS of one piece of a list: "XE" and "XR" stand for IOS XE and IOS
 * XR after a piece that named IOS ("IOS, XR, and XE Software"). */
static tw_os os_piece(tw_str piece, uint32_t mask)
{
    char key[OS_NAME_MAX];
    size_t len = os_fold(piece, key);
    tw_os os;

    if (len == 0)
        return TW_OS_UNKNOWN;
    os = os_parse_folded(key, len);
    if (os != TW_OS_UNKNOWN || (mask & (1u << TW_OS_IOS)) == 0)
        return os;
    while (len > 2 && os_strip_suffix(key, &len))
        ;
    if (len == 2 && memcmp(key, "xe", 2) == 0)
        return TW_OS_IOS_XE;
    if (len == 2 && memcmp(key, "xr", 2) == 0)
        return TW_OS_IOS_XR;
    return TW_OS_UNKNOWN;
}

static uint32_t os_bit(tw_os os)
{
    return os == TW_OS_UNKNOWN ? 0 : 1u << os;
}

/* Returns the bits (1u << os) of the OSes name stands for; 0 for none (see
 * version.h).  Pure, thread-safe. */
uint32_t tw_os_mask_parse(tw_str name)
{
    uint32_t mask = os_bit(tw_os_parse(name));
    size_t start = 0, i = 0;

    if (mask != 0)
        return mask;
    while (i <= name.len) {
        size_t skip = 0;
        if (i == name.len || is_sep_char(name.ptr[i]))
            skip = 1;
        else if (is_and_word(name, i))
            skip = 3;
        if (skip == 0) {
            i++;
            continue;
        }
        mask |= os_bit(os_piece(tw_str_make(name.ptr + start, i - start), mask));
        i += skip;
        start = i;
    }
    return mask;
}
