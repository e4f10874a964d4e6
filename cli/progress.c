/*
 * progress.c: the progress line of long runs, on standard error when it is
 * a terminal: "[12/480] configs/pe1.cfg", redrawn at most ten times a
 * second and cleared at the end, so that it never mixes with findings or
 * diagnostics in a file or a pipe.  File names are shown through the
 * terminal escaping every diagnostic gets.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cli.h"

static double seconds(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void tw_cli_progress_start(tw_cli *cli, tw_cli_progress *p, bool quiet, size_t total)
{
    memset(p, 0, sizeof(*p));
    p->cli = cli;
    p->on = cli->stderr_tty && !quiet && total > 1;
    p->total = total;
}

void tw_cli_progress_step(tw_cli_progress *p, const char *name)
{
    double now;
    tw_buf b;

    p->n++;
    if (!p->on || (now = seconds()) - p->last < 0.1)
        return;
    p->last = now;
    tw_buf_init(&b, 4096);
    if (tw_term_escape(&b, tw_str_c(name)) == TW_OK)
        fprintf(stderr, "\r\033[K[%zu/%zu] %.60s", p->n, p->total, b.ptr);
    tw_buf_release(&b);
    p->drawn = true;
    p->cli->progress = p;
}

void tw_cli_progress_end(tw_cli_progress *p)
{
    if (p->drawn)
        fputs("\r\033[K", stderr);
    p->drawn = false;
    if (p->cli != NULL && p->cli->progress == p)
        p->cli->progress = NULL;
}

void tw_cli_progress_clear(const tw_cli *cli)
{
    if (cli->progress != NULL)
        tw_cli_progress_end(cli->progress);
}
