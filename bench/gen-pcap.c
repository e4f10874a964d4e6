/*
 * gen-pcap.c: writes a synthetic packet capture for the capture benchmark
 * (bench/run --capture-only).
 *
 * Usage: tw-gen-pcap OUT.pcap SIZE_MB INDICATORS.txt [SEED]
 *
 * A classic little-endian pcap (Ethernet, IPv4) of about SIZE_MB megabytes:
 * 64 flows are open at a time and each packet goes to one of them, so
 * flows interleave as on a real link.  Flows are TCP (web, SSH, TACACS+ with
 * and without encryption, FTP), UDP (DNS, syslog, NTP) and some GRE, from
 * 10.0.0.0/8 hosts to 10.0.0.0/8 servers and public addresses; one flow in
 * 500 goes to an address of INDICATORS.txt (one IPv4 address a line; the
 * first 1,000 are used).  TCP flows start with a SYN and carry a payload
 * that tells their application in their first data packet.  Deterministic
 * for a seed.  Prints "flows=N packets=N indicator_flows=N" to stdout.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define OPEN 64
#define MAX_IOCS 1000

typedef struct {
    uint32_t src, dst;
    uint16_t sport, dport;
    uint8_t proto;
    unsigned left; /* packets still to send */
    unsigned sent;
} flow;

static uint64_t rng_state;

static uint32_t rnd(void)
{
    rng_state = rng_state * 6364136223846793005u + 1442695040888963407u;
    return (uint32_t)(rng_state >> 33);
}

static void le32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static void be16(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 8);
    p[1] = (unsigned char)v;
}

static void be32(unsigned char *p, uint32_t v)
{
    be16(p, v >> 16);
    be16(p + 2, v);
}

static uint32_t iocs[MAX_IOCS];
static size_t niocs;
static unsigned long nflows, npackets, nioc_flows;

static void load_iocs(const char *path)
{
    FILE *f = fopen(path, "r");
    char line[256];
    unsigned a, b, c, d;

    if (f == NULL) {
        perror(path);
        exit(1);
    }
    while (niocs < MAX_IOCS && fgets(line, sizeof(line), f) != NULL) {
        if (sscanf(line, "%u.%u.%u.%u", &a, &b, &c, &d) == 4 && a < 256 && b < 256 && c < 256 &&
            d < 256)
            iocs[niocs++] = a << 24 | b << 16 | c << 8 | d;
    }
    fclose(f);
}

static void new_flow(flow *f)
{
    static const uint16_t tcp_ports[] = {443, 443, 443, 80, 22, 22, 49, 49, 21, 8443};
    static const uint16_t udp_ports[] = {53, 53, 514, 123};
    uint32_t r = rnd() % 100;

    memset(f, 0, sizeof(*f));
    f->src = 0x0a000000u | (rnd() & 0xffff);
    if (niocs > 0 && rnd() % 500 == 0) {
        f->dst = iocs[rnd() % niocs];
        nioc_flows++;
    } else if (rnd() % 3 == 0) {
        f->dst = 0x0a010000u | (rnd() & 0xff); /* a server */
    } else {
        f->dst = (uint32_t)(100 + rnd() % 80) << 24 | (rnd() & 0xffffff); /* public */
    }
    if (r < 80) {
        f->proto = 6;
        f->dport = tcp_ports[rnd() % (sizeof(tcp_ports) / sizeof(tcp_ports[0]))];
    } else if (r < 97) {
        f->proto = 17;
        f->dport = udp_ports[rnd() % (sizeof(udp_ports) / sizeof(udp_ports[0]))];
    } else {
        f->proto = 47;
    }
    f->sport = (uint16_t)(20000 + rnd() % 40000);
    f->left = f->proto == 17 ? 1 + rnd() % 4 : 3 + rnd() % 40;
    nflows++;
}

/* The payload of the flow's data packet number k (0: the first). */
static size_t payload(const flow *f, unsigned k, unsigned char *p, int from_server)
{
    size_t n = 0;

    if (f->proto == 6 && k == 0 && f->dport == 49) {
        static const unsigned char hdr[] = {0xc0, 1, 1, 0, 0x5e, 0xed, 0x1a, 0x11, 0, 0, 0, 12};
        memcpy(p, hdr, sizeof(hdr));
        p[3] = (unsigned char)(rnd() % 8 == 0); /* one in 8 without a key */
        memset(p + 12, 'k', 12);
        return 24;
    }
    if (f->proto == 6 && k == 0 && f->dport == 22 && from_server)
        return (size_t)sprintf((char *)p, "SSH-2.0-Cisco-1.25\r\n");
    if (f->proto == 6 && k == 0 && f->dport == 21)
        return (size_t)sprintf((char *)p, "USER backup\r\nSTOR cfg-%u.txt\r\n", rnd() % 1000);
    if (f->proto == 6 && k == 0 && f->dport == 80)
        return (size_t)sprintf((char *)p, "GET /index.html?id=%u HTTP/1.1\r\nHost: x\r\n\r\n",
                               rnd() % 1000);
    n = f->proto == 17 ? 40 + rnd() % 200 : rnd() % 4 == 0 ? 0 : 200 + rnd() % 1200;
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(rnd() >> 7);
    return n;
}

static void packet(FILE *out, flow *f, uint32_t ts)
{
    unsigned char b[1600];
    unsigned char *ip = b + 16 + 14, *l4 = ip + 20;
    int from_server = f->sent > 0 && rnd() % 2 == 0;
    uint32_t src = from_server ? f->dst : f->src, dst = from_server ? f->src : f->dst;
    uint16_t sport = from_server ? f->dport : f->sport, dport = from_server ? f->sport : f->dport;
    size_t l4len, n;

    memset(b, 0, 16 + 14 + 40);
    if (f->proto == 6) {
        uint8_t flags = f->sent == 0 ? 0x02 : f->sent == 1 ? 0x12 : 0x18;
        if (f->sent == 1) { /* the SYN-ACK comes from the server */
            src = f->dst, dst = f->src, sport = f->dport, dport = f->sport;
            from_server = 1;
        }
        be16(l4, sport);
        be16(l4 + 2, dport);
        be32(l4 + 4, rnd());
        l4[12] = 0x50;
        l4[13] = flags;
        be16(l4 + 14, 64240);
        n = f->sent >= 2 ? payload(f, f->sent - 2, l4 + 20, from_server) : 0;
        l4len = 20 + n;
    } else if (f->proto == 17) {
        be16(l4, sport);
        be16(l4 + 2, dport);
        n = payload(f, f->sent, l4 + 8, from_server);
        be16(l4 + 4, (uint32_t)(8 + n));
        l4len = 8 + n;
    } else {
        be16(l4 + 2, 0x0800);
        n = payload(f, 1, l4 + 4, 0);
        l4len = 4 + n;
    }
    ip[0] = 0x45;
    be16(ip + 2, (uint32_t)(20 + l4len));
    ip[8] = 64;
    ip[9] = f->proto;
    be32(ip + 12, src);
    be32(ip + 16, dst);
    memcpy(b + 16, "\x00\x11\x22\x33\x44\x55\x00\x66\x77\x88\x99\xaa\x08\x00", 14);
    le32(b, ts);
    le32(b + 4, (uint32_t)(npackets % 1000000));
    le32(b + 8, (uint32_t)(14 + 20 + l4len));
    le32(b + 12, (uint32_t)(14 + 20 + l4len));
    fwrite(b, 1, 16 + 14 + 20 + l4len, out);
    f->sent++;
    f->left--;
    npackets++;
}

int main(int argc, char **argv)
{
    static const unsigned char hdr[24] = {0xd4, 0xc3, 0xb2, 0xa1, 2,    0,    4, 0, 0, 0, 0, 0,
                                          0,    0,    0,    0,    0xff, 0xff, 0, 0, 1, 0, 0, 0};
    flow open[OPEN];
    FILE *out;
    uint64_t want, done = 24;

    if (argc < 4) {
        fprintf(stderr, "usage: tw-gen-pcap OUT.pcap SIZE_MB INDICATORS.txt [SEED]\n");
        return 2;
    }
    want = (uint64_t)strtoull(argv[2], NULL, 10) << 20;
    rng_state = argc > 4 ? strtoull(argv[4], NULL, 10) : 1;
    load_iocs(argv[3]);
    out = fopen(argv[1], "wb");
    if (out == NULL) {
        perror(argv[1]);
        return 1;
    }
    fwrite(hdr, 1, sizeof(hdr), out);
    for (int i = 0; i < OPEN; i++)
        new_flow(&open[i]);
    while (done < want) {
        flow *f = &open[rnd() % OPEN];
        long before = ftell(out);
        packet(out, f, 1741564800u + (uint32_t)(npackets / 2000));
        done += (uint64_t)(ftell(out) - before);
        if (f->left == 0)
            new_flow(f);
    }
    if (fclose(out) != 0) {
        perror(argv[1]);
        return 1;
    }
    printf("flows=%lu packets=%lu indicator_flows=%lu\n", nflows, npackets, nioc_flows);
    return 0;
}
