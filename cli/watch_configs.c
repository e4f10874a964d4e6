/*
 * watch_configs.c: the backup folder of "tidewatch watch --configs DIR".
 *
 * Every folder under DIR is watched with inotify (new folders as they
 * appear); a configuration written (closed after writing) or moved in is
 * read, parsed with the store's fingerprint key, and compared with the
 * device's last snapshot in the store: an unchanged configuration (same
 * content hash) does nothing; a changed one is audited, its drift from
 * the snapshot reported (drift.h), and becomes the device's snapshot.  At
 * start every configuration already there is read the same way, so that
 * changes made while watch was not running are reported, and a device
 * seen for the first time gets its snapshot (its first audit's findings
 * are stored and shown).  Audit findings are filed in the store under the
 * device ("audit:KEY"), so a problem fixed in a later version is resolved;
 * of them, only those the store had not seen open are shown again.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <tidewatch/drift.h>
#include <tidewatch/siphash.h>

#include "watch.h"

#define IN_MASK (IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE_SELF | IN_ONLYDIR)

/* The device key of a parsed configuration: its hostname, lower-case, or
 * its file's base name. */
static char *device_key(const tw_factset *fs, const char *path)
{
    const char *base = strrchr(path, '/');
    tw_str h = fs->hostname.len > 0 ? fs->hostname : tw_str_c(base ? base + 1 : path);
    char *k = strndup(h.ptr, h.len > 255 ? 255 : h.len);

    for (char *c = k; c != NULL && *c != '\0'; c++) {
        if (*c >= 'A' && *c <= 'Z')
            *c = (char)(*c - 'A' + 'a');
    }
    return k;
}

/* The content hash: a SipHash keyed with the store's key, as hex. */
static void content_hash(const watch_ctx *w, const char *data, size_t len, char out[33])
{
    uint64_t h = tw_siphash(tw_store_fp_key(w->store), data, len);

    snprintf(out, 33, "%016llx", (unsigned long long)h);
}

/* Audits data and compares it with the device's last snapshot. */
static void process(watch_ctx *w, const char *path, const char *data, size_t len)
{
    tw_arena *a = tw_arena_new(TW_LIMIT_ARENA);
    tw_dialect dl = w->o.dialect;
    tw_factset now, last;
    tw_findings fl, drift;
    tw_diags d;
    char hash[33], scope[300];
    char *key = NULL;
    bool found = false, unchanged = false;
    tw_store_snapshot_info info;
    tw_audit_opts ao = {.rules = w->rules, .iocs = w->iocs, .fp_key = tw_store_fp_key(w->store)};
    tw_drift_opts dro = {.iocs = w->iocs};
    tw_err rc;

    if (a == NULL)
        return;
    tw_diags_init(&d);
    if (dl == TW_DIALECT_UNKNOWN && !tw_looks_binary(data, len))
        dl = tw_dialect_detect(data, len);
    if (!tw_config_supported(dl)) {
        if (w->o.verbose)
            tw_cli_warn(w->cli, "%s: not a device configuration; skipped", path);
        tw_arena_free(a);
        return;
    }
    tw_factset_init(&now, a);
    tw_factset_init(&last, a);
    now.fp_key = ao.fp_key;
    tw_findings_init(&fl, a);
    tw_findings_init(&drift, a);
    rc = tw_config_parse(path, data, len, dl, &now, &d);
    key = rc == TW_OK || rc == TW_ELIMIT ? device_key(&now, path) : NULL;
    content_hash(w, data, len, hash);
    if (key != NULL)
        rc = tw_store_snapshot_last(w->store, key, a, &last, &info, &found, &d);
    if (key != NULL && rc == TW_OK && (!found || strcmp(info.hash, hash) != 0)) {
        ao.dialect = dl;
        rc = tw_audit_buffer(&ao, path, data, len, &fl, &d);
        if (rc == TW_OK && found)
            rc = tw_drift_diff(&dro, info.file, &last, path, &now, &drift);
        if (rc == TW_OK)
            rc = tw_store_snapshot_put(w->store, key, path, hash, (int64_t)time(NULL), &now,
                                       &unchanged, &d);
        snprintf(scope, sizeof(scope), "audit:%s", key);
        if (rc == TW_OK) {
            watch_findings(w, &fl, scope);   /* a gap a later version closes is resolved */
            watch_findings(w, &drift, NULL); /* a change stays open until acknowledged */
        }
    }
    if (rc != TW_OK && rc != TW_ELIMIT) {
        tw_cli_error(w->cli, "%s: %s", path, tw_strerror(rc));
        w->bad = true;
    }
    (void)tw_cli_print_diags(w->cli, &d, w->o.verbose);
    tw_diags_release(&d);
    tw_findings_release(&fl);
    tw_findings_release(&drift);
    tw_factset_release(&now);
    tw_factset_release(&last);
    free(key);
    tw_arena_free(a);
}

static void process_file(watch_ctx *w, const char *path)
{
    tw_file f;
    tw_err rc = tw_file_read(path, TW_LIMIT_FILE_SIZE, &f);

    if (rc != TW_OK) {
        if (rc != TW_ENOENT) /* gone again: a temporary file */
            tw_cli_warn(w->cli, "%s: cannot read: %s", path, tw_strerror(rc));
        return;
    }
    process(w, path, f.data, f.len);
    tw_file_release(&f);
}

/* Watches folder path and, at start, reads its configurations; then its
 * sub-folders, depth first (hidden entries skipped, as audit does). */
static void add_folder(watch_ctx *w, const char *path, int depth, bool initial)
{
    DIR *dir;
    struct dirent *e;
    int wd;

    if (depth > TW_LIMIT_DIR_DEPTH || w->nwd >= WATCH_MAX_WATCHES)
        return;
    wd = inotify_add_watch(w->infd, path, IN_MASK);
    if (wd < 0) {
        tw_cli_warn(w->cli, "%s: cannot watch: %s", path, strerror(errno));
        return;
    }
    w->wd[w->nwd] = wd;
    w->wdpath[w->nwd] = strdup(path);
    if (w->wdpath[w->nwd] == NULL) {
        inotify_rm_watch(w->infd, wd);
        return;
    }
    w->nwd++;
    dir = opendir(path);
    while (dir != NULL && (e = readdir(dir)) != NULL) {
        char sub[PATH_MAX];
        struct stat st;
        if (e->d_name[0] == '.' ||
            snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name) >= (int)sizeof(sub) ||
            lstat(sub, &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode))
            add_folder(w, sub, depth + 1, initial);
        else if (S_ISREG(st.st_mode) && initial)
            process_file(w, sub);
    }
    if (dir != NULL)
        closedir(dir);
}

bool watch_configs_open(watch_ctx *w)
{
    struct stat st;

    if (stat(w->configs, &st) != 0 || !S_ISDIR(st.st_mode)) {
        tw_cli_error(w->cli, "%s: not a folder", w->configs);
        return false;
    }
    w->infd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (w->infd < 0) {
        tw_cli_error(w->cli, "%s: cannot watch: %s", w->configs, strerror(errno));
        return false;
    }
    add_folder(w, w->configs, 0, true);
    return w->nwd > 0;
}

static const char *folder_of(const watch_ctx *w, int wd)
{
    for (size_t i = 0; i < w->nwd; i++) {
        if (w->wd[i] == wd)
            return w->wdpath[i];
    }
    return NULL;
}

void watch_configs_event(watch_ctx *w)
{
    char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
    ssize_t n;

    while ((n = read(w->infd, buf, sizeof(buf))) > 0) {
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)(void *)p;
            const char *dir = folder_of(w, ev->wd);
            char path[PATH_MAX];
            p += sizeof(*ev) + ev->len;
            if (ev->mask & IN_Q_OVERFLOW) {
                tw_cli_warn(w->cli, "%s: too many changes at once; some were missed, rescanning",
                            w->configs);
                add_folder(w, w->configs, 0, true);
                continue;
            }
            if (dir == NULL || ev->len == 0 || ev->name[0] == '.' ||
                snprintf(path, sizeof(path), "%s/%s", dir, ev->name) >= (int)sizeof(path))
                continue;
            if (ev->mask & IN_ISDIR) {
                if (ev->mask & (IN_CREATE | IN_MOVED_TO))
                    add_folder(w, path, 1, true);
            } else if (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO)) {
                process_file(w, path);
            }
        }
    }
}

void watch_configs_close(watch_ctx *w)
{
    for (size_t i = 0; i < w->nwd; i++)
        free(w->wdpath[i]);
    w->nwd = 0;
    if (w->infd >= 0)
        close(w->infd);
}
