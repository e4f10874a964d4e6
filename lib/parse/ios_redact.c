/*
 * ios_redact.c: secret redaction of one IOS-style command line, for log and
 * accounting records (a command a user ran, the evidence of an event).
 *
 * TEMPORARY implementation, written for the log parsers until the IOS
 * parser's own redaction moves here.  It handles the main cases: a secret
 * announced by "password", "secret", "key", "key-string", "community",
 * "*-password", "server-key", "authentication-key" or "pre-shared-key",
 * with an optional "level N" and an optional one-digit type before the
 * secret; "key-string" and the "key" of "tacacs-server" / "radius-server"
 * take the rest of the line.  A trailing TACACS+ "<cr>" is kept.
 */
#include <string.h>

#include "tidewatch/config.h"
#include "tidewatch/limits.h"

#define REDACTED "<redacted>"
#define MAXTOK TW_LIMIT_TOKENS_PER_LINE

typedef struct {
    tw_str tok[MAXTOK];
    size_t ntok;
    size_t rest; /* tokens from here on (but a final "<cr>") are secret */
    uint8_t secret[MAXTOK];
    bool any;
} redactor;

static bool is_sp(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

static void tokenize(redactor *r, tw_str s)
{
    const char *c = s.ptr, *end = s.ptr + s.len;

    r->ntok = 0;
    while (r->ntok < MAXTOK) {
        const char *b;
        while (c < end && is_sp(*c))
            c++;
        if (c == end)
            break;
        b = c;
        while (c < end && !is_sp(*c))
            c++;
        r->tok[r->ntok++] = tw_str_make(b, (size_t)(c - b));
    }
}

static bool is(const redactor *r, size_t i, const char *word)
{
    return i < r->ntok && tw_str_ieq_c(r->tok[i], word);
}

/* A token of digits only. */
static bool digits(tw_str t)
{
    for (size_t i = 0; i < t.len; i++) {
        if (t.ptr[i] < '0' || t.ptr[i] > '9')
            return false;
    }
    return t.len > 0;
}

/* "[level N] [T] S" after a keyword at i: the index of S. */
static size_t secret_after(const redactor *r, size_t i)
{
    size_t j = i + 1;

    if (is(r, j, "level") && j + 2 < r->ntok)
        j += 2;
    if (j + 1 < r->ntok && r->tok[j].len == 1 && digits(r->tok[j]) && !is(r, j + 1, "<cr>"))
        j++;
    return j;
}

static void mark(redactor *r, size_t i)
{
    if (i < r->ntok && !is(r, i, "<cr>")) {
        r->secret[i] = 1;
        r->any = true;
    }
}

static void mark_rest(redactor *r, size_t i)
{
    if (i < r->ntok && i < r->rest && !is(r, i, "<cr>")) {
        r->rest = i;
        r->any = true;
    }
}

/* "key" announces a secret unless it names something else ("key chain",
 * "crypto key generate"). */
static bool key_is_secret(const redactor *r, size_t i)
{
    static const char *const not_secret[] = {"chain", "generate", "zeroize", "config-key",
                                             "import", "export", "storage", "pubkey-chain",
                                             "rsa", "ec", "exchange", "encryption", "label"};

    if (i > 0 && (is(r, i - 1, "crypto") || is(r, i - 1, "trusted")))
        return false;
    for (size_t k = 0; k < sizeof(not_secret) / sizeof(not_secret[0]); k++) {
        if (is(r, i + 1, not_secret[k]))
            return false;
    }
    return i + 1 < r->ntok;
}

static bool ends_with_c(tw_str s, const char *suf)
{
    size_t n = strlen(suf);

    return s.len > n && tw_str_ieq(tw_str_make(s.ptr + s.len - n, n), tw_str_make(suf, n));
}

static void mask(redactor *r)
{
    bool rest_key = is(r, 0, "tacacs-server") || is(r, 0, "radius-server") ||
                    is(r, 0, "server-private") || is(r, 0, "key");

    for (size_t i = 0; i < r->ntok; i++) {
        tw_str t = r->tok[i];
        if (is(r, i, "password") || is(r, i, "secret") || ends_with_c(t, "-password") ||
            ends_with_c(t, "-password-value") ||
            is(r, i, "server-key") || is(r, i, "authentication-key") || is(r, i, "pre-shared-key"))
            mark(r, secret_after(r, i));
        else if (is(r, i, "key-string"))
            mark_rest(r, secret_after(r, i));
        else if (is(r, i, "community"))
            mark(r, i + 1);
        else if (is(r, i, "key") && key_is_secret(r, i) && rest_key)
            mark_rest(r, secret_after(r, i));
        else if (is(r, i, "key") && key_is_secret(r, i))
            mark(r, secret_after(r, i));
    }
}

static bool is_secret(const redactor *r, size_t i)
{
    if (is(r, i, "<cr>") && i + 1 == r->ntok)
        return false;
    return i >= r->rest || r->secret[i];
}

/* Writes line into out with the marked tokens replaced. */
static tw_err rewrite(const redactor *r, tw_str line, tw_buf *out)
{
    const char *src = line.ptr;
    tw_err rc = TW_OK;

    for (size_t i = 0; i < r->ntok && rc == TW_OK; i++) {
        bool secret = is_secret(r, i);
        bool joined = secret && i > r->rest && is_secret(r, i - 1);
        if (joined) {
            src = r->tok[i].ptr + r->tok[i].len;
            continue;
        }
        rc = tw_buf_add(out, src, (size_t)(r->tok[i].ptr - src));
        if (rc == TW_OK)
            rc = secret ? tw_buf_adds(out, REDACTED) : tw_buf_addstr(out, r->tok[i]);
        src = r->tok[i].ptr + r->tok[i].len;
    }
    if (rc == TW_OK)
        rc = tw_buf_add(out, src, (size_t)(line.ptr + line.len - src));
    return rc;
}

/* Rewrites line with its secrets replaced by <redacted> into out (reset
 * first); true when something was replaced.  When memory runs out, out is
 * left empty and true is returned, so that no secret leaks. */
bool tw_ios_redact(tw_str line, tw_buf *out)
{
    redactor r;

    tw_buf_reset(out);
    tokenize(&r, line);
    r.rest = r.ntok;
    r.any = false;
    memset(r.secret, 0, r.ntok);
    mask(&r);
    if (!r.any)
        return tw_buf_addstr(out, line) != TW_OK;
    if (rewrite(&r, line, out) != TW_OK) {
        tw_buf_reset(out);
        return true;
    }
    return true;
}
