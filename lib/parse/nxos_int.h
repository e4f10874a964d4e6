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

/* A service fact {name, enabled} at the current line. */
void tw__nx_service(nx_parser *p, const char *name, bool enabled);
/* An address operand of its own line: a prefix written A/L is read as
 * the host A (an interface's own address), A alone as a host. */
bool tw__nx_host(nx_parser *p, tw_str s, tw_cidr *out);

#endif
