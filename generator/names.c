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

/* The edit distance between a and b, counting a swap of two neighbouring characters as one
   edit (so "regsitered" is one edit from "registered"), or limit + 1 when it exceeds limit. */
static size_t distance(const char *a, const char *b, size_t limit) {
    size_t la = strlen(a), lb = strlen(b);
    if ((la > lb ? la - lb : lb - la) > limit || lb > 256)
        return limit + 1;
    /* Three rows of the table: two rows back (for swaps), the last row, the current row. */
    size_t rows[3][257];
    size_t *back = rows[0], *last = rows[1], *row = rows[2];
    for (size_t j = 0; j <= lb; j++)
        last[j] = j;
    for (size_t i = 1; i <= la; i++) {
        size_t best = row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = last[j - 1] + (a[i - 1] != b[j - 1]);
            if (row[j - 1] + 1 < cost)
                cost = row[j - 1] + 1;
            if (last[j] + 1 < cost)
                cost = last[j] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                back[j - 2] + 1 < cost)
                cost = back[j - 2] + 1;
            row[j] = cost;
            if (cost < best)
                best = cost;
        }
        if (best > limit)
            return limit + 1;
        size_t *spare = back;
        back = last;
        last = row;
        row = spare;
    }
    return last[lb];
}

const char *names_closest(const char *name, const void *items, size_t stride, size_t count) {
    size_t limit = strlen(name) / 3 + 1, best = limit + 1;
    const char *found = NULL;
    for (size_t i = 0; i < count; i++) {
        const char *cand = *(const char *const *)((const char *)items + i * stride);
        size_t dist = distance(name, cand, best == limit + 1 ? limit : best - 1);
        if (dist < best) {
            best = dist;
            found = cand;
        }
    }
    return found;
}
