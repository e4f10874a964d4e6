/*
 * common.c: the pieces every command of the CLI shares: messages on
 * stderr, the shared options, loading rules and indicators, walking input
 * folders, and the FILE* sink for writers.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void vmessage(const tw_cli *cli, const char *level, const char *fmt, va_list ap)
{
    fprintf(stderr, "%s: %s: ", cli->prog, level);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
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
        tw_cli_error(cli, "unknown format '%s' (text, jsonl, sarif, csv)", arg);
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
        tw_cli_error(cli, "unknown dialect '%s' (ios, ios-xe, nx-os, ios-xr, junos, eos, asa)",
                     arg);
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
