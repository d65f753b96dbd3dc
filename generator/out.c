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

/* Writes one file's bytes to the temporary path tmp. Returns 0, or an errno value after removing
   what was written. */
static int write_temporary(const out_file *file, const char *tmp) {
    FILE *fp = fopen(tmp, "wb");
    if (!fp)
        return errno ? errno : EIO;
    size_t len = file->buf.len;
    int bad = len && fwrite(file->buf.data, 1, len, fp) != len;
    int saved = errno;
    if (fclose(fp) != 0 && !bad) {
        bad = 1;
        saved = errno;
    }
    if (!bad)
        return 0;
    remove(tmp);
    return saved ? saved : EIO;
}

static char *path_in(const char *dir, const char *prefix, const char *name, const char *suffix) {
    size_t n = strlen(dir) + strlen(prefix) + strlen(name) + strlen(suffix) + 2;
    char *path = xrealloc(NULL, n);
    snprintf(path, n, "%s/%s%s%s", dir, prefix, name, suffix);
    return path;
}

char *out_files_write(const out_files *f, const char *dir) {
    /* Every path is made before any file is touched, so running out of memory leaves nothing.
       Every file goes to a temporary first; only when all are written are they renamed into
       place, so a full disk or a bad directory leaves no output changed. */
    size_t count = f->count;
    char **path = xrealloc(NULL, (count ? count : 1) * sizeof *path);
    char **tmp = xrealloc(NULL, (count ? count : 1) * sizeof *tmp);
    char suffix[32];
    snprintf(suffix, sizeof suffix, ".tmp%ld", (long)getpid());
    for (size_t i = 0; i < count; i++) {
        path[i] = path_in(dir, "", f->items[i].name, "");
        tmp[i] = path_in(dir, ".", f->items[i].name, suffix);
    }
    size_t failed = count, written = 0, renamed = 0;
    int err = 0;
    for (; written < count; written++)
        if ((err = write_temporary(&f->items[written], tmp[written])) != 0) {
            failed = written;
            break;
        }
    /* A directory in the way would make its rename fail after others were done: find it first. */
    struct stat st;
    for (size_t i = 0; i < count && failed == count; i++)
        if (stat(path[i], &st) == 0 && S_ISDIR(st.st_mode))
            failed = i, err = EISDIR;
    for (; renamed < count && failed == count; renamed++)
        if (rename(tmp[renamed], path[renamed]) != 0) {
            failed = renamed, err = errno;
            break; /* those renamed before stay: each is whole */
        }
    for (size_t i = renamed; i < written; i++)
        remove(tmp[i]);
    char *msg = failed < count ? message("cannot write '%s': %s", path[failed], err) : NULL;
    for (size_t i = 0; i < count; i++) {
        free(path[i]);
        free(tmp[i]);
    }
    free(path);
    free(tmp);
    return msg;
}

void out_files_free(out_files *f) {
    for (size_t i = 0; i < f->count; i++) {
        free(f->items[i].name);
        out_free(&f->items[i].buf);
    }
    free(f->items);
    memset(f, 0, sizeof *f);
}
