/*
 * junos_int.h: internals shared by the Juniper Junos parser files.
 *
 * junos.c reads both forms of a Junos configuration into one statement
 * layer: a brace-form leaf ("address 10.0.0.1/30;" inside "interfaces {
 * ge-0/0/0 { unit 0 { family inet {") becomes the same path words as its
 * set line ("set interfaces ge-0/0/0 unit 0 family inet address
 * 10.0.0.1/30"), keeping the leaf's own line.  It also redacts secrets,
 * builds the evidence and sweeps address literals.  junos_stmt.c is the one
 * interpreter of path words for both forms; statements that belong to one
 * object (the terms of a filter, the leaves of a TACACS+ server) are
 * gathered in a group and emitted when the next statement names another
 * object.  junos_hard.c reads the hardening settings (one-off services,
 * syslog levels, SNMPv3 users, IKE and IPsec proposals), junos_policy.c
 * the routing policy (prefix lists, route filter lists, policy statements)
 * and junos_bgp.c the BGP neighbours, whose inherited settings are
 * resolved when the input ends.  Nothing here is exported from the library.
 */
#ifndef TW_PARSE_JUNOS_INT_H
#define TW_PARSE_JUNOS_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "keymap.h"
#include "tidewatch/config.h"
#include "tidewatch/limits.h"

#define JN_MAXW TW_LIMIT_TOKENS_PER_LINE /* path words of one statement */
#define JN_MAXKEY 12                     /* words of a group key */
#define JN_REDACTED "<redacted>"

typedef enum {
    JN_G_NONE,
    JN_G_USER,      /* system login user U */
    JN_G_AAA,       /* system tacplus-server A, system radius-server A */
    JN_G_SERVICE,   /* system services NAME [sub] */
    JN_G_SYSLOG,    /* system syslog host A */
    JN_G_NTP,       /* system ntp server A */
    JN_G_COMMUNITY, /* snmp community C */
    JN_G_TERM,      /* firewall ... filter F term T */
    JN_G_IFACE,     /* interfaces IFD [unit N] */
    JN_G_MIRROR,    /* forwarding-options port-mirroring / analyzer */
    JN_G_SCRIPT,    /* event-options policy P */
    JN_G_ACCT,      /* system accounting */
    JN_G_SNMP_USER, /* snmp v3 usm local-engine|remote-engine E user U */
    JN_G_CRYPTO,    /* security ike|ipsec proposal P */
    JN_G_POLICY,    /* policy-options policy-statement P [term T] */
} jn_group_kind;

/* A field gathered in a group, emitted when the group closes. */
typedef struct {
    const char *name;
    tw_val_type type;
    bool secret;
    tw_str str;
    int64_t num;
    tw_cidr addr;
    uint32_t line;
    tw_str ev;
} jn_field;

typedef struct {
    jn_group_kind kind;
    size_t nkey;
    tw_str key[JN_MAXKEY];
    uint32_t line; /* line of the first statement */
    tw_str ev;     /* its evidence */
    tw_str name;   /* the object's name (filter, interface, server...) */
    tw_str sub;    /* a second name (term, unit, service sub-protocol) */
    tw_str vrf;
    bool flag;   /* kind-specific: interface disabled, community rw */
    uint64_t id; /* community: jn_parser.comm_id when the group opened */
    int64_t seq; /* policy term: its position in the policy times 10 */
    char fp[17]; /* community: jn_parser.comm_fp when the group opened */
    uint32_t nfields;
    jn_field fields[TW_LIMIT_FIELDS];
} jn_group;

/* A statement remembered for a fact emitted when the input ends. */
typedef struct {
    uint32_t line; /* 0: not seen */
    tw_str ev;
} jn_mark;

typedef struct {
    const char *file;
    tw_factset *fs;
    tw_diags *diags;
    tw_err rc;     /* fatal condition: stops the walk */
    uint32_t line; /* line of the current statement */
    size_t nw;     /* path words of the current statement */
    tw_str w[JN_MAXW];
    bool quoted[JN_MAXW];
    size_t own;      /* first word written on the statement's own line */
    size_t list;     /* first word that came from a [ ] list; nw when none */
    size_t base;     /* words of a "groups NAME" prefix the interpreter skips */
    bool inactive;   /* under an inactive: statement: no facts but addresses */
    bool has_secret; /* a word of the statement was a secret (now <redacted>) */
    int64_t sectype; /* the type of the last one (tw__jn_secret_type) */
    tw_str ev;       /* "set " + path words, secrets redacted */
    jn_group g;
    /* The last SNMP community redacted (a brace-form header's stays for
     * the leaves under it): its strength, and a hash that tells two
     * communities apart in groups.  The community itself is not kept. */
    const char *comm_strength;
    uint64_t comm_id;
    char comm_fp[17];   /* its fingerprint (tw__community_fingerprint), or "" */
    uint32_t once;      /* JN_ONCE_* services already emitted */
    jn_mark lldp;       /* first "protocols lldp" statement */
    jn_mark lldp_off;   /* "protocols lldp disable" */
    struct jn_bgp *bgp; /* BGP objects (junos_bgp.c), NULL until the first */
    tw__keymap pos;     /* positions of policy terms and list entries (junos_policy.c) */
} jn_parser;

/* Word helpers: i counts from p->base; bounds-checked, case-sensitive
 * (Junos keywords are lower-case). */
static inline tw_str tw__jn_w(const jn_parser *p, size_t i)
{
    return p->base + i < p->nw ? p->w[p->base + i] : TW_STR_NULL;
}
static inline bool tw__jn_is(const jn_parser *p, size_t i, const char *word)
{
    return tw_str_eq_c(tw__jn_w(p, i), word);
}
static inline size_t tw__jn_n(const jn_parser *p)
{
    return p->nw - p->base;
}
bool tw__jn_addr(tw_str s, tw_cidr *out);
bool tw__jn_num(tw_str s, int64_t *out);
void tw__jn_warn(jn_parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Fact emission at the current statement's line and evidence. */
void tw__jn_begin(jn_parser *p, tw_fact_kind kind);
void tw__jn_end(jn_parser *p);
/* The secret type of a Junos secret word: 7 for "$9$" (reversible), 5
 * for "$1$" (MD5 crypt), 8 for "$5$" / "$6$" (SHA crypt), 0 otherwise. */
int64_t tw__jn_secret_type(tw_str s);

/* The interpreter (junos_stmt.c): one statement; tw__jn_flush emits the
 * open group, tw__jn_finish everything still pending at the end of input. */
void tw__jn_statement(jn_parser *p);
void tw__jn_flush(jn_parser *p);
void tw__jn_finish(jn_parser *p);

/* Groups (junos_stmt.c): the group of the first nkey words (after base),
 * the open one when it names the same object; and fields added to it at
 * the current statement's line. */
jn_group *tw__jn_group(jn_parser *p, jn_group_kind kind, size_t nkey);
void tw__jn_gstr(jn_parser *p, const char *name, tw_str v);
void tw__jn_gnum(jn_parser *p, const char *name, int64_t v);
bool tw__jn_has_field(const jn_group *g, const char *name);
/* True when word i (after base) came from a [ ] list. */
static inline bool tw__jn_in_list(const jn_parser *p, size_t i)
{
    return p->base + i >= p->list;
}
/* Words from i to the end, joined by spaces, in the arena (at most about
 * 1 KiB). */
tw_str tw__jn_join(jn_parser *p, size_t i);
/* s in lower case (s itself when it has no upper-case letter). */
tw_str tw__jn_lower(jn_parser *p, tw_str s);

/* Hardening settings (junos_hard.c). */
void tw__jn_hard_system(jn_parser *p);
void tw__jn_snmp_user(jn_parser *p);
void tw__jn_security(jn_parser *p);
void tw__jn_lldp(jn_parser *p);
void tw__jn_hard_finish(jn_parser *p);

/* Routing policy (junos_policy.c): a "policy-options" statement
 * (prefix-list, route-filter-list and policy-statement), and the
 * route_map fact of a policy term's group when it closes. */
void tw__jn_policy(jn_parser *p);
void tw__jn_policy_flush(jn_parser *p);

/* BGP (junos_bgp.c): a statement from the word after "bgp" (i), in
 * routing instance vrf (empty: the master instance); the autonomous system
 * of "routing-options autonomous-system N" (i at "autonomous-system"); and
 * the routing_peer facts, inheritance resolved, at the end of input. */
void tw__jn_bgp(jn_parser *p, size_t i, tw_str vrf);
void tw__jn_bgp_as(jn_parser *p, size_t i, tw_str vrf);
void tw__jn_bgp_finish(jn_parser *p);

#endif
