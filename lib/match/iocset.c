/*
 * iocset.c: the indicator set, its whole-address and text lookups, and the
 * scanner's literals.
 *
 * Indicators of every type live in one array; their strings are copied
 * into an arena.  One open-addressing hash table is keyed by (type,
 * family, prefix length, masked address) for addresses and by (type,
 * normalised value) for the text types; while the set is built it finds
 * duplicates.  tw_iocset_finish sorts the array (addresses first, in
 * address order, then the text types by type and value), rebuilds the
 * table over it and lists the literals.  An address is probed once per
 * prefix length present in the set, longest first (a host indicator is
 * simply the longest length); a domain once per parent domain, longest
 * first, so that suffix matching never degenerates into substring search.
 * The sorted array answers the range question of tw_iocset_match_cidr
 * ("which indicator does this /24 hold?") by binary search.
 * IPv4-mapped IPv6 addresses and prefixes are folded to IPv4 on the way in
 * and on lookup, so both spellings meet.  A bitmap of the IPv4 /16s that
 * any indicator touches, built at finish, answers most IPv4 lookups (the
 * addresses of a configuration are rarely indicators) without probing.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ioc_internal.h"
#include "tidewatch/arena.h"
#include "tidewatch/limits.h"

/* Words of the IPv4 /16 presence bitmap (65,536 bits). */
#define V4_WORDS 1024

/* String fields of tw_ioc that are copied (value is computed). */
enum { F_COUNTRY, F_ASN, F_DATE, F_DESCRIPTION, F_SOURCE, F_COUNT };

struct tw_iocset {
    tw_arena *arena; /* every string of every indicator */
    tw_ioc *v;       /* the indicators; sorted after finish */
    size_t n, cap;
    size_t nip;           /* after finish: v[0..nip) are the address indicators */
    tw_ioc_literal *lits; /* after finish: the scanner's literals */
    size_t nlits;
    bool has_prefix; /* a non-host address indicator exists */
    uint32_t *slots; /* open addressing: index into v plus one, 0 empty */
    size_t nslots;   /* a power of two, at least twice n */
    bool finished;
    bool has_plen[2][129]; /* [family 4 / 6][plen] */
    uint8_t order[2][129]; /* prefix lengths present, longest first */
    size_t norder[2];
    const char *last[F_COUNT]; /* last copy of each field, reused when equal */
    uint64_t v4_16[V4_WORDS];  /* after finish: bit a.b set when an IPv4
                                  indicator holds or lies in a.b.0.0/16 */
};

static unsigned fam_index(uint8_t family)
{
    return family == 4 ? 0 : 1;
}

static unsigned fam_bits(uint8_t family)
{
    return family == 4 ? 32 : 128;
}

/* Clears the bits of ip past plen, and every byte an IPv4 address leaves unused. */
static void mask_ip(tw_ip *ip, unsigned plen)
{
    unsigned nbytes = ip->family == 4 ? 4 : 16;

    for (unsigned i = 0; i < 16; i++) {
        unsigned lo = i * 8;
        if (i >= nbytes || lo >= plen)
            ip->bytes[i] = 0;
        else if (plen - lo < 8)
            ip->bytes[i] &= (uint8_t)(0xff00u >> (plen - lo));
    }
}

/* Folds an IPv4-mapped IPv6 prefix (::ffff:a.b.c.d/96 and longer) to IPv4. */
static void fold_mapped(tw_cidr *c)
{
    static const uint8_t mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

    if (c->addr.family != 6 || c->plen < 96 || memcmp(c->addr.bytes, mapped, 12) != 0)
        return;
    memmove(c->addr.bytes, c->addr.bytes + 12, 4);
    memset(c->addr.bytes + 4, 0, 12);
    c->addr.family = 4;
    c->plen = (uint8_t)(c->plen - 96);
}

/* Makes the canonical form of c (folded, masked); false when c is not a
 * valid prefix. */
static bool canon(const tw_cidr *c, tw_cidr *out)
{
    if (c->addr.family != 4 && c->addr.family != 6)
        return false;
    if (c->plen > fam_bits(c->addr.family))
        return false;
    *out = *c;
    fold_mapped(out);
    mask_ip(&out->addr, out->plen);
    return true;
}

static uint64_t mix64(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ULL;
    h ^= h >> 33;
    return h;
}

static uint64_t cidr_hash(const tw_cidr *c)
{
    uint64_t a, b;

    memcpy(&a, c->addr.bytes, 8);
    memcpy(&b, c->addr.bytes + 8, 8);
    return mix64(a ^ mix64(b ^ ((uint64_t)c->addr.family << 8 | c->plen)));
}

/* FNV-1a over the value, mixed with the type. */
static uint64_t text_hash(tw_ioc_type t, const char *v)
{
    uint64_t h = 0xcbf29ce484222325ULL;

    for (; *v != '\0'; v++)
        h = (h ^ (unsigned char)*v) * 0x100000001b3ULL;
    return mix64(h ^ ((uint64_t)t << 56));
}

/* The key of an indicator: its type with its prefix or its value. */
static uint64_t key_hash(const tw_ioc *k)
{
    return k->type == TW_IOC_IP ? cidr_hash(&k->cidr) : text_hash(k->type, k->value);
}

static bool key_eq(const tw_ioc *a, const tw_ioc *b)
{
    if (a->type != b->type)
        return false;
    if (a->type != TW_IOC_IP)
        return strcmp(a->value, b->value) == 0;
    return a->cidr.addr.family == b->cidr.addr.family && a->cidr.plen == b->cidr.plen &&
           memcmp(a->cidr.addr.bytes, b->cidr.addr.bytes, 16) == 0;
}

/* Returns the index of the indicator with canonical key k plus one, or 0. */
static uint32_t table_find(const tw_iocset *s, const tw_ioc *k)
{
    size_t mask = s->nslots - 1;

    if (s->nslots == 0)
        return 0;
    for (size_t i = key_hash(k) & mask;; i = (i + 1) & mask) {
        uint32_t slot = s->slots[i];
        if (slot == 0 || key_eq(&s->v[slot - 1], k))
            return slot;
    }
}

/* Puts index idx in the table (which has room and does not hold its key). */
static void table_put(tw_iocset *s, size_t idx)
{
    size_t mask = s->nslots - 1;
    size_t i = key_hash(&s->v[idx]) & mask;

    while (s->slots[i] != 0)
        i = (i + 1) & mask;
    s->slots[i] = (uint32_t)(idx + 1);
}

/* Rebuilds the table with nslots slots over v[0..n). */
static tw_err table_rebuild(tw_iocset *s, size_t nslots)
{
    uint32_t *slots = calloc(nslots, sizeof(*slots));

    if (slots == NULL)
        return TW_ENOMEM;
    free(s->slots);
    s->slots = slots;
    s->nslots = nslots;
    for (size_t i = 0; i < s->n; i++)
        table_put(s, i);
    return TW_OK;
}

/* Makes room for one more indicator in the array and the table. */
static tw_err reserve_one(tw_iocset *s)
{
    tw_err rc = TW_OK;

    if (s->n >= TW_LIMIT_IOCS)
        return TW_ELIMIT;
    if (s->n == s->cap) {
        size_t ncap = s->cap == 0 ? 64 : s->cap * 2;
        tw_ioc *v = realloc(s->v, ncap * sizeof(*v));
        if (v == NULL)
            return TW_ENOMEM;
        s->v = v;
        s->cap = ncap;
    }
    if ((s->n + 1) * 2 > s->nslots)
        rc = table_rebuild(s, s->nslots == 0 ? 128 : s->nslots * 2);
    return rc;
}

/* Returns a new empty set, or NULL on ENOMEM.  The set belongs to one thread
 * until tw_iocset_finish; after that it is immutable and may be shared. */
tw_iocset *tw_iocset_new(void)
{
    tw_iocset *s = calloc(1, sizeof(*s));

    if (s == NULL)
        return NULL;
    s->arena = tw_arena_new(TW_LIMIT_ARENA);
    if (s->arena == NULL) {
        free(s);
        return NULL;
    }
    return s;
}

/* Frees the set and every indicator in it; NULL is accepted. */
void tw_iocset_free(tw_iocset *s)
{
    if (s == NULL)
        return;
    tw_arena_free(s->arena);
    free(s->lits);
    free(s->v);
    free(s->slots);
    free(s);
}

/* Copies a metadata string (NULL or empty gives NULL), reusing the previous
 * copy of the same field when equal; *ok turns false when the arena is full. */
static const char *keep(tw_iocset *s, int field, const char *src, bool *ok)
{
    size_t len;
    const char *copy;

    if (src == NULL || src[0] == '\0')
        return NULL;
    len = strnlen(src, TW_LIMIT_TEXT_FIELD);
    if (s->last[field] != NULL && strncmp(s->last[field], src, len) == 0 &&
        s->last[field][len] == '\0')
        return s->last[field];
    copy = tw_arena_strndup(s->arena, src, len);
    if (copy == NULL)
        *ok = false;
    else
        s->last[field] = copy;
    return copy;
}

/* Fills e from its key and meta with copies of its strings; TW_ELIMIT when
 * the arena is full. */
static tw_err fill_entry(tw_iocset *s, tw_ioc *e, const tw_ioc *key, const tw_ioc *meta)
{
    char text[TW_IP_STRLEN];
    bool ok = true;

    e->type = key->type;
    e->cidr = key->cidr;
    if (key->type == TW_IOC_IP) {
        tw_cidr_format(&key->cidr, text, sizeof(text));
        e->value = tw_arena_strdup(s->arena, text);
    } else {
        e->value = tw_arena_strdup(s->arena, key->value);
    }
    e->country = keep(s, F_COUNTRY, meta->country, &ok);
    e->asn = keep(s, F_ASN, meta->asn, &ok);
    e->date = keep(s, F_DATE, meta->date, &ok);
    e->description = keep(s, F_DESCRIPTION, meta->description, &ok);
    e->source = keep(s, F_SOURCE, meta->source, &ok);
    return ok && e->value != NULL ? TW_OK : TW_ELIMIT;
}

/* Makes the key of meta: its canonical prefix, or its normalised value in
 * buf (TW__IOC_VALUE_MAX bytes).  False when meta is not a valid indicator. */
static bool make_key(const tw_ioc *meta, tw_ioc *key, char *buf)
{
    memset(key, 0, sizeof(*key));
    key->type = meta->type;
    if (meta->type == TW_IOC_IP)
        return canon(&meta->cidr, &key->cidr);
    if ((unsigned)meta->type > TW_IOC_FILENAME || meta->value == NULL ||
        !tw__ioc_normalize(meta->type, tw_str_c(meta->value), buf))
        return false;
    key->value = buf;
    return true;
}

/* Adds meta; *dup tells whether its key was already present. */
static tw_err add_entry(tw_iocset *s, const tw_ioc *meta, bool *dup)
{
    char buf[TW__IOC_VALUE_MAX];
    tw_ioc key;
    tw_err rc;

    *dup = false;
    if (s->finished || meta == NULL || !make_key(meta, &key, buf))
        return TW_EINVAL;
    if (table_find(s, &key) != 0) {
        *dup = true;
        return TW_OK;
    }
    rc = reserve_one(s);
    if (rc != TW_OK)
        return rc;
    rc = fill_entry(s, &s->v[s->n], &key, meta);
    if (rc != TW_OK)
        return rc;
    table_put(s, s->n);
    s->n++;
    if (key.type == TW_IOC_IP)
        s->has_plen[fam_index(key.cidr.addr.family)][key.cidr.plen] = true;
    return TW_OK;
}

/* Adds one indicator: meta's strings are copied.  For TW_IOC_IP the value
 * is computed from the prefix (host bits cleared, v4-mapped folded); for the
 * other types meta->value is de-fanged and normalised.  A duplicate keeps
 * the first entry's metadata and returns TW_OK.  TW_EINVAL for a bad prefix
 * or value or a finished set, TW_ELIMIT past TW_LIMIT_IOCS, TW_ENOMEM. */
tw_err tw_iocset_add(tw_iocset *s, const tw_ioc *meta)
{
    bool dup;

    return add_entry(s, meta, &dup);
}

/* Adds meta and counts it in st (which may be NULL). */
tw_err tw__iocset_put(tw_iocset *s, const tw_ioc *meta, tw_ioc_load_stats *st)
{
    bool dup;
    tw_err rc = add_entry(s, meta, &dup);

    if (rc == TW_OK && st != NULL) {
        if (dup)
            st->duplicates++;
        else
            st->added++;
    }
    return rc;
}

/* Address order: family, address bytes, then the shorter prefix first. */
static int cidr_cmp(const tw_cidr *a, const tw_cidr *b)
{
    int d;

    if (a->addr.family != b->addr.family)
        return a->addr.family < b->addr.family ? -1 : 1;
    d = memcmp(a->addr.bytes, b->addr.bytes, 16);
    if (d != 0)
        return d;
    return (int)a->plen - (int)b->plen;
}

/* Addresses first in address order, then by type and value. */
static int ioc_cmp(const void *pa, const void *pb)
{
    const tw_ioc *a = pa, *b = pb;

    if (a->type != b->type)
        return a->type < b->type ? -1 : 1;
    if (a->type == TW_IOC_IP)
        return cidr_cmp(&a->cidr, &b->cidr);
    return strcmp(a->value, b->value);
}

/* Lists the prefix lengths present for each family, longest first. */
static void build_order(tw_iocset *s)
{
    for (unsigned f = 0; f < 2; f++) {
        s->norder[f] = 0;
        for (int p = f == 0 ? 32 : 128; p >= 0; p--) {
            if (s->has_plen[f][p])
                s->order[f][s->norder[f]++] = (uint8_t)p;
        }
    }
}

/* The literal of indicator e: host addresses and every text type. */
static bool literal_of(const tw_ioc *e, tw_ioc_literal *lit)
{
    if (e->type == TW_IOC_IP && !tw_cidr_is_host(&e->cidr))
        return false;
    lit->text = e->value;
    lit->len = strlen(e->value);
    lit->caseless = e->type == TW_IOC_IP ? e->cidr.addr.family == 6 : e->type != TW_IOC_FILENAME;
    lit->ioc = e;
    return true;
}

/* Counts the address indicators (sorted first) and lists the literals. */
static tw_err build_literals(tw_iocset *s)
{
    s->nip = 0;
    while (s->nip < s->n && s->v[s->nip].type == TW_IOC_IP)
        s->nip++;
    s->lits = calloc(s->n > 0 ? s->n : 1, sizeof(*s->lits));
    if (s->lits == NULL)
        return TW_ENOMEM;
    s->nlits = 0;
    s->has_prefix = false;
    for (size_t i = 0; i < s->n; i++) {
        if (literal_of(&s->v[i], &s->lits[s->nlits]))
            s->nlits++;
        else
            s->has_prefix = true;
    }
    return TW_OK;
}

/* The first 16 bits of an IPv4 address. */
static unsigned v4_top16(const tw_ip *ip)
{
    return (unsigned)ip->bytes[0] << 8 | ip->bytes[1];
}

/* Marks the /16s each IPv4 indicator holds or lies in. */
static void build_v4_filter(tw_iocset *s)
{
    memset(s->v4_16, 0, sizeof(s->v4_16));
    for (size_t i = 0; i < s->nip; i++) {
        const tw_cidr *c = &s->v[i].cidr;
        unsigned first = v4_top16(&c->addr), count = 1;
        if (c->addr.family != 4)
            continue;
        if (c->plen < 16)
            count = 1u << (16 - c->plen);
        for (unsigned b = first; b < first + count && b < 65536; b++)
            s->v4_16[b >> 6] |= (uint64_t)1 << (b & 63);
    }
}

/* False when no IPv4 indicator can hold or lie in the canonical prefix c
 * (IPv4, at least a /16); true otherwise, and for every other prefix. */
static bool v4_maybe(const tw_iocset *s, const tw_cidr *c)
{
    unsigned b;

    if (c->addr.family != 4 || c->plen < 16)
        return true;
    b = v4_top16(&c->addr);
    return (s->v4_16[b >> 6] >> (b & 63) & 1) != 0;
}

/* Freezes the set: sorts it (addresses first, in address order, then the
 * text types by type and value), builds the lookup tables and the literals.
 * After this the set is immutable and lookups are thread-safe.  Calling it
 * twice is harmless.  TW_ENOMEM leaves the set unfinished. */
tw_err tw_iocset_finish(tw_iocset *s)
{
    tw_err rc = TW_OK;

    if (s == NULL)
        return TW_EINVAL;
    if (s->finished)
        goto out;
    if (s->n > 1)
        qsort(s->v, s->n, sizeof(*s->v), ioc_cmp);
    rc = table_rebuild(s, s->nslots == 0 ? 16 : s->nslots);
    if (rc != TW_OK)
        goto out;
    free(s->lits);
    s->lits = NULL;
    rc = build_literals(s);
    if (rc != TW_OK)
        goto out;
    build_order(s);
    build_v4_filter(s);
    s->finished = true;
out:
    return rc;
}

/* Number of distinct indicators in the set. */
size_t tw_iocset_count(const tw_iocset *s)
{
    return s == NULL ? 0 : s->n;
}

/* The i-th indicator once finished (addresses first, in address order,
 * then the text types by type and value); NULL otherwise. */
const tw_ioc *tw_iocset_at(const tw_iocset *s, size_t i)
{
    if (s == NULL || !s->finished || i >= s->n)
        return NULL;
    return &s->v[i];
}

/* Longest indicator prefix of at most maxlen bits holding the canonical
 * prefix c (or address, when c is a host prefix); NULL if none. */
static const tw_ioc *longest_holder(const tw_iocset *s, const tw_cidr *c, unsigned maxlen)
{
    unsigned f = fam_index(c->addr.family);

    for (size_t i = 0; i < s->norder[f]; i++) {
        tw_ioc k = {.cidr = {c->addr, s->order[f][i]}, .type = TW_IOC_IP};
        uint32_t slot;

        if (k.cidr.plen > maxlen)
            continue;
        mask_ip(&k.cidr.addr, k.cidr.plen);
        slot = table_find(s, &k);
        if (slot != 0)
            return &s->v[slot - 1];
    }
    return NULL;
}

/* Exact host indicator or longest indicator prefix holding ip; NULL if
 * none, or when the set is not finished.  Thread-safe on a finished set. */
const tw_ioc *tw_iocset_match_ip(const tw_iocset *s, const tw_ip *ip)
{
    tw_cidr c;

    if (s == NULL || !s->finished || ip == NULL)
        return NULL;
    c.addr = *ip;
    c.plen = (uint8_t)fam_bits(ip->family);
    if (!canon(&c, &c) || !v4_maybe(s, &c))
        return NULL;
    return longest_holder(s, &c, c.plen);
}

/* First indicator in address order inside the canonical prefix c; NULL if none. */
static const tw_ioc *first_inside(const tw_iocset *s, const tw_cidr *c)
{
    tw_cidr key = {c->addr, 0};
    size_t lo = 0, hi = s->nip;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cidr_cmp(&s->v[mid].cidr, &key) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo == s->nip || s->v[lo].cidr.addr.family != c->addr.family)
        return NULL;
    if (s->v[lo].cidr.plen < c->plen || !tw_cidr_contains(c, &s->v[lo].cidr.addr))
        return NULL;
    return &s->v[lo];
}

/* For a prefix met in evidence: a host prefix is looked up as an address;
 * a wider prefix matches the longest indicator prefix holding it, else,
 * when it is at least a /24 (IPv4) or /48 (IPv6), the first indicator in
 * address order that it holds.  NULL if none or not finished. */
const tw_ioc *tw_iocset_match_cidr(const tw_iocset *s, const tw_cidr *c)
{
    tw_cidr k;
    const tw_ioc *hit;

    /* the filter first: an IPv4 prefix keeps its first 16 bits in canon */
    if (s == NULL || !s->finished || c == NULL || !v4_maybe(s, c) || !canon(c, &k))
        return NULL;
    hit = longest_holder(s, &k, k.plen);
    if (hit != NULL || tw_cidr_is_host(&k))
        return hit;
    if (k.plen < (k.addr.family == 4 ? 24 : 48))
        return NULL;
    return first_inside(s, &k);
}

/* Probes the table for (t, value). */
static const tw_ioc *find_text(const tw_iocset *s, tw_ioc_type t, const char *value)
{
    tw_ioc k = {.type = t, .value = value};
    uint32_t slot = table_find(s, &k);

    return slot != 0 ? &s->v[slot - 1] : NULL;
}

/* The value or its nearest parent domain in the set, probing each parent
 * on a label boundary, longest first. */
static const tw_ioc *match_domain(const tw_iocset *s, const char *name)
{
    for (const char *p = name; p != NULL && *p != '\0';) {
        const tw_ioc *hit = find_text(s, TW_IOC_DOMAIN, p);
        const char *dot = strchr(p, '.');
        if (hit != NULL)
            return hit;
        p = dot != NULL ? dot + 1 : NULL;
    }
    return NULL;
}

/* An address or prefix, de-fanged text accepted. */
static const tw_ioc *match_addr_text(const tw_iocset *s, tw_str value)
{
    tw_cidr c;

    if (tw_cidr_parse(tw_str_trim(value), TW_IP_DEFANG, &c) != TW_OK)
        return NULL;
    return tw_iocset_match_cidr(s, &c);
}

/* Looks a text value up as type t (see ioc.h); NULL when nothing matches,
 * when the value is no valid t, or when the set is not finished.
 * Thread-safe on a finished set. */
const tw_ioc *tw_iocset_match_text(const tw_iocset *s, tw_ioc_type t, tw_str value)
{
    char buf[TW__IOC_VALUE_MAX];

    if (s == NULL || !s->finished || value.ptr == NULL)
        return NULL;
    if (t == TW_IOC_IP)
        return match_addr_text(s, value);
    if ((unsigned)t > TW_IOC_FILENAME || !tw__ioc_normalize(t, value, buf))
        return NULL;
    if (t == TW_IOC_DOMAIN)
        return match_domain(s, buf);
    return find_text(s, t, buf);
}

/* Number of literals of a finished set (0 before finish). */
size_t tw_iocset_literal_count(const tw_iocset *s)
{
    return s != NULL && s->finished ? s->nlits : 0;
}

/* The i-th literal: host addresses in address order, then the text types
 * by type and value; NULL out of range.  Lives as long as the set. */
const tw_ioc_literal *tw_iocset_literal(const tw_iocset *s, size_t i)
{
    if (s == NULL || !s->finished || i >= s->nlits)
        return NULL;
    return &s->lits[i];
}

/* True when a finished set holds a prefix (non-host) address indicator. */
bool tw_iocset_needs_addr_scan(const tw_iocset *s)
{
    return s != NULL && s->finished && s->has_prefix;
}
