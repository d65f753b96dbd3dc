/*
** The store and the SQL emitters must name a machine's tables alike: transit_store_prefix and
** the generator's sql_prefix agree on names of every length up to the 128 bytes an identifier may
** have, and keep every prefix within 39 bytes (PostgreSQL's 63 with the longest suffix).
*/
#include <stdio.h>
#include <string.h>

#include "sql.h"
#include "transit_store.h"

int main(void) {
    arena a = {0};
    char name[129], store[40];
    int failures = 0;
    for (size_t len = 1; len <= 128; len++) {
        for (size_t i = 0; i < len; i++)
            name[i] = (char)('a' + (i * 7 + len) % 26);
        name[len] = '\0';
        const char *gen = sql_prefix(&a, name);
        transit_store_prefix(name, store);
        if (strcmp(gen, store) != 0 || strlen(store) > 39 || (len <= 39) != (strcmp(store, name) == 0)) {
            fprintf(stderr, "FAIL: %zu bytes: generator '%s', store '%s'\n", len, gen, store);
            failures++;
        }
    }
    arena_free(&a);
    printf("%s\n", failures ? "prefixes differ" : "128 names: the store and the emitters agree");
    return failures != 0;
}
