/*
** Source files: reading them whole and indexing their lines (LF, CRLF and CR all end a line).
*/
#include "source.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The longest spec read: the scanner's lengths are ints (and two bytes go to its buffer ends). */
#define SOURCE_MAX_LEN (INT_MAX / 2 + 1)

static void index_lines(arena *a, source *src) {
    size_t count = 1;
    for (size_t i = 0; i < src->len; i++)
        if (src->text[i] == '\n' || (src->text[i] == '\r' && src->text[i + 1] != '\n'))
            count++;
    if (count > UINT32_MAX || src->len > UINT32_MAX - 1)
        arena_out_of_memory();
    src->line_start = arena_array(a, count, sizeof *src->line_start);
    uint32_t n = 0;
    src->line_start[n++] = 0;
    for (size_t i = 0; i < src->len; i++)
        if (src->text[i] == '\n' || (src->text[i] == '\r' && src->text[i + 1] != '\n'))
            src->line_start[n++] = (uint32_t)(i + 1);
    src->line_count = n;
}

static const char *base_name(const char *path) {
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

source *source_from_bytes(arena *a, const char *path, const char *bytes, size_t len) {
    source *src = arena_alloc(a, sizeof *src);
    src->path = arena_strdup(a, path);
    src->name = base_name(src->path);
    src->text = arena_strndup(a, bytes, len);
    src->len = len;
    index_lines(a, src);
    return src;
}

source *source_read(arena *a, const char *path, const char **err) {
    bool stdin_ = strcmp(path, "-") == 0;
    if (stdin_)
        path = "<stdin>";
    FILE *f = stdin_ ? stdin : fopen(path, "rb");
    if (!f) {
        *err = arena_printf(a, "cannot open '%s': %s", path, strerror(errno));
        return NULL;
    }
    struct stat st;
    bool known = fstat(fileno(f), &st) == 0;
    if (known && S_ISDIR(st.st_mode)) {
        if (!stdin_)
            fclose(f);
        *err = arena_printf(a, "cannot read '%s': it is a directory", path);
        return NULL;
    }
    /* The scanner takes an int length: refuse what it cannot hold before reading any of it. */
    if (known && st.st_size > (off_t)SOURCE_MAX_LEN) {
        if (!stdin_)
            fclose(f);
        *err = arena_printf(a, "cannot read '%s': larger than %d MiB", path, SOURCE_MAX_LEN >> 20);
        return NULL;
    }
    size_t cap = 1 << 16, len = 0;
    char *buf = xrealloc(NULL, cap);
    for (;;) {
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
        if (len > SOURCE_MAX_LEN) {
            free(buf);
            if (!stdin_)
                fclose(f);
            *err = arena_printf(a, "cannot read '%s': larger than %d MiB", path,
                                SOURCE_MAX_LEN >> 20);
            return NULL;
        }
        if (len == cap) {
            if (cap > SIZE_MAX / 2) {
                free(buf);
                arena_out_of_memory();
            }
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
    }
    int failed = ferror(f);
    int saved = errno;
    if (!stdin_)
        fclose(f);
    if (failed) {
        free(buf);
        *err = arena_printf(a, "cannot read '%s': %s", path, strerror(saved));
        return NULL;
    }
    source *src = source_from_bytes(a, path, buf, len);
    free(buf);
    return src;
}

const char *source_line(const source *src, uint32_t line, size_t *len) {
    if (line == 0 || line > src->line_count) {
        *len = 0;
        return "";
    }
    size_t start = src->line_start[line - 1];
    size_t end = start;
    while (end < src->len && src->text[end] != '\n' && src->text[end] != '\r')
        end++;
    *len = end - start;
    return src->text + start;
}
