/*
** Arena allocation in large blocks; big requests get a block of their own.
*/
#define _DEFAULT_SOURCE /* madvise's MADV_HUGEPAGE (Linux) */
#include "arena.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

struct arena_block {
    arena_block *next;
    size_t used, size;
    max_align_t data[];
};

/* The first block's size, and the most a standard block grows to: 64 MiB, above the 32 MiB that
   glibc's malloc raises its mmap threshold to at most. */
enum { BLOCK_SIZE = 64 * 1024, BLOCK_MAX = 64 * 1024 * 1024 };

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

/* Tells the system that the size bytes at p will be used densely: on Linux, transparent huge
   pages for the 2 MiB-aligned part (a page fault per 2 MiB, not per 4 KiB: a big spec touches
   hundreds of MiB once). A hint only; elsewhere nothing. */
static void big_pages(void *p, size_t size) {
#ifdef MADV_HUGEPAGE
    enum { HUGE = 2 * 1024 * 1024 };
    uintptr_t from = ((uintptr_t)p + HUGE - 1) & ~(uintptr_t)(HUGE - 1);
    uintptr_t to = ((uintptr_t)p + size) & ~(uintptr_t)(HUGE - 1);
    if (to > from)
        madvise((void *)from, to - from, MADV_HUGEPAGE); /* a hint: failure changes nothing */
#else
    (void)p;
    (void)size;
#endif
}

void *arena_alloc(arena *a, size_t size) {
    size_t align = a->align ? a->align : sizeof(max_align_t);
    size = (size + align - 1) / align * align;
    if (size == 0)
        size = align;
    arena_block *b = a->blocks;
    if (!b || b->size - b->used < size) {
        /* Each standard block twice the last, up to BLOCK_MAX: few blocks for a big spec, and
           blocks that big are mapped by malloc on their own (above any allocator's mmap
           threshold), so freeing an arena early (the syntax tree) gives its memory back to the
           system rather than leave it resident in the heap. */
        size_t standard = a->block_size ? a->block_size : BLOCK_SIZE;
        bool big = size > standard / 4;
        size_t cap = big ? size : standard;
        if (cap > SIZE_MAX - sizeof(arena_block))
            arena_out_of_memory();
        arena_block *nb = malloc(sizeof(arena_block) + cap);
        if (!nb)
            arena_out_of_memory();
        nb->used = 0;
        nb->size = cap;
        big_pages(nb->data, cap);
        if (b && big) {
            /* A big block goes behind the current one, which keeps filling. */
            nb->next = b->next;
            b->next = nb;
        } else {
            nb->next = b;
            a->blocks = nb;
            a->block_size = standard < BLOCK_MAX ? standard * 2 : BLOCK_MAX;
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

/* An open-addressing hash set of the interned strings, and the block their bytes are packed
   into. The slots are malloc'd (they grow); the strings live in the arena. */
struct arena_names {
    struct name_slot {
        const char *text; /* NULL: empty */
        uint32_t len, hash;
    } *slots;
    size_t cap, count;  /* cap is a power of two */
    char *pack;         /* free bytes for strings, from an arena block */
    size_t pack_left;
};

static uint32_t hash_bytes(const char *s, size_t len) {
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static void names_grow(arena_names *n) {
    size_t cap = n->cap ? n->cap * 2 : 1024;
    struct name_slot *slots = calloc(cap, sizeof *slots);
    if (!slots)
        arena_out_of_memory();
    for (size_t i = 0; i < n->cap; i++)
        if (n->slots[i].text) {
            size_t j = n->slots[i].hash & (cap - 1);
            while (slots[j].text)
                j = (j + 1) & (cap - 1);
            slots[j] = n->slots[i];
        }
    free(n->slots);
    n->slots = slots;
    n->cap = cap;
}

const char *arena_intern(arena *a, const char *s, size_t len) {
    if (len > UINT32_MAX - 1)
        return arena_strndup(a, s, len);
    arena_names *n = a->names;
    if (!n) {
        n = calloc(1, sizeof *n);
        if (!n)
            arena_out_of_memory();
        a->names = n;
    }
    if ((n->count + 1) * 2 > n->cap)
        names_grow(n);
    uint32_t h = hash_bytes(s, len);
    size_t j = h & (n->cap - 1);
    for (; n->slots[j].text; j = (j + 1) & (n->cap - 1))
        if (n->slots[j].hash == h && n->slots[j].len == len && memcmp(n->slots[j].text, s, len) == 0)
            return n->slots[j].text;
    if (n->pack_left < len + 1) {
        size_t size = len + 1 > BLOCK_SIZE / 8 ? len + 1 : BLOCK_SIZE / 2;
        n->pack = arena_alloc(a, size);
        n->pack_left = size;
    }
    char *p = n->pack;
    memcpy(p, s, len);
    p[len] = '\0';
    n->pack += len + 1;
    n->pack_left -= len + 1;
    n->slots[j].text = p;
    n->slots[j].len = (uint32_t)len;
    n->slots[j].hash = h;
    n->count++;
    return p;
}

arena *arena_part(arena *a, size_t align) {
    arena *part = arena_alloc(a, sizeof *part);
    part->align = align;
    part->next_part = a->parts;
    a->parts = part;
    return part;
}

void arena_free(arena *a) {
    for (arena *part = a->parts; part; part = part->next_part)
        arena_free(part); /* its struct is in a block of a: freed below */
    a->parts = NULL;
    if (a->names) {
        free(a->names->slots);
        free(a->names);
        a->names = NULL;
    }
    arena_block *b = a->blocks;
    while (b) {
        arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->blocks = NULL;
    a->block_size = 0;
}
