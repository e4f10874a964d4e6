/*
 * version.c: vendor release grammars and their order (version.h).
 *
 * Each OS has one small recursive-descent grammar over a scanner that never
 * reads past (ptr, len).  A grammar fills the train (numbers written without
 * leading zeros, so "03.16.07S" and "3.16.7S" share "3.16S") and the key
 * (the ordered parts of a release inside its train), and must consume the
 * whole text: anything it does not know is TW_EPARSE, never a guess.  The
 * grammars, keys and order rules are documented in docs/versions.md.
 */
#include "tidewatch/version.h"

#include <stdio.h>
#include <string.h>

/* Digits of one number; more is an error (keys are int32_t). */
#define NUM_DIGITS_MAX 9
/* Upper-case letters of one train name ("SE", "SXJ", "SW"). */
#define TRAIN_LETTERS_MAX 4

/* PAN-OS release kinds, in their order: -b < -c < release < -h. */
enum { PAN_BETA = 0, PAN_CANDIDATE = 1, PAN_RELEASE = 2, PAN_HOTFIX = 3 };

typedef struct {
    const char *p;
    size_t len;
    size_t pos;
} scan;

/* ---- scanner ---------------------------------------------------------- */

static bool sc_end(const scan *s)
{
    return s->pos >= s->len;
}

static int sc_peek(const scan *s)
{
    return sc_end(s) ? -1 : (unsigned char)s->p[s->pos];
}

/* Consumes c when it is next. */
static bool sc_char(scan *s, char c)
{
    if (sc_peek(s) != (unsigned char)c)
        return false;
    s->pos++;
    return true;
}

/* Consumes c or its upper-case form when next (c is lower case). */
static bool sc_ichar(scan *s, char c)
{
    return sc_char(s, c) || sc_char(s, (char)(c - 'a' + 'A'));
}

static bool is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static bool is_upper(int c)
{
    return c >= 'A' && c <= 'Z';
}

static bool is_lower(int c)
{
    return c >= 'a' && c <= 'z';
}

/* Consumes a decimal number of 1 to NUM_DIGITS_MAX digits. */
static bool sc_num(scan *s, int32_t *out)
{
    int32_t v = 0;
    size_t n = 0;

    while (is_digit(sc_peek(s))) {
        n++;
        if (n > NUM_DIGITS_MAX)
            return false;
        v = v * 10 + (sc_peek(s) - '0');
        s->pos++;
    }
    *out = v;
    return n > 0;
}

/* Consumes one lower-case letter and returns 1 ('a') to 26, or 0. */
static int32_t sc_lower(scan *s)
{
    int c = sc_peek(s);

    if (!is_lower(c))
        return 0;
    s->pos++;
    return c - 'a' + 1;
}

/* Consumes 1 to max upper-case letters into buf (capacity max + 1). */
static bool sc_upper(scan *s, char *buf, size_t max)
{
    size_t n = 0;

    while (is_upper(sc_peek(s))) {
        if (n >= max)
            return false;
        buf[n++] = (char)sc_peek(s);
        s->pos++;
    }
    buf[n] = '\0';
    return n > 0;
}

static void sc_spaces(scan *s)
{
    while (sc_peek(s) == ' ' || sc_peek(s) == '\t')
        s->pos++;
}

/* Consumes the word w (lower case) in any case. */
static bool sc_iword(scan *s, const char *w)
{
    size_t save = s->pos;

    for (; *w != '\0'; w++) {
        if (!sc_ichar(s, *w)) {
            s->pos = save;
            return false;
        }
    }
    return true;
}

/* ---- result building -------------------------------------------------- */

/* Appends text to the train; false when it would not fit. */
static bool train_add(tw_version *v, const char *text)
{
    size_t have = strlen(v->train), add = strlen(text);

    if (have + add >= sizeof(v->train))
        return false;
    memcpy(v->train + have, text, add + 1);
    return true;
}

static bool train_num(tw_version *v, int32_t n)
{
    char buf[16];

    (void)snprintf(buf, sizeof(buf), "%d", (int)n);
    return train_add(v, buf);
}

static bool key_add(tw_version *v, int32_t part)
{
    if (v->nkey >= TW_VERSION_KEY)
        return false;
    v->key[v->nkey++] = part;
    return true;
}

/* Consumes "maj.min" and writes it to the train. */
static bool train_majmin(scan *s, tw_version *v)
{
    int32_t maj, min;

    if (!sc_num(s, &maj) || !sc_char(s, '.') || !sc_num(s, &min))
        return false;
    return train_num(v, maj) && train_add(v, ".") && train_num(v, min);
}

/* ---- grammars --------------------------------------------------------- */

/* Cisco IOS: maj.min(maint[a])[TRAIN[rebuild[a]]]. */
static bool parse_ios(scan *s, tw_version *v)
{
    int32_t maint, rebuild = 0, mletter, tletter = 0;
    char train[TRAIN_LETTERS_MAX + 1];

    if (!train_majmin(s, v) || !sc_char(s, '(') || !sc_num(s, &maint))
        return false;
    mletter = sc_lower(s);
    if (!sc_char(s, ')'))
        return false;
    if (!key_add(v, maint) || !key_add(v, mletter))
        return false;
    if (sc_end(s))
        return true; /* mainline: "12.4(25)" */
    if (!sc_upper(s, train, TRAIN_LETTERS_MAX) || !train_add(v, train))
        return false;
    if (is_digit(sc_peek(s))) {
        if (!sc_num(s, &rebuild))
            return false;
        tletter = sc_lower(s);
    }
    return sc_end(s) && key_add(v, rebuild) && key_add(v, tletter);
}

/* IOS XE: maj.min.maint[a][[.]TRAIN] ("3.16.7S", "17.9.4a", "17.11.99SW");
 * show version prints the 3.x trains with a dot ("03.16.07b.S"). */
static bool parse_ios_xe(scan *s, tw_version *v)
{
    int32_t maint, letter;
    char train[TRAIN_LETTERS_MAX + 1];

    if (!train_majmin(s, v) || !sc_char(s, '.') || !sc_num(s, &maint))
        return false;
    letter = sc_lower(s);
    if (s->pos + 1 < s->len && s->p[s->pos] == '.' && is_upper(s->p[s->pos + 1]))
        s->pos++;
    if (!sc_end(s) && (!sc_upper(s, train, TRAIN_LETTERS_MAX) || !train_add(v, train)))
        return false;
    return sc_end(s) && key_add(v, maint) && key_add(v, letter);
}

/* IOS XR: maj.min.maint[.build[L]] ("7.3.2", "6.1.4.10I"). */
static bool parse_ios_xr(scan *s, tw_version *v)
{
    int32_t maint, build;

    if (!train_majmin(s, v) || !sc_char(s, '.') || !sc_num(s, &maint) || !key_add(v, maint))
        return false;
    if (sc_end(s))
        return true;
    if (!sc_char(s, '.') || !sc_num(s, &build) || !key_add(v, build))
        return false;
    if (is_upper(sc_peek(s))) {
        if (!key_add(v, sc_peek(s) - 'A' + 1))
            return false;
        s->pos++;
    }
    return sc_end(s);
}

/* NX-OS: maj.min(maint[a]) or maj.min(maint)TRAINn(rel[a]). */
static bool parse_nx_os(scan *s, tw_version *v)
{
    int32_t maint, rel, ptrain, letter;
    char train[TRAIN_LETTERS_MAX + 1];

    if (!train_majmin(s, v) || !sc_char(s, '(') || !sc_num(s, &maint))
        return false;
    letter = sc_lower(s);
    if (!sc_char(s, ')'))
        return false;
    if (sc_end(s))
        return key_add(v, maint) && key_add(v, letter);
    if (letter != 0 || !sc_upper(s, train, 2) || !sc_num(s, &ptrain))
        return false;
    if (!train_add(v, "(") || !train_num(v, maint) || !train_add(v, ")") || !train_add(v, train) ||
        !train_num(v, ptrain))
        return false;
    if (!sc_char(s, '(') || !sc_num(s, &rel))
        return false;
    letter = sc_lower(s);
    return sc_char(s, ')') && sc_end(s) && key_add(v, rel) && key_add(v, letter);
}

/* ASA: maj.min(maint)[build] or the dotted maj.min.maint[.build]. */
static bool parse_asa(scan *s, tw_version *v)
{
    int32_t maint, build;
    bool paren;

    if (!train_majmin(s, v))
        return false;
    paren = sc_char(s, '(');
    if (!paren && !sc_char(s, '.'))
        return false;
    if (!sc_num(s, &maint) || (paren && !sc_char(s, ')')) || !key_add(v, maint))
        return false;
    if (sc_end(s))
        return true;
    if (!paren && !sc_char(s, '.'))
        return false;
    return sc_num(s, &build) && sc_end(s) && key_add(v, build);
}

/* PAN-OS: maj.min.maint[-hN|-cN|-bN]. */
static bool parse_pan_os(scan *s, tw_version *v)
{
    int32_t maint, n = 0, kind = PAN_RELEASE;

    if (!train_majmin(s, v) || !sc_char(s, '.') || !sc_num(s, &maint))
        return false;
    if (sc_char(s, '-')) {
        if (sc_ichar(s, 'h'))
            kind = PAN_HOTFIX;
        else if (sc_ichar(s, 'c'))
            kind = PAN_CANDIDATE;
        else if (sc_ichar(s, 'b'))
            kind = PAN_BETA;
        else
            return false;
        if (!sc_num(s, &n))
            return false;
    }
    v->nbranch = 1;
    return sc_end(s) && key_add(v, maint) && key_add(v, kind) && key_add(v, n);
}

/* Ivanti's build trailer: " (build 1337)", " build 1337" or nothing. */
static bool ivanti_trailer(scan *s)
{
    int32_t build;
    bool paren;

    sc_spaces(s);
    if (sc_end(s))
        return true;
    paren = sc_char(s, '(');
    if (!sc_iword(s, "build"))
        return false;
    sc_spaces(s);
    if (!sc_num(s, &build) || (paren && !sc_char(s, ')')))
        return false;
    return sc_end(s);
}

/* Ivanti Connect / Policy Secure: maj.minRrel[.patch] [build]. */
static bool parse_ivanti(scan *s, tw_version *v)
{
    int32_t rel, patch = 0;

    if (!train_majmin(s, v) || !sc_ichar(s, 'r') || !sc_num(s, &rel))
        return false;
    if (sc_char(s, '.') && !sc_num(s, &patch))
        return false;
    v->nbranch = 1;
    return ivanti_trailer(s) && key_add(v, rel) && key_add(v, patch);
}

/* Junos X trains: maj.minXnn-Dsvc[.respin]; the train keeps "Xnn". */
static bool parse_junos_x(scan *s, tw_version *v)
{
    int32_t xtrain, svc, respin;

    if (!sc_num(s, &xtrain) || !train_add(v, "X") || !train_num(v, xtrain))
        return false;
    if (!sc_char(s, '-') || !sc_char(s, 'D') || !sc_num(s, &svc) || !key_add(v, svc))
        return false;
    if (sc_char(s, '.') && (!sc_num(s, &respin) || !key_add(v, respin)))
        return false;
    return true;
}

/* Junos R/F/B/I trains: maj.minLrel[-Ssvc][.respin]. */
static bool parse_junos_r(scan *s, tw_version *v, char type)
{
    char tl[2] = {type, '\0'};
    int32_t rel, svc = 0, respin;
    bool has_svc;

    if (!train_add(v, tl) || !sc_num(s, &rel) || !key_add(v, rel))
        return false;
    has_svc = sc_peek(s) == '-' && s->pos + 1 < s->len && s->p[s->pos + 1] == 'S';
    if (has_svc && (!sc_char(s, '-') || !sc_char(s, 'S') || !sc_num(s, &svc)))
        return false;
    if (sc_char(s, '.')) {
        if (!sc_num(s, &respin) || !key_add(v, svc) || !key_add(v, respin))
            return false;
    } else if (has_svc && !key_add(v, svc)) {
        return false;
    }
    v->nbranch = 1;
    return true;
}

/* Junos: maj.min then an R/F/B/I or X train, and an optional "-EVO". */
static bool parse_junos(scan *s, tw_version *v)
{
    int type;
    bool ok;

    if (!train_majmin(s, v))
        return false;
    type = sc_peek(s);
    if (type < 0)
        return false;
    s->pos++;
    if (type == 'X')
        ok = parse_junos_x(s, v);
    else if (type == 'R' || type == 'F' || type == 'B' || type == 'I')
        ok = parse_junos_r(s, v, (char)type);
    else
        ok = false;
    if (ok && sc_iword(s, "-evo"))
        ok = train_add(v, "-EVO");
    return ok && sc_end(s);
}

/* FortiOS's trailer: [,| ]build1517[,230606] [(GA.F)] or nothing. */
static bool fortios_trailer(scan *s)
{
    int32_t n;

    if (sc_end(s))
        return true;
    (void)sc_char(s, ',');
    sc_spaces(s);
    if (!sc_iword(s, "build"))
        return false;
    sc_spaces(s);
    if (!sc_num(s, &n) || (sc_char(s, ',') && !sc_num(s, &n)))
        return false;
    sc_spaces(s);
    if (!sc_char(s, '('))
        return sc_end(s);
    while (is_upper(sc_peek(s)) || is_lower(sc_peek(s)) || is_digit(sc_peek(s)) ||
           sc_peek(s) == '.' || sc_peek(s) == ' ')
        s->pos++;
    return sc_char(s, ')') && sc_end(s);
}

/* FortiOS: [v]maj.min.maint and a build trailer. */
static bool parse_fortios(scan *s, tw_version *v)
{
    int32_t maint;

    (void)sc_ichar(s, 'v');
    if (!train_majmin(s, v) || !sc_char(s, '.') || !sc_num(s, &maint))
        return false;
    return fortios_trailer(s) && key_add(v, maint);
}

/* Arista EOS: maj.min.maint[.sub][F|M]. */
static bool parse_eos(scan *s, tw_version *v)
{
    int32_t maint, sub;

    if (!train_majmin(s, v) || !sc_char(s, '.') || !sc_num(s, &maint) || !key_add(v, maint))
        return false;
    if (sc_char(s, '.') && (!sc_num(s, &sub) || !key_add(v, sub)))
        return false;
    if (!sc_char(s, 'F'))
        (void)sc_char(s, 'M');
    return sc_end(s);
}

typedef bool (*grammar_fn)(scan *s, tw_version *v);

static grammar_fn grammar_of(tw_os os)
{
    switch (os) {
    case TW_OS_IOS:
        return parse_ios;
    case TW_OS_IOS_XE:
        return parse_ios_xe;
    case TW_OS_IOS_XR:
        return parse_ios_xr;
    case TW_OS_NX_OS:
        return parse_nx_os;
    case TW_OS_ASA:
        return parse_asa;
    case TW_OS_PAN_OS:
        return parse_pan_os;
    case TW_OS_IVANTI_ICS:
    case TW_OS_IVANTI_IPS:
        return parse_ivanti;
    case TW_OS_JUNOS:
        return parse_junos;
    case TW_OS_FORTIOS:
        return parse_fortios;
    case TW_OS_EOS:
        return parse_eos;
    default:
        return NULL;
    }
}

/* A train alone: "maj.min" ("v7.2" for FortiOS), nothing after it. */
static bool parse_train_only(tw_os os, scan s, tw_version *v)
{
    if (os == TW_OS_FORTIOS)
        (void)sc_ichar(&s, 'v');
    if (!train_majmin(&s, v) || !sc_end(&s))
        return false;
    v->train_only = true;
    return true;
}

/* Clears everything a grammar may have written. */
static void version_clear(tw_version *v)
{
    memset(v->train, 0, sizeof(v->train));
    memset(v->key, 0, sizeof(v->key));
    v->nkey = 0;
    v->nbranch = 0;
    v->train_only = false;
}

/* Parses text as a version of os (see version.h).  Returns TW_OK,
 * TW_EPARSE (then *out holds only os and text) or TW_EINVAL.  Pure,
 * thread-safe. */
tw_err tw_version_parse(tw_os os, tw_str text, tw_version *out)
{
    grammar_fn grammar;
    scan s;
    tw_err rc = TW_OK;

    if (out == NULL || (text.ptr == NULL && text.len > 0))
        return TW_EINVAL;
    memset(out, 0, sizeof(*out));
    out->os = os;
    grammar = (unsigned)os < (unsigned)TW__OS_COUNT ? grammar_of(os) : NULL;
    if (grammar == NULL) {
        rc = TW_EINVAL;
        goto out;
    }
    text = tw_str_trim(text);
    (void)tw_str_to_c(text, out->text, sizeof(out->text));
    s = (scan){text.ptr, text.len, 0};
    if (text.len == 0 || text.len >= sizeof(out->text)) {
        rc = TW_EPARSE;
        goto out;
    }
    if (parse_train_only(os, s, out))
        goto out;
    version_clear(out);
    if (!grammar(&s, out)) {
        version_clear(out);
        rc = TW_EPARSE;
    }
out:
    return rc;
}

/* Orders a relative to b; TW_VCMP_INCOMPARABLE unless both are releases of
 * one os and train.  Pure, thread-safe. */
tw_vcmp tw_version_cmp(const tw_version *a, const tw_version *b)
{
    if (!tw_version_same_train(a, b) || a->train_only || b->train_only)
        return TW_VCMP_INCOMPARABLE;
    for (size_t i = 0; i < TW_VERSION_KEY; i++) {
        bool ha = i < a->nkey, hb = i < b->nkey;
        if (!ha || !hb) {
            if (ha == hb)
                return TW_VCMP_EQ;
            return ha ? TW_VCMP_GT : TW_VCMP_LT;
        }
        if (a->key[i] != b->key[i])
            return a->key[i] < b->key[i] ? TW_VCMP_LT : TW_VCMP_GT;
    }
    return TW_VCMP_EQ;
}

/* True when a and b are releases of one os and train whose first
 * b->nbranch key parts are equal.  Pure, thread-safe. */
bool tw_version_same_branch(const tw_version *a, const tw_version *b)
{
    size_t n;

    if (!tw_version_same_train(a, b) || a->train_only || b->train_only)
        return false;
    n = b->nbranch;
    if (n > a->nkey || n > b->nkey)
        return false;
    return n == 0 || memcmp(a->key, b->key, n * sizeof(a->key[0])) == 0;
}

/* True when a and b are of one os and train, train_only sides included;
 * false for a version that did not parse.  Pure, thread-safe. */
bool tw_version_same_train(const tw_version *a, const tw_version *b)
{
    if (a == NULL || b == NULL || a->os != b->os || a->os == TW_OS_UNKNOWN)
        return false;
    if (a->train[0] == '\0')
        return false;
    return strncmp(a->train, b->train, sizeof(a->train)) == 0;
}
