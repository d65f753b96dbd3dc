/*
** A hash map from names to indexes, so every name lookup of the checker is O(1); and the
** closest name to a misspelt one, for did-you-mean.
*/
#ifndef GEN_NAMES_H
#define GEN_NAMES_H

#include <stddef.h>
#include <stdint.h>

typedef struct names {
    const char **keys;
    uint32_t *values;
    uint32_t count, cap; /* cap is a power of two, or 0 */
} names;

/* The index stored for key, or -1. */
int64_t names_get(const names *n, const char *key);

/* Stores key -> value unless key is there already; returns the value now stored for key. The
   key is not copied: it must outlive the map. */
uint32_t names_put(names *n, const char *key, uint32_t value);

void names_free(names *n);

/* The closest of count names to name when close enough to be a likely typo (about one edit in
   three letters; swapping two neighbouring letters is one edit), else NULL. The names are read
   as the const char * at the start of each of count items stride bytes apart (a struct array
   whose first member is the name). */
const char *names_closest(const char *name, const void *items, size_t stride, size_t count);

#endif
