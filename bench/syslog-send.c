/*
 * syslog-send.c: the load generator of the watch benchmark (bench/run
 * --watch-only) and of the malformed-message flood of tests/watch/run.
 *
 * Sends router syslog messages (Cisco IOS access-list log lines, about
 * 150 bytes; every --ioc-every'th one names an advisory indicator) to a
 * UDP or TCP listener at a given rate for a given time, in batches of 32
 * (sendmmsg over UDP), paced by the clock.  --garbage sends malformed
 * messages instead: random bytes, frames with bad octet counts, lines
 * longer than any message limit.  Prints what it sent.
 *
 * Usage: syslog-send udp|tcp HOST PORT RATE SECONDS [--ioc-every N] [--garbage]
 */
#define _GNU_SOURCE /* sendmmsg */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BATCH 32
#define MSG_MAX 2048

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t rng(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* Message i into buf; its length. */
static int message(char *buf, uint64_t i, unsigned ioc_every, bool garbage, uint64_t *seed)
{
    if (garbage) {
        int kind = (int)(rng(seed) % 4), n;
        switch (kind) {
        case 0: /* random bytes */
            n = 1 + (int)(rng(seed) % 600);
            for (int k = 0; k < n; k++)
                buf[k] = (char)(rng(seed) & 0xff);
            return n;
        case 1: /* a count that promises more than comes */
            return snprintf(buf, MSG_MAX, "99999 <13>short\n");
        case 2: /* a line longer than a message may be */
            memset(buf, 'A', MSG_MAX - 1);
            buf[MSG_MAX - 1] = '\n';
            return MSG_MAX;
        default: /* a count that is no count */
            return snprintf(buf, MSG_MAX, "12345678901234 <13>x\n");
        }
    }
    return snprintf(buf, MSG_MAX,
                    "<190>%llu: pe%llu: *Mar  3 10:%02llu:%02llu.%03llu: "
                    "%%SEC-6-IPACCESSLOGP: list MGMT permitted tcp %s(%llu) -> 10.1.1.1(22), 1 "
                    "packet\n",
                    (unsigned long long)i, (unsigned long long)(i % 500),
                    (unsigned long long)(i / 60 % 60), (unsigned long long)(i % 60),
                    (unsigned long long)(i % 1000),
                    ioc_every && i % ioc_every == 0 ? "45.61.133.77" : "10.20.30.40",
                    (unsigned long long)(1024 + i % 60000));
}

int main(int argc, char **argv)
{
    static char bufs[BATCH][MSG_MAX];
    struct mmsghdr mm[BATCH];
    struct iovec iov[BATCH];
    struct sockaddr_in to = {.sin_family = AF_INET};
    unsigned ioc_every = 0;
    bool tcp, garbage = false;
    double rate, secs, start;
    uint64_t sent = 0, seed = 88172645463325252ULL;
    int fd;

    if (argc < 6) {
        fprintf(stderr, "usage: syslog-send udp|tcp HOST PORT RATE SECONDS [--ioc-every N] "
                        "[--garbage]\n");
        return 2;
    }
    tcp = strcmp(argv[1], "tcp") == 0;
    to.sin_port = htons((uint16_t)atoi(argv[3]));
    rate = atof(argv[4]);
    secs = atof(argv[5]);
    for (int i = 6; i < argc; i++) {
        if (strcmp(argv[i], "--ioc-every") == 0 && i + 1 < argc)
            ioc_every = (unsigned)atoi(argv[++i]);
        else if (strcmp(argv[i], "--garbage") == 0)
            garbage = true;
    }
    if (inet_pton(AF_INET, argv[2], &to.sin_addr) != 1 || rate <= 0 || secs <= 0) {
        fprintf(stderr, "syslog-send: bad address or rate\n");
        return 2;
    }
    fd = socket(AF_INET, tcp ? SOCK_STREAM : SOCK_DGRAM, 0);
    if (fd < 0 || connect(fd, (struct sockaddr *)&to, sizeof(to)) != 0) {
        perror("syslog-send");
        return 1;
    }
    start = now();
    while (now() - start < secs) {
        double due = (now() - start) * rate;
        while ((double)sent < due) {
            int n = 0;
            for (; n < BATCH && (double)(sent + (uint64_t)n) < due + BATCH; n++) {
                int len = message(bufs[n], sent + (uint64_t)n, ioc_every, garbage, &seed);
                iov[n] = (struct iovec){bufs[n], (size_t)len};
                mm[n].msg_hdr = (struct msghdr){.msg_iov = &iov[n], .msg_iovlen = 1};
            }
            if (tcp) {
                for (int k = 0; k < n; k++) {
                    if (write(fd, iov[k].iov_base, iov[k].iov_len) < 0) {
                        perror("syslog-send");
                        return 1;
                    }
                }
                sent += (uint64_t)n;
            } else {
                int r = sendmmsg(fd, mm, (unsigned)n, 0);
                if (r > 0) /* ECONNREFUSED and the like: try on */
                    sent += (uint64_t)r;
            }
        }
        if ((double)sent >= due)
            usleep(200);
    }
    close(fd);
    printf("%llu\n", (unsigned long long)sent);
    return 0;
}
