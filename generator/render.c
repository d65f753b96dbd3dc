/*
** Rendering Graphviz text to SVG for the emitters that embed a picture (the interactive page):
** runs `dot -Tsvg` from PATH on a temporary file. Only the driver uses it; emitters get it
** through emit_ctx.svg and stay free of I/O.
*/
#include "render.h"

#include <errno.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* The dot text into a new temporary file; its name, or NULL. */
static char *write_temp(const char *dot, size_t len) {
    const char *dir = getenv("TMPDIR");
    size_t n = strlen(dir && *dir ? dir : "/tmp") + sizeof "/transitc-XXXXXX";
    char *name = malloc(n);
    if (!name)
        arena_out_of_memory();
    snprintf(name, n, "%s/transitc-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(name);
    if (fd < 0) {
        free(name);
        return NULL;
    }
    FILE *f = fdopen(fd, "w");
    bool ok = f && fwrite(dot, 1, len, f) == len;
    if (f ? fclose(f) != 0 : close(fd) != 0)
        ok = false;
    if (!ok) {
        unlink(name);
        free(name);
        return NULL;
    }
    return name;
}

const char *render_svg(arena *a, const char *dot, size_t len) {
    char *input = write_temp(dot, len);
    if (!input)
        return NULL;
    int pipefd[2];
    char *result = NULL;
    if (pipe(pipefd) != 0) {
        unlink(input);
        free(input);
        return NULL;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addclose(&actions, pipefd[0]);
    posix_spawn_file_actions_adddup2(&actions, pipefd[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, pipefd[1]);
    char *argv[] = {"dot", "-Tsvg", input, NULL};
    pid_t pid;
    int spawned = posix_spawnp(&pid, "dot", &actions, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&actions);
    close(pipefd[1]);
    if (spawned == 0) {
        size_t cap = 1 << 16, n = 0;
        char *buf = malloc(cap);
        ssize_t got = 0;
        while (buf && (got = read(pipefd[0], buf + n, cap - n - 1)) != 0) {
            if (got < 0 && errno == EINTR)
                continue;
            if (got < 0)
                break;
            n += (size_t)got;
            if (cap - n - 1 == 0) {
                char *bigger = realloc(buf, cap *= 2);
                if (!bigger)
                    free(buf);
                buf = bigger;
            }
        }
        if (!buf)
            arena_out_of_memory();
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
            ;
        if (got == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
            result = arena_alloc(a, n + 1);
            memcpy(result, buf, n);
            result[n] = '\0';
        } else if (WIFEXITED(status) && WEXITSTATUS(status) == 127) {
            /* posix_spawnp of some C libraries reports a missing program this way */
        } else {
            fprintf(stderr, "transitc: warning: 'dot -Tsvg' failed; the page shows the Mermaid "
                            "text instead of the diagram\n");
        }
        free(buf);
    }
    close(pipefd[0]);
    unlink(input);
    free(input);
    return result;
}
