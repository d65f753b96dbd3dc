/*
** Open-addressing hash map (FNV-1a, linear probing) from strings to indexes.
*/
#include "names.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

static uint32_t hash(const char *s) {
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

int64_t names_get(const names *n, const char *key) {
    if (!n->cap)
        return -1;
    for (uint32_t i = hash(key) & (n->cap - 1);; i = (i + 1) & (n->cap - 1)) {
        if (!n->keys[i])
            return -1;
        if (strcmp(n->keys[i], key) == 0)
            return n->values[i];
    }
}

static void grow(names *n) {
    uint32_t cap = n->cap ? n->cap * 2 : 64;
    const char **keys = xrealloc(NULL, cap * sizeof *keys);
    uint32_t *values = xrealloc(NULL, cap * sizeof *values);
    memset(keys, 0, cap * sizeof *keys);
    for (uint32_t j = 0; j < n->cap; j++) {
        if (!n->keys[j])
            continue;
        uint32_t i = hash(n->keys[j]) & (cap - 1);
        while (keys[i])
            i = (i + 1) & (cap - 1);
        keys[i] = n->keys[j];
        values[i] = n->values[j];
    }
    free(n->keys);
    free(n->values);
    n->keys = keys;
    n->values = values;
    n->cap = cap;
}

uint32_t names_put(names *n, const char *key, uint32_t value) {
    if ((n->count + 1) * 2 > n->cap)
        grow(n);
    uint32_t i = hash(key) & (n->cap - 1);
    for (; n->keys[i]; i = (i + 1) & (n->cap - 1))
        if (strcmp(n->keys[i], key) == 0)
            return n->values[i];
    n->keys[i] = key;
    n->values[i] = value;
    n->count++;
    return value;
}

void names_free(names *n) {
    free(n->keys);
    free(n->values);
    memset(n, 0, sizeof *n);
}
