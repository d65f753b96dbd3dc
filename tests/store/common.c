/*
** What the store's tests share (common.h).
*/
#define _POSIX_C_SOURCE 200809L
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

store_test_db store_fixture;

char *store_slurp(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s && fread(s, 1, (size_t)n, f) == (size_t)n) {
        s[n] = '\0';
    } else {
        free(s);
        s = NULL;
    }
    fclose(f);
    return s;
}

void store_sleep_ms(long ms) {
    struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
    nanosleep(&t, NULL);
}

transit_store *store_fresh(const char *where, const char *db, const char *schema_path, char *url,
                           size_t url_size) {
    char err[512];
    if (strncmp(where, "postgresql://", 13) == 0) {
        transit_store *admin = transit_store_open(where, err, sizeof err);
        if (!admin) {
            fprintf(stderr, "%s\n", err);
            return NULL;
        }
        char sql[256];
        snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s", db);
        transit_store_exec(admin, sql);
        snprintf(sql, sizeof sql, "CREATE DATABASE %s", db);
        if (transit_store_exec(admin, sql) != TRANSIT_OK) {
            fprintf(stderr, "%s\n", transit_store_error(admin));
            transit_store_close(admin);
            return NULL;
        }
        transit_store_close(admin);
        snprintf(url, url_size, "%.*s/%s", (int)(strrchr(where, '/') - where), where, db);
    } else {
        char side[1100];
        snprintf(url, url_size, "%s", where);
        remove(url);
        snprintf(side, sizeof side, "%s-wal", url);
        remove(side);
        snprintf(side, sizeof side, "%s-shm", url);
        remove(side);
    }
    transit_store *s = transit_store_open(url, err, sizeof err);
    if (!s) {
        fprintf(stderr, "%s\n", err);
        return NULL;
    }
    char *sql = store_slurp(schema_path);
    if (!sql || transit_store_exec(s, sql) != TRANSIT_OK) {
        fprintf(stderr, "loading %s: %s\n", schema_path,
                sql ? transit_store_error(s) : "cannot read it");
        free(sql);
        transit_store_close(s);
        return NULL;
    }
    free(sql);
    return s;
}

int store_fixture_args(int argc, char **argv, const char *db) {
    if (argc < 3) {
        fprintf(stderr, "usage: %s SCHEMA.sql PATH|postgresql\n", argv[0]);
        return 2;
    }
    store_fixture.schema = argv[1];
    store_fixture.db = db;
    store_fixture.pg = strcmp(argv[2], "postgresql") == 0;
    store_fixture.where = store_fixture.pg ? getenv("TRANSIT_PG_URL") : argv[2];
    if (!store_fixture.where) {
        fprintf(stderr, "%s: TRANSIT_PG_URL is not set (run through tests/store/pg.sh)\n", argv[0]);
        return 2;
    }
    return 0;
}

int store_setup(void **state) {
    store_test_db *f = &store_fixture;
    transit_store *s = store_fresh(f->where, f->db, f->schema, f->url, sizeof f->url);
    if (!s)
        return -1;
    *state = s;
    return 0;
}

int store_teardown(void **state) {
    transit_store_close(*state);
    return 0;
}
