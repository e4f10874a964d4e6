/*
 * eos_int.h: internals shared by the Arista EOS parser files.
 *
 * EOS configurations are IOS-like, so the EOS parser is built on the IOS
 * parser's core (ios_int.h): an ios_parser holds the tokens of the current
 * statement, emits facts at its line with its evidence, parses addresses,
 * reads ACL entries, and gathers the fields of the open block (interface,
 * tunnel, script) that tw__ios_block_close emits.  What differs is EOS's
 * own: eos.c walks the lines (EOF-terminated banners, comments and bash
 * scripts, the "! device:" header), redacts secrets by EOS rules (sha512
 * hashes, 8a keys) and sweeps addresses; eos_stmt.c handles top-level
 * statements; eos_block.c handles lines inside blocks, the management
 * services, interfaces and IPsec policies, route maps and prefix lists
 * (whose entries the IOS policy reader reads); eos_bgp.c gathers BGP
 * neighbours and their peer groups; eos_final.c applies what is only known
 * at the end (implied defaults, global keys and settings, BGP inheritance);
 * lib/parse/keymap.c is the hash table the last two look names up in.
 * Nothing here is exported from the library.
 */
#ifndef TW_PARSE_EOS_INT_H
#define TW_PARSE_EOS_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "ios_int.h"
#include "keymap.h"

typedef enum {
    EOS_BLK_NONE,
    EOS_BLK_OTHER,     /* any other top-level statement and its inner lines */
    EOS_BLK_INTERFACE, /* interface NAME */
    EOS_BLK_ACL,       /* ip access-list [standard] NAME, ipv6 access-list NAME */
    EOS_BLK_AAAGRP,    /* aaa group server tacacs+|radius NAME */
    EOS_BLK_MGMT,      /* management ssh|telnet|api ... */
    EOS_BLK_SCRIPT,    /* event-handler NAME, daemon NAME, alias NAME (block form) */
    EOS_BLK_BGP,       /* router bgp ASN */
    EOS_BLK_IPSEC,     /* ip security */
    EOS_BLK_ROUTEMAP,  /* route-map NAME permit|deny SEQ (read by ios_policy.c) */
    EOS_BLK_PREFIX,    /* ip|ipv6 prefix-list NAME (block form) */
} eos_blk_kind;

/* Multi-line text that ends with a line "EOF". */
typedef enum {
    EOS_TEXT_NONE,
    EOS_TEXT_BANNER,  /* banner login|motd: skipped */
    EOS_TEXT_COMMENT, /* comment: skipped */
    EOS_TEXT_BASH,    /* action bash with no command: each line is an action */
} eos_text_kind;

/* A management service block: the service fact emitted when it closes. */
typedef struct {
    const char *name; /* "ssh", "telnet", "https", "gnmi", ...; NULL: no fact */
    bool enabled;
    uint32_t enabled_line; /* statement that set enabled; 0: the default */
    tw_str enabled_ev;
    bool http; /* http-commands: "protocol http" */
    uint32_t http_line;
    tw_str http_ev;
    bool security; /* management security: the password policy */
} eos_mgmt;

/* A statement whose setting applies to facts read before it: a global key
 * ("tacacs-server key 7 K") or "no ip icmp redirect". */
typedef struct {
    bool set;
    int type; /* of a key */
    uint32_t line;
    tw_str ev;
} eos_global;

/* One boolean setting of an interface, with the statement that wrote it
 * (line 0: the EOS default). */
typedef struct {
    bool on;
    uint32_t line;
    tw_str ev;
} eos_flag;

/* The IPv4 settings of the open interface block: every interface with an
 * IPv4 address carries proxy_arp and directed_broadcast (EOS: both off
 * unless written), and redirects from the global setting at the end. */
typedef struct {
    bool v4; /* an "ip address" statement of any form */
    eos_flag proxy_arp, dbcast;
} eos_ifv4;

#define EOS_PROP_FIELDS 16

/* An "ike policy" or "sa policy" inside "ip security": emitted when the
 * next statement at its level, or the end of the block, is read. */
typedef struct {
    bool open;
    bool ipsec; /* sa policy */
    uint32_t line;
    tw_str ev, name;
    uint32_t n;
    ios_field f[EOS_PROP_FIELDS];
} eos_prop;

/* Indices of facts of this parse that eos_final.c amends (so that it
 * does not look through all of them). */
typedef struct {
    uint32_t *v;
    size_t n, cap;
} eos_index;

typedef struct eos_bgp eos_bgp; /* eos_bgp.c */

typedef struct {
    ios_parser ip;      /* the IOS core: tokens, emission, the open block's fields */
    eos_blk_kind kind;  /* the open top-level block */
    eos_text_kind text; /* inside multi-line text until "EOF" */
    eos_mgmt mgmt;
    eos_ifv4 ifv4;
    eos_prop prop;
    eos_bgp *bgp;           /* NULL until the first BGP neighbour */
    eos_index v4_ifs;       /* interfaces with IPv4 */
    eos_index aaa_servers;  /* hosts and servers of groups */
    bool lldp_seen;         /* "lldp run" or "no lldp run" */
    eos_global no_redirect; /* no ip icmp redirect */
    eos_global tacacs_key;  /* tacacs-server key [T] K */
    eos_global radius_key;  /* radius-server key [T] K */
    const char *community;  /* strength of the statement's SNMP community, or NULL */
    char community_fp[17];  /* its fingerprint (tw__community_fingerprint), or "" */
} eos_parser;

#define EOS_IS(p, i, w) tw__ios_is(&(p)->ip, (i), (w))
#define EOS_TOK(p, i) tw__ios_tok(&(p)->ip, (i))

/* The secret type of a type token ("0", "5", "7", "8a", "sha512"), or -1
 * when tok is no type.  sha512 is 10 (SHA-512 crypt, as Cisco numbers it),
 * 8a/8b (AES-encrypted, reversible with the device key) are 6. */
int tw__eos_secret_type(tw_str tok);
/* Emits a secret fact for the redacted token at index at: the type is that
 * of the token before it (0 when none); the owner is "owner owner_arg"
 * (owner_arg alone when owner is empty).  Nothing when at is not
 * "<redacted>". */
void tw__eos_secret(eos_parser *p, const char *owner, tw_str owner_arg, const char *form,
                    size_t at);
/* Opens a top-level block of EOS kind kind; ios_kind tells tw__ios_block_close
 * what to emit. */
void tw__eos_open(eos_parser *p, eos_blk_kind kind, ios_blk_kind ios_kind, tw_fact_kind fact,
                  tw_str name);

/* Statements outside blocks (eos_stmt.c); t indexes the first token after
 * "no". */
void tw__eos_top(eos_parser *p, bool neg, size_t t);

/* Blocks (eos_block.c). */
void tw__eos_mgmt_open(eos_parser *p, size_t t);
void tw__eos_block_line(eos_parser *p, bool neg, size_t t);
void tw__eos_block_close(eos_parser *p);
/* An action line of a multi-line bash script of the open event handler. */
void tw__eos_bash_line(eos_parser *p);

/* BGP (eos_bgp.c): a statement inside "router bgp" (t indexes its first
 * word), and the routing_peer facts, inheritance resolved, at the end. */
void tw__eos_bgp_line(eos_parser *p, size_t t);
void tw__eos_bgp_finish(eos_parser *p);

/* What is known only once the whole configuration is read (eos_final.c):
 * tw__eos_remember keeps the index of the fact just emitted in x when it
 * is of kind kind (it was not dropped); tw__eos_finish amends and adds. */
void tw__eos_remember(eos_parser *p, eos_index *x, tw_fact_kind kind);
void tw__eos_finish(eos_parser *p);

#endif
