/*
 * cmd_report.c: "tidewatch report": findings written as JSON Lines read
 * back and rendered in any format, by default one HTML page.
 *
 * Each operand is a file of JSON Lines as --format jsonl writes them ('-'
 * reads stdin).  Every line is one finding with the fields of
 * docs/output.md, details included; blank lines are skipped.  A line that
 * is not such a finding is an error naming the file and line (exit status
 * 3) and the rest is still read.  Findings are written in the order read.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"

static const char usage[] =
    "usage: tidewatch report [options] FINDINGS.jsonl...\n"
    "\n"
    "Read findings that tidewatch wrote as JSON Lines (--format jsonl; '-' reads\n"
    "stdin) and write them in another format: by default one self-contained HTML\n"
    "page with a summary, charts and a table that sorts and filters.\n"
    "\n"
    "  -f, --format FMT       html (default), text, jsonl, sarif or csv\n"
    "  -o, --output FILE      write the report to FILE instead of stdout\n"
    "      --fail-on SEV      exit 1 when a finding is at or above SEV\n"
    "                         (info, low, medium, high, critical; default low)\n"
    "  -q, --quiet            write nothing, only set the exit status\n"
    "      --no-color         no colour in text output (also NO_COLOR=1)\n"
    "  -h, --help             show this help\n"
    "\n"
    "Exit status: 0 no finding at or above --fail-on, 1 findings at or above it,\n"
    "2 usage error, 3 a file or line could not be read, 4 internal error.\n";

/* One finding read from a line: the parsed JSON owns the strings, the
 * arrays point into it. */
typedef struct {
    tw_finding f;
    const char **attack, **refs;
    tw_detail *details;
} report_rec;

typedef struct {
    const tw_cli *cli;
    tw_common_opts *o;
    tw_cli_run run;
    bool bad;
} report_ctx;

/* Prints "<file>:<line>: <msg>" as an error; file and msg escaped. */
static void line_error(report_ctx *c, const char *file, size_t line, const char *msg)
{
    tw_buf f, m;

    tw_buf_init(&f, 0);
    tw_buf_init(&m, 0);
    tw_term_escape(&f, tw_str_c(file));
    tw_term_escape(&m, tw_str_c(msg));
    tw_cli_error(c->cli, "%s:%zu: %s", f.ptr, line, m.ptr);
    tw_buf_release(&f);
    tw_buf_release(&m);
    c->bad = true;
}

/* A string field: absent or null gives NULL.  False when of another type. */
static bool get_str(json_t *obj, const char *key, const char **out)
{
    json_t *v = json_object_get(obj, key);

    *out = json_is_string(v) ? json_string_value(v) : NULL;
    return v == NULL || json_is_null(v) || json_is_string(v);
}

/* An array of strings (absent or null: empty) into a malloc'd *out. */
static bool get_strs(json_t *obj, const char *key, const char ***out, size_t *n)
{
    json_t *v = json_object_get(obj, key);
    size_t i;

    *n = 0;
    if (v == NULL || json_is_null(v))
        return true;
    if (!json_is_array(v))
        return false;
    *out = calloc(json_array_size(v) + 1, sizeof(**out));
    if (*out == NULL)
        return false;
    for (i = 0; i < json_array_size(v); i++) {
        if (!json_is_string(json_array_get(v, i)))
            return false;
        (*out)[i] = json_string_value(json_array_get(v, i));
    }
    *n = i;
    return true;
}

/* The details object (absent or null: none), its values strings. */
static bool get_details(json_t *obj, report_rec *r)
{
    json_t *v = json_object_get(obj, "details"), *val;
    const char *name;
    size_t i = 0;

    if (v == NULL || json_is_null(v))
        return true;
    if (!json_is_object(v))
        return false;
    r->details = calloc(json_object_size(v) + 1, sizeof(*r->details));
    if (r->details == NULL)
        return false;
    json_object_foreach(v, name, val)
    {
        if (!json_is_string(val))
            return false;
        r->details[i].name = name;
        r->details[i++].value = json_string_value(val);
    }
    r->f.details = r->details;
    r->f.ndetails = i;
    return true;
}

/* The line number: absent or null gives 0; else 1 to 2^32-1. */
static bool get_line(json_t *obj, uint32_t *out)
{
    json_t *v = json_object_get(obj, "line");

    *out = 0;
    if (v == NULL || json_is_null(v))
        return true;
    if (!json_is_integer(v) || json_integer_value(v) < 1 || json_integer_value(v) > UINT32_MAX)
        return false;
    *out = (uint32_t)json_integer_value(v);
    return true;
}

/* The three fields a finding cannot do without. */
static const char *get_kind(json_t *obj, tw_finding *f)
{
    const char *sev = NULL, *cat = NULL;

    if (!get_str(obj, "rule", &f->rule) || f->rule == NULL)
        return "no rule id (\"rule\" is missing or not a string)";
    if (!get_str(obj, "severity", &sev) || !tw_severity_parse(tw_str_c(sev), &f->severity))
        return "\"severity\" is not one of info, low, medium, high, critical";
    if (!get_str(obj, "category", &cat) || !tw_category_parse(tw_str_c(cat), &f->category))
        return "\"category\" is not one of compromise, hardening, exposure, drift, outlier";
    return NULL;
}

/* Fills r from the object; returns NULL, or what is wrong with it. */
static const char *rec_fill(json_t *obj, report_rec *r)
{
    tw_finding *f = &r->f;
    const char *why = get_kind(obj, f);

    if (why != NULL)
        return why;
    if (!get_str(obj, "title", &f->title) || !get_str(obj, "message", &f->message) ||
        !get_str(obj, "file", &f->file) || !get_str(obj, "device", &f->device) ||
        !get_str(obj, "user", &f->user) || !get_str(obj, "evidence", &f->evidence) ||
        !get_str(obj, "ioc", &f->ioc) || !get_str(obj, "cve", &f->cve) ||
        !get_str(obj, "remediation", &f->remediation))
        return "a text field is neither a string nor null";
    if (!get_line(obj, &f->line))
        return "\"line\" is not a number from 1 to 4294967295 or null";
    if (!get_strs(obj, "attack", &r->attack, &f->nattack) ||
        !get_strs(obj, "references", &r->refs, &f->nreferences))
        return "\"attack\" or \"references\" is not an array of strings";
    f->attack = r->attack;
    f->references = r->refs;
    if (!get_details(obj, r))
        return "\"details\" is not an object of strings";
    return NULL;
}

static void rec_release(report_rec *r)
{
    free(r->attack);
    free(r->refs);
    free(r->details);
}

/* Counts and writes one finding. */
static void emit(report_ctx *c, const tw_finding *f)
{
    c->run.counts[f->severity]++;
    if (f->severity >= c->o->fail_on)
        c->run.fail = true;
    if (!c->o->quiet && tw_writer_add(c->run.writer, f) != TW_OK)
        c->run.internal_error = true;
}

/* Reads one line (len bytes, no line end) as a finding and writes it. */
static void read_line(report_ctx *c, const char *file, size_t lineno, const char *s, size_t len)
{
    json_error_t jerr;
    json_t *obj = json_loadb(s, len, 0, &jerr);
    report_rec r;
    const char *why = obj == NULL ? jerr.text : NULL;

    memset(&r, 0, sizeof(r));
    if (obj != NULL && !json_is_object(obj))
        why = "not a JSON object";
    if (why == NULL)
        why = rec_fill(obj, &r);
    if (why != NULL)
        line_error(c, file, lineno, why);
    else
        emit(c, &r.f);
    rec_release(&r);
    json_decref(obj);
}

/* Whether s holds only white space. */
static bool blank(const char *s, size_t len)
{
    return tw_str_trim(tw_str_make(s, len)).len == 0;
}

/* Reads every line of one open file. */
static void read_stream(report_ctx *c, const char *file, FILE *in)
{
    char *line = NULL;
    size_t cap = 0, lineno = 0;
    ssize_t n;

    while ((n = getline(&line, &cap, in)) >= 0) {
        size_t len = (size_t)n;

        lineno++;
        while (len > 0 && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (len > TW_LIMIT_LINE_LEN)
            line_error(c, file, lineno, "line too long");
        else if (!blank(line, len))
            read_line(c, file, lineno, line, len);
    }
    if (ferror(in))
        line_error(c, file, lineno + 1, strerror(errno));
    free(line);
}

/* Reads one operand: a file, or stdin for "-". */
static void read_operand(report_ctx *c, const char *path)
{
    bool in = strcmp(path, "-") == 0;
    FILE *f = in ? stdin : fopen(path, "r");

    if (f == NULL) {
        tw_buf b;

        tw_buf_init(&b, 0);
        tw_term_escape(&b, tw_str_c(path));
        tw_cli_error(c->cli, "%s: cannot read: %s", b.ptr, strerror(errno));
        tw_buf_release(&b);
        c->bad = true;
        return;
    }
    read_stream(c, in ? "stdin" : path, f);
    if (!in)
        fclose(f);
}

/* Reads the operands into the writer on out; returns the exit status. */
static int report_run(report_ctx *c, char **operands, int n)
{
    bool tty = false;
    FILE *out = tw_cli_open_output(c->cli, c->o, &tty);
    int i, status;

    if (out == NULL)
        return TW_EXIT_USAGE;
    if (tw_cli_run_start(c->cli, c->o, &c->run, out, tty, NULL)) {
        for (i = 0; i < n; i++)
            read_operand(c, operands[i]);
    }
    tw_cli_run_finish(c->o, &c->run);
    status = tw_cli_run_status(&c->run, c->bad);
    if (fflush(out) != 0 && status < TW_EXIT_INPUT)
        status = TW_EXIT_INTERNAL;
    if (out != stdout)
        fclose(out);
    return status;
}

static const struct option longopts[] = {{"format", required_argument, NULL, 'f'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"fail-on", required_argument, NULL, 0x100},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"no-color", no_argument, NULL, 0x101},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};

static const tw_cli_command report_cmd = {
    .usage = usage,
    .shortopts = "f:o:qh",
    .longopts = longopts,
    .needs = "report needs at least one findings file ('-' reads stdin)",
};

int cmd_report(int argc, char **argv, tw_cli *cli)
{
    tw_common_opts o;
    report_ctx c;
    int status;

    tw_common_init(&o);
    o.format = TW_FMT_HTML;
    o.format_set = true;
    memset(&c, 0, sizeof(c));
    c.cli = cli;
    c.o = &o;
    status = tw_cli_options(cli, &o, &report_cmd, argc, argv, &c);
    if (status < 0 && optind >= argc) {
        tw_cli_error(cli, "%s", report_cmd.needs);
        fputs(usage, stderr);
        status = TW_EXIT_USAGE;
    }
    if (status < 0)
        status = report_run(&c, argv + optind, argc - optind);
    tw_common_release(&o);
    return status;
}
