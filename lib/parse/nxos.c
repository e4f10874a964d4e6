/*
 * nxos.c: the Cisco NX-OS configuration parser: the line walk.
 *
 * One pass over the text with memchr, as for IOS.  Each line is
 * classified (banner text, comment or "!Command:" / "!Time:" header,
 * prompt noise, statement); a statement is tokenized once, its secrets are
 * replaced by "<redacted>" with the IOS masks plus the NX-OS forms that
 * IOS lacks (HSRP/VRRP "authentication text K", SNMPv3 user keys without
 * an algorithm), then it is dispatched on its first token (nxos_stmt.c)
 * or handed to the open block (nxos_block.c), and finally every
 * IPv4/IPv6 literal on it becomes an address fact.  Blocks come from
 * indentation: NX-OS indents by two spaces and closes blocks by
 * indentation alone.  Defaults NX-OS implies (SSH on, version 2; CDP on)
 * are facts with line 0 at the end, where the facts whose fields depend on
 * the rest of the configuration are also completed (tw_factset_reopen):
 * AAA servers take the type of a global key, BGP neighbours what their
 * templates give.
 */
#include <string.h>

#include "nxos_int.h"

/* ---- shared helpers ----------------------------------------------------- */

bool tw__nx_host(nx_parser *p, tw_str s, tw_cidr *out)
{
    const char *slash = memchr(s.ptr, '/', s.len);

    if (slash != NULL)
        s.len = (size_t)(slash - s.ptr);
    return tw__ios_addr(&p->io, s, out) && tw_cidr_is_host(out);
}

/* ---- redaction ---------------------------------------------------------- */

static void mark(ios_mask *m, size_t i, size_t ntok)
{
    if (i >= ntok)
        return;
    m->bits[i / 64] |= (uint64_t)1 << (i % 64);
    m->any = true;
}

/* Keywords of "snmp-server user" that are not keys. */
static bool snmp_user_keyword(const ios_parser *p, size_t i)
{
    static const char *const words[] = {
        "auth",         "priv",           "md5",      "sha",  "sha-224",     "sha-256",
        "sha-384",      "sha-512",        "aes-128",  "des",  "3des",        "aes",
        "localizedkey", "localizedv2key", "engineid", "auto", "use-ipv4acl", "use-ipv6acl"};

    for (size_t k = 0; k < sizeof(words) / sizeof(words[0]); k++) {
        if (tw_str_ieq_c(p->tok[i], words[k]))
            return true;
    }
    return false;
}

/* "snmp-server host A use-vrf|filter-vrf|source-interface X" names no
 * community: the IOS mask took the keyword for one. */
static void snmp_host_attr(const ios_parser *p, ios_mask *m)
{
    if (!tw__ios_is(p, 0, "snmp-server") || !tw__ios_is(p, 1, "host") ||
        !(tw__ios_is(p, 3, "use-vrf") || tw__ios_is(p, 3, "filter-vrf") ||
          tw__ios_is(p, 3, "source-interface")))
        return;
    m->bits[0] &= ~((uint64_t)1 << 3);
    m->any = m->rest < p->ntok;
    for (size_t k = 0; k < sizeof(m->bits) / sizeof(m->bits[0]); k++)
        m->any = m->any || m->bits[k] != 0;
}

/* The NX-OS secrets the IOS masks miss: "authentication text K" (HSRP,
 * VRRP) and every non-keyword after "auth" in "snmp-server user" (the
 * NX-OS form "priv K localizedkey" has no algorithm before the key, so
 * the IOS mask would take "localizedkey" for it: keywords are unmarked). */
static void nx_secrets(const ios_parser *p, ios_mask *m)
{
    bool after = false;

    if (tw__ios_is(p, 0, "authentication") && tw__ios_is(p, 1, "text"))
        mark(m, 2, p->ntok);
    snmp_host_attr(p, m);
    if (!tw__ios_is(p, 0, "snmp-server") || !tw__ios_is(p, 1, "user"))
        return;
    for (size_t i = 3; i < p->ntok; i++) {
        after = after || tw__ios_is(p, i, "auth") || tw__ios_is(p, i, "priv");
        if (after && !snmp_user_keyword(p, i) && !tw__ios_is(p, i - 1, "engineid"))
            mark(m, i, p->ntok);
        else if (snmp_user_keyword(p, i))
            m->bits[i / 64] &= ~((uint64_t)1 << (i % 64));
    }
}

/* Replaces the secrets of the statement before any handler sees it; an
 * SNMP community is judged (tw__community_strength) while it is there. */
/* [no] password strength-check */
static bool strength_check(const ios_parser *io)
{
    size_t t = tw__ios_is(io, 0, "no") ? 1 : 0;

    return io->ntok == t + 2 && tw__ios_is(io, t, "password") &&
           tw__ios_is(io, t + 1, "strength-check");
}

static void redact(nx_parser *p)
{
    ios_parser *io = &p->io;
    ios_line l = {.tok = io->tok, .ntok = io->ntok, .block = io->blk.kind};
    ios_mask m;
    bool keywords = false;

    p->community_strength = NULL;
    p->community_fp[0] = '\0';
    if (io->ntok > 2 && tw__ios_is(io, 0, "snmp-server") && tw__ios_is(io, 1, "community")) {
        p->community_strength = tw__community_strength(io->tok[2]);
        tw__community_fingerprint(io->fs->fp_key, io->tok[2], p->community_fp);
    }
    memset(&m, 0, sizeof(m));
    m.rest = io->ntok;
    if (strength_check(io))
        return; /* "password" here names a setting, not a secret */
    if (tw__ios_may_hold_secret(io->tok, io->ntok, &keywords))
        (void)tw__ios_find_secrets(&l, keywords, &m);
    nx_secrets(io, &m);
    if (m.any)
        tw__ios_apply_mask(io, &l, &m);
}

/* ---- address sweep ------------------------------------------------------ */

/* The host of a URL inside token s ("scp://user@A/path", "tftp://A:69/f"),
 * when it is an address: copy commands in scheduler jobs and applets
 * name their servers this way. */
static void url_host(ios_parser *io, tw_str s)
{
    ptrdiff_t at = tw_str_find(s, TW_STR("://"));
    const char *b, *e, *end = s.ptr + s.len;
    tw_cidr c;

    if (at < 0)
        return;
    b = s.ptr + at + 3;
    for (e = b; e < end && *e != '/'; e++) {
        if (*e == '@')
            b = e + 1;
    }
    for (e = b; e < end && *e != '/' && *e != ':' && *e != '"'; e++)
        ;
    if (tw_cidr_parse(tw_str_make(b, (size_t)(e - b)), 0, &c) == TW_OK)
        tw__ios_address_fact(io, &c, tw_str_make(b, (size_t)(e - b)));
}

/* ---- blocks ------------------------------------------------------------- */

static void pop_to(nx_parser *p, int indent)
{
    if (tw__ios_pop(&p->io, indent) && p->io.blk.kind != IOS_BLK_NONE)
        tw__nx_block_close(p);
}

static void statement(nx_parser *p, int indent)
{
    ios_parser *io = &p->io;
    bool neg = tw__ios_is(io, 0, "no");
    size_t t = neg ? 1 : 0;

    if (io->ntok == 1 && (tw__ios_is(io, 0, "exit") || tw__ios_is(io, 0, "end")))
        return;
    io->ctx = io->nstack > 0 ? io->stack[0].text : TW_STR_NULL;
    redact(p);
    if (io->depth == 0)
        tw__nx_top(p, neg, t);
    else if (io->blk.kind != IOS_BLK_NONE)
        tw__nx_block_line(p, neg, t);
    if (io->rc == TW_OK)
        tw__ios_sweep(io, true, url_host);
    if (io->depth == 0 && io->blk.kind == IOS_BLK_NONE)
        tw__ios_block_open(io, IOS_BLK_OTHER, TW_FACT_HOSTNAME, TW_STR_NULL);
    tw__ios_push(io, indent);
}

/* ---- the line walk ------------------------------------------------------ */

typedef struct {
    char delim; /* banner delimiter */
    bool active;
} walk_state;

/* "banner motd D...": the service fact {name: banner}, whose evidence
 * stops before the banner's text. */
static void banner_fact(nx_parser *p)
{
    ios_parser *io = &p->io;

    tw_factset_begin(io->fs, TW_FACT_SERVICE, io->lineno, tw__ios_span(io, 0, 1), TW_STR_NULL);
    tw_factset_str(io->fs, "name", TW_STR("banner"));
    tw_factset_bool(io->fs, "enabled", true);
    tw__ios_end(io);
}

/* "banner motd|exec D text...": banner mode until D appears again. */
static bool banner_start(nx_parser *p, walk_state *w)
{
    ios_parser *io = &p->io;
    tw_str t, after;

    if (!tw__ios_is(io, 0, "banner") || io->ntok < 3)
        return tw__ios_is(io, 0, "banner");
    if (tw__ios_is(io, 1, "motd"))
        banner_fact(p);
    t = io->tok[2];
    w->delim = t.ptr[0];
    after = tw_str_make(t.ptr + 1, (size_t)(io->ev.ptr + io->ev.len - t.ptr) - 1);
    w->active = memchr(after.ptr, w->delim, after.len) == NULL;
    return true;
}

/* Prompts and headers that are not statements: "show running-config",
 * "switch# show run", "Building configuration...". */
static bool is_noise(const ios_parser *io, tw_str s, int indent)
{
    if (indent != 0)
        return false;
    return tw_str_starts_with(s, TW_STR("Building configuration")) || tw__ios_is(io, 0, "show") ||
           tw__cisco_prompt(io->tok, io->ntok);
}

static void one_line(nx_parser *p, walk_state *w, tw_str raw)
{
    ios_parser *io = &p->io;
    tw_str s;
    int indent;

    if (w->active) {
        w->active = memchr(raw.ptr, w->delim, raw.len) == NULL;
        return;
    }
    s = tw__cisco_line(io->fs->arena, raw, true, &indent);
    if (s.len == 0)
        return;
    if (s.ptr[0] == '!' || s.ptr[0] == '#') {
        pop_to(p, indent);
        return;
    }
    io->ev = s;
    tw__ios_tokenize(io, s);
    if (is_noise(io, s, indent)) {
        pop_to(p, 0);
        return;
    }
    pop_to(p, indent);
    if (io->depth == 0 && banner_start(p, w))
        return;
    statement(p, indent);
}

static void walk(nx_parser *p, const char *data, size_t len)
{
    ios_parser *io = &p->io;
    walk_state w;
    cisco_lines it;
    tw_str raw;

    memset(&w, 0, sizeof(w));
    tw__cisco_lines_init(&it, data, len);
    while (io->rc == TW_OK && tw__cisco_lines_next(&it, &raw)) {
        io->lineno++;
        if (raw.len > TW_LIMIT_LINE_LEN && !w.active) {
            tw__ios_warn(io, "line longer than %zu bytes skipped", (size_t)TW_LIMIT_LINE_LEN);
            continue;
        }
        one_line(p, &w, raw);
    }
    pop_to(p, 0);
}

/* ---- AAA server keys ---------------------------------------------------- */

/* A host with a key of its own; a few are enough for any real switch. */
#define NX_AAA_HOSTS 64

typedef struct {
    bool tacacs;
    tw_str target; /* the address or name as written */
    int64_t key;
} aaa_host;

/* A server fact without a key of its own. */
typedef struct aaa_wait {
    size_t fact;
    bool tacacs;
    tw_str target;
    struct aaa_wait *next;
} aaa_wait;

struct nx_aaa {
    aaa_host host[NX_AAA_HOSTS];
    size_t nhost;
    aaa_wait *wait;
};

void tw__nx_aaa_server(nx_parser *p, size_t fact, bool tacacs, tw_str target, int64_t key)
{
    tw_factset *fs = p->io.fs;
    aaa_wait *w;

    if (p->aaa == NULL)
        p->aaa = tw_arena_zalloc(fs->arena, sizeof(*p->aaa));
    if (p->aaa == NULL) {
        p->io.rc = TW_ENOMEM;
        return;
    }
    if (key >= 0) {
        if (p->aaa->nhost < NX_AAA_HOSTS)
            p->aaa->host[p->aaa->nhost++] = (aaa_host){tacacs, target, key};
        return;
    }
    if (fact >= fs->n || fs->v[fact].kind != TW_FACT_AAA_SERVER)
        return;
    w = tw_arena_alloc(fs->arena, sizeof(*w));
    if (w == NULL) {
        p->io.rc = TW_ENOMEM;
        return;
    }
    *w = (aaa_wait){fact, tacacs, target, p->aaa->wait};
    p->aaa->wait = w;
}

/* The key type a server without a key of its own uses: its host's (a
 * group member names a host defined with "tacacs-server host A key ..."),
 * else the global key's; -1 when there is none. */
static int64_t aaa_key(const nx_parser *p, const aaa_wait *w)
{
    for (size_t i = 0; i < p->aaa->nhost; i++) {
        const aaa_host *h = &p->aaa->host[i];
        if (h->tacacs == w->tacacs && tw_str_ieq(h->target, w->target))
            return h->key;
    }
    return p->gkey[w->tacacs ? 0 : 1];
}

/* Gives every server without a key of its own the type of the key it
 * uses, wherever that key was written. */
static void aaa_finish(nx_parser *p)
{
    ios_parser *io = &p->io;

    for (aaa_wait *w = p->aaa != NULL ? p->aaa->wait : NULL; w != NULL && io->rc == TW_OK;
         w = w->next) {
        int64_t key = aaa_key(p, w);
        if (key < 0 || tw_factset_reopen(io->fs, w->fact) != TW_OK)
            continue;
        tw_factset_num(io->fs, "key_type", key);
        tw__ios_end(io);
    }
}

/* ---- the end of the parse ----------------------------------------------- */

static void implied_service(nx_parser *p, const char *name, const char *version)
{
    ios_parser *io = &p->io;

    tw_factset_begin(io->fs, TW_FACT_SERVICE, 0, TW_STR_NULL, TW_STR_NULL);
    tw_factset_str(io->fs, "name", tw_str_c(name));
    tw_factset_bool(io->fs, "enabled", true);
    if (version != NULL)
        tw_factset_str(io->fs, "version", tw_str_c(version));
    tw_factset_bool(io->fs, "implied", true);
    tw__ios_end(io);
}

/* What is learnt at the end: the defaults NX-OS implies (SSH on, version
 * 2 only, unless "no feature ssh"; CDP on unless "no cdp enable"), the
 * keys of AAA servers and what BGP neighbours inherit. */
static void finish(nx_parser *p)
{
    ios_parser *io = &p->io;

    io->lineno = 0;
    io->ev = TW_STR_NULL;
    io->ctx = TW_STR_NULL;
    if (!p->feature_ssh && io->rc == TW_OK)
        implied_service(p, "ssh", "2");
    if (!p->cdp && io->rc == TW_OK)
        implied_service(p, "cdp", NULL);
    if (io->rc == TW_OK)
        aaa_finish(p);
    if (io->rc == TW_OK)
        tw__nx_bgp_finish(p);
}

/* Parses a Cisco NX-OS configuration into fs (see config.h). */
tw_err tw_parse_nxos(const char *file, const char *data, size_t len, tw_factset *fs,
                     tw_diags *diags)
{
    nx_parser *p = tw_arena_zalloc(fs->arena, sizeof(*p));
    tw_err rc = TW_OK;

    if (p == NULL) {
        rc = TW_ENOMEM;
        goto out;
    }
    rc = tw__cisco_check_size(diags, file, len);
    if (rc != TW_OK)
        goto out;
    p->io.file = file;
    p->io.fs = fs;
    p->io.diags = diags;
    p->gkey[0] = p->gkey[1] = -1;
    fs->dialect = TW_DIALECT_NXOS;
    walk(p, data != NULL ? data : "", data != NULL ? len : 0);
    finish(p);
    rc = p->io.rc;
out:
    return rc;
}
