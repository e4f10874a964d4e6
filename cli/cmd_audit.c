/*
 * cmd_audit.c: "tidewatch audit": device configurations in, findings out.
 *
 * Operands are files and folders (walked recursively).  Files are audited
 * by --jobs worker threads; findings are written in input order so the
 * output does not depend on the thread count.  A file that cannot be read,
 * is binary or is of an unsupported dialect is an error naming it (exit
 * status 3) and the run goes on; a file met while walking a folder that is
 * not a configuration at all is skipped (listed with --verbose).
 *
 * After every file, the fleet's outliers: by statistics over each peer
 * group (dialect family, and role from --role or the policy), or with
 * --baseline against reference configurations, which are parsed before
 * the audit starts and never reported on themselves.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <tidewatch/siphash.h>

#include "cli.h"

static const char usage[] =
    "usage: tidewatch audit [options] PATH...\n"
    "\n"
    "Audit device configurations (files or folders, recursively; '-' reads stdin)\n"
    "for signs of the AA25-239A actors and for hardening gaps.\n"
    "\n" TW_USAGE_OUTPUT_OPTIONS TW_USAGE_IOC_OPTIONS
    "      --rules DIR        add rule packs (*.yaml); same ids override built-ins\n"
    "      --policy FILE      the site policy (YAML, docs/policy.md): approved AAA\n"
    "                         servers, tunnel peers, mirror destinations, users...\n"
    "      --no-fleet         no outliers (settings few devices of a dialect have while\n"
    "                         most share another; docs/fleet.md)\n"
    "      --role NAME=GLOB   devices whose hostname matches GLOB (*, ?, [...]; case\n"
    "                         ignored) are of role NAME and are compared with their\n"
    "                         role's peers; repeatable, the first match wins\n"
    "      --baseline PATH    reference configurations (a file or folder) as the norm:\n"
    "                         each device is compared with its own reference\n"
    "      --dialect D        skip detection: ios, ios-xe, nx-os, ios-xr, junos, eos, asa,\n"
    "                         pan-os\n"
    "  -j, --jobs N           audit N files at a time (default 1)\n"
    "  -v, --verbose          list files skipped as not configurations\n"
    "  -h, --help             show this help\n"
    "\n"
    "Exit status: 0 no finding at or above --fail-on, 1 findings at or above it,\n"
    "2 usage error, 3 an input or rule file could not be processed, 4 internal error.\n";

typedef struct {
    tw_findings findings; /* in the file's arena (see tw_cli_run_ordered) */
    tw_diags diags;
    bool skipped; /* not a configuration, found by walking */
    bool failed;  /* could not be processed */
    bool internal;
} file_result;

typedef struct {
    tw_cli *cli;
    tw_common_opts *o;
    const tw_audit_opts *aopts;
    const tw_paths *paths;
    file_result *res;
    tw_buf *bufs; /* one per worker: file contents, reused across files */
    tw_cli_run run;
    const char *policy_file; /* --policy, or NULL */
    bool no_fleet;           /* --no-fleet */
    const char **roles;      /* --role NAME=GLOB, checked; in argv */
    size_t nroles;
    const char *baseline;     /* --baseline, or NULL */
    tw_cli_progress progress; /* only when the findings do not go to the terminal */
} audit_ctx;

static void audit_one(const tw_audit_opts *base, const char *path, bool named, tw_buf *buf,
                      file_result *r)
{
    tw_audit_opts o = *base;
    tw_file f;
    bool binary;
    const char *label = strcmp(path, "-") == 0 ? "(standard input)" : path;
    tw_err rc =
        tw_file_read_buf(strcmp(path, "-") == 0 ? "/dev/stdin" : path, TW_LIMIT_FILE_SIZE, buf, &f);

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

static void work(void *ud, unsigned worker, size_t i, tw_arena *arena)
{
    audit_ctx *c = ud;
    file_result *r = &c->res[i];

    tw_findings_init(&r->findings, arena);
    tw_diags_init(&r->diags);
    if (!arena) {
        r->internal = true;
        return;
    }
    audit_one(c->aopts, c->paths->v[i], c->paths->named[i], &c->bufs[worker], r);
}

static void emit(void *ud, size_t i)
{
    audit_ctx *c = ud;
    file_result *r = &c->res[i];

    tw_cli_progress_step(&c->progress, c->paths->v[i]);
    if (r->skipped && c->o->verbose)
        tw_cli_warn(c->cli, "%s: not a device configuration; skipped", c->paths->v[i]);
    tw_cli_run_input(c->cli, c->o, &c->run, &r->findings, &r->diags, r->failed, r->internal);
}

/* One read buffer per worker thread; NULL when memory ran out. */
static tw_buf *bufs_new(unsigned n)
{
    tw_buf *b = calloc(n ? n : 1, sizeof(*b));

    for (unsigned i = 0; b != NULL && i < n; i++)
        tw_buf_init(&b[i], TW_LIMIT_FILE_SIZE);
    return b;
}

static void bufs_free(tw_buf *b, unsigned n)
{
    for (unsigned i = 0; b != NULL && i < n; i++)
        tw_buf_release(&b[i]);
    free(b);
}

/* Adds the --role roles to p, before the policy file's: the command line
 * wins.  They were checked while parsing the options. */
static tw_err add_cli_roles(const audit_ctx *c, tw_policy *p)
{
    tw_err rc = TW_OK;

    for (size_t i = 0; i < c->nroles && rc == TW_OK; i++) {
        char name[TW_ROLE_NAME_MAX + 1];
        const char *eq = strchr(c->roles[i], '=');

        snprintf(name, sizeof(name), "%.*s", (int)(eq - c->roles[i]), c->roles[i]);
        rc = tw_policy_add_role(p, name, eq + 1);
    }
    return rc;
}

/* Loads --policy and --role; NULL without either, or on ENOMEM (*oom
 * set).  A file that cannot be read or has errors sets *bad (exit status
 * 3); the lists read cleanly are kept. */
static tw_policy *load_policy(const audit_ctx *c, bool *bad, bool *oom)
{
    const char *file = c->policy_file;
    tw_policy *p = file || c->nroles ? tw_policy_new() : NULL;
    tw_file f;
    tw_diags d;
    tw_err rc;

    *oom = (file || c->nroles) && !p;
    if (!p)
        return NULL;
    rc = add_cli_roles(c, p);
    *oom = rc == TW_ENOMEM;
    if (!file || rc != TW_OK)
        return p;
    rc = tw_file_read(file, TW_LIMIT_FILE_SIZE, &f);
    if (rc != TW_OK) {
        tw_cli_error(c->cli, "%s: cannot read: %s", file, tw_strerror(rc));
        *bad = true;
        return p;
    }
    tw_diags_init(&d);
    rc = tw_policy_load(p, file, f.data, f.len, &d);
    *bad |= tw_cli_print_diags(c->cli, &d, true) > 0 || rc != TW_OK;
    *oom = rc == TW_ENOMEM;
    tw_diags_release(&d);
    tw_file_release(&f);
    return p;
}

/* Parses one baseline file into the fleet, with the run's dialect option
 * and fingerprint key; a file met while walking that is not a
 * configuration is skipped, as the audit skips it. */
static void baseline_one(audit_ctx *c, tw_fleet *fleet, const unsigned char *fp_key,
                         const char *path, bool named, bool *bad, bool *oom)
{
    tw_arena *a = tw_arena_new(TW_LIMIT_ARENA);
    tw_dialect dl = c->o->dialect;
    tw_factset fs;
    tw_diags d;
    tw_file f;
    tw_err rc = a ? tw_file_read(path, TW_LIMIT_FILE_SIZE, &f) : TW_ENOMEM;

    tw_diags_init(&d);
    if (rc != TW_OK) {
        tw_cli_error(c->cli, "%s: cannot read: %s", path, tw_strerror(rc));
        *bad = true;
        *oom |= rc == TW_ENOMEM;
        tw_arena_free(a);
        return;
    }
    if (dl == TW_DIALECT_UNKNOWN && !tw_looks_binary(f.data, f.len))
        dl = tw_dialect_detect(f.data, f.len);
    tw_factset_init(&fs, a);
    fs.fp_key = fp_key; /* the run's key: communities compare across both sides */
    if (dl == TW_DIALECT_UNKNOWN && !named) {
        if (c->o->verbose)
            tw_cli_warn(c->cli, "%s: not a device configuration; skipped", path);
    } else if (tw_looks_binary(f.data, f.len) || !tw_config_supported(dl)) {
        tw_cli_error(c->cli, "%s: baseline: not a configuration tidewatch parses", path);
        *bad = true;
    } else {
        rc = tw_config_parse(path, f.data, f.len, dl, &fs, &d);
        if (rc == TW_OK || rc == TW_ELIMIT)
            rc = tw_fleet_add_baseline(fleet, path, &fs);
        *oom |= rc == TW_ENOMEM;
        *bad |= rc != TW_OK && rc != TW_ELIMIT; /* ELIMIT: said after the outliers */
    }
    *bad |= tw_cli_print_diags(c->cli, &d, !c->o->quiet) > 0;
    tw_factset_release(&fs);
    tw_diags_release(&d);
    tw_file_release(&f);
    tw_arena_free(a);
}

/* Reads --baseline into the fleet; false when it holds no configuration
 * (said, *bad set). */
static bool load_baseline(audit_ctx *c, tw_fleet *fleet, const unsigned char *fp_key, bool *bad,
                          bool *oom)
{
    char *ops[1] = {(char *)c->baseline};
    tw_paths p = {0};
    size_t missing = 0;

    tw_paths_collect(c->cli, ops, 1, &p, &missing);
    *bad |= missing > 0;
    for (size_t i = 0; i < p.n && !*oom; i++)
        baseline_one(c, fleet, fp_key, p.v[i], p.named[i], bad, oom);
    tw_paths_release(&p);
    if (tw_fleet_baseline_count(fleet) > 0 || missing > 0)
        return tw_fleet_baseline_count(fleet) > 0;
    tw_cli_error(c->cli, "%s: no device configuration in the baseline", c->baseline);
    *bad = true;
    return false;
}

/* The fleet's outliers, after every file's own findings. */
static void emit_outliers(audit_ctx *c, tw_fleet *fleet)
{
    tw_arena *a = tw_arena_new(TW_LIMIT_ARENA);
    tw_findings fl;
    tw_diags d;
    tw_err rc = a ? TW_OK : TW_ENOMEM;

    tw_diags_init(&d);
    tw_findings_init(&fl, a);
    if (rc == TW_OK)
        rc = tw_fleet_outliers(fleet, &fl);
    if (rc == TW_ELIMIT && fl.dropped == 0)
        tw_cli_error(c->cli, "the fleet holds more than %d setting values; outliers are incomplete",
                     TW_FLEET_MAX_VALUES);
    tw_cli_run_input(c->cli, c->o, &c->run, &fl, &d, rc == TW_ELIMIT, rc == TW_ENOMEM);
    tw_arena_free(a);
}

static int audit_paths(audit_ctx *c, FILE *out, bool tty, bool *bad)
{
    tw_audit_opts ao = {0};
    unsigned char fp_key[TW_SIPHASH_KEY];
    bool oom = false, with_baseline = true;
    int status;

    ao.rules = tw_cli_load_rules(c->cli, c->o->rules_dir, bad);
    ao.iocs = tw_cli_load_iocs(c->cli, c->o, bad);
    ao.policy = load_policy(c, bad, &oom);
    ao.fleet = c->no_fleet ? NULL : tw_fleet_new();
    oom |= !c->no_fleet && !ao.fleet;
    if (ao.fleet)
        tw_fleet_set_roles(ao.fleet, ao.policy);
    /* a key of this run only: SNMP communities are compared by fingerprint */
    ao.fp_key = ao.fleet && getentropy(fp_key, sizeof(fp_key)) == 0 ? fp_key : NULL;
    if (ao.fleet && c->baseline && !oom)
        with_baseline = load_baseline(c, ao.fleet, ao.fp_key, bad, &oom);
    ao.dialect = c->o->dialect;
    c->aopts = &ao;
    c->res = calloc(c->paths->n ? c->paths->n : 1, sizeof(*c->res));
    c->bufs = bufs_new(c->o->jobs);
    if (!ao.rules || !ao.iocs || oom || !c->res || !c->bufs ||
        !tw_cli_run_start(c->cli, c->o, &c->run, out, tty, ao.rules)) {
        c->run.internal_error = true;
        goto out;
    }
    tw_cli_progress_start(c->cli, &c->progress, c->o->quiet || tty, c->paths->n);
    tw_cli_run_ordered(&(tw_cli_ordered){
        .n = c->paths->n, .jobs = c->o->jobs, .work = work, .emit = emit, .ud = c});
    tw_cli_progress_end(&c->progress);
    if (ao.fleet && with_baseline) /* a baseline that is empty is no norm to compare with */
        emit_outliers(c, ao.fleet);
out:
    tw_cli_run_finish(c->o, &c->run);
    status = tw_cli_run_status(&c->run, *bad);
    free(c->res);
    bufs_free(c->bufs, c->o->jobs);
    tw_iocset_free((tw_iocset *)ao.iocs);
    tw_ruleset_free((tw_ruleset *)ao.rules);
    tw_policy_free((tw_policy *)ao.policy);
    tw_fleet_free(ao.fleet);
    return status;
}

/* tw_cli_body for tw_cli_run_operands. */
static int run_body(void *ud, FILE *out, bool tty, bool *bad)
{
    audit_ctx *c = ud;

    if (c->baseline && (c->no_fleet || strcmp(c->baseline, "-") == 0)) {
        tw_cli_error(c->cli, c->no_fleet ? "--baseline needs the fleet comparison --no-fleet "
                                           "turns off"
                                         : "--baseline needs files or a folder, not stdin");
        return TW_EXIT_USAGE;
    }
    return audit_paths(c, out, tty, bad);
}

static const struct option longopts[] = {TW_COMMON_LONGOPTS,
                                         {"policy", required_argument, NULL, 0x200},
                                         {"no-fleet", no_argument, NULL, 0x201},
                                         {"role", required_argument, NULL, 0x202},
                                         {"baseline", required_argument, NULL, 0x203},
                                         {"help", no_argument, NULL, 'h'},
                                         {NULL, 0, NULL, 0}};

/* --role NAME=GLOB: checked now, so that a typo is a usage error before
 * any file is read; 1 kept, -1 refused (said). */
static int role_option(audit_ctx *a, const char *arg)
{
    const char *eq = strchr(arg, '='), *msg = "expected NAME=GLOB";
    char name[TW_ROLE_NAME_MAX + 2];
    const char **v;
    size_t col = 0;

    if (eq) {
        snprintf(name, sizeof(name), "%.*s", (int)(eq - arg), arg);
        msg = tw_role_check(name, eq + 1, &col);
    }
    if (!msg && a->nroles >= TW_POLICY_MAX_ROLES)
        msg = "too many roles";
    if (msg && col > 0)
        tw_cli_error(a->cli, "--role '%s': %s (character %zu of the pattern)", arg, msg, col);
    else if (msg)
        tw_cli_error(a->cli, "--role '%s': %s", arg, msg);
    if (msg)
        return -1;
    v = realloc(a->roles, (a->nroles + 1) * sizeof(*v));
    if (!v) {
        tw_cli_error(a->cli, "--role: %s", tw_strerror(TW_ENOMEM));
        return -1;
    }
    a->roles = v;
    a->roles[a->nroles++] = arg;
    return 1;
}

/* --policy, --no-fleet, --role, --baseline (tw_cli_command's option). */
static int own_option(void *ud, int c, const char *arg)
{
    audit_ctx *a = ud;

    switch (c) {
    case 0x200:
        a->policy_file = arg;
        return 1;
    case 0x201:
        a->no_fleet = true;
        return 1;
    case 0x202:
        return role_option(a, arg);
    case 0x203:
        a->baseline = arg;
        return 1;
    default:
        return 0;
    }
}

static const tw_cli_command audit_cmd = {
    .usage = usage,
    .option = own_option,
    .shortopts = TW_COMMON_SHORTOPTS "h",
    .longopts = longopts,
    .needs = "audit needs at least one file or folder",
    .body = run_body,
};

int cmd_audit(int argc, char **argv, tw_cli *cli)
{
    tw_common_opts o;
    tw_paths paths = {0};
    audit_ctx c = {.cli = cli, .o = &o, .paths = &paths};
    int status;

    tw_common_init(&o);
    status = tw_cli_command_run(cli, &o, &audit_cmd, argc, argv, &paths, &c);
    free(c.roles);
    tw_common_release(&o);
    return status;
}
