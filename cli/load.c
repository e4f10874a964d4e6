/*
 * load.c: builds the knowledge a run needs from files the user names: the
 * rule set (built-in packs plus --rules DIR) and the indicator set
 * (built-in advisory indicators plus --ioc files).
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int cmp_cstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static tw_err load_rule_file(const tw_cli *cli, tw_ruleset *rs, const char *path, tw_diags *d)
{
    tw_file f;
    tw_err rc = tw_file_read(path, TW_LIMIT_RULE_FILE, &f);

    if (rc != TW_OK) {
        tw_cli_error(cli, "%s: %s", path, tw_strerror(rc));
        return rc;
    }
    rc = tw_ruleset_load(rs, path, f.data, f.len, d);
    tw_file_release(&f);
    return rc;
}

/* --rules DIR: every *.yaml / *.yml in it, in name order; a file is also
 * accepted in place of the folder. */
static bool load_rules_dir(const tw_cli *cli, tw_ruleset *rs, const char *dir, tw_diags *d)
{
    tw_paths p = {0};
    size_t bad = 0;
    char *ops[1] = {(char *)dir};
    bool ok = true;

    tw_paths_collect(cli, ops, 1, &p, &bad);
    for (size_t i = 0; i < p.n; i++) {
        if (!p.named[i] && !has_suffix(p.v[i], ".yaml") && !has_suffix(p.v[i], ".yml"))
            continue;
        if (load_rule_file(cli, rs, p.v[i], d) != TW_OK)
            ok = false;
    }
    tw_paths_release(&p);
    return ok && bad == 0;
}

tw_ruleset *tw_cli_load_rules(const tw_cli *cli, const char *dir, bool *bad)
{
    tw_diags d;
    tw_ruleset *rs = tw_ruleset_new();

    tw_diags_init(&d);
    if (!rs) {
        tw_cli_error(cli, "%s", tw_strerror(TW_ENOMEM));
        return NULL;
    }
    if (tw_ruleset_load_builtin(rs, &d) != TW_OK)
        *bad = true;
    if (dir && !load_rules_dir(cli, rs, dir, &d))
        *bad = true;
    if (tw_ruleset_finish(rs, &d) != TW_OK)
        *bad = true;
    if (tw_cli_print_diags(cli, &d, true))
        *bad = true;
    tw_diags_release(&d);
    return rs;
}

tw_iocset *tw_cli_load_iocs(const tw_cli *cli, const tw_common_opts *o, bool *bad)
{
    tw_diags d;
    tw_iocset *s = tw_iocset_new();

    tw_diags_init(&d);
    if (!s) {
        tw_cli_error(cli, "%s", tw_strerror(TW_ENOMEM));
        return NULL;
    }
    if (!o->no_builtin_iocs && tw_iocset_add_builtin(s) != TW_OK)
        *bad = true;
    for (size_t i = 0; i < o->niocs; i++) {
        tw_file f;
        tw_err rc = tw_file_read(o->iocs[i], TW_LIMIT_IOC_FILE, &f);

        if (rc != TW_OK) {
            tw_cli_error(cli, "%s: %s", o->iocs[i], tw_strerror(rc));
            *bad = true;
            continue;
        }
        if (tw_iocset_load(s, o->iocs[i], f.data, f.len, &d) != TW_OK)
            *bad = true;
        tw_file_release(&f);
    }
    if (tw_iocset_finish(s) != TW_OK)
        *bad = true;
    if (tw_cli_print_diags(cli, &d, true))
        *bad = true;
    tw_diags_release(&d);
    return s;
}

/* Folder walking. */

static tw_err paths_push(tw_paths *p, const char *path, bool named)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 64;
        char **v = realloc(p->v, cap * sizeof(*v));
        bool *nm;

        if (!v)
            return TW_ENOMEM;
        p->v = v;
        nm = realloc(p->named, cap * sizeof(*nm));
        if (!nm)
            return TW_ENOMEM;
        p->named = nm;
        p->cap = cap;
    }
    p->v[p->n] = strdup(path);
    if (!p->v[p->n])
        return TW_ENOMEM;
    p->named[p->n++] = named;
    return TW_OK;
}

static char *join_path(const char *dir, const char *name)
{
    size_t n = strlen(dir);
    bool slash = n > 0 && dir[n - 1] == '/';
    char *s = malloc(n + strlen(name) + 2);

    if (s)
        snprintf(s, n + strlen(name) + 2, "%s%s%s", dir, slash ? "" : "/", name);
    return s;
}

static void walk_dir(const tw_cli *cli, const char *dir, int depth, tw_paths *out, size_t *bad);

static void walk_entry(const tw_cli *cli, const char *path, int depth, tw_paths *out, size_t *bad)
{
    struct stat st;

    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode))
        walk_dir(cli, path, depth + 1, out, bad);
    else if (S_ISREG(st.st_mode))
        paths_push(out, path, false);
}

static void walk_dir(const tw_cli *cli, const char *dir, int depth, tw_paths *out, size_t *bad)
{
    DIR *d;
    struct dirent *e;
    char **names = NULL;
    size_t n = 0, cap = 0;

    if (depth > TW_LIMIT_DIR_DEPTH) {
        tw_cli_error(cli, "%s: folders nested too deep; skipped", dir);
        (*bad)++;
        return;
    }
    d = opendir(dir);
    if (!d) {
        tw_cli_error(cli, "%s: cannot open folder: %s", dir, strerror(errno));
        (*bad)++;
        return;
    }
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 32;
            char **v = realloc(names, ncap * sizeof(*v));
            if (!v)
                break;
            names = v;
            cap = ncap;
        }
        names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, n, sizeof(*names), cmp_cstr);
    for (size_t i = 0; i < n; i++) {
        char *path = names[i] ? join_path(dir, names[i]) : NULL;
        if (path)
            walk_entry(cli, path, depth, out, bad);
        free(path);
        free(names[i]);
    }
    free(names);
}

void tw_paths_collect(const tw_cli *cli, char **operands, int n, tw_paths *out, size_t *bad)
{
    for (int i = 0; i < n; i++) {
        struct stat st;

        if (strcmp(operands[i], "-") == 0) {
            paths_push(out, "-", true);
            continue;
        }
        if (stat(operands[i], &st) != 0) {
            tw_cli_error(cli, "%s: %s", operands[i], strerror(errno));
            (*bad)++;
            continue;
        }
        if (S_ISDIR(st.st_mode))
            walk_dir(cli, operands[i], 0, out, bad);
        else
            paths_push(out, operands[i], true);
    }
}

void tw_paths_release(tw_paths *p)
{
    for (size_t i = 0; i < p->n; i++)
        free(p->v[i]);
    free(p->v);
    free(p->named);
    memset(p, 0, sizeof(*p));
}

bool tw_cli_parse_config(const tw_cli *cli, const char *path, bool warn, tw_factset *fs, bool *bad)
{
    bool in = strcmp(path, "-") == 0;
    tw_dialect dialect;
    tw_diags d;
    tw_file f;
    tw_err rc = tw_file_read(in ? "/dev/stdin" : path, TW_LIMIT_FILE_SIZE, &f);

    if (rc != TW_OK) {
        tw_cli_error(cli, "%s: cannot read: %s", path, tw_strerror(rc));
        *bad = true;
        return false;
    }
    dialect =
        tw_looks_binary(f.data, f.len) ? TW_DIALECT_UNKNOWN : tw_dialect_detect(f.data, f.len);
    if (!tw_config_supported(dialect)) {
        if (warn)
            tw_cli_warn(cli, "%s: not a configuration tidewatch reads; skipped", path);
        tw_file_release(&f);
        return false;
    }
    tw_diags_init(&d);
    rc = tw_config_parse(path, f.data, f.len, dialect, fs, &d);
    tw_cli_print_diags(cli, &d, false);
    tw_diags_release(&d);
    tw_file_release(&f);
    *bad |= rc != TW_OK;
    return rc == TW_OK;
}
