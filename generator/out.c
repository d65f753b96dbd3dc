/*
** Output buffers and writing them to files atomically.
*/
#include "out.h"

#include <errno.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arena.h"

/* Room for n more bytes and the NUL after them. */
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
        if (!o->line_open && len > 1) {
            reserve(o, (size_t)o->indent);
            memset(o->data + o->len, ' ', (size_t)o->indent);
            o->len += (size_t)o->indent;
        }
        out_write(o, s, len);
        s += len;
        n -= len;
    }
}

/* Appends n bytes at s, indented. */
static void put(out *o, const char *s, size_t n) {
    if (o->indent <= 0)
        out_write(o, s, n);
    else
        put_indented(o, s, n);
}

/* Appends c with no regard to indentation (the NUL after comes later, indent_appended's). */
static void append_char(out *o, char c) {
    if (o->len + 2 > o->cap)
        reserve(o, 1);
    o->data[o->len++] = c;
}

/* Appends s byte by byte: names and pieces of syntax are short, cheaper so than strlen and
   memcpy. The buffer's fields are kept in locals for the loop (stores through o->data could
   change o->len, as far as the compiler knows). */
static void append_string(out *o, const char *s) {
    char *d = o->data;
    size_t len = o->len, cap = o->cap;
    for (; *s; s++) {
        if (len + 2 > cap) {
            o->len = len;
            reserve(o, 1);
            d = o->data;
            cap = o->cap;
        }
        d[len++] = *s;
    }
    o->len = len;
}

/* Appends fmt with its conversions formatted, without vsnprintf (most of the generator's time
   went there): %s %u %d %zu and %%. Returns false at any other conversion (the caller then takes
   back what was appended). */
static bool append_format(out *o, const char *fmt, va_list ap) {
    for (const char *f = fmt; *f; f++) {
        if (*f != '%') {
            append_char(o, *f);
            continue;
        }
        unsigned long long v;
        bool negative = false;
        switch (*++f) {
        case '%':
            append_char(o, '%');
            continue;
        case 's': {
            const char *piece = va_arg(ap, const char *);
            append_string(o, piece ? piece : "(null)");
            continue;
        }
        case 'u':
            v = va_arg(ap, unsigned);
            break;
        case 'd': {
            int x = va_arg(ap, int);
            negative = x < 0;
            v = negative ? 0ull - (unsigned long long)(long long)x : (unsigned long long)x;
            break;
        }
        case 'z':
            if (f[1] != 'u')
                return false;
            v = va_arg(ap, size_t);
            f++;
            break;
        default:
            return false;
        }
        char digits[24], *d = digits + sizeof digits;
        do
            *--d = (char)('0' + v % 10);
        while ((v /= 10) != 0);
        if (negative)
            *--d = '-';
        while (d < digits + sizeof digits)
            append_char(o, *d++);
    }
    return true;
}

/* Makes the text appended at start .. o->len what put_indented would have written: indented
   where due, and NUL-terminated. Most text needs nothing (no indentation set, or a line already
   open that it breaks at most at its end). */
static void indent_appended(out *o, size_t start) {
    size_t n = o->len - start;
    if (n == 0) {
        if (o->indent <= 0)
            out_write(o, "", 0); /* as put_indented did: the buffer exists after */
        return;
    }
    char *s = o->data + start;
    if (o->indent > 0 && memchr(s, '\n', n - 1)) { /* several lines: line by line */
        char small[512];
        char *copy = n <= sizeof small ? small : xrealloc(NULL, n);
        memcpy(copy, s, n);
        o->len = start;
        put_indented(o, copy, n);
        if (copy != small)
            free(copy);
        return;
    }
    if (o->indent > 0 && !o->line_open && n > 1) { /* one line, at its start */
        size_t pad = (size_t)o->indent;
        reserve(o, pad);
        s = o->data + start;
        memmove(s + pad, s, n);
        memset(s, ' ', pad);
        o->len += pad;
    }
    o->data[o->len] = '\0';
    o->line_open = o->data[o->len - 1] != '\n';
}

void out_puts(out *o, const char *s) {
    size_t start = o->len;
    append_string(o, s);
    indent_appended(o, start);
}

void out_printf(out *o, const char *fmt, ...) {
    size_t start = o->len;
    va_list ap;
    va_start(ap, fmt);
    bool simple = append_format(o, fmt, ap);
    va_end(ap);
    if (simple) {
        indent_appended(o, start);
        return;
    }
    o->len = start;
    char small[256];
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        put(o, small, (size_t)n);
        return;
    }
    char *big = xrealloc(NULL, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    put(o, big, (size_t)n);
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
    if (f->spare.data) { /* its pages are in memory already: no growing, no page faults */
        file->buf.data = f->spare.data;
        file->buf.cap = f->spare.cap;
        file->buf.data[0] = '\0';
        memset(&f->spare, 0, sizeof f->spare);
    }
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

/* The sets with staged temporary files, so that an exit in between (out of memory) removes
   them: nothing is left behind, whole or not. */
static out_files **pending;
static size_t pending_count, pending_cap;

static void remove_staged(out_files *f) {
    for (size_t i = 0; i < f->count; i++)
        if (f->items[i].tmp) {
            remove(f->items[i].tmp);
            free(f->items[i].tmp);
            f->items[i].tmp = NULL;
        }
}

static void forget(out_files *f) {
    for (size_t i = 0; i < pending_count; i++)
        if (pending[i] == f) {
            pending[i] = pending[--pending_count];
            return;
        }
}

static void remove_pending(void) {
    while (pending_count)
        remove_staged(pending[--pending_count]);
}

static void remember(out_files *f) {
    static bool registered;
    for (size_t i = 0; i < pending_count; i++)
        if (pending[i] == f)
            return;
    if (!registered) {
        atexit(remove_pending);
        registered = true;
    }
    if (pending_count == pending_cap) {
        pending_cap = pending_cap ? pending_cap * 2 : 4;
        pending = xrealloc(pending, pending_cap * sizeof *pending);
    }
    pending[pending_count++] = f;
}

char *out_files_stage(out_files *f, const char *dir) {
    char suffix[32];
    snprintf(suffix, sizeof suffix, ".tmp%ld", (long)getpid());
    for (size_t i = 0; i < f->count; i++) {
        out_file *file = &f->items[i];
        if (file->tmp)
            continue;
        char *tmp = path_in(dir, ".", file->name, suffix);
        remember(f);
        int err = write_temporary(file, tmp);
        if (err) {
            char *path = path_in(dir, "", file->name, "");
            char *msg = message("cannot write '%s': %s", path, err);
            free(path);
            free(tmp);
            remove_staged(f);
            forget(f);
            return msg;
        }
        file->tmp = tmp;
        if (file->buf.cap > f->spare.cap) {
            out_free(&f->spare);
            f->spare = file->buf;
            memset(&file->buf, 0, sizeof file->buf);
        } else {
            out_free(&file->buf);
        }
    }
    return NULL;
}

char *out_files_write(out_files *f, const char *dir) {
    char *msg = out_files_stage(f, dir);
    if (msg)
        return msg;
    /* Only when every file is written are they renamed into place, so a full disk or a bad
       directory leaves no output changed. Every path is made before any rename. */
    size_t count = f->count;
    char **path = xrealloc(NULL, (count ? count : 1) * sizeof *path);
    for (size_t i = 0; i < count; i++)
        path[i] = path_in(dir, "", f->items[i].name, "");
    size_t failed = count;
    int err = 0;
    /* A directory in the way would make its rename fail after others were done: find it first. */
    struct stat st;
    for (size_t i = 0; i < count && failed == count; i++)
        if (stat(path[i], &st) == 0 && S_ISDIR(st.st_mode))
            failed = i, err = EISDIR;
    for (size_t i = 0; i < count && failed == count; i++) {
        if (rename(f->items[i].tmp, path[i]) != 0) {
            failed = i, err = errno;
            break; /* those renamed before stay: each is whole */
        }
        free(f->items[i].tmp);
        f->items[i].tmp = NULL;
    }
    remove_staged(f);
    forget(f);
    msg = failed < count ? message("cannot write '%s': %s", path[failed], err) : NULL;
    for (size_t i = 0; i < count; i++)
        free(path[i]);
    free(path);
    return msg;
}

void out_files_free(out_files *f) {
    remove_staged(f);
    forget(f);
    for (size_t i = 0; i < f->count; i++) {
        free(f->items[i].name);
        out_free(&f->items[i].buf);
    }
    free(f->items);
    out_free(&f->spare);
    memset(f, 0, sizeof *f);
}
