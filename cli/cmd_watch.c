/*
 * cmd_watch.c: "tidewatch watch": findings as they happen.
 *
 * One thread, one epoll loop over: a signalfd (SIGINT, SIGTERM: stop
 * cleanly; SIGCHLD: reap --exec commands), the inotify descriptor of
 * --configs (watch_configs.c) and the syslog listeners and their
 * connections (watch_syslog.c).  Each turn of the loop ends by hunting the
 * messages it read, so a message is reported within a turn; a turn waits
 * at most a second.  Findings go to standard output as JSON Lines, to the
 * store (one transaction per batch), and to --exec CMD, run through
 * /bin/sh once per finding with the finding's JSON on its standard input
 * (at most WATCH_EXEC_RUNNING at a time; at most WATCH_EXEC_QUEUE wait,
 * beyond that they are counted and said).
 */
#define _GNU_SOURCE /* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "watch.h"

extern char **environ;

static const char usage[] =
    "usage: tidewatch watch [options] (--configs DIR | --syslog URL)...\n"
    "\n"
    "Watch a configuration backup folder and listen for syslog, and report\n"
    "findings as they happen: each new or changed configuration is audited and\n"
    "compared with its last snapshot in the store; each syslog message is hunted.\n"
    "Findings are written as JSON Lines and kept in the store.\n"
    "\n"
    "      --configs DIR      watch DIR (and its folders) for new or changed\n"
    "                         configurations\n"
    "      --syslog URL       listen for syslog: udp://HOST:PORT or tcp://HOST:PORT\n"
    "                         (RFC 3164 or 5424; TCP with octet counting or one\n"
    "                         message a line); repeatable\n"
    "      --store PATH       the store (default: $XDG_DATA_HOME/tidewatch/store.db)\n"
    "      --exec CMD         run CMD (with /bin/sh) for each finding, the finding's\n"
    "                         JSON on its standard input\n"
    "  -o, --output FILE      write findings to FILE instead of stdout\n"
    "      --ioc FILE         add indicators (text, CSV or STIX 2.1); repeatable\n"
    "      --no-builtin-iocs  leave out the advisory's built-in indicators\n"
    "      --rules DIR        add rule packs (*.yaml); same ids override built-ins\n"
    "      --dialect D        configurations: skip detection\n"
    "  -v, --verbose          say which files are skipped, and warnings on messages\n"
    "  -h, --help             show this help\n"
    "\n"
    "SIGINT or SIGTERM stops it after the findings in hand are written and stored.\n"
    "Exit status: 0 stopped by a signal, 2 usage error, 3 a listener, folder or the\n"
    "store could not be opened, 4 internal error.\n";

/* ---- --exec -------------------------------------------------------------- */

/* Starts CMD with json on its standard input (a pipe written at once: a
 * finding is far below the pipe's capacity). */
static void exec_start(watch_ctx *w, char *json)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t at;
    char *argv[] = {"/bin/sh", "-c", (char *)w->exec, NULL};
    sigset_t none;
    int fd[2];
    pid_t pid;
    ssize_t r;

    if (pipe2(fd, O_CLOEXEC) != 0) {
        w->exec_dropped++;
        free(json);
        return;
    }
    /* the command gets the signals this process blocks for its signalfd */
    sigemptyset(&none);
    posix_spawnattr_init(&at);
    posix_spawnattr_setsigmask(&at, &none);
    posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK);
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd[0], STDIN_FILENO);
    if (posix_spawn(&pid, "/bin/sh", &fa, &at, argv, environ) == 0)
        w->exec_running++;
    else
        w->exec_dropped++;
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&at);
    close(fd[0]);
    r = write(fd[1], json, strlen(json)); /* one finding: far below a pipe's capacity */
    (void)r;                              /* a command that does not read it is its business */
    close(fd[1]);
    free(json);
}

void watch_exec_reap(watch_ctx *w)
{
    while (w->exec_running > 0 && waitpid(-1, NULL, WNOHANG) > 0)
        w->exec_running--;
    while (w->exec_running < WATCH_EXEC_RUNNING && w->nexecq > 0) {
        char *json = w->execq[0];
        memmove(w->execq, w->execq + 1, --w->nexecq * sizeof(w->execq[0]));
        exec_start(w, json);
    }
}

static tw_err buf_sink(void *ud, const char *data, size_t len)
{
    return tw_buf_add(ud, data, len);
}

/* Queues --exec for finding f. */
static void exec_queue(watch_ctx *w, const tw_finding *f)
{
    tw_writer_opts wo = {.format = TW_FMT_JSONL, .write = buf_sink, .tool_version = TW_VERSION};
    tw_buf b;
    tw_writer *wr;

    if (w->nexecq >= WATCH_EXEC_QUEUE) {
        w->exec_dropped++;
        return;
    }
    tw_buf_init(&b, 0);
    wo.ud = &b;
    wr = tw_writer_new(&wo);
    if (wr == NULL || tw_writer_add(wr, f) != TW_OK || tw_writer_finish(wr) != TW_OK) {
        w->exec_dropped++;
        tw_writer_free(wr);
        tw_buf_release(&b);
        return;
    }
    tw_writer_free(wr);
    w->execq[w->nexecq++] = tw_buf_detach(&b, NULL);
    watch_exec_reap(w);
}

/* ---- findings ---------------------------------------------------------- */

void watch_findings(watch_ctx *w, tw_findings *fl, const char *scope)
{
    bool *opened = fl->n > 0 ? calloc(fl->n, sizeof(*opened)) : NULL;
    tw_diags d;

    if (fl->n == 0)
        return;
    tw_findings_sort(fl);
    tw_diags_init(&d);
    if (opened == NULL || tw_store_findings_put(w->store, scope, fl, (int64_t)time(NULL), NULL,
                                                opened, &d) != TW_OK) {
        (void)tw_cli_print_diags(w->cli, &d, true);
        w->bad = true;
    }
    tw_diags_release(&d);
    for (size_t i = 0; i < fl->n; i++) {
        /* an audit shows what the store had not seen open; a hunt or a
         * drift every event */
        if (scope != NULL && opened != NULL && !opened[i])
            continue;
        w->findings++;
        if (tw_writer_add(w->run.writer, &fl->v[i]) != TW_OK)
            w->run.internal_error = true;
        if (w->exec != NULL)
            exec_queue(w, &fl->v[i]);
    }
    if (fflush(w->out) != 0)
        w->run.internal_error = true;
    free(opened);
}

/* ---- set-up -------------------------------------------------------------- */

/* The options of watch (tw_cli_command's option). */
static int option(void *ud, int c, const char *arg)
{
    watch_ctx *w = ud;

    switch (c) {
    case 0x400:
        w->configs = arg;
        return 1;
    case 0x401:
        if (w->nsyslog == WATCH_MAX_LISTENERS) {
            tw_cli_error(w->cli, "at most %d --syslog listeners", WATCH_MAX_LISTENERS);
            return -1;
        }
        w->syslog[w->nsyslog++] = arg;
        return 1;
    case 0x402:
        w->store_opt = arg;
        return 1;
    case 0x403:
        w->exec = arg;
        return 1;
    default:
        return 0;
    }
}

static int parse_args(watch_ctx *w, int argc, char **argv)
{
    static const struct option longopts[] = {{"output", required_argument, NULL, 'o'},
                                             {"ioc", required_argument, NULL, 0x102},
                                             {"no-builtin-iocs", no_argument, NULL, 0x103},
                                             {"rules", required_argument, NULL, 0x104},
                                             {"dialect", required_argument, NULL, 0x105},
                                             {"verbose", no_argument, NULL, 'v'},
                                             {"configs", required_argument, NULL, 0x400},
                                             {"syslog", required_argument, NULL, 0x401},
                                             {"store", required_argument, NULL, 0x402},
                                             {"exec", required_argument, NULL, 0x403},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    static const tw_cli_command cmd = {usage, "o:vh", longopts, NULL, option, NULL};
    int status = tw_cli_options(w->cli, &w->o, &cmd, argc, argv, w);

    if (status >= 0)
        return status;
    if (optind < argc || (w->configs == NULL && w->nsyslog == 0)) {
        tw_cli_error(w->cli, optind < argc ? "watch takes no operands"
                                           : "watch needs --configs DIR or --syslog URL");
        fputs(usage, stderr);
        return TW_EXIT_USAGE;
    }
    return -1;
}

/* The knowledge, the store, the output; false after saying why. */
static bool setup(watch_ctx *w)
{
    tw_diags d;
    bool bad = false, ok;
    sigset_t mask;
    tw_err rc;

    w->rules = tw_cli_load_rules(w->cli, w->o.rules_dir, &bad);
    w->iocs = w->rules ? tw_cli_load_iocs(w->cli, &w->o, &bad) : NULL;
    if (w->iocs == NULL)
        return false;
    tw_diags_init(&d);
    rc = tw_hunter_new(w->rules, w->iocs, &w->hunter, &d);
    w->scan = rc == TW_OK ? tw_hunt_scan_new(w->hunter) : NULL;
    (void)tw_cli_print_diags(w->cli, &d, true);
    tw_diags_release(&d);
    w->store = w->scan != NULL ? tw_cli_store_open(w->cli, w->store_opt) : NULL;
    ok = w->scan != NULL && w->store != NULL;
    if (!ok)
        return false;
    w->o.format = TW_FMT_JSONL;
    w->o.format_set = true;
    w->out = tw_cli_open_output(w->cli, &w->o, &(bool){false});
    if (w->out == NULL || !tw_cli_run_start(w->cli, &w->o, &w->run, w->out, false, w->rules))
        return false;
    sigemptyset(&mask);
    sigaddset(&mask, SIGINT);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGCHLD);
    sigprocmask(SIG_BLOCK, &mask, NULL);
    w->sigfd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
    w->epfd = epoll_create1(EPOLL_CLOEXEC);
    if (w->sigfd < 0 || w->epfd < 0 ||
        epoll_ctl(w->epfd, EPOLL_CTL_ADD, w->sigfd,
                  &(struct epoll_event){.events = EPOLLIN, .data.fd = w->sigfd}) != 0) {
        tw_cli_error(w->cli, "cannot wait for events: %s", strerror(errno));
        return false;
    }
    return true;
}

static void on_signal(watch_ctx *w)
{
    struct signalfd_siginfo si;

    while (read(w->sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
        if (si.ssi_signo == SIGINT || si.ssi_signo == SIGTERM)
            w->stop = true;
    }
    watch_exec_reap(w);
}

/* The loop: until SIGINT or SIGTERM. */
static void run(watch_ctx *w)
{
    time_t last_report = time(NULL);

    while (!w->stop) {
        struct epoll_event ev[64];
        int n = epoll_wait(w->epfd, ev, 64, 1000);
        if (n < 0 && errno != EINTR) {
            tw_cli_error(w->cli, "cannot wait for events: %s", strerror(errno));
            w->run.internal_error = true;
            break;
        }
        for (int i = 0; i < n; i++) {
            int fd = ev[i].data.fd;
            if (fd == w->sigfd)
                on_signal(w);
            else if (fd == w->infd)
                watch_configs_event(w);
            else
                watch_syslog_event(w, fd);
        }
        watch_syslog_flush(w);
        watch_exec_reap(w);
        if (time(NULL) != last_report) {
            watch_syslog_report_drops(w, false);
            last_report = time(NULL);
        }
    }
}

static void teardown(watch_ctx *w, bool ran)
{
    if (w->syslog_open)
        watch_syslog_close(w);
    if (w->configs != NULL)
        watch_configs_close(w);
    if (ran)
        watch_syslog_report_drops(w, true);
    while (w->exec_running > 0 && waitpid(-1, NULL, 0) > 0)
        w->exec_running--;
    if (w->exec_dropped > 0 || w->nexecq > 0)
        tw_cli_warn(w->cli, "--exec: %llu findings not handed to the command",
                    (unsigned long long)(w->exec_dropped + w->nexecq));
    for (size_t i = 0; i < w->nexecq; i++)
        free(w->execq[i]);
    if (ran)
        fprintf(stderr, "tidewatch: watch stopped: %llu findings reported\n",
                (unsigned long long)w->findings);
    if (w->run.writer != NULL)
        tw_cli_run_finish(&w->o, &w->run);
    if (w->out != NULL && w->out != stdout)
        fclose(w->out);
    tw_store_close(w->store);
    tw_hunt_scan_free(w->scan);
    tw_hunter_free(w->hunter);
    tw_iocset_free(w->iocs);
    tw_ruleset_free(w->rules);
    if (w->epfd >= 0)
        close(w->epfd);
    if (w->sigfd >= 0)
        close(w->sigfd);
    tw_common_release(&w->o);
}

int cmd_watch(int argc, char **argv, tw_cli *cli)
{
    watch_ctx *w = calloc(1, sizeof(*w));
    bool ran = false;
    int status;

    if (w == NULL) {
        tw_cli_error(cli, "%s", tw_strerror(TW_ENOMEM));
        return TW_EXIT_INTERNAL;
    }
    w->cli = cli;
    w->epfd = w->sigfd = w->infd = -1;
    tw_common_init(&w->o);
    status = parse_args(w, argc, argv);
    if (status < 0) {
        if (!setup(w) || !watch_syslog_open(w) || (w->configs != NULL && !watch_configs_open(w)))
            status = TW_EXIT_INPUT;
        else if (w->infd >= 0 &&
                 epoll_ctl(w->epfd, EPOLL_CTL_ADD, w->infd,
                           &(struct epoll_event){.events = EPOLLIN, .data.fd = w->infd}) != 0)
            status = TW_EXIT_INTERNAL;
        if (status < 0) {
            run(w);
            ran = true;
            status = w->run.internal_error ? TW_EXIT_INTERNAL : TW_EXIT_CLEAN;
        }
    }
    teardown(w, ran);
    free(w);
    return status;
}
