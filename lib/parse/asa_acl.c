/*
 * asa_acl.c: Cisco ASA names, network objects, access lists, interfaces
 * and crypto proposals.
 *
 * "name A N", "object network N" (host, subnet, range) and "object-group
 * network N" (network-object host|A M|A/L|object, group-object) are kept
 * in one member table with a name table over it (keymap.h), so that an
 * access list entry that names them carries the real addresses: indicator
 * matching needs them.  Groups are followed to ASA_NEST_MAX levels, at
 * most ASA_OPERAND_MAX addresses an operand.  An entry whose operands
 * hold many addresses is spread over several acl_entry facts of 12
 * addresses a side, so that every address is in one of them.  Interfaces
 * are IOS-like blocks with "nameif" and "security-level"; "access-group
 * ACL in|out interface N" is applied to the interface named N once the
 * whole configuration is read.  IKE policies, IKEv2 IPsec proposals and
 * transform sets become crypto_proposal facts in the vocabulary of every
 * dialect (ios_crypto.c).
 */
#include <string.h>

#include "asa_int.h"

#define IS(i, w) ASA_IS(p, (i), (w))
#define TOK(i) ASA_TOK(p, (i))
#define FS (p->ip.fs)
#define CHUNK 12

/* ---- the member table --------------------------------------------------- */

static void limit_warn(asa_parser *p, const char *what)
{
    if (p->limit_warned)
        return;
    p->limit_warned = true;
    tw__ios_warn(&p->ip, "too many %s: the rest are not read", what);
}

/* Grows the vector *v of *cap elements of size sz to hold n + 1 (arena). */
static bool grow(asa_parser *p, void **v, size_t *cap, size_t n, size_t sz)
{
    void *nv;
    size_t ncap;

    if (n < *cap)
        return true;
    ncap = *cap == 0 ? 64 : *cap * 2;
    nv = tw_arena_alloc(FS->arena, ncap * sz);
    if (nv == NULL) {
        p->ip.rc = TW_ENOMEM;
        return false;
    }
    if (n > 0)
        memcpy(nv, *v, n * sz);
    *v = nv;
    *cap = ncap;
    return true;
}

/* Appends a member to object obj (index + 1; 0: to no object). */
static void add_member(asa_parser *p, uint32_t obj, const asa_member *m)
{
    asa_member *v;

    if (p->nmem >= ASA_MEMBERS_MAX) {
        limit_warn(p, "object members");
        return;
    }
    if (!grow(p, (void **)&p->mem, &p->capmem, p->nmem, sizeof(*p->mem)))
        return;
    v = &p->mem[p->nmem++];
    *v = *m;
    v->next = 0;
    if (obj == 0)
        return;
    if (p->obj[obj - 1].tail != 0)
        p->mem[p->obj[obj - 1].tail - 1].next = (uint32_t)p->nmem;
    else
        p->obj[obj - 1].head = (uint32_t)p->nmem;
    p->obj[obj - 1].tail = (uint32_t)p->nmem;
}

static void add_addr(asa_parser *p, const tw_cidr *c)
{
    asa_member m = {.c = *c};

    add_member(p, p->blk_obj, &m);
}

static void add_ref(asa_parser *p, uint32_t kind, tw_str name)
{
    asa_member m = {.ref = name, .kind = kind};

    if (name.len > 0)
        add_member(p, p->blk_obj, &m);
}

/* The object of kind and name (index + 1), created when create. */
static uint32_t object(asa_parser *p, uint32_t kind, tw_str name, bool create)
{
    uint64_t v = tw__keymap_get(&p->keys, kind, name, TW_STR_NULL, TW_STR_NULL);

    if (v != 0 || !create)
        return (uint32_t)v;
    if (p->nobj >= ASA_MEMBERS_MAX) {
        limit_warn(p, "objects");
        return 0;
    }
    if (!grow(p, (void **)&p->obj, &p->capobj, p->nobj, sizeof(*p->obj)))
        return 0;
    p->obj[p->nobj++] = (asa_object){0, 0};
    if (!tw__keymap_put(&p->keys, FS->arena, kind, name, TW_STR_NULL, TW_STR_NULL, p->nobj)) {
        p->ip.rc = TW_ENOMEM;
        return 0;
    }
    return (uint32_t)p->nobj;
}

bool tw__asa_host(asa_parser *p, tw_str s, tw_cidr *out)
{
    uint64_t v;

    if (tw__ios_addr(&p->ip, s, out))
        return true;
    v = tw__keymap_get(&p->keys, ASA_KEY_NAME, s, TW_STR_NULL, TW_STR_NULL);
    if (v == 0 || v > p->nmem)
        return false;
    *out = p->mem[v - 1].c;
    return true;
}

/* name A N [description D] */
static void name(asa_parser *p, size_t t)
{
    asa_member m;

    memset(&m, 0, sizeof(m));
    if (t + 2 >= p->ip.ntok || !tw__ios_addr(&p->ip, TOK(t + 1), &m.c))
        return;
    add_member(p, 0, &m);
    if (p->ip.rc == TW_OK && !tw__keymap_put(&p->keys, FS->arena, ASA_KEY_NAME, TOK(t + 2),
                                             TW_STR_NULL, TW_STR_NULL, p->nmem))
        p->ip.rc = TW_ENOMEM;
}

/* ---- object definitions ------------------------------------------------- */

/* A address A M, or A/L: the prefix in *out; false when malformed. */
static bool prefix(asa_parser *p, size_t i, tw_cidr *out)
{
    tw_cidr m;

    if (!tw__asa_host(p, TOK(i), out))
        return false;
    if (out->addr.family == 6 || memchr(TOK(i).ptr, '/', TOK(i).len) != NULL)
        return true;
    return tw__ios_addr(&p->ip, TOK(i + 1), &m) &&
           tw_cidr_from_mask(&out->addr, &m.addr, false, out) == TW_OK;
}

static uint32_t v4(const tw_cidr *c)
{
    const uint8_t *b = c->addr.bytes;

    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* range A B: the prefixes that cover it (at most 64); an IPv6 range as
 * its two ends. */
static void range(asa_parser *p, size_t t)
{
    tw_cidr a, b, c;
    uint64_t lo, hi;

    if (!tw__asa_host(p, TOK(t + 1), &a) || !tw__asa_host(p, TOK(t + 2), &b) ||
        a.addr.family != b.addr.family) {
        tw__ios_warn(&p->ip, "object %.*s: cannot parse the range",
                     (int)(p->blk_name.len > 64 ? 64 : p->blk_name.len), p->blk_name.ptr);
        return;
    }
    if (a.addr.family == 6) {
        add_addr(p, &a);
        add_addr(p, &b);
        return;
    }
    lo = v4(&a);
    hi = v4(&b);
    for (int n = 0; lo <= hi && n < 64; n++) {
        unsigned bits = 0;
        while (bits < 32 && (lo & ((2ull << bits) - 1)) == 0 && lo + (2ull << bits) - 1 <= hi)
            bits++;
        c = a;
        for (int k = 0; k < 4; k++)
            c.addr.bytes[k] = (uint8_t)(lo >> (24 - 8 * k));
        c.plen = (uint8_t)(32 - bits);
        add_addr(p, &c);
        lo += 1ull << bits;
    }
}

/* Lines of "object network N" and "object-group network N". */
void tw__asa_object_line(asa_parser *p, size_t t)
{
    tw_cidr c;
    size_t i = t;

    if (p->blk_obj == 0)
        return;
    if (IS(t, "network-object")) {
        i = t + 1;
        if (IS(i, "object")) {
            add_ref(p, ASA_KEY_OBJ, TOK(i + 1));
            return;
        }
    } else if (IS(t, "group-object")) {
        add_ref(p, ASA_KEY_GRP, TOK(t + 1));
        return;
    } else if (IS(t, "range")) {
        range(p, t);
        return;
    } else if (IS(t, "subnet")) {
        i = t + 1;
    } else if (!IS(t, "host")) {
        return; /* description, fqdn, nat ... */
    }
    if (IS(i, "host") ? tw__asa_host(p, TOK(i + 1), &c) : prefix(p, i, &c))
        add_addr(p, &c);
    else
        tw__ios_warn(&p->ip, "object %.*s: cannot parse the address",
                     (int)(p->blk_name.len > 64 ? 64 : p->blk_name.len), p->blk_name.ptr);
}

/* object network|service N; object-group network|service|protocol|... N */
static void object_header(asa_parser *p, size_t t)
{
    bool group = IS(t, "object-group");
    tw_str n = TOK(t + 2);

    if (IS(t + 1, "network")) {
        uint32_t o = object(p, group ? ASA_KEY_GRP : ASA_KEY_OBJ, n, true);
        tw__asa_open(p, ASA_BLK_OBJECT, IOS_BLK_OTHER, TW_FACT_ADDRESS, n);
        p->blk_obj = o;
    } else if (!tw__keymap_put(&p->keys, FS->arena, ASA_KEY_SVC, n, TW_STR_NULL, TW_STR_NULL, 1)) {
        p->ip.rc = TW_ENOMEM;
    }
}

/* ---- access lists ------------------------------------------------------- */

/* The addresses of object o (index + 1) into out[*n..cap), its groups
 * followed to depth. */
static void collect(asa_parser *p, uint32_t o, int depth, tw_cidr *out, size_t *n, size_t *visits)
{
    if (o == 0 || o > p->nobj || depth > ASA_NEST_MAX)
        return;
    for (uint32_t m = p->obj[o - 1].head; m != 0 && *n < ASA_OPERAND_MAX; m = p->mem[m - 1].next) {
        const asa_member *x = &p->mem[m - 1];
        if (++*visits > ASA_VISIT_MAX)
            return;
        if (x->kind == 0)
            out[(*n)++] = x->c;
        else
            collect(p, object(p, x->kind, x->ref, false), depth + 1, out, n, visits);
    }
}

/* An ACL operand: n addresses in the side's buffer, or text. */
typedef struct {
    size_t n;
    tw_str text;  /* "interface IF", an unknown object, a non-contiguous mask */
    tw_str group; /* the object or group the addresses came from */
} operand;

/* Identity and security group selectors before an address operand. */
static size_t skip_selectors(asa_parser *p, size_t i)
{
    while (IS(i, "user") || IS(i, "user-group") || IS(i, "object-group-user") ||
           IS(i, "object-group-security") || IS(i, "security-group"))
        i += IS(i, "security-group") ? 3 : 2;
    return i;
}

/* Parses the operand at *i into side's buffer; false when malformed. */
static bool acl_operand(asa_parser *p, size_t *i, int side, operand *o)
{
    tw_cidr *buf = p->opnd[side];
    size_t k = skip_selectors(p, *i), visits = 0;

    memset(o, 0, sizeof(*o));
    if (IS(k, "any") || IS(k, "any4") || IS(k, "any6")) {
        memset(&buf[0], 0, sizeof(buf[0]));
        buf[0].addr.family = IS(k, "any6") ? 6 : 4;
        o->n = 1;
        *i = k + 1;
        return true;
    }
    if (IS(k, "object") || IS(k, "object-group") || IS(k, "interface")) {
        *i = k + 2;
        if (k + 1 >= p->ip.ntok)
            return false;
        if (!IS(k, "interface") && p->visits < ASA_VISIT_TOTAL)
            collect(p, object(p, IS(k, "object") ? ASA_KEY_OBJ : ASA_KEY_GRP, TOK(k + 1), false), 0,
                    buf, &o->n, &visits);
        p->visits += visits;
        if (p->visits >= ASA_VISIT_TOTAL && !p->visits_warned) {
            p->visits_warned = true;
            tw__ios_warn(&p->ip, "too many object members resolved: later objects stay names");
        }
        if (o->n > 0)
            o->group = TOK(k + 1);
        else
            o->text = tw__ios_span(&p->ip, k, k + 1);
        return true;
    }
    if (IS(k, "host")) {
        *i = k + 2;
        o->n = 1;
        return tw__asa_host(p, TOK(k + 1), &buf[0]);
    }
    if (!tw__asa_host(p, TOK(k), &buf[0]))
        return false;
    o->n = 1;
    *i = k + 1;
    if (buf[0].addr.family == 6 || memchr(TOK(k).ptr, '/', TOK(k).len) != NULL)
        return true;
    *i = k + 2;
    if (prefix(p, k, &buf[0]))
        return true;
    o->n = 0;
    o->text = tw__ios_span(&p->ip, k, k + 1);
    return k + 1 < p->ip.ntok;
}

/* A port match at *i: eq/lt/gt/neq/range, or a service object group. */
static tw_str acl_ports(asa_parser *p, size_t *i)
{
    tw_str s = tw__cisco_acl_ports(p->ip.tok, p->ip.ntok, i, false);

    if (s.len > 0 || !IS(*i, "object-group") ||
        tw__keymap_get(&p->keys, ASA_KEY_SVC, TOK(*i + 1), TW_STR_NULL, TW_STR_NULL) == 0)
        return s;
    *i += 2;
    return tw__ios_span(&p->ip, *i - 2, *i - 1);
}

typedef struct {
    tw_str list, action, protocol, sport, dport;
    bool ext, has_seq, obj_proto;
    int64_t seq;
    operand src, dst;
} ace;

static void put_side(asa_parser *p, const char *name, const operand *o, int side, size_t chunk)
{
    size_t b = o->n == 0 ? 0 : (chunk % ((o->n + CHUNK - 1) / CHUNK)) * CHUNK;

    if (o->n == 0) {
        tw_factset_str(FS, name, o->text);
        return;
    }
    for (size_t k = b; k < o->n && k < b + CHUNK; k++)
        tw_factset_addr(FS, name, &p->opnd[side][k]);
}

/* One fact per chunk of 12 addresses of the longer side. */
static void ace_emit(asa_parser *p, const ace *a)
{
    size_t ns = (a->src.n + CHUNK - 1) / CHUNK, nd = (a->dst.n + CHUNK - 1) / CHUNK;
    size_t facts = ns > nd ? ns : nd;
    bool v6 = a->src.n > 0 ? p->opnd[0][0].addr.family == 6
                           : a->dst.n > 0 && p->opnd[1][0].addr.family == 6;

    for (size_t c = 0; c < (facts > 0 ? facts : 1) && p->ip.rc == TW_OK; c++) {
        tw__ios_begin(&p->ip, TW_FACT_ACL_ENTRY);
        tw_factset_str(FS, "list", a->list);
        if (a->has_seq)
            tw_factset_num(FS, "seq", a->seq);
        tw_factset_str(FS, "action", tw__ios_lower(&p->ip, a->action));
        tw_factset_str(FS, "family", v6 ? TW_STR("ipv6") : TW_STR("ipv4"));
        if (a->ext)
            tw_factset_str(FS, "protocol",
                           a->obj_proto ? a->protocol : tw__ios_lower(&p->ip, a->protocol));
        put_side(p, "src", &a->src, 0, c);
        if (a->src.group.len > 0)
            tw_factset_str(FS, "src_group", a->src.group);
        if (a->sport.len > 0)
            tw_factset_str(FS, "src_port", a->sport);
        if (a->ext) {
            put_side(p, "dst", &a->dst, 1, c);
            if (a->dst.group.len > 0)
                tw_factset_str(FS, "dst_group", a->dst.group);
        }
        if (a->dport.len > 0)
            tw_factset_str(FS, "dst_port", a->dport);
        tw__ios_end(&p->ip);
    }
}

/* The operands of an entry from token i (after the action). */
static bool ace_parse(asa_parser *p, size_t i, ace *a)
{
    if (a->ext) {
        if (IS(i, "object-group") || IS(i, "object")) {
            a->protocol = tw__ios_span(&p->ip, i, i + 1);
            a->obj_proto = true;
            i += 2;
        } else {
            a->protocol = TOK(i++);
        }
        if (a->protocol.len == 0)
            return false;
    }
    if (!acl_operand(p, &i, 0, &a->src))
        return false;
    if (!a->ext)
        return true;
    a->sport = acl_ports(p, &i);
    if (!acl_operand(p, &i, 1, &a->dst))
        return false;
    a->dport = acl_ports(p, &i);
    return true;
}

/* access-list NAME [line N] [extended|standard] permit|deny ...; remarks,
 * webtype and ethertype lists give nothing. */
static void access_list(asa_parser *p, size_t t)
{
    ace a;
    size_t i = t + 2;

    memset(&a, 0, sizeof(a));
    a.list = TOK(t + 1);
    if (IS(i, "line") && tw__ios_digits(TOK(i + 1)) && tw_str_to_i64(TOK(i + 1), &a.seq)) {
        a.has_seq = true;
        i += 2;
    }
    a.ext = !IS(i, "standard");
    if (IS(i, "standard") || IS(i, "extended"))
        i++;
    if (!IS(i, "permit") && !IS(i, "deny"))
        return;
    a.action = TOK(i);
    if (!ace_parse(p, i + 1, &a)) {
        tw__ios_warn(&p->ip, "access list %.*s: cannot parse the address operands",
                     (int)(a.list.len > 64 ? 64 : a.list.len), a.list.ptr);
        return;
    }
    ace_emit(p, &a);
}

/* access-group ACL in|out interface IF: kept for tw__asa_bind_finish. */
static void access_group(asa_parser *p, size_t t)
{
    if (!IS(t + 3, "interface") || t + 4 >= p->ip.ntok || (!IS(t + 2, "in") && !IS(t + 2, "out")))
        return;
    if (p->nbind >= ASA_BINDS_MAX) {
        limit_warn(p, "access groups");
        return;
    }
    if (!grow(p, (void **)&p->bind, &p->capbind, p->nbind, sizeof(*p->bind)))
        return;
    p->bind[p->nbind++] = (asa_bind){.acl = TOK(t + 1),
                                     .nameif = TOK(t + 4),
                                     .ev = p->ip.ev,
                                     .line = p->ip.lineno,
                                     .out = IS(t + 2, "out")};
}

void tw__asa_bind_finish(asa_parser *p)
{
    for (size_t i = 0; i < p->nbind && p->ip.rc == TW_OK; i++) {
        const asa_bind *b = &p->bind[i];
        uint64_t v = tw__keymap_get(&p->keys, ASA_KEY_NAMEIF, b->nameif, TW_STR_NULL, TW_STR_NULL);
        p->ip.lineno = b->line;
        if (v == 0 || tw_factset_reopen(FS, v - 1) != TW_OK) {
            tw__ios_warn(&p->ip, "access-group: no interface is named %.*s",
                         (int)(b->nameif.len > 64 ? 64 : b->nameif.len), b->nameif.ptr);
            continue;
        }
        tw_factset_str(FS, b->out ? "acl_out" : "acl_in", b->acl);
        tw_factset_field_at(FS, b->line, b->ev);
        tw__ios_end(&p->ip);
    }
}

/* ---- interfaces --------------------------------------------------------- */

void tw__asa_interface_line(asa_parser *p, bool neg, size_t t)
{
    int64_t n;

    if (IS(t, "nameif") && !neg && t + 1 < p->ip.ntok) {
        p->nameif = TOK(t + 1);
        tw__ios_blk_str(&p->ip, "nameif", TOK(t + 1), true);
    } else if (IS(t, "security-level") && !neg && tw__ios_digits(TOK(t + 1)) &&
               tw_str_to_i64(TOK(t + 1), &n)) {
        tw__ios_blk_num(&p->ip, "security_level", n, true);
    } else if (IS(t, "management-only") && !neg) {
        tw__ios_blk_bool(&p->ip, "management_only", true, true);
    } else {
        tw__ios_block_line(&p->ip, neg, t);
    }
}

void tw__asa_interface_close(asa_parser *p)
{
    tw_str nameif = p->nameif;

    p->nameif = TW_STR_NULL;
    tw__ios_block_close(&p->ip);
    if (nameif.len == 0 || p->ip.rc != TW_OK || FS->n == 0 ||
        FS->v[FS->n - 1].kind != TW_FACT_INTERFACE)
        return;
    if (!tw__keymap_put(&p->keys, FS->arena, ASA_KEY_NAMEIF, nameif, TW_STR_NULL, TW_STR_NULL,
                        FS->n))
        p->ip.rc = TW_ENOMEM;
}

/* ---- crypto proposals --------------------------------------------------- */

static const tw_str_alias encryptions[] = {
    {"des", "des"},
    {"3des", "3des"},
    {"aes", "aes128"},
    {"aes-192", "aes192"},
    {"aes-256", "aes256"},
    {"aes-gcm", "aes128-gcm"},
    {"aes-gcm-192", "aes192-gcm"},
    {"aes-gcm-256", "aes256-gcm"},
    {"null", "null"},
    {"esp-des", "des"},
    {"esp-3des", "3des"},
    {"esp-aes", "aes128"},
    {"esp-aes-192", "aes192"},
    {"esp-aes-256", "aes256"},
    {"esp-null", "null"},
};

static const tw_str_alias integrities[] = {
    {"md5", "md5"},
    {"sha", "sha1"},
    {"sha-1", "sha1"},
    {"sha256", "sha256"},
    {"sha-256", "sha256"},
    {"sha384", "sha384"},
    {"sha-384", "sha384"},
    {"sha512", "sha512"},
    {"sha-512", "sha512"},
    {"esp-md5-hmac", "md5"},
    {"esp-sha-hmac", "sha1"},
    {"esp-sha256-hmac", "sha256"},
    {"esp-sha384-hmac", "sha384"},
    {"esp-sha512-hmac", "sha512"},
};

#define NAMES(v) (v), sizeof(v) / sizeof((v)[0])

/* Values of tokens from i as field (own_line: each at this line). */
static void algorithms(asa_parser *p, size_t i, bool integrity, bool own_line)
{
    for (; i < p->ip.ntok; i++) {
        const char *v = tw_str_alias_of(TOK(i), integrity ? integrities : encryptions,
                                        integrity ? sizeof(integrities) / sizeof(integrities[0])
                                                  : sizeof(encryptions) / sizeof(encryptions[0]));
        if (v == NULL && IS(i, "null"))
            continue; /* integrity null: none, with GCM */
        tw__ios_blk_str(&p->ip, integrity ? "integrity" : "encryption",
                        v != NULL ? tw_str_c(v) : tw__ios_lower(&p->ip, TOK(i)), own_line);
    }
}

void tw__asa_crypto_line(asa_parser *p, size_t t)
{
    int64_t n;

    if (IS(t, "protocol") && IS(t + 1, "esp"))
        t += 2;
    if (IS(t, "encryption")) {
        algorithms(p, t + 1, false, true);
    } else if (IS(t, "hash") || IS(t, "integrity")) {
        algorithms(p, t + 1, true, true);
    } else if (IS(t, "group")) {
        for (size_t i = t + 1; i < p->ip.ntok; i++) {
            if (tw__ios_digits(TOK(i)) && tw_str_to_i64(TOK(i), &n))
                tw__ios_blk_num(&p->ip, "group", n, true);
        }
    }
}

/* crypto ipsec [ikev1] transform-set NAME T...: one fact (the transforms
 * sort themselves: esp-*-hmac is integrity). */
static void transform_set(asa_parser *p, size_t i)
{
    tw__asa_open(p, ASA_BLK_OTHER, IOS_BLK_CRYPTO, TW_FACT_CRYPTO_PROPOSAL, TOK(i));
    tw__ios_blk_str(&p->ip, "protocol", TW_STR("ipsec"), false);
    tw__ios_blk_str(&p->ip, "name", TOK(i), false);
    for (size_t k = i + 1; k < p->ip.ntok; k++) {
        const char *v = tw_str_alias_of(TOK(k), NAMES(integrities));
        if (v != NULL)
            tw__ios_blk_str(&p->ip, "integrity", tw_str_c(v), false);
        else if ((v = tw_str_alias_of(TOK(k), NAMES(encryptions))) != NULL)
            tw__ios_blk_str(&p->ip, "encryption", tw_str_c(v), false);
    }
}

/* crypto ikev1|ikev2|isakmp policy N; crypto ipsec ikev2 ipsec-proposal
 * NAME; crypto ipsec [ikev1] transform-set NAME ...; true when handled. */
static bool crypto(asa_parser *p, size_t t)
{
    bool ike = (IS(t + 1, "ikev1") || IS(t + 1, "ikev2") || IS(t + 1, "isakmp")) &&
               IS(t + 2, "policy") && t + 3 < p->ip.ntok;
    size_t ts = IS(t + 2, "transform-set") ? t + 3 : IS(t + 3, "transform-set") ? t + 4 : 0;

    if (ike || (IS(t + 1, "ipsec") && IS(t + 2, "ikev2") && IS(t + 3, "ipsec-proposal") &&
                t + 4 < p->ip.ntok)) {
        tw_str n = ike ? TOK(t + 3) : TOK(t + 4);
        tw__asa_open(p, ASA_BLK_CRYPTO, IOS_BLK_CRYPTO, TW_FACT_CRYPTO_PROPOSAL, n);
        tw__ios_blk_str(&p->ip, "protocol", ike ? TW_STR("ike") : TW_STR("ipsec"), false);
        tw__ios_blk_str(&p->ip, "name", n, false);
        tw__ios_blk_str(&p->ip, "version",
                        IS(t + 1, "ikev2") || !ike ? TW_STR("ikev2") : TW_STR("ikev1"), false);
        return true;
    }
    if (IS(t + 1, "ipsec") && ts > 0 && ts < p->ip.ntok) {
        transform_set(p, ts);
        return true;
    }
    return false;
}

/* ---- dispatch ----------------------------------------------------------- */

bool tw__asa_top_acl(asa_parser *p, bool neg, size_t t)
{
    if (neg)
        return false;
    if (IS(t, "access-list") && t + 2 < p->ip.ntok)
        access_list(p, t);
    else if (IS(t, "access-group") && t + 2 < p->ip.ntok)
        access_group(p, t);
    else if ((IS(t, "object") || IS(t, "object-group")) && t + 2 < p->ip.ntok)
        object_header(p, t);
    else if (IS(t, "interface") && t + 1 < p->ip.ntok)
        tw__asa_open(p, ASA_BLK_INTERFACE, IOS_BLK_INTERFACE, TW_FACT_INTERFACE,
                     tw__ios_rest(&p->ip, t + 1));
    else if (IS(t, "name") && t + 2 < p->ip.ntok)
        name(p, t);
    else if (IS(t, "crypto"))
        return crypto(p, t);
    else
        return false;
    return true;
}
