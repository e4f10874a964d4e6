/*
 * watch.h: what the parts of "tidewatch watch" share (cmd_watch.c: the
 * options and the event loop; watch_syslog.c: the syslog listeners;
 * watch_configs.c: the backup folder).
 */
#ifndef TW_CLI_WATCH_H
#define TW_CLI_WATCH_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include <tidewatch/frame.h>
#include <tidewatch/hunt.h>
#include <tidewatch/store.h>

#include "cli.h"

#define WATCH_MAX_LISTENERS 8
#define WATCH_MAX_CLIENTS 256
#define WATCH_MAX_WATCHES 4096 /* folders watched under --configs */
#define WATCH_BATCH_MSGS 4096  /* messages hunted at once, at most */
#define WATCH_BATCH_BYTES (1 << 20)
#define WATCH_MSG_MAX (64 << 10) /* the largest syslog message kept */
#define WATCH_EXEC_RUNNING 4     /* --exec commands running at once */
#define WATCH_EXEC_QUEUE 1024    /* --exec commands waiting, at most */

/* A syslog listener: a UDP socket or a TCP listening socket. */
typedef struct {
    char url[96]; /* udp://127.0.0.1:5514: the findings' file */
    int fd;
    bool tcp;
    uint64_t received;     /* messages */
    uint64_t kernel_drops; /* UDP datagrams the kernel dropped (SO_RXQ_OVFL) */
} watch_listener;

typedef struct {
    int fd;
    int listener;
    tw_framer framer;
} watch_client;

typedef struct watch_ctx {
    const tw_cli *cli;
    tw_common_opts o;
    const char *configs; /* --configs DIR */
    const char *syslog[WATCH_MAX_LISTENERS];
    size_t nsyslog;
    const char *store_opt; /* --store PATH */
    const char *exec;      /* --exec CMD */
    bool stop;
    int epfd, sigfd, infd;

    /* knowledge */
    tw_ruleset *rules;
    tw_iocset *iocs;
    tw_hunter *hunter;
    tw_hunt_scan *scan;
    tw_store *store;

    /* output */
    FILE *out;
    tw_cli_run run;

    /* syslog */
    watch_listener lis[WATCH_MAX_LISTENERS];
    size_t nlis;
    watch_client *clients[WATCH_MAX_CLIENTS];
    tw_buf batch; /* messages as lines */
    size_t nbatch;
    int batch_listener;              /* the listener of the batch's messages */
    uint32_t lineno;                 /* messages hunted so far */
    uint64_t refused;                /* TCP connections past WATCH_MAX_CLIENTS */
    uint64_t frames_cut, frames_bad; /* of the connections closed so far */
    char *udp_bufs;                  /* recvmmsg's buffers */
    bool syslog_open;                /* watch_syslog_open ran: watch_syslog_close frees */
    uint64_t reported_drops;         /* drops already warned about */

    /* configs */
    int wd[WATCH_MAX_WATCHES];
    char *wdpath[WATCH_MAX_WATCHES];
    size_t nwd;

    /* --exec */
    char *execq[WATCH_EXEC_QUEUE];
    size_t nexecq, exec_running;
    uint64_t exec_dropped;

    uint64_t findings;
    bool bad; /* exit status 3 */
} watch_ctx;

/* watch_syslog.c */
bool watch_syslog_open(watch_ctx *w);
void watch_syslog_event(watch_ctx *w, int fd);
void watch_syslog_flush(watch_ctx *w);
void watch_syslog_close(watch_ctx *w);
void watch_syslog_report_drops(watch_ctx *w, bool final);

/* watch_configs.c */
bool watch_configs_open(watch_ctx *w);
void watch_configs_event(watch_ctx *w);
void watch_configs_close(watch_ctx *w);

/* cmd_watch.c: writes findings (stdout, the store, --exec); scope as
 * tw_store_findings_put takes it. */
void watch_findings(watch_ctx *w, tw_findings *fl, const char *scope);
void watch_exec_reap(watch_ctx *w);

#endif
