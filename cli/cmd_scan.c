/*
 * cmd_scan.c: "tidewatch scan": one sweep over an evidence folder.
 *
 * Every file is read once to learn its kind by content (evidence.h).  The
 * knowledge files come first: indicator feeds join the indicators, KEV
 * catalogs and CSAF advisories the exposure engine, the first site policy
 * the audit.  Then configurations are audited (with the fleet's outliers
 * over all of them) and feed the exposure preconditions, logs are hunted,
 * and inventories are decided against the CVE table, joined with the
 * configurations by hostname (without an inventory, the configurations'
 * own version lines stand in).  A summary comes first (on standard output
 * in text, on standard error for the other formats, so that those stay
 * one document), then the findings of every engine.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <tidewatch/evidence.h>
#include <tidewatch/exposure.h>
#include <tidewatch/hostmap.h>
#include <tidewatch/hunt.h>
#include <tidewatch/siphash.h>

#include "cli.h"

static const char usage[] =
    "usage: tidewatch scan [options] PATH...\n"
    "\n"
    "Sweep an evidence folder: each file's kind is found from its content\n"
    "(configurations, logs and accounting, packet captures, inventories, indicator\n"
    "feeds, KEV catalogs, CSAF advisories, a site policy), and every engine runs\n"
    "on what it applies to: audit, hunt and exposure.  A summary comes first,\n"
    "then the findings.\n"
    "\n" TW_USAGE_OUTPUT_OPTIONS TW_USAGE_IOC_OPTIONS
    "      --rules DIR        add rule packs (*.yaml); same ids override built-ins\n"
    "      --policy FILE      the site policy (else the first one found)\n"
    "      --no-fleet         no fleet outliers\n"
    "  -v, --verbose          list each file with its kind\n"
    "  -h, --help             show this help\n"
    "\n"
    "Exit status: 0 no finding at or above --fail-on, 1 findings at or above it,\n"
    "2 usage error, 3 an input could not be processed, 4 internal error.\n";

typedef struct {
    char *path;
    tw_evidence ev;
    const char *unread; /* why it was not read; NULL when it was */
} scan_file;

typedef struct {
    tw_cli *cli;
    tw_common_opts o;
    const char *policy_file;
    bool no_fleet;
    scan_file *files;
    size_t nfiles;
    tw_arena *arena; /* the findings and what they point at */
    tw_findings all;
    tw_ruleset *rules;
    tw_iocset *iocs;
    tw_policy *policy;
    tw_cvetab *cves;
    tw_kev *kev;
    tw_csaf *csaf;
    tw_config_set *configs;
    tw_fleet *fleet;
    tw_hostmap *hosts; /* interface addresses of the configurations: who owns an address */
    size_t no_release; /* configurations standing in for an inventory with no version line */
    unsigned char fp_key[TW_SIPHASH_KEY];
    const char **devices; /* every hostname seen, in the arena; ndevices of them */
    size_t ndevices, capdevices;
    tw_cli_progress progress; /* over both passes: 2 x the files */
    bool bad, internal;
} scan_ctx;

/* ---- reading --------------------------------------------------------------- */

static bool read_one(scan_ctx *c, const char *path, tw_file *f)
{
    tw_err rc = tw_file_read(path, TW_LIMIT_FILE_SIZE, f);

    if (rc == TW_OK)
        return true;
    tw_cli_error(c->cli, "%s: cannot read: %s", path, tw_strerror(rc));
    c->bad = true;
    return false;
}

/* Notes a device seen in the evidence (a configuration, an inventory row,
 * a finding). */
static void seen(scan_ctx *c, tw_str host)
{
    const char **v;

    if (host.len == 0)
        return;
    if (c->ndevices == c->capdevices) {
        size_t cap = c->capdevices ? 2 * c->capdevices : 64;
        v = realloc(c->devices, cap * sizeof(*v));
        if (v == NULL) {
            c->internal = true;
            return;
        }
        c->devices = v;
        c->capdevices = cap;
    }
    c->devices[c->ndevices] = tw_arena_strndup(c->arena, host.ptr, host.len > 255 ? 255 : host.len);
    c->ndevices += c->devices[c->ndevices] != NULL;
}

static int str_icmp(const void *x, const void *y)
{
    return strcasecmp(*(const char *const *)x, *(const char *const *)y);
}

/* The number of different devices seen (case ignored). */
static size_t devices_seen(scan_ctx *c)
{
    size_t n = 0;

    for (size_t i = 0; i < c->all.n; i++)
        seen(c, tw_str_c(c->all.v[i].device ? c->all.v[i].device : ""));
    if (c->ndevices > 0)
        qsort(c->devices, c->ndevices, sizeof(*c->devices), str_icmp);
    for (size_t i = 0; i < c->ndevices; i++)
        n += i == 0 || strcasecmp(c->devices[i], c->devices[i - 1]) != 0;
    return n;
}

/* Takes in the diagnostics of one input: printed, and counted as bad. */
static void diags_done(scan_ctx *c, tw_diags *d)
{
    c->bad |= tw_cli_print_diags(c->cli, d, !c->o.quiet) > 0;
    tw_diags_release(d);
}

/* Pass 1: every file's kind; the knowledge files are loaded at once. */
static void classify(scan_ctx *c, const tw_paths *p)
{
    c->files = calloc(p->n + 1, sizeof(*c->files));
    if (c->files == NULL) {
        c->internal = true;
        return;
    }
    tw_cli_progress_start(c->cli, &c->progress, c->o.quiet, 2 * p->n);
    for (size_t i = 0; i < p->n; i++) {
        scan_file *sf = &c->files[c->nfiles++];
        tw_diags d;
        tw_file f;
        tw_cli_progress_step(&c->progress, p->v[i]);
        sf->path = strdup(p->v[i]);
        if (sf->path == NULL || !read_one(c, p->v[i], &f)) {
            sf->unread = "cannot be read";
            continue;
        }
        sf->ev = tw_evidence_detect(f.data, f.len);
        tw_diags_init(&d);
        switch (sf->ev.kind) {
        case TW_EV_IOC:
            if (tw_iocset_load(c->iocs, sf->path, f.data, f.len, &d) == TW_OK)
                break;
            sf->unread = "no indicator could be read";
            if (sf->ev.ioc == TW_IOC_FORMAT_TEXT) {
                tw_diags_release(&d); /* a guess that was wrong: no error of the file's */
                tw_diags_init(&d);
            }
            break;
        case TW_EV_KEV:
            if (tw_kev_load(c->kev, sf->path, f.data, f.len, &d) != TW_OK)
                sf->unread = "not a KEV catalog tidewatch reads";
            break;
        case TW_EV_CSAF:
            if (tw_csaf_load(c->csaf, sf->path, f.data, f.len, &d) != TW_OK)
                sf->unread = "not a CSAF advisory tidewatch reads";
            break;
        case TW_EV_POLICY:
            if (c->policy_file != NULL)
                sf->unread = "a site policy was given already";
            else if (tw_policy_load(c->policy, sf->path, f.data, f.len, &d) != TW_OK)
                sf->unread = "the site policy has errors";
            else
                c->policy_file = sf->path;
            break;
        case TW_EV_BINARY:
            sf->unread = "binary, and no kind of evidence tidewatch reads";
            break;
        case TW_EV_EMPTY:
            sf->unread = "empty";
            break;
        case TW_EV_UNKNOWN:
            sf->unread = "no kind of evidence tidewatch reads";
            break;
        default:
            break;
        }
        if (sf->ev.kind == TW_EV_CONFIG && !tw_config_supported(sf->ev.dialect))
            sf->unread = "a configuration of a dialect tidewatch does not parse yet";
        if (c->o.verbose)
            tw_cli_note(c->cli, "%s: %s%s%s", sf->path, tw_evidence_kind_name(sf->ev.kind),
                        sf->unread ? ", not read: " : "", sf->unread ? sf->unread : "");
        diags_done(c, &d);
        tw_file_release(&f);
    }
}

/* ---- the engines ------------------------------------------------------------- */

/* What scan keeps of a configuration's facts (tw_audit_opts.on_facts):
 * its exposure preconditions, its interface addresses, its hostname. */
static void keep_facts(void *ud, const char *file, const tw_factset *fs)
{
    scan_ctx *c = ud;

    if (tw_config_set_add(c->configs, file, fs) == TW_ENOMEM ||
        tw_hostmap_add_config(c->hosts, fs) == TW_ENOMEM)
        c->internal = true;
    seen(c, fs->hostname);
}

static void audit_config(scan_ctx *c, const scan_file *sf)
{
    tw_cli_progress_step(&c->progress, sf->path);
    tw_audit_opts ao = {.rules = c->rules,
                        .iocs = c->iocs,
                        .dialect = sf->ev.dialect,
                        .policy = c->policy_file ? c->policy : NULL,
                        .fleet = c->fleet,
                        .fp_key = c->fp_key,
                        .on_facts = keep_facts,
                        .on_facts_ud = c};
    tw_diags d;
    tw_file f;

    if (!read_one(c, sf->path, &f))
        return;
    tw_diags_init(&d);
    if (tw_audit_buffer(&ao, sf->path, f.data, f.len, &c->all, &d) == TW_ENOMEM)
        c->internal = true;
    diags_done(c, &d);
    tw_file_release(&f);
}

static void hunt_log(scan_ctx *c, const tw_hunter *h, const scan_file *sf)
{
    tw_cli_progress_step(&c->progress, sf->path);
    tw_diags d;
    tw_file f;

    if (!read_one(c, sf->path, &f))
        return;
    tw_diags_init(&d);
    if (tw_hunt_buffer(h, sf->path, f.data, f.len, sf->ev.log, NULL, &c->all, &d) == TW_ENOMEM)
        c->internal = true;
    diags_done(c, &d);
    tw_file_release(&f);
}

/* The devices of one inventory (kind: as detected, or CONFIG for a
 * configuration standing in) against the CVE table. */
static void expose(scan_ctx *c, const tw_exposure *e, const scan_file *sf, tw_inv_kind kind)
{
    tw_inventory inv;
    tw_diags d;
    tw_file f;

    if (!read_one(c, sf->path, &f))
        return;
    tw_inventory_init(&inv, c->arena);
    tw_diags_init(&d);
    if (tw_inventory_parse(&inv, sf->path, f.data, f.len, kind, &d) == TW_EPARSE &&
        kind == TW_INV_CONFIG && inv.n == 0) {
        /* a configuration standing in for an inventory names no release:
         * not an error of the evidence; the summary counts it */
        c->no_release++;
        tw_diags_release(&d);
        tw_diags_init(&d);
    }
    for (size_t i = 0; i < inv.n; i++) {
        if (tw_exposure_device(e, &inv.v[i], &c->all) == TW_ENOMEM)
            c->internal = true;
        seen(c, tw_str_c(inv.v[i].hostname ? inv.v[i].hostname : ""));
    }
    if (tw_exposure_fleet(e, inv.v, inv.n, &c->all) == TW_ENOMEM)
        c->internal = true;
    diags_done(c, &d);
    tw_inventory_release(&inv);
    tw_file_release(&f);
}

static void run_engines(scan_ctx *c)
{
    tw_hunter *h = NULL;
    tw_exposure *e;
    tw_diags d;
    bool inventories = false;
    size_t first;

    for (size_t i = 0; i < c->nfiles; i++) {
        if (c->files[i].unread == NULL && c->files[i].ev.kind == TW_EV_CONFIG)
            audit_config(c, &c->files[i]);
        inventories |= c->files[i].unread == NULL && c->files[i].ev.kind == TW_EV_INVENTORY;
    }
    if (c->fleet != NULL && tw_fleet_outliers(c->fleet, &c->all) == TW_ENOMEM)
        c->internal = true;
    tw_hostmap_finish(c->hosts);
    tw_diags_init(&d);
    if (tw_hunter_new(c->rules, c->iocs, &h, &d) != TW_OK)
        c->internal = true;
    else
        tw_hunter_set_hosts(h, c->hosts);
    diags_done(c, &d);
    first = c->all.n;
    for (size_t i = 0; h != NULL && i < c->nfiles; i++) {
        if (c->files[i].unread == NULL &&
            (c->files[i].ev.kind == TW_EV_LOG || c->files[i].ev.kind == TW_EV_CAPTURE))
            hunt_log(c, h, &c->files[i]);
    }
    tw_hunter_free(h);
    tw_hostmap_name_devices(c->hosts, &c->all, first); /* a TACACS+ NAS: the router */
    e = tw_exposure_new(&(tw_exposure_opts){c->cves, c->kev, c->csaf, c->configs});
    for (size_t i = 0; e != NULL && i < c->nfiles; i++) {
        const scan_file *sf = &c->files[i];
        if (sf->unread == NULL && sf->ev.kind == TW_EV_INVENTORY)
            expose(c, e, sf, sf->ev.inventory);
        else if (sf->unread == NULL && sf->ev.kind == TW_EV_CONFIG && !inventories)
            expose(c, e, sf, TW_INV_CONFIG);
    }
    c->internal |= e == NULL;
    tw_exposure_free(e);
    tw_cli_progress_end(&c->progress);
}

/* ---- the summary --------------------------------------------------------------- */

typedef struct {
    const char *name;
    size_t n, sev[TW_SEV_CRITICAL + 1];
} tally;

/* Adds one to name's tally in v[*n] (at most cap names). */
static tally *count(tally *v, size_t *n, size_t cap, const char *name)
{
    for (size_t i = 0; i < *n; i++) {
        if (strcmp(v[i].name, name) == 0)
            return &v[i];
    }
    if (*n == cap)
        return NULL;
    v[*n].name = name;
    return &v[(*n)++];
}

static int by_weight(const void *x, const void *y)
{
    const tally *a = x, *b = y;

    for (int s = TW_SEV_CRITICAL; s >= TW_SEV_INFO; s--) {
        if (a->sev[s] != b->sev[s])
            return a->sev[s] > b->sev[s] ? -1 : 1;
    }
    return strcmp(a->name, b->name);
}

/* Writes s escaped for the terminal (names and paths come from the
 * evidence), cut to width characters and padded to them; width 0: whole. */
static void put_escaped(FILE *out, const char *s, size_t width)
{
    size_t n = 0, cut = 0;
    tw_buf b;

    tw_buf_init(&b, 0);
    if (tw_term_escape(&b, tw_str_c(s)) != TW_OK || b.ptr == NULL) {
        tw_buf_release(&b);
        fprintf(out, "%*s", (int)width, "?");
        return;
    }
    for (; cut < b.len && (width == 0 || n < width || (b.ptr[cut] & 0xc0) == 0x80); cut++)
        n += (b.ptr[cut] & 0xc0) != 0x80;
    fprintf(out, "%.*s%*s", (int)cut, b.ptr, (int)(width > n ? width - n : 0), "");
    tw_buf_release(&b);
}

static void print_tallies(FILE *out, const char *title, tally *v, size_t n, size_t top)
{
    if (n == 0)
        return;
    qsort(v, n, sizeof(*v), by_weight);
    fprintf(out, "\n%s\n", title);
    for (size_t i = 0; i < n && i < top; i++) {
        fputs("  ", out);
        put_escaped(out, v[i].name, 40);
        fprintf(out, " %5zu  (%zu critical, %zu high)\n", v[i].n, v[i].sev[TW_SEV_CRITICAL],
                v[i].sev[TW_SEV_HIGH]);
    }
}

/* "26 configurations, 2 logs, 1 inventory, 1 site policy, 1 not read":
 * the files of each kind that were read, then those that were not. */
static void print_kinds(FILE *out, const scan_ctx *c)
{
    static const struct {
        tw_evidence_kind kind;
        const char *one, *many;
    } kinds[] = {{TW_EV_CONFIG, "configuration", "configurations"},
                 {TW_EV_LOG, "log", "logs"},
                 {TW_EV_CAPTURE, "capture", "captures"},
                 {TW_EV_INVENTORY, "inventory", "inventories"},
                 {TW_EV_IOC, "indicator feed", "indicator feeds"},
                 {TW_EV_KEV, "KEV catalog", "KEV catalogs"},
                 {TW_EV_CSAF, "CSAF advisory", "CSAF advisories"},
                 {TW_EV_POLICY, "site policy", "site policies"}};
    size_t unread = 0, shown = 0;

    for (size_t i = 0; i < c->nfiles; i++)
        unread += c->files[i].unread != NULL;
    for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
        size_t n = 0;
        for (size_t i = 0; i < c->nfiles; i++)
            n += c->files[i].unread == NULL && c->files[i].ev.kind == kinds[k].kind;
        if (n > 0)
            fprintf(out, "%s%zu %s", shown++ ? ", " : "", n, n == 1 ? kinds[k].one : kinds[k].many);
    }
    if (unread > 0 || shown == 0)
        fprintf(out, "%s%zu not read", shown ? ", " : "", unread);
}

/* "32 files: 26 configurations, ..., 1 not read; 30 devices seen" */
static void print_files(FILE *out, scan_ctx *c)
{
    size_t seen_n = devices_seen(c);

    fprintf(out, "%zu file%s: ", c->nfiles, c->nfiles == 1 ? "" : "s");
    print_kinds(out, c);
    fprintf(out, "; %zu device%s seen", seen_n, seen_n == 1 ? "" : "s");
}

/* The HTML report's Evidence section: the files line and the files not
 * read (ev->unread is malloc'd; *line too, freed by the caller). */
static void html_evidence(scan_ctx *c, tw_evidence_summary *ev, char **line, tw_unread_file **v)
{
    size_t len = 0;
    FILE *m = open_memstream(line, &len);

    *v = calloc(c->nfiles + 1, sizeof(**v));
    if (m == NULL || *v == NULL) {
        if (m != NULL)
            fclose(m);
        c->internal = true;
        return;
    }
    print_files(m, c);
    fclose(m);
    for (size_t i = 0; i < c->nfiles; i++) {
        if (c->files[i].unread != NULL)
            (*v)[ev->nunread++] = (tw_unread_file){c->files[i].path, c->files[i].unread};
    }
    ev->files_line = *line;
    ev->unread = *v;
}

static void summary(scan_ctx *c, FILE *out)
{
    size_t bycat[TW__CAT_COUNT][TW_SEV_CRITICAL + 1] = {{0}}, nd = 0, ncve = 0, unread = 0;
    tally *dev = calloc(c->all.n + 1, sizeof(*dev)), *cve = calloc(c->all.n + 1, sizeof(*cve));

    if (dev == NULL || cve == NULL) {
        free(dev);
        free(cve);
        return;
    }
    for (size_t i = 0; i < c->all.n; i++) {
        const tw_finding *f = &c->all.v[i];
        tally *t = f->device ? count(dev, &nd, c->all.n, f->device) : NULL;
        bycat[f->category][f->severity]++;
        if (t != NULL) {
            t->n++;
            t->sev[f->severity]++;
        }
        t = f->cve && f->category == TW_CAT_EXPOSURE ? count(cve, &ncve, c->all.n, f->cve) : NULL;
        if (t != NULL) {
            t->n++;
            t->sev[f->severity]++;
        }
    }
    fputs("tidewatch scan: ", out);
    print_files(out, c);
    fprintf(out, ", %zu with findings\n", nd);
    fprintf(out, "\nfindings          critical   high medium    low   info\n");
    for (int k = 0; k < TW__CAT_COUNT; k++) {
        fprintf(out, "  %-14s", tw_category_name((tw_category)k));
        for (int s = TW_SEV_CRITICAL; s >= TW_SEV_INFO; s--)
            fprintf(out, " %6zu", bycat[k][s]);
        fputc('\n', out);
    }
    print_tallies(out, "most affected devices", dev, nd, 10);
    print_tallies(out, "exposure by CVE (devices)", cve, ncve, 20);
    if (c->no_release > 0)
        fprintf(out,
                "\n%zu configuration%s name%s no release, so %s exposure is not decided; "
                "an inventory decides it\n",
                c->no_release, c->no_release == 1 ? "" : "s", c->no_release == 1 ? "s" : "",
                c->no_release == 1 ? "its" : "their");
    for (size_t i = 0; i < c->nfiles; i++) {
        if (c->files[i].unread == NULL)
            continue;
        if (unread++ == 0)
            fprintf(out, "\nfiles not read\n");
        fputs("  ", out);
        put_escaped(out, c->files[i].path, 0);
        fprintf(out, ": %s\n", c->files[i].unread);
    }
    fputc('\n', out);
    free(dev);
    free(cve);
}

/* ---- the command ------------------------------------------------------------------ */

static int scan_option(void *ud, int opt, const char *arg)
{
    scan_ctx *c = ud;

    if (opt == 0x500)
        c->policy_file = arg;
    else if (opt == 0x501)
        c->no_fleet = true;
    else
        return 0;
    return 1;
}

/* The knowledge that does not come from the folder; false after saying
 * why. */
static bool setup(scan_ctx *c, bool *bad)
{
    tw_diags d;
    tw_file f;

    c->rules = tw_cli_load_rules(c->cli, c->o.rules_dir, bad);
    c->iocs = tw_iocset_new();
    c->policy = tw_policy_new();
    c->cves = tw_cvetab_new();
    c->kev = tw_kev_new();
    c->csaf = tw_csaf_new();
    c->configs = tw_config_set_new();
    c->hosts = tw_hostmap_new();
    c->fleet = c->no_fleet ? NULL : tw_fleet_new();
    c->arena = tw_arena_new(TW_LIMIT_ARENA);
    if (!c->rules || !c->iocs || !c->policy || !c->cves || !c->kev || !c->csaf || !c->configs ||
        !c->hosts || (!c->no_fleet && !c->fleet) || !c->arena)
        return false;
    tw_findings_init(&c->all, c->arena);
    if (getentropy(c->fp_key, sizeof(c->fp_key)) != 0)
        memset(c->fp_key, 0x5a, sizeof(c->fp_key));
    tw_diags_init(&d);
    *bad |= tw_cvetab_load_builtin(c->cves, &d) != TW_OK;
    if (!c->o.no_builtin_iocs)
        *bad |= tw_iocset_add_builtin(c->iocs) != TW_OK;
    for (size_t i = 0; i < c->o.niocs; i++) {
        if (read_one(c, c->o.iocs[i], &f)) {
            *bad |= tw_iocset_load(c->iocs, c->o.iocs[i], f.data, f.len, &d) != TW_OK;
            tw_file_release(&f);
        }
    }
    if (c->policy_file != NULL && read_one(c, c->policy_file, &f)) {
        *bad |= tw_policy_load(c->policy, c->policy_file, f.data, f.len, &d) != TW_OK;
        tw_file_release(&f);
    }
    diags_done(c, &d);
    return true;
}

static void teardown(scan_ctx *c)
{
    for (size_t i = 0; i < c->nfiles; i++)
        free(c->files[i].path);
    free(c->files);
    free(c->devices);
    tw_findings_release(&c->all);
    tw_fleet_free(c->fleet);
    tw_config_set_free(c->configs);
    tw_hostmap_free(c->hosts);
    tw_csaf_free(c->csaf);
    tw_kev_free(c->kev);
    tw_cvetab_free(c->cves);
    tw_policy_free(c->policy);
    tw_iocset_free(c->iocs);
    tw_ruleset_free(c->rules);
    tw_arena_free(c->arena);
    tw_common_release(&c->o);
}

int cmd_scan(int argc, char **argv, tw_cli *cli)
{
    static const struct option longopts[] = {TW_COMMON_LONGOPTS,
                                             {"policy", required_argument, NULL, 0x500},
                                             {"no-fleet", no_argument, NULL, 0x501},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    static const tw_cli_command cmd = {usage, TW_COMMON_SHORTOPTS "h", longopts, NULL, scan_option,
                                       NULL};
    scan_ctx c = {.cli = cli};
    tw_paths paths = {0};
    tw_cli_run run = {0};
    tw_evidence_summary ev = {0};
    tw_unread_file *ev_files = NULL;
    char *ev_line = NULL;
    size_t missing = 0;
    bool tty, bad = false;
    FILE *out = NULL;
    int status;

    tw_common_init(&c.o);
    status = tw_cli_options(cli, &c.o, &cmd, argc, argv, &c);
    if (status < 0 && optind >= argc) {
        tw_cli_error(cli, "scan needs a file or folder");
        fputs(usage, stderr);
        status = TW_EXIT_USAGE;
    }
    if (status >= 0)
        goto out;
    if (!setup(&c, &bad)) {
        tw_cli_error(cli, "%s", tw_strerror(TW_ENOMEM));
        status = TW_EXIT_INTERNAL;
        goto out;
    }
    tw_paths_collect(cli, argv + optind, argc - optind, &paths, &missing);
    classify(&c, &paths);
    if (tw_iocset_finish(c.iocs) != TW_OK)
        bad = true;
    run_engines(&c);
    out = tw_cli_open_output(cli, &c.o, &tty);
    if (out == NULL || !tw_cli_run_start(cli, &c.o, &run, out, tty, c.rules)) {
        status = out == NULL ? TW_EXIT_USAGE : TW_EXIT_INTERNAL;
        goto out;
    }
    if (c.o.format == TW_FMT_HTML) {
        html_evidence(&c, &ev, &ev_line, &ev_files);
        tw_writer_set_evidence(run.writer, &ev);
    }
    summary(&c, c.o.format == TW_FMT_TEXT && !c.o.quiet ? out : stderr);
    tw_cli_run_findings(&c.o, &run, &c.all);
    tw_cli_run_finish(&c.o, &run);
    run.internal_error |= c.internal;
    status = tw_cli_run_status(&run, bad || c.bad || missing > 0);
out:
    if (out != NULL && out != stdout)
        fclose(out);
    else if (out == stdout && fflush(stdout) != 0)
        status = TW_EXIT_INTERNAL;
    tw_paths_release(&paths);
    free(ev_files);
    free(ev_line);
    teardown(&c);
    return status;
}
