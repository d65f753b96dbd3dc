/*
** Arena allocation: everything of one compilation (sources, syntax tree, model) comes from one
** arena and goes back to the system in one call.
*/
#ifndef DSL_ARENA_H
#define DSL_ARENA_H

#include <stddef.h>

typedef struct arena_block arena_block;
typedef struct arena_names arena_names;

typedef struct arena {
    arena_block *blocks;
    arena_names *names; /* the interned strings (arena_intern), created on first use */
    struct arena *parts, *next_part; /* the arenas made by arena_part; this one's sibling */
    size_t align;      /* of every allocation; 0: for any type (max_align_t) */
    size_t block_size; /* of the next standard block; 0: the first */
} arena;

/* size bytes aligned for any type (or to the arena's align), zeroed. Out of memory ends the
   program with a message. */
void *arena_alloc(arena *a, size_t size);

/* count elements of size bytes each, zeroed; the product is checked for overflow. */
void *arena_array(arena *a, size_t count, size_t size);

/* A NUL-terminated copy of len bytes at s. */
char *arena_strndup(arena *a, const char *s, size_t len);

/* The one NUL-terminated copy in the arena of the len bytes at s: the same pointer for the same
   bytes every time (identifiers repeat on every line of a spec; one copy each, packed without
   alignment). The result must not be written to. */
const char *arena_intern(arena *a, const char *s, size_t len);

/* A NUL-terminated copy of s. */
char *arena_strdup(arena *a, const char *s);

/* A string made by printf. */
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A new empty arena freed with a (arena_free(a) frees it too), or before, alone, by
   arena_free on it: for what dies before the rest (the syntax tree, once the model is built).
   Its allocations are aligned to align (a power of two; 0: for any type), which packs small
   nodes tighter. */
arena *arena_part(arena *a, size_t align);

/* Frees every allocation of the arena and of its parts; the arena may be used again. */
void arena_free(arena *a);

/* Reports that memory ran out and ends the program with exit status 2. */
_Noreturn void arena_out_of_memory(void);


/* malloc/realloc that end the program with a message when memory runs out. */
void *xrealloc(void *p, size_t size);

#endif
