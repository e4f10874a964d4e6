/*
 * git.c: runs git for "tidewatch diff --git" and reads what it prints.
 *
 * git is run without a shell (posix_spawnp with an argument vector), with
 * its standard input from /dev/null and its errors discarded; what it
 * writes is read into a buffer with a size cap, so a huge history cannot
 * grow without bound.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
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
