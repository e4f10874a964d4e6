/*
 * fact.h: the facts model, the spine of tidewatch.
 *
 * Every parser turns its input into typed facts, each with its line; every
 * engine and rule reads facts, never dialect text.  A fact is a kind plus a
 * short list of named, typed fields.  A field name may repeat: a fact then
 * has several values for it (the transports a VTY accepts, the sources of a
 * mirror session), and a rule test on that field holds when any value
 * passes.
 *
 * A default that the dialect implies (Smart Install is on unless
 * "no vstack") is a fact with line 0 and an empty evidence.
 *
 * Field names and meanings per kind are listed in docs/facts.md.  Field
 * names are static strings.  Fact storage comes from the arena of the
 * input; a tw_factset belongs to one thread.
 */
#ifndef TIDEWATCH_FACT_H
#define TIDEWATCH_FACT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"
#include "error.h"
#include "ip.h"
#include "str.h"

#define TW_FACT_KIND_LIST(X)                                                                       \
    X(HOSTNAME, "hostname")               /* name */                                               \
    X(VERSION, "version")                 /* version */                                            \
    X(ACL_ENTRY, "acl_entry")             /* list, seq, action, protocol, src, dst,                \
                                             src_port, dst_port, remark */                         \
    X(AAA_SERVER, "aaa_server")           /* protocol, name, address, port, key_type */            \
    X(AAA_METHOD, "aaa_method")           /* type, service, list, methods */                       \
    X(TUNNEL, "tunnel")                   /* name, mode, source, destination,                      \
                                             protection */                                         \
    X(MIRROR_SESSION, "mirror_session")   /* id, type, source, destination, vrf */                 \
    X(CAPTURE, "capture")                 /* name, interface, match, buffer */                     \
    X(LOCAL_USER, "local_user")           /* name, privilege, secret_type, form */                 \
    X(SECRET, "secret")                   /* owner, form, type */                                  \
    X(SERVICE, "service")                 /* name, enabled, port, version, vrf, acl */             \
    X(LOGGING_HOST, "logging_host")       /* address, vrf, transport, port */                      \
    X(LOGGING, "logging")                 /* setting, value */                                     \
    X(NTP_SERVER, "ntp_server")           /* address, key */                                       \
    X(SNMP_COMMUNITY, "snmp_community")   /* community (secret), access, acl, view */              \
    X(SNMP_USER, "snmp_user")             /* name, group, version, auth, priv */                   \
    X(SNMP_HOST, "snmp_host")             /* address, version */                                   \
    X(VTY, "vty")                         /* name, first, last, transport_input,                   \
                                             transport_output, access_class,                       \
                                             access_class_out, rotary */                           \
    X(SCRIPT, "script")                   /* type, name, action (repeated) */                      \
    X(INTERFACE, "interface")             /* name, address, description, shutdown,                 \
                                             vrf, acl_in, acl_out */                               \
    X(ROUTE, "route")                     /* prefix, next_hop, interface, vrf */                   \
    X(CRYPTO_PROPOSAL, "crypto_proposal") /* protocol, name, encryption, integrity,                \
                                           group, ... (IKE and IPsec proposals) */                 \
    X(ROUTING_PEER, "routing_peer")       /* protocol, address, remote_as, auth, ...               \
                                             (BGP neighbours) */                                   \
    X(ROUTE_MAP, "route_map")             /* name, action, seq, match, set (one                    \
                                             entry of a route map) */                              \
    X(PREFIX_LIST, "prefix_list")         /* name, family, seq, action, prefix,                    \
                                             ge, le (one entry) */                                 \
    X(ADDRESS, "address")                 /* value, statement: every address literal               \
                                             of the config, for indicator sweeps */                \
    X(EVENT, "event")                     /* one log or accounting record: see                     \
                                             docs/events.md */                                     \
    X(SIGHTING, "sighting")               /* an indicator seen in a log line: see                  \
                                             docs/events.md */

typedef enum {
#define TW__FACT_ENUM(name, str) TW_FACT_##name,
    TW_FACT_KIND_LIST(TW__FACT_ENUM)
#undef TW__FACT_ENUM
        TW__FACT_KIND_COUNT
} tw_fact_kind;

/* Static name of a kind ("acl_entry"); "?" when out of range. */
const char *tw_fact_kind_name(tw_fact_kind kind);
/* Looks a kind up by name; false when unknown. */
bool tw_fact_kind_parse(tw_str name, tw_fact_kind *out);

typedef enum {
    TW_VAL_STR,  /* text */
    TW_VAL_NUM,  /* integer in num; str holds its text */
    TW_VAL_ADDR, /* address or prefix in addr; str holds the normalised text */
    TW_VAL_BOOL, /* num is 0 or 1; str is "true" or "false" */
} tw_val_type;

typedef struct {
    const char *name; /* static */
    tw_val_type type;
    bool secret; /* a secret: str is empty, never printed */
    tw_str str;
    int64_t num;
    tw_cidr addr;
    uint32_t line;   /* line of the statement that set this field; 0: the fact's line */
    tw_str evidence; /* that statement, secrets redacted; empty when line is 0 */
} tw_field;

typedef struct {
    tw_fact_kind kind;
    uint32_t line; /* 1-based; 0 for a default the dialect implies */
    uint32_t nfields;
    tw_field *fields;
    tw_str evidence; /* the statement as written, secrets redacted */
    tw_str context;  /* enclosing block header ("interface Tunnel10"), may be empty */
} tw_fact;

/* First field called name, or NULL. */
const tw_field *tw_fact_get(const tw_fact *f, const char *name);
/* Next field called name after prev (NULL starts), or NULL. */
const tw_field *tw_fact_next(const tw_fact *f, const char *name, const tw_field *prev);
/* The first field called name at index i or later, or NULL: the search
 * behind tw_fact_get and tw_fact_next, inline for the rule engine. */
static inline const tw_field *tw_fact_find(const tw_fact *f, const char *name, size_t i)
{
    for (; i < f->nfields; i++) {
        const char *n = f->fields[i].name;
        if (n[0] == name[0] && strcmp(n, name) == 0)
            return &f->fields[i];
    }
    return NULL;
}

typedef enum {
    TW_DIALECT_UNKNOWN,
    TW_DIALECT_IOS,
    TW_DIALECT_IOSXE,
    TW_DIALECT_NXOS,
    TW_DIALECT_IOSXR,
    TW_DIALECT_JUNOS,
    TW_DIALECT_EOS,
    TW_DIALECT_ASA,
    TW_DIALECT_PANOS,
} tw_dialect;

/* Whether facts of kind are left out of fs (tw_factset.skip): a parser may
 * then pass over the statements that only make such facts. */
#define TW_FACTSET_SKIPS(fs, kind) (((fs)->skip >> (unsigned)(kind) & 1) != 0)

/* "ios", "ios-xe", "nx-os", "ios-xr", "junos", "eos", "asa", "pan-os",
 * "unknown". */
const char *tw_dialect_name(tw_dialect d);
bool tw_dialect_parse(tw_str name, tw_dialect *out);

/* The facts of one configuration file. */
typedef struct {
    tw_arena *arena; /* borrowed: fields and strings live here */
    tw_fact *v;      /* malloc'd vector */
    size_t n, cap, max;
    tw_dialect dialect;
    tw_str hostname; /* empty when the config names none */
    /* builder state for tw_factset_begin/add/end */
    tw_field pending[32];
    uint32_t npending;
    tw_fact cur;
    bool open;
    /* added after the first release: see tw_factset_borrow and
     * tw_factset_reserve */
    const char *borrow; /* strings inside [borrow, borrow + nborrow) are kept as views */
    size_t nborrow;
    bool arena_vec; /* v lives in the arena, not on the heap */
    /* added with fleet fingerprints: the run's key (TW_SIPHASH_KEY bytes)
     * that parsers fingerprint shared secrets with; NULL: none is made */
    const unsigned char *fp_key;
    /* added with the hardening pack: the index of the fact that
     * tw_factset_reopen opened, which tw_factset_end replaces */
    size_t reopened;
    bool reopen;
    /* added with the routing-policy facts: the kinds (a bit per kind) that
     * are not kept: tw_factset_begin of such a kind opens nothing, its
     * fields are dropped and tw_factset_end returns TW_OK, so a parser
     * needs no test of its own.  0 (after init): every kind is kept. */
    uint64_t skip;
    bool skipping;
} tw_factset;

/* Initialises an empty set whose strings come from arena (borrowed). */
void tw_factset_init(tw_factset *fs, tw_arena *arena);
void tw_factset_release(tw_factset *fs);

/* Lets the set keep views of strings that lie inside [data, data + len)
 * instead of copying them into the arena: the caller promises that data
 * outlives the set (tw_audit_buffer parses and applies the rules while the
 * file is in memory).  Such views are not NUL-terminated.  Call it before
 * the first fact. */
void tw_factset_borrow(tw_factset *fs, const char *data, size_t len);
/* Takes the fact vector from the arena, with room for n facts (bounded by
 * max): no realloc copies and no fresh pages when the arena is reused from
 * input to input.  The vector still grows past n (in the arena).  Call it
 * before the first fact: TW_EINVAL afterwards; TW_ENOMEM when the arena
 * cannot hold it.  The set is unchanged on error. */
tw_err tw_factset_reserve(tw_factset *fs, size_t n);

/* Builder: begin a fact, add its fields, end it.  Strings are copied into
 * the arena.  tw_factset_end returns TW_ELIMIT when the fact count cap
 * (TW_LIMIT_FACTS) is reached and TW_ENOMEM when memory runs out.
 * Adding more than 32 fields drops the extra ones. */
void tw_factset_begin(tw_factset *fs, tw_fact_kind kind, uint32_t line, tw_str evidence,
                      tw_str context);
void tw_factset_str(tw_factset *fs, const char *name, tw_str value);
void tw_factset_secret(tw_factset *fs, const char *name);
void tw_factset_num(tw_factset *fs, const char *name, int64_t value);
void tw_factset_bool(tw_factset *fs, const char *name, bool value);
void tw_factset_addr(tw_factset *fs, const char *name, const tw_cidr *value);
/* tw_factset_addr for an address read from text by tw_cidr_parse: when text
 * is a dotted quad alone (which inet_pton's rules make the normalised form)
 * str is text itself, copied or borrowed like any string, and no text is
 * formatted; otherwise as tw_factset_addr. */
void tw_factset_addr_text(tw_factset *fs, const char *name, const tw_cidr *value, tw_str text);
/* Sets the line and evidence of the field added last, for facts gathered
 * from a block (a VTY's "transport input" line inside "line vty 0 4"). */
void tw_factset_field_at(tw_factset *fs, uint32_t line, tw_str evidence);
tw_err tw_factset_end(tw_factset *fs);
/* Opens finished fact i again so that fields can be added to it (a global
 * default a parser learns after the fact: IOS "tacacs-server key" after the
 * hosts).  The fact keeps its line, evidence, context and fields;
 * tw_factset_end then replaces it in place (fields past the cap of 32 are
 * dropped as always).  A fact still pending is discarded.  TW_EINVAL when i
 * is out of range. */
tw_err tw_factset_reopen(tw_factset *fs, size_t i);

#endif
