/*
 * common.c: the pieces every command of the CLI shares: messages on
 * stderr, the shared options, loading rules and indicators, walking input
 * folders, the FILE* sink for writers, the findings run (writer, counts,
 * exit status), the in-order parallel runner that audit and hunt share,
 * and the option parsing and run of a command over file operands.
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* A message names files and quotes text that may come from hostile
 * inputs: it is escaped for the terminal like any evidence, and it takes
 * the place of a progress line. */
static void vmessage(const tw_cli *cli, const char *level, const char *fmt, va_list ap)
{
    char raw[4096];
    tw_buf b;

    vsnprintf(raw, sizeof(raw), fmt, ap);
    tw_buf_init(&b, 0);
    tw_term_escape(&b, tw_str_c(raw));
    tw_cli_progress_clear(cli);
    if (level != NULL)
        fprintf(stderr, "%s: %s: %s\n", cli->prog, level, b.ptr ? b.ptr : raw);
    else
        fprintf(stderr, "%s: %s\n", cli->prog, b.ptr ? b.ptr : raw);
    tw_buf_release(&b);
}

void tw_cli_error(const tw_cli *cli, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vmessage(cli, "error", fmt, ap);
    va_end(ap);
}

void tw_cli_warn(const tw_cli *cli, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vmessage(cli, "warning", fmt, ap);
    va_end(ap);
}

void tw_cli_note(const tw_cli *cli, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vmessage(cli, NULL, fmt, ap);
    va_end(ap);
}

/* Diagnostics quote file names and text from hostile inputs: escape them
 * for the terminal like any other evidence. */
static void print_diag(const tw_cli *cli, const tw_diag *d)
{
    tw_buf b;
    const char *level = d->level == TW_DIAG_ERROR ? "error" : "warning";

    tw_buf_init(&b, 0);
    if (d->file) {
        tw_term_escape(&b, tw_str_c(d->file));
        if (d->line)
            tw_buf_printf(&b, ":%u", (unsigned)d->line);
        if (d->line && d->column)
            tw_buf_printf(&b, ":%u", (unsigned)d->column);
        tw_buf_adds(&b, ": ");
    }
    if (d->rule_id) {
        tw_term_escape(&b, tw_str_c(d->rule_id));
        tw_buf_adds(&b, ": ");
    }
    tw_term_escape(&b, tw_str_c(d->message));
    tw_cli_progress_clear(cli);
    fprintf(stderr, "%s: %s: %s\n", cli->prog, level, b.ptr);
    tw_buf_release(&b);
}

size_t tw_cli_print_diags(const tw_cli *cli, tw_diags *d, bool warnings)
{
    size_t errors = d->errors;

    for (size_t i = 0; i < d->n; i++) {
        if (warnings || d->v[i].level == TW_DIAG_ERROR)
            print_diag(cli, &d->v[i]);
    }
    if (d->dropped)
        tw_cli_warn(cli, "%zu more diagnostics not shown", d->dropped);
    tw_diags_release(d);
    tw_diags_init(d);
    return errors;
}

void tw_common_init(tw_common_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->format = TW_FMT_TEXT;
    o->fail_on = TW_SEV_LOW;
    o->jobs = 1;
    o->dialect = TW_DIALECT_UNKNOWN;
}

void tw_common_release(tw_common_opts *o)
{
    free(o->iocs);
    o->iocs = NULL;
    o->niocs = 0;
}

static int parse_jobs(const tw_cli *cli, const char *arg, unsigned *out)
{
    uint64_t v;

    if (!tw_str_to_u64(tw_str_c(arg), 256, &v) || v == 0) {
        tw_cli_error(cli, "--jobs wants a number from 1 to 256, not '%s'", arg);
        return -1;
    }
    *out = (unsigned)v;
    return 1;
}

static int add_ioc_file(tw_common_opts *o, const char *arg)
{
    const char **v = realloc(o->iocs, (o->niocs + 1) * sizeof(*v));

    if (!v)
        return -1;
    v[o->niocs++] = arg;
    o->iocs = v;
    return 1;
}

int tw_common_option(const tw_cli *cli, tw_common_opts *o, int c, const char *arg)
{
    switch (c) {
    case 'f':
        o->format_set = true;
        if (tw_format_parse(tw_str_c(arg), &o->format))
            return 1;
        tw_cli_error(cli, "unknown format '%s' (text, jsonl, sarif, csv, html)", arg);
        return -1;
    case 'o':
        o->output = arg;
        return 1;
    case 0x100:
        if (tw_severity_parse(tw_str_c(arg), &o->fail_on))
            return 1;
        tw_cli_error(cli, "unknown severity '%s' (info, low, medium, high, critical)", arg);
        return -1;
    case 'q':
        o->quiet = true;
        return 1;
    case 0x101:
        o->no_color = true;
        return 1;
    case 0x102:
        return add_ioc_file(o, arg);
    case 0x103:
        o->no_builtin_iocs = true;
        return 1;
    case 0x104:
        o->rules_dir = arg;
        return 1;
    case 'j':
        return parse_jobs(cli, arg, &o->jobs);
    case 0x105:
        if (tw_dialect_parse(tw_str_c(arg), &o->dialect) && o->dialect != TW_DIALECT_UNKNOWN)
            return 1;
        tw_cli_error(
            cli, "unknown dialect '%s' (ios, ios-xe, pan-os, nx-os, ios-xr, junos, eos, asa)", arg);
        return -1;
    case 'v':
        o->verbose = true;
        return 1;
    default:
        return 0;
    }
}

tw_err tw_cli_write_file(void *ud, const char *data, size_t len)
{
    FILE *f = ud;

    if (len && fwrite(data, 1, len, f) != len)
        return TW_EIO;
    return TW_OK;
}

FILE *tw_cli_open_output(const tw_cli *cli, const tw_common_opts *o, bool *tty)
{
    FILE *out = stdout;

    *tty = cli->stdout_tty;
    if (o->output) {
        out = fopen(o->output, "w");
        *tty = false;
        if (!out)
            tw_cli_error(cli, "%s: cannot write: %s", o->output, strerror(errno));
    }
    return out;
}

bool tw_cli_run_start(const tw_cli *cli, tw_common_opts *o, tw_cli_run *run, FILE *out, bool tty,
                      const tw_ruleset *rules)
{
    tw_writer_opts wo = {0};

    if (!o->format_set)
        o->format = tty ? TW_FMT_TEXT : TW_FMT_JSONL;
    wo.format = o->format;
    wo.write = tw_cli_write_file;
    wo.ud = out;
    wo.color = tty && !o->no_color && !cli->no_color_env;
    wo.tool_version = TW_VERSION;
    wo.rules = rules;
    run->writer = tw_writer_new(&wo);
    if (!run->writer)
        run->internal_error = true;
    return run->writer != NULL;
}

void tw_cli_run_findings(const tw_common_opts *o, tw_cli_run *run, tw_findings *fl)
{
    tw_findings_sort(fl);
    for (size_t i = 0; i < fl->n; i++) {
        const tw_finding *f = &fl->v[i];

        run->counts[f->severity]++;
        if (f->severity >= o->fail_on)
            run->fail = true;
        if (!o->quiet && tw_writer_add(run->writer, f) != TW_OK)
            run->internal_error = true;
    }
}

void tw_cli_run_input(const tw_cli *cli, const tw_common_opts *o, tw_cli_run *run, tw_findings *fl,
                      tw_diags *d, bool failed, bool internal)
{
    tw_cli_print_diags(cli, d, !o->quiet);
    if (fl->dropped > 0) {
        tw_cli_error(cli, "an input gave more than %d findings; %zu more were not written",
                     TW_LIMIT_FINDINGS, fl->dropped);
        failed = true;
    }
    run->input_error |= failed;
    run->internal_error |= internal;
    tw_cli_run_findings(o, run, fl);
    tw_findings_release(fl);
    tw_diags_release(d);
}

void tw_cli_run_finish(const tw_common_opts *o, tw_cli_run *run)
{
    if (run->writer && !o->quiet && tw_writer_finish(run->writer) != TW_OK)
        run->internal_error = true;
    tw_writer_free(run->writer);
    run->writer = NULL;
}

int tw_cli_run_status(const tw_cli_run *run, bool setup_error)
{
    if (run->internal_error)
        return TW_EXIT_INTERNAL;
    if (run->input_error || setup_error)
        return TW_EXIT_INPUT;
    return run->fail ? TW_EXIT_FINDINGS : TW_EXIT_CLEAN;
}

/* In-order parallel runs.  Arenas of emitted items wait in a pool for
 * the next item, so their blocks are reused instead of being handed back to
 * the system after every input. */

#define ARENA_POOL 64

typedef struct {
    tw_arena *arena; /* from before work until after emit */
    bool done;       /* under mu */
} ordered_item;

typedef struct {
    const tw_cli_ordered *o;
    ordered_item *items;
    tw_arena *pool[ARENA_POOL]; /* under mu */
    size_t npool;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t window;
    size_t next, emitted;
    unsigned nworkers; /* worker indexes handed out, under mu */
} ordered_queue;

/* A pooled arena, or a new one; NULL when memory ran out. */
static tw_arena *arena_take(ordered_queue *q)
{
    tw_arena *a = NULL;

    pthread_mutex_lock(&q->mu);
    if (q->npool > 0)
        a = q->pool[--q->npool];
    pthread_mutex_unlock(&q->mu);
    return a != NULL ? a : tw_arena_new(TW_LIMIT_ARENA);
}

/* Resets an emitted item's arena into the pool (or frees it when full). */
static void arena_give(ordered_queue *q, tw_arena *a)
{
    if (a == NULL)
        return;
    tw_arena_reset(a);
    pthread_mutex_lock(&q->mu);
    if (q->npool < ARENA_POOL) {
        q->pool[q->npool++] = a;
        a = NULL;
    }
    pthread_mutex_unlock(&q->mu);
    tw_arena_free(a);
}

static void *ordered_worker(void *arg)
{
    ordered_queue *q = arg;
    unsigned me;

    pthread_mutex_lock(&q->mu);
    me = q->nworkers++;
    pthread_mutex_unlock(&q->mu);
    for (;;) {
        size_t i;

        pthread_mutex_lock(&q->mu);
        while (q->next < q->o->n && q->next >= q->emitted + q->window)
            pthread_cond_wait(&q->cv, &q->mu);
        if (q->next >= q->o->n) {
            pthread_mutex_unlock(&q->mu);
            return NULL;
        }
        i = q->next++;
        pthread_mutex_unlock(&q->mu);
        q->items[i].arena = arena_take(q);
        q->o->work(q->o->ud, me, i, q->items[i].arena);
        pthread_mutex_lock(&q->mu);
        q->items[i].done = true;
        pthread_cond_broadcast(&q->cv);
        pthread_mutex_unlock(&q->mu);
    }
}

static void ordered_serial(ordered_queue *q)
{
    for (size_t i = 0; i < q->o->n; i++) {
        tw_arena *a = arena_take(q);

        q->o->work(q->o->ud, 0, i, a);
        q->o->emit(q->o->ud, i);
        arena_give(q, a);
    }
}

static void ordered_emit_all(ordered_queue *q)
{
    for (size_t i = 0; i < q->o->n; i++) {
        pthread_mutex_lock(&q->mu);
        while (!q->items[i].done)
            pthread_cond_wait(&q->cv, &q->mu);
        pthread_mutex_unlock(&q->mu);
        q->o->emit(q->o->ud, i);
        arena_give(q, q->items[i].arena);
        q->items[i].arena = NULL;
        pthread_mutex_lock(&q->mu);
        q->emitted = i + 1;
        pthread_cond_broadcast(&q->cv);
        pthread_mutex_unlock(&q->mu);
    }
}

static void ordered_threads(ordered_queue *q)
{
    pthread_t threads[256];
    unsigned started = 0;

    for (unsigned t = 0; t < q->o->jobs && t < 256; t++) {
        if (pthread_create(&threads[started], NULL, ordered_worker, q) == 0)
            started++;
    }
    if (started == 0)
        ordered_serial(q);
    else
        ordered_emit_all(q);
    for (unsigned t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
}

void tw_cli_run_ordered(const tw_cli_ordered *o)
{
    ordered_queue q = {0};

    q.o = o;
    q.window = o->window ? o->window : (size_t)o->jobs * 4;
    q.items = o->jobs > 1 && o->n > 1 ? calloc(o->n, sizeof(*q.items)) : NULL;
    pthread_mutex_init(&q.mu, NULL);
    pthread_cond_init(&q.cv, NULL);
    if (q.items != NULL)
        ordered_threads(&q);
    else
        ordered_serial(&q);
    while (q.npool > 0)
        tw_arena_free(q.pool[--q.npool]);
    pthread_cond_destroy(&q.cv);
    pthread_mutex_destroy(&q.mu);
    free(q.items);
}

int tw_cli_run_operands(const tw_cli *cli, const tw_common_opts *o, char **operands, int n,
                        tw_paths *paths, tw_cli_body body, void *ud)
{
    size_t missing = 0;
    bool bad, tty = false;
    FILE *out;
    int status;

    tw_paths_collect(cli, operands, n, paths, &missing);
    bad = missing > 0;
    out = tw_cli_open_output(cli, o, &tty);
    if (!out)
        return TW_EXIT_USAGE;
    status = body(ud, out, tty, &bad);
    if (fflush(out) != 0 && status < TW_EXIT_INPUT)
        status = TW_EXIT_INTERNAL;
    if (out != stdout)
        fclose(out);
    return status;
}

/* Parses the options of cmd; -1 when the operands are to be run, else the
 * exit status. */
int tw_cli_options(const tw_cli *cli, tw_common_opts *o, const tw_cli_command *cmd, int argc,
                   char **argv, void *ud)
{
    optind = 1;
    for (;;) {
        int c = getopt_long(argc, argv, cmd->shortopts, cmd->longopts, NULL);
        int handled;

        if (c == -1)
            break;
        if (c == 'h') {
            fputs(cmd->usage, stdout);
            return TW_EXIT_CLEAN;
        }
        handled = cmd->option != NULL ? cmd->option(ud, c, optarg) : 0;
        if (handled == 0)
            handled = tw_common_option(cli, o, c, optarg);
        if (handled <= 0) {
            fprintf(stderr, "%s", cmd->usage);
            return TW_EXIT_USAGE;
        }
    }
    return -1;
}

static int command_args(const tw_cli *cli, tw_common_opts *o, const tw_cli_command *cmd, int argc,
                        char **argv, void *ud)
{
    int status = tw_cli_options(cli, o, cmd, argc, argv, ud);

    if (status >= 0)
        return status;
    if (optind >= argc) {
        tw_cli_error(cli, "%s", cmd->needs);
        fprintf(stderr, "%s", cmd->usage);
        return TW_EXIT_USAGE;
    }
    return -1;
}

int tw_cli_command_run(const tw_cli *cli, tw_common_opts *o, const tw_cli_command *cmd, int argc,
                       char **argv, tw_paths *paths, void *ud)
{
    int status = command_args(cli, o, cmd, argc, argv, ud);

    if (status < 0)
        status = tw_cli_run_operands(cli, o, argv + optind, argc - optind, paths, cmd->body, ud);
    tw_paths_release(paths);
    return status;
}
