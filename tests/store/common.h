/*
** What the store's tests share: reading a schema file, pausing, and a store over a fresh
** database (a new SQLite file, or a new database in the fixture's PostgreSQL cluster) with the
** generated schema loaded, as a cmocka setup and teardown.
*/
#ifndef TESTS_STORE_COMMON_H
#define TESTS_STORE_COMMON_H

#include <stddef.h>

#include "transit_store.h"

/* The whole file at path, NUL-terminated (malloc'd), or NULL when it cannot be read. */
char *store_slurp(const char *path);

/* Sleeps ms milliseconds. */
void store_sleep_ms(long ms);

/* A store over a fresh database with schema_path's SQL loaded. where is a PostgreSQL URL (then
   database db is dropped and made again in that cluster) or a SQLite file (then it and its -wal
   and -shm files are removed first). url (url_size bytes) receives what was opened, for a second
   connection. NULL after a message on stderr. */
transit_store *store_fresh(const char *where, const char *db, const char *schema_path, char *url,
                           size_t url_size);

/* The database of a cmocka test program, from its command line: SCHEMA.sql PATH|postgresql. */
typedef struct store_test_db {
    const char *schema; /* the generated SQL to load */
    const char *where;  /* a SQLite file, or the cluster's URL (TRANSIT_PG_URL) */
    const char *db;     /* the database made afresh on PostgreSQL */
    int pg;             /* on PostgreSQL */
    char url[1024];     /* what store_setup opened */
} store_test_db;

extern store_test_db store_fixture;

/* Fills store_fixture from argv (prog SCHEMA.sql PATH|postgresql, "postgresql" meaning
   TRANSIT_PG_URL, which tests/store/pg.sh sets) with db as the PostgreSQL database's name. 0, or 2
   after a message. */
int store_fixture_args(int argc, char **argv, const char *db);

/* cmocka setup: *state is a store over a fresh database (store_fresh) with the schema loaded. */
int store_setup(void **state);

/* cmocka teardown: closes the store. */
int store_teardown(void **state);

#endif
