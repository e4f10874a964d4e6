/*
 * nxos_int.h: internals shared by the Cisco NX-OS parser files.
 *
 * The NX-OS parser reuses the IOS parser's machinery through ios_int.h
 * (the token helpers, the redaction masks, fact emission, the block
 * gatherer and the ACL entry reader) and adds its own line walk (nxos.c),
 * top-level statements (nxos_stmt.c) and block lines (nxos_block.c).  An
 * nx_parser holds an ios_parser as its first member, so the IOS helpers
 * work on it unchanged.  Nothing here is exported from the library.
 */
#ifndef TW_PARSE_NXOS_INT_H
#define TW_PARSE_NXOS_INT_H

#include "ios_int.h"

/* An interface setting with an NX-OS default (redirects on, proxy ARP and
 * directed broadcast off), and where it was written. */
enum { NX_IF_REDIRECTS, NX_IF_PROXY_ARP, NX_IF_DBCAST, NX_IF_NSET };
typedef struct {
    bool on;
    uint32_t line; /* 0: not written */
    tw_str ev;
} nx_setting;

typedef struct nx_aaa nx_aaa;
typedef struct nx_bgp nx_bgp;

typedef struct {
    ios_parser io;        /* first: the IOS helpers take &p->io */
    bool feature_ssh;     /* "feature ssh" or "no feature ssh" was written */
    bool telnet;          /* "feature telnet" */
    uint32_t telnet_line; /* its line and evidence, for the VTY transports */
    tw_str telnet_ev;
    bool vrf_ctx;    /* the open block is "vrf context V" */
    tw_str vrf;      /* its name */
    bool grp_tacacs; /* the open "aaa group server" is tacacs+ */
    bool ssh_off;    /* "no feature ssh" */
    bool cdp;        /* "cdp enable" or "no cdp enable" was written */
    /* SNMP community strength, judged before redaction; NULL: none */
    const char *community_strength;
    char community_fp[17]; /* its fingerprint (tw__community_fingerprint), or "" */
    /* the interface block: an IPv4 address, and the three ICMP/ARP
     * settings as written (line 0: the NX-OS default) */
    bool if_v4;
    nx_setting if_set[NX_IF_NSET];
    /* global "tacacs-server key" / "radius-server key" types; -1: none */
    int64_t gkey[2];
    nx_aaa *aaa; /* AAA server key bookkeeping (nxos.c), lazily made */
    bool bgp_on; /* the open block is "router bgp" */
    nx_bgp *bgp; /* BGP neighbours and templates (nxos_bgp.c), lazily made */
} nx_parser;

#define NX_IS(i, w) tw__ios_is(&p->io, (i), (w))
#define NX_TOK(i) tw__ios_tok(&p->io, (i))

/* Top-level statements (nxos_stmt.c); neg is set for a "no" form and t is
 * the index of the first token after "no". */
void tw__nx_top(nx_parser *p, bool neg, size_t t);
/* ip|ipv6 route P/L ... at token t (nxos_stmt.c); inside "vrf context V"
 * the route carries the VRF. */
void tw__nx_route(nx_parser *p, size_t t);
/* One line inside the open block (nxos_block.c). */
void tw__nx_block_line(nx_parser *p, bool neg, size_t t);
/* Closes the open block, adding what the block's fact takes from the rest
 * of the configuration (the VTY's transports from "feature telnet"). */
void tw__nx_block_close(nx_parser *p);

/* AAA servers (nxos.c): a host of "tacacs-server|radius-server host" and
 * a member of "aaa group server" whose fact was just emitted (at index
 * fact, or none when fs did not grow); a key of its own has type key
 * (-1: none).  Servers without a key take the type of their host's key or
 * of the global key at the end of the parse. */
void tw__nx_aaa_server(nx_parser *p, size_t fact, bool tacacs, tw_str target, int64_t key);

/* BGP (nxos_bgp.c): "router bgp N" opens the block; its lines; the block
 * closes; at the end of the parse, neighbours take what their templates
 * give (remote AS, password). */
void tw__nx_bgp_open(nx_parser *p);
void tw__nx_bgp_line(nx_parser *p, bool neg, size_t t);
void tw__nx_bgp_close(nx_parser *p);
void tw__nx_bgp_finish(nx_parser *p);

/* An address operand of its own line: a prefix written A/L is read as
 * the host A (an interface's own address), A alone as a host. */
bool tw__nx_host(nx_parser *p, tw_str s, tw_cidr *out);

#endif
