/*
 * ioc_text.c: the text rules of indicators.
 *
 * Every loader and every lookup goes through here: de-fanging ("hxxp",
 * "[.]", "(.)", "[dot]", "[:]", "[://]" ...), the normal form of each
 * indicator type (domains lower-case without a trailing dot, hashes
 * lower-case hex of the right length, URLs with scheme and host lower-case,
 * file names as their last path component), the classification of untyped
 * text (what the text loader and type-less CSV see), the type names, and
 * tw_ioc_literal_whole, which decides whether a scanner's hit is a whole
 * token for its indicator type.  Everything here is pure and thread-safe.
 */
#include <ctype.h>
#include <string.h>

#include "ioc_internal.h"

/* A bounded writer into a TW__IOC_VALUE_MAX buffer. */
struct out {
    char *p;
    size_t n;
    bool ok;
};

static void put(struct out *o, const char *s, size_t n)
{
    if (!o->ok || o->n + n >= TW__IOC_VALUE_MAX) {
        o->ok = false;
        return;
    }
    memcpy(o->p + o->n, s, n);
    o->n += n;
    o->p[o->n] = '\0';
}

/* De-fanging tokens and what they stand for. */
static const struct {
    const char *text;
    const char *repl;
} defang_tokens[] = {
    {"[.]", "."},     {"(.)", "."}, {"{.}", "."}, {"[dot]", "."}, {"(dot)", "."}, {"{dot}", "."},
    {"[://]", "://"}, {"[:]", ":"}, {"[@]", "@"}, {"[at]", "@"},  {"[/]", "/"},
};

/* De-fanged schemes, replaced only at the start and before ':' or '['. */
static const struct {
    const char *text;
    const char *repl;
} defang_schemes[] = {{"hxxps", "https"}, {"hxxp", "http"}, {"fxps", "ftps"}, {"fxp", "ftp"}};

#define NTOKENS (sizeof(defang_tokens) / sizeof(defang_tokens[0]))
#define NSCHEMES (sizeof(defang_schemes) / sizeof(defang_schemes[0]))

/* Length of the de-fanging token at the start of t, its replacement in *repl; 0 if none. */
static size_t token_at(tw_str t, const char **repl)
{
    for (size_t k = 0; k < NTOKENS; k++) {
        tw_str tok = tw_str_c(defang_tokens[k].text);
        if (tw_str_istarts_with(t, tok)) {
            *repl = defang_tokens[k].repl;
            return tok.len;
        }
    }
    return 0;
}

/* Replaces a de-fanged scheme at the start of *t. */
static void undefang_scheme(tw_str *t, struct out *o)
{
    for (size_t k = 0; k < NSCHEMES; k++) {
        tw_str sch = tw_str_c(defang_schemes[k].text);
        if (tw_str_istarts_with(*t, sch) && t->len > sch.len &&
            (t->ptr[sch.len] == ':' || t->ptr[sch.len] == '[')) {
            put(o, defang_schemes[k].repl, strlen(defang_schemes[k].repl));
            *t = tw_str_make(t->ptr + sch.len, t->len - sch.len);
            return;
        }
    }
}

/* Copies t into out with de-fanging undone and brackets around the whole
 * text removed; case is kept.  False when it does not fit. */
static bool undefang(tw_str t, char *out, size_t *outlen)
{
    struct out o = {out, 0, true};
    const char *repl;

    out[0] = '\0';
    t = tw_str_trim(t);
    if (t.len >= 2 && t.ptr[0] == '[' && t.ptr[t.len - 1] == ']' && token_at(t, &repl) == 0)
        t = tw_str_make(t.ptr + 1, t.len - 2);
    undefang_scheme(&t, &o);
    for (size_t i = 0; i < t.len && o.ok;) {
        size_t k = token_at(tw_str_make(t.ptr + i, t.len - i), &repl);
        if (k > 0) {
            put(&o, repl, strlen(repl));
            i += k;
        } else {
            put(&o, t.ptr + i, 1);
            i++;
        }
    }
    *outlen = o.n;
    return o.ok;
}

static void lower(char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        s[i] = (char)tolower((unsigned char)s[i]);
}

static bool all_in(const char *s, size_t n, const char *set)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\0' || strchr(set, s[i]) == NULL)
            return false;
    }
    return true;
}

static size_t count_ch(const char *s, size_t n, char c)
{
    size_t k = 0;

    for (size_t i = 0; i < n; i++)
        k += s[i] == c;
    return k;
}

/* ---- normal forms -------------------------------------------------------- */

/* Checks a lower-cased domain in s[0..*n), dropping one trailing dot:
 * labels of [a-z0-9_-], 1..63 bytes, 253 in all, the last not all digits. */
static bool domain_ok(char *s, size_t *n)
{
    size_t label = 0, last = 0;

    if (*n > 0 && s[*n - 1] == '.')
        s[--*n] = '\0';
    if (*n == 0 || *n > 253 || !all_in(s, *n, "abcdefghijklmnopqrstuvwxyz0123456789-_."))
        return false;
    for (size_t i = 0; i <= *n; i++) {
        if (i < *n && s[i] != '.') {
            label++;
            continue;
        }
        if (label == 0 || label > 63)
            return false;
        last = i - label;
        label = 0;
    }
    return !all_in(s + last, *n - last, "0123456789");
}

/* Normalises a de-fanged URL in place: scheme and authority lower-case. */
static bool url_ok(char *s, size_t n)
{
    const char *sep = strstr(s, "://");
    size_t k, end;

    if (sep == NULL)
        return false;
    k = (size_t)(sep - s);
    if (k < 2 || k > 32 || !isalpha((unsigned char)s[0]) ||
        !all_in(s, k, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+.-"))
        return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c <= 0x20 || c >= 0x7f)
            return false;
    }
    end = k + 3;
    while (end < n && strchr("/?#", s[end]) == NULL)
        end++;
    lower(s, end);
    return end > k + 3;
}

static size_t hash_len(tw_ioc_type t)
{
    switch (t) {
    case TW_IOC_MD5:
        return 32;
    case TW_IOC_SHA1:
        return 40;
    case TW_IOC_SHA256:
        return 64;
    default:
        return 0;
    }
}

/* The last path component of s[0..n) (after '/', '\\' or a device's
 * "bootflash:"), moved to the start of s. */
static bool filename_ok(char *s, size_t *n)
{
    size_t start = 0;

    for (size_t i = 0; i < *n; i++) {
        if (s[i] == '/' || s[i] == '\\' || s[i] == ':')
            start = i + 1;
    }
    memmove(s, s + start, *n - start);
    *n -= start;
    s[*n] = '\0';
    if (*n == 0 || *n > 255 || strcmp(s, ".") == 0 || strcmp(s, "..") == 0)
        return false;
    for (size_t i = 0; i < *n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7f)
            return false;
    }
    return true;
}

/* Writes the normal form of text as type t (not TW_IOC_IP) into out. */
bool tw__ioc_normalize(tw_ioc_type t, tw_str text, char *out)
{
    size_t n;

    if (!undefang(text, out, &n))
        return false;
    switch (t) {
    case TW_IOC_DOMAIN:
        lower(out, n);
        return domain_ok(out, &n);
    case TW_IOC_URL:
        return url_ok(out, n);
    case TW_IOC_MD5:
    case TW_IOC_SHA1:
    case TW_IOC_SHA256:
        lower(out, n);
        return n == hash_len(t) && all_in(out, n, "0123456789abcdef");
    case TW_IOC_FILENAME:
        return filename_ok(out, &n);
    default:
        return false;
    }
}

/* ---- classification ------------------------------------------------------ */

/* Dotted digits (with perhaps a port or a prefix length), or hex groups
 * with at least two colons (and perhaps a zone id): text meant as an address. */
static bool looks_like_addr(const char *s, size_t n)
{
    const char *pct = memchr(s, '%', n);
    size_t n6 = pct != NULL ? (size_t)(pct - s) : n;

    if (n > 0 && isdigit((unsigned char)s[0]) && all_in(s, n, "0123456789./:") &&
        count_ch(s, n, '.') >= 1 && count_ch(s, n, ':') <= 1)
        return true;
    return all_in(s, n6, "0123456789abcdef:./") && count_ch(s, n6, ':') >= 2;
}

/* A lower-cased NUL-terminated name with a dot and an alphabetic top-level
 * label of two letters or more: a domain, when no type says otherwise. */
static bool looks_like_domain(const char *s)
{
    const char *dot = strrchr(s, '.');
    size_t tld;

    if (dot == NULL || dot == s)
        return false;
    tld = strlen(dot + 1);
    return tld >= 2 && all_in(dot + 1, tld, "abcdefghijklmnopqrstuvwxyz");
}

/* An e-mail address or a SHA-512: indicators no type covers. */
static bool looks_like_other(const char *s, size_t n)
{
    const char *at = memchr(s, '@', n);

    if (n == 128 && all_in(s, n, "0123456789abcdef"))
        return true;
    return at != NULL && at != s && count_ch(s, n, '@') == 1 && looks_like_domain(at + 1);
}

/* Classifies a hex run by its length. */
static bool classify_hash(const char *s, size_t n, tw__ioc_cand *c)
{
    static const tw_ioc_type types[] = {TW_IOC_MD5, TW_IOC_SHA1, TW_IOC_SHA256};

    if (!all_in(s, n, "0123456789abcdef"))
        return false;
    for (size_t k = 0; k < 3; k++) {
        if (n == hash_len(types[k])) {
            c->kind = TW__IOC_TEXT_TYPED;
            c->type = types[k];
            memcpy(c->value, s, n + 1);
            return true;
        }
    }
    return false;
}

/* "filename:X" or "file:X" (not a file:// URL): the rest, else the empty view. */
static tw_str filename_prefix(tw_str text)
{
    static const char *const prefixes[] = {"filename:", "file:"};

    if (tw_str_istarts_with(text, TW_STR("file://")))
        return TW_STR_NULL;
    for (size_t k = 0; k < 2; k++) {
        tw_str p = tw_str_c(prefixes[k]);
        if (tw_str_istarts_with(text, p))
            return tw_str_trim(tw_str_make(text.ptr + p.len, text.len - p.len));
    }
    return TW_STR_NULL;
}

/* Classifies what de-fanged, lower-cased text is, when it is no address. */
static void classify_rest(const char *raw, char *low, size_t n, tw__ioc_cand *c)
{
    size_t dn = n;

    if (looks_like_addr(low, n)) {
        c->kind = TW__IOC_TEXT_BADADDR;
    } else if (strstr(low, "://") != NULL) {
        tw__ioc_classify_as(TW_IOC_URL, tw_str_c(raw), c);
    } else if (!classify_hash(low, n, c)) {
        if (dn > 1 && low[dn - 1] == '.')
            low[--dn] = '\0'; /* a fully qualified name */
        if (looks_like_domain(low) && domain_ok(low, &dn)) {
            c->kind = TW__IOC_TEXT_TYPED;
            c->type = TW_IOC_DOMAIN;
            memcpy(c->value, low, dn + 1);
        } else if (looks_like_other(low, dn)) {
            c->kind = TW__IOC_TEXT_OTHER;
        }
    }
}

/* Classifies one untyped indicator text. */
void tw__ioc_classify(tw_str text, tw__ioc_cand *c)
{
    char raw[TW__IOC_VALUE_MAX], low[TW__IOC_VALUE_MAX];
    tw_str fname = filename_prefix(text);
    size_t n;

    c->kind = TW__IOC_TEXT_NONE;
    c->value[0] = '\0';
    if (text.len == 0)
        return;
    if (fname.len > 0) {
        tw__ioc_classify_as(TW_IOC_FILENAME, fname, c);
        return;
    }
    if (tw_cidr_parse(text, TW_IP_DEFANG, &c->cidr) == TW_OK) {
        c->kind = TW__IOC_TEXT_ADDR;
        c->type = TW_IOC_IP;
        return;
    }
    if (!undefang(text, raw, &n))
        return;
    memcpy(low, raw, n + 1);
    lower(low, n);
    classify_rest(raw, low, n, c);
}

/* Classifies text declared as type t. */
void tw__ioc_classify_as(tw_ioc_type t, tw_str text, tw__ioc_cand *c)
{
    c->type = t;
    c->value[0] = '\0';
    if (t == TW_IOC_IP) {
        bool ok = tw_cidr_parse(tw_str_trim(text), TW_IP_DEFANG, &c->cidr) == TW_OK;
        c->kind = ok ? TW__IOC_TEXT_ADDR : TW__IOC_TEXT_BADADDR;
        return;
    }
    c->kind = tw__ioc_normalize(t, text, c->value) ? TW__IOC_TEXT_TYPED : TW__IOC_TEXT_BAD;
}

/* ---- type names ---------------------------------------------------------- */

/* A static lower-case name for a type; "unknown" out of range. */
const char *tw_ioc_type_name(tw_ioc_type t)
{
    static const char *const names[] = {"ip", "domain", "url", "md5", "sha1", "sha256", "filename"};

    if ((unsigned)t >= sizeof(names) / sizeof(names[0]))
        return "unknown";
    return names[t];
}

/* Type names of CSV type columns, MISP attributes and STIX. */
static const struct {
    const char *name;
    tw_ioc_type type;
} type_names[] = {
    {"ip", TW_IOC_IP},
    {"ip-src", TW_IOC_IP},
    {"ip-dst", TW_IOC_IP},
    {"ipv4", TW_IOC_IP},
    {"ipv6", TW_IOC_IP},
    {"ipv4-addr", TW_IOC_IP},
    {"ipv6-addr", TW_IOC_IP},
    {"address", TW_IOC_IP},
    {"cidr", TW_IOC_IP},
    {"domain", TW_IOC_DOMAIN},
    {"hostname", TW_IOC_DOMAIN},
    {"domain-name", TW_IOC_DOMAIN},
    {"fqdn", TW_IOC_DOMAIN},
    {"url", TW_IOC_URL},
    {"uri", TW_IOC_URL},
    {"md5", TW_IOC_MD5},
    {"sha1", TW_IOC_SHA1},
    {"sha-1", TW_IOC_SHA1},
    {"sha256", TW_IOC_SHA256},
    {"sha-256", TW_IOC_SHA256},
    {"filename", TW_IOC_FILENAME},
    {"file", TW_IOC_FILENAME},
    {"file-name", TW_IOC_FILENAME},
};

/* Maps a type name (case-insensitive) to a type. */
bool tw__ioc_type_from_name(tw_str name, tw_ioc_type *t)
{
    name = tw_str_trim(name);
    for (size_t k = 0; k < sizeof(type_names) / sizeof(type_names[0]); k++) {
        if (tw_str_ieq_c(name, type_names[k].name)) {
            *t = type_names[k].type;
            return true;
        }
    }
    return false;
}

/* ---- literal boundaries -------------------------------------------------- */

static bool is_alnum(char c)
{
    return isalnum((unsigned char)c) != 0;
}

static bool is_word(char c)
{
    return is_alnum(c) || c == '_';
}

static bool is_label(char c)
{
    return is_alnum(c) || c == '-';
}

static bool is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static bool is_hex(char c)
{
    return isxdigit((unsigned char)c) != 0;
}

/* grep -w, and no "digit." before nor ".digit" after. */
static bool ipv4_whole(const char *t, size_t len, size_t start, size_t end)
{
    if (start > 0 && is_word(t[start - 1]))
        return false;
    if (end < len && is_word(t[end]))
        return false;
    if (start >= 2 && t[start - 1] == '.' && is_digit(t[start - 2]))
        return false;
    return !(end + 1 < len && t[end] == '.' && is_digit(t[end + 1]));
}

/* Not touching [0-9A-Za-z:.], except a '.' after that ends a sentence. */
static bool ipv6_whole(const char *t, size_t len, size_t start, size_t end)
{
    if (start > 0 && (is_alnum(t[start - 1]) || t[start - 1] == ':' || t[start - 1] == '.'))
        return false;
    if (end < len && (is_alnum(t[end]) || t[end] == ':'))
        return false;
    return !(end + 1 < len && t[end] == '.' && is_alnum(t[end + 1]));
}

/* Starts at a label boundary ('.' before is a subdomain), ends at one. */
static bool domain_whole(const char *t, size_t len, size_t start, size_t end)
{
    if (start > 0 && is_label(t[start - 1]))
        return false;
    if (end < len && is_label(t[end]))
        return false;
    return !(end + 1 < len && t[end] == '.' && is_label(t[end + 1]));
}

static bool hash_whole(const char *t, size_t len, size_t start, size_t end)
{
    return !(start > 0 && is_hex(t[start - 1])) && !(end < len && is_hex(t[end]));
}

static bool filename_whole(const char *t, size_t len, size_t start, size_t end)
{
    if (start > 0 && strchr("/\\: \t\r\n\"'=(", t[start - 1]) == NULL)
        return false;
    return end >= len || strchr(" \t\r\n\"'),;:", t[end]) != NULL;
}

/* Characters that continue a URL after a hit ('.' only before another one). */
static bool is_url_char(char c)
{
    return c != '\0' && (is_alnum(c) || strchr("-_~/?#%&=+@:!$*", c) != NULL);
}

static bool url_whole(const char *t, size_t len, size_t start, size_t end)
{
    char b = start > 0 ? t[start - 1] : ' ';

    if (is_alnum(b) || b == '+' || b == '-' || b == '.')
        return false;
    if (end < len && is_url_char(t[end]))
        return false;
    return !(end + 1 < len && t[end] == '.' && is_url_char(t[end + 1]));
}

/* True when text[start, end) is a whole token for the literal's type; see
 * docs/indicators.md for the exact character sets.  Pure, thread-safe. */
bool tw_ioc_literal_whole(const tw_ioc_literal *lit, const char *text, size_t len, size_t start,
                          size_t end)
{
    if (lit == NULL || lit->ioc == NULL || text == NULL || start >= end || end > len)
        return false;
    switch (lit->ioc->type) {
    case TW_IOC_IP:
        if (lit->ioc->cidr.addr.family == 4)
            return ipv4_whole(text, len, start, end);
        return ipv6_whole(text, len, start, end);
    case TW_IOC_DOMAIN:
        return domain_whole(text, len, start, end);
    case TW_IOC_URL:
        return url_whole(text, len, start, end);
    case TW_IOC_MD5:
    case TW_IOC_SHA1:
    case TW_IOC_SHA256:
        return hash_whole(text, len, start, end);
    case TW_IOC_FILENAME:
        return filename_whole(text, len, start, end);
    default:
        return false;
    }
}
