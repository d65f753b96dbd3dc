/*
** transitc replay: checks a recorded history (JSON lines, CSV, or a store's MACHINE_history
** table) against a spec, one record at a time. replay.c checks and reports; replay_log.c reads
** JSON lines and CSV; replay_store.c reads SQLite and PostgreSQL.
*/
#ifndef GEN_REPLAY_H
#define GEN_REPLAY_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "model.h"

/* The fields of a record: id, default name in a log, required. */
#define REPLAY_FIELDS(X)                                                                           \
    X(INSTANCE, "instance", true)                                                                  \
    X(SEQ, "seq", false)                                                                           \
    X(FROM, "from", false)                                                                         \
    X(TRIGGER, "trigger", true)                                                                    \
    X(INITIATOR, "initiator", true)                                                                \
    X(TO, "to", true)                                                                              \
    X(TIME, "time", false)                                                                         \
    X(GUARDS, "guards", false)

typedef enum replay_field {
#define REPLAY_FIELD_ENUM(id, name, required) REPLAY_##id,
    REPLAY_FIELDS(REPLAY_FIELD_ENUM)
#undef REPLAY_FIELD_ENUM
        REPLAY_FIELD_COUNT
} replay_field;

/* One recorded transition, every field as text (NULL: absent): seq in decimal, guards as
   space-separated names (the store's form), time in RFC 3339. */
typedef struct replay_record {
    uint64_t line; /* the line it starts on; for a database, the history row's id */
    const char *text[REPLAY_FIELD_COUNT];
} replay_record;

/* The checker the readers feed (replay.c). */
typedef struct replay replay;

/* Checks one record and applies it to its instance; reports every violation. */
void replay_record_check(replay *rp, const replay_record *r);

/* Reports a record that cannot be read (column 0: none); the record is skipped. */
void replay_malformed(replay *rp, uint64_t line, uint64_t column, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* What a log reader needs: the key of each field in this log, and where to read. */
typedef struct replay_log {
    const char *keys[REPLAY_FIELD_COUNT];
    FILE *in;
    const char *name;       /* for I/O errors */
    uint64_t skipped_lines; /* lines of in already read (blank ones) */
} replay_log;

/* The longest record a log may hold; a longer one is reported and skipped unread. */
#define REPLAY_MAX_RECORD (1u << 20)

/* Reads JSON lines / CSV (RFC 4180, with a header row) from log->in to the end, feeding every
   record to rp. Returns false after printing an I/O error. */
bool replay_read_json(replay *rp, const replay_log *log);
bool replay_read_csv(replay *rp, const replay_log *log);

/* Whether this build reads databases of each kind. */
bool replay_store_sqlite_available(void);
bool replay_store_pq_available(void);

/* Reads table MACHINE_history of the database at target (a path for SQLite, a PostgreSQL URI),
   in the order of its ids, feeding every row to rp. Returns false after printing an error
   (cannot open, no such table, a query error). */
bool replay_read_sqlite(replay *rp, const char *path, const char *machine);
bool replay_read_pq(replay *rp, const char *uri, const char *machine);

/* Replays the sources (files, '-', sqlite:PATH, postgresql://...) through machine m, printing
   the reports and the summary to standard output (as JSON lines when json); keys: the log's
   name of each field; input: 'j' JSON lines, 'c' CSV, 0 by name or content. Returns the exit
   status as replay_main does. */
int replay_run(const model_machine *m, bool json, const replay_log *keys, char input,
               const char *const *sources, int source_count);

/* The replay command: argv[0] is "replay", then SPEC [OPTION]... [SOURCE]... Returns the exit
   status: 0 every record fits the spec, 1 a violation or an unreadable record, 2 usage, spec or
   I/O error. */
int replay_main(int argc, char **argv);

#endif
