/*
** Arena allocation in large blocks; big requests get a block of their own.
*/
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct arena_block {
    arena_block *next;
    size_t used, size;
    max_align_t data[];
};

enum { BLOCK_SIZE = 64 * 1024 };

_Noreturn void arena_out_of_memory(void) {
    fputs("transitc: error: out of memory\n", stderr);
    exit(2);
}

void *xrealloc(void *p, size_t size) {
    void *q = realloc(p, size ? size : 1);
    if (!q)
        arena_out_of_memory();
    return q;
}

void *arena_alloc(arena *a, size_t size) {
    size_t align = sizeof(max_align_t);
    size = (size + align - 1) / align * align;
    if (size == 0)
        size = align;
    arena_block *b = a->blocks;
    if (!b || b->size - b->used < size) {
        size_t cap = size > BLOCK_SIZE / 4 ? size : BLOCK_SIZE;
        if (cap > SIZE_MAX - sizeof(arena_block))
            arena_out_of_memory();
        arena_block *nb = malloc(sizeof(arena_block) + cap);
        if (!nb)
            arena_out_of_memory();
        nb->used = 0;
        nb->size = cap;
        if (b && cap != BLOCK_SIZE) {
            /* A big block goes behind the current one, which keeps filling. */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->blocks = nb;
        }
        b = nb;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

void *arena_array(arena *a, size_t count, size_t size) {
    if (size && count > SIZE_MAX / size)
        arena_out_of_memory();
    return arena_alloc(a, count * size);
}

char *arena_strndup(arena *a, const char *s, size_t len) {
    char *p = arena_alloc(a, len + 1);
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

char *arena_strdup(arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

char *arena_printf(arena *a, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        arena_out_of_memory();
    char *p = arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

void arena_free(arena *a) {
    arena_block *b = a->blocks;
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->blocks = NULL;
}
