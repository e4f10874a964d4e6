/*
 * capture.c: packet captures into flow events (capture.h).
 *
 * libpcap reads the records (pcap or pcapng, from memory through
 * fmemopen); this file decodes the link layer (Ethernet with VLAN tags,
 * raw IP, BSD loopback, Linux cooked v1 and v2), IPv4 and IPv6 (extension
 * headers skipped, later fragments left out), and TCP, UDP and GRE
 * headers, and groups packets into flows in a hash table keyed by both
 * endpoints in either order.  The first packets with a payload of each
 * flow are read for what the hunt rules look for: TACACS+ headers and
 * their unencrypted flag, SSH banners, FTP commands, TFTP requests, HTTP
 * request lines, ERSPAN inside GRE.  Every length comes from the packet
 * and is checked against what was captured before it is used.
 */
#include <pcap/pcap.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "tidewatch/buf.h"
#include "tidewatch/capture.h"
#include "tidewatch/ip.h"

#define PAYLOADS_READ 8 /* payload-bearing packets read per flow */
#define TEXT_MAX 200    /* bytes of a command list or request line */
#define FTP_COMMANDS 4
#define FTP_PACKETS_READ 32 /* client packets read of an FTP session */

enum { APP_NONE, APP_TACACS, APP_SSH, APP_FTP, APP_TFTP, APP_HTTP, APP_GRE, APP_ERSPAN };
static const char *const app_names[] = {NULL,   "tacacs", "ssh", "ftp",
                                        "tftp", "http",   "gre", "erspan"};

/* What the payloads said; only flows with an application have one. */
typedef struct {
    char banner[65];
    char command[TEXT_MAX + 1];
    char file[129];
    unsigned ncommands;
} flow_text;

typedef struct {
    tw_ip src, dst;
    uint16_t sport, dport;
    uint8_t proto, app, payloads;
    bool cleartext, ports;
    uint32_t frame;
    int64_t sec, usec;
    uint64_t packets, bytes;
    flow_text *text;
    tw_ip tsrc, tdst; /* the tunnel it was first seen in (tapp not APP_NONE) */
    uint8_t tapp;     /* APP_GRE, APP_ERSPAN, or APP_NONE: not tunnelled */
} flow;

typedef struct {
    const char *file;
    tw_diags *diags;
    flow *v;
    size_t n, cap;
    uint32_t *slots; /* index + 1 into v; 0: empty */
    size_t nslots;
    size_t dropped; /* packets of flows past TW_CAPTURE_MAX_FLOWS */
    uint32_t frame;
    bool nomem;
} cap_ctx;

/* One decoded packet. */
typedef struct {
    tw_ip src, dst;
    uint16_t sport, dport;
    uint8_t proto, tcp_flags;
    bool ports;
    uint16_t gre_type;
    uint64_t iplen;
    const unsigned char *payload;
    size_t npayload;
} pkt;

bool tw_capture_magic(const char *data, size_t len)
{
    static const unsigned char magics[][4] = {{0xd4, 0xc3, 0xb2, 0xa1},
                                              {0xa1, 0xb2, 0xc3, 0xd4},
                                              {0x4d, 0x3c, 0xb2, 0xa1},
                                              {0xa1, 0xb2, 0x3c, 0x4d},
                                              {0x0a, 0x0d, 0x0d, 0x0a}};

    for (size_t i = 0; len >= 4 && i < sizeof(magics) / sizeof(magics[0]); i++) {
        if (memcmp(data, magics[i], 4) == 0)
            return true;
    }
    return false;
}

static uint16_t be16(const unsigned char *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

/* ---- the flow table ----------------------------------------------------------- */

static uint64_t endpoint_hash(const tw_ip *ip, uint16_t port)
{
    uint64_t h = 0xcbf29ce484222325u ^ port;

    for (size_t i = 0; i < 16; i++)
        h = (h ^ ip->bytes[i]) * 0x100000001b3u;
    return h;
}

/* The same for both directions. */
static size_t flow_hash(const pkt *k)
{
    uint64_t h = endpoint_hash(&k->src, k->sport) ^ endpoint_hash(&k->dst, k->dport);

    h ^= k->proto;
    h *= 0x9e3779b97f4a7c15u;
    return (size_t)(h ^ h >> 29);
}

static bool same_flow(const flow *f, const pkt *k)
{
    if (f->proto != k->proto)
        return false;
    if (tw_ip_eq(&f->src, &k->src) && tw_ip_eq(&f->dst, &k->dst) && f->sport == k->sport &&
        f->dport == k->dport)
        return true;
    return tw_ip_eq(&f->src, &k->dst) && tw_ip_eq(&f->dst, &k->src) && f->sport == k->dport &&
           f->dport == k->sport;
}

static bool grow_slots(cap_ctx *c)
{
    size_t n = c->nslots ? 2 * c->nslots : 1024;
    uint32_t *s = calloc(n, sizeof(*s));

    if (s == NULL)
        return false;
    for (size_t i = 0; i < c->n; i++) {
        pkt k = {.src = c->v[i].src,
                 .dst = c->v[i].dst,
                 .sport = c->v[i].sport,
                 .dport = c->v[i].dport,
                 .proto = c->v[i].proto};
        size_t j = flow_hash(&k) & (n - 1);
        while (s[j] != 0)
            j = (j + 1) & (n - 1);
        s[j] = (uint32_t)i + 1;
    }
    free(c->slots);
    c->slots = s;
    c->nslots = n;
    return true;
}

/* The packet's flow, new or found; NULL past the bound or out of memory. */
static flow *flow_of(cap_ctx *c, const pkt *k, const struct pcap_pkthdr *h)
{
    size_t j;
    flow *f;

    if (2 * (c->n + 1) > c->nslots && !grow_slots(c)) {
        c->nomem = true;
        return NULL;
    }
    for (j = flow_hash(k) & (c->nslots - 1); c->slots[j] != 0; j = (j + 1) & (c->nslots - 1)) {
        if (same_flow(&c->v[c->slots[j] - 1], k))
            return &c->v[c->slots[j] - 1];
    }
    if (c->n == TW_CAPTURE_MAX_FLOWS) {
        c->dropped++;
        return NULL;
    }
    if (c->n == c->cap) {
        size_t cap = c->cap ? 2 * c->cap : 256;
        flow *v = realloc(c->v, cap * sizeof(*v));
        if (v == NULL) {
            c->nomem = true;
            return NULL;
        }
        c->v = v;
        c->cap = cap;
    }
    f = &c->v[c->n];
    *f = (flow){.src = k->src,
                .dst = k->dst,
                .sport = k->sport,
                .dport = k->dport,
                .proto = k->proto,
                .ports = k->ports,
                .frame = c->frame,
                .sec = (int64_t)h->ts.tv_sec,
                .usec = (int64_t)h->ts.tv_usec};
    /* the side that opened it: a SYN-ACK comes from the server, and a
     * packet from a well-known port to a high one most likely too */
    bool synack = k->proto == 6 && (k->tcp_flags & 0x12) == 0x12;
    bool from_server = k->ports && !(k->proto == 6 && (k->tcp_flags & 0x02)) && k->sport < 1024 &&
                       k->dport >= 1024;
    if (synack || from_server) {
        f->src = k->dst;
        f->dst = k->src;
        f->sport = k->dport;
        f->dport = k->sport;
    }
    c->slots[j] = (uint32_t)++c->n;
    return f;
}

/* ---- what the payloads say -------------------------------------------------------- */

static flow_text *text_of(cap_ctx *c, flow *f)
{
    if (f->text == NULL && (f->text = calloc(1, sizeof(*f->text))) == NULL)
        c->nomem = true;
    return f->text;
}

/* Appends s[0, n) to out (cap bytes with the NUL), printable bytes only,
 * cut where it would not fit. */
static void append(char *out, size_t cap, const char *s, size_t n)
{
    size_t k = strlen(out);

    for (size_t i = 0; i < n && k + 1 < cap; i++)
        out[k++] = (unsigned char)s[i] >= 0x20 && s[i] != 0x7f ? s[i] : '?';
    out[k] = '\0';
}

/* The length of the line at p (up to CR, LF or NUL), at most n. */
static size_t line_len(const unsigned char *p, size_t n)
{
    size_t i = 0;

    while (i < n && p[i] != '\r' && p[i] != '\n' && p[i] != '\0')
        i++;
    return i;
}

static bool starts(const unsigned char *p, size_t n, const char *word)
{
    size_t k = strlen(word);

    return n >= k && strncasecmp((const char *)p, word, k) == 0;
}

/* FTP commands of a client packet, one a line: USER, STOR, RETR, APPE
 * kept (never PASS); true when the packet held FTP commands at all. */
static bool ftp_commands(cap_ctx *c, flow *f, const unsigned char *p, size_t n)
{
    static const char *const verbs[] = {"USER ", "PASS ", "STOR ", "RETR ", "APPE ",
                                        "TYPE ", "PASV",  "PORT ", "CWD ",  "QUIT"};
    bool any = false;

    while (n > 0) {
        size_t k = line_len(p, n), v;
        for (v = 0; v < sizeof(verbs) / sizeof(verbs[0]) && !starts(p, k, verbs[v]); v++)
            ;
        any |= v < sizeof(verbs) / sizeof(verbs[0]);
        bool kept = v == 0 || (v >= 2 && v <= 4);
        flow_text *t = kept ? text_of(c, f) : NULL;
        if (t != NULL && t->ncommands < FTP_COMMANDS) {
            if (t->ncommands++ > 0)
                append(t->command, sizeof(t->command), "; ", 2);
            append(t->command, sizeof(t->command), (const char *)p, k);
            if (v >= 2 && t->file[0] == '\0' && k > 5)
                append(t->file, sizeof(t->file), (const char *)p + 5, k - 5);
        }
        while (k < n && (p[k] == '\r' || p[k] == '\n' || p[k] == '\0'))
            k++;
        p += k;
        n -= k;
    }
    return any;
}

/* The request line with every query value replaced by <redacted>. */
static void http_request(flow_text *t, const unsigned char *p, size_t n)
{
    size_t k = line_len(p, n), i = 0;
    bool query = false, value = false;

    while (i < k) {
        unsigned char ch = p[i];
        if (query && value && ch != '&' && ch != ' ' && ch != '#') {
            i++;
            continue;
        }
        if (query && value) {
            append(t->command, sizeof(t->command), "<redacted>", 10);
            value = false;
        }
        if (ch == '?' && !query)
            query = true;
        else if (query && ch == '=')
            value = true;
        else if (ch == ' ')
            query = false;
        append(t->command, sizeof(t->command), (const char *)&p[i], 1);
        i++;
    }
    if (query && value)
        append(t->command, sizeof(t->command), "<redacted>", 10);
}

static void read_payload(cap_ctx *c, flow *f, const pkt *k)
{
    const unsigned char *p = k->payload;
    size_t n = k->npayload;
    flow_text *t;

    if (k->proto == 47) {
        if (f->app == APP_NONE)
            f->app = k->gre_type == 0x88be || k->gre_type == 0x22eb ? APP_ERSPAN : APP_GRE;
        return;
    }
    /* an FTP session has many replies and commands before its STOR: only
     * the client's packets count, and more of them */
    if (n == 0 || (f->app == APP_FTP && k->dport != 21) ||
        f->payloads >= (f->app == APP_FTP ? FTP_PACKETS_READ : PAYLOADS_READ))
        return;
    f->payloads++;
    if (k->proto == 6 && (k->sport == 49 || k->dport == 49) && n >= 12 && p[0] >> 4 == 0xc &&
        p[1] >= 1 && p[1] <= 3 && (f->app == APP_NONE || f->app == APP_TACACS)) {
        f->app = APP_TACACS;
        f->cleartext |= (p[3] & 0x01) != 0;
        return;
    }
    if (f->app != APP_NONE && f->app != APP_FTP)
        return;
    if (k->proto == 6 && n >= 4 && memcmp(p, "SSH-", 4) == 0 && f->app == APP_NONE) {
        if ((t = text_of(c, f)) != NULL) {
            f->app = APP_SSH;
            append(t->banner, sizeof(t->banner), (const char *)p, line_len(p, n));
        }
    } else if (k->proto == 6 && k->dport == 21) {
        if (ftp_commands(c, f, p, n))
            f->app = APP_FTP;
    } else if (k->proto == 17 && k->dport == 69 && n >= 4 && p[0] == 0 &&
               (p[1] == 1 || p[1] == 2) && f->app == APP_NONE) {
        size_t len = line_len(p + 2, n - 2);
        if (len > 0 && len < n - 2 && p[2 + len] == '\0' && (t = text_of(c, f)) != NULL) {
            f->app = APP_TFTP;
            append(t->command, sizeof(t->command), p[1] == 1 ? "RRQ " : "WRQ ", 4);
            append(t->command, sizeof(t->command), (const char *)p + 2, len);
            append(t->file, sizeof(t->file), (const char *)p + 2, len);
        }
    } else if (k->proto == 6 && f->app == APP_NONE) {
        static const char *const methods[] = {"GET /",    "POST /",   "PUT /",  "HEAD /",
                                              "DELETE /", "OPTIONS ", "PATCH /"};
        for (size_t m = 0; m < sizeof(methods) / sizeof(methods[0]); m++) {
            if (n > strlen(methods[m]) && memcmp(p, methods[m], strlen(methods[m])) == 0 &&
                (t = text_of(c, f)) != NULL) {
                f->app = APP_HTTP;
                http_request(t, p, n);
                break;
            }
        }
    }
}

/* ---- decoding ---------------------------------------------------------------------- */

static void ip_of(tw_ip *ip, int family, const unsigned char *p)
{
    memset(ip, 0, sizeof(*ip));
    ip->family = (uint8_t)family;
    memcpy(ip->bytes, p, family == 4 ? 4 : 16);
}

/* The transport header at p[0, n): ports, flags and payload. */
static void transport(pkt *k, const unsigned char *p, size_t n)
{
    if (k->proto == 6 && n >= 20) {
        size_t off = (size_t)(p[12] >> 4) * 4;
        k->sport = be16(p);
        k->dport = be16(p + 2);
        k->tcp_flags = p[13];
        k->ports = true;
        if (off >= 20 && off <= n) {
            k->payload = p + off;
            k->npayload = n - off;
        }
    } else if (k->proto == 17 && n >= 8) {
        k->sport = be16(p);
        k->dport = be16(p + 2);
        k->ports = true;
        k->payload = p + 8;
        k->npayload = n - 8;
    } else if (k->proto == 47 && n >= 4) {
        /* checksum (+reserved), key and sequence number follow when flagged */
        size_t off = 4 + (p[0] & 0x80 ? 4 : 0) + (p[0] & 0x20 ? 4 : 0) + (p[0] & 0x10 ? 4 : 0);
        k->gre_type = be16(p + 2);
        if (off <= n) {
            k->payload = p + off;
            k->npayload = n - off;
        }
    }
}

/* IPv4 or IPv6 at p[0, n); false for what is not a first fragment of IP. */
static bool decode_ip(pkt *k, const unsigned char *p, size_t n)
{
    if (n >= 20 && p[0] >> 4 == 4) {
        size_t ihl = (size_t)(p[0] & 15) * 4, tot = be16(p + 2);
        if (ihl < 20 || ihl > n || tot < ihl || (be16(p + 6) & 0x1fff) != 0)
            return false;
        ip_of(&k->src, 4, p + 12);
        ip_of(&k->dst, 4, p + 16);
        k->proto = p[9];
        k->iplen = tot;
        transport(k, p + ihl, (tot < n ? tot : n) - ihl);
        return true;
    }
    if (n >= 40 && p[0] >> 4 == 6) {
        size_t off = 40, end = 40 + (size_t)be16(p + 4);
        uint8_t next = p[6];
        ip_of(&k->src, 6, p + 8);
        ip_of(&k->dst, 6, p + 24);
        k->iplen = end;
        end = end < n ? end : n;
        for (int i = 0;
             i < 8 && (next == 0 || next == 43 || next == 60 || next == 44 || next == 51); i++) {
            size_t len;
            if (off + 8 > end)
                return false;
            if (next == 44 && (be16(p + off + 2) & 0xfff8) != 0)
                return false; /* a later fragment */
            len = next == 44   ? 8
                  : next == 51 ? ((size_t)p[off + 1] + 2) * 4
                               : ((size_t)p[off + 1] + 1) * 8;
            next = p[off];
            off += len;
        }
        if (off > end)
            return false;
        k->proto = next;
        transport(k, p + off, end - off);
        return true;
    }
    return false;
}

/* The IP packet inside a frame of link type dlt; false when there is none. */
static bool decode(int dlt, const unsigned char *p, size_t n, pkt *k)
{
    uint32_t fam;
    uint16_t type;
    size_t off;

    switch (dlt) {
    case DLT_EN10MB:
        if (n < 14)
            return false;
        type = be16(p + 12);
        off = 14;
        for (int i = 0; i < 4 && (type == 0x8100 || type == 0x88a8 || type == 0x9100); i++) {
            if (off + 4 > n)
                return false;
            type = be16(p + off + 2);
            off += 4;
        }
        return (type == 0x0800 || type == 0x86dd) && decode_ip(k, p + off, n - off);
    case DLT_RAW:
    case DLT_IPV4:
    case DLT_IPV6:
        return decode_ip(k, p, n);
    case DLT_NULL:
    case DLT_LOOP:
        if (n < 4)
            return false;
        memcpy(&fam, p, 4);
        if (dlt == DLT_LOOP || fam > 0xffff)
            fam = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
        return (fam == 2 || fam == 24 || fam == 28 || fam == 30) && decode_ip(k, p + 4, n - 4);
    case DLT_LINUX_SLL:
        return n >= 16 && (be16(p + 14) == 0x0800 || be16(p + 14) == 0x86dd) &&
               decode_ip(k, p + 16, n - 16);
    case DLT_LINUX_SLL2:
        return n >= 20 && (be16(p) == 0x0800 || be16(p) == 0x86dd) && decode_ip(k, p + 20, n - 20);
    default:
        return false;
    }
}

static bool dlt_known(int dlt)
{
    return dlt == DLT_EN10MB || dlt == DLT_RAW || dlt == DLT_IPV4 || dlt == DLT_IPV6 ||
           dlt == DLT_NULL || dlt == DLT_LOOP || dlt == DLT_LINUX_SLL || dlt == DLT_LINUX_SLL2;
}

/* The packet inside a GRE packet k (IPv4, IPv6, Ethernet, ERSPAN II or
 * III), counted in its own flow, which remembers the tunnel; one level. */
static void decapsulate(cap_ctx *c, const pkt *k, uint8_t app, const struct pcap_pkthdr *h)
{
    const unsigned char *p = k->payload;
    size_t n = k->npayload, off = 0;
    pkt in = {0};
    flow *f;
    bool ok;

    if (p == NULL)
        return;
    if (k->gre_type == 0x88be)
        off = 8; /* ERSPAN type II header */
    else if (k->gre_type == 0x22eb)
        off = n >= 12 && (p[11] & 0x01) ? 20 : 12; /* type III, with its platform sub-header */
    if (off > n)
        return;
    if (k->gre_type == 0x0800 || k->gre_type == 0x86dd)
        ok = decode_ip(&in, p, n);
    else if (k->gre_type == 0x6558 || k->gre_type == 0x88be || k->gre_type == 0x22eb)
        ok = decode(DLT_EN10MB, p + off, n - off, &in);
    else
        ok = false;
    if (!ok || in.proto == 47 || (f = flow_of(c, &in, h)) == NULL)
        return;
    if (f->packets == 0) {
        f->tsrc = k->src;
        f->tdst = k->dst;
        f->tapp = app == APP_ERSPAN ? APP_ERSPAN : APP_GRE;
    }
    f->packets++;
    f->bytes += in.iplen;
    read_payload(c, f, &in);
}

/* ---- the facts ----------------------------------------------------------------------- */

static const char *proto_name(uint8_t proto, char *buf, size_t cap)
{
    switch (proto) {
    case 6:
        return "tcp";
    case 17:
        return "udp";
    case 47:
        return "gre";
    case 50:
        return "esp";
    case 1:
        return "icmp";
    case 58:
        return "icmpv6";
    default:
        snprintf(buf, cap, "%u", proto);
        return buf;
    }
}

static void endpoint(tw_buf *b, const tw_ip *ip, bool ports, uint16_t port)
{
    char a[TW_IP_STRLEN];

    tw_ip_format(ip, a, sizeof(a));
    if (!ports)
        tw_buf_adds(b, a);
    else if (ip->family == 6)
        tw_buf_printf(b, "[%s]:%u", a, port);
    else
        tw_buf_printf(b, "%s:%u", a, port);
}

/* "10.0.0.1 -> 81.2.69.161": the ends of the tunnel a flow was seen in. */
static void tunnel_ends(tw_buf *b, const flow *f)
{
    endpoint(b, &f->tsrc, false, 0);
    tw_buf_adds(b, " -> ");
    endpoint(b, &f->tdst, false, 0);
}

static tw_err emit(tw_factset *fs, const flow *f, tw_buf *ev)
{
    char pn[8], when[40];
    const char *proto = proto_name(f->proto, pn, sizeof(pn));
    const flow_text *t = f->text;
    time_t sec = (time_t)f->sec;
    struct tm tm;
    tw_cidr src = {.addr = f->src, .plen = f->src.family == 4 ? 32 : 128};
    tw_cidr dst = {.addr = f->dst, .plen = f->dst.family == 4 ? 32 : 128};

    if (gmtime_r(&sec, &tm) == NULL || strftime(when, 24, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
        snprintf(when, 24, "%lld", (long long)f->sec);
    snprintf(when + strlen(when), sizeof(when) - strlen(when), ".%06lldZ", (long long)f->usec);
    tw_buf_reset(ev);
    tw_buf_printf(ev, "%s %s ", when, proto);
    endpoint(ev, &f->src, f->ports, f->sport);
    tw_buf_adds(ev, " -> ");
    endpoint(ev, &f->dst, f->ports, f->dport);
    tw_buf_printf(ev, ", %llu packet%s, %llu bytes", (unsigned long long)f->packets,
                  f->packets == 1 ? "" : "s", (unsigned long long)f->bytes);
    if (f->app == APP_TACACS)
        tw_buf_adds(ev, f->cleartext ? ", TACACS+ unencrypted" : ", TACACS+");
    else if (f->app == APP_SSH && t != NULL)
        tw_buf_printf(ev, ", SSH banner %s", t->banner);
    else if ((f->app == APP_FTP || f->app == APP_TFTP || f->app == APP_HTTP) && t != NULL)
        tw_buf_printf(ev, ", %s %s",
                      f->app == APP_FTP    ? "FTP"
                      : f->app == APP_TFTP ? "TFTP"
                                           : "HTTP",
                      t->command);
    else if (f->app == APP_GRE || f->app == APP_ERSPAN)
        tw_buf_adds(ev, f->app == APP_GRE ? ", GRE" : ", ERSPAN");
    if (f->tapp != APP_NONE) {
        tw_buf_adds(ev, f->tapp == APP_ERSPAN ? ", inside ERSPAN " : ", inside GRE ");
        tunnel_ends(ev, f);
    }
    if (ev->ptr == NULL)
        return TW_ENOMEM;

    tw_factset_begin(fs, TW_FACT_EVENT, f->frame, tw_buf_str(ev), TW_STR_NULL);
    tw_factset_str(fs, "format", TW_STR("pcap"));
    tw_factset_str(fs, "time", tw_str_c(when));
    tw_factset_addr(fs, "src", &src);
    tw_factset_addr(fs, "dst", &dst);
    if (f->ports) {
        tw_factset_num(fs, "src_port", f->sport);
        tw_factset_num(fs, "dst_port", f->dport);
    }
    tw_factset_str(fs, "protocol", tw_str_c(proto));
    tw_factset_num(fs, "packets", (int64_t)f->packets);
    tw_factset_num(fs, "bytes", (int64_t)f->bytes);
    tw_factset_addr(fs, "address", &src);
    tw_factset_addr(fs, "address", &dst);
    if (f->app != APP_NONE)
        tw_factset_str(fs, "app", tw_str_c(app_names[f->app]));
    if (f->app == APP_TACACS)
        tw_factset_bool(fs, "tacacs_cleartext", f->cleartext);
    if (t != NULL && t->banner[0])
        tw_factset_str(fs, "banner", tw_str_c(t->banner));
    if (t != NULL && t->command[0])
        tw_factset_str(fs, "command", tw_str_c(t->command));
    if (t != NULL && t->file[0])
        tw_factset_str(fs, "file", tw_str_c(t->file));
    if (f->tapp != APP_NONE) {
        size_t at = ev->len;
        tw_buf_adds(ev, f->tapp == APP_ERSPAN ? "erspan " : "gre ");
        tunnel_ends(ev, f);
        if (ev->ptr != NULL)
            tw_factset_str(fs, "tunnel", tw_str_make(ev->ptr + at, ev->len - at));
    }
    return tw_factset_end(fs);
}

static void release(cap_ctx *c)
{
    for (size_t i = 0; i < c->n; i++)
        free(c->v[i].text);
    free(c->v);
    free(c->slots);
}

tw_err tw_capture_flows(const char *file, const char *data, size_t len, tw_factset *fs,
                        tw_diags *diags)
{
    char errbuf[PCAP_ERRBUF_SIZE] = "";
    cap_ctx c = {.file = file, .diags = diags};
    struct pcap_pkthdr *h;
    const u_char *p;
    pcap_t *pc;
    FILE *fp;
    tw_err rc = TW_OK;
    tw_buf ev;
    int r, dlt;

    if (len < 24 || !tw_capture_magic(data, len)) {
        tw_diags_add(diags, TW_DIAG_ERROR, TW_EPARSE, file, 0, 0, NULL, "%s",
                     tw_capture_magic(data, len) ? "capture shorter than its file header"
                                                 : "not a packet capture (pcap or pcapng)");
        return TW_EPARSE;
    }
    fp = fmemopen((void *)data, len, "rb");
    if (fp == NULL)
        return TW_ENOMEM;
    pc = pcap_fopen_offline_with_tstamp_precision(fp, PCAP_TSTAMP_PRECISION_MICRO, errbuf);
    if (pc == NULL) {
        fclose(fp);
        tw_diags_add(diags, TW_DIAG_ERROR, TW_EPARSE, file, 0, 0, NULL,
                     "not a capture libpcap reads: %s", errbuf);
        return TW_EPARSE;
    }
    dlt = pcap_datalink(pc);
    if (!dlt_known(dlt)) {
        const char *name = pcap_datalink_val_to_name(dlt);
        tw_diags_add(diags, TW_DIAG_ERROR, TW_EPARSE, file, 0, 0, NULL,
                     "link type %d (%s) is not decoded", dlt, name ? name : "unknown");
        pcap_close(pc);
        return TW_EPARSE;
    }
    while (!c.nomem && (r = pcap_next_ex(pc, &h, &p)) != PCAP_ERROR_BREAK) {
        pkt k = {0};
        flow *f;
        c.frame++;
        if (r == PCAP_ERROR) {
            tw_diags_add(diags, TW_DIAG_WARNING, TW_EPARSE, file, c.frame, 0, NULL,
                         "frame %u cannot be read (%s); the flows before it are kept", c.frame,
                         pcap_geterr(pc));
            break;
        }
        if (r != 1 || !decode(dlt, p, h->caplen, &k) || (f = flow_of(&c, &k, h)) == NULL)
            continue;
        f->packets++;
        f->bytes += k.iplen;
        read_payload(&c, f, &k);
        if (k.proto == 47)
            decapsulate(&c, &k, f->app, h);
    }
    pcap_close(pc); /* closes fp */
    if (c.dropped > 0)
        tw_diags_add(diags, TW_DIAG_WARNING, TW_ELIMIT, file, 0, 0, NULL,
                     "more than %d flows; %zu packets of further flows are not reported",
                     TW_CAPTURE_MAX_FLOWS, c.dropped);
    tw_buf_init(&ev, 0);
    for (size_t i = 0; i < c.n && rc == TW_OK && !c.nomem; i++)
        rc = emit(fs, &c.v[i], &ev);
    tw_buf_release(&ev);
    release(&c);
    return c.nomem ? TW_ENOMEM : rc;
}
