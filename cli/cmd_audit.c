/*
 * cmd_audit.c: "tidewatch audit": device configurations in, findings out.
 *
 * Operands are files and folders (walked recursively).  Files are audited
 * by --jobs worker threads; findings are written in input order so the
 * output does not depend on the thread count.  A file that cannot be read,
 * is binary or is of an unsupported dialect is an error naming it (exit
 * status 3) and the run goes on; a file met while walking a folder that is
 * not a configuration at all is skipped (listed with --verbose).
 */
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: tidewatch audit [options] PATH...\n"
    "\n"
    "Audit device configurations (files or folders, recursively; '-' reads stdin)\n"
    "for signs of the AA25-239A actors and for hardening gaps.\n"
    "\n"
    "  -f, --format FMT       text, jsonl, sarif or csv (default: text on a\n"
    "                         terminal, jsonl otherwise)\n"
    "  -o, --output FILE      write findings to FILE instead of stdout\n"
    "      --fail-on SEV      exit 1 when a finding is at or above SEV\n"
    "                         (info, low, medium, high, critical; default low)\n"
    "  -q, --quiet            print no findings, only set the exit status\n"
    "      --no-color         no colour in text output (also NO_COLOR=1)\n"
    "      --ioc FILE         add indicators (text, CSV or STIX 2.1); repeatable\n"
    "      --no-builtin-iocs  leave out the advisory's built-in indicators\n"
    "      --rules DIR        add rule packs (*.yaml); same ids override built-ins\n"
    "      --dialect D        skip detection: ios, ios-xe (others are reported)\n"
    "  -j, --jobs N           audit N files at a time (default 1)\n"
    "  -v, --verbose          list files skipped as not configurations\n"
    "  -h, --help             show this help\n"
    "\n"
    "Exit status: 0 no finding at or above --fail-on, 1 findings at or above it,\n"
    "2 usage error, 3 an input or rule file could not be processed, 4 internal error.\n";

typedef struct {
    tw_arena *arena;
    tw_findings findings;
    tw_diags diags;
    bool skipped; /* not a configuration, found by walking */
    bool failed;  /* could not be processed */
    bool internal;
    bool done;
} file_result;

/* Arenas of emitted results wait here for the next file, so their blocks
 * are reused instead of being handed back to the system after every file. */
#define ARENA_POOL 64

typedef struct {
    const tw_audit_opts *aopts;
    const tw_paths *paths;
    file_result *res;
    tw_arena *pool[ARENA_POOL]; /* under mu */
    size_t npool;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    size_t next, emitted, window;
} job_queue;

typedef struct {
    tw_writer *writer;
    size_t counts[TW_SEV_CRITICAL + 1];
    bool fail;
    bool input_error;
    bool internal_error;
} run_state;

static void audit_one(const tw_audit_opts *base, const char *path, bool named, file_result *r)
{
    tw_audit_opts o = *base;
    tw_file f;
    bool binary;
    const char *label = strcmp(path, "-") == 0 ? "(standard input)" : path;
    tw_err rc = tw_file_read(strcmp(path, "-") == 0 ? "/dev/stdin" : path, TW_LIMIT_FILE_SIZE, &f);

    if (rc != TW_OK) {
        tw_diags_add(&r->diags, TW_DIAG_ERROR, rc, label, 0, 0, NULL, "cannot read: %s",
                     tw_strerror(rc));
        r->failed = true;
        return;
    }
    binary = tw_looks_binary(f.data, f.len);
    if (o.dialect == TW_DIALECT_UNKNOWN && !binary)
        o.dialect = tw_dialect_detect(f.data, f.len);
    if (o.dialect == TW_DIALECT_UNKNOWN && !named && !binary) {
        r->skipped = true;
        tw_file_release(&f);
        return;
    }
    rc = tw_audit_buffer(&o, label, f.data, f.len, &r->findings, &r->diags);
    if (rc == TW_ENOMEM || rc == TW_EINTERNAL)
        r->internal = true;
    else if (rc != TW_OK || r->diags.errors)
        r->failed = true;
    tw_file_release(&f);
}

static void result_init(job_queue *q, file_result *r)
{
    memset(r, 0, sizeof(*r));
    pthread_mutex_lock(&q->mu);
    if (q->npool > 0)
        r->arena = q->pool[--q->npool];
    pthread_mutex_unlock(&q->mu);
    if (r->arena == NULL)
        r->arena = tw_arena_new(TW_LIMIT_ARENA);
    tw_findings_init(&r->findings, r->arena);
    tw_diags_init(&r->diags);
}

static void result_release(job_queue *q, file_result *r)
{
    tw_findings_release(&r->findings);
    tw_diags_release(&r->diags);
    if (r->arena != NULL)
        tw_arena_reset(r->arena);
    pthread_mutex_lock(&q->mu);
    if (r->arena != NULL && q->npool < ARENA_POOL) {
        q->pool[q->npool++] = r->arena;
        r->arena = NULL;
    }
    pthread_mutex_unlock(&q->mu);
    tw_arena_free(r->arena);
    r->arena = NULL;
}

static void pool_release(job_queue *q)
{
    while (q->npool > 0)
        tw_arena_free(q->pool[--q->npool]);
}

static void process(job_queue *q, size_t i)
{
    file_result *r = &q->res[i];

    result_init(q, r);
    if (!r->arena) {
        r->internal = true;
        return;
    }
    audit_one(q->aopts, q->paths->v[i], q->paths->named[i], r);
}

static void *worker(void *arg)
{
    job_queue *q = arg;

    for (;;) {
        size_t i;

        pthread_mutex_lock(&q->mu);
        while (q->next < q->paths->n && q->next >= q->emitted + q->window)
            pthread_cond_wait(&q->cv, &q->mu);
        if (q->next >= q->paths->n) {
            pthread_mutex_unlock(&q->mu);
            return NULL;
        }
        i = q->next++;
        pthread_mutex_unlock(&q->mu);
        process(q, i);
        pthread_mutex_lock(&q->mu);
        q->res[i].done = true;
        pthread_cond_broadcast(&q->cv);
        pthread_mutex_unlock(&q->mu);
    }
}

static void emit(const tw_cli *cli, const tw_common_opts *o, const char *path, file_result *r,
                 run_state *st)
{
    if (r->skipped && o->verbose)
        tw_cli_warn(cli, "%s: not a device configuration; skipped", path);
    tw_cli_print_diags(cli, &r->diags, !o->quiet);
    st->input_error |= r->failed;
    st->internal_error |= r->internal;
    tw_findings_sort(&r->findings);
    for (size_t i = 0; i < r->findings.n; i++) {
        const tw_finding *f = &r->findings.v[i];

        st->counts[f->severity]++;
        if (f->severity >= o->fail_on)
            st->fail = true;
        if (!o->quiet && tw_writer_add(st->writer, f) != TW_OK)
            st->internal_error = true;
    }
}

static void run_serial(const tw_cli *cli, const tw_common_opts *o, job_queue *q, run_state *st)
{
    for (size_t i = 0; i < q->paths->n; i++) {
        process(q, i);
        emit(cli, o, q->paths->v[i], &q->res[i], st);
        result_release(q, &q->res[i]);
    }
}

static void run_parallel(const tw_cli *cli, const tw_common_opts *o, job_queue *q,
                         run_state *st)
{
    pthread_t threads[256];
    unsigned started = 0;

    for (unsigned t = 0; t < o->jobs; t++) {
        if (pthread_create(&threads[started], NULL, worker, q) == 0)
            started++;
    }
    if (started == 0) {
        run_serial(cli, o, q, st);
        return;
    }
    for (size_t i = 0; i < q->paths->n; i++) {
        pthread_mutex_lock(&q->mu);
        while (!q->res[i].done)
            pthread_cond_wait(&q->cv, &q->mu);
        pthread_mutex_unlock(&q->mu);
        emit(cli, o, q->paths->v[i], &q->res[i], st);
        result_release(q, &q->res[i]);
        pthread_mutex_lock(&q->mu);
        q->emitted = i + 1;
        pthread_cond_broadcast(&q->cv);
        pthread_mutex_unlock(&q->mu);
    }
    for (unsigned t = 0; t < started; t++)
        pthread_join(threads[t], NULL);
}

static int parse_args(int argc, char **argv, tw_cli *cli, tw_common_opts *o)
{
    static const struct option longopts[] = {TW_COMMON_LONGOPTS,
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    int c;

    optind = 1;
    while ((c = getopt_long(argc, argv, TW_COMMON_SHORTOPTS "h", longopts, NULL)) != -1) {
        int handled;

        if (c == 'h') {
            fputs(usage, stdout);
            return TW_EXIT_CLEAN + 100;
        }
        handled = tw_common_option(cli, o, c, optarg);
        if (handled <= 0) {
            fprintf(stderr, "%s", usage);
            return TW_EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        tw_cli_error(cli, "audit needs at least one file or folder");
        fprintf(stderr, "%s", usage);
        return TW_EXIT_USAGE;
    }
    return -1;
}

static FILE *open_output(const tw_cli *cli, const tw_common_opts *o, bool *tty)
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

static int exit_status(const run_state *st, bool setup_error)
{
    if (st->internal_error)
        return TW_EXIT_INTERNAL;
    if (st->input_error || setup_error)
        return TW_EXIT_INPUT;
    return st->fail ? TW_EXIT_FINDINGS : TW_EXIT_CLEAN;
}

static int audit_paths(tw_cli *cli, tw_common_opts *o, tw_paths *paths, FILE *out, bool tty,
                       bool *bad)
{
    run_state st = {0};
    tw_writer_opts wo = {0};
    tw_audit_opts ao = {0};
    job_queue q = {0};
    int status;

    ao.rules = tw_cli_load_rules(cli, o->rules_dir, bad);
    ao.iocs = tw_cli_load_iocs(cli, o, bad);
    ao.dialect = o->dialect;
    if (!o->format_set)
        o->format = tty ? TW_FMT_TEXT : TW_FMT_JSONL;
    wo.format = o->format;
    wo.write = tw_cli_write_file;
    wo.ud = out;
    wo.color = tty && !o->no_color && !cli->no_color_env;
    wo.tool_version = TW_VERSION;
    wo.rules = ao.rules;
    st.writer = tw_writer_new(&wo);
    q.res = calloc(paths->n ? paths->n : 1, sizeof(*q.res));
    if (!ao.rules || !ao.iocs || !st.writer || !q.res) {
        st.internal_error = true;
        goto out;
    }
    q.aopts = &ao;
    q.paths = paths;
    q.window = (size_t)o->jobs * 4;
    pthread_mutex_init(&q.mu, NULL);
    pthread_cond_init(&q.cv, NULL);
    if (o->jobs > 1 && paths->n > 1)
        run_parallel(cli, o, &q, &st);
    else
        run_serial(cli, o, &q, &st);
    pool_release(&q);
    pthread_cond_destroy(&q.cv);
    pthread_mutex_destroy(&q.mu);
    if (!o->quiet && tw_writer_finish(st.writer) != TW_OK)
        st.internal_error = true;
out:
    status = exit_status(&st, *bad);
    free(q.res);
    tw_writer_free(st.writer);
    tw_iocset_free((tw_iocset *)ao.iocs);
    tw_ruleset_free((tw_ruleset *)ao.rules);
    return status;
}

int cmd_audit(int argc, char **argv, tw_cli *cli)
{
    tw_common_opts o;
    tw_paths paths = {0};
    size_t missing = 0;
    bool bad = false, tty = false;
    FILE *out = NULL;
    int status;

    tw_common_init(&o);
    status = parse_args(argc, argv, cli, &o);
    if (status >= 0) {
        status = status >= 100 ? status - 100 : status;
        goto out;
    }
    tw_paths_collect(cli, argv + optind, argc - optind, &paths, &missing);
    bad = missing > 0;
    out = open_output(cli, &o, &tty);
    if (!out) {
        status = TW_EXIT_USAGE;
        goto out;
    }
    status = audit_paths(cli, &o, &paths, out, tty, &bad);
    if (fflush(out) != 0 && status < TW_EXIT_INPUT)
        status = TW_EXIT_INTERNAL;
out:
    if (out && out != stdout)
        fclose(out);
    tw_paths_release(&paths);
    tw_common_release(&o);
    return status;
}
