/*
 * ios_int.h: internals shared by the Cisco IOS / IOS XE parser files.
 *
 * ios.c walks the lines (banners, comments, indentation, the address
 * sweep); ios_redact.c finds and replaces the secrets of a statement (for
 * the parser and for tw_ios_redact); ios_stmt.c handles top-level
 * statements; ios_block.c gathers the facts of blocks (interface, line
 * vty, named ACLs, AAA servers, EEM applets, monitor sessions) and emits
 * them when the block closes; ios_crypto.c reads IKE and IPsec proposals
 * into such blocks; ios_bgp.c keeps the BGP neighbours and peer groups
 * and emits routing_peer facts at the end, when inheritance can be
 * resolved; ios_policy.c reads routing policy (route-map entries and
 * prefix-list entries).  Nothing here is exported from the library.
 */
#ifndef TW_PARSE_IOS_INT_H
#define TW_PARSE_IOS_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "cisco_int.h"
#include "tidewatch/config.h"
#include "tidewatch/limits.h"

#define IOS_MAXTOK TW_LIMIT_TOKENS_PER_LINE

typedef enum {
    IOS_BLK_NONE,
    IOS_BLK_OTHER,
    IOS_BLK_INTERFACE,
    IOS_BLK_ACL,    /* ip access-list standard|extended NAME, ipv6 access-list NAME */
    IOS_BLK_AAASRV, /* tacacs server NAME, radius server NAME */
    IOS_BLK_AAAGRP, /* aaa group server tacacs+|radius NAME */
    IOS_BLK_VTY,
    IOS_BLK_SCRIPT, /* event manager applet, kron policy-list */
    IOS_BLK_MONITOR,
    IOS_BLK_KEYCHAIN,
    IOS_BLK_CRYPTO,   /* crypto isakmp policy, ikev2 proposal, ipsec transform-set */
    IOS_BLK_BGP,      /* router bgp N */
    IOS_BLK_ARCHIVE,  /* archive (log config / logging enable) */
    IOS_BLK_ROUTEMAP, /* route-map NAME [permit|deny] [SEQ] */
} ios_blk_kind;

/* The IPv4 interface settings whose defaults an IOS interface fact
 * carries (ios_block.c). */
enum { IOS_IF_REDIRECTS, IOS_IF_PROXY_ARP, IOS_IF_DBCAST, IOS_IF_NOPTS };

/* A field gathered inside a block, emitted when the block closes. */
typedef struct {
    const char *name;
    tw_val_type type;
    tw_str str; /* the text; for an address, the token it was read from or empty */
    int64_t num;
    tw_cidr addr;
    uint32_t line; /* 0: the fact's line */
    tw_str ev;
} ios_field;

typedef struct {
    ios_blk_kind kind;
    uint32_t line;      /* header line */
    uint32_t fact_line; /* line of the emitted fact (aaa server: the address line) */
    tw_str header;      /* header evidence, also the context of inner facts */
    tw_str name;
    int acl_mode; /* 0 auto, 1 standard, 2 extended */
    bool ipv6;
    bool tunnel;
    bool shutdown;
    bool has_addr;     /* IOS interfaces: runs IPv4 (an address, learnt or borrowed) */
    tw_fact_kind fact; /* kind of the block fact */
    uint32_t nfields;
    ios_field fields[TW_LIMIT_FIELDS];
    /* second fact of an interface block: the tunnel */
    uint32_t ntun;
    ios_field tun[8];
    /* IOS interfaces: the IPv4 settings written (bit i of ifopt_set: ifopt[i]) */
    unsigned ifopt_set;
    ios_field ifopt[IOS_IF_NOPTS];
} ios_block;

/* A statement kept to amend facts once the whole configuration is read
 * (a global default that may come before or after what it applies to). */
typedef struct {
    bool set;
    uint32_t line;
    tw_str ev;
    tw_str value;
    int64_t num;
} ios_seen;

struct ios_bgp; /* ios_bgp.c */

typedef struct {
    int indent;
    uint32_t line;
    tw_str text;
} ios_frame;

/* One parsed address token of the current line. */
typedef struct {
    const char *ptr;
    size_t len;
    bool ok;
    tw_cidr c;
} ios_addr_memo;

#define IOS_MEMO 4

typedef struct {
    const char *file;
    tw_factset *fs;
    tw_diags *diags;
    tw_err rc; /* fatal condition: stops the walk */
    uint32_t lineno;
    tw_str ev;  /* the statement, trimmed, secrets redacted */
    tw_str ctx; /* enclosing top-level block header */
    int depth;  /* enclosing headers */
    size_t ntok;
    tw_str tok[IOS_MAXTOK];
    bool sep;       /* the tokenized text holds a '.' or a ':' (tw__ios_tokenize) */
    unsigned nmemo; /* results in memo; the next slot is nmemo % IOS_MEMO */
    ios_addr_memo memo[IOS_MEMO];
    bool seen_vstack;
    bool seen_ssh_version;
    bool seen_cdp;
    size_t http_fact[2];  /* index + 1 of the last "ip http server|secure-server" fact */
    ios_seen http_acl;    /* ip http access-class [ipv4] N */
    ios_seen aaa_key[2];  /* tacacs-server key, radius-server key (num: the type) */
    struct ios_bgp *bgp;  /* BGP neighbours, NULL until "router bgp" */
    const char *strength; /* of the statement's type 0 or 7 secret, or of its SNMP
                           * community: "weak", "ok", or NULL */
    char fingerprint[17]; /* of an SNMP community with the run's key (hex), or "" */
    ios_block blk;
    int nstack;
    ios_frame stack[TW_LIMIT_DEPTH];
} ios_parser;

/* Token helpers: bounds-checked, case-insensitive (tw__cisco_tok_is). */
static inline bool tw__ios_is(const ios_parser *p, size_t i, const char *word)
{
    return tw__cisco_tok_is(p->tok, p->ntok, i, word);
}
tw_str tw__ios_tok(const ios_parser *p, size_t i);
/* Splits s into at most IOS_MAXTOK white-space separated tokens (the
 * rules of tw_str_token) into tok; returns their number. */
size_t tw__ios_split(tw_str s, tw_str *tok);
bool tw__ios_digits(tw_str s);
/* Text from token i to the end of the line (the empty view past the end). */
tw_str tw__ios_rest(const ios_parser *p, size_t i);
/* Text from token i to token j inclusive. */
tw_str tw__ios_span(const ios_parser *p, size_t i, size_t j);
/* A lower-case copy of s when it has upper-case letters. */
tw_str tw__ios_lower(ios_parser *p, tw_str s);
/* The parse behind tw__ios_addr, after its memo missed (ios.c). */
bool tw__ios_addr_parse(ios_parser *p, tw_str s, tw_cidr *out);
/* Parses an address or A/len token; false for anything else.  The last few
 * results of the line are remembered, so that the address sweep does not
 * parse again what a statement handler parsed. */
static inline bool tw__ios_addr(ios_parser *p, tw_str s, tw_cidr *out)
{
    unsigned n = p->nmemo < IOS_MEMO ? p->nmemo : IOS_MEMO;
    char c = s.len >= 2 ? s.ptr[0] : 'x', z = s.len >= 2 ? s.ptr[s.len - 1] : 'x';

    /* an address begins with a hex digit, ':' or (malformed) '.' or '/',
     * and ends with a hex digit or ':' ("address", "deny" end otherwise) */
    if (!((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f') || c == ':' ||
          c == '.' || c == '/'))
        return false;
    if (!((z >= '0' && z <= '9') || ((z | 0x20) >= 'a' && (z | 0x20) <= 'f') || z == ':'))
        return false;
    if (s.len < 7) { /* shorter than any IPv4 address: "22", "100" are not addresses */
        bool colon = false;
        for (size_t i = 0; i < s.len; i++)
            colon |= s.ptr[i] == ':';
        if (!colon)
            return false;
    }
    for (unsigned i = 0; i < n; i++) {
        const ios_addr_memo *m = &p->memo[i];
        if (m->ptr == s.ptr && m->len == s.len) {
            if (m->ok)
                *out = m->c;
            return m->ok;
        }
    }
    return tw__ios_addr_parse(p, s, out);
}

void tw__ios_warn(ios_parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The line walk's pieces shared with the NX-OS and EOS walks (ios.c). */
/* Closes every open header indented indent or deeper; true when none is
 * left open (the caller then closes its block). */
bool tw__ios_pop(ios_parser *p, int indent);
/* Opens the statement as a header indented indent. */
void tw__ios_push(ios_parser *p, int indent);
/* Tokenizes s as the statement's evidence. */
void tw__ios_tokenize(ios_parser *p, tw_str s);
/* An address fact for c written text, at the current statement. */
void tw__ios_address_fact(ios_parser *p, const tw_cidr *c, tw_str text);
/* An address fact for every address literal of the statement but masks:
 * after an IPv4 address, or (mask_kw) after "mask" or "netmask"; other,
 * when not NULL, sees every token that is no address. */
void tw__ios_sweep(ios_parser *p, bool mask_kw, void (*other)(ios_parser *p, tw_str tok));
/* tacacs-server|radius-server host A ... at token t: the aaa_server fact
 * with its port and key type, and the secret fact of its key. */
void tw__ios_aaa_host(ios_parser *p, const char *proto, size_t t);

/* Fact emission at the current line with the current evidence and context. */
void tw__ios_begin(ios_parser *p, tw_fact_kind kind);
void tw__ios_end(ios_parser *p);
/* A service fact {name, enabled} at the current statement. */
void tw__ios_service(ios_parser *p, const char *name, bool enabled);
/* Emits a secret fact; the type is the digit token before the redacted one. */
void tw__ios_secret(ios_parser *p, const char *owner, tw_str owner_arg, const char *form,
                    size_t redacted_at);

/* Secret redaction (ios_redact.c), shared by the parser (every statement)
 * and tw_ios_redact (a command from a log record). */

#define TW__IOS_REDACTED "<redacted>"

/* The tokens of one statement as the redaction sees them. */
typedef struct {
    const tw_str *tok;
    size_t ntok;
    ios_blk_kind block; /* the enclosing block; IOS_BLK_NONE at top level */
    bool command;       /* a logged command: the block is unknown, extra rules apply */
} ios_line;

/* How strong a type 0 (plain) or type 7 (reversible) secret is, judged on
 * the stack and forgotten: "weak" (shorter than 12 bytes or fewer than
 * three kinds of character), "ok", or NULL for other types or a type 7
 * text that does not decode (ios_redact.c).  The text itself never leaves
 * this function. */
const char *tw__ios_secret_strength(tw_str type, tw_str secret);

/* The secret tokens of a statement. */
typedef struct {
    uint64_t bits[IOS_MAXTOK / 64];
    size_t rest; /* tokens from here on are one secret; ntok when none */
    bool any;
} ios_mask;

/* Whether token i of l is word (lower case), case ignored. */
static inline bool tw__ios_line_is(const ios_line *l, size_t i, const char *word)
{
    return tw__cisco_tok_is(l->tok, l->ntok, i, word);
}

/* Marks token i of l as a secret; nothing when there is no token i. */
static inline void tw__ios_mask_token(const ios_line *l, ios_mask *m, size_t i)
{
    if (i >= l->ntok)
        return;
    m->bits[i / 64] |= (uint64_t)1 << (i % 64);
    m->any = true;
}

/* Marks the tokens of l from i on as one secret (a TACACS+ or RADIUS key
 * may hold spaces). */
static inline void tw__ios_mask_rest(const ios_line *l, ios_mask *m, size_t i)
{
    if (i < l->ntok && i < m->rest) {
        m->rest = i;
        m->any = true;
    }
}

/* False when t cannot be a keyword that announces a secret: "key",
 * "secret", "password", "*-password", "server-key", "key-string",
 * "pre-shared-key", "authentication-key", "message-digest-key".  Tested on
 * the last character, the length and one or two letters more, so nearly
 * every token ("extended", "forwarding") is passed over at the cost of a
 * few compares. */
static inline bool tw__ios_may_announce_secret(tw_str t)
{
    const char *e = t.ptr + t.len;

    switch (e[-1] | 0x20) {
    case 'd': /* password, *-password */
        return t.len >= 8 && (e[-8] | 0x20) == 'p' && (e[-4] | 0x20) == 'w';
    case 't': /* secret */
        return t.len == 6 && (t.ptr[0] | 0x20) == 's';
    case 'y': /* key, server-key, pre-shared-key, authentication-key, message-digest-key */
        return (t.len == 3 || t.len == 10 || t.len == 14 || t.len == 18) && (e[-3] | 0x20) == 'k' &&
               (e[-2] | 0x20) == 'e';
    case 'g': /* key-string */
        return t.len == 10 && (t.ptr[0] | 0x20) == 'k';
    default:
        return false;
    }
}

/* The cheap pre-check of a statement of ntok tokens: false when it cannot
 * hold a secret.  *keywords tells whether a token may announce one (else
 * only the rules on the leading word apply). */
static inline bool tw__ios_may_hold_secret(const tw_str *tok, size_t ntok, bool *keywords)
{
    bool kw = false;

    for (size_t i = 0; i < ntok && !kw; i++)
        kw = tw__ios_may_announce_secret(tok[i]);
    *keywords = kw;
    return kw || tw__cisco_tok_is(tok, ntok, 0, "snmp-server") ||
           tw__cisco_tok_is(tok, ntok, 0, "standby") || tw__cisco_tok_is(tok, ntok, 0, "vrrp") ||
           tw__cisco_tok_is(tok, ntok, 0, "glbp") ||
           (tw__cisco_tok_is(tok, ntok, 0, "ip") && tw__cisco_tok_is(tok, ntok, 1, "nhrp"));
}

/* Marks the secrets of l in m; keywords as tw__ios_may_hold_secret set it
 * (a command is always searched in full).  True when there is one. */
bool tw__ios_find_secrets(const ios_line *l, bool keywords, ios_mask *m);

/* The bytes tw__ios_redact_write may write for a text of len bytes. */
static inline size_t tw__ios_redact_cap(const ios_line *l, size_t len)
{
    return len + (l->ntok + 1) * sizeof(TW__IOS_REDACTED);
}

/* Writes text (whose tokens l holds) into d with each secret of m replaced
 * by <redacted>, a secret that takes the rest of the line by one; after
 * that, only the last keep bytes of text follow.  d has room for
 * tw__ios_redact_cap bytes; the result is NUL-terminated; returns its
 * length. */
size_t tw__ios_redact_write(const ios_line *l, const ios_mask *m, tw_str text, size_t keep,
                            char *d);
/* Rewrites the statement with the secrets of m replaced and tokenizes it
 * again (ios.c). */
void tw__ios_apply_mask(ios_parser *p, const ios_line *l, const ios_mask *m);

/* Statements outside blocks (ios_stmt.c); neg is set for a "no" form and
 * t is the index of the first token after "no". */
void tw__ios_top(ios_parser *p, bool neg, size_t t);

/* Blocks (ios_block.c). */
void tw__ios_block_open(ios_parser *p, ios_blk_kind kind, tw_fact_kind fact, tw_str name);
void tw__ios_block_line(ios_parser *p, bool neg, size_t t);
void tw__ios_block_close(ios_parser *p);
void tw__ios_blk_str(ios_parser *p, const char *name, tw_str v, bool own_line);
void tw__ios_blk_num(ios_parser *p, const char *name, int64_t v, bool own_line);
void tw__ios_blk_addr(ios_parser *p, const char *name, const tw_cidr *v, bool own_line);
void tw__ios_blk_bool(ios_parser *p, const char *name, bool v, bool own_line);
/* Adds to an IOS interface block that runs IPv4 its redirects, proxy_arp
 * and directed_broadcast fields, as written or by IOS's defaults; called
 * before tw__ios_block_close by the IOS walk only. */
void tw__ios_interface_done(ios_parser *p);
/* Emits the facts learned after the fact: the HTTP access class on the
 * HTTP servers, the global AAA keys' type on servers without a key of
 * their own, the BGP neighbours (ios_stmt.c).  Once, after the walk. */
void tw__ios_amend(ios_parser *p);

/* Crypto proposals (ios_crypto.c): the header at token t ("crypto isakmp
 * policy N", "crypto ikev2 proposal NAME", "crypto ipsec transform-set
 * NAME T...") opens a block. */
void tw__ios_crypto_open(ios_parser *p, size_t t);
/* A line inside the proposal (depth 1): encryption, hash|integrity, group. */
void tw__ios_crypto_line(ios_parser *p, size_t t);

/* BGP (ios_bgp.c): "router bgp N" opens the block; its lines go to
 * tw__ios_bgp_line; tw__ios_bgp_emit writes one routing_peer fact per
 * neighbour with an address, its peer group and template resolved. */
void tw__ios_bgp_open(ios_parser *p);
void tw__ios_bgp_line(ios_parser *p, bool neg, size_t t);
void tw__ios_bgp_emit(ios_parser *p);

/* Routing policy (ios_policy.c): "route-map NAME [permit|deny] [SEQ]" at
 * token t opens a block whose match and set lines tw__ios_route_map_line
 * gathers (one route_map fact when it closes); "ip|ipv6 prefix-list NAME
 * [seq N] permit|deny P [ge X] [le Y]" at token t (the "ip") is one
 * prefix_list fact. */
void tw__ios_route_map_open(ios_parser *p, size_t t);
void tw__ios_route_map_line(ios_parser *p, size_t t);
void tw__ios_prefix_list(ios_parser *p, size_t t, bool ipv6);

/* ACL entry operands, shared by numbered and named ACLs (ios_block.c). */
void tw__ios_acl_entry(ios_parser *p, tw_str list, int mode, bool ipv6, size_t i, bool has_seq,
                       int64_t seq);

#endif
