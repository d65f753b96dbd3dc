/*
** Fires per second through the store (the enforced fire: read, decide, the checked UPDATE and its
** history row by the generated triggers, one transaction) against a hand-written fire doing the
** same work without enforcement on plain tables of the same shape (read; UPDATE ... SET state,
** seq = seq + 1 WHERE id AND seq; the history INSERT; one transaction), same settings.
**   store_bench SCHEMA.sqlite.sql PATH normal|full FIRES
**   store_bench SCHEMA.postgresql.sql URL CLIENTS FIRES
** The machine is bindplane_collector; each instance goes connected -fail-> error -recover->
** connected, by self, again and again. Prints one Markdown table row.
*/
#define _POSIX_C_SOURCE 200809L
#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bindplane_collector.h"
#include "transit_store.h"

static const transit_machine *const M = &bindplane_collector_machine;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static char *slurp(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) == (size_t)n)
        s[n] = '\0';
    fclose(f);
    return s;
}

static const char *hand_schema =
    "CREATE TABLE hand_instance (id TEXT PRIMARY KEY, state TEXT NOT NULL, seq BIGINT NOT NULL,"
    " last_trigger TEXT, last_initiator TEXT, last_actor TEXT, last_reason TEXT);"
    "CREATE TABLE hand_history (id %s, instance_id TEXT NOT NULL, seq BIGINT NOT NULL,"
    " from_state TEXT, to_state TEXT NOT NULL, trigger TEXT, initiator TEXT NOT NULL,"
    " actor TEXT, reason TEXT, at %s NOT NULL, UNIQUE (instance_id, seq));";

static void die(const char *what, const char *msg) {
    fprintf(stderr, "store_bench: %s: %s\n", what, msg);
    exit(1);
}

/* The enforced fires of one client: fires alternating fail/recover on its instance. */
static void enforced(const char *where, const char *sync, const char *id, int fires) {
    char err[512];
    transit_store *s = transit_store_open(where, err, sizeof err);
    if (!s)
        die("open", err);
    if (sync && transit_store_exec(s, strcmp(sync, "full") == 0 ? "PRAGMA synchronous = FULL"
                                                                : "PRAGMA synchronous = NORMAL") != TRANSIT_OK)
        die("pragma", transit_store_error(s));
    for (int i = 0; i < fires; i++) {
        int trigger = i % 2 ? BINDPLANE_COLLECTOR_TRIGGER_RECOVER : BINDPLANE_COLLECTOR_TRIGGER_FAIL;
        if (transit_store_fire(s, M, id, trigger, TRANSIT_SELF, NULL, "bench", NULL, NULL, NULL,
                               NULL) != TRANSIT_OK)
            die("fire", transit_store_error(s));
    }
    transit_store_close(s);
}

static void sqlite_ok(sqlite3 *db, int rc, int want) {
    if (rc != want)
        die("sqlite", sqlite3_errmsg(db));
}

/* The hand-written fires on SQLite. */
static void hand_sqlite(const char *path, const char *sync, const char *id, int fires) {
    sqlite3 *db;
    sqlite_ok(NULL, sqlite3_open(path, &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    char pragma[128];
    snprintf(pragma, sizeof pragma, "PRAGMA journal_mode = WAL; PRAGMA synchronous = %s",
             strcmp(sync, "full") == 0 ? "FULL" : "NORMAL");
    sqlite_ok(db, sqlite3_exec(db, pragma, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_stmt *sel, *upd, *ins;
    sqlite_ok(db, sqlite3_prepare_v2(db, "SELECT state, seq FROM hand_instance WHERE id = ?1", -1, &sel, NULL), SQLITE_OK);
    sqlite_ok(db, sqlite3_prepare_v2(db, "UPDATE hand_instance SET state = ?2, seq = seq + 1, last_trigger = ?4,"
                                         " last_initiator = 'self', last_actor = 'bench' WHERE id = ?1 AND seq = ?3",
                                     -1, &upd, NULL), SQLITE_OK);
    sqlite_ok(db, sqlite3_prepare_v2(db, "INSERT INTO hand_history (instance_id, seq, from_state, to_state, trigger,"
                                         " initiator, actor, at) VALUES (?1, ?2, ?3, ?4, ?5, 'self', 'bench',"
                                         " strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                                     -1, &ins, NULL), SQLITE_OK);
    for (int i = 0; i < fires; i++) {
        sqlite_ok(db, sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
        sqlite3_bind_text(sel, 1, id, -1, SQLITE_STATIC);
        sqlite_ok(db, sqlite3_step(sel), SQLITE_ROW);
        char from[64];
        snprintf(from, sizeof from, "%s", (const char *)sqlite3_column_text(sel, 0));
        sqlite3_int64 seq = sqlite3_column_int64(sel, 1);
        sqlite3_reset(sel);
        const char *to = i % 2 ? "connected" : "error", *trig = i % 2 ? "recover" : "fail";
        sqlite3_bind_text(upd, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(upd, 2, to, -1, SQLITE_STATIC);
        sqlite3_bind_int64(upd, 3, seq);
        sqlite3_bind_text(upd, 4, trig, -1, SQLITE_STATIC);
        sqlite_ok(db, sqlite3_step(upd), SQLITE_DONE);
        sqlite3_reset(upd);
        sqlite3_bind_text(ins, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_int64(ins, 2, seq + 1);
        sqlite3_bind_text(ins, 3, from, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 4, to, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 5, trig, -1, SQLITE_STATIC);
        sqlite_ok(db, sqlite3_step(ins), SQLITE_DONE);
        sqlite3_reset(ins);
        sqlite_ok(db, sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
    }
    sqlite3_finalize(sel);
    sqlite3_finalize(upd);
    sqlite3_finalize(ins);
    sqlite3_close(db);
}

static PGresult *pg_ok(PGconn *c, PGresult *r) {
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
        die("postgresql", PQerrorMessage(c));
    return r;
}

/* The hand-written fires on PostgreSQL. */
static void hand_pg(const char *url, const char *id, int fires) {
    PGconn *c = PQconnectdb(url);
    if (PQstatus(c) != CONNECTION_OK)
        die("connect", PQerrorMessage(c));
    PQclear(pg_ok(c, PQprepare(c, "sel", "SELECT state, seq FROM hand_instance WHERE id = $1 FOR UPDATE", 1, NULL)));
    PQclear(pg_ok(c, PQprepare(c, "upd", "UPDATE hand_instance SET state = $2, seq = seq + 1, last_trigger = $4,"
                                         " last_initiator = 'self', last_actor = 'bench' WHERE id = $1 AND seq = $3", 4, NULL)));
    PQclear(pg_ok(c, PQprepare(c, "ins", "INSERT INTO hand_history (instance_id, seq, from_state, to_state, trigger,"
                                         " initiator, actor, at) VALUES ($1, $2, $3, $4, $5, 'self', 'bench', now())", 5, NULL)));
    for (int i = 0; i < fires; i++) {
        PQclear(pg_ok(c, PQexec(c, "BEGIN")));
        const char *p1[1] = {id};
        PGresult *r = pg_ok(c, PQexecPrepared(c, "sel", 1, p1, NULL, NULL, 0));
        char from[64], seq[32], next[32];
        snprintf(from, sizeof from, "%s", PQgetvalue(r, 0, 0));
        snprintf(seq, sizeof seq, "%s", PQgetvalue(r, 0, 1));
        snprintf(next, sizeof next, "%lld", atoll(seq) + 1);
        PQclear(r);
        const char *to = i % 2 ? "connected" : "error", *trig = i % 2 ? "recover" : "fail";
        const char *p4[4] = {id, to, seq, trig};
        PQclear(pg_ok(c, PQexecPrepared(c, "upd", 4, p4, NULL, NULL, 0)));
        const char *p5[5] = {id, next, from, to, trig};
        PQclear(pg_ok(c, PQexecPrepared(c, "ins", 5, p5, NULL, NULL, 0)));
        PQclear(pg_ok(c, PQexec(c, "COMMIT")));
    }
    PQfinish(c);
}

/* Runs clients processes of fn over instances b0.., returns fires per second. */
static double run(int clients, int fires, int hand, const char *where, const char *sync, int pg) {
    double t0 = now();
    for (int k = 0; k < clients; k++) {
        pid_t p = fork();
        if (p == 0) {
            char id[16];
            snprintf(id, sizeof id, "b%d", k);
            if (!hand)
                enforced(where, sync, id, fires);
            else if (pg)
                hand_pg(where, id, fires);
            else
                hand_sqlite(where, sync, id, fires);
            _exit(0);
        }
    }
    int ok = 1, status;
    while (wait(&status) > 0)
        ok &= WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (!ok)
        die("run", "a client failed");
    return clients * fires / (now() - t0);
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: store_bench SCHEMA PATH normal|full FIRES | SCHEMA URL CLIENTS FIRES\n");
        return 2;
    }
    int pg = strncmp(argv[2], "postgres", 8) == 0;
    int clients = pg ? atoi(argv[3]) : 1, fires = atoi(argv[4]);
    const char *sync = pg ? NULL : argv[3];
    char err[512];
    if (!pg)
        remove(argv[2]);
    transit_store *s = transit_store_open(argv[2], err, sizeof err);
    if (!s)
        die("open", err);
    char *sql = slurp(argv[1]), hand[2048];
    snprintf(hand, sizeof hand, hand_schema, pg ? "bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY" : "INTEGER PRIMARY KEY",
             pg ? "timestamptz" : "TEXT");
    if (pg) {
        transit_store_exec(s, "DROP TABLE IF EXISTS hand_history, hand_instance, bindplane_collector_history,"
                              " bindplane_collector_instance, bindplane_collector_transition,"
                              " bindplane_collector_trigger, bindplane_collector_state CASCADE");
        transit_store_exec(s, "DROP FUNCTION IF EXISTS bindplane_collector_refuse, bindplane_collector_instance_insert,"
                              " bindplane_collector_instance_inserted, bindplane_collector_instance_update,"
                              " bindplane_collector_instance_updated, bindplane_collector_history_insert CASCADE");
    }
    if (!sql || transit_store_exec(s, sql) != TRANSIT_OK || transit_store_exec(s, hand) != TRANSIT_OK)
        die("schema", transit_store_error(s));
    for (int k = 0; k < clients; k++) {
        char id[16], row[128];
        snprintf(id, sizeof id, "b%d", k);
        snprintf(row, sizeof row, "INSERT INTO hand_instance (id, state, seq) VALUES ('%s', 'connected', 0)", id);
        if (transit_store_create(s, M, id) != TRANSIT_OK || transit_store_exec(s, row) != TRANSIT_OK)
            die("create", transit_store_error(s));
    }
    transit_store_close(s);
    /* Alternate hand and enforced runs (3 each), keep the best of each. */
    double best_hand = 0, best_enf = 0;
    for (int round = 0; round < 3; round++) {
        double h = run(clients, fires, 1, argv[2], sync, pg);
        double e = run(clients, fires, 0, argv[2], sync, pg);
        best_hand = h > best_hand ? h : best_hand;
        best_enf = e > best_enf ? e : best_enf;
    }
    printf("| %s | %s | %.0f | %.0f | %.2fx |\n", pg ? "PostgreSQL 15" : "SQLite WAL",
           pg ? (clients == 1 ? "1 client" : "8 clients") : (strcmp(sync, "full") == 0 ? "synchronous FULL" : "synchronous NORMAL"),
           best_hand, best_enf, best_hand / best_enf);
    free(sql);
    return 0;
}
