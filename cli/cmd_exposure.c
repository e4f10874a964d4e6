/*
 * cmd_exposure.c: "tidewatch exposure": inventories in, one finding per
 * device and exploited CVE out.
 *
 * The knowledge is loaded first: the built-in CVE table and --cves files,
 * --kev catalogs, --csaf files and folders, and the preconditions of the
 * configurations under --configs (audited into facts, matched to devices
 * by hostname).  Then each inventory operand (files and folders, walked
 * recursively) is read into device records and every device is decided.
 * A knowledge or inventory file that cannot be read is an error naming it
 * (exit status 3) and the run goes on.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <tidewatch/exposure.h>

#include "cli.h"

static const char usage[] =
    "usage: tidewatch exposure [options] INVENTORY...\n"
    "\n"
    "Decide which devices run releases the AA25-239A actors exploit, which\n"
    "release fixes them, and whether their configuration makes them reachable.\n"
    "INVENTORY: CSV or JSON inventories, NetBox exports, captured 'show version'\n"
    "output or configurations (files or folders, recursively; '-' reads stdin).\n"
    "\n" TW_USAGE_OUTPUT_OPTIONS
    "      --configs DIR      device configurations: preconditions by hostname;\n"
    "                         repeatable\n"
    "      --kev FILE         CISA KEV catalog (JSON): dates, and KEV CVEs of the\n"
    "                         devices' OSes that no table decides; repeatable\n"
    "      --csaf PATH        CSAF 2.0 advisories (a file, or the *.json of a\n"
    "                         folder); repeatable\n"
    "      --cves FILE        more CVE table entries (docs/cve-table.md); repeatable\n"
    "      --inventory-format KIND\n"
    "                         skip detection: csv, json, netbox, show-version, config\n"
    "  -v, --verbose          list files skipped while walking folders\n"
    "  -h, --help             show this help\n"
    "\n"
    "States: exposed (critical), vulnerable (high: no configuration given),\n"
    "vulnerable-mitigated (medium), unknown (info).  Exit status: 0 no finding at\n"
    "or above --fail-on, 1 findings at or above it, 2 usage error, 3 an input\n"
    "could not be processed, 4 internal error.\n";

/* Values of the options of this command only. */
typedef struct {
    const char **configs, **kev, **csaf, **cves;
    size_t nconfigs, nkev, ncsaf, ncves;
    tw_inv_kind kind;
} exp_opts;

typedef struct {
    const tw_cli *cli;
    tw_common_opts *o;
    exp_opts *x;
    const tw_paths *paths;
    tw_cvetab *cves;
    tw_kev *kev;
    tw_csaf *csaf;
    tw_config_set *configs;
    tw_exposure *engine;
    tw_buf buf;
    tw_cli_run run;
    bool bad; /* a knowledge file could not be processed */
} exp_ctx;

static bool push_arg(const char ***v, size_t *n, const char *arg)
{
    const char **w = realloc(*v, (*n + 1) * sizeof(*w));

    if (!w)
        return false;
    w[(*n)++] = arg;
    *v = w;
    return true;
}

/* Reads path into c->buf; an error is printed.  label: path or stdin. */
static bool read_file(exp_ctx *c, const char *path, tw_file *f)
{
    bool in = strcmp(path, "-") == 0;
    tw_err rc = tw_file_read_buf(in ? "/dev/stdin" : path, TW_LIMIT_FILE_SIZE, &c->buf, f);

    if (rc != TW_OK)
        tw_cli_error(c->cli, "%s: cannot read: %s", path, tw_strerror(rc));
    return rc == TW_OK;
}

/* Prints a loader's diagnostics; an error code marks the run bad. */
static void loaded(exp_ctx *c, tw_diags *d, tw_err rc)
{
    if (tw_cli_print_diags(c->cli, d, true) > 0 || rc != TW_OK)
        c->bad = true;
}

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);

    return n >= k && strcmp(s + n - k, suffix) == 0;
}

typedef tw_err (*load_fn)(void *into, const char *file, const char *data, size_t len, tw_diags *d);

static tw_err load_cves(void *t, const char *file, const char *data, size_t len, tw_diags *d)
{
    return tw_cvetab_load(t, file, data, len, d);
}

static tw_err load_kev(void *k, const char *file, const char *data, size_t len, tw_diags *d)
{
    return tw_kev_load(k, file, data, len, d);
}

static tw_err load_csaf(void *s, const char *file, const char *data, size_t len, tw_diags *d)
{
    return tw_csaf_load(s, file, data, len, d);
}

/* Loads each file of the operands with fn; files found by walking a folder
 * must end in suffix (NULL: any), and one that is not of the kind (what)
 * is skipped. */
static void load_all(exp_ctx *c, const char **ops, size_t n, const char *suffix, load_fn fn,
                     void *into, const char *what)
{
    tw_paths paths = {0};
    size_t missing = 0;

    tw_paths_collect(c->cli, (char **)ops, (int)n, &paths, &missing);
    c->bad |= missing > 0;
    for (size_t i = 0; i < paths.n; i++) {
        tw_file f;
        tw_diags d;
        tw_err rc;

        if (!paths.named[i] && suffix && !ends_with(paths.v[i], suffix))
            continue;
        if (!read_file(c, paths.v[i], &f)) {
            c->bad = true;
            continue;
        }
        tw_diags_init(&d);
        rc = fn(into, paths.v[i], f.data, f.len, &d);
        if (rc == TW_EPARSE && !paths.named[i]) { /* found by walking: not of this kind */
            if (c->o->verbose)
                tw_cli_warn(c->cli, "%s: not a %s file; skipped", paths.v[i], what);
        } else {
            loaded(c, &d, rc);
        }
        tw_diags_release(&d);
        tw_file_release(&f);
    }
    tw_paths_release(&paths);
}

/* One configuration under --configs: parsed into facts, its preconditions
 * filed by hostname. */
static void add_config(exp_ctx *c, const char *path, bool named, tw_arena *arena)
{
    tw_factset fs;
    tw_err rc;

    tw_factset_init(&fs, arena);
    if (!tw_cli_parse_config(c->cli, path, named || c->o->verbose, &fs, &c->bad)) {
        tw_factset_release(&fs);
        tw_arena_reset(arena);
        return;
    }
    rc = tw_config_set_add(c->configs, path, &fs);
    if (rc == TW_ENOTFOUND)
        tw_cli_warn(c->cli, "%s: no hostname; its preconditions match no device", path);
    else if (rc == TW_EINVAL)
        tw_cli_warn(c->cli,
                    "%s: hostname %.*s was seen in an earlier configuration; this one "
                    "is not used",
                    path, (int)fs.hostname.len, fs.hostname.ptr);
    else if (rc != TW_OK)
        c->bad = true;
    tw_factset_release(&fs);
    tw_arena_reset(arena);
}

static void load_configs(exp_ctx *c)
{
    tw_paths paths = {0};
    size_t missing = 0;
    tw_arena *arena = tw_arena_new(TW_LIMIT_ARENA);

    tw_paths_collect(c->cli, (char **)c->x->configs, (int)c->x->nconfigs, &paths, &missing);
    c->bad |= missing > 0 || !arena;
    for (size_t i = 0; arena && i < paths.n; i++)
        add_config(c, paths.v[i], paths.named[i], arena);
    tw_paths_release(&paths);
    tw_arena_free(arena);
}

/* Builds the knowledge: false (after printing why) when nothing can run. */
static bool load_knowledge(exp_ctx *c)
{
    tw_diags d;
    tw_err rc;

    c->cves = tw_cvetab_new();
    c->kev = c->x->nkev ? tw_kev_new() : NULL;
    c->csaf = c->x->ncsaf ? tw_csaf_new() : NULL;
    c->configs = c->x->nconfigs ? tw_config_set_new() : NULL;
    if (!c->cves || (c->x->nkev && !c->kev) || (c->x->ncsaf && !c->csaf) ||
        (c->x->nconfigs && !c->configs))
        return false;
    tw_diags_init(&d);
    rc = tw_cvetab_load_builtin(c->cves, &d);
    loaded(c, &d, rc);
    tw_diags_release(&d);
    if (rc != TW_OK)
        return false;
    load_all(c, c->x->cves, c->x->ncves, ".yaml", load_cves, c->cves, "CVE table");
    load_all(c, c->x->kev, c->x->nkev, ".json", load_kev, c->kev, "KEV");
    load_all(c, c->x->csaf, c->x->ncsaf, ".json", load_csaf, c->csaf, "CSAF");
    if (c->configs)
        load_configs(c);
    c->engine = tw_exposure_new(&(tw_exposure_opts){c->cves, c->kev, c->csaf, c->configs});
    return c->engine != NULL;
}

/* One inventory file: its devices, then their findings. */
static void inventory_one(exp_ctx *c, const char *path, bool named, tw_arena *arena)
{
    const char *label = strcmp(path, "-") == 0 ? "(standard input)" : path;
    tw_inventory inv;
    tw_findings fl;
    tw_diags d;
    tw_file f;
    tw_err rc = TW_OK;
    bool failed = false;

    tw_inventory_init(&inv, arena);
    tw_findings_init(&fl, arena);
    tw_diags_init(&d);
    if (!read_file(c, path, &f)) {
        c->run.input_error = true;
        return;
    }
    if (!named && c->x->kind == TW_INV_UNKNOWN &&
        tw_inventory_detect(f.data, f.len) == TW_INV_UNKNOWN) {
        if (c->o->verbose)
            tw_cli_warn(c->cli, "%s: not an inventory; skipped", path);
        tw_file_release(&f);
        return;
    }
    rc = tw_inventory_parse(&inv, label, f.data, f.len, c->x->kind, &d);
    failed = rc != TW_OK && rc != TW_ENOMEM;
    for (size_t i = 0; i < inv.n && (rc == TW_OK || failed); i++) {
        tw_err e = tw_exposure_device(c->engine, &inv.v[i], &fl);

        if (e == TW_ENOMEM)
            rc = e;
    }
    if (rc != TW_ENOMEM && tw_exposure_fleet(c->engine, inv.v, inv.n, &fl) == TW_ENOMEM)
        rc = TW_ENOMEM;
    tw_cli_run_input(c->cli, c->o, &c->run, &fl, &d, failed, rc == TW_ENOMEM);
    tw_inventory_release(&inv);
    tw_file_release(&f);
}

static int exposure_paths(exp_ctx *c, FILE *out, bool tty, bool *bad)
{
    tw_arena *arena = tw_arena_new(TW_LIMIT_ARENA);
    int status;

    tw_buf_init(&c->buf, TW_LIMIT_FILE_SIZE);
    if (!arena || !load_knowledge(c) || !tw_cli_run_start(c->cli, c->o, &c->run, out, tty, NULL)) {
        c->run.internal_error = true;
        goto out;
    }
    for (size_t i = 0; i < c->paths->n; i++) {
        inventory_one(c, c->paths->v[i], c->paths->named[i], arena);
        tw_arena_reset(arena);
    }
out:
    tw_cli_run_finish(c->o, &c->run);
    status = tw_cli_run_status(&c->run, *bad || c->bad);
    tw_exposure_free(c->engine);
    tw_config_set_free(c->configs);
    tw_csaf_free(c->csaf);
    tw_kev_free(c->kev);
    tw_cvetab_free(c->cves);
    tw_buf_release(&c->buf);
    tw_arena_free(arena);
    return status;
}

static int run_body(void *ud, FILE *out, bool tty, bool *bad)
{
    return exposure_paths(ud, out, tty, bad);
}

/* This command's own options (tw_cli_command's option); 1 handled, 0 not
 * its own, -1 bad value or no memory. */
static int own_option(void *ud, int c, const char *arg)
{
    exp_ctx *ctx = ud;
    exp_opts *x = ctx->x;
    bool ok = true;

    switch (c) {
    case 0x200:
        ok = push_arg(&x->configs, &x->nconfigs, arg);
        break;
    case 0x201:
        ok = push_arg(&x->kev, &x->nkev, arg);
        break;
    case 0x202:
        ok = push_arg(&x->csaf, &x->ncsaf, arg);
        break;
    case 0x203:
        ok = push_arg(&x->cves, &x->ncves, arg);
        break;
    case 0x204:
        if (tw_inv_kind_parse(tw_str_c(arg), &x->kind) && x->kind != TW_INV_UNKNOWN)
            return 1;
        tw_cli_error(ctx->cli,
                     "unknown inventory format '%s' (csv, json, netbox, show-version, config)",
                     arg);
        return -1;
    default:
        return 0;
    }
    return ok ? 1 : -1;
}

/* The shared options that apply to inventories, and this command's own. */
static const struct option longopts[] = {{"format", required_argument, NULL, 'f'},
                                         {"output", required_argument, NULL, 'o'},
                                         {"fail-on", required_argument, NULL, 0x100},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {"no-color", no_argument, NULL, 0x101},
                                         {"verbose", no_argument, NULL, 'v'},
                                         {"configs", required_argument, NULL, 0x200},
                                         {"kev", required_argument, NULL, 0x201},
                                         {"csaf", required_argument, NULL, 0x202},
                                         {"cves", required_argument, NULL, 0x203},
                                         {"inventory-format", required_argument, NULL, 0x204},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};

static const tw_cli_command exposure_cmd = {
    .usage = usage,
    .shortopts = "f:o:qvh",
    .longopts = longopts,
    .needs = "exposure needs at least one inventory file or folder",
    .option = own_option,
    .body = run_body,
};

int cmd_exposure(int argc, char **argv, tw_cli *cli)
{
    exp_opts x = {0};
    tw_common_opts o;
    tw_paths paths = {0};
    exp_ctx c = {.cli = cli, .o = &o, .x = &x, .paths = &paths};
    int status;

    tw_common_init(&o);
    status = tw_cli_command_run(cli, &o, &exposure_cmd, argc, argv, &paths, &c);
    tw_common_release(&o);
    free(x.configs);
    free(x.kev);
    free(x.csaf);
    free(x.cves);
    return status;
}
