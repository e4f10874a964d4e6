/*
 * store_path.c: where the store lives and how the commands open it.
 *
 * The default follows the XDG base directory specification: the data of
 * tidewatch goes under $XDG_DATA_HOME/tidewatch/ (a relative XDG_DATA_HOME
 * is ignored, as the specification says), else ~/.local/share/tidewatch/.
 * Folders made for the store are private to the user (mode 0700), and so is
 * a new store file (0600; SQLite gives its journal files the same mode):
 * findings say where a network is weak.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tidewatch/store.h>

#include "cli.h"

#define STORE_FILE "tidewatch/store.db"

/* base + "/" + tail, malloc'd. */
static char *join(const char *base, const char *tail)
{
    size_t n = strlen(base) + 1 + strlen(tail) + 1;
    char *p = malloc(n);

    if (p != NULL)
        snprintf(p, n, "%s/%s", base, tail);
    return p;
}

char *tw_cli_store_path(const char *opt)
{
    const char *xdg = getenv("XDG_DATA_HOME");
    const char *home = getenv("HOME");

    if (opt != NULL)
        return strdup(opt);
    if (xdg != NULL && xdg[0] == '/')
        return join(xdg, STORE_FILE);
    if (home != NULL && home[0] != '\0')
        return join(home, ".local/share/" STORE_FILE);
    return NULL;
}

/* mkdir -p of the folder that holds path, each new folder with mode 0700;
 * false (errno set) when one cannot be made. */
static bool make_parents(char *path)
{
    char *slash = strrchr(path, '/');
    struct stat st;
    bool ok = true;

    if (slash == NULL || slash == path)
        return true;
    *slash = '\0';
    if (stat(path, &st) == 0) {
        if (!S_ISDIR(st.st_mode)) {
            errno = ENOTDIR;
            ok = false;
        }
    } else if (errno != ENOENT || !make_parents(path)) {
        ok = false;
    } else if (mkdir(path, 0700) != 0 && errno != EEXIST) {
        ok = false;
    }
    *slash = '/';
    return ok;
}

tw_store *tw_cli_store_open(const tw_cli *cli, const char *opt)
{
    char *path = tw_cli_store_path(opt);
    tw_store *s = NULL;
    tw_diags d;
    int fd;

    if (path == NULL) {
        tw_cli_error(cli, "no store: set HOME or XDG_DATA_HOME, or give --store PATH");
        return NULL;
    }
    if (!make_parents(path)) {
        tw_cli_error(cli, "%s: cannot make the store's folder: %s", path, strerror(errno));
        free(path);
        return NULL;
    }
    fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600); /* private, like its folder */
    if (fd >= 0)
        close(fd);
    tw_diags_init(&d);
    tw_store_open(path, &s, &d);
    tw_cli_print_diags(cli, &d, true);
    free(path);
    return s;
}
