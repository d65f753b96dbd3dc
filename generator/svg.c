/*
** Graphviz text to SVG through `dot -Tsvg` (found on PATH), in memory: the graph goes to dot's
** standard input, the SVG comes from its standard output. --emit svg and the interactive page's
** diagram (render.c) both go through svg_run_dot.
*/
#include "svg.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arena.h"

bool svg_dot_found(void) {
    const char *path = getenv("PATH");
    if (!path)
        return false;
    while (*path) {
        size_t len = strcspn(path, ":");
        char file[4096];
        int n = snprintf(file, sizeof file, "%.*s/dot", len ? (int)len : 1, len ? path : ".");
        struct stat st;
        if (n > 0 && (size_t)n < sizeof file && stat(file, &st) == 0 && S_ISREG(st.st_mode) &&
            access(file, X_OK) == 0)
            return true;
        path += len;
        if (*path == ':')
            path++;
    }
    return false;
}

static char *failure(const char *machine, const char *what, int err) {
    const char *why = err ? strerror(err) : "";
    size_t n = strlen(machine) + strlen(what) + strlen(why) + 64;
    char *msg = xrealloc(NULL, n);
    snprintf(msg, n, "dot -Tsvg for '%s': %s%s%s", machine, what, err ? ": " : "", why);
    return msg;
}

char *svg_run_dot(const char *machine, const char *dot, size_t dot_len, out *svg) {
    /* dot reads the whole graph before it writes: send it all, then read the SVG. A temporary
       file would do too, but a pipe leaves nothing behind. */
    int in[2], outp[2];
    if (pipe(in) != 0)
        return failure(machine, "pipe", errno);
    if (pipe(outp) != 0) {
        int err = errno;
        close(in[0]);
        close(in[1]);
        return failure(machine, "pipe", err);
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        int err = errno;
        close(in[0]), close(in[1]), close(outp[0]), close(outp[1]);
        return failure(machine, "fork", err);
    }
    if (pid == 0) {
        dup2(in[0], STDIN_FILENO);
        dup2(outp[1], STDOUT_FILENO);
        close(in[0]), close(in[1]), close(outp[0]), close(outp[1]);
        execlp("dot", "dot", "-Tsvg", (char *)NULL);
        _exit(127);
    }
    close(in[0]);
    close(outp[1]);
    /* A dot that dies early must not kill transitc with SIGPIPE. */
    void (*old)(int) = signal(SIGPIPE, SIG_IGN);
    size_t sent = 0;
    int write_err = 0;
    while (sent < dot_len) {
        ssize_t w = write(in[1], dot + sent, dot_len - sent);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            write_err = errno ? errno : EIO;
            break;
        }
        sent += (size_t)w;
    }
    close(in[1]);
    char buf[8192];
    for (;;) {
        ssize_t r = read(outp[0], buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        out_write(svg, buf, (size_t)r);
    }
    close(outp[0]);
    signal(SIGPIPE, old);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
        return failure(machine, "dot did not run", 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return failure(machine, "dot failed", 0);
    if (write_err)
        return failure(machine, "write", write_err);
    return NULL;
}

char *svg_emit(const emit_ctx *ctx, const model_machine *m, out_files *files) {
    out_files graph = {0};
    emit_dot(ctx, m, &graph);
    const out *dot = &graph.items[0].buf;
    char *err = svg_run_dot(m->name, dot->data, dot->len, out_files_add(files, "%s.svg", m->name));
    out_files_free(&graph);
    return err;
}
