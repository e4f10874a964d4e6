/*
 * cmd_diff.c: "tidewatch diff": what changed between two snapshots of
 * device configurations, by security meaning (drift.h, docs/diff.md).
 *
 * OLD and NEW are two files, compared with each other, or two folders,
 * whose configurations are paired by hostname (by file name when a
 * configuration has none); a device on one side only is one finding.
 * With --git REPO the history of a RANCID or Oxidized repository is walked
 * instead, oldest commit first: every configuration a commit modified is
 * compared with its version in the commit's parent, one it added or
 * deleted is a device that joined or left, and each finding says which
 * commit and when.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <tidewatch/drift.h>
#include <tidewatch/siphash.h>

#include "cli.h"

static const char usage[] =
    "usage: tidewatch diff [options] OLD NEW\n"
    "       tidewatch diff [options] --git REPO [--since DATE]\n"
    "\n"
    "Report what changed between two configurations (files), or two snapshots\n"
    "of a fleet (folders, devices paired by hostname), by what the change\n"
    "means: a new ACL permit, local administrator, tunnel or mirror session, a\n"
    "removed logging host... Cosmetic changes give nothing.  With --git, walk the\n"
    "history of a RANCID or Oxidized repository and report each change with its\n"
    "commit and time.\n"
    "\n" TW_USAGE_OUTPUT_OPTIONS TW_USAGE_IOC_OPTIONS
    "      --git REPO         compare each commit of REPO with its parent\n"
    "      --since DATE       with --git: commits since DATE (as git log takes it,\n"
    "                         e.g. 2025-01-31 or '2 weeks ago')\n"
    "      --dialect D        skip detection: ios, ios-xe, nx-os, ios-xr, junos, eos, asa,\n"
    "                         pan-os\n"
    "  -v, --verbose          list files skipped as not configurations\n"
    "  -h, --help             show this help\n"
    "\n"
    "Exit status: 0 no finding at or above --fail-on, 1 findings at or above it,\n"
    "2 usage error, 3 an input could not be processed, 4 internal error.\n";

/* One configuration of one side. */
typedef struct {
    char *path;
    char *key; /* the hostname, lower-case; the file's base name without one */
    tw_arena *arena;
    tw_factset fs;
    bool paired;
} snap;

typedef struct {
    tw_cli *cli;
    tw_common_opts o;
    const char *git, *since;
    tw_iocset *iocs;
    unsigned char fp_key[TW_SIPHASH_KEY];
    tw_cli_run run;
    tw_cli_progress progress; /* only when the findings do not go to the terminal */
    bool tty;                 /* they do */
    tw_cli_git_cat *cat;      /* --git: blobs come from one git cat-file --batch */
    bool bad;                 /* exit status 3 */
    bool internal;            /* exit status 4 */
} diff_ctx;

static void snap_release(snap *s)
{
    tw_factset_release(&s->fs);
    tw_arena_free(s->arena);
    free(s->path);
    free(s->key);
    memset(s, 0, sizeof(*s));
}

/* The pairing key of a parsed configuration. */
static char *snap_key(const snap *s)
{
    const char *base = strrchr(s->path, '/');
    tw_str h = s->fs.hostname;
    char *k;

    if (h.len == 0)
        h = tw_str_c(base != NULL ? base + 1 : s->path);
    k = strndup(h.ptr, h.len);
    for (char *c = k; c != NULL && *c != '\0'; c++) {
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    }
    return k;
}

/* Parses data (read from label) into s.  False when it is no
 * configuration: said (and *bad set) when named, in verbose mode else. */
static bool parse_snap(diff_ctx *c, const char *label, const char *data, size_t len, bool named,
                       bool quiet, snap *s)
{
    tw_dialect dl = c->o.dialect;
    bool binary = tw_looks_binary(data, len);
    tw_diags d;
    tw_err rc;

    memset(s, 0, sizeof(*s));
    if (dl == TW_DIALECT_UNKNOWN && !binary)
        dl = tw_dialect_detect(data, len);
    if (binary || !tw_config_supported(dl)) {
        if (quiet) {
            /* said when the file was read the first time */
        } else if (named) {
            tw_cli_error(c->cli, "%s: not a configuration tidewatch parses", label);
            c->bad = true;
        } else if (c->o.verbose) {
            tw_cli_warn(c->cli, "%s: not a device configuration; skipped", label);
        }
        return false;
    }
    s->arena = tw_arena_new(TW_LIMIT_ARENA);
    s->path = strdup(label);
    if (s->arena == NULL || s->path == NULL) {
        c->internal = true;
        snap_release(s);
        return false;
    }
    tw_factset_init(&s->fs, s->arena);
    s->fs.fp_key = c->fp_key; /* one key for both sides: communities compare */
    tw_diags_init(&d);
    rc = tw_config_parse(label, data, len, dl, &s->fs, &d);
    if (!quiet)
        c->bad |=
            tw_cli_print_diags(c->cli, &d, !c->o.quiet) > 0 || (rc != TW_OK && rc != TW_ENOMEM);
    c->internal |= rc == TW_ENOMEM;
    tw_diags_release(&d);
    s->key = snap_key(s);
    if (s->key == NULL || rc == TW_ENOMEM) {
        c->internal = true;
        snap_release(s);
        return false;
    }
    return true;
}

static bool read_snap(diff_ctx *c, const char *path, bool named, bool quiet, snap *s)
{
    tw_file f;
    tw_err rc = tw_file_read(path, TW_LIMIT_FILE_SIZE, &f);
    bool ok;

    if (rc != TW_OK) {
        if (!quiet)
            tw_cli_error(c->cli, "%s: cannot read: %s", path, tw_strerror(rc));
        c->bad = true;
        c->internal |= rc == TW_ENOMEM;
        return false;
    }
    ok = parse_snap(c, path, f.data, f.len, named, quiet, s);
    tw_file_release(&f);
    return ok;
}

/* Writes the findings of one comparison. */
static void write_findings(diff_ctx *c, tw_findings *fl, tw_err rc)
{
    tw_diags d;

    tw_diags_init(&d);
    if (rc == TW_ELIMIT)
        tw_diags_add(&d, TW_DIAG_ERROR, rc, NULL, 0, 0, NULL, "too many changes: %s",
                     tw_strerror(rc));
    tw_cli_run_input(c->cli, &c->o, &c->run, fl, &d, rc == TW_ELIMIT, rc == TW_ENOMEM);
}

static tw_drift_opts drift_opts(const diff_ctx *c)
{
    tw_drift_opts o = {.iocs = c->iocs};

    return o;
}

/* Compares b with a (either may be NULL: a device on one side only). */
static void compare(diff_ctx *c, const tw_drift_opts *o, const snap *b, const snap *a)
{
    tw_arena *ar = tw_arena_new(TW_LIMIT_ARENA);
    tw_findings fl;
    tw_err rc;

    if (ar == NULL) {
        c->internal = true;
        return;
    }
    tw_findings_init(&fl, ar);
    if (b != NULL && a != NULL)
        rc = tw_drift_diff(o, b->path, &b->fs, a->path, &a->fs, &fl);
    else
        rc = tw_drift_device(o, a ? a->path : b->path, a ? &a->fs : &b->fs, a != NULL, &fl);
    write_findings(c, &fl, rc);
    tw_arena_free(ar);
}

static int key_cmp(const void *x, const void *y)
{
    return strcmp(((const snap *)x)->key, ((const snap *)y)->key);
}

/* Frees a configuration's facts, keeping its path and key: a fleet's facts
 * do not all fit in memory at once. */
static void unload(snap *s)
{
    tw_factset_release(&s->fs);
    tw_arena_free(s->arena);
    s->arena = NULL;
}

/* Reads every configuration under path (a folder) into *out, sorted by
 * key, their facts unloaded; returns their number. */
static size_t read_side(diff_ctx *c, const char *path, snap **out)
{
    char *ops[1] = {(char *)path};
    tw_paths p = {0};
    size_t missing = 0, n = 0;
    snap *v;

    tw_paths_collect(c->cli, ops, 1, &p, &missing);
    c->bad |= missing > 0;
    v = calloc(p.n + 1, sizeof(*v));
    if (v == NULL)
        c->internal = true;
    for (size_t i = 0; v != NULL && i < p.n; i++) {
        if (read_snap(c, p.v[i], p.named[i], false, &v[n]))
            unload(&v[n++]); /* its path and key are enough until it is compared */
    }
    tw_paths_release(&p);
    if (v != NULL)
        qsort(v, n, sizeof(*v), key_cmp);
    *out = v;
    return n;
}

/* Reads (again, quietly: said the first time) and compares the
 * configurations at bpath and apath (either may be NULL). */
static void compare_paths(diff_ctx *c, const tw_drift_opts *o, const char *bpath, const char *apath)
{
    snap b = {0}, a = {0};
    bool okb = bpath != NULL && read_snap(c, bpath, true, true, &b);
    bool oka = apath != NULL && read_snap(c, apath, true, true, &a);

    if (okb || oka)
        compare(c, o, okb ? &b : NULL, oka ? &a : NULL);
    if (okb)
        snap_release(&b);
    if (oka)
        snap_release(&a);
}

/* Two folders: the devices paired by key, in NEW's order. */
static void diff_folders(diff_ctx *c, const char *old, const char *new)
{
    tw_drift_opts o = drift_opts(c);
    snap *bv = NULL, *av = NULL;
    size_t nb = read_side(c, old, &bv), na = read_side(c, new, &av), npairs = 0;
    snap **pair = calloc(na + 1, sizeof(*pair)); /* av[j]'s device in OLD, or NULL */

    c->internal |= pair == NULL;
    for (size_t j = 0; pair != NULL && j < na; j++) {
        snap *b = bsearch(&av[j], bv, nb, sizeof(*bv), key_cmp);
        /* several files of one hostname: pair the first free one */
        while (b != NULL && b > bv && strcmp(b[-1].key, av[j].key) == 0)
            b--;
        while (b != NULL && b->paired && b + 1 < bv + nb && strcmp(b[1].key, av[j].key) == 0)
            b++;
        if (b != NULL && !b->paired) {
            b->paired = true;
            pair[j] = b;
            npairs++;
        }
    }
    tw_cli_progress_start(c->cli, &c->progress, c->o.quiet || c->tty, na + nb - npairs);
    for (size_t j = 0; pair != NULL && j < na; j++) {
        tw_cli_progress_step(&c->progress, av[j].path);
        compare_paths(c, &o, pair[j] ? pair[j]->path : NULL, av[j].path);
    }
    for (size_t i = 0; pair != NULL && i < nb; i++) {
        if (!bv[i].paired) {
            tw_cli_progress_step(&c->progress, bv[i].path);
            compare_paths(c, &o, bv[i].path, NULL);
        }
    }
    tw_cli_progress_end(&c->progress);
    for (size_t i = 0; bv != NULL && i < nb; i++)
        snap_release(&bv[i]);
    for (size_t i = 0; av != NULL && i < na; i++)
        snap_release(&av[i]);
    free(pair);
    free(bv);
    free(av);
}

static bool is_dir(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static void diff_paths(diff_ctx *c, const char *old, const char *new)
{
    tw_drift_opts o = drift_opts(c);
    snap b, a;

    if (is_dir(old) != is_dir(new)) {
        tw_cli_error(c->cli, "%s and %s: compare two files or two folders", old, new);
        c->bad = true;
        return;
    }
    if (is_dir(old)) {
        diff_folders(c, old, new);
        return;
    }
    if (read_snap(c, old, true, false, &b)) {
        if (read_snap(c, new, true, false, &a)) {
            compare(c, &o, &b, &a);
            snap_release(&a);
        }
        snap_release(&b);
    }
}

/* ---- --git ---------------------------------------------------------------- */

/* The blob REV:PATH of the repository (REV a commit id, with "^" for its
 * parent) into buf, from the running `git cat-file --batch` (or from one
 * `git show` when it cannot be asked); false when there is no such file or
 * git fails, and with a message when the file is larger than the cap. */
static bool git_show(diff_ctx *c, const char *rev, bool parent, const char *path, tw_buf *buf)
{
    size_t n = strlen(rev) + strlen(path) + 3;
    char *spec = malloc(n);
    char *argv[] = {"git", "-C", (char *)c->git, "show", "--no-textconv", spec, NULL};
    bool cut = false, ok;
    int r = -1;

    if (spec == NULL) {
        c->internal = true;
        return false;
    }
    snprintf(spec, n, "%s%s:%s", rev, parent ? "^" : "", path);
    if (c->cat != NULL)
        r = tw_cli_git_cat_get(c->cat, spec, buf, &cut);
    ok = r >= 0 ? r == 1 : tw_cli_git(argv, buf, &cut) == 0;
    if (ok && cut) {
        tw_cli_error(c->cli, "%s: %s: larger than %zu bytes; not compared", c->git, spec,
                     (size_t)TW_LIMIT_FILE_SIZE);
        c->bad = true;
    }
    free(spec);
    return ok && !cut;
}

/* Compares the versions of one file before and after one commit; status
 * is git's letter: 'M' modified, 'A' added (a device joins), 'D' deleted
 * (a device leaves). */
static void git_file(diff_ctx *c, const tw_drift_opts *o, char status, const char *path, tw_buf *bb,
                     tw_buf *ab)
{
    snap b, a;
    bool okb = status != 'A' && git_show(c, o->commit, true, path, bb) &&
               parse_snap(c, path, bb->ptr, bb->len, false, false, &b);
    bool oka = status != 'D' && git_show(c, o->commit, false, path, ab) &&
               parse_snap(c, path, ab->ptr, ab->len, false, false, &a);

    if (status == 'M' ? okb && oka : okb || oka)
        compare(c, o, okb ? &b : NULL, oka ? &a : NULL);
    if (okb)
        snap_release(&b);
    if (oka)
        snap_release(&a);
}

/* An ISO 8601 UTC time from seconds since the epoch, in out[32]. */
static const char *iso_time(tw_str epoch, char *out)
{
    struct tm tm;
    int64_t t;
    time_t tt;

    if (!tw_str_to_i64(epoch, &t))
        return NULL;
    tt = (time_t)t;
    if (gmtime_r(&tt, &tm) == NULL || strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        return NULL;
    return out;
}

/* The next NUL-terminated field of `git log -z` output at *rest. */
static bool z_field(tw_str *rest, tw_str *f)
{
    const char *nul;

    if (rest->len == 0)
        return false;
    nul = memchr(rest->ptr, '\0', rest->len);
    *f = tw_str_make(rest->ptr, nul ? (size_t)(nul - rest->ptr) : rest->len);
    *rest = nul ? tw_str_make(nul + 1, rest->len - f->len - 1) : tw_str_make(rest->ptr, 0);
    return true;
}

/* One commit's header "\x01HASH\tPARENTS\tTIME\tAUTHOR" into o; false when
 * it is not one. *root: the commit has no parent. */
static bool git_header(diff_ctx *c, tw_str h, tw_drift_opts *o, char when[32], bool *root)
{
    tw_str f[4];
    size_t nf = 0;

    if (h.len > 0 && h.ptr[0] == '\n') /* the end of the previous commit's file list */
        h = tw_str_make(h.ptr + 1, h.len - 1);
    if (h.len == 0 || h.ptr[0] != '\x01')
        return false;
    for (tw_str t = tw_str_make(h.ptr + 1, h.len - 1); nf < 4;) {
        const char *tab = nf < 3 ? memchr(t.ptr, '\t', t.len) : NULL;
        f[nf++] = tw_str_make(t.ptr, tab ? (size_t)(tab - t.ptr) : t.len);
        if (!tab)
            break;
        t = tw_str_make(tab + 1, t.len - (size_t)(tab + 1 - t.ptr));
    }
    if (nf < 4 || f[0].len == 0 || f[0].len >= 64)
        return false;
    free((char *)o->commit);
    free((char *)o->author);
    o->commit = strndup(f[0].ptr, f[0].len);
    o->author = strndup(f[3].ptr, f[3].len < 255 ? f[3].len : 255);
    o->commit_time = iso_time(f[2], when);
    *root = f[1].len == 0;
    c->internal |= o->commit == NULL || o->author == NULL;
    return o->commit != NULL && o->author != NULL;
}

/* Commits in `git log` output: headers start with \x01. */
static size_t count_commits(tw_str log)
{
    size_t n = 0;

    for (const char *p = log.ptr; (p = memchr(p, '\x01', (size_t)(log.ptr + log.len - p))); p++)
        n++;
    return n;
}

/* Walks `git log -z --name-status`: per commit, a header (git_header), then
 * pairs of fields STATUS, PATH for each file it touched; paths come
 * unquoted whatever they hold.  --no-renames turns a rename into a
 * deletion and an addition.  The first commit of a history only sets the
 * baseline: its additions are not changes. */
static void diff_git(diff_ctx *c)
{
    char since[512];
    /* colours and signatures off, whatever the user's git configuration
     * says: the output is parsed */
    char *argv[] = {"git",
                    "-c",
                    "color.ui=never",
                    "-c",
                    "log.showSignature=false",
                    "-C",
                    (char *)c->git,
                    "log",
                    "-z",
                    "--reverse",
                    "--no-merges",
                    "--no-renames",
                    "--format=%x01%H%x09%P%x09%ct%x09%an",
                    "--name-status",
                    NULL,
                    NULL};
    tw_buf log, bb, ab;
    bool cut, root = false, have = false;
    int st;
    tw_str rest, f, path;
    tw_drift_opts o = drift_opts(c);
    char when[32];

    if (c->since != NULL) {
        snprintf(since, sizeof(since), "--since=%s", c->since);
        argv[14] = since;
    }
    tw_buf_init(&log, TW_LIMIT_FILE_SIZE);
    tw_buf_init(&bb, TW_LIMIT_FILE_SIZE);
    tw_buf_init(&ab, TW_LIMIT_FILE_SIZE);
    st = tw_cli_git(argv, &log, &cut);
    if (st != 0 || cut) {
        tw_cli_error(c->cli, "%s: %s", c->git,
                     st < 0 ? "cannot run git (is it installed?)"
                     : cut  ? "the history is too long to read at once; use --since"
                            : "not a git repository, or git log failed");
        c->bad = true;
        goto out;
    }
    rest = tw_buf_str(&log);
    c->cat = tw_cli_git_cat_new(c->git); /* without it, one git show per blob */
    tw_cli_progress_start(c->cli, &c->progress, c->o.quiet || c->tty, count_commits(rest));
    while (z_field(&rest, &f)) {
        if (git_header(c, f, &o, when, &root)) {
            have = true;
            tw_cli_progress_step(&c->progress, o.commit);
            continue;
        }
        if (f.len > 0 && f.ptr[0] == '\n')
            f = tw_str_make(f.ptr + 1, f.len - 1);
        if (!z_field(&rest, &path) || !have || f.len != 1 || path.len == 0)
            continue; /* a malformed record: skip to the next field */
        if (f.ptr[0] != 'M' && f.ptr[0] != 'A' && f.ptr[0] != 'D')
            continue; /* a type change (file to link) is not a configuration change */
        if (root && f.ptr[0] == 'A')
            continue;
        char *p = strndup(path.ptr, path.len);
        if (p == NULL) {
            c->internal = true;
            break;
        }
        git_file(c, &o, f.ptr[0], p, &bb, &ab);
        free(p);
    }
    tw_cli_progress_end(&c->progress);
out:
    tw_cli_git_cat_free(c->cat);
    c->cat = NULL;
    free((char *)o.commit);
    free((char *)o.author);
    tw_buf_release(&log);
    tw_buf_release(&bb);
    tw_buf_release(&ab);
}

/* ---- the command ------------------------------------------------------------ */

/* --git and --since (tw_cli_command's option). */
static int diff_option(void *ud, int opt, const char *arg)
{
    diff_ctx *c = ud;

    if (opt == 0x300)
        c->git = arg;
    else if (opt == 0x301)
        c->since = arg;
    else
        return 0;
    return 1;
}

int cmd_diff(int argc, char **argv, tw_cli *cli)
{
    static const struct option longopts[] = {{"format", required_argument, NULL, 'f'},
                                             {"output", required_argument, NULL, 'o'},
                                             {"fail-on", required_argument, NULL, 0x100},
                                             {"quiet", no_argument, NULL, 'q'},
                                             {"no-color", no_argument, NULL, 0x101},
                                             {"ioc", required_argument, NULL, 0x102},
                                             {"no-builtin-iocs", no_argument, NULL, 0x103},
                                             {"dialect", required_argument, NULL, 0x105},
                                             {"verbose", no_argument, NULL, 'v'},
                                             {"git", required_argument, NULL, 0x300},
                                             {"since", required_argument, NULL, 0x301},
                                             {"help", no_argument, NULL, 'h'},
                                             {NULL, 0, NULL, 0}};
    static const tw_cli_command cmd = {usage, "f:o:qvh", longopts, NULL, diff_option, NULL};
    diff_ctx c = {.cli = cli};
    FILE *out = NULL;
    bool tty, bad_iocs = false;
    int status;

    tw_common_init(&c.o);
    status = tw_cli_options(cli, &c.o, &cmd, argc, argv, &c);
    if (status >= 0)
        goto out;
    status = TW_EXIT_USAGE;
    if ((c.git != NULL) != (argc - optind == 0) || (c.git == NULL && argc - optind != 2) ||
        (c.since != NULL && c.git == NULL)) {
        tw_cli_error(cli, c.git != NULL     ? "--git takes no OLD and NEW"
                          : c.since != NULL ? "--since needs --git"
                                            : "diff needs OLD and NEW");
        fputs(usage, stderr);
        goto out;
    }
    if (getentropy(c.fp_key, sizeof(c.fp_key)) != 0)
        memset(c.fp_key, 0x5a, sizeof(c.fp_key)); /* communities still compare within the run */
    c.iocs = tw_cli_load_iocs(cli, &c.o, &bad_iocs);
    if (c.iocs == NULL) {
        status = TW_EXIT_INPUT;
        goto out;
    }
    out = tw_cli_open_output(cli, &c.o, &tty);
    c.tty = tty;
    if (out == NULL || !tw_cli_run_start(cli, &c.o, &c.run, out, tty, NULL)) {
        status = out == NULL ? TW_EXIT_USAGE : TW_EXIT_INTERNAL;
        goto out;
    }
    if (c.git != NULL)
        diff_git(&c);
    else
        diff_paths(&c, argv[optind], argv[optind + 1]);
    tw_cli_run_finish(&c.o, &c.run);
    c.run.internal_error |= c.internal;
    status = tw_cli_run_status(&c.run, c.bad || bad_iocs);
out:
    if (out != NULL && out != stdout && fclose(out) != 0)
        status = TW_EXIT_INTERNAL;
    else if (out == stdout && fflush(stdout) != 0)
        status = TW_EXIT_INTERNAL;
    tw_iocset_free(c.iocs);
    tw_common_release(&c.o);
    return status;
}
