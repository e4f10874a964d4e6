/*
 * iosxr_int.h: internals shared by the Cisco IOS XR parser files.
 *
 * iosxr.c walks the lines (the "!!" headers, banners, comments,
 * indentation, the address sweep) and emits facts; iosxr_redact.c replaces
 * the secrets of a statement before anything reads it; iosxr_stmt.c
 * handles top-level statements and block headers; iosxr_block.c gathers
 * the facts of blocks (interfaces, usernames, AAA hosts, ACLs, lines,
 * monitor sessions, static routes) and emits them when the block closes;
 * iosxr_harden.c reads the hardening blocks (password policies, IKEv2
 * proposals, TLS syslog servers) and gives servers the global key;
 * iosxr_policy.c reads routing policy (prefix-sets, route-policies);
 * iosxr_bgp.c keeps BGP neighbours and their groups.  Monitor sessions and
 * BGP neighbours are emitted at the end of the file, once what they
 * inherit is known, and the global TACACS+/RADIUS keys are applied then.
 * Nothing here is exported from the library.
 */
#ifndef TW_PARSE_IOSXR_INT_H
#define TW_PARSE_IOSXR_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "cisco_int.h"
#include "tidewatch/config.h"
#include "tidewatch/limits.h"

#define XR_MAXTOK TW_LIMIT_TOKENS_PER_LINE
#define XR_REDACTED "<redacted>"
#define XR_MAX_MON 64      /* monitor sessions kept until the end of the file */
#define XR_MAX_TUN 256     /* tunnel-ip destinations remembered for ERSPAN */
#define XR_MAX_PEERS 65536 /* BGP neighbours kept until the end of the file */
#define XR_MAX_GROUPS 512  /* BGP neighbor-groups and session-groups */

typedef enum {
    XR_BLK_NONE,
    XR_BLK_OTHER,
    XR_BLK_INTERFACE,
    XR_BLK_ACL,     /* ipv4|ipv6 access-list NAME */
    XR_BLK_USER,    /* username NAME */
    XR_BLK_AAAHOST, /* tacacs-server host A, radius-server host A */
    XR_BLK_AAAGRP,  /* aaa group server tacacs+|radius NAME */
    XR_BLK_LINE,    /* line default, line template NAME */
    XR_BLK_MONITOR, /* monitor-session NAME */
    XR_BLK_NTP,     /* ntp */
    XR_BLK_STATIC,  /* router static */
    XR_BLK_SNMPVRF, /* snmp-server vrf V */
    XR_BLK_KEYCHAIN,
    XR_BLK_BGP,       /* router bgp: neighbor passwords */
    XR_BLK_GRPC,      /* grpc */
    XR_BLK_APPMGR,    /* appmgr */
    XR_BLK_PWPOLICY,  /* aaa password-policy NAME */
    XR_BLK_IKEPROP,   /* [crypto] ikev2 proposal NAME */
    XR_BLK_TLSLOG,    /* logging tls-server NAME */
    XR_BLK_PREFIXSET, /* prefix-set NAME ... end-set */
    XR_BLK_RPL,       /* route-policy NAME ... end-policy */
} xr_blk_kind;

/* Where a setting was written: its line and evidence (line 0: nowhere). */
typedef struct {
    uint32_t line;
    tw_str ev;
} xr_at;

/* A field gathered inside a block, emitted when the block closes. */
typedef struct {
    const char *name;
    tw_val_type type;
    tw_str str;
    int64_t num;
    tw_cidr addr;
    uint32_t line; /* 0: the fact's line */
    tw_str ev;
} xr_field;

typedef struct {
    xr_blk_kind kind;
    tw_fact_kind fact;
    uint32_t line;
    tw_str header;
    tw_str name;
    bool ipv6;
    bool shutdown;
    bool tunnel; /* interface tunnel-ip */
    uint32_t nfields;
    xr_field fields[TW_LIMIT_FIELDS];
    uint32_t ntun;
    xr_field tun[8];
    xr_field ifopt[3]; /* interface redirects, proxy_arp, directed_broadcast */
    xr_at mark;        /* a statement a fact points to (a password policy's lockout) */
    int64_t pos;       /* prefix-set: elements read so far */
    bool full;         /* route-policy: more statements than a fact holds (warned) */
} xr_block;

/* A global "tacacs-server key" or "radius-server key". */
typedef struct {
    bool set;
    int64_t type;
    xr_at at;
} xr_gkey;

/* A BGP neighbour, neighbor-group or session-group (iosxr_bgp.c). */
typedef struct {
    tw_str name; /* the group's name; the neighbour's address as written */
    tw_cidr addr;
    tw_str header, ctx, vrf;
    uint32_t line;
    char kind;         /* 'n' neighbour, 'g' neighbor-group, 's' session-group */
    uint8_t own;       /* authentication forms written in this block */
    uint8_t noinherit; /* forms whose inheritance is disabled here */
    bool has_as;
    int64_t as;
    xr_at auth_at, as_at, ng_at;
    tw_str ng, sg;    /* use neighbor-group / use session-group */
    int32_t ngi, sgi; /* their indices in the group table; -1: none */
} xr_bgp;

/* A monitor session, kept until the end of the file. */
typedef struct {
    tw_str name;
    uint32_t line; /* 0 while only an interface has named it */
    tw_str header;
    tw_str type;
    tw_str dest_tunnel; /* "tunnel-ip N" when the destination is one */
    uint32_t nfields;
    xr_field fields[TW_LIMIT_FIELDS];
} xr_monitor;

typedef struct {
    tw_str name; /* "tunnel-ip1", lower-case, no space */
    xr_field dest;
} xr_tunnel;

typedef struct {
    int indent;
    tw_str text;
} xr_frame;

typedef struct {
    const char *file;
    tw_factset *fs;
    tw_diags *diags;
    tw_err rc;
    uint32_t lineno;
    tw_str ev;  /* the statement, trimmed, secrets redacted */
    tw_str ctx; /* enclosing top-level header */
    int depth;  /* open headers above the statement */
    size_t ntok;
    tw_str tok[XR_MAXTOK];
    size_t secret_at; /* index of the first redacted token; 0 when none */
    const char *secret_form;
    bool secret_done; /* a secret fact was made for this statement */
    xr_block blk;
    int nstack;
    xr_frame stack[TW_LIMIT_DEPTH];
    size_t nmon;
    xr_monitor *mon; /* XR_MAX_MON, in the arena */
    size_t ntunnels;
    xr_tunnel *tunnels;   /* XR_MAX_TUN, in the arena */
    const char *strength; /* of the statement's SNMP community, judged before redaction */
    char fingerprint[17]; /* of that community (tw__community_fingerprint), or "" */
    size_t first_fact;    /* the first fact of this file in fs */
    xr_gkey gkey[2];      /* the global TACACS+ [0] and RADIUS [1] keys */
    xr_bgp *peers;        /* BGP neighbours, in the arena */
    size_t npeers, cap_peers;
    xr_bgp *groups; /* BGP neighbor-groups and session-groups, in the arena */
    size_t ngroups, cap_groups;
    int32_t bgp_cur;  /* the record being read: an index, -1 for none */
    bool bgp_cur_grp; /* ... in groups rather than peers */
    int bgp_depth;    /* the depth of its header */
    bool bgp_full;    /* a BGP table was full (warned once) */
} xr_parser;

/* ---- tokens (iosxr.c) ---- */

bool tw__xr_is(const xr_parser *p, size_t i, const char *word);
tw_str tw__xr_tok(const xr_parser *p, size_t i);
bool tw__xr_digits(tw_str s);
tw_str tw__xr_rest(const xr_parser *p, size_t i);
tw_str tw__xr_span(const xr_parser *p, size_t i, size_t j);
tw_str tw__xr_lower(xr_parser *p, tw_str s);
bool tw__xr_addr(tw_str s, tw_cidr *out);
bool tw__xr_num(tw_str s, int64_t *out);
void tw__xr_warn(xr_parser *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- facts (iosxr.c) ---- */

void tw__xr_begin(xr_parser *p, tw_fact_kind kind);
void tw__xr_end(xr_parser *p);
/* A secret fact {owner, form, type} for the redacted token of the
 * statement; the type is read from the token before it. */
void tw__xr_secret(xr_parser *p, const char *owner, tw_str arg);
/* The type of the secret at index i: the number before it, 7 for
 * "encrypted", 0 for "clear" or nothing. */
int64_t tw__xr_secret_type(const xr_parser *p, size_t i);
void tw__xr_service(xr_parser *p, const char *name, bool enabled);

/* ---- redaction (iosxr_redact.c) ---- */

/* Replaces the secrets of the tokenized statement in p->ev and p->tok;
 * sets p->secret_at and p->secret_form. */
void tw__xr_redact(xr_parser *p);

/* ---- statements and blocks ---- */

void tw__xr_top(xr_parser *p, bool neg, size_t t);
/* Checks made on every statement at any depth (sshd_operns). */
void tw__xr_any(xr_parser *p, bool neg);
/* host A [traps|informs] [version V] ... at token h: an snmp_host fact. */
void tw__xr_snmp_host(xr_parser *p, size_t h, tw_str vrf);
/* A secret fact for a redacted statement no handler claimed, owned by
 * the enclosing block (or the first word at the top level). */
void tw__xr_secret_default(xr_parser *p);
void tw__xr_block_open(xr_parser *p, xr_blk_kind kind, tw_fact_kind fact, tw_str name);
void tw__xr_block_line(xr_parser *p, bool neg, size_t t);
void tw__xr_block_close(xr_parser *p);
void tw__xr_blk_str(xr_parser *p, const char *name, tw_str v, bool own_line);
void tw__xr_blk_num(xr_parser *p, const char *name, int64_t v, bool own_line);
void tw__xr_blk_addr(xr_parser *p, const char *name, const tw_cidr *v, bool own_line);
/* An ACL entry from token i (the action); list named name. */
void tw__xr_acl_entry(xr_parser *p, tw_str list, bool ipv6, size_t i, bool has_seq, int64_t seq);
/* The monitor session called name, created when new; NULL when full. */
xr_monitor *tw__xr_monitor(xr_parser *p, tw_str name);
/* Emits the kept monitor sessions (at the end of the file). */
void tw__xr_monitors_emit(xr_parser *p);
void tw__xr_put_field(xr_parser *p, const xr_field *f);

/* ---- hardening settings (iosxr_harden.c) ---- */

/* A syslog severity, a number 0..7 or a name (emergencies .. debugging,
 * XR "info", "error", "warning" too); false when s is neither. */
bool tw__xr_severity(tw_str s, int64_t *out);
/* A logging fact {setting: trap, enabled: true, severity} at the line. */
void tw__xr_trap_fact(xr_parser *p, int64_t severity);
/* A line inside a password policy, IKEv2 proposal or TLS syslog server. */
void tw__xr_harden_line(xr_parser *p, size_t t);
/* Emits the facts of such a block (kind: the block that closed). */
void tw__xr_harden_close(xr_parser *p, xr_blk_kind kind);
/* At the end of the file: key_type from the global key for the servers
 * with none of their own, and from its host for a group's "server A". */
void tw__xr_keys_apply(xr_parser *p);

/* ---- routing policy (iosxr_policy.c) ---- */

/* prefix-set NAME and route-policy NAME at token t open their blocks. */
void tw__xr_prefix_set_open(xr_parser *p, size_t t);
void tw__xr_rpl_open(xr_parser *p, size_t t);
/* A line inside a prefix-set (its elements, each a prefix_list fact) or a
 * route-policy (its if conditions and set statements, fields of the one
 * route_map fact emitted when the block closes). */
void tw__xr_prefix_set_line(xr_parser *p, size_t t);
void tw__xr_rpl_line(xr_parser *p, size_t t);

/* ---- BGP (iosxr_bgp.c) ---- */

/* A line inside "router bgp" (any depth). */
void tw__xr_bgp_line(xr_parser *p, bool neg, size_t t);
/* Emits a routing_peer fact per neighbour (at the end of the file). */
void tw__xr_bgp_emit(xr_parser *p);

#endif
