/*
** Reading a store's history for transitc replay: the rows of MACHINE_history (the store's
** append-only log, see the store's SQL shape) in the order of their ids, through libsqlite3 or
** libpq, each library only when the build found it. Rows stream: neither library holds the table.
*/
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "escape.h"
#include "replay.h"
#include "sql.h"

#ifdef TRANSIT_HAVE_SQLITE
#include <sqlite3.h>
#endif
#ifdef TRANSIT_HAVE_PQ
#include <libpq-fe.h>
#endif

/* The columns read, in the order of replay_field (history has no column for a field: -1). */
#define HISTORY_COLUMNS "id, instance_id, seq, from_state, trigger, initiator, to_state"
enum { COLUMN_ID, COLUMN_FIRST_FIELD };

/* SELECT ... FROM "PREFIX_history" ORDER BY id: the table named as the SQL emitters name it
   (sql_prefix: long machine names are shortened), quoted by the dialect's ident; at (the commit
   time) as the dialect's expression atexpr. The caller frees the text. */
static char *history_query(const char *machine, void (*ident)(out *o, const char *s),
                           const char *atexpr) {
    arena a = {0};
    const sql_dialect dialect = {.ident = ident};
    out o = {0};
    out_puts(&o, "SELECT " HISTORY_COLUMNS ", guards, ");
    out_puts(&o, atexpr);
    out_puts(&o, " FROM ");
    sql_name(&o, &dialect, sql_prefix(&a, machine), "_history");
    out_puts(&o, " ORDER BY id");
    arena_free(&a);
    return o.data;
}

/* Column i of a row (after id) -> the record field. */
static const replay_field column_field[] = {REPLAY_INSTANCE, REPLAY_SEQ,       REPLAY_FROM,
                                            REPLAY_TRIGGER,  REPLAY_INITIATOR, REPLAY_TO,
                                            REPLAY_GUARDS,   REPLAY_TIME};
enum { FIELD_COLUMNS = sizeof column_field / sizeof column_field[0] };

static uint64_t row_id(const char *text) {
    return text ? strtoull(text, NULL, 10) : 0;
}

#ifdef TRANSIT_HAVE_SQLITE
bool replay_store_sqlite_available(void) {
    return true;
}

bool replay_read_sqlite(replay *rp, const char *path, const char *machine) {
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    /* at is TEXT YYYY-MM-DDTHH:MM:SS.SSSZ already. */
    char *sql = history_query(machine, escape_sqlite_ident, "at");
    bool ok = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
              sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK;
    int rc = SQLITE_DONE;
    while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        replay_record r = {.line = row_id((const char *)sqlite3_column_text(st, COLUMN_ID))};
        for (int i = 0; i < FIELD_COLUMNS; i++)
            r.text[column_field[i]] = (const char *)sqlite3_column_text(st, COLUMN_FIRST_FIELD + i);
        replay_record_check(rp, &r);
    }
    ok = ok && rc == SQLITE_DONE;
    if (!ok)
        fprintf(stderr, "transitc: error: sqlite:%s: %s\n", path,
                db ? sqlite3_errmsg(db) : "out of memory");
    sqlite3_finalize(st);
    sqlite3_close(db);
    free(sql);
    return ok;
}
#else
bool replay_store_sqlite_available(void) {
    return false;
}

bool replay_read_sqlite(replay *rp, const char *path, const char *machine) {
    (void)rp, (void)machine;
    fprintf(stderr, "transitc: error: sqlite:%s: this transitc was built without SQLite\n", path);
    return false;
}
#endif

#ifdef TRANSIT_HAVE_PQ
bool replay_store_pq_available(void) {
    return true;
}

bool replay_read_pq(replay *rp, const char *uri, const char *machine) {
    PGconn *db = PQconnectdb(uri);
    /* at is timestamptz: written in UTC as the SQLite store writes it. */
    char *sql = history_query(
        machine, escape_postgresql_ident,
        "to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')");
    bool ok = PQstatus(db) == CONNECTION_OK && PQsendQuery(db, sql) && PQsetSingleRowMode(db);
    PGresult *res;
    const char *error = NULL;
    char *message = NULL;
    while (ok && (res = PQgetResult(db)) != NULL) {
        ExecStatusType status = PQresultStatus(res);
        if (status == PGRES_SINGLE_TUPLE) {
            replay_record r = {.line = row_id(PQgetvalue(res, 0, COLUMN_ID))};
            for (int i = 0; i < FIELD_COLUMNS; i++)
                r.text[column_field[i]] = PQgetisnull(res, 0, COLUMN_FIRST_FIELD + i)
                                              ? NULL
                                              : PQgetvalue(res, 0, COLUMN_FIRST_FIELD + i);
            replay_record_check(rp, &r);
        } else if (status != PGRES_TUPLES_OK && !message) {
            message = strdup(PQresultErrorMessage(res));
            if (!message)
                arena_out_of_memory();
        }
        PQclear(res);
    }
    if (!ok)
        error = PQerrorMessage(db);
    else if (message)
        error = message;
    if (error) {
        size_t len = strcspn(error, "\n"); /* the first line: libpq adds hints below */
        while (len && error[len - 1] == ' ')
            len--;
        /* The URI may hold a password: name the database by its connection's name only. */
        fprintf(stderr, "transitc: error: postgresql database '%s': %.*s\n",
                PQdb(db) ? PQdb(db) : "?", (int)len, error);
    }
    free(message);
    free(sql);
    PQfinish(db);
    return error == NULL;
}
#else
bool replay_store_pq_available(void) {
    return false;
}

bool replay_read_pq(replay *rp, const char *uri, const char *machine) {
    (void)rp, (void)uri, (void)machine;
    fprintf(stderr, "transitc: error: this transitc was built without PostgreSQL (libpq)\n");
    return false;
}
#endif
