/*
 * test_capture.c: packet captures (lib/parse/capture.c through capture.h):
 * flows out of pcap and pcapng files, with the payload clues (TACACS+,
 * SSH, FTP, TFTP, HTTP, GRE and ERSPAN), and damaged input.
 *
 * The captures are built in memory by a small writer: a classic pcap
 * (little-endian, microseconds or nanoseconds), or pcapng (SHB, IDB,
 * EPBs), over Ethernet (optionally with an 802.1Q tag) or raw IP; packets
 * are IPv4 or IPv6 with TCP, UDP or GRE.  No checksums: libpcap does not
 * look at them.  Table-driven: each row is a list of frames and the exact
 * fields of the events they must give.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <arpa/inet.h>
#include <cmocka.h>
#include <sys/socket.h>

#include "tidewatch/capture.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
/* A binary string literal and its length, NULs included. */
#define BIN(s) s, sizeof(s) - 1

/* ---- the capture writer ---- */

typedef enum { LINK_ETH, LINK_VLAN, LINK_RAW } link_kind;
typedef enum { FILE_PCAP, FILE_PCAP_NS, FILE_PCAPNG } file_kind;

typedef struct {
    unsigned char b[16384];
    size_t n;
} obuf;

static void put(obuf *o, const void *p, size_t n)
{
    assert_true(o->n + n <= sizeof(o->b));
    memcpy(o->b + o->n, p, n);
    o->n += n;
}

static void put8(obuf *o, unsigned v)
{
    unsigned char c = (unsigned char)v;
    put(o, &c, 1);
}

static void put16be(obuf *o, unsigned v)
{
    put8(o, v >> 8);
    put8(o, v);
}

static void put16le(obuf *o, unsigned v)
{
    put8(o, v);
    put8(o, v >> 8);
}

static void put32le(obuf *o, uint32_t v)
{
    put16le(o, v & 0xffff);
    put16le(o, v >> 16);
}

static void set16be(obuf *o, size_t at, unsigned v)
{
    o->b[at] = (unsigned char)(v >> 8);
    o->b[at + 1] = (unsigned char)v;
}

static void set32le(obuf *o, size_t at, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        o->b[at + (size_t)i] = (unsigned char)(v >> (8 * i));
}

/* One packet as the rows describe it. */
typedef struct {
    uint32_t sec, usec; /* usec: nanoseconds in a FILE_PCAP_NS capture */
    int family;         /* 4 or 6; 0 ends a list */
    const char *src, *dst;
    uint8_t proto; /* 6 TCP, 17 UDP, 47 GRE */
    uint16_t sport, dport;
    uint8_t flags;     /* TCP flags */
    uint16_t greproto; /* GRE protocol type */
    const char *payload;
    size_t plen; /* 0 with a payload: strlen */
    bool hbh;    /* IPv6: a hop-by-hop header before the transport */
} pkt;

#define SYN 0x02
#define SYNACK 0x12
#define ACK 0x10
#define PSHACK 0x18

/* A TACACS+ authentication START: header (flags given) and 12 bytes of
 * body, 24 bytes in all. */
#define TAC_START(flags)                                                                           \
    BIN("\xc0\x01\x01" flags "\x5e\xed\x1a\x11\x00\x00\x00\x0c"                                    \
        "\x01\x01\x01\x01\x00\x04\x00\x00tty0")

static void put_addr(obuf *o, int family, const char *text)
{
    unsigned char a[16];

    assert_int_equal(inet_pton(family == 6 ? AF_INET6 : AF_INET, text, a), 1);
    put(o, a, family == 6 ? 16 : 4);
}

/* The transport header and payload of p. */
static void put_transport(obuf *o, const pkt *p)
{
    size_t plen = p->payload && p->plen == 0 ? strlen(p->payload) : p->plen;

    if (p->proto == 6) {
        put16be(o, p->sport);
        put16be(o, p->dport);
        put(o, "\x00\x00\x10\x00\x00\x00\x00\x00", 8); /* seq, ack */
        put8(o, 5 << 4);                               /* data offset 5 words */
        put8(o, p->flags);
        put(o, "\xfa\xf0\x00\x00\x00\x00", 6); /* window, checksum, urgent */
    } else if (p->proto == 17) {
        put16be(o, p->sport);
        put16be(o, p->dport);
        put16be(o, (unsigned)(8 + plen));
        put16be(o, 0);
    } else if (p->proto == 47) {
        put16be(o, p->greproto == 0x88be ? 0x1000 : 0); /* ERSPAN II has a sequence number */
        put16be(o, p->greproto);
        if (p->greproto == 0x88be)
            put(o, "\x00\x00\x00\x07", 4);
    }
    if (plen > 0)
        put(o, p->payload, plen);
}

/* The IP packet of p. */
static void put_ip(obuf *o, const pkt *p)
{
    size_t start = o->n;

    if (p->family == 4) {
        put(o, "\x45\x00\x00\x00\x12\x34\x40\x00\x40", 9); /* length set below */
        put8(o, p->proto);
        put16be(o, 0);
        put_addr(o, 4, p->src);
        put_addr(o, 4, p->dst);
        put_transport(o, p);
        set16be(o, start + 2, (unsigned)(o->n - start));
        return;
    }
    put(o, "\x60\x00\x00\x00\x00\x00", 6); /* payload length set below */
    put8(o, p->hbh ? 0 : p->proto);
    put8(o, 64);
    put_addr(o, 6, p->src);
    put_addr(o, 6, p->dst);
    if (p->hbh) {
        put8(o, p->proto);
        put(o, "\x00\x01\x04\x00\x00\x00\x00", 7); /* length 0 (8 bytes), PadN */
    }
    put_transport(o, p);
    set16be(o, start + 4, (unsigned)(o->n - start - 40));
}

/* The frame of p on link. */
static void put_frame(obuf *o, link_kind link, const pkt *p)
{
    unsigned type = p->family == 6 ? 0x86dd : 0x0800;

    if (link != LINK_RAW)
        put(o, "\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa", 12);
    if (link == LINK_VLAN) {
        put16be(o, 0x8100);
        put16be(o, 100);
    }
    if (link != LINK_RAW)
        put16be(o, type);
    put_ip(o, p);
}

static uint32_t linktype(link_kind link)
{
    return link == LINK_RAW ? 101 : 1;
}

static void pcap_header(obuf *o, file_kind kind, uint32_t dlt)
{
    put32le(o, kind == FILE_PCAP_NS ? 0xa1b23c4d : 0xa1b2c3d4);
    put16le(o, 2);
    put16le(o, 4);
    put32le(o, 0); /* thiszone */
    put32le(o, 0); /* sigfigs */
    put32le(o, 65535);
    put32le(o, dlt);
}

static void pcap_record(obuf *o, link_kind link, const pkt *p)
{
    size_t at;

    put32le(o, p->sec);
    put32le(o, p->usec);
    at = o->n;
    put32le(o, 0);
    put32le(o, 0);
    put_frame(o, link, p);
    set32le(o, at, (uint32_t)(o->n - at - 8));
    set32le(o, at + 4, (uint32_t)(o->n - at - 8));
}

static void pcapng_header(obuf *o, uint32_t dlt)
{
    put32le(o, 0x0a0d0d0a); /* SHB */
    put32le(o, 28);
    put32le(o, 0x1a2b3c4d);
    put16le(o, 1);
    put16le(o, 0);
    put32le(o, 0xffffffff); /* section length: unknown */
    put32le(o, 0xffffffff);
    put32le(o, 28);
    put32le(o, 1); /* IDB, microseconds (no if_tsresol) */
    put32le(o, 20);
    put16le(o, dlt);
    put16le(o, 0);
    put32le(o, 65535);
    put32le(o, 20);
}

static void pcapng_record(obuf *o, link_kind link, const pkt *p)
{
    uint64_t ts = (uint64_t)p->sec * 1000000u + p->usec;
    size_t start = o->n, data;
    uint32_t caplen, total;

    put32le(o, 6); /* EPB */
    put32le(o, 0);
    put32le(o, 0); /* interface */
    put32le(o, (uint32_t)(ts >> 32));
    put32le(o, (uint32_t)ts);
    put32le(o, 0);
    put32le(o, 0);
    data = o->n;
    put_frame(o, link, p);
    caplen = (uint32_t)(o->n - data);
    while ((o->n - start) % 4 != 0)
        put8(o, 0);
    total = (uint32_t)(o->n - start + 4);
    put32le(o, total);
    set32le(o, start + 4, total);
    set32le(o, data - 8, caplen);
    set32le(o, data - 4, caplen);
}

/* A whole capture of the packets of ps (ended by family 0). */
static void build(obuf *o, file_kind kind, link_kind link, const pkt *ps)
{
    o->n = 0;
    if (kind == FILE_PCAPNG)
        pcapng_header(o, linktype(link));
    else
        pcap_header(o, kind, linktype(link));
    for (; ps->family != 0; ps++) {
        if (kind == FILE_PCAPNG)
            pcapng_record(o, link, ps);
        else
            pcap_record(o, link, ps);
    }
}

/* ---- running the reader ---- */

typedef struct {
    tw_arena *arena;
    tw_factset fs;
    tw_diags diags;
    tw_err rc;
} run;

static void run_data(run *r, const void *data, size_t len)
{
    r->arena = tw_arena_new(0);
    assert_non_null(r->arena);
    tw_factset_init(&r->fs, r->arena);
    tw_diags_init(&r->diags);
    r->rc = tw_capture_flows("t.pcap", data, len, &r->fs, &r->diags);
}

static void run_done(run *r)
{
    tw_diags_release(&r->diags);
    tw_factset_release(&r->fs);
    tw_arena_free(r->arena);
}

/* True when event i has field name with text value (any of its values);
 * value NULL: true when it has no such field. */
static bool has(const run *r, size_t i, const char *name, const char *value)
{
    const tw_field *f = NULL;

    if (i >= r->fs.n)
        return false;
    if (value == NULL)
        return tw_fact_get(&r->fs.v[i], name) == NULL;
    while ((f = tw_fact_next(&r->fs.v[i], name, f)) != NULL) {
        if (tw_str_eq_c(f->str, value))
            return true;
    }
    return false;
}

/* Field name of event i, which must exist. */
static const tw_field *must(const run *r, size_t i, const char *name)
{
    const tw_field *f;

    assert_true(i < r->fs.n);
    f = tw_fact_get(&r->fs.v[i], name);
    assert_non_null(f);
    return f;
}

static bool str_holds(tw_str s, const char *needle)
{
    return tw_str_find(s, tw_str_c(needle)) >= 0;
}

/* True when needle appears in no evidence, context or field of any fact,
 * nor in any diagnostic. */
static bool nowhere(const run *r, const char *needle)
{
    for (size_t i = 0; i < r->fs.n; i++) {
        const tw_fact *f = &r->fs.v[i];
        if (str_holds(f->evidence, needle) || str_holds(f->context, needle))
            return false;
        for (uint32_t k = 0; k < f->nfields; k++) {
            if (str_holds(f->fields[k].str, needle) || str_holds(f->fields[k].evidence, needle))
                return false;
        }
    }
    for (size_t i = 0; i < r->diags.n; i++) {
        if (r->diags.v[i].message && strstr(r->diags.v[i].message, needle))
            return false;
    }
    return true;
}

/* ---- flows: rows of frames and the fields they must give ---- */

typedef struct {
    size_t fact;
    const char *name, *value; /* value NULL: no such field */
} want;

typedef struct {
    const char *name;
    file_kind kind;
    link_kind link;
    pkt pkts[16];
    size_t nfacts;
    uint32_t lines[3]; /* line of each event */
    want wants[24];
    const char *secret; /* text that must appear nowhere, or NULL */
} flow_row;

#define T0 1740996005u /* 2025-03-03T10:00:05Z */
/* The payload is the last argument: NULL, 0 (none), "text", 0 (strlen) or
 * BIN("bytes"). */
#define TCP4(t, s, d, sp, dp, fl, ...)                                                             \
    {                                                                                              \
        T0 + (t), 1, 4, s, d, 6, sp, dp, fl, 0, __VA_ARGS__, false                                 \
    }
#define UDP4(t, s, d, sp, dp, ...)                                                                 \
    {                                                                                              \
        T0 + (t), 1, 4, s, d, 17, sp, dp, 0, 0, __VA_ARGS__, false                                 \
    }
#define GRE4(t, s, d, gp, ...)                                                                     \
    {                                                                                              \
        T0 + (t), 1, 4, s, d, 47, 0, 0, 0, gp, __VA_ARGS__, false                                  \
    }
#define TCP6(t, s, d, sp, dp, fl, hbh, ...)                                                        \
    {                                                                                              \
        T0 + (t), 1, 6, s, d, 6, sp, dp, fl, 0, __VA_ARGS__, hbh                                   \
    }

#define CLI "10.0.0.5"
#define TACSRV "45.61.133.77"
/* the TACACS+ handshake and first packet, flags as given */
#define TAC_FLOW(fl)                                                                               \
    {                                                                                              \
        TCP4(0, CLI, TACSRV, 51000, 49, SYN, NULL, 0),                                             \
            TCP4(0, TACSRV, CLI, 49, 51000, SYNACK, NULL, 0),                                      \
            TCP4(0, CLI, TACSRV, 51000, 49, PSHACK, TAC_START(fl))                                 \
    }
#define TAC_WANTS                                                                                  \
    {0, "format", "pcap"}, {0, "time", "2025-03-03T10:00:05.000001Z"}, {0, "protocol", "tcp"},     \
        {0, "src", CLI}, {0, "dst", TACSRV}, {0, "src_port", "51000"}, {0, "dst_port", "49"},      \
        {0, "packets", "3"}, {0, "bytes", "144"}, {0, "address", CLI}, {0, "address", TACSRV},     \
    {                                                                                              \
        0, "app", "tacacs"                                                                         \
    }

#define HTTP_CLI "198.51.100.20"
#define HTTP_SRV "10.0.0.1"

static const flow_row flow_rows[] = {
    {"tacacs unencrypted",
     FILE_PCAP,
     LINK_ETH,
     TAC_FLOW("\x01"),
     1,
     {1},
     {TAC_WANTS,
      {0, "tacacs_cleartext", "true"},
      {0, "banner", NULL},
      {0, "command", NULL},
      {0, "file", NULL}},
     NULL},
    {"tacacs encrypted",
     FILE_PCAP,
     LINK_ETH,
     TAC_FLOW("\x00"),
     1,
     {1},
     {TAC_WANTS, {0, "tacacs_cleartext", "false"}},
     NULL},
    {"tacacs in pcapng",
     FILE_PCAPNG,
     LINK_ETH,
     TAC_FLOW("\x01"),
     1,
     {1},
     {TAC_WANTS, {0, "tacacs_cleartext", "true"}},
     NULL},
    {"tacacs behind an 802.1Q tag",
     FILE_PCAP,
     LINK_VLAN,
     TAC_FLOW("\x01"),
     1,
     {1},
     {TAC_WANTS, {0, "tacacs_cleartext", "true"}},
     NULL},
    {"tacacs on raw IP (linktype 101)",
     FILE_PCAP,
     LINK_RAW,
     TAC_FLOW("\x01"),
     1,
     {1},
     {TAC_WANTS, {0, "tacacs_cleartext", "true"}},
     NULL},
    {"nanosecond pcap",
     FILE_PCAP_NS,
     LINK_ETH,
     {{T0, 1999, 4, CLI, TACSRV, 6, 51000, 49, SYN, 0, NULL, 0, false}},
     1,
     {1},
     {{0, "time", "2025-03-03T10:00:05.000001Z"}, {0, "src", CLI}, {0, "dst_port", "49"}},
     NULL},
    {"capture starts at the SYN-ACK",
     FILE_PCAP,
     LINK_ETH,
     {TCP4(0, "10.1.1.1", "10.2.2.2", 22, 40000, SYNACK, NULL, 0),
      TCP4(1, "10.2.2.2", "10.1.1.1", 40000, 22, ACK, NULL, 0)},
     1,
     {1},
     {{0, "src", "10.2.2.2"},
      {0, "dst", "10.1.1.1"},
      {0, "src_port", "40000"},
      {0, "dst_port", "22"},
      {0, "packets", "2"},
      {0, "bytes", "80"}},
     NULL},
    {"mid-stream from a low port",
     FILE_PCAP,
     LINK_ETH,
     {TCP4(0, "10.3.3.3", "10.4.4.4", 443, 50000, PSHACK, "\x17\x03\x03\x00\x01\x00", 6)},
     1,
     {1},
     {{0, "src", "10.4.4.4"},
      {0, "dst", "10.3.3.3"},
      {0, "src_port", "50000"},
      {0, "dst_port", "443"},
      {0, "app", NULL},
      {0, "time", "2025-03-03T10:00:05.000001Z"}},
     NULL},
    {"ssh banner on an odd port",
     FILE_PCAP,
     LINK_ETH,
     {TCP4(0, CLI, "203.0.113.7", 40000, 22222, SYN, NULL, 0),
      TCP4(0, "203.0.113.7", CLI, 22222, 40000, SYNACK, NULL, 0),
      TCP4(0, CLI, "203.0.113.7", 40000, 22222, ACK, NULL, 0),
      TCP4(1, "203.0.113.7", CLI, 22222, 40000, PSHACK, "SSH-2.0-OpenSSH_8.0\r\n", 0)},
     1,
     {1},
     {{0, "app", "ssh"},
      {0, "banner", "SSH-2.0-OpenSSH_8.0"},
      {0, "src", CLI},
      {0, "dst_port", "22222"},
      {0, "packets", "4"},
      {0, "bytes", "181"}},
     NULL},
    {"ftp upload",
     FILE_PCAP,
     LINK_ETH,
     {TCP4(0, CLI, TACSRV, 40002, 21, SYN, NULL, 0),
      TCP4(0, TACSRV, CLI, 21, 40002, PSHACK, "220 FTP ready\r\n", 0),
      TCP4(1, CLI, TACSRV, 40002, 21, PSHACK, "USER anonymous\r\n", 0),
      TCP4(1, TACSRV, CLI, 21, 40002, PSHACK, "331 Password required for PASS x\r\n", 0),
      TCP4(2, CLI, TACSRV, 40002, 21, PSHACK, "PASS secret123\r\n", 0),
      TCP4(2, TACSRV, CLI, 21, 40002, PSHACK, "230 Logged in\r\n", 0),
      TCP4(3, CLI, TACSRV, 40002, 21, PSHACK, "STOR tac.pcap\r\n", 0)},
     1,
     {1},
     {{0, "app", "ftp"},
      {0, "command", "USER anonymous; STOR tac.pcap"},
      {0, "file", "tac.pcap"},
      {0, "protocol", "tcp"},
      {0, "dst_port", "21"},
      {0, "packets", "7"}},
     "secret123"},
    {"ftp upload after a realistic login",
     FILE_PCAP,
     LINK_ETH,
     {TCP4(0, CLI, TACSRV, 40006, 21, SYN, NULL, 0),
      TCP4(0, TACSRV, CLI, 21, 40006, SYNACK, NULL, 0),
      TCP4(0, TACSRV, CLI, 21, 40006, PSHACK, "220 FTP ready\r\n", 0),
      TCP4(1, CLI, TACSRV, 40006, 21, PSHACK, "USER anonymous\r\n", 0),
      TCP4(1, TACSRV, CLI, 21, 40006, PSHACK, "331 Password required\r\n", 0),
      TCP4(2, CLI, TACSRV, 40006, 21, PSHACK, "PASS secret123\r\n", 0),
      TCP4(2, TACSRV, CLI, 21, 40006, PSHACK, "230 Logged in\r\n", 0),
      TCP4(3, CLI, TACSRV, 40006, 21, PSHACK, "SYST\r\n", 0),
      TCP4(3, TACSRV, CLI, 21, 40006, PSHACK, "215 UNIX Type: L8\r\n", 0),
      TCP4(4, CLI, TACSRV, 40006, 21, PSHACK, "TYPE I\r\n", 0),
      TCP4(4, TACSRV, CLI, 21, 40006, PSHACK, "200 Type set to I\r\n", 0),
      TCP4(5, CLI, TACSRV, 40006, 21, PSHACK, "PASV\r\n", 0),
      TCP4(5, TACSRV, CLI, 21, 40006, PSHACK, "227 Entering Passive Mode (45,61,133,77,19,137)\r\n",
           0),
      TCP4(6, CLI, TACSRV, 40006, 21, PSHACK, "STOR tac.pcap\r\n", 0)},
     1,
     {1},
     {{0, "app", "ftp"},
      {0, "command", "USER anonymous; STOR tac.pcap"},
      {0, "file", "tac.pcap"},
      {0, "packets", "14"}},
     "secret123"},
    {"tftp write request",
     FILE_PCAP,
     LINK_ETH,
     {UDP4(0, CLI, "10.0.0.8", 50123, 69,
           BIN("\x00\x02"
               "config.txt\x00octet\x00"))},
     1,
     {1},
     {{0, "app", "tftp"},
      {0, "command", "WRQ config.txt"},
      {0, "file", "config.txt"},
      {0, "protocol", "udp"},
      {0, "src_port", "50123"},
      {0, "dst_port", "69"},
      {0, "bytes", "47"}},
     NULL},
    {"tftp read request",
     FILE_PCAP,
     LINK_ETH,
     {UDP4(0, CLI, "10.0.0.8", 50124, 69,
           BIN("\x00\x01"
               "boot.bin\x00octet\x00"))},
     1,
     {1},
     {{0, "app", "tftp"}, {0, "command", "RRQ boot.bin"}, {0, "file", "boot.bin"}},
     NULL},
    {"http request line, query redacted",
     FILE_PCAP,
     LINK_ETH,
     {TCP4(0, HTTP_CLI, HTTP_SRV, 40004, 80, SYN, NULL, 0),
      TCP4(1, HTTP_CLI, HTTP_SRV, 40004, 80, PSHACK,
           "POST /webui/logoutconfirm.html?logon_hash=1 HTTP/1.1\r\nHost: 10.0.0.1\r\n"
           "Content-Length: 0\r\n\r\n",
           0)},
     1,
     {1},
     {{0, "app", "http"},
      {0, "command", "POST /webui/logoutconfirm.html?logon_hash=<redacted> HTTP/1.1"},
      {0, "src", HTTP_CLI},
      {0, "dst_port", "80"},
      {0, "file", NULL}},
     NULL},
    {"http query values all redacted",
     FILE_PCAP,
     LINK_ETH,
     {TCP4(0, HTTP_CLI, HTTP_SRV, 40005, 80, PSHACK,
           "GET /login?a=1&pw=hunter2 HTTP/1.1\r\nHost: x\r\n\r\n", 0)},
     1,
     {1},
     {{0, "app", "http"}, {0, "command", "GET /login?a=<redacted>&pw=<redacted> HTTP/1.1"}},
     "hunter2"},
    {"erspan over gre",
     FILE_PCAP,
     LINK_ETH,
     {GRE4(0, HTTP_SRV, "198.51.100.99", 0x88be, BIN("\x10\x01\x00\x64\x00\x00\x00\x01")),
      GRE4(1, HTTP_SRV, "198.51.100.99", 0x88be, BIN("\x10\x01\x00\x64\x00\x00\x00\x02"))},
     1,
     {1},
     {{0, "app", "erspan"},
      {0, "protocol", "gre"},
      {0, "src", HTTP_SRV},
      {0, "dst", "198.51.100.99"},
      {0, "src_port", NULL},
      {0, "dst_port", NULL},
      {0, "packets", "2"}},
     NULL},
    {"erspan iii over gre",
     FILE_PCAP,
     LINK_ETH,
     {GRE4(0, HTTP_SRV, "198.51.100.99", 0x22eb, BIN("\x20\x01\x00\x64\x00\x00\x00\x01"))},
     1,
     {1},
     {{0, "app", "erspan"}, {0, "protocol", "gre"}},
     NULL},
    {"erspan ii carrying tacacs+ (decapsulated)",
     FILE_PCAP,
     LINK_ETH,
     {GRE4(0, "198.51.100.1", "81.2.69.161", 0x88be,
           BIN("\x10\x01\x00\x64\x00\x00\x00\x01"                         /* ERSPAN II */
               "\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x08\x00" /* Ethernet */
               "\x45\x00\x00\x40\x00\x00\x00\x00\x40\x06\x00\x00"         /* IPv4, 64 bytes */
               "\x0a\x00\x00\x05\x2d\x3d\x85\x4d" /* 10.0.0.5 -> 45.61.133.77 */
               "\xc7\x38\x00\x31\x00\x00\x10\x00\x00\x00\x00\x00\x50\x18"
               "\xfa\xf0\x00\x00\x00\x00"                         /* TCP 51000 -> 49 */
               "\xc0\x01\x01\x01\x5e\xed\x1a\x11\x00\x00\x00\x0c" /* TACACS+, unencrypted */
               "\x01\x01\x01\x01\x00\x04\x00\x00tty0"))},
     2,
     {1, 1},
     {{0, "app", "erspan"},
      {0, "tunnel", NULL},
      {1, "protocol", "tcp"},
      {1, "src", "10.0.0.5"},
      {1, "dst", "45.61.133.77"},
      {1, "dst_port", "49"},
      {1, "app", "tacacs"},
      {1, "tacacs_cleartext", "true"},
      {1, "bytes", "64"},
      {1, "tunnel", "erspan 198.51.100.1 -> 81.2.69.161"}},
     NULL},
    {"gre carrying ipv4 (decapsulated)",
     FILE_PCAP,
     LINK_ETH,
     {GRE4(0, "192.0.2.1", "203.0.113.9", 0x0800,
           BIN("\x45\x00\x00\x1c\x00\x00\x00\x00\x40\x11\x00\x00"
               "\x0a\x00\x00\x07\x2d\x3d\x85\x4d"     /* 10.0.0.7 -> 45.61.133.77 */
               "\x9c\x40\x00\x35\x00\x08\x00\x00"))}, /* UDP 40000 -> 53 */
     2,
     {1, 1},
     {{0, "app", "gre"},
      {1, "protocol", "udp"},
      {1, "dst", "45.61.133.77"},
      {1, "dst_port", "53"},
      {1, "tunnel", "gre 192.0.2.1 -> 203.0.113.9"}},
     NULL},
    {"plain gre",
     FILE_PCAP,
     LINK_ETH,
     {GRE4(0, "192.0.2.1", "192.0.2.2", 0x0800, BIN("\x45\x00\x00\x14\x00\x00\x00\x00"))},
     1,
     {1},
     {{0, "app", "gre"},
      {0, "protocol", "gre"},
      {0, "src", "192.0.2.1"},
      {0, "dst", "192.0.2.2"},
      {0, "src_port", NULL}},
     NULL},
    {"ipv6 tcp",
     FILE_PCAP,
     LINK_ETH,
     {TCP6(0, "2001:db8::1", "2001:db8::2", 50000, 443, SYN, false, NULL, 0),
      TCP6(0, "2001:db8::2", "2001:db8::1", 443, 50000, SYNACK, false, NULL, 0)},
     1,
     {1},
     {{0, "protocol", "tcp"},
      {0, "src", "2001:db8::1"},
      {0, "dst", "2001:db8::2"},
      {0, "src_port", "50000"},
      {0, "dst_port", "443"},
      {0, "packets", "2"},
      {0, "bytes", "120"},
      {0, "address", "2001:db8::2"}},
     NULL},
    {"ipv6 hop-by-hop header before tcp",
     FILE_PCAP,
     LINK_ETH,
     {TCP6(0, "2001:db8::1", "2001:db8::2", 50001, 443, SYN, true, NULL, 0)},
     1,
     {1},
     {{0, "protocol", "tcp"},
      {0, "src", "2001:db8::1"},
      {0, "dst", "2001:db8::2"},
      {0, "src_port", "50001"},
      {0, "dst_port", "443"}},
     NULL},
    {"two interleaved flows",
     FILE_PCAP,
     LINK_ETH,
     {TCP4(0, CLI, "10.0.0.9", 51000, 80, SYN, NULL, 0),
      UDP4(1, CLI, "10.0.0.53", 5353, 53, "abcd", 0),
      TCP4(2, "10.0.0.9", CLI, 80, 51000, SYNACK, NULL, 0),
      UDP4(3, "10.0.0.53", CLI, 53, 5353, "abcdefgh", 0),
      TCP4(4, CLI, "10.0.0.9", 51000, 80, PSHACK, "xyz", 0)},
     2,
     {1, 2},
     {{0, "protocol", "tcp"},
      {0, "src", CLI},
      {0, "dst", "10.0.0.9"},
      {0, "packets", "3"},
      {0, "bytes", "123"},
      {0, "time", "2025-03-03T10:00:05.000001Z"},
      {1, "protocol", "udp"},
      {1, "src", CLI},
      {1, "dst", "10.0.0.53"},
      {1, "src_port", "5353"},
      {1, "dst_port", "53"},
      {1, "packets", "2"},
      {1, "bytes", "68"},
      {1, "time", "2025-03-03T10:00:06.000001Z"}},
     NULL},
};

static void check_flow_row(const flow_row *row)
{
    static obuf o;
    run r;

    print_message("%s\n", row->name);
    build(&o, row->kind, row->link, row->pkts);
    run_data(&r, o.b, o.n);
    assert_int_equal(r.rc, TW_OK);
    assert_int_equal(r.diags.n, 0);
    assert_int_equal(r.fs.n, row->nfacts);
    for (size_t i = 0; i < row->nfacts; i++) {
        assert_int_equal(r.fs.v[i].kind, TW_FACT_EVENT);
        assert_int_equal(r.fs.v[i].line, row->lines[i]);
    }
    for (size_t i = 0; i < N(row->wants) && row->wants[i].name != NULL; i++) {
        const want *w = &row->wants[i];
        print_message("  event %zu %s = %s\n", w->fact, w->name, w->value ? w->value : "(none)");
        assert_true(has(&r, w->fact, w->name, w->value));
    }
    assert_true(row->secret == NULL || nowhere(&r, row->secret));
    run_done(&r);
}

static void test_flows(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(flow_rows); i++)
        check_flow_row(&flow_rows[i]);
}

/* Field types: numbers, addresses and the flag are typed, not text. */
static void test_types(void **state)
{
    static obuf o;
    run r;

    (void)state;
    build(&o, FILE_PCAP, LINK_ETH, flow_rows[0].pkts);
    run_data(&r, o.b, o.n);
    assert_int_equal(r.fs.n, 1);
    assert_int_equal(must(&r, 0, "src_port")->type, TW_VAL_NUM);
    assert_int_equal(must(&r, 0, "src_port")->num, 51000);
    assert_int_equal(must(&r, 0, "dst_port")->num, 49);
    assert_int_equal(must(&r, 0, "packets")->num, 3);
    assert_int_equal(must(&r, 0, "bytes")->num, 144);
    assert_int_equal(must(&r, 0, "src")->type, TW_VAL_ADDR);
    assert_int_equal(must(&r, 0, "dst")->type, TW_VAL_ADDR);
    assert_int_equal(must(&r, 0, "tacacs_cleartext")->type, TW_VAL_BOOL);
    assert_int_equal(must(&r, 0, "tacacs_cleartext")->num, 1);
    assert_true(tw_str_eq_c(
        r.fs.v[0].evidence,
        "2025-03-03T10:00:05.000001Z tcp 10.0.0.5:51000 -> 45.61.133.77:49, 3 packets, 144 bytes, "
        "TACACS+ unencrypted"));
    run_done(&r);
}

/* ---- damaged and hostile input ---- */

/* One good flow, then a record whose header promises 100 bytes and a file
 * that ends 20 bytes later. */
static void test_truncated_record(void **state)
{
    static const pkt good[] = {TCP4(0, CLI, TACSRV, 51000, 49, SYN, NULL, 0), {0}};
    static obuf o;
    run r;

    (void)state;
    build(&o, FILE_PCAP, LINK_ETH, good);
    put32le(&o, T0 + 1);
    put32le(&o, 0);
    put32le(&o, 100);
    put32le(&o, 100);
    put(&o, "\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x08\x00\x45\x00\x00\x56\x00\x00", 20);
    run_data(&r, o.b, o.n);
    assert_int_equal(r.rc, TW_OK);
    assert_int_equal(r.fs.n, 1);
    assert_int_equal(r.fs.v[0].line, 1);
    assert_true(has(&r, 0, "dst_port", "49"));
    assert_true(has(&r, 0, "packets", "1"));
    assert_int_equal(r.diags.n, 1); /* a warning: the flows before the damage are evidence */
    assert_int_equal(r.diags.errors, 0);
    assert_int_equal(r.diags.v[0].level, TW_DIAG_WARNING);
    assert_string_equal(r.diags.v[0].file, "t.pcap");
    assert_int_equal(r.diags.v[0].line, 2);
    run_done(&r);
}

static const struct {
    const char *name;
    const char *data;
    size_t len;
} not_captures[] = {
    {"text", BIN("hostname router1\ninterface Gi0/1\n ip address 10.0.0.1 255.0.0.0\n")},
    {"zero length", "", 0},
    {"half a header", BIN("\xd4\xc3\xb2\xa1\x02\x00\x04\x00")},
};

static void test_not_a_capture(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(not_captures); i++) {
        run r;
        print_message("%s\n", not_captures[i].name);
        run_data(&r, not_captures[i].data, not_captures[i].len);
        assert_int_equal(r.rc, TW_EPARSE);
        assert_int_equal(r.fs.n, 0);
        assert_true(r.diags.errors >= 1);
        assert_string_equal(r.diags.v[0].file, "t.pcap");
        run_done(&r);
    }
}

/* A link type tidewatch does not decode (147, user 0), pcap and pcapng. */
static void test_unknown_linktype(void **state)
{
    static const pkt one[] = {TCP4(0, CLI, TACSRV, 51000, 49, SYN, NULL, 0), {0}};
    static const file_kind kinds[] = {FILE_PCAP, FILE_PCAPNG};
    static obuf o;

    (void)state;
    for (size_t i = 0; i < N(kinds); i++) {
        run r;
        build(&o, kinds[i], LINK_ETH, one);
        /* the link type: last word of the pcap header, IDB bytes 36-37 */
        o.b[kinds[i] == FILE_PCAP ? 20 : 36] = 147;
        run_data(&r, o.b, o.n);
        assert_int_equal(r.rc, TW_EPARSE);
        assert_int_equal(r.fs.n, 0);
        assert_true(r.diags.errors >= 1);
        run_done(&r);
    }
}

/* A valid header and no packets: no flows, no complaint. */
static void test_empty_capture(void **state)
{
    static const pkt none[] = {{0}};
    static const file_kind kinds[] = {FILE_PCAP, FILE_PCAP_NS, FILE_PCAPNG};
    static obuf o;

    (void)state;
    for (size_t i = 0; i < N(kinds); i++) {
        run r;
        build(&o, kinds[i], LINK_ETH, none);
        run_data(&r, o.b, o.n);
        assert_int_equal(r.rc, TW_OK);
        assert_int_equal(r.fs.n, 0);
        assert_int_equal(r.diags.errors, 0);
        run_done(&r);
    }
}

/* Raw frames (Ethernet, whole) that lie about their own headers. */
static const struct {
    const char *name;
    const char *frame;
    size_t len;
    uint16_t port; /* the one port a fact may name (0: none) */
} garbage[] = {
    {"ipv4 ihl 2",
     BIN("\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x08\x00"
         "\x42\x00\x00\x28\x00\x00\x00\x00\x40\x06\x00\x00\x0a\x00\x00\x05\x0a\x00\x00\x06"
         "\xc7\x38\x00\x31\x00\x00\x00\x00\x00\x00\x00\x00\x50\x02\x00\x00\x00\x00\x00\x00"),
     0},
    {"ipv4 total length past the capture, tcp header cut",
     BIN("\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x08\x00"
         "\x45\x00\x05\xdc\x00\x00\x00\x00\x40\x06\x00\x00\x0a\x00\x00\x05\x0a\x00\x00\x06"
         "\xc7\x38"),
     0},
    {"ipv4 total length below its header",
     BIN("\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x08\x00"
         "\x45\x00\x00\x10\x00\x00\x00\x00\x40\x06\x00\x00\x0a\x00\x00\x05\x0a\x00\x00\x06"
         "\xc7\x38\x00\x31\x00\x00\x00\x00\x00\x00\x00\x00\x50\x02\x00\x00\x00\x00\x00\x00"),
     0},
    {"tcp data offset past the end, tacacs-looking bytes",
     BIN("\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x08\x00"
         "\x45\x00\x00\x2c\x00\x00\x00\x00\x40\x06\x00\x00\x0a\x00\x00\x05\x0a\x00\x00\x06"
         "\xc7\x38\x00\x31\x00\x00\x00\x00\x00\x00\x00\x00\xf0\x18\x00\x00\x00\x00\x00\x00"
         "\xc0\x01\x01\x01"),
     49},
    {"tcp data offset below 5",
     BIN("\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x08\x00"
         "\x45\x00\x00\x2c\x00\x00\x00\x00\x40\x06\x00\x00\x0a\x00\x00\x05\x0a\x00\x00\x06"
         "\xc7\x38\x00\x31\x00\x00\x00\x00\x00\x00\x00\x00\x10\x18\x00\x00\x00\x00\x00\x00"
         "\xc0\x01\x01\x01"),
     49},
    {"ipv6 header cut",
     BIN("\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x86\xdd"
         "\x60\x00\x00\x00\x00\x14\x06\x40\x20\x01\x0d\xb8"),
     0},
    {"ipv6 extension header longer than the packet",
     BIN("\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x86\xdd"
         "\x60\x00\x00\x00\x00\x10\x00\x40"
         "\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01"
         "\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02"
         "\x06\xff\x01\x04\x00\x00\x00\x00\xc7\x38\x00\x31\x00\x00\x00\x00"),
     0},
    {"vlan tag and nothing after", BIN("\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x81\x00"),
     0},
    {"runt ethernet frame", BIN("\x00\x11\x22\x33"), 0},
    {"udp length field lies",
     BIN("\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x08\x00"
         "\x45\x00\x00\x1e\x00\x00\x00\x00\x40\x11\x00\x00\x0a\x00\x00\x05\x0a\x00\x00\x08"
         "\xc3\x50\x00\x45\xff\xff\x00\x00\x00\x09"),
     69},
};

/* A port field, if any, names one of the packet's real ports. */
static bool ports_sane(const run *r, uint16_t port)
{
    for (size_t i = 0; i < r->fs.n; i++) {
        const tw_field *sp = tw_fact_get(&r->fs.v[i], "src_port");
        const tw_field *dp = tw_fact_get(&r->fs.v[i], "dst_port");
        if ((sp || dp) && port == 0)
            return false;
        if (dp && dp->num != port)
            return false;
        if (sp && sp->num != 51000 && sp->num != 50000)
            return false;
    }
    return true;
}

static void test_garbage_packets(void **state)
{
    static obuf o;

    (void)state;
    for (size_t i = 0; i < N(garbage); i++) {
        run r;
        print_message("%s\n", garbage[i].name);
        o.n = 0;
        pcap_header(&o, FILE_PCAP, 1);
        put32le(&o, T0);
        put32le(&o, 0);
        put32le(&o, (uint32_t)garbage[i].len);
        put32le(&o, (uint32_t)garbage[i].len);
        put(&o, garbage[i].frame, garbage[i].len);
        run_data(&r, o.b, o.n);
        assert_int_equal(r.rc, TW_OK);
        assert_true(r.fs.n <= 1);
        assert_true(ports_sane(&r, garbage[i].port));
        assert_true(has(&r, 0, "app", NULL) || r.fs.n == 0);
        assert_true(has(&r, 0, "command", NULL) || r.fs.n == 0);
        run_done(&r);
    }
}

/* A garbage frame between two good packets of one flow does not split or
 * end it. */
static void test_garbage_between(void **state)
{
    static const pkt before[] = {TCP4(0, CLI, TACSRV, 51000, 49, SYN, NULL, 0), {0}};
    static const pkt after = TCP4(2, TACSRV, CLI, 49, 51000, SYNACK, NULL, 0);
    static obuf o;
    run r;

    (void)state;
    build(&o, FILE_PCAP, LINK_ETH, before);
    put32le(&o, T0 + 1);
    put32le(&o, 0);
    put32le(&o, (uint32_t)garbage[0].len);
    put32le(&o, (uint32_t)garbage[0].len);
    put(&o, garbage[0].frame, garbage[0].len);
    pcap_record(&o, LINK_ETH, &after);
    run_data(&r, o.b, o.n);
    assert_int_equal(r.rc, TW_OK);
    assert_int_equal(r.fs.n, 1);
    assert_int_equal(r.fs.v[0].line, 1);
    assert_true(has(&r, 0, "packets", "2"));
    assert_true(has(&r, 0, "src", CLI));
    run_done(&r);
}

/* A capture that starts after the login: the client sends only commands
 * that are not kept (TYPE, PASV, QUIT, PASS).  The flow is FTP with no
 * command and no file (found by fuzz_capture: a NULL dereference when the
 * evidence was written). */
static void test_ftp_nothing_kept(void **state)
{
    static const pkt ps[] = {
        TCP4(0, CLI, TACSRV, 40007, 21, PSHACK, "TYPE I\r\n", 0),
        TCP4(1, TACSRV, CLI, 21, 40007, PSHACK, "200 Type set to I\r\n", 0),
        TCP4(2, CLI, TACSRV, 40007, 21, PSHACK, "PASS secret123\r\nQUIT\r\n", 0),
        {0}};
    static obuf o;
    run r;

    (void)state;
    build(&o, FILE_PCAP, LINK_ETH, ps);
    run_data(&r, o.b, o.n);
    assert_int_equal(r.rc, TW_OK);
    assert_int_equal(r.fs.n, 1);
    assert_true(has(&r, 0, "app", "ftp"));
    assert_true(has(&r, 0, "command", NULL));
    assert_true(has(&r, 0, "file", NULL));
    assert_true(has(&r, 0, "src", CLI));
    assert_true(has(&r, 0, "packets", "3"));
    assert_true(nowhere(&r, "secret123"));
    run_done(&r);
}

/* ---- tw_capture_magic ---- */

static const struct {
    const char *data;
    size_t len;
    bool want;
} magic_rows[] = {
    {BIN("\xd4\xc3\xb2\xa1\x02\x00\x04\x00"), true},  /* pcap, little-endian */
    {BIN("\xa1\xb2\xc3\xd4\x00\x02\x00\x04"), true},  /* pcap, big-endian */
    {BIN("\x4d\x3c\xb2\xa1\x02\x00\x04\x00"), true},  /* pcap ns, little-endian */
    {BIN("\xa1\xb2\x3c\x4d\x00\x02\x00\x04"), true},  /* pcap ns, big-endian */
    {BIN("\x0a\x0d\x0d\x0a\x1c\x00\x00\x00"), true},  /* pcapng */
    {BIN("\xd4\xc3\xb2\xa1"), true},                  /* the magic alone */
    {BIN("hostname router1\n"), false},               /* text */
    {BIN("\xd4\xc3\xb2"), false},                     /* short */
    {BIN("\xd4"), false},                             /* shorter */
    {"", 0, false},                                   /* nothing */
    {BIN("\xd4\xc3\xb2\xa2\x02\x00\x04\x00"), false}, /* one bit off */
    {BIN("\x1f\x8b\x08\x00\x00\x00\x00\x00"), false}, /* gzip */
};

static void test_magic(void **state)
{
    (void)state;
    for (size_t i = 0; i < N(magic_rows); i++) {
        print_message("magic row %zu\n", i);
        assert_int_equal(tw_capture_magic(magic_rows[i].data, magic_rows[i].len),
                         magic_rows[i].want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flows),
        cmocka_unit_test(test_types),
        cmocka_unit_test(test_truncated_record),
        cmocka_unit_test(test_not_a_capture),
        cmocka_unit_test(test_unknown_linktype),
        cmocka_unit_test(test_empty_capture),
        cmocka_unit_test(test_garbage_packets),
        cmocka_unit_test(test_garbage_between),
        cmocka_unit_test(test_magic),
        cmocka_unit_test(test_ftp_nothing_kept),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
