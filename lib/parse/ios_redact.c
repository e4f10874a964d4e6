/*
 * ios_redact.c: the secrets of one IOS statement, for the IOS parser
 * (every statement of a configuration, before any handler sees it) and
 * for tw_ios_redact (a command a user ran, the evidence of a log or
 * accounting record).
 *
 * A secret is announced by a keyword ("password", "secret", "key",
 * "key-string", "*-password", "server-key", "authentication-key",
 * "message-digest-key", "pre-shared-key"), with an optional "level N" and
 * a one-digit type before it, or sits at a known place of "snmp-server"
 * and first-hop redundancy ("standby", "vrrp", "glbp", "ip nhrp")
 * statements.  "key-string" and the "key" of AAA servers take the rest of
 * the line.  A logged command is read as a top-level statement of unknown
 * mode, with a few rules more: a "key" of any statement that does not
 * name something else ("key chain", "crypto key generate"), a
 * "*-password-value", and the word after "community" anywhere (Junos, or a
 * whole record that quotes the command).
 */
#include <string.h>

#include "ios_int.h"

/* "[level N] [T] S" after a password keyword at i: the index of S. */
static size_t secret_after(const ios_line *l, size_t i)
{
    size_t j = i + 1;

    if (tw__ios_line_is(l, j, "level") && j + 2 < l->ntok)
        j += 2;
    if (j + 1 < l->ntok && tw__ios_digits(l->tok[j]) && l->tok[j].len == 1)
        j++;
    return j;
}

static bool ends_with_c(tw_str s, const char *suf)
{
    size_t n = strlen(suf);

    return s.len >= n && tw_str_ieq(tw_str_make(s.ptr + s.len - n, n), tw_str_make(suf, n));
}

/* The keywords of a logged command that the configuration rules leave out. */
static void mask_command_keyword(const ios_line *l, ios_mask *m, size_t i)
{
    if (ends_with_c(l->tok[i], "-password-value"))
        tw__ios_mask_token(l, m, secret_after(l, i));
    else if (tw__ios_line_is(l, i, "community"))
        tw__ios_mask_token(l, m, i + 1);
}

/* Secrets announced by a keyword anywhere on the line. */
static void mask_keywords(const ios_line *l, ios_mask *m)
{
    bool ntp = tw__ios_line_is(l, 0, "ntp");

    for (size_t i = 0; i < l->ntok; i++) {
        tw_str t = l->tok[i];
        if (tw__ios_line_is(l, i, "password") || tw__ios_line_is(l, i, "secret") ||
            ends_with_c(t, "-password") || tw__ios_line_is(l, i, "server-key"))
            tw__ios_mask_token(l, m, secret_after(l, i));
        else if (tw__ios_line_is(l, i, "key-string"))
            tw__ios_mask_rest(l, m, secret_after(l, i));
        else if (tw__ios_line_is(l, i, "authentication-key") && ntp)
            tw__ios_mask_token(l, m, i + 3);
        else if (tw__ios_line_is(l, i, "authentication-key"))
            tw__ios_mask_token(l, m, secret_after(l, i));
        else if (tw__ios_line_is(l, i, "message-digest-key") && tw__ios_line_is(l, i + 2, "md5"))
            tw__ios_mask_token(l, m, secret_after(l, i + 2));
        else if (tw__ios_line_is(l, i, "pre-shared-key") && !tw__ios_line_is(l, i + 1, "address") &&
                 !tw__ios_line_is(l, i + 1, "hostname"))
            tw__ios_mask_token(l, m,
                               secret_after(l, i + ((tw__ios_line_is(l, i + 1, "local") ||
                                                     tw__ios_line_is(l, i + 1, "remote"))
                                                        ? 1
                                                        : 0)));
        else if (l->command)
            mask_command_keyword(l, m, i);
    }
}

/* In a logged command, "key" announces a secret unless it names something
 * else ("key chain", "crypto key generate"). */
static bool command_key_is_secret(const ios_line *l, size_t i)
{
    static const char *const not_secret[] = {
        "chain",        "generate", "zeroize", "config-key", "import",     "export", "storage",
        "pubkey-chain", "rsa",      "ec",      "exchange",   "encryption", "label"};

    if (i > 0 && (tw__ios_line_is(l, i - 1, "crypto") || tw__ios_line_is(l, i - 1, "trusted")))
        return false;
    for (size_t k = 0; k < sizeof(not_secret) / sizeof(not_secret[0]); k++) {
        if (tw_str_ieq_c(l->tok[i + 1], not_secret[k]))
            return false;
    }
    return true;
}

/* "key [T] K" on lines where key takes the rest of the line. */
static void mask_key(const ios_line *l, ios_mask *m)
{
    bool rest_form =
        tw__ios_line_is(l, 0, "tacacs-server") || tw__ios_line_is(l, 0, "radius-server") ||
        tw__ios_line_is(l, 0, "server-private") ||
        (tw__ios_line_is(l, 0, "key") && (l->command || l->block == IOS_BLK_AAASRV ||
                                          l->block == IOS_BLK_AAAGRP || l->block == IOS_BLK_OTHER));
    bool one_form = (tw__ios_line_is(l, 0, "crypto") && tw__ios_line_is(l, 1, "isakmp")) ||
                    tw__ios_line_is(l, 0, "pre-shared-key");

    if (tw__ios_line_is(l, 0, "key") && l->block == IOS_BLK_KEYCHAIN)
        return;
    for (size_t i = 0; i < l->ntok; i++) {
        if (!tw__ios_line_is(l, i, "key") || i + 1 >= l->ntok ||
            (l->command && !command_key_is_secret(l, i)))
            continue;
        if (rest_form)
            tw__ios_mask_rest(l, m, secret_after(l, i));
        else if (one_form && tw__ios_digits(l->tok[i + 1]) && i + 2 < l->ntok &&
                 !tw__ios_line_is(l, i + 2, "address") && !tw__ios_line_is(l, i + 2, "hostname"))
            tw__ios_mask_token(l, m, i + 2);
        else if (one_form)
            tw__ios_mask_token(l, m, i + 1);
        else if (l->command)
            tw__ios_mask_token(l, m, secret_after(l, i));
    }
}

/* Index of the community in "snmp-server host A [vrf V] [informs|traps]
 * [version V [auth|noauth|priv]] S". */
static size_t snmp_host_community(const ios_line *l)
{
    size_t i = 3;

    if (tw__ios_line_is(l, i, "vrf"))
        i += 2;
    if (tw__ios_line_is(l, i, "informs") || tw__ios_line_is(l, i, "traps"))
        i++;
    if (tw__ios_line_is(l, i, "version")) {
        i += 2;
        if (tw__ios_line_is(l, i, "auth") || tw__ios_line_is(l, i, "noauth") ||
            tw__ios_line_is(l, i, "priv"))
            i++;
    }
    return i;
}

/* The secret after "auth" or "priv" at token i: after the algorithm, or
 * after its key size ("auth sha-2 256 K", "priv aes 128 K"). */
static size_t snmp_user_secret(const ios_line *l, size_t i)
{
    static const char *const sizes[] = {"128", "192", "224", "256", "384", "512"};

    if (i + 3 >= l->ntok ||
        !(tw__ios_line_is(l, i + 1, "aes") || tw__ios_line_is(l, i + 1, "sha-2")))
        return i + 2;
    for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
        if (tw__ios_line_is(l, i + 2, sizes[k]))
            return i + 3;
    }
    return i + 2;
}

/* True when token i is an algorithm IOS writes after "auth" or "priv";
 * anything else there is a secret written without one (the NX-OS form
 * "priv K"). */
static bool snmp_user_algorithm(const ios_line *l, size_t i)
{
    static const char *const words[] = {"md5", "sha", "sha-2", "des", "3des", "aes", "des56"};

    for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
        if (tw__ios_line_is(l, i, words[k]))
            return true;
    }
    return false;
}

static void mask_snmp(const ios_line *l, ios_mask *m)
{
    size_t i;

    if (!tw__ios_line_is(l, 0, "snmp-server"))
        return;
    if (tw__ios_line_is(l, 1, "community"))
        tw__ios_mask_token(l, m, 2);
    else if (tw__ios_line_is(l, 1, "host"))
        tw__ios_mask_token(l, m, snmp_host_community(l));
    else if (tw__ios_line_is(l, 1, "user")) {
        for (i = 4; i < l->ntok; i++) {
            if (!tw__ios_line_is(l, i, "auth") && !tw__ios_line_is(l, i, "priv"))
                continue;
            tw__ios_mask_token(l, m, snmp_user_secret(l, i));
            if (!snmp_user_algorithm(l, i + 1))
                tw__ios_mask_token(l, m, i + 1);
        }
    }
}

static void mask_fhrp(const ios_line *l, ios_mask *m)
{
    bool fhrp = tw__ios_line_is(l, 0, "standby") || tw__ios_line_is(l, 0, "vrrp") ||
                tw__ios_line_is(l, 0, "glbp") ||
                (tw__ios_line_is(l, 0, "ip") && tw__ios_line_is(l, 1, "nhrp"));

    if (!fhrp)
        return;
    for (size_t i = 1; i + 1 < l->ntok; i++) {
        if (tw__ios_line_is(l, i, "authentication") &&
            !tw__ios_line_is(l, l->ntok - 2, "key-chain"))
            tw__ios_mask_token(l, m, l->ntok - 1);
    }
}

/* Marks the secrets of l in m (see ios_int.h).  The work is done on local
 * copies, which the compiler knows nothing else can write. */
bool tw__ios_find_secrets(const ios_line *l, bool keywords, ios_mask *m)
{
    ios_line c = *l;
    ios_mask k;

    memset(&k, 0, sizeof(k));
    k.rest = c.ntok;
    if (keywords || c.command) {
        mask_keywords(&c, &k);
        mask_key(&c, &k);
    }
    mask_snmp(&c, &k);
    mask_fhrp(&c, &k);
    *m = k;
    return k.any;
}

/* Writes text with the secrets of m replaced (see ios_int.h). */
size_t tw__ios_redact_write(const ios_line *l, const ios_mask *m, tw_str text, size_t keep, char *d)
{
    const char *src = text.ptr, *end = text.ptr + text.len;
    size_t n = 0;

    for (size_t i = 0; i < l->ntok && i <= m->rest; i++) {
        bool secret = i == m->rest || (m->bits[i / 64] >> (i % 64) & 1);
        tw_str t = secret ? TW_STR(TW__IOS_REDACTED) : l->tok[i];
        size_t gap = (size_t)(l->tok[i].ptr - src);

        memcpy(d + n, src, gap);
        memcpy(d + n + gap, t.ptr, t.len);
        n += gap + t.len;
        src = l->tok[i].ptr + l->tok[i].len;
    }
    if (m->rest < l->ntok)
        src = end - keep;
    memcpy(d + n, src, (size_t)(end - src));
    n += (size_t)(end - src);
    d[n] = '\0';
    return n;
}

static bool blank(const char *c, const char *end)
{
    while (c < end && (*c == ' ' || (*c >= '\t' && *c <= '\r')))
        c++;
    return c == end;
}

/* A final TACACS+ "<cr>" is no secret: it leaves the tokens of l.  Returns
 * the bytes of line after its last remaining token, which stay after a
 * secret that takes the rest of the line (" <cr>", white space); none when
 * the line has more tokens than were split off. */
static size_t kept_tail(ios_line *l, tw_str line)
{
    const char *end = line.ptr + line.len;
    const tw_str *last;

    if (l->ntok == 0 || !blank(l->tok[l->ntok - 1].ptr + l->tok[l->ntok - 1].len, end))
        return 0;
    if (tw__ios_line_is(l, l->ntok - 1, "<cr>"))
        l->ntok--;
    if (l->ntok == 0)
        return 0;
    last = &l->tok[l->ntok - 1];
    return (size_t)(end - (last->ptr + last->len));
}

/* Rewrites line with its secrets replaced by <redacted> into out (reset
 * first), reading it as a top-level statement; true when something was
 * replaced.  When memory runs out, out is left empty and true is
 * returned, so that no secret leaks.  Thread-safe (out belongs to the
 * caller). */
bool tw_ios_redact(tw_str line, tw_buf *out)
{
    tw_str tok[IOS_MAXTOK];
    ios_line l = {.tok = tok, .block = IOS_BLK_NONE, .command = true};
    ios_mask m;
    size_t keep;

    tw_buf_reset(out);
    l.ntok = tw__ios_split(line, tok);
    keep = kept_tail(&l, line);
    if (!tw__ios_find_secrets(&l, true, &m))
        return tw_buf_addstr(out, line) != TW_OK;
    if (tw_buf_grow(out, tw__ios_redact_cap(&l, line.len)) != TW_OK)
        return true;
    out->len = tw__ios_redact_write(&l, &m, line, keep, out->ptr);
    return true;
}

/* The classes of character in b[0, n): lower, upper, digit, other. */
static int hex_value(char c)
{
    return c >= '0' && c <= '9'   ? c - '0'
           : c >= 'a' && c <= 'f' ? c - 'a' + 10
           : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                  : -1;
}

/* Decodes a type 7 text (two decimal digits of offset, then hex pairs
 * XORed with Cisco's fixed key) into out; its length, or 0 when the text
 * is not one. */
static size_t decode_type7(tw_str s, unsigned char *out, size_t cap)
{
    static const char key[] = "dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87";
    size_t n = 0;
    int seed;

    if (s.len < 4 || s.len % 2 != 0 || s.len / 2 > cap || hex_value(s.ptr[0]) < 0 ||
        hex_value(s.ptr[0]) > 9 || hex_value(s.ptr[1]) < 0 || hex_value(s.ptr[1]) > 9)
        return 0;
    seed = (s.ptr[0] - '0') * 10 + (s.ptr[1] - '0');
    if (seed > 52)
        return 0;
    for (size_t i = 2; i + 1 < s.len; i += 2, n++) {
        int hi = hex_value(s.ptr[i]), lo = hex_value(s.ptr[i + 1]);

        if (hi < 0 || lo < 0)
            return 0;
        out[n] = (unsigned char)((hi << 4 | lo) ^ key[(size_t)(seed + (int)n) % (sizeof(key) - 1)]);
    }
    return n;
}

const char *tw__ios_secret_strength(tw_str type, tw_str secret)
{
    unsigned char plain[128];
    size_t n;
    const char *verdict;

    if (tw_str_eq_c(type, "7"))
        n = decode_type7(secret, plain, sizeof(plain));
    else if (type.len == 0 || tw_str_eq_c(type, "0"))
        n = secret.len < sizeof(plain) ? secret.len : 0;
    else
        return NULL;
    if (n == 0)
        return NULL;
    if (type.len == 0 || tw_str_eq_c(type, "0"))
        memcpy(plain, secret.ptr, n);
    verdict = n < 12 || tw__secret_char_classes(plain, n) < 3 ? "weak" : "ok";
    memset(plain, 0, sizeof(plain)); /* judged, and forgotten */
    return verdict;
}
