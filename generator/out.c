/*
** Output buffers and writing them to files atomically.
*/
#include "out.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"

static void reserve(out *o, size_t n) {
    if (o->len + n + 1 <= o->cap)
        return;
    size_t cap = o->cap ? o->cap : 4096;
    while (cap < o->len + n + 1)
        cap *= 2;
    o->data = xrealloc(o->data, cap);
    o->cap = cap;
}

void out_write(out *o, const char *s, size_t n) {
    reserve(o, n);
    memcpy(o->data + o->len, s, n);
    o->len += n;
    o->data[o->len] = '\0';
    if (n)
        o->line_open = s[n - 1] != '\n';
}

/* Writes s line by line, indenting each line that has content. */
static void put_indented(out *o, const char *s, size_t n) {
    while (n) {
        const char *nl = memchr(s, '\n', n);
        size_t len = nl ? (size_t)(nl - s) + 1 : n;
        if (!o->line_open && len > 1 && o->indent > 0) {
            reserve(o, (size_t)o->indent);
            memset(o->data + o->len, ' ', (size_t)o->indent);
            o->len += (size_t)o->indent;
        }
        out_write(o, s, len);
        s += len;
        n -= len;
    }
}

void out_puts(out *o, const char *s) { put_indented(o, s, strlen(s)); }

void out_printf(out *o, const char *fmt, ...) {
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        put_indented(o, small, (size_t)n);
        return;
    }
    char *big = xrealloc(NULL, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    put_indented(o, big, (size_t)n);
    free(big);
}

void out_indent(out *o, int delta) { o->indent += delta; }

void out_free(out *o) {
    free(o->data);
    memset(o, 0, sizeof *o);
}

out *out_files_add(out_files *f, const char *fmt, ...) {
    if (f->count == f->cap) {
        f->cap = f->cap ? f->cap * 2 : 8;
        f->items = xrealloc(f->items, f->cap * sizeof *f->items);
    }
    out_file *file = &f->items[f->count++];
    memset(file, 0, sizeof *file);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    file->name = xrealloc(NULL, (size_t)(n < 0 ? 0 : n) + 1);
    va_start(ap, fmt);
    vsnprintf(file->name, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
    va_end(ap);
    return &file->buf;
}

static char *message(const char *fmt, const char *path, int err) {
    size_t n = strlen(fmt) + strlen(path) + strlen(strerror(err)) + 1;
    char *msg = xrealloc(NULL, n);
    snprintf(msg, n, fmt, path, strerror(err));
    return msg;
}

/* Writes one file's bytes to the temporary path tmp; NULL or a message naming path. */
static char *write_temporary(const out_file *file, const char *tmp, const char *path) {
    FILE *fp = fopen(tmp, "wb");
    if (!fp)
        return message("cannot write '%s': %s", path, errno);
    size_t len = file->buf.len;
    int bad = len && fwrite(file->buf.data, 1, len, fp) != len;
    int saved = errno;
    if (fclose(fp) != 0 && !bad) {
        bad = 1;
        saved = errno;
    }
    if (bad) {
        remove(tmp);
        return message("cannot write '%s': %s", path, saved);
    }
    return NULL;
}

char *out_files_write(const out_files *f, const char *dir) {
    /* Every file goes to a temporary first; only when all are written are they renamed into
       place, so a full disk or a bad directory leaves no output changed. */
    char **paths = xrealloc(NULL, (f->count ? f->count : 1) * 2 * sizeof *paths);
    char *err = NULL;
    size_t written = 0;
    for (size_t i = 0; i < f->count && !err; i++) {
        const out_file *file = &f->items[i];
        size_t n = strlen(dir) + strlen(file->name) + 32;
        char *path = xrealloc(NULL, n), *tmp = xrealloc(NULL, n);
        snprintf(path, n, "%s/%s", dir, file->name);
        snprintf(tmp, n, "%s/.%s.tmp%ld", dir, file->name, (long)getpid());
        paths[2 * i] = path;
        paths[2 * i + 1] = tmp;
        written = i + 1;
        err = write_temporary(file, tmp, path);
        if (err)
            paths[2 * i + 1] = NULL, free(tmp);
    }
    /* A directory in the way would make its rename fail after others were done: find it first. */
    struct stat st;
    for (size_t i = 0; i < written && !err; i++)
        if (stat(paths[2 * i], &st) == 0 && S_ISDIR(st.st_mode))
            err = message("cannot write '%s': %s", paths[2 * i], EISDIR);
    for (size_t i = 0; i < written && !err; i++)
        if (rename(paths[2 * i + 1], paths[2 * i]) != 0) {
            err = message("cannot write '%s': %s", paths[2 * i], errno);
            /* Those renamed before stay: each is whole. */
        } else {
            free(paths[2 * i + 1]);
            paths[2 * i + 1] = NULL;
        }
    for (size_t i = 0; i < written; i++) {
        if (paths[2 * i + 1]) {
            remove(paths[2 * i + 1]);
            free(paths[2 * i + 1]);
        }
        free(paths[2 * i]);
    }
    free(paths);
    return err;
}

void out_files_free(out_files *f) {
    for (size_t i = 0; i < f->count; i++) {
        free(f->items[i].name);
        out_free(&f->items[i].buf);
    }
    free(f->items);
    memset(f, 0, sizeof *f);
}
