/*
 * watch_syslog.c: the syslog listeners of "tidewatch watch".
 *
 * --syslog udp://HOST:PORT takes one message a datagram (read 64 at a time
 * with recvmmsg); --syslog tcp://HOST:PORT takes connections whose bytes
 * go through a framer (frame.h: octet counting or newline framing, per
 * message).  Messages become lines of a batch (a newline inside a message
 * becomes a space) that is hunted as a log of the listener's URL when it
 * is full, when the messages come from another listener, and once per turn
 * of the event loop, so a message is reported within one turn.  Nothing is
 * queued beyond one batch: a burst the hunt cannot keep up with waits in
 * the kernel's socket buffers (TCP: the sender is slowed), and datagrams
 * the kernel drops when its buffer is full are counted (SO_RXQ_OVFL) and
 * reported.
 */
#define _GNU_SOURCE /* recvmmsg, accept4 */
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "watch.h"

#define RECV_BATCH 64
#define RCVBUF (8 << 20)

/* Splits "udp://HOST:PORT" (HOST may be [v6]); false when malformed. */
static bool parse_url(const char *url, bool *tcp, char *host, size_t hcap, char *port, size_t pcap)
{
    const char *p, *colon;
    size_t hl;

    if (strncmp(url, "udp://", 6) == 0)
        *tcp = false;
    else if (strncmp(url, "tcp://", 6) == 0)
        *tcp = true;
    else
        return false;
    p = url + 6;
    if (*p == '[') {
        const char *close = strchr(p, ']');
        if (close == NULL || close[1] != ':')
            return false;
        hl = (size_t)(close - p - 1);
        p++;
        colon = close + 1;
    } else {
        colon = strrchr(p, ':');
        if (colon == NULL)
            return false;
        hl = (size_t)(colon - p);
    }
    if (hl == 0 || hl >= hcap || strlen(colon + 1) == 0 || strlen(colon + 1) >= pcap ||
        strspn(colon + 1, "0123456789") != strlen(colon + 1))
        return false;
    memcpy(host, p, hl);
    host[hl] = '\0';
    snprintf(port, pcap, "%s", colon + 1);
    return true;
}

static bool add_epoll(watch_ctx *w, int fd)
{
    struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd};

    return epoll_ctl(w->epfd, EPOLL_CTL_ADD, fd, &ev) == 0;
}

/* Writes the port the socket got into l->url (port 0 asks the system for
 * one: tests use it). */
static void bound_url(watch_listener *l, const char *host)
{
    struct sockaddr_storage ss;
    socklen_t sl = sizeof(ss);
    unsigned port = 0;

    if (getsockname(l->fd, (struct sockaddr *)&ss, &sl) != 0)
        return;
    if (ss.ss_family == AF_INET)
        port = ntohs(((struct sockaddr_in *)&ss)->sin_port);
    else if (ss.ss_family == AF_INET6)
        port = ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
    snprintf(l->url, sizeof(l->url), "%s://%s%s%s:%u", l->tcp ? "tcp" : "udp",
             strchr(host, ':') ? "[" : "", host, strchr(host, ':') ? "]" : "", port);
}

/* Opens one listener; false after saying why. */
static bool open_listener(watch_ctx *w, const char *url)
{
    watch_listener *l = &w->lis[w->nlis];
    struct addrinfo hints = {.ai_flags = AI_PASSIVE | AI_NUMERICSERV}, *ai = NULL;
    char host[64], port[8];
    int one = 1, size = RCVBUF, fd = -1, rc;

    if (!parse_url(url, &l->tcp, host, sizeof(host), port, sizeof(port))) {
        tw_cli_error(w->cli, "%s: not a listener address (udp://HOST:PORT or tcp://HOST:PORT)",
                     url);
        return false;
    }
    hints.ai_socktype = l->tcp ? SOCK_STREAM : SOCK_DGRAM;
    rc = getaddrinfo(host, port, &hints, &ai);
    if (rc != 0) {
        tw_cli_error(w->cli, "%s: %s", url, gai_strerror(rc));
        return false;
    }
    fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd >= 0) {
        (void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
        if (!l->tcp) {
            (void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
            (void)setsockopt(fd, SOL_SOCKET, SO_RXQ_OVFL, &one, sizeof(one));
        }
    }
    if (fd < 0 || bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || (l->tcp && listen(fd, 64) != 0) ||
        !add_epoll(w, fd)) {
        tw_cli_error(w->cli, "%s: cannot listen: %s", url, strerror(errno));
        if (fd >= 0)
            close(fd);
        freeaddrinfo(ai);
        return false;
    }
    freeaddrinfo(ai);
    l->fd = fd;
    snprintf(l->url, sizeof(l->url), "%s", url);
    bound_url(l, host);
    fprintf(stderr, "tidewatch: listening on %s\n", l->url);
    w->nlis++;
    return true;
}

bool watch_syslog_open(watch_ctx *w)
{
    tw_buf_init(&w->batch, WATCH_BATCH_BYTES + WATCH_MSG_MAX + 2);
    w->batch_listener = -1;
    w->udp_bufs = w->nsyslog > 0 ? malloc((size_t)RECV_BATCH * WATCH_MSG_MAX) : NULL;
    w->syslog_open = true;
    if (w->nsyslog > 0 && w->udp_bufs == NULL) {
        tw_cli_error(w->cli, "%s", tw_strerror(TW_ENOMEM));
        return false;
    }
    for (size_t i = 0; i < w->nsyslog; i++) {
        if (!open_listener(w, w->syslog[i]))
            return false;
    }
    return true;
}

/* Hunts the batch as lines of its listener's log. */
void watch_syslog_flush(watch_ctx *w)
{
    watch_listener *l;
    tw_arena *a;
    tw_findings fl;
    tw_diags d;
    tw_err rc;

    if (w->nbatch == 0)
        return;
    l = &w->lis[w->batch_listener];
    a = tw_arena_new(TW_LIMIT_ARENA);
    tw_diags_init(&d);
    if (a != NULL) {
        tw_findings_init(&fl, a);
        rc = tw_hunt_begin(w->scan, l->url, TW_LOG_SYSLOG, NULL, TW_STR_NULL, &d);
        if (rc == TW_OK)
            rc = tw_hunt_chunk(w->scan, w->batch.ptr, w->batch.len, w->lineno + 1, &fl, &d);
        tw_hunt_end(w->scan);
        if (rc != TW_OK)
            tw_cli_error(w->cli, "%s: cannot hunt: %s", l->url, tw_strerror(rc));
        watch_findings(w, &fl, NULL);
        tw_findings_release(&fl);
        tw_arena_free(a);
    }
    if (w->o.verbose)
        (void)tw_cli_print_diags(w->cli, &d, true);
    tw_diags_release(&d);
    w->lineno += (uint32_t)w->nbatch;
    w->nbatch = 0;
    tw_buf_reset(&w->batch);
}

/* Adds one message to the batch, as one line. */
static void add_message(watch_ctx *w, int listener, const char *msg, size_t len)
{
    size_t start;

    if (len > WATCH_MSG_MAX)
        len = WATCH_MSG_MAX;
    while (len > 0 && (msg[len - 1] == '\n' || msg[len - 1] == '\r' || msg[len - 1] == '\0'))
        len--;
    if (len == 0)
        return;
    if (w->batch_listener != listener)
        watch_syslog_flush(w);
    w->batch_listener = listener;
    w->lis[listener].received++;
    start = w->batch.len;
    if (tw_buf_add(&w->batch, msg, len) != TW_OK || tw_buf_addch(&w->batch, '\n') != TW_OK) {
        w->run.internal_error = true;
        return;
    }
    for (size_t i = start; i + 1 < w->batch.len; i++) {
        char c = w->batch.ptr[i];
        if (c == '\n' || c == '\r' || c == '\0')
            w->batch.ptr[i] = ' ';
    }
    if (++w->nbatch >= WATCH_BATCH_MSGS || w->batch.len >= WATCH_BATCH_BYTES)
        watch_syslog_flush(w);
}

typedef struct {
    watch_ctx *w;
    int listener;
} frame_ud;

static void on_frame(void *ud, const char *msg, size_t len)
{
    frame_ud *f = ud;

    add_message(f->w, f->listener, msg, len);
}

/* Reads what one recvmmsg gives (at most RECV_BATCH datagrams); their
 * number. */
static int read_udp_once(watch_ctx *w, int li)
{
    union {
        char b[CMSG_SPACE(sizeof(uint32_t))];
        struct cmsghdr align;
    } ctl[RECV_BATCH];
    struct mmsghdr mm[RECV_BATCH];
    struct iovec iov[RECV_BATCH];
    int n;

    for (int i = 0; i < RECV_BATCH; i++) {
        iov[i] = (struct iovec){w->udp_bufs + (size_t)i * WATCH_MSG_MAX, WATCH_MSG_MAX};
        mm[i].msg_hdr = (struct msghdr){.msg_iov = &iov[i],
                                        .msg_iovlen = 1,
                                        .msg_control = ctl[i].b,
                                        .msg_controllen = sizeof(ctl[i].b)};
    }
    n = recvmmsg(w->lis[li].fd, mm, RECV_BATCH, MSG_DONTWAIT, NULL);
    for (int i = 0; i < n; i++) {
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&mm[i].msg_hdr); c != NULL;
             c = CMSG_NXTHDR(&mm[i].msg_hdr, c)) {
            uint32_t drops;
            if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL) {
                memcpy(&drops, CMSG_DATA(c), sizeof(drops));
                w->lis[li].kernel_drops = drops;
            }
        }
        add_message(w, li, w->udp_bufs + (size_t)i * WATCH_MSG_MAX, mm[i].msg_len);
    }
    return n;
}

/* Reads datagrams while there are any, up to a batch's worth, so that a
 * busy listener is hunted in big batches. */
static void read_udp(watch_ctx *w, int li)
{
    for (int got = 0; got < WATCH_BATCH_MSGS;) {
        int n = read_udp_once(w, li);
        if (n < RECV_BATCH)
            break;
        got += n;
    }
}

static void accept_tcp(watch_ctx *w, int li)
{
    int fd;

    while ((fd = accept4(w->lis[li].fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
        size_t k = 0;
        watch_client *c;
        while (k < WATCH_MAX_CLIENTS && w->clients[k] != NULL)
            k++;
        c = k < WATCH_MAX_CLIENTS ? calloc(1, sizeof(*c)) : NULL;
        if (c == NULL || !add_epoll(w, fd)) {
            w->refused++;
            close(fd);
            free(c);
            continue;
        }
        c->fd = fd;
        c->listener = (int)li;
        tw_framer_init(&c->framer, WATCH_MSG_MAX);
        w->clients[k] = c;
    }
}

static void close_client(watch_ctx *w, size_t k)
{
    watch_client *c = w->clients[k];
    frame_ud ud = {w, c->listener};

    tw_framer_end(&c->framer, on_frame, &ud);
    w->frames_cut += c->framer.cut;
    w->frames_bad += c->framer.bad;
    epoll_ctl(w->epfd, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    tw_framer_release(&c->framer);
    free(c);
    w->clients[k] = NULL;
}

static void read_client(watch_ctx *w, size_t k)
{
    char buf[65536];
    watch_client *c = w->clients[k];
    frame_ud ud = {w, c->listener};

    for (int turns = 0; turns < 16; turns++) { /* then let the others have a turn */
        ssize_t r = read(c->fd, buf, sizeof(buf));
        if (r > 0) {
            tw_framer_feed(&c->framer, buf, (size_t)r, on_frame, &ud);
            continue;
        }
        if (r < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
            return;
        close_client(w, k); /* end of stream, or an error */
        return;
    }
}

void watch_syslog_event(watch_ctx *w, int fd)
{
    for (size_t i = 0; i < w->nlis; i++) {
        if (w->lis[i].fd == fd) {
            if (w->lis[i].tcp)
                accept_tcp(w, (int)i);
            else
                read_udp(w, (int)i);
            return;
        }
    }
    for (size_t k = 0; k < WATCH_MAX_CLIENTS; k++) {
        if (w->clients[k] != NULL && w->clients[k]->fd == fd) {
            read_client(w, k);
            return;
        }
    }
}

void watch_syslog_report_drops(watch_ctx *w, bool final)
{
    uint64_t drops = w->refused, cut = w->frames_cut, bad = w->frames_bad;

    for (size_t i = 0; i < w->nlis; i++)
        drops += w->lis[i].kernel_drops;
    for (size_t k = 0; k < WATCH_MAX_CLIENTS; k++) {
        if (w->clients[k] != NULL) {
            cut += w->clients[k]->framer.cut;
            bad += w->clients[k]->framer.bad;
        }
    }
    if (drops > w->reported_drops) {
        tw_cli_warn(w->cli,
                    "%llu syslog messages or connections dropped under load so far "
                    "(the kernel's receive buffer was full, or too many connections)",
                    (unsigned long long)drops);
        w->reported_drops = drops;
    }
    if (!final)
        return;
    for (size_t i = 0; i < w->nlis; i++)
        fprintf(stderr, "tidewatch: %s: %llu messages received, %llu dropped by the kernel\n",
                w->lis[i].url, (unsigned long long)w->lis[i].received,
                (unsigned long long)w->lis[i].kernel_drops);
    if (w->refused > 0 || cut > 0 || bad > 0)
        fprintf(stderr, "tidewatch: %llu connections refused, %llu messages cut, %llu bad frames\n",
                (unsigned long long)w->refused, (unsigned long long)cut, (unsigned long long)bad);
}

void watch_syslog_close(watch_ctx *w)
{
    for (size_t k = 0; k < WATCH_MAX_CLIENTS; k++) {
        if (w->clients[k] != NULL)
            close_client(w, k);
    }
    watch_syslog_flush(w);
    for (size_t i = 0; i < w->nlis; i++)
        close(w->lis[i].fd);
    tw_buf_release(&w->batch);
    free(w->udp_bufs);
}
