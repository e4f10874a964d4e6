/*
 * iosxr_redact.c: the secrets of one IOS XR statement.
 *
 * Every statement passes here before any handler reads it, so no secret
 * can reach a field or the evidence.  A secret is announced by a keyword:
 * "secret" and "password" (and "*-password"), then an optional algorithm
 * ("hmac-md5", "text", "md5") and type ("5", "10", "encrypted", "clear"); "key" on TACACS+/RADIUS
 * lines and in their blocks, and "key-string", which take the rest of the line; "authentication-key
 * N md5 [T] K", "message-digest-key N md5 [T] K", "pre-shared-key"; any word after "encrypted"; and
 * the SNMP community of "snmp-server community" (judged weak or ok first), of "snmp-server host"
 * (after the optional traps/informs, version and encrypted words) and the auth and priv keys of
 * "snmp-server user".  "password inheritance-disable" (BGP) holds no secret.  The statement is
 * rewritten with each secret replaced by "<redacted>" and tokenized again.
 */
#include <string.h>

#include "iosxr_int.h"

#define IS(i, w) tw__xr_is(p, (i), (w))

typedef struct {
    uint64_t bits[XR_MAXTOK / 64];
    size_t rest; /* from here on one secret; ntok when none */
    size_t first;
    const char *form;
} xr_mask;

static void mark(const xr_parser *p, xr_mask *m, size_t i, const char *form)
{
    if (i >= p->ntok || i == 0)
        return;
    m->bits[i / 64] |= (uint64_t)1 << (i % 64);
    if (i < m->first) {
        m->first = i;
        m->form = form;
    }
}

static bool marked(const xr_mask *m, size_t i)
{
    return (m->bits[i / 64] >> (i % 64)) & 1;
}

/* Index of the secret after an announcer at i: an optional type first. */
static size_t after_type(const xr_parser *p, size_t i)
{
    size_t j = i + 1;
    tw_str t;

    if (j + 1 < p->ntok && (IS(j, "hmac-md5") || IS(j, "text") || IS(j, "md5")))
        j++;
    t = tw__xr_tok(p, j);
    if (j + 1 < p->ntok &&
        ((t.len <= 2 && tw__xr_digits(t)) || IS(j, "encrypted") || IS(j, "clear")))
        j++;
    return j;
}

static void mark_rest(const xr_parser *p, xr_mask *m, size_t i, const char *form)
{
    if (i >= p->ntok)
        return;
    mark(p, m, i, form);
    if (i < m->rest)
        m->rest = i;
}

/* True when "key" announces a secret on this line. */
static bool key_is_secret(const xr_parser *p, size_t i)
{
    xr_blk_kind k = p->blk.kind;

    if (IS(0, "tacacs-server") || IS(0, "radius-server") || IS(0, "server-private"))
        return true;
    return i == 0 && p->depth > 0 && (k == XR_BLK_AAAHOST || k == XR_BLK_AAAGRP);
}

static void mask_keyword(const xr_parser *p, xr_mask *m, size_t i)
{
    tw_str t = p->tok[i];

    if (IS(i + 1, "inheritance-disable"))
        return; /* BGP "password inheritance-disable": no secret */
    if (IS(i, "secret"))
        mark(p, m, after_type(p, i), "secret");
    else if (IS(i, "password") ||
             (t.len > 9 && tw_str_ieq_c(tw_str_make(t.ptr + t.len - 9, 9), "-password")))
        mark(p, m, after_type(p, i), "password");
    else if (IS(i, "key") && key_is_secret(p, i))
        mark_rest(p, m, after_type(p, i), "key");
    else if (IS(i, "key-string"))
        mark_rest(p, m, after_type(p, i + IS(i + 1, "password")), "key");
    else if ((IS(i, "authentication-key") || IS(i, "message-digest-key")) && IS(i + 2, "md5"))
        mark(p, m, after_type(p, i + 2), "key");
    else if (IS(i, "authentication-key"))
        mark(p, m, after_type(p, i), "key");
    else if (IS(i, "pre-shared-key"))
        mark(p, m, after_type(p, i + (IS(i + 1, "local") || IS(i + 1, "remote"))), "key");
    else if (IS(i, "encrypted") && i + 1 < p->ntok)
        mark(p, m, i + 1, "key");
}

/* snmp-server host A [traps|informs] [version V [auth|noauth|priv]]
 * [encrypted|clear] COMMUNITY ...; h is the index of "host". */
static void mask_snmp_host(const xr_parser *p, xr_mask *m, size_t h)
{
    size_t j = h + 2;

    if (IS(j, "traps") || IS(j, "informs"))
        j++;
    if (IS(j, "version")) {
        j += 2;
        if (IS(j, "auth") || IS(j, "noauth") || IS(j, "priv"))
            j++;
    }
    if (IS(j, "encrypted") || IS(j, "clear"))
        j++;
    if (j < p->ntok && !IS(j, "udp-port"))
        mark(p, m, j, NULL);
}

/* snmp-server user U G v3 auth md5|sha [T] K priv des|aes [N] [T] K */
static void mask_snmp_user(const xr_parser *p, xr_mask *m)
{
    for (size_t i = 4; i < p->ntok; i++) {
        size_t j = i + 2;
        if (IS(i, "priv") && j < p->ntok && tw__xr_digits(p->tok[j]))
            j++;
        if (!IS(i, "auth") && !IS(i, "priv"))
            continue;
        if (IS(j, "encrypted") || IS(j, "clear"))
            j++;
        mark(p, m, j, NULL);
    }
}

/* snmp-server community [clear|encrypted] S ...: the community, judged
 * (tw__community_strength) while it is still there, unless encrypted. */
static void mask_community(xr_parser *p, xr_mask *m)
{
    size_t j = 2 + (IS(2, "clear") || IS(2, "encrypted"));

    if (j >= p->ntok)
        return;
    mark(p, m, j, NULL);
    if (!IS(2, "encrypted"))
        p->strength = tw__community_strength(p->tok[j]);
    tw__community_fingerprint(p->fs->fp_key, p->tok[j], p->fingerprint);
}

static void mask_snmp(xr_parser *p, xr_mask *m)
{
    bool snmp = IS(0, "snmp-server");
    bool vrf_host = p->blk.kind == XR_BLK_SNMPVRF && p->depth > 0 && IS(0, "host");

    if (snmp && IS(1, "community"))
        mask_community(p, m);
    else if (snmp && IS(1, "host"))
        mask_snmp_host(p, m, 1);
    else if (vrf_host)
        mask_snmp_host(p, m, 0);
    else if (snmp && IS(1, "user"))
        mask_snmp_user(p, m);
}

/* Writes the statement with the secrets of m replaced. */
static tw_str rewrite(xr_parser *p, const xr_mask *m)
{
    size_t cap = p->ev.len + (p->ntok + 1) * sizeof(XR_REDACTED);
    char *d = tw_arena_alloc(p->fs->arena, cap);
    const char *prev = p->ev.ptr;
    size_t n = 0;

    if (d == NULL)
        return TW_STR(XR_REDACTED);
    for (size_t i = 0; i < p->ntok; i++) {
        size_t gap = (size_t)(p->tok[i].ptr - prev);
        memcpy(d + n, prev, gap);
        n += gap;
        if (marked(m, i) || i >= m->rest) {
            memcpy(d + n, XR_REDACTED, sizeof(XR_REDACTED) - 1);
            n += sizeof(XR_REDACTED) - 1;
        } else {
            memcpy(d + n, p->tok[i].ptr, p->tok[i].len);
            n += p->tok[i].len;
        }
        prev = p->tok[i].ptr + p->tok[i].len;
        if (i >= m->rest)
            break;
    }
    d[n] = '\0';
    return tw_str_make(d, n);
}

void tw__xr_redact(xr_parser *p)
{
    xr_mask m;
    tw_str rest, t;

    memset(&m, 0, sizeof(m));
    m.rest = m.first = p->ntok;
    p->secret_at = 0;
    p->secret_form = NULL;
    p->strength = NULL;
    p->fingerprint[0] = '\0';
    for (size_t i = 0; i < p->ntok; i++)
        mask_keyword(p, &m, i);
    mask_snmp(p, &m);
    if (m.first == p->ntok)
        return;
    p->ev = rewrite(p, &m);
    rest = p->ev;
    p->ntok = 0;
    while (p->ntok < XR_MAXTOK) {
        t = tw_str_token(&rest);
        if (t.len == 0)
            break;
        p->tok[p->ntok++] = t;
    }
    if (m.form != NULL && m.first < p->ntok) {
        p->secret_at = m.first;
        p->secret_form = m.form;
    }
}
