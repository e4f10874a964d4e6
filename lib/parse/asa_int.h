/*
 * asa_int.h: internals shared by the Cisco ASA parser files.
 *
 * ASA running configurations are IOS-like (indented blocks, "!" lines),
 * so the ASA parser is built on the IOS parser's core (ios_int.h): an
 * ios_parser holds the tokens of the current statement, emits facts at
 * its line with its evidence, parses addresses and gathers the fields of
 * the open block (interface, AAA server, crypto policy) that
 * tw__ios_block_close emits.  What differs is ASA's own: asa.c walks the
 * lines (": Saved" and "Cryptochecksum:" noise, the "ASA Version" header,
 * certificate hex) and redacts secrets by ASA rules; asa_stmt.c handles
 * top-level statements, asa_mgmt.c management access, captures and
 * banners; asa_acl.c keeps names, network objects and object
 * groups, reads access lists with their objects resolved to addresses,
 * interfaces and their access-group bindings, and IKE / IPsec proposals.
 * Nothing here is exported from the library.
 */
#ifndef TW_PARSE_ASA_INT_H
#define TW_PARSE_ASA_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "ios_int.h"
#include "keymap.h"

typedef enum {
    ASA_BLK_NONE,
    ASA_BLK_OTHER,     /* any other top-level statement and its inner lines */
    ASA_BLK_INTERFACE, /* interface NAME */
    ASA_BLK_AAASRV,    /* aaa-server G [(IF)] host A */
    ASA_BLK_OBJECT,    /* object network NAME, object-group network NAME */
    ASA_BLK_CRYPTO,    /* crypto ikev1|ikev2 policy N, ipsec-proposal NAME */
    ASA_BLK_TUNNEL,    /* tunnel-group NAME ipsec-attributes */
} asa_blk_kind;

/* Key kinds of the name table. */
enum {
    ASA_KEY_NAME = 1, /* name A NAME: the member index + 1 of its address */
    ASA_KEY_OBJ,      /* object network NAME: object index + 1 */
    ASA_KEY_GRP,      /* object-group network NAME: object index + 1 */
    ASA_KEY_SVC,      /* a service, protocol or ICMP object or group: 1 */
    ASA_KEY_PROTO,    /* aaa-server G protocol P: the protocol's index + 1 */
    ASA_KEY_NAMEIF,   /* nameif N: the interface fact's index + 1 */
};

/* One member of a network object or group: an address or prefix, or a
 * reference to another object (kind ASA_KEY_OBJ) or group (ASA_KEY_GRP). */
typedef struct {
    tw_cidr c;
    tw_str ref;
    uint32_t kind; /* 0: the address c */
    uint32_t next; /* index + 1 of the next member of the object; 0: none */
} asa_member;

typedef struct {
    uint32_t head, tail; /* index + 1 of the first and last member; 0: none */
} asa_object;

/* An "access-group NAME in|out interface IF" statement, applied to the
 * interface fact once the whole configuration is read. */
typedef struct {
    tw_str acl, nameif, ev;
    uint32_t line;
    bool out;
} asa_bind;

/* The most addresses an ACL operand resolves to, and the most members,
 * objects and bindings a configuration may define (more is a warning). */
#define ASA_OPERAND_MAX 1024
#define ASA_MEMBERS_MAX ((size_t)1 << 22)
#define ASA_BINDS_MAX ((size_t)1 << 16)
/* Nesting of object groups followed, and members visited per operand. */
#define ASA_NEST_MAX 8
#define ASA_VISIT_MAX 65536
/* Members visited for all the operands of a configuration: past it,
 * objects stay names (a warning), so that many entries naming a large
 * nest of groups cannot make the parse slow. */
#define ASA_VISIT_TOTAL ((size_t)1 << 26)

typedef struct {
    ios_parser ip;     /* the IOS core: tokens, emission, the open block's fields */
    asa_blk_kind kind; /* the open top-level block */
    bool cert;         /* inside certificate hex, until "quit" */
    tw_str blk_name;   /* the open object, tunnel group or AAA server's group */
    uint32_t blk_obj;  /* the open object's index + 1 */
    tw_str nameif;     /* of the open interface */
    tw__keymap keys;
    asa_member *mem;
    size_t nmem, capmem;
    asa_object *obj;
    size_t nobj, capobj;
    asa_bind *bind;
    size_t nbind, capbind;
    bool limit_warned;
    size_t visits; /* members visited for all operands (ASA_VISIT_TOTAL) */
    bool visits_warned;
    size_t hostname_fact;             /* index + 1 of the hostname fact */
    bool logging_enable;              /* "logging enable" */
    tw_str banner;                    /* the type of the previous statement's banner */
    const char *strength;             /* of the statement's secret or community, or NULL */
    char community_fp[17];            /* the fingerprint of its SNMP community, or "" */
    tw_cidr opnd[2][ASA_OPERAND_MAX]; /* resolved source and destination */
} asa_parser;

#define ASA_IS(p, i, w) tw__ios_is(&(p)->ip, (i), (w))
#define ASA_TOK(p, i) tw__ios_tok(&(p)->ip, (i))

/* The secret type of an ASA storage keyword after a password: pbkdf2 8,
 * encrypted and nt-encrypted 5 (MD5 and MD4 based), none 0. */
int tw__asa_hash_type(const asa_parser *p, size_t from);
/* Emits a secret fact for the redacted token at index at (nothing when
 * at is not "<redacted>"): owner "owner owner_arg" (owner alone when
 * owner_arg is empty), form, type. */
void tw__asa_secret(asa_parser *p, const char *owner, tw_str owner_arg, const char *form,
                    int64_t type, size_t at);
/* Opens a top-level block. */
void tw__asa_open(asa_parser *p, asa_blk_kind kind, ios_blk_kind ios_kind, tw_fact_kind fact,
                  tw_str name);
/* The index + 1 of the fact emitted last, or 0 when it was not kept. */
size_t tw__asa_last(const asa_parser *p);

/* Statements outside blocks (asa_stmt.c); t indexes the first token after
 * "no"; true when the statement was one of asa_stmt.c's. */
bool tw__asa_top(asa_parser *p, bool neg, size_t t);
/* Management access, captures, banners, the password policy
 * (asa_mgmt.c): handlers of asa_stmt.c's table. */
void tw__asa_ssh(asa_parser *p, bool neg, size_t t);
void tw__asa_telnet(asa_parser *p, bool neg, size_t t);
void tw__asa_http(asa_parser *p, bool neg, size_t t);
void tw__asa_capture(asa_parser *p, bool neg, size_t t);
void tw__asa_banner(asa_parser *p, bool neg, size_t t);
void tw__asa_password_policy(asa_parser *p, bool neg, size_t t);
/* Lines inside an AAA server or a tunnel group's ipsec-attributes. */
void tw__asa_aaasrv_line(asa_parser *p, size_t t);
void tw__asa_tunnel_line(asa_parser *p, size_t t);

/* Names, objects, access lists, interfaces, proposals (asa_acl.c). */
bool tw__asa_top_acl(asa_parser *p, bool neg, size_t t);
void tw__asa_object_line(asa_parser *p, size_t t);
void tw__asa_interface_line(asa_parser *p, bool neg, size_t t);
void tw__asa_crypto_line(asa_parser *p, size_t t);
/* Closes the open interface block: emits it and remembers its nameif. */
void tw__asa_interface_close(asa_parser *p);
/* An address operand written "host X", "X" or "X MASK" where X may be a
 * name ("name A X"); false when it is none. */
bool tw__asa_host(asa_parser *p, tw_str s, tw_cidr *out);
/* Applies the access-group bindings to the interfaces (once, at the end). */
void tw__asa_bind_finish(asa_parser *p);

#endif
