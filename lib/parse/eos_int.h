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
 * statements; eos_block.c handles lines inside blocks and the management
 * services.  Nothing here is exported from the library.
 */
#ifndef TW_PARSE_EOS_INT_H
#define TW_PARSE_EOS_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "ios_int.h"

typedef enum {
    EOS_BLK_NONE,
    EOS_BLK_OTHER,     /* any other top-level statement and its inner lines */
    EOS_BLK_INTERFACE, /* interface NAME */
    EOS_BLK_ACL,       /* ip access-list [standard] NAME, ipv6 access-list NAME */
    EOS_BLK_AAAGRP,    /* aaa group server tacacs+|radius NAME */
    EOS_BLK_MGMT,      /* management ssh|telnet|api ... */
    EOS_BLK_SCRIPT,    /* event-handler NAME, daemon NAME, alias NAME (block form) */
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
} eos_mgmt;

typedef struct {
    ios_parser ip;      /* the IOS core: tokens, emission, the open block's fields */
    eos_blk_kind kind;  /* the open top-level block */
    eos_text_kind text; /* inside multi-line text until "EOF" */
    eos_mgmt mgmt;
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

#endif
