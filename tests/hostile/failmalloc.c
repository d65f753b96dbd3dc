/*
** Malloc failure injection for hostile.sh (LD_PRELOAD): the allocation numbered FAILMALLOC_AT
** (from 1; malloc, calloc and realloc counted together) returns NULL, every other one succeeds.
** FAILMALLOC_AT=0 counts only and prints the total at exit to stderr.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t count, size_t size);
extern void *__libc_realloc(void *p, size_t size);

static long count, fail_at = -1;

static void report(void) { fprintf(stderr, "failmalloc: %ld allocations\n", count); }

/* True (with errno set as malloc sets it) when this allocation is the one to fail. */
static int fails(void) {
    if (fail_at < 0) {
        const char *at = getenv("FAILMALLOC_AT");
        fail_at = at ? atol(at) : 0;
        if (fail_at == 0)
            atexit(report);
    }
    if (++count != fail_at)
        return 0;
    errno = ENOMEM;
    return 1;
}

void *malloc(size_t size) { return fails() ? NULL : __libc_malloc(size); }
void *calloc(size_t count_, size_t size) { return fails() ? NULL : __libc_calloc(count_, size); }
void *realloc(void *p, size_t size) { return fails() ? NULL : __libc_realloc(p, size); }
