/*
 * git.c: runs git for "tidewatch diff --git" and reads what it prints.
 *
 * git is run without a shell (posix_spawnp with an argument vector), with
 * its errors discarded; what it writes is read into a buffer with a size
 * cap, so a huge history cannot grow without bound.  tw_cli_git runs one
 * command (standard input from /dev/null); tw_cli_git_cat keeps one
 * `git cat-file --batch` running and asks it for blob after blob, so that
 * a history of thousands of changes is not thousands of processes.  Its
 * standard input is a socket, written with MSG_NOSIGNAL: a git that died
 * is an error, not a SIGPIPE.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

extern char **environ;

int tw_cli_git(char *const argv[], tw_buf *out, bool *cut)
{
    posix_spawn_file_actions_t fa;
    int fd[2], status = -1, err;
    pid_t pid;
    char chunk[65536];

    *cut = false;
    tw_buf_reset(out);
    if (pipe(fd) != 0)
        return -1;
    if (posix_spawn_file_actions_init(&fa) != 0) {
        close(fd[0]);
        close(fd[1]);
        return -1;
    }
    posix_spawn_file_actions_addclose(&fa, fd[0]);
    posix_spawn_file_actions_adddup2(&fa, fd[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&fa, fd[1]);
    posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    err = posix_spawnp(&pid, "git", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fd[1]);
    if (err != 0) {
        close(fd[0]);
        errno = err;
        return -1;
    }
    for (;;) {
        ssize_t r = read(fd[0], chunk, sizeof(chunk));
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        if (!*cut && tw_buf_add(out, chunk, (size_t)r) != TW_OK)
            *cut = true; /* past the cap: read on, so git is not stopped by a full pipe */
    }
    close(fd[0]);
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

struct tw_cli_git_cat {
    pid_t pid;
    int in, out;     /* git's standard input (a socket) and output (a pipe) */
    char buf[65536]; /* what was read from out and not used yet */
    size_t off, len;
    bool broken; /* git died or spoke out of turn: no more requests */
};

tw_cli_git_cat *tw_cli_git_cat_new(const char *repo)
{
    char *argv[] = {"git", "-C", (char *)repo, "cat-file", "--batch", NULL};
    tw_cli_git_cat *g = calloc(1, sizeof(*g));
    posix_spawn_file_actions_t fa;
    /* close-on-exec: git must not hold our ends, or it never sees the end
     * of its input */
    int sv[2] = {-1, -1}, fd[2] = {-1, -1}, err = -1;

    if (g == NULL || socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0 ||
        pipe(fd) != 0 || fcntl(fd[0], F_SETFD, FD_CLOEXEC) != 0 ||
        fcntl(fd[1], F_SETFD, FD_CLOEXEC) != 0 || posix_spawn_file_actions_init(&fa) != 0)
        goto fail;
    posix_spawn_file_actions_adddup2(&fa, sv[1], STDIN_FILENO);
    posix_spawn_file_actions_adddup2(&fa, fd[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    err = posix_spawnp(&g->pid, "git", &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
fail:
    if (sv[1] >= 0)
        close(sv[1]);
    if (fd[1] >= 0)
        close(fd[1]);
    if (err != 0) {
        if (sv[0] >= 0)
            close(sv[0]);
        if (fd[0] >= 0)
            close(fd[0]);
        free(g);
        return NULL;
    }
    g->in = sv[0];
    g->out = fd[0];
    return g;
}

/* Refills the read buffer; false at the end of git's output or an error. */
static bool cat_fill(tw_cli_git_cat *g)
{
    ssize_t r;

    if (g->off == g->len)
        g->off = g->len = 0;
    do
        r = read(g->out, g->buf + g->len, sizeof(g->buf) - g->len);
    while (r < 0 && errno == EINTR);
    if (r <= 0)
        return false;
    g->len += (size_t)r;
    return true;
}

/* The header line of the answer, without its newline, into line[cap]. */
static bool cat_line(tw_cli_git_cat *g, char *line, size_t cap)
{
    for (;;) {
        char *nl = memchr(g->buf + g->off, '\n', g->len - g->off);
        if (nl != NULL) {
            size_t n = (size_t)(nl - (g->buf + g->off));
            if (n >= cap)
                return false;
            memcpy(line, g->buf + g->off, n);
            line[n] = '\0';
            g->off += n + 1;
            return true;
        }
        if (g->len - g->off >= cap)
            return false; /* no header is that long */
        if (g->off > 0) {
            memmove(g->buf, g->buf + g->off, g->len - g->off);
            g->len -= g->off;
            g->off = 0;
        }
        if (!cat_fill(g))
            return false;
    }
}

/* Reads the n bytes of an object into out (up to its cap; *cut past it),
 * and the newline after them. */
static bool cat_body(tw_cli_git_cat *g, uint64_t n, tw_buf *out, bool *cut)
{
    while (n > 0) {
        size_t k;
        if (g->off == g->len && !cat_fill(g))
            return false;
        k = g->len - g->off < n ? g->len - g->off : (size_t)n;
        if (!*cut && tw_buf_add(out, g->buf + g->off, k) != TW_OK)
            *cut = true;
        g->off += k;
        n -= k;
    }
    if (g->off == g->len && !cat_fill(g))
        return false;
    return g->buf[g->off++] == '\n';
}

int tw_cli_git_cat_get(tw_cli_git_cat *g, const char *spec, tw_buf *out, bool *cut)
{
    size_t n = strlen(spec);
    char line[256], *sp;
    uint64_t size;

    *cut = false;
    tw_buf_reset(out);
    if (g->broken || n == 0 || memchr(spec, '\n', n) != NULL)
        return -1;
    for (size_t done = 0; done <= n;) { /* the spec, then its newline */
        ssize_t w = done < n ? send(g->in, spec + done, n - done, MSG_NOSIGNAL)
                             : send(g->in, "\n", 1, MSG_NOSIGNAL);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            g->broken = true;
            return -1;
        }
        done += (size_t)w;
    }
    if (!cat_line(g, line, sizeof(line))) {
        g->broken = true;
        return -1;
    }
    /* "<spec> missing", "<spec> ambiguous", or "<oid> <type> <size>" */
    sp = strrchr(line, ' ');
    if (sp != NULL && (strcmp(sp, " missing") == 0 || strcmp(sp, " ambiguous") == 0))
        return 0;
    if (sp == NULL || !tw_str_to_u64(tw_str_c(sp + 1), UINT64_MAX, &size)) {
        g->broken = true;
        return -1;
    }
    *sp = '\0';
    if (!cat_body(g, size, out, cut)) {
        g->broken = true;
        return -1;
    }
    sp = strrchr(line, ' ');
    return sp != NULL && strcmp(sp, " blob") == 0 ? 1 : 0; /* a tree or a commit is no file */
}

void tw_cli_git_cat_free(tw_cli_git_cat *g)
{
    int status;

    if (g == NULL)
        return;
    close(g->in); /* git sees the end of its input and exits */
    close(g->out);
    while (waitpid(g->pid, &status, 0) < 0 && errno == EINTR)
        ;
    free(g);
}
