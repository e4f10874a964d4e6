/*
 * cmd_hunt.c: "tidewatch hunt": logs and accounting records in, findings
 * out.
 *
 * Operands are files and folders (walked recursively) and '-' for stdin;
 * gzip and zstd files are read transparently.  The work is a list of items:
 * one per file, or, with --jobs N, N ranges of a large plain file split at
 * line boundaries.  Items run on worker threads, each with its own scan
 * state; findings are written in item order, so the output does not depend
 * on the thread count.  A range numbers its lines from 1; its findings are
 * shifted by the lines of the ranges before it when they are written.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tidewatch/capture.h>
#include <tidewatch/hostmap.h>
#include <tidewatch/hunt.h>

#include "cli.h"

static const char usage[] =
    "usage: tidewatch hunt [options] PATH...\n"
    "\n"
    "Hunt for the AA25-239A actors in logs, accounting records and packet\n"
    "captures (files or folders, recursively; '-' reads stdin; gzip and zstd are\n"
    "read as they are): indicator sightings (whole addresses, domains, hashes,\n"
    "file names) and the advisory's behaviours.  Formats: syslog (RFC 3164/5424,\n"
    "Cisco, Junos, ASA, sshd), tac_plus accounting, Cisco ISE/ACS CSV, JSON\n"
    "Lines; pcap and pcapng, one event per flow (the line of a finding is the\n"
    "frame number of the flow's first packet).\n"
    "\n"
    "  -f, --format FMT        text, jsonl, sarif, csv or html (default: text on a\n"
    "                          terminal, jsonl otherwise)\n"
    "  -o, --output FILE       write findings to FILE instead of stdout\n"
    "      --fail-on SEV       exit 1 when a finding is at or above SEV\n"
    "                          (info, low, medium, high, critical; default low)\n"
    "  -q, --quiet             print no findings, only set the exit status\n"
    "      --no-color          no colour in text output (also NO_COLOR=1)\n"
    "      --ioc FILE          add indicators (text, CSV, STIX 2.1, MISP); repeatable\n"
    "      --no-builtin-iocs   leave out the advisory's built-in indicators\n"
    "      --rules DIR         add rule packs (*.yaml); same ids override built-ins\n"
    "      --log-format F      skip detection: syslog, tacacs, ise or jsonl\n"
    "      --json-field NAME=KEYS\n"
    "                          JSON Lines keys for a field (time, host, program,\n"
    "                          message, user, src, dst, command, msgid): a comma-\n"
    "                          separated list tried in order, dotted keys reach\n"
    "                          into objects; repeatable\n"
    "      --configs DIR       device configurations (files or folders; repeatable):\n"
    "                          a device that logs or captures know by an address\n"
    "                          of one of its interfaces is named by its hostname\n"
    "  -j, --jobs N            hunt N files, or N parts of a large file, at a time\n"
    "                          (default 1)\n"
    "  -v, --verbose           list files skipped as not logs\n"
    "  -h, --help              show this help\n"
    "\n"
    "Exit status: 0 no finding at or above --fail-on, 1 findings at or above it,\n"
    "2 usage error, 3 an input or rule file could not be processed, 4 internal error.\n";

/* A file is split into ranges when each gets at least this much. */
#define RANGE_MIN ((size_t)8 << 20)
#define MAX_JOBS 256

enum { OPT_LOG_FORMAT = 0x200, OPT_JSON_FIELD, OPT_CONFIGS };

typedef struct {
    size_t path;
    unsigned range, nranges;
    tw_findings findings; /* in the item's arena (see tw_cli_run_ordered) */
    tw_diags diags;
    size_t nlines; /* newlines in the range (ranges only) */
    bool skipped;  /* not a log, found by walking */
    bool failed;   /* could not be processed */
    bool internal;
} item;

typedef struct {
    tw_cli *cli;
    tw_common_opts *o;
    tw_log_format fmt;
    tw_log_opts lopts;
    const tw_paths *paths;
    const tw_hunter *hunter;
    tw_hunt_scan *scans[MAX_JOBS];
    item *items;
    size_t nitems;
    tw_cli_run run;
    tw_cli_progress progress; /* only when the findings do not go to the terminal */
    uint64_t line_offset;     /* lines of the earlier ranges of the current file */
    char **configs;           /* --configs operands (argv's) */
    size_t nconfigs;
    tw_hostmap *hosts; /* their interface addresses; NULL without --configs */
} hunt_ctx;

static const char *label_of(const char *path)
{
    return strcmp(path, "-") == 0 ? "(standard input)" : path;
}

/* How an error of the hunt of a file shows: a named file that is not a log
 * is an error, a walked one is skipped. */
static void classify(item *it, bool named, const char *label, tw_err rc)
{
    if (rc == TW_EPARSE || rc == TW_EBINARY) {
        if (!named) {
            it->skipped = true;
            return;
        }
        tw_diags_add(&it->diags, TW_DIAG_ERROR, rc, label, 0, 0, NULL, "%s",
                     rc == TW_EBINARY ? "binary file, not a log"
                                      : "not a log format tidewatch recognises");
        it->failed = true;
    } else if (rc == TW_ENOMEM || rc == TW_EINTERNAL) {
        it->internal = true;
    } else if (rc != TW_OK || it->diags.errors) {
        it->failed = true;
    }
}

/* The first lines of path (HEAD_LEN bytes at most): what the format is
 * detected from and where the header line is, for every range. */
#define HEAD_LEN ((size_t)64 << 10)

/* Detects the format of path from its first lines and begins the scan. */
static tw_err begin_file(hunt_ctx *c, tw_hunt_scan *s, item *it, const char *path,
                         const char *label)
{
    tw_reader *head = NULL;
    tw_diags quiet;
    tw_chunk ch;
    bool eof = false;
    tw_log_format used;
    tw_err rc = tw_reader_open(path, label, HEAD_LEN, &head);

    tw_diags_init(&quiet);
    if (rc == TW_OK)
        rc = tw_reader_next(head, &ch, &eof, &quiet);
    if (rc == TW_OK)
        rc = tw_hunt_detect(ch.data, ch.len, c->fmt, &used);
    if (rc == TW_OK)
        rc = tw_hunt_begin(s, label, used, &c->lopts, tw_hunt_first_line(ch.data, ch.len),
                           &it->diags);
    tw_reader_free(head);
    tw_diags_release(&quiet);
    return rc;
}

/* One range of a large plain file, streamed by its own reader.  Only
 * range 0 reports what the file is; the others stay silent when it is not
 * a log. */
static tw_err hunt_span(hunt_ctx *c, tw_hunt_scan *s, item *it, const char *path, const char *label)
{
    uint64_t bounds[MAX_JOBS + 1];
    tw_reader *r = NULL;
    tw_chunk ch = {"", 0, 1};
    bool eof = false;
    tw_err rc = tw_split_file(path, it->nranges, bounds);

    if (rc != TW_OK && it->range == 0)
        tw_diags_add(&it->diags, TW_DIAG_ERROR, rc, label, 0, 0, NULL, "cannot read: %s",
                     tw_strerror(rc));
    if (rc != TW_OK)
        return it->range == 0 ? rc : TW_OK;
    rc = begin_file(c, s, it, path, label);
    if (rc == TW_EPARSE || rc == TW_EBINARY)
        return it->range == 0 ? rc : TW_OK;
    if (rc == TW_OK)
        rc = tw_reader_open_span(path, label, 0, bounds[it->range],
                                 bounds[it->range + 1] - bounds[it->range], &r);
    while ((rc == TW_OK || rc == TW_ELIMIT) && !eof) {
        rc = tw_reader_next(r, &ch, &eof, &it->diags);
        if (rc == TW_OK && !eof)
            rc = tw_hunt_chunk(s, ch.data, ch.len, ch.first_line, &it->findings, &it->diags);
    }
    it->nlines = ch.first_line - 1; /* at the end: the lines read */
    tw_hunt_end(s);
    tw_reader_free(r);
    return rc;
}

static void hunt_item(hunt_ctx *c, tw_hunt_scan *s, item *it)
{
    const char *path = c->paths->v[it->path], *label = label_of(path);
    tw_reader *r = NULL;
    tw_log_format used;
    tw_err rc;

    if (it->nranges > 1) {
        rc = hunt_span(c, s, it, path, label);
        classify(it, c->paths->named[it->path], label, rc);
        return;
    }
    rc = tw_reader_open(path, label, 0, &r);
    if (rc != TW_OK) {
        tw_diags_add(&it->diags, TW_DIAG_ERROR, rc, label, 0, 0, NULL, "cannot read: %s",
                     tw_strerror(rc));
        it->failed = true;
        return;
    }
    rc = tw_hunt_reader(s, r, label, c->fmt, &c->lopts, &it->findings, &it->diags, &used);
    tw_reader_free(r);
    classify(it, c->paths->named[it->path], label, rc);
}

static void work(void *ud, unsigned worker, size_t i, tw_arena *arena)
{
    hunt_ctx *c = ud;
    item *it = &c->items[i];

    tw_findings_init(&it->findings, arena);
    tw_diags_init(&it->diags);
    if (!arena || !c->scans[worker]) {
        it->internal = true;
        return;
    }
    hunt_item(c, c->scans[worker], it);
}

static uint32_t shifted(uint32_t line, uint64_t off)
{
    return line == 0 ? 0 : line + off > UINT32_MAX ? UINT32_MAX : (uint32_t)(line + off);
}

/* Lines of a range count from 1: shift them by the earlier ranges' lines. */
static void shift_lines(hunt_ctx *c, item *it)
{
    if (it->range == 0)
        c->line_offset = 0;
    for (size_t k = 0; c->line_offset && k < it->findings.n; k++)
        it->findings.v[k].line = shifted(it->findings.v[k].line, c->line_offset);
    for (size_t k = 0; c->line_offset && k < it->diags.n; k++)
        it->diags.v[k].line = shifted(it->diags.v[k].line, c->line_offset);
    c->line_offset += it->nlines;
}

static void emit(void *ud, size_t i)
{
    hunt_ctx *c = ud;
    item *it = &c->items[i];

    shift_lines(c, it);
    tw_cli_progress_step(&c->progress, c->paths->v[it->path]);
    if (it->skipped && c->o->verbose)
        tw_cli_warn(c->cli, "%s: not a log; skipped", c->paths->v[it->path]);
    tw_hostmap_name_devices(c->hosts, &it->findings, 0); /* a TACACS+ NAS: its router */
    tw_cli_run_input(c->cli, c->o, &c->run, &it->findings, &it->diags, it->failed, it->internal);
}

/* Ranges for a path: more than one only for a large plain regular file. */
static unsigned ranges_for(const char *path, unsigned jobs)
{
    struct stat st;
    char magic[4] = {0};
    ssize_t n = 0;
    int fd;
    size_t k;

    if (jobs < 2 || strcmp(path, "-") == 0 || stat(path, &st) != 0 || !S_ISREG(st.st_mode) ||
        (size_t)st.st_size < 2 * RANGE_MIN)
        return 1;
    fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        n = read(fd, magic, sizeof(magic));
        close(fd);
    }
    if (n < 0 || tw_codec_detect(magic, (size_t)n) != TW_CODEC_PLAIN ||
        tw_capture_magic(magic, (size_t)n))
        return 1;
    k = (size_t)st.st_size / RANGE_MIN;
    return k < jobs ? (unsigned)k : jobs;
}

static bool make_items(hunt_ctx *c)
{
    size_t n = 0, cap = c->paths->n + 1;

    c->items = calloc(cap, sizeof(*c->items));
    for (size_t p = 0; c->items && p < c->paths->n; p++) {
        unsigned k = ranges_for(c->paths->v[p], c->o->jobs);

        if (n + k > cap) {
            item *v = realloc(c->items, (n + k + cap) * sizeof(*v));

            if (!v)
                return false;
            c->items = v;
            cap += n + k;
        }
        for (unsigned r = 0; r < k; r++)
            c->items[n++] = (item){.path = p, .range = r, .nranges = k};
    }
    c->nitems = n;
    return c->items != NULL;
}

/* --json-field NAME=KEYS: KEYS stays in argv, so the pointer is kept. */
static int json_field(const tw_cli *cli, tw_log_opts *lo, const char *arg)
{
    static const char *const names[] = {"time", "host", "program", "message", "user",
                                        "src",  "dst",  "command", "msgid"};
    const char **slots[] = {&lo->time, &lo->host, &lo->program, &lo->message, &lo->user,
                            &lo->src,  &lo->dst,  &lo->command, &lo->msgid};
    const char *eq = strchr(arg, '=');

    for (size_t i = 0; eq && eq[1] && i < sizeof(names) / sizeof(names[0]); i++) {
        if (tw_str_eq_c(tw_str_make(arg, (size_t)(eq - arg)), names[i])) {
            *slots[i] = eq + 1;
            return 1;
        }
    }
    tw_cli_error(cli,
                 "--json-field wants NAME=KEYS with NAME one of time, host, program, "
                 "message, user, src, dst, command, msgid; not '%s'",
                 arg);
    return -1;
}

/* The options of hunt only (tw_cli_command's option). */
static int hunt_option(void *ud, int opt, const char *arg)
{
    hunt_ctx *c = ud;

    switch (opt) {
    case OPT_LOG_FORMAT:
        if (tw_log_format_parse(tw_str_c(arg), &c->fmt) && c->fmt != TW_LOG_UNKNOWN)
            return 1;
        tw_cli_error(c->cli, "unknown log format '%s' (syslog, tacacs, ise, jsonl)", arg);
        return -1;
    case OPT_JSON_FIELD:
        return json_field(c->cli, &c->lopts, arg);
    case OPT_CONFIGS: {
        char **v = realloc(c->configs, (c->nconfigs + 1) * sizeof(*v));
        if (v == NULL)
            return -1;
        c->configs = v;
        c->configs[c->nconfigs++] = (char *)arg;
        return 1;
    }
    case 0x105:
        tw_cli_error(c->cli, "hunt reads logs: --dialect does not apply (see --log-format)");
        return -1;
    default:
        return 0;
    }
}

static bool make_hunter(hunt_ctx *c, const tw_ruleset *rules, const tw_iocset *iocs, tw_hunter **h,
                        bool *bad)
{
    tw_diags d;
    tw_err rc;

    tw_diags_init(&d);
    rc = tw_hunter_new(rules, iocs, h, &d);
    if (tw_cli_print_diags(c->cli, &d, true))
        *bad = true;
    tw_diags_release(&d);
    if (rc != TW_OK)
        tw_cli_error(c->cli, "cannot build the hunt patterns: %s", tw_strerror(rc));
    return rc == TW_OK;
}

/* --configs: the interface addresses of every configuration under them,
 * for naming devices; false when memory ran out. */
static bool load_hosts(hunt_ctx *c, bool *bad)
{
    tw_paths paths = {0};
    size_t missing = 0;
    tw_arena *arena = tw_arena_new(TW_LIMIT_ARENA);
    bool ok = arena != NULL && (c->hosts = tw_hostmap_new()) != NULL;

    tw_paths_collect(c->cli, c->configs, (int)c->nconfigs, &paths, &missing);
    *bad |= missing > 0;
    for (size_t i = 0; ok && i < paths.n; i++) {
        tw_factset fs;
        tw_factset_init(&fs, arena);
        if (tw_cli_parse_config(c->cli, paths.v[i], paths.named[i] || c->o->verbose, &fs, bad))
            ok = tw_hostmap_add_config(c->hosts, &fs) != TW_ENOMEM;
        tw_factset_release(&fs);
        tw_arena_reset(arena);
    }
    if (ok)
        tw_hostmap_finish(c->hosts);
    tw_paths_release(&paths);
    tw_arena_free(arena);
    return ok;
}

static bool make_scans(hunt_ctx *c)
{
    for (unsigned t = 0; t < c->o->jobs && t < MAX_JOBS; t++) {
        c->scans[t] = tw_hunt_scan_new(c->hunter);
        if (!c->scans[t])
            return false;
    }
    return true;
}

static int hunt_paths(hunt_ctx *c, FILE *out, bool tty, bool *bad)
{
    tw_ruleset *rules = tw_cli_load_rules(c->cli, c->o->rules_dir, bad);
    tw_iocset *iocs = tw_cli_load_iocs(c->cli, c->o, bad);
    tw_hunter *h = NULL;
    int status;

    if (!rules || !iocs || !make_hunter(c, rules, iocs, &h, bad)) {
        c->run.internal_error = true;
        goto out;
    }
    if (c->nconfigs > 0 && !load_hosts(c, bad)) {
        c->run.internal_error = true;
        goto out;
    }
    tw_hunter_set_hosts(h, c->hosts);
    c->hunter = h;
    if (!tw_cli_run_start(c->cli, c->o, &c->run, out, tty, rules) || !make_items(c) ||
        !make_scans(c)) {
        c->run.internal_error = true;
        goto out;
    }
    tw_cli_progress_start(c->cli, &c->progress, c->o->quiet || tty, c->nitems);
    tw_cli_run_ordered(
        &(tw_cli_ordered){.n = c->nitems, .jobs = c->o->jobs, .work = work, .emit = emit, .ud = c});
    tw_cli_progress_end(&c->progress);
out:
    tw_cli_run_finish(c->o, &c->run);
    status = tw_cli_run_status(&c->run, *bad);
    for (unsigned t = 0; t < MAX_JOBS; t++)
        tw_hunt_scan_free(c->scans[t]);
    free(c->items);
    tw_hunter_free(h);
    tw_hostmap_free(c->hosts);
    tw_iocset_free(iocs);
    tw_ruleset_free(rules);
    return status;
}

/* tw_cli_body for tw_cli_run_operands. */
static int run_body(void *ud, FILE *out, bool tty, bool *bad)
{
    return hunt_paths(ud, out, tty, bad);
}

static const struct option longopts[] = {TW_COMMON_LONGOPTS,
                                         {"log-format", required_argument, NULL, OPT_LOG_FORMAT},
                                         {"json-field", required_argument, NULL, OPT_JSON_FIELD},
                                         {"configs", required_argument, NULL, OPT_CONFIGS},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};

static const tw_cli_command hunt_cmd = {
    .usage = usage,
    .shortopts = TW_COMMON_SHORTOPTS "h",
    .longopts = longopts,
    .needs = "hunt needs at least one file or folder ('-' for stdin)",
    .option = hunt_option,
    .body = run_body,
};

int cmd_hunt(int argc, char **argv, tw_cli *cli)
{
    tw_common_opts o;
    tw_paths paths = {0};
    hunt_ctx c = {.cli = cli, .o = &o, .paths = &paths};
    int status;

    tw_common_init(&o);
    status = tw_cli_command_run(cli, &o, &hunt_cmd, argc, argv, &paths, &c);
    free(c.configs);
    tw_common_release(&o);
    return status;
}
